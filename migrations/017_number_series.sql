-- 017: one numbering service (src/core/numbering.c). A series ("cases.filing",
-- "samples.code" ...) counts per period (a year "2026", or a day "20260212");
-- the next number is taken by one upsert in the transaction of the record it
-- numbers, so a rollback gives it back (gap-free) and concurrent writers queue
-- on the series row (safe on SQLite and PostgreSQL).
CREATE TABLE IF NOT EXISTS number_series (
  series TEXT NOT NULL,
  period TEXT NOT NULL,
  last_no BIGINT NOT NULL,
  PRIMARY KEY (series, period)
);
-- Counters of an existing database start where its numbers are.
INSERT INTO number_series (series, period, last_no)
  SELECT 'cases.filing', CAST(filing_year AS TEXT), MAX(filing_seq) FROM cases
  WHERE filing_year IS NOT NULL AND filing_seq IS NOT NULL GROUP BY filing_year;
INSERT INTO number_series (series, period, last_no)
  SELECT 'cases.decision', CAST(decision_year AS TEXT), MAX(decision_seq) FROM cases
  WHERE decision_year IS NOT NULL AND decision_seq IS NOT NULL GROUP BY decision_year;
