// The equipment area's strings needed before its pages load (menu, portal
// title). Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    equipment: {
      due: { menu: '到期与超期', title: '定期检验到期与超期' },
    },
    portal: { equipment: '特种设备信息' },
  },
  en: {
    equipment: {
      due: { menu: 'Due and overdue', title: 'Periodic inspections due and overdue' },
    },
    portal: { equipment: 'Special equipment' },
  },
}
