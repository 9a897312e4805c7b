-- 033_risk_monitoring: risk monitoring plans of their own (风险监测计划) and
-- their lines (category × hazard × jurisdiction × batches), drawing on the
-- same testing budgets as the food sampling plans; the monitoring sample's
-- plan; follow-ups of a monitoring finding (a supervision sampling task or
-- an inspection of the enterprise), linked both ways; the webhook deliveries
-- of red and orange warnings. Portable subset (see 001_core.sql).

CREATE TABLE IF NOT EXISTS risk_mplans (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  code TEXT NOT NULL, name TEXT NOT NULL, year INTEGER NOT NULL, budget_id BIGINT NOT NULL REFERENCES food_budgets(id),
  purpose TEXT, starts_on TEXT, ends_on TEXT, planned_cost BIGINT, return_note TEXT, close_note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS risk_mplans_code ON risk_mplans(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS risk_mplan_items (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  plan_id BIGINT NOT NULL REFERENCES risk_mplans(id), category_id BIGINT NOT NULL REFERENCES food_categories(id),
  analyte_id BIGINT NOT NULL REFERENCES food_analytes(id), jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
  batches INTEGER NOT NULL, cost_per_batch BIGINT NOT NULL, subtotal BIGINT, note TEXT
);
CREATE INDEX IF NOT EXISTS risk_mplan_items_plan ON risk_mplan_items(plan_id);

-- a risk-monitoring sample's plan
ALTER TABLE samples ADD COLUMN monitor_plan_id BIGINT REFERENCES risk_mplans(id);

-- every line planned on a testing budget, of the supervision plans and of
-- the monitoring plans alike: the one sum a budget is checked against
CREATE VIEW budget_lines AS
  SELECT p.budget_id AS budget_id, 'plan_items' AS entity, i.id AS line_id, i.subtotal AS subtotal
    FROM plan_items i JOIN food_plans p ON p.id = i.plan_id WHERE i.deleted = 0 AND p.deleted = 0
  UNION ALL
  SELECT p.budget_id, 'risk_mplan_items', i.id, i.subtotal
    FROM risk_mplan_items i JOIN risk_mplans p ON p.id = i.plan_id WHERE i.deleted = 0 AND p.deleted = 0;

CREATE TABLE IF NOT EXISTS risk_followups (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  kind TEXT NOT NULL, signal_id BIGINT REFERENCES risk_signals(id), sample_id BIGINT REFERENCES samples(id),
  enterprise_id BIGINT REFERENCES enterprises(id), jurisdiction_id BIGINT REFERENCES jurisdictions(id),
  unit_id BIGINT NOT NULL REFERENCES units(id), due_on TEXT, instructions TEXT NOT NULL,
  result TEXT, result_sample_id BIGINT REFERENCES samples(id), done_on TEXT, cancel_note TEXT
);
CREATE INDEX IF NOT EXISTS risk_followups_signal ON risk_followups(signal_id);
CREATE INDEX IF NOT EXISTS risk_followups_sample ON risk_followups(sample_id);

CREATE TABLE IF NOT EXISTS risk_deliveries (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  warning_id BIGINT NOT NULL REFERENCES risk_warnings(id), level TEXT NOT NULL, url TEXT NOT NULL,
  payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL, http_status INTEGER,
  last_error TEXT, delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS risk_deliveries_due ON risk_deliveries(state, next_at);
