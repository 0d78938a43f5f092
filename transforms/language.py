"""Language identification: Unicode script evidence first, langdetect (seeded) where scripts do not decide.

langdetect alone calls most Traditional Chinese paragraphs Korean and is the slowest stage, so text
whose letters are mostly Han (without kana or Hangul) is Chinese by script, kana means Japanese and
Hangul means Korean; only alphabetic text goes to langdetect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram

from refinery.transforms.code import prose_of
from refinery.transforms.script import ScriptCounts, count_scripts, dominant_script

_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}
_SAMPLE_CHARS = 1500  # langdetect is as right on 1,500 characters as on 3,000, and 40 % faster


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str | None
    score: float
    method: str  # "script", "langdetect" or "none"
    alternatives: tuple[tuple[str, float], ...] = ()
    mixed: bool = False  # a sizeable part is in another language (e.g. English paragraphs)


# Scripts that one major language owns: no n-gram guessing needed.
_SCRIPT_LANGUAGE = {"Grek": "el", "Hebr": "he", "Thai": "th"}
_CJK_SCRIPTS = ("Hans", "Hant", "Hani", "mixed", "Jpan", "Kore")
_MIXED_SHARE = 0.05  # Latin sentences above this share of a CJK document's letters make it mixed
_FOREIGN_SEGMENT_LETTERS = 20
# Sentences and quotations: where a switch of language happens.
_SEGMENT = re.compile(r"\n|(?<=[。！？；：])|[“”「」『』\"]|(?<=[.!?;])\s+")
_ALPHABETIC = re.compile(r"[^\W\d_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}")


@cache
def ngram_normalization() -> dict[int, str]:
    """langdetect's per-character normalization (NGram.normalize) as a str.translate table."""
    table = {}
    for code in range(0x10000):
        normalized = NGram.normalize(chr(code))
        if normalized != chr(code):
            table[code] = normalized
    return table


_SPACES = re.compile(" {2,}")


class FastDetector(Detector):
    """langdetect's Detector with its Python loops over characters made cheap.

    Same results, float for float (tests/transforms/test_language.py compares them): the text is
    normalized by one str.translate instead of a Unicode-block lookup per character, and the n-gram
    buffer runs the library's own steps without a method call per character. N-gram extraction is
    about 2.8 times faster; the random trials that follow are langdetect's own.
    """

    def append(self, text: str) -> None:
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def _extract_ngrams(self) -> list[str]:
        known = self.word_lang_prob_map
        found: list[str] = []
        grams, capital_word = " ", False
        for char in self.text.translate(ngram_normalization()):
            last = grams[-1]
            if last == " ":
                grams, capital_word = " ", False
                if char == " ":
                    continue
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += char
            if char.isupper():
                if last.isupper():
                    capital_word = True
            else:
                capital_word = False
            if capital_word:
                continue
            if char != " " and char in known:
                found.append(char)
            if len(grams) >= 2:
                if grams[-2:] in known:
                    found.append(grams[-2:])
                if len(grams) == 3 and grams in known:
                    found.append(grams)
        return found


@cache
def langdetect_factory(seed: int) -> DetectorFactory:
    """A private, seeded langdetect factory (the library's global one is shared mutable state)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(seed)
    return factory


def prose_and_counts(text: str) -> tuple[str, ScriptCounts]:
    """The text that decides a document's script and language, and its script counts: code and
    command lines do not vote (a Chinese post with a Python block is Chinese)."""
    prose = prose_of(text)
    return prose, count_scripts(prose)


def detect_language(text: str, counts: ScriptCounts, seed: int = 0) -> LanguageGuess:
    """Dominant language with a score in [0, 1]; `mixed` and `alternatives` say what else is there."""
    guess = _dominant_language(text, counts, seed)
    if guess.lang is None:
        return guess
    foreign = _foreign_text(text, counts, dominant_script(counts))
    if not foreign:
        return guess
    foreign_counts = count_scripts(foreign)
    other = _dominant_language(foreign, foreign_counts, seed)
    if other.lang in (None, guess.lang):
        return guess
    share = round(_weighted_letters(foreign_counts) / max(_weighted_letters(counts), 1), 4)
    return replace(guess, alternatives=((other.lang, share), *guess.alternatives), mixed=True)


def _foreign_text(text: str, counts: ScriptCounts, script: str) -> str:
    """The part of a document written in the other kind of script.

    In a CJK document: Latin sentences (quotes, paragraphs) that hold at least 5 % of the weighted
    letters; English names and titles inside Chinese sentences do not count. In an alphabetic
    document: any run of two or more CJK characters (a quoted Chinese phrase).
    """
    cjk, alphabetic = _weights(counts)
    if script not in _CJK_SCRIPTS:
        return " ".join(_CJK_RUN.findall(text)) if cjk >= 6 else ""
    if alphabetic < _MIXED_SHARE * (cjk + alphabetic):
        return ""
    foreign = []
    for segment in _SEGMENT.split(text):
        if len(segment) < _FOREIGN_SEGMENT_LETTERS:
            continue
        letters = len(_ALPHABETIC.findall(segment))  # two regexes, not the full count: this is hot
        if letters >= _FOREIGN_SEGMENT_LETTERS and letters > 12 * len(_CJK_CHAR.findall(segment)):
            foreign.append(segment)
    joined = "\n".join(foreign)
    return joined if _weighted_letters(count_scripts(joined)) >= _MIXED_SHARE * (cjk + alphabetic) else ""


def _weights(counts: ScriptCounts) -> tuple[int, int]:
    """CJK and alphabetic letters, CJK weighted three times (a Han character is about a syllable)."""
    cjk = counts.han + counts.kana + counts.hangul
    return 3 * cjk, counts.letters - cjk


def _weighted_letters(counts: ScriptCounts) -> int:
    return sum(_weights(counts))


def _dominant_language(text: str, counts: ScriptCounts, seed: int) -> LanguageGuess:
    script = dominant_script(counts)
    cjk = counts.han + counts.kana + counts.hangul
    if script == "Zyyy":
        return LanguageGuess(None, 0.0, "none")
    if script == "Kore":
        return LanguageGuess("ko", round(counts.hangul / max(cjk, 1), 4), "script")
    if script == "Jpan":
        return LanguageGuess("ja", round((counts.kana + counts.han) / max(cjk, 1), 4), "script")
    if script in _CJK_SCRIPTS:
        return LanguageGuess("zh", round(3 * counts.han / max(_weighted_letters(counts), 1), 4), "script")
    if script in _SCRIPT_LANGUAGE:
        own = getattr(counts, {"Grek": "greek", "Hebr": "hebrew", "Thai": "thai"}[script])
        return LanguageGuess(_SCRIPT_LANGUAGE[script], round(own / max(counts.letters, 1), 4), "script")
    return _langdetect(text[:_SAMPLE_CHARS], counts, seed)


def _langdetect(text: str, counts: ScriptCounts, seed: int) -> LanguageGuess:
    detector = FastDetector(langdetect_factory(seed))
    detector.set_max_text_length(_SAMPLE_CHARS)
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return LanguageGuess(None, 0.0, "none")
    guesses: list[tuple[str, float]] = []
    for candidate in ranked:
        code = _LANGDETECT_CODES.get(candidate.lang, candidate.lang)
        if (code == "ko" and not counts.hangul) or (code == "ja" and not counts.kana):
            continue  # no Hangul (kana) means it is not Korean (Japanese), whatever the n-grams say
        guesses.append((code, round(candidate.prob, 4)))
    if not guesses:
        return LanguageGuess(None, 0.0, "none")
    return LanguageGuess(guesses[0][0], guesses[0][1], "langdetect", tuple(guesses[1:4]))
