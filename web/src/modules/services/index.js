// Services to enterprises and parks (企业服务): the service report (by kind,
// by size, on-time share against the published commitments), a service
// request's life on its page, and the public list of commitments on the
// portal. Every entity's list, form and detail page is the generic one.
import { Service } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { hasPerm } from '../../stores/auth.js'
import messages from './i18n.js'

export default {
  name: 'services',
  menu: {
    group: 'services', icon: Service, label: { zh: '企业服务', en: 'Enterprise services' },
    links: [{ name: 'svc-report', path: '/services/report', title: 'services.report.menu', when: () => hasPerm('service_requests.read') }],
  },
  routes: [
    {
      path: 'services/report', name: 'svc-report', meta: { title: 'services.report.title', group: 'services' },
      component: withMessages(() => import('./ReportPage.vue')),
    },
  ],
  panels: {
    service_requests: [{ key: 'life', component: withMessages(() => import('./RequestLife.vue')) }],
  },
  portal: [
    { path: 'commitments', name: 'commitments', title: 'portal.commitments', nav: true, component: withMessages(() => import('./portal/PublicCommitments.vue')) },
  ],
  messages,
  lazyMessages: () => import('./messages.js'),
}
