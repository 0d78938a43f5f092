"""--index is as safe as --out: refinery writes only into a new or empty directory or an index of
its own, never into the dataset or the inputs, and reads only the index files it wrote."""

from __future__ import annotations

import pytest

from tests.adversarial.test_output_dir import snapshot
from tests.cli import assert_one_line_error, run_cli

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


def refused(corpus, tmp_path, index, message: str) -> None:
    assert_one_line_error(
        run_cli("run", str(corpus), "--out", str(tmp_path / "out"), "--index", str(index)), message
    )
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_the_filesystem_root_is_refused(corpus, tmp_path):
    refused(corpus, tmp_path, "/", "filesystem root")


def test_a_folder_refinery_did_not_write_is_left_alone(corpus, tmp_path):
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "plan.md").write_text("mine")
    (mine / "table.parquet").write_bytes(b"not parquet at all")
    before = snapshot(mine)
    refused(corpus, tmp_path, mine, "holds files refinery did not write")
    assert snapshot(mine) == before


def test_another_dataset_is_not_an_index(corpus, tmp_path):
    dataset = tmp_path / "other"  # what a dataset holds, as far as the check can tell
    (dataset / "data").mkdir(parents=True)
    (dataset / ".refinery").write_text("A refinery dataset")
    (dataset / "data" / "part-0000-00000.parquet").write_bytes(b"PAR1")
    before = snapshot(dataset)
    refused(corpus, tmp_path, dataset, "holds files refinery did not write")
    assert snapshot(dataset) == before


def test_the_inputs_and_the_dataset_are_refused(corpus, tmp_path):
    before = snapshot(corpus)
    refused(corpus, tmp_path, corpus, "holds the input")
    refused(corpus, tmp_path, corpus / "index", "is inside the input")  # a later run would read it
    refused(corpus, tmp_path, tmp_path / "out" / "index", "overlap")
    assert snapshot(corpus) == before


def test_a_file_is_refused(corpus, tmp_path):
    (tmp_path / "index").write_text("x")
    refused(corpus, tmp_path, tmp_path / "index", "is a file, not a directory")


def test_an_index_reads_only_what_refinery_wrote_in_it(corpus, tmp_path):
    index = tmp_path / "index"
    first = run_cli("run", str(corpus), "--out", str(tmp_path / "a"), "--index", str(index))
    assert first.returncode == 0, first.stderr
    written = sorted(path.name for path in index.iterdir())
    assert written[0] == ".refinery-index" and len(written) == 2 and written[1].endswith(".parquet")

    junk = index / "0123456789abcdef.parquet"  # named like an index file, but not Parquet
    junk.write_bytes(b"not parquet")
    second = run_cli("run", str(corpus), "--out", str(tmp_path / "b"), "--index", str(index))
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr and "0123456789abcdef.parquet" in second.stderr
    assert "exact_duplicate 3" in second.stdout  # a's documents were read from the index
    assert junk.read_bytes() == b"not parquet"
