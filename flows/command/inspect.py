"""Reading a published dataset back for people: what went wrong in a run, and `refinery inspect`."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ...transforms.decode import looks_like_html
from ..errors import UserError
from ..inputs.plan import read_manifest
from ..storage.dataset import read_part, run_parts
from ..storage.manifest import Manifest

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
_PART_OF = {"kept": "data", "rejected": "rejected", "errors": "errors"}
_TEXT_HEAD = 300
_REMOVED_SHOWN = 3  # removed lines listed per step by --sample; --id lists all


def open_dataset(out: Path) -> Manifest:
    """The manifest of the dataset in `out`; raises UserError when `out` holds none."""
    manifest = read_manifest(out)
    if manifest is None:
        raise UserError(f"no refinery dataset in {out} (it has no manifest.json)")
    return manifest


def overview(out: Path) -> str:
    """Counts by outcome, reason, language and script; what each stage of the last run did."""
    manifest = open_dataset(out)
    counts, last = manifest.counts, manifest.runs[-1]
    lines = [
        f"{out}: {counts.documents_read:,} documents read in {len(manifest.runs)} run(s): "
        f"{counts.kept:,} kept, {counts.rejected:,} rejected, {counts.errors:,} errors",
        _tally("rejected because", counts.rejected_by_reason),
        _tally("languages", counts.languages),
        _tally("scripts", counts.scripts),
        _tally("characters removed, by step", counts.chars_removed_by_stage),
        f"stages of the last run ({last.run_id}):",
        *(
            f"  {stage.name:<12} in {_blank(stage.documents_in):>9}  out {_blank(stage.documents_out):>9}  "
            f"{stage.seconds:8.1f}s"
            for stage in last.stages
        ),
        f"more: refinery inspect {out} --sample 5 [--part rejected] [--where reason=REASON] [--seed N]; "
        "--id ID",
    ]
    return "\n".join(lines)


def _tally(title: str, counts: dict[str, int]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return f"{title}: " + (", ".join(f"{name} {count:,}" for name, count in ordered) or "none")


def _blank(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def sample(
    out: Path, part: str, count: int, reason: str | None = None, where: tuple[str, ...] = (), seed: int = 0
) -> str:
    """`count` documents of a part drawn at random with `seed` (the same seed, the same documents),
    among those meeting every `where` condition, shown in dataset order with their steps and the
    start of their text; and how many met the conditions."""
    open_dataset(out)
    table = _part(out, part)
    if reason is not None:
        if "reason" not in table.schema.names:
            raise UserError("--reason applies to --part rejected")
        where = (f"reason={reason}", *where)
    for condition in where:
        table = table.filter(matching(table, condition))
    if not table.num_rows:
        return f"no {part} documents" + (f" where {' and '.join(where)}" if where else "")
    import numpy as np

    chosen = np.sort(np.random.default_rng(seed).permutation(table.num_rows)[:count])
    rows = table.take(pa.array(chosen)).to_pylist()
    shown = "\n\n".join(_describe(row, _TEXT_HEAD) for row in rows)
    return (
        f"{len(rows)} of {table.num_rows:,} {part} documents"
        + (f" where {' and '.join(where)}" if where else "")
        + f" (seed {seed}):\n\n{shown}"
    )


_CONDITION = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|!=|=|<|>|~)\s*(.*?)\s*$")
_COMPARE = {"=": pc.equal, "!=": pc.not_equal, "<": pc.less, "<=": pc.less_equal, ">": pc.greater}
_COMPARE[">="] = pc.greater_equal


def matching(table: pa.Table, condition: str) -> pa.ChunkedArray:
    """The rows of `table` meeting one --where condition: COLUMN OP VALUE, OP one of = != < <= > >=
    (numbers for numeric columns) or ~ (the text contains VALUE). Raises UserError on a condition
    that names no column of the part, or compares a number with what is not one."""
    found = _CONDITION.match(condition)
    if not found:
        raise UserError(f"--where {condition!r}: expected COLUMN OP VALUE, e.g. lang=zh or cjk_share<0.3")
    column, op, raw = found.groups()
    if column not in table.schema.names:
        names = ", ".join(name for name in table.schema.names if name not in ("text", "steps"))
        raise UserError(f"--where {condition!r}: no column {column!r} here (columns: {names})")
    values = table[column]
    if op == "~":
        return pc.fill_null(pc.match_substring(pc.cast(values, pa.string()), raw), False)
    if pa.types.is_floating(values.type) or pa.types.is_integer(values.type):
        try:
            value: object = float(raw)
        except ValueError:
            raise UserError(f"--where {condition!r}: {column} is a number, {raw!r} is not") from None
    elif pa.types.is_boolean(values.type):
        value = raw.lower() in ("true", "1", "yes")
    else:
        values, value = pc.cast(values, pa.string()), raw
    return pc.fill_null(_COMPARE[op](values, value), False)


def document(out: Path, document_id: str) -> str:
    """One document wherever it ended, with every step and its whole text."""
    open_dataset(out)
    for part in _PART_OF:
        table = _part(out, part)
        found = table.filter(pc.equal(table["id"], document_id))
        if found.num_rows:
            return f"{part}:\n" + _describe(found.to_pylist()[0], None)
    raise UserError(f"no document with id {document_id} in {out}")


def _part(out: Path, part: str) -> pa.Table:
    return read_part(out, _PART_OF[part])


def _describe(row: dict, text_chars: int | None) -> str:
    outcome = row.get("reason") or row.get("error") or "kept"
    head = [f"id {row['id']}  {outcome}  {row['source_uri']} {row.get('source_record') or ''}".rstrip()]
    if row.get("lang") is not None:
        head.append(
            f"  lang {row['lang']} ({row['lang_score']:.2f}), script {row['script']}, title {row['title']!r}"
        )
    if row.get("duplicate_of"):
        head.append(f"  copy of {row['duplicate_of']} (similarity {row['similarity']:.2f})")
    for step in row.get("steps") or []:
        head.append(
            f"  step {step['name']}: {step['chars_removed']} chars removed; {step['detail'] or ''}".rstrip(
                "; "
            )
        )
        removed = step.get("removed") or []
        shown = removed if text_chars is None else removed[:_REMOVED_SHOWN]
        head += [f"    - {line}" for line in shown]
        if len(removed) > len(shown):
            head.append(f"    ... {len(removed) - len(shown)} more removed (see --id)")
    text = row.get("text") or ""
    if text_chars is not None and len(text) > text_chars:
        text = text[:text_chars] + f" … ({len(text):,} characters)"
    return "\n".join([*head, "  text: " + text.replace("\n", "\n        ")])
