// Per-entity additions to the generic list page (/e/:entity, src/views/EntityList.vue),
// declared by the business areas (`lists` and `trees` in src/modules/<area>/index.js):
//
//   treeFilter: 'field'   a left pane (RuoYi's department tree) with the tree of the
//                         entity that ref field points to; clicking a node filters the
//                         list by `field` = the node and its descendants (repeated
//                         keys: a set). The search form then leaves that field out.
//   treeView: 'field'     a list / tree toggle: the rows drawn as a tree table by the
//                         entity's own parent field.
//   links: [{ key, to, title, icon }]  buttons to other views of the same data
//                         (`title`: an i18n key; `icon`: an @element-plus/icons-vue component).
//
// The tree of an entity is built from the ref field that points to the entity
// itself (parent_id); `trees` may name it, and an English label field, explicitly.
import { entityMeta } from '../stores/auth.js'
import { listSettings, treeSettings } from '../modules/registry.js'

// The tree of entity `name`: its parent field, label fields and order; null when
// the user cannot read it or it has no parent field.
export function treeSource(name) {
  const em = entityMeta(name)
  if (!em) return null
  const o = treeSettings[name] || {}
  const self = em.fields.find((f) => f.type === 'ref' && f.ref === name)
  const parent = o.parent || (self && self.name)
  if (!parent) return null
  const label = o.label || em.label_field || 'name'
  const labelEn = o.labelEn || (em.fields.some((f) => f.name === label + '_en') ? label + '_en' : null)
  return { entity: name, em, parent, label, labelEn, sort: o.sort || undefined }
}

// The tree filter of a list: { field, source } or null.
export function listTree(entity) {
  const cfg = listSettings[entity]
  const em = entityMeta(entity)
  if (!cfg || !cfg.treeFilter || !em) return null
  const f = em.fields.find((x) => x.name === cfg.treeFilter)
  if (!f || f.type !== 'ref') return null
  const source = treeSource(f.ref)
  return source ? { field: f.name, fieldMeta: f, source } : null
}

// The tree view of a list: { parent } or null.
export function listTreeView(entity) {
  const cfg = listSettings[entity]
  const em = entityMeta(entity)
  if (!cfg || !cfg.treeView || !em) return null
  const f = em.fields.find((x) => x.name === cfg.treeView)
  return f ? { parent: f.name } : null
}

export const listLinks = (entity) => (listSettings[entity] && listSettings[entity].links) || []

// The tree panes of a list (RuoYi's 部门树, issue 14 §9), each
// { key, field, source, param }:
//  - the declared treeFilter (users, units), else any filterable reference to
//    the administrative divisions (jurisdiction_id of samples, cases ...):
//    picking 包头市 finds its districts' records (`field.under`, server side);
//  - the owning unit (owner_unit_id, every record has one) on business lists,
//    when the user may read units: a unit and its sub-units.
export function listTrees(entity) {
  const em = entityMeta(entity)
  if (!em) return []
  const out = []
  const declared = listTree(entity)
  if (declared) out.push({ key: 'juris', field: declared.field, source: declared.source })
  else {
    const f = em.fields.find((x) => x.type === 'ref' && x.filter && x.ref === 'jurisdictions')
    const source = f && treeSource('jurisdictions')
    if (source) out.push({ key: 'juris', field: f.name, source })
  }
  const business = em.menu !== 'admin'
  const units = business && treeSource('units')
  if (units) out.push({ key: 'unit', field: 'owner_unit_id', source: units, system: true })
  return out
}
