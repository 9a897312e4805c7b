/* api_console.c — routes the console's list and administration pages need
 * beside the generic ones (issue 14 §9, RuoYi's habits):
 *   POST /api/v1/{entity}/batch      one operation over the rows a user selected
 *   GET  /api/v1/permissions         every permission, in words, for the role matrix
 *   GET  /api/v1/audit_log/export    the audit log as CSV or XLSX
 *
 * A batch is not one transaction. Each item goes through the normal path
 * (crud_delete, workflow_transition: permission, data scope, state, guard,
 * audit), in its own transaction, and the answer reports every item. Why:
 * the permission and the data scope are decided per record, and so are a
 * workflow's state and guards; one record out of scope or in the wrong state
 * must not undo the others the user may act on, and the user must see which
 * did not go and why (a 403 or 409 per item, as the single request answers).
 * All-or-nothing would turn one stale row into "nothing happened". */
#include "core/audit.h"
#include "core/crud_internal.h"
#include "core/io.h"
#include "core/workflow.h"
#include "web/http.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_MAX 200
#define AUDIT_EXPORT_MAX 100000

static int can_perm(zj_ctx *c, const char *ent, const char *op)
{
	char p[160];
	snprintf(p, sizeof p, "%s.%s", ent, op);
	return ctx_can(c, p);
}

static int batch_fail(req *r, const char *field, const char *zh, const char *en)
{
	zj_ctx *c = &r->ctx;
	json_t *errs = json_array();
	crud_field_error(c, errs, field, FE_CHECK, zh, en);
	ctx_fail_fields(c, errs);
	return reply_problem(r);
}

/* One item's outcome: {id, status, ok} and, when it failed, the problem's
 * title, detail and field errors as the single request would answer. */
static json_t *item_result(zj_ctx *c, int64_t id, int st)
{
	json_t *it = json_pack("{s:I, s:i, s:b}", "id", (json_int_t)id, "status", st, "ok", st < 400);
	if (st >= 400 && c->problem) {
		const char *keys[] = {"type", "title", "detail", "errors"};
		for (int k = 0; k < 4; k++) {
			json_t *v = json_object_get(c->problem, keys[k]);
			if (v)
				json_object_set(it, keys[k], v);
		}
	}
	ctx_clear(c);
	return it;
}

/* An item of "ids": a record id, or {id, version} with the version the
 * user read (a delete needs it, as DELETE needs If-Match: a row changed
 * since it was listed is refused with 412, not deleted unseen). */
static int batch_item(json_t *it, int64_t *id, int64_t *version)
{
	*version = -1;
	if (json_is_object(it)) {
		json_t *v = json_object_get(it, "version");
		if (v && (!json_is_integer(v) || json_integer_value(v) < 1))
			return 0;
		*version = v ? json_integer_value(v) : -1;
		it = json_object_get(it, "id");
	}
	*id = json_is_integer(it) ? json_integer_value(it) : 0;
	return *id > 0;
}

/* POST /{entity}/batch {"op":"delete"|"transition", "transition":name,
 * "ids":[...], "body":{...}} → {"done","failed","items":[...]}. */
int h_batch(req *r)
{
	zj_ctx *c = &r->ctx;
	const entity_def *e = r->entity;
	int st;
	json_t *b = req_json_body(r, &st);
	if (!b)
		return reply_problem(r);
	const char *op = json_string_value(json_object_get(b, "op"));
	const char *tname = json_string_value(json_object_get(b, "transition"));
	json_t *ids = json_object_get(b, "ids"), *body = json_object_get(b, "body");
	int rc = 0;
	if (!op || (strcmp(op, "delete") && strcmp(op, "transition")))
		rc = batch_fail(r, "op", "应为 delete 或 transition", "must be delete or transition");
	else if (!json_is_array(ids) || !json_array_size(ids) || json_array_size(ids) > BATCH_MAX)
		rc = batch_fail(r, "ids", "应为 1 至 200 个记录编号", "must list 1 to 200 record ids");
	else if (body && !json_is_object(body))
		rc = batch_fail(r, "body", "应为 JSON 对象", "must be a JSON object");
	else if (!strcmp(op, "transition") && (!e->workflow || !tname || !workflow_find(e->workflow, tname)))
		rc = batch_fail(r, "transition", "不是此类记录的流程步骤", "is not a step of this record's workflow");
	for (size_t i = 0; !rc && i < json_array_size(ids); i++) {
		int64_t id, v;
		if (!batch_item(json_array_get(ids, i), &id, &v))
			rc = batch_fail(r, "ids", "应为记录编号，或 {id, version}（version 为所读版本）",
					"must be record ids, or {id, version} (the version read)");
	}
	if (rc) {
		json_decref(b);
		return rc;
	}
	/* Nothing of the batch is possible without the permission at all. */
	char tp[160] = "";
	if (!strcmp(op, "transition"))
		workflow_perm(e, workflow_find(e->workflow, tname), tp, sizeof tp);
	if (!strcmp(op, "delete") ? !can_perm(c, e->name, "delete") || e->no_delete : !ctx_can(c, tp)) {
		json_decref(b);
		ctx_problem(c, PROB_FORBIDDEN,
			    TR(c, "您没有对此类记录执行该操作的权限", "You may not do this to these records"));
		return reply_problem(r);
	}
	json_t *items = json_array();
	int ok = 0, failed = 0;
	for (size_t i = 0; i < json_array_size(ids); i++) {
		int64_t id, v;
		batch_item(json_array_get(ids, i), &id, &v);
		json_t *out = NULL, *bd = body ? json_deep_copy(body) : NULL;
		int s = !strcmp(op, "delete") ? crud_delete(c, e, id, v)
					      : workflow_transition(c, e, id, tname, v, bd, &out);
		json_decref(bd);
		json_decref(out);
		if (s < 100) /* a refusal a hook set (CTX_REFUSED) carries its own status */
			s = c->status >= 400 ? c->status : 409;
		json_array_append_new(items, item_result(c, id, s));
		s < 400 ? ok++ : failed++;
	}
	json_decref(b);
	return reply_json(r, 200, json_pack("{s:i, s:i, s:o}", "done", ok, "failed", failed, "items", items));
}

/* {dict: {zh, en}}: each dictionary type named by the first declared field
 * that takes its values (enterprise_kind → 企业类型) and that field's
 * entity (two types both called 类别 are told apart by it), for the
 * two-level dictionary page; every entity counts, read or not. */
json_t *console_dict_types(void)
{
	json_t *out = json_object();
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		for (int j = 0; j < e->nfields; j++) {
			const field_def *f = &e->fields[j];
			if (f->type == FT_DICT && f->dict && !json_object_get(out, f->dict))
				json_object_set_new(out, f->dict,
						    json_pack("{s:s, s:s}", "zh", f->label_zh, "en", f->label_en));
		}
	}
	return out;
}

/* ---- the permission list ---- */

static const struct {
	const char *code, *zh, *en;
} words[] = {
	{"read", "查看", "Read"},
	{"create", "新增", "Create"},
	{"update", "修改", "Update"},
	{"delete", "删除", "Delete"},
	{"import", "导入", "Import"},
	{"export", "导出", "Export"},
	{"personal", "查看个人信息", "See personal data"},
	{"stats", "统计", "Statistics"},
	{"decide", "人工判定", "Decide"},
	{"extend", "延期", "Extend"},
	{"upload", "上传", "Upload"},
	{"assign_roles", "分配角色", "Assign roles"},
	{"reset_password", "重置密码", "Reset passwords"},
	{"approve_reset", "批准重置密码", "Approve password resets"},
	{"revoke_any", "强制下线", "End others' sessions"},
	/* objects that are not entities */
	{"audit", "审计日志", "Audit log"},
	{"jobs", "后台任务", "Background jobs"},
	{"sessions", "会话", "Sessions"},
};

static json_t *word(const char *code)
{
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(words[i].code, code))
			return json_pack("{s:s, s:s}", "zh", words[i].zh, "en", words[i].en);
	return NULL;
}

/* {name, object, object_label, action, action_label}: the action of a
 * workflow step is the step's own label ("t.approve" → 批准). */
static void add_perm(json_t *out, json_t *seen, const char *name)
{
	if (json_object_get(seen, name))
		return;
	json_object_set_new(seen, name, json_true());
	const char *dot = strchr(name, '.');
	if (!dot)
		return;
	char obj[96];
	snprintf(obj, sizeof obj, "%.*s", (int)(dot - name), name);
	const char *act = dot + 1;
	const entity_def *e = registry_find(obj);
	json_t *ol = e ? json_pack("{s:s, s:s}", "zh", e->label_zh, "en", e->label_en) : word(obj);
	json_t *al = NULL;
	if (e && e->workflow && !strncmp(act, "t.", 2)) {
		const wf_transition *t = workflow_find(e->workflow, act + 2);
		if (t)
			al = json_pack("{s:s, s:s}", "zh", t->label_zh, "en", t->label_en);
	}
	if (!al && !strcmp(act, "read") && !strcmp(obj, "audit"))
		al = json_pack("{s:s, s:s}", "zh", "查看", "en", "Read");
	for (int k = 0; !al && e && k < e->nactions; k++) /* an action's own permission, as declared */
		if (e->actions[k].perm && !strcmp(e->actions[k].perm, name) && e->actions[k].label_zh)
			al = json_pack("{s:s, s:s}", "zh", e->actions[k].label_zh, "en", e->actions[k].label_en);
	if (!al)
		al = word(act);
	json_t *p = json_pack("{s:s, s:s, s:s}", "name", name, "object", obj, "action", act);
	json_object_set_new(p, "object_label", ol ? ol : json_pack("{s:s, s:s}", "zh", obj, "en", obj));
	json_object_set_new(p, "action_label", al ? al : json_pack("{s:s, s:s}", "zh", act, "en", act));
	json_array_append_new(out, p);
}

/* GET /permissions: for whoever administers roles (roles.read or
 * role_grants.read); the entities they cannot read are named too, so the
 * matrix reads in words whatever the administrator's own grants. */
int h_permissions(req *r)
{
	zj_ctx *c = &r->ctx;
	if (!ctx_can(c, "roles.read") && !ctx_can(c, "role_grants.read")) {
		ctx_problem(c, PROB_FORBIDDEN,
			    TR(c, "只有角色管理员可以查看权限清单",
			       "Only a role administrator reads the permission list"));
		return reply_problem(r);
	}
	static const char *const ops[] = {"read", "create", "update", "delete", "import", "export", "personal"};
	static const char *const platform[] = {"audit.read",          "audit.export",       "jobs.read",
					       "sessions.revoke_any", "users.assign_roles", "users.reset_password",
					       "users.approve_reset"};
	json_t *out = json_array(), *seen = json_object();
	char buf[160];
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
			if ((!strcmp(ops[k], "create") && e->no_create) ||
			    (!strcmp(ops[k], "update") && e->no_update) ||
			    (!strcmp(ops[k], "delete") && e->no_delete) ||
			    (!strcmp(ops[k], "import") && (e->no_import || e->no_create)))
				continue;
			if (!strcmp(ops[k], "personal") && !crud_has_personal(e))
				continue;
			snprintf(buf, sizeof buf, "%s.%s", e->name, ops[k]);
			add_perm(out, seen, buf);
		}
		for (int k = 0; e->workflow && k < e->workflow->ntransitions; k++)
			add_perm(out, seen, workflow_perm(e, &e->workflow->transitions[k], buf, sizeof buf));
		for (int k = 0; k < e->nactions; k++)
			if (e->actions[k].perm)
				add_perm(out, seen, e->actions[k].perm);
	}
	for (size_t k = 0; k < sizeof platform / sizeof *platform; k++)
		if (registry_perm_known(platform[k]))
			add_perm(out, seen, platform[k]);
	json_decref(seen);
	return reply_json(r, 200, json_pack("{s:o}", "items", out));
}

/* ---- the audit log's export ---- */

/* "2026-12-07T10:31:32Z" → "2026-12-07 18:31:32" (Asia/Shanghai, UTC+8, no DST). */
static void local_time(const char *utc, char out[24])
{
	struct tm tm = {0};
	const char *end = utc ? strptime(utc, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!end) {
		snprintf(out, 24, "%s", utc ? utc : "");
		return;
	}
	time_t t = timegm(&tm) + 8 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm);
}

static const struct {
	const char *code, *zh, *en;
} audit_actions[] = {
	/* the platform's (core/audit.c, auth.c, crud.c, io.c, files.c, privacy.c) */
	{"create", "新增", "Created"},
	{"update", "修改", "Changed"},
	{"delete", "删除", "Deleted"},
	{"transition", "流程步骤", "Workflow step"},
	{"restore", "恢复", "Restored"},
	{"init", "系统初始化", "System set up"},
	{"login", "登录", "Signed in"},
	{"logout", "退出登录", "Signed out"},
	{"login_failed", "登录失败", "Sign-in failed"},
	{"login_locked", "账户锁定", "Account locked"},
	{"login_rate_limited", "登录过于频繁被拒绝", "Sign-ins refused (rate)"},
	{"public_rate_limited", "公众提交过于频繁被拒绝", "Public submissions refused (rate)"},
	{"denied", "拒绝访问", "Access denied"},
	{"password_change_failed", "修改密码失败", "Password change failed"},
	{"password_reset_request", "申请重置密码", "Password reset requested"},
	{"password_change", "修改密码", "Password changed"},
	{"password_reset", "重置密码", "Password reset"},
	{"password", "修改密码", "Password changed"},
	{"locked", "账户锁定", "Account locked"},
	{"role_renamed", "角色改名", "Role renamed"},
	{"session_revoke", "注销会话", "Session revoked"},
	{"token_create", "创建访问令牌", "Access token created"},
	{"user_add", "新增用户", "User added"},
	{"user_lock", "锁定用户", "User locked"},
	{"user_unlock", "解锁用户", "User unlocked"},
	{"export", "导出", "Exported"},
	{"import", "导入", "Imported"},
	{"import_batch", "批量导入", "Batch import"},
	{"import_withdrawn", "撤回导入", "Import withdrawn"},
	{"read", "标记为已读", "Marked as read"},
	{"read_personal", "查看个人信息", "Read personal data"},
	{"read_audit", "查看审计日志", "Audit log read"},
	{"export_audit", "导出审计日志", "Audit log exported"},
	{"read_file", "查看文件", "File read"},
	{"file_upload", "上传文件", "File uploaded"},
	{"file_tampered", "文件被篡改", "File tampered"},
	{"audit_seal_legacy", "封存旧日志", "Old log sealed"},
	/* the business areas' (reasons of crud_set_fields, documents, evidence) */
	{"upload", "上传", "Upload"},
	{"withdraw", "撤回", "Withdrawn"},
	{"read_evidence", "查看证据", "Evidence read"},
	{"evidence_tampered", "证据被篡改", "Evidence tampered"},
	{"document", "查看文书", "Document read"},
	{"issue_document", "出具文书", "Document issued"},
	{"number", "编号", "Numbered"},
	{"decide", "人工判定", "Decided"},
	{"publish", "公布", "Published"},
	{"plan_cost", "计划经费随批次重算", "Plan cost follows its lines"},
	{"to_case", "转为案件", "Turned into a case"},
	{"link", "关联", "Linked"},
	{"term", "期限调整", "Term changed"},
	{"late_fee", "加处罚款", "Late-payment fine"},
	{"filing", "立案决定", "Filing decision"},
	{"major", "重大案件认定", "Major-case assessment"},
	{"notice", "事先告知", "Prior notice"},
	{"review", "法制审核", "Legal review"},
	{"conclude", "形成会商意见", "Consultation concluded"},
	{"consultation", "会商结论", "Consultation outcome"},
	{"score", "评分汇总", "Scores aggregated"}, /* award: the experts' scores aggregated */
	{"rank", "排名", "Ranked"},                 /* award, assessment */
};

/* An audit action in words: the platform's, else a step of the record's
 * workflow by its label (cases: 立案, 告知 ...), else the code. */
static const char *action_word(zj_ctx *c, const char *code, const entity_def *e)
{
	for (size_t i = 0; code && i < sizeof audit_actions / sizeof *audit_actions; i++)
		if (!strcmp(audit_actions[i].code, code))
			return TR(c, audit_actions[i].zh, audit_actions[i].en);
	const wf_transition *t = code && e && e->workflow ? workflow_find(e->workflow, code) : NULL;
	return t ? TR(c, t->label_zh, t->label_en) : code;
}

/* What the audit log records that is not an entity. */
static const struct {
	const char *code, *zh, *en;
} audit_objects[] = {
	{"audit_log", "审计日志", "Audit log"},    {"http", "接口请求", "API request"}, {"files", "文件", "Files"},
	{"public", "公众服务", "Public services"}, {"sessions", "会话", "Sessions"},
};

/* {entities: {name: label}, steps: {entity: {step: label}}, actions: {code:
 * label}}: what the audit log names, in words, for the auditor, who reads
 * the records of almost no entity (meta.names). */
json_t *console_names(void)
{
	json_t *ents = json_object(), *steps = json_object(), *acts = json_object();
	for (size_t k = 0; k < sizeof audit_objects / sizeof *audit_objects; k++)
		json_object_set_new(ents, audit_objects[k].code,
				    json_pack("{s:s, s:s}", "zh", audit_objects[k].zh, "en", audit_objects[k].en));
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		json_object_set_new(ents, e->name, json_pack("{s:s, s:s}", "zh", e->label_zh, "en", e->label_en));
		if (!e->workflow)
			continue;
		json_t *st = json_object();
		for (int k = 0; k < e->workflow->ntransitions; k++) {
			const wf_transition *t = &e->workflow->transitions[k];
			json_object_set_new(st, t->name, json_pack("{s:s, s:s}", "zh", t->label_zh, "en", t->label_en));
		}
		json_object_set_new(steps, e->name, st);
	}
	for (size_t i = 0; i < sizeof audit_actions / sizeof *audit_actions; i++)
		json_object_set_new(acts, audit_actions[i].code,
				    json_pack("{s:s, s:s}", "zh", audit_actions[i].zh, "en", audit_actions[i].en));
	return json_pack("{s:o, s:o, s:o}", "entities", ents, "steps", steps, "actions", acts);
}

/* The filters of GET /audit_log (username, action, entity, entity_id, at.from, at.to). */
static int audit_filters(req *r, strbuf *sql, json_t *params)
{
	for (int i = 0; i < r->query.n; i++) {
		const char *k = r->query.items[i].k, *v = r->query.items[i].v ? r->query.items[i].v : "";
		if (!strcmp(k, "username") || !strcmp(k, "action") || !strcmp(k, "entity") || !strcmp(k, "entity_id")) {
			sb_printf(sql, " AND %s = ?", k);
			json_array_append_new(params, json_string(v));
		} else if (!strcmp(k, "at.from") || !strcmp(k, "at.to")) {
			if (!crud_date_valid(v)) {
				json_t *errs = json_array();
				crud_field_error(&r->ctx, errs, k, FE_PATTERN, "应为日期 YYYY-MM-DD",
						 "must be a date YYYY-MM-DD");
				return ctx_fail_fields(&r->ctx, errs);
			}
			/* the day as the user reads it: Asia/Shanghai midnight to midnight */
			sb_add(sql, k[3] == 'f' ? " AND at >= ?" : " AND at <= ?");
			json_array_append_new(params,
					      json_sprintf("%sT%s", v, k[3] == 'f' ? "00:00:00Z" : "23:59:59Z"));
		}
	}
	return 0;
}

static json_t *audit_row(zj_ctx *c, db_stmt *s)
{
	char at[24];
	local_time(db_col_text(s, 0), at);
	const char *ent = db_col_text(s, 4);
	const entity_def *e = ent ? registry_find(ent) : NULL;
	json_t *row = json_array();
	json_array_append_new(row, json_string(at));
	for (int k = 1; k <= 2; k++)
		json_array_append_new(row, json_string(db_col_text(s, k) ? db_col_text(s, k) : ""));
	json_array_append_new(row, json_string(action_word(c, db_col_text(s, 3), e) ?: ""));
	const char *what = e ? TR(c, e->label_zh, e->label_en) : ent ? ent : "";
	for (size_t k = 0; !e && ent && k < sizeof audit_objects / sizeof *audit_objects; k++)
		if (!strcmp(audit_objects[k].code, ent))
			what = TR(c, audit_objects[k].zh, audit_objects[k].en);
	json_array_append_new(row, json_string(what));
	json_array_append_new(row,
			      db_col_text(s, 5) && db_col_int(s, 5) ? json_string(db_col_text(s, 5)) : json_string(""));
	json_array_append_new(row, json_string(db_col_text(s, 6) ? db_col_text(s, 6) : ""));
	return row;
}

/* GET /audit_log/export?format=csv|xlsx&(the list's filters): the records in
 * words (local time, action and entity names), newest first, at most
 * AUDIT_EXPORT_MAX. Its own audit record says what was exported. The
 * before/after images stay out: they are masked JSON, read in the console. */
int h_audit_export(req *r)
{
	zj_ctx *c = &r->ctx;
	if (!ctx_can(c, "audit.export")) {
		ctx_problem(c, PROB_FORBIDDEN,
			    TR(c, "只有审计管理员可以导出审计日志",
			       "Only the audit administrator exports the audit log"));
		return reply_problem(r);
	}
	const char *fmt = req_query(r, "format");
	export_format f = !fmt || !strcmp(fmt, "csv") ? EXP_CSV : !strcmp(fmt, "xlsx") ? EXP_XLSX : EXP_JSON;
	if (f == EXP_JSON) {
		ctx_problem(c, PROB_UNSUPPORTED_FORMAT, TR(c, "format 应为 csv 或 xlsx", "format must be csv or xlsx"));
		return reply_problem(r);
	}
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT at, username, ip, action, entity, entity_id, hash FROM audit_log WHERE 1=1");
	json_t *params = json_array();
	if (audit_filters(r, &sql, params)) {
		json_decref(params), sb_free(&sql);
		return reply_problem(r);
	}
	sb_printf(&sql, " ORDER BY id DESC LIMIT %d", AUDIT_EXPORT_MAX);
	json_t *rows = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
			json_array_append_new(rows, audit_row(c, s));
		db_finalize(s);
		rc = rc == DB_DONE ? DB_OK : rc;
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_OK) {
		json_decref(rows);
		ctx_internal(c, "audit log export", db_errmsg(c->db));
		return reply_problem(r);
	}
	json_t *heads = c->en ? json_pack("[s,s,s,s,s,s,s]", "Time (Asia/Shanghai)", "User", "IP address", "Action",
					  "Record type", "Record no.", "Hash")
			      : json_pack("[s,s,s,s,s,s,s]", "时间（北京时间）", "用户", "IP 地址", "操作", "对象",
					  "记录编号", "哈希值");
	/* what was exported, before the file goes out */
	json_t *asked = json_object();
	for (int i = 0; i < r->query.n; i++)
		json_object_set_new(asked, r->query.items[i].k, json_string(r->query.items[i].v));
	json_t *a = json_pack("{s:o, s:I}", "query", asked, "rows", (json_int_t)json_array_size(rows));
	int arc = audit_append(c, "export_audit", "audit_log", 0, NULL, a);
	json_decref(a);
	char *data = NULL;
	size_t len = 0;
	int frc = arc == DB_OK ? io_table_file(f, heads, rows, &data, &len) : -1;
	json_decref(heads), json_decref(rows);
	if (arc != DB_OK) {
		ctx_problem(c, PROB_AUDIT_UNAVAILABLE, TR(c, "请稍后再试", "Try again shortly"));
		return reply_problem(r);
	}
	if (frc) {
		ctx_internal(c, "audit log export", "the file could not be built");
		return reply_problem(r);
	}
	free(r->resp);
	r->resp = data, r->resp_len = len;
	r->status = 200;
	r->ctype = io_export_mime(f);
	char cd[120];
	snprintf(cd, sizeof cd, "attachment; filename=\"audit_log-%.10s.%s\"", c->today,
		 f == EXP_XLSX ? "xlsx" : "csv");
	r->content_disposition = strdup(cd);
	if (!r->content_disposition) /* the file still goes, named by the browser */
		return 200;
	return 200;
}
