// Administration (issue 4 §5): users, units and jurisdictions with their tree,
// the role × permission matrix, background jobs (each user's own; everyone's
// with jobs.read:all) and the working-day calendar over the holidays entity.
import { Setting, Calendar, Collection } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { entityMeta } from '../../stores/auth.js'
import { allJobs } from './jobs.js'
import messages from './i18n.js'

const jobsTitle = () => (allJobs() ? 'menu.jobs' : 'user.jobs')

export default {
  name: 'admin',
  menu: {
    group: 'admin', icon: Setting, label: { zh: '系统管理', en: 'Administration' },
    links: [
      { name: 'calendar', path: '/admin/calendar', title: 'menu.calendar', when: () => !!entityMeta('holidays') },
      { name: 'jobs', path: '/jobs', title: 'menu.jobs', when: allJobs },
      { name: 'dicts', path: '/admin/dicts', title: 'console9.dictTitle', when: () => !!entityMeta('dict_items') },
      { name: 'permissions', path: '/admin/permissions', title: 'menu.permissions', when: () => !!entityMeta('role_grants') },
    ],
  },
  routes: [
    {
      path: 'jobs', name: 'jobs', meta: { title: jobsTitle, group: 'admin' },
      component: withMessages(() => import('./JobsPage.vue')),
    },
    {
      path: 'jobs/:id(\\d+)', name: 'job', meta: { title: 'admin.jobs.detailTitle', group: 'admin', menu: '/jobs', parent: { title: jobsTitle, to: '/jobs' } },
      component: withMessages(() => import('./JobDetail.vue')),
    },
    {
      path: 'admin/calendar', name: 'calendar', meta: { title: 'menu.calendar', group: 'admin' },
      component: withMessages(() => import('./CalendarPage.vue')),
    },
    {
      path: 'admin/dicts', name: 'dicts', meta: { title: 'console9.dictTitle', group: 'admin' },
      component: () => import('./DictPage.vue'),
    },
    {
      path: 'admin/permissions', name: 'permissions', meta: { title: 'menu.permissions', group: 'admin' },
      component: () => import('./RolePerms.vue'),
    },
  ],
  lists: {
    users: { treeFilter: 'jurisdiction_id' },
    units: { treeFilter: 'jurisdiction_id', treeView: 'parent_id' },
    jurisdictions: { treeView: 'parent_id' },
    holidays: { links: [{ key: 'calendar', to: '/admin/calendar', title: 'menu.calendar', icon: Calendar }] },
    dict_items: { links: [{ key: 'dicts', to: '/admin/dicts', title: 'console9.dictTitle', icon: Collection }] },
  },
  trees: {
    jurisdictions: { parent: 'parent_id', label: 'name', labelEn: 'name_en', sort: 'code' },
  },
  messages,
  lazyMessages: () => import('./messages.js'),
}
