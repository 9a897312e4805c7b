// Shared by the jobs list and a job's page: labels, tag types and progress.
import { t, lbl } from '../../i18n/index.js'
import { auth, entityMeta } from '../../stores/auth.js'

// Everyone's jobs (jobs.read with scope all); the others reach their own from the user menu.
export const allJobs = () => !!(auth.meta && auth.meta.features && auth.meta.features.jobs) &&
  ((auth.user && auth.user.perms && auth.user.perms['jobs.read']) || []).includes('all')

export const ACTIVE = ['queued', 'running']
export const isActive = (j) => !!j && ACTIVE.includes(j.state)

const TAGS = { queued: 'info', running: 'primary', done: 'success', failed: 'danger' }
export const stateType = (s) => TAGS[s] || 'info'
export const stateText = (s) => (TAGS[s] ? t('admin.jobs.states.' + s) : s || t('common.unknown'))
export const kindText = (k) => (['import', 'export'].includes(k) ? t('admin.jobs.kinds.' + k) : k || '')
export function entityText(name) {
  const em = name && entityMeta(name)
  return em ? lbl(em.label, name) : name || ''
}

// Percentage of done/total (a finished job without a total is full).
export function percent(j) {
  if (!j) return 0
  if (!j.total) return j.state === 'done' || j.state === 'failed' ? 100 : 0
  return Math.min(100, Math.round(((j.done || 0) * 100) / j.total))
}
export const progressStatus = (j) => (j && j.state === 'done' ? 'success' : j && j.state === 'failed' ? 'exception' : undefined)
