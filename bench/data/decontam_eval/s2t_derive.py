"""Re-derive s2t_table.py from OpenCC s2tw, after text_dev.py or text_held.py gain new characters.

Usage:  .venv/bin/python bench/data/decontam_eval/s2t_derive.py   (needs the opencc package)

make.py itself needs only the standard library: it converts with the table written here. The table
is a default Traditional form per character plus the words where OpenCC picks another form, and
it reproduces OpenCC s2tw exactly on every string of the two text files (checked here).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter, defaultdict
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
HEADER = '''"""Simplified-to-Traditional (Taiwan standard) map for the characters this folder's text uses.

Written by s2t_derive.py from OpenCC s2tw (opencc {version}) over every string in text_dev.py and
text_held.py. S2T_CHARS holds pairs (simplified, traditional): the form OpenCC gives a character
most often. S2T_PHRASES are the character runs where it gives another form. make.py converts each
character, then writes each phrase over its occurrences, shortest first; on that text this
reproduces OpenCC s2tw exactly.
"""
'''


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from strings(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from strings(value)


def convert(text: str, chars: dict[str, str], phrases: dict[str, str]) -> str:
    """What make.py's to_trad does."""
    out = [chars.get(c, c) for c in text]
    for key in sorted(phrases, key=lambda k: (len(k), k)):
        start = text.find(key)
        while start != -1:
            out[start : start + len(key)] = phrases[key]
            start = text.find(key, start + 1)
    return "".join(out)


def main() -> None:
    cc = opencc.OpenCC("s2tw")
    texts = []
    for name in ("text_dev", "text_held"):
        module = load(name)
        texts += [s for key in dir(module) if key.isupper() for s in strings(getattr(module, key))]
    pairs = [(s, cc.convert(s)) for s in texts if re.search(r"[\u4e00-\u9fff]", s)]
    assert all(len(s) == len(t) for s, t in pairs), "s2tw changed a length"

    seen: defaultdict[str, Counter] = defaultdict(Counter)
    for s, t in pairs:
        for a, b in zip(s, t, strict=True):
            seen[a][b] += 1
    chars = {a: c.most_common(1)[0][0] for a, c in seen.items() if c.most_common(1)[0][0] != a}

    def targets(key: str) -> set[str]:
        out = set()
        for s, t in pairs:
            start = s.find(key)
            while start != -1:
                out.add(t[start : start + len(key)])
                start = s.find(key, start + 1)
        return out

    phrases: dict[str, str] = {}
    for _ in range(20):  # add the shortest run around each wrong character that OpenCC always converts alike
        wrong = 0
        for s, t in pairs:
            mine = convert(s, chars, phrases)
            i = next((i for i, (x, y) in enumerate(zip(mine, t, strict=True)) if x != y), None)
            if i is None:
                continue
            wrong += 1
            for width in (2, 3, 4, 5):
                starts = range(max(0, i - width + 1), min(i, len(s) - width) + 1)
                key = next(
                    (
                        s[j : j + width]
                        for j in starts
                        if s[j : j + width] not in phrases and len(targets(s[j : j + width])) == 1
                    ),
                    None,
                )
                if key:
                    phrases[key] = targets(key).pop()
                    break
        if not wrong:
            break
    bad = [s for s, t in pairs if convert(s, chars, phrases) != t]
    assert not bad, bad[:5]

    flat = "".join(a + b for a, b in sorted(chars.items()))
    lines = [
        HEADER.format(version=opencc.__version__ if hasattr(opencc, "__version__") else "?"),
        "S2T_CHARS = (",
    ]
    lines += [f'    "{flat[i : i + 96]}"' for i in range(0, len(flat), 96)]
    lines += [")", "S2T_PHRASES = {"]
    lines += [f'    "{k}": "{v}",' for k, v in sorted(phrases.items())]
    lines.append("}")
    (HERE / "s2t_table.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(chars)} characters, {len(phrases)} phrases")


if __name__ == "__main__":
    main()
