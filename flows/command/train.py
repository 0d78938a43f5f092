"""`refinery train-classifier`: a fastText quality classifier from two sets of documents, the CCNet
and DCLM recipe (a reference corpus as positives, random crawl as negatives), with its accuracy on
documents held out of training.

Documents are read from JSONL (one object per line, its --text-field), Parquet (that column), plain
text files (one document each) or a refinery dataset's folder (its data/ parts); folders are walked.
The split is by a hash of each text, so the same inputs give the same split, and training runs on
one thread with a fixed seed, so the same inputs give the same model.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import xxhash

from ...transforms.classifiers import LABEL_PREFIX, model_input
from ..errors import UserError

POSITIVE, NEGATIVE = "positive", "negative"
# Token pairs hashed into 200,000 buckets of 32 dimensions: a 27 MB model; fastText's default
# shape (2,000,000 × 100) writes 800 MB, no more accurate on bench/eval_classifier.py's pages.
MODEL_SHAPE = {"wordNgrams": 2, "minCount": 1, "dim": 32, "bucket": 200_000}
# A learning rate of 0.5, as fastText's tutorial advises over its default of 0.1. fastText can
# diverge at it ("Encountered NaN.", seen once in three runs of bench/eval_classifier.py): then the
# next, smaller rate is tried.
LEARNING_RATES = (0.5, 0.25, 0.1)
# Epochs, unless given: enough for about 20 million token updates, 5 to 100. A few hundred
# documents need about 100 (at 5, every probability stays near 0.5 and held-out accuracy near
# chance; chosen on bench/data/quality_eval/dev.jsonl by page-grouped 2-fold runs); a large corpus
# learns in 5, where 100 would take hours.
TOKEN_UPDATES, EPOCHS = 20_000_000, (5, 100)


def epochs_for(tokens: int) -> int:
    """The default number of epochs for a training set of `tokens` tokens."""
    return max(EPOCHS[0], min(EPOCHS[1], round(TOKEN_UPDATES / max(tokens, 1))))


_TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class Evaluation:
    trained: dict[str, int]  # documents per label
    held_out: dict[str, int]
    epochs: int
    learning_rate: float
    accuracy: float
    precision: float  # of `positive`
    recall: float


def read_texts(path: Path, text_field: str) -> Iterator[str]:
    """The documents in a file or under a folder, one at a time (a corpus need not fit in memory).
    Raises UserError for what cannot be read: a missing file, a folder without documents or a
    Parquet file without the column at once, a line that is not JSON when it is reached."""
    if path.is_dir():
        data = path / "data"
        root = data if (path / "manifest.json").exists() and data.is_dir() else path
        files = sorted(p for p in root.rglob("*") if p.is_file() and _readable(p))
        if not files:
            raise UserError(f"{path}: no .jsonl, .parquet or text files in it")
        return (text for file in files for text in read_texts(file, text_field))
    with _explained(path):
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            parquet = pq.ParquetFile(path)
            if text_field not in parquet.schema_arrow.names:
                raise UserError(f"{path}: no column {text_field!r} (--text-field)")
            return _parquet_texts(path, parquet, text_field)
        if path.suffix in (".jsonl", ".ndjson"):
            return _jsonl_texts(path, path.open(encoding="utf-8"), text_field)
        return iter([path.read_text(encoding="utf-8")])


@contextlib.contextmanager
def _explained(path: Path) -> Iterator[None]:
    """A file's reading errors as UserErrors that name it."""
    try:
        yield
    except FileNotFoundError as error:
        raise UserError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 text ({error.reason})") from error
    except OSError as error:
        raise UserError(f"{path}: cannot read it ({error.strerror or error})") from error


def _readable(path: Path) -> bool:
    return path.suffix in (".parquet", ".jsonl", ".ndjson", *_TEXT_SUFFIXES)


def _parquet_texts(path: Path, parquet: Any, text_field: str) -> Iterator[str]:
    with parquet, _explained(path):
        for batch in parquet.iter_batches(columns=[text_field], batch_size=1024):
            yield from (text for text in batch.column(0).to_pylist() if text)


def _jsonl_texts(path: Path, lines: IO[str], text_field: str) -> Iterator[str]:
    with lines, _explained(path):
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise UserError(f"{path}: line {number} is not JSON ({error.msg})") from error
            text = record.get(text_field) if isinstance(record, dict) else None
            if isinstance(text, str) and text.strip():
                yield text


def is_held_out(text: str, share: float) -> bool:
    """Whether a document is kept out of training: by its text's hash, the same on every run."""
    return xxhash.xxh3_64_intdigest(text.encode("utf-8", "surrogatepass")) % 10_000 < share * 10_000


def train_classifier(
    positives: Iterable[str],
    negatives: Iterable[str],
    out: Path,
    tokenize: str = "chars",
    held_out: float = 0.1,
    epoch: int | None = None,
    seed: int = 0,
) -> Evaluation:
    """Train on the documents not held out, measure on those held out, and write the model to `out`
    (atomically: a temporary file beside it, renamed). Raises UserError when a set is too small.
    Documents are streamed into fastText's training file and a held-out file: memory does not grow
    with the corpus."""
    import fasttext

    with tempfile.TemporaryDirectory(prefix="refinery-train-") as scratch:
        corpus, held = Path(scratch) / "train.txt", Path(scratch) / "held.txt"
        counts: dict[bool, dict[str, int]] = {True: {}, False: {}}
        tokens_trained = 0
        with corpus.open("w", encoding="utf-8") as training, held.open("w", encoding="utf-8") as holding:
            for label, texts in ((POSITIVE, positives), (NEGATIVE, negatives)):
                for text in texts:
                    tokens = model_input(text, tokenize)
                    if not tokens:
                        continue
                    kept_out = is_held_out(text, held_out)
                    counts[kept_out][label] = counts[kept_out].get(label, 0) + 1
                    line = f"{LABEL_PREFIX}{label} {tokens}\n"
                    if kept_out:
                        holding.write(line)
                    else:
                        training.write(line)
                        tokens_trained += tokens.count(" ") + 1
        trained = counts[False]
        if min(trained.values(), default=0) < 2 or len(trained) < 2:
            raise UserError(
                f"too few documents to train on ({trained.get(POSITIVE, 0)} positive, "
                f"{trained.get(NEGATIVE, 0)} negative after the held-out share): "
                "give each side at least a few"
            )
        epoch = epoch or epochs_for(tokens_trained)
        for rate in LEARNING_RATES:
            try:
                model = fasttext.train_supervised(
                    str(corpus), verbose=0, thread=1, seed=seed, epoch=epoch, lr=rate, **MODEL_SHAPE
                )
                break
            except RuntimeError as error:  # fastText's own: "Encountered NaN." when it diverges
                failure = error
        else:
            raise UserError(f"fastText could not train on these documents: {failure}") from failure
        evaluation = _evaluate(model, held, trained, counts[True], epoch, rate)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        model.save_model(str(temporary))
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return evaluation


def _evaluate(
    model: Any,
    held: Path,
    trained: dict[str, int],
    held_out: dict[str, int],
    epochs: int,
    learning_rate: float,
) -> Evaluation:
    """Accuracy, and precision and recall of `positive`, over the held-out file's lines."""
    hits = true_positive = said_positive = 0
    with held.open(encoding="utf-8") as lines:
        for line in lines:
            label, _, tokens = line.rstrip("\n").partition(" ")
            truth = label.removeprefix(LABEL_PREFIX)
            predicted = model.predict(tokens)[0][0].removeprefix(LABEL_PREFIX)
            hits += predicted == truth
            true_positive += predicted == truth == POSITIVE
            said_positive += predicted == POSITIVE
    total, are_positive = sum(held_out.values()), held_out.get(POSITIVE, 0)
    return Evaluation(
        trained=trained,
        held_out=held_out,
        epochs=epochs,
        learning_rate=learning_rate,
        accuracy=round(hits / total, 4) if total else float("nan"),
        precision=round(true_positive / said_positive, 4) if said_positive else float("nan"),
        recall=round(true_positive / are_positive, 4) if are_positive else float("nan"),
    )
