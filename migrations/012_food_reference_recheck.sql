-- 012: the food reference data re-checked against the standards' text
-- (GB 2762, GB 2760-2024 表A.1, GB 31650, 公告第250号, 2011年第10号; see
-- docs/food.md §8). Shipped rows are re-seeded on upgrade: every limit row
-- and deadline rule that init inserted and nobody has edited (no creator,
-- version 1) is retired here, and the seed that `init` runs after the
-- migrations inserts the corrected rows under the same codes (the unique
-- indexes cover live rows only). Retired rows stay for the results and
-- traces that point at them. Rows an administrator created or edited are
-- kept as they are; only the internal references they carried are replaced
-- by the standard they cite, since the product shows them.
UPDATE food_limits SET deleted = 1 WHERE deleted = 0 AND created_by IS NULL AND version = 1;
UPDATE food_limits SET source_ref = standard || '-' || edition || ' ' || COALESCE(clause, '')
  WHERE source_ref LIKE 'DOMAIN%';
UPDATE food_limits SET note = replace(note, ' (DOMAIN.md §2.1 caveat)', '') WHERE note LIKE '%DOMAIN%';
UPDATE food_deadline_rules SET deleted = 1 WHERE deleted = 0 AND created_by IS NULL AND version = 1;
UPDATE food_deadline_rules SET article = replace(article, ' (F10)', '') WHERE article LIKE '% (F10)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F11)', '') WHERE article LIKE '% (F11)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F13)', '') WHERE article LIKE '% (F13)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F15)', '') WHERE article LIKE '% (F15)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F17)', '') WHERE article LIKE '% (F17)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F18)', '') WHERE article LIKE '% (F18)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F19)', '') WHERE article LIKE '% (F19)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F2)', '') WHERE article LIKE '% (F2)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F20)', '') WHERE article LIKE '% (F20)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F24)', '') WHERE article LIKE '% (F24)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F3)', '') WHERE article LIKE '% (F3)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F4)', '') WHERE article LIKE '% (F4)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F5)', '') WHERE article LIKE '% (F5)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F6)', '') WHERE article LIKE '% (F6)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F7)', '') WHERE article LIKE '% (F7)%';
UPDATE food_deadline_rules SET article = replace(article, ' (F9)', '') WHERE article LIKE '% (F9)%';
UPDATE food_deadline_rules SET note = replace(note, ' [U]', '') WHERE note LIKE '%[U]%';
UPDATE food_categories SET source = 'GB 2762-2022 附录A' WHERE source = 'DOMAIN.md §2';
