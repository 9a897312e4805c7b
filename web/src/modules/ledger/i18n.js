// The ledger area's strings needed before its pages load (menu, page title).
// Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    ledger: {
      report: { menu: '支持情况统计', title: '各级政府支持情况统计' },
    },
  },
  en: {
    ledger: {
      report: { menu: 'Support report', title: 'Government support, year on year' },
    },
  },
}
