-- 004_cases: enforcement cases (执法打假) with their dossier, the major-penalty
-- consultation (重大行政处罚会商), complaints and reports (12315/12365), and
-- the bureau's case rules. Portable subset (see 001_core.sql); every entity
-- table carries the system columns, and `state` where it has a workflow.

CREATE TABLE IF NOT EXISTS case_rules (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  effective_from TEXT NOT NULL, natural_major_fen BIGINT NOT NULL, legal_major_fen BIGINT NOT NULL,
  natural_hearing_fen BIGINT NOT NULL, legal_hearing_fen BIGINT NOT NULL,
  major_on_revocation INTEGER NOT NULL DEFAULT 1, major_on_stop INTEGER NOT NULL DEFAULT 1,
  major_on_public_interest INTEGER NOT NULL DEFAULT 1, legal_review_all INTEGER NOT NULL DEFAULT 0,
  quorum_pct INTEGER NOT NULL, near_due_days INTEGER NOT NULL, roll_art203 INTEGER NOT NULL DEFAULT 0,
  bureau_name TEXT NOT NULL, filing_word TEXT NOT NULL, notice_word TEXT NOT NULL, hearing_word TEXT NOT NULL,
  decision_word TEXT NOT NULL, consult_units TEXT NOT NULL, basis TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS case_rules_from ON case_rules(effective_from) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS complaints (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  tracking_no TEXT, kind TEXT NOT NULL, channel TEXT NOT NULL, received_on TEXT NOT NULL,
  complainant_name TEXT, complainant_phone TEXT, complainant_address TEXT, complainant_id_no TEXT,
  respondent_name TEXT NOT NULL, respondent_address TEXT, enterprise_id BIGINT REFERENCES enterprises(id),
  jurisdiction_id BIGINT REFERENCES jurisdictions(id), goods_or_service TEXT, incident_on TEXT,
  facts TEXT NOT NULL, request TEXT, linked_id BIGINT, decided_on TEXT, refusal_ground TEXT, refusal_note TEXT,
  mediation_consent INTEGER, mediation_ended_on TEXT, mediation_result TEXT, mediation_agreement TEXT,
  parties_informed_on TEXT, case_id BIGINT, reporter_informed_on TEXT, handling_note TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS complaints_tracking ON complaints(tracking_no) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS complaints_received ON complaints(received_on, id);
CREATE INDEX IF NOT EXISTS complaints_case ON complaints(case_id);

CREATE TABLE IF NOT EXISTS cases (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  case_no TEXT, title TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, source_entity TEXT, source_id BIGINT,
  source_note TEXT, complaint_id BIGINT REFERENCES complaints(id), received_on TEXT NOT NULL,
  jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id), enterprise_id BIGINT REFERENCES enterprises(id),
  party_name TEXT NOT NULL, party_type TEXT NOT NULL, party_uscc TEXT, party_id_no TEXT, party_rep TEXT,
  party_address TEXT, party_phone TEXT, officers TEXT, summary TEXT NOT NULL,
  public_interest INTEGER, complex INTEGER, major_manual INTEGER, is_major INTEGER, major_reasons TEXT,
  cause TEXT, filing_opinion TEXT, filing_year INTEGER, filing_seq INTEGER, filed_on TEXT, filing_decided_on TEXT,
  no_case_reason TEXT, report_on TEXT, findings TEXT, legal_basis TEXT, penalty_kinds TEXT,
  proposed_fine_fen BIGINT, confiscation_fen BIGINT, review_sent_on TEXT, reviewed_on TEXT, legal_opinion TEXT,
  review_result TEXT, notice_served_on TEXT, statement_summary TEXT, hearing_requested_on TEXT,
  hearing_notice_on TEXT, hearing_on TEXT, hearing_place TEXT, hearing_held_on TEXT, hearing_summary TEXT,
  discussion_on TEXT, discussion_participants TEXT, discussion_conclusion TEXT,
  consultation_outcome TEXT, consultation_dissent TEXT,
  decided_on TEXT, fine_fen BIGINT, decision_summary TEXT, decision_no TEXT, decision_year INTEGER,
  decision_seq INTEGER, no_penalty_reason TEXT, served_on TEXT, service_method TEXT, paid_on TEXT,
  paid_fen BIGINT, late_fee_fen BIGINT, enforcement_on TEXT, published_on TEXT,
  transfer_on TEXT, transfer_to TEXT, transfer_reason TEXT, closed_on TEXT, closure_summary TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS cases_filing_no ON cases(filing_year, filing_seq) WHERE deleted = 0;
CREATE UNIQUE INDEX IF NOT EXISTS cases_decision_no ON cases(decision_year, decision_seq) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cases_juris ON cases(jurisdiction_id, id);
CREATE INDEX IF NOT EXISTS cases_received ON cases(received_on, id);
CREATE INDEX IF NOT EXISTS cases_title ON cases(title, id);
CREATE INDEX IF NOT EXISTS cases_state ON cases(state);

CREATE TABLE IF NOT EXISTS case_referrals (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT NOT NULL REFERENCES cases(id), unit_id BIGINT NOT NULL REFERENCES units(id), kind TEXT NOT NULL,
  consultation_id BIGINT, invited_on TEXT NOT NULL, note TEXT, jurisdiction_id BIGINT
);
CREATE INDEX IF NOT EXISTS case_referrals_unit ON case_referrals(unit_id, case_id);
CREATE INDEX IF NOT EXISTS case_referrals_consultation ON case_referrals(consultation_id, unit_id);

CREATE TABLE IF NOT EXISTS consultations (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  case_id BIGINT NOT NULL REFERENCES cases(id), subject TEXT NOT NULL, convened_on TEXT NOT NULL, meeting_on TEXT NOT NULL,
  place TEXT, host TEXT, agenda TEXT, attendees TEXT, held_on TEXT, conclusion TEXT, outcome TEXT, dissent TEXT,
  quorum_required INTEGER, opinions_count INTEGER, cancel_reason TEXT, jurisdiction_id BIGINT
);
CREATE INDEX IF NOT EXISTS consultations_case ON consultations(case_id);

CREATE TABLE IF NOT EXISTS consultation_opinions (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id), unit_id BIGINT REFERENCES units(id),
  opinion TEXT NOT NULL, reasons TEXT, amendment TEXT, signer TEXT, signed_at TEXT, case_id BIGINT, jurisdiction_id BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS consultation_opinions_unit ON consultation_opinions(consultation_id, unit_id) WHERE deleted = 0;

CREATE TABLE IF NOT EXISTS case_evidence (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT NOT NULL REFERENCES cases(id), seq INTEGER, title TEXT NOT NULL, kind TEXT NOT NULL,
  sha256 TEXT NOT NULL, size BIGINT, file_name TEXT, mime TEXT, collected_on TEXT, collected_by TEXT,
  provider TEXT, description TEXT, jurisdiction_id BIGINT
);
CREATE UNIQUE INDEX IF NOT EXISTS case_evidence_seq ON case_evidence(case_id, seq) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS case_evidence_sha ON case_evidence(sha256);

CREATE TABLE IF NOT EXISTS case_inquiries (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT NOT NULL REFERENCES cases(id), person_name TEXT NOT NULL, person_role TEXT NOT NULL,
  person_id_no TEXT, person_phone TEXT, person_employer TEXT, started_at TEXT NOT NULL, ended_at TEXT,
  place TEXT NOT NULL, investigators TEXT NOT NULL, recorder TEXT, content TEXT NOT NULL, jurisdiction_id BIGINT
);
CREATE INDEX IF NOT EXISTS case_inquiries_case ON case_inquiries(case_id);

CREATE TABLE IF NOT EXISTS case_measures (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0, state TEXT,
  case_id BIGINT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, items TEXT NOT NULL, place TEXT,
  decided_on TEXT NOT NULL, ends_on TEXT, extension_days INTEGER, extended_on TEXT, extension_reason TEXT,
  released_on TEXT, release_reason TEXT, jurisdiction_id BIGINT
);
CREATE INDEX IF NOT EXISTS case_measures_case ON case_measures(case_id);

CREATE TABLE IF NOT EXISTS case_periods (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT REFERENCES cases(id), complaint_id BIGINT REFERENCES complaints(id), kind TEXT NOT NULL,
  start_on TEXT NOT NULL, end_on TEXT, reason TEXT NOT NULL, jurisdiction_id BIGINT
);
CREATE INDEX IF NOT EXISTS case_periods_case ON case_periods(case_id);
CREATE INDEX IF NOT EXISTS case_periods_complaint ON case_periods(complaint_id);

CREATE TABLE IF NOT EXISTS case_extensions (
  id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT, updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT,
  deleted INTEGER NOT NULL DEFAULT 0,
  case_id BIGINT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, days INTEGER NOT NULL, approved_on TEXT NOT NULL,
  approver TEXT NOT NULL, discussion_on TEXT, reason TEXT NOT NULL, jurisdiction_id BIGINT
);
CREATE INDEX IF NOT EXISTS case_extensions_case ON case_extensions(case_id);

CREATE INDEX IF NOT EXISTS deadlines_entity ON deadlines(entity, entity_id);

-- The bureau's rules in force from the start (editable; see docs/cases.md).
INSERT INTO case_rules (version, created_at, deleted, effective_from, natural_major_fen, legal_major_fen, natural_hearing_fen,
  legal_hearing_fen, major_on_revocation, major_on_stop, major_on_public_interest, legal_review_all, quorum_pct, near_due_days,
  roll_art203, bureau_name, filing_word, notice_word, hearing_word, decision_word, consult_units, basis)
VALUES (1, '2024-01-01T00:00:00Z', 0, '2021-07-15', 5000000, 50000000, 1000000, 10000000, 1, 1, 1, 0, 60, 5, 0,
  '包头市质量技术监督局', '包质监立字', '包质监罚告字', '包质监听告字', '包质监罚字', 'AG-FGW,AG-SW,AG-JW,AG-JC,AG-GA',
  '重大案件标准由本局确定（无法定数额，须按局务会决定修改）；较大数额按行政处罚法第六十三条及 DOMAIN.md §4 L12 [U]')
ON CONFLICT DO NOTHING;

INSERT INTO dict_items (version, created_at, deleted, dict, code, label_zh, label_en, sort_order, active) VALUES
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'food', '食品安全', 'Food safety', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'product', '产品质量', 'Product quality', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'equipment', '特种设备', 'Special equipment', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'metrology', '计量', 'Metrology', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'standard', '标准化', 'Standardisation', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'certification', '认证认可', 'Certification', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'counterfeit', '假冒伪劣', 'Counterfeiting', 7, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'licence', '无证生产经营', 'Unlicensed production', 8, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_kind', 'other', '其他', 'Other', 9, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'complaint', '投诉', 'Complaint', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'report', '举报', 'Report', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'sampling', '抽检不合格', 'Failed sample', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'risk', '风险监测预警', 'Risk warning', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'equipment', '特种设备检验', 'Equipment inspection', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'inspection', '监督检查', 'Inspection', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'transfer_in', '其他机关移送', 'Transferred in', 7, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'instruction', '领导批示交办', 'Leader''s instruction', 8, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_source', 'other', '其他', 'Other', 9, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_party_type', 'natural', '自然人', 'Natural person', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_party_type', 'legal', '法人', 'Legal person', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_party_type', 'other_org', '其他组织', 'Other organisation', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'warning', '警告', 'Warning', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'criticism', '通报批评', 'Public criticism', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'fine', '罚款', 'Fine', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'confiscate_gains', '没收违法所得', 'Confiscation of illegal gains', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'confiscate_goods', '没收非法财物', 'Confiscation of illegal goods', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'suspend_licence', '暂扣许可证件', 'Licence suspension', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'lower_qualification', '降低资质等级', 'Lower qualification', 7, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'revoke_licence', '吊销许可证件', 'Licence revocation', 8, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'limit_business', '限制开展生产经营活动', 'Business restriction', 9, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'stop_production', '责令停产停业', 'Order to stop production', 10, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'close_down', '责令关闭', 'Order to close', 11, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_penalty_kind', 'limit_employment', '限制从业', 'Employment restriction', 12, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_review_result', 'pass', '同意', 'Agreed', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_review_result', 'return', '退回补充调查', 'Returned for investigation', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_service_method', 'direct', '直接送达', 'In person', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_service_method', 'retained', '留置送达', 'Left at the address', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_service_method', 'post', '邮寄送达', 'By post', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_service_method', 'electronic', '电子送达', 'Electronically', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_service_method', 'entrusted', '委托送达', 'By an agent', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_service_method', 'public_notice', '公告送达', 'By public notice', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'suspension', '中止', 'Suspension', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'notice', '公告', 'Public notice', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'testing', '检测', 'Testing', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'inspection', '检验', 'Inspection', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'quarantine', '检疫', 'Quarantine', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'appraisal', '鉴定', 'Appraisal', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'identification', '权利人辨认或者鉴别', 'Identification by the right holder', 7, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_period_kind', 'refund', '责令退还多收价款', 'Refund of overcharges', 8, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_extension_kind', 'filing', '立案期限延长', 'Filing period extended', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_extension_kind', 'decision', '办案期限延长', 'Decision period extended', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_extension_kind', 'decision_further', '集体讨论决定继续延期', 'Further extension by collective discussion', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'document', '书证', 'Documentary evidence', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'physical', '物证', 'Physical evidence', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'photo', '照片', 'Photograph', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'audiovisual', '视听资料', 'Audio-visual', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'electronic', '电子数据', 'Electronic data', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'lab_report', '检验检测报告', 'Laboratory report', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'expert', '鉴定意见', 'Expert opinion', 7, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'record', '现场笔录', 'On-site record', 8, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_evidence_kind', 'statement', '当事人陈述', 'Party''s statement', 9, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_measure_kind', 'seizure', '扣押', 'Seizure', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_measure_kind', 'sealing', '查封', 'Sealing', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_inquiry_role', 'party', '当事人', 'Party', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_inquiry_role', 'representative', '委托代理人', 'Representative', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_inquiry_role', 'witness', '证人', 'Witness', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_inquiry_role', 'staff', '有关人员', 'Staff', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_opinion', 'agree', '同意', 'Agree', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_opinion', 'amend', '修改', 'Amend', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_opinion', 'disagree', '不同意', 'Disagree', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_referral_kind', 'early', '提前介入', 'Early involvement', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'case_referral_kind', 'consultation', '会商', 'Consultation', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_kind', 'complaint', '投诉', 'Complaint', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_kind', 'report', '举报', 'Report', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_channel', 'phone', '12315电话', '12315 hotline', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_channel', 'portal', '网上平台', 'Web portal', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_channel', 'platform', '全国12315平台', 'National 12315 platform', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_channel', 'letter', '信函', 'Letter', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_channel', 'visit', '来访', 'Visit', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_channel', 'transfer', '转办', 'Forwarded', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_refusal_ground', 'not_competent', '不属于市场监管职责或本机关管辖（第十五条第一项）', 'Outside duties or competence (Art. 15(1))', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_refusal_ground', 'handled_elsewhere', '已由其他机构受理或处理（第十五条第二项）', 'Handled elsewhere (Art. 15(2))', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_refusal_ground', 'not_consumer', '非生活消费或无消费者权益争议（第十五条第三项）', 'No consumer dispute (Art. 15(3))', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_refusal_ground', 'time_barred', '知道或应当知道权益受损超过三年（第十五条第四项）', 'More than 3 years (Art. 15(4))', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_refusal_ground', 'incomplete', '未提供必要材料（第十五条第五项）', 'Materials missing (Art. 15(5))', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_refusal_ground', 'other', '法律法规规定的其他情形（第十五条第六项）', 'Other legal grounds (Art. 15(6))', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'agreement', '达成调解协议', 'Agreement', 1, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'withdrawn', '撤回投诉或自行和解', 'Withdrawn or settled', 2, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'no_lab_agreement', '未就检测鉴定事项达成一致', 'No agreement on testing', 3, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'absent', '无正当理由不参加调解或被投诉人拒绝调解', 'Party absent or refused', 4, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'impossible', '一方明确表示无法达成协议', 'Agreement declared impossible', 5, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'refusal_ground', '受理后发现不予受理情形', 'Refusal ground found after acceptance', 6, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'timeout', '45个工作日内未达成协议', 'No agreement within 45 working days', 7, 1),
 (1, '2024-01-01T00:00:00Z', 0, 'complaint_mediation_result', 'other', '其他', 'Other', 8, 1)
ON CONFLICT DO NOTHING;
