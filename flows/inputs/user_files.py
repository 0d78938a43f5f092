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
    for path in config.flagged.lists:
        try:
            terms = read_list(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise UserError(f"flagged.lists {path}: cannot read it ({error.strerror or error})") from error
        except UnicodeDecodeError as error:
            raise UserError(f"flagged.lists {path}: not UTF-8 text ({error.reason})") from error
        if not terms:
            raise UserError(f"flagged.lists {path}: no terms in it (one per line; # starts a comment)")
