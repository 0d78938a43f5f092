"""A second opinion on the main text of an HTML page, from where its sentences are.

Chinese news pages mark their prose with full-width sentence punctuation, and chrome (navigation,
related lists, footers) has almost none and is mostly link text. So: find every text block that
reads like prose, then the smallest DOM element holding nearly all of that prose, and return its
blocks without the link lists. Used when trafilatura picks the wrong part of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

_SKIP_TAGS = {
    "script", "style", "noscript", "iframe", "svg", "nav", "footer", "header", "aside", "select",
    "button", "textarea", "input", "head", "template", "object", "embed", "canvas",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "td", "th", "li", "section", "article", "main", "blockquote", "pre", "h1", "h2", "h3", "h4",
    "h5", "h6", "dd", "dt", "table", "tr", "ul", "ol", "body", "center", "font", "span",
}  # fmt: skip
_SENTENCE_PUNCT = re.compile(r"[。！？；，、：“”]|[.!?;,](?=\s)")
_SPACE = re.compile(r"\s+")
_PROSE_SHARE = 0.85


@dataclass
class Block:
    element: etree._Element
    text: str
    link_chars: int


class _BlockCollector:
    """Cuts the page's text into blocks at every block-level tag and <br>, in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._link_chars = 0
        self._owner: etree._Element | None = None

    def add(self, text: str | None, owner: etree._Element, in_link: bool) -> None:
        if not text:
            return
        if self._owner is None:
            self._owner = owner
        self._parts.append(text)
        if in_link:
            self._link_chars += len(text.strip())

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._parts)).strip()
        if text and self._owner is not None:
            self.blocks.append(Block(self._owner, text, self._link_chars))
        self._parts, self._link_chars, self._owner = [], 0, None

    def walk(self, element: etree._Element, owner: etree._Element, in_link: bool = False) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            return
        is_block = tag in _BLOCK_TAGS
        if is_block or tag == "br":
            self.flush()
        inner_owner = element if is_block else owner
        inner_link = in_link or tag == "a"
        self.add(element.text, inner_owner, inner_link)
        for child in element:
            self.walk(child, inner_owner, inner_link)
            self.add(child.tail, inner_owner, inner_link)
        if is_block:
            self.flush()


def text_blocks(root: etree._Element) -> list[Block]:
    """The page's text blocks in document order, each with the element that owns it."""
    collector = _BlockCollector()
    collector.walk(root, root)
    collector.flush()
    return collector.blocks


def prose_chars(lines: list[str]) -> int:
    """How much of a text reads like sentences (used to compare two extractions of one page)."""
    return sum(len(line) for line in lines if len(line) >= 10 and _SENTENCE_PUNCT.search(line))


def is_prose(block: Block) -> bool:
    """A block that reads like sentences: ten characters or more, punctuated, few of them links."""
    text = block.text
    if len(text) < 10 or block.link_chars > 0.3 * len(text):
        return False
    return len(_SENTENCE_PUNCT.findall(text)) >= 1


def density_document(html: str) -> tuple[str, str | None]:
    """Main text and title, from one parse of the page (the fast extraction engine)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", None
    return main_text(root), _title(root)


def _title(root: etree._Element) -> str | None:
    """The page's first <h1> when it is short, else its <title>."""
    for path in (".//h1", ".//title"):
        element = root.find(path)
        if element is not None:
            text = _SPACE.sub(" ", element.text_content()).strip()
            if 0 < len(text) <= 120:
                return text
    return None


def main_text(root: etree._Element) -> str:
    """The blocks of the smallest element holding nearly all of the page's prose, without link lists."""
    blocks = text_blocks(root)
    prose = [block for block in blocks if is_prose(block)]
    total = sum(len(block.text) for block in prose)
    if total == 0:
        return ""
    # Chars of prose under each element, counted up the ancestor chain.
    under: dict[etree._Element, int] = {}
    for block in prose:
        for element in (block.element, *block.element.iterancestors()):
            under[element] = under.get(element, 0) + len(block.text)
    candidates = [element for element, chars in under.items() if chars >= _PROSE_SHARE * total]
    container = max(candidates, key=lambda element: sum(1 for _ in element.iterancestors()))
    members = {id(element) for element in container.iter()}
    kept = [
        block.text
        for block in blocks
        if id(block.element) in members and block.link_chars <= 0.5 * len(block.text)
    ]
    return "\n".join(kept)
