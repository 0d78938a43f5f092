import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refinery.transforms.script import _CLASSES, count_scripts, dominant_script, han_script, han_tables

SIMPLIFIED = "中国的研究人员表示，由于出口限制，他们发现自己落后于美国同行五到十年。"
TRADITIONAL = "中國的研究人員表示，由於出口限制，他們發現自己落後於美國同行五到十年。"


def test_opencc_tables_split_the_scripts():
    tables = han_tables()
    assert {"國", "們", "發", "後"} <= tables.traditional_only
    assert {"国", "们", "发"} <= tables.simplified_only
    assert not tables.traditional_only & tables.simplified_only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SIMPLIFIED, "Hans"),
        (TRADITIONAL, "Hant"),
        ("人工智能", "Hani"),  # nothing tells the scripts apart
        ("國", "Hant"),  # one character is evidence enough on a short text
        (SIMPLIFIED[:12] + TRADITIONAL[12:], "mixed"),
        ("人工知能の研究が進んでいる。日本の企業も参加している。", "Jpan"),
        ("인공지능 연구가 빠르게 발전하고 있다.", "Kore"),
        ("Artificial intelligence chips are in short supply.", "Latn"),
        ("Искусственный интеллект развивается быстро.", "Cyrl"),
        ("1234 5678 !!!", "Zyyy"),
    ],
)
def test_dominant_script(text, expected):
    assert dominant_script(count_scripts(text)) == expected


def test_chinese_with_english_names_is_still_han():
    text = "Ernst最近完成了一份长达70页的研究报告，由CIGI正式发表（Competing in Artificial Intelligence Chips）。"
    assert dominant_script(count_scripts(text)) == "Hans"


def test_traditional_with_a_few_shared_simplified_forms_is_hant():
    counts = count_scripts(TRADITIONAL * 3 + "后面")
    assert han_script(counts) == "Hant"


def _counted_by_regex(text: str) -> dict[str, int]:
    """The definition count_scripts implements with a lookup table: a regex match per class."""
    tables = han_tables()
    counts = {name: len(re.findall(pattern, text)) for name, pattern in _CLASSES.items()}
    counts["traditional"] = sum(char in tables.traditional_only for char in text) if counts["han"] else 0
    counts["simplified"] = sum(char in tables.simplified_only for char in text) if counts["han"] else 0
    return counts


_MIXED_SCRIPTS = st.text(
    st.one_of(
        st.characters(),  # anything, astral and surrogates included
        st.sampled_from(SIMPLIFIED + TRADITIONAL + "한국어かなカナабвαβγשלוםสวัสดีक𠀀𪚥ｶﾅ"),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED_SCRIPTS)
def test_counts_match_the_per_class_regexes(text):
    counts = count_scripts(text)
    assert {name: getattr(counts, name) for name in _counted_by_regex(text)} == _counted_by_regex(text)
