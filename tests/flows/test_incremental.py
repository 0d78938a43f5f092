import pytest

from flows.errors import UserError
from flows.incremental import select_inputs
from flows.readers import InputFile

OLD = InputFile("/in/a.txt", "in/a.txt", 10, 1, "text")
NEW = InputFile("/in/b.txt", "in/b.txt", 20, 2, "text")


def manifest(*versions: str) -> dict:
    return {
        "inputs": [{"key": OLD.key, "size": OLD.size, "mtime_ns": OLD.mtime_ns}],
        "runs": [{"pipeline_version": version, "config_hash": "c"} for version in versions],
    }


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
