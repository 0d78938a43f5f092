import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from refinery.flows.corpus_lines import apply_frequent_lines, frequent_line_keys, paragraph_decisions
from refinery.flows.dataset import STAGING_SCHEMA
from refinery.transforms.canonical import canonical_text
from refinery.transforms.config import Config

CHROME = "本站所有文章均由编辑精心挑选，欢迎大家常来看看"


def article(i: int) -> str:
    return (
        f"第{i}篇文章的正文，讲述了不同的故事，内容各不相同。\n这是第{i}篇的第二段，同样独一无二。\n{CHROME}"
    )


def line_key(line: str) -> int:
    (key,) = canonical_text(line).line_keys()
    return key


def line_keys(text: str) -> list[int | None]:
    return canonical_text(text).line_keys()


def stage(path, texts, hashes=None):
    rows = [
        {
            "id": f"d{i}",
            "text": text,
            "text_hash": (hashes or [f"h{i}" for i in range(len(texts))])[i],
            "status": "kept",
            "steps": [],
            "line_keys": line_keys(text),
            "source_uri": "x",
            "source_format": "text",
        }
        for i, text in enumerate(texts)
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return str(path)


def test_a_line_shared_by_many_documents_is_removed_from_each(tmp_path):
    staged = stage(tmp_path / "s.parquet", [article(i) for i in range(12)])
    frequent = frequent_line_keys([staged], min_docs=10)
    assert frequent["key"].to_pylist() == [line_key(CHROME)]
    pq.write_table(frequent, tmp_path / "f.parquet")
    cleaned = pq.read_table(apply_frequent_lines(staged, str(tmp_path / "f.parquet"), Config())).to_pylist()
    assert all(CHROME not in row["text"] for row in cleaned)
    assert all(row["steps"][-1]["name"] == "corpus_lines" for row in cleaned)
    assert pq.read_table(staged)["text"][0].as_py() == article(0)  # the staging itself stays as it was


def test_only_rows_with_a_frequent_line_change_and_every_row_keeps_its_place(tmp_path):
    plain = "一篇没有站点口号的文章，只有自己的正文内容。\n它的第二段也与众不同，不会重复。"
    texts = [plain if i % 4 == 1 else article(i) for i in range(16)]
    staged = stage(tmp_path / "s.parquet", texts)
    table = pq.read_table(staged)
    rejected = pc.equal(pa.array(range(16)), 6)
    table = table.set_column(
        table.schema.get_field_index("status"), "status", pc.if_else(rejected, "rejected", table["status"])
    )
    pq.write_table(table, staged)
    pq.write_table(frequent_line_keys([staged], min_docs=10), tmp_path / "f.parquet")
    before = pq.read_table(staged).to_pylist()
    after = pq.read_table(apply_frequent_lines(staged, str(tmp_path / "f.parquet"), Config())).to_pylist()
    assert [row["id"] for row in after] == [f"d{i}" for i in range(16)]
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if i % 4 == 1 or i == 6:  # no frequent line, or not kept: the row is as it was staged
            assert new == old
        else:
            assert CHROME in old["text"] and CHROME not in new["text"]
            assert new["steps"][-1]["name"] == "corpus_lines"


def test_exact_copies_count_once(tmp_path):
    staged = stage(tmp_path / "s.parquet", [article(1)] * 12, hashes=["same"] * 12)
    assert frequent_line_keys([staged], min_docs=10).num_rows == 0


def test_documents_made_mostly_of_frequent_lines_are_left_for_dedup(tmp_path):
    texts = [article(i) for i in range(12)]
    staged = stage(tmp_path / "s.parquet", texts)
    pq.write_table(frequent_line_keys([staged], min_docs=10), tmp_path / "f.parquet")
    config = Config().with_overrides({"boilerplate": {"corpus_line_max_share": 0.2}})
    cleaned = pq.read_table(apply_frequent_lines(staged, str(tmp_path / "f.parquet"), config)).to_pylist()
    assert [row["text"] for row in cleaned] == texts


def test_turned_off():
    assert frequent_line_keys([], min_docs=0).num_rows == 0


def test_paragraph_dedup_keeps_a_shared_paragraph_in_its_first_document_only(tmp_path):
    from datetime import UTC, datetime

    from refinery.flows.dedup import DUPLICATES_SCHEMA
    from refinery.flows.publish import RunColumns, write_parts
    from refinery.transforms.boilerplate import remove_seen_paragraphs

    shared = "这一段文字被两篇不同的文章同时引用，内容完全相同，应当只保留一次。"
    texts = [
        f"第一篇文章的开头，讲述了自己的故事。\n{shared}",
        f"第二篇文章完全是另一回事，主题不同。\n{shared}\n第二篇的结尾段落。",
    ]
    staged = stage(tmp_path / "s.parquet", texts)
    no_duplicates = DUPLICATES_SCHEMA.empty_table()
    decisions = paragraph_decisions([staged], no_duplicates, Config())
    assert [(row["id"], row["drop"], row["rejected"]) for row in decisions.to_pylist()] == [
        ("d1", [line_key(shared)], False)
    ]

    run = RunColumns("run", "hash", "0", datetime(2026, 1, 1, tzinfo=UTC))
    write_parts(staged, 0, no_duplicates, str(tmp_path / "out"), run, Config(), decisions)
    rows = pq.read_table(tmp_path / "out" / "data" / "part-0000-00000.parquet").to_pylist()
    assert rows[0]["text"] == texts[0]
    assert rows[1]["text"] == "第二篇文章完全是另一回事，主题不同。\n第二篇的结尾段落。"
    assert rows[1]["steps"][-1]["name"] == "paragraph_dedup"
    assert remove_seen_paragraphs(texts[0], line_keys(texts[0]), set())[0] == texts[0]


SECOND_CHROME = "每一篇都附上的这段介绍文字说明了栏目的来历"


def pipeline_rows(path, texts: list[str], config: Config) -> str:
    """Staged rows as a shard writes them: every text through the real pipeline."""
    from refinery.transforms.document import RawRecord
    from refinery.transforms.pipeline import process_record
    from refinery.transforms.rows import document_columns

    rows = []
    for i, text in enumerate(texts):
        record = RawRecord(f"d{i}", f"file:///c/d{i}.txt", None, "text", text.encode())
        document = process_record(record, config)
        rows.append({"id": record.id, "source_uri": record.source_uri, "source_format": "text"})
        rows[-1] |= document_columns(document, config.dedup)
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return str(path)


def test_a_document_cut_below_min_chars_by_corpus_lines_is_rejected(tmp_path):
    """Regression: corpus-line removal knew only "empty", not filter.min_chars."""
    config = Config().with_overrides(
        {"filter": {"min_chars": 40}, "boilerplate": {"corpus_line_max_share": 0.95}}
    )
    texts = [f"第{i:02d}篇很短的正文。\n{CHROME}\n{SECOND_CHROME}" for i in range(12)]
    staged = pipeline_rows(tmp_path / "s.parquet", texts, config)
    assert all(row["status"] == "kept" for row in pq.read_table(staged).to_pylist())  # 55 characters
    pq.write_table(frequent_line_keys([staged], min_docs=10), tmp_path / "f.parquet")
    cleaned = pq.read_table(apply_frequent_lines(staged, str(tmp_path / "f.parquet"), config)).to_pylist()
    assert {(row["status"], row["reason"]) for row in cleaned} == {("rejected", "empty")}
    assert {len(row["text"]) for row in cleaned} == {10}


def test_paragraph_dedup_revises_the_quality_columns_and_judges_again(tmp_path):
    """Regression: after paragraph dedup the quality columns described the text before it, and
    no limit was applied again."""
    from datetime import UTC, datetime

    from refinery.flows.dedup import DUPLICATES_SCHEMA
    from refinery.flows.publish import RunColumns, write_parts
    from refinery.transforms.quality import quality_signals

    config = Config().with_overrides({"filter": {"min_chars": 40}})
    shared = "这一段文字被几篇不同的文章同时引用，内容完全相同，应当只保留一次。"
    texts = [
        f"第一篇文章的开头，讲述了自己的故事，也说明了写作的缘由和经过。\n{shared}",
        f"第二篇只有一句自己的话。\n{shared}",  # cut below 40 characters
        f"第三篇文章完全是另一回事，主题不同，篇幅也更长一些，讲了很多细节，读来颇有意思。\n{shared}",
    ]
    staged = pipeline_rows(tmp_path / "s.parquet", texts, config)
    no_duplicates = DUPLICATES_SCHEMA.empty_table()
    decisions = paragraph_decisions([staged], no_duplicates, config)
    run = RunColumns("run", "hash", "0", datetime(2026, 1, 1, tzinfo=UTC))
    write_parts(staged, 0, no_duplicates, str(tmp_path / "out"), run, config, decisions)

    kept = pq.read_table(tmp_path / "out" / "data" / "part-0000-00000.parquet").to_pylist()
    rejected = pq.read_table(tmp_path / "out" / "rejected" / "part-0000-00000.parquet").to_pylist()
    assert [row["id"] for row in kept] == ["d0", "d2"]
    assert [(row["id"], row["reason"], row["text"]) for row in rejected] == [
        ("d1", "empty", "第二篇只有一句自己的话。")
    ]
    third = kept[1]
    expected = quality_signals(third["text"], True, 0, config.filter.spun_threshold)
    assert third["dup_ngram_share"] == expected.dup_ngram_share
    assert third["mean_line_chars"] == expected.mean_line_chars == len(third["text"])


def test_a_paragraph_is_not_lost_when_the_document_that_held_it_first_is_rejected(tmp_path):
    """Regression (issue 31, bug 1): W = [P1, P3], X = [P1, P2], Y = [P2, P4] with min_chars 60. X loses
    P1 and falls under 60 characters; in 0.6.0 it still owned P2, so Y lost P2 too and P2 was in no
    published document, while the run's dedup index listed all three."""
    from datetime import UTC, datetime

    from refinery.flows.dedup import DUPLICATES_SCHEMA, write_run_index
    from refinery.flows.publish import RunColumns, write_parts

    config = Config().with_overrides({"filter": {"min_chars": 60}, "dedup": {"paragraphs": True}})
    p1, p2, p3, p4 = (
        f"第{n}段：这一段文字大约有四十个字符，讲的是一件独立的事情，和别的段落都不一样。"
        for n in range(1, 5)
    )
    texts = [f"{p1}\n{p3}", f"{p1}\n{p2}", f"{p2}\n{p4}"]
    staged = pipeline_rows(tmp_path / "s.parquet", texts, config)
    no_duplicates = DUPLICATES_SCHEMA.empty_table()
    decisions = paragraph_decisions([staged], no_duplicates, config)
    assert [(row["id"], row["rejected"]) for row in decisions.to_pylist()] == [("d1", True)]

    out = tmp_path / "out"
    run = RunColumns("run", "hash", "0", datetime(2026, 1, 1, tzinfo=UTC))
    write_parts(staged, 0, no_duplicates, str(out), run, config, decisions)
    published = pq.read_table(out / "data" / "part-0000-00000.parquet").to_pylist()
    assert [row["text"] for row in published] == [texts[0], texts[2]]  # P2 survives, in Y
    rejected = pq.read_table(out / "rejected" / "part-0000-00000.parquet").to_pylist()
    assert [(row["id"], row["text"]) for row in rejected] == [("d1", p2)]

    index_path = tmp_path / "run-0000.parquet"
    write_run_index([staged], no_duplicates, index_path, config.dedup, decisions)
    assert pq.read_table(index_path)["id"].to_pylist() == [row["id"] for row in published]
