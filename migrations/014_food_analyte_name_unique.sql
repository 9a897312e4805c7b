-- 014: a test item's name is unique (food_analytes declares it F_UNIQUE and
-- the core checks it on every write); the schema now says so too, as for
-- every other unique field: among rows not deleted. Found by schema-check.
CREATE UNIQUE INDEX IF NOT EXISTS food_analytes_name ON food_analytes(name) WHERE deleted = 0;
