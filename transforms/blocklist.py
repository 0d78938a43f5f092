"""URL and domain blocklists: a document whose URL is on a list the user names is rejected as
`blocklisted_url`, and its step says which list and entry (datatrove's URL filter, Dolma's lists).

A domain list holds one domain per line (UT1's `domains` files, OISD's): the domain and every
subdomain of it match. A word list holds one word per line, matched anywhere in the lowercased URL
(one Aho-Corasick pass). `#` starts a comment. The lists are read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from ahocorasick_rs import AhoCorasick

from .flagged import read_list


@dataclass(frozen=True)
class UrlBlocklist:
    domains: dict[str, str]  # domain -> the list that names it
    words: tuple[str, ...]
    word_lists: tuple[str, ...]  # the list of each word
    finder: AhoCorasick | None


def _domain(entry: str) -> str:
    """A list line as a bare lowercase domain: `https://Example.com/x` and `.example.com` too."""
    host = urlsplit(entry if "//" in entry else f"//{entry}").hostname or ""
    return host.strip(".").lower()


@cache
def url_blocklist(domain_files: tuple[str, ...], word_files: tuple[str, ...]) -> UrlBlocklist | None:
    """The lists at these paths; None when they name nothing. Raises OSError or UnicodeDecodeError
    for a file that cannot be read."""
    domains: dict[str, str] = {}
    for path in domain_files:
        for entry in read_list(Path(path).read_text(encoding="utf-8")):
            domains.setdefault(_domain(entry), Path(path).name)
    domains.pop("", None)
    words: dict[str, str] = {}
    for path in word_files:
        for entry in read_list(Path(path).read_text(encoding="utf-8")):
            words.setdefault(entry.lower(), Path(path).name)
    if not domains and not words:
        return None
    finder = AhoCorasick(list(words)) if words else None
    return UrlBlocklist(domains, tuple(words), tuple(words.values()), finder)


def blocked_by(url: str | None, blocklist: UrlBlocklist) -> str | None:
    """`list: entry` for the first list entry the URL matches (its domain or a parent domain, then
    a word), or None."""
    if not url:
        return None
    host = _domain(url)
    parts = host.split(".")
    for start in range(len(parts) - 1):
        domain = ".".join(parts[start:])
        if domain in blocklist.domains:
            return f"{blocklist.domains[domain]}: {domain}"
    if blocklist.finder is not None:
        for index, _, _ in blocklist.finder.find_matches_as_indexes(url.lower()):
            return f"{blocklist.word_lists[index]}: {blocklist.words[index]}"
    return None
