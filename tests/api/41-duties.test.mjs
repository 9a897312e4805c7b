// Separation of duties (三员分立, GB/T 22239-2019 8.1.4.2 d), administrator
// password resets and API tokens (8.1.4.1 a), and a lockout that is no
// oracle (8.1.4.1 b) — issue 11 points 1–3. Every path that changes roles
// or grants is tried: user create/update/import, role grant create/update/
// import, role rename and duty change, the operator CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DB, PW, call, cli, get, post, patch, del, session, forget, signIn, expectStatus, fieldError, auditLog, makeUser,
  cliUser, uniqueName, unitByCode, waitJob, toCsv, nextSecond, advanceClock, dbQuery, clockNow,
} from './lib.mjs';

const asSession = (r) => ({ token: r.body.token, csrf: r.body.csrf, user: r.body.user });

async function userByName(s, username) {
  const q = await get(`/users?q=${encodeURIComponent(username)}&limit=100`, { session: s });
  expectStatus(q, 200);
  const u = q.body.items.find((x) => x.username === username);
  assert.ok(u, `user ${username}`);
  return u;
}

async function roleByCode(s, code) {
  const q = await get(`/roles?q=${encodeURIComponent(code)}&limit=100`, { session: s });
  expectStatus(q, 200);
  const r = q.body.items.find((x) => x.code === code);
  assert.ok(r, `role ${code}`);
  return r;
}

/** An administrator's account made by the operator (the way 三员 accounts are made), ready to use. */
async function cliAdmin(prefix, role) {
  const first = 'Added-Pass-2026a';
  const username = cliUser(prefix, 'BTQTS', role, first);
  const s = asSession(await signIn(username, first));
  const ch = await post('/session/password', { old_password: first, new_password: PW }, { session: s });
  assert.equal(ch.status, 204, ch.text);
  return username;
}

async function importCsv(s, entity, rows) {
  const r = await call('POST', `/${entity}/import?format=csv`, { session: s, raw: toCsv(rows), headers: { 'Content-Type': 'text/csv' } });
  expectStatus(r, 202, `import of ${entity}`);
  return waitJob(s, r.body.job);
}

// ---- 1. separation of duties ----

test('duties 1: a role renamed to look like an administrator\'s code gives the administrator nothing (membership is exact)', async () => {
  const sec = await session('secadmin');
  const bases = {};
  for (const [look, victim] of [['s_cadmin', 'secadmin'], ['a_ditor', 'auditor'], ['sysadmi_', 'admin']]) {
    // a business role with business and personal-data grants, renamed into a LIKE pattern of the victim's role code
    const code = uniqueName('zt_lk');
    const r = await post('/roles', { code, name: `改名${code}`, duty: 'business' }, { session: sec });
    expectStatus(r, 201);
    for (const perm of ['enterprises.read', 'complaints.read', 'complaints.personal']) {
      expectStatus(await post('/role_grants', { role_id: r.body.id, perm, scope: 'all' }, { session: sec }), 201, perm);
    }
    const ren = await patch(`/roles/${r.body.id}`, { code: look }, r.body.version, { session: sec });
    expectStatus(ren, 200, `rename to ${look}`);
    bases[look] = ren.body;
    const who = await signIn(victim, victim === 'admin' ? 'Root-Pass-2026' : PW);
    expectStatus(who, 201);
    for (const perm of ['enterprises.read', 'complaints.personal', 'complaints.read']) {
      assert.equal(who.body.user.perms[perm], undefined, `${victim} gained ${perm} from a role renamed ${look}`);
    }
    expectStatus(await get('/enterprises?limit=1', { session: asSession(who) }), 403, `${victim} reads enterprises`);
    expectStatus(await get('/complaints?limit=1', { session: asSession(who) }), 403, `${victim} reads complaints`);
  }
  // the list filter is exact too: a wildcard matches no other code
  const admin = await session('admin');
  const f1 = await get('/users?roles=a_ditor&limit=100', { session: admin });
  expectStatus(f1, 200);
  assert.ok(!f1.body.items.some((u) => u.username === 'auditor'), 'roles=a_ditor listed the auditor');
  const f2 = await get(`/users?roles=${encodeURIComponent('%')}&limit=100`, { session: admin });
  expectStatus(f2, 200);
  assert.equal(f2.body.items.length, 0, 'roles=% matched users');
  const f3 = await get('/users?roles=auditor&limit=100', { session: admin });
  assert.ok(f3.body.items.some((u) => u.username === 'auditor'), 'the exact filter still works');
  for (const r of Object.values(bases)) await del(`/roles/${r.id}`, r.version, { session: sec });
});

test('duties 1: a renamed role keeps its holders; the users\' role list follows the new code', async (t) => {
  const sec = await session('secadmin');
  const code = uniqueName('zt_rn');
  const r = await post('/roles', { code, name: `改名${code}`, duty: 'business' }, { session: sec });
  expectStatus(r, 201);
  expectStatus(await post('/role_grants', { role_id: r.body.id, perm: 'enterprises.read', scope: 'all' }, { session: sec }), 201);
  const u = await makeUser('zt_rnu', 'BTQTS', ['service_desk', code], (m) => t.diagnostic(m));
  const newCode = `${code}_x`;
  expectStatus(await patch(`/roles/${r.body.id}`, { code: newCode }, r.body.version, { session: sec }), 200);
  const got = await get(`/users/${u.id}`, { session: sec });
  assert.deepEqual(got.body.roles, ['service_desk', newCode]);
  const s = await signIn(u.username, PW);
  assert.deepEqual(s.body.user.perms['enterprises.read'], ['all'], 'the holder keeps the renamed role\'s grants');
  // and an unchanged form sent back validates
  expectStatus(await patch(`/users/${u.id}`, { roles: got.body.roles }, got.body.version, { session: sec }), 200);
});

// The permissions each duty may be granted (the built-in role of that duty
// holds them); everything else is refused with 422 perm "duty".
const GRANT_MATRIX = {
  // perm:                 system  security audit business
  'enterprises.read':      [false, false, false, true],
  'complaints.personal':   [false, false, false, true],
  'audit.read':            [false, false, true, false],
  'audit.export':          [false, false, true, false],
  'users.assign_roles':    [false, true, false, false],
  'role_grants.create':    [false, true, false, false],
  'users.create':          [true, false, false, false],
  'users.reset_password':  [true, false, false, false],
  'users.approve_reset':   [true, true, false, false],
  'jurisdictions.read':    [true, true, false, true],
  'users.read':            [true, true, true, true],
};
const DUTIES = ['system', 'security', 'audit', 'business'];

test('duties 1: the grant matrix — a role only receives its duty\'s permissions (create, update and import)', async () => {
  const sec = await session('secadmin');
  const bad = [];
  const roles = {};
  for (const duty of DUTIES) {
    const r = await post('/roles', { code: uniqueName(`zt_g${duty.slice(0, 3)}`), name: `矩阵${duty}`, duty }, { session: sec });
    expectStatus(r, 201);
    roles[duty] = r.body;
  }
  for (const [perm, allowed] of Object.entries(GRANT_MATRIX)) {
    for (let i = 0; i < DUTIES.length; i++) {
      const g = await post('/role_grants', { role_id: roles[DUTIES[i]].id, perm, scope: 'all' }, { session: sec });
      if (allowed[i] ? g.status !== 201 : g.status !== 422) bad.push(`${perm} → ${DUTIES[i]} role: ${g.status}`);
      if (!allowed[i] && g.status === 422) fieldError(g, 'perm', 'duty');
    }
  }
  assert.deepEqual(bad, [], 'grant matrix');
  // the built-in administrators' roles: no business or audit permission for them
  for (const [code, perm] of [['sysadmin', 'audit.read'], ['sysadmin', 'enterprises.read'], ['sysadmin', 'users.assign_roles'],
    ['auditor', 'enterprises.read'], ['auditor', 'users.update'], ['director', 'audit.read'], ['director', 'users.assign_roles']]) {
    const role = await roleByCode(sec, code);
    const g = await post('/role_grants', { role_id: role.id, perm, scope: 'all' }, { session: sec });
    expectStatus(g, 422, `${perm} → ${code}`);
    fieldError(g, 'perm', 'duty');
  }
  // update: moving a grant onto another perm or another role obeys the same rule
  const ok = await post('/role_grants', { role_id: roles.business.id, perm: 'samples.read', scope: 'juris' }, { session: sec });
  expectStatus(ok, 201);
  const up1 = await patch(`/role_grants/${ok.body.id}`, { perm: 'audit.read' }, ok.body.version, { session: sec });
  expectStatus(up1, 422);
  fieldError(up1, 'perm', 'duty');
  const up2 = await patch(`/role_grants/${ok.body.id}`, { role_id: roles.system.id }, ok.body.version, { session: sec });
  expectStatus(up2, 422);
  fieldError(up2, 'perm', 'duty');
  const secRole = await roleByCode(sec, 'secadmin');
  const up3 = await patch(`/role_grants/${ok.body.id}`, { role_id: secRole.id }, ok.body.version, { session: sec });
  expectStatus(up3, 422, 'moving a grant onto a role I hold');
  // import: the same rule per row, nothing written
  const job = await importCsv(sec, 'role_grants', [['role_id', 'perm', 'scope'],
    [roles.business.code, 'cases.read', 'all'], [roles.business.code, 'audit.read', 'all'], [roles.audit.code, 'enterprises.read', 'all']]);
  assert.equal(job.state, 'failed', JSON.stringify(job));
  assert.deepEqual(job.result.errors.map((e) => `${e.row}:${e.field}`).sort(), ['3:perm', '4:perm']);
  const left = await get(`/role_grants?role_id=${roles.business.id}&perm=cases.read`, { session: sec });
  assert.equal(left.body.items.length, 0, 'all-or-nothing');
  // a role's duty is fixed once made
  const dchg = await patch(`/roles/${roles.audit.id}`, { duty: 'business' }, roles.audit.version, { session: sec });
  expectStatus(dchg, 422);
  fieldError(dchg, 'duty', 'duty');
  // nobody edits a role they hold: rename, grants
  const mine = await patch(`/roles/${secRole.id}`, { name: '安全管理员（改）' }, secRole.version, { session: sec });
  expectStatus(mine, 422, 'secadmin edits its own role');
});

// Which role sets an account may hold: one duty per account.
const SET_MATRIX = [
  [['director'], true],
  [['director', 'case_handler'], true],
  [['auditor'], true],
  [['secadmin'], true],
  [['sysadmin'], true],
  [['sysadmin', 'auditor'], false],
  [['secadmin', 'auditor'], false],
  [['sysadmin', 'secadmin'], false],
  [['auditor', 'director'], false],
  [['secadmin', 'case_handler'], false],
  [['sysadmin', 'complaints_reader_zz'], null], // unknown code: the dictionary's 422
];

test('duties 1: the role-set matrix — system, security, audit and business are mutually exclusive on one account', async (t) => {
  const sec = await session('secadmin');
  const bad = [];
  for (const [set, allowed] of SET_MATRIX) {
    // a fresh business account each time (an administrator's account never changes duty, tested below)
    const u = await makeUser('zt_set', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
    const cur = await get(`/users/${u.id}`, { session: sec });
    const r = await patch(`/users/${u.id}`, { roles: set }, cur.body.version, { session: sec });
    const want = allowed ? 200 : 422;
    if (r.status !== want) bad.push(`${set.join('+')}: ${r.status} ${r.text.slice(0, 160)}`);
    else if (allowed === false) fieldError(r, 'roles', 'duty');
    else if (allowed === null) fieldError(r, 'roles', 'dict');
    if (allowed) {
      const si = await signIn(u.username, PW);
      const perms = Object.keys(si.body.user.perms);
      if (set.includes('auditor')) assert.ok(perms.includes('audit.read'));
      else assert.ok(!perms.includes('audit.read'), `${set}: audit.read`);
    }
  }
  assert.deepEqual(bad, [], 'role-set matrix');
});

test('duties 1: an administrator\'s account keeps its duty; sysadmin cannot be given the auditor\'s role', async () => {
  const sec = await session('secadmin');
  const admin = await session('admin');
  const a = await userByName(sec, 'admin');
  for (const set of [['sysadmin', 'auditor'], ['auditor'], ['director'], ['secadmin']]) {
    const cur = await get(`/users/${a.id}`, { session: sec });
    const r = await patch(`/users/${a.id}`, { roles: set }, cur.body.version, { session: sec });
    expectStatus(r, 422, `admin → ${set}`);
    fieldError(r, 'roles', 'duty');
  }
  assert.deepEqual((await get(`/users/${a.id}`, { session: sec })).body.roles, ['sysadmin']);
  // an auditor made by the operator cannot be moved to business or system either, but a second audit role is fine
  const aud = await cliAdmin('zt_aud', 'auditor');
  const au = await userByName(sec, aud);
  for (const set of [['director'], ['sysadmin'], ['auditor', 'director']]) {
    const cur = await get(`/users/${au.id}`, { session: sec });
    const r = await patch(`/users/${au.id}`, { roles: set }, cur.body.version, { session: sec });
    expectStatus(r, 422, `auditor → ${set}`);
  }
  const aud2 = await post('/roles', { code: uniqueName('zt_aud2'), name: '第二审计角色', duty: 'audit' }, { session: sec });
  expectStatus(aud2, 201);
  const cur = await get(`/users/${au.id}`, { session: sec });
  expectStatus(await patch(`/users/${au.id}`, { roles: ['auditor', aud2.body.code] }, cur.body.version, { session: sec }), 200);
  // deleting an administrator's only role does not free the account for business roles
  const tmpRole = await post('/roles', { code: uniqueName('zt_aud3'), name: '临时审计角色', duty: 'audit' }, { session: sec });
  expectStatus(tmpRole, 201);
  const a3 = await userByName(sec, await cliAdmin('zt_a3', tmpRole.body.code));
  assert.equal((await del(`/roles/${tmpRole.body.id}`, tmpRole.body.version, { session: sec })).status, 204);
  const freed = await patch(`/users/${a3.id}`, { roles: ['director'] }, (await get(`/users/${a3.id}`, { session: sec })).body.version, { session: sec });
  expectStatus(freed, 422, 'an auditor account whose role was deleted → director');
  // nobody assigns roles but the security administrator
  const adm = await patch(`/users/${au.id}`, { roles: ['auditor'] }, (await get(`/users/${au.id}`, { session: admin })).body.version, { session: admin });
  expectStatus(adm, 422, 'sysadmin assigns roles');
  fieldError(adm, 'roles', 'duty');
});

test('duties 1: an administrator\'s duty cannot go to an account whose password someone else issued', async (t) => {
  const admin = await session('admin');
  const sec = await session('secadmin');
  const bureau = await unitByCode(admin, 'BTQTS');
  const username = uniqueName('zt_fresh');
  const c = await post('/users', { username, name: '新管理员', unit_id: bureau.id, jurisdiction_id: bureau.jurisdiction_id }, { session: admin });
  expectStatus(c, 201);
  const otp = await post(`/users/${c.body.id}/password`, { reason: '新账号' }, { session: admin });
  expectStatus(otp, 201);
  // the system administrator knows this password: the account must not become the auditor's until its holder replaces it
  const cur = await get(`/users/${c.body.id}`, { session: sec });
  const r = await patch(`/users/${c.body.id}`, { roles: ['auditor'] }, cur.body.version, { session: sec });
  expectStatus(r, 422);
  fieldError(r, 'roles', 'duty');
  const s = asSession(await signIn(username, otp.body.one_time_password));
  assert.equal((await post('/session/password', { old_password: otp.body.one_time_password, new_password: PW }, { session: s })).status, 204);
  const cur2 = await get(`/users/${c.body.id}`, { session: sec });
  expectStatus(await patch(`/users/${c.body.id}`, { roles: ['auditor'] }, cur2.body.version, { session: sec }), 200);
  const si = await signIn(username, PW);
  assert.deepEqual(si.body.user.perms['audit.read'], ['all']);
});

test('duties 1: user import cannot carry roles; the CLI refuses mixed duties', async () => {
  const admin = await session('admin');
  const bureau = await unitByCode(admin, 'BTQTS');
  const u1 = uniqueName('zt_imp');
  const job = await importCsv(admin, 'users', [['username', 'name', 'unit_id', 'jurisdiction_id', 'roles'],
    [u1, '导入用户', bureau.code, String(bureau.jurisdiction_id), 'auditor']]);
  assert.equal(job.state, 'failed', JSON.stringify(job));
  assert.deepEqual(job.result.errors.map((e) => e.field), ['roles']);
  for (const roles of ['sysadmin,auditor', 'auditor,director', 'secadmin,case_handler']) {
    const r = cli(['user', '--db', DB, 'add', uniqueName('zt_cli'), '混合', 'BTQTS', roles, 'Added-Pass-2026a']);
    assert.notEqual(r.status, 0, `zhijian user add with ${roles} succeeded`);
    assert.match(r.stderr, /roles/);
  }
  const ok = cli(['user', '--db', DB, 'add', uniqueName('zt_cli'), '业务', 'BTQTS', 'director,case_handler', 'Added-Pass-2026a']);
  assert.equal(ok.status, 0, ok.stderr);
});

// ---- 2. password resets and tokens ----

test('resets 2: a reset issues a one-time password shown once, audited without it; the user must change it and is told', async (t) => {
  const admin = await session('admin');
  const u = await makeUser('zt_rst', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  const r = await post(`/users/${u.id}/password`, { reason: '工单 2026-118：用户遗忘密码' }, { session: admin });
  expectStatus(r, 201);
  const otp = r.body.one_time_password;
  assert.match(otp, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  const exp = new Date(r.body.expires_at).getTime() - clockNow().getTime();
  assert.ok(exp > 23 * 3600e3 && exp <= 24 * 3600e3 + 5e3, `expires in ${exp} ms`);
  // a second reset makes a different one, and the first stops working
  const r2 = await post(`/users/${u.id}/password`, { reason: '重发' }, { session: admin });
  expectStatus(r2, 201);
  assert.notEqual(r2.body.one_time_password, otp);
  expectStatus(await signIn(u.username, otp), 401, 'the replaced one-time password');
  expectStatus(await signIn(u.username, PW), 401, 'the old password');
  expectStatus(await get('/session', { session: u.session }), 401, 'the user\'s session ended');
  const si = await signIn(u.username, r2.body.one_time_password);
  expectStatus(si, 201);
  assert.equal(si.body.user.must_change_password, true);
  assert.equal(si.body.user.password_reset?.by, 'admin', JSON.stringify(si.body.user.password_reset));
  assert.ok(si.body.user.password_reset?.at);
  const x = await get('/enterprises?limit=1', { session: asSession(si) });
  expectStatus(x, 403);
  assert.equal(x.body.code, 'must_change_password');
  // audited, with the reason, never with the password; not stored in clear
  const log = (await auditLog(`entity=users&entity_id=${u.id}`, 50)).filter((e) => e.action === 'password_reset');
  assert.ok(log.length >= 2, 'resets audited');
  assert.ok(log.some((e) => e.after?.reason === '重发'));
  const all = JSON.stringify(await auditLog('', 200));
  assert.ok(!all.includes(r2.body.one_time_password) && !all.includes(otp), 'a one-time password in the audit log');
  assert.ok(!dbQuery(`SELECT password_hash FROM users WHERE id = ${u.id}`).includes(r2.body.one_time_password));
  const ch = await post('/session/password', { old_password: r2.body.one_time_password, new_password: PW }, { session: asSession(si) });
  assert.equal(ch.status, 204, ch.text);
  const again = await signIn(u.username, PW);
  expectStatus(again, 201);
  assert.equal(again.body.user.password_reset?.by, 'admin', 'the notice stays after the change');
  // bad requests
  expectStatus(await post(`/users/${(await userByName(admin, 'admin')).id}/password`, { reason: 'x' }, { session: admin }), 403, 'own reset');
  expectStatus(await post('/users/99999999/password', { reason: 'x' }, { session: admin }), 404);
  fieldError(expectStatus(await post(`/users/${u.id}/password`, { reason: 'x'.repeat(501) }, { session: admin }), 422), 'reason');
});

test('resets 2: an administrator\'s account needs a second administrator, and the requester never sees the password', async () => {
  const admin = await session('admin');
  const sec = await session('secadmin');
  const aud = await cliAdmin('zt_raud', 'auditor');
  const au = await userByName(admin, aud);
  const req = await post(`/users/${au.id}/password`, { reason: '审计员遗忘密码' }, { session: admin });
  expectStatus(req, 202);
  assert.equal(req.body.one_time_password, undefined);
  expectStatus(await signIn(aud, PW), 201, 'nothing changes before approval');
  expectStatus(await post(`/users/${au.id}/password`, { reason: '再次' }, { session: admin }), 409, 'one pending request at a time');
  expectStatus(await post(`/users/${au.id}/password/approve`, {}, { session: admin }), 403, 'the requester approves');
  const biz = await session('director');
  expectStatus(await post(`/users/${au.id}/password/approve`, {}, { session: biz }), 403, 'a business user approves');
  const ok = await post(`/users/${au.id}/password/approve`, {}, { session: sec });
  expectStatus(ok, 201);
  assert.ok(ok.body.one_time_password);
  expectStatus(await post(`/users/${au.id}/password/approve`, {}, { session: sec }), 404, 'approved once');
  expectStatus(await signIn(aud, PW), 401);
  const si = await signIn(aud, ok.body.one_time_password);
  expectStatus(si, 201);
  assert.equal(si.body.user.must_change_password, true);
  const log = (await auditLog(`entity=users&entity_id=${au.id}`, 50));
  const issued = log.find((e) => e.action === 'password_reset');
  assert.equal(issued?.after?.requested_by, 'admin');
  assert.equal(issued?.after?.approved_by, 'secadmin');
  assert.ok(log.some((e) => e.action === 'password_reset_request'));
  // the security administrator's own reset needs someone other than the security administrator
  const me = await userByName(admin, 'secadmin');
  const own = await post(`/users/${me.id}/password/approve`, {}, { session: sec });
  assert.ok([403, 404].includes(own.status), own.text);
});

test('tokens 2: a password change ends the other sessions and every API token; a token cannot change passwords', async (t) => {
  const u = await makeUser('zt_tok', 'BTQTS', ['director'], (m) => t.diagnostic(m));
  const other = asSession(await signIn(u.username, PW));
  const tok = await post('/tokens', { name: '对接', perms: ['enterprises.read'], days: 30 }, { session: u.session });
  expectStatus(tok, 201);
  expectStatus(await get('/enterprises?limit=1', { bearer: tok.body.token }), 200);
  const viaToken = await post('/session/password', { old_password: PW, new_password: 'Token-Change-2026x' }, { bearer: tok.body.token });
  expectStatus(viaToken, 403, 'a bearer token changes the password');
  expectStatus(await post('/tokens', { name: 'x', perms: ['enterprises.read'], days: 1 }, { bearer: tok.body.token }), 403);
  const ch = await post('/session/password', { old_password: PW, new_password: 'Fresh-Change-2026x' }, { session: u.session });
  assert.equal(ch.status, 204, ch.text);
  nextSecond();
  expectStatus(await get('/session', { session: u.session }), 200, 'the session that changed it stays');
  expectStatus(await get('/session', { session: other }), 401, 'another session ended');
  expectStatus(await get('/enterprises?limit=1', { bearer: tok.body.token }), 401, 'the API token ended');
  // an administrator's token cannot reset passwords either
  const admin = await session('admin');
  const at = await post('/tokens', { name: '管理', perms: ['users.read', 'users.reset_password'], days: 1 }, { session: admin });
  expectStatus(at, 201);
  expectStatus(await post(`/users/${u.id}/password`, { reason: 'x' }, { bearer: at.body.token }), 403, 'reset by a bearer token');
});

test('tokens 2: no token lives longer than the maximum (90 days by default)', async () => {
  const d = await session('director');
  const over = await post('/tokens', { name: 'x', perms: ['enterprises.read'], days: 91 }, { session: d });
  expectStatus(over, 422);
  fieldError(over, 'days', 'range');
  const max = await post('/tokens', { name: '最长', perms: ['enterprises.read'], days: 90 }, { session: d });
  expectStatus(max, 201);
  const life = new Date(max.body.expires_at).getTime() - clockNow().getTime();
  assert.ok(life <= 90 * 86400e3 + 5e3 && life > 89 * 86400e3, `${life}`);
  fieldError(expectStatus(await post('/tokens', { name: 'x', perms: 'enterprises.read', days: 1 }, { session: d }), 422), 'perms');
});

// ---- 3. lockout is no oracle ----

test('lockout 3: wrong password, unknown, deleted, disabled, locked (right or wrong password) — one answer', async (t) => {
  const admin = await session('admin');
  const refU = await makeUser('zt_ref', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  const lockedU = await makeUser('zt_lck', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  const disabledU = await makeUser('zt_dis', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  const deletedU = await makeUser('zt_del', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  for (let i = 0; i < 5; i++) expectStatus(await signIn(lockedU.username, `Wrong-Pass-${i}x`), 401);
  const du = await get(`/users/${disabledU.id}`, { session: admin });
  expectStatus(await patch(`/users/${disabledU.id}`, { locked: true }, du.body.version, { session: admin }), 200);
  const de = await get(`/users/${deletedU.id}`, { session: admin });
  assert.equal((await del(`/users/${deletedU.id}`, de.body.version, { session: admin })).status, 204);
  const ref = await signIn(refU.username, 'Wrong-Pass-2026');
  expectStatus(ref, 401);
  const cases = {
    'unknown user': ['zz_nobody_41', PW],
    'locked, right password': [lockedU.username, PW],
    'locked, wrong password': [lockedU.username, 'Wrong-Pass-2026'],
    'disabled, right password': [disabledU.username, PW],
    'deleted, right password': [deletedU.username, PW],
  };
  const times = { 'wrong password': [] };
  for (const what of Object.keys(cases)) times[what] = [];
  // rounds interleave the cases, so that a burst of load on a shared machine
  // falls on all of them alike
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await signIn(refU.username, 'Wrong-Pass-2026');
    times['wrong password'].push(performance.now() - t0);
    for (const [what, [u, p]] of Object.entries(cases)) {
      const t1 = performance.now();
      const r = await signIn(u, p);
      times[what].push(performance.now() - t1);
      expectStatus(r, 401, what);
      assert.deepEqual(r.body, ref.body, `${what}: the body differs from a wrong password's`);
      assert.equal(r.headers.get('set-cookie'), null, what);
    }
  }
  // the same argon2id work for every answer: none is 3× faster than a wrong password (loose: a shared machine)
  const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const [what, ts] of Object.entries(times)) {
    assert.ok(med(ts) * 3 > med(times['wrong password']), `${what}: ${med(ts).toFixed(1)} ms vs ${med(times['wrong password']).toFixed(1)} ms`);
  }
  const log = await auditLog('action=login_locked', 100);
  assert.ok(log.some((e) => e.after?.username === disabledU.username && e.after?.reason === 'disabled'), 'the auditor sees why');
  assert.ok(log.some((e) => e.after?.username === lockedU.username && e.after?.reason === 'locked'));
});

test('lockout 3: attempts during a lock still count, and a wrong password restarts the lock', async (t) => {
  const u = await makeUser('zt_cnt', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  for (let i = 0; i < 5; i++) expectStatus(await signIn(u.username, 'Wrong-Pass-2026'), 401);
  const until0 = dbQuery(`SELECT locked_until FROM users WHERE id = ${u.id}`);
  assert.ok(until0, 'locked');
  advanceClock(10 * 60);
  for (let i = 0; i < 3; i++) expectStatus(await signIn(u.username, 'Wrong-Pass-2026'), 401);
  assert.equal(dbQuery(`SELECT failed_count FROM users WHERE id = ${u.id}`), '8', 'the attempts during the lock counted');
  const until1 = dbQuery(`SELECT locked_until FROM users WHERE id = ${u.id}`);
  assert.ok(until1 > until0, `the lock restarted: ${until0} → ${until1}`);
  advanceClock(6 * 60); // past the first lock, inside the restarted one
  expectStatus(await signIn(u.username, PW), 401, 'still locked by the attempts made during the lock');
  advanceClock(10 * 60);
  expectStatus(await signIn(u.username, PW), 201, 'unlocked 15 minutes after the last wrong attempt');
  forget('admin'); forget('secadmin'); forget('director'); forget('auditor');
});

test('lockout 3: the current password asked by a password change counts as a sign-in attempt', async (t) => {
  const u = await makeUser('zt_pwc', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  for (let i = 0; i < 5; i++) {
    const r = await post('/session/password', { old_password: `Wrong-Old-${i}x`, new_password: 'Brand-New-2026q' }, { session: u.session });
    expectStatus(r, 422);
    fieldError(r, 'old_password');
  }
  // now locked: the right current password is refused the same way, and sign-in too
  const r = await post('/session/password', { old_password: PW, new_password: 'Brand-New-2026q' }, { session: u.session });
  expectStatus(r, 422);
  fieldError(r, 'old_password');
  expectStatus(await signIn(u.username, PW), 401);
});

test('resets 2: an issued password stops working after 24 hours (answered as a wrong password)', async (t) => {
  const u = await makeUser('zt_exp', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  const admin = await session('admin');
  const r = await post(`/users/${u.id}/password`, { reason: '过期测试' }, { session: admin });
  expectStatus(r, 201);
  const ref = await signIn('zz_nobody_41', 'Wrong-Pass-2026');
  advanceClock(24 * 3600 + 1);
  forget('admin'); forget('secadmin'); forget('director'); forget('auditor');
  const late = await signIn(u.username, r.body.one_time_password);
  expectStatus(late, 401);
  assert.deepEqual(late.body, ref.body);
  const log = await auditLog('action=login_failed', 50);
  assert.ok(log.some((e) => e.after?.username === u.username && e.after?.reason === 'expired'));
});
