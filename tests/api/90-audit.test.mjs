// The audit chain: after everything the suite did, `zhijian audit-verify`
// passes on the live database; a copy (SQLite: zhijian backup; PostgreSQL:
// pg_dump into a new database) with one audit row changed, removed or its
// hash overwritten fails and names that record. (Truncation and re-hashing:
// 91-audit-chain.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB, cli, get, session, expectStatus, auditLog } from './lib.mjs';
import { makeCopy } from './lib-audit.mjs';

test('audit-verify passes on the live database after the whole suite', async () => {
  const r = cli(['audit-verify', '--db', DB]);
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const m = r.stdout.match(/(\d+) records verified/);
  assert.ok(m, r.stdout);
  assert.ok(+m[1] > 100, 'the suite left many records');
});

test('the audit log records who, when, from where, what, before and after', async () => {
  const log = await auditLog('action=update&entity=enterprises', 5);
  assert.ok(log.length > 0);
  const x = log[0];
  assert.ok(x.username && x.at && x.ip && x.entity_id, JSON.stringify(x));
  assert.match(x.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(x.ip, '127.0.0.1');
  assert.ok(x.before && typeof x.before === 'object', 'before');
  assert.ok(x.after && typeof x.after === 'object', 'after');
  for (const action of ['login', 'login_failed', 'logout', 'create', 'update', 'delete', 'denied', 'read_personal', 'export', 'import']) {
    assert.ok((await auditLog(`action=${action}`, 1)).length === 1, `some ${action} record`);
  }
  const a = await session('auditor');
  expectStatus(await get('/audit_log?limit=0', { session: a }), 200, 'a bad limit falls back to the default');
});

test('tamper test: change one audit row in a copy → audit-verify exits 1 naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zj-tamper-'));
  const c = makeCopy(dir, 1);
  try {
    const ok = c.cli('audit-verify');
    assert.equal(ok.status, 0, `the untouched copy verifies: ${ok.stdout} ${ok.stderr}`);
    const total = +c.sql('SELECT COUNT(*) FROM audit_log');
    const victim = +c.sql(`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET ${Math.floor(total / 2)}`);
    // a quiet edit: the user name of one record
    c.sql(`UPDATE audit_log SET username = username || 'x' WHERE id = ${victim}`);
    const bad = c.cli('audit-verify');
    assert.equal(bad.status, 1, `${bad.stdout} ${bad.stderr}`);
    assert.match(bad.stdout + bad.stderr, new RegExp(`\\b${victim}\\b`), `names record ${victim}`);
    // undone, it verifies again; then change the after-image of another record
    c.sql(`UPDATE audit_log SET username = substr(username, 1, length(username) - 1) WHERE id = ${victim}`);
    assert.equal(c.cli('audit-verify').status, 0, 'undoing the edit restores the chain');
    const v2 = +c.sql("SELECT id FROM audit_log WHERE action = 'update' ORDER BY id DESC LIMIT 1");
    c.sql(`UPDATE audit_log SET after = '{}' WHERE id = ${v2}`);
    const bad2 = c.cli('audit-verify');
    assert.equal(bad2.status, 1);
    assert.match(bad2.stdout + bad2.stderr, new RegExp(`\\b${v2}\\b`));
  } finally {
    c.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tamper test: delete one audit row, or overwrite a hash → that link breaks and is named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zj-tamper-'));
  const c = makeCopy(dir, 2);
  try {
    // a record and the next one of its chain (one chain per jurisdiction)
    const [victim, next] = c.sql('SELECT a.id, b.id FROM audit_log a JOIN audit_log b ON b.chain = a.chain AND b.seq = a.seq + 1'
      + ' ORDER BY a.id LIMIT 1 OFFSET 20').split('|').map(Number);
    c.sql(`DELETE FROM audit_log WHERE id = ${victim}`);
    const bad = c.cli('audit-verify');
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, new RegExp(`broken at record ${next}\\b`), `names the record after the gap (${next})`);
  } finally {
    c.drop();
  }
  const c2 = makeCopy(dir, 3);
  try {
    const last = +c2.sql('SELECT MAX(id) FROM audit_log');
    c2.sql(`UPDATE audit_log SET hash = '${'0'.repeat(64)}' WHERE id = ${last - 3}`);
    const bad2 = c2.cli('audit-verify');
    assert.equal(bad2.status, 1);
    assert.match(bad2.stdout + bad2.stderr, new RegExp(`\\b${last - 3}\\b`));
  } finally {
    c2.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
