// Food sampling (食品安全抽样检验): result entry with the verdict trace, the
// verdict on a sample's page, and the public sampling results (食品安全法第八十七条).
import { Food } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { hasPerm } from '../../stores/auth.js'
import messages from './i18n.js'

export default {
  name: 'food',
  menu: {
    group: 'food', icon: Food, label: { zh: '食品抽检', en: 'Food sampling' },
    links: [{ name: 'food-results-entry', path: '/food/results-entry', title: 'food.entry.menu', when: () => hasPerm('results.create') }],
  },
  routes: [
    {
      path: 'food/results-entry', name: 'food-results-entry', meta: { title: 'food.entry.title', group: 'food' },
      component: withMessages(() => import('./ResultEntry.vue')),
    },
  ],
  panels: {
    samples: [
      { key: 'verdict', component: withMessages(() => import('./SampleVerdictPanel.vue')) },
      { key: 'documents', component: withMessages(() => import('./FoodDocumentsPanel.vue')) },
    ],
    results: [{ key: 'trace', hideFields: ['trace'], component: withMessages(() => import('./ResultTracePanel.vue')) }],
    food_plans: [{ key: 'progress', component: withMessages(() => import('./PlanProgressPanel.vue')) }],
    publications: [{ key: 'samples', component: withMessages(() => import('./PublicationSamplesPanel.vue')) }],
  },
  portal: [
    { path: 'sampling-results', name: 'sampling', title: 'portal.sampling', nav: true, component: withMessages(() => import('./portal/SamplingResults.vue')) },
  ],
  messages,
  lazyMessages: () => import('./messages.js'),
}
