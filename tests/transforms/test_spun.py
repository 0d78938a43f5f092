import json
import math
import re
from collections import Counter
from functools import cache
from importlib import resources

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refinery.transforms.spun import PAIR_CAP, build_lexicon, default_lexicon, spun_evidence, standalone_uses


def form_counts(text: str, lexicon) -> Counter[str]:
    """Stand-alone uses of each form, by form."""
    counts = standalone_uses(text, lexicon)
    return Counter({lexicon.forms[at]: int(counts[at]) for at in counts.nonzero()[0]})


SPUN_SEED = "001"


def test_seed_001_is_spun_and_the_other_seeds_are_not(seed_texts):
    t2s = opencc.OpenCC("t2s")
    scores = {
        name: spun_evidence(t2s.convert(text) if name == "004" else text).score
        for name, text in seed_texts.items()
    }
    assert scores.pop(SPUN_SEED) > 0.9
    assert all(score < 0.1 for score in scores.values()), scores


def test_swapping_words_of_a_clean_text_raises_its_score(seed_texts):
    clean = seed_texts["003"]
    swapped = clean
    for pair in default_lexicon().pairs:
        if len(pair.original) > 1 and pair.original not in {p.spun for p in default_lexicon().pairs}:
            swapped = swapped.replace(pair.original, pair.spun)
    assert swapped != clean
    assert spun_evidence(swapped).log_ratio > spun_evidence(clean).log_ratio + 20
    assert spun_evidence(swapped).score > 0.5


def test_the_longest_form_wins_and_forms_inside_dictionary_words_do_not_count():
    lexicon = build_lexicon([("在", "正在", 1000, 10), ("与", "取", 1000, 10)], ["取得", "现在"])
    counts = form_counts("他正在北京取得成功，现在与朋友在一起，取这种做法。", lexicon)
    assert counts == {"正在": 1, "在": 1, "与": 1, "取": 1}


def test_weights_follow_clean_usage():
    (rare, common) = build_lexicon([("合作", "合做", 13478, 3), ("重要", "主要", 37557, 57991)], []).pairs
    assert rare.spun_weight > common.spun_weight > 0 > rare.original_weight
    assert math.isclose(rare.original_weight, math.log(1 - 0.5))  # half the originals would be gone


def test_one_topic_word_cannot_flag_a_clean_article():
    text = "平安银行今天发布公告。" + "平安银行的客户可以在网上办理业务，平安银行表示将继续改进服务。" * 8
    evidence = spun_evidence(text)
    assert evidence.score < 0.5


@pytest.mark.parametrize("text", ["", "Hello world, nothing Chinese here.", "。。。"])
def test_texts_without_evidence_are_not_spun(text):
    assert spun_evidence(text).log_ratio == 0 and spun_evidence(text).score < 0.2


def reference_form_counts(text: str, forms: frozenset[str], longer_words: frozenset[str]) -> Counter[str]:
    """The scan before Aho-Corasick (0.6.0): a longest-first regex over the forms, then for each
    match a look at the text around it for every dictionary word that contains the form. Kept as
    the rule's plain statement; the shipped scan must count the same."""
    pattern, shapes = _reference_tables(forms, longer_words)
    counts: Counter[str] = Counter()
    for match in pattern.finditer(text):
        form, (start, end) = match.group(), match.span()
        if not any(
            end + after <= len(text) and text[start - before : end + after] in longer_words
            for before, after in shapes[form]
            if start >= before
        ):
            counts[form] += 1
    return counts


@cache
def _reference_tables(
    forms: frozenset[str], longer_words: frozenset[str]
) -> tuple[re.Pattern[str], dict[str, set[tuple[int, int]]]]:
    shapes: dict[str, set[tuple[int, int]]] = {form: set() for form in forms}
    for word in longer_words:
        for form in forms:
            at = word.find(form)
            while at >= 0 and len(word) > len(form):
                shapes[form].add((at, len(word) - len(form) - at))
                at = word.find(form, at + 1)
    return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True)))), shapes


def reference_log_ratio(text: str) -> float:
    lexicon = default_lexicon()
    counts = reference_form_counts(text, frozenset(lexicon.forms), _longer_words())
    total = 0.0
    for pair in lexicon.pairs:
        spun, original = counts.get(pair.spun, 0), counts.get(pair.original, 0)
        if spun or original:
            total += max(-PAIR_CAP, min(PAIR_CAP, spun * pair.spun_weight + original * pair.original_weight))
    return round(total, 4)


@cache
def _longer_words() -> frozenset[str]:
    raw = resources.files("refinery.transforms").joinpath("data/spun_lexicon.json").read_text("utf-8")
    return frozenset(json.loads(raw)["longer_words"])


def test_the_scan_counts_what_the_plain_rule_counts_on_the_seeds(seed_texts):
    lexicon = default_lexicon()
    for name, text in seed_texts.items():
        expected = reference_form_counts(text, frozenset(lexicon.forms), _longer_words())
        assert form_counts(text, lexicon) == expected, name
        assert spun_evidence(text).log_ratio == reference_log_ratio(text), name


# Texts made of forms, dictionary words, their pieces and filler: where matches touch and overlap.
_PIECES = sorted({piece for word in sorted(_longer_words())[::7] for piece in (word, word[:2], word[1:])})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + list(default_lexicon().forms) + ["，", "的", "x"]), max_size=40))
def test_the_scan_counts_what_the_plain_rule_counts_where_words_overlap(pieces):
    text = "".join(pieces)
    lexicon = default_lexicon()
    assert form_counts(text, lexicon) == reference_form_counts(
        text, frozenset(lexicon.forms), _longer_words()
    )
    assert spun_evidence(text).log_ratio == reference_log_ratio(text)
