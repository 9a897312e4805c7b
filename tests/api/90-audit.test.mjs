// The audit chain: after everything the suite did, `zhijian audit-verify`
// passes on the live database; a copy (SQLite: zhijian backup; PostgreSQL:
// pg_dump into a new database) with one audit row changed, removed or
// re-hashed fails and names that record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND, DB, cli, get, session, expectStatus, auditLog } from './lib.mjs';

const PG_BIN = process.env.ZJ_PG_BIN ?? '';

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

function sh(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A copy of the live database that the test may damage: {db, sql(query) → text, drop()}. */
function makeCopy(dir, n) {
  if (BACKEND === 'sqlite') {
    const copy = join(dir, `copy${n}.db`);
    const b = cli(['backup', '--db', DB, copy]);
    assert.equal(b.status, 0, b.stderr);
    return { db: copy, sql: (q) => sh('sqlite3', [copy, q]), drop: () => {} };
  }
  const psql = PG_BIN ? join(PG_BIN, 'psql') : 'psql';
  const pgdump = PG_BIN ? join(PG_BIN, 'pg_dump') : 'pg_dump';
  const name = `zhijian_tamper_${process.pid}_${n}`;
  const uri = DB.replace(/\/[^/?]+(\?.*)?$/, `/${name}`);
  sh(psql, ['-X', '-q', '-d', DB, '-c', `CREATE DATABASE ${name}`]);
  const dump = sh(pgdump, ['--no-owner', '--no-privileges', '-d', DB]);
  sh(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', uri], dump);
  return {
    db: uri,
    sql: (q) => sh(psql, ['-X', '-q', '-At', '-d', uri, '-c', q]),
    drop: () => spawnSync(psql, ['-X', '-q', '-d', DB, '-c', `DROP DATABASE IF EXISTS ${name}`]),
  };
}

test('tamper test: change one audit row in a copy → audit-verify exits 1 naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zj-tamper-'));
  const c = makeCopy(dir, 1);
  try {
    const ok = cli(['audit-verify', '--db', c.db]);
    assert.equal(ok.status, 0, `the untouched copy verifies: ${ok.stdout} ${ok.stderr}`);
    const total = +c.sql('SELECT COUNT(*) FROM audit_log');
    const victim = +c.sql(`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET ${Math.floor(total / 2)}`);
    // a quiet edit: the user name of one record
    c.sql(`UPDATE audit_log SET username = username || 'x' WHERE id = ${victim}`);
    const bad = cli(['audit-verify', '--db', c.db]);
    assert.equal(bad.status, 1, `${bad.stdout} ${bad.stderr}`);
    assert.match(bad.stdout + bad.stderr, new RegExp(`\\b${victim}\\b`), `names record ${victim}`);
    // undone, it verifies again; then change the after-image of another record
    c.sql(`UPDATE audit_log SET username = substr(username, 1, length(username) - 1) WHERE id = ${victim}`);
    assert.equal(cli(['audit-verify', '--db', c.db]).status, 0, 'undoing the edit restores the chain');
    const v2 = +c.sql("SELECT id FROM audit_log WHERE action = 'update' ORDER BY id DESC LIMIT 1");
    c.sql(`UPDATE audit_log SET after = '{}' WHERE id = ${v2}`);
    const bad2 = cli(['audit-verify', '--db', c.db]);
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
    const ids = c.sql('SELECT id FROM audit_log ORDER BY id LIMIT 2 OFFSET 20').split('\n').map(Number);
    c.sql(`DELETE FROM audit_log WHERE id = ${ids[0]}`);
    const bad = cli(['audit-verify', '--db', c.db]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout + bad.stderr, new RegExp(`\\b${ids[1]}\\b`), `names the record after the gap (${ids[1]})`);
  } finally {
    c.drop();
  }
  const c2 = makeCopy(dir, 3);
  try {
    const last = +c2.sql('SELECT MAX(id) FROM audit_log');
    c2.sql(`UPDATE audit_log SET hash = '${'0'.repeat(64)}' WHERE id = ${last - 3}`);
    const bad2 = cli(['audit-verify', '--db', c2.db]);
    assert.equal(bad2.status, 1);
    assert.match(bad2.stdout + bad2.stderr, new RegExp(`\\b${last - 3}\\b`));
  } finally {
    c2.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
