// The console's business-area framework (src/modules): the declarations are
// checked at start-up, every area folder is listed, and only the list imports
// an area (so that nothing outside an area's folder names it).
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gather } from '../src/modules/gather.js'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')
const page = () => Promise.resolve({})

test('declarations are merged: routes, panels per entity, lists, menu by group', () => {
  const r = gather([
    { name: 'a', menu: { group: 'ga', links: [] }, routes: [{ name: 'ra', path: 'a' }], panels: { x: [{ key: 'p', component: page }] }, lists: { x: { treeView: 'parent_id' } } },
    { name: 'b', routes: [{ name: 'rb', path: 'b' }], panels: { x: [{ key: 'q', component: page }] }, widgets: { gauge: page }, portal: [{ name: 'pb', path: 'pb' }] },
  ])
  assert.deepEqual(r.routes.map((x) => x.name), ['ra', 'rb'])
  assert.deepEqual(r.panels.x.map((p) => p.key), ['p', 'q'])
  assert.equal(r.lists.x.treeView, 'parent_id')
  assert.equal(r.byGroup.ga.group, 'ga')
  assert.deepEqual(Object.keys(r.widgets), ['gauge'])
  assert.deepEqual(r.portal.map((p) => p.name), ['pb'])
})

test('two areas claiming the same thing fail loudly, naming both', () => {
  const cases = [
    [{ name: 'a' }, { name: 'a' }, /module "a" is declared by both/],
    [{ name: 'a', menu: { group: 'g' } }, { name: 'b', menu: { group: 'g' } }, /menu group "g" is declared by both "a" and "b"/],
    [{ name: 'a', routes: [{ name: 'r', path: 'x' }] }, { name: 'b', routes: [{ name: 'r', path: 'y' }] }, /route name "r"/],
    [{ name: 'a', routes: [{ name: 'r', path: 'x' }] }, { name: 'b', routes: [{ name: 's', path: 'x' }] }, /route path "x"/],
    [{ name: 'a', panels: { e: [{ key: 'k', component: page }] } }, { name: 'b', panels: { e: [{ key: 'k', component: page }] } }, /panel "e\/k"/],
    [{ name: 'a', lists: { e: {} } }, { name: 'b', lists: { e: {} } }, /list settings of "e"/],
    [{ name: 'a', widgets: { w: page } }, { name: 'b', widgets: { w: page } }, /widget kind "w"/],
    [{ name: 'a', portal: [{ name: 'p', path: 'p' }] }, { name: 'b', portal: [{ name: 'p', path: 'q' }] }, /portal page "p"/],
  ]
  for (const [m1, m2, re] of cases) assert.throws(() => gather([m1, m2]), re)
})

test('a malformed declaration fails instead of being dropped', () => {
  assert.throws(() => gather([{ name: 'a', route: [] }]), /unknown "route"/)
  assert.throws(() => gather([{ menu: { group: 'g' } }]), /without a name/)
  assert.throws(() => gather([{ name: 'a', menu: { icon: null } }]), /menu without a group/)
  assert.throws(() => gather([{ name: 'a', routes: [{ path: 'x' }] }]), /needs a name and a path/)
  assert.throws(() => gather([{ name: 'a', panels: { e: [{ key: 'k' }] } }]), /component loader/)
})

test('every area folder is listed once in src/modules/index.js, under its own name', () => {
  const dirs = fs.readdirSync(path.join(SRC, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
  const list = fs.readFileSync(path.join(SRC, 'modules/index.js'), 'utf8')
  const imported = [...list.matchAll(/from '\.\/([\w-]+)\/index\.js'/g)].map((m) => m[1]).sort()
  assert.deepEqual(imported, dirs)
  for (const d of dirs) {
    const idx = fs.readFileSync(path.join(SRC, 'modules', d, 'index.js'), 'utf8')
    assert.match(idx, new RegExp(`name: '${d}'`), `src/modules/${d}/index.js names itself '${d}'`)
  }
})

test('nothing outside an area folder imports from it, but the list', () => {
  const offenders = []
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) { walk(p); continue }
      if (!/\.(js|vue)$/.test(e.name)) continue
      const rel = path.relative(SRC, p)
      const area = /^modules\/([\w-]+)\//.exec(rel)
      if (rel === 'modules/index.js') continue
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        if (!m[1].startsWith('.')) continue
        const target = path.relative(SRC, path.resolve(path.dirname(p), m[1]))
        const t = /^modules\/([\w-]+)\//.exec(target)
        if (t && (!area || area[1] !== t[1])) offenders.push(`${rel} imports ${target}`)
      }
    }
  }
  walk(SRC)
  assert.deepEqual(offenders, [])
})
