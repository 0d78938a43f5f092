"""The command line as a user meets it: real subprocesses, real exit codes, no tracebacks."""

from __future__ import annotations

import json

import pytest

from refinery.flows.command.cli import default_config_toml
from refinery.transforms.config import Config
from tests.cli import assert_one_line_error, run_cli

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them

refinery = run_cli


def test_help_teaches_every_option():
    result = refinery("run", "--help")
    assert result.returncode == 0
    for word in (
        "--out",
        "--config",
        "--workers",
        "--runner",
        "--dask-address",
        "--index",
        "--force",
        ".jsonl",
        ".parquet",
        ".warc",
        "--mode",
        "append",
        "INPUT",
        "rejected/",
        "manifest.json",
        "resume",
        "--text-field",
        "--url-field",
        "--format",
        "--keep-lang",
        "--preset",
        "--set",
    ):
        assert word in result.stdout
    serve = refinery("serve", "--help")
    for word in ("--cron", "--interval", "--name", "prefect deployment run", "PREFECT_API_URL"):
        assert word in serve.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "does/not/exist"], "input not found: does/not/exist"),
        (["run", "seeds", "--config", "missing.toml"], "config file not found"),
        (["run", "seeds", "--workers", "-1"], "--workers"),
        (["serve", "seeds"], "serve needs a running Prefect server"),
        (["run", "nosuchprotocol://bucket/corpus"], "cannot open nosuchprotocol://bucket/corpus"),
        (["run", "seeds/*.nothing"], "no files match: seeds/*.nothing"),
        (["run", "seeds", "--set", "filter.min_chars"], "expected SECTION.KEY=VALUE"),
        (["run", "seeds", "--set", "filtre.min_chars=3"], "unknown key filtre (known: "),
        (["run", "seeds", "--set", "filter.min_chrs=3"], "--set filter.min_chrs: unknown key"),
        (["run", "seeds", "--set", "filter.min_chars=-3"], "--set filter.min_chars: Input should be"),
        (["run", "seeds", "--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_user_mistakes_are_one_line(args, message):
    result = refinery(*args, own_server=True)  # without PREFECT_API_URL, as on a first run
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_config_key_and_value(tmp_path):
    bad_key = tmp_path / "key.toml"
    bad_key.write_text("[boilerplate]\nenable = false\n")
    result = refinery("run", "seeds", "--config", str(bad_key))
    assert result.returncode == 2 and "boilerplate.enable: unknown key" in result.stderr
    bad_value = tmp_path / "value.toml"
    bad_value.write_text('[script]\ntarget = "klingon"\n')
    result = refinery("run", "seeds", "--config", str(bad_value))
    assert result.returncode == 2 and "script.target" in result.stderr and "Traceback" not in result.stderr


def test_output_that_is_a_file(tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    result = refinery("run", "seeds", "--out", str(blocker / "dataset"))
    assert result.returncode == 2 and "is a file" in result.stderr


def test_default_config_is_valid_toml_for_the_loader():
    assert Config.from_toml(default_config_toml()) == Config()
    assert Config.from_toml(default_config_toml("fineweb")).filter.preset == "fineweb"
    shown = refinery("config", "--preset", "zh")
    assert shown.returncode == 0 and "# preset zh: " in shown.stdout and "min_cjk_share = 0.3" in shown.stdout


def test_run_seeds_end_to_end(tmp_path):
    """What `make run` does, in a fresh process with its own temporary Prefect server."""
    out = tmp_path / "seeds"
    result = refinery("run", "seeds", "--out", str(out), own_server=True)
    assert result.returncode == 0, result.stderr
    assert "5 documents read, 5 kept" in result.stdout and "0 errors, 1 flagged spun" in result.stdout
    assert "shard 1/1" in result.stderr  # progress is shown
    assert "View at" not in result.stderr  # the temporary server has no UI and is gone after the run
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["kept"] == 5 and manifest["counts"]["invariant_holds"]
    again = refinery("run", "seeds", "--out", str(out))
    assert again.returncode == 0 and "nothing to do" in again.stdout
    assert json.loads((out / "manifest.json").read_text()) == manifest
    forced = refinery("run", "seeds", "--out", str(out), "--force")
    assert forced.returncode == 0 and "5 documents read" in forced.stdout
    assert json.loads((out / "manifest.json").read_text())["run_id"] != manifest["run_id"]


def test_a_run_on_worker_processes_uses_one_temporary_prefect_server(tmp_path):
    """Threads of the task runner read Prefect's global settings; if those lack the temporary
    server's URL, Prefect starts a second server of its own (and says so in the log)."""
    config = tmp_path / "shards.toml"
    config.write_text("[run]\nshard_docs = 2\n")
    result = refinery(
        "run",
        "seeds",
        "--out",
        str(tmp_path / "out"),
        "--config",
        str(config),
        "--workers",
        "2",
        own_server=True,
    )
    assert result.returncode == 0, result.stderr
    assert "shard 3/3" in result.stderr
    assert "Starting temporary server" not in result.stderr + result.stdout


def test_a_wrong_text_field_is_explained_and_fails_and_the_flag_fixes_it(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    articles = [
        "今天北京天气晴朗，气温回升到二十度，市民纷纷出门踏青。" * 3,
        "上海举办国际车展，多家厂商发布了新能源车型和智能驾驶系统。" * 3,
        "广州地铁新线开通，沿线居民出行更加方便，早高峰不再拥挤。" * 3,
        "深圳科技园的一家初创公司获得新一轮融资，将扩大研发团队。" * 3,
    ]
    lines = [json.dumps({"content": text, "link": f"https://a.cn/{i}"}) for i, text in enumerate(articles)]
    corpus.write_text("\n".join(lines))
    out = tmp_path / "out"
    wrong = refinery("run", str(corpus), "--out", str(out))
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "4 of 4 records failed: no 'text' field (fields: content, link)" in wrong.stderr
    assert "--text-field NAME" in wrong.stderr and "nothing was kept from 4 documents read" in wrong.stderr
    right = refinery(
        "run",
        str(corpus),
        "--out",
        str(out),
        "--text-field",
        "content",
        "--url-field",
        "link",
        "--keep-lang",
        "zh",
        "--set",
        "filter.min_chars=10",
    )
    assert right.returncode == 0, right.stderr
    assert "4 kept" in right.stdout and "warning" not in right.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["config"]["read"]["text_field"] == "content"
    assert (
        manifest["config"]["language"]["keep"] == ["zh"] and manifest["config"]["filter"]["min_chars"] == 10
    )


def test_on_a_terminal_a_progress_bar_shows_documents_rate_eta_and_outcomes(tmp_path, write_corpus):
    """A real pseudo-terminal: the bar is drawn in place, and the flow's INFO lines give way to it."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import termios

    from tests.cli import ROOT, cli_command, cli_env

    corpus = write_corpus(tmp_path / "corpus", documents=1500, lines=12, seed=5)
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))  # rows, columns
    command = cli_command("run", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1")
    process = subprocess.Popen(
        [*command, "--set", "run.shard_docs=300"],
        cwd=ROOT,
        env=cli_env(own_server=True),
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=300) == 0
    screen = output.decode("utf-8", "replace")
    assert "\r\x1b[2K[" in screen and "docs/s" in screen and "ETA" in screen and "kept" in screen
    assert "shard 1/5" not in screen and "Traceback" not in screen
    assert "starting a temporary Prefect server" in screen and "1500 documents read" in screen


def test_inspect_shows_counts_samples_and_one_document(tmp_path, seeds_dir):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    seed = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(seed, corpus / "zz_copy.txt")
    out = tmp_path / "out"
    assert refinery("run", str(corpus), "--out", str(out)).returncode == 0
    overview = refinery("inspect", str(out))
    assert overview.returncode == 0, overview.stderr
    assert "6 documents read in 1 run(s): 5 kept, 1 rejected, 0 errors" in overview.stdout
    assert "rejected because: exact_duplicate 1" in overview.stdout and "languages: zh 6" in overview.stdout
    assert (
        "characters removed, by step: boilerplate" in overview.stdout and "shards       in" in overview.stdout
    )
    copies = refinery(
        "inspect", str(out), "--sample", "3", "--part", "rejected", "--reason", "exact_duplicate"
    )
    assert copies.stdout.startswith("1 of 1 rejected documents where reason=exact_duplicate (seed 0)")
    assert "copy of " in copies.stdout
    assert "step boilerplate:" in copies.stdout and "zz_copy.txt" in copies.stdout
    copy_id = next(line for line in copies.stdout.splitlines() if line.startswith("id ")).split()[1]
    one = refinery("inspect", str(out), "--id", copy_id)
    assert one.returncode == 0 and one.stdout.startswith("rejected:\nid " + copy_id) and "…" not in one.stdout
    assert_one_line_error(
        refinery("inspect", str(out), "--sample", "1", "--reason", "empty"), "--reason applies to"
    )
    drawn = {refinery("inspect", str(out), "--sample", "2", "--seed", str(seed)).stdout for seed in range(4)}
    assert len(drawn) > 1 and all(text.startswith("2 of 5 kept documents (seed") for text in drawn)
    again = refinery("inspect", str(out), "--sample", "2", "--seed", "3").stdout
    assert again in drawn  # the same seed, the same documents
    narrowed = refinery("inspect", str(out), "--sample", "9", "--where", "lang=zh", "--where", "cjk_share>=2")
    assert narrowed.stdout.strip() == "no kept documents where lang=zh and cjk_share>=2"
    assert_one_line_error(
        refinery("inspect", str(out), "--sample", "1", "--where", "colour=red"), "no column 'colour' here"
    )
    import shlex
    import subprocess

    from tests.cli import ROOT, cli_command, cli_env

    inspect = " ".join(map(shlex.quote, cli_command("inspect", str(out), "--sample", "5")))
    for reader in ("head -2", "true"):  # `true` has left before anything is written: EPIPE for sure
        piped = subprocess.run(
            ["bash", "-c", f"{inspect} | {reader}"], cwd=ROOT, env=cli_env(), capture_output=True, text=True
        )
        assert piped.stderr == "" and len(piped.stdout.splitlines()) == (2 if reader == "head -2" else 0)
    assert_one_line_error(refinery("inspect", str(tmp_path)), "no refinery dataset in")

    drawn = refinery("inspect", str(out), "--plots", str(tmp_path / "plots"))
    assert drawn.returncode == 0 and drawn.stdout.count("wrote ") == 2, drawn.stderr
    for name in ("signals.svg", "overview.svg"):  # what the run drew into the dataset, drawn again
        assert (tmp_path / "plots" / name).read_bytes() == (out / "plots" / name).read_bytes()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "signals.svg").write_text("my own drawing")
    assert_one_line_error(
        refinery("inspect", str(out), "--plots", str(tmp_path / "mine")), "which refinery did not draw"
    )
    assert (tmp_path / "mine" / "signals.svg").read_text() == "my own drawing"
    assert_one_line_error(refinery("inspect", str(out), "--plots", str(out / "plots")), "inside the dataset")


def test_pages_in_a_text_field_are_extracted_by_default_and_a_forced_text_format_is_questioned(tmp_path):
    topics = [
        "北京的春天来得比往年早，公园里游人如织。",
        "上海的新能源汽车展吸引了大量观众。",
        "广州地铁新线开通，方便了市民出行。",
    ]
    pages = [
        f"<!DOCTYPE html><html><head><title>新闻{i}</title></head><body><nav>首页 | 新闻 | 联系我们</nav>"
        f"<article><h1>新闻{i}</h1>{''.join(f'<p>{topic}这是第{n}段正文，记者在现场进行了采访。</p>' for n in range(6))}"
        "</article><footer>版权所有</footer></body></html>"
        for i, topic in enumerate(topics)
    ]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": page}, ensure_ascii=False) for page in pages))
    auto = refinery("run", str(corpus), "--out", str(tmp_path / "auto"))
    assert auto.returncode == 0 and "warning" not in auto.stderr, auto.stderr
    forced = refinery("run", str(corpus), "--out", str(tmp_path / "forced"), "--format", "text")
    assert forced.returncode == 0, forced.stderr
    assert (
        "3 of the first 3 kept documents are HTML markup" in forced.stderr
        and "--format auto" in forced.stderr
    )
