"""The naive reference pipeline, per document: langdetect, trafilatura for HTML, datasketch
MinHash (128 permutations, character 5-grams) queried against and inserted into a MinHashLSH at
0.8. No cleaning, no script handling. One process.

Runs in the bench-only environment (datasketch is not a refinery dependency):
    bench/.venv-datatrove/bin/pip install datasketch langdetect trafilatura lxml_html_clean
    bench/.venv-datatrove/bin/python bench/naive_pipeline.py CORPUS_DIR
Prints one JSON line: documents, bytes, seconds, duplicates found.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path

import trafilatura
from datasketch import MinHash, MinHashLSH
from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException


def records(corpus: Path):
    for path in sorted(corpus.iterdir()):
        if path.suffix == ".html":
            yield path.read_bytes(), "html"
        elif path.suffix == ".jsonl":
            for line in path.read_bytes().splitlines():
                yield json.loads(line)["text"].encode(), "text"


def main() -> int:
    DetectorFactory.seed = 0
    corpus = Path(sys.argv[1])
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    documents = size = duplicates = 0
    started = time.perf_counter()
    for data, kind in records(corpus):
        documents += 1
        size += len(data)
        text = data.decode("utf-8", "replace")
        if kind == "html":
            text = trafilatura.extract(text) or ""
        with contextlib.suppress(LangDetectException):
            detect(text[:3000])
        compact = "".join(text.split())
        minhash = MinHash(num_perm=128)
        minhash.update_batch([compact[i : i + 5].encode() for i in range(max(1, len(compact) - 4))])
        if lsh.query(minhash):
            duplicates += 1
        else:
            lsh.insert(str(documents), minhash)
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": documents, "bytes": size, "seconds": seconds, "duplicates": duplicates}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
