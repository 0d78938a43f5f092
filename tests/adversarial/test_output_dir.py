"""--out never points refinery at files it did not write, nor at its own inputs."""

from __future__ import annotations

import json

import pytest

from tests.cli import assert_one_line_error, run_cli

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


def snapshot(folder):
    return {
        path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_a_folder_refinery_did_not_write_is_left_alone(corpus, tmp_path):
    mine = tmp_path / "my"
    (mine / "data").mkdir(parents=True)
    (mine / "data" / "precious.csv").write_text("x")
    (mine / "README.md").write_text("my notes")
    before = snapshot(mine)
    assert_one_line_error(
        run_cli("run", str(corpus), "--out", str(mine)), "holds files refinery did not write"
    )
    assert snapshot(mine) == before


def test_a_foreign_manifest_is_not_a_dataset(corpus, tmp_path):
    mine = tmp_path / "my"
    mine.mkdir()
    (mine / "manifest.json").write_text(json.dumps({"name": "something else"}))
    assert_one_line_error(run_cli("run", str(corpus), "--out", str(mine)), "did not write")


def test_the_filesystem_root_is_refused(corpus):
    assert_one_line_error(run_cli("run", str(corpus), "--out", "/"), "filesystem root")


def test_the_input_folder_itself_is_refused(corpus):
    before = snapshot(corpus)
    assert_one_line_error(run_cli("run", str(corpus), "--out", str(corpus)), "holds the input")
    assert snapshot(corpus) == before


def test_a_folder_holding_the_inputs_is_refused(corpus):
    assert_one_line_error(run_cli("run", str(corpus), "--out", str(corpus.parent)), "holds the input")
    glob = str(corpus / "*.txt")
    assert_one_line_error(run_cli("run", glob, "--out", str(corpus.parent)), "holds the input")


def test_an_output_inside_the_inputs_is_refused(corpus):
    assert_one_line_error(
        run_cli("run", str(corpus), "--out", str(corpus / "dataset")), "would read the dataset as input"
    )
    assert not (corpus / "dataset").exists()


def test_a_folder_of_the_users_own_in_place_of_a_published_link_is_not_deleted(corpus, tmp_path):
    out = tmp_path / "out"
    assert run_cli("run", str(corpus), "--out", str(out)).returncode == 0
    (out / "data").unlink()  # the user replaces the link with a folder of their own
    (out / "data").mkdir()
    (out / "data" / "notes.txt").write_text("mine")
    assert_one_line_error(run_cli("run", str(corpus), "--out", str(out), "--force"), "is not the link")
    assert (out / "data" / "notes.txt").read_text() == "mine"
