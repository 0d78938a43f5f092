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


def test_stack_traces_exceptions_and_log_lines_are_machine_output():
    for line in (
        "    at com.example.demo.controller.UserController.getUser(UserController.java:14) ~[classes/:na]",
        "    at Object.<anonymous> (/srv/app/index.js:12:9)",
        "java.lang.NullPointerException: Cannot invoke a method because the field is null",
        "Caused by: java.io.IOException: Broken pipe",
        "KeyError: 'name'",
        "2024-05-12 10:21:33.417 ERROR 18236 --- [main] Application failed to start because of a bad port",
        "[2024-05-12T10:21:33] WARN retrying the connection to the database server",
        "    ... 42 more",
    ):
        assert is_code_line(line), line
    for sentence in (
        "Errors are part of learning, so do not worry about them too much.",
        "At the end of the day the build passed and everyone went home.",
        "2024 was a good year for the team.",
        "Error handling in Go is verbose, but explicit.",
    ):
        assert not is_code_line(sentence), sentence
