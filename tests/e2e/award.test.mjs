// The quality award and the food-safety assessment in Chromium against a
// real `zhijian serve` on the demo database (issue 17): the demo expert
// scores an application assigned to them item by item (bands in steps of
// 5 %), sees the total the server computes and submits; the office's ranking
// with per-category scores, spread and the radar chart; the assessment's
// ranking page, where the vetoed government ranks last and fails whatever
// its score; the portal's public notice. Screenshots to tests/out/e2e/w*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn, pickOption } from './lib.mjs'

const contexts = []

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-award.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function open(name, viewport) {
  const c = await newContext(name, viewport)
  contexts.push(c)
  return c
}

test('an expert scores an application assigned to them, item by item, and submits', async () => {
  const { page } = await open('expert-aw')
  await signIn(page, 'expert')
  await page.goto(BASE + '/award/score')
  await page.locator('[data-test=aw-mine] .el-table__body tr').first().waitFor()
  // the demo expert scored the 12 applicants of 2025 and has three of 2026 to score, listed first
  assert.equal(await page.locator('[data-test=aw-mine] .el-table__body tr').count(), 15)
  await shot(page, 'w01-award-my-reviews')
  await page.locator('[data-test=aw-mine-open]').first().click()
  await page.locator('[data-test=aw-sheet] .el-table__body tr').first().waitFor()
  const id = page.url().split('/').pop()
  // 22 of the 23 items saved through the API as the expert would; the last one by hand on the page
  const sheet = (await apiGet(page, `/award_assignments/${id}/actions/sheet`)).body
  assert.equal(sheet.items.length, 23)
  const st = await page.evaluate(async ([aid, items]) => {
    const s = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json()
    const r = await fetch(`/api/v1/award_assignments/${aid}/actions/score`, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify({ items }),
    })
    return r.status
  }, [id, sheet.items.filter((i) => i.code !== '4.7.7').map((i) => ({ code: i.code, band: 50 }))])
  assert.equal(st, 200)
  await page.reload()
  await page.locator('[data-test=aw-band-4\\.7\\.7]').waitFor()
  assert.equal(await page.locator('[data-test=aw-submit]').isDisabled(), true, 'not before every item is scored')
  // 4.7.7 (50 points) at 60 %: 30.00; the other 950 points at 50 %: 475.00; total 505.00
  await pickOption(page, page.locator('[data-test=aw-band-4\\.7\\.7]'), '60%')
  assert.match(await page.locator('[data-test=aw-sheet-total]').innerText(), /505\.00/)
  await page.locator('[data-test=aw-save]').click()
  await page.waitForFunction(() => !document.querySelector('[data-test=aw-save] .is-loading'))
  await shot(page, 'w02-award-scoring')
  await page.locator('[data-test=aw-submit]').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForFunction(() => !document.querySelector('[data-test=aw-submit]'))
  const after = (await apiGet(page, `/award_assignments/${id}`)).body
  assert.equal(after.state, 'submitted')
  assert.equal(after.expert_total, '505.00')
  // another expert's sheet is not theirs: refused
  const other = await page.evaluate(async () => {
    const s = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json()
    const list = await (await fetch('/api/v1/award_assignments?limit=500', { credentials: 'same-origin' })).json()
    return { n: list.items.length, csrf: !!s.csrf }
  })
  assert.equal(other.n, 15, 'an expert lists only their own assignments (of 5 experts × 12 + 3)')
  assert.deepEqual(rawCodes, [], 'no raw code on the expert\'s pages')
})

test('the office: the round\'s ranking with categories, spread and a radar chart', async () => {
  const { page } = await open('office-aw')
  await signIn(page, 'awardoffice')
  const r25 = (await apiGet(page, '/award_rounds?year=2025')).body.items[0]
  await page.goto(BASE + '/award/ranking/' + r25.id)
  await page.locator('[data-test=aw-ranking] .el-table__body tr').first().waitFor()
  assert.equal(await page.locator('[data-test=aw-ranking] .el-table__body tr').count(), 12, 'the demo round has 12 applicants')
  await page.locator('[data-test=aw-radar]').waitFor()
  assert.match(await page.locator('[data-test=aw-allocation]').innerText(), /未超出预算|within the budget/)
  await shot(page, 'w03-award-ranking')
})

test('the assessment ranking: the vetoed government ranks last and fails', async () => {
  const { page } = await open('director-aw')
  await signIn(page, 'director')
  await page.goto(BASE + '/award/assessment')
  const rows = page.locator('[data-test=aw-assess-table] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 9, 'the city\'s 9 districts, banners and county')
  const last = rows.nth(8)
  assert.ok(await last.locator('[data-test=aw-result-vetoed]').count(), 'the last row is vetoed')
  assert.match(await last.locator('[data-test=aw-veto-grounds]').innerText(), /迟报/)
  // its score is the highest of all, and it still ranks last
  const totals = (await page.locator('[data-test=aw-assess-table] .el-table__body tr td:nth-last-child(3)').allInnerTexts()).map(Number)
  assert.equal(Math.max(...totals), totals[8], `the vetoed government has the best score: ${totals}`)
  await shot(page, 'w04-assessment-ranking')
  // the portal's published results
  await page.goto(BASE + '/portal/assessment/2025')
  await page.locator('[data-test=aw-public-assess-row]').first().waitFor()
  assert.equal(await page.locator('[data-test=aw-public-assess-row]').count(), 9)
  await page.goto(BASE + '/portal/award/2025')
  await page.locator('[data-test=aw-public-row]').first().waitFor()
  await shot(page, 'w05-award-public-notice')
  assert.deepEqual(rawCodes, [], 'no raw code on these pages')
})
