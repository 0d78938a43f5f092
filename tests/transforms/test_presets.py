import pytest

from refinery.transforms.config import QUALITY_LIMITS, Config
from refinery.transforms.judge import quality_reason
from refinery.transforms.presets import PRESETS
from refinery.transforms.quality import quality_signals

REPETITIVE = "\n".join(["点击这里领取优惠券，点击这里领取优惠券！"] * 8 + ["今天的新闻就到这里。"])
PROSE = "\n".join(
    [
        "今年春天，北京的天气比往年暖和，很多市民选择在周末去郊外踏青。",
        "公园里的桃花和樱花陆续开放，吸引了大量游客前来拍照留念。",
        "有关部门提醒大家注意安全，文明出游，不要随意攀折花木。",
    ]
)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_names_known_limits_and_cites_its_source(name):
    preset = PRESETS[name]
    assert preset.limits and set(preset.limits) <= QUALITY_LIMITS
    assert " et al. 20" in preset.source


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_reject_repetitive_text_and_keep_plain_prose(name):
    config = Config.from_toml(f'[filter]\npreset = "{name}"\n')
    judged = {
        label: quality_reason(quality_signals(text, chinese=True), config.filter, "zh")
        for label, text in (("repetitive", REPETITIVE), ("prose", PROSE))
    }
    assert judged["prose"] is None
    assert judged["repetitive"] is not None or name == "c4"  # C4 only asks for sentence ends


def test_explicit_limits_override_the_preset_and_none_sets_nothing():
    config = Config.from_toml('[filter]\npreset = "gopher"\n[filter.thresholds]\nmax_dup_line_share = 0.9\n')
    assert config.filter.limits_for("zh")["max_dup_line_share"] == 0.9
    assert config.filter.limits_for("zh")["max_top_ngram_share"] == 0.2
    assert Config().filter.limits_for("zh") == {}


def test_a_preset_switches_its_stages_on_unless_the_configuration_says_otherwise():
    preset = Config.from_toml('[filter]\npreset = "fineweb2-zh"\n')
    assert (preset.pii.mode, preset.flagged.builtin, preset.language.min_score) == ("redact", True, 0.692)
    mine = Config.from_toml('[filter]\npreset = "fineweb2-zh"\n[pii]\nmode = "annotate"\n')
    assert (mine.pii.mode, mine.flagged.builtin) == ("annotate", True)
    # the command line's --preset over a configuration file: what the file set stays
    from_file = Config.from_toml('[pii]\nmode = "off"\n').with_overrides(
        {"filter": {"preset": "fineweb2-zh"}}
    )
    assert (from_file.pii.mode, from_file.flagged.builtin) == ("off", True)
    assert Config.model_validate(preset.model_dump()) == preset  # a worker's copy is the same
    assert Config.from_toml('[filter]\npreset = "gopher"\n').pii.mode == "off"
