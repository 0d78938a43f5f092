"""Evaluate flagged-word detection (transforms/flagged.py): is a spam line inside a real article
found, whatever spelling it comes in, and are real articles left alone?

Negatives: the real news articles of bench/data/spun_eval/clean.jsonl, split by position into a dev
half (even lines) and a held half (odd lines). Positives: each article with one spam line added,
made from the templates below (written for this evaluation, separately from the word list) in five
spellings: Simplified; Traditional (OpenCC s2tw); spaced out (a space inside each term); full-width
(digits and Latin letters); and homophones (菠菜 for 博彩, the spammers' own evasion, which no word
list of the real terms catches: reported to show the limit). A document is detected when its worst
line's flagged share reaches --line-share (ChineseWebText drops lines above 0.5; 0.3 is stricter).

The plain baseline looks for the list's terms as they are written, in the text as it is (what a
substring filter over the raw text does).

Usage:  .venv/bin/python bench/eval_flagged.py [--line-share 0.3] [--json bench/results/eval_flagged.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reporting import write_json  # noqa: E402
from refinery.transforms.flagged import BUILTIN, flagged_shares, flagged_words, read_list  # noqa: E402
from refinery.transforms.unify import converter  # noqa: E402

ARTICLES = ROOT / "bench" / "data" / "spun_eval" / "clean.jsonl"
TEMPLATES = [
    "{a}最新网址，{b}，注册就送，24小时在线客服",
    "正规{a}平台，{b}天天返水，提款秒到账",
    "点击进入{a}，{b}免费体验，VIP会员专享",
    "{a}上线啦！{b}等你来，扫码加微信了解",
]
TERMS = [
    ("博彩", "百家乐"),
    ("网上赌场", "真人荷官"),
    ("六合彩", "时时彩"),
    ("裸聊", "约炮"),
    ("代开发票", "办证刻章"),
]
HOMOPHONES = {
    "博彩": "菠菜",
    "百家乐": "百嘉乐",
    "网上赌场": "网上du场",
    "真人荷官": "真人和官",
    "六合彩": "六和彩",
}
HOMOPHONES |= {
    "时时彩": "时时采",
    "裸聊": "果聊",
    "约炮": "约pao",
    "代开发票": "代开fa票",
    "办证刻章": "办正刻章",
}


def spellings(a: str, b: str, template: str) -> dict[str, str]:
    line = template.format(a=a, b=b)
    wide = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
    return {
        "simplified": line,
        "traditional": converter("s2tw").convert(line),
        "spaced": template.format(a=" ".join(a), b=" ".join(b)),
        "full-width": line.translate(wide),
        "homophones": template.format(a=HOMOPHONES[a], b=HOMOPHONES[b]),
    }


def plain_line_share(text: str, terms: list[str]) -> float:
    worst = 0.0
    for line in text.split("\n"):
        if len(line) >= 10:
            covered = sum(len(term) * line.count(term) for term in terms)
            worst = max(worst, covered / len(line))
    return worst


def _share_at(shares: list[float], cut: float) -> float:
    return round(sum(share >= cut for share in shares) / len(shares), 3)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--line-share", type=float, nargs="+", default=[0.1, 0.3], help="worst-line shares that detect"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    from importlib import resources

    import refinery.transforms as transforms

    terms = read_list(resources.files(transforms).joinpath(BUILTIN).read_text(encoding="utf-8"))
    words = flagged_words(True, ())
    articles = [json.loads(line)["text"] for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    results = {}
    for half, chosen in (("dev", articles[0::2]), ("held", articles[1::2])):
        detectors = {
            "refinery": lambda text: flagged_shares(text, words)[1],
            "plain substring": lambda text: plain_line_share(text, terms),
        }
        figures: dict[str, dict[str, float]] = {}
        for name, line_share in detectors.items():
            clean = [line_share(text) for text in chosen]
            spammed: dict[str, list[float]] = {}
            for number, text in enumerate(chosen):
                a, b = TERMS[number % len(TERMS)]
                template = TEMPLATES[number % len(TEMPLATES)]
                for spelling, line in spellings(a, b, template).items():
                    lines = text.split("\n")
                    lines.insert(len(lines) // 2, line)
                    spammed.setdefault(spelling, []).append(line_share("\n".join(lines)))
            for cut in args.line_share:
                figures[f"{name} >= {cut}"] = {
                    "false positives": _share_at(clean, cut),
                    **{f"recall {spelling}": _share_at(shares, cut) for spelling, shares in spammed.items()},
                }
        results[half] = {"articles": len(chosen), **figures}
    for half, figures in results.items():
        print(f"\n== {half}: {figures['articles']} articles, each also with a spam line in 5 spellings")
        for name, row in figures.items():
            if name != "articles":
                print(f"{name:<22} " + "  ".join(f"{key} {value}" for key, value in row.items()))
    write_json(results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
