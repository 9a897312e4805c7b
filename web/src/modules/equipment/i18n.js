// The equipment area's strings needed before its pages load (menu, portal
// title). Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    equipment: {
      due: { menu: '到期与超期', title: '定期检验到期与超期' },
    },
    portal: { equipment: '特种设备信息' },
    // the actions of a unit's history that are this area's (the core names them)
    history: {
      register: '登记（计算检验日期）', inspection: '检验（重算检验日期）', recompute: '重算检验日期',
      rule_change: '检验规则变更', maintenance: '维护保养', schedule: '排入检验计划',
    },
  },
  en: {
    equipment: {
      due: { menu: 'Due and overdue', title: 'Periodic inspections due and overdue' },
    },
    portal: { equipment: 'Special equipment' },
    history: {
      register: 'Registered (dates computed)', inspection: 'Inspected (dates recomputed)', recompute: 'Dates recomputed',
      rule_change: 'Inspection rule changed', maintenance: 'Maintenance', schedule: 'Scheduled for inspection',
    },
  },
}
