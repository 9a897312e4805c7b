// Repeated query keys are a set (IN) for reference and integer fields too,
// as docs/api.md says: the console's jurisdiction tree sends a node and its
// descendants this way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PW, get, signIn, expectStatus } from './lib.mjs';

test('repeated ref keys: users of 东河区 or 昆都仑区; counts agree; a bad member → 400', async () => {
  const r = await signIn('admin', ADMIN_PW);
  expectStatus(r, 201);
  const s = { token: r.body.token, csrf: r.body.csrf };
  const j = await get('/jurisdictions?code=150202', { session: s });
  const k = await get('/jurisdictions?code=150203', { session: s });
  const dh = j.body.items[0].id, kdl = k.body.items[0].id;
  const one = await get(`/users?jurisdiction_id=${dh}&limit=500`, { session: s });
  const both = await get(`/users?jurisdiction_id=${dh}&jurisdiction_id=${kdl}&limit=500`, { session: s });
  expectStatus(both, 200);
  const names = both.body.items.map((u) => u.username);
  assert.ok(names.includes('donghe') && names.includes('kundulun'), names.join(','));
  assert.ok(both.body.items.every((u) => u.jurisdiction_id === dh || u.jurisdiction_id === kdl));
  assert.ok(both.body.items.length > one.body.items.length);
  const cnt = await get(`/users/count?jurisdiction_id=${dh}&jurisdiction_id=${kdl}`, { session: s });
  assert.equal(cnt.body.count, both.body.items.length);
  const bad = await get(`/users?jurisdiction_id=${dh}&jurisdiction_id=abc`, { session: s });
  expectStatus(bad, 400);
});
