// 78-transitions.test.mjs — actions that say why not (issue 14 §6) and
// records by stage (§5): GET /{entity}/{id}/transitions answers, for this
// user and record, each workflow step with `allowed` and, when not, the
// problem the step itself would answer. It is a dry run of the same checks,
// so it must agree with the real step: every step it reports not allowed
// fails, taken for real with its form filled, with the same status, title
// and detail; a step it reports allowed succeeds. Checked on a case (cases
// area) and a sample (food area), on SQLite and PostgreSQL (run.sh).
// /meta gives each field of a workflow entity its stage and each entity the
// records its page lists (一企一档).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, expectStatus, tag, createEnterprise, clockNow } from './lib.mjs';
import { useClock, as, step, stepOk, create } from './lib-modules.mjs';

const T = tag('TR');
const metas = new Map();

async function metaOf(s, entity) {
  if (!metas.has(s.username)) metas.set(s.username, (await get('/meta', { session: s })).body);
  return metas.get(s.username).entities.find((e) => e.name === entity);
}

/** A form of the step filled by field type (dates: today, times: now), as a person would. */
function formOf(em, dicts, tr, today, now) {
  const body = {};
  for (const n of tr.requires || []) {
    const f = em.fields.find((x) => x.name === n);
    if (!f) continue;
    const code = f.dict ? ((dicts[f.dict] || [])[0] || {}).code : null;
    body[n] = f.type === 'date' ? today : f.type === 'datetime' ? now : f.type === 'money' || f.type === 'int' ? 0
      : f.type === 'bool' ? false : f.type === 'dict' ? (f.multi ? [code] : code) : f.type === 'ref' ? null : `${T}说明`;
  }
  return body;
}

/** The why-not answer agrees with the real step, for every step the answer says is not allowed. */
async function agrees(s, entity, id, today, what) {
  const now = clockNow().toISOString().replace(/\.\d+Z$/, 'Z');
  const em = await metaOf(s, entity);
  const r = await get(`/${entity}/${id}/transitions`, { session: s });
  expectStatus(r, 200, `${entity}#${id} transitions as ${s.username}`);
  for (const it of r.body.items) {
    assert.equal(typeof it.allowed, 'boolean', `${it.name}: allowed`);
    assert.ok(it.label && it.label.zh && it.label.en, `${it.name}: labelled in zh and en`);
    if (it.allowed) continue;
    assert.ok(it.reason && it.reason.status >= 400 && it.reason.title, `${it.name}: a reason (${JSON.stringify(it.reason)})`);
    const tr = em.workflow.transitions.find((x) => x.name === it.name);
    if ((tr.requires || []).some((n) => em.fields.find((f) => f.name === n)?.type === 'ref')) continue; // a reference the form picks
    const real = await step(s, entity, id, it.name, formOf(em, metas.get(s.username).dicts, tr, today, now));
    assert.equal(real.status, it.reason.status, `${what} ${it.name}: the real step answers ${real.status} ${real.text}, the dry run ${JSON.stringify(it.reason)}`);
    assert.equal(real.body.title, it.reason.title, `${what} ${it.name}: same title`);
    assert.equal(real.body.detail, it.reason.detail, `${what} ${it.name}: same detail`);
  }
  return Object.fromEntries(r.body.items.map((i) => [i.name, i]));
}

test('a case: the steps possible now and why not agree with the real steps; a closed case offers none', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const today = '2025-10-31';
  const handler = await as('handler');
  const director = await as('director');
  const kdl = (await get('/jurisdictions?code=150203', { session: handler })).body.items[0].id;
  const c = await create(handler, 'cases', {
    title: `${T}步骤案`, kind: 'food', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: kdl,
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法',
  }, 'case');

  let opts = await agrees(handler, 'cases', c.id, today, 'clue as handler');
  assert.equal(opts.request_filing.allowed, true, 'the handler proposes filing');
  assert.equal(opts.request_filing.from_here, true);
  assert.equal(opts.approve_filing.allowed, false, 'approve_filing is not for a clue');
  assert.equal(opts.finish_investigation.allowed, false);
  assert.equal(opts.finish_investigation.reason.status, 409, 'finish_investigation: the state is not one it is taken from');
  assert.match(opts.finish_investigation.reason.rule, /调查终结/, 'the refusal names the workflow rule');
  await stepOk(handler, 'cases', c.id, 'request_filing', { cause: '销售过期食品', filing_opinion: '建议立案' });

  opts = await agrees(handler, 'cases', c.id, today, 'filing_review as handler');
  assert.equal(opts.approve_filing.allowed, false, 'the handler may not approve filing');
  assert.equal(opts.approve_filing.reason.status, 403);
  opts = await agrees(director, 'cases', c.id, today, 'filing_review as director');
  assert.equal(opts.approve_filing.allowed, true, 'the director approves filing');
  await stepOk(director, 'cases', c.id, 'approve_filing', { filed_on: today });

  // a case ended without filing is final: nothing to take, and no edit
  const d = await create(handler, 'cases', {
    title: `${T}不立案`, kind: 'food', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: kdl,
    party_name: `${T}某店`, party_type: 'legal', summary: '线索',
  }, 'case 2');
  await stepOk(director, 'cases', d.id, 'no_case', { filing_decided_on: today, no_case_reason: '违法事实不成立' });
  const fin = await get(`/cases/${d.id}/transitions`, { session: director });
  expectStatus(fin, 200);
  assert.equal(fin.body.final, true);
  assert.ok(fin.body.items.every((i) => !i.allowed && !i.from_here), 'no step from a final state');
  await agrees(director, 'cases', d.id, today, 'not_filed as director');

  // outside the user's read scope: the record is not there for them
  const other = await get(`/cases/999999999/transitions`, { session: handler });
  expectStatus(other, 404, 'an unknown record');
});

test('a sample: a guard\'s refusal (missing results, the same person approving) is told before the step, and agrees with it', async (t) => {
  useClock(t, '2025-04-30T02:00:00Z');
  const today = '2025-04-30';
  const sup = await as('supervisor');
  const sampler = await as('sampler');
  const analyst = await as('analyst');
  const rice = (await get('/food_categories?q=rice&limit=500', { session: sup })).body.items.find((x) => x.code === 'rice');
  const lab = (await get('/units?q=BTFOOD&limit=500', { session: sup })).body.items.find((x) => x.code === 'BTFOOD');
  const biz = await createEnterprise(sup, { name: `${T}昆区步骤超市有限公司`, kinds: ['distributor'] }, '150203');
  const s = await create(sampler, 'samples', {
    link: 'distribution', enterprise_id: biz.id, food_id: rice.id, product_name: `${T}大米`, sampled_at: '2025-04-30T01:00:00Z',
    kind: 'supervision', items: 'pb',
  }, 'sample');
  let opts = await agrees(sampler, 'samples', s.id, today, 'sampled as sampler');
  assert.equal(opts.deliver.allowed, true);
  await stepOk(sampler, 'samples', s.id, 'deliver', { delivered_at: '2025-04-30T01:30:00Z', lab_unit_id: lab.id });
  await stepOk(analyst, 'samples', s.id, 'receive', { received_at: '2025-04-30T01:45:00Z' });

  opts = await agrees(analyst, 'samples', s.id, today, 'received, no result');
  assert.equal(opts.submit_report.allowed, false, 'no result yet: the report cannot be issued');
  assert.equal(opts.submit_report.reason.status, 409);
  assert.match(opts.submit_report.reason.detail, /铅/, 'the reason names the missing item');
  expectStatus(await post('/results', { sample_id: s.id, item: 'pb', value: '0.05', unit: 'mg/kg' }, { session: analyst }), 201, 'result');
  opts = await agrees(analyst, 'samples', s.id, today, 'received, with result');
  assert.equal(opts.submit_report.allowed, true, 'with its result the report can be issued');
  await stepOk(analyst, 'samples', s.id, 'submit_report', { report_no: `${T}R1`, tested_at: '2025-04-30T01:50:00Z' });
  // the analyst who issued the report may hold the permission to approve but is not a second person
  opts = await agrees(analyst, 'samples', s.id, today, 'reported as analyst');
  assert.equal(opts.approve.allowed, false);

  // the dry run wrote nothing: the record's version is where the step left it
  const before = (await get(`/samples/${s.id}`, { session: sup })).body.version;
  await get(`/samples/${s.id}/transitions`, { session: analyst });
  assert.equal((await get(`/samples/${s.id}`, { session: sup })).body.version, before, 'a dry run changes nothing');
});

test('/meta: fields carry their stage; enterprises list their samples, results, disposals, cases and complaints', async () => {
  const director = await as('director');
  const m = (await get('/meta', { session: director })).body;
  const cases = m.entities.find((e) => e.name === 'cases');
  const stage = (n) => cases.fields.find((f) => f.name === n).stage;
  assert.equal(stage('title'), 'clue', 'a field no step asks for belongs to the initial stage');
  assert.equal(stage('filed_on'), 'investigating', 'the filing date comes with approve_filing');
  assert.equal(stage('enforcement_on'), 'enforcement_applied', 'the enforcement application date comes with its step');
  const steps = Object.fromEntries(cases.workflow.states.map((s) => [s.name, s.step]));
  assert.equal(steps.clue, 0);
  assert.ok(steps.decided > steps.investigating && steps.closed > steps.decided, `steps in order: ${JSON.stringify(steps)}`);
  const ent = m.entities.find((e) => e.name === 'enterprises');
  const rel = ent.related.map((r) => r.entity + '.' + r.field + (r.via ? '.' + r.via.field : ''));
  for (const x of ['samples.enterprise_id', 'results.sample_id.enterprise_id', 'disposals.enterprise_id', 'cases.enterprise_id', 'complaints.enterprise_id'])
    assert.ok(rel.includes(x), `enterprises relate ${x}: ${rel}`);
  assert.ok(m.entities.find((e) => e.name === 'users').fields.every((f) => f.stage === undefined), 'no stage without a workflow');
});

test('a publication tells what publishing will make public before it is confirmed', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const sup = await as('supervisor');
  const pub = await create(sup, 'publications', {
    announcement_no: `${T}公告`, title: `${T}抽检信息公告`, period_from: '2000-01-01', period_to: '2000-01-02',
  }, 'publication');
  const prev = await get(`/publications/${pub.id}/actions/samples`, { session: sup });
  expectStatus(prev, 200);
  assert.equal(prev.body.preview, true);
  assert.equal(prev.body.count, 0);
  const opts = await agrees(sup, 'publications', pub.id, '2025-10-31', 'empty publication');
  assert.equal(opts.publish.allowed, false, 'nothing to publish in that period');
  assert.match(opts.publish.reason.title, /没有可公布|No result/);
});
