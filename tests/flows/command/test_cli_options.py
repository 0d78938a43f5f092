"""The command line's option handling, without running anything (the fast tier)."""

import pytest

from refinery.flows.command.cli import apply_settings
from refinery.flows.errors import UserError
from refinery.transforms.config import Config


def test_set_takes_toml_values_bare_strings_and_new_table_entries():
    config = apply_settings(
        Config(),
        [
            "filter.min_chars=200",
            "read.text_field=content",
            'language.keep=["zh", "en"]',
            "filter.thresholds.max_dup_line_share=0.3",
            "filter.languages.en.min_sentence_end_share=0.4",
        ],
    )
    assert config.filter.min_chars == 200 and config.read.text_field == "content"
    assert config.language.keep == ("zh", "en")
    assert config.filter.limits_for("en") == {"max_dup_line_share": 0.3, "min_sentence_end_share": 0.4}


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("filter.min_chars", "expected SECTION.KEY=VALUE"),
        ("min_chars=3", "expected SECTION.KEY=VALUE"),
        ("filtre.min_chars=3", "unknown key filtre (known: boilerplate, decontaminate, dedup"),
        ("filter.min_chrs=3", "--set filter.min_chrs: unknown key"),
        ("filter.languages.en.min_bogus=1", "unknown limit min_bogus"),
        ("run.workers=-1", "--set run.workers: Input should be"),
    ],
)
def test_set_mistakes_say_which_key_and_why(assignment, message):
    with pytest.raises(UserError, match=message.replace(".", r"\.").replace("(", r"\(")):
        apply_settings(Config(), [assignment])


def test_set_preset_brings_its_settings_under_the_keys_set():
    preset = apply_settings(Config(), ["filter.preset=fineweb2-zh"])
    assert preset == Config.from_toml('[filter]\npreset = "fineweb2-zh"\n')
    assert preset.pii.mode == "redact" and preset.flagged.builtin and preset.language.min_score == 0.692
    # a key set on the command line or in the file wins over the preset's
    mine = apply_settings(Config.from_toml('[pii]\nmode = "annotate"\n'), ["filter.preset=fineweb2-zh"])
    assert mine.pii.mode == "annotate" and mine.flagged.builtin
    assert apply_settings(Config(), ["filter.preset=fineweb2-zh", "pii.mode=off"]).pii.mode == "off"
