// The special-equipment pages in Chromium against a real `zhijian serve` on
// the demo database (issue 15): the due dashboard (units in use past their
// due date by district and category, units due within 30 days), a unit's page
// with its history and related tabs (inspections, applications, defects,
// notices...) and its QR code, the dashboard widgets, and the public page the
// QR code opens, on a 390-wide phone, with "report a problem". Screenshots go
// to tests/out/e2e/e*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn } from './lib.mjs'

const contexts = []
const S = {}

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-equipment.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function open(name, viewport) {
  const c = await newContext(name, viewport)
  contexts.push(c)
  return c
}

test('the due dashboard: overdue by district and category, due within 30 days by date', async () => {
  const { page } = await open('director-eq')
  S.page = page
  await signIn(page, 'director')
  await page.goto(BASE + '/equipment/due')
  await page.locator('[data-test=eq-due-page]').waitFor()
  await page.locator('[data-test=eq-overdue-table] .el-table__body tr').first().waitFor()
  await page.locator('[data-test=eq-due-table] .el-table__body tr').first().waitFor()
  const total = await page.locator('[data-test=eq-overdue-total]').innerText()
  assert.match(total, /[1-9]/, `the demo has overdue units: ${total}`)
  const dates = await page.locator('[data-test=eq-due-table] .el-table__body tr td:nth-child(4)').allInnerTexts()
  assert.ok(dates.length > 0)
  assert.deepEqual(dates, [...dates].sort(), 'by due date')
  await shot(page, 'e01-equipment-due')
  // the dashboard carries the two widgets
  await page.goto(BASE + '/')
  await page.locator('[data-test=widget-equipment_overdue]').waitFor()
  await page.locator('[data-test=widget-equipment_due_month]').waitFor()
  await page.locator('[data-test=widget-equipment_overdue]').scrollIntoViewIfNeeded()
  await shot(page, 'e02-equipment-widgets')
})

test('a unit\'s page: its history, its records in tabs, its QR code', async () => {
  const page = S.page
  await page.goto(BASE + '/equipment/due')
  await page.locator('[data-test=eq-due-link]').first().waitFor()
  const href = await page.locator('[data-test=eq-due-link]').first().getAttribute('href')
  const id = href.split('/').pop()
  const unit = (await apiGet(page, `/equipment_units/${id}`)).body
  // the institute records its inspection (through the API, as the inspector): the due date moves on
  const { page: insp } = await open('inspector-eq')
  await signIn(insp, 'inspector')
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  const st = await insp.evaluate(async (b) => {
    const s = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json()
    const r = await fetch('/api/v1/equipment_inspections', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify(b),
    })
    return r.status
  }, { unit_id: Number(id), kind: unit.due_kind, inspected_on: today, conclusion: 'pass' })
  assert.equal(st, 201, 'the inspection is recorded')
  await page.goto(BASE + href)
  const code = unit.equipment_code
  await page.waitForURL((u) => /^\/e\/equipment_units\/\d+$/.test(u.pathname))
  await page.locator('[data-test=related]').waitFor()
  for (const e of ['equipment_inspections', 'equipment_applications', 'equipment_defects', 'equipment_notices']) {
    assert.ok(await page.locator(`[data-test=related-tab-${e}]`).count(), `a tab of ${e}`)
  }
  await page.locator('[data-test=related-tab-equipment_inspections]').click()
  await page.locator('[data-test=related-equipment_inspections] .el-table__body tr').first().waitFor()
  await page.locator('[data-test=history]').waitFor()
  assert.ok((await page.locator('body').innerText()).includes(code))
  const img = page.locator('[data-test=eq-qr-img]')
  await img.scrollIntoViewIfNeeded()
  await page.waitForFunction(() => { const i = document.querySelector('[data-test=eq-qr-img]'); return i && i.complete && i.naturalWidth > 100 })
  await shot(page, 'e03-equipment-unit')
  S.unit = (await apiGet(page, `/equipment_units/${id}`)).body
  assert.equal(S.unit.last_inspected_on, today, 'the unit\'s dates follow its inspection')
  assert.notEqual(S.unit.next_due, unit.next_due)
  assert.match(S.unit.public_token, /^[0-9a-f]{32}$/)
})

test('the public page on a phone (390 wide): the unit at a glance, and a problem reported', async () => {
  const { page } = await open('phone-eq', { width: 390, height: 844 })
  await page.goto(BASE + '/portal/equipment/' + S.unit.public_token)
  await page.locator('[data-test=eq-public-code]').waitFor()
  assert.equal((await page.locator('[data-test=eq-public-code]').innerText()).trim(), S.unit.equipment_code)
  assert.equal((await page.locator('[data-test=eq-public-next]').innerText()).trim(), S.unit.next_due)
  const wide = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(wide <= 390, `no sideways scrolling on a phone (${wide} px)`)
  await shot(page, 'e04-equipment-public-phone')
  await page.locator('#eq-facts').fill('电梯运行时有异响，门关闭不严。')
  await page.locator('[data-test=eq-public-submit]').click()
  await page.locator('[data-test=eq-public-sent]').waitFor()
  assert.match(await page.locator('[data-test=eq-public-sent]').innerText(), /JB\d{8}-\d{4}/)
  await shot(page, 'e05-equipment-public-reported')
  // a token that is not one: said plainly
  await page.goto(BASE + '/portal/equipment/' + '0'.repeat(32))
  await page.locator('[data-test=eq-public-missing]').waitFor()
})

test('the area\'s buttons: the due check on the register, the monthly plan with its month, each saying what it did', async () => {
  const page = S.page // the director
  await page.goto(BASE + '/e/equipment_units')
  const scan = page.locator('[data-test=action-scan]')
  await scan.waitFor()
  await scan.click()
  await page.locator('.el-message-box').waitFor()
  await shot(page, 'e06-equipment-scan-confirm')
  await page.locator('.el-message-box .el-button--primary').click()
  const msg = page.locator('.el-message--success').filter({ hasText: '到期检查已完成' })
  await msg.waitFor()
  assert.match(await msg.innerText(), /第八十三条第四项/)
  // the schedule's plan asks for its month (the coming one offered) and says how many were placed
  const { page: insp } = await open('inspector-plan')
  await signIn(insp, 'inspector')
  await insp.goto(BASE + '/e/equipment_schedule')
  await insp.locator('[data-test=action-plan]').click()
  const input = insp.locator('.el-message-box input')
  await input.waitFor()
  assert.match(await input.inputValue(), /^\d{4}-\d{2}$/)
  await input.fill('2027-13')
  await insp.locator('.el-message-box .el-button--primary').click()
  await insp.locator('.el-message-box__errormsg').filter({ hasText: 'YYYY-MM' }).waitFor()
  await input.fill('2027-03')
  await insp.locator('.el-message-box .el-button--primary').click()
  await insp.locator('.el-message--success').filter({ hasText: '2027-03 检验计划已编排' }).waitFor()
  await shot(insp, 'e07-equipment-plan-done')
  // a registrar holds neither permission: no buttons
  const { page: reg } = await open('registrar-buttons')
  await signIn(reg, 'registrar')
  await reg.goto(BASE + '/e/equipment_units')
  await reg.locator('[data-test=list-search]').waitFor()
  assert.equal(await reg.locator('[data-test=action-scan]').count(), 0)
})
