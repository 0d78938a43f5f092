import gzip
import io
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from refinery.flows.errors import UserError
from refinery.flows.inputs.readers import Piece, Unread, discover, plan_shards, read_piece
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord

CONFIG = Config()


def make_tree(root):
    (root / "corpus" / "sub").mkdir(parents=True)
    (root / "corpus" / "b.txt").write_text("乙")
    (root / "corpus" / "a.html").write_text("<p>甲</p>")
    (root / "corpus" / "sub" / "c.txt").write_text("丙")
    (root / "corpus" / "notes.pdf").write_text("x,y")
    (root / "corpus" / ".hidden.txt").write_text("secret")
    return root / "corpus"


def test_discover_is_sorted_and_keys_are_absolute_paths(tmp_path):
    corpus = make_tree(tmp_path)
    found = discover([str(corpus)], CONFIG.read)
    assert [f.key for f in found.files] == [f"{corpus}/a.html", f"{corpus}/b.txt", f"{corpus}/sub/c.txt"]
    assert [f.source_format for f in found.files] == ["html", "text", "text"]
    assert [p.rsplit("/", 1)[-1] for p in found.skipped] == ["notes.pdf"]


def test_missing_input_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="input not found"):
        discover([str(tmp_path / "nope")], CONFIG.read)


def test_nothing_readable_is_a_user_error(tmp_path):
    (tmp_path / "x.pdf").write_text("a")
    with pytest.raises(UserError, match="no readable files"):
        discover([str(tmp_path)], CONFIG.read)


def test_shards_respect_document_and_byte_limits(tmp_path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(7):
        (corpus / f"{i}.txt").write_text("字" * 100)
    files = discover([str(corpus)], CONFIG.read).files
    by_docs = plan_shards(files, Config.from_toml("[run]\nshard_docs = 3\n"))
    assert [len(s.pieces) for s in by_docs] == [3, 3, 1]
    by_bytes = plan_shards(files, Config.from_toml("[run]\nshard_bytes = 650\n"))
    assert [len(s.pieces) for s in by_bytes] == [2, 2, 2, 1]
    assert [s.index for s in by_bytes] == [0, 1, 2, 3]


def test_a_text_file_is_one_record(tmp_path):
    item = discover([str(make_tree(tmp_path) / "b.txt")], CONFIG.read).files[0]
    (record,) = read_piece(Piece(item), CONFIG.read)
    assert record.data == "乙".encode() and record.source_uri.startswith("file://")
    assert record.source_record is None


# --- containers: JSONL, Parquet, WARC -------------------------------------------------------------

ARTICLE = "人工智能芯片产业正在快速发展，各国纷纷加大投入。"


def jsonl_lines() -> list[bytes]:
    return [
        json.dumps({"text": ARTICLE, "url": "https://example.cn/1", "id": 1}, ensure_ascii=False).encode(),
        b"",  # a blank line is not a record
        b'{"text": "broken',  # invalid JSON
        json.dumps({"body": "no text field"}).encode(),
        b"[1, 2, 3]",  # not an object
        json.dumps({"text": 42}).encode(),
        json.dumps({"text": "最后一行", "tags": ["a", "b"]}, ensure_ascii=False).encode(),
    ]


def read_all(path: Path, config: Config = CONFIG) -> list:
    files = discover([str(path)], config.read).files
    return [
        record
        for shard in plan_shards(files, config)
        for p in shard.pieces
        for record in read_piece(p, config.read)
    ]


def errors_of(records) -> list[str]:
    return [r.error for r in records if isinstance(r, Unread)]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_records_fields_and_bad_lines(tmp_path, suffix):
    data = b"\n".join(jsonl_lines()) + b"\n"
    path = tmp_path / f"dump{suffix}"
    path.write_bytes(compress(data, suffix))
    records = read_all(path)
    good = [r for r in records if isinstance(r, RawRecord)]
    assert [r.data.decode() for r in good] == [ARTICLE, "最后一行"]
    assert good[0].source_url == "https://example.cn/1" and good[0].metadata == {"id": 1}
    assert good[1].metadata == {"tags": ["a", "b"]} and good[0].source_record == "byte 0"
    errors = errors_of(records)
    assert len(errors) == 4 and "invalid JSON" in errors[0] and "no 'text' field (fields: body)" in errors[1]
    assert "not a JSON object but list" in errors[2] and "'text' is int" in errors[3]
    assert len({r.id for r in records}) == len(records) == 6


def compress(data: bytes, suffix: str) -> bytes:
    if suffix.endswith(".gz"):
        return gzip.compress(data)
    if suffix.endswith(".zst"):
        return zstandard.ZstdCompressor().compress(data)
    return data


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_truncated_compressed_jsonl_keeps_what_it_read_and_reports_the_rest(tmp_path, suffix):
    lines = [json.dumps({"text": f"{ARTICLE}{i}"}, ensure_ascii=False).encode() for i in range(2000)]
    whole = compress(b"\n".join(lines) + b"\n", suffix)
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(whole[: len(whole) // 2])
    records = read_all(path)
    good = [r for r in records if isinstance(r, RawRecord)]
    assert len(good) < 2000  # what decompressed before the cut, if anything
    (error,) = errors_of(records)
    assert "truncated or corrupt" in error and records[-1].source_record.startswith("byte ")


def test_a_large_jsonl_file_is_split_on_line_boundaries(tmp_path):
    lines = [
        json.dumps({"text": f"{ARTICLE}{i}" * (1 + i % 7)}, ensure_ascii=False).encode() for i in range(500)
    ]
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(lines))  # no newline at the end, too
    for limits in ("shard_bytes = 4000", "shard_docs = 40"):  # cut by bytes, or by records
        config = Config.from_toml(f"[run]\n{limits}\n")
        shards = plan_shards(discover([str(path)], config.read).files, config)
        assert len(shards) > 10, limits
        records = [r for s in shards for p in s.pieces for r in read_piece(p, config.read)]
        assert [json.loads(line)["text"] for line in lines] == [r.data.decode() for r in records]
        assert len({r.id for r in records}) == 500


def test_a_line_over_the_record_limit_is_an_error_not_a_memory_spike(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as handle:
        handle.write(b'{"text": "' + b"x" * (3 * 1024 * 1024) + b'"}\n')
        handle.write(json.dumps({"text": ARTICLE}, ensure_ascii=False).encode() + b"\n")
    config = Config.from_toml("[read]\nmax_record_bytes = 1048576\n")
    records = read_all(path, config)
    assert "exceeds read.max_record_bytes" in errors_of(records)[0]
    assert records[1].data.decode() == ARTICLE and records[1].source_record == f"byte {3 * 1024 * 1024 + 13}"


def test_parquet_rows_and_row_group_pieces(tmp_path):
    texts = [f"{ARTICLE}{i}" for i in range(300)]
    table = pa.table({"text": texts, "url": [f"https://e.cn/{i}" for i in range(300)], "n": list(range(300))})
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path, row_group_size=50)
    config = Config.from_toml("[run]\nshard_docs = 100\n")
    shards = plan_shards(discover([str(path)], config.read).files, config)
    assert [p.records for s in shards for p in s.pieces] == [100, 100, 100]
    records = [r for s in shards for p in s.pieces for r in read_piece(p, config.read)]
    assert [r.data.decode() for r in records] == texts
    assert records[120].source_record == "row 120" and records[120].metadata == {"n": 120}
    assert records[120].source_url == "https://e.cn/120"


def test_parquet_without_the_text_column_is_a_clear_error_per_row(tmp_path):
    """Every row is counted as read and as an error: a table of 7,766 rows was '1 document read'."""
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"content": ["a", "b", "c"], "lang": ["zh"] * 3}), path, row_group_size=2)
    records = read_all(path)
    assert [r.source_record for r in records] == ["row 0", "row 1", "row 2"]
    assert all("no column 'text' (columns: content, lang); see read.text_field" in r.error for r in records)


def warc_bytes(gzipped: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    page = f"<html><body><article><p>{ARTICLE * 5}</p></article></body></html>".encode()
    moved = b"<html><head><title>Found</title></head><body>The document has moved here.</body></html>"
    for uri, status, content_type, body in (
        ("https://example.cn/old", "302 Found", "text/html", moved),  # a redirect: no document
        ("https://example.cn/a", "200 OK", "text/html; charset=utf-8", page),
        ("https://example.cn/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("https://example.cn/gone", "404 Not Found", "text/html", page),  # an error page: no document
        ("https://example.cn/b.txt", "200 OK", "text/plain", ARTICLE.encode()),
    ):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    writer.write_record(
        writer.create_warc_record("https://example.cn/a", "request", payload=io.BytesIO(b"GET /"))
    )
    return buffer.getvalue()


CSV_ROWS = [
    ["text", "url", "author"],
    ["第一篇文章，有個逗點。", "https://example.cn/1", "張三"],  # Traditional: Big5 has no Simplified
    ['第二篇跨兩行，\n還有"引號"。', "", "李四"],
]


def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize(
    ("suffix", "delimiter", "encoding"),
    [
        (".csv", ",", "utf-8-sig"),
        (".csv", ",", "gb18030"),
        (".tsv.gz", "\t", "utf-8"),
        (".csv.zst", ",", "big5"),
    ],
)
def test_csv_rows_are_records_with_the_other_columns_as_metadata(tmp_path, suffix, delimiter, encoding):
    path = tmp_path / f"table{suffix}"
    path.write_bytes(compress(csv_bytes(CSV_ROWS, delimiter, encoding), suffix))
    records = read_all(path)
    assert [r.data.decode() for r in records] == [row[0] for row in CSV_ROWS[1:]]
    assert [r.source_record for r in records] == ["row 0", "row 1"]
    assert [r.source_url for r in records] == ["https://example.cn/1", ""]
    assert [r.metadata for r in records] == [{"author": "張三"}, {"author": "李四"}]
    assert {r.content_type for r in records} == {"text"}


def test_a_csv_without_the_text_column_or_with_an_unclosed_quote_is_reported(tmp_path):
    (tmp_path / "other.csv").write_bytes(csv_bytes([["content"], ["正文"], ["又一行"]]))
    errors = read_all(tmp_path / "other.csv")
    assert [e.source_record for e in errors] == ["row 0", "row 1"]  # each row read counts as an error
    assert all("no column 'text' (columns: content)" in error.error for error in errors)
    (tmp_path / "blank.csv").write_bytes(b"")
    (header,) = read_all(tmp_path / "blank.csv")
    assert header.source_record == "header" and "no column 'text' (columns: none)" in header.error
    stray = csv_bytes(CSV_ROWS[:2]) + b'"quoted" then text,u,a\n' + csv_bytes(CSV_ROWS[2:])
    (tmp_path / "broken.csv").write_bytes(stray + b'"never closed,\n' + b"x\n" * 10)
    records = read_all(tmp_path / "broken.csv")
    assert [type(r).__name__ for r in records] == ["RawRecord", "Unread", "RawRecord", "Unread"]
    assert [r.source_record for r in records] == ["row 0", "row 1", "row 2", "row 3"]
    assert (
        "malformed CSV: ',' expected after" in records[1].error
        and "unexpected end of data" in records[3].error
    )


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_html_and_text_responses_are_records(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(warc_bytes(gzipped))
    records = read_all(path)
    assert [(r.content_type, r.source_url) for r in records] == [
        ("html", "https://example.cn/a"),
        ("text", "https://example.cn/b.txt"),
    ]
    assert records[0].source_record.startswith("<urn:uuid:") and "warc_date" in records[0].metadata


@pytest.mark.parametrize("gzipped", [True, False])
@pytest.mark.parametrize("share", [0.5, 0.95])
def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path, gzipped, share):
    whole = warc_bytes(gzipped)
    second = whole.index(b"\x1f\x8b\x08" if gzipped else b"WARC/1.", 1)  # where record 2 starts
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(whole[: second + int((len(whole) - second) * share)])  # cut after the first record
    records = read_all(path)
    assert isinstance(records[0], RawRecord) and records[0].source_url == "https://example.cn/a"
    assert "truncated or corrupt WARC" in records[-1].error


def test_globs_and_file_urls(tmp_path):
    corpus = make_tree(tmp_path)
    by_glob = discover([str(corpus / "*.txt")], CONFIG.read)
    assert [f.key for f in by_glob.files] == [f"{corpus}/b.txt"]
    by_url_glob = discover([corpus.as_uri() + "/*.txt"], CONFIG.read)
    assert [f.key for f in by_url_glob.files] == [f"file://{corpus}/b.txt"]
    by_url = discover([corpus.as_uri()], CONFIG.read)
    assert [f.key for f in by_url.files] == [
        f"file://{corpus}/{name}" for name in ("a.html", "b.txt", "sub/c.txt")
    ]
    (record,) = read_piece(Piece(by_url.files[1]), CONFIG.read)
    assert record.data == "乙".encode() and record.source_uri.startswith("file://")
    with pytest.raises(UserError, match="no files match"):
        discover([str(corpus / "*.nothing")], CONFIG.read)


def test_a_file_gone_between_listing_and_reading_is_an_error_row(tmp_path):
    (item,) = discover([str(make_tree(tmp_path) / "b.txt")], CONFIG.read).files
    Path(item.path).unlink()
    (record,) = read_piece(Piece(item), CONFIG.read)
    assert "cannot read file" in record.error


def test_a_100_mb_single_line_text_file_is_an_error_row_without_reading_it(tmp_path):
    path = tmp_path / "one_line.txt"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB of zero bytes, no newline
    (record,) = read_all(path)
    assert "exceeds read.max_record_bytes" in record.error


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    data=st.binary(max_size=2048),
    suffix=st.sampled_from(
        [".txt", ".html", ".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet", ".warc", ".warc.gz"]
    ),
)
def test_fuzz_random_bytes_never_raise(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"random{suffix}"
    path.write_bytes(data)
    for record in read_all(path):
        assert isinstance(record, RawRecord | Unread)


def test_json_nested_too_deep_is_one_error_row_and_reading_goes_on(tmp_path):
    path = tmp_path / "deep.jsonl"
    lines = [b"[" * 5000 + b"]" * 5000, json.dumps({"text": ARTICLE}, ensure_ascii=False).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    records = read_all(path)
    assert len(records) == 2 and "RecursionError" in records[0].error
    assert isinstance(records[1], RawRecord)


def test_a_corrupt_parquet_row_group_costs_only_its_rows(tmp_path):
    path = tmp_path / "rows.parquet"
    pq.write_table(
        pa.table({"text": [f"{ARTICLE}{i}" for i in range(50)]}), path, row_group_size=10, compression="none"
    )
    data = bytearray(path.read_bytes())
    offset = pq.ParquetFile(path).metadata.row_group(2).column(0).data_page_offset
    data[offset : offset + 40] = b"\xab" * 40
    path.write_bytes(bytes(data))
    records = read_all(path)
    assert len(records) == 50
    broken = [r.source_record for r in records if isinstance(r, Unread)]
    assert broken == [f"row {i}" for i in range(20, 30)]
    assert all("row group 2 unreadable" in error for error in errors_of(records))


def test_a_value_python_cannot_hold_leaves_its_row_readable(tmp_path):
    path = tmp_path / "dates.parquet"
    stamps = pa.array([0, 10**13, 0], pa.int64()).cast(pa.timestamp("s"))  # year ~318,000: no datetime
    pq.write_table(pa.table({"text": [ARTICLE] * 3, "when": stamps}), path)
    records = read_all(path)
    assert all(isinstance(r, RawRecord) for r in records)
    assert records[1].metadata == {"unreadable_fields": ["when"]} and "when" in records[0].metadata


def warc_with(gzipped: bool, bodies: list[str]) -> tuple[bytes, list[int]]:
    """A WARC of HTML responses, and the offset where each record starts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer, starts = io.BytesIO(), []
    writer = WARCWriter(buffer, gzip=gzipped)
    for i, body in enumerate(bodies):
        starts.append(buffer.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(f"<html><body><p>{body}</p></body></html>".encode())
        fixed = {  # the same bytes every time: tests that corrupt them must not depend on luck
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>",
            "WARC-Date": "2026-01-01T00:00:00Z",
        }
        writer.write_record(
            writer.create_warc_record(
                f"https://example.cn/{i}",
                "response",
                payload=payload,
                http_headers=headers,
                warc_headers_dict=fixed,
            )
        )
    return buffer.getvalue(), starts


def test_a_warc_record_cut_short_is_an_error_not_a_document(tmp_path):
    data, _ = warc_with(False, [ARTICLE, ARTICLE + "二"])
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-100])
    records = read_all(path)
    assert isinstance(records[0], RawRecord) and len(records) == 2
    assert "cut short" in records[1].error


def test_a_lying_content_length_costs_only_its_record(tmp_path):
    data, _ = warc_with(False, [ARTICLE, ARTICLE + "二", ARTICLE + "三"])
    start = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", start)
    inflated = data[:start] + str(int(data[start:end]) + 300).encode() + data[end:]
    path = tmp_path / "inflated.warc"
    path.write_bytes(inflated)
    records = read_all(path)
    assert "runs into the next record" in records[0].error
    assert [r.source_url for r in records[1:]] == ["https://example.cn/1", "https://example.cn/2"]


def test_a_corrupt_gzip_member_costs_only_its_record(tmp_path):
    data, starts = warc_with(True, [ARTICLE, ARTICLE + "二", ARTICLE + "三"])
    broken = bytearray(data)
    for index in range(starts[1] + 30, starts[1] + 60):
        broken[index] ^= 0x55
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(bytes(broken))
    records = read_all(path)
    assert [r.source_url for r in records if isinstance(r, RawRecord)] == [
        "https://example.cn/0",
        "https://example.cn/2",
    ]
    assert len(errors_of(records)) == 1


def test_a_file_name_that_is_not_utf8_gets_a_percent_encoded_key(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xff.txt")).write_text(ARTICLE)
    (file,) = discover([str(folder)], CONFIG.read).files
    assert file.key.endswith("/names/bad%FF.txt")
    (record,) = read_all(folder)
    assert record.source_uri.endswith("bad%FF.txt") and record.id


def test_same_named_input_folders_never_share_ids(tmp_path):
    for parent in ("a", "b"):
        (tmp_path / parent / "corpus").mkdir(parents=True)
        (tmp_path / parent / "corpus" / "doc.txt").write_text(parent)
    found = discover([str(tmp_path / "a" / "corpus"), str(tmp_path / "b" / "corpus")], CONFIG.read)
    records = [record for file in found.files for record in read_piece(Piece(file), CONFIG.read)]
    assert len({record.id for record in records}) == 2


def test_a_glob_over_symlink_loops_ends_and_follows_no_link(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(ARTICLE)
    (corpus / "loop1").symlink_to(corpus)
    (corpus / "loop2").symlink_to(corpus)
    (tmp_path / "outside.txt").write_text(ARTICLE)
    (corpus / "link.txt").symlink_to(tmp_path / "outside.txt")
    for named in (corpus / "**" / "*.txt", corpus):
        found = discover([str(named)], CONFIG.read)
        assert sorted(f.key.rsplit("/", 1)[-1] for f in found.files) == ["doc.txt", "outside.txt"]


def test_the_ukey_changes_when_a_file_is_rewritten_and_not_when_it_is_only_read(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(ARTICLE)
    (before,) = discover([str(path)], CONFIG.read).files
    read_all(path)
    assert discover([str(path)], CONFIG.read).files == (before,)
    path.write_text(ARTICLE)  # same size; the modification time is all that tells
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000_000))
    (after,) = discover([str(path)], CONFIG.read).files
    assert after.size == before.size and after.ukey != before.ukey


def test_records_holding_pages_are_read_as_html_unless_the_format_is_set(tmp_path):
    page = "<!DOCTYPE html><html><body><article><p>正文。</p></article></body></html>"
    lines = [json.dumps({"text": text}, ensure_ascii=False) for text in (page, "只是一段文字<br>。")]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    assert [r.content_type for r in read_all(tmp_path / "mixed.jsonl")] == ["html", "text"]
    forced = Config.from_toml('[read]\nrecord_format = "text"\n')
    assert [r.content_type for r in read_all(tmp_path / "mixed.jsonl", forced)] == ["text", "text"]


def test_hidden_files_and_folders_are_left_out_and_counted(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("x")
    (tmp_path / ".draft.txt").write_text("x")
    (tmp_path / "a.txt").write_text("正文")
    discovery = discover([str(tmp_path)], Config().read)
    assert [Path(item.path).name for item in discovery.files] == ["a.txt"] and discovery.hidden == 2


def test_a_null_text_is_an_empty_record_in_every_table_format_and_a_number_is_an_error(tmp_path):
    """One rule for a missing value: a Parquet or JSON null is read as the empty CSV cell is (an
    empty record, which the pipeline rejects as `empty`), while a value that is not text is an error."""
    pq.write_table(pa.table({"text": ["正文", None]}), tmp_path / "t.parquet")
    (tmp_path / "t.jsonl").write_text('{"text": "正文"}\n{"text": null}\n{"text": 7}\n')
    (tmp_path / "t.csv").write_bytes(csv_bytes([["text", "url"], ["正文", ""], ["", ""]]))
    for name in ("t.parquet", "t.jsonl", "t.csv"):
        records = read_all(tmp_path / name)
        assert [r.data for r in records[:2]] == ["正文".encode(), b""], name
    (number,) = read_all(tmp_path / "t.jsonl")[2:]
    assert isinstance(number, Unread) and "'text' is int, not text" in number.error


@pytest.mark.parametrize(
    "name", ["page.html.gz", "page.htm.gz", "page.html.zst", "note.txt.gz", "note.txt.zst"]
)
def test_a_compressed_page_or_text_is_read_decompressed_and_a_broken_one_is_an_error(tmp_path, name):
    body = f"<html><body><p>{ARTICLE}</p></body></html>" if ".htm" in name else ARTICLE
    suffix = name.split(".", 1)[1]
    (tmp_path / name).write_bytes(compress(body.encode("gb18030"), suffix))
    (record,) = read_all(tmp_path / name)
    assert record.data.decode("gb18030") == body and record.content_type == (
        "html" if ".htm" in name else "text"
    )
    (tmp_path / name).write_bytes(compress(body.encode() * 50, suffix)[:-40])  # cut short
    (broken,) = read_all(tmp_path / name)
    assert isinstance(broken, Unread) and broken.error.startswith("cannot read file")
    small = Config.from_toml("[read]\nmax_record_bytes = 1000\n")
    (tmp_path / name).write_bytes(compress(b" " * 5000, suffix))  # a small file, a big page
    (bomb,) = read_all(tmp_path / name, small)
    assert "exceeds read.max_record_bytes" in bomb.error


def test_several_text_fields_take_the_first_each_record_has(tmp_path):
    """--text-field content,body,text: files that name the text differently mix in one run."""
    config = Config.from_toml('[read]\ntext_field = "content, body,text"\n')
    (tmp_path / "a.jsonl").write_text(
        '{"content": "甲", "text": "不取"}\n{"body": "乙"}\n{"text": "丙"}\n{"title": "无正文"}\n'
    )
    pq.write_table(pa.table({"body": ["丁"], "text": ["不取"]}), tmp_path / "b.parquet")
    (tmp_path / "c.csv").write_bytes(csv_bytes([["text", "url"], ["戊", ""]]))
    records = read_all(tmp_path, config)
    assert [r.data.decode() for r in records if isinstance(r, RawRecord)] == ["甲", "乙", "丙", "丁", "戊"]
    assert records[0].metadata == {"text": "不取"}  # the fields not taken stay in metadata
    (missing,) = [r for r in records if isinstance(r, Unread)]
    assert "no 'content', 'body' or 'text' field (fields: title)" in missing.error
    with pytest.raises(ValueError, match="names an empty field"):
        Config.from_toml('[read]\ntext_field = "content,,text"\n')


def test_warcios_warning_about_a_record_length_names_the_file(tmp_path, capsys):
    data = warc_bytes(gzipped=False)
    header = data.index(b"Content-Length: ", data.index(b"https://example.cn/a"))
    end = data.index(b"\r\n", header)
    length = int(data[header + 16 : end])
    data = data[: header + 16] + str(length - 20).encode() + data[end:]  # 20 bytes short
    (tmp_path / "short.warc").write_bytes(data)
    read_all(tmp_path / "short.warc")
    warning = capsys.readouterr().err
    assert "short.warc: the WARC record before byte" in warning and "Offset:" not in warning


def test_enough_work_is_shared_among_the_workers_by_estimated_cost(tmp_path):
    """261 HTML pages were one shard of 2,000 documents: one worker of two did all of it."""
    pages, texts = tmp_path / "pages", tmp_path / "texts"
    pages.mkdir(), texts.mkdir()
    for i in range(120):
        (pages / f"{i:03d}.html").write_text(f"<html><body><p>{ARTICLE}{i}</p></body></html>")
        (texts / f"{i:03d}.txt").write_text(f"{ARTICLE}{i}")
    config = Config()
    html = discover([str(pages)], config.read).files

    def sizes(shards) -> list[int]:
        return [len(shard.pieces) for shard in shards]

    assert sizes(plan_shards(html, config, workers=1)) == [120]
    assert sizes(plan_shards(html, config, workers=2)) == [60, 60]  # 120 pages: ~4.8 s of work
    assert sizes(plan_shards(html, config, workers=8)) == [60, 60]  # 2 s or more a shard
    small_texts = discover([str(texts)], config.read).files
    assert sizes(plan_shards(small_texts, config, workers=2)) == [120]  # milliseconds of work
    capped = Config.from_toml("[run]\nshard_docs = 25\n")
    assert sizes(plan_shards(html, capped, workers=2)) == [25, 25, 25, 25, 20]  # the limits still hold
