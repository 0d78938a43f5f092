"""`refinery inspect`: a published dataset read back for people (counts, samples, one document)."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import UserError
from ..inputs.plan import read_manifest
from ..storage.dataset import read_part
from ..storage.manifest import Manifest, optional_stages

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
        *([_tally("flagged documents", counts.flagged)] if counts.flagged else []),
        *([_tally("personal data found", counts.pii)] if counts.pii else []),
        *([_tally("tokens", counts.tokens)] if counts.tokens else []),
        *([f"optional stages: {', '.join(stages)}"] if (stages := optional_stages(manifest.config)) else []),
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
_COMPARE = {
    "=": pc.equal,
    "!=": pc.not_equal,
    "<": pc.less,
    "<=": pc.less_equal,
    ">": pc.greater,
    ">=": pc.greater_equal,
}


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


def plots(out: Path, folder: Path) -> str:
    """Draw the dataset's plots into `folder`, which must lie outside it; a file there that refinery
    did not draw is never replaced. What was written."""
    from pydantic import ValidationError

    from ...transforms.config import Config, FilterConfig
    from ..storage.plots import PLOT_TITLES, draw, is_ours

    manifest = open_dataset(out)
    if not manifest.counts.distributions:
        raise UserError(
            f"{out} was written by refinery {manifest.runs[-1].pipeline_version}, whose manifest has no "
            "counts to draw: run it again with --force to rebuild it"
        )
    target = folder.resolve()
    if target == out.resolve() or out.resolve() in target.parents:
        raise UserError(f"--plots {folder} is inside the dataset: choose a folder outside {out}")
    if target.exists() and not target.is_dir():
        raise UserError(f"--plots {folder} is a file: name a folder")
    for name in PLOT_TITLES:
        path = target / f"{name}.svg"
        if path.exists() and not is_ours(path):
            raise UserError(
                f"--plots {folder} holds {path.name}, which refinery did not draw; choose another folder"
            )
    try:
        policy = Config.model_validate(manifest.config).filter
    except ValidationError:  # a configuration of another release: draw without its limits
        policy = FilterConfig()
    try:
        written = draw(manifest.counts, policy, target)
    except OSError as error:
        raise UserError(f"--plots {folder}: cannot write there ({error.strerror or error})") from error
    return "\n".join(f"wrote {folder / name}" for name in written)


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
