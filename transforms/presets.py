"""Ready-made quality limits from published corpus recipes (`filter.preset`, `--preset NAME`).

Each maps a recipe's document-level rules onto refinery's quality signals (`transforms/quality.py`).
The mapping is approximate where the signals differ, and each source says how; rules with no
signal here (word counts, stop words, bullet lines, model scores) are left out. Explicit
`filter.thresholds` and `filter.languages` override a preset's limits. A preset may also switch
stages on (`settings`: personal data, flagged words); a key the configuration sets itself wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Preset:
    limits: dict[str, float]
    source: str
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # section -> key -> value


# Gopher's repetition and quality rules (dup_line_frac 0.30, top_2gram 0.20, duplicated 5-grams 0.15,
# symbol-to-word ratio 0.10), on refinery's token n-grams (characters for Chinese).
_GOPHER = {
    "max_dup_line_share": 0.30,
    "max_top_ngram_share": 0.20,
    "max_dup_ngram_share": 0.15,
    "max_symbol_share": 0.10,
}

PRESETS: dict[str, Preset] = {
    "gopher": Preset(
        _GOPHER,
        "Rae et al. 2021, Scaling Language Models (Gopher), appendix A.1.1 (MassiveText quality and "
        "repetition filters), as in datatrove's GopherQualityFilter and GopherRepetitionFilter; the "
        "symbol share counts every symbol character, not # and ... per word",
    ),
    "c4": Preset(
        {"min_sentence_end_share": 0.5},
        "Raffel et al. 2020, Exploring the Limits of Transfer Learning (T5), section 2.2 (C4): lines "
        "must end in terminal punctuation; C4 drops such lines, here a document where fewer than half "
        "of the lines end like a sentence (。！？… included) is rejected",
    ),
    "fineweb": Preset(
        {**_GOPHER, "min_sentence_end_share": 0.12, "max_dup_line_share": 0.01},
        "Penedo et al. 2024, The FineWeb Datasets: Gopher's filters plus FineWeb's own (lines ending in "
        "punctuation >= 0.12, characters in duplicated lines <= 0.01), as in datatrove's "
        "FineWebQualityFilter; duplicated lines are counted as a share of lines, not characters",
    ),
    "zh": Preset(
        {**_GOPHER, "min_cjk_share": 0.30},
        "Chen et al. 2023, ChineseWebText (EvalWeb preprocessing: a text is kept when Chinese "
        "characters are at least 30 % of it) with Gopher's repetition limits on characters, as "
        "Chinese corpus recipes (WanJuan, MAP-Neo's Matrix) apply them; EvalWeb's length and "
        "sensitive-word rules and its quality model are not included",
    ),
    "fineweb2-zh": Preset(
        {
            "max_dup_line_share": 0.287,
            "max_top_ngram_share": 0.256,
            "max_dup_ngram_share": 0.198,
            "min_sentence_end_share": 0.106,
            "max_flagged_line_share": 0.5,
        },
        "Penedo et al. 2025, FineWeb2 (its cmn_Hani configuration: duplicated lines 0.287, top 2-gram "
        "0.256, duplicated 5-grams 0.198, lines ending in punctuation 0.106, language score 0.692), "
        "with its PII anonymization, and ChineseWebText 2.0's flagged-words rule (Zhang et al. 2024: a "
        "line half made of flagged words drops the document). FineWeb2 counts jieba words, refinery "
        "characters (10 for its 5 words); langdetect's score stands for GlotLID's; its top 3- and "
        "4-gram, word-length, non-alphabetic-word and newline limits have no signal here",
        settings={"pii": {"mode": "redact"}, "flagged": {"builtin": True}, "language": {"min_score": 0.692}},
    ),
}
