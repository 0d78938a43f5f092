"""Build the labelled set for evaluating the learned document-quality classifier (fastText).

Usage:  .venv/bin/python bench/data/quality_eval/build.py

Follows the CCNet/DCLM recipe: positives are clean reference-quality documents, negatives are what a
random crawl yields that is not worth training on. Both come from the SAME real pages of
../shared/pages (loaded with their gold main text by bench/pagesets.py), so the classifier cannot
tell the classes apart by site or topic:

  article     positive: the page's gold main text (at least 200 characters);
  chrome      negative: the page's visible text with the gold lines removed (navigation, footers,
              related lists, comments, ads), when at least 200 characters remain;
  whole_page  negative: the page's whole visible text, only where the main text is under 40% of it;
  fragments   negative: the gold sentences shuffled, one a line, every third one cut short.

Only the sets with a gold main text give documents (gne-zh-news with bench/data/html_gold,
readability-test-pages without its lorem-ipsum fixtures). Writes dev.jsonl, held.jsonl and README.md
beside this file. Pages are split (not documents) as bench/pagesets.py splits them (about half each);
negatives are subsampled to the number of positives per split and set. Fixed seeds: two runs give
byte-identical files. Exits 2 if ../shared/pages is missing.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent.parent
sys.path.insert(0, str(BENCH))

import pagesets  # noqa: E402

SEED = 20240917
SALT = "quality-eval-v1"
MIN_CHARS = 200  # shortest document kept, in non-whitespace characters
WHOLE_PAGE_MAX_SHARE = 0.4  # whole_page only where the main text is under this share of the page
MAX_CHARS = 5000  # a text is cut to its first 5,000 characters (at a line break where possible)
MIN_SENTENCES = 4  # fragments need this many sentences
GRAM = 12  # run length for finding gold text inside a longer visible line
SAME_GOLD_PREFIX = 200  # pages whose gold texts start with the same 200 characters form one split unit
FIXTURE_RE = re.compile(r"lorem ipsum", re.IGNORECASE)  # placeholder text: a synthetic test fixture
KINDS = ("article", "chrome", "whole_page", "fragments")
NEGATIVE_KINDS = KINDS[1:]
SET_NAMES = {"readability": "readability-test-pages"}  # pagesets' short name -> folder name

SKIP_TAGS = frozenset({"script", "style", "noscript"})
# fmt: off
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main",
        "menu", "nav", "ol", "option", "p", "pre", "section", "select", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul",
    }
)
# fmt: on
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LETTER_RE = re.compile(r"[^\W\d_]")
CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A sentence ends after Chinese end punctuation (and any closing quote) or after . ! ? and a space.
SENTENCE_END_RE = re.compile(
    r"(?<=[。！？；…])(?![”」』’\"）)。！？；…])|(?<=[。！？；][”」』’\"）)])|(?<=[.!?])\s+|(?<=[.!?][\"”’)])\s+"
)


def decode(data: bytes | str) -> str:
    """UTF-8 first, then the charset the page declares, then GB18030."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = CHARSET_RE.search(data[:4096])
    for codec in ([match.group(1).decode("ascii")] if match else []) + ["gb18030"]:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


def _walk(element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None  # None: comment or processing instruction
    if tag is not None and tag.lower() not in SKIP_TAGS:
        block = tag.lower() in BLOCK_TAGS
        if block or tag.lower() == "br":
            out.append("\n")
        if element.text:
            out.append(element.text)
        for child in element:
            _walk(child, out)
        if block:
            out.append("\n")
    if element.tail:
        out.append(element.tail)


def visible_lines(html: str) -> list[str]:
    """The body's text without script/style/noscript, one line per block element (or <br>),
    whitespace collapsed inside a line, blank lines dropped."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses a str with an encoding declaration
    if not html.strip():
        return []
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    out: list[str] = []
    for child in body if body is not None else root:
        _walk(child, out)
    if body is not None and body.text:
        out.insert(0, body.text)
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return [line for line in lines if line]


def squeeze(text: str) -> str:
    return "".join(text.split())


def size(text: str) -> int:
    return len(squeeze(text))


def clip(text: str) -> str:
    """The first MAX_CHARS characters, cut at the last line break in them when that keeps most."""
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_CHARS + 1)
    return text[:cut] if cut >= MAX_CHARS // 2 else text[:MAX_CHARS]


def chrome_lines(lines: list[str], gold: str) -> list[str]:
    """The visible lines that are not main text (whitespace ignored throughout). A line goes when it
    is a gold line; from 8 characters up, when it is a piece of the gold text; from 24 up, when
    runs of 12 characters found in the gold cover half of it (a gold paragraph with a share button,
    a stock widget or a pilcrow glued on)."""
    gold_lines = {squeeze(line) for line in gold.splitlines() if line.strip()}
    gold_flat = squeeze(gold)
    grams = {gold_flat[i : i + GRAM] for i in range(len(gold_flat) - GRAM + 1)}
    kept = []
    for line in lines:
        flat = squeeze(line)
        if flat in gold_lines or (len(flat) >= 8 and flat in gold_flat):
            continue
        if len(flat) >= 2 * GRAM:
            covered = bytearray(len(flat))
            for i in range(len(flat) - GRAM + 1):
                if flat[i : i + GRAM] in grams:
                    covered[i : i + GRAM] = b"\x01" * GRAM
            if sum(covered) * 2 >= len(flat):
                continue
        kept.append(line)
    return kept


def sentences(gold: str) -> list[str]:
    out = []
    for line in gold.splitlines():
        out.extend(piece.strip() for piece in SENTENCE_END_RE.split(line) if piece and piece.strip())
    return out


def fragments(gold: str, rng: random.Random) -> str:
    """The gold sentences in random order, one a line, every third one cut at a random point."""
    parts = sentences(gold)
    if len(parts) < MIN_SENTENCES:
        return ""
    rng.shuffle(parts)
    for i in range(2, len(parts), 3):
        sentence = parts[i]
        if len(sentence) >= 4:
            parts[i] = sentence[: rng.randint(len(sentence) // 4, (3 * len(sentence)) // 4)].rstrip()
    return "\n".join(part for part in parts if part)


def documents(case: pagesets.Case) -> list[dict]:
    """Every candidate document of one page, before the split and the balancing."""
    set_name = SET_NAMES.get(case.set, case.set)
    gold = "\n".join(" ".join(line.split()) for line in (case.gold or "").splitlines() if line.strip())
    if not gold or FIXTURE_RE.search(gold):
        return []
    lines = visible_lines(decode(case.data))
    visible = "\n".join(lines)
    texts = {}
    if size(gold) >= MIN_CHARS:
        texts["article"] = gold
    chrome = "\n".join(chrome_lines(lines, gold))
    if size(chrome) >= MIN_CHARS:
        texts["chrome"] = chrome
    if visible and size(gold) < WHOLE_PAGE_MAX_SHARE * size(visible) and size(visible) >= MIN_CHARS:
        texts["whole_page"] = visible
    broken = fragments(gold, random.Random(f"{SEED}:{set_name}/{case.name}"))
    if size(broken) >= MIN_CHARS:
        texts["fragments"] = broken
    return [
        {
            "id": f"{set_name}/{case.name}/{kind}",
            "set": set_name,
            "page": case.name,
            "label": "positive" if kind == "article" else "negative",
            "kind": kind,
            "text": clip(texts[kind]),
        }
        for kind in KINDS
        if kind in texts
    ]


def drop_repeats(docs: list[dict]) -> list[dict]:
    """One copy of each text (whitespace ignored), the first by id: the same article saved as two
    pages gives one positive."""
    seen: set[str] = set()
    kept = []
    for doc in sorted(docs, key=lambda d: d["id"]):
        flat = squeeze(doc["text"])
        if flat not in seen:
            seen.add(flat)
            kept.append(doc)
    return kept


def rank(key: str) -> str:
    return hashlib.sha256(f"{SALT}:{key}".encode()).hexdigest()


def split_pages(docs: list[dict], golds: dict[tuple[str, str], str], halves: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """(set, page) -> split. Pages whose gold texts start alike (the same article saved twice) form
    one unit, named by its first page, and go where the project's page-set split (pagesets.split_of,
    `halves`) puts that page: the extraction benchmark's held pages stay held here too."""
    first_page: dict[tuple[str, str], str] = {}
    split = {}
    for set_name, page in sorted({(d["set"], d["page"]) for d in docs}):
        prefix = squeeze(golds[set_name, page])[:SAME_GOLD_PREFIX]
        unit = first_page.setdefault((set_name, prefix), page)
        split[set_name, page] = halves[set_name, unit]
    return split


def balance(docs: list[dict]) -> list[dict]:
    """All positives; negatives subsampled to the number of positives of the same set, taking the
    negative kinds in turn, each in salted-hash order."""
    positives = [doc for doc in docs if doc["label"] == "positive"]
    queues = {
        kind: sorted((d for d in docs if d["kind"] == kind), key=lambda d: rank(d["id"]))
        for kind in NEGATIVE_KINDS
    }
    chosen: list[dict] = []
    while len(chosen) < len(positives) and any(queues.values()):
        for kind in NEGATIVE_KINDS:
            if queues[kind] and len(chosen) < len(positives):
                chosen.append(queues[kind].pop(0))
    return positives + chosen


def language(text: str) -> str:
    letters = len(LETTER_RE.findall(text))
    return "zh" if letters and len(CJK_RE.findall(text)) >= 0.3 * letters else "other"


def counts_table(splits: dict[str, list[dict]]) -> str:
    counts = Counter((name, d["label"], d["kind"], d["set"]) for name, docs in splits.items() for d in docs)
    sets = sorted({key[3] for key in counts})
    rows = [
        "| split | label | kind | " + " | ".join(sets) + " | total |",
        "|---|---|---|" + "---|" * (len(sets) + 1),
    ]
    for name in splits:
        for kind in KINDS:
            label = "positive" if kind == "article" else "negative"
            per_set = [counts[name, label, kind, s] for s in sets]
            rows.append(
                f"| {name} | {label} | {kind} | " + " | ".join(map(str, per_set)) + f" | {sum(per_set)} |"
            )
        per_set = [
            sum(counts[name, lab, k, s] for lab in ("positive", "negative") for k in KINDS) for s in sets
        ]
        rows.append(f"| {name} | all | all | " + " | ".join(map(str, per_set)) + f" | {sum(per_set)} |")
    return "\n".join(rows)


def language_table(splits: dict[str, list[dict]]) -> str:
    rows = ["| split | label | zh | other |", "|---|---|---|---|"]
    for name, docs in splits.items():
        for label in ("positive", "negative"):
            langs = Counter(language(d["text"]) for d in docs if d["label"] == label)
            rows.append(f"| {name} | {label} | {langs['zh']} | {langs['other']} |")
    return "\n".join(rows)


README = """# quality_eval: labelled documents for the learned quality classifier

Documents labelled `positive` (worth training on) or `negative` (what a random crawl yields that is
not), to evaluate the learned document-quality classifier (fastText), following the CCNet/DCLM
recipe: positives are clean reference-quality text, negatives are crawl debris. Every document is
text taken from the real pages in `../shared/pages/` (outside this repository); only the labels and
the cutting are ours. Both classes come from the SAME pages, so site, topic and language do not
separate them.

Rebuild (byte-identical; exits 2 if `../shared/pages` is missing):

    .venv/bin/python bench/data/quality_eval/build.py

## Files

- `dev.jsonl`, `held.jsonl`: one JSON object a line, `{{"id", "set", "page", "label", "kind", "text"}}`;
  `id` is `set/page/kind`, `page` is the page's name as `bench/pagesets.py` gives it.
- `build.py`: the script that writes these three files.

## Where the pages and texts come from

Pages and gold texts are loaded with `bench/pagesets.py` (`gne_cases`, `readability_cases`):

- `gne-zh-news`: Chinese news pages from the test pages of the GeneralNewsExtractor project
  (GPL-3.0), see `../shared/README.md`; the gold main text is this repository's hand labels in
  `bench/data/html_gold/` (see its README.md). The 32 pages without a gold file and the one
  skipped page (`toutiao__2`) give no documents.
- `readability-test-pages`: pages of Mozilla Readability.js's test suite (Apache-2.0), see
  `../shared/pages/readability-test-pages/README.md`; the gold is the suite's `expected.html` text
  (`gold.jsonl`). The suite's synthetic fixtures, recognised by "lorem ipsum" in the gold (31
  pages), give no documents: placeholder text is no reference-quality positive. Gold texts that
  read like a Readability output (Wikipedia reference lists, bylines, captions) are kept as given.
- `trafilatura-eval` (`../shared/pages/trafilatura-eval/README.md`) and `community`
  (`../shared/pages/community/SOURCES.md`) are labelled with must-keep / must-drop snippets only,
  not with a main text, so they give no documents here.

## Kinds

- `article` (positive): the page's gold main text, one paragraph a line, when it has at least
  {min_chars} non-whitespace characters.
- `chrome` (negative): the page's visible text (body text of lxml without script/style/noscript,
  one line per block element or `<br>`, blank lines dropped) with the gold lines removed
  (whitespace ignored): a visible line goes when it equals a gold line, or from 8 characters up
  is a piece of the gold text, or from 24 up is at least half covered by 12-character runs of the
  gold (a gold paragraph with a widget or link glued on). Kept when at least {min_chars}
  characters remain: navigation, footers, related-article lists, comment sections, ads.
- `whole_page` (negative): the page's whole visible text, only where the gold text is under
  {share:.0%} of its characters (main text buried in chrome).
- `fragments` (negative): the gold text cut into sentences, shuffled, one a line, every third
  sentence cut at a random point; pages with fewer than {min_sent} sentences give none. It looks
  like prose but is broken.

A text longer than {max_chars} characters is cut to its first {max_chars} (at the last line break
in them where that keeps at least half).

## Split and balance

Split by PAGE, never by document: all documents of a page are in the same file. Pages whose gold
texts share their first {prefix} characters (the same article saved twice) form one unit named by
its first page, and a text repeated exactly is kept once. A unit goes to the half that
`bench/pagesets.py` (`split_of`, the extraction benchmark's dev/held halves) puts its first page
in, so the extraction benchmark's held pages are in held here too.
Per split and set, all positives are kept and the negatives are subsampled to the same number,
taking chrome, whole_page and fragments in turn, each in salted-hash order. Seeds:
`random.Random("{seed}:set/page")` for the fragments.

**`held.jsonl` is for final numbers only**: do not tune thresholds, features or training data on it,
and do not print its documents; report its totals. Tune on `dev.jsonl`.

## Counts

{counts}

Language (a document is `zh` when CJK characters are at least 30% of its letters):

{languages}
"""


def main() -> int:
    if not pagesets.SHARED_PAGES.is_dir():
        print(f"build.py: {pagesets.SHARED_PAGES} is missing: the pages are needed", file=sys.stderr)
        return 2
    cases = pagesets.gne_cases() + pagesets.readability_cases()
    docs = [doc for case in sorted(cases, key=lambda c: (c.set, c.name)) for doc in documents(case)]
    if not docs:
        print("build.py: no page with a gold text found", file=sys.stderr)
        return 2
    docs = drop_repeats(docs)
    golds = {(SET_NAMES.get(c.set, c.set), c.name): c.gold or "" for c in cases}
    # gne pages are "tuned" (the extraction rules were written on them): halved by name here
    halves = {
        (SET_NAMES.get(c.set, c.set), c.name): c.split if c.split in ("dev", "held") else pagesets.split_of(c.name)
        for c in cases
    }
    split = split_pages(docs, golds, halves)
    splits: dict[str, list[dict]] = {"dev": [], "held": []}
    for name in splits:
        for set_name in sorted({d["set"] for d in docs}):
            group = [d for d in docs if d["set"] == set_name and split[set_name, d["page"]] == name]
            splits[name].extend(sorted(balance(group), key=lambda d: d["id"]))
    for name, chosen in splits.items():
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as out:
            for doc in chosen:
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    readme = README.format(
        min_chars=MIN_CHARS,
        share=WHOLE_PAGE_MAX_SHARE,
        min_sent=MIN_SENTENCES,
        max_chars=MAX_CHARS,
        seed=SEED,
        prefix=SAME_GOLD_PREFIX,
        counts=counts_table(splits),
        languages=language_table(splits),
    )
    (HERE / "README.md").write_text(readme, encoding="utf-8", newline="\n")
    for name, chosen in splits.items():
        labels = Counter(d["label"] for d in chosen)
        print(
            f"{name}: {len(chosen)} documents, {labels['positive']} positive, {labels['negative']} negative"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
