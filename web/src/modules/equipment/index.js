// Special equipment (特种设备): the due dashboard (units due within 30 days and
// overdue by district, 特种设备安全法第四十条/第八十四条), a unit's QR code,
// the printable inspection report, and the public page the QR code opens.
import { Tools } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { hasPerm } from '../../stores/auth.js'
import messages from './i18n.js'

export default {
  name: 'equipment',
  menu: {
    group: 'equipment', icon: Tools, label: { zh: '特种设备', en: 'Special equipment' },
    links: [{ name: 'eq-due', path: '/equipment/due', title: 'equipment.due.menu', when: () => hasPerm('equipment_units.read') }],
  },
  routes: [
    {
      path: 'equipment/due', name: 'eq-due', meta: { title: 'equipment.due.title', group: 'equipment' },
      component: withMessages(() => import('./DuePage.vue')),
    },
  ],
  panels: {
    equipment_units: [{ key: 'qr', component: withMessages(() => import('./QrPanel.vue')) }],
    equipment_inspections: [{ key: 'report', component: withMessages(() => import('./ReportPanel.vue')) }],
  },
  portal: [
    { path: 'equipment/:token', name: 'equipment', title: 'portal.equipment', nav: false, component: withMessages(() => import('./portal/EquipmentUnit.vue')) },
  ],
  messages,
  lazyMessages: () => import('./messages.js'),
}
