"""What a finished run says about itself, read back from what it published: most records failing
for one reason, kept documents that are still markup, nothing kept. The command line prints it
(and exits 1 for nothing kept); a deployment's run logs it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from ...transforms.decode import looks_like_html
from .dataset import run_parts

# Per-record details (field lists, byte offsets, sizes) differ between records failing for one reason.
_DETAILS = re.compile(r"\([^)]*\)|\d+")
_FIXES = {
    "read.text_field": "name the field or column that holds the text with --text-field NAME (or several: "
    "--text-field content,body,text)",
    "read.url_field": "name the URL field with --url-field NAME",
    "read.max_record_bytes": "raise it with --set read.max_record_bytes=BYTES",
}
MOST = 0.5  # a reason behind more than this share of a run's records is what went wrong


def _run_column(out: Path, part: str, sequence: int, column: str, rows: int | None = None) -> list:
    """One column of the rows the run `sequence` of the dataset in `out` wrote into `part` (the
    first `rows` of them when given)."""
    values: list = []
    for path in run_parts(out / part, sequence):  # pyarrow.parquet: pyarrow.dataset takes 0.4 s to import
        for batch in pq.ParquetFile(path).iter_batches(columns=[column]):
            values += batch.column(0).to_pylist()
            if rows is not None and len(values) >= rows:
                return values[:rows]
    return values


def error_messages(out: Path, sequence: int) -> list[str]:
    """The `error` of every error row the run `sequence` of the dataset in `out` wrote."""
    return _run_column(out, "errors", sequence, "error")


def what_went_wrong(messages: list[str], documents_read: int) -> str | None:
    """One line naming the reason most records failed for, an example and the fix; None when most
    records did not fail for one reason."""
    kinds = Counter(_DETAILS.sub("", message) for message in messages)
    if not kinds:
        return None
    kind, count = kinds.most_common(1)[0]
    if count <= MOST * documents_read:
        return None
    example = next(message for message in messages if _DETAILS.sub("", message) == kind)
    fix = next((fix for key, fix in _FIXES.items() if key in example), "see errors/ in the dataset")
    return f"{count} of {documents_read} records failed: {example}; {fix}"


def markup_left(out: Path, sequence: int, sample: int = 200) -> str | None:
    """A warning when most documents the run kept still look like web pages (a text field that
    holds HTML, read as text because `read.record_format` was set to text); None otherwise."""
    texts = _run_column(out, "data", sequence, "text", rows=sample)
    pages = sum(looks_like_html(text or "") for text in texts)
    if pages <= MOST * len(texts):
        return None
    return (
        f"{pages} of the first {len(texts)} kept documents are HTML markup: the text field holds pages; "
        "run again with --format auto (or html) to extract their text"
    )


def verdict(out: Path, sequence: int, counts: dict) -> tuple[str | None, str | None]:
    """What a finished run says about itself, the command line (stderr, exit code) and a scheduled
    run (its log) alike: a warning when most records failed for one reason or most kept documents
    are still markup; an error when nothing was kept from records that were read, unless they were
    all copies of documents the dataset already holds (an append run of nothing new)."""
    read = counts["documents_read"]
    warning = None
    if counts["errors"] > MOST * read:
        warning = what_went_wrong(error_messages(out, sequence), read)
    elif counts["kept"]:
        warning = markup_left(out, sequence)
    copies_only = not counts["errors"] and set(counts["rejected_by_reason"]) <= _DUPLICATE_REASONS
    if not read or counts["kept"] or copies_only:
        return warning, None
    why = warning or f"see the reasons above, or refinery inspect {out}"
    return warning, f"nothing was kept from {read} documents read: {why}"


_DUPLICATE_REASONS = {"exact_duplicate", "near_duplicate"}
