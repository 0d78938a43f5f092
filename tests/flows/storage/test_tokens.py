import pyarrow as pa
import pytest
from tokenizers import Tokenizer

from refinery.flows.errors import UserError
from refinery.flows.storage.tokens import check_tokenizer, count_tokens


def test_each_text_is_counted_as_the_tokenizer_counts_it_and_a_missing_text_is_null(tokenizer_file):
    texts = ["人工智能芯片产业正在快速发展", "", None, "hello world"]
    expected = Tokenizer.from_file(str(tokenizer_file))
    counts = count_tokens(pa.array(texts), str(tokenizer_file)).to_pylist()
    assert counts[2] is None and counts[1] == 0
    for text, count in zip(texts, counts, strict=True):
        if text:
            assert count == len(expected.encode(text, add_special_tokens=False).ids) > 0


def test_a_missing_or_malformed_tokenizer_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="cannot read it"):
        check_tokenizer(str(tmp_path / "absent.json"))
    (tmp_path / "bad.json").write_text('{"not": "a tokenizer"}')
    with pytest.raises(UserError, match=r"not a tokenizer\.json file"):
        check_tokenizer(str(tmp_path / "bad.json"))
