"""Memory on a big input: one JSONL file of N MB through `refinery run`, peak memory of the whole
process tree (CLI, Prefect server, workers) sampled every 0.2 s.

The file is built from the seeds' lines (~2,000-character Chinese documents, 10 % exact copies).
It is one file on purpose: the readers must cut it into pieces by lines, not read it whole.

Usage:  .venv/bin/python bench/bench_streaming.py [--megabytes 1024] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import tree_rss

ROOT = Path(__file__).resolve().parent.parent


def build(path: Path, megabytes: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    lines = [
        line
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for line in p.read_text().split("\n")
        if len(line) > 20
    ]
    written = documents = 0
    recent: list[str] = []
    with open(path, "w", encoding="utf-8") as handle:
        while written < megabytes * 1_000_000:
            if recent and rng.random() < 0.1:
                text = rng.choice(recent)
            else:
                text = ""
                while len(text) < 2000:
                    text += rng.choice(lines) + "\n"
                recent = [*recent[-999:], text]
            line = json.dumps({"text": text, "url": f"https://example.cn/{documents}"}, ensure_ascii=False)
            handle.write(line + "\n")
            written += len(line.encode()) + 1
            documents += 1
    return documents


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "big.jsonl"
        started = time.perf_counter()
        documents = build(source, args.megabytes)
        size = source.stat().st_size
        print(
            f"built {source.name}: {size / 1e6:,.0f} MB, {documents:,} documents in {time.perf_counter() - started:.0f} s"
        )
        command = [
            sys.executable,
            "-m",
            "refinery.flows.command.cli",
            "run",
            str(source),
            "--out",
            f"{tmp}/out",
            "--workers",
            str(args.workers),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        watched = psutil.Process(process.pid)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(watched))
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        output = process.stdout.read() if process.stdout else ""
        print(output.strip())
        if process.returncode:
            print(f"refinery exited with {process.returncode}")
            return 1
        manifest = json.loads((Path(tmp) / "out" / "manifest.json").read_text())
        counts = manifest["counts"]
        print(
            f"{size / 1e6:,.0f} MB in {seconds:,.0f} s ({size / 1e6 / seconds:.2f} MB/s, {args.workers} workers), "
            f"{counts['shards']} shards; peak RSS of the process tree {peak / 2**20:,.0f} MiB; "
            f"read {counts['documents_read']:,} = kept {counts['kept']:,} + rejected {counts['rejected']:,} "
            f"+ errors {counts['errors']:,}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
