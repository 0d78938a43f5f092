"""Language identification: Unicode script evidence first, langdetect (seeded) where scripts do not decide.

langdetect alone calls most Traditional Chinese paragraphs Korean and is the slowest stage, so text
whose letters are mostly Han (without kana or Hangul) is Chinese by script, kana means Japanese and
Hangul means Korean; only alphabetic text goes to langdetect.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from transforms.script import ScriptCounts, dominant_script

_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}
_SAMPLE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str | None
    score: float
    method: str  # "script", "langdetect" or "none"
    alternatives: tuple[tuple[str, float], ...] = ()


@cache
def langdetect_factory(seed: int) -> DetectorFactory:
    """A private, seeded langdetect factory (the library's global one is shared mutable state)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(seed)
    return factory


def detect_language(text: str, counts: ScriptCounts, seed: int = 0) -> LanguageGuess:
    script = dominant_script(counts)
    cjk = counts.han + counts.kana + counts.hangul
    if script == "Zyyy":
        return LanguageGuess(None, 0.0, "none")
    if script == "Kore":
        return LanguageGuess("ko", round(counts.hangul / max(cjk, 1), 4), "script")
    if script == "Jpan":
        return LanguageGuess("ja", round((counts.kana + counts.han) / max(cjk, 1), 4), "script")
    if script in ("Hans", "Hant", "Hani", "mixed"):
        weighted = 3 * cjk + (counts.letters - cjk)
        return LanguageGuess("zh", round(3 * counts.han / max(weighted, 1), 4), "script")
    return _langdetect(text[:_SAMPLE_CHARS], counts, seed)


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
