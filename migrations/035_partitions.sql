-- 035: declarative partitioning of the tables that grow without bound, on
-- PostgreSQL only (docs/scale.md "Partitioning"). SQLite keeps plain tables:
-- everything below is one PostgreSQL section (core/migrate.c, backend
-- sections), blank on SQLite.
--
-- Partitioned: the audit log by month of `at`, sessions by month of
-- `created_at`, food test results by year of `created_at`. Each is rebuilt
-- the same way: the old table renamed; a partitioned one made LIKE it (same
-- columns in the same order, defaults and CHECK constraints: ids keep coming
-- from the same sequence); a partition for every month (year) present in the
-- data and a DEFAULT partition for anything else; the rows copied; the
-- sequence handed over; the old table dropped; the primary key, indexes and
-- foreign keys made again from the old table's own definitions.
-- PostgreSQL 15 requires a partitioned table's primary key and unique
-- indexes to contain the partition key: the primary keys become (id, key);
-- two unique indexes without the key are made again as plain indexes (the
-- audit log's (chain, seq) and the sessions' token_hash: scale.md says why
-- that is safe; any other stops the upgrade). Nothing references these
-- tables by foreign key (samples and complaints are referenced and have
-- unique codes: not partitioned, see scale.md). Partitions for the months
-- ahead are made by `zhijian init` and by the periodic job partition_ahead
-- (core/partitions.c), never on first write. Detached partitions go to the
-- schema zj_archive, where audit-verify reads the audit log's too.
-- @postgres
CREATE SCHEMA IF NOT EXISTS zj_archive;

DO $$
DECLARE
  t record;
  old text;
  per text;
  seq text;
  defs text[];
  fks text[];
  d text;
  v text;
  lo date;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('audit_log', 'at', 1), ('sessions', 'created_at', 1),
                                 ('results', 'created_at', 12)) x(name, col, months) LOOP
    old := t.name || '_unpartitioned';
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t.name, old);
    -- the old table's secondary indexes and foreign keys, to make again
    SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO defs
      FROM pg_index i WHERE i.indrelid = old::regclass AND NOT i.indisprimary;
    SELECT coalesce(array_agg(format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.name, c.conname,
                                     pg_get_constraintdef(c.oid))), '{}') INTO fks
      FROM pg_constraint c WHERE c.conrelid = old::regclass AND c.contype = 'f';
    seq := pg_get_serial_sequence(old, 'id');
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (%I)',
                   t.name, old, t.col);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t.name || '_default', t.name);
    -- one partition per month (year) found in the data ("YYYY-MM-..."; the rest: DEFAULT)
    per := CASE WHEN t.months = 12 THEN 'YYYY' ELSE 'YYYYMM' END;
    FOR v IN EXECUTE format('SELECT DISTINCT substr(%I, 1, 7) FROM %I WHERE %I ~ ''^[0-9]{4}-(0[1-9]|1[0-2])''',
                            t.col, old, t.col) LOOP
      lo := date_trunc(CASE WHEN t.months = 12 THEN 'year' ELSE 'month' END, to_date(v || '-01', 'YYYY-MM-DD'));
      IF to_regclass(t.name || '_p' || to_char(lo, per)) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       t.name || '_p' || to_char(lo, per), t.name, to_char(lo, 'YYYY-MM-DD'),
                       to_char(lo + make_interval(months => t.months), 'YYYY-MM-DD'));
      END IF;
    END LOOP;
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', t.name, old);
    IF seq IS NOT NULL THEN
      EXECUTE format('ALTER SEQUENCE %s OWNED BY %I.id', seq, t.name);
    END IF;
    EXECUTE format('DROP TABLE %I', old);
    EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (id, %I)', t.name, t.col);
    FOREACH d IN ARRAY defs LOOP
      d := regexp_replace(d, ' ON (\S+\.)?' || old || ' ', ' ON ' || quote_ident(t.name) || ' ');
      IF d LIKE 'CREATE UNIQUE INDEX%' AND d !~ ('[(, ]' || t.col || '[,)]') THEN
        -- only the two known ones lose their uniqueness; any other stops the upgrade
        IF d !~ '^CREATE UNIQUE INDEX (audit_chain_seq|sessions_token_hash_key) ' THEN
          RAISE EXCEPTION 'migration 035: unique index % cannot be kept on the partitioned table %', d, t.name;
        END IF;
        d := regexp_replace(d, '^CREATE UNIQUE INDEX', 'CREATE INDEX');
      END IF;
      EXECUTE d;
    END LOOP;
    FOREACH d IN ARRAY fks LOOP
      EXECUTE d;
    END LOOP;
  END LOOP;
END $$;
-- @end
