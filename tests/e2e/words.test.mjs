// Forms that help and English complete (issue 14 §7, §13), on entities of two
// areas — food (a plan item, the plan list, a sample, the dashboard's chart)
// and enforcement (a case, an extension, the case list) — in Chromium against
// the demo database:
// - no error before the user touches a field, not even when the language is
//   switched (which rebuilds the rules); a touched required field shows its
//   own error and only its own;
// - money entered and shown in yuan with two decimals (stored in fen), no
//   "分"/"fen" beside it; units beside numbers, declared on the fields;
// - in English, no Chinese on the dashboard, a list and a record page other
//   than text people wrote (names, titles: marked data-as-written by the console),
//   and the chart's categories and districts in English.
// Screenshots: tests/out/e2e/w*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn } from './lib.mjs'

const contexts = []
after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-words.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function as(user) {
  const c = await newContext('words-' + user, { width: 1366, height: 768 })
  contexts.push(c)
  await signIn(c.page, user)
  return c.page
}

async function setLang(page, lang) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
  await page.locator('[data-test=lang-switch]').first().click()
  await page.locator(`[data-test=lang-${lang}]`).click()
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

const errorsShown = (page) => page.locator('.el-form-item.is-error, .el-form-item__error').evaluateAll((els) => els.filter((e) => e.offsetParent !== null).length)

// The new-record form of `entity` shows no error until a field is touched;
// then the touched required field `touch` shows its error, alone.
async function quietUntilTouched(page, entity, touch, file) {
  await page.goto(`${BASE}/e/${entity}/new`)
  await page.locator('[data-test=entity-form]').waitFor()
  await page.waitForTimeout(800)
  assert.equal(await errorsShown(page), 0, `${entity}: no error before a field is touched`)
  await setLang(page, 'en')
  await page.waitForTimeout(500)
  assert.equal(await errorsShown(page), 0, `${entity}: switching the language shows no error either`)
  await setLang(page, 'zh-CN')
  await page.waitForTimeout(300)
  const input = page.locator(`[data-test=field-${touch}] input`).first()
  await input.focus()
  await input.blur()
  await page.locator(`[data-test=field-${touch}].is-error`).waitFor()
  assert.equal(await errorsShown(page) > 0, true)
  const wrong = await page.locator('.el-form-item.is-error').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))
  assert.deepEqual(wrong, [`field-${touch}`], `${entity}: only the touched field shows an error`)
  await shot(page, file)
}

// Labels of a form: none says 分 or fen (money is in yuan).
async function noFenLabels(page, where) {
  const labels = await page.locator('.el-form-item__label, th, .el-descriptions__label').allInnerTexts()
  const bad = labels.filter((l) => /分[)）]|（分|\(分|\bfen\b/i.test(l))
  assert.deepEqual(bad, [], `${where}: no fen label beside yuan values`)
}

// "¥1,234.50" from fen 123450 (the console's own grouping).
function yuanText(fen) {
  const s = String(fen).padStart(3, '0')
  return '¥' + s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + s.slice(-2)
}

test('food: a plan item form — no error before touch, money in yuan, units beside numbers', async () => {
  const page = await as('supervisor')
  await quietUntilTouched(page, 'plan_items', 'batches', 'w01-plan-item-untouched-then-touched')
  // money: typed in yuan, tidied to two decimals, 元 beside it
  const money = page.locator('[data-test=field-cost_per_batch]')
  await money.locator('input').fill('12.5')
  await money.locator('input').blur()
  assert.equal(await money.locator('input').inputValue(), '12.50', 'yuan with two decimals')
  assert.equal((await money.locator('.el-input-group__append').innerText()).trim(), '元')
  // a number with its declared unit (batch → 批次)
  const meta = (await apiGet(page, '/meta')).body.entities.find((e) => e.name === 'plan_items')
  assert.equal(meta.fields.find((f) => f.name === 'batches').unit, 'batch', 'the unit is declared on the field')
  assert.equal((await page.locator('[data-test=field-batches] .el-input-group__append').innerText()).trim(), '批次')
  await noFenLabels(page, 'plan item form')

  // lists and details show yuan: the plan's planned cost, computed from fen
  const plan = (await apiGet(page, '/food_plans?limit=1')).body.items[0]
  assert.ok(plan && plan.planned_cost != null, 'a demo plan with its cost')
  await page.goto(`${BASE}/e/food_plans`)
  await page.locator('.el-table__body tr').first().waitFor()
  const cells = await page.locator('.el-table__body .num').allInnerTexts()
  const amounts = cells.filter((c) => c.includes('¥'))
  assert.ok(amounts.length > 0, 'amounts in the plan list')
  for (const a of amounts) assert.match(a.trim(), /^¥\d{1,3}(,\d{3})*\.\d{2}$/, 'yuan with two decimals')
  await noFenLabels(page, 'plan list')
  await page.goto(`${BASE}/e/food_plans/${plan.id}`)
  await page.locator('[data-test=detail-fields]').waitFor()
  assert.ok((await page.locator('body').innerText()).includes(yuanText(plan.planned_cost)), `the planned cost as ${yuanText(plan.planned_cost)}`)
  await noFenLabels(page, 'plan detail')
  // the plan's items: batches with their unit
  await page.goto(`${BASE}/e/plan_items`)
  await page.locator('.el-table__body tr').first().waitFor()
  const body = await page.locator('.el-table__body').first().innerText()
  assert.match(body, /\d+ 批次/, 'batches shown with their unit')
  await shot(page, 'w02-plan-items-units')
})

test('cases: a case and an extension — no error before touch, fines in yuan, days as a unit', async () => {
  const page = await as('handler')
  await quietUntilTouched(page, 'cases', 'title', 'w03-case-untouched-then-touched')
  await noFenLabels(page, 'case form')
  await page.goto(`${BASE}/e/case_extensions/new`)
  await page.locator('[data-test=entity-form]').waitFor()
  assert.equal((await page.locator('[data-test=field-days] .el-input-group__append').innerText()).trim(), '天', 'days beside the number')
  assert.equal(await errorsShown(page), 0, 'the extension form shows no error before touch')
  // a case with a fine: shown in yuan on its page, as its fen value says
  const fined = (await apiGet(page, '/cases?limit=200')).body.items.find((c) => c.fine_fen > 0)
  if (fined) {
    await page.goto(`${BASE}/e/cases/${fined.id}`)
    await page.locator('[data-test=detail-fields]').waitFor()
    assert.ok((await page.locator('body').innerText()).includes(yuanText(fined.fine_fen)), `the fine as ${yuanText(fined.fine_fen)}`)
    await noFenLabels(page, 'case detail')
  }
  await page.goto(`${BASE}/e/cases`)
  await page.locator('.el-table__body tr').first().waitFor()
  for (const a of (await page.locator('.el-table__body .num').allInnerTexts()).filter((c) => c.includes('¥')))
    assert.match(a.trim(), /^¥\d{1,3}(,\d{3})*\.\d{2}$/, 'fines in yuan with two decimals')
  await noFenLabels(page, 'case list')
  await shot(page, 'w04-cases-list-yuan')
})

// Visible text with Chinese characters, outside text shown as written
// ([data-as-written]: what people wrote — names, titles, addresses —,
// references to records with no English name, legal citations and standard
// titles quoted as written), icons (aria-hidden) and inputs. "简体中文" is the
// language switch's own name for Chinese, written in Chinese on purpose.
async function chineseOnPage(page, me) {
  return page.evaluate((me) => {
    const out = []
    const skip = (el) => el.closest('[data-as-written], [aria-hidden=true], code, pre, script, style, textarea, .el-select-dropdown, .el-dropdown-menu, .el-picker-panel')
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const el = n.parentElement
      // the user's own name ("Hello, 王局长"); an official Chinese name given in
      // brackets after its translation ("Filing approval (立案审批表)")
      const v = n.nodeValue.split(me).join('').replace(/([A-Za-z][^()（）]*)[(（][^()（）]*[)）]/g, '$1').trim()
      if (!v || !el || skip(el) || !/[\u3400-\u9fff]/.test(v) || v === '简体中文') continue
      const r = el.getBoundingClientRect()
      const cs = getComputedStyle(el)
      if (!r.width || !r.height || cs.visibility === 'hidden' || cs.display === 'none') continue
      out.push(v.slice(0, 60))
    }
    return [...new Set(out)]
  }, me)
}

async function englishPage(page, url, ready, file, me) {
  await page.goto(BASE + url)
  await page.locator(ready).first().waitFor({ timeout: 20000 })
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(600)
  const zh = await chineseOnPage(page, me)
  await shot(page, file)
  return zh
}

test('English complete: dashboard, lists and record pages of food and cases hold no Chinese of the console', async () => {
  const page = await as('director')
  await setLang(page, 'en')
  const me = (await apiGet(page, '/session')).body.user.name
  const found = {}
  found.dashboard = await englishPage(page, '/', '.page', 'w05-dashboard-en', me)
  found.samples = await englishPage(page, '/e/samples', '.el-table__body tr', 'w06-samples-en', me)
  found.cases = await englishPage(page, '/e/cases', '.el-table__body tr', 'w07-cases-en', me)
  const s = (await apiGet(page, '/samples?limit=1')).body.items[0]
  found.sample = await englishPage(page, `/e/samples/${s.id}`, '[data-test=detail-fields]', 'w08-sample-en', me)
  const c = (await apiGet(page, '/cases?limit=1')).body.items[0]
  found.case = await englishPage(page, `/e/cases/${c.id}`, '[data-test=detail-fields]', 'w09-case-en', me)
  const bad = Object.entries(found).filter(([, v]) => v.length)
  assert.deepEqual(bad, [], 'Chinese words of the console on English pages:\n' + bad.map(([k, v]) => `${k}: ${v.join(' | ')}`).join('\n'))

  // districts in English wherever a record names one
  assert.ok(s.jurisdiction_id__label_en && !/[\u3400-\u9fff]/.test(s.jurisdiction_id__label_en), `the district in English: ${s.jurisdiction_id__label_en}`)
  // the dashboard's chart: categories and districts in English
  const dash = await page.evaluate(async () => (await fetch('/api/v1/dashboard', { headers: { Accept: 'application/json', 'Accept-Language': 'en' } })).json())
  const rows = (dash.widgets || []).filter((w) => w.kind === 'table').flatMap((w) => w.rows || [])
  for (const r of rows) {
    for (const k of ['category', 'district']) if (r[k]) assert.ok(!/[\u3400-\u9fff]/.test(r[k]), `chart ${k} in English: ${r[k]}`)
  }
})

test('no page logged an error', () => {
  assert.deepEqual(consoleErrors, [], 'console errors:\n' + consoleErrors.join('\n'))
})

// Labels, not codes (issue 14 §2): the walker's findings over every page this
// suite visited (lib.mjs walkEveryPage; the list is also in the report file).
test('no page shows a raw code (snake_case, bare #id, UTC instant)', async () => {
  await new Promise((r) => setTimeout(r, 1000)) // the last page's walk (600 ms after its last change)
  assert.deepEqual(rawCodes, [], 'raw codes in visible text:\n' + rawCodes.slice(0, 200).join('\n'))
})
