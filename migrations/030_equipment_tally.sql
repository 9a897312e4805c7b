-- Special equipment at national scale (issue 15 §10).
-- The count of units by due date, state, district and category, kept by the
-- core at every write of a unit (core/tally.h, equipment_units' tally): the
-- overdue count by district and category sums the months before this one
-- (eq_due_tally_month) and the days of this month before today here, instead
-- of walking every overdue unit's index entry. The due date is a key, so no
-- refresh is needed as days pass.
CREATE TABLE IF NOT EXISTS eq_due_tally (
  next_due TEXT NOT NULL, state TEXT NOT NULL, jurisdiction_id BIGINT NOT NULL, category TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_due_tally_key ON eq_due_tally(next_due, state, jurisdiction_id, category);
INSERT INTO eq_due_tally (next_due, state, jurisdiction_id, category, n)
  SELECT next_due, state, jurisdiction_id, category, COUNT(*) FROM eq_units
  WHERE deleted = 0 AND state IN ('registered', 'in_use') AND next_due IS NOT NULL
  GROUP BY next_due, state, jurisdiction_id, category;
-- the same by due month ('2026-12'): the months before this one are summed
-- here, the days of this month before today in eq_due_tally
CREATE TABLE IF NOT EXISTS eq_due_tally_month (
  due_month TEXT NOT NULL, state TEXT NOT NULL, jurisdiction_id BIGINT NOT NULL, category TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS eq_due_tally_month_key ON eq_due_tally_month(due_month, state, jurisdiction_id, category);
INSERT INTO eq_due_tally_month (due_month, state, jurisdiction_id, category, n)
  SELECT substr(next_due, 1, 7), state, jurisdiction_id, category, COUNT(*) FROM eq_units
  WHERE deleted = 0 AND state IN ('registered', 'in_use') AND next_due IS NOT NULL
  GROUP BY substr(next_due, 1, 7), state, jurisdiction_id, category;
-- A reader counted from the units themselves (scope by own records or unit)
-- walks the overdue units in use only; the old index, led by state, also drew
-- the planner away from eq_units_due (next_due, id) for the due list, which
-- then sorted every unit due in the window before its first page.
DROP INDEX IF EXISTS eq_units_overdue;
CREATE INDEX IF NOT EXISTS eq_units_overdue_live ON eq_units(next_due, jurisdiction_id, category)
  WHERE deleted = 0 AND state = 'in_use';
