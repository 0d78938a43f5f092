import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from refinery.flows.corpus.lines import FrequentLines, frequent_line_keys
from refinery.flows.corpus.stage import Corpus, InlineWork
from refinery.flows.storage.dataset import STAGING_SCHEMA
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


def after_lines(staged: str, config: Config, tmp_path) -> list[dict]:
    """The shard's rows once the corpus-lines stage has run (min_docs 10)."""
    config = config.with_overrides({"boilerplate": {"corpus_line_min_docs": 10}})
    corpus = Corpus.of([staged], kept=pq.read_table(staged)["status"].to_pylist().count("kept"))
    revised = FrequentLines().run(corpus, InlineWork(config, tmp_path, tmp_path / "out"))
    assert revised.kept == sum(row["status"] == "kept" for row in revised.rows(0).to_pylist())
    return revised.rows(0).to_pylist()


def test_a_line_shared_by_many_documents_is_removed_from_each(tmp_path):
    staged = stage(tmp_path / "s.parquet", [article(i) for i in range(12)])
    frequent = frequent_line_keys(Corpus.of([staged]), min_docs=10)
    assert frequent["key"].to_pylist() == [line_key(CHROME)]
    cleaned = after_lines(staged, Config(), tmp_path)
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
    before = pq.read_table(staged).to_pylist()
    after = after_lines(staged, Config(), tmp_path)
    assert [row["id"] for row in after] == [f"d{i}" for i in range(16)]
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if i % 4 == 1 or i == 6:  # no frequent line, or not kept: the row is as it was staged
            assert new == old
        else:
            assert CHROME in old["text"] and CHROME not in new["text"]
            assert new["steps"][-1]["name"] == "corpus_lines"


def test_exact_copies_count_once(tmp_path):
    staged = stage(tmp_path / "s.parquet", [article(1)] * 12, hashes=["same"] * 12)
    assert frequent_line_keys(Corpus.of([staged]), min_docs=10).num_rows == 0


def test_documents_made_mostly_of_frequent_lines_are_left_for_dedup(tmp_path):
    texts = [article(i) for i in range(12)]
    staged = stage(tmp_path / "s.parquet", texts)
    config = Config().with_overrides({"boilerplate": {"corpus_line_max_share": 0.2}})
    cleaned = after_lines(staged, config, tmp_path)
    assert [row["text"] for row in cleaned] == texts


def test_nothing_is_written_when_no_line_is_frequent(tmp_path):
    staged = stage(tmp_path / "s.parquet", [article(i) for i in range(3)])
    corpus = Corpus.of([staged], kept=3)
    assert FrequentLines().run(corpus, InlineWork(Config(), tmp_path, tmp_path / "out")) == corpus
    assert sorted(path.name for path in tmp_path.iterdir()) == ["frequent-lines.parquet", "s.parquet"]
    assert not FrequentLines().wanted(Config().with_overrides({"boilerplate": {"corpus_line_min_docs": 0}}))


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
    cleaned = after_lines(staged, config, tmp_path)
    assert {(row["status"], row["reason"]) for row in cleaned} == {("rejected", "too_short")}
    assert {len(row["text"]) for row in cleaned} == {10}
