-- 015: the ledger of an import that writes in batches (docs/security.md, "A
-- server that cannot be starved", Imports). Each committed batch records, in
-- its own transaction, the ids of the rows it wrote ("a-b,c" ranges). The
-- import's last transaction deletes its ledger rows together with writing
-- the "import" audit record, so ledger rows left behind belong to an import
-- that failed or whose server stopped: their rows are withdrawn (soft
-- deletion, audited), by the import itself or by the periodic recovery.
CREATE TABLE IF NOT EXISTS import_batches (
  id BIGSERIAL PRIMARY KEY,
  job_id BIGINT NOT NULL, entity TEXT NOT NULL, seq INTEGER NOT NULL,
  ids TEXT NOT NULL, nrows INTEGER NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS import_batches_job ON import_batches(job_id, seq);
