"""Every per-document decision in one place: `judge` says why a document is rejected (or None), and
`revise` changes a document's text with a recorded step and judges it again.

The pipeline, corpus-line removal and paragraph dedup all go through these two, so a document cut
short by any of them meets the same limits (min_chars, languages, quality) as one that came out of
the pipeline that short. A check is a small function of the document and the configuration; adding
a filter is adding one entry to CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .blocklist import blocked_by
from .classifiers import load_model, model_input, probability, score_column
from .code import prose_of
from .config import Config, FilterConfig
from .document import Document, Step
from .flagged import flagged_shares
from .fluency import fluency
from .quality import BOILERPLATE_STEPS, LIMITED_SIGNALS, QualitySignals, quality_signals

Check = Callable[[Document, Config], str | None]


def blocklisted_url(document: Document, config: Config) -> str | None:
    lists = config.filter.url_blocklist()
    return "blocklisted_url" if lists is not None and blocked_by(document.source_url, lists) else None


def contaminated(document: Document, config: Config) -> str | None:
    """Set by the pipeline's decontaminate stage on the text as published: a line removed later does
    not clear it, since the page did hold the passage."""
    drop = document.contaminated_by is not None and config.decontaminate.action == "drop"
    return "contaminated" if drop else None


def too_short(document: Document, config: Config) -> str | None:
    """`empty` when nothing is left, `too_short` when something is but fewer than filter.min_chars
    characters: a user tuning min_chars must see what it costs apart from blank pages."""
    length = len(document.text.strip())
    if not length:
        return "empty"
    return "too_short" if length < config.filter.min_chars else None


def unwanted_language(document: Document, config: Config) -> str | None:
    keep = config.language.keep
    return f"language:{document.lang}" if keep and document.lang not in keep else None


def unsure_language(document: Document, config: Config) -> str | None:
    return "language_score" if (document.lang_score or 0.0) < config.language.min_score else None


def quality_reason(
    signals: QualitySignals,
    policy: FilterConfig,
    lang: str | None,
    scores: tuple[tuple[str, float], ...] | None = None,
) -> str | None:
    """The quality policy: `quality:spun` for a spun document when the policy rejects those, else the
    first signal (in QualitySignals order, then the classifiers' scores as quality_<name>) outside
    the limits set for the language, as `quality:<signal>`; None when the document passes.
    Configuration holds the limits, this decides."""
    if policy.reject_spun and signals.spun:
        return "quality:spun"
    limits = policy.limits_for(lang)
    values = [(name, getattr(signals, name)) for name in LIMITED_SIGNALS]
    for name, value in values + [(score_column(name), score) for name, score in scores or ()]:
        if value is None:
            continue
        low, high = limits.get(f"min_{name}"), limits.get(f"max_{name}")
        if (low is not None and value < low) or (high is not None and value > high):
            return f"quality:{name}"
    return None


def outside_quality_limits(document: Document, config: Config) -> str | None:
    assert document.quality is not None, "judged before with_signals"  # the pipeline and revise set it
    return quality_reason(document.quality, config.filter, document.lang, document.scores)


CHECKS: tuple[tuple[str, Check], ...] = (
    ("url", blocklisted_url),
    ("contamination", contaminated),
    ("length", too_short),
    ("language", unwanted_language),
    ("language_score", unsure_language),
    ("quality", outside_quality_limits),
)


def judge(document: Document, config: Config) -> str | None:
    """The reason of the first check the document fails, in CHECKS order; None when it passes all."""
    for _, check in CHECKS:
        reason = check(document, config)
        if reason:
            return reason
    return None


def with_signals(document: Document, config: Config) -> Document:
    """The document with quality signals computed from its prose and its steps: code and command
    lines in a post (which end no sentence and hold no CJK) would make a Chinese thread look like
    a poor one, so they count only in a document that is nothing else."""
    removed = sum(step.chars_removed for step in document.steps if step.name in BOILERPLATE_STEPS)
    prose = prose_of(document.text)
    signals = quality_signals(prose, document.lang == "zh", removed, config.filter.spun_threshold)
    if config.filter.fluency:
        signals = replace(signals, fluency=fluency(prose, document.lang))
    words = config.flagged.words()
    if words is not None:
        share, line_share = flagged_shares(document.text, words)  # folded once for dedup too
        signals = replace(signals, flagged_share=share, flagged_line_share=line_share)
    return replace(document, quality=signals, scores=classifier_scores(document.text, config))


def classifier_scores(text: str, config: Config) -> tuple[tuple[str, float], ...] | None:
    """Each quality classifier's probability for the text; None when none is set."""
    classifiers = config.quality.classifiers
    if not classifiers:
        return None
    inputs: dict[str, str] = {}  # one cut per tokenization, whatever the number of models
    scores = []
    for classifier in classifiers:
        if classifier.tokenize not in inputs:
            inputs[classifier.tokenize] = model_input(text, classifier.tokenize)
        model = load_model(classifier.path)
        scores.append((classifier.name, probability(model, inputs[classifier.tokenize], classifier.label)))
    return tuple(scores)


def recorded(step: Step, config: Config) -> Step:
    """The step as the dataset keeps it: without its removed lines unless boilerplate.record_removed."""
    return step if config.boilerplate.record_removed or not step.removed else replace(step, removed=())


def revise(document: Document, text: str, step: Step, config: Config) -> Document:
    """The document with a new text: the step recorded, the signals recomputed, judged again."""
    step = recorded(step, config)
    revised = with_signals(replace(document, text=text, steps=(*document.steps, step)), config)
    return replace(revised, reason=judge(revised, config))
