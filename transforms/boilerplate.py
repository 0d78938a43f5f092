"""Plain-text boilerplate cleaner: what scraped pages leave around the article.

Decisions are made per document and with context, not line by line in isolation:
1. watermark tokens: a random-looking token glued to the end (or start) of many lines;
2. pattern lines: a maintained table of chrome (share, follow, copyright, contact, ...), see
   `transforms/data/boilerplate.toml`;
3. structure: blog chrome between the title and a page-meta line, a comment section that runs to
   the end, a tail after the article has ended (related-article teasers), a trailing block that
   is mostly list items and link titles (brand and product lists, ranked links), short chrome
   lines repeated inside the document.
Every rule is bounded: one rule's evidence never removes most of a document (see `clean_lines`).
Patterns match a script-folded view of each line, so Traditional pages are cleaned alike.
Lines shared by many documents of a run are removed later, corpus-wide (`remove_frequent_lines`).
"""

from __future__ import annotations

import re
import statistics
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .chars import HAN, ends_sentence
from .config import BoilerplateConfig
from .document import Step
from .pagetype import replies_are_content
from .unify import converter

_SENTENCE_MARKS = re.compile(r"[。！？!?；;]")
_CLAUSE_OR_SENTENCE = re.compile(r"[，,；;、。！？!?]")
_DATE_STAMP = re.compile(r"(19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2})?")
_CLAUSE_MARKS = re.compile(r"[。！？!?；;，,：]|[:.](?=\s|$)")
# A watermark candidate: 5-16 ASCII letters/digits glued to the end of a line right after a
# non-ASCII-word character (CJK text or closing punctuation).
_GLUED_SUFFIX = re.compile(r"(?<=[^\x00-\x7f)）\]】])([A-Za-z0-9]{5,16})$|(?<=[)）\]】])([A-Za-z0-9]{5,16})$")
_GLUED_PREFIX = re.compile(r"^([A-Za-z0-9]{5,16})(?=[" + HAN + "])")
_LONG_LINE = 20
_BLANK_RUNS = re.compile(r"\n{3,}")
_TAIL_SHARE = 0.7  # share of list-like lines that makes an edge block chrome
# Lines that show a section is made of comments: who wrote, when, replies.
_COMMENT_META = re.compile(
    r"(发表|回复)(评论)?于|^回复|\d+\s*(秒|分钟|小时|天)前|\d+\s*楼$|^#\d+|\b(replied|says|said|reply)\b"
    r"|\d{1,2}:\d{2}",
    re.IGNORECASE,
)
_LISTING_DATES = 6  # this many byline/date lines make a document a dated listing
_REPEATED_MAX_CHARS = 40  # a repeated line longer than this is content (a refrain, a code line)


@dataclass(frozen=True, slots=True)
class PatternCategory:
    name: str
    role: str  # "line", "end", "comments" or "meta"
    max_chars: int
    regex: re.Pattern[str]
    sentences: bool = False  # may match lines that read like sentences


@cache
def default_patterns() -> tuple[PatternCategory, ...]:
    """The shipped pattern table, parsed once per process."""
    raw = resources.files(__package__).joinpath("data/boilerplate.toml").read_text("utf-8")
    return parse_patterns(raw)


def parse_patterns(toml_text: str) -> tuple[PatternCategory, ...]:
    table = tomllib.loads(toml_text)
    return tuple(
        PatternCategory(
            name=entry["name"],
            role=entry["role"],
            max_chars=int(entry["max_chars"]),
            regex=re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE),
            sentences=bool(entry.get("sentences", False)),
        )
        for entry in table["category"]
    )


def reads_like_sentences(line: str) -> bool:
    """Several clauses ending in sentence punctuation: prose, whatever keywords it contains."""
    return ends_sentence(line) and len(_CLAUSE_OR_SENTENCE.findall(line)) >= 3


def match_category(line: str, patterns: tuple[PatternCategory, ...]) -> PatternCategory | None:
    stripped = line.strip()
    prose = reads_like_sentences(stripped)
    for category in patterns:
        if prose and not category.sentences:
            continue
        if len(stripped) <= category.max_chars and category.regex.search(stripped):
            return category
    return None


def _random_looking(token: str) -> bool:
    """Tracking tokens mix character classes; words ('Ernst', 'NVIDIA', '2023') do not."""
    classes = sum(
        (any(c.islower() for c in token), any(c.isupper() for c in token), any(c.isdigit() for c in token))
    )
    inner_upper = any(c.isupper() for c in token[1:])
    return classes >= 2 and (inner_upper or any(c.isdigit() for c in token))


def find_watermarks(lines: list[str], config: BoilerplateConfig) -> tuple[set[str], set[str]]:
    """Tokens glued to the end (suffixes) or start (prefixes) of many long lines of this document."""
    long_lines = [line for line in lines if len(line) >= _LONG_LINE]
    if len(long_lines) < config.watermark_min_lines:
        return set(), set()
    needed = max(config.watermark_min_lines, config.watermark_min_share * len(long_lines))

    def frequent(regex: re.Pattern[str], edge: int) -> set[str]:
        counts: Counter[str] = Counter()
        for line in long_lines:
            if not line[edge].isascii() or not line[edge].isalnum():
                continue  # most lines end in punctuation: skip the regex
            match = regex.search(line)
            if match:
                counts[next(g for g in match.groups() if g)] += 1
        return {tok for tok, n in counts.items() if n >= needed and _random_looking(tok)}

    return frequent(_GLUED_SUFFIX, -1), frequent(_GLUED_PREFIX, 0)


def longest_first(tokens: set[str]) -> tuple[str, ...]:
    """Watermarks in the order they are stripped: longest first, then alphabetical. A set's order
    changes with the process's hash seed, and order matters when one token ends another (a copy
    watermarked twice has lines ending "…AbCd3XyZ12" and lines ending "…XyZ12")."""
    return tuple(sorted(tokens, key=lambda token: (-len(token), token)))


def strip_watermarks(line: str, suffixes: tuple[str, ...], prefixes: tuple[str, ...]) -> str:
    """The line without the watermarks it ends or starts with, stacked ones included."""
    while ending := next((token for token in suffixes if line.endswith(token)), None):
        line = line[: -len(ending)]
    while beginning := next((token for token in prefixes if line.startswith(token)), None):
        line = line[len(beginning) :]
    return line


def _several_sentences(line: str) -> bool:
    """A paragraph that reads like article text: long enough and made of sentences."""
    return len(line) >= 60 and len(_SENTENCE_MARKS.findall(line)) >= 2


def _tail_is_teasers(body: list[str], tail: list[str]) -> bool:
    """After an article-end marker, the rest is a tail when it is not written like the body:
    its lines are much shorter than the body's paragraphs (teasers, listings, link lists)."""
    body_lengths = [len(line) for line in body if line]
    tail_lines = [line for line in tail if line]
    if sum(body_lengths) < 200 or not tail_lines:
        return not tail_lines and sum(body_lengths) >= 200
    finished = sum(1 for line in tail_lines if reads_like_sentences(line))
    if finished >= 0.5 * len(tail_lines):
        return False  # whole paragraphs that end their sentences: the article goes on
    return statistics.mean(map(len, tail_lines)) < 0.6 * statistics.mean(body_lengths)


def _is_listing(line: str) -> bool:
    """A list item (brand, product, tag): short, no sentence punctuation and no clause commas."""
    return len(line) <= 80 and not _CLAUSE_MARKS.search(line) and not ends_sentence(line)


def _is_tail_item(line: str) -> bool:
    """What fills a page after its article: list items, link titles, dated teaser entries.

    A link title is short, has at most one clause mark and does not end like a sentence ("。");
    a teaser entry carries a date stamp.
    """
    if _is_listing(line):
        return True
    if len(line) <= 60 and len(_CLAUSE_OR_SENTENCE.findall(line)) <= 1 and not line.endswith(("。", ".")):
        return True
    return len(line) <= 100 and bool(_DATE_STAMP.search(line))


def is_body_line(line: str) -> bool:
    """A paragraph that anchors the article: long, or several clauses ending like a sentence."""
    return len(line) >= 100 or reads_like_sentences(line)


def _chrome_block(lines: list[str], indices: range, min_lines: int) -> list[int]:
    """Indices of the block from the page edge (walking `indices`) up to the first body line,
    when that block is mostly list items, link titles and teasers; else nothing."""
    block = []
    for index in indices:
        if not lines[index]:
            continue
        if is_body_line(lines[index]):
            break
        block.append(index)
    tail_like = sum(1 for index in block if _is_tail_item(lines[index]))
    if len(block) >= min_lines and tail_like >= _TAIL_SHARE * len(block):
        return block
    return []


def _join_lines(lines: list[str]) -> str:
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def script_folded_lines(text: str) -> list[str]:
    """The lines in mainland Simplified, for matching only: the patterns are written in Simplified,
    and a Big5 or Taiwan page must be cleaned as well as its Simplified twin (微訊號 -> 微信号).
    Phrase conversion (tw2sp) only runs on text that has Traditional characters. OpenCC converts
    within lines, so line i of the result is line i of the text."""
    try:
        folded = converter("t2s").convert(text)
        if folded != text:
            folded = converter("tw2sp").convert(text)
    except UnicodeEncodeError:  # lone surrogates (normalize_text replaces them; callers may not)
        return text.split("\n")
    lines = folded.split("\n")
    return lines if len(lines) == text.count("\n") + 1 else text.split("\n")


def _chars(lines: list[str], indices) -> int:
    return sum(len(lines[index]) for index in indices)


@dataclass
class _Cleaning:
    """One document's lines while the line rules run: which are kept, and what each rule removed
    or held back."""

    lines: list[str]
    folded: list[str]  # script-folded, for the patterns
    categories: list[PatternCategory | None]
    page_type: str
    config: BoilerplateConfig
    keep: list[bool] = field(init=False)
    removed: Counter[str] = field(default_factory=Counter)
    held: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.keep = [True] * len(self.lines)
        self.total = max(sum(len(line) for line in self.lines), 1)

    def remove_block(self, name: str, block: list[int], marked: bool = False) -> None:
        """Remove the block's lines still kept, unless they are more of the document than a block
        of chrome may be (then they are held, and the step says so)."""
        block = [index for index in block if self.keep[index]]
        if not block:
            return
        share = self.config.max_marked_block_share if marked else self.config.max_block_share
        if _chars(self.lines, block) > share * self.total:
            self.held[name] += len(block)
            return
        for index in block:
            self.keep[index] = False
        self.removed[name] += len(block)


def _blog_header(doc: _Cleaning) -> None:
    """Blog chrome: lines between the title (line 0) and a page-meta line near the top."""
    for index in range(1, min(len(doc.lines), 8)):
        category = doc.categories[index]
        if category and category.role == "meta":
            chrome = [
                i for i in range(1, index)
                if doc.lines[i] and not _several_sentences(doc.lines[i]) and len(doc.lines[i]) < 150
            ]  # fmt: skip
            doc.remove_block("blog_header", chrome)
            return


def _comment_section(doc: _Cleaning) -> None:
    """A comment section runs from its first header to the end (not on forum and Q&A pages,
    where the replies are the content)."""
    if replies_are_content(doc.page_type):
        return
    for index, category in enumerate(doc.categories):
        if category and category.role == "comments" and index > 0:
            section = [i for i in range(index, len(doc.lines)) if doc.lines[i]]
            folded = doc.folded
            marks = sum(1 for i in section if len(folded[i]) <= 60 and _COMMENT_META.search(folded[i]))
            doc.remove_block("comments", section, marked=marks >= 2)
            return


def _teaser_tail(doc: _Cleaning) -> None:
    """After an article-end marker (share/follow/related) a block unlike the body is a tail."""
    lines, keep, categories = doc.lines, doc.keep, doc.categories
    for index, category in enumerate(categories):
        if category and category.role == "end":
            body = [line for i, line in enumerate(lines[:index]) if keep[i] and not categories[i]]
            tail = [line for i, line in enumerate(lines[index:], index) if keep[i] and not categories[i]]
            if _tail_is_teasers(body, tail):
                # pattern lines in the tail keep their own category in the step's count
                teasers = [i for i in range(index, len(lines)) if lines[i] and not categories[i]]
                doc.remove_block("tail", teasers, marked=True)
                return


def _pattern_lines(doc: _Cleaning) -> None:
    """Lines a pattern category matches (share buttons, copyright, contact, bylines ...). A byline
    or date line appears once or twice in an article; many of them are a listing's own dates (a
    list of notices, an archive page), which is content. On a forum they are the posts' dates,
    which are not."""
    bylines = sum(1 for category in doc.categories if category and category.name == "byline")
    listing = doc.page_type == "article" and bylines >= _LISTING_DATES
    for index, category in enumerate(doc.categories):
        if category and doc.keep[index]:
            if listing and category.name == "byline":
                doc.held["byline"] += 1
                continue
            doc.keep[index] = False
            doc.removed[category.name] += 1


def _repeated_lines(doc: _Cleaning) -> None:
    """boilerplate.drop_repeated_lines: only short chrome-like lines; repeated prose, code and
    recipe steps are content."""
    if not doc.config.drop_repeated_lines:
        return
    seen: set[str] = set()
    repeats = []
    for index, line in enumerate(doc.lines):
        if doc.keep[index] and line:
            if line in seen and _is_tail_item(line) and len(line) <= _REPEATED_MAX_CHARS:
                repeats.append(index)
            seen.add(line)
    doc.remove_block("repeated", repeats)


def _short_line_block(doc: _Cleaning) -> None:
    """A block of short list-like lines at the end of what is left (brand and product lists)."""
    kept = [index for index in range(len(doc.lines)) if doc.keep[index] and doc.lines[index]]
    kept_lines = [doc.lines[index] for index in kept]
    tail_block = _chrome_block(kept_lines, range(len(kept) - 1, -1, -1), doc.config.tail_min_lines)
    doc.remove_block("short_line_block", [kept[i] for i in tail_block])


# The line rules, in the order they run: structural blocks first (each bounded by
# max_block_share), then single pattern lines, then what repeats and what trails.
LINE_RULES: tuple[Callable[[_Cleaning], None], ...] = (
    _blog_header,
    _comment_section,
    _teaser_tail,
    _pattern_lines,
    _repeated_lines,
    _short_line_block,
)


def clean_lines(
    text: str,
    config: BoilerplateConfig,
    patterns: tuple[PatternCategory, ...] | None = None,
    page_type: str = "article",
) -> tuple[str, Step]:
    """Remove boilerplate lines from plain text; returns the text and a step saying what went.

    Watermark tokens go first, then every rule of LINE_RULES in turn. Structural rules (a comment
    section, a tail, a trailing block, blog chrome) each remove at most `config.max_block_share` of
    the document's characters: a larger block is more likely the content (a forum thread, a list
    page) than chrome, and is kept, with the step saying so. A block with corroborating markers (a
    tail after a share/related line that reads unlike the body, a comment section with several
    who/when lines) may take `config.max_marked_block_share`. When cleaning would leave less than
    `config.min_kept_share` of a document that has prose, the document is returned with its
    watermarks stripped only, and the step says why.
    """
    if not config.enabled:
        return text, Step("boilerplate", 0, "disabled")
    patterns = default_patterns() if patterns is None else patterns
    lines = text.split("\n")
    details: list[str] = []

    suffixes, prefixes = find_watermarks(lines, config)
    if suffixes or prefixes:
        ordered = longest_first(suffixes), longest_first(prefixes)
        lines = [strip_watermarks(line, *ordered) for line in lines]
        details.append("watermark=" + "|".join(sorted(suffixes | prefixes)))
    unwatermarked = _join_lines(lines)

    folded = script_folded_lines("\n".join(lines))
    categories = [match_category(line, patterns) if line else None for line in folded]
    doc = _Cleaning(lines, folded, categories, page_type, config)
    for rule in LINE_RULES:
        rule(doc)

    keep = doc.keep
    cleaned = _join_lines([line for index, line in enumerate(lines) if keep[index]])
    removed, held = +doc.removed, +doc.held
    if removed:
        details.append(",".join(f"{name}:{count}" for name, count in sorted(removed.items())))
    if held:
        details.append("kept " + ",".join(f"{name}:{count}" for name, count in sorted(held.items())))
    if len(cleaned) < config.min_kept_share * len(unwatermarked) and _has_prose(unwatermarked):
        details = [d for d in details if d.startswith("watermark=")]
        details.append(f"kept all: line rules would remove {1 - len(cleaned) / len(unwatermarked):.0%}")
        return unwatermarked, Step("boilerplate", len(text) - len(unwatermarked), ";".join(details))
    dropped = tuple(line for index, line in enumerate(lines) if not keep[index] and line)
    return cleaned, Step("boilerplate", len(text) - len(cleaned), ";".join(details), dropped)


def _has_prose(text: str) -> bool:
    """Some paragraph reads like article text: there is content to protect."""
    return any(_several_sentences(line) or reads_like_sentences(line) for line in text.split("\n"))


def remove_frequent_lines(
    text: str, line_keys: list[int | None], frequent: set[int] | frozenset[int], max_share: float
) -> tuple[str, Step]:
    """Drop lines that many other documents of the run also contain (site chrome written as prose).
    `line_keys` holds the paragraph key of each line of `text` (dedup_columns' "line_keys").

    When such lines are most of a document, the document is a copy of others, not boilerplate
    around an article: it is left alone for dedup to decide.
    """
    lines = text.split("\n")
    hits = [key is not None and key in frequent for key in line_keys]
    hit_chars = sum(len(line) for line, hit in zip(lines, hits, strict=True) if hit)
    if not hit_chars or hit_chars >= max_share * max(len(text), 1):
        return text, Step("corpus_lines", 0, "")
    cleaned = _join_lines([line for line, hit in zip(lines, hits, strict=True) if not hit])
    dropped = tuple(line for line, hit in zip(lines, hits, strict=True) if hit)
    return cleaned, Step("corpus_lines", len(text) - len(cleaned), f"{sum(hits)} frequent lines", dropped)


def remove_seen_paragraphs(
    text: str, line_keys: list[int | None], seen: set[int] | frozenset[int]
) -> tuple[str, Step]:
    """Drop paragraphs an earlier kept document of the run already has (paragraph-level dedup);
    `line_keys` as in remove_frequent_lines."""
    lines = text.split("\n")
    hits = [key is not None and key in seen for key in line_keys]
    if not any(hits):
        return text, Step("paragraph_dedup", 0, "")
    cleaned = _join_lines([line for line, hit in zip(lines, hits, strict=True) if not hit])
    dropped = tuple(line for line, hit in zip(lines, hits, strict=True) if hit)
    detail = f"{sum(hits)} paragraphs seen earlier"
    return cleaned, Step("paragraph_dedup", len(text) - len(cleaned), detail, dropped)
