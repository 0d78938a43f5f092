import pytest

from refinery.flows.errors import UserError
from refinery.flows.inputs.user_files import check_user_files
from refinery.transforms.config import Config


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read it"),
        (b"# only a comment\n\n", "no entries in it"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_a_list_that_cannot_be_used_is_a_user_error(tmp_path, content, message):
    path = tmp_path / "list.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        check_user_files(Config.model_validate({"flagged": {"lists": [str(path)]}}))


def test_an_empty_blocklist_is_a_user_error_and_list_paths_become_absolute(tmp_path, monkeypatch):
    from refinery.flows.inputs.user_files import with_absolute_lists

    monkeypatch.chdir(tmp_path)
    (tmp_path / "domains.txt").write_text("# nothing yet\n")
    config = with_absolute_lists(Config.model_validate({"filter": {"url_blocklists": ["domains.txt"]}}))
    assert config.filter.url_blocklists == (str(tmp_path / "domains.txt"),)
    with pytest.raises(UserError, match=r"filter.url_blocklists .*domains.txt: no entries in it"):
        check_user_files(config)
