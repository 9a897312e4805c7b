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

// ---- the dashboards (issue 16 §7): trends per hazard, the watch list, the plan's money ----

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

async function setLang(page, lang) {
  await page.locator('[data-test=lang-switch]').first().click()
  await page.locator(`[data-test=lang-${lang}]`).click()
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

const widgetOf = async (page, id) => (await apiGet(page, '/dashboard')).body.widgets.find((w) => w.id === id)

test('the director\'s risk dashboards: trends with their bands, the watch list, where the plan\'s money goes', async () => {
  const c = await newContext('director-risk')
  contexts.push(c)
  const { page } = c
  await signIn(page, 'director')
  // before any risk-based plan: the widget says so and where to draft one
  await page.locator('[data-test=widget-risk_plan_money] [data-test=risk-money-none]').waitFor()
  const b = await apiSend(page, 'POST', '/food_budgets', { code: 'B-RISK-E2E', name: '2027年度食品安全抽检经费', year: 2027, amount: 316000000 })
  assert.equal(b.status, 201, JSON.stringify(b.body))
  const plan = await apiSend(page, 'POST', '/risk_costs/actions/plan', { budget: 316000000, budget_id: b.body.id, year: 2027, floor_category: 1, floor_district: 1 })
  assert.equal(plan.status, 200, JSON.stringify(plan.body))
  await page.reload()
  // the trends: the three hazards of the API, named in the legend's words
  const tw = await widgetOf(page, 'risk_hazard_trends')
  assert.ok(tw.series.length > 0)
  const trend = page.locator('[data-test=widget-risk_hazard_trends]')
  await trend.locator('[data-test=risk-trend-chart] canvas').waitFor()
  const picked = await trend.locator('[data-test=risk-trend-hazards]').innerText()
  assert.ok(picked.includes(tw.series[0].label.zh), `the select shows the hazards drawn: ${picked}`)
  assert.match(await trend.innerText(), new RegExp(`不足 ${tw.min_cell} 批`), 'the minimum size is stated')
  await trend.scrollIntoViewIfNeeded()
  await shot(page, 'r04-risk-trends')
  // quarterly, then by test item: the chart follows the server
  const q = page.waitForResponse((r) => r.url().includes('/risk_signals/actions/trends') && r.url().includes('period=quarter'))
  await trend.locator('label', { hasText: '按季度' }).click()
  const qa = await (await q).json()
  assert.equal(qa.periods.length, 8)
  const a = page.waitForResponse((r) => r.url().includes('/risk_signals/actions/trends') && r.url().includes('by=analyte'))
  await trend.locator('label', { hasText: '检验项目' }).click()
  const an = await (await a).json()
  assert.ok(an.series.length > 0 && an.series.every((s) => s.label.zh !== s.code), 'test items by name')
  await page.waitForTimeout(400)
  assert.ok((await trend.locator('[data-test=risk-trend-hazards]').innerText()).includes(an.series[0].label.zh))
  await shot(page, 'r05-risk-trends-items')
  // the watch list: the API's figures, each entry a link to its record
  const ww = await widgetOf(page, 'risk_watch_list')
  const watch = page.locator('[data-test=widget-risk_watch_list]')
  await watch.scrollIntoViewIfNeeded()
  assert.match(await watch.locator('[data-test=risk-watch-on]').innerText(), new RegExp(`^${ww.on_list}\\b`))
  assert.match(await watch.locator('[data-test=risk-watch-petitions]').innerText(), new RegExp(`^${ww.petitions_pending}\\b`))
  assert.match(await watch.locator('[data-test=risk-watch-due]').innerText(), new RegExp(`^${ww.exit_due}\\b`))
  assert.equal(await watch.locator('[data-test=risk-watch-table] tbody tr').count(), ww.rows.length)
  await shot(page, 'r06-risk-watch')
  // the money: the plan's total in yuan, by category (bars) and district × category (grid)
  const mw = await widgetOf(page, 'risk_plan_money')
  assert.equal(mw.plan.id, plan.body.plan_id)
  const money = page.locator('[data-test=widget-risk_plan_money]')
  await money.scrollIntoViewIfNeeded()
  const head = await money.locator('[data-test=risk-money-head]').innerText()
  assert.ok(head.includes(mw.plan_yuan) && head.includes(mw.actual_yuan), `totals in yuan: ${head}`)
  await money.locator('[data-test=risk-money-chart] canvas').waitFor()
  await shot(page, 'r07-risk-money')
  await money.locator('label', { hasText: '区域 × 类别' }).click()
  const grid = money.locator('[data-test=risk-money-grid]')
  await grid.waitFor()
  await grid.scrollIntoViewIfNeeded()
  const top = mw.cells.reduce((x, y) => (y.plan_fen > x.plan_fen ? y : x))
  assert.ok((await grid.innerText()).includes(top.plan_yuan), `the largest cell ${top.plan_yuan} is in the grid`)
  assert.equal(await grid.locator('tbody tr').count(), mw.categories.length + 1, 'a row per category and the totals')
  await shot(page, 'r08-risk-money-grid')
  // in English
  await setLang(page, 'en')
  await money.locator('[data-test=risk-money-grid]').waitFor()
  await page.waitForTimeout(300)
  assert.ok((await trend.innerText()).includes(an.series[0].label.en), 'the hazards in English')
  assert.match(await watch.innerText(), /On the list/)
  await trend.scrollIntoViewIfNeeded()
  await shot(page, 'r09-risk-dash-en')
  await money.locator('[data-test=risk-money-grid]').scrollIntoViewIfNeeded()
  await shot(page, 'r10-risk-money-en')
  await setLang(page, 'zh-CN')
  // a figure leads to the records: the watch list, on its tab of the listed
  await watch.locator('[data-test=risk-watch-on]').click()
  await page.waitForURL((u) => u.pathname === '/e/risk_watch')
  await page.locator('.el-table__row').first().waitFor()
  await shot(page, 'r11-risk-watch-list')
})

test('a district officer\'s risk dashboards: the district\'s trends and watch list, no plan money', async () => {
  const c = await newContext('donghe-risk')
  contexts.push(c)
  const { page } = c
  await signIn(page, 'donghe')
  await page.locator('[data-test=widget-risk_watch_list]').waitFor()
  const tw = await widgetOf(page, 'risk_hazard_trends')
  const all = (await apiGet(page, '/risk_signals/actions/trends')).body
  assert.deepEqual(tw.series.map((s) => s.n), all.series.map((s) => s.n), 'the widget is the action\'s answer for the district')
  assert.equal(await page.locator('[data-test=widget-risk_plan_money]').count(), 0)
  // the district's months are small: the widget suggests quarters
  const months = tw.series.flatMap((s) => s.points.filter((p) => p.n > 0))
  if (months.filter((p) => p.rate_pm === undefined).length * 2 > months.length) await page.locator('[data-test=risk-trend-sparse]').waitFor()
  await page.locator('[data-test=widget-risk_hazard_trends]').scrollIntoViewIfNeeded()
  await shot(page, 'r12-risk-dash-district')
})
