// bench/console.mjs — console benchmark (not a test): time from pressing
// "sign in" to the first interactive enterprise list on loopback, and the
// gzip size of the JavaScript the first screen loads. Medians of RUNS cold
// runs, each in a fresh Chromium profile.
// Usage: node bench/console.mjs BASE_URL USER PASSWORD  (run by bench/run)
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
const require = createRequire(path.resolve('tests/e2e/package.json'))
const { chromium } = require('playwright-core')

const [BASE, USER, PASS] = process.argv.slice(2)
const RUNS = Number(process.env.RUNS || 3)
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic']
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)]

const times = [], loginJs = [], listJs = []
for (let i = 0; i < RUNS; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-bench-'))
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 800 } })
  const page = ctx.pages()[0] || (await ctx.newPage())
  const js = new Map()
  page.on('response', async (r) => {
    if (!r.url().endsWith('.js')) return
    try { js.set(r.url(), zlib.gzipSync(await r.body(), { level: 9 }).length) } catch (e) { /* ignore */ }
  })
  await page.goto(BASE + '/login?redirect=/e/enterprises')
  await page.locator('[data-test=login-submit]').waitFor()
  await page.waitForLoadState('networkidle')
  loginJs.push([...js.values()].reduce((a, b) => a + b, 0))
  await page.locator('[data-test=login-username]').fill(USER)
  await page.locator('[data-test=login-password]').fill(PASS)
  const t0 = Date.now()
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => u.pathname === '/e/enterprises')
  await page.locator('.el-table__body tr').first().waitFor()
  times.push(Date.now() - t0)
  await page.waitForLoadState('networkidle')
  listJs.push([...js.values()].reduce((a, b) => a + b, 0))
  await ctx.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
console.log(JSON.stringify({ ms: median(times), login_js_gzip: median(loginJs), list_js_gzip: median(listJs), runs: RUNS }))
