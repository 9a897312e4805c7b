// Printing and the public portal on a phone (issue 14 §11, §12), in Chromium
// against a real `zhijian serve` on the demo database:
//   - a case's statutory document and a food sample's 抽样单 in print media
//     (page.emulateMedia({ media: 'print' })): the form's A4 layout; the
//     record pages' print view drops the menu, the top bar and the buttons
//     and shows the bureau's name, the record's title and number;
//   - the portal at 390×844 in zh-CN and English: the complaint form and the
//     pages do not overflow sideways; the footer names the city; a submission
//     gives a lookup code, and the progress lookup shows the state with it;
//     no developer wording on the public pages.
// Screenshots go to tests/out/e2e/p*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn } from './lib.mjs'

const contexts = []
after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-print.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})
async function open(name, viewport) {
  const c = await newContext(name, viewport)
  contexts.push(c)
  return c
}
async function setLang(page, lang) {
  await page.locator('[data-test=lang-switch]').first().click()
  await page.locator(`[data-test=lang-${lang}]`).click()
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}
// In print media: the shell's menu and top bar and every button are hidden; the print head shows.
async function assertPrintView(page, what) {
  await page.emulateMedia({ media: 'print' })
  const seen = await page.evaluate(() => {
    const vis = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0
    return {
      sidebar: vis(document.querySelector('.sidebar')),
      navbar: vis(document.querySelector('.navbar')),
      buttons: [...document.querySelectorAll('.el-button')].filter(vis).length,
      head: vis(document.querySelector('[data-test=print-head]')),
      headText: document.querySelector('[data-test=print-head]')?.innerText || '',
      fields: vis(document.querySelector('[data-test=detail-fields]')),
    }
  })
  assert.equal(seen.sidebar, false, `${what}: the menu is hidden in print`)
  assert.equal(seen.navbar, false, `${what}: the top bar is hidden in print`)
  assert.equal(seen.buttons, 0, `${what}: no button in print`)
  assert.equal(seen.head, true, `${what}: the print head shows`)
  assert.equal(seen.fields, true, `${what}: the fields by label print`)
  return seen.headText
}

test('a case document and the case page print without the shell (handler)', async () => {
  const { page } = await open('print-case')
  await signIn(page, 'handler')
  const list = await apiGet(page, '/cases?limit=50')
  assert.equal(list.status, 200)
  let cs = null, kind = null
  for (const c of list.body.items) {
    const d = await apiGet(page, `/cases/${c.id}/actions/document`)
    const k = d.status === 200 && d.body.documents.find((x) => x.ready && !['inquiry', 'consultation_minutes'].includes(x.kind))
    if (k) { cs = c; kind = k.kind; break }
  }
  assert.ok(cs, 'a demo case with a document ready')
  await page.goto(`${BASE}/e/cases/${cs.id}`)
  await page.locator('[data-test=case-documents] [data-test=doc-print-' + kind + ']').waitFor()
  assert.ok(await page.locator('[data-test=detail-print]').isVisible(), 'a print button on the record page')
  await shot(page, 'p01-case-page')
  const head = await assertPrintView(page, 'case page')
  assert.match(head, /质量技术监督局|市场监督管理局/, 'the bureau in the print head: ' + head)
  await shot(page, 'p02-case-page-print')
  await page.emulateMedia({ media: 'screen' })
  // the document itself: its own A4 page, printed as the server made it
  await page.goto(`${BASE}/api/v1/cases/${cs.id}/actions/document?kind=${kind}`)
  await page.emulateMedia({ media: 'print' })
  const doc = await page.evaluate(() => ({ text: document.body.innerText, org: document.querySelector('.org')?.innerText, css: [...document.styleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n') }))
  assert.match(doc.css, /size: a4/i, 'A4 page size')
  assert.ok(doc.org && doc.org.length > 2, 'the issuing bureau heads the document')
  await shot(page, 'p03-case-document-print')
})

test('a food sample: its forms panel, the 抽样单 in print media, the sample page print view (director)', async () => {
  const { page } = await open('print-food')
  await signIn(page, 'director')
  const list = await apiGet(page, '/samples?state=served&limit=1')
  assert.equal(list.status, 200)
  const s = list.body.items[0]
  assert.ok(s, 'a served demo sample')
  await page.goto(`${BASE}/e/samples/${s.id}`)
  const panel = page.locator('[data-test=food-documents]')
  await panel.locator('[data-test=doc-print-sampling_form]').waitFor()
  for (const k of ['sampling_form', 'test_report', 'result_notice']) assert.ok(await panel.locator(`[data-test=doc-${k}]`).count(), k)
  await shot(page, 'p10-sample-forms-panel')
  const head = await assertPrintView(page, 'sample page')
  assert.ok(head.includes(s.code), `the sample's number in the print head: ${head}`)
  await shot(page, 'p11-sample-page-print')
  await page.emulateMedia({ media: 'screen' })
  await page.goto(`${BASE}/api/v1/samples/${s.id}/actions/document?kind=sampling_form`)
  await page.emulateMedia({ media: 'print' })
  const text = await page.evaluate(() => document.body.innerText)
  assert.match(text, /食品安全抽样检验抽样单/)
  assert.ok(text.includes(s.code), 'numbered by the sample code')
  for (const label of ['被抽样单位名称', '样品名称', '抽样基数', '封样编号', '抽样人员']) assert.ok(text.includes(label), label)
  await shot(page, 'p12-sampling-form-print')
  await page.goto(`${BASE}/api/v1/samples/${s.id}/actions/document?kind=result_notice`)
  assert.match(await page.evaluate(() => document.body.innerText), /食品安全抽样检验结果通知书/)
  await shot(page, 'p13-result-notice-print')
})

// The page does not scroll sideways, and no visible element reaches past the right edge.
async function noOverflow(page, what) {
  const r = await page.evaluate(() => {
    const w = document.documentElement.clientWidth
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const b = el.getBoundingClientRect()
      return b.width > 0 && b.height > 0 && b.right > w + 1 && getComputedStyle(el).position !== 'fixed' && !el.closest('.el-select-dropdown, .el-popper, .el-overlay')
    }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right)}`)
    return { scroll: document.documentElement.scrollWidth, w, wide }
  })
  assert.ok(r.scroll <= r.w, `${what}: scrollWidth ${r.scroll} > ${r.w}`)
  assert.deepEqual(r.wide, [], `${what}: elements past the right edge`)
}

test('the portal at 390×844 in zh-CN and English: the complaint form fits, the footer names the city, lookup by code', async () => {
  const { page } = await open('phone-portal', { width: 390, height: 844 })
  await page.goto(BASE + '/portal/complaint')
  await page.locator('[data-test=complaint-form]').waitFor()
  await page.locator('[data-test=portal-footer]', { hasText: '包头市市场监督管理局' }).waitFor()
  await noOverflow(page, 'complaint form zh')
  await shot(page, 'p20-portal-complaint-390-zh')
  await setLang(page, 'en')
  await page.locator('[data-test=portal-footer]', { hasText: 'Baotou Administration for Market Regulation' }).waitFor()
  await noOverflow(page, 'complaint form en')
  await shot(page, 'p21-portal-complaint-390-en')
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  await noOverflow(page, 'complaint form en, bottom')
  await shot(page, 'p22-portal-complaint-390-en-bottom')
  // a submission: the tracking number and the lookup code, once
  const fill = (f, v) => page.locator(`[data-test=cf-${f}]`).locator('input, textarea').first().fill(v)
  await fill('complainant_name', 'Test Person')
  await fill('complainant_phone', '13800002222')
  await fill('complainant_address', '1 Gangtie Street, Kundulun')
  await fill('respondent_name', 'A supermarket')
  await fill('respondent_address', '2 Youyi Street, Kundulun')
  await fill('facts', 'The milk was past its date')
  await fill('request', 'A refund')
  await page.locator('[data-test=complaint-submit]').click()
  const code = (await page.locator('[data-test=complaint-lookup-code]').innerText()).trim()
  const no = (await page.locator('[data-test=complaint-tracking]').innerText()).trim()
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  await noOverflow(page, 'submitted en')
  await shot(page, 'p23-portal-complaint-done-390-en')
  await page.locator('[data-test=complaint-go-status]').click()
  await page.locator('[data-test=status-code]').locator('input').fill(code.toLowerCase())
  assert.equal(await page.locator('[data-test=status-no] input').inputValue(), no, 'the number carried over')
  await page.locator('[data-test=status-go]').click()
  await page.locator('[data-test=status-state]', { hasText: 'Received' }).waitFor()
  await noOverflow(page, 'lookup en')
  await shot(page, 'p24-portal-status-390-en')
  await page.locator('[data-test=status-code] input').fill('AAAA-AAAA-AAAA')
  await page.locator('[data-test=status-go]').click()
  await page.locator('[data-test=status-error]').waitFor()
  assert.equal(await page.locator('[data-test=status-result]').count(), 0, 'nothing shown for a wrong code')
  await setLang(page, 'zh-CN')
  await page.goto(BASE + '/portal/notices')
  await page.locator('[data-test=portal-notices] [data-test=notice]').first().waitFor()
  await noOverflow(page, 'notices zh')
  await shot(page, 'p25-portal-notices-390-zh')
  await page.goto(BASE + '/portal/complaint')
  await page.locator('[data-test=complaint-form]').waitFor()
  await noOverflow(page, 'complaint form zh (again)')
})

test('no developer wording on the public pages', async () => {
  const { page } = await open('portal-words', { width: 1280, height: 900 })
  const bad = /游标|cursor|keyset|snake_case|null|undefined|\bAPI\b|endpoint/i
  for (const p of ['', 'sampling-results', 'complaint', 'complaint-status', 'notices']) {
    for (const lang of ['zh-CN', 'en']) {
      await page.goto(`${BASE}/portal/${p}`)
      await page.locator('#portal-main').waitFor()
      await page.waitForLoadState('networkidle').catch(() => {})
      if (await page.evaluate(() => document.documentElement.lang) !== lang) await setLang(page, lang)
      const text = await page.evaluate(() => document.body.innerText)
      assert.doesNotMatch(text, bad, `/portal/${p} (${lang})`)
    }
  }
})

test('no page logged an error', () => {
  assert.deepEqual(consoleErrors, [], 'console errors:\n' + consoleErrors.join('\n'))
})
