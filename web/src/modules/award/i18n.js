// The award area's strings needed before its pages load (menu, portal
// titles, the history actions it names). Same keys in both languages.
export default {
  'zh-CN': {
    award: {
      menu: { score: '我的评审任务', ranking: '质量奖评审排名', assess: '食品安全考核排名' },
    },
    portal: { awardNotice: '政府质量奖评选结果公示', assessRanking: '食品安全工作考核结果' },
    history: { score: '评分汇总', rank: '排名', decide: '评选决定', submit: '提交评分', publish: '公示' },
  },
  en: {
    award: {
      menu: { score: 'My reviews', ranking: 'Award ranking', assess: 'Food-safety assessment ranking' },
    },
    portal: { awardNotice: 'Quality award: public notice', assessRanking: 'Food-safety assessment results' },
    history: { score: 'Scores aggregated', rank: 'Ranked', decide: 'Decided', submit: 'Scores submitted', publish: 'Published' },
  },
}
