/* followups.c — the follow-up of a monitoring finding (风险监测结果的后续处置).
 * A monitoring result is not an enforcement test, but a finding that
 * warrants action leads to one (食品安全法实施条例第七条: the regulator
 * investigates; the supervision test that follows can be the basis of a
 * penalty): a supervision sampling task (监督抽检) or an inspection of the
 * enterprise (监督检查). The platform has no general inspection record
 * (equipment inspections are another thing), so the follow-up is a record of
 * its own, kind sampling | inspection, assigned to a unit with a due date
 * the workflow engine keeps as a deadline (countdown, overdue to-do).
 *
 * Linked both ways: the follow-up names its origin (the signal, or the
 * failed risk-monitoring sample) and, when done, the supervision sample it
 * led to; the signal's and the sample's pages list their follow-ups
 * (record relations in risk.c). The signal's button 创建后续处置 (POST
 * /risk_signals/{id}/actions/follow_up) creates one through the ordinary
 * create path: permission, validation, hooks, audit. */
#include "modules/modules.h"
#include "modules/risk/risk.h"
#include <string.h>

static int64_t id_of(const json_t *row, const char *k)
{
	return json_integer_value(json_object_get(row, k));
}

static const char *str_of(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

/* Copies enterprise and jurisdiction from the origin when not given. */
static void copy_from(json_t *row, const json_t *origin)
{
	static const char *const keys[] = {"enterprise_id", "jurisdiction_id"};
	for (size_t i = 0; origin && i < sizeof keys / sizeof keys[0]; i++)
		if (!id_of(row, keys[i]) && id_of(origin, keys[i]))
			json_object_set(row, keys[i], json_object_get(origin, keys[i]));
}

/* The unit of a jurisdiction that takes the follow-up by default: its first
 * unit (the district's market-supervision bureau), else the author's unit. */
static int64_t default_unit(zj_ctx *c, int64_t juris)
{
	char j[24];
	snprintf(j, sizeof j, "%lld", (long long)juris);
	const char *p[] = {j};
	int64_t u = juris > 0
			    ? db_query_int(c->db, "SELECT MIN(id) FROM units WHERE jurisdiction_id = ? AND deleted = 0",
					   1, p, 0)
			    : 0;
	return u > 0 ? u : (c->user ? c->user->unit_id : 0);
}

static void fu_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (old)
		return;
	json_t *sig = id_of(row, "signal_id") ? crud_load(c, &rk_ent_signals, id_of(row, "signal_id")) : NULL;
	json_t *smp = id_of(row, "sample_id") ? crud_load(c, registry_find("samples"), id_of(row, "sample_id")) : NULL;
	copy_from(row, sig);
	copy_from(row, smp);
	if (!str_of(row, "kind")) /* an enterprise named: inspect it; else sample the category again */
		json_object_set_new(row, "kind", json_string(id_of(row, "enterprise_id") ? "inspection" : "sampling"));
	if (!id_of(row, "unit_id"))
		json_object_set_new(row, "unit_id", json_integer(default_unit(c, id_of(row, "jurisdiction_id"))));
	if (!str_of(row, "instructions") && (sig || smp)) {
		char buf[1200];
		if (sig)
			snprintf(buf, sizeof buf, "核查风险信号：%s", str_of(sig, "rule") ? str_of(sig, "rule") : "");
		else
			snprintf(buf, sizeof buf, "核查风险监测不合格样品 %s",
				 str_of(smp, "code") ? str_of(smp, "code") : "");
		json_object_set_new(row, "instructions", json_string(buf));
	}
	json_decref(sig);
	json_decref(smp);
}

/* The origin is a signal or a failed risk-monitoring sample (the finding);
 * a supervision sample is followed up by the food area's own disposal. */
static void fu_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (old) {
		static const char *const fixed[] = {"signal_id", "sample_id"};
		for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
			if (id_of(row, fixed[i]) != id_of(old, fixed[i]))
				crud_field_error(c, errors, fixed[i], FE_IMMUTABLE, "后续处置的来源不能更改",
						 "The origin of a follow-up cannot change");
		return;
	}
	if (!str_of(row, "instructions"))
		crud_field_error(c, errors, "instructions", FE_REQUIRED, "请填写处置要求", "Give the instructions");
	if (!id_of(row, "unit_id"))
		crud_field_error(c, errors, "unit_id", FE_REQUIRED, "请指定承办单位", "Name the assigned unit");
	if (!id_of(row, "signal_id") && !id_of(row, "sample_id")) {
		crud_field_error(c, errors, "signal_id", FE_REQUIRED, "须注明来源：风险信号或风险监测不合格样品",
				 "Name the origin: a risk signal or a failed risk-monitoring sample");
		return;
	}
	if (id_of(row, "sample_id")) {
		json_t *s = crud_load(c, registry_find("samples"), id_of(row, "sample_id"));
		const char *kind = s ? str_of(s, "kind") : NULL, *concl = s ? str_of(s, "conclusion") : NULL;
		if (s && (!kind || strcmp(kind, "risk_monitoring") || !concl || strcmp(concl, "fail")))
			crud_field_error(c, errors, "sample_id", FE_CHECK, "来源样品须为检验结论不合格的风险监测样品",
					 "The sample must be a risk-monitoring sample that failed");
		json_decref(s);
	}
}

/* The deadline: the due day given, else `followup_days` (10) working days
 * from today on the one calendar; opened with the follow-up in its state
 * `assigned`, so that the step out of it closes it. */
static int fu_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	const char *due = str_of(row, "due_on"), *was = old ? str_of(old, "due_on") : NULL;
	if (old) {
		if (!due || (was && !strcmp(due, was)))
			return 0;
		return workflow_move_deadline(c, rk_ent_followups.name, id, "followup_due", due) == DB_OK ? 0 : -1;
	}
	char out[11] = "";
	int rc = due ? workflow_open_deadline(c, rk_ent_followups.name, id, "followup_due", "assigned", due, 0,
					      DL_CALENDAR_DAYS, NULL)
		     : workflow_open_deadline(c, rk_ent_followups.name, id, "followup_due", "assigned", c->today,
					      (int)rk_param(c, "followup_days", 10), DL_WORKING_DAYS, out);
	if (rc == DB_OK && !due)
		rc = crud_set1(c, &rk_ent_followups, id, "update", "due_on", json_string(out));
	return rc == DB_OK ? 0 : -1;
}

/* The unit the follow-up is assigned to sees it (scope "assigned"). */
static void fu_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.unit_id = ?");
	json_array_append_new(params, json_integer(c->user ? c->user->unit_id : 0));
}

static void done_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "done_on", json_string(c->today));
}

static const entity_hooks fu_hooks = {.prepare = fu_prepare,
				      .validate = fu_validate,
				      .after_write = fu_after_write,
				      .assigned_sql = fu_assigned};

static const wf_state fu_states[] = {
	{"assigned", "待处置", "Assigned"},
	{"done", "已完成", "Done", 1},
	{"cancelled", "已撤销", "Cancelled", 1},
};
static const wf_transition fu_steps[] = {
	{"done", "完成处置", "Done", "assigned", "done", .requires = "result", .fill = done_fill},
	{"cancel", "撤销", "Cancel", "assigned", "cancelled", .requires = "cancel_note", .aside = 1},
};
static const workflow_def fu_workflow = {"assigned", fu_states, ZJ_COUNT(fu_states), fu_steps, ZJ_COUNT(fu_steps)};

/* clang-format off */
static const field_def fu_fields[] = {
	{"kind", FT_DICT, "处置方式", "Kind", F_FILLED | F_LIST | F_FILTER, .dict = "risk_followup_kind",
	 .help_zh = "不填：有被抽样单位则监督检查，否则监督抽检", .help_en = "default: an inspection when an enterprise is named, else sampling"},
	{"signal_id", FT_REF, "来源信号", "From signal", F_LIST | F_FILTER, .ref = "risk_signals"},
	{"sample_id", FT_REF, "来源样品（风险监测）", "From sample (risk monitoring)", F_LIST | F_FILTER, .ref = "samples"},
	{"enterprise_id", FT_REF, "企业", "Enterprise", F_LIST | F_FILTER, .ref = "enterprises"},
	{"jurisdiction_id", FT_REF, "区划", "Jurisdiction", F_FILTER, .ref = "jurisdictions"},
	{"unit_id", FT_REF, "承办单位", "Assigned unit", F_FILLED | F_LIST | F_FILTER, .ref = "units"},
	{"due_on", FT_DATE, "完成期限", "Due on", F_LIST | F_FILTER,
	 .help_zh = "不填则为10个工作日", .help_en = "default: 10 working days"},
	{"instructions", FT_TEXT, "处置要求", "Instructions", F_FILLED | F_SEARCH, 2, 2000},
	{"result", FT_TEXT, "处置结果", "Result", F_READONLY, 2, 2000},
	{"result_sample_id", FT_REF, "监督抽检样品", "Supervision sample", F_FILTER, .ref = "samples",
	 .help_zh = "后续监督抽检的样品", .help_en = "the supervision sample taken as the follow-up"},
	{"done_on", FT_DATE, "完成日期", "Done on", F_READONLY | F_LIST},
	{"cancel_note", FT_TEXT, "撤销理由", "Reason for cancelling", F_READONLY, 2, 1000},
};
/* clang-format on */

const entity_def rk_ent_followups = {
	.name = "risk_followups",
	.table = "risk_followups",
	.label_zh = "风险监测后续处置",
	.label_en = "Monitoring follow-ups",
	.menu = "risk",
	.fields = fu_fields,
	.nfields = ZJ_COUNT(fu_fields),
	.label_field = "instructions",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &fu_workflow,
	.hooks = &fu_hooks,
	.no_delete = 1,
	.first_columns = "state,deadline,kind,instructions,signal_id,sample_id,unit_id,due_on",
};

/* POST /risk_signals/{id}/actions/follow_up {"kind"?, "unit_id"?, "due_on"?,
 * "instructions"?}: a follow-up of the signal, through the ordinary create
 * (its permission risk_followups.create, validation, hooks, audit). */
int rk_signal_follow_up(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *b = json_is_object(body) ? json_deep_copy(body) : json_object();
	json_object_set_new(b, "signal_id", json_integer(id));
	json_t *row = NULL;
	int st = crud_create(c, &rk_ent_followups, b, &row);
	json_decref(b);
	if (row) {
		out->json = row;
		action_summary(out, "已创建后续处置", "A follow-up was created");
	}
	return st;
}
