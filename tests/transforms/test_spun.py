import math

import opencc
import pytest

from refinery.transforms.spun import build_lexicon, default_lexicon, form_counts, spun_evidence

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
