import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from refinery.flows.command.train import is_held_out, read_texts, train_classifier
from refinery.flows.errors import UserError
from refinery.flows.inputs.plan import check_same_classifiers
from tests.transforms.test_classifiers import BAD, GOOD

TRAIN = """
import sys
from pathlib import Path
from refinery.flows.command.train import train_classifier
from tests.transforms.test_classifiers import BAD, GOOD
print(train_classifier(GOOD, BAD, Path(sys.argv[1]), held_out=0.2))
"""


def test_the_same_documents_give_the_same_model_and_split(tmp_path):
    """In a new process each, as the command runs: fastText's second training in one process can
    differ from its first."""
    outputs = [
        subprocess.run(
            [sys.executable, "-c", TRAIN, str(tmp_path / name)], capture_output=True, text=True, check=True
        )
        for name in ("a.bin", "b.bin")
    ]
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "b.bin").read_bytes()
    assert outputs[0].stdout == outputs[1].stdout
    held = sum(is_held_out(text, 0.2) for text in GOOD + BAD)
    assert "accuracy=" in outputs[0].stdout and not list(tmp_path.glob(".*.tmp"))
    evaluation = train_classifier(GOOD, BAD, tmp_path / "c.bin", held_out=0.2)
    assert sum(evaluation.held_out.values()) == held and sum(evaluation.trained.values()) == 60 - held
    assert 0 <= evaluation.accuracy <= 1


def test_too_few_documents_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="too few documents"):
        train_classifier(GOOD[:1], BAD, tmp_path / "m.bin")
    assert not (tmp_path / "m.bin").exists()


def test_documents_are_read_from_jsonl_parquet_text_and_folders(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"body": "甲"}) + "\n\n" + json.dumps({"text": "乙"}) + "\n")
    pq.write_table(pa.table({"body": ["丙", None]}), tmp_path / "b.parquet")
    (tmp_path / "c.txt").write_text("丁", encoding="utf-8")
    (tmp_path / "skipped.csv").write_text("x")
    assert list(read_texts(tmp_path, "body")) == ["甲", "丙", "丁"]
    with pytest.raises(UserError, match="no column 'text'"):
        read_texts(tmp_path / "b.parquet", "text")
    (tmp_path / "bad.jsonl").write_text("{oops\n")
    with pytest.raises(UserError, match="line 1 is not JSON"):
        list(read_texts(tmp_path / "bad.jsonl", "text"))
    with pytest.raises(UserError, match="no such file"):
        read_texts(tmp_path / "missing.jsonl", "text")


def test_documents_are_read_one_at_a_time(tmp_path):
    """A corpus need not fit in memory: a bad line stops the reading when it is reached."""
    (tmp_path / "late.jsonl").write_text(json.dumps({"text": "甲"}) + "\n{oops\n", encoding="utf-8")
    texts = read_texts(tmp_path / "late.jsonl", "text")
    assert next(texts) == "甲"
    with pytest.raises(UserError, match="line 2 is not JSON"):
        next(texts)
    pq.write_table(
        pa.table({"text": [str(n) for n in range(3000)]}), tmp_path / "big.parquet", row_group_size=1000
    )
    parquet = read_texts(tmp_path / "big.parquet", "text")
    assert next(parquet) == "0" and sum(1 for _ in parquet) == 2999


def test_an_append_run_keeps_the_dataset_s_classifier_columns():
    check_same_classifiers(("edu",), ("edu",))
    with pytest.raises(UserError, match=r"classifiers \(edu\), this run's would have \(none\)"):
        check_same_classifiers(("edu",), ())


@pytest.mark.system
def test_the_command_trains_says_how_well_and_never_writes_over_a_file(tmp_path):
    from tests.cli import assert_one_line_error, run_cli

    for name, texts in (("good.jsonl", GOOD), ("bad.jsonl", BAD)):
        (tmp_path / name).write_text(
            "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
        )
    command = (
        "train-classifier",
        "--positive",
        str(tmp_path / "good.jsonl"),
        "--negative",
        str(tmp_path / "bad.jsonl"),
    )
    result = run_cli(*command, "--out", str(tmp_path / "zh.bin"))
    assert result.returncode == 0, result.stderr
    assert (
        "held out" in result.stdout and "accuracy" in result.stdout and (tmp_path / "zh.bin").stat().st_size
    )
    assert f'quality.classifiers=[{{name="quality", path="{tmp_path / "zh.bin"}"' in result.stdout
    model = (tmp_path / "zh.bin").read_bytes()
    assert_one_line_error(run_cli(*command, "--out", str(tmp_path / "zh.bin")), "exists")
    assert (tmp_path / "zh.bin").read_bytes() == model
    assert_one_line_error(
        run_cli(*command[:3], "--negative", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "b.bin")),
        "no such file",
    )
