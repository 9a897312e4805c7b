// Personal data (issue 11 §9–12, 15, 17): no response body, audit record or
// job report shows a personal value in clear to a user without the
// personal-data permission over that record; documents unmask only inside
// that scope; free text is scrubbed of the forms people write; references
// point only at readable records; a closed record is not edited; CSV cells
// never start a formula; record actions are checked in their own scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  get, post, patch, session, expectStatus, fieldError, createEnterprise, juris, makeUser, makeRole, auditLog, waitJob, parseCsv, tag, call, uscc,
} from './lib.mjs';

const NAME = '王小五';
const PHONE = '13912345678';
const IDNO = '15020219900307123X';
const ADDR = '东河区和平路8号院3单元';
// how people write them in the facts: a space (and a full-width space) in the name, separators in the numbers
const FACTS = `我是王 小　五，在该店买到过期牛奶。电话139-1234-5678，身份证150202 19900307 123X，住${ADDR}。`;
const CLEAR = [PHONE, IDNO, ADDR, '139-1234-5678', '150202 19900307 123X', NAME];

function noClear(text, what) {
  for (const v of CLEAR) assert.ok(!text.includes(v), `${what} shows ${v} in clear: ${text.slice(0, 600)}`);
}

const ctx = {};

async function complaint() {
  if (ctx.comp) return ctx.comp;
  const handler = await session('handler');
  const dh = await juris(handler, '150202');
  const r = await post('/complaints', {
    kind: 'complaint', channel: 'portal', received_on: '2026-11-29', complainant_name: NAME, complainant_phone: PHONE,
    complainant_address: ADDR, complainant_id_no: IDNO, respondent_name: `${tag('某超市')}`, respondent_address: '包头市东河区巴彦塔拉大街1号', jurisdiction_id: dh.id,
    facts: FACTS, request: `退款，请打 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)} 联系`,
  }, { session: handler });
  expectStatus(r, 201, 'handler registers a complaint');
  ctx.comp = r.body;
  return r.body;
}

test('§11 free text is scrubbed of the complainant as people write them (name with spaces, phone and ID with separators)', async () => {
  const c = await complaint();
  const handler = await session('handler');
  const g = await get(`/complaints/${c.id}`, { session: handler });
  expectStatus(g, 200);
  assert.equal(g.body.complainant_name, NAME, 'the handler sees the identity in its fields');
  assert.equal(g.body.facts, '我是【投诉举报人】，在该店买到过期牛奶。电话【投诉举报人】，身份证【投诉举报人】，住【投诉举报人】。');
  assert.equal(g.body.request, '退款，请打 【投诉举报人】 联系');
});

test('§9 no response body, audit record or history shows a complainant\'s value to users without complaints.personal', async () => {
  const c = await complaint();
  const handler = await session('handler');
  const up = await patch(`/complaints/${c.id}`, { complainant_phone: '13800001111', handling_note: '已电话联系 138 0000 1111' }, c.version, { session: handler });
  expectStatus(up, 200, 'the handler updates the phone');
  CLEAR.push('13800001111');
  for (const who of ['donghe', 'service', 'director']) {
    const s = await session(who);
    const g = await get(`/complaints/${c.id}`, { session: s });
    expectStatus(g, 200, `${who} reads the complaint`);
    noClear(g.text, `GET as ${who}`);
    const l = await get(`/complaints?limit=500&q=${encodeURIComponent(c.tracking_no)}`, { session: s });
    noClear(l.text, `list as ${who}`);
    const h = await get(`/complaints/${c.id}/history`, { session: s });
    expectStatus(h, 200);
    noClear(h.text, `history as ${who}`);
  }
  // the audit administrator holds no personal-data permission: the records themselves are masked
  const recs = await auditLog(`entity=complaints&entity_id=${c.id}`, 50);
  assert.ok(recs.some((x) => x.action === 'create') && recs.some((x) => x.action === 'update'), 'create and update audited');
  noClear(JSON.stringify(recs), 'audit_log');
  const created = recs.find((x) => x.action === 'create');
  assert.equal(created.after.complainant_phone, '139****5678', 'masked, not dropped: the record still shows a value was given');
});

test('§9 unmasked reads are audited: get, list and export each write read_personal', async () => {
  const d = await session('director');
  const e = await createEnterprise(d, { phone: '13711112222', legal_rep_id: '150202198001011234' });
  const base = (await auditLog('action=read_personal&username=director', 500)).length;
  expectStatus(await get(`/enterprises/${e.id}`, { session: d }), 200);
  const x = await get(`/enterprises/export?format=csv&q=${encodeURIComponent(e.name)}`, { session: d });
  expectStatus(x, 200);
  assert.ok(x.text.includes('13711112222'), 'the director exports unmasked');
  const recs = await auditLog('action=read_personal&username=director', 500);
  assert.ok(recs.length >= base + 2, 'a get and an export');
  assert.ok(recs.some((r) => r.after?.format === 'csv'), 'the unmasked export is a personal-data read');
  // a masked export is not
  const dh = await session('donghe');
  const mx = await get(`/enterprises/export?format=csv&q=${encodeURIComponent(e.name)}`, { session: dh });
  expectStatus(mx, 200);
  assert.ok(!mx.text.includes('13711112222'));
  assert.ok(!(await auditLog('action=read_personal&username=donghe', 50)).some((r) => r.after?.format), 'no read_personal for a masked export');
});

test('§9 an import\'s error report shows no personal value in clear', async () => {
  const dh = await session('donghe');
  const csv = `name,uscc,kinds,phone,legal_rep_id\r\n${tag('导入')}有限公司,${uscc('150202')},producer,13712345678x,150202198001011234\r\n`;
  const r = await call('POST', '/enterprises/import', { session: dh, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.ok(r.status === 202 || r.status === 422 || r.status === 200, r.text);
  const job = r.body?.job ? await waitJob(dh, r.body.job) : r.body;
  const text = JSON.stringify(job);
  assert.ok(text.includes('"phone"'), `the bad phone is reported: ${text.slice(0, 400)}`);
  assert.ok(!text.includes('13712345678'), `report masks the phone: ${text.slice(0, 400)}`);
});

test('§10 documents unmask only where the case lies in the reader\'s personal-data scope', async (t) => {
  const handler = await session('handler');
  const kdl = await juris(handler, '150203');
  const c = await post('/cases', {
    title: tag('案件'), kind: 'food', source: 'inspection', received_on: '2026-11-20', jurisdiction_id: kdl.id,
    party_name: tag('某商行'), party_type: 'legal', summary: '检查发现', party_id_no: '150203198502021234', party_phone: '13698765432',
  }, { session: handler });
  expectStatus(c, 201, 'a case in 昆都仑区');
  expectStatus(await post(`/cases/${c.body.id}/transitions/request_filing`, { cause: '涉嫌销售过期食品', filing_opinion: '建议立案' }, { session: handler }), 200, 'propose filing');
  const role = await makeRole(tag('r').toLowerCase().replace(/[^a-z0-9_]/g, '').slice(0, 30) || 'rdoc', [['cases.read', 'all'], ['cases.personal', 'juris']]);
  const u = await makeUser('docr', 'BTQTS-DH', [role.code], (m) => t.diagnostic(m));
  const own = await get(`/cases/${c.body.id}/actions/document?kind=filing_approval`, { session: handler });
  expectStatus(own, 200, 'the handler prints it');
  assert.ok(own.text.includes('150203198502021234'), 'unmasked for the city handler');
  const other = await get(`/cases/${c.body.id}/actions/document?kind=filing_approval`, { session: u.session });
  expectStatus(other, 200, 'a reader of all cases prints it');
  assert.ok(!other.text.includes('150203198502021234') && !other.text.includes('13698765432'), 'masked outside the personal scope (东河区 only)');
});

test('§12 a reference only to a readable record; its label is not read back', async (t) => {
  const d = await session('director');
  const role = await makeRole(tag('rr').toLowerCase().replace(/[^a-z0-9_]/g, '').slice(0, 30) || 'rref', [
    ['complaints.read', 'juris'], ['complaints.create', 'juris'], ['enterprises.read', 'juris'], ['jurisdictions.read', 'all'],
  ]);
  const u = await makeUser('refw', 'BTQTS-DH', [role.code], (m) => t.diagnostic(m));
  const dh = await juris(d, '150202');
  const mine = await createEnterprise(d, {}, '150202');
  const theirs = await createEnterprise(d, {}, '150203');
  const body = (eid) => ({ kind: 'report', channel: 'portal', received_on: '2026-11-29', respondent_name: '某店', jurisdiction_id: dh.id, facts: '线索', enterprise_id: eid });
  const bad = await post('/complaints', body(theirs.id), { session: u.session });
  expectStatus(bad, 422, 'another district\'s enterprise');
  fieldError(bad, 'enterprise_id', 'ref');
  assert.ok(!bad.text.includes(theirs.name));
  const ok = await post('/complaints', body(mine.id), { session: u.session });
  expectStatus(ok, 201, 'an enterprise of the district');
  assert.equal(ok.body.enterprise_id__label, mine.name);
});

test('§12 a record in a final state is not edited except by a workflow step', async () => {
  const sup = await session('supervisor');
  let task = (await get('/sampling_tasks?state=closed&limit=1', { session: sup })).body.items[0];
  if (!task) {
    const issued = (await get('/sampling_tasks?state=issued&limit=1', { session: sup })).body.items[0];
    assert.ok(issued, 'the demo has an issued task');
    const cl = await post(`/sampling_tasks/${issued.id}/transitions/close`, { version: issued.version }, { session: sup });
    expectStatus(cl, 200, 'close the task');
    task = cl.body;
  }
  const r = await patch(`/sampling_tasks/${task.id}`, { note: '改一下' }, task.version, { session: sup });
  expectStatus(r, 422, 'edit a closed task');
  fieldError(r, 'state', 'closed');
  const g = await get(`/sampling_tasks/${task.id}`, { session: sup });
  assert.equal(g.body.version, task.version, 'nothing written');
});

test('§15 CSV export guards every cell that starts with = + - @ tab or CR, reference labels and codes too', async () => {
  const d = await session('director');
  const e = await createEnterprise(d, { name: `=HYPERLINK("http://x")${tag('')}`, address: '\t@SUM(1)', legal_rep: '+cmd', phone: '138-0000-1111' });
  const x = await get(`/enterprises/export?format=csv&q=${encodeURIComponent(e.name.slice(0, 30))}`, { session: d });
  expectStatus(x, 200);
  const rows = parseCsv(x.text);
  const row = rows.find((r) => r.some((c) => c.includes('HYPERLINK')));
  assert.ok(row, 'the row is exported');
  for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell)} is guarded`);
  // a reference's label: a complaint naming that enterprise exports its label guarded
  const handler = await session('handler');
  const dh = await juris(handler, '150202');
  const c = await post('/complaints', { kind: 'report', channel: 'portal', received_on: '2026-11-29', respondent_name: '某店', jurisdiction_id: dh.id, facts: '线索', enterprise_id: e.id }, { session: handler });
  expectStatus(c, 201);
  const cx = await get(`/complaints/export?format=csv&q=${encodeURIComponent(c.body.tracking_no)}`, { session: handler });
  expectStatus(cx, 200);
  const cr = parseCsv(cx.text).find((r) => r.some((v) => v.includes('HYPERLINK')));
  assert.ok(cr, 'the label is exported');
  for (const cell of cr) assert.ok(!/^[=+\-@\t\r]/.test(cell), `label cell ${JSON.stringify(cell)} is guarded`);
});

test('§17 a record-level action is checked in the scope of its own permission, not only of read', async (t) => {
  const role = await makeRole(tag('ra').toLowerCase().replace(/[^a-z0-9_]/g, '').slice(0, 30) || 'ract', [['results.read', 'all'], ['results.decide', 'own']]);
  const u = await makeUser('actr', 'BTQTS-DH', [role.code], (m) => t.diagnostic(m));
  const r = (await get('/results?limit=1', { session: u.session })).body.items[0];
  assert.ok(r, 'a result the user can read (created by someone else)');
  const res = await post(`/results/${r.id}/actions/decide`, {}, { session: u.session });
  expectStatus(res, 403, 'deciding a result outside the scope of results.decide');
  assert.equal((await get(`/results/${r.id}`, { session: u.session })).body.version, r.version, 'nothing written');
});
