// The user guides and the console's map of them (src/help/guide-map.js):
// every guide exists in zh and en, every section a page links to exists in
// both, and the guides link only to guides and images that exist.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { GUIDES, ADMIN_GUIDE, BASICS } from '../src/help/guide-map.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/guide')
const anchors = (text) => new Set([...text.matchAll(/^#+ .*\{#([a-z0-9-]+)\}\s*$/gm)].map((m) => m[1]))
const read = (lang, file) => fs.readFileSync(path.join(root, lang, file + '.md'), 'utf8')
const all = [...GUIDES, ADMIN_GUIDE, BASICS]

test('every guide exists in zh and en with the anchors its pages point at', () => {
  for (const g of all) {
    for (const lang of ['zh', 'en']) {
      const a = anchors(read(lang, g.file))
      assert.ok(a.has('top'), `${lang}/${g.file}.md: a {#top} title`)
      for (const [page, anchor] of Object.entries(g.pages || {})) {
        assert.ok(a.has(anchor), `${lang}/${g.file}.md has no {#${anchor}} (page ${page})`)
      }
    }
  }
})

test('zh and en guides have the same sections', () => {
  for (const g of all) assert.deepEqual([...anchors(read('en', g.file))].sort(), [...anchors(read('zh', g.file))].sort(), g.file)
})

test('links between guides and to images resolve', () => {
  for (const lang of ['zh', 'en']) {
    for (const f of fs.readdirSync(path.join(root, lang))) {
      const text = fs.readFileSync(path.join(root, lang, f), 'utf8')
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const [file, hash] = m[1].split('#')
        if (/^https?:/.test(file)) continue
        const target = file ? path.resolve(root, lang, file) : path.join(root, lang, f)
        assert.ok(fs.existsSync(target), `${lang}/${f}: ${m[1]} does not exist`)
        if (hash) assert.ok(anchors(fs.readFileSync(target, 'utf8')).has(hash), `${lang}/${f}: no {#${hash}} in ${file || f}`)
      }
    }
  }
})
