import re

import numpy as np
import pytest

from refinery.transforms import chars


def test_tables_are_what_regex_says_unicode_is():
    """The literal tables equal what `regex` derives (planes 0-3): after a `regex` upgrade brings a
    new Unicode, regenerate them with `python -m refinery.transforms.chars`."""
    derived = chars.derive()
    for name, ranges in derived.items():
        assert getattr(chars, name) == ranges, name


def test_the_classes_hold_letters_of_cjk_text_and_no_punctuation():
    han, kana, hangul, cjk = (
        re.compile(f"[{body}]") for body in (chars.HAN, chars.KANA, chars.HANGUL, chars.CJK)
    )
    assert all(han.match(char) for char in "中文漢字々〇㐀豈𠮷")
    assert all(kana.match(char) for char in "ひらがなカタカナーｶ")
    assert all(hangul.match(char) for char in "한국어ᄀㄱ")
    assert not any(cjk.match(char) for char in "。、「」・゛（）！？ａA1 ⺀㋐䷀")
    assert cjk.sub("", "日本語のテキスト、한국어 text") == "、 text"


def test_cjk_is_the_union():
    assert chars._merged(chars.HAN_RANGES, chars.KANA_RANGES, chars.HANGUL_RANGES) == chars.CJK_RANGES
    assert all(a[1] + 1 < b[0] for a, b in zip(chars.CJK_RANGES, chars.CJK_RANGES[1:], strict=False))


def test_in_ranges_matches_the_class():
    text = "A中ーｶ한𠮷・\U0001f600"
    codes = np.array([ord(char) for char in text])
    pattern = re.compile(f"[{chars.CJK}]")
    assert chars.in_ranges(codes, chars.CJK_RANGES).tolist() == [bool(pattern.match(c)) for c in text]


def test_uro_is_the_unified_block_only():
    assert re.fullmatch(f"[{chars.URO}]+", "中文一龥") and not re.match(f"[{chars.URO}]", "㐀")


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("今天天气很好。", True),
        ("他说：“走吧！”", True),
        ("（完）", False),
        ("The end.", True),
        ("阅读更多…", True),
        ("标题", False),
        ("「书名」", False),
        ("", False),
        ("”", False),
    ],
)
def test_ends_sentence(line, ends):
    assert chars.ends_sentence(line) is ends
    assert bool(chars.ENDS_SENTENCE.search(line)) is ends


def test_at_least_is_exact():
    assert chars.at_least(1, 3, chars.CJK_SHINGLE_SHARE) and not chars.at_least(1, 4, chars.CJK_SHINGLE_SHARE)
    assert chars.at_least(5, 10, chars.CJK_TOKEN_SHARE) and not chars.at_least(4, 9, chars.CJK_TOKEN_SHARE)
    assert chars.at_least(0, 0, chars.CJK_TOKEN_SHARE)  # an empty text is CJK, as before (0 >= 0)
