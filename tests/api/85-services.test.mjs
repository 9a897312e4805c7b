// 85-services.test.mjs — services to enterprises and parks (issue 18 §6–9)
// over HTTP on the test clock: a commitment published on the portal and
// frozen once public; a service request taking the commitment's time limit,
// its due day on the working-day calendar (worked by hand below across the
// 2026 National Day holiday and its make-up Saturday), accepted, answered
// on its last day and rated; a rating outside 1–5 a 422 naming `rating`;
// an overdue request escalated once by the scan, on the director's to-do
// and bell; small/micro and park marks from the enterprise register; the
// yearly report's arithmetic checked against the rows; park agreements,
// joint meetings and follow-ups with deadlines; conduct complaints (政风行风)
// and their yearly count (none in 2012, as the seed article says).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, expectStatus, tag, createEnterprise, dbQuery } from './lib.mjs';
import { useClock, as, step, stepOk, expect422, row, create, deadlineDue } from './lib-modules.mjs';

const T = tag('SV');
let seq = 0;
const code = () => `T-${T.replace(/[^0-9A-Za-z]/g, '').toUpperCase()}${++seq}`.slice(0, 20);

async function publishedCommitment(s, over = {}) {
  const c = await create(s, 'service_commitments', {
    code: code(), title: `${T}许可办理指导`, measure: 'small_micro', content: '受理后 5 个工作日内给出书面指导意见。',
    time_limit_days: 5, request_kind: 'licensing', ...over,
  });
  return stepOk(s, 'service_commitments', c.id, 'publish');
}

async function todo(user) {
  const r = await get('/todo?limit=200', { session: await as(user) });
  expectStatus(r, 200, `to-do of ${user}`);
  return r.body.items;
}

test('commitments: bad limits are 422s; published → on the portal with labels, frozen; withdrawn → gone', async (t) => {
  useClock(t, '2026-09-01T02:00:00Z');
  const s = await as('qifu');
  const base = { code: code(), title: `${T}承诺`, measure: 'steady_growth', content: '承诺内容' };
  expect422(await post('/service_commitments', { ...base, time_limit_days: 0 }, { session: s }), 'time_limit_days');
  expect422(await post('/service_commitments', { ...base, time_limit_days: 61 }, { session: s }), 'time_limit_days');
  expect422(await post('/service_commitments', { ...base, time_limit_days: '5天' }, { session: s }), 'time_limit_days');
  expect422(await post('/service_commitments', { ...base, measure: 'nope' }, { session: s }), 'measure');
  const draft = await create(s, 'service_commitments', { ...base, time_limit_days: 7, request_kind: 'testing' });
  let pub = await get('/public/service_commitments');
  expectStatus(pub, 200);
  assert.ok(!pub.body.items.some((x) => x.code === base.code), 'a draft is not public');
  const p = await stepOk(s, 'service_commitments', draft.id, 'publish');
  assert.equal(p.published_on, '2026-09-01');
  pub = await get('/public/service_commitments');
  const mine = pub.body.items.find((x) => x.code === base.code);
  assert.ok(mine, 'published: on the portal, no sign-in');
  assert.equal(mine.time_limit_days, 7);
  assert.equal(mine.measure_label, '稳增长促发展');
  assert.equal(mine.kind_label, '检验检测能力');
  assert.ok(pub.body.items.some((x) => x.basis?.includes('支持小微企业发展的服务措施')), 'the demo\'s 2012 measures');
  expect422(await patch(`/service_commitments/${draft.id}`, { time_limit_days: 10 }, p.version, { session: s }), 'time_limit_days', 'closed');
  expect422(await step(s, 'service_commitments', draft.id, 'withdraw', {}), 'withdraw_reason');
  await stepOk(s, 'service_commitments', draft.id, 'withdraw', { withdraw_reason: '措施调整' });
  pub = await get('/public/service_commitments');
  assert.ok(!pub.body.items.some((x) => x.code === base.code), 'withdrawn: gone from the portal');
});

test('a request within its committed time: due on the working-day calendar, answered on its last day, rated', async (t) => {
  useClock(t, '2026-09-30T02:00:00Z');
  const s = await as('qifu');
  const cm = await publishedCommitment(s);
  const ent = await createEnterprise(await as('director'), { size: 'micro', park: '包头装备制造产业园区' });
  const r = await create(s, 'service_requests', { subject: `${T}生产许可申请指导`, kind: 'licensing', enterprise_id: ent.id, commitment_id: cm.id });
  assert.equal(r.state, 'received');
  assert.equal(r.received_on, '2026-09-30');
  assert.equal(r.time_limit_days, 5);
  // 2026-09-30 (Wed) + 5 working days: 10-01…10-07 National Day off; 10-08 (1), 10-09 (2), 10-10 Sat make-up (3), 10-12 (4), 10-13 (5)
  assert.equal(r.due_on, '2026-10-13');
  assert.equal(deadlineDue('service_requests', r.id, 'reply_due', true), '2026-10-13', 'the deadline row the countdown reads');
  assert.equal(r.small_micro, true, 'micro in the enterprise register');
  assert.equal(r.in_park, true);
  assert.equal(r.park, '包头装备制造产业园区', 'the park from the register');
  expect422(await step(s, 'service_requests', r.id, 'accept', {}), 'handler');
  await stepOk(s, 'service_requests', r.id, 'accept', { handler: '刘服务' });
  let got = await row(s, 'service_requests', r.id);
  expect422(await patch(`/service_requests/${r.id}`, { received_on: '2026-09-29' }, got.version, { session: s }), 'received_on', 'locked');
  useClock(t, '2026-10-13T08:00:00Z');
  const s2 = await as('qifu');
  expect422(await step(s2, 'service_requests', r.id, 'reply', {}), 'reply');
  got = await stepOk(s2, 'service_requests', r.id, 'reply', { reply: '已一次性告知申请材料和审查要求。' });
  assert.equal(got.state, 'replied');
  assert.equal(got.replied_on, '2026-10-13');
  assert.equal(got.on_time, true, 'answered on the due day: in time');
  assert.equal(deadlineDue('service_requests', r.id, 'reply_due', true), null, 'the reply closes the clock');
  for (const bad of [0, 6, -1, 4.5, '五', '']) expect422(await step(s2, 'service_requests', r.id, 'rate', { rating: bad }), 'rating', undefined, `rating ${JSON.stringify(bad)}`);
  assert.equal((await row(s2, 'service_requests', r.id)).state, 'replied', 'nothing half written');
  got = await stepOk(s2, 'service_requests', r.id, 'rate', { rating: 5, note: '企业电话回访：很满意' });
  assert.equal(got.state, 'rated');
  assert.equal(got.rating, 5);
});

test('size and park: the register wins; a size given when the register has none; a park alone; neither → 422', async (t) => {
  useClock(t, '2026-09-01T02:00:00Z');
  const s = await as('qifu');
  const dir = await as('director');
  const large = await createEnterprise(dir, { size: 'large' });
  let r = await create(s, 'service_requests', { subject: `${T}标准查询`, kind: 'standards', enterprise_id: large.id, size: 'micro' });
  assert.equal(r.size, 'large');
  assert.equal(r.small_micro, false);
  const unsized = await createEnterprise(dir, { size: null });
  r = await create(s, 'service_requests', { subject: `${T}计量检定`, kind: 'metrology', enterprise_id: unsized.id, size: 'small' });
  assert.equal(r.small_micro, true, 'the size given on the request');
  assert.equal(r.in_park, false);
  const kdl = (await get('/jurisdictions?code=150207', { session: s })).body.items[0].id;
  r = await create(s, 'service_requests', { subject: `${T}园区检测能力`, kind: 'testing', park: '九原工业园区', jurisdiction_id: kdl });
  assert.equal(r.in_park, true);
  assert.equal(r.enterprise_id, null);
  expect422(await post('/service_requests', { subject: `${T}无主体`, kind: 'other' }, { session: s }), 'enterprise_id');
  expect422(await post('/service_requests', { subject: `${T}未来`, kind: 'other', park: '园区', received_on: '2026-09-02' }, { session: s }), 'received_on', 'future');
  expect422(await post('/service_requests', { subject: `${T}类别`, kind: 'nope', park: '园区' }, { session: s }), 'kind');
});

test('overdue: escalated once by the scan, on the director\'s to-do and bell; answered late → not on time', async (t) => {
  useClock(t, '2026-09-30T02:00:00Z');
  const s = await as('qifu');
  const cm = await publishedCommitment(s);
  const r = await create(s, 'service_requests', { subject: `${T}逾期请求`, kind: 'licensing', park: '九原工业园区', commitment_id: cm.id });
  assert.equal(r.due_on, '2026-10-13');
  let dir = await as('director');
  expectStatus(await step(dir, 'service_requests', r.id, 'escalate', {}), 409, 'nothing to urge before the due day');
  useClock(t, '2026-10-13T09:00:00Z');
  dir = await as('director');
  let scan = await post('/service_requests/actions/escalate', {}, { session: dir });
  expectStatus(scan, 200);
  assert.equal((await row(dir, 'service_requests', r.id)).escalated_on, null, 'on its due day it is not late');
  useClock(t, '2026-10-14T01:00:00Z');
  dir = await as('director');
  expectStatus(await post('/service_requests/actions/escalate', {}, { session: await as('qifu') }), 403, 'the officer does not run the scan');
  scan = await post('/service_requests/actions/escalate', {}, { session: dir });
  expectStatus(scan, 200);
  assert.equal(scan.body.today, '2026-10-14', 'the scan runs on the server\'s clock');
  assert.ok(scan.body.escalated >= 1);
  let got = await row(dir, 'service_requests', r.id);
  assert.equal(got.escalated_on, '2026-10-14');
  const v = got.version;
  await post('/service_requests/actions/escalate', {}, { session: dir });
  got = await row(dir, 'service_requests', r.id);
  assert.equal(got.version, v, 'run twice: escalated once');
  const item = (await todo('director')).find((i) => i.entity === 'service_requests' && i.id === r.id);
  assert.ok(item, 'on the director\'s to-do');
  assert.equal(item.kind, 'escalated');
  assert.equal(item.deadline?.overdue, true);
  const bell = await get('/notifications?limit=200', { session: dir });
  expectStatus(bell, 200);
  assert.ok(bell.body.items.some((n) => n.entity === 'service_requests' && n.entity_id === r.id && n.kind === 'escalated'), 'in the bell');
  const hist = await get(`/service_requests/${r.id}/history`, { session: dir });
  expectStatus(hist, 200);
  const q = await as('qifu');
  got = await stepOk(q, 'service_requests', r.id, 'reply', { reply: '已答复。' });
  assert.equal(got.on_time, false, 'answered after its due day');
  assert.ok(!(await todo('director')).some((i) => i.entity === 'service_requests' && i.id === r.id), 'answered: off the director\'s to-do');
});

test('the yearly report: by kind and size, on-time share = in time / (answered + open past due), from the rows', async (t) => {
  useClock(t, '2026-12-01T02:00:00Z');
  const dir = await as('director');
  expect422(await get('/service_requests/actions/report?year=abc', { session: dir }), 'year');
  expect422(await get('/service_requests/actions/report?year=1999', { session: dir }), 'year');
  const r = await get('/service_requests/actions/report?year=2026', { session: dir });
  expectStatus(r, 200);
  const rows = dbQuery("SELECT state || '|' || COALESCE(due_on, '') || '|' || COALESCE(replied_on, '') || '|' || COALESCE(small_micro, 0) || '|' || kind FROM svc_requests WHERE deleted = 0 AND received_on >= '2026-01-01' AND received_on <= '2026-12-31'")
    .split('\n').filter(Boolean).map((l) => l.split('|'));
  const today = '2026-12-01';
  let answered = 0, inTime = 0, lateOpen = 0, small = 0;
  for (const [st, due, rep, sm] of rows) {
    if (['replied', 'rated', 'closed'].includes(st)) { answered++; if (!due || (rep && rep <= due)) inTime++; }
    else if (['received', 'handling'].includes(st) && due && today > due) lateOpen++;
    if (sm === '1') small++;
  }
  assert.equal(r.body.all.total, rows.length);
  assert.equal(r.body.all.answered, answered);
  assert.equal(r.body.all.on_time, inTime);
  assert.equal(r.body.all.late_open, lateOpen);
  assert.equal(r.body.all.small_micro, small);
  assert.equal(r.body.small_micro.total, small);
  const pm = Math.floor((inTime * 1000 + Math.floor((answered + lateOpen) / 2)) / (answered + lateOpen));
  assert.equal(r.body.all.on_time_permille, pm);
  assert.equal(r.body.all.on_time_share, `${Math.floor(pm / 10)}.${pm % 10}%`);
  assert.equal(r.body.by_kind.reduce((a, k) => a + k.total, 0), rows.length, 'the kinds add up');
  assert.equal(r.body.by_size.reduce((a, k) => a + k.total, 0), rows.length, 'the sizes add up');
  const lic = r.body.by_kind.find((k) => k.code === 'licensing');
  assert.equal(lic.label, '许可办理指导');
  assert.ok(rows.length >= 100, 'the demo\'s few hundred requests');
});

test('park cooperation: agreement, joint meeting, follow-up with its deadline; bad dates are 422s', async (t) => {
  useClock(t, '2026-09-01T02:00:00Z');
  const s = await as('qifu');
  expect422(await post('/park_agreements', { title: `${T}合作协议`, park: '达茂旗', parties: '市局；旗政府', signed_on: '2026-08-01', valid_to: '2026-07-01' }, { session: s }), 'valid_to', 'order');
  const ag = await create(s, 'park_agreements', { title: `${T}合作协议`, park: '达茂旗', parties: '市局；旗政府', signed_on: '2026-08-01', commitments: '检验检测能力、许可评价' });
  const m = await create(s, 'park_meetings', { agreement_id: ag.id, held_on: '2026-08-20', participants: '市局、旗政府', decisions: '一、……' });
  assert.equal(m.park, '达茂旗', 'the agreement\'s park');
  const unit = (await get('/units?limit=50', { session: s })).body.items[0];
  expect422(await post('/park_followups', { meeting_id: m.id, task: '编印投资服务指南', unit_id: unit.id, due_on: '2026-08-19' }, { session: s }), 'due_on', 'order');
  const f = await create(s, 'park_followups', { meeting_id: m.id, task: '编印投资服务指南', unit_id: unit.id, due_on: '2026-10-31' });
  assert.equal(f.state, 'open');
  assert.equal(deadlineDue('park_followups', f.id, 'followup_due', true), '2026-10-31');
  const moved = await patch(`/park_followups/${f.id}`, { due_on: '2026-11-30' }, f.version, { session: s });
  expectStatus(moved, 200);
  assert.equal(deadlineDue('park_followups', f.id, 'followup_due', true), '2026-11-30', 'the deadline follows the day');
  expect422(await step(s, 'park_followups', f.id, 'complete', {}), 'result');
  const done = await stepOk(s, 'park_followups', f.id, 'complete', { result: '已印发' });
  assert.equal(done.done_on, '2026-09-01');
  assert.equal(deadlineDue('park_followups', f.id, 'followup_due', true), null);
});

test('conduct complaints: taken in, investigated within 60 days, concluded; the yearly count (none in 2012)', async (t) => {
  useClock(t, '2026-09-01T02:00:00Z');
  const z = await as('zhengfeng');
  expectStatus(await get('/conduct_complaints', { session: await as('qifu') }), 403, 'the service officers do not read complaints about themselves');
  const before = await get('/conduct_complaints/actions/yearly?year=2026', { session: z });
  expectStatus(before, 200);
  const c = await create(await as('service'), 'conduct_complaints', { subject: `${T}窗口态度`, channel: 'visit', content: '窗口人员态度生硬。', about_staff: '某工作人员' });
  await stepOk(z, 'conduct_complaints', c.id, 'accept');
  assert.equal(deadlineDue('conduct_complaints', c.id, 'conclude_due', true), '2026-10-31', '2026-09-01 + 60 days (信访工作条例)');
  expect422(await step(z, 'conduct_complaints', c.id, 'conclude', { result: '已批评教育' }), 'finding');
  expect422(await step(z, 'conduct_complaints', c.id, 'conclude', { finding: 'maybe', result: '已批评教育' }), 'finding');
  const done = await stepOk(z, 'conduct_complaints', c.id, 'conclude', { finding: 'partly', result: '已批评教育并向投诉人致歉' });
  assert.equal(done.concluded_on, '2026-09-01');
  const after = (await get('/conduct_complaints/actions/yearly?year=2026', { session: z })).body;
  assert.equal(after.received, before.body.received + 1);
  assert.equal(after.substantiated, before.body.substantiated + 1);
  assert.equal(after.concluded, before.body.concluded + 1);
  const y2012 = await get('/conduct_complaints/actions/yearly?year=2012', { session: await as('director') });
  expectStatus(y2012, 200);
  assert.equal(y2012.body.received, +dbQuery("SELECT COUNT(*) FROM svc_conduct WHERE deleted = 0 AND received_on LIKE '2012-%'"));
  assert.equal(y2012.body.received, 0, 'the article\'s "zero complaints" in 2012, computed');
  expect422(await get('/conduct_complaints/actions/yearly?year=20x6', { session: z }), 'year');
});
