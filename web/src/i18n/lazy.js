// The business areas' page strings (src/modules/<area>/messages.js) are merged
// into vue-i18n when the first page, panel or portal page that needs them is
// loaded: wrap its loader with withMessages(). The areas register their
// sources at start-up (src/modules/registry.js); all are loaded together, as
// pages of one area show another's (e.g. a complaint's clocks).
import { i18n } from './index.js'

const sources = []
let loading = null

// load: () => import('./messages.js'), a module whose default is { 'zh-CN': {...}, en: {...} }.
export function addMessageSource(load) {
  sources.push(load)
  loading = null
}

export function loadModuleMessages() {
  if (!loading) {
    loading = Promise.all(sources.map((load) => load())).then((mods) => {
      for (const m of mods) for (const [lang, tree] of Object.entries(m.default)) i18n.global.mergeLocaleMessage(lang, tree)
    })
    loading.catch(() => { loading = null })
  }
  return loading
}

// () => import('./Page.vue')  →  a loader that also brings the strings.
export const withMessages = (loader) => () => Promise.all([loader(), loadModuleMessages()]).then(([m]) => m)
