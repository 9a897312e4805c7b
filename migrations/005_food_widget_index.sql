-- 005: the supervisor's "failed samples by category and district this year"
-- becomes an index-only scan: samples_final gains `deleted`, so the range of
-- this year's fails is read from the index alone and grouped by ids before
-- names are joined (no table lookups). The publication queries keep using it.
DROP INDEX IF EXISTS samples_final;
CREATE INDEX IF NOT EXISTS samples_final_cover ON samples(final_conclusion, sampled_on, category_id, jurisdiction_id, deleted);
