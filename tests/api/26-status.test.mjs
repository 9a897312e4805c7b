// 26-status.test.mjs — status everywhere (issue 14 §1): a list's tabs count
// the rows of the same filters and scope per workflow state and those with an
// open deadline past due (GET /{entity}/count?group=state, ?overdue=true);
// every page of a list carries the nearest open deadline of its rows as a
// countdown the server counts on the one calendar (working days for a
// working-day period: a complaint's 7 working days, 市场监督管理投诉举报处理
// 暂行办法第十五条); /meta says which columns a list shows first.
// On two areas: complaints (cases) and samples (food).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, expectStatus, tag, dbQuery } from './lib.mjs';
import { useClock, as } from './lib-modules.mjs';

const T = tag('ST');
const ctx = {};

test('a complaint counts down in working days, is counted per state and, past due, as overdue', async (t) => {
  useClock(t, '2025-03-03T02:00:00Z'); // Mon 2025-03-03, 10:00 Beijing
  const ok = await post('/public/complaints', {
    kind: 'complaint', complainant_name: '李四', complainant_phone: '13904721111', complainant_address: '青山区幸福路1号',
    respondent_name: `${T}某店`, respondent_address: '昆都仑区钢铁大街1号', jurisdiction_code: '150203', goods_or_service: '牛奶',
    incident_on: '2025-03-01', facts: '买到过期食品', request: '退款',
  });
  expectStatus(ok, 201, 'public complaint');
  const handler = await as('handler');
  const q = `q=${encodeURIComponent(T)}`;
  const l = await get(`/complaints?${q}`, { session: handler });
  expectStatus(l, 200, 'list');
  assert.equal(l.body.items.length, 1);
  const id = l.body.items[0].id;
  ctx.id = id;
  const open = dbQuery(`SELECT kind, due, unit FROM deadlines WHERE entity = 'complaints' AND entity_id = '${id}' AND closed_at IS NULL ORDER BY due, id`)
    .split('\n').filter(Boolean).map((x) => { const [kind, due, unit] = x.split('|'); return { kind, due, unit }; });
  assert.ok(open.length >= 1, 'receipt opens a deadline');
  const d = l.body.deadlines && l.body.deadlines[String(id)];
  assert.ok(d, `the page carries the row's deadline: ${JSON.stringify(l.body.deadlines)}`);
  assert.equal(d.kind, open[0].kind);
  assert.equal(d.due, open[0].due);
  assert.equal(d.overdue, false);
  // 2025-03-03 → due: March 2025 has no holiday, so the working days left are the weekdays in (03-03, due]
  let wd = 0;
  for (let x = new Date('2025-03-04T00:00:00Z'); x <= new Date(`${d.due}T00:00:00Z`); x.setUTCDate(x.getUTCDate() + 1)) if (x.getUTCDay() % 6) wd++;
  if (Number(open[0].unit) === 2) {
    assert.equal(d.unit, 'working_days');
    assert.equal(d.left, wd, 'working days left, counted by the server');
  }

  const c = await get(`/complaints/count?${q}&group=state`, { session: handler });
  expectStatus(c, 200, 'count by state');
  assert.equal(c.body.count, 1);
  assert.deepEqual(c.body.states, { [l.body.items[0].state]: 1 });
  assert.equal(c.body.overdue, 0);
  // a plain count stays as it was
  assert.deepEqual((await get(`/complaints/count?${q}`, { session: handler })).body, { count: 1 });
  // scope: another district's handler counts none of it
  const dh = await get(`/complaints/count?${q}&group=state`, { session: await as('donghe') });
  if (dh.status === 200) assert.deepEqual([dh.body.count, dh.body.overdue, dh.body.states], [0, 0, {}]);

  // ten days after the due day: overdue in calendar days, in the tab and its count
  const after = new Date(`${d.due}T04:00:00Z`);
  after.setUTCDate(after.getUTCDate() + 10);
  useClock(t, after.toISOString());
  const h2 = await as('handler');
  const l2 = await get(`/complaints?${q}&overdue=true`, { session: h2 });
  expectStatus(l2, 200, 'overdue list');
  assert.deepEqual(l2.body.items.map((r) => r.id), [id]);
  assert.deepEqual(l2.body.deadlines[String(id)], { kind: d.kind, due: d.due, left: 10, unit: 'days', overdue: true });
  const c2 = await get(`/complaints/count?${q}&group=state`, { session: h2 });
  assert.equal(c2.body.overdue, 1);
  assert.equal((await get(`/complaints/count?${q}&overdue=true`, { session: h2 })).body.count, 1);
  assert.equal((await get(`/complaints?${q}&overdue=false`, { session: h2 })).body.items.length, 1);
});

test('bad tab parameters are 400s naming the parameter', async () => {
  const s = await as('handler');
  const g = await get('/complaints/count?group=kind', { session: s });
  expectStatus(g, 400, 'group by a field');
  assert.equal(g.body.errors[0].field, 'group');
  const o = await get('/complaints?overdue=yes', { session: s });
  expectStatus(o, 400, 'overdue=yes');
  assert.equal(o.body.errors[0].field, 'overdue');
});

test('food samples: the states add up to the count, and /meta puts state and verdict first', async () => {
  const s = await as('director');
  const c = await get('/samples/count?group=state', { session: s });
  expectStatus(c, 200, 'samples by state');
  const sum = Object.values(c.body.states).reduce((a, b) => a + b, 0);
  assert.equal(sum, c.body.count);
  assert.equal(typeof c.body.overdue, 'number');
  for (const [st, n] of Object.entries(c.body.states)) {
    const one = await get(`/samples/count?state=${st}`, { session: s });
    assert.equal(one.body.count, n, `state ${st}`);
  }
  const l = await get('/samples?limit=50', { session: s });
  assert.equal(typeof l.body.deadlines, 'object', 'a page of a workflow list carries its deadlines');
  const meta = await get('/meta', { session: s });
  const em = (n) => meta.body.entities.find((e) => e.name === n);
  for (const [n, want] of [['samples', ['state', 'conclusion', 'deadline', 'jurisdiction_id']], ['complaints', ['state', 'deadline', 'jurisdiction_id']]]) {
    const first = em(n).first_columns.split(',');
    for (const w of want) assert.ok(first.includes(w), `${n} shows ${w} first`);
    for (const f of first) assert.ok(['state', 'deadline'].includes(f) || em(n).fields.some((x) => x.name === f), `${n}: ${f} is a field`);
  }
  assert.equal(em('enterprises').first_columns, null);
});
