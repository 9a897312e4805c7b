#!/bin/bash
# `make run`: a Baotou demo database (created once), then the server.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${ZJ_DB:-demo/zhijian-demo.db}
LISTEN=${ZJ_LISTEN:-127.0.0.1:8080}
PW=${ZJ_DEMO_PASSWORD:-Baotou-Demo-2026}
mkdir -p "$(dirname "$DB")"
if [ ! -f "$DB" ]; then
  build/zhijian init --db "$DB" --demo --demo-password "$PW" --admin-password "$PW" >/dev/null
  echo "Created the Baotou demo database $DB"
fi
cat <<MSG

  质监 Zhijian is running:  http://$LISTEN/
  Sign in as  director  (局长, business data)     password: $PW
           or admin     (系统管理员, users/config)  password: $PW
  Other demo users: secadmin auditor sampler analyst supervisor handler legal donghe kundulun ...
  (all with the same password; see README.md). Stop with Ctrl-C.

MSG
exec build/zhijian serve --db "$DB" --listen "$LISTEN"
