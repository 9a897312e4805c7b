// 46-todo.test.mjs — dashboards by role and the bell (issue 14 §4, §10).
// "My to-do" is computed from the workflow declarations: the records in the
// states the steps a user may take leave, within the scope of each step's
// permission (steps marked aside, from any state or in place excepted). The
// expected lists below are computed the same way straight from the database
// and /meta, for two areas (enforcement cases and complaints; food
// disposals) and several roles (handler, director, legal reviewer, two
// district officers), and compared exactly. Then: oldest deadline first; a
// record moving from the handler's list to the director's when filing is
// proposed; widgets by role (leaders' KPIs, no table counts); notifications
// derived from the to-do, read and unread per user, written through the
// core and audited.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, expectStatus, tag, dbQuery, clockNow } from './lib.mjs';
import { as, stepOk, create, useClock } from './lib-modules.mjs';

const T = tag('TD');

async function todo(user) {
  const r = await get('/todo?limit=200', { session: await as(user) });
  expectStatus(r, 200, `to-do of ${user}`);
  assert.equal(r.body.more, false, `${user}: the whole to-do fits one answer`);
  assert.ok(r.body.items.length <= r.body.total);
  return r.body.items;
}

/** The ids of `entity` this user may act on, computed from /meta's workflow and the database. */
async function expected(user, entity) {
  const s = await as(user);
  const meta = (await get('/meta', { session: s })).body.entities.find((e) => e.name === entity);
  if (!meta) return [];
  const path = dbQuery(`SELECT path FROM jurisdictions WHERE id = ${s.user.jurisdiction_id}`);
  const ors = [];
  for (const t of meta.workflow.transitions) {
    const scopes = s.user.perms[t.perm];
    if (!scopes || t.aside || t.any_state || t.to === '=') continue;
    const states = t.from.map((x) => `'${x}'`).join(',');
    let cond;
    if (scopes.includes('all')) cond = '1 = 1';
    else if (scopes.includes('juris')) cond = `jurisdiction_id IN (SELECT id FROM jurisdictions WHERE path LIKE '${path}%')`;
    else throw new Error(`${user} ${t.perm}: scope ${scopes} not covered by this test`);
    ors.push(`(state IN (${states}) AND ${cond})`);
  }
  if (!ors.length) return [];
  const out = dbQuery(`SELECT id FROM ${entity} WHERE deleted = 0 AND (${ors.join(' OR ')}) ORDER BY id`);
  return out ? out.split('\n').map(Number) : [];
}

const idsOf = (items, entity) => items.filter((i) => i.entity === entity).map((i) => i.id).sort((a, b) => a - b);

function assertOrdered(items, who) {
  let seenNull = false, last = '';
  for (const it of items) {
    const due = it.deadline && it.deadline.due;
    if (!due) { seenNull = true; continue; }
    assert.ok(!seenNull, `${who}: a record with a deadline after one without (${it.entity} ${it.id})`);
    assert.ok(due >= last, `${who}: ${it.entity} ${it.id} due ${due} after ${last}`);
    last = due;
  }
}

test('the to-do lists exactly the records each role can act on, in two areas, oldest deadline first', async () => {
  const cases = [['handler', ['cases', 'complaints']], ['director', ['cases']], ['legal', ['cases']],
    ['donghe', ['disposals']], ['kundulun', ['disposals']]];
  for (const [user, entities] of cases) {
    const items = await todo(user);
    for (const e of entities) assert.deepEqual(idsOf(items, e), await expected(user, e), `${user}: ${e} on the to-do`);
    assertOrdered(items, user);
    for (const it of items) {
      assert.ok(it.number, `${user}: ${it.entity} ${it.id} has a number or title`);
      assert.ok(it.actions.length > 0 && it.actions.every((a) => a.label.zh && a.label.en), `${user}: actions labelled`);
      assert.ok(it.state_label && it.state_label.zh, `${user}: state labelled`);
      assert.ok(!/[a-z]+_[a-z]+/.test(it.actions.map((a) => a.label.zh).join('')), 'labels, not codes');
    }
  }
  // not vacuous: the legal reviewer waits on legal review, the district officers on disposals
  assert.ok((await expected('legal', 'cases')).length > 0, 'a case awaits legal review in the demo');
  assert.ok((await expected('donghe', 'disposals')).length > 0, 'a disposal awaits 东河区');
  const legal = await todo('legal');
  assert.ok(legal.every((i) => i.actions.some((a) => a.name === 'review_pass')), 'the legal reviewer: 审核通过 on every item');
});

test('a district officer does not see another district\'s disposals', async () => {
  const dh = await todo('donghe'), kd = await todo('kundulun');
  const dhIds = idsOf(dh, 'disposals'), kdIds = idsOf(kd, 'disposals');
  assert.ok(dhIds.length > 0 && kdIds.length > 0, 'both districts have disposals to act on');
  assert.equal(dhIds.filter((id) => kdIds.includes(id)).length, 0, 'no disposal on both lists');
  assert.ok(dh.every((i) => i.jurisdiction && i.jurisdiction.zh === '东河区'), 'donghe: only 东河区');
  assert.ok(kd.every((i) => i.jurisdiction && i.jurisdiction.zh === '昆都仑区'), 'kundulun: only 昆都仑区');
  // the disposals of other districts are there to be missed
  const others = +dbQuery("SELECT COUNT(*) FROM disposals d JOIN jurisdictions j ON j.id = d.jurisdiction_id WHERE d.deleted = 0"
    + " AND d.state IN ('opened', 'controlling', 'rectifying') AND j.code <> '150202'");
  assert.ok(others > 0);
});

let moved = null;
test('a proposed filing leaves the handler\'s to-do for the director\'s, with the step as its action', async () => {
  const h = await as('handler');
  const today = clockNow().toISOString().slice(0, 10);
  const kdl = (await get('/jurisdictions?code=150203', { session: h })).body.items[0].id;
  const c = await create(h, 'cases', {
    title: `${T}某商行销售过期食品案`, kind: 'food', source: 'inspection', received_on: today, jurisdiction_id: kdl,
    party_name: `${T}包头市某商行`, party_type: 'legal', summary: '监督检查发现涉嫌违法',
  }, 'clue');
  moved = c.id;
  let mine = (await todo('handler')).find((i) => i.entity === 'cases' && i.id === c.id);
  assert.ok(mine, 'the new clue is on the handler\'s to-do');
  assert.deepEqual(mine.actions.map((a) => a.name), ['request_filing']);
  assert.equal(mine.number, `${T}某商行销售过期食品案`, 'a clue without a case number shows its title');
  assert.ok(!(await todo('director')).some((i) => i.entity === 'cases' && i.id === c.id), 'not the director\'s yet');
  // the handler's bell shows it as assigned, before the step
  const nb = await get('/notifications?limit=200', { session: h });
  expectStatus(nb, 200);
  assert.ok(nb.body.items.some((n) => n.entity === 'cases' && n.entity_id === c.id && n.kind === 'assigned' && n.active && !n.read));
  await stepOk(h, 'cases', c.id, 'request_filing', { cause: '涉嫌销售超过保质期的食品', filing_opinion: '建议立案' });
  assert.ok(!(await todo('handler')).some((i) => i.entity === 'cases' && i.id === c.id), 'gone from the handler\'s list');
  const d = (await todo('director')).find((i) => i.entity === 'cases' && i.id === c.id);
  assert.ok(d, 'on the director\'s list');
  assert.deepEqual(d.actions.map((a) => a.label.zh), ['批准立案'], 'not filing is an aside: the step awaited is 批准立案');
  assert.equal(d.state_label.zh, '立案审批');
  const after = await get('/notifications?limit=200', { session: h });
  const old = after.body.items.find((n) => n.entity === 'cases' && n.entity_id === c.id && n.kind === 'assigned');
  assert.equal(old.active, false, 'the handler\'s notice no longer counts once the step is taken');
});

test('widgets by role: leaders see the KPIs, a district officer their district, no table counts', async () => {
  const ids = async (user) => {
    const r = await get('/dashboard', { session: await as(user) });
    expectStatus(r, 200, `dashboard of ${user}`);
    assert.equal(r.body.counts, undefined, 'no wall of table counts');
    assert.ok(Array.isArray(r.body.todo.items));
    return r.body;
  };
  const dir = await ids('director');
  const wid = dir.widgets.map((w) => w.id);
  assert.ok(wid.includes('food_kpi') && wid.includes('cases_kpi'), `director: ${wid}`);
  const year = clockNow().toISOString().slice(0, 4);
  const kpi = dir.widgets.find((w) => w.id === 'cases_kpi');
  const fines = kpi.items.find((i) => i.key === 'fines');
  assert.equal(fines.fen, +dbQuery(`SELECT COALESCE(SUM(paid_fen), 0) FROM cases WHERE deleted = 0 AND substr(paid_on, 1, 4) = '${year}'`),
    'fines collected this year, in fen');
  const closed = kpi.items.find((i) => i.key === 'cases_on_time');
  assert.equal(closed.of, +dbQuery(`SELECT COUNT(*) FROM cases WHERE deleted = 0 AND state = 'closed' AND substr(closed_on, 1, 4) = '${year}'`));
  assert.ok(closed.done <= closed.of);
  const fk = dir.widgets.find((w) => w.id === 'food_kpi');
  const fail = fk.items.find((i) => i.key === 'failure_rate');
  assert.equal(fail.of, +dbQuery(`SELECT COUNT(*) FROM samples WHERE deleted = 0 AND final_conclusion IN ('pass', 'fail') AND substr(sampled_on, 1, 4) = '${year}'`));
  assert.equal(fk.trend.points.reduce((n, p) => n + p.tested, 0), fail.of, 'the trend adds up to the year');
  const dh = await ids('donghe');
  assert.equal(dh.place.name.zh, '东河区', 'the district officer\'s place');
  const dhw = dh.widgets.map((w) => w.id);
  assert.ok(!dhw.includes('food_kpi') && !dhw.includes('cases_kpi'), `donghe: no leaders' KPIs (${dhw})`);
  const failed = dh.widgets.find((w) => w.id === 'food_failed_by_category_district');
  assert.ok(failed && failed.rows.every((r) => r.district === '东河区'), 'donghe: failures of the district only');
  const smp = await ids('sampler');
  assert.deepEqual(smp.widgets.map((w) => w.id).filter((x) => /kpi|disposals|failed/.test(x)), [], 'the sampler: none of these');
});

test('notifications: derived from the to-do and its deadlines, read and unread per user, audited', async (t) => {
  // the day after the handler's nearest deadline: one overdue at least
  const dues = (await todo('handler')).map((i) => i.deadline && i.deadline.due).filter(Boolean).sort();
  assert.ok(dues.length > 0, 'the handler has deadlines running');
  const next = new Date(`${dues[0]}T02:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  if (next > clockNow()) useClock(t, next.toISOString());
  const h = await as('handler'), d = await as('director'), l = await as('legal');
  const items = await todo('handler');
  const bell = await get('/notifications?limit=200', { session: h });
  expectStatus(bell, 200);
  const has = (kind, it) => bell.body.items.some((n) => n.kind === kind && n.entity === it.entity && n.entity_id === it.id && n.active);
  for (const it of items) {
    assert.ok(has('assigned', it), `assigned: ${it.entity} ${it.id}`);
    if (it.deadline && it.deadline.overdue) assert.ok(has('overdue', it), `overdue: ${it.entity} ${it.id}`);
    else if (it.deadline && it.deadline.workdays_left <= 3) assert.ok(has('due_soon', it), `due soon: ${it.entity} ${it.id}`);
    else assert.ok(!has('due_soon', it) && !has('overdue', it), `no deadline notice: ${it.entity} ${it.id}`);
  }
  assert.ok(items.some((i) => i.deadline && i.deadline.overdue), 'an overdue clock');
  // reading twice writes nothing new
  const n1 = +dbQuery(`SELECT COUNT(*) FROM notifications WHERE user_id = ${h.user.id}`);
  await get('/notifications', { session: h });
  assert.equal(+dbQuery(`SELECT COUNT(*) FROM notifications WHERE user_id = ${h.user.id}`), n1, 'each event noticed once');
  // the director's notices: one read, the others unread; nobody else may mark them
  const dn = await get('/notifications?unread=true&limit=200', { session: d });
  expectStatus(dn, 200);
  assert.ok(dn.body.unread >= 2 && dn.body.items.length === dn.body.unread, `director unread ${dn.body.unread}`);
  const first = dn.body.items.find((n) => n.entity === 'cases' && n.entity_id === moved) ?? dn.body.items[0];
  assert.ok(first.action.zh && first.kind_label.zh && first.entity_label.zh);
  const legalBefore = (await get('/notifications', { session: l })).body.unread;
  expectStatus(await post(`/notifications/${first.id}/read`, {}, { session: h }), 404, 'another user\'s notification');
  const r1 = await post(`/notifications/${first.id}/read`, {}, { session: d });
  expectStatus(r1, 200);
  assert.equal(r1.body.marked, 1);
  assert.equal(r1.body.unread, dn.body.unread - 1);
  const again = await post(`/notifications/${first.id}/read`, {}, { session: d });
  expectStatus(again, 200);
  assert.equal(again.body.marked, 0, 'read once');
  const list = (await get('/notifications?limit=200', { session: d })).body;
  assert.equal(list.items.find((n) => n.id === first.id).read, true);
  assert.equal(list.unread, dn.body.unread - 1);
  assert.equal((await get('/notifications', { session: l })).body.unread, legalBefore, 'the legal reviewer\'s count is theirs');
  const all = await post('/notifications/read', {}, { session: d });
  expectStatus(all, 200);
  assert.equal(all.body.unread, 0);
  assert.equal((await get('/notifications?unread=true', { session: d })).body.items.length, 0);
  assert.ok((await get('/notifications', { session: l })).body.unread >= 1, 'the legal reviewer still has theirs unread');
  // every mark is a write through the core: versioned and audited
  assert.ok(+dbQuery(`SELECT COUNT(*) FROM audit_log WHERE entity = 'notifications' AND action = 'read' AND username = 'director'`) >= dn.body.unread);
  assert.ok(+dbQuery(`SELECT COUNT(*) FROM audit_log WHERE entity = 'notifications' AND action = 'create' AND username = 'handler'`) >= n1);
  assert.equal(dbQuery(`SELECT version FROM notifications WHERE id = ${first.id}`), '2');
});

test('bad parameters of the to-do and the bell are 400s naming them; a bad id is a 404', async () => {
  const s = await as('handler');
  for (const q of ['limit=0', 'limit=201', 'limit=x']) {
    const r = await get(`/todo?${q}`, { session: s });
    expectStatus(r, 400, q);
    assert.match(r.body.detail, /limit/);
  }
  expectStatus(await get('/notifications?unread=maybe', { session: s }), 400);
  expectStatus(await get('/notifications?limit=-1', { session: s }), 400);
  expectStatus(await get('/dashboard?only=counts', { session: s }), 400);
  expectStatus(await post('/notifications/abc/read', {}, { session: s }), 404);
  expectStatus(await post('/notifications/999999999/read', {}, { session: s }), 404);
  expectStatus(await get('/todo'), 401);
});
