// 77-writes.test.mjs — the core owns every write (issue 13 §2): the numbers
// and fields a step's rule sets (a case's filing and decision numbers, the
// major flag, a disposal's extension) are versioned and audited, and show in
// the record's history; the one numbering service gives distinct, gap-free
// numbers to concurrent writers and gives a number back when its record is
// rolled back; an in-place step (disposals.extend) is a workflow row with its
// own permission and history. Runs on SQLite and PostgreSQL (run.sh).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, expectStatus, tag } from './lib.mjs';
import { useClock, as, step, stepOk, create, row, audit } from './lib-modules.mjs';

const T = tag('WR');
const ctx = {};

async function kdl() {
  if (!ctx.kdl) ctx.kdl = (await get('/jurisdictions?code=150203', { session: await as('handler') })).body.items[0].id;
  return ctx.kdl;
}

async function newCase(title, received) {
  return create(await as('handler'), 'cases', {
    title: `${T}${title}`, kind: 'food', source: 'inspection', received_on: received, jurisdiction_id: await kdl(),
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法',
  }, title);
}

const seqOf = (no, word) => {
  const m = new RegExp(`^${word}〔(\\d{4})〕第(\\d+)号$`).exec(no ?? '');
  assert.ok(m, `a number of the form ${word}〔YYYY〕第N号: ${no}`);
  return +m[2];
};

test('a case\'s filing and decision numbers are written by the core: versioned, in the audit log and in the history', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const director = await as('director');
  const c = await newCase('编号审计案', '2025-03-03');
  await stepOk(handler, 'cases', c.id, 'request_filing', { cause: '销售过期食品', filing_opinion: '建议立案' });
  const before = await row(handler, 'cases', c.id);
  const filed = await stepOk(director, 'cases', c.id, 'approve_filing', { filed_on: '2025-03-04' });
  seqOf(filed.case_no, '包质监立字');
  // the step and the number it assigned are two versioned writes
  assert.ok(filed.version >= before.version + 2, `version ${before.version} → ${filed.version}: the number bumps it too`);
  await stepOk(handler, 'cases', c.id, 'finish_investigation', {
    report_on: '2025-04-01', findings: 'f', legal_basis: 'b', penalty_kinds: ['fine'], proposed_fine_fen: 2000000, confiscation_fen: 0,
  });
  await stepOk(handler, 'cases', c.id, 'notify', { notice_served_on: '2025-04-02' });
  const decided = await stepOk(director, 'cases', c.id, 'decide', { decided_on: '2025-04-15', penalty_kinds: ['fine'], fine_fen: 2000000, decision_summary: '罚款2万元' });
  seqOf(decided.decision_no, '包质监罚字');

  // the audit log: one "number" record per number, with the old and the new value
  const recs = await audit(`entity=cases&entity_id=${c.id}`);
  const numbered = recs.filter((r) => r.action === 'number');
  const caseNo = numbered.find((r) => r.after && r.after.case_no);
  const decNo = numbered.find((r) => r.after && r.after.decision_no);
  assert.ok(caseNo, `the filing number is audited: ${JSON.stringify(recs.map((r) => r.action))}`);
  assert.deepEqual(caseNo.after.case_no, [null, filed.case_no], 'old and new filing number');
  assert.ok(decNo, 'the decision number is audited');
  assert.deepEqual(decNo.after.decision_no, [null, decided.decision_no], 'old and new decision number');
  assert.equal(decNo.username, 'director', 'written by whoever took the step');
  // what the decision step set as a rule (the major flag) is audited too
  assert.ok(recs.some((r) => r.action === 'major'), 'the major-case assessment is audited');

  // the record's history shows both numbers as changes
  const h = await get(`/cases/${c.id}/history`, { session: handler });
  expectStatus(h, 200, 'history');
  const changes = h.body.items.filter((x) => x.action === 'number').map((x) => x.changes ?? {});
  assert.ok(changes.some((ch) => ch.case_no && ch.case_no[1] === filed.case_no), `history names the filing number: ${JSON.stringify(h.body.items)}`);
  assert.ok(changes.some((ch) => ch.decision_no && ch.decision_no[1] === decided.decision_no), 'history names the decision number');
  assert.ok(h.body.items.some((x) => x.action === 'transition' && x.transition === 'decide'), 'and the step itself');
});

test('20 concurrent filings get 20 distinct, consecutive numbers (no duplicate, no gap)', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const director = await as('director');
  const ids = [];
  for (let i = 0; i < 20; i++) {
    const c = await newCase(`并发立案${i}`, '2024-06-03');
    await stepOk(handler, 'cases', c.id, 'request_filing', { cause: '销售过期食品', filing_opinion: '建议立案' });
    ids.push(c.id);
  }
  const res = await Promise.all(ids.map((id) => step(director, 'cases', id, 'approve_filing', { filed_on: '2024-06-04' })));
  res.forEach((r, i) => expectStatus(r, 200, `filing ${i}`));
  const seqs = res.map((r) => seqOf(r.body.case_no, '包质监立字')).sort((a, b) => a - b);
  assert.equal(new Set(seqs).size, 20, `distinct: ${seqs}`);
  assert.equal(seqs[19] - seqs[0], 19, `consecutive: ${seqs}`);
  for (const r of res) assert.match(r.body.case_no, /〔2024〕/, 'numbered in the year of filing');
});

test('tracking numbers: concurrent writers get consecutive numbers; a refused record gives its number back', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const day = '2025-02-14';
  const body = (i) => ({
    kind: 'report', channel: 'portal', received_on: day, respondent_name: `${T}某店${i}`, respondent_address: '包头市昆都仑区某路1号',
    jurisdiction_id: ctx.kdl, facts: `${T}线索${i}`,
  });
  await kdl();
  const res = await Promise.all(Array.from({ length: 20 }, (_, i) => post('/complaints', body(i), { session: handler })));
  res.forEach((r, i) => expectStatus(r, 201, `report ${i}`));
  const nos = res.map((r) => r.body.tracking_no);
  for (const n of nos) assert.match(n, /^JB20250214-\d{4}$/, 'JB + the day + a four-digit number');
  const seqs = nos.map((n) => +n.slice(-4)).sort((a, b) => a - b);
  assert.equal(new Set(seqs).size, 20, `distinct: ${nos}`);
  assert.equal(seqs[19] - seqs[0], 19, `consecutive: ${seqs}`);
  // a record refused after its number was drawn (the facts are required) gives it back
  const bad = await post('/complaints', { ...body(99), facts: '' }, { session: handler });
  assert.equal(bad.status, 422, `refused: ${bad.text}`);
  const next = await post('/complaints', body(100), { session: handler });
  expectStatus(next, 201, 'the next report');
  assert.equal(+next.body.tracking_no.slice(-4), seqs[19] + 1, `no gap after a refused record: ${next.body.tracking_no}`);
});

test('an in-place step: disposals.extend is a workflow row (permission, history) that keeps the state', async () => {
  const wf = (await get('/meta', { session: await as('director') })).body;
  const ent = (wf.entities ?? []).find((e) => e.name === 'disposals');
  assert.ok(ent, 'disposals in /meta');
  const tr = (ent.workflow?.transitions ?? []).find((x) => x.name === 'extend');
  assert.ok(tr, `extend is a transition of the disposals workflow: ${JSON.stringify(ent.workflow?.transitions?.map((x) => x.name))}`);
  assert.equal(tr.perm, 'disposals.extend', 'with its own permission');
  assert.equal(tr.to, '=', 'it keeps the state');
  assert.deepEqual([...tr.from].sort(), ['controlling', 'opened', 'rectifying'], 'taken while the task runs');
});
