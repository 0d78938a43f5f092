"""Evaluate near-duplicate dedup against brute-force Jaccard, and measure it at scale.

Quality: real article text (hand-labelled gold of bench/data/html_gold, the plain-text eval set and
the seeds) plus variants of each article: exact copies with other spacing, light edits, heavy edits
(which must stay), Traditional-script copies and copies wrapped in boilerplate. Every variant goes
through the per-document pipeline, as in a run; the truth is exact Jaccard of the shingle sets,
computed for every pair. Prints pair precision/recall and per-variant recall.

Scale: --scale N builds N synthetic ~2,000-character documents (10 % near copies) and times the
signatures and the global stage, with peak memory.

Usage:  .venv/bin/python bench/eval_dedup.py [--scale 100000]
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
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.dataset import STAGING_SCHEMA  # noqa: E402
from flows.dedup import band_groups, find_duplicates  # noqa: E402
from flows.shard import dedup_columns  # noqa: E402
from transforms.config import Config  # noqa: E402
from transforms.document import RawRecord  # noqa: E402
from transforms.minhash import shingles  # noqa: E402
from transforms.pipeline import process_record  # noqa: E402
from transforms.unify import converter  # noqa: E402

CONFIG = Config()
WRAP = ["分享到微信", "分享到微博", "关注我们的微信公众号", "版权所有 © 2024 示例网", "责任编辑：王某"]


def articles() -> list[str]:
    labels = [json.loads(p.read_text()) for p in sorted((ROOT / "bench/data/html_gold").glob("*.json"))]
    texts = [label.get("text", "") for label in labels]  # skipped pages have no text
    texts = [t for t in texts if t and len(t) > 300]
    eval_file = ROOT / "bench/data/text_eval/docs.jsonl"
    texts += [json.loads(line)["gold"] for line in eval_file.read_text().splitlines() if line.strip()]
    return [t for t in texts if len(t) > 300]


def sentences(text: str) -> list[str]:
    parts, current = [], ""
    for ch in text:
        current += ch
        if ch in "。！？\n":
            parts.append(current)
            current = ""
    return [*parts, current] if current else parts


def light_edit(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    if len(parts) > 6:
        del parts[rng.randrange(len(parts))]  # one sentence gone
    chars = list("".join(parts))
    for _ in range(max(1, len(chars) // 200)):  # ~0.5 % characters replaced
        chars[rng.randrange(len(chars))] = rng.choice("的一是了在人有我他这")
    return "".join(chars)


def heavy_edit(text: str, rng: random.Random, pool: list[str]) -> str:
    parts = sentences(text)
    keep = parts[: max(1, len(parts) * 4 // 10)]
    return "".join(keep + rng.sample(pool, k=min(len(pool), len(parts) - len(keep) + 1)))


def wrapped(text: str, rng: random.Random) -> str:
    token = "".join(rng.choices("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=7))
    return "\n".join([line + token for line in text.split("\n")] + rng.sample(WRAP, 3))


def build_corpus(seed: int = 0) -> tuple[list[str], list[tuple[int, str]]]:
    rng = random.Random(seed)
    bases = articles()
    pool = [s for text in bases for s in sentences(text) if len(s) > 15]
    docs: list[str] = []
    origin: list[tuple[int, str]] = []  # (base index, variant kind)
    for index, text in enumerate(bases):
        variants = {"original": text}
        kind = rng.choice(["exact", "light", "heavy", "traditional", "wrapped", "light"])
        if kind == "exact":
            variants[kind] = text.replace("，", ", ").replace("\n", "\n\n")
        elif kind == "light":
            variants[kind] = light_edit(text, rng)
        elif kind == "heavy":
            variants[kind] = heavy_edit(text, rng, pool)
        elif kind == "traditional":
            variants[kind] = converter("s2t").convert(text)
        else:
            variants[kind] = wrapped(text, rng)
        for name, variant in variants.items():
            docs.append(variant)
            origin.append((index, name))
    return docs, origin


def stage(texts: list[str], directory: Path, name: str, prefix: str = "d") -> str:
    rows = [
        {
            "id": f"{prefix}{i:07d}",
            "status": "kept",
            "source_uri": "bench",
            "source_format": "text",
            "text": text,
            **dedup_columns(text, CONFIG.dedup),
        }
        for i, text in enumerate(texts)
    ]
    path = directory / name
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return str(path)


def quality() -> None:
    docs, origin = build_corpus()
    processed = [
        process_record(RawRecord(str(i), "bench", None, "text", d.encode()), CONFIG).text
        for i, d in enumerate(docs)
    ]
    sets = [set(shingles(text, CONFIG.dedup)) for text in processed]
    truth = {
        (a, b)
        for a, b in itertools.combinations(range(len(sets)), 2)
        if len(sets[a] & sets[b]) / max(len(sets[a] | sets[b]), 1) >= CONFIG.dedup.threshold
    }
    with tempfile.TemporaryDirectory() as tmp:
        duplicates = find_duplicates([stage(processed, Path(tmp), "s.parquet")], CONFIG.dedup).to_pylist()
    keeper_of = {}
    for row in duplicates:
        index = int(row["id"][1:])
        keeper_of[index] = int(row["duplicate_of"][1:]) if row["duplicate_of"] else index
    predicted = {
        (a, b) for a, b in itertools.combinations(sorted(keeper_of), 2) if keeper_of[a] == keeper_of[b]
    }
    hits = len(truth & predicted)
    print(
        f"{len(docs)} documents from {len(set(o[0] for o in origin))} real articles; "
        f"{len(truth)} true pairs (exact Jaccard >= {CONFIG.dedup.threshold}), {len(predicted)} predicted"
    )
    print(f"pair precision {hits / max(len(predicted), 1):.4f}, recall {hits / max(len(truth), 1):.4f}")
    by_kind: dict[str, list[bool]] = {}
    positions = {(base, kind): i for i, (base, kind) in enumerate(origin)}
    for (base, kind), index in positions.items():
        if kind == "original":
            continue
        original = positions[(base, "original")]
        together = keeper_of.get(index, index) == keeper_of.get(original, original)
        by_kind.setdefault(kind, []).append(together)
    for kind, values in sorted(by_kind.items()):
        print(
            f"  {kind:12s} clustered with its original: {sum(values)}/{len(values)}"
            + ("  (should stay apart)" if kind == "heavy" else "")
        )


def _synthetic_chunk(job: tuple[int, int, str]) -> tuple[str, float]:
    """Generate and stage one chunk of ~2,000-character documents, 10 % of them near copies of
    earlier ones in the chunk; generated where staged, so memory stays per chunk."""
    chunk, size, directory = job
    rng = random.Random(chunk)
    pool = [s for text in articles() for s in sentences(text) if len(s) > 15]
    texts: list[str] = []
    for _ in range(size):
        if texts and rng.random() < 0.1:
            texts.append(light_edit(rng.choice(texts[-1000:]), rng))
            continue
        text = ""
        while len(text) < 2000:
            text += rng.choice(pool)
        texts.append(text[:2000])
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    return stage(texts, Path(directory), f"s{chunk:06d}.parquet", prefix=f"c{chunk:06d}-"), megabytes


def scale(count: int, workers: int) -> None:
    chunk_size = 10_000
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [
            (i, min(chunk_size, count - i * chunk_size), tmp)
            for i in range((count + chunk_size - 1) // chunk_size)
        ]
        started = time.perf_counter()
        with multiprocessing.Pool(workers) as pool:
            staged = pool.map(_synthetic_chunk, jobs)
        signing = time.perf_counter() - started
        paths = [path for path, _ in staged]
        megabytes = sum(size for _, size in staged)
        whole = _probe(f"rows = find_duplicates({paths!r}, Config().dedup).num_rows")
        # The same stage as the flow runs it on many documents: band groups as separate tasks.
        groups = band_groups(16, count)
        group_runs = []
        with tempfile.TemporaryDirectory() as pairs_dir:
            for group in groups:
                group_runs.append(
                    _probe(
                        f"pairs = candidate_pairs({paths!r}, Config().dedup, None, {group!r})\n"
                        f"np.save({pairs_dir!r} + '/{group[0]}.npy', pairs)\nrows = len(pairs)"
                    )
                )
            split = _probe(
                f"import glob\nfiles = sorted(glob.glob({pairs_dir!r} + '/*.npy'))\n"
                "pairs = np.unique(np.concatenate([np.load(f) for f in files]), axis=0)\n"
                f"rows = find_duplicates({paths!r}, Config().dedup, pairs=pairs).num_rows"
            )
    print(f"\nscale: {count:,} documents, {megabytes:,.0f} MB of text")
    print(
        f"  generation + signatures + staging: {signing:,.1f} s ({count / signing:,.0f} docs/s, {workers} processes)"
    )
    print(
        f"  global dedup stage, one task: {whole[0]:,.1f} s, peak {whole[2]:,.0f} MB in its own process; "
        f"{whole[1]:,} rows in clusters"
    )
    print(
        f"  split in {len(groups)} band-group tasks: candidate search {sum(r[0] for r in group_runs):,.1f} s in all "
        f"(max peak {max(r[2] for r in group_runs):,.0f} MB), then clustering {split[0]:,.1f} s "
        f"(peak {split[2]:,.0f} MB); {split[1]:,} rows in clusters"
        + ("" if split[1] == whole[1] else "  ← DIFFERS from the one-task result")
    )


def _probe(body: str) -> tuple[float, int, float]:
    """Run `body` (which sets `rows`) in a fresh process: seconds, rows, peak MB of that process."""
    probe = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import numpy as np\n"
        "from flows.dedup import candidate_pairs, find_duplicates\nfrom transforms.config import Config\n"
        "started = time.perf_counter()\n"
        f"{body}\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
        "hwm = [line for line in open('/proc/self/status') if line.startswith('VmHWM')][0]\n"
        "print(json.dumps([time.perf_counter() - started, int(rows), int(hwm.split()[1]) / 1024]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return tuple(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=0, help="also time N synthetic documents")
    parser.add_argument("--workers", type=int, default=2, help="processes for the scale run's signatures")
    args = parser.parse_args()
    quality()
    if args.scale:
        scale(args.scale, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
