import pyarrow as pa
import pyarrow.parquet as pq

from refinery.flows.corpus.stage import Corpus, Revision
from refinery.flows.storage.dataset import STAGING_SCHEMA


def shard(path, ids, status="kept"):
    rows = [
        {"id": i, "text": f"text {i}", "status": status, "source_uri": "x", "source_format": "text"}
        for i in ids
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return str(path)


def revision(path, rows, shard=None):
    pq.write_table(pa.Table.from_pylist(rows), path)
    return Revision(str(path), shard)


def test_a_revision_changes_only_the_rows_and_columns_it_names_and_rows_keep_their_order(tmp_path):
    corpus = Corpus.of([shard(tmp_path / "s0.parquet", ["a", "b", "c"])], kept=3)
    changed = revision(tmp_path / "r.parquet", [{"id": "b", "status": "rejected", "reason": "short"}])
    rows = corpus.revised([changed], kept=2).rows(0).to_pylist()
    assert [(r["id"], r["text"], r["status"], r["reason"]) for r in rows] == [
        ("a", "text a", "kept", None),
        ("b", "text b", "rejected", "short"),
        ("c", "text c", "kept", None),
    ]
    assert corpus.rows(0)["status"].to_pylist() == ["kept"] * 3  # the corpus before is unchanged


def test_revisions_apply_in_the_order_the_stages_wrote_them(tmp_path):
    corpus = Corpus.of([shard(tmp_path / "s0.parquet", ["a", "b"])])
    first = revision(tmp_path / "r1.parquet", [{"id": "a", "text": "first"}, {"id": "b", "text": "b1"}])
    second = revision(tmp_path / "r2.parquet", [{"id": "a", "text": "second"}])
    assert corpus.revised([first, second], 2).rows(0, ["text"])["text"].to_pylist() == ["second", "b1"]


def test_a_shard_revision_applies_to_its_shard_only_and_kept_rows_follow_status(tmp_path):
    corpus = Corpus.of([shard(tmp_path / "s0.parquet", ["a", "b"]), shard(tmp_path / "s1.parquet", ["c"])])
    mine = revision(tmp_path / "r.parquet", [{"id": "a", "status": "rejected"}], shard=1)
    every = revision(tmp_path / "e.parquet", [{"id": "c", "status": "rejected"}])
    corpus = corpus.revised([mine, every], kept=2)
    assert corpus.kept_rows(0, ["id"])["id"].to_pylist() == ["a", "b"]  # shard 1's revision: not here
    assert corpus.kept_rows(1, ["id"]).num_rows == 0
    assert corpus.all_kept_rows(["id", "status"]).column_names == ["id", "status"]
