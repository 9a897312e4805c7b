// The console's strings hold the same keys in zh-CN and en (issue 13 §8).
// Checks, over src/i18n/{zh-CN,en}.js and every area's src/modules/<area>/
// i18n.js and messages.js and the generated src/i18n/errors.js ({ 'zh-CN': {...}, en: {...} }):
//   1. a key present in one language is present in the other, with the same
//      {placeholders}, and every value is a non-empty string;
//   2. no key is defined by two files (vue-i18n would keep one silently);
//   3. every literal key the code looks up — t('a.b'), $t('a.b'), title: 'a.b'
//      in a route, link or portal page — exists.
// Exit status 1 with one line per problem. Run by `npm run check:i18n` and `make check-web`.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'

const LANGS = ['zh-CN', 'en']

// { 'a.b': 'text' } of a nested message tree; `bad` collects non-strings.
export function flatten(tree, prefix = '', out = {}, bad = []) {
  for (const [k, v] of Object.entries(tree || {})) {
    const key = prefix ? prefix + '.' + k : k
    if (v && typeof v === 'object') flatten(v, key, out, bad)
    else if (typeof v === 'string' && v.trim() !== '') out[key] = v
    else bad.push(key)
  }
  return out
}

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',')

// sources: [{ file, langs: { 'zh-CN': tree, en: tree } }]; used: [{ key, where }].
export function check(sources, used = []) {
  const problems = []
  const owner = new Map() // key → file
  const all = new Set()
  for (const { file, langs } of sources) {
    const flat = {}
    for (const l of LANGS) {
      const bad = []
      flat[l] = flatten(langs[l], '', {}, bad)
      for (const k of bad) problems.push(`${file}: ${l} "${k}" is not a non-empty string`)
      if (!langs[l]) problems.push(`${file}: no ${l} strings`)
    }
    const [a, b] = LANGS
    for (const k of Object.keys(flat[a])) if (!(k in flat[b])) problems.push(`${file}: "${k}" is in ${a} but not in ${b}`)
    for (const k of Object.keys(flat[b])) if (!(k in flat[a])) problems.push(`${file}: "${k}" is in ${b} but not in ${a}`)
    for (const k of Object.keys(flat[a])) {
      if (k in flat[b] && placeholders(flat[a][k]) !== placeholders(flat[b][k])) {
        problems.push(`${file}: "${k}" has placeholders {${placeholders(flat[a][k])}} in ${a} but {${placeholders(flat[b][k])}} in ${b}`)
      }
    }
    for (const k of new Set([...Object.keys(flat[a]), ...Object.keys(flat[b])])) {
      if (owner.has(k)) problems.push(`"${k}" is defined in both ${owner.get(k)} and ${file}`)
      else owner.set(k, file)
      all.add(k)
    }
  }
  // A key may not be both a string and a group of keys in the merged catalogue.
  for (const k of all) {
    const parts = k.split('.')
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join('.')
      if (all.has(p)) problems.push(`"${p}" is a string in ${owner.get(p)} and a group in ${owner.get(k)}`)
    }
  }
  for (const { key, where } of used) if (!all.has(key)) problems.push(`${where}: "${key}" has no string`)
  return problems
}

// Literal keys looked up by the code: t('x.y'), $t('x.y') and `title: 'x.y'`.
export function usedKeys(root) {
  const out = []
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(js|vue)$/.test(e.name) && !/(^|\/)(i18n|messages)\.js$/.test(p) && !p.includes(path.sep + 'i18n' + path.sep)) {
        const text = fs.readFileSync(p, 'utf8')
        // A key followed by `+` is a prefix of computed keys; comments are skipped.
        const re = /(?:\$?\bt\(|\btitle: )'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'(?!\s*\+)/g
        const lines = text.split('\n')
        for (const m of text.matchAll(re)) {
          const line = text.slice(0, m.index).split('\n').length
          if (/^\s*(\/\/|\*)/.test(lines[line - 1])) continue
          out.push({ key: m[1], where: path.relative(root, p) + ':' + line })
        }
      }
    }
  }
  walk(path.join(root, 'src'))
  return out
}

export async function sourcesOf(root) {
  const load = async (p) => (await import(pathToFileURL(p).href)).default
  const src = path.join(root, 'src')
  const sources = [
    { file: 'src/i18n/{zh-CN,en}.js', langs: { 'zh-CN': await load(path.join(src, 'i18n/zh-CN.js')), en: await load(path.join(src, 'i18n/en.js')) } },
    { file: 'src/i18n/errors.js', langs: await load(path.join(src, 'i18n/errors.js')) },
  ]
  const mods = path.join(src, 'modules')
  for (const area of fs.readdirSync(mods, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const f of ['i18n.js', 'messages.js']) {
      const p = path.join(mods, area, f)
      if (fs.existsSync(p)) sources.push({ file: `src/modules/${area}/${f}`, langs: await load(p) })
    }
  }
  return sources
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const sources = await sourcesOf(root)
  const problems = check(sources, usedKeys(root))
  for (const p of problems) console.error('i18n: ' + p)
  const n = sources.reduce((s, x) => s + Object.keys(flatten(x.langs['zh-CN'])).length, 0)
  if (problems.length) {
    console.error(`i18n: ${problems.length} problem(s)`)
    process.exit(1)
  }
  console.log(`i18n: ${n} keys in ${sources.length} files, zh-CN and en alike`)
}
