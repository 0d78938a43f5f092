"""Main text and metadata from HTML, with trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import trafilatura

from transforms.config import ExtractConfig
from transforms.density import density_document, density_extract, prose_chars

# The density extractor's text replaces trafilatura's when it holds this much more prose.
_FALLBACK_RATIO = 1.5
_FALLBACK_MARGIN = 50


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    method: str = "trafilatura"


def extract_html(html: str, config: ExtractConfig, url: str | None = None) -> Extracted:
    """Main text by trafilatura, or by prose density when that finds clearly more prose.

    trafilatura sometimes settles on a link list or a comment box of a Chinese portal page; the
    density extractor then finds the article. An empty `text` means no main content was found.
    """
    if config.engine == "density":
        text, title = density_document(html)
        return Extracted(text=tidy_extracted(text, title), title=title, url=url, method="density-only")
    extracted = _trafilatura(html, config, url)
    fallback = density_extract(html)
    ours = prose_chars(extracted.text.split("\n"))
    theirs = prose_chars(fallback.split("\n"))
    if theirs > _FALLBACK_RATIO * ours + _FALLBACK_MARGIN:
        return replace(extracted, text=fallback, method="density")
    return extracted


def _trafilatura(html: str, config: ExtractConfig, url: str | None) -> Extracted:
    result = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=config.favor == "precision",
        favor_recall=config.favor == "recall",
        include_comments=config.include_comments,
        include_tables=config.include_tables,
        with_metadata=True,
        deduplicate=False,
    )
    if result is None:
        return Extracted(text="")
    fields = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return Extracted(
        text=tidy_extracted(fields.get("text") or "", fields.get("title")),
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        date=fields.get("date") or None,
        url=fields.get("url") or url,
        sitename=fields.get("sitename") or None,
    )


_LIST_MARKER = re.compile(r"^\s*[-*•]\s+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEPARATOR = re.compile(r"^[\s|:-]*$")
_SPACE = re.compile(r"\s+")


def tidy_extracted(text: str, title: str | None) -> str:
    """Undo trafilatura's plain-text markup so the line cleaner sees one block per line.

    Markdown list markers go; table rows become one line per non-empty cell (layout tables on
    Chinese portal pages hold the article, the byline and the footer in separate cells); leading
    lines that repeat the title go (the title has its own column).
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        if _TABLE_ROW.match(raw):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", raw.strip().strip("|"))]
            lines.extend(
                cell.replace("\\|", "|") for cell in cells if cell and not _TABLE_SEPARATOR.match(cell)
            )
        else:
            lines.append(_LIST_MARKER.sub("", raw))
    if title:
        wanted = _SPACE.sub("", title)
        while lines and (not lines[0].strip() or _SPACE.sub("", lines[0]) == wanted):
            lines.pop(0)
    return "\n".join(lines)
