// Who is signed in, with what permissions, and the entity metadata drawn from
// GET /api/v1/meta. A plain reactive object: the console is small enough.
import { reactive } from 'vue'
import { api, setCsrf } from '../api/http.js'

export const auth = reactive({
  user: null,
  meta: null,
  checked: false, // GET /session was tried once since page load
})

// A hint (not a secret) that this browser signed in: without it a fresh visit
// goes straight to sign-in instead of probing GET /session for a certain 401.
const HINT = 'zj.signedIn'
function hint(on) {
  try { if (on) localStorage.setItem(HINT, '1'); else localStorage.removeItem(HINT) } catch (e) { /* ignore */ }
}
export function maySignedIn() {
  try { return localStorage.getItem(HINT) === '1' } catch (e) { return true }
}

export function setSession(body) {
  setCsrf(body && body.csrf)
  auth.user = body ? body.user : null
  auth.checked = true
  hint(!!auth.user)
}

export function clearSession() {
  setCsrf('')
  auth.user = null
  auth.meta = null
  hint(false)
}

// Re-read the session after a reload (the cookie survives, the csrf token
// does not: GET /session returns it again). Returns true when signed in.
export async function restoreSession() {
  if (!maySignedIn()) { auth.checked = true; return false }
  try {
    const s = await api('GET', '/session', { quiet401: true })
    setSession(s)
    return true
  } catch (e) {
    auth.checked = true
    if (e.status === 401) { clearSession(); return false }
    throw e
  }
}

export async function loadMeta(force) {
  if (auth.meta && !force) return auth.meta
  const m = await api('GET', '/meta')
  m.entities = m.entities || []
  m.dicts = m.dicts || {}
  m.menu = m.menu || []
  auth.meta = m
  return m
}

export function entityMeta(name) {
  return ((auth.meta && auth.meta.entities) || []).find((e) => e.name === name) || null
}

export function dictItems(code) {
  return (auth.meta && auth.meta.dicts && auth.meta.dicts[code]) || []
}

// Whether the user holds a permission (any scope). perms: {"samples.submit":["all"]}.
export function hasPerm(perm) {
  if (!perm) return true
  const p = auth.user && auth.user.perms
  if (!p) return false
  const v = p[perm]
  if (Array.isArray(v)) return v.length > 0 && !(v.length === 1 && v[0] === 'none')
  return !!v && v !== 'none'
}
