from refinery.transforms.normalize import normalize_text


def test_invisible_and_control_characters_go():
    text, step = normalize_text("人工\u200b智能\x07芯片\ufeff")
    assert text == "人工智能芯片"
    assert step.chars_removed == 3


def test_line_breaks_and_blank_runs():
    text, _ = normalize_text("第一段\r\n\r\n\r\n\r\n第二段  有   空格\r第三段")
    assert text == "第一段\n\n第二段 有 空格\n第三段"


def test_nfc_composes():
    text, _ = normalize_text("Cafe\u0301")
    assert text == "Café"


def test_mojibake_is_repaired():
    text, step = normalize_text("naÃ¯ve cafÃ©")
    assert text == "naïve café"
    assert step.detail == "mojibake repaired"


def test_chinese_punctuation_is_not_folded():
    original = "他说：“你好！”（测试）。"
    assert normalize_text(original)[0] == original


def test_idempotent(seed_texts):
    for text in seed_texts.values():
        once, _ = normalize_text(text)
        assert normalize_text(once)[0] == once
