"""One record through every per-document stage: decode → extract → normalize → boilerplate →
language and script → unify → width/punctuation → quality signals. Pure: bytes and config in, a
Document out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from refinery.transforms.boilerplate import clean_lines, default_patterns
from refinery.transforms.canonical import load_canonical_tables
from refinery.transforms.config import Config
from refinery.transforms.decode import DecodeError, declared_charset, decode_bytes
from refinery.transforms.document import Document, RawRecord, Step
from refinery.transforms.extract import extract_html
from refinery.transforms.judge import judge, recorded, with_signals
from refinery.transforms.language import (
    detect_language,
    langdetect_factory,
    ngram_normalization,
    prose_and_counts,
)
from refinery.transforms.normalize import normalize_text
from refinery.transforms.quality import class_table
from refinery.transforms.script import dominant_script, han_tables, script_table
from refinery.transforms.spun import default_lexicon
from refinery.transforms.unify import (
    converter,
    mainland_variants,
    normalize_width_and_punctuation,
    regional_markers,
    unify_script,
)

_TITLE_MAX_CHARS = 64


class RecordError(ValueError):
    """A record that cannot be processed; it becomes an error row with this message."""


def load_resources(config: Config) -> None:
    """Load the tables every stage uses (patterns, OpenCC, langdetect profiles) once per process,
    so the first record of a shard is not charged for them (or timed out by them)."""
    default_patterns()
    script_table(han_tables())
    langdetect_factory(config.language.seed)
    ngram_normalization()
    default_lexicon()
    class_table()
    for name in ("t2s", "s2t", "tw2sp"):
        converter(name)
    mainland_variants(taiwan=True)
    regional_markers()
    load_canonical_tables()


def guess_title(text: str) -> str | None:
    """A short first line that does not end like a sentence is the title of a plain-text document."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and 0 < len(first) <= _TITLE_MAX_CHARS and first[-1] not in "。.!！?？;；,，:：…":
        return first
    return None


def process_record(record: RawRecord, config: Config) -> Document:
    """Run all per-document stages. Raises RecordError for records that are not readable text;
    returns a Document whose `reason` is set when a stage rejects it."""
    if len(record.data) > config.read.max_record_bytes:
        raise RecordError(f"record of {len(record.data)} bytes exceeds read.max_record_bytes")
    steps: list[Step] = []
    declared = declared_charset(record.data) if record.content_type == "html" else None
    try:
        decoded = decode_bytes(record.data, declared=declared)
    except DecodeError as error:
        raise RecordError(str(error)) from error
    steps.append(Step("decode", 0, decoded.encoding))

    title: str | None = None
    metadata: dict[str, Any] = dict(record.metadata)  # a record's own fields; the extractor's win
    source_url = record.source_url
    text = decoded.text
    page_type = "article"
    if record.content_type == "html":
        extracted = extract_html(text, config.extract, url=source_url)
        steps.append(Step("extract", len(text) - len(extracted.text), extracted.method))
        text, title, page_type = extracted.text, extracted.title, extracted.page_type
        source_url = source_url or extracted.url
        metadata |= {
            key: value
            for key, value in (
                ("author", extracted.author),
                ("date", extracted.date),
                ("sitename", extracted.sitename),
            )
            if value
        }

    text, step = normalize_text(text)
    steps.append(step)
    text, step = clean_lines(text, config.boilerplate, page_type=page_type)
    steps.append(recorded(step, config))
    if title is None:
        title = guess_title(text)

    prose, counts = prose_and_counts(text)
    script = dominant_script(counts)
    guess = detect_language(prose, counts, config.language.seed, config.language.short_text)
    steps.append(Step("language", 0, f"{guess.method}:{guess.lang}"))

    converted = None
    chinese = guess.lang == "zh"
    if chinese and config.script.target != "keep":
        target, region, phrases = config.script.target, config.script.region, config.script.regional_phrases
        text, converted, step = unify_script(text, target, region, phrases)
        steps.append(step)
        if title:  # the same conversion as its text, or its own when the text needed none
            title = unify_script(title, target, region, phrases, config=converted)[0]
    text, step = normalize_width_and_punctuation(text, chinese, config.script.punctuation)
    steps.append(step)
    if title:
        title, _ = normalize_width_and_punctuation(title, chinese, config.script.punctuation)

    document = Document(
        text=text,
        title=title,
        lang=guess.lang,
        lang_score=guess.score,
        lang_alternatives=guess.alternatives,
        lang_mixed=guess.mixed,
        lang_shares=guess.shares,
        script=script,
        converted=converted,
        source_url=source_url,
        steps=tuple(steps),
        metadata=metadata,
    )
    document = with_signals(document, config)
    return replace(document, reason=judge(document, config))
