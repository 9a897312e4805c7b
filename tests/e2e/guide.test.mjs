// Screenshots of the user guides (docs/guide/img/, issue 14 §14): signs in as
// each demo role at 1366×768 and photographs the pages its guide walks
// through. Slow, so not in the default list of run.sh: run it with
//   E2E_SUITES=guide bash tests/e2e/run.sh
// and commit the images it writes (GUIDE_IMG, default docs/guide/img).
// Each picture is the page's main area (the side menu and top bar clipped off
// where the guide shows a list or a record), kept small enough to commit.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, newContext, signIn, apiGet, consoleErrors } from './lib.mjs'

const IMG = process.env.GUIDE_IMG || path.resolve('docs/guide/img')
const VIEW = { width: 1366, height: 768 }
const MAX = 150 * 1024
fs.mkdirSync(IMG, { recursive: true })
const made = []
const contexts = []

after(async () => {
  for (const c of contexts) await c.close()
  console.log(`guide: ${made.length} screenshots in ${IMG}: ` + made.map((m) => `${m.file} ${Math.round(m.size / 1024)}K`).join(', '))
})

async function as(user) {
  const c = await newContext('guide-' + user, VIEW)
  contexts.push(c)
  await signIn(c.page, user)
  return c.page
}

// Whole window (full) or the content column only (the default: the menu and
// top bar are shown once, in the home page pictures).
async function snap(page, file, { full = false, wait, el = '#main-content' } = {}) {
  if (wait) await page.locator(wait).first().waitFor()
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(400)
  const p = path.join(IMG, file + '.png')
  if (full) await page.screenshot({ path: p })
  else {
    const box = await page.locator(el).first().boundingBox()
    const clip = box
      ? { x: box.x, y: box.y, width: Math.min(box.width, VIEW.width - box.x), height: Math.min(box.height, VIEW.height - box.y) }
      : undefined
    await page.screenshot({ path: p, clip })
  }
  const size = fs.statSync(p).size
  made.push({ file, size })
  assert.ok(size > 8000, `${file}: ${size} bytes, blank?`)
  assert.ok(size < MAX * 1.4, `${file}: ${size} bytes, too large for the guide`)
}

async function firstId(page, entity, query) {
  const r = await apiGet(page, `/${entity}?limit=1${query ? '&' + query : ''}`)
  assert.equal(r.status, 200, `GET /${entity}?${query}: ${JSON.stringify(r.body)}`)
  assert.ok(r.body.items.length, `no ${entity} where ${query}`)
  return r.body.items[0]
}

const go = (page, p) => page.goto(BASE + p)

test('sign-in page', async () => {
  const c = await newContext('guide-login', VIEW)
  contexts.push(c)
  await go(c.page, '/login')
  await snap(c.page, 'login', { el: '.login-card', wait: '[data-test=login-submit]' })
})

test('director', async () => {
  const page = await as('director')
  await go(page, '/')
  await snap(page, 'director-home', { wait: '[data-test=side-menu]' })
  await go(page, '/e/cases')
  await snap(page, 'director-cases', { wait: '.el-table__row' })
  const pub = await firstId(page, 'publications', '')
  await go(page, '/e/publications/' + pub.id)
  await snap(page, 'director-publication', { wait: '.el-descriptions, .el-card' })
})

test('food sampler', async () => {
  const page = await as('sampler')
  await go(page, '/')
  await snap(page, 'food-sampler-home', { full: true, wait: '[data-test=side-menu]' })
  await go(page, '/e/samples')
  await snap(page, 'food-sampler-samples', { wait: '.el-table__row' })
  await go(page, '/e/samples/new')
  await snap(page, 'food-sampler-new-sample', { wait: '.el-form' })
})

test('lab analyst', async () => {
  const page = await as('analyst')
  await go(page, '/food/results-entry')
  await snap(page, 'lab-analyst-queue', { wait: '[data-test=entry-queue]' })
  const t = await firstId(page, 'samples', 'state=received')
  await go(page, '/food/results-entry?sample=' + t.id)
  await snap(page, 'lab-analyst-entry', { wait: '[data-test=entry-sample]' })
  const s = await firstId(page, 'samples', 'state=approved')
  await go(page, '/e/samples/' + s.id)
  await snap(page, 'lab-analyst-sample', { wait: '.el-descriptions, .el-card' })
})

test('food supervisor', async () => {
  const page = await as('supervisor')
  await go(page, '/')
  await snap(page, 'food-supervisor-home', { full: true, wait: '[data-test=side-menu]' })
  await go(page, '/e/disposals')
  await snap(page, 'food-supervisor-disposals', { wait: '.el-table__row' })
  await go(page, '/e/food_plans/1')
  await snap(page, 'food-supervisor-plan', { wait: '.el-descriptions, .el-card' })
})

test('risk analyst', async () => {
  const page = await as('riskanalyst')
  await go(page, '/e/results')
  await snap(page, 'risk-analyst-results', { wait: '.el-table__row' })
})

test('case handler', async () => {
  const page = await as('handler')
  await go(page, '/')
  await snap(page, 'case-handler-home', { wait: '[data-test=side-menu]' })
  const c = await firstId(page, 'cases', 'state=investigating')
  await go(page, '/e/cases/' + c.id)
  await snap(page, 'case-handler-case', { wait: '.el-descriptions, .el-card' })
  await go(page, '/e/complaints')
  await snap(page, 'case-handler-complaints', { wait: '.el-table__row' })
})

test('legal reviewer', async () => {
  const page = await as('legal')
  const c = await firstId(page, 'cases', 'state=legal_review')
  await go(page, '/e/cases/' + c.id)
  await snap(page, 'legal-reviewer-case', { wait: '.el-descriptions, .el-card' })
})

test('consulting-agency member', async () => {
  const page = await as('agency_fgw')
  const k = await firstId(page, 'consultations', '')
  await go(page, `/cases/${k.case_id}/consultation`)
  await snap(page, 'agency-member-consultation', { wait: '[data-test=consult-page]' })
})

test('service desk', async () => {
  const page = await as('service')
  await go(page, '/e/complaints')
  await snap(page, 'service-desk-complaints', { wait: '.el-table__row' })
  await go(page, '/e/complaints/new')
  await snap(page, 'service-desk-new-complaint', { wait: '.el-form' })
})

test('district officer', async () => {
  const page = await as('donghe')
  await go(page, '/')
  await snap(page, 'district-officer-home', { full: true, wait: '[data-test=side-menu]' })
  await go(page, '/e/enterprises')
  await snap(page, 'district-officer-enterprises', { wait: '.el-table__row' })
})

test('equipment registrar and inspector', async () => {
  const page = await as('registrar')
  await go(page, '/e/enterprises')
  await snap(page, 'equipment-registrar-enterprises', { wait: '.el-table__row' })
})

test('award expert', async () => {
  const page = await as('expert')
  await go(page, '/')
  await snap(page, 'award-expert-home', { full: true, wait: '[data-test=side-menu]' })
})

test('system administrator', async () => {
  const page = await as('admin')
  await go(page, '/e/users')
  await snap(page, 'sysadmin-users', { full: true, wait: '.el-table__row' })
  await go(page, '/admin/calendar')
  await snap(page, 'sysadmin-calendar', { wait: '[data-test=calendar-page]' })
})

test('security administrator', async () => {
  const page = await as('secadmin')
  await go(page, '/e/role_grants')
  await snap(page, 'secadmin-grants', { wait: '.el-table__row' })
  await go(page, '/e/users')
  await snap(page, 'secadmin-users', { wait: '.el-table__row' })
})

test('audit administrator', async () => {
  const page = await as('auditor')
  await go(page, '/audit')
  await snap(page, 'auditor-audit', { wait: '.el-table__row' })
})

test('help page', async () => {
  const page = await as('sampler')
  await go(page, '/e/samples')
  await page.locator('[data-test=help-menu]').click()
  await page.locator('[data-test=help-guide-food-sampler]').click()
  await page.locator('[data-test=help-article] h1').waitFor()
  await snap(page, 'help', { full: true })
  assert.deepEqual(consoleErrors, [])
})
