import pyarrow as pa

from refinery.flows.storage.dataset import REJECTED_SCHEMA
from refinery.flows.storage.distributions import edges, merge, merge_all, tally
from refinery.transforms.config import FilterConfig


def rows(*documents: dict) -> pa.Table:
    """A part's table: the columns the tally reads, the rest null."""
    return pa.Table.from_pylist(list(documents), schema=REJECTED_SCHEMA)


def test_kept_and_rejected_fall_into_their_bins_and_duplicates_are_left_out():
    kept = rows({"id": "a", "text": "甲" * 30, "lang": "zh", "digit_share": 0.0})
    rejected = rows(
        {"id": "b", "text": "1234", "lang": "en", "digit_share": 1.0, "reason": "quality:digit_share"},
        {"id": "c", "text": "甲" * 30, "lang": "zh", "digit_share": 0.0, "reason": "near_duplicate"},
    )
    counted = tally(kept, rejected, FilterConfig())
    digits = counted["histograms"]["digit_share"]
    assert digits["kept"][0] == 1 and sum(digits["kept"]) == 1
    assert digits["rejected"][-1] == 1 and sum(digits["rejected"]) == 1  # 1.0 is in the last bin
    lengths = counted["histograms"]["length"]
    assert sum(lengths["kept"]) == 1 and sum(lengths["rejected"]) == 1
    assert counted["judged"] == 2


def test_a_missing_signal_is_not_counted():
    counted = tally(rows({"id": "a", "text": "甲", "lang": "zh", "spun_score": None}), rows(), FilterConfig())
    assert sum(counted["histograms"]["spun_score"]["kept"]) == 0


def test_each_limit_is_judged_alone_with_the_limits_of_the_documents_language():
    policy = FilterConfig(
        thresholds={"max_digit_share": 0.5, "min_cjk_share": 0.5}, languages={"en": {"min_cjk_share": 0.0}}
    )
    kept = rows(
        {"id": "a", "text": "x", "lang": "en", "digit_share": 0.9, "cjk_share": 0.0},
        {"id": "b", "text": "x", "lang": "zh", "digit_share": 0.9, "cjk_share": 0.1},
        {"id": "c", "text": "x", "lang": None, "digit_share": 0.1, "cjk_share": 0.9},
    )
    assert tally(kept, rows(), policy)["outside"] == {"max_digit_share": 2, "min_cjk_share": 1}


def test_tallies_add_up_and_a_histogram_with_other_bins_is_replaced():
    one = tally(rows({"id": "a", "text": "甲", "lang": "zh", "digit_share": 0.0}), rows(), FilterConfig())
    two = merge_all([one, one, {}])
    assert two["judged"] == 2 and sum(two["histograms"]["digit_share"]["kept"]) == 2
    rebinned = {
        "histograms": {"digit_share": {"edges": [0.0, 1.0], "kept": [5], "rejected": [0]}},
        "judged": 5,
        "outside": {"max_digit_share": 1},
    }
    merged = merge(two, rebinned)
    assert merged["histograms"]["digit_share"]["kept"] == [5]  # the newer bins win
    assert sum(merged["histograms"]["length"]["kept"]) == 2  # the others are summed as before
    assert merged["judged"] == 7 and merged["outside"] == {"max_digit_share": 1}


def test_bins_cover_their_ranges():
    assert edges("digit_share")[0] == 0 and edges("digit_share")[-1] == 1
    assert edges("mean_line_chars")[-1] == 1e5 and edges("length")[-1] == 1e7
