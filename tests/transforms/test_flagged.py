from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.flagged import flagged_shares, flagged_words
from refinery.transforms.pipeline import process_record

SPAM_LINE = "澳门博彩真人荷官在线发牌，注册送彩金，首存送百分之百"
ARTICLE = "市政府今天召开新闻发布会，介绍了今年城市绿化工作的进展情况，全市新增公园绿地三百公顷。"


def test_a_spam_line_is_flagged_in_every_spelling_and_an_article_is_not():
    words = flagged_words(True, ())
    clean_share, clean_line = flagged_shares(ARTICLE, words)
    assert clean_share == 0 and clean_line == 0
    spellings = [
        SPAM_LINE,
        "澳門博彩真人荷官線上發牌，註冊送彩金，首存送百分之百",  # Traditional
        "澳门博 彩 真人 荷官在线发牌，注册送彩 金，首存送百分之百",  # spaced out
        "澳门博彩真人荷官在线发牌，注册送彩金，首存送１００％",  # full-width digits
    ]
    for spelling in spellings:
        share, line_share = flagged_shares(f"{ARTICLE}\n{spelling}", words)
        assert line_share > 0.3 and 0 < share < line_share, spelling


def test_user_lists_add_to_the_builtin_one_and_are_canonicalized(tmp_path):
    (tmp_path / "mine.txt").write_text("# my list\n\n雷射印表機\n", encoding="utf-8")
    words = flagged_words(False, (str(tmp_path / "mine.txt"),))
    assert words.words == 1
    assert flagged_shares("这台激光打印机真不错，推荐大家购买使用。", words)[0] > 0  # 雷射印表機 folded
    assert flagged_words(False, ()) is None


def record(text: str) -> RawRecord:
    return RawRecord("id", "file:///a.txt", None, "text", text.encode())


def test_the_signals_are_null_without_lists_and_a_limit_rejects_on_them():
    text = f"{ARTICLE}\n{SPAM_LINE}\n{ARTICLE}"
    plain = process_record(record(text), Config())
    assert plain.quality.flagged_share is None and plain.reason is None
    limited = Config.model_validate(
        {"flagged": {"builtin": True}, "filter": {"thresholds": {"max_flagged_line_share": 0.3}}}
    )
    judged = process_record(record(text), limited)
    assert judged.quality.flagged_line_share > 0.3 and judged.reason == "quality:flagged_line_share"
    assert process_record(record(ARTICLE * 2), limited).reason is None
