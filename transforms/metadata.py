"""Page metadata without the site's boilerplate: titles without site suffixes, no copyright
lines published as an author or a site name."""

from __future__ import annotations

import re

# Separators between a headline and what sites append to it (site name, section, SEO keywords).
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:·]\s+|\s*[_｜|]\s*|\s*(?:——|--|—|－)\s*")
_BOILERPLATE_NAME = re.compile(
    r"版权所有|版權所有|版权|版權|©|\(c\)|copyright|all rights reserved|ICP|https?://|www\.", re.IGNORECASE
)
_MAX_NAME_CHARS = 80


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """The headline part of a page title: "头条_财经_示例网" -> "头条".

    The first part is the headline unless it names the site or is much shorter than the longest
    part ("示例网 | 长标题"); a title without separators is kept as it is.
    """
    if not title or not title.strip():
        return None
    title = title.strip()
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(title) if part and part.strip()]
    if len(parts) < 2:
        return title
    site = (sitename or "").strip().casefold()
    if site:
        unlike_site = [part for part in parts if part.casefold() not in site and site not in part.casefold()]
        parts = unlike_site or parts
    longest = max(parts, key=len)
    return parts[0] if len(parts[0]) >= len(longest) / 2 else longest


def clean_person(name: str | None) -> str | None:
    """An author, unless it is a copyright line, a link or a paragraph."""
    if not name or not name.strip():
        return None
    name = name.strip()
    if len(name) > _MAX_NAME_CHARS or _BOILERPLATE_NAME.search(name):
        return None
    return name


def clean_sitename(name: str | None) -> str | None:
    """A site name, unless it is a copyright line ("网易版权所有") or a paragraph."""
    return clean_person(name)
