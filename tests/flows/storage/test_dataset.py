import json

import pytest

from refinery.flows.errors import UserError
from refinery.flows.storage.dataset import MARKER, check_output_dir, claim_output_dir, is_refinery_dataset


def test_absent_empty_and_own_directories_are_accepted(tmp_path):
    inputs = [tmp_path / "in"]
    check_output_dir(tmp_path / "new", inputs)
    (tmp_path / "empty").mkdir()
    check_output_dir(tmp_path / "empty", inputs)
    debris = tmp_path / "killed-early"  # a first run killed before it published anything
    (debris / ".staging").mkdir(parents=True)
    (debris / ".lock").write_text("")
    (debris / ".next-run1").mkdir()
    check_output_dir(debris, inputs)


def test_a_claimed_directory_and_an_older_dataset_are_refinerys(tmp_path):
    claimed = tmp_path / "claimed"
    claimed.mkdir()
    claim_output_dir(claimed)
    assert (claimed / MARKER).is_file() and is_refinery_dataset(claimed)
    older = tmp_path / "older"  # 0.3 and before wrote no marker, only the manifest
    older.mkdir()
    (older / "manifest.json").write_text(json.dumps({"runs": [], "config_hash": "x", "counts": {}}))
    (older / "data").mkdir()
    check_output_dir(older, [])


@pytest.mark.parametrize("content", ["not json", json.dumps([1, 2]), json.dumps({"runs": []})])
def test_other_files_make_a_directory_foreign(tmp_path, content):
    (tmp_path / "manifest.json").write_text(content)
    with pytest.raises(UserError, match="did not write"):
        check_output_dir(tmp_path, [])


def test_inputs_and_outputs_stay_apart(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    single = tmp_path / "one.txt"
    with pytest.raises(UserError, match="holds the input"):
        check_output_dir(tmp_path, [single])
    with pytest.raises(UserError, match="would read the dataset as input"):
        check_output_dir(corpus / "out", [corpus])
    check_output_dir(tmp_path / "corpus-out", [corpus])  # a sibling whose name starts the same


def test_publishing_links_the_parts_and_retires_the_dedup_index_link_of_0_5(tmp_path):
    from refinery.flows.storage.dataset import publish

    out = tmp_path / "out"
    for version in ("old", "new"):
        for name in ("data", "rejected", "errors", "dedup-index"):
            (tmp_path / version / name).mkdir(parents=True)
        (tmp_path / version / "manifest.json").write_text("{}")
        (tmp_path / version / "README.md").write_text(version)
    out.mkdir()
    publish(tmp_path / "old", out)
    (out / "dedup-index").symlink_to(".current/dedup-index")  # what 0.5 published
    publish(tmp_path / "new", out)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "README.md",
        "data",
        "errors",
        "manifest.json",
        "rejected",
    ]
    assert (out / "README.md").read_text() == "new" and (out / ".current" / "dedup-index").is_dir()
