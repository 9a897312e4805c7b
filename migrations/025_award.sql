-- 025_award: the Government Quality Award (政府质量奖) scored on GB/T
-- 19580-2012 — criteria with their points, rounds, applications, experts,
-- assignments and item scores — and the annual food-safety target
-- assessment of the district, banner and county governments with its
-- one-vote veto (一票否决): years, indicators, veto conditions, the
-- governments assessed, their indicator scores and veto findings. Portable
-- subset (see 001_core.sql); every entity table carries the system columns,
-- and `state` where it has a workflow.

CREATE TABLE IF NOT EXISTS aw_criteria (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, points INTEGER NOT NULL,
  kind TEXT NOT NULL, edition TEXT NOT NULL, sort INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS aw_criteria_code ON aw_criteria(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS aw_rounds (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  year INTEGER NOT NULL, title TEXT NOT NULL, budget_fen BIGINT NOT NULL, aggregation TEXT NOT NULL,
  trim_n INTEGER, spread_threshold INTEGER NOT NULL, min_years INTEGER NOT NULL, violation_years INTEGER NOT NULL,
  award_places INTEGER NOT NULL, award_fen BIGINT NOT NULL, award_min INTEGER NOT NULL,
  nomination_places INTEGER NOT NULL, nomination_fen BIGINT NOT NULL, nomination_min INTEGER NOT NULL,
  call_on TEXT, closes_on TEXT, notice_from TEXT, objections TEXT, decision_no TEXT, paid_on TEXT,
  allocated_fen BIGINT, allocation_note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS aw_rounds_year ON aw_rounds(year) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS aw_applications (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  round_id BIGINT NOT NULL REFERENCES aw_rounds(id), enterprise_id BIGINT NOT NULL REFERENCES enterprises(id), applicant TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), founded_on TEXT NOT NULL, self_assessment TEXT NOT NULL,
  report_file TEXT, contact TEXT, eligible INTEGER, eligibility_note TEXT, review_note TEXT, visit_on TEXT,
  visit_note TEXT, total TEXT, category_scores TEXT, spread TEXT, flagged INTEGER, flagged_items TEXT, consensus_note TEXT,
  rank INTEGER, level TEXT, prize_fen BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS aw_applications_one ON aw_applications(round_id, enterprise_id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS aw_applications_ent ON aw_applications(enterprise_id);

CREATE TABLE IF NOT EXISTS aw_experts (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL, user_id BIGINT REFERENCES users(id), employer_id BIGINT REFERENCES enterprises(id),
  specialty TEXT, title TEXT, active INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS aw_experts_user ON aw_experts(user_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS aw_assignments (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  application_id BIGINT NOT NULL REFERENCES aw_applications(id), expert_id BIGINT NOT NULL REFERENCES aw_experts(id),
  declared_conflict INTEGER, conflict_note TEXT, expert_total TEXT, submitted_at TEXT, title TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS aw_assignments_one ON aw_assignments(application_id, expert_id) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS aw_assignments_expert ON aw_assignments(expert_id);

CREATE TABLE IF NOT EXISTS aw_scores (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  assignment_id BIGINT NOT NULL REFERENCES aw_assignments(id), criterion_id BIGINT NOT NULL REFERENCES aw_criteria(id),
  band INTEGER NOT NULL, score TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS aw_scores_one ON aw_scores(assignment_id, criterion_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS as_years (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  year INTEGER NOT NULL, title TEXT NOT NULL, excellent_min INTEGER NOT NULL, good_min INTEGER NOT NULL,
  pass_min INTEGER NOT NULL, published_on TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS as_years_year ON as_years(year) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS as_indicators (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  year_id BIGINT NOT NULL REFERENCES as_years(id), name TEXT NOT NULL, weight INTEGER NOT NULL,
  method TEXT NOT NULL, rule TEXT, sort INTEGER
);
CREATE INDEX IF NOT EXISTS as_indicators_year ON as_indicators(year_id);

CREATE TABLE IF NOT EXISTS as_vetoes (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  year_id BIGINT NOT NULL REFERENCES as_years(id), name TEXT NOT NULL, basis TEXT
);
CREATE INDEX IF NOT EXISTS as_vetoes_year ON as_vetoes(year_id);

CREATE TABLE IF NOT EXISTS as_govs (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  year_id BIGINT NOT NULL REFERENCES as_years(id), jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), gov_name TEXT,
  self_report TEXT, evidence TEXT, review_note TEXT, total TEXT, vetoed INTEGER, veto_grounds TEXT, rank INTEGER,
  result TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS as_govs_one ON as_govs(year_id, jurisdiction_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS as_scores (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  gov_id BIGINT NOT NULL REFERENCES as_govs(id), indicator_id BIGINT NOT NULL REFERENCES as_indicators(id),
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), self_score INTEGER, score INTEGER, evidence TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS as_scores_one ON as_scores(gov_id, indicator_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS as_findings (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  gov_id BIGINT NOT NULL REFERENCES as_govs(id), veto_id BIGINT NOT NULL REFERENCES as_vetoes(id),
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), found_on TEXT NOT NULL, grounds TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS as_findings_gov ON as_findings(gov_id);
