// Console entry: sign-in, the shell and the generic pages drawn from /api/v1/meta.
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n/index.js'
import { router } from './router/index.js'
import './styles.css'
import './print.css'

createApp(App).use(i18n).use(router).mount('#app')
