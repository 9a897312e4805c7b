// A second server on the same database: sessions live in the database, so
// any node serves any session; stored files live in the database too, so a
// file uploaded on one node is served by the other (each node has its own
// working folder here, as on separate machines); and the per-address
// sign-in rate limit (default 20 a minute) on a node started with the
// default limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB, PW, call, get, post, del, signIn, expectStatus, startServer, clockNow, tag } from './lib.mjs';

let srv, dir, clock;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zj-node2-'));
  clock = join(dir, 'clock');
  // the same instant as the main server's clock, at the start of a minute
  const t = Math.ceil(clockNow().getTime() / 60000) * 60000;
  writeFileSync(clock, iso(t));
  // a working folder of its own: nothing of the first node's disk is seen here
  mkdirSync(join(dir, 'files'));
  srv = await startServer(DB, { ZJ_TEST_CLOCK: clock, ZJ_EVIDENCE_DIR: join(dir, 'files'), ZJ_FILES_DIR: join(dir, 'files') });
  srv.t0 = t;
});

after(async () => {
  srv.child.kill('SIGTERM');
  const ex = await srv.exited;
  rmSync(dir, { recursive: true, force: true });
  assert.equal(ex.code, 0, `second server exit: ${JSON.stringify(ex)} ${srv.stderr().slice(-500)}`);
  assert.doesNotMatch(srv.stderr(), /ERROR: AddressSanitizer|runtime error:/);
});

test('a session made on one node is served by another, and signing out on either ends it', async () => {
  writeFileSync(process.env.ZJ_CLOCK_FILE, iso(srv.t0));
  const r = await signIn('handler');
  expectStatus(r, 201);
  const s = { token: r.body.token, csrf: r.body.csrf };
  const g = await get('/session', { session: s, base: srv.api });
  expectStatus(g, 200, 'the second node knows the session');
  assert.equal(g.body.user.username, 'handler');
  expectStatus(await get('/enterprises?limit=1', { session: s, base: srv.api }), 200);
  assert.equal((await del('/session', undefined, { session: s, base: srv.api })).status, 204);
  expectStatus(await get('/session', { session: s }), 401, 'signed out on node 2 → 401 on node 1');
});

test('sign-in is rate limited per address: the 21st attempt within a minute → 429 problem+json', async () => {
  writeFileSync(clock, iso(srv.t0 + 5000));
  for (let i = 1; i <= 20; i++) expectStatus(await signIn('zz_rate_nobody', 'Wrong-Pass-2026', { base: srv.api }), 401, `attempt ${i}`);
  const r = await signIn('zz_rate_nobody', 'Wrong-Pass-2026', { base: srv.api });
  expectStatus(r, 429, 'attempt 21');
  expectStatus(await signIn('director', PW, { base: srv.api }), 429, 'even with the right password');
  assert.equal((await call('GET', `${srv.base}/healthz`)).status, 200, 'other routes are not limited');
  expectStatus(await signIn('director', PW), 201, 'the limit is per node and per address, not global');
  writeFileSync(clock, iso(srv.t0 + 60000));
  expectStatus(await signIn('director', PW, { base: srv.api }), 201, 'the next minute opens a new window');
});

test('a file uploaded on one node is served byte-identical by the other (the bytes are in the database)', async () => {
  // both clocks past the rate limit's minute, together
  writeFileSync(process.env.ZJ_CLOCK_FILE, iso(srv.t0 + 61000));
  writeFileSync(clock, iso(srv.t0 + 61000));
  const r = await signIn('handler');
  expectStatus(r, 201);
  const s = { token: r.body.token, csrf: r.body.csrf };
  const T = tag('N2');
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const upload = (buf, base) => call('POST', '/files', { session: s, raw: buf, headers: { 'Content-Type': 'application/pdf' }, base });
  // 2.5 MiB uploaded on node 1; a second file on node 2
  const one = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${T} one\n`), randomBytes(2.5 * 1024 * 1024)]);
  const two = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${T} two\n`), randomBytes(300 * 1024)]);
  const u1 = await upload(one);
  expectStatus(u1, 201, 'upload on node 1');
  const u2 = await upload(two, srv.api);
  expectStatus(u2, 201, 'upload on node 2');
  assert.equal(u1.body.sha256, sha(one));
  assert.equal(u2.body.sha256, sha(two));
  const kdl = (await get('/jurisdictions?code=150203', { session: s })).body.items[0].id;
  const c = await post('/cases', {
    title: `${T}两节点文件案`, kind: 'food', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: kdl,
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法',
  }, { session: s });
  expectStatus(c, 201, 'case');
  // the item of node 1's file is registered on node 2, node 2's on node 1
  const e1 = await post('/evidence', { case_id: c.body.id, title: '一号节点上传', kind: 'document', file: { sha256: u1.body.sha256, name: 'one.pdf' } }, { session: s, base: srv.api });
  expectStatus(e1, 201, 'node 2 finds the file uploaded on node 1');
  const e2 = await post('/evidence', { case_id: c.body.id, title: '二号节点上传', kind: 'document', file: { sha256: u2.body.sha256, name: 'two.pdf' } }, { session: s });
  expectStatus(e2, 201, 'node 1 finds the file uploaded on node 2');
  for (const [ev, buf] of [[e1.body, one], [e2.body, two]]) {
    for (const base of [undefined, srv.api]) {
      const f = await get(`/evidence/${ev.id}/files/file`, { session: s, base });
      expectStatus(f, 200, `download of ${ev.title} on ${base ?? 'node 1'}`);
      assert.ok(f.buf.equals(buf), `byte-identical: ${ev.title} on ${base ?? 'node 1'}`);
    }
  }
});
