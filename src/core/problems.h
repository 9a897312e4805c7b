/* problems.h — the one error vocabulary (issue 13 §3).
 *
 * PROBLEMS: every kind of problem (RFC 9457) the server answers with. Each
 * has a stable type URI, PROBLEM_BASE "<slug>", an HTTP status and a title
 * in zh-CN and English; a caller adds only the detail
 * (ctx_problem(c, PROB_NOT_FOUND, detail)). A type's slug never changes
 * once shipped: integrators key on it. Title and status are the table's.
 *
 * FIELD_ERRS: every code of a 422's errors[] ({field,message,code}) with a
 * generic zh-CN/en text for it. The server sends its own specific message;
 * the generic text is what the console shows when there is none.
 * crud_field_error takes an fe_code, so no other code can be sent.
 *
 * The console's texts (web/src/i18n/errors.js) are generated from this file
 * by web/scripts/gen-errors.mjs (make check-web fails when they are stale),
 * docs/api.md lists the same table (checked by the unit test test_problems),
 * and the OpenAPI document carries both lists (x-problem-types, x-field-error-codes).
 *
 * Format: one entry per line, each title a single string literal (the
 * generator and the docs check read this file as text). */
#ifndef ZJ_PROBLEMS_H
#define ZJ_PROBLEMS_H

#define PROBLEM_BASE "https://zhijian.example/problems/"

/* Kept as laid out: one entry per line, read as text by web/scripts/gen-errors.mjs and test_problems. */
/* clang-format off */
/* PROBLEM(id, status, "slug", "zh-CN title", "en title") */
#define PROBLEMS(PROBLEM) \
	PROBLEM(BAD_PARAMETERS, 400, "bad-parameters", "参数有误", "Bad parameters") \
	PROBLEM(BAD_QUERY, 400, "bad-query", "查询参数有误", "Bad query parameter") \
	PROBLEM(BAD_IF_MATCH, 400, "bad-if-match", "If-Match 格式错误", "Malformed If-Match") \
	PROBLEM(BAD_JSON, 400, "bad-json", "JSON 格式错误", "Malformed JSON") \
	PROBLEM(MISSING_FILE, 400, "missing-file", "缺少文件", "Missing file") \
	PROBLEM(MISSING_BODY, 400, "missing-body", "缺少请求体", "Missing request body") \
	PROBLEM(BODY_NOT_OBJECT, 400, "body-not-object", "请求体应为 JSON 对象", "The body must be a JSON object") \
	PROBLEM(UNSUPPORTED_FORMAT, 400, "unsupported-format", "不支持的格式", "Unsupported format") \
	PROBLEM(NOT_SIGNED_IN, 401, "not-signed-in", "未登录或会话已过期", "Not signed in or session expired") \
	PROBLEM(WRONG_CREDENTIALS, 401, "wrong-credentials", "用户名或密码错误", "Wrong user name or password") \
	PROBLEM(FORBIDDEN, 403, "forbidden", "没有权限", "Forbidden") \
	PROBLEM(OUT_OF_SCOPE, 403, "out-of-scope", "超出数据范围", "Outside your data scope") \
	PROBLEM(CSRF, 403, "csrf", "CSRF 校验失败", "CSRF check failed") \
	PROBLEM(PASSWORD_CHANGE_REQUIRED, 403, "password-change-required", "请先修改密码", "Password change required") \
	PROBLEM(SEPARATION_OF_DUTIES, 403, "separation-of-duties", "三员分立", "Separation of duties") \
	PROBLEM(TOKEN_NO_PASSWORD_CHANGE, 403, "token-no-password-change", "API 令牌不能修改密码", "An API token cannot change passwords") \
	PROBLEM(TOKEN_NO_TOKENS, 403, "token-no-tokens", "API 令牌不能创建令牌", "An API token cannot create tokens") \
	PROBLEM(TOKEN_NO_RESETS, 403, "token-no-resets", "API 令牌不能重置密码", "An API token cannot reset passwords") \
	PROBLEM(OWN_RESET_APPROVAL, 403, "own-reset-approval", "不能批准重置自己的密码", "You cannot approve a reset of your own password") \
	PROBLEM(OWN_PASSWORD_RESET, 403, "own-password-reset", "不能重置自己的密码", "You cannot reset your own password") \
	PROBLEM(NOT_FOUND, 404, "not-found", "记录不存在", "Not found") \
	PROBLEM(PAGE_NOT_FOUND, 404, "page-not-found", "页面不存在", "Not found") \
	PROBLEM(NO_SUCH_RESOURCE, 404, "no-such-resource", "没有这个接口", "No such resource") \
	PROBLEM(NO_SUCH_ENTITY, 404, "no-such-entity", "没有这类记录", "No such kind of record") \
	PROBLEM(NO_SUCH_ACTION, 404, "no-such-action", "没有这个操作", "No such action") \
	PROBLEM(NO_SUCH_SESSION, 404, "no-such-session", "会话不存在", "No such session") \
	PROBLEM(NO_SUCH_USER, 404, "no-such-user", "用户不存在", "No such user") \
	PROBLEM(NO_PENDING_RESET, 404, "no-pending-reset", "没有待批准的重置申请", "No reset of this account awaits approval") \
	PROBLEM(NO_WORKFLOW, 404, "no-workflow", "该类记录没有流程", "This kind of record has no workflow") \
	PROBLEM(NO_SUCH_DOCUMENT, 404, "no-such-document", "没有这种文书", "No such document") \
	PROBLEM(NO_SUCH_DOCUMENT_VERSION, 404, "no-such-document-version", "没有该版本的文书", "No such version of the document") \
	PROBLEM(DOCUMENT_NOT_READY, 409, "document-not-ready", "文书尚不能生成", "The document cannot be made yet") \
	PROBLEM(EVIDENCE_FILE_MISSING, 404, "evidence-file-missing", "证据文件缺失", "The evidence file is missing") \
	PROBLEM(NO_VERDICT_TRACE, 404, "no-verdict-trace", "没有判定记录", "No verdict trace") \
	PROBLEM(METHOD_NOT_ALLOWED, 405, "method-not-allowed", "不支持的请求方法", "Method not allowed") \
	PROBLEM(STATE, 409, "state", "当前状态不能执行此步骤", "This step is not allowed in the current state") \
	PROBLEM(NO_SUCH_STEP, 409, "no-such-step", "没有这个流程步骤", "No such workflow step") \
	PROBLEM(STEP_FAILED, 409, "step-failed", "步骤未能完成", "The step could not be completed") \
	PROBLEM(CONFLICT, 409, "conflict", "与现有数据冲突", "Conflicts with existing data") \
	PROBLEM(RESET_PENDING, 409, "reset-pending", "已有待批准的重置申请", "A reset of this account already awaits approval") \
	PROBLEM(RULE_OF_PROCEDURE, 409, "rule-of-procedure", "不符合办案规则", "Refused by a rule of procedure") \
	PROBLEM(PLAN_OVER_BUDGET, 409, "plan-over-budget", "计划超出预算", "The plan exceeds its budget") \
	PROBLEM(PLAN_NO_LINES, 409, "plan-no-lines", "计划没有抽检批次", "The plan has no lines") \
	PROBLEM(PLAN_NOT_APPROVED, 409, "plan-not-approved", "计划尚未批准", "The plan is not approved") \
	PROBLEM(SAMPLE_INCOMPLETE, 409, "sample-incomplete", "检验结果不完整或有待人工判定的项目", "Items are missing or wait for a person's decision") \
	PROBLEM(SECOND_APPROVER, 409, "second-approver", "报告须由另一人审核批准", "The report must be approved by a second person") \
	PROBLEM(SAMPLE_NOT_UNDER_TEST, 409, "sample-not-under-test", "样品不在检验中", "The sample is not under test") \
	PROBLEM(JUDGED_BY_LIMIT, 409, "judged-by-limit", "该结果已按限量判定，无需人工判定", "This result was judged against a limit: there is nothing to decide") \
	PROBLEM(SPECIATED_LIMIT, 409, "speciated-limit", "总量超过形态限量，须测定形态后判定，不能人工判定", "The total exceeds the speciated limit: the speciated result decides, not a person") \
	PROBLEM(RETEST_PERIOD_OPEN, 409, "retest-period-open", "复检申请期限尚未届满", "The re-test application period has not ended") \
	PROBLEM(RETEST_OPEN, 409, "retest-open", "复检或异议尚未办结", "A re-test or objection is still open") \
	PROBLEM(RETEST_LATE, 409, "retest-late", "逾期申请，视为认可检验结论", "Applied late: the result is deemed accepted") \
	PROBLEM(RETEST_MICROBIOLOGICAL, 409, "retest-microbiological", "微生物指标不合格，不予复检", "A microbiological item failed: no re-test") \
	PROBLEM(RETEST_BACKUP_EXPIRED, 409, "retest-backup-expired", "备份样品已超过保质期或保存期，不予复检", "The backup sample is past its shelf life: no re-test") \
	PROBLEM(RETEST_NO_LAB, 409, "retest-no-lab", "名录中没有可选的复检机构", "No other listed laboratory to draw from") \
	PROBLEM(RETEST_FEE_UNPAID, 409, "retest-fee-unpaid", "复检费用尚未预先支付", "The re-test fee has not been paid in advance") \
	PROBLEM(OBJECTION_LATE, 409, "objection-late", "异议逾期提出", "The objection was raised late") \
	PROBLEM(DISPOSAL_NOTIFY_ONLY, 409, "disposal-notify-only", "异地通报任务只需通报", "A notification task is only notified") \
	PROBLEM(DISPOSAL_LOCAL_STEPS, 409, "disposal-local-steps", "本地核查处置任务须逐项办理", "A local disposal goes through its steps") \
	PROBLEM(NOTHING_TO_PUBLISH, 409, "nothing-to-publish", "该期间没有可公布的结果", "No result of the period can be published") \
	PROBLEM(STALE_VERSION, 412, "stale-version", "记录已被他人修改", "The record was changed by someone else") \
	PROBLEM(TOO_LARGE, 413, "too-large", "请求体过大", "Request body too large") \
	PROBLEM(VALIDATION, 422, "validation", "字段校验未通过", "Invalid field values") \
	PROBLEM(GRANT_BEYOND_OWN, 422, "grant-beyond-own", "不能授予自己没有的权限", "Cannot grant a permission you do not hold") \
	PROBLEM(UNREADABLE_FILE, 422, "unreadable-file", "文件无法读取", "The file cannot be read") \
	PROBLEM(DUE_DATE_NOT_LATER, 422, "due-date-not-later", "延期后的期限应晚于原期限", "The new due date must be later") \
	PROBLEM(VERSION_REQUIRED, 428, "version-required", "缺少版本号", "Version required") \
	PROBLEM(TOO_MANY_ATTEMPTS, 429, "too-many-attempts", "尝试过于频繁", "Too many attempts") \
	PROBLEM(TOO_MANY_SUBMISSIONS, 429, "too-many-submissions", "提交过于频繁", "Too many submissions") \
	PROBLEM(INTERNAL, 500, "internal", "服务器内部错误", "Internal server error") \
	PROBLEM(DB_ERROR, 500, "db-error", "数据库错误", "Database error") \
	PROBLEM(OUT_OF_MEMORY, 500, "out-of-memory", "内存不足", "Out of memory") \
	PROBLEM(CALENDAR_UNAVAILABLE, 500, "calendar-unavailable", "日历不可用", "Calendar unavailable") \
	PROBLEM(TEMPLATE_FAILED, 500, "template-failed", "模板生成失败", "Template failed") \
	PROBLEM(EVIDENCE_NOT_STORED, 500, "evidence-not-stored", "证据文件无法保存", "The evidence file could not be stored") \
	PROBLEM(BUSY, 503, "busy", "服务繁忙", "Server busy") \
	PROBLEM(DB_BUSY, 503, "db-busy", "数据库忙", "Database busy") \
	PROBLEM(AUDIT_UNAVAILABLE, 503, "audit-unavailable", "审计记录写入失败", "The audit record could not be written") \
	PROBLEM(IMPORTS_FULL, 503, "imports-full", "导入任务已满", "Too many imports running") \
	PROBLEM(JOBS_FULL, 503, "jobs-full", "后台任务已满", "Too many jobs waiting") \
	PROBLEM(STOPPING, 503, "stopping", "服务正在停止", "Server stopping") \
	PROBLEM(NO_FILE_FIELD, 404, "no-file-field", "没有这个文件字段", "No such file field") \
	PROBLEM(NO_FILE, 404, "no-file", "该记录没有此文件", "This record has no such file") \
	PROBLEM(FILE_MISSING, 404, "file-missing", "文件缺失", "The file is missing") \
	PROBLEM(FILE_HASH_MISMATCH, 409, "file-hash-mismatch", "存储的文件与登记的哈希不符", "The stored file does not match its hash") \
	PROBLEM(STORE_HASH_MISMATCH, 409, "store-hash-mismatch", "存储中同名文件内容与其哈希不符", "A stored file no longer matches its hash") \
	PROBLEM(FILE_TOO_LARGE, 413, "file-too-large", "文件过大", "File too large") \
	PROBLEM(FILE_TYPE, 415, "file-type", "文件类型不允许", "File type not allowed") \
	PROBLEM(FILE_EMPTY, 422, "file-empty", "文件为空", "Empty file") \
	PROBLEM(FILE_UNREADABLE, 500, "file-unreadable", "文件无法读取", "The upload could not be read") \
	PROBLEM(FILE_STORE, 500, "file-store", "文件无法保存", "The file could not be stored")

/* FIELD_ERR(id, "code", "zh-CN text", "en text") */
#define FIELD_ERRS(FIELD_ERR) \
	FIELD_ERR(REQUIRED, "required", "必填", "Required") \
	FIELD_ERR(TYPE, "type", "类型不正确", "Wrong type") \
	FIELD_ERR(LENGTH, "length", "长度不符合要求", "Wrong length") \
	FIELD_ERR(RANGE, "range", "超出允许范围", "Out of range") \
	FIELD_ERR(PATTERN, "pattern", "格式不正确", "Wrong format") \
	FIELD_ERR(DICT, "dict", "不是有效的选项", "Not a valid option") \
	FIELD_ERR(REF, "ref", "引用的记录不存在", "The referenced record does not exist") \
	FIELD_ERR(UNIQUE, "unique", "已存在相同的值", "This value already exists") \
	FIELD_ERR(UNKNOWN, "unknown", "未知字段", "Unknown field") \
	FIELD_ERR(CHECK, "check", "校验未通过", "Check failed") \
	FIELD_ERR(READONLY, "readonly", "该字段由系统维护，不能修改", "Maintained by the system") \
	FIELD_ERR(PERSONAL, "personal", "无权查看的个人信息不能修改", "Personal data you cannot see cannot be changed") \
	FIELD_ERR(SCOPE, "scope", "超出您的数据范围", "Outside your data scope") \
	FIELD_ERR(STATE, "state", "当前状态不允许", "Not allowed in the current state") \
	FIELD_ERR(CLOSED, "closed", "已办结，不能修改", "Closed: cannot change") \
	FIELD_ERR(LOCKED, "locked", "已确定，不能再改动", "Fixed: cannot change any more") \
	FIELD_ERR(IMMUTABLE, "immutable", "登记后不能替换", "Cannot be replaced once registered") \
	FIELD_ERR(FUTURE, "future", "不能晚于今天", "Cannot be later than today") \
	FIELD_ERR(ORDER, "order", "日期先后顺序不正确", "Dates out of order") \
	FIELD_ERR(EXPIRED, "expired", "期限已届满", "The period has ended") \
	FIELD_ERR(ONCE, "once", "只能办理一次", "Allowed only once") \
	FIELD_ERR(HASH, "hash", "文件摘要不符", "The file digest does not match") \
	FIELD_ERR(GENERATED, "generated", "由系统生成", "Generated by the system") \
	FIELD_ERR(DUTY, "duty", "不符合三员分立", "Against the separation of duties") \
	FIELD_ERR(BUDGET, "budget", "超出预算", "Over budget") \
	FIELD_ERR(UNIT, "unit", "计量单位不正确", "Wrong unit") \
	FIELD_ERR(QUERY, "query", "查询参数有误", "Bad query parameter") \
	FIELD_ERR(PASSWORD, "password", "密码不符合要求", "The password is not acceptable") \
	FIELD_ERR(FILE, "file", "文件不符合要求", "Not an acceptable file") \
	FIELD_ERR(MIME, "mime", "文件类型不允许", "File type not allowed")
/* clang-format on */

#define PROBLEM_ENUM_(id, st, slug, zh, en) PROB_##id,
typedef enum prob_id { PROBLEMS(PROBLEM_ENUM_) PROB_COUNT_ } prob_id;
#define FIELD_ERR_ENUM_(id, code, zh, en) FE_##id,
typedef enum fe_code { FIELD_ERRS(FIELD_ERR_ENUM_) FE_COUNT_ } fe_code;

typedef struct problem_def {
	int status;
	const char *slug, *type, *zh, *en;
} problem_def;
typedef struct field_err_def {
	const char *code, *zh, *en;
} field_err_def;

extern const problem_def problem_defs[PROB_COUNT_];
extern const field_err_def field_err_defs[FE_COUNT_];

const problem_def *problem_get(prob_id p);
const char *fe_name(fe_code f);

#endif
