-- 007: separation of duties (三员分立) and one-time passwords.
-- Role membership is the join table user_roles (created by 001, unused until
-- now): a user holds a role by its id, never by a pattern over users.roles,
-- which stays only as the list of codes the console shows (kept in step by
-- the core). Existing lists are moved into the join table with an exact
-- match: '_' is escaped, since in LIKE it matches any character (a role
-- renamed 's_cadmin' matched every 'secadmin').
INSERT INTO user_roles (user_id, role_id)
  SELECT u.id, r.id FROM users u JOIN roles r ON r.deleted = 0
   AND (',' || replace(COALESCE(u.roles, ''), ' ', '') || ',') LIKE ('%,' || replace(r.code, '_', '\_') || ',%') ESCAPE '\'
  WHERE 1 = 1
  ON CONFLICT DO NOTHING;
CREATE INDEX IF NOT EXISTS user_roles_role ON user_roles(role_id);

-- A password an administrator issued (reset) stops working at this instant
-- unless the user has replaced it (GB/T 22239-2019 8.1.4.1 a).
ALTER TABLE users ADD COLUMN password_expires_at TEXT;

-- Administrator resets: who asked, who approved (a privileged account needs
-- a second administrator), when the one-time password was issued and until
-- when it works. The password itself is never stored, only its hash on users.
CREATE TABLE IF NOT EXISTS password_resets (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL,
  requested_by BIGINT NOT NULL, requested_at TEXT NOT NULL,
  approved_by BIGINT, approved_at TEXT,
  issued_at TEXT, expires_at TEXT
);
CREATE INDEX IF NOT EXISTS password_resets_user ON password_resets(user_id, state);
