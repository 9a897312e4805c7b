// lib.mjs — helpers of the API suite: the server under test, sessions
// (cookie + X-CSRF-Token), bearer tokens, the test clock, the CLI, valid
// credit codes and a small CSV reader. Node built-ins only.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export const BASE = process.env.ZJ_URL ?? 'http://127.0.0.1:8080';
export const API = `${BASE}/api/v1`;
export const DB = process.env.ZJ_DB;
export const BIN = process.env.ZJ_BIN;
export const BACKEND = process.env.ZJ_BACKEND ?? 'sqlite';
export const CLOCK = process.env.ZJ_CLOCK_FILE;
export const PW = process.env.ZJ_DEMO_PASSWORD ?? 'Demo-Pass-2026';
export const ADMIN_PW = process.env.ZJ_ADMIN_PASSWORD ?? 'Root-Pass-2026';

if (!DB || !BIN || !CLOCK) throw new Error('run through tests/api/run.sh (ZJ_URL, ZJ_DB, ZJ_BIN, ZJ_CLOCK_FILE)');

// ---- HTTP ----

/** One request. opts: {session, bearer, body (object → JSON), raw (string|Buffer), headers, csrf (false to omit), base} */
export async function call(method, path, opts = {}) {
  const headers = { ...(opts.headers ?? {}) };
  const s = opts.session;
  if (s) {
    headers.Cookie = `zj_session=${s.token}`;
    if (method !== 'GET' && method !== 'HEAD' && opts.csrf !== false) headers['X-CSRF-Token'] = s.csrf;
  }
  if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`;
  let body;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const url = path.startsWith('http') ? path : (opts.base ?? API) + path;
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const buf = Buffer.from(await res.arrayBuffer());
  const ctype = res.headers.get('content-type') ?? '';
  let json;
  if (/json/.test(ctype) && buf.length) {
    try { json = JSON.parse(buf.toString('utf8')); } catch { json = undefined; }
  }
  logResponse(method, url, res.status, ctype, json);
  return { status: res.status, headers: res.headers, ctype, buf, text: buf.toString('utf8'), body: json };
}

/* Every answer of the suite, one JSON line each, for 99-openapi.test.mjs:
 * each route the server answered must be in the OpenAPI document and each
 * JSON body must match its schema. */
const RESP_LOG = process.env.ZJ_RESP_LOG;
function logResponse(method, url, status, ctype, body) {
  if (!RESP_LOG || !url.startsWith(BASE)) return;
  const u = new URL(url);
  const small = body !== undefined && JSON.stringify(body).length <= 200000 ? body : undefined;
  try { appendFileSync(RESP_LOG, JSON.stringify({ method, path: u.pathname, status, ctype, body: small }) + '\n'); } catch {}
}

export const get = (path, opts) => call('GET', path, opts);
export const post = (path, body, opts = {}) => call('POST', path, { ...opts, body });
export const patch = (path, body, version, opts = {}) =>
  call('PATCH', path, { ...opts, body, headers: { ...(opts.headers ?? {}), ...(version !== undefined ? { 'If-Match': `"${version}"` } : {}) } });
export const del = (path, version, opts = {}) =>
  call('DELETE', path, { ...opts, headers: { ...(opts.headers ?? {}), ...(version !== undefined ? { 'If-Match': `"${version}"` } : {}) } });

/** Asserts status and, for errors, an RFC 9457 problem body; returns the response. */
export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what} expected ${status}, got ${res.status}: ${res.text.slice(0, 400)}`);
  if (status >= 400) {
    assert.match(res.ctype, /^application\/problem\+json/, `${what} problem+json content type`);
    assert.equal(res.body?.status, status, `${what} problem.status`);
    assert.equal(typeof res.body?.title, 'string', `${what} problem.title`);
  }
  return res;
}

/** The error of `field` in a 422 problem (asserting it exists, optionally with code). */
export function fieldError(res, field, code) {
  const errs = res.body?.errors ?? [];
  const e = errs.find((x) => x.field === field);
  assert.ok(e, `expected an error for field ${field}, got ${JSON.stringify(errs)}`);
  if (code) assert.equal(e.code, code, `code of the error on ${field}: ${JSON.stringify(e)}`);
  assert.equal(typeof e.message, 'string');
  return e;
}

// ---- sessions ----

/** Signs in; returns the raw response (201 → {token, csrf, user}). */
export async function signIn(username, password = PW, opts = {}) {
  return call('POST', '/session', { body: { username, password }, base: opts.base, headers: opts.headers });
}

const cache = new Map();
/** A signed-in session {token, csrf, user, username}, once per user per test file. */
export async function session(username, password) {
  if (cache.has(username)) return cache.get(username);
  const pw = password ?? (username === 'admin' ? ADMIN_PW : PW);
  const res = await signIn(username, pw);
  assert.equal(res.status, 201, `sign-in of ${username}: ${res.text}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /zj_session=[0-9a-f]{64}/, 'session cookie');
  const s = { username, token: res.body.token, csrf: res.body.csrf, user: res.body.user };
  cache.set(username, s);
  return s;
}
export function forget(username) { cache.delete(username); }

// ---- test clock (ZJ_TEST_CLOCK): the server reads it on every request ----

export function clockNow() { return new Date(readFileSync(CLOCK, 'utf8').trim()); }
export function setClock(d) {
  const iso = new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');
  assert.equal(iso.length, 20);
  writeFileSync(CLOCK, iso);
  return iso;
}
export function advanceClock(seconds) { return setClock(clockNow().getTime() + seconds * 1000); }
/**
 * One second later. The server may serve a resolved session for the rest of
 * the current second (its session cache), so a change made by SOMEONE ELSE
 * (a lock, a role change, a reset) is promised within a second, not at once.
 * With the frozen test clock that second never ends: tests that check such a
 * change first move the clock on.
 */
export function nextSecond() { return advanceClock(1); }

// ---- CLI ----

/** Runs the zhijian binary: {status, stdout, stderr}. */
export function cli(args, opts = {}) {
  const r = spawnSync(opts.bin ?? BIN, args, { encoding: 'utf8', timeout: opts.timeout ?? 60000, maxBuffer: 1 << 30, env: { ...process.env, ...(opts.env ?? {}) } });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

// ---- credit codes (GB 32100 with the GB 11714 check) ----

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const OW = [3, 7, 9, 10, 5, 8, 4, 2];
function orgValue(ch) { return /[0-9]/.test(ch) ? +ch : ch.charCodeAt(0) - 55; }
export function usccFrom(division, org8) {
  let s = 0;
  for (let i = 0; i < 8; i++) s += orgValue(org8[i]) * OW[i];
  let c = 11 - (s % 11);
  const oc = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  const first17 = `91${division}${org8}${oc}`;
  let t = 0;
  for (let i = 0; i < 17; i++) t += CHARSET.indexOf(first17[i]) * W[i];
  c = 31 - (t % 31);
  return first17 + CHARSET[c === 31 ? 0 : c];
}
const used = new Set();
/** A fresh valid credit code registered in `division` (demo codes use digits only; ours start with a letter). */
export function uscc(division = '150202') {
  for (;;) {
    const lead = 'ABCDEFGHJKLMNPQRTUWY'[Math.floor(Math.random() * 20)];
    const org8 = lead + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
    const code = usccFrom(division, org8);
    if (!used.has(code)) { used.add(code); return code; }
  }
}
let seq = 0;
/** A unique marker for names created by this run. */
export function tag(prefix = 'ZT') { return `${prefix}${process.pid.toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`; }

// ---- data helpers ----

/** All rows of a list, following `next` (asserting no duplicate ids). */
export async function listAll(s, entity, query = '', limit = 500) {
  const items = [];
  let cursor = null;
  for (let guard = 0; guard < 10000; guard++) {
    const q = `${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await get(`/${entity}?${q}`, { session: s });
    expectStatus(r, 200, `list ${entity}?${q}`);
    items.push(...r.body.items);
    cursor = r.body.next;
    if (!cursor) break;
  }
  return items;
}

export async function count(s, entity, query = '') {
  const r = await get(`/${entity}/count${query ? `?${query}` : ''}`, { session: s });
  expectStatus(r, 200, `count ${entity}`);
  return r.body.count;
}

const jcache = new Map();
/** Jurisdiction row by GB/T 2260 code (via any session that reads jurisdictions). */
export async function juris(s, code) {
  if (jcache.has(code)) return jcache.get(code);
  const r = await get(`/jurisdictions?code=${code}`, { session: s });
  expectStatus(r, 200, `jurisdiction ${code}`);
  assert.equal(r.body.items.length, 1, `jurisdiction ${code}`);
  jcache.set(code, r.body.items[0]);
  return r.body.items[0];
}

export async function unitByCode(s, code) {
  const r = await get(`/units?q=${encodeURIComponent(code)}&limit=50`, { session: s });
  expectStatus(r, 200, `unit ${code}`);
  const u = r.body.items.find((x) => x.code === code);
  assert.ok(u, `unit ${code}`);
  return u;
}

/** Creates an enterprise (default: in 东河区) and returns the row. */
export async function createEnterprise(s, fields = {}, division = '150202') {
  const body = { name: `${tag('测试企业')}有限公司`, uscc: uscc(division), kinds: ['producer'], size: 'small', phone: '13800138000', ...fields };
  const r = await post('/enterprises', body, { session: s });
  expectStatus(r, 201, 'create enterprise');
  return r.body;
}

/** Polls /jobs/{id} until done or failed. */
export async function waitJob(s, id, timeoutMs = 30000) {
  const t0 = Date.now();
  for (;;) {
    const r = await get(`/jobs/${id}`, { session: s });
    expectStatus(r, 200, `job ${id}`);
    if (r.body.state === 'done' || r.body.state === 'failed') return r.body;
    if (Date.now() - t0 > timeoutMs) assert.fail(`job ${id} still ${r.body.state} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Audit records (as the audit administrator), newest first. */
export async function auditLog(query = '', limit = 500) {
  const a = await session('auditor');
  const r = await get(`/audit_log?limit=${limit}${query ? `&${query}` : ''}`, { session: a });
  expectStatus(r, 200, 'audit_log');
  return r.body.items;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- CSV ----

/** RFC 4180 records of a CSV text (quotes, doubled quotes, CRLF, BOM). */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else q = false;
      } else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
export function csvCell(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function toCsv(rows) { return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'; }

// ---- raw HTTP (for requests fetch would normalise) ----

export function rawRequest(text) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const sock = net.connect(+u.port, u.hostname, () => sock.end(text));
    const chunks = [];
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    sock.on('error', reject);
    sock.setTimeout(10000, () => { sock.destroy(); reject(new Error('raw request timed out')); });
  });
}

// ---- a second server (rate limit, crash tests) ----

export async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/** Starts `zhijian serve` on a free port; resolves when /healthz answers. */
/**
 * `zhijian serve` on `db` with extra environment (and `args`; the access log
 * on when `accessLog`); resolves when /healthz answers:
 * { child, port, base, api, exited, stderr() }.
 */
export async function startServer(db, env = {}, timeoutMs = 20000, { args = [], accessLog = false } = {}) {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...args], {
    env: { ...process.env, ...(accessLog ? {} : { ZJ_NO_ACCESS_LOG: '1' }), ASAN_OPTIONS: 'detect_leaks=0', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() - t0 > timeoutMs) { child.kill('SIGKILL'); throw new Error(`server did not start: ${stderr}`); }
    await sleep(30);
  }
  return { child, port, base, api: `${base}/api/v1`, exited, stderr: () => stderr };
}

/** SIGTERM, then: stopped within `withinMs` (exit 0 unless `anyExit`), and no sanitizer report. */
export async function stopServer(s, withinMs = 8000, { anyExit = false } = {}) {
  s.child.kill('SIGTERM');
  const t0 = Date.now();
  const ex = await Promise.race([s.exited, sleep(withinMs).then(() => null)]);
  assert.ok(ex, `the server did not stop within ${withinMs} ms of SIGTERM: ${s.stderr().slice(-400)}`);
  if (!anyExit) assert.equal(ex.code, 0, `exit ${JSON.stringify(ex)} after ${Date.now() - t0} ms: ${s.stderr().slice(-400)}`);
  assert.doesNotMatch(s.stderr(), /ERROR: AddressSanitizer|runtime error:/);
}

/** One HTTP request to server `s` (optionally from another loopback
 * address), no agent, no redirects: { status, headers, text, body, ms };
 * rejects after timeoutMs. */
export function serverRequest(s, path, { headers = {}, localAddress, method = 'GET', body } = {}, timeoutMs = 1000) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const req = http.request({ host: '127.0.0.1', port: s.port, path, method, headers, localAddress, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, text, body: json, ms: Date.now() - t0 });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

// ---- users made for a test: created by the system administrator, roles
// assigned by the security administrator (三员分立), first password changed ----

/**
 * Makes a user {username, id, session} in unit `unitCode` (its jurisdiction)
 * with `roles`. Path: admin POST /users + POST /users/{id}/password (one-time password), secadmin
 * PATCH roles, sign-in, forced change. If the API cannot create users (a
 * known server bug, shown by 40-security), falls back to `zhijian user add`
 * so that scope tests still test scope; `note` receives the reason.
 */
export async function makeUser(prefix, unitCode, roles, note = () => {}) {
  const admin = await session('admin');
  const sec = await session('secadmin');
  const unit = await unitByCode(admin, unitCode);
  const username = uniqueName(prefix);
  let first = 'First-Pass-2026a';
  let id;
  const c = await post('/users', { username, name: `测试${prefix}`, unit_id: unit.id, jurisdiction_id: unit.jurisdiction_id }, { session: admin });
  if (c.status === 201) {
    id = c.body.id;
    // the server makes the first (one-time) password and shows it once
    const p = await post(`/users/${id}/password`, { reason: 'new account' }, { session: admin });
    assert.equal(p.status, 201, `admin issues the first password: ${p.text}`);
    first = p.body.one_time_password;
  } else {
    note(`POST /users answered ${c.status} (${c.text.slice(0, 120)}); user made with 'zhijian user add' instead`);
    const r = cli(['user', '--db', DB, 'add', username, `测试${prefix}`, unitCode, '', first]);
    assert.equal(r.status, 0, r.stderr);
    const q = await get(`/users?q=${username}`, { session: admin });
    id = q.body.items.find((x) => x.username === username).id;
  }
  const u = await get(`/users/${id}`, { session: sec });
  expectStatus(u, 200, 'secadmin reads the new user');
  const pr = await patch(`/users/${id}`, { roles }, u.body.version, { session: sec });
  expectStatus(pr, 200, 'secadmin assigns roles');
  assert.deepEqual(pr.body.roles, roles);
  const si = await signIn(username, first);
  expectStatus(si, 201, 'first sign-in');
  assert.equal(si.body.user.must_change_password, true);
  const s = { username, token: si.body.token, csrf: si.body.csrf, user: si.body.user };
  const ch = await post('/session/password', { old_password: first, new_password: PW }, { session: s });
  assert.equal(ch.status, 204, `forced change: ${ch.text}`);
  // a fresh session (whether the old one is unblocked at once is 40-security's business)
  const si2 = await signIn(username, PW);
  expectStatus(si2, 201, 'sign-in after the change');
  assert.equal(si2.body.user.must_change_password, false);
  return { username, id, session: { username, token: si2.body.token, csrf: si2.body.csrf, user: si2.body.user } };
}

export function uniqueName(prefix) { return `${prefix}_${process.pid.toString(36)}${(seq++).toString(36)}`; }

/** A user added by the operator CLI (must change the password at first sign-in). */
export function cliUser(prefix, unitCode, roles, password) {
  const username = uniqueName(prefix);
  const r = cli(['user', '--db', DB, 'add', username, `测试${prefix}`, unitCode, roles, password]);
  assert.equal(r.status, 0, r.stderr);
  return username;
}

/** A role made by the security administrator with grants [[perm, scope], ...]. */
export async function makeRole(code, grants) {
  const sec = await session('secadmin');
  const r = await post('/roles', { code, name: `测试角色${code}`, duty: 'business' }, { session: sec });
  expectStatus(r, 201, `create role ${code}`);
  for (const [perm, scope] of grants) {
    const g = await post('/role_grants', { role_id: r.body.id, perm, scope }, { session: sec });
    expectStatus(g, 201, `grant ${perm}:${scope} to ${code}`);
  }
  return r.body;
}

/** One value-per-line answer of a read-only SQL query straight on the database under test (sqlite3 or psql). */
export function dbQuery(sql) {
  const pgBin = process.env.ZJ_PG_BIN;
  const r = BACKEND === 'sqlite'
    ? spawnSync('sqlite3', ['-readonly', DB, sql], { encoding: 'utf8' })
    : spawnSync(pgBin ? `${pgBin}/psql` : 'psql', ['-X', '-q', '-At', '-d', DB, '-c', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${sql}: ${r.stderr}`);
  return r.stdout.trim();
}
