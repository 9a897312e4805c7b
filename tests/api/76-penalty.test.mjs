// 76-penalty.test.mjs — the penalty procedure to the letter (issue 12 points 11–16, 19)
// over HTTP on the test clock, on SQLite and PostgreSQL alike. Every rule is shown
// catching a case and letting a lawful one through. Dates are on the official 2025
// calendar (DOMAIN.md §10.3): 04-04..06 off, 05-01..05 off, 05-31..06-02 off,
// Sun 09-28 worked, 10-01..08 off, Sat 10-11 worked. The start day of a period is never
// counted (民法典 Art. 201); working-day periods follow 行政处罚法 Art. 85 and
// 行政强制法 Art. 69. Every due date is worked by hand in the comments.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, patch, post, expectStatus, tag, dbQuery } from './lib.mjs';
import { useClock, as, step, stepOk, expectRefusal, expect422, row, create, clocks, expectClock, sha256 } from './lib-modules.mjs';

const T = tag('PN');
const NOW = '2025-12-01T02:00:00Z'; // Mon 2025-12-01, 10:00 Beijing

async function jurisId(code) {
  const r = await get(`/jurisdictions?code=${code}`, { session: await as('handler') });
  return r.body.items[0].id;
}

/** A case taken to the notice: filed, investigated with `inv`, notified on `notice`. */
async function notifiedCase(title, received, filed, report, notice, inv) {
  const handler = await as('handler');
  const director = await as('director');
  const c = await create(handler, 'cases', {
    title: `${T}${title}`, kind: 'product', source: 'inspection', received_on: received, jurisdiction_id: await jurisId('150203'),
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法', party_id_no: '150203198001011234',
  }, title);
  await stepOk(handler, 'cases', c.id, 'request_filing', { cause: '销售不合格产品', filing_opinion: '建议立案' });
  await stepOk(director, 'cases', c.id, 'approve_filing', { filed_on: filed });
  await stepOk(handler, 'cases', c.id, 'finish_investigation', { report_on: report, findings: `${T}当事人销售不合格插座`, legal_basis: '《产品质量法》第四十九条', confiscation_fen: 0, ...inv });
  await stepOk(handler, 'cases', c.id, 'notify', { notice_served_on: notice });
  return c.id;
}

const docOf = async (id, kind, extra = '') => get(`/cases/${id}/actions/document?kind=${kind}${extra}`, { session: await as('handler') });
const listDocs = async (id) => (await get(`/cases/${id}/actions/document`, { session: await as('handler') })).body.documents;

test('point 19: a fine proposed with a warning alone is refused; the party\'s written waiver lets the case go on before the 5 working days', async (t) => {
  useClock(t, NOW);
  const handler = await as('handler');
  const director = await as('director');
  const c = await create(handler, 'cases', {
    title: `${T}警告案`, kind: 'product', source: 'inspection', received_on: '2025-09-01', jurisdiction_id: await jurisId('150203'),
    party_name: `${T}某店`, party_type: 'natural', summary: 's',
  });
  await stepOk(handler, 'cases', c.id, 'request_filing', { cause: 'c', filing_opinion: 'o' });
  await stepOk(director, 'cases', c.id, 'approve_filing', { filed_on: '2025-09-02' });
  const inv = { report_on: '2025-09-10', findings: 'f', legal_basis: '《产品质量法》第四十九条', confiscation_fen: 0 };
  const e = expect422(await step(handler, 'cases', c.id, 'finish_investigation', { ...inv, penalty_kinds: ['warning'], proposed_fine_fen: 100 }), 'proposed_fine_fen', 'check', 'warning with a fine');
  assert.match(e.message, /第九条/);
  // must not catch: a warning and a fine together, or a warning with no fine
  await stepOk(handler, 'cases', c.id, 'finish_investigation', { ...inv, penalty_kinds: ['warning'], proposed_fine_fen: 0 });
  await stepOk(handler, 'cases', c.id, 'notify', { notice_served_on: '2025-09-11' });
  // 5 WD from Thu 09-11: 12, 15, 16, 17, 18 → 2025-09-18; a decision on 09-15 is early ...
  expectRefusal(await step(director, 'cases', c.id, 'decide', { decided_on: '2025-09-15', penalty_kinds: ['warning'], fine_fen: 0, decision_summary: '警告' }),
    '2025-09-18', '行政处罚法第四十五条、第六十二条、第八十五条', 'decision inside the statement period');
  // ... unless the party waived statement, defence and hearing in writing (the waiver must follow the notice)
  expect422(await step(handler, 'cases', c.id, 'waive_statement', { statement_waived_on: '2025-09-10', waiver_note: '当事人书面声明放弃' }), 'statement_waived_on', 'order', 'waiver before the notice');
  await stepOk(handler, 'cases', c.id, 'waive_statement', { statement_waived_on: '2025-09-12', waiver_note: '当事人书面声明放弃陈述、申辩和听证' });
  // a decision before the waiver is still early; on the waiver's day or later it may be made
  expectRefusal(await step(director, 'cases', c.id, 'decide', { decided_on: '2025-09-11', penalty_kinds: ['warning'], fine_fen: 0, decision_summary: '警告' }), '2025-09-18', undefined, 'decided before the waiver');
  const d = await stepOk(director, 'cases', c.id, 'decide', { decided_on: '2025-09-15', penalty_kinds: ['warning'], fine_fen: 0, decision_summary: '警告' });
  assert.equal(d.state, 'decided');

  // point 15: a warning alone is not published (公示规定 Art. 2): no publication clock, no promise, no publication
  const all = await clocks(handler, 'cases', c.id);
  assert.equal(all.publication, undefined, 'no publication clock for a warning');
  const dec = await docOf(c.id, 'decision');
  expectStatus(dec, 200, 'decision');
  assert.ok(!dec.text.includes('予以公示'), 'the decision does not promise publication');
  await stepOk(handler, 'cases', c.id, 'serve', { served_on: '2025-09-16', service_method: 'direct' });
  const r = await row(handler, 'cases', c.id);
  const pub = expect422(await patch(`/cases/${c.id}`, { published_on: '2025-09-20' }, r.version, { session: handler }), 'published_on', 'check', 'publish a warning');
  assert.match(pub.message, /第二条/);
  const closed = await stepOk(director, 'cases', c.id, 'close', { closed_on: '2025-09-30', closure_summary: '警告已送达，结案' });
  assert.equal(closed.state, 'closed');
});

test('point 11: a decision imposes only what was notified; a new notice gives a new statement period (Arts. 44, 62); point 12: issued documents are frozen', async (t) => {
  useClock(t, NOW);
  const handler = await as('handler');
  const director = await as('director');
  // 20,000 yuan for a legal person: no hearing right, not major
  const id = await notifiedCase('加处没收案', '2025-09-01', '2025-09-02', '2025-09-10', '2025-09-11', { penalty_kinds: ['fine'], proposed_fine_fen: 2000000 });
  await stepOk(handler, 'cases', id, 'waive_statement', { statement_waived_on: '2025-09-12', waiver_note: '书面放弃' });
  const decide = (on, kinds, fine) => step(director, 'cases', id, 'decide', { decided_on: on, penalty_kinds: kinds, fine_fen: fine, decision_summary: 'x' });
  expectRefusal(await decide('2025-09-15', ['fine', 'confiscate_goods'], 2000000), 'confiscate_goods', '行政处罚法第四十四条、第六十二条', 'a kind the notice did not name');
  expectRefusal(await decide('2025-09-15', ['fine'], 2500000), '重新告知', '行政处罚法第四十四条、第六十二条、第四十五条第二款', 'a fine above the notified one');
  // a new prior notice naming both: a new 5 WD period from Tue 09-16 (17, 18, 19, 22, 23 → 09-23); the old waiver does not carry over
  expectRefusal(await step(handler, 'cases', id, 'renotify', { notice_served_on: '2025-09-11', penalty_kinds: ['fine', 'confiscate_goods'], proposed_fine_fen: 2500000, confiscation_fen: 0 }),
    '2025-09-11', '行政处罚法第四十四条、第六十二条', 'a new notice not after the first');
  const rn = await stepOk(handler, 'cases', id, 'renotify', { notice_served_on: '2025-09-16', penalty_kinds: ['fine', 'confiscate_goods'], proposed_fine_fen: 2500000, confiscation_fen: 0 });
  assert.equal(rn.state, 'notified');
  assert.equal(rn.notice_count, 2);
  assert.equal(rn.statement_waived_on, null, 'the waiver was for the first notice');
  await expectClock(handler, 'cases', id, 'statement', '2025-09-23');
  expectRefusal(await decide('2025-09-22', ['fine', 'confiscate_goods'], 2500000), '2025-09-23', '行政处罚法第四十五条、第六十二条、第八十五条', 'inside the new period');
  // must not catch: what the new notice named, or less
  const d = await stepOk(director, 'cases', id, 'decide', { decided_on: '2025-09-24', penalty_kinds: ['fine', 'confiscate_goods'], fine_fen: 2400000, decision_summary: '没收不合格插座并处罚款2.4万元' });
  assert.equal(d.state, 'decided');

  // point 12: both notices are kept as issued, each with its SHA-256
  const docs = await listDocs(id);
  const pn = docs.find((x) => x.kind === 'prior_notice');
  assert.equal(pn.issued, true);
  assert.equal(pn.versions, 2);
  assert.equal(pn.date, '2025-09-16');
  const v1 = await docOf(id, 'prior_notice', '&version=1');
  const v2 = await docOf(id, 'prior_notice');
  expectStatus(v1, 200, 'first notice');
  assert.ok(v1.text.includes('20,000.00') && !v1.text.includes('没收非法财物'), 'the first notice as it was served');
  assert.ok(v2.text.includes('25,000.00') && v2.text.includes('没收非法财物'), 'the second notice');
  assert.equal(sha256(Buffer.from(v2.text)), pn.sha256, 'the print is the stored version (its SHA-256)');
  expectStatus(await docOf(id, 'prior_notice', '&version=9'), 404, 'no such version');
  const dec = docs.find((x) => x.kind === 'decision');
  assert.equal(dec.issued, true);
  assert.equal(dec.number, d.decision_no);
  assert.equal(dec.date, '2025-09-24');
  const before = await docOf(id, 'decision');
  assert.equal(sha256(Buffer.from(before.text)), dec.sha256);
  assert.equal(dbQuery(`SELECT sha256 FROM case_documents WHERE case_id = ${id} AND kind = 'decision'`), dec.sha256);
  // evidence registered today (after the decision's date) never enters it; later changes to the case leave it as issued
  const ev = await post('/evidence/actions/upload', { content_base64: Buffer.from(`${T} late evidence`).toString('base64'), case_id: id, title: '补充证据', kind: 'photo' }, { session: handler });
  expectStatus(ev, 201, 'late evidence');
  const r = await row(handler, 'cases', id);
  expectStatus(await patch(`/cases/${id}`, { officers: '张三 15020300001' }, r.version, { session: handler }), 200, 'a later change');
  const after = await docOf(id, 'decision');
  assert.equal(after.text, before.text, 'the decision prints as issued');
  assert.ok(!after.text.includes(ev.body.sha256), 'no evidence registered after the decision');
  // the masked copy for a reader without cases.personal is the same issue, masked
  const legalDoc = await get(`/cases/${id}/actions/document?kind=decision`, { session: await as('legal') });
  expectStatus(legalDoc, 200, 'legal reads the decision');
  assert.ok(!legalDoc.text.includes('150203198001011234') && legalDoc.text.includes(d.decision_no));
  // point 17: the decision names the reconsideration body, the court, the way to pay and how confiscation is carried out
  for (const s of ['包头市人民政府', '人民法院提起行政诉讼', '缴纳罚款', '电子缴款', '没收的非法财物', '予以公示']) assert.ok(before.text.includes(s), `decision: ${s}`);
});

test('points 13 and 14: the payment period rolls past the holiday, the late fee counts from that end without the reconsideration, and enforcement only in its window', async (t) => {
  useClock(t, NOW);
  const handler = await as('handler');
  const director = await as('director');
  // point 14 — 10,000 yuan, served Tue 09-23: 15 days → 10-08 (国庆 off) → Thu 2025-10-09
  const b = await notifiedCase('逾期缴款案', '2025-08-01', '2025-08-04', '2025-08-20', '2025-08-21', { penalty_kinds: ['fine'], proposed_fine_fen: 1000000 });
  await stepOk(handler, 'cases', b, 'waive_statement', { statement_waived_on: '2025-08-22', waiver_note: '书面放弃' });
  await stepOk(director, 'cases', b, 'decide', { decided_on: '2025-08-25', penalty_kinds: ['fine'], fine_fen: 1000000, decision_summary: '罚款1万元' });
  // no suspension before service
  expect422(await post('/case_periods', { case_id: b, kind: 'reconsideration', start_on: '2025-08-26', end_on: '2025-08-27', reason: '复议' }, { session: handler }), 'kind', 'state', 'reconsideration before service');
  await stepOk(handler, 'cases', b, 'serve', { served_on: '2025-09-23', service_method: 'direct' });
  await expectClock(handler, 'cases', b, 'payment', '2025-10-09', 'overdue');
  // a deferral needs its approval recorded (Art. 66(2))
  expect422(await post('/case_periods', { case_id: b, kind: 'deferral', start_on: '2025-10-01', end_on: '2025-10-05', reason: '经济困难' }, { session: handler }), 'approved_on', 'required', 'deferral without approval');
  // the party applied for reconsideration 10-12..10-15: no late fee in those 4 days (Art. 73(3))
  await create(handler, 'case_periods', { case_id: b, kind: 'reconsideration', start_on: '2025-10-12', end_on: '2025-10-15', reason: '当事人申请行政复议' });
  // paid Mon 10-20: 10-10..10-20 = 11 days − 4 = 7 days × 3 % × 10,000 = 2,100 yuan; due 12,100 yuan
  const short = await step(handler, 'cases', b, 'record_payment', { paid_on: '2025-10-20', paid_fen: 1200000 });
  expectRefusal(short, '12,100.00', '行政处罚法第六十七条、第七十二条第一款', 'short payment');
  assert.match(short.body.detail, /2,100\.00/);
  assert.match(short.body.detail, /7/);
  const paid = await stepOk(handler, 'cases', b, 'record_payment', { paid_on: '2025-10-20', paid_fen: 1210000 });
  assert.equal(paid.late_fee_fen, 210000);
  const k = await clocks(handler, 'cases', b);
  assert.deepEqual([k.payment.due, k.payment.status], ['2025-10-09', 'late']);
  const lf = (await get(`/cases/${b}/actions/clocks`, { session: handler })).body.late_fee;
  assert.deepEqual([lf.due, lf.days_late, lf.late_fee_fen], ['2025-10-09', 7, 210000], 'the clocks show the same computation');

  // point 13 — 5,000 yuan served Mon 03-10: payment due 03-25; 6 months → 09-10; application 09-11 .. 12-10
  const c = await notifiedCase('申请强制执行案', '2025-02-03', '2025-02-04', '2025-02-10', '2025-02-11', { penalty_kinds: ['fine'], proposed_fine_fen: 500000 });
  await stepOk(handler, 'cases', c, 'waive_statement', { statement_waived_on: '2025-02-11', waiver_note: '书面放弃' });
  await stepOk(director, 'cases', c, 'decide', { decided_on: '2025-02-12', penalty_kinds: ['fine'], fine_fen: 500000, decision_summary: '罚款5000元' });
  await stepOk(handler, 'cases', c, 'serve', { served_on: '2025-03-10', service_method: 'direct' });
  let r = await row(handler, 'cases', c);
  expectStatus(await patch(`/cases/${c}`, { published_on: '2025-02-20' }, r.version, { session: handler }), 200, 'published');
  // closing with the fine unpaid needs the court path
  expectRefusal(await step(director, 'cases', c, 'close', { closed_on: '2025-11-20', closure_summary: '结案' }), '强制执行', '行政处罚法第七十二条；行政强制法第五十三条、第五十四条', 'close unpaid');
  // the demand only after the payment period ran out (03-25)
  expectRefusal(await step(handler, 'cases', c, 'demand_payment', { demand_served_on: '2025-03-25' }), '2025-03-25', /行政强制法第五十四条/, 'demand inside the payment period');
  await stepOk(handler, 'cases', c, 'demand_payment', { demand_served_on: '2025-04-01' });
  const apply = (on) => step(director, 'cases', c, 'apply_enforcement', { enforcement_on: on, enforcement_court: '包头市昆都仑区人民法院' });
  expectStatus(await step(handler, 'cases', c, 'apply_enforcement', { enforcement_on: '2025-09-11', enforcement_court: 'x' }), 403, 'the head applies');
  expectRefusal(await apply('2025-09-10'), '2025-09-11', '行政强制法第五十三条；行政复议法第二十条；行政诉讼法第四十六条', 'inside the litigation period');
  const ok = await stepOk(director, 'cases', c, 'apply_enforcement', { enforcement_on: '2025-09-11', enforcement_court: '包头市昆都仑区人民法院' });
  assert.equal(ok.state, 'enforcement_applied');
  const closed = await stepOk(director, 'cases', c, 'close', { closed_on: '2025-11-20', closure_summary: '已申请人民法院强制执行' });
  assert.equal(closed.state, 'closed');
});

test('point 13: an application after the 3 months is refused; one during a running reconsideration too', async (t) => {
  useClock(t, NOW);
  const handler = await as('handler');
  const director = await as('director');
  // served Mon 2025-02-10 (decided 01-27): 6 months → 08-10 (Sun) → Mon 08-11; latest 11-11
  const c = await notifiedCase('逾期申请案', '2025-01-06', '2025-01-07', '2025-01-14', '2025-01-15', { penalty_kinds: ['fine'], proposed_fine_fen: 300000 });
  await stepOk(handler, 'cases', c, 'waive_statement', { statement_waived_on: '2025-01-16', waiver_note: '书面放弃' });
  await stepOk(director, 'cases', c, 'decide', { decided_on: '2025-01-27', penalty_kinds: ['fine'], fine_fen: 300000, decision_summary: '罚款3000元' });
  await stepOk(handler, 'cases', c, 'serve', { served_on: '2025-02-10', service_method: 'direct' });
  await stepOk(handler, 'cases', c, 'demand_payment', { demand_served_on: '2025-03-03' });
  expectRefusal(await step(director, 'cases', c, 'apply_enforcement', { enforcement_on: '2025-11-12', enforcement_court: '法院' }), '2025-11-11', '行政强制法第五十三条', 'after the 3 months');
  // an open litigation blocks the application
  await create(handler, 'case_periods', { case_id: c, kind: 'litigation', start_on: '2025-07-01', reason: '当事人提起行政诉讼' });
  expectRefusal(await step(director, 'cases', c, 'apply_enforcement', { enforcement_on: '2025-11-10', enforcement_court: '法院' }), '行政诉讼', '行政强制法第五十三条', 'litigation running');
});

test('point 16: seizure terms exclude testing time; an extension within the lawful end is accepted', async (t) => {
  useClock(t, NOW);
  const handler = await as('handler');
  const director = await as('director');
  const c = await create(handler, 'cases', {
    title: `${T}扣押案`, kind: 'product', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: await jurisId('150203'),
    party_name: `${T}某厂`, party_type: 'legal', summary: 's',
  });
  // decided 11-01: 30 days → 12-01; testing 11-05..11-14 (10 days) not counted → 2025-12-11
  const m = await create(handler, 'compulsory_measures', { case_id: c.id, kind: 'seizure', items: '插座200只', decided_on: '2025-11-01' });
  assert.equal(m.ends_on, '2025-12-01');
  expect422(await post('/case_periods', { case_id: c.id, measure_id: m.id, kind: 'suspension', start_on: '2025-11-05', end_on: '2025-11-14', reason: 'x' }, { session: handler }), 'kind', 'check', 'a suspension is not a seizure exclusion');
  await create(handler, 'case_periods', { case_id: c.id, measure_id: m.id, kind: 'testing', start_on: '2025-11-05', end_on: '2025-11-14', reason: '送检' });
  assert.equal((await row(handler, 'compulsory_measures', m.id)).ends_on, '2025-12-11');
  const k = await clocks(handler, 'cases', c.id);
  assert.equal(k.measure.due, '2025-12-11');
  assert.equal(k.measure.excluded_days, 10);
  // the testing of the seizure does not move the case's own filing clock
  assert.equal(k.filing.excluded_days, 0);
  // extended on 12-01... the day the plain 30 days end; lawful until 12-11
  const ext = await stepOk(director, 'compulsory_measures', m.id, 'extend', { extended_on: '2025-12-01', extension_days: 30, extension_reason: '案情复杂' });
  assert.equal(ext.state, 'extended');
  assert.equal((await row(handler, 'compulsory_measures', m.id)).ends_on, '2026-01-10'); // 11-01 + 60 + 10
  // must catch: a measure without testing, extension after its end (10-20 + 30 = 11-19; asked 11-20)
  const m2 = await create(handler, 'compulsory_measures', { case_id: c.id, kind: 'sealing', items: '仓库', decided_on: '2025-10-20' });
  expect422(await step(director, 'compulsory_measures', m2.id, 'extend', { extended_on: '2025-11-20', extension_days: 10, extension_reason: 'x' }), 'extended_on', 'expired', 'extended too late');
});

test('point 18: a complaint names the respondent\'s address (投诉举报处理暂行办法 Art. 9); 检定 pauses mediation only', async (t) => {
  useClock(t, NOW);
  const form = {
    kind: 'complaint', complainant_name: '王五', complainant_phone: '13900000000', complainant_address: '青山区1号',
    respondent_name: `${T}某店`, jurisdiction_code: '150203', facts: '买到不合格商品', request: '退货',
  };
  const e = expect422(await post('/public/complaints', form), 'respondent_address', 'required', 'no respondent address');
  assert.match(e.message, /第九条/);
  const ok = await post('/public/complaints', { ...form, respondent_address: '昆都仑区某路2号' });
  expectStatus(ok, 201, 'with the address');
  const handler = await as('handler');
  const c = await create(handler, 'cases', {
    title: `${T}检定案`, kind: 'metrology', source: 'inspection', received_on: '2025-11-20', jurisdiction_id: await jurisId('150203'),
    party_name: `${T}某店`, party_type: 'legal', summary: 's',
  });
  expect422(await post('/case_periods', { case_id: c.id, kind: 'verification', start_on: '2025-11-21', end_on: '2025-11-24', reason: '检定' }, { session: handler }), 'kind', 'check', '检定 is a complaint-mediation pause');
});

test('point 18: a reward for a named report that led to a penalty — level, amount, approval, payment; the reporter never on the record', async (t) => {
  useClock(t, '2025-11-03T02:00:00Z'); // the report arrives on Mon 11-03
  const REPORTER = '赵六奖励';
  const form = {
    kind: 'report', complainant_name: REPORTER, complainant_phone: '13911112222', respondent_name: `${T}某超市`, respondent_address: '青山区某路3号',
    jurisdiction_code: '150203', facts: '销售不合格电器',
  };
  const rep = await post('/public/complaints', form);
  expectStatus(rep, 201, 'named report');
  const rid = (await get(`/complaints?q=${rep.body.tracking_no}`, { session: await as('handler') })).body.items[0].id;
  const clue = await stepOk(await as('service'), 'complaints', rid, 'to_clue', {});
  const id = clue.case_id;
  useClock(t, NOW);
  const handler = await as('handler');
  const director = await as('director');
  // no reward before the case is closed with a decision
  expect422(await post('/report_rewards', { complaint_id: rid, level: '1', grounds: '提供直接证据', proposed_on: '2025-11-20' }, { session: handler }), 'complaint_id', 'state', 'case still open');
  await stepOk(handler, 'cases', id, 'request_filing', { cause: 'c', filing_opinion: 'o' });
  await stepOk(director, 'cases', id, 'approve_filing', { filed_on: '2025-11-03' });
  await stepOk(handler, 'cases', id, 'finish_investigation', { report_on: '2025-11-10', findings: 'f', legal_basis: 'b', penalty_kinds: ['fine'], proposed_fine_fen: 15000000, confiscation_fen: 0 });
  await stepOk(handler, 'cases', id, 'send_review', { review_sent_on: '2025-11-10' });
  await stepOk(await as('legal'), 'cases', id, 'review_pass', { reviewed_on: '2025-11-11', legal_opinion: '同意' });
  await stepOk(handler, 'cases', id, 'notify', { notice_served_on: '2025-11-12' });
  await stepOk(handler, 'cases', id, 'waive_statement', { statement_waived_on: '2025-11-12', waiver_note: '书面放弃陈述、申辩和听证' });
  await stepOk(director, 'cases', id, 'decide', { decided_on: '2025-11-13', penalty_kinds: ['fine'], fine_fen: 15000000, decision_summary: '罚款15万元' });
  await stepOk(handler, 'cases', id, 'serve', { served_on: '2025-11-14', service_method: 'direct' });
  await stepOk(handler, 'cases', id, 'record_payment', { paid_on: '2025-11-20', paid_fen: 15000000 });
  const c = await row(handler, 'cases', id);
  expectStatus(await patch(`/cases/${id}`, { published_on: '2025-11-21' }, c.version, { session: handler }), 200, 'published');
  await stepOk(director, 'cases', id, 'close', { closed_on: '2025-11-24', closure_summary: '结案' });
  // level 1: 150,000 yuan × 5 % = 7,500 yuan (Art. 12)
  const rw = await create(handler, 'report_rewards', { complaint_id: rid, level: '1', grounds: '提供违法事实及直接证据，与查实情况完全相符', proposed_on: '2025-11-25' });
  assert.deepEqual([rw.basis_fen, rw.amount_fen, rw.case_id, rw.state], [15000000, 750000, id, 'proposed']);
  assert.ok(!JSON.stringify(rw).includes(REPORTER) && !JSON.stringify(rw).includes('13911112222'), 'no identity on the reward');
  expect422(await post('/report_rewards', { complaint_id: rid, level: '3', grounds: 'x', proposed_on: '2025-11-25' }, { session: handler }), 'complaint_id', 'unique', 'a second reward');
  expectStatus(await step(handler, 'report_rewards', rw.id, 'approve', { approved_on: '2025-11-26', approver: '局长' }), 403, 'the head approves');
  await stepOk(director, 'report_rewards', rw.id, 'approve', { approved_on: '2025-11-26', approver: '局长' });
  const paid = await stepOk(handler, 'report_rewards', rw.id, 'pay', { paid_on: '2025-11-28', payment_ref: 'JL2025-001' });
  assert.equal(paid.state, 'paid');
  // the service desk, who turned the report into a clue, does not see rewards
  expectStatus(await get(`/report_rewards/${rw.id}`, { session: await as('service') }), 403, 'service desk');
});
