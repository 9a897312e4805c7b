// The console in Chromium against a real `zhijian serve` on a demo database
// (issue 4 §9): sign in; create an enterprise with a wrong credit code and see
// the field error; fix it and save; find it by search and filter; edit it in
// two sessions and see the conflict dialog; export; import a file with one
// bad row and see that row reported and nothing written; switch language;
// sign out. Screenshots of the main pages go to tests/out/e2e/.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {
  BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, makeUscc, breakUscc, apiGet, countRows,
  signIn, pickOption, metaOf,
} from './lib.mjs'

const USER = process.env.E2E_USER || 'director'
const ADMIN = process.env.E2E_ADMIN || 'admin'
const stamp = Date.now() % 100000000
const NAME = `E2E测试企业${stamp}有限公司`
const USCC = makeUscc(stamp)
const contexts = []
const S = {} // shared between steps

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function open(name, viewport) {
  const c = await newContext(name, viewport)
  contexts.push(c)
  return c
}

const label = (f, lang = 'zh') => (f.label && (f.label[lang] || f.label.zh)) || f.name
const item = (page, field) => page.locator(`[data-test=field-${field}]`)
const input = (page, field) => item(page, field).locator('input, textarea').first()

// Fills the required fields the test does not know about, from the metadata.
async function fillRequired(page, em, skip) {
  for (const f of em.fields) {
    if (!f.required || f.readonly || skip.includes(f.name)) continue
    const it = item(page, f.name)
    if (f.type === 'dict' || f.type === 'ref') await pickOption(page, it)
    else if (f.type === 'date') { await input(page, f.name).fill('2027-12-31'); await input(page, f.name).press('Enter') }
    else if (f.type === 'bool') continue
    else if (f.type === 'int' || f.type === 'money' || f.type === 'decimal') await input(page, f.name).fill('1')
    else await input(page, f.name).fill('E2E')
  }
}

test('portal pages render without sign-in', async () => {
  const { page } = await open('portal', { width: 768, height: 1024 })
  await page.goto(BASE + '/portal/')
  await page.locator('.tiles').waitFor()
  await shot(page, '01-portal-home-768')
  await page.goto(BASE + '/portal/sampling-results')
  await page.locator('[data-test=portal-results], [data-test=portal-empty]').first().waitFor()
  await shot(page, '02-portal-sampling-768')
  await page.goto(BASE + '/portal/complaint')
  await page.locator('[data-test=complaint-form]').waitFor()
  await page.locator('[data-test=complaint-submit]').click()
  await page.locator('.el-form-item.is-error').first().waitFor()
  await shot(page, '03-portal-complaint-768')
})

test('sign in and see the home page', async () => {
  const { page } = await open('A')
  S.a = page
  await page.goto(BASE + '/e/enterprises')
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/e/enterprises')
  await page.locator('[data-test=login-submit]').waitFor()
  await shot(page, '04-login')
  await page.locator('[data-test=login-username]').fill(USER)
  await page.locator('[data-test=login-password]').fill(process.env.DEMO_PASSWORD || 'Demo-Pass-2026')
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => u.pathname === '/e/enterprises') // back where the user was going
  await page.goto(BASE + '/')
  await page.locator('[data-test=side-menu]').waitFor()
  await shot(page, '05-home')
  S.meta = await metaOf(page)
  S.em = S.meta.entities.find((e) => e.name === 'enterprises')
  assert.ok(S.em, 'meta lists enterprises for ' + USER)
  assert.ok(await page.locator('[data-test=menu-enterprises]').count(), 'the menu links enterprises')
})

test('create an enterprise: wrong credit code, then fixed', async () => {
  const page = S.a
  await page.goto(BASE + '/e/enterprises')
  await page.locator('[data-test=list-table] .el-table__body').waitFor()
  await shot(page, '06-enterprises-list')
  S.countBefore = await countRows(page, 'enterprises')
  await page.locator('[data-test=list-new]').click()
  await page.waitForURL(/\/e\/enterprises\/new$/)
  await input(page, 'name').fill(NAME)
  await input(page, 'uscc').fill(breakUscc(USCC))
  const sizeField = S.em.fields.find((f) => f.name === 'size' && f.type === 'dict')
  if (sizeField) S.size = await pickOption(page, item(page, 'size'))
  if (S.em.fields.find((f) => f.name === 'legal_rep')) await input(page, 'legal_rep').fill('张三')
  await fillRequired(page, S.em, ['name', 'uscc', 'size'])
  await page.locator('[data-test=form-save]').click()
  const err = item(page, 'uscc').locator('.el-form-item__error')
  await err.waitFor()
  S.usccError = (await err.innerText()).trim()
  assert.ok(S.usccError.length > 0, 'a message under the credit code')
  assert.match(page.url(), /\/new$/, 'still on the form')
  await shot(page, '07-enterprise-form-uscc-error')
  await input(page, 'uscc').fill(USCC)
  await page.locator('[data-test=form-save]').click()
  await page.waitForURL(/\/e\/enterprises\/\d+$/)
  S.id = Number(/\/(\d+)$/.exec(page.url())[1])
  await page.locator('[data-test=detail-fields]').waitFor()
  assert.ok((await page.locator('[data-test=detail-fields]').innerText()).includes(USCC))
  await shot(page, '08-enterprise-detail')
})

test('find it by search and filter', async () => {
  const page = S.a
  await page.goto(BASE + '/e/enterprises')
  await page.locator('[data-test=list-table] .el-table__body').waitFor()
  await page.locator('[data-test=list-q]').fill(NAME)
  // filters beyond the first row are folded (展开/收起): unfold them first
  const fold = page.locator('[data-test=list-fold]')
  if (await fold.count() && (await fold.getAttribute('aria-expanded')) === 'false') await fold.click()
  if (S.size) await pickOption(page, page.locator('[data-test=filter-size]'), S.size)
  await page.locator('[data-test=list-search]').click()
  const rows = page.locator('[data-test=list-table] .el-table__body tr')
  await page.waitForFunction((n) => {
    const t = document.querySelector('[data-test=list-table] .el-table__body')
    return t && t.innerText.includes(n) && t.querySelectorAll('tr').length === 1
  }, NAME)
  assert.equal(await rows.count(), 1)
  await shot(page, '09-enterprises-search')
  // A filter that excludes it: the uscc filter with another code, if declared.
  const usccFilter = S.em.fields.find((f) => f.name === 'uscc' && f.filter)
  if (usccFilter) {
    await page.locator('[data-test=filter-uscc] input').fill(breakUscc(USCC))
    await page.locator('[data-test=list-search]').click()
    await page.waitForFunction((n) => {
      const t = document.querySelector('[data-test=list-table] .el-table__body')
      return t && !t.innerText.includes(n)
    }, NAME)
    await page.locator('[data-test=filter-uscc] input').fill(USCC)
    await page.locator('[data-test=list-search]').click()
    await page.waitForFunction((n) => {
      const t = document.querySelector('[data-test=list-table] .el-table__body')
      return t && t.innerText.includes(n)
    }, NAME)
  }
})

test('edit in two sessions: the second sees the conflict dialog', async () => {
  const { page: b } = await open('B')
  S.b = b
  await signIn(b, USER)
  const a = S.a
  const url = `${BASE}/e/enterprises/${S.id}/edit`
  await a.goto(url)
  await b.goto(url)
  await input(a, 'name').waitFor()
  await input(b, 'name').waitFor()
  const fA = S.em.fields.find((f) => f.name === 'legal_rep') ? 'legal_rep' : 'name'
  const fB = S.em.fields.find((f) => f.name === 'address') ? 'address' : 'park'
  await input(a, fA).fill(fA === 'name' ? NAME + 'A' : '李四')
  await a.locator('[data-test=form-save]').click()
  await a.waitForURL(/\/e\/enterprises\/\d+$/)
  await input(b, fB).fill('包头市昆都仑区钢铁大街1号')
  await b.locator('[data-test=form-save]').click()
  const dlg = b.locator('[data-test=conflict-dialog]')
  await dlg.waitFor()
  const diffs = await b.locator('[data-test=conflict-diffs]').innerText()
  assert.ok(diffs.includes(label(S.em.fields.find((f) => f.name === fA))), 'the dialog names the field the other session changed')
  await shot(b, '10-conflict-dialog')
  await b.locator('[data-test=conflict-overwrite]').click()
  await b.waitForURL(/\/e\/enterprises\/\d+$/)
  await b.locator('[data-test=detail-fields]').waitFor()
  const text = await b.locator('[data-test=detail-fields]').innerText()
  assert.ok(text.includes('钢铁大街'), 'my change saved')
  if (fA === 'legal_rep') assert.ok(text.includes('李四'), 'the other change kept')
  await b.locator('[data-test=history]').waitFor()
  await shot(b, '11-detail-history')
})

test('export CSV of the current filter', async () => {
  const page = S.a
  await page.goto(BASE + '/e/enterprises')
  await page.locator('[data-test=list-q]').fill(NAME)
  await page.locator('[data-test=list-search]').click()
  await page.locator('[data-test=list-export]').click()
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 20000 }),
    page.locator('[data-test=export-csv]').click(),
  ])
  const file = path.join(OUT, 'export-enterprises.csv')
  await dl.saveAs(file)
  const csv = fs.readFileSync(file, 'utf8')
  assert.ok(csv.includes(USCC), 'the export holds the new enterprise')
  assert.ok(csv.split(/\r?\n/).filter(Boolean).length >= 2, 'a header and a row')
})

test('import with one bad row: the row is reported and nothing is written', async () => {
  const page = S.a
  const tpl = await apiGet(page, '/enterprises/template?format=csv')
  assert.equal(tpl.status, 200, 'template')
  const header = String(tpl.body).replace(/^\ufeff/, '').split(/\r?\n/)[0].split(',').map((h) => h.replace(/^"|"$/g, ''))
  const fieldOf = (h) => S.em.fields.find((f) => f.name === h || label(f, 'zh') === h || label(f, 'en') === h)
  const created = (await apiGet(page, `/enterprises/${S.id}`)).body
  const codes = [makeUscc(stamp + 1), makeUscc(stamp + 2), breakUscc(makeUscc(stamp + 3))]
  const lines = [header.join(',')]
  codes.forEach((code, i) => {
    lines.push(header.map((h) => {
      const f = fieldOf(h)
      if (!f) return ''
      if (f.name === 'name') return `E2E导入企业${stamp}-${i + 1}`
      if (f.name === 'uscc') return code
      if (f.required && created[f.name] != null) return String(created[f.name]).includes(',') ? `"${created[f.name]}"` : String(created[f.name])
      return ''
    }).join(','))
  })
  const before = await countRows(page, 'enterprises')
  await page.goto(BASE + '/e/enterprises')
  await page.locator('[data-test=list-import]').click()
  await page.locator('[data-test=import-dialog]').waitFor()
  await page.locator('[data-test=import-file]').setInputFiles({ name: 'enterprises.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n') })
  await page.locator('[data-test=import-preview]').waitFor()
  await page.locator('[data-test=import-start]').click()
  await page.locator('[data-test=import-result]').waitFor({ timeout: 30000 })
  await page.locator('[data-test=import-failed]').waitFor()
  const errs = await page.locator('[data-test=import-errors] .el-table__body').innerText()
  assert.ok(errs.includes(codes[2]), 'the bad row is reported with its value')
  assert.ok(!errs.includes(codes[0]) && !errs.includes(codes[1]), 'good rows are not reported')
  await shot(page, '12-import-failed')
  assert.equal(await countRows(page, 'enterprises'), before, 'nothing written')
  const found = await apiGet(page, `/enterprises?q=${encodeURIComponent('E2E导入企业' + stamp)}`)
  assert.equal(found.body.items.length, 0, 'no imported row exists')
  await page.keyboard.press('Escape')
})

test('switch language to English', async () => {
  const page = S.a
  await page.goto(BASE + '/e/enterprises')
  await page.locator('[data-test=list-table]').waitFor()
  await page.locator('[data-test=lang-switch]').click()
  await page.locator('[data-test=lang-en]').click()
  await page.waitForFunction(() => document.documentElement.lang === 'en')
  const en = label(S.em, 'en')
  await page.locator('h1.page-title', { hasText: en }).waitFor()
  const head = await page.locator('[data-test=list-table] .el-table__header').innerText()
  const nameF = S.em.fields.find((f) => f.name === 'name')
  assert.ok(head.includes(label(nameF, 'en')), 'English column labels from meta')
  assert.ok((await page.locator('[data-test=list-search]').innerText()).includes('Search'))
  await shot(page, '13-enterprises-list-en')
  await page.goto(`${BASE}/e/enterprises/${S.id}`)
  await page.locator('[data-test=detail-fields]').waitFor()
  await shot(page, '14-enterprise-detail-en')
  await page.goto(BASE + '/')
  await page.locator('[data-test=side-menu]').waitFor()
  await shot(page, '15-home-en')
  // the language is kept across a reload
  await page.reload()
  await page.locator('[data-test=side-menu]').waitFor()
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
})

test('administration pages (as admin), at 1280 and 768 wide', async () => {
  const { page } = await open('admin')
  // `init` gives admin the password with must_change_password set: the console forces a change.
  S.adminSignIn = await signIn(page, ADMIN, undefined, 'Admin-New-Pass-2026!')
  if (S.adminSignIn === 'changed') await shot(page, '19-admin-after-forced-password-change')
  const meta = await metaOf(page)
  let i = 20
  for (const e of meta.entities) {
    await page.goto(`${BASE}/e/${e.name}`)
    await page.locator('[data-test=list-table] .el-table__body').waitFor()
    await shot(page, `${i++}-admin-${e.name}`)
  }
  if (meta.entities.some((e) => e.name === 'roles')) {
    await page.goto(BASE + '/admin/permissions')
    await page.locator('[data-test=perm-page]').waitFor()
    await page.locator('[data-test=perm-matrix], [data-test=perm-unavailable], .el-result').first().waitFor({ timeout: 60000 }) // hundreds of selects: slow on a loaded machine
    await shot(page, `${i++}-admin-permissions`)
  }
  await page.goto(BASE + '/me/sessions')
  await page.locator('[data-test=sessions-table], [data-test=sessions-unavailable], .el-result').first().waitFor()
  await shot(page, `${i++}-my-sessions`)
  await page.setViewportSize({ width: 768, height: 1024 })
  const first = meta.entities[0].name
  await page.goto(`${BASE}/e/${first}`)
  await page.locator('[data-test=list-table] .el-table__body').waitFor()
  await shot(page, `${i++}-admin-${first}-768`)
  await page.goto(`${BASE}/e/${first}/new`)
  await page.locator('[data-test=entity-form]').waitFor()
  await shot(page, `${i++}-admin-${first}-new-768`)
})

test('security administrator: permission matrix; audit administrator: audit log', async () => {
  const { page: sec } = await open('secadmin')
  await signIn(sec, 'secadmin')
  const sm = await metaOf(sec)
  if (sm.entities.some((e) => e.name === 'roles' || e.name === 'role_grants')) {
    await sec.goto(BASE + '/admin/permissions')
    await sec.locator('[data-test=perm-matrix], [data-test=perm-unavailable]').first().waitFor({ timeout: 60000 }) // hundreds of selects: slow on a loaded machine
    if (sm.entities.some((e) => e.name === 'role_grants')) {
      await sec.locator('[data-test=perm-matrix] .el-table__body tr').first().waitFor()
      await sec.locator('[data-test=perm-matrix] .granted').first().waitFor()
    }
    await shot(sec, '17-secadmin-permission-matrix')
  }
  const { page: aud } = await open('auditor')
  await signIn(aud, 'auditor')
  const am = await metaOf(aud)
  if ((am.features && am.features.audit_log) || am.entities.some((e) => e.name === 'audit_log')) {
    await aud.goto(BASE + (am.entities.some((e) => e.name === 'audit_log') ? '/e/audit_log' : '/audit'))
    await aud.locator('[data-test=audit-table] .el-table__body tr, [data-test=list-table] .el-table__body tr').first().waitFor()
    const text = await aud.locator('[data-test=audit-table], [data-test=list-table]').first().innerText()
    assert.ok(text.includes(USER), 'the audit log shows what ' + USER + ' did')
    await shot(aud, '18-auditor-audit-log')
  }
})

// Help (issue 14 §14): the top bar's help menu lists the guides of the user's
// roles; the "?" opens this page's section; the guide follows the language.
test('help: two roles open their guide from the top bar, in Chinese and in English', async () => {
  for (const [user, file, path, anchor, zh, en] of [
    ['sampler', 'food-sampler', '/e/samples', 'samples', '食品抽样员操作指南', 'Food sampler guide'],
    ['handler', 'case-handler', '/e/cases', 'cases', '办案人员操作指南', 'Case handler guide'],
  ]) {
    const { page } = await open('help-' + user)
    await signIn(page, user)
    await page.goto(BASE + path)
    await page.locator('[data-test=help-page]').click()
    await page.waitForURL((u) => u.pathname === '/help/' + file && u.hash === '#' + anchor)
    await page.locator(`[data-test=help-article] h2#${anchor}`).waitFor()
    await page.goto(BASE + '/')
    await page.locator('[data-test=help-menu]').click()
    await page.locator('.el-dropdown-menu:visible [data-test^=help-guide-]').first().waitFor() // the menu opens after the click
    const items = await page.locator('.el-dropdown-menu:visible [data-test^=help-guide-]').evaluateAll((els) => els.map((e) => e.dataset.test))
    assert.ok(items.includes('help-guide-' + file), `${user}'s menu lists ${file}: ${items}`)
    assert.ok(!items.includes('help-guide-admin-install'), `${user} is no administrator: ${items}`)
    await page.locator('[data-test=help-guide-' + file + ']').click()
    await page.locator('[data-test=help-article] h1', { hasText: zh }).waitFor()
    const img = page.locator('[data-test=help-article] img').first()
    await img.scrollIntoViewIfNeeded()
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle())
    if (user === 'sampler') await shot(page, '19-help-guide-zh')
    await page.locator('[data-test=lang-switch]').click()
    await page.locator('[data-test=lang-en]').click()
    await page.locator('[data-test=help-article] h1', { hasText: en }).waitFor()
    assert.equal(await page.locator('[data-test=help-article] script, [data-test=help-article] iframe').count(), 0)
  }
})

test('sign out', async () => {
  const page = S.a
  await page.goto(BASE + '/')
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=menu-signout]').click()
  await page.waitForURL((u) => u.pathname === '/login')
  await page.locator('[data-test=login-submit]').waitFor()
  await shot(page, '16-signed-out-en')
  const s = await page.evaluate(async () => (await fetch('/api/v1/session')).status)
  assert.equal(s, 401, 'the session is gone')
  await page.goto(BASE + '/e/enterprises')
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/e/enterprises')
})

test('no page logged an error', () => {
  assert.deepEqual(consoleErrors, [], 'console errors:\n' + consoleErrors.join('\n'))
  assert.ok(shots.length >= 16, 'screenshots taken: ' + shots.length)
})

// Labels, not codes (issue 14 §2): the walker's findings over every page this
// suite visited (lib.mjs walkEveryPage; the list is also in the report file).
test('no page shows a raw code (snake_case, bare #id, UTC instant)', async () => {
  await new Promise((r) => setTimeout(r, 1000)) // the last page's walk (600 ms after its last change)
  assert.deepEqual(rawCodes, [], 'raw codes in visible text:\n' + rawCodes.slice(0, 200).join('\n'))
})
