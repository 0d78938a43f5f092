"""Language identification: Unicode script evidence first, langdetect (seeded) where scripts do not decide.

langdetect alone calls most Traditional Chinese paragraphs Korean and is the slowest stage, so text
whose letters are mostly Han (without kana or Hangul) is Chinese by script, kana means Japanese and
Hangul means Korean; only alphabetic text goes to langdetect.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from transforms.script import ScriptCounts, count_scripts, dominant_script

_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}
_SAMPLE_CHARS = 3000


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
_MIXED_SHARE = 0.1  # foreign paragraphs above this share of the letters make a document mixed
_FOREIGN_LINE_LETTERS = 30


@cache
def langdetect_factory(seed: int) -> DetectorFactory:
    """A private, seeded langdetect factory (the library's global one is shared mutable state)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(seed)
    return factory


def detect_language(text: str, counts: ScriptCounts, seed: int = 0) -> LanguageGuess:
    """Dominant language with a score in [0, 1]; `mixed` and `alternatives` say what else is there."""
    guess = _dominant_language(text, counts, seed)
    if guess.lang is None or not _may_be_mixed(counts):
        return guess
    foreign = _foreign_lines(text, dominant_script(counts))
    if not foreign:
        return guess
    foreign_counts = count_scripts(foreign)
    share = _weighted_letters(foreign_counts) / max(_weighted_letters(counts), 1)
    if share < _MIXED_SHARE:
        return guess
    other = _dominant_language(foreign, foreign_counts, seed)
    alternatives = ((other.lang, round(share, 4)),) if other.lang and other.lang != guess.lang else ()
    return replace(guess, alternatives=alternatives + guess.alternatives, mixed=bool(alternatives))


def _weights(counts: ScriptCounts) -> tuple[int, int]:
    """CJK and alphabetic letters, CJK weighted three times (a Han character is about a syllable)."""
    cjk = counts.han + counts.kana + counts.hangul
    return 3 * cjk, counts.letters - cjk


def _weighted_letters(counts: ScriptCounts) -> int:
    return sum(_weights(counts))


def _may_be_mixed(counts: ScriptCounts) -> bool:
    """Cheap gate before the per-line scan: both kinds of script hold a tenth of the letters."""
    cjk, alphabetic = _weights(counts)
    return min(cjk, alphabetic) >= _MIXED_SHARE * (cjk + alphabetic) > 0


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


def _foreign_lines(text: str, script: str) -> str:
    """Lines written in another kind of script than the document: Latin paragraphs in a CJK
    document, CJK paragraphs in an alphabetic one."""
    cjk_document = script in _CJK_SCRIPTS
    foreign = []
    for line in text.split("\n"):
        if len(line) < _FOREIGN_LINE_LETTERS:
            continue
        cjk, alphabetic = _weights(count_scripts(line))
        ours, theirs = (cjk, alphabetic) if cjk_document else (alphabetic, cjk)
        if theirs >= _FOREIGN_LINE_LETTERS and theirs > 4 * ours:
            foreign.append(line)
    return "\n".join(foreign)


def _langdetect(text: str, counts: ScriptCounts, seed: int) -> LanguageGuess:
    detector = langdetect_factory(seed).create()
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
