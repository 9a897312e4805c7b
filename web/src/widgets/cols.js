// Column helpers shared by the table and list widgets: a label for a key
// (widget.col.<key> when the console knows it, else the key), and how a
// cell is shown (workflow states and dictionary codes by their labels).
import { t, lbl } from '../i18n/index.js'
import { entityMeta } from '../stores/auth.js'

export function colLabel(key, widget) {
  const given = widget && widget.columns && widget.columns.find && widget.columns.find((c) => c && c.name === key)
  if (given && given.label) return lbl(given.label, key)
  const k = 'widget.col.' + key
  const s = t(k)
  return s === k ? key : s
}

export function cellText(key, v, row) {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') return lbl(v, JSON.stringify(v))
  if (key === 'state' && row && row.entity) {
    const em = entityMeta(row.entity)
    const st = em && em.workflow && (em.workflow.states || []).find((s) => s.name === v)
    if (st) return lbl(st.label, v)
  }
  return String(v)
}

export const HIDDEN = new Set(['entity', 'id', 'overdue'])
