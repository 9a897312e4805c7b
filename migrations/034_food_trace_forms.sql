-- 034: compact derived data of food results (issue 19 §3). A result's verdict
-- trace and the texts derived from its limit row (标准指标, 判定依据, the
-- limit's basis) were stored whole on every row, ~1.4 KB of a row. They are
-- now stored once per "form" — the trace with the row's own values (the
-- result, the detection limit, the compared and rounded values, the
-- comparison) cut out, and the limit's texts — and each result keeps the
-- form's id and its own values (trace_args); the record, the list, the
-- exports and the documents render them on read, byte for byte as before
-- (docs/food.md, "Storage of results"). Rows written before keep their
-- stored texts, which the read path serves unchanged (a stored trace wins);
-- `zhijian food compact` moves them to forms where the form renders them
-- identically. Forms are never changed nor deleted (content-addressed by
-- hash), so an old limit row's text stays exactly as judged.
CREATE TABLE IF NOT EXISTS food_trace_forms (
  id BIGSERIAL PRIMARY KEY,
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  limit_text TEXT, standard_ref TEXT, limit_basis TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_trace_forms_hash ON food_trace_forms(hash);
-- (no foreign key: a write-only column declares none; forms are never deleted)
ALTER TABLE results ADD COLUMN trace_form BIGINT;
ALTER TABLE results ADD COLUMN trace_args TEXT;
