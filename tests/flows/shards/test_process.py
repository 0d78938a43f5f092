import time

import pyarrow.parquet as pq
import pytest

from refinery.flows.inputs.readers import discover, plan_shards
from refinery.flows.shards.process import (
    RecordTimeout,
    encodable,
    isolated_processor,
    process_shard,
    time_limit,
)
from refinery.transforms.config import Config


def test_time_limit_interrupts_a_stuck_record():
    started = time.perf_counter()
    with pytest.raises(RecordTimeout), time_limit(0.2):
        while True:
            pass
    assert time.perf_counter() - started < 2


def test_time_limit_lets_fast_work_finish():
    with time_limit(5):
        assert sum(range(1000)) == 499500


def test_a_timed_out_record_becomes_an_error_row(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    # A megabyte of markup takes far longer than 50 ms to extract: it must become an error row.
    (corpus / "big.html").write_text(
        "<html><body>" + "<p>正文内容，很长的句子。</p>" * 50000 + "</body></html>"
    )
    (corpus / "ok.txt").write_text("这是一段正常的文字，有标点。")
    config = Config.from_toml("[extract]\ntimeout_seconds = 0.05\n")
    shard = plan_shards(discover([str(corpus)], config.read).files, config)[0]
    summary = process_shard(shard, config, str(tmp_path / "staging"), "test")
    assert (summary.documents, summary.kept, summary.errors) == (2, 1, 1)
    (error,) = [row for row in pq.read_table(summary.staging_path).to_pylist() if row["status"] == "error"]
    assert "extract.timeout_seconds" in error["error"] and error["source_uri"].endswith("big.html")


def test_shards_of_one_worker_share_its_isolated_child_while_they_have_pages(tmp_path):
    config = Config.from_toml("[run]\nshard_docs = 1\n")
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.html").write_text(f"<html><body><p>第{name}页的正文，有标点。</p></body></html>")
    (corpus / "c.txt").write_text("纯文本的一篇文章，有标点。")
    shards = plan_shards(discover([str(corpus)], config.read).files, config)
    children = []
    for shard in shards:
        assert process_shard(shard, config, str(tmp_path / "staging"), "test").kept == 1
        child = isolated_processor(config.model_dump_json())._child
        children.append(child.pid if child else None)
    assert len(shards) == 3 and children[0] == children[1]  # started once, not once per shard
    assert children[2] is None  # a shard without pages stops it: it holds memory


def test_strings_parquet_cannot_store_are_repaired_and_the_repair_is_a_step():
    row = {
        "source_url": "http://a/\ud83d",
        "metadata": '{"note": "x\udc00y"}',
        "steps": [{"name": "decode", "chars_removed": 0, "detail": "utf-8"}],
        "lang_alternatives": [{"lang": "z\ud800", "score": 0.1}],
        "text": "正常",
    }
    repaired = encodable(row)
    assert repaired["source_url"] == "http://a/\ufffd" and repaired["metadata"] == '{"note": "x\ufffdy"}'
    assert repaired["lang_alternatives"][0]["lang"] == "z\ufffd" and repaired["text"] == "正常"
    assert repaired["steps"][-1]["name"] == "repair" and repaired["steps"][-1]["detail"].startswith("3 ")
    clean = {"text": "正常", "steps": []}
    assert encodable(clean) == clean


def test_personal_data_and_flagged_words_are_counted_in_the_summary_and_staged_per_document(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ad.txt").write_text(
        "出租房屋一间，有意者请联系李女士：13812345678，或发邮件至 li@example.cn。"
    )
    (corpus / "plain.txt").write_text("今天天气很好，我们去公园散步，看到很多人在放风筝。")
    (corpus / "spam.txt").write_text("澳門博彩真人荷官線上發牌，註冊送彩金，首存送百分之百。")
    config = Config.from_toml('[pii]\nmode = "redact"\n[flagged]\nbuiltin = true\n')
    shard = plan_shards(discover([str(corpus)], config.read).files, config)[0]
    summary = process_shard(shard, config, str(tmp_path / "staging"), "test")
    assert summary.pii == {"cn_mobile": 1, "email": 1} and summary.flagged == {"flagged_words": 1}
    rows = {
        row["source_uri"].rsplit("/", 1)[1]: row for row in pq.read_table(summary.staging_path).to_pylist()
    }
    assert "<PHONE>" in rows["ad.txt"]["text"] and "13812345678" not in rows["ad.txt"]["text"]
    assert rows["ad.txt"]["pii"] == [{"kind": "cn_mobile", "count": 1}, {"kind": "email", "count": 1}]
    assert rows["plain.txt"]["pii"] == [] and rows["plain.txt"]["flagged_share"] == 0
    assert rows["spam.txt"]["flagged_line_share"] > 0.3
