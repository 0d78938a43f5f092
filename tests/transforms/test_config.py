import pytest
from pydantic import ValidationError

from refinery.transforms.config import Config


def test_defaults_and_toml_round_trip():
    config = Config.from_toml('[script]\ntarget = "hant"\n[language]\nkeep = ["zh"]\n')
    assert config.script.target == "hant"
    assert config.language.keep == ("zh",)
    assert config.boilerplate.enabled is True


def test_unknown_keys_are_errors():
    with pytest.raises(ValidationError):
        Config.from_toml("[boilerplate]\nenable = false\n")


def test_bad_values_are_errors():
    with pytest.raises(ValidationError):
        Config.from_toml('[script]\ntarget = "klingon"\n')


def test_hash_follows_what_shapes_the_data():
    base = Config()
    assert base.content_hash() == Config().content_hash()
    assert Config.from_toml("[script]\ntarget = 'keep'\n").content_hash() != base.content_hash()
    assert Config.from_toml("[run]\nworkers = 7\n").content_hash() == base.content_hash()
    # how a record is run, not what comes out: a new time-out keeps staged shards
    assert (
        Config.from_toml("[extract]\ntimeout_seconds = 5\nisolate = false\n").content_hash()
        == base.content_hash()
    )
    assert Config.from_toml("[extract]\nfavor = 'recall'\n").content_hash() != base.content_hash()


def test_overrides_are_validated_and_keep_the_rest():
    config = Config.from_toml("[run]\nshard_docs = 7\n").with_overrides({"run": {"workers": 3}})
    assert (config.run.workers, config.run.shard_docs) == (3, 7)
    with pytest.raises(ValidationError):
        Config().with_overrides({"run": {"runner": "spark"}})
