#!/bin/bash
# The HTTP API suite against a real server, on one backend:
#   bash tests/api/run.sh sqlite     a temporary SQLite file
#   bash tests/api/run.sh pg         a throwaway PostgreSQL 15 cluster on a free loopback port
# Builds nothing: it needs build/zhijian-san (make build/zhijian-san), the
# ASan + UBSan server. It creates the Baotou demo database, proves the schema
# holds every declared field (zhijian schema-check), serves it under the
# sanitizers with a test clock, runs tests/api/*.test.mjs (node:test), stops
# the server with SIGTERM and fails on a non-zero exit or any sanitizer report,
# and finally verifies the audit chains against the key and the checkpoint
# the server wrote when it stopped.
#   ZJ_BIN=path   the binary (default build/zhijian-san)
#   KEEP=1        keep the temporary folder (database, server log)
#   ZJ_TESTS="a.test.mjs b.test.mjs"   run only these files of tests/api
set -uo pipefail
BACKEND="${1:-}"
case "$BACKEND" in sqlite|pg) ;; *) echo "usage: tests/api/run.sh sqlite|pg" >&2; exit 2 ;; esac
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BIN="${ZJ_BIN:-$ROOT/build/zhijian-san}"
DEMO_PW='Demo-Pass-2026'
ADMIN_PW='Root-Pass-2026'

say() { echo "api[$BACKEND]: $*" >&2; }
die() { say "FAIL: $*"; exit 1; }
[ -x "$BIN" ] || die "no binary at $BIN (run: make build/zhijian-san)"
command -v node >/dev/null || die "node is not installed"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" -ge 18 ] || die "node 18 or later is needed (found $(node --version))"

TMP="$(mktemp -d /tmp/zj-api-$BACKEND.XXXXXX)"
chmod 755 "$TMP"
# stored files live in the database (src/core/blobs.c); the old folder, read
# only by `zhijian files-import`, points at the temporary directory, never the tree
export ZJ_EVIDENCE_DIR="$TMP/evidence"
# the audit key and checkpoint file: beside a SQLite database by default; for
# PostgreSQL a path outside the tree, seen by init, the servers and every CLI call
[ "$BACKEND" = pg ] && export ZJ_AUDIT_KEY_FILE="$TMP/zhijian.auditkey"
SERVER_PID=""
PGBIN=""
PGDATA=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -f "$TMP/pgb/pgbouncer.pid" ]; then kill "$(cat "$TMP/pgb/pgbouncer.pid")" 2>/dev/null || true; fi
  if [ -n "$PGDATA" ] && [ -f "$PGDATA/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${KEEP:-}" ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# ---- the database ----
if [ "$BACKEND" = sqlite ]; then
  DB="$TMP/zhijian.db"
else
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql (run: make setup)"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the cluster as"
    PGUSER_NAME=postgres
  else
    PGUSER_NAME="$(id -un)"
  fi
  PGDATA="$TMP/pgdata"
  mkdir -p "$PGDATA" "$TMP/pgsock"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA" "$TMP/pgsock"
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U "$PGUSER_NAME" -A trust -E UTF8 --locale=C --no-sync >"$TMP/initdb.log" 2>&1 \
    || { cat "$TMP/initdb.log" >&2; die "initdb failed"; }
  PGPORT="$(free_port)"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$TMP/pgsock/postgres.log" -w -t 60 \
    -o "-p $PGPORT -k $TMP/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$TMP/pgsock/postgres.log" >&2; die "PostgreSQL did not start"; }
  as_pg "$PGBIN/createdb" -h "$TMP/pgsock" -p "$PGPORT" -U "$PGUSER_NAME" zhijian || die "createdb failed"
  DB="postgresql://$PGUSER_NAME@127.0.0.1:$PGPORT/zhijian"
  say "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
  # The server under test reaches PostgreSQL through pgbouncer in transaction
  # mode (issue 19 §6): no session state may outlive a transaction. The CLI
  # and the tests' own connections go direct. ZJ_PGBOUNCER=0: direct too.
  if [ "${ZJ_PGBOUNCER:-1}" != 0 ]; then
    command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || die "pgbouncer not found (run: make setup)"
    BPORT="$(free_port)"
    mkdir -p "$TMP/pgb"
    printf '"%s" ""\n' "$PGUSER_NAME" >"$TMP/pgb/userlist.txt"
    cat >"$TMP/pgb/pgbouncer.ini" <<INI
[databases]
zhijian = host=127.0.0.1 port=$PGPORT dbname=zhijian user=$PGUSER_NAME
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BPORT
unix_socket_dir =
auth_type = trust
auth_file = $TMP/pgb/userlist.txt
pool_mode = transaction
default_pool_size = 40
max_client_conn = 400
ignore_startup_parameters = extra_float_digits
logfile = $TMP/pgb/pgbouncer.log
pidfile = $TMP/pgb/pgbouncer.pid
INI
    [ "$(id -u)" = 0 ] && chown -R postgres: "$TMP/pgb"
    as_pg "$(command -v pgbouncer || echo /usr/sbin/pgbouncer)" -d "$TMP/pgb/pgbouncer.ini" \
      || { cat "$TMP/pgb/pgbouncer.log" >&2; die "pgbouncer did not start"; }
    # pgbouncer 1.18 cannot keep a named prepared statement across
    # transactions: the driver runs every statement unnamed (zj_prepare=off).
    SERVE_DB="postgresql://$PGUSER_NAME@127.0.0.1:$BPORT/zhijian?zj_prepare=off"
    say "pgbouncer $(pgbouncer --version 2>/dev/null | head -1 | awk '{print $2}') on 127.0.0.1:$BPORT (transaction pooling) for the server"
  fi
fi

PRE_RC=0
"$BIN" init --db "$DB" --demo --demo-password "$DEMO_PW" --admin-password "$ADMIN_PW" >"$TMP/init.log" 2>&1
irc=$?
if [ "$irc" != 0 ]; then
  # A leak found at exit (LeakSanitizer) is a failure, but when init got to the end the database is
  # complete: go on and report it.
  if grep -q 'ERROR: LeakSanitizer' "$TMP/init.log" && ! grep -q 'ERROR: AddressSanitizer' "$TMP/init.log" \
     && ASAN_OPTIONS=detect_leaks=0 "$BIN" user --db "$DB" list 2>/dev/null | grep -q '^service '; then
    grep -A12 'ERROR: LeakSanitizer' "$TMP/init.log" | head -40 >&2
    say "FAIL: 'zhijian init' leaks memory (LeakSanitizer above); running the suite anyway"
    PRE_RC=1
  else
    cat "$TMP/init.log" >&2; die "init failed (exit $irc)"
  fi
fi
say "demo database ready ($DB)"

# Every declared field exists in the schema (DESIGN.md §2). The command is required.
if ! "$BIN" --help 2>/dev/null | grep -q 'schema-check'; then
  die "'zhijian schema-check' is missing (zhijian --help does not list it)"
fi
"$BIN" schema-check --db "$DB" || die "schema-check failed"

# ---- the server under test ----
CLOCK="$TMP/clock"
printf '2026-11-29T10:00:00Z' >"$CLOCK"
PORT="$(free_port)"
ZJ_TEST_CLOCK="$CLOCK" ZJ_LOGIN_RATE=1000 ZJ_PUBLIC_RATE=1000 ZJ_NO_ACCESS_LOG=1 \
  ASAN_OPTIONS="detect_leaks=0:abort_on_error=0" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  "$BIN" serve --db "${SERVE_DB:-$DB}" --listen "127.0.0.1:$PORT" >"$TMP/server.out" 2>"$TMP/server.err" &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT"
up=""
for _ in $(seq 1 200); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$URL/healthz" 2>/dev/null; then up=1; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$up" ] || { tail -n 40 "$TMP/server.err" >&2; die "server did not come up on $URL"; }
say "server up on $URL"

if [ -n "${ZJ_TESTS:-}" ]; then
  FILES=(); for f in $ZJ_TESTS; do FILES+=("tests/api/$f"); done
else
  FILES=(tests/api/*.test.mjs)
fi
rc=$PRE_RC
T0=$(date +%s)
: >"$TMP/node-test.log"
# One file at a time (they share one server, its clock and its accounts), one
# node process per file: works on node 18 as on 20+. A file may take 10 minutes at most
# (ZJ_TEST_TIMEOUT seconds; the authorisation matrix grows with every entity).
for f in "${FILES[@]}"; do
  ZJ_URL="$URL" ZJ_DB="$DB" ZJ_BIN="$BIN" ZJ_BACKEND="$BACKEND" ZJ_CLOCK_FILE="$CLOCK" \
  ZJ_DEMO_PASSWORD="$DEMO_PW" ZJ_ADMIN_PASSWORD="$ADMIN_PW" ZJ_PG_BIN="$PGBIN" ZJ_RESP_LOG="$TMP/responses.jsonl" \
    timeout -k 10 "${ZJ_TEST_TIMEOUT:-600}" node --test --test-reporter=spec "$f" 2>&1 | tee -a "$TMP/node-test.log"
  frc="${PIPESTATUS[0]}"
  if [ "$frc" != 0 ]; then rc=1; say "$(basename "$f"): FAILED (exit $frc)"; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { say "FAIL: the server died during $f"; rc=1; break; }
done
pass=$(awk '/^ℹ pass /{s+=$3} END{print s+0}' "$TMP/node-test.log")
fail=$(awk '/^ℹ fail /{s+=$3} END{print s+0}' "$TMP/node-test.log")
say "node tests: $pass passed, $fail failed, in $(( $(date +%s) - T0 )) s"
grep -E '^✖ ' "$TMP/node-test.log" | grep -v '^✖ failing tests' | sort -u | sed 's/ ([0-9.]*ms)$//' | sed "s/^/api[$BACKEND]:   /" >&2 || true

# ---- stop the server: SIGTERM must drain and exit 0, with no sanitizer report ----
kill -TERM "$SERVER_PID"
src=""
for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVER_PID" 2>/dev/null; then
  say "FAIL: server did not exit within 15 s of SIGTERM"; kill -KILL "$SERVER_PID"; rc=1
fi
wait "$SERVER_PID"; src=$?
SERVER_PID=""
if [ "$src" != 0 ]; then say "FAIL: server exited with status $src after SIGTERM"; rc=1; fi
if grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$TMP/server.err"; then
  say "FAIL: sanitizer report in the server's stderr:"
  grep -nE -A30 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$TMP/server.err" | head -80 >&2
  rc=1
fi
mkdir -p "$ROOT/tests/out/api"
cp "$TMP/server.err" "$ROOT/tests/out/api/server-$BACKEND.log" 2>/dev/null || true

# ---- the audit chain of everything the suite did ----
if "$BIN" audit-verify --db "$DB" >"$TMP/verify.out" 2>&1; then
  say "$(cat "$TMP/verify.out")"
else
  say "FAIL: audit-verify after the suite:"; cat "$TMP/verify.out" >&2; rc=1
fi

cp "$TMP/node-test.log" "$ROOT/tests/out/api/node-$BACKEND.log" 2>/dev/null || true
if [ "$rc" = 0 ]; then say "PASSED"; else say "FAILED (logs: tests/out/api/node-$BACKEND.log, tests/out/api/server-$BACKEND.log)"; fi
exit $rc
