"""Which writing system a text uses, from character evidence alone.

Hans/Hant evidence comes from OpenCC's own tables: a character that Traditional→Simplified
conversion changes is Traditional-only, one that Simplified→Traditional conversion changes is
Simplified-only. Characters both scripts share say nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import opencc

_CLASSES = {
    "han": r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]",
    "kana": r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]",
    "hangul": r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]",
    "latin": r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]",
    "cyrillic": r"[\u0400-\u04ff]",
    "greek": r"[\u0370-\u03ff]",
    "arabic": r"[\u0600-\u06ff\u0750-\u077f]",
    "hebrew": r"[\u0590-\u05ff]",
    "devanagari": r"[\u0900-\u097f]",
    "thai": r"[\u0e00-\u0e7f]",
    "other": r"[\u0980-\u0dff\u0f00-\u0fff\u10a0-\u10ff\u1200-\u137f\u0530-\u058f\u1780-\u17ff\u0e80-\u0eff]",
}
ISO15924 = {
    "latin": "Latn",
    "cyrillic": "Cyrl",
    "greek": "Grek",
    "arabic": "Arab",
    "hebrew": "Hebr",
    "devanagari": "Deva",
    "thai": "Thai",
    "other": "Zyyy",
}
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_ASTRAL_HAN = (0x20000, 0x31350)  # the astral part of the "han" class
# A per-code-point table: the class's index (1-based, 0 for none) in the low bits, and two flags.
_TRADITIONAL, _SIMPLIFIED = 0x40, 0x80
_CLASS_MASK = 0x3F


@dataclass(frozen=True, slots=True)
class HanTables:
    traditional_only: frozenset[str]
    simplified_only: frozenset[str]


@cache
def script_table(tables: HanTables) -> np.ndarray:
    """Class index and Traditional/Simplified flags of every BMP code point, built once per process:
    counting is then one numpy lookup per text instead of regex matches and Python per run."""
    plane = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    for index, pattern in enumerate(_CLASSES.values(), start=1):
        codes = [match.start() for match in re.finditer(pattern, plane)]
        table[codes] = np.where(table[codes] == 0, index, table[codes])  # the first class listed wins
    for flag, chars in ((_TRADITIONAL, tables.traditional_only), (_SIMPLIFIED, tables.simplified_only)):
        table[[ord(char) for char in chars if ord(char) < 0x10000]] |= flag
    return table


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    han: int = 0
    kana: int = 0
    hangul: int = 0
    latin: int = 0
    cyrillic: int = 0
    greek: int = 0
    arabic: int = 0
    hebrew: int = 0
    devanagari: int = 0
    thai: int = 0
    other: int = 0
    traditional: int = 0
    simplified: int = 0

    @property
    def letters(self) -> int:
        return sum(getattr(self, name) for name in _CLASSES)


@cache
def han_tables() -> HanTables:
    """Derive the Traditional-only and Simplified-only character sets from OpenCC, once per process."""
    chars = [chr(code) for start, end in _CJK_BLOCKS for code in range(start, end)]
    joined = "\n".join(chars)
    to_simplified = opencc.OpenCC("t2s").convert(joined).split("\n")
    to_traditional = opencc.OpenCC("s2t").convert(joined).split("\n")
    traditional = {c for c, s in zip(chars, to_simplified, strict=True) if c != s}
    simplified = {c for c, t in zip(chars, to_traditional, strict=True) if c != t}
    both = traditional & simplified
    return HanTables(frozenset(traditional - both), frozenset(simplified - both))


def count_scripts(text: str, tables: HanTables | None = None) -> ScriptCounts:
    """Letters of each script, and of the Han ones, how many only Traditional (Simplified) text uses."""
    table = script_table(han_tables() if tables is None else tables)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    looked_up = table[np.minimum(codes, 0xFFFF)]
    astral = codes > 0xFFFF
    if astral.any():
        in_han = (codes[astral] >= _ASTRAL_HAN[0]) & (codes[astral] < _ASTRAL_HAN[1])
        looked_up[astral] = np.where(in_han, 1 + list(_CLASSES).index("han"), 0)
    per_class = np.bincount(looked_up & _CLASS_MASK, minlength=len(_CLASSES) + 1)
    counts = {name: int(per_class[index]) for index, name in enumerate(_CLASSES, start=1)}
    if counts["han"]:
        counts["traditional"] = int(np.count_nonzero(looked_up & _TRADITIONAL))
        counts["simplified"] = int(np.count_nonzero(looked_up & _SIMPLIFIED))
    return ScriptCounts(**counts)


def han_script(counts: ScriptCounts) -> str:
    """Hans, Hant, mixed, or Hani when no character tells the scripts apart.

    A script wins when its distinctive characters outnumber the other's three to one: Traditional
    text uses a few characters (后, 里, 面) that OpenCC also lists as Simplified, and the reverse.
    """
    trad, simp = counts.traditional, counts.simplified
    if trad == simp == 0:
        return "Hani"
    if trad >= 3 * simp:
        return "Hant"
    if simp >= 3 * trad:
        return "Hans"
    return "mixed"


def dominant_script(counts: ScriptCounts) -> str:
    """ISO 15924 code of the script most of the letters are in ('Zyyy' when there are none).

    One Han character carries about as much as three Latin letters (a syllable), so CJK counts are
    weighted three times when compared with alphabetic scripts.
    """
    weights = {
        name: getattr(counts, name) * (3 if name in ("han", "kana", "hangul") else 1) for name in _CLASSES
    }
    if not any(weights.values()):
        return "Zyyy"
    cjk = weights["han"] + weights["kana"] + weights["hangul"]
    alphabetic = max((n for n in weights if n not in ("han", "kana", "hangul")), key=weights.__getitem__)
    if cjk >= weights[alphabetic]:
        if counts.hangul and counts.hangul >= 0.3 * (counts.han + counts.kana + counts.hangul):
            return "Kore"
        if counts.kana >= 3 and counts.kana >= 0.1 * (counts.han + counts.kana):
            return "Jpan"
        return han_script(counts)
    return ISO15924[alphabetic]
