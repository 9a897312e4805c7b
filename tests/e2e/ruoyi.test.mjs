// RuoYi's habits in the console (issue 14 §9), at 1366×768, on a food list
// (samples, sampler) and an enforcement list (complaints, case referrals,
// handler): the jurisdiction tree that includes sub-areas, the unit tree,
// filters folded to one row, page numbers and jump-to-page (keyset below),
// sortable columns, selection with batch export / step / delete, the
// tags-view bar; then the two-level dictionary (admin), the audit log export
// (auditor), the permission matrix in words (secadmin) and a menu without
// dead entries for each of these roles. Screenshots: tests/out/e2e/r*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, PASSWORD, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, countRows, signIn } from './lib.mjs'

const VIEW = { width: 1366, height: 768 }
const ADMIN_NEW = process.env.E2E_ADMIN_NEW_PASSWORD || 'Admin-New-Pass-2026!'
const contexts = []
const S = {}

after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-ruoyi.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function as(user) {
  if (S[user]) return S[user]
  const c = await newContext('ruoyi-' + user, VIEW)
  contexts.push(c)
  if (user === 'admin') {
    // the first suite may have made admin's forced change already
    let pw = null
    for (const p of [PASSWORD, ADMIN_NEW]) {
      const r = await fetch(BASE + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: p }) })
      if (r.status === 201) {
        const b = await r.json()
        await fetch(BASE + '/api/v1/session', { method: 'DELETE', headers: { Authorization: 'Bearer ' + b.token } }).catch(() => {})
        pw = p
        break
      }
    }
    assert.ok(pw, 'admin signs in')
    await signIn(c.page, 'admin', pw, ADMIN_NEW)
  } else await signIn(c.page, user)
  S[user] = c.page
  return c.page
}

const rowsOf = (page) => page.locator('[data-test=list-table] .el-table__body tr.el-table__row')
async function settled(page) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.locator('[data-test=list-table] .el-loading-mask').first().waitFor({ state: 'hidden', timeout: 15000 }).catch(() => {})
}
const countText = async (page) => Number((await page.locator('[data-test=list-count]').innerText()).replace(/\D/g, ''))

test('food: the samples list — 包头市 in the tree finds its districts\' samples (server subtree), the unit tree beside it', async () => {
  const page = await as('sampler')
  await page.goto(BASE + '/e/samples')
  await rowsOf(page).first().waitFor()
  await page.locator('[data-test=tree-tabs]').waitFor()
  const node = page.locator('[data-tree=juris] [data-test=tree-node-3]')
  await node.waitFor()
  assert.equal((await node.innerText()).trim(), '包头市')
  const req = page.waitForRequest((r) => /\/api\/v1\/samples\?/.test(r.url()) && r.url().includes('jurisdiction_id'))
  await node.click()
  const q = new URL((await req).url()).searchParams
  assert.deepEqual(q.getAll('jurisdiction_id.under'), ['3'], 'one parameter: the node and below, resolved by the server')
  await settled(page)
  await page.locator('[data-test=tree-picked]', { hasText: '包头市' }).waitFor()
  const want = await countRows(page, 'samples', 'jurisdiction_id.under=3')
  const direct = await countRows(page, 'samples', 'jurisdiction_id=3')
  assert.ok(want > direct, `districts count: ${want} > ${direct}`)
  await page.waitForFunction((n) => Number((document.querySelector('[data-test=list-count]') || {}).innerText?.replace(/\D/g, '')) === n, want)
  const text = await page.locator('[data-test=list-table] .el-table__body').innerText()
  assert.match(text, /区|旗|县/, 'district names show in the rows')
  await shot(page, 'r01-samples-juris-tree-baotou')

  // the unit tree: the owning unit and its sub-units
  await page.locator('[data-test=tree-tabs] .el-tabs__item', { hasText: '单位' }).click()
  const unit = page.locator('[data-tree=unit] [data-test^=tree-node-]').first()
  await unit.waitFor()
  const ureq = page.waitForRequest((r) => /\/api\/v1\/samples\?/.test(r.url()) && r.url().includes('owner_unit_id'))
  await unit.click()
  const uq = new URL((await ureq).url()).searchParams
  assert.ok(uq.get('owner_unit_id.under') || uq.get('owner_unit_id'), 'filtered by the owning unit')
  assert.equal(uq.get('jurisdiction_id.under'), null, 'one tree at a time')
  await settled(page)
  await shot(page, 'r02-samples-unit-tree')
  await page.locator('[data-tree=unit] [data-test=tree-all]').click()
  await settled(page)
})

test('food: filters fold to one row with 展开/收起; sortable columns sort on the server', async () => {
  const page = await as('sampler')
  await page.goto(BASE + '/e/samples')
  await rowsOf(page).first().waitFor()
  const fold = page.locator('[data-test=list-fold]')
  await fold.waitFor()
  const items = () => page.locator('.search-form .el-form-item[data-test^=filter-]').count()
  const few = await items()
  const label = (await fold.innerText()).trim()
  await fold.click()
  const many = await items()
  assert.ok(many > few, `展开 shows more filters (${few} → ${many})`)
  assert.notEqual((await fold.innerText()).trim(), label)
  await shot(page, 'r03-samples-filters-unfolded')
  await fold.click()
  assert.equal(await items(), few, '收起 folds back')
  // a sortable column (declared): the header sorts through the API
  const sortable = page.locator('[data-test=list-table] th.is-sortable').first()
  await sortable.waitFor()
  const sreq = page.waitForRequest((r) => /\/api\/v1\/samples\?/.test(r.url()) && r.url().includes('sort='))
  await sortable.locator('.cell').click()
  assert.match(new URL((await sreq).url()).searchParams.get('sort'), /^-?[a-z_]+$/)
  await settled(page)
})

test('food: page numbers with a total, next by keyset, jump-to-page by offset', async () => {
  const page = await as('sampler')
  await page.goto(BASE + '/e/samples')
  await settled(page)
  const pager = page.locator('[data-test=list-pager]')
  await pager.waitFor()
  assert.match(await pager.innerText(), /共\s*\d+\s*条/)
  // next page: by the cursor of page 1
  const r2 = page.waitForRequest((r) => /\/api\/v1\/samples\?/.test(r.url()) && r.url().includes('cursor='))
  await pager.locator('.el-pager li', { hasText: /^2$/ }).click()
  await r2
  await settled(page)
  // jump to page 5: by offset, the same rows the API gives
  const r5 = page.waitForRequest((r) => /\/api\/v1\/samples\?/.test(r.url()) && r.url().includes('offset='))
  const jump = pager.locator('.el-pagination__jump input')
  await jump.fill('5')
  await jump.press('Enter')
  const u5 = new URL((await r5).url())
  assert.equal(u5.searchParams.get('offset'), String(4 * Number(u5.searchParams.get('limit'))))
  await settled(page)
  const first = (await rowsOf(page).first().locator('a').first().innerText()).trim()
  const api = await apiGet(page, `/samples?limit=${u5.searchParams.get('limit')}&offset=${u5.searchParams.get('offset')}`)
  const no = api.body.items[0].sample_no || ''
  assert.ok(!no || first.includes(no) || first.length > 0, 'the jumped-to page is shown')
  assert.equal(await pager.locator('.el-pager li.is-active').innerText(), '5')
  await shot(page, 'r04-samples-page-5')
})

test('food: selection — export the selected rows, a batch step item by item, no batch delete without the permission', async () => {
  const page = await as('sampler')
  await page.goto(BASE + '/e/samples')
  await settled(page)
  assert.equal(await page.locator('[data-test=batch-bar]').count(), 0, 'no batch bar before a selection')
  await rowsOf(page).nth(0).locator('.el-checkbox').first().click()
  await rowsOf(page).nth(1).locator('.el-checkbox').first().click()
  await page.locator('[data-test=batch-count]', { hasText: '2' }).waitFor()
  assert.equal(await page.locator('[data-test=batch-delete]').count(), 0, 'samples.delete is not granted: no 批量删除')
  await shot(page, 'r05-samples-selected')
  await page.locator('[data-test=batch-export]').click()
  const dl = page.waitForEvent('download')
  await page.locator('[data-test=batch-export-csv]').click()
  const file = await (await dl).path()
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  assert.equal(lines.length, 3, 'a header and the two selected rows')
  // a batch step over the selection: the menu counts the rows in a state each step leaves
  const step = page.locator('[data-test=batch-step]')
  if (await step.count()) {
    await step.click()
    const items = page.locator('[data-test^=batch-step-]:visible')
    await items.first().waitFor()
    assert.match(await items.first().innerText(), /\(\d+\)/)
    await page.keyboard.press('Escape')
  }
  await page.locator('[data-test=batch-clear]').click()
  await page.locator('[data-test=batch-bar]').waitFor({ state: 'detached' })
})

test('cases: complaints — 包头市 finds the districts\' complaints; 受理 for the selection, item by item, with reasons', async () => {
  const page = await as('handler')
  await page.goto(BASE + '/e/complaints')
  await rowsOf(page).first().waitFor()
  const req = page.waitForRequest((r) => /\/api\/v1\/complaints\?/.test(r.url()) && r.url().includes('jurisdiction_id.under'))
  await page.locator('[data-tree=juris] [data-test=tree-node-3]').click()
  await req
  await settled(page)
  const n = await countText(page)
  assert.equal(n, await countRows(page, 'complaints', 'jurisdiction_id.under=3'))
  assert.ok(n > await countRows(page, 'complaints', 'jurisdiction_id=3'), 'districts\' complaints are in')
  await shot(page, 'r06-complaints-juris-tree')
  // select every row; 受理 applies to those still received
  await page.locator('[data-test=list-table] th .el-checkbox').first().click()
  await page.locator('[data-test=batch-step]').click()
  const accept = page.locator('[data-test=batch-step-accept]')
  await accept.waitFor()
  const k = Number((await accept.innerText()).match(/\((\d+)\)/)[1])
  assert.ok(k >= 1, 'at least one received complaint')
  await accept.click()
  const dlg = page.locator('[data-test=transition-dialog]')
  await dlg.waitFor()
  assert.match(await dlg.locator('[data-test=transition-what]').innerText(), new RegExp(`${k} 条`))
  const date = dlg.locator('input').first()
  // today in Asia/Shanghai: the decision may not precede the registration nor follow today
  await date.fill(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10))
  await date.press('Enter')
  await shot(page, 'r07-complaints-batch-accept')
  const done = page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints/batch'))
  await dlg.locator('[data-test=transition-dialog-submit]').click()
  const res = await (await done).json()
  assert.equal(res.items.length, k, 'one outcome per selected received complaint')
  assert.ok(res.done >= 1, JSON.stringify(res))
  if (res.failed) {
    await page.locator('[data-test=batch-result]').waitFor()
    assert.match(await page.locator('[data-test=batch-summary]').innerText(), /成功 \d+ 条，未办理 \d+ 条/)
    await shot(page, 'r08-complaints-batch-result')
    await page.locator('[data-test=batch-result] .el-dialog__footer button').click()
  }
  await settled(page)
})

test('cases: case referrals — batch delete where permitted, each row checked by the server', async () => {
  const page = await as('handler')
  await page.goto(BASE + '/e/case_referrals')
  await rowsOf(page).first().waitFor()
  const before = await countText(page)
  await rowsOf(page).nth(0).locator('.el-checkbox').first().click()
  await page.locator('[data-test=batch-delete]').click()
  const done = page.waitForResponse((r) => r.url().endsWith('/api/v1/case_referrals/batch'))
  await page.locator('.el-message-box__btns .el-button--primary').click()
  const res = await (await done).json()
  assert.equal(res.items.length, 1)
  await settled(page)
  if (res.done) await page.waitForFunction((b) => Number((document.querySelector('[data-test=list-count]') || {}).innerText?.replace(/\D/g, '')) === b - 1, before)
  await shot(page, 'r09-referrals-after-batch-delete')
})

test('the tags-view bar: one tag per opened page, the current one marked, closing returns to a neighbour', async () => {
  const page = await as('handler')
  await page.goto(BASE + '/e/complaints')
  await rowsOf(page).first().waitFor()
  await rowsOf(page).first().locator('a').first().click()
  await page.waitForURL((u) => /^\/e\/complaints\/\d+$/.test(u.pathname))
  await page.locator('[data-test=tag].tag.active').waitFor()
  const tags = page.locator('[data-test=tags-view] [data-test=tag]')
  assert.ok(await tags.count() >= 4, 'home, the lists and the record')
  const active = page.locator('[data-test=tags-view] [data-test=tag].active')
  await page.waitForFunction(() => !/^#\d/.test((document.querySelector('[data-test=tags-view] .tag.active .title') || {}).innerText || '#'))
  await shot(page, 'r10-tags-view')
  const path0 = await active.getAttribute('data-path')
  await active.locator('[data-test=tag-close]').click()
  await page.waitForURL((u) => u.pathname !== path0)
  assert.equal(await page.locator(`[data-test=tag][data-path="${path0}"]`).count(), 0)
  await page.locator('[data-test=tag][data-path="/e/samples"], [data-test=tag][data-path="/e/complaints"]').first().click()
  await page.waitForURL((u) => u.pathname.startsWith('/e/'))
})

test('the two-level dictionary: types by name → items; an item edited shows at once', async () => {
  const page = await as('admin')
  await page.goto(BASE + '/admin/dicts')
  const ty = page.locator('[data-test=dict-type-enterprise_size]')
  await ty.waitFor()
  assert.doesNotMatch(await ty.innerText(), /enterprise_size/, 'the type by its name')
  await ty.click()
  await page.locator('[data-test=dict-items] .el-table__body tr').first().waitFor()
  assert.match(await page.locator('[data-test=dict-items]').innerText(), /微型/)
  await shot(page, 'r11-dict-two-level')
  await page.locator('[data-test=dict-edit-micro]').click()
  const f = page.locator('[data-test=dict-form]')
  await f.locator('[data-test=dict-label-zh]').fill('微型企业')
  const saved = page.waitForResponse((r) => /\/api\/v1\/dict_items\/\d+$/.test(r.url()) && r.request().method() === 'PATCH')
  await f.locator('[data-test=dict-save]').click()
  assert.equal((await saved).status(), 200)
  await page.locator('[data-test=dict-items]', { hasText: '微型企业' }).waitFor()
  const meta = await apiGet(page, '/meta')
  assert.ok(meta.body.dicts.enterprise_size.some((d) => d.label.zh === '微型企业'), 'the labels everyone reads change')
})

test('the audit log export (auditor): a CSV in words and local time', async () => {
  const page = await as('auditor')
  await page.goto(BASE + '/audit')
  await page.locator('[data-test=audit-table] .el-table__body tr').first().waitFor()
  await page.locator('[data-test=audit-export]').click()
  const dl = page.waitForEvent('download')
  await page.locator('[data-test=audit-export-csv]').click()
  const d = await dl
  assert.match(d.suggestedFilename(), /^audit_log-\d{4}-\d\d-\d\d\.csv$/)
  const text = fs.readFileSync(await d.path(), 'utf8').replace(/^\uFEFF/, '')
  const [head, first] = text.split(/\r?\n/)
  assert.match(head, /^时间（北京时间）,用户,IP 地址,操作,对象/)
  assert.match(first, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/, 'local time')
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'no UTC instants')
  await shot(page, 'r12-audit-export')
})

test('the permission matrix (secadmin): objects and steps in words, scopes to choose', async () => {
  const page = await as('secadmin')
  await page.goto(BASE + '/admin/permissions')
  const m = page.locator('[data-test=perm-matrix]')
  await m.locator('.el-table__body tr').first().waitFor({ timeout: 30000 })
  const text = await m.innerText()
  assert.match(text, /投诉|抽样/, 'business entities by name although secadmin cannot read them')
  assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no codes')
  // the workflow steps of 投诉举报 unfold under its row, each by its label
  const row = m.locator('.el-table__body tr', { has: page.locator('[data-object=complaints]') }).first()
  await row.locator('.el-table__expand-icon').click()
  const extra = page.locator('[data-test=perm-extra-complaints]')
  await extra.waitFor()
  assert.match(await extra.innerText(), /受理/)
  assert.ok(await extra.locator('[data-perm="complaints.t.accept"]').count(), 'the 受理 step has its scope')
  await shot(page, 'r13-permission-matrix')
})

// Every menu entry of a role opens a page that works for it: no 无权访问,
// no unavailable notice, no 403 from the API while it loads.
for (const user of ['sampler', 'handler', 'secadmin', 'auditor', 'donghe']) {
  test(`no dead menu entries for ${user}`, async () => {
    const page = await as(user)
    await page.goto(BASE + '/')
    await page.locator('[data-test=side-menu]').waitFor()
    const forbidden = []
    const onResp = (r) => { if (r.status() === 403 && r.url().includes('/api/v1/')) forbidden.push(`${page.url()} → ${r.request().method()} ${r.url()}`) }
    page.on('response', onResp)
    const titles = page.locator('[data-test=side-menu] .el-sub-menu__title')
    for (let i = 0; i < await titles.count(); i++) {
      const sub = titles.nth(i).locator('xpath=..')
      if (!/is-opened/.test(await sub.getAttribute('class'))) await titles.nth(i).click()
    }
    const items = page.locator('[data-test=side-menu] .el-menu-item[data-test^=menu-]')
    const n = await items.count()
    assert.ok(n > 0, 'a menu')
    const bad = []
    for (let i = 0; i < n; i++) {
      const it = items.nth(i)
      const name = (await it.innerText()).trim()
      await it.click()
      await page.waitForLoadState('networkidle').catch(() => {})
      await page.waitForTimeout(150)
      const main = await page.locator('#main-content').innerText().catch(() => '')
      if (/无权访问|暂未提供|没有权限/.test(main) || (await page.locator('#main-content .el-result .icon-error, [data-test=perm-unavailable]').count())) bad.push(name)
    }
    page.off('response', onResp)
    assert.deepEqual(bad, [], `dead entries for ${user}`)
    assert.deepEqual(forbidden, [], `403s while opening ${user}'s menu`)
    await shot(page, `r14-menu-${user}`)
  })
}

// The pages this suite adds (dictionary, permission matrix, audit export,
// tags, batch results) show no codes; the lists' own cells (task codes of
// the demo data) are point 2's walker's, reported in report-ruoyi.json.
test('no raw codes on the pages of this suite', () => {
  const mine = rawCodes.filter((x) => /^r(08|10|11|12|13|14)-/.test(x))
  assert.deepEqual(mine, [])
})
