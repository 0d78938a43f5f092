"""Build the spun-text evaluation set: clean.jsonl (real, unspun text) and spun.jsonl.

Usage:  .venv/bin/python bench/data/spun_eval/build.py

Sources (see README.md beside this file):
  ../shared/pages/gne-zh-news/*.html   main text extracted with trafilatura (favor_precision)
  bench/data/html_gold/*.json          hand-made gold text, for pages trafilatura misses
  seeds/00[0234]_*.txt                 hand-cleaned (line lists below); 001 is real spun text

Deterministic: same inputs and library versions give byte-identical outputs.
Exits 2 when ../shared/pages is missing (nothing in the tests needs this script).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # the repo: bench/data/spun_eval -> repo
sys.path.insert(0, str(ROOT / "bench"))

from spinner import spin  # noqa: E402

SHARED_PAGES = ROOT.parent / "shared" / "pages"
GNE_DIR = SHARED_PAGES / "gne-zh-news"
GOLD_DIR = ROOT / "bench" / "data" / "html_gold"
SEEDS_DIR = ROOT / "seeds"

MIN_CJK = 300  # a page whose cleaned text has fewer CJK characters is skipped
SPLIT_OVER = 2400  # a text longer than this is cut into chunks ...
CHUNK_MIN, CHUNK_MAX, CHUNK_TARGET = 800, 2400, 900  # ... of this many characters, at paragraph ends
RATES = (0.3, 0.6, 1.0)  # spin rate, in rotation over the clean documents (seeds excluded)
T2S_RATIO = 0.05  # convert to Simplified when t2s changes more than this share of CJK chars

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# ---------------------------------------------------------------------------------------------
# Boilerplate rules for the trafilatura output, written by reading every page's extraction.

# The first line matching one of these ends the article: the rest is comments, bylines,
# related links, app prompts.
CUT_FROM = re.compile(
    r"网友评论仅供|小编最近文章|作者最近文章|更多猛料|^热门推荐|查看更多评论|^采写[：:]|免责声明|^最新评论$|"
    r"^责编[|｜：:]|^\(本文来自澎湃新闻|^本文来源[：:]|责任编辑|\d+(?:小时|分钟|天)前 回复"
)
# "来源：…" standing as its own line ends the article when it comes in the second half.
SOURCE_LINE = re.compile(r"^来源[：:|]")
DROP = re.compile(
    r"^[（(]?原标题[：:]|^[（(]原题为|^原创[：:]|图片来源[：:]|^资料图|^图为|视觉中国|^执笔/|"
    r"^【编辑[：:]|^[（(]资料来源[：:]|^[（(]综合整理自|^\d+人参与\d+评论$|^相关新闻[：:]?$|^相关资讯请关注|"
    r"专注苹果新闻报道|点击(?:这里|查看|看|进入|阅读)|扫描.{0,12}二维码|微信扫一扫|关注该公众号|"
    r"^前往“发现”|^(?:违法和不良信息)?举报(?:电话|邮箱)|^字号$|^关键词|^首页|^>|位置[：:]|打印本页|"
    r"^图片均来自网络|本文为CSDN原创|^声明[：:]|^[（(]实习生.*贡献[）)]$|供稿|^24小时滚动播报|"
    r"发布时间|浏览次数|版权所有|主办单位|添加收藏夹|\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*来源|"
    r"截图。?$|供图$|\s图$|^■|>$|请支持独立网站|^本文仅代表作者"
)
# Glued to a content line: a page-furniture tail or head that is cut off, keeping the rest.
STRIP = re.compile(r"\s*最后更新: \d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?|返回腾讯网首页>>$")
# Single lines dropped by eye (a video title after the toutiao__4 article).
DROP_LINES = frozenset({"棉衣已备好坐等冷空气来降温"})
BYLINE = re.compile(r"记者|作者|通讯员|编辑|摄影|编译")
CODE = re.compile(r"^(?:print|def|import|from|with|return|if|while|try|except|for|class)\b|^\w+(?:\.\w+)+\(")
STOCK_WIDGET = re.compile(r"\(\d[\d.]*, -?[\d.]+, -?[\d.]+%\)")  # "贝莱德(431.2, 7.37, 1.74%)"
TABLE_PARA_BREAK = re.compile(r"(?<=[。；：”])\s+|\s+(?=第[一二三四五六七八九十百零]+[章条节])")

# ---------------------------------------------------------------------------------------------
# Seeds, cleaned by hand: the 1-based line numbers that hold article prose.
SEED_000_TOKEN = "6lLesmc"  # a 7-character token glued to the end of seed 000's paragraphs
SEED_LINES = {
    "000": list(range(1, 19)),  # 19: source credit; 20-64: share prompts, related teasers, copyright
    "002": list(range(1, 30)),  # 31-81: a brand / product list
    "003": [1, 6, 10, 12, 14, 16, 18, 20],  # 3-4: blog blurb; 8: rule; 22-32: references, comments
    "004": list(range(1, 24)),  # Traditional Chinese: converted with t2s
}


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def to_simplified(text: str, cc) -> str:
    """t2s when the text is Traditional (a few Traditional characters in a quote are left alone)."""
    n = cjk_count(text)
    if not n:
        return text
    conv = cc.convert(text)
    changed = sum(1 for a, b in zip(text, conv, strict=False) if a != b)
    return conv if len(conv) == len(text) and changed / n > T2S_RATIO else text


def clean_extracted(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("|"):  # a flattened table cell: drop the pipes, restore paragraph breaks
            line = re.sub(r"\\?\|", " ", line).strip()
            parts = TABLE_PARA_BREAK.split(line) if len(line) > 1000 else [line]
        else:
            parts = [line]
        for part in parts:
            is_item = bool(re.match(r"^[-•·]\s+", part))
            part = re.sub(r"^[-•·]\s+", "", part)
            part = STRIP.sub("", STOCK_WIDGET.sub("", part))
            part = re.sub(r"\s+", " ", part).strip()
            if CUT_FROM.search(part):
                return "\n".join(out)
            if not CJK.search(part) or DROP.search(part) or CODE.search(part) or part in DROP_LINES:
                continue
            if SOURCE_LINE.match(part) and i > len(lines) // 2:
                return "\n".join(out)
            if is_item and (len(part) < 20 or part[0].isdigit() or not re.search(r"[，。；]", part)):
                continue  # a list item that is a link, a headline or a menu entry, not a sentence
            if len(part) <= 30 and BYLINE.search(part) and not re.search(r"[，。！？；]", part):
                continue
            if part.endswith("摄") and len(part) < 80:  # photo caption
                continue
            out.append(part)
    return "\n".join(out)


def split_units(text: str) -> list[tuple[int, str]]:
    """Paragraphs as (paragraph index, text); a paragraph over CHUNK_MAX is cut into sentences."""
    units: list[tuple[int, str]] = []
    for p, para in enumerate(text.split("\n")):
        if len(para) <= CHUNK_MAX:
            units.append((p, para))
            continue
        for sent in re.findall(r".*?(?:[。！？；]+[”」』）)]?|$)", para):
            if sent:
                units.append((p, sent))
    return units


def join_units(units: list[tuple[int, str]]) -> str:
    parts: list[str] = []
    for k, (p, s) in enumerate(units):
        if k and units[k - 1][0] != p:
            parts.append("\n")
        parts.append(s)
    return "".join(parts)


def chunk(text: str) -> list[str]:
    """Cut a long text at paragraph ends into chunks of CHUNK_MIN..CHUNK_MAX characters.

    Dynamic programme over the cut points, minimising the squared distance of each chunk's
    length from CHUNK_TARGET. Texts not over SPLIT_OVER, or that cannot be cut within the
    bounds, stay whole.
    """
    if len(text) <= SPLIT_OVER:
        return [text]
    units = split_units(text)
    n = len(units)
    inf = float("inf")
    best = [inf] * (n + 1)
    back = [-1] * (n + 1)
    best[0] = 0.0
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            size = len(join_units(units[i:j]))
            if size > CHUNK_MAX:
                break
            if size >= CHUNK_MIN and best[i] < inf:
                cost = best[i] + (size - CHUNK_TARGET) ** 2
                if cost < best[j]:
                    best[j], back[j] = cost, i
    if best[n] == inf:
        return [text]
    cuts, j = [], n
    while j > 0:
        cuts.append((back[j], j))
        j = back[j]
    return [join_units(units[i:j]) for i, j in reversed(cuts)]


def load_gold() -> dict[str, str]:
    gold: dict[str, str] = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        if rec.get("skip") or not rec.get("text"):
            continue
        gold[Path(rec["page"]).stem] = rec["text"]
    return gold


def clean_docs(cc) -> tuple[list[dict], list[str]]:
    import trafilatura

    gold = load_gold()
    docs: list[dict] = []
    notes: list[str] = []
    seen: set[str] = set()
    for path in sorted(GNE_DIR.glob("*.html")):
        stem = path.stem
        extracted = trafilatura.extract(decode(path.read_bytes()), favor_precision=True) or ""
        text = to_simplified(clean_extracted(extracted), cc)
        source, prefix = "gne-zh-news", "gne"
        g = gold.get(stem)
        if g is not None and (cjk_count(text) < MIN_CJK or cjk_count(text) < 0.5 * cjk_count(g)):
            text, source, prefix = to_simplified(g.strip(), cc), "html_gold", "gold"
            notes.append(f"{stem}: trafilatura text too short, falling back to html_gold")
        if cjk_count(text) < MIN_CJK:
            notes.append(f"{stem}: skipped, {cjk_count(text)} CJK characters after cleaning")
            continue
        digest = hashlib.sha1(re.sub(r"\s+", "", text).encode()).hexdigest()
        if digest in seen:
            notes.append(f"{stem}: skipped, same text as an earlier page")
            continue
        seen.add(digest)
        parts = chunk(text)
        for k, part in enumerate(parts, 1):
            doc_id = f"{prefix}/{stem}" + (f"/{k}" if len(parts) > 1 else "")
            docs.append({"id": doc_id, "text": part, "source": source, "label": "clean"})
    return docs, notes


def seed_path(num: str) -> Path:
    (path,) = sorted(SEEDS_DIR.glob(f"{num}_*.txt"))
    return path


def seed_docs(cc) -> list[dict]:
    docs = []
    for num, keep in SEED_LINES.items():
        lines = seed_path(num).read_text(encoding="utf-8").split("\n")
        kept = [lines[n - 1].strip() for n in keep]
        if num == "000":
            assert sum(ln.endswith(SEED_000_TOKEN) for ln in kept) >= 15, "seed 000 token moved"
            kept = [ln.removesuffix(SEED_000_TOKEN) for ln in kept]
        text = "\n".join(ln for ln in kept if ln)
        if num == "004":
            text = cc.convert(text)
        docs.append({"id": f"seed/{num}", "text": text, "source": "seed", "label": "clean"})
    return docs


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> int:
    if not GNE_DIR.is_dir():
        print(
            f"build.py: {GNE_DIR} is missing; it holds the source pages (shared/pages beside the repo).",
            file=sys.stderr,
        )
        return 2
    import opencc

    cc = opencc.OpenCC("t2s")
    docs, notes = clean_docs(cc)
    clean = docs + seed_docs(cc)
    spun = []
    for i, doc in enumerate(docs):
        rate = RATES[i % len(RATES)]
        text = spin(doc["text"], rate, zlib.crc32(doc["id"].encode()))
        assert text != doc["text"], doc["id"]
        spun.append(
            {
                "id": f"spun/{doc['id']}",
                "text": text,
                "source": doc["source"],
                "label": "spun",
                "rate": rate,
                "clean_id": doc["id"],
            }
        )
    spun.append(
        {
            "id": "seed/001",
            "text": seed_path("001").read_text(encoding="utf-8"),
            "source": "seed",
            "label": "spun",
            "rate": None,
            "clean_id": None,
        }
    )
    write_jsonl(HERE / "clean.jsonl", clean)
    write_jsonl(HERE / "spun.jsonl", spun)
    for note in notes:
        print(note)
    counts: dict[str, int] = {}
    for row in clean + spun:
        key = f"{row['label']:5} {row['source']:11} rate={row.get('rate', '-')}"
        counts[key] = counts.get(key, 0) + 1
    for key in sorted(counts):
        print(f"{counts[key]:4}  {key}")
    print(f"clean {len(clean)}  spun {len(spun)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
