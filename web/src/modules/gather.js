// What the business areas (src/modules/index.js) add to the shell, gathered
// once at start-up. An area's index.js default-exports:
//
//   name        'food' — the folder's name
//   menu        { group, icon, label: {zh, en}, links: [{ name, path, title, when? }] }
//               `group` is the server's meta.menu group (GET /api/v1/meta) the area
//               draws into; `icon` an @element-plus/icons-vue component; `label`
//               a fallback when the server sends none; `links` pages added to the
//               group after its entities (`title` an i18n key, `when()` a guard).
//   routes      [vue-router records] under the signed-in layout; meta.title an
//               i18n key (or a function giving one), meta.group the menu group.
//   panels      { entity: [{ key, component, hideFields?, when?(row) }] } on the
//               generic detail page, between the record and its history; a panel
//               gets props { entity, em, row } and may emit `changed`.
//   lists       { entity: { treeFilter?, treeView?, links? } } on the generic list
//               page (see src/utils/lists.js).
//   trees       { entity: { parent, label, labelEn, sort } } how an entity's own
//               tree is drawn when the defaults do not fit.
//   widgets     { kind: () => import('./XWidget.vue') } dashboard renderers.
//   portal      [{ path, name, title, nav, component }] public portal pages.
//   messages    { 'zh-CN': {...}, en: {...} } strings needed before any page of
//               the area loads (menu titles, portal navigation, dashboard columns).
//   lazyMessages () => import('./messages.js') the pages' strings, same shape,
//               loaded with the first lazy page (wrap loaders with withMessages()).
//
// Two areas claiming the same thing (a route name or path, a panel key of an
// entity, an entity's list settings, a widget kind, a portal page, a menu
// group) is a programming error: start-up fails with a message naming both,
// instead of one silently replacing the other.

const KNOWN = new Set(['name', 'menu', 'routes', 'panels', 'lists', 'trees', 'widgets', 'portal', 'messages', 'lazyMessages'])

function fail(msg) {
  throw new Error('console modules: ' + msg)
}

// Record `key` as claimed by module `m` in `seen`; a second claim fails.
function claim(seen, what, key, m) {
  if (seen.has(key)) fail(`${what} "${key}" is declared by both "${seen.get(key)}" and "${m.name}"`)
  seen.set(key, m.name)
}

export function gather(list) {
  const out = { byGroup: {}, routes: [], panels: {}, lists: {}, trees: {}, widgets: {}, portal: [], messages: [], lazy: [] }
  const names = new Map(), groups = new Map(), routeNames = new Map(), routePaths = new Map()
  const panelKeys = new Map(), listed = new Map(), treed = new Map(), kinds = new Map(), pages = new Map()
  for (const m of list) {
    if (!m || typeof m.name !== 'string' || !m.name) fail('a module without a name: ' + JSON.stringify(m))
    claim(names, 'module', m.name, m)
    for (const k of Object.keys(m)) if (!KNOWN.has(k)) fail(`module "${m.name}" declares unknown "${k}"`)
    if (m.menu) {
      if (!m.menu.group) fail(`module "${m.name}": menu without a group`)
      claim(groups, 'menu group', m.menu.group, m)
      out.byGroup[m.menu.group] = m.menu
    }
    for (const r of m.routes || []) {
      if (!r.name || !r.path) fail(`module "${m.name}": a route needs a name and a path`)
      claim(routeNames, 'route name', r.name, m)
      claim(routePaths, 'route path', r.path, m)
      out.routes.push(r)
    }
    for (const [entity, ps] of Object.entries(m.panels || {})) {
      for (const p of ps) {
        if (!p.key || typeof p.component !== 'function') fail(`module "${m.name}": a panel of "${entity}" needs a key and a component loader`)
        claim(panelKeys, 'panel', entity + '/' + p.key, m)
        ;(out.panels[entity] = out.panels[entity] || []).push(p)
      }
    }
    for (const [entity, cfg] of Object.entries(m.lists || {})) { claim(listed, 'list settings of', entity, m); out.lists[entity] = cfg }
    for (const [entity, cfg] of Object.entries(m.trees || {})) { claim(treed, 'tree settings of', entity, m); out.trees[entity] = cfg }
    for (const [kind, loader] of Object.entries(m.widgets || {})) {
      if (typeof loader !== 'function') fail(`module "${m.name}": widget "${kind}" needs a component loader`)
      claim(kinds, 'widget kind', kind, m)
      out.widgets[kind] = loader
    }
    for (const p of m.portal || []) {
      if (!p.name || typeof p.path !== 'string') fail(`module "${m.name}": a portal page needs a name and a path`)
      claim(pages, 'portal page', p.name, m)
      out.portal.push(p)
    }
    if (m.messages) out.messages.push(m.messages)
    if (m.lazyMessages) out.lazy.push(m.lazyMessages)
  }
  return out
}
