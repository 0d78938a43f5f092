from refinery.flows.storage.verdict import what_went_wrong

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
