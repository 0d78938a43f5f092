"""refinery's near-duplicate dedup against datatrove's MinHash dedup: same corpus, same run.

Corpus: N synthetic ~2,000-character Chinese documents, as `bench/eval_dedup.py --scale` builds
them: about 10 % are light edits (one sentence dropped, ~0.5 % of characters replaced) of an
earlier document (the generator records which), the rest are fresh random mixes of real sentences
from the quality corpus's articles. Written as JSONL {"id", "text"}, one file per worker.

Truth: a pair of documents is a true duplicate pair when the exact Jaccard of their shingle sets is
>= 0.8, shingles being refinery's (`eval_dedup.shingle_set`: character 5-grams of the canonical form,
case, whitespace, punctuation and symbols dropped). The exact Jaccard is computed for every pair
in: the generator's (copy, original) pairs, refinery's (duplicate, keeper) pairs, and a high-recall
LSH sweep of refinery's signatures with 32 bands x 4 rows (a pair at Jaccard 0.8 escapes it with
probability (1 - 0.8^4)^32 < 1e-7), so pairs that neither the generator nor refinery made, which
datatrove may have found, are in the truth too.

Scores, per tool, on the documents it removed (R):
  precision  removed documents with a true duplicate that stays (not in R) / |R|
             (removing every copy of a text, or a document with no true duplicate, is wrong);
  recall     those correct removals / sum over connected components C of the truth graph of
             (|C| - 1), the removals a perfect dedup makes.

Timing. refinery: signatures = `flows.shard.dedup_columns` for each document in a
multiprocessing.Pool(workers), one task per JSONL file, staged to Parquet with the text as a run
stages it (`bench/eval_dedup.py`'s `stage()`); clustering = `flows.corpus.dedup.find_duplicates`.
datatrove (`bench/datatrove_minhash.py`, in its own virtualenv, as a subprocess): signatures =
stage 1 (tasks = files), clustering = stages 2 (16 tasks) + 3 (1 task), filter = stage 4 (re-reads
the input, writes the removed documents). The throughput ratio compares signatures + clustering,
the work that decides what is a duplicate; the all-stages ratio adds datatrove's filter.

Usage:  .venv/bin/python bench/bench_dedup_vs_datatrove.py [--docs 2000] [--workers 2]
Needs:  python3 -m venv bench/.venv-datatrove &&
        bench/.venv-datatrove/bin/pip install datatrove regex "xxhash<4" tokenizers orjson
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_dedup import articles, exact_jaccard, light_edit, sentences, shingle_set, stage  # noqa: E402

from refinery.flows.corpus import Corpus  # noqa: E402
from refinery.flows.corpus.dedup import find_duplicates  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402

CONFIG = Config()
DATATROVE_VENV = ROOT / "bench/.venv-datatrove"
DATATROVE_PYTHON = DATATROVE_VENV / "bin/python"
HELPER = ROOT / "bench/datatrove_minhash.py"
RESULTS = ROOT / "bench/results/dedup_vs_datatrove.json"
SWEEP_BANDS, SWEEP_ROWS = 32, 4


def build_corpus(count: int, seed: int) -> tuple[list[str], dict[int, int]]:
    """Texts, and {copy index: index of the document it is a light edit of}."""
    rng = random.Random(seed)
    pool = [s for text in articles() for s in sentences(text) if len(s) > 15]
    texts: list[str] = []
    origin: dict[int, int] = {}
    for index in range(count):
        if texts and rng.random() < 0.1:
            source = rng.randrange(max(0, index - 1000), index)
            origin[index] = source
            texts.append(light_edit(texts[source], rng))
            continue
        text = ""
        while len(text) < 2000:
            text += rng.choice(pool)
        texts.append(text[:2000])
    return texts, origin


def write_jsonl(texts: list[str], directory: Path, files: int) -> list[str]:
    """Contiguous parts, one file each; the id of document j of part k is `p{k:02d}-{j:07d}`, which is
    what `stage(..., prefix=f"p{k:02d}-")` names it. Returns the ids in corpus order."""
    directory.mkdir(parents=True)
    bounds = np.linspace(0, len(texts), files + 1).astype(int)
    ids = []
    for part, (start, end) in enumerate(itertools.pairwise(bounds)):
        with (directory / f"part{part:02d}.jsonl").open("w", encoding="utf-8") as out:
            for j, text in enumerate(texts[start:end]):
                ids.append(f"p{part:02d}-{j:07d}")
                out.write(json.dumps({"id": ids[-1], "text": text}, ensure_ascii=False) + "\n")
    return ids


def _stage_part(job: tuple[str, str, int]) -> str:
    """Read one JSONL file and stage it with refinery's dedup columns (one worker task)."""
    path, directory, part = job
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line]
    staged = stage(
        [row["text"] for row in rows], Path(directory), f"s{part:02d}.parquet", prefix=f"p{part:02d}-"
    )
    assert pq.read_table(staged, columns=["id"])["id"].to_pylist() == [row["id"] for row in rows]
    return staged


def run_refinery(jsonl_dir: Path, staging_dir: Path, workers: int) -> dict:
    staging_dir.mkdir()
    jobs = [
        (str(path), str(staging_dir), part) for part, path in enumerate(sorted(jsonl_dir.glob("*.jsonl")))
    ]
    started = time.perf_counter()
    with multiprocessing.Pool(workers) as pool:
        paths = pool.map(_stage_part, jobs)
    signing = time.perf_counter() - started
    started = time.perf_counter()
    duplicates = find_duplicates(Corpus.of(paths), CONFIG.dedup)
    clustering = time.perf_counter() - started
    rows = duplicates.to_pylist()
    return {
        "seconds": {"signatures": round(signing, 4), "clustering": round(clustering, 4)},
        "removed": sorted(row["id"] for row in rows if row["duplicate_of"] is not None),
        "pairs": [(row["id"], row["duplicate_of"]) for row in rows if row["duplicate_of"] is not None],
        "paths": paths,
    }


def run_datatrove(jsonl_dir: Path, work_dir: Path, workers: int, shingles_mode: str) -> dict:
    command = [
        str(DATATROVE_PYTHON),
        str(HELPER),
        str(jsonl_dir),
        str(work_dir),
        "--workers",
        str(workers),
        "--shingles",
        shingles_mode,
        "--bands",
        str(CONFIG.dedup.bands),
        "--rows",
        str(CONFIG.dedup.num_perm // CONFIG.dedup.bands),
        "--n-grams",
        str(CONFIG.dedup.cjk_shingle),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-5000:])
        raise SystemExit(f"datatrove run failed ({result.returncode}): {' '.join(command)}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def sweep_pairs(staged: list[str]) -> set[tuple[str, str]]:
    """Pairs sharing a 4-row band of refinery's signatures: candidates for the exact truth."""
    ids: list[str] = []
    blocks = []
    for path in staged:
        table = pq.read_table(path, columns=["id", "minhash"])
        ids += table["id"].to_pylist()
        blocks.append(np.asarray(table["minhash"].combine_chunks().flatten(), dtype=np.uint32))
    signatures = np.concatenate(blocks).reshape(len(ids), -1)
    pairs: set[tuple[str, str]] = set()
    for band in range(SWEEP_BANDS):
        keys = np.ascontiguousarray(signatures[:, band * SWEEP_ROWS : (band + 1) * SWEEP_ROWS])
        _, inverse, counts = np.unique(
            keys.view(f"V{keys.itemsize * SWEEP_ROWS}").ravel(), return_inverse=True, return_counts=True
        )
        buckets = defaultdict(list)
        for row in np.flatnonzero(counts[inverse] > 1):
            buckets[inverse[row]].append(row)
        for members in buckets.values():
            pairs.update((ids[a], ids[b]) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs


def truth_graph(
    texts_by_id: dict[str, str], candidates: set[tuple[str, str]]
) -> tuple[dict[str, set[str]], dict[tuple[str, str], float]]:
    """Exact Jaccard of every candidate pair; adjacency of the pairs at or above the threshold."""
    cache: dict[str, np.ndarray] = {}

    def shingles_of(doc: str) -> np.ndarray:
        if doc not in cache:
            cache[doc] = shingle_set(texts_by_id[doc])
        return cache[doc]

    jaccard = {}
    adjacency: dict[str, set[str]] = defaultdict(set)
    for a, b in candidates:
        value = exact_jaccard(shingles_of(a), shingles_of(b))
        jaccard[(a, b)] = value
        if value >= CONFIG.dedup.threshold:
            adjacency[a].add(b)
            adjacency[b].add(a)
    return adjacency, jaccard


def expected_removals(adjacency: dict[str, set[str]]) -> int:
    seen: set[str] = set()
    total = 0
    for start in adjacency:
        if start in seen:
            continue
        stack, size = [start], 0
        seen.add(start)
        while stack:
            node = stack.pop()
            size += 1
            for other in adjacency[node] - seen:
                seen.add(other)
                stack.append(other)
        total += size - 1
    return total


def score(removed: list[str], adjacency: dict[str, set[str]], expected: int) -> dict:
    gone = set(removed)
    correct = sum(1 for doc in gone if adjacency.get(doc, set()) - gone)
    no_duplicate = sum(1 for doc in gone if not adjacency.get(doc))
    return {
        "removed": len(gone),
        "correct": correct,
        "precision": round(correct / len(gone), 4) if gone else 1.0,
        "recall": round(correct / expected, 4) if expected else 1.0,
        "removed_without_any_true_duplicate": no_duplicate,
        "removed_with_all_true_duplicates_removed_too": len(gone) - correct - no_duplicate,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="corpus size")
    parser.add_argument("--workers", type=int, default=2, help="processes for both tools")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--datatrove-shingles",
        choices=["chars", "cmn", "zh"],
        default="chars",
        help="chars: character 5-grams like refinery (default); cmn: datatrove's jieba words; "
        "zh: language='zh' as written (see bench/datatrove_minhash.py)",
    )
    args = parser.parse_args()
    if not DATATROVE_PYTHON.exists():
        print(
            f"datatrove's virtualenv is missing ({DATATROVE_VENV}). Create it with:\n"
            f"  python3 -m venv {DATATROVE_VENV.relative_to(ROOT)}\n"
            f'  {DATATROVE_VENV.relative_to(ROOT)}/bin/pip install datatrove regex "xxhash<4" tokenizers orjson\n'
            f"  {DATATROVE_VENV.relative_to(ROOT)}/bin/pip install spacy jieba   # only for --datatrove-shingles cmn/zh",
            file=sys.stderr,
        )
        return 2

    started = time.perf_counter()
    texts, origin = build_corpus(args.docs, args.seed)
    with tempfile.TemporaryDirectory(prefix="dedup-vs-datatrove-") as tmp:
        jsonl_dir = Path(tmp) / "jsonl"
        ids = write_jsonl(texts, jsonl_dir, args.workers)
        megabytes = sum(len(t.encode()) for t in texts) / 1e6
        print(
            f"corpus: {args.docs:,} documents ({megabytes:.1f} MB), {len(origin):,} light edits of earlier ones, "
            f"{args.workers} JSONL files; built in {time.perf_counter() - started:.1f} s"
        )
        refinery = run_refinery(jsonl_dir, Path(tmp) / "staging", args.workers)
        datatrove = run_datatrove(jsonl_dir, Path(tmp) / "datatrove", args.workers, args.datatrove_shingles)
        assert datatrove["documents"] == args.docs, datatrove["documents"]
        generator_pairs = {(ids[copy], ids[source]) for copy, source in origin.items()}
        sweep = sweep_pairs(refinery["paths"])

    candidates = {tuple(sorted(pair)) for pair in generator_pairs | set(refinery["pairs"]) | sweep}
    texts_by_id = dict(zip(ids, texts, strict=True))
    adjacency, jaccard = truth_graph(texts_by_id, candidates)
    expected = expected_removals(adjacency)
    truth_pairs = sum(len(others) for others in adjacency.values()) // 2
    generator_true = sum(
        1 for pair in generator_pairs if jaccard[tuple(sorted(pair))] >= CONFIG.dedup.threshold
    )
    generator_values = sorted(jaccard[tuple(sorted(pair))] for pair in generator_pairs)

    results = {}
    for name, run, seconds in (
        (
            "refinery",
            refinery,
            {
                "signatures": refinery["seconds"]["signatures"],
                "clustering": refinery["seconds"]["clustering"],
                "filter": None,
            },
        ),
        (
            "datatrove",
            datatrove,
            {
                "signatures": datatrove["seconds"]["signatures"],
                "clustering": round(datatrove["seconds"]["buckets"] + datatrove["seconds"]["cluster"], 4),
                "filter": datatrove["seconds"]["filter"],
            },
        ),
    ):
        decision = seconds["signatures"] + seconds["clustering"]
        results[name] = {
            "seconds": seconds,
            "decision_seconds": round(decision, 4),
            "all_stages_seconds": round(decision + (seconds["filter"] or 0.0), 4),
            "docs_per_second": round(args.docs / decision, 1),
            **score(run["removed"], adjacency, expected),
        }
    results["datatrove"]["stage_seconds"] = datatrove["seconds"]
    results["datatrove"]["version"] = datatrove["datatrove_version"]
    results["datatrove"]["config"] = datatrove["config"]
    ratio = results["datatrove"]["decision_seconds"] / results["refinery"]["decision_seconds"]
    ratio_all = results["datatrove"]["all_stages_seconds"] / results["refinery"]["all_stages_seconds"]

    spread = (
        f" (their Jaccard: min {generator_values[0]:.3f}, median {generator_values[len(generator_values) // 2]:.3f})"
        if generator_values
        else ""
    )
    print(
        f"truth: {truth_pairs:,} pairs with exact Jaccard >= {CONFIG.dedup.threshold} among {len(candidates):,} "
        f"candidates; {generator_true:,}/{len(generator_pairs):,} generator pairs qualify{spread}; "
        f"{truth_pairs - generator_true:,} other true pairs; a perfect dedup removes {expected:,} documents"
    )
    header = (
        f"{'':10s} {'signatures':>10s} {'clustering':>10s} {'sig+clust':>10s} {'filter':>8s} "
        f"{'docs/s':>8s} {'removed':>8s} {'precision':>9s} {'recall':>7s}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for name, row in results.items():
        s = row["seconds"]
        filtering = "-" if s["filter"] is None else f"{s['filter']:.2f}"
        print(
            f"{name:10s} {s['signatures']:10.2f} {s['clustering']:10.2f} {row['decision_seconds']:10.2f} "
            f"{filtering:>8s} {row['docs_per_second']:8,.0f} "
            f"{row['removed']:8,d} {row['precision']:9.4f} {row['recall']:7.4f}"
        )
    d = datatrove["seconds"]
    print(
        f"\ndatatrove {datatrove['datatrove_version']} stages: signatures {d['signatures']:.2f} s, buckets "
        f"{d['buckets']:.2f} s, cluster {d['cluster']:.2f} s, filter {d['filter']:.2f} s"
    )
    print(
        f"throughput refinery/datatrove: {ratio:.2f}x (signatures + clustering); "
        f"{ratio_all:.2f}x counting datatrove's filter stage"
    )
    for name in results:
        r = results[name]
        if r["removed"] != r["correct"]:
            print(
                f"  {name}: {r['removed_without_any_true_duplicate']} removed with no true duplicate, "
                f"{r['removed_with_all_true_duplicates_removed_too']} removed along with all their true duplicates"
            )
    notes = [
        "Both tools read the same JSONL texts; refinery's signatures here are on the raw text, not after "
        "its cleaning pipeline. Normalisation: refinery drops case, whitespace, punctuation and symbols; "
        "datatrove lower-cases and blanks punctuation (its simplify_text), and the character tokenizer "
        "drops the spaces; digits kept by both.",
        f"Shingles: character {CONFIG.dedup.cjk_shingle}-grams on both sides"
        if args.datatrove_shingles == "chars"
        else f"Shingles: refinery character {CONFIG.dedup.cjk_shingle}-grams, datatrove "
        f"--shingles {args.datatrove_shingles} (NOT characters: see bench/datatrove_minhash.py)",
        f"Same LSH: {CONFIG.dedup.num_perm} permutations in {CONFIG.dedup.bands} bands x "
        f"{CONFIG.dedup.num_perm // CONFIG.dedup.bands} rows. refinery then keeps only candidate pairs whose "
        f"signatures agree on >= {CONFIG.dedup.threshold} of the values; datatrove takes every band "
        "collision as a duplicate (64-bit hashes, its default).",
        f"Same workers ({args.workers}): refinery Pool({args.workers}) over the {args.workers} JSONL files, "
        f"datatrove tasks = files, workers = {args.workers} (buckets: {CONFIG.dedup.bands} tasks on "
        f"{args.workers} workers); clustering is one process in both.",
        "refinery's signature stage also writes the text to its staging Parquet (as a run does); datatrove's "
        "stage 1 writes only signatures, and its process-pool/logging start-up per stage is included and "
        "dominates at small N. The machine may be shared: compare ratios, not absolute times.",
    ]
    print("\nfairness notes:\n" + "\n".join(f"  - {note}" for note in notes))

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "docs": args.docs,
                "megabytes": round(megabytes, 2),
                "workers": args.workers,
                "seed": args.seed,
                "light_edits": len(origin),
                "truth": {
                    "threshold": CONFIG.dedup.threshold,
                    "candidate_pairs": len(candidates),
                    "true_pairs": truth_pairs,
                    "generator_pairs": len(generator_pairs),
                    "generator_pairs_true": generator_true,
                    "expected_removals": expected,
                },
                "refinery": results["refinery"],
                "datatrove": results["datatrove"],
                "throughput_ratio_refinery_over_datatrove": round(ratio, 3),
                "throughput_ratio_all_stages": round(ratio_all, 3),
                "notes": notes,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
