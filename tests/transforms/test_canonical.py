from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refinery.transforms.canonical import canonical_text, compact, compact_lines, fold, recipe
from refinery.transforms.config import Config
from refinery.transforms.unify import converter

# Mainland wording: s2twp rewrites 数据 程序 联系 软件 声明 显存 the Taiwan way (資料 程式 聯絡 軟體
# 宣告 視訊記憶體); s2hk only the characters.
ARTICLE = (
    "研究人员表示，这些数据来自公司的程序日志。\n"
    "他们已经联系了软件开发者，并发表了声明：显存不足会导致程序崩溃。\n"
    "“我们会尽快修复，”一位工程师说。"
)


@pytest.mark.parametrize("config", ["s2twp", "s2hk", "s2t", "s2tw"])
def test_a_traditional_copy_has_the_canonical_form_of_its_original(config):
    copy = converter(config).convert(ARTICLE)
    assert copy != ARTICLE
    assert canonical_text(copy).whole == canonical_text(ARTICLE).whole


def test_what_the_pipeline_publishes_of_a_taiwan_copy_meets_the_original():
    # target hans without regional phrases converts characters only: 资料, 程式 stay
    published = converter("tw2s").convert(converter("s2twp").convert(ARTICLE))
    assert "资料" in published
    assert canonical_text(published).whole == canonical_text(ARTICLE).whole


def test_width_case_spacing_and_punctuation_do_not_count():
    assert (
        canonical_text("在美国，人们 认为。Ｈｅｌｌｏ１２").whole
        == canonical_text("在美国,人们认为 hello12!").whole
    )
    assert canonical_text("ＡＢＣ", "plain").whole == "abc"


def test_different_words_differ():
    assert canonical_text("在美国人们认为").whole != canonical_text("在中国人们认为").whole


def test_the_plain_form_keeps_scripts_apart():
    traditional = converter("s2t").convert(ARTICLE)
    assert canonical_text(traditional, "plain").whole != canonical_text(ARTICLE, "plain").whole


def test_folding_keeps_line_breaks_so_lines_can_be_keyed():
    assert fold(ARTICLE).count("\n") == ARTICLE.count("\n")
    keys = canonical_text(ARTICLE + "\n（完）").line_keys()
    assert len(keys) == 4 and keys[-1] is None  # too short to count
    assert canonical_text(converter("s2twp").convert(ARTICLE)).line_keys() == keys[:3]


def test_the_table_folds_in_one_step():
    """No representative is itself rewritten: folding twice changes nothing more."""
    rows = resources.files("transforms").joinpath("data/canonical_zh.txt").read_text("utf-8").splitlines()
    table = dict(row.split("\t") for row in rows)
    assert table["资料"] == "数据" and table["程式"] == "程序"
    assert not set(table.values()) & set(table)


def test_the_recipe_is_part_of_the_configuration_hash():
    assert recipe("zh") != recipe("plain")
    assert "canonical_zh-" in recipe("zh")
    plain = Config.model_validate({"dedup": {"canonical": "plain"}})
    assert plain.content_hash() != Config().content_hash()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*"中文資料ＡＢａ１２ｶ ，。！?.\n\t\u3000\u00a0©★①ﬁ\u0301e", "😀", "𠀀"]),
        max_size=60,
    )
)
def test_lines_stripped_in_one_pass_equal_lines_stripped_one_by_one(text):
    folded = fold(text)
    assert compact_lines(text, folded, "zh") == [compact(line) for line in folded.split("\n")]
