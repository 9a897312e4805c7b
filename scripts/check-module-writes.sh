#!/bin/bash
# check-module-writes.sh — the core owns every write (issue 13 §2): no file
# under src/modules issues INSERT, UPDATE or DELETE SQL of its own; modules
# ask the core (core/write.h, core/workflow.h, core/numbering.h). Seed and
# demo code (which builds a database from nothing) is exempt.
set -euo pipefail
cd "$(dirname "$0")/.."
exempt='(^|/)(seed|demo|food_seed|food_demo)\.c$'
bad=0
while IFS= read -r f; do
  [[ "$f" =~ $exempt ]] && continue
  # SQL keywords inside string literals (comments are stripped first)
  hits=$(sed -e 's://.*$::' "$f" | perl -0777 -pe 's{/\*.*?\*/}{ }gs' |
         grep -nE '"[^"]*\b(INSERT[[:space:]]+INTO|UPDATE[[:space:]]+[A-Za-z_%]+[[:space:]]+SET|DELETE[[:space:]]+FROM|REPLACE[[:space:]]+INTO|UPSERT)\b' || true)
  if [ -n "$hits" ]; then
    echo "$f: writes SQL of its own (use crud_set_fields / crud_add / workflow steps):" >&2
    echo "$hits" | sed 's/^/  /' >&2
    bad=1
  fi
done < <(find src/modules -name '*.c' -o -name '*.h' | sort)
if [ $bad -ne 0 ]; then
  echo "check-module-writes: FAILED" >&2
  exit 1
fi
echo "check-module-writes: no module issues INSERT, UPDATE or DELETE SQL"
