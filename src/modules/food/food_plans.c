/* food_plans.c — budgets, sampling plans and tasks. A plan (annual or a
 * special campaign) draws on one testing budget (DOMAIN.md §0: the
 * 3,160,000-yuan grant) and is made of lines: food category × jurisdiction ×
 * link, a number of batches, a cost per batch in fen and the test items.
 * A plan never silently exceeds its budget: every line written and every
 * approval re-checks the sum of all plans on the budget, and refuses with
 * the figures. Tasks hand quotas of a line to a sampling unit and a lab;
 * their progress is counted from the samples. */
#include "core/write.h"
#include "modules/food/food.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "1,234.50 元" style text of an amount in fen (exact). */
static void yuan(int64_t fen, char *buf, size_t n)
{
	dec d;
	if (dec_from_int(&d, fen, 2) != DEC_OK || dec_format(&d, buf, n) != DEC_OK)
		snprintf(buf, n, "?");
}

/* Sum of the lines on a budget, leaving out one plan line (0 = none) and
 * plans withdrawn. The budget is shared: the view budget_lines holds the
 * lines of every plan that draws on a testing budget (these plans' and the
 * risk monitoring plans', migration 033). */
static int64_t committed(db *d, int64_t budget, int64_t except_item)
{
	char b[24], e[24];
	snprintf(b, sizeof b, "%lld", (long long)budget);
	snprintf(e, sizeof e, "%lld", (long long)except_item);
	const char *p[] = {b, e};
	return db_query_int(d,
			    "SELECT COALESCE(SUM(subtotal), 0) FROM budget_lines"
			    " WHERE budget_id = ? AND NOT (entity = 'plan_items' AND line_id = ?)",
			    2, p, 0);
}

static int64_t budget_amount(db *d, int64_t budget)
{
	return food_query_int(d, "SELECT amount FROM food_budgets WHERE id = ? AND deleted = 0", budget, -1);
}

static int64_t plan_budget(db *d, int64_t plan)
{
	return food_query_int(d, "SELECT budget_id FROM food_plans WHERE id = ? AND deleted = 0", plan, 0);
}

static void over_budget_error(zj_ctx *c, json_t *errors, const char *field, int64_t amount, int64_t others,
			      int64_t line)
{
	char a[48], o[48], l[48], zh[256], en[256];
	yuan(amount, a, sizeof a), yuan(others, o, sizeof o), yuan(line, l, sizeof l);
	snprintf(zh, sizeof zh, "超出预算：预算 %s 元，其他计划行已安排 %s 元，本行 %s 元", a, o, l);
	snprintf(en, sizeof en, "exceeds the budget: budget %s yuan, other plan lines %s yuan, this line %s yuan", a, o,
		 l);
	crud_field_error(c, errors, field, FE_BUDGET, zh, en);
}

/* ---- budgets ---- */

static void budget_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!old)
		return;
	int64_t id = food_id_of(old, "id"), amount = food_id_of(row, "amount");
	int64_t used = committed(c->db, id, 0);
	if (amount < used) {
		char a[48], u[48], zh[200], en[200];
		yuan(amount, a, sizeof a), yuan(used, u, sizeof u);
		snprintf(zh, sizeof zh, "预算 %s 元低于已安排的 %s 元", a, u);
		snprintf(en, sizeof en, "the budget %s yuan is below the %s yuan already planned", a, u);
		crud_field_error(c, errors, "amount", FE_BUDGET, zh, en);
	}
}

static const entity_hooks budget_hooks = {.validate = budget_validate};

static const field_def budget_fields[] = {
	{"code", FT_TEXT, "预算编号", "Code", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 1, 40},
	{"name", FT_TEXT, "预算名称", "Name", F_REQUIRED | F_LIST | F_SEARCH, 1, 100},
	{"year", FT_INT, "年度", "Year", F_REQUIRED | F_LIST | F_FILTER | F_SORT, .min = 2000, .max = 2100},
	{"amount", FT_MONEY, "金额", "Amount", F_REQUIRED | F_LIST, .min = 0, .max = 100000000000LL},
	{"source", FT_TEXT, "资金来源", "Granted by", F_LIST, 0, 100},
	{"note", FT_TEXT, "备注", "Note", 0, 0, 500},
};
const entity_def ent_food_budgets = {
	.name = "food_budgets",
	.table = "food_budgets",
	.label_zh = "抽检经费",
	.label_en = "Testing budgets",
	.menu = "food",
	.fields = budget_fields,
	.nfields = ZJ_COUNT(budget_fields),
	.label_field = "name",
	.default_sort = "-id",
	.hooks = &budget_hooks,
};

/* ---- plans ---- */

static int64_t plan_cost(db *d, int64_t plan)
{
	return food_query_int(d, "SELECT COALESCE(SUM(subtotal), 0) FROM plan_items WHERE plan_id = ? AND deleted = 0",
			      plan, 0);
}

/* The plan's total follows its lines (a derived field, written and audited by the core). */
static int refresh_plan_cost(zj_ctx *c, int64_t plan)
{
	json_t *p = crud_load(c, &ent_food_plans, plan);
	if (!p)
		return DB_OK; /* a line of a deleted plan */
	int64_t cost = plan_cost(c->db, plan);
	int rc = DB_OK;
	if (food_id_of(p, "planned_cost") != cost || json_is_null(json_object_get(p, "planned_cost"))) {
		json_t *f = json_pack("{s:I}", "planned_cost", (json_int_t)cost);
		rc = crud_set_fields_old(c, &ent_food_plans, plan, p, f, "plan_cost");
		json_decref(f);
	}
	json_decref(p);
	return rc;
}

/* Approval re-checks the whole budget: lines of every plan on it. */
static int plan_budget_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t budget = food_id_of(row, "budget_id"), amount = budget_amount(c->db, budget);
	int64_t total = committed(c->db, budget, 0);
	if (amount >= 0 && total <= amount)
		return refresh_plan_cost(c, id) == DB_OK ? 0 : ctx_problem(c, PROB_DB_ERROR, NULL);
	char a[48], t[48];
	yuan(amount, a, sizeof a), yuan(total, t, sizeof t);
	return ctx_problemf(c, PROB_PLAN_OVER_BUDGET,
			    c->en ? "budget %s yuan, planned on it %s yuan" : "预算 %s 元，已安排 %s 元", a, t);
}

static int plan_submit_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (food_query_int(c->db, "SELECT COUNT(*) FROM plan_items WHERE plan_id = ? AND deleted = 0", id, 0) == 0)
		return ctx_problem(c, PROB_PLAN_NO_LINES, NULL);
	return plan_budget_guard(c, e, id, row, body);
}

static const wf_state plan_states[] = {
	{"draft", "草稿", "Draft"},
	{"submitted", "待审批", "Submitted"},
	{"approved", "已批准", "Approved"},
	{"closed", "已结束", "Closed", 1},
};
static const wf_transition plan_transitions[] = {
	{"submit", "提交审批", "Submit", "draft", "submitted", .guard = plan_submit_guard},
	{"return", "退回修改", "Return", "submitted", "draft", .requires = "return_note"},
	{"approve", "批准", "Approve", "submitted", "approved", .guard = plan_budget_guard},
	{"close", "结束", "Close", "approved", "closed"},
};
static const workflow_def plan_wf = {"draft", plan_states, ZJ_COUNT(plan_states), plan_transitions,
				     ZJ_COUNT(plan_transitions)};

static const field_def plan_fields[] = {
	{"code", FT_TEXT, "计划编号", "Code", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 1, 40},
	{"name", FT_TEXT, "计划名称", "Name", F_REQUIRED | F_LIST | F_SEARCH, 1, 120},
	{"year", FT_INT, "年度", "Year", F_REQUIRED | F_LIST | F_FILTER | F_SORT, .min = 2000, .max = 2100},
	{"kind", FT_DICT, "计划类型", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "plan_kind"},
	{"budget_id", FT_REF, "经费", "Budget", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_budgets"},
	{"starts_on", FT_DATE, "开始日期", "Starts", F_LIST},
	{"ends_on", FT_DATE, "结束日期", "Ends", F_LIST},
	{"description", FT_TEXT, "说明", "Description", 0, 0, 2000},
	{"planned_cost", FT_MONEY, "计划经费", "Planned cost", F_READONLY | F_LIST},
	{"return_note", FT_TEXT, "退回意见", "Return note", F_READONLY, 0, 500},
};

static int plan_budget_action(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body,
			      action_result *out)
{
	int64_t budget = plan_budget(c->db, id), amount = budget_amount(c->db, budget);
	int64_t all = committed(c->db, budget, 0), mine = plan_cost(c->db, id);
	out->json = json_pack("{s:I, s:I, s:I, s:I, s:I, s:b}", "budget_id", (json_int_t)budget, "budget_amount",
			      (json_int_t)amount, "planned_all", (json_int_t)all, "planned_this", (json_int_t)mine,
			      "remaining", (json_int_t)(amount - all), "within_budget", all <= amount);
	return 200;
}

static const entity_action plan_actions[] = {{"budget", "GET", NULL, 1, plan_budget_action}};

const entity_def ent_food_plans = {
	.name = "food_plans",
	.table = "food_plans",
	.label_zh = "抽检计划",
	.label_en = "Sampling plans",
	.menu = "food",
	.fields = plan_fields,
	.nfields = ZJ_COUNT(plan_fields),
	.label_field = "name",
	.default_sort = "-id",
	.workflow = &plan_wf,
	.actions = plan_actions,
	.nactions = ZJ_COUNT(plan_actions),
};

/* ---- plan lines ---- */

static void item_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *b = json_object_get(row, "batches"), *k = json_object_get(row, "cost_per_batch");
	if (json_is_integer(b) && json_is_integer(k))
		json_object_set_new(row, "subtotal", json_integer(json_integer_value(b) * json_integer_value(k)));
}

static void item_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t plan = food_id_of(row, "plan_id");
	if (!plan || json_array_size(errors))
		return;
	json_t *p = crud_load(c, &ent_food_plans, plan);
	const char *state = p ? food_str(p, "state") : NULL;
	if (state && strcmp(state, "draft"))
		crud_field_error(c, errors, "plan_id", FE_STATE, "计划已提交或批准，不能修改其批次",
				 "the plan is no longer a draft: its lines cannot change");
	int64_t budget = p ? food_id_of(p, "budget_id") : 0;
	json_decref(p);
	int64_t amount = budget_amount(c->db, budget), line = food_id_of(row, "subtotal");
	int64_t others = committed(c->db, budget, old ? food_id_of(old, "id") : 0);
	if (amount >= 0 && others + line > amount)
		over_budget_error(c, errors, "cost_per_batch", amount, others, line);
}

static int item_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	return refresh_plan_cost(c, food_id_of(row, "plan_id")) == DB_OK ? 0 : -1;
}

static const entity_hooks item_hooks = {.prepare = item_prepare,
					.validate = item_validate,
					.after_write = item_after_write};

static const field_def item_fields[] = {
	{"plan_id", FT_REF, "计划", "Plan", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_plans"},
	{"category_id", FT_REF, "食品类别", "Food category", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_categories"},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"link", FT_DICT, "环节", "Link", F_REQUIRED | F_LIST | F_FILTER, .dict = "sampling_link"},
	{"batches", FT_INT, "批次数", "Batches", F_REQUIRED | F_LIST, .unit = "batch", .min = 1, .max = 1000000},
	{"cost_per_batch", FT_MONEY, "每批次费用", "Cost per batch", F_REQUIRED | F_LIST, .min = 0, .max = 100000000},
	{"items", FT_TEXT, "检验项目", "Test items", F_LIST, 0, 1000, .help_zh = "检验项目代码，逗号分隔",
	 .help_en = "test item codes, comma-separated"},
	{"subtotal", FT_MONEY, "小计", "Subtotal", F_READONLY | F_LIST},
};
const entity_def ent_plan_items = {
	.name = "plan_items",
	.table = "plan_items",
	.label_zh = "计划批次",
	.label_en = "Plan lines",
	.menu = "food",
	.fields = item_fields,
	.nfields = ZJ_COUNT(item_fields),
	.label_field = "id",
	.juris_field = "jurisdiction_id",
	.hooks = &item_hooks,
};

/* ---- tasks ---- */

static void task_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	int64_t item = food_id_of(row, "plan_item_id");
	if (!item)
		return;
	json_t *it = crud_load(c, &ent_plan_items, item);
	if (!it)
		return;
	static const char *const copy[] = {"plan_id", "category_id", "jurisdiction_id", "link"};
	for (size_t i = 0; i < sizeof copy / sizeof copy[0]; i++) {
		json_t *v = json_object_get(row, copy[i]);
		if (!v || json_is_null(v))
			json_object_set(row, copy[i], json_object_get(it, copy[i]));
	}
	json_decref(it);
}

static void task_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t item = food_id_of(row, "plan_item_id");
	if (!item || json_array_size(errors))
		return;
	char i[24], self[24];
	snprintf(i, sizeof i, "%lld", (long long)item);
	snprintf(self, sizeof self, "%lld", (long long)(old ? food_id_of(old, "id") : 0));
	const char *p[] = {i, self};
	int64_t given = db_query_int(
		c->db,
		"SELECT COALESCE(SUM(quota), 0) FROM sampling_tasks WHERE plan_item_id = ? AND id <> ? AND deleted = 0",
		2, p, 0);
	int64_t batches = food_query_int(c->db, "SELECT batches FROM plan_items WHERE id = ?", item, 0);
	int64_t quota = food_id_of(row, "quota");
	if (given + quota > batches) {
		char zh[160], en[160];
		snprintf(zh, sizeof zh, "任务量超过计划批次：计划 %lld 批，已下达 %lld 批", (long long)batches,
			 (long long)given);
		snprintf(en, sizeof en, "quota exceeds the plan line: %lld batches planned, %lld already issued",
			 (long long)batches, (long long)given);
		crud_field_error(c, errors, "quota", FE_RANGE, zh, en);
	}
	if (food_id_of(row, "plan_id") &&
	    food_id_of(row, "plan_id") != food_query_int(c->db, "SELECT plan_id FROM plan_items WHERE id = ?", item, 0))
		crud_field_error(c, errors, "plan_item_id", FE_CHECK, "计划批次不属于该计划",
				 "the plan line belongs to another plan");
}

static void task_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.sampling_unit_id = ? OR t.lab_unit_id = ?");
	json_array_append_new(params, json_integer(c->user->unit_id));
	json_array_append_new(params, json_integer(c->user->unit_id));
}

static int task_issue_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const char *p[1];
	char pid[24];
	snprintf(pid, sizeof pid, "%lld", (long long)food_id_of(row, "plan_id"));
	p[0] = pid;
	if (db_query_int(c->db, "SELECT 1 FROM food_plans WHERE id = ? AND state = 'approved' AND deleted = 0", 1, p,
			 0) != 1)
		return ctx_problem(c, PROB_PLAN_NOT_APPROVED, NULL);
	return 0;
}

static const entity_hooks task_hooks = {.prepare = task_prepare,
					.validate = task_validate,
					.assigned_sql = task_assigned};

static const wf_state task_states[] = {{"draft", "草稿", "Draft"},
				       {"issued", "已下达", "Issued"},
				       {"closed", "已完成", "Closed", 1}};
static const wf_transition task_transitions[] = {
	{"issue", "下达", "Issue", "draft", "issued", .guard = task_issue_guard},
	{"close", "完成", "Close", "issued", "closed"},
};
static const workflow_def task_wf = {"draft", task_states, ZJ_COUNT(task_states), task_transitions,
				     ZJ_COUNT(task_transitions)};

/* Progress of the tasks the user may read: quota, sampled, reported. */
static int task_progress(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body,
			 action_result *out)
{
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql,
	       "SELECT t.id, t.code, t.quota, t.state,"
	       " (SELECT COUNT(*) FROM samples s WHERE s.task_id = t.id AND s.deleted = 0 AND s.state <> 'cancelled'),"
	       " (SELECT COUNT(*) FROM samples s WHERE s.task_id = t.id AND s.deleted = 0 AND s.conclusion IS NOT NULL)"
	       " FROM sampling_tasks t WHERE t.deleted = 0");
	json_t *params = json_array();
	crud_scope_sql(c, e, ctx_scope(c, "sampling_tasks.read"), &sql, params);
	const kv_list *q = query; /* ?plan_id=N: the tasks of one plan (its page) */
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, "plan_id")) {
			char *end = NULL;
			long long pid = q->items[i].v ? strtoll(q->items[i].v, &end, 10) : 0;
			if (!end || *end || pid <= 0) {
				json_decref(params), sb_free(&sql);
				ctx_problem(c, PROB_BAD_QUERY, "plan_id");
				json_object_set_new(c->problem, "errors",
						    json_pack("[{s:s, s:s, s:s}]", "field", "plan_id", "code",
							      fe_name(FE_QUERY), "message",
							      TR(c, "应为计划编号（整数）",
								 "must be a plan id (integer)")));
				return 400;
			}
			sb_add(&sql, " AND t.plan_id = ?");
			json_array_append_new(params, json_integer(pid));
		}
	sb_add(&sql, " ORDER BY t.id LIMIT 500");
	db_stmt *s;
	json_t *items = json_array();
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			int64_t quota = db_col_int(s, 2), done = db_col_int(s, 4);
			json_array_append_new(items,
					      json_pack("{s:I, s:s, s:I, s:s, s:I, s:I, s:I}", "id",
							(json_int_t)db_col_int(s, 0), "code", db_col_text(s, 1),
							"quota", (json_int_t)quota, "state",
							db_col_text(s, 3) ? db_col_text(s, 3) : "", "sampled",
							(json_int_t)done, "reported", (json_int_t)db_col_int(s, 5),
							"percent", (json_int_t)(quota ? done * 100 / quota : 0)));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) { /* never a part of the list */
		json_decref(items);
		return ctx_internal(c, "task progress", db_errmsg(c->db));
	}
	out->json = json_pack("{s:o}", "items", items);
	return 200;
}

static const entity_action task_actions[] = {{"progress", "GET", NULL, 0, task_progress, .read_only = 1}};

static const field_def task_fields[] = {
	{"code", FT_TEXT, "任务编号", "Code", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 1, 40},
	{"plan_id", FT_REF, "计划", "Plan", F_REQUIRED | F_LIST | F_FILTER, .ref = "food_plans"},
	{"plan_item_id", FT_REF, "计划批次", "Plan line", F_LIST | F_FILTER, .ref = "plan_items"},
	{"sampling_unit_id", FT_REF, "抽样单位", "Sampling unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "units"},
	{"lab_unit_id", FT_REF, "检验机构", "Laboratory", F_LIST | F_FILTER, .ref = "units"},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"category_id", FT_REF, "食品类别", "Food category", F_LIST | F_FILTER, .ref = "food_categories"},
	{"link", FT_DICT, "环节", "Link", F_LIST | F_FILTER, .dict = "sampling_link"},
	{"quota", FT_INT, "任务批次", "Quota", F_REQUIRED | F_LIST, .unit = "batch", .min = 1, .max = 1000000},
	{"due_on", FT_DATE, "完成期限", "Due", F_LIST | F_FILTER},
	{"note", FT_TEXT, "备注", "Note", 0, 0, 500},
};
const entity_def ent_sampling_tasks = {
	.name = "sampling_tasks",
	.table = "sampling_tasks",
	.label_zh = "抽样任务",
	.label_en = "Sampling tasks",
	.menu = "food",
	.fields = task_fields,
	.nfields = ZJ_COUNT(task_fields),
	.label_field = "code",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &task_wf,
	.hooks = &task_hooks,
	.actions = task_actions,
	.nactions = ZJ_COUNT(task_actions),
};
