// Risk monitoring and early warning (风险监测预警): the heat table of failure
// rates by food category × district with their intervals and the warnings in
// force by level, and on a signal's page the form that raises it as a new
// warning (the signal's other steps, dismiss and link, are the generic ones).
import { Warning } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { hasPerm } from '../../stores/auth.js'
import messages from './i18n.js'

export default {
  name: 'risk',
  menu: {
    group: 'risk', icon: Warning, label: { zh: '风险监测预警', en: 'Risk monitoring' },
    links: [{ name: 'risk-heat', path: '/risk/heat', title: 'risk.heat.menu', when: () => hasPerm('risk_signals.read') }],
  },
  routes: [
    {
      path: 'risk/heat', name: 'risk-heat', meta: { title: 'risk.heat.title', group: 'risk' },
      component: withMessages(() => import('./HeatPage.vue')),
    },
  ],
  // the dashboards of issue 16 §7 (src/modules/risk/widgets.c)
  widgets: {
    risk_trend: withMessages(() => import('./TrendWidget.vue')),
    risk_watch: withMessages(() => import('./WatchWidget.vue')),
    risk_money: withMessages(() => import('./MoneyWidget.vue')),
  },
  panels: {
    risk_signals: [{ key: 'raise', component: withMessages(() => import('./RaisePanel.vue')), when: (row) => row.state === 'open' && hasPerm('risk_warnings.create') }],
  },
  messages,
  lazyMessages: () => import('./messages.js'),
}
