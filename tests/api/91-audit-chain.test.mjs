// The audit chains (docs/security.md "Audit chain"): one keyed chain per
// jurisdiction, anchored in a signed checkpoint file outside the database.
// On a copy of the live database, each tampering the old plain SHA-256 chain
// let through — the last 200 records deleted, every record deleted, every
// hash recomputed with plain SHA-256 — and the ones it caught — a field
// edited, a middle record deleted — make `zhijian audit-verify` exit 1 and
// name the first bad record or the truncated chain; the intact copy
// verifies. Also audited now: the auditor's own reads of the audit log,
// sign-ins refused by the rate limiter (once a minute per address), and
// evidence files uploaded without a case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB, BACKEND, cli, get, post, session, signIn, expectStatus, auditLog, startServer, clockNow, sleep, PW } from './lib.mjs';
import { makeCopy, KEY, CHECKPOINTS } from './lib-audit.mjs';

const out = (r) => `${r.stdout}\n${r.stderr}`;

/** Runs fn(copy) on a fresh copy of the live database (checkpointed, intact). */
function withCopy(n, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'zj-chain-'));
  const c = makeCopy(dir, n);
  try {
    const ok = c.cli('audit-verify');
    assert.equal(ok.status, 0, `the untouched copy verifies: ${out(ok)}`);
    assert.match(ok.stdout, /audit chain intact: \d+ records verified in \d+ chains/);
    fn(c);
  } finally {
    c.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('records are chained per jurisdiction: each chain numbered 1..n with no gap, heads match', () => {
  withCopy(1, (c) => {
    const rows = c.sql('SELECT chain, COUNT(*), MIN(seq), MAX(seq) FROM audit_log GROUP BY chain ORDER BY chain').split('\n').map((l) => l.split('|'));
    assert.ok(rows.length >= 2, `several chains (jurisdictions and system): ${JSON.stringify(rows)}`);
    for (const [chain, n, lo, hi] of rows) {
      assert.equal(+lo, 1, `chain ${chain} starts at 1`);
      assert.equal(+hi, +n, `chain ${chain} has no gap`);
      assert.equal(+c.sql(`SELECT seq FROM audit_chain_heads WHERE chain = '${chain}'`), +n, `head of ${chain}`);
    }
    for (const [chain] of rows) {
      if (chain !== 'system') assert.equal(+c.sql(`SELECT COUNT(*) FROM jurisdictions WHERE code = '${chain}'`), 1, `chain ${chain} is a jurisdiction code`);
    }
    assert.equal(+c.sql('SELECT COUNT(*) FROM audit_log WHERE chain IS NULL OR seq IS NULL'), 0);
  });
});

test('truncation: the last 200 records deleted → audit-verify names a truncated chain', () => {
  withCopy(2, (c) => {
    const hit = new Set(c.sql('SELECT DISTINCT chain FROM (SELECT chain FROM audit_log ORDER BY id DESC LIMIT 200) t').split('\n'));
    c.sql('DELETE FROM audit_log WHERE id IN (SELECT id FROM (SELECT id FROM audit_log ORDER BY id DESC LIMIT 200) t)');
    // a careful intruder also rewinds the head rows: only the checkpoint tells
    c.sql('UPDATE audit_chain_heads SET seq = COALESCE((SELECT MAX(seq) FROM audit_log l WHERE l.chain = audit_chain_heads.chain), 0),'
      + " mac = COALESCE((SELECT hash FROM audit_log l WHERE l.chain = audit_chain_heads.chain ORDER BY seq DESC LIMIT 1), '')");
    const bad = c.cli('audit-verify');
    assert.equal(bad.status, 1, out(bad));
    const m = bad.stdout.match(/broken: chain (\S+) truncated/);
    assert.ok(m, out(bad));
    assert.ok(hit.has(m[1]), `${m[1]} lost records (${[...hit]})`);
    assert.match(bad.stderr, /checkpoint of .* counts \d+ records, the database has \d+/);
    // and no new checkpoint anchors the shortened chains
    const cp = c.cli('audit-checkpoint');
    assert.equal(cp.status, 1, out(cp));
    assert.match(cp.stderr, /AUDIT ALARM: checkpoint refused/);
  });
});

test('truncation: every record deleted → audit-verify fails naming the chains', () => {
  withCopy(3, (c) => {
    c.sql('DELETE FROM audit_log');
    c.sql('DELETE FROM audit_chain_heads');
    const bad = c.cli('audit-verify');
    assert.equal(bad.status, 1, out(bad));
    assert.match(bad.stdout, /broken: chain \S+ truncated/);
    assert.match(bad.stderr, /the database has 0/);
  });
});

test('re-hashing: every hash recomputed with plain SHA-256 → the first record is named', () => {
  withCopy(4, (c) => {
    const rows = c.sql('SELECT id, chain, seq, at, action FROM audit_log ORDER BY chain, seq').split('\n').map((l) => l.split('|'));
    let prev = '', chain = '';
    const updates = [];
    for (const [id, ch, ...f] of rows) {
      if (ch !== chain) { prev = ''; chain = ch; }
      const h = createHash('sha256').update([prev, ...f].join('|')).digest('hex');
      updates.push(`UPDATE audit_log SET prev_hash = '${prev}', hash = '${h}' WHERE id = ${id};`);
      prev = h;
    }
    c.script(`BEGIN;\n${updates.join('\n')}\nCOMMIT;\n`);
    c.sql('UPDATE audit_chain_heads SET mac = (SELECT hash FROM audit_log l WHERE l.chain = audit_chain_heads.chain ORDER BY seq DESC LIMIT 1)');
    const first = +c.sql('SELECT MIN(id) FROM audit_log');
    const bad = c.cli('audit-verify');
    assert.equal(bad.status, 1, out(bad));
    assert.match(bad.stdout, new RegExp(`broken at record ${first}\\b`), out(bad));
    assert.match(bad.stderr, /does not match its MAC/);
  });
});

test('an edited field and a deleted middle record are named', () => {
  withCopy(5, (c) => {
    const total = +c.sql('SELECT COUNT(*) FROM audit_log');
    const victim = +c.sql(`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET ${Math.floor(total / 3)}`);
    c.sql(`UPDATE audit_log SET action = action || 'x' WHERE id = ${victim}`);
    let bad = c.cli('audit-verify');
    assert.equal(bad.status, 1, out(bad));
    assert.match(bad.stdout, new RegExp(`broken at record ${victim}\\b`));
    c.sql(`UPDATE audit_log SET action = substr(action, 1, length(action) - 1) WHERE id = ${victim}`);
    assert.equal(c.cli('audit-verify').status, 0, 'undone, it verifies again');
    const [mid, next] = c.sql('SELECT a.id, b.id FROM audit_log a JOIN audit_log b ON b.chain = a.chain AND b.seq = a.seq + 1'
      + ` WHERE a.chain <> 'system' ORDER BY a.id LIMIT 1 OFFSET ${Math.floor(total / 2)}`).split('|').map(Number);
    assert.ok(next > 0, 'a record with a successor in its chain');
    c.sql(`DELETE FROM audit_log WHERE id = ${mid}`);
    bad = c.cli('audit-verify');
    assert.equal(bad.status, 1, out(bad));
    assert.match(bad.stdout, new RegExp(`broken at record ${next}\\b`), `the record after the gap: ${out(bad)}`);
    assert.match(bad.stderr, /missing \(deleted\)/);
  });
});

test('the checkpoint file: signed (an edited count is caught), its digest printed, and verified by digest', () => {
  withCopy(6, (c) => {
    const d = c.cli('audit-digest');
    assert.equal(d.status, 0, out(d));
    const m = d.stdout.match(/digest\s+([0-9A-F]{4}(?:-[0-9A-F]{4}){7})/);
    assert.ok(m, d.stdout);
    assert.match(d.stdout, /records \d+/);
    const ok = c.cli('audit-verify', '--digest', m[1]);
    assert.equal(ok.status, 0, out(ok));
    assert.match(ok.stdout, new RegExp(m[1]));
    assert.equal(c.cli('audit-verify', '--digest', '0000-0000-0000-0000-0000-0000-0000-0000').status, 2, 'an unknown digest');
    // an intruder lowers a count in the checkpoint file to hide a truncation
    const line = readFileSync(c.checkpoints, 'utf8').trim().split('\n').pop();
    const forged = line.replace(/:(\d+):/, (_, n) => `:${+n + 1}:`);
    assert.notEqual(forged, line);
    writeFileSync(c.checkpoints, `${forged}\n`);
    const bad = c.cli('audit-verify');
    assert.notEqual(bad.status, 0, out(bad));
    assert.match(bad.stderr, /signature does not verify/);
  });
});

test('without the key the chain cannot be checked, and another key finds every record wrong', () => {
  withCopy(7, (c) => {
    const none = cli(['audit-verify', '--db', c.db, '--audit-key', join(tmpdir(), `zj-nokey-${process.pid}`), '--audit-checkpoints', c.checkpoints]);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no audit key/);
    const other = join(tmpdir(), `zj-otherkey-${process.pid}`);
    writeFileSync(other, `mac ${'ab'.repeat(32)}\nsign ${'cd'.repeat(32)}\n`, { mode: 0o600 });
    try {
      const r = cli(['audit-verify', '--db', c.db, '--audit-key', other, '--audit-checkpoints', c.checkpoints]);
      assert.notEqual(r.status, 0, out(r));
      assert.match(r.stderr, /signature does not verify/);
    } finally {
      rmSync(other, { force: true });
    }
  });
});

test('the live database verifies against the checkpoints the server writes', () => {
  const r = cli(['audit-verify', '--db', DB]);
  assert.equal(r.status, 0, out(r));
  const lines = readFileSync(CHECKPOINTS, 'utf8').trim().split('\n');
  assert.ok(lines.length >= 2, 'init wrote one, the server another at its start');
  assert.match(lines.at(-1), /^zhijian-audit-checkpoint v1 \S+ \d+ .* sig=[0-9a-f]{128}$/);
  assert.equal((readFileSync(KEY, 'utf8').match(/^(mac|sign) [0-9a-f]{64}$/gm) ?? []).length, 2, 'the key file holds the MAC key and the signing seed');
});

// ---- point 14: what was not audited ----

test("the auditor's own reads of the audit log are audited", async () => {
  const a = await session('auditor');
  expectStatus(await get('/audit_log?limit=3&action=login', { session: a }), 200);
  const reads = await auditLog('action=read_audit', 5); // this read is recorded too, after it is answered
  const mine = reads.find((x) => x.after?.query?.action === 'login' && x.after?.query?.limit === '3');
  assert.ok(mine, JSON.stringify(reads.slice(0, 2)));
  assert.equal(mine.username, 'auditor');
  assert.equal(mine.entity, 'audit_log');
  assert.equal(typeof mine.after.returned, 'number');
});

test('evidence uploaded without a case is audited (who, the hash, the size)', async () => {
  const handler = await session('handler');
  const content = `无案件证据 ${process.pid} ${Date.now()}`;
  const r = await post('/evidence/actions/upload', { content_base64: Buffer.from(content).toString('base64'), file_name: 'note.txt' }, { session: handler });
  expectStatus(r, 200, 'upload without a case');
  const sha = createHash('sha256').update(content).digest('hex');
  assert.equal(r.body.sha256, sha);
  const log = await auditLog('action=upload&entity=evidence', 20);
  const rec = log.find((x) => x.after?.sha256 === sha);
  assert.ok(rec, `an upload record for ${sha}`);
  assert.equal(rec.username, 'handler');
  assert.equal(rec.after.size, Buffer.byteLength(content));
  assert.equal(rec.after.file_name, 'note.txt');
});

test('sign-ins refused by the rate limiter are audited, once a minute per address', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zj-rl-audit-'));
  const clock = join(dir, 'clock');
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const t0 = Math.ceil(clockNow().getTime() / 60000) * 60000 + 5 * 60000; // a minute of its own
  writeFileSync(clock, iso(t0));
  const srv = await startServer(DB, { ZJ_TEST_CLOCK: clock, ZJ_LOGIN_RATE: '3' });
  try {
    const minute = iso(t0).slice(0, 16);
    const count = async () => (await auditLog('action=login_rate_limited', 500)).filter((x) => x.at.startsWith(minute)).length;
    const before = await count();
    for (let i = 0; i < 3; i++) expectStatus(await signIn('zz_rl_nobody', 'Wrong-Pass-2026', { base: srv.api }), 401, `attempt ${i + 1}`);
    for (let i = 0; i < 6; i++) expectStatus(await signIn('zz_rl_nobody', 'Wrong-Pass-2026', { base: srv.api }), 429, `refused ${i + 1}`);
    assert.equal(await count(), before + 1, 'six refusals, one record');
    const rec = (await auditLog('action=login_rate_limited', 5)).find((x) => x.at.startsWith(minute));
    assert.equal(rec.ip, '127.0.0.1');
    assert.equal(rec.entity, 'users');
    // the next minute: refused again → recorded again
    writeFileSync(clock, iso(t0 + 60000));
    for (let i = 0; i < 4; i++) await signIn('zz_rl_nobody', 'Wrong-Pass-2026', { base: srv.api });
    const next = (await auditLog('action=login_rate_limited', 500)).filter((x) => x.at.startsWith(iso(t0 + 60000).slice(0, 16)));
    assert.equal(next.length, 1);
    expectStatus(await signIn('director', PW), 201, 'the main server is not limited');
  } finally {
    srv.child.kill('SIGTERM');
    const ex = await srv.exited;
    rmSync(dir, { recursive: true, force: true });
    assert.equal(ex.code, 0, srv.stderr().slice(-500));
  }
  // the second server anchored its final heads on its way out
  assert.match(srv.stderr(), /audit checkpoint .* chains, \d+ records, digest/);
});

// ---- scale: districts never wait for one another ----

test('PostgreSQL: while one chain head is locked, a sign-in in another district is recorded at once; one in the locked chain waits', async (t) => {
  if (BACKEND !== 'pg') return t.skip('SQLite serialises all writers by design');
  const { spawn } = await import('node:child_process');
  const pgBin = process.env.ZJ_PG_BIN ?? '';
  const psql = spawn(pgBin ? join(pgBin, 'psql') : 'psql', ['-X', '-q', '-d', DB], { stdio: ['pipe', 'pipe', 'pipe'] });
  const locked = new Promise((resolve) => psql.stdout.on('data', (d) => { if (String(d).includes('held')) resolve(); }));
  // another transaction holds the city chain's head row (as a long write in 150200 would)
  psql.stdin.write("BEGIN;\nUPDATE audit_chain_heads SET seq = seq WHERE chain = '150200';\nSELECT 'held';\n");
  await locked;
  try {
    const t0 = Date.now();
    expectStatus(await signIn('kundulun'), 201, 'Kundulun (chain 150203)');
    const other = Date.now() - t0;
    t.diagnostic(`sign-in on chain 150203 while 150200 is locked: ${other} ms`);
    assert.ok(other < 3000, `not held up by the other chain (${other} ms)`);
    let done = false;
    const same = signIn('director').then((r) => { done = true; return r; });
    await sleep(1500);
    assert.equal(done, false, 'a sign-in on the locked chain waits for its head row');
    psql.stdin.write('ROLLBACK;\n');
    expectStatus(await same, 201, 'then goes through');
  } finally {
    psql.stdin.end();
    await new Promise((resolve) => psql.on('exit', resolve));
  }
});
