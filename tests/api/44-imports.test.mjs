// Imports cannot starve the server (issue 11 §5). Each case starts its own
// server with small batch settings, so it runs in seconds:
//   - a real import writes in short batches: sign-ins (which write a session
//     and an audit record) and /healthz answer within a second while it runs;
//   - all or nothing across batches: a row that fails while the file is
//     written (its credit code taken meanwhile) withdraws every batch already
//     committed, and the audit log records each batch and its withdrawal;
//   - the job's row is never waited for on a request thread: with the
//     database write-locked, POST /import answers 503 + Retry-After at once;
//   - a dry run also checks unique indexes over several columns (dict, code);
//   - imports run on a fixed pool of workers with a bounded queue: one
//     beyond the workers waits (202, state queued, its position), one beyond
//     the queue is refused from the headers (503 + Retry-After).
// (A dry run taking no write lock: 42-starvation.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { DB, BACKEND, PW, call, session, sleep, toCsv, uscc, tag, listAll, waitJob, expectStatus, count, startServer, stopServer, serverRequest } from './lib.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (s.child.exitCode === null) { s.child.kill('SIGKILL'); await s.exited; }
});

/** `zhijian serve` with extra environment (lib.mjs startServer), stopped after the file. */
async function serve(env = {}) {
  const s = await startServer(DB, { ZJ_TEST_CLOCK: process.env.ZJ_CLOCK_FILE, ZJ_LOGIN_RATE: '100000', ...env });
  servers.push(s);
  return s;
}

const stop = (s) => stopServer(s, 8000, { anyExit: true });
const req = serverRequest;

const auth = (d) => ({ Cookie: `zj_session=${d.token}`, 'X-CSRF-Token': d.csrf });
const csvHeaders = (d) => ({ ...auth(d), 'Content-Type': 'text/csv' });

// Registered in 白云鄂博矿区, a district no other test counts: the rows of the
// first case stay (the district dashboards of 45-scope are unaffected).
function enterprises(t, n) {
  const rows = [['name', 'uscc', 'kinds', 'address']];
  for (let i = 0; i < n; i++) rows.push([`${t}${i}有限公司`, uscc('150206'), 'producer', '包头市白云鄂博矿区'.repeat(3)]);
  return rows;
}

async function job(s, d, id) {
  const j = await req(s, `/api/v1/jobs/${id}`, { headers: auth(d) }, 5000);
  assert.equal(j.status, 200, j.text);
  return j.body;
}

async function finished(s, d, id, ms = 120000) {
  for (const t0 = Date.now(); Date.now() - t0 < ms;) {
    const j = await job(s, d, id);
    if (j.state !== 'running' && j.state !== 'queued') return j;
    await sleep(100);
  }
  assert.fail(`job ${id} still queued or running after ${ms} ms`);
}

async function visible(s, d, t) {
  const r = await req(s, `/api/v1/enterprises/count?q=${encodeURIComponent(t)}`, { headers: auth(d) }, 5000);
  assert.equal(r.status, 200, r.text);
  return r.body.count;
}

/** The audit records of an import job with this action (every page). */
async function jobAudit(action, id) {
  const rows = await listAll(await session('auditor'), 'audit_log', `action=${action}&entity=enterprises`);
  return rows.filter((a) => a.after?.job === id);
}

test('a real import writes in short batches: sign-ins and /healthz answer within a second while it runs; every row is in', async () => {
  const s = await serve({ ZJ_IMPORT_BATCH_MS: '25' });
  const d = await session('director');
  const t = tag('批量导入');
  const n = BACKEND === 'pg' ? 2500 : 12000; // PostgreSQL writes a row a round trip: fewer rows, the same batches
  const r = await req(s, '/api/v1/enterprises/import?format=csv', { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(t, n)) }, 10000);
  assert.equal(r.status, 202, r.text);
  const id = r.body.job;
  let worstSignIn = 0, worstHealth = 0, rounds = 0, partial = 0;
  for (const t0 = Date.now(); Date.now() - t0 < 120000; rounds++) {
    const h = await req(s, '/healthz', {}, 3000);
    assert.equal(h.status, 200);
    worstHealth = Math.max(worstHealth, h.ms);
    const si = await req(s, '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'director', password: PW }) }, 60000);
    assert.equal(si.status, 201, si.text);
    worstSignIn = Math.max(worstSignIn, si.ms);
    const c = await visible(s, d, t);
    if (c > 0 && c < n) partial++;
    if (!['queued', 'running'].includes((await job(s, d, id)).state)) break;
  }
  const j = await finished(s, d, id);
  assert.equal(j.state, 'done', JSON.stringify(j.result?.errors?.slice(0, 3)));
  assert.equal(j.result.inserted, n);
  assert.equal(await visible(s, d, t), n);
  assert.ok(rounds >= 3, `only ${rounds} rounds of sign-ins while the import ran`);
  assert.ok(worstSignIn < 1000, `a sign-in during a real import took ${worstSignIn} ms`);
  assert.ok(worstHealth < 1000, `/healthz during a real import took ${worstHealth} ms`);
  assert.ok(partial > 0, 'the write phase was observed (rows committed batch by batch)');
  // audited batch by batch, and once for the whole file
  const batches = await jobAudit('import_batch', id);
  assert.ok(batches.length >= 2, `${batches.length} import_batch records`);
  const whole = await jobAudit('import', id);
  assert.equal(whole.length, 1);
  assert.equal(whole[0].after.rows, n);
  await stop(s);
});

test('all or nothing across batches: a late row failing while written withdraws every committed batch, audited', async () => {
  const s = await serve({ ZJ_IMPORT_BATCH_MS: '20', ZJ_IMPORT_BATCH_ROWS: '200' });
  const d = await session('director');
  const t = tag('撤回导入');
  const n = BACKEND === 'pg' ? 2000 : 8000;
  const rows = enterprises(t, n);
  const taken = rows[n][1]; // the last row's credit code, taken by someone else meanwhile
  const r = await req(s, '/api/v1/enterprises/import?format=csv', { method: 'POST', headers: csvHeaders(d), body: toCsv(rows) }, 10000);
  assert.equal(r.status, 202, r.text);
  const id = r.body.job;
  // once the first batches are committed (visible), the credit code of the last row is registered
  for (const t0 = Date.now(); ;) {
    if (await visible(s, d, t) > 0) break;
    assert.notEqual((await job(s, d, id)).state, 'done', 'the import completed before any batch was seen: it does not write in batches');
    assert.ok(Date.now() - t0 < 120000, 'no batch of the import was ever committed');
    await sleep(20);
  }
  const mine = await req(s, '/api/v1/enterprises', { method: 'POST', headers: { ...auth(d), 'Content-Type': 'application/json' }, body: JSON.stringify({ name: `${tag('抢先登记')}有限公司`, uscc: taken, kinds: ['producer'], size: 'small' }) }, 5000);
  assert.equal(mine.status, 201, mine.text);
  const j = await finished(s, d, id);
  assert.equal(j.state, 'failed', JSON.stringify(j.result));
  assert.equal(j.result.inserted, 0);
  const e = j.result.errors.find((x) => x.row === n + 1);
  assert.ok(e, JSON.stringify(j.result.errors.slice(0, 3)));
  assert.equal(e.field, 'uscc');
  assert.equal(await visible(s, d, t), 0, 'no row of the failed import stays');
  const one = await req(s, `/api/v1/enterprises/${mine.body.id}`, { headers: auth(d) }, 5000);
  assert.equal(one.status, 200, 'the row registered meanwhile is kept');
  // each committed batch has its audit record, and its withdrawal too
  const batches = await jobAudit('import_batch', id), withdrawn = await jobAudit('import_withdrawn', id);
  assert.ok(batches.length >= 1, 'batches were committed before the failure');
  assert.deepEqual(withdrawn.map((a) => a.after.batch).sort((a, b) => a - b), batches.map((a) => a.after.batch).sort((a, b) => a - b));
  assert.equal(withdrawn.reduce((k, a) => k + a.after.rows, 0), batches.reduce((k, a) => k + a.after.rows, 0));
  assert.equal((await jobAudit('import', id)).length, 0, 'no record of a completed import');
  await stop(s);
});

test('the job row is not waited for on a request thread: with the database write-locked, POST /import answers 503 at once', { skip: BACKEND !== 'sqlite' && 'PostgreSQL: inserting a job row takes no lock another writer holds' }, async () => {
  const s = await serve({ ZJ_JOB_CREATE_WAIT_MS: '200' });
  const d = await session('director');
  // another process holds the SQLite write lock for a while
  const lock = spawn('sqlite3', [DB], { stdio: ['pipe', 'pipe', 'ignore'] });
  const held = new Promise((resolve) => lock.stdout.on('data', (x) => { if (String(x).includes('held')) resolve(); }));
  lock.stdin.write("PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE; SELECT 'held';\n");
  await held;
  let r;
  try {
    r = await req(s, '/api/v1/enterprises/import?format=csv', { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(tag('锁'), 3)) }, 10000);
  } finally {
    lock.stdin.end('ROLLBACK;\n');
    await new Promise((resolve) => lock.on('exit', resolve));
  }
  assert.equal(r.status, 503, r.text);
  assert.ok(r.ms < 1000, `POST /import waited ${r.ms} ms for the write lock`);
  assert.match(r.headers['content-type'], /^application\/problem\+json/);
  assert.ok(+r.headers['retry-after'] > 0, 'Retry-After');
  // with the lock free again, the same request is accepted
  const ok = await req(s, '/api/v1/enterprises/import?format=csv&dry_run=1', { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(tag('锁'), 3)) }, 5000);
  assert.equal(ok.status, 202, ok.text);
  assert.equal((await finished(s, d, ok.body.job)).state, 'done');
  await stop(s);
});

test('a dry run checks unique indexes over several columns too (dictionary items: dict + code), in the file and against live rows', async () => {
  const a = await session('admin');
  const d = `zz_${tag('d').toLowerCase().replace(/[^a-z]/g, '')}`;
  const csv = toCsv([['dict', 'code', 'label_zh', 'label_en'], [d, 'A', '甲', 'A'], [d, 'A', '乙', 'B'], [d, 'B', '丙', 'C'], ['enterprise_kind', 'producer', '生产', 'Producer']]);
  for (const dry of [1, 0]) {
    const r = await call('POST', `/dict_items/import?format=csv&dry_run=${dry}`, { session: a, raw: csv, headers: { 'Content-Type': 'text/csv' } });
    expectStatus(r, 202, 'import accepted');
    const j = await waitJob(a, r.body.job);
    assert.equal(j.state, 'failed', JSON.stringify(j.result));
    assert.deepEqual(j.result.errors.map((e) => [e.row, e.field]), [[3, 'code'], [5, 'code']], JSON.stringify(j.result.errors));
    assert.match(j.result.errors[0].reason, /字典、代码/);
  }
  assert.equal(await count(a, 'dict_items', `dict=${d}`), 0, 'nothing written');
});

test('imports run on a fixed worker pool: with 1 worker and 1 queue place, a second import waits (queued, position 1), a third gets 503 from the headers; all end done', async () => {
  const s = await serve({ ZJ_JOB_WORKERS: '1', ZJ_JOB_QUEUE: '1' });
  const d = await session('director');
  // a dry run of many rows keeps the worker busy for a while and writes nothing
  const big = toCsv(enterprises(tag('池'), BACKEND === 'pg' ? 20000 : 30000));
  const url = '/api/v1/enterprises/import?format=csv&dry_run=1';
  const first = await req(s, url, { method: 'POST', headers: csvHeaders(d), body: big }, 10000);
  assert.equal(first.status, 202, first.text);
  // the worker has taken the first (on a loaded machine it may still be queued for a moment)
  for (let i = 0; i < 200 && (await job(s, d, first.body.job)).state === 'queued'; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal((await job(s, d, first.body.job)).state, 'running', 'the first import runs');
  const second = await req(s, url, { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(tag('池'), 3)) }, 10000);
  assert.equal(second.status, 202, second.text);
  assert.equal(second.body.state, 'queued');
  assert.equal(second.body.position, 1, second.text);
  const waiting = await job(s, d, second.body.job);
  assert.equal(waiting.state, 'queued', JSON.stringify(waiting));
  assert.equal(waiting.position, 1);
  // the third is refused before its body is sent: the answer comes to the headers alone
  const third = await new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port: s.port, path: url, method: 'POST', agent: false,
      headers: { ...csvHeaders(d), 'Content-Length': String(50 << 20) } }, (res) => {
      const chunks = [];
      res.on('data', (x) => chunks.push(x));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    r.setTimeout(5000, () => r.destroy(new Error('no answer from the headers within 5 s')));
    r.on('error', reject);
    r.flushHeaders(); // the body never comes
  });
  assert.equal(third.status, 503, third.text);
  assert.match(third.headers['content-type'], /^application\/problem\+json/);
  assert.ok(+third.headers['retry-after'] > 0, 'Retry-After');
  const a = await finished(s, d, first.body.job), b = await finished(s, d, second.body.job);
  assert.equal(a.state, 'done', JSON.stringify(a.result?.errors?.slice(0, 3)));
  assert.equal(b.state, 'done', JSON.stringify(b.result?.errors?.slice(0, 3)));
  // room again
  const again = await req(s, url, { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(tag('池'), 3)) }, 10000);
  assert.equal(again.status, 202, again.text);
  assert.equal((await finished(s, d, again.body.job)).state, 'done');
  await stop(s);
});

test('on SIGTERM the pool drains: a queued import is marked failed (it never started, nothing written), the running one completes', async () => {
  const s = await serve({ ZJ_JOB_WORKERS: '1', ZJ_JOB_QUEUE: '2' });
  const d = await session('director');
  const t = tag('停');
  const url = '/api/v1/enterprises/import?format=csv';
  // long enough to be running when the second comes, short enough for the drain (the stop waits for it)
  const first = await req(s, `${url}&dry_run=1`, { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(t, BACKEND === 'pg' ? 3000 : 10000)) }, 10000);
  assert.equal(first.status, 202, first.text);
  const second = await req(s, url, { method: 'POST', headers: csvHeaders(d), body: toCsv(enterprises(t, 3)) }, 10000);
  assert.equal(second.status, 202, second.text);
  assert.equal((await job(s, d, second.body.job)).state, 'queued');
  await stop(s);
  const j1 = (await call('GET', `/jobs/${first.body.job}`, { session: d })).body;
  const j2 = (await call('GET', `/jobs/${second.body.job}`, { session: d })).body;
  assert.equal(j1.state, 'done', JSON.stringify(j1));
  assert.equal(j2.state, 'failed', JSON.stringify(j2));
  assert.match(j2.result.errors[0].reason, /服务已停止|server stopped/);
  assert.equal(await count(d, 'enterprises', `q=${encodeURIComponent(t)}`), 0, 'the queued import wrote nothing');
});
