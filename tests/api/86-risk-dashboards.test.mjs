// 86-risk-dashboards.test.mjs — the risk dashboards (issue 16 §7): the
// failure-rate trends per hazard with their Wilson intervals, the watch list
// at a glance and where the risk-based plan's money goes, each checked
// against counts recomputed here from the records (results, samples, watch
// entries, plan lines), in the reader's scope (a district officer: the
// district); who sees which widget; the trends' parameters and their 422s.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, expectStatus, tag, dbQuery } from './lib.mjs';
import { useClock, as, stepOk, expect422, create } from './lib-modules.mjs';

const T = tag('RD');
const rows = (sql) => dbQuery(sql).split('\n').filter(Boolean).map((l) => l.split('|'));

async function widgets(user) {
  const r = await get('/dashboard', { session: await as(user) });
  expectStatus(r, 200, `dashboard of ${user}`);
  return Object.fromEntries(r.body.widgets.map((w) => [w.id, w]));
}

// The Wilson score interval (1927) at z = 1.96, computed independently of stats.c.
function wilson(k, n) {
  const z = 1.96, p = k / n, d = 1 + (z * z) / n;
  const mid = (p + (z * z) / (2 * n)) / d, half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

// The jurisdictions under a user's (their own and below), or null for everyone.
function districtIds(code) {
  const path = dbQuery(`SELECT path FROM jurisdictions WHERE code = '${code}' AND deleted = 0`);
  return new Set(rows(`SELECT id FROM jurisdictions WHERE path LIKE '${path}%'`).map((r) => Number(r[0])));
}

// Per hazard and month: samples tested for it and samples failing it, from the item results.
function expectedTrends(from, to, by, inScope) {
  const key = by === 'analyte' ? 'a.code' : 'a.kind';
  const res = rows(`SELECT s.id, ${key}, substr(s.sampled_on, 1, 7), COALESCE(r.decided_verdict, r.verdict), s.jurisdiction_id
    FROM results r JOIN samples s ON s.id = r.sample_id JOIN food_analytes a ON a.id = r.analyte_id
    WHERE r.deleted = 0 AND s.deleted = 0 AND s.final_conclusion IN ('pass', 'fail') AND s.sampled_on >= '${from}' AND s.sampled_on <= '${to}'`);
  const tested = new Map(); // hazard|month|sample → failed?
  for (const [sid, hz, mon, verdict, jid] of res) {
    if (inScope && !inScope.has(Number(jid))) continue;
    const k = `${hz}|${mon}|${sid}`;
    tested.set(k, tested.get(k) || verdict === 'fail');
  }
  const by_ = new Map();
  for (const [k, failed] of tested) {
    const [hz, mon] = k.split('|');
    const h = by_.get(hz) || { code: hz, n: 0, k: 0, months: new Map() };
    h.n++, h.k += failed ? 1 : 0;
    const m = h.months.get(mon) || { n: 0, k: 0 };
    m.n++, m.k += failed ? 1 : 0;
    h.months.set(mon, m);
    by_.set(hz, h);
  }
  return [...by_.values()].sort((a, b) => b.k - a.k || b.n - a.n || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function checkSeries(w, expected, minCell, quarter = false) {
  for (const s of w.series) {
    const e = expected.find((x) => x.code === s.code) || { n: 0, k: 0, months: new Map() };
    assert.equal(s.n, e.n, `${s.code}: samples tested`);
    assert.equal(s.k, e.k, `${s.code}: samples failing`);
    assert.ok(s.label.zh && s.label.en && s.label.zh !== s.code, `${s.code} is labelled, not a code`);
    assert.equal(s.points.length, w.periods.length);
    for (const p of s.points) {
      let n = 0, k = 0;
      for (const [mon, m] of e.months) {
        const [y, mm] = mon.split('-').map(Number);
        const name = quarter ? `${y}-Q${Math.floor((mm - 1) / 3) + 1}` : mon;
        if (name === p.period) n += m.n, k += m.k;
      }
      assert.equal(p.n, n, `${s.code} ${p.period}: n`);
      assert.equal(p.k, k, `${s.code} ${p.period}: k`);
      if (n < minCell) {
        assert.equal(p.rate_pm, undefined, `${s.code} ${p.period}: ${n} samples is under the minimum, no rate`);
        continue;
      }
      assert.equal(p.rate_pm, Math.floor((2000 * k + n) / (2 * n)), `${s.code} ${p.period}: rate per mille`);
      const [lo, hi] = wilson(k, n);
      assert.ok(Math.abs(p.lo_pm - lo * 1000) <= 0.5 + 1e-9, `${s.code} ${p.period}: lower bound ${p.lo_pm} vs ${lo * 1000}`);
      assert.ok(Math.abs(p.hi_pm - hi * 1000) <= 0.5 + 1e-9, `${s.code} ${p.period}: upper bound ${p.hi_pm} vs ${hi * 1000}`);
      assert.ok(p.lo_pm <= p.rate_pm && p.rate_pm <= p.hi_pm);
    }
  }
}

test('trends per hazard: the top three by failures, per month over 24 months, against the results; a district its own', async (t) => {
  useClock(t, '2026-11-29T14:00:00Z');
  const minCell = Number(dbQuery("SELECT value FROM risk_params WHERE code = 'min_cell' AND deleted = 0"));
  for (const [user, code] of [['riskanalyst', null], ['director', null], ['supervisor', null], ['donghe', '150202']]) {
    const w = (await widgets(user)).risk_hazard_trends;
    assert.ok(w, `${user} sees the trends`);
    assert.equal(w.kind, 'risk_trend');
    assert.equal(w.from, '2024-12-01');
    assert.equal(w.to, '2026-11-29');
    assert.equal(w.periods.length, 24);
    assert.equal(w.periods[0], '2024-12');
    assert.equal(w.periods[23], '2026-11');
    assert.equal(w.min_cell, minCell);
    const scope = code ? districtIds(code) : null;
    const exp = expectedTrends(w.from, w.to, 'group', scope);
    const top = exp.filter((h) => h.k > 0).slice(0, 3).map((h) => h.code);
    assert.deepEqual(w.series.map((s) => s.code), top, `${user}: the three hazards with most failing samples`);
    assert.ok(top.length > 0, `${user}: the demo has failures`);
    assert.deepEqual(w.hazards.map((h) => h.code), exp.map((h) => h.code), `${user}: every hazard tested, ranked`);
    checkSeries(w, exp, minCell);
  }
});

test('trends on request: chosen hazards, test items, quarters; 422s naming the parameter', async (t) => {
  useClock(t, '2026-11-29T14:05:00Z');
  const ra = await as('riskanalyst');
  const minCell = Number(dbQuery("SELECT value FROM risk_params WHERE code = 'min_cell' AND deleted = 0"));
  const r = await get('/risk_signals/actions/trends?by=analyte&period=quarter&top=5', { session: ra });
  expectStatus(r, 200);
  assert.equal(r.body.periods.length, 8);
  assert.equal(r.body.periods[7], '2026-Q4');
  assert.equal(r.body.from, '2025-01-01');
  const exp = expectedTrends(r.body.from, r.body.to, 'analyte', null);
  assert.deepEqual(r.body.series.map((s) => s.code), exp.filter((h) => h.k > 0).slice(0, 5).map((h) => h.code));
  checkSeries(r.body, exp, minCell, true);
  // chosen, in the order chosen; one never tested in the window has an empty series, labelled
  const r2 = await get('/risk_signals/actions/trends?hazards=microbe,prohibited,quality', { session: ra });
  expectStatus(r2, 200);
  assert.deepEqual(r2.body.series.map((s) => s.code), ['microbe', 'prohibited', 'quality']);
  checkSeries(r2.body, expectedTrends(r2.body.from, r2.body.to, 'group', null), minCell);
  expect422(await get('/risk_signals/actions/trends?period=week', { session: ra }), 'period');
  expect422(await get('/risk_signals/actions/trends?top=0', { session: ra }), 'top');
  expect422(await get('/risk_signals/actions/trends?top=9', { session: ra }), 'top');
  expect422(await get('/risk_signals/actions/trends?by=brand', { session: ra }), 'by');
  expect422(await get('/risk_signals/actions/trends?hazards=nothing_such', { session: ra }), 'hazards');
  expect422(await get('/risk_signals/actions/trends?hazards=a,b,c,d,e,f,g,h,i', { session: ra }), 'hazards');
  // a district officer's trends are the district's
  const don = await get('/risk_signals/actions/trends?hazards=pesticide', { session: await as('donghe') });
  expectStatus(don, 200);
  checkSeries(don.body, expectedTrends(don.body.from, don.body.to, 'group', districtIds('150202')), minCell);
  expectStatus(await get('/risk_signals/actions/trends', { session: await as('service') }), 403);
});

// The watch list recomputed from its entries and the samples since entry.
function expectedWatch(year, need, scope) {
  const es = rows(`SELECT w.id, w.state, w.entered_on, w.jurisdiction_id, COALESCE(g.kind, ''), w.enterprise_id
    FROM risk_watch w LEFT JOIN risk_signals g ON g.id = w.signal_id WHERE w.deleted = 0`)
    .filter((r) => !scope || scope.has(Number(r[3])));
  const out = { onList: 0, thisYear: 0, petitions: [], due: [], cells: new Map() };
  for (const [id, state, on, , kind, ent] of es) {
    const why = kind === '' ? 'manual' : ['recurrence', 'producer'].includes(kind) ? kind : 'other';
    out.cells.set(`${state}|${why}`, (out.cells.get(`${state}|${why}`) || 0) + 1);
    if (on >= `${year}-01-01`) out.thisYear++;
    if (state === 'released') continue;
    out.onList++;
    if (state === 'petitioned') out.petitions.push(Number(id));
    const [pass, fail] = rows(`SELECT SUM(CASE WHEN final_conclusion = 'pass' THEN 1 ELSE 0 END), SUM(CASE WHEN final_conclusion = 'fail' THEN 1 ELSE 0 END)
      FROM samples WHERE deleted = 0 AND enterprise_id = ${ent} AND sampled_on >= '${on}'`)[0].map((x) => Number(x || 0));
    if (pass >= need && fail === 0) out.due.push(Number(id));
  }
  return out;
}

function checkWatch(w, e) {
  assert.equal(w.on_list, e.onList, 'on the list');
  assert.equal(w.entered_this_year, e.thisYear, 'entered this year');
  assert.equal(w.petitions_pending, e.petitions.length, 'petitions pending');
  assert.equal(w.exit_due, e.due.length, 'meeting the exit rule, still listed');
  assert.deepEqual(w.petitions.map((x) => x.id).sort((a, b) => a - b), e.petitions.slice(0, 20).sort((a, b) => a - b));
  assert.deepEqual(w.exit_due_items.map((x) => x.id).sort((a, b) => a - b), e.due.slice(0, 20).sort((a, b) => a - b));
  for (const x of [...w.petitions, ...w.exit_due_items]) {
    assert.equal(x.entity, 'risk_watch', 'each entry links to its record');
    assert.ok(x.enterprise && x.state_label.zh && x.state_label.en);
  }
  const got = new Map(w.rows.map((r) => [`${r.state}|${r.reason}`, r.count]));
  assert.deepEqual([...got.entries()].sort(), [...e.cells.entries()].sort(), 'counts by state and reason');
  for (const r of w.rows) assert.ok(r.state_label.zh && r.reason_label.zh && r.reason_label.en, 'labelled');
}

test('watch list: counts by state and reason, entries this year, petitions pending, exits due — against the entries', async (t) => {
  useClock(t, '2026-11-29T14:10:00Z');
  const need = Number(dbQuery("SELECT value FROM risk_params WHERE code = 'watch_exit_n' AND deleted = 0"));
  const ra = await as('riskanalyst');
  const before = (await widgets('riskanalyst')).risk_watch_list;
  assert.equal(before.kind, 'risk_watch');
  checkWatch(before, expectedWatch(2026, need, null));
  // one added by hand, one petition: the figures follow
  const ent = Number(dbQuery(`SELECT e.id FROM enterprises e WHERE e.deleted = 0 AND e.id NOT IN (SELECT enterprise_id FROM risk_watch WHERE deleted = 0)
    ORDER BY e.id LIMIT 1`));
  const added = await create(ra, 'risk_watch', { enterprise_id: ent, entered_on: '2026-11-29', reason: `${T} 投诉集中，加严抽检` });
  await stepOk(await as('supervisor'), 'risk_watch', added.id, 'petition', { petition: '已完成整改，申请移出' });
  // and one whose samples since entry all conform, enough of them: it is due to leave
  const clean = Number(dbQuery(`SELECT enterprise_id FROM samples WHERE deleted = 0 AND final_conclusion IN ('pass', 'fail')
    AND enterprise_id NOT IN (SELECT enterprise_id FROM risk_watch WHERE deleted = 0) GROUP BY enterprise_id
    HAVING SUM(CASE WHEN final_conclusion = 'pass' THEN 1 ELSE 0 END) >= ${need}
    AND SUM(CASE WHEN final_conclusion = 'fail' THEN 1 ELSE 0 END) = 0 ORDER BY enterprise_id LIMIT 1`));
  const old = await create(ra, 'risk_watch', { enterprise_id: clean, entered_on: '2025-11-20', reason: `${T} 上年度多次不合格` });
  const after = (await widgets('riskanalyst')).risk_watch_list;
  const exp = expectedWatch(2026, need, null);
  checkWatch(after, exp);
  assert.equal(after.petitions_pending, before.petitions_pending + 1);
  assert.equal(after.entered_this_year, before.entered_this_year + 1, 'the entry of 2025 is not of this year');
  assert.equal(after.exit_due, before.exit_due + 1);
  const due = after.exit_due_items.find((x) => x.id === old.id);
  assert.ok(due && due.passed >= need && due.failed === 0, 'the clean entry is due to leave, with its figures');
  assert.equal(after.on_list, before.on_list + 2);
  assert.ok(after.petitions.some((x) => x.id === added.id && x.petition_on === '2026-11-29'));
  assert.ok(after.rows.some((r) => r.reason === 'manual' && r.state === 'petitioned'));
  // the director, the supervisor and a district officer (the district's entries)
  checkWatch((await widgets('director')).risk_watch_list, exp);
  checkWatch((await widgets('supervisor')).risk_watch_list, expectedWatch(2026, need, null));
  checkWatch((await widgets('donghe')).risk_watch_list, expectedWatch(2026, need, districtIds('150202')));
});

// fen as the console's yuan: thousands separators, two decimals
const yuan = (fen) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

test('the plan\'s money: the latest risk-based draft by district × category in fen and yuan, against its lines and last year\'s samples', async (t) => {
  useClock(t, '2026-11-29T14:20:00Z');
  const ra = await as('riskanalyst');
  const dir = await as('director');
  const budget = await create(dir, 'food_budgets', { code: `B-${T}`, name: `${T}风险计划经费`, year: 2027, amount: 40000000 });
  const plan = await post('/risk_costs/actions/plan', { budget: 30000000, budget_id: budget.id, year: 2027, floor_category: 1, floor_district: 1 }, { session: ra });
  expectStatus(plan, 200);
  for (const user of ['riskanalyst', 'director', 'supervisor']) {
    const w = (await widgets(user)).risk_plan_money;
    assert.ok(w, `${user} sees where the money goes`);
    assert.equal(w.kind, 'risk_money');
    assert.equal(w.plan.id, plan.body.plan_id, 'the latest risk-based draft');
    assert.equal(w.plan.entity, 'food_plans');
    assert.equal(w.plan_fen, plan.body.total, 'the plan\'s total');
    assert.equal(w.plan_yuan, yuan(plan.body.total));
    assert.equal(w.compare_year, 2026);
    // the lines, by district × category
    const lines = new Map();
    for (const [j, c, b, f] of rows(`SELECT jurisdiction_id, category_id, batches, subtotal FROM plan_items WHERE plan_id = ${plan.body.plan_id} AND deleted = 0`)) {
      const k = `${j}|${c}`, x = lines.get(k) || { b: 0, f: 0, a: 0 };
      x.b += Number(b), x.f += Number(f);
      lines.set(k, x);
    }
    // last year's spending: each sample drawn in 2026 under a plan line, at the line's cost per batch
    for (const [j, c, cost] of rows(`SELECT i.jurisdiction_id, i.category_id, i.cost_per_batch FROM samples s
      JOIN sampling_tasks k ON k.id = s.task_id JOIN plan_items i ON i.id = k.plan_item_id AND i.deleted = 0
      WHERE s.deleted = 0 AND s.state <> 'cancelled' AND s.sampled_on >= '2026-01-01' AND s.sampled_on <= '2026-12-31'`)) {
      const k = `${j}|${c}`, x = lines.get(k) || { b: 0, f: 0, a: 0 };
      x.a += Number(cost);
      lines.set(k, x);
    }
    assert.equal(w.cells.length, lines.size, 'one cell per district × category of the plan or of last year');
    let actual = 0;
    for (const c of w.cells) {
      const x = lines.get(`${c.jurisdiction_id}|${c.category_id}`);
      assert.ok(x, `cell ${c.jurisdiction_id}|${c.category_id}`);
      assert.equal(c.batches, x.b);
      assert.equal(c.plan_fen, x.f);
      assert.equal(c.actual_fen, x.a);
      assert.equal(c.plan_yuan, yuan(x.f));
      assert.equal(c.actual_yuan, yuan(x.a));
      actual += x.a;
    }
    assert.ok(actual > 0, 'the demo year has spending under the plan');
    assert.equal(w.actual_fen, actual);
    assert.equal(w.categories.reduce((a, c) => a + c.plan_fen, 0), w.plan_fen, 'the categories add up to the plan');
    assert.equal(w.districts.reduce((a, c) => a + c.actual_fen, 0), w.actual_fen, 'the districts add up to the spending');
    for (const d of [...w.categories, ...w.districts]) assert.ok(d.name.zh && d.name.en, 'named, not an id');
  }
  const don = await widgets('donghe');
  assert.equal(don.risk_plan_money, undefined, 'a district officer does not draft plans');
  assert.ok(don.risk_hazard_trends && don.risk_watch_list, 'but sees the trends and the watch list of the district');
  const other = await widgets('service');
  assert.equal(other.risk_hazard_trends, undefined);
  assert.equal(other.risk_watch_list, undefined);
});
