-- 011: a result states the basis it was measured on (GB 2762-2022: 稻谷以糙米计,
-- 乳粉按生乳折算, edible part ...) and carries the basis of the limit it was
-- judged against, shown at entry (docs/food.md, "Basis").
ALTER TABLE results ADD COLUMN basis TEXT;
ALTER TABLE results ADD COLUMN limit_basis TEXT;
