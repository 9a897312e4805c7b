// Panels business areas add to the generic detail page (/e/:entity/:id),
// shown between the record and its history (src/components/ModulePanels.vue).
// A panel receives props { entity, em, row } and may emit `changed` to make
// the page reload the record; `when(row)` (optional) decides whether it shows;
// `hideFields` drops fields the panel shows better from the generic field list.
import { withMessages } from '../i18n/lazy.js'

const clocks = withMessages(() => import('./cases/ClocksPanel.vue'))

export const detailPanels = {
  samples: [{ key: 'verdict', component: withMessages(() => import('./food/SampleVerdictPanel.vue')) }],
  results: [{ key: 'trace', hideFields: ['trace'], component: withMessages(() => import('./food/ResultTracePanel.vue')) }],
  cases: [
    { key: 'clocks', component: clocks },
    { key: 'consultation', component: withMessages(() => import('./cases/CaseConsultationPanel.vue')) },
    { key: 'documents', component: withMessages(() => import('./cases/DocumentsPanel.vue')) },
  ],
  complaints: [{ key: 'clocks', component: clocks }],
  consultations: [{ key: 'screen', component: withMessages(() => import('./cases/ConsultationLinkPanel.vue')) }],
}
