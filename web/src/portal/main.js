// Public portal entry (web/portal/index.html → dist/portal/index.html), served
// at /portal/ without sign-in. Shares i18n, the HTTP client and styles with the console.
import { createApp } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import PortalApp from './PortalApp.vue'
import { pages } from './pages.js'
import { i18n } from '../i18n/index.js'
import '../styles.css'

const router = createRouter({
  history: createWebHistory('/portal/'),
  routes: [
    ...pages.map((p) => ({ path: '/' + p.path, name: p.name, component: p.component, meta: { title: p.title } })),
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

createApp(PortalApp).use(i18n).use(router).mount('#app')
