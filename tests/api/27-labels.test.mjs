// 27-labels.test.mjs — labels, not codes, and English complete (issue 14 §2,
// §13), on two areas (food, cases): /meta names every entity and its steps
// whatever the user reads, declares codes (F_CODE) and keeps machine keys off
// the lists; rows carry a reference's English label (districts); audit rows
// name their entity and step; the dashboard's chart answers in English.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, expectStatus, session, auditLog } from './lib.mjs';
import { as } from './lib-modules.mjs';

const HAN = /[\u3400-\u9fff]/;

test('meta names every entity and its steps, also to a user who reads none of them', async () => {
  const sec = await session('secadmin');
  const m = await get('/meta', { session: sec });
  expectStatus(m, 200, 'meta');
  assert.ok(!m.body.entities.some((e) => e.name === 'cases'), 'the security administrator reads no case');
  const cases = m.body.names.cases;
  assert.ok(cases, 'but cases have a name');
  assert.ok(HAN.test(cases.label.zh), cases.label.zh);
  assert.ok(cases.label.en && !HAN.test(cases.label.en));
  const steps = Object.keys(cases.steps);
  assert.ok(steps.includes('approve_filing'), `the case steps: ${steps}`);
  assert.ok(HAN.test(cases.steps.approve_filing.zh) && !HAN.test(cases.steps.approve_filing.en));
  assert.ok(m.body.names.samples && Object.keys(m.body.names.samples.steps).length > 0, 'the food area too');
});

test('codes are declared, and a machine key is not a list column where the row has a name', async () => {
  const admin = await session('admin');
  const m = await get('/meta', { session: admin });
  expectStatus(m, 200, 'meta');
  const f = (e, n) => m.body.entities.find((x) => x.name === e).fields.find((x) => x.name === n);
  assert.equal(f('users', 'username').code, true, 'a login name is a code');
  assert.equal(f('users', 'username').list, true, 'and stays a column: it is how the person signs in');
  for (const [e, n] of [['food_categories', 'code'], ['food_analytes', 'code'], ['food_deadline_rules', 'code'], ['roles', 'code'], ['dict_items', 'code']]) {
    if (!m.body.entities.some((x) => x.name === e)) continue;
    assert.equal(f(e, n).code, true, `${e}.${n} is a code`);
    assert.equal(f(e, n).list, false, `${e}.${n} is not a list column (the name is)`);
  }
  assert.equal(f('users', 'name').code, undefined, 'a name is no code');
});

test('rows carry the English name of a district beside the Chinese one (samples, cases)', async () => {
  const d = await as('director');
  for (const e of ['samples', 'cases']) {
    const r = await get(`/${e}?limit=5`, { session: d });
    expectStatus(r, 200, e);
    const row = r.body.items.find((x) => x.jurisdiction_id);
    assert.ok(row, `a ${e} row with a district`);
    assert.ok(HAN.test(row.jurisdiction_id__label), row.jurisdiction_id__label);
    assert.ok(row.jurisdiction_id__label_en && !HAN.test(row.jurisdiction_id__label_en), `${e}: ${row.jurisdiction_id__label_en}`);
    const one = await get(`/${e}/${row.id}`, { session: d });
    expectStatus(one, 200, `${e}/${row.id}`);
    assert.equal(one.body.jurisdiction_id__label_en, row.jurisdiction_id__label_en, 'the record too');
  }
});

test('audit rows name their entity (and a workflow step) in words', async () => {
  const items = await auditLog('', 500);
  const withEntity = items.filter((x) => x.entity === 'users' || x.entity === 'cases' || x.entity === 'samples');
  assert.ok(withEntity.length > 0, 'audit rows of known entities');
  for (const x of withEntity) {
    assert.ok(x.entity_label && x.entity_label.zh && x.entity_label.en, `entity_label of ${x.entity}`);
  }
  const steps = items.filter((x) => x.action_label);
  for (const x of steps) assert.ok(x.action_label.zh && x.action_label.en, `action_label of ${x.action}`);
});

test('the dashboard chart names food categories and districts in English when English is asked', async () => {
  const d = await as('director');
  const zh = await get('/dashboard', { session: d });
  const en = await get('/dashboard', { session: d, headers: { 'Accept-Language': 'en' } });
  expectStatus(en, 200, 'dashboard en');
  const rowsOf = (b) => (b.widgets || []).filter((w) => w.id === 'food_failed_by_category_district').flatMap((w) => w.rows || []);
  const rz = rowsOf(zh.body), re = rowsOf(en.body);
  assert.equal(re.length, rz.length, 'the same rows in both languages');
  for (const r of re) {
    assert.ok(!HAN.test(r.category), `category in English: ${r.category}`);
    assert.ok(!HAN.test(r.district), `district in English: ${r.district}`);
  }
  if (rz.length) assert.ok(HAN.test(rz[0].district), 'and in Chinese when Chinese is asked');
});
