// 79-files — stored files (src/core/files.c): POST /api/v1/files hashes and
// types the bytes itself (nobody types a hash), refuses a file over the
// limit (413) and a type the content does not bear out (415); a record's
// file field (FT_FILE) on two areas — evidence (cases) and samples (food) —
// holds the server's reference, and GET /{entity}/{id}/files/{field} serves
// the bytes with the record's read permission and scope, audited. The bytes
// live in the database (src/core/blobs.c) as 1 MiB chunks, stored once per
// content, streamed back byte-identical; audit-verify names a file a record
// references whose chunk is gone.
import test from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, post, patch, call, cli, expectStatus, tag, createEnterprise, auditLog, makeUser, dbQuery } from './lib.mjs';
import { useClock, as, stepOk, expect422, create, sha256, audit } from './lib-modules.mjs';
import { makeCopy, KEY } from './lib-audit.mjs';

const T = tag('FF');
const ctx = {};

// A tiny real JPEG header and a one-page PDF header: what the server sniffs.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0' + T), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from(`%PDF-1.4\n% ${T}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0]), Buffer.alloc(200, 0)]);

async function upload(s, buf, type, name) {
  const headers = { 'Content-Type': type };
  if (name) headers['X-File-Name'] = encodeURIComponent(name);
  return call('POST', '/files', { session: s, raw: buf, headers });
}

test('upload: the server computes the hash, size and type; the upload is audited', async () => {
  const handler = await as('handler');
  const r = await upload(handler, JPEG, 'image/jpeg', '现场照片 1.jpg');
  expectStatus(r, 201, 'upload');
  assert.equal(r.body.sha256, sha256(JPEG), 'the hash is the server\'s, of the bytes');
  assert.equal(r.body.size, JPEG.length);
  assert.equal(r.body.mime, 'image/jpeg');
  assert.equal(r.body.name, '现场照片 1.jpg', 'the UTF-8 name survives the header');
  // the same bytes again: the same reference, no second copy
  const again = await upload(handler, JPEG, 'application/octet-stream', 'b.jpg');
  expectStatus(again, 201, 'same bytes again');
  assert.equal(again.body.sha256, r.body.sha256);
  assert.equal(again.body.mime, 'image/jpeg', 'typed by its content, not by its claim');
  const log = await auditLog('action=file_upload&username=handler', 20);
  assert.ok(log.some((a) => a.after?.sha256 === r.body.sha256), 'the upload is audited with its hash');
  ctx.jpeg = r.body;
});

test('upload: a wrong type (415), a type the content does not bear out (415), an empty body (422)', async () => {
  const handler = await as('handler');
  const exe = await upload(handler, EXE, 'application/octet-stream', 'tool.exe');
  expectStatus(exe, 415, 'an executable');
  assert.ok(exe.body.errors?.some((e) => e.field === 'file' && e.code === 'mime'), exe.text);
  const lie = await upload(handler, PDF, 'image/png', 'scan.png');
  expectStatus(lie, 415, 'a PDF declared as PNG');
  assert.match(lie.body.detail, /image\/png/);
  assert.match(lie.body.detail, /application\/pdf/);
  expectStatus(await upload(handler, Buffer.alloc(0), 'image/jpeg', 'empty.jpg'), 422, 'an empty file');
});

test('upload: a file over the limit (ZJ_FILE_LIMIT, 20 MiB) → 413, nothing stored', async () => {
  const handler = await as('handler');
  const big = Buffer.concat([JPEG.subarray(0, 6), Buffer.alloc(20 * 1024 * 1024 + 10, 1)]);
  const r = await upload(handler, big, 'image/jpeg', 'big.jpg');
  expectStatus(r, 413, 'over the limit');
  const log = await auditLog('action=file_upload&username=handler', 50);
  assert.ok(!log.some((a) => a.after?.sha256 === sha256(big)), 'nothing stored or audited');
});

test('upload needs a permission to write a record holding a file (403 before any byte)', async (t) => {
  const u = await makeUser('zt_files', 'BTQTS', ['service_desk'], (m) => t.diagnostic(m));
  ctx.outsider = u.session;
  expectStatus(await upload(u.session, JPEG, 'image/jpeg', 'x.jpg'), 403, 'service desk uploads');
});

test('evidence (cases): registered from an uploaded file without typing a hash; served with read permission, audited', async (t) => {
  useClock(t, '2025-10-31T02:00:00Z');
  const handler = await as('handler');
  const kdl = (await get('/jurisdictions?code=150203', { session: handler })).body.items[0].id;
  const c = await create(handler, 'cases', {
    title: `${T}证据文件案`, kind: 'food', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: kdl,
    party_name: `${T}包头市某商贸有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法',
  }, 'case');
  const ev = await create(handler, 'evidence', { case_id: c.id, title: '现场照片', kind: 'photo', file: { sha256: ctx.jpeg.sha256, name: '现场.jpg' } }, 'evidence');
  assert.equal(ev.sha256, sha256(JPEG), 'the hash comes from the file');
  assert.equal(ev.file_name, '现场.jpg');
  assert.equal(ev.mime, 'image/jpeg');
  assert.equal(ev.size, JPEG.length);
  assert.deepEqual(ev.file, { sha256: sha256(JPEG), name: '现场.jpg', size: JPEG.length, mime: 'image/jpeg' });
  // a file that is not in the store, and a hash typed with a different file
  expect422(await post('/evidence', { case_id: c.id, title: 'x', kind: 'photo', file: { sha256: 'b'.repeat(64) } }, { session: handler }), 'file', 'file', 'a file never uploaded');
  const pdf = (await upload(handler, PDF, 'application/pdf', '询问笔录.pdf')).body;
  expect422(await post('/evidence', { case_id: c.id, title: 'x', kind: 'document', file: { sha256: pdf.sha256 }, sha256: sha256(JPEG) }, { session: handler }), 'file', 'hash', 'a typed hash that is not the file\'s');
  // the file is never replaced
  expect422(await patch(`/evidence/${ev.id}`, { file: { sha256: pdf.sha256 } }, ev.version, { session: handler }), 'file', 'immutable', 'replace the file');
  // download: bytes, the sniffed type, inline by default, attachment on ?download=1; audited
  const f = await get(`/evidence/${ev.id}/files/file`, { session: handler });
  expectStatus(f, 200, 'download');
  assert.ok(f.buf.equals(JPEG), 'the same bytes');
  assert.equal(f.ctype, 'image/jpeg');
  assert.match(f.headers.get('content-disposition'), /^inline; .*filename\*=UTF-8''%E7%8E%B0%E5%9C%BA\.jpg/);
  assert.equal(f.headers.get('x-content-type-options'), 'nosniff');
  const d = await get(`/evidence/${ev.id}/files/file?download=1`, { session: handler });
  assert.match(d.headers.get('content-disposition'), /^attachment;/);
  const log = await audit(`action=read_file&entity=evidence&entity_id=${ev.id}`);
  assert.ok(log.length >= 2 && log.every((a) => a.after?.sha256 === ev.sha256 && a.after?.field === 'file'), `the reads are audited: ${JSON.stringify(log)}`);
  // without the read permission: 403, and no bytes; an unknown field: 404
  const no = await get(`/evidence/${ev.id}/files/file`, { session: ctx.outsider });
  expectStatus(no, 403, 'download without permission');
  assert.ok(!no.buf.includes(JPEG.subarray(6, 20)), 'no bytes');
  expectStatus(await get(`/evidence/${ev.id}/files/title`, { session: handler }), 404, 'not a file field');
  // the export names the file; ?codes=1 gives its hash
  const x = await get(`/evidence/export?format=csv&case_id=${c.id}`, { session: handler });
  expectStatus(x, 200, 'export');
  assert.ok(x.text.includes('现场.jpg'), 'the export names the file');
});

test('samples (food): the site photo is a file field that accepts images and PDF only', async (t) => {
  useClock(t, '2025-04-28T02:00:00Z');
  const director = await as('director');
  const sup = await as('supervisor');
  const byCode = async (entity, code) => (await get(`/${entity}?q=${encodeURIComponent(code)}&limit=500`, { session: sup })).body.items.find((i) => i.code === code);
  const cereals = (await byCode('food_categories', 'cereals')).id;
  const rice = (await byCode('food_categories', 'rice')).id;
  const lab = (await byCode('units', 'BTFOOD')).id;
  const kdl = (await get('/jurisdictions?code=150203', { session: sup })).body.items[0];
  const budget = await create(director, 'food_budgets', { code: `B-${T}`, name: `${T}经费`, year: 2025, amount: 1000000 });
  const plan = await create(sup, 'food_plans', { code: `P-${T}`, name: `${T}计划`, year: 2025, kind: 'annual', budget_id: budget.id });
  const line = await create(sup, 'plan_items', { plan_id: plan.id, category_id: cereals, jurisdiction_id: kdl.id, link: 'distribution', batches: 4, cost_per_batch: 100, items: 'pb' });
  const tk = await create(sup, 'sampling_tasks', { code: `T-${T}`, plan_id: plan.id, plan_item_id: line.id, sampling_unit_id: lab, lab_unit_id: lab, quota: 4 });
  await stepOk(sup, 'food_plans', plan.id, 'submit', {});
  await stepOk(director, 'food_plans', plan.id, 'approve', {});
  await stepOk(sup, 'sampling_tasks', tk.id, 'issue', {});
  useClock(t, '2025-04-30T02:00:00Z');
  const biz = (await createEnterprise(await as('supervisor'), { name: `${T}文件测试超市有限公司`, kinds: ['distributor'] }, '150203')).id;
  const sampler = await as('sampler');
  const photo = (await upload(sampler, JPEG, 'image/jpeg', '抽样现场.jpg')).body;
  const s = await create(sampler, 'samples', {
    task_id: tk.id, link: 'distribution', enterprise_id: biz, food_id: rice, product_name: `${T}大米`,
    sampled_at: '2025-04-30T01:00:00Z', kind: 'supervision', items: 'pb', photo: { sha256: photo.sha256, name: photo.name },
  }, 'sample');
  assert.deepEqual(s.photo, { sha256: sha256(JPEG), name: '抽样现场.jpg', size: JPEG.length, mime: 'image/jpeg' });
  const g = await get(`/samples/${s.id}/files/photo`, { session: sampler });
  expectStatus(g, 200, 'the photo');
  assert.ok(g.buf.equals(JPEG));
  // a scanned form (PDF) is accepted; a text file is not a photo
  const pdf = (await upload(sampler, PDF, 'application/pdf', '抽样单.pdf')).body;
  const p = await patch(`/samples/${s.id}`, { photo: pdf }, s.version, { session: sampler });
  expectStatus(p, 200, 'a PDF scan');
  assert.equal(p.body.photo.mime, 'application/pdf');
  const txt = (await upload(sampler, Buffer.from(`${T} 文本说明`), 'text/plain', 'note.txt')).body;
  assert.equal(txt.mime, 'text/plain');
  const bad = expect422(await patch(`/samples/${s.id}`, { photo: txt }, p.body.version, { session: sampler }), 'photo', 'file', 'a text file as the photo');
  assert.match(bad.message, /text\/plain/);
  const pg = await get(`/samples/${s.id}/files/photo`, { session: sampler });
  assert.equal(pg.ctype, 'application/pdf');
  assert.equal(pg.headers.get('x-frame-options'), 'SAMEORIGIN', 'a preview may be framed by the console only');
  expectStatus(await get(`/samples/${s.id}/files/photo`, { session: ctx.outsider }), 403, 'a user without samples.read');
  // /meta declares the field, and the derived evidence hash that the console never asks for
  useClock(t, '2025-10-31T02:00:00Z');
  const meta = (await get('/meta', { session: await as('handler') })).body;
  const evm = meta.entities.find((e) => e.name === 'evidence');
  assert.equal(evm.fields.find((f) => f.name === 'file').type, 'file');
  assert.equal(evm.fields.find((f) => f.name === 'sha256').derived, true);
  const sm = (await get('/meta', { session: await as('sampler') })).body.entities.find((e) => e.name === 'samples');
  assert.equal(sm.fields.find((f) => f.name === 'photo').accept, 'image/*,application/pdf');
});

test('a file of several chunks: stored in the database once, served byte-identical; files-gc removes only an unattached upload; audit-verify names a deleted chunk', async (t) => {
  useClock(t, '2025-10-31T03:00:00Z');
  const handler = await as('handler');
  // a PDF of 3.5 MiB: four chunks of at most 1 MiB
  const big = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${T} big\n`), randomBytes(3.5 * 1024 * 1024)]);
  const up = await upload(handler, big, 'application/pdf', '卷宗扫描件.pdf');
  expectStatus(up, 201, 'upload of 3.5 MiB');
  assert.equal(up.body.sha256, sha256(big));
  assert.equal(up.body.size, big.length);
  const h = up.body.sha256;
  assert.equal(dbQuery(`SELECT size || ' ' || chunks FROM file_blobs WHERE sha256 = '${h}'`), `${big.length} 4`, 'one row for the file');
  assert.equal(+dbQuery(`SELECT COUNT(*) FROM file_chunks WHERE sha256 = '${h}'`), 4, 'four chunks');
  assert.equal(+dbQuery(`SELECT MAX(LENGTH(data)) FROM file_chunks WHERE sha256 = '${h}'`), 1024 * 1024, 'no chunk over 1 MiB');
  // the same bytes again: no second copy
  expectStatus(await upload(handler, big, 'application/pdf', 'again.pdf'), 201, 'the same file again');
  assert.equal(+dbQuery(`SELECT COUNT(*) FROM file_chunks WHERE sha256 = '${h}'`), 4, 'stored once');
  const kdl = (await get('/jurisdictions?code=150203', { session: handler })).body.items[0].id;
  const c = await create(handler, 'cases', {
    title: `${T}大文件案`, kind: 'food', source: 'inspection', received_on: '2025-10-20', jurisdiction_id: kdl,
    party_name: `${T}包头市某食品有限公司`, party_type: 'legal', summary: '监督检查发现涉嫌违法',
  }, 'case');
  const ev = await create(handler, 'evidence', { case_id: c.id, title: '卷宗扫描件', kind: 'document', file: { sha256: h, name: '卷宗扫描件.pdf' } }, 'evidence');
  assert.equal(ev.size, big.length);
  const f = await get(`/evidence/${ev.id}/files/file`, { session: handler });
  expectStatus(f, 200, 'download');
  assert.equal(f.ctype, 'application/pdf');
  assert.equal(+f.headers.get('content-length'), big.length, 'the length is announced');
  assert.ok(f.buf.equals(big), 'byte-identical');
  // a file uploaded and never attached to a record
  const lonely = Buffer.concat([Buffer.from(`%PDF-1.4\n% ${T} lonely\n`), randomBytes(1500)]);
  expectStatus(await upload(handler, lonely, 'application/pdf', 'lonely.pdf'), 201, 'an upload no record takes');
  // on a copy of the database (the backup, on SQLite): every referenced file is in it, whole
  const dir = mkdtempSync(join(tmpdir(), 'zj-files-'));
  const cp = makeCopy(dir, 79);
  try {
    const ok = cp.cli('audit-verify');
    assert.equal(ok.status, 0, `the copy verifies: ${ok.stdout} ${ok.stderr}`);
    assert.match(ok.stdout, /stored files: \d+ referenced files present and whole/);
    // files-gc (on the real clock, cut-off now): the unattached upload goes, the evidence file stays
    const gc = cli(['files-gc', '--db', cp.db, '--audit-key', KEY, '--audit-checkpoints', cp.checkpoints, '--days', '0'], { env: { ZJ_TEST_CLOCK: '' } });
    assert.equal(gc.status, 0, `files-gc: ${gc.stdout} ${gc.stderr}`);
    assert.match(gc.stdout, /files-gc: [1-9]\d* unreferenced files stored before/);
    assert.equal(+cp.sql(`SELECT COUNT(*) FROM file_blobs WHERE sha256 = '${sha256(lonely)}'`), 0, 'the unattached upload is deleted');
    assert.equal(+cp.sql(`SELECT COUNT(*) FROM file_chunks WHERE sha256 = '${h}'`), 4, 'the evidence file stays');
    assert.equal(+cp.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'files_gc'"), 1, 'audited');
    const still = cp.cli('audit-verify');
    assert.equal(still.status, 0, `after files-gc every referenced file is there: ${still.stdout} ${still.stderr}`);
    // a chunk deleted → audit-verify exits 1 naming the file
    cp.sql(`DELETE FROM file_chunks WHERE sha256 = '${h}' AND n = 2`);
    const bad = cp.cli('audit-verify');
    assert.equal(bad.status, 1, `a deleted chunk fails the check: ${bad.stdout} ${bad.stderr}`);
    assert.match(bad.stdout, new RegExp(`file ${h}: chunk 2 is missing`));
    assert.match(bad.stdout, /stored files: 1 of \d+ referenced files missing or damaged/);
  } finally {
    cp.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
