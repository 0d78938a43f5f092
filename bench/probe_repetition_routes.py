"""Four routes to the quality signals' token and repetition work (transforms.quality), measured
on the same cleaned documents, each checked to give the same (top_ngram_share, dup_ngram_share):

1. per document, numpy (what refinery runs);
2. batched over many documents at once: one code-point buffer, numpy over it, pyarrow's hash
   kernels (value_counts, is_in, group_by) for the n-gram counts, at several batch sizes;
3. compiled: bench/probe_repetition.pyx, C++ loops and a hash table (built here when Cython is
   installed: `.venv/bin/pip install cython`);
4. numba: bench/probe_repetition_numba.py, JIT-compiled loops and hash tables with numba's on-disk
   cache (`.venv/bin/pip install numba`). Also printed: what its first compile costs, and what a
   fresh process (each spawned worker of a run) pays to import numba and load the cached kernels.

Issue 21 asked for routes 2 and 3 to be measured before either is adopted; issue 35 for route 4.

Usage:  .venv/bin/python bench/probe_repetition_routes.py [--documents 2000]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refinery.transforms import quality
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import load_resources, process_record

sys.path.insert(0, str(Path(__file__).parent))
from bench_pipeline import build_corpus

Shares = tuple[float, float]


def cleaned_texts(count: int) -> list[str]:
    """The bench corpus's text documents after the pipeline: what the signals are computed on."""
    config = Config()
    load_resources(config)
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(count, Path(tmp), kind="text")
        for path in sorted(Path(tmp).glob("*.jsonl")):
            for number, line in enumerate(path.read_text().splitlines()):
                record = RawRecord(str(number), "bench", None, "text", json.loads(line)["text"].encode())
                texts.append(process_record(record, config).text)
    return texts


def one_by_one(texts: list[str], tokens: Callable, repetition_shares: Callable) -> list[Shares]:
    """Each text's shares with these two steps (quality._tokens and quality.repetition_shares, or
    stand-ins with their signatures)."""
    shares = []
    for text in texts:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        classes = quality.char_classes(codes)
        ids, lengths = tokens(text, codes, classes)
        cjk = int(np.count_nonzero(classes & quality.CJK_BIT))
        dup_n = quality.DUP_NGRAM_CJK if cjk * 2 >= len(ids) else quality.DUP_NGRAM_WORDS
        shares.append(repetition_shares(ids, lengths, quality.TOP_NGRAM, dup_n))
    return shares


def per_document(texts: list[str]) -> list[Shares]:
    return one_by_one(texts, quality._tokens, quality.repetition_shares)


def batched(texts: list[str]) -> list[Shares]:
    """The same shares for all `texts` at once: documents joined by a line break (which ends every
    word run), token and n-gram arrays over the whole batch, n-grams that cross a document boundary
    left out, counts per (document, n-gram) by hashing."""
    n = len(texts)
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts = np.concatenate(([0], np.cumsum(np.fromiter(map(len, texts), np.int64, n) + 1)[:-1]))
    classes = quality.char_classes(codes)
    cjk = (classes & quality.CJK_BIT) > 0
    edges = np.diff(np.concatenate(([False], (classes & quality.WORD_BIT) > 0, [False])).astype(np.int8))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # Word runs numbered per document by first appearance, as quality._tokens numbers them.
    run_doc = np.searchsorted(starts, run_starts, side="right") - 1
    strings: dict[str, int] = {}
    names = np.fromiter(
        (
            strings.setdefault(joined[a:b], len(strings))
            for a, b in zip(run_starts.tolist(), run_ends.tolist(), strict=True)
        ),
        np.int64,
        len(run_starts),
    )
    distinct, first, inverse = np.unique(
        run_doc * (len(strings) + 1) + names, return_index=True, return_inverse=True
    )
    by_first = np.argsort(first, kind="stable")
    doc_of_distinct = run_doc[first[by_first]]
    rank = np.empty(len(distinct), np.int64)
    rank[by_first] = (
        np.arange(len(distinct)) - np.searchsorted(doc_of_distinct, np.arange(n))[doc_of_distinct]
    )
    is_token = cjk.copy()
    is_token[run_starts] = True
    positions = np.flatnonzero(is_token)
    ids = codes[positions].astype(np.uint64)
    at_runs = np.searchsorted(positions, run_starts)
    ids[at_runs] = (0x110000 + rank[inverse]).astype(np.uint64)
    lengths = np.ones(len(positions), np.int64)
    lengths[at_runs] = run_ends - run_starts
    token_doc = np.searchsorted(starts, positions, side="right") - 1
    total = np.bincount(token_doc, weights=lengths, minlength=n)
    cjk_tokens = np.bincount(np.searchsorted(starts, np.flatnonzero(cjk), side="right") - 1, minlength=n)
    dup_n = np.where(
        cjk_tokens * 2 >= np.bincount(token_doc, minlength=n), quality.DUP_NGRAM_CJK, quality.DUP_NGRAM_WORDS
    )

    def grams(size: int) -> tuple[np.ndarray, np.ndarray]:
        count = max(len(ids) - size + 1, 0)
        keys = ids[:count].copy()
        for offset in range(1, size):
            keys = keys * quality._KEY_MULTIPLIER + ids[offset : offset + count]
        return keys, np.flatnonzero(token_doc[:count] == token_doc[size - 1 : size - 1 + count])

    def covered(gram_starts: np.ndarray, size: int) -> np.ndarray:
        cover = np.zeros(len(ids) + 1, np.int64)
        cover[gram_starts] += 1
        cover[gram_starts + size] -= 1
        on = np.cumsum(cover[:-1]) > 0
        return np.bincount(token_doc[on], weights=lengths[on], minlength=n)

    dup_chars = np.zeros(n)
    for size in (quality.DUP_NGRAM_CJK, quality.DUP_NGRAM_WORDS):
        keys, valid = grams(size)
        valid = valid[dup_n[token_doc[valid]] == size]
        per_doc = pa.array(keys[valid] ^ (token_doc[valid].astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)))
        counted = pc.value_counts(per_doc)
        repeated = pc.filter(counted.field("values"), pc.greater(counted.field("counts"), 1))
        dup_chars += covered(
            valid[pc.is_in(per_doc, value_set=repeated).to_numpy(zero_copy_only=False)], size
        )
    keys, valid = grams(quality.TOP_NGRAM)
    table = pa.table({"doc": token_doc[valid], "key": keys[valid]})
    groups = table.group_by(["doc", "key"], use_threads=False).aggregate([("key", "count")])
    doc, key, count = (groups[name].to_numpy() for name in ("doc", "key", "key_count"))
    order = np.lexsort((key, -count, doc))  # per document: most frequent first, ties to the smallest key
    best = order[np.r_[True, doc[order][1:] != doc[order][:-1]]]
    top_key, top_count = np.zeros(n, np.uint64), np.zeros(n, np.int64)
    top_key[doc[best]], top_count[doc[best]] = key[best], count[best]
    docs = token_doc[valid]
    top_chars = covered(valid[(keys[valid] == top_key[docs]) & (top_count[docs] >= 2)], quality.TOP_NGRAM)
    return [
        (quality._share(int(top), int(whole)), quality._share(int(dup), int(whole)))
        for top, dup, whole in zip(top_chars, dup_chars, total, strict=True)
    ]


def in_batches(size: int) -> Callable[[list[str]], list[Shares]]:
    return lambda texts: [
        shares for at in range(0, len(texts), size) for shares in batched(texts[at : at + size])
    ]


def compiled() -> Callable[[list[str]], list[Shares]] | None:
    """bench/probe_repetition.pyx built in a temporary directory, or None without Cython."""
    if importlib.util.find_spec("Cython") is None:
        return None
    build = Path(tempfile.mkdtemp(prefix="probe-repetition-"))
    source = build / "probe_repetition.pyx"
    source.write_text((Path(__file__).parent / "probe_repetition.pyx").read_text())
    (build / "setup.py").write_text(
        "from setuptools import setup\nfrom Cython.Build import cythonize\n"
        'setup(ext_modules=cythonize("probe_repetition.pyx", language_level=3))\n'
    )
    subprocess.run(
        [sys.executable, "setup.py", "build_ext", "--inplace"], cwd=build, check=True, capture_output=True
    )
    sys.path.insert(0, str(build))
    kernel = importlib.import_module("probe_repetition").repetition
    table = quality.class_table()
    top, cjk_n, word_n = quality.TOP_NGRAM, quality.DUP_NGRAM_CJK, quality.DUP_NGRAM_WORDS
    return lambda texts: [kernel(text, table, top, cjk_n, word_n) for text in texts]


def jit() -> Callable[[list[str]], list[Shares]] | None:
    """bench/probe_repetition_numba.py's kernels (compiled now, if not cached), or None without numba."""
    if importlib.util.find_spec("numba") is None:
        return None
    import probe_repetition_numba as kernels

    def shares(ids: np.ndarray, lengths: np.ndarray, top_n: int, dup_n: int) -> Shares:
        top, dup = kernels.repetition_chars(ids, lengths, top_n, dup_n)
        total = int(lengths.sum())
        return quality._share(top, total), quality._share(dup, total)

    def route(texts: list[str]) -> list[Shares]:
        return one_by_one(texts, lambda _, codes, classes: kernels.tokens(codes, classes), shares)

    started = time.perf_counter()
    route(["中文 words 中文"])
    print(f"numba: first call {time.perf_counter() - started:.2f} s (a compile when the cache is cold)")
    fresh = (
        "import time; started = time.perf_counter(); import numpy as np, probe_repetition_numba as k; "
        "ids, lengths = k.tokens(np.array([20013, 65], np.uint32), np.array([2, 4], np.uint8)); "
        "k.repetition_chars(ids, lengths, 2, 10); print(time.perf_counter() - started)"
    )
    seconds = [
        float(
            subprocess.run(
                [sys.executable, "-c", fresh],
                cwd=Path(__file__).parent,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(3)
    ]
    print(
        f"numba: a fresh process imports it and loads the cached kernels in {statistics.median(seconds):.2f} s"
    )
    return route


def median_ms(route: Callable[[list[str]], list[Shares]], texts: list[str], repeats: int = 5) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        route(texts)
        runs.append(time.perf_counter() - started)
    return 1e3 * statistics.median(runs) / len(texts)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    texts = cleaned_texts(args.documents)
    routes: dict[str, Callable[[list[str]], list[Shares]] | None] = {
        "per document, numpy (refinery)": per_document,
        "batched, all at once": batched,
        "batched, 256 at a time": in_batches(256),
        "batched, 32 at a time": in_batches(32),
        "compiled (Cython, C++)": compiled(),
        "numba (JIT, cached)": jit(),
    }
    reference = per_document(texts)
    baseline = median_ms(per_document, texts)
    print(f"{len(texts):,} cleaned documents, one core; ms per document, median of 5")
    for name, route in routes.items():
        if route is None:
            print(f"  {name:34s} skipped: pip install {'numba' if 'numba' in name else 'cython'}")
            continue
        same = route(texts) == reference
        spent = baseline if route is per_document else median_ms(route, texts)
        print(
            f"  {name:34s} {spent:6.3f} ms  {baseline / spent:5.2f}x  {'same shares' if same else 'DIFFERENT'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
