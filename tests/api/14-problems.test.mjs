// 14-problems — the one error vocabulary (issue 13 §3). A problem's `type`
// is a stable URI of the server's table (src/core/problems.h), its title
// the table's in the caller's language (Accept-Language), and every type and
// field-error code the server can send has zh-CN and en text in the console
// (web/src/i18n/errors.js, generated from the same table). The OpenAPI
// document carries the table; 99-openapi checks every answer of the suite
// against it (Problem.type and errors[].code are enums).
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, patch, call, expectStatus, session, createEnterprise } from './lib.mjs';
import consoleErrors from '../../web/src/i18n/errors.js';

const EN = { headers: { 'Accept-Language': 'en' } };
let table; // { types: Map slug → {type, status, title}, codes: Map code → text }

test('the OpenAPI document lists the problem types and field-error codes, and the console has both texts of each', async () => {
  const admin = await session('admin');
  const doc = expectStatus(await get('/openapi.json', { session: admin }), 200).body;
  const p = doc.components.schemas.Problem;
  const types = p['x-problem-types'], codes = p['x-field-error-codes'];
  assert.ok(types.length >= 50 && codes.length >= 20, `${types.length} types, ${codes.length} codes`);
  assert.deepEqual(p.properties.type.enum, types.map((t) => t.type));
  assert.deepEqual(p.properties.errors.items.properties.code.enum, codes.map((c) => c.code));
  table = { types: new Map(types.map((t) => [t.slug, t])), codes: new Map(codes.map((c) => [c.code, c])) };
  assert.equal(table.types.size, types.length, 'slugs are unique');
  for (const t of types) {
    assert.match(t.type, /^https:\/\/zhijian\.example\/problems\/[a-z0-9-]+$/);
    assert.ok(t.type.endsWith('/' + t.slug));
    const key = t.slug.replace(/-/g, '_');
    assert.equal(consoleErrors['zh-CN'].errp[key], t.title.zh, `console zh-CN errp.${key}`);
    assert.equal(consoleErrors.en.errp[key], t.title.en, `console en errp.${key}`);
  }
  for (const c of codes) {
    assert.equal(consoleErrors['zh-CN'].errc[c.code], c.text.zh, `console zh-CN errc.${c.code}`);
    assert.equal(consoleErrors.en.errc[c.code], c.text.en, `console en errc.${c.code}`);
  }
  // and nothing in the console that the server does not send
  assert.equal(Object.keys(consoleErrors.en.errp).length, types.length);
  assert.equal(Object.keys(consoleErrors.en.errc).length, codes.length);
});

// The answer is the table's type, status and title, in zh-CN by default and in English on request.
async function expectType(doit, slug, what) {
  assert.ok(table, 'the table was read by the first test');
  const t = table.types.get(slug);
  assert.ok(t, `${slug} is a type of the table`);
  const zh = expectStatus(await doit({}), t.status, what);
  assert.equal(zh.body.type, t.type, `${what}: type`);
  assert.equal(zh.body.title, t.title.zh, `${what}: zh-CN title`);
  const en = expectStatus(await doit(EN), t.status, what + ' (en)');
  assert.equal(en.body.type, t.type, `${what} (en): type`);
  assert.equal(en.body.title, t.title.en, `${what}: en title`);
  for (const r of [zh, en]) for (const e of r.body.errors ?? []) assert.ok(table.codes.has(e.code), `${what}: code ${e.code} is in the table`);
  return [zh, en];
}

test('representative problems carry their stable type and the title in the caller\'s language', async () => {
  const admin = await session('director'); // reads and writes enterprises
  await expectType((o) => get('/enterprises', o), 'not-signed-in', 'no session');
  await expectType((o) => get('/enterprises/987654321', { ...o, session: admin }), 'not-found', 'absent record');
  await expectType((o) => get('/no_such_things', { ...o, session: admin }), 'no-such-entity', 'unknown entity');
  await expectType((o) => call('POST', '/enterprises', { ...o, session: admin, raw: '{"name":', headers: { ...o.headers, 'Content-Type': 'application/json' } }), 'bad-json', 'broken JSON');
  await expectType((o) => post('/enterprises', { session: 1 }, { ...o, session: admin, csrf: false }), 'csrf', 'cookie write without the CSRF token');
  const [v] = await expectType((o) => post('/enterprises', { bogus: 1 }, { ...o, session: admin }), 'validation', 'invalid fields');
  assert.ok(v.body.errors.some((e) => e.field === 'bogus' && e.code === 'unknown'), JSON.stringify(v.body.errors));
  assert.ok(v.body.errors.some((e) => e.code === 'required'), JSON.stringify(v.body.errors));
  // 412 keeps its `current` member; 428 without a version
  const u = await createEnterprise(admin);
  const [stale] = await expectType((o) => patch(`/enterprises/${u.id}`, { name: u.name }, u.version + 7, { ...o, session: admin }), 'stale-version', 'stale version');
  assert.equal(stale.body.current?.id, u.id, 'the current row rides along');
  await expectType((o) => patch(`/enterprises/${u.id}`, { name: u.name }, undefined, { ...o, session: admin }), 'version-required', 'no version');
});

test('a status without a problem is never "about:blank"', async () => {
  const admin = await session('director');
  for (const path of ['/enterprises/987654321', '/no_such_things']) {
    const r = await get(path, { session: admin });
    assert.notEqual(r.body?.type, 'about:blank', path);
    assert.ok(table.types.has(r.body.type.split('/').pop()), `${path}: ${r.body.type}`);
  }
});
