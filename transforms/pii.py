"""Personal data in a document: found by shape, kept only when the value proves itself (a checksum,
a real date, a numbering plan, a public address), because redacting a date or an order number costs
more than missing a number written some odd way. Values are never recorded: the step counts them.

Each kind is its own pattern; a match that fails its check is dropped, and where two kinds claim
overlapping text the one listed first in KINDS wins (an ID number is not also a card number).
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

_EDGE = r"(?<![0-9A-Za-z])"  # no digit or letter glued before
_END = r"(?![0-9A-Za-z])"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    start: int
    end: int


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _valid_id(value: str) -> bool:
    """A resident ID number: a birth date that exists (not in the future, after 1900) and the ISO
    7064 MOD 11-2 check character."""
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= date.today():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17].upper()


def _luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card_network(digits: str) -> bool:
    """A prefix and length some card network issues (UnionPay, Visa, Mastercard, Amex, JCB,
    Discover): a Luhn-valid order number rarely has both."""
    length = len(digits)
    if digits.startswith(("34", "37")):
        return length == 15
    if digits.startswith("62") or digits.startswith("35"):
        return 16 <= length <= 19
    if digits.startswith("4"):
        return length in (16, 19)
    if digits.startswith(("51", "52", "53", "54", "55")) or 2221 <= int(digits[:4]) <= 2720:
        return length == 16
    if digits.startswith(("6011", "65")) or 644 <= int(digits[:3]) <= 649:
        return 16 <= length <= 19
    return False


def _valid_card(value: str) -> bool:
    digits = _digits(value)
    return _card_network(digits) and _luhn(digits) and not (len(digits) == 18 and _valid_id(digits))


def _public_ip(value: str) -> bool:
    """A public address. One whose first three parts are all below 16 reads as a version number
    (firmware 2.1.2.194, nginx 1.10.6.2); the few public ones shaped so are services (1.1.1.1,
    8.8.8.8), not anyone's."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    if address.version == 4 and all(int(part) < 16 for part in value.split(".")[:3]):
        return False
    return address.is_global


_FILE_SUFFIXES = ("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css", "js")


def _email(value: str) -> bool:
    """Not a file name with a scale suffix (icon@2x.png)."""
    return value.rsplit(".", 1)[-1].lower() not in _FILE_SUFFIXES


def _international_phone(value: str) -> bool:
    """E.164's 10 to 15 digits with a country code, or a North American number; a +86 number is a
    mainland one (cn_mobile or cn_landline) or none, and 400-/800- numbers are mainland companies'
    service lines."""
    digits = _digits(value)
    if value.startswith("+"):
        return 10 <= len(digits) <= 15 and not digits.startswith("86")
    return len(digits) == 10 and not digits.startswith(("400", "800"))  # mainland service lines


def _always(value: str) -> bool:
    return True


_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_CN_PREFIX = r"(?:(?:\+|00)86[- ]?|\(\+?86\)[- ]?)"
_PHONE_EDGE, _NO_DIGIT_AFTER = (
    r"(?<![0-9A-Za-z+])",
    r"(?![0-9])",
)  # never inside "+86 ..." or a longer run of digits
# Four or more groups of four digits: a card-like number (valid or not) holds no phone number
_GROUPED = re.compile(r"(?<![0-9])(?:[0-9]{4}[- ]){3,}[0-9]{4}(?![0-9])")
_PHONES = ("cn_mobile", "cn_landline", "phone")

# kind: (pattern, check), in priority order
KINDS: dict[str, tuple[re.Pattern[str], Callable[[str], bool]]] = {
    "email": (
        re.compile(
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
        ),
        _email,
    ),
    "cn_id": (re.compile(_EDGE + r"[1-9][0-9]{5}(?:19|20)[0-9]{9}[0-9Xx]" + _END), _valid_id),
    "bank_card": (
        re.compile(
            _EDGE + r"(?:(?:[0-9]{4}[- ]){3}[0-9]{4}(?:[- ][0-9]{1,3})?"  # 4-4-4-4(-3)
            r"|3[47][0-9]{2}[- ][0-9]{6}[- ][0-9]{5}|[0-9]{15,19})(?![0-9])"  # Amex 4-6-5, plain
        ),
        _valid_card,
    ),
    "cn_mobile": (
        re.compile(_PHONE_EDGE + _CN_PREFIX + r"?1[3-9][0-9](?:[- ]?[0-9]{4}){2}" + _NO_DIGIT_AFTER),
        _always,
    ),
    "cn_landline": (
        re.compile(
            _PHONE_EDGE + r"(?:" + _CN_PREFIX + r"?\(0[1-9][0-9]{1,2}\)[- ]?|"
            r"(?:" + _CN_PREFIX + r"|0)[1-9][0-9]{1,2}[- ])[2-9][0-9]{2,3}[- ]?[0-9]{4}" + _NO_DIGIT_AFTER
        ),
        _always,
    ),
    "phone": (
        re.compile(
            _PHONE_EDGE + r"(?:\+[1-9][0-9]{0,2}[- ]?(?:\(?[0-9]{1,4}\)?[- ]?){1,4}[0-9]{2,4}"
            r"|\([2-9][0-9]{2}\) ?[2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}[-.][2-9][0-9]{2}[-.][0-9]{4})"
            + _NO_DIGIT_AFTER
        ),
        _international_phone,
    ),
    "ipv4": (
        re.compile(r"(?<![0-9A-Za-z._-])" + rf"(?:{_OCTET}\.){{3}}{_OCTET}" + r"(?![0-9]|\.[0-9])"),
        _public_ip,
    ),
    "ipv6": (
        re.compile(
            r"(?<![0-9A-Za-z:])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})[0-9A-Fa-f:]{3,39}(?![0-9A-Za-z:])"
        ),
        _public_ip,
    ),
}
DEFAULT_REPLACEMENTS = {
    "email": "<EMAIL>",
    "cn_id": "<ID_NUMBER>",
    "bank_card": "<BANK_CARD>",
    "cn_mobile": "<PHONE>",
    "cn_landline": "<PHONE>",
    "phone": "<PHONE>",
    "ipv4": "<IP>",
    "ipv6": "<IP>",
}
_MIN_DIGITS = 5  # the fewest digits of a value without @ or ::, a public IPv4 address (16.0.0.1)
# Matched on a view with the full-width forms a Chinese text keeps folded (（010）, ＠, ．): one
# character for one, so the view's offsets are the text's.
_FOLD = tuple(zip("＠．：（）＋－　", "@.:()+- ", strict=True))


def _folded(text: str) -> str:
    for wide, narrow in _FOLD:
        text = text.replace(wide, narrow)
    return text


def _runs(view: str) -> list[tuple[int, int]]:
    """The runs of printable ASCII that could hold a value: an @, two colons or five digits. Every
    value lies in one, and a Chinese paragraph has few (a year, a percentage and a model number do
    not qualify). Found with numpy: a pattern that starts with a look-behind is tried at every
    character, 30 times slower than over these runs."""
    codes = np.frombuffer(view.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    printable = ((codes >= 0x20) & (codes <= 0x7E)).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], printable, [0]))))
    starts, ends = edges[0::2], edges[1::2]

    def per_run(mask: np.ndarray) -> np.ndarray:
        total = np.concatenate(([0], np.cumsum(mask)))
        return total[ends] - total[starts]

    digits = per_run((codes >= 0x30) & (codes <= 0x39))
    keep = (digits >= _MIN_DIGITS) | (per_run(codes == 0x40) > 0) | (per_run(codes == 0x3A) >= 2)
    return list(zip(starts[keep].tolist(), ends[keep].tolist(), strict=True))


def find_pii(text: str, kinds: tuple[str, ...] = tuple(KINDS)) -> list[Match]:
    """The personal values in `text`, in order, none overlapping: each kind's pattern, its check,
    then the kind listed first in KINDS (then the longer value) wins an overlap."""
    view = _folded(text)
    runs = _runs(view)  # a pattern's look-behind still sees the character before its run
    grouped = [match.span() for start, end in runs for match in _GROUPED.finditer(view, start, end)]
    found = []
    for priority, (kind, (pattern, check)) in enumerate(KINDS.items()):
        if kind not in kinds:
            continue
        for run_start, run_end in runs:
            for match in pattern.finditer(view, run_start, run_end):
                start, end = match.span()
                if kind in _PHONES and any(first <= start and end <= last for first, last in grouped):
                    continue
                if check(match.group()):
                    found.append((priority, start - end, start, end, kind))
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for _, _, start, end, kind in sorted(found):
        if all(end <= first or start >= last for first, last in taken):
            taken.append((start, end))
            chosen.append(Match(kind, start, end))
    return sorted(chosen, key=lambda match: match.start)


def redact(text: str, matches: list[Match], replacements: dict[str, str]) -> str:
    """`text` with each match replaced by its kind's token."""
    pieces, position = [], 0
    for match in matches:
        pieces += [text[position : match.start], replacements[match.kind]]
        position = match.end
    return "".join([*pieces, text[position:]])


def counts(matches: list[Match]) -> dict[str, int]:
    return dict(sorted(Counter(match.kind for match in matches).items()))
