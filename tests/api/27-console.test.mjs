// The console's list habits (issue 14 §9), server side: the subtree filter
// (name.under=ID: a division and every division below it, by the GB/T 2260
// path; a unit and its sub-units), page jumps (offset), the id set of a
// selection, batch delete and batch transition item by item with the
// permission and scope of each item, the permission list in words, and the
// audit log's export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  get, post, call, session, expectStatus, fieldError, juris, unitByCode, count, listAll, createEnterprise,
  makeRole, makeUser, tag, parseCsv, auditLog,
} from './lib.mjs';

const roleCode = (p) => tag(p).toLowerCase().replace(/[^a-z0-9_]/g, '').slice(0, 30);

// One district user for both batch tests (50-matrix walks every account: one more is time).
let batchUser = null;
async function districtBatchUser(t) {
  if (batchUser) return batchUser;
  const role = await makeRole(roleCode('bat'), [['enterprises.read', 'juris'], ['enterprises.delete', 'juris'],
    ['complaints.read', 'juris'], ['complaints.t.accept', 'juris']]);
  batchUser = await makeUser('bat', 'BTQTS-DH', [role.code], (m) => t.diagnostic(m));
  return batchUser;
}

test('jurisdiction_id.under: 包头市 finds its districts\' samples and complaints; counts agree; a leaf is itself', async () => {
  const d = await session('director');
  const bt = await juris(d, '150200');
  const dh = await juris(d, '150202');
  const all = await listAll(d, 'jurisdictions', 'limit=500');
  const below = new Set(all.filter((j) => j.path.startsWith(bt.path)).map((j) => j.id));
  for (const [who, ent] of [['supervisor', 'samples'], ['handler', 'complaints']]) {
    const s = await session(who);
    const rows = await listAll(s, ent, `jurisdiction_id.under=${bt.id}`);
    assert.ok(rows.length > 0, `${ent}: some rows under 包头市`);
    assert.ok(rows.every((r) => below.has(r.jurisdiction_id)), `${ent}: every row lies under 包头市`);
    assert.ok(rows.some((r) => r.jurisdiction_id !== bt.id), `${ent}: district rows are found, not only the city's own`);
    const direct = await count(s, ent, `jurisdiction_id=${bt.id}`);
    assert.ok(rows.length > direct, `${ent}: the subtree finds more than the city alone (${rows.length} > ${direct})`);
    // the same as naming every division of the subtree, and the count agrees
    const set = [...below].map((id) => `jurisdiction_id=${id}`).join('&');
    assert.equal(await count(s, ent, set), rows.length, `${ent}: under = the explicit set`);
    assert.equal(await count(s, ent, `jurisdiction_id.under=${bt.id}`), rows.length, `${ent}: count agrees`);
    assert.equal(await count(s, ent, `jurisdiction_id.under=${dh.id}`), await count(s, ent, `jurisdiction_id=${dh.id}`), `${ent}: a leaf`);
    // two nodes: either subtree
    const two = await count(s, ent, `jurisdiction_id.under=${dh.id}&jurisdiction_id.under=${(await juris(d, '150203')).id}`);
    assert.equal(two, await count(s, ent, `jurisdiction_id=${dh.id}&jurisdiction_id=${(await juris(d, '150203')).id}`));
    // the export takes the same filter
    const x = await get(`/${ent}/export?format=csv&jurisdiction_id.under=${bt.id}`, { session: s });
    expectStatus(x, 200);
    assert.equal(parseCsv(x.text).filter((r) => r.length > 1).length - 1, rows.length, `${ent}: export rows`);
  }
});

test('.under refuses what is not a tree reference or a node id, naming the parameter', async () => {
  const s = await session('supervisor');
  const bad = await get('/samples?jurisdiction_id.under=abc', { session: s });
  expectStatus(bad, 400);
  fieldError(bad, 'jurisdiction_id.under', 'query');
  const notTree = await get('/samples?state.under=1', { session: s });
  expectStatus(notTree, 400);
  const d = await session('director');
  const e = await get('/enterprises?name.under=1', { session: d });
  expectStatus(e, 400);
});

test('owner_unit_id.under: a unit and its sub-units (recursive), id sets and offset page jumps', async () => {
  const d = await session('director');
  const bureau = await unitByCode(d, 'BTQTS');
  const dhUnit = await unitByCode(d, 'BTQTS-DH');
  const dhOfficer = await session('donghe');
  const e = await createEnterprise(dhOfficer, {}, '150202');
  const under = await listAll(d, 'enterprises', `owner_unit_id.under=${bureau.id}`);
  assert.ok(under.some((r) => r.id === e.id), 'a record owned by 东河分局 is found under the bureau');
  const own = await listAll(d, 'enterprises', `owner_unit_id=${bureau.id}`);
  assert.ok(!own.some((r) => r.id === e.id), 'but not under the bureau alone');
  assert.ok((await listAll(d, 'enterprises', `owner_unit_id.under=${dhUnit.id}`)).some((r) => r.id === e.id));
  // id sets: exactly the rows selected
  const page = (await get('/enterprises?limit=3', { session: d })).body.items;
  const ids = page.map((r) => r.id);
  const sel = await get(`/enterprises?${ids.map((i) => `id=${i}`).join('&')}`, { session: d });
  expectStatus(sel, 200);
  assert.deepEqual(sel.body.items.map((r) => r.id).sort(), ids.slice().sort());
  expectStatus(await get('/enterprises?id=x', { session: d }), 400);
  // offset: page 3 of 5 is what the cursors reach
  const p1 = await get('/enterprises?limit=5', { session: d });
  const p2 = await get(`/enterprises?limit=5&cursor=${encodeURIComponent(p1.body.next)}`, { session: d });
  const p3 = await get(`/enterprises?limit=5&cursor=${encodeURIComponent(p2.body.next)}`, { session: d });
  const j3 = await get('/enterprises?limit=5&offset=10', { session: d });
  expectStatus(j3, 200);
  assert.deepEqual(j3.body.items.map((r) => r.id), p3.body.items.map((r) => r.id));
  // and reading on from a jump is keyset again
  const j4 = await get(`/enterprises?limit=5&cursor=${encodeURIComponent(j3.body.next)}`, { session: d });
  const p4 = await get(`/enterprises?limit=5&cursor=${encodeURIComponent(p3.body.next)}`, { session: d });
  assert.deepEqual(j4.body.items.map((r) => r.id), p4.body.items.map((r) => r.id));
  expectStatus(await get('/enterprises?offset=-1', { session: d }), 400);
  expectStatus(await get('/enterprises?offset=100001', { session: d }), 400);
});

test('batch delete: each item by the normal path, in scope or refused with its own reason; none without the permission', async (t) => {
  const d = await session('director');
  const u = await districtBatchUser(t);
  const a = await createEnterprise(d, {}, '150202');
  const b = await createEnterprise(d, {}, '150202');
  const other = await createEnterprise(d, {}, '150203');
  const vid = (x) => ({ id: x.id, version: x.version });
  // a delete without the version read is refused per item, as DELETE without If-Match is
  const nov = await post('/enterprises/batch', { op: 'delete', ids: [a.id] }, { session: u.session });
  expectStatus(nov, 200);
  assert.equal(nov.body.items[0].status, 428, JSON.stringify(nov.body));
  const r = await post('/enterprises/batch', { op: 'delete', ids: [vid(a), vid(other), vid(b), { id: 999999999, version: 1 }] }, { session: u.session });
  expectStatus(r, 200);
  assert.equal(r.body.done, 2, JSON.stringify(r.body));
  assert.equal(r.body.failed, 2);
  const by = Object.fromEntries(r.body.items.map((i) => [i.id, i]));
  assert.equal(by[a.id].ok, true);
  assert.equal(by[b.id].ok, true);
  assert.equal(by[other.id].ok, false);
  assert.ok([403, 404].includes(by[other.id].status), `out of scope: ${JSON.stringify(by[other.id])}`);
  assert.ok(by[other.id].title, 'the refusal says why');
  assert.equal(by[999999999].status, 404);
  expectStatus(await get(`/enterprises/${a.id}`, { session: d }), 404, 'deleted');
  expectStatus(await get(`/enterprises/${other.id}`, { session: d }), 200, 'the refused one stays');
  const audits = await auditLog(`entity=enterprises&action=delete&entity_id=${a.id}`);
  assert.equal(audits.length, 1, 'each deleted item is audited as a delete');
  // no delete permission at all: the whole batch is refused
  const officer = await session('donghe');
  expectStatus(await post('/enterprises/batch', { op: 'delete', ids: [vid(other)] }, { session: officer }), 403);
  // a stale version: 412 for that item, the record stays
  const stale = await post('/enterprises/batch', { op: 'delete', ids: [{ id: other.id, version: other.version + 5 }] }, { session: d });
  assert.equal(stale.body.items[0].status, 412);
  // a bad body names its field
  const bad = await post('/enterprises/batch', { op: 'delete', ids: [] }, { session: d });
  expectStatus(bad, 422);
  fieldError(bad, 'ids');
  fieldError(await post('/enterprises/batch', { op: 'archive', ids: [1] }, { session: d }), 'op');
  fieldError(await post('/enterprises/batch', { op: 'transition', transition: 'x', ids: [1] }, { session: d }), 'transition');
  fieldError(await post('/enterprises/batch', { op: 'delete', ids: ['1'] }, { session: d }), 'ids');
});

test('batch transition: 受理 over complaints of two districts, a report and a wrong state: per-item outcomes', async (t) => {
  const handler = await session('handler');
  const dh = await juris(handler, '150202');
  const kdl = await juris(handler, '150203');
  const mk = async (j, kind = 'complaint') => {
    const r = await post('/complaints', { kind, channel: 'portal', received_on: '2026-11-29', respondent_name: tag('某店'), jurisdiction_id: j.id, facts: '批量受理测试', request: '退货退款', complainant_name: '张三', complainant_phone: '13800000000', complainant_address: '包头市东河区某路1号', respondent_address: '包头市东河区某路2号' }, { session: handler });
    expectStatus(r, 201, 'complaint');
    return r.body;
  };
  const c1 = await mk(dh), c2 = await mk(kdl), rep = await mk(dh, 'report');
  const u = await districtBatchUser(t);
  const r = await post('/complaints/batch', { op: 'transition', transition: 'accept', ids: [c1.id, c2.id, rep.id], body: { decided_on: '2026-11-29' } }, { session: u.session });
  expectStatus(r, 200);
  const by = Object.fromEntries(r.body.items.map((i) => [i.id, i]));
  assert.equal(by[c1.id].ok, true, JSON.stringify(by[c1.id]));
  assert.ok([403, 404].includes(by[c2.id].status), `other district: ${JSON.stringify(by[c2.id])}`);
  assert.equal(by[rep.id].status, 409, `a report is not accepted: ${JSON.stringify(by[rep.id])}`);
  assert.match(by[rep.id].detail || by[rep.id].title, /投诉举报处理暂行办法|线索/);
  assert.equal((await get(`/complaints/${c1.id}`, { session: handler })).body.state, 'accepted');
  assert.equal((await get(`/complaints/${c2.id}`, { session: handler })).body.state, 'received');
  // again: the accepted one is now in the wrong state
  const again = await post('/complaints/batch', { op: 'transition', transition: 'accept', ids: [c1.id], body: { decided_on: '2026-11-29' } }, { session: u.session });
  expectStatus(again, 200);
  assert.equal(again.body.items[0].status, 409);
  // a step the user may not take at all
  expectStatus(await post('/complaints/batch', { op: 'transition', transition: 'refuse', ids: [c2.id] }, { session: u.session }), 403);
});

test('GET /permissions: every permission in words for the role administrator; nobody else', async () => {
  const sec = await session('secadmin');
  const r = await get('/permissions', { session: sec });
  expectStatus(r, 200);
  const by = Object.fromEntries(r.body.items.map((p) => [p.name, p]));
  assert.ok(by['complaints.t.accept'], 'workflow steps are listed');
  assert.equal(by['complaints.t.accept'].action_label.zh, '受理');
  assert.notEqual(by['complaints.t.accept'].object_label.zh, 'complaints', 'an entity secadmin cannot read is named in words');
  assert.equal(by['samples.read'].action_label.zh, '查看');
  assert.equal(by['audit.export'].object_label.zh, '审计日志');
  for (const p of r.body.items) assert.doesNotMatch(p.action_label.zh, /^[a-z_.]+$/, `${p.name} has a label`);
  expectStatus(await get('/permissions', { session: await session('director') }), 403);
});

test('GET /audit_log/export: CSV and XLSX in words and local time, audited; audit.export only', async () => {
  const a = await session('auditor');
  const d = await session('director');
  const e = await createEnterprise(d);
  const x = await get(`/audit_log/export?format=csv&entity=enterprises&entity_id=${e.id}`, { session: a });
  expectStatus(x, 200);
  assert.match(x.headers.get('content-type'), /text\/csv/);
  const rows = parseCsv(x.text.replace(/^\uFEFF/, ''));
  assert.deepEqual(rows[0].slice(0, 5), ['时间（北京时间）', '用户', 'IP 地址', '操作', '对象']);
  const line = rows.find((r) => r[1] === 'director');
  assert.ok(line, 'the create is exported');
  assert.match(line[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'local time, no Z');
  assert.equal(line[3], '新增');
  assert.doesNotMatch(line[4], /^[a-z_]+$/, 'the entity in words');
  // the whole log in words: no action or record type left as a code
  const all = parseCsv((await get('/audit_log/export?format=csv', { session: a })).text.replace(/^\uFEFF/, '')).filter((r) => r.length > 1)
  for (const r of all.slice(1)) {
    assert.doesNotMatch(r[3], /^[a-z_]+$/, `action in words (name it in audit_actions, src/web/api_console.c): ${r.join(',')}`)
    assert.doesNotMatch(r[4], /^[a-z_]+$/, `record type in words (audit_objects, src/web/api_console.c): ${r.join(',')}`)
  }
  const xl = await get('/audit_log/export?format=xlsx&entity=enterprises', { session: a });
  expectStatus(xl, 200);
  assert.equal(xl.buf.subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
  const en = await get(`/audit_log/export?format=csv&entity=enterprises&entity_id=${e.id}`, { session: a, headers: { 'Accept-Language': 'en' } });
  expectStatus(en, 200);
  const logged = await auditLog('action=export_audit&entity=audit_log');
  assert.ok(logged.length >= 2, 'each export is audited');
  expectStatus(await get('/audit_log/export?format=csv', { session: d }), 403);
  const bad = await get('/audit_log/export?format=csv&at.from=yesterday', { session: a });
  expectStatus(bad, 422);
  fieldError(bad, 'at.from');
  expectStatus(await get('/audit_log/export?format=json', { session: a }), 400);
});
