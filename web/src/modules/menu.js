// Links to module pages added to a meta.menu group (src/layouts/MainLayout.vue)
// when `when()` holds; `title` is an i18n key of the core files.
import { auth, hasPerm, entityMeta } from '../stores/auth.js'

// Everyone's jobs (jobs.read with scope all); the others reach their own from the user menu.
export const allJobs = () => !!(auth.meta && auth.meta.features && auth.meta.features.jobs) &&
  ((auth.user && auth.user.perms && auth.user.perms['jobs.read']) || []).includes('all')

export const menuLinks = [
  { group: 'food', name: 'food-results-entry', path: '/food/results-entry', title: 'food.entry.menu', when: () => hasPerm('results.create') },
  { group: 'admin', name: 'calendar', path: '/admin/calendar', title: 'menu.calendar', when: () => !!entityMeta('holidays') },
  { group: 'admin', name: 'jobs', path: '/jobs', title: 'menu.jobs', when: allJobs },
]
