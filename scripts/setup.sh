#!/bin/bash
# Installs what Zhijian needs on a fresh Debian 12 machine (run as root).
# Idempotent: checks first, installs only what is missing, and says what.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PKGS=(gcc make pkg-config clang libclang-rt-14-dev clang-format python3
  libmicrohttpd-dev libjansson-dev libsodium-dev libssl-dev libsqlite3-dev sqlite3 libpq-dev
  libcsv-dev libxlsxwriter-dev libminizip-dev libexpat1-dev zlib1g-dev libcmocka-dev libqrencode-dev libcurl4-openssl-dev
  postgresql-15 chromium fonts-wqy-microhei openssl wrk nodejs npm curl lintian binutils pgbouncer adduser nginx-light)

missing=()
for p in "${DEB_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node/npm may come from elsewhere (nvm, NodeSource): only install if absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
pk=(); for p in "${missing[@]}"; do [ -n "$p" ] && pk+=("$p"); done
if [ ${#pk[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${pk[*]}"
  if [ "$(id -u)" != 0 ]; then echo "setup: need root to install packages" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || apt-get update
  apt-get install -y -qq --no-install-recommends "${pk[@]}" >/dev/null
else
  echo "setup: Debian packages present"
fi

# npm packages of the console and the e2e tests, from the committed lock files.
for d in web tests/e2e tests/api; do
  [ -f "$d/package-lock.json" ] || continue
  if [ ! -d "$d/node_modules" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.stamp" ]; then
    echo "setup: npm ci in $d"
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error) && touch "$d/node_modules/.stamp"
  fi
done
echo "setup: done"
