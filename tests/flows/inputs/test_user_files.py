import pytest

from refinery.flows.errors import UserError
from refinery.flows.inputs.user_files import check_user_files
from refinery.transforms.config import Config


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read it"),
        (b"# only a comment\n\n", "no terms in it"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_a_list_that_cannot_be_used_is_a_user_error(tmp_path, content, message):
    path = tmp_path / "list.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        check_user_files(Config.model_validate({"flagged": {"lists": [str(path)]}}))
