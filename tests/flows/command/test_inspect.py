import re

import pyarrow as pa
import pytest

from refinery.flows.command.inspect import matching
from refinery.flows.errors import UserError


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
