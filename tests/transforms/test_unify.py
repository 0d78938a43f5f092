import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refinery.transforms.unify import (
    RegionalMarkers,
    detect_region,
    normalize_punctuation,
    normalize_width,
    normalize_width_and_punctuation,
    regional_markers,
    unify_script,
)


def test_traditional_becomes_simplified():
    text, config, step = unify_script("中國人工智慧晶片落後美國", "hans")
    assert text == "中国人工智慧晶片落后美国"
    assert config == "t2s"
    assert "3 chars changed" in step.detail  # 國 twice, 後 once


def test_simplified_text_is_left_alone():
    assert unify_script("中国芯片", "hans")[:2] == ("中国芯片", None)


def test_target_traditional():
    assert unify_script("中国芯片", "hant")[:2] == ("中國芯片", "s2t")


def test_mixed_documents_convert():
    assert unify_script("中國和美国", "hans")[0] == "中国和美国"


def test_full_width_letters_and_digits_become_ascii():
    assert normalize_width("ＡＩ芯片２０２３年ｇｐｕ") == "AI芯片2023年gpu"


def test_full_width_punctuation_is_kept_by_width_normalization():
    assert normalize_width("你好，世界！（测试）") == "你好，世界！（测试）"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("在美国,人们认为", "在美国，人们认为"),
        ("好吗? 是的!", "好吗？是的！"),
        ("Ernst:跟我早期", "Ernst：跟我早期"),
        ("增长 1,000 元", "增长 1,000 元"),
        ("时间 12:30 开始", "时间 12:30 开始"),
        ("AI,IT and GPU", "AI,IT and GPU"),
        ("网址 https://example.com/a?b=1", "网址 https://example.com/a?b=1"),
    ],
)
def test_cjk_punctuation_policy(before, after):
    assert normalize_punctuation(before)[0] == after


def test_punctuation_only_for_chinese_and_only_with_cjk_policy():
    assert normalize_width_and_punctuation("在美国,人们", chinese=False, policy="cjk")[0] == "在美国,人们"
    assert normalize_width_and_punctuation("在美国,人们", chinese=True, policy="keep")[0] == "在美国,人们"
    assert normalize_width_and_punctuation("在美国,人们", chinese=True, policy="cjk")[0] == "在美国，人们"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("台灣的軟體公司在台北發表新晶片。", "tw"),
        ("佢哋喺銅鑼灣搭的士，話啲嘢好貴。", "hk"),
        ("中國人工智慧晶片落後美國。", None),  # one marker is not clear evidence, no regional forms
        ("他站在窗前看著遠方。", "tw"),  # Taiwan writes the aspect particle 著 (standard: 着)
        ("政府保衞市民，更換電綫。", "hk"),  # Hong Kong forms 衞 and 綫
    ],
)
def test_detect_region(text, region):
    assert detect_region(text) == region


def test_auto_region_picks_the_regional_table():
    text = "臺灣的軟體業者在臺北發表新晶片，裏面用了新的製程。"
    converted, config, _ = unify_script(text, "hans", region="auto")
    assert config == "tw2s" and converted == "台湾的软体业者在台北发表新晶片，里面用了新的制程。"


def test_regional_phrases_are_optional():
    converted, config, _ = unify_script("台灣的軟體與晶片", "hans", region="tw", phrases=True)
    assert config == "tw2sp" and converted == "台湾的软件与芯片"
    assert unify_script("台灣的軟體與晶片", "hans", region="none")[0] == "台湾的软体与晶片"


def test_japanese_and_korean_lines_inside_a_chinese_document_are_not_converted():
    text = "中國的經濟發展很快。\n日本語の文章は變換しない。\n한국어 문장도 그대로 둡니다 國"
    converted, _, _ = unify_script(text, "hans", region="none")
    assert converted.split("\n") == [
        "中国的经济发展很快。",
        "日本語の文章は變換しない。",
        "한국어 문장도 그대로 둡니다 國",
    ]


def test_quotation_marks_follow_the_target_scripts_convention():
    assert unify_script("他說：「我覺得『這本書』很好。」", "hans")[0] == "他说：“我觉得‘这本书’很好。”"
    assert unify_script("他说：“我觉得‘这本书’很好。”", "hant")[0] == "他說：「我覺得『這本書』很好。」"


def test_only_whole_pairs_of_quotation_marks_are_converted():
    assert unify_script("只有半個「括號", "hans")[0] == "只有半个「括号"
    assert unify_script("「跨行\n的引號」", "hans")[0] == "「跨行\n的引号」"


def test_quotation_marks_in_japanese_lines_are_kept():
    text = "彼は「こんにちは」と言った。\n他說：「你好」"
    assert unify_script(text, "hans")[0] == "彼は「こんにちは」と言った。\n他说：“你好”"


def test_simplified_text_keeps_its_corner_brackets_when_nothing_is_converted():
    assert unify_script("他说：「你好」", "hans")[0] == "他说：「你好」"


def test_forms_opencc_leaves_become_mainland_ones():
    assert unify_script("牠在砲彈旁邊，姪子查看帳戶。", "hans")[0] == "它在炮弹旁边，侄子查看账户。"
    assert unify_script("帳篷", "hans")[0] == "帐篷"  # a tent stays 帐


def _counted(text: str, markers: RegionalMarkers) -> tuple[int, int]:
    """The plain rule: str.count of every marker, summed per region."""
    return sum(text.count(word) for word in markers.tw), sum(text.count(word) for word in markers.hk)


_MARKERS = regional_markers()
_MARKER_PIECES = [*_MARKERS.tw, *_MARKERS.hk, *(word[:1] for word in _MARKERS.tw), "的", "，", "a"]


def test_marker_hits_count_what_str_count_counts_on_the_seeds(seed_texts):
    for name, text in seed_texts.items():
        assert _MARKERS.hits(text) == _counted(text, _MARKERS), name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=30))
def test_marker_hits_count_what_str_count_counts_where_markers_touch(pieces):
    text = "".join(pieces)
    assert _MARKERS.hits(text) == _counted(text, _MARKERS)


@pytest.mark.parametrize(("tw", "hk"), [(("哈哈",), ()), (("軟體",), ("軟體",)), (("啊啊啊",), ())])
def test_a_marker_table_whose_counts_would_differ_is_refused(tw, hk):
    with pytest.raises(ValueError, match="distinct and not overlap"):
        RegionalMarkers(tw, hk, 2)


@pytest.mark.parametrize("region", ["none", "tw", "hk"])
def test_zhe_and_zhu_follow_mainland_usage_in_every_region(region):
    text = "他沿著海邊走著，想起魯迅所著的書，效果顯著。衞生署也發了通告。"
    converted, _, _ = unify_script(text, "hans", region=region)
    assert converted == "他沿着海边走着，想起鲁迅所著的书，效果显著。卫生署也发了通告。"


def test_only_the_traditional_paragraph_of_a_simplified_article_is_converted():
    text = "这是简体段落，写着乾隆年间的故事。\n這是繁體段落，寫著後來的發展。\n日本語の段落は變換しない。"
    converted, _, step = unify_script(text, "hans", region="auto")
    assert converted.split("\n") == [
        "这是简体段落，写着乾隆年间的故事。",
        "这是繁体段落，写着后来的发展。",
        "日本語の段落は變換しない。",
    ]
    assert step.detail.endswith("in 1 of 3 paragraphs")


def test_a_variant_character_in_a_simplified_paragraph_is_left_as_written():
    text = "华为发布了新一代昇腾芯片，性能比上一代提升一倍。"  # 昇腾 is the brand's own spelling
    assert unify_script(text, "hans", region="auto")[:2] == (text, None)


def test_a_simplified_paragraph_in_a_traditional_article_is_converted_for_a_traditional_target():
    text = "這是繁體段落，寫著後來的發展。\n这是简体段落，写着后来的发展。"
    converted, config, step = unify_script(text, "hant", region="tw")
    assert converted.split("\n") == ["這是繁體段落，寫著後來的發展。", "這是簡體段落，寫著後來的發展。"]
    assert config == "s2tw" and step.detail.endswith("in 1 of 2 paragraphs")
