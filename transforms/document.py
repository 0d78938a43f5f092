"""The plain records that flow through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .quality import QualitySignals


@dataclass(frozen=True, slots=True)
class Step:
    """What one stage did to one document; kept in the `steps` column for provenance."""

    name: str
    chars_removed: int = 0
    detail: str = ""
    removed: tuple[str, ...] = ()  # the lines or paragraphs a line-level stage took out, in order


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as a reader found it: bytes plus where they came from."""

    id: str
    source_uri: str
    source_record: str | None
    content_type: str  # "text" or "html": how the pipeline reads `data`
    data: bytes
    source_url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # other fields of a JSONL/Parquet/WARC record


@dataclass(frozen=True, slots=True)
class Document:
    """A processed document; `reason` is set when a stage rejected it."""

    text: str
    title: str | None = None
    lang: str | None = None
    lang_score: float | None = None
    lang_alternatives: tuple[tuple[str, float], ...] = ()
    lang_mixed: bool = False
    lang_shares: tuple[tuple[str, float], ...] = ()  # each language's share of the prose, largest first
    script: str | None = None
    converted: str | None = None
    source_url: str | None = None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    metadata: dict[str, Any] = field(default_factory=dict)
    quality: QualitySignals | None = None
    reason: str | None = None
    pii: tuple[tuple[str, int], ...] | None = None  # personal values found, per kind; None: not looked for
    contaminated_by: str | None = None  # the benchmark item (file:id) it shares a passage with
    scores: tuple[tuple[str, float], ...] | None = None  # quality.classifiers' probabilities, by name
