from refinery.transforms.blocklist import blocked_by, url_blocklist
from refinery.transforms.config import Config
from refinery.transforms.document import RawRecord
from refinery.transforms.pipeline import process_record


def lists(tmp_path, domains: str = "", words: str = ""):
    (tmp_path / "domains.txt").write_text(domains)
    (tmp_path / "words.txt").write_text(words)
    return str(tmp_path / "domains.txt"), str(tmp_path / "words.txt")


def test_a_domain_matches_itself_and_its_subdomains_only(tmp_path):
    domains, _ = lists(tmp_path, "# casinos\nexample-casino.com\nhttps://Bad.Example.org/any/path\n")
    blocklist = url_blocklist((domains,), ())
    assert blocked_by("https://www.example-casino.com/page", blocklist) == "domains.txt: example-casino.com"
    assert blocked_by("http://BAD.example.org", blocklist) == "domains.txt: bad.example.org"
    for url in (
        "https://example.org/",
        "https://notexample-casino.com/",
        "https://example-casino.com.cn/",
        None,
    ):
        assert blocked_by(url, blocklist) is None


def test_a_word_matches_anywhere_in_the_url_whatever_its_case(tmp_path):
    _, words = lists(tmp_path, words="casino\n")
    blocklist = url_blocklist((), (words,))
    assert blocked_by("https://news.cn/Online-CASINO-ban.html", blocklist) == "words.txt: casino"
    assert blocked_by("https://news.cn/sports.html", blocklist) is None


def test_a_blocklisted_document_is_rejected_with_the_list_and_entry_in_its_step(tmp_path):
    domains, _ = lists(tmp_path, "example-casino.com\n")
    config = Config.model_validate({"filter": {"url_blocklists": [domains]}})
    text = "城市新闻：今年全市新增公园绿地三百公顷，市民休闲更加方便。".encode()
    blocked = process_record(
        RawRecord("1", "m", None, "text", text, "https://m.example-casino.com/a"), config
    )
    assert blocked.reason == "blocklisted_url" and blocked.text  # the text is kept with the rejection
    assert [(s.name, s.detail) for s in blocked.steps][-1] == (
        "url_blocklist",
        "domains.txt: example-casino.com",
    )
    assert process_record(RawRecord("2", "m", None, "text", text, "https://news.cn/a"), config).reason is None
    assert process_record(RawRecord("3", "m", None, "text", text), config).reason is None  # no URL
