// The risk pages in Chromium against a real `zhijian serve` on the demo
// database (issue 16): the heat table of failure rates by food category ×
// district (each rate with its Wilson interval, no rate under the minimum
// cell size, the same figures as the API) with the warnings in force by
// level, and raising an open signal as a new warning from its page (a
// warning without a level refused, naming the field; then issued, the
// signal raised). Screenshots go to tests/out/e2e/r*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn, pickOption } from './lib.mjs'

const contexts = []
const S = {}

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-risk.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

test('the heat table: rates by category × district with their intervals; small cells show none; warnings by level', async () => {
  const c = await newContext('riskanalyst-risk')
  contexts.push(c)
  const { page } = c
  S.page = page
  await signIn(page, 'riskanalyst')
  await page.goto(BASE + '/risk/heat')
  await page.locator('[data-test=risk-heat-page]').waitFor()
  await page.locator('[data-test=risk-heat-cell]').first().waitFor()
  const heat = (await apiGet(page, '/risk_signals/actions/heat')).body
  const withRate = heat.cells.filter((x) => x.rate !== undefined)
  assert.ok(withRate.length > 0 && withRate.length < heat.cells.length, 'some cells are rated, some are too small')
  assert.equal(await page.locator('[data-test=risk-heat-cell]').count(), withRate.length, 'one shaded cell per rated cell')
  assert.equal(await page.locator('[data-test=risk-heat-small]').count(), heat.cells.length - withRate.length)
  // the highest rate is shown as the API gives it, with its interval
  const top = withRate.reduce((a, b) => (b.rate > a.rate ? b : a))
  const txt = (await page.locator('[data-test=risk-heat-table]').innerText())
  assert.ok(txt.includes((top.rate * 100).toFixed(1) + '%'), `the top rate ${top.rate} is shown`)
  assert.ok(txt.includes((top.lo * 100).toFixed(1) + '%–' + (top.hi * 100).toFixed(1) + '%'), 'with its interval')
  assert.match(await page.locator('[data-test=risk-heat-window]').innerText(), new RegExp(String(heat.min_cell)))
  // warnings in force by level, as the API counts them
  const w = (await apiGet(page, '/risk_warnings?state=issued&limit=500')).body.items
  for (const lv of ['red', 'orange', 'yellow', 'blue']) {
    const n = w.filter((x) => x.level === lv).length
    assert.match(await page.locator(`[data-test=risk-level-${lv}]`).innerText(), new RegExp(`\\b${n}\\b`), `${lv}: ${n}`)
  }
  await shot(page, 'r01-risk-heat')
})

test('raising a warning from a signal: refused without a level, then issued; the signal is raised', async () => {
  const page = S.page
  const open = (await apiGet(page, '/risk_signals?state=open&limit=50')).body.items.filter((x) => x.state === 'open')
  assert.ok(open.length > 0, 'open signals in the demo')
  const sig = open[0]
  await page.goto(`${BASE}/e/risk_signals/${sig.id}`)
  await page.locator('[data-test=panel-risk-raise]').waitFor()
  await shot(page, 'r02-risk-signal')
  await page.locator('[data-test=raise-foods]').fill('淡水鱼')
  await page.locator('[data-test=raise-hazards]').fill('孔雀石绿')
  await page.locator('[data-test=raise-areas]').fill('包头市')
  await page.locator('[data-test=raise-measures]').fill('对涉及企业开展监督抽检，督促自查并召回')
  await page.locator('[data-test=raise-submit]').click()
  // no level: the server's 422 names the field, shown under it
  await page.locator('[data-test=panel-risk-raise] .el-form-item__error').first().waitFor()
  assert.equal((await apiGet(page, `/risk_signals/${sig.id}`)).body.state, 'open', 'nothing written')
  await page.locator('[data-test=raise-level]').click()
  await page.locator('[data-test=raise-level-orange]').click()
  await page.locator('[data-test=raise-submit]').click()
  await page.waitForURL((u) => /^\/e\/risk_warnings\/\d+$/.test(u.pathname))
  const wid = Number(new URL(page.url()).pathname.split('/').pop())
  const got = (await apiGet(page, `/risk_signals/${sig.id}`)).body
  assert.equal(got.state, 'raised')
  assert.equal(got.warning_id, wid)
  const warn = (await apiGet(page, `/risk_warnings/${wid}`)).body
  assert.equal(warn.level, 'orange')
  assert.equal(warn.state, 'issued')
  await page.locator('[data-test=history]').waitFor()
  await shot(page, 'r03-risk-warning')
  void pickOption
})
