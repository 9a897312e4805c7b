// The food area's strings needed before its pages load (menu, portal navigation,
// dashboard columns and deadline names): merged into vue-i18n at start-up by
// src/modules/registry.js. Same keys in both languages (scripts/i18n-parity.mjs).
export default {
  'zh-CN': {
    food: {
      entry: {
        menu: '检验结果录入',
      },
    },
    portal: {
      sampling: '抽检结果公示',
    },
    task: {
      delivery_due: '送检期限',
      report_due: '出具报告期限',
      notify_due: '报送结果期限',
      serve_due: '送达结果期限',
      disposal_due: '核查处置期限',
      lab_due: '确定复检机构期限',
      accept_due: '受理期限',
      review_due: '审查期限',
      retest_report_due: '复检结论期限',
    },
    widget: {
      col: {
        category: '食品大类',
        district: '区域',
        count: '批次',
        sample: '样品编号',
        product: '产品名称',
        due_on: '期限',
        days_overdue: '逾期',
      },
    },
  },
  en: {
    food: {
      entry: {
        menu: 'Enter test results',
      },
    },
    portal: {
      sampling: 'Sampling results',
    },
    task: {
      delivery_due: 'delivery to the lab',
      report_due: 'lab report',
      notify_due: 'result to the regulator',
      serve_due: 'service of the result',
      disposal_due: 'disposal',
      lab_due: 're-test lab',
      accept_due: 'acceptance',
      review_due: 'review',
      retest_report_due: 're-test conclusion',
    },
    widget: {
      col: {
        category: 'Food category',
        district: 'District',
        count: 'Samples',
        sample: 'Sample',
        product: 'Product',
        due_on: 'Due',
        days_overdue: 'Overdue',
      },
    },
  },
}
