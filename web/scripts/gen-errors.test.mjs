// The generator of src/i18n/errors.js reads every entry of the server's
// table, and the console holds zh-CN and en text for each (issue 13 §3).
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseTable, problemKey, render } from './gen-errors.mjs'
import errors from '../src/i18n/errors.js'

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const header = fs.readFileSync(path.join(web, '../src/core/problems.h'), 'utf8')

test('every PROBLEM and FIELD_ERR line of the header is read (none written in a form the generator skips)', () => {
  const { problems, codes } = parseTable(header)
  assert.equal(problems.length, (header.match(/^\s*PROBLEM\(/gm) || []).length)
  assert.equal(codes.length, (header.match(/^\s*FIELD_ERR\(/gm) || []).length)
  assert.ok(problems.some((p) => p.slug === 'not-found' && p.status === 404 && p.zh === '记录不存在'))
  assert.ok(codes.some((c) => c.code === 'required' && c.en === 'Required'))
})

test('every problem type and field-error code has zh-CN and en text in the console', () => {
  const { problems, codes } = parseTable(header)
  for (const l of ['zh-CN', 'en']) {
    for (const p of problems) assert.ok(errors[l].errp[problemKey(p.slug)], `${l} errp.${p.slug}`)
    for (const c of codes) assert.ok(errors[l].errc[c.code], `${l} errc.${c.code}`)
  }
})

test('a quote in a title survives generation', () => {
  const t = parseTable('\tPROBLEM(X, 409, "x-y", "甲", "It\'s \\"b\\"") \\\n\tFIELD_ERR(Y, "y", "乙", "why")')
  assert.equal(t.problems[0].en, 'It\'s "b"')
  assert.match(render(t), /x_y: 'It\\'s "b"'/)
})
