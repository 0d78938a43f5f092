import pytest

from transforms.unify import (
    normalize_punctuation,
    normalize_width,
    normalize_width_and_punctuation,
    unify_script,
)


def test_traditional_becomes_simplified():
    text, config, step = unify_script("中國人工智慧晶片落後美國", "Hant", "hans")
    assert text == "中国人工智慧晶片落后美国"
    assert config == "t2s"
    assert "3 chars changed" in step.detail  # 國 twice, 後 once


def test_simplified_text_is_left_alone():
    assert unify_script("中国芯片", "Hans", "hans")[:2] == ("中国芯片", None)


def test_target_traditional():
    assert unify_script("中国芯片", "Hans", "hant")[:2] == ("中國芯片", "s2t")


def test_mixed_documents_convert():
    assert unify_script("中國和美国", "mixed", "hans")[0] == "中国和美国"


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
