// 46-portal.test.mjs — the public portal's own endpoints (issue 14 §12):
// the complaint lookup code (returned once at submission, kept hashed,
// checked on lookup; a wrong or missing code answers exactly as an unknown
// number; the lookup is rate limited like the complaint form), the notices
// fed by the business areas with their publish workflow, and the bureau's
// name for the footer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB, get, post, patch, expectStatus, tag, startServer, clockNow, dbQuery } from './lib.mjs';
import { useClock, as, step, stepOk, create, row } from './lib-modules.mjs';

const T = tag('PT');

function complaint(extra = {}) {
  return {
    kind: 'complaint', complainant_name: '李四', complainant_phone: '13912345678', complainant_address: '包头市昆都仑区钢铁大街1号',
    respondent_name: `${T}超市`, respondent_address: '包头市青山区幸福路2号', facts: '购买的酸奶已过保质期', request: '退货并赔偿', ...extra,
  };
}

const lookup = (body, opts) => post('/public/complaint_status', body, opts);

test('a portal submission returns a lookup code once; the right code shows the progress, nothing else does', async (t) => {
  useClock(t, '2026-03-02T02:00:00Z'); // Mon 2026-03-02, 10:00 Beijing
  const r = await post('/public/complaints', complaint());
  expectStatus(r, 201, 'submission');
  const { tracking_no: no, lookup_code: code } = r.body;
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'a 12-character code in groups');
  const ok = await lookup({ tracking_no: no, code });
  expectStatus(ok, 200, 'the right code');
  assert.equal(ok.body.tracking_no, no);
  assert.equal(ok.body.state, 'received');
  assert.equal(ok.body.state_label, '已登记', 'the state in words');
  assert.equal(ok.body.steps[0].on, '2026-03-02');
  assert.equal(ok.body.due, '2026-03-11', 'accept or refuse within 7 working days (Art. 14): 03-03..03-11');
  for (const k of ['complainant_name', 'complainant_phone', 'facts', 'request', 'respondent_name', 'id'])
    assert.equal(ok.body[k], undefined, `${k} is not disclosed`);
  assert.doesNotMatch(ok.text, /李四|13912345678|酸奶/, 'nothing personal in the answer');
  // typed as people type it: lower case, without the dashes
  expectStatus(await lookup({ tracking_no: no, code: code.toLowerCase().replaceAll('-', '') }), 200, 'lower case, no dashes');
  // wrong code, missing code, unknown number: the same 404
  const unknown = await lookup({ tracking_no: 'TS20260302-9999', code });
  expectStatus(unknown, 404, 'unknown number');
  for (const [what, body] of [['wrong code', { tracking_no: no, code: 'AAAA-AAAA-AAAA' }], ['no code', { tracking_no: no }],
    ['empty code', { tracking_no: no, code: '' }], ['no number', { code }]]) {
    const x = await lookup(body);
    expectStatus(x, 404, what);
    assert.deepEqual(x.body, unknown.body, `${what}: the same answer as an unknown number`);
  }
  expectStatus(await post('/public/complaint_status', undefined, { raw: '[1]', headers: { 'Content-Type': 'application/json' } }), 400, 'not an object');
  // only the hash is kept, and never served, exported or audited in clear
  const id = Number(dbQuery(`SELECT id FROM complaints WHERE tracking_no = '${no}'`).trim());
  const hash = dbQuery(`SELECT lookup_hash FROM complaints WHERE id = ${id}`).trim();
  assert.match(hash, /^[0-9a-f]{64}$/, 'a SHA-256 is stored');
  assert.ok(!hash.includes(code) && dbQuery(`SELECT COUNT(*) FROM complaints WHERE lookup_hash LIKE '%${code.slice(0, 4)}-%'`).trim() === '0');
  const director = await as('director');
  const rec = await row(director, 'complaints', id);
  assert.equal(rec.lookup_hash, undefined, 'not served to staff either');
  assert.doesNotMatch(JSON.stringify(rec), new RegExp(hash), 'the hash is not in the record');
  // the staff's decision shows in the lookup
  const service = await as('service');
  await stepOk(service, 'complaints', id, 'accept', { decided_on: '2026-03-02' });
  const after = await lookup({ tracking_no: no, code });
  expectStatus(after, 200);
  assert.equal(after.body.state, 'accepted');
  assert.equal(after.body.steps.length, 2, 'received and decided');
  const en = await lookup({ tracking_no: no, code }, { headers: { 'Accept-Language': 'en' } });
  assert.equal(en.body.state_label, 'Accepted', 'English when asked');
});

test('a complaint and report filed together share the code; a record taken by staff has none', async (t) => {
  useClock(t, '2026-03-02T03:00:00Z');
  const r = await post('/public/complaints', complaint({ also_report: true }));
  expectStatus(r, 201);
  assert.ok(r.body.report_tracking_no);
  expectStatus(await lookup({ tracking_no: r.body.report_tracking_no, code: r.body.lookup_code }), 200, 'the report with the same code');
  const staffNo = dbQuery("SELECT tracking_no FROM complaints WHERE channel <> 'portal' AND deleted = 0 ORDER BY id LIMIT 1").trim();
  assert.ok(staffNo, 'a record not from the portal');
  expectStatus(await lookup({ tracking_no: staffNo, code: r.body.lookup_code }), 404, 'no code was ever given for it');
});

test('the lookup is rate limited like the complaint form (ZJ_PUBLIC_RATE a minute per address)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zj-portal-'));
  const clock = join(dir, 'clock');
  writeFileSync(clock, new Date(Math.ceil(clockNow().getTime() / 60000) * 60000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const srv = await startServer(DB, { ZJ_TEST_CLOCK: clock, ZJ_PUBLIC_RATE: '3' });
  try {
    const body = { tracking_no: 'TS20260302-9999', code: 'AAAA-AAAA-AAAA' };
    for (let i = 0; i < 3; i++) expectStatus(await lookup(body, { base: srv.api }), 404, `guess ${i + 1}`);
    const r = await lookup(body, { base: srv.api });
    expectStatus(r, 429, 'the fourth guess in a minute');
    assert.ok(Number(r.headers.get('retry-after')) > 0, 'Retry-After');
  } finally {
    srv.child.kill('SIGTERM');
    await srv.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('notices: written as a draft, public only once published, withdrawn with a reason; the food announcements feed in', async (t) => {
  useClock(t, '2026-03-03T02:00:00Z');
  const service = await as('service');
  const city = (await get('/jurisdictions?code=150200', { session: service })).body.items[0];
  const n = await create(service, 'notices', {
    kind: 'consumer_tip', title: `${T}春季食用野菜消费提示`, body: '不采摘、不购买、不食用不认识的野菜。', issuer: '包头市市场监督管理局',
    area: 'food', jurisdiction_id: city.id,
  });
  assert.equal(n.state, 'draft');
  const pub = () => get('/public/notices');
  expectStatus(await pub(), 200);
  assert.ok(!(await pub()).body.items.some((x) => x.title === n.title), 'a draft is not public');
  const p = await stepOk(service, 'notices', n.id, 'publish', {});
  assert.equal(p.state, 'published');
  assert.equal(p.published_on, '2026-03-03');
  const items = (await pub()).body.items;
  const it = items.find((x) => x.title === n.title);
  assert.ok(it, 'published: on the portal');
  assert.equal(it.kind, 'consumer_tip');
  assert.equal(it.published_on, '2026-03-03');
  assert.ok(items.some((x) => x.kind === 'announcement' && x.area === 'food' && x.announcement_no), 'the food area\'s announcements');
  const dates = items.map((x) => x.published_on);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  const tips = (await get('/public/notices?kind=consumer_tip')).body.items;
  assert.ok(tips.length >= 1 && tips.every((x) => x.kind === 'consumer_tip'), 'filtered by kind');
  const bad = await get('/public/notices?kind=cursor');
  expectStatus(bad, 422, 'an unknown kind');
  assert.equal(bad.body.errors[0].field, 'kind');
  // a published notice is not edited: it is withdrawn with a reason
  const cur = await row(service, 'notices', n.id);
  const ed = await patch(`/notices/${n.id}`, { title: `${T}改` }, cur.version, { session: service });
  expectStatus(ed, 422, 'edit after publishing');
  assert.equal(ed.body.errors[0].field, 'title');
  expectStatus(await step(service, 'notices', n.id, 'withdraw', {}), 422, 'withdraw without a reason');
  await stepOk(service, 'notices', n.id, 'withdraw', { withdraw_reason: '内容已更新' });
  assert.ok(!(await pub()).body.items.some((x) => x.title === n.title), 'withdrawn: gone from the portal');
  // only officers with the grant write notices; the public endpoint needs no sign-in
  expectStatus(await post('/notices', { kind: 'announcement', title: 'x 公告', body: '正文', jurisdiction_id: city.id }, { session: await as('analyst') }), 403, 'an analyst');
});

test('the bureau and its city for the footer', async () => {
  const r = await get('/public/site');
  expectStatus(r, 200);
  assert.equal(r.body.city.zh, '包头市');
  assert.equal(r.body.city.en, 'Baotou');
  assert.match(r.body.bureau.zh, /^包头市/);
  assert.equal(r.body.hotline, '12315');
});
