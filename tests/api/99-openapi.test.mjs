// 99-openapi — the OpenAPI 3.1 document (GET /api/v1/openapi.json) is valid
// by the standard's own schema, and it tells the truth about the server: every
// route the suite's earlier files called and the server answered is in it, and
// every JSON body they got back matches the schema it declares. Runs last: it
// reads the log of every answer the suite received (ZJ_RESP_LOG, written by
// lib.mjs's call()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import { get, session, expectStatus } from './lib.mjs';

const LOG = process.env.ZJ_RESP_LOG;

let doc;
test('the document is served to a signed-in user and is valid OpenAPI 3.1', async () => {
  const anon = await get('/openapi.json');
  expectStatus(anon, 401, 'without a session');
  const s = await session('director');
  const r = expectStatus(await get('/openapi.json', { session: s }), 200);
  doc = r.body;
  assert.equal(doc.openapi, '3.1.0');
  const v = new Validator();
  const res = await v.validate(doc);
  assert.ok(res.valid, `invalid OpenAPI document: ${JSON.stringify(res.errors)?.slice(0, 2000)}`);
  // declared entities, their transitions and public endpoints are all there
  const meta = expectStatus(await get('/meta', { session: s }), 200).body;
  for (const e of meta.entities) {
    assert.ok(doc.paths[`/api/v1/${e.name}`]?.get, `list of ${e.name}`);
    assert.ok(doc.paths[`/api/v1/${e.name}/{id}`]?.get, `get of ${e.name}`);
    for (const t of e.workflow?.transitions ?? [])
      assert.ok(doc.paths[`/api/v1/${e.name}/{id}/transitions/${t.name}`]?.post, `transition ${e.name}.${t.name}`);
  }
});

/* Path templates of the document as matchers, most specific first. */
function matchers(d) {
  const out = [];
  for (const [tpl, item] of Object.entries(d.paths)) {
    const re = new RegExp('^' + tpl.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$');
    out.push({ tpl, re, item, params: (tpl.match(/\{/g) ?? []).length });
  }
  return out.sort((a, b) => a.params - b.params);
}

test('every route the suite called is in the document, and every JSON body matches its schema', (t) => {
  if (!LOG || !existsSync(LOG)) {
    t.diagnostic('no response log (run through tests/api/run.sh with the whole suite)');
    assert.ok(LOG, 'ZJ_RESP_LOG is set by tests/api/run.sh');
    return;
  }
  assert.ok(doc, 'the document was read by the previous test');
  const ms = matchers(doc);
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  // the document's components under their own id, so that every $ref resolves
  const rewrite = (x) => JSON.parse(JSON.stringify(x).replaceAll('"#/components/', '"doc#/components/'));
  ajv.addSchema({ $id: 'doc', components: rewrite(doc.components) });
  const compiled = new Map();
  const lines = readFileSync(LOG, 'utf8').split('\n').filter(Boolean);
  assert.ok(lines.length > 200, `the suite's answers were logged (${lines.length})`);
  const missing = new Set(), bad = [], failed = new Set();
  let checked = 0;
  for (const line of lines) {
    const r = JSON.parse(line);
    if (!r.path.startsWith('/api/v1/') && r.path !== '/healthz') continue;
    if (r.status === 404 || r.status === 405) continue; // nothing answered there
    const m = ms.find((x) => x.re.test(r.path));
    const op = m?.item[r.method.toLowerCase()];
    if (!op) {
      // 401/403/400 answers to a route that does not exist for that method are the router's, not a route's
      if (r.status < 400) missing.add(`${r.method} ${r.path}`);
      continue;
    }
    if (r.body === undefined || !/json/.test(r.ctype)) continue;
    const resp = op.responses?.[String(r.status)];
    if (!resp) {
      bad.push(`${r.method} ${m.tpl} ${r.status}: status not declared`);
      continue;
    }
    const ct = /problem\+json/.test(r.ctype) ? 'application/problem+json' : 'application/json';
    const schema = resp.content?.[ct]?.schema;
    if (!schema) {
      bad.push(`${r.method} ${m.tpl} ${r.status}: no schema for ${ct}`);
      continue;
    }
    const key = `${r.method} ${m.tpl} ${r.status} ${ct}`;
    let v = compiled.get(key);
    if (!v) compiled.set(key, (v = ajv.compile(rewrite(schema))));
    checked++;
    if (!v(r.body) && !failed.has(key)) {
      failed.add(key);
      bad.push(`${key}: ${ajv.errorsText(v.errors)} in ${JSON.stringify(r.body).slice(0, 300)}`);
    }
  }
  assert.deepEqual([...missing].slice(0, 20), [], 'routes the server answered but the document does not declare');
  assert.deepEqual([...new Set(bad)].slice(0, 40), [], 'answers that do not match the declared schema');
  assert.ok(checked > 100, `bodies checked against the schema: ${checked}`);
});
