// Import and export: CSV, XLSX and JSON out; CSV and XLSX in, all-or-nothing,
// with a row-level report; jobs; templates; scope on both directions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  call, get, post, del, session, expectStatus, uscc, tag, count, juris, createEnterprise, waitJob, parseCsv, toCsv, listAll, auditLog,
} from './lib.mjs';

async function importFile(s, body, query = 'format=csv', ctype = 'text/csv') {
  const r = await call('POST', `/enterprises/import?${query}`, { session: s, raw: body, headers: { 'Content-Type': ctype } });
  expectStatus(r, 202, 'import accepted');
  assert.ok(Number.isInteger(r.body.job), `job id: ${r.text}`);
  return waitJob(s, r.body.job);
}

test('export CSV: BOM, header row of zh-CN labels, one record per row (== /count)', async () => {
  const d = await session('director');
  const n = await count(d, 'enterprises');
  const r = await get('/enterprises/export?format=csv', { session: d });
  assert.equal(r.status, 200);
  assert.match(r.ctype, /^text\/csv/);
  assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="enterprises-.*\.csv"/);
  assert.equal(r.buf[0], 0xef, 'UTF-8 BOM');
  const rows = parseCsv(r.text);
  assert.equal(rows[0][0], '企业名称');
  assert.ok(rows[0].includes('统一社会信用代码'));
  assert.equal(rows.length - 1, n, 'header + N rows');
  const codeCol = rows[0].indexOf('统一社会信用代码');
  assert.equal(new Set(rows.slice(1).map((x) => x[codeCol])).size, n, 'every record once');
  const phoneCol = rows[0].indexOf('联系电话');
  assert.ok(rows.slice(1).some((x) => /^1\d{10}$/.test(x[phoneCol])), 'director exports phones unmasked');
  const named = await get('/enterprises/export?format=csv&header=name', { session: d });
  assert.deepEqual(parseCsv(named.text)[0].slice(0, 3), ['name', 'uscc', 'legal_rep']);
  const en = await get('/enterprises/export?format=csv', { session: d, headers: { 'Accept-Language': 'en' } });
  assert.equal(parseCsv(en.text)[0][0], 'Name');
});

test('export honours filters; XLSX is a zip workbook; JSON is an array of rows', async () => {
  const d = await session('director');
  const dh = await juris(d, '150202');
  const n = await count(d, 'enterprises', `jurisdiction_id=${dh.id}`);
  const c = await get(`/enterprises/export?format=csv&jurisdiction_id=${dh.id}`, { session: d });
  assert.equal(parseCsv(c.text).length - 1, n);
  const x = await get('/enterprises/export?format=xlsx', { session: d });
  assert.equal(x.status, 200);
  assert.match(x.ctype, /spreadsheetml/);
  assert.equal(x.buf.subarray(0, 2).toString('latin1'), 'PK', 'XLSX starts with PK');
  assert.ok(x.buf.length > 10000);
  const j = await get('/enterprises/export?format=json', { session: d });
  assert.equal(j.status, 200);
  const arr = JSON.parse(j.text);
  assert.ok(Array.isArray(arr));
  assert.equal(arr.length, await count(d, 'enterprises'));
  assert.ok(arr.every((row) => row.id && row.uscc && row.version));
  const log = await auditLog('action=export&username=director', 50);
  assert.ok(log.length >= 3, 'each export is audited');
});

test('templates: CSV header row only; XLSX workbook; needs the import permission', async () => {
  const d = await session('director');
  const t = await get('/enterprises/template?format=csv', { session: d });
  assert.equal(t.status, 200);
  const rows = parseCsv(t.text);
  assert.equal(rows.length, 1);
  assert.ok(rows[0].includes('企业名称') && rows[0].includes('统一社会信用代码'));
  const tx = await get('/enterprises/template?format=xlsx', { session: d });
  assert.equal(tx.status, 200);
  assert.equal(tx.buf.subarray(0, 2).toString('latin1'), 'PK');
  const sampler = await session('sampler');
  expectStatus(await get('/enterprises/template?format=csv', { session: sampler }), 403);
});

test('import CSV with good rows → job done, rows inserted (field names or zh labels as headings)', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const t = tag('导入');
  const csv = toCsv([
    ['name', 'uscc', 'kinds', 'size', 'phone', 'jurisdiction_id'],
    [`${t}甲有限公司`, uscc('150202'), 'producer', 'small', '13700000001', '东河区'],
    [`${t}乙有限公司`, uscc('150203'), 'distributor,caterer', 'micro', '', ''],
    [`${t}丙有限公司`, uscc('150204'), 'producer', '', '13700000003', '150204'],
  ]);
  const job = await importFile(d, csv);
  assert.equal(job.state, 'done', JSON.stringify(job));
  assert.equal(job.kind, 'import');
  assert.equal(job.result.inserted, 3);
  assert.deepEqual(job.result.errors, []);
  assert.equal(job.done, 3);
  assert.equal(await count(d, 'enterprises'), n0 + 3);
  const rows = await listAll(d, 'enterprises', `q=${encodeURIComponent(t)}&sort=name`);
  assert.deepEqual(rows.map((x) => x.name), [`${t}丙有限公司`, `${t}乙有限公司`, `${t}甲有限公司`].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const yi = rows.find((x) => x.name.includes('乙'));
  assert.deepEqual(yi.kinds, ['distributor', 'caterer']);
  assert.equal(yi.jurisdiction_id, (await juris(d, '150203')).id, 'jurisdiction defaulted from the code');
  assert.equal(rows.find((x) => x.name.includes('甲')).jurisdiction_id, (await juris(d, '150202')).id, 'reference by label');
  assert.equal(rows.find((x) => x.name.includes('丙')).jurisdiction_id, (await juris(d, '150204')).id, 'reference by code');
  const audit = await auditLog('action=import&username=director', 10);
  assert.ok(audit.some((a) => a.after?.rows === 3 && /^[0-9a-f]{64}$/.test(a.after?.file_sha256 ?? '')), 'one audit record with the file hash');
  // headings as in the template (zh-CN labels)
  const tpl = parseCsv((await get('/enterprises/template?format=csv', { session: d })).text)[0];
  const t2 = tag('模板');
  const row = tpl.map((h) => ({ 企业名称: `${t2}有限公司`, 统一社会信用代码: uscc('150207'), 主体类型: 'online', 企业规模: 'large' })[h] ?? '');
  const j2 = await importFile(d, '\ufeff' + toCsv([tpl, row]));
  assert.equal(j2.state, 'done', JSON.stringify(j2.result));
  assert.equal(j2.result.inserted, 1);
});

test('one bad row among good ones → job failed, that row reported, nothing written', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const t = tag('坏行');
  const bad = uscc('150202');
  const badCode = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');
  const csv = toCsv([
    ['name', 'uscc', 'kinds', 'size'],
    [`${t}一有限公司`, uscc('150202'), 'producer', 'small'],
    [`${t}二有限公司`, badCode, 'producer', 'small'],
    [`${t}三有限公司`, uscc('150202'), 'producer', 'small'],
  ]);
  const job = await importFile(d, csv);
  assert.equal(job.state, 'failed', JSON.stringify(job));
  assert.equal(job.result.inserted, 0);
  assert.equal(job.result.errors.length, 1, JSON.stringify(job.result.errors));
  const e = job.result.errors[0];
  assert.equal(e.row, 3, 'row 3 of the file (the heading is row 1)');
  assert.equal(e.field, 'uscc');
  assert.equal(e.value, badCode);
  assert.ok(e.reason.length > 0);
  assert.equal(await count(d, 'enterprises'), n0, 'nothing written');
  assert.equal((await get(`/enterprises?q=${encodeURIComponent(t)}`, { session: d })).body.items.length, 0);
});

test('every bad row is reported (row, field, value, reason): several rows and fields', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const dup = uscc('150202');
  const csv = toCsv([
    ['name', 'uscc', 'kinds', 'size', 'licence_valid_to'],
    ['好有限公司', uscc('150202'), 'producer', 'small', ''],
    ['', uscc('150202'), 'spaceship', 'small', ''],
    ['坏值有限公司', uscc('150202'), 'producer', 'huge', '2027-02-30'],
  ]);
  const job = await importFile(d, csv);
  assert.equal(job.state, 'failed');
  const got = job.result.errors.map((x) => `${x.row}:${x.field}`).sort();
  for (const want of ['3:name', '3:kinds', '4:size', '4:licence_valid_to']) assert.ok(got.includes(want), `${want} in ${got.join(' ')}`);
  assert.equal(await count(d, 'enterprises'), n0);
});

test('the same credit code twice in one file is reported, also when an earlier row is bad', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const dup = uscc('150202');
  // alone: the duplicate is found
  let job = await importFile(d, toCsv([['name', 'uscc', 'kinds'], ['重复一有限公司', dup, 'producer'], ['重复二有限公司', dup, 'producer']]));
  assert.equal(job.state, 'failed');
  assert.deepEqual(job.result.errors.map((x) => `${x.row}:${x.field}`), ['3:uscc']);
  // after a bad row: the report must still name the duplicate (every bad row, in one pass)
  job = await importFile(d, toCsv([['name', 'uscc', 'kinds'], ['坏有限公司', uscc('150202'), 'spaceship'], ['重复一有限公司', dup, 'producer'], ['重复二有限公司', dup, 'producer']]));
  assert.equal(job.state, 'failed');
  const got = job.result.errors.map((x) => `${x.row}:${x.field}`);
  assert.ok(got.includes('2:kinds'), got.join(' '));
  assert.ok(got.includes('4:uscc'), `the in-file duplicate on row 4 is not reported once row 2 is bad: ${got.join(' ')}`);
  // a dry run must find it too
  job = await importFile(d, toCsv([['name', 'uscc', 'kinds'], ['重复一有限公司', dup, 'producer'], ['重复二有限公司', dup, 'producer']]), 'format=csv&dry_run=1');
  assert.equal(job.state, 'failed', `dry run of a file with a duplicate code: ${JSON.stringify(job.result)}`);
  assert.equal(await count(d, 'enterprises'), n0);
});

test('unknown column, empty file and garbage → failed job with a report, nothing written', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  let job = await importFile(d, toCsv([['name', 'uscc', 'kinds', 'colour'], ['某有限公司', uscc(), 'producer', 'red']]));
  assert.equal(job.state, 'failed');
  assert.ok(job.result.errors.some((x) => x.row === 1 && x.field === 'colour'), JSON.stringify(job.result.errors));
  job = await importFile(d, '\r\n');
  assert.equal(job.state, 'failed');
  const x = await call('POST', '/enterprises/import?format=xlsx', { session: d, raw: Buffer.from('PK\x03\x04 this is not a workbook'), headers: { 'Content-Type': 'application/octet-stream' } });
  if (x.status === 202) assert.equal((await waitJob(d, x.body.job)).state, 'failed');
  else expectStatus(x, 422);
  expectStatus(await call('POST', '/enterprises/import?format=csv', { session: d, raw: '' }), 400, 'no file');
  expectStatus(await call('POST', '/enterprises/import?format=pdf', { session: d, raw: 'a,b\r\n' }), 400, 'unknown format');
  assert.equal(await count(d, 'enterprises'), n0);
});

test('dry run validates and writes nothing', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const job = await importFile(d, toCsv([['name', 'uscc', 'kinds'], [`${tag('试')}有限公司`, uscc(), 'producer']]), 'format=csv&dry_run=1');
  assert.equal(job.state, 'done');
  assert.equal(job.result.inserted, 0);
  assert.equal(job.result.rows, 1);
  assert.equal(await count(d, 'enterprises'), n0);
});

test('a larger CSV import (300 rows) lands whole, with progress counts', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const t = tag('批量');
  const rows = [['name', 'uscc', 'kinds', 'size', 'phone']];
  for (let i = 0; i < 300; i++) rows.push([`${t}${i}号有限公司`, uscc(['150202', '150203', '150205', '150221'][i % 4]), 'distributor', 'micro', `1390000${String(i).padStart(4, '0')}`]);
  const job = await importFile(d, toCsv(rows));
  assert.equal(job.state, 'done', JSON.stringify(job.result?.errors?.slice(0, 3)));
  assert.equal(job.result.inserted, 300);
  assert.equal(job.done, 300);
  assert.equal(job.total, 300);
  assert.equal(await count(d, 'enterprises'), n0 + 300);
});

test('XLSX round trip: export, delete, import the same workbook back', async () => {
  const d = await session('director');
  const t = tag('往返');
  const a = await createEnterprise(d, { name: `${t}甲有限公司`, legal_rep: '王建国', address: '包头市东河区', licence_no: 'JY11502020000001', licence_kind: 'jy', licence_valid_to: '2028-03-31', kinds: ['distributor', 'caterer'] });
  const b = await createEnterprise(d, { name: `${t}乙有限公司`, size: 'large' }, '150207');
  const x = await get(`/enterprises/export?format=xlsx&q=${encodeURIComponent(t)}`, { session: d });
  assert.equal(x.status, 200);
  for (const e of [a, b]) assert.equal((await del(`/enterprises/${e.id}`, 1, { session: d })).status, 204);
  const job = await importFile(d, x.buf, 'format=xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(job.state, 'done', JSON.stringify(job.result));
  assert.equal(job.result.inserted, 2);
  const back = await listAll(d, 'enterprises', `q=${encodeURIComponent(t)}&sort=name`);
  assert.equal(back.length, 2);
  const a2 = back.find((r) => r.uscc === a.uscc);
  for (const k of ['name', 'legal_rep', 'address', 'licence_no', 'licence_kind', 'licence_valid_to', 'jurisdiction_id', 'size', 'phone']) assert.deepEqual(a2[k], a[k], k);
  assert.deepEqual(a2.kinds, a.kinds);
  assert.equal(back.find((r) => r.uscc === b.uscc).jurisdiction_id, b.jurisdiction_id);
});

test('scope on import and export: a district officer imports and exports only inside the district', async () => {
  const dh = await session('donghe');
  const d = await session('director');
  const dhj = await juris(d, '150202');
  const n0 = await count(d, 'enterprises');
  const out = await importFile(dh, toCsv([['name', 'uscc', 'kinds'], [`${tag('越界')}有限公司`, uscc('150203'), 'producer']]));
  assert.equal(out.state, 'failed');
  assert.equal(out.result.errors[0]?.row, 2);
  assert.equal(out.result.errors[0]?.field, 'jurisdiction_id');
  assert.equal(await count(d, 'enterprises'), n0);
  const t = tag('东河导入');
  const ok = await importFile(dh, toCsv([['name', 'uscc', 'kinds', 'phone'], [`${t}有限公司`, uscc('150202'), 'producer', '13800000001']]));
  assert.equal(ok.state, 'done', JSON.stringify(ok.result));
  assert.equal(await count(d, 'enterprises'), n0 + 1);
  const e = await get(`/enterprises/export?format=csv&header=name`, { session: dh });
  assert.equal(e.status, 200);
  const rows = parseCsv(e.text);
  const jcol = rows[0].indexOf('jurisdiction_id');
  assert.ok(rows.length > 1);
  assert.ok(rows.slice(1).every((r) => r[jcol] === '东河区'), 'only 东河区 rows exported');
  assert.equal(rows.length - 1, await count(d, 'enterprises', `jurisdiction_id=${dhj.id}`));
  const pcol = rows[0].indexOf('phone');
  const mine = rows.find((r) => r[0] === `${t}有限公司`);
  assert.ok(mine, 'own import exported');
  assert.notEqual(mine[pcol], '13800000001', 'phone masked in exports for users without enterprises.personal');
  assert.match(mine[pcol], /^138\*+0001$/);
  const j = await get('/enterprises/export?format=json', { session: dh });
  assert.ok(JSON.parse(j.text).every((r) => r.jurisdiction_id === dhj.id));
});

test('jobs are private: another user cannot read my import job (no IDOR)', async () => {
  const dh = await session('donghe');
  const r = await call('POST', '/enterprises/import?format=csv&dry_run=1', { session: dh, raw: toCsv([['name', 'uscc', 'kinds'], ['私有任务有限公司', uscc('150202'), 'producer']]) });
  expectStatus(r, 202);
  await waitJob(dh, r.body.job);
  const kdl = await session('kundulun');
  const other = await get(`/jobs/${r.body.job}`, { session: kdl });
  assert.ok([403, 404].includes(other.status), `kundulun reads donghe's job: ${other.status} ${other.text}`);
  expectStatus(await get('/jobs/99999999', { session: dh }), 404);
  // GET /jobs lists my jobs only
  const mine = await get('/jobs', { session: dh });
  expectStatus(mine, 200);
  assert.ok(mine.body.items.some((j) => j.id === r.body.job), 'my job is in my list');
  const theirs = await get('/jobs', { session: kdl });
  expectStatus(theirs, 200);
  assert.ok(!theirs.body.items.some((j) => j.id === r.body.job), "donghe's job is not in kundulun's list");
});

test('import without the import permission → 403 and no job', async () => {
  for (const u of ['sampler', 'analyst', 'admin', 'auditor']) {
    const s = await session(u);
    const r = await call('POST', '/enterprises/import?format=csv', { session: s, raw: toCsv([['name', 'uscc', 'kinds'], ['无权有限公司', uscc(), 'producer']]) });
    expectStatus(r, 403, u);
  }
});

test('uploads: an import up to 20 MiB is accepted, over 20 MiB → 413', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const filler = 'x'.repeat(90);
  const lines = ['name,uscc,kinds,address'];
  while (lines.length * 120 < 2.5 * (1 << 20)) lines.push(`过大${lines.length}有限公司,BAD,producer,${filler}`);
  const mid = await call('POST', '/enterprises/import?format=csv&dry_run=1', { session: d, raw: lines.join('\r\n'), headers: { 'Content-Type': 'text/csv' } });
  expectStatus(mid, 202, '2.5 MiB upload');
  assert.equal((await waitJob(d, mid.body.job, 60000)).state, 'failed');
  const big = Buffer.alloc((20 << 20) + 1024, 0x41);
  const r = await call('POST', '/enterprises/import?format=csv', { session: d, raw: big, headers: { 'Content-Type': 'text/csv' } });
  expectStatus(r, 413, '20 MiB + 1 KiB upload');
  assert.equal(await count(d, 'enterprises'), n0);
});

test('CSV export guards against spreadsheet formulas; the import undoes the guard', async () => {
  const d = await session('director');
  const t = tag('公式');
  const e = await createEnterprise(d, { name: `=HYPERLINK("http://x",${t})`, legal_rep: '+SUM(1)' });
  const x = await get(`/enterprises/export?format=csv&header=name&q=${encodeURIComponent(t)}`, { session: d });
  const rows = parseCsv(x.text);
  assert.equal(rows.length, 2);
  assert.equal(rows[1][0], `'=HYPERLINK("http://x",${t})`, 'a leading = is quoted away');
  assert.equal(rows[1][rows[0].indexOf('legal_rep')], "'+SUM(1)");
  assert.equal((await del(`/enterprises/${e.id}`, 1, { session: d })).status, 204);
  const job = await importFile(d, x.text);
  assert.equal(job.state, 'done', JSON.stringify(job.result));
  const back = (await get(`/enterprises?uscc=${e.uscc}`, { session: d })).body.items[0];
  assert.equal(back.name, e.name, 'the import restores the value');
  assert.equal(back.legal_rep, '+SUM(1)');
});

// ---- Excel in words (issue 14 §8) ----

/** The entries of a zip (XLSX) as {name: Buffer}: stored or deflated, read from the central directory. */
async function unzip(buf) {
  const { inflateRawSync } = await import('node:zlib');
  const out = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const off = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString();
    const data = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
    const raw = buf.subarray(data, data + csize);
    out[name] = method === 8 ? inflateRawSync(raw) : raw;
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

test('exports write words: dictionary labels, yuan with two decimals; ?codes=1 gives codes', async () => {
  const d = await session('director');
  const meta = (await get('/meta', { session: d })).body;
  const label = (dict, code) => meta.dicts[dict].find((x) => x.code === code).label.zh;
  const t = tag('词');
  const e = await createEnterprise(d, { name: `${t}有限公司`, kinds: ['producer', 'distributor'], size: 'small' });
  const words = parseCsv((await get(`/enterprises/export?format=csv&q=${encodeURIComponent(t)}`, { session: d })).text);
  const kc = words[0].indexOf('主体类型'), sc = words[0].indexOf('企业规模');
  assert.equal(words.length, 2);
  assert.equal(words[1][kc], `${label('enterprise_kind', 'producer')}、${label('enterprise_kind', 'distributor')}`, 'labels of a multi-code field');
  assert.equal(words[1][sc], label('enterprise_size', 'small'));
  const codes = parseCsv((await get(`/enterprises/export?format=csv&codes=1&q=${encodeURIComponent(t)}`, { session: d })).text);
  assert.equal(codes[1][kc], 'producer,distributor', '?codes=1: codes');
  assert.equal(codes[1][sc], 'small');
  // money: a food budget's amount (fen) goes out in yuan
  const b = await post('/food_budgets', { code: `B-${t}`, name: `${t}经费`, year: 2025, amount: 123456789 }, { session: d });
  expectStatus(b, 201, 'budget');
  const bx = parseCsv((await get(`/food_budgets/export?format=csv&q=${encodeURIComponent(t)}`, { session: d })).text);
  const ac = bx[0].indexOf('金额');
  assert.ok(ac >= 0, `a money column labelled without (分): ${bx[0]}`);
  assert.ok(!bx[0].some((h) => /分）|\(fen\)/.test(h)), 'no fen labels');
  assert.equal(bx[1][ac], '1234567.89', 'yuan with two decimals');
  const bc = parseCsv((await get(`/food_budgets/export?format=csv&codes=1&q=${encodeURIComponent(t)}`, { session: d })).text);
  assert.equal(bc[1][ac], '123456789', '?codes=1: fen');
  void e;
});

test('imports accept labels or codes, and yuan for money (exact, "1,234.50" → 123450 fen)', async () => {
  const d = await session('director');
  const meta = (await get('/meta', { session: d })).body;
  const label = (dict, code) => meta.dicts[dict].find((x) => x.code === code).label.zh;
  const t = tag('标');
  const csv = toCsv([
    ['企业名称', '统一社会信用代码', '主体类型', '企业规模'],
    [`${t}甲有限公司`, uscc('150202'), `${label('enterprise_kind', 'producer')}、${label('enterprise_kind', 'caterer')}`, label('enterprise_size', 'micro')],
    [`${t}乙有限公司`, uscc('150202'), 'distributor', 'small'],
  ]);
  const job = await importFile(d, csv);
  assert.equal(job.state, 'done', JSON.stringify(job.result?.errors));
  const rows = await listAll(d, 'enterprises', `q=${encodeURIComponent(t)}&sort=name`);
  const jia = rows.find((x) => x.name.includes('甲'));
  assert.deepEqual(jia.kinds, ['producer', 'caterer'], 'labels became codes');
  assert.equal(jia.size, 'micro');
  assert.equal(rows.find((x) => x.name.includes('乙')).size, 'small', 'codes still accepted');
  // a label that is in no dictionary is a clear row error
  const bad = await importFile(d, toCsv([['企业名称', '统一社会信用代码', '主体类型'], [`${t}丙有限公司`, uscc('150202'), '不存在的类型']]));
  assert.equal(bad.state, 'failed');
  assert.ok(bad.result.errors.some((x) => x.field === 'kinds' && x.value === '不存在的类型'), JSON.stringify(bad.result.errors));
  // money in yuan: plan lines' cost per batch
  const r = await call('POST', '/food_budgets/import?format=csv', {
    session: d, raw: toCsv([['code', 'name', 'year', 'amount'], [`Y1-${t}`, `${t}一`, '2025', '1,234.50'], [`Y2-${t}`, `${t}二`, '2025', '¥7']]),
    headers: { 'Content-Type': 'text/csv' },
  });
  expectStatus(r, 202, 'budget import');
  const bj = await waitJob(d, r.body.job);
  assert.equal(bj.state, 'done', JSON.stringify(bj.result?.errors));
  const bs = await listAll(d, 'food_budgets', `q=${encodeURIComponent(t)}`);
  assert.equal(bs.find((x) => x.code === `Y1-${t}`).amount, 123450);
  assert.equal(bs.find((x) => x.code === `Y2-${t}`).amount, 700);
  const r3 = await call('POST', '/food_budgets/import?format=csv', {
    session: d, raw: toCsv([['code', 'name', 'year', 'amount'], [`Y3-${t}`, `${t}三`, '2025', '12.345']]), headers: { 'Content-Type': 'text/csv' },
  });
  const b3 = await waitJob(d, r3.body.job);
  assert.equal(b3.state, 'failed', 'three decimals of a yuan are refused, never rounded');
  assert.ok(b3.result.errors.some((x) => x.field === 'amount'), JSON.stringify(b3.result.errors));
});

test('the XLSX template: drop-down lists for dictionary and yes/no columns, and a 说明 sheet explaining each column', async () => {
  const d = await session('director');
  const r = await get('/enterprises/template?format=xlsx', { session: d });
  expectStatus(r, 200, 'template');
  const z = await unzip(r.buf);
  const wb = z['xl/workbook.xml'].toString();
  assert.match(wb, /<sheet name="数据"/);
  assert.match(wb, /<sheet name="说明"/);
  assert.match(wb, /<sheet name="lists" sheetId="\d+" state="hidden"/, 'the lists sheet is hidden');
  const data = z['xl/worksheets/sheet1.xml'].toString();
  const dv = [...data.matchAll(/<dataValidation [^>]*type="list"[^>]*>\s*<formula1>([^<]+)<\/formula1>/g)].map((m) => m[1]);
  assert.ok(dv.length >= 2, `drop-downs for kinds and size: ${data.slice(0, 300)}`);
  assert.ok(dv.every((f) => /^lists!\$[A-Z]+\$1:\$[A-Z]+\$\d+$/.test(f)), dv.join(' '));
  const strings = (z['xl/sharedStrings.xml'] ?? Buffer.alloc(0)).toString();
  const meta = (await get('/meta', { session: d })).body;
  for (const it of meta.dicts.enterprise_size) assert.ok(strings.includes(it.label.zh), `the list holds ${it.label.zh}`);
  assert.ok(strings.includes('类型与格式') && strings.includes('必填') && strings.includes('可选值'), 'the 说明 sheet has its headings');
  const en = await get('/enterprises/template?format=xlsx', { session: d, headers: { 'Accept-Language': 'en' } });
  assert.match((await unzip(en.buf))['xl/workbook.xml'].toString(), /<sheet name="Notes"/);
});
