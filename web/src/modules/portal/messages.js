// Strings of the public notices page (same keys in both languages).
export default {
  'zh-CN': {
    portal: {
      nt: {
        all: '全部', announcement: '公告', consumer_tip: '消费提示', none: '暂无公告',
        issuer: '发布机关', on: '发布日期', food: '食品抽检', cases: '执法办案', complaints: '投诉举报', general: '综合',
        results: '查看抽检结果', loadFailed: '公告暂时无法显示，请稍后再试。',
      },
    },
  },
  en: {
    portal: {
      nt: {
        all: 'All', announcement: 'Announcements', consumer_tip: 'Consumer tips', none: 'No notices yet',
        issuer: 'Issued by', on: 'Published on', food: 'Food sampling', cases: 'Enforcement', complaints: 'Complaints', general: 'General',
        results: 'See the sampling results', loadFailed: 'The notices cannot be shown just now; please try again later.',
      },
    },
  },
}
