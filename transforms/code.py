"""Code and command lines inside prose: they are not written in the document's language.

A Chinese forum post with a Python traceback or a few shell commands is Chinese; counted letter by
letter, its code outweighs its prose and langdetect calls it English. Lines that read as code (a
command prompt or tool name first, a keyword of a programming language first, an assignment or a
method call, a stack frame, an exception or a timestamped log line, or dense with the symbols code
is made of) and hold no CJK character are left out of what decides the language.
"""

from __future__ import annotations

import re

from .chars import CJK

_CJK = re.compile(rf"[{CJK}]")
_COMMAND = re.compile(
    r"^(?:\$|>>>|#!|C:\\|PS>|(?:sudo|pip3?|npm|npx|yarn|git|python3?|cd|ls|mkdir|rm|cp|mv|apt(?:-get)?|"
    r"yum|dnf|docker|curl|wget|conda|brew|cargo|go|java|javac|node|make|cmake|export|echo|chmod|chown|"
    r"systemctl|kubectl|ssh|scp|tar|grep|cat|vim?)\s)"
)
_KEYWORD = re.compile(
    r"^(?:import\s+[\w.]+|from\s+[\w.]+\s+import\b|def\s+\w+\s*\(|class\s+\w+[\s:(]|return\b|elif\b|else:|"
    r"try:|except\b|finally:|with\s.+:$|for\s.+\sin\s.+:$|while\s.+:$|if\s.+:$|print\(|const\s|let\s|var\s|"
    r"function\b|public\s|private\s|#include\b|using\s|package\s|func\s|fn\s|SELECT\s|INSERT\s|UPDATE\s|"
    r"CREATE\s|Traceback\b|File \".+\", line \d+)"
)
# Machine output pasted with the code: stack frames (Java, JavaScript, C#), exception lines and
# timestamped log lines.
_OUTPUT = re.compile(
    r"^(?:at\s+[\w$.<>/@-]+\s*\(.*\)|Caused by:|\.\.\. \d+ more$|"
    r"(?:[\w$]+\.)*[\w$]*(?:Exception|Error)(?::|$)|\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})"
)
_ASSIGNMENT_OR_CALL = re.compile(r"^[\w.\[\]'\"]+\s*[-+*/|&]?=\s*\S|^[\w.]+\.\w+\(.*\)$")
_CODE_SYMBOLS = re.compile(r"[(){}\[\]=<>;_/\\|&*`$#@:+]")
_CODE_END = re.compile(r"[;{}]$|\):$")
_SYMBOL_SHARE = 0.12


def is_code_line(line: str) -> bool:
    """A line of code or a command, in no CJK script."""
    stripped = line.strip()
    if not stripped or _CJK.search(stripped):
        return False
    if any(
        pattern.search(stripped) for pattern in (_COMMAND, _KEYWORD, _OUTPUT, _ASSIGNMENT_OR_CALL, _CODE_END)
    ):
        return True
    visible = len(stripped) - stripped.count(" ")
    return len(_CODE_SYMBOLS.findall(stripped)) >= _SYMBOL_SHARE * visible


def without_code(text: str) -> str:
    """The text without its code and command lines ("" when it is all code)."""
    return "\n".join(line for line in text.split("\n") if not is_code_line(line))


def prose_of(text: str) -> str:
    """What a document's language and quality are read from: its text without code and command
    lines, or all of it when nothing else is left (a document of code only)."""
    prose = without_code(text)
    return prose if prose.strip() else text
