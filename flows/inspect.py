"""Reading a published dataset back for people: what went wrong in a run, and `refinery inspect`."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds

from refinery.flows.dataset import run_parts

# Per-record details (field lists, byte offsets, sizes) differ between records failing for one reason.
_DETAILS = re.compile(r"\([^)]*\)|\d+")
_FIXES = {
    "read.text_field": "name the field or column that holds the text with --text-field NAME",
    "read.url_field": "name the URL field with --url-field NAME",
    "read.max_record_bytes": "raise it with --set read.max_record_bytes=BYTES",
}
MOST = 0.5  # a reason behind more than this share of a run's records is what went wrong


def error_messages(out: Path, sequence: int) -> list[str]:
    """The `error` of every error row the run `sequence` of the dataset in `out` wrote."""
    files = run_parts(out / "errors", sequence)
    if not files:
        return []
    return ds.dataset(files, format="parquet").to_table(columns=["error"]).column("error").to_pylist()


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
