-- 035: declarative partitioning of the tables that grow without bound, on
-- PostgreSQL only (docs/scale.md "Partitioning"). SQLite keeps plain tables:
-- everything below is one PostgreSQL section (core/migrate.c, backend
-- sections), blank on SQLite.
--
-- The audit log by month of `at`, sessions by month of `created_at`. Both
-- are rebuilt: the old table is renamed, a partitioned one made LIKE it
-- (same columns in the same order, same defaults: ids keep coming from the
-- same sequence), a partition made for every month present in the data and
-- a DEFAULT partition for anything else, the rows copied, the sequence
-- handed over, the old table dropped and the indexes made again.
-- PostgreSQL 15 requires a partitioned table's primary key and unique
-- constraints to contain the partition key: the primary keys become
-- (id, at) and (id, created_at); the audit log's (chain, seq) and the
-- sessions' token_hash lose their database-wide uniqueness (see scale.md for
-- why that is safe). Nothing references either table by foreign key.
-- Partitions for the months ahead are made by `zhijian init` and by the
-- periodic job partition_ahead (core/partitions.c), never on first write.
-- Detached partitions go to the schema zj_archive, where audit-verify reads
-- them too.
-- @postgres
CREATE SCHEMA IF NOT EXISTS zj_archive;

ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
CREATE TABLE audit_log (LIKE audit_log_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (at);
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

ALTER TABLE sessions RENAME TO sessions_unpartitioned;
CREATE TABLE sessions (LIKE sessions_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (created_at);
CREATE TABLE sessions_default PARTITION OF sessions DEFAULT;

-- one partition per month found in the data ("YYYY-MM-..." values; others
-- land in the DEFAULT partition)
DO $$
DECLARE
  t record;
  m text;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('audit_log', 'at'), ('sessions', 'created_at')) v(name, col) LOOP
    FOR m IN EXECUTE format('SELECT DISTINCT substr(%I, 1, 7) FROM %I WHERE %I ~ ''^[0-9]{4}-(0[1-9]|1[0-2])''',
                            t.col, t.name || '_unpartitioned', t.col) LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                     t.name || '_p' || replace(m, '-', ''), t.name, m || '-01',
                     to_char(to_date(m || '-01', 'YYYY-MM-DD') + interval '1 month', 'YYYY-MM-DD'));
    END LOOP;
  END LOOP;
END $$;

INSERT INTO audit_log SELECT * FROM audit_log_unpartitioned;
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
DROP TABLE audit_log_unpartitioned;
ALTER TABLE audit_log ADD PRIMARY KEY (id, at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_chain_seq ON audit_log(chain, seq);

INSERT INTO sessions SELECT * FROM sessions_unpartitioned;
ALTER SEQUENCE sessions_id_seq OWNED BY sessions.id;
DROP TABLE sessions_unpartitioned;
ALTER TABLE sessions ADD PRIMARY KEY (id, created_at);
CREATE INDEX sessions_token ON sessions(token_hash);
CREATE INDEX sessions_user ON sessions(user_id);
-- @end
