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


def _declared(html: str):
    from refinery.transforms.metadata import declared_metadata
    from refinery.transforms.threads import parse_page

    return declared_metadata(parse_page(html))


def test_what_a_page_declares_is_read_from_meta_tags_first():
    page = """<html><head><title>头条_财经_示例网</title>
    <meta property="og:title" content="央行宣布降准"><meta property="og:site_name" content="示例网">
    <meta name="author" content="张三"><meta property="article:published_time" content="2024-05-01T08:00:00+08:00">
    <link rel="canonical" href="https://example.com/a/1.html"></head><body><h1>另一个标题</h1><p>正文。</p></body></html>"""
    declared = _declared(page)
    assert (declared.title, declared.sitename, declared.author) == ("央行宣布降准", "示例网", "张三")
    assert (declared.date, declared.url) == ("2024-05-01", "https://example.com/a/1.html")


def test_json_ld_then_the_one_h1_then_the_title_element():
    json_ld = """<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",
        "headline": "标题甲", "datePublished": "2023/7/9", "author": [{"name": "李四"}],
        "publisher": {"name": "某报"}}]}</script>"""
    declared = _declared(f"<html><head><title>网页</title>{json_ld}</head><body><p>x</p></body></html>")
    assert (declared.title, declared.date, declared.author, declared.sitename) == (
        "标题甲",
        "2023-07-09",
        "李四",
        "某报",
    )
    one_h1 = _declared(
        "<html><head><title>网页 - 站</title></head><body><h1>文章 标题</h1><time datetime='2022年3月4日'>x</time></body></html>"
    )
    assert (one_h1.title, one_h1.date, one_h1.author) == ("文章 标题", "2022-03-04", None)
    two_h1 = _declared(
        "<html><head><title>网页 - 站</title></head><body><h1>甲</h1><h1>乙</h1></body></html>"
    )
    assert two_h1.title == "网页 - 站"
    broken = _declared(
        '<html><head><script type="application/ld+json">{oops</script></head><body>x</body></html>'
    )
    assert broken.title is None and broken.date is None
