// The equipment pages' strings, loaded with the first of them.
export default {
  'zh-CN': {
    equipment: {
      due: {
        within: '{n} 天内到期',
        overdue: '在用超期未检（特种设备安全法第八十四条第（一）项）',
        soon: '即将到期（报检截止日期：到期前1个月，第四十条）',
        code: '设备代码', category: '设备类别', district: '区域', count: '台数', nextDue: '下次检验日期',
        requestBy: '报检截止日期', state: '状态', more: '加载更多', none: '没有记录', total: '合计 {n} 台',
      },
      qr: {
        title: '设备二维码', hint: '打印后张贴在设备显著位置；扫码打开公开信息页（不显示内部编号）。',
        open: '打开公开页', alt: '设备 {code} 的二维码',
      },
      report: { title: '检验报告', print: '打印检验报告' },
    },
    portal: {
      eq: {
        code: '设备代码', category: '设备类别', user: '使用单位', maintainer: '维保单位', phone: '应急救援电话',
        last: '上次检验日期', next: '下次检验日期', location: '使用地点', regCert: '使用登记证编号',
        overdue: '已超过下次检验日期', ok: '在检验有效期内', unusable: '检验不合格，不得使用',
        report: '反映问题', reportHint: '如发现设备异常，请描述情况；您的信息依法保密。',
        facts: '情况描述', phoneOpt: '联系电话（选填）', submit: '提交', sent: '已提交，举报编号 {no}',
        notFound: '没有找到这台设备', call: '拨打',
      },
    },
  },
  en: {
    equipment: {
      due: {
        within: 'Due within {n} days',
        overdue: 'In use past the due date (Special Equipment Safety Law Art. 84(1))',
        soon: 'Due soon (request by one month before, Art. 40)',
        code: 'Equipment code', category: 'Category', district: 'District', count: 'Units', nextDue: 'Next inspection due',
        requestBy: 'Request by', state: 'State', more: 'Load more', none: 'Nothing here', total: '{n} units in all',
      },
      qr: {
        title: 'QR code', hint: 'Print it and post it on the unit; it opens the public page (no internal numbers).',
        open: 'Open the public page', alt: 'QR code of unit {code}',
      },
      report: { title: 'Inspection report', print: 'Print the inspection report' },
    },
    portal: {
      eq: {
        code: 'Equipment code', category: 'Category', user: 'User unit', maintainer: 'Maintenance unit', phone: 'Emergency phone',
        last: 'Last inspected', next: 'Next inspection due', location: 'Location', regCert: 'Registration certificate',
        overdue: 'Past its inspection due date', ok: 'Within its inspection period', unusable: 'Failed its inspection: not to be used',
        report: 'Report a problem', reportHint: 'If the unit seems unsafe, tell us what you saw; your details stay confidential.',
        facts: 'What happened', phoneOpt: 'Phone (optional)', submit: 'Submit', sent: 'Submitted, report no. {no}',
        notFound: 'No such unit', call: 'Call',
      },
    },
  },
}
