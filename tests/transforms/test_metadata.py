import pytest

from refinery.transforms.metadata import clean_person, clean_sitename, clean_title


@pytest.mark.parametrize(
    ("title", "sitename", "expected"),
    [
        ("华为发布新芯片_科技频道_示例网", None, "华为发布新芯片"),
        ("华为发布新芯片 - 示例网", "示例网", "华为发布新芯片"),
        ("示例网 | 华为今天在深圳发布了新一代手机芯片", None, "华为今天在深圳发布了新一代手机芯片"),
        ("今日股市行情_明日大盘_股市最新消息", None, "今日股市行情"),
        ("Chips are back - The Example Times", "The Example Times", "Chips are back"),
        ("Review: the new phone is fast", None, "Review: the new phone is fast"),
        ("约翰·史密斯的故事", None, "约翰·史密斯的故事"),
        ("   ", None, None),
        (None, None, None),
    ],
)
def test_titles_lose_site_suffixes_and_seo_tails(title, sitename, expected):
    assert clean_title(title, sitename) == expected


def test_copyright_lines_are_not_authors_or_site_names():
    assert clean_sitename("网易版权所有") is None
    assert clean_person("Copyright © 2024 Example Media. All rights reserved.") is None
    assert clean_person("https://example.com/about") is None
    assert clean_person("张三") == "张三"
    assert clean_sitename("新浪新闻") == "新浪新闻"
