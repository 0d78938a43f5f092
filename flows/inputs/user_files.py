"""Files a configuration names besides the inputs (a tokenizer, word lists): checked before the run,
so a missing or malformed one is one line and exit 2, not an error row for every record."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from ...transforms.config import Config
from ...transforms.flagged import read_list
from ..errors import UserError
from ..storage.tokens import check_tokenizer


def check_user_files(config: Config) -> None:
    """Raises UserError for a file the configuration names that cannot be used."""
    if config.tokens.tokenizer:
        check_tokenizer(config.tokens.tokenizer)
    for key, path in list_files(config):
        try:
            terms = read_list(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise UserError(f"{key} {path}: cannot read it ({error.strerror or error})") from error
        except UnicodeDecodeError as error:
            raise UserError(f"{key} {path}: not UTF-8 text ({error.reason})") from error
        if not terms:
            raise UserError(f"{key} {path}: no entries in it (one per line; # starts a comment)")


def config_hash(config: Config) -> str:
    """The run's configuration hash: the configuration's own, and the contents of the files it names
    (a tokenizer, word and domain lists). A file edited in place changes what a run writes, so it
    must make the dataset out of date and staged shards stale. Without such files it is the
    configuration's hash."""
    named = [("tokens.tokenizer", config.tokens.tokenizer)] if config.tokens.tokenizer else []
    named += list_files(config)
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


def list_files(config: Config) -> list[tuple[str, str]]:
    """Every word, domain or URL-word list the configuration names, with its key."""
    return [
        *(("flagged.lists", path) for path in config.flagged.lists),
        *(("filter.url_blocklists", path) for path in config.filter.url_blocklists),
        *(("filter.url_words", path) for path in config.filter.url_words),
    ]


def with_absolute_lists(config: Config) -> Config:
    """The configuration with its list files as absolute paths: the same files from any worker."""

    def absolute(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(str(Path(path).expanduser().resolve()) for path in paths)

    return config.with_overrides(
        {
            "flagged": {"lists": absolute(config.flagged.lists)},
            "filter": {
                "url_blocklists": absolute(config.filter.url_blocklists),
                "url_words": absolute(config.filter.url_words),
            },
        }
    )
