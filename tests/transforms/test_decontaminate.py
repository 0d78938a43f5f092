import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from refinery.transforms.config import Config
from refinery.transforms.decontaminate import benchmark_index, build_index, contamination, id_key, read_items
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import process_record

QUESTION = "根据材料，下列关于唐朝科举制度的说法正确的是哪一项：进士科以诗赋取士，明经科考查经义"
PASSAGE = "The committee concluded that the bridge had been designed with insufficient margins for wind load"
WINDOWS = len(QUESTION) - 3 - 19  # of its CJK characters (all but 3 punctuation marks), from each 20th
ARTICLE = "市政府今天召开新闻发布会，介绍了今年城市绿化工作的进展情况，全市新增公园绿地三百公顷。"


def index():
    return build_index([("exam.jsonl:q1", [QUESTION, "A"]), ("read.jsonl:7", [PASSAGE])])


@pytest.mark.parametrize(
    "copy",
    [
        QUESTION[5:25],  # 20 characters in a row: one window
        "根據材料，下列關於唐朝科舉制度的說法正確的是哪一項",  # Traditional
        "根据材料下列关于唐朝科举制度的说法\n正确的是哪一项",  # punctuation dropped, a line break inside
        "根 据 材 料 , 下 列 关 于 唐 朝 科 举 制 度 的 说 法 正 确 的",  # spaced out
    ],
)
def test_a_chinese_passage_is_found_in_every_spelling(copy):
    item, windows = contamination(f"{ARTICLE}\n{copy}\n{ARTICLE}", index())
    assert item == "exam.jsonl:q1" and windows >= 1


def test_english_is_compared_by_thirteen_words_whatever_the_case_and_width():
    thirteen = " ".join(PASSAGE.split()[:13])
    assert contamination(f"As reported: {thirteen.upper()}.", index())[0] == "read.jsonl:7"
    full_width = thirteen.translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})
    assert contamination(full_width, index())[0] == "read.jsonl:7"
    assert contamination(" ".join(PASSAGE.split()[:12]), index()) is None


def test_shared_phrases_shorter_than_a_window_are_not_contamination():
    assert contamination(QUESTION[5:24], index()) is None  # 19 characters
    near = "根据材料，下列关于宋朝科举制度的说法正确的是哪一项"  # one character differs in every window
    assert contamination(near, index()) is None
    assert contamination(ARTICLE * 3, index()) is None


def test_the_item_sharing_most_windows_is_named_each_window_counting_for_its_first_item():
    other = build_index([("a:1", [QUESTION[:25]]), ("a:2", [QUESTION])])
    assert contamination(QUESTION, other) == ("a:2", WINDOWS - 5)  # a:1 holds the first 5 windows


def test_windows_never_span_two_fields_and_short_items_are_counted():
    split = build_index([("x:1", [QUESTION[:15], QUESTION[15:30]]), ("x:2", ["太短"])])
    assert contamination(QUESTION, split) is None
    assert split.short_items == 2 and split.labels == ()


def test_files_of_any_field_names(tmp_path):
    jsonl = tmp_path / "bench.jsonl"
    items = [{"uid": "u9", "context": {"text": QUESTION}}, {"options": ["甲", PASSAGE]}]
    jsonl.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n\n")
    parquet = tmp_path / "bench.parquet"
    pq.write_table(pa.table({"idx": [3], "input": [ARTICLE + ARTICLE]}), parquet)
    built = benchmark_index((str(jsonl), str(parquet)), (), None)
    assert built.labels == ("bench.jsonl:u9", "bench.jsonl:#2", "bench.parquet:3")
    only_options = benchmark_index((str(jsonl),), ("options",), None)
    assert only_options.labels == ("bench.jsonl:#2",)
    by_field = benchmark_index((str(parquet),), (), "input")  # the id field is never compared
    assert by_field.labels == () and by_field.short_items == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": 1}\n[1, 2]\n', "line 2 is not a JSON object"),
        (b'{"id": 1}\n{"id": \n', "line 2 is not JSON"),
        (b'{"q": "\xff"}\n', "not UTF-8 text"),
    ],
)
def test_a_malformed_file_says_where(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        read_items(str(path))
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(ValueError, match="not a Parquet file"):
        read_items(str(tmp_path / "bad.parquet"))


@pytest.mark.parametrize(("action", "reason"), [("drop", "contaminated"), ("flag", None)])
def test_the_pipeline_drops_or_flags_and_names_the_item(tmp_path, action, reason):
    path = tmp_path / "exam.jsonl"
    path.write_text(json.dumps({"id": "q1", "question": QUESTION}, ensure_ascii=False) + "\n")
    config = Config().with_overrides({"decontaminate": {"files": (str(path),), "action": action}})
    text = f"{ARTICLE}\n真题回顾：{QUESTION}\n{ARTICLE}"
    document = process_record(RawRecord("d", "u", None, "text", text.encode()), config)
    assert document.reason == reason and document.contaminated_by == "exam.jsonl:q1"
    step = document.steps[-1]
    assert (step.name, step.detail) == ("decontaminate", f"exam.jsonl:q1 ({WINDOWS} windows)")
    clean = process_record(RawRecord("d", "u", None, "text", ARTICLE.encode()), config)
    assert clean.reason is None and clean.contaminated_by is None
    assert "decontaminate" not in [step.name for step in clean.steps]


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ({"question": "…", "id": 7}, "id"),
        ({"stem": "…", "item_id": "a1"}, "item_id"),
        ({"no": 5, "article": "…"}, "no"),
        ({"questionId": "q"}, "questionId"),
        ({"_id": "m"}, "_id"),
        ({"valid": "yes", "key": "B", "paid": 2}, None),  # an answer key is not an id
        ({"id": True, "qid": "q"}, "qid"),
    ],
)
def test_the_id_is_the_first_field_named_like_one(item, key):
    assert id_key(item, None) == key
    assert id_key(item, "paid") == ("paid" if "paid" in item else None)
