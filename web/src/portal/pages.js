// The portal's pages: its home, then the pages the business areas publish
// (`portal` in src/modules/<area>/index.js), e.g.
//   { path: 'notices', name: 'notices', title: 'portal.notices', nav: true,
//     component: withMessages(() => import('./portal/Notices.vue')) }
// `title` is an i18n key of the area's i18n.js (needed before the page loads);
// `nav: false` keeps a page out of the menu (e.g. equipment pages reached by QR code:
//   { path: 'equipment/:code', name: 'equipment', title: '…', nav: false, component: … }).
import { portalPages } from '../modules/registry.js'

export const pages = [
  { path: '', name: 'home', title: 'portal.home', nav: true, component: () => import('./pages/PortalHome.vue') },
  ...portalPages,
]
