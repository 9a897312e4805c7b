-- 013: the penalty procedure to the letter (issue 12 points 11-19, docs/cases.md §11).
-- What the prior notice named (行政处罚法 Arts. 44, 62), the party's written waiver,
-- the demand (催告) and the application to the court (行政强制法 Arts. 53, 54),
-- the bureau's reconsideration body, court and ways to pay (Arts. 59, 67),
-- suspension periods with their approval (Arts. 66, 73), periods of a seizure
-- (行政强制法 Art. 25), frozen documents with their SHA-256, and report rewards.
ALTER TABLE cases ADD COLUMN notified_kinds TEXT;
ALTER TABLE cases ADD COLUMN notified_fine_fen BIGINT;
ALTER TABLE cases ADD COLUMN notice_count INTEGER;
ALTER TABLE cases ADD COLUMN statement_waived_on TEXT;
ALTER TABLE cases ADD COLUMN waiver_note TEXT;
ALTER TABLE cases ADD COLUMN demand_served_on TEXT;
ALTER TABLE cases ADD COLUMN enforcement_court TEXT;

ALTER TABLE case_periods ADD COLUMN measure_id BIGINT REFERENCES case_measures(id);
ALTER TABLE case_periods ADD COLUMN approved_on TEXT;
ALTER TABLE case_periods ADD COLUMN approver TEXT;
CREATE INDEX IF NOT EXISTS case_periods_measure ON case_periods(measure_id);

ALTER TABLE case_rules ADD COLUMN reconsideration_body TEXT;
ALTER TABLE case_rules ADD COLUMN court TEXT;
ALTER TABLE case_rules ADD COLUMN payment_bank TEXT;
ALTER TABLE case_rules ADD COLUMN payment_online TEXT;
UPDATE case_rules SET reconsideration_body = '包头市人民政府', court = '包头市昆都仑区人民法院',
  payment_bank = '本机关指定的罚没款代收银行', payment_online = '内蒙古自治区非税收入电子缴款系统'
 WHERE reconsideration_body IS NULL;

-- An issued or served document exactly as it went out: never updated, never deleted.
CREATE TABLE IF NOT EXISTS case_documents (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL,
  number TEXT, doc_date TEXT, content TEXT NOT NULL, sha256 TEXT NOT NULL, content_masked TEXT NOT NULL,
  frozen_by TEXT, jurisdiction_id BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS case_documents_seq ON case_documents(case_id, kind, seq);

CREATE TABLE IF NOT EXISTS report_rewards (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  complaint_id BIGINT NOT NULL REFERENCES complaints(id), case_id BIGINT REFERENCES cases(id), level TEXT NOT NULL,
  grounds TEXT NOT NULL, basis_fen BIGINT, amount_fen BIGINT, proposed_on TEXT NOT NULL,
  approved_on TEXT, approver TEXT, finance_consent_on TEXT, paid_on TEXT, payment_ref TEXT,
  refused_on TEXT, refusal_reason TEXT, jurisdiction_id BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS report_rewards_complaint ON report_rewards(complaint_id) WHERE deleted = 0;

INSERT INTO dict_items (version, created_at, deleted, dict, code, label_zh, label_en, sort_order, active) VALUES
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'verification', '检定', 'Verification', 9, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'reconsideration', '行政复议期间（不计加处罚款）', 'Reconsideration (no late fee)', 10, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'litigation', '行政诉讼期间（不计加处罚款）', 'Litigation (no late fee)', 11, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'deferral', '经批准暂缓缴纳罚款', 'Approved deferral of payment', 12, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'instalment', '经批准分期缴纳罚款', 'Approved instalment plan', 13, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'report_reward_level', '1', '一级（罚没款5%，不低于5000元）', 'Level 1 (5 %, at least 5,000 yuan)', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'report_reward_level', '2', '二级（罚没款3%，不低于3000元）', 'Level 2 (3 %, at least 3,000 yuan)', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'report_reward_level', '3', '三级（罚没款1%，不低于1000元）', 'Level 3 (1 %, at least 1,000 yuan)', 3, 1)
ON CONFLICT DO NOTHING;
