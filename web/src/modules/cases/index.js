// Enforcement (执法办案) and complaints: the statutory clocks, the major-case
// consultation, the printable documents, and the public complaint form.
import { Document } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import messages from './i18n.js'

const clocks = withMessages(() => import('./ClocksPanel.vue'))

export default {
  name: 'cases',
  menu: { group: 'cases', icon: Document, label: { zh: '执法办案', en: 'Enforcement' } },
  routes: [
    {
      path: 'cases/:id(\\d+)/consultation', name: 'case-consultation', meta: { title: 'cases.consult.title', group: 'cases', entity: 'cases' },
      component: withMessages(() => import('./ConsultationScreen.vue')),
    },
  ],
  panels: {
    cases: [
      { key: 'clocks', component: clocks },
      { key: 'consultation', component: withMessages(() => import('./CaseConsultationPanel.vue')) },
      { key: 'documents', component: withMessages(() => import('./DocumentsPanel.vue')) },
    ],
    complaints: [{ key: 'clocks', component: clocks }],
    consultations: [{ key: 'screen', component: withMessages(() => import('./ConsultationLinkPanel.vue')) }],
  },
  portal: [
    { path: 'complaint', name: 'complaint', title: 'portal.complaint', nav: true, component: withMessages(() => import('./portal/Complaint.vue')) },
    { path: 'complaint-status', name: 'complaint-status', title: 'portal.complaintStatus', nav: true, component: withMessages(() => import('./portal/ComplaintStatus.vue')) },
  ],
  messages,
  lazyMessages: () => import('./messages.js'),
}
