// The Government Quality Award (政府质量奖, GB/T 19580-2012) and the
// food-safety target assessment of the district governments (一票否决): an
// expert's scoring page (each item by band), the round's ranking with
// per-category scores, the experts' spread and a radar chart per applicant,
// the assessment's ranking page, and the two public pages of the portal.
import { Trophy } from '@element-plus/icons-vue'
import { withMessages } from '../../i18n/lazy.js'
import { hasPerm } from '../../stores/auth.js'
import messages from './i18n.js'

export default {
  name: 'award',
  menu: {
    group: 'award', icon: Trophy, label: { zh: '质量奖与考核', en: 'Quality award and assessment' },
    links: [
      { name: 'aw-score', path: '/award/score', title: 'award.menu.score', when: () => hasPerm('award_assignments.score') },
      { name: 'aw-ranking', path: '/award/ranking', title: 'award.menu.ranking', when: () => hasPerm('award_rounds.read') && !hasPerm('award_assignments.score') },
      { name: 'aw-assess', path: '/award/assessment', title: 'award.menu.assess', when: () => hasPerm('assess_years.read') },
    ],
  },
  routes: [
    { path: 'award/score/:id?', name: 'aw-score', meta: { title: 'award.menu.score', group: 'award' }, component: withMessages(() => import('./ScorePage.vue')) },
    { path: 'award/ranking/:id?', name: 'aw-ranking', meta: { title: 'award.menu.ranking', group: 'award' }, component: withMessages(() => import('./RankingPage.vue')) },
    { path: 'award/assessment/:id?', name: 'aw-assess', meta: { title: 'award.menu.assess', group: 'award' }, component: withMessages(() => import('./AssessPage.vue')) },
  ],
  portal: [
    { path: 'award/:year', name: 'award-notice', title: 'portal.awardNotice', nav: false, component: withMessages(() => import('./portal/AwardNotice.vue')) },
    { path: 'assessment/:year', name: 'assessment-ranking', title: 'portal.assessRanking', nav: false, component: withMessages(() => import('./portal/AssessRanking.vue')) },
  ],
  messages,
  lazyMessages: () => import('./messages.js'),
}
