"""Script unification (OpenCC) and width/punctuation normalization that respects CJK conventions."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import opencc
from ahocorasick_rs import AhoCorasick

from .chars import HAN
from .document import Step
from .script import line_scripts

# OpenCC configuration per (target, region, regional phrases).
_TO_SIMPLIFIED = {None: "t2s", "tw": "tw2s", "hk": "hk2s"}
_TO_SIMPLIFIED_PHRASES = {None: "t2s", "tw": "tw2sp", "hk": "hk2s"}
_TO_TRADITIONAL = {None: "s2t", "tw": "s2tw", "hk": "s2hk"}
_TO_TRADITIONAL_PHRASES = {None: "s2t", "tw": "s2twp", "hk": "s2hk"}
_SIMPLIFYING = frozenset({*_TO_SIMPLIFIED.values(), *_TO_SIMPLIFIED_PHRASES.values()})
# Full-width ASCII letters and digits (U+FF10.., U+FF21.., U+FF41..) become ASCII; full-width
# punctuation is left alone: it is correct in Chinese text.
_FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}
_CJK_CLOSE = r"」』”）》】"
_ASCII_TO_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# ASCII clause punctuation right after a Han character (or CJK closing mark), or right before one
# when it follows a letter: "美国,人们" → "美国，人们", "Ernst:跟我" → "Ernst：跟我". Never between
# digits (1,000 and 12:30 stay).
# Spaces and tabs around the mark go with it; line breaks never do (they separate paragraphs).
_AFTER_HAN = re.compile(rf"(?<=[{HAN}{_CJK_CLOSE}])[ \t]*([,;:?!])(?!\d)[ \t]*")
_BEFORE_HAN = re.compile(rf"(?<=[A-Za-z)])[ \t]*([,;:?!])[ \t]*(?=[{HAN}])")


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@dataclass(frozen=True, slots=True)
class RegionalMarkers:
    tw: tuple[str, ...]
    hk: tuple[str, ...]
    min_hits: int
    # Every occurrence of every marker in one pass (Aho-Corasick, in Rust). Its counts equal
    # `text.count(word)` summed over the words because no marker overlaps itself ("哈哈" in "哈哈哈"
    # counts once with str.count, twice here) and none is in both lists: checked when built.
    finder: AhoCorasick = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = self.tw + self.hk
        overlapping = [word for word in words if any(word[:n] == word[-n:] for n in range(1, len(word)))]
        if overlapping or len(set(words)) < len(words):
            raise ValueError(f"regional markers must be distinct and not overlap themselves: {overlapping}")
        object.__setattr__(self, "finder", AhoCorasick(words))

    def hits(self, text: str) -> tuple[int, int]:
        """Occurrences of Taiwan markers and of Hong Kong markers in `text`."""
        found = self.finder.find_matches_as_indexes(text, overlapping=True)
        tw = sum(1 for index, _, _ in found if index < len(self.tw))
        return tw, len(found) - tw


@cache
def regional_markers() -> RegionalMarkers:
    """The shipped Taiwan/Hong Kong marker table, parsed once per process."""
    table = tomllib.loads(resources.files(__package__).joinpath("data/regional.toml").read_text("utf-8"))
    return RegionalMarkers(tuple(table["tw"]), tuple(table["hk"]), int(table["min_hits"]))


def detect_region(text: str, markers: RegionalMarkers | None = None) -> str | None:
    """'tw' or 'hk' for Traditional text, from two kinds of evidence, else None.

    First vocabulary (軟體, 捷運 / 嘅, 港鐵), when it is clear. Then regional character forms: the
    characters OpenCC's tw2t (hk2t) rewrites are written the Taiwan (Hong Kong) way, such as the
    aspect particle 著 in 看著, or 衞 and 綫; the region with more of them wins.
    """
    markers = regional_markers() if markers is None else markers
    tw, hk = markers.hits(text)
    if tw >= markers.min_hits and tw >= 2 * hk:
        return "tw"
    if hk >= markers.min_hits and hk >= 2 * tw:
        return "hk"
    tw_forms = _changed_chars(text, converter("tw2t").convert(text))
    hk_forms = _changed_chars(text, converter("hk2t").convert(text))
    if tw_forms > hk_forms:
        return "tw"
    if hk_forms > tw_forms:
        return "hk"
    return None


def _changed_chars(before: str, after: str) -> int:
    return sum(1 for a, b in zip(before, after, strict=False) if a != b) + abs(len(before) - len(after))


def conversion_for(target: str, region: str | None = None, phrases: bool = False) -> str:
    """The OpenCC config that brings Chinese text in the other script to `target` ("hans" or "hant")."""
    if target == "hans":
        return (_TO_SIMPLIFIED_PHRASES if phrases else _TO_SIMPLIFIED)[region]
    return (_TO_TRADITIONAL_PHRASES if phrases else _TO_TRADITIONAL)[region]


def lines_to_convert(text: str, target: str) -> np.ndarray:
    """Which lines (paragraphs) are in the other script, or mixed (han_script's rule: the target's own
    characters do not outnumber the other script's three to one), and not Japanese or Korean. A
    Traditional quotation in a Simplified article is converted, a Japanese one is not, and a brand
    name in a variant character (昇腾) inside a Simplified paragraph is left as written."""
    lines = line_scripts(text)
    return lines.in_other_script(target) & ~lines.japanese_or_korean()


def convert_chinese(text: str, config: str) -> str:
    """OpenCC, then the target's conventions: mainland variants and “” quotes for Simplified, 「」 for
    Traditional. The text, the title and every paragraph go through this one function."""
    converted = converter(config).convert(text)
    if config not in _SIMPLIFYING:
        return convert_quotes_to_traditional(converted)
    taiwan = config.startswith("tw")
    if not taiwan and "著" in converted:
        converted = _read_zhe_as_taiwan_does(text, converted)
    return convert_quotes_to_mainland(to_mainland_variants(converted, taiwan=taiwan))


def _read_zhe_as_taiwan_does(source: str, converted: str) -> str:
    """t2s and hk2s keep 著 everywhere, but the mainland writes the particle 着 (看着, 沿着) and keeps 著
    only for "write, notable" (著作, 显著). Web text in Hong Kong writes the particle 著 as often as 着;
    OpenCC's Taiwan phrases tell the two apart, so each 著 takes tw2s's reading."""
    taiwan = to_mainland_variants(converter("tw2s").convert(source), taiwan=True)
    if len(taiwan) != len(converted):
        return converted
    return "".join(ours if ours != "著" else theirs for ours, theirs in zip(converted, taiwan, strict=True))


def unify_script(
    text: str, target: str, region: str = "none", phrases: bool = False, config: str | None = None
) -> tuple[str, str | None, Step]:
    """Convert the paragraphs of a Chinese text that are in the other script to the target script.

    Each line is judged on its own, so a Traditional paragraph in a Simplified article is converted and
    the rest is left as it is. `region` is "auto" (Taiwan/Hong Kong conventions detected in the lines
    to convert), "tw", "hk" or "none"; `config` forces an OpenCC config (the title follows its text).
    Returns the text, the config used (None when nothing needed converting) and the step.
    """
    if target not in ("hans", "hant"):
        return text, None, Step("unify_script", 0, "kept")
    lines = text.split("\n")
    chosen = lines_to_convert(text, target)
    if not chosen.any():
        return text, None, Step("unify_script", 0, "nothing to convert")
    selected = [line for line, convert in zip(lines, chosen, strict=True) if convert]
    if config is None:
        found = detect_region("\n".join(selected)) if region == "auto" and target == "hans" else None
        config = conversion_for(target, region if region in ("tw", "hk") else found, phrases)
    converted_lines = convert_chinese("\n".join(selected), config).split("\n")  # one OpenCC call
    replacement = iter(converted_lines)
    converted = "\n".join(
        next(replacement) if convert else line for line, convert in zip(lines, chosen, strict=True)
    )
    changed = _changed_chars(text, converted)
    changed_lines = sum(1 for before, after in zip(selected, converted_lines, strict=True) if before != after)
    paragraphs = sum(1 for line in lines if line.strip())
    return (
        converted,
        config,
        Step(
            "unify_script",
            len(text) - len(converted),
            f"{config}: {changed} chars changed in {changed_lines} of {paragraphs} paragraphs",
        ),
    )


# Quotation marks follow the script's convention: Traditional text quotes with 「」 and 『』, mainland
# Simplified with “” and ‘’. Only complete pairs on one line are converted (innermost first), so a
# stray bracket is never half-converted; OpenCC itself leaves them alone.
_CORNER_DOUBLE = re.compile(r"「([^「」“”\n]*)」")
_CORNER_SINGLE = re.compile(r"『([^『』‘’\n]*)』")
_CURLY_DOUBLE = re.compile(r"“([^“”「」\n]*)”")
_CURLY_SINGLE = re.compile(r"‘([^‘’『』\n]*)’")


def _replace_pairs(text: str, pattern: re.Pattern[str], left: str, right: str) -> str:
    while True:
        text, count = pattern.subn(lambda match: f"{left}{match.group(1)}{right}", text)
        if not count:
            return text


@cache
def mainland_variants(taiwan: bool = False) -> tuple[re.Pattern[str], dict[str, str]]:
    """Forms OpenCC leaves non-mainland (牠, 砲, 衞, 帐户 ...): transforms/data/mainland_variants.tsv.
    With `taiwan`, also what tw2s gets wrong (所著 read as 所着)."""
    raw = resources.files(__package__).joinpath("data/mainland_variants.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in raw.splitlines() if line and not line.startswith("#")]
    table = {
        left.removeprefix("tw:"): mainland
        for left, mainland, *_ in rows
        if taiwan or not left.startswith("tw:")
    }
    return re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True))), table


def to_mainland_variants(text: str, taiwan: bool = False) -> str:
    pattern, table = mainland_variants(taiwan)
    return pattern.sub(lambda match: table[match.group(0)], text)


def convert_quotes_to_mainland(text: str) -> str:
    """「…」 → “…” and 『…』 → ‘…’, pairs only."""
    if "「" not in text and "『" not in text:
        return text
    text = _replace_pairs(text, _CORNER_SINGLE, "‘", "’")
    return _replace_pairs(text, _CORNER_DOUBLE, "“", "”")


def convert_quotes_to_traditional(text: str) -> str:
    """“…” → 「…」 and ‘…’ → 『…』, pairs only."""
    if "“" not in text and "‘" not in text:
        return text
    text = _replace_pairs(text, _CURLY_SINGLE, "『", "』")
    return _replace_pairs(text, _CURLY_DOUBLE, "「", "」")


_HAS_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def normalize_width(text: str) -> str:
    # str.translate looks every character up in the table; most texts have nothing to change.
    return text.translate(_FULLWIDTH_ALNUM) if _HAS_FULLWIDTH_ALNUM.search(text) else text


def normalize_punctuation(text: str) -> tuple[str, int]:
    """ASCII clause punctuation inside Chinese text becomes its full-width form; returns the count."""
    text, after = _AFTER_HAN.subn(lambda m: _ASCII_TO_CJK[m.group(1)], text)
    text, before = _BEFORE_HAN.subn(lambda m: _ASCII_TO_CJK[m.group(1)], text)
    return text, after + before


def normalize_width_and_punctuation(text: str, chinese: bool, policy: str) -> tuple[str, Step]:
    widened = normalize_width(text)
    width_changes = 0 if widened == text else sum(1 for a, b in zip(text, widened, strict=True) if a != b)
    marks = 0
    if chinese and policy == "cjk":
        widened, marks = normalize_punctuation(widened)
    detail = f"{width_changes} full-width alnum, {marks} punctuation" if width_changes or marks else ""
    return widened, Step("width_punctuation", len(text) - len(widened), detail)
