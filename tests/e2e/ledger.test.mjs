// The support ledger and leaders' instructions in Chromium against a real
// `zhijian serve` on the demo database (issue 18): the ledger's report page
// for 2012 shows the year-end summary's figures in yuan (computed by the
// server from the demo ledger), and an instruction lives its whole life in
// the console — registered, assigned to a unit with a deadline, urged, a
// progress note, feedback on time, closed — with the life panel telling it.
// Screenshots go to tests/out/e2e/l*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn, pickOption } from './lib.mjs'

const contexts = []

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-ledger.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function open(name) {
  const c = await newContext(name)
  contexts.push(c)
  return c
}

// A write from inside the page, with the session's CSRF token.
function apiSend(page, method, p, body) {
  return page.evaluate(async ([m, u, b]) => {
    const s = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json()
    const r = await fetch('/api/v1' + u, {
      method: m, credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify(b),
    })
    return { status: r.status, body: await r.json() }
  }, [method, p, body])
}

const day = (add = 0) => new Date(Date.now() + 8 * 3600e3 + add * 86400e3).toISOString().slice(0, 10)

test('the ledger report: 2012 year on year, in yuan, as the year-end summary gives it', async () => {
  const { page } = await open('office-ledger')
  await signIn(page, 'office')
  // the menu leads to it
  await page.locator('[data-test=side-menu] .el-sub-menu__title', { hasText: '支撑与批示' }).click()
  await page.locator('[data-test=menu-ledger-report]').click()
  await page.locator('[data-test=ledger-report-page]').waitFor()
  await page.goto(BASE + '/ledger/report?year=2012')
  await page.locator('[data-test=ledger-summary]').waitFor()
  assert.equal(await page.locator('[data-test=ledger-total]').innerText(), '33,894,900.00 元')
  assert.equal(await page.locator('[data-test=ledger-increase]').innerText(), '28,974,900.00 元')
  assert.equal(await page.locator('[data-test=ledger-local]').innerText(), '10,410,000.00 元')
  assert.match(await page.locator('[data-test=ledger-staff]').innerText(), /^8\s*人$/)
  const levels = await page.locator('[data-test=ledger-by-level] .el-table__body tr').allInnerTexts()
  assert.equal(levels.length, 5)
  assert.ok(levels.some((r) => r.includes('园区管委会') && r.includes('382,400.00')), levels.join(' | '))
  const areas = await page.locator('[data-test=ledger-areas] .el-table__body tr').allInnerTexts()
  assert.ok(areas.some((r) => r.includes('20') && r.includes('亩')) && areas.some((r) => r.includes('120') && r.includes('平方米')), areas.join(' | '))
  const years = await page.locator('[data-test=ledger-years] .el-table__body tr').allInnerTexts()
  assert.ok(years.some((r) => r.startsWith('2012') && r.includes('28,974,900.00')), years.join(' | '))
  await shot(page, 'l01-ledger-report-2012')
  // the testing grant's burn-down on this year's grant's page
  const y = day().slice(0, 4)
  const g = (await apiGet(page, `/ledger_grants?budget_year=${y}&purpose=food_testing&limit=20`)).body.items.find((x) => x.food_budget_id)
  assert.ok(g, 'this year\'s testing grant')
  await page.goto(BASE + `/e/ledger_grants/${g.id}`)
  await page.locator('[data-test=ledger-burn-figures]').waitFor()
  const b = (await apiGet(page, `/ledger_grants/${g.id}/actions/burn`)).body
  const yuan = (fen) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })
  assert.equal(await page.locator('[data-test=ledger-burn-spent]').innerText(), yuan(b.spent_fen))
  await shot(page, 'l02-ledger-burn-down')
})

test('an instruction\'s life in the console: assigned with a deadline, urged, progress, feedback on time, closed', async () => {
  const { page } = await open('office-instruction')
  await signIn(page, 'office')
  const made = await apiSend(page, 'POST', '/ledger_instructions', { leader: '孙炜东', leader_post: '市长', instructed_on: day(), text: '请市质监局抓紧研究，提出落实意见。', matter: '食品质量安全监督检验中心建设' })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const id = made.body.id
  await page.goto(BASE + `/e/ledger_instructions/${id}`)
  await page.locator('[data-test=panel-ledger-life]').waitFor()
  // 交办: the lead unit and a deadline a week on
  await page.locator('[data-test=transition-assign]').click()
  let dlg = page.locator('[data-test=transition-dialog]')
  await dlg.waitFor()
  await pickOption(page, dlg.locator('.el-form-item', { hasText: '主办单位' }), '食品质量安全监督检验中心')
  const due = dlg.locator('.el-form-item', { hasText: '办理期限' }).locator('input').first()
  await due.fill(day(7))
  await due.press('Enter')
  await dlg.locator('[data-test=transition-dialog-submit]').click()
  await page.locator('[data-test=life-assigned]').waitFor()
  assert.match(await page.locator('[data-test=life-assigned]').innerText(), new RegExp(day(7)))
  // 催办
  await page.locator('[data-test=transition-urge]').click()
  dlg = page.locator('[data-test=transition-dialog]')
  await dlg.waitFor()
  await dlg.locator('.el-form-item', { hasText: '催办意见' }).locator('textarea, input').first().fill('请于本周内反馈办理情况')
  await dlg.locator('[data-test=transition-dialog-submit]').click()
  await page.locator('[data-test=life-urged]').waitFor()
  // a progress note of the unit that acts
  const n = await apiSend(page, 'POST', '/ledger_notes', { instruction_id: id, noted_on: day(), progress: '已召开专题会议，制定落实方案' })
  assert.equal(n.status, 201, JSON.stringify(n.body))
  await page.reload()
  await page.locator('[data-test=life-note]').first().waitFor()
  await shot(page, 'l03-instruction-assigned')
  // 反馈 before the deadline: on time
  await page.locator('[data-test=transition-feedback]').click()
  dlg = page.locator('[data-test=transition-dialog]')
  await dlg.waitFor()
  await dlg.locator('.el-form-item', { hasText: '办理结果反馈' }).locator('textarea, input').first().fill('已按批示要求落实，书面报告已报送')
  await dlg.locator('[data-test=transition-dialog-submit]').click()
  await page.locator('[data-test=life-fed-back]').waitFor()
  assert.match(await page.locator('[data-test=life-fed-back]').innerText(), /按期/)
  // 办结
  await page.locator('[data-test=transition-close]').click()
  await page.locator('.transition-confirm .el-button--primary').click()
  await page.locator('[data-test=life-closed]').waitFor()
  const row = (await apiGet(page, `/ledger_instructions/${id}`)).body
  assert.equal(row.state, 'closed')
  assert.equal(row.on_time, true)
  assert.equal(row.urged_count, 1)
  await shot(page, 'l04-instruction-closed')
})

test('the director\'s dashboard carries the area\'s key figures: instructions on time, overdue, the year\'s support', async () => {
  const { page } = await open('director-ledger')
  await signIn(page, 'director')
  const w = page.locator('[data-test=widget-ledger_kpi]')
  await w.waitFor()
  await w.scrollIntoViewIfNeeded()
  const y = day().slice(0, 4)
  const st = (await apiGet(page, `/ledger_instructions/actions/stats?year=${y}`)).body
  assert.match(await w.locator('[data-test=kpi-instructions_on_time]').innerText(), new RegExp(`${st.on_time} / ${st.count}`))
  assert.match(await w.locator('[data-test=kpi-ledger_total]').innerText(), /元/)
  await shot(page, 'l05-director-ledger-kpi')
})
