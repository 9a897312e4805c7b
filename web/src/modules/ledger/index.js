// Support ledger and leaders' instructions (支撑与批示): the ledger's
// year-on-year report (in yuan), a testing grant's burn-down on its page,
// and an instruction's life (registered, assigned with its deadline, urged,
// progress, feedback, closed) on the instruction's page.
import { Wallet } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { hasPerm } from '../../stores/auth.js'
import messages from './i18n.js'

export default {
  name: 'ledger',
  menu: {
    group: 'ledger', icon: Wallet, label: { zh: '支撑与批示', en: 'Support and instructions' },
    links: [{ name: 'ledger-report', path: '/ledger/report', title: 'ledger.report.menu', when: () => hasPerm('ledger_grants.read') }],
  },
  routes: [
    {
      path: 'ledger/report', name: 'ledger-report', meta: { title: 'ledger.report.title', group: 'ledger' },
      component: withMessages(() => import('./ReportPage.vue')),
    },
  ],
  panels: {
    ledger_grants: [{ key: 'burn', component: withMessages(() => import('./BurnPanel.vue')) }],
    ledger_instructions: [{ key: 'life', component: withMessages(() => import('./LifePanel.vue')) }],
  },
  messages,
  lazyMessages: () => import('./messages.js'),
}
