// 83-award.test.mjs — the Government Quality Award and the food-safety target
// assessment (issue 17) over HTTP on the test clock: a round through every
// step (call → applications → review → site visits → consensus → ranking →
// decision → public notice → final → paid) with scores worked out by hand
// below; the eligibility check against the food disposals on record; the
// conflict-of-interest exclusion; an expert who scores only what is assigned
// to them; a band off its 5 % step, a prize set over the budget, indicator
// weights not summing to 100 %: each refused with the field named and nothing
// saved; an assessment year with a vetoed government that ranks last and
// fails whatever its score; both published on the portal.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, expectStatus, dbQuery, listAll } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, row, create } from './lib-modules.mjs';

const YEAR = 2040 + (process.pid % 50);

function ids(sql) {
  return dbQuery(sql).split('\n').filter(Boolean).map(Number);
}

// enterprises of the city with nothing on record, not yet applicants
function cleanEnterprises(n) {
  return ids(`SELECT e.id FROM enterprises e WHERE e.deleted = 0 AND e.jurisdiction_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.enterprise_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM disposals d WHERE d.enterprise_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM aw_applications a WHERE a.enterprise_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM aw_experts x WHERE x.employer_id = e.id) ORDER BY e.id DESC LIMIT ${n}`);
}

async function expertId(s, name) {
  const all = await listAll(s, 'award_experts');
  const x = all.find((e) => e.name === name);
  assert.ok(x, `expert ${name}`);
  return x.id;
}

const roundBody = (over = {}) => ({
  year: YEAR, title: `${YEAR}年度政府质量奖（测试）`, budget_fen: 100000000, aggregation: 'mean',
  spread_threshold: 30, min_years: 3, violation_years: 3,
  award_places: 1, award_fen: 60000000, award_min: 500,
  nomination_places: 2, nomination_fen: 20000000, nomination_min: 300, ...over,
});

// every item at one band, one item (4.1.2) at another
async function scoreAll(s, asg, band, special) {
  const sheet = await get(`/award_assignments/${asg}/actions/sheet`, { session: s });
  expectStatus(sheet, 200);
  assert.equal(sheet.body.items.length, 23, 'GB/T 19580-2012: 23 items');
  const items = sheet.body.items.map((it) => ({ code: it.code, band: it.code === '4.1.2' && special != null ? special : band }));
  const r = await post(`/award_assignments/${asg}/actions/score`, { items }, { session: s });
  expectStatus(r, 200, 'score');
  return r.body;
}

test('award round: call to payment, scores by hand, consensus, prizes within the budget, the public notice', async (t) => {
  useClock(t, '2026-11-02T02:00:00Z');
  const office = await as('awardoffice');
  const director = await as('director');
  const ex1 = await as('expert');
  const ex2 = await as('expert2');

  // the budget is at least 1,000,000 yuan; places × prizes cannot exceed it (2 × 600,000 + 2 × 200,000 = 1,600,000)
  expect422(await post('/award_rounds', roundBody({ budget_fen: 99999999 }), { session: office }), 'budget_fen');
  expect422(await post('/award_rounds', roundBody({ award_places: 2 }), { session: office }), 'budget_fen', 'budget');
  assert.equal(dbQuery(`SELECT COUNT(*) FROM aw_rounds WHERE year = ${YEAR}`), '0', 'nothing saved');
  const round = await create(office, 'award_rounds', roundBody());
  assert.equal(round.state, 'call');
  expectStatus(await step(office, 'award_rounds', round.id, 'open_applications', {}), 422);
  await stepOk(office, 'award_rounds', round.id, 'open_applications', { call_on: '2026-11-01', closes_on: '2026-11-30' });

  // applications: two clean enterprises; one with a food disposal on record within 3 years
  const [ea, eb] = cleanEnterprises(2);
  const dirty = ids(`SELECT enterprise_id FROM disposals WHERE enterprise_id IS NOT NULL AND state <> 'cancelled'
    AND opened_on >= '2023-11-01' AND enterprise_id NOT IN (SELECT enterprise_id FROM aw_applications) ORDER BY id LIMIT 1`)[0];
  const app = (e, founded = '2010-03-01') => create(office, 'award_applications', {
    round_id: round.id, enterprise_id: e, founded_on: founded, self_assessment: '按 GB/T 19580-2012 逐条自评，附证明材料。',
  });
  const A = await app(ea), B = await app(eb), C = await app(dirty);
  assert.equal(A.eligible, true);
  assert.equal(C.eligible, false);
  assert.match(C.eligibility_note, /核查处置|disposal/);
  await stepOk(office, 'award_applications', A.id, 'admit');
  await stepOk(office, 'award_applications', B.id, 'admit');
  expect422(await step(office, 'award_applications', C.id, 'admit'), 'enterprise_id', 'check');
  assert.equal((await row(office, 'award_applications', C.id)).state, 'submitted', 'refused, not moved');
  await stepOk(office, 'award_applications', C.id, 'refuse', { review_note: '三年内有不合格食品核查处置记录' });
  // years in operation: founded two years before the call
  const [ed] = cleanEnterprises(3).slice(2);
  const D = await app(ed, '2025-01-01');
  expect422(await step(office, 'award_applications', D.id, 'admit'), 'founded_on', 'check');

  // experts: a conflict of interest cannot be assigned, declared or found in the register
  const x1 = await expertId(office, '张卓越'), x2 = await expertId(office, '刘志远'), x3 = await expertId(office, '陈海燕');
  const conflicted = await create(office, 'award_experts', { name: `回避专家${YEAR}`, employer_id: ea, active: true });
  expect422(await post('/award_assignments', { application_id: A.id, expert_id: conflicted.id }, { session: office }), 'expert_id', 'check');
  expect422(await post('/award_assignments', { application_id: A.id, expert_id: x3, declared_conflict: true }, { session: office }), 'declared_conflict');
  const a1 = await create(office, 'award_assignments', { application_id: A.id, expert_id: x1 });
  const a2 = await create(office, 'award_assignments', { application_id: A.id, expert_id: x2 });
  const b1 = await create(office, 'award_assignments', { application_id: B.id, expert_id: x1 });
  const b2 = await create(office, 'award_assignments', { application_id: B.id, expert_id: x2 });
  expect422(await post('/award_assignments', { application_id: A.id, expert_id: x1 }, { session: office }), 'expert_id', 'unique');
  // the assignment is on the expert's to-do (the submit step), not on another expert's
  const todo = async (s) => (await get('/todo?limit=200', { session: s })).body.items.filter((i) => i.entity === 'award_assignments').map((i) => i.id);
  assert.ok((await todo(ex2)).includes(a2.id), 'expert2 has their sheet to score');
  assert.ok(!(await todo(ex2)).includes(a1.id), 'not expert1\'s');

  // no scoring before the review
  expectStatus(await post(`/award_assignments/${a1.id}/actions/score`, { items: [{ code: '4.1.2', band: 50 }] }, { session: ex1 }), 409);
  await stepOk(office, 'award_rounds', round.id, 'close_applications');

  // an expert scores only what is assigned to them
  const other = await post(`/award_assignments/${a2.id}/actions/score`, { items: [{ code: '4.1.2', band: 50 }] }, { session: ex1 });
  expectStatus(other, 403, 'expert1 on expert2\'s sheet');
  expectStatus(await get(`/award_assignments/${a2.id}`, { session: ex1 }), 403);
  // a band off the 5 % step: 422 naming the item, nothing saved (not even the good item before it)
  const bad = await post(`/award_assignments/${a1.id}/actions/score`, { items: [{ code: '4.1.3', band: 40 }, { code: '4.1.2', band: 33 }] }, { session: ex1 });
  expect422(bad, 'items[1].band', 'range');
  expect422(await post(`/award_assignments/${a1.id}/actions/score`, { items: [{ code: '9.9.9', band: 40 }] }, { session: ex1 }), 'items[0].code');
  const sheet = (await get(`/award_assignments/${a1.id}/actions/sheet`, { session: ex1 })).body;
  assert.equal(sheet.items.find((i) => i.code === '4.1.3').band, null, 'nothing half-saved');
  // submitting a sheet with items missing
  expectStatus(await step(ex1, 'award_assignments', a1.id, 'submit'), 409);

  // A: expert 1 all at 60 % → 600.00; expert 2 all at 50 % but 4.1.2 (50 points) at 95 % → 500 + 22.50 = 522.50
  // B: both all at 40 % → 400.00
  const s1 = await scoreAll(ex1, a1.id, 60);
  assert.equal(s1.total, '600.00');
  assert.equal(s1.items.find((i) => i.code === '4.4.3').score, '9.00', '15 points × 60 %');
  const s2 = await scoreAll(ex2, a2.id, 50, 95);
  assert.equal(s2.total, '522.50');
  await scoreAll(ex1, b1.id, 40);
  await scoreAll(ex2, b2.id, 40);
  for (const [s, a] of [[ex1, a1], [ex2, a2], [ex1, b1], [ex2, b2]]) await stepOk(s, 'award_assignments', a.id, 'submit');
  assert.equal((await row(office, 'award_assignments', a2.id)).expert_total, '522.50');
  expectStatus(await post(`/award_assignments/${a1.id}/actions/score`, { items: [{ code: '4.1.2', band: 50 }] }, { session: ex1 }), 409, 'submitted');

  await stepOk(office, 'award_rounds', round.id, 'start_visits');
  for (const x of [A, B]) {
    await stepOk(office, 'award_applications', x.id, 'pass_review', { review_note: '资料齐全' });
    await stepOk(office, 'award_applications', x.id, 'visit', { visit_on: '2026-11-20', visit_note: '现场评审完成' });
  }
  await stepOk(office, 'award_rounds', round.id, 'start_consensus');
  // 4.1.2 bands 60 and 95 differ by 35 > 30: A goes to the consensus meeting; the ranking waits for it
  let a = await row(office, 'award_applications', A.id);
  assert.equal(a.flagged, true);
  assert.equal((await row(office, 'award_applications', B.id)).flagged, false);
  expectStatus(await step(office, 'award_rounds', round.id, 'rank'), 409);
  await stepOk(office, 'award_applications', A.id, 'agree', { consensus_note: '合议：4.1.2 按两位专家意见平均' });
  await stepOk(office, 'award_rounds', round.id, 'rank');

  // mean per item: 4.1.2 (30.00 + 47.50) / 2 = 38.75; the rest 55 % of 950 = 522.50; total 561.25
  // 4.1 = 38.75 + 30 × 55 % + 30 × 55 % = 71.75; spread 600.00 − 522.50 = 77.50
  const rk = await get(`/award_rounds/${round.id}/actions/ranking`, { session: office });
  expectStatus(rk, 200);
  const [r1, r2] = rk.body.rows;
  assert.equal(r1.application_id, A.id);
  assert.equal(r1.total, '561.25');
  assert.equal(r1.categories['4.1'], '71.75');
  assert.equal(r1.categories['4.7'], '220.00', '400 × 55 %');
  assert.equal(r1.spread, '77.50');
  assert.deepEqual(r1.flagged_items, ['4.1.2']);
  assert.equal(r1.rank, 1);
  assert.equal(r2.total, '400.00');
  assert.equal(r2.rank, 2);

  // the decision: A the award (561.25 ≥ 500), B a nomination (400 ≥ 300): 800,000 yuan of 1,000,000
  expectStatus(await step(office, 'award_rounds', round.id, 'decide', { decision_no: 'X' }), 403, 'the director decides');
  await stepOk(director, 'award_rounds', round.id, 'decide', { decision_no: `包府质奖〔${YEAR}〕1号` });
  a = await row(office, 'award_applications', A.id);
  assert.equal(a.level, 'award');
  assert.equal(a.prize_fen, 60000000);
  assert.equal((await row(office, 'award_applications', B.id)).prize_fen, 20000000);
  const r = await row(office, 'award_rounds', round.id);
  assert.equal(r.allocated_fen, 80000000);
  assert.match(r.allocation_note, /未超出预算 1,000,000\.00 元/, 'yuan with thousands separators');

  // the public notice: on the portal, the same scores
  expectStatus(await get(`/public/award_notice?year=${YEAR}`), 404, 'not before the notice');
  await stepOk(office, 'award_rounds', round.id, 'publish');
  const pub = await get(`/public/award_notice?year=${YEAR}`);
  expectStatus(pub, 200);
  assert.equal(pub.body.rows[0].total, '561.25');
  assert.equal(pub.body.rows[0].categories['4.1'], '71.75');
  assert.equal(pub.body.rows[0].experts, undefined, 'no expert\'s name on the portal');
  const notices = await get('/public/notices');
  assert.ok(notices.body.items.some((n) => n.link === `award/${YEAR}`), 'listed among the portal\'s notices');
  expect422(await get('/public/award_notice?year=abc'), 'year');
  expectStatus(await step(office, 'award_rounds', round.id, 'finalize', {}), 422);
  await stepOk(office, 'award_rounds', round.id, 'finalize', { objections: '公示期内未收到异议' });
  assert.equal((await row(office, 'award_applications', A.id)).state, 'concluded');
  await stepOk(director, 'award_rounds', round.id, 'pay', { paid_on: '2026-12-20' });
  assert.equal((await row(office, 'award_rounds', round.id)).state, 'paid');
});

test('food-safety assessment: weights to 100 %, scores, a veto that fails the best score, ranking and publication', async (t) => {
  useClock(t, '2026-11-03T02:00:00Z');
  const office = await as('awardoffice');
  const director = await as('director');
  const year = await create(office, 'assess_years', { year: YEAR, title: `${YEAR}年度食品安全考核（测试）` });
  const ind = async (name, weight) => create(office, 'assess_indicators', { year_id: year.id, name, weight, method: 'evidence' });
  const i1 = await ind('抽检计划完成率', 50), i2 = await ind('处置按期完成率', 30), i3 = await ind('投诉按时办结率', 15);
  // 50 + 30 + 15 = 95 %: refused, the year stays in setup
  expect422(await step(office, 'assess_years', year.id, 'open'), 'weight', 'check');
  assert.equal((await row(office, 'assess_years', year.id)).state, 'setup');
  expect422(await post('/assess_indicators', { year_id: year.id, name: '超重', weight: 101, method: 'evidence' }, { session: office }), 'weight');
  const i3r = await row(office, 'assess_indicators', i3.id);
  expectStatus(await patch(`/assess_indicators/${i3.id}`, { weight: 20 }, i3r.version, { session: office }), 200);
  const veto = await create(office, 'assess_vetoes', { year_id: year.id, name: '发生重大食品安全事故', basis: '食品安全法第七条' });
  await stepOk(office, 'assess_years', year.id, 'open');
  // fixed once opened
  const i1r = await row(office, 'assess_indicators', i1.id);
  expect422(await patch(`/assess_indicators/${i1.id}`, { weight: 40 }, i1r.version, { session: office }), 'year_id', 'locked');

  // one record per government of the city's 9 districts, banners and county
  const govs = await listAll(office, 'assess_govs', `year_id=${year.id}`);
  assert.equal(govs.length, 9);
  const donghe = await as('donghe');
  const mine = await listAll(donghe, 'assess_govs', `year_id=${year.id}`);
  assert.equal(mine.length, 1, 'a district officer sees their own government only');
  await stepOk(donghe, 'assess_govs', mine[0].id, 'submit', { self_report: '东河区自查报告' });

  // scores: government k scores 60 + 4k on every indicator → total 60 + 4k; the best (k = 8) is vetoed
  const byCode = new Map();
  for (const g of govs) byCode.set(dbQuery(`SELECT code FROM jurisdictions WHERE id = ${g.jurisdiction_id}`), g);
  const codes = [...byCode.keys()].sort();
  for (const [k, code] of codes.entries()) {
    const g = byCode.get(code);
    for (const i of [i1, i2, i3]) await create(office, 'assess_scores', { gov_id: g.id, indicator_id: i.id, score: 60 + 4 * k });
  }
  expect422(await post('/assess_scores', { gov_id: govs[0].id, indicator_id: i1.id, score: 101 }, { session: office }), 'score');
  const best = byCode.get(codes[8]);
  await create(office, 'assess_findings', { gov_id: best.id, veto_id: veto.id, found_on: '2026-08-01', grounds: '辖区内发生重大食品安全事故' });
  await stepOk(office, 'assess_years', year.id, 'close_self');
  expectStatus(await step(office, 'assess_years', year.id, 'rank'), 409, 'not all reviewed');
  for (const g of govs) {
    const cur = await row(office, 'assess_govs', g.id);
    if (cur.state === 'pending') await stepOk(office, 'assess_govs', g.id, 'submit', { self_report: '自查报告' });
    await stepOk(office, 'assess_govs', g.id, 'review', { review_note: '审核完毕' });
  }
  await stepOk(office, 'assess_years', year.id, 'rank');
  const rk = await get(`/assess_years/${year.id}/actions/ranking`, { session: office });
  expectStatus(rk, 200);
  const rows = rk.body.rows;
  // 60 + 4 × 7 = 88.00 ranks first (good); 92.00 vetoed ranks last and fails
  assert.equal(rows[0].code, codes[7]);
  assert.equal(rows[0].total, '88.00');
  assert.equal(rows[0].result, 'good');
  assert.equal(rows[8].code, codes[8]);
  assert.equal(rows[8].total, '92.00');
  assert.equal(rows[8].vetoed, true);
  assert.equal(rows[8].result, 'vetoed');
  assert.equal(rows[8].rank, 9);
  assert.match(rows[8].veto_grounds, /重大食品安全事故/);
  assert.equal(rows.find((x) => x.code === codes[0]).result, 'pass', '60.00');
  expectStatus(await step(office, 'assess_years', year.id, 'publish'), 403, 'the director publishes');
  await stepOk(director, 'assess_years', year.id, 'publish');
  const pub = await get(`/public/assessment_ranking?year=${YEAR}`);
  expectStatus(pub, 200);
  assert.equal(pub.body.rows[8].result, 'vetoed');
  assert.equal(pub.body.rows[0].total, '88.00');
});

test('the demo: a finished round with prizes within its budget and a vetoed government', async () => {
  const s = await as('director');
  const rounds = await listAll(s, 'award_rounds', 'year=2025');
  assert.equal(rounds.length, 1);
  assert.equal(rounds[0].state, 'paid');
  assert.ok(rounds[0].allocated_fen <= rounds[0].budget_fen);
  const rk = await get(`/award_rounds/${rounds[0].id}/actions/ranking`, { session: s });
  assert.equal(rk.body.rows.length, 12);
  const pub = await get('/public/assessment_ranking?year=2025');
  expectStatus(pub, 200);
  assert.equal(pub.body.rows.length, 9);
  assert.equal(pub.body.rows.filter((r) => r.vetoed).length, 1);
});

test('assessment indicators by formula: computed from the sampling, disposal and complaint records of each government\'s area', async (t) => {
  useClock(t, '2026-11-20T02:00:00Z'); // 2026-11-20 in Baotou
  const office = await as('awardoffice');
  const year = await create(office, 'assess_years', { year: 2026, title: '2026年度食品安全考核（公式测试）' });
  expect422(await post('/assess_indicators', { year_id: year.id, name: '无公式', weight: 10, method: 'formula' }, { session: office }), 'formula', 'required');
  const f = {}
  for (const [formula, weight] of [['sampling_completion', 40], ['disposal_on_time', 30], ['complaints_on_time', 30]]) {
    f[formula] = await create(office, 'assess_indicators', { year_id: year.id, name: formula, weight, method: 'formula', formula });
  }
  expectStatus(await post(`/assess_years/${year.id}/actions/compute`, {}, { session: office }), 409, 'not before the year is opened');
  await stepOk(office, 'assess_years', year.id, 'open');
  const r = await post(`/assess_years/${year.id}/actions/compute`, {}, { session: office });
  expectStatus(r, 200, 'computed');
  assert.match(r.body.summary.zh, /已按系统数据计算 \d+ 项指标得分/);
  // the oracle, from the records themselves
  const beijing = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 10);
  const rate = (rows) => {
    let met = 0, counted = 0;
    for (const [due, closed] of rows) {
      if (closed) { counted++; if (beijing(closed) <= due) met++ } else if (due < '2026-11-20') counted++;
    }
    return [met, counted];
  };
  const deadlines = (entity, kinds, path) => dbQuery(`SELECT d.due || '|' || COALESCE(d.closed_at, '') FROM deadlines d JOIN ${entity} t ON CAST(t.id AS TEXT) = d.entity_id JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE d.entity = '${entity}' AND d.kind IN (${kinds}) AND substr(d.due, 1, 4) = '2026' AND j.path LIKE '${path}%' AND t.deleted = 0`)
    .split('\n').filter(Boolean).map((l) => l.split('|'));
  const score = ([num, den]) => (den ? Math.floor((num * 200 + den) / (den * 2)) : null);
  const govs = await listAll(office, 'assess_govs', `year_id=${year.id}`);
  assert.equal(govs.length, 9);
  let seen = 0;
  for (const g of govs) {
    const path = dbQuery(`SELECT path FROM jurisdictions WHERE id = ${g.jurisdiction_id}`);
    const planned = +dbQuery(`SELECT COALESCE(SUM(i.batches), 0) FROM plan_items i JOIN food_plans p ON p.id = i.plan_id JOIN jurisdictions j ON j.id = i.jurisdiction_id WHERE p.year = 2026 AND p.state IN ('approved', 'closed') AND p.deleted = 0 AND i.deleted = 0 AND j.path LIKE '${path}%'`);
    const taken = +dbQuery(`SELECT COUNT(*) FROM samples s JOIN food_plans p ON p.id = s.plan_id JOIN jurisdictions j ON j.id = s.jurisdiction_id WHERE p.year = 2026 AND p.state IN ('approved', 'closed') AND s.deleted = 0 AND s.state <> 'cancelled' AND j.path LIKE '${path}%'`);
    const want = {
      sampling_completion: score([Math.min(taken, planned), planned]),
      disposal_on_time: score(rate(deadlines('disposals', "'disposal_due'", path))),
      complaints_on_time: score(rate(deadlines('complaints', "'accept', 'mediation', 'handle', 'reply'", path))),
    };
    const got = await listAll(office, 'assess_scores', `gov_id=${g.id}`);
    for (const [formula, ind] of Object.entries(f)) {
      const s = got.find((x) => x.indicator_id === ind.id);
      if (want[formula] === null) assert.equal(s, undefined, `${g.gov_name} ${formula}: nothing to count, not scored`);
      else {
        assert.equal(s?.score, want[formula], `${g.gov_name} ${formula}`);
        assert.match(s.evidence, /按系统数据计算/);
        seen++;
      }
    }
  }
  assert.ok(seen >= 3, `scores computed for the demo's data (${seen})`);
  // a second run updates, it does not add
  const before = dbQuery(`SELECT COUNT(*) FROM as_scores s JOIN as_govs g ON g.id = s.gov_id WHERE g.year_id = ${year.id} AND s.deleted = 0`);
  expectStatus(await post(`/assess_years/${year.id}/actions/compute`, {}, { session: office }), 200);
  assert.equal(dbQuery(`SELECT COUNT(*) FROM as_scores s JOIN as_govs g ON g.id = s.gov_id WHERE g.year_id = ${year.id} AND s.deleted = 0`), before);
});
