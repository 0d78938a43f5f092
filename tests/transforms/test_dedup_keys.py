import numpy as np

from refinery.transforms.canonical import canonical_text
from refinery.transforms.config import DedupConfig
from refinery.transforms.dedup_keys import dedup_columns
from refinery.transforms.unify import converter

CONFIG = DedupConfig()
ARTICLE = "".join(
    f"第{i}段：研究人员表示，这些数据来自公司的程序日志，他们已经联系了软件开发者。\n" for i in range(8)
)
ENGLISH = " ".join(
    f"Paragraph {i} says the quick brown fox jumps over the lazy dog again." for i in range(20)
)


def similarity(a: str, b: str) -> float:
    return float(np.mean(np.equal(dedup_columns(a, CONFIG)["minhash"], dedup_columns(b, CONFIG)["minhash"])))


def test_a_rejected_document_gets_only_its_exact_key():
    assert set(dedup_columns(ARTICLE, CONFIG, kept=False)) == {"text_hash"}


def test_a_taiwan_copy_gets_the_same_keys():
    original = dedup_columns(ARTICLE, CONFIG)
    copy = dedup_columns(converter("s2twp").convert(ARTICLE), CONFIG)
    assert copy == original
    assert len(original["minhash"]) == CONFIG.num_perm and len(original["bands"]) == CONFIG.bands
    assert original["line_keys"] == canonical_text(ARTICLE).line_keys()  # one per line, in order
    assert len({key for key in original["line_keys"] if key is not None}) == 8


def test_signatures_estimate_resemblance():
    edited = ARTICLE.replace("第3段", "第三段")
    assert 0.8 <= similarity(ARTICLE, edited) < 1
    assert similarity(ARTICLE, ENGLISH) < 0.1


def test_case_and_spacing_of_space_delimited_text_do_not_count():
    assert similarity(ENGLISH, ENGLISH.upper().replace(".", " .")) == 1


def test_plain_form_keeps_scripts_apart():
    plain = DedupConfig(canonical="plain")
    traditional = converter("s2t").convert(ARTICLE)
    assert dedup_columns(ARTICLE, plain)["text_hash"] != dedup_columns(traditional, plain)["text_hash"]
