"""Files a configuration names besides the inputs (a tokenizer, word lists): checked before the run,
so a missing or malformed one is one line and exit 2, not an error row for every record."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ...transforms.classifiers import load_model
from ...transforms.config import Config
from ...transforms.decontaminate import read_items
from ...transforms.flagged import read_list
from ..errors import UserError
from ..storage.tokens import check_tokenizer

# Keys naming files: the tokenizer, the word and domain lists, the benchmarks (a tuple of paths each)
_TOKENIZER = "tokens.tokenizer"
_BENCHMARKS = "decontaminate.files"
_CLASSIFIERS = "quality.classifiers"  # a tuple of classifiers, each with a path
FILE_KEYS = (
    _TOKENIZER,
    "flagged.lists",
    "filter.url_blocklists",
    "filter.url_words",
    _BENCHMARKS,
    _CLASSIFIERS,
)


def _value(config: Config, key: str) -> str | tuple[str, ...] | None:
    section, name = key.split(".")
    value = getattr(getattr(config, section), name)
    return tuple(classifier.path for classifier in value) if key == _CLASSIFIERS else value


def named_files(config: Config) -> list[tuple[str, str]]:
    """Every file the configuration names, with its key."""
    named = []
    for key in FILE_KEYS:
        value = _value(config, key)
        named += [(key, path) for path in ((value,) if isinstance(value, str) else value or ())]
    return named


def with_absolute_paths(config: Config) -> Config:
    """The configuration with the files it names as absolute paths: the same files from any worker."""

    def absolute(path: str) -> str:
        return str(Path(path).expanduser().resolve())

    overrides: dict[str, dict[str, object]] = {}
    for key in FILE_KEYS:
        value = _value(config, key)
        if value:
            section, name = key.split(".")
            resolved = absolute(value) if isinstance(value, str) else tuple(map(absolute, value))
            if key == _CLASSIFIERS:
                classifiers = config.quality.classifiers
                resolved = tuple(
                    c.model_dump() | {"path": p} for c, p in zip(classifiers, resolved, strict=True)
                )
            overrides.setdefault(section, {})[name] = resolved
    return config.with_overrides(overrides) if overrides else config


def _list_terms(path: str) -> list[str]:
    return read_list(Path(path).read_text(encoding="utf-8"))


# How each kind of named file is read, what a ValueError from reading it means, and what an empty
# one lacks (None: nothing to be empty); a key not listed names a word or domain list
_READERS: dict[str, tuple[Callable[[str], Any], Callable[[ValueError], str], str | None]] = {
    _BENCHMARKS: (read_items, str, "no items in it (JSONL: one JSON object per line)"),
    _CLASSIFIERS: (load_model, lambda error: f"not a fastText model ({error})", None),
}
_LIST_READER = (
    _list_terms,
    lambda error: f"not UTF-8 text ({getattr(error, 'reason', error)})",
    "no entries in it (one per line; # starts a comment)",
)


def check_user_files(config: Config) -> None:
    """Raises UserError for a file the configuration names that cannot be used."""
    for key, path in named_files(config):
        if key == _TOKENIZER:
            check_tokenizer(path)
            continue
        read, malformed, empty = _READERS.get(key, _LIST_READER)
        try:
            found = read(path)
        except OSError as error:
            raise UserError(f"{key} {path}: cannot read it ({error.strerror or error})") from error
        except ValueError as error:  # UnicodeDecodeError included
            raise UserError(f"{key} {path}: {malformed(error)}") from error
        if empty is not None and not found:
            raise UserError(f"{key} {path}: {empty}")


def config_hash(config: Config) -> str:
    """The run's configuration hash: the configuration's own, and the contents of the files it names
    (a tokenizer, word and domain lists). A file edited in place changes what a run writes, so it
    must make the dataset out of date and staged shards stale. Without such files it is the
    configuration's hash."""
    named = named_files(config)
    if not named:
        return config.content_hash()
    digest = hashlib.sha256(config.content_hash().encode())
    for key, path in named:
        digest.update(f"\0{key}\0{path}\0{_file_digest(path)}".encode())
    return digest.hexdigest()[:16]


def _file_digest(path: str) -> str:
    try:
        status = Path(path).stat()
    except OSError:
        return "unreadable"  # check_user_files refuses it before a run starts
    return _digest(path, status.st_size, status.st_mtime_ns)


@cache
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """A file's SHA-256, once per process and version of the file (size and mtime)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
