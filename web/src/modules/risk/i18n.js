// The risk area's strings needed before its pages load (menu, page title).
// Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    risk: { heat: { menu: '不合格率热力表', title: '食品类别 × 区域不合格率（近12个月）' } },
  },
  en: {
    risk: { heat: { menu: 'Failure-rate heat table', title: 'Failure rates by food category × district (last 12 months)' } },
  },
}
