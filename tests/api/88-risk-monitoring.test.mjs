// 88-risk-monitoring.test.mjs — risk monitoring plans, follow-ups and the
// warnings' webhook (issue 16 §1, §3) over HTTP:
//   - a monitoring plan shares its testing budget with the supervision
//     sampling plans: a monitoring line that would take the year past the
//     budget is a 422 naming the figures, and so is a supervision line once
//     the monitoring lines take the room; the budget report gives both
//     totals; the plan's workflow (no lines → 409; submit, approve);
//   - a risk-monitoring sample names its plan; a supervision sample cannot;
//   - a follow-up of a finding (a signal, a failed risk-monitoring sample),
//     linked both ways, with its deadline from the workflow engine; no origin
//     or a sample that is not a failed monitoring sample → 422;
//   - the webhook: a red warning is POSTed to a local receiver with its
//     number, level, title, scope and link, the delivery recorded delivered
//     with the HTTP status; with the receiver down the warning is still
//     raised (201), the delivery recorded failed (status 0, the error), not
//     retried before its back-off, and delivered after 重新发送;
//   - triage from the list: the signals' dismiss runs as a batch.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { get, post, expectStatus, tag, listAll, startServer, stopServer, call } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, create, deadlineDue } from './lib-modules.mjs';
import { dbQuery } from './lib.mjs';

const T = tag('RM');

async function budgetWithPlans(t) {
  const dir = await as('director');
  const sup = await as('supervisor');
  const ra = await as('riskanalyst');
  const budget = await create(dir, 'food_budgets', { code: `B-${T}`, name: `${T}共用经费`, year: 2027, amount: 1000000 });
  const cat = dbQuery("SELECT id FROM food_categories WHERE deleted = 0 AND parent_id IS NOT NULL ORDER BY id LIMIT 1");
  const juris = dbQuery("SELECT id FROM jurisdictions WHERE deleted = 0 AND parent_id IS NOT NULL ORDER BY id LIMIT 1");
  const analyte = dbQuery("SELECT id FROM food_analytes WHERE deleted = 0 ORDER BY id LIMIT 1");
  const fp = await create(sup, 'food_plans', { code: `FP-${T}`, name: `${T}监督抽检`, year: 2027, kind: 'special', budget_id: budget.id });
  await create(sup, 'plan_items', { plan_id: fp.id, category_id: Number(cat), jurisdiction_id: Number(juris), link: 'distribution', batches: 6, cost_per_batch: 100000 });
  return { dir, sup, ra, budget, fp, cat: Number(cat), juris: Number(juris), analyte: Number(analyte) };
}

test('a monitoring plan shares the budget with the supervision plans, both ways; its workflow', async (t) => {
  useClock(t, '2026-12-01T09:00:00Z');
  const { dir, sup, ra, budget, fp, cat, juris, analyte } = await budgetWithPlans(t);
  const mp = await create(ra, 'risk_mplans', { code: `MP-${T}`, name: `${T}风险监测`, year: 2027, budget_id: budget.id, purpose: '监测蔬菜中铅' });
  expectStatus(await step(ra, 'risk_mplans', mp.id, 'submit'), 409, 'a plan without lines is not submitted');
  const line = { plan_id: mp.id, category_id: cat, analyte_id: analyte, jurisdiction_id: juris, batches: 3, cost_per_batch: 100000 };
  const l1 = await create(ra, 'risk_mplan_items', line);
  assert.equal(l1.subtotal, 300000);
  // 600,000 supervision + 300,000 monitoring: 100,000 left; 200,000 more is refused
  const e = expect422(await post('/risk_mplan_items', { ...line, batches: 2 }, { session: ra }), 'cost_per_batch', 'budget');
  assert.match(e.message, /10,000\.00|10000\.00/, 'the message names the budget');
  // the other way: a supervision line cannot take the room the monitoring plan holds
  expect422(await post('/plan_items', { plan_id: fp.id, category_id: cat, jurisdiction_id: juris, link: 'distribution', batches: 2, cost_per_batch: 100000 }, { session: sup }), 'cost_per_batch', 'budget');
  const rep = await get(`/risk_mplans/${mp.id}/actions/budget`, { session: ra });
  expectStatus(rep, 200);
  assert.deepEqual({ s: rep.body.planned_supervision, m: rep.body.planned_monitoring, a: rep.body.planned_all, r: rep.body.remaining, w: rep.body.within_budget },
    { s: 600000, m: 300000, a: 900000, r: 100000, w: true });
  const fpRep = await get(`/food_plans/${fp.id}/actions/budget`, { session: sup });
  assert.equal(fpRep.body.planned_all, 900000, 'the food plan\'s report counts the monitoring lines too');
  // the budget cannot be cut below both plans' lines
  const b = (await get(`/food_budgets/${budget.id}`, { session: dir })).body;
  const cut = await call('PATCH', `/food_budgets/${budget.id}`, { session: dir, body: { amount: 800000 }, headers: { 'If-Match': `"${b.version}"` } });
  expect422(cut, 'amount', 'budget');
  const plan = await row(ra, mp.id);
  assert.equal(plan.planned_cost, 300000, 'the plan\'s total follows its lines');
  await stepOk(ra, 'risk_mplans', mp.id, 'submit');
  expectStatus(await step(ra, 'risk_mplans', mp.id, 'approve'), 403, 'the analyst does not approve');
  const ok = await stepOk(dir, 'risk_mplans', mp.id, 'approve');
  assert.equal(ok.state, 'approved');
  expect422(await post('/risk_mplan_items', { ...line, batches: 1 }, { session: ra }), 'plan_id', 'state');
  // an approved plan keeps its budget
  const other = await create(dir, 'food_budgets', { code: `B2-${T}`, name: `${T}另一笔经费`, year: 2027, amount: 5000000 });
  const cur = await row(ra, mp.id);
  expect422(await call('PATCH', `/risk_mplans/${mp.id}`, { session: ra, body: { budget_id: other.id }, headers: { 'If-Match': `"${cur.version}"` } }), 'budget_id', 'state');
  // a draft moves to another budget only if its lines fit there
  const small = await create(dir, 'food_budgets', { code: `B3-${T}`, name: `${T}小额经费`, year: 2027, amount: 100000 });
  const mp2 = await create(ra, 'risk_mplans', { code: `MP2-${T}`, name: `${T}风险监测二`, year: 2027, budget_id: other.id });
  await create(ra, 'risk_mplan_items', { ...line, plan_id: mp2.id, batches: 2 });
  const d2 = await row(ra, mp2.id);
  expect422(await call('PATCH', `/risk_mplans/${mp2.id}`, { session: ra, body: { budget_id: small.id }, headers: { 'If-Match': `"${d2.version}"` } }), 'budget_id', 'budget');
});

async function row(s, id) {
  const r = await get(`/risk_mplans/${id}`, { session: s });
  expectStatus(r, 200);
  return r.body;
}

test('a risk-monitoring sample names its plan; a supervision sample cannot', async (t) => {
  useClock(t, '2026-12-01T09:10:00Z');
  const sampler = await as('sampler');
  const mp = Number(dbQuery("SELECT MIN(id) FROM risk_mplans WHERE deleted = 0"));
  assert.ok(mp > 0, 'a monitoring plan exists (the test above)');
  const [biz, food] = dbQuery("SELECT enterprise_id || ',' || food_id FROM samples WHERE deleted = 0 AND kind = 'risk_monitoring' ORDER BY id LIMIT 1").split(',').map(Number);
  const body = (label, kind) => ({
    link: 'distribution', enterprise_id: biz, food_id: food, product_name: `${T}监测样品${label}`, batch_no: `B${label}`,
    sampled_at: '2026-12-01T01:00:00Z', production_date: '2026-11-01', kind, items: 'pb', monitor_plan_id: mp,
  });
  expect422(await post('/samples', body('S', 'supervision'), { session: sampler }), 'monitor_plan_id', 'check');
  const m = await create(sampler, 'samples', body('M', 'risk_monitoring'));
  assert.equal(m.monitor_plan_id, mp);
  const list = await listAll(sampler, 'samples', `monitor_plan_id=${mp}`);
  assert.ok(list.some((x) => x.id === m.id), 'the plan\'s samples tab lists it');
});

test('a follow-up of a finding, linked both ways, with its deadline; 422 without an origin', async (t) => {
  useClock(t, '2026-12-02T09:00:00Z');
  const ra = await as('riskanalyst');
  const open = (await listAll(ra, 'risk_signals', 'state=open')).filter((x) => x.enterprise_id);
  assert.ok(open.length > 0, 'an open signal about an enterprise');
  const sig = open[0];
  const r = await post(`/risk_signals/${sig.id}/actions/follow_up`, {}, { session: ra });
  expectStatus(r, 201, 'the signal\'s button creates a follow-up');
  const fu = r.body;
  assert.equal(fu.signal_id, sig.id, 'the follow-up shows its origin');
  assert.equal(fu.kind, 'inspection', 'an enterprise named: an inspection');
  assert.equal(fu.enterprise_id, sig.enterprise_id);
  assert.ok(fu.unit_id > 0, 'assigned to a unit');
  assert.equal(fu.state, 'assigned');
  assert.match(fu.due_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(deadlineDue('risk_followups', fu.id, 'followup_due', true), fu.due_on, 'the due day is the workflow deadline');
  // the other way: the signal's page lists its follow-ups
  const back = await listAll(ra, 'risk_followups', `signal_id=${sig.id}`);
  assert.ok(back.some((x) => x.id === fu.id), 'the signal shows its follow-up');
  const meta = (await get('/meta', { session: ra })).body.entities;
  const rels = (name) => meta.find((x) => x.name === name).related.map((x) => `${x.entity}.${x.field}`);
  assert.ok(rels('risk_signals').includes('risk_followups.signal_id'), 'the signal\'s page has a follow-ups tab');
  assert.ok(rels('samples').includes('risk_followups.sample_id'), 'the sample\'s page has a follow-ups tab');
  assert.ok(rels('risk_mplans').includes('risk_mplan_items.plan_id'), 'the plan\'s page has its lines');
  assert.ok(rels('risk_mplans').includes('samples.monitor_plan_id'), 'and its samples');
  // a given kind, unit and due day
  const unit = Number(dbQuery("SELECT MIN(id) FROM units WHERE deleted = 0"));
  const r2 = await post(`/risk_signals/${sig.id}/actions/follow_up`, { kind: 'sampling', unit_id: unit, due_on: '2026-12-20', instructions: `${T} 复抽该企业同类产品` }, { session: ra });
  expectStatus(r2, 201);
  assert.deepEqual([r2.body.kind, r2.body.unit_id, r2.body.due_on], ['sampling', unit, '2026-12-20']);
  assert.equal(deadlineDue('risk_followups', r2.body.id, 'followup_due', true), '2026-12-20');
  // no origin; a sample that is not a failed monitoring sample
  expect422(await post('/risk_followups', { kind: 'sampling', instructions: `${T} 无来源`, unit_id: unit }, { session: ra }), 'signal_id', 'required');
  const supSample = Number(dbQuery("SELECT MIN(id) FROM samples WHERE deleted = 0 AND kind = 'supervision'"));
  expect422(await post('/risk_followups', { sample_id: supSample, instructions: `${T} 监督样品` }, { session: ra }), 'sample_id', 'check');
  const failed = dbQuery("SELECT MIN(id) FROM samples WHERE deleted = 0 AND kind = 'risk_monitoring' AND conclusion = 'fail'");
  assert.ok(failed, 'the demo has a failed risk-monitoring sample');
  {
    const f = await create(ra, 'risk_followups', { sample_id: Number(failed) });
    assert.equal(f.sample_id, Number(failed), 'from a failed monitoring sample');
    assert.ok(f.enterprise_id > 0 && f.instructions.length > 2, 'the enterprise and instructions taken from the sample');
    const bySample = await listAll(ra, 'risk_followups', `sample_id=${failed}`);
    assert.ok(bySample.some((x) => x.id === f.id), 'the sample shows its follow-up');
  }
  // the origin does not change; done closes the deadline
  const v = (await get(`/risk_followups/${fu.id}`, { session: ra })).body;
  const other = open.find((x) => x.id !== sig.id);
  if (other) {
    const p = await call('PATCH', `/risk_followups/${fu.id}`, { session: ra, body: { signal_id: other.id }, headers: { 'If-Match': `"${v.version}"` } });
    expect422(p, 'signal_id', 'immutable');
  }
  expect422(await step(ra, 'risk_followups', fu.id, 'done', {}), 'result');
  const done = await stepOk(ra, 'risk_followups', fu.id, 'done', { result: '现场检查，责令整改' });
  assert.equal(done.state, 'done');
  assert.equal(done.done_on, '2026-12-02');
  assert.equal(deadlineDue('risk_followups', fu.id, 'followup_due', true), null, 'the deadline closed with the step');
});

test('triage from the list: dismiss runs as a batch step on the signals list', async (t) => {
  useClock(t, '2026-12-02T09:30:00Z');
  const ra = await as('riskanalyst');
  const open = await listAll(ra, 'risk_signals', 'state=open');
  assert.ok(open.length >= 2, 'open signals to triage');
  const pick = open.slice(-2);
  const r = await post('/risk_signals/batch', { op: 'transition', transition: 'dismiss', body: { dismiss_reason: `${T} 批量排除：已核实为同一批次` }, ids: pick.map((x) => ({ id: x.id, version: x.version })) }, { session: ra });
  expectStatus(r, 200, 'the batch');
  assert.equal(r.body.done, 2, JSON.stringify(r.body));
  for (const x of pick) {
    const g = (await get(`/risk_signals/${x.id}`, { session: ra })).body;
    assert.equal(g.state, 'dismissed');
    assert.match(g.dismiss_reason, /批量排除/);
  }
});

test('triage from the list: the ticked signals raised as one warning (button asking for the selection); 422, 409', async (t) => {
  useClock(t, '2026-12-02T09:40:00Z');
  const ra = await as('riskanalyst');
  const meta = (await get('/meta', { session: ra })).body.entities.find((x) => x.name === 'risk_signals');
  const btn = meta.buttons.find((b) => b.name === 'raise');
  assert.ok(btn && btn.asks === 'selection' && !btn.on_record, 'a list button that posts the ticked rows');
  const open = await listAll(ra, 'risk_signals', 'state=open');
  assert.ok(open.length >= 3, 'open signals');
  const pick = open.slice(0, 3);
  const rank = { banned: 4, producer: 3, over_limit: 3 };
  const top = Math.max(...pick.map((x) => rank[x.kind] ?? 2));
  const want = { 4: 'red', 3: 'orange', 2: 'yellow' }[top];
  expect422(await post('/risk_signals/actions/raise', { ids: [] }, { session: ra }), 'ids', 'check');
  expect422(await post('/risk_signals/actions/raise', { ids: [pick[0].id, pick[0].id] }, { session: ra }), 'ids', 'check');
  expect422(await post('/risk_signals/actions/raise', { ids: [pick[0].id], level: 'purple' }, { session: ra }), 'level', 'dict');
  expectStatus(await post('/risk_signals/actions/raise', { ids: [pick[0].id] }, { session: await as('donghe') }), 403, 'an officer raises no warning');
  const before = Number(dbQuery('SELECT COUNT(*) FROM risk_warnings'));
  const r = await post('/risk_signals/actions/raise', { ids: pick.map((x) => x.id) }, { session: ra });
  expectStatus(r, 201);
  const w = r.body;
  assert.equal(w.level, want, `the most severe level the signals call for (${pick.map((x) => x.kind)})`);
  assert.equal(w.signal_id, pick[0].id);
  assert.ok(w.scope_foods && w.scope_hazards && w.scope_areas && w.measures, 'scope and measures filled');
  assert.match(w.summary?.zh ?? '', /3 条信号/);
  const states = [];
  for (const x of pick) {
    const g = (await get(`/risk_signals/${x.id}`, { session: ra })).body;
    assert.equal(g.warning_id, w.id, 'each signal names the warning');
    states.push(g.state);
  }
  assert.deepEqual(states, ['raised', 'linked', 'linked']);
  // again: the signals are triaged; nothing written
  const again = await post('/risk_signals/actions/raise', { ids: [open[3]?.id ?? pick[0].id, pick[1].id].filter((v, i, a) => a.indexOf(v) === i) }, { session: ra });
  expectStatus(again, 409);
  assert.equal(Number(dbQuery('SELECT COUNT(*) FROM risk_warnings')), before + 1, 'one warning written, none by the refusal');
  if (open[3]) assert.equal((await get(`/risk_signals/${open[3].id}`, { session: ra })).body.state, 'open', 'the open signal of the refused batch stays open');
});

// ---- the webhook ----

function receiver() {
  const got = [];
  let mode = 'ok';
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      got.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
      res.writeHead(mode === 'ok' ? 200 : 503).end();
    });
  });
  return {
    got, srv,
    setMode(m) { mode = m; },
    listen(port = 0) { return new Promise((r) => srv.listen(port, '127.0.0.1', () => r(srv.address().port))); },
    close() { return new Promise((r) => { srv.close(() => r()); srv.closeAllConnections?.(); }); },
  };
}

const warning = (over = {}) => ({
  title: `${T} 孔雀石绿检出预警`, level: 'red', scope_foods: '水产品', scope_hazards: '孔雀石绿', scope_areas: '东河区',
  measures: '立即下架同批次产品，扩大抽检', units_notified: '东河区市场监督管理局', ...over,
});

async function delivery(s, base, warningId) {
  const list = (await get(`/risk_deliveries?warning_id=${warningId}&limit=10`, { session: s, base })).body.items;
  assert.equal(list.length, 1, `one delivery of warning ${warningId}`);
  return list[0];
}

test('the webhook: red warnings are POSTed, the delivery recorded; receiver down → failed, the warning still raised, retried', async (t) => {
  useClock(t, '2026-12-03T09:00:00Z');
  const rx = receiver();
  const port = await rx.listen();
  const srv = await startServer(process.env.ZJ_DB, { ZJ_TEST_CLOCK: process.env.ZJ_CLOCK_FILE, ZJ_RISK_WEBHOOK: `http://127.0.0.1:${port}/hook`, ZJ_PUBLIC_URL: 'https://zj.example' });
  t.after(async () => { await rx.close().catch(() => {}); });
  try {
    const ra = await as('riskanalyst');
    const base = srv.api;
    // a yellow warning is not pushed
    const y = await post('/risk_warnings', warning({ level: 'yellow', title: `${T} 黄色` }), { session: ra, base });
    expectStatus(y, 201);
    assert.equal((await get(`/risk_deliveries?warning_id=${y.body.id}`, { session: ra, base })).body.items.length, 0, 'yellow: no webhook');
    // red: queued with the warning, sent by the background send
    const w = await post('/risk_warnings', warning(), { session: ra, base });
    expectStatus(w, 201, 'the warning is raised at once');
    const d0 = await delivery(ra, base, w.body.id);
    assert.ok(['queued', 'delivered'].includes(d0.state));
    const s1 = await post('/risk_deliveries/actions/send', {}, { session: ra, base });
    expectStatus(s1, 200);
    const d1 = await delivery(ra, base, w.body.id);
    assert.equal(d1.state, 'delivered');
    assert.equal(d1.http_status, 200);
    assert.equal(d1.attempts, 1);
    const p = rx.got.find((x) => x.body.number === w.body.id);
    assert.ok(p, 'the receiver got the warning');
    assert.equal(p.method, 'POST');
    assert.match(p.type, /application\/json/);
    assert.equal(p.body.level, 'red');
    assert.equal(p.body.title, `${T} 孔雀石绿检出预警`);
    assert.deepEqual(p.body.scope, { foods: '水产品', hazards: '孔雀石绿', areas: '东河区' });
    assert.equal(p.body.link, `https://zj.example/e/risk_warnings/${w.body.id}`);
    assert.equal(p.body.event, 'risk_warning.issued');
    // an HTTP error is a failure with its status
    rx.setMode('fail');
    const o = await post('/risk_warnings', warning({ level: 'orange', title: `${T} 橙色` }), { session: ra, base });
    expectStatus(o, 201);
    await post('/risk_deliveries/actions/send', {}, { session: ra, base });
    const d2 = await delivery(ra, base, o.body.id);
    assert.equal(d2.state, 'failed');
    assert.equal(d2.http_status, 503);
    // the receiver down: the warning is still raised, the delivery failed with no status
    await rx.close();
    const w3 = await post('/risk_warnings', warning({ title: `${T} 接收方停机` }), { session: ra, base });
    expectStatus(w3, 201, 'a red warning with the receiver down is still raised');
    assert.equal((await get(`/risk_warnings/${w3.body.id}`, { session: ra })).body.state, 'issued');
    const s3 = await post('/risk_deliveries/actions/send', {}, { session: ra, base });
    expectStatus(s3, 200);
    const d3 = await delivery(ra, base, w3.body.id);
    assert.equal(d3.state, 'failed');
    assert.equal(d3.http_status, 0);
    assert.ok(d3.last_error && d3.last_error.length > 3, `the error is recorded: ${d3.last_error}`);
    assert.equal(d3.attempts, 1);
    assert.ok(d3.next_at > '2026-12-03T09:00:00Z', 'retried after a back-off');
    // not retried before its time
    await post('/risk_deliveries/actions/send', {}, { session: ra, base });
    assert.equal((await delivery(ra, base, w3.body.id)).attempts, 1, 'not before the back-off');
    // the failed delivery is a to-do: 重新发送; the receiver back: delivered
    rx.setMode('ok');
    await rx.listen(port);
    await stepOk(ra, 'risk_deliveries', d3.id, 'retry');
    await post('/risk_deliveries/actions/send', {}, { session: ra, base });
    const d4 = await delivery(ra, base, w3.body.id);
    assert.equal(d4.state, 'delivered');
    assert.equal(d4.http_status, 200);
    assert.equal(d4.attempts, 2);
    assert.ok(rx.got.some((x) => x.body.number === w3.body.id), 'received after the retry');
    // a level raised to orange is pushed too
    const y2 = await post('/risk_warnings', warning({ level: 'blue', title: `${T} 蓝色升级` }), { session: ra, base });
    const up = await call('POST', `/risk_warnings/${y2.body.id}/transitions/relevel`, { session: ra, base, body: { level: 'orange', level_note: '多地检出' } });
    expectStatus(up, 200);
    await post('/risk_deliveries/actions/send', {}, { session: ra, base });
    const d5 = await delivery(ra, base, y2.body.id);
    assert.equal(d5.state, 'delivered');
    assert.ok(rx.got.some((x) => x.body.number === y2.body.id && x.body.event === 'risk_warning.relevelled' && x.body.level === 'orange'));
    // the deliveries are not written by hand
    expectStatus(await post('/risk_deliveries', { warning_id: w.body.id, level: 'red', url: 'http://x', payload: '{}', next_at: '2026-12-03T09:00:00Z' }, { session: ra }), 403);
  } finally {
    await stopServer(srv);
  }
});
