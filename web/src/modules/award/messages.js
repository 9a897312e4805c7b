// The award pages' strings, loaded with the first of them.
export default {
  'zh-CN': {
    award: {
      score: {
        mine: '分配给我的评审任务', applicant: '申报单位', state: '状态', total: '合计', open: '评分',
        none: '暂无分配给您的评审任务', back: '返回任务列表', item: '评分条款', points: '分值', band: '得分比例',
        itemScore: '得分', note: '评语', save: '保存评分', submit: '提交评分', saved: '已保存',
        submitted: '已提交，不能再修改', confirmSubmit: '提交后不能再修改，确定提交？', self: '自评报告摘要',
        hint: '按 GB/T 19580-2012 逐条评分：过程条款看方法、展开、学习、整合；结果条款看水平、趋势、对比、整合。比例为 0%～100%，每档 5%。',
        process: '过程', result: '结果', missing: '尚有 {n} 条未评分',
      },
      rank: {
        round: '评选年度', rank: '排名', applicant: '申报单位', total: '总分', spread: '专家极差', flagged: '须合议',
        level: '结果', prize: '奖金（元）', budget: '预算', allocated: '已安排', radar: '各类目得分率', experts: '专家评分',
        none: '尚未形成排名', pick: '选择申报单位查看雷达图', of: '（满分 {n}）', yes: '是', no: '否',
        items: '分歧条款：{items}',
      },
      level: { award: '质量奖', nomination: '提名奖', none: '未获奖' },
      assess: {
        year: '考核年度', rank: '排名', gov: '被考核政府', total: '考核得分', result: '考核结果', vetoed: '一票否决',
        grounds: '否决理由', none: '尚未排名', note: '发生一票否决情形的，无论得分高低，考核结果均为不合格，排在最后。',
      },
      result: { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格', vetoed: '一票否决（不合格）' },
    },
    portal: {
      aw: {
        title: '{title}评选结果公示', basis: '依据 GB/T 19580-2012《卓越绩效评价准则》评审；公示期内对结果有异议的，可向市场监督管理部门书面提出。',
        from: '公示日期', rank: '排名', applicant: '单位名称', total: '总分', level: '评选结果', notFound: '没有找到该年度的公示',
      },
      as: {
        title: '{title}结果', rank: '排名', gov: '旗县区人民政府', total: '得分', result: '考核结果', grounds: '否决理由',
        notFound: '没有找到该年度已通报的考核结果', published: '通报日期',
      },
    },
  },
  en: {
    award: {
      score: {
        mine: 'Applications assigned to me', applicant: 'Applicant', state: 'State', total: 'Total', open: 'Score',
        none: 'No application is assigned to you', back: 'Back to my reviews', item: 'Item', points: 'Points', band: 'Band',
        itemScore: 'Score', note: 'Note', save: 'Save the scores', submit: 'Submit the scores', saved: 'Saved',
        submitted: 'Submitted: no more changes', confirmSubmit: 'Once submitted the scores cannot change. Submit?', self: 'Self-assessment',
        hint: 'Score each item of GB/T 19580-2012: process items on approach, deployment, learning and integration; result items on levels, trends, comparisons and integration. Bands are 0 % to 100 % in steps of 5 %.',
        process: 'Process', result: 'Result', missing: '{n} item(s) not scored yet',
      },
      rank: {
        round: 'Round', rank: 'Rank', applicant: 'Applicant', total: 'Total', spread: 'Spread', flagged: 'Consensus',
        level: 'Result', prize: 'Prize (yuan)', budget: 'Budget', allocated: 'Allocated', radar: 'Share of points by category', experts: 'Experts\' totals',
        none: 'Not ranked yet', pick: 'Pick an applicant for its radar chart', of: '(of {n})', yes: 'Yes', no: 'No',
        items: 'Items in dispute: {items}',
      },
      level: { award: 'Award', nomination: 'Nomination', none: 'No prize' },
      assess: {
        year: 'Year', rank: 'Rank', gov: 'Government', total: 'Score', result: 'Result', vetoed: 'Vetoed',
        grounds: 'Grounds of the veto', none: 'Not ranked yet', note: 'A veto fails a government whatever its score; it ranks last.',
      },
      result: { excellent: 'Excellent', good: 'Good', pass: 'Pass', fail: 'Fail', vetoed: 'Vetoed (fail)' },
    },
    portal: {
      aw: {
        title: '{title}: public notice', basis: 'Judged on GB/T 19580-2012 (criteria for performance excellence); objections may be raised in writing with the market regulator during the notice period.',
        from: 'Notice from', rank: 'Rank', applicant: 'Applicant', total: 'Total', level: 'Result', notFound: 'No notice for this year',
      },
      as: {
        title: '{title}: results', rank: 'Rank', gov: 'Government', total: 'Score', result: 'Result', grounds: 'Grounds of the veto',
        notFound: 'No published results for this year', published: 'Published on',
      },
    },
  },
}
