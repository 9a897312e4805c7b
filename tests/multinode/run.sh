#!/bin/bash
# The multi-node test (issue 19 §9): the national shape on one machine, all
# on loopback with random free ports and a temporary folder removed on exit:
#   - a PostgreSQL 15 primary (initdb) and a streaming replica of it
#     (pg_basebackup -R);
#   - pgbouncer in transaction mode in front of the primary;
#   - two `zhijian serve` nodes (--db through pgbouncer, --read-db the replica);
#   - nginx in front of both (upstream with proxy_next_upstream error timeout).
# Then tests/multinode/check.mjs, through nginx: sign in, write, read the
# write, a file uploaded on node 1 and downloaded on node 2, node 1 killed
# (-9) in the middle of a burst of requests with every answer still given,
# the replica stopped with reads still answered (from the primary), and
# finally `zhijian audit-verify` on the primary.
#   ZJ_BIN=path   the binary (default build/zhijian; the installed
#                 /usr/bin/zhijian is not used: see docs/scale.md)
#   KEEP=1        keep the temporary folder (logs)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BIN="${ZJ_BIN:-$ROOT/build/zhijian}"
DEMO_PW='Demo-Pass-2026'
ADMIN_PW='Root-Pass-2026'
say() { echo "multinode: $*" >&2; }
die() { say "FAIL: $*"; exit 1; }
[ -x "$BIN" ] || die "no binary at $BIN (run: make)"
command -v node >/dev/null || die "node is not installed"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || die "nginx not found (run: make setup; Debian package nginx-light)"
PGBOUNCER="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
[ -x "$PGBOUNCER" ] || die "pgbouncer not found (run: make setup)"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found (run: make setup)"

T0=$(date +%s)
TMP="$(mktemp -d /tmp/zj-multinode.XXXXXX)"
chmod 755 "$TMP"
export ZJ_AUDIT_KEY_FILE="$TMP/zhijian.auditkey"
export ZJ_AUDIT_CHECKPOINT_FILE="$TMP/zhijian.checkpoints"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the clusters as"
  PGU=postgres
else
  PGU="$(id -un)"
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
NODE_PIDS=()
cleanup() {
  for p in "${NODE_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  [ -f "$TMP/nginx/nginx.pid" ] && kill "$(cat "$TMP/nginx/nginx.pid")" 2>/dev/null
  [ -f "$TMP/pgb/pgbouncer.pid" ] && kill "$(cat "$TMP/pgb/pgbouncer.pid")" 2>/dev/null
  for d in "$TMP/replica" "$TMP/primary"; do
    [ -f "$d/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
  done
  if [ -n "${KEEP:-}" ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
pg_start() { # DIR PORT
  as_pg "$PGBIN/pg_ctl" -D "$1" -l "$1.log" -w -t 60 \
    -o "-p $2 -k $TMP/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=120" start >/dev/null \
    || { tail -n 30 "$1.log" >&2; die "PostgreSQL in $1 did not start"; }
}

# ---- the primary and its streaming replica ----
mkdir -p "$TMP/primary" "$TMP/sock"
[ "$(id -u)" = 0 ] && chown postgres: "$TMP" "$TMP/primary" "$TMP/sock"
as_pg "$PGBIN/initdb" -D "$TMP/primary" -U "$PGU" -A trust -E UTF8 --locale=C --no-sync >"$TMP/initdb.log" 2>&1 \
  || { cat "$TMP/initdb.log" >&2; die "initdb failed"; }
P1="$(free_port)"
pg_start "$TMP/primary" "$P1"
as_pg "$PGBIN/createdb" -h "$TMP/sock" -p "$P1" -U "$PGU" zhijian || die "createdb failed"
PRIMARY="postgresql://$PGU@127.0.0.1:$P1/zhijian"
"$BIN" init --db "$PRIMARY" --demo --demo-password "$DEMO_PW" --admin-password "$ADMIN_PW" >"$TMP/init.log" 2>&1 \
  || { tail -n 30 "$TMP/init.log" >&2; die "zhijian init failed"; }
# the replica copies the primary as it is now, then streams (-R: standby.signal and primary_conninfo)
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U "$PGU" -D "$TMP/replica" -R -X stream -c fast --no-sync \
  >"$TMP/basebackup.log" 2>&1 || { cat "$TMP/basebackup.log" >&2; die "pg_basebackup failed"; }
P2="$(free_port)"
pg_start "$TMP/replica" "$P2"
REPLICA="postgresql://$PGU@127.0.0.1:$P2/zhijian"
say "primary on $P1, streaming replica on $P2 ($(( $(date +%s) - T0 )) s)"

# ---- pgbouncer (transaction pooling) in front of the primary ----
BPORT="$(free_port)"
mkdir -p "$TMP/pgb"
printf '"%s" ""\n' "$PGU" >"$TMP/pgb/userlist.txt"
cat >"$TMP/pgb/pgbouncer.ini" <<INI
[databases]
zhijian = host=127.0.0.1 port=$P1 dbname=zhijian user=$PGU
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BPORT
unix_socket_dir =
auth_type = trust
auth_file = $TMP/pgb/userlist.txt
pool_mode = transaction
default_pool_size = 30
max_client_conn = 200
ignore_startup_parameters = extra_float_digits
logfile = $TMP/pgb/pgbouncer.log
pidfile = $TMP/pgb/pgbouncer.pid
INI
[ "$(id -u)" = 0 ] && chown -R postgres: "$TMP/pgb"
as_pg "$PGBOUNCER" -d "$TMP/pgb/pgbouncer.ini" || { cat "$TMP/pgb/pgbouncer.log" >&2; die "pgbouncer did not start"; }
VIA_BOUNCER="postgresql://$PGU@127.0.0.1:$BPORT/zhijian?zj_prepare=off" # pgbouncer 1.18: statements unnamed

# ---- two application nodes ----
start_node() { # N PORT
  mkdir -p "$TMP/node$1"
  ZJ_LOGIN_RATE=1000 ZJ_EVIDENCE_DIR="$TMP/node$1/files" ZJ_FILES_DIR="$TMP/node$1/files" \
    "$BIN" serve --db "$VIA_BOUNCER" --read-db "$REPLICA" --read-threads 4 --read-max-lag-ms 2000 \
    --listen "127.0.0.1:$2" --threads 4 >"$TMP/node$1/out.log" 2>"$TMP/node$1/err.log" &
  NODE_PIDS+=($!)
  disown $! # killed on purpose (-9) by the checks: no "Killed" line from the shell
}
N1="$(free_port)"; N2="$(free_port)"
start_node 1 "$N1"
start_node 2 "$N2"
for port in "$N1" "$N2"; do
  up=""
  for _ in $(seq 1 150); do
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
      "http://127.0.0.1:$port/healthz" 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  [ -n "$up" ] || { tail -n 20 "$TMP"/node*/err.log >&2; die "node on $port did not come up"; }
done
grep -q "in use" "$TMP/node1/err.log" || { cat "$TMP/node1/err.log" >&2; die "node 1 does not use the replica"; }

# ---- nginx in front of both ----
NG="$(free_port)"
mkdir -p "$TMP/nginx"
NGUSER=""; [ "$(id -u)" = 0 ] && NGUSER="user root;"
cat >"$TMP/nginx/nginx.conf" <<CONF
$NGUSER
daemon off;
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log $TMP/nginx/access.log;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  client_max_body_size 21m;
  upstream zhijian {
    server 127.0.0.1:$N1 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$N2 max_fails=1 fail_timeout=10s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NG;
    location / {
      proxy_pass http://zhijian;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
CONF
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" >"$TMP/nginx/out.log" 2>&1 &
for _ in $(seq 1 100); do [ -f "$TMP/nginx/nginx.pid" ] && break; sleep 0.1; done
[ -f "$TMP/nginx/nginx.pid" ] || { cat "$TMP/nginx/out.log" "$TMP/nginx/error.log" >&2; die "nginx did not start"; }
say "pgbouncer on $BPORT, nodes on $N1 and $N2, nginx on $NG ($(( $(date +%s) - T0 )) s)"

# ---- the checks ----
rc=0
STOP_REPLICA="$(printf '%q ' "$PGBIN/pg_ctl" -D "$TMP/replica" -m immediate -w stop)"
[ "$(id -u)" = 0 ] && STOP_REPLICA="runuser -u postgres -- $STOP_REPLICA"
ZJ_NGINX="http://127.0.0.1:$NG" ZJ_NODE1="http://127.0.0.1:$N1" ZJ_NODE2="http://127.0.0.1:$N2" \
  ZJ_NODE1_PID="${NODE_PIDS[0]}" ZJ_DEMO_PASSWORD="$DEMO_PW" \
  ZJ_STOP_REPLICA="$STOP_REPLICA" timeout -k 5 150 node "$ROOT/tests/multinode/check.mjs" || rc=1

# ---- the audit chain of everything both nodes wrote ----
kill -TERM "${NODE_PIDS[1]}" 2>/dev/null
for _ in $(seq 1 100); do kill -0 "${NODE_PIDS[1]}" 2>/dev/null || break; sleep 0.1; done
if "$BIN" audit-verify --db "$PRIMARY" >"$TMP/verify.out" 2>&1; then
  say "audit-verify: $(tail -n 1 "$TMP/verify.out")"
else
  cat "$TMP/verify.out" >&2; say "FAIL: audit-verify"; rc=1
fi
if grep -qE 'ERROR: AddressSanitizer|runtime error:' "$TMP"/node*/err.log; then
  say "FAIL: sanitizer report in a node's log"; rc=1
fi
[ "$rc" = 0 ] && say "PASS ($(( $(date +%s) - T0 )) s)" || { tail -n 15 "$TMP"/node*/err.log >&2; say "FAILED"; }
exit "$rc"
