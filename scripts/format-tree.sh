#!/bin/bash
# Formats every C file under the style rules in place with .clang-format.
# Run once after merging, commit the result; from then on check-style.sh
# keeps the tree formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/style-files.sh | xargs clang-format -i
