#!/bin/bash
# bench/files.sh — upload and download of a stored file of SIZE MiB (default
# 20) through the API, three times with fresh random content, on a throwaway
# demo database: SQLite by default, PostgreSQL with PG=1 (a throwaway
# cluster, as tests/api/run.sh makes). Prints seconds per upload and
# download (curl's time_total) and the server's peak resident memory.
#   bash bench/files.sh [BIN] [SIZE_MIB]        e.g. bash bench/files.sh build/zhijian 20
set -euo pipefail
BIN="$(realpath "${1:-build/zhijian}")"
MIB="${2:-20}"
TMP="$(mktemp -d /tmp/zj-bench-files.XXXXXX)"
chmod 755 "$TMP"
PGDATA="" PGBIN="" SPID=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$SPID" ] && kill -TERM "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null || true
  [ -n "$PGDATA" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
js() { node -e "const j=JSON.parse(require('fs').readFileSync(0,'utf8'));console.log($1)"; }

if [ "${PG:-}" = 1 ]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  U="$( [ "$(id -u)" = 0 ] && echo postgres || id -un)"
  PGDATA="$TMP/pgdata"; mkdir -p "$PGDATA" "$TMP/sock"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA" "$TMP/sock"
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U "$U" -A trust -E UTF8 --locale=C --no-sync >/dev/null
  P="$(port)"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$TMP/sock/pg.log" -w -o "-p $P -k $TMP/sock -c listen_addresses=127.0.0.1" start >/dev/null
  as_pg "$PGBIN/createdb" -h "$TMP/sock" -p "$P" -U "$U" zhijian
  DB="postgresql://$U@127.0.0.1:$P/zhijian"
  export ZJ_AUDIT_KEY_FILE="$TMP/key"
else
  DB="$TMP/zj.db"
fi
export ZJ_EVIDENCE_DIR="$TMP/evidence" ZJ_NO_ACCESS_LOG=1
"$BIN" init --db "$DB" --demo --demo-password Demo-Pass-2026 --admin-password Root-Pass-2026 >/dev/null
SP="$(port)"
"$BIN" serve --db "$DB" --listen "127.0.0.1:$SP" 2>"$TMP/serve.log" &
SPID=$!
API="http://127.0.0.1:$SP/api/v1"
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$SP/healthz" >/dev/null && break; sleep 0.1; done
TOK="$(curl -s -H 'Content-Type: application/json' -d '{"username":"handler","password":"Demo-Pass-2026"}' "$API/session" | js j.token)"
H=(-H "Authorization: Bearer $TOK")
KDL="$(curl -s "${H[@]}" "$API/jurisdictions?code=150203" | js 'j.items[0].id')"
CASE="$(curl -s "${H[@]}" -H 'Content-Type: application/json' -d "{\"title\":\"基准文件案\",\"kind\":\"food\",\"source\":\"inspection\",\"received_on\":\"2025-10-20\",\"jurisdiction_id\":$KDL,\"party_name\":\"包头市某商贸有限公司\",\"party_type\":\"legal\",\"summary\":\"基准\"}" "$API/cases" | js j.id)"
echo "backend $( [ "${PG:-}" = 1 ] && echo pg || echo sqlite ), $MIB MiB, $BIN"
for i in 1 2 3; do
  { printf '%%PDF-1.4\n'; head -c $((MIB * 1048576 - 9)) /dev/urandom; } >"$TMP/f.pdf"
  up="$(curl -s -o "$TMP/up.json" -w '%{http_code} %{time_total}' "${H[@]}" -H 'Content-Type: application/pdf' --data-binary @"$TMP/f.pdf" "$API/files")"
  SHA="$(js j.sha256 <"$TMP/up.json")"
  EV="$(curl -s "${H[@]}" -H 'Content-Type: application/json' -d "{\"case_id\":$CASE,\"title\":\"扫描件$i\",\"kind\":\"document\",\"file\":{\"sha256\":\"$SHA\",\"name\":\"f.pdf\"}}" "$API/evidence" | js j.id)"
  down="$(curl -s -o "$TMP/down.pdf" -w '%{http_code} %{time_total}' "${H[@]}" "$API/evidence/$EV/files/file")"
  same="$(cmp -s "$TMP/f.pdf" "$TMP/down.pdf" && echo identical || echo DIFFERENT)"
  echo "run $i: upload ${up#* } s (${up%% *}), download ${down#* } s (${down%% *}, $same)"
done
echo "server peak RSS: $(grep VmHWM /proc/$SPID/status | awk '{print $2, $3}')"
