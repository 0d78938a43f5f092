"""Token counts from a tokenizer the user names (tokens.tokenizer): pretraining users size data in
tokens. A Hugging Face `tokenizer.json` is read from disk (the Rust `tokenizers` library); nothing
is downloaded."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import UserError

_BATCH = 256  # texts per encode_batch call: its encodings (ids, offsets) are freed between calls


def check_tokenizer(path: str) -> None:
    """The tokenizer loads; raises UserError (before the run) when it does not."""
    try:
        load_tokenizer(path, _stamp(path))
    except OSError as error:
        raise UserError(f"tokens.tokenizer {path}: cannot read it ({error.strerror or error})") from error
    except Exception as error:  # tokenizers raises a plain Exception on a malformed file
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UserError(f"tokens.tokenizer {path}: not a tokenizer.json file ({first})") from error


def _stamp(path: str) -> tuple[int, int]:
    status = Path(path).stat()
    return status.st_size, status.st_mtime_ns


@cache
def load_tokenizer(path: str, stamp: tuple[int, int]) -> Any:
    """One tokenizer per worker process and file version (`stamp`: size and mtime). Processes are
    the parallelism here, so the library's own thread pool is turned off."""
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    from tokenizers import Tokenizer

    if not Path(path).is_file():
        raise FileNotFoundError(2, "no such file", path)
    return Tokenizer.from_file(path)


def count_tokens(texts: pa.ChunkedArray | pa.Array, path: str) -> pa.Array:
    """Tokens in each text (special tokens such as BOS/EOS not added); null for a null text."""
    tokenizer = load_tokenizer(path, _stamp(path))
    values = texts.to_pylist()
    counts: list[int | None] = [None] * len(values)
    present = [position for position, text in enumerate(values) if text is not None]
    for start in range(0, len(present), _BATCH):
        batch = present[start : start + _BATCH]
        encodings = tokenizer.encode_batch([values[p] for p in batch], add_special_tokens=False)
        for position, encoding in zip(batch, encodings, strict=True):
            counts[position] = len(encoding.ids)
    return pa.array(counts, pa.int64())
