// The admin area's strings needed before its pages load (menu, portal navigation,
// dashboard columns and deadline names): merged into vue-i18n at start-up by
// src/modules/registry.js. Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    menu: {
      calendar: '工作日历',
      jobs: '后台任务',
      permissions: '角色权限矩阵',
    },
  },
  en: {
    menu: {
      calendar: 'Working-day calendar',
      jobs: 'Background jobs',
      permissions: 'Role permissions',
    },
  },
}
