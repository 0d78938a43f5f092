"""Errors that are the user's to fix: the CLI prints them as one line, never as a traceback."""

from __future__ import annotations

import errno


class UserError(Exception):
    pass


class DiskFull(UserError):
    """The device holding the dataset filled up. Everything a run writes is atomic and finished
    shards stay staged, so freeing space and running the same command again resumes the run."""


_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def is_disk_full(error: BaseException) -> bool:
    """No space left, quota exceeded, or a file larger than the process may write."""
    return isinstance(error, OSError) and error.errno in _DISK_FULL_ERRNOS
