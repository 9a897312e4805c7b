// 71-food-rules.test.mjs — the verdict rules of issue 12 (points 2–7, 10)
// over HTTP, each with a case it must catch and one it must not:
//   2  a declared spec never turns a missing national limit into 合格
//   3  (+)/(−) marks survive unit conversion (GB/T 8170-2008 3.3.2)
//   4  an ambiguous food name asks which category (GB 2760-2024 A.1: SO2 only 海水虾蟹类)
//   5  negative contents and coarse rounding intervals refused; CLI exit codes
//   6  total Hg screening (GB 2762-2022 4.3 表3 注a); the basis column (稻谷以糙米计)
//   7  a limit row added re-judges undecided and person-decided items (reopen)
//   8  a person's decision is an in-place step of the results workflow: its
//      permission, guard, history and audit record name the step `decide`
//  10  an objection's review counts 20 working days from receiving the materials
// Everything is sampled on Wed 2025-04-30 (GB 2762-2022 in force) on the
// official 2025 calendar: 05-01..05 off, 05-31..06-02 off (端午).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, del, expectStatus, tag, createEnterprise, cli, DB } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, row, create, deadlineDue, audit } from './lib-modules.mjs';

const T = tag('FR');
const ctx = {};

async function byCode(s, entity, code) {
  const r = await get(`/${entity}?q=${encodeURIComponent(code)}&limit=500`, { session: s });
  expectStatus(r, 200, `${entity} ${code}`);
  const x = r.body.items.find((i) => i.code === code);
  assert.ok(x, `${entity} with code ${code}`);
  return x;
}

/** A received sample of `food` (category code) with `items`, at the food centre. */
async function sample(food, items, label) {
  const sampler = await as('sampler');
  const s = await create(sampler, 'samples', {
    task_id: ctx.task, link: 'distribution', enterprise_id: ctx.biz, food_id: ctx.foods[food],
    product_name: `${T}${label}`, batch_no: `B${label}`, sampled_at: '2025-04-30T01:00:00Z',
    production_date: '2025-04-01', expiry_date: '2025-12-31', kind: 'supervision', items,
  }, label);
  await stepOk(sampler, 'samples', s.id, 'deliver', { delivered_at: '2025-04-30T01:30:00Z', lab_unit_id: ctx.lab });
  await stepOk(await as('analyst'), 'samples', s.id, 'receive', { received_at: '2025-04-30T01:45:00Z' });
  return s.id;
}

async function result(sampleId, item, value, unit, extra = {}) {
  return post('/results', { sample_id: sampleId, item, value, unit, ...extra }, { session: await as('analyst') });
}

async function resultOk(sampleId, item, value, unit, extra = {}) {
  const r = await result(sampleId, item, value, unit, extra);
  expectStatus(r, 201, `result ${item} ${value} ${unit}`);
  return r.body;
}

const trace = (r) => JSON.parse(r.trace);

test('setup: a plan, a task and a business sampled on 2025-04-30', async (t) => {
  useClock(t, '2025-04-28T02:00:00Z');
  const director = await as('director');
  const sup = await as('supervisor');
  ctx.foods = {};
  for (const code of ['cereals', 'rice', 'beef_jerky', 'candied_fruit', 'crayfish', 'grass_carp', 'paddy_rice']) {
    ctx.foods[code] = (await byCode(sup, 'food_categories', code)).id;
  }
  const kdl = (await get('/jurisdictions?code=150203', { session: sup })).body.items[0];
  ctx.lab = (await byCode(sup, 'units', 'BTFOOD')).id;
  const budget = await create(director, 'food_budgets', { code: `B-${T}`, name: `${T}经费`, year: 2025, amount: 1000000 });
  const plan = await create(sup, 'food_plans', { code: `P-${T}`, name: `${T}计划`, year: 2025, kind: 'annual', budget_id: budget.id });
  const line = await create(sup, 'plan_items', {
    plan_id: plan.id, category_id: ctx.foods.cereals, jurisdiction_id: kdl.id, link: 'distribution', batches: 40, cost_per_batch: 100, items: 'pb',
  });
  const tk = await create(sup, 'sampling_tasks', { code: `T-${T}`, plan_id: plan.id, plan_item_id: line.id, sampling_unit_id: ctx.lab, lab_unit_id: ctx.lab, quota: 40 });
  await stepOk(sup, 'food_plans', plan.id, 'submit', {});
  await stepOk(director, 'food_plans', plan.id, 'approve', {});
  await stepOk(sup, 'sampling_tasks', tk.id, 'issue', {});
  ctx.task = tk.id;
  useClock(t, '2025-04-30T02:00:00Z');
  ctx.biz = (await createEnterprise(await as('supervisor'), { name: `${T}规则测试超市有限公司`, kinds: ['distributor'] }, '150203')).id;
});

test('2: a declared spec never turns a missing national limit into 合格; a stricter spec still fails', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const analyst = await as('analyst');
  // 牛肉干 under GB 2762-2022 is judged on its fresh equivalent (3.5), a row
  // still to be verified against the standard's text: whatever the declared
  // spec ≤0.5 says, a person decides, told why
  const jerky = await sample('beef_jerky', 'pb', '牛肉干');
  await create(analyst, 'sample_specs', { sample_id: jerky, item: 'pb', source: 'product_standard', reference: 'Q/XX 0001S', limit_expr: '≤0.5', unit: 'mg/kg' });
  const r = await resultOk(jerky, '铅', '0.4', 'mg/kg');
  assert.equal(r.needs_decision, true, 'a person decides');
  const tr = trace(r);
  assert.equal(tr.decided_by, 'person');
  assert.match(tr.reason, /限量依据待核实/);
  assert.equal(tr.specifications[1].verdict, 'pass', 'the spec is judged and shown');
  // no national row in force at all (an analyte with no limit for jerky): the spec passes, a person decides
  const jerky2 = await sample('beef_jerky', 'protein', '牛肉干蛋白');
  await create(analyst, 'sample_specs', { sample_id: jerky2, item: 'protein', source: 'product_standard', reference: 'Q/XX 0001S', limit_expr: '≥30', unit: 'g/100g' });
  const rp = await resultOk(jerky2, '蛋白质', '35', 'g/100g');
  assert.equal(rp.verdict, 'no_limit');
  assert.equal(rp.needs_decision, true);
  assert.equal(trace(rp).decided_by, 'person');
  assert.equal(trace(rp).specifications[1].verdict, 'pass', 'the spec is judged and shown');
  // must not catch: 大米 under GB 2762 ≤0.2 with a stricter label claim ≤0.1 fails by the claim
  const rice = await sample('rice', 'pb', '大米');
  await create(analyst, 'sample_specs', { sample_id: rice, item: 'pb', source: 'label_claim', reference: '标签', limit_expr: '≤0.1', unit: 'mg/kg' });
  const r2 = await resultOk(rice, '铅', '0.15', 'mg/kg');
  assert.equal(r2.verdict, 'fail');
  assert.equal(r2.needs_decision, false);
  assert.equal(trace(r2).decided_by, 'label_claim');
});

test('3: a marked value is converted as the interval it stands for (GB/T 8170-2008 3.3.2)', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const analyst = await as('analyst');
  // 0.1(-) mg/kg = (50, 100) μg/kg against a spec ≤97 μg/kg: straddles → a person, not 不合格
  const rice = await sample('rice', 'pb', '大米标记');
  await create(analyst, 'sample_specs', { sample_id: rice, item: 'pb', source: 'product_standard', reference: 'Q/XX 0002S', limit_expr: '≤97', unit: 'μg/kg' });
  const r = await resultOk(rice, '铅', '0.1(-)', 'mg/kg');
  assert.equal(r.verdict, 'undecidable');
  assert.equal(r.needs_decision, true);
  const spec = trace(r).specifications[1];
  assert.equal(spec.verdict, 'undecidable');
  assert.equal(spec.marked_interval, '(50, 100)');
  // must not catch: 蜜饯 SO2 ≤0.35 g/kg (GB 2760-2024 A.1); 0.3(+) is (0.30, 0.35): decided 合格
  const fruit = await sample('candied_fruit', 'so2', '蜜饯');
  const r2 = await resultOk(fruit, '二氧化硫', '0.3(+)', 'g/kg');
  assert.equal(r2.verdict, 'pass');
  assert.equal(r2.needs_decision, false);
});

test('4: an ambiguous food name asks which category; an exact one resolves', async () => {
  const r = await get(`/public/food_results?food=${encodeURIComponent('虾')}`);
  expectStatus(r, 400, 'public food=虾');
  assert.match(JSON.stringify(r.body), /海水虾/);
  assert.match(JSON.stringify(r.body), /小龙虾/);
  expectStatus(await get(`/public/food_results?food=${encodeURIComponent('海水虾')}`), 200, 'public food=海水虾');
  const env = { env: { ASAN_OPTIONS: 'detect_leaks=0' } };
  let c = cli(['limit', '虾', '二氧化硫', '--on', '2025-06-01'], env);
  assert.equal(c.status, 2, 'an ambiguous name is bad input');
  assert.match(c.stderr, /海水虾.*小龙虾|小龙虾.*海水虾/);
  c = cli(['limit', '小龙虾', '二氧化硫', '--on', '2025-06-01'], env);
  assert.equal(c.status, 3, '小龙虾 has no SO2 row: a person decides');
  c = cli(['limit', '海水虾', '二氧化硫', '--on', '2025-06-01'], env);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^≤0\.1 g\/kg GB 2760/);
});

test('5: a negative content and a coarse rounding interval are refused; CLI exit codes 0/1/2/3', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const rice = await sample('rice', 'pb', '大米负值');
  expect422(await result(rice, '铅', '-0.01', 'mg/kg'), 'value', 'type', 'negative content');
  await resultOk(rice, '铅', '0', 'mg/kg'); // must not catch: zero
  const admin = await as('admin');
  const pb = await byCode(admin, 'food_analytes', 'pb');
  const lim = {
    standard: 'Q/TEST', edition: T, clause: '1', effective_from: '2025-01-01', category_id: ctx.foods.crayfish, analyte_id: pb.id,
    comparator: 'le', value: '0.25', unit: 'mg/kg', method: 'rounded', rounding_interval: '0.1', status: 'U',
  };
  expect422(await post('/food_limits', lim, { session: admin }), 'rounding_interval', 'check', 'interval coarser than the limit');
  const ok = await create(admin, 'food_limits', { ...lim, rounding_interval: '0.01' }); // must not catch
  expectStatus(await del(`/food_limits/${ok.id}`, ok.version, { session: admin }), 204, 'delete the test row');
  const env = { env: { ASAN_OPTIONS: 'detect_leaks=0' } };
  assert.equal(cli(['judge', '0.15', '<=0.2'], env).status, 0);
  assert.equal(cli(['judge', '0.25', '<=0.2'], env).status, 1);
  assert.equal(cli(['judge', '-0.1', '<=0.2'], env).status, 2);
  assert.equal(cli(['judge', '0.24', '<=0.25', '--method', 'rounded', '--interval', '0.1'], env).status, 2);
  const u = cli(['judge', '0.1(-)', '<=0.097'], env);
  assert.equal(u.status, 3);
  assert.match(u.stdout, /^undecidable: /);
  assert.match(cli(['judge', '--help'], env).stdout, /3 +cannot be judged/);
});

test('6: total Hg screens for methylmercury (GB 2762-2022 4.3 表3 注a); the basis is shown and checked', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const analyst = await as('analyst');
  const sup = await as('supervisor');
  // 草鱼 (水产动物) 甲基汞 ≤0.5: total Hg 0.3 ≤ 0.5 passes without the speciated test
  const a = await sample('grass_carp', 'mehg', '草鱼甲');
  const ra = await resultOk(a, '总汞', '0.3', 'mg/kg');
  assert.equal(ra.verdict, 'pass');
  assert.equal(trace(ra).screening, 'total_within_speciated_limit');
  await stepOk(analyst, 'samples', a, 'submit_report', { report_no: `R-${T}-A`, tested_at: '2025-04-30T01:50:00Z' }, 'the screened 甲基汞 is not missing');
  // total Hg 0.6 > 0.5: the methylmercury result is required; no person may decide instead
  const b = await sample('grass_carp', 'mehg', '草鱼乙');
  const rb = await resultOk(b, '总汞', '0.6', 'mg/kg');
  assert.equal(rb.verdict, 'undecidable');
  assert.equal(trace(rb).screening, 'speciated_required');
  expectStatus(await post(`/results/${rb.id}/actions/decide`, { verdict: 'pass', note: '总汞略高' }, { session: sup }), 409, 'decide a screening result');
  const blocked = await step(analyst, 'samples', b, 'submit_report', { report_no: `R-${T}-B`, tested_at: '2025-04-30T01:50:00Z' });
  expectStatus(blocked, 409, 'report without the methylmercury result');
  assert.match(JSON.stringify(blocked.body.missing), /甲基汞/);
  const mb = await resultOk(b, '甲基汞', '0.4', 'mg/kg');
  assert.equal(mb.verdict, 'pass');
  const rep = await stepOk(analyst, 'samples', b, 'submit_report', { report_no: `R-${T}-B`, tested_at: '2025-04-30T01:50:00Z' });
  assert.equal(rep.conclusion, 'pass', 'the total is superseded by the speciated result');
  // 稻谷 total Hg ≤0.02 以糙米计 (F23): another basis is refused, the basis is shown at entry
  const p = await sample('paddy_rice', 'hg', '稻谷');
  expect422(await result(p, '总汞', '0.01', 'mg/kg', { basis: 'as_sold' }), 'basis', 'check', 'result on another basis');
  const rp = await resultOk(p, '总汞', '0.01', 'mg/kg');
  assert.equal(rp.limit_basis, '以糙米计');
  assert.equal(trace(rp).specifications[0].basis_zh, '以糙米计');
});

test('8: deciding an item is the in-place step `decide`: in the history and the audit log by its name', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const sup = await as('supervisor');
  const s = await sample('crayfish', 'so2', '小龙虾丁');
  const r = await resultOk(s, '二氧化硫', '0.08', 'g/kg');
  assert.equal(r.needs_decision, true, 'no SO2 row for 小龙虾: a person decides');
  // /meta: decide is a row of the results workflow that keeps the state
  const meta = (await get('/meta', { session: sup })).body;
  const tr = (meta.entities.find((e) => e.name === 'results')?.workflow?.transitions ?? []).find((x) => x.name === 'decide');
  assert.ok(tr, 'decide is a transition of the results workflow');
  assert.equal(tr.perm, 'results.decide', 'with its own permission');
  assert.equal(tr.to, '=', 'in place');
  // the guard refuses what the action refused; the server, not the client, says who decided
  expect422(await step(sup, 'results', r.id, 'decide', { decided_verdict: 'no_limit', decision_note: 'x' }), 'decided_verdict', 'dict', 'only pass or fail');
  expect422(await step(sup, 'results', r.id, 'decide', { decided_verdict: 'pass', decision_note: 'x', decided_by: 'someone' }), 'decided_by', 'unknown', 'who decided is not given');
  const before = await row(sup, 'results', r.id);
  const d = await post(`/results/${r.id}/actions/decide`, { verdict: 'fail', note: '参照同类产品限量判定' }, { session: sup });
  expectStatus(d, 200, 'decide');
  assert.equal(d.body.decided_verdict, 'fail');
  assert.equal(d.body.decision_note, '参照同类产品限量判定');
  assert.match(d.body.decided_by, /^supervisor 2025-04-30T02:00:00Z$/);
  assert.equal(d.body.version, before.version + 1, 'one versioned write');
  // the record's history: the step by name, with what it set
  const h = await get(`/results/${r.id}/history`, { session: sup });
  expectStatus(h, 200, 'history');
  const hs = h.body.items.filter((x) => x.action === 'transition' && x.transition === 'decide');
  assert.equal(hs.length, 1, `the decision in the history: ${JSON.stringify(h.body.items)}`);
  assert.equal(hs[0].user, 'supervisor');
  assert.equal(hs[0].fields?.decided_verdict, 'fail');
  // the audit log: one transition record naming the step, the fields and who took it
  const recs = (await audit(`entity=results&entity_id=${r.id}`)).filter((x) => x.action === 'transition');
  assert.equal(recs.length, 1, 'one audit record for the decision');
  assert.equal(recs[0].after?.transition, 'decide');
  assert.equal(recs[0].after?.fields?.decided_verdict, 'fail');
  assert.match(recs[0].after?.fields?.decided_by ?? '', /^supervisor /);
  assert.equal(recs[0].username, 'supervisor');
  // the generic step route takes the same step under the same rules
  const again = await stepOk(sup, 'results', r.id, 'decide', { decided_verdict: 'pass', decision_note: '复核后改判' });
  assert.equal(again.decided_verdict, 'pass');
  // a result judged by its limit has nothing to decide (the guard, 409)
  const judged = await resultOk(await sample('rice', 'pb', '大米判定'), '铅', '0.1', 'mg/kg');
  assert.equal(judged.needs_decision, false);
  const refused = await post(`/results/${judged.id}/actions/decide`, { verdict: 'pass', note: 'x' }, { session: sup });
  expectStatus(refused, 409, 'decide an item its limit judged');
});

test('7: a limit row added re-judges undecided and person-decided items; a contradicted 合格 is reopened', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const sup = await as('supervisor');
  const admin = await as('admin');
  // 小龙虾 has no SO2 row (GB 2760-2024 A.1 permits it only for 海水虾蟹类)
  const s1 = await sample('crayfish', 'so2', '小龙虾甲');
  const s2 = await sample('crayfish', 'so2', '小龙虾乙');
  const s3 = await sample('crayfish', 'so2', '小龙虾丙');
  const r1 = await resultOk(s1, '二氧化硫', '0.2', 'g/kg');
  const r2 = await resultOk(s2, '二氧化硫', '0.05', 'g/kg');
  const r3 = await resultOk(s3, '二氧化硫', '0.05', 'g/kg');
  for (const r of [r1, r2, r3]) assert.equal(r.needs_decision, true);
  await post(`/results/${r1.id}/actions/decide`, { verdict: 'pass', note: '无适用限量，按合格' }, { session: sup }).then((x) => expectStatus(x, 200, 'decide r1'));
  await post(`/results/${r3.id}/actions/decide`, { verdict: 'pass', note: '无适用限量，按合格' }, { session: sup }).then((x) => expectStatus(x, 200, 'decide r3'));
  const so2 = await byCode(admin, 'food_analytes', 'so2');
  const lim = await create(admin, 'food_limits', {
    standard: 'GB 2760', edition: `T${T}`.slice(0, 40), clause: '表A.1', effective_from: '2025-01-01', category_id: ctx.foods.crayfish,
    analyte_id: so2.id, comparator: 'le', value: '0.1', unit: 'g/kg', status: 'V',
  });
  t.after(async () => {
    const cur = await get(`/food_limits/${lim.id}`, { session: admin });
    if (cur.status === 200) await del(`/food_limits/${lim.id}`, cur.body.version, { session: admin });
  });
  const a1 = await row(sup, 'results', r1.id);
  assert.equal(a1.verdict, 'fail', '0.2 > 0.1');
  assert.equal(a1.decided_verdict, null, "the person's 合格 is withdrawn");
  assert.match(a1.decision_note, /重新打开/);
  const h = await get(`/results/${r1.id}/history`, { session: sup });
  expectStatus(h, 200, 'history');
  assert.ok(h.body.items.some((x) => x.action === 'reopen'), 'the history says reopen');
  const a2 = await row(sup, 'results', r2.id);
  assert.equal(a2.verdict, 'pass', 'an undecided item the new limit decides');
  assert.equal(a2.needs_decision, false);
  // must not catch: a person's 合格 the new limit agrees with stays
  const a3 = await row(sup, 'results', r3.id);
  assert.equal(a3.decided_verdict, 'pass');
  assert.equal(a3.verdict, 'pass');
});

test('10: the objection review counts 20 working days from receiving the materials, not from acceptance', async (t) => {
  useClock(t, '2025-05-06T02:00:00Z');
  const sup = await as('supervisor');
  const s = await sample('rice', 'pb', '大米异议');
  // 2025-04-30 + 7 WD = 05-14 (05-01..05 off): raised on 05-06, on time
  const obj = await create(sup, 'objections', { sample_id: s, kind: 'sampling', received_on: '2025-05-06', content: '抽样未封样' });
  useClock(t, '2025-05-09T02:00:00Z');
  await stepOk(await as('supervisor'), 'objections', obj.id, 'accept', {});
  // from 05-06: 05-07..09 (3), 12..16 (8), 19..23 (13), 26..30 (18), 05-31..06-02 off, 06-03 (19), 06-04 (20);
  // counted from the acceptance (05-09) it would wrongly be 06-09
  assert.equal(deadlineDue('objections', obj.id, 'review_due', true), '2025-06-04');
});
