"""Quality gate: refinery's extraction and cleaning on the labelled pages in this repository.

Like trafilatura's own eval gate: pinned floors per set, measured with bench/eval_boilerplate.py's
systems and scoring, so a rule that helps one page and hurts ten fails CI. The floors are 0.01 under the figures
measured when they were pinned; the digest pins the data they were measured on (change the data,
re-measure, re-pin). The html_threads pages (threads, Q&A and comment pages on engines the markup
markers do not know) count with their dev half only: the held half is never looked at, so it is
never gated either. Runs in about fifteen seconds: 69 HTML pages and 48 plain-text documents.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from eval_boilerplate import HTML_SYSTEMS, TEXT_SYSTEMS  # noqa: E402
from pagesets import DATA, in_repo_html_cases, text_cases  # noqa: E402
from scoring import score  # noqa: E402

DATA_DIGEST = "070c0fa044cc5e90b2060dc2f1db734578c63c93b4872e29eceb35301d04a297"
FLOORS = {
    "html_synth:en": 0.979,
    "html_synth:zh-legacy": 0.958,
    "html_pagetypes:zh-article-comments": 0.973,
    "html_pagetypes:zh-forum": 0.956,
    "html_pagetypes:zh-list": 0.950,
    "html_pagetypes:zh-qa": 0.936,
    "html_threads:en-thread": 0.916,
    "html_threads:zh-comments": 0.957,
    "html_threads:zh-qa": 0.940,
    "html_threads:zh-thread": 0.941,
    "text_eval:zh": 0.963,
    "text_eval:en": 0.949,
    "text_eval:zh-Hant": 0.966,
}
WORSE_BY = 0.05
MAX_WORSE_PAGES = 0  # pages more than WORSE_BY under plain trafilatura, over all in-repo HTML


def data_digest() -> str:
    digest = hashlib.sha256()
    files = [
        *sorted((DATA / "html_synth").iterdir()),
        *sorted((DATA / "html_pagetypes").iterdir()),
        *sorted((DATA / "html_threads").iterdir()),
    ]
    for path in [*files, DATA / "text_eval" / "docs.jsonl"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def html_scores() -> dict[str, list[tuple[str, float, float]]]:
    scores: dict[str, list[tuple[str, float, float]]] = {}
    for case in (case for case in in_repo_html_cases() if case.split != "held"):
        ours = score(HTML_SYSTEMS["refinery"](case), case.gold).f1
        plain = score(HTML_SYSTEMS["trafilatura"](case), case.gold).f1
        scores.setdefault(case.set, []).append((case.name, ours, plain))
    return scores


def test_the_gate_data_is_the_data_the_floors_were_measured_on():
    assert data_digest() == DATA_DIGEST


def test_every_html_set_stays_above_its_floor(html_scores):
    means = {name: statistics.fmean(ours for _, ours, _ in pages) for name, pages in html_scores.items()}
    below = {name: round(mean, 3) for name, mean in means.items() if mean < FLOORS[name]}
    assert not below, f"under the floor: {below} (floors {FLOORS})"


def test_refinery_is_ahead_of_plain_trafilatura_on_each_set_and_no_page_falls_far_behind(html_scores):
    behind = {
        name: (
            round(statistics.fmean(o for _, o, _ in pages), 3),
            round(statistics.fmean(p for *_, p in pages), 3),
        )
        for name, pages in html_scores.items()
        if statistics.fmean(o for _, o, _ in pages) < statistics.fmean(p for *_, p in pages)
    }
    assert not behind, f"behind plain trafilatura (refinery, trafilatura): {behind}"
    pages = [page for members in html_scores.values() for page in members]
    worse = [name for name, ours, plain in pages if ours < plain - WORSE_BY]
    assert len(worse) <= MAX_WORSE_PAGES, f"pages more than {WORSE_BY} under plain trafilatura: {worse}"


def test_the_plain_text_cleaner_stays_above_its_floor():
    groups: dict[str, list[float]] = {}
    for case in text_cases():
        cleaned = TEXT_SYSTEMS["refinery"](case)
        groups.setdefault(case.set, []).append(score(cleaned, case.gold).f1)
    below = {
        name: round(statistics.fmean(f1), 3)
        for name, f1 in groups.items()
        if statistics.fmean(f1) < FLOORS[name]
    }
    assert not below, f"under the floor: {below}"
