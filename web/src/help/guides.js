// The user guides (docs/guide/<lang>/<file>.md, copied into the build as
// /guide/... by scripts/copy-guide.mjs) and, in one place, which page of the
// console each guide section explains. The help menu lists the guides of the
// signed-in user's roles (session user.roles); the page help link opens the
// section of the first of those guides that explains the current page.
import { auth } from '../stores/auth.js'

// Page keys: 'e/<entity>' for the generic list, record and form pages of an
// entity, otherwise the route's name (home, audit, calendar, food-results-entry ...).
const ENTERPRISES = { 'e/enterprises': 'enterprises' }
const FOOD_REF = {
  'e/food_categories': 'reference', 'e/food_analytes': 'reference', 'e/food_limits': 'reference',
  'e/test_templates': 'reference', 'e/food_deadline_rules': 'reference', 'e/food_labs': 'reference',
}
const CASES = {
  'e/cases': 'cases', 'e/case_periods': 'cases', 'e/case_extensions': 'cases', 'e/compulsory_measures': 'cases',
  'e/evidence': 'evidence', 'e/inquiries': 'evidence', 'case-consultation': 'consultation', 'e/consultations': 'consultation',
  'e/consultation_opinions': 'consultation', 'e/case_referrals': 'consultation',
}

export const GUIDES = [
  { role: 'director', file: 'director', pages: { home: 'home', ...ENTERPRISES, 'e/food_plans': 'plans', 'e/publications': 'publications', 'e/cases': 'cases', 'e/report_rewards': 'rewards', 'e/disposals': 'disposals' } },
  { role: 'food_sampler', file: 'food-sampler', pages: { home: 'home', 'e/sampling_tasks': 'tasks', 'e/samples': 'samples', 'e/sample_specs': 'samples', ...ENTERPRISES, ...FOOD_REF } },
  { role: 'lab_analyst', file: 'lab-analyst', pages: { home: 'home', 'food-results-entry': 'results-entry', 'e/results': 'results', 'e/samples': 'receive', 'e/retests': 'retests', ...FOOD_REF } },
  { role: 'food_supervisor', file: 'food-supervisor', pages: { home: 'home', 'e/food_plans': 'plans', 'e/plan_items': 'plans', 'e/sampling_tasks': 'tasks', 'e/samples': 'samples', 'e/disposals': 'disposals', 'e/retests': 'retests', 'e/objections': 'retests', 'e/publications': 'publications', ...ENTERPRISES, ...FOOD_REF } },
  { role: 'risk_analyst', file: 'risk-analyst', pages: { home: 'home', 'e/samples': 'samples', 'e/results': 'samples', ...ENTERPRISES, ...FOOD_REF } },
  { role: 'case_handler', file: 'case-handler', pages: { home: 'home', ...CASES, 'e/complaints': 'complaints', 'e/report_rewards': 'rewards', ...ENTERPRISES } },
  { role: 'legal_reviewer', file: 'legal-reviewer', pages: { home: 'home', ...CASES } },
  { role: 'agency_member', file: 'agency-member', pages: { home: 'home', ...CASES } },
  { role: 'service_desk', file: 'service-desk', pages: { home: 'home', 'e/complaints': 'complaints' } },
  { role: 'district_officer', file: 'district-officer', pages: { home: 'home', ...ENTERPRISES, 'e/complaints': 'complaints', 'e/units': 'units' } },
  { role: 'equipment_registrar', file: 'equipment-registrar', pages: { home: 'home', ...ENTERPRISES } },
  { role: 'equipment_inspector', file: 'equipment-inspector', pages: { home: 'home', ...ENTERPRISES } },
  { role: 'award_expert', file: 'award-expert', pages: { home: 'home' } },
  { role: 'sysadmin', file: 'sysadmin', pages: { home: 'home', 'e/users': 'users', 'e/units': 'units', 'e/jurisdictions': 'units', 'e/dict_items': 'dictionaries', 'e/holidays': 'calendar', calendar: 'calendar', jobs: 'jobs', job: 'jobs', ...FOOD_REF } },
  { role: 'secadmin', file: 'secadmin', pages: { home: 'home', 'e/users': 'users', 'e/roles': 'roles', 'e/role_grants': 'roles', permissions: 'roles', sessions: 'sessions' } },
  { role: 'auditor', file: 'auditor', pages: { home: 'home', audit: 'audit', 'e/audit_log': 'audit', 'e/users': 'users' } },
]

// The administrator's guide (installation, backup, upgrade, calendar) for the three administrators.
export const ADMIN_GUIDE = { file: 'admin-install', roles: ['sysadmin', 'secadmin', 'auditor'] }

export const langDir = (locale) => (String(locale).startsWith('en') ? 'en' : 'zh')

export function userRoles() {
  return (auth.user && Array.isArray(auth.user.roles) && auth.user.roles) || []
}

// The guides of the signed-in user, in the order of GUIDES.
export function myGuides() {
  const mine = new Set(userRoles())
  return GUIDES.filter((g) => mine.has(g.role))
}

export function showAdminGuide() {
  return userRoles().some((r) => ADMIN_GUIDE.roles.includes(r))
}

export function pageKey(route) {
  if (route.params && route.params.entity) return 'e/' + route.params.entity
  return String(route.name || '')
}

// Where the help link of the current page goes: the first of the user's guides
// explaining this page, at its section; else the top of their first guide.
export function pageHelp(route) {
  const mine = myGuides()
  const key = pageKey(route)
  for (const g of mine) {
    if (g.pages[key]) return { path: '/help/' + g.file, hash: '#' + g.pages[key] }
  }
  if (mine.length) return { path: '/help/' + mine[0].file }
  if (showAdminGuide()) return { path: '/help/' + ADMIN_GUIDE.file }
  return { path: '/help' }
}

// Every guide file the console may open (README is the index).
export function knownGuide(file) {
  return file === 'README' || file === ADMIN_GUIDE.file || GUIDES.some((g) => g.file === file)
}
