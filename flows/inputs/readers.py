"""Find inputs, cut them into shards, and stream their records.

Formats: plain text and HTML files (one record each), JSONL (.jsonl, .jsonl.gz, .jsonl.zst: one
record per line), Parquet (one record per row), CSV and TSV with a header row (one record per row)
and WARC (.warc, .warc.gz: one record per HTML or plain-text response). Inputs are local paths,
globs, or fsspec URLs (file://, s3://, ...).

Nothing here raises for bad data: a record that cannot be read, or the unreadable rest of a file,
is yielded as an `Unread` and becomes an error row. Only user mistakes (a path that does not exist,
nothing readable) raise UserError, before any work starts.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import math
import os
import re
import urllib.parse
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ...transforms.config import Config, ReadConfig
from ...transforms.decode import DecodeError, decode_bytes, looks_like_html
from ...transforms.document import RawRecord
from ...transforms.hashing import record_id
from ..errors import UserError

DEFAULT_INPUT = "seeds"
_GLOB_CHARACTERS = frozenset("*?[")


def default_output(inputs: list[str]) -> str:
    """output/<name of the (first) input>, e.g. output/seeds."""
    first = inputs[0] if inputs else "dataset"
    name = _base_name(first) if _is_url(first) or _is_glob(first) else Path(first).expanduser().resolve().name
    return str(Path("output") / (_strip_suffixes(name) or "dataset"))


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # absolute local path, or an fsspec URL
    key: str  # the absolute path (or URL) as text: what ids and the manifest name the file by
    size: int
    ukey: str  # fsspec's fingerprint of the file's metadata: changes when the file does
    source_format: str  # the container: text, html, jsonl, parquet, csv, warc

    @property
    def uri(self) -> str:
        return self.path if _is_url(self.path) else Path(self.path).as_uri()


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a file one shard reads: JSONL lines starting in bytes [start, stop), Parquet row
    groups [start, stop); other files are read whole (stop None)."""

    file: InputFile
    start: int = 0
    stop: int | None = None
    share: float = 1.0  # of the file's bytes, for packing pieces into shards
    records: int = 1  # estimated, for packing pieces into shards

    @property
    def size(self) -> int:
        return round(self.file.size * self.share)

    def describe(self) -> dict[str, Any]:
        return {} if self.stop is None else {"part": [self.start, self.stop]}


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    pieces: tuple[Piece, ...]

    @property
    def size(self) -> int:
        return sum(p.size for p in self.pieces)


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[InputFile, ...]
    skipped: tuple[str, ...]  # files under the inputs that no reader handles (listed in the manifest)
    hidden: int = 0  # files left out because they or a folder above them are hidden (".name")


@dataclass(frozen=True, slots=True)
class Unread:
    """A record, or the rest of a file, that could not be read: it becomes an error row."""

    id: str
    source_uri: str
    source_record: str | None
    content_type: str | None  # text or html when known without reading the record
    error: str


def source_format(name: str, config: ReadConfig) -> str | None:
    """The input format a file name says (by its suffixes in `config`), None for other files."""
    lowered = name.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(tuple(getattr(config, f"{fmt.name}_extensions"))):
            return fmt.name
    return None


def _is_url(raw: str) -> bool:
    return "://" in raw


def _is_glob(raw: str) -> bool:
    return any(ch in _GLOB_CHARACTERS for ch in raw)


def _base_name(raw: str) -> str:
    """The last path component before any glob: "corpus" for "corpus/*.jsonl"."""
    parts = [part for part in raw.split("://")[-1].split("/") if part]
    clean = [part for part in parts if not _is_glob(part)]
    return clean[-1] if clean else "dataset"


def _strip_suffixes(name: str) -> str:
    for suffix in (".gz", ".zst"):
        name = name.removesuffix(suffix)
    return Path(name).stem if "." in name else name


def discover(inputs: list[str], config: ReadConfig) -> Discovery:
    """All readable files under the inputs, in a deterministic order; raises UserError for bad paths."""
    if not inputs:
        raise UserError("no input given")
    found: dict[str, InputFile] = {}
    skipped: list[str] = []
    hidden = 0
    for raw in inputs:
        for path, key, size, ukey in _listing(raw):
            if not path:  # a hidden file or a file in a hidden folder
                hidden += 1
                continue
            fmt = source_format(path, config)
            if fmt is None:
                skipped.append(key)
                continue
            found.setdefault(path, InputFile(path, key, size, ukey, fmt))
    if not found:
        raise UserError(
            f"no readable files (.txt, .html, .jsonl, .parquet, .csv, .warc, ...) under: {' '.join(inputs)}"
        )
    return Discovery(tuple(found.values()), tuple(skipped), hidden)


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/"))


def _listing(raw: str) -> Iterator[tuple[str, str, int, str]]:
    """(path, key, size, ukey) of the files an input (a local path or glob, or an fsspec URL) names,
    through one fsspec listing. The key is the absolute path or the URL: two input folders with the
    same name never share ids. Hidden files and folders are left out; symlinked folders are not
    followed (two links to "." would make a recursive glob endless); a symlinked file is listed
    under its target, so a file named twice is read once. A hidden file comes as an empty path, so
    the run can say how many it left out."""
    import fsspec

    url = _is_url(raw)
    try:
        fs, path = fsspec.core.url_to_fs(raw if url else str(Path(raw).expanduser()))
    except (ImportError, ValueError) as error:
        raise UserError(f"cannot open {raw}: {error}") from error
    try:
        if _is_glob(path):
            infos, base = fs.glob(path, detail=True), _glob_root(path)
            if not infos:
                raise UserError(f"no files match: {raw}")
        elif not fs.exists(path):
            raise UserError(f"input not found: {raw}")
        elif fs.isfile(path):
            infos, base = {path: fs.info(path)}, path.rsplit("/", 1)[0]
        else:
            infos, base = fs.find(path, detail=True), path.rstrip("/")
        protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
        for name, info in sorted(infos.items()):
            if _hidden(name[len(base) :].lstrip("/")):
                yield "", "", 0, ""  # counted, not read
                continue
            if info.get("islink"):  # local only: a link to a file is listed as its target
                name = os.path.realpath(name)
                if not os.path.isfile(name):
                    continue
            elif info.get("type") != "file":
                continue
            key = f"{protocol}://{name}" if url else _encodable_key(name)
            yield key if url else name, key, int(info.get("size") or 0), fs.ukey(name)
    except OSError as error:
        raise UserError(f"cannot read {raw}: {error.strerror or error}") from error


def _encodable_key(key: str) -> str:
    """A file name that is not valid UTF-8 (its bytes arrive as surrogate escapes) is keyed with those
    bytes percent-encoded, as in its URI: every string refinery writes must be valid Unicode."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return urllib.parse.quote(os.fsencode(key), safe="/")
    return key


def local_input_roots(inputs: list[str]) -> list[Path]:
    """The local files and folders the inputs name (a glob: the folder it searches)."""
    roots = []
    for raw in inputs:
        if _is_url(raw):
            continue
        path = str(Path(raw).expanduser().resolve())
        roots.append(Path(_glob_root(path) or "/") if _is_glob(path) else Path(path))
    return roots


def _glob_root(pattern: str) -> str:
    """The directory a glob searches: its path before the first component with a wildcard."""
    parts = pattern.split("/")
    fixed = next(index for index, part in enumerate(parts) if _is_glob(part))
    return "/".join(parts[:fixed])


def plan_shards(files: tuple[InputFile, ...], config: Config, workers: int = 1) -> list[Shard]:
    """Pack pieces, in order, into shards of about `shard_docs` records and at most `shard_bytes`
    bytes; a JSONL or Parquet file with more is cut into pieces of that size. When the work would
    keep workers busy for a while but fill fewer shards (261 HTML pages are one shard of 2,000
    documents), it is cut by estimated cost into up to `workers` shards of MIN_SHARD_SECONDS or more."""
    pieces = [piece for item in files for piece in pieces_of(item, config)]
    costs = [estimated_seconds(piece) for piece in pieces]
    total = sum(costs)
    spread = max(1, min(workers, int(total // MIN_SHARD_SECONDS)))  # shards the work is worth
    by_limits = max(
        math.ceil(sum(p.records for p in pieces) / config.run.shard_docs),
        math.ceil(sum(p.size for p in pieces) / config.run.shard_bytes),
    )
    if by_limits >= spread:  # the limits cut enough shards already
        spread = 1
    share = total / spread or 1.0  # the cost each of `spread` shards carries
    shards: list[Shard] = []
    current: list[Piece] = []
    records = current_bytes = 0
    done, part = 0.0, 0  # the cost of the pieces packed so far; which share of it they are in
    for piece, cost in zip(pieces, costs, strict=True):
        middle = min(spread - 1, int((done + cost / 2) // share))  # the share its middle falls in
        full = (
            records + piece.records > config.run.shard_docs
            or current_bytes + piece.size > config.run.shard_bytes
            or middle > part
        )
        if current and full:
            shards.append(Shard(len(shards), tuple(current)))
            current, records, current_bytes = [], 0, 0
        current.append(piece)
        records += piece.records
        current_bytes += piece.size
        done, part = done + cost, middle
    if current:
        shards.append(Shard(len(shards), tuple(current)))
    return shards


# Rough CPU seconds per core, from docs/performance.md: a web page through the extraction ensemble
# takes ~40 ms whatever its size; text goes through the pipeline at ~0.6 MB/s.
_SECONDS_PER_PAGE = 0.04
_SECONDS_PER_BYTE = 1.5e-6
MIN_SHARD_SECONDS = 2.0  # less work than this per worker is not worth a shard of its own


def estimated_seconds(piece: Piece) -> float:
    """What reading and processing a piece costs, roughly, for dividing work between workers."""
    pages = piece.records if piece.file.source_format in ("html", "warc") else 0
    return pages * _SECONDS_PER_PAGE + piece.size * _SECONDS_PER_BYTE


def pieces_of(item: InputFile, config: Config) -> list[Piece]:
    """A file cut into pieces of about `shard_docs` records and at most `shard_bytes` bytes.
    Compressed JSONL and WARC files cannot be cut; they count as a shard's worth of records."""
    return FORMATS[item.source_format].pieces(item, config)


def _whole_file(item: InputFile, config: Config) -> list[Piece]:
    return [Piece(item)]


def _unsplittable(item: InputFile, config: Config) -> list[Piece]:
    return [Piece(item, records=config.run.shard_docs)]


def _jsonl_pieces(item: InputFile, config: Config) -> list[Piece]:
    """Byte ranges of about `shard_docs` lines (from the mean line length of the first MB)."""
    if _compressed(item.path):
        return _unsplittable(item, config)
    line_bytes = _mean_line_bytes(item)
    step = max(1, min(config.run.shard_bytes, config.run.shard_docs * line_bytes))
    edges = [*range(0, item.size, step), item.size] if item.size else [0, 0]
    pieces = [
        Piece(item, start, stop, (stop - start) / max(1, item.size), max(1, (stop - start) // line_bytes))
        for start, stop in itertools.pairwise(edges)
    ]
    return pieces if len(pieces) > 1 else [Piece(item, records=pieces[0].records)]


def _mean_line_bytes(item: InputFile, sample: int = 1 << 20) -> int:
    try:
        with _open(item) as handle:
            head = handle.read(sample)
    except OSError:
        return 1 << 20  # reading will report it
    return max(1, len(head) // max(1, head.count(b"\n")))


def _parquet_pieces(item: InputFile, config: Config) -> list[Piece]:
    """Runs of whole row groups of about `shard_docs` rows."""
    docs, limit = config.run.shard_docs, config.run.shard_bytes
    try:
        with _open(item) as handle:
            import pyarrow.parquet as pq

            metadata = pq.read_metadata(handle)
    except Exception:
        return [Piece(item, records=docs)]  # reading will report what is wrong with it
    total = max(1, metadata.num_rows)
    per_row = item.size / total
    pieces, start, rows = [], 0, 0
    for group in range(metadata.num_row_groups):
        rows += metadata.row_group(group).num_rows
        if rows >= docs or rows * per_row >= limit or group == metadata.num_row_groups - 1:
            pieces.append(Piece(item, start, group + 1, rows / total, rows))
            start, rows = group + 1, 0
    return pieces if len(pieces) > 1 else [Piece(item, records=metadata.num_rows)]


def _compressed(path: str) -> bool:
    return path.lower().endswith((".gz", ".zst"))


def _open(item: InputFile) -> IO[bytes]:
    if _is_url(item.path):
        import fsspec

        return fsspec.open(item.path, "rb").open()
    return open(item.path, "rb")


def _decompressed(item: InputFile, handle: IO[bytes]) -> IO[bytes]:
    lowered = item.path.lower()
    if lowered.endswith(".gz"):
        return gzip.GzipFile(fileobj=handle)
    if lowered.endswith(".zst"):
        return io.BufferedReader(_ZstdReader(handle))
    return handle


class _ZstdReader(io.RawIOBase):
    """Zstandard frames, one after another, decompressed as read. Unlike zstandard's stream_reader,
    a stream that ends inside a frame raises EOFError instead of ending quietly: a truncated file
    must not lose its tail silently."""

    def __init__(self, handle: IO[bytes]) -> None:
        import zstandard

        self.handle, self.zstandard = handle, zstandard
        self.decompressor = zstandard.ZstdDecompressor().decompressobj()
        self.pending = b""
        self.started = False  # bytes of the current frame seen

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            chunk = self.handle.read(1 << 16)
            if not chunk:
                if self.started and not self.decompressor.eof:
                    raise EOFError("zstd stream ends inside a frame")
                return 0
            self._feed(chunk)
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size

    def _feed(self, chunk: bytes) -> None:
        while chunk:
            if self.decompressor.eof:
                self.decompressor = self.zstandard.ZstdDecompressor().decompressobj()
            self.started = True
            self.pending += self.decompressor.decompress(chunk)
            chunk = self.decompressor.unused_data if self.decompressor.eof else b""


def read_piece(piece: Piece, config: ReadConfig) -> Iterator[RawRecord | Unread]:
    """Every record of a piece, streamed. Never raises for bad data (see the module docstring)."""
    item = piece.file
    reader = FORMATS[item.source_format].records
    if reader is None:
        yield _single_record(item, config)
        return
    where = f"part {piece.start}-{piece.stop}" if piece.stop is not None else None
    try:
        with _open(item) as handle:
            yield from reader(piece, handle, config)
    except Exception as error:
        yield _unread(item, where or "rest of file", f"cannot read the rest of the file: {_explain(error)}")


def _explain(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return f"{type(error).__name__}: {error}"


def _unread(item: InputFile, record: str | None, message: str) -> Unread:
    return Unread(
        record_id(item.key, record), item.uri, record, FORMATS[item.source_format].content_type, message
    )


def _single_record(item: InputFile, config: ReadConfig) -> RawRecord | Unread:
    if item.size > config.max_record_bytes:
        return _unread(item, None, f"file of {item.size} bytes exceeds read.max_record_bytes")
    try:
        with _open(item) as handle:  # a .html.gz / .txt.zst page is read decompressed, bounded
            data = _decompressed(item, handle).read(config.max_record_bytes + 1)
    except Exception as error:  # unreadable, or a broken or cut-short compressed stream
        return _unread(item, None, f"cannot read file: {_explain(error)}")
    if len(data) > config.max_record_bytes:  # grew since it was listed, or decompressed bigger
        return _unread(item, None, f"file exceeds read.max_record_bytes ({config.max_record_bytes})")
    content_type = FORMATS[item.source_format].content_type or "text"
    return RawRecord(record_id(item.key, None), item.uri, None, content_type, data)


def _field_record(item: InputFile, where: str, fields: Any, config: ReadConfig) -> RawRecord | Unread:
    """A record from a JSON object or a Parquet row: the text field, the URL, the rest as metadata."""
    if not isinstance(fields, dict):
        return _unread(item, where, f"not a JSON object but {type(fields).__name__}")
    key = config.text_key(fields)
    if key is None:
        keys = ", ".join(sorted(map(str, fields))[:10])
        return _unread(
            item, where, f"no {config.text_fields_named()} field (fields: {keys}); see read.text_field"
        )
    text = fields[key]
    if text is None:
        text = ""  # a null cell is an empty text, as an empty CSV cell is: a rejected `empty` document
    if not isinstance(text, str):
        return _unread(item, where, f"{key!r} is {type(text).__name__}, not text")
    data = text.encode("utf-8", "replace")  # lone surrogates from JSON escapes become "?"
    if len(data) > config.max_record_bytes:
        return _unread(item, where, f"record of {len(data)} bytes exceeds read.max_record_bytes")
    url = fields.get(config.url_field) if config.url_field else None
    metadata = {name: value for name, value in fields.items() if name not in (key, config.url_field)}
    return RawRecord(
        id=record_id(item.key, where),
        source_uri=item.uri,
        source_record=where,
        content_type=_content_type(text, config),
        data=data,
        source_url=url if isinstance(url, str) else None,
        metadata=metadata,
    )


def _content_type(text: str, config: ReadConfig) -> str:
    if config.record_format != "auto":
        return config.record_format
    return "html" if looks_like_html(text) else "text"


def _jsonl_records(piece: Piece, handle: IO[bytes], config: ReadConfig) -> Iterator[RawRecord | Unread]:
    """Lines that start in [start, stop): a piece boundary inside a line belongs to the earlier piece."""
    item = piece.file
    offset = piece.start
    if offset:
        handle.seek(offset - 1)
        if handle.read(1) != b"\n":
            offset += _read_line(handle, 0)[1]  # the rest of the line the previous piece reads
    stream = _decompressed(item, handle)
    while piece.stop is None or offset < piece.stop:
        try:
            line, length = _read_line(stream, config.max_record_bytes)
        except Exception as error:
            yield _unread(
                item, f"byte {offset}", f"truncated or corrupt from byte {offset}: {_explain(error)}"
            )
            return
        if not length:
            return
        where, offset = f"byte {offset}", offset + length
        if line is None:
            yield _unread(item, where, f"line of {length} bytes exceeds read.max_record_bytes")
        elif line.strip():
            try:
                fields = json.loads(line)
            except (ValueError, RecursionError) as error:  # RecursionError: nested too deep
                yield _unread(item, where, f"invalid JSON: {_explain(error)}")
                continue
            yield _field_record(item, where, fields, config)


def _read_line(stream: IO[bytes], limit: int) -> tuple[bytes | None, int]:
    """The next line and its length in bytes; None for a line over `limit` bytes, which is skipped
    without holding it in memory."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or (limit and line.endswith(b"\n")):
        return line, len(line)
    length = len(line)
    while not line.endswith(b"\n"):
        line = stream.readline(1 << 20)
        if not line:
            break
        length += len(line)
    return None, length


def _parquet_records(piece: Piece, handle: IO[bytes], config: ReadConfig) -> Iterator[RawRecord | Unread]:
    import pyarrow.parquet as pq

    item = piece.file
    parquet = pq.ParquetFile(handle)
    groups = list(range(piece.start, piece.stop if piece.stop is not None else parquet.num_row_groups))
    row = sum(parquet.metadata.row_group(g).num_rows for g in range(groups[0])) if groups else 0
    if config.text_key(parquet.schema_arrow.names) is None:  # every row is an error row: counted
        columns = ", ".join(parquet.schema_arrow.names[:10])
        message = f"no column {config.text_fields_named()} (columns: {columns}); see read.text_field"
        rows = sum(parquet.metadata.row_group(group).num_rows for group in groups)
        yield from (_unread(item, f"row {number}", message) for number in range(row, row + rows))
        return
    for group in groups:  # one at a time: a corrupt row group costs its own rows only
        start, size = row, parquet.metadata.row_group(group).num_rows
        try:
            for batch in parquet.iter_batches(batch_size=512, row_groups=[group]):
                for fields in _batch_rows(batch):
                    yield _parquet_record(item, f"row {row}", fields, config)
                    row += 1
        except Exception as error:
            message = f"row group {group} unreadable: {_explain(error)}"
            for number in range(row, start + size):  # rows of the group not yielded yet
                yield _unread(item, f"row {number}", message)
            row = start + size


_UNREADABLE = object()


def _batch_rows(batch: Any) -> Iterator[dict[str, Any]]:
    """A record batch as dicts; a value pyarrow cannot turn into Python (a timestamp out of
    Python's range) is left out of its row, whose `unreadable_fields` names it."""
    try:
        yield from batch.to_pylist()
        return
    except Exception:
        pass
    columns = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            columns[name] = column.to_pylist()
        except Exception:
            columns[name] = [_scalar(column, index) for index in range(len(column))]
    for index in range(batch.num_rows):
        row = {name: values[index] for name, values in columns.items()}
        unreadable = sorted(name for name, value in row.items() if value is _UNREADABLE)
        row = {name: value for name, value in row.items() if value is not _UNREADABLE}
        yield row | ({"unreadable_fields": unreadable} if unreadable else {})


def _scalar(column: Any, index: int) -> Any:
    try:
        return column[index].as_py()
    except Exception:
        return _UNREADABLE


def _parquet_record(
    item: InputFile, where: str, fields: dict[str, Any], config: ReadConfig
) -> RawRecord | Unread:
    unreadable = fields.get("unreadable_fields", ())
    key = config.text_key([*fields, *unreadable])  # an unreadable value is left out of `fields`
    if key in unreadable:
        return _unread(item, where, f"{key!r} cannot be read as text")
    return _field_record(item, where, fields, config)


def _csv_records(piece: Piece, handle: IO[bytes], config: ReadConfig) -> Iterator[RawRecord | Unread]:
    """Rows under a header line (tab-separated for .tsv): the text column is the document, the URL
    column its source_url, the other columns its metadata. Excel's UTF-8 with a BOM and GB18030 or
    Big5 exports are decoded by what the first 64 KB say. Quoting is parsed strictly: a row that does
    not parse (text after a closing quote, a quote still open at the end) is an error row, and
    reading goes on with the next line, so a stray quote cannot swallow the rows after it unseen."""
    item = piece.file
    delimiter = "\t" if item.path.lower().removesuffix(".gz").removesuffix(".zst").endswith(".tsv") else ","
    stream = io.TextIOWrapper(
        _decompressed(item, handle), encoding=_text_encoding(item), errors="replace", newline=""
    )
    csv.field_size_limit(config.max_record_bytes)  # characters: a record is no more than its bytes
    rows = csv.DictReader(stream, delimiter=delimiter, restkey="extra_columns", strict=True)
    missing = None
    if config.text_key(rows.fieldnames or ()) is None:  # every row is an error row: counted
        columns = ", ".join((rows.fieldnames or ["none"])[:10])
        missing = f"no column {config.text_fields_named()} (columns: {columns}); see read.text_field"
        if rows.fieldnames is None:  # not even a header line
            yield _unread(item, "header", missing)
            return
    for number in itertools.count():
        try:
            fields = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            yield _unread(item, f"row {number}", f"malformed CSV: {error}")
            continue
        yield (
            _unread(item, f"row {number}", missing)
            if missing
            else _field_record(item, f"row {number}", fields, config)
        )


def _text_encoding(item: InputFile, sample: int = 1 << 16) -> str:
    with _open(item) as handle:
        head = _decompressed(item, handle).read(sample)
    head = head[: head.rfind(b"\n") + 1] or head  # whole lines: no character cut in two
    try:
        return decode_bytes(head).encoding
    except DecodeError:
        return "utf-8"  # binary: reading reports what it cannot parse


def _warc_records(piece: Piece, handle: IO[bytes], config: ReadConfig) -> Iterator[RawRecord | Unread]:
    """HTML and plain-text responses; other records (requests, metadata, images) are not documents.

    A record cut short, one whose Content-Length runs into the next record, and bytes that do not
    parse become error rows; reading resumes at the next record header found after them, so one
    broken record costs only itself. Bytes after the last complete record are reported too: a
    truncated archive never loses its tail silently."""
    start: int | None = 0
    while start is not None:
        start = yield from _warc_from(piece.file, handle, start, config)


def _warc_from(
    item: InputFile, handle: IO[bytes], base: int, config: ReadConfig
) -> Generator[RawRecord | Unread, None, int | None]:
    """Records from byte `base` on; returns where to resume after a broken one, None at the end."""
    from warcio.archiveiterator import ArchiveIterator

    handle.seek(base)
    records = ArchiveIterator(handle, arc2warc=True)
    # warcio prints this itself, naming no file; its {0} is the byte offset in the file.
    records.INC_RECORD = (
        f"refinery: warning: {item.uri}: the WARC record before byte {{0}} is not followed by a blank line "
        "(its Content-Length may be wrong); reading goes on\n"
    )
    where, end = ("start of file" if base == 0 else f"offset {base}"), base
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # bytes that are not a record
            yield _unread(
                item, f"after {where}", f"truncated or corrupt WARC after {where}: {_explain(error)}"
            )
            return _next_record_start(item, handle, end + 1)
        where = record.rec_headers.get_header("WARC-Record-ID") or f"record after {where}"
        document = _warc_document(item, where, record, config)
        records.read_to_end(record)  # before the offsets: asking for them reads the record to its end
        offset = base + records.get_record_offset()
        end = offset + records.get_record_length()
        missing = getattr(record.raw_stream, "limit", 0)
        if missing > 0:
            yield _unread(
                item,
                where,
                f"truncated or corrupt WARC: the record is cut short, {missing} bytes of its block missing",
            )
            return None
        if isinstance(document, RawRecord) and _RECORD_HEADER.search(document.data):
            yield _unread(
                item,
                where,
                "truncated or corrupt WARC: the record's Content-Length runs into the next record",
            )
            return _next_record_start(item, handle, offset + 1)
        if document is not None:
            yield document
    if item.size - end > 4:  # an uncompressed archive may end with the last record's blank lines
        yield _unread(item, f"after {where}", f"truncated or corrupt WARC: {item.size - end} bytes unread")
    return None


_RECORD_HEADER = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")


def _next_record_start(item: InputFile, handle: IO[bytes], position: int) -> int | None:
    """Where the next WARC record (a record header, or a gzip member in a .warc.gz) starts at or
    after `position`; None when there is none."""
    marker = _GZIP_MEMBER if item.path.lower().endswith(".gz") else _RECORD_HEADER
    handle.seek(position)
    carry = b""
    while True:
        chunk = handle.read(1 << 20)
        if not chunk:
            return None
        found = marker.search(carry + chunk)
        if found:
            skip = found.group(0).startswith(b"\n")
            return position - len(carry) + found.start() + skip
        carry = chunk[-16:]
        position += len(chunk)


def _warc_document(item: InputFile, where: str, record: Any, config: ReadConfig) -> RawRecord | Unread | None:
    """A response record of an HTML or text page. Requests, metadata, redirects (3xx: "The document
    has moved") and error responses (4xx, 5xx) are no documents."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not (status.isdigit() and 200 <= int(status) < 300):
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    fmt = "html" if "html" in content_type else "text" if "text/plain" in content_type else None
    if fmt is None:
        return None
    data = record.content_stream().read(config.max_record_bytes + 1)
    if len(data) > config.max_record_bytes:
        return _unread(item, where, "record exceeds read.max_record_bytes")
    date = record.rec_headers.get_header("WARC-Date")
    return RawRecord(
        id=record_id(item.key, where),
        source_uri=item.uri,
        source_record=where,
        content_type=fmt,
        data=data,
        source_url=record.rec_headers.get_header("WARC-Target-URI"),
        metadata={"warc_date": date} if date else {},
    )


Records = Callable[[Piece, IO[bytes], ReadConfig], Iterator[RawRecord | Unread]]


@dataclass(frozen=True, slots=True)
class InputFormat:
    """One input format: its files are found by the suffixes in `ReadConfig.<name>_extensions`,
    cut into pieces by `pieces`, and read by `records` (None: the whole file is one record, of
    `content_type`). Adding a format is one entry here, its suffixes in ReadConfig, and a reader."""

    name: str
    pieces: Callable[[InputFile, Config], list[Piece]]
    records: Records | None = None
    content_type: str | None = None  # text or html when the format alone says it


FORMATS: dict[str, InputFormat] = {  # in this order a file name is matched against the suffixes
    fmt.name: fmt
    for fmt in (
        InputFormat("html", _whole_file, content_type="html"),
        InputFormat("text", _whole_file, content_type="text"),
        InputFormat("jsonl", _jsonl_pieces, _jsonl_records),
        InputFormat("parquet", _parquet_pieces, _parquet_records),
        InputFormat("csv", _unsplittable, _csv_records),
        InputFormat("warc", _unsplittable, _warc_records),
    )
}
