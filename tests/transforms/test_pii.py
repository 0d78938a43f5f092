import pytest

from refinery.transforms.config import Config, PIIConfig
from refinery.transforms.document import RawRecord
from refinery.transforms.pii import DEFAULT_REPLACEMENTS, find_pii, redact
from refinery.transforms.pipeline import process_record


def found(text: str) -> list[tuple[str, str]]:
    return [(match.kind, text[match.start : match.end]) for match in find_pii(text)]


def id_number(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def luhn_completed(prefix: str) -> str:
    for last in "0123456789":
        digits = [int(d) for d in reversed(prefix + last)]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return prefix + last
    raise AssertionError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系人张先生13812345678，微信同号", [("cn_mobile", "13812345678")]),
        (
            "电话 138-1234-5678 或 +86 139 8765 4321",
            [("cn_mobile", "138-1234-5678"), ("cn_mobile", "+86 139 8765 4321")],
        ),
        ("邮箱zhang.san@163.com联系我", [("email", "zhang.san@163.com")]),
        (
            "总机 010-62345678，传真(0755)88889999",
            [("cn_landline", "010-62345678"), ("cn_landline", "(0755)88889999")],
        ),
        (
            "client 58.217.200.15 via 2400:cb00:2048:1::c629:d7a2",
            [("ipv4", "58.217.200.15"), ("ipv6", "2400:cb00:2048:1::c629:d7a2")],
        ),
        (
            "座机（010）62345678，邮箱 li＠example．cn",
            [("cn_landline", "（010）62345678"), ("email", "li＠example．cn")],
        ),
        (
            "Call +1 (415) 555-0132 or +44 20 7946 0958",
            [("phone", "+1 (415) 555-0132"), ("phone", "+44 20 7946 0958")],
        ),
    ],
)
def test_each_kind_is_found_as_written(text, expected):
    assert found(text) == expected


def test_an_id_number_needs_its_check_character_and_a_real_birth_date():
    valid = id_number("11010519491231002")
    assert found(f"身份证号{valid}。") == [("cn_id", valid)]
    wrong_check = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    no_such_day = id_number("11010519490231002")  # 31 February
    assert found(f"编号{wrong_check} 与 {no_such_day}") == []


def test_a_card_number_needs_luhn_and_a_network_prefix():
    card = luhn_completed("621700123456789")  # UnionPay, 16 digits
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert found(f"卡号{card}，即 {grouped}") == [("bank_card", card), ("bank_card", grouped)]
    failing = card[:-1] + str((int(card[-1]) + 1) % 10)
    order = luhn_completed("201912070000123")  # Luhn-valid, but no network issues 2019...
    assert found(f"卡号 {failing} 订单 {order}") == []
    assert found(" ".join(failing[i : i + 4] for i in range(0, 16, 4))) == []  # nor a phone inside it


@pytest.mark.parametrize(
    "text",
    [
        "订单号 202312071234567890，下单时间 2023-12-07 10:30:45，时间戳 1701936000",
        "价格 ¥1,299.00，邮编 100080，股票代码 600519，客服热线 95588 或 400-800-8888",
        "内网 192.168.1.1，本机 127.0.0.1，掩码 255.255.255.0，版本 v1.2.3.4",
        "MAC 00:1A:2B:3C:4D:5E，提交 3f2a9c1，UUID 123e4567-e89b-12d3-a456-426614174000",
        "ISBN 978-7-111-54742-6，分辨率 1920x1080，坐标 39.9042, 116.4074",
        "升级到固件 2.1.2.194 后，GET /static/icon@2x.png 仍然 404，公共 DNS 8.8.8.8 正常",
    ],
)
def test_look_alikes_are_left_alone(text):
    assert found(text) == []


def test_redaction_replaces_each_value_by_its_kinds_token():
    text = "邮箱 a.b@example.cn，手机 13812345678"
    assert redact(text, find_pii(text), DEFAULT_REPLACEMENTS) == "邮箱 <EMAIL>，手机 <PHONE>"


def record(text: str) -> RawRecord:
    return RawRecord("id", "file:///a.txt", None, "text", text.encode())


def test_the_pipeline_counts_or_redacts_by_mode_and_never_records_the_values():
    text = (
        "招聘启事\n有意者请联系王经理，电话13812345678，邮箱wang@example.cn，或致电１３９８７６５４３２１。"
    )
    off = process_record(record(text), Config())
    assert off.pii is None and "13812345678" in off.text
    annotated = process_record(record(text), Config(pii=PIIConfig(mode="annotate")))
    assert annotated.pii == (("cn_mobile", 2), ("email", 1)) and "13812345678" in annotated.text
    redacted = process_record(
        record(text), Config(pii=PIIConfig(mode="redact", replacements={"email": "[邮箱]"}))
    )
    assert "13812345678" not in redacted.text and "98765432" not in redacted.text  # full-width digits too
    assert "<PHONE>" in redacted.text and "[邮箱]" in redacted.text
    step = next(step for step in redacted.steps if step.name == "pii")
    assert step.detail == "redacted cn_mobile 2, email 1" and "138" not in step.detail
    assert process_record(record("没有任何个人信息的文章。"), Config(pii=PIIConfig(mode="redact"))).pii == ()


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="unknown kind passport"):
        PIIConfig(kinds=("email", "passport"))
