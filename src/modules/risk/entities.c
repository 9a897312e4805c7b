/* entities.c — the records of risk monitoring: signals (风险信号) and their
 * triage, warnings (风险预警) with level, scope, measures, follow-ups and
 * closure, the watch list (重点监管名单) with its petition to leave, the
 * rules' parameters and the cost and exposure weight of each category for
 * the risk-based plan. Every state is a workflow, so the console shows it
 * as a tag, a tab and a to-do; every step's time is in the history. */
#include "modules/risk/risk.h"
#include "modules/modules.h"
#include <string.h>

static const char *str(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

/* ---- parameters (规则参数) ---- */

/* clang-format off */
static const field_def param_fields[] = {
	{"code", FT_TEXT, "参数代码", "Code", F_REQUIRED | F_UNIQUE | F_FILTER | F_CODE, 1, 40, .pattern = "^[a-z_]+$"},
	{"name", FT_TEXT, "参数", "Parameter", F_REQUIRED | F_LIST | F_SEARCH, 1, 100},
	{"name_en", FT_TEXT, "参数（英文）", "Parameter (English)", 0, 0, 100},
	{"value", FT_INT, "取值", "Value", F_REQUIRED | F_LIST, .min = 0, .max = 100000000},
	{"note", FT_TEXT, "说明", "Note", F_LIST, 0, 500},
};
/* clang-format on */

const entity_def rk_ent_params = {
	.name = "risk_params",
	.table = "risk_params",
	.label_zh = "风险规则参数",
	.label_en = "Risk rule parameters",
	.menu = "risk",
	.fields = param_fields,
	.nfields = ZJ_COUNT(param_fields),
	.label_field = "name",
	.no_delete = 1,
	.no_import = 1,
};

/* ---- costs per batch (抽检费用与暴露权重) ---- */

/* clang-format off */
static const field_def cost_fields[] = {
	{"category_id", FT_REF, "食品类别", "Food category", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER, .ref = "food_categories"},
	{"cost_per_batch", FT_MONEY, "每批次费用", "Cost per batch", F_REQUIRED | F_LIST, .min = 1, .max = 100000000},
	{"weight", FT_INT, "暴露权重", "Exposure weight", F_REQUIRED | F_LIST, .min = 1, .max = 10000,
	 .help_zh = "100 为 1 倍；消费量大、人群敏感的类别调高", .help_en = "100 is 1×; raise it for foods eaten widely or by sensitive groups"},
	{"note", FT_TEXT, "说明", "Note", 0, 0, 500},
};
/* clang-format on */

static const entity_action cost_actions[] = {
	{"plan", "POST", "risk_costs.plan", 0, rk_costs_plan, .label_zh = "生成基于风险的抽检计划",
	 .label_en = "Draft a risk-based sampling plan"},
};

const entity_def rk_ent_costs = {
	.name = "risk_costs",
	.table = "risk_costs",
	.label_zh = "抽检费用与权重",
	.label_en = "Sampling costs and weights",
	.menu = "risk",
	.fields = cost_fields,
	.nfields = ZJ_COUNT(cost_fields),
	.label_field = "category_id",
	.actions = cost_actions,
	.nactions = ZJ_COUNT(cost_actions),
};

/* ---- warnings (风险预警) ---- */

static void warning_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (old)
		return;
	if (!json_is_string(json_object_get(row, "issued_at")))
		json_object_set_new(row, "issued_at", json_string(c->now));
	/* raised from a signal: the warning is the signal's district's unless said otherwise */
	int64_t sig = json_integer_value(json_object_get(row, "signal_id"));
	if (sig > 0 && !json_integer_value(json_object_get(row, "jurisdiction_id"))) {
		int64_t j = crud_row_juris(c->db, &rk_ent_signals, sig);
		if (j > 0)
			json_object_set_new(row, "jurisdiction_id", json_integer(j));
	}
}

/* A warning raised from a signal takes the signal's step "raise" with it, in
 * the same transaction (the signal is then in state raised, naming it). */
static int warning_after(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	int64_t sig = json_integer_value(json_object_get(row, "signal_id"));
	if (old || sig <= 0)
		return 0;
	if (!ctx_can(c, "risk_signals.t.raise"))
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "无权将信号发布为预警", "You may not raise a signal"));
	json_t *f = json_pack("{s:I}", "warning_id", (json_int_t)id);
	int rc = workflow_apply(c, &rk_ent_signals, sig, "raise", f, NULL);
	json_decref(f);
	return rc ? CTX_REFUSED : 0;
}

/* A red or orange warning is pushed to the configured webhook (webhook.c):
 * queued here, in the warning's transaction, sent by the background job. */
static int warning_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	int rc = warning_after(c, id, row, old);
	if (!rc && !old && rk_webhook_queue(c, id, row, "risk_warning.issued"))
		rc = CTX_REFUSED;
	return rc;
}

static int relevel_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return rk_webhook_queue(c, id, row, "risk_warning.relevelled");
}

/* After issue, the level changes only by its step (with its reason, 突发事件
 * 应对法第七十条) and the signal it was raised from never changes. */
static void warning_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!old)
		return;
	if (!json_equal(json_object_get(row, "level"), json_object_get(old, "level")))
		crud_field_error(c, errors, "level", FE_STATE, "预警级别须通过“调整级别”步骤并说明理由",
				 "The level changes only by the step “Change the level”, with its reason");
	json_t *a = json_object_get(row, "signal_id"), *b = json_object_get(old, "signal_id");
	if (json_integer_value(a) != json_integer_value(b))
		crud_field_error(c, errors, "signal_id", FE_IMMUTABLE, "来源信号不能更改",
				 "The signal cannot be changed");
}

static const entity_hooks warning_hooks = {.prepare = warning_prepare,
					   .validate = warning_validate,
					   .after_write = warning_after_write};

static void close_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "closed_at", json_string(c->now));
}

static void tip_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "tip_published_on", json_string(c->today));
}

static const wf_state warning_states[] = {
	{"issued", "预警中", "In force", 0},
	{"closed", "已解除", "Lifted", 1},
};
/* 突发事件应对法第七十条: the level is adjusted as things develop and the
 * warning lifted when the danger is gone; each step is timed in the history. */
static const wf_transition warning_steps[] = {
	{"relevel", "调整级别", "Change the level", "issued", WF_STAY, .requires = "level,level_note", .own_fields = 1,
	 .on_enter = relevel_enter},
	{"follow", "记录跟进", "Record a follow-up", "issued", WF_STAY, .requires = "follow_up", .own_fields = 1},
	{"publish_tip", "发布消费提示", "Publish a consumer notice", "issued", WF_STAY,
	 .requires = "tip_title,tip_text", .fill = tip_fill, .own_fields = 1},
	{"close", "解除预警", "Lift the warning", "issued", "closed", .requires = "close_note", .fill = close_fill},
};
static const workflow_def warning_workflow = {"issued", warning_states, ZJ_COUNT(warning_states), warning_steps,
					      ZJ_COUNT(warning_steps)};

/* clang-format off */
static const field_def warning_fields[] = {
	{"title", FT_TEXT, "预警标题", "Title", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"level", FT_DICT, "预警级别", "Level", F_REQUIRED | F_LIST | F_FILTER, .dict = "risk_level",
	 .help_zh = "突发事件应对法第六十三条：红色为最高级", .help_en = "Emergency Response Law Art. 63: red is the highest"},
	{"scope_foods", FT_TEXT, "涉及食品", "Foods", F_REQUIRED | F_LIST | F_SEARCH, 1, 500},
	{"scope_hazards", FT_TEXT, "涉及危害因素", "Hazards", F_REQUIRED | F_SEARCH, 1, 500},
	{"scope_areas", FT_TEXT, "涉及区域", "Areas", F_REQUIRED | F_SEARCH, 1, 500},
	{"measures", FT_TEXT, "建议措施", "Recommended measures", F_REQUIRED, 2, 4000},
	{"units_notified", FT_TEXT, "通报单位", "Units notified", 0, 0, 1000},
	{"issued_at", FT_DATETIME, "发布时间", "Issued at", F_READONLY | F_FILLED | F_LIST | F_SORT},
	{"jurisdiction_id", FT_REF, "发布区划", "Jurisdiction", F_FILTER, .ref = "jurisdictions"},
	{"signal_id", FT_REF, "来源信号", "From signal", F_NOIMPORT, .ref = "risk_signals"},
	{"level_note", FT_TEXT, "级别调整理由", "Reason for the level", F_READONLY, 0, 1000},
	{"follow_up", FT_TEXT, "跟进情况", "Follow-up", F_READONLY, 0, 2000},
	{"tip_title", FT_TEXT, "消费提示标题", "Consumer notice title", F_READONLY, 0, 200},
	{"tip_text", FT_TEXT, "消费提示正文", "Consumer notice text", F_READONLY, 0, 4000},
	{"tip_published_on", FT_DATE, "消费提示发布日期", "Consumer notice published on", F_READONLY},
	{"close_note", FT_TEXT, "解除理由", "Reason for lifting", F_READONLY, 0, 1000},
	{"closed_at", FT_DATETIME, "解除时间", "Lifted at", F_READONLY},
};
/* clang-format on */

const entity_def rk_ent_warnings = {
	.name = "risk_warnings",
	.table = "risk_warnings",
	.label_zh = "风险预警",
	.label_en = "Risk warnings",
	.menu = "risk",
	.fields = warning_fields,
	.nfields = ZJ_COUNT(warning_fields),
	.label_field = "title",
	.juris_field = "jurisdiction_id",
	.default_sort = "-issued_at",
	.workflow = &warning_workflow,
	.hooks = &warning_hooks,
	.no_delete = 1,
	.first_columns = "state,level,title,scope_foods,issued_at",
};

/* ---- signals (风险信号) ---- */

/* Linking to a warning: it must be in force. */
static int link_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t w = json_integer_value(json_object_get(body, "warning_id"));
	json_t *wr = w > 0 ? crud_load(c, &rk_ent_warnings, w) : NULL;
	int rc = 0;
	if (!wr)
		rc = ctx_problem(c, PROB_NOT_FOUND, TR(c, "预警不存在", "No such warning"));
	else if (strcmp(str(wr, "state") ? str(wr, "state") : "", "issued"))
		rc = ctx_problem(c, PROB_STATE, TR(c, "预警已解除，不能并入", "The warning has been lifted"));
	json_decref(wr);
	return rc;
}

static const wf_state signal_states[] = {
	{"open", "待研判", "To triage", 0},
	{"dismissed", "已排除", "Dismissed", 1},
	{"linked", "已并入预警", "Linked to a warning", 1},
	{"raised", "已发布预警", "Raised as a warning", 1},
};
static const wf_transition signal_steps[] = {
	{"dismiss", "排除", "Dismiss", "open", "dismissed", .requires = "dismiss_reason"},
	{"link", "并入已有预警", "Link to a warning", "open", "linked", .requires = "warning_id", .guard = link_guard},
	/* taken with the new warning (its create), never alone */
	{"raise", "发布为新预警", "Raise as a new warning", "open", "raised", .requires = "warning_id",
	 .guard = link_guard, .aside = 1},
};
static const workflow_def signal_workflow = {"open", signal_states, ZJ_COUNT(signal_states), signal_steps,
					     ZJ_COUNT(signal_steps)};

static const entity_action signal_actions[] = {
	{"compute", "POST", "risk_signals.compute", 0, rk_signals_compute, .label_zh = "立即计算风险信号",
	 .label_en = "Compute the signals now"},
	{"heat", "GET", "risk_signals.read", 0, rk_signals_heat, .read_only = 1},
	{"trends", "GET", "risk_signals.read", 0, rk_signals_trends, .read_only = 1},
	{"follow_up", "POST", "risk_followups.create", 1, rk_signal_follow_up, .label_zh = "创建后续处置",
	 .label_en = "Create a follow-up", .button = 1},
	/* triage from the list (triage.c): the ticked signals raised as one warning */
	{"raise", "POST", "risk_warnings.create", 0, rk_signals_raise, .label_zh = "将所选信号发布为新预警",
	 .label_en = "Raise the ticked signals as a new warning", .button = 1, .button_asks = "selection"},
};

/* clang-format off */
static const field_def signal_fields[] = {
	{"signal_key", FT_TEXT, "信号标识", "Signal key", F_READONLY | F_UNIQUE | F_CODE, 1, 200},
	{"kind", FT_DICT, "信号类型", "Kind", F_READONLY | F_LIST | F_FILTER, .dict = "risk_signal_kind"},
	{"detected_on", FT_DATE, "发现日期", "Detected on", F_READONLY | F_FILLED | F_LIST | F_SORT | F_FILTER},
	{"category_id", FT_REF, "食品类别", "Food category", F_READONLY | F_LIST | F_FILTER, .ref = "food_categories"},
	{"analyte_id", FT_REF, "检验项目", "Hazard", F_READONLY | F_LIST | F_FILTER, .ref = "food_analytes"},
	{"jurisdiction_id", FT_REF, "区划", "Jurisdiction", F_READONLY | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"enterprise_id", FT_REF, "被抽样单位", "Enterprise", F_READONLY | F_FILTER, .ref = "enterprises"},
	{"producer_id", FT_REF, "标称生产者", "Producer", F_READONLY | F_FILTER, .ref = "enterprises"},
	{"sample_ids", FT_TEXT, "证据样品", "Evidence samples", F_READONLY, 0, 2000, .codes_of = "samples"},
	{"n", FT_INT, "样本量", "Samples tested", F_READONLY},
	{"k", FT_INT, "不合格数", "Failures", F_READONLY},
	{"ref_n", FT_INT, "对照样本量", "Reference samples", F_READONLY},
	{"ref_k", FT_INT, "对照不合格数", "Reference failures", F_READONLY},
	{"statistic", FT_DECIMAL, "统计量", "Statistic", F_READONLY},
	{"p_value", FT_DECIMAL, "P 值", "p-value", F_READONLY},
	{"q_value", FT_DECIMAL, "校正后 P 值（BH）", "Adjusted p (BH)", F_READONLY},
	{"rule", FT_TEXT, "触发规则", "Rule", F_READONLY | F_LIST, 0, 1000},
	{"evidence", FT_TEXT, "证据说明", "Evidence", F_READONLY | F_SEARCH, 0, 4000},
	{"dismiss_reason", FT_TEXT, "排除理由", "Reason for dismissal", F_READONLY, 2, 1000},
	{"warning_id", FT_REF, "预警", "Warning", F_READONLY | F_FILTER, .ref = "risk_warnings"},
};
/* clang-format on */

const entity_def rk_ent_signals = {
	.name = "risk_signals",
	.table = "risk_signals",
	.label_zh = "风险信号",
	.label_en = "Risk signals",
	.menu = "risk",
	.fields = signal_fields,
	.nfields = ZJ_COUNT(signal_fields),
	.label_field = "rule",
	.juris_field = "jurisdiction_id",
	.default_sort = "-detected_on",
	.workflow = &signal_workflow,
	.actions = signal_actions,
	.nactions = ZJ_COUNT(signal_actions),
	.no_create = 1,
	.no_update = 1,
	.no_delete = 1,
	.no_import = 1,
	.first_columns = "state,kind,rule,sample_ids,detected_on,jurisdiction_id",
};

/* ---- the watch list (重点监管名单) ---- */

static void watch_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	int64_t ent = json_integer_value(json_object_get(row, "enterprise_id"));
	if (ent > 0)
		json_object_set_new(row, "jurisdiction_id",
				    json_integer(crud_row_juris(c->db, registry_find("enterprises"), ent)));
	(void)old;
}

/* Leaving the list: at least `watch_exit_n` samples conforming since it was
 * entered and none failing (the bureau's exit rule, a parameter). */
static int release_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t need = rk_param(c, "watch_exit_n", 3);
	db_stmt *s;
	int64_t pass = 0, fail = 0;
	if (db_prepare(c->db,
		       "SELECT SUM(CASE WHEN final_conclusion = 'pass' THEN 1 ELSE 0 END),"
		       " SUM(CASE WHEN final_conclusion = 'fail' THEN 1 ELSE 0 END) FROM samples"
		       " WHERE deleted = 0 AND enterprise_id = ? AND sampled_on >= ?",
		       &s) != DB_OK)
		return ctx_internal(c, "risk watch release", db_errmsg(c->db));
	db_bind_int(s, 1, json_integer_value(json_object_get(row, "enterprise_id")));
	db_bind_text(s, 2, str(row, "entered_on") ? str(row, "entered_on") : "");
	if (db_step(s) == DB_ROW) {
		pass = db_col_int(s, 0);
		fail = db_col_int(s, 1);
	}
	db_finalize(s);
	if (fail > 0 || pass < need)
		return ctx_problemf(
			c, PROB_RULE_OF_PROCEDURE,
			TR(c,
			   "移出重点监管名单须自列入以来至少 %lld 批次抽检合格且无不合格（现合格 %lld 批、不合格 %lld 批）",
			   "Leaving the watch list needs at least %lld conforming samples and no failure since entry"
			   " (now %lld conforming, %lld failed)"),
			(long long)need, (long long)pass, (long long)fail);
	return 0;
}

static void petition_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "petition_on", json_string(c->today));
}

static void exit_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "exited_on", json_string(c->today));
}

static const wf_state watch_states[] = {
	{"listed", "重点监管中", "Under intensified sampling", 0},
	{"petitioned", "申请移出", "Petition to leave", 0},
	{"released", "已移出", "Released", 1},
};
static const wf_transition watch_steps[] = {
	{"petition", "企业申请移出", "Petition to leave", "listed", "petitioned", .requires = "petition",
	 .fill = petition_fill},
	{"release", "移出名单", "Release", "listed,petitioned", "released", .requires = "exit_note",
	 .guard = release_guard, .fill = exit_fill},
	{"refuse", "驳回申请", "Refuse the petition", "petitioned", "listed", .requires = "exit_note"},
};
static const workflow_def watch_workflow = {"listed", watch_states, ZJ_COUNT(watch_states), watch_steps,
					    ZJ_COUNT(watch_steps)};

/* clang-format off */
static const field_def watch_fields[] = {
	{"enterprise_id", FT_REF, "企业", "Enterprise", F_REQUIRED | F_LIST | F_FILTER, .ref = "enterprises"},
	{"jurisdiction_id", FT_REF, "区划", "Jurisdiction", F_READONLY | F_FILLED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"entered_on", FT_DATE, "列入日期", "Listed on", F_REQUIRED | F_LIST | F_SORT},
	{"reason", FT_TEXT, "列入理由", "Reason", F_REQUIRED | F_LIST | F_SEARCH, 2, 1000},
	{"signal_id", FT_REF, "来源信号", "From signal", F_READONLY, .ref = "risk_signals"},
	{"petition", FT_TEXT, "移出申请", "Petition", F_READONLY, 0, 2000},
	{"petition_on", FT_DATE, "申请日期", "Petitioned on", F_READONLY},
	{"exit_note", FT_TEXT, "处理意见", "Decision", F_READONLY, 0, 1000},
	{"exited_on", FT_DATE, "移出日期", "Released on", F_READONLY},
};
/* clang-format on */

static const entity_hooks watch_hooks = {.prepare = watch_prepare};

const entity_def rk_ent_watch = {
	.name = "risk_watch",
	.table = "risk_watch",
	.label_zh = "重点监管名单",
	.label_en = "Watch list",
	.menu = "risk",
	.fields = watch_fields,
	.nfields = ZJ_COUNT(watch_fields),
	.label_field = "reason",
	.juris_field = "jurisdiction_id",
	.default_sort = "-entered_on",
	.workflow = &watch_workflow,
	.hooks = &watch_hooks,
	.no_delete = 1,
	.first_columns = "state,enterprise_id,entered_on,reason",
};
