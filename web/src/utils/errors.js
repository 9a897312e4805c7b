// Turning API errors into readable, localised messages. The server's own
// title and messages come first: they are in the caller's language already
// and often name the rule that was applied. Then the console's words: for a
// problem type (`errp.<slug>`) and a field-error code (`errc.<code>`), both
// generated from the server's table (src/core/problems.h → src/i18n/errors.js),
// and by HTTP status (`err.<status>`, src/i18n/{zh-CN,en}.js) for an answer
// that is not one of ours (a proxy's 502, no network).
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { ApiError } from '../api/http.js'
import { t, te } from '../i18n/index.js'

// The console's text for a problem status, or null.
export function problemText(status) {
  const k = 'err.' + status
  return te(k) ? t(k) : null
}

// The slug of a problem's stable type URI (…/problems/<slug>), or null.
export function problemSlug(type) {
  const m = /\/problems\/([a-z0-9-]+)$/.exec(type || '')
  return m ? m[1] : null
}

// The console's title for a problem type, or null.
export function problemTypeText(type) {
  const slug = problemSlug(type)
  const k = slug && 'errp.' + slug.replace(/-/g, '_')
  return k && te(k) ? t(k) : null
}

export function errorText(e) {
  if (!(e instanceof ApiError)) return (e && e.message) || String(e)
  if (e.status === 0) return problemText(0)
  const b = e.body || {}
  if (b.detail && b.detail !== b.title) return b.title ? b.title + ':' + b.detail : b.detail
  if (b.title) return b.title
  return problemTypeText(b.type) || problemText(e.status) || (e.status >= 500 ? problemText(500) : t('err.http', { status: e.status }))
}

// The message for one {field, message, code} item of a 422: the server's
// message, else the console's word for the code, else "invalid".
export function fieldErrorText(fe) {
  if (!fe) return ''
  if (fe.message) return fe.message
  if (fe.code && te('errc.' + fe.code)) return t('errc.' + fe.code)
  return problemText(422)
}

export function showError(e) {
  if (e && e.name === 'AbortError') return
  ElMessage({ type: 'error', message: errorText(e), showClose: true, duration: 5000 })
}

export function showOk(msg) {
  ElMessage({ type: 'success', message: msg, duration: 2000 })
}
