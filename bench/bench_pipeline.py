"""End-to-end throughput and memory of `refinery run`, per stage, at several corpus sizes.

The corpus is built in the seeds' styles, Chinese first:
- 5 % HTML pages (--kind mixed; none with --kind text, all with --kind html): real Chinese news
  pages from ../shared/pages when present, else bench/data/html_synth;
- the other documents: 85 % Chinese articles of ~2,000 characters made of the seeds' lines (in
  Simplified), a third with a watermark token glued to every line, with share/copyright tails;
  5 % Traditional-script copies, 5 % lightly edited copies, 5 % English documents.
Text goes into JSONL files of 10,000 lines, pages into .html files.

Each size runs `refinery run` --repeats times (a fresh output each time) and reports medians:
docs/s and MB/s end to end and per stage (from the manifest's seconds per stage), peak RSS of the
whole process tree (CLI, Prefect server, workers), the CPU seconds each of those roles spent (what
Prefect itself costs), and the cost per document as size grows. With
--profile, one core runs the per-document pipeline on a sample and prints the wall time of each
stage per document (--profile-only: that alone). Results are written as JSON to
bench/results/pipeline-KIND[-CONFIG].json.

With --against datatrove, the same text corpus (one JSONL file per worker) goes through
`refinery run` (twice: starting its temporary Prefect server, and reporting to a server already
running, as a scheduled deployment does) and bench/datatrove_pipeline.py (datatrove's closest
equivalent: FTFY, Gopher and FineWeb filters, 4-stage MinHash, Parquet; then FTFY + MinHash +
Parquet only; then read and write only), round by round, plus the I/O floor in this environment
(pyarrow: JSONL in, zstd Parquet out). With --kind html every JSONL line is a page (the GNE
news pages), and datatrove extracts it with its Trafilatura step before the same filters.

Usage:  .venv/bin/python bench/bench_pipeline.py [--sizes 10000,100000] [--repeats 3] [--workers 2]
            [--kind mixed|text|html] [--config run.toml] [--page-kb 50] [--profile | --profile-only]
        .venv/bin/python bench/bench_pipeline.py --against datatrove --sizes 3700,18500
        .venv/bin/python bench/bench_pipeline.py --against datatrove --kind html --sizes 2000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reporting import write_json  # noqa: E402
from refinery.transforms.config import Config  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.pipeline import load_resources, process_record  # noqa: E402
from refinery.transforms.unify import converter  # noqa: E402

TAILS = [
    "分享到微信",
    "分享到微博",
    "关注我们的微信公众号",
    "版权所有 © 2024 示例网 保留所有权利",
    "责任编辑：王某",
]
TOKEN_LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _seed_lines() -> list[str]:
    """The seeds' lines in Simplified: a page is written in one script, and seed 004's Traditional
    lines in every article made nearly all of them mixed-script (the Traditional copies below are
    the corpus's Traditional documents)."""
    to_simplified = converter("t2s")
    return [
        to_simplified.convert(line)
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for line in p.read_text().split("\n")
        if len(line) > 10
    ]


def _english_texts() -> list[str]:
    docs = (ROOT / "bench/data/text_eval/docs.jsonl").read_text().splitlines()
    texts = [json.loads(line)["gold"] for line in docs if line.strip()]
    return [t for t in texts if sum(ch.isascii() for ch in t) > 0.9 * len(t)] or [
        "The quick brown fox. " * 80
    ]


def _pages(page_kb: float | None = None) -> list[str]:
    """Real Chinese news pages; with `page_kb`, only those within a factor of two of that size."""
    shared = ROOT.parent / "shared/pages/gne-zh-news"
    paths = sorted(shared.glob("*.html")) if shared.exists() else []
    paths = paths or sorted((ROOT / "bench/data/html_synth").glob("*.html"))
    if page_kb:
        paths = [p for p in paths if page_kb / 2 <= p.stat().st_size / 1000 <= page_kb * 2] or paths
    return [p.read_bytes().decode("utf-8", "replace") for p in paths]


KINDS = {"mixed": 0.05, "text": 0.0, "html": 1.0}  # share of HTML pages


def build_corpus(
    count: int,
    directory: Path,
    seed: int = 0,
    kind: str = "mixed",
    page_kb: float | None = None,
    per_file: int = 10_000,
    pages_in_jsonl: bool = False,
) -> tuple[int, int]:
    """Write `count` documents under `directory`, `per_file` lines to a JSONL file; returns
    (documents, bytes). Pages go to .html files, or with `pages_in_jsonl` into the JSONL lines
    (the input both refinery and datatrove read in the side by side)."""
    rng = random.Random(seed)
    lines, english, pages = _seed_lines(), _english_texts(), _pages(page_kb)
    to_traditional = converter("s2t")
    directory.mkdir(parents=True, exist_ok=True)
    made: list[str] = []
    size = 0
    handle = None
    for index in range(count):
        if index % per_file == 0:
            if handle:
                handle.close()
            handle = open(directory / f"part-{index // per_file:04d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        draw = rng.random()
        if rng.random() < KINDS[kind]:
            page = rng.choice(pages).replace("</p>", f"<!-- {index} --></p>", 1)
            if not pages_in_jsonl:
                (directory / f"page-{index:07d}.html").write_text(page, encoding="utf-8")
                size += len(page.encode())
                continue
            text = page
        elif draw < 0.05:
            text = rng.choice(english)
        elif draw < 0.10 and made:
            text = to_traditional.convert(rng.choice(made))
        elif draw < 0.15 and made:
            text = rng.choice(made).replace("的", "之", 3) + "（补充报道）"
        else:
            body: list[str] = []
            while sum(map(len, body)) < 2000:
                body.append(rng.choice(lines))
            if rng.random() < 0.33:
                token = "".join(rng.choices(TOKEN_LETTERS, k=7))
                body = [line + token for line in body]
            text = "\n".join(body + rng.sample(TAILS, 3))
            made = [*made[-999:], text]
        line = json.dumps({"text": text, "url": f"https://example.cn/{index}"}, ensure_ascii=False)
        handle.write(line + "\n")
        size += len(line.encode()) + 1
    if handle:
        handle.close()
    return count, size


def tree_rss(process: psutil.Process, cpu: dict[int, tuple[str, float]] | None = None) -> int:
    """RSS of the process and its descendants; with `cpu`, also records each one's CPU seconds so
    far by pid, with its role (flow, prefect_server or workers)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
            if cpu is not None:
                role = cpu[member.pid][0] if member.pid in cpu else _role(process, member)
                times = member.cpu_times()
                cpu[member.pid] = (role, times.user + times.system)
    return total


def _role(root: psutil.Process, member: psutil.Process) -> str:
    if member.pid == root.pid:
        return "flow"
    return "prefect_server" if "prefect.server" in " ".join(member.cmdline()) else "workers"


def run_once(
    corpus: Path, out: Path, workers: int, config: Path | None = None, api_url: str | None = None
) -> dict:
    """One `refinery run`; with `api_url`, reporting to that Prefect API instead of starting a
    temporary server."""
    command = [
        sys.executable,
        "-m",
        "refinery.flows.command.cli",
        "run",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        str(workers),
        *(["--config", str(config)] if config else []),
    ]
    started = time.perf_counter()
    log = out.with_name(
        out.name + ".log"
    )  # a file, not a pipe: a long run's log would fill a pipe and block it
    with open(log, "w") as stderr:
        environment = {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}
        environment |= {"PREFECT_API_URL": api_url} if api_url else {}
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=stderr
        )
        watched, peak = psutil.Process(process.pid), 0
        cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, CPU seconds at its last sample)
        peak_at = 0.0
        while process.poll() is None:
            rss = tree_rss(watched, cpu)
            if rss > peak:
                peak, peak_at = rss, time.perf_counter() - started
            time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"refinery failed:\n{log.read_text()[-3000:]}")
    manifest = json.loads((out / "manifest.json").read_text())
    run = manifest["runs"][-1]
    return {
        "seconds": seconds,
        "peak_mib": peak / 2**20,
        "peak_stage": _stage_at(peak_at, seconds, run["seconds_by_stage"]),
        "cpu_seconds": {
            role: sum(spent for kind, spent in cpu.values() if kind == role)
            for role in ("workers", "flow", "prefect_server")
        },
        "stages": run["seconds_by_stage"],
        "counts": run["counts"],
    }


def _stage_at(elapsed: float, seconds: float, stages: dict[str, float]) -> str:
    """The stage running `elapsed` seconds into the run: the stages run in the manifest's order,
    after a start-up that takes the time the stages do not account for."""
    clock = seconds - sum(stages.values())
    if elapsed < clock:
        return "start-up"
    for name, spent in stages.items():
        clock += spent
        if elapsed < clock:
            return name
    return "finish"


def measure(
    size: int, repeats: int, workers: int, kind: str, config: Path | None = None, page_kb: float | None = None
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        documents, total_bytes = build_corpus(size, corpus, kind=kind, page_kb=page_kb)
        runs = [run_once(corpus, Path(tmp) / f"out-{attempt}", workers, config) for attempt in range(repeats)]
    megabytes = total_bytes / 1e6
    seconds = statistics.median(r["seconds"] for r in runs)
    stages = {name: statistics.median(r["stages"][name] for r in runs) for name in runs[0]["stages"]}
    return {
        "kind": kind,
        "config": str(config) if config else None,
        "page_kb": page_kb,
        "documents": documents,
        "megabytes": round(megabytes, 1),
        "workers": workers,
        "repeats": repeats,
        "seconds": round(seconds, 2),
        "docs_per_s": round(documents / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 3),
        "mb_per_s_per_core": round(megabytes / seconds / workers, 3),
        "peak_mib": round(max(r["peak_mib"] for r in runs)),
        "peak_stage": max(runs, key=lambda r: r["peak_mib"])["peak_stage"],
        "cpu_seconds": {
            role: round(statistics.median(r["cpu_seconds"][role] for r in runs), 1)
            for role in runs[0]["cpu_seconds"]
        },
        "stages": {
            name: {
                "seconds": round(s, 2),
                "docs_per_s": round(documents / s, 1) if s else None,
                "mb_per_s": round(megabytes / s, 2) if s else None,
            }
            for name, s in stages.items()
        },
        "counts": runs[-1]["counts"],
    }


_TIMED_STAGES = (  # transforms.pipeline's names for the stages process_record calls
    "decode_bytes",
    "normalize_text",
    "clean_lines",
    "prose_and_counts",
    "detect_language",
    "unify_script",
    "normalize_width_and_punctuation",
    "with_signals",
)


def _per_document_work(records: list[RawRecord], config: Config) -> float:
    """Seconds to run every record through the pipeline, plus the dedup columns the shard adds to
    a kept row (through the module, so timing wrappers put on it count)."""
    import refinery.transforms.dedup_keys as dedup_keys

    started = time.perf_counter()
    for record in records:
        with contextlib.suppress(Exception):
            document = process_record(record, config)
            dedup_keys.dedup_columns(document.text, config.dedup)
    return time.perf_counter() - started


def _clocked(spent: dict[str, float], name: str, function: Any) -> Any:
    """`function`, adding the wall time of each call to spent[name]."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def profile(kind: str, config: Config, page_kb: float | None = None, sample: int = 2000) -> None:
    """Wall time per document of each stage on one core (clock wrappers, not cProfile, whose
    per-call overhead inflates the Python-heavy stages), plus what the shard adds per row."""
    import refinery.transforms.dedup_keys as dedup_keys
    import refinery.transforms.extract as extract
    import refinery.transforms.judge as judge
    import refinery.transforms.pipeline as pipeline
    import refinery.transforms.quality as quality

    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(sample, Path(tmp), kind=kind, page_kb=page_kb)
        records = []
        for path in sorted(Path(tmp).iterdir()):
            if path.suffix == ".html":
                records.append(RawRecord(path.name, "bench", None, "html", path.read_bytes()))
            else:
                for number, line in enumerate(path.read_text().splitlines()):
                    text = json.loads(line)["text"]
                    records.append(RawRecord(str(number), "bench", None, "text", text.encode()))
    load_resources(config)
    spent: dict[str, float] = {}

    def timed(module: object, name: str) -> None:
        setattr(module, name, _clocked(spent, name, getattr(module, name)))

    for name in _TIMED_STAGES:
        timed(pipeline, name)
    timed(extract, "extract_html")  # the pipeline imports it with the first page
    timed(judge, "quality_signals")
    timed(quality, "spun_evidence")
    timed(dedup_keys, "dedup_columns")
    seconds = _per_document_work(records, config)
    megabytes = sum(len(record.data) for record in records) / 1e6
    print(
        f"\nper document, one core, {len(records):,} {kind} records ({megabytes:.1f} MB): "
        f"{1e3 * seconds / len(records):.2f} ms, {megabytes / seconds:.2f} MB/s"
    )
    for name, value in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:34s} {1e3 * value / len(records):6.3f} ms  {100 * value / seconds:5.1f} %")
    print("  (spun_evidence is part of quality_signals)")
    library_floor(records, config)


def library_floor(records: list[RawRecord], config: Config) -> None:
    """A second pass that clocks only the calls into the libraries refinery builds on: OpenCC
    (C++), ftfy, langdetect (with refinery's faster loops, transforms.language), rensa (Rust),
    Aho-Corasick (Rust) and, for HTML, the three extractors (trafilatura with its metadata,
    readability, resiliparse). Their sum is the floor no change to refinery's own code can go
    below; the rest is refinery's Python, regexes and numpy. Patches this process's libraries: run
    last."""
    from types import SimpleNamespace

    import ftfy
    import opencc
    import rensa
    import trafilatura

    import refinery.transforms.extract as extract
    import refinery.transforms.language as language
    import refinery.transforms.minhash as minhash
    import refinery.transforms.spun as spun

    inside: dict[str, float] = {}

    def clock(name: str, function: Any) -> Any:
        return _clocked(inside, name, function)

    finder = spun.AhoCorasick

    class ClockedFinder:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            found = finder(*args, **kwargs).find_matches_as_indexes
            self.find_matches_as_indexes = clock("Aho-Corasick", found)

    opencc.OpenCC.convert = clock("OpenCC", opencc.OpenCC.convert)
    trafilatura.bare_extraction = clock("trafilatura", trafilatura.bare_extraction)
    extract.ReadabilityDocument.summary = clock("readability", extract.ReadabilityDocument.summary)
    extract.extract_plain_text = clock("resiliparse", extract.extract_plain_text)
    ftfy.fix_text = clock("ftfy", ftfy.fix_text)
    language._langdetect = clock("langdetect", language._langdetect)
    minhash.rensa = SimpleNamespace(
        RMinHash=SimpleNamespace(
            digest_matrix_from_flat_token_hashes=clock(
                "rensa", rensa.RMinHash.digest_matrix_from_flat_token_hashes
            )
        )
    )
    spun.AhoCorasick = ClockedFinder
    spun.default_lexicon.cache_clear()
    spun.default_lexicon()
    seconds = _per_document_work(records, config)
    floor = sum(inside.values())
    count = len(records)
    print(f"\ninside the libraries (second pass: {1e3 * seconds / count:.2f} ms per document in all)")
    for name, value in sorted(inside.items(), key=lambda item: -item[1]):
        print(f"  {name:34s} {1e3 * value / count:6.3f} ms")
    print(
        f"  {'sum: the library floor':34s} {1e3 * floor / count:6.3f} ms; refinery's own code "
        f"{1e3 * (seconds - floor) / count:.3f} ms; all / floor = {seconds / floor:.2f}x"
    )


DATATROVE_PYTHON = ROOT / "bench/.venv-datatrove/bin/python"
DATATROVE_WORK = ("full", "light", "io")
SERVED = "refinery, server running"  # reporting to a Prefect server started before the run


def _io_floor_file(paths: tuple[str, str]) -> None:
    """Read one JSONL file and write it as zstd Parquet, nothing else."""
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    pq.write_table(pj.read_json(paths[0]), paths[1], compression="zstd")


def io_floor(corpus: Path, out: Path, workers: int) -> float:
    """Seconds for `workers` processes to read the corpus's JSONL and write zstd Parquet."""
    import multiprocessing

    out.mkdir(parents=True, exist_ok=True)
    jobs = [(str(path), str(out / f"{path.stem}.parquet")) for path in sorted(corpus.glob("*.jsonl"))]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_io_floor_file, jobs)
    return time.perf_counter() - started


def run_datatrove(corpus: Path, work: Path, workers: int, kind: str, html: bool = False) -> dict:
    """bench/datatrove_pipeline.py in datatrove's virtualenv; the wall time of the whole command."""
    command = [str(DATATROVE_PYTHON), "datatrove_pipeline.py", str(corpus), str(work)]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--workers", str(workers), "--work", kind, *(["--html"] if html else [])],
        cwd=ROOT / "bench",
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"datatrove failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"stages": result["seconds"], "seconds": seconds}


@contextlib.contextmanager
def running_prefect_api() -> Iterator[str]:
    """A Prefect API that outlives the runs, as a server that deployments report to does: yours
    (PREFECT_API_URL), or one started the way `refinery run` starts its temporary one."""
    from refinery.flows.execution.environment import PrefectAPI, _healthy

    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    server = PrefectAPI()
    try:
        url = f"http://127.0.0.1:{server.port}/api"
        deadline = time.monotonic() + 120
        while not _healthy(url):
            if time.monotonic() > deadline:
                raise SystemExit("the Prefect server for the 'server running' runs did not start")
            time.sleep(0.2)
        yield url
    finally:
        server.stop()


def against_datatrove(sizes: list[int], repeats: int, workers: int, kind: str = "text") -> list[dict]:
    """refinery and datatrove on the same corpus (one JSONL file per worker), interleaved
    round by round, with the I/O floor of each; the wall time of each whole command. refinery runs
    twice a round: as `refinery run` on a laptop (it starts a temporary Prefect server) and
    reporting to a Prefect server that is already running (a scheduled deployment's case).
    With kind "html" every line is a page and datatrove extracts it with its Trafilatura step
    (its I/O-only run, which would skip extraction, is left out)."""
    if not DATATROVE_PYTHON.exists():
        raise SystemExit(
            "needs datatrove's virtualenv: python3 -m venv bench/.venv-datatrove && bench/.venv-datatrove/bin/pip "
            'install datatrove regex "xxhash<4" tokenizers orjson ftfy pyarrow trafilatura lxml_html_clean'
        )
    with running_prefect_api() as api_url:
        return [_against_at(size, repeats, workers, api_url, kind) for size in sizes]


def _against_at(size: int, repeats: int, workers: int, api_url: str, kind: str) -> dict:
    html = kind == "html"
    works = DATATROVE_WORK[:2] if html else DATATROVE_WORK
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        documents, total_bytes = build_corpus(
            size, corpus, kind=kind, per_file=-(-size // workers), pages_in_jsonl=True
        )
        seconds: dict[str, list[float]] = {}
        details: dict[str, dict] = {}
        for attempt in range(repeats):
            out = Path(tmp) / f"out-{attempt}"
            out.mkdir()
            for name, url in (("refinery", None), (SERVED, api_url)):
                details[name] = run_once(corpus, out / name.replace(" ", "-"), workers, api_url=url)
                seconds.setdefault(name, []).append(details[name]["seconds"])
            for work in works:
                datatrove = run_datatrove(corpus, out / f"datatrove-{work}", workers, work, html)
                seconds.setdefault(f"datatrove {work}", []).append(datatrove["seconds"])
                details[f"datatrove {work}"] = datatrove
            seconds.setdefault("refinery io", []).append(io_floor(corpus, out / "io", workers))
            shutil.rmtree(out)
            print(
                f"  {documents:,} documents, round {attempt + 1}: "
                + ", ".join(f"{name} {values[-1]:.1f}s" for name, values in seconds.items()),
                flush=True,
            )
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    return {
        "kind": kind,
        "documents": documents,
        "megabytes": round(total_bytes / 1e6, 1),
        "workers": workers,
        "repeats": repeats,
        "seconds": {name: round(value, 2) for name, value in medians.items()},
        "kept": {
            name: details[name]["counts"]["kept"] if name in ("refinery", SERVED) else details[name]["kept"]
            for name in ("refinery", SERVED, *(f"datatrove {work}" for work in works))
        },
        "refinery_stages": details["refinery"]["stages"],
        "datatrove_stages": details["datatrove full"]["stages"],
    }


def print_against(results: list[dict]) -> None:
    print("\nrefinery against datatrove, same corpus and workers, wall time of each whole command (median)")
    print(
        "| documents | MB | contender | seconds | MB/s per core | refinery's throughput / this "
        f"| {SERVED}'s / this | kept |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        for name, seconds in r["seconds"].items():
            print(
                f"| {r['documents']:,} | {r['megabytes']} | {name} | {seconds} "
                f"| {r['megabytes'] / seconds / r['workers']:.2f} | {seconds / r['seconds']['refinery']:.2f}x "
                f"| {seconds / r['seconds'][SERVED]:.2f}x | {r['kept'].get(name, '')} |"
            )
    for r in results:
        print(f"stages at {r['documents']:,} documents: refinery {r['refinery_stages']}")
        print(f"  datatrove full {r['datatrove_stages']}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="10000", help="comma-separated corpus sizes, e.g. 10000,100000,1000000"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--kind", choices=sorted(KINDS), default="mixed", help="mixed (5 %% HTML), text only, or HTML only"
    )
    parser.add_argument("--profile", action="store_true", help="also profile the per-document pipeline")
    parser.add_argument("--profile-only", action="store_true", help="only profile, no runs")
    parser.add_argument(
        "--config", type=Path, help='a refinery TOML for the runs, e.g. [extract] engine = "density"'
    )
    parser.add_argument(
        "--page-kb", type=float, help="only pages within a factor of two of this size (e.g. 50)"
    )
    parser.add_argument(
        "--against",
        choices=["datatrove"],
        help="run datatrove's closest equivalent (full, FTFY+MinHash only, I/O only) on the same text "
        "corpus, interleaved, and print the ratios (needs bench/.venv-datatrove)",
    )
    args = parser.parse_args()
    config = Config.from_toml(args.config.read_text()) if args.config else Config()
    if args.against:
        kind = "html" if args.kind == "html" else "text"  # the side by side has no mixed corpus
        results = against_datatrove(
            [int(size) for size in args.sizes.split(",")], args.repeats, args.workers, kind
        )
        print_against(results)
        output = ROOT / f"bench/results/pipeline-against-datatrove{'-html' if kind == 'html' else ''}.json"
        write_json(results, output)
        print(f"\nwritten: {output.relative_to(ROOT)}")
        return 0
    if args.profile_only:
        profile(args.kind, config, args.page_kb)
        return 0
    results = [
        measure(int(size), args.repeats, args.workers, args.kind, args.config, args.page_kb)
        for size in args.sizes.split(",")
    ]
    print(
        f"\nrefinery run on {args.kind} corpora, {args.workers} workers, median of {args.repeats} runs "
        f"(this machine: 2 cores){f', config {args.config}' if args.config else ''}"
    )
    print(
        "| documents | MB | KB each | seconds | docs/s | MB/s | MB/s per core | peak RSS MiB | µs per document |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['documents']:,} | {r['megabytes']:,} | {1000 * r['megabytes'] / r['documents']:.1f} "
            f"| {r['seconds']} | {r['docs_per_s']:,} | {r['mb_per_s']} "
            f"| {r['mb_per_s_per_core']} | {r['peak_mib']:,} | {1e6 * r['seconds'] / r['documents']:,.0f} |"
        )
    for r in results:
        cpu = r["cpu_seconds"]
        print(
            f"\npeak RSS during {r['peak_stage']}; CPU seconds at {r['documents']:,} documents: "
            + ", ".join(
                f"{role} {seconds:,.1f} ({100 * seconds / sum(cpu.values()):.1f} %)"
                for role, seconds in cpu.items()
            )
        )
        print(f"stages at {r['documents']:,} documents:")
        for name, stage in r["stages"].items():
            print(
                f"  {name:14s} {stage['seconds']:8.2f} s  {stage['docs_per_s'] or 0:10,.0f} docs/s  {stage['mb_per_s'] or 0:8.2f} MB/s"
            )
    output = ROOT / f"bench/results/pipeline-{args.kind}{f'-{args.config.stem}' if args.config else ''}.json"
    write_json(results, output)
    print(f"\nwritten: {output.relative_to(ROOT)}")
    if args.profile:
        profile(args.kind, config, args.page_kb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
