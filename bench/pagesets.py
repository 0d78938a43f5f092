"""The labelled page sets the extraction and cleaning evaluations use, each with its split.

Splits say what a figure is evidence of:
  tuned  rules were written while looking at these pages: a figure here is not evidence for them;
  dev    half of a new set, looked at while developing;
  held   the other half, never opened: only its totals are printed, never its pages;
  new    labelled after the rules were written, not tuned on (none at present: html_pagetypes was
         new until its forum pages' output was looked at to write the forum_meta patterns).
A page of a split set goes to `held` by a hash of its name, so the split never changes.

Sets in this repository (the gate in tests/test_quality_gate.py uses them): html_synth,
html_pagetypes, text_eval, and the dev half of html_threads (threads, Q&A and account pages on
engines the markup markers do not know, written after the thread detector; its held half is
only ever reported as totals). Sets in ../shared/pages (used when present): gne-zh-news with the gold
in bench/data/html_gold, readability-test-pages, trafilatura-eval, and community (forum threads,
Q&A, board indexes and a comment section, labelled with snippets and a page type).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SHARED_PAGES = ROOT.parent / "shared" / "pages"


@dataclass(frozen=True)
class Case:
    set: str
    name: str
    split: str
    data: bytes | str  # raw page bytes (HTML) or plain text
    gold: str | None = None  # gold main text, scored by token F1
    must_have: tuple[str, ...] = field(default=())  # snippets, scored as trafilatura's benchmark does
    must_not: tuple[str, ...] = field(default=())
    page_type: str | None = None  # from the set's labels, where it has them

    @property
    def key(self) -> str:
        return f"{self.set}/{self.name}"


def split_of(name: str) -> str:
    return "held" if hashlib.sha1(name.encode()).digest()[0] % 2 else "dev"


def synthetic_cases(folder: str, split: str | None) -> list[Case]:
    """The pages of a folder in this repository; split None splits them by hash."""
    cases = []
    for gold_file in sorted((DATA / folder).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        cases.append(
            Case(
                set=f"{folder}:{gold['group']}",
                name=gold["page"],
                split=split or split_of(gold["page"]),
                data=gold_file.with_name(gold["page"]).read_bytes(),
                gold=gold["text"],
                page_type=gold.get("type"),
            )
        )
    return cases


def text_cases() -> list[Case]:
    path = DATA / "text_eval" / "docs.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Case(f"text_eval:{d['lang']}", d["id"], "tuned", d["raw"], gold=d["gold"]) for d in docs]


def gne_cases() -> list[Case]:
    cases = []
    for gold_file in sorted((DATA / "html_gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        page = SHARED_PAGES / "gne-zh-news" / gold["page"]
        if not gold.get("skip") and page.exists():
            cases.append(Case("gne-zh-news", gold["page"], "tuned", page.read_bytes(), gold=gold["text"]))
    return cases


def readability_cases() -> list[Case]:
    folder = SHARED_PAGES / "readability-test-pages"
    if not (folder / "gold.jsonl").exists():
        return []
    cases = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        page = folder / "html" / f"{gold['id']}.html"
        cases.append(
            Case("readability", gold["id"], split_of(gold["id"]), page.read_bytes(), gold=gold["text"])
        )
    return cases


def snippet_cases(name: str) -> list[Case]:
    """A ../shared set labelled with must-have / must-not snippets (trafilatura's benchmark format,
    with the page type where the set gives one)."""
    folder = SHARED_PAGES / name
    if not (folder / "evaldata.json").exists():
        return []
    cases = []
    for _url, entry in sorted(json.loads((folder / "evaldata.json").read_text(encoding="utf-8")).items()):
        page = folder / "html" / entry["file"]
        if page.exists():
            cases.append(
                Case(
                    name,
                    entry["file"],
                    split_of(entry["file"]),
                    page.read_bytes(),
                    must_have=tuple(entry["with"]),
                    must_not=tuple(entry["without"]),
                    page_type=entry.get("type"),
                )
            )
    return cases


def trafilatura_eval_cases() -> list[Case]:
    return snippet_cases("trafilatura-eval")


def community_cases() -> list[Case]:
    """Real forum, Q&A, board-index and comment pages."""
    return snippet_cases("community")


def in_repo_html_cases() -> list[Case]:
    return (
        synthetic_cases("html_synth", "tuned")
        + synthetic_cases("html_pagetypes", "dev")
        + synthetic_cases("html_threads", None)
    )


def all_html_cases() -> list[Case]:
    return (
        gne_cases()
        + in_repo_html_cases()
        + readability_cases()
        + trafilatura_eval_cases()
        + community_cases()
    )
