-- 023: printed forms of the food area, the portal's lookup code and notices.
--
-- food_documents: the food area's forms (抽样单, 检验报告, 检验结果通知书) exactly
-- as issued, like case_documents (013): never updated, never deleted; each
-- issue a new version (seq) with the SHA-256 of its text.
CREATE TABLE IF NOT EXISTS food_documents (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  sample_id BIGINT NOT NULL REFERENCES samples(id), kind TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL,
  number TEXT, doc_date TEXT, content TEXT NOT NULL, sha256 TEXT NOT NULL, content_masked TEXT NOT NULL,
  frozen_by TEXT, jurisdiction_id BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_documents_seq ON food_documents(sample_id, kind, seq);

-- The code a portal submission returns once (its hash only is kept): with
-- the tracking number it shows the submission's progress, and nothing without it.
ALTER TABLE complaints ADD COLUMN lookup_hash TEXT;

-- Notices of the portal (公告, 消费提示), written by the business areas and
-- published through a workflow (draft → published → withdrawn).
CREATE TABLE IF NOT EXISTS notices (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, issuer TEXT, area TEXT,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), published_on TEXT, withdraw_reason TEXT
);
CREATE INDEX IF NOT EXISTS notices_published ON notices(state, published_on);
