"""Run-level provenance (manifest.json) and the human-readable dataset card (README.md)."""

from __future__ import annotations

import json
import platform
from collections import Counter
from importlib import metadata
from typing import Any

from flows.dataset import DATA_SCHEMA, ERRORS_SCHEMA

_DISTRIBUTIONS = (
    "refinery",
    "prefect",
    "trafilatura",
    "langdetect",
    "opencc",
    "pyarrow",
    "charset-normalizer",
    "ftfy",
)


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def pipeline_version() -> str:
    return versions()["refinery"]


def merge_counts(dicts: list[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for item in dicts:
        total.update(item)
    return dict(sorted(total.items()))


def build_manifest(
    *,
    run_id: str,
    started_at: str,
    finished_at: str,
    inputs: list[dict[str, Any]],
    skipped: list[str],
    shards: list[dict[str, Any]],
    parts: dict[str, int],
    reasons: dict[str, int],
    chars_removed: dict[str, int],
    config: dict[str, Any],
    config_hash: str,
) -> dict[str, Any]:
    documents = sum(shard["documents"] for shard in shards)
    invariant = documents == parts["kept"] + parts["rejected"] + parts["errors"]
    return {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": finished_at,
        "counts": {
            "documents_read": documents,
            "kept": parts["kept"],
            "rejected": parts["rejected"],
            "errors": parts["errors"],
            "invariant": "documents_read = kept + rejected + errors",
            "invariant_holds": invariant,
            "rejected_by_reason": reasons,
            "languages": merge_counts([s["languages"] for s in shards]),
            "scripts": merge_counts([s["scripts"] for s in shards]),
            "chars_removed_by_stage": chars_removed,
            "shards": len(shards),
            "shards_resumed": sum(1 for s in shards if s["resumed"]),
        },
        "inputs": inputs,
        "skipped_files": skipped,
        "versions": versions(),
        "config_hash": config_hash,
        "config": config,
    }


def _schema_table(schema) -> str:
    return "\n".join(f"| `{field.name}` | `{field.type}` |" for field in schema)


def dataset_card(manifest: dict[str, Any], name: str) -> str:
    counts = manifest["counts"]
    reasons = (
        "\n".join(f"| {reason} | {n} |" for reason, n in counts["rejected_by_reason"].items())
        or "| (none) | 0 |"
    )
    languages = ", ".join(f"{lang}: {n}" for lang, n in counts["languages"].items()) or "none"
    return f"""# {name}

Cleaned, deduplicated text produced by refinery {manifest["versions"]["refinery"]}
(run `{manifest["run_id"]}`, configuration `{manifest["config_hash"]}`, finished {manifest["finished_at"]}).

## Counts
| documents read | kept | rejected | errors |
|---|---|---|---|
| {counts["documents_read"]} | {counts["kept"]} | {counts["rejected"]} | {counts["errors"]} |

Every document read is in exactly one of `data/`, `rejected/`, `errors/`
(invariant holds: {str(counts["invariant_holds"]).lower()}). Languages of processed documents: {languages}.

| rejected because | documents |
|---|---|
{reasons}

## Layout
- `data/part-*.parquet`: kept documents
- `rejected/part-*.parquet`: dropped documents with `reason`, `duplicate_of` and `similarity`
- `errors/part-*.parquet`: records that could not be read or processed, with `error`
- `manifest.json`: inputs with checksums, counts, versions, the full configuration and its hash

## Load it
```python
import pyarrow.dataset as ds; table = ds.dataset("data", format="parquet").to_table()
import pandas as pd; df = pd.read_parquet("data")
import polars as pl; df = pl.read_parquet("data/*.parquet")
import duckdb; duckdb.sql("select lang, count(*) from 'data/*.parquet' group by lang")
from datasets import load_dataset; ds = load_dataset("parquet", data_dir="data")
```

## Schema of `data/`
| column | type |
|---|---|
{_schema_table(DATA_SCHEMA)}

`rejected/` adds: `reason`, `duplicate_of`, `similarity`.
`errors/` has: {", ".join(f"`{n}`" for n in ERRORS_SCHEMA.names)}.
`steps` lists what each stage did to the document (`name`, `chars_removed`, `detail`).
"""


def dumps(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
