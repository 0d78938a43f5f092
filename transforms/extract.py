"""Main text and metadata from HTML: several extractors, and the text they agree on.

No single extractor is best on every page: trafilatura misses the article of some Chinese portal
pages, readability keeps sidebars of others, resiliparse is fast and blunt. Published comparisons
of extractors (Bevendorff et al., SIGIR 2023) found that combining them beats each one, so the
default engine runs three and publishes the candidate that agrees most with the other two
(token F1, the measure the evaluation uses). A page's type (forum, Q&A) is read from its markup:
on those pages the replies are the content, so they are asked for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import lxml.html
import numpy as np
import trafilatura
from lxml import etree
from lxml.html import xhtml_to_html
from readability import Document as ReadabilityDocument
from readability.readability import REGEXES as READABILITY_PATTERNS
from readability.readability import clean as readability_clean
from resiliparse.extract.html2text import extract_plain_text

from .boilerplate import is_body_line
from .chars import CJK
from .config import ExtractConfig
from .density import density_document, main_text, prose_chars
from .metadata import Declared, clean_person, clean_sitename, clean_title, declared_metadata
from .pagetype import PageType, page_type, replies_are_content
from .threads import Page, find_thread, parse_page, read_page

# Agreement is a tie-break between close candidates, so trafilatura (whose metadata the document
# keeps and whose output was best alone on every development set) starts with this lead.
_TRAFILATURA_LEAD = 0.2
# readability is the most precise opinion (it leaves out link lists and hot-article boxes that the
# others keep) but sometimes finds only part of the page: its opinion counts when it holds at least
# this share of the chosen text's tokens and nearly all of its own tokens are in the chosen text.
_OPINION_MIN_COVER = 0.3
_OPINION_MIN_CONTAINED = 0.8
_SETTLED = 0.9
# A published text must hold this share of the prose of a page with at least _MIN_PAGE_PROSE
# characters of it; if not, the prose block's text replaces it when it holds _DENSE_GAIN times more.
_MIN_COVER = 0.1
_MIN_PAGE_PROSE = 500
_DENSE_GAIN = 3


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    method: str = "trafilatura"
    page_type: str = "article"


def extract_html(html: str, config: ExtractConfig, url: str | None = None) -> Extracted:
    """Main text by the configured engine. An empty `text` means no main content was found."""
    if config.engine == "density":
        text, title = density_document(html)
        return Extracted(text=tidy_extracted(text, title), title=title, url=url, method="density-only")
    kind = page_type(html)
    if config.engine == "trafilatura":
        return _trafilatura(html, config, url, kind, fast=False)
    if too_deep(html):
        extracted = _trafilatura(html, config, url, kind, fast=True)
        return replace(extracted, method="ensemble:trafilatura (too deeply nested for the others)")
    page = read_page(html)
    thread = find_thread(page) if page is not None else None
    if thread is not None and not thread.comments:
        # The posts are the page's content on any engine: the post extractor is the reference,
        # and trafilatura gives the title and metadata.
        kind = "forum" if kind == "article" else kind
        extracted = _trafilatura(html, config, url, kind, fast=True, root=page.root)
        return replace(
            extracted,
            text=tidy_extracted(thread.text, extracted.title),
            method=f"ensemble:posts ({kind}: {thread.evidence})",
        )
    extracted = _trafilatura(html, config, url, kind, fast=True, root=page.root if page is not None else None)
    text, method = _vote(html, extracted, kind, config)
    held = prose_chars(text.split("\n"))
    if page is not None and _covers_little(held, page):
        # Agreement is no proof when the agreed text holds a sliver of the page's prose (an account
        # header above an article in <section>s): the block that holds the prose is the text.
        dense = tidy_extracted(main_text(page.root), extracted.title)
        if prose_chars(dense.split("\n")) > _DENSE_GAIN * max(held, 1):
            share = held / page.prose_chars
            text, method = dense, f"density ({method} held {share:.0%} of the page's prose)"
    if thread is not None and kind == "article" and not config.include_comments:
        # The extractors take a comment list in markup they do not know for the article's end.
        text, dropped = _without_lines(text, thread.posts)
        method += f"-{dropped} lines of {thread.evidence}" if dropped else ""
    return replace(extracted, text=text, method=f"ensemble:{method}")


def _without_lines(text: str, lines: tuple[str, ...]) -> tuple[str, int]:
    """The text without the lines that are one of `lines` (whitespace-blind), and how many went."""
    unwanted = {_squeeze(line) for line in lines}
    kept = [line for line in text.split("\n") if _squeeze(line) not in unwanted]
    return "\n".join(kept), text.count("\n") + 1 - len(kept)


def _covers_little(held: int, page: Page) -> bool:
    """`held` prose characters are under _MIN_COVER of the prose of a page that has some. The page's
    text size bounds its prose, so most pages are decided without finding the prose blocks."""
    if held >= _MIN_COVER * page.text_chars:
        return False
    return page.prose_chars >= _MIN_PAGE_PROSE and held < _MIN_COVER * page.prose_chars


def _vote(html: str, extracted: Extracted, kind: PageType, config: ExtractConfig) -> tuple[str, str]:
    """The text the three extractors agree on most, and how it was chosen."""
    candidates = {
        "trafilatura": extracted.text,
        "resiliparse": tidy_extracted(resiliparse_text(html, kind), extracted.title),
    }
    bags = {name: token_bag(text) for name, text in candidates.items()}
    if agreement(bags["trafilatura"], bags["resiliparse"]) >= _SETTLED:
        # readability (the slowest opinion, ~40 ms) could neither outvote trafilatura here nor
        # find much to prune: the two others already agree on nearly every token.
        return extracted.text, "trafilatura (settled)"
    candidates["readability"] = tidy_extracted(readability_text(html), extracted.title)
    bags["readability"] = token_bag(candidates["readability"])
    order = ("trafilatura", "readability", "resiliparse")  # ties go to the first
    chosen = choose_by_agreement({name: bags[name] for name in order}, {"trafilatura": _TRAFILATURA_LEAD})
    text, pruned = candidates[chosen], 0
    size = {name: sum(bag.values()) for name, bag in bags.items()}
    if chosen != "trafilatura" and size[chosen] < (1 - config.max_pruned_share) * size["trafilatura"]:
        # Switching would drop much of trafilatura's text (a list page, a thread both others cut
        # short): the smaller candidate, which the third agreed with most, is only an opinion
        # about which lines are chrome, with the larger budget of a corroborated one. On forum
        # and Q&A pages short lines are replies: trafilatura's text stays whole.
        text, pruned = extracted.text, 0
        if kind == "article":
            text, pruned = prune_by_opinion(text, candidates[chosen], config.max_agreed_pruned_share)
        chosen = f"trafilatura-{pruned} lines {chosen} left out" if pruned else "trafilatura"
    elif chosen != "readability" and kind == "article":
        text, pruned = prune_by_opinion(text, candidates["readability"], config.max_pruned_share)
        chosen += f"-{pruned} lines readability left out" if pruned else ""
    return text, chosen


# resiliparse takes time in the square of the nesting depth (116 s at 50,000 levels, a page built to
# stall parsers); real pages nest a few dozen levels deep.
_MAX_DEPTH = 2000
_CONTAINER = re.compile(
    r"<(/?)(?:div|span|section|article|table|tbody|ul|ol|a|b|i|em|strong|font|center|blockquote|form"
    r"|main|header|footer|nav|aside|html|body)\b",
    re.IGNORECASE,
)


def too_deep(html: str) -> bool:
    """Containers nest deeper than _MAX_DEPTH (estimated from the tags, no parsing). A page with
    fewer opening tags than that cannot, and is not scanned."""
    if html.count("<") - html.count("</") <= _MAX_DEPTH:
        return False
    marks = _CONTAINER.findall(html)
    steps = np.fromiter((-1 if closing else 1 for closing in marks), np.int32, len(marks))
    return int(np.cumsum(steps).max(initial=0)) > _MAX_DEPTH


_TOKEN = re.compile(rf"[{CJK}]|[^\W_]+")


def token_bag(text: str) -> Counter[str]:
    """Each CJK character one token, each run of letters or digits one token, case folded."""
    return Counter(token.casefold() for token in _TOKEN.findall(text))


def agreement(first: Counter[str], second: Counter[str]) -> float:
    """Token F1 of two bags: 1.0 for the same tokens, 0.0 for nothing in common."""
    total = sum(first.values()) + sum(second.values())
    if not total:
        return 1.0
    return 2 * sum((first & second).values()) / total


def choose_by_agreement(bags: dict[str, Counter[str]], lead: dict[str, float]) -> str:
    """The candidate (by its token bag) with the highest summed agreement with the others, plus its
    lead; the first listed wins ties, so the choice does not depend on dict or set order."""

    def support(name: str) -> float:
        others = sum(agreement(bags[name], bags[other]) for other in bags if other != name)
        return others + lead.get(name, 0.0)

    names = list(bags)
    return max(names, key=lambda name: (support(name), -names.index(name)))


def prune_by_opinion(text: str, opinion: str, max_share: float) -> tuple[str, int]:
    """`text` without the lines the (more precise) `opinion` left out that do not read like prose:
    link titles, list chrome, "hot articles" boxes. Prose is never removed this way, and at most
    `max_share` of the characters: a larger cut is a disagreement about the content, not chrome."""
    mine, theirs = token_bag(text), token_bag(opinion)
    size = sum(mine.values())
    if not size or sum(theirs.values()) < _OPINION_MIN_COVER * size:
        return text, 0
    if sum((mine & theirs).values()) < _OPINION_MIN_CONTAINED * sum(theirs.values()):
        return text, 0
    kept_keys = _squeeze(opinion)
    lines = text.split("\n")
    dropped = [
        index
        for index, line in enumerate(lines)
        if _squeeze(line) not in kept_keys and not is_body_line(line)
    ]
    if not dropped or sum(len(lines[index]) for index in dropped) > max_share * len(text):
        return text, 0
    gone = set(dropped)
    return "\n".join(line for index, line in enumerate(lines) if index not in gone), len(dropped)


_NOT_WORD = re.compile(r"[\W_]+")


def _squeeze(text: str) -> str:
    """Letters and digits only, case folded: lines compare across extractors' spacing and markup."""
    return _NOT_WORD.sub("", text).casefold()


def _trafilatura(
    html: str, config: ExtractConfig, url: str | None, kind: PageType, fast: bool, root: Any = None
) -> Extracted:
    """trafilatura's main text. Title, author, date, site name and URL are what the page declares
    (metadata.declared_metadata, on `root` when the caller parsed it), or with extract.metadata =
    "search" what trafilatura's metadata search finds."""
    search = config.metadata == "search"
    result = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        favor_precision=config.favor == "precision",
        favor_recall=config.favor == "recall",
        include_comments=config.include_comments or replies_are_content(kind),
        include_tables=config.include_tables,
        with_metadata=search,
        deduplicate=False,
    )
    if result is None:
        return Extracted(text="", url=url, page_type=kind)
    fields = result.as_dict()  # a Document since trafilatura 2.0 (pyproject pins >=2.0)
    if search:
        found = {key: fields.get(key) or None for key in ("title", "sitename", "author", "date", "url")}
        declared = Declared(**found)
    else:
        root = parse_page(html) if root is None else root
        declared = declared_metadata(root) if root is not None else Declared()
    title = clean_title(declared.title, declared.sitename)
    text = fields.get("text") or ""
    if replies_are_content(kind) and fields.get("comments"):
        text = f"{text}\n{fields['comments']}"
    return Extracted(
        text=tidy_extracted(text, title),
        title=title,
        author=clean_person(declared.author),
        date=declared.date,
        url=declared.url or url,
        sitename=clean_sitename(declared.sitename),
        page_type=kind,
    )


def _fast_html_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser with its element classes picked in C: lxml.html picks them in Python
    (form fields get their own classes), a call for every element the extractors touch, which
    none of them needs. One per page: a parser must not be shared by threads (Dask's)."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


class _Readability(ReadabilityDocument):
    """readability-lxml with a cheaper cleaning pass. Its lxml_html_clean Cleaner (60 % of its time)
    also rewrites javascript: links and event attributes, which readability never reads; this
    removes what the Cleaner removes that it does read (scripts, styles, <link>s, comments,
    processing instructions, style attributes), in lxml's C code. Same article, tested against
    the library's own pass (tests/transforms/test_extract.py)."""

    def _parse(self, input: str) -> Any:
        self.encoding = None
        doc = lxml.html.document_fromstring(input.encode("utf-8", "replace"), parser=_fast_html_parser())
        for element in doc.xpath("//*[@hidden]"):
            element.drop_tree()
        for element in doc.xpath("//*[@style]"):
            if READABILITY_PATTERNS["displayNoneRe"].search(element.get("style")):
                element.drop_tree()
        xhtml_to_html(doc)
        for element in doc.iter("image"):  # as the Cleaner does: browsers read <image> as <img>
            element.tag = "img"
        kill = ("script", "style", "link", etree.Comment, etree.ProcessingInstruction)
        etree.strip_elements(doc, *kill, with_tail=False)
        etree.strip_attributes(doc, "style")
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def get_link_density(self, elem: Any) -> float:
        """The share of `elem`'s text in links, as readability measures it, a third faster."""
        link_length = sum(readability_text_length(link) for link in elem.findall(".//a"))
        return float(link_length) / max(readability_text_length(elem), 1)


_LONG_WHITESPACE = re.compile(r"\s\s|\t")


def readability_text_length(element: Any) -> int:
    """readability's text_length: the length of its `clean` (whitespace runs squeezed, then
    stripped). Text whose whitespace runs are single characters other than tabs comes out of
    `clean` stripped only, which takes a search instead of three substitutions."""
    text = (element.text_content() or "").strip()
    return len(text) if not _LONG_WHITESPACE.search(text) else len(readability_clean(text))


def readability_text(html: str) -> str:
    """readability-lxml's article, one block a line ("" when it finds none or fails on the page)."""
    try:
        summary = _Readability(html).summary(html_partial=True)
    except Exception:  # readability raises bare Unparseable and lxml errors on broken pages
        return ""
    return html_block_lines(summary)


def resiliparse_text(html: str, kind: PageType) -> str:
    """resiliparse's main-content text (its comment heuristic off on forum and Q&A pages)."""
    return extract_plain_text(
        html,
        main_content=True,
        alt_texts=False,
        links=False,
        list_bullets=False,
        noscript=False,
        comments=replies_are_content(kind),
    )


_BLOCKS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "blockquote", "dd", "dt",
    "table", "section", "article", "ul", "ol", "figure", "figcaption", "header", "footer", "main",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def html_block_lines(html: str) -> str:
    """Visible text of an HTML fragment, one line per block element or <br>."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "noscript"):
            parts.append(element.tail or "")
            return
        block = tag in _BLOCKS
        if block or tag == "br":
            parts.append("\n")
        if tag in ("td", "th"):
            parts.append(" ")
        parts.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            parts.append("\n")
        parts.append(element.tail or "")

    walk(root)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_LIST_MARKER = re.compile(r"^\s*[-*•]\s+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^[\s|:-]*$")
_WHITESPACE = re.compile(r"\s+")


def tidy_extracted(text: str, title: str | None) -> str:
    """Undo trafilatura's plain-text markup so the line cleaner sees one block per line.

    Markdown list markers go; table rows become one line per non-empty cell (layout tables on
    Chinese portal pages hold the article, the byline and the footer in separate cells); leading
    lines that repeat the title, or most of it, go (the title has its own column); blank lines go.
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        if _TABLE_ROW.match(raw):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", raw.strip().strip("|"))]
            lines.extend(
                cell.replace("\\|", "|") for cell in cells if cell and not _TABLE_SEPARATOR.match(cell)
            )
        elif raw.strip():
            lines.append(_LIST_MARKER.sub("", raw).strip())
    if title:
        wanted = _WHITESPACE.sub("", title)
        while lines and _repeats_title(_WHITESPACE.sub("", lines[0]), wanted):
            lines.pop(0)
    return "\n".join(lines)


def _repeats_title(line: str, title: str) -> bool:
    """The line is the title, or the title's end after a board or category prefix ("[游记攻略] 标题"
    as title, "标题" as the line)."""
    return line == title or (len(line) >= 0.6 * len(title) and title.endswith(line))
