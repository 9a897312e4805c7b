-- 003_food: food-safety supervision sampling (食品安全监督抽检).
-- Reference data (classification tree, analytes, limits, test-item templates,
-- deadline rules, the lab list), budgets, plans and tasks, samples with their
-- chain of custody, specifications, results with verdict traces, 复检, 异议,
-- disposals and publications. Portable subset (see 001_core.sql); every
-- entity table has the system columns, and `state` when it has a workflow.

CREATE TABLE IF NOT EXISTS food_categories (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, level TEXT NOT NULL,
  parent_id BIGINT REFERENCES food_categories(id), aliases TEXT, path TEXT, source TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_categories_code ON food_categories(code) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS food_categories_parent ON food_categories(parent_id);

CREATE TABLE IF NOT EXISTS food_analytes (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, aliases TEXT, kind TEXT NOT NULL,
  microbial INTEGER NOT NULL DEFAULT 0, unit TEXT, method TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_analytes_code ON food_analytes(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS food_limits (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, standard TEXT NOT NULL, edition TEXT NOT NULL, clause TEXT,
  effective_from TEXT NOT NULL, effective_to TEXT,
  category_id BIGINT NOT NULL REFERENCES food_categories(id), analyte_id BIGINT NOT NULL REFERENCES food_analytes(id),
  comparator TEXT NOT NULL, value TEXT, value_hi TEXT, unit TEXT NOT NULL, basis TEXT, method TEXT NOT NULL DEFAULT 'full',
  rounding_interval TEXT, exclusions TEXT, status TEXT, source_ref TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_limits_code ON food_limits(code) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS food_limits_analyte ON food_limits(analyte_id, category_id);

CREATE TABLE IF NOT EXISTS test_templates (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  category_id BIGINT NOT NULL REFERENCES food_categories(id), analyte_id BIGINT NOT NULL REFERENCES food_analytes(id),
  method TEXT, lod TEXT, unit TEXT, sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS test_templates_uniq ON test_templates(category_id, analyte_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS food_deadline_rules (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, n INTEGER NOT NULL, unit TEXT NOT NULL,
  article TEXT, status TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_deadline_rules_code ON food_deadline_rules(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS food_labs (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id BIGINT NOT NULL REFERENCES units(id), retest_listed INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1, scope TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_labs_unit ON food_labs(unit_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS food_budgets (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL, name TEXT NOT NULL, year INTEGER NOT NULL, amount BIGINT NOT NULL, source TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_budgets_code ON food_budgets(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS food_plans (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  code TEXT NOT NULL, name TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL,
  budget_id BIGINT NOT NULL REFERENCES food_budgets(id), starts_on TEXT, ends_on TEXT, description TEXT,
  planned_cost BIGINT, return_note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS food_plans_code ON food_plans(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS plan_items (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  plan_id BIGINT NOT NULL REFERENCES food_plans(id), category_id BIGINT NOT NULL REFERENCES food_categories(id),
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), link TEXT NOT NULL, batches INTEGER NOT NULL,
  cost_per_batch BIGINT NOT NULL, items TEXT, subtotal BIGINT
);
CREATE INDEX IF NOT EXISTS plan_items_plan ON plan_items(plan_id);

CREATE TABLE IF NOT EXISTS sampling_tasks (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  code TEXT NOT NULL, plan_id BIGINT NOT NULL REFERENCES food_plans(id), plan_item_id BIGINT REFERENCES plan_items(id),
  sampling_unit_id BIGINT NOT NULL REFERENCES units(id), lab_unit_id BIGINT REFERENCES units(id),
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), category_id BIGINT REFERENCES food_categories(id),
  link TEXT, quota INTEGER NOT NULL, due_on TEXT, note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS sampling_tasks_code ON sampling_tasks(code) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS samples (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  code TEXT NOT NULL, kind TEXT NOT NULL, task_id BIGINT REFERENCES sampling_tasks(id), plan_id BIGINT REFERENCES food_plans(id),
  link TEXT NOT NULL, enterprise_id BIGINT NOT NULL REFERENCES enterprises(id), place TEXT,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
  producer_id BIGINT REFERENCES enterprises(id), producer_name TEXT, producer_address TEXT, producer_division TEXT,
  food_id BIGINT NOT NULL REFERENCES food_categories(id), category_id BIGINT REFERENCES food_categories(id),
  product_name TEXT NOT NULL, brand TEXT, specification TEXT, batch_no TEXT, production_date TEXT, expiry_date TEXT,
  quantity TEXT, sample_base TEXT, unit_price BIGINT, purchase_cost BIGINT, items TEXT,
  lab_unit_id BIGINT REFERENCES units(id), photos TEXT, seal_no TEXT, samplers TEXT, enterprise_signer TEXT,
  sampled_at TEXT NOT NULL, sampled_on TEXT, delivered_at TEXT, received_at TEXT, tested_at TEXT, reported_at TEXT,
  approved_at TEXT, notified_at TEXT, served_at TEXT, report_no TEXT, review_note TEXT,
  conclusion TEXT, conclusion_note TEXT, retest_conclusion TEXT, final_conclusion TEXT, enforcement_basis INTEGER,
  backup_keep_until TEXT, retest_deadline TEXT, objection_deadline TEXT,
  publication_id BIGINT, cancel_reason TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS samples_code ON samples(code) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS samples_juris ON samples(jurisdiction_id, id);
CREATE INDEX IF NOT EXISTS samples_final ON samples(final_conclusion, sampled_on, category_id, jurisdiction_id);
CREATE INDEX IF NOT EXISTS samples_task ON samples(task_id);
CREATE INDEX IF NOT EXISTS samples_publication ON samples(publication_id);

CREATE TABLE IF NOT EXISTS sample_specs (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  sample_id BIGINT NOT NULL REFERENCES samples(id), item TEXT NOT NULL, analyte_id BIGINT REFERENCES food_analytes(id),
  source TEXT NOT NULL, reference TEXT NOT NULL, limit_expr TEXT NOT NULL, unit TEXT NOT NULL, method TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
CREATE INDEX IF NOT EXISTS sample_specs_sample ON sample_specs(sample_id);

CREATE TABLE IF NOT EXISTS results (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  sample_id BIGINT NOT NULL REFERENCES samples(id), item TEXT NOT NULL, analyte_id BIGINT REFERENCES food_analytes(id),
  value TEXT NOT NULL, unit TEXT NOT NULL, lod TEXT, method TEXT, analyst TEXT, tested_on TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), verdict TEXT, limit_id BIGINT REFERENCES food_limits(id),
  limit_text TEXT, standard_ref TEXT, judged_value TEXT, trace TEXT, needs_decision INTEGER,
  decided_verdict TEXT, decision_note TEXT, decided_by TEXT
);
CREATE INDEX IF NOT EXISTS results_sample ON results(sample_id);

CREATE TABLE IF NOT EXISTS retests (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  sample_id BIGINT NOT NULL REFERENCES samples(id), applicant_id BIGINT REFERENCES enterprises(id),
  applied_on TEXT NOT NULL, received_on TEXT NOT NULL, items TEXT, reason TEXT, fee BIGINT, fee_paid INTEGER,
  late INTEGER, refusal_reason TEXT, refusal_note TEXT, retest_lab_id BIGINT REFERENCES units(id), draw_note TEXT,
  backup_received_on TEXT, retest_report_no TEXT, retest_result TEXT, retest_conclusion TEXT, fee_borne_by TEXT,
  jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
CREATE INDEX IF NOT EXISTS retests_sample ON retests(sample_id);

CREATE TABLE IF NOT EXISTS objections (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  sample_id BIGINT NOT NULL REFERENCES samples(id), applicant_id BIGINT REFERENCES enterprises(id),
  kind TEXT NOT NULL, received_on TEXT NOT NULL, content TEXT NOT NULL, late INTEGER,
  outcome TEXT, reply TEXT, jurisdiction_id BIGINT REFERENCES jurisdictions(id)
);
CREATE INDEX IF NOT EXISTS objections_sample ON objections(sample_id);

CREATE TABLE IF NOT EXISTS disposals (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  sample_id BIGINT NOT NULL REFERENCES samples(id), kind TEXT NOT NULL,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), enterprise_id BIGINT REFERENCES enterprises(id),
  target_name TEXT, target_region TEXT, opened_on TEXT, due_on TEXT, extension_reason TEXT,
  measures TEXT, recall TEXT, cause TEXT, rectification TEXT, case_ref TEXT, outcome TEXT,
  notified_to TEXT, notified_on TEXT, cancel_reason TEXT, enforcement_basis INTEGER
);
CREATE INDEX IF NOT EXISTS disposals_sample ON disposals(sample_id);
CREATE INDEX IF NOT EXISTS disposals_juris ON disposals(jurisdiction_id, id);

CREATE TABLE IF NOT EXISTS publications (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  announcement_no TEXT NOT NULL, title TEXT NOT NULL, issuer TEXT, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
  published_on TEXT, sample_count INTEGER, withdraw_reason TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS publications_no ON publications(announcement_no) WHERE deleted = 0;
