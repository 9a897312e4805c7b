// Field helpers drawn from the metadata: labels, display values, form values
// to and from the wire, and client-side validation rules that mirror the
// server's (required, min_len/max_len, pattern, min/max, types).
import { t, lbl, currentLang } from '../i18n/index.js'
import { dictItems } from '../stores/auth.js'
import { formatDatetime } from './time.js'
import { codeName } from './codes.js'
import { fenToYuan, yuanToFen, groupYuan, cmpDecimal, YUAN_RE } from './money.js'

export const SYSTEM_FIELDS = ['id', 'version', 'created_at', 'updated_at', 'created_by']

export function fieldLabel(f) {
  if (!f) return ''
  if (typeof f === 'string') return t('sys.' + f)
  return lbl(f.label, f.name)
}

export function sysField(name) {
  return { name, type: name.endsWith('_at') ? 'datetime' : name === 'created_by' ? 'text' : 'int', label: null, system: true, readonly: true }
}

export function labelOf(f) {
  return f.system ? t('sys.' + f.name) : fieldLabel(f)
}

// Multi-value dictionary fields: JSON arrays on the wire; a comma-joined string is accepted too.
export function splitMulti(v) {
  if (v === null || v === undefined || v === '') return []
  if (Array.isArray(v)) return v.map(String)
  return String(v).split(',').map((s) => s.trim()).filter(Boolean)
}

export function dictLabel(dict, code) {
  const it = dictItems(dict).find((d) => String(d.code) === String(code))
  return it ? lbl(it.label, String(code)) : String(code)
}

// Datetimes in Asia/Shanghai: one helper (src/utils/time.js).
export { formatDatetime }

// A plain-text display of a value of field f in row (rows carry <ref>__label).
export function displayValue(f, v, row) {
  if (v === null || v === undefined || v === '') {
    return ''
  }
  switch (f.type) {
    case 'money': return groupYuan(fenToYuan(v))
    case 'bool': return v === true || v === 1 || v === '1' || v === 'true' ? t('common.yes') : t('common.no')
    case 'dict': return splitMulti(v).map((c) => dictLabel(f.dict, c)).join('、')
    case 'ref': return refLabel(f, row) || t('auditAct.recordNo', { n: v })
    case 'datetime': return formatDatetime(v)
    case 'json': return typeof v === 'string' ? v : JSON.stringify(v)
    case 'file': return v && typeof v === 'object' ? v.name || v.sha256 : String(v)
    case 'text': if (f.codes_of) return splitMulti(v).map((c) => codeName(f.codes_of, c)).filter(Boolean).join(currentLang() === 'en' ? ', ' : '、') // fallthrough
    default: return f.unit && (f.type === 'int' || f.type === 'decimal') ? String(v) + ' ' + unitLabel(f.unit) : String(v)
  }
}

// A reference's label in the user's language: rows carry <ref>__label_en
// where the referenced entity has an English name (districts, units, roles).
export function refLabel(f, row) {
  if (!row) return ''
  const name = typeof f === 'string' ? f : f.name
  return (currentLang() === 'en' && row[name + '__label_en']) || row[name + '__label'] || ''
}

// A declared unit (day, batch, percent, byte ...) in the user's language.
export function unitLabel(u) {
  if (!u) return ''
  const k = 'units.' + u
  const s = t(k)
  return s === k ? u : s
}

// Wire value → form model value.
export function toForm(f, v) {
  switch (f.type) {
    case 'money': return fenToYuan(v)
    case 'bool': return v === true || v === 1 || v === '1' || v === 'true'
    case 'dict': return f.multi ? splitMulti(v) : (v === null || v === undefined ? '' : String(v))
    case 'ref': return v === null || v === undefined || v === '' ? null : v
    case 'int': return v === null || v === undefined ? '' : String(v)
    case 'json': return v === null || v === undefined ? '' : (typeof v === 'string' ? v : JSON.stringify(v, null, 2))
    case 'datetime': return v || null
    case 'file': return v && typeof v === 'object' ? v : null
    default: return v === null || v === undefined ? '' : String(v)
  }
}

// Form model value → wire value (null for empty). `like` is the value as it
// came from the server, so that a multi-dict goes back in the same shape
// (an array unless the server sent a comma-joined string).
export function toWire(f, v, like) {
  const empty = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
  if (f.type === 'bool') return !!v
  if (empty) return null
  switch (f.type) {
    case 'money': return yuanToFen(v)
    case 'int': {
      const n = Number(String(v).trim())
      return Number.isSafeInteger(n) ? n : String(v).trim()
    }
    case 'decimal': return String(v).trim()
    case 'dict': return f.multi ? (typeof like === 'string' ? v.join(',') : v.slice()) : v
    case 'json': try { return JSON.parse(v) } catch (e) { return v }
    case 'datetime': {
      const d = v instanceof Date ? v : new Date(v)
      return isNaN(d.getTime()) ? String(v) : d.toISOString().replace(/\.\d{3}Z$/, 'Z')
    }
    case 'text': return String(v).trim() === '' ? null : String(v)
    default: return v
  }
}

// Equality of two wire values for the conflict dialog and dirty tracking.
export function sameValue(f, a, b) {
  const n = (x) => (x === undefined || x === '' ? null : x)
  a = n(a); b = n(b)
  if (f && f.type === 'dict' && f.multi) return splitMulti(a).sort().join(',') === splitMulti(b).sort().join(',')
  if (a === null || b === null) return a === b
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  return String(a) === String(b)
}

// POSIX ERE bracket classes have no JavaScript spelling: translate the common ones.
function jsPattern(p) {
  return p
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:alpha:\]/g, 'A-Za-z')
    .replace(/\[:alnum:\]/g, 'A-Za-z0-9')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:space:\]/g, '\\s')
    .replace(/\[:xdigit:\]/g, '0-9A-Fa-f')
}

function patternOf(f) {
  if (!f.pattern) return null
  try { return new RegExp(jsPattern(f.pattern)) } catch (e) { return null }
}

const INT_RE = /^-?\d+$/
const DEC_RE = /^-?\d+(\.\d+)?$/
const has = (x) => x !== null && x !== undefined && x !== ''

// Element Plus (async-validator) rules for a field.
export function fieldRules(f) {
  const label = fieldLabel(f)
  const rules = []
  if (f.required && f.type !== 'bool') {
    rules.push({
      required: true, // marks the item with an asterisk; the validator below gives the message
      validator: (_r, v, cb) => {
        const empty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
        cb(empty ? new Error(t('form.required', { label })) : undefined)
      },
      trigger: f.type === 'text' || f.type === 'int' || f.type === 'money' || f.type === 'decimal' ? 'blur' : 'change',
    })
  }
  const re = patternOf(f)
  rules.push({
    trigger: 'blur',
    validator: (_r, v, cb) => {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return cb()
      const s = typeof v === 'string' ? v : String(v)
      if (f.type === 'text') {
        const n = [...s].length
        if (has(f.min_len) && has(f.max_len) && f.min_len === f.max_len && n !== f.min_len) return cb(new Error(t('form.lenEq', { label, n: f.min_len })))
        if (has(f.min_len) && n < f.min_len) return cb(new Error(t('form.minLen', { label, n: f.min_len })))
        if (has(f.max_len) && f.max_len > 0 && n > f.max_len) return cb(new Error(t('form.maxLen', { label, n: f.max_len })))
        if (re && !re.test(s)) return cb(new Error(t('form.pattern', { label })))
      }
      if (f.type === 'int') {
        if (!INT_RE.test(s.trim())) return cb(new Error(t('form.int', { label })))
        if (has(f.min) && cmpDecimal(s, f.min) < 0) return cb(new Error(t('form.min', { label, n: f.min })))
        if (has(f.max) && cmpDecimal(s, f.max) > 0) return cb(new Error(t('form.max', { label, n: f.max })))
      }
      if (f.type === 'decimal') {
        if (!DEC_RE.test(s.trim())) return cb(new Error(t('form.decimal', { label })))
        if (has(f.min) && cmpDecimal(s, f.min) < 0) return cb(new Error(t('form.min', { label, n: f.min })))
        if (has(f.max) && cmpDecimal(s, f.max) > 0) return cb(new Error(t('form.max', { label, n: f.max })))
        if (re && !re.test(s)) return cb(new Error(t('form.pattern', { label })))
      }
      if (f.type === 'money') {
        const y = s.trim().replace(/,/g, '')
        if (!YUAN_RE.test(y)) return cb(new Error(t('form.money', { label })))
        const fen = String(yuanToFen(y))
        if (has(f.min) && cmpDecimal(fen, f.min) < 0) return cb(new Error(t('form.min', { label, n: fenToYuan(f.min) })))
        if (has(f.max) && cmpDecimal(fen, f.max) > 0) return cb(new Error(t('form.max', { label, n: fenToYuan(f.max) })))
      }
      if (f.type === 'json') {
        try { JSON.parse(s) } catch (e) { return cb(new Error(t('form.json', { label }))) }
      }
      cb()
    },
  })
  return rules
}

// Fields the user edits in a form: declared, not readonly, not derived by
// the server from another field (an evidence item's hash from its file).
export function editableFields(em) {
  return (em.fields || []).filter((f) => !f.readonly && !f.derived && f.type !== 'secret')
}

export function rowTitle(em, row) {
  if (!row) return ''
  for (const k of ['name', 'title', 'code', 'username']) if (row[k]) return String(row[k])
  const f = (em.fields || []).find((x) => x.type === 'text' && row[x.name])
  return f ? String(row[f.name]) : t('auditAct.recordNo', { n: row.id })
}
