-- 006: the supervisor's "failed samples by category and district this year"
-- reads only this year's failures, already in group order: the key is
-- (final_conclusion, deleted, year of sampling, category, district), so the
-- widget is one equality seek and a walk with no sort for the GROUP BY. A
-- date-range key (samples_final_cover, kept for the publication queries)
-- made it sort every failure of the year: 20 ms at 10,000,000 results,
-- against 7 ms for this one (bench/run_food, docs/food.md §9).
CREATE INDEX IF NOT EXISTS samples_failed_year ON samples(final_conclusion, deleted, substr(sampled_on, 1, 4), category_id, jurisdiction_id, sampled_on);
