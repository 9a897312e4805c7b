// Records by stage (issue 14 §5): the workflow's states in order and the stage
// of each field, both from /meta (state.step: the state's place after every
// state that can lead to it; field.stage: the state from which the record
// has the field). A field of a later stage is not shown, nor asked for,
// before the record reaches it.

const empty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)

export function stateOf(em, name) {
  const wf = em && em.workflow
  return (wf && (wf.states || []).find((s) => s.name === name)) || null
}

export function isFinal(em, state) {
  const s = stateOf(em, state)
  return !!(s && s.final)
}

// Whether the record (null: a new one) has reached the stage of field f.
export function reached(em, f, row) {
  const wf = em && em.workflow
  if (!wf || !f.stage) return true
  if (!row) return f.stage === wf.initial
  if (!empty(row[f.name])) return true
  const st = stateOf(em, f.stage)
  const cur = stateOf(em, row.state)
  return !st || !cur || st.step <= cur.step
}

// The fields of the record grouped by stage, in the order of the steps:
// [{stage, fields}], only the stages reached.
export function fieldsByStage(em, fields, row) {
  const wf = em && em.workflow
  if (!wf) return [{ stage: null, fields }]
  const groups = new Map()
  for (const f of fields) {
    if (!reached(em, f, row)) continue
    const k = f.stage || wf.initial
    if (!groups.has(k)) groups.set(k, [])
    groups.get(k).push(f)
  }
  const stepOf = (k) => (stateOf(em, k) || { step: 0 }).step
  return [...groups.entries()].sort((a, b) => stepOf(a[0]) - stepOf(b[0])).map(([stage, fs]) => ({ stage, fields: fs }))
}

// The step bar: one state per step on the way (the record's own where it
// stands), then the end it reached or the usual end. {states, active, done}
export function stepBar(em, state) {
  const wf = em && em.workflow
  if (!wf) return { states: [], active: 0, done: false }
  const cur = stateOf(em, state)
  const byStep = new Map()
  for (const s of wf.states) {
    if (s.final || s.step < 0) continue
    if (!byStep.has(s.step) || s.name === state) byStep.set(s.step, s)
  }
  let states = [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s)
  if (cur && cur.final) {
    states = states.filter((s) => s.step < cur.step).concat([cur])
    return { states, active: states.length - 1, done: true }
  }
  const ends = wf.states.filter((s) => s.final).sort((a, b) => b.step - a.step)
  if (ends.length) states.push(ends[0])
  const active = Math.max(0, states.findIndex((s) => s.name === state))
  return { states, active, done: false }
}
