// Console and portal strings, 简体中文 (the default language).
// Entity and field labels are not here: they come from GET /api/v1/meta.
export default {
  app: {
    name: '质监',
    title: '质量技术监督信息系统',
    skip: '跳到主要内容',
    toggleMenu: '展开/收起菜单',
  },
  common: {
    ok: '确定', cancel: '取消', save: '保存', search: '搜索', reset: '重置', new: '新增',
    edit: '编辑', delete: '删除', view: '查看', back: '返回', refresh: '刷新', close: '关闭',
    yes: '是', no: '否', loading: '加载中…', actions: '操作', confirm: '确认', noData: '暂无数据',
    all: '全部', from: '起', to: '止', min: '最小', max: '最大', select: '请选择', input: '请输入',
    language: '语言', details: '详情', more: '更多', submit: '提交', next: '下一步', prev: '上一步',
    home: '首页', retry: '重试', unknown: '未知',
  },
  sys: {
    id: '编号', version: '版本', created_at: '创建时间', updated_at: '更新时间', created_by: '创建人',
    updated_by: '更新人', state: '状态',
  },
  lang: { 'zh-CN': '简体中文', en: 'English', switch: '切换语言' },
  login: {
    title: '用户登录', subtitle: '质量技术监督信息系统', username: '用户名', password: '密码',
    submit: '登录', signingIn: '正在登录…',
    wrong: '用户名或密码错误。', locked: '账户已被锁定,请稍后再试或联系安全管理员。',
    rateLimited: '尝试过于频繁,请稍后再试。', retryAfter: '请在 {s} 秒后重试。',
    needUsername: '请输入用户名', needPassword: '请输入密码',
    expired: '登录已过期,请重新登录。', signedOut: '已安全退出。',
    portal: '公众服务门户',
  },
  pwd: {
    setTitle: '重置密码:{name}', setHint: '系统生成一次性密码并只显示一次；该用户须在下次登录时修改密码，并会看到本次重置。管理员账号须另一名管理员批准。',
    set: '密码已重置', setButton: '重置密码', reason: '重置原因（记入审计日志）',
    onceHint: '一次性密码只显示这一次，请当面或经安全渠道交给用户；{at} 前有效。', pendingHint: '已提交，等待另一名管理员批准。',
    approveTitle: '批准重置密码:{name}', approveHint: '批准另一名管理员提出的重置申请，一次性密码将显示给您。', approveButton: '批准重置',
    resetNotice: '您的密码于 {at} 被 {by} 重置。若非本人申请，请立即联系安全管理员。',
    title: '修改密码', forcedTitle: '首次登录请修改密码',
    forcedHint: '为保障账户安全,必须先设置新密码才能继续使用系统。',
    old: '原密码', new: '新密码', confirm: '确认新密码', mismatch: '两次输入的新密码不一致',
    same: '新密码不能与原密码相同', changed: '密码已修改', need: '请输入{label}',
  },
  menu: { audit: '安全审计', home: '首页', other: '其他', sessions: '我的会话', account: '个人中心' },
  user: { menu: '用户菜单', sessions: '我的会话', password: '修改密码', signOut: '退出登录', jobs: '我的任务' },
  sessions: {
    title: '我的会话', created: '登录时间', lastSeen: '最近活动', ip: 'IP 地址', agent: '浏览器',
    current: '当前会话', revoke: '注销', revoked: '会话已注销', confirm: '确定注销该会话吗?',
    notAvailable: '服务器暂未提供会话列表功能。',
  },
  list: {
    q: '关键字', qPlaceholder: '名称、编号等关键字', filters: '查询条件', results: '查询结果',
    page: '第 {n} 页', count: '共 {n} 条', prevPage: '上一页', nextPage: '下一页', perPage: '每页条数',
    columns: '显示列', export: '导出', exportCsv: '导出 CSV', exportXlsx: '导出 Excel (XLSX)',
    exporting: '正在导出…已接收 {size}', exported: '导出完成', import: '导入',
    noAccess: '无权访问此数据或数据类型不存在。', rangeFrom: '{label}起', rangeTo: '{label}止',
    openDetail: '查看 {name}', sortedBy: '排序',
    view: '显示方式', viewList: '列表', viewTree: '树形', expandAll: '全部展开', collapseAll: '全部折叠',
    treeTruncated: '数据较多,树形视图只显示前 {n} 条,请用查询条件缩小范围。',
  },
  form: {
    newTitle: '新增{entity}', editTitle: '编辑{entity}', required: '请填写{label}',
    minLen: '{label}至少 {n} 个字符', maxLen: '{label}最多 {n} 个字符',
    lenEq: '{label}应为 {n} 个字符', pattern: '{label}格式不正确',
    min: '{label}不能小于 {n}', max: '{label}不能大于 {n}',
    int: '{label}应为整数', decimal: '{label}应为数字', money: '{label}应为金额(元,最多两位小数)',
    json: '{label}应为合法的 JSON', fix: '请更正标出的字段', created: '已创建', updated: '已保存',
    yuan: '元', readonly: '只读', personalHint: '个人信息,已脱敏显示',
    pickDate: '选择日期', pickDatetime: '选择日期时间',
  },
  conflict: {
    title: '数据冲突', intro: '在您编辑期间,此记录已被他人修改(当前版本 {v})。以下字段与您打开时不同:',
    field: '字段', loaded: '您打开时', current: '当前值', mine: '您的修改',
    none: '其他人修改的字段与您的修改无关。', reload: '重新加载(放弃我的修改)',
    overwrite: '覆盖(保存我的修改)', reloaded: '已重新加载最新数据',
  },
  del: { title: '删除确认', confirm: '确定删除「{name}」吗?删除后记录保留在审计中,但不再显示。', done: '已删除' },
  detail: {
    history: '变更记录', noHistory: '暂无变更记录', workflow: '流程', state: '当前状态',
    transition: '办理:{name}', transitionDone: '已办理:{name}', actions: '可办理操作',
    fields: '基本信息', system: '系统信息',
  },
  history: {
    login: '登录', logout: '退出登录', login_failed: '登录失败', locked: '账户锁定', password_reset: '重置密码',
    read_personal: '查看个人信息', export: '导出', import: '导入', sign_in: '登录', sign_out: '退出', password: '修改密码',
    create: '创建', update: '修改', delete: '删除', transition: '流转', restore: '恢复',
    by: '操作人 {user}', changes: '变更内容', from: '原值', to: '新值', field: '字段',
  },
  imp: {
    title: '导入{entity}', step1: '选择文件', step2: '预览', step3: '导入中', step4: '结果',
    format: '文件格式', template: '下载导入模板', choose: '选择文件', chosen: '已选择:{name}({size})',
    noFile: '请先选择文件', dryRun: '仅校验(不写入)', previewHint: '以下为文件前 {n} 行预览:',
    previewNone: 'XLSX 文件在服务器端校验,无本地预览。', start: '开始导入',
    progress: '已处理 {done} / {total} 行', queued: '排队中…',
    done: '导入成功,共写入 {n} 条记录。', dryDone: '校验通过,共 {n} 行,未写入任何数据。',
    failed: '导入失败,未写入任何数据。请根据下表修改后重新导入。',
    errors: '错误明细', row: '行号', field: '字段', value: '值', reason: '原因',
    viewJob: '在任务列表中查看', again: '重新导入', tooLarge: '文件超过 20 MiB 上限', wrongType: '请选择 {fmt} 文件',
  },
  exp: { title: '导出', preparing: '正在准备…' },
  // My to-do, the leaders' figures and the bell (issue 14 §4, §10)
  todo: {
    title: '我的待办', record: '记录', state: '当前状态', action: '待办事项', deadline: '办理期限', or: ' 或 ',
    noDeadline: '无期限', total: '共 {n} 件', place: '辖区：{place}', recordNo: '第 {id} 号记录',
  },
  kpi: { yuan: '{v} 元', ofFines: '本年度决定罚款 {v} 元', doneOf: '{done} / {of} {unit}' },
  bell: {
    title: '通知', unread: '{n} 条未读', readAll: '全部标为已读', empty: '暂无通知', due: '期限 {d}', handled: '已办理',
  },
  dash: {
    title: '工作台', welcome: '您好,{name}', tasks: '我的待办', task: '事项', deadline: '期限',
    left: '剩余', overdue: '已逾期 {n} 天', dueToday: '今天到期', dueIn: '剩余 {n} 天',
    counts: '数据概览', noTasks: '暂无待办事项', notAvailable: '工作台数据暂不可用。',
    chart: '数量统计', quick: '快捷入口',
  },
  perm: {
    title: '角色权限矩阵', roles: '角色', perm: '权限', object: '数据对象', scope: '数据范围',
    pick: '请选择左侧角色', save: '保存权限', saved: '权限已保存',
    notAvailable: '服务器暂未提供权限矩阵接口(/api/v1/permissions)。可在“角色”页面维护角色基本信息。',
    scopes: { none: '无', own: '本人', unit: '本单位', jurisdiction: '本辖区', all: '全部' },
    actions: { read: '查看', create: '新增', update: '修改', delete: '删除', import: '导入', export: '导出', personal: '个人信息' },
  },
  // Problems (RFC 9457) by HTTP status when the server sends no title; 0: no answer.
  err: {
    0: '网络错误,无法连接服务器。', http: '请求失败({status})。', 500: '服务器内部错误,请稍后再试。',
    403: '没有权限执行此操作。', 404: '记录不存在或已删除。', 409: '当前状态不允许此操作。',
    412: '记录已被他人修改,请刷新后重试。', 413: '内容过大。', 422: '输入有误,请检查。', 429: '请求过于频繁,请稍后再试。',
  },
  // errp.<type> and errc.<code> (the server's problem types and field-error codes) are
  // generated from src/core/problems.h into ./errors.js.
  audit: {
    title: '审计日志', username: '用户', action: '操作', entity: '对象', entityId: '记录编号', at: '时间',
    before: '修改前', after: '修改后', hash: '哈希',
  },
  tree: { label: '按{name}筛选', search: '查找', all: '全部', sub: '含下级', truncated: '只显示了前 {n} 个节点。' },
  notFound: { title: '页面不存在', back: '返回首页' },
  portal: {
    title: '质量技术监督公众服务', short: '公众服务', home: '首页', console: '工作人员登录', menu: '导航菜单',
    welcome: '欢迎访问质量技术监督公众服务平台',
    intro: '在这里可以查询食品安全监督抽检结果、提交投诉举报,并查看本局发布的公告。',
    footer: '主办：{city}市场监督管理局（质量技术监督）· 投诉举报电话 {hotline}',
    pages: '栏目',
  },
  widget: {
    daysLate: '逾期 {n} 天', view: '显示方式', chart: '图表', table: '表格', empty: '暂无数据', year: '{y} 年', total: '合计 {n}', count: '{n} 项',
    overdueN: '逾期 {n}', nearDueN: '临期 {n}', noDeadlines: '没有逾期或临期的期限',
    col: { state: '状态', kind: '类型', label: '期限事项', title: '名称', due: '届满日', days_left: '剩余天数' },
  },
  // Records by stage and steps that say why not (issue 14 §5, §6).
  record: {
    related: '相关记录', noRelated: '暂无相关记录', open: '查看', all: '查看全部',
    stage: '{state}阶段', closed: '本记录状态为「{state}」，已办结的记录不能再编辑。',
    willDo: '对“{record}”办理“{step}”。', effect: '将{effect}。',
  },
  // Stored files (FT_FILE) and units beside numbers (issue 14 §3, §7)
  files: {
    upload: '上传文件', replace: '更换文件', remove: '移除', preview: '预览', download: '下载',
    hashHelp: 'SHA-256 由服务器根据文件内容计算，用于证明文件未被改动', accepts: '可上传：{types}', images: '图片',
    noPreview: '此类文件不能预览，请下载查看。',
  },
  units: { day: '天', batch: '批次', percent: '%', byte: '字节' },
  // Status everywhere, labels not codes (issue 14 §1, §2)
  status: {
    state: '状态', deadline: '期限', all: '全部', overdue: '已逾期',
    leftWorking: '剩 {n} 个工作日', leftDays: '剩 {n} 天', dueToday: '今日到期', overdueDays: '逾期 {n} 天',
    dueOn: '{kind}：{due} 到期', kindDefault: '办理期限',
  },
  // Audit actions in words (issue 14 §2)
  auditAct: {
    init: '系统初始化', user_add: '新增用户', denied: '拒绝访问', audit_seal_legacy: '封存旧日志', evidence_tampered: '证据被篡改',
    file_tampered: '文件被篡改', file_upload: '上传文件', import_batch: '批量导入', import_withdrawn: '撤回导入', issue_document: '出具文书',
    password_change_failed: '修改密码失败', password_reset_request: '申请重置密码', read_audit: '查看审计日志', read_evidence: '查看证据',
    read_file: '查看文件', session_revoke: '注销会话', token_create: '创建访问令牌', upload: '上传', withdraw: '撤回',
    seq: '序号', record: '记录', recordNo: '第 {n} 号记录',
  },
  // Help: the user guides (issue 14 §14)
  help: {
    title: '帮助', menu: '帮助', thisPage: '本页帮助', guideOf: '{role}操作指南', adminGuide: '管理员安装与运维指南',
    all: '全部指南', basics: '通用操作', choose: '选择指南', print: '打印', missing: '未找到这份指南，请从帮助菜单重新选择。',
    roles: {
      director: '局长', food_sampler: '食品抽样员', lab_analyst: '检验员', food_supervisor: '食品监管员',
      risk_analyst: '风险分析员', case_handler: '办案人员', legal_reviewer: '法制审核员', agency_member: '会商单位成员',
      service_desk: '服务窗口', district_officer: '区县监管员', equipment_registrar: '特种设备登记员',
      equipment_inspector: '特种设备检验员', ledger_clerk: '办公室文秘（支撑与批示）', award_expert: '质量奖评审专家', sysadmin: '系统管理员',
      secadmin: '安全管理员', auditor: '审计管理员',
      enterprise_service: '企业服务专员', conduct_officer: '政风行风监督员',
    },
  },
  // Printing a record (issue 14 §11)
  print: { button: '打印', number: '编号', printedAt: '打印时间', open: '查看', issued: '已签发', draft: '未签发（草稿）' },
  // issue 14 §2, §7, §13 (labels not codes, forms, English complete)
  words: {
    versionNo: '第 {v} 版', jobNo: '第 {n} 号任务',
    obj: { audit: '审计日志', jobs: '后台任务', sessions: '会话' },
    perm: {
      revoke_any: '结束他人会话', assign_roles: '分配角色', reset_password: '重置密码', approve_reset: '批准重置密码',
      stats: '统计', extend: '延期', decide: '判定',
    },
    // a module's named writes and refusals in the audit log and history
    act: {
      conclude: '作出结论', consultation: '会商', filing: '立案', late_fee: '加处罚款', major: '重大案件认定', notice: '通知',
      publish: '公布', review: '审核', term: '期限', to_case: '转为案件', login_rate_limited: '登录过于频繁',
      public_rate_limited: '公众请求过于频繁',
    },
  },
  // RuoYi habits (issue 14 §9): trees, folding filters, pages, batches, tags, dictionaries
  console9: {
    fold: '收起', unfold: '展开（另有 {n} 项条件）', jurisTree: '辖区', unitTree: '单位',
    batch: '批量操作', selected: '已选 {n} 项', exportSelected: '导出所选', batchStep: '批量办理', batchDelete: '批量删除',
    clear: '取消选择', stepWhat: '对所选的 {n} 条记录办理“{step}”，逐条检查权限与状态。', resultTitle: '批量操作结果',
    result: '成功 {done} 条，未办理 {failed} 条', record: '记录', why: '原因', recordNo: '第 {n} 号记录',
    deleteConfirm: '确定删除所选的 {n} 条记录吗？逐条检查权限，删除后记录保留在审计中。',
    tags: '已打开的页面', tagClose: '关闭', closeOthers: '关闭其他', closeAll: '全部关闭',
    dictTitle: '字典管理', dictTypes: '字典类型', dictItems: '字典项', dictPick: '请选择左侧字典类型', dictUsedBy: '用于：{fields}',
    dictNew: '新增字典项', dictEdit: '编辑字典项', dictCount: '{n} 项', dictSearch: '查找字典类型',
    auditExport: '导出', otherPerms: '流程步骤与其他权限',
  },
  actionButtons: {
    confirm: '确定要执行「{label}」吗？', done: '已完成：{label}', month: '请输入月份（YYYY-MM）', monthBad: '应为年月 YYYY-MM',
    confirmRows: '确定对所选 {n} 条记录执行「{label}」吗？', tick: '请先勾选记录',
  },
}
