"""The flow end to end on a real (temporary) Prefect server with worker processes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from refinery.flows.command.train import train_classifier
from refinery.flows.flow import configured_flow
from refinery.flows.inputs.readers import discover, plan_shards
from refinery.flows.shards.process import process_shard
from refinery.flows.storage.dataset import DATA_SCHEMA, ERRORS_SCHEMA, REJECTED_SCHEMA, RUN_COLUMNS, read_part
from refinery.transforms.config import Config
from refinery.transforms.unify import converter
from tests.transforms.test_classifiers import BAD, GOOD

pytestmark = pytest.mark.system  # real CLI runs, Prefect servers or Dask clusters: make check skips them

# Several shards, so dedup and line frequency work across them; a line in 3 documents is chrome.
CONFIG = Config.from_toml("[run]\nshard_docs = 3\n[boilerplate]\ncorpus_line_min_docs = 3\n")
SITE_LINE = "示例站点的每一篇文章都经过编辑部仔细审核后才会发布"
PAGE = (
    "<html><head><title>芯片新闻</title></head><body><article><h1>芯片新闻</h1>"
    + "".join(f"<p>人工智能芯片产业正在快速发展，各国纷纷加大投入，第{i}段内容。</p>" for i in range(6))
    + "</article></body></html>"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir) -> Path:
    root = tmp_path_factory.mktemp("input") / "corpus"
    shutil.copytree(seeds_dir, root)
    for name in ("000_9d3abaac53ab3a5d.txt", "001_d8977b4136ab0523.txt", "002_1926c53725f4c631.txt"):
        seed = root / name
        seed.write_text(SITE_LINE + "\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    seed_002 = (seeds_dir / "002_1926c53725f4c631.txt").read_text(encoding="utf-8")
    (root / "zz_copy_of_002.txt").write_text(seed_002.replace("，", ", "), encoding="utf-8")
    seed_003 = (seeds_dir / "003_504d4fe7336719f2.txt").read_text(encoding="utf-8")
    edited = seed_003.replace("人工智能", "AI", 3).replace("美国", "美方", 2)  # a light edit
    (root / "zz_edited_003.txt").write_text(edited, encoding="utf-8")
    (root / "page_gbk.html").write_bytes(PAGE.encode("gbk"))  # no declared charset
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    (root / "notes.pdf").write_text("not a document refinery reads")
    return root


def run(corpus: Path, out: Path) -> dict:
    return run_with(CONFIG, corpus, out)


def run_with(config: Config, corpus: Path, out: Path, workers: int = 2) -> dict:
    config = config.model_copy(update={"run": config.run.model_copy(update={"workers": workers})})
    return configured_flow(config)(inputs=[str(corpus)], out=str(out), config=config)


def read(out: Path, part: str):
    return read_part(out, part)


@pytest.fixture(scope="module")
def published(prefect_server, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "dataset"
    return run(corpus, out), out


def test_nothing_is_lost(published):
    manifest, out = published
    counts = manifest["counts"]
    assert counts["documents_read"] == 10
    assert (counts["kept"], counts["rejected"], counts["errors"]) == (6, 3, 1)
    assert counts["invariant_holds"] is True
    assert counts["rejected_by_reason"] == {"empty": 1, "exact_duplicate": 1, "near_duplicate": 1}
    assert counts["flagged"] == {"spun": 1}  # seed 001, annotated and kept: filters are opt-in
    assert "Flagged spun (伪原创) when processed: 1" in (out / "README.md").read_text(encoding="utf-8")
    assert [Path(p).name for p in manifest["skipped_files"]] == ["notes.pdf"]
    assert read(out, "data").num_rows + read(out, "rejected").num_rows + read(out, "errors").num_rows == 10


def test_every_stage_reports_documents_in_and_out_and_its_cpu_time(published):
    manifest, out = published
    stages = {stage["name"]: stage for stage in manifest["runs"][-1]["stages"]}
    assert list(stages) == ["plan", "shards", "corpus_lines", "dedup", "write"]
    counts = manifest["counts"]
    shards = stages["shards"]
    assert (shards["documents_in"], shards["documents_out"]) == (10, 8)  # 1 empty, 1 error
    assert stages["dedup"]["documents_in"] - stages["dedup"]["documents_out"] == 2  # exact + near copy
    assert stages["write"]["documents_out"] == counts["kept"] == 6
    assert stages["shards"]["tasks"] >= 1 and stages["shards"]["cpu_seconds"] > 0
    assert "| shards | 10 | 8 |" in (out / "README.md").read_text(encoding="utf-8")


def test_contract_schemas_are_explicit(published):
    _, out = published
    for part, schema in (("data", DATA_SCHEMA), ("rejected", REJECTED_SCHEMA), ("errors", ERRORS_SCHEMA)):
        for file in sorted((out / part).glob("part-*.parquet")):
            assert pq.read_schema(file).remove_metadata() == schema, file
            assert pq.ParquetFile(file).metadata.row_group(0).column(0).compression == "ZSTD"


def test_every_row_has_provenance(published, corpus):
    manifest, out = published
    rows = read(out, "data").to_pylist() + read(out, "rejected").to_pylist()
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        for column in (
            *RUN_COLUMNS,
            "id",
            "source_uri",
            "source_format",
            "content_type",
            "source_sha256",
            "text_hash",
            "lang",
        ):
            assert row[column] is not None or (column == "lang" and row["reason"] == "empty"), (column, row)
        assert row["run_id"] == manifest["run_id"]
        assert row["config_hash"] == manifest["config_hash"]
        source = Path(row["source_uri"].removeprefix("file://"))
        assert row["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        names = [step["name"] for step in row["steps"]]
        assert names[0] == "decode" and "normalize" in names and "boilerplate" in names


def test_seed_results(published):
    _, out = published
    by_name = {Path(r["source_uri"]).name: r for r in read(out, "data").to_pylist()}
    assert "6lLesmc" not in by_name["000_9d3abaac53ab3a5d.txt"]["text"]
    seed_004 = by_name["004_ef43b4fc51d4ce41.txt"]
    assert (seed_004["script"], seed_004["converted"], seed_004["lang"]) == ("Hant", "tw2s", "zh")
    assert "中國" not in seed_004["text"]
    page = by_name["page_gbk.html"]
    assert page["title"] == "芯片新闻" and page["source_format"] == "html"
    assert by_name["001_d8977b4136ab0523.txt"]["spun"] is True  # annotated, not filtered by default
    assert [name for name, row in by_name.items() if row["spun"]] == ["001_d8977b4136ab0523.txt"]
    assert by_name["000_9d3abaac53ab3a5d.txt"]["boilerplate_share"] > 0.2
    assert "人工智能芯片产业" in page["text"]


def test_a_line_many_documents_share_is_removed_before_dedup(published):
    _, out = published
    rows = read(out, "data").to_pylist() + read(out, "rejected").to_pylist()
    assert all(SITE_LINE not in (row["text"] or "") for row in rows)
    seed_000 = next(r for r in rows if r["source_uri"].endswith("000_9d3abaac53ab3a5d.txt"))
    assert seed_000["steps"][-1]["name"] == "corpus_lines"


def test_duplicates_and_errors_say_why(published):
    _, out = published
    kept_ids = {Path(r["source_uri"]).name: r["id"] for r in read(out, "data").to_pylist()}
    rejected = {Path(r["source_uri"]).name: r for r in read(out, "rejected").to_pylist()}
    assert rejected["zz_copy_of_002.txt"]["reason"] == "exact_duplicate"
    assert rejected["zz_copy_of_002.txt"]["similarity"] == 1.0
    near = rejected["zz_edited_003.txt"]
    assert near["reason"] == "near_duplicate" and 0.8 <= near["similarity"] < 1.0
    assert near["duplicate_of"] == kept_ids["003_504d4fe7336719f2.txt"]
    cluster_sizes = {Path(r["source_uri"]).name: r["cluster_size"] for r in read(out, "data").to_pylist()}
    assert cluster_sizes["003_504d4fe7336719f2.txt"] == 2 and cluster_sizes["004_ef43b4fc51d4ce41.txt"] == 1
    assert rejected["zz_copy_of_002.txt"]["duplicate_of"] == kept_ids["002_1926c53725f4c631.txt"]
    assert rejected["empty.txt"]["reason"] == "empty"
    (error,) = read(out, "errors").to_pylist()
    assert Path(error["source_uri"]).name == "image.txt" and "binary" in error["error"]


def test_manifest_and_card(published):
    manifest, out = published
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk["counts"] == manifest["counts"]
    assert set(on_disk["versions"]) >= {
        "refinery",
        "python",
        "prefect",
        "trafilatura",
        "langdetect",
        "opencc",
        "pyarrow",
    }
    assert on_disk["config"]["run"]["shard_docs"] == 3
    assert len(on_disk["inputs"]) == 10  # every readable file, with size and checksum
    card = (out / "README.md").read_text()
    assert "| 10 | 6 | 3 | 1 |" in card and "pd.read_parquet" in card
    for name in ("signals.svg", "overview.svg"):  # the plots, drawn from the manifest's tally
        assert f"](plots/{name})" in card and (out / "plots" / name).read_text().startswith("<?xml")
    histograms = on_disk["counts"]["distributions"]["histograms"]
    assert (
        sum(histograms["length"]["kept"]) == 6 and sum(histograms["length"]["rejected"]) == 1
    )  # 2 copies left out


def test_no_temporary_files_are_left(published):
    _, out = published
    assert sorted(p.name for p in out.iterdir()) == [
        ".current",  # -> .versions/v000001, the published version
        ".lock",  # held by the run writing the dataset; empty
        ".refinery",  # marks the directory as refinery's
        ".versions",
        "README.md",
        "data",
        "errors",
        "manifest.json",
        "plots",
        "rejected",
    ]
    assert [p.name for p in (out / ".versions").iterdir()] == ["v000001"]
    for name in ("README.md", "data", "errors", "manifest.json", "plots", "rejected"):
        assert (out / name).resolve() == out / ".versions" / "v000001" / name
    # the dedup index: one file per data part, what that part holds
    indexed = sorted(p.name for p in (out / ".current" / "dedup-index").iterdir())
    assert indexed == sorted(p.name.replace("part-", "run-") for p in (out / "data").iterdir())
    assert not list(out.rglob("*.tmp"))


def test_same_input_same_dataset_and_staged_shards_are_resumed(published, corpus, tmp_path):
    """A second run, after a 'crash' that had staged one shard, gives the same rows."""
    first_manifest, first_out = published
    out = tmp_path / "again"
    shard = plan_shards(discover([str(corpus)], CONFIG.read).files, CONFIG)[0]
    process_shard(shard, CONFIG, str(out / ".staging"), first_manifest["versions"]["refinery"])
    manifest = run(corpus, out)
    assert manifest["counts"]["shards_resumed"] == 1
    for part in ("data", "rejected", "errors"):
        drop = [c for c in RUN_COLUMNS]
        assert read(out, part).drop(drop).equals(read(first_out, part).drop(drop)), part


def test_consumers_load_it(published, tmp_path, monkeypatch):
    """Hugging Face datasets loads OUT itself through the card's configs; pandas, polars and DuckDB
    read the parts the card points them at, nested `steps` included; no glob over the parts
    reaches the dedup index."""
    import duckdb
    import pandas as pd
    import polars as pl

    _, out = published
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    from datasets import load_dataset

    cache = str(tmp_path / "hf")
    kept = load_dataset(str(out), split="train", cache_dir=cache)
    assert kept.num_rows == 6 and kept[0]["steps"][0]["name"] == "decode"
    rejected = load_dataset(str(out), "rejected", split="train", cache_dir=cache)
    assert sorted(rejected["reason"]) == ["empty", "exact_duplicate", "near_duplicate"]
    assert load_dataset(str(out), "errors", split="train", cache_dir=cache).num_rows == 1
    frame = pd.read_parquet(out / "data")
    assert len(frame) == 6 and frame["steps"].map(len).min() >= 5
    assert pl.read_parquet(out / "rejected" / "*.parquet")["reason"].sort().to_list() == [
        "empty",
        "exact_duplicate",
        "near_duplicate",
    ]
    languages = duckdb.sql(f"select lang, count(*) from '{out}/data/*.parquet' group by lang").fetchall()
    assert dict(languages) == {"zh": 6}
    parts = duckdb.sql(f"select count(*) from read_parquet('{out}/*/*.parquet', union_by_name=true)")
    assert parts.fetchall() == [(6 + 3 + 1,)]  # kept, rejected and errors: no index rows


def test_a_run_that_keeps_nothing_writes_no_empty_part_and_still_loads(
    prefect_server, tmp_path, monkeypatch, caplog
):
    folder = tmp_path / "blank"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("   \n")
    out = tmp_path / "out"
    run_with(CONFIG, folder, out, workers=1)
    # what the command line prints (and exits 1 for), a scheduled run logs
    assert "nothing was kept from 2 documents read" in caplog.text
    assert not list((out / "data").iterdir()) and not list((out / "errors").iterdir())
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    from datasets import load_dataset

    card = (out / "README.md").read_text()
    assert "config_name: rejected" in card and "config_name: default" not in card
    rejected = load_dataset(str(out), "rejected", split="train", cache_dir=str(tmp_path / "hf"))
    assert rejected["reason"] == ["empty", "empty"]


def test_hugging_face_loads_each_dataset_and_version_not_one_it_cached(prefect_server, tmp_path, monkeypatch):
    """Two datasets both named `out` (exp1/out, exp2/out) and a replaced version of one, loaded in
    one process with one cache: each load returns its own rows (the cache is keyed on the folder's
    name and the card's configs)."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    from datasets import load_dataset

    def dataset(name: str, topic: str, documents: int) -> Path:
        folder = tmp_path / f"in-{name}-{documents}"
        folder.mkdir()
        for i in range(documents):
            (folder / f"{i}.txt").write_text(
                f"第{i}篇关于{topic}的报道：记者走访了{i + 3}个地方，写下所见所闻。" * 2
            )
        run_with(CONFIG, folder, tmp_path / name / "out", workers=1)
        return tmp_path / name / "out"

    def texts(out: Path) -> list[str]:
        return sorted(load_dataset(str(out), split="train", cache_dir=str(tmp_path / "hf"))["text"])

    first, second = dataset("exp1", "桥梁", 3), dataset("exp2", "茶园", 2)
    assert texts(first) == sorted(read(first, "data")["text"].to_pylist()) and len(texts(first)) == 3
    assert texts(second) == sorted(read(second, "data")["text"].to_pylist()) and len(texts(second)) == 2
    replaced = dataset("exp1", "港口", 4)  # a replace run: the next version of exp1/out
    assert all("港口" in text for text in texts(replaced)) and len(texts(replaced)) == 4


def test_a_shared_dedup_index_rejects_what_another_dataset_published(prefect_server, seeds_dir, tmp_path):
    first_input, second_input = tmp_path / "first", tmp_path / "second"
    first_input.mkdir()
    second_input.mkdir()
    seed = seeds_dir / "002_1926c53725f4c631.txt"
    shutil.copy(seed, first_input / "article.txt")
    shutil.copy(seed, second_input / "same_article.txt")
    shutil.copy(seeds_dir / "004_ef43b4fc51d4ce41.txt", second_input / "new.txt")
    config = CONFIG.model_copy(
        update={"dedup": CONFIG.dedup.model_copy(update={"index": str(tmp_path / "index")})}
    )
    run_with(config, first_input, tmp_path / "a", workers=1)
    manifest = run_with(config, second_input, tmp_path / "b", workers=1)
    assert manifest["counts"]["rejected_by_reason"] == {"exact_duplicate": 1}
    (copy,) = read(tmp_path / "b", "rejected").to_pylist()
    (original,) = read(tmp_path / "a", "data").to_pylist()
    assert copy["duplicate_of"] == original["id"] and copy["source_uri"].endswith("same_article.txt")
    assert [Path(r["source_uri"]).name for r in read(tmp_path / "b", "data").to_pylist()] == ["new.txt"]


def test_a_taiwan_phrased_copy_is_a_duplicate_even_when_scripts_are_kept(prefect_server, seeds_dir, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    seed = (seeds_dir / "003_504d4fe7336719f2.txt").read_text(encoding="utf-8")
    taiwan = converter("s2twp").convert(seed)
    assert "資料" in taiwan and "程式" in taiwan  # 数据 and 程序 in the original
    (corpus / "a.txt").write_text(seed, encoding="utf-8")
    (corpus / "b_taiwan.txt").write_text(taiwan, encoding="utf-8")
    config = CONFIG.model_copy(update={"script": CONFIG.script.model_copy(update={"target": "keep"})})
    manifest = run_with(config, corpus, tmp_path / "out", workers=1)
    (copy,) = read(tmp_path / "out", "rejected").to_pylist()
    (original,) = read(tmp_path / "out", "data").to_pylist()
    assert copy["source_uri"].endswith("b_taiwan.txt") and copy["duplicate_of"] == original["id"]
    assert copy["reason"] == "exact_duplicate" and copy["script"] == "Hant"
    assert manifest["dedup_canonical"].startswith("zh:") and "canonical_zh-" in manifest["dedup_canonical"]


def test_quality_policy_rejects_with_the_signal_as_reason_with_every_optional_stage_on(
    prefect_server, seeds_dir, tmp_path, tokenizer_file
):
    """Tokens counted, benchmarks flagged, a classifier's column written."""
    train_classifier(GOOD, BAD, tmp_path / "zh.bin", epoch=25)
    seed = sorted(seeds_dir.iterdir())[3]
    passage = max(seed.read_text(encoding="utf-8").splitlines(), key=len)[:40]
    benchmark = tmp_path / "exam.jsonl"
    benchmark.write_text(json.dumps({"qid": "q7", "question": passage}, ensure_ascii=False) + "\n")
    config = Config.model_validate(
        {
            **CONFIG.model_dump(),
            "filter": {"reject_spun": True, "languages": {"zh": {"max_boilerplate_share": 0.4}}},
            "tokens": {"tokenizer": str(tokenizer_file)},
            "decontaminate": {"files": [str(benchmark)], "action": "flag"},
            "quality": {"classifiers": [{"name": "zh", "path": str(tmp_path / "zh.bin")}]},
        }
    )
    manifest = run_with(config, seeds_dir, tmp_path / "out", workers=1)
    counts = manifest["counts"]
    assert counts["rejected_by_reason"] == {"quality:boilerplate_share": 1, "quality:spun": 1}
    assert counts["invariant_holds"] and counts["kept"] == 3
    rejected = {Path(r["source_uri"]).name[:3]: r for r in read(tmp_path / "out", "rejected").to_pylist()}
    assert rejected["001"]["reason"] == "quality:spun" and rejected["001"]["spun_score"] > 0.5
    assert rejected["000"]["reason"] == "quality:boilerplate_share"
    _assert_tokens_counted_on_the_published_text(tmp_path / "out", manifest, tokenizer_file)
    flagged = {
        row["source_uri"]: row["contaminated_by"] for row in read(tmp_path / "out", "data").to_pylist()
    }
    assert {uri: item for uri, item in flagged.items() if item} == {seed.as_uri(): "exam.jsonl:q7"}
    assert counts["flagged"]["contaminated"] == 1
    card = (tmp_path / "out" / "README.md").read_text()
    assert "Decontaminated against `exam.jsonl`: 1 documents" in card
    assert "| `quality_zh` | `double` |" in card and "quality classifiers (quality_zh)" in card
    for part in ("data", "rejected"):
        scores = read(tmp_path / "out", part)["quality_zh"].to_pylist()
        assert scores and all(0 <= score <= 1 for score in scores)


def _assert_tokens_counted_on_the_published_text(out: Path, manifest: dict, tokenizer_file: Path) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    totals = {}
    for part, group in (("data", "kept"), ("rejected", "rejected")):
        rows = read(out, part).to_pylist()
        for row in rows:
            assert row["tokens"] == len(tokenizer.encode(row["text"], add_special_tokens=False).ids)
        totals[group] = sum(row["tokens"] for row in rows)
    assert manifest["counts"]["tokens"] == totals and totals["kept"] > 0
    assert f"{totals['kept']:,} kept, {totals['rejected']:,} rejected" in (out / "README.md").read_text()


def test_manifest_counts_every_stage_including_the_corpus_wide_ones(published):
    manifest, out = published
    by_stage = manifest["counts"]["chars_removed_by_stage"]
    assert by_stage["corpus_lines"] > 0 and by_stage["boilerplate"] > 0
    rows = read(out, "data").to_pylist() + read(out, "rejected").to_pylist()
    assert by_stage["boilerplate"] == sum(
        s["chars_removed"] for r in rows for s in r["steps"] if s["name"] == "boilerplate"
    )


def test_a_second_run_over_unchanged_inputs_is_a_no_op(published, corpus):
    manifest, out = published
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*")}
    again = run(corpus, out)
    assert again["up_to_date"] is True and again["run_id"] == manifest["run_id"]
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*")} == before


def append_config(workers: int = 1) -> Config:
    return CONFIG.with_overrides({"run": {"mode": "append", "workers": workers}})


def test_append_runs_add_only_new_inputs_and_dedup_against_the_dataset(prefect_server, seeds_dir, tmp_path):
    folder, out = tmp_path / "incoming", tmp_path / "grown"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for seed in seeds[:3]:
        shutil.copy(seed, folder / seed.name)
    config = append_config()
    first = configured_flow(config)(inputs=[str(folder)], out=str(out), config=config)
    assert first["counts"]["kept"] == 3 and [r["sequence"] for r in first["runs"]] == [0]
    first_parts = {p: p.read_bytes() for p in out.rglob("part-*.parquet")}

    shutil.copy(seeds[3], folder / seeds[3].name)
    shutil.copy(seeds[1], folder / "copy_of_001.txt")
    killed = out / ".next-killed-run" / "data"  # what a run killed before it published leaves
    killed.mkdir(parents=True)
    (killed / "part-0001-00007.parquet").write_bytes(b"left by a killed run")
    second = configured_flow(config)(inputs=[str(folder)], out=str(out), config=config)

    this_run = second["runs"][-1]
    assert this_run["sequence"] == 1 and this_run["mode"] == "append"
    assert (this_run["counts"]["documents_read"], this_run["counts"]["kept"]) == (2, 1)
    assert this_run["counts"]["rejected_by_reason"] == {"exact_duplicate": 1}
    counts = second["counts"]
    assert (counts["documents_read"], counts["kept"], counts["rejected"], counts["invariant_holds"]) == (
        5,
        4,
        1,
        True,
    )
    assert sorted(item["key"].split("/")[-1] for item in second["inputs"]) == sorted(
        [s.name for s in seeds[:4]] + ["copy_of_001.txt"]
    )
    assert {p: p.read_bytes() for p in first_parts} == first_parts  # published parts never rewritten
    assert not killed.parent.exists() and not (out / "data" / "part-0001-00007.parquet").exists()
    assert sorted(p.name for p in (out / "data").glob("part-0001-*")) == ["part-0001-00000.parquet"]
    kept = read(out, "data").to_pylist()
    (copy,) = read(out, "rejected").to_pylist()
    original = next(r for r in kept if r["source_uri"].endswith(seeds[1].name))
    assert copy["duplicate_of"] == original["id"] and copy["run_id"] == this_run["run_id"]
    assert original["run_id"] == first["run_id"]
    assert len({r["id"] for r in kept}) == 4
    assert "| 1 | append |" in (out / "README.md").read_text()

    (folder / seeds[0].name).write_text("changed after it was published", encoding="utf-8")
    third = configured_flow(config)(inputs=[str(folder)], out=str(out), config=config)
    assert third["up_to_date"] is True and len(third["runs"]) == 2  # nothing new; changes not reprocessed


def test_every_input_format_and_bad_input_in_one_run(prefect_server, seeds_dir, tmp_path):
    """Good and bad records of every format: each ends in exactly one of data/, rejected/, errors/."""
    from tests.flows.inputs.test_readers import CSV_ROWS, compress, csv_bytes, jsonl_lines, warc_bytes

    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(seeds_dir / "002_1926c53725f4c631.txt", folder / "article.txt")
    lines = b"\n".join(jsonl_lines()) + b"\n"
    (folder / "dump.jsonl").write_bytes(lines)
    (folder / "dump.jsonl.zst").write_bytes(compress(lines, ".jsonl.zst"))
    (folder / "cut.jsonl.gz").write_bytes(compress(lines, ".jsonl.gz")[:-12])  # the end is missing
    (folder / "crawl.warc.gz").write_bytes(warc_bytes())
    pq.write_table(pa.table({"text": ["第一行文字。", ""], "id": [1, 2]}), folder / "rows.parquet")
    pq.write_table(pa.table({"content": ["没有 text 列"]}), folder / "no_text.parquet")
    (folder / "table.csv").write_bytes(csv_bytes(CSV_ROWS))
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "random.warc").write_bytes(bytes(range(256)) * 4)
    mixed = "第一段是UTF-8。\n".encode() + "第二段是GBK。\n".encode("gbk") + "第三段是Big5。".encode("big5")
    (folder / "mixed_encodings.txt").write_bytes(mixed)
    out = tmp_path / "out"
    manifest = run_with(CONFIG, folder, out, workers=1)
    counts = manifest["counts"]
    assert counts["invariant_holds"]
    rows = {part: read(out, part).to_pylist() for part in ("data", "rejected", "errors")}
    assert (
        counts["documents_read"]
        == sum(len(r) for r in rows.values())
        == counts["kept"] + counts["rejected"] + counts["errors"]
    )
    formats = {Path(r["source_uri"]).name for r in rows["data"] + rows["rejected"]}
    assert {
        "article.txt",
        "dump.jsonl",
        "dump.jsonl.zst",
        "crawl.warc.gz",
        "rows.parquet",
        "table.csv",
    } <= formats
    errors = {(Path(r["source_uri"]).name, r["error"].split(":")[0]) for r in rows["errors"]}
    assert ("no_text.parquet", "no column 'text' (columns") in errors
    assert ("dump.jsonl", "invalid JSON") in errors
    assert any(name == "random.warc" for name, _ in errors)
    assert any(name == "cut.jsonl.gz" and "truncated" in message for name, message in errors)
    everywhere = [Path(r["source_uri"]).name for rows_of in rows.values() for r in rows_of]
    assert everywhere.count("mixed_encodings.txt") == 1
    assert len({r["id"] for rows_of in rows.values() for r in rows_of}) == counts["documents_read"]
    jsonl_row = next(
        r
        for r in rows["data"] + rows["rejected"]
        if r["source_uri"].endswith("dump.jsonl") and r["source_record"] == "byte 0"
    )
    assert jsonl_row["source_url"] == "https://example.cn/1" and json.loads(jsonl_row["metadata"])["id"] == 1
    csv_rows = [r for r in rows["data"] + rows["rejected"] if r["source_uri"].endswith("table.csv")]
    assert {(r["source_format"], r["content_type"]) for r in csv_rows} == {("csv", "text")}
    assert sorted(json.loads(r["metadata"])["author"] for r in csv_rows) == ["張三", "李四"]


def test_two_runs_never_write_one_dataset_at_once(tmp_path):
    import contextvars

    from refinery.flows.errors import UserError
    from refinery.flows.storage.dataset import dataset_lock

    def another_run() -> None:
        with dataset_lock(tmp_path):
            pass

    with dataset_lock(tmp_path):
        with pytest.raises(UserError, match="another run is writing"):
            contextvars.Context().run(another_run)  # a run that does not hold it: refused
        with dataset_lock(tmp_path):  # the run holding it (the command line, then its flow)
            pass
        with pytest.raises(UserError, match="another run is writing"):
            contextvars.Context().run(another_run)  # still held
    contextvars.Context().run(another_run)  # released


def test_output_paths_stay_inside_the_output_whatever_the_input_names(prefect_server, tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    names = [
        "..txt",
        "-rf.txt",
        "line\nbreak.txt",
        "名字 有空格.txt",
        "x" * 200 + ".txt",
        "back\\slash.txt",
    ]
    for index, name in enumerate(names):
        (folder / name).write_text(
            f"第{index}篇：人工智能芯片产业正在快速发展，各国纷纷加大投入。", encoding="utf-8"
        )
    before = {p for p in tmp_path.rglob("*")}
    out = tmp_path / "out"
    manifest = run_with(CONFIG, folder, out, workers=1)
    assert manifest["counts"]["documents_read"] == len(names) - 1  # "..txt" is hidden: a dot file
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(p == out or out in p.parents for p in created)
    parts = [p.name for p in (out / "data").iterdir()]  # named by run and shard, never by input
    assert parts and all(re.fullmatch(r"part-0000-\d{5}\.parquet", name) for name in parts)
