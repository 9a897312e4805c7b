// The risk pages' strings, loaded with the first of them.
export default {
  'zh-CN': {
    risk: {
      heat: {
        category: '食品类别', window: '统计期间 {from} 至 {to}；区间为 Wilson 95% 置信区间；样本量不足 {n} 批的单元不计算不合格率。',
        small: '样本量 {n} 批，不足 {min} 批，不计算', cell: '{k}/{n} 批不合格，不合格率 {rate}（95% 置信区间 {lo}–{hi}）',
        warnings: '在控风险预警', none: '没有数据', level: '级别', count: '数量',
      },
      // the dashboards (TrendWidget, WatchWidget, MoneyWidget)
      dash: {
        window: '{from} 至 {to}', hazards: '危害因素', by: '按', byGroup: '危害类别', byAnalyte: '检验项目',
        period: '周期', month: '按月', quarter: '按季度', noTrend: '统计期内没有不合格的危害因素',
        failedOf: '{k}/{n} 批不合格', tooFew: '{n} 批，样本不足不计算', sparse: '多数月份样本量不足 {n} 批，未计算不合格率；可改为按季度查看。',
        point: '{rate}（95% 区间 {lo}–{hi}），{k}/{n} 批',
        trendNote: '按样品计：检验该类危害因素的样品中不合格的比例；阴影为 Wilson 95% 置信区间；样本量不足 {n} 批的周期不计算不合格率。',
        onList: '在名单中', thisYear: '今年列入', petitions: '待决定的移出申请', exitDue: '已满足移出条件',
        reason: '列入原因', state: '状态', entries: '数量', noWatch: '名单为空',
        petitionsList: '待决定的移出申请', dueList: '已满足移出条件仍在名单', petitionOn: '{d} 申请',
        passedSince: '{d} 列入，此后 {n} 批合格、无不合格',
        exitRule: '移出条件：自列入以来至少 {n} 批次抽检合格且无不合格。',
        byCategory: '按类别', grid: '区域 × 类别', noPlan: '尚未生成基于风险的抽检计划',
        toCosts: '到“抽检费用与权重”生成计划', planTotal: '计划 {v} 元，{b} 批次', actualTotal: '{y} 年实际支出 {v} 元',
        category: '食品类别', sum: '合计', planned: '计划经费', actual: '{y} 年实际支出', yuanAxis: '元',
        cellTitle: '{d} · {c}：计划 {v} 元（{b} 批）；{y} 年实际 {a} 元',
        moneyNote: '实际支出：{y} 年按计划任务抽取的样品数 × 所属计划行的每批次费用。按区域的网格代替地图（离线环境无地图底图）。',
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
      // the dashboards (TrendWidget, WatchWidget, MoneyWidget)
      dash: {
        window: '{from} to {to}', hazards: 'Hazards', by: 'By', byGroup: 'Hazard group', byAnalyte: 'Test item',
        period: 'Period', month: 'Monthly', quarter: 'Quarterly', noTrend: 'No hazard failed in the period',
        failedOf: '{k} of {n} failed', tooFew: '{n} samples, too few for a rate', sparse: 'Most months have fewer than {n} samples and show no rate; try quarterly.',
        point: '{rate} (95% interval {lo}–{hi}), {k} of {n}',
        trendNote: 'Per sample: the share of samples tested for the hazard that failed on it; the band is the Wilson 95% interval; periods with fewer than {n} samples show no rate.',
        onList: 'On the list', thisYear: 'Listed this year', petitions: 'Petitions to decide', exitDue: 'Meet the exit rule',
        reason: 'Why listed', state: 'State', entries: 'Entries', noWatch: 'The list is empty',
        petitionsList: 'Petitions to leave awaiting a decision', dueList: 'Meet the exit rule, still listed', petitionOn: 'petitioned {d}',
        passedSince: 'listed {d}; {n} conforming since, none failed',
        exitRule: 'Exit rule: at least {n} conforming samples and no failure since listed.',
        byCategory: 'By category', grid: 'District × category', noPlan: 'No risk-based plan has been drafted yet',
        toCosts: 'Draft one from “Sampling costs and weights”', planTotal: 'Plan {v} yuan, {b} batches', actualTotal: 'Spent in {y}: {v} yuan',
        category: 'Food category', sum: 'Total', planned: 'Planned', actual: 'Spent in {y}', yuanAxis: 'yuan',
        cellTitle: '{d} · {c}: planned {v} yuan ({b} batches); spent in {y} {a} yuan',
        moneyNote: 'Spent: samples drawn in {y} under plan tasks × their plan line\'s cost per batch. A district grid stands in for a map (no map tiles offline).',
      },
      raise: {
        title: 'Raise as a new warning', hint: 'Issue a risk warning from this signal; a warning needs a level and a scope (foods, hazards, areas).',
        wtitle: 'Warning title', level: 'Level', foods: 'Foods', hazards: 'Hazards', areas: 'Areas',
        measures: 'Recommended measures', units: 'Units notified', submit: 'Issue the warning', done: 'Warning issued',
      },
    },
  },
}
