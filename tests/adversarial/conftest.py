"""Attacks on refinery as a user can make them: each builds its input, runs the real CLI in a
subprocess and checks the exit code, that no traceback was printed, and that nothing was lost or
touched."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three small Chinese documents in a folder of their own."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"doc{i}.txt").write_text(
            f"第{i}篇文章：研究人员发现了新的结果，并发表了相关论文。" * 3, encoding="utf-8"
        )
    return folder
