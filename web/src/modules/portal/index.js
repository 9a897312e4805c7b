// The portal's own content (公告, 消费提示): the notices entity in the console
// (generic pages, menu group "portal") and the public notices page.
import { Promotion } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import messages from './i18n.js'

export default {
  name: 'portal',
  menu: { group: 'portal', icon: Promotion, label: { zh: '公众服务', en: 'Public service' } },
  portal: [
    { path: 'notices', name: 'notices', title: 'portal.notices', nav: true, component: withMessages(() => import('./portal/PublicNotices.vue')) },
  ],
  messages,
  lazyMessages: () => import('./messages.js'),
}
