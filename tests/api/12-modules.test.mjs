// 12-modules — what the list of business areas (src/modules/modules.c,
// core/module.h) gives the API: /meta's menu groups come from the areas'
// declarations, each with its labels and icon, every readable entity in
// exactly one group; and an entity action that takes a file declares its
// own body limit, while every other action keeps the default and an
// unknown action is refused before its body is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, get, session, expectStatus, rawRequest } from './lib.mjs';

test('/meta menu groups: declared by the areas, labelled, with an icon, each entity in one group', async () => {
  for (const who of ['director', 'admin', 'handler', 'sampler']) {
    const s = await session(who);
    const r = expectStatus(await get('/meta', { session: s }), 200, `${who} /meta`);
    const seen = new Map();
    for (const g of r.body.menu) {
      assert.equal(typeof g.group, 'string');
      assert.ok(g.label.zh && g.label.en, `${g.group}: labels`);
      assert.ok(typeof g.icon === 'string' && g.icon.length > 0, `${g.group}: icon`);
      assert.ok(g.entities.length > 0, `${g.group}: only groups with a readable entity`);
      for (const e of g.entities) {
        assert.ok(!seen.has(e), `${e} in ${seen.get(e)} and ${g.group}`);
        seen.set(e, g.group);
      }
    }
    for (const e of r.body.entities) assert.ok(seen.has(e.name), `${who}: ${e.name} is in a menu group`);
    assert.equal(seen.size, r.body.entities.length);
  }
  // the director sees the registry, food and enforcement groups in the declared order
  const d = await get('/meta', { session: await session('director') });
  const order = d.body.menu.map((g) => g.group);
  for (const [a, b] of [['base', 'food'], ['food', 'cases']]) assert.ok(order.indexOf(a) >= 0 && order.indexOf(a) < order.indexOf(b), order.join(','));
});

const json = { 'Content-Type': 'application/json' };

test('an action that takes a file declares its body limit; others keep 1 MiB', async () => {
  const handler = await session('handler');
  // evidence upload declares 20 MiB: a 1.5 MiB body reaches the action (a wrong checksum → 422, nothing stored)
  const b64 = Buffer.alloc(1100 * 1024, 7).toString('base64');
  const big = JSON.stringify({ content_base64: b64, sha256: '0'.repeat(64), title: '大文件', kind: 'photo' });
  assert.ok(big.length > 1 << 20);
  const up = await call('POST', '/evidence/actions/upload', { session: handler, raw: big, headers: json });
  expectStatus(up, 422, 'evidence upload over 1 MiB reaches the action');
  assert.ok(up.body.errors.some((e) => e.field === 'sha256'), JSON.stringify(up.body.errors));
  // an action that declares none keeps the default 1 MiB
  const ext = await call('POST', '/disposals/1/actions/extend', { session: handler, raw: big, headers: json });
  expectStatus(ext, 413, 'a 1.5 MiB body to an action without a declared limit');
  // an unknown action is refused from the headers, whatever its body
  // (the headers announce 5 MiB and none is sent: the answer comes without waiting for it)
  const none = await rawRequest(`POST /api/v1/evidence/actions/no_such_action HTTP/1.1\r\nHost: x\r\nCookie: zj_session=${handler.token}\r\n`
    + `X-CSRF-Token: ${handler.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${5 << 20}\r\nConnection: close\r\n\r\n`);
  assert.match(none, /^HTTP\/1\.1 404 /, `unknown action: ${none.slice(0, 200)}`);
  // one who may not upload is refused before the body is read
  const agency = await session('agency_fgw');
  const refused = await rawRequest(`POST /api/v1/evidence/actions/upload HTTP/1.1\r\nHost: x\r\nCookie: zj_session=${agency.token}\r\n`
    + `X-CSRF-Token: ${agency.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n`);
  assert.match(refused, /^HTTP\/1\.1 403 /, `agency uploads: ${refused.slice(0, 200)}`);
});
