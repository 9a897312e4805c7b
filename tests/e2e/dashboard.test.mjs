// Dashboards by role and the bell (issue 14 §4, §10) in Chromium against a
// real `zhijian serve` on the demo database: the director sees their to-do
// (the steps awaiting them, oldest deadline first) and the leaders' figures;
// a district officer sees the district's work only and no leaders' figures;
// the bell shows the unread notifications the API counts, lists them and
// marks them read. Screenshots in zh-CN and en go to tests/out/e2e/d*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn } from './lib.mjs'

const contexts = []
after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-dashboard.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function open(name) {
  const c = await newContext(name, { width: 1366, height: 768 })
  contexts.push(c)
  return c
}

async function setLang(page, lang) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
  await page.locator('[data-test=lang-switch]').first().click()
  await page.locator(`[data-test=lang-${lang}]`).click()
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

test('the director\'s dashboard: the to-do first, then the leaders\' figures (zh-CN and en)', async () => {
  const { page } = await open('director')
  await signIn(page, 'director')
  await page.goto(BASE + '/')
  const todo = page.locator('[data-test=dash-tasks] .el-table__body tr')
  await todo.first().waitFor()
  const api = (await apiGet(page, '/todo?limit=50')).body
  assert.equal(await todo.count(), Math.min(api.items.length, 50), 'one row per to-do item')
  const first = api.items[0]
  const firstRow = todo.first()
  assert.ok((await firstRow.innerText()).includes(first.number), 'the first row is the oldest deadline')
  assert.ok((await firstRow.locator('[data-test=todo-action]').innerText()).includes(first.actions[0].label.zh), 'the step awaited, by its label')
  await page.locator('[data-test=widget-cases_kpi] [data-test=kpi-fines]').waitFor()
  await page.locator('[data-test=widget-food_kpi] [data-test=kpi-plan_completion]').waitFor()
  assert.match(await page.locator('[data-test=widget-cases_kpi] [data-test=kpi-fines]').innerText(), /\d\.\d\d 元/, 'fines in yuan with two decimals')
  assert.equal(await page.locator('.cards').count(), 0, 'no wall of table counts')
  await shot(page, 'd01-director-dashboard')
  await page.locator('[data-test=widget-food_kpi]').scrollIntoViewIfNeeded()
  await shot(page, 'd02-director-kpis')
  await setLang(page, 'en')
  await page.locator('[data-test=dash-todo] h2', { hasText: 'My to-do' }).waitFor()
  assert.ok((await todo.first().locator('[data-test=todo-action]').innerText()).includes(first.actions[0].label.en), 'the step in English')
  await page.locator('[data-test=dash-todo]').scrollIntoViewIfNeeded()
  await shot(page, 'd03-director-dashboard-en')
  await setLang(page, 'zh-CN')
})

test('a district officer\'s dashboard: the district\'s work only, no leaders\' figures', async () => {
  const { page } = await open('donghe')
  await signIn(page, 'donghe')
  await page.goto(BASE + '/')
  await page.locator('[data-test=dash-place]', { hasText: '东河区' }).waitFor()
  const rows = page.locator('[data-test=dash-tasks] .el-table__body tr')
  await rows.first().waitFor()
  const n = await rows.count()
  assert.ok(n > 0)
  for (let i = 0; i < n; i++) assert.ok((await rows.nth(i).innerText()).includes('东河区'), `row ${i} is of 东河区`)
  assert.equal(await page.locator('[data-test=widget-food_kpi]').count(), 0)
  assert.equal(await page.locator('[data-test=widget-cases_kpi]').count(), 0)
  await page.locator('[data-test=widget-food_overdue_disposals]').waitFor()
  await shot(page, 'd04-district-dashboard')
})

test('the bell: unread notifications, listed and marked read', async () => {
  const { page } = await open('handler')
  await signIn(page, 'handler')
  await page.goto(BASE + '/')
  const api = (await apiGet(page, '/notifications')).body
  assert.ok(api.unread > 0, 'the handler has unread notifications')
  const badge = page.locator('[data-test=bell-badge] .el-badge__content')
  await badge.waitFor()
  assert.equal((await badge.innerText()).trim(), api.unread > 99 ? '99+' : String(api.unread))
  await page.locator('[data-test=bell]').click()
  const items = page.locator('[data-test=bell-list] [data-test=bell-item]')
  await items.first().waitFor()
  assert.ok(await items.count() > 0)
  assert.ok((await items.first().innerText()).length > 4)
  await shot(page, 'd05-bell-open')
  await page.locator('[data-test=bell-read-all]').click()
  await badge.waitFor({ state: 'hidden' })
  assert.equal((await apiGet(page, '/notifications')).body.unread, 0, 'all read, on the server')
  await shot(page, 'd06-bell-read')
  await setLang(page, 'en')
  await page.locator('[data-test=bell-read-all]', { hasText: 'Mark all read' }).waitFor().catch(async () => {
    await page.locator('[data-test=bell]').click()
    await page.locator('[data-test=bell-read-all]', { hasText: 'Mark all read' }).waitFor()
  })
  await shot(page, 'd07-bell-en')
})
