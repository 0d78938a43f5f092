from refinery.flows.shards.process import ShardSummary
from refinery.flows.storage.manifest import (
    InputEntry,
    build_manifest,
    dataset_card,
    dumps,
    load_manifest,
    run_inputs,
    run_record,
    run_report,
)
from refinery.transforms.config import Config

STAGES = [
    {
        "name": "shards",
        "documents_in": 5,
        "documents_out": 4,
        "seconds": 1.5,
        "cpu_seconds": 2.25,
        "tasks": 2,
        "max_task_cpu_seconds": 1.5,
    }
]


TALLY = {
    "histograms": {"digit_share": {"edges": [0.0, 0.5, 1.0], "kept": [1, 0], "rejected": [0, 1]}},
    "judged": 2,
    "outside": {"max_digit_share": 1},
}


def shard(documents: int) -> ShardSummary:
    return ShardSummary(
        index=0,
        staging_path="s",
        documents=documents,
        languages={"zh": documents},
        scripts={"Hans": documents},
        inputs=[{"key": f"/c/{documents}.jsonl", "size": 10, "ukey": "k", "records": documents}],
    )


def record(sequence: int, parts: dict, shards: list[ShardSummary]):
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
        tokens={"kept": 10 * parts["kept"], "rejected": 10 * parts["rejected"]},
        stages=STAGES,
        config_hash="h",
    )


def test_a_run_record_checks_the_invariant():
    good = record(0, {"kept": 3, "rejected": 1, "errors": 1}, [shard(2), shard(3)])
    assert good.counts.documents_read == 5 and good.counts.invariant_holds
    bad = record(0, {"kept": 3, "rejected": 1, "errors": 0}, [shard(2), shard(3)])
    assert not bad.counts.invariant_holds
    assert good.seconds_by_stage == {"shards": 1.5}


def test_an_append_adds_its_run_and_sums_the_counts():
    config = Config().model_dump(mode="json")
    shards = [shard(2)], [shard(3)]
    first = build_manifest(
        None,
        record(0, {"kept": 2, "rejected": 0, "errors": 0}, shards[0]),
        run_inputs(0, shards[0]),
        [],
        config,
        {},
    )
    second = build_manifest(
        first,
        record(1, {"kept": 2, "rejected": 1, "errors": 0}, shards[1]),
        run_inputs(1, shards[1]),
        [],
        config,
        TALLY,
    )
    assert [run.run_id for run in second.runs] == ["r0", "r1"]
    assert second.counts.documents_read == 5 and second.counts.kept == 4
    assert second.counts.rejected_by_reason == {"empty": 1} and second.counts.invariant_holds
    assert [entry.run for entry in second.inputs] == [0, 1]
    assert second.counts.tokens == {"kept": 40, "rejected": 10}
    assert second.counts.distributions == TALLY and first.counts.distributions == {}


def test_a_manifest_reads_back_as_written_and_keeps_keys_it_does_not_know():
    config = Config().model_dump(mode="json")
    shards = [shard(2)]
    manifest = build_manifest(
        None,
        record(0, {"kept": 2, "rejected": 0, "errors": 0}, shards),
        run_inputs(0, shards),
        [],
        config,
        TALLY,
    )
    assert load_manifest(dumps(manifest)) == manifest
    older = manifest.model_copy(update={"inputs": [InputEntry(key="/a", size=1, future_key="x")]})
    assert load_manifest(dumps(older)).inputs[0].model_extra == {"future_key": "x"}


def test_the_card_says_what_personal_data_and_how_many_tokens_were_counted():
    config = Config.model_validate({"pii": {"mode": "redact"}, "tokens": {"tokenizer": "/m/tokenizer.json"}})
    manifest = build_manifest(
        None,
        record(0, {"kept": 2, "rejected": 1, "errors": 0}, [shard(3)]),
        [],
        [],
        config.model_dump(mode="json"),
        TALLY,
    )
    manifest.counts.pii = {"cn_mobile": 3, "email": 1}
    card = dataset_card(manifest, "out", ["signals.svg"])
    assert "Personal data (`pii.mode = redact`" in card and "cn_mobile 3, email 1" in card
    assert "Tokens (`tokens` column, tokenizer `/m/tokenizer.json`): 20 kept, 10 rejected." in card
    assert "![Quality signals and lengths of kept and rejected documents](plots/signals.svg)" in card
    plain = build_manifest(
        None,
        record(0, {"kept": 2, "rejected": 1, "errors": 0}, [shard(3)]),
        [],
        [],
        Config().model_dump(),
        {},
    )
    plain.counts.tokens = {}  # what a run without a tokenizer records
    card = dataset_card(plain, "out", [])
    assert "Personal data" not in card and "Tokens" not in card and "## Plots" not in card


def test_the_run_report_has_a_row_per_stage():
    report = run_report(record(0, {"kept": 3, "rejected": 1, "errors": 1}, [shard(2), shard(3)]))
    assert "| shards | 5 | 4 | 1.50 | 2.25 | 2 | 1.50 |" in report
