"""Page metadata without the site's boilerplate: titles without site suffixes, no copyright
lines published as an author or a site name."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

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


# What a page declares about itself, read from its tree without trafilatura's metadata search
# (htmldate's date hunt and its author heuristics: 40 % of trafilatura's time on a page).
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline")
_SITE_KEYS = ("og:site_name", "application-name", "publisher")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "twitter:creator")
_DATE_KEYS = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "og:published_time",
    "dc.date",
    "dc.date.issued",
    "date",
    "article:modified_time",
    "datemodified",
)
_URL_KEYS = ("og:url",)
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass(frozen=True, slots=True)
class Declared:
    title: str | None = None
    sitename: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None


def declared_metadata(root: etree._Element) -> Declared:
    """Title, site name, author, date and URL as the page declares them: its meta tags (Open Graph,
    article:, Dublin Core, itemprop), JSON-LD, its only <h1> or <title>, <link rel=canonical> and
    <time datetime>."""
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        content = (element.get("content") or "").strip()
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().casefold()
            if key and content:
                meta.setdefault(key, content)
    linked = _json_ld(root)
    title = _first(meta, _TITLE_KEYS) or linked.get("headline") or _only_h1(root) or _title_element(root)
    date = _iso_date(_first(meta, _DATE_KEYS) or linked.get("datePublished") or _time_element(root))
    canonical = next((link.get("href") for link in root.iter("link") if _is_canonical(link)), None)
    return Declared(
        title=title,
        sitename=_first(meta, _SITE_KEYS) or linked.get("publisher"),
        author=_first(meta, _AUTHOR_KEYS) or linked.get("author"),
        date=date,
        url=_first(meta, _URL_KEYS) or canonical,
    )


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[key] for key in keys if meta.get(key)), None)


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _only_h1(root: etree._Element) -> str | None:
    """The page's one <h1>, which names the article better than <title> does (trafilatura's order)."""
    headings = list(root.iter("h1"))
    return (_text(headings[0]) or None) if len(headings) == 1 else None


def _title_element(root: etree._Element) -> str | None:
    title = next(root.iter("title"), None)
    return (_text(title) or None) if title is not None else None


def _time_element(root: etree._Element) -> str | None:
    return next((time.get("datetime") for time in root.iter("time") if time.get("datetime")), None)


def _is_canonical(link: etree._Element) -> bool:
    return "canonical" in (link.get("rel") or "").casefold().split() and bool(link.get("href"))


def _iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from the first date in `value` (2024-05-01T08:00, 2024/5/1, 2024年5月1日)."""
    found = _DATE.search(value or "")
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _json_ld(root: etree._Element) -> dict[str, str]:
    """headline, datePublished, author and publisher names from the page's JSON-LD, first found."""
    found: dict[str, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().casefold() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            for key in ("headline", "datePublished"):
                if isinstance(item.get(key), str) and key not in found:
                    found[key] = item[key].strip()
            for key in ("author", "publisher"):
                name = _ld_name(item.get(key))
                if name and key not in found:
                    found[key] = name
    return found


def _ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data, *_ld_items(data.get("@graph", []))]
    return []


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None
