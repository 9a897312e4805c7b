// The one HTTP client of the console and the portal (docs/api.md).
// Cookie authentication (same origin), X-CSRF-Token on writes,
// Accept-Language on every request, RFC 9457 problems turned into ApiError.
const BASE = '/api/v1'
let csrf = ''
let lang = 'zh-CN'
let unauthorized = null

export function setCsrf(c) { csrf = c || '' }
export function setApiLang(l) { lang = l }
export function onUnauthorized(fn) { unauthorized = fn }

export class ApiError extends Error {
  constructor(status, body, headers) {
    const b = body && typeof body === 'object' ? body : {}
    super(b.detail || b.title || (typeof body === 'string' && body.length < 300 ? body : '') || 'HTTP ' + status)
    this.status = status
    this.body = b
    this.headers = headers || null
    this.errors = Array.isArray(b.errors) ? b.errors : []
  }
}

// Query object → string. Arrays repeat the key (a set filter); empty values are dropped.
export function qs(query) {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) v.forEach((x) => { if (x !== '' && x != null) p.append(k, String(x)) })
    else p.append(k, String(v))
  }
  const s = p.toString()
  return s ? '?' + s : ''
}

export function url(path, query) {
  return BASE + path + qs(query)
}

function headersFor(method, extra) {
  const h = { Accept: 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' }
  if (method !== 'GET' && method !== 'HEAD' && csrf) h['X-CSRF-Token'] = csrf
  return Object.assign(h, extra || {})
}

// raw: fetch and return the Response (for downloads) after the error check.
export async function request(method, path, opts = {}) {
  const { query, body, headers, rawBody, contentType, quiet401, signal } = opts
  const h = headersFor(method, headers)
  let payload
  if (rawBody !== undefined) {
    payload = rawBody
    if (contentType) h['Content-Type'] = contentType
  } else if (body !== undefined) {
    payload = JSON.stringify(body)
    h['Content-Type'] = 'application/json'
  }
  let res
  try {
    res = await fetch(url(path, query), { method, headers: h, body: payload, credentials: 'same-origin', signal })
  } catch (e) {
    if (e && e.name === 'AbortError') throw e
    throw new ApiError(0, { title: '', detail: '' })
  }
  if (!res.ok) {
    let b
    const ct = res.headers.get('Content-Type') || ''
    try { b = ct.includes('json') ? await res.json() : await res.text() } catch (e) { b = null }
    const err = new ApiError(res.status, b, res.headers)
    if (res.status === 401 && !quiet401 && unauthorized) unauthorized(err)
    throw err
  }
  return res
}

export async function api(method, path, opts = {}) {
  const res = await request(method, path, opts)
  if (res.status === 204) return null
  const ct = res.headers.get('Content-Type') || ''
  if (ct.includes('json')) {
    const data = await res.json()
    if (opts.withHeaders) return { data, headers: res.headers }
    return data
  }
  return res.text()
}

export const get = (p, query, o) => api('GET', p, Object.assign({ query }, o))
export const post = (p, body, o) => api('POST', p, Object.assign({ body }, o))
export const patch = (p, body, o) => api('PATCH', p, Object.assign({ body }, o))
export const put = (p, body, o) => api('PUT', p, Object.assign({ body }, o))
export const del = (p, o) => api('DELETE', p, o || {})
