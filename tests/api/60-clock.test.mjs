// Time-dependent security with the test clock (ZJ_TEST_CLOCK): lockout
// after 5 failures within 15 minutes for 15 minutes, idle (30 min) and
// absolute (12 h) session expiry, API token expiry. The clock only moves
// forward; every test signs in afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DB, PW, cli, get, post, signIn, expectStatus, advanceClock, auditLog, session, forget } from './lib.mjs';

const asSession = (r) => ({ token: r.body.token, csrf: r.body.csrf, user: r.body.user });

test('lockout: 5 failures lock the account for 15 minutes, even against the right password', async () => {
  const u = 'agency_jw';
  for (let i = 1; i <= 5; i++) expectStatus(await signIn(u, `Wrong-Pass-${i}x`), 401, `failure ${i}`);
  const locked = await signIn(u, PW);
  expectStatus(locked, 401, 'right password while locked: answered as a wrong one');
  assert.equal(locked.headers.get('set-cookie'), null);
  advanceClock(14 * 60 + 50);
  expectStatus(await signIn(u, PW), 401, 'still locked after 14:50');
  advanceClock(15);
  const ok = await signIn(u, PW);
  expectStatus(ok, 201, 'unlocked after 15 minutes');
  const locks = (await auditLog('action=login_locked', 50)).filter((x) => x.after?.username === u);
  assert.ok(locks.length >= 2, 'locked attempts audited');
  const fails = (await auditLog('action=login_failed', 200)).filter((x) => x.after?.username === u);
  assert.ok(fails.length >= 5, 'failures audited');
});

test('lockout counts failures within a 15-minute window; a success resets the count', async () => {
  const u = 'agency_jc';
  for (let i = 0; i < 4; i++) expectStatus(await signIn(u, 'Wrong-Pass-2026'), 401);
  advanceClock(16 * 60);
  expectStatus(await signIn(u, 'Wrong-Pass-2026'), 401, 'the fifth failure, but outside the window');
  expectStatus(await signIn(u, PW), 201, 'not locked');
  for (let i = 0; i < 4; i++) expectStatus(await signIn(u, 'Wrong-Pass-2026'), 401);
  expectStatus(await signIn(u, PW), 201, 'four failures do not lock');
  for (let i = 0; i < 4; i++) expectStatus(await signIn(u, 'Wrong-Pass-2026'), 401);
  expectStatus(await signIn(u, PW), 201, 'the success reset the count');
});

test('a locked account answers a wrong password exactly like an unknown user (no user-name probing)', async () => {
  const u = 'agency_sw';
  for (let i = 0; i < 5; i++) await signIn(u, 'Wrong-Pass-2026');
  const known = await signIn(u, 'Wrong-Pass-2026');
  const unknown = await signIn('zz_nobody_here', 'Wrong-Pass-2026');
  for (let i = 0; i < 6; i++) await signIn('zz_nobody_here', 'Wrong-Pass-2026');
  const unknown7 = await signIn('zz_nobody_here', 'Wrong-Pass-2026');
  expectStatus(unknown, 401);
  expectStatus(unknown7, 401, 'an unknown name is never "locked"');
  assert.equal(known.status, unknown7.status, `locked account + wrong password: ${known.status} ${known.text}; unknown user: ${unknown7.status}`);
  assert.deepEqual(known.body, unknown7.body);
  advanceClock(15 * 60 + 1);
  expectStatus(await signIn(u, PW), 201);
});

test('an account disabled by the operator (zhijian user lock) cannot sign in until unlocked', async () => {
  let r = cli(['user', '--db', DB, 'lock', 'agency_fgw']);
  assert.equal(r.status, 0, r.stderr);
  expectStatus(await signIn('agency_fgw', PW), 401, 'a disabled account answers as a wrong password does');
  r = cli(['user', '--db', DB, 'unlock', 'agency_fgw']);
  assert.equal(r.status, 0, r.stderr);
  expectStatus(await signIn('agency_fgw', PW), 201);
});

test('idle expiry: a session unused for 30 minutes → 401; use keeps it alive', async () => {
  const a = asSession(await signIn('inspector'));
  const b = asSession(await signIn('inspector'));
  advanceClock(29 * 60 + 59);
  expectStatus(await get('/session', { session: a }), 200, 'a at 29:59');
  advanceClock(1);
  expectStatus(await get('/session', { session: b }), 401, 'b idle for 30:00');
  expectStatus(await get('/enterprises', { session: b }), 401);
  expectStatus(await get('/session', { session: a }), 200, 'a used a second ago');
  advanceClock(29 * 60);
  expectStatus(await get('/session', { session: a }), 200, 'a at 29 minutes after its last use');
  advanceClock(30 * 60 + 1);
  const r = await get('/session', { session: a });
  expectStatus(r, 401, 'a idle for 30 minutes');
  assert.equal(r.body.title.length > 0, true);
  const fresh = asSession(await signIn('inspector'));
  const list = await get('/sessions', { session: fresh });
  assert.equal(list.body.items.filter((x) => x.kind === 'session').length >= 1, true);
});

test('absolute expiry: a session in constant use ends after 12 hours', async () => {
  const s = asSession(await signIn('registrar'));
  let elapsed = 0;
  while (elapsed + 25 * 60 < 12 * 3600) {
    advanceClock(25 * 60);
    elapsed += 25 * 60;
    expectStatus(await get('/session', { session: s }), 200, `at ${elapsed / 60} min`);
  }
  advanceClock(12 * 3600 - elapsed - 1);
  expectStatus(await get('/session', { session: s }), 200, 'at 11:59:59');
  advanceClock(1);
  expectStatus(await get('/session', { session: s }), 401, 'at 12:00:00');
});

test('API tokens are not subject to idle expiry but end at their expiry date', async () => {
  forget('director');
  const d = await session('director');
  const t = await post('/tokens', { name: '到期', perms: ['enterprises.read'], days: 1 }, { session: d });
  expectStatus(t, 201);
  advanceClock(3 * 3600);
  expectStatus(await get('/enterprises/count', { bearer: t.body.token }), 200, 'unused for 3 hours');
  advanceClock(21 * 3600 - 1);
  expectStatus(await get('/enterprises/count', { bearer: t.body.token }), 200, 'at 23:59:59');
  advanceClock(1);
  expectStatus(await get('/enterprises/count', { bearer: t.body.token }), 401, 'after one day');
});
