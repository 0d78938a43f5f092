from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import process_record
from refinery.transforms.rows import document_columns, document_from_row


def test_a_row_reads_back_as_the_document_it_was_written_from():
    page = "<html><head><title>标题</title><meta name='author' content='作者'></head><body><article>"
    page += (
        "<p>研究人员发现了新的结果，并发表了相关论文，引起了广泛关注。</p>" * 5 + "</article></body></html>"
    )
    config = Config()
    for record in (
        RawRecord("a", "file:///a.html", None, "html", page.encode(), "https://example.cn/a"),
        RawRecord("b", "file:///b.txt", None, "text", "電腦軟體的資料。\n第二行。".encode()),
        RawRecord(
            "c", "file:///c.txt", None, "text", "一篇文章的正文在这里。\n微信扫一扫，一键转发".encode()
        ),
    ):
        document = process_record(record, config)
        row = document_columns(document, config.dedup)
        assert document_from_row(row) == document
        assert document_columns(document_from_row(row), config.dedup) == row
    assert document.steps[2].removed == ("微信扫一扫，一键转发",)  # the last record's boilerplate step


def test_a_rejected_document_has_no_near_dedup_keys():
    config = Config().with_overrides({"filter": {"min_chars": 1000}})
    document = process_record(RawRecord("a", "file:///a.txt", None, "text", "很短。".encode()), config)
    row = document_columns(document, config.dedup)
    assert (row["status"], row["reason"]) == ("rejected", "too_short")
    assert row["text_hash"] and "minhash" not in row


def test_metadata_is_strict_json_with_missing_numbers_as_null():
    import json
    import math

    from refinery.transforms.rows import metadata_json

    text = metadata_json({"score": math.nan, "rank": [1.5, -math.inf], "name": "甲"})
    assert json.loads(text) == {"name": "甲", "rank": [1.5, None], "score": None}
    assert "NaN" not in text and "Infinity" not in text
