-- 026_ledger: the support ledger (经费、土地、仪器、人员: what governments
-- grant the bureau), the reports sent up (要情专报, 请示, 简报) and the
-- leaders' instructions (领导批示) with their progress notes. Portable
-- subset (see 001_core.sql); every entity table carries the system columns,
-- and `state` where it has a workflow.

CREATE TABLE IF NOT EXISTS ledger_grants (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  level TEXT NOT NULL, grantor TEXT NOT NULL, grantor_juris_id BIGINT REFERENCES jurisdictions(id),
  recipient_id BIGINT NOT NULL REFERENCES units(id), kind TEXT NOT NULL, purpose TEXT NOT NULL,
  granted_on TEXT NOT NULL, budget_year INTEGER NOT NULL, amount_fen BIGINT, area TEXT, area_unit TEXT,
  item TEXT, staff_count INTEGER, staff_source TEXT, staff_from TEXT, staff_to TEXT, staff_paid_by TEXT,
  doc_ref TEXT, project TEXT, food_budget_id BIGINT REFERENCES food_budgets(id), note TEXT
);
CREATE INDEX IF NOT EXISTS ledger_grants_year ON ledger_grants(budget_year, level);
CREATE INDEX IF NOT EXISTS ledger_grants_budget ON ledger_grants(food_budget_id);

CREATE TABLE IF NOT EXISTS ledger_reports (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  report_no TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, sent_on TEXT NOT NULL, addressees TEXT NOT NULL,
  channel TEXT, summary TEXT, attachment TEXT, unit_id BIGINT REFERENCES units(id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_reports_no ON ledger_reports(report_no) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS ledger_instructions (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  instruction_no TEXT NOT NULL, leader TEXT NOT NULL, leader_post TEXT, instructed_on TEXT NOT NULL, text TEXT NOT NULL,
  report_id BIGINT REFERENCES ledger_reports(id), matter TEXT, lead_unit_id BIGINT REFERENCES units(id),
  assigned_units TEXT, deadline TEXT, feedback TEXT, fed_back_on TEXT, closed_on TEXT, on_time INTEGER,
  urged_count INTEGER, last_urged_on TEXT, urge_note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_instructions_no ON ledger_instructions(instruction_no) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS ledger_instructions_year ON ledger_instructions(instructed_on);

CREATE TABLE IF NOT EXISTS ledger_notes (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  instruction_id BIGINT NOT NULL REFERENCES ledger_instructions(id), noted_on TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id), progress TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_notes_instruction ON ledger_notes(instruction_id, noted_on);
