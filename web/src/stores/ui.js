// Small shared UI state: the title of the record shown, for the breadcrumbs.
import { reactive } from 'vue'
export const ui = reactive({ recordTitle: '' })
