// 82-risk.test.mjs — risk monitoring and early warning (issue 16) over HTTP:
// the demo year's signals (one of each kind, each with its evidence; the
// rate signal survives the false-discovery control, its cell is not under
// the minimum size), every prohibited substance found is a signal, a second
// run adds nothing; triage (dismiss with a reason, link to a warning in
// force, raise a new warning from the signal); a warning's life (422 without
// level or scope, level change, follow-up, consumer notice on the portal by
// the director only, closure) with each step timed in its history; a red
// warning reaches the bell at once; the watch list's exit rule; the heat
// table against the database; the risk-based plan (422 for a zero budget,
// a missing cost and more than the budget has left; within budget, each
// cell explained, the same plan twice).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, del, expectStatus, tag, listAll, dbQuery } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, row, create, expectRefusal } from './lib-modules.mjs';

const T = tag('RK');

async function signals(s, q = '') {
  return listAll(s, 'risk_signals', q);
}

const warningBody = (over = {}) => ({
  title: `${T} 测试预警`, level: 'yellow', scope_foods: '蔬菜', scope_hazards: '铅', scope_areas: '九原区',
  measures: '加大抽检频次，督促企业自查', units_notified: '九原区市场监督管理局', ...over,
});

test('the demo year: a signal of every kind, each with its evidence; the rate survives BH; reruns add nothing', async (t) => {
  useClock(t, '2026-11-29T10:00:00Z');
  const ra = await as('riskanalyst');
  const all = await signals(ra);
  const kinds = new Set(all.map((x) => x.kind));
  for (const k of ['banned', 'over_limit', 'rate', 'trend', 'recurrence', 'producer', 'history']) assert.ok(kinds.has(k), `a ${k} signal in the demo`);
  for (const g of all) {
    assert.ok(g.rule && g.rule.length > 4, `signal ${g.id} names its rule`);
    assert.ok(g.evidence && g.evidence.length > 4, `signal ${g.id} has its evidence`);
    assert.match(g.sample_ids, /^SP\d{10}(,SP\d{10})*$/, `signal ${g.id} names its samples by code`);
  }
  const minCell = Number(dbQuery("SELECT value FROM risk_params WHERE code = 'min_cell' AND deleted = 0"));
  const fdr = Number(dbQuery("SELECT value FROM risk_params WHERE code = 'fdr_permille' AND deleted = 0")) / 1000;
  for (const g of all.filter((x) => x.kind === 'rate')) {
    assert.ok(g.n >= minCell, `a rate cell has at least ${minCell} samples`);
    assert.ok(Number(g.q_value) <= fdr, `q ${g.q_value} within the FDR ${fdr}`);
    assert.ok(Number(g.p_value) <= Number(g.q_value), 'BH never lowers a p-value');
    assert.ok(g.k / g.n > g.ref_k / g.ref_n, 'the cell fails more often than the rest of the city');
  }
  // a cell against its own history: both sides big enough, in the same BH family, above its own past
  for (const g of all.filter((x) => x.kind === 'history')) {
    assert.ok(g.n >= minCell && g.ref_n >= minCell, `both periods of a history cell have at least ${minCell} samples`);
    assert.ok(Number(g.q_value) <= fdr, `q ${g.q_value} within the FDR ${fdr}`);
    assert.ok(Number(g.p_value) <= Number(g.q_value), 'BH never lowers a p-value');
    assert.ok(g.k / g.n > g.ref_k / g.ref_n, 'the cell fails more often than in its earlier months');
    assert.match(g.evidence, new RegExp(`${g.n} 批次中 ${g.k} 批不合格.*此前 \\d+ 个月 ${g.ref_n} 批次中 ${g.ref_k} 批不合格`));
  }
  // every prohibited substance found in a concluded sample of the window is a signal: the demo's
  // signals were computed by init on its own day (the window is the 12 months up to that month),
  // not on the test clock's
  const computedOn = all.map((x) => x.detected_on).sort().at(-1);
  const [cy, cm] = computedOn.split('-').map(Number);
  const from = new Date(Date.UTC(cy, cm - 12, 1)).toISOString().slice(0, 10);
  const banned = dbQuery(`SELECT DISTINCT s.code FROM results r JOIN samples s ON s.id = r.sample_id
    JOIN food_analytes a ON a.id = r.analyte_id WHERE a.kind = 'prohibited' AND COALESCE(r.decided_verdict, r.verdict) = 'fail'
    AND s.final_conclusion IN ('pass', 'fail') AND r.deleted = 0 AND s.deleted = 0 AND s.sampled_on >= '${from}'`).split('\n').filter(Boolean);
  assert.ok(banned.length > 0, 'the demo has prohibited substances');
  const bannedSig = all.filter((x) => x.kind === 'banned').map((x) => x.sample_ids);
  for (const code of banned) assert.ok(bannedSig.includes(code), `sample ${code} with a prohibited substance is a signal`);
  // on demand: a run on the test clock's day (it may find what init's day did not: another window, or
  // the periodic job got there first), then a second run on the same day finds the same signals and adds none
  const r0 = await post('/risk_signals/actions/compute', {}, { session: ra });
  expectStatus(r0, 200);
  const r = await post('/risk_signals/actions/compute', {}, { session: ra });
  expectStatus(r, 200);
  assert.equal(r.body.added, 0, 'a second run finds the same signals and adds none');
  assert.equal((await signals(ra)).length, all.length + r0.body.added);
  // a district officer sees the signals of the district only
  const don = await as('donghe');
  const mine = await signals(don);
  const donId = Number(dbQuery("SELECT id FROM jurisdictions WHERE code = '150202' AND deleted = 0"));
  for (const g of mine) if (g.jurisdiction_id != null) assert.equal(g.jurisdiction_id, donId);
  expectStatus(await post('/risk_signals/actions/compute', {}, { session: don }), 403, 'an officer may not compute');
});

test('triage: dismissed with a reason, linked to a warning in force, raised as a new warning', async (t) => {
  useClock(t, '2026-11-29T10:05:00Z');
  const ra = await as('riskanalyst');
  const open = (await signals(ra, 'state=open')).filter((x) => x.state === 'open');
  assert.ok(open.length >= 3, 'open signals to triage');
  const [a, b, c] = open;
  // dismiss needs a reason
  expectStatus(await step(ra, 'risk_signals', a.id, 'dismiss', {}), 422);
  const d = await stepOk(ra, 'risk_signals', a.id, 'dismiss', { dismiss_reason: '经核实为同一批次重复送检' });
  assert.equal(d.state, 'dismissed');
  assert.equal(d.dismiss_reason, '经核实为同一批次重复送检');
  expectStatus(await step(ra, 'risk_signals', a.id, 'link', { warning_id: 1 }), 409, 'a dismissed signal is final');
  // raise: the warning is created from the signal, the signal names it
  const w = await create(ra, 'risk_warnings', warningBody({ signal_id: b.id, level: 'orange' }));
  assert.equal(w.state, 'issued');
  assert.ok(w.issued_at, 'issued at a time');
  if (b.jurisdiction_id) assert.equal(w.jurisdiction_id, b.jurisdiction_id, 'the warning is the signal\'s district\'s');
  const braised = await row(ra, 'risk_signals', b.id);
  assert.equal(braised.state, 'raised');
  assert.equal(braised.warning_id, w.id);
  // a signal already raised cannot be raised again: nothing half written
  const before = Number(dbQuery('SELECT COUNT(*) FROM risk_warnings'));
  expectStatus(await post('/risk_warnings', warningBody({ signal_id: b.id }), { session: ra }), 409);
  assert.equal(Number(dbQuery('SELECT COUNT(*) FROM risk_warnings')), before, 'no warning written');
  // link to the warning in force
  const lc = await stepOk(ra, 'risk_signals', c.id, 'link', { warning_id: w.id });
  assert.equal(lc.state, 'linked');
  assert.equal(lc.warning_id, w.id);
  // the warning's signals
  const linked = await listAll(ra, 'risk_signals', `warning_id=${w.id}`);
  assert.deepEqual(linked.map((x) => x.id).sort((x, y) => x - y), [b.id, c.id].sort((x, y) => x - y));
  // an officer may not triage
  expectStatus(await step(await as('donghe'), 'risk_signals', open[3]?.id ?? c.id, 'dismiss', { dismiss_reason: 'x1' }), 403);
});

test('a warning: 422 without level or scope; level change, follow-up, consumer notice, closure, each timed', async (t) => {
  useClock(t, '2026-11-29T10:10:00Z');
  const ra = await as('riskanalyst');
  const dir = await as('director');
  for (const f of ['level', 'scope_foods', 'scope_hazards', 'scope_areas', 'measures']) {
    const body = warningBody();
    delete body[f];
    expect422(await post('/risk_warnings', body, { session: ra }), f, 'required', `a warning without ${f}`);
  }
  expect422(await post('/risk_warnings', warningBody({ level: 'purple' }), { session: ra }), 'level', 'dict');
  expect422(await post('/risk_warnings', warningBody({ scope_areas: '' }), { session: ra }), 'scope_areas');
  const w = await create(ra, 'risk_warnings', warningBody({ level: 'blue' }));
  expectStatus(await step(ra, 'risk_warnings', w.id, 'relevel', { level: 'red' }), 422, 'a level change needs its reason');
  useClock(t, '2026-11-29T11:00:00Z');
  const ra2 = await as('riskanalyst');
  let got = await stepOk(ra2, 'risk_warnings', w.id, 'relevel', { level: 'red', level_note: '涉及婴幼儿食品，升级' });
  assert.equal(got.level, 'red');
  got = await stepOk(ra2, 'risk_warnings', w.id, 'follow', { follow_up: '已对3家企业现场检查' });
  assert.equal(got.follow_up, '已对3家企业现场检查');
  // the red warning is a to-do of the risk users and rings their bell at once
  const todo = await get('/todo?limit=200', { session: ra2 });
  expectStatus(todo, 200);
  assert.ok(todo.body.items.some((x) => x.entity === 'risk_warnings' && x.id === w.id && x.kind === 'urgent_warning'), 'an urgent to-do');
  const bell = await get('/notifications?limit=200', { session: ra2 });
  expectStatus(bell, 200);
  assert.ok(bell.body.items.some((x) => x.entity === 'risk_warnings' && x.entity_id === w.id), 'a notification of the red warning');
  // a consumer notice: the director's permission, not the analyst's
  const tip = { tip_title: `${T} 消费提示`, tip_text: '请到正规渠道购买蔬菜。' };
  expectStatus(await step(ra2, 'risk_warnings', w.id, 'publish_tip', tip), 403);
  useClock(t, '2026-11-29T12:00:00Z');
  const dir2 = await as('director');
  got = await stepOk(dir2, 'risk_warnings', w.id, 'publish_tip', tip);
  assert.equal(got.tip_published_on, '2026-11-29');
  const pub = await get('/public/notices?kind=consumer_tip');
  expectStatus(pub, 200);
  assert.ok(pub.body.items.some((x) => x.title === tip.tip_title && x.kind === 'consumer_tip'), 'the notice on the portal');
  // closure needs its reason, then nothing more
  expectStatus(await step(dir2, 'risk_warnings', w.id, 'close', {}), 422);
  got = await stepOk(dir2, 'risk_warnings', w.id, 'close', { close_note: '风险已消除' });
  assert.equal(got.state, 'closed');
  assert.ok(got.closed_at);
  expectStatus(await step(dir2, 'risk_warnings', w.id, 'relevel', { level: 'blue', level_note: 'x1' }), 409);
  // each step timed in the history
  const h = await get(`/risk_warnings/${w.id}/history`, { session: dir2 });
  expectStatus(h, 200);
  const acts = h.body.items.map((x) => x.transition ?? x.action);
  for (const a of ['create', 'relevel', 'follow', 'publish_tip', 'close']) assert.ok(acts.includes(a), `${a} in the history: ${acts}`);
  for (const x of h.body.items) assert.match(x.at, /^2026-11-29T/, 'timed');
  // no longer a to-do once lifted; linking a signal to it is refused
  const todo2 = await get('/todo?limit=200', { session: await as('riskanalyst') });
  assert.ok(!todo2.body.items.some((x) => x.entity === 'risk_warnings' && x.id === w.id));
  const open = (await signals(await as('riskanalyst'), 'state=open')).find((x) => x.state === 'open');
  expectStatus(await step(dir2, 'risk_warnings', open.id, 'close', { close_note: 'x1' }), 404, 'no such warning');
  expectStatus(await step(dir2, 'risk_signals', open.id, 'link', { warning_id: w.id }), 409, 'a lifted warning');
});

test('watch list: a recurrence listed the enterprise; leaving needs clean samples since entry; petition and refusal', async (t) => {
  useClock(t, '2026-11-29T13:00:00Z');
  const ra = await as('riskanalyst');
  const dir = await as('director');
  const list = await listAll(ra, 'risk_watch');
  assert.ok(list.length > 0, 'the demo put enterprises on the watch list');
  for (const w of list) assert.ok(w.signal_id, 'each from its recurrence signal');
  const w = list.find((x) => x.state === 'listed');
  const p = await stepOk(ra, 'risk_watch', w.id, 'petition', { petition: '已整改，申请移出' });
  assert.equal(p.state, 'petitioned');
  assert.equal(p.petition_on, '2026-11-29');
  // entered today: no sample since, so it may not leave yet (the rule, with its figures)
  expectRefusal(await step(dir, 'risk_watch', w.id, 'release', { exit_note: '同意' }), /至少 3 批次/);
  const r = await stepOk(dir, 'risk_watch', w.id, 'refuse', { exit_note: '尚未满足移出条件' });
  assert.equal(r.state, 'listed');
});

test('heat table: failure rates by category × district with Wilson intervals; small cells show none', async (t) => {
  useClock(t, '2026-11-29T13:10:00Z');
  const ra = await as('riskanalyst');
  const r = await get('/risk_signals/actions/heat', { session: ra });
  expectStatus(r, 200);
  const { cells, min_cell: minCell, from } = r.body;
  assert.ok(cells.length > 10);
  const db = dbQuery(`SELECT COALESCE(category_id, food_id) || '|' || jurisdiction_id || '|' || COUNT(*) || '|' ||
    SUM(CASE WHEN final_conclusion = 'fail' THEN 1 ELSE 0 END) FROM samples WHERE deleted = 0
    AND final_conclusion IN ('pass', 'fail') AND sampled_on >= '${from}' GROUP BY COALESCE(category_id, food_id), jurisdiction_id`)
    .split('\n').map((l) => l.split('|').map(Number));
  for (const [cat, j, n, k] of db) {
    const c = cells.find((x) => x.category_id === cat && x.jurisdiction_id === j);
    assert.ok(c, `cell ${cat}×${j}`);
    assert.equal(c.n, n);
    assert.equal(c.k, k);
    if (n < minCell) assert.equal(c.rate, undefined, 'no rate under the minimum cell size');
    else {
      assert.ok(Math.abs(c.rate - k / n) < 1e-9);
      assert.ok(c.lo <= c.rate && c.rate <= c.hi && c.lo >= 0 && c.hi <= 1);
    }
  }
});

test('risk-based plan: 422s; within budget, each cell explained, the same plan twice', async (t) => {
  useClock(t, '2026-11-29T13:20:00Z');
  const ra = await as('riskanalyst');
  const dir = await as('director');
  const budget = await create(dir, 'food_budgets', { code: `B-${T}`, name: `${T}风险计划经费`, year: 2027, amount: 40000000 });
  expect422(await post('/risk_costs/actions/plan', { budget: 0, budget_id: budget.id, year: 2027 }, { session: ra }), 'budget');
  expect422(await post('/risk_costs/actions/plan', { budget: 50000000, budget_id: budget.id, year: 2027 }, { session: ra }), 'budget', 'budget');
  expect422(await post('/risk_costs/actions/plan', { budget: 1000, budget_id: budget.id, year: 2027, floor_category: 1 }, { session: ra }), 'budget', 'range');
  // a sampled category without its cost
  const costs = await listAll(ra, 'risk_costs');
  const gone = costs[0];
  expectStatus(await del(`/risk_costs/${gone.id}`, gone.version, { session: ra }), 204);
  expect422(await post('/risk_costs/actions/plan', { budget: 20000000, budget_id: budget.id, year: 2027 }, { session: ra }), 'cost_per_batch', 'required');
  await create(ra, 'risk_costs', { category_id: gone.category_id, cost_per_batch: gone.cost_per_batch, weight: gone.weight });
  const body = { budget: 20000000, budget_id: budget.id, year: 2027, floor_category: 1, floor_district: 1 };
  const r1 = await post('/risk_costs/actions/plan', body, { session: ra });
  expectStatus(r1, 200);
  assert.ok(r1.body.total <= body.budget, 'never over budget');
  assert.ok(r1.body.total > body.budget * 0.9, 'the budget is used');
  const lines = dbQuery(`SELECT COALESCE(SUM(subtotal), 0) FROM plan_items WHERE plan_id = ${r1.body.plan_id} AND deleted = 0`);
  assert.equal(Number(lines), r1.body.total, 'the draft plan\'s lines are the allocation');
  const plan = await row(ra, 'food_plans', r1.body.plan_id);
  assert.equal(plan.state, 'draft');
  for (const c of r1.body.cells) {
    assert.ok(c.why && c.why.includes('批'), 'each cell explained');
    assert.equal(c.subtotal, c.batches * c.cost_per_batch);
  }
  // floors: every category with a cost and every district gets a batch
  const cats = new Set(r1.body.cells.filter((c) => c.batches > 0).map((c) => c.category_id));
  for (const c of await listAll(ra, 'risk_costs')) assert.ok(cats.has(c.category_id), `category ${c.category_id} covered`);
  // the same input, the same plan
  const budget2 = await create(dir, 'food_budgets', { code: `B2-${T}`, name: `${T}风险计划经费2`, year: 2027, amount: 40000000 });
  const r2 = await post('/risk_costs/actions/plan', { ...body, budget_id: budget2.id }, { session: ra });
  expectStatus(r2, 200);
  assert.equal(r2.body.total, r1.body.total);
  assert.deepEqual(r2.body.cells.map((c) => c.batches), r1.body.cells.map((c) => c.batches));
  expectStatus(await post('/risk_costs/actions/plan', body, { session: await as('donghe') }), 403);
});

test('双随机: reproducible from the published seed and list; the watch list first; conflicts left out; 422s', async (t) => {
  useClock(t, '2026-11-29T13:30:00Z');
  const ra = await as('riskanalyst');
  const watched = (await listAll(ra, 'risk_watch')).find((w) => w.state !== 'released');
  const juris = watched.jurisdiction_id;
  const n = Number(dbQuery(`SELECT COUNT(*) FROM enterprises WHERE deleted = 0 AND jurisdiction_id = ${juris}`));
  expect422(await post('/risk_draws/actions/draw', { jurisdiction_id: juris, places: n + 1 }, { session: ra }), 'places', 'range', 'more places than enterprises');
  expect422(await post('/risk_draws/actions/draw', { jurisdiction_id: juris, places: 2, seed: 'xyz' }, { session: ra }), 'seed');
  expect422(await post('/risk_draws/actions/draw', { jurisdiction_id: juris, places: 2, team: 9 }, { session: ra }), 'team', 'range', 'more inspectors than there are');
  const seed = 'a'.repeat(64);
  const body = { jurisdiction_id: juris, places: Math.min(5, n), team: 2, seed };
  const d1 = await post('/risk_draws/actions/draw', body, { session: ra });
  expectStatus(d1, 200);
  const d2 = await post('/risk_draws/actions/draw', body, { session: ra });
  expectStatus(d2, 200);
  assert.equal(d1.body.seed, seed);
  assert.deepEqual(d2.body.chosen, d1.body.chosen, 'the same seed and list, the same draw');
  assert.equal(d2.body.result, d1.body.result);
  const d3 = await post('/risk_draws/actions/draw', { ...body, seed: 'b'.repeat(64) }, { session: ra });
  expectStatus(d3, 200);
  assert.notDeepEqual(d3.body.chosen, d1.body.chosen, 'another seed, another draw');
  // the watch list's enterprise first, with certainty
  const onList = dbQuery(`SELECT DISTINCT e.id FROM enterprises e JOIN risk_watch w ON w.enterprise_id = e.id AND w.deleted = 0
    AND w.state <> 'released' WHERE e.deleted = 0 AND e.jurisdiction_id = ${juris}`).split('\n').filter(Boolean).map(Number);
  const k = Math.min(onList.length, body.places);
  assert.ok(k > 0);
  for (const x of d1.body.chosen.slice(0, k)) assert.ok(onList.includes(x.enterprise_id), 'watched enterprises come first');
  assert.ok(d1.body.chosen.some((x) => x.enterprise_id === watched.enterprise_id) || onList.length > body.places);
  // distinct enterprises; each team distinct
  const ents = d1.body.chosen.map((x) => x.enterprise_id);
  assert.equal(new Set(ents).size, ents.length);
  for (const x of d1.body.chosen) assert.equal(new Set(x.inspectors).size, 2);
  // the list digest is the SHA-256 of the published list
  const { createHash } = await import('node:crypto');
  assert.equal(d1.body.list_sha256, createHash('sha256').update(d1.body.list_text).digest('hex'));
  // a declared conflict: that inspector is never in that enterprise's team
  const [first] = d1.body.chosen;
  const uname = dbQuery(`SELECT username FROM users WHERE id = ${first.inspectors[0]}`);
  const d4 = await post('/risk_draws/actions/draw', { ...body, conflicts: [{ username: uname, enterprise_id: first.enterprise_id }] }, { session: ra });
  expectStatus(d4, 200);
  const again = d4.body.chosen.find((x) => x.enterprise_id === first.enterprise_id);
  assert.ok(!again.inspectors.includes(first.inspectors[0]), 'the conflicted inspector is left out');
  // published
  const pub = await get('/public/risk_draws');
  expectStatus(pub, 200);
  assert.ok(pub.body.items.some((x) => x.seed === seed && x.list_sha256 === d1.body.list_sha256));
  expectStatus(await post('/risk_draws/actions/draw', body, { session: await as('donghe') }), 403);
});

test('a warning\'s level changes only by its step; its signal never', async (t) => {
  useClock(t, '2026-11-29T13:40:00Z');
  const ra = await as('riskanalyst');
  const w = await create(ra, 'risk_warnings', warningBody({ level: 'yellow' }));
  expect422(await patch(`/risk_warnings/${w.id}`, { level: 'blue' }, w.version, { session: ra }), 'level', 'state');
  expect422(await patch(`/risk_warnings/${w.id}`, { signal_id: 1 }, w.version, { session: ra }), 'signal_id', 'immutable');
  const ok = await patch(`/risk_warnings/${w.id}`, { measures: '暂停销售并召回' }, w.version, { session: ra });
  expectStatus(ok, 200, 'other fields may be corrected');
  assert.equal((await row(ra, 'risk_warnings', w.id)).level, 'yellow');
});

test('a red warning of a district reaches that district\'s officer at once, not another district\'s', async (t) => {
  useClock(t, '2026-11-29T13:50:00Z');
  const ra = await as('riskanalyst');
  const dh = Number(dbQuery("SELECT id FROM jurisdictions WHERE code = '150202' AND deleted = 0"));
  const w = await create(ra, 'risk_warnings', warningBody({ level: 'red', jurisdiction_id: dh, scope_areas: '东河区' }));
  const has = async (user) => {
    const r = await get('/todo?limit=200', { session: await as(user) });
    expectStatus(r, 200);
    return r.body.items.some((x) => x.entity === 'risk_warnings' && x.id === w.id && x.kind === 'urgent_warning');
  };
  assert.ok(await has('donghe'), '东河区\'s officer');
  assert.ok(!(await has('kundulun')), 'not 昆都仑区\'s');
  assert.ok(await has('director'));
  const bell = await get('/notifications?limit=200', { session: await as('donghe') });
  assert.ok(bell.body.items.some((x) => x.entity === 'risk_warnings' && x.entity_id === w.id), 'in the officer\'s bell');
  // lifted: no longer urgent
  await stepOk(await as('director'), 'risk_warnings', w.id, 'close', { close_note: '已处置' });
  assert.ok(!(await has('donghe')));
});
