// 29-export-state.test.mjs — status everywhere, in exports too (issue 14 §1):
// an export of an entity with a workflow leads each row with the record's
// state, in words by default and as its code with ?codes=1, on two areas
// (food samples, cases' complaints); an entity without a workflow has no
// such column; an exported file's state column is read past on import.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, call, expectStatus, session } from './lib.mjs';

/* The CSV's rows as arrays of cells (the test files hold no quoted commas in
 * the first two columns, which is all that is read). */
const rows = (text) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(','));

for (const [who, entity] of [['director', 'samples'], ['director', 'complaints']]) {
  test(`${entity}: the export leads with the state, in words; with codes=1 as its code`, async () => {
    const s = await session(who);
    const m = await get('/meta', { session: s });
    expectStatus(m, 200, 'meta');
    const wf = m.body.entities.find((e) => e.name === entity).workflow;
    const label = Object.fromEntries(wf.states.map((x) => [x.name ?? x.code ?? x.state, x.label?.zh ?? x.label_zh ?? x.label]));
    const list = await get(`/${entity}?limit=20`, { session: s });
    expectStatus(list, 200, 'list');
    assert.ok(list.body.items.length > 0, `the demo has ${entity}`);
    const words = await get(`/${entity}/export?format=csv&limit=20`, { session: s });
    expectStatus(words, 200, 'export in words');
    const w = rows(words.text);
    assert.equal(w[0][0], '状态', 'the first heading is the state');
    const codes = await get(`/${entity}/export?format=csv&codes=1&header=name`, { session: s });
    expectStatus(codes, 200, 'export with codes');
    const c = rows(codes.text);
    assert.equal(c[0][0], 'state');
    const known = new Set(Object.keys(label));
    for (const r of c.slice(1, 50)) assert.ok(known.has(r[0]), `a state code: ${r[0]}`);
    for (const r of w.slice(1, 50)) assert.ok(Object.values(label).includes(r[0]), `a state in words: ${r[0]}`);
    const en = await get(`/${entity}/export?format=csv`, { session: s, headers: { 'Accept-Language': 'en' } });
    expectStatus(en, 200, 'export in English');
    assert.equal(rows(en.text)[0][0], 'State');
  });
}

test('an entity without a workflow has no state column; an exported state column is read past on import', async () => {
  const d = await session('director');
  const e = await get('/enterprises/export?format=csv&header=name', { session: d });
  expectStatus(e, 200, 'enterprise export');
  assert.notEqual(rows(e.text)[0][0], 'state');
  // a complaint export fed back as a dry run: the state column raises no "unknown column"
  const x = await get('/complaints/export?format=csv&limit=5', { session: d });
  const head = rows(x.text)[0];
  const r = await call('POST', '/complaints/import?format=csv&dry_run=1', {
    session: d, raw: '\uFEFF' + head.join(',') + '\r\n', headers: { 'Content-Type': 'text/csv' },
  });
  const body = JSON.stringify(r.body ?? r.text);
  assert.ok(!body.includes('“状态”'), `the state column is not refused: ${body.slice(0, 300)}`);
});
