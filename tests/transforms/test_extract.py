from pathlib import Path

import lxml.html
import pytest
from readability import Document as ReadabilityDocument
from readability.readability import text_length

from refinery.transforms.config import ExtractConfig
from refinery.transforms.decode import decode_bytes
from refinery.transforms.extract import (
    choose_by_agreement,
    extract_html,
    html_block_lines,
    prune_by_opinion,
    readability_text,
    readability_text_length,
    tidy_extracted,
    token_bag,
)

LABELLED_PAGES = Path(__file__).resolve().parents[2] / "bench" / "data"

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


def test_the_extractors_agree_on_a_plain_article_page():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><head><title>芯片新闻</title></head><body><article><h1>芯片新闻</h1>{body}</article></body></html>"
    extracted = extract_html(html, ExtractConfig())
    assert extracted.method.startswith("ensemble:trafilatura")
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


def test_the_candidate_the_others_agree_with_is_chosen_and_ties_go_to_the_first():
    article = "\n".join(PARAGRAPHS)
    chrome = "\n".join(["登录 注册 首页 新闻 体育 财经 娱乐 汽车 房产 旅游 教育 游戏"] * 3)
    candidates = {"a": f"{article}\n{chrome}", "b": article, "c": "\n".join(PARAGRAPHS[:-1])}
    bags = {name: token_bag(text) for name, text in candidates.items()}
    assert choose_by_agreement(bags, {}) == "b"
    same = {"x": token_bag(article), "y": token_bag(article)}
    assert choose_by_agreement(same, {}) == "x"
    assert choose_by_agreement(same, {"y": 0.1}) == "y"


def test_lines_the_precise_opinion_left_out_go_unless_they_are_prose_or_too_many():
    links = ["热门文章", "国足再败", "股市收涨", "明星婚讯"]
    text = "\n".join([*PARAGRAPHS, *links])
    pruned, count = prune_by_opinion(text, "\n".join(PARAGRAPHS), max_share=0.3)
    assert pruned.split("\n") == PARAGRAPHS and count == len(links)
    # prose the opinion missed stays
    opinion = "\n".join(PARAGRAPHS[:-1])
    assert prune_by_opinion(text, opinion, max_share=0.3)[0].split("\n")[: len(PARAGRAPHS)] == PARAGRAPHS
    # a list page: the lines are most of the text, so they are content
    chapters = [f"第{i}章 风起云涌" for i in range(60)]
    listing = "\n".join([PARAGRAPHS[0], *chapters])
    assert prune_by_opinion(listing, PARAGRAPHS[0], max_share=0.3) == (listing, 0)
    # an opinion that found almost nothing does not count
    assert prune_by_opinion(text, "国足再败", max_share=0.3) == (text, 0)


REPLIES = [
    "楼主说得很对，我们单位去年也换了国产芯片，用下来稳定性还可以，就是软件适配花了不少时间。",
    "补充一点：驱动程序一定要装官方最新版本，旧版本在高负载下容易出现降频，这个坑我踩过两次。",
    "请问一下，大家用的散热方案是什么？我这边夏天温度偏高，风扇噪音也比较大，想换个水冷试试。",
    "谢谢分享，收藏了。我们实验室准备下个月采购一批，到时候再来反馈实际使用体验和性能数据。",
]


def test_a_forum_thread_keeps_its_replies():
    posts = "".join(
        f'<table id="pid{i}"><tr><td class="pls">用户{i}</td><td class="plc"><div class="pi">{i + 1}楼</div>'
        f'<td class="t_f" id="postmessage_{i}">{text}</td></td></tr></table>'
        for i, text in enumerate([*PARAGRAPHS[:2], *REPLIES])
    )
    html = (
        "<html><head><title>国产芯片使用体验 - 示例论坛</title></head><body><div id='nv'>首页 论坛 搜索</div>"
        f"<div id='postlist'>{posts}</div><div id='ft'>Powered by Discuz! 版权所有</div></body></html>"
    )
    extracted = extract_html(html, ExtractConfig())
    assert extracted.page_type == "forum"
    assert all(reply in extracted.text for reply in REPLIES)


def test_a_page_nested_too_deep_for_resiliparse_is_left_to_trafilatura():
    from refinery.transforms.extract import too_deep

    body = "<p>深层嵌套的页面里也有正文，人工智能芯片产业正在快速发展。</p>"
    assert too_deep("<div>" * 2500 + body + "</div>" * 2500)
    assert not too_deep("<div>" * 1500 + body + "</div>" * 1500)
    assert not too_deep("<div><br><img src=x></div>" * 3000)  # many tags, shallow
    page = "<html><body>" + "<div>" * 50_000 + body + "</div>" * 50_000 + "</body></html>"
    assert (
        extract_html(page, ExtractConfig()).method
        == "ensemble:trafilatura (too deeply nested for the others)"
    )


def test_a_leading_line_that_is_most_of_the_title_goes_and_a_short_one_stays():
    title = "[游记攻略] 带娃自驾去南屿海边，三天两晚路线和花费全记录"
    text = "带娃自驾去南屿海边，三天两晚路线和花费全记录\n第一天出发。"
    assert tidy_extracted(text, title) == "第一天出发。"
    assert tidy_extracted("南屿\n第一天出发。", title) == "南屿\n第一天出发。"


def test_metadata_search_is_trafilatura_s_own_when_asked():
    from refinery.transforms.config import ExtractConfig
    from refinery.transforms.extract import extract_html

    page = (
        "<html><head><title>Road works - Town News</title></head><body><article><h1>Road works</h1>"
        "<p class='byline'>By Jane Roe, 3 May 2021</p>"
        + "<p>The council said the road works on the high street will last until the end of the month.</p>"
        * 5
        + "</article></body></html>"
    )
    declared = extract_html(page, ExtractConfig(engine="trafilatura"))
    searched = extract_html(page, ExtractConfig(engine="trafilatura", metadata="search"))
    assert declared.title == searched.title == "Road works"
    assert declared.text == searched.text
    assert declared.date is None and searched.date == "2021-05-03"


# What the library's own cleaning pass removes, or reads, that changes readability's article.
CLEANER_CASES = {
    "scripts, styles, links, comments": (
        '<link rel="stylesheet" href="a.css"><style>p {}</style><script>var a = "<p>脚本</p>";</script>'
        "<!-- 注释：这段不是正文 --><?php echo 1 ?>"
    ),
    "hidden and display:none": '<div hidden><p>隐藏的段落不算正文</p></div><p style="display: none">也不算</p>',
    "style attributes and event handlers": '<p style="color:red" onclick="go()">带样式的段落，内容照常。</p>',
    "javascript links": '<p>正文里有<a href="javascript:void(0)">一个脚本链接</a>，文字还在。</p>',
    "image tags": '<p>图片<image src="a.png">之后的文字还在这一段。</p>',
}


@pytest.mark.parametrize("name", CLEANER_CASES)
def test_readability_with_the_cheaper_cleaning_pass_finds_the_library_s_article(name):
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><body><div class='content'>{CLEANER_CASES[name]}{article}</div></body></html>"
    library = html_block_lines(ReadabilityDocument(html).summary(html_partial=True))
    assert readability_text(html) == library
    assert PARAGRAPHS[0] in library


def test_readability_with_the_cheaper_cleaning_pass_matches_the_library_on_the_labelled_pages():
    pages = sorted((LABELLED_PAGES / "html_pagetypes").glob("*.html"))[:12]
    pages += sorted((LABELLED_PAGES / "html_synth").glob("*.html"))[:12]
    assert len(pages) == 24
    for page in pages:
        html = decode_bytes(page.read_bytes()).text
        library = html_block_lines(ReadabilityDocument(html).summary(html_partial=True))
        assert readability_text(html) == library, page.name


@pytest.mark.parametrize(
    "text",
    [
        "一段 没有长空白的 文字\n第二行",
        "  前后有空白  ",
        "词\t词\t\t词 \t词\t 词",
        "行一 \n\n  行二\r\n行三",
        "全角\u3000\u3000空格和\xa0\xa0不换行空格",
        "很长的空白" + " " * 300 + "之后" + "\n" * 260 + "结尾",
        "",
    ],
)
def test_readability_s_text_length_is_computed_as_the_library_does(text):
    element = lxml.html.fromstring("<div></div>")
    element.text = text
    assert readability_text_length(element) == text_length(element)
