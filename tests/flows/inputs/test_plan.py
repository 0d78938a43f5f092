import pytest

from refinery.flows.errors import UserError
from refinery.flows.inputs.plan import select_inputs
from refinery.flows.inputs.readers import InputFile
from refinery.flows.storage.manifest import Manifest

OLD = InputFile("/in/a.txt", "in/a.txt", 10, "k1", "text")
NEW = InputFile("/in/b.txt", "in/b.txt", 20, "k2", "text")


def manifest(*versions: str) -> Manifest:
    counts = {"documents_read": 1, "kept": 1, "rejected": 0, "errors": 0, "invariant_holds": True}
    runs = [
        {
            "sequence": n,
            "mode": "append",
            "run_id": f"r{n}",
            "started_at": "t",
            "finished_at": "t",
            "config_hash": "c",
            "pipeline_version": version,
            "counts": counts,
        }
        for n, version in enumerate(versions)
    ]
    return Manifest.model_validate(
        {
            "run_id": "r",
            "started_at": "t",
            "finished_at": "t",
            "counts": counts,
            "inputs": [{"key": OLD.key, "size": OLD.size, "ukey": OLD.ukey}],
            "runs": runs,
            "versions": {},
            "config_hash": "c",
            "config": {},
        }
    )


def test_append_selects_only_unseen_inputs():
    selection = select_inputs((OLD, NEW), manifest("0.2.0"), "append", "c", "0.2.1")
    assert selection.files == (NEW,) and not selection.up_to_date


def test_append_refuses_a_dataset_written_with_other_columns():
    with pytest.raises(UserError, match=r"refinery 0\.1\.0, whose columns differ.*--mode replace"):
        select_inputs((OLD, NEW), manifest("0.1.0"), "append", "c", "0.2.0")


def test_replace_is_a_no_op_only_for_the_same_inputs_configuration_and_release():
    assert select_inputs((OLD,), manifest("0.2.0"), "replace", "c", "0.2.0").up_to_date
    assert not select_inputs((OLD,), manifest("0.1.0"), "replace", "c", "0.2.0").up_to_date
    assert not select_inputs((OLD,), manifest("0.2.0"), "replace", "other", "0.2.0").up_to_date


def test_a_file_whose_ukey_changed_is_reported_in_append_and_rebuilt_in_replace():
    from dataclasses import replace

    edited = replace(OLD, ukey="k1-edited")
    assert select_inputs((edited,), manifest("0.2.0"), "append", "c", "0.2.0").changed == (OLD.key,)
    assert not select_inputs((edited,), manifest("0.2.0"), "replace", "c", "0.2.0").up_to_date


def test_a_manifest_this_version_cannot_read_blocks_append_but_not_replace(tmp_path):
    from refinery.flows.inputs.plan import selection_for
    from refinery.transforms.config import Config

    (tmp_path / "manifest.json").write_text('{"runs": [{"no": "fields"}]}', encoding="utf-8")
    previous, selection = selection_for((OLD,), tmp_path, Config())
    assert previous is None and selection.files == (OLD,) and not selection.up_to_date
    with pytest.raises(UserError, match="not written by this version"):
        selection_for((OLD,), tmp_path, Config().with_overrides({"run": {"mode": "append"}}))


def test_replace_is_not_a_no_op_when_the_transforms_code_changed():
    recorded = manifest("0.2.0")
    recorded.runs[-1].code_digest = "before"
    assert select_inputs((OLD,), recorded, "replace", "c", "0.2.0", code_digest="before").up_to_date
    assert not select_inputs((OLD,), recorded, "replace", "c", "0.2.0", code_digest="edited").up_to_date


def test_the_code_digest_follows_code_and_data_files_only(tmp_path):
    from refinery.flows.storage.manifest import code_digest

    (tmp_path / "data").mkdir()
    (tmp_path / "rules.py").write_text("LIMIT = 3\n")
    (tmp_path / "data" / "table.tsv").write_text("a\tb\n")
    before = code_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0")
    assert code_digest.__wrapped__(tmp_path) == before
    (tmp_path / "data" / "table.tsv").write_text("a\tc\n")
    assert code_digest.__wrapped__(tmp_path) != before
