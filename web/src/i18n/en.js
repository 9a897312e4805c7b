// Console and portal strings, English. Keep the same keys as zh-CN.js.
export default {
  app: {
    name: 'Zhijian',
    title: 'Quality Supervision Information System',
    skip: 'Skip to main content',
    toggleMenu: 'Expand or collapse the menu',
  },
  common: {
    ok: 'OK', cancel: 'Cancel', save: 'Save', search: 'Search', reset: 'Reset', new: 'New',
    edit: 'Edit', delete: 'Delete', view: 'View', back: 'Back', refresh: 'Refresh', close: 'Close',
    yes: 'Yes', no: 'No', loading: 'Loading…', actions: 'Actions', confirm: 'Confirm', noData: 'No data',
    all: 'All', from: 'From', to: 'To', min: 'Min', max: 'Max', select: 'Select', input: 'Enter',
    language: 'Language', details: 'Details', more: 'More', submit: 'Submit', next: 'Next', prev: 'Back',
    home: 'Home', retry: 'Retry', unknown: 'Unknown',
  },
  sys: {
    id: 'ID', version: 'Version', created_at: 'Created at', updated_at: 'Updated at', created_by: 'Created by',
    updated_by: 'Updated by', state: 'State',
  },
  lang: { 'zh-CN': '简体中文', en: 'English', switch: 'Switch language' },
  login: {
    title: 'Sign in', subtitle: 'Quality Supervision Information System', username: 'Username', password: 'Password',
    submit: 'Sign in', signingIn: 'Signing in…',
    wrong: 'Wrong username or password.', locked: 'This account is locked. Try again later or contact the security administrator.',
    rateLimited: 'Too many attempts. Please wait and try again.', retryAfter: 'Try again in {s} seconds.',
    needUsername: 'Enter your username', needPassword: 'Enter your password',
    expired: 'Your session has expired. Please sign in again.', signedOut: 'You have signed out.',
    portal: 'Public portal',
  },
  pwd: {
    setTitle: 'Reset password: {name}', setHint: 'The server makes a one-time password and shows it once; the user must change it at the next sign-in and is told of this reset. An administrator\'s account needs a second administrator\'s approval.',
    set: 'Password reset', setButton: 'Reset password', reason: 'Reason (goes into the audit log)',
    onceHint: 'This one-time password is shown only now: hand it to the user in person or over a secure channel. Valid until {at}.', pendingHint: 'Submitted; a second administrator must approve it.',
    approveTitle: 'Approve password reset: {name}', approveHint: 'Approve another administrator\'s reset request; the one-time password is shown to you.', approveButton: 'Approve reset',
    resetNotice: 'Your password was reset by {by} at {at}. If you did not ask for it, tell the security administrator at once.',
    title: 'Change password', forcedTitle: 'Change your password',
    forcedHint: 'For your account’s security you must set a new password before you continue.',
    old: 'Current password', new: 'New password', confirm: 'Confirm new password', mismatch: 'The new passwords do not match',
    same: 'The new password must differ from the current one', changed: 'Password changed', need: 'Enter the {label}',
  },
  menu: { audit: 'Audit', home: 'Home', other: 'Other', sessions: 'My sessions', account: 'Account' },
  user: { menu: 'User menu', sessions: 'My sessions', password: 'Change password', signOut: 'Sign out', jobs: 'My jobs' },
  sessions: {
    title: 'My sessions', created: 'Signed in', lastSeen: 'Last active', ip: 'IP address', agent: 'Browser',
    current: 'This session', revoke: 'Sign out', revoked: 'Session signed out', confirm: 'Sign out this session?',
    notAvailable: 'The server does not offer the session list yet.',
  },
  list: {
    q: 'Keyword', qPlaceholder: 'Name, number or other keyword', filters: 'Search', results: 'Results',
    page: 'Page {n}', count: '{n} records', prevPage: 'Previous page', nextPage: 'Next page', perPage: 'Rows per page',
    columns: 'Columns', export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel (XLSX)',
    exporting: 'Exporting… {size} received', exported: 'Export finished', import: 'Import',
    noAccess: 'You may not read this data, or this data type does not exist.', rangeFrom: '{label} from', rangeTo: '{label} to',
    openDetail: 'Open {name}', sortedBy: 'Sort',
    view: 'View', viewList: 'List', viewTree: 'Tree', expandAll: 'Expand all', collapseAll: 'Collapse all',
    treeTruncated: 'Too many rows: the tree shows the first {n}. Narrow the search.',
  },
  form: {
    newTitle: 'New: {entity}', editTitle: 'Edit: {entity}', required: '{label} is required',
    minLen: '{label} needs at least {n} characters', maxLen: '{label} allows at most {n} characters',
    lenEq: '{label} must be {n} characters', pattern: '{label} has the wrong format',
    min: '{label} must be at least {n}', max: '{label} must be at most {n}',
    int: '{label} must be a whole number', decimal: '{label} must be a number', money: '{label} must be an amount in yuan (at most 2 decimals)',
    json: '{label} must be valid JSON', fix: 'Please correct the marked fields', created: 'Created', updated: 'Saved',
    yuan: 'yuan', readonly: 'Read-only', personalHint: 'Personal data, shown masked',
    pickDate: 'Pick a date', pickDatetime: 'Pick a date and time',
  },
  conflict: {
    title: 'Edit conflict', intro: 'Someone else changed this record while you were editing it (now version {v}). These fields differ from what you opened:',
    field: 'Field', loaded: 'When you opened it', current: 'Now', mine: 'Your change',
    none: 'The other change does not touch the fields you edited.', reload: 'Reload (discard my changes)',
    overwrite: 'Overwrite (save my changes)', reloaded: 'Reloaded the latest data',
  },
  del: { title: 'Delete', confirm: 'Delete “{name}”? The record stays in the audit trail but is no longer shown.', done: 'Deleted' },
  detail: {
    history: 'History', noHistory: 'No history yet', workflow: 'Workflow', state: 'State',
    transition: 'Action: {name}', transitionDone: 'Done: {name}', actions: 'Available actions',
    fields: 'Details', system: 'System',
  },
  history: {
    login: 'Signed in', logout: 'Signed out', login_failed: 'Sign-in failed', locked: 'Account locked', password_reset: 'Password reset',
    read_personal: 'Read personal data', export: 'Exported', import: 'Imported', sign_in: 'Signed in', sign_out: 'Signed out', password: 'Password changed',
    create: 'Created', update: 'Changed', delete: 'Deleted', transition: 'Transition', restore: 'Restored',
    by: 'by {user}', changes: 'Changes', from: 'Old value', to: 'New value', field: 'Field',
  },
  imp: {
    title: 'Import: {entity}', step1: 'Choose file', step2: 'Preview', step3: 'Importing', step4: 'Result',
    format: 'File format', template: 'Download template', choose: 'Choose file', chosen: 'Chosen: {name} ({size})',
    noFile: 'Choose a file first', dryRun: 'Validate only (write nothing)', previewHint: 'The first {n} rows of the file:',
    previewNone: 'XLSX files are checked on the server; there is no local preview.', start: 'Start import',
    progress: '{done} of {total} rows processed', queued: 'Queued…',
    done: 'Import finished: {n} records written.', dryDone: 'Validation passed: {n} rows, nothing written.',
    failed: 'Import failed and nothing was written. Fix the rows below and import again.',
    errors: 'Errors', row: 'Row', field: 'Field', value: 'Value', reason: 'Reason',
    viewJob: 'See it in the jobs list', again: 'Import again', tooLarge: 'The file exceeds the 20 MiB limit', wrongType: 'Choose a {fmt} file',
  },
  exp: { title: 'Export', preparing: 'Preparing…' },
  // My to-do, the leaders' figures and the bell (issue 14 §4, §10)
  todo: {
    title: 'My to-do', record: 'Record', state: 'State', action: 'To do', deadline: 'Deadline', or: ' or ',
    noDeadline: 'No deadline', total: '{n} in all', place: 'District: {place}', recordNo: 'Record no. {id}',
  },
  kpi: { yuan: '¥{v}', ofFines: 'fines decided this year ¥{v}', doneOf: '{done} of {of} {unit}' },
  bell: {
    title: 'Notifications', unread: '{n} unread', readAll: 'Mark all read', empty: 'No notifications', due: 'due {d}', handled: 'done',
  },
  dash: {
    title: 'Dashboard', welcome: 'Hello, {name}', tasks: 'My tasks', task: 'Task', deadline: 'Deadline',
    left: 'Left', overdue: '{n} days overdue', dueToday: 'Due today', dueIn: '{n} days left',
    counts: 'Overview', noTasks: 'No tasks', notAvailable: 'The dashboard is not available yet.',
    chart: 'Counts', quick: 'Shortcuts',
  },
  perm: {
    title: 'Role permissions', roles: 'Roles', perm: 'Permission', object: 'Data', scope: 'Scope',
    pick: 'Pick a role on the left', save: 'Save permissions', saved: 'Permissions saved',
    notAvailable: 'The server does not offer the permission matrix (/api/v1/permissions) yet. Roles themselves can be edited on the Roles page.',
    scopes: { none: 'None', own: 'Own', unit: 'Own unit', jurisdiction: 'Jurisdiction', all: 'All' },
    actions: { read: 'Read', create: 'Create', update: 'Update', delete: 'Delete', import: 'Import', export: 'Export', personal: 'Personal data' },
  },
  // Problems (RFC 9457) by HTTP status when the server sends no title; 0: no answer.
  err: {
    0: 'Network error: the server cannot be reached.', http: 'The request failed ({status}).', 500: 'Server error. Please try again later.',
    403: 'You are not allowed to do this.', 404: 'The record does not exist or was deleted.', 409: 'This action is not allowed in the current state.',
    412: 'Someone else changed the record. Reload and try again.', 413: 'Too large.', 422: 'Some values are invalid.', 429: 'Too many requests. Please wait and try again.',
  },
  // errp.<type> and errc.<code> (the server's problem types and field-error codes) are
  // generated from src/core/problems.h into ./errors.js.
  audit: {
    title: 'Audit log', username: 'User', action: 'Action', entity: 'Data', entityId: 'Record ID', at: 'Time',
    before: 'Before', after: 'After', hash: 'Hash',
  },
  tree: { label: 'Filter by {name}', search: 'Find', all: 'All', sub: 'With subordinates', truncated: 'Only the first {n} nodes are shown.' },
  notFound: { title: 'Page not found', back: 'Back to home' },
  portal: {
    title: 'Quality Supervision Public Services', short: 'Public services', home: 'Home', console: 'Staff sign-in', menu: 'Navigation',
    welcome: 'Welcome to the quality supervision public service portal',
    intro: 'Look up food safety sampling results, file a complaint or report, and read the bureau’s notices.',
    footer: 'Run by the {city} Administration for Market Regulation (quality supervision) · Hotline {hotline}',
    pages: 'Pages',
  },
  widget: {
    daysLate: '{n} d late', view: 'View', chart: 'Chart', table: 'Table', empty: 'No data', year: 'year {y}', total: 'total {n}', count: '{n} item(s)',
    overdueN: '{n} overdue', nearDueN: '{n} near due', noDeadlines: 'Nothing overdue or near due',
    col: { state: 'State', kind: 'Kind', label: 'What is due', title: 'Name', due: 'Due', days_left: 'Days left' },
  },
  // Records by stage and steps that say why not (issue 14 §5, §6).
  record: {
    related: 'Related records', noRelated: 'No related records', open: 'Open', all: 'See all',
    stage: 'Stage: {state}', closed: 'This record is in state "{state}": a closed record can no longer be edited.',
    willDo: '“{step}” on “{record}”.', effect: ' This {effect}.',
  },
  // Stored files (FT_FILE) and units beside numbers (issue 14 §3, §7)
  files: {
    upload: 'Upload a file', replace: 'Replace the file', remove: 'Remove', preview: 'Preview', download: 'Download',
    hashHelp: 'The SHA-256 is computed by the server from the file\'s content; it proves the file unchanged', accepts: 'Accepted: {types}', images: 'images',
    noPreview: 'This kind of file cannot be previewed: download it.',
  },
  units: { day: 'days', batch: 'batches', percent: '%', byte: 'bytes' },
  // Status everywhere, labels not codes (issue 14 §1, §2)
  status: {
    state: 'State', deadline: 'Deadline', all: 'All', overdue: 'Overdue',
    leftWorking: '{n} working days left', leftDays: '{n} days left', dueToday: 'Due today', overdueDays: '{n} days overdue',
    dueOn: '{kind}: due {due}', kindDefault: 'time limit',
  },
  // Audit actions in words (issue 14 §2)
  auditAct: {
    init: 'System set up', user_add: 'User added', denied: 'Access denied', audit_seal_legacy: 'Old log sealed', evidence_tampered: 'Evidence tampered',
    file_tampered: 'File tampered', file_upload: 'File uploaded', import_batch: 'Batch import', import_withdrawn: 'Import withdrawn', issue_document: 'Document issued',
    password_change_failed: 'Password change failed', password_reset_request: 'Password reset requested', read_audit: 'Audit log read', read_evidence: 'Evidence read',
    read_file: 'File read', session_revoke: 'Session revoked', token_create: 'Access token created', upload: 'Upload', withdraw: 'Withdrawn',
    seq: 'No.', record: 'Record', recordNo: 'record no. {n}',
  },
  // Help: the user guides (issue 14 §14)
  help: {
    title: 'Help', menu: 'Help', thisPage: 'Help for this page', guideOf: '{role} guide', adminGuide: "Administrator's guide",
    all: 'All guides', basics: 'Basics', choose: 'Choose a guide', print: 'Print', missing: 'This guide was not found; choose one from the help menu.',
    roles: {
      director: 'Director', food_sampler: 'Food sampler', lab_analyst: 'Lab analyst', food_supervisor: 'Food supervisor',
      risk_analyst: 'Risk analyst', case_handler: 'Case handler', legal_reviewer: 'Legal reviewer', agency_member: 'Consulting-agency member',
      service_desk: 'Service desk', district_officer: 'District officer', equipment_registrar: 'Equipment registrar',
      equipment_inspector: 'Equipment inspector', ledger_clerk: 'Office clerk (ledger and instructions)', award_expert: 'Award expert', sysadmin: 'System administrator',
      secadmin: 'Security administrator', auditor: 'Audit administrator',
      enterprise_service: 'Enterprise service officer', conduct_officer: 'Conduct complaints officer',
    },
  },
  // Printing a record (issue 14 §11)
  print: { button: 'Print', number: 'No.', printedAt: 'Printed', open: 'Open', issued: 'Issued', draft: 'Not issued (draft)' },
  // issue 14 §2, §7, §13 (labels not codes, forms, English complete)
  words: {
    versionNo: 'version {v}', jobNo: 'job no. {n}',
    obj: { audit: 'Audit log', jobs: 'Jobs', sessions: 'Sessions' },
    perm: {
      revoke_any: "End others' sessions", assign_roles: 'Assign roles', reset_password: 'Reset password', approve_reset: 'Approve reset',
      stats: 'Statistics', extend: 'Extend', decide: 'Decide',
    },
    // a module's named writes and refusals in the audit log and history
    act: {
      conclude: 'Concluded', consultation: 'Consultation', filing: 'Filing', late_fee: 'Late fee', major: 'Major case', notice: 'Notice',
      publish: 'Published', review: 'Review', term: 'Time limit', to_case: 'Turned into a case', login_rate_limited: 'Too many sign-ins',
      public_rate_limited: 'Too many public requests',
    },
  },
  // RuoYi habits (issue 14 §9): trees, folding filters, pages, batches, tags, dictionaries
  console9: {
    fold: 'Fewer', unfold: 'More ({n} more filters)', jurisTree: 'Areas', unitTree: 'Units',
    batch: 'Batch actions', selected: '{n} selected', exportSelected: 'Export selected', batchStep: 'Batch step', batchDelete: 'Delete selected',
    clear: 'Clear selection', stepWhat: '"{step}" for the {n} selected records, each checked for permission and state.', resultTitle: 'Batch result',
    result: '{done} done, {failed} not done', record: 'Record', why: 'Reason', recordNo: 'Record no. {n}',
    deleteConfirm: 'Delete the {n} selected records? Each is checked for permission; deleted records stay in the audit log.',
    tags: 'Open pages', tagClose: 'Close', closeOthers: 'Close others', closeAll: 'Close all',
    dictTitle: 'Dictionaries', dictTypes: 'Dictionary types', dictItems: 'Items', dictPick: 'Pick a dictionary type on the left', dictUsedBy: 'Used by: {fields}',
    dictNew: 'New item', dictEdit: 'Edit item', dictCount: '{n} items', dictSearch: 'Find a dictionary type',
    auditExport: 'Export', otherPerms: 'Workflow steps and other permissions',
  },
  actionButtons: {
    confirm: 'Go ahead with "{label}"?', done: 'Done: {label}', month: 'Month (YYYY-MM)', monthBad: 'Must be a month YYYY-MM',
    confirmRows: 'Go ahead with "{label}" for the {n} ticked rows?', tick: 'Tick the rows first',
  },
}
