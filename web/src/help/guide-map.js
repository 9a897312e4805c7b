// Which guide explains which page of the console, in one place: page key →
// section anchor ({#anchor} in docs/guide/<lang>/<file>.md) per role guide.
// Plain data (no imports) so that scripts/guides.test.mjs can check that every
// anchor exists in both languages.
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

// Every page of the enforcement area at one section (a guide without the detail).
const allCases = (anchor) => Object.fromEntries(Object.keys(CASES).map((k) => [k, anchor]))

export const GUIDES = [
  { role: 'director', file: 'director', pages: { home: 'home', ...ENTERPRISES, 'e/food_plans': 'plans', 'e/publications': 'publications', ...allCases('cases'), 'e/report_rewards': 'rewards', 'e/disposals': 'rewards' } },
  { role: 'food_sampler', file: 'food-sampler', pages: { home: 'home', 'e/sampling_tasks': 'tasks', 'e/food_plans': 'tasks', 'e/plan_items': 'tasks', 'e/samples': 'samples', 'e/sample_specs': 'samples', 'e/results': 'export', ...FOOD_REF } },
  { role: 'lab_analyst', file: 'lab-analyst', pages: { home: 'home', 'food-results-entry': 'results-entry', 'e/results': 'results-entry', 'e/samples': 'receive', 'e/retests': 'retests', ...FOOD_REF } },
  { role: 'food_supervisor', file: 'food-supervisor', pages: { home: 'home', 'e/food_plans': 'plans', 'e/plan_items': 'plans', 'e/sampling_tasks': 'plans', 'e/food_budgets': 'plans', 'e/samples': 'samples', 'e/disposals': 'disposals', 'e/retests': 'retests', 'e/objections': 'retests', 'e/publications': 'publications', ...ENTERPRISES } },
  { role: 'risk_analyst', file: 'risk-analyst', pages: { home: 'home', 'e/samples': 'samples', 'e/results': 'samples', 'e/retests': 'samples', 'e/objections': 'samples', 'e/disposals': 'samples', 'e/publications': 'samples', 'e/enterprises': 'export', ...FOOD_REF, 'e/risk_signals': 'signals', 'e/risk_warnings': 'warnings', 'e/risk_watch': 'watch', 'risk-heat': 'heat', 'e/risk_costs': 'plan', 'e/risk_draws': 'plan', 'e/risk_params': 'signals' } },
  { role: 'case_handler', file: 'case-handler', pages: { home: 'home', ...CASES, 'e/complaints': 'complaints', 'e/report_rewards': 'rewards' } },
  { role: 'legal_reviewer', file: 'legal-reviewer', pages: { home: 'home', ...CASES, 'e/evidence': 'evidence', 'e/inquiries': 'evidence' } },
  { role: 'agency_member', file: 'agency-member', pages: { home: 'home', ...CASES, 'e/evidence': 'cases', 'e/inquiries': 'cases' } },
  { role: 'service_desk', file: 'service-desk', pages: { home: 'home', 'e/complaints': 'complaints' } },
  { role: 'district_officer', file: 'district-officer', pages: { home: 'home', ...ENTERPRISES, 'e/disposals': 'disposals', 'e/complaints': 'complaints', 'e/units': 'units' } },
  {
    role: 'equipment_registrar', file: 'equipment-registrar', pages: {
      home: 'home', ...ENTERPRISES, 'e/equipment_units': 'registry', 'e/equipment_applications': 'applications',
      'e/equipment_maintainers': 'maintenance', 'e/equipment_maintenance': 'maintenance', 'e/equipment_operators': 'maintenance',
      'e/equipment_accidents': 'maintenance', 'e/equipment_inspections': 'inspections', 'e/equipment_defects': 'inspections',
      'e/equipment_schedule': 'inspections', 'e/equipment_inspectors': 'inspections', 'e/equipment_rules': 'due',
      'e/equipment_notices': 'due', 'eq-due': 'due',
    },
  },
  {
    role: 'equipment_inspector', file: 'equipment-inspector', pages: {
      home: 'home', ...ENTERPRISES, 'e/equipment_applications': 'applications', 'e/equipment_schedule': 'schedule',
      'e/equipment_inspectors': 'schedule', 'e/equipment_inspections': 'inspections', 'e/equipment_defects': 'defects',
      'e/equipment_units': 'due', 'e/equipment_notices': 'due', 'e/equipment_rules': 'due', 'eq-due': 'due',
    },
  },
  {
    role: 'ledger_clerk', file: 'ledger-clerk', pages: {
      home: 'grants', 'e/ledger_grants': 'grants', 'ledger-report': 'report', 'e/ledger_reports': 'reports',
      'e/ledger_instructions': 'instructions', 'e/ledger_notes': 'instructions',
    },
  },
  { role: 'award_expert', file: 'award-expert', pages: { home: 'home', 'aw-score': 'score', 'e/award_assignments': 'score' } },
  {
    role: 'enterprise_service', file: 'enterprise-service', pages: {
      home: 'home', 'e/service_commitments': 'commitments', 'e/service_requests': 'requests', 'svc-report': 'report',
      'e/park_agreements': 'parks', 'e/park_meetings': 'parks', 'e/park_followups': 'parks',
    },
  },
  { role: 'conduct_officer', file: 'conduct-officer', pages: { home: 'home', 'e/conduct_complaints': 'complaints' } },
  {
    role: 'award_officer', file: 'award-officer', pages: {
      home: 'home', 'e/award_rounds': 'rounds', 'e/award_applications': 'applications', 'e/award_criteria': 'rounds',
      'e/award_experts': 'experts', 'e/award_assignments': 'experts', 'e/award_scores': 'experts', 'aw-ranking': 'ranking',
      'e/assess_years': 'assessment', 'e/assess_indicators': 'assessment', 'e/assess_vetoes': 'assessment', 'e/assess_govs': 'assessment',
      'e/assess_scores': 'assessment', 'e/assess_findings': 'assessment', 'aw-assess': 'assessment',
    },
  },
  { role: 'sysadmin', file: 'sysadmin', pages: { home: 'duties', 'e/users': 'users', 'e/roles': 'duties', 'e/units': 'units', 'e/jurisdictions': 'units', 'e/dict_items': 'dictionaries', 'e/holidays': 'calendar', calendar: 'calendar', jobs: 'jobs', job: 'jobs', ...FOOD_REF } },
  { role: 'secadmin', file: 'secadmin', pages: { home: 'home', 'e/users': 'users', 'e/roles': 'roles', 'e/role_grants': 'roles', permissions: 'roles', sessions: 'sessions' } },
  { role: 'auditor', file: 'auditor', pages: { home: 'home', audit: 'audit', 'e/audit_log': 'audit', 'e/users': 'review' } },
]

// The administrator's guide (installation, backup, upgrade, calendar) for the three administrators.
export const ADMIN_GUIDE = { file: 'admin-install', roles: ['sysadmin', 'secadmin', 'auditor'] }
// Sign-in, home, lists, record pages, exports and imports: for everyone; the
// pages no role guide explains fall back to it.
export const BASICS = { file: 'basics', pages: { home: 'home', sessions: 'account', jobs: 'export-import', job: 'export-import' } }

