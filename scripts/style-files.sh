#!/bin/bash
# The C files under the project's style rules (issue 13 §8): the server's
# sources and headers, the unit tests and the fuzz harnesses. One list, used
# by check-style.sh and format-tree.sh.
cd "$(dirname "$0")/.."
find src tests/unit tests/fuzz -maxdepth 3 \( -name '*.c' -o -name '*.h' \) -not -path 'tests/fuzz/corpus/*' | sort
