// Platform: /healthz, /metrics, security headers on every kind of response,
// static files without traversal, the session body, /meta and the workflow route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DB, call, cli, dbQuery, get, post, session, expectStatus, rawRequest } from './lib.mjs';

function securityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP with frame-ancestors 'none' (got ${csp})`);
  assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.ok(res.headers.get('referrer-policy'), `${what}: Referrer-Policy`);
}

test('GET /healthz answers ok without a session', async () => {
  const r = await call('GET', `${BASE}/healthz`);
  assert.equal(r.status, 200);
  assert.equal(r.text.trim(), 'ok');
  securityHeaders(r, '/healthz');
});

test('GET /metrics is Prometheus text with request counters and a latency histogram', async () => {
  await call('GET', `${BASE}/healthz`);
  const r = await call('GET', `${BASE}/metrics`);
  assert.equal(r.status, 200);
  assert.match(r.ctype, /^text\/plain/);
  assert.match(r.text, /# TYPE zhijian_http_requests_total counter/);
  assert.match(r.text, /^zhijian_http_requests_total\{route="healthz",status="200"\} \d+$/m);
  assert.match(r.text, /zhijian_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
  securityHeaders(r, '/metrics');
});

test('security headers on API, error, static and static-404 responses', async () => {
  const d = await session('director');
  securityHeaders(await get('/session', { session: d }), 'API 200');
  securityHeaders(expectStatus(await get('/session'), 401), 'API 401');
  securityHeaders(expectStatus(await get('/no_such_things', { session: d }), 404), 'API 404');
  securityHeaders(expectStatus(await get('/enterprises?colour=red', { session: d }), 400), 'API 400');
  securityHeaders(await call('GET', `${BASE}/`), 'static /');
  securityHeaders(await call('GET', `${BASE}/assets/does-not-exist.js`), 'static 404');
  const big = await call('POST', '/enterprises', { session: d, raw: 'x'.repeat((1 << 20) + 10), headers: { 'Content-Type': 'application/json' } });
  securityHeaders(big, 'API 413');
});

test('the console is served at / as HTML; an unknown asset is a 404', async () => {
  const r = await call('GET', `${BASE}/`);
  assert.equal(r.status, 200);
  assert.match(r.ctype, /^text\/html/);
  const a = await call('GET', `${BASE}/assets/does-not-exist.js`);
  assert.equal(a.status, 404);
});

test('static files cannot escape their folder (path traversal)', async () => {
  for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/.git/config']) {
    const raw = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.doesNotMatch(raw, /root:x:0:0/, `${path} leaked /etc/passwd`);
    assert.doesNotMatch(raw, /\[core\]/, `${path} leaked a dot file`);
  }
});

test('POST to a static path is 405 problem+json', async () => {
  const r = await call('POST', `${BASE}/index.html`, { raw: 'x' });
  expectStatus(r, 405);
});

test('an unknown method on an API route is 405, an unknown route 404', async () => {
  const d = await session('director');
  expectStatus(await call('PATCH', '/session', { session: d, body: {} }), 405);
  expectStatus(await get('/enterprises/1/nothing/here', { session: d }), 404);
});

test('every API route but sign-in needs a session (401 problem+json)', async () => {
  for (const [m, p] of [['GET', '/session'], ['GET', '/meta'], ['GET', '/enterprises'], ['GET', '/enterprises/1'], ['GET', '/enterprises/count'],
    ['GET', '/enterprises/export?format=csv'], ['GET', '/jobs/1'], ['GET', '/audit_log'], ['GET', '/dashboard'], ['GET', '/sessions'],
    ['POST', '/tokens'], ['POST', '/enterprises'], ['DELETE', '/session'], ['GET', '/calendar/workdays?add=2026-01-05&n=3']]) {
    const r = await call(m, p, m === 'POST' ? { body: {} } : {});
    expectStatus(r, 401, `${m} ${p}`);
  }
});

test('session body has the contract fields (id, username, name, unit_id, jurisdiction_id, perms, must_change_password)', async () => {
  const r = await post('/session', { username: 'donghe', password: process.env.ZJ_DEMO_PASSWORD ?? 'Demo-Pass-2026' });
  expectStatus(r, 201);
  assert.match(r.body.token, /^[0-9a-f]{64}$/);
  assert.match(r.body.csrf, /^[0-9a-f]{32,}$/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  assert.match(cookie, /Path=\//);
  const u = r.body.user;
  for (const k of ['id', 'username', 'name', 'unit_id', 'jurisdiction_id', 'perms', 'must_change_password']) assert.ok(k in u, `user.${k}`);
  assert.equal(u.username, 'donghe');
  assert.deepEqual(u.perms['enterprises.read'], ['juris']);
  assert.equal(u.must_change_password, false);
  assert.ok(!('password_hash' in u));
  const s = { token: r.body.token, csrf: r.body.csrf };
  const g = await get('/session', { session: s });
  expectStatus(g, 200);
  assert.equal(g.body.user.id, u.id);
  assert.equal(g.body.csrf, r.body.csrf);
  assert.equal(g.body.token, undefined, 'GET /session does not return the token');
  // The role codes, by which the console's help menu lists the user's guides.
  assert.deepEqual(u.roles, ['district_officer']);
  assert.deepEqual(g.body.user.roles, ['district_officer']);
});

test('/meta lists only readable entities, with fields, perms, dictionaries and menu', async () => {
  const d = await session('director');
  const r = await get('/meta', { session: d });
  expectStatus(r, 200);
  const names = r.body.entities.map((e) => e.name);
  assert.ok(names.includes('enterprises'));
  assert.ok(!names.includes('users') || d.user.perms['users.read'], 'users only if readable');
  assert.ok(!names.includes('roles'), 'director cannot read roles');
  const ent = r.body.entities.find((e) => e.name === 'enterprises');
  assert.deepEqual(Object.fromEntries(['read', 'create', 'update', 'delete', 'import', 'export'].map((k) => [k, ent.perms[k]])),
    { read: true, create: true, update: true, delete: true, import: true, export: true });
  const uscc = ent.fields.find((f) => f.name === 'uscc');
  assert.equal(uscc.required, true);
  assert.equal(uscc.unique, true);
  assert.equal(uscc.min_len, 18);
  assert.equal(uscc.max_len, 18);
  assert.equal(typeof uscc.label.zh, 'string');
  assert.equal(typeof uscc.label.en, 'string');
  for (const sys of ['id', 'version', 'created_at', 'updated_at', 'created_by']) assert.ok(!ent.fields.some((f) => f.name === sys), `system field ${sys} not in fields`);
  const j = ent.fields.find((f) => f.name === 'jurisdiction_id');
  assert.equal(j.type, 'ref');
  assert.equal(j.ref, 'jurisdictions');
  assert.ok(Array.isArray(r.body.dicts.enterprise_kind) && r.body.dicts.enterprise_kind.some((x) => x.code === 'producer'));
  assert.ok(r.body.menu.some((m) => m.entities.includes('enterprises')));
  // secrets never appear
  const a = await session('admin');
  const am = await get('/meta', { session: a });
  const users = am.body.entities.find((e) => e.name === 'users');
  assert.ok(users, 'admin reads users');
  assert.ok(!users.fields.some((f) => f.name === 'password_hash'), 'password_hash not in meta');
  assert.ok(!am.body.entities.some((e) => e.name === 'enterprises'), 'admin (sysadmin) does not see enterprises');
  const u = await get('/users?limit=5', { session: a });
  expectStatus(u, 200);
  for (const row of u.body.items) assert.ok(!('password_hash' in row), 'password_hash never listed');
});

test('workflow route: an entity without a workflow answers 404 problem', async () => {
  const d = await session('director');
  const list = await get('/enterprises?limit=1', { session: d });
  const id = list.body.items[0].id;
  const r = await post(`/enterprises/${id}/transitions/x`, {}, { session: d });
  expectStatus(r, 404, 'transition on enterprises');
  const r2 = await post(`/enterprises/${id}/transitions/x`, undefined, { session: d });
  expectStatus(r2, 404, 'transition without a body');
  const meta = await get('/meta', { session: d });
  assert.equal(meta.body.entities.find((e) => e.name === 'enterprises').workflow, null);
});

test('calendar and dashboard answer for a business user', async () => {
  const d = await session('director');
  const w = await get('/calendar/workdays?add=2026-09-30&n=1', { session: d });
  expectStatus(w, 200);
  const fromCli = cli(['workdays', 'add', '2026-09-30', '1', '--db', DB]);
  assert.equal(fromCli.status, 0, fromCli.stderr);
  assert.equal(w.body.date, fromCli.stdout.trim().split(/\s+/)[0], 'the API and the CLI share one calendar');
  const c = await get('/calendar/workdays?from=2026-01-01&to=2026-01-09', { session: d });
  expectStatus(c, 200);
  assert.equal(typeof c.body.count, 'number');
  expectStatus(await get('/calendar/workdays?add=nope&n=1', { session: d }), 400);
  const db = await get('/dashboard', { session: d });
  expectStatus(db, 200);
  assert.ok(Array.isArray(db.body.todo.items) && Array.isArray(db.body.widgets));
});

test('the dashboard leads with the to-do: records awaiting a step of this user, by deadline (both backends)', async () => {
  const d = await session('director');
  const r = await get('/dashboard', { session: d });
  expectStatus(r, 200);
  assert.ok(r.body.todo.items.length <= 50);
  assert.equal(r.body.todo.items.length > 0, r.body.todo.total > 0);
  for (const t of r.body.todo.items) assert.ok(t.entity && t.id && t.actions.length, JSON.stringify(t));
  const dues = r.body.todo.items.map((t) => t.deadline && t.deadline.due).filter(Boolean);
  assert.deepEqual(dues, [...dues].sort(), 'oldest deadline first');
});
