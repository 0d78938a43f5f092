from refinery.transforms.code import is_code_line, without_code
from refinery.transforms.language import detect_language
from refinery.transforms.script import count_scripts

POST = """我的脚本一直报错，大家帮忙看看：
import requests
def fetch(url: str) -> str:
response = requests.get(url, timeout=10)
response.raise_for_status()
return response.text
for link in soup.find_all("a"):
print(link.get("href"))
pip install requests beautifulsoup4
$ python3 crawl.py --output links.txt
运行以后提示超时，换了网络也一样，请问是代理的问题还是代码的问题？"""


def test_code_and_commands_are_code_and_sentences_are_not():
    code = [line for line in POST.split("\n") if is_code_line(line)]
    assert len(code) == 9
    for sentence in (
        "Thanks, I tried it twice (once on Wi-Fi) but it still failed: timeout.",
        "Go to the settings page and turn the option off.",
        "运行 pip install 以后提示超时。",  # a Chinese sentence naming a command is prose
        "",
    ):
        assert not is_code_line(sentence)


def test_a_chinese_post_with_a_code_block_is_chinese():
    assert detect_language(POST, count_scripts(POST)).lang == "en"  # the code outvotes the prose
    prose = without_code(POST)
    assert detect_language(prose, count_scripts(prose)).lang == "zh"
    assert without_code("import os\nos.getcwd()") == ""
