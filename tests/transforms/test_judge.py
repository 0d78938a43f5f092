from dataclasses import replace

from refinery.transforms.config import Config
from refinery.transforms.document import Document, Step
from refinery.transforms.judge import CHECKS, judge, recorded, revise, with_signals

TEXT = "研究人员发现了新的结果，并发表了相关论文，引起了广泛关注。"


def document(text: str = TEXT, **fields) -> Document:
    return with_signals(Document(text=text, lang="zh", lang_score=0.99, **fields), Config())


def test_a_document_within_every_limit_passes():
    assert judge(document(), Config()) is None


def test_each_check_names_its_reason_and_the_first_failing_one_wins():
    config = Config().with_overrides(
        {
            "filter": {"min_chars": 100, "thresholds": {"min_sentence_end_share": 1.1}},
            "language": {"keep": ["en"], "min_score": 0.999},
        }
    )
    assert judge(document(), config) == "too_short"
    assert judge(document(" \n\u3000\n"), config) == "empty"  # nothing left, whatever min_chars
    assert judge(document(TEXT * 4), config) == "language:zh"
    config = config.with_overrides({"language": {"keep": ["zh"]}})
    assert judge(document(TEXT * 4), config) == "language_score"
    config = config.with_overrides({"language": {"min_score": 0.5}})
    assert judge(document(TEXT * 4), config) == "quality:sentence_end_share"
    assert [name for name, _ in CHECKS] == [
        "url",
        "contamination",
        "length",
        "language",
        "language_score",
        "quality",
    ]


def test_revise_records_the_step_recomputes_the_signals_and_judges_again():
    config = Config().with_overrides({"filter": {"min_chars": 20}})
    original = document(f"{TEXT}\n{TEXT}", steps=(Step("boilerplate", 5, "1 lines"),))
    revised = revise(original, "短短一句。", Step("corpus_lines", len(TEXT) + 1, "1 frequent lines"), config)
    assert revised.text == "短短一句。" and revised.reason == "too_short"
    assert [step.name for step in revised.steps] == ["boilerplate", "corpus_lines"]
    assert revised.quality == with_signals(replace(revised, quality=None), config).quality
    assert revised.quality.boilerplate_share > original.quality.boilerplate_share


def test_removed_lines_are_kept_unless_record_removed_is_off():
    step = Step("boilerplate", 10, "share:1", ("微信扫一扫，一键转发",))
    assert recorded(step, Config()) == step
    off = Config.from_toml("[boilerplate]\nrecord_removed = false\n")
    assert recorded(step, off) == Step("boilerplate", 10, "share:1")


def test_code_lines_in_a_post_do_not_make_it_look_poor_and_a_code_only_document_is_measured_whole():
    code = [
        "import pandas as pd",
        "df = pd.read_csv('orders.csv')",
        "print(df['amount'].sum())",
        "$ python run.py",
    ]
    post = document("\n".join([TEXT, *code, "换成 utf-8 编码以后还是一样的错误，请大家帮忙看看。"]))
    assert post.quality.sentence_end_share == 1.0 and post.quality.cjk_share > 0.8
    config = Config().with_overrides({"filter": {"thresholds": {"min_cjk_share": 0.3}}})
    assert judge(post, config) is None
    only_code = document("\n".join(code))
    assert only_code.quality.sentence_end_share == 0.0 and only_code.quality.cjk_share == 0.0
