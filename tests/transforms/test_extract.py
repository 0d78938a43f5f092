from transforms.config import ExtractConfig
from transforms.extract import extract_html, tidy_extracted

PARAGRAPHS = [
    f"人工智能芯片产业正在快速发展，各国纷纷加大投入，这是第{i}段的内容，写得足够长。" for i in range(8)
]


def test_tidy_removes_list_markers_tables_and_the_repeated_title():
    text = "芯片新闻\n- 第一条\n| 来源: \\| 发布时间: 2018 | 正文内容，很长。 |\n|---|---|\n正文"
    assert tidy_extracted(text, "芯片 新闻").split("\n") == [
        "第一条",
        "来源: | 发布时间: 2018",
        "正文内容，很长。",
        "正文",
    ]


def test_trafilatura_is_used_on_a_plain_article_page():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><head><title>芯片新闻</title></head><body><article><h1>芯片新闻</h1>{body}</article></body></html>"
    extracted = extract_html(html, ExtractConfig())
    assert extracted.method == "trafilatura"
    assert extracted.title == "芯片新闻"
    assert extracted.text.split("\n") == PARAGRAPHS


def test_a_layout_table_page_between_link_lists_keeps_every_paragraph():
    links = "".join(f'<li><a href="/{i}">链接标题{i}</a></li>' for i in range(40))
    body = "<br>".join(PARAGRAPHS)
    html = f"<html><body><div><ul>{links}</ul></div><table><tr><td>{body}</td></tr></table><div><ul>{links}</ul></div></body></html>"
    extracted = extract_html(html, ExtractConfig())
    assert all(p in extracted.text for p in PARAGRAPHS)


def test_the_density_engine_alone_finds_the_article_and_its_title():
    links = "".join(f'<li><a href="/{i}">相关阅读：链接标题{i}</a></li>' for i in range(30))
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        "<html><head><title>芯片新闻 - 示例网</title></head><body><nav><ul>" + links + "</ul></nav>"
        f"<div class='main'><h1>芯片新闻</h1>{body}</div><footer>版权所有 示例网</footer></body></html>"
    )
    extracted = extract_html(html, ExtractConfig(engine="density"))
    assert extracted.method == "density-only" and extracted.title == "芯片新闻"
    assert extracted.text.split("\n") == PARAGRAPHS
    assert (
        extract_html(
            "<html><body><a href='/x'>只有链接</a></body></html>", ExtractConfig(engine="density")
        ).text
        == ""
    )
