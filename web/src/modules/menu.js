// Links to module pages added to a meta.menu group (src/layouts/MainLayout.vue)
// when `when()` holds; `title` is an i18n key of the core files.
import { hasPerm } from '../stores/auth.js'

export const menuLinks = [
  { group: 'food', name: 'food-results-entry', path: '/food/results-entry', title: 'food.entry.menu', when: () => hasPerm('results.create') },
]
