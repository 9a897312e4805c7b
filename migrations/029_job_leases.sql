-- 029: who runs a periodic job now (issue 19 §6). A lease row per job,
-- taken with one conditional UPDATE and given back when the run ends, in
-- place of PostgreSQL's session advisory lock: behind pgbouncer in
-- transaction mode a session lock is taken on one server connection and
-- released (or not) on another, so a job could stop running anywhere. A
-- node that dies mid-run leaves a lease that expires (until) and another
-- node takes it. Portable SQL: the same on SQLite.
CREATE TABLE IF NOT EXISTS job_leases (
  name TEXT PRIMARY KEY, owner TEXT, until TEXT
);
