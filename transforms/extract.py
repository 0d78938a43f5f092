"""Main text and metadata from HTML, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from transforms.config import ExtractConfig


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None


def extract_html(html: str, config: ExtractConfig, url: str | None = None) -> Extracted:
    """Run trafilatura; an empty `text` means no main content was found (the caller rejects it)."""
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
        text=fields.get("text") or "",
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        date=fields.get("date") or None,
        url=fields.get("url") or url,
        sitename=fields.get("sitename") or None,
    )
