// The services pages in Chromium against a real `zhijian serve` on the demo
// database (issue 18 §6–9): a service request handled within its committed
// time through the record page (accept, reply, rating) with its life panel
// (received, due day on the working-day calendar, replied in time), the
// yearly report (all, small/micro, parks; by kind and by size) in zh-CN and
// English, and the public commitments on the portal on a 390-wide phone.
// Screenshots go to tests/out/e2e/s*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn } from './lib.mjs'

const contexts = []

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-services.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function open(name, viewport) {
  const c = await newContext(name, viewport)
  contexts.push(c)
  return c
}

async function apiPost(page, p, body) {
  return page.evaluate(async ({ p, body }) => {
    const s = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json()
    const r = await fetch('/api/v1' + p, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify(body),
    })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, { p, body })
}

async function takeStep(page, name, value) {
  await page.locator(`[data-test=transition-${name}]`).click()
  const dlg = page.locator('[data-test=transition-dialog]')
  await dlg.waitFor()
  if (value !== undefined) {
    const input = dlg.locator('textarea, input').first()
    await input.fill(String(value))
  }
  await dlg.locator('[data-test=transition-dialog-submit]').click()
  await dlg.waitFor({ state: 'hidden' })
}

test('a service request handled within its committed time: accepted, replied, rated, its life on its page', async () => {
  const { page } = await open('qifu-svc')
  await signIn(page, 'qifu')
  const ents = await apiGet(page, '/enterprises?limit=5')
  const r = await apiPost(page, '/service_requests', { subject: 'E2E 生产许可申请材料指导', kind: 'licensing', enterprise_id: ents.body.items[0].id })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const id = r.body.id
  assert.equal(r.body.time_limit_days, 5, 'the published commitment of the kind (C-01: 5 working days)')
  assert.ok(r.body.due_on > r.body.received_on)
  await page.goto(`${BASE}/e/service_requests/${id}`)
  const life = page.locator('[data-test=panel-svc-life]')
  await life.waitFor()
  assert.ok((await life.locator('[data-test=svc-life-due]').innerText()).includes(r.body.due_on), 'the due day on the page')
  await shot(page, 's01-request-received')
  await takeStep(page, 'accept', '刘服务')
  await page.locator('[data-test=transition-reply]').waitFor()
  await takeStep(page, 'reply', '已一次性告知申请材料和审查要求，并预约现场指导。')
  await page.locator('[data-test=transition-rate]').waitFor()
  let row = (await apiGet(page, `/service_requests/${id}`)).body
  assert.equal(row.state, 'replied')
  assert.equal(row.on_time, true, 'answered within its committed time')
  assert.ok((await life.locator('[data-test=svc-life-replied]').innerText()).includes('在承诺时限内'))
  await takeStep(page, 'rate', 5)
  await page.locator('[data-test=transition-rate]').waitFor({ state: 'detached' })
  row = (await apiGet(page, `/service_requests/${id}`)).body
  assert.equal(row.state, 'rated')
  assert.equal(row.rating, 5)
  await page.locator('[data-test=history]').waitFor()
  await shot(page, 's02-request-rated')
})

test('the yearly report: all, small/micro, parks; by kind and by size; in English too', async () => {
  const { page } = await open('director-svc')
  await signIn(page, 'director')
  await page.goto(BASE + '/services/report')
  await page.locator('[data-test=svc-report-page]').waitFor()
  await page.locator('[data-test=svc-report-summary] .el-table__body tr').first().waitFor()
  const rows = await page.locator('[data-test=svc-report-summary] .el-table__body tr').allInnerTexts()
  assert.equal(rows.length, 3)
  assert.match(rows[0], /全部请求/)
  assert.match(rows[0], /\d+\.\d%/, 'the on-time share')
  const kinds = await page.locator('[data-test=svc-report-kinds] .el-table__body tr').allInnerTexts()
  assert.ok(kinds.some((k) => k.includes('投资项目许可评价')), 'kinds by their labels')
  assert.ok((await page.locator('[data-test=svc-report-sizes]').innerText()).includes('小型'))
  await shot(page, 's03-report')
  // the dashboard carries the KPI
  await page.goto(BASE + '/')
  await page.locator('[data-test=widget-services_kpi]').waitFor()
  await page.locator('[data-test=widget-services_kpi]').scrollIntoViewIfNeeded()
  await shot(page, 's04-dashboard-kpi')
})

test('the portal: the published commitments with their time limits, on a phone', async () => {
  const { page } = await open('public-svc', { width: 390, height: 844 })
  await page.goto(BASE + '/portal/commitments')
  await page.locator('[data-test=portal-commitments] [data-test=commitment]').first().waitFor()
  const n = await page.locator('[data-test=commitment]').count()
  assert.ok(n >= 8, `the demo's commitments (${n})`)
  const text = await page.locator('[data-test=portal-commitments]').innerText()
  assert.ok(text.includes('支持小微企业发展的服务措施'), 'the 2012 measure it was published in')
  assert.ok(text.includes('5 个工作日'))
  await shot(page, 's05-portal-commitments')
})

test('the area\'s lists as their officers see them: no raw code, English too', async () => {
  const { page } = await open('qifu-lists')
  await signIn(page, 'qifu')
  let i = 6
  for (const e of ['service_commitments', 'service_requests', 'park_agreements', 'park_meetings', 'park_followups']) {
    await page.goto(`${BASE}/e/${e}`)
    await page.locator('[data-test=list-table] .el-table__body tr').first().waitFor()
    await shot(page, `s${String(i++).padStart(2, '0')}-list-${e}`)
  }
  const { page: z } = await open('zhengfeng-lists')
  await signIn(z, 'zhengfeng')
  await z.goto(`${BASE}/e/conduct_complaints`)
  await z.locator('[data-test=list-table] .el-table__body tr').first().waitFor()
  await shot(z, `s${String(i++).padStart(2, '0')}-list-conduct_complaints`)
  await page.goto(`${BASE}/e/service_requests`)
  await page.locator('[data-test=list-table] .el-table__body tr').first().waitFor()
  await page.locator('[data-test=lang-switch]').first().click()
  await page.locator('[data-test=lang-en]').click()
  await page.waitForFunction(() => document.documentElement.lang === 'en')
  await shot(page, `s${String(i++).padStart(2, '0')}-list-service_requests-en`)
})
