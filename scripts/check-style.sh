#!/bin/bash
# make check-style (issue 13 §8): (a) layout is .clang-format's, (b) the
# semantic rules of scripts/check-style.py (banned functions, assignment in
# conditions, unchecked allocation, line length). docs/architecture.md "Style".
set -uo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(bash scripts/style-files.sh)
rc=0
echo "== check-style: clang-format ($(clang-format --version | grep -o 'version [0-9.]*'))"
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/check-style.$$; then
  grep -c 'error:' /tmp/check-style.$$ | sed 's/$/ place(s) not formatted; run scripts\/format-tree.sh/'
  grep 'error:' /tmp/check-style.$$ | cut -d: -f1 | sort | uniq -c | sort -rn | head -20
  rc=1
fi
rm -f /tmp/check-style.$$
echo "== check-style: banned functions, conditions, allocation, line length"
python3 scripts/check-style.py "${files[@]}" || rc=1
[ $rc -eq 0 ] && echo "check-style: ok"
exit $rc
