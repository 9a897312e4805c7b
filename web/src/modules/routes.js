// Module pages: routes under the signed-in layout (src/router/index.js). Each
// page is a lazy chunk loaded with the business areas' strings. This file is
// part of the first screen: keep it to route entries.
import { withMessages } from '../i18n/lazy.js'
import { allJobs } from './menu.js'

export const routes = [
  {
    path: 'food/results-entry', name: 'food-results-entry', meta: { title: 'food.entry.title', group: 'food' },
    component: withMessages(() => import('./food/ResultEntry.vue')),
  },
  {
    path: 'cases/:id(\\d+)/consultation', name: 'case-consultation', meta: { title: 'cases.consult.title', group: 'cases', entity: 'cases' },
    component: withMessages(() => import('./cases/ConsultationScreen.vue')),
  },
  // Administration (issue 4 §5): background jobs (each user's own; all with
  // jobs.read:all) and the working-day calendar over the holidays entity.
  {
    path: 'jobs', name: 'jobs', meta: { title: () => (allJobs() ? 'menu.jobs' : 'user.jobs'), group: 'admin' },
    component: withMessages(() => import('./admin/JobsPage.vue')),
  },
  {
    path: 'jobs/:id(\\d+)', name: 'job', meta: { title: 'admin.jobs.detailTitle', group: 'admin', menu: '/jobs', parent: { title: () => (allJobs() ? 'menu.jobs' : 'user.jobs'), to: '/jobs' } },
    component: withMessages(() => import('./admin/JobDetail.vue')),
  },
  {
    path: 'admin/calendar', name: 'calendar', meta: { title: 'menu.calendar', group: 'admin' },
    component: withMessages(() => import('./admin/CalendarPage.vue')),
  },
]
