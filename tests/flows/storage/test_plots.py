import pyarrow as pa

from refinery.flows.storage.dataset import REJECTED_SCHEMA
from refinery.flows.storage.distributions import tally
from refinery.flows.storage.manifest import DatasetCounts
from refinery.flows.storage.plots import draw, is_ours
from refinery.transforms.config import FilterConfig

POLICY = FilterConfig(thresholds={"max_digit_share": 0.5})


def counts(policy: FilterConfig = POLICY) -> DatasetCounts:
    kept = pa.Table.from_pylist(
        [{"id": "a", "text": "甲乙丙", "lang": "zh", "digit_share": 0.1}], schema=REJECTED_SCHEMA
    )
    rejected = pa.Table.from_pylist(
        [{"id": "b", "text": "12", "lang": "en", "digit_share": 1.0, "reason": "quality:digit_share"}],
        schema=REJECTED_SCHEMA,
    )
    return DatasetCounts(
        documents_read=2,
        kept=1,
        rejected=1,
        errors=0,
        invariant_holds=True,
        rejected_by_reason={"quality:digit_share": 1},
        languages={"zh": 1, "en": 1},
        scripts={"Hans": 1, "Latn": 1},
        distributions=tally(kept, rejected, policy),
    )


def test_the_plots_show_signals_reasons_limits_languages_and_scripts(tmp_path):
    assert draw(counts(), POLICY, tmp_path / "plots") == ["signals.svg", "overview.svg"]
    signals = (tmp_path / "plots" / "signals.svg").read_text()
    overview = (tmp_path / "plots" / "overview.svg").read_text()
    for title in ("digit_share", "characters per document", "kept (1)", "rejected (1)"):
        assert title in signals  # text stays text (svg.fonttype none): searchable, small
    for label in ("quality:digit_share", "max_digit_share", "outside it alone", "Hans", "Latn"):
        assert label in overview


def test_the_same_counts_draw_the_same_bytes(tmp_path):
    draw(counts(), POLICY, tmp_path / "one")
    draw(counts(), POLICY, tmp_path / "two")
    for name in ("signals.svg", "overview.svg"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_plot_says_it_is_refinerys(tmp_path):
    draw(counts(), POLICY, tmp_path)
    assert is_ours(tmp_path / "signals.svg")
    (tmp_path / "mine.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert not is_ours(tmp_path / "mine.svg") and not is_ours(tmp_path / "absent.svg")


def test_without_limits_the_plot_says_how_to_set_them(tmp_path):
    draw(counts(FilterConfig()), FilterConfig(), tmp_path)
    assert "no quality limits set" in (tmp_path / "overview.svg").read_text()
