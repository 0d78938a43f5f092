"""Build the labelled evaluation set for the benchmark-decontamination filter.

Usage:  .venv/bin/python bench/data/decontam_eval/make.py   (any Python 3.11+ will do)

Reads the hand-written text in text_dev.py / text_held.py and the character map in
s2t_table.py, and writes beside this file: benchmark_{dev,held}.jsonl, docs_{dev,held}.jsonl,
labels_{dev,held}.jsonl and benchmark_fields.json. Standard library only, fixed seeds: two runs
give byte-identical files. It then re-reads the written files and checks the labels, exiting 1
on a failure: no clean document shares a run of more than 12 characters or 8 English words with
any item of either split, and every planted document holds its item's passage.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

SPLITS = {"dev": ("text_dev", 20240611), "held": ("text_held", 20240612)}
VARIANTS = ("exact", "partial", "traditional", "fullwidth", "punctuation", "with_answer")
PER_VARIANT = 15  # planted documents per variant and split: 90 of 200
CLEAN_KINDS = {"topic": 18, "paraphrase": 34, "fragment": 30, "boilerplate": 14, "traditional": 14}
MAX_CJK, MAX_WORDS = 12, 8  # the longest run a clean document may share with an item
MIN_CJK, MIN_WORDS = 20, 13  # the shortest run a planted document holds (the filter's threshold)
PARTIAL_CJK, PARTIAL_WORDS = (25, 60), (15, 30)
FRAGMENT_CJK, FRAGMENT_WORDS = (6, 12), (4, 8)  # the short quotes in hard negatives
DOC_CHARS = (300, 1500)
EN_DOC_SHARE = 0.65  # an English item is quoted in an English document this often, else in Chinese
EN_PLANTED = {"exact": 2, "partial": 3, "traditional": 0, "fullwidth": 5, "punctuation": 2, "with_answer": 2}
CROSS_TOPIC = 0.3  # share of Chinese pages whose filler also comes from a second subject

ID_KEYS = ("id", "qid", "idx", "uid", "item_id", "sample_id", "no")
MAIN_KEYS = ("passage", "article", "question", "context", "stem", "input", "prompt")
SECOND_KEYS = ("query", "question")  # the question that follows a passage
OPTION_KEYS = ("choices", "options", "opts")
ANSWER_KEYS = ("answer", "label", "gold", "key", "target", "completion")

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
UNIT_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[0-9]|[a-z]+")  # a character, a digit, a word
WORD_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[a-z0-9]+")
CLAUSE_RE = re.compile(r"[，。：；？！、“”‘’（）《》\n]+")
WRAPPER_RE = re.compile(r"^(?:Question|Q):\s*|\s*(?:Answer|A):\s*$")


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S2T = load("s2t_table")
S2T_CHARS = dict(zip(S2T.S2T_CHARS[::2], S2T.S2T_CHARS[1::2], strict=True))
PHRASES = sorted(S2T.S2T_PHRASES.items(), key=lambda kv: (len(kv[0]), kv[0]))  # shortest first
T2S = {t: s for s, t in S2T_CHARS.items()}
for _s, _t in S2T.S2T_PHRASES.items():
    T2S.update((b, a) for a, b in zip(_s, _t, strict=True) if a != b)


# ---------------------------------------------------------------------------------------------
# Folding, units and runs


def to_trad(text: str) -> str:
    """Simplified to Traditional: each character, then each listed phrase over its occurrences."""
    out = [S2T_CHARS.get(c, c) for c in text]
    for key, value in PHRASES:
        start = text.find(key)
        while start != -1:
            out[start : start + len(key)] = value
            start = text.find(key, start + 1)
    return "".join(out)


def to_full(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(T2S.get(c, c) for c in text).lower()


def units(text: str) -> list[str]:
    return UNIT_RE.findall(fold(text))


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


def is_cjk(unit: str) -> bool:
    return bool(CJK_RE.fullmatch(unit))


def n_cjk(text: str) -> int:
    return sum(map(is_cjk, units(text)))


def n_words(text: str) -> int:
    return sum(not is_cjk(w) for w in words(text))


def runs(text: str, cjk: int = MAX_CJK + 1, word: int = MAX_WORDS + 1) -> set[tuple[str, ...]]:
    """Windows of `cjk` units, and of `word` English words (no Chinese inside), of the text."""
    us, ws = units(text), words(text)
    out = {tuple(us[i : i + cjk]) for i in range(len(us) - cjk + 1)}
    for i in range(len(ws) - word + 1):
        window = ws[i : i + word]
        if not any(map(is_cjk, window)):
            out.add(tuple(window))
    return out


def contains(doc: str, span: str) -> bool:
    """The span's units, in a row, inside the document's units."""
    return "\x1f" + "\x1f".join(units(span)) + "\x1f" in "\x1f" + "\x1f".join(units(doc)) + "\x1f"


# ---------------------------------------------------------------------------------------------
# Items


@dataclass
class Item:
    file: str
    topic: str
    para: str
    record: dict

    @property
    def id_key(self) -> str:
        return next(k for k in ID_KEYS if k in self.record)

    @property
    def ref(self) -> str:
        return self.record[self.id_key]

    @property
    def lang(self) -> str:
        return "en" if self.topic == "english" else "zh"

    @property
    def main_key(self) -> str:
        return next(k for k in MAIN_KEYS if k in self.record)

    @property
    def main(self) -> str:
        return WRAPPER_RE.sub("", self.record[self.main_key])

    @property
    def second(self) -> str | None:
        key = next((k for k in SECOND_KEYS if k in self.record and k != self.main_key), None)
        return self.record[key] if key else None

    @property
    def options(self) -> list[tuple[str, str]]:
        value = next((self.record[k] for k in OPTION_KEYS if k in self.record), [])
        return list(value.items()) if isinstance(value, dict) else list(zip("ABCDEFGH", value, strict=False))

    @property
    def answer(self) -> str:
        return next(self.record[k] for k in ANSWER_KEYS if k in self.record)

    def texts(self) -> list[str]:
        """Every text of the record but the id, options included."""
        out = [
            WRAPPER_RE.sub("", v) for k, v in self.record.items() if isinstance(v, str) and k != self.id_key
        ]
        return out + [text for _, text in self.options]

    def size(self, text: str) -> int:
        return n_words(text) if self.lang == "en" else n_cjk(text)

    def long_enough(self, text: str) -> bool:
        return self.size(text) >= (MIN_WORDS if self.lang == "en" else MIN_CJK)


def item_text(record: dict) -> str:
    """All of a record but its id, in order: what a filter indexes."""
    parts = []
    for key, value in record.items():
        if key in ID_KEYS:
            continue
        if isinstance(value, dict):
            value = list(value.values())
        parts.extend(value if isinstance(value, list) else [value])
    return "\n".join(map(str, parts))


# ---------------------------------------------------------------------------------------------
# The variants


def punctuate(text: str, style: str, lang: str, rng: random.Random) -> str:
    """Change punctuation and put spaces or line breaks inside; the units stay the same."""
    if lang == "en":
        out = []
        for i, w in enumerate(text.split(" ")):
            if style == "swap_spaces":
                w = re.sub(r"[,;:?!]", lambda m: to_full(m[0]), w)
                w = re.sub(r"\.$", "。", w).replace("'", "’")
                out.append(w + ("  " if rng.random() < 0.25 else " "))
            else:
                w = w.replace(",", " -").replace("?", " ?").replace("'", "`")
                out.append(w + ("\n" if i % 8 == 7 else " "))
        return "".join(out).strip()
    if style == "swap_spaces":
        table = {"，": ", ", "。": ". ", "：": ": ", "；": "; ", "？": "? ", "！": "! ", "“": '"', "”": '"'}
        table |= {"（": "(", "）": ")", "、": "/", "《": "<", "》": ">"}
        gap, sep = 0.12, " "
    else:
        table = {"“": "「", "”": "」", "《": "〈", "》": "〉", "（": "【", "）": "】", "：": "∶", "。": "．"}
        table |= {"，": " "}
        gap, sep = 0.05, "\n"
    out = []
    for a, b in zip(text, text[1:] + " ", strict=True):
        out.append(table.get(a, a))
        if CJK_RE.match(a) and CJK_RE.match(b) and rng.random() < gap:
            out.append(sep)
    result = "".join(out).strip()
    if result == text:  # nothing to change: break it once in the middle
        mid = len(text) // 2
        result = text[:mid] + sep + text[mid:]
    return result


def with_answer(item: Item, style: str, n: int) -> str:
    """The question, its options and the answer run together, as a study site posts them."""
    q, second, options, answer = item.main, item.second, item.options, item.answer
    if item.lang == "en":
        head = f"Q{n}. {q}" if style == "numbered" else q
        if second:
            head += "\n" + second
        opts = ("  " if style == "numbered" else " ").join(
            f"({k}) {v}" if style == "numbered" else f"{k}) {v}" for k, v in options
        )
        tail = f"Answer: {answer}" if style == "numbered" else f"Correct answer: {answer}"
        return "\n".join(p for p in (head, opts, tail) if p)
    if style == "numbered":
        head = f"{n}. {q}" + (f"\n{second}" if second else "")
        opts = "  ".join(f"{k}. {v}" for k, v in options)
        tail = f"答案：{answer}" if options or second else f"参考答案：{answer}"
        return "\n".join(p for p in (head, opts, tail) if p)
    if second:
        return f"【材料】{q}\n【问题】{second}\n【答案】{answer}"
    opts = "".join(f"（{k}）{v}" for k, v in options)
    return "\n".join(
        p for p in (f"【题目】{q}", opts, f"【答案】{answer}", "【解析】略。" if opts else "") if p
    )


def partial_span(item: Item, rng: random.Random) -> str | None:
    """A contiguous span of 25-60 characters (15-30 words) from a longer field of the item."""
    if item.lang == "en":
        fields = [t for t in item.texts() if len(t.split()) >= PARTIAL_WORDS[0] + 7]
        if not fields:
            return None
        ws = rng.choice(fields).split()
        k = rng.randint(PARTIAL_WORDS[0], min(PARTIAL_WORDS[1], len(ws) - 5))
        start = rng.randint(0, len(ws) - k)
        return " ".join(ws[start : start + k])
    fields = [t for t in item.texts() if n_cjk(t) >= PARTIAL_CJK[0] + 10]
    if not fields:
        return None
    text = rng.choice(fields)
    idx = [i for i, c in enumerate(text) if CJK_RE.match(c)]
    k = rng.randint(PARTIAL_CJK[0], min(PARTIAL_CJK[1], len(idx) - 8))
    start = rng.randint(0, len(idx) - k)
    return text[idx[start] : idx[start + k - 1] + 1]


def fragment(item: Item, rng: random.Random) -> str | None:
    """A short quote (6-12 characters, 4-8 words) from the item: below the threshold."""
    if item.lang == "en":
        fields = [t.split() for t in item.texts() if len(t.split()) >= FRAGMENT_WORDS[1]]
        if not fields:
            return None
        ws = rng.choice(fields)
        k = rng.randint(*FRAGMENT_WORDS)
        start = rng.randint(0, len(ws) - k)
        return " ".join(ws[start : start + k]).strip(",.?;:")
    clauses = [c for t in item.texts() for c in CLAUSE_RE.split(t)]
    whole = [c for c in clauses if FRAGMENT_CJK[0] <= n_cjk(c) and len(units(c)) <= MAX_CJK]
    if whole and rng.random() < 0.75:  # a whole clause or option, as people quote them
        return rng.choice(whole)
    fields = [t for t in item.texts() if n_cjk(t) >= FRAGMENT_CJK[0] + 2]
    if not fields:
        return None
    text = rng.choice(fields)
    idx = [i for i, c in enumerate(text) if CJK_RE.match(c)]
    k = rng.randint(FRAGMENT_CJK[0], min(FRAGMENT_CJK[1], len(idx)))
    # mostly from the start of a clause, as people quote; sometimes from anywhere
    starts = [j for j, i in enumerate(idx[: len(idx) - k + 1]) if i == 0 or not CJK_RE.match(text[i - 1])]
    start = rng.choice(starts) if rng.random() < 0.7 else rng.randint(0, len(idx) - k)
    frag = text[idx[start] : idx[start + k - 1] + 1]
    return frag if len(units(frag)) <= MAX_CJK and not re.search('[“”‘’"]', frag) else None


def eligible(item: Item, variant: str) -> bool:
    main = item.main
    if not item.long_enough(main):
        return False
    if variant == "partial":
        return partial_span(item, random.Random(0)) is not None
    if variant == "traditional":
        return item.lang == "zh" and sum(a != b for a, b in zip(main, to_trad(main), strict=True)) >= 2
    if variant == "fullwidth":
        return sum(c.isascii() and c.isalnum() for c in main) >= 3
    return True


# ---------------------------------------------------------------------------------------------
# Documents


class Builder:
    """Makes one split's documents from its text module, with one random stream."""

    def __init__(self, src, items: list[Item], seed: int) -> None:
        self.src, self.items = src, items
        self.rng = random.Random(seed)

    def genre(self, lang: str) -> dict:
        genres = self.src.GENRES_EN if lang == "en" else self.src.GENRES
        return genres[self.rng.choice(sorted(genres))]

    def doc(self, lang: str, topic: str, core: list[str], g: dict | None = None) -> str | None:
        """A web page of one genre around the core paragraphs, padded from the sentence banks."""
        rng, src = self.rng, self.src
        if lang == "en":
            names, bank, generic, joiner = src.TOPIC_NAMES_EN["english"], src.BANK_EN, [], " "
        else:
            names, bank, generic, joiner = src.TOPIC_NAMES[topic], src.BANK[topic], src.BANK["generic"], ""
        g = g or self.genre(lang)
        tn = rng.choice(names)
        title, opener, close = (self.fill(rng.choice(g[k]), tn) for k in ("title", "open", "close"))
        replies = rng.sample(g["replies"], rng.randint(1, 2)) if "replies" in g and rng.random() < 0.7 else []
        templates = src.TEMPLATES_EN if lang == "en" else src.TEMPLATES
        pool = [*bank, *rng.sample(generic, min(5, len(generic)))]
        pool += [self.fill(t, tn) for t in rng.sample(templates, min(len(templates), rng.randint(3, 8)))]
        target = int(rng.triangular(DOC_CHARS[0] + 30, DOC_CHARS[1] - 60, 600))
        if lang == "zh":  # long pages, and some others, also cover other subjects
            others = sorted(set(src.BANK) - {topic, "generic"})
            n_other = 2 if target > 900 else int(rng.random() < CROSS_TOPIC)
            for other in rng.sample(others, n_other):
                pool += rng.sample(src.BANK[other], 6)
        rng.shuffle(pool)
        before: list[list[str]] = [[]]
        after: list[list[str]] = [[]]

        def render() -> str:
            paras = [title, opener, *(joiner.join(p) for p in before if p), *core]
            paras += [*(joiner.join(p) for p in after if p), *replies, close]
            return "\n".join(paras)

        while len(render()) < target and pool:
            side = before if rng.random() < 0.55 else after
            if len(side[-1]) >= rng.randint(2, 4):
                side.append([])
            side[-1].append(pool.pop())
        while len(render()) > DOC_CHARS[1] and (before[-1] or after[-1]):
            (after if after[-1] else before)[-1].pop()
        text = render()
        return text if DOC_CHARS[0] <= len(text) <= DOC_CHARS[1] else None

    def fill(self, template: str, tn: str) -> str:
        rng = self.rng
        slots = {k: rng.choice(v) for k, v in self.src.SLOTS.items()}
        return template.format(
            tn=tn, n=rng.randint(6, 60), k=rng.randint(2, 9), score=rng.randint(52, 98), **slots
        )

    def doc_lang(self, item: Item) -> str:
        return "en" if item.lang == "en" and self.rng.random() < EN_DOC_SHARE else "zh"

    def leads(self, lang: str, key: str) -> list[str]:
        return getattr(self.src, key + ("_EN" if lang == "en" else ""))

    def planted(self, item: Item, variant: str, n: int) -> tuple[str, str] | None:
        """A document holding one passage of the item: (text, the passage as the item has it)."""
        rng, src = self.rng, self.src
        lang = "zh" if variant == "fullwidth" else self.doc_lang(item)
        span = check = item.main
        if variant == "partial":
            span = check = partial_span(item, rng)
            if lang == "zh" and item.lang == "zh" and rng.random() < 0.5:
                span = "……" + span + "……"
        elif variant == "fullwidth":
            span = to_full(span)
        elif variant == "punctuation":
            span = punctuate(span, src.PUNCT_STYLE, item.lang, rng)
        elif variant == "with_answer":
            span = with_answer(item, src.ANSWER_STYLE, n)
        g = self.genre(lang)
        lead, comment = rng.choice(g["lead"]), rng.choice(g["after"])
        glue = "\n" if lang == "en" or rng.random() < 0.5 else ""
        text = self.doc(lang, item.topic, [lead + glue + span, comment], g)
        if text is None:
            return None
        if variant == "traditional":
            text = to_trad(text)
        return text, check

    def clean(self, kind: str, item: Item | None) -> str | None:
        """A document with no run of the threshold's length from any item (a hard negative)."""
        rng, src = self.rng, self.src
        if item is None:  # a topic page, or a page that quotes the split's boilerplate
            topic = rng.choice([it.topic for it in self.items])
            lang = "en" if topic == "english" and rng.random() < EN_DOC_SHARE else "zh"
            core = []
            if kind == "boilerplate":
                phrases = src.BOILERPLATE_EN if lang == "en" else src.BOILERPLATE
                leads = rng.sample(self.leads(lang, "BOILER_LEADS"), 2)
                core = [lead.format(bp=bp) for lead, bp in zip(leads, rng.sample(phrases, 2), strict=True)]
            return self.doc(lang, topic, core)
        lang = "zh" if kind == "traditional" else self.doc_lang(item)
        core = []
        if item.para and (kind != "fragment" or rng.random() < 0.5):
            core.append(rng.choice(self.leads(lang, "PARA_LEADS")) + item.para)
        if kind != "paraphrase" or rng.random() < 0.4:
            for _ in range(rng.randint(1, 2)):
                frag = fragment(item, rng)
                if frag:
                    core.append(rng.choice(self.leads(lang, "FRAG_LEADS")).format(frag=frag))
        if rng.random() < 0.4:
            phrases = src.BOILERPLATE_EN if lang == "en" else src.BOILERPLATE
            core.append(rng.choice(self.leads(lang, "BOILER_LEADS")).format(bp=rng.choice(phrases)))
        if not core:
            return None
        rng.shuffle(core)
        text = self.doc(lang, item.topic, core)
        return to_trad(text) if text and kind == "traditional" else text


def build_split(split: str, index: dict, all_items: list[Item]) -> tuple[list[dict], list[dict]]:
    module, seed = SPLITS[split]
    src = load(module)
    items = [it for it in all_items if it.file == f"benchmark_{split}.jsonl"]
    b = Builder(src, items, seed)
    rng = b.rng
    docs: list[tuple[str, dict]] = []

    usage: Counter[str] = Counter()
    for variant in VARIANTS:
        for slot in range(PER_VARIANT):
            lang = "en" if slot < EN_PLANTED[variant] else "zh"
            pool = [it for it in items if it.lang == lang and eligible(it, variant)]
            rng.shuffle(pool)
            item = min(pool, key=lambda it: usage[it.ref])
            usage[item.ref] += 1
            for _attempt in range(50):
                made = b.planted(item, variant, rng.randint(1, 30))
                if made is None:
                    continue
                text, span = made
                if shared(index, text) == {(item.file, item.ref)} and contains(text, span):
                    break
            else:
                sys.exit(f"{split}: no planted {variant} document for {item.ref}")
            label = {"item": item.ref, "variant": variant, "file": item.file, "negative": None}
            docs.append((text, label))

    paraphrasable = [it for it in items if it.para]
    zh_items = [it for it in items if it.lang == "zh"]
    for kind, count in CLEAN_KINDS.items():
        choices = {"paraphrase": paraphrasable, "fragment": items, "traditional": zh_items}.get(kind)
        queue: list[Item] = []
        for _ in range(count):
            if choices and not queue:
                queue = rng.sample(choices, len(choices))
            item = queue.pop() if choices else None
            for _attempt in range(50):
                text = b.clean(kind, item)
                if text and not shared(index, text):
                    break
            else:
                sys.exit(f"{split}: no clean {kind} document for {item.ref if item else '-'}")
            docs.append((text, {"item": None, "variant": None, "file": None, "negative": kind}))

    rng.shuffle(docs)
    out_docs, out_labels = [], []
    for i, (text, label) in enumerate(docs, 1):
        doc_id = f"{split}-{i:04d}"
        out_docs.append({"id": doc_id, "text": text})
        out_labels.append({"doc": doc_id, **label})
    return out_docs, out_labels


def shared(index: dict, text: str) -> set[tuple[str, str]]:
    """The items with which the text shares a run over the clean limit."""
    found: set[tuple[str, str]] = set()
    for run in runs(text):
        found |= index.get(run, set())
    return found


def build_index(items: list[Item]) -> dict:
    index: dict = {}
    for it in items:
        for run in runs(item_text(it.record)):
            index.setdefault(run, set()).add((it.file, it.ref))
    return index


# ---------------------------------------------------------------------------------------------
# Writing and checking


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def check_sources(items: list[Item]) -> list[str]:
    """The hand-written text breaks no rule: unique ids, no item shares a run with another,
    and no template, bank sentence or paraphrase shares a run with any item."""
    errors = []
    refs = Counter((it.file, it.ref) for it in items)
    errors += [f"duplicate id {r}" for r, n in refs.items() if n > 1]
    errors += [f"{it.ref}: not one id field" for it in items if sum(k in it.record for k in ID_KEYS) != 1]
    index = build_index(items)
    for it in items:
        others = shared(index, item_text(it.record)) - {(it.file, it.ref)}
        errors += [f"{it.ref} shares a run with {o[1]}" for o in others]
    for split, (module, _) in SPLITS.items():
        src = load(module)
        texts = [it.para for it in items if it.para and it.file.endswith(f"_{split}.jsonl")]
        texts += [s for bank in src.BANK.values() for s in bank] + src.BANK_EN
        for genres in (src.GENRES, src.GENRES_EN):
            texts += [s for g in genres.values() for lines in g.values() for s in lines]
        texts += src.TEMPLATES + src.TEMPLATES_EN + [s for v in src.SLOTS.values() for s in v]
        for key in ("PARA_LEADS", "FRAG_LEADS", "BOILER_LEADS"):
            texts += getattr(src, key) + getattr(src, key + "_EN")
        for text in texts:
            if hit := shared(index, text):
                errors.append(f"{split}: {text[:30]!r} shares a run with {sorted(hit)}")
    return errors


def verify() -> list[str]:
    """Re-read the written files and check every label against the benchmark files."""
    errors = []
    items = []
    for split in SPLITS:
        name = f"benchmark_{split}.jsonl"
        items += [
            Item(name, "english" if n_cjk(item_text(r)) < 5 else "zh", "", r) for r in read_jsonl(HERE / name)
        ]
    index = build_index(items)
    by_ref = {(it.file, it.ref): it for it in items}
    long_runs = {}
    for it in items:
        n = MIN_WORDS if it.lang == "en" else MIN_CJK
        long_runs[(it.file, it.ref)] = runs(item_text(it.record), cjk=n, word=n)
    for split in SPLITS:
        docs = read_jsonl(HERE / f"docs_{split}.jsonl")
        labels = read_jsonl(HERE / f"labels_{split}.jsonl")
        if [d["id"] for d in docs] != [lab["doc"] for lab in labels]:
            errors.append(f"{split}: documents and labels out of step")
        for doc, lab in zip(docs, labels, strict=True):
            text, hit = doc["text"], shared(index, doc["text"])
            if not DOC_CHARS[0] <= len(text) <= DOC_CHARS[1]:
                errors.append(f"{doc['id']}: {len(text)} characters")
            if lab["item"] is None:
                if hit:
                    errors.append(f"{doc['id']}: clean but shares a run with {sorted(hit)}")
                continue
            ref = (lab["file"], lab["item"])
            item = by_ref[ref]
            if hit != {ref}:
                errors.append(f"{doc['id']}: planted from {ref} but shares runs with {sorted(hit)}")
            n = MIN_WORDS if item.lang == "en" else MIN_CJK
            if not runs(text, cjk=n, word=n) & long_runs[ref]:
                errors.append(f"{doc['id']}: no run of {n} from {ref}")
            if lab["variant"] == "exact" and item.main not in text:
                errors.append(f"{doc['id']}: exact, but the item's text is not in it verbatim")
    return errors


def main() -> int:
    items = []
    for split, (module, _) in SPLITS.items():
        src = load(module)
        items += [Item(f"benchmark_{split}.jsonl", topic, para, rec) for topic, para, rec in src.ITEMS]
    if errors := check_sources(items):
        print("\n".join(errors))
        return 1
    index = build_index(items)
    fields = {}
    summary = []
    for split in SPLITS:
        name = f"benchmark_{split}.jsonl"
        mine = [it for it in items if it.file == name]
        write_jsonl(HERE / name, [it.record for it in mine])
        schemes = Counter((tuple(it.record), it.id_key) for it in mine)
        fields[name] = [{"fields": list(k), "id_field": idk, "items": n} for (k, idk), n in schemes.items()]
        docs, labels = build_split(split, index, items)
        write_jsonl(HERE / f"docs_{split}.jsonl", docs)
        write_jsonl(HERE / f"labels_{split}.jsonl", labels)
        kinds = Counter(lab["variant"] or f"clean/{lab['negative']}" for lab in labels)
        summary.append(
            f"{split}: {len(mine)} items ({sum(it.lang == 'en' for it in mine)} English), "
            f"{len(docs)} documents: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        )
    (HERE / "benchmark_fields.json").write_text(
        json.dumps(fields, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    if errors := verify():
        print("\n".join(errors))
        return 1
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
