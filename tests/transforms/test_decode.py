import pytest

from transforms.decode import DecodeError, declared_charset, decode_bytes

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
