# bench/lib_pg.sh — sourced by the PostgreSQL benchmarks: a throwaway
# PostgreSQL 15 cluster on a free loopback port (as tests/api/run.sh starts
# it), removed on exit. After pg_start: $DB (URI), $PGPORT, $TMP, $U, and
# pg_psql to run SQL; add server pids to PIDS to have them stopped too.
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
U=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
PIDS=()
pg_cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$TMP/pgb/pgbouncer.pid" ] && kill "$(cat "$TMP/pgb/pgbouncer.pid")" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
pg_start() {
  TMP=$(mktemp -d /tmp/zj-bench-pg.XXXXXX); chmod 755 "$TMP"
  trap pg_cleanup EXIT
  export ZJ_AUDIT_KEY_FILE="$TMP/zhijian.auditkey" # not ./zhijian.auditkey: each run is a new cluster
  mkdir -p "$TMP/data" "$TMP/sock" "$TMP/pgb"; [ "$(id -u)" = 0 ] && chown -R postgres: "$TMP"
  as_pg "$PGBIN/initdb" -D "$TMP/data" -U "$U" -A trust -E UTF8 --locale=C --no-sync >/dev/null
  PGPORT=$(port)
  as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/sock/log" -w -o "-p $PGPORT -k $TMP/sock -c listen_addresses=127.0.0.1 \
    -c fsync=off -c shared_buffers=512MB -c max_connections=200" start >/dev/null
  as_pg "$PGBIN/createdb" -h "$TMP/sock" -p $PGPORT -U "$U" zhijian
  DB="postgresql://$U@127.0.0.1:$PGPORT/zhijian"
}
pg_psql() { as_pg "$PGBIN/psql" -q -v ON_ERROR_STOP=1 -h "$TMP/sock" -p $PGPORT -U "$U" zhijian "$@"; }
serve() { # BINARY DB -> port (server started, pid in PIDS; call without $(...) capturing its output: use SERVED)
  local p; p=$(port)
  ZJ_NO_ACCESS_LOG=1 "$1" serve --db "$2" --listen 127.0.0.1:$p --threads ${THREADS:-4} >>"$TMP/serve.log" 2>&1 &
  PIDS+=($!)
  for i in $(seq 100); do curl -sf localhost:$p/healthz >/dev/null && break; sleep 0.1; done
  SERVED=$p
}
