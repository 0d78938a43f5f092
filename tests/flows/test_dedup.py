import pyarrow as pa
import pyarrow.parquet as pq

from flows.dedup import exact_duplicates


def stage(path, rows):
    table = pa.table(
        {
            "id": [r[0] for r in rows],
            "text_hash": [r[1] for r in rows],
            "status": [r[2] for r in rows],
        }
    )
    pq.write_table(table, path)
    return str(path)


def test_first_copy_in_input_order_is_kept(tmp_path):
    first = stage(tmp_path / "s0.parquet", [("a", "h1", "kept"), ("b", "h2", "kept"), ("c", "h1", "kept")])
    second = stage(
        tmp_path / "s1.parquet", [("d", "h2", "kept"), ("e", "h3", "kept"), ("f", "h1", "rejected")]
    )
    duplicates = exact_duplicates([first, second]).to_pylist()
    assert duplicates == [{"id": "c", "duplicate_of": "a"}, {"id": "d", "duplicate_of": "b"}]


def test_no_shards_no_duplicates():
    assert exact_duplicates([]).num_rows == 0
