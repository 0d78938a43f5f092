import pytest

from flows.errors import UserError
from flows.readers import discover, plan_shards, read_records
from transforms.config import Config

CONFIG = Config()


def make_tree(root):
    (root / "corpus" / "sub").mkdir(parents=True)
    (root / "corpus" / "b.txt").write_text("乙")
    (root / "corpus" / "a.html").write_text("<p>甲</p>")
    (root / "corpus" / "sub" / "c.txt").write_text("丙")
    (root / "corpus" / "notes.csv").write_text("x,y")
    (root / "corpus" / ".hidden.txt").write_text("secret")
    return root / "corpus"


def test_discover_is_sorted_and_keys_are_relative(tmp_path):
    found = discover([str(make_tree(tmp_path))], CONFIG.read)
    assert [f.key for f in found.files] == ["corpus/a.html", "corpus/b.txt", "corpus/sub/c.txt"]
    assert [f.source_format for f in found.files] == ["html", "text", "text"]
    assert [p.rsplit("/", 1)[-1] for p in found.skipped] == ["notes.csv"]


def test_missing_input_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="input not found"):
        discover([str(tmp_path / "nope")], CONFIG.read)


def test_nothing_readable_is_a_user_error(tmp_path):
    (tmp_path / "x.csv").write_text("a")
    with pytest.raises(UserError, match="no readable files"):
        discover([str(tmp_path)], CONFIG.read)


def test_shards_respect_document_and_byte_limits(tmp_path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(7):
        (corpus / f"{i}.txt").write_text("字" * 100)
    files = discover([str(corpus)], CONFIG.read).files
    by_docs = plan_shards(files, Config.from_toml("[run]\nshard_docs = 3\n"))
    assert [len(s.files) for s in by_docs] == [3, 3, 1]
    by_bytes = plan_shards(files, Config.from_toml("[run]\nshard_bytes = 650\n"))
    assert [len(s.files) for s in by_bytes] == [2, 2, 2, 1]
    assert [s.index for s in by_bytes] == [0, 1, 2, 3]


def test_a_text_file_is_one_record(tmp_path):
    item = discover([str(make_tree(tmp_path) / "b.txt")], CONFIG.read).files[0]
    (record,) = read_records(item)
    assert record.data == "乙".encode() and record.source_uri.startswith("file://")
    assert record.source_record is None
