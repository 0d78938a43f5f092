import re

import pyarrow as pa
import pytest

from refinery.flows.command.inspect import matching, what_went_wrong
from refinery.flows.errors import UserError

MISSING = "no 'text' field (fields: content, id); see read.text_field"


def test_most_records_failing_for_one_reason_is_named_with_an_example_and_the_fix():
    messages = [
        MISSING,
        MISSING.replace("content, id", "body"),
        "invalid JSON: Expecting value: line 1 column 5",
    ]
    line = what_went_wrong(messages, documents_read=3)
    assert (
        line
        == f"2 of 3 records failed: {MISSING}; name the field or column that holds the text with --text-field NAME "
        "(or several: --text-field content,body,text)"
    )


def test_a_few_errors_or_many_different_ones_are_not_a_diagnosis():
    assert what_went_wrong([MISSING], documents_read=10) is None
    assert (
        what_went_wrong(["invalid JSON: x", MISSING, "record of 9 bytes exceeds read.max_record_bytes"], 3)
        is None
    )
    assert what_went_wrong([], documents_read=0) is None


def test_records_over_the_size_limit_point_at_the_setting():
    messages = [f"record of {n} bytes exceeds read.max_record_bytes" for n in (70_000_000, 80_000_000)]
    assert what_went_wrong(messages, 2).endswith("raise it with --set read.max_record_bytes=BYTES")


def test_where_conditions_compare_numbers_text_and_parts_of_text():
    table = pa.table(
        {
            "lang": ["zh", "en", None],
            "cjk_share": [0.9, 0.1, None],
            "reason": ["quality:cjk_share", "near_duplicate", "too_short"],
            "spun": [True, False, False],
        }
    )

    def rows(condition: str) -> list[bool]:
        return matching(table, condition).to_pylist()

    assert rows("lang=zh") == [True, False, False] and rows("lang != zh") == [False, True, False]
    assert rows("cjk_share<0.5") == [False, True, False] and rows("cjk_share>=0.9") == [True, False, False]
    assert rows("reason~quality") == [True, False, False] and rows("spun=true") == [True, False, False]
    for condition, message in [
        ("colour=red", "no column 'colour' here (columns: lang, cjk_share, reason, spun)"),
        ("cjk_share<lots", "cjk_share is a number, 'lots' is not"),
        ("just words", "expected COLUMN OP VALUE"),
    ]:
        with pytest.raises(UserError, match=re.escape(message)):
            matching(table, condition)
