/* monitoring.c — risk monitoring plans of their own (风险监测计划): the
 * hazards and foods chosen for surveillance rather than enforcement
 * (食品安全法第十四条), each line a food category × hazard × jurisdiction
 * with its batches and cost per batch in fen. A monitoring plan draws on one
 * of the food area's testing budgets, the same budgets the supervision
 * sampling plans draw on: the view budget_lines (migration 033) holds the
 * lines of both, so that either kind of plan is refused when the year's
 * lines on the budget would pass it, and the budget's report gives both
 * totals together. The workflow is the food plans' (draft → submitted →
 * approved → closed, with return), so the console shows the same tags, tabs
 * and to-dos. A risk-monitoring sample names its plan (samples.monitor_plan_id). */
#include "lib/num.h"
#include "modules/modules.h"
#include "modules/risk/risk.h"
#include <stdio.h>
#include <string.h>

static int64_t id_of(const json_t *row, const char *k)
{
	return json_integer_value(json_object_get(row, k));
}

/* An integer the query with n (1 or 2) integer parameters a, b answers, or dflt. */
static int64_t q1(db *d, const char *sql, int n, int64_t a, int64_t b, int64_t dflt)
{
	char x[24], y[24];
	snprintf(x, sizeof x, "%lld", (long long)a);
	snprintf(y, sizeof y, "%lld", (long long)b);
	const char *p[] = {x, y};
	return db_query_int(d, sql, n, p, dflt);
}

/* Lines on a budget: every plan's (except = 0), or every one but monitoring line `except`. */
static int64_t lines_on(db *d, int64_t budget, int64_t except)
{
	return q1(d,
		  "SELECT COALESCE(SUM(subtotal), 0) FROM budget_lines"
		  " WHERE budget_id = ? AND NOT (entity = 'risk_mplan_items' AND line_id = ?)",
		  2, budget, except, 0);
}

static int64_t budget_amount(db *d, int64_t budget)
{
	return q1(d, "SELECT amount FROM food_budgets WHERE id = ? AND deleted = 0", 1, budget, 0, -1);
}

static int64_t plan_cost(db *d, int64_t plan)
{
	return q1(d, "SELECT COALESCE(SUM(subtotal), 0) FROM risk_mplan_items WHERE plan_id = ? AND deleted = 0", 1,
		  plan, 0, 0);
}

/* The plan's total follows its lines (derived, written and audited by the core). */
static int refresh_cost(zj_ctx *c, int64_t plan)
{
	json_t *p = crud_load(c, &rk_ent_mplans, plan);
	if (!p)
		return DB_OK;
	int64_t cost = plan_cost(c->db, plan);
	int rc = DB_OK;
	if (json_is_null(json_object_get(p, "planned_cost")) || id_of(p, "planned_cost") != cost) {
		json_t *f = json_pack("{s:I}", "planned_cost", (json_int_t)cost);
		rc = crud_set_fields_old(c, &rk_ent_mplans, plan, p, f, "plan_cost");
		json_decref(f);
	}
	json_decref(p);
	return rc;
}

/* Submission and approval re-check the whole budget: the lines of every plan on it. */
static int budget_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t budget = id_of(row, "budget_id"), amount = budget_amount(c->db, budget);
	int64_t total = lines_on(c->db, budget, 0);
	if (amount >= 0 && total <= amount)
		return refresh_cost(c, id) == DB_OK ? 0 : ctx_problem(c, PROB_DB_ERROR, NULL);
	char a[48], t[48];
	num_yuan(amount, a, sizeof a), num_yuan(total, t, sizeof t);
	return ctx_problemf(c, PROB_PLAN_OVER_BUDGET,
			    c->en ? "budget %s yuan, planned on it (supervision and monitoring plans) %s yuan"
				  : "预算 %s 元，监督抽检与风险监测计划合计已安排 %s 元",
			    a, t);
}

static int submit_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (q1(c->db, "SELECT COUNT(*) FROM risk_mplan_items WHERE plan_id = ? AND deleted = 0", 1, id, 0, 0) == 0)
		return ctx_problem(c, PROB_PLAN_NO_LINES, NULL);
	return budget_guard(c, e, id, row, body);
}

static const wf_state mplan_states[] = {
	{"draft", "草稿", "Draft"},
	{"submitted", "待审批", "Submitted"},
	{"approved", "已批准（监测中）", "Approved (monitoring)"},
	{"closed", "已结束", "Closed", 1},
};
static const wf_transition mplan_steps[] = {
	{"submit", "提交审批", "Submit", "draft", "submitted", .guard = submit_guard},
	{"return", "退回修改", "Return", "submitted", "draft", .requires = "return_note"},
	{"approve", "批准", "Approve", "submitted", "approved", .guard = budget_guard},
	{"close", "结束", "Close", "approved", "closed", .requires = "close_note"},
};
static const workflow_def mplan_workflow = {"draft", mplan_states, ZJ_COUNT(mplan_states), mplan_steps,
					    ZJ_COUNT(mplan_steps)};

/* A plan moves to another budget only as a draft, and only if its lines fit
 * there beside every other plan's. */
static void mplan_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t budget = id_of(row, "budget_id");
	if (!old || budget == id_of(old, "budget_id") || json_array_size(errors))
		return;
	const char *state = json_string_value(json_object_get(old, "state"));
	if (state && strcmp(state, "draft")) {
		crud_field_error(c, errors, "budget_id", FE_STATE, "计划已提交或批准，不能更换经费",
				 "the plan is no longer a draft: its budget cannot change");
		return;
	}
	int64_t amount = budget_amount(c->db, budget), mine = plan_cost(c->db, id_of(old, "id"));
	if (amount >= 0 && lines_on(c->db, budget, 0) + mine > amount)
		crud_field_error(c, errors, "budget_id", FE_BUDGET, "该经费剩余金额不足以安排本计划的批次",
				 "what is left of that budget does not cover the plan's lines");
}

static const entity_hooks mplan_hooks = {.validate = mplan_validate};

/* The budget's year, both kinds of plan together: GET /risk_mplans/{id}/actions/budget. */
static int mplan_budget(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int64_t budget = q1(c->db, "SELECT budget_id FROM risk_mplans WHERE id = ? AND deleted = 0", 1, id, 0, 0);
	int64_t amount = budget_amount(c->db, budget), all = lines_on(c->db, budget, 0);
	int64_t mon = q1(c->db,
			 "SELECT COALESCE(SUM(subtotal), 0) FROM budget_lines WHERE budget_id = ?"
			 " AND entity = 'risk_mplan_items'",
			 1, budget, 0, 0);
	out->json = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b}", "budget_id", (json_int_t)budget,
			      "budget_amount", (json_int_t)amount, "planned_supervision", (json_int_t)(all - mon),
			      "planned_monitoring", (json_int_t)mon, "planned_all", (json_int_t)all, "planned_this",
			      (json_int_t)plan_cost(c->db, id), "remaining", (json_int_t)(amount - all),
			      "within_budget", all <= amount);
	return 200;
}

static const entity_action mplan_actions[] = {{"budget", "GET", NULL, 1, mplan_budget}};

/* clang-format off */
static const field_def mplan_fields[] = {
	{"code", FT_TEXT, "计划编号", "Code", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT | F_CODE, 1, 40},
	{"name", FT_TEXT, "计划名称", "Name", F_REQUIRED | F_LIST | F_SEARCH, 1, 120},
	{"year", FT_INT, "年度", "Year", F_REQUIRED | F_LIST | F_FILTER | F_SORT, .min = 2000, .max = 2100},
	{"budget_id", FT_REF, "经费（与监督抽检共用）", "Budget (shared with supervision sampling)",
	 F_REQUIRED | F_LIST | F_FILTER, .ref = "food_budgets"},
	{"purpose", FT_TEXT, "监测目的", "Purpose", 0, 0, 2000,
	 .help_zh = "食品安全法第十四条：为掌握风险而监测，不作为执法检验", .help_en = "Food Safety Law Art. 14: surveillance, not enforcement"},
	{"starts_on", FT_DATE, "开始日期", "Starts", F_LIST},
	{"ends_on", FT_DATE, "结束日期", "Ends", F_LIST},
	{"planned_cost", FT_MONEY, "计划经费", "Planned cost", F_READONLY | F_LIST},
	{"return_note", FT_TEXT, "退回意见", "Return note", F_READONLY, 0, 500},
	{"close_note", FT_TEXT, "结束说明", "Closing note", F_READONLY, 0, 1000},
};
/* clang-format on */

const entity_def rk_ent_mplans = {
	.name = "risk_mplans",
	.table = "risk_mplans",
	.label_zh = "风险监测计划",
	.label_en = "Risk monitoring plans",
	.menu = "risk",
	.fields = mplan_fields,
	.nfields = ZJ_COUNT(mplan_fields),
	.label_field = "name",
	.default_sort = "-id",
	.workflow = &mplan_workflow,
	.hooks = &mplan_hooks,
	.actions = mplan_actions,
	.nactions = ZJ_COUNT(mplan_actions),
	.first_columns = "state,name,year,budget_id,planned_cost",
};

/* ---- the plan's lines ---- */

static void item_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *b = json_object_get(row, "batches"), *k = json_object_get(row, "cost_per_batch");
	if (json_is_integer(b) && json_is_integer(k))
		json_object_set_new(row, "subtotal", json_integer(json_integer_value(b) * json_integer_value(k)));
}

/* A line changes only on a draft plan, and never takes the budget past its
 * amount counting every plan's lines on it, supervision and monitoring. */
static void item_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t plan = id_of(row, "plan_id");
	if (!plan || json_array_size(errors))
		return;
	json_t *p = crud_load(c, &rk_ent_mplans, plan);
	const char *state = p ? json_string_value(json_object_get(p, "state")) : NULL;
	if (state && strcmp(state, "draft"))
		crud_field_error(c, errors, "plan_id", FE_STATE, "计划已提交或批准，不能修改其批次",
				 "the plan is no longer a draft: its lines cannot change");
	int64_t budget = p ? id_of(p, "budget_id") : 0;
	json_decref(p);
	int64_t amount = budget_amount(c->db, budget), line = id_of(row, "subtotal");
	int64_t others = lines_on(c->db, budget, old ? id_of(old, "id") : 0);
	if (amount >= 0 && others + line > amount) {
		char a[48], o[48], l[48], zh[300], en[300];
		num_yuan(amount, a, sizeof a), num_yuan(others, o, sizeof o), num_yuan(line, l, sizeof l);
		snprintf(zh, sizeof zh, "超出预算：预算 %s 元，监督抽检与风险监测计划已安排 %s 元，本行 %s 元", a, o,
			 l);
		snprintf(
			en, sizeof en,
			"exceeds the budget: budget %s yuan, supervision and monitoring plans %s yuan, this line %s yuan",
			a, o, l);
		crud_field_error(c, errors, "cost_per_batch", FE_BUDGET, zh, en);
	}
}

static int item_after(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	return refresh_cost(c, id_of(row, "plan_id")) == DB_OK ? 0 : -1;
}

static const entity_hooks item_hooks = {.prepare = item_prepare, .validate = item_validate, .after_write = item_after};

/* clang-format off */
static const field_def item_fields[] = {
	{"plan_id", FT_REF, "监测计划", "Monitoring plan", F_REQUIRED | F_LIST | F_FILTER, .ref = "risk_mplans"},
	{"category_id", FT_REF, "食品类别", "Food category", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_categories"},
	{"analyte_id", FT_REF, "监测危害因素", "Hazard", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_analytes"},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"batches", FT_INT, "批次数", "Batches", F_REQUIRED | F_LIST, .unit = "batch", .min = 1, .max = 1000000},
	{"cost_per_batch", FT_MONEY, "每批次费用", "Cost per batch", F_REQUIRED | F_LIST, .min = 0, .max = 100000000},
	{"subtotal", FT_MONEY, "小计", "Subtotal", F_READONLY | F_LIST},
	{"note", FT_TEXT, "说明", "Note", 0, 0, 500},
};
/* clang-format on */

const entity_def rk_ent_mplan_items = {
	.name = "risk_mplan_items",
	.table = "risk_mplan_items",
	.label_zh = "监测计划批次",
	.label_en = "Monitoring plan lines",
	.menu = "risk",
	.fields = item_fields,
	.nfields = ZJ_COUNT(item_fields),
	.label_field = "analyte_id",
	.juris_field = "jurisdiction_id",
	.hooks = &item_hooks,
	.first_columns = "plan_id,category_id,analyte_id,jurisdiction_id,batches,subtotal",
};

/* ---- the demo (init --demo) ---- */

/* The demo year's monitoring plan on the year's testing budget: a line per
 * food category × district of the year's risk-monitoring samples (batches =
 * their number, the hazard their first tested item, 800 yuan a batch),
 * submitted and approved, each monitoring sample linked to it; and two
 * follow-ups, of a recurrence signal (an inspection) and of a failed
 * monitoring sample (a supervision sampling). Deterministic; through the
 * core (crud_add, workflow_apply, crud_set_fields) in one transaction. */
static int demo_lines(zj_ctx *c, int64_t plan)
{
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT s.category_id, s.jurisdiction_id, COUNT(*),"
		    " (SELECT MIN(r.analyte_id) FROM results r JOIN samples x ON x.id = r.sample_id"
		    "  WHERE x.kind = 'risk_monitoring' AND x.category_id = s.category_id"
		    "  AND x.jurisdiction_id = s.jurisdiction_id AND r.deleted = 0 AND x.deleted = 0)"
		    " FROM samples s WHERE s.kind = 'risk_monitoring' AND s.deleted = 0 AND s.category_id IS NOT NULL"
		    " GROUP BY s.category_id, s.jurisdiction_id ORDER BY s.category_id, s.jurisdiction_id",
		    &s) != DB_OK)
		return DB_ERR;
	int rc = DB_OK, st;
	json_t *rows = json_array();
	for (st = db_step(s); st == DB_ROW; st = db_step(s))
		if (db_col_int(s, 3) > 0)
			json_array_append_new(rows,
					      json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "plan_id",
							(json_int_t)plan, "category_id", (json_int_t)db_col_int(s, 0),
							"jurisdiction_id", (json_int_t)db_col_int(s, 1), "batches",
							(json_int_t)db_col_int(s, 2), "analyte_id",
							(json_int_t)db_col_int(s, 3), "cost_per_batch",
							(json_int_t)80000, "subtotal",
							(json_int_t)(db_col_int(s, 2) * 80000)));
	db_finalize(s);
	if (st != DB_DONE)
		rc = DB_ERR;
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		int64_t id = 0;
		if (rc == DB_OK)
			rc = crud_add(c, &rk_ent_mplan_items, r, &id);
	}
	json_decref(rows);
	return rc == DB_OK ? refresh_cost(c, plan) : rc;
}

/* Links every risk-monitoring sample to the plan. */
static int demo_link_samples(zj_ctx *c, int64_t plan)
{
	const entity_def *smp = registry_find("samples");
	db_stmt *s;
	if (!smp ||
	    db_prepare(c->db, "SELECT id FROM samples WHERE kind = 'risk_monitoring' AND deleted = 0 ORDER BY id",
		       &s) != DB_OK)
		return DB_ERR;
	json_t *ids = json_array();
	int st;
	for (st = db_step(s); st == DB_ROW; st = db_step(s))
		json_array_append_new(ids, json_integer(db_col_int(s, 0)));
	db_finalize(s);
	int rc = st == DB_DONE ? DB_OK : DB_ERR;
	size_t i;
	json_t *v;
	json_array_foreach (ids, i, v) {
		if (rc == DB_OK)
			rc = crud_set1(c, smp, json_integer_value(v), "update", "monitor_plan_id", json_integer(plan));
	}
	json_decref(ids);
	return rc;
}

static int demo_followup(zj_ctx *c, const char *origin, int64_t id, const char *kind)
{
	if (id <= 0)
		return DB_OK;
	json_t *row = json_pack("{s:I, s:s}", origin, (json_int_t)id, "kind", kind);
	int64_t fid = 0;
	int rc = crud_add_as_created(c, &rk_ent_followups, row, &fid);
	json_decref(row);
	return rc;
}

int rk_demo_monitoring(zj_ctx *c, FILE *report)
{
	int64_t budget = db_query_int(c->db, "SELECT MIN(id) FROM food_budgets WHERE deleted = 0", 0, NULL, 0);
	if (budget <= 0)
		return DB_OK;
	int64_t year = q1(c->db, "SELECT year FROM food_budgets WHERE id = ?", 1, budget, 0, 2026);
	char code[40], name[120];
	snprintf(code, sizeof code, "BT-%lld-JC", (long long)year);
	snprintf(name, sizeof name, "%lld年度包头市食品安全风险监测计划", (long long)year);
	json_t *p = json_pack(
		"{s:s, s:s, s:I, s:I, s:s}", "code", code, "name", name, "year", (json_int_t)year, "budget_id",
		(json_int_t)budget, "purpose",
		"掌握本市蔬菜、水产品等重点食品中重金属、禁用兽药的污染水平和变化趋势，为监督抽检和风险预警提供依据");
	int64_t plan = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = crud_add(c, &rk_ent_mplans, p, &plan);
	json_decref(p);
	if (rc == DB_OK)
		rc = demo_lines(c, plan);
	if (rc == DB_OK && (workflow_apply(c, &rk_ent_mplans, plan, "submit", NULL, "demo") ||
			    workflow_apply(c, &rk_ent_mplans, plan, "approve", NULL, "demo")))
		rc = DB_ERR;
	if (rc == DB_OK)
		rc = demo_link_samples(c, plan);
	if (rc == DB_OK)
		rc = demo_followup(
			c, "signal_id",
			db_query_int(c->db,
				     "SELECT MIN(id) FROM risk_signals WHERE kind = 'recurrence' AND deleted = 0", 0,
				     NULL, 0),
			"inspection");
	if (rc == DB_OK)
		rc = demo_followup(c, "sample_id",
				   db_query_int(c->db,
						"SELECT MIN(id) FROM samples WHERE kind = 'risk_monitoring'"
						" AND conclusion = 'fail' AND deleted = 0",
						0, NULL, 0),
				   "sampling");
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		db_rollback(c->db);
		return rc;
	}
	if (report)
		fprintf(report, "risk: monitoring plan %s (%lld yuan), 2 follow-ups\n", code,
			(long long)(plan_cost(c->db, plan) / 100));
	return DB_OK;
}
