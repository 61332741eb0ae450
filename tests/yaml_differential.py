#!/usr/bin/python3
"""yaml_differential.py - proves that figscope's YAML reader loads front matter like PyYAML.

Usage:
    /usr/bin/python3 tests/yaml_differential.py BUILD/bin/yaml_dump DIR_OR_FILE... [options]
        --seed N       random seed of the generated part (default 20240611)
        --count N      generated documents (default 3000; as many mutated ones again)
        --pure         also note where PyYAML's pure-Python SafeLoader disagrees with CSafeLoader
        --keep DIR     write every failing document to DIR for reproduction

The reference is yaml.load(text, Loader=yaml.CSafeLoader) on exactly the front-matter text
yaml_dump parses (the lines between a first line '---' and the next '---' or '...' line).
  (a) every real record (*.md, *.txt) under the given paths;
  (b) generated records dumped by yaml.dump under varied options, hand-written tricky
      snippets, and random mutations of generated records (most of which PyYAML rejects).
Verdict per document:
  pass         same value, or both rejected it
  unsupported  PyYAML loaded it but yaml_dump reported an Error - allowed, counted, listed
  FAIL         the values differ, or yaml_dump loaded what PyYAML rejects
Exit status 0 only if nothing failed. The last line reads
    yaml-differential: N passed, F failed
where N counts every compared document that did not fail (unsupported included).
"""
import argparse
import collections
import copy
import datetime
import json
import math
import os
import random
import subprocess
import sys
import tempfile

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1

# ----------------------------------------------------------------------------------------
# Front matter: the same split as tools/yaml_dump.cpp, on bytes.
# ----------------------------------------------------------------------------------------

def _line_is(line, want):
    if line.endswith(b'\r'):
        line = line[:-1]
    return line == want


def split_front_matter(data):
    """The front-matter bytes, or None if the file has none."""
    pos = 3 if data.startswith(b'\xef\xbb\xbf') else 0
    eol = data.find(b'\n', pos)
    if eol < 0 or not _line_is(data[pos:eol], b'---'):
        return None
    start = b = eol + 1
    while b < len(data):
        e = data.find(b'\n', b)
        if e < 0:
            e = len(data)
        if _line_is(data[b:e], b'---') or _line_is(data[b:e], b'...'):
            return data[start:b]
        b = e + 1
    return None


def pyyaml_load(fm, loader=yaml.CSafeLoader):
    """('ok', value) or ('error', message)."""
    try:
        text = fm.decode('utf-8')
    except UnicodeDecodeError as e:
        return ('error', 'not UTF-8: %s' % e)
    try:
        return ('ok', yaml.load(text, Loader=loader))
    except Exception as e:  # yaml.YAMLError, ValueError from datetime, ...
        return ('error', '%s: %s' % (type(e).__name__, str(e).replace('\n', ' ')[:160]))


# ----------------------------------------------------------------------------------------
# Running yaml_dump
# ----------------------------------------------------------------------------------------

def run_dump(dump, paths, raw=False):
    """{path: record} for yaml_dump's JSON lines (raw: whole files are YAML)."""
    out = {}
    for i in range(0, len(paths), 500):
        chunk = paths[i:i + 500]
        proc = subprocess.run([dump] + (['--raw'] if raw else []) + chunk, stdout=subprocess.PIPE, check=True)
        for line in proc.stdout.decode('utf-8').split('\n'):
            if not line:
                continue
            rec = json.loads(line)
            if not rec['ok'] and rec['error'] == 'cannot read the file':
                # An unreadable input would only count as "unsupported": stop instead.
                sys.exit('yaml-differential: yaml_dump cannot read %s (does it support --raw?)' % rec['path'])
            out[rec['path']] = rec
    return out


# ----------------------------------------------------------------------------------------
# Comparing a yaml_dump tree with a PyYAML value
# ----------------------------------------------------------------------------------------

_constructor = SafeConstructor()


def _timestamp(text):
    return _constructor.construct_yaml_timestamp(ScalarNode('tag:yaml.org,2002:timestamp', text))


def _tagged(ours):
    if isinstance(ours, dict) and len(ours) == 1:
        (k, v), = ours.items()
        if k in ('!!float', '!!int', '!!timestamp') and isinstance(v, str):
            return k, v
    return None, None


def _show(v):
    s = repr(v)
    return s if len(s) <= 120 else s[:117] + '...'


def compare(ours, theirs, path, diffs):
    """Appends (key path, ours, theirs) for every difference; types must match exactly."""
    where = path or '<root>'
    tag, text = _tagged(ours)
    if isinstance(theirs, bool):
        if not (isinstance(ours, bool) and ours == theirs):
            diffs.append((where, ours, theirs))
    elif theirs is None:
        if ours is not None:
            diffs.append((where, ours, theirs))
    elif isinstance(theirs, int):
        if tag == '!!int':
            # Beyond int64: yaml_dump hands back the text; it must denote the same number.
            ok = not (INT64_MIN <= theirs <= INT64_MAX) and \
                _constructor.construct_yaml_int(ScalarNode('tag:yaml.org,2002:int', text)) == theirs
        else:
            ok = isinstance(ours, int) and not isinstance(ours, bool) and ours == theirs
        if not ok:
            diffs.append((where, ours, theirs))
    elif isinstance(theirs, float):
        ok = False
        if tag == '!!float':
            mine = float(text)
            ok = (math.isnan(mine) and math.isnan(theirs)) or repr(mine) == repr(theirs)
        if not ok:
            diffs.append((where, ours, theirs))
    elif isinstance(theirs, (datetime.date, datetime.datetime)):
        ok = False
        if tag == '!!timestamp':
            mine = _timestamp(text)
            ok = type(mine) is type(theirs) and mine == theirs and \
                getattr(mine, 'tzinfo', None) == getattr(theirs, 'tzinfo', None)
        if not ok:
            diffs.append((where, ours, theirs))
    elif isinstance(theirs, str):
        if not (isinstance(ours, str) and ours == theirs):
            diffs.append((where, ours, theirs))
    elif isinstance(theirs, list):
        if not isinstance(ours, list) or tag:
            diffs.append((where, ours, theirs))
        elif len(ours) != len(theirs):
            diffs.append((where + ' (length)', len(ours), len(theirs)))
        else:
            for i, (a, b) in enumerate(zip(ours, theirs)):
                compare(a, b, '%s[%d]' % (path, i), diffs)
    elif isinstance(theirs, dict):
        if not isinstance(ours, dict) or (tag and not (len(theirs) == 1 and tag in theirs)):
            diffs.append((where, ours, theirs))
            return
        for k in theirs:
            if not isinstance(k, str):
                diffs.append(('%s.%r (non-string key)' % (path, k), None, theirs[k]))
            elif k not in ours:
                diffs.append(('%s.%s' % (path, k), '<missing>', theirs[k]))
            else:
                compare(ours[k], theirs[k], '%s.%s' % (path, k), diffs)
        for k in ours:
            if k not in theirs:
                diffs.append(('%s.%s' % (path, k), ours[k], '<missing>'))
    else:
        diffs.append((where + ' (unexpected PyYAML type %s)' % type(theirs).__name__, ours, theirs))


class Tally:
    def __init__(self, name):
        self.name = name
        self.passed = self.same = self.both_rejected = self.unsupported = self.failed = 0
        self.unsupported_reasons = collections.Counter()
        self.pure_disagreements = 0

    def line(self):
        return ('%-10s %5d compared: %5d same value, %4d rejected by both, %4d unsupported, %d failed'
                % (self.name, self.passed + self.failed, self.same, self.both_rejected,
                   self.unsupported, self.failed))


def judge(label, fm, rec, tally, args, doc_for_report=None):
    """Compares one document; prints failures."""
    theirs = pyyaml_load(fm)
    if args.pure:
        pure = pyyaml_load(fm, yaml.SafeLoader)
        if (pure[0] != theirs[0]) or (pure[0] == 'ok' and pure[1] != theirs[1]):
            tally.pure_disagreements += 1
    problems = []
    if rec is None:
        problems.append(('<yaml_dump>', 'no output', ''))
    elif theirs[0] == 'error':
        if rec['ok']:
            problems.append(('<root>', 'loaded: ' + _show(rec['value']), 'rejected: ' + theirs[1]))
        else:
            tally.both_rejected += 1
    elif not rec['ok']:
        tally.unsupported += 1
        msg = rec['error']
        tally.unsupported_reasons[msg if len(msg) < 90 else msg[:87] + '...'] += 1
    else:
        diffs = []
        compare(rec['value'], theirs[1], '', diffs)
        problems.extend(diffs)
        if not diffs:
            tally.same += 1
    if problems:
        tally.failed += 1
        for where, a, b in problems[:10]:
            print('FAIL %s %s: yaml_dump=%s pyyaml=%s' % (label, where, _show(a), _show(b)))
        if doc_for_report is not None and tally.failed <= 20:
            print('     document: %s' % _show(doc_for_report)[:600])
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            with open(os.path.join(args.keep, '%s-%d.yaml' % (tally.name, tally.failed)), 'wb') as f:
                f.write(fm)
    else:
        tally.passed += 1


# ----------------------------------------------------------------------------------------
# (a) Real records
# ----------------------------------------------------------------------------------------

def real_records(dump, roots, args):
    tally = Tally('real')
    paths = []
    for root in roots:
        if os.path.isdir(root):
            for d, _, files in os.walk(root):
                paths += [os.path.join(d, f) for f in sorted(files) if f.endswith(('.md', '.txt'))]
        else:
            paths.append(root)
    paths.sort()
    recs = run_dump(dump, paths)
    for p in paths:
        with open(p, 'rb') as f:
            fm = split_front_matter(f.read())
        if fm is None:
            print('note: %s has no front matter, skipped' % p)
            continue
        judge(p, fm, recs.get(p), tally, args)
    return tally


# ----------------------------------------------------------------------------------------
# (b) Generated documents
# ----------------------------------------------------------------------------------------

WORDS = ['JAK', 'STAT3', 'pathway', 'Homo sapiens', 'IFN-γ', 'NF-κB', 'signaling', 'receptor',
         'Cell', 'the', 'of', 'and', 'PMC6334985__mv-v24-875-f7', 'Büschgens', 'α', 'β',
         'Привет', 'мир', '①②③', '🧬', '😀', 'x' * 70, 'supercalifragilisticexpialidocious' * 3,
         'https://schema.org/', '/pmc/articles/PMC1/figure/F1/', 'P < 4.28E-08', '(a)', 'B:', 'C;']
TRICKY = ["it's", "''", 'say "hi"', 'back\\slash', '\\"', ': ', ' #', '#', '# of molecules', '- ',
          '-', '? ', ':', '[x]', '{y}', '&a', '*b', '!t', '%p', '@x', '`y`', '|', '>', ',', '---',
          '...', ' ', '  ', '\t', '\n', '\n\n', ' \n ', 'a: b', 'k: v # c', '\\n', '\u00a0',
          '\ufeff', '\x07', '\x1b', '\x00', '\x7f', '\ud7ff', '\ue000', '\U0001f600',
          '\u200b', 'é', 'e\u0301']
# Line breaks YAML 1.1 knows beyond \n (yaml_dump rejects them): rare, so most documents compare.
RARE = ['\u2028', '\u2029', '\x85', '\r']
VALUES = ['On', 'on', 'ON', 'oN', 'NA', '.na.character', '1e3', '1.0e+3', '1.0e3', '0o7', '017', '08',
          '1_000', '0b101', '0b_', '0x1F', '0x_', '1:30', '190:20:30.15', '-1:30', '.5', '-.5', '3.',
          '-0', '+12', '.inf', '-.Inf', '.NaN', '+.nan', '2001-12-14', '2001-1-4', '2001-13-14',
          '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43 +25',
          '~', 'null', 'Null', 'NULL', 'nULL', '', 'yes', 'No', 'TRUE', 'False', 'y', 'n', '=', '<<',
          '1_2.3_4', '12:60', '1.2.3', '0.9404449', '-0.0', '1e+400', '9223372036854775808',
          '-9223372036854775809', '0x7fffffffffffffff', '2025', "'2025'"]
KEYS = ['figid', 'caption', 'organisms', 'genes', '@context', '@id', 'schema-jsonld', 'a b', "k'q",
        'k"q', 'x:y', 'x: y', 'yes', 'on', '1', '1.5', 'null', '~', ' lead', 'trail ', '#hash',
        '- dash', 'é', 'Привет', '🧬', '=', '<<', 'k' * 90, 'seo', '2001-12-14', '.inf', 'a\tb']


def rand_text(rng):
    n = rng.choice([0, 1, 1, 2, 3, 5, 8, 20, 40])
    parts = []
    for _ in range(n):
        r = rng.random()
        if r < 0.01:
            parts.append(rng.choice(RARE))
        elif r < 0.55:
            parts.append(rng.choice(WORDS))
        elif r < 0.85:
            parts.append(rng.choice(TRICKY))
        else:
            parts.append(rng.choice(VALUES))
    sep = rng.choice([' ', ' ', '', '\n', ' - '])
    s = sep.join(parts)
    if rng.random() < 0.1:
        s = ' ' * rng.randint(1, 3) + s
    if rng.random() < 0.1:
        s = s + ' ' * rng.randint(1, 3)
    return s


def rand_scalar(rng):
    r = rng.random()
    if r < 0.45:
        return rand_text(rng)
    if r < 0.65:
        return rng.choice(VALUES)
    if r < 0.72:
        return rng.choice([0, 1, -1, 2025, 10 ** 20, -(10 ** 19), rng.randint(-10 ** 6, 10 ** 6)])
    if r < 0.80:
        return rng.choice([0.0, -0.0, 0.5, 1e300, 1e-300, 5e-324, float('inf'), float('-inf'),
                           float('nan'), 0.9404449, rng.uniform(-1e6, 1e6), 1e16, 123456789.125])
    if r < 0.86:
        return rng.choice([True, False, None])
    if r < 0.93:
        return datetime.date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28))
    tz = rng.choice([None, datetime.timezone.utc,
                     datetime.timezone(datetime.timedelta(hours=rng.randint(-12, 12), minutes=rng.choice([0, 30])))])
    return datetime.datetime(rng.randint(1900, 2100), rng.randint(1, 12), rng.randint(1, 28),
                             rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                             rng.choice([0, 100000, 123456]), tzinfo=tz)


def rand_value(rng, depth):
    r = rng.random()
    if depth < 3 and r < 0.15:
        return rand_mapping(rng, depth + 1)
    if depth < 3 and r < 0.30:
        items = [rand_value(rng, depth + 1) for _ in range(rng.choice([0, 1, 2, 3, 6]))]
        if items and rng.random() < 0.2:
            # duplicates inside lists; a shared object (not a copy) makes the dumper write an anchor
            items.append(items[0] if rng.random() < 0.1 else copy.deepcopy(items[0]))
        return items
    return rand_scalar(rng)


def rand_key(rng):
    r = rng.random()
    if r < 0.7:
        return rng.choice(KEYS)
    if r < 0.98:  # one line and short, so the dumper writes a simple key
        return rand_text(rng).replace('\n', ' ')[:30].strip() or 'k'
    return rand_text(rng)[:200]  # '' or multi-line or long: PyYAML writes '? key' (unsupported)


def rand_mapping(rng, depth):
    m = {}
    for _ in range(rng.choice([0, 1, 2, 4, 8])):
        m[rand_key(rng)] = rand_value(rng, depth)
    return m


def stringify(v):
    """Non-string scalars as text: with a default_style, the dumper would add tags otherwise."""
    if isinstance(v, dict):
        return {k: stringify(x) for k, x in v.items()}
    if isinstance(v, list):
        return [stringify(x) for x in v]
    return v if isinstance(v, str) else str(v)


def rand_record(rng):
    """Shaped like a PFOCR record: a flat mapping of strings plus a few lists and mappings."""
    rec = {'figid': 'PMC%d__%s' % (rng.randint(1, 10 ** 7), rand_text(rng)[:20]),
           'figtitle': rand_text(rng), 'organisms': [rng.choice(['Homo sapiens', 'NA', 'Mus musculus'])
                                                    for _ in range(rng.randint(0, 3))],
           'caption': rand_text(rng) + ' ' + rand_text(rng), 'year': rng.choice(['2020', 2020, '2025']),
           'automl_pathway': rng.random(), 'ndex': rng.choice(['', None, '54565416-de8d-11ea']),
           'doi': rng.choice(['.na.character', '10.1186/s12964-025-02313-w'])}
    rec.update(rand_mapping(rng, 1))
    if rng.random() < 0.5:
        rec['genes'] = [{'word': rand_text(rng)[:10], 'symbol': rng.choice(VALUES + WORDS),
                         'entrez': str(rng.randint(1, 99999))} for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.5:
        rec['schema-jsonld'] = {'@context': 'https://schema.org/', 'description': rand_text(rng),
                                'keywords': [rng.choice(WORDS) for _ in range(rng.randint(0, 5))]}
    return rec


def dump_record(rng, rec):
    opts = dict(default_flow_style=rng.choice([False, False, False, None]),
                width=rng.randint(20, 120), allow_unicode=rng.random() < 0.5,
                indent=rng.choice([2, 2, 4]), sort_keys=rng.random() < 0.5)
    style = rng.choice([None, None, None, None, '"', "'", '|'])
    if style is not None:
        opts['default_style'] = style
        if rng.random() < 0.9:
            rec = stringify(rec)
    return yaml.dump(rec, Dumper=yaml.SafeDumper, **opts)


# Hand-written documents: every block-scalar chomping/indentation form, folding edge cases,
# comments, quoting, flow collections, and things we must reject.
SNIPPETS = [
    'a: |\n  x\n  y\n\nb: |-\n  x\n\nc: |+\n  x\n\n\nd: >\n  a\n  b\n\n  c\n   d\n  e\n',
    'a: >-\n  one\n  two\n\n\n  three\nb: >+\n  keep\n\n',
    'a: |2\n    x\n   y\nb: >1\n  z\n',
    'a: |-2\n   x\nb: |+1\n  y\n\n',
    'a: >\n  x\n\n   y\n  z\n',
    'a: >\n\n  x\n',
    'a: |\n\n   x\n',
    'a: |\n   \n  x\n',
    'a: |\n  x\n   # not a comment\n  # neither\nb: 1\n',
    'a: | # comment\n  x\n',
    'a: |\nb: 1\n',
    'a: |+\n\nb: 1\n',
    '- |\n x\n- >-\n  y\n',
    'a: |0\n  x\n',
    'a: |10\n  x\n',
    'a: b\n\n  c\n\n\n  d\n',
    'a: b  \n  c  \n',
    'a: b\n  \n  c\n',
    'a: foo\n  # comment\n',
    'a: foo\n  # comment\n  bar\n',
    'a: foo #bar\nb: foo#bar\n',
    'caption: The networks are: (A) retina; # of molecules: 99\n',
    'caption: The networks are (A) retina;\n  # of molecules: 99\n',
    "a: 'x\n  y\n\n  z'\n",
    "a: 'it''s ''q'''\n",
    "a: 'x  \n   \n\n  y  '\n",
    'a: "\\x41\\u00e9\\U0001F600\\e\\0\\a\\b\\t\\n\\v\\f\\r\\ \\"\\/\\\\\\N\\_\\L\\P"\n',
    'a: "ab \\\n  cd"\nb: "ab\\\n\n  cd"\n',
    'a: "ab   \n   cd  \n  \n    ef"\n',
    'a: "\\q"\n', 'a: "\\x4"\n', 'a: "\\ud800"\n', "a: \"\\'\"\n",
    'a: "unclosed\n', "a: 'unclosed\n",
    'key:\n- a\n  b\n- c\n', '- a\n b\n', 'a:\n  b\n c\n', 'a: b\n  c:d\n',
    'a: "x\ny"\n', "a:\n  b: 'x\ny'\n  c: 1\n",
    'a: b: c\n', "a: 'b': c\n", 'a: - b\n', 'a: foo\tbar\n', 'a:\tb\n', 'a: =\n', 'a: <<\n',
    '<<: {b: 1}\n', '1: a\n', 'a: 2001-13-45\n', 'a: 0b_\n', '\ufeffa: 1\nb: 2\n', 'a: 1\n...\n',
    'a: 1\n...\nb: 2\n', '- a: b\n  c: d\n- - x\n  - y\n', '- - a: b\n    c: d\n',
    'a:\n   - x\n   - y\n', 'a:\n  - x\n - y\n', 'a:\n- x\n-   y\n-\n- z\nb: 1\n',
    'a:\n  b: 1\n   c: 2\n', 'a:\n  b: 1\n c: 2\n', 'a: [x,\n  y]\n', 'a: [x, y\n  z]\n',
    'a: [x, \'y\n  z\', "w"]\n', 'a: [a: 1]\n', 'a: {a, b: c}\n', 'a: {"a":1}\n', 'a: [x?y, z]\n',
    'a: [x#y, z]\n', 'a: [x, , y]\n', 'a: [x, y, ]\n', 'a: {x: , y: 1}\n', 'a: [-x]\n',
    'a: [- x]\n', '- \n', '-\n', 'a: -\n', 'a: ---\n', '? a\n: b\n', 'a: !!str 1\n', 'a: &x 1\n',
    'a: *x\n', 'a: "x" \n  # c\n', '"a\n b": c\n', "a: 'x'# c\n", 'a: [x]# c\n', 'a: foo\n  - bar\n',
    '- a: b\n   c\n', '- a: b\n  c\n', 'a  : b\n', "'a' : b\n", 'a: []\nb: {}\nc: [ ]\n',
    'organisms:\n- Homo sapiens\n- NA\nannotations: []\n', 'a: x\n\n\n', '# only a comment\n', '',
    'a: 1\n# c\nb: 2\n', 'a: 1 # c\n', 'a:    # c\n  b\n', 'a: # c\n- x\n', 'a:\n\n  b: 1\n',
    'x: 1e3\ny: 1.0e+3\nz: 0o7\nw: 1_000\nv: ~\nu: .inf\nt: On\ns: .na.character\n',
    'a: 1:30\nb: 190:20:30.15\nc: 0x1F\nd: 017\ne: 08\nf: 2001-12-14t21:59:43.10-05:00\n',
    'a: 2001-12-14 21:59:43.10 -5\nb: 2001-12-14 21:59:43.10 +24\nc: 2000-02-29\nd: 1900-02-29\n',
    'a: -.5\nb: .5\nc: 3.\nd: -0\ne: +12\nf: 1.0e5\ng: -.inf\nh: .NaN\ni: +.nan\n',
    'a: yes\nb: No\nc: oN\nd: y\ne: n\nf: TRUE\ng: fAlse\nh: NULL\ni: nULL\n',
    'a: 9223372036854775807\nb: 9223372036854775808\nc: -9223372036854775808\nd: 1:0:0:0:0:0:0:0:0:0:0:0\n',
    'k' * 1024 + ': v\n', 'k' * 1025 + ': v\n', 'é' * 1024 + ': v\n', 'é' * 1025 + ': v\n',
    'a:\n  - b\n  -\n    c: d\n', '-\n  a: 1\n  b: |\n   x\n', 'a: |\n  x\n b: 1\n',
    'a: "x\n---\ny"\n', 'a: b\n%x\n', '%YAML 1.1\n', 'a: @x\n', 'a: `x`\n', 'a: ,\n', 'a: ]\n',
    'a: b\r\nc: d\r\n', 'a: "x\r\n  y"\r\n', 'a: b\rc: d\n', 'a: \u2028\n', 'a: x\u2028y\n',
    'a: x\ufeffy\n', 'a: 1\n\ufeffb: 2\n', 'a: \x07\n', 'a: "\x07"\n', '  a: 1\n  b: 2\n',
    '  a: 1\nb: 2\n', 'a:\n    b: 1\n  c: 2\n', '- a\n- b: c\n  d\n', 'a: b #c\n  d\n',
    'a: "\\\n"\n', 'a: "x\\\n  \\ y"\n', 'a: \'\'\n', 'a: ""\n', "a: ' '\n", 'a: -x\nb: ?x\nc: :x\n',
    'a: x:\n', 'a: x :y\n', 'a: x : y\n', 'a: http://x.org/a#b\n', 'a: a,b\nc: "[x]"\n',
    'a:\n  b:\n  - x\n...\n', '...\n', 'x\n...\n', '--- \na: 1\n', 'a: 1\n---\nb: 2\n', 'a: 1\n... # c\n',
    'a: 1\n...\n...\n', 'a: |\n  x\n...\n', 'a: "x\n...\n"', 'a: x', 'a: |\n  x', 'a: |+\n  x\n\n', 'a: "x',
    '- a\n- b', 'x\n---\n', 'a: 1\n---', '---', '...', 'a: [x', 'a: x\n  y', "a: 'x\n\n  y'",
]


# Hand-shaped YAML text (not from yaml.dump): random indentation, comments, blank lines,
# block-scalar headers, folded continuation lines, quoting and flow collections. Mostly valid;
# the random edges (a continuation at the parent's column, a stray ': ') probe the scanner.
PLAIN_WORDS = ['alpha', 'JAK-STAT', 'é', 'Привет', '🧬', 'a:b', 'x#y', '-x', '?x', ':x', 'http://x.org/#f',
               '1e3', '1.0e+3', 'On', 'off', '~', 'null', '0x1F', '017', '1:30', '2001-12-14', '.inf', '.nan',
               '-', '--', "it's", 'say"hi"', '\\', '%', 'a,b', '[x', 'x]', '{y}', '*', '&', '!', '|', '>',
               'a: b', ' #c', '- y', '? z', 'w:']


def _plain_words(rng, n):
    words = [rng.choice(PLAIN_WORDS[:-6] if rng.random() < 0.95 else PLAIN_WORDS) for _ in range(n)]
    return (' ' * rng.choice([1, 1, 1, 2])).join(words)


def _blank(rng):
    return ' ' * rng.choice([0, 0, 0, 1, 2, 5])


def _comment(rng):
    return rng.choice(['', '', '', ' # note', '  #x', ' #: y'])


def _key(rng):
    r = rng.random()
    if r < 0.7:
        return rng.choice(['a', 'b', 'caption', 'k-1', '@id', 'x y', 'é', 'a:b', 'dup', 'dup'])
    if r < 0.85:
        return "'" + rng.choice(['@context', "it''s", 'a: b', '', ' sp ']) + "'"
    return '"' + rng.choice(['@type', 'q\\"q', '\\u00e9', 'tab\\t', '']) + '"'


def _scalar_lines(rng, col, parent):
    """A scalar that starts after 'key: ' or '- ' (first line) and may continue below."""
    r = rng.random()
    cont = parent + rng.choice([1, 1, 2, 3, 0]) if rng.random() < 0.97 else max(parent, 0)
    if r < 0.35:  # plain, maybe folded over lines with blank lines between
        first = _plain_words(rng, rng.randint(1, 4)) + rng.choice(['', '', ' ', '  '])
        lines = [first + _comment(rng) if rng.random() < 0.3 else first]
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            for _ in range(rng.choice([0, 0, 0, 1, 2])):
                lines.append(_blank(rng))
            lines.append(' ' * max(cont, 0) + _plain_words(rng, rng.randint(1, 3)) + rng.choice(['', '', ' ']))
        return lines
    if r < 0.55:  # quoted, maybe over lines
        q = rng.choice(["'", '"'])
        pieces = [rng.choice(["it''s", 'x', ' y ', 'é', '#', ': ', '- ', '\\\\', '\\n', '\\x41',
                              '\\u00e9', '\\t', '\\', '\\ ', '"', "'"]) for _ in range(rng.randint(0, 4))]
        if q == "'":
            pieces = [p.replace("'", "''") if p != "it''s" else p for p in pieces]
        else:
            pieces = [p.replace('"', '\\"') if p not in ('\\', '\\ ') else p + 'n' for p in pieces]
        lines = [q + ''.join(pieces)]
        for _ in range(rng.choice([0, 0, 1, 2])):
            if rng.random() < 0.3:
                lines.append(_blank(rng))
            tail = rng.choice(['', ' ', '  ', '\\' if q == '"' else ''])
            lines[-1] += tail
            lines.append(' ' * rng.randint(0, cont + 1) + rng.choice(['more', 'x y', 'é', "''", '#no']))
        lines[-1] += q + _comment(rng)
        return lines
    if r < 0.8:  # block scalar
        header = rng.choice(['|', '>']) + rng.choice(['', '', '-', '+']) + rng.choice(['', '', '', '1', '2'])
        if rng.random() < 0.2 and len(header) == 3:
            header = header[0] + header[2] + header[1]
        lines = [header + rng.choice(['', '', ' # c', '  '])]
        ind = parent + rng.choice([1, 2, 2, 4])
        for _ in range(rng.choice([0, 1, 2, 3, 5])):
            k = rng.random()
            if k < 0.2:
                lines.append(_blank(rng))
            elif k < 0.35:
                lines.append(' ' * (ind + rng.randint(1, 3)) + _plain_words(rng, 2))
            else:
                lines.append(' ' * ind + _plain_words(rng, rng.randint(1, 3)) + rng.choice(['', '', ' ']))
        for _ in range(rng.choice([0, 0, 1, 2])):
            lines.append(_blank(rng))
        return lines
    if r < 0.9:  # flow collection of scalars
        items = [rng.choice(['a', "'b c'", '"d"', 'é', '1', '~', 'x y']) for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.5:
            body = ', '.join(items)
            if rng.random() < 0.2 and items:
                body += ','
            return ['[' + body + ']' + _comment(rng)]
        pairs = ['%s: %s' % (rng.choice(['k', "'q'", 'é', 'x y']) + str(i), it) for i, it in enumerate(items)]
        if len(pairs) > 1 and rng.random() < 0.3:
            return ['{' + pairs[0] + ',', ' ' * (parent + 2) + ', '.join(pairs[1:]) + '}']
        return ['{' + ', '.join(pairs) + '}']
    return ['' + _comment(rng).lstrip()]  # empty value (null)


def _block(rng, col, parent, depth, seq=None):
    """Lines of a block mapping or sequence whose entries sit at column col."""
    lines = []
    if seq is None:
        seq = rng.random() < 0.3
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.15:
            lines.append(_blank(rng) + rng.choice(['', '# comment', '#']))
        lead = ' ' * col + ('- ' if seq else _key(rng) + ':' + ' ' * rng.choice([1, 1, 2]))
        if depth < 3 and rng.random() < 0.3:
            if seq and rng.random() < 0.5:  # compact nested collection "- k: v" / "- - x"
                sub = _block(rng, col + 2, col, depth + 1)
                lines.append(lead + sub[0].lstrip(' '))
                lines.extend(sub[1:])
            else:
                lines.append(lead.rstrip(' ') + _comment(rng))
                if not seq and rng.random() < 0.3:  # indentless sequence under a key
                    lines.extend(_block(rng, col, col, depth + 1, seq=True))
                else:
                    lines.extend(_block(rng, col + rng.choice([1, 2, 4]), col, depth + 1))
        else:
            body = _scalar_lines(rng, len(lead), col)
            lines.append(lead + body[0])
            lines.extend(body[1:])
    return lines


def hand_yaml(rng):
    text = '\n'.join(_block(rng, rng.choice([0, 0, 0, 1]), -1, 0)) + '\n'
    return text


def mutate(rng, doc):
    """A few random edits with YAML-significant characters (most results are invalid YAML)."""
    alphabet = ' \n:-#\'"\\|>[]{},?&*!%@`\tab0.~\r'
    lines = doc.split('\n')
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.35 and doc:
            i = rng.randrange(len(doc) + 1)
            doc = doc[:i] + rng.choice(alphabet) + doc[i:]
        elif r < 0.6 and doc:
            i = rng.randrange(len(doc))
            doc = doc[:i] + doc[i + 1:]
        elif r < 0.85:
            lines = doc.split('\n')
            i = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines[i] = ' ' * rng.randint(1, 3) + lines[i]
            else:
                lines[i] = lines[i][rng.randint(1, 3):] if lines[i].startswith(' ') else lines[i]
            doc = '\n'.join(lines)
        else:
            lines = doc.split('\n')
            i = rng.randrange(len(lines))
            extra = rng.choice(['---', '...', '... # c', '--- x', '%YAML 1.1', '# c', ''])
            lines.insert(i, lines[rng.randrange(len(lines))] if rng.random() < 0.7 else extra)
            doc = '\n'.join(lines)
    return doc


def generated(dump, args):
    rng = random.Random(args.seed)
    docs = []  # (label, tally name, text)
    for i, s in enumerate(SNIPPETS):
        docs.append(('snippet#%d' % i, 'snippets', s))
    dumped = []
    for i in range(args.count):
        d = dump_record(rng, rand_record(rng))
        dumped.append(d)
        docs.append(('generated#%d' % i, 'generated', d))
    shaped = []
    for i in range(args.count):
        d = hand_yaml(rng)
        shaped.append(d)
        docs.append(('shaped#%d' % i, 'shaped', d))
    for i in range(args.count):
        r = rng.random()
        base = rng.choice(dumped) if r < 0.5 else rng.choice(shaped) if r < 0.85 else rng.choice(SNIPPETS)
        docs.append(('mutated#%d' % i, 'mutated', mutate(rng, base)))

    tallies = {name: Tally(name) for name in ('snippets', 'generated', 'shaped', 'mutated')}
    # Generated documents go to yaml_dump --raw: whole files, so document markers and a
    # missing final newline reach the reader too (a front-matter split would cut them off).
    with tempfile.TemporaryDirectory(prefix='yaml-differential-') as tmp:
        paths, fms = [], []
        for n, (label, _, text) in enumerate(docs):
            data = text.encode('utf-8')
            path = os.path.join(tmp, '%05d.yaml' % n)
            with open(path, 'wb') as f:
                f.write(data)
            paths.append(path)
            fms.append(data)
        recs = run_dump(dump, paths, raw=True)
        for (label, name, text), path, fm in zip(docs, paths, fms):
            judge(label, fm, recs.get(path), tallies[name], args, doc_for_report=fm.decode('utf-8'))
    return [tallies['snippets'], tallies['generated'], tallies['shaped'], tallies['mutated']]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('yaml_dump')
    ap.add_argument('paths', nargs='*')
    ap.add_argument('--seed', type=int, default=20240611)
    ap.add_argument('--count', type=int, default=3000)
    ap.add_argument('--pure', action='store_true')
    ap.add_argument('--keep')
    args = ap.parse_args()
    if not getattr(yaml, '__with_libyaml__', False):
        sys.exit('yaml-differential: PyYAML without libyaml (CSafeLoader) - use /usr/bin/python3')

    tallies = [real_records(args.yaml_dump, args.paths, args)] if args.paths else []
    tallies += generated(args.yaml_dump, args)

    print()
    for t in tallies:
        print(t.line())
    reasons = collections.Counter()
    for t in tallies:
        reasons.update(t.unsupported_reasons)
    if reasons:
        print('unsupported (PyYAML loads, yaml_dump reports an Error), by message:')
        for msg, n in reasons.most_common(15):
            print('  %5d  %s' % (n, msg))
    if args.pure:
        print('documents where pure-Python SafeLoader and CSafeLoader disagree: %d'
              % sum(t.pure_disagreements for t in tallies))
    passed = sum(t.passed for t in tallies)
    failed = sum(t.failed for t in tallies)
    unsupported = sum(t.unsupported for t in tallies)
    same = sum(t.same for t in tallies)
    if same < (passed + failed) // 4:
        # A reader that rejected everything would "pass"; that is not a proof of anything.
        print('yaml-differential: only %d documents loaded to a compared value; treating as failure' % same)
        failed += 1
    print('unsupported in total: %d (counted as passed: an Error, never a different value)' % unsupported)
    print('yaml-differential: %d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
