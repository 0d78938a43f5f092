"""What kind of page an HTML document is, from its markup: forum thread, Q&A page or other.

The type decides what counts as content: on a forum thread or a Q&A page the replies and answers
are the content, on an article the comments under it are not. The markers are the class names and
schema.org types that forum and Q&A software writes into every page (Discuz!, phpBB, vBulletin,
Tieba, Discourse, Zhihu, Stack Exchange, Zhidao), not a list of sites.
"""

from __future__ import annotations

from typing import Literal

PageType = Literal["forum", "qa", "article"]

# Literal markers, searched with str.find: a regex over a 100 KB page costs milliseconds.
_QA_MARKERS = (
    "schema.org/QAPage", '"QAPage"', 'itemprop="acceptedAnswer"', 'itemprop="suggestedAnswer"',
    "AnswerItem", "QuestionHeader", "answercell", "wgt-answers", "best-text",
)  # fmt: skip
_FORUM_MARKERS = (
    "DiscussionForumPosting", 'id="postlist"', 'id="postmessage_', 'class="t_f"', "d_post_content",
    'class="postbody"', "postcontainer", "topic-post", "post_message", 'id="posts"',
)  # fmt: skip


def page_type(html: str) -> PageType:
    """ "qa", "forum" or "article" (everything else: news, blogs, lists)."""
    if any(marker in html for marker in _QA_MARKERS):
        return "qa"
    if any(marker in html for marker in _FORUM_MARKERS):
        return "forum"
    return "article"


def replies_are_content(kind: str) -> bool:
    """On forum threads and Q&A pages the replies and answers are the content, not comments."""
    return kind in ("forum", "qa")
