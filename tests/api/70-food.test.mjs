// 70-food.test.mjs — food-safety supervision sampling (issue 5) over HTTP,
// the whole chain from plan to publication on the test clock (issue 5 §11):
// a plan within its budget (an over-budget line refused with the figures),
// a task, samples recorded by the sampler, the chain of custody with timed
// hand-overs (out of order → 422), results entered by the lab with a failing
// item (verdict and stored trace naming the limit row), a LIMS CSV import
// with one bad row (nothing written, the row reported), the report approved
// by a second person, a failed sample starting its disposal tasks with their
// deadlines, 复检 within 7 working days (late → refused), publication and the
// public results endpoint (nothing unpublished leaks), the supervisor's
// overdue-disposal widget, and `zhijian limit`.
//
// Mirrors tests/unit/test_food_chain.c through the API as the demo users
// (sampler, analyst, reviewer, supervisor, director, admin). Everything runs
// in 2025 (the demo year of samples starts on the init date minus 365 days, so
// nothing of the demo falls into the periods used here) on the official 2025
// calendar (DOMAIN.md §10.3): 04-04..06 off, Sun 04-27 worked, 05-01..05 off,
// 05-31..06-02 off. Every date below is worked by hand in the comments; the
// start day of a period is never counted (DOMAIN.md §10.6).
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  get, post, patch, del, call, expectStatus, tag, createEnterprise, waitJob, cli, DB, parseCsv,
} from './lib.mjs';
import {
  useClock, as, step, stepOk, expectRefusal, expect422, row, create, deadlineDue,
} from './lib-modules.mjs';

const T = tag('FT');            // marks every product name of this run (public search q=T)
const ctx = {};                 // ids shared by the tests of this file (they run in order)
const PRODUCER = '石家庄华冀食品有限公司';

async function byCode(s, entity, code) {
  const r = await get(`/${entity}?q=${encodeURIComponent(code)}&limit=500`, { session: s });
  expectStatus(r, 200, `${entity} ${code}`);
  const x = r.body.items.find((i) => i.code === code);
  assert.ok(x, `${entity} with code ${code}`);
  return x;
}

async function publicResults(query) {
  const r = await get(`/public/food_results?${query}`);
  expectStatus(r, 200, `public food_results?${query}`);
  return r;
}

/** A sample of rice taken by the sampler at 2025-04-30 09:00 Beijing time. */
async function newSample(sampler, label, fields = {}) {
  return create(sampler, 'samples', {
    task_id: ctx.task, link: 'distribution', enterprise_id: ctx.biz, food_id: ctx.rice,
    product_name: `${T}鹿城牌大米${label}`, brand: '鹿城', specification: '5kg/袋', batch_no: `B${label}`,
    sampled_at: '2025-04-30T01:00:00Z', producer_name: PRODUCER, producer_division: '130100',
    production_date: '2025-04-01', expiry_date: '2025-12-31', kind: 'supervision', items: 'pb,cd,afb1', ...fields,
  }, label);
}

/** deliver (sampler) → receive (analyst) on 2025-04-30, to the food centre unless `lab` is given. */
async function custody(id, lab = ctx.labFood) {
  await stepOk(await as('sampler'), 'samples', id, 'deliver', { delivered_at: '2025-04-30T01:30:00Z', lab_unit_id: lab });
  if (lab === ctx.labFood) await stepOk(await as('analyst'), 'samples', id, 'receive', { received_at: '2025-04-30T01:45:00Z' });
}

async function result(user, sample, item, value, unit, lod) {
  const body = { sample_id: sample, item, value, unit };
  if (lod !== undefined) body.lod = lod;
  return post('/results', body, { session: await as(user) });
}

async function reportAndApprove(id, reportNo) {
  await stepOk(await as('analyst'), 'samples', id, 'submit_report', { report_no: reportNo, tested_at: '2025-04-30T01:50:00Z' });
  return stepOk(await as('reviewer'), 'samples', id, 'approve', {});
}

test('plan within its budget: an over-budget line is refused with the figures; approval; a task within the line', async (t) => {
  useClock(t, '2025-04-28T02:00:00Z'); // Mon 2025-04-28, 10:00 Beijing
  const director = await as('director');
  const sup = await as('supervisor');
  const cereals = await byCode(sup, 'food_categories', 'cereals');
  const rice = await byCode(sup, 'food_categories', 'rice');
  ctx.cereals = cereals.id;
  ctx.rice = rice.id;
  const kdl = (await get('/jurisdictions?code=150203', { session: sup })).body.items[0];
  ctx.kdl = kdl.id;
  ctx.labFood = (await byCode(sup, 'units', 'BTFOOD')).id;
  ctx.labOther = (await byCode(sup, 'units', 'BTLAB1')).id;

  // the director holds the testing budgets: 1,000.00 yuan
  const budget = await create(director, 'food_budgets', { code: `B-${T}`, name: `${T}测试经费`, year: 2025, amount: 100000 });
  // the supervisor cannot create budgets (reads them only)
  expectStatus(await post('/food_budgets', { code: `B2-${T}`, name: 'x', year: 2025, amount: 1 }, { session: sup }), 403, 'supervisor creates a budget');
  const plan = await create(sup, 'food_plans', { code: `P-${T}`, name: `${T}测试计划`, year: 2025, kind: 'annual', budget_id: budget.id });
  assert.equal(plan.state, 'draft');
  ctx.plan = plan.id;
  // 10 batches × 90.00 yuan = 900.00 of 1,000.00
  const line = await create(sup, 'plan_items', {
    plan_id: plan.id, category_id: cereals.id, jurisdiction_id: kdl.id, link: 'distribution', batches: 10, cost_per_batch: 9000, items: 'pb,cd,afb1',
  });
  assert.equal(line.subtotal, 90000);
  ctx.line = line.id;
  // a second line of 2 × 90.00 would make 1,080.00 > 1,000.00: refused, naming the figures
  const over = await post('/plan_items', { plan_id: plan.id, category_id: cereals.id, jurisdiction_id: kdl.id, link: 'catering', batches: 2, cost_per_batch: 9000 }, { session: sup });
  const e = expect422(over, 'cost_per_batch', 'budget', 'over-budget plan line');
  assert.match(e.message, /预算 1,?000\.00 元/, 'the budget in the message');
  assert.match(e.message, /900\.00/, 'what is already planned');
  assert.match(e.message, /180\.00/, 'this line');
  // nothing was written: the plan still costs 900.00
  const b1 = await get(`/food_plans/${plan.id}/actions/budget`, { session: sup });
  expectStatus(b1, 200, 'budget action');
  assert.equal(b1.body.budget_amount, 100000);
  assert.equal(b1.body.planned_this, 90000);
  assert.equal(b1.body.planned_all, 90000);
  assert.equal(b1.body.remaining, 10000);
  assert.equal(b1.body.within_budget, true);
  // nor can the budget drop below what is planned
  const low = await patch(`/food_budgets/${budget.id}`, { amount: 50000 }, budget.version, { session: director });
  expect422(low, 'amount', 'budget', 'budget lowered below the plan');
  // the supervisor submits; only the director approves
  expectStatus(await step(sup, 'food_plans', plan.id, 'approve', {}), 403, 'supervisor approves a plan');
  const sub = await stepOk(sup, 'food_plans', plan.id, 'submit', {});
  assert.equal(sub.state, 'submitted');
  assert.equal(sub.planned_cost, 90000);
  // a submitted plan's lines are frozen
  const late = await post('/plan_items', { plan_id: plan.id, category_id: cereals.id, jurisdiction_id: kdl.id, link: 'catering', batches: 1, cost_per_batch: 100 }, { session: sup });
  expect422(late, 'plan_id', 'state', 'line added to a submitted plan');
  // task quotas never exceed the line's batches
  const task = { code: `T-${T}`, plan_id: plan.id, plan_item_id: line.id, sampling_unit_id: ctx.labFood, lab_unit_id: ctx.labFood, quota: 11 };
  expect422(await post('/sampling_tasks', task, { session: sup }), 'quota', 'range', 'quota above the batches');
  const tk = await create(sup, 'sampling_tasks', { ...task, quota: 10 });
  assert.equal(tk.category_id, cereals.id, 'category copied from the plan line');
  assert.equal(tk.jurisdiction_id, kdl.id, 'jurisdiction copied from the plan line');
  assert.equal(tk.link, 'distribution');
  ctx.task = tk.id;
  // a task of a plan not yet approved cannot be issued
  expectRefusal(await step(sup, 'sampling_tasks', tk.id, 'issue', {}), null, undefined, 'issue before approval');
  const ap = await stepOk(director, 'food_plans', plan.id, 'approve', {});
  assert.equal(ap.state, 'approved');
  const issued = await stepOk(sup, 'sampling_tasks', tk.id, 'issue', {});
  assert.equal(issued.state, 'issued');
});

test('the sampler records samples; the chain of custody is timed and in order (out of order → 422)', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z'); // Wed 2025-04-30, 10:00 Beijing
  const sup = await as('supervisor');
  const sampler = await as('sampler');
  const analyst = await as('analyst');
  // the sampled business in 昆都仑区 (150203); the labelled producer is in 石家庄 (130100)
  const biz = await createEnterprise(sup, { name: `${T}昆区测试超市有限公司`, kinds: ['distributor'] }, '150203');
  assert.equal(biz.jurisdiction_id, ctx.kdl);
  ctx.biz = biz.id;

  const a = await newSample(sampler, 'A', { enterprise_signer: '王签字' });
  ctx.a = a.id;
  ctx.codeA = a.code;
  assert.match(a.code, /^SP2025\d{6}$/, 'sample code generated');
  assert.equal(a.state, 'sampled');
  assert.equal(a.sampled_on, '2025-04-30');
  assert.equal(a.jurisdiction_id, ctx.kdl, 'jurisdiction of the sampled business');
  assert.equal(a.lab_unit_id, ctx.labFood, 'lab copied from the task');
  assert.equal(a.plan_id, ctx.plan, 'plan copied from the task');
  assert.equal(a.category_id, ctx.cereals, '大米 ← 谷物碾磨加工品 ← 谷物及其制品');
  assert.equal(a.enforcement_basis, true);
  // F2: delivered within 5 WD of sampling. DOMAIN.md §10.6 worked example:
  // 2025-04-30 + 5 WD = 05-06, 07, 08, 09, 12 (05-01..05 off) → 2025-05-12
  assert.equal(deadlineDue('samples', a.id, 'delivery_due'), '2025-05-12');

  // the items default from the templates up the chain 大米 ← 谷物碾磨加工品 ← 谷物及其制品
  const other = await newSample(sampler, 'X', { items: undefined });
  assert.equal(other.items, 'pb,cd,cr,hg,inorg_as,afb1,bap');
  const cx = await stepOk(sampler, 'samples', other.id, 'cancel', { cancel_reason: '重复录入' });
  assert.equal(cx.state, 'cancelled');
  // a sampling time in the future, an unknown item: 422 naming the field
  expect422(await post('/samples', { task_id: ctx.task, link: 'distribution', enterprise_id: ctx.biz, food_id: ctx.rice, product_name: `${T}x`, sampled_at: '2025-04-30T03:00:00Z', items: 'pb' }, { session: sampler }), 'sampled_at', 'check', 'sampled in the future');
  expect422(await post('/samples', { task_id: ctx.task, link: 'distribution', enterprise_id: ctx.biz, food_id: ctx.rice, product_name: `${T}x`, sampled_at: '2025-04-30T01:00:00Z', items: 'pb,nosuch' }, { session: sampler }), 'items', 'ref', 'unknown item');

  // a hand-over before the sampling is out of order
  const early = await step(sampler, 'samples', a.id, 'deliver', { delivered_at: '2025-04-29T23:00:00Z', lab_unit_id: ctx.labFood });
  const eo = expect422(early, 'delivered_at', 'order', 'delivery before sampling');
  assert.match(eo.message, /2025-04-30T01:00:00Z/, 'the message names the earlier hand-over');
  // the lab does not deliver; the sampler does
  expectStatus(await step(analyst, 'samples', a.id, 'deliver', { delivered_at: '2025-04-30T01:30:00Z', lab_unit_id: ctx.labFood }), 403, 'analyst delivers');
  const d = await stepOk(sampler, 'samples', a.id, 'deliver', { delivered_at: '2025-04-30T01:30:00Z', lab_unit_id: ctx.labFood });
  assert.equal(d.state, 'delivered');
  assert.equal(d.delivered_at, '2025-04-30T01:30:00Z');
  assert.equal(deadlineDue('samples', a.id, 'delivery_due', true), null, 'the delivery deadline is closed by the hand-over');
  // the record of a handed-over sample cannot change
  expect422(await patch(`/samples/${a.id}`, { product_name: `${T}改名` }, d.version, { session: sampler }), 'product_name', 'state', 'sampling record after hand-over');
  // receipt before the delivery: out of order
  expect422(await step(analyst, 'samples', a.id, 'receive', { received_at: '2025-04-30T01:20:00Z' }), 'received_at', 'order', 'receipt before delivery');
  // in the future
  expect422(await step(analyst, 'samples', a.id, 'receive', { received_at: '2025-04-30T02:00:01Z' }), 'received_at', 'check', 'receipt in the future');
  const r = await stepOk(analyst, 'samples', a.id, 'receive', { received_at: '2025-04-30T01:45:00Z' });
  assert.equal(r.state, 'received');
  // F3: report due 20 WD after receipt (04-30): 05-06..09 (4), 12..16 (9), 19..23 (14), 26..30 (19),
  // 05-31..06-02 off (端午), 06-03 (20) → 2025-06-03
  assert.equal(deadlineDue('samples', a.id, 'report_due', true), '2025-06-03');
});

test('the analyst enters results: a failing item is judged fail with a trace naming the limit row; bad input is a 422', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const analyst = await as('analyst');
  // 铅 0.35 mg/kg in 大米 against GB 2762-2022 (in force on the sampling date; the 2025 edition starts 2026-09-02): ≤0.2 → fail
  const pb = await result('analyst', ctx.a, '铅(以Pb计)', '0.35', 'mg/kg');
  expectStatus(pb, 201, 'Pb result');
  assert.equal(pb.body.verdict, 'fail');
  assert.equal(pb.body.limit_text, '≤0.2 mg/kg');
  assert.equal(pb.body.standard_ref, 'GB 2762-2022 4.1 表1');
  assert.equal(pb.body.needs_decision, false);
  ctx.pbA = pb.body.id;
  const tr = await get(`/results/${pb.body.id}/actions/trace`, { session: analyst });
  expectStatus(tr, 200, 'trace');
  const spec = tr.body.specifications?.[0];
  assert.ok(spec, `trace has the national specification: ${tr.text.slice(0, 400)}`);
  assert.equal(spec.limit.source_ref, 'GB 2762-2022 4.1 表1', 'the limit row cites the standard and its clause');
  assert.equal(spec.limit.standard, 'GB 2762');
  assert.equal(spec.limit.edition, '2022');
  assert.match(tr.text, /0\.35/, 'the trace shows the value compared');
  // the stored trace is the same on the row (read by the supervisor, who does not enter results)
  const sup = await as('supervisor');
  const stored = await row(sup, 'results', pb.body.id);
  assert.deepEqual(JSON.parse(stored.trace), tr.body);
  // stored as a form and the row's own values (issue 19 §3), served whole: the list row is the record's
  assert.ok(!('trace_form' in stored) && !('trace_args' in stored), 'the stored form is never served');
  const listed = (await get(`/results?sample_id=${ctx.a}`, { session: sup })).body.items.find((x) => x.id === pb.body.id);
  for (const k of ['trace', 'limit_text', 'standard_ref', 'limit_basis', 'verdict', 'judged_value']) assert.equal(listed[k], stored[k], k);
  // the sampler reads but does not enter results
  expectStatus(await result('sampler', ctx.a, '镉', '0.05', 'mg/kg'), 403, 'sampler enters a result');
  // bad input, each a 422 naming the field and what would be accepted
  const off = expect422(await result('analyst', ctx.a, '毒死蜱', '0.01', 'mg/kg'), 'item', 'check', 'item not on the sample');
  assert.match(off.message, /铅/, 'the accepted items are listed');
  expect422(await result('analyst', ctx.a, '镉', 'abc', 'mg/kg'), 'value', 'type', 'value not a number');
  expect422(await result('analyst', ctx.a, '镉', '0.05', 'mg/L'), 'unit', 'unit', 'mass per volume for a mass-per-mass limit');
  expect422(await result('analyst', ctx.a, '铅', '0.1', 'mg/kg'), 'item', 'unique', 'a second result for the same item');
});

test('a LIMS CSV with one bad row writes nothing and reports that row; the corrected file goes in whole', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const analyst = await as('analyst');
  const head = '样品编号,检验项目,检测结果,单位,检出限\r\n';
  const bad = `${head}${ctx.codeA},镉,0.05,mg/kg,\r\n${ctx.codeA},黄曲霉毒素B1,x,μg/kg,\r\n`;
  const imp = await call('POST', '/results/import?format=csv', { session: analyst, raw: bad, headers: { 'Content-Type': 'text/csv' } });
  expectStatus(imp, 202, 'import');
  const job = await waitJob(analyst, imp.body.job);
  assert.equal(job.state, 'failed', `import with a bad row: ${JSON.stringify(job)}`);
  const errs = job.result.errors;
  assert.equal(errs.length, 1, `one bad row reported: ${JSON.stringify(errs)}`);
  assert.equal(errs[0].row, 3, 'the header is row 1');
  assert.equal(errs[0].field, 'value');
  assert.equal(job.result.inserted ?? 0, 0);
  // a dry run of a good file validates and writes nothing either
  const dry = await call('POST', '/results/import?format=csv&dry_run=1', { session: analyst, raw: `${head}${ctx.codeA},镉,0.05,mg/kg,\r\n`, headers: { 'Content-Type': 'text/csv' } });
  expectStatus(dry, 202, 'dry run');
  const dj = await waitJob(analyst, dry.body.job);
  assert.equal(dj.state, 'done', JSON.stringify(dj));
  // nothing written: the sample still has only its Pb result
  const rs = await get(`/results?sample_id=${ctx.a}`, { session: analyst });
  expectStatus(rs, 200, 'results of A');
  assert.deepEqual(rs.body.items.map((x) => x.item), ['铅(以Pb计)']);
  // corrected: 1.77×10⁰ µg/kg (micro sign U+00B5) is 1.77 μg/kg, ≤ 10 (AFB1 in 大米) → pass
  const good = `${head}${ctx.codeA},镉,0.05,mg/kg,\r\n${ctx.codeA},黄曲霉毒素B1,1.77×10⁰,µg/kg,0.5\r\n`;
  const imp2 = await call('POST', '/results/import?format=csv', { session: analyst, raw: good, headers: { 'Content-Type': 'text/csv' } });
  expectStatus(imp2, 202, 'import 2');
  const job2 = await waitJob(analyst, imp2.body.job);
  assert.equal(job2.state, 'done', JSON.stringify(job2));
  assert.equal(job2.result.inserted, 2);
  const all = (await get(`/results?sample_id=${ctx.a}`, { session: analyst })).body.items;
  assert.equal(all.length, 3);
  const afb = all.find((x) => x.item === '黄曲霉毒素B1');
  assert.equal(afb.verdict, 'pass');
  assert.equal((await row(analyst, 'results', afb.id)).judged_value, '1.77');
  // the GB 2761 row is still to be verified against the standard's text: the
  // engine's pass is a proposal, a person of the lab confirms it
  assert.equal(afb.needs_decision, true, 'a row to be verified: a person decides');
  await confirmAfb1(ctx.a);
  assert.equal(all.find((x) => x.item === '镉').verdict, 'pass');
});

/* Items judged by a limit row still to be verified (限量依据待核实) wait for
 * a person; the lab's reviewer confirms the AFB1 item of a sample. */
async function confirmAfb1(sampleId) {
  const reviewer = await as('reviewer');
  const items = (await get(`/results?sample_id=${sampleId}`, { session: reviewer })).body.items;
  const afb = items.find((x) => /黄曲霉毒素B1|AFB1/i.test(x.item ?? ''));
  assert.ok(afb, `the AFB1 item among ${items.map((x) => x.item)}`);
  assert.equal(afb.needs_decision, true);
  expectStatus(await post(`/results/${afb.id}/actions/decide`, { verdict: 'pass', note: '核对 GB 2761-2017 表1 限量后确认' }, { session: reviewer }), 200, 'confirm AFB1');
}

test('the report is approved by a second person of the lab; a non-conforming conclusion; missing items stop the report', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const analyst = await as('analyst');
  const reviewer = await as('reviewer');
  const sampler = await as('sampler');
  const rep = await stepOk(analyst, 'samples', ctx.a, 'submit_report', { report_no: `R-${T}-A`, tested_at: '2025-04-30T01:50:00Z' });
  assert.equal(rep.state, 'reported');
  assert.equal(rep.conclusion, 'fail', 'any failing item fails the sample');
  assert.match(rep.conclusion_note, /铅 0\.35 mg\/kg/);
  // results are frozen once the report is issued
  expect422(await result('analyst', ctx.a, '铬', '0.1', 'mg/kg'), 'sample_id', 'state', 'result after the report');
  // whoever issued the report cannot approve it
  const self = await step(analyst, 'samples', ctx.a, 'approve', {});
  expectRefusal(self, '提交报告的人不能批准自己的报告', undefined, 'self-approval');
  // return to testing reopens the report clock (still 2025-06-03)
  const ret = await stepOk(reviewer, 'samples', ctx.a, 'return', { review_note: '复核铅的前处理' });
  assert.equal(ret.state, 'received');
  assert.equal(ret.conclusion, null);
  assert.equal(deadlineDue('samples', ctx.a, 'report_due', true), '2025-06-03');
  await stepOk(analyst, 'samples', ctx.a, 'submit_report', { report_no: `R-${T}-A`, tested_at: '2025-04-30T01:50:00Z' });
  const ok = await stepOk(reviewer, 'samples', ctx.a, 'approve', {});
  assert.equal(ok.state, 'approved');
  // F5: backup kept 6 months after a non-conforming conclusion: 2025-04-30 → 2025-10-30 (best before 2025-12-31 is later)
  assert.equal(ok.backup_keep_until, '2025-10-30');
  // F7 [U]: a non-conforming result reaches the regulator within 2 WD of approval: 04-30 → 05-06, 05-07 → 2025-05-07
  assert.equal(deadlineDue('samples', ctx.a, 'notify_due', true), '2025-05-07');

  // B passes; a missing item stops its report
  const b = await newSample(sampler, 'B');
  ctx.b = b.id;
  await custody(b.id);
  expectStatus(await result('analyst', b.id, '铅', '0.1', 'mg/kg'), 201, 'B Pb');
  expectStatus(await result('analyst', b.id, '镉', '0.05', 'mg/kg'), 201, 'B Cd');
  const miss = await step(analyst, 'samples', b.id, 'submit_report', { report_no: `R-${T}-B`, tested_at: '2025-04-30T01:50:00Z' });
  expectStatus(miss, 409, 'report with a missing item');
  assert.deepEqual(miss.body.missing, ['黄曲霉毒素B1']);
  expectStatus(await result('analyst', b.id, 'AFB1', 'ND', 'μg/kg', '0.5'), 201, 'B AFB1 not detected');
  await confirmAfb1(b.id);
  const bOk = await reportAndApprove(b.id, `R-${T}-B`);
  assert.equal(bOk.conclusion, 'pass');
  // F5: 3 months after a conforming conclusion: 2025-07-30
  assert.equal(bOk.backup_keep_until, '2025-07-30');
  // F6 [U]: 10 WD from 04-30: 05-06..09 (4), 12..16 (9), 19 (10) → 2025-05-19
  assert.equal(deadlineDue('samples', b.id, 'notify_due', true), '2025-05-19');

  // C fails on Pb alone; D passes and is never served; R is risk monitoring
  const c = await newSample(sampler, 'C', { items: 'pb' });
  ctx.c = c.id;
  await custody(c.id);
  expectStatus(await result('analyst', c.id, '铅', '0.25', 'mg/kg'), 201, 'C Pb');
  assert.equal((await reportAndApprove(c.id, `R-${T}-C`)).conclusion, 'fail');
  const dd = await newSample(sampler, 'D', { items: 'pb' });
  ctx.d = dd.id;
  ctx.codeD = dd.code;
  await custody(dd.id);
  expectStatus(await result('analyst', dd.id, '铅', '0.05', 'mg/kg'), 201, 'D Pb');
  assert.equal((await reportAndApprove(dd.id, `R-${T}-D`)).conclusion, 'pass');
  const rm = await newSample(sampler, 'R', { items: 'pb', kind: 'risk_monitoring' });
  assert.equal(rm.enforcement_basis, false, 'risk-monitoring results are not an enforcement basis');
  ctx.r = rm.id;
  ctx.codeR = rm.code;
  await custody(rm.id);
  expectStatus(await result('analyst', rm.id, '铅', '0.3', 'mg/kg'), 201, 'R Pb');
  assert.equal((await reportAndApprove(rm.id, `R-${T}-R`)).conclusion, 'fail');

  // a sample delivered to another lab is not this lab's to enter
  const e = await newSample(sampler, 'E', { items: 'pb' });
  await custody(e.id, ctx.labOther);
  const foreign = await result('analyst', e.id, '铅', '0.05', 'mg/kg');
  // outside the lab's read scope the sample cannot even be referenced (issue 11 §12)
  expect422(foreign, 'sample_id', 'ref', 'result for another lab');
  // and the analyst does not even read it (assigned = samples of the own lab)
  expectStatus(await get(`/samples/${e.id}`, { session: analyst }), 403, 'analyst reads another lab\'s sample');
  // the task's progress: A, B, C, D, R, E taken (X cancelled), five of them reported
  const prog = await get('/sampling_tasks/actions/progress', { session: await as('supervisor') });
  expectStatus(prog, 200, 'progress');
  const mine = prog.body.items.find((x) => x.id === ctx.task);
  assert.deepEqual([mine.quota, mine.sampled, mine.reported, mine.percent], [10, 6, 5, 60]);
  // the sampler sees the task assigned to their unit, not the budgets
  const st = await get('/sampling_tasks/actions/progress', { session: sampler });
  expectStatus(st, 200, 'sampler progress');
  assert.ok(st.body.items.some((x) => x.id === ctx.task));
  assert.ok([403, 404].includes((await get('/food_budgets', { session: sampler })).status), 'the sampler reads no budget');
});

test('a failed sample reaches the regulator: disposal tasks with working-day and calendar deadlines; service opens the 复检 window', async (t) => {
  useClock(t, '2025-05-06T02:00:00Z'); // Tue 2025-05-06, 10:00 Beijing
  const reviewer = await as('reviewer');
  // the lab reports the results to the regulator (the organising supervisor) at 09:00 Beijing time
  for (const id of [ctx.a, ctx.b, ctx.c]) {
    const n = await stepOk(reviewer, 'samples', id, 'notify', { notified_at: '2025-05-06T01:00:00Z' });
    assert.equal(n.state, 'notified');
  }
  assert.equal(deadlineDue('samples', ctx.a, 'notify_due', true), null, 'reported: the F7 deadline is closed');
  // F9 [U]: a failed result is served within 5 WD of the regulator's receipt: 05-07, 08, 09, 12, 13 → 2025-05-13
  assert.equal(deadlineDue('samples', ctx.a, 'serve_due', true), '2025-05-13');
  assert.equal(deadlineDue('samples', ctx.b, 'serve_due'), null, 'a conforming result has no F9 deadline');
  const sup = await as('supervisor');
  // F21–F24: a task for the sampled business (昆都仑区) and, the producer being in 石家庄 (130100), a
  // notification handled by the city (150200)
  const ds = (await get(`/disposals?sample_id=${ctx.a}&sort=id`, { session: sup })).body.items;
  assert.equal(ds.length, 2, JSON.stringify(ds));
  const business = ds.find((x) => x.kind === 'business');
  const note = ds.find((x) => x.kind === 'notification');
  assert.ok(business && note, 'a business task and a notification');
  assert.equal(business.jurisdiction_id, ctx.kdl);
  assert.equal(business.enterprise_id, ctx.biz);
  const city = (await get('/jurisdictions?code=150200', { session: sup })).body.items[0];
  assert.equal(note.jurisdiction_id, city.id);
  assert.equal(note.target_region, '130100');
  assert.equal(note.target_name, PRODUCER);
  ctx.dispA = business.id;
  // F24 [U]: done within 90 calendar days of the regulator's receipt (05-06): 05-31 is day 25,
  // 06-30 day 55, 07-31 day 86 → 2025-08-04
  assert.equal(business.opened_on, '2025-05-06');
  assert.equal(business.due_on, '2025-08-04');
  assert.equal(note.due_on, '2025-08-04');
  assert.equal(deadlineDue('disposals', business.id, 'disposal_due', true), '2025-08-04');
  assert.equal((await get(`/disposals?sample_id=${ctx.b}`, { session: sup })).body.items.length, 0, 'B passed: no disposal');
  const dc = (await get(`/disposals?sample_id=${ctx.c}&kind=business`, { session: sup })).body.items;
  assert.equal(dc.length, 1);
  ctx.dispC = dc[0].id;
  assert.equal(dc[0].due_on, '2025-08-04');

  // service on Wed 05-07: the 复检 and 异议 windows open (F10, F18): 05-08, 09, 12, 13, 14, 15, 16 → 2025-05-16
  useClock(t, '2025-05-07T02:00:00Z');
  const sup2 = await as('supervisor');
  expect422(await step(sup2, 'samples', ctx.a, 'serve', { served_at: '2025-05-06T00:30:00Z' }), 'served_at', 'order', 'served before the regulator had it');
  const s = await stepOk(sup2, 'samples', ctx.a, 'serve', { served_at: '2025-05-07T01:30:00Z' });
  assert.equal(s.state, 'served');
  assert.equal(s.retest_deadline, '2025-05-16');
  assert.equal(s.objection_deadline, '2025-05-16');
  assert.equal(deadlineDue('samples', ctx.a, 'serve_due', true), null, 'served: the F9 deadline is closed');
  // the sample cannot close while its 复检 window runs
  expectRefusal(await step(sup2, 'samples', ctx.a, 'close', {}), '2025-05-16', undefined, 'close inside the 复检 window');
  for (const id of [ctx.b, ctx.c]) await stepOk(sup2, 'samples', id, 'serve', { served_at: '2025-05-07T01:30:00Z' });
  assert.equal((await row(sup2, 'samples', ctx.b)).retest_deadline, null, 'B passed: no 复检 window');
  assert.equal((await row(sup2, 'samples', ctx.c)).retest_deadline, '2025-05-16');

  // disposal steps: control measures on the local task; a notification is only notified
  const ctl = await stepOk(sup2, 'disposals', business.id, 'control', { measures: '责令下架封存' });
  assert.equal(ctl.state, 'controlling');
  expectStatus(await step(sup2, 'disposals', note.id, 'control', { measures: 'x' }), 409, 'control on a notification');
  // the district officer of 昆都仑区 sees the task of their district, not the city's notification;
  // the 东河区 officer sees neither
  const kdlOfficer = await as('kundulun');
  expectStatus(await get(`/disposals/${business.id}`, { session: kdlOfficer }), 200, 'kundulun reads the business task');
  expectStatus(await get(`/disposals/${note.id}`, { session: kdlOfficer }), 403, 'kundulun reads the city notification');
  expectStatus(await get(`/disposals/${business.id}`, { session: await as('donghe') }), 403, 'donghe reads a 昆都仑 task');
});

test('printed forms (issue 14 §11): 抽样单 issued on delivery, 检验报告 on approval, 结果通知书 on service; printed as issued', async (t) => {
  useClock(t, '2025-05-07T03:00:00Z');
  const director = await as('director');
  const sup = await as('supervisor');
  const list = await get(`/samples/${ctx.a}/actions/document`, { session: director });
  expectStatus(list, 200, 'the list of forms');
  const kinds = Object.fromEntries(list.body.documents.map((d) => [d.kind, d]));
  assert.deepEqual(Object.keys(kinds).sort(), ['result_notice', 'sampling_form', 'test_report']);
  for (const k of Object.keys(kinds)) {
    assert.equal(kinds[k].issued, true, `${k} issued by its step`);
    assert.match(kinds[k].sha256, /^[0-9a-f]{64}$/);
  }
  assert.equal(kinds.sampling_form.number, ctx.codeA, 'the form is numbered by the sample code');
  const { createHash } = await import('node:crypto');
  const form = await get(`/samples/${ctx.a}/actions/document?kind=sampling_form`, { session: director });
  expectStatus(form, 200, 'sampling form');
  assert.match(form.ctype, /^text\/html/);
  assert.equal(createHash('sha256').update(form.buf).digest('hex'), kinds.sampling_form.sha256, 'printed exactly as issued');
  assert.match(form.text, /食品安全抽样检验抽样单/);
  assert.match(form.text, /@page\{size:A4/, 'an A4 print layout');
  assert.ok(form.text.includes(`${T}鹿城牌大米A`), 'the product');
  assert.match(form.text, /王签字/, 'the signer, for a reader of personal data');
  const masked = await get(`/samples/${ctx.a}/actions/document?kind=sampling_form`, { session: sup });
  expectStatus(masked, 200);
  assert.doesNotMatch(masked.text, /王签字/, 'the signer is masked without samples.personal');
  const report = await get(`/samples/${ctx.a}/actions/document?kind=test_report`, { session: director });
  assert.match(report.text, /检验报告/);
  assert.match(report.text, /不合格/, 'the conclusion in words, not a code');
  assert.doesNotMatch(report.text, />fail</, 'no raw verdict code');
  const notice = await get(`/samples/${ctx.a}/actions/document?kind=result_notice`, { session: director });
  assert.match(notice.text, /食品安全抽样检验结果通知书/);
  assert.match(notice.text, /第八十八条/, 'the 复检 right with its article');
  assert.match(notice.text, /2025-05-16/, 'the 复检 deadline set on service');
  expectStatus(await get(`/samples/${ctx.a}/actions/document?kind=result_notice&version=9`, { session: director }), 404, 'no version 9');
  expectStatus(await get(`/samples/${ctx.a}/actions/document?kind=bogus`, { session: director }), 404, 'no such form');
  // a sample still on site: its form can be printed (draft), the report not yet (409 naming why)
  const fresh = await newSample(await as('sampler'), 'P');
  const l2 = (await get(`/samples/${fresh.id}/actions/document`, { session: director })).body.documents;
  assert.equal(l2.find((d) => d.kind === 'sampling_form').issued, false);
  assert.equal(l2.find((d) => d.kind === 'sampling_form').ready, true);
  assert.equal(l2.find((d) => d.kind === 'test_report').ready, false);
  const nr = await get(`/samples/${fresh.id}/actions/document?kind=test_report`, { session: director });
  expectStatus(nr, 409, 'report before the lab issued it');
  assert.equal(nr.body.type.endsWith('/document-not-ready'), true);
  expectStatus(await get(`/samples/${fresh.id}/actions/document?kind=sampling_form`, { session: director }), 200, 'draft form');
  expectStatus(await get(`/samples/${ctx.a}/actions/document`, { session: await as('donghe') }), 403, 'another district');
});

test('F24: a disposal recorded a day late still counts from the regulator\'s receipt (notified_at), not from the click', async (t) => {
  // R (risk monitoring, failed) reached the regulator on Tue 05-06 09:00 Beijing; the lab records it on Wed 05-07.
  // docs/food.md §3: "deadlines are started from the record's own date (the hand-over time in Beijing time), not
  // from the day someone clicks"; F24 starts at the regulator's receipt of the failed result.
  useClock(t, '2025-05-07T02:00:00Z');
  const n = await stepOk(await as('reviewer'), 'samples', ctx.r, 'notify', { notified_at: '2025-05-06T01:00:00Z' });
  assert.equal(n.notified_at, '2025-05-06T01:00:00Z');
  const sup = await as('supervisor');
  const served = await stepOk(sup, 'samples', ctx.r, 'serve', { served_at: '2025-05-07T01:30:00Z' });
  // a risk-monitoring failure gives no 复检 window (no backup sample, DOMAIN §11.4)
  assert.equal(served.retest_deadline, null);
  // F9 counts from notified_at: 05-06 + 5 WD → 2025-05-13 (the F9 row is closed by the service; read the last one)
  assert.equal(deadlineDue('samples', ctx.r, 'serve_due'), '2025-05-13');
  const ds = (await get(`/disposals?sample_id=${ctx.r}&kind=business`, { session: sup })).body.items;
  assert.equal(ds.length, 1);
  assert.equal(ds[0].enforcement_basis, false, 'risk monitoring: not an enforcement basis');
  // 2025-05-06 + 90 days = 2025-08-04 (not 05-07 + 90 = 08-05)
  assert.equal(ds[0].opened_on, '2025-05-06', 'opened on the regulator\'s receipt');
  assert.equal(ds[0].due_on, '2025-08-04', 'due 90 days after the regulator\'s receipt');
});

test('复检: applied within 7 working days of service; a late application is refused; a conforming 复检 cancels the disposals', async (t) => {
  useClock(t, '2025-05-19T02:00:00Z'); // Mon 2025-05-19
  const sup = await as('supervisor');
  // risk monitoring has no backup sample, hence no 复检 (DOMAIN §11.4)
  expect422(await post('/retests', { sample_id: ctx.r, applied_on: '2025-05-16', received_on: '2025-05-16' }, { session: sup }), 'sample_id', 'check', '复检 of risk monitoring');
  // a conforming sample is not re-tested
  expect422(await post('/retests', { sample_id: ctx.b, applied_on: '2025-05-16', received_on: '2025-05-16' }, { session: sup }), 'sample_id', 'check', '复检 of a pass');
  // C: applied Mon 05-19, after its window (2025-05-16): late, deemed accepted — the acceptance is refused (F10, Art. 88)
  const lateApp = await create(sup, 'retests', { sample_id: ctx.c, applied_on: '2025-05-19', received_on: '2025-05-19' });
  assert.equal(lateApp.late, true);
  expectRefusal(await step(sup, 'retests', lateApp.id, 'accept', {}), /逾期/, undefined, 'accept a late 复检');
  const rej = await stepOk(sup, 'retests', lateApp.id, 'reject', { refusal_reason: 'late' });
  assert.equal(rej.state, 'rejected');
  // A: applied on the last day, Fri 05-16: in time
  const app = await create(sup, 'retests', { sample_id: ctx.a, applied_on: '2025-05-16', received_on: '2025-05-16', fee: 150000 });
  assert.equal(app.late, false);
  assert.equal(app.applicant_id, ctx.biz, 'the applicant is the sampled business');
  // F11: accepted or refused within 5 WD of receipt (05-16): 05-19, 20, 21, 22, 23 → 2025-05-23
  assert.equal(deadlineDue('retests', app.id, 'accept_due', true), '2025-05-23');
  // one open application per sample
  expect422(await post('/retests', { sample_id: ctx.a, applied_on: '2025-05-16', received_on: '2025-05-16' }, { session: sup }), 'sample_id', 'unique', 'second 复检 application');
  await stepOk(sup, 'retests', app.id, 'accept', {});
  // F13: the lab is drawn within 5 WD of acceptance (05-19): 05-20, 21, 22, 23, 26 → 2025-05-26
  assert.equal(deadlineDue('retests', app.id, 'lab_due', true), '2025-05-26');
  const drawn = await stepOk(sup, 'retests', app.id, 'draw_lab', {});
  // Art. 88: drawn from the list, never the first lab; the draw is recorded
  assert.notEqual(drawn.retest_lab_id, ctx.labFood);
  const listed = (await get('/food_labs?retest_listed=true&limit=100', { session: sup })).body.items.map((l) => l.unit_id);
  assert.ok(listed.includes(drawn.retest_lab_id), `the drawn lab ${drawn.retest_lab_id} is on the list ${listed}`);
  assert.match(drawn.draw_note, /随机抽取/);
  // 实施条例 Art. 42: the fee is paid in advance
  expectRefusal(await step(sup, 'retests', app.id, 'start', { backup_received_on: '2025-05-19' }), '实施条例第四十二条', undefined, 'start unpaid');
  const paid = await patch(`/retests/${app.id}`, { fee_paid: true }, drawn.version, { session: sup });
  expectStatus(paid, 200, 'fee paid');
  await stepOk(sup, 'retests', app.id, 'start', { backup_received_on: '2025-05-19' });
  // F15: the 复检 conclusion within 10 WD of the backup sample (05-19): 05-20..23 (4), 26..30 (9),
  // 05-31..06-02 off, 06-03 (10) → 2025-06-03
  assert.equal(deadlineDue('retests', app.id, 'retest_report_due', true), '2025-06-03');
  const concl = await stepOk(sup, 'retests', app.id, 'conclude', { retest_conclusion: 'pass', retest_report_no: `FJ-${T}`, retest_result: '铅 0.15 mg/kg' });
  assert.equal(concl.state, 'concluded');
  assert.equal(concl.fee_borne_by, 'regulator', 'a conforming 复检: the regulator pays');
  const a = await row(sup, 'samples', ctx.a);
  assert.equal(a.conclusion, 'fail', 'the first conclusion stays on record');
  assert.equal(a.retest_conclusion, 'pass');
  assert.equal(a.final_conclusion, 'pass', 'the 复检 conclusion is final');
  const ds = (await get(`/disposals?sample_id=${ctx.a}`, { session: sup })).body.items;
  assert.deepEqual(ds.map((x) => x.state).sort(), ['cancelled', 'cancelled'], 'both tasks cancelled');
  assert.equal(deadlineDue('disposals', ctx.dispA, 'disposal_due', true), null, 'no disposal deadline left open');
  // F17: an 异议 about the sampling is due within 7 WD of sampling (04-30): 05-06..09 (4), 12, 13, 14 → 05-14;
  // received 05-19: late, not accepted
  const obj = await create(sup, 'objections', { sample_id: ctx.c, kind: 'sampling', received_on: '2025-05-19', content: '抽样未封样' });
  assert.equal(obj.late, true);
  expectStatus(await step(sup, 'objections', obj.id, 'accept', {}), 409, 'accept a late objection');
  await stepOk(sup, 'objections', obj.id, 'reject', { reply: '逾期提出，不予受理' });
});

test('publication: only published, served supervision results reach the public endpoint; nothing unpublished leaks', async (t) => {
  useClock(t, '2025-05-20T02:00:00Z'); // Tue 2025-05-20: C's 复检 window (2025-05-16) has passed
  const sup = await as('supervisor');
  const director = await as('director');
  const q = `q=${encodeURIComponent(T)}&limit=100`;
  // nothing of this run is published yet: the portal shows nothing, served or not
  assert.equal((await publicResults(q)).body.items.length, 0, 'nothing before publication');
  for (const id of [ctx.a, ctx.b, ctx.c]) assert.equal((await stepOk(sup, 'samples', id, 'close', {})).state, 'closed');
  const pub = await create(sup, 'publications', {
    announcement_no: `包质监食抽〔2025〕${T}号`, title: `${T}2025年4月抽检信息`, issuer: '包头市质量技术监督局', period_from: '2025-04-01', period_to: '2025-05-31',
  });
  const published = await stepOk(sup, 'publications', pub.id, 'publish', {});
  assert.equal(published.state, 'published');
  assert.equal(published.published_on, '2025-05-20');
  // A (复检 conforming), B (pass), C (fail); D was never served, R is risk monitoring: not published
  assert.equal(published.sample_count, 3);
  const res = await publicResults(q);
  const codes = res.body.items.map((i) => i.code).sort();
  const expected = [ctx.codeA, (await row(sup, 'samples', ctx.b)).code, (await row(sup, 'samples', ctx.c)).code].sort();
  assert.deepEqual(codes, expected);
  for (const it of res.body.items) {
    assert.equal(it.announcement_no, `包质监食抽〔2025〕${T}号`);
    assert.equal(it.published_on, '2025-05-20');
    assert.equal(it.producer, PRODUCER);
    assert.equal(it.food, '大米');
    assert.equal(it.category, '谷物及其制品');
  }
  // unpublished never leaks: D (approved, unserved) and R (risk monitoring) in no answer, no personal data
  for (const query of [q, `${q}&format=csv`, 'limit=100', `year=2025&limit=100`, 'food=大米&limit=100']) {
    const r = await publicResults(query);
    assert.ok(!r.text.includes(ctx.codeD) && !r.text.includes(`${T}鹿城牌大米D`), `D absent from ${query}`);
    assert.ok(!r.text.includes(ctx.codeR) && !r.text.includes(`${T}鹿城牌大米R`), `R absent from ${query}`);
    assert.ok(!r.text.includes('王签字'), `no signer's name in ${query}`);
  }
  const a = res.body.items.find((i) => i.code === ctx.codeA);
  assert.equal(a.conclusion, 'pass');
  assert.equal(a.initial_conclusion, 'fail');
  assert.equal(a.retest_conclusion, 'pass');
  // result=fail: C only, with its failed item, result, limit and standard
  const fail = (await publicResults(`${q}&result=fail`)).body.items;
  assert.equal(fail.length, 1);
  assert.equal(fail[0].code, (await row(sup, 'samples', ctx.c)).code);
  assert.deepEqual(fail[0].failed_items, [{ item: '铅', result: '0.25 mg/kg', limit: '≤0.2 mg/kg', standard: 'GB 2762-2022 4.1 表1' }]);
  assert.equal(fail[0].business, `${T}昆区测试超市有限公司`);
  // open data: CSV with a BOM and the announcement's columns
  const csv = await publicResults(`${q}&format=csv`);
  assert.match(csv.ctype, /^text\/csv/);
  assert.equal(csv.buf[0], 0xef, 'UTF-8 BOM');
  const rows = parseCsv(csv.text);
  assert.equal(rows[0][0], '公告编号');
  assert.equal(rows.length, 4, 'header + 3 rows');
  const failRow = rows.find((r) => r.includes('不合格'));
  assert.ok(failRow, 'the failed sample in the CSV');
  assert.ok(failRow.some((c) => c.includes('0.25 mg/kg') && c.includes('≤0.2 mg/kg')));
  // a category covers its subtree; the announcement number selects its samples
  assert.equal((await publicResults(`${q}&food=${encodeURIComponent('谷物及其制品')}`)).body.items.length, 3);
  assert.equal((await publicResults(`${q}&food=${encodeURIComponent('苹果')}`)).body.items.length, 0);
  assert.equal((await publicResults(`announcement=${encodeURIComponent(`包质监食抽〔2025〕${T}号`)}&limit=100`)).body.items.length, 3);
  // keyset paging: 2 + 1
  const p1 = await publicResults(`${q.replace('limit=100', 'limit=2')}`);
  assert.equal(p1.body.items.length, 2);
  assert.ok(p1.body.next);
  const p2 = await publicResults(`${q.replace('limit=100', 'limit=2')}&cursor=${p1.body.next}`);
  assert.deepEqual([...p1.body.items, ...p2.body.items].map((i) => i.code).sort(), expected);
  assert.equal(p2.body.next, null);
  // bad query parameters are a 400 naming the parameter
  for (const [qq, field] of [['limit=101', 'limit'], ['result=maybe', 'result'], ['year=25', 'year'], ['format=xml', 'format'], ['food=不存在的食品', 'food'], ['cursor=abc', 'cursor']]) {
    const r = await get(`/public/food_results?${qq}`);
    expectStatus(r, 400, qq);
    assert.equal(r.body.errors?.[0]?.field, field);
  }
  const ann = (await get('/public/food_announcements')).body.items.find((x) => x.announcement_no === `包质监食抽〔2025〕${T}号`);
  assert.ok(ann, 'the announcement is listed');
  assert.equal(ann.samples, 3);
  // a published announcement cannot change; only the director withdraws it
  expect422(await patch(`/publications/${pub.id}`, { title: '改' }, published.version, { session: sup }), 'title', 'state', 'edit a published announcement');
  expectStatus(await step(sup, 'publications', pub.id, 'withdraw', { withdraw_reason: '更正' }), 403, 'supervisor withdraws');
  await stepOk(director, 'publications', pub.id, 'withdraw', { withdraw_reason: '更正' });
  assert.equal((await publicResults(q)).body.items.length, 0, 'withdrawn: gone from the portal');
  assert.ok(!(await get('/public/food_announcements')).text.includes(`${T}号`), 'withdrawn announcement not listed');
});

test('overdue disposals surface on the supervisor\'s dashboard; the head extends the period', async (t) => {
  // C's task, opened 2025-05-06, is due 2025-08-04; on Mon 2025-08-25 it is 21 days overdue
  useClock(t, '2025-08-25T02:00:00Z');
  const sup = await as('supervisor');
  const widget = async (s) => {
    const r = await get('/dashboard?only=widgets', { session: s });
    expectStatus(r, 200, 'dashboard');
    return r.body.widgets.find((w) => w.id === 'food_overdue_disposals');
  };
  const w = await widget(sup);
  assert.ok(w, 'the supervisor has the widget');
  const item = w.items.find((i) => i.id === ctx.dispC);
  assert.ok(item, `C's disposal is listed as overdue: ${JSON.stringify(w.items.slice(0, 3))}`);
  assert.equal(item.due_on, '2025-08-04');
  assert.equal(item.days_overdue, 21);
  // A's tasks were cancelled by the conforming 复检: not listed
  assert.ok(!w.items.some((i) => i.id === ctx.dispA));
  // only the head extends (F24)
  expectStatus(await post(`/disposals/${ctx.dispC}/actions/extend`, { due_on: '2025-10-31', reason: 'x' }, { session: sup }), 403, 'supervisor extends');
  const director = await as('director');
  expect422(await post(`/disposals/${ctx.dispC}/actions/extend`, { due_on: '2025-13-01', reason: '局长书面批准延期' }, { session: director }), 'due_on', 'type', 'bad date');
  expectStatus(await post(`/disposals/${ctx.dispC}/actions/extend`, { due_on: '2025-08-01', reason: '局长书面批准延期' }, { session: director }), 422, 'an "extension" to an earlier day');
  const ext = await post(`/disposals/${ctx.dispC}/actions/extend`, { due_on: '2025-10-31', reason: '局长书面批准延期' }, { session: director });
  expectStatus(ext, 200, 'extend');
  assert.equal(ext.body.due_on, '2025-10-31');
  assert.equal(deadlineDue('disposals', ctx.dispC, 'disposal_due', true), '2025-10-31');
  assert.ok(!(await widget(sup)).items.some((i) => i.id === ctx.dispC), 'no longer overdue');
  // the sampler is not shown the supervisor's widgets
  assert.equal(await widget(await as('sampler')), undefined);
});

test('zhijian limit (ZJ_BIN): the limit in force on a date; an edited row reaches the lookup with --db', async (t) => {
  const run = (...args) => cli(['limit', ...args], { env: { ASAN_OPTIONS: 'detect_leaks=0' } });
  let r = run('大米', '铅', '--on', '2025-04-30');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^≤0\.2 mg\/kg GB 2762-2022 4\.1 表1 \(set for 谷物及其制品;.*in force 2023-06-30 to 2026-09-01/);
  r = run('大米', '铅', '--on', '2026-10-01');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^≤0\.2 mg\/kg GB 2762-2025 /);
  // 燕麦片 (麦片) has its own 0.5 (F2, excluded from F1); 小油菜 is 普通白菜 under 叶菜 0.3 (F4, alias)
  assert.match(run('燕麦片', 'Pb', '--on', '2025-04-30').stdout, /^≤0\.5 mg\/kg .*set for 麦片/);
  assert.match(run('小油菜', '铅', '--on', '2025-04-30').stdout, /^≤0\.3 mg\/kg .*set for 叶菜蔬菜/);
  // 蔓越莓: F7 excludes it and no row of its own ships
  r = run('蔓越莓', '铅', '--on', '2025-06-01');
  assert.equal(r.status, 3, 'no applicable limit: a person decides (exit 3)');
  assert.match(r.stdout + r.stderr, /no applicable limit/);
  r = run('nosuchfood', '铅');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unknown food/);
  // the system administrator enters a row for 蔓越莓: `--db` reads the edited tables, the built-in ones do not change
  useClock(t, '2025-06-01T02:00:00Z');
  const admin = await as('admin');
  const cran = await byCode(admin, 'food_categories', 'cranberry');
  const pb = await byCode(admin, 'food_analytes', 'pb');
  const lim = await create(admin, 'food_limits', {
    standard: 'GB 2762', edition: '2022', clause: '4.1 表1', effective_from: '2023-06-30', effective_to: '2026-09-01',
    category_id: cran.id, analyte_id: pb.id, comparator: 'le', value: '0.2', unit: 'mg/kg', status: 'U',
  });
  let deleted = false;
  t.after(async () => {
    if (deleted) return;
    const cur = await get(`/food_limits/${lim.id}`, { session: admin });
    if (cur.status === 200) await del(`/food_limits/${lim.id}`, cur.body.version, { session: admin });
  });
  assert.equal(lim.code, 'GB 2762-2022/cranberry/pb');
  r = run('蔓越莓', '铅', '--on', '2025-06-01', '--db', DB);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /^≤0\.2 mg\/kg GB 2762-2022 4\.1 表1 \(set for 蔓越莓/);
  assert.equal(run('蔓越莓', '铅', '--on', '2025-06-01').status, 3, 'the shipped tables are unchanged');
  // soft-deleted, the exclusion applies again
  const cur = await row(admin, 'food_limits', lim.id);
  expectStatus(await del(`/food_limits/${lim.id}`, cur.version, { session: admin }), 204, 'delete the row');
  deleted = true;
  assert.equal(run('蔓越莓', '铅', '--on', '2025-06-01', '--db', DB).status, 3);
});
