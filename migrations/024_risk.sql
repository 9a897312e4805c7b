-- 024_risk: risk monitoring and early warning (风险监测预警): the signals the
-- rules find in the food sampling results, each with its evidence and its
-- triage; warnings with their level, scope, measures and follow-ups; the
-- watch list of enterprises under intensified sampling; the parameters of
-- the rules; the cost per batch and exposure weight of each food category
-- for the risk-based plan. Portable subset (see 001_core.sql).

CREATE TABLE IF NOT EXISTS risk_params (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, value INTEGER NOT NULL, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS risk_params_code ON risk_params(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS risk_warnings (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  title TEXT NOT NULL, level TEXT NOT NULL, scope_foods TEXT NOT NULL, scope_hazards TEXT NOT NULL,
  scope_areas TEXT NOT NULL, measures TEXT NOT NULL, units_notified TEXT, issued_at TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), level_note TEXT, follow_up TEXT, close_note TEXT,
  closed_at TEXT, tip_title TEXT, tip_text TEXT, tip_published_on TEXT
);
CREATE INDEX IF NOT EXISTS risk_warnings_level ON risk_warnings(state, level);

CREATE TABLE IF NOT EXISTS risk_signals (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  signal_key TEXT NOT NULL, kind TEXT NOT NULL, detected_on TEXT NOT NULL,
  category_id BIGINT REFERENCES food_categories(id), analyte_id BIGINT REFERENCES food_analytes(id),
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), enterprise_id BIGINT REFERENCES enterprises(id),
  producer_id BIGINT REFERENCES enterprises(id), sample_ids TEXT, n INTEGER, k INTEGER, ref_n INTEGER,
  ref_k INTEGER, statistic TEXT, p_value TEXT, q_value TEXT, rule TEXT NOT NULL, evidence TEXT NOT NULL,
  dismiss_reason TEXT, warning_id BIGINT REFERENCES risk_warnings(id)
);
CREATE UNIQUE INDEX IF NOT EXISTS risk_signals_key ON risk_signals(signal_key) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS risk_signals_state ON risk_signals(state, kind);
CREATE INDEX IF NOT EXISTS risk_signals_warning ON risk_signals(warning_id);

CREATE TABLE IF NOT EXISTS risk_watch (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id), jurisdiction_id BIGINT REFERENCES jurisdictions(id),
  entered_on TEXT NOT NULL, reason TEXT NOT NULL, signal_id BIGINT REFERENCES risk_signals(id),
  petition TEXT, petition_on TEXT, exit_note TEXT, exited_on TEXT
);
CREATE INDEX IF NOT EXISTS risk_watch_enterprise ON risk_watch(enterprise_id, state);

CREATE TABLE IF NOT EXISTS risk_costs (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  category_id BIGINT NOT NULL REFERENCES food_categories(id), cost_per_batch BIGINT NOT NULL,
  weight INTEGER NOT NULL, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS risk_costs_category ON risk_costs(category_id) WHERE deleted = 0;

-- the signal a warning was raised from (added after both tables exist: each refers to the other)
ALTER TABLE risk_warnings ADD COLUMN signal_id BIGINT REFERENCES risk_signals(id);

-- 双随机 draws: the published seed, the digest of the published list, the stratum, the result
CREATE TABLE IF NOT EXISTS risk_draws (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  drawn_at TEXT NOT NULL, seed TEXT NOT NULL, list_sha256 TEXT NOT NULL, jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
  link TEXT, places INTEGER NOT NULL, team INTEGER NOT NULL, candidates INTEGER NOT NULL, inspectors INTEGER NOT NULL,
  list_text TEXT NOT NULL, result TEXT NOT NULL, conflicts TEXT
);
