from flows.manifest import build_manifest, run_record, run_report
from transforms.config import Config


def shard(documents: int, **counts) -> dict:
    return {
        "documents": documents,
        "languages": {"zh": documents},
        "scripts": {"Hans": documents},
        "flagged": {},
        "resumed": False,
        "inputs": [{"key": f"/c/{documents}.jsonl", "records": documents}],
        **counts,
    }


def record(sequence: int, parts: dict, shards: list[dict]) -> dict:
    stages = [
        {
            "name": "shards",
            "documents_in": 5,
            "documents_out": 4,
            "seconds": 1.5,
            "cpu_seconds": 2.25,
            "tasks": 2,
            "max_task_cpu_seconds": 1.5,
        },
    ]
    return run_record(
        sequence=sequence,
        mode="append",
        run_id=f"r{sequence}",
        started_at="t0",
        finished_at="t1",
        shards=shards,
        parts=parts,
        reasons={"empty": parts["rejected"]},
        chars_removed={},
        stages=stages,
        config_hash="h",
    )


def test_a_run_record_checks_the_invariant():
    good = record(0, {"kept": 3, "rejected": 1, "errors": 1}, [shard(2), shard(3)])
    assert good["counts"]["documents_read"] == 5 and good["counts"]["invariant_holds"]
    bad = record(0, {"kept": 3, "rejected": 1, "errors": 0}, [shard(2), shard(3)])
    assert not bad["counts"]["invariant_holds"]
    assert good["seconds_by_stage"] == {"shards": 1.5}


def test_an_append_adds_its_run_and_sums_the_counts():
    config = Config().model_dump(mode="json")
    first = build_manifest(None, record(0, {"kept": 2, "rejected": 0, "errors": 0}, [shard(2)]), [], config)
    second = build_manifest(first, record(1, {"kept": 2, "rejected": 1, "errors": 0}, [shard(3)]), [], config)
    assert [run["run_id"] for run in second["runs"]] == ["r0", "r1"]
    assert second["counts"]["documents_read"] == 5 and second["counts"]["kept"] == 4
    assert second["counts"]["rejected_by_reason"] == {"empty": 1}
    assert second["counts"]["invariant_holds"]
    assert len(second["inputs"]) == 2 and "inputs" not in second["runs"][-1]


def test_the_run_report_has_a_row_per_stage():
    report = run_report(record(0, {"kept": 3, "rejected": 1, "errors": 1}, [shard(2), shard(3)]))
    assert "| shards | 5 | 4 | 1.50 | 2.25 | 2 | 1.50 |" in report
