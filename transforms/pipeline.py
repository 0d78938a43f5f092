"""One record through every per-document stage: decode → extract → normalize → boilerplate →
language and script → unify → width/punctuation → quality signals. Pure: bytes and config in, a
Document out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import import_module
from typing import Any

from .blocklist import blocked_by
from .boilerplate import clean_lines, default_patterns
from .canonical import load_canonical_tables
from .classifiers import load_model
from .config import Config
from .decode import DecodeError, declared_charset, decode_bytes
from .decontaminate import contamination
from .document import Document, RawRecord, Step
from .fluency import chinese_segmenter, log_frequencies
from .judge import judge, recorded, with_signals
from .language import (
    detect_language,
    ngram_normalization,
    profile_table,
    prose_and_counts,
)
from .normalize import normalize_text
from .pii import counts as pii_counts
from .pii import find_pii, redact
from .quality import class_table
from .script import dominant_script, han_tables, script_table
from .spun import default_lexicon
from .unify import (
    converter,
    mainland_variants,
    normalize_width_and_punctuation,
    regional_markers,
    unify_script,
)

_TITLE_MAX_CHARS = 64


class RecordError(ValueError):
    """A record that cannot be processed; it becomes an error row with this message."""


def load_resources(config: Config, pages: bool = True) -> None:
    """Load the tables every stage uses (patterns, OpenCC, langdetect profiles) once per process,
    so the first record of a shard is not charged for them (or timed out by them). With `pages`
    False (a process whose pages go to an isolation child) the extractors are not imported."""
    if pages:
        import_module(f"{__package__}.extract")  # trafilatura, readability, resiliparse: 0.3 s
    default_patterns()
    script_table(han_tables())
    profile_table(config.language.seed)  # and its factory
    ngram_normalization()
    default_lexicon()
    class_table()
    for name in ("t2s", "s2t", "tw2sp"):
        converter(name)
    mainland_variants(taiwan=True)
    regional_markers()
    load_canonical_tables()
    config.flagged.words()
    config.filter.url_blocklist()
    config.decontaminate.index()
    for classifier in config.quality.classifiers:
        load_model(classifier.path)
    if config.filter.fluency:
        log_frequencies("zh")
        chinese_segmenter()


def guess_title(text: str) -> str | None:
    """A short first line that does not end like a sentence is the title of a plain-text document."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and 0 < len(first) <= _TITLE_MAX_CHARS and first[-1] not in "。.!！?？;；,，:：…":
        return first
    return None


@dataclass(frozen=True, slots=True)
class Draft:
    """A document on its way through the stages, with the record it came from and what extraction
    found the page to be (boilerplate rules depend on it)."""

    record: RawRecord
    document: Document
    page_type: str = "article"

    def changed(self, step: Step, **changes: Any) -> Draft:
        """The draft with `changes` to its document and `step` recorded."""
        steps = (*self.document.steps, step)
        return replace(self, document=replace(self.document, steps=steps, **changes))


def decode(draft: Draft, config: Config) -> Draft:
    """Bytes to text: UTF-8, GB18030 or Big5, declared or detected."""
    record = draft.record
    declared = declared_charset(record.data) if record.content_type == "html" else None
    try:
        decoded = decode_bytes(record.data, declared=declared)
    except DecodeError as error:
        raise RecordError(str(error)) from error
    return draft.changed(Step("decode", 0, decoded.encoding), text=decoded.text)


def extract(draft: Draft, config: Config) -> Draft:
    """HTML: the main text, title and page type by the extraction ensemble; the extractor's metadata
    wins over the record's own fields."""
    if draft.record.content_type != "html":
        return draft
    from .extract import extract_html, too_deep  # imported with the first page (load_resources)

    document = draft.document
    extracted = extract_html(document.text, config.extract, url=document.source_url)
    if not extracted.text.strip() and too_deep(document.text):  # an error row keeps its provenance
        raise RecordError("HTML nested too deeply for any extractor to read it")
    found = {"author": extracted.author, "date": extracted.date, "sitename": extracted.sitename}
    draft = draft.changed(
        Step("extract", len(document.text) - len(extracted.text), extracted.method),
        text=extracted.text,
        title=extracted.title,
        source_url=document.source_url or extracted.url,
        metadata=document.metadata | {key: value for key, value in found.items() if value},
    )
    return replace(draft, page_type=extracted.page_type)


def normalize(draft: Draft, config: Config) -> Draft:
    text, step = normalize_text(draft.document.text)
    return draft.changed(step, text=text)


def strip_boilerplate(draft: Draft, config: Config) -> Draft:
    """The line cleaner; a plain-text document's title is its first line when that reads like one."""
    text, step = clean_lines(draft.document.text, config.boilerplate, page_type=draft.page_type)
    title = draft.document.title
    title = guess_title(text) if title is None else title
    return draft.changed(recorded(step, config), text=text, title=title)


def detect(draft: Draft, config: Config) -> Draft:
    """Language per segment, and the dominant script."""
    prose, counts = prose_and_counts(draft.document.text)
    guess = detect_language(prose, counts, config.language.seed, config.language.short_text)
    return draft.changed(
        Step("language", 0, f"{guess.method}:{guess.lang}"),
        lang=guess.lang,
        lang_score=guess.score,
        lang_alternatives=guess.alternatives,
        lang_mixed=guess.mixed,
        lang_shares=guess.shares,
        script=dominant_script(counts),
    )


def unify(draft: Draft, config: Config) -> Draft:
    """Chinese text and its title to `script.target`, paragraph by paragraph."""
    document, script = draft.document, config.script
    if document.lang != "zh" or script.target == "keep":
        return draft
    settings = script.target, script.region, script.regional_phrases
    text, converted, step = unify_script(document.text, *settings)
    title = document.title
    if title:  # the same conversion as its text, or its own when the text needed none
        title = unify_script(title, *settings, config=converted)[0]
    return draft.changed(step, text=text, title=title, converted=converted)


def width_and_punctuation(draft: Draft, config: Config) -> Draft:
    document = draft.document
    chinese = document.lang == "zh"
    text, step = normalize_width_and_punctuation(document.text, chinese, config.script.punctuation)
    title = document.title
    if title:
        title, _ = normalize_width_and_punctuation(title, chinese, config.script.punctuation)
    return draft.changed(step, text=text, title=title)


def personal_data(draft: Draft, config: Config) -> Draft:
    """Personal data counted per kind (annotate) or replaced by tokens (redact); after the width
    folding, so full-width digits are found as digits."""
    settings, document = config.pii, draft.document
    if settings.mode == "off":
        return draft
    in_text = find_pii(document.text, settings.kinds)
    in_title = find_pii(document.title, settings.kinds) if document.title else []
    found = pii_counts(in_text + in_title)
    if not found:
        return replace(draft, document=replace(document, pii=()))
    listed = ", ".join(f"{kind} {n}" for kind, n in found.items())
    if settings.mode == "annotate":
        return draft.changed(Step("pii", 0, f"found {listed}"), pii=tuple(found.items()))
    tokens = settings.replacement_tokens()
    return draft.changed(
        Step("pii", sum(match.end - match.start for match in in_text), f"redacted {listed}"),
        text=redact(document.text, in_text, tokens),
        title=redact(document.title, in_title, tokens) if in_title else document.title,
        pii=tuple(found.items()),
    )


def decontaminate(draft: Draft, config: Config) -> Draft:
    """Benchmark items the text shares a passage with (decontaminate.files): the step names the one
    it shares most; judge rejects the document when decontaminate.action is drop."""
    index = config.decontaminate.index()
    found = contamination(draft.document.text, index) if index is not None else None
    if found is None:
        return draft
    item, windows = found
    return draft.changed(Step("decontaminate", 0, f"{item} ({windows} windows)"), contaminated_by=item)


# The per-document stages, in order; each records its Step. Quality signals and the judgment
# follow (transforms/judge.py).
STAGES: tuple[Callable[[Draft, Config], Draft], ...] = (
    decode,
    extract,
    normalize,
    strip_boilerplate,
    detect,
    unify,
    width_and_punctuation,
    personal_data,
    decontaminate,
)


def process_record(record: RawRecord, config: Config) -> Document:
    """Run all per-document stages. Raises RecordError for records that are not readable text;
    returns a Document whose `reason` is set when a stage rejects it."""
    if len(record.data) > config.read.max_record_bytes:
        raise RecordError(f"record of {len(record.data)} bytes exceeds read.max_record_bytes")
    draft = Draft(record, Document(text="", source_url=record.source_url, metadata=dict(record.metadata)))
    for stage in STAGES:
        draft = stage(draft, config)
    document = with_signals(draft.document, config)
    reason = judge(document, config)
    if reason == "blocklisted_url":  # the step names the list and the entry
        entry = blocked_by(document.source_url, config.filter.url_blocklist())
        document = replace(document, steps=(*document.steps, Step("url_blocklist", 0, entry or "")))
    return replace(document, reason=reason)
