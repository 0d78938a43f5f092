"""Script unification (OpenCC) and width/punctuation normalization that respects CJK conventions."""

from __future__ import annotations

import re
from functools import cache

import opencc

from transforms.document import Step

_CONVERSIONS = {
    ("hans", "Hant"): "t2s",
    ("hans", "mixed"): "t2s",
    ("hant", "Hans"): "s2t",
    ("hant", "mixed"): "s2t",
}
# Full-width ASCII letters and digits (U+FF10.., U+FF21.., U+FF41..) become ASCII; full-width
# punctuation is left alone: it is correct in Chinese text.
_FULLWIDTH_ALNUM = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CLOSE = r"」』”）》】"
_ASCII_TO_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# ASCII clause punctuation right after a Han character (or CJK closing mark), or right before one
# when it follows a letter: "美国,人们" → "美国，人们", "Ernst:跟我" → "Ernst：跟我". Never between
# digits (1,000 and 12:30 stay).
_AFTER_HAN = re.compile(rf"(?<=[{_HAN}{_CJK_CLOSE}])\s*([,;:?!])(?!\d)\s*")
_BEFORE_HAN = re.compile(rf"(?<=[A-Za-z)])\s*([,;:?!])\s*(?=[{_HAN}])")


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def conversion_for(target: str, script: str) -> str | None:
    """The OpenCC config that brings a Chinese text in `script` to `target`, or None."""
    return _CONVERSIONS.get((target, script))


def unify_script(text: str, script: str, target: str) -> tuple[str, str | None, Step]:
    """Convert Chinese text to the target script; the step says how many characters changed."""
    config = conversion_for(target, script)
    if config is None:
        return text, None, Step("unify_script", 0, f"kept {script}")
    converted = converter(config).convert(text)
    changed = sum(1 for a, b in zip(text, converted, strict=False) if a != b) + abs(
        len(text) - len(converted)
    )
    return (
        converted,
        config,
        Step("unify_script", len(text) - len(converted), f"{config}: {changed} chars changed"),
    )


def normalize_width(text: str) -> str:
    return text.translate(_FULLWIDTH_ALNUM)


def normalize_punctuation(text: str) -> tuple[str, int]:
    """ASCII clause punctuation inside Chinese text becomes its full-width form; returns the count."""
    text, after = _AFTER_HAN.subn(lambda m: _ASCII_TO_CJK[m.group(1)], text)
    text, before = _BEFORE_HAN.subn(lambda m: _ASCII_TO_CJK[m.group(1)], text)
    return text, after + before


def normalize_width_and_punctuation(text: str, chinese: bool, policy: str) -> tuple[str, Step]:
    widened = normalize_width(text)
    width_changes = sum(1 for a, b in zip(text, widened, strict=True) if a != b)
    marks = 0
    if chinese and policy == "cjk":
        widened, marks = normalize_punctuation(widened)
    detail = f"{width_changes} full-width alnum, {marks} punctuation" if width_changes or marks else ""
    return widened, Step("width_punctuation", len(text) - len(widened), detail)
