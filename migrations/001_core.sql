-- 001_core: platform tables. Portable subset: TEXT, INTEGER, BIGINT,
-- BIGSERIAL PRIMARY KEY (the SQLite driver maps it to a rowid alias),
-- partial unique indexes, no backend-specific functions.
-- Every entity table has the system columns:
--   id, version, created_at, updated_at, created_by, updated_by, owner_unit_id, deleted

CREATE TABLE IF NOT EXISTS jurisdictions (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, level TEXT NOT NULL,
  parent_id BIGINT REFERENCES jurisdictions(id), path TEXT NOT NULL, statistical INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS jurisdictions_code ON jurisdictions(code) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS jurisdictions_path ON jurisdictions(path);

CREATE TABLE IF NOT EXISTS units (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, kind TEXT NOT NULL,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), parent_id BIGINT REFERENCES units(id),
  phone TEXT, address TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS units_code ON units(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS users (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  username TEXT NOT NULL, name TEXT NOT NULL, unit_id BIGINT NOT NULL REFERENCES units(id),
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), phone TEXT, email TEXT,
  password_hash TEXT, must_change_password INTEGER NOT NULL DEFAULT 1, locked INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0, failed_since TEXT, locked_until TEXT, password_changed_at TEXT,
  roles TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users(username) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS roles (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, duty TEXT NOT NULL, description TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS roles_code ON roles(code) WHERE deleted = 0;

-- role × permission × data scope (all | juris | unit | own)
CREATE TABLE IF NOT EXISTS role_grants (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  role_id BIGINT NOT NULL REFERENCES roles(id), perm TEXT NOT NULL, scope TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS role_grants_uniq ON role_grants(role_id, perm) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id), role_id BIGINT NOT NULL REFERENCES roles(id),
  PRIMARY KEY (user_id, role_id)
);

CREATE TABLE IF NOT EXISTS sessions (
  id BIGSERIAL PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE, user_id BIGINT NOT NULL REFERENCES users(id), kind TEXT NOT NULL,
  csrf TEXT NOT NULL, created_at TEXT NOT NULL, last_seen TEXT NOT NULL, expires_at TEXT NOT NULL,
  ip TEXT, user_agent TEXT, name TEXT, perms TEXT, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);

CREATE TABLE IF NOT EXISTS dict_items (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  dict TEXT NOT NULL, code TEXT NOT NULL, label_zh TEXT NOT NULL, label_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS dict_items_uniq ON dict_items(dict, code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS holidays (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  day TEXT NOT NULL, kind TEXT NOT NULL, name TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS holidays_day ON holidays(day) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL, user_id TEXT, username TEXT, ip TEXT, action TEXT NOT NULL,
  entity TEXT, entity_id TEXT, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_entity ON audit_log(entity, entity_id);

CREATE TABLE IF NOT EXISTS workflow_history (
  id BIGSERIAL PRIMARY KEY,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL, transition TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
  at TEXT NOT NULL, username TEXT, note TEXT
);
CREATE INDEX IF NOT EXISTS workflow_history_entity ON workflow_history(entity, entity_id);

CREATE TABLE IF NOT EXISTS deadlines (
  id BIGSERIAL PRIMARY KEY,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL, kind TEXT NOT NULL, state TEXT,
  started TEXT NOT NULL, due TEXT NOT NULL, n INTEGER NOT NULL, unit INTEGER NOT NULL,
  uncovered INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, closed_at TEXT
);
CREATE INDEX IF NOT EXISTS deadlines_open ON deadlines(closed_at, due);

CREATE TABLE IF NOT EXISTS jobs (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL, entity TEXT, state TEXT NOT NULL, done BIGINT NOT NULL DEFAULT 0, total BIGINT NOT NULL DEFAULT 0,
  result TEXT, created_by BIGINT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS job_runs (
  name TEXT PRIMARY KEY, last_run TEXT NOT NULL, last_result TEXT
);

CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY, value TEXT NOT NULL
);
