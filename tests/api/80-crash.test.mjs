// Crash safety (issue 3 §7): a server of its own under concurrent creates is
// killed with SIGKILL at random moments (≥ 20 times) and restarted; every
// create that got a 201 must be there and the audit chain must verify. On
// SQLite, `zhijian backup` taken during the load must open, verify, hold
// every write acknowledged before it began, and serve as a restore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PW, BACKEND, BIN, DB, PW, cli, sleep, startServer, uscc, tag } from './lib.mjs';

const KILLS = 22;
const WORKERS = 6;

async function signInAt(api) {
  const r = await fetch(`${api}/session`, { method: 'POST', body: JSON.stringify({ username: 'director', password: PW }), headers: { 'Content-Type': 'application/json' } });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text);
}

/** Creates enterprises until stop(); pushes every acknowledged one to `acked`. */
function load(api, sess, acked, attempts) {
  let stopped = false;
  const one = async () => {
    while (!stopped) {
      const body = { name: `${tag('崩溃')}有限公司`, uscc: uscc(['150202', '150203', '150207'][attempts.n % 3]), kinds: ['producer'] };
      attempts.n++;
      try {
        const r = await fetch(`${api}/enterprises`, {
          method: 'POST', body: JSON.stringify(body),
          headers: { 'Content-Type': 'application/json', Cookie: `zj_session=${sess.token}`, 'X-CSRF-Token': sess.csrf },
        });
        const text = await r.text();
        if (r.status === 201) {
          const row = JSON.parse(text);
          acked.push({ id: row.id, uscc: body.uscc, name: body.name });
        } else if (r.status !== 503) attempts.unexpected.push(`${r.status} ${text.slice(0, 200)}`);
      } catch {
        if (!stopped) await sleep(5);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, one);
  return { stop: async () => { stopped = true; await Promise.all(workers); } };
}

function run(args) {
  return new Promise((resolve) => {
    const c = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code) => resolve({ status: code, stdout: out, stderr: err }));
  });
}

test(`crash safety: ${KILLS} SIGKILLs under concurrent writes lose no acknowledged write${BACKEND === 'sqlite' ? '; a backup during the load is complete' : ''}`, { timeout: 120000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'zj-crash-'));
  let db = DB;
  if (BACKEND === 'sqlite') {
    db = join(dir, 'crash.db');
    // (leaks of init are run.sh's finding, not this test's)
    const init = cli(['init', '--db', db, '--demo', '--demo-password', PW, '--admin-password', ADMIN_PW], { env: { ASAN_OPTIONS: 'detect_leaks=0' } });
    assert.equal(init.status, 0, init.stderr);
  }
  const acked = [];
  const attempts = { n: 0, unexpected: [] };
  let sess = null;
  let backup = null;
  let srv = null;
  try {
    for (let k = 0; k < KILLS; k++) {
      // the same clock as the main server: on PostgreSQL both serve one database,
      // and a server whose clock ran ahead would sweep this server's sessions
      srv = await startServer(db, process.env.ZJ_CLOCK_FILE ? { ZJ_TEST_CLOCK: process.env.ZJ_CLOCK_FILE } : {});
      sess ??= await signInAt(srv.api);
      const l = load(srv.api, sess, acked, attempts);
      await sleep(60 + Math.random() * 300);
      if (BACKEND === 'sqlite' && k === Math.floor(KILLS / 2)) {
        // a backup while the writers run
        const before = acked.map((a) => a.id);
        const out = join(dir, 'backup.db');
        const b = await run(['backup', '--db', db, out]);
        backup = { before, out, result: b, afterCount: acked.length };
        await sleep(Math.random() * 100);
      }
      srv.child.kill('SIGKILL');
      const ex = await srv.exited;
      await l.stop();
      assert.equal(ex.signal, 'SIGKILL', `cycle ${k}: the server died on its own: ${JSON.stringify(ex)} ${srv.stderr().slice(-800)}`);
      assert.doesNotMatch(srv.stderr(), /ERROR: AddressSanitizer|runtime error:/, `cycle ${k}`);
    }
    t.diagnostic(`${attempts.n} creates attempted, ${acked.length} acknowledged, ${KILLS} kills`);
    assert.ok(acked.length >= KILLS, 'writes were acknowledged between the kills');
    assert.deepEqual(attempts.unexpected, [], 'no unexpected statuses under load');
    // restart and check every acknowledged write
    srv = await startServer(db, process.env.ZJ_CLOCK_FILE ? { ZJ_TEST_CLOCK: process.env.ZJ_CLOCK_FILE } : {});
    const s2 = await signInAt(srv.api).catch(() => sess);
    const missing = [];
    for (const a of acked) {
      const r = await fetch(`${srv.api}/enterprises/${a.id}`, { headers: { Cookie: `zj_session=${s2.token}` } });
      const body = r.status === 200 ? await r.json() : null;
      if (!body || body.uscc !== a.uscc || body.name !== a.name) missing.push(`${a.id} (${r.status})`);
    }
    assert.deepEqual(missing, [], 'every 201 survived');
    srv.child.kill('SIGTERM');
    const ex = await srv.exited;
    assert.equal(ex.code, 0, `clean exit after SIGTERM: ${JSON.stringify(ex)}`);
    srv = null;
    const v = cli(['audit-verify', '--db', db]);
    assert.equal(v.status, 0, `audit chain after ${KILLS} kills: ${v.stdout} ${v.stderr}`);
    assert.match(v.stdout, /\d+ records verified/);
    if (BACKEND === 'sqlite') {
      assert.ok(backup, 'a backup was taken');
      assert.equal(backup.result.status, 0, `backup during load: ${backup.result.stderr}`);
      // a backup is older than the live checkpoints: it is verified (and
      // served) with the live key and a checkpoint file of its own
      const bkey = { ZJ_AUDIT_KEY_FILE: `${db}.auditkey`, ZJ_AUDIT_CHECKPOINT_FILE: join(dir, 'backup.checkpoints') };
      const bc = cli(['audit-checkpoint', '--db', backup.out], { env: bkey });
      assert.equal(bc.status, 0, `backup audit-checkpoint: ${bc.stdout} ${bc.stderr}`);
      const bv = cli(['audit-verify', '--db', backup.out], { env: bkey });
      assert.equal(bv.status, 0, `backup audit-verify: ${bv.stdout} ${bv.stderr}`);
      const ex2 = cli(['export', '--db', backup.out, 'enterprises', '--format', 'json'], { env: bkey });
      assert.equal(ex2.status, 0, ex2.stderr);
      const ids = new Set(JSON.parse(ex2.stdout).map((r) => r.id));
      const lost = backup.before.filter((id) => !ids.has(id));
      assert.deepEqual(lost, [], `writes acknowledged before the backup began are in it (${backup.before.length} checked)`);
      // restore: serve the copy
      const rs = await startServer(backup.out, { ...bkey, ...(process.env.ZJ_CLOCK_FILE ? { ZJ_TEST_CLOCK: process.env.ZJ_CLOCK_FILE } : {}) });
      try {
        const s3 = await signInAt(rs.api);
        for (const id of backup.before.slice(-5)) {
          const r = await fetch(`${rs.api}/enterprises/${id}`, { headers: { Cookie: `zj_session=${s3.token}` } });
          assert.equal(r.status, 200, `restored copy serves ${id}`);
        }
      } finally {
        rs.child.kill('SIGTERM');
        assert.equal((await rs.exited).code, 0);
      }
    }
  } finally {
    if (srv) { srv.child.kill('SIGKILL'); await srv.exited; }
    rmSync(dir, { recursive: true, force: true });
  }
});
