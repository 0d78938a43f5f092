"""What the plots show, tallied where the rows already are: each shard's part writer counts its rows
into fixed bins, so a dataset of any size is summed in a few kilobytes of the manifest and drawn
without reading its text again (Data-Juicer's analyzer reads every sample back).

A tally is plain JSON data:
    {"histograms": {signal: {"edges": [...], "kept": [...], "rejected": [...]}},
     "judged": documents the quality limits applied to,
     "outside": {limit: documents outside it, judged by that limit alone}}

`rejected` leaves duplicates out: a copy has the signals of the document kept for it, and would
blur the difference between what the filters keep and what they drop.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...transforms.classifiers import SCORE_PREFIX
from ...transforms.config import FilterConfig
from ...transforms.quality import LIMITED_SIGNALS

LENGTH = "length"  # characters of the published text
GROUPS = ("kept", "rejected")
HISTOGRAMS = (*LIMITED_SIGNALS, LENGTH)


def edges(name: str) -> np.ndarray:
    """Bins of a histogram: 40 linear ones for a share or score (0..1), logarithmic ones for what
    spans orders of magnitude (characters per line, characters per document), and fluency's
    log10 probabilities from wordfreq's floor (-8) up."""
    if name == "fluency":
        return np.linspace(-8, 0, 41)
    if name == "mean_line_chars":
        return np.geomspace(1, 1e5, 41)
    if name == LENGTH:
        return np.geomspace(1, 1e7, 57)
    return np.linspace(0, 1, 41)


def is_duplicate(reasons: pa.ChunkedArray | pa.Array) -> pa.Array:
    return pc.match_substring(reasons, "duplicate")


def tally(kept: pa.Table, rejected: pa.Table, policy: FilterConfig) -> dict[str, Any]:
    """The tally of one part's kept and rejected rows (signal columns, `lang`, `reason`, `text`)."""
    if rejected.num_rows:
        rejected = rejected.filter(pc.invert(is_duplicate(rejected["reason"])))
    groups = {"kept": kept, "rejected": rejected}
    histograms = {}
    scores = [name for name in kept.column_names if name.startswith(SCORE_PREFIX)]  # quality.classifiers
    for name in (*HISTOGRAMS, *scores):
        bins = edges(name)
        entry: dict[str, Any] = {"edges": bins.tolist()}
        for group, table in groups.items():
            column = pc.utf8_length(table["text"]) if name == LENGTH else table[name]
            values = column.drop_null().to_numpy().astype(np.float64)
            counts, _ = np.histogram(np.clip(values, bins[0], bins[-1]), bins)
            entry[group] = counts.tolist()
        histograms[name] = entry
    judged = sum(table.num_rows for table in groups.values())
    return {"histograms": histograms, "judged": judged, "outside": _outside(groups.values(), policy)}


def _outside(tables: Any, policy: FilterConfig) -> dict[str, int]:
    """Per quality limit, the documents outside it, each limit judged alone with the limits of the
    document's language: what the limit would cost if it were the only one (the rejection reasons
    count only the first limit a document fails)."""
    outside: Counter[str] = Counter()
    for table in tables:
        if not table.num_rows:
            continue
        langs = pc.fill_null(table["lang"], "")
        for lang in pc.unique(langs).to_pylist():
            rows = table.filter(pc.equal(langs, lang))
            for limit, value in policy.limits_for(lang or None).items():
                signal = limit[4:]
                compare = pc.less if limit.startswith("min_") else pc.greater
                outside[limit] += pc.sum(compare(rows[signal], value)).as_py() or 0
    return dict(sorted(outside.items()))


def merge(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Two tallies summed; a histogram whose bins changed between releases keeps the newer one."""
    if not first:
        return second
    if not second:
        return first
    histograms = dict(first["histograms"])
    for name, entry in second["histograms"].items():
        earlier = histograms.get(name)
        if earlier is None or earlier["edges"] != entry["edges"]:
            histograms[name] = entry
            continue
        histograms[name] = {
            "edges": entry["edges"],
            **{group: np.add(earlier[group], entry[group]).tolist() for group in GROUPS},
        }
    outside = Counter(first["outside"])
    outside.update(second["outside"])
    return {
        "histograms": histograms,
        "judged": first["judged"] + second["judged"],
        "outside": dict(sorted(outside.items())),
    }


def merge_all(tallies: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for item in tallies:
        total = merge(total, item)
    return total
