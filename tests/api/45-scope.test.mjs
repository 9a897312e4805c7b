// Data scope (issue 3 §3): a district officer sees and writes only the
// district; several roles give, per permission, the union of the scopes of
// the roles that grant THAT permission (never the widest scope of any role:
// RuoYi issue #213); the scope of enterprises.personal decides which rows
// are unmasked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  get, post, patch, del, session, expectStatus, uscc, count, juris, listAll, createEnterprise, makeUser, makeRole, parseCsv, tag, nextSecond,
} from './lib.mjs';

test('district officer: lists, counts, searches and exports only 东河区', async () => {
  const d = await session('director');
  const dh = await session('donghe');
  const dhj = await juris(d, '150202');
  const kdl = await juris(d, '150203');
  const expected = await count(d, 'enterprises', `jurisdiction_id=${dhj.id}`);
  const all = await count(d, 'enterprises');
  assert.ok(expected > 0 && expected < all);
  const rows = await listAll(dh, 'enterprises', '', 50);
  assert.equal(rows.length, expected, 'paged list = the district');
  assert.ok(rows.every((x) => x.jurisdiction_id === dhj.id));
  assert.equal(await count(dh, 'enterprises'), expected, '/count is scoped');
  assert.equal((await get(`/enterprises?jurisdiction_id=${kdl.id}`, { session: dh })).body.items.length, 0, 'filtering on another district yields nothing');
  assert.equal(await count(dh, 'enterprises', `jurisdiction_id=${kdl.id}`), 0);
  const q = await listAll(dh, 'enterprises', `q=${encodeURIComponent('有限公司')}`);
  assert.ok(q.every((x) => x.jurisdiction_id === dhj.id), 'search is scoped');
  const x = await get('/enterprises/export?format=json', { session: dh });
  const ex = JSON.parse(x.text);
  assert.equal(ex.length, expected);
  assert.ok(ex.every((r) => r.jurisdiction_id === dhj.id), 'export is scoped');
  const dash = await get('/dashboard', { session: dh });
  assert.equal(dash.body.place.name.zh, '东河区', 'the dashboard is the district\'s');
});

test('district officer: 403 on a record of another district (get, history, update, delete); 404 stays 404', async () => {
  const d = await session('director');
  const dh = await session('donghe');
  const other = await createEnterprise(d, {}, '150203');
  expectStatus(await get(`/enterprises/${other.id}`, { session: dh }), 403);
  expectStatus(await get(`/enterprises/${other.id}/history`, { session: dh }), 403);
  expectStatus(await patch(`/enterprises/${other.id}`, { legal_rep: '越权' }, 1, { session: dh }), 403);
  expectStatus(await patch(`/enterprises/${other.id}`, { legal_rep: '越权' }, undefined, { session: dh }), 403, 'scope before version');
  const g = await get(`/enterprises/${other.id}`, { session: d });
  assert.equal(g.body.version, 1);
  assert.equal(g.body.legal_rep, null);
  expectStatus(await get('/enterprises/999999999', { session: dh }), 404);
  const mine = await createEnterprise(d, {}, '150202');
  expectStatus(await get(`/enterprises/${mine.id}`, { session: dh }), 200);
});

test('district officer: creates inside the district (201), not outside (403), and cannot move a record out', async () => {
  const d = await session('director');
  const dh = await session('donghe');
  const kdl = await juris(d, '150203');
  const n0 = await count(d, 'enterprises');
  const ok = await post('/enterprises', { name: `${tag('东河新')}有限公司`, uscc: uscc('150202'), kinds: ['caterer'] }, { session: dh });
  expectStatus(ok, 201);
  assert.equal(ok.body.owner_unit_id, dh.user.unit_id, 'owned by the creator\'s unit');
  const code = uscc('150203');
  expectStatus(await post('/enterprises', { name: `${tag('昆区新')}有限公司`, uscc: code, kinds: ['caterer'] }, { session: dh }), 403, 'code of another district');
  expectStatus(await post('/enterprises', { name: `${tag('昆区新')}有限公司`, uscc: uscc('150202'), kinds: ['caterer'], jurisdiction_id: kdl.id }, { session: dh }), 403, 'explicit other district');
  expectStatus(await post('/enterprises', { name: `${tag('呼市新')}有限公司`, uscc: uscc('150102'), kinds: ['caterer'] }, { session: dh }), 403, 'another city');
  assert.equal(await count(d, 'enterprises'), n0 + 1);
  const mv = await patch(`/enterprises/${ok.body.id}`, { jurisdiction_id: kdl.id }, 1, { session: dh });
  expectStatus(mv, 403, 'moving a record out of the district');
  const g = await get(`/enterprises/${ok.body.id}`, { session: d });
  assert.equal(g.body.jurisdiction_id, ok.body.jurisdiction_id);
  assert.equal(g.body.version, 1);
  const up = await patch(`/enterprises/${ok.body.id}`, { legal_rep: '东河人' }, 1, { session: dh });
  expectStatus(up, 200);
  // a district officer has no delete
  expectStatus(await del(`/enterprises/${ok.body.id}`, 2, { session: dh }), 403);
});

test('units and users of other districts are out of scope for a district officer', async () => {
  const dh = await session('donghe');
  const units = await listAll(dh, 'units');
  assert.ok(units.length > 0);
  const d = await session('director');
  const dhj = await juris(d, '150202');
  assert.ok(units.every((u) => u.jurisdiction_id === dhj.id), `units.read:juris → only 东河 units, got ${units.map((u) => u.code).join(',')}`);
  const allUnits = await listAll(d, 'units');
  const kdlUnit = allUnits.find((u) => u.code === 'BTQTS-KDL');
  expectStatus(await get(`/units/${kdlUnit.id}`, { session: dh }), 403);
  expectStatus(await get('/users', { session: dh }), 403, 'no users.read');
});

test('RuoYi #213 cannot happen: read:juris from one role + export:all from another does not become read:all', async (t) => {
  const d = await session('director');
  const dhj = await juris(d, '150202');
  const sfx = Date.now().toString(36).slice(-5);
  await makeRole(`zt_read_juris_${sfx}`, [['enterprises.read', 'juris'], ['jurisdictions.read', 'all']]);
  await makeRole(`zt_export_all_${sfx}`, [['enterprises.export', 'all']]);
  const u = await makeUser('zt_mixed', 'BTQTS-DH', [`zt_read_juris_${sfx}`, `zt_export_all_${sfx}`], (m) => t.diagnostic(m));
  const s = u.session;
  assert.deepEqual(s.user.perms['enterprises.read'], ['juris'], 'read keeps the scope of the role that grants read');
  assert.deepEqual(s.user.perms['enterprises.export'], ['all']);
  const inside = await count(d, 'enterprises', `jurisdiction_id=${dhj.id}`);
  const rows = await listAll(s, 'enterprises');
  assert.equal(rows.length, inside, 'list = 东河区 only');
  assert.ok(rows.every((x) => x.jurisdiction_id === dhj.id));
  assert.equal(await count(s, 'enterprises'), inside);
  const other = await createEnterprise(d, {}, '150203');
  expectStatus(await get(`/enterprises/${other.id}`, { session: s }), 403, 'get outside the district');
  // export is granted everywhere by the other role: that is the per-permission union
  const x = await get('/enterprises/export?format=csv', { session: s });
  assert.equal(x.status, 200);
  assert.equal(parseCsv(x.text).length - 1, await count(d, 'enterprises'), 'export:all exports all');
  // and no write permission leaked from anywhere
  expectStatus(await post('/enterprises', { name: `${tag('混合')}有限公司`, uscc: uscc('150202'), kinds: ['producer'] }, { session: s }), 403);
});

test('several roles granting the same permission: the union of their scopes (juris ∪ unit), not all', async (t) => {
  const d = await session('director');
  const kdl = await session('kundulun');
  const dhj = await juris(d, '150202');
  const sfx = Date.now().toString(36).slice(-5);
  await makeRole(`zt_unit_reader_${sfx}`, [['enterprises.read', 'unit']]);
  // in the 昆都仑 branch's unit, but posted to 东河区
  const u = await makeUser('zt_union', 'BTQTS-KDL', ['district_officer', `zt_unit_reader_${sfx}`], (m) => t.diagnostic(m));
  const admin = await session('admin');
  const dhUser = await get(`/users/${u.id}`, { session: admin });
  const mv = await patch(`/users/${u.id}`, { jurisdiction_id: dhj.id }, dhUser.body.version, { session: admin });
  expectStatus(mv, 200, 'admin posts the user to 东河区');
  nextSecond();
  const me = await get('/session', { session: u.session });
  const s = { ...u.session, user: me.body.user };
  assert.deepEqual([...s.user.perms['enterprises.read']].sort(), ['juris', 'unit']);
  // an enterprise in 昆都仑 created by the 昆都仑 branch (owner unit = the user's unit), and one by the director
  const byBranch = (await post('/enterprises', { name: `${tag('昆区分局建')}有限公司`, uscc: uscc('150203'), kinds: ['producer'] }, { session: kdl })).body;
  assert.equal(byBranch.owner_unit_id, s.user.unit_id);
  const byDirector = await createEnterprise(d, {}, '150203');
  expectStatus(await get(`/enterprises/${byBranch.id}`, { session: s }), 200, 'unit scope');
  expectStatus(await get(`/enterprises/${byDirector.id}`, { session: s }), 403, 'neither juris nor unit');
  const rows = await listAll(s, 'enterprises');
  const inDistrict = await count(d, 'enterprises', `jurisdiction_id=${dhj.id}`);
  const ownUnit = (await listAll(d, 'enterprises')).filter((x) => x.owner_unit_id === s.user.unit_id && x.jurisdiction_id !== dhj.id).length;
  assert.equal(rows.length, inDistrict + ownUnit, 'list = 东河区 ∪ rows of my unit');
  assert.ok(rows.some((x) => x.id === byBranch.id));
  assert.ok(!rows.some((x) => x.id === byDirector.id));
  assert.equal(await count(s, 'enterprises'), rows.length);
  // create and update keep the district officer's juris scope only
  expectStatus(await post('/enterprises', { name: `${tag('越界建')}有限公司`, uscc: uscc('150203'), kinds: ['producer'] }, { session: s }), 403);
});

test('the scope of enterprises.personal decides which rows are unmasked (read:all + personal:juris)', async (t) => {
  const d = await session('director');
  const sfx = Date.now().toString(36).slice(-5);
  await makeRole(`zt_pers_juris_${sfx}`, [['enterprises.personal', 'juris']]);
  const u = await makeUser('zt_pers', 'BTQTS-DH', ['lab_analyst', `zt_pers_juris_${sfx}`], (m) => t.diagnostic(m));
  const s = u.session;
  assert.deepEqual(s.user.perms['enterprises.read'], ['all']);
  assert.deepEqual(s.user.perms['enterprises.personal'], ['juris']);
  const inside = await createEnterprise(d, { phone: '13911112222' }, '150202');
  const outside = await createEnterprise(d, { phone: '13933334444' }, '150203');
  const gi = await get(`/enterprises/${inside.id}`, { session: s });
  expectStatus(gi, 200);
  assert.equal(gi.body.phone, '13911112222', 'unmasked inside the personal-data scope');
  const go = await get(`/enterprises/${outside.id}`, { session: s });
  expectStatus(go, 200, 'read:all reads it');
  assert.equal(go.body.phone, '139****4444', 'masked outside the personal-data scope (personal:juris is not personal:all)');
  const l = await get(`/enterprises?q=${encodeURIComponent(outside.name)}`, { session: s });
  assert.equal(l.body.items[0].phone, '139****4444', 'masked in lists outside the scope');
});
