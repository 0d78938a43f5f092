import pytest

from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.fluency import fluency, sample
from refinery.transforms.pipeline import process_record

PROSE = "市政府今天召开新闻发布会，介绍了今年城市绿化工作的进展情况，全市新增公园绿地三百公顷。"
SCRAMBLED = "绿府天市今政召开闻发新布会，了绍介年今市城化绿作工的展进况情，市全增新园公地绿百三顷公。"


def test_prose_scores_above_the_same_characters_scrambled():
    assert fluency(PROSE, "zh") > fluency(SCRAMBLED, "zh") + 0.5
    assert fluency("我们" * 20, "zh") > fluency("我们", "zh") - 0.01  # a mean: length does not lower it


def test_words_are_counted_per_word_where_spaces_separate_them():
    assert fluency("The council opened a new park.", "en") > fluency("Xqzv blorfle snark wibbit.", "en")
    assert fluency("The 2024 report", "en") == fluency("The report", "en")  # numbers are not words


@pytest.mark.parametrize(
    ("text", "lang"), [(PROSE, None), ("今日は晴れです", "ja"), ("。。123，", "zh"), ("", "en")]
)
def test_none_where_there_is_nothing_to_measure(text, lang):
    assert fluency(text, lang) is None


def test_a_long_text_is_read_from_its_start_middle_and_end():
    text = "甲" * 400 + "乙" * 400 + "丙" * 400
    assert sample(text, 300) == "甲" * 100 + "\n" + "乙" * 100 + "\n" + "丙" * 100
    assert sample(PROSE, 300) == PROSE


def test_the_pipeline_fills_the_signal_when_asked_and_a_limit_rejects_on_it():
    record = RawRecord("d", "u", None, "text", f"{PROSE}\n{SCRAMBLED}".encode())
    assert process_record(record, Config()).quality.fluency is None
    on = Config().with_overrides({"filter": {"fluency": True}})
    document = process_record(record, on)
    assert document.quality.fluency == fluency(f"{PROSE}\n{SCRAMBLED}", "zh") and document.reason is None
    limited = on.with_overrides({"filter": {"fluency": True, "thresholds": {"min_fluency": -1.0}}})
    assert process_record(record, limited).reason == "quality:fluency"
