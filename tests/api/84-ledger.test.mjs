// 84-ledger.test.mjs — the support ledger and leaders' instructions (issue 18
// points 1–5) over HTTP: the article's 2012 figures computed by the report
// from the demo ledger (never typed into the report); a grant of each kind
// and each kind of bad input a 422 naming its field; a new grant moving the
// year-on-year figures by exactly its fen; a testing grant's burn-down
// against the food area's budget; reports sent up numbered by the core; an
// instruction's life on the test clock: a deadline before the instruction is
// refused, the deadline reminded and then overdue, 督办 to-do, 催办, late
// feedback counted as not on time, closure, the year's share on time.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, call, expectStatus, tag, unitByCode } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, row, create } from './lib-modules.mjs';

const T = tag('LG');

async function unitId(s, code) {
  return (await unitByCode(s, code)).id;
}

async function report(s, year) {
  const r = await get(`/ledger_grants/actions/report?year=${year}`, { session: s });
  expectStatus(r, 200, `report ${year}`);
  return r.body;
}

test('the 2012 report reproduces the article from the demo ledger (fen arithmetic, yuan shown)', async () => {
  const s = await as('office');
  const r = await report(s, 2012);
  // 市县两级政府支持质监系统各类经费 3389.49 万元，较去年同期增加 2897.49 万元
  assert.equal(r.total_fen, 3389490000);
  assert.equal(r.total_yuan, '33894900.00');
  assert.equal(r.previous.total_fen, 492000000);
  assert.equal(r.increase_fen, 2897490000);
  assert.equal(r.increase_yuan, '28974900.00');
  // 旗县区政府支持 … 近 1041 万元
  assert.equal(r.local_fen, 1041000000);
  assert.equal(r.local_fen + r.city_fen, r.total_fen);
  const lv = Object.fromEntries(r.by_level.map((x) => [x.code, x]));
  assert.equal(lv.city.fen, r.city_fen);
  assert.equal(lv.park.fen, 38240000, '高新区管委会 38.24 万元');
  assert.equal(lv.district.increase_fen, lv.district.fen - lv.district.previous_fen);
  const kinds = Object.fromEntries(r.by_kind.map((x) => [x.code, x]));
  assert.equal(kinds.funds.fen + kinds.land.fen + kinds.floor.fen + kinds.instrument.fen + kinds.staff.fen, r.total_fen);
  assert.equal(r.staff, 8, '青山区 5 人、土右旗 3 人');
  const land = r.areas.filter((a) => a.kind === 'land').map((a) => `${a.area} ${a.unit}`).sort();
  assert.deepEqual(land, ['20 mu', '30 mu']);
  assert.ok(r.areas.some((a) => a.kind === 'floor' && a.area === '120' && a.unit === 'sqm'), '办公用房 120 m²');
  const dm = r.by_recipient.find((x) => x.name === '达茂旗质监局');
  assert.equal(dm.fen, 213000000);
  const y12 = r.years.find((y) => y.year === 2012);
  assert.equal(y12.increase_fen, 2897490000);
  // the 3,160,000-yuan testing grant is a line of the ledger
  const g = await get('/ledger_grants?budget_year=2012&purpose=food_testing&limit=50', { session: s });
  assert.ok(g.body.items.some((x) => x.amount_fen === 316000000), '追拨 316 万元');
});

test('grants: every kind recorded; bad input is a 422 naming the field; a grant moves the report by its fen', async () => {
  const s = await as('office');
  const gx = await unitId(s, 'BTQTS-GX');
  const base = { level: 'park', grantor: `高新区管委会${T}`, recipient_id: gx, purpose: 'office', granted_on: '2014-03-02' };
  const before = await report(s, 2014);
  const f = await create(s, 'ledger_grants', { ...base, kind: 'funds', amount_fen: 12345678 });
  assert.equal(f.budget_year, 2014, 'the year of the date granted');
  await create(s, 'ledger_grants', { ...base, kind: 'land', area: '12.5', area_unit: 'mu' });
  await create(s, 'ledger_grants', { ...base, kind: 'floor', area: '80.25', area_unit: 'sqm' });
  await create(s, 'ledger_grants', { ...base, kind: 'instrument', amount_fen: 100, item: '气相色谱仪' });
  await create(s, 'ledger_grants', { ...base, kind: 'staff', staff_count: 2, staff_paid_by: '管委会财政', staff_from: '2014-03-02', staff_to: '2015-03-01' });
  const after = await report(s, 2014);
  assert.equal(after.total_fen - before.total_fen, 12345778);
  assert.equal(after.staff - before.staff, 2);
  expect422(await post('/ledger_grants', { ...base, kind: 'funds', amount_fen: -1 }, { session: s }), 'amount_fen', 'range');
  expect422(await post('/ledger_grants', { ...base, kind: 'funds', amount_fen: 12.5 }, { session: s }), 'amount_fen');
  expect422(await post('/ledger_grants', { ...base, kind: 'funds', amount_fen: '1.5' }, { session: s }), 'amount_fen');
  expect422(await post('/ledger_grants', { ...base, kind: 'funds' }, { session: s }), 'amount_fen', 'required');
  expect422(await post('/ledger_grants', { ...base, kind: 'land', area: '20' }, { session: s }), 'area_unit', 'required');
  expect422(await post('/ledger_grants', { ...base, kind: 'land', area: '-3', area_unit: 'mu' }, { session: s }), 'area', 'range');
  expect422(await post('/ledger_grants', { ...base, kind: 'land', area: '二十', area_unit: 'mu' }, { session: s }), 'area');
  expect422(await post('/ledger_grants', { ...base, kind: 'floor', area: '120', area_unit: 'mu' }, { session: s }), 'area_unit', 'unit');
  expect422(await post('/ledger_grants', { ...base, kind: 'staff' }, { session: s }), 'staff_count', 'required');
  expect422(await post('/ledger_grants', { ...base, kind: 'staff', staff_count: 1, staff_paid_by: 'x', staff_from: '2014-05-01', staff_to: '2014-04-01' }, { session: s }), 'staff_to', 'order');
  expect422(await post('/ledger_grants', { ...base, kind: 'coins', amount_fen: 1 }, { session: s }), 'kind', 'dict');
  expect422(await post('/ledger_grants', { ...base, level: 'empire', kind: 'funds', amount_fen: 1 }, { session: s }), 'level', 'dict');
  const again = await report(s, 2014);
  assert.equal(again.total_fen, after.total_fen, 'nothing half written');
  expect422(await get('/ledger_grants/actions/report?year=20x4', { session: s }), 'year', 'query');
  // a change of amount is a versioned, audited update
  const up = await patch(`/ledger_grants/${f.id}`, { amount_fen: 12345600 }, f.version, { session: s });
  expectStatus(up, 200);
  assert.equal((await report(s, 2014)).total_fen, after.total_fen - 78);
});

test('burn-down: the year\'s testing grant against the food budget, plans and samples; a warning when a plan would overspend', async () => {
  const s = await as('office');
  const year = new Date().getUTCFullYear();
  const l = await get(`/ledger_grants?purpose=food_testing&budget_year=${year}&limit=20`, { session: s });
  const g = l.body.items.find((x) => x.food_budget_id);
  assert.ok(g, 'the demo links this year\'s testing grant to the sampling budget');
  const r = await get(`/ledger_grants/${g.id}/actions/burn`, { session: s });
  expectStatus(r, 200);
  const b = r.body;
  assert.equal(b.granted_fen, 316000000);
  assert.ok(b.planned_fen > 0 && b.spent_fen > 0, JSON.stringify(b));
  assert.equal(b.committed_fen, b.planned_fen - b.spent_fen);
  assert.equal(b.left_fen, b.granted_fen - b.planned_fen);
  assert.equal(b.plans.reduce((a, p) => a + p.planned_fen, 0), b.planned_fen);
  assert.equal(b.warnings.length, b.plans.filter((p) => p.over).length + (b.spent_fen > b.granted_fen ? 1 : 0));
  // a grant of funds for something else cannot be tied to a sampling budget; only funds can
  expect422(await post('/ledger_grants', { level: 'city', grantor: '包头市人民政府', recipient_id: g.recipient_id, kind: 'land', area: '1', area_unit: 'mu', purpose: 'other', granted_on: `${year}-01-20`, food_budget_id: g.food_budget_id }, { session: s }), 'food_budget_id', 'check');
  // a grant on no budget: nothing planned against it
  const small = await create(s, 'ledger_grants', { level: 'city', grantor: '包头市人民政府', recipient_id: g.recipient_id, kind: 'funds', amount_fen: 100, purpose: 'food_testing', granted_on: `${year}-01-20` });
  const none = (await get(`/ledger_grants/${small.id}/actions/burn`, { session: s })).body;
  assert.equal(none.granted_fen, 100);
  assert.equal(none.planned_fen, 0, 'no budget linked: nothing planned');
  // a budget of 1,000.00 yuan of which the government granted 500.00: a plan of 600.00 would overspend the grant
  const dir = await as('director'), sup = await as('supervisor');
  const budget = await create(dir, 'food_budgets', { code: `B-${T}`, name: `${T}抽检经费`, year, amount: 100000 });
  const half = await create(s, 'ledger_grants', { level: 'district', grantor: '昆都仑区人民政府', recipient_id: g.recipient_id, kind: 'funds', amount_fen: 50000, purpose: 'food_testing', granted_on: `${year}-01-20`, food_budget_id: budget.id });
  let burn = (await get(`/ledger_grants/${half.id}/actions/burn`, { session: s })).body;
  assert.deepEqual([burn.granted_fen, burn.planned_fen, burn.left_fen, burn.warnings.length], [50000, 0, 50000, 0]);
  const cereals = (await get('/food_categories?q=cereals&limit=50', { session: sup })).body.items.find((x) => x.code === 'cereals');
  const kdl = (await get('/jurisdictions?code=150203', { session: sup })).body.items[0];
  const plan = await create(sup, 'food_plans', { code: `P-${T}`, name: `${T}专项抽检`, year, kind: 'annual', budget_id: budget.id });
  await create(sup, 'plan_items', { plan_id: plan.id, category_id: cereals.id, jurisdiction_id: kdl.id, link: 'distribution', batches: 4, cost_per_batch: 15000 });
  burn = (await get(`/ledger_grants/${half.id}/actions/burn`, { session: s })).body;
  assert.equal(burn.planned_fen, 60000);
  assert.equal(burn.left_fen, -10000, 'granted − planned');
  assert.equal(burn.spent_fen, 0);
  assert.equal(burn.committed_fen, 60000);
  assert.equal(burn.plans.length, 1);
  assert.equal(burn.plans[0].over, true);
  assert.equal(burn.warnings.length, 1);
  assert.match(burn.warnings[0].zh, new RegExp(`${T}专项抽检.*600\\.00.*500\\.00`));
});

test('reports sent up are numbered by kind and year; an attachment is a core file', async (t) => {
  useClock(t, '2026-11-30T02:00:00Z');
  const s = await as('office');
  const a = await create(s, 'ledger_reports', { kind: 'special', title: `执法情况${T}`, sent_on: '2026-11-30', addressees: '市委、市政府主要领导' });
  const b = await create(s, 'ledger_reports', { kind: 'special', title: `执法情况续${T}`, sent_on: '2026-11-30', addressees: '市委、市政府主要领导' });
  assert.match(a.report_no, /^要情专报〔2026〕第\d+期$/);
  const n = (x) => Number(x.report_no.match(/第(\d+)期/)[1]);
  assert.equal(n(b), n(a) + 1, 'the next number of the series');
  const q = await create(s, 'ledger_reports', { kind: 'request', title: `请示${T}`, sent_on: '2026-11-30', addressees: '市人民政府' });
  assert.match(q.report_no, /^包质监请〔2026〕\d+号$/);
  expect422(await post('/ledger_reports', { kind: 'request', title: `请示${T}`, sent_on: '2026-12-30', addressees: '市人民政府' }, { session: s }), 'sent_on', 'future');
  expect422(await post('/ledger_reports', { kind: 'special', title: `x${T}`, sent_on: '2026-11-30' }, { session: s }), 'addressees', 'required');
  // the attachment: a stored file (core/files.h), served back with its bytes
  const PDF = Buffer.from(`%PDF-1.4\n% ${T}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  const up = await call('POST', '/files', { session: s, raw: PDF, headers: { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent('执法情况.pdf') } });
  expectStatus(up, 201, 'upload');
  const withFile = await create(s, 'ledger_reports', { kind: 'briefing', title: `简报${T}`, sent_on: '2026-11-30', addressees: '市政府分管领导', attachment: up.body });
  assert.match(withFile.report_no, /^质监工作简报〔2026〕第\d+期$/);
  assert.equal(withFile.attachment.sha256, up.body.sha256);
  const back = await call('GET', `/ledger_reports/${withFile.id}/files/attachment`, { session: s });
  expectStatus(back, 200, 'the attachment served');
  assert.ok(back.buf.equals(PDF), 'the same bytes');
  // any number of further attachments, one record a file, listed on the report
  const annex = []
  for (const [i, name] of ['附件1 检测数据.pdf', '附件2 现场照片.png'].entries()) {
    const bytes = i ? Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000504020169b86a9c0000000049454e44ae426082', 'hex')
      : Buffer.from(`%PDF-1.4\n% annex ${T}\n%%EOF\n`);
    const f = await call('POST', '/files', { session: s, raw: bytes, headers: { 'Content-Type': i ? 'image/png' : 'application/pdf', 'X-File-Name': encodeURIComponent(name) } });
    expectStatus(f, 201, 'upload ' + name);
    annex.push({ bytes, rec: await create(s, 'ledger_report_files', { report_id: withFile.id, title: name.replace(/\.\w+$/, ''), file: f.body }) });
  }
  expect422(await post('/ledger_report_files', { report_id: withFile.id, title: '附件3' }, { session: s }), 'file', 'required');
  const listed = await get(`/ledger_report_files?report_id=${withFile.id}&limit=10`, { session: s });
  expectStatus(listed, 200, 'the list');
  assert.deepEqual(listed.body.items.map((x) => x.title), ['附件1 检测数据', '附件2 现场照片']);
  for (const a of annex) {
    const got = await call('GET', `/ledger_report_files/${a.rec.id}/files/file`, { session: s });
    expectStatus(got, 200, 'an attachment served');
    assert.ok(got.buf.equals(a.bytes), 'its bytes');
  }
  // the demo's 要情专报 of 2012 is there with its number
  const d = await get('/ledger_reports?kind=special&limit=50', { session: s });
  assert.ok(d.body.items.some((x) => x.report_no === '要情专报〔2012〕第3期'));
});

test('an instruction\'s life: deadline on the calendar, reminder, overdue, 督办 and 催办, late feedback, closure, the year\'s share', async (t) => {
  useClock(t, '2026-12-01T02:00:00Z'); // Tuesday 1 December, 10:00 in Baotou
  let s = await as('office');
  const lead = await unitId(s, 'BTFOOD');
  const rep = await create(s, 'ledger_reports', { kind: 'special', title: `专报${T}`, sent_on: '2026-12-01', addressees: '市委主要领导' });
  const before = (await get('/ledger_instructions/actions/stats?year=2026', { session: s })).body;
  const i = await create(s, 'ledger_instructions', { leader: '孙炜东', leader_post: '市长', instructed_on: '2026-12-01', text: `请认真研究落实${T}`, report_id: rep.id });
  assert.match(i.instruction_no, /^批〔2026〕\d+号$/);
  assert.equal(i.state, 'registered');
  expect422(await post('/ledger_instructions', { leader: '孙炜东', instructed_on: '2026-12-01', text: '无所批事项' }, { session: s }), 'matter', 'required');
  // a deadline before the instruction is refused, naming the field
  expect422(await step(s, 'ledger_instructions', i.id, 'assign', { lead_unit_id: lead, deadline: '2026-11-30' }), 'deadline', 'order');
  expect422(await step(s, 'ledger_instructions', i.id, 'assign', { lead_unit_id: lead }), 'deadline');
  const withUnits = await patch(`/ledger_instructions/${i.id}`, { assigned_units: 'BTQTS-QS,BTTJS' }, i.version, { session: s });
  expectStatus(withUnits, 200, 'the other units assigned');
  expect422(await patch(`/ledger_instructions/${i.id}`, { deadline: '2026-11-01' }, withUnits.body.version, { session: s }), 'deadline', 'order');
  await stepOk(s, 'ledger_instructions', i.id, 'assign', { lead_unit_id: lead, deadline: '2026-12-04' });
  // progress notes of the units that act
  const dh = await as('donghe');
  const note = await create(dh, 'ledger_notes', { instruction_id: i.id, noted_on: '2026-12-01', progress: '已召开专题会议研究' });
  assert.equal(note.unit_id, dh.user.unit_id, 'the writer\'s unit');
  // the office's to-do counts the deadline down; the bell reminds within 3 working days
  let todo = (await get('/todo?limit=200', { session: s })).body.items.find((x) => x.entity === 'ledger_instructions' && x.id === i.id);
  assert.ok(todo, 'the feedback is the office\'s to-do');
  assert.equal(todo.deadline.due, '2026-12-04');
  let bell = (await get('/notifications?limit=200', { session: s })).body.items.filter((x) => x.entity === 'ledger_instructions' && x.entity_id === i.id);
  assert.ok(bell.some((x) => x.kind === 'due_soon'), `reminder before the deadline: ${JSON.stringify(bell)}`);
  // not yet overdue: the director has no 督办 to-do
  let dir = await as('director');
  assert.ok(!(await get('/todo?limit=200', { session: dir })).body.items.some((x) => x.entity === 'ledger_instructions' && x.id === i.id));
  // the deadline passes (Monday 7 December)
  useClock(t, '2026-12-07T02:00:00Z');
  s = await as('office');
  dir = await as('director');
  bell = (await get('/notifications?limit=200', { session: s })).body.items.filter((x) => x.entity === 'ledger_instructions' && x.entity_id === i.id);
  assert.ok(bell.some((x) => x.kind === 'overdue'), 'overdue in the bell');
  const sup = (await get('/todo?limit=200', { session: dir })).body.items.find((x) => x.entity === 'ledger_instructions' && x.id === i.id);
  assert.ok(sup, '督办: the director\'s to-do once the deadline has passed');
  const st = (await get('/ledger_instructions/actions/stats?year=2026', { session: s })).body;
  const open = (await get('/ledger_instructions?state=assigned&limit=500', { session: s })).body.items;
  const late = open.filter((x) => x.deadline < '2026-12-07' && x.instructed_on.startsWith('2026'));
  assert.ok(late.some((x) => x.id === i.id));
  assert.equal(st.overdue, late.length, 'the overdue count is the open instructions past their deadline');
  // 催办, twice, counted
  expect422(await step(dir, 'ledger_instructions', i.id, 'urge', {}), 'urge_note');
  await stepOk(dir, 'ledger_instructions', i.id, 'urge', { urge_note: '请于本周内反馈' });
  const u2 = await stepOk(s, 'ledger_instructions', i.id, 'urge', { urge_note: '再次催办' });
  assert.equal(u2.urged_count, 2);
  assert.equal(u2.last_urged_on, '2026-12-07');
  // late feedback: not on time
  const fb = await stepOk(s, 'ledger_instructions', i.id, 'feedback', { feedback: '已落实，报告附后' });
  assert.equal(fb.state, 'fed_back');
  assert.equal(fb.fed_back_on, '2026-12-07');
  assert.equal(fb.on_time, false);
  assert.equal((await step(s, 'ledger_instructions', i.id, 'feedback', { feedback: 'x' })).status, 409, 'feedback only once, from being handled');
  const closed = await stepOk(dir, 'ledger_instructions', i.id, 'close', {});
  assert.equal(closed.state, 'closed');
  assert.equal(closed.closed_on, '2026-12-07');
  expect422(await post('/ledger_notes', { instruction_id: i.id, noted_on: '2026-12-07', progress: '补充情况' }, { session: s }), 'instruction_id', 'closed');
  const after = (await get('/ledger_instructions/actions/stats?year=2026', { session: s })).body;
  assert.equal(after.count, before.count + 1);
  assert.equal(after.closed, before.closed + 1);
  assert.equal(after.on_time, before.on_time, 'late feedback is not on time');
  const got = await row(s, 'ledger_instructions', i.id);
  assert.equal(got.state, 'closed');
});

test('2012: the year\'s instructions ("30 and more") and the share fed back on time', async () => {
  const s = await as('director');
  const r = await get('/ledger_instructions/actions/stats?year=2012', { session: s });
  expectStatus(r, 200);
  assert.ok(r.body.count > 30, `over 30: ${r.body.count}`);
  assert.equal(r.body.closed, r.body.count);
  const pct = Math.round((r.body.on_time * 1000) / r.body.count) / 10;
  assert.equal(Number(r.body.on_time_pct), pct);
  expect422(await get('/ledger_instructions/actions/stats?year=abc', { session: s }), 'year', 'query');
});

test('who may do what: a district officer reads instructions but keeps no ledger', async () => {
  const dh = await as('donghe');
  expectStatus(await get('/ledger_instructions?limit=5', { session: dh }), 200);
  const r = await post('/ledger_grants', { level: 'city', grantor: 'x', recipient_id: 1, kind: 'funds', amount_fen: 1, purpose: 'other', granted_on: '2012-01-01' }, { session: dh });
  expectStatus(r, 403);
});

test('the director\'s dashboard: instructions on time and overdue this year, the year\'s support, as the reports compute them', async () => {
  const s = await as('director');
  const d = await get('/dashboard', { session: s });
  expectStatus(d, 200);
  const w = (d.body.widgets || []).find((x) => x.id === 'ledger_kpi');
  assert.ok(w, 'the ledger\'s key figures are on the director\'s dashboard');
  const items = Object.fromEntries(w.items.map((x) => [x.key, x]));
  const st = (await get(`/ledger_instructions/actions/stats?year=${w.year}`, { session: s })).body;
  assert.equal(items.instructions_on_time.done, st.on_time);
  assert.equal(items.instructions_on_time.of, st.count);
  assert.equal(items.instructions_overdue.done, st.overdue);
  assert.equal(Number(items.instructions_overdue.rate_pct), Math.round((st.overdue * 1000) / st.count) / 10, 'the overdue share, in tenths of a percent');
  assert.equal(items.ledger_total.fen, (await report(s, w.year)).total_fen);
  const dh = await get('/dashboard', { session: await as('donghe') });
  assert.ok(!(dh.body.widgets || []).some((x) => x.id === 'ledger_kpi'), 'not a district officer\'s');
});
