// The portal's pages. A business area publishes a page by adding an entry:
//   { path: 'notices', name: 'notices', title: 'portal.notices', nav: true,
//     component: () => import('./pages/Notices.vue') }
// `title` is an i18n key (add it to both i18n/zh-CN.js and i18n/en.js);
// `nav: false` keeps a page out of the menu (e.g. equipment pages reached by QR code:
//   { path: 'equipment/:code', name: 'equipment', title: '…', nav: false, component: … }).
import { withMessages } from '../i18n/lazy.js'

// Pages of business areas take their strings from src/i18n/modules.*.js: wrap the loader with withMessages().
export const pages = [
  { path: '', name: 'home', title: 'portal.home', nav: true, component: () => import('./pages/PortalHome.vue') },
  { path: 'sampling-results', name: 'sampling', title: 'portal.sampling', nav: true, component: withMessages(() => import('./pages/SamplingResults.vue')) },
  { path: 'complaint', name: 'complaint', title: 'portal.complaint', nav: true, component: withMessages(() => import('./pages/Complaint.vue')) },
]
