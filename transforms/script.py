"""Which writing system a text uses, from character evidence alone.

Every Unicode script counts: the letters of each come from Unicode's Script property as the `regex`
module ships it, so a Bengali or Georgian paragraph is told apart as surely as a Latin one.

Hans/Hant evidence comes from OpenCC's own tables: a character that Traditional→Simplified
conversion changes is Traditional-only, one that Simplified→Traditional conversion changes is
Simplified-only. Characters both scripts share say nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import opencc
import regex

from .chars import CJK_WEIGHT, HAN_BMP_RANGES

# ISO 15924 codes of Unicode's scripts (PropertyValueAliases.txt, property sc), without Common,
# Inherited and Unknown: punctuation, digits and combining accents belong to no language.
_SCRIPT_CODES = """
    Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Berf Bhks Bopo Brah Brai Bugi
    Buhd Cakm Cans Cari Cham Cher Chis Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp
    Elba Elym Ethi Gara Geor Glag Gong Gonm Goth Gran Grek Gujr Gukh Guru Hang Hani Hano Hatr
    Hebr Hira Hluw Hmng Hmnp Hung Ital Java Jurc Kali Kana Kawi Khar Khmr Khoj Kits Knda Krai
    Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Medf Mend
    Merc Mero Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand Narb Nbat Newa Nkoo Nshu Ogam Olck
    Onao Orkh Orya Osge Osma Ougr Palm Pauc Pcun Perm Phag Phli Phlp Phnx Plrd Prti Rjng Rohg
    Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sidt Sind Sinh Sogd Sogo Sora Soyo Sund Sunu Sylo
    Syrc Tagb Takr Tale Talu Taml Tang Tavt Tayo Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Todr
    Tols Toto Tutg Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb
"""
UNICODE_SCRIPTS = tuple(_SCRIPT_CODES.split())
# The scripts written with Chinese characters or beside them, counted on their own: Han, kana
# (Hiragana and Katakana) and Hangul. One of their characters weighs about as much as three letters
# (chars.CJK_WEIGHT).
_CJK_GROUPS = {"Hani": "han", "Hira": "kana", "Kana": "kana", "Hang": "hangul"}
# CJK text is Korean when Hangul is this share of it, Japanese with this much kana among kana and Han.
KOREAN_HANGUL_SHARE = 0.3
JAPANESE_KANA_SHARE = 0.1
JAPANESE_MIN_KANA = 2
# A Han script wins when its distinctive characters outnumber the other's this many to one.
HAN_SCRIPT_MARGIN = 3
_TABLE_SIZE = 0x40000  # planes 0 to 3: above them no letters
# A per-code-point table: the script's index (1-based, 0 for none) in the low bits, and two flags.
_TRADITIONAL, _SIMPLIFIED = 0x4000, 0x8000
SCRIPT_MASK = 0x3FFF


@dataclass(frozen=True, slots=True)
class HanTables:
    traditional_only: frozenset[str]
    simplified_only: frozenset[str]


@cache
def known_scripts() -> tuple[str, ...]:
    """The scripts of UNICODE_SCRIPTS that the installed `regex` knows (an older Unicode lacks a few)."""
    known = []
    for code in UNICODE_SCRIPTS:
        try:
            regex.compile(rf"\p{{sc={code}}}")
        except regex.error:
            continue
        known.append(code)
    return tuple(known)


@cache
def script_table(tables: HanTables) -> np.ndarray:
    """Script index and Traditional/Simplified flags of every code point that can be a letter, built once
    per process (one regex pass): counting is then one numpy lookup per text."""
    scripts = known_scripts()
    letters = regex.compile(
        "|".join(rf"(?P<{code}>[\p{{sc={code}}}&&[\p{{L}}\p{{M}}\p{{Nl}}]]+)" for code in scripts), regex.V1
    )
    index = {code: number for number, code in enumerate(scripts, start=1)}
    table = np.zeros(_TABLE_SIZE, dtype=np.uint16)
    for run in letters.finditer("".join(map(chr, range(_TABLE_SIZE)))):
        table[run.start() : run.end()] = index[run.lastgroup]
    for flag, chars in ((_TRADITIONAL, tables.traditional_only), (_SIMPLIFIED, tables.simplified_only)):
        table[[ord(char) for char in chars if ord(char) < _TABLE_SIZE]] |= flag
    return table


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    han: int = 0
    kana: int = 0
    hangul: int = 0
    traditional: int = 0  # of the Han characters, those only Traditional text uses
    simplified: int = 0
    others: tuple[tuple[str, int], ...] = ()  # every other script (ISO 15924) with its letters, most first

    @property
    def cjk(self) -> int:
        return self.han + self.kana + self.hangul

    @property
    def letters(self) -> int:
        return self.cjk + sum(count for _, count in self.others)

    def of(self, script: str) -> int:
        """Letters of one script other than Han, kana and Hangul."""
        return dict(self.others).get(script, 0)

    def weighted(self) -> tuple[int, int]:
        """CJK and other letters, a CJK character weighing three letters (about a syllable)."""
        return CJK_WEIGHT * self.cjk, self.letters - self.cjk


@cache
def han_tables() -> HanTables:
    """Derive the Traditional-only and Simplified-only character sets from OpenCC, once per process."""
    chars = [chr(code) for first, last in HAN_BMP_RANGES for code in range(first, last + 1)]
    joined = "\n".join(chars)
    to_simplified = opencc.OpenCC("t2s").convert(joined).split("\n")
    to_traditional = opencc.OpenCC("s2t").convert(joined).split("\n")
    traditional = {c for c, s in zip(chars, to_simplified, strict=True) if c != s}
    simplified = {c for c, t in zip(chars, to_traditional, strict=True) if c != t}
    both = traditional & simplified
    return HanTables(frozenset(traditional - both), frozenset(simplified - both))


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def looked_up(codes: np.ndarray, tables: HanTables | None = None) -> np.ndarray:
    """Each code point's table entry (script index and Han flags)."""
    table = script_table(han_tables() if tables is None else tables)
    return np.where(codes < _TABLE_SIZE, table[np.minimum(codes, _TABLE_SIZE - 1)], 0)


def counts_from_histogram(per_script: np.ndarray, traditional: int, simplified: int) -> ScriptCounts:
    """ScriptCounts from letters per script index (index 0: no script)."""
    groups = {"han": 0, "kana": 0, "hangul": 0}
    others = []
    for index in np.flatnonzero(per_script[1:]) + 1:
        code = known_scripts()[index - 1]
        if code in _CJK_GROUPS:
            groups[_CJK_GROUPS[code]] += int(per_script[index])
        else:
            others.append((code, int(per_script[index])))
    others.sort(key=lambda item: (-item[1], item[0]))
    if not groups["han"]:
        traditional = simplified = 0
    return ScriptCounts(**groups, traditional=traditional, simplified=simplified, others=tuple(others))


def count_scripts(text: str, tables: HanTables | None = None) -> ScriptCounts:
    """Letters of each script, and of the Han ones, how many only Traditional (Simplified) text uses."""
    entries = looked_up(code_points(text), tables)
    per_script = np.bincount(entries & SCRIPT_MASK, minlength=len(known_scripts()) + 1)
    return counts_from_histogram(
        per_script,
        int(np.count_nonzero(entries & _TRADITIONAL)),
        int(np.count_nonzero(entries & _SIMPLIFIED)),
    )


@dataclass(frozen=True, slots=True)
class LineScripts:
    """Per line of a text (split at "\n"): Han characters only Traditional (Simplified) text uses,
    and the kana and Hangul that make a line Japanese or Korean."""

    traditional: np.ndarray
    simplified: np.ndarray
    han: np.ndarray
    kana: np.ndarray
    hangul: np.ndarray

    def in_other_script(self, target: str) -> np.ndarray:
        """Lines whose Han script is not the target's (`hans` or `hant`): the other one, or mixed. The
        rule of han_script, line by line: a line is in the target's script only when its own
        distinctive characters outnumber the other's HAN_SCRIPT_MARGIN to one."""
        other, own = (
            (self.traditional, self.simplified) if target == "hans" else (self.simplified, self.traditional)
        )
        return (other > 0) & (own < HAN_SCRIPT_MARGIN * other)

    def japanese_or_korean(self) -> np.ndarray:
        """Lines written in Japanese or Korean, by the thresholds cjk_script uses on a whole text
        (a lone の in a Taiwanese line does not make it Japanese)."""
        cjk = self.han + self.kana + self.hangul
        korean = (self.hangul > 0) & (self.hangul >= KOREAN_HANGUL_SHARE * cjk)
        kana_share = JAPANESE_KANA_SHARE * (self.han + self.kana)
        japanese = (self.kana >= JAPANESE_MIN_KANA) & (self.kana >= kana_share)
        return korean | japanese


def line_scripts(text: str, tables: HanTables | None = None) -> LineScripts:
    """LineScripts of `text`, in one numpy pass."""
    codes = code_points(text)
    entries = looked_up(codes, tables)
    newline = codes == ord("\n")
    line_of = np.cumsum(newline) - newline  # a line break belongs to the line it ends
    lines = int(np.count_nonzero(newline)) + 1
    script = entries & SCRIPT_MASK
    index = {code: number for number, code in enumerate(known_scripts(), start=1)}

    def per_line(mask: np.ndarray) -> np.ndarray:
        return np.bincount(line_of[mask], minlength=lines)

    return LineScripts(
        traditional=per_line((entries & _TRADITIONAL) > 0),
        simplified=per_line((entries & _SIMPLIFIED) > 0),
        han=per_line(script == index["Hani"]),
        kana=per_line((script == index["Hira"]) | (script == index["Kana"])),
        hangul=per_line(script == index["Hang"]),
    )


def han_script(counts: ScriptCounts) -> str:
    """Hans, Hant, mixed, or Hani when no character tells the scripts apart.

    A script wins when its distinctive characters outnumber the other's three to one: Traditional
    text uses a few characters (后, 里, 面) that OpenCC also lists as Simplified, and the reverse.
    """
    trad, simp = counts.traditional, counts.simplified
    if trad == simp == 0:
        return "Hani"
    if trad >= HAN_SCRIPT_MARGIN * simp:
        return "Hant"
    if simp >= HAN_SCRIPT_MARGIN * trad:
        return "Hans"
    return "mixed"


def cjk_script(counts: ScriptCounts) -> str:
    """Kore, Jpan or the Han script of text whose letters are mostly CJK."""
    if counts.hangul and counts.hangul >= KOREAN_HANGUL_SHARE * counts.cjk:
        return "Kore"
    if counts.kana >= JAPANESE_MIN_KANA and counts.kana >= JAPANESE_KANA_SHARE * (counts.han + counts.kana):
        return "Jpan"
    return han_script(counts)


def dominant_script(counts: ScriptCounts) -> str:
    """ISO 15924 code of the script most of the letters are in ('Zyyy' when there are none).

    One Han character carries about as much as three Latin letters (a syllable), so CJK counts are
    weighted three times when compared with alphabetic scripts.
    """
    if not counts.letters:
        return "Zyyy"
    largest = counts.others[0] if counts.others else ("Zyyy", 0)
    if CJK_WEIGHT * counts.cjk >= largest[1]:
        return cjk_script(counts)
    return largest[0]
