// HTTPS served directly (serve --tls-cert/--tls-key, libmicrohttpd with
// GnuTLS): the API answers over TLS with HSTS, and the session cookie is
// marked Secure. The certificate is made for the test with openssl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import net from 'node:net';
import { BIN, DB, PW } from './lib.mjs';

let dir, child, port, stderr = '';

function req(method, path, body) {
  return new Promise((resolve, reject) => {
    const r = https.request({ host: '127.0.0.1', port, path, method, rejectUnauthorized: false,
      headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    r.on('error', reject);
    if (body) r.write(JSON.stringify(body));
    r.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zj-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  port = await new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
  child = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')],
    { env: { ...process.env, ZJ_NO_ACCESS_LOG: '1', ASAN_OPTIONS: 'detect_leaks=0' }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => { stderr += d; });
  for (let i = 0; i < 300; i++) {
    try { if ((await req('GET', '/healthz')).status === 200) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('TLS server did not start: ' + stderr);
});

after(async () => {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  assert.doesNotMatch(stderr, /ERROR: AddressSanitizer|runtime error:/);
});

test('HTTPS: healthz with HSTS and the security headers', async () => {
  const r = await req('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers['strict-transport-security'] || '', /max-age=\d+/);
  assert.match(r.headers['content-security-policy'] || '', /frame-ancestors 'none'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});

test('HTTPS: sign-in sets a Secure, HttpOnly, SameSite=Strict cookie', async () => {
  const r = await req('POST', '/api/v1/session', { username: 'director', password: PW });
  assert.equal(r.status, 201, r.body);
  const cookie = [].concat(r.headers['set-cookie'] || []).join(';');
  assert.match(cookie, /zj_session=/);
  assert.match(cookie, /Secure/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
});
