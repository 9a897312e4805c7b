// The business areas' strings (modules.zh-CN.js, modules.en.js) are merged
// into vue-i18n when the first page, panel or portal page that needs them
// is loaded: wrap its loader with withMessages().
import { i18n } from './index.js'

let loading = null
export function loadModuleMessages() {
  if (!loading) {
    loading = Promise.all([import('./modules.zh-CN.js'), import('./modules.en.js')]).then(([zh, en]) => {
      i18n.global.mergeLocaleMessage('zh-CN', zh.default)
      i18n.global.mergeLocaleMessage('en', en.default)
    })
    loading.catch(() => { loading = null })
  }
  return loading
}

// () => import('./Page.vue')  →  a loader that also brings the strings.
export const withMessages = (loader) => () => Promise.all([loader(), loadModuleMessages()]).then(([m]) => m)
