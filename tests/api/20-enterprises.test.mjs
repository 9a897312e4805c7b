// Enterprises through the generic CRUD: create, validation, bad input,
// optimistic locking, soft delete, history, keyset paging, sort, filters, search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  call, get, post, patch, del, session, expectStatus, fieldError, uscc, usccFrom, tag, listAll, count, juris, createEnterprise,
} from './lib.mjs';

const byteCmp = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

test('create → 201, version 1, jurisdiction defaulted from the credit code, ETag', async () => {
  const d = await session('director');
  const dh = await juris(d, '150202');
  const body = {
    name: `${tag('包头测试乳业')}有限公司`, uscc: uscc('150202'), kinds: ['producer', 'distributor'], size: 'small',
    legal_rep: '张三', phone: '13912345678', address: '包头市东河区测试路1号', licence_no: 'SC10615020200001', licence_kind: 'sc',
    licence_valid_to: '2027-06-30',
  };
  const r = await post('/enterprises', body, { session: d });
  expectStatus(r, 201);
  assert.equal(r.body.version, 1);
  assert.ok(Number.isInteger(r.body.id) && r.body.id > 0);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(r.body.jurisdiction_id, dh.id, 'jurisdiction from positions 3-8 of the code');
  assert.equal(r.body.jurisdiction_id__label, '东河区');
  assert.deepEqual(r.body.kinds, ['producer', 'distributor']);
  assert.equal(r.body.created_by, d.user.id);
  for (const k of ['name', 'uscc', 'legal_rep', 'address', 'licence_no', 'licence_kind', 'licence_valid_to', 'size']) assert.equal(r.body[k], body[k], k);
  const g = await get(`/enterprises/${r.body.id}`, { session: d });
  expectStatus(g, 200);
  assert.equal(g.headers.get('etag'), '"1"');
  assert.equal(g.body.uscc, body.uscc);
  assert.equal(g.body.phone, body.phone, 'director reads personal data unmasked');
});

test('an explicit jurisdiction overrides the one in the code', async () => {
  const d = await session('director');
  const kdl = await juris(d, '150203');
  const e = await createEnterprise(d, { jurisdiction_id: kdl.id }, '150202');
  assert.equal(e.jurisdiction_id, kdl.id);
});

test('a bad credit code → 422 naming uscc (check digit: code check; bad characters: pattern; wrong length: length)', async () => {
  const d = await session('director');
  const good = uscc('150202');
  const last = good[17] === '0' ? '1' : '0';
  const n0 = await count(d, 'enterprises');
  let r = await post('/enterprises', { name: '校验码错误有限公司', uscc: good.slice(0, 17) + last, kinds: ['producer'] }, { session: d });
  expectStatus(r, 422);
  fieldError(r, 'uscc', 'check');
  r = await post('/enterprises', { name: '校验码错误有限公司', uscc: good.slice(0, 17) + last, kinds: ['producer'] }, { session: d, headers: { 'Accept-Language': 'en' } });
  expectStatus(r, 422);
  assert.match(fieldError(r, 'uscc', 'check').message, /check/i, 'English message with Accept-Language: en');
  r = await post('/enterprises', { name: '字符错误有限公司', uscc: 'I1150202MA0000000X', kinds: ['producer'] }, { session: d });
  expectStatus(r, 422);
  fieldError(r, 'uscc', 'pattern');
  r = await post('/enterprises', { name: '长度错误有限公司', uscc: good.slice(0, 17), kinds: ['producer'] }, { session: d });
  expectStatus(r, 422);
  fieldError(r, 'uscc', 'length');
  assert.equal(await count(d, 'enterprises'), n0, 'nothing written');
});

test('an unknown field → 422 code unknown, never silently dropped', async () => {
  const d = await session('director');
  const code = uscc('150202');
  const r = await post('/enterprises', { name: '未知字段有限公司', uscc: code, kinds: ['producer'], colour: 'red' }, { session: d });
  expectStatus(r, 422);
  fieldError(r, 'colour', 'unknown');
  assert.equal(await count(d, 'enterprises', `uscc=${code}`), 0, 'nothing written');
});

test('wrong types and values → 422 naming every bad field at once', async () => {
  const d = await session('director');
  const code = uscc('150202');
  const r = await post('/enterprises', {
    name: 12345, uscc: code, kinds: 'no_such_kind', size: 'enormous', jurisdiction_id: 99999999, licence_valid_to: '2026-02-30',
    licence_no: 'X1', phone: 'call me', legal_rep_id: '12345',
  }, { session: d });
  expectStatus(r, 422);
  fieldError(r, 'name', 'type');
  fieldError(r, 'kinds', 'dict');
  fieldError(r, 'size', 'dict');
  fieldError(r, 'jurisdiction_id', 'ref');
  fieldError(r, 'licence_valid_to', 'type');
  fieldError(r, 'phone', 'pattern');
  fieldError(r, 'legal_rep_id', 'pattern');
  assert.equal(await count(d, 'enterprises', `uscc=${code}`), 0);
  const m = await post('/enterprises', {}, { session: d });
  expectStatus(m, 422);
  for (const f of ['name', 'uscc', 'kinds']) fieldError(m, f, 'required');
  const t = await post('/enterprises', { name: 'x', uscc: uscc(), kinds: ['producer'] }, { session: d });
  expectStatus(t, 422);
  fieldError(t, 'name', 'length');
  const rule = await post('/enterprises', { name: '规则有限公司', uscc: uscc(), kinds: ['producer'], licence_valid_to: '2027-01-01' }, { session: d });
  expectStatus(rule, 422);
  fieldError(rule, 'licence_no', 'required');
  const sys = await post('/enterprises', { name: '系统字段有限公司', uscc: uscc(), kinds: ['producer'], size: 3 }, { session: d });
  expectStatus(sys, 422);
  fieldError(sys, 'size');
});

test('malformed JSON → 400 naming the position; non-object, duplicate keys, empty body → 400', async () => {
  const d = await session('director');
  const hdr = { 'Content-Type': 'application/json' };
  let r = await call('POST', '/enterprises', { session: d, raw: '{"name": "半截", "uscc": ', headers: hdr });
  expectStatus(r, 400);
  assert.match(r.body.detail, /\d/, `position in detail: ${r.body.detail}`);
  r = await call('POST', '/enterprises', { session: d, raw: '{"name": "半截",, }', headers: { ...hdr, 'Accept-Language': 'en' } });
  expectStatus(r, 400);
  assert.match(r.body.detail, /line 1, column \d+/, r.body.detail);
  expectStatus(await call('POST', '/enterprises', { session: d, raw: '[1,2,3]', headers: hdr }), 400, 'array body');
  expectStatus(await call('POST', '/enterprises', { session: d, raw: '{"name":"a","name":"b"}', headers: hdr }), 400, 'duplicate keys');
  expectStatus(await call('POST', '/enterprises', { session: d, raw: '', headers: hdr }), 400, 'empty body');
  expectStatus(await call('POST', '/enterprises', { session: d, raw: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), headers: hdr }), 400, 'not UTF-8');
});

test('a body over 1 MiB → 413, nothing written', async () => {
  const d = await session('director');
  const n0 = await count(d, 'enterprises');
  const big = JSON.stringify({ name: '大'.repeat(10), uscc: uscc(), kinds: ['producer'], address: 'x'.repeat((1 << 20) + 100) });
  const r = await call('POST', '/enterprises', { session: d, raw: big, headers: { 'Content-Type': 'application/json' } });
  expectStatus(r, 413);
  assert.equal(await count(d, 'enterprises'), n0);
});

test('unknown entity → 404; unknown or malformed id → 404', async () => {
  const d = await session('director');
  expectStatus(await get('/no_such_things', { session: d }), 404);
  expectStatus(await get('/no_such_things/1', { session: d }), 404);
  expectStatus(await get('/no_such_things/count', { session: d }), 404);
  expectStatus(await get('/no_such_things/export?format=csv', { session: d }), 404);
  expectStatus(await post('/no_such_things', { a: 1 }, { session: d }), 404);
  expectStatus(await get('/enterprises/999999999', { session: d }), 404);
  expectStatus(await get('/enterprises/0', { session: d }), 404);
  expectStatus(await get('/enterprises/abc', { session: d }), 404);
  expectStatus(await get('/enterprises/-1', { session: d }), 404);
  expectStatus(await get('/enterprises/99999999999999999999999', { session: d }), 404);
  expectStatus(await patch('/enterprises/999999999', { name: '不存在有限公司' }, 1, { session: d }), 404);
  expectStatus(await del('/enterprises/999999999', 1, { session: d }), 404);
  expectStatus(await get('/enterprises/999999999/history', { session: d }), 404);
});

test('update with If-Match: 200 version 2; stale → 412 with current and nothing changed; no version → 428', async () => {
  const d = await session('director');
  const e = await createEnterprise(d, { legal_rep: '张三' });
  const r = await patch(`/enterprises/${e.id}`, { legal_rep: '李四' }, 1, { session: d });
  expectStatus(r, 200);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.legal_rep, '李四');
  assert.equal(r.headers.get('etag'), '"2"');
  const stale = await patch(`/enterprises/${e.id}`, { legal_rep: '王五' }, 1, { session: d });
  expectStatus(stale, 412);
  assert.equal(stale.body.current?.version, 2, 'problem carries the current row');
  assert.equal(stale.body.current?.legal_rep, '李四');
  let g = await get(`/enterprises/${e.id}`, { session: d });
  assert.equal(g.body.version, 2);
  assert.equal(g.body.legal_rep, '李四', 'stale write changed nothing');
  const none = await patch(`/enterprises/${e.id}`, { legal_rep: '赵六' }, undefined, { session: d });
  expectStatus(none, 428);
  const bad = await call('PATCH', `/enterprises/${e.id}`, { session: d, body: { legal_rep: '赵六' }, headers: { 'If-Match': 'yesterday' } });
  assert.ok([400, 412, 428].includes(bad.status), `malformed If-Match: ${bad.status}`);
  g = await get(`/enterprises/${e.id}`, { session: d });
  assert.equal(g.body.legal_rep, '李四');
  assert.equal(g.body.version, 2);
  // the version may also come in the body; PUT is PATCH
  const bv = await patch(`/enterprises/${e.id}`, { version: 2, address: '新地址' }, undefined, { session: d });
  expectStatus(bv, 200);
  assert.equal(bv.body.version, 3);
  const put = await call('PUT', `/enterprises/${e.id}`, { session: d, body: { address: '另一个地址' }, headers: { 'If-Match': '"3"' } });
  expectStatus(put, 200);
  assert.equal(put.body.version, 4);
  // an invalid update changes nothing
  const inv = await patch(`/enterprises/${e.id}`, { uscc: 'not-a-code' }, 4, { session: d });
  expectStatus(inv, 422);
  fieldError(inv, 'uscc');
  const other = await createEnterprise(d);
  const dup = await patch(`/enterprises/${e.id}`, { uscc: other.uscc }, 4, { session: d });
  expectStatus(dup, 422);
  fieldError(dup, 'uscc', 'unique');
  const unk = await patch(`/enterprises/${e.id}`, { nope: 1 }, 4, { session: d });
  expectStatus(unk, 422);
  fieldError(unk, 'nope', 'unknown');
  g = await get(`/enterprises/${e.id}`, { session: d });
  assert.equal(g.body.version, 4);
  assert.equal(g.body.address, '另一个地址');
  // history lists the create and every update with its changes
  const h = await get(`/enterprises/${e.id}/history`, { session: d });
  expectStatus(h, 200);
  const writes = h.body.items.filter((x) => ['create', 'update', 'delete'].includes(x.action));
  assert.deepEqual(writes.map((x) => x.action), ['create', 'update', 'update', 'update']);
  assert.deepEqual(writes[1].changes.legal_rep, ['张三', '李四']);
  assert.equal(writes[1].user, 'director');
});

test('a record\'s history shows its changes, not the audit of who read it (that is for the audit administrator)', async () => {
  const d = await session('director');
  const e = await createEnterprise(d);
  await get(`/enterprises/${e.id}`, { session: d }); // an unmasked read: audited as read_personal
  const p = await patch(`/enterprises/${e.id}`, { legal_rep: '周七' }, 1, { session: d });
  expectStatus(p, 200);
  const h = await get(`/enterprises/${e.id}/history`, { session: d });
  expectStatus(h, 200);
  const actions = h.body.items.map((x) => x.action);
  assert.deepEqual(actions, ['create', 'update'], `history of ${e.id} holds audit-only actions: ${actions.join(', ')}`);
});

test('soft delete with If-Match → 204, then 404, gone from lists and counts; the code is free again', async () => {
  const d = await session('director');
  const e = await createEnterprise(d);
  const n0 = await count(d, 'enterprises');
  expectStatus(await del(`/enterprises/${e.id}`, undefined, { session: d }), 428, 'delete without version');
  expectStatus(await del(`/enterprises/${e.id}`, 7, { session: d }), 412, 'delete with a stale version');
  const r = await del(`/enterprises/${e.id}`, 1, { session: d });
  assert.equal(r.status, 204);
  expectStatus(await get(`/enterprises/${e.id}`, { session: d }), 404);
  expectStatus(await patch(`/enterprises/${e.id}`, { legal_rep: 'x' }, 2, { session: d }), 404);
  expectStatus(await del(`/enterprises/${e.id}`, 2, { session: d }), 404);
  assert.equal(await count(d, 'enterprises'), n0 - 1);
  const l = await get(`/enterprises?q=${encodeURIComponent(e.name)}`, { session: d });
  assert.equal(l.body.items.length, 0, 'not in lists');
  const all = await listAll(d, 'enterprises');
  assert.ok(!all.some((x) => x.id === e.id), 'not in the full list');
  const again = await createEnterprise(d, { uscc: e.uscc });
  assert.notEqual(again.id, e.id);
});

async function pages(s, query, limit) {
  const seen = [];
  let cursor = null, n = 0;
  do {
    const r = await get(`/enterprises?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { session: s });
    expectStatus(r, 200);
    assert.ok(r.body.items.length <= limit);
    if (r.body.next) assert.equal(r.body.items.length, limit, 'only the last page is short');
    seen.push(...r.body.items);
    cursor = r.body.next;
    assert.ok(++n < 1000, 'paging ends');
  } while (cursor);
  return seen;
}

test('keyset paging with limit=7 walks every row once (default order -id)', async () => {
  const d = await session('director');
  const total = await count(d, 'enterprises');
  assert.ok(total >= 300);
  const rows = await pages(d, '', 7);
  const ids = rows.map((x) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'no duplicates');
  assert.equal(ids.length, total, 'no gaps: as many as /count');
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i] < ids[i - 1], 'descending id');
});

test('sort=name and sort=-name page stably through all rows (ties broken by id)', async () => {
  const d = await session('director');
  const total = await count(d, 'enterprises');
  for (const sort of ['name', '-name']) {
    const rows = await pages(d, `sort=${sort}`, 7);
    assert.equal(rows.length, total, `${sort}: all rows`);
    assert.equal(new Set(rows.map((x) => x.id)).size, total, `${sort}: no duplicates`);
    const desc = sort[0] === '-';
    for (let i = 1; i < rows.length; i++) {
      let c = byteCmp(rows[i - 1].name, rows[i].name);
      if (c === 0) c = rows[i - 1].id - rows[i].id;
      assert.ok(desc ? c > 0 : c < 0, `${sort}: order at ${i}: ${rows[i - 1].name}/${rows[i - 1].id} then ${rows[i].name}/${rows[i].id}`);
    }
    const one = await listAll(d, 'enterprises', `sort=${sort}`);
    assert.deepEqual(rows.map((x) => x.id), one.map((x) => x.id), `${sort}: pages of 7 = one page of 500`);
  }
});

test('filters: equality, repeated key as a set, multi-code dictionary, date range; counts agree', async () => {
  const d = await session('director');
  const all = await listAll(d, 'enterprises');
  const dh = await juris(d, '150202');
  let rows = await listAll(d, 'enterprises', `jurisdiction_id=${dh.id}`);
  assert.ok(rows.length > 0);
  assert.ok(rows.every((x) => x.jurisdiction_id === dh.id));
  assert.equal(rows.length, all.filter((x) => x.jurisdiction_id === dh.id).length);
  assert.equal(await count(d, 'enterprises', `jurisdiction_id=${dh.id}`), rows.length);
  rows = await listAll(d, 'enterprises', 'size=small&size=micro');
  assert.ok(rows.every((x) => x.size === 'small' || x.size === 'micro'));
  assert.equal(rows.length, all.filter((x) => x.size === 'small' || x.size === 'micro').length);
  assert.equal(await count(d, 'enterprises', 'size=small&size=micro'), (await count(d, 'enterprises', 'size=small')) + (await count(d, 'enterprises', 'size=micro')));
  rows = await listAll(d, 'enterprises', 'kinds=caterer');
  assert.ok(rows.length > 0 && rows.every((x) => x.kinds.includes('caterer')));
  assert.equal(rows.length, all.filter((x) => x.kinds?.includes('caterer')).length);
  rows = await listAll(d, 'enterprises', 'licence_valid_to.from=2027-01-01&licence_valid_to.to=2027-12-31');
  const expect = all.filter((x) => x.licence_valid_to && x.licence_valid_to >= '2027-01-01' && x.licence_valid_to <= '2027-12-31');
  assert.ok(expect.length > 0);
  assert.deepEqual(rows.map((x) => x.id).sort(), expect.map((x) => x.id).sort());
  assert.equal(await count(d, 'enterprises', 'licence_valid_to.from=2027-01-01&licence_valid_to.to=2027-12-31'), expect.length);
  rows = await listAll(d, 'enterprises', `jurisdiction_id=${dh.id}&size=small&size=micro`);
  assert.equal(rows.length, all.filter((x) => x.jurisdiction_id === dh.id && ['small', 'micro'].includes(x.size)).length, 'filters combine with AND');
  // paging under a filter
  const paged = await pages(d, `jurisdiction_id=${dh.id}&sort=name`, 5);
  assert.equal(paged.length, all.filter((x) => x.jurisdiction_id === dh.id).length);
});

test('q searches the declared fields; LIKE wildcards are literal', async () => {
  const d = await session('director');
  const all = await listAll(d, 'enterprises');
  const rows = await listAll(d, 'enterprises', `q=${encodeURIComponent('乳业')}`);
  const fields = ['name', 'uscc', 'legal_rep', 'park', 'licence_no'];
  assert.ok(rows.length > 0);
  assert.ok(rows.every((x) => fields.some((f) => (x[f] ?? '').includes('乳业'))));
  assert.ok(rows.length >= all.filter((x) => x.name.includes('乳业')).length);
  const e = await createEnterprise(d);
  const byCode = await get(`/enterprises?q=${e.uscc.slice(4, 14)}`, { session: d });
  assert.ok(byCode.body.items.some((x) => x.id === e.id), 'found by part of the code');
  assert.equal((await get(`/enterprises?q=${encodeURIComponent('%')}`, { session: d })).body.items.length, 0, "q=% matches only a literal %");
  assert.equal((await get(`/enterprises?q=_`, { session: d })).body.items.length, 0, 'q=_ matches only a literal _');
  assert.equal(await count(d, 'enterprises', `q=${encodeURIComponent('乳业')}`), rows.length);
});

test('bad query parameters → 400 problem naming the parameter', async () => {
  const d = await session('director');
  for (const q of ['colour=red', 'name=x', 'phone=1', 'limit=0', 'limit=501', 'limit=abc', 'sort=phone', 'sort=nope', 'cursor=%%%garbage',
    'licence_valid_to.from=2027-13-45', 'jurisdiction_id=abc', 'name.from=a', 'q=' + 'x'.repeat(300)]) {
    const r = await get(`/enterprises?${q}`, { session: d });
    expectStatus(r, 400, q);
    if (r.body.errors) assert.ok(r.body.errors.length > 0);
  }
  const r = await get('/enterprises?colour=red', { session: d });
  assert.equal(r.body.errors?.[0]?.field, 'colour');
  expectStatus(await get('/enterprises/count?colour=red', { session: d }), 400, 'count with an unknown filter');
  expectStatus(await get('/enterprises/export?format=csv&colour=red', { session: d }), 400, 'export with an unknown filter');
  expectStatus(await get('/enterprises/export?format=pdf', { session: d }), 400, 'unknown export format');
});

test('a code from another province is valid and defaults to no Baotou district', async () => {
  const d = await session('director');
  const hohhot = await juris(d, '150100');
  const e = await createEnterprise(d, {}, '150102');
  assert.equal(e.jurisdiction_id, hohhot.id, '1501xx falls back to the prefecture 150100');
  assert.equal(usccFrom('150202', '12345678').length, 18);
});
