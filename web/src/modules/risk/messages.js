// The risk pages' strings, loaded with the first of them.
export default {
  'zh-CN': {
    risk: {
      heat: {
        category: '食品类别', window: '统计期间 {from} 至 {to}；区间为 Wilson 95% 置信区间；样本量不足 {n} 批的单元不计算不合格率。',
        small: '样本量 {n} 批，不足 {min} 批，不计算', cell: '{k}/{n} 批不合格，不合格率 {rate}（95% 置信区间 {lo}–{hi}）',
        warnings: '在控风险预警', none: '没有数据', level: '级别', count: '数量',
      },
      raise: {
        title: '发布为新预警', hint: '依据本信号发布风险预警；预警须有级别与范围（食品、危害因素、区域）。',
        wtitle: '预警标题', level: '预警级别', foods: '涉及食品', hazards: '涉及危害因素', areas: '涉及区域',
        measures: '建议措施', units: '通报单位', submit: '发布预警', done: '已发布预警',
      },
    },
  },
  en: {
    risk: {
      heat: {
        category: 'Food category', window: 'From {from} to {to}; intervals are Wilson 95% intervals; cells with fewer than {n} samples show no rate.',
        small: '{n} samples, fewer than {min}: no rate', cell: '{k} of {n} failed, rate {rate} (95% interval {lo}–{hi})',
        warnings: 'Warnings in force', none: 'No data', level: 'Level', count: 'Count',
      },
      raise: {
        title: 'Raise as a new warning', hint: 'Issue a risk warning from this signal; a warning needs a level and a scope (foods, hazards, areas).',
        wtitle: 'Warning title', level: 'Level', foods: 'Foods', hazards: 'Hazards', areas: 'Areas',
        measures: 'Recommended measures', units: 'Units notified', submit: 'Issue the warning', done: 'Warning issued',
      },
    },
  },
}
