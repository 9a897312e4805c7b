// lib-audit.mjs — copies of the live database that an audit test may damage,
// and the audit key and checkpoint file they are verified with. A copy gets
// its own checkpoint file, written by `zhijian audit-checkpoint` before the
// damage (the live server may anchor newer heads in the live file meanwhile).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BACKEND, DB, cli } from './lib.mjs';

const PG_BIN = process.env.ZJ_PG_BIN ?? '';

/** The live database's audit key file (run.sh: beside the SQLite file, or ZJ_AUDIT_KEY_FILE). */
export const KEY = process.env.ZJ_AUDIT_KEY_FILE || `${DB}.auditkey`;
/** The live checkpoint file (the key's name with .checkpoints). */
export const CHECKPOINTS = process.env.ZJ_AUDIT_CHECKPOINT_FILE || KEY.replace(/\.auditkey$/, '') + '.checkpoints';

export function sh(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * A copy of the live database: {db, sql(query) → text, script(sql text on stdin), cli(cmd, ...args), checkpoints, drop()}.
 * c.cli runs a zhijian command on the copy with the live key and the copy's checkpoint file.
 */
export function makeCopy(dir, n) {
  let copy;
  if (BACKEND === 'sqlite') {
    const file = join(dir, `copy${n}.db`);
    const b = cli(['backup', '--db', DB, file]);
    assert.equal(b.status, 0, b.stderr);
    copy = { db: file, sql: (q) => sh('sqlite3', [file, q]), script: (text) => sh('sqlite3', ['-bail', file], text), drop: () => {} };
  } else {
    const psql = PG_BIN ? join(PG_BIN, 'psql') : 'psql';
    const pgdump = PG_BIN ? join(PG_BIN, 'pg_dump') : 'pg_dump';
    const name = `zhijian_tamper_${process.pid}_${n}`;
    const uri = DB.replace(/\/[^/?]+(\?.*)?$/, `/${name}`);
    sh(psql, ['-X', '-q', '-d', DB, '-c', `CREATE DATABASE ${name}`]);
    const dump = sh(pgdump, ['--no-owner', '--no-privileges', '-d', DB]);
    sh(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', uri], dump);
    copy = {
      db: uri,
      sql: (q) => sh(psql, ['-X', '-q', '-At', '-d', uri, '-c', q]),
      script: (text) => sh(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', uri], text),
      drop: () => spawnSync(psql, ['-X', '-q', '-d', DB, '-c', `DROP DATABASE IF EXISTS ${name}`]),
    };
  }
  copy.checkpoints = join(dir, `copy${n}.checkpoints`);
  copy.cli = (cmd, ...args) => cli([cmd, '--db', copy.db, '--audit-key', KEY, '--audit-checkpoints', copy.checkpoints, ...args]);
  const cp = copy.cli('audit-checkpoint');
  assert.equal(cp.status, 0, `checkpoint of the copy: ${cp.stdout} ${cp.stderr}`);
  return copy;
}
