// lib-modules.mjs — helpers of the business-area API tests (70-food,
// 75-cases) on top of lib.mjs: sessions that survive the test clock, workflow
// steps, refusals that cite a rule, the clocks action, deadlines rows and a
// clock that is always put back. Node built-ins only.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { call, get, post, signIn, setClock, clockNow, dbQuery, expectStatus } from './lib.mjs';

// ---- the test clock ----

/**
 * Sets the server's clock for the rest of a test (or until the next call) and
 * puts the instant the test found back when it ends (t.after), so other files
 * sharing the server see the clock as they left it.
 */
const saved = new WeakSet();
export function useClock(t, iso) {
  if (!saved.has(t)) {
    saved.add(t);
    const before = clockNow();
    t.after(() => setClock(before));
  }
  return setClock(iso);
}

// ---- sessions ----

// A session's idle timeout runs on the server's clock: a jump of the test
// clock ends it. Sessions are therefore cached per user *and* clock instant.
const sessions = new Map();
/** A signed-in session of `username`, valid at the current test-clock instant. */
export async function as(username, password) {
  const key = `${username}@${clockNow().toISOString()}`;
  if (sessions.has(key)) return sessions.get(key);
  const pw = password ?? (username === 'admin' ? (process.env.ZJ_ADMIN_PASSWORD ?? 'Root-Pass-2026') : (process.env.ZJ_DEMO_PASSWORD ?? 'Demo-Pass-2026'));
  const r = await signIn(username, pw);
  assert.equal(r.status, 201, `sign-in of ${username} at ${key}: ${r.text}`);
  const s = { username, token: r.body.token, csrf: r.body.csrf, user: r.body.user };
  sessions.set(key, s);
  return s;
}

// ---- workflow steps and refusals ----

/** POST /{entity}/{id}/transitions/{name} as `s` with `body`. */
export function step(s, entity, id, name, body) {
  return call('POST', `/${entity}/${id}/transitions/${name}`, { session: s, body: body ?? {} });
}

/** Asserts a 200 step and returns the row. */
export async function stepOk(s, entity, id, name, body, what = '') {
  const r = await step(s, entity, id, name, body);
  expectStatus(r, 200, `${entity}#${id} ${name} as ${s.username} ${what}`);
  return r.body;
}

/**
 * Asserts a 409 refusal. `cite` (string or RegExp) must appear in the detail;
 * `rule` (optional) must equal — or, as a RegExp, match — the problem's `rule` member.
 */
export function expectRefusal(res, cite, rule, what = '') {
  expectStatus(res, 409, what);
  const detail = res.body.detail ?? '';
  if (cite instanceof RegExp) assert.match(detail, cite, `${what}: detail cites the rule`);
  else if (cite) assert.ok(detail.includes(cite), `${what}: detail should cite "${cite}", got: ${detail}`);
  if (rule instanceof RegExp) assert.match(res.body.rule ?? '', rule, `${what}: problem.rule`);
  else if (rule) assert.equal(res.body.rule, rule, `${what}: problem.rule`);
  return res;
}

/** Asserts a 422 with an error on `field` of `code`; returns that error. */
export function expect422(res, field, code, what = '') {
  expectStatus(res, 422, what);
  const errs = res.body.errors ?? [];
  const e = errs.find((x) => x.field === field && (!code || x.code === code));
  assert.ok(e, `${what}: expected an error on ${field}${code ? ` (${code})` : ''}, got ${JSON.stringify(errs)}`);
  assert.equal(typeof e.message, 'string');
  return e;
}

/** GET a row as `s`, asserting 200. */
export async function row(s, entity, id) {
  const r = await get(`/${entity}/${id}`, { session: s });
  expectStatus(r, 200, `GET ${entity}/${id} as ${s.username}`);
  return r.body;
}

/** POST a row as `s`, asserting 201. */
export async function create(s, entity, body, what = '') {
  const r = await post(`/${entity}`, body, { session: s });
  expectStatus(r, 201, `create ${entity} as ${s.username} ${what}`);
  return r.body;
}

// ---- clocks and deadlines ----

/** The clocks of a case or complaint as `s` sees them: {kind: clock}. */
export async function clocks(s, entity, id) {
  const r = await get(`/${entity}/${id}/actions/clocks`, { session: s });
  expectStatus(r, 200, `clocks of ${entity}/${id}`);
  const list = r.body.clocks;
  assert.ok(Array.isArray(list), `clocks array: ${r.text.slice(0, 200)}`);
  const out = {};
  for (const k of list) if (!(k.kind in out)) out[k.kind] = k;
  return out;
}

/** Asserts one clock's due date (and status when given). */
export async function expectClock(s, entity, id, kind, due, status) {
  const k = (await clocks(s, entity, id))[kind];
  assert.ok(k, `${entity}/${id} has a ${kind} clock`);
  assert.equal(k.due, due, `${entity}/${id} ${kind} due (clock ${JSON.stringify(k)})`);
  if (status) assert.equal(k.status, status, `${entity}/${id} ${kind} status (clock ${JSON.stringify(k)})`);
  return k;
}

/**
 * The due date of an open deadline of a record (the core's deadlines table,
 * which has no HTTP reader of its own: the dashboard lists only the first 200).
 * `open`: only rows not yet closed.
 */
export function deadlineDue(entity, id, kind, open = false) {
  const v = dbQuery(`SELECT due FROM deadlines WHERE entity = '${entity}' AND entity_id = '${id}' AND kind = '${kind}'${open ? ' AND closed_at IS NULL' : ''} ORDER BY id DESC LIMIT 1`);
  return v === '' ? null : v;
}

// ---- misc ----

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** Audit records (as the audit administrator) matching the query, newest first. */
export async function audit(query) {
  const a = await as('auditor');
  const r = await get(`/audit_log?limit=500&${query}`, { session: a });
  expectStatus(r, 200, `audit_log?${query}`);
  return r.body.items;
}
