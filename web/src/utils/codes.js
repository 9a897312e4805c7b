// Names of codes kept in a text field (meta `codes_of`: a sample's test items
// are analyte codes, "so2,lead"): loaded once per entity, shown by name in
// the user's language; the code only when it is unknown.
import { reactive } from 'vue'
import { get } from '../api/http.js'
import { currentLang } from '../i18n/index.js'

const names = reactive({}) // entity → { code: { zh, en } }
const asked = new Set()

async function load(entity) {
  asked.add(entity)
  const map = {}
  try {
    let cursor = null
    for (let i = 0; i < 20; i++) {
      const r = await get('/' + entity, { limit: 500, cursor: cursor || undefined })
      for (const x of r.items || []) if (x.code) map[x.code] = { zh: x.name || x.code, en: x.name_en || x.name || x.code }
      cursor = r.next
      if (!cursor) break
    }
  } catch (e) { /* not readable: the codes stay */ }
  names[entity] = map
}

export function codeName(entity, code) {
  if (!asked.has(entity)) load(entity)
  if (!names[entity]) return '' // loading: no code flashes before its name
  const n = names[entity][code]
  return n ? (currentLang() === 'en' ? n.en : n.zh) : code
}
