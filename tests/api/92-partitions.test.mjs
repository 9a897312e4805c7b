// Partitions on PostgreSQL (migration 035, docs/scale.md "Partitioning"):
// on a database of its own, with the test clock, audit records written over
// several months land each in its month's partition; a session in its
// month's; a record of a month with no partition lands in the DEFAULT
// partition, is reported, and `partitions create-ahead` gives it one; an
// old month still holding a live session is not detached; detached months
// move to the schema zj_archive and `audit-verify` still verifies the whole
// chain through them; a row altered in a detached partition breaks it.
// The keyset order (id DESC) across partitions has an index path (Merge
// Append of index scans). On SQLite: the command says plain tables, and bad
// arguments are refused on both backends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND, DB, cli, get, signIn, expectStatus, startServer, stopServer, sleep } from './lib.mjs';
import { sh } from './lib-audit.mjs';

const PG_ONLY = BACKEND !== 'pg' && 'PostgreSQL only: SQLite keeps plain tables (migration 035 is blank there)';
const PW = 'Root-Pass-2026';
const out = (r) => `${r.stdout}\n${r.stderr}`;
let dir, clock, env, uri, psql, name;

const at = (iso) => writeFileSync(clock, iso);
const run = (...args) => cli(args, { env });
const sql = (q) => sh(psql, ['-X', '-q', '-At', '-d', uri, '-c', q]);
/** partition name → rows, for a parent table */
function rowsByPartition(table) {
  const m = {};
  for (const l of sql(`SELECT tableoid::regclass, COUNT(*) FROM ${table} GROUP BY 1`).split('\n').filter(Boolean)) {
    const [p, n] = l.split('|');
    m[p] = +n;
  }
  return m;
}

before(() => {
  if (BACKEND !== 'pg') return;
  dir = mkdtempSync(join(tmpdir(), 'zj-part-'));
  clock = join(dir, 'clock');
  env = { ZJ_TEST_CLOCK: clock, ZJ_AUDIT_KEY_FILE: join(dir, 'key'), ZJ_AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints') };
  psql = process.env.ZJ_PG_BIN ? join(process.env.ZJ_PG_BIN, 'psql') : 'psql';
  name = `zhijian_part_${process.pid}`;
  uri = DB.replace(/\/[^/?]+(\?.*)?$/, `/${name}`);
  sh(psql, ['-X', '-q', '-d', DB, '-c', `CREATE DATABASE ${name}`]);
  at('2026-01-15T10:00:00Z');
  const r = run('init', '--db', uri, '--admin-password', PW);
  assert.equal(r.status, 0, out(r));
});

after(() => {
  if (BACKEND !== 'pg') return;
  sh(psql, ['-X', '-q', '-d', DB, '-c', `DROP DATABASE IF EXISTS ${name}`]);
  rmSync(dir, { recursive: true, force: true });
});

test('bad arguments are refused naming the argument (both backends)', () => {
  let r = cli(['partitions', '--db', DB, 'detach']);
  assert.equal(r.status, 2, out(r));
  assert.match(r.stderr, /--before YYYY-MM/);
  r = cli(['partitions', '--db', DB, 'detach', '--before', '2026-13']);
  assert.equal(r.status, 2, out(r));
  r = cli(['partitions', '--db', DB, 'shuffle']);
  assert.equal(r.status, 2, out(r));
  r = cli(['partitions', '--db', DB, 'list', '--before', '2026-01']);
  assert.equal(r.status, 2, out(r));
  if (BACKEND === 'sqlite') {
    r = cli(['partitions', '--db', DB, 'list']);
    assert.equal(r.status, 0, out(r));
    assert.match(r.stdout, /SQLite: plain tables/);
  }
});

test('init makes this month and the next three; records of each month land in their partition', { skip: PG_ONLY }, () => {
  const l = run('partitions', '--db', uri, 'list');
  assert.equal(l.status, 0, out(l));
  for (const p of ['audit_log_p202601', 'audit_log_p202604', 'sessions_p202601', 'sessions_p202604', 'results_p2026', 'results_p2027', 'audit_log_default'])
    assert.match(l.stdout, new RegExp(`^${p} `, 'm'), `${p} listed`);
  assert.doesNotMatch(l.stdout, /audit_log_p202605/, 'not further than three months ahead');
  for (const m of ['02', '03', '04']) {
    at(`2026-${m}-10T10:00:00Z`);
    for (const sub of ['lock', 'unlock']) {
      const r = run('user', '--db', uri, sub, 'admin');
      assert.equal(r.status, 0, out(r));
    }
  }
  const rows = rowsByPartition('audit_log');
  for (const m of ['02', '03', '04']) assert.equal(rows[`audit_log_p2026${m}`], 2, `two records in 2026-${m}: ${JSON.stringify(rows)}`);
  assert.ok(rows.audit_log_p202601 > 0);
  assert.equal(rows.audit_log_default, undefined, 'nothing in DEFAULT');
  // the keyset order of the audit list has an index path across partitions
  const plan = sql('SET enable_seqscan = off; EXPLAIN SELECT id, at FROM audit_log WHERE id < 1000000 ORDER BY id DESC LIMIT 50');
  assert.match(plan, /Merge Append/, plan);
  assert.match(plan, /Index (Only )?Scan Backward using audit_log_p202601_pkey/, plan);
  assert.doesNotMatch(plan, /(^|->\s+)Sort\s+\(/m, plan); // a Sort node, not the Merge Append's sort key
});

test('a month without a partition: the row lands in DEFAULT, is reported, and create-ahead gives it one', { skip: PG_ONLY }, () => {
  at('2026-08-20T10:00:00Z'); // the job did not run for months
  assert.equal(run('user', '--db', uri, 'lock', 'admin').status, 0);
  assert.equal(run('user', '--db', uri, 'unlock', 'admin').status, 0);
  assert.equal(rowsByPartition('audit_log').audit_log_default, 2);
  const l = run('partitions', '--db', uri, 'list');
  assert.match(l.stdout, /^audit_log_default\s+default\s+2\s/m, l.stdout);
  const c = run('partitions', '--db', uri, 'create-ahead');
  assert.equal(c.status, 0, out(c));
  assert.match(c.stdout, /created audit_log_p202608 .*moved 2 row\(s\) from audit_log_default/);
  assert.match(c.stdout, /created audit_log_p202611 /, 'three months ahead of the clock');
  const rows = rowsByPartition('audit_log');
  assert.equal(rows.audit_log_p202608, 2);
  assert.equal(rows.audit_log_default, undefined);
  // a key that is not a date stays in DEFAULT: create-ahead says so and exits 1
  sql("INSERT INTO audit_log (at, action, prev_hash, hash, chain, seq) VALUES ('not-a-date', 'probe', '', '', 'probe', 1)");
  const bad = run('partitions', '--db', uri, 'create-ahead');
  assert.equal(bad.status, 1, out(bad));
  assert.match(bad.stdout, /audit_log_default holds 1 row\(s\) outside every partition/);
  sql("DELETE FROM audit_log WHERE chain = 'probe'");
});

test('sessions: a sign-in lands in its month; a month holding a live session is not detached', { skip: PG_ONLY }, async () => {
  at('2026-03-31T23:00:00Z');
  const exists = (t) => +sql(`SELECT COUNT(*) FROM pg_class WHERE relname = '${t}'`) === 1;
  assert.ok(!exists('audit_log_p202605') && !exists('sessions_p202606'), 'May and June not made yet');
  const srv = await startServer(uri, env);
  try {
    const r = await signIn('admin', PW, { base: srv.api });
    expectStatus(r, 201);
    expectStatus(await get('/sessions', { session: { token: r.body.token, csrf: r.body.csrf }, base: srv.api }), 200);
    // the server's periodic job partition_ahead makes this month's and the next three
    for (let i = 0; i < 100 && !exists('sessions_p202606'); i++) await sleep(100);
    assert.ok(exists('audit_log_p202605') && exists('sessions_p202606'), 'made by the job');
    assert.ok(!exists('sessions_p202607'), 'no further than three months ahead');
    for (let i = 0; i < 50 && !sql("SELECT last_result FROM job_runs WHERE name = 'partition_ahead'"); i++) await sleep(100);
    assert.equal(sql("SELECT last_result FROM job_runs WHERE name = 'partition_ahead'"), 'default_rows=0');
  } finally {
    await stopServer(srv);
  }
  assert.equal(rowsByPartition('sessions').sessions_p202603, 1);
  at('2026-04-01T00:30:00Z');
  const d = run('partitions', '--db', uri, 'detach', '--before', '2026-04');
  assert.equal(d.status, 1, out(d));
  assert.match(d.stdout, /sessions_p202603 still holds 1 live session/);
  assert.equal(+sql("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'zj_archive'"), 0, 'nothing detached');
});

test('detached months go to zj_archive; audit-verify follows the chain through them; a tampered archived row breaks it', { skip: PG_ONLY }, () => {
  at('2026-09-01T00:00:00Z'); // the March session has long expired
  const total = +sql('SELECT COUNT(*) FROM audit_log');
  const v0 = run('audit-verify', '--db', uri);
  assert.equal(v0.status, 0, out(v0));
  const n0 = +v0.stdout.match(/(\d+) records verified/)[1];
  const d = run('partitions', '--db', uri, 'detach', '--before', '2026-04');
  assert.equal(d.status, 0, out(d));
  for (const p of ['audit_log_p202601', 'audit_log_p202602', 'audit_log_p202603', 'sessions_p202603'])
    assert.match(d.stdout, new RegExp(`detached ${p} into zj_archive\\.${p}`));
  assert.doesNotMatch(d.stdout, /audit_log_p202604/);
  const archived = +sql('SELECT (SELECT COUNT(*) FROM zj_archive.audit_log_p202601) + (SELECT COUNT(*) FROM zj_archive.audit_log_p202602) + (SELECT COUNT(*) FROM zj_archive.audit_log_p202603)');
  assert.ok(archived > 0);
  // the detachment itself is audited, in a live partition
  assert.equal(+sql("SELECT COUNT(*) FROM audit_log WHERE action = 'partitions_detach'"), 1);
  assert.equal(+sql('SELECT COUNT(*) FROM audit_log'), total - archived + 1, 'the parent no longer holds them');
  const l = run('partitions', '--db', uri, 'list');
  assert.match(l.stdout, /^audit_log_p202601\s+archived/m, l.stdout);
  const v = run('audit-verify', '--db', uri);
  assert.equal(v.status, 0, out(v));
  assert.equal(+v.stdout.match(/(\d+) records verified/)[1], n0 + 1, 'every record, archived ones included, verified');
  // an archived record altered
  const id = sql("SELECT id FROM zj_archive.audit_log_p202602 WHERE action = 'user_lock' LIMIT 1");
  sql(`UPDATE zj_archive.audit_log_p202602 SET action = 'user_unlock' WHERE id = ${id}`);
  const bad = run('audit-verify', '--db', uri);
  assert.equal(bad.status, 1, out(bad));
  assert.match(bad.stdout, new RegExp(`broken at record ${id} `));
  assert.match(bad.stderr, /content does not match its MAC/);
  // an archived partition dropped (instead of dumped and kept): the chain has a gap
  sql(`UPDATE zj_archive.audit_log_p202602 SET action = 'user_lock' WHERE id = ${id}`);
  assert.equal(run('audit-verify', '--db', uri).status, 0, 'restored');
  sql('DROP TABLE zj_archive.audit_log_p202603');
  const gap = run('audit-verify', '--db', uri);
  assert.equal(gap.status, 1, out(gap));
  assert.match(gap.stderr, /missing \(deleted\)/);
});

test('the upgrade to migration 035 converts existing data: same rows, same ids, sequence kept, keys and indexes made again', { skip: PG_ONLY }, () => {
  const up = `${name}_up`;
  const upUri = DB.replace(/\/[^/?]+(\?.*)?$/, `/${up}`);
  const q = (s) => sh(psql, ['-X', '-q', '-At', '-d', upUri, '-c', s]);
  const upEnv = { ...env, ZJ_AUDIT_KEY_FILE: join(dir, 'key-up'), ZJ_AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints-up') };
  sh(psql, ['-X', '-q', '-d', DB, '-c', `CREATE DATABASE ${up}`]);
  try {
    at('2025-11-10T08:00:00Z');
    let r = cli(['init', '--db', upUri, '--admin-password', PW], { env: { ...upEnv, ZJ_MIGRATE_UPTO: '34' } });
    assert.equal(r.status, 0, out(r));
    assert.equal(q("SELECT relkind FROM pg_class WHERE relname = 'audit_log'"), 'r', 'plain before 035');
    at('2025-12-05T08:00:00Z');
    for (const sub of ['lock', 'unlock']) assert.equal(cli(['user', '--db', upUri, sub, 'admin'], { env: upEnv }).status, 0);
    q("INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, last_seen, expires_at)"
      + " SELECT 'th-upgrade', id, 'session', 'c', '2025-12-05T08:00:00Z', '2025-12-05T08:00:00Z', '2025-12-05T20:00:00Z' FROM users WHERE username = 'admin'");
    const rowsBefore = q('SELECT id, at, action, chain, seq, hash FROM audit_log ORDER BY id');
    const maxId = +q('SELECT MAX(id) FROM audit_log');
    at('2026-01-15T10:00:00Z');
    r = cli(['init', '--db', upUri], { env: upEnv });
    assert.equal(r.status, 0, out(r));
    assert.match(r.stdout, /schema: [1-9]\d* migration\(s\) applied/);
    for (const t of ['audit_log', 'sessions', 'results']) assert.equal(q(`SELECT relkind FROM pg_class WHERE relname = '${t}'`), 'p', `${t} partitioned`);
    assert.equal(q('SELECT id, at, action, chain, seq, hash FROM audit_log ORDER BY id'), rowsBefore, 'every audit row kept as it was');
    const parts = q('SELECT DISTINCT tableoid::regclass FROM audit_log ORDER BY 1').split('\n');
    assert.deepEqual(parts, ['audit_log_p202511', 'audit_log_p202512'], 'each month in its partition, none in DEFAULT');
    assert.equal(q("SELECT tableoid::regclass FROM sessions WHERE token_hash = 'th-upgrade'"), 'sessions_p202512');
    // keys, indexes and foreign keys made again; the sequence carries on
    assert.equal(q("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'audit_log'::regclass AND contype = 'p'"), 'PRIMARY KEY (id, at)');
    assert.match(q("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'sessions'::regclass AND contype = 'f'"), /FOREIGN KEY \(user_id\) REFERENCES users\(id\)/);
    assert.equal(q("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'results'::regclass AND contype = 'f'"), '4', 'results keep their four foreign keys');
    for (const ix of ['audit_entity', 'audit_chain_seq', 'sessions_token_hash_key', 'sessions_user', 'results_sample'])
      assert.equal(q(`SELECT COUNT(*) FROM pg_indexes WHERE indexname = '${ix}'`), '1', `index ${ix}`);
    assert.match(q('SELECT pg_get_serial_sequence(\'audit_log\', \'id\')'), /audit_log_id_seq/, 'the sequence now belongs to the new table');
    assert.equal(cli(['user', '--db', upUri, 'lock', 'admin'], { env: upEnv }).status, 0);
    assert.ok(+q('SELECT MAX(id) FROM audit_log') > maxId, 'new ids continue after the old ones');
    const v = cli(['audit-verify', '--db', upUri], { env: upEnv });
    assert.equal(v.status, 0, out(v));
  } finally {
    sh(psql, ['-X', '-q', '-d', DB, '-c', `DROP DATABASE IF EXISTS ${up}`]);
  }
});
