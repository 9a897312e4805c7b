// 72-food-limits.test.mjs — the food reference data as the product serves it
// (issue 12, points 1, 8, 9): limit rows re-checked against the standards
// (chromium 2.0 mg/kg for 水产动物及其制品 per GB 2762 表7; melamine 1 mg/kg
// for 婴儿配方食品 only per 卫生部等5部门公告2011年第10号), the common pairs of
// the sampling rules covered (veterinary drugs and prohibited substances in
// pork, chicken, eggs, fish and shrimp; GB 2760 additives with their
// categories; 糕点 and 食用菌 with their templates), and nothing a user sees —
// meta, limit rows, deadline rules, categories, traces, the CLI — cites an
// internal document ("DOMAIN", "[U]") instead of a standard.
import test from 'node:test';
import assert from 'node:assert/strict';
import { get, expectStatus, listAll, cli, DB } from './lib.mjs';
import { as } from './lib-modules.mjs';

const INTERNAL = /DOMAIN|\[U\]|\(F\d+\)/;
const noInternal = (text, what) => assert.doesNotMatch(text, INTERNAL, `${what} cites an internal reference: ${(text.match(INTERNAL) || [])[0]} in ${text.slice(Math.max(0, text.search(INTERNAL) - 120), text.search(INTERNAL) + 60)}`);

let limits;
const rowByCode = (code) => limits.find((l) => l.code === code);

test('limit rows cite standards only, and each row its clause', async () => {
  const sup = await as('supervisor');
  limits = await listAll(sup, 'food_limits');
  assert.ok(limits.length > 300, `the shipped rows are served (${limits.length})`);
  noInternal(JSON.stringify(limits), 'food_limits');
  for (const l of limits) {
    assert.ok(l.source_ref && l.source_ref.startsWith(`${l.standard}-${l.edition}`), `${l.code}: source cites its standard (${l.source_ref})`);
    assert.ok(['V', 'V-ind', 'U'].includes(l.status), `${l.code}: status ${l.status}`);
  }
  const meta = await get('/meta', { session: sup });
  expectStatus(meta, 200, 'meta');
  noInternal(meta.text, 'meta');
  noInternal(JSON.stringify(await listAll(sup, 'food_deadline_rules')), 'food_deadline_rules');
  noInternal(JSON.stringify(await listAll(sup, 'food_categories')), 'food_categories');
});

test('chromium and melamine rows agree with the standard', () => {
  const cr = rowByCode('GB 2762-2022/aquatic/cr');
  assert.ok(cr, 'GB 2762 表7 水产动物及其制品 row');
  assert.equal(cr.value, '2.0');
  assert.equal(rowByCode('GB 2762-2022/aquatic_fresh/cr'), undefined, 'no aquatic row at the cereals\' 1.0');
  assert.equal(rowByCode('GB 2762-2022/pulses/cr')?.value, '1.0');
  assert.equal(rowByCode('GB 2762-2022/raw_milk/cr')?.value, '0.3');
  const mel = rowByCode('卫生部等5部门公告2011年第10号-2011/infant_milk_formula/melamine');
  assert.equal(mel?.value, '1');
  assert.equal(rowByCode('卫生部等5部门公告2011年第10号-2011/infant_formula/melamine'), undefined, 'follow-on formula is not held to 1 mg/kg');
  assert.equal(rowByCode('卫生部等5部门公告2011年第10号-2011/food/melamine')?.value, '2.5');
});

test('the common pairs of the sampling rules have a limit', () => {
  const want = [
    ['GB 31650-2019/fish/enrofloxacin', 'le', '100'],
    ['GB 31650-2019/fresh_eggs/enrofloxacin', 'nd'],
    ['GB 31650.1-2022/fresh_eggs/doxycycline', 'le', '10'],
    ['农业农村部公告第250号-2019/meat/chloramphenicol', 'nd'],
    ['农业农村部公告第250号-2019/eggs/furazolidone_m', 'nd'],
    ['农业农村部公告第250号-2019/aquatic/malachite_green', 'nd'],
    ['农业农村部公告第250号-2019/meat/clenbuterol', 'nd'],
    ['GB 2761-2017/infant_formula/afm1', 'le', '0.5'],
    ['GB 2761-2017/wine/ota', 'le', '2.0'],
    ['GB 2762-2022/dried_meat/pb', 'le', '0.2'],
    ['GB 2760-2024/pastries/sorbic', 'le', '1.0'],
    ['GB 2760-2024/pastries/cyclamate', 'le', '1.6'],
    ['GB 2760-2024/pastries/saccharin', 'nd'],
    ['GB 2760-2024/pastries/dehydroacetic', 'nd'],
    ['GB 2760-2014/pastries/dehydroacetic', 'le', '0.5'],
    ['GB 2760-2024/braised_meat/sorbic', 'le', '0.075'],
    ['GB 2762-2022/shiitake/cd', 'le', '0.5'],
  ];
  for (const [code, cmp, value] of want) {
    const l = rowByCode(code);
    assert.ok(l, `${code} ships`);
    assert.equal(l.comparator, cmp, code);
    if (value) assert.equal(l.value, value, code);
  }
  // what could not be checked against its standard's text is marked so
  assert.equal(rowByCode('GB 2761-2017/wine/ota').status, 'U');
  assert.equal(rowByCode('GB 2760-2014/pastries/dehydroacetic').status, 'U');
});

test('糕点 and 食用菌 come with their test items', async () => {
  const sup = await as('supervisor');
  const cats = await listAll(sup, 'food_categories');
  for (const code of ['pastries', 'fungi']) {
    const c = cats.find((x) => x.code === code);
    assert.ok(c, `category ${code}`);
    const tpl = await listAll(sup, 'test_templates', `category_id=${c.id}`);
    assert.ok(tpl.length >= 4, `${code} has a template (${tpl.length} items)`);
  }
});

test('traces and the CLI cite standards only', async () => {
  const sup = await as('supervisor');
  const r = await get('/results?limit=40', { session: sup });
  expectStatus(r, 200, 'results');
  assert.ok(r.body.items.length > 0, 'the demo has results');
  for (const res of r.body.items.slice(0, 40)) {
    const tr = await get(`/results/${res.id}/actions/trace`, { session: sup });
    expectStatus(tr, 200, 'trace');
    noInternal(tr.text, `trace of result ${res.id}`);
  }
  const run = (...args) => cli(['limit', ...args], { env: { ASAN_OPTIONS: 'detect_leaks=0' } });
  const fishBall = run('鱼丸', '铬', '--on', '2025-06-01', '--db', DB);
  assert.equal(fishBall.status, 0, fishBall.stderr);
  assert.match(fishBall.stdout, /^≤2\.0 mg\/kg GB 2762-2022 4\.7 表7/);
  const wine = run('葡萄酒', '赭曲霉毒素A', '--on', '2025-06-01');
  assert.match(wine.stdout, /限量依据待核实/);
  noInternal(wine.stdout, 'zhijian limit');
});
