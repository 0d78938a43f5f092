"""Language identification, part by part: scripts decide where they can, langdetect (seeded) where
they cannot, and the document's language is the language of most of its prose.

A document is cut into segments (lines, sentences, quotations). A segment mostly in CJK characters is
Korean if it holds Hangul, Japanese if it holds kana, and otherwise Chinese (or, in a Japanese
document, Japanese kanji): so a Japanese quotation in a Chinese article counts as Japanese and the
article stays Chinese. Segments in a script one language owns (Greek, Bengali, Tamil …) need no
guessing; the rest of each alphabetic script (Latin, Cyrillic, Arabic, Devanagari) goes to langdetect
together. Each language's share of the weighted letters (a CJK character weighs three) is recorded:
`mixed` documents are those where a second language holds a sizeable share.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from .chars import CJK_WEIGHT
from .code import prose_of
from .script import (
    JAPANESE_KANA_SHARE,
    JAPANESE_MIN_KANA,
    KOREAN_HANGUL_SHARE,
    SCRIPT_MASK,
    ScriptCounts,
    code_points,
    count_scripts,
    known_scripts,
    looked_up,
)

_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}
_LINGUA_CODES = {"nb": "no", "nn": "no"}  # langdetect's Norwegian is one language
ShortTextDetector = Literal["lingua", "langdetect"]
# Below this many characters an alphabetic text goes to lingua: langdetect's n-gram profiles were built
# on long text and misread queries, tags and one-line sentences (bench/eval_language.py: 0.905 vs
# 0.975 on the short dev set); from paragraph length up langdetect is as right, or righter.
SHORT_TEXT_CHARS = 50
_SURE = 0.5
# Scripts of a langdetect language that lingua lacks (Nepali), where langdetect is asked first.
_SCRIPTS_LINGUA_LACKS = frozenset({"Deva"})
_SAMPLE_CHARS = 1500  # langdetect is as right on 1,500 characters as on 3,000, and 40 % faster


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str | None
    score: float
    method: str  # "script", "langdetect", "lingua", "no-language-for-script-<ISO 15924>" or "none"
    alternatives: tuple[tuple[str, float], ...] = ()
    mixed: bool = False  # a sizeable part is in another language (e.g. English paragraphs)
    shares: tuple[tuple[str, float], ...] = ()  # each language's share of the prose, largest first


# Scripts that one language owns (among those a web corpus meets): no n-gram guessing needed.
SCRIPT_LANGUAGE = {
    "Grek": "el", "Hebr": "he", "Thai": "th", "Beng": "bn", "Guru": "pa", "Gujr": "gu", "Taml": "ta",
    "Telu": "te", "Knda": "kn", "Mlym": "ml", "Orya": "or", "Sinh": "si", "Geor": "ka", "Armn": "hy",
    "Ethi": "am", "Khmr": "km", "Laoo": "lo", "Mymr": "my", "Tibt": "bo", "Thaa": "dv", "Bopo": "zh",
}  # fmt: skip
# Scripts several languages share, where langdetect's n-grams decide.
LANGDETECT_SCRIPTS = frozenset({"Latn", "Cyrl", "Arab", "Deva"})
MIXED_SHARE = 0.05  # a second language above this share of the prose makes a document mixed
_MIN_FOREIGN_LETTERS = 20  # shorter Latin runs inside CJK prose are names and terms, not a language
# Where a switch of language happens: after a line break, a CJK sentence end or a quotation mark, and
# at a space after a Latin sentence end.
_BREAK_AFTER, _SPACE, _LATIN_END = 1, 2, 4
_BOUNDARY_CHARS = {_BREAK_AFTER: '\n。！？；：“”「」『』"', _SPACE: " \t\r\n\xa0\u3000", _LATIN_END: ".!?;"}


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
    about 2.8 times faster. The random trials draw the same n-grams from the same generator, and
    multiply each n-gram's row of language probabilities in numpy, the same IEEE operations in
    the same order as the library's loop over languages.
    """

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        row_of, table = profile_table(self.seed)
        rows = [row_of[gram] for gram in ngrams]  # random.choice over these draws as over ngrams
        langprob = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            weight = (self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            step = 0
            while True:
                prob *= weight + table[self.random.choice(rows)]
                if step % 5 == 0:
                    prob /= sum(prob.tolist())  # Python's sum, as the library's, on any Python
                    if prob.max() > self.CONV_THRESHOLD or step >= self.ITERATION_LIMIT:
                        break
                step += 1
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()

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
def profile_table(seed: int) -> tuple[dict[str, int], np.ndarray]:
    """The n-gram profiles of langdetect_factory(seed) as one array, a row per n-gram (38 MB)."""
    word_probabilities = langdetect_factory(seed).word_lang_prob_map
    rows = {gram: row for row, gram in enumerate(word_probabilities)}
    return rows, np.array(list(word_probabilities.values()), dtype=np.float64)


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


@dataclass(frozen=True, slots=True)
class _Segments:
    """What each segment of a text is written in: the numbers the segment-wise vote is taken on."""

    starts: np.ndarray  # where each segment starts and ends (some are empty: they weigh nothing)
    ends: np.ndarray
    weight: np.ndarray  # weighted letters (a CJK character weighs three)
    mostly_cjk: np.ndarray  # segments where CJK characters (weighted) outnumber the largest other script
    cjk_language: np.ndarray  # what the segment's CJK characters are: "ko", "ja" or "" (Han only)
    script: np.ndarray  # the largest other script (ISO 15924) of the other segments
    letters: np.ndarray  # letters of scripts other than Han, kana and Hangul
    cjk: np.ndarray  # Han, kana and Hangul characters


@cache
def _script_columns() -> tuple[np.ndarray, dict[str, int]]:
    """The script codes by histogram column (column 0: no letter), and the CJK scripts' columns."""
    scripts = np.array(["", *known_scripts()])
    cjk_columns = {code: int(np.flatnonzero(scripts == code)[0]) for code in ("Hani", "Hira", "Kana", "Hang")}
    return scripts, cjk_columns


@cache
def _boundary_table() -> np.ndarray:
    """Bit flags of the characters that end a segment, for code points below 0x10000."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for flag, chars in _BOUNDARY_CHARS.items():
        table[[ord(char) for char in chars]] |= flag
    return table


def _segments(text: str) -> _Segments:
    """Cut the text at line breaks, sentence ends and quotation marks, and say what each part is
    written in, with numpy passes over the whole text."""
    codes = code_points(text)
    flags = _boundary_table()[np.minimum(codes, 0xFFFF)]
    ends_segment = (flags & _BREAK_AFTER) > 0
    ends_segment[1:] |= ((flags[1:] & _SPACE) > 0) & ((flags[:-1] & _LATIN_END) > 0)
    segment_of = np.cumsum(ends_segment) - ends_segment  # boundaries before each character
    starts = np.concatenate(([0], np.flatnonzero(ends_segment[:-1]) + 1))
    ends = np.concatenate((starts[1:], [len(codes)]))
    entries = looked_up(codes) & SCRIPT_MASK
    scripts, column = _script_columns()
    width = len(scripts)
    histogram = np.bincount(segment_of * width + entries, minlength=len(starts) * width).reshape(-1, width)
    han = histogram[:, column["Hani"]].copy()
    kana = histogram[:, column["Hira"]] + histogram[:, column["Kana"]]
    hangul = histogram[:, column["Hang"]].copy()
    histogram[:, [0, *column.values()]] = 0
    largest = histogram.argmax(axis=1)
    cjk = han + kana + hangul
    letters = histogram.sum(axis=1)
    mostly_cjk = CJK_WEIGHT * cjk >= histogram[np.arange(len(largest)), largest]
    korean = (hangul > 0) & (hangul >= KOREAN_HANGUL_SHARE * cjk)
    japanese = ~korean & (kana >= JAPANESE_MIN_KANA) & (kana >= JAPANESE_KANA_SHARE * (han + kana))
    return _Segments(
        starts=starts,
        ends=ends,
        weight=CJK_WEIGHT * cjk + letters,
        mostly_cjk=mostly_cjk,
        cjk_language=np.where(korean, "ko", np.where(japanese, "ja", "")),
        script=scripts[largest],
        letters=letters,
        cjk=cjk,
    )


def detect_language(
    text: str, counts: ScriptCounts, seed: int = 0, short_text: ShortTextDetector = "lingua"
) -> LanguageGuess:
    """The language of most of the text's prose, with a score in [0, 1] and each language's share.

    `counts` are the text's script counts (prose_and_counts): a text without letters has no language.
    `short_text` names the detector for alphabetic text under SHORT_TEXT_CHARS characters.
    """
    if not counts.letters:
        return LanguageGuess(None, 0.0, "none")
    other_letters = counts.letters - counts.cjk
    few_other = other_letters < MIXED_SHARE * (CJK_WEIGHT * counts.cjk + other_letters)
    if few_other and not counts.kana and not counts.hangul:
        # Chinese prose with a few Latin terms: what the segment-wise vote would say, without it.
        return LanguageGuess("zh", 1.0, "script", shares=(("zh", 1.0),))
    if not counts.cjk and len(counts.others) == 1:  # one alphabetic script: one detector reads it all
        script, letters = counts.others[0]
        guess = _script_language(script, text, seed, short_text)
        return _vote({guess.lang: letters}, 0.0, {guess.lang or "": guess})
    return _vote_by_segments(text, counts, seed, short_text)


def _vote_by_segments(
    text: str, counts: ScriptCounts, seed: int, short_text: ShortTextDetector
) -> LanguageGuess:
    parts = _segments(text)
    weights: dict[str | None, float] = defaultdict(float)
    han_only = 0.0  # Han segments without kana: Chinese, or the kanji of a Japanese document
    minor = 0.0  # short Latin runs inside CJK prose (names, terms): they follow the majority
    alphabetic: dict[str, list[int]] = defaultdict(list)  # other segments by script, for a detector
    cjk_document = CJK_WEIGHT * counts.cjk >= counts.letters - counts.cjk  # Latin runs in it are minor
    for index in np.flatnonzero(parts.weight):
        weight, language = int(parts.weight[index]), parts.cjk_language[index]
        if parts.mostly_cjk[index]:
            if language:
                weights[language] += weight
            else:
                han_only += weight  # Latin names and terms inside a CJK segment are part of it
        elif cjk_document and parts.letters[index] < _MIN_FOREIGN_LETTERS:
            minor += weight
        else:
            alphabetic[parts.script[index]].append(index)
            if parts.cjk[index] >= 2:  # a CJK phrase quoted in alphabetic prose is its own language
                weights[language or "zh"] += CJK_WEIGHT * int(parts.cjk[index])
    if han_only:
        weights["zh" if han_only > weights.get("ja", 0) else "ja"] += han_only
    total = int(parts.weight.sum())
    detectors: dict[str, LanguageGuess] = {}
    for script, indexes in sorted(alphabetic.items()):
        letters = int(parts.letters[indexes].sum())
        if cjk_document and letters < MIXED_SHARE * total:
            minor += letters  # a few sentences, too few to count: not worth a detector's time
            continue
        prose = "\n".join(text[parts.starts[i] : parts.ends[i]] for i in indexes)
        guess = _script_language(script, prose, seed, short_text)
        detectors[guess.lang or ""] = guess
        weights[guess.lang] += letters
    return _vote(weights, minor, detectors)


def _vote(
    weights: dict[str | None, float], minor: float, detectors: dict[str, LanguageGuess]
) -> LanguageGuess:
    """The language with the most weight wins (ties by code, for determinism)."""
    if not weights:  # nothing but runs too short to count
        return LanguageGuess(None, 0.0, "none")
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0] or ""))
    winner = ranked[0][0]
    weights[winner] += minor
    total = sum(weights.values())
    shares = tuple(
        (lang, round(weight / total, 4))
        for lang, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0] or ""))
        if lang is not None
    )
    share = weights[winner] / total
    if winner is None:  # letters in a script no detector reads: the method names the script
        return LanguageGuess(None, 0.0, detectors[""].method if "" in detectors else "none", shares=shares)
    detected = detectors.get(winner)
    others = tuple(item for item in shares if item[0] != winner)
    runners_up = tuple(item for item in (detected.alternatives if detected else ()) if item[0] not in weights)
    return LanguageGuess(
        winner,
        round(share * (detected.score if detected else 1.0), 4),
        detected.method if detected else "script",
        (*others, *runners_up)[:4],
        mixed=bool(others) and others[0][1] >= MIXED_SHARE,
        shares=shares,
    )


def _script_language(script: str, text: str, seed: int, short_text: ShortTextDetector) -> LanguageGuess:
    """The language of text in one alphabetic script: its script's language, langdetect's n-grams, or
    lingua's for short text (where langdetect's profiles, built on long text, mislead it)."""
    if script in SCRIPT_LANGUAGE:
        return LanguageGuess(SCRIPT_LANGUAGE[script], 1.0, "script")
    if script not in LANGDETECT_SCRIPTS:
        return LanguageGuess(None, 0.0, f"no-language-for-script-{script}")
    if short_text != "lingua" or len(text.strip()) >= SHORT_TEXT_CHARS:
        return _langdetect(text[:_SAMPLE_CHARS], seed)
    guess = _langdetect(text, seed) if script in _SCRIPTS_LINGUA_LACKS else None
    if guess is not None and guess.lang not in lingua_languages().values() and guess.score > _SURE:
        return guess  # a language lingua does not know, and langdetect is sure of it
    return _lingua(text) or guess or _langdetect(text, seed)


def _code(language: Language) -> str:
    code = language.iso_code_639_1.name.lower()
    return _LINGUA_CODES.get(code, code)


@cache
def known_languages() -> frozenset[str]:
    """Every code a document's `lang` can hold: langdetect's languages and those a script decides."""
    codes = {_LANGDETECT_CODES.get(name, name) for name in os.listdir(PROFILES_DIRECTORY)}
    return frozenset(codes | set(SCRIPT_LANGUAGE.values()))


@cache
def lingua_languages() -> dict[Language, str]:
    """langdetect's languages that lingua knows, with their langdetect code (Bokmål and Nynorsk: no)."""
    codes = {"zh" if name.startswith("zh") else name for name in os.listdir(PROFILES_DIRECTORY)}
    return {language: _code(language) for language in Language.all() if _code(language) in codes}


@cache
def lingua_detector() -> LanguageDetector:
    """lingua in high-accuracy mode over langdetect's languages. Its models load lazily, per language,
    once per process: about 5.5 s and 0.76 GB for the Latin-script languages, the first time one is met."""
    return LanguageDetectorBuilder.from_languages(*lingua_languages()).build()


def _lingua(text: str) -> LanguageGuess | None:
    confidence: dict[str, float] = defaultdict(float)
    for value in lingua_detector().compute_language_confidence_values(text):
        confidence[_code(value.language)] += value.value
    ranked = sorted(confidence.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] <= 0:
        return None
    guesses = tuple((code, round(value, 4)) for code, value in ranked[:4])
    return LanguageGuess(guesses[0][0], guesses[0][1], "lingua", guesses[1:])


def _langdetect(text: str, seed: int) -> LanguageGuess:
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
        if code in ("ko", "ja", "zh"):
            continue  # CJK segments were decided by their script; these are n-gram accidents
        guesses.append((code, round(candidate.prob, 4)))
    if not guesses:
        return LanguageGuess(None, 0.0, "none")
    return LanguageGuess(guesses[0][0], guesses[0][1], "langdetect", tuple(guesses[1:4]))
