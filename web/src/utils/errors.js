// Turning API errors into readable, localised messages.
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { ApiError } from '../api/http.js'
import { t } from '../i18n/index.js'

const BY_STATUS = { 403: 'err.forbidden', 404: 'err.notFound', 409: 'err.conflict', 412: 'err.stale', 413: 'err.tooLarge', 422: 'err.invalid', 429: 'err.rate' }

export function errorText(e) {
  if (!(e instanceof ApiError)) return (e && e.message) || String(e)
  if (e.status === 0) return t('err.network')
  const b = e.body || {}
  if (b.detail && b.detail !== b.title) return b.title ? b.title + ':' + b.detail : b.detail
  if (b.title) return b.title
  if (e.status >= 500) return t('err.server')
  return BY_STATUS[e.status] ? t(BY_STATUS[e.status]) : t('err.http', { status: e.status })
}

// The message for one {field, message, code} item of a 422.
export function fieldErrorText(fe) {
  if (!fe) return ''
  if (fe.message) return fe.message
  if (fe.code) return t('errc.' + fe.code)
  return t('err.invalid')
}

export function showError(e) {
  if (e && e.name === 'AbortError') return
  ElMessage({ type: 'error', message: errorText(e), showClose: true, duration: 5000 })
}

export function showOk(msg) {
  ElMessage({ type: 'success', message: msg, duration: 2000 })
}
