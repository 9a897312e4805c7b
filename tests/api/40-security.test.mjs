// Security (issue 3): sign-in answers, CSRF, API tokens, sign-out, own
// sessions, forced password change and policy, 三员分立, personal-data
// masking with audited unmasked reads, and an audit record for every 403.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DB, PW, call, cli, get, post, patch, del, session, signIn, expectStatus, fieldError, uscc, tag, juris, unitByCode,
  createEnterprise, auditLog, makeUser, cliUser, nextSecond,
} from './lib.mjs';

const asSession = (r) => ({ token: r.body.token, csrf: r.body.csrf, user: r.body.user });

async function userByName(s, username) {
  const q = await get(`/users?q=${encodeURIComponent(username)}&limit=100`, { session: s });
  expectStatus(q, 200);
  const u = q.body.items.find((x) => x.username === username);
  assert.ok(u, `user ${username}`);
  return u;
}

test('a wrong password and an unknown user get the same 401 body', async () => {
  const a = await signIn('director', 'Wrong-Pass-2026');
  const b = await signIn('no_such_user_zz', 'Wrong-Pass-2026');
  expectStatus(a, 401);
  expectStatus(b, 401);
  assert.deepEqual(a.body, b.body, 'identical problem bodies');
  assert.equal(a.headers.get('set-cookie'), null, 'no cookie on failure');
  const e = await signIn('director', '');
  expectStatus(e, 401);
  assert.deepEqual(e.body, a.body);
  expectStatus(await post('/session', { username: 'director' }), 422, 'missing password');
  expectStatus(await post('/session', { password: 'x' }), 422, 'missing user name');
  expectStatus(await post('/session', { username: 5, password: 7 }), 422, 'wrong types');
  expectStatus(await call('POST', '/session', { raw: '{"username":', headers: { 'Content-Type': 'application/json' } }), 400);
  const log = await auditLog('action=login_failed', 50);
  assert.ok(log.some((x) => x.after?.username === 'no_such_user_zz'), 'failed sign-in of an unknown name is audited');
  assert.ok(log.some((x) => x.after?.username === 'director'), 'failed sign-in is audited');
});

test('CSRF: a cookie-authenticated write without X-CSRF-Token → 403 and nothing written; with it → 201', async () => {
  const d = await session('director');
  const code = uscc('150202');
  const body = { name: `${tag('跨站')}有限公司`, uscc: code, kinds: ['producer'] };
  const no = await call('POST', '/enterprises', { session: d, body, csrf: false });
  expectStatus(no, 403, 'POST without CSRF token');
  const wrong = await call('POST', '/enterprises', { session: d, body, csrf: false, headers: { 'X-CSRF-Token': 'a'.repeat(64) } });
  expectStatus(wrong, 403, 'POST with a wrong CSRF token');
  const other = await session('supervisor');
  expectStatus(await call('POST', '/enterprises', { session: d, body, csrf: false, headers: { 'X-CSRF-Token': other.csrf } }), 403, "another session's token");
  const cnt = await get(`/enterprises/count?uscc=${code}`, { session: d });
  assert.equal(cnt.body.count, 0, 'nothing written');
  const ok = await post('/enterprises', body, { session: d });
  expectStatus(ok, 201);
  const e = ok.body;
  expectStatus(await call('PATCH', `/enterprises/${e.id}`, { session: d, csrf: false, body: { legal_rep: 'x' }, headers: { 'If-Match': '"1"' } }), 403, 'PATCH without CSRF');
  expectStatus(await call('DELETE', `/enterprises/${e.id}`, { session: d, csrf: false, headers: { 'If-Match': '"1"' } }), 403, 'DELETE without CSRF');
  expectStatus(await call('DELETE', '/session', { session: d, csrf: false }), 403, 'sign-out without CSRF');
  expectStatus(await get('/session', { session: d }), 200, 'the session survived');
  assert.equal((await get(`/enterprises/${e.id}`, { session: d })).body.version, 1, 'nothing changed');
});

test('API token: scoped to its permissions, no CSRF needed, not usable as a cookie, revocable', async () => {
  const d = await session('director');
  const r = await post('/tokens', { name: '数据对接', perms: ['enterprises.read'], days: 1 }, { session: d });
  expectStatus(r, 201);
  assert.match(r.body.token, /^[0-9a-f]{64}$/);
  assert.ok(r.body.expires_at, 'expires_at');
  const tok = r.body.token;
  const l = await get('/enterprises?limit=3', { bearer: tok });
  expectStatus(l, 200);
  assert.equal(l.body.items.length, 3);
  expectStatus(await get('/enterprises/count', { bearer: tok }), 200);
  expectStatus(await get(`/enterprises/${l.body.items[0].id}`, { bearer: tok }), 200);
  const w = await post('/enterprises', { name: `${tag('令牌')}有限公司`, uscc: uscc(), kinds: ['producer'] }, { bearer: tok });
  expectStatus(w, 403, 'token without enterprises.create');
  expectStatus(await patch(`/enterprises/${l.body.items[0].id}`, { legal_rep: 'x' }, l.body.items[0].version, { bearer: tok }), 403, 'token update');
  expectStatus(await get('/enterprises/export?format=csv', { bearer: tok }), 403, 'token without export');
  expectStatus(await get('/users', { bearer: tok }), 403, 'director reads users, the token does not');
  expectStatus(await get('/session', { bearer: 'f'.repeat(64) }), 401, 'unknown bearer');
  expectStatus(await get('/session', { bearer: 'nonsense' }), 401, 'malformed bearer');
  expectStatus(await get('/enterprises', { session: { token: tok, csrf: '' } }), 401, 'an API token is not a cookie');
  // a token that writes needs no CSRF header
  const wt = await post('/tokens', { name: '写入', perms: ['enterprises.read', 'enterprises.create'], days: 2 }, { session: d });
  expectStatus(wt, 201);
  expectStatus(await post('/enterprises', { name: `${tag('令牌写')}有限公司`, uscc: uscc(), kinds: ['producer'] }, { bearer: wt.body.token }), 201);
  // bad requests
  expectStatus(await post('/tokens', { name: 'x', perms: ['audit.read'], days: 1 }, { session: d }), 422, 'a permission the user lacks');
  expectStatus(await post('/tokens', { name: 'x', perms: ['enterprises.read'], days: 0 }, { session: d }), 422, 'days 0');
  expectStatus(await post('/tokens', { name: 'x', perms: ['enterprises.read'], days: 400 }, { session: d }), 422, 'days 400');
  expectStatus(await post('/tokens', { name: 'x', perms: 'enterprises.read', days: 1 }, { session: d }), 422, 'perms not a list');
  // listed among the user's sessions, and revocable
  const s = await get('/sessions', { session: d });
  expectStatus(s, 200);
  const mine = s.body.items.find((x) => x.kind === 'api' && x.name === '数据对接');
  assert.ok(mine, 'token listed in /sessions');
  assert.equal((await del(`/sessions/${mine.id}`, undefined, { session: d })).status, 204);
  expectStatus(await get('/enterprises', { bearer: tok }), 401, 'revoked token');
});

test('an API token cannot mint new tokens (a 1-day token must not become a 366-day one)', async () => {
  const d = await session('director');
  const r = await post('/tokens', { name: '短期', perms: ['enterprises.read'], days: 1 }, { session: d });
  expectStatus(r, 201);
  const m = await post('/tokens', { name: '长期', perms: ['enterprises.read'], days: 366 }, { bearer: r.body.token });
  try {
    assert.ok([401, 403].includes(m.status), `a bearer token minted a token: ${m.status} ${m.text}`);
  } finally {
    if (m.status === 201) {
      const s = await get('/sessions', { session: d });
      const t = s.body.items.find((x) => x.kind === 'api' && x.name === '长期');
      if (t) await del(`/sessions/${t.id}`, undefined, { session: d });
    }
  }
});

test('sign-out ends the session: 204, cookie cleared, then 401', async () => {
  const r = await signIn('riskanalyst');
  expectStatus(r, 201);
  const s = asSession(r);
  expectStatus(await get('/session', { session: s }), 200);
  const o = await del('/session', undefined, { session: s });
  assert.equal(o.status, 204);
  assert.match(o.headers.get('set-cookie') ?? '', /zj_session=;.*Max-Age=0/);
  expectStatus(await get('/session', { session: s }), 401, 'cookie after sign-out');
  expectStatus(await get('/enterprises', { bearer: s.token }), 401, 'token after sign-out');
  const log = await auditLog('action=logout&username=riskanalyst', 5);
  assert.ok(log.length >= 1, 'sign-out audited');
});

test('GET /sessions lists only my sessions; I revoke my own, not others\' (403); an admin revokes anyone\'s', async () => {
  const a = asSession(await signIn('legal'));
  const b = asSession(await signIn('legal'));
  const c = asSession(await signIn('legal'));
  const l = await get('/sessions', { session: a });
  expectStatus(l, 200);
  assert.ok(l.body.items.length >= 3);
  assert.equal(l.body.items.filter((x) => x.current).length, 1);
  const ids = l.body.items.map((x) => x.id);
  const other = await session('kundulun');
  const kl = await get('/sessions', { session: other });
  assert.ok(!kl.body.items.some((x) => ids.includes(x.id)), "another user's list holds none of mine");
  const cur = l.body.items.find((x) => x.current).id;
  const bId = (await get('/sessions', { session: b })).body.items.find((x) => x.current).id;
  const cId = (await get('/sessions', { session: c })).body.items.find((x) => x.current).id;
  expectStatus(await del(`/sessions/${cur}`, undefined, { session: other }), 403, "revoking another user's session");
  expectStatus(await get('/session', { session: a }), 200, 'still signed in');
  assert.equal((await del(`/sessions/${bId}`, undefined, { session: a })).status, 204);
  expectStatus(await get('/session', { session: b }), 401, 'revoked');
  expectStatus(await get('/session', { session: a }), 200);
  const admin = await session('admin');
  assert.equal((await del(`/sessions/${cId}`, undefined, { session: admin })).status, 204, 'sysadmin holds sessions.revoke_any');
  expectStatus(await get('/session', { session: c }), 401);
  expectStatus(await del('/sessions/99999999', undefined, { session: a }), 404);
  expectStatus(await del('/sessions/abc', undefined, { session: a }), 404);
});

test('forced password change after an operator reset: every route but session, password and meta → 403 must_change_password', async () => {
  const tmp = 'Reset-Pass-2026x';
  const who = cliUser('zt_forced', 'BTQTS', 'service_desk', 'Added-Pass-2026a');
  const r0 = cli(['user', '--db', DB, 'passwd', who, tmp]);
  assert.equal(r0.status, 0, r0.stderr);
  const r = await signIn(who, tmp);
  expectStatus(r, 201);
  assert.equal(r.body.user.must_change_password, true);
  const s = asSession(r);
  for (const [m, p] of [['GET', '/enterprises'], ['GET', '/enterprises/count'], ['GET', '/dashboard'], ['GET', '/sessions'], ['POST', '/tokens'],
    ['GET', '/jobs/1'], ['GET', '/jurisdictions'], ['GET', '/enterprises/export?format=csv']]) {
    const x = await call(m, p, { session: s, body: m === 'POST' ? { name: 'x', perms: [], days: 1 } : undefined });
    expectStatus(x, 403, `${m} ${p}`);
    assert.equal(x.body.code, 'must_change_password', `${m} ${p} code`);
  }
  expectStatus(await get('/session', { session: s }), 200);
  expectStatus(await get('/meta', { session: s }), 200);
  // the policy
  const pw = (o, n) => post('/session/password', { old_password: o, new_password: n }, { session: s });
  fieldError(expectStatus(await pw('Wrong-Old-2026', 'Brand-New-2026q'), 422), 'old_password');
  fieldError(expectStatus(await pw(tmp, 'Ab1!xyz'), 422), 'new_password', 'password');
  fieldError(expectStatus(await pw(tmp, 'abcdefghijklmno'), 422), 'new_password', 'password');
  fieldError(expectStatus(await pw(tmp, `My-${who}-2026`), 422), 'new_password', 'password');
  fieldError(expectStatus(await pw(tmp, 'Password123'), 422), 'new_password', 'password');
  fieldError(expectStatus(await pw(tmp, tmp), 422), 'new_password', 'password');
  const miss = await post('/session/password', { old_password: tmp }, { session: s });
  expectStatus(miss, 422);
  fieldError(miss, 'new_password', 'required');
  expectStatus(await call('POST', '/session/password', { session: s, csrf: false, body: { old_password: tmp, new_password: 'Brand-New-2026q' } }), 403, 'CSRF applies');
  const ok = await pw(tmp, 'Brand-New-2026q');
  assert.equal(ok.status, 204, ok.text);
  expectStatus(await signIn(who, tmp), 401, 'old password');
  const again = await signIn(who, 'Brand-New-2026q');
  expectStatus(again, 201);
  assert.equal(again.body.user.must_change_password, false);
  // an administrator's reset through the API: the server makes the password, and live sessions end
  const admin = await session('admin');
  const svc = await userByName(admin, who);
  fieldError(expectStatus(await post(`/users/${svc.id}/password`, { password: 'Admin-Chosen-2026z', reason: 'x' }, { session: admin }), 422), 'password', 'generated');
  fieldError(expectStatus(await post(`/users/${svc.id}/password`, {}, { session: admin }), 422), 'reason', 'required');
  const rs = await post(`/users/${svc.id}/password`, { reason: '用户遗忘密码' }, { session: admin });
  expectStatus(rs, 201);
  nextSecond();
  expectStatus(await get('/enterprises', { session: asSession(again) }), 401, 'the reset ended the live session');
  const blocked = await get('/enterprises', { session: asSession(await signIn(who, rs.body.one_time_password)) });
  expectStatus(blocked, 403);
  assert.equal(blocked.body.code, 'must_change_password');
  const log = await auditLog(`username=${who}`, 100);
  assert.ok(log.some((x) => x.action === 'password_change'), 'password change audited');
  const a2 = (await auditLog('action=password_reset', 20)).filter((x) => x.entity_id === String(svc.id) || x.entity_id === svc.id);
  assert.ok(a2.length >= 1, 'the reset is audited');
});

test('after the forced change the same session is unblocked at once', async () => {
  const who = cliUser('zt_unblock', 'BTQTS', 'service_desk', 'Added-Pass-2026a');
  const s = asSession(await signIn(who, 'Added-Pass-2026a'));
  expectStatus(await get('/enterprises?limit=1', { session: s }), 403, 'blocked before the change');
  assert.equal((await post('/session/password', { old_password: 'Added-Pass-2026a', new_password: PW }, { session: s })).status, 204);
  const r = await get('/enterprises?limit=1', { session: s });
  expectStatus(r, 200, 'the request right after a 204 from POST /session/password (the console navigates on at once)');
  expectStatus(await get('/session', { session: s }), 200);
  assert.equal((await get('/session', { session: s })).body.user.must_change_password, false);
});



test('the admin created with --admin-password is not forced to change it; a user an admin creates is', async () => {
  const admin = await session('admin');
  assert.equal(admin.user.must_change_password, false);
  const bureau = await unitByCode(admin, 'BTQTS');
  const username = `zt_new_${Date.now().toString(36)}`;
  const c = await post('/users', { username, name: '新同事', unit_id: bureau.id, jurisdiction_id: bureau.jurisdiction_id }, { session: admin });
  expectStatus(c, 201);
  const first = await post(`/users/${c.body.id}/password`, { reason: '新账号' }, { session: admin });
  expectStatus(first, 201);
  const r = await signIn(username, first.body.one_time_password);
  expectStatus(r, 201);
  assert.equal(r.body.user.must_change_password, true);
  const x = await get('/jurisdictions', { session: asSession(r) });
  expectStatus(x, 403);
  assert.equal(x.body.code, 'must_change_password');
});

test('disabling or deleting a user ends their live sessions at once', async (t) => {
  const admin = await session('admin');
  const a = await makeUser('zt_disable', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  const b = await makeUser('zt_delete', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  expectStatus(await get('/enterprises/count', { session: a.session }), 200);
  expectStatus(await get('/enterprises/count', { session: b.session }), 200);
  const del1 = await get(`/users/${b.id}`, { session: admin });
  assert.equal((await del(`/users/${b.id}`, del1.body.version, { session: admin })).status, 204);
  nextSecond();
  expectStatus(await get('/enterprises/count', { session: b.session }), 401, 'session of a deleted user');
  expectStatus(await signIn(b.username, PW), 401, 'a deleted user cannot sign in');
  const ua = await get(`/users/${a.id}`, { session: admin });
  const lk = await patch(`/users/${a.id}`, { locked: true }, ua.body.version, { session: admin });
  expectStatus(lk, 200);
  assert.equal(lk.body.locked, true);
  expectStatus(await signIn(a.username, PW), 401, 'a disabled user cannot sign in (answered as a wrong password)');
  nextSecond();
  const live = await get('/enterprises/count', { session: a.session });
  expectStatus(live, 401, 'the live session of a user the administrator disabled');
});

test('三员分立: the system administrator cannot take over the security or audit administrator by resetting their password', async () => {
  const admin = await session('admin');
  for (const who of ['secadmin', 'auditor']) {
    const u = await userByName(admin, who);
    const r = await post(`/users/${u.id}/password`, { reason: 'takeover attempt' }, { session: admin });
    // an administrator's account: the request waits for a second administrator, and no password is shown
    expectStatus(r, 202, `reset of ${who}`);
    assert.equal(r.body.one_time_password, undefined);
    expectStatus(await post(`/users/${u.id}/password/approve`, {}, { session: admin }), 403, 'the requester cannot approve');
    expectStatus(await signIn(who, PW), 201, `${who} still signs in with their own password`);
  }
  expectStatus(await signIn('auditor', PW), 201);
});

test('三员分立: the system administrator reads no business data and assigns no roles', async () => {
  const admin = await session('admin');
  expectStatus(await get('/enterprises', { session: admin }), 403);
  expectStatus(await get('/enterprises/count', { session: admin }), 403);
  expectStatus(await get('/enterprises/1', { session: admin }), 403);
  expectStatus(await get('/enterprises/export?format=csv', { session: admin }), 403);
  expectStatus(await post('/enterprises', { name: '管理员企业有限公司', uscc: uscc(), kinds: ['producer'] }, { session: admin }), 403);
  expectStatus(await get('/audit_log', { session: admin }), 403);
  expectStatus(await post('/roles', { code: 'zt_admin_role', name: 'x', duty: 'business' }, { session: admin }), 403);
  expectStatus(await post('/role_grants', { role_id: 1, perm: 'enterprises.read', scope: 'all' }, { session: admin }), 403);
  const dh = await userByName(admin, 'donghe');
  const r = await patch(`/users/${dh.id}`, { roles: ['director'] }, dh.version, { session: admin });
  expectStatus(r, 422);
  fieldError(r, 'roles', 'duty');
  const me = await userByName(admin, 'admin');
  const self = await patch(`/users/${me.id}`, { roles: ['sysadmin', 'director'] }, me.version, { session: admin });
  expectStatus(self, 422);
  fieldError(self, 'roles', 'duty');
  assert.deepEqual((await get(`/users/${dh.id}`, { session: admin })).body.roles, ['district_officer'], 'unchanged');
  const bureau = await unitByCode(admin, 'BTQTS');
  const c = await post('/users', { username: `zt_roles_${Date.now().toString(36)}`, name: '带角色', unit_id: bureau.id, jurisdiction_id: bureau.jurisdiction_id, roles: ['director'] }, { session: admin });
  expectStatus(c, 422);
  fieldError(c, 'roles', 'duty');
});

test('三员分立: the security administrator assigns roles to others but not to self, and reads no business data', async () => {
  const admin = await session('admin');
  const sec = await session('secadmin');
  const bureau = await unitByCode(admin, 'BTQTS');
  const target = await userByName(sec, 'agency_ga');
  const r = await patch(`/users/${target.id}`, { roles: ['agency_member', 'service_desk'] }, target.version, { session: sec });
  expectStatus(r, 200);
  assert.deepEqual(r.body.roles, ['agency_member', 'service_desk']);
  const s = await signIn('agency_ga');
  assert.deepEqual(s.body.user.perms['enterprises.read'], ['all'], 'the new role takes effect');
  const back = await patch(`/users/${target.id}`, { roles: ['agency_member'] }, r.body.version, { session: sec });
  expectStatus(back, 200);
  const me = await userByName(sec, 'secadmin');
  const self = await patch(`/users/${me.id}`, { roles: ['secadmin', 'auditor'] }, me.version, { session: sec });
  expectStatus(self, 422);
  fieldError(self, 'roles', 'duty');
  const ghost = await patch(`/users/${target.id}`, { roles: ['no_such_role'] }, back.body.version, { session: sec });
  expectStatus(ghost, 422);
  fieldError(ghost, 'roles', 'dict');
  expectStatus(await get('/enterprises', { session: sec }), 403);
  expectStatus(await get('/audit_log', { session: sec }), 403);
  expectStatus(await post('/users', { username: 'zt_by_sec', name: 'x', unit_id: bureau.id, jurisdiction_id: bureau.jurisdiction_id }, { session: sec }), 403, 'secadmin does not create users');
  expectStatus(await post(`/users/${target.id}/password`, { password: 'Sec-Reset-2026a' }, { session: sec }), 403, 'secadmin does not reset passwords');
});

test('三员分立: the security administrator cannot grant their own role more permissions', async () => {
  const sec = await session('secadmin');
  const roles = await get('/roles?q=secadmin', { session: sec });
  expectStatus(roles, 200);
  const role = roles.body.items.find((x) => x.code === 'secadmin');
  assert.ok(role);
  const r = await post('/role_grants', { role_id: role.id, perm: 'audit.read', scope: 'all' }, { session: sec });
  try {
    assert.ok([403, 422].includes(r.status), `secadmin granted audit.read to its own role: ${r.status} ${r.text}`);
    const after = await get('/audit_log', { session: sec });
    expectStatus(after, 403, 'secadmin reads the audit log');
  } finally {
    if (r.status === 201) await del(`/role_grants/${r.body.id}`, r.body.version, { session: sec });
  }
});

test('三员分立: only the audit administrator reads the audit log; the auditor writes nothing', async () => {
  const aud = await session('auditor');
  const r = await get('/audit_log?limit=20', { session: aud });
  expectStatus(r, 200);
  assert.ok(r.body.items.length > 0);
  for (const x of r.body.items) {
    assert.match(x.hash, /^[0-9a-f]{64}$/);
    assert.ok(x.action && x.at);
  }
  assert.ok(r.body.items[0].id > r.body.items[r.body.items.length - 1].id, 'newest first');
  if (r.body.next) {
    const p2 = await get(`/audit_log?limit=20&cursor=${r.body.next}`, { session: aud });
    assert.ok(p2.body.items[0].id < r.body.items[r.body.items.length - 1].id, 'next page continues');
  }
  for (const u of ['director', 'secadmin', 'admin', 'donghe', 'legal']) expectStatus(await get('/audit_log', { session: await session(u) }), 403, u);
  expectStatus(await get('/enterprises', { session: aud }), 403);
  const users = await get('/users?limit=1', { session: aud });
  expectStatus(users, 200);
  const v = users.body.items[0];
  expectStatus(await patch(`/users/${v.id}`, { name: '改名' }, v.version, { session: aud }), 403);
  expectStatus(await post('/roles', { code: 'zt_aud', name: 'x', duty: 'business' }, { session: aud }), 403);
});

test('personal data: masked without enterprises.personal, unmasked for the director and that read audited', async () => {
  const d = await session('director');
  const dh = await session('donghe');
  const e = await createEnterprise(d, { phone: '13912345678', legal_rep_id: '15020219900307123X', legal_rep: '张建国' });
  const g = await get(`/enterprises/${e.id}`, { session: dh });
  expectStatus(g, 200);
  assert.equal(g.body.phone, '139****5678');
  assert.notEqual(g.body.legal_rep_id, '15020219900307123X');
  assert.match(g.body.legal_rep_id, /^150\*+123X$/);
  const l = await get(`/enterprises?q=${encodeURIComponent(e.name)}`, { session: dh });
  assert.equal(l.body.items[0].phone, '139****5678', 'masked in lists');
  const before = (await auditLog(`action=read_personal&entity_id=${e.id}`, 50)).length;
  const u = await get(`/enterprises/${e.id}`, { session: d });
  assert.equal(u.body.phone, '13912345678');
  assert.equal(u.body.legal_rep_id, '15020219900307123X');
  const recs = await auditLog(`action=read_personal&entity_id=${e.id}`, 50);
  assert.equal(recs.length, before + 1, 'one read_personal record for the unmasked read');
  assert.equal(recs[0].username, 'director');
  assert.equal(recs[0].entity, 'enterprises');
  assert.ok(!recs.some((x) => x.username === 'donghe'), 'a masked read is not a personal-data read');
  const ul = await get(`/enterprises?q=${encodeURIComponent(e.name)}`, { session: d });
  assert.equal(ul.body.items[0].phone, '13912345678');
  const lr = await auditLog('action=read_personal&username=director&entity=enterprises', 5);
  assert.ok(lr.some((x) => x.after?.list === 'unmasked'), 'an unmasked list is audited too');
  // history never shows a personal value: the audit record is written masked (issue 11 §9)
  const p = await patch(`/enterprises/${e.id}`, { phone: '13800000000' }, 1, { session: d });
  expectStatus(p, 200);
  for (const who of [dh, d]) {
    const h = await get(`/enterprises/${e.id}/history`, { session: who });
    const upd = h.body.items.find((x) => x.action === 'update');
    assert.deepEqual(upd.changes.phone, ['139****5678', '138****0000']);
  }
});

test('every 403 writes an audit record "denied" (permission, scope, CSRF, token scope, forced change)', async () => {
  const d = await session('director');
  const admin = await session('admin');
  const kdl = await session('kundulun');
  const kdlE = await createEnterprise(d, {}, '150203');
  const dh = await session('donghe');
  const tok = (await post('/tokens', { name: '拒绝', perms: ['enterprises.read'], days: 1 }, { session: d })).body.token;
  const cases = [
    ['admin', () => get('/enterprises?limit=2', { session: admin }), '/api/v1/enterprises'],
    ['donghe', () => get(`/enterprises/${kdlE.id}`, { session: dh }), `/api/v1/enterprises/${kdlE.id}`],
    ['director', () => call('POST', '/enterprises', { session: d, csrf: false, body: { a: 1 } }), '/api/v1/enterprises'],
    ['director', () => call('DELETE', `/enterprises/${kdlE.id}`, { bearer: tok, headers: { 'If-Match': '"1"' } }), `/api/v1/enterprises/${kdlE.id}`],
    ['kundulun', () => get('/audit_log', { session: kdl }), '/api/v1/audit_log'],
  ];
  for (const [who, fn, url] of cases) {
    const r = await fn();
    expectStatus(r, 403, `${who} ${url}`);
    const log = await auditLog(`action=denied&username=${who}`, 20);
    assert.ok(log.some((x) => x.after?.url === url), `denied record for ${who} ${url}: ${JSON.stringify(log.slice(0, 3))}`);
  }
  // forced password change
  const who = cliUser('zt_denied', 'BTQTS', 'service_desk', 'Forced-Pass-2026e');
  const ex = asSession(await signIn(who, 'Forced-Pass-2026e'));
  const f = await get('/jurisdictions?limit=1', { session: ex });
  expectStatus(f, 403);
  const log = await auditLog(`action=denied&username=${who}`, 20);
  assert.ok(log.some((x) => x.after?.url === '/api/v1/jurisdictions'), 'the must_change_password 403 is audited as denied');
});
