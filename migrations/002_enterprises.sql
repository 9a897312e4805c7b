-- 002_enterprises: regulated entities (监管对象), the first business entity.
CREATE TABLE IF NOT EXISTS enterprises (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL, uscc TEXT NOT NULL, legal_rep TEXT, legal_rep_id TEXT, phone TEXT, address TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), kinds TEXT, size TEXT, park TEXT,
  licence_no TEXT, licence_kind TEXT, licence_valid_to TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS enterprises_uscc ON enterprises(uscc) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS enterprises_juris ON enterprises(jurisdiction_id, id);
CREATE INDEX IF NOT EXISTS enterprises_name ON enterprises(name, id);
