"""Benchmark decontamination: a document that shares a long passage with an item of an evaluation
set (a question, a reading passage, an answer) is flagged or dropped, so a model is not trained on
its own test.

Both sides are compared as tokens of their folded form (dedup's: OpenCC t2s and regional words,
case folded, then full-width ASCII read as ASCII): a CJK character is a token, so is each run of
other letters and digits; spaces, punctuation and line breaks only separate them. A window is the
shortest run of tokens weighing WINDOW: 13 words, the n-gram datatrove, GPT-3 and Dolma
decontaminate on, or 20 CJK characters, since a Chinese word is about 1.5 characters long (a word
weighs 3, a CJK character 2; 13 × 3 = 39 ≈ 20 × 2). A document sharing one window with an item is
contaminated by it. Windows are hashed with a 64-bit polynomial hash in numpy, so a document costs
a few array passes, not a Python loop over its windows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from .canonical import canonical_text
from .quality import CJK_BIT, WORD_BIT, char_classes

CJK_TOKEN_WEIGHT, WORD_TOKEN_WEIGHT = 2, 3
WINDOW = 39  # 13 words × 3, or 20 CJK characters × 2 (19.5, rounded up)
# A field named like an id: id, _id, idx, uid, qid, no, index, or ending in _id / Id (item_id, questionId)
ID_FIELD = re.compile(r"(?i:_?id|idx|uid|qid|no|index)|.+(?:[_-](?i:id|idx)|[a-z]Id)")
_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 2**64)


@dataclass(frozen=True)
class BenchmarkIndex:
    """The windows of every item, for lookup: each hash once (sorted), with the item it came from."""

    hashes: np.ndarray  # sorted, unique (uint64)
    owners: np.ndarray  # index into labels, per hash
    labels: tuple[str, ...]  # "file:id" of each item
    short_items: int  # items with no text field long enough for a window: never matched
    window: int = WINDOW  # the weight of a window (bench/eval_decontaminate.py tries others)


@cache
def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """_BASE**k and its inverse**k modulo 2**64 for k < size (numpy's uint64 products wrap)."""
    base = np.full(size, _BASE, dtype=np.uint64)
    inverse = np.full(size, _BASE_INVERSE, dtype=np.uint64)
    base[0] = inverse[0] = 1
    return np.cumprod(base), np.cumprod(inverse)


def _span_hashes(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The polynomial hash of values[start:end] for each (start, end) pair, independent of where the
    span lies: prefix sums of value × inverse**position, scaled back by base**(end - 1)."""
    size = 1 << max(len(values), 1).bit_length()
    powers, inverses = _powers(size)
    prefix = np.zeros(len(values) + 1, dtype=np.uint64)
    np.cumsum(values.astype(np.uint64) * inverses[: len(values)], out=prefix[1:])
    return (prefix[ends] - prefix[starts]) * powers[ends - 1]


def folded_tokens(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and weights of a text's folded form: a CJK character is its code point, a run of
    other letters and digits the hash of its characters."""
    folded = canonical_text(text).folded  # cached: the dedup columns fold the same text
    codes = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # Full-width ASCII to ASCII (case is folded already): NFKC's part that matters here, at a
    # hundredth of its cost (300 µs for a 3,000-character page)
    codes = np.where((codes >= 0xFF01) & (codes <= 0xFF5E), codes - 0xFEE0, codes)
    classes = char_classes(codes)
    cjk = np.flatnonzero(classes & CJK_BIT)
    edges = np.diff(np.concatenate(([False], (classes & WORD_BIT) > 0, [False])).astype(np.int8))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    run_ids = _span_hashes(codes, run_starts, run_ends) if len(run_starts) else np.zeros(0, np.uint64)
    order = np.argsort(np.concatenate((cjk, run_starts)), kind="stable")
    ids = np.concatenate((codes[cjk].astype(np.uint64), run_ids))[order]
    weights = np.concatenate(
        (np.full(len(cjk), CJK_TOKEN_WEIGHT), np.full(len(run_starts), WORD_TOKEN_WEIGHT))
    )[order]
    return ids, weights


def window_hashes(text: str, window: int = WINDOW) -> np.ndarray:
    """The hash of every window of the text: from each token, the fewest tokens weighing `window`."""
    ids, weights = folded_tokens(text)
    reach = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(weights, out=reach[1:])
    ends = np.searchsorted(reach, reach[:-1] + window, side="left")
    starts = np.flatnonzero(ends <= len(ids))
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    return _span_hashes(ids, starts, ends[starts])


def build_index(items: Iterable[tuple[str, Iterable[str]]], window: int = WINDOW) -> BenchmarkIndex:
    """The index of items given as (label, texts): each text's windows, never across two texts."""
    labels: list[str] = []
    parts: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    short = 0
    for label, texts in items:
        windows = [window_hashes(text, window) for text in texts]
        found = np.concatenate(windows) if windows else np.zeros(0, dtype=np.uint64)
        if not len(found):
            short += 1
            continue
        parts.append(found)
        owners.append(np.full(len(found), len(labels), dtype=np.int32))
        labels.append(label)
    if not parts:
        return BenchmarkIndex(np.zeros(0, np.uint64), np.zeros(0, np.int32), (), short, window)
    hashes, first = np.unique(np.concatenate(parts), return_index=True)  # the first item holding it
    return BenchmarkIndex(hashes, np.concatenate(owners)[first], tuple(labels), short, window)


def contamination(text: str, index: BenchmarkIndex) -> tuple[str, int] | None:
    """The item the text shares most windows with and how many, a window shared by several items
    counting for the first of them in the files; None when it shares none."""
    windows = window_hashes(text, index.window)
    if not len(windows) or not len(index.hashes):
        return None
    positions = np.minimum(np.searchsorted(index.hashes, windows), len(index.hashes) - 1)
    hits = positions[index.hashes[positions] == windows]
    if not len(hits):
        return None
    owners = index.owners[hits]
    counts = np.bincount(owners)
    return index.labels[int(np.argmax(counts))], int(counts.max())


# Reading benchmark files


def id_key(item: dict[str, Any], id_field: str | None) -> str | None:
    """The field holding the item's id: `id_field`, else its first field named like one (ID_FIELD)
    whose value is a string or a number."""
    if id_field:
        return id_field if item.get(id_field) is not None else None
    for name, value in item.items():
        if ID_FIELD.fullmatch(name) and isinstance(value, str | int) and not isinstance(value, bool):
            return name
    return None


def item_texts(value: Any, fields: tuple[str, ...] = (), skip: str | None = None) -> Iterator[str]:
    """The strings in a value, nested lists and objects included; at the top, only those under
    `fields` when given, and never the one under `skip` (the id)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for inner in value:
            yield from item_texts(inner)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key != skip and (not fields or key in fields):
                yield from item_texts(inner)


def read_items(path: str) -> list[dict[str, Any]]:
    """The items of a JSONL (one object per line) or Parquet file. Raises ValueError naming the line
    or the reason when the file cannot be read as such; OSError when it cannot be read at all."""
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            return pq.read_table(path).to_pylist()
        except Exception as error:  # pyarrow raises several kinds for a file that is not Parquet
            raise ValueError(f"not a Parquet file ({error})") from error
    items = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"line {number} is not JSON ({error.msg})") from error
                if not isinstance(item, dict):
                    raise ValueError(f"line {number} is not a JSON object")
                items.append(item)
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text ({error.reason})") from error
    return items


@cache
def benchmark_index(
    paths: tuple[str, ...], fields: tuple[str, ...], id_field: str | None, window: int = WINDOW
) -> BenchmarkIndex:
    """The index of every item of the files, built once per process. Raises what read_items raises."""

    def labelled() -> Iterator[tuple[str, list[str]]]:
        for path in paths:
            name = Path(path).name
            for number, item in enumerate(read_items(path), 1):
                key = id_key(item, id_field)
                label = f"{name}:{item[key] if key else f'#{number}'}"
                yield label, list(item_texts(item, fields, key))

    return build_index(labelled(), window)
