// 13-shared.test.mjs — the helpers written once (issue 13 §4): the one
// decimal grammar (dec_parse) at the API's door, LIKE patterns escaped in
// every filter, and the system columns declared once and exported in /meta.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, post, expectStatus, fieldError, count } from './lib.mjs';
import { as } from './lib-modules.mjs';

async function byCode(s, entity, code) {
  const r = expectStatus(await get(`/${entity}?q=${encodeURIComponent(code)}&limit=500`, { session: s }), 200, `${entity} ${code}`);
  const x = r.body.items.find((i) => i.code === code);
  assert.ok(x, `${entity} with code ${code}`);
  return x;
}

test('/meta exports the system columns every row carries', async () => {
  const admin = await as('admin');
  const r = expectStatus(await get('/meta', { session: admin }), 200, 'meta');
  const sys = r.body.system_columns;
  assert.deepEqual(sys.map((c) => c.name), ['id', 'version', 'created_at', 'updated_at', 'created_by', 'owner_unit_id']);
  for (const c of sys) assert.ok(c.type && c.label?.zh && c.label?.en, JSON.stringify(c));
  // and a row carries exactly them besides its fields
  const units = expectStatus(await get('/units?limit=1', { session: admin }), 200, 'units');
  for (const c of sys) assert.ok(c.name in units.body.items[0], `row has ${c.name}`);
});

test('"1." and ".5" are not decimals anywhere: a field error, nothing written', async () => {
  const admin = await as('admin');
  const cat = await byCode(admin, 'food_categories', 'cranberry');
  const pb = await byCode(admin, 'food_analytes', 'pb');
  const before = await count(admin, 'food_limits');
  for (const value of ['1.', '.5', '-.5', '1..5']) {
    const r = await post('/food_limits', {
      standard: 'GB 2762', edition: '2022', clause: '4.1 表1', effective_from: '2023-06-30',
      category_id: cat.id, analyte_id: pb.id, comparator: 'le', value, unit: 'mg/kg', status: 'U',
    }, { session: admin });
    expectStatus(r, 422, `value ${value}`);
    fieldError(r, 'value', 'type');
  }
  assert.equal(await count(admin, 'food_limits'), before);
});

test('a multi-code filter matches codes, not LIKE patterns', async () => {
  const d = await as('director');
  const all = await count(d, 'enterprises');
  assert.ok(all > 0);
  assert.equal(await count(d, 'enterprises', 'kinds=%25'), 0, '"%" is not a wildcard');
  assert.equal(await count(d, 'enterprises', 'kinds=c_terer'), 0, '"_" is not a wildcard');
  assert.ok(await count(d, 'enterprises', 'kinds=caterer') > 0);
});
