// Helpers of the e2e suite: Chromium from Debian (no browser download),
// screenshot checks, console error collection, USCC codes for test data.
import { chromium } from 'playwright-core'
import fs from 'node:fs'
import path from 'node:path'

export const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080'
export const OUT = process.env.OUT_DIR || path.resolve('tests/out/e2e')
export const PASSWORD = process.env.DEMO_PASSWORD || 'Demo-Pass-2026'
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage']

fs.mkdirSync(OUT, { recursive: true })

// One browser per context, each with its own fresh temporary profile.
export async function newContext(name, viewport = { width: 1280, height: 800 }) {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'zj-e2e-' + name + '-'))
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport, acceptDownloads: true, locale: 'zh-CN',
  })
  await walkEveryPage(ctx, name)
  const page = ctx.pages()[0] || (await ctx.newPage())
  page.setDefaultTimeout(15000)
  watch(page, name)
  const close = async () => {
    await ctx.close().catch(() => {})
    try { fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }) } catch (e) { /* left in TMPDIR */ }
  }
  return { ctx, page, close }
}

// Console errors and uncaught exceptions of every page. A "Failed to load
// resource" line for a 4xx is Chromium logging an HTTP status the console
// handles (422 field errors, 412 conflicts, 404 optional endpoints): those are
// kept apart; anything else of type error fails the run.
export const consoleErrors = []
export const httpNotes = []
export function watch(page, name) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const text = m.text()
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) { httpNotes.push(`${name}: ${text} (${m.location().url || ''})`); return }
    consoleErrors.push(`${name} ${page.url()}: ${text}`)
  })
  page.on('pageerror', (e) => consoleErrors.push(`${name} ${page.url()}: pageerror ${e.message}`))
}

// Labels, not codes, wherever a person reads (issue 14 §2): every page the
// suites visit is walked for raw codes in its visible text — snake_case
// words, bare "#123" ids, ISO timestamps in UTC ("…T09:30:00Z"). The walk
// runs inside each page (an init script of every context) 600 ms after any
// change: every route and every dialog, not only the pages screenshotted;
// shot() walks once more by itself. Text inside
// <code>/<pre>, inputs, dropdown panels and elements marked data-raw-ok (an
// API token, a file name, a login name, a hash) is allowed. Findings collect in
// rawCodes; each suite asserts it empty at its end.
export const rawCodes = []
const RAW = [
  ['snake_case', /\b[a-z]+_[a-z_]+\b/g],
  ['utc_instant', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z/g],
  ['bare_id', /(^|[^\w&])#\d+\b/g],
]
// Text that looks like a code and is not one. Kept short, each with its reason.
export const RAW_ALLOWED = [
  // an e-mail address (a login name or contact given by a person) may hold "_"
  /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/,
]
// The visible text nodes of the page (runs in the browser).
function visibleTexts() {
  const out = []
  const skip = (el) => el.closest('code, pre, script, style, textarea, noscript, [data-raw-ok], .el-select-dropdown, .el-picker-panel')
  const w = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT)
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const el = n.parentElement
    const v = n.nodeValue.trim()
    if (!v || !el || skip(el)) continue
    const r = el.getBoundingClientRect()
    if (!r.width || !r.height) continue
    const cs = getComputedStyle(el)
    if (cs.visibility === 'hidden' || cs.display === 'none' || cs.opacity === '0') continue
    out.push(v)
  }
  return out
}
function noteRaw(texts, where) {
  for (const v of texts) {
    for (const [kind, re] of RAW) {
      for (const m of v.matchAll(re)) {
        const word = m[0].trim()
        if (RAW_ALLOWED.some((a) => a.test(v) || a.test(word))) continue
        const line = `${where}: ${kind} "${word}" in "${v.slice(0, 80)}"`
        if (!rawCodes.includes(line)) rawCodes.push(line)
      }
    }
  }
}
export async function findRawCodes(page, where) {
  const texts = await page.evaluate(visibleTexts).catch(() => [])
  noteRaw(texts, where)
}
// The in-page walker: a MutationObserver that walks the page 600 ms after a
// change (again after later changes) and hands the texts to the test process
// with the page's path.
async function walkEveryPage(ctx, name) {
  await ctx.exposeBinding('__zjRawTexts', (_src, path, texts) => noteRaw(texts, `${name} ${path}`))
  await ctx.addInitScript(`(() => {
    const visibleTexts = ${visibleTexts.toString()}
    let timer = null
    const walk = () => { timer = null; try { window.__zjRawTexts(location.pathname + location.search, visibleTexts()) } catch (e) {} }
    const later = () => { if (!timer) timer = setTimeout(walk, 600) } // at most one walk per 600 ms while the page changes
    const start = () => new MutationObserver(later).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'style'] })
    if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start)
  })()`)
}

export const shots = []
// Saves a screenshot and checks that the page shows text and the file is not trivially small.
export async function shot(page, file) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(250)
  const p = path.join(OUT, file + '.png')
  await page.screenshot({ path: p, fullPage: false })
  const text = await page.evaluate(() => (document.body ? document.body.innerText : '').trim())
  const size = fs.statSync(p).size
  shots.push({ file: p, size, textLength: text.length })
  await findRawCodes(page, file)
  if (text.length < 10) throw new Error(`screenshot ${file}: the page shows no text`)
  if (size < 8000) throw new Error(`screenshot ${file}: only ${size} bytes, looks blank`)
  return p
}

// GB 11714 organisation code check character over 8 digits.
function orgCheck(body) {
  const w = [3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 8; i++) s += parseInt(body[i], 36) * w[i]
  const c = 11 - (s % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}
// GB 32100 check character over 17 characters.
const CS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
export function usccCheck(s17) {
  let s = 0
  for (let i = 0; i < 17; i++) s += CS.indexOf(s17[i]) * W[i]
  const c = 31 - (s % 31)
  return CS[c === 31 ? 0 : c]
}
// A valid credit code of a Baotou (昆都仑区 150203) enterprise, unique per seed.
export function makeUscc(seed) {
  const body = String(10000000 + (seed % 89999999)).slice(-8)
  const s17 = '91150203' + body + orgCheck(body)
  return s17 + usccCheck(s17)
}
export function breakUscc(code) {
  const last = code[17]
  const other = CS[(CS.indexOf(last) + 1) % CS.length]
  return code.slice(0, 17) + other
}

// The API from inside the page (cookie + csrf of that session are not needed for GETs).
export async function apiGet(page, p) {
  return page.evaluate(async (u) => {
    const r = await fetch('/api/v1' + u, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    const ct = r.headers.get('Content-Type') || ''
    return { status: r.status, body: ct.includes('json') ? await r.json() : await r.text() }
  }, p)
}

// Number of rows of an entity matching a query: /count, else by paging.
export async function countRows(page, entity, query = '') {
  const c = await apiGet(page, `/${entity}/count${query ? '?' + query : ''}`)
  if (c.status === 200 && typeof c.body.count === 'number') return c.body.count
  let n = 0, cursor = null
  for (let i = 0; i < 1000; i++) {
    const r = await apiGet(page, `/${entity}?limit=500${query ? '&' + query : ''}${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`)
    if (r.status !== 200) throw new Error(`GET /${entity}: ${r.status} ${JSON.stringify(r.body)}`)
    n += r.body.items.length
    cursor = r.body.next
    if (!cursor) break
  }
  return n
}

export async function signIn(page, user, password = PASSWORD, newPassword = null) {
  await page.goto(BASE + '/login')
  await page.locator('[data-test=login-username]').fill(user)
  await page.locator('[data-test=login-password]').fill(password)
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15000 })
  await page.waitForLoadState('networkidle').catch(() => {})
  // A forced password change (must_change_password): do it when told how, else say so plainly.
  const dlg = page.locator('.el-dialog', { has: page.locator('[data-test=pwd-submit]') })
  if (await dlg.isVisible().catch(() => false)) {
    if (!newPassword) throw new Error(`user ${user} must change the password first`)
    const inputs = dlg.locator('input[type=password]')
    await inputs.nth(0).fill(password)
    await inputs.nth(1).fill(newPassword)
    await inputs.nth(2).fill(newPassword)
    await dlg.locator('[data-test=pwd-submit]').click()
    await dlg.waitFor({ state: 'hidden' })
    return 'changed'
  }
  return 'ok'
}

// Opens an Element Plus select inside `scope` and picks an option (by text, or the first one).
export async function pickOption(page, scope, text) {
  await dropdownsClosed(page)
  await scope.locator('.el-select__wrapper, .el-select').first().click()
  const opts = page.locator('.el-select-dropdown__item:visible')
  await opts.first().waitFor({ state: 'visible' })
  const opt = text ? opts.filter({ hasText: text }).first() : opts.first()
  const label = (await opt.innerText()).trim()
  await opt.click()
  await page.keyboard.press('Escape').catch(() => {})
  await dropdownsClosed(page)
  return label
}

// Waits until no select dropdown is shown (closing ones fade out for a moment).
export async function dropdownsClosed(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select-dropdown')].every((d) => d.offsetParent === null), null, { timeout: 5000 }).catch(() => {})
}

export async function metaOf(page) {
  const r = await apiGet(page, '/meta')
  if (r.status !== 200) throw new Error('GET /api/v1/meta: ' + r.status)
  return r.body
}
