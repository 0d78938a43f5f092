"""A user's mistake ends in one line on stderr and exit code 2, before anything is written."""

from __future__ import annotations

import subprocess

import pytest

from refinery.flows.storage.dataset import dataset_lock
from tests.cli import ROOT, assert_one_line_error, cli_command, cli_env, free_port, run_cli

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[extract]\ntimeout_seconds = inf\n", "extract.timeout_seconds: Input should be a finite number"),
        ("[extract]\ntimeout_seconds = 1e300\n", "extract.timeout_seconds"),
        ("[read]\nmax_record_bytes = 1000000000000\n", "read.max_record_bytes"),
        ("[run]\nworkers = 100000\n", "run.workers"),
    ],
)
def test_values_that_would_break_a_run_are_refused(corpus, tmp_path, toml, message):
    config = tmp_path / "run.toml"
    config.write_text(toml)
    assert_one_line_error(
        run_cli("run", str(corpus), "--config", str(config), "--out", str(tmp_path / "o")), message
    )


def test_an_option_out_of_bounds(corpus, tmp_path):
    result = run_cli("run", str(corpus), "--workers", "100000", "--out", str(tmp_path / "o"))
    assert_one_line_error(result, "option run.workers")


@pytest.mark.parametrize(
    ("option", "value", "content", "message"),
    [
        ("--tokenizer", "{named}", '{"model": "none"}', "not a tokenizer.json file"),
        ("--set", "flagged.lists=['{named}']", "# nothing but a comment\n", "no entries in it"),
        ("--decontaminate", "{named}", '{"id": 1, "question": "..."}\n{"id": 2,\n', "line 2 is not JSON"),
        (
            "--set",
            "quality.classifiers=[{{name='q', path='{named}'}}]",
            "not a model",
            "not a fastText model",
        ),
        ("--set", "quality.classifiers=[{{name='q', path='{named}.missing'}}]", "", "cannot read it"),
    ],
)
def test_a_file_the_configuration_names_that_cannot_be_used(
    corpus, tmp_path, option, value, content, message
):
    named = tmp_path / "named"
    named.write_text(content)
    result = run_cli("run", str(corpus), option, value.format(named=named), "--out", str(tmp_path / "o"))
    assert_one_line_error(result, message)
    assert not (tmp_path / "o").exists()


def test_an_output_that_cannot_be_written(corpus):
    assert_one_line_error(run_cli("run", str(corpus), "--out", "/proc/refinery-test"), "cannot write there")


def test_a_dask_scheduler_nobody_runs(corpus, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_cli("run", str(corpus), "--dask-address", address, "--out", str(tmp_path / "o"))
    assert_one_line_error(result, f"no Dask scheduler answers at {address}")
    assert not (tmp_path / "o").exists()  # checked before the dataset's folder is made


def test_a_prefect_api_nobody_runs(corpus, tmp_path):
    env = {**cli_env(), "PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api"}
    command = cli_command("run", str(corpus), "--out", str(tmp_path / "o"))
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert_one_line_error(result, "does not answer")
    assert not (tmp_path / "o").exists()


def test_a_dataset_another_run_is_writing(corpus, tmp_path):
    out = tmp_path / "o"
    with dataset_lock(out):
        assert_one_line_error(run_cli("run", str(corpus), "--out", str(out)), "another run is writing")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--keep-lang", "chinese"], "unknown language code(s) 'chinese'"),
        (["--keep-lang", "zz,!!"], "unknown language code(s) 'zz', '!!'"),
        (["--text-field", ""], "read.text_field"),
        (["--dask-address", "not a url"], "is not a scheduler address"),
    ],
)
def test_options_that_would_fail_the_run_at_its_end_are_refused_at_its_start(
    corpus, tmp_path, options, message
):
    assert_one_line_error(run_cli("run", str(corpus), "--out", str(tmp_path / "o"), *options), message)
    assert not (tmp_path / "o").exists()


def test_an_empty_out_is_not_the_default(corpus, tmp_path):
    assert_one_line_error(run_cli("run", str(corpus), "--out", "", cwd=tmp_path), "--out is empty")
    assert not (tmp_path / "output").exists()


def test_a_glob_that_matches_nothing_says_so(corpus, tmp_path):
    result = run_cli("run", str(corpus / "*.none"), "--out", str(corpus.parent / "o"))
    assert_one_line_error(result, "no files match")
