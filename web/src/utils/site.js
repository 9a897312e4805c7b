// The bureau and its city (GET /api/v1/public/site, no sign-in), asked once:
// the portal's footer and the head of a printed record name them.
import { reactive } from 'vue'
import { get } from '../api/http.js'

export const site = reactive({ bureau: { zh: '', en: '' }, city: { zh: '', en: '' }, hotline: '12315', loaded: false })
let pending = null

export function loadSite() {
  if (!pending) {
    pending = get('/public/site').then((r) => { Object.assign(site, r || {}, { loaded: true }) }).catch(() => { pending = null })
  }
  return pending
}

// The name in the language shown (the other one when it is missing).
export const siteName = (v, locale) => (v ? (locale === 'en' ? v.en || v.zh : v.zh || v.en) || '' : '')
