import pytest

from refinery.flows.command.train import train_classifier
from refinery.transforms.classifiers import load_model, model_input, probability
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import process_record

GOOD = [
    f"市政府今天召开第{n}次新闻发布会，介绍了今年城市绿化工作的进展情况，全市新增公园绿地。"
    for n in range(30)
]
BAD = [f"点击领取红包{n}，免费注册送彩金，首存送百分之百，澳门在线发牌，扫码加微信领取。" for n in range(30)]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "quality.bin"
    train_classifier(GOOD, BAD, path, epoch=25)
    return path


def test_text_is_cut_as_the_model_was_trained():
    text = "Ｈｅｌｌｏ World，我们\n学习 AI-2024。"
    assert model_input(text, "chars") == "ｈｅｌｌｏ world 我 们 学 习 ai 2024"
    assert model_input(text, "none") == "Ｈｅｌｌｏ World，我们 学习 AI-2024。"
    assert model_input("我们今天学习人工智能", "words") == "我们 今天 学习 人工智能"


def test_a_trained_model_scores_good_text_above_bad(model_path):
    model = load_model(str(model_path))
    good = probability(model, model_input("市政府召开新闻发布会，介绍城市绿化工作。", "chars"), "positive")
    bad = probability(
        model, model_input("免费注册送彩金，扫码加微信领取红包。", "chars"), "__label__positive"
    )
    assert 0 <= bad < 0.5 < good <= 1
    assert probability(model, "", "positive") == pytest.approx(0.5, abs=0.5)  # a value, not an error


def test_the_pipeline_scores_and_a_limit_rejects(model_path):
    classifiers = [{"name": "zh", "path": str(model_path)}]
    config = Config.model_validate({"quality": {"classifiers": classifiers}})
    record = RawRecord("d", "u", None, "text", BAD[0].encode())
    document = process_record(record, config)
    assert [name for name, _ in document.scores] == ["zh"] and document.reason is None
    limited = Config.model_validate(
        {"quality": {"classifiers": classifiers}, "filter": {"thresholds": {"min_quality_zh": 0.5}}}
    )
    assert process_record(record, limited).reason == "quality:quality_zh"
    assert process_record(RawRecord("d", "u", None, "text", GOOD[0].encode()), limited).reason is None
    assert process_record(record, Config()).scores is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"filter": {"thresholds": {"min_quality_edu": 0.5}}}, "names the classifier edu"),
        ({"quality": {"classifiers": [{"name": "Edu!", "path": "m.bin"}]}}, "should match pattern"),
        (
            {"quality": {"classifiers": [{"name": "a", "path": "m"}, {"name": "a", "path": "n"}]}},
            "given twice",
        ),
    ],
)
def test_classifier_settings_that_cannot_work_are_refused(data, message):
    with pytest.raises(ValueError, match=message):
        Config.model_validate(data)
