// Console routes. Every page but sign-in needs a session; a 401 from any call
// sends the user to sign-in with ?redirect= back to where they were.
import { createRouter, createWebHistory } from 'vue-router'
import { auth, restoreSession, loadMeta, clearSession } from '../stores/auth.js'
import { onUnauthorized } from '../api/http.js'
import { showError } from '../utils/errors.js'
import { moduleRoutes } from '../modules/registry.js'

const MainLayout = () => import('../layouts/MainLayout.vue')

const routes = [
  { path: '/login', name: 'login', component: () => import('../views/Login.vue'), meta: { public: true } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: () => import('../views/Home.vue') },
      { path: 'e/:entity', name: 'list', component: () => import('../views/EntityList.vue') },
      { path: 'e/:entity/new', name: 'new', component: () => import('../views/EntityForm.vue') },
      { path: 'e/:entity/:id(\\d+)', name: 'detail', component: () => import('../views/EntityDetail.vue') },
      { path: 'e/:entity/:id(\\d+)/edit', name: 'edit', component: () => import('../views/EntityForm.vue') },
      { path: 'audit', name: 'audit', component: () => import('../views/AuditLog.vue') },
      { path: 'me/sessions', name: 'sessions', component: () => import('../views/MySessions.vue') },
      { path: 'help/:guide?', name: 'help', component: () => import('../views/HelpView.vue'), meta: { title: 'help.title' } },
      ...moduleRoutes,
      { path: ':pathMatch(.*)*', name: 'notfound', component: () => import('../views/NotFound.vue') },
    ],
  },
]

// A business area's route may not take the name of another page: vue-router
// would silently keep only one of them.
const seen = new Set()
for (const r of routes[1].children) {
  if (seen.has(r.name)) throw new Error(`console modules: route name "${r.name}" is taken`)
  seen.add(r.name)
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!auth.user) {
    try { await restoreSession() } catch (e) { /* network: treat as signed out */ }
    if (!auth.user) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (!auth.meta) {
    try { await loadMeta() } catch (e) { if (e.status !== 401) showError(e) }
  }
  return true
})

let redirecting = false
onUnauthorized(() => {
  const cur = router.currentRoute.value
  clearSession()
  if (redirecting || cur.meta.public) return
  redirecting = true
  const q = { expired: '1' }
  if (cur.fullPath && cur.fullPath !== '/') q.redirect = cur.fullPath
  router.replace({ path: '/login', query: q }).finally(() => { redirecting = false })
})
