from refinery.transforms.density import density_document, prose_chars


def density_extract(html: str) -> str:
    return density_document(html)[0]


ARTICLE = "".join(
    f"<p>人工智能芯片产业正在快速发展，各国纷纷加大投入，第{i}段的内容也很充实。</p>" for i in range(6)
)
LINKS = "".join(f'<li><a href="/n{i}">相关新闻标题第{i}条，点击阅读</a></li>' for i in range(30))


def page(body: str) -> str:
    return f"<html><head><title>t</title><script>var x='不要我。';</script></head><body>{body}</body></html>"


def test_finds_the_article_among_link_lists_and_chrome():
    html = page(
        f"<div id=nav><ul>{LINKS}</ul></div><div class=main><h1>标题</h1>{ARTICLE}</div><div><ul>{LINKS}</ul></div>"
    )
    text = density_extract(html)
    assert text.count("人工智能芯片产业") == 6
    assert "相关新闻" not in text and "不要我" not in text


def test_layout_tables_and_forms_are_searched():
    html = page(f"<form><table><tr><td>首页 | 关于</td></tr><tr><td>{ARTICLE}</td></tr></table></form>")
    assert density_extract(html).count("人工智能芯片产业") == 6


def test_br_separated_paragraphs_become_lines():
    html = page("<div>第一段，有逗号的句子。<br>第二段，也是句子。<br/>第三段，同样如此。</div>")
    assert density_extract(html).split("\n") == [
        "第一段，有逗号的句子。",
        "第二段，也是句子。",
        "第三段，同样如此。",
    ]


def test_no_prose_no_text():
    assert density_extract(page(f"<ul>{LINKS}</ul>")) == ""
    assert density_extract("") == ""


def test_prose_chars_counts_sentences_only():
    assert prose_chars(["首页", "这是一个完整的句子，有标点。"]) == len("这是一个完整的句子，有标点。")
