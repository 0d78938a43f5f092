"""Files a configuration names besides the inputs (a tokenizer, word lists): checked before the run,
so a missing or malformed one is one line and exit 2, not an error row for every record."""

from __future__ import annotations

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
