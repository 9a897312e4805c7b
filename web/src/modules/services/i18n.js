// The services area's strings needed before its pages load (menu, portal
// title). Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    services: { report: { menu: '服务统计', title: '企业服务统计' } },
    portal: { commitments: '服务承诺' },
  },
  en: {
    services: { report: { menu: 'Service report', title: 'Services to enterprises: report' } },
    portal: { commitments: 'Service commitments' },
  },
}
