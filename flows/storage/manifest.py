"""Run-level provenance (manifest.json) and the human-readable dataset card (README.md)."""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ...transforms.canonical import recipe as canonical_recipe
from ...transforms.classifiers import score_column
from .dataset import ERRORS_SCHEMA, part_schema
from .distributions import merge as merge_distributions
from .plots import PLOT_TITLES

if TYPE_CHECKING:  # the shard module imports the whole pipeline; the manifest needs only its summaries
    from ..shards.process import ShardSummary

_DISTRIBUTIONS = (
    "refinery",
    "prefect",
    "trafilatura",
    "langdetect",
    "opencc",
    "pyarrow",
    "charset-normalizer",
    "ftfy",
    "tokenizers",
    "matplotlib",
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


_CODE_SUFFIXES = frozenset({".py", ".toml", ".json", ".tsv", ".txt"})


@cache
def code_digest(root: Path | None = None) -> str:
    """Digest of the transforms' code and data files as installed: a rule edited without a version
    bump still makes staged shards stale and a dataset out of date."""
    if root is None:
        from ... import transforms

        root = Path(transforms.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def merge_counts(dicts: list[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for item in dicts:
        total.update(item)
    return dict(sorted(total.items()))


class _Record(BaseModel):
    """Manifest parts: typed where refinery reads them; keys written by other versions are kept."""

    model_config = ConfigDict(extra="allow")


class InputEntry(_Record):
    """One input file (or piece of one) a run read: what change detection compares."""

    key: str
    size: int
    ukey: str | None = None  # fsspec's fingerprint of the file's metadata (size, mtime, ...)
    sha256: str | None = None  # a .txt or .html file is one record: its checksum
    records: int = 0
    run: int = 0  # the sequence number of the run that read it


class Counts(_Record):
    documents_read: int
    kept: int
    rejected: int
    errors: int
    invariant_holds: bool
    shards: int = 0
    shards_resumed: int = 0
    rejected_by_reason: dict[str, int] = {}
    languages: dict[str, int] = {}
    scripts: dict[str, int] = {}
    flagged: dict[str, int] = {}
    chars_removed_by_stage: dict[str, int] = {}
    tokens: dict[str, int] = {}  # kept and rejected, counted with tokens.tokenizer (none: not counted)
    pii: dict[str, int] = {}  # personal values found (pii.mode), per kind


class DatasetCounts(Counts):
    invariant: str = "documents_read = kept + rejected + errors"
    distributions: dict[str, Any] = {}  # the plots' tally (storage/distributions.py), over every run


class StageReport(_Record):
    name: str
    documents_in: int | None = None
    documents_out: int | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    tasks: int = 0
    max_task_cpu_seconds: float = 0.0


class RunRecord(_Record):
    """What one run did: its counts (the invariant checked on them) and its stages."""

    sequence: int
    mode: str
    run_id: str
    started_at: str
    finished_at: str
    config_hash: str
    pipeline_version: str
    code_digest: str | None = None  # of the transforms' code and data (None: written before 0.7)
    counts: Counts
    stages: list[StageReport] = []  # documents in and out, wall and task CPU seconds, per stage
    seconds_by_stage: dict[str, float] = {}


class Manifest(_Record):
    """manifest.json: the dataset's provenance, over every run that wrote it."""

    run_id: str
    started_at: str
    finished_at: str
    counts: DatasetCounts
    inputs: list[InputEntry]
    skipped_files: list[str] = []
    runs: list[RunRecord]
    versions: dict[str, str]
    config_hash: str
    config: dict[str, Any]
    dedup_canonical: str | None = None  # the canonical form dedup compared (also in config_hash)


def run_record(
    *,
    sequence: int,
    mode: str,
    run_id: str,
    started_at: str,
    finished_at: str,
    shards: list[ShardSummary],
    parts: dict[str, int],
    reasons: dict[str, int],
    chars_removed: dict[str, int],
    tokens: dict[str, int],
    stages: list[dict[str, Any]],
    config_hash: str,
) -> RunRecord:
    """What one run did, from its shards' summaries and the parts it wrote."""
    documents = sum(shard.documents for shard in shards)
    return RunRecord(
        sequence=sequence,
        mode=mode,
        run_id=run_id,
        started_at=started_at,
        finished_at=finished_at,
        config_hash=config_hash,
        pipeline_version=pipeline_version(),
        code_digest=code_digest(),
        counts=Counts(
            documents_read=documents,
            kept=parts["kept"],
            rejected=parts["rejected"],
            errors=parts["errors"],
            invariant_holds=documents == parts["kept"] + parts["rejected"] + parts["errors"],
            rejected_by_reason=reasons,
            languages=merge_counts([s.languages for s in shards]),
            scripts=merge_counts([s.scripts for s in shards]),
            flagged=merge_counts([s.flagged for s in shards]),
            pii=merge_counts([s.pii for s in shards]),
            chars_removed_by_stage=chars_removed,
            tokens=tokens,
            shards=len(shards),
            shards_resumed=sum(1 for s in shards if s.resumed),
        ),
        stages=[StageReport(**stage) for stage in stages],
        seconds_by_stage={stage["name"]: stage["seconds"] for stage in stages},
    )


def run_inputs(sequence: int, shards: list[ShardSummary]) -> list[InputEntry]:
    return [InputEntry(**item, run=sequence) for shard in shards for item in shard.inputs]


_TOTALS = ("documents_read", "kept", "rejected", "errors", "shards", "shards_resumed")
_MERGED = (
    "rejected_by_reason",
    "languages",
    "scripts",
    "flagged",
    "chars_removed_by_stage",
    "tokens",
    "pii",
)


def build_manifest(
    previous: Manifest | None,
    record: RunRecord,
    inputs: list[InputEntry],
    skipped: list[str],
    config: dict[str, Any],
    distributions: dict[str, Any],
) -> Manifest:
    """The dataset's manifest after `record`'s run: counts over every run that wrote the dataset
    (one run for a replace), all their inputs, and each run's own record; `distributions` is the
    run's tally, added to the dataset's."""
    runs = [*(previous.runs if previous else []), record]
    totals: dict[str, Any] = {name: sum(getattr(run.counts, name) for run in runs) for name in _TOTALS}
    merged = {name: merge_counts([getattr(run.counts, name) for run in runs]) for name in _MERGED}
    holds = all(run.counts.invariant_holds for run in runs) and totals["documents_read"] == (
        totals["kept"] + totals["rejected"] + totals["errors"]
    )
    return Manifest(
        run_id=record.run_id,
        started_at=record.started_at,
        finished_at=record.finished_at,
        counts=DatasetCounts(
            **totals,
            **merged,
            invariant_holds=holds,
            distributions=merge_distributions(
                previous.counts.distributions if previous else {}, distributions
            ),
        ),
        inputs=[*(previous.inputs if previous else []), *inputs],
        skipped_files=skipped,
        runs=runs,
        versions=versions(),
        config_hash=record.config_hash,
        config=config,
        dedup_canonical=canonical_recipe(config["dedup"]["canonical"]),
    )


def run_report(record: RunRecord) -> str:
    """Markdown for one run: counts per stage and per reason, languages, time per stage."""
    counts = record.counts
    stages = "\n".join(
        f"| {stage.name} | {_blank(stage.documents_in)} | {_blank(stage.documents_out)} | "
        f"{stage.seconds:.2f} | {stage.cpu_seconds:.2f} | {stage.tasks} | {stage.max_task_cpu_seconds:.2f} |"
        for stage in record.stages
    )
    shards = f"{counts.shards} ({counts.shards_resumed})"
    return f"""### Run {record.sequence} ({record.mode}) `{record.run_id}`

| documents read | kept | rejected | errors | shards (resumed) |
|---|---|---|---|---|
| {counts.documents_read} | {counts.kept} | {counts.rejected} | {counts.errors} | {shards} |

| rejected because | documents |
|---|---|
{_reasons_rows(counts)}

Languages: {_languages(counts)}. {_flagged(counts)}

| stage | documents in | kept after it | seconds | task CPU seconds | tasks | slowest task CPU seconds |
|---|---|---|---|---|---|---|
{stages}
"""


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def _schema_table(schema) -> str:
    return "\n".join(f"| `{field.name}` | `{field.type}` |" for field in schema)


def dataset_card(manifest: Manifest, name: str, plots: list[str]) -> str:
    """The card (OUT/README.md); `plots`: the files drawn into OUT/plots, shown in it."""
    counts = manifest.counts
    reasons, languages = _reasons_rows(counts), _languages(counts)
    return f"""{_front_matter(counts, name, manifest.run_id)}
# {name}

Cleaned, deduplicated text produced by refinery {manifest.versions["refinery"]}
(run `{manifest.run_id}`, configuration `{manifest.config_hash}`, finished {manifest.finished_at}).

## Counts
| documents read | kept | rejected | errors |
|---|---|---|---|
| {counts.documents_read} | {counts.kept} | {counts.rejected} | {counts.errors} |

Every document read is in exactly one of `data/`, `rejected/`, `errors/`
(invariant holds: {str(counts.invariant_holds).lower()}). Languages of processed documents: {languages}.
{_flagged(counts)}{_annotations(counts, manifest.config)}

| rejected because | documents |
|---|---|
{reasons}
{_plots(plots)}
## Runs
| run | mode | finished | read | kept | rejected | errors |
|---|---|---|---|---|---|---|
{_runs_table(manifest.runs)}

{run_report(manifest.runs[-1])}
## Layout
- `data/part-*.parquet`: kept documents (`part-RRRR-SSSSS`: run RRRR of this dataset, shard SSSSS)
- `rejected/part-*.parquet`: dropped documents with `reason`, `duplicate_of` and `similarity`
- `errors/part-*.parquet`: records that could not be read or processed, with `error`
- `manifest.json`: inputs with checksums, counts, every run, versions, the full configuration and its hash
- `.current/dedup-index/run-RRRR-SSSSS.parquet`: MinHash signatures of what each data part holds, so an append
  run rejects copies of documents already published (out of the way of globs over the dataset)

A part with no rows has no file: Hugging Face `datasets` cannot read an empty one.

## Load it
From the folder that holds `{name}/`:
```python
from datasets import load_dataset
kept = load_dataset("{name}", split="train")  # the default config: data/
rejected = load_dataset("{name}", "rejected", split="train")  # also "errors"
import pandas as pd; df = pd.read_parquet("{name}/data")
import polars as pl; df = pl.read_parquet("{name}/data/*.parquet")
import duckdb; duckdb.sql("select lang, count(*) from '{name}/data/*.parquet' group by lang")
```
Point pandas, polars and DuckDB at `data/` (or `rejected/`, `errors/`), not at `{name}/` itself:
the folder also holds this card and the manifest, which they would try to read as Parquet, and
the three parts have different columns.

## Schema of `data/`
| column | type |
|---|---|
{_schema_table(part_schema("data", classifier_names(manifest.config)))}

`rejected/` adds: `reason`, `duplicate_of`, `similarity`.
`errors/` has: {", ".join(f"`{n}`" for n in ERRORS_SCHEMA.names)}.
`steps` lists what each stage did to the document (`name`, `chars_removed`, `detail`, and `removed`:
the lines or paragraphs a line-level stage took out).
"""


_CONFIGS = (("default", "data", "kept"), ("rejected", "rejected", "rejected"), ("errors", "errors", "errors"))


def _front_matter(counts: Counts, name: str, run_id: str) -> str:
    """YAML front matter declaring the Hugging Face configs, so `load_dataset(OUT)` gives the kept
    documents and `load_dataset(OUT, "rejected")` the rejected ones. Only parts with rows are
    declared: `datasets` cannot load a split without files.

    `datasets` keys its cache of a local folder on the folder's name and these configs only (not
    on the files' paths or times), so each config names the run that made this version: without
    it, `load_dataset("exp2/out")` returned the rows of `exp1/out`, or of an earlier version."""
    lines = ["---", f"pretty_name: {json.dumps(name, ensure_ascii=False)}"]
    present = [(config, part) for config, part, count in _CONFIGS if getattr(counts, count)]
    if present:
        lines.append("configs:")
    for config, part in present:
        lines += [
            f"- config_name: {config}",
            "  data_files:",
            "  - split: train",
            f"    path: {part}/*.parquet",
            f"  description: {json.dumps(f'{config} documents of refinery run {run_id}')}",
        ]
        lines += ["  default: true"] if config == "default" else []
    return "\n".join([*lines, "---"])


def _reasons_rows(counts: Counts) -> str:
    rows = (f"| {reason} | {n} |" for reason, n in counts.rejected_by_reason.items())
    return "\n".join(rows) or "| (none) | 0 |"


def _flagged(counts: Counts) -> str:
    spun = counts.flagged.get("spun", 0)
    words = counts.flagged.get("flagged_words")
    holding = "" if words is None else f" Holding flagged words (flagged.builtin, flagged.lists): {words}."
    return f"Flagged spun (伪原创) when processed: {spun} (kept unless filter.reject_spun).{holding}"


def classifier_names(config: dict[str, Any]) -> tuple[str, ...]:
    """The quality classifiers of a configuration as a manifest records it."""
    return tuple(item["name"] for item in config.get("quality", {}).get("classifiers", ()))


def optional_stages(config: dict[str, Any]) -> list[str]:
    """The stages a configuration switched on besides the defaults, as a card and `inspect` list them."""
    section = config.get
    stages = []
    if section("pii", {}).get("mode", "off") != "off":
        stages.append(f"personal data ({section('pii')['mode']})")
    if section("flagged", {}).get("builtin") or section("flagged", {}).get("lists"):
        stages.append("flagged words")
    if section("filter", {}).get("url_blocklists") or section("filter", {}).get("url_words"):
        stages.append("URL blocklists")
    if section("decontaminate", {}).get("files"):
        files = ", ".join(Path(path).name for path in section("decontaminate")["files"])
        stages.append(f"decontamination ({files}; {section('decontaminate').get('action', 'drop')})")
    if section("filter", {}).get("fluency"):
        stages.append("fluency")
    names = classifier_names(config)
    if names:
        stages.append(f"quality classifiers ({', '.join(map(score_column, names))})")
    if section("tokens", {}).get("tokenizer"):
        stages.append("token counts")
    return stages


def _annotations(counts: Counts, config: dict[str, Any]) -> str:
    """What the optional stages found: tokens, personal data, benchmark contamination; which ran."""
    stages = optional_stages(config)
    ran = f"\nOptional stages that ran: {', '.join(stages)}." if stages else ""
    return ran + _tokens(counts, config) + _pii(counts, config) + _decontaminated(counts, config)


def _tokens(counts: Counts, config: dict[str, Any]) -> str:
    if not counts.tokens:
        return ""
    tokenizer = config.get("tokens", {}).get("tokenizer")
    kept, rejected = counts.tokens.get("kept", 0), counts.tokens.get("rejected", 0)
    return f"\nTokens (`tokens` column, tokenizer `{tokenizer}`): {kept:,} kept, {rejected:,} rejected."


def _pii(counts: Counts, config: dict[str, Any]) -> str:
    mode = config.get("pii", {}).get("mode", "off")
    if mode == "off":
        return ""
    found = ", ".join(f"{kind} {n:,}" for kind, n in counts.pii.items()) or "none"
    return f"\nPersonal data (`pii.mode = {mode}`; the `pii` column and step count it per document): {found}."


def _decontaminated(counts: Counts, config: dict[str, Any]) -> str:
    settings = config.get("decontaminate", {})
    if not settings.get("files"):
        return ""
    files = ", ".join(f"`{Path(path).name}`" for path in settings["files"])
    action = "rejected as contaminated" if settings.get("action") == "drop" else "kept, flagged"
    found = counts.flagged.get("contaminated", 0)
    return (
        f"\nDecontaminated against {files}: {found:,} documents share a passage with a benchmark item "
        f"({action}; the `contaminated_by` column and the `decontaminate` step name it)."
    )


def _plots(plots: list[str]) -> str:
    if not plots:
        return ""
    images = "\n".join(f"![{PLOT_TITLES[Path(name).stem]}](plots/{name})" for name in plots)
    return f"""
## Plots
Drawn by refinery from the counts in `manifest.json` (`refinery inspect OUT --plots DIR` draws them
again); kept against rejected documents, duplicates left out.

{images}
"""


def _languages(counts: Counts) -> str:
    return ", ".join(f"{lang}: {n}" for lang, n in counts.languages.items()) or "none"


def _runs_table(runs: list[RunRecord]) -> str:
    return "\n".join(
        f"| {r.sequence} | {r.mode} | {r.finished_at} | {r.counts.documents_read} | "
        f"{r.counts.kept} | {r.counts.rejected} | {r.counts.errors} |"
        for r in runs
    )


def dumps(manifest: Manifest) -> str:
    return json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def load_manifest(text: str) -> Manifest:
    """A manifest.json of this or an earlier version (0.3 on: their keys are a superset)."""
    return Manifest.model_validate_json(text)
