import numpy as np

from refinery.transforms.canonical import canonical_text, fold
from refinery.transforms.config import DedupConfig
from refinery.transforms.minhash import band_keys, shingle_hashes, signature

CONFIG = DedupConfig()


def hashes(text: str) -> np.ndarray:
    return shingle_hashes(fold(text), canonical_text(text).whole, CONFIG)


def test_chinese_is_shingled_by_characters_and_other_text_by_words():
    assert len(hashes("一二三四五六七八九十")) == 10 - CONFIG.cjk_shingle + 1
    words = "one two three four five six seven eight nine ten"
    assert len(hashes(words)) == 10 - CONFIG.word_shingle + 1


def test_shingles_keep_their_order():
    assert set(hashes("一二三四五六")) != set(hashes("六五四三二一"))
    assert set(hashes("one two three four")) != set(hashes("four three two one"))


def test_a_short_or_empty_text_is_one_shingle():
    assert len(hashes("一二")) == 1
    assert len(hashes("")) == len(hashes("，。")) == 1


def test_repeats_do_not_change_the_signature():
    once = hashes("一二三四五六七八")
    assert signature(np.concatenate([once, once]), CONFIG) == signature(once, CONFIG)


def test_band_keys_are_distinct_per_band():
    values = signature(hashes("一二三四五六七八"), CONFIG)
    keys = band_keys(values, CONFIG.bands)
    assert len(keys) == CONFIG.bands == len(set(keys))
