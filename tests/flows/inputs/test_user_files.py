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
    from refinery.flows.inputs.user_files import with_absolute_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "domains.txt").write_text("# nothing yet\n")
    config = with_absolute_paths(Config.model_validate({"filter": {"url_blocklists": ["domains.txt"]}}))
    assert config.filter.url_blocklists == (str(tmp_path / "domains.txt"),)
    named = with_absolute_paths(
        Config.model_validate({"tokens": {"tokenizer": "t.json"}, "flagged": {"lists": ["w"]}})
    )
    assert (named.tokens.tokenizer, named.flagged.lists) == (str(tmp_path / "t.json"), (str(tmp_path / "w"),))
    with pytest.raises(UserError, match=r"filter.url_blocklists .*domains.txt: no entries in it"):
        check_user_files(config)


def test_the_run_hash_follows_the_contents_of_the_files_the_configuration_names(tmp_path):
    from refinery.flows.inputs.user_files import config_hash

    terms = tmp_path / "terms.txt"
    terms.write_text("博彩\n")
    config = Config.model_validate({"flagged": {"lists": [str(terms)]}})
    assert config_hash(Config()) == Config().content_hash()  # no files named: the configuration's own
    before = config_hash(config)
    assert before != config.content_hash() and config_hash(config) == before
    terms.write_text("博彩\n百家乐\n")  # edited in place: same path, other words
    assert config_hash(config) != before
