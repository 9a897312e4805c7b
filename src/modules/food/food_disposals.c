/* food_disposals.c — 核查处置 of non-conforming food (DOMAIN.md §11.3
 * F21–F24). When the regulator receives a failed result, one task goes to
 * the jurisdiction of the sampled business and one to that of the labelled
 * producer if it is another business; a producer in another city or
 * province gets a notification (异地通报协查) handled by the city. Each task
 * records control measures, recall, cause, rectification and a case when
 * warranted (handed to the enforcement area by reference), and must be done
 * within the disposal period (90 days, F24 [U], a configurable rule),
 * extended only with the head's written approval (action `extend`). The
 * deadline spans the task's states and is closed when it ends; overdue
 * tasks show on the supervisor's dashboard. A conforming 复检 cancels them. */
#include "core/privacy.h"
#include "core/write.h"
#include "modules/food/food.h"
#include "core/audit.h"
#include "modules/modules.h"
#include <stdio.h>
#include <string.h>

/* The deadline row carries this state so that the workflow's state changes
 * do not close it: it runs until the task ends. */
static const char DISPOSAL_SPAN[] = "disposal";

/* The prefecture a district belongs to (the city handles notifications). */
static int64_t city_of(zj_ctx *c, int64_t juris)
{
	int64_t parent = food_query_int(c->db, "SELECT parent_id FROM jurisdictions WHERE id = ?", juris, 0);
	if (parent &&
	    food_query_int(c->db, "SELECT 1 FROM jurisdictions WHERE id = ? AND level = 'prefecture'", parent, 0) == 1)
		return parent;
	return juris;
}

/* F24: the disposal period runs from the day the regulator received the
 * failed result (the sample's notified_at, Beijing date), not the click. */
static int insert_task(zj_ctx *c, json_t *row, const char *opened_on, int64_t *id)
{
	char due[11];
	if (food_rule_due(c->db, "disposal", opened_on, due, NULL) != 0)
		return DB_ERR;
	json_object_set_new(row, "opened_on", json_string(opened_on));
	json_object_set_new(row, "due_on", json_string(due));
	int rc = crud_add(c, &ent_disposals, row, id);
	if (rc == DB_OK)
		rc = food_open_deadline(c, "disposals", *id, "disposal_due", DISPOSAL_SPAN, "disposal", opened_on,
					NULL);
	return rc;
}

static json_t *task_row(const json_t *sample, int64_t sample_id, const char *kind, int64_t juris)
{
	json_t *r = json_pack("{s:I, s:s, s:I, s:b}", "sample_id", (json_int_t)sample_id, "kind", kind,
			      "jurisdiction_id", (json_int_t)juris, "enforcement_basis",
			      json_is_true(json_object_get(sample, "enforcement_basis")));
	return r;
}

/* Where the labelled producer is, when it is not the sampled business:
 * a registered enterprise, a division inside our area, or elsewhere. */
static int producer_task(zj_ctx *c, int64_t sample_id, const json_t *sample, json_t **row)
{
	int64_t business = food_id_of(sample, "enterprise_id"), producer = food_id_of(sample, "producer_id");
	const char *division = food_str(sample, "producer_division");
	*row = NULL;
	if (producer && producer != business) {
		int64_t j = food_query_int(c->db, "SELECT jurisdiction_id FROM enterprises WHERE id = ?", producer, 0);
		*row = task_row(sample, sample_id, "producer", j ? j : food_id_of(sample, "jurisdiction_id"));
		json_object_set_new(*row, "enterprise_id", json_integer(producer));
		return 0;
	}
	if (producer || !division)
		return 0;
	int64_t city = city_of(c, food_id_of(sample, "jurisdiction_id"));
	char cpath[300] = "";
	db_stmt *s;
	int rc = db_prepare(c->db, "SELECT path FROM jurisdictions WHERE id = ?", &s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, city);
		rc = db_step(s);
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(cpath, sizeof cpath, "%s%%", db_col_text(s, 0));
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE) /* the step rolls back (workflow.c) */
		return ctx_internal(c, "disposal: city", db_errmsg(c->db));
	const char *p[] = {division, cpath};
	int64_t local =
		db_query_int(c->db, "SELECT id FROM jurisdictions WHERE code = ? AND path LIKE ? AND deleted = 0", 2, p,
			     0);
	if (local && local == food_id_of(sample, "jurisdiction_id") && !food_str(sample, "producer_name"))
		return 0;
	*row = task_row(sample, sample_id, local ? "producer" : "notification", local ? local : city);
	if (food_str(sample, "producer_name"))
		json_object_set_new(*row, "target_name", json_string(food_str(sample, "producer_name")));
	json_object_set_new(*row, "target_region", json_string(division));
	return 0;
}

int food_open_disposals(zj_ctx *c, int64_t sample_id, const json_t *sample)
{
	int64_t id;
	char opened_on[11];
	if (!food_str(sample, "notified_at") || food_local_date(food_str(sample, "notified_at"), opened_on) != 0)
		snprintf(opened_on, sizeof opened_on, "%s", c->today);
	json_t *b = task_row(sample, sample_id, "business", food_id_of(sample, "jurisdiction_id"));
	json_object_set(b, "enterprise_id", json_object_get(sample, "enterprise_id"));
	int rc = insert_task(c, b, opened_on, &id);
	json_decref(b);
	json_t *p = NULL;
	if (rc == DB_OK)
		producer_task(c, sample_id, sample, &p);
	if (rc == DB_OK && p)
		rc = insert_task(c, p, opened_on, &id);
	json_decref(p);
	return rc == DB_OK ? 0 : -1;
}

/* ---- the entity ---- */

/* A task entered by hand starts today: its period is set with the row. */
static void disposal_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	char due[11];
	if (old || food_rule_due(c->db, "disposal", c->today, due, NULL) != 0)
		return;
	json_object_set_new(row, "opened_on", json_string(c->today));
	json_object_set_new(row, "due_on", json_string(due));
}

static int disposal_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	if (old)
		return 0;
	const char *on = food_str(row, "opened_on");
	return food_open_deadline(c, "disposals", id, "disposal_due", DISPOSAL_SPAN, "disposal", on ? on : c->today,
				  NULL) == DB_OK
		       ? 0
		       : -1;
}

static void disposal_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *kind = food_str(row, "kind");
	if (kind && !strcmp(kind, "notification") && !food_str(row, "target_region"))
		crud_field_error(c, errors, "target_region", FE_REQUIRED, "异地通报须填写对方区划代码",
				 "a notification needs the other region's division code");
}

static int not_notification(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!strcmp(food_str(row, "kind"), "notification"))
		return ctx_problem(c, PROB_DISPOSAL_NOTIFY_ONLY, NULL);
	return 0;
}

static int only_notification(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (strcmp(food_str(row, "kind"), "notification"))
		return ctx_problem(c, PROB_DISPOSAL_LOCAL_STEPS, NULL);
	return 0;
}

static int end_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return food_close_deadlines(c, "disposals", id, "disposal_due") == DB_OK ? 0 : -1;
}

/* F24: extension on the written approval of the head of the regulator — an
 * in-place step (the task keeps its state): a later due day, the reason,
 * and the running deadline moved with it. */
static int extend_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	json_t *cur = crud_load(c, e, id); /* as it stands, before the step */
	const char *was = cur ? food_str(cur, "due_on") : NULL, *due = food_str(row, "due_on");
	int rc = 0;
	if (was && due && strcmp(due, was) <= 0)
		rc = ctx_problemf(c, PROB_DUE_DATE_NOT_LATER, "%s", was);
	json_decref(cur);
	return rc;
}

static int extend_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return workflow_move_deadline(c, "disposals", id, "disposal_due", food_str(row, "due_on")) == DB_OK ? 0 : -1;
}

static const wf_state disposal_states[] = {
	{"opened", "待处置", "Opened"},         {"controlling", "风险控制", "Controlling the risk"},
	{"rectifying", "整改中", "Rectifying"}, {"closed", "已完成", "Completed", 1},
	{"notified", "已通报", "Notified", 1},  {"cancelled", "已撤销", "Cancelled", 1},
};
static const wf_transition disposal_transitions[] = {
	{"control", "采取控制措施", "Control measures", "opened", "controlling", .requires = "measures",
	 .guard = not_notification},
	{"rectify", "查明原因并召回", "Cause and recall", "controlling", "rectifying", .requires = "cause,recall"},
	{"refer_case", "移送立案", "Refer for a case", "controlling,rectifying", "rectifying", .requires = "case_ref",
	 .aside = 1},
	{"close", "处置完成", "Complete", "rectifying", "closed", .requires = "rectification,outcome",
	 .on_enter = end_enter},
	{"notify", "异地通报", "Notify the other region", "opened", "notified", .requires = "notified_to,notified_on",
	 .guard = only_notification, .on_enter = end_enter},
	{"cancel", "撤销", "Cancel", "opened,controlling,rectifying", "cancelled", .requires = "cancel_reason",
	 .on_enter = end_enter, .aside = 1},
	{"extend", "延长处置期限", "Extend the period", "opened,controlling,rectifying", WF_STAY, "disposals.extend",
	 "due_on,extension_reason", .guard = extend_guard, .on_enter = extend_enter},
};
static const workflow_def disposal_wf = {"opened", disposal_states, ZJ_COUNT(disposal_states), disposal_transitions,
					 ZJ_COUNT(disposal_transitions)};

/* POST /disposals/{id}/actions/extend {"due_on","reason"}: the `extend` step. */
static int extend_action(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body,
			 action_result *out)
{
	const char *due = body ? json_string_value(json_object_get(body, "due_on")) : NULL;
	const char *why = body ? json_string_value(json_object_get(body, "reason")) : NULL;
	json_t *errors = json_array();
	date_days d;
	if (!due || date_parse(due, &d) != DATE_OK)
		crud_field_error(c, errors, "due_on", FE_TYPE, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
	if (!why || !*why)
		crud_field_error(c, errors, "reason", FE_REQUIRED, "须写明延期理由及批准情况",
				 "give the reason and the approval");
	if (json_array_size(errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return workflow_step_action(c, e, id, "extend", json_pack("{s:s, s:s}", "due_on", due, "extension_reason", why),
				    out);
}

static const entity_action disposal_actions[] = {{"extend", "POST", "disposals.extend", 1, extend_action}};

static const entity_hooks disposal_hooks = {.prepare = disposal_prepare,
					    .validate = disposal_validate,
					    .after_write = disposal_after_write};

static const field_def disposal_fields[] = {
	{"sample_id", FT_REF, "抽样单", "Sample", F_REQUIRED | F_LIST | F_FILTER, .ref = "samples"},
	{"kind", FT_DICT, "任务类型", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "disposal_kind"},
	{"jurisdiction_id", FT_REF, "承办区域", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"enterprise_id", FT_REF, "处置对象", "Business", F_LIST | F_FILTER, .ref = "enterprises"},
	{"target_name", FT_TEXT, "标称生产者", "Labelled producer", F_LIST, 0, 200},
	{"target_region", FT_TEXT, "对方区划代码", "Other region", F_LIST, 0, 6, 0, 0, "^[0-9]{6}$"},
	{"opened_on", FT_DATE, "启动日期", "Opened on", F_READONLY | F_LIST},
	{"due_on", FT_DATE, "处置期限", "Due", F_READONLY | F_LIST | F_FILTER},
	{"extension_reason", FT_TEXT, "延期理由", "Extension", F_READONLY, 0, 500},
	{"measures", FT_TEXT, "控制措施", "Control measures", 0, 0, 2000, .help_zh = "封存、停止生产经营等",
	 .help_en = "sealing, stopping production and sale ..."},
	{"recall", FT_TEXT, "召回情况", "Recall", 0, 0, 2000},
	{"cause", FT_TEXT, "原因分析", "Cause", 0, 0, 2000},
	{"rectification", FT_TEXT, "整改情况", "Rectification", 0, 0, 2000},
	{"case_ref", FT_TEXT, "立案编号", "Case reference", F_LIST, 0, 80},
	{"outcome", FT_TEXT, "处置结果", "Outcome", 0, 0, 2000},
	{"notified_to", FT_TEXT, "通报单位", "Notified authority", 0, 0, 200},
	{"notified_on", FT_DATE, "通报日期", "Notified on", 0},
	{"cancel_reason", FT_TEXT, "撤销原因", "Reason for cancelling", F_READONLY, 0, 500},
	{"enforcement_basis", FT_BOOL, "可作执法依据", "Enforcement basis", F_READONLY},
};
const entity_def ent_disposals = {
	.name = "disposals",
	.table = "disposals",
	.label_zh = "核查处置",
	.label_en = "Disposals",
	.menu = "food",
	.fields = disposal_fields,
	.nfields = ZJ_COUNT(disposal_fields),
	.label_field = "id",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &disposal_wf,
	.first_columns = "sample_id,state,deadline,jurisdiction_id",
	.hooks = &disposal_hooks,
	.actions = disposal_actions,
	.nactions = ZJ_COUNT(disposal_actions),
};
