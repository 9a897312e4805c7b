// Module pages: routes under the signed-in layout (src/router/index.js). Each
// page is a lazy chunk loaded with the business areas' strings. This file is
// part of the first screen: keep it to route entries.
import { withMessages } from '../i18n/lazy.js'

export const routes = [
  {
    path: 'food/results-entry', name: 'food-results-entry', meta: { title: 'food.entry.title', group: 'food' },
    component: withMessages(() => import('./food/ResultEntry.vue')),
  },
  {
    path: 'cases/:id(\\d+)/consultation', name: 'case-consultation', meta: { title: 'cases.consult.title', group: 'cases', entity: 'cases' },
    component: withMessages(() => import('./cases/ConsultationScreen.vue')),
  },
]
