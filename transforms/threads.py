"""Forum threads, Q&A answer lists and comment streams, found from a page's structure.

Forum and community software differs in every class name, but a thread looks the same in every
engine: sibling blocks of one tag/class signature, one a post, each with a short who/when line
and a body, holding most of the page's prose. Link lists (board indexes, related articles) repeat
too, but their text is mostly links. So a page is a thread when such a group is found, whatever
its engine; the posts' text is then read block by block, and the lines that every post repeats
(buttons, "Posts: 123", "发信人: …" headers), who/when lines, profile boxes and signatures are
dropped. Quotes and code stay: they are part of what a post says.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from .chars import ENDS_WITH_FULL_STOP
from .density import Block, is_prose, text_blocks

# Never text a reader sees as part of a page's prose.
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "select", "option", "textarea", "button")
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "blockquote", "dd", "dt", "dl",
    "table", "section", "article", "ul", "ol", "figure", "figcaption", "header", "footer", "main", "td",
    "th", "form", "fieldset", "center", "aside", "nav", "hr",
})  # fmt: skip
_WHEN = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}"
    r"|(?:\d{1,2}[-/月]\d{1,2}日?\s*)?\b\d{1,2}:\d{2}\b"
    r"|\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|个月|個月|年)前|今天|今日|昨天|前天|刚刚|剛剛"
    r"|\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|mo|years?|yrs?|y|d|h)\.?\s+ago\b"
    r"|(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b",
    re.IGNORECASE,
)
# Parts of a post about its author or its controls, by the words of their class and id names
# (msg-who, postprofile, userInfo, act-reply): every engine names them so.
_CHROME_WORDS = frozenset({
    "sig", "sign", "signature", "avatar", "author", "user", "userinfo", "usercard", "profile",
    "postprofile", "authorinfo", "who", "poster", "nick", "vote", "votes", "share", "toolbar", "tools",
    "action", "actions", "act", "btn", "button", "buttons", "like", "likes", "reputation", "badge",
    "rank", "level", "meta", "postmeta", "head", "hd", "header", "posthead", "byline", "dateline",
    "time", "timestamp", "date", "report", "edit", "edited", "editedby", "lastedit", "permalink",
    "floor", "ip", "tail", "client", "when",
})  # fmt: skip
# A part named for what the writer wrote is never chrome (floor-body, user-content, answer-meta-text).
_CONTENT_WORDS = frozenset({
    "body", "content", "text", "txt", "message", "entry", "answer", "question", "richtext", "article",
    "main", "quote", "code",
})  # fmt: skip
_AD_WORDS = frozenset({"ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo", "promoted"})
_AD_LABEL_CHARS = 12
_AD_LABEL = re.compile(r"(?:^|\s)(?:广告|廣告|推广|推廣|Sponsored|Advertisement|Promoted)$", re.IGNORECASE)
_WHEN_WORDS = frozenset({"time", "timestamp", "date", "dateline", "when"})
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_CHROME_MAX_CHARS = 160  # a classed part longer than this is a post body, whatever its class says
_MIN_POSTS = 3
# Containers a post can be; headings and paragraphs repeat in every article.
_POST_TAGS = frozenset({"div", "li", "article", "section", "table", "tbody", "tr", "dl", "dd", "ul", "ol"})
_CANDIDATE_GROUPS = 8
_LEAD_LEVELS = 4
_MIN_HEADLINE_CHARS = 8
_LEAD_CHROME_WORDS = frozenset({
    "header", "headerbar", "masthead", "banner", "tip", "tips", "notice", "announcement", "rules", "login",
    "sig", "sign", "signature", "qianming",
})  # fmt: skip
_MIN_DATED_SHARE = 0.5
_INSERT_DATED_SHARE = 0.75  # when this share of posts is dated, the undated replies are inserts
_MIN_TEXT_SHARE = 0.45  # the posts hold at least this share of the page's non-link text
_MIN_REPLIES_SHARE = 0.2  # replies below an opening post of their own markup hold at least this
_MIN_REPLY_PROSE = 0.3  # and at least this share of their text is in sentences
_ANSWERS = re.compile(r"回答|解答|答案|\banswer", re.IGNORECASE)
_COMMENTS = re.compile(
    r"评论|評論|留言|コメント|комментари|\bcomment|kommentar|commentaire|comentario|commento", re.IGNORECASE
)
_MIN_PROSE_SHARE = 0.6  # and of its prose, unless the prose outside them is shorter than:
_MAX_PROSE_OUTSIDE = 300
_MAX_LINK_SHARE = 0.6  # above this a repeated group is a link list (a board index), not posts
_REPEATED_SHARE = 0.5  # a line in at least this share of posts is the engine's, not a writer's
_SHORT_LINK_LINE = 30
_SLOT_LINE_CHARS = 40  # the engine's one line per post is short
_SIG_DASHES = frozenset({"--", "——"})  # lines are stripped
_RULE = re.compile(r"^(?:[-_—–=~]\s?){3,}$")  # ---, - - -, ____, ====
_SIGNATURE_LINES = 3
_SIGNATURE_CHARS = 80
_SIGNATURE_MIN_CHARS = 8
_MIN_SCORE_CELLS = 6
_SHORT_CELL_CHARS = 8
_SHORT_CELL_SHARE = 0.8
_DIGITS = re.compile(r"\d+")
_NAMING_ATTRIBUTES = frozenset({
    "is", "role", "itemprop", "itemtype", "part", "width", "border", "cellspacing", "cellpadding", "bgcolor",
    "align", "valign",
})  # fmt: skip
_RECORD_NUMBER = re.compile(r"\d{4,}")
_POSTED_FROM = re.compile(
    r"IP\s*属地|IP\s*屬地|来自\s*\S{1,20}\s*客户端|來自\s*\S{1,20}\s*客戶端|^发自我的|^發自我的|^Sent from my"
)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")
_ENDS_SENTENCE = ENDS_WITH_FULL_STOP  # not chars.ends_sentence: names and buttons end in "." or "…"
_LABEL_PREFIX = re.compile(r"^(.{1,8}?)\s*[:：]")
# The line above a quoted post ("shrimpmama wrote:", "引用 3楼 熊猫搬家 的回复：", "※ 引述《…》之銘言：",
# "Originally Posted by …"): the quote is part of what a post says, its attribution is the engine's.
_QUOTE_HEADER = re.compile(
    r"^.{1,60}\b(?:wrote|said|writes|says)\s*:\s*$|^(?:Quote|Originally Posted by)\b.{0,60}$"
    r"|^.{0,60}的(?:发言|發言|回复|回覆|帖子)\s*[:：]\s*$|^※?\s*引述.{0,40}銘言\s*[:：]?\s*$"
    r"|^以下是引用.{0,60}$|^引用\s*[:：].{0,60}$|^.{1,40}(?:说|說)\s*[:：]$|^回[复覆]\s*\d+\s*[#楼樓]\s*\S{1,20}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Thread:
    """A page's posts in page order, each one block a line, and why the page is a thread."""

    posts: tuple[str, ...]
    lead: str  # prose above the posts outside their group (a question, an opening post)
    evidence: str
    comments: bool = False  # the posts are comments below an article, not the page's content

    @property
    def text(self) -> str:
        return "\n".join(part for part in (self.lead, *self.posts) if part)


@dataclass(slots=True)
class _Sizes:
    chars: dict[etree._Element, int]
    links: dict[etree._Element, int]


# Posts (each a list of elements), their signature, characters and link characters.
_Group = tuple[list[list[etree._Element]], str, int, int]
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_page(html: str) -> etree._Element | None:
    """The page's tree without comments, or None when there is none to be had.
    Plain lxml elements: lxml.html's element classes cost a Python lookup per element visited."""
    try:
        parser = etree.HTMLParser(remove_comments=True, remove_pis=True)  # one per call: not thread-safe
        root = etree.fromstring(_XML_DECLARATION.sub("", html, count=1), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and len(root) else None


class Page:
    """A parsed page measured once: its visible and link characters per element, and (when asked
    for) its prose blocks. Thread detection and the extractors' coverage check share it."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.sizes = _measure(root)
        body = root.find("body")
        self.body = root if body is None else body
        self.text_chars = self.sizes.chars.get(self.body, 0) - self.sizes.links.get(self.body, 0)

    @cached_property
    def prose(self) -> list[Block]:
        """The blocks that read like sentences, outside navigation, headers, footers and asides."""
        return [block for block in text_blocks(self.body) if is_prose(block)]

    @cached_property
    def order(self) -> dict[etree._Element, int]:
        """Each element's position in document order."""
        return {node: index for index, node in enumerate(self.root.iter())}

    @cached_property
    def words(self) -> str:
        """All the body's text, for what the page says about itself ("网友评论", "64 个回答")."""
        return "".join(self.body.itertext())

    @cached_property
    def prose_chars(self) -> int:
        return sum(len(block.text) for block in self.prose)


def read_page(html: str) -> Page | None:
    root = parse_page(html)
    return None if root is None else Page(root)


def find_thread(page: Page) -> Thread | None:
    """The page's posts when its structure is a thread's; else the lines of a comment list below an
    article (`comments` set), for the article's extraction to leave out; else None. The tree is
    not changed.

    A repeated group is a thread when its posts are not a link list, at least half are dated, they
    hold _MIN_TEXT_SHARE of the page's text, and most of its prose: an article's comment list
    leaves the article's prose outside, a thread leaves only chrome there. A topic whose opening
    post has markup of its own (a group discussion, a blog-like board) is a thread too, the opening
    post counted with the replies, on a page that never speaks of comments.
    """
    sizes = page.sizes
    if page.text_chars <= 0:
        return None
    comments = None
    least = _MIN_REPLIES_SHARE * page.text_chars
    for posts, signature, chars, links in _groups(page.root, sizes, least)[:_CANDIDATE_GROUPS]:
        own = chars - links
        if own < least:
            break  # groups come largest first
        if links > _MAX_LINK_SHARE * chars:
            continue
        is_dated = [any(_WHEN.search(_text_of(e)) for e in post) for post in posts]
        dated = sum(is_dated)
        if dated < _MIN_DATED_SHARE * len(posts):
            continue
        inside = {node for post in posts for e in post for node in e.iter()}
        within = sum(len(block.text) for block in page.prose if block.element in inside)
        above = _prose_above(page, posts[0][0], inside)
        lead, opening = _lead(page, above, posts[0][0]), ""
        # more prose above the posts than any post holds: an article, or an opening post
        article_above = sum(len(block.text) for block in above) > max(
            _MAX_PROSE_OUTSIDE, _longest(posts, sizes)
        )
        dated_share = dated / len(posts)
        if not _holds_the_page(page, own, within) or article_above:
            if not lead or not _replies(page, posts[0][0], own, within, dated_share, len(lead)):
                if comments is None and article_above and _comments_below(page, posts[0][0], dated_share):
                    comments = _comment_list(posts, signature)
                continue
            opening = f" after an opening post of {len(lead)} characters"
        evidence = (
            f"{len(posts)} {signature} posts, {dated} dated, {own / page.text_chars:.0%} of "
            f"the page's text, {within / max(page.prose_chars, 1):.0%} of its prose{opening}"
        )
        if dated_share >= _INSERT_DATED_SHARE:  # an undated reply among dated ones is an ad
            posts = [post for number, post in enumerate(posts) if is_dated[number] or number == 0]
        posts = [post for number, post in enumerate(posts) if number == 0 or not _is_ad(post[0], sizes)]
        texts = _post_texts(posts)
        return Thread(posts=tuple(t for t in texts if t), lead=lead, evidence=evidence)
    return comments


def _comment_list(posts: list[list[etree._Element]], signature: str) -> Thread:
    """Every line of the comments, for the article's extraction to leave out."""
    lines = (line.text for post in posts for element in post for line in _block_lines(element))
    return Thread(tuple(lines), "", f"{len(posts)} {signature} comments", comments=True)


def _comments_below(page: Page, first: etree._Element, dated_share: float) -> bool:
    """Posts below an article that are its comments: nearly all dated, on a page that calls them
    comments and has no answers (Q&A pages speak of comments under the answers)."""
    if dated_share < _INSERT_DATED_SHARE:
        return False
    return _speaks_of_comments(page, first) and _ANSWERS.search(page.words) is None


def _speaks_of_comments(page: Page, first: etree._Element) -> bool:
    """Comment sections say so ("网友评论", "6 Comments", "Kommentare", class="commentlist"); forums
    speak of replies."""
    names = " ".join(_names(node) for node in first.iterancestors())
    return _COMMENTS.search(names) is not None or _COMMENTS.search(page.words) is not None


def _is_ad(post: etree._Element, sizes: _Sizes) -> bool:
    """An advertisement in a post's markup: named so in its classes (post ad, floor-promo), or
    labelled so in a short part of its own ("广告", "推广", "Sponsored")."""
    if _name_words(post) & _AD_WORDS:
        return True
    short = (e for e in post.iter(etree.Element) if 0 < sizes.chars.get(e, 0) <= _AD_LABEL_CHARS)
    return any(_AD_LABEL.search(_text_of(e)) for e in short)


def _holds_the_page(page: Page, text_chars: int, prose_chars: int) -> bool:
    """Text that is _MIN_TEXT_SHARE of the page's, and most of its prose or all but a little."""
    if text_chars < _MIN_TEXT_SHARE * page.text_chars:
        return False
    outside = page.prose_chars - prose_chars
    return outside <= _MAX_PROSE_OUTSIDE or prose_chars >= _MIN_PROSE_SHARE * page.prose_chars


def _replies(page: Page, first: etree._Element, own: int, within: int, dated_share: float, lead: int) -> bool:
    """Posts that are replies below an opening post: nearly all dated, written in sentences (not a
    live feed's headlines), holding the page with the opening post, on a page that never speaks of
    comments."""
    if dated_share < _INSERT_DATED_SHARE or within < _MIN_REPLY_PROSE * own:
        return False
    return _holds_the_page(page, own + lead, within + lead) and not _speaks_of_comments(page, first)


def _prose_above(page: Page, first: etree._Element, inside: set[etree._Element]) -> list[Block]:
    """The prose blocks above the first post, outside the posts and any form (a login or reply box);
    page.prose has no blocks from navigation, headers, footers or asides to begin with."""
    end = page.order[first]
    return [
        block
        for block in page.prose
        if page.order.get(block.element, end) < end
        and block.element not in inside
        and not any(a.tag == "form" for a in block.element.iterancestors())
    ]


def _longest(posts: list[list[etree._Element]], sizes: _Sizes) -> int:
    return max(sum(sizes.chars[e] - sizes.links[e] for e in post) for post in posts)


def _measure(root: etree._Element) -> _Sizes:
    """Visible characters and characters inside links under every element, children first; hidden
    parts (scripts, styles, form controls) count nothing here, though a post's dates may be there."""
    hidden = {node for part in root.iter(*_SKIP_TAGS) for node in part.iter()}
    chars: dict[etree._Element, int] = {}
    links: dict[etree._Element, int] = {}
    for element in reversed(list(root.iter())):
        if element in hidden:
            continue
        text = element.text
        total, linked = (len(text.strip()) if text else 0), 0
        for child in element:
            total += chars.get(child, 0)
            linked += links.get(child, 0)
            tail = child.tail
            if tail:
                total += len(tail.strip())
        chars[element] = total
        links[element] = total if element.tag == "a" else linked
    return _Sizes(chars, links)


def _signature(element: etree._Element, numbers: re.Pattern[str] = _DIGITS) -> str:
    """Tag, classes and id, without the numbers that differ between posts (post123, bg1/bg2). An
    element without classes is named by its other attributes: `is`/`role` names, `data-` names and
    an old table layout's widths and colours (a post table against a navigation table)."""
    names = [numbers.sub("", name) for name in (element.get("class") or "").split()] or [
        f"{key}={value}" if key in _NAMING_ATTRIBUTES else numbers.sub("", key)
        for key, value in element.attrib.items()
        if key in _NAMING_ATTRIBUTES or key.startswith("data-")
    ]
    classes = " ".join(sorted(names))
    ident = _DIGITS.sub("", element.get("id") or "").rstrip("-_") if element.get("id") else ""
    return f"{element.tag}.{classes}#{ident}" if ident else f"{element.tag}.{classes}"


def _alike(indices: list[int], children: list[etree._Element]) -> list[list[int]]:
    """The members of a signature group, split where their classes differ by more than record
    numbers, an alternation and a few posts marked apart: bg1/bg2 rows are one group, and so are
    posts with a best answer and an ad floor among them; col_300/col_620/col_940 layout is not."""
    exact: dict[str, list[int]] = {}
    for index in indices:
        exact.setdefault(_signature(children[index], _RECORD_NUMBER), []).append(index)
    variants = sorted(exact.values(), key=len, reverse=True)
    marked_apart = 2 * len(variants[0]) >= len(indices) and all(len(v) == 1 for v in variants[1:])
    return [indices] if len(exact) <= 2 or marked_apart else list(exact.values())


def _groups(root: etree._Element, sizes: _Sizes, least: float) -> list[_Group]:
    """Groups of at least _MIN_POSTS sibling posts under a parent with text beyond `least`, most text
    first. A post is a container element of the group's signature; a table row also takes the rows
    up to the next one (engines that put a post's header and body in two rows), the last as many as
    the others' median."""
    found: list[tuple[int, int, _Group]] = []
    for order, parent in enumerate(root.iter(etree.Element)):
        if len(parent) < _MIN_POSTS or sizes.chars.get(parent, 0) - sizes.links.get(parent, 0) < least:
            continue  # too little text under it for posts that hold `least`
        children = [child for child in parent if child in sizes.chars]
        by_signature: dict[str, list[int]] = {}
        for index, child in enumerate(children):
            if sizes.chars[child] and (child.tag in _POST_TAGS or "-" in child.tag):  # or a custom element
                by_signature.setdefault(_signature(child), []).append(index)
        for signature, similar in _merge_alternating(by_signature).items():
            for starts in _alike(similar, children) if len(similar) >= _MIN_POSTS else []:
                if len(starts) >= _MIN_POSTS:
                    found.append(_group(starts, children, signature, order, sizes))
    found.sort(key=lambda item: (item[0], item[1]))
    return [group for _, _, group in found]


def _merge_alternating(by_signature: dict[str, list[int]]) -> dict[str, list[int]]:
    """Groups of one tag that share a class and interleave are one: engines alternate a class
    between posts (entry norm, entry alt). The merged signature keeps the shared classes."""
    groups = dict(by_signature)
    merged = True
    while merged:
        merged = False
        for first, second in itertools.combinations(sorted(groups), 2):
            tag, classes = first.split(".", 1)
            other_tag, other_classes = second.split(".", 1)
            shared = {  # class names: the attributes of a page laid out in tables are shared by all
                name
                for name in set(classes.split("#")[0].split()) & set(other_classes.split("#")[0].split())
                if "=" not in name
            }
            a, b = groups[first], groups[second]
            if tag == other_tag and shared and a[0] < b[-1] and b[0] < a[-1]:
                del groups[first], groups[second]
                groups[f"{tag}.{' '.join(sorted(shared))}"] = sorted(a + b)
                merged = True
                break
    return groups


def _group(
    starts: list[int], children: list[etree._Element], signature: str, order: int, sizes: _Sizes
) -> tuple[int, int, _Group]:
    """(minus its text, page order) to sort by, and the group: its posts as element lists, its
    signature, and the characters and link characters under its posts."""
    if signature.startswith("tr."):
        widths = sorted(b - a for a, b in itertools.pairwise(starts))
        ends = [*starts[1:], starts[-1] + widths[len(widths) // 2]]
    else:
        ends = [start + 1 for start in starts]
    posts = [children[a:b] for a, b in zip(starts, ends, strict=True)]
    chars = sum(sizes.chars[e] for post in posts for e in post)
    links = sum(sizes.links[e] for post in posts for e in post)
    return links - chars, order, (posts, signature, chars, links)


def _names(node: etree._Element) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def _name_words(node: etree._Element) -> set[str]:
    """The words of an element's class and id names (msg-who, postProfile, rdFloor--ad)."""
    return {word.casefold() for word in _NAME_WORDS.findall(_names(node))}


def _text_of(element: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _post_texts(posts: list[list[etree._Element]]) -> list[str]:
    """Each post's lines without the engine's own: lines repeated across posts, engine slots,
    who/when lines, quote attributions, what follows a signature dash, profile parts and the
    short lines of the cards around the post's body."""
    per_post = [[line for element in post for line in _block_lines(element)] for post in posts]
    shapes: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for lines in per_post:
        shapes.update({_shape(line.text) for line in lines})
        labels.update({label for line in lines if (label := _label(line.text))})
    repeated = max(2, _REPEATED_SHARE * len(posts))
    engine_slots = _engine_slots(per_post, repeated)
    candidates = [
        [
            line
            for line in _before_signature(lines)
            if shapes[_shape(line.text)] < repeated
            and labels[_label(line.text) or ""] < repeated
            and (line.slot, line.place) not in engine_slots
            and not _is_who_or_when(line.text, line.link_chars)
            and not _QUOTE_HEADER.search(line.text)
        ]
        for lines in per_post
    ]
    body = _body_container(candidates)
    texts = []
    for lines in candidates:
        has_body = any(line.slot.startswith(body) for line in lines)
        texts.append([line.text for line in lines if not (has_body and _is_card_line(line, body))])
    # A line that ends two posts below something else is a signature (a writer's motto, "我的小店：…")
    # however it is set off; a short reply that two writers made ("顶一个") is not.
    endings = Counter(kept[-1] for kept in texts if len(kept) > 1 and len(kept[-1]) >= _SIGNATURE_MIN_CHARS)
    return ["\n".join(line for line in kept if endings[line] < 2) for kept in texts]


def _body_container(per_post: list[list[_Line]]) -> str:
    """The slot of the block where the posts are written: the parent of the paragraphs that hold
    the most text outside links (names are links), or the block itself where its lines are
    <br>-separated."""
    chars: Counter[str] = Counter()
    broken: Counter[str] = Counter()
    for lines in per_post:
        for line in lines:
            chars[line.slot] += len(line.text) - line.link_chars
            broken[line.slot] += line.place > 0
    if not chars:
        return ""
    slot = chars.most_common(1)[0][0]
    parent = slot.rpartition("/")[0]
    return slot if broken[slot] or "/" not in parent else parent


def _is_card_line(line: _Line, body: str) -> bool:
    """A short line outside the post's body that is no heading and ends no sentence: a name, a user
    title, a bio, a status, a rating table's cells."""
    if line.slot.startswith(body) or len(line.text) > _SLOT_LINE_CHARS or _ENDS_SENTENCE.search(line.text):
        return False
    last = line.slot.rpartition("/")[2]
    return not (last[:1] == "h" and last[1:2].isdigit())


def _before_signature(lines: list[_Line]) -> list[_Line]:
    """A post's lines above its signature: what follows a "--" line, or a rule of dashes or
    underscores followed by no more than a signature's few short lines."""
    for index, line in enumerate(lines):
        if line.text in _SIG_DASHES or (_RULE.match(line.text) and _signature_sized(lines[index + 1 :])):
            return lines[:index]
    return lines


def _signature_sized(lines: list[_Line]) -> bool:
    return len(lines) <= _SIGNATURE_LINES and all(len(line.text) <= _SIGNATURE_CHARS for line in lines)


def _engine_slots(per_post: list[list[_Line]], repeated: float) -> set[tuple[str, int]]:
    """Places in the posts' markup where the engine prints one short line in most posts, and the
    same line again for the same writer (a name, a user title, a signature): a block, or the n-th
    line of a block of <br>-separated lines (a user cell). The block holding the most text is where
    the posts are written, however short, and is never the engine's. A place whose lines all differ
    (item titles, headlines of a live blog) is the writers'."""
    lines_in: dict[tuple[str, int], Counter[int]] = {}
    values: dict[tuple[str, int], Counter[str]] = {}
    chars: Counter[str] = Counter()
    longest: Counter[tuple[str, int]] = Counter()
    for number, lines in enumerate(per_post):
        for line in lines:
            place = (line.slot, line.place)
            lines_in.setdefault(place, Counter())[number] += 1
            values.setdefault(place, Counter())[line.text] += 1
            chars[line.slot] += len(line.text)
            longest[place] = max(longest[place], len(line.text))
    if not chars:
        return set()
    body = chars.most_common(1)[0][0]
    return {
        place
        for place, counts in lines_in.items()
        if place[0] != body
        and len(counts) >= repeated
        and max(counts.values()) == 1
        and longest[place] <= _SLOT_LINE_CHARS
        and values[place].most_common(1)[0][1] > 1
    }


def _shape(line: str) -> str:
    return _DIGITS.sub("0", _SPACE.sub("", line).casefold())


def _label(line: str) -> str | None:
    """A header label ("发信人:", "Posts:") of a short line, which engines print in every post."""
    if len(line) > 80:
        return None
    match = _LABEL_PREFIX.match(line)
    return match.group(1).strip().casefold() if match else None


def _is_who_or_when(line: str, link_chars: int) -> bool:
    """A user name or a button (a short line of link text that ends no sentence), or a dateline
    (mostly a date, or where and with what it was posted from)."""
    if len(line) <= _SHORT_LINK_LINE and link_chars >= 0.8 * len(line) and not _ENDS_SENTENCE.search(line):
        return True  # a name or a button; a linked question or sentence is a title
    if len(line) > 60:
        return False
    if _POSTED_FROM.search(line):
        return True
    when = sum(len(match) for match in _WHEN.findall(line))
    return (
        when > 0 and when >= 0.3 * len(line) and not _ENDS_SENTENCE.search(line)
    )  # "3月3日 5:40，跑了三公里。"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    link_chars: int
    slot: str  # the signatures of the blocks around it, from the post down
    place: int  # how many lines of its block come before it (<br>-separated lines of one cell)


def _block_lines(element: etree._Element) -> list[_Line]:
    """A post's lines: one per block and <br>, each with its characters in links and its slot;
    profile parts are skipped."""
    lines: list[_Line] = []
    parts: list[str] = []
    link_chars = [0]
    blocks: list[str] = []
    places: list[int] = [0]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            lines.append(_Line(text, min(link_chars[0], len(text)), "/".join(blocks), places[-1]))
            places[-1] += 1
        parts.clear()
        link_chars[0] = 0

    def add(text: str | None, in_link: bool) -> None:
        if text:
            parts.append(text)
            if in_link:
                link_chars[0] += len(text.strip())

    def walk(node: etree._Element, in_link: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            return
        if node is not element and (_is_profile_part(node) or (tag == "table" and _is_score_table(node))):
            return
        if tag == "pre":  # code and commands keep their lines
            flush()
            blocks.append("pre")
            places.append(0)
            for line in "".join(node.itertext()).split("\n"):
                add(line, False)
                flush()
            blocks.pop()
            places.pop()
            return
        block = tag in _BLOCK_TAGS or tag == "br" or node is element  # a post may be a custom element
        if block:
            flush()
        if block and tag != "br":
            blocks.append(_signature(node))
            places.append(0)
        inner_link = in_link or tag == "a"
        add(node.text, inner_link)
        for child in node:
            walk(child, inner_link)
            add(child.tail, inner_link)
        if block:
            flush()
        if block and tag != "br":
            blocks.pop()
            places.pop()

    walk(element, False)
    flush()
    return lines


def _is_score_table(table: etree._Element) -> bool:
    """A table of short cells inside a post: a rating log ("评分 参与人数 3 威望 +3 … 理由"), a user's
    stats. A table that lays out a post's body has few cells of its own, and long ones."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    cells = [text for row in rows for cell in row if cell.tag in ("td", "th") and (text := _text_of(cell))]
    short = sum(len(cell) <= _SHORT_CELL_CHARS for cell in cells)
    return len(cells) >= _MIN_SCORE_CELLS and short >= _SHORT_CELL_SHARE * len(cells)


def _is_profile_part(node: etree._Element) -> bool:
    """A short part whose class or id names it author or control chrome, holding no quote or code.
    A date inside a line stays: its line is judged whole ("Last edited by … at <span class=time>")."""
    words = _name_words(node)
    if words & _CONTENT_WORDS or not words & (
        _CHROME_WORDS if node.tag in _BLOCK_TAGS else _CHROME_WORDS - _WHEN_WORDS
    ):
        return False
    if node.find(".//blockquote") is not None or node.find(".//pre") is not None:
        return False
    return len(_text_of(node)) <= _CHROME_MAX_CHARS


def _lead(page: Page, above: list[Block], first: etree._Element) -> str:
    """The prose above the first post that opens the thread (a question, an opening post in other
    markup): what follows the page's headline, or without one, what is in the posts' nearest
    containers."""
    above = [block for block in above if not _in_page_chrome(block.element)]
    headline = _headline(page, first)
    if headline is not None:
        start = page.order[headline]
        return "\n".join(block.text for block in above if page.order.get(block.element, -1) > start)
    for container in itertools.islice(first.iterancestors(), _LEAD_LEVELS):
        near = [block.text for block in above if container in block.element.iterancestors()]
        if near:
            return "\n".join(near)
    return ""


def _in_page_chrome(element: etree._Element) -> bool:
    """Inside a part that its class or id names the page's header, a notice or a signature (a board
    description under the site name, a login tip, the opening post's signature), unless a part
    nearer to it is named for content (QuestionHeader > RichText)."""
    for node in itertools.chain([element], element.iterancestors()):
        words = _name_words(node)
        if words & _CONTENT_WORDS:
            return False
        if words & _LEAD_CHROME_WORDS:
            return True
    return False


def _headline(page: Page, first: etree._Element) -> etree._Element | None:
    """The page's <h1> above the posts, or else the last element above them that shows the <title>
    (old boards print the subject in a <font> or a styled cell)."""
    end = page.order[first]
    headline = page.body.find(".//h1")
    if headline is not None and page.order[headline] < end:
        return headline
    title_element = page.root.find(".//title")
    title = _text_of(title_element) if title_element is not None else ""
    if len(title) < _MIN_HEADLINE_CHARS:
        return None
    shown = None
    for element in page.body.iter(etree.Element):
        if page.order[element] >= end:
            break
        text = _text_of(element) if page.sizes.chars.get(element, 0) <= len(title) else ""
        if len(text) >= _MIN_HEADLINE_CHARS and text in title:
            shown = element
    return shown
