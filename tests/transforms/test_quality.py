import pydantic
import pytest

from refinery.transforms.config import Config, FilterConfig
from refinery.transforms.judge import quality_reason
from refinery.transforms.quality import quality_signals

PROSE = "今天天气很好。我们去公园散步，看到很多人在锻炼身体。\n晚上回家做饭，吃完饭后看了一会儿书。"


def test_prose_signals():
    signals = quality_signals(PROSE, chinese=True)
    assert signals.cjk_share > 0.85 and signals.sentence_end_share == 1.0
    assert signals.dup_line_share == 0 and signals.dup_ngram_share == 0
    assert signals.symbol_share == 0 and signals.digit_share == 0 and signals.boilerplate_share == 0
    assert signals.mean_line_chars == pytest.approx(len(PROSE.replace("\n", "")) / 2)
    assert signals.spun is False


def test_repetitive_page_signals():
    page = "\n".join(["点击这里领取优惠券★★★"] * 6 + ["联系电话 13800138000"])
    signals = quality_signals(page, chinese=True, removed_chars=len(page))
    assert signals.dup_line_share == pytest.approx(5 / 7, abs=1e-4)
    assert signals.dup_ngram_share > 0.7 and signals.top_ngram_share > 0.1
    assert signals.symbol_share > 0.1 and signals.digit_share > 0.1
    assert signals.sentence_end_share == 0 and signals.boilerplate_share == 0.5


def test_english_is_tokenized_by_words_and_has_no_spun_score():
    text = "the cat sat on the mat and the cat sat on the mat again"
    signals = quality_signals(text, chinese=False)
    assert signals.cjk_share == 0 and signals.spun_score is None and signals.spun is None
    assert signals.dup_ngram_share == round(34 / 42, 4)  # "the cat sat on the mat" twice


def shares(text: str) -> tuple[float, float]:
    signals = quality_signals(text, chinese=True)
    return signals.top_ngram_share, signals.dup_ngram_share


def test_ngram_shares_of_short_or_unique_token_lists_are_zero():
    assert shares("一") == (0, 0)
    assert shares("一二三四五六") == (0, 0)
    assert shares("一二一二") == (1.0, 0)  # "一二" twice covers all 4 characters


def test_limits_and_per_language_override():
    policy = FilterConfig(
        thresholds={"max_dup_line_share": 0.3}, languages={"en": {"max_dup_line_share": 0.9}}
    )
    signals = quality_signals("同一行\n同一行\n同一行\n另一行", chinese=True)
    assert quality_reason(signals, policy, "zh") == "quality:dup_line_share"
    assert quality_reason(signals, policy, "en") is None
    assert quality_reason(signals, FilterConfig(), "zh") is None


def test_spun_documents_are_rejected_only_when_asked(seed_texts):
    signals = quality_signals(seed_texts["001"], chinese=True)
    assert signals.spun is True
    assert quality_reason(signals, FilterConfig(reject_spun=True), "zh") == "quality:spun"
    assert quality_reason(signals, FilterConfig(), "zh") is None


def test_unknown_limits_are_named():
    with pytest.raises(
        pydantic.ValidationError, match=r"unknown limit max_spam.*known: max_boilerplate_share"
    ):
        Config.from_toml("[filter.thresholds]\nmax_spam = 0.5\n")
