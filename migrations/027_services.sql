-- 027_services: services to enterprises and parks under public commitments
-- (服务承诺), service requests from enterprises and parks with their
-- committed time limits, park cooperation agreements, joint meetings and
-- their follow-ups, and complaints about the bureau's own conduct (政风行风).
-- Portable subset (see 001_core.sql); every entity table carries the system
-- columns, and `state` where it has a workflow.

CREATE TABLE IF NOT EXISTS svc_commitments (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  code TEXT NOT NULL, title TEXT NOT NULL, measure TEXT NOT NULL, content TEXT NOT NULL,
  time_limit_days INTEGER, request_kind TEXT, basis TEXT, published_on TEXT, withdraw_reason TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS svc_commitments_code ON svc_commitments(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS svc_requests (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  enterprise_id BIGINT REFERENCES enterprises(id), park TEXT, kind TEXT NOT NULL, subject TEXT NOT NULL,
  detail TEXT, contact TEXT, phone TEXT, received_on TEXT NOT NULL,
  commitment_id BIGINT REFERENCES svc_commitments(id), time_limit_days INTEGER, due_on TEXT,
  size TEXT, small_micro INTEGER, in_park INTEGER, jurisdiction_id BIGINT REFERENCES jurisdictions(id),
  handler TEXT, reply TEXT, replied_on TEXT, on_time INTEGER, rating INTEGER, rating_note TEXT,
  escalated_on TEXT, reason TEXT
);
CREATE INDEX IF NOT EXISTS svc_requests_juris ON svc_requests(jurisdiction_id, id);
CREATE INDEX IF NOT EXISTS svc_requests_enterprise ON svc_requests(enterprise_id);
CREATE INDEX IF NOT EXISTS svc_requests_commitment ON svc_requests(commitment_id);
-- the escalation scan (open and past due) and the yearly report
CREATE INDEX IF NOT EXISTS svc_requests_due ON svc_requests(state, due_on);
CREATE INDEX IF NOT EXISTS svc_requests_received ON svc_requests(received_on, kind);

CREATE TABLE IF NOT EXISTS svc_agreements (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL, park TEXT NOT NULL, parties TEXT NOT NULL, signed_on TEXT NOT NULL, valid_to TEXT,
  commitments TEXT, jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
CREATE INDEX IF NOT EXISTS svc_agreements_juris ON svc_agreements(jurisdiction_id, id);

CREATE TABLE IF NOT EXISTS svc_meetings (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  agreement_id BIGINT REFERENCES svc_agreements(id), park TEXT NOT NULL, held_on TEXT NOT NULL, place TEXT,
  participants TEXT NOT NULL, decisions TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS svc_meetings_agreement ON svc_meetings(agreement_id);

CREATE TABLE IF NOT EXISTS svc_followups (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  meeting_id BIGINT NOT NULL REFERENCES svc_meetings(id), task TEXT NOT NULL, unit_id BIGINT REFERENCES units(id),
  due_on TEXT NOT NULL, result TEXT, done_on TEXT
);
CREATE INDEX IF NOT EXISTS svc_followups_meeting ON svc_followups(meeting_id);
CREATE INDEX IF NOT EXISTS svc_followups_unit ON svc_followups(unit_id);

CREATE TABLE IF NOT EXISTS svc_conduct (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  received_on TEXT NOT NULL, channel TEXT NOT NULL, complainant TEXT, phone TEXT,
  about_unit_id BIGINT REFERENCES units(id), about_staff TEXT, subject TEXT NOT NULL, content TEXT NOT NULL,
  handling_note TEXT, finding TEXT, result TEXT, concluded_on TEXT, reason TEXT
);
CREATE INDEX IF NOT EXISTS svc_conduct_received ON svc_conduct(received_on);
CREATE INDEX IF NOT EXISTS svc_conduct_unit ON svc_conduct(about_unit_id);
