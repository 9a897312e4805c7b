/* food_samples.c — the sampling record (抽样单) and its chain of custody.
 * A sample is taken (sampled) → delivered to the lab (5 working days,
 * DOMAIN.md §11.3 F2) → received → reported by the lab (20 working days from
 * receipt, F3) → approved by a second person of the lab (return-to-step
 * allowed) → notified to the organising regulator (10 / 2 working days,
 * F6/F7) → served on the sampled business (F9, [U], configurable) → closed.
 * Every hand-over is timed and must follow the one before it; deadlines are
 * counted on the working-day calendar from the hand-over's own date. The
 * conclusion is fixed when the report is issued: non-conforming if any item
 * fails (food_results.c). A failed sample opens its disposal tasks when the
 * regulator receives it (food_disposals.c); the backup sample is kept 3 or
 * 6 months (F4/F5) or until its shelf life ends. Further specifications
 * (declared product standard, label claim) live in sample_specs. */
#include "core/numbering.h"
#include "core/write.h"
#include "modules/food/food.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- derived fields ---- */

/* SP2026000001: the next code of the sampling year, from the core's
 * numbering service; a code someone typed in is passed over. */
static int code_taken(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	char code[40];
	if (numbering_format("SP{year}{n:6}", period, period, n, code, sizeof code) != 0)
		return 0;
	const char *p[] = {code};
	return db_query_int(c->db, "SELECT 1 FROM samples WHERE code = ?", 1, p, 0) == 1;
}

static void default_code(zj_ctx *c, json_t *row)
{
	const char *on = food_str(row, "sampled_on");
	char year[8], code[40];
	snprintf(year, sizeof year, "%.4s", on && strlen(on) >= 4 ? on : c->today);
	int64_t n;
	if (numbering_take(c, "samples.code", "SP{year}{n:6}", year, code_taken, NULL, &n, code, sizeof code) == DB_OK)
		json_object_set_new(row, "code", json_string(code));
}

/* The test items of a food: the templates of the food and every category above it. */
static void default_items(zj_ctx *c, int64_t food, json_t *row)
{
	const food_refset *rs = food_refset_current(c->db);
	if (!rs)
		return;
	strbuf ids, out;
	sb_init(&ids), sb_init(&out);
	int n = 0;
	for (const food_cat *f = food_cat_by_id(rs, food); f && n < 32;
	     f = f->parent ? food_cat_by_id(rs, f->parent) : NULL, n++)
		sb_printf(&ids, "%s%lld", n ? "," : "", (long long)f->id);
	if (n) {
		char sql[600];
		snprintf(
			sql, sizeof sql,
			"SELECT a.code FROM test_templates t JOIN food_analytes a ON a.id = t.analyte_id"
			" WHERE t.deleted = 0 AND a.deleted = 0 AND t.category_id IN (%s) ORDER BY t.category_id, t.sort_order, t.id",
			ids.s);
		db_stmt *s;
		int rc = db_prepare(c->db, sql, &s);
		if (rc == DB_OK) {
			for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
				if (!clist_has(out.s, db_col_text(s, 0)))
					sb_printf(&out, "%s%s", out.len ? "," : "", db_col_text(s, 0));
			db_finalize(s);
		}
		if (rc != DB_DONE) { /* a part of the template is not the template: the write answers 500 */
			ctx_internal(c, "sample items", db_errmsg(c->db));
			sb_free(&ids), sb_free(&out);
			return;
		}
	}
	if (out.len)
		json_object_set_new(row, "items", json_string(out.s));
	sb_free(&ids), sb_free(&out);
}

static void from_task(zj_ctx *c, json_t *row)
{
	int64_t task = food_id_of(row, "task_id");
	json_t *t = task ? crud_load(c, &ent_sampling_tasks, task) : NULL;
	if (!t)
		return;
	json_object_set(row, "plan_id", json_object_get(t, "plan_id"));
	static const char *const copy[] = {"lab_unit_id", "link"};
	for (size_t i = 0; i < sizeof copy / sizeof copy[0]; i++) {
		json_t *v = json_object_get(row, copy[i]);
		if (!v || json_is_null(v))
			json_object_set(row, copy[i], json_object_get(t, copy[i]));
	}
	json_decref(t);
}

static void sample_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!food_str(row, "kind"))
		json_object_set_new(row, "kind", json_string("supervision"));
	json_object_set_new(row, "enforcement_basis", json_boolean(!strcmp(food_str(row, "kind"), "supervision")));
	from_task(c, row);
	int64_t ent = food_id_of(row, "enterprise_id");
	if (ent && !food_id_of(row, "jurisdiction_id")) {
		int64_t j = crud_row_juris(c->db, &ent_enterprises, ent);
		if (j)
			json_object_set_new(row, "jurisdiction_id", json_integer(j));
	}
	char day[11];
	if (food_str(row, "sampled_at") && food_local_date(food_str(row, "sampled_at"), day) == 0)
		json_object_set_new(row, "sampled_on", json_string(day));
	int64_t food = food_id_of(row, "food_id");
	const food_refset *rs = food ? food_refset_current(c->db) : NULL;
	const food_cat *f = rs ? food_cat_by_id(rs, food) : NULL, *major = f ? food_cat_major(rs, f) : NULL;
	if (major)
		json_object_set_new(row, "category_id", json_integer(major->id));
	if (food && !food_str(row, "items"))
		default_items(c, food, row);
	if (!food_str(row, "code"))
		default_code(c, row);
}

/* ---- validation ---- */

static const char *const custody_fields[] = {"food_id",  "product_name",    "enterprise_id",
					     "batch_no", "production_date", "sampled_at",
					     "items",    "brand",           "specification",
					     "quantity", "seal_no",         "producer_name",
					     "kind",     "lab_unit_id"};

static void check_items(zj_ctx *c, const char *items, json_t *errors)
{
	const food_refset *rs = food_refset_current(c->db);
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", items);
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); rs && t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (!food_find_analyte(rs, t)) {
			char zh[200], en[200];
			snprintf(zh, sizeof zh, "未知的检验项目“%s”（应为检验项目代码或名称，逗号分隔）", t);
			snprintf(en, sizeof en, "unknown test item '%s' (test item codes or names, comma-separated)",
				 t);
			crud_field_error(c, errors, "items", FE_REF, zh, en);
			return;
		}
	}
}

static void sample_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *at = food_str(row, "sampled_at"), *prod = food_str(row, "production_date"),
		   *exp = food_str(row, "expiry_date");
	const char *on = food_str(row, "sampled_on");
	if (at && strcmp(at, c->now) > 0)
		crud_field_error(c, errors, "sampled_at", FE_CHECK, "抽样时间不能晚于当前时间",
				 "cannot be in the future");
	if (prod && on && strcmp(prod, on) > 0)
		crud_field_error(c, errors, "production_date", FE_CHECK, "生产日期不能晚于抽样日期",
				 "cannot be after the sampling date");
	if (prod && exp && strcmp(exp, prod) < 0)
		crud_field_error(c, errors, "expiry_date", FE_CHECK, "保质期至不能早于生产日期",
				 "cannot be before the production date");
	const char *level = NULL;
	if (food_id_of(row, "food_id")) {
		const food_refset *rs = food_refset_current(c->db);
		const food_cat *f = rs ? food_cat_by_id(rs, food_id_of(row, "food_id")) : NULL;
		level = f ? f->level : NULL;
		if (f && (!f->parent || !strcmp(level, "root")))
			crud_field_error(c, errors, "food_id", FE_CHECK, "请选择具体食品或其所属类别（不能是根节点）",
					 "choose a food or its category, not the root");
	}
	/* a monitoring plan (risk area, migration 033) is named by a risk-monitoring sample only */
	if (food_id_of(row, "monitor_plan_id") &&
	    strcmp(food_str(row, "kind") ? food_str(row, "kind") : "", "risk_monitoring"))
		crud_field_error(c, errors, "monitor_plan_id", FE_CHECK, "只有风险监测样品可关联风险监测计划",
				 "only a risk-monitoring sample belongs to a monitoring plan");
	if (food_str(row, "items"))
		check_items(c, food_str(row, "items"), errors);
	else if (food_id_of(row, "food_id"))
		crud_field_error(c, errors, "items", FE_REQUIRED,
				 "没有检验项目：请填写，或为该食品类别设置检验项目模板",
				 "no test items: give them, or add a template for the food's category");
	if (!old || !strcmp(food_str(old, "state") ? food_str(old, "state") : "sampled", "sampled"))
		return;
	for (size_t i = 0; i < sizeof custody_fields / sizeof custody_fields[0]; i++) {
		json_t *a = json_object_get(old, custody_fields[i]), *b = json_object_get(row, custody_fields[i]);
		if (!json_equal(a ? a : json_null(), b ? b : json_null()))
			crud_field_error(c, errors, custody_fields[i], FE_STATE, "样品已移交，抽样记录不能再修改",
					 "the sample has been handed over: the sampling record cannot change");
	}
}

static int sample_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	if (old || !food_str(row, "sampled_on"))
		return 0;
	/* F2: deliver within 5 working days of sampling */
	return food_open_deadline(c, "samples", id, "delivery_due", "sampled", "delivery", food_str(row, "sampled_on"),
				  NULL) == DB_OK
		       ? 0
		       : -1;
}

/* Samples assigned to the user's lab. */
static void sample_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.lab_unit_id = ?");
	json_array_append_new(params, json_integer(c->user->unit_id));
}

static const entity_hooks sample_hooks = {.prepare = sample_prepare,
					  .validate = sample_validate,
					  .after_write = sample_after_write,
					  .assigned_sql = sample_assigned};

/* ---- chain of custody ---- */

static const char *field_label(zj_ctx *c, const char *name)
{
	const field_def *f = entity_field(&ent_samples, name);
	return f ? TR(c, f->label_zh, f->label_en) : name;
}

/* A hand-over time must not be in the future nor before the one it follows. */
static int custody_order(zj_ctx *c, const json_t *row, const char *field, const char *after)
{
	const char *v = food_str(row, field), *prev = food_str(row, after);
	char zh[200], en[200];
	json_t *errors = json_array();
	if (v && strcmp(v, c->now) > 0)
		crud_field_error(c, errors, field, FE_CHECK, "时间不能晚于当前时间", "cannot be in the future");
	else if (v && prev && strcmp(v, prev) < 0) {
		snprintf(zh, sizeof zh, "时间顺序错误：不能早于%s（%s）", field_label(c, after), prev);
		snprintf(en, sizeof en, "out of order: cannot be before %s (%s)", field_label(c, after), prev);
		crud_field_error(c, errors, field, FE_ORDER, zh, en);
	}
	if (json_array_size(errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return 0;
}

static int deliver_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return custody_order(c, row, "delivered_at", "sampled_at");
}

/* The sampling form leaves the site with the sample: issued as signed. */
static int deliver_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return food_freeze_document(c, id, "sampling_form", "deliver") == DB_OK ? 0 : -1;
}

static int receive_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return custody_order(c, row, "received_at", "delivered_at");
}

static int local_of(const json_t *row, const char *field, char day[11])
{
	return food_local_date(food_str(row, field), day);
}

/* F3: the report is due 20 working days after receipt (also when a report is returned). */
static int open_report_due(zj_ctx *c, int64_t id, const json_t *row)
{
	char day[11];
	if (local_of(row, "received_at", day) != 0)
		return -1;
	return food_open_deadline(c, "samples", id, "report_due", "received", "report", day, NULL) == DB_OK ? 0 : -1;
}

static int receive_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return open_report_due(c, id, row);
}

/* Re-judges every result of the sample against the current tables, then
 * requires every item on the sample to have a result and no item waiting
 * for a person. */
static int report_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int rc = custody_order(c, row, "tested_at", "received_at");
	if (rc)
		return rc;
	json_t *sum = NULL;
	int concl = food_sample_conclusion(c, id, 1, &sum);
	if (concl < 0) {
		json_decref(sum);
		return ctx_problem(c, PROB_DB_ERROR, NULL);
	}
	json_t *missing = json_object_get(sum, "missing"), *pending = json_object_get(sum, "pending");
	if (json_array_size(missing) || json_array_size(pending)) {
		char *m = json_dumps(missing, JSON_COMPACT), *p = json_dumps(pending, JSON_COMPACT);
		ctx_problemf(c, PROB_SAMPLE_INCOMPLETE,
			     c->en ? "missing: %s; waiting for a decision: %s" : "缺少结果：%s；待人工判定：%s", m, p);
		json_object_set(c->problem, "missing", missing);
		json_object_set(c->problem, "pending", pending);
		free(m), free(p);
		json_decref(sum);
		return 409;
	}
	json_decref(sum);
	return 0;
}

static int report_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	json_t *sum = NULL;
	food_sample_conclusion(c, id, 0, &sum);
	const char *concl = food_str(sum, "conclusion");
	json_t *f = json_pack("{s:s, s:s, s:s, s:s}", "conclusion", concl ? concl : "pending", "final_conclusion",
			      concl ? concl : "pending", "conclusion_note",
			      food_str(sum, "note") ? food_str(sum, "note") : "", "reported_at", c->now);
	int rc = crud_set_fields(c, &ent_samples, id, f, "update");
	json_decref(f), json_decref(sum);
	return rc == DB_OK ? 0 : -1;
}

static int return_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	json_t *f = json_pack("{s:n, s:n, s:n}", "conclusion", "final_conclusion", "conclusion_note");
	int rc = crud_set_fields(c, &ent_samples, id, f, "update");
	json_decref(f);
	return rc == DB_OK ? open_report_due(c, id, row) : -1;
}

/* The report is approved by a second person of the lab (审核/批准). */
static int approve_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!c->user)
		return 0;
	char idt[24], who[64] = "";
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		"SELECT username FROM workflow_history WHERE entity = 'samples' AND entity_id = ? AND transition = 'submit_report'"
		" ORDER BY id DESC LIMIT 1",
		&s);
	if (rc == DB_OK) {
		db_bind_text(s, 1, idt);
		rc = db_step(s);
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(who, sizeof who, "%s", db_col_text(s, 0));
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE) /* a check not made is not passed */
		return ctx_internal(c, "second approver", db_errmsg(c->db));
	if (!strcmp(who, c->user->username))
		return ctx_problem(c, PROB_SECOND_APPROVER,
				   TR(c, "提交报告的人不能批准自己的报告",
				      "whoever submitted the report cannot approve it"));
	return 0;
}

/* F4/F5: the backup sample is kept 3 (conforming) or 6 (non-conforming)
 * months from the conclusion, or until its shelf life ends if sooner. */
static int backup_until(zj_ctx *c, const json_t *row, char out[11])
{
	int fail = food_str(row, "conclusion") && !strcmp(food_str(row, "conclusion"), "fail");
	if (food_rule_due(c->db, fail ? "backup_fail" : "backup_pass", c->today, out, NULL) != 0)
		return -1;
	const char *exp = food_str(row, "expiry_date");
	if (exp && strcmp(exp, out) < 0)
		snprintf(out, 11, "%s", exp);
	return 0;
}

static int approve_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char keep[11];
	if (backup_until(c, row, keep) != 0)
		return -1;
	json_t *f = json_pack("{s:s, s:s}", "approved_at", c->now, "backup_keep_until", keep);
	int rc = crud_set_fields(c, &ent_samples, id, f, "update");
	json_decref(f);
	int fail = !strcmp(food_str(row, "conclusion") ? food_str(row, "conclusion") : "", "fail");
	if (rc == DB_OK)
		rc = food_open_deadline(c, "samples", id, "notify_due", "approved",
					fail ? "notify_fail" : "notify_pass", c->today, NULL);
	if (rc == DB_OK) /* the approved report is the one that goes out */
		rc = food_freeze_document(c, id, "test_report", "approve");
	return rc == DB_OK ? 0 : -1;
}

static int notify_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return custody_order(c, row, "notified_at", "approved_at");
}

/* The regulator has the result: a failed one is served (F9) and disposed of (F24). */
static int notify_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (strcmp(food_str(row, "conclusion") ? food_str(row, "conclusion") : "", "fail"))
		return 0;
	char day[11];
	if (local_of(row, "notified_at", day) != 0 ||
	    food_open_deadline(c, "samples", id, "serve_due", "notified", "serve", day, NULL) != DB_OK)
		return -1;
	return food_open_disposals(c, id, row);
}

static int serve_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return custody_order(c, row, "served_at", "notified_at");
}

/* F10/F18: the business may apply for a 复检 or object within 7 working days of receipt. */
static int serve_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (strcmp(food_str(row, "conclusion") ? food_str(row, "conclusion") : "", "fail"))
		return food_freeze_document(c, id, "result_notice", "serve") == DB_OK ? 0 : -1;
	char day[11], retest[11], objection[11];
	if (local_of(row, "served_at", day) != 0 || food_rule_due(c->db, "retest_apply", day, retest, NULL) != 0 ||
	    food_rule_due(c->db, "objection_result", day, objection, NULL) != 0)
		return -1;
	json_t *f = json_pack("{s:s}", "objection_deadline", objection);
	if (!strcmp(food_str(row, "kind"), "supervision"))
		json_object_set_new(f, "retest_deadline", json_string(retest));
	int rc = crud_set_fields(c, &ent_samples, id, f, "update");
	json_decref(f);
	if (rc == DB_OK) /* the notice as served, with the deadlines just set */
		rc = food_freeze_document(c, id, "result_notice", "serve");
	return rc == DB_OK ? 0 : -1;
}

/* A failed supervision sample closes once its 复检 window has passed or its
 * 复检 is settled, and no 复检 or 异议 is still open. */
static int close_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (food_query_int(
		    c->db,
		    "SELECT COUNT(*) FROM retests WHERE sample_id = ? AND deleted = 0 AND state NOT IN ('concluded', 'rejected')",
		    id, 0) ||
	    food_query_int(
		    c->db,
		    "SELECT COUNT(*) FROM objections WHERE sample_id = ? AND deleted = 0 AND state NOT IN ('concluded', 'rejected')",
		    id, 0))
		return ctx_problem(c, PROB_RETEST_OPEN, NULL);
	const char *window = food_str(row, "retest_deadline");
	if (window && strcmp(c->today, window) <= 0 &&
	    !food_query_int(c->db, "SELECT COUNT(*) FROM retests WHERE sample_id = ? AND deleted = 0", id, 0))
		return ctx_problemf(c, PROB_RETEST_PERIOD_OPEN,
				    c->en ? "the business may apply until %s (食品安全法 Art. 88)"
					  : "被抽样单位可在 %s 前申请复检（食品安全法第八十八条）",
				    window);
	return 0;
}

static const wf_state sample_states[] = {
	{"sampled", "已抽样", "Sampled"},        {"delivered", "已送样", "Delivered"},
	{"received", "检验中", "Under test"},    {"reported", "待审核", "Report awaiting approval"},
	{"approved", "已批准", "Approved"},      {"notified", "已报送", "Reported to the regulator"},
	{"served", "已送达", "Served"},          {"closed", "已办结", "Closed", 1},
	{"cancelled", "已作废", "Cancelled", 1},
};
static const wf_transition sample_transitions[] = {
	{"deliver", "送样", "Deliver to the lab", "sampled", "delivered", .requires = "delivered_at,lab_unit_id",
	 .guard = deliver_guard, .on_enter = deliver_enter},
	{"receive", "收样", "Receive", "delivered", "received", .requires = "received_at", .guard = receive_guard,
	 .on_enter = receive_enter},
	{"submit_report", "出具报告", "Issue the report", "received", "reported", .requires = "report_no,tested_at",
	 .guard = report_guard, .on_enter = report_enter},
	{"return", "退回重检", "Return to testing", "reported", "received", .requires = "review_note",
	 .on_enter = return_enter},
	{"approve", "审核批准", "Approve the report", "reported", "approved", .guard = approve_guard,
	 .on_enter = approve_enter},
	{"notify", "报送结果", "Report to the regulator", "approved", "notified", .requires = "notified_at",
	 .guard = notify_guard, .on_enter = notify_enter},
	{"serve", "送达结果", "Serve the result", "notified", "served", .requires = "served_at", .guard = serve_guard,
	 .on_enter = serve_enter},
	{"close", "办结", "Close", "served", "closed", .guard = close_guard},
	{"cancel", "作废", "Cancel", "sampled,delivered", "cancelled", .requires = "cancel_reason", .aside = 1},
};
static const workflow_def sample_wf = {"sampled", sample_states, ZJ_COUNT(sample_states), sample_transitions,
				       ZJ_COUNT(sample_transitions)};

static int sample_verdict_action(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body,
				 action_result *out)
{
	json_t *sum = NULL;
	if (food_sample_conclusion(c, id, 0, &sum) < 0) {
		json_decref(sum);
		return ctx_problem(c, PROB_DB_ERROR, NULL);
	}
	out->json = sum;
	return 200;
}

static const entity_action sample_actions[] = {{"verdict", "GET", NULL, 1, sample_verdict_action},
					       {"document", "GET", NULL, 1, food_act_document}};

static const field_def sample_fields[] = {
	{"code", FT_TEXT, "抽样单编号", "Sample code", F_UNIQUE | F_FILLED | F_LIST | F_SEARCH | F_FILTER | F_SORT, 4,
	 40, 0, 0, "^[A-Za-z0-9-]+$", .help_zh = "不填则自动编号", .help_en = "generated when empty"},
	{"kind", FT_DICT, "抽检类型", "Kind", F_FILLED | F_LIST | F_FILTER, .dict = "sample_kind"},
	{"task_id", FT_REF, "抽样任务", "Task", F_LIST | F_FILTER, .ref = "sampling_tasks"},
	{"plan_id", FT_REF, "抽检计划", "Plan", F_READONLY | F_FILTER, .ref = "food_plans"},
	{"monitor_plan_id", FT_REF, "风险监测计划", "Monitoring plan", F_FILTER, .ref = "risk_mplans",
	 .help_zh = "风险监测样品所属的监测计划", .help_en = "the monitoring plan of a risk-monitoring sample"},
	{"link", FT_DICT, "抽样环节", "Link", F_REQUIRED | F_LIST | F_FILTER, .dict = "sampling_link"},
	{"enterprise_id", FT_REF, "被抽样单位", "Sampled business", F_REQUIRED | F_LIST | F_FILTER,
	 .ref = "enterprises"},
	{"place", FT_TEXT, "抽样地点", "Sampling place", 0, 0, 200},
	{"jurisdiction_id", FT_REF, "所在区域", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions",
	 .help_zh = "不填则取被抽样单位所属区划", .help_en = "defaults to the sampled business's"},
	{"producer_id", FT_REF, "标称生产者（已登记）", "Labelled producer (registered)", F_FILTER,
	 .ref = "enterprises"},
	{"producer_name", FT_TEXT, "标称生产者名称", "Labelled producer", F_LIST | F_SEARCH, 0, 200},
	{"producer_address", FT_TEXT, "标称生产者地址", "Labelled producer's address", 0, 0, 200},
	{"producer_division", FT_TEXT, "标称生产者区划代码", "Labelled producer's division", 0, 6, 6, 0, 0,
	 "^[0-9]{6}$", .help_zh = "GB/T 2260 六位代码，外地生产者用于通报",
	 .help_en = "GB/T 2260 code; producers elsewhere get a notification"},
	{"food_id", FT_REF, "食品", "Food", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_categories"},
	{"category_id", FT_REF, "食品大类", "Food category", F_READONLY | F_LIST | F_FILTER, .ref = "food_categories"},
	{"product_name", FT_TEXT, "样品名称", "Product", F_REQUIRED | F_LIST | F_SEARCH, 1, 100},
	{"brand", FT_TEXT, "商标", "Brand", F_LIST | F_SEARCH, 0, 60},
	{"specification", FT_TEXT, "规格型号", "Specification", F_LIST, 0, 60},
	{"batch_no", FT_TEXT, "批号", "Batch", F_SEARCH, 0, 60},
	{"production_date", FT_DATE, "生产日期", "Production date", F_LIST},
	{"expiry_date", FT_DATE, "保质期至", "Best before", 0},
	{"quantity", FT_TEXT, "抽样数量", "Quantity", 0, 0, 40},
	{"sample_base", FT_TEXT, "抽样基数", "Lot size", 0, 0, 40},
	{"unit_price", FT_MONEY, "单价", "Unit price", 0, .min = 0, .max = 100000000},
	{"purchase_cost", FT_MONEY, "购样费用", "Purchase cost", 0, .min = 0, .max = 100000000},
	{"items", FT_TEXT, "检验项目", "Test items", 0, 0, 1000,
	 .help_zh = "检验项目代码，逗号分隔；不填则按检验项目模板",
	 .help_en = "test item codes, comma-separated; defaults to the templates", .codes_of = "food_analytes"},
	{"lab_unit_id", FT_REF, "检验机构", "Laboratory", F_LIST | F_FILTER, .ref = "units"},
	{"photo", FT_FILE, "现场照片", "Site photo", 0, .accept = "image/*,application/pdf",
	 .help_zh = "抽样现场照片或抽样单扫描件（图片或 PDF）",
	 .help_en = "a photo of the sampling, or a scan of the sampling form (image or PDF)"},
	{"seal_no", FT_TEXT, "封样编号", "Seal no.", 0, 0, 60},
	{"samplers", FT_TEXT, "抽样人员", "Samplers", 0, 0, 100},
	{"enterprise_signer", FT_TEXT, "被抽样单位签字人", "Signed for the business by", F_PERSONAL, 0, 40},
	{"sampled_at", FT_DATETIME, "抽样时间", "Sampled at", F_REQUIRED | F_LIST},
	{"sampled_on", FT_DATE, "抽样日期", "Sampling date", F_READONLY | F_FILTER},
	{"delivered_at", FT_DATETIME, "送样时间", "Delivered at", F_READONLY},
	{"received_at", FT_DATETIME, "收样时间", "Received at", F_READONLY},
	{"tested_at", FT_DATETIME, "检验完成时间", "Tests finished at", F_READONLY},
	{"reported_at", FT_DATETIME, "报告时间", "Reported at", F_READONLY},
	{"approved_at", FT_DATETIME, "批准时间", "Approved at", F_READONLY},
	{"notified_at", FT_DATETIME, "报送时间", "Reported to the regulator at", F_READONLY},
	{"served_at", FT_DATETIME, "送达时间", "Served at", F_READONLY},
	{"report_no", FT_TEXT, "报告编号", "Report no.", F_READONLY | F_SEARCH, 0, 60},
	{"review_note", FT_TEXT, "审核意见", "Review note", F_READONLY, 0, 500},
	{"conclusion", FT_DICT, "检验结论", "Conclusion", F_READONLY | F_LIST | F_FILTER, .dict = "conclusion"},
	{"conclusion_note", FT_TEXT, "不合格项目", "Failed items", F_READONLY, 0, 2000},
	{"retest_conclusion", FT_DICT, "复检结论", "Re-test conclusion", F_READONLY | F_FILTER, .dict = "conclusion"},
	{"final_conclusion", FT_DICT, "最终结论", "Final conclusion", F_READONLY | F_LIST | F_FILTER,
	 .dict = "conclusion"},
	{"enforcement_basis", FT_BOOL, "可作执法依据", "Enforcement basis", F_READONLY,
	 .help_zh = "风险监测结果本身不作执法依据",
	 .help_en = "risk-monitoring results are not by themselves an enforcement basis"},
	{"backup_keep_until", FT_DATE, "备份样品保存至", "Keep backup sample until", F_READONLY},
	{"retest_deadline", FT_DATE, "复检申请截止", "Re-test applications until", F_READONLY},
	{"objection_deadline", FT_DATE, "异议截止", "Objections until", F_READONLY},
	{"publication_id", FT_REF, "公告", "Publication", F_READONLY | F_FILTER, .ref = "publications"},
	{"cancel_reason", FT_TEXT, "作废原因", "Reason for cancelling", F_READONLY, 0, 500},
};
const entity_def ent_samples = {
	.name = "samples",
	.table = "samples",
	.label_zh = "抽样单",
	.label_en = "Samples",
	.menu = "food",
	.fields = sample_fields,
	.nfields = ZJ_COUNT(sample_fields),
	.label_field = "code",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &sample_wf,
	.first_columns = "code,product_name,state,conclusion,deadline,jurisdiction_id",
	.hooks = &sample_hooks,
	.actions = sample_actions,
	.nactions = ZJ_COUNT(sample_actions),
	.internal = "photos", /* typed hashes before 019: the photo is a file field now */
};

/* ---- further specifications ---- */

static const field_msg *check_expr(const char *v)
{
	static const field_msg m = {"应为限量表达式：<=A、<A、>=A、>A、A~B、A<x<B、A±T 或 ND",
				    "must be a limit: <=A, <A, >=A, >A, A~B, A<x<B, A±T or ND"};
	struct gbt_limit l;
	return gbt_parse_limit(v, &l, NULL) == 0 ? NULL : &m;
}

static const field_msg *check_spec_unit(const char *v)
{
	static const field_msg m = {"无法识别的单位", "unknown unit"};
	food_unit u;
	return food_unit_parse(v, &u) == 0 ? NULL : &m;
}

static void spec_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const food_refset *rs = food_refset_current(c->db);
	const food_analyte *a = rs && food_str(row, "item") ? food_find_analyte(rs, food_str(row, "item")) : NULL;
	json_object_set_new(row, "analyte_id", a ? json_integer(a->id) : json_null());
	int64_t sample = food_id_of(row, "sample_id");
	int64_t j = sample ? food_query_int(c->db, "SELECT jurisdiction_id FROM samples WHERE id = ?", sample, 0) : 0;
	json_object_set_new(row, "jurisdiction_id", j ? json_integer(j) : json_null());
}

static void spec_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (food_str(row, "item") && !food_id_of(row, "analyte_id"))
		crud_field_error(c, errors, "item", FE_REF, "未知的检验项目", "unknown test item");
	int64_t sample = food_id_of(row, "sample_id");
	if (!sample)
		return;
	json_t *s = crud_load(c, &ent_samples, sample);
	const char *st = s ? food_str(s, "state") : NULL;
	if (st && strcmp(st, "sampled") && strcmp(st, "delivered") && strcmp(st, "received"))
		crud_field_error(c, errors, "sample_id", FE_STATE, "报告已出具，不能再增加判定依据",
				 "the report is issued: specifications can no longer change");
	json_decref(s);
}

/* Results already entered are judged again against the new specification. */
static int spec_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	json_t *sum = NULL;
	int rc = food_sample_conclusion(c, food_id_of(row, "sample_id"), 1, &sum);
	json_decref(sum);
	return rc < 0 ? -1 : 0;
}

static void spec_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.sample_id IN (SELECT id FROM samples WHERE lab_unit_id = ?)");
	json_array_append_new(params, json_integer(c->user->unit_id));
}

static const entity_hooks spec_hooks = {.prepare = spec_prepare,
					.validate = spec_validate,
					.after_write = spec_after_write,
					.assigned_sql = spec_assigned};

static const field_def spec_fields[] = {
	{"sample_id", FT_REF, "抽样单", "Sample", F_REQUIRED | F_LIST | F_FILTER, .ref = "samples"},
	{"item", FT_TEXT, "检验项目", "Test item", F_REQUIRED | F_LIST, 1, 80},
	{"analyte_id", FT_REF, "检验项目（标准名称）", "Test item (standard name)", F_READONLY | F_LIST,
	 .ref = "food_analytes"},
	{"source", FT_DICT, "依据类型", "Kind", F_REQUIRED | F_LIST, .dict = "spec_source"},
	{"reference", FT_TEXT, "依据", "Reference", F_REQUIRED | F_LIST, 1, 120,
	 .help_zh = "如 GB 19301-2010 或 标签明示值", .help_en = "e.g. a product standard number or the label"},
	{"limit_expr", FT_TEXT, "指标", "Requirement", F_REQUIRED | F_LIST, 1, 60, .check = check_expr},
	{"unit", FT_TEXT, "单位", "Unit", F_REQUIRED | F_LIST, 1, 20, .check = check_spec_unit},
	{"method", FT_DICT, "判定方法", "Judgement method", F_LIST, .dict = "judge_method"},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_READONLY, .ref = "jurisdictions"},
};
const entity_def ent_sample_specs = {
	.name = "sample_specs",
	.table = "sample_specs",
	.label_zh = "判定依据（产品标准/标签）",
	.label_en = "Further specifications",
	.menu = "food",
	.fields = spec_fields,
	.nfields = ZJ_COUNT(spec_fields),
	.label_field = "reference",
	.juris_field = "jurisdiction_id",
	.hooks = &spec_hooks,
};
