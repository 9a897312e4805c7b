// A second server on the same database: sessions live in the database, so
// any node serves any session; and the per-address sign-in rate limit
// (default 20 a minute) on a node started with the default limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB, PW, call, get, del, signIn, expectStatus, startServer, clockNow } from './lib.mjs';

let srv, dir, clock;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zj-node2-'));
  clock = join(dir, 'clock');
  // the same instant as the main server's clock, at the start of a minute
  const t = Math.ceil(clockNow().getTime() / 60000) * 60000;
  writeFileSync(clock, iso(t));
  srv = await startServer(DB, { ZJ_TEST_CLOCK: clock });
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
