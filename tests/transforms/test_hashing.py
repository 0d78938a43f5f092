from refinery.transforms.hashing import exact_key, record_id, sha256_hex, strip_marks


def test_strip_marks_drops_space_punctuation_and_symbols_only():
    assert strip_marks("在美国，人们 认为。Hello! 🎉\n第2段") == "在美国人们认为Hello第2段"


def test_exact_key_sees_different_words():
    assert exact_key("在美国人们认为") != exact_key("在中国人们认为")
    assert exact_key("在美国人们认为") == exact_key("在美国人们认为")


def test_record_id_is_stable_and_distinguishes_records():
    assert record_id("seeds/a.txt", None) == record_id("seeds/a.txt", None)
    assert record_id("seeds/a.txt", "1") != record_id("seeds/a.txt", "2")
    assert len(record_id("x", None)) == 32


def test_sha256():
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
