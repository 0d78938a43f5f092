"""The one typed configuration that drives a run; its hash goes into every row's provenance."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .blocklist import UrlBlocklist, url_blocklist
from .canonical import recipe as canonical_recipe
from .decontaminate import BenchmarkIndex, benchmark_index
from .flagged import FlaggedWords, flagged_words
from .pii import DEFAULT_REPLACEMENTS as PII_REPLACEMENTS
from .pii import KINDS as PII_KINDS
from .presets import PRESETS
from .quality import LIMITED_SIGNALS


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReadConfig(_Section):
    # A whole-file format may be gzip- or zstd-compressed (.html.gz, .txt.zst): read decompressed.
    text_extensions: tuple[str, ...] = (".txt", ".text", ".md", ".txt.gz", ".txt.zst", ".md.gz", ".md.zst")
    html_extensions: tuple[str, ...] = (
        ".html",
        ".htm",
        ".xhtml",
        ".html.gz",
        ".htm.gz",
        ".html.zst",
        ".htm.zst",
    )
    jsonl_extensions: tuple[str, ...] = (
        ".jsonl",
        ".ndjson",
        ".jsonl.gz",
        ".ndjson.gz",
        ".jsonl.zst",
        ".ndjson.zst",
    )
    parquet_extensions: tuple[str, ...] = (".parquet",)
    csv_extensions: tuple[str, ...] = (".csv", ".tsv", ".csv.gz", ".tsv.gz", ".csv.zst", ".tsv.zst")
    warc_extensions: tuple[str, ...] = (".warc", ".warc.gz", ".arc", ".arc.gz")
    text_field: str = Field(
        default="text",
        min_length=1,
        description="JSONL field / Parquet or CSV column holding the document; several, comma-separated "
        "('content,body,text'): the first a record has, so files naming it differently mix in one run.",
    )
    url_field: str | None = Field(
        default="url", description="JSONL field / Parquet or CSV column with the page's URL (source_url)."
    )
    record_format: Literal["auto", "text", "html"] = Field(
        default="auto",
        description="What the text field of JSONL, Parquet and CSV records holds; auto: a page (a "
        "doctype, <html> or <body> at its start, or five or more block tags in its first 8 KB) is read "
        "as HTML, anything else as text, record by record.",
    )
    max_record_bytes: int = Field(
        default=64 * 1024 * 1024,
        gt=0,
        le=1024**3,  # a record is held in memory, several times over while it is processed
        description="Records larger than this become error rows (at most 1 GiB).",
    )

    @field_validator("text_field")
    @classmethod
    def _names_every_field(cls, value: str) -> str:
        if not all(name.strip() for name in value.split(",")):
            raise ValueError(
                f"{value!r} names an empty field: give names separated by commas, e.g. content,text"
            )
        return value

    @cached_property  # asked for every record read
    def text_fields(self) -> tuple[str, ...]:
        """The text field's names, in the order they are tried."""
        return tuple(name.strip() for name in self.text_field.split(","))

    def text_key(self, names: Any) -> str | None:
        """The first text field among a record's `names` (a dict's keys or a table's columns)."""
        return next((name for name in self.text_fields if name in names), None)

    def text_fields_named(self) -> str:
        """'text', or 'content', 'body' or 'text': for messages."""
        quoted = [repr(name) for name in self.text_fields]
        return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class ExtractConfig(_Section):
    engine: Literal["ensemble", "trafilatura", "density"] = Field(
        default="ensemble",
        description="ensemble: trafilatura, readability and resiliparse, publishing the text they agree on "
        "most; trafilatura alone; or density alone (about 10x faster, title only). "
        "bench/eval_boilerplate.py compares them.",
    )
    metadata: Literal["declared", "search"] = Field(
        default="declared",
        description="Title, author, date and site name: declared reads what the page declares (meta tags, "
        "JSON-LD, its one <h1> or <title>, <time>; about 1 ms); search is trafilatura's own search, which "
        "also finds bylines and dates in the text (authors on 30 % and dates on 45 % more of the labelled "
        "pages) for about 13 ms more a page (bench/eval_metadata.py).",
    )
    favor: Literal["balanced", "precision", "recall"] = "balanced"
    max_pruned_share: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="Ensemble: lines readability leaves out that are not prose are removed from the chosen "
        "text, unless they are more than this share of it (then they are probably content).",
    )
    max_agreed_pruned_share: float = Field(
        default=0.6,
        ge=0,
        le=1,
        description="The same when the text the extractors agreed on would drop more than max_pruned_share "
        "of trafilatura's: it only votes, and trafilatura's non-prose lines it lacks go up to this share.",
    )
    timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        le=86400,
        allow_inf_nan=False,
        description="A record whose processing takes longer becomes an error row (at most a day).",
    )
    isolate: bool = Field(
        default=True,
        description="Process HTML in a child process, so a crash or hang costs one record, not the shard.",
    )
    include_tables: bool = True
    include_comments: bool = False


class BoilerplateConfig(_Section):
    enabled: bool = True
    watermark_min_lines: int = Field(default=3, ge=2, description="Lines a glued token must end to count.")
    watermark_min_share: float = Field(
        default=0.3, gt=0, le=1, description="Share of long lines a glued token must end."
    )
    tail_min_lines: int = Field(default=3, ge=1, description="Short lines that make a removable tail block.")
    drop_repeated_lines: bool = True
    max_block_share: float = Field(
        default=0.3,
        gt=0,
        le=1,
        description="A structural rule (comment section, tail, trailing block) removes at most this share "
        "of a document's characters; a larger block is kept.",
    )
    max_marked_block_share: float = Field(
        default=0.6,
        gt=0,
        le=1,
        description="The same for a block with corroborating markers: a tail after a share/related line, "
        "a comment section with several who/when lines.",
    )
    min_kept_share: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="When line rules would leave less than this share of a document with prose, the "
        "document is kept whole (watermarks stripped) and the step says why.",
    )
    corpus_line_min_docs: int = Field(
        default=10,
        ge=0,
        description="A line in this many different documents of the run is boilerplate (0: off).",
    )
    corpus_line_max_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Frequent lines are removed only from documents where they are less than this share of "
        "the characters (otherwise the documents are copies: dedup's business, not boilerplate).",
    )
    record_removed: bool = Field(
        default=True,
        description="Steps list the lines they removed (boilerplate, corpus_lines, paragraph_dedup), so "
        "nothing cleaned away is lost; false keeps only the counts (about 5-20 % smaller data).",
    )


class LanguageConfig(_Section):
    seed: int = 0
    short_text: Literal["lingua", "langdetect"] = Field(
        default="lingua",
        description="Detector for alphabetic text under 50 characters (queries, tags, one-liners): lingua "
        "(right far more often; ~5 s and ~0.75 GB per worker the first time) or langdetect alone.",
    )
    keep: tuple[str, ...] = Field(default=(), description="ISO 639-1 codes to keep; empty keeps all.")
    min_score: float = Field(default=0.0, ge=0, le=1)

    @field_validator("keep")
    @classmethod
    def _known_codes(cls, keep: tuple[str, ...]) -> tuple[str, ...]:
        """A code no detector gives (`chinese`, `zz`) would silently reject every document."""
        if not keep:
            return keep
        from .language import known_languages  # the detectors' tables: only when codes are given

        unknown = [code for code in keep if code not in known_languages()]
        if unknown:
            raise ValueError(
                f"unknown language code(s) {', '.join(map(repr, unknown))}: use ISO 639-1 codes such as "
                f"zh, en, ja ({len(known_languages())} known)"
            )
        return keep


class ScriptConfig(_Section):
    target: Literal["hans", "hant", "keep"] = "hans"
    region: Literal["auto", "tw", "hk", "none"] = Field(
        default="auto",
        description="Regional conventions of Traditional text: auto-detected from Taiwan/Hong Kong usage, "
        "fixed, or none (plain t2s/s2t).",
    )
    regional_phrases: bool = Field(
        default=False, description="Also convert regional vocabulary (tw2sp: 晶片→芯片, 軟體→软件)."
    )
    punctuation: Literal["cjk", "keep"] = "cjk"


class DedupConfig(_Section):
    exact: bool = True
    near: bool = Field(default=True, description="MinHash LSH near-duplicate detection.")
    threshold: float = Field(
        default=0.8, gt=0, le=1, description="Estimated Jaccard that makes two documents copies."
    )
    num_perm: int = Field(default=128, ge=16, le=1024, description="MinHash permutations (signature length).")
    bands: int = Field(default=16, ge=1, description="LSH bands; num_perm must divide into them.")
    cjk_shingle: int = Field(
        default=5, ge=1, description="Characters per shingle for Chinese/Japanese/Korean text."
    )
    word_shingle: int = Field(default=3, ge=1, description="Words per shingle for space-delimited text.")
    keep: Literal["central", "longest", "first"] = Field(
        default="central",
        description="Which copies stay. Always: every dropped document is a near copy of one that stays, "
        "and no two that stay are near copies. central: the copy the others resemble most (ties: "
        "longest); longest: as few as possible, the longest among equal choices; first: as few as "
        "possible, the first in input order among equal choices.",
    )
    seed: int = 42
    canonical: Literal["zh", "plain"] = Field(
        default="zh",
        description="What dedup compares. zh: every copy folded to Simplified characters and mainland "
        "wording (資料/数据, 程式/程序), full-width and case folded, spacing and punctuation dropped, "
        "whatever script the run publishes; plain: the same without the script folding.",
    )
    paragraphs: bool = Field(
        default=False,
        description="Also remove, from kept documents, paragraphs an earlier published document already has "
        "(a document rejected after losing paragraphs publishes none, so a later copy keeps them).",
    )
    index: str | None = Field(
        default=None,
        description="A dedup index directory shared by runs: documents another dataset in it already "
        "published are rejected as duplicates of those.",
    )

    @model_validator(mode="after")
    def _bands_divide_permutations(self) -> DedupConfig:
        if self.num_perm % self.bands:
            raise ValueError(f"num_perm ({self.num_perm}) must be a multiple of bands ({self.bands})")
        return self


QUALITY_LIMITS = frozenset(f"{bound}_{name}" for bound in ("min", "max") for name in LIMITED_SIGNALS)
CLASSIFIER_NAME = r"^[a-z][a-z0-9_]*$"
# A classifier's score (quality.classifiers) is limited like a signal: min_quality_<name>
CLASSIFIER_LIMIT = re.compile(r"^(min|max)_quality_([a-z][a-z0-9_]*)$")


class FilterConfig(_Section):
    """What the quality policy allows: limits and switches only. The decision is judge.quality_reason."""

    preset: Literal["none", "gopher", "c4", "fineweb", "zh", "fineweb2-zh"] = Field(
        default="none",
        description="Quality limits from a published recipe (see `refinery config --preset NAME`); "
        "thresholds and languages below override its limits.",
    )
    min_chars: int = Field(
        default=1,
        ge=0,
        description="Documents shorter than this are rejected as too_short (nothing left: empty).",
    )
    spun_threshold: float = Field(
        default=0.5, gt=0, lt=1, description="spun_score from which a Chinese document is flagged `spun`."
    )
    reject_spun: bool = Field(default=False, description="Reject documents flagged `spun` (quality:spun).")
    fluency: bool = Field(
        default=False,
        description="Compute the fluency signal: the log10 probability of the words in wordfreq's lists, per "
        "character for Chinese (segmented by jieba-rs with wordfreq's dictionary), per word elsewhere; null "
        "for Japanese, Korean, Thai. Chinese prose is near -2.3, shuffled sentences below -3.4: e.g. "
        "languages.zh.min_fluency = -3.1. Off by default: it adds about a fifth to a document's time "
        "(bench/eval_fluency.py).",
    )
    thresholds: dict[str, float] = Field(
        default_factory=dict,
        description="Quality limits for every language, e.g. max_dup_line_share = 0.3 or "
        "min_sentence_end_share = 0.2: min_/max_ and a signal column. A document outside one is rejected "
        "with reason quality:<signal>. None by default.",
    )
    languages: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="Limits for one language (a langdetect code, e.g. zh, en), over `thresholds`.",
    )
    url_blocklists: tuple[str, ...] = Field(
        default=(),
        description="Files of domains, one per line (UT1's or OISD's domain lists): a document whose URL is "
        "on one, or on a subdomain of one, is rejected as blocklisted_url.",
    )
    url_words: tuple[str, ...] = Field(
        default=(),
        description="Files of words, one per line: a document whose URL contains one is rejected as "
        "blocklisted_url.",
    )

    def url_blocklist(self) -> UrlBlocklist | None:
        """The URL lists, loaded once per process; None when none is set."""
        if not self.url_blocklists and not self.url_words:
            return None
        return url_blocklist(self.url_blocklists, self.url_words)

    @model_validator(mode="after")
    def _known_limits(self) -> FilterConfig:
        for where, limits in [("thresholds", self.thresholds)] + [
            (f"languages.{lang}", limits) for lang, limits in self.languages.items()
        ]:
            unknown = sorted(key for key in set(limits) - QUALITY_LIMITS if not CLASSIFIER_LIMIT.match(key))
            if unknown:
                raise ValueError(
                    f"filter.{where}: unknown limit {', '.join(unknown)}; "
                    f"known: {', '.join(sorted(QUALITY_LIMITS))}, min_quality_<classifier>"
                )
        return self

    def classifier_limits(self) -> set[str]:
        """The classifier names the limits name (min_quality_<name>)."""
        limits = [self.thresholds, PRESETS[self.preset].limits if self.preset != "none" else {}]
        limits += list(self.languages.values())
        return {match[2] for each in limits for key in each if (match := CLASSIFIER_LIMIT.match(key))}

    def limits_for(self, lang: str | None) -> dict[str, float]:
        """The limits set for documents of language `lang`: the preset's, then `thresholds`, then the
        language's own, each over the one before (judge.quality_reason applies them)."""
        preset = PRESETS[self.preset].limits if self.preset != "none" else {}
        return {**preset, **self.thresholds, **self.languages.get(lang or "", {})}


class RunConfig(_Section):
    mode: Literal["replace", "append"] = Field(
        default="replace",
        description="replace: the dataset is rebuilt from the inputs (a no-op when neither they nor the "
        "configuration changed). append: only inputs the dataset has not seen are processed, deduplicated "
        "against what it already holds, and added as new parts; published parts are never rewritten.",
    )
    force: bool = Field(
        default=False,
        description="replace: rebuild even when the dataset is up to date (e.g. to retry records that "
        "failed with a time-out).",
    )
    shard_docs: int = Field(
        default=2000, gt=0, le=10_000_000, description="Documents per shard (one Prefect task each)."
    )
    shard_bytes: int = Field(
        default=64 * 1024 * 1024, gt=0, le=16 * 1024**3, description="Input bytes per shard at most."
    )
    workers: int = Field(
        default=0, ge=0, le=1024, description="Worker processes; 0 means one per CPU core (at most 1024)."
    )
    runner: Literal["process", "dask"] = Field(
        default="process",
        description="Where shard tasks run: a local process pool, or Dask (a LocalCluster of `workers` "
        "processes on 127.0.0.1, or the scheduler at dask_address).",
    )
    dask_address: str | None = Field(
        default=None, description="An existing Dask scheduler, e.g. tcp://host:8786."
    )
    dedup_band_groups: int = Field(
        default=0,
        ge=0,
        description="Tasks the near-dup candidate search is split into, each over a group of LSH bands "
        "(0: one per 250,000 documents). Results do not depend on it.",
    )
    plots: bool = Field(
        default=True,
        description="Draw the dataset's plots into OUT/plots (SVG, shown in the card; about a second a run). "
        "`refinery inspect OUT --plots DIR` draws them at any time.",
    )


class PIIConfig(_Section):
    mode: Literal["off", "annotate", "redact"] = Field(
        default="off",
        description="Personal data (transforms/pii.py): annotate counts it per kind in a `pii` step (never "
        "the values); redact also replaces each value by its kind's token.",
    )
    kinds: tuple[str, ...] = Field(
        default=tuple(PII_KINDS), description=f"Kinds looked for: {', '.join(PII_KINDS)}."
    )
    replacements: dict[str, str] = Field(
        default_factory=dict,
        description='Tokens over the defaults, per kind, e.g. { email = "email@example.com" }; defaults: '
        + ", ".join(f"{kind} {token}" for kind, token in PII_REPLACEMENTS.items()),
    )

    @model_validator(mode="after")
    def _known_kinds(self) -> PIIConfig:
        unknown = sorted((set(self.kinds) | set(self.replacements)) - set(PII_KINDS))
        if unknown:
            raise ValueError(f"pii: unknown kind {', '.join(unknown)}; known: {', '.join(PII_KINDS)}")
        return self

    def replacement_tokens(self) -> dict[str, str]:
        return {**PII_REPLACEMENTS, **self.replacements}


class FlaggedConfig(_Section):
    builtin: bool = Field(
        default=False,
        description="Count the words of refinery's small list of Chinese spam (gambling, adult services, "
        "fake documents; transforms/data/flagged_zh.txt) in the flagged_share and flagged_line_share "
        "signals.",
    )
    lists: tuple[str, ...] = Field(
        default=(),
        description="Word lists of your own, one term per line (# comments), counted the same way; matched "
        "on the canonical form, so Traditional, full-width and spaced-out spellings count. Filter with "
        "filter.thresholds, e.g. max_flagged_line_share = 0.5.",
    )

    def words(self) -> FlaggedWords | None:
        """The lists' words, loaded once per process; None when no list is set."""
        return flagged_words(self.builtin, self.lists) if self.builtin or self.lists else None


class TokensConfig(_Section):
    tokenizer: str | None = Field(
        default=None,
        description="A Hugging Face tokenizer file (`tokenizer.json`, as in a model's folder): the `tokens` "
        "column counts each document's tokens and the card gives the totals. None: not counted (null). "
        "tiktoken is not offered: its encodings are downloaded at run time.",
    )


class Classifier(_Section):
    name: str = Field(pattern=CLASSIFIER_NAME, description="Names the column: quality_<name>.")
    path: str = Field(description="A fastText model file (.bin or .ftz).")
    label: str = Field(
        default="positive",
        description="The label whose probability is the score (__label__ may be left out); "
        "`refinery train-classifier` models: positive.",
    )
    tokenize: Literal["chars", "words", "none"] = Field(
        default="chars",
        description="How text is cut for the model, as at its training: chars (each CJK character a token; "
        "train-classifier's), words (Jieba), none (as it is, on one line).",
    )


class QualityConfig(_Section):
    classifiers: tuple[Classifier, ...] = Field(
        default=(),
        description="fastText models scoring the cleaned text: a quality_<name> column each (the "
        "probability of `label`), limited like a signal: filter.thresholds.min_quality_<name> = 0.5. "
        'E.g. classifiers = [{ name = "edu", path = "edu.bin", label = "positive" }]. Train one with '
        "`refinery train-classifier`.",
    )

    @model_validator(mode="after")
    def _unique_names(self) -> QualityConfig:
        names = [classifier.name for classifier in self.classifiers]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"quality.classifiers: the name {', '.join(repeated)} is given twice")
        return self

    def names(self) -> tuple[str, ...]:
        return tuple(classifier.name for classifier in self.classifiers)


class DecontaminateConfig(_Section):
    files: tuple[str, ...] = Field(
        default=(),
        description="Benchmark files (JSONL or Parquet, any field names): a document sharing 13 words or 20 "
        "CJK characters in a row with an item (script, width, case and punctuation folded) is "
        "contaminated; the `decontaminate` step names the file and item, the contaminated_by column too.",
    )
    fields: tuple[str, ...] = Field(
        default=(),
        description="The item fields to compare (e.g. question, choices); none: every string in the item.",
    )
    id_field: str | None = Field(
        default=None,
        description="The field naming an item; none: its first field named like an id (id, idx, uid, qid, "
        "no, index, or ending in _id or Id), else its number in the file (#N).",
    )
    action: Literal["drop", "flag"] = Field(
        default="drop",
        description="drop: reject a contaminated document (reason contaminated); flag: keep it, marked.",
    )

    def index(self) -> BenchmarkIndex | None:
        """The items' windows, built once per process; None when no file is set."""
        return benchmark_index(self.files, self.fields, self.id_field) if self.files else None


# Extraction settings that decide how a record is run, not what comes out of it.
EXECUTION_ONLY = ("timeout_seconds", "isolate")


class Config(_Section):
    read: ReadConfig = ReadConfig()
    extract: ExtractConfig = ExtractConfig()
    boilerplate: BoilerplateConfig = BoilerplateConfig()
    language: LanguageConfig = LanguageConfig()
    script: ScriptConfig = ScriptConfig()
    dedup: DedupConfig = DedupConfig()
    filter: FilterConfig = FilterConfig()
    pii: PIIConfig = PIIConfig()
    flagged: FlaggedConfig = FlaggedConfig()
    tokens: TokensConfig = TokensConfig()
    decontaminate: DecontaminateConfig = DecontaminateConfig()
    quality: QualityConfig = QualityConfig()
    run: RunConfig = RunConfig()

    @model_validator(mode="before")
    @classmethod
    def _preset_settings(cls, data: Any) -> Any:
        """The preset's settings (personal data, flagged words, ...) under the keys the data leaves out."""
        if not isinstance(data, dict) or not isinstance(data.get("filter"), dict):
            return data
        preset = PRESETS.get(data["filter"].get("preset", "none"))
        if preset is None or not preset.settings:
            return data
        data = dict(data)
        for section, values in preset.settings.items():
            given = data.get(section) or {}
            if isinstance(given, dict):
                data[section] = {**values, **given}
        return data

    @model_validator(mode="after")
    def _limits_name_classifiers(self) -> Config:
        unknown = sorted(self.filter.classifier_limits() - set(self.quality.names()))
        if unknown:
            raise ValueError(
                f"filter: a limit names the classifier {', '.join(unknown)}, which quality.classifiers lacks"
            )
        return self

    @classmethod
    def from_toml(cls, text: str) -> Config:
        """Parse TOML text; raises tomllib.TOMLDecodeError or pydantic.ValidationError."""
        return cls.model_validate(tomllib.loads(text))

    def with_overrides(self, sections: dict[str, dict[str, object]]) -> Config:
        """A validated copy with some keys of some sections replaced (command-line options). Only the
        keys this configuration set itself are carried, so a preset named here brings its settings
        under the others (_preset_settings), as it does from a file."""
        data = self.model_dump(exclude_unset=True)
        for section, values in sections.items():
            data[section] = {**data.get(section, {}), **values}
        return Config.model_validate(data)

    def canonical_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)

    def content_hash(self) -> str:
        """Hash of everything that shapes the data (defaults included). `run`, the extraction time-out
        and isolation only tune execution: changing them keeps staged shards."""
        shaping = self.model_dump(mode="json", exclude={"run": True, "extract": set(EXECUTION_ONLY)})
        shaping["dedup"]["canonical"] = canonical_recipe(self.dedup.canonical)  # its table's digest too
        return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:16]
