from transforms.hashing import dedup_key, record_id, sha256_hex


def test_dedup_key_ignores_space_case_and_punctuation():
    assert dedup_key("在美国，人们 认为。Hello") == dedup_key("在美国,人们认为 hello!")


def test_dedup_key_sees_different_words():
    assert dedup_key("在美国人们认为") != dedup_key("在中国人们认为")


def test_record_id_is_stable_and_distinguishes_records():
    assert record_id("seeds/a.txt", None) == record_id("seeds/a.txt", None)
    assert record_id("seeds/a.txt", "1") != record_id("seeds/a.txt", "2")
    assert len(record_id("x", None)) == 32


def test_sha256():
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
