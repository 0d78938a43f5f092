"""A Document and its dataset row, one conversion each way: the shard writes rows from Documents,
and the stages that revise staged rows (corpus lines, paragraph dedup) read them back."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, fields
from typing import Any

from .config import DedupConfig
from .dedup_keys import dedup_columns
from .document import Document, Step
from .quality import QualitySignals

SIGNAL_COLUMNS = tuple(field.name for field in fields(QualitySignals))


def step_row(step: Step) -> dict[str, Any]:
    return {
        "name": step.name,
        "chars_removed": step.chars_removed,
        "detail": step.detail,
        "removed": list(step.removed),
    }


def metadata_json(metadata: dict[str, Any]) -> str:
    """A record's other fields as strict JSON: NaN and infinities (pandas' missing values in a
    Parquet or CSV input) become null, which every JSON reader accepts; other values as text."""
    return json.dumps(_finite(metadata), ensure_ascii=False, sort_keys=True, default=str, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def document_columns(document: Document, dedup: DedupConfig) -> dict[str, Any]:
    """Every column a document decides: its text and what was found about it, its status and
    reason, and the dedup keys of its text."""
    kept = document.reason is None
    return {
        "source_url": document.source_url,
        "text": document.text,
        "title": document.title,
        "lang": document.lang,
        "lang_score": document.lang_score,
        "lang_alternatives": [{"lang": code, "score": score} for code, score in document.lang_alternatives],
        "lang_mixed": document.lang_mixed,
        "lang_shares": [{"lang": code, "share": share} for code, share in document.lang_shares],
        "script": document.script,
        "converted": document.converted,
        "steps": [step_row(step) for step in document.steps],
        "metadata": metadata_json(document.metadata),
        "pii": None if document.pii is None else [{"kind": k, "count": n} for k, n in document.pii],
        "contaminated_by": document.contaminated_by,
        "quality_scores": None
        if document.scores is None
        else [{"name": name, "score": score} for name, score in document.scores],
        **(asdict(document.quality) if document.quality else dict.fromkeys(SIGNAL_COLUMNS)),
        "reason": document.reason,
        "status": "kept" if kept else "rejected",
        **dedup_columns(document.text, dedup, kept=kept),
    }


def document_from_row(row: dict[str, Any]) -> Document:
    """The Document a kept or rejected row was written from (document_columns, read back)."""
    signals = {name: row[name] for name in SIGNAL_COLUMNS}
    return Document(
        text=row["text"],
        title=row["title"],
        lang=row["lang"],
        lang_score=row["lang_score"],
        lang_alternatives=tuple((item["lang"], item["score"]) for item in row["lang_alternatives"] or ()),
        lang_mixed=row["lang_mixed"],
        lang_shares=tuple((item["lang"], item["share"]) for item in row.get("lang_shares") or ()),
        script=row["script"],
        converted=row["converted"],
        source_url=row["source_url"],
        steps=tuple(Step(**{**step, "removed": tuple(step["removed"] or ())}) for step in row["steps"] or ()),
        metadata=json.loads(row["metadata"]) if row["metadata"] else {},
        quality=None if all(value is None for value in signals.values()) else QualitySignals(**signals),
        reason=row["reason"],
        pii=None if row.get("pii") is None else tuple((item["kind"], item["count"]) for item in row["pii"]),
        contaminated_by=row.get("contaminated_by"),
        scores=None
        if row.get("quality_scores") is None
        else tuple((item["name"], item["score"]) for item in row["quality_scores"]),
    )
