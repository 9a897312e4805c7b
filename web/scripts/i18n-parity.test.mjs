// The parity check itself: it must catch what it is there to catch.
import test from 'node:test'
import assert from 'node:assert/strict'
import { check } from './i18n-parity.mjs'

const src = (file, zh, en) => ({ file, langs: { 'zh-CN': zh, en } })

test('the same keys in both languages pass', () => {
  assert.deepEqual(check([src('a', { x: { y: '是 {n}' } }, { x: { y: 'yes {n}' } })], [{ key: 'x.y', where: 'f' }]), [])
})

test('a key in one language only is reported, either way round', () => {
  const p = check([src('a', { x: { y: '是', z: '否' } }, { x: { y: 'yes' }, w: 'w' })])
  assert.ok(p.some((s) => s.includes('"x.z" is in zh-CN but not in en')), p.join('\n'))
  assert.ok(p.some((s) => s.includes('"w" is in en but not in zh-CN')), p.join('\n'))
})

test('different placeholders and empty strings are reported', () => {
  const p = check([src('a', { x: '{n} 天', e: '' }, { x: '{d} days', e: 'E' })])
  assert.ok(p.some((s) => s.includes('"x" has placeholders')), p.join('\n'))
  assert.ok(p.some((s) => s.includes('zh-CN "e" is not a non-empty string')), p.join('\n'))
})

test('a key defined by two areas, or string and group at once, is reported', () => {
  const p = check([src('a', { m: { k: '一' } }, { m: { k: 'one' } }), src('b', { m: { k: '二', j: { q: 'q' } } }, { m: { k: 'two', j: { q: 'q' } } }), src('c', { m: { j: 'x' } }, { m: { j: 'x' } })])
  assert.ok(p.some((s) => s.includes('"m.k" is defined in both a and b')), p.join('\n'))
  assert.ok(p.some((s) => s.includes('"m.j" is a string in c and a group in b')), p.join('\n'))
})

test('a key the code uses without a string is reported', () => {
  const p = check([src('a', { x: '是' }, { x: 'yes' })], [{ key: 'x.missing', where: 'Page.vue:3' }])
  assert.deepEqual(p, ['Page.vue:3: "x.missing" has no string'])
})
