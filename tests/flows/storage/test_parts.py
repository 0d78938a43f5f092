from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from refinery.flows.corpus.dedup import DUPLICATES_SCHEMA
from refinery.flows.corpus.stage import Corpus, Revision
from refinery.flows.storage.dataset import STAGING_SCHEMA
from refinery.flows.storage.parts import RunColumns, write_parts
from refinery.transforms.config import Config

RUN = RunColumns("run", "hash", "0.5.0", datetime(2026, 1, 1, tzinfo=UTC))


def staged(tmp_path, rows: list[dict]) -> str:
    path = tmp_path / "shard.parquet"
    base = {"source_uri": "file:///c/a.jsonl", "source_format": "jsonl"}
    pq.write_table(pa.Table.from_pylist([{**base, **row} for row in rows], schema=STAGING_SCHEMA), path)
    return str(path)


def test_a_shard_splits_into_its_three_parts_with_the_run_columns(tmp_path):
    step = [{"name": "boilerplate", "chars_removed": 7, "detail": ""}]
    path = staged(
        tmp_path,
        [
            {"id": "a", "status": "kept", "text": "甲", "content_type": "text", "steps": step},
            {
                "id": "b",
                "status": "rejected",
                "reason": "empty",
                "text": "",
                "content_type": "text",
                "steps": step,
            },
            {"id": "c", "status": "error", "error": "no 'text' field"},
        ],
    )
    counts = write_parts(Corpus.of([path]), 0, 3, str(tmp_path / "v"), RUN, 1, Config())
    assert (counts.kept, counts.rejected, counts.errors) == (1, 1, 1)
    assert counts.reasons == {"empty": 1} and counts.chars_removed == {"boilerplate": 14}
    for part, ids in (("data", ["a"]), ("rejected", ["b"]), ("errors", ["c"])):
        table = pq.read_table(tmp_path / "v" / part / "part-0001-00003.parquet")
        assert table["id"].to_pylist() == ids
        assert table["run_id"].to_pylist() == ["run"] and table["source_format"].to_pylist() == ["jsonl"]
    index = pq.read_table(tmp_path / "v" / "dedup-index" / "run-0001-00003.parquet")
    assert index["id"].to_pylist() == ["a"]  # what the data part holds, from the same rows


def test_empty_parts_are_not_written(tmp_path):
    path = staged(
        tmp_path, [{"id": "a", "status": "kept", "text": "甲", "content_type": "text", "steps": []}]
    )
    write_parts(Corpus.of([path]), 0, 0, str(tmp_path / "v"), RUN, 0, Config())
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == ["data", "dedup-index"]


def test_a_duplicate_is_rejected_with_the_copy_it_duplicates(tmp_path):
    path = staged(
        tmp_path,
        [
            {"id": "a", "status": "kept", "text": "甲乙", "content_type": "text", "steps": []},
            {"id": "b", "status": "kept", "text": "甲乙", "content_type": "text", "steps": []},
        ],
    )
    duplicates = pa.Table.from_pylist(
        [
            {"id": "a", "duplicate_of": None, "reason": None, "similarity": None, "cluster_size": 2},
            {
                "id": "b",
                "duplicate_of": "a",
                "reason": "exact_duplicate",
                "similarity": 1.0,
                "cluster_size": 2,
            },
        ],
        schema=DUPLICATES_SCHEMA,
    )
    duplicates = duplicates.append_column("status", pa.array(["kept", "rejected"]))
    pq.write_table(duplicates, tmp_path / "duplicates.parquet")
    corpus = Corpus.of([path]).revised([Revision(str(tmp_path / "duplicates.parquet"))], kept=1)
    counts = write_parts(corpus, 0, 0, str(tmp_path / "v"), RUN, 0, Config())
    assert (counts.kept, counts.rejected) == (1, 1)
    rejected = pq.read_table(tmp_path / "v" / "rejected" / "part-0000-00000.parquet").to_pylist()
    assert (rejected[0]["id"], rejected[0]["duplicate_of"], rejected[0]["cluster_size"]) == ("b", "a", 2)
