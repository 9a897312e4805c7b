// What the business areas (src/modules/index.js) add to the shell, gathered
// once at start-up by gather.js (which documents an area's declaration), and
// the areas' strings handed to vue-i18n.
import { modules } from './index.js'
import { gather } from './gather.js'
import { i18n } from '../i18n/index.js'
import { addMessageSource } from '../i18n/lazy.js'

const reg = gather(modules)

for (const msg of reg.messages) for (const [lang, tree] of Object.entries(msg)) i18n.global.mergeLocaleMessage(lang, tree)
for (const load of reg.lazy) addMessageSource(load)

export const moduleRoutes = reg.routes
export const detailPanels = reg.panels
export const listSettings = reg.lists
export const treeSettings = reg.trees
export const moduleWidgets = reg.widgets
export const portalPages = reg.portal
// The menu declaration of a server menu group (icon, label, links), or null.
export const menuOf = (group) => reg.byGroup[group] || null
