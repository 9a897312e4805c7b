#!/usr/bin/env python3
"""The project's semantic style rules (issue 13 §8), checked on the text so
that they do not depend on layout (curl's checksrc does the same):

  - banned functions: strcat, strcpy, sprintf, vsprintf, gets (unbounded
    writes) and atoi/atol/atoll (no error report: use strtol/strtoll and check
    the end pointer);
  - no assignment inside an if/while condition;
  - every malloc/calloc/realloc/strdup/strndup result assigned to a name is
    checked within the next lines;
  - lines at most 120 columns (tabs to 8, East Asian wide characters 2, as
    clang-format counts). A line that clang-format cannot break is allowed:
    one whose excess lies inside a string literal, and lines between
    clang-format off/on (tables kept one entry per line).

A justified exception carries `/* style: ok */` on the line. Prints
file:line: rule for each finding; exit 1 if any beyond the baseline.

scripts/check-style.baseline lists the findings the code had when the check
was introduced, as "<file> <rule> <count>" (counts, not lines, so that it
survives edits and the reformat). A file may not get worse than its baseline;
fixing findings and lowering the counts is follow-up work. `--update-baseline`
rewrites the file from the present tree."""
import re, sys, unicodedata

BANNED = re.compile(r'\b(strcat|strcpy|sprintf|vsprintf|gets|atoi|atol|atoll)\s*\(')
ALLOC = re.compile(r'([A-Za-z_][\w.\->\[\]]*)\s*=\s*(?:\([^()]*\)\s*)?(malloc|calloc|realloc|strdup|strndup)\s*\(')
COND = re.compile(r'\b(if|while)\s*\(')
LIMIT = 120


def width(s):
    w = 0
    for ch in s:
        if ch == '\t':
            w = (w // 8 + 1) * 8
        elif unicodedata.east_asian_width(ch) in 'WF':
            w += 2
        else:
            w += 1
    return w


def strip_literals(s):
    """Blank string and char literals and comments (keeps columns)."""
    s = re.sub(r'"(\\.|[^"\\])*"', lambda m: '"' + ' ' * (len(m.group(0)) - 2) + '"', s)
    s = re.sub(r"'(\\.|[^'\\])*'", lambda m: "'" + ' ' * (len(m.group(0)) - 2) + "'", s)
    s = re.sub(r'/\*.*?\*/', lambda m: ' ' * len(m.group(0)), s)
    s = re.sub(r'//.*', '', s)
    return s


def condition(code, start):
    """The text of the parenthesised condition opening at code[start]."""
    depth = 0
    for i in range(start, len(code)):
        if code[i] == '(':
            depth += 1
        elif code[i] == ')':
            depth -= 1
            if depth == 0:
                return code[start + 1:i]
    return code[start + 1:]


def check(path, out):
    lines = open(path, encoding='utf-8').read().split('\n')
    fenced = False
    in_comment = False
    for n, raw in enumerate(lines, 1):
        where = '%s:%d: ' % (path, n)
        if '/* clang-format off */' in raw or '// clang-format off' in raw:
            fenced = True
        if '/* clang-format on */' in raw or '// clang-format on' in raw:
            fenced = False
        ok = 'style: ok' in raw
        code = raw
        if in_comment:
            end = code.find('*/')
            if end < 0:
                code = ''
            else:
                code = ' ' * (end + 2) + code[end + 2:]
                in_comment = False
        code = strip_literals(code)
        if '/*' in code:
            code = code[:code.index('/*')]
            in_comment = True
        if code.lstrip().startswith('#') or ok:
            pass
        else:
            m = BANNED.search(code)
            if m:
                out.append(where + 'banned function %s()' % m.group(1))
            for m in COND.finditer(code):
                cond = condition(code, m.end() - 1)
                if re.search(r'(?<![=!<>+\-*/%&|^])=(?!=)', cond):
                    out.append(where + 'assignment in %s condition' % m.group(1))
            m = ALLOC.search(code)
            if m:
                var = m.group(1)
                nxt = ' '.join(strip_literals(x) for x in lines[n - 1:n + 4])
                v = re.escape(var)
                if not re.search(r'(!\s*\(?\s*%s\b|\b%s\s*[=!]=\s*NULL|\bif\s*\(\s*%s\s*[)&|]|\b%s\s*\?)' % (v, v, v, v), nxt):
                    out.append(where + 'unchecked %s() result %s' % (m.group(2), var))
        w = width(raw)
        if w > LIMIT and not fenced and not ok:
            # allowed when the part past the limit is inside one string literal
            lit = [mm.span() for mm in re.finditer(r'"(\\.|[^"\\])*"', raw)]
            cut = 0
            while cut < len(raw) and width(raw[:cut + 1]) <= LIMIT:
                cut += 1
            if not any(a <= cut < b for a, b in lit):
                out.append(where + 'line is %d columns (limit %d)' % (w, LIMIT))


BASELINE = 'scripts/check-style.baseline'


def rule(finding):
    msg = finding.split(': ', 1)[1]
    for key, word in (('banned', 'banned'), ('assign', 'assignment'), ('alloc', 'unchecked'), ('long', 'columns')):
        if word in msg:
            return key
    return 'other'


def main():
    args = sys.argv[1:]
    update = '--update-baseline' in args
    args = [a for a in args if a != '--update-baseline']
    out = []
    for p in args:
        check(p, out)
    counts = {}
    for o in out:
        k = (o.split(':', 1)[0], rule(o))
        counts[k] = counts.get(k, 0) + 1
    if update:
        with open(BASELINE, 'w') as f:
            f.write('# check-style.py findings grandfathered when the check came in: file rule count\n')
            for (path, r), n in sorted(counts.items()):
                f.write('%s %s %d\n' % (path, r, n))
        print('baseline: %d finding(s) in %d entries' % (len(out), len(counts)))
        return 0
    base = {}
    try:
        for line in open(BASELINE):
            if line.strip() and not line.startswith('#'):
                path, r, n = line.split()
                base[(path, r)] = int(n)
    except FileNotFoundError:
        pass
    bad = 0
    for (path, r), n in sorted(counts.items()):
        if n > base.get((path, r), 0):
            bad += 1
            print('%s: %d %s finding(s), baseline %d:' % (path, n, r, base.get((path, r), 0)))
            for o in out:
                if o.startswith(path + ':') and rule(o) == r:
                    print('  ' + o)
    print('%d finding(s) in all, %d in the baseline; %d file/rule pair(s) over it'
          % (len(out), sum(base.values()), bad), file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
