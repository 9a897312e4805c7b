// Names of entities and of their workflow steps, for pages that name records
// of entities the user does not read (the permission matrix, the audit log):
// GET /api/v1/meta `names` carries every entity's name and steps (issue 14 §2).
import { auth, entityMeta } from '../stores/auth.js'
import { lbl, t } from '../i18n/index.js'

const names = () => (auth.meta && auth.meta.names) || {}

// "cases" → 案件 / Cases; the code only when nothing names it.
export function entityNameOf(n) {
  const e = n && entityMeta(n)
  if (e) return lbl(e.label, n)
  const x = n && names()[n]
  if (x) return lbl(x.label, n)
  const k = 'words.obj.' + n // platform objects: the audit log, jobs, sessions
  const s = n ? t(k) : ''
  return s && s !== k ? s : n || ''
}

// A workflow step by name: of `entity` when given, else of whichever entity has it.
export function stepNameOf(step, entity) {
  const all = names()
  const own = entity && all[entity] && all[entity].steps && all[entity].steps[step]
  if (own) return lbl(own, step)
  for (const k of Object.keys(all)) {
    const s = all[k].steps && all[k].steps[step]
    if (s) return lbl(s, step)
  }
  return ''
}

// A permission's action ("read", "t.approve_filing", "reset_password") in words.
export function permActionName(a, entity) {
  const k = 'perm.actions.' + a
  const s = t(k)
  if (s !== k) return s
  if (a.startsWith('t.')) return stepNameOf(a.slice(2), entity) || a
  const w = 'words.perm.' + a
  const x = t(w)
  return x !== w ? x : a
}
