// Record pages by stage and actions that say why not (issue 14 §5, §6), on
// entities of two areas (a case, a sample), in Chromium against the demo
// database: the step bar with the record's state; fields of later stages not
// shown (and not asked for by the new-case form); a step the user may not
// take now shown disabled with the server's reason; no Edit on a closed
// record; an enterprise's related records as tabs (一企一档); a publication's
// confirmation saying what it will publish. Screenshots: tests/out/e2e/r*.png.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BASE, OUT, newContext, shot, shots, consoleErrors, httpNotes, rawCodes, apiGet, signIn } from './lib.mjs'

const contexts = []
after(async () => {
  for (const c of contexts) await c.close()
  fs.writeFileSync(path.join(OUT, 'report-ui-record.json'), JSON.stringify({ shots, consoleErrors, httpNotes, rawCodes }, null, 2))
})

async function as(user) {
  const c = await newContext('rec-' + user)
  contexts.push(c)
  await signIn(c.page, user)
  return c.page
}

// A record of `entity` this user reads, in one of `states`, with a step from
// its state the server reports not allowed now (and the answer).
async function withRefusedStep(page, entity, states) {
  for (const st of states) {
    const list = await apiGet(page, `/${entity}?state=${st}&limit=20`)
    assert.equal(list.status, 200, `${entity} list`)
    for (const r of list.body.items) {
      const tr = await apiGet(page, `/${entity}/${r.id}/transitions`)
      assert.equal(tr.status, 200)
      const no = tr.body.items.find((i) => i.from_here && !i.allowed)
      if (no) return { row: r, no, items: tr.body.items }
    }
  }
  return null
}

async function stepBarAndWhyNot(page, entity, states, prefix) {
  const found = await withRefusedStep(page, entity, states)
  assert.ok(found, `a ${entity} record with a step not allowed now, in ${states}`)
  await page.goto(`${BASE}/e/${entity}/${found.row.id}`)
  const bar = page.locator('[data-test=step-bar]')
  await bar.waitFor({ timeout: 20000 })
  // the record's state is a step of the bar, the current one
  const cur = bar.locator(`[data-test=step-${found.row.state}]`)
  assert.equal(await cur.count(), 1, `the step bar shows the state ${found.row.state}`)
  assert.match(await cur.getAttribute('class'), /current/)
  assert.match(await cur.locator('.el-step__head').getAttribute('class'), /is-process/, 'the current step is highlighted')
  // the refused step: disabled, its reason on hover, as the server words it
  const btn = page.locator(`[data-test=transition-${found.no.name}]`)
  await btn.waitFor()
  assert.ok(await btn.isDisabled(), `${found.no.name} is disabled`)
  const why = page.locator(`[data-test=transition-why-${found.no.name}]`)
  assert.equal(await why.getAttribute('aria-label').then((s) => s.startsWith(found.no.reason.title)), true, 'the reason starts with the server\'s title')
  await why.hover()
  const tip = page.locator('.el-popper', { hasText: found.no.reason.title }).last()
  await tip.waitFor({ timeout: 15000 })
  await shot(page, `${prefix}-why-not`)
  // a step that is allowed is an enabled button
  const ok = found.items.find((i) => i.from_here && i.allowed)
  if (ok) assert.ok(await page.locator(`[data-test=transition-${ok.name}]`).isEnabled(), `${ok.name} is enabled`)
  return found
}

async function closedHasNoEdit(page, entity, finals, prefix) {
  let row = null
  for (const st of finals) {
    const r = await apiGet(page, `/${entity}?state=${st}&limit=1`)
    if (r.body.items && r.body.items.length) { row = r.body.items[0]; break }
  }
  assert.ok(row, `a closed ${entity} in the demo data (${finals})`)
  await page.goto(`${BASE}/e/${entity}/${row.id}`)
  await page.locator('[data-test=detail-closed]').waitFor({ timeout: 20000 })
  assert.equal(await page.locator('[data-test=detail-edit]').count(), 0, 'no Edit on a closed record')
  assert.equal(await page.locator('[data-test=step-bar] .el-step__head.is-success').count() > 0, true, 'the steps reached are done')
  await shot(page, `${prefix}-closed`)
}

test('a case: step bar, fields by stage, a refused step with its reason, no Edit when closed; the new-case form asks only the first stage', async () => {
  const page = await as('handler')
  const found = await stepBarAndWhyNot(page, 'cases', ['filing_review', 'investigating', 'clue', 'notified'], 'r01-case')
  // later stages' fields are not shown before the record reaches them
  const meta = (await apiGet(page, '/meta')).body.entities.find((e) => e.name === 'cases')
  const step = Object.fromEntries(meta.workflow.states.map((s) => [s.name, s.step]))
  const later = meta.fields.find((f) => f.stage && step[f.stage] > step[found.row.state] && found.row[f.name] == null)
  assert.ok(later, 'a field of a later stage')
  const label = later.label.zh
  const text = await page.locator('[data-test=detail-fields]').innerText()
  assert.ok(!text.includes(label), `“${label}” (stage ${later.stage}) is not shown on a ${found.row.state} case`)

  await page.goto(`${BASE}/e/cases/new`)
  await page.locator('[data-test=entity-form]').waitFor()
  assert.ok(await page.locator('[data-test=field-title]').count(), 'the new-case form asks for the title')
  assert.equal(await page.locator('[data-test=field-enforcement_on]').count(), 0, 'not for the enforcement application date')
  assert.equal(await page.locator('[data-test=field-decided_on]').count(), 0, 'nor the decision date')
  await shot(page, 'r02-case-new')

  await closedHasNoEdit(page, 'cases', ['closed', 'not_filed', 'transferred'], 'r03-case')
})

test('a sample: step bar and a refused step with its reason; no Edit when closed', async () => {
  const page = await as('analyst')
  await stepBarAndWhyNot(page, 'samples', ['reported', 'received', 'approved', 'delivered'], 'r04-sample')
  await closedHasNoEdit(page, 'samples', ['closed', 'cancelled'], 'r05-sample')
})

test('an enterprise lists its samples, results, cases and complaints as tabs (一企一档)', async () => {
  const page = await as('director')
  const s = (await apiGet(page, '/samples?limit=1')).body.items[0]
  assert.ok(s, 'a demo sample')
  await page.goto(`${BASE}/e/enterprises/${s.enterprise_id}`)
  await page.locator('[data-test=related]').waitFor({ timeout: 20000 })
  for (const e of ['samples', 'results', 'disposals', 'cases', 'complaints'])
    assert.equal(await page.locator(`[data-test=related-tab-${e}]`).count(), 1, `a tab of ${e}`)
  // the samples tab lists this sample
  const tab = page.locator('[data-test=related-samples]')
  await tab.locator('.el-table__body tr').first().waitFor({ timeout: 20000 })
  assert.ok(await tab.locator(`a[href="/e/samples/${s.id}"]`).count(), 'the sample is in its enterprise\'s tab')
  await page.locator('[data-test=related-tab-cases]').click()
  await page.locator('[data-test=related-cases] .el-table').waitFor()
  await shot(page, 'r06-enterprise-tabs')
})

test('a publication says what publishing will make public before it is confirmed', async () => {
  const page = await as('supervisor')
  const list = await apiGet(page, '/publications?state=draft&limit=5')
  assert.equal(list.status, 200)
  let pub = list.body.items[0]
  if (!pub) {
    // a draft over the demo year (through the console's own form)
    await page.goto(`${BASE}/e/publications/new`)
    await page.locator('[data-test=entity-form]').waitFor()
    const tag = 'R' + (Date.now() % 1000000)
    await page.locator('[data-test=field-announcement_no] input').fill(`公告${tag}`)
    await page.locator('[data-test=field-title] input').fill(`抽检信息公告${tag}`)
    for (const [f, v] of [['period_from', '2000-01-01'], ['period_to', '2100-12-31']]) {
      const inp = page.locator(`[data-test=field-${f}] input`)
      await inp.fill(v)
      await inp.press('Enter')
    }
    await page.locator('[data-test=form-save]').click()
    await page.waitForURL((u) => /\/e\/publications\/\d+$/.test(u.pathname), { timeout: 20000 })
    pub = { id: Number(new URL(page.url()).pathname.split('/').pop()) }
  } else await page.goto(`${BASE}/e/publications/${pub.id}`)
  const panel = page.locator('[data-test=panel-publication-samples]')
  await panel.waitFor({ timeout: 20000 })
  const prev = (await apiGet(page, `/publications/${pub.id}/actions/samples`)).body
  assert.equal(prev.preview, true)
  assert.match(await panel.innerText(), new RegExp(`${prev.count}`), 'the panel gives the count before publishing')
  const opts = (await apiGet(page, `/publications/${pub.id}/transitions`)).body.items.find((i) => i.name === 'publish')
  const btn = page.locator('[data-test=transition-publish]')
  await btn.waitFor()
  if (opts.allowed) {
    await btn.click()
    const box = page.locator('.transition-confirm')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(`公布 ${prev.count} 个抽样结果`), 'the confirmation says how many results it publishes')
    await shot(page, 'r07-publication-confirm')
    await box.locator('button', { hasText: '取消' }).click()
  } else {
    assert.ok(await btn.isDisabled(), 'nothing to publish: the step is disabled')
    assert.equal(prev.count, 0)
    await shot(page, 'r07-publication-none')
  }
})

// Labels, not codes (issue 14 §2): the walker's findings over every page this
// suite visited (lib.mjs walkEveryPage; the list is also in the report file).
test('no page shows a raw code (snake_case, bare #id, UTC instant)', async () => {
  await new Promise((r) => setTimeout(r, 1000)) // the last page's walk (600 ms after its last change)
  assert.deepEqual(rawCodes, [], 'raw codes in visible text:\n' + rawCodes.slice(0, 200).join('\n'))
})
