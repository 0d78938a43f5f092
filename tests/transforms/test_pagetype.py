from refinery.transforms.pagetype import page_type


def test_forum_software_markup_makes_a_forum_thread():
    assert page_type('<div id="postlist"><td class="t_f" id="postmessage_12">帖子</td></div>') == "forum"
    assert (
        page_type('<div class="l_post"><div class="d_post_content j_d_post_content">回复</div></div>')
        == "forum"
    )
    assert (
        page_type('<div class="post"><div class="postbody"><div class="content">回覆</div></div></div>')
        == "forum"
    )


def test_qa_markup_makes_a_qa_page():
    assert page_type('<html itemscope itemtype="https://schema.org/QAPage"><div>问题</div></html>') == "qa"
    assert page_type('<div class="answer" itemprop="acceptedAnswer">答案</div>') == "qa"
    assert page_type('<script type="application/ld+json">{"@type": "QAPage"}</script>') == "qa"


def test_news_and_blog_pages_are_articles_even_with_comments():
    page = "<article><p>正文</p></article><div id='comments'><p>网友评论</p></div>"
    assert page_type(page) == "article"
    assert page_type("") == "article"
