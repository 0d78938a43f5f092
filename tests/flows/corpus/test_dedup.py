from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from refinery.flows.corpus.dedup import Deduplicate, band_groups, candidate_pairs, find_duplicates
from refinery.flows.corpus.index import load_dataset_index, load_index, write_index
from refinery.flows.corpus.stage import Corpus, InlineWork
from refinery.flows.storage.dataset import STAGING_SCHEMA
from refinery.flows.storage.parts import RunColumns, write_parts
from refinery.transforms.config import Config, DedupConfig
from refinery.transforms.dedup_keys import dedup_columns

CONFIG = DedupConfig()
ARTICLE = "".join(
    f"第{i}段：人工智能芯片产业正在快速发展，各国政府纷纷出台扶持政策，企业加大研发投入。" for i in range(12)
)


def stage(path, texts, ids=None):
    rows = [
        {
            "id": (ids or [f"d{i}" for i in range(len(texts))])[i],
            "status": "kept",
            "source_uri": "x",
            "source_format": "text",
            "text": text,
            **dedup_columns(text, CONFIG),
        }
        for i, text in enumerate(texts)
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), path)
    return str(path)


def publish_run(out_dir, staged, config=CONFIG, sequence=0):
    """Dedup `staged` and write it as run `sequence` of the dataset at `out_dir`; how many documents
    its dedup index records."""
    run = RunColumns("run", "hash", "0", datetime(2026, 1, 1, tzinfo=UTC))
    corpus = Corpus.of(staged, kept=sum(pq.read_metadata(path).num_rows for path in staged))
    work = InlineWork(Config(dedup=config), out_dir / ".staging", out_dir, sequence)
    corpus = Deduplicate().run(corpus, work)
    for shard in range(len(staged)):
        write_parts(corpus, shard, shard, str(out_dir / ".current"), run, sequence, work.config)
    written = (out_dir / ".current" / "dedup-index").glob(f"run-{sequence:04d}-*.parquet")
    return sum(pq.read_metadata(path).num_rows for path in written)


def by_id(table):
    return {row["id"]: row for row in table.to_pylist()}


def test_exact_copies_keep_the_first_in_input_order(tmp_path):
    first = stage(
        tmp_path / "s0.parquet", [ARTICLE, "另一篇完全不同的文章，讲的是天气和旅游。" * 5], ["a", "b"]
    )
    second = stage(tmp_path / "s1.parquet", [ARTICLE.replace("，", ", ")], ["c"])
    rows = by_id(find_duplicates(Corpus.of([first, second]), CONFIG))
    assert rows["c"]["duplicate_of"] == "a" and rows["c"]["reason"] == "exact_duplicate"
    assert rows["c"]["similarity"] == 1.0
    assert rows["a"]["duplicate_of"] is None and rows["a"]["cluster_size"] == 2
    assert "b" not in rows


def test_lightly_edited_copies_are_near_duplicates_of_the_central_or_the_longest(tmp_path):
    edited = ARTICLE.replace("人工智能", "AI", 2).replace("中国", "我国", 1)
    longer = ARTICLE + "记者 王小明 报道。"
    staged = stage(tmp_path / "s.parquet", [edited, longer, ARTICLE])
    central = by_id(find_duplicates(Corpus.of([staged]), CONFIG))
    assert central["d2"]["duplicate_of"] is None and central["d2"]["cluster_size"] == 3  # both edit it
    longest = by_id(find_duplicates(Corpus.of([staged]), DedupConfig(keep="longest")))
    assert longest["d1"]["duplicate_of"] is None and longest["d1"]["cluster_size"] == 3
    for rows, dropped in ((central, ("d0", "d1")), (longest, ("d0", "d2"))):
        assert {rows[d]["reason"] for d in dropped} == {"near_duplicate"}
        assert all(0.8 <= rows[d]["similarity"] < 1 for d in dropped)


SENTENCES = [
    "清晨的菜市场里人声鼎沸，摊主们忙着摆放新鲜蔬菜。",
    "博物馆今年推出了三个新展览，吸引了大批年轻观众。",
    "气象台预报本周末将有一次明显的降温过程。",
    "这家工厂引进自动化生产线后，产量提高了近一倍。",
    "社区图书馆延长了开放时间，方便上班族借阅书籍。",
    "研究人员在深海发现了一种从未记录过的发光鱼类。",
    "城市地铁新线路开通首日，客流量超过预期。",
    "农民合作社通过网络直播把苹果卖到了全国各地。",
    "一场突如其来的暴雨让老城区的排水系统经受考验。",
    "中学生机器人团队在国际比赛中获得了银奖。",
    "新开的面馆凭借手工拉面在附近小有名气。",
    "志愿者们利用周末时间清理河道两岸的垃圾。",
]


def _edited(text: str, positions: list[int]) -> str:
    """`text` with the characters at `positions` replaced: each replacement changes 5 shingles."""
    chars = list(text)
    for position in positions:
        chars[position] = "某"
    return "".join(chars)


def test_the_kept_document_is_one_every_dropped_copy_resembles(tmp_path):
    middle = "".join(SENTENCES)
    start = "又" + _edited(middle, [10, 22, 34, 46])  # the longest: edits at the start
    end = _edited(middle, [210, 222, 234])[:-2]  # edits at the end
    staged = stage(tmp_path / "s.parquet", [start, middle, end])
    similarity = {
        pair: float(np.mean(np.equal(*(dedup_columns(t, CONFIG)["minhash"] for t in pair))))
        for pair in [(start, middle), (middle, end), (start, end)]
    }
    assert similarity[start, middle] >= 0.85 and similarity[middle, end] >= 0.85
    assert similarity[start, end] < CONFIG.threshold  # the two ends are not near copies
    # Keeping the longest (start) would drop end for a copy it does not resemble: middle stays,
    # whatever the policy.
    for policy in ("central", "longest", "first"):
        rows = by_id(find_duplicates(Corpus.of([staged]), DedupConfig(keep=policy)))
        assert rows["d1"]["duplicate_of"] is None and rows["d1"]["cluster_size"] == 3
        assert rows["d0"]["duplicate_of"] == rows["d2"]["duplicate_of"] == "d1"
        assert all(rows[d]["similarity"] >= CONFIG.threshold for d in ("d0", "d2"))


def test_first_policy_and_heavy_edits(tmp_path):
    heavy = "".join(f"第{i}段：天气变化影响农业生产，农民调整种植计划以适应新的气候条件。" for i in range(12))
    staged = stage(tmp_path / "s.parquet", [ARTICLE, ARTICLE + "补充一句。", heavy])
    rows = by_id(find_duplicates(Corpus.of([staged]), DedupConfig(keep="first")))
    assert rows["d1"]["duplicate_of"] == "d0"
    assert "d2" not in rows  # different text stays


def test_nothing_to_do():
    assert find_duplicates(Corpus.of([]), CONFIG).num_rows == 0


def test_documents_published_by_another_dataset_stay_and_this_runs_copies_go(tmp_path):
    index_dir = tmp_path / "index"
    earlier = stage(tmp_path / "earlier.parquet", [ARTICLE], ["old"])
    publish_run(tmp_path / "dataset-a", [earlier])
    assert write_index(index_dir, tmp_path / "dataset-a", CONFIG) == 1
    published, skipped = load_index(index_dir, tmp_path / "dataset-b", CONFIG)
    assert published.num_rows == 1 and skipped == []
    assert (
        load_index(index_dir, tmp_path / "dataset-a", CONFIG)[0] is None
    )  # a dataset never dedups against itself

    longer = ARTICLE + "本文新增了一句话作为结尾。"
    now = stage(
        tmp_path / "now.parquet", [longer, "完全不同的另一篇文章，讲的是天气。" * 8], ["new", "other"]
    )
    rows = by_id(find_duplicates(Corpus.of([now]), CONFIG, published))
    assert rows["new"]["duplicate_of"] == "old"  # even though it is longer: published documents stay
    assert "old" not in rows and "other" not in rows


def test_index_files_with_other_signature_settings_are_skipped(tmp_path):
    staged = stage(tmp_path / "s.parquet", [ARTICLE])
    publish_run(tmp_path / "a", [staged])
    write_index(tmp_path / "index", tmp_path / "a", CONFIG)
    published, skipped = load_index(tmp_path / "index", tmp_path / "b", DedupConfig(num_perm=64, bands=8))
    assert published is None and len(skipped) == 1


def test_band_groups_cover_every_band_once():
    assert band_groups(16, 10) == [(0, 16)]  # small corpora: one search
    assert band_groups(16, 600_000) == [(0, 5), (5, 11), (11, 16)]  # one group per 250,000 documents
    assert band_groups(16, 10, wanted=40) == [(i, i + 1) for i in range(16)]  # at most one per band


def test_the_search_split_by_band_groups_finds_the_same_clusters(tmp_path):
    variants = [ARTICLE, ARTICLE + "补充。", ARTICLE.replace("芯片", "晶片", 3), "毫不相干的文字。" * 30]
    staged = [stage(tmp_path / f"s{i}.parquet", variants, [f"s{i}-{j}" for j in range(4)]) for i in range(2)]
    whole = find_duplicates(Corpus.of(staged), CONFIG)
    groups = band_groups(CONFIG.bands, 8, wanted=4)
    pairs = np.unique(
        np.concatenate([candidate_pairs(Corpus.of(staged), CONFIG, None, g) for g in groups]), axis=0
    )
    assert len(groups) == 4 and len(pairs) > 0
    assert find_duplicates(Corpus.of(staged), CONFIG, pairs=pairs).equals(whole)
    assert sorted(whole["cluster_size"].to_pylist()) == [2, 2, 6, 6, 6, 6, 6, 6]  # article ×6, other ×2


def test_a_dataset_index_holds_what_each_run_kept(tmp_path):
    first = stage(tmp_path / "first.parquet", [ARTICLE, ARTICLE + "补充。"], ["a", "b"])
    second = stage(tmp_path / "second.parquet", ["另一篇完全不同的文章，讲的是天气和旅游。" * 5], ["c"])
    assert publish_run(tmp_path / "out", [first]) == 1  # a is a shorter near copy of b: not published
    assert publish_run(tmp_path / "out", [second], sequence=1) == 1
    table, skipped = load_dataset_index(tmp_path / "out", CONFIG)
    assert sorted(table["id"].to_pylist()) == ["b", "c"] and skipped == []
    assert load_dataset_index(tmp_path / "out", DedupConfig(num_perm=64, bands=8))[1] == [
        "run-0000-00000.parquet",
        "run-0001-00000.parquet",
    ]


def test_a_run_index_holds_the_kept_documents_of_every_shard_in_input_order(tmp_path):
    weather = "另一篇完全不同的文章，讲的是天气和旅游。" * 5
    shards = [
        stage(tmp_path / "s0.parquet", [ARTICLE, weather], ["a", "b"]),
        stage(tmp_path / "s1.parquet", [ARTICLE.replace("，", ", ")], ["c"]),  # an exact copy of a
        stage(tmp_path / "s2.parquet", ["第三篇文章讲的是城市里的公园和图书馆。" * 5], ["d"]),
    ]
    assert publish_run(tmp_path / "out", shards) == 3
    table, skipped = load_dataset_index(tmp_path / "out", CONFIG)
    assert table["id"].to_pylist() == ["a", "b", "d"] and skipped == []
