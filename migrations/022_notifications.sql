-- 022: notifications of the console's bell (issue 14 §10): one row per user
-- and event — a to-do assigned, a deadline within 3 working days, a deadline
-- passed, an opinion requested in a consultation. `event_key` names the event
-- (e.g. "todo:cases:12:filing_review"), unique per user, so an event is
-- noticed once; read_at is the user's own mark. Written through the core
-- (src/core/notify.c: crud_add / crud_set_fields, audited).
CREATE TABLE IF NOT EXISTS notifications (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  user_id BIGINT NOT NULL REFERENCES users(id), event_key TEXT NOT NULL, kind TEXT NOT NULL,
  entity TEXT NOT NULL, entity_id BIGINT NOT NULL, step TEXT, title TEXT, due TEXT, read_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS notifications_key ON notifications(user_id, event_key);
CREATE INDEX IF NOT EXISTS notifications_user ON notifications(user_id, id);
