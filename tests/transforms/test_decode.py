import pytest

from refinery.transforms.decode import (
    DecodeError,
    declared_charset,
    decode_bytes,
    looks_like_html,
    plausible_chinese,
)

CHINESE = "中国人工智能芯片的发展引发了全球竞赛，研究人员表示出口限制正在产生影响。"
TRADITIONAL = "中國人工智慧晶片的發展引發了全球競賽，研究人員表示出口限制正在產生影響。"


def test_utf8_is_taken_as_is():
    assert decode_bytes(CHINESE.encode("utf-8")).text == CHINESE


def test_utf8_bom_is_dropped():
    decoded = decode_bytes(b"\xef\xbb\xbf" + CHINESE.encode())
    assert decoded.text == CHINESE


def test_gbk_without_declaration():
    decoded = decode_bytes((CHINESE * 3).encode("gbk"))
    assert decoded.text == CHINESE * 3
    assert decoded.encoding == "gb18030"


def test_big5_without_declaration():
    decoded = decode_bytes((TRADITIONAL * 3).encode("big5"))
    assert decoded.text == TRADITIONAL * 3
    assert decoded.encoding.startswith("big5")


def test_declared_gb2312_is_widened_to_gb18030():
    page = '<html><head><meta charset="gb2312"></head><body>镕</body></html>'.encode("gbk")
    assert declared_charset(page) == "gb18030"
    assert "镕" in decode_bytes(page, declared="gb18030").text


def test_browser_labels_of_gbk_are_widened_too():
    for label in ("x-gbk", "cp936", "GBK", "gb_2312-80", "chinese"):
        page = f'<html><head><meta charset="{label}"></head><body>镕</body></html>'.encode("gbk")
        assert declared_charset(page) == "gb18030", label


def test_binary_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(DecodeError):
        decode_bytes(png)


def test_big5_page_mislabelled_as_gb2312_is_read_as_big5():
    page = ('<html><head><meta charset="gb2312"></head><body>' + TRADITIONAL * 4 + "</body></html>").encode(
        "big5"
    )
    decoded = decode_bytes(page, declared=declared_charset(page))
    assert TRADITIONAL in decoded.text and decoded.encoding.startswith("big5")


# A GBK portal page: mostly ASCII markup, a little Chinese. charset_normalizer alone reads it, with
# one corrupt byte pair, as a Cyrillic code page (iso8859_5), the way a real page came out ptcp154.
PORTAL_ITEMS = ["国内新闻", "国际要闻", "财经频道", "体育赛事", "娱乐八卦", "科技前沿"] * 5
PORTAL = (
    "<html><head><title>新闻中心</title><script>var a=1;</script></head><body><ul>"
    + "".join(f'<li><a href="/news/{i}.html" class="item">{t}</a></li>' for i, t in enumerate(PORTAL_ITEMS))
    + "</ul><p>中国人工智能芯片产业正在快速发展，各国纷纷加大投入。</p></body></html>"
)


def test_a_gbk_page_with_a_corrupt_byte_is_not_read_in_another_scripts_code_page():
    import charset_normalizer

    data = PORTAL.encode("gb18030")
    data = data[:300] + b"\x81\x20" + data[300:]
    guess = charset_normalizer.from_bytes(data).best()
    assert guess is not None and guess.encoding not in ("gb18030", "gbk", "big5")  # the trap is real
    decoded = decode_bytes(data)
    assert decoded.encoding.startswith("gb18030")
    assert "人工智能芯片产业" in decoded.text and "财经频道" in decoded.text


def test_a_gbk_page_labelled_windows_1252_is_read_as_chinese():
    text = "中国人工智能芯片产业正在快速发展，各国纷纷加大投入，这是第一段的内容。" * 3
    assert decode_bytes(text.encode("gb18030"), declared="cp1252").text == text


def test_latin_and_cyrillic_pages_stay_in_their_code_pages():
    french = "Le développement économique était très élevé à Paris, où les élèves étudiaient. " * 5
    assert decode_bytes(french.encode("latin-1"), declared="iso8859-1").text == french
    russian = "Привет, это русский текст о развитии экономики и промышленности в нашей стране. " * 5
    assert not plausible_chinese(russian.encode("cp1251").decode("gb18030", "replace"))


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>正文</p></body></html>",
        '\ufeff<?xml version="1.0"?>\n<!-- saved page -->\n<html lang="zh"><p>正文</p>',
        "  <body>\n正文</body>",
        "<div><p>第一段</p><p>第二段</p><br><a href='/'>首页</a></div>",
    ],
)
def test_pages_and_markup_dense_fragments_look_like_html(text):
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "第一行<br>第二行。抓取时留下的一个标签不算网页。",
        "在网页里，<body> 标签包住正文，<html> 是根元素。",
        "if a < b and c > d: print('<p>')",
        "",
    ],
)
def test_text_that_mentions_a_tag_or_two_is_text(text):
    assert not looks_like_html(text)
