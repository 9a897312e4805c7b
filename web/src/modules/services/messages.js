// The services pages' strings, loaded with the first of them.
export default {
  'zh-CN': {
    services: {
      report: {
        year: '年度', print: '打印', all: '全部请求', smallMicro: '小微企业', inPark: '园区企业',
        byKind: '按服务类别', bySize: '按企业规模', kind: '类别', size: '规模', total: '受理',
        answered: '已答复', onTime: '按时答复', lateOpen: '超期未答复', share: '按时率', rating: '平均评价',
        none: '没有记录', rule: '计算口径',
      },
      life: {
        title: '办理过程', received: '登记', due: '承诺办结日', limit: '承诺时限 {n} 个工作日',
        noLimit: '未承诺时限', replied: '答复', onTime: '在承诺时限内', late: '超过承诺时限',
        escalated: '逾期督办', rated: '企业评价', waiting: '尚未答复', stars: '{n} 分（满分 5 分）',
      },
    },
    portal: {
      cm: {
        intro: '以下服务承诺向社会公开，接受社会监督。时限自受理次日起按工作日计算，周末和法定节假日不计，调休上班日计入。',
        limit: '承诺时限：{n} 个工作日', noLimit: '不设办理时限', basis: '发布文件', on: '公开日期',
        kind: '适用服务', none: '暂无公开的服务承诺', loadFailed: '服务承诺加载失败，请稍后再试',
        supervise: '监督电话',
      },
    },
  },
  en: {
    services: {
      report: {
        year: 'Year', print: 'Print', all: 'All requests', smallMicro: 'Small and micro', inPark: 'In parks',
        byKind: 'By kind of service', bySize: 'By enterprise size', kind: 'Kind', size: 'Size', total: 'Received',
        answered: 'Answered', onTime: 'In time', lateOpen: 'Open past due', share: 'On-time share', rating: 'Mean rating',
        none: 'No records', rule: 'How it is counted',
      },
      life: {
        title: 'The request so far', received: 'Received', due: 'Due', limit: 'Time limit: {n} working days',
        noLimit: 'No time limit promised', replied: 'Replied', onTime: 'Within the committed time', late: 'Past the committed time',
        escalated: 'Escalated', rated: 'Rating', waiting: 'Not answered yet', stars: '{n} of 5',
      },
    },
    portal: {
      cm: {
        intro: 'These service commitments are public and open to supervision. Time limits count working days from the day after receipt: weekends and public holidays are not counted, make-up working days are.',
        limit: 'Time limit: {n} working days', noLimit: 'No time limit', basis: 'Published in', on: 'Published on',
        kind: 'Service', none: 'No commitments published', loadFailed: 'The commitments could not be loaded; please try again later',
        supervise: 'Supervision hotline',
      },
    },
  },
}
