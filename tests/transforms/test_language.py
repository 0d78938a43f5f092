import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refinery.transforms.language import FastDetector, detect_language, langdetect_factory, prose_and_counts
from refinery.transforms.script import count_scripts

PARAGRAPHS = {
    "en": "The export controls were tightened a year later, banning the sale of some technologies to China.",
    "fr": "Les contrôles à l'exportation ont été renforcés un an plus tard, interdisant la vente de technologies.",
    "de": "Die Exportkontrollen wurden ein Jahr später verschärft und verbieten den Verkauf bestimmter Technologien.",
    "es": "Los controles de exportación se endurecieron un año después, prohibiendo la venta de algunas tecnologías.",
    "ru": "Экспортный контроль был ужесточён через год, запретив продажу некоторых технологий в Китай.",
    "ja": "輸出規制は一年後に強化され、一部の技術の中国への販売が禁止された。",
    "ko": "수출 통제는 1년 후 강화되어 일부 기술의 중국 판매가 금지되었다.",
    "zh-hans": "美国商务部于2022年10月实施出口管制，并在一年后收紧，禁止向中国出售某些技术。",
    "zh-hant": "美國商務部於2022年10月實施出口管制，並在一年後收緊，禁止向中國出售某些技術。",
}


def detect(text: str, seed: int = 0):
    return detect_language(text, count_scripts(text), seed=seed)


@pytest.mark.parametrize(("key", "text"), PARAGRAPHS.items())
def test_language_of_paragraphs(key, text):
    guess = detect(text)
    assert guess.lang == key.split("-")[0]
    assert 0.5 < guess.score <= 1.0


def test_traditional_chinese_is_never_korean(seed_texts):
    for line in seed_texts["004"].split("\n"):
        if len(line) > 10:
            assert detect(line).lang == "zh"


def test_deterministic_with_a_seed():
    text = "Ambiguous short text here"
    assert len({detect(text, seed=7) for _ in range(5)}) == 1


def test_no_letters_no_language():
    assert detect("12345 !!! 678").lang is None


def test_alphabetic_text_goes_to_langdetect_with_alternatives():
    guess = detect(PARAGRAPHS["en"])
    assert guess.method == "langdetect"
    assert all(code not in ("ko", "ja") for code, _ in guess.alternatives)


def test_chinese_article_with_an_english_paragraph_is_zh_and_mixed():
    english = "The company said in a statement that it expects supply to remain tight through the end of next year, citing strong demand."
    text = "\n".join([PARAGRAPHS["zh-hans"] * 2, english, PARAGRAPHS["zh-hans"]])
    guess = detect(text)
    assert guess.lang == "zh" and guess.mixed
    assert guess.alternatives[0][0] == "en"


def test_english_names_inside_chinese_sentences_do_not_make_it_mixed(seed_texts):
    guess = detect(seed_texts["000"])
    assert guess.lang == "zh" and not guess.mixed


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.", "el"),
        ("הממשלה הודיעה היום על צעדים חדשים בכלכלה.", "he"),
        ("รัฐบาลประกาศมาตรการใหม่เพื่อเศรษฐกิจในวันนี้", "th"),
    ],
)
def test_scripts_one_language_owns(text, lang):
    guess = detect(text)
    assert (guess.lang, guess.method) == (lang, "script")


def test_an_english_quote_inside_a_chinese_paragraph_makes_it_mixed():
    text = "这家手机厂商今天发布了新一代旗舰机。负责人在介绍新相机时说：“This is the best camera we have ever put in a phone.” 不过网友吐槽外观变化不大。"
    guess = detect(text)
    assert (guess.lang, guess.mixed, guess.alternatives[0][0]) == ("zh", True, "en")


def test_a_chinese_phrase_quoted_in_english_makes_it_mixed():
    guess = detect(
        "The sign at the entrance of the old temple simply said 请勿拍照, but most visitors took photos anyway."
    )
    assert (guess.lang, guess.mixed, guess.alternatives[0][0]) == ("en", True, "zh")


def _probabilities(detector, text: str) -> list[tuple[str, float]]:
    detector.set_max_text_length(1500)
    detector.append(text)
    detector.append("  and a second  append ")  # appends do not join their spaces: as langdetect
    return [(candidate.lang, candidate.prob) for candidate in detector.get_probabilities()]


_LANGDETECT_TEXTS = st.text(
    st.one_of(
        st.sampled_from("ABCDEFGHIJ abcdefghij ,.;!?-'\"  \n ÀÉÎõüß ăşţșț ạẠỏ Привет 中国的研究 あア 한국 ی"),
        st.characters(),
    ),
    min_size=1,
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(_LANGDETECT_TEXTS)
def test_fast_detector_gives_langdetects_own_probabilities(text):
    factory = langdetect_factory(0)
    ours, theirs = FastDetector(factory), factory.create()
    for detector in (ours, theirs):
        detector.append(text)
        detector.cleaning_text()
    assert ours.text == theirs.text
    assert ours._extract_ngrams() == theirs._extract_ngrams()  # the parts rewritten
    ours, theirs = FastDetector(factory), factory.create()
    try:
        expected = _probabilities(theirs, text)
    except Exception as error:  # no features: both must refuse
        with pytest.raises(type(error)):
            _probabilities(ours, text)
        return
    assert _probabilities(ours, text) == expected


def test_fast_detector_on_real_paragraphs(seed_texts):
    factory = langdetect_factory(0)
    english = "Researchers say the export controls left them five to ten years behind. " * 30
    for text in [english, "URL https://example.com/x and mail a@b.cn here. " * 5, *seed_texts.values()]:
        assert _probabilities(FastDetector(factory), text) == _probabilities(factory.create(), text)


def test_a_document_of_code_only_is_read_whole_even_with_blank_lines_between():
    code = "import os\n\nprint(os.getcwd())\n\nfor name in os.listdir('.'):\n    print(name)"
    prose, counts = prose_and_counts(code)
    assert prose == code and counts.latin > 0
