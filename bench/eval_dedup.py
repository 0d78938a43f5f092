"""Evaluate near-duplicate dedup against brute-force Jaccard and a plain datasketch baseline, and
measure it at scale.

Quality: real article text (hand-labelled gold of bench/data/html_gold, the plain-text eval set and
the seeds). Every article comes with copies made by OpenCC s2twp (Taiwan characters and phrasing)
and s2hk (Hong Kong characters), and one more variant, in turn: an exact copy with other spacing,
a light edit, a heavy edit (which must stay apart), a plain s2t copy, a copy with a watermark token
glued to every line, a copy under another site's header and footer (share, copyright, related
lines). The truth is by construction: each article and its copies are one cluster, a heavy edit is
its own. Every document goes through the per-document pipeline, as in a run, and then:
  refinery          its dedup columns and global dedup (flows.corpus.dedup.find_duplicates), with
                    script.target = hans (default), keep and hant, and with dedup.canonical =
                    plain (no script folding: what 0.3.0 compared);
  brute force       exact Jaccard >= threshold of refinery's shingles on the canonical form,
                    every pair, clusters = connected parts: what MinHash LSH approximates;
  datasketch + t2s  the ten-line baseline on the raw documents: OpenCC t2s, character 5-grams,
                    datasketch MinHashLSH (threshold 0.8, 128 permutations).
Per system: documents removed, precision (removed documents whose cluster keeps a document) and
recall (correct removals / redundant documents), and per variant kind how many copies ended with
their article (for heavy edits: how many stayed apart).

HTML copies: every Chinese page of the in-repo sets (and ../shared's GNE pages when present) with a
copy whose one sentence is changed; pairs whose published texts are no longer near copies are
listed, for refinery and for plain trafilatura.

Scale: --scale N builds N synthetic ~2,000-character documents (10 % near copies) and times the
signatures and the global stage, with peak memory. --cost times the dedup columns per document.

Usage:  .venv/bin/python bench/eval_dedup.py [--scale 100000] [--cost]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refinery.flows.corpus import Corpus  # noqa: E402
from refinery.flows.corpus.dedup import band_groups, find_duplicates  # noqa: E402
from refinery.flows.storage.dataset import STAGING_SCHEMA  # noqa: E402
from refinery.transforms.canonical import compact_lines, fold  # noqa: E402
from refinery.transforms.config import Config, DedupConfig  # noqa: E402
from refinery.transforms.decode import declared_charset, decode_bytes  # noqa: E402
from refinery.transforms.dedup_keys import dedup_columns  # noqa: E402
from refinery.transforms.document import RawRecord  # noqa: E402
from refinery.transforms.minhash import shingle_hashes  # noqa: E402
from refinery.transforms.pipeline import process_record  # noqa: E402
from refinery.transforms.unify import converter  # noqa: E402

CONFIG = Config()
WRAP = ["分享到微信", "分享到微博", "关注我们的微信公众号", "版权所有 © 2024 示例网", "责任编辑：王某"]
HEADERS = [
    ["首页 > 新闻中心 > 正文", "2024-03-18 09:12 来源：东方在线 作者：李明"],
    ["网站首页 | 国内 | 国际 | 财经 | 科技", "发布时间：2023年11月02日 浏览次数：1532"],
    ["当前位置：资讯 > 社会", "编辑：周小燕  字号：大 中 小"],
]
FOOTERS = [
    [
        "分享到：微信 微博 QQ空间",
        "相关阅读",
        "· 多地出台新政策 促进消费回暖",
        "· 专家解读最新数据",
        "版权所有 © 东方在线 未经授权禁止转载",
    ],
    [
        "【我要纠错】 责任编辑：王洁",
        "扫一扫关注我们的公众号",
        "本网站所刊登的各种新闻均为版权所有，转载请注明出处。",
    ],
    [
        "点赞(12) 收藏 举报",
        "上一篇：市场迎来新变化",
        "下一篇：今年的工作重点",
        "联系我们 | 广告服务 | 网站地图",
    ],
]
DUPLICATE_KINDS = ("s2twp", "s2hk", "exact", "light", "s2t", "watermarked", "reboilerplated")
EXTRA_KINDS = ("exact", "light", "heavy", "s2t", "watermarked", "reboilerplated")


def articles() -> list[str]:
    labels = [json.loads(p.read_text()) for p in sorted((ROOT / "bench/data/html_gold").glob("*.json"))]
    texts = [label.get("text", "") for label in labels]  # skipped pages have no text
    texts = [t for t in texts if t and len(t) > 300]
    eval_file = ROOT / "bench/data/text_eval/docs.jsonl"
    texts += [json.loads(line)["gold"] for line in eval_file.read_text().splitlines() if line.strip()]
    return [t for t in texts if len(t) > 300]


def sentences(text: str) -> list[str]:
    parts, current = [], ""
    for ch in text:
        current += ch
        if ch in "。！？\n":
            parts.append(current)
            current = ""
    return [*parts, current] if current else parts


def light_edit(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    if len(parts) > 6:
        del parts[rng.randrange(len(parts))]  # one sentence gone
    chars = list("".join(parts))
    for _ in range(max(1, len(chars) // 200)):  # ~0.5 % characters replaced
        chars[rng.randrange(len(chars))] = rng.choice("的一是了在人有我他这")
    return "".join(chars)


def heavy_edit(text: str, rng: random.Random, pool: list[str]) -> str:
    parts = sentences(text)
    keep = parts[: max(1, len(parts) * 4 // 10)]
    return "".join(keep + rng.sample(pool, k=min(len(pool), len(parts) - len(keep) + 1)))


def watermarked(text: str, rng: random.Random) -> str:
    token = "".join(rng.choices("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=7))
    return "\n".join([line + token for line in text.split("\n")] + rng.sample(WRAP, 3))


def reboilerplated(text: str, rng: random.Random) -> str:
    return "\n".join([*rng.choice(HEADERS), text, *rng.choice(FOOTERS)])


def variant(kind: str, text: str, rng: random.Random, pool: list[str]) -> str:
    if kind in ("s2twp", "s2hk", "s2t"):
        return converter(kind).convert(text)
    if kind == "exact":
        return text.replace("，", ", ").replace("\n", "\n\n")
    if kind == "light":
        return light_edit(text, rng)
    if kind == "heavy":
        return heavy_edit(text, rng, pool)
    if kind == "watermarked":
        return watermarked(text, rng)
    return reboilerplated(text, rng)


def build_corpus(seed: int = 0) -> tuple[list[str], list[tuple[int, str]]]:
    """Documents, and for each (article index, variant kind); an article's original comes first."""
    rng = random.Random(seed)
    bases = articles()
    pool = [s for text in bases for s in sentences(text) if len(s) > 15]
    docs: list[str] = []
    origin: list[tuple[int, str]] = []
    for index, text in enumerate(bases):
        for kind in ("original", "s2twp", "s2hk", EXTRA_KINDS[index % len(EXTRA_KINDS)]):
            docs.append(text if kind == "original" else variant(kind, text, rng, pool))
            origin.append((index, kind))
    return docs, origin


def stage(texts: list[str], directory: Path, name: str, prefix: str = "d", config: Config = CONFIG) -> str:
    rows = [
        {
            "id": f"{prefix}{i:07d}",
            "status": "kept",
            "source_uri": "bench",
            "source_format": "text",
            "text": text,
            **dedup_columns(text, config.dedup),
        }
        for i, text in enumerate(texts)
    ]
    path = directory / name
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return str(path)


def shingle_set(text: str, config: DedupConfig | None = None) -> np.ndarray:
    """refinery's shingle hashes of a text, distinct: what brute-force Jaccard compares."""
    config = config or CONFIG.dedup
    folded = fold(text, config.canonical)
    return np.unique(shingle_hashes(folded, "".join(compact_lines(text, folded, config.canonical)), config))


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / max(len(a) + len(b) - common, 1)


def clusters_of_pairs(count: int, pairs: set[tuple[int, int]]) -> list[int]:
    """Each document's cluster: the smallest index among those it is linked to (union-find)."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        first, second = find(a), find(b)
        parent[max(first, second)] = min(first, second)
    return [find(i) for i in range(count)]


def refinery_clusters(docs: list[str], target: str, canonical: str = "zh") -> list[int]:
    """The pipeline, then global dedup: each document's keeper (itself when kept)."""
    config = Config.model_validate({"script": {"target": target}, "dedup": {"canonical": canonical}})
    processed = [
        process_record(RawRecord(str(i), "bench", None, "text", d.encode()), config)
        for i, d in enumerate(docs)
    ]
    texts = [document.text for document in processed]
    with tempfile.TemporaryDirectory() as tmp:
        staged = stage(texts, Path(tmp), "s.parquet", config=config)
        rows = find_duplicates(Corpus.of([staged]), config.dedup).to_pylist()
    keeper = list(range(len(docs)))
    for row in rows:
        if row["duplicate_of"]:
            keeper[int(row["id"][1:])] = int(row["duplicate_of"][1:])
    return keeper


def brute_force_clusters(docs: list[str]) -> list[int]:
    processed = [
        process_record(RawRecord(str(i), "bench", None, "text", d.encode()), CONFIG).text
        for i, d in enumerate(docs)
    ]
    sets = [shingle_set(text) for text in processed]
    pairs = {
        (a, b)
        for a, b in itertools.combinations(range(len(sets)), 2)
        if exact_jaccard(sets[a], sets[b]) >= CONFIG.dedup.threshold
    }
    return clusters_of_pairs(len(docs), pairs)


def datasketch_clusters(docs: list[str]) -> list[int]:
    """The plain baseline: OpenCC t2s, character 5-grams, datasketch MinHash LSH."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=CONFIG.dedup.threshold, num_perm=CONFIG.dedup.num_perm)
    signatures = []
    for index, doc in enumerate(docs):
        text = converter("t2s").convert(doc)
        minhash = MinHash(num_perm=CONFIG.dedup.num_perm, seed=1)
        minhash.update_batch([text[i : i + 5].encode() for i in range(max(len(text) - 4, 1))])
        lsh.insert(str(index), minhash)
        signatures.append(minhash)
    pairs = {
        (min(index, int(other)), max(index, int(other)))
        for index, minhash in enumerate(signatures)
        for other in lsh.query(minhash)
        if int(other) != index
    }
    return clusters_of_pairs(len(docs), pairs)


def score(clusters: list[int], origin: list[tuple[int, str]]) -> dict:
    """Removal precision and recall against the constructed truth, and per-kind outcomes.
    A predicted cluster keeps its first document (the article's original comes first)."""
    truth = [(base, index if kind == "heavy" else -1) for index, (base, kind) in enumerate(origin)]
    gone = {index for index, cluster in enumerate(clusters) if cluster != index}
    kept_truth = {truth[index] for index in range(len(origin)) if index not in gone}
    correct = sum(1 for index in gone if truth[index] in kept_truth)
    redundant = len(origin) - len(set(truth))
    kinds: dict[str, list[bool]] = {}
    for index, (base, kind) in enumerate(origin):
        if kind != "original":
            original = origin.index((base, "original"))
            kinds.setdefault(kind, []).append(clusters[index] == clusters[original])
    return {
        "removed": len(gone),
        "precision": correct / len(gone) if gone else 1.0,
        "recall": correct / redundant if redundant else 1.0,
        "kinds": {kind: (sum(values), len(values)) for kind, values in kinds.items()},
    }


def quality() -> None:
    docs, origin = build_corpus()
    bases = len({base for base, _ in origin})
    print(
        f"{len(docs)} documents: {bases} real articles, each with copies (threshold {CONFIG.dedup.threshold})"
    )
    results = {
        "refinery (target hans)": refinery_clusters(docs, "hans"),
        "refinery (target keep)": refinery_clusters(docs, "keep"),
        "refinery (target hant)": refinery_clusters(docs, "hant"),
        "refinery (hans, canonical plain)": refinery_clusters(docs, "hans", "plain"),
        "brute-force Jaccard, canonical": brute_force_clusters(docs),
        "datasketch + t2s": datasketch_clusters(docs),
    }
    scores = {name: score(clusters, origin) for name, clusters in results.items()}
    kinds = [*DUPLICATE_KINDS, "heavy"]
    print(
        f"\n{'system':32s} {'removed':>7s} {'precision':>9s} {'recall':>7s}  "
        + " ".join(f"{k:>14s}" for k in kinds)
    )
    for name, result in scores.items():
        cells = [f"{result['kinds'][k][0]}/{result['kinds'][k][1]}" for k in kinds]
        print(
            f"{name:32s} {result['removed']:7d} {result['precision']:9.4f} {result['recall']:7.4f}  "
            + " ".join(f"{c:>14s}" for c in cells)
        )
    print("(per kind: copies that ended with their article; heavy: edits that did, which is wrong)")


def html_pages() -> list[Path]:
    """Chinese pages: the in-repo labelled sets, and ../shared's GNE news pages when present."""
    found = sorted((ROOT / "bench/data/html_pagetypes").glob("*.html"))
    found += sorted((ROOT / "bench/data/html_synth").glob("zh*.html"))
    return found + sorted((ROOT.parent / "shared/pages/gne-zh-news").glob("*.html"))


def html_copies(seed: int = 0) -> None:
    """Two copies of a page that differ in one sentence must come out as near copies: extraction
    and cleaning that flip on a small edit make copies that dedup cannot see. Per page, the exact
    Jaccard of refinery's shingles of the two published texts, and of plain trafilatura's."""
    import trafilatura

    rng = random.Random(seed)
    systems = {
        "refinery": lambda html: (
            process_record(RawRecord("p", "bench", None, "html", html.encode()), CONFIG).text
        ),
        "trafilatura": lambda html: trafilatura.extract(html, include_tables=True) or "",
    }
    below: dict[str, list[str]] = {name: [] for name in systems}
    pages = 0
    for path in html_pages():
        html = decode_bytes(path.read_bytes(), declared=declared_charset(path.read_bytes())).text
        runs = list(re.finditer(r"[\u4e00-\u9fff，]{30,}", html))
        if not runs:
            continue
        pages += 1
        middle = (lambda m: m.start() + len(m.group()) // 2)(rng.choice(runs))
        edited = html[:middle] + "这是一处修改过的句子" + html[middle + 6 :]
        for name, extract in systems.items():
            similarity = exact_jaccard(shingle_set(extract(html)), shingle_set(extract(edited)))
            if similarity < CONFIG.dedup.threshold:
                below[name].append(f"{path.name} ({similarity:.2f})")
    print(f"\nHTML copies: {pages} Chinese pages, each with a copy where one sentence is changed")
    for name, pages_below in below.items():
        print(
            f"  {name:12s} pairs under Jaccard {CONFIG.dedup.threshold}: {len(pages_below)}  {' '.join(pages_below)}"
        )


def _synthetic_chunk(job: tuple[int, int, str]) -> tuple[str, float]:
    """Generate and stage one chunk of ~2,000-character documents, 10 % of them near copies of
    earlier ones in the chunk; generated where staged, so memory stays per chunk."""
    chunk, size, directory = job
    rng = random.Random(chunk)
    pool = [s for text in articles() for s in sentences(text) if len(s) > 15]
    texts: list[str] = []
    for _ in range(size):
        if texts and rng.random() < 0.1:
            texts.append(light_edit(rng.choice(texts[-1000:]), rng))
            continue
        text = ""
        while len(text) < 2000:
            text += rng.choice(pool)
        texts.append(text[:2000])
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    return stage(texts, Path(directory), f"s{chunk:06d}.parquet", prefix=f"c{chunk:06d}-"), megabytes


def scale(count: int, workers: int) -> None:
    chunk_size = 10_000
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [
            (i, min(chunk_size, count - i * chunk_size), tmp)
            for i in range((count + chunk_size - 1) // chunk_size)
        ]
        started = time.perf_counter()
        with multiprocessing.Pool(workers) as pool:
            staged = pool.map(_synthetic_chunk, jobs)
        signing = time.perf_counter() - started
        paths = [path for path, _ in staged]
        megabytes = sum(size for _, size in staged)
        whole = _probe(f"rows = find_duplicates(Corpus.of({paths!r}), Config().dedup).num_rows")
        # The same stage as the flow runs it on many documents: band groups as separate tasks.
        groups = band_groups(16, count)
        group_runs = []
        with tempfile.TemporaryDirectory() as pairs_dir:
            for group in groups:
                group_runs.append(
                    _probe(
                        f"pairs = candidate_pairs(Corpus.of({paths!r}), Config().dedup, None, {group!r})\n"
                        f"np.save({pairs_dir!r} + '/{group[0]}.npy', pairs)\nrows = len(pairs)"
                    )
                )
            split = _probe(
                f"import glob\nfiles = sorted(glob.glob({pairs_dir!r} + '/*.npy'))\n"
                "pairs = np.unique(np.concatenate([np.load(f) for f in files]), axis=0)\n"
                f"rows = find_duplicates(Corpus.of({paths!r}), Config().dedup, pairs=pairs).num_rows"
            )
    print(f"\nscale: {count:,} documents, {megabytes:,.0f} MB of text")
    print(
        f"  generation + signatures + staging: {signing:,.1f} s ({count / signing:,.0f} docs/s, {workers} processes)"
    )
    print(
        f"  global dedup stage, one task: {whole[0]:,.1f} s, peak {whole[2]:,.0f} MB in its own process; "
        f"{whole[1]:,} rows in clusters"
    )
    print(
        f"  split in {len(groups)} band-group tasks: candidate search {sum(r[0] for r in group_runs):,.1f} s in all "
        f"(max peak {max(r[2] for r in group_runs):,.0f} MB), then clustering {split[0]:,.1f} s "
        f"(peak {split[2]:,.0f} MB); {split[1]:,} rows in clusters"
        + ("" if split[1] == whole[1] else "  ← DIFFERS from the one-task result")
    )


def _probe(body: str) -> tuple[float, int, float]:
    """Run `body` (which sets `rows`) in a fresh process: seconds, rows, peak MB of that process."""
    probe = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import numpy as np\n"
        "from refinery.flows.corpus import Corpus\n"
        "from refinery.flows.corpus.dedup import candidate_pairs, find_duplicates\n"
        "from refinery.transforms.config import Config\n"
        "started = time.perf_counter()\n"
        f"{body}\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
        "hwm = [line for line in open('/proc/self/status') if line.startswith('VmHWM')][0]\n"
        "print(json.dumps([time.perf_counter() - started, int(rows), int(hwm.split()[1]) / 1024]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return tuple(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=0, help="also time N synthetic documents")
    parser.add_argument("--workers", type=int, default=2, help="processes for the scale run's signatures")
    args = parser.parse_args()
    quality()
    html_copies()
    if args.scale:
        scale(args.scale, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
