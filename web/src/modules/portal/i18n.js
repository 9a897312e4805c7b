// The portal area's strings needed before its pages load (portal navigation).
export default {
  'zh-CN': { portal: { notices: '公告与消费提示' } },
  en: { portal: { notices: 'Notices and consumer tips' } },
}
