"""Find input files, group them into shards, and read their records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flows.errors import UserError
from transforms.config import Config, ReadConfig
from transforms.document import RawRecord
from transforms.hashing import record_id

DEFAULT_INPUT = "seeds"


def default_output(inputs: list[str]) -> str:
    """output/<name of the (first) input>, e.g. output/seeds."""
    name = Path(inputs[0]).expanduser().resolve().name if inputs else "dataset"
    return str(Path("output") / (Path(name).stem or "dataset"))


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # absolute
    key: str  # stable name relative to the input root's parent, e.g. "seeds/000.txt"
    size: int
    mtime_ns: int
    source_format: str


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    files: tuple[InputFile, ...]

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[InputFile, ...]
    skipped: tuple[str, ...]  # files under the inputs that no reader handles (listed in the manifest)


def source_format(path: Path, config: ReadConfig) -> str | None:
    suffix = path.suffix.lower()
    if suffix in config.html_extensions:
        return "html"
    if suffix in config.text_extensions:
        return "text"
    return None


def discover(inputs: list[str], config: ReadConfig) -> Discovery:
    """All readable files under the inputs, in a deterministic order; raises UserError for bad paths."""
    if not inputs:
        raise UserError("no input given")
    found: dict[str, InputFile] = {}
    skipped: list[str] = []
    for raw in inputs:
        root = Path(raw).expanduser()
        if not root.exists():
            raise UserError(f"input not found: {raw}")
        root = root.resolve()
        base = root.parent  # keys keep the input's own name: "seeds/000.txt"
        if root.is_file():
            candidates = [root]
        else:
            candidates = sorted(
                p
                for p in root.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
        for path in candidates:
            fmt = source_format(path, config)
            if fmt is None:
                skipped.append(str(path))
                continue
            try:
                stat = path.stat()
            except OSError as error:
                raise UserError(f"cannot read {path}: {error.strerror}") from error
            key = path.relative_to(base).as_posix()
            found.setdefault(str(path), InputFile(str(path), key, stat.st_size, stat.st_mtime_ns, fmt))
    if not found:
        raise UserError(f"no readable files (.txt, .html, ...) under: {' '.join(inputs)}")
    return Discovery(tuple(found.values()), tuple(skipped))


def plan_shards(files: tuple[InputFile, ...], config: Config) -> list[Shard]:
    """Pack files, in order, into shards of at most `shard_docs` records and `shard_bytes` bytes."""
    shards: list[Shard] = []
    current: list[InputFile] = []
    current_bytes = 0
    for item in files:
        full = len(current) >= config.run.shard_docs or current_bytes + item.size > config.run.shard_bytes
        if current and full:
            shards.append(Shard(len(shards), tuple(current)))
            current, current_bytes = [], 0
        current.append(item)
        current_bytes += item.size
    if current:
        shards.append(Shard(len(shards), tuple(current)))
    return shards


def read_records(item: InputFile) -> Iterator[RawRecord]:
    """Records of one file: a .txt or .html file is one document. Raises OSError when unreadable."""
    with open(item.path, "rb") as handle:
        data = handle.read()
    yield RawRecord(
        id=record_id(item.key, None),
        source_uri=Path(item.path).as_uri(),
        source_record=None,
        source_format=item.source_format,
        data=data,
    )
