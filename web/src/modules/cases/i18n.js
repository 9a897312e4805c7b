// The cases area's strings needed before its pages load (menu, portal navigation,
// dashboard columns and deadline names): merged into vue-i18n at start-up by
// src/modules/registry.js. Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    portal: {
      complaint: '投诉举报',
      complaintStatus: '办理进度查询',
    },
    task: {
      filing: '立案决定',
      measure: '查封扣押期限',
      legal_review: '法制审核',
      statement: '陈述申辩期',
      decision: '作出处理决定',
      service: '送达决定书',
      payment: '缴纳罚款',
      publication: '公示处罚信息',
      accept: '受理决定',
      mediation: '调解期限',
      inform_parties: '告知终止调解',
      inform_reporter: '告知举报人',
    },
  },
  en: {
    portal: {
      complaint: 'Complaints and reports',
      complaintStatus: 'Track a complaint',
    },
    task: {
      filing: 'filing decision',
      measure: 'seizure term',
      legal_review: 'legal review',
      statement: 'statement period',
      decision: 'decision',
      service: 'service of the decision',
      payment: 'payment of the fine',
      publication: 'publication',
      accept: 'acceptance decision',
      mediation: 'mediation',
      inform_parties: 'telling the parties',
      inform_reporter: 'telling the reporter',
    },
  },
}
