// check.mjs — the steps of the multi-node test (run by tests/multinode/run.sh,
// which starts the primary, the replica, pgbouncer, two nodes and nginx).
// Plain node (fetch, assert); each step prints one line; the first failed
// assertion ends the run with a non-zero exit.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';

const NGINX = process.env.ZJ_NGINX, N1 = process.env.ZJ_NODE1, N2 = process.env.ZJ_NODE2;
const PW = process.env.ZJ_DEMO_PASSWORD;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const step = (s) => console.log(`multinode: ok  ${s}`);

/* A signed-in client: the session cookie, its CSRF token and the cookies
 * the server sets (zj_rw, the read-your-write pin), like a browser. */
async function signIn(username, base = NGINX) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PW }),
  });
  const text = await r.text();
  assert.equal(r.status, 201, `sign-in of ${username}: ${text}`);
  const b = JSON.parse(text);
  return { jar: new Map([['zj_session', b.token]]), csrf: b.csrf };
}

async function call(s, method, path, { body, raw, ctype, base = NGINX } = {}) {
  const headers = { Cookie: [...s.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (method !== 'GET') headers['X-CSRF-Token'] = s.csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ctype) headers['Content-Type'] = ctype;
  const r = await fetch(`${base}/api/v1${path}`, { method, headers, body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined) });
  for (const c of r.headers.getSetCookie?.() ?? []) {
    const [kv] = c.split(';');
    const [k, v] = kv.split('=');
    if (k === 'zj_rw') s.jar.set(k, v);
  }
  const buf = Buffer.from(await r.arrayBuffer());
  let json;
  try { json = JSON.parse(buf.toString('utf8')); } catch { json = undefined; }
  return { status: r.status, buf, body: json, text: buf.toString('utf8').slice(0, 300) };
}

/* zhijian_replica_* of one node's /metrics, summed over both when asked. */
async function metrics(base) {
  const t = await (await fetch(`${base}/metrics`)).text();
  const v = (re) => Number((t.match(re) ?? [0, 0])[1]);
  return {
    up: v(/^zhijian_replica_up (\d+)/m),
    replica: v(/^zhijian_replica_reads_total\{served_by="replica"\} (\d+)/m),
    primary: v(/^zhijian_replica_reads_total\{served_by="primary"\} (\d+)/m),
  };
}
async function bothMetrics() {
  const [a, b] = await Promise.all([metrics(N1), metrics(N2)]);
  return { replica: a.replica + b.replica, primary: a.primary + b.primary };
}

// a valid unified social credit code (GB 32100-2015), of a letter-led organisation code no demo row uses
function uscc(division = '150202') {
  const CS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], OW = [3, 7, 9, 10, 5, 8, 4, 2];
  const org8 = 'ABCDEFGHJKLMNPQRTUWY'[Math.floor(Math.random() * 20)] + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  let s = 0;
  for (let i = 0; i < 8; i++) s += (/[0-9]/.test(org8[i]) ? +org8[i] : org8.charCodeAt(i) - 55) * OW[i];
  const c1 = 11 - (s % 11);
  const first = `91${division}${org8}${c1 === 10 ? 'X' : c1 === 11 ? '0' : String(c1)}`;
  let t = 0;
  for (let i = 0; i < 17; i++) t += CS.indexOf(first[i]) * W[i];
  const c2 = 31 - (t % 31);
  return first + CS[c2 === 31 ? 0 : c2];
}

/* Until a node reports the replica in use (the first samples after the
 * replica caught up with the demo data; a busy machine may lag a moment). */
async function waitUp(base) {
  for (let i = 0; i < 100; i++) {
    if ((await metrics(base)).up === 1) return;
    await sleep(100);
  }
  assert.fail(`${base}: the replica never came into use`);
}

const T = `MN${process.pid.toString(36)}${Date.now().toString(36)}`;

// 1. sign in through nginx; the replica serves reads of a session that has not written
await waitUp(N1);
await waitUp(N2);
const reader = await signIn('handler');
const before = await bothMetrics();
for (let i = 0; i < 6; i++) assert.equal((await call(reader, 'GET', '/enterprises/count')).status, 200);
const d = await call(reader, 'GET', '/dashboard');
assert.equal(d.status, 200, `dashboard: ${d.text}`);
const after = await bothMetrics();
// most, if not all: a read may fall back while a sample is late on a busy machine
assert.ok(after.replica >= before.replica + 4, `reads served by the replica: ${JSON.stringify({ before, after })}`);
step(`signed in through nginx; ${after.replica - before.replica} reads served by the replica`);

// 2. write, and read the write at once (the session is pinned to the primary for the replica's lag)
const s = await signIn('director');
const name = `${T}多节点测试有限公司`;
const c = await call(s, 'POST', '/enterprises', { body: { name, uscc: uscc(), kinds: ['producer'], size: 'small', phone: '13800138000' } });
assert.equal(c.status, 201, `create: ${c.text}`);
assert.ok(s.jar.has('zj_rw'), 'a write sets the read-your-write cookie');
const m0 = await bothMetrics();
const cnt = await call(s, 'GET', `/enterprises/count?q=${encodeURIComponent(name)}`);
assert.equal(cnt.status, 200, cnt.text);
assert.equal(cnt.body.count, 1, 'the write is read back at once');
const m1 = await bothMetrics();
assert.equal(m1.replica, m0.replica, 'a session that just wrote is not read from the replica');
assert.ok(m1.primary > m0.primary, 'its read went to the primary');
const rec = await call(s, 'GET', `/enterprises/${c.body.id}`);
assert.equal(rec.status, 200);
assert.equal(rec.body.name, name);
// the replica has it too, soon (another session reads from the replica)
let seen = 0;
for (let i = 0; i < 50 && !seen; i++) {
  seen = (await call(reader, 'GET', `/enterprises/count?q=${encodeURIComponent(name)}`)).body.count;
  if (!seen) await sleep(100);
}
assert.equal(seen, 1, 'the replica streams the write');
step('wrote through nginx, read the write at once (primary), and from the replica after it streamed');

// 3. a file uploaded on node 1 is downloaded byte-identical from node 2
const h = await signIn('handler');
const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${T}\n`), randomBytes(1536 * 1024)]);
const up = await call(h, 'POST', '/files', { raw: pdf, ctype: 'application/pdf', base: N1 });
assert.equal(up.status, 201, `upload on node 1: ${up.text}`);
assert.equal(up.body.sha256, createHash('sha256').update(pdf).digest('hex'));
const jur = await call(h, 'GET', '/jurisdictions?code=150203', { base: N1 });
const cs = await call(h, 'POST', '/cases', {
  base: N1,
  body: { title: `${T}多节点文件案`, kind: 'food', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: jur.body.items[0].id,
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法' },
});
assert.equal(cs.status, 201, `case: ${cs.text}`);
const ev = await call(h, 'POST', '/evidence', { base: N1, body: { case_id: cs.body.id, title: '一号节点上传', kind: 'document', file: { sha256: up.body.sha256, name: 'one.pdf' } } });
assert.equal(ev.status, 201, `evidence: ${ev.text}`);
const dl = await call(h, 'GET', `/evidence/${ev.body.id}/files/file`, { base: N2 });
assert.equal(dl.status, 200, `download on node 2: ${dl.text}`);
assert.ok(dl.buf.equals(pdf), 'byte-identical on node 2');
step('a 1.5 MiB file uploaded on node 1 was downloaded byte-identical from node 2');

// 4. node 1 killed (-9) in the middle of a burst: nginx passes what it had to node 2
const paths = ['/enterprises?limit=50', '/enterprises/count', '/dashboard', '/todo', '/cases?limit=20'];
const burst = [];
for (let i = 0; i < 60; i++) burst.push(call(s, 'GET', paths[i % paths.length]));
await sleep(40);
process.kill(Number(process.env.ZJ_NODE1_PID), 'SIGKILL');
const answers = await Promise.all(burst);
const bad = answers.filter((a) => a.status !== 200);
assert.equal(bad.length, 0, `answers during the kill: ${bad.map((a) => `${a.status} ${a.text}`).join(' | ')}`);
for (let i = 0; i < 10; i++) assert.equal((await call(s, 'GET', paths[i % paths.length])).status, 200, 'after the kill');
const c2 = await call(s, 'POST', '/enterprises', { body: { name: `${T}节点故障后有限公司`, uscc: uscc(), kinds: ['producer'], size: 'small', phone: '13800138001' } });
assert.equal(c2.status, 201, `a write after the kill: ${c2.text}`);
step(`node 1 killed mid-burst: ${answers.length} answers 200, a write after it 201`);

// 5. the replica stops: reads are still answered (from the primary), and node 2 says so in /metrics
await waitUp(N2);
const mb = await metrics(N2);
execSync(process.env.ZJ_STOP_REPLICA, { stdio: ['ignore', 'ignore', 'inherit'] });
const fresh = await signIn('handler');
for (let i = 0; i < 12; i++) {
  const r = await call(fresh, 'GET', paths[i % paths.length]);
  assert.equal(r.status, 200, `read with the replica stopped: ${r.text}`);
}
const cnt2 = await call(fresh, 'GET', `/enterprises/count?q=${encodeURIComponent(name)}`);
assert.equal(cnt2.body.count, 1, 'the primary answers what the replica would have');
let down = 1;
for (let i = 0; i < 60 && down; i++) {
  down = (await metrics(N2)).up;
  if (down) await sleep(100);
}
assert.equal(down, 0, 'node 2 reports zhijian_replica_up 0');
const ma = await metrics(N2);
assert.ok(ma.primary > mb.primary, 'reads fell back to the primary');
step('replica stopped: reads answered from the primary; /metrics shows zhijian_replica_up 0');
