"""The same flow on a real Dask LocalCluster (2 worker processes on 127.0.0.1) gives the same dataset."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from refinery.flows.flow import configured_flow
from refinery.flows.storage.dataset import RUN_COLUMNS, read_part
from refinery.transforms.config import Config

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir, seed_lines) -> Path:
    """The seeds plus 300 documents made from their lines, some of them copies or edited copies."""
    root = tmp_path_factory.mktemp("dask") / "corpus"
    shutil.copytree(seeds_dir, root)
    rng = random.Random(7)
    made: list[str] = []
    for index in range(300):
        draw = rng.random()
        if made and draw < 0.1:
            text = made[rng.randrange(len(made))]
        elif made and draw < 0.2:
            text = made[rng.randrange(len(made))] + f"（记者 {index} 号补充）"
        else:
            text = "\n".join(rng.sample(seed_lines, 6))
        made.append(text)
        (root / f"generated_{index:03d}.txt").write_text(text, encoding="utf-8")
    return root


def run(corpus: Path, out: Path, runner: str, band_groups: int) -> dict:
    config = Config.from_toml(
        f'[run]\nshard_docs = 100\nworkers = 2\nrunner = "{runner}"\ndedup_band_groups = {band_groups}\n'
    )
    return configured_flow(config)(inputs=[str(corpus)], out=str(out), config=config)


def test_dask_run_equals_local_run(prefect_server, corpus, tmp_path):
    local = run(corpus, tmp_path / "local", "process", band_groups=1)
    dask = run(corpus, tmp_path / "dask", "dask", band_groups=4)  # the candidate search split in 4 tasks
    assert local["counts"]["documents_read"] == dask["counts"]["documents_read"] == 305
    assert dask["counts"]["shards"] == 4 and dask["counts"]["invariant_holds"]
    assert local["counts"]["rejected_by_reason"] == dask["counts"]["rejected_by_reason"]
    assert local["counts"]["rejected_by_reason"].get("exact_duplicate", 0) > 0
    assert local["counts"]["rejected_by_reason"].get("near_duplicate", 0) > 0
    for part in ("data", "rejected", "errors"):
        mine = read_part(tmp_path / "dask", part).drop(list(RUN_COLUMNS)).sort_by("id")
        theirs = read_part(tmp_path / "local", part).drop(list(RUN_COLUMNS)).sort_by("id")
        assert mine.equals(theirs), part
