-- 020_equipment: special equipment (特种设备): the register of units with
-- their status lifecycle and the dates the interval engine gives, the
-- versioned rule table, applications for inspection (报检), inspections,
-- defects, inspectors and the monthly schedule, due/overdue notices,
-- operators, maintenance units and their visits, accidents. Portable subset
-- (see 001_core.sql); every entity table carries the system columns, and
-- `state` where it has a workflow.

CREATE TABLE IF NOT EXISTS eq_maintainers (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL, uscc TEXT, licence_no TEXT NOT NULL, licence_expires_on TEXT, emergency_phone TEXT NOT NULL,
  address TEXT, jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id)
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_maintainers_name ON eq_maintainers(name) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS eq_units (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  equipment_code TEXT NOT NULL, reg_cert_no TEXT, category TEXT NOT NULL, type TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES enterprises(id), maintainer_id BIGINT REFERENCES eq_maintainers(id),
  location TEXT NOT NULL, jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
  manufacturer TEXT, model TEXT, made_on TEXT, commissioned_on TEXT NOT NULL, grade INTEGER, boiler_kind TEXT,
  params TEXT, schedule_mode TEXT, base_on TEXT, pilot INTEGER, maint_days INTEGER,
  last_inspected_on TEXT, last_conclusion TEXT, next_due TEXT, request_by TEXT, due_kind TEXT, due_basis TEXT,
  due_note TEXT, usable INTEGER, last_maint_on TEXT, public_token TEXT NOT NULL, status_on TEXT, status_note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_units_code ON eq_units(equipment_code) WHERE deleted = 0;
CREATE UNIQUE INDEX IF NOT EXISTS eq_units_token ON eq_units(public_token) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS eq_units_juris ON eq_units(jurisdiction_id, id);
CREATE INDEX IF NOT EXISTS eq_units_user ON eq_units(user_id);
CREATE INDEX IF NOT EXISTS eq_units_maint ON eq_units(maintainer_id);
-- the due list (keyset on next_due, id) and the overdue count by district and category
CREATE INDEX IF NOT EXISTS eq_units_due ON eq_units(next_due, id);
CREATE INDEX IF NOT EXISTS eq_units_overdue ON eq_units(state, next_due, jurisdiction_id, category);

CREATE TABLE IF NOT EXISTS eq_rules (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  category TEXT NOT NULL, type TEXT, kind TEXT NOT NULL, grade INTEGER, first_after INTEGER, months INTEGER,
  months_min INTEGER, months_max INTEGER, schedule TEXT, usable INTEGER, monitored INTEGER, early INTEGER,
  status TEXT, days INTEGER, regulation TEXT NOT NULL, clause TEXT, effective TEXT NOT NULL, note_zh TEXT, note_en TEXT
);

CREATE TABLE IF NOT EXISTS eq_inspectors (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL, user_id BIGINT REFERENCES users(id), cert_no TEXT, qualifications TEXT NOT NULL,
  daily_capacity INTEGER NOT NULL, active INTEGER
);

CREATE TABLE IF NOT EXISTS eq_inspections (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id BIGINT NOT NULL REFERENCES eq_units(id), kind TEXT NOT NULL, inspected_on TEXT NOT NULL,
  conclusion TEXT NOT NULL, grade INTEGER, chosen_months INTEGER, inspector_id BIGINT REFERENCES eq_inspectors(id),
  report_no TEXT, recheck_of BIGINT REFERENCES eq_inspections(id), findings TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), next_due TEXT, request_by TEXT, basis TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_inspections_report ON eq_inspections(report_no) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS eq_inspections_unit ON eq_inspections(unit_id, inspected_on);

CREATE TABLE IF NOT EXISTS eq_applications (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  unit_id BIGINT NOT NULL REFERENCES eq_units(id), kind TEXT NOT NULL, applied_on TEXT NOT NULL, wanted_on TEXT,
  contact TEXT, phone TEXT, note TEXT, due_on TEXT, user_id BIGINT REFERENCES enterprises(id),
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), inspector_id BIGINT REFERENCES eq_inspectors(id),
  planned_on TEXT, inspection_id BIGINT REFERENCES eq_inspections(id), reason TEXT
);
CREATE INDEX IF NOT EXISTS eq_applications_unit ON eq_applications(unit_id, state);

CREATE TABLE IF NOT EXISTS eq_defects (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  inspection_id BIGINT NOT NULL REFERENCES eq_inspections(id), unit_id BIGINT REFERENCES eq_units(id),
  description TEXT NOT NULL, rectify_by TEXT NOT NULL, rectified_on TEXT, measures TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
CREATE INDEX IF NOT EXISTS eq_defects_unit ON eq_defects(unit_id);

CREATE TABLE IF NOT EXISTS eq_schedule (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  month TEXT NOT NULL, unit_id BIGINT NOT NULL REFERENCES eq_units(id),
  inspector_id BIGINT NOT NULL REFERENCES eq_inspectors(id), planned_on TEXT NOT NULL, place TEXT,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id)
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_schedule_unit ON eq_schedule(month, unit_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS eq_notices (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL, unit_id BIGINT NOT NULL REFERENCES eq_units(id), issued_on TEXT NOT NULL, due_on TEXT,
  request_by TEXT, article TEXT, message TEXT NOT NULL, user_id BIGINT REFERENCES enterprises(id),
  maintainer_id BIGINT REFERENCES eq_maintainers(id), case_id BIGINT REFERENCES cases(id),
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), handled_on TEXT, handling_note TEXT
);
-- one notice per unit, kind and due date: the daily scan is idempotent
CREATE UNIQUE INDEX IF NOT EXISTS eq_notices_once ON eq_notices(unit_id, kind, due_on) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS eq_operators (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL, id_no TEXT, employer_id BIGINT REFERENCES enterprises(id), unit_id BIGINT REFERENCES eq_units(id),
  cert_kind TEXT NOT NULL, cert_no TEXT NOT NULL, cert_issued_on TEXT, cert_expires_on TEXT NOT NULL,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id)
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_operators_cert ON eq_operators(cert_no) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS eq_maintenance (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id BIGINT NOT NULL REFERENCES eq_units(id), maintainer_id BIGINT REFERENCES eq_maintainers(id),
  visited_on TEXT NOT NULL, kind TEXT NOT NULL, worker TEXT, note TEXT, jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
CREATE INDEX IF NOT EXISTS eq_maintenance_unit ON eq_maintenance(unit_id, visited_on);

CREATE TABLE IF NOT EXISTS eq_accidents (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id BIGINT NOT NULL REFERENCES eq_units(id), occurred_on TEXT NOT NULL, level TEXT NOT NULL, deaths INTEGER,
  injuries INTEGER, loss_fen BIGINT, description TEXT NOT NULL, cause TEXT, reported_on TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
