from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from refinery.flows.corpus.paragraphs import SharedParagraphs
from refinery.flows.corpus.stage import Corpus, InlineWork
from refinery.flows.storage.dataset import STAGING_SCHEMA
from refinery.flows.storage.parts import RunColumns, write_parts
from refinery.transforms.boilerplate import remove_seen_paragraphs
from refinery.transforms.canonical import canonical_text
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import process_record
from refinery.transforms.quality import quality_signals
from refinery.transforms.rows import document_columns

RUN = RunColumns("run", "hash", "0", datetime(2026, 1, 1, tzinfo=UTC))
PARAGRAPHS = Config().with_overrides({"dedup": {"paragraphs": True}})


def staged_by_pipeline(path, texts: list[str], config: Config) -> Corpus:
    """A shard as the shards stage writes it: every text through the real pipeline."""
    rows = []
    for i, text in enumerate(texts):
        record = RawRecord(f"d{i}", f"file:///c/d{i}.txt", None, "text", text.encode())
        rows.append({"id": record.id, "source_uri": record.source_uri, "source_format": "text"})
        rows[-1] |= document_columns(process_record(record, config), config.dedup)
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return Corpus.of([path], kept=sum(row["status"] == "kept" for row in rows))


def published(corpus: Corpus, config: Config, tmp_path) -> tuple[list[dict], list[dict], list[str]]:
    """The corpus after paragraph dedup, written as a version: data rows, rejected rows, and the ids
    its dedup index records."""
    corpus = SharedParagraphs().run(corpus, InlineWork(config, tmp_path, tmp_path / "out"))
    version = tmp_path / "version"
    counts = write_parts(corpus, 0, 0, str(version), RUN, 0, config)
    assert counts.kept == corpus.kept

    def read(part: str) -> list[dict]:
        path = version / part / "part-0000-00000.parquet"
        return pq.read_table(path).to_pylist() if path.exists() else []

    index = version / "dedup-index" / "run-0000-00000.parquet"
    return read("data"), read("rejected"), pq.read_table(index)["id"].to_pylist()


def test_a_shared_paragraph_stays_in_its_first_document_only(tmp_path):
    shared = "这一段文字被两篇不同的文章同时引用，内容完全相同，应当只保留一次。"
    texts = [
        f"第一篇文章的开头，讲述了自己的故事，也交代了写作的缘由。\n{shared}",
        f"第二篇文章完全是另一回事，主题不同，篇幅也不一样。\n{shared}\n第二篇的结尾段落，自成一段。",
    ]
    data, rejected, indexed = published(
        staged_by_pipeline(tmp_path / "s.parquet", texts, PARAGRAPHS), PARAGRAPHS, tmp_path
    )
    assert [row["text"] for row in data] == [
        texts[0],
        "第二篇文章完全是另一回事，主题不同，篇幅也不一样。\n第二篇的结尾段落，自成一段。",
    ]
    assert data[1]["steps"][-1]["name"] == "paragraph_dedup" and rejected == []
    assert indexed == ["d0", "d1"]
    assert remove_seen_paragraphs(texts[0], canonical_text(texts[0]).line_keys(), set())[0] == texts[0]


def test_a_document_that_loses_paragraphs_gets_fresh_quality_columns_and_is_judged_again(tmp_path):
    """Regression: after paragraph dedup the quality columns described the text before it, and
    no limit was applied again."""
    config = PARAGRAPHS.with_overrides({"filter": {"min_chars": 40}})
    shared = "这一段文字被几篇不同的文章同时引用，内容完全相同，应当只保留一次。"
    texts = [
        f"第一篇文章的开头，讲述了自己的故事，也说明了写作的缘由和经过。\n{shared}",
        f"第二篇只有一句自己的话。\n{shared}",  # cut below 40 characters
        f"第三篇文章完全是另一回事，主题不同，篇幅也更长一些，讲了很多细节，读来颇有意思。\n{shared}",
    ]
    data, rejected, indexed = published(
        staged_by_pipeline(tmp_path / "s.parquet", texts, config), config, tmp_path
    )
    assert [row["id"] for row in data] == indexed == ["d0", "d2"]
    assert [(row["id"], row["reason"], row["text"]) for row in rejected] == [
        ("d1", "too_short", "第二篇只有一句自己的话。")
    ]
    third = data[1]
    expected = quality_signals(third["text"], True, 0, config.filter.spun_threshold)
    assert third["dup_ngram_share"] == expected.dup_ngram_share
    assert third["mean_line_chars"] == expected.mean_line_chars == len(third["text"])


def test_a_paragraph_is_not_lost_when_the_document_that_held_it_first_is_rejected(tmp_path):
    """Regression (issue 31, bug 1): W = [P1, P3], X = [P1, P2], Y = [P2, P4] with min_chars 60. X loses
    P1 and falls under 60 characters; in 0.6.0 it still owned P2, so Y lost P2 too and P2 was in no
    published document, while the run's dedup index listed all three."""
    config = PARAGRAPHS.with_overrides({"filter": {"min_chars": 60}})
    p1, p2, p3, p4 = (
        f"第{n}段：这一段文字大约有四十个字符，讲的是一件独立的事情，和别的段落都不一样。"
        for n in range(1, 5)
    )
    texts = [f"{p1}\n{p3}", f"{p1}\n{p2}", f"{p2}\n{p4}"]
    data, rejected, indexed = published(
        staged_by_pipeline(tmp_path / "s.parquet", texts, config), config, tmp_path
    )
    assert [row["text"] for row in data] == [texts[0], texts[2]]  # P2 survives, in Y
    assert [(row["id"], row["text"]) for row in rejected] == [("d1", p2)]
    assert indexed == [row["id"] for row in data]
