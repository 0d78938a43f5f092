"""Unicode repair and whitespace: the text every later stage can rely on."""

from __future__ import annotations

import re
import unicodedata

import ftfy

from .document import Step

# Zero-width and invisible format characters that scrapers leave inside words; U+200D (ZWJ) is kept
# because emoji sequences need it.
_INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff\u00ad]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
# ftfy costs ~0.7 ms on a 2,000-character document and only acts on text with one of these:
# - a mojibake pair: the lead byte of a UTF-8 sequence read as Latin-1/cp1252 (Â..ô; ‰ in MacRoman)
#   followed by a continuation byte read the same way (Latin-1, or a cp1252/MacRoman symbol);
# - C1 controls, surrogates, terminal escapes, or the format characters ftfy deletes.
# Chinese text with a stray "·", "©" or "é" has none, so it skips ftfy entirely.
_CONTINUATION = (
    "\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_FTFY_MATERIAL = re.compile(
    f"[\xc2-\xf4\u2030][{_CONTINUATION}]"
    "|[\x80-\x9f\ud800-\udfff\x1b\u206a-\u206f\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # the HTML extractor already unescapes; plain text may quote entities on purpose
    fix_latin_ligatures=False,
    fix_character_width=False,  # width is a script-policy decision (transforms.unify), not a repair
    uncurl_quotes=False,
    normalization=None,  # NFC below; NFKC would rewrite Chinese punctuation
    explain=False,
)


def normalize_text(text: str) -> tuple[str, Step]:
    """Repair mojibake, NFC, drop control and zero-width characters, tidy whitespace.

    Lines keep their breaks (the line cleaner works on them); runs of blank lines shrink to one.
    Ideographic space (U+3000) is kept inside lines: Chinese text uses it for indentation.
    """
    before = len(text)
    # Invisibles and controls go first: left in, they split mojibake sequences and combining
    # marks from their base, so repair and composition would only finish on a second call.
    visible = _CONTROL.sub("", _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text)))
    repaired = ftfy.fix_text(visible, _FTFY_CONFIG) if _FTFY_MATERIAL.search(visible) else visible
    fixed = unicodedata.normalize("NFC", repaired)
    lines = (_INLINE_SPACE.sub(" ", line).strip(" \u3000") for line in fixed.split("\n"))
    fixed = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
    detail = "" if fixed == text else "mojibake repaired" if repaired != visible else "whitespace/invisibles"
    return fixed, Step("normalize", max(0, before - len(fixed)), detail)
