// The ledger pages' strings, loaded with the first of them.
export default {
  'zh-CN': {
    ledger: {
      report: {
        year: '年度', print: '打印', total: '支持合计', city: '市政府', local: '旗县区政府（含园区）',
        previous: '上年', increase: '比上年增加', byLevel: '按拨付政府层级', byKind: '按支持类别',
        byRecipient: '按受援单位', areas: '土地与办公用房', years: '历年情况', level: '层级', kind: '类别',
        thisYear: '本年（元）', lastYear: '上年（元）', change: '增减（元）', unit: '受援单位', amount: '金额（元）',
        staff: '抽调人员', persons: '{n} 人', grantor: '拨付单位', area: '面积', purpose: '用途', none: '没有记录',
        yuan: '{v} 元', note: '金额以分计算、以元显示；土地、用房、人员单列，不折算为金额（另有价值的计入金额）。',
      },
      burn: {
        title: '经费执行进度', granted: '拨付经费', planned: '计划安排', spent: '已支出（已出检验报告）',
        committed: '已安排未支出', left: '未安排余额', plan: '抽检计划', cumulative: '累计安排', over: '超支',
        none: '本项经费未关联食品抽检预算', noPlans: '该预算下还没有抽检计划',
      },
      life: {
        title: '批示办理过程', instructed: '批示', assigned: '交办', deadline: '办理期限 {d}', urged: '催办 {n} 次，最近 {d}',
        notes: '办理进展', fedBack: '反馈', onTime: '按期', late: '逾期反馈', closed: '办结', waiting: '待办理',
        overdue: '已逾期', noNotes: '暂无进展记录',
      },
    },
  },
  en: {
    ledger: {
      report: {
        year: 'Year', print: 'Print', total: 'Total support', city: 'City government', local: 'Districts, banners, county and parks',
        previous: 'Year before', increase: 'Increase on the year before', byLevel: 'By granting level', byKind: 'By kind',
        byRecipient: 'By recipient', areas: 'Land and floor space', years: 'Year by year', level: 'Level', kind: 'Kind',
        thisYear: 'This year (yuan)', lastYear: 'Year before (yuan)', change: 'Change (yuan)', unit: 'Recipient', amount: 'Amount (yuan)',
        staff: 'Seconded staff', persons: '{n} persons', grantor: 'Granted by', area: 'Area', purpose: 'Purpose', none: 'No records',
        yuan: '{v} yuan', note: 'Sums in fen, shown in yuan; land, floor space and staff are listed apart, not turned into money (a stated value is counted).',
      },
      burn: {
        title: 'Burn-down', granted: 'Granted', planned: 'Planned', spent: 'Spent (test reports issued)',
        committed: 'Planned, not yet spent', left: 'Not yet planned', plan: 'Sampling plan', cumulative: 'Planned in all', over: 'Over',
        none: 'This grant is not linked to a food sampling budget', noPlans: 'No sampling plan on this budget yet',
      },
      life: {
        title: 'The instruction\'s life', instructed: 'Instructed', assigned: 'Assigned', deadline: 'Deadline {d}', urged: 'Urged {n} times, last on {d}',
        notes: 'Progress', fedBack: 'Feedback', onTime: 'On time', late: 'Late', closed: 'Closed', waiting: 'Waiting',
        overdue: 'Overdue', noNotes: 'No progress noted yet',
      },
    },
  },
}
