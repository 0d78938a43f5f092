"""Consistency check for docs.jsonl: gold must be derivable from raw by deleting
whole lines and stripping a glued watermark token (5-12 ASCII alphanumerics,
at the start or end of a line, optionally separated by one space)."""
import json, re, sys
from collections import Counter
from pathlib import Path

CLASSES = {'watermark', 'share', 'copyright', 'blog_chrome', 'related_tail', 'repeated', 'spun'}
LANGS = {'zh', 'zh-Hant', 'en'}

END = re.compile(r'^ ?[A-Za-z0-9]{5,12}$')
START = re.compile(r'^[A-Za-z0-9]{5,12} ?$')

def match(raw_line, gold_line):
    """Return None if no match, '' for an exact match, else the stripped token."""
    if raw_line == gold_line:
        return ''
    if gold_line and raw_line.startswith(gold_line) and END.match(raw_line[len(gold_line):]):
        return raw_line[len(gold_line):].strip()
    if gold_line and raw_line.endswith(gold_line) and START.match(raw_line[:-len(gold_line)]):
        return raw_line[:-len(gold_line)].strip()
    return None

def check(path):
    errors, warns = [], []
    docs = [json.loads(l) for l in Path(path).read_text(encoding='utf-8').splitlines() if l.strip()]
    seen = set()
    for d in docs:
        i = d['id']
        if i in seen: errors.append(f'{i}: duplicate id')
        seen.add(i)
        if set(d) != {'id', 'lang', 'classes', 'raw', 'gold'}: errors.append(f'{i}: bad keys {sorted(d)}')
        if d['lang'] not in LANGS: errors.append(f'{i}: bad lang {d["lang"]}')
        bad = set(d['classes']) - CLASSES
        if bad: errors.append(f'{i}: unknown classes {bad}')
        raw, gold = d['raw'].split('\n'), d['gold'].split('\n')
        j, toks, used = 0, set(), set()
        for g in gold:
            while j < len(raw) and match(raw[j], g) is None:
                j += 1
            if j == len(raw):
                errors.append(f'{i}: gold line not found in order: {g[:40]!r}')
                break
            t = match(raw[j], g)
            if t: toks.add(t)
            used.add(j); j += 1
        if len(toks) > 1: errors.append(f'{i}: more than one stripped token {toks}')
        if bool(toks) != ('watermark' in d['classes']):
            errors.append(f'{i}: watermark label {"watermark" in d["classes"]} but stripped tokens {toks}')
        deleted = [raw[k] for k in range(len(raw)) if k not in used]
        if not deleted and set(d['classes']) - {'watermark', 'spun'}:
            errors.append(f'{i}: line-level classes given but nothing deleted')
        if deleted and not d['classes'] and any(x.strip() for x in deleted):
            errors.append(f'{i}: lines deleted but no classes')
        for x in deleted:
            if x in gold: warns.append(f'{i}: deleted line identical to a kept line: {x[:40]!r}')
        paras = [g for g in gold if len(g) >= 40]
        if not 3 <= len(paras) <= 12: warns.append(f'{i}: {len(paras)} paragraphs of >=40 chars')
        if max(len(g) for g in gold) > 300: warns.append(f'{i}: a gold line longer than 300 chars')
    return docs, errors, warns

if __name__ == '__main__':
    p = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name('docs.jsonl'))
    docs, errors, warns = check(p)
    cls = Counter(c for d in docs for c in d['classes'])
    print(f'{len(docs)} documents')
    print('languages:', dict(Counter(d['lang'] for d in docs)))
    print('classes:', dict(sorted(cls.items())), '| no boilerplate:', sum(not d['classes'] for d in docs))
    for w in warns: print('WARN', w)
    for e in errors: print('ERROR', e)
    print('OK' if not errors else f'{len(errors)} errors')
    sys.exit(1 if errors else 0)
