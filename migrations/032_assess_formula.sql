-- 032: an assessment indicator scored "by formula" names its formula
-- (issue 17 §5: sampling plan completion, disposals on time, complaints on
-- time, computed from the system's own records: src/modules/award/formula.c).
ALTER TABLE as_indicators ADD COLUMN formula TEXT;
