from refinery.transforms.config import ExtractConfig
from refinery.transforms.extract import extract_html
from refinery.transforms.threads import find_thread, parse_page, read_page

REPLIES = [
    "我也遇到过这个问题，换了一个电源适配器以后就好了，可以试试看。",
    "顶一下",
    "同意楼上，另外记得把固件升级到最新版本，旧版本有已知的发热问题。",
    "谢谢各位，我回去试试，有结果再来汇报。",
]
OPENING = [
    "家里的路由器用了两年，最近每天晚上都会断线几次，重启以后又能用一阵。",
    "已经排除了宽带的问题，运营商来测过线路，一切正常。请问大家有什么办法？",
]
CODE = ["pip install router-tools", "router-tools scan --all"]
CHROME = [
    "网站首页 | 论坛 | 登录 | 注册",
    "热门话题 #区块链 16.0k #考研 8.2k #装修 5.1k",
    "关于我们 联系我们 京ICP备00000000号",
]


def floor(number: int, user: str, lines: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (
        f'<div class="floor-box" id="floor{number}">'
        f'<div class="floor-head"><a href="/u/{user}">{user}</a> <span>{number}楼</span> '
        f"<span>发表于 2024-05-0{number} 10:2{number}</span></div>"
        f'<div class="floor-body">{body}{extra}</div>'
        f'<div class="floor-sign">签名：生活不止眼前的代码</div>'
        '<div class="floor-tools">回复 引用 举报</div></div>'
    )


def thread_page() -> str:
    code = "<pre><code>" + "\n".join(CODE) + "</code></pre>"
    quote = "<blockquote>引用 1楼 的话：最近每天晚上都会断线</blockquote>"
    floors = [
        floor(1, "小明", OPENING),
        floor(2, "路过的猫", [REPLIES[0]], code),
        floor(3, "阿强", [REPLIES[1]]),
        floor(4, "Lily", [REPLIES[2]], quote),
        floor(5, "小明", [REPLIES[3]]),
    ]
    nav = f"<div class='topbar'>{CHROME[0]}</div>"
    side = f"<div class='right-col'>{CHROME[1]}</div>"
    return (
        "<html><head><title>路由器每天晚上断线怎么办 - 示例社区</title></head><body>"
        f"{nav}<h1>路由器每天晚上断线怎么办</h1><div class='stream'>{''.join(floors)}</div>"
        f"{side}<div class='bottom'>{CHROME[2]}</div></body></html>"
    )


def test_a_thread_on_an_unknown_engine_gives_every_post_and_none_of_its_chrome():
    thread = find_thread(read_page(thread_page()))
    assert thread is not None and "5 div.floor-box#floor posts" in thread.evidence
    lines = thread.text.split("\n")
    wanted = [*OPENING, REPLIES[0], *CODE, REPLIES[1], REPLIES[2], REPLIES[3]]
    assert [line for line in lines if line in wanted] == wanted  # every post, in page order
    assert "引用 1楼 的话：最近每天晚上都会断线" in lines  # quotes are part of what a post says
    leaked = [line for line in lines if any(word in line for word in ("签名", "回复 引用", "发表于", "热门"))]
    assert not leaked
    assert not any(line in ("小明", "路过的猫", "阿强", "Lily") for line in lines)


def test_the_extractor_publishes_the_posts_and_says_why_the_page_is_a_thread():
    extracted = extract_html(thread_page(), ExtractConfig())
    assert extracted.page_type == "forum"
    assert extracted.method.startswith("ensemble:posts (forum: 5 div.floor-box#floor posts, 5 dated")
    assert all(line in extracted.text for line in [*OPENING, *REPLIES, *CODE])


def test_an_article_with_a_comment_list_is_not_a_thread():
    article = "".join(
        f"<p>这是新闻正文的第{i}段，介绍了本市今年新建公园的情况，市民反映良好，附近的居民每天都来散步。</p>"
        for i in range(12)
    )
    comments = "".join(
        f'<li class="comment"><a href="/u{i}">网友{i}</a> 2024-05-0{i} 评论：说得好，支持一下！</li>'
        for i in range(1, 6)
    )
    page = f"<html><body><article><h1>新公园开放</h1>{article}</article><ul>{comments}</ul></body></html>"
    assert find_thread(read_page(page)) is None
    assert extract_html(page, ExtractConfig()).page_type == "article"


def test_a_dated_link_list_is_not_a_thread():
    rows = "".join(
        f'<div class="row"><a href="/t/{i}">第{i}个讨论帖的标题，点击进入查看全文</a> 2024-05-0{i % 9 + 1}</div>'
        for i in range(20)
    )
    assert find_thread(read_page(f"<html><body><div>{rows}</div></body></html>")) is None


def test_pages_without_a_tree_or_text_have_no_thread():
    assert parse_page("") is None
    assert find_thread(read_page("<html><body></body></html>")) is None
    xml_declared = '<?xml version="1.0" encoding="utf-8"?><html><body><p>正文</p></body></html>'
    assert parse_page(xml_declared) is not None


def table_post(number: int, user: str, group: str, lines: list[str], signature: str | None) -> str:
    body = "".join(f"<p>{line}</p>" for line in lines)
    sign = f"<div class='sl'>- - - - - - - -</div><div class='st'>{signature}</div>" if signature else ""
    return (
        f"<table class='pt'><tr class='h'><td>{number}樓 發表於：2023-4-{number} 09:3{number}</td></tr>"
        f"<tr class='b'><td class='uc'><div>{user}</div><div>{group}</div><div>積分：{number * 37}</div></td>"
        f"<td class='mc'>{body}{sign}</td></tr></table>"
    )


def test_a_signature_under_a_rule_is_the_engines_and_a_ruled_post_is_not():
    long_post = [
        "第一段：先說結論，刻度要從歸零開始數。",
        "-----",
        *(f"第{i}點：每次都記錄水溫和粉量。" for i in range(2, 6)),
    ]
    posts = [
        table_post(1, "阿哲的吧台", "新手上路", ["同一支豆子每次味道都不一樣，請問是研磨的問題嗎？"], None),
        table_post(2, "焙豆老張", "版主", long_post, "自家烘焙十二年，歡迎來店裡喝杯咖啡"),
        table_post(3, "小米拿鐵", "新手上路", ["推，筆記起來。"], None),
        table_post(4, "阿哲的吧台", "新手上路", ["謝謝版主，今天試了有比較穩定。"], None),
    ]
    thread = find_thread(read_page(f"<html><body><div>{''.join(posts)}</div></body></html>"))
    assert thread is not None
    lines = thread.text.split("\n")
    assert [line for line in lines if line in long_post] == long_post  # a rule inside a post stays
    assert "推，筆記起來。" in lines and "謝謝版主，今天試了有比較穩定。" in lines
    assert "自家烘焙十二年，歡迎來店裡喝杯咖啡" not in lines and "積分：37" not in lines


def topic_page(replies_heading: str) -> str:
    """A group topic: the opening post in markup of its own, longer than all its replies together."""
    opening = "".join(f"<p>{line}</p>" for line in [*OPENING, *OPENING_MORE])
    replies = "".join(
        f"<li class='rp'><div class='rp-who'><a href='/u/{n}'>用户{n}</a> {n + 1}楼 2024-05-0{n} 10:1{n}</div>"
        f"<p>{line}</p></li>"
        for n, line in enumerate([REPLIES[0], REPLIES[2], REPLIES[3]], start=1)
    )
    side = "".join(f"<li><a href='/g/{n}'>相关小组{n}</a></li>" for n in range(8))
    return (
        "<html><head><title>路由器每天晚上断线怎么办</title></head><body>"
        "<div class='topnav'><a href='/'>首页</a> <a href='/g'>小组</a></div>"
        "<h1>路由器每天晚上断线怎么办</h1>"
        "<div class='topic'><div class='who'><a href='/u/0'>楼主小明</a> 2024-05-01 09:00</div>"
        f"{opening}</div><div class='bar'>{replies_heading}</div><ul class='rps'>{replies}</ul>"
        f"<ul class='side'>{side}</ul></body></html>"
    )


OPENING_MORE = [
    "路由器放在客厅的电视柜里，离卧室隔了两堵墙，信号一直还算可以，看视频也不卡。",
    "断线的时候指示灯是正常的，但是手机和电脑都连不上，要等五六分钟才会自己恢复。",
    "我也试过换信道，从自动改成固定的六号信道，情况好像好了一点，但过两天又开始断。",
]


def test_replies_below_an_opening_post_of_its_own_markup_are_a_thread_unless_they_are_comments():
    thread = find_thread(read_page(topic_page("全部回复 3 条")))
    assert thread is not None and "after an opening post" in thread.evidence
    lines = thread.text.split("\n")
    assert lines == [*OPENING, *OPENING_MORE, REPLIES[0], REPLIES[2], REPLIES[3]]
    # The same shape under a comment heading is an article with its comments: they are not content.
    assert find_thread(read_page(topic_page("网友评论 3 条"))) is None


def test_posts_without_classes_are_told_apart_by_their_other_attributes_and_cards_go():
    def post(number: int, user: str, bio: str, line: str) -> str:
        return (
            f"<div is='bb-post' pid='{number}'><div is='bb-card'><b>{user}</b><div>{bio}</div>"
            f"<div>IP 属地：浙江 · 来自 小米 14 客户端</div></div>"
            f"<div is='bb-main'><div is='bb-meta'>{number}楼 2024-05-0{number} 10:00</div>"
            f"<div is='bb-body'><p>{line}</p></div></div></div>"
        )

    users = [("小明", "十年老车友，只开手动挡"), ("阿强", "修车铺二十年"), ("Lily", "周末厨子")]
    posts = [post(n, *users[n % 3], line) for n, line in enumerate(REPLIES)]
    nav = "".join(f"<div><a href='/{n}'>栏目{n}</a></div>" for n in range(5))
    thread = find_thread(read_page(f"<html><body><div>{nav}</div><div>{''.join(posts)}</div></body></html>"))
    assert thread is not None and "div.is=bb-post" in thread.evidence
    assert thread.text.split("\n") == REPLIES  # no name, bio, IP region or client line


def test_quote_attributions_go_and_the_quote_stays():
    quote = "<blockquote><div>路过的猫 wrote:</div><p>换了一个电源适配器以后就好了</p></blockquote>"
    posts = [floor(1, "小明", OPENING), floor(2, "阿强", [REPLIES[1]], quote), floor(3, "Lily", [REPLIES[2]])]
    thread = find_thread(read_page(f"<html><body><div>{''.join(posts)}</div></body></html>"))
    assert thread is not None
    lines = thread.text.split("\n")
    assert "换了一个电源适配器以后就好了" in lines and "路过的猫 wrote:" not in lines


def test_posts_can_be_custom_elements():
    posts = "".join(
        f"<mn-post-item id='reply-{n}'><div class='pi-head'>#{n} 2024-05-0{n} 10:00</div>"
        f"<div class='pi-content'><p>{line}</p></div></mn-post-item>"
        for n, line in enumerate(REPLIES, start=1)
    )
    thread = find_thread(read_page(f"<html><body><main>{posts}</main></body></html>"))
    assert thread is not None and "mn-post-item" in thread.evidence
    assert thread.text.split("\n") == REPLIES


ARTICLE = [
    "本报讯 经过一年的改造，老城区东门菜市场昨天重新开门迎客，摊位从原来的一百二十个增加到一百八十六个。",
    "改造后的市场分为生鲜区、熟食区和便民服务区，地面全部换成了防滑地砖，通道也比原来宽了一倍。",
    "市场管理方表示，原有的老摊主都可以优先回迁，租金三年内不上涨，临时停车场预计下月底投入使用。",
    "据介绍，这次改造总投资约两千三百万元，除了翻新建筑，还更换了全部的排水管道和电线线路。",
    "市场东侧新设了一个农产品直销区，周边乡镇的农户每周六可以免费摆摊，销售自家种的蔬菜水果。",
    "不少市民一早就来逛，有的老人说，市场变干净了，买菜的心情也好了，以后还会常来这里。",
    "区商务局负责人介绍，今年全区还将改造提升十二个农贸市场，年底前全部完成，让居民买菜更方便。",
]
COMMENTS = [
    "摊位多了是好事，就怕租金三年后涨上去，最后还是转嫁到菜价上，希望收费标准能公开。",
    "停车确实是老大难问题，早上七八点那个路口堵得水泄不通，临时停车场下月底能用上就好了。",
    "我在这个市场买了二十多年菜，看着它从露天的几排铁皮棚变成现在这样，挺有感触的。",
    "改造期间附近的居民买菜真的很不方便，现在开门了，老人们都很高兴，今天早上就去了好几拨。",
    "希望那家做了三十年豆腐的老摊位也能回来，他家的豆腐脑是我小时候的味道，别的地方吃不到。",
    "通道宽了，推着小车买菜方便多了，就是熟食区的位置有点偏，第一次去找了半天才找到。",
]


def article_with_comments(heading: str = "网友评论 已有 6 条评论") -> str:
    body = "".join(f"<p>{line}</p>" for line in ARTICLE)
    comments = "".join(
        f"<div class='cmt_item' id='cmt{n}'><div class='cmt_user'>网友{n}[滨江市网友] 2024-05-17 9:0{n}</div>"
        f"<div class='cmt_txt'>{line}</div><div class='cmt_op'>顶 回复</div></div>"
        for n, line in enumerate(COMMENTS, start=1)
    )
    return (
        "<html><head><title>东门菜市场改造完成</title></head><body><div class='wrap'>"
        f"<h1>东门菜市场改造完成</h1><div class='art_body'>{body}</div>"
        f"<div class='cmt_head'>{heading}</div><div class='cmt_list'>{comments}</div>"
        "</div></body></html>"
    )


def test_a_comment_list_below_an_article_is_left_out_of_the_article():
    thread = find_thread(read_page(article_with_comments()))
    assert thread is not None and thread.comments and "comments" in thread.evidence
    extracted = extract_html(article_with_comments(), ExtractConfig())
    lines = extracted.text.split("\n")
    assert extracted.page_type == "article"
    assert all(line in lines for line in ARTICLE)
    assert not any(comment in extracted.text for comment in COMMENTS)
    # On a Q&A page the same list is its answers, whatever it says about comments under them.
    answers = find_thread(read_page(article_with_comments("全部回答 6 个 · 3 条评论")))
    assert answers is None or not answers.comments


def test_an_advertisement_in_a_posts_markup_is_not_a_post():
    advert = (
        '<div class="floor-box" id="floor9"><div class="floor-head"><a href="/shop">钓友之家商城</a> '
        "<span>推广</span> 今日下单包邮</div><div class='floor-body'><p>春季线组套装，新手一包搞定，"
        "今日下单送浮漂三支。</p></div></div>"
    )
    floors = [floor(1, "小明", OPENING), floor(2, "阿强", [REPLIES[0]]), floor(3, "Lily", [REPLIES[2]])]
    page = f"<html><body><div>{floors[0]}{floors[1]}{advert}{floors[2]}</div></body></html>"
    thread = find_thread(read_page(page))
    assert thread is not None
    assert "新手一包搞定" not in thread.text and REPLIES[2] in thread.text


def test_a_line_that_ends_two_posts_is_a_signature_and_a_reply_two_writers_made_is_not():
    motto = "<div class='motto'>我的小店：北纬星空器材铺，学生八折。</div>"
    floors = [
        floor(1, "小明", OPENING, motto),
        floor(2, "阿强", ["顶一个"]),
        floor(3, "Lily", ["顶一个"]),
        floor(4, "路过的猫", [REPLIES[0]]),
        floor(5, "小明", [REPLIES[3]], motto),
        floor(6, "阿强", [REPLIES[2]]),
    ]
    thread = find_thread(read_page(f"<html><body><div>{''.join(floors)}</div></body></html>"))
    assert thread is not None
    assert "我的小店" not in thread.text
    assert thread.text.split("\n") == [*OPENING, "顶一个", "顶一个", REPLIES[0], REPLIES[3], REPLIES[2]]


def test_the_lead_leaves_out_the_boards_description_and_keeps_a_question_in_a_header():
    question = "<div class='QuestionHeader'><div class='RichText'><p>{}</p><p>{}</p></div></div>".format(
        *OPENING
    )
    board = "<div class='board-header'><p>骑车、旅行、保养，车友交流的好地方。</p></div>"
    answers = "".join(floor(n, user, [REPLIES[n]]) for n, user in enumerate(["阿强", "Lily", "猫"]))
    page = f"<html><body><h1>路由器每天晚上断线怎么办</h1>{board}{question}<div>{answers}</div></body></html>"
    thread = find_thread(read_page(page))
    assert thread is not None
    assert thread.lead.split("\n") == OPENING


def test_a_table_of_short_cells_in_a_post_is_a_rating_log_and_a_layout_table_is_the_post():
    rating = (
        "<table><tr><th>评分</th><th>参与人数 2</th><th>金币 +10</th><th>理由</th></tr>"
        "<tr><td>小满</td><td>+ 5</td><td>实用</td></tr><tr><td>青柠</td><td>+ 5</td><td>很给力！</td></tr></table>"
    )
    layout = f"<table><tr><td>{REPLIES[2]}</td></tr></table>"
    floors = [floor(1, "小明", OPENING, rating), floor(2, "阿强", [REPLIES[0]]), floor(3, "Lily", [], layout)]
    thread = find_thread(read_page(f"<html><body><div>{''.join(floors)}</div></body></html>"))
    assert thread is not None
    assert thread.text.split("\n") == [*OPENING, REPLIES[0], REPLIES[2]]


def test_a_post_laid_out_in_a_table_keeps_its_text_when_a_rating_log_is_nested_in_it():
    rating = (
        "<table>" + "".join(f"<tr><td>评</td><td>+ {n}</td><td>好</td></tr>" for n in range(3)) + "</table>"
    )
    posts = "".join(
        f"<div class='floor'><table class='pt'><tr><td class='side'>用户{n}</td><td class='main'>"
        f"<div class='meta'>{n}楼 2024-05-0{n} 10:00</div><p>{line}</p>{rating if n == 1 else ''}</td></tr></table></div>"
        for n, line in enumerate(REPLIES, start=1)
    )
    thread = find_thread(read_page(f"<html><body><div>{posts}</div></body></html>"))
    assert thread is not None and thread.text.split("\n") == REPLIES


def test_a_check_in_line_that_starts_with_a_time_is_a_post_and_a_reply_header_is_not():
    check_ins = [
        "3月3日 5:40，跑了三公里，回来天刚亮。",
        "5:45，今天比昨天早了十分钟。",
        "6:10，周末也坚持一下！",
    ]
    floors = [floor(1, "小明", OPENING), *(floor(n, f"u{n}", [line]) for n, line in enumerate(check_ins, 2))]
    floors.append(floor(5, "阿强", ["回复 2# u2", REPLIES[0]]))
    thread = find_thread(read_page(f"<html><body><div>{''.join(floors)}</div></body></html>"))
    assert thread is not None
    assert thread.text.split("\n") == [*OPENING, *check_ins, REPLIES[0]]


def test_a_best_answer_and_an_ad_floor_marked_apart_by_a_class_stay_in_the_group():
    def answer(kind: str, line: str, n: int) -> str:
        return f"<div class='rdFloor {kind}'><div class='rdHead'>{n}楼 2024-05-0{n} 10:00</div><p>{line}</p></div>"

    floors = [
        answer("", OPENING[0], 1),
        answer("rdFloor--best", REPLIES[0], 2),
        answer("rdFloor--ad", "全屋水电改造套餐，限时优惠，欢迎咨询。", 3),
        *(answer("", line, n) for n, line in enumerate(REPLIES[1:], 4)),
    ]
    thread = find_thread(read_page(f"<html><body><div>{''.join(floors)}</div></body></html>"))
    assert thread is not None
    assert thread.text.split("\n") == [OPENING[0], *REPLIES]
