"""Bad records cost themselves only: every record read is kept, rejected or an error row, and a run
full of them ends normally."""

from __future__ import annotations

import io
import json
import os

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.cli import run_cli

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them

TEXT = "研究人员发现了新的结果，并发表了相关论文，引起了广泛关注。"


def warc(bodies: list[str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for i, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(f"<html><body><article><p>{body}</p></article></body></html>".encode())
        record = writer.create_warc_record(
            f"https://x.cn/{i}", "response", payload=payload, http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_every_bad_record_is_one_error_row_and_the_rest_is_published(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [
        json.dumps(
            {"text": f"第一条。{TEXT}", "url": "http://a/\ud83d", "note": "x\udc00"}
        ),  # lone surrogates
        "[" * 1100 + "]" * 1100,  # nested too deep for json
        json.dumps({"text": f"第三条。{TEXT}"}, ensure_ascii=False),
    ]
    (corpus / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = pa.table({"text": [f"第{i}行。{TEXT}{i}" for i in range(30)]})
    pq.write_table(table, corpus / "rows.parquet", row_group_size=10, compression="none")
    data = bytearray((corpus / "rows.parquet").read_bytes())
    offset = pq.ParquetFile(corpus / "rows.parquet").metadata.row_group(1).column(0).data_page_offset
    data[offset : offset + 40] = b"\xab" * 40
    (corpus / "rows.parquet").write_bytes(bytes(data))
    whole = warc([f"甲页。{TEXT}" * 3, f"乙页。{TEXT}" * 3])
    (corpus / "cut.warc").write_bytes(whole[:-120])
    (corpus / os.fsdecode(b"name\xff.txt")).write_text(f"文件名不是UTF-8。{TEXT}", encoding="utf-8")
    page = f'<html><head><meta charset="iso-8859-1"></head><body><article><p>标错编码的网页。{TEXT * 3}</p></article></body></html>'
    (corpus / "mislabelled.html").write_bytes(page.encode("gbk"))  # GBK bytes, a Latin-1 label
    good = f"三个坏字节的文本。{TEXT * 3}".encode()
    (corpus / "bad_bytes.txt").write_bytes(good[:30] + b"\xff\xfe\xfd" + good[30:])
    whole = warc([f"丙页。{TEXT}" * 3, f"丁页。{TEXT}" * 3, f"戊页。{TEXT}" * 3])
    start = whole.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = whole.index(b"\r\n", start)
    lying = whole[:start] + str(int(whole[start:end]) + 300).encode() + whole[end:]
    (corpus / "lying.warc").write_bytes(lying)  # the first record's length runs into the second
    stamps = pa.array([0, 10**13], pa.int64()).cast(pa.timestamp("s"))  # year ~318,000: no datetime
    pq.write_table(
        pa.table({"text": [f"日期{i}。{TEXT}" for i in range(2)], "when": stamps}), corpus / "dates.parquet"
    )
    (corpus / "loop").symlink_to(corpus)  # a folder that contains itself
    namesake = tmp_path / "elsewhere" / "corpus"  # same folder name, same file name, other text
    namesake.mkdir(parents=True)
    (corpus / "same.txt").write_text(f"原文件夹里的一篇。{TEXT * 2}", encoding="utf-8")
    (namesake / "same.txt").write_text(f"同名文件夹里的另一篇。{TEXT * 2}", encoding="utf-8")

    out = tmp_path / "out"
    result = run_cli("run", str(corpus), str(namesake), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    assert counts["documents_read"] == 3 + 30 + 2 + 1 + 2 + 3 + 2 + 2
    # the deep line, a row group of 10, the record cut short, the record whose length lies
    assert counts["errors"] == 1 + 10 + 1 + 1
    assert counts["invariant_holds"]
    rows = {
        part: ds.dataset(out / part, format="parquet").to_table().to_pylist()
        for part in ("data", "rejected", "errors")
    }
    assert sum(map(len, rows.values())) == counts["documents_read"]
    first = next(r for part in ("data", "rejected") for r in rows[part] if r["text"].startswith("第一条"))
    assert first["source_url"] == "http://a/\ufffd" and any(s["name"] == "repair" for s in first["steps"])
    assert any(r["source_uri"].endswith("name%FF.txt") for r in rows["data"])
    by_file = {r["source_uri"].rsplit("/", 1)[-1]: r for r in rows["data"]}
    assert "标错编码的网页" in by_file["mislabelled.html"]["text"]  # decoded as GBK, not mojibake
    assert "三个坏字节的文本" in by_file["bad_bytes.txt"]["text"]  # the bad bytes replaced, the text kept
    every_row = [r for part in rows.values() for r in part]
    jsonl = [(r["source_format"], r["content_type"]) for r in every_row if r["source_uri"].endswith(".jsonl")]
    assert sorted(jsonl, key=str) == [
        ("jsonl", "text"),
        ("jsonl", "text"),
        ("jsonl", None),
    ]  # one is an error
    assert {r["source_format"] for r in every_row if r["source_uri"].endswith("cut.warc")} == {"warc"}
    kept_urls = {r["source_url"] for r in rows["data"]}
    assert {"https://x.cn/1", "https://x.cn/2"} <= kept_urls  # read on after the lying record
    dates = [r for part in ("data", "rejected") for r in rows[part] if r["text"].startswith("日期")]
    assert len(dates) == 2 and any("unreadable_fields" in r["metadata"] for r in dates)
    namesakes = [r for r in rows["data"] if r["source_uri"].endswith("/same.txt")]
    assert len(namesakes) == 2 and len({r["id"] for r in namesakes}) == 2  # both kept, two ids
