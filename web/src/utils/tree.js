// Trees built client-side from rows that name their parent (jurisdictions by
// parent_id, units by parent_id), and every row of a list fetched by pages.
import { get } from '../api/http.js'

// Every row of GET /{entity} for a query, 500 a page, up to `cap` rows.
// → { items, truncated }
export async function fetchAll(entity, query = {}, cap = 5000) {
  const items = []
  let cursor
  for (;;) {
    const res = await get('/' + entity, Object.assign({}, query, { limit: 500, cursor }))
    for (const r of res.items || []) items.push(r)
    cursor = res.next || null
    if (!cursor || items.length >= cap) break
  }
  return { items, truncated: !!cursor }
}

// Rows → forest, keeping the rows' order among siblings. A row whose parent is
// not among the rows (not readable, filtered out, or a cycle) is a root.
// make(row) gives the node; children go under `children` (absent on leaves).
export function buildTree(rows, parentField, make = (r) => Object.assign({}, r)) {
  const byId = new Map()
  for (const r of rows) byId.set(r.id, { row: r, node: make(r), kids: [] })
  // A parent chain that comes back to where it started makes a cycle: cut it there.
  const parentOf = (id) => {
    const e = byId.get(id)
    const p = e && e.row[parentField]
    return p != null && p !== id && byId.has(p) ? p : null
  }
  const inCycle = (id) => {
    const seen = new Set([id])
    for (let p = parentOf(id); p != null; p = parentOf(p)) {
      if (seen.has(p)) return p === id
      seen.add(p)
    }
    return false
  }
  const roots = []
  for (const r of rows) {
    const p = parentOf(r.id)
    if (p == null || inCycle(r.id)) roots.push(byId.get(r.id).node)
    else byId.get(p).kids.push(byId.get(r.id).node)
  }
  for (const e of byId.values()) if (e.kids.length) e.node.children = e.kids
  return roots
}

// The ids of a node and all of its descendants.
export function subtreeIds(node) {
  const out = []
  const walk = (n) => { out.push(n.id); (n.children || []).forEach(walk) }
  walk(node)
  return out
}

// The chain of ids from a root down to `id` (inclusive), from the rows.
export function pathTo(rows, parentField, id) {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const out = []
  const seen = new Set()
  for (let cur = byId.get(id); cur && !seen.has(cur.id); cur = byId.get(cur[parentField])) {
    seen.add(cur.id)
    out.unshift(cur.id)
  }
  return out
}
