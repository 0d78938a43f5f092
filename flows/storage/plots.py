"""The dataset drawn, so thresholds can be chosen by looking: `signals.svg` (every quality signal and
the document length, kept against rejected, with the limits set) and `overview.svg` (rejections by
reason, what each limit costs alone, languages, scripts). Drawn from the manifest's tally
(storage/distributions.py), never from the rows.

SVG with text kept as text: small, readable in a browser and on the Hugging Face hub, and the same
bytes for the same dataset (no date, fixed element ids)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...transforms.config import FilterConfig
from .dataset import write_text_atomic
from .distributions import HISTOGRAMS, LENGTH

if TYPE_CHECKING:
    from .manifest import DatasetCounts

PLOT_TITLES = {
    "signals": "Quality signals and lengths of kept and rejected documents",
    "overview": "Rejections by reason, quality limits, languages and scripts",
}
CREATOR = "refinery"  # in each file's metadata: what `inspect --plots` may overwrite
_COLOURS = {"kept": "#3b75af", "rejected": "#ef8636"}
_TOP = 12  # languages shown; the rest are summed as "other"


def draw(counts: DatasetCounts, policy: FilterConfig, folder: Path) -> list[str]:
    """Write the plots of a dataset with these counts into `folder`; the names written."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rcParams

    rcParams["svg.hashsalt"] = "refinery"  # element ids from a fixed salt: deterministic files
    rcParams["svg.fonttype"] = "none"
    rcParams["font.size"] = 8
    folder.mkdir(parents=True, exist_ok=True)
    figures = {"signals": _signals(counts.distributions, policy), "overview": _overview(counts)}
    for name, figure in figures.items():
        write_text_atomic(_svg(figure), folder / f"{name}.svg")
    return [f"{name}.svg" for name in figures]


def _svg(figure: Any) -> str:
    import io

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": CREATOR})
    return buffer.getvalue()


def _signals(distributions: dict[str, Any], policy: FilterConfig) -> Any:
    from matplotlib.figure import Figure

    histograms = distributions.get("histograms", {})
    names = [  # a signal no document has (flagged words without lists) is left out
        name
        for name in (*HISTOGRAMS, *(name for name in histograms if name not in HISTOGRAMS))  # then scores
        if any(sum(histograms.get(name, {}).get(group, ())) for group in _COLOURS)
    ]
    columns = 4
    rows = max(1, -(-len(names) // columns))
    figure = Figure(figsize=(11, 2.4 * rows))
    figure.subplots_adjust(left=0.06, right=0.99, bottom=0.07, top=0.9, wspace=0.3, hspace=0.5)
    axes = list(figure.subplots(rows, columns, squeeze=False).flat)
    limits = policy.limits_for(None)
    for position, (axis, name) in enumerate(zip(axes, names, strict=False)):
        entry = histograms[name]
        bins = np.asarray(entry["edges"])
        for group, colour in _COLOURS.items():
            counts = np.asarray(entry[group], dtype=float)
            total = counts.sum()
            if total:
                axis.stairs(counts / total, bins, color=colour, label=f"{group} ({int(total):,})")
        for bound in ("min", "max"):
            value = limits.get(f"{bound}_{name}")
            if value is not None:
                axis.axvline(value, color="black", linestyle="--", linewidth=0.8)
        if name in ("mean_line_chars", LENGTH):
            axis.set_xscale("log")
        axis.set_title("characters per document" if name == LENGTH else name)
        if position % columns == 0:
            axis.set_ylabel("share of the group")
        if axis.get_legend_handles_labels()[0]:
            axis.legend(frameon=False, fontsize=6)
    for axis in axes[len(names) :]:
        axis.set_visible(False)
    figure.suptitle("Quality signals: kept and rejected documents (duplicates left out); dashed: limits")
    return figure


def _overview(counts: DatasetCounts) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 6.5))  # margins set by hand: a layout engine doubles the drawing time
    figure.subplots_adjust(left=0.17, right=0.97, bottom=0.08, top=0.95, wspace=0.55, hspace=0.3)
    reasons, limits, languages, scripts = figure.subplots(2, 2).flat
    read = max(counts.documents_read, 1)
    _bars(reasons, counts.rejected_by_reason, "Rejected, by reason", read, "documents read")
    _limit_bars(limits, counts)
    _bars(languages, _top(counts.languages), "Languages", read, "documents read")
    _bars(scripts, counts.scripts, "Scripts", read, "documents read")
    return figure


def _bars(axis: Any, values: dict[str, int], title: str, total: int, of: str) -> None:
    ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    axis.set_title(title)
    if not ordered:
        axis.text(0.5, 0.5, "none", ha="center", va="center", transform=axis.transAxes)
        axis.set_axis_off()
        return
    labels, numbers = zip(*ordered, strict=True)
    positions = np.arange(len(labels))
    axis.barh(positions, numbers, color=_COLOURS["kept"])
    axis.set_yticks(positions, labels)
    axis.invert_yaxis()
    for position, number in zip(positions, numbers, strict=True):
        axis.annotate(f" {number:,} ({number / total:.1%})", (number, position), va="center", fontsize=7)
    axis.set_xlabel(f"documents (share of {of})")
    axis.margins(x=0.25)


def _limit_bars(axis: Any, counts: DatasetCounts) -> None:
    """Each limit's own rate (documents outside it, judged alone) beside the documents rejected for
    it (it was the first limit they failed)."""
    outside = counts.distributions.get("outside", {})
    judged = max(counts.distributions.get("judged", 0), 1)
    axis.set_title("Quality limits: documents outside each")
    if not outside:
        message = "no quality limits set\n(filter.thresholds, filter.languages, --preset)"
        axis.text(0.5, 0.5, message, ha="center", va="center", transform=axis.transAxes)
        axis.set_axis_off()
        return
    names = list(outside)
    positions = np.arange(len(names))
    alone = [outside[name] / judged for name in names]
    reason = [counts.rejected_by_reason.get(f"quality:{name[4:]}", 0) / judged for name in names]
    axis.barh(positions - 0.2, alone, height=0.4, color=_COLOURS["rejected"], label="outside it alone")
    axis.barh(positions + 0.2, reason, height=0.4, color=_COLOURS["kept"], label="rejected for it")
    axis.set_yticks(positions, names)
    axis.invert_yaxis()
    axis.set_xlim(0, max(*alone, *reason, 0.01) * 1.15)
    axis.xaxis.set_major_formatter("{x:.0%}")
    axis.set_xlabel(f"share of the {judged:,} documents the limits applied to")
    axis.legend(frameon=False, fontsize=7)


def _top(values: dict[str, int]) -> dict[str, int]:
    ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    top = dict(ordered[:_TOP])
    rest = sum(n for _, n in ordered[_TOP:])
    return {**top, "other": rest} if rest else top


def is_ours(path: Path) -> bool:
    """A plot refinery drew (its metadata names refinery as creator): `inspect --plots` may replace it."""
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return False
    return path.suffix == ".svg" and f"<dc:title>{CREATOR}</dc:title>".encode() in head
