// A record's workflow state and open deadline as a person reads them
// (issue 14 §1): the state's label in a tag coloured by its kind, and the
// countdown the server computed on the one calendar (the browser counts no
// holidays).
import { t, lbl } from '../i18n/index.js'

// Final states that end a matter without doing it (refused, withdrawn ...).
const REFUSED = /(reject|refus|withdraw|cancel|void|dismiss|declin|not_|revok|terminat|abandon|closed_no)/

// { label, type, kind } of state `s` in workflow meta `wf`; kind is one of
// initial, working, final, refused; type an el-tag type.
export function stateInfo(wf, s) {
  if (!wf || !s) return { label: s || '', type: 'info', kind: '' }
  const st = (wf.states || []).find((x) => x.name === s)
  const label = st ? lbl(st.label, s) : s
  let kind = 'working'
  if (st && st.final) kind = REFUSED.test(s) ? 'refused' : 'final'
  else if (wf.initial ? s === wf.initial : wf.states && wf.states[0] && wf.states[0].name === s) kind = 'initial'
  const type = { initial: 'primary', working: 'warning', final: 'success', refused: 'info' }[kind]
  return { label, type, kind }
}

// The deadline kind ("report_due", a case clock "statement#2") in words.
export function deadlineKind(k) {
  if (!k) return t('status.kindDefault')
  const key = 'task.' + String(k).split('#')[0]
  const s = t(key)
  return s === key ? t('status.kindDefault') : s
}

// { text, type } of a row's deadline from the list's `deadlines` answer.
export function countdown(d) {
  if (!d) return null
  if (d.overdue) return { text: t('status.overdueDays', { n: d.left }), type: 'danger' }
  if (d.left <= 0) return { text: t('status.dueToday'), type: 'danger' }
  const text = d.unit === 'working_days' ? t('status.leftWorking', { n: d.left }) : t('status.leftDays', { n: d.left })
  return { text, type: d.left <= 2 ? 'warning' : 'success' }
}
