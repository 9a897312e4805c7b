-- 031: a report sent up carries any number of attachments (issue 18 §4):
-- one row a file, beside the report's main document (ledger_reports.attachment).
CREATE TABLE IF NOT EXISTS ledger_report_files (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  report_id BIGINT NOT NULL REFERENCES ledger_reports(id), title TEXT NOT NULL, file TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_report_files_report ON ledger_report_files(report_id, id);
