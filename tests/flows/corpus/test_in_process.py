"""The whole run without Prefect, in this process: real shards, every corpus stage, the write.
Cross-stage bugs (a stage's decision undone or contradicted by a later one) show here in seconds,
not only in the system tests."""

import json
from datetime import UTC, datetime

import pyarrow.parquet as pq

from refinery.flows.corpus import STAGES, Corpus
from refinery.flows.corpus.stage import InlineWork
from refinery.flows.inputs.readers import discover, plan_shards
from refinery.flows.shards.process import process_shard
from refinery.flows.storage.parts import RunColumns, write_parts
from refinery.transforms.config import Config

RUN = RunColumns("run", "hash", "0", datetime(2026, 1, 1, tzinfo=UTC))
CHROME = "本站所有文章均由编辑精心挑选，欢迎大家常来看看"
P1, P2, P3, P4 = (
    f"第{n}段：这一段文字大约有四十个字符，讲的是一件独立的事情，和别的段落都不一样。" for n in range(1, 5)
)

SENTENCES = [
    "清晨的菜市场里人声鼎沸，摊主们忙着摆放新鲜蔬菜，讨价还价的声音此起彼伏。",
    "博物馆今年推出了三个新展览，吸引了大批年轻观众，周末门口总排着长队。",
    "气象台预报本周末将有一次明显的降温过程，提醒市民及时添加衣物。",
    "这家工厂引进自动化生产线后，产量提高了近一倍，工人的劳动强度也下降了。",
    "社区图书馆延长了开放时间，方便上班族借阅书籍，晚上的阅览室座无虚席。",
    "研究人员在深海发现了一种从未记录过的发光鱼类，相关论文即将发表。",
    "城市地铁新线路开通首日，客流量超过预期，沿线商铺的生意明显好转。",
    "农民合作社通过网络直播把苹果卖到了全国各地，收入比去年翻了一番。",
    "一场突如其来的暴雨让老城区的排水系统经受考验，多条道路一度积水。",
    "中学生机器人团队在国际比赛中获得了银奖，他们的作品由旧零件改造而成。",
    "新开的面馆凭借手工拉面在附近小有名气，老板每天凌晨四点开始和面。",
    "志愿者们利用周末时间清理河道两岸的垃圾，一天下来装满了二十多个袋子。",
    "山区小学的孩子们第一次通过视频连线，和城里的同学一起上了一堂美术课。",
    "老街改造保留了原有的青石板路，沿街的木结构房屋经过加固后重新开放。",
    "一位退休教师把自家院子改成了小小植物园，种了上百种花草供邻居参观。",
    "港口的集装箱吞吐量连续三个月增长，新的自动化码头功不可没。",
    "夜市里新出现的文创摊位卖起了手绘明信片，很受外地游客的欢迎。",
    "高铁站新增的无障碍通道投入使用，轮椅乘客可以直接到达站台。",
    "这座城市的第一座垂直农场开始供应蔬菜，产品直接送进附近的超市。",
    "乡村音乐节吸引了上万名观众，当地民宿提前一个月就被订满。",
    "医院推出了夜间门诊，方便白天上班的患者下班后就医。",
    "一支登山队成功登顶一座尚未被命名的山峰，并采集了珍贵的冰芯样本。",
    "社区食堂为独居老人提供平价午餐，还安排志愿者把饭菜送上门。",
    "大学生创业团队开发的方言识别软件，已经能听懂十几种地方话。",
]


def run_in_process(tmp_path, texts: list[str], config: Config) -> dict[str, list[dict]]:
    """`texts` as lines of a JSONL file (plus one broken line) through shards (two), every corpus
    stage the configuration wants, and the write; the version's rows by part, and its index ids."""
    lines = [json.dumps({"text": text}, ensure_ascii=False) for text in texts]
    half = len(lines) // 2
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text("\n".join([*lines[half:], "{broken"]) + "\n", encoding="utf-8")
    shards = plan_shards(discover([str(tmp_path / "in")], config.read).files, config)
    staging = tmp_path / "staging"
    summaries = [process_shard(shard, config, str(staging), "test") for shard in shards]
    corpus = Corpus.of([s.staging_path for s in summaries], kept=sum(s.kept for s in summaries))
    work = InlineWork(config, staging, tmp_path / "out")
    for stage in STAGES:
        if stage.wanted(config):
            corpus = stage.run(corpus, work)
    version = tmp_path / "version"
    for position, summary in enumerate(summaries):
        write_parts(corpus, position, summary.index, str(version), RUN, 0, config)
    parts = {
        part: [
            row
            for path in sorted((version / part).glob("*.parquet"))
            for row in pq.read_table(path).to_pylist()
        ]
        for part in ("data", "rejected", "errors", "dedup-index")
    }
    assert len(parts["data"]) == corpus.kept
    assert sum(len(parts[part]) for part in ("data", "rejected", "errors")) == len(texts) + 1
    return parts


def test_every_stage_in_turn_and_the_index_holds_what_was_published(tmp_path):
    config = Config().with_overrides(
        {
            "run": {"shard_docs": 8},
            "filter": {"min_chars": 50},
            "dedup": {"paragraphs": True},
            "boilerplate": {"corpus_line_min_docs": 10},
        }
    )
    articles = [
        f"{first}\n{second}\n{CHROME}" for first, second in zip(SENTENCES[::2], SENTENCES[1::2], strict=True)
    ]
    bug_one = [f"{P1}\n{P3}", f"{P1}\n{P2}", f"{P2}\n{P4}"]  # issue 31, bug 1
    parts = run_in_process(tmp_path, [*articles, articles[0], *bug_one], config)

    data = {row["text"] for row in parts["data"]}
    assert not any(CHROME in text for text in data)  # corpus lines: out of every document
    assert any(P2 in text for text in data)  # no paragraph lost with an owner that was rejected
    assert f"{P2}\n{P4}" in data
    reasons = sorted(row["reason"] for row in parts["rejected"])
    assert reasons == ["exact_duplicate", "too_short"]
    assert [row["id"] for row in parts["dedup-index"]] == [row["id"] for row in parts["data"]]
    assert len(parts["errors"]) == 1
