"""Every attack of issues 18 and 32 in one sweep, counted: for each case the exit code, whether a
traceback was printed, whether it hung, whether a process it started outlived it, whether files
refinery did not write changed, and for runs that published, whether every record is accounted for.

The unit tests check each case alone; this sweep checks them together, the way an attacker would
try them, and prints one table. Orphans are found by a marker in the environment each run starts
with: every process that still carries it five seconds after its run ended is counted.

Usage:  .venv/bin/python bench/sweep_adversarial.py [--only NAME ...] [--json]
Exits 1 when any case fails.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cli import cli_command, free_port, prefect_server  # noqa: E402  (the tests' own helpers)

HANG_SECONDS = 150
TEXT = "研究人员发现了新的结果，并发表了相关论文，引起了广泛关注。"


@dataclass
class Case:
    """One attack: the command's arguments, what to do while it runs, and the exit codes allowed."""

    args: list[str]
    codes: set[int]
    env: dict[str, str] = field(default_factory=dict)
    during: Callable[[subprocess.Popen, Path], None] | None = None
    out: Path | None = None  # a dataset whose counts must hold when it is published
    stdout_closed: bool = False
    # A traceback allowed from this file only: CPython's own, where refinery's code never runs.
    traceback_from: str | None = None
    pipe_to_head: bool = False


@dataclass
class Outcome:
    name: str
    code: int | None
    seconds: float
    traceback: bool
    hung: bool
    orphans: int
    touched: list[str]
    counts_hold: bool | None
    stderr: str

    @property
    def passed(self) -> bool:
        return (
            not (self.traceback or self.hung or self.orphans or self.touched)
            and self.counts_hold is not False
        )


def snapshot(work: Path) -> dict[str, str]:
    """Every path under the sweep's folder (the user's area) and what it holds."""
    found = {}
    for path in work.rglob("*"):
        if path.is_symlink():
            found[str(path)] = "-> " + os.readlink(path)
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path)] = "dir"
    return found


def strays(before: dict[str, str], after: dict[str, str], case: Case) -> list[str]:
    """Paths created, changed or removed outside what the case lets refinery write: its --out and
    --index when it may succeed, nothing when it must be refused."""
    allowed = []
    if case.codes != {2}:
        allowed = [case.args[i + 1] for i, arg in enumerate(case.args[:-1]) if arg in ("--out", "--index")]
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    return sorted(
        path
        for path in changed
        if not any(path == root or path.startswith(root.rstrip("/") + "/") for root in allowed if root)
    )


def unexpected_traceback(stderr: str, allowed_from: str | None) -> bool:
    blocks = stderr.split("Traceback (most recent call last):")[1:]
    return any(allowed_from is None or allowed_from not in block for block in blocks)


def marked_processes(marker: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.environ().get("REFINERY_SWEEP") == marker:
                found.append(process)
    return found


def run_case(name: str, case: Case, work: Path) -> Outcome:
    marker = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(case.env, REFINERY_SWEEP=marker)
    before = snapshot(work)
    started = time.monotonic()
    stdout = subprocess.PIPE if case.pipe_to_head else subprocess.DEVNULL
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            cli_command(*case.args),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=errors,
            start_new_session=True,
            preexec_fn=(lambda: os.close(1)) if case.stdout_closed else None,
        )
        if case.pipe_to_head:  # `| head -2`: read two lines, then close the pipe
            assert process.stdout is not None
            for _ in range(2):
                process.stdout.readline()
            process.stdout.close()
        if case.during:
            case.during(process, case.out or Path())
        try:
            code: int | None = process.wait(timeout=HANG_SECONDS)
            hung = False
        except subprocess.TimeoutExpired:
            code, hung = None, True
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        seconds = time.monotonic() - started
        orphans = marked_processes(marker)
        deadline = time.monotonic() + 5  # exiting processes get five seconds
        while orphans and time.monotonic() < deadline:
            time.sleep(0.2)
            orphans = marked_processes(marker)
        for orphan in orphans:
            with contextlib.suppress(psutil.Error):
                orphan.kill()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    counts_hold = None
    if case.out and (case.out / "manifest.json").exists() and code == 0:
        counts_hold = bool(json.loads((case.out / "manifest.json").read_text())["counts"]["invariant_holds"])
    lines = stderr.rstrip().splitlines()
    return Outcome(
        name,
        code,
        round(seconds, 1),
        unexpected_traceback(stderr, case.traceback_from),
        hung,
        len(orphans),
        strays(before, snapshot(work), case),
        counts_hold,
        "\n".join(lines[-40:]),
    )


# ----- what the cases do while a run is going -----


def when_staging(process: subprocess.Popen, out: Path) -> bool:
    """Wait until the run has staged a shard; False when it ended first."""
    deadline = time.monotonic() + 240
    while not list((out / ".staging").glob("shard-*.parquet")):
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def signal_group(number: int) -> Callable[[subprocess.Popen, Path], None]:
    def send(process: subprocess.Popen, out: Path) -> None:
        if when_staging(process, out):
            os.killpg(process.pid, number)

    return send


def signal_main(number: int) -> Callable[[subprocess.Popen, Path], None]:
    def send(process: subprocess.Popen, out: Path) -> None:
        if when_staging(process, out):
            os.kill(process.pid, number)

    return send


def kill_server(process: subprocess.Popen, out: Path) -> None:
    if when_staging(process, out):
        for child in psutil.Process(process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if "prefect.server" in " ".join(child.cmdline()):
                    child.kill()


def kill_pool_start(process: subprocess.Popen, out: Path) -> None:
    """SIGKILL of the run's process while its workers are starting (before anything is staged)."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(psutil.Error):
            if any("spawn_main" in " ".join(c.cmdline()) for c in psutil.Process(process.pid).children()):
                os.kill(process.pid, signal.SIGKILL)
                return
        time.sleep(0.02)


# ----- inputs -----


def write_corpus(folder: Path, documents: int) -> Path:
    rng = random.Random(7)
    lines = [line for path in sorted((ROOT / "seeds").iterdir()) for line in path.read_text().splitlines()]
    lines = [line for line in lines if len(line) > 20]
    folder.mkdir(parents=True)
    for i in range(documents):
        (folder / f"doc{i:04d}.txt").write_text("\n".join(rng.sample(lines, 6)) + f"\n第{i}篇。")
    return folder


def write_hostile(folder: Path) -> Path:
    """One file per kind of broken input; each must cost only its own records."""
    folder.mkdir(parents=True)
    (folder / "ok.txt").write_text(TEXT * 3)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "broken.parquet").write_bytes(b"PAR1 not really")
    (folder / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"text": "' + TEXT.encode() * 3 + b'"}\n')[:-9])
    (folder / "broken.warc").write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nhi"
    )
    (folder / "surrogates.jsonl").write_text(
        '{"text": "\\ud800' + TEXT + '"}\n{"text": ' + '"' + TEXT + '"}\n'
    )
    (folder / "nested.jsonl").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 50_000 + TEXT + "</div>" * 50_000)
    (folder / "mislabelled.html").write_bytes(
        ('<html><head><meta charset="utf-8"></head><body><p>' + TEXT * 3 + "</p></body></html>").encode("gbk")
    )
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 300_000_000))
    (folder / "big5.txt").write_bytes(
        ("研究人員發現了新的結果，並發表了相關論文，引起了廣泛關注。" * 3).encode("big5")
    )
    return folder


def kill_group(leader: subprocess.Popen) -> Callable[[subprocess.Popen, Path], None]:
    """The user's Prefect server (`leader` of its process group) dies while the run reports to it."""

    def kill(process: subprocess.Popen, out: Path) -> None:
        if when_staging(process, out):
            os.killpg(leader.pid, signal.SIGKILL)

    return kill


def cases(work: Path, stack: contextlib.ExitStack) -> dict[str, Case]:
    corpus = write_corpus(work / "corpus", 400)
    small = write_corpus(work / "small", 5)
    hostile = write_hostile(work / "hostile")
    config = work / "config.toml"
    config.write_text("[run]\nshard_docs = 25\nworkers = 2\n")
    mine = work / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own notes")
    (mine / "junk.parquet").write_bytes(b"not parquet")
    a_file = work / "a-file.txt"
    a_file.write_text("mine")
    bad_configs = {
        "missing": work / "nope.toml",
        "syntax": work / "syntax.toml",
        "unknown-key": work / "unknown.toml",
        "wrong-type": work / "type.toml",
    }
    bad_configs["syntax"].write_text("[run\nworkers = 2")
    bad_configs["unknown-key"].write_text("[run]\nwokers = 2\n")
    bad_configs["wrong-type"].write_text("[run]\nworkers = 'two'\n")
    published = work / "published"
    subprocess.run(
        cli_command("run", str(small), "--out", str(published)), cwd=ROOT, check=True, capture_output=True
    )
    replaced = work / "replaced"
    subprocess.run(
        cli_command("run", str(small), "--out", str(replaced)), cwd=ROOT, check=True, capture_output=True
    )
    (replaced / "data").unlink()
    (replaced / "data").mkdir()
    (replaced / "data" / "mine.txt").write_text("my own file")
    long_run = ["--config", str(config)]
    dead_port = free_port()

    def run(source: Path, out: str, *extra: str) -> list[str]:
        return ["run", str(source), "--out", out, *extra]

    found: dict[str, Case] = {
        "seeds": Case(run(ROOT / "seeds", str(work / "o-seeds")), {0}, out=work / "o-seeds"),
        "hostile-files": Case(run(hostile, str(work / "o-hostile")), {0}, out=work / "o-hostile"),
        "out-root": Case(run(small, "/"), {2}),
        "out-file": Case(run(small, str(a_file)), {2}),
        "out-foreign": Case(run(small, str(mine)), {2}),
        "out-input": Case(run(small, str(small)), {2}),
        "out-inside-input": Case(run(small, str(small / "out")), {2}),
        "out-empty": Case(run(small, ""), {2}),
        "out-data-folder": Case(run(small, str(replaced)), {2}),
        "index-root": Case(run(small, str(work / "o-i1"), "--index", "/"), {2}),
        "index-file": Case(run(small, str(work / "o-i2"), "--index", str(a_file)), {2}),
        "index-foreign": Case(run(small, str(work / "o-i3"), "--index", str(mine)), {2}),
        "index-input": Case(run(small, str(work / "o-i4"), "--index", str(small / "idx")), {2}),
        "index-dataset": Case(run(small, str(work / "o-i5"), "--index", str(published)), {2}),
        "index-shared": Case(
            run(small, str(work / "o-is"), "--index", str(work / "index")), {0}, out=work / "o-is"
        ),
        "input-missing": Case(run(work / "nothing-here", str(work / "o-m")), {2}),
        "input-glob-none": Case(["run", str(work / "*.nothing"), "--out", str(work / "o-g")], {2}),
        "keep-lang-unknown": Case(run(small, str(work / "o-k"), "--keep-lang", "chinese"), {2}),
        "text-field-empty": Case(run(small, str(work / "o-t"), "--text-field", ""), {2}),
        "dask-malformed": Case(run(small, str(work / "o-d1"), "--dask-address", "not an address"), {2}),
        "dask-dead": Case(
            run(small, str(work / "o-d2"), "--dask-address", f"tcp://127.0.0.1:{dead_port}"), {2}
        ),
        "prefect-dead": Case(
            run(small, str(work / "o-p")), {2}, env={"PREFECT_API_URL": f"http://127.0.0.1:{dead_port}/api"}
        ),
        "stdout-closed-ascii": Case(
            run(small, str(work / "输出")), {0}, env={"PYTHONIOENCODING": "ascii"}, stdout_closed=True
        ),
        "inspect-not-dataset": Case(["inspect", str(mine)], {2}),
        "inspect-head": Case(["inspect", str(published), "--sample", "5"], {0}, pipe_to_head=True),
        "sigint-group": Case(
            run(corpus, str(work / "o-int"), *long_run), {130}, during=signal_group(signal.SIGINT)
        ),
        "sigterm-main": Case(
            run(corpus, str(work / "o-term"), *long_run), {143}, during=signal_main(signal.SIGTERM)
        ),
        "sigkill-main": Case(
            run(corpus, str(work / "o-kill"), *long_run), {-9}, during=signal_main(signal.SIGKILL)
        ),
        # A worker whose parent dies before it sent the worker its start-up data ends in
        # multiprocessing's bootstrap with EOFError, before any refinery code runs in it.
        "sigkill-pool-start": Case(
            run(corpus, str(work / "o-kill2"), *long_run),
            {-9, 0},
            during=kill_pool_start,
            traceback_from="multiprocessing/spawn.py",
        ),
        # A server killed before it answered is started again (exit 0); after, the run ends (exit 1).
        "server-killed": Case(run(corpus, str(work / "o-srv"), *long_run), {0, 1}, during=kill_server),
        "resume-after-kill": Case(run(corpus, str(work / "o-kill"), *long_run), {0}, out=work / "o-kill"),
    }
    server_env, server = stack.enter_context(prefect_server(work.parent / "server"))
    found["external-server-dies"] = Case(
        run(corpus, str(work / "o-ext"), *long_run),
        {0, 1},
        env={"PREFECT_API_URL": server_env["PREFECT_API_URL"]},
        during=kill_group(server),
    )
    for name, path in bad_configs.items():
        found[f"config-{name}"] = Case(run(small, str(work / f"o-c-{name}"), "--config", str(path)), {2})
    for case in found.values():
        if case.out is None and case.during:  # where to watch for staged shards
            case.out = Path(case.args[3])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", help="run only these cases (names as in the table)")
    parser.add_argument("--json", action="store_true", help="print the outcomes as JSON lines too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="refinery-sweep-") as tmp, contextlib.ExitStack() as stack:
        work = Path(tmp) / "user"  # what a user has; the sweep's own server lives beside it
        work.mkdir()
        (Path(tmp) / "server").mkdir()
        outcomes = []
        for name, case in cases(work, stack).items():
            if args.only and name not in args.only:
                continue
            outcome = run_case(name, case, work)
            code_ok = outcome.code in case.codes
            outcomes.append((outcome, code_ok))
            mark = "ok " if outcome.passed and code_ok else "BAD"
            print(
                f"{mark} {name:22} exit {outcome.code!s:>4} {outcome.seconds:6.1f}s tb={outcome.traceback:d} "
                f"hang={outcome.hung:d} orphans={outcome.orphans} touched={len(outcome.touched)} "
                f"counts={'-' if outcome.counts_hold is None else int(outcome.counts_hold)} | "
                f"{outcome.stderr.splitlines()[-1][:110] if outcome.stderr else ''}",
                flush=True,
            )
            if mark == "BAD":
                print("    touched: " + ", ".join(outcome.touched[:10]))
                print("    " + outcome.stderr.replace("\n", "\n    "))
            if args.json:
                print(json.dumps(outcome.__dict__, ensure_ascii=False))
    bad = [outcome.name for outcome, code_ok in outcomes if not (outcome.passed and code_ok)]
    print(
        f"\n{len(outcomes)} cases: {len(outcomes) - len(bad)} ok; tracebacks "
        f"{sum(o.traceback for o, _ in outcomes)}, hangs {sum(o.hung for o, _ in outcomes)}, orphans "
        f"{sum(o.orphans for o, _ in outcomes)}, touched {sum(len(o.touched) for o, _ in outcomes)}"
        + (f"; failed: {', '.join(bad)}" if bad else "")
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
