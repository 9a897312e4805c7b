#!/bin/bash
# tests/deb/run.sh — the Debian package as a bureau's IT would meet it
# (issue 19 §8b): `make deb` builds it; lintian reports no error; installing
# it creates the zhijian user, the database and the admin's password file
# (root's alone) and a server that answers on SQLite with the console;
# upgrading it applies the migrations not yet applied; purging it removes
# the program and the state. Needs root (it installs the package), as
# `make test` does on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "deb: run as root: the test installs the package" >&2; exit 1; }
fail() { echo "deb: FAILED: $*" >&2; exit 1; }
dpkg-query -W -f='${Status}' zhijian 2>/dev/null | grep -q 'install ok installed' &&
  fail "a zhijian package is installed on this machine already; the test would replace it"

V1=0.1 V2=0.2
VERSION=$V1 bash scripts/make-deb.sh
VERSION=$V2 bash scripts/make-deb.sh
ARCH=$(dpkg --print-architecture)
DEB1=build/zhijian_${V1}_$ARCH.deb DEB2=build/zhijian_${V2}_$ARCH.deb

# lintian: no error (warnings are listed, not fatal)
lintian --tag-display-limit 0 "$DEB1" >build/deb/lintian.txt 2>&1 || true
grep -E '^[EW]:' build/deb/lintian.txt | sed 's/^/deb: lintian: /' || true
if grep -q '^E:' build/deb/lintian.txt; then fail "lintian reports errors"; fi

PORT=$((20000 + RANDOM % 20000)) PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  dpkg --purge zhijian >/dev/null 2>&1 || true
}
trap cleanup EXIT

DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB1" >build/deb/install.log 2>&1 || { cat build/deb/install.log; fail "dpkg -i"; }
getent passwd zhijian >/dev/null || fail "no zhijian user"
[ -s /var/lib/zhijian/zhijian.db ] || fail "no database in /var/lib/zhijian"
[ "$(stat -c %U:%a /var/lib/zhijian/admin-password)" = root:600 ] || fail "admin-password is not root's alone"
[ "$(stat -c %U /var/lib/zhijian/zhijian.db)" = zhijian ] || fail "the database is not the service user's"
grep -q 'sign in as admin' build/deb/install.log || fail "the install does not say how to sign in"

# the server as the unit runs it (the unit's own start where systemd runs)
start() {
  runuser -u zhijian -- /usr/bin/zhijian serve --config /etc/zhijian/zhijian.conf --listen 127.0.0.1:$PORT \
    >build/deb/serve.log 2>&1 &
  PID=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.2; done
  cat build/deb/serve.log; fail "the installed server does not answer"
}
start
curl -fs "http://127.0.0.1:$PORT/" | grep -q '<div id="app"' || fail "the console is not served from /usr/share/zhijian/web"
pw=$(cat /var/lib/zhijian/admin-password)
code=$(curl -s -o build/deb/session.json -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "http://127.0.0.1:$PORT/api/v1/session")
[ "$code" = 201 ] || { cat build/deb/session.json; fail "admin cannot sign in with the password file ($code)"; }
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=

# an upgrade applies what is missing: forget a migration as if it were new
# (the latest whose SQL runs twice: CREATE ... IF NOT EXISTS only), upgrade,
# it is applied and recorded again
mig=$(for f in $(ls migrations/*.sql | sort -r); do
  grep -qiE '^\s*(ALTER|INSERT|UPDATE|DELETE|DROP)' "$f" || { basename "$f"; break; }
done)
last=$((10#${mig%%_*}))
sqlite3 /var/lib/zhijian/zhijian.db "DELETE FROM schema_migrations WHERE version = $last"
DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB2" >build/deb/upgrade.log 2>&1 || { cat build/deb/upgrade.log; fail "the upgrade"; }
[ "$(sqlite3 /var/lib/zhijian/zhijian.db "SELECT COUNT(*) FROM schema_migrations WHERE version = $last")" = 1 ] ||
  fail "the upgrade did not apply migration $mig"
[ "$(cat /var/lib/zhijian/admin-password)" = "$pw" ] || fail "the upgrade changed the admin password file"
start
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=

dpkg --purge zhijian >/dev/null
[ ! -e /usr/bin/zhijian ] && [ ! -e /var/lib/zhijian ] && [ ! -e /etc/zhijian/zhijian.conf ] || fail "purge left files"
echo "deb: PASSED ($(basename "$DEB1"): lintian without error, install, serve, sign-in, upgrade, purge)"
