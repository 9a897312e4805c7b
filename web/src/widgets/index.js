// Dashboard widgets (GET /api/v1/dashboard → widgets[]) are drawn by their
// `kind`; each renderer is a lazy chunk. A business area adds a kind through
// `widgets` in its src/modules/<area>/index.js; it may not replace one of these.
//   table     {title, rows:[{...}], total?, year?}   table; a stacked bar when
//             rows have two text columns and one number (e.g. category × district)
//   list      {title, items:[{entity?, id?, ...}], count?}  linked rows
//   deadlines {title, items:[{entity, id, title, label, due, days_left, overdue}], near_due_days}
//   chart     {title, option} (an ECharts option) or {title, type: bar|pie|line, items:[{label, value}]}
//   kpi       {title, items:[{key, label, done, of, rate_pct} | {key, label, fen, of_fen}], trend?}  leaders' figures
import { moduleWidgets } from '../modules/registry.js'

const coreKinds = {
  table: () => import('./TableWidget.vue'),
  list: () => import('./ListWidget.vue'),
  deadlines: () => import('./DeadlinesWidget.vue'),
  chart: () => import('./ChartWidget.vue'),
  kpi: () => import('./KpiWidget.vue'),
}
for (const k of Object.keys(moduleWidgets)) {
  if (coreKinds[k]) throw new Error(`console modules: widget kind "${k}" is the console's own`)
}
export const widgetKinds = { ...coreKinds, ...moduleWidgets }

// The renderer of a widget: its declared kind, else guessed from its shape.
export function kindOf(w) {
  if (!w || typeof w !== 'object') return null
  if (w.kind && widgetKinds[w.kind]) return w.kind
  if (w.option && typeof w.option === 'object') return 'chart'
  const items = Array.isArray(w.items) ? w.items : Array.isArray(w.data) ? w.data : null
  if (items && items.length && items.every((x) => x && typeof x.value === 'number')) return 'chart'
  if (Array.isArray(w.rows)) return 'table'
  if (items) return 'list'
  return null
}
