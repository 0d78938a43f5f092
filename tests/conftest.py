"""Shared fixtures. Prefect's environment is set before anything imports prefect."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest

from refinery.flows.execution.environment import apply_prefect_defaults

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="refinery-test-prefect-"))
apply_prefect_defaults()

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The seeds' longer lines, to build generated corpora from."""
    return [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if len(line) > 30
    ]


@pytest.fixture(scope="session")
def write_corpus(seed_lines):
    """`write_corpus(folder, documents, lines, seed)`: text files of `lines` seed lines each,
    drawn at random (reproducibly), for tests that need a corpus of some size."""

    def write(folder: Path, documents: int, lines: int, seed: int) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed)
        for index in range(documents):
            text = "\n".join(rng.sample(seed_lines, lines))
            (folder / f"doc_{index:04d}.txt").write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed documents by their three-digit prefix ("000" ... "004")."""
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect server for the whole session: starting one costs several seconds.
    Command-line runs of the system tests use it too (tests/cli.py's cli_env)."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    from tests.cli import SHARED_API

    with prefect_test_harness(server_startup_timeout=60):
        os.environ[SHARED_API] = PREFECT_API_URL.value()
        try:
            yield
        finally:
            del os.environ[SHARED_API]


@pytest.fixture(autouse=True)
def _system_tests_share_the_prefect_server(request):
    if request.node.get_closest_marker("system"):
        request.getfixturevalue("prefect_server")


@pytest.fixture(scope="session")
def tokenizer_file(tmp_path_factory, seed_lines) -> Path:
    """A small BPE tokenizer.json trained on the seeds: the file format users give tokens.tokenizer,
    made here (nothing is downloaded)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE(unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.train_from_iterator(seed_lines, trainers.BpeTrainer(vocab_size=400, special_tokens=["[UNK]"]))
    path = tmp_path_factory.mktemp("tokenizer") / "tokenizer.json"
    tokenizer.save(str(path))
    return path
