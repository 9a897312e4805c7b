// 81-equipment.test.mjs — special equipment (issue 15) over HTTP on the test
// clock: a unit registered, put into use, suspended, resumed and scrapped;
// its due dates computed by the engine from the rule table, never by hand
// (worked by hand below: a lift on the yearly rule of TSG T7001-2009 and a
// grade-3 pressure vessel of TSG 21-2016 8.1.6); every kind of bad input a
// 422 naming its field; an application (报检) completed by the inspection;
// the institute's monthly schedule; the daily scan with its reminder, its
// Art. 83(4) suggestion and its Art. 84(1) draft case, run twice; a rule
// change that moves a due date, said in the unit's history; the public QR
// page by token, never by id.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, del, call, expectStatus, tag, listAll, dbQuery } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, row, create } from './lib-modules.mjs';

const T = tag('EQ');
let seq = 0;
const code = () => `${T.replace(/[^0-9A-Za-z]/g, '')}${String(++seq).padStart(3, '0')}`.slice(-30);

async function anEnterprise(s) {
  const r = await get('/enterprises?limit=5', { session: s });
  expectStatus(r, 200);
  return r.body.items[0];
}

async function jurisId(s, c) {
  const r = await get(`/jurisdictions?code=${c}`, { session: s });
  return r.body.items[0].id;
}

async function unitBody(s, over = {}) {
  const e = await anEnterprise(s);
  return {
    equipment_code: code(), reg_cert_no: `梯11蒙B${seq}`, category: '3000', type: '3000.inclined', user_id: e.id,
    location: '昆都仑区钢铁大街1号', jurisdiction_id: await jurisId(s, '150203'), commissioned_on: '2025-06-15',
    made_on: '2025-01-10', schedule_mode: 'annual', ...over,
  };
}

test('registry: a lift registered, put into use, inspected; the dates follow TSG T7001-2009 (yearly) and Art. 40', async (t) => {
  useClock(t, '2026-07-01T02:00:00Z');
  const reg = await as('registrar');
  const u = await create(reg, 'equipment_units', await unitBody(reg));
  assert.equal(u.state, 'registered');
  let got = await row(reg, 'equipment_units', u.id);
  // never inspected: the first periodic inspection 12 months after commissioning 2025-06-15
  assert.equal(got.next_due, '2026-06-15');
  assert.equal(got.request_by, '2026-05-15', 'one month before (特种设备安全法第四十条)');
  assert.match(got.public_token, /^[0-9a-f]{32}$/);
  await stepOk(reg, 'equipment_units', u.id, 'commission');
  // a person never writes a due date
  got = await row(reg, 'equipment_units', u.id);
  expect422(await patch(`/equipment_units/${u.id}`, { next_due: '2030-01-01' }, got.version, { session: reg }), 'next_due');

  const insp = await as('inspector');
  const i = await create(insp, 'equipment_inspections', { unit_id: u.id, kind: 'periodic', inspected_on: '2026-06-20', conclusion: 'pass', report_no: `R${code()}` });
  assert.equal(i.jurisdiction_id, got.jurisdiction_id, 'the inspection carries the unit\'s jurisdiction');
  got = await row(reg, 'equipment_units', u.id);
  assert.equal(got.last_inspected_on, '2026-06-20');
  assert.equal(got.next_due, '2027-06-20', '2026-06-20 + 12 months');
  assert.equal(got.request_by, '2027-05-20');
  assert.match(got.due_basis, /TSG T7001-2009/);
  // the history shows the registration's dates and the inspection's
  const h = await get(`/equipment_units/${u.id}/history`, { session: reg });
  expectStatus(h, 200);
  const moved = h.body.items.filter((x) => x.changes?.next_due);
  assert.ok(moved.length >= 2, `the due date's changes are in the history: ${JSON.stringify(h.body.items.map((x) => x.action))}`);
  assert.deepEqual(moved.find((x) => x.action === 'inspection').changes.next_due, ['2026-06-15', '2027-06-20']);

  // the printable report
  const rep = await get(`/equipment_inspections/${i.id}/actions/report`, { session: insp });
  expectStatus(rep, 200);
  assert.match(rep.ctype, /text\/html/);
  assert.ok(rep.text.includes(got.equipment_code) && rep.text.includes('2027-06-20'));

  // lifecycle: suspend needs a date and a note; resume; scrap is final
  expectStatus(await step(reg, 'equipment_units', u.id, 'suspend', {}), 422);
  await stepOk(reg, 'equipment_units', u.id, 'suspend', { status_on: '2026-06-25', status_note: '停用检修' });
  await stepOk(reg, 'equipment_units', u.id, 'resume', { status_on: '2026-06-28' });
  expectStatus(await step(reg, 'equipment_units', u.id, 'commission'), 409, 'commission from in_use');
  await stepOk(reg, 'equipment_units', u.id, 'scrap', { status_on: '2026-06-30', status_note: '报废' });
  expect422(await post('/equipment_inspections', { unit_id: u.id, kind: 'periodic', inspected_on: '2026-06-30', conclusion: 'pass' }, { session: insp }), 'unit_id', 'state');
});

test('a pressure vessel: first within 3 years, then by safety grade (TSG 21-2016 8.1.6); bad input is a 422 naming the field', async (t) => {
  useClock(t, '2026-07-01T02:00:00Z');
  const reg = await as('registrar');
  const insp = await as('inspector');
  const v = await create(reg, 'equipment_units', await unitBody(reg, { category: '2000', type: '2000.fixed', commissioned_on: '2024-03-01', made_on: '2023-12-01', schedule_mode: undefined, reg_cert_no: `容11蒙B${seq}` }));
  assert.equal((await row(reg, 'equipment_units', v.id)).next_due, '2027-03-01', 'first periodic inspection within 3 years of 2024-03-01');
  const base = { unit_id: v.id, kind: 'periodic', inspected_on: '2026-06-01', conclusion: 'pass' };
  // grade 3: every 3 to 6 years, the body chooses 4 (48 months)
  expect422(await post('/equipment_inspections', { ...base, grade: 3, chosen_months: 80 }, { session: insp }), 'chosen_months');
  expect422(await post('/equipment_inspections', { ...base, grade: 6 }, { session: insp }), 'grade', 'range');
  expect422(await post('/equipment_inspections', { ...base, grade: 0 }, { session: insp }), 'grade', 'range');
  expect422(await post('/equipment_inspections', { ...base, grade: 2, conclusion: 'pass_recheck' }, { session: insp }), 'conclusion');
  expect422(await post('/equipment_inspections', { ...base, grade: 2, inspected_on: '2024-02-01' }, { session: insp }), 'inspected_on', 'order');
  expect422(await post('/equipment_inspections', { ...base, grade: 2, inspected_on: '2026-07-02' }, { session: insp }), 'inspected_on', 'future');
  expect422(await post('/equipment_inspections', { ...base, grade: 2, kind: 'external' }, { session: insp }), 'kind');
  expect422(await post('/equipment_inspections', { ...base, grade: 2, kind: 'no_such_kind' }, { session: insp }), 'kind', 'dict');
  expect422(await post('/equipment_inspections', { ...base, grade: 2, conclusion: 'maybe' }, { session: insp }), 'conclusion', 'dict');
  const i = await create(insp, 'equipment_inspections', { ...base, grade: 3, chosen_months: 48 });
  const got = await row(reg, 'equipment_units', v.id);
  assert.equal(got.next_due, '2030-06-01', '2026-06-01 + 48 months');
  assert.equal(got.request_by, '2030-05-01');
  assert.equal(got.grade, 3, 'the grade the inspection gave');
  assert.equal(i.next_due, '2030-06-01');

  // registration: unknown category, a type of another category, a grade for a lift, dates out of order
  expect422(await post('/equipment_units', await unitBody(reg, { category: '7000' }), { session: reg }), 'category', 'dict');
  expect422(await post('/equipment_units', await unitBody(reg, { category: '2000', type: '3000.traction', schedule_mode: undefined }), { session: reg }), 'type');
  expect422(await post('/equipment_units', await unitBody(reg, { type: '3000.no_such_type' }), { session: reg }), 'type', 'dict');
  expect422(await post('/equipment_units', await unitBody(reg, { grade: 2 }), { session: reg }), 'grade');
  expect422(await post('/equipment_units', await unitBody(reg, { category: '2000', type: '2000.fixed', grade: 6, schedule_mode: undefined }), { session: reg }), 'grade', 'range');
  expect422(await post('/equipment_units', await unitBody(reg, { made_on: '2025-07-01' }), { session: reg }), 'commissioned_on', 'order');
  expect422(await post('/equipment_units', await unitBody(reg, { schedule_mode: 't7001_2023' }), { session: reg }), 'base_on', 'required');
  expect422(await post('/equipment_units', await unitBody(reg, { maint_days: 30 }), { session: reg }), 'maint_days');
  // a pilot lift may have the longer interval
  await create(reg, 'equipment_units', await unitBody(reg, { maint_days: 30, pilot: true }));
});

test('an application (报检) is made once, accepted, and completed by the inspection', async (t) => {
  useClock(t, '2026-07-01T02:00:00Z');
  const reg = await as('registrar');
  const insp = await as('inspector');
  const u = await create(reg, 'equipment_units', await unitBody(reg, { commissioned_on: '2025-08-01', made_on: '2025-05-01' }));
  await stepOk(reg, 'equipment_units', u.id, 'commission');
  const a = await create(reg, 'equipment_applications', { unit_id: u.id, kind: 'periodic', contact: '王工', wanted_on: '2026-07-20' });
  assert.equal(a.state, 'submitted');
  assert.equal(a.due_on, '2026-08-01', 'the due date it applies for');
  assert.equal(a.applied_on, '2026-07-01');
  expect422(await post('/equipment_applications', { unit_id: u.id, kind: 'periodic' }, { session: reg }), 'unit_id', 'once');
  expect422(await post('/equipment_applications', { unit_id: u.id, kind: 'internal' }, { session: reg }), 'kind');
  expectStatus(await step(reg, 'equipment_applications', a.id, 'accept'), 403, 'the registrar does not accept for the institute');
  await stepOk(insp, 'equipment_applications', a.id, 'accept');
  const i = await create(insp, 'equipment_inspections', { unit_id: u.id, kind: 'periodic', inspected_on: '2026-06-30', conclusion: 'fail', findings: '制动器异常' });
  let app = await row(reg, 'equipment_applications', a.id);
  assert.equal(app.state, 'done');
  assert.equal(app.inspection_id, i.id);
  let got = await row(reg, 'equipment_units', u.id);
  assert.equal(got.usable, false, 'a failed unit must not be used (特种设备安全法第四十条)');
  assert.equal(got.next_due, '2026-08-01', 'a failed inspection does not move the due date');
  // a defect with its deadline; re-inspection passes
  const d = await create(insp, 'equipment_defects', { inspection_id: i.id, description: '制动器间隙超标', rectify_by: '2026-07-15' });
  assert.equal(d.unit_id, u.id);
  expect422(await post('/equipment_defects', { inspection_id: i.id, description: '早于检验', rectify_by: '2026-06-01' }, { session: insp }), 'rectify_by', 'order');
  await stepOk(insp, 'equipment_defects', d.id, 'rectify', { rectified_on: '2026-07-01', measures: '更换制动器' });
  expect422(await post('/equipment_inspections', { unit_id: u.id, kind: 'periodic', inspected_on: '2026-07-01', conclusion: 'pass_recheck' }, { session: insp }), 'recheck_of', 'required');
  await create(insp, 'equipment_inspections', { unit_id: u.id, kind: 'periodic', inspected_on: '2026-07-01', conclusion: 'pass_recheck', recheck_of: i.id });
  got = await row(reg, 'equipment_units', u.id);
  assert.equal(got.usable, true);
  assert.equal(got.next_due, '2027-07-01');
  assert.equal(got.last_conclusion, 'pass_recheck');
  // the unit's page lists its records (related tabs)
  const meta = await get('/meta', { session: reg });
  const rel = meta.body.entities.find((e) => e.name === 'equipment_units').related.map((r) => r.entity);
  for (const e of ['equipment_inspections', 'equipment_applications', 'equipment_defects', 'equipment_notices']) assert.ok(rel.includes(e), `${e} among ${rel}`);
  app = await get(`/equipment_inspections?unit_id=${u.id}`, { session: reg });
  assert.equal(app.body.items.length, 2);
});

test('the monthly schedule: by qualification and capacity, on working days, grouped by place; planned once', async () => {
  const insp = await as('inspector');
  expect422(await post('/equipment_schedule/actions/plan', { month: '2027-13' }, { session: insp }), 'month');
  expectStatus(await post('/equipment_schedule/actions/plan', { month: '2027-02' }, { session: await as('registrar') }), 403);
  const r = await post('/equipment_schedule/actions/plan', { month: '2027-02' }, { session: insp });
  expectStatus(r, 200);
  const due = [...await listAll(insp, 'equipment_units', 'next_due.from=2027-02-01&next_due.to=2027-02-28&state=in_use'),
    ...await listAll(insp, 'equipment_units', 'next_due.from=2027-02-01&next_due.to=2027-02-28&state=registered')];
  assert.ok(due.length > 0, 'the demo has units due in February 2027');
  assert.equal(r.body.planned + r.body.unassigned.length, due.length, 'every unit due is planned or reported');
  const rows = await listAll(insp, 'equipment_schedule', 'month=2027-02');
  assert.equal(rows.length, r.body.planned);
  const inspectors = new Map((await listAll(insp, 'equipment_inspectors')).map((x) => [x.id, x]));
  const units = new Map(due.map((u) => [u.id, u]));
  const load = new Map();
  for (const s of rows) {
    const d = new Date(`${s.planned_on}T00:00:00Z`);
    assert.ok(s.planned_on.startsWith('2027-02-'), s.planned_on);
    assert.ok(d.getUTCDay() !== 0 && d.getUTCDay() !== 6, `${s.planned_on} is a working day`);
    const who = inspectors.get(s.inspector_id);
    const u = units.get(s.unit_id);
    assert.ok(String(who.qualifications).split(',').includes(u.category), `inspector ${who.name} is qualified for ${u.category}`);
    const k = `${s.inspector_id}@${s.planned_on}`;
    load.set(k, (load.get(k) ?? 0) + 1);
    assert.ok(load.get(k) <= who.daily_capacity, `${k} within capacity ${who.daily_capacity}`);
  }
  // balanced: no inspector's day holds more than the even share of their month
  const perInspector = new Map();
  for (const s of rows) perInspector.set(s.inspector_id, (perInspector.get(s.inspector_id) ?? 0) + 1);
  for (const [k, n] of load) {
    const total = perInspector.get(Number(k.split('@')[0]));
    assert.ok(n <= Math.ceil(total / r.body.working_days), `${k}: ${n} ≤ ceil(${total}/${r.body.working_days})`);
  }
  // grouped: one place's units of one category go to one inspector
  const byPlace = new Map();
  for (const s of rows) {
    const k = `${s.jurisdiction_id}|${s.place}|${units.get(s.unit_id).category}`;
    byPlace.set(k, [...(byPlace.get(k) ?? []), s.inspector_id]);
  }
  for (const [k, ids] of byPlace) assert.equal(new Set(ids).size, 1, `${k} visited by one inspector`);
  const again = await post('/equipment_schedule/actions/plan', { month: '2027-02' }, { session: insp });
  expectStatus(again, 200);
  assert.equal(again.body.planned, 0, 'planning the month again plans nothing twice');
});

test('the daily scan: reminder, Art. 83(4) suggestion, then Art. 84(1) with a draft case; run twice, nothing twice', async (t) => {
  useClock(t, '2026-08-01T02:00:00Z');
  const reg = await as('registrar');
  // due 2026-08-07, request by 2026-07-07: past the request deadline, no application
  const late = await create(reg, 'equipment_units', await unitBody(reg, { commissioned_on: '2025-08-07', made_on: '2025-05-01' }));
  await stepOk(reg, 'equipment_units', late.id, 'commission');
  // due 2026-09-10, request by 2026-08-10: within 30 days of it
  const soon = await create(reg, 'equipment_units', await unitBody(reg, { commissioned_on: '2025-09-10', made_on: '2025-05-01' }));
  await stepOk(reg, 'equipment_units', soon.id, 'commission');
  const dir = await as('director');
  // the inspection notices (these lifts have no maintenance recorded either: flagged apart, below)
  const notices = async (id) => (await get(`/equipment_notices?unit_id=${id}`, { session: await as('director') })).body.items.filter((x) => x.kind !== 'maint_missed');
  expectStatus(await post('/equipment_units/actions/scan', {}, { session: reg }), 403, 'the registrar does not run the scan');
  let r = await post('/equipment_units/actions/scan', {}, { session: dir });
  expectStatus(r, 200);
  assert.equal(r.body.today, '2026-08-01', 'the scan runs on the server\'s (test) clock');
  let n = await notices(late.id);
  assert.deepEqual(n.map((x) => x.kind), ['art83_4']);
  assert.match(n[0].article, /第八十三条第（四）项/);
  assert.equal(n[0].due_on, '2026-08-07');
  const s = await notices(soon.id);
  assert.deepEqual(s.map((x) => x.kind), ['reminder']);
  assert.equal(s[0].user_id, soon.user_id, 'to the user unit');
  r = await post('/equipment_units/actions/scan', {}, { session: dir });
  expectStatus(r, 200);
  assert.equal((await notices(late.id)).length, 1, 'idempotent');
  assert.equal((await notices(soon.id)).length, 1, 'idempotent');

  // in use past the due date: Art. 84(1) and a draft case for the case handler
  useClock(t, '2026-08-10T02:00:00Z');
  r = await post('/equipment_units/actions/scan', {}, { session: await as('director') });
  expectStatus(r, 200);
  n = await notices(late.id);
  const a84 = n.find((x) => x.kind === 'art84_1');
  assert.ok(a84, JSON.stringify(n));
  assert.ok(a84.case_id, 'a draft case');
  const handler = await as('handler');
  const c = await row(handler, 'cases', a84.case_id);
  assert.equal(c.state, 'clue', 'a draft: the case handler files it');
  assert.equal(c.kind, 'equipment');
  assert.equal(c.source_entity, 'equipment_units');
  assert.equal(c.source_id, late.id);
  assert.match(c.summary, /第八十四条第（一）项/);
  assert.ok(c.summary.includes('2026-08-07') && c.summary.includes(late.equipment_code));
  // made as a person would make it: the case's clocks run (the filing decision within 15 working days of
  // receipt, 市场监督管理行政处罚程序规定第十八条), not a case without deadlines
  assert.equal(dbQuery(`SELECT COUNT(*) FROM deadlines WHERE entity = 'cases' AND entity_id = '${c.id}' AND kind = 'filing' AND closed_at IS NULL`), '1')
  await post('/equipment_units/actions/scan', {}, { session: await as('director') });
  assert.equal((await notices(late.id)).filter((x) => x.kind === 'art84_1').length, 1, 'one case, however often it runs');
  // the dashboard lists it overdue by district and category
  const o = await get('/equipment_units/actions/overdue_by_district', { session: await as('director') });
  expectStatus(o, 200);
  assert.ok(o.body.rows.some((x) => x.category === '3000' && x.category_label.zh === '电梯' && x.count >= 1));
  const dash = await get('/dashboard', { session: await as('director') });
  expectStatus(dash, 200);
  const ids = dash.body.widgets.map((w) => w.id);
  assert.ok(ids.includes('equipment_due_month') && ids.includes('equipment_overdue'), ids.join(','));
  const due = await get('/equipment_units/actions/due?within=40', { session: await as('director') });
  expectStatus(due, 200);
  assert.ok(due.body.items.some((x) => x.id === soon.id), 'due within 40 days');
  const dates = due.body.items.map((x) => x.next_due);
  assert.deepEqual(dates, [...dates].sort(), 'by due date');
  expectStatus(await get('/equipment_units/actions/due?within=abc', { session: await as('director') }), 400);
});

test('a rule change recomputes the due dates and says so in the unit\'s history', async (t) => {
  useClock(t, '2026-07-01T02:00:00Z');
  const reg = await as('registrar');
  const u = await create(reg, 'equipment_units', await unitBody(reg, { commissioned_on: '2025-03-01', made_on: '2025-01-01' }));
  await stepOk(reg, 'equipment_units', u.id, 'commission');
  await create(await as('inspector'), 'equipment_inspections', { unit_id: u.id, kind: 'periodic', inspected_on: '2026-03-02', conclusion: 'pass' });
  assert.equal((await row(reg, 'equipment_units', u.id)).next_due, '2027-03-02');
  const admin = await as('admin');
  // the register as the rules in force give it (the job steps every unit of every category through the engine)
  expectStatus(await post('/equipment_rules/actions/recompute', {}, { session: admin }), 200);
  const snap = async () => new Map((await listAll(reg, 'equipment_units')).map((x) => [x.id, {
    type: x.type, next_due: x.next_due, request_by: x.request_by, due_kind: x.due_kind, due_basis: x.due_basis, usable: x.usable,
  }]));
  const before = await snap();
  assert.ok(new Set([...before.values()].map((x) => x.type)).size >= 3, 'units of several types');
  const again = await post('/equipment_rules/actions/recompute', {}, { session: admin });
  expectStatus(again, 200);
  assert.equal(again.body.changed, 0, 'a recompute under the same rules moves no date');
  assert.ok(again.body.units >= before.size - 1);
  expectStatus(await post('/equipment_rules', { category: '3000', type: '3000.inclined', kind: 'periodic', months: 24, regulation: 'TSG T7001-2009', clause: '2.2', effective: '2026-01-01', usable: true }, { session: await as('registrar') }), 403);
  const rule = await create(admin, 'equipment_rules', { category: '3000', type: '3000.inclined', kind: 'periodic', months: 24, regulation: 'TSG T7001-2009', clause: '2.2', effective: '2026-01-01', usable: true, note_zh: '测试版本' });
  const rc = await post('/equipment_rules/actions/recompute', {}, { session: admin });
  expectStatus(rc, 200);
  assert.ok(rc.body.changed >= 1);
  const got = await row(reg, 'equipment_units', u.id);
  assert.equal(got.next_due, '2028-03-02', 'the later edition: 24 months');
  assert.match(got.due_note, /检验规则变更.*2027-03-02.*2028-03-02/);
  assert.match(got.due_basis, /^TSG T7001-2009 2\.2：测试版本/, 'the basis cites the edition now applied');
  for (const [id, was] of await snap()) { // the other types keep their dates and basis
    if (before.get(id)?.type !== '3000.inclined' && before.has(id)) assert.deepEqual(was, before.get(id), `unit ${id}`);
  }
  const h = await get(`/equipment_units/${u.id}/history`, { session: reg });
  const ch = h.body.items.find((x) => x.action === 'rule_change');
  assert.ok(ch, 'the rule change is in the history');
  assert.deepEqual(ch.changes.next_due, ['2027-03-02', '2028-03-02']);
  // the edition withdrawn: the dates go back
  expectStatus(await del(`/equipment_rules/${rule.id}`, rule.version, { session: admin }), 204);
  expectStatus(await post('/equipment_rules/actions/recompute', {}, { session: admin }), 200);
  assert.equal((await row(reg, 'equipment_units', u.id)).next_due, '2027-03-02');
  const after = await snap();
  for (const [id, was] of before) assert.deepEqual(after.get(id), was, `unit ${id}: as before the edition`);
});

test('the public QR page: by token, never by id; a PNG code; a problem reported as a complaint', async () => {
  const reg = await as('registrar');
  const u = await create(reg, 'equipment_units', await unitBody(reg));
  const tok = (await row(reg, 'equipment_units', u.id)).public_token;
  const r = await call('GET', `/public/equipment?token=${tok}`);
  expectStatus(r, 200);
  assert.equal(r.body.equipment_code, u.equipment_code);
  assert.equal(r.body.next_due, '2026-06-15');
  assert.equal(typeof r.body.user_unit, 'string');
  assert.equal(r.body.jurisdiction_code, '150203');
  expectStatus(await call('GET', `/public/equipment?token=${u.id}`), 404, 'the sequential id opens nothing');
  expectStatus(await call('GET', `/public/equipment?token=${'0'.repeat(32)}`), 404);
  const png = await call('GET', `/public/equipment_qr?token=${tok}`);
  expectStatus(png, 200);
  assert.equal(png.ctype, 'image/png');
  assert.deepEqual([...png.buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.buf.length > 500);
  const own = await get(`/equipment_units/${u.id}/actions/qr`, { session: reg });
  expectStatus(own, 200);
  assert.deepEqual(own.buf, png.buf, 'the code printed on the unit is the public one');
  // the page's "report a problem": the public complaint path
  const rep = await call('POST', '/public/complaints', { body: { kind: 'report', respondent_name: r.body.user_unit, respondent_address: r.body.location, jurisdiction_code: r.body.jurisdiction_code, facts: `设备代码 ${r.body.equipment_code}：运行中异响` } });
  expectStatus(rep, 201);
  assert.match(rep.body.tracking_no, /^JB/);
});

test('maintenance: a lift not visited within 15 days (TSG T5002-2017) is flagged naming its maintenance unit; a pilot lift has its own interval', async (t) => {
  useClock(t, '2026-08-01T02:00:00Z');
  const reg = await as('registrar');
  const m = await create(reg, 'equipment_maintainers', { name: `维保${T}`, licence_no: `TS34-${T}`, emergency_phone: '0472-5100000', jurisdiction_id: await jurisId(reg, '150203') });
  const a = await create(reg, 'equipment_units', await unitBody(reg, { maintainer_id: m.id, commissioned_on: '2026-01-05', made_on: '2025-11-01' }));
  const b = await create(reg, 'equipment_units', await unitBody(reg, { maintainer_id: m.id, commissioned_on: '2026-01-05', made_on: '2025-11-01', pilot: true, maint_days: 45 }));
  for (const u of [a, b]) {
    await stepOk(reg, 'equipment_units', u.id, 'commission');
    await create(reg, 'equipment_maintenance', { unit_id: u.id, visited_on: '2026-07-01', kind: 'half_month', worker: '李师傅' });
  }
  assert.equal((await row(reg, 'equipment_units', a.id)).last_maint_on, '2026-07-01');
  expect422(await post('/equipment_maintenance', { unit_id: a.id, visited_on: '2026-08-02', kind: 'half_month' }, { session: reg }), 'visited_on', 'future');
  const dir = await as('director');
  expectStatus(await post('/equipment_units/actions/scan', {}, { session: dir }), 200);
  const na = (await get(`/equipment_notices?unit_id=${a.id}&kind=maint_missed`, { session: dir })).body.items;
  assert.equal(na.length, 1, 'last visit 2026-07-01 + 15 days = 2026-07-16 < 2026-08-01');
  assert.equal(na[0].maintainer_id, m.id);
  assert.equal(na[0].due_on, '2026-07-16');
  assert.ok(na[0].message.includes(m.name), 'names the maintenance unit');
  const nb = (await get(`/equipment_notices?unit_id=${b.id}&kind=maint_missed`, { session: dir })).body.items;
  assert.equal(nb.length, 0, 'the pilot lift: 2026-07-01 + 45 days is not past');
  // operators and accidents hang on the unit
  const op = await create(reg, 'equipment_operators', { name: '赵师傅', unit_id: a.id, cert_kind: 'T', cert_no: `T${T}`, cert_issued_on: '2024-01-01', cert_expires_on: '2028-01-01', jurisdiction_id: await jurisId(reg, '150203') });
  assert.equal(op.unit_id, a.id);
  expect422(await post('/equipment_operators', { name: '钱师傅', cert_kind: 'T', cert_no: `T2${T}`, cert_issued_on: '2024-01-01', cert_expires_on: '2023-01-01', jurisdiction_id: op.jurisdiction_id }, { session: reg }), 'cert_expires_on', 'order');
  const acc = await create(reg, 'equipment_accidents', { unit_id: a.id, occurred_on: '2026-07-20', level: 'incident', deaths: 0, injuries: 0, description: '困人30分钟' });
  assert.equal(acc.jurisdiction_id, op.jurisdiction_id);
});

// The overdue count by district and category is read from the tally the core
// keeps at every write of a unit (eq_due_tally, core/tally.h): it must equal
// a count of the units themselves after every kind of write (create, step,
// update, the inspections and rule changes the tests above made) and on
// every day without any write, for the whole register and for a district.
test('overdue by district: the tally equals the units after every write and as days pass', async (t) => {
  useClock(t, '2026-08-01T02:00:00Z');
  const live = (day, where = '') => Number(dbQuery(`SELECT COUNT(*) FROM eq_units WHERE deleted = 0 AND state = 'in_use' AND next_due < '${day}'${where}`));
  const overdue = async (s) => {
    const r = await get('/equipment_units/actions/overdue_by_district', { session: s });
    expectStatus(r, 200);
    return r.body;
  };
  const same = async (day, why) => {
    const o = await overdue(await as('director'));
    assert.equal(o.today, day);
    assert.ok(o.as_of, 'the answer says when it was counted');
    assert.equal(o.total, live(day), `director: ${why}`);
    assert.equal(o.rows.reduce((a, x) => a + x.count, 0), o.total);
    for (const x of o.rows)
      assert.equal(x.count, live(day, ` AND jurisdiction_id = ${x.jurisdiction_id} AND category = '${x.category}'`), `${x.district} ${x.category}: ${why}`);
    // the registrar reads by jurisdiction: the same counts for the districts it sees
    const mine = await overdue(await as('registrar'));
    for (const x of mine.rows) assert.equal(x.count, o.rows.find((y) => y.jurisdiction_id === x.jurisdiction_id && y.category === x.category)?.count, `registrar ${x.district}: ${why}`);
    return o;
  };
  const o0 = await same('2026-08-01', 'before');
  let reg = await as('registrar');
  // due 2026-08-05: not yet overdue on 2026-08-01
  const u = await create(reg, 'equipment_units', await unitBody(reg, { commissioned_on: '2025-08-05', made_on: '2025-05-01' }));
  assert.equal((await same('2026-08-01', 'created')).total, o0.total);
  await stepOk(reg, 'equipment_units', u.id, 'commission');
  assert.equal((await same('2026-08-01', 'put into use')).total, o0.total, 'not yet due');
  // days pass, nothing is written: overdue from the day after its due date
  useClock(t, '2026-08-05T02:00:00Z');
  const o5 = await same('2026-08-05', 'on its due date');
  useClock(t, '2026-08-06T02:00:00Z');
  const o6 = await same('2026-08-06', 'the day after');
  assert.equal(o6.total, o5.total + live('2026-08-06', " AND next_due = '2026-08-05'"), 'counted as the day passes');
  assert.ok(live('2026-08-06', ` AND id = ${u.id}`) === 1, 'the unit is overdue');
  reg = await as('registrar');
  await stepOk(reg, 'equipment_units', u.id, 'suspend', { status_on: '2026-08-06', status_note: '停用检修' });
  assert.equal((await same('2026-08-06', 'suspended')).total, o6.total - 1, 'a suspended unit is not in use');
  await stepOk(reg, 'equipment_units', u.id, 'resume', { status_on: '2026-08-06' });
  assert.equal((await same('2026-08-06', 'resumed')).total, o6.total);
  await stepOk(reg, 'equipment_units', u.id, 'scrap', { status_on: '2026-08-06', status_note: '报废' });
  assert.equal((await same('2026-08-06', 'scrapped')).total, o6.total - 1);
  // the dashboard's due-this-month widget reads the same tally
  const w = (await get('/dashboard', { session: await as('director') })).body.widgets.find((x) => x.id === 'equipment_due_month');
  assert.equal(w.total, Number(dbQuery("SELECT COUNT(*) FROM eq_units WHERE deleted = 0 AND state IN ('registered', 'in_use') AND next_due >= '2026-08-01' AND next_due <= '2026-08-31'")));
});

test('the trend widget: periodic inspections by month, and those made after the due date then in force, as counted from the records', async () => {
  const r = await get('/dashboard', { session: await as('director') });
  expectStatus(r, 200);
  const w = r.body.widgets.find((x) => x.id === 'equipment_trend');
  assert.ok(w, 'the director sees the trend');
  const months = w.option.xAxis.data, done = w.option.series[0].data, late = w.option.series[1].data;
  assert.equal(months.length, done.length);
  assert.ok(months.length >= 1 && months.length <= 12);
  // the oracle: every inspection, its predecessor of the same unit and kind found here, in JavaScript
  const rows = dbQuery("SELECT unit_id || '|' || kind || '|' || inspected_on || '|' || COALESCE(next_due, '') || '|' || CASE WHEN recheck_of IS NULL THEN 0 ELSE 1 END FROM eq_inspections WHERE deleted = 0 ORDER BY unit_id, kind, inspected_on")
    .split('\n').filter(Boolean).map((l) => l.split('|'))
  const want = new Map()
  let prev = null
  for (const [unit, kind, on, due, recheck] of rows) {
    const m = on.slice(0, 7)
    if (recheck === '0' && months.includes(m) && on <= w.to) {
      const e = want.get(m) || { done: 0, late: 0 }
      e.done++
      if (prev && prev.unit === unit && prev.kind === kind && prev.due && prev.due < on) e.late++
      want.set(m, e)
    }
    prev = { unit, kind, due }
  }
  months.forEach((m, i) => {
    assert.equal(done[i], want.get(m)?.done ?? 0, `${m} inspected`)
    assert.equal(late[i], want.get(m)?.late ?? 0, `${m} after the due date`)
  })
  assert.ok(late.some((x) => x > 0), 'the demo has late inspections to show')
});
