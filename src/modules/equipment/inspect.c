/* inspect.c — applications for periodic inspection (报检, 特种设备安全法第
 * 四十条: the user requests it one month before the due date), inspection
 * records (检验记录: conclusion 合格 / 复检合格 / 不合格, safety grade for
 * vessels), defects with rectification deadlines, re-inspection, and the
 * printable inspection report. Recording an inspection recomputes the unit's
 * dates through the engine and completes the open application. */
#include "core/dict.h"
#include "core/docs.h"
#include "lib/strbuf.h"
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

const char *eq_engine_field(const char *f, const char *last_field)
{
	if (!f)
		return "kind";
	if (!strcmp(f, "last") || !strcmp(f, "commissioned"))
		return last_field;
	if (!strcmp(f, "category") || !strcmp(f, "type") || !strcmp(f, "base"))
		return "unit_id";
	return f;
}

/* The unit a record names, loaded; NULL (with an error on unit_id) when it
 * is absent or no longer registered here. */
static json_t *live_unit(zj_ctx *c, const json_t *row, json_t *errors)
{
	int64_t uid = eq_int(row, "unit_id");
	json_t *u = uid ? crud_load(c, &eq_ent_units, uid) : NULL;
	if (!u)
		return NULL; /* the reference check names it */
	const char *st = eq_str(u, "state");
	if (st && workflow_is_final(eq_ent_units.workflow, st)) {
		crud_field_error(c, errors, "unit_id", FE_STATE, "设备已报废、过户或移装",
				 "the unit is scrapped, transferred or relocated");
		json_decref(u);
		return NULL;
	}
	return u;
}

static int unit_category(const json_t *u)
{
	const char *s = eq_str(u, "category");
	return s ? (int)strtol(s, NULL, 10) : 0;
}

static void check_kind(zj_ctx *c, const eq_rule_set *set, const json_t *u, const char *kind, json_t *errors)
{
	if (kind && !eq_kind_known(set->rules, set->n, unit_category(u), kind))
		crud_field_error(c, errors, "kind", FE_DICT, "该类设备没有这种定期检验（检验规则表）",
				 "this category of equipment has no such periodic inspection (rule table)");
}

/* ---- applications (报检) ---- */

/* A record of a unit carries the unit's jurisdiction (data scope) and, for
 * an application, its user unit. */
static void fill_from_unit(zj_ctx *c, const entity_def *e, json_t *row)
{
	int64_t uid = eq_int(row, "unit_id");
	json_t *u = uid ? crud_load(c, &eq_ent_units, uid) : NULL;
	if (!u)
		return;
	json_object_set(row, "jurisdiction_id", json_object_get(u, "jurisdiction_id"));
	if (entity_field(e, "user_id") && json_object_get(u, "user_id"))
		json_object_set(row, "user_id", json_object_get(u, "user_id"));
	json_decref(u);
}

static void app_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!eq_str(row, "applied_on"))
		json_object_set_new(row, "applied_on", json_string(c->today));
	fill_from_unit(c, &eq_ent_applications, row);
	if (!old) {
		json_t *u = crud_load(c, &eq_ent_units, eq_int(row, "unit_id"));
		if (u && eq_str(u, "next_due"))
			json_object_set(row, "due_on", json_object_get(u, "next_due"));
		json_decref(u);
	}
}

static void app_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	json_t *u = live_unit(c, row, errors);
	if (!u)
		return;
	eq_rule_set set;
	if (eq_rules_load(c, &set) == 0) {
		check_kind(c, &set, u, eq_str(row, "kind"), errors);
		eq_rules_free(&set);
	} else /* the write answers 500 (crud.c): no check is skipped */
		ctx_internal(c, "eq application: rules", db_errmsg(c->db));
	date_days on, today, wanted;
	if (eq_date(row, "applied_on", &on) && date_parse(c->today, &today) == DATE_OK && on > today)
		crud_field_error(c, errors, "applied_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	if (eq_date(row, "wanted_on", &wanted) && eq_date(row, "applied_on", &on) && wanted < on)
		crud_field_error(c, errors, "wanted_on", FE_ORDER, "期望检验日期不能早于报检日期",
				 "cannot be earlier than the application");
	if (!old && eq_str(row, "kind")) {
		char id[24];
		EQ_ID(id, eq_int(row, "unit_id"));
		const char *p[] = {id, eq_str(row, "kind")};
		if (db_query_int(c->db,
				 "SELECT COUNT(*) FROM eq_applications WHERE unit_id = ? AND kind = ? AND deleted = 0"
				 " AND state IN ('submitted', 'accepted')",
				 2, p, 0) > 0)
			crud_field_error(c, errors, "unit_id", FE_ONCE, "该设备已有未办结的同类报检申请",
					 "the unit already has an open application for this inspection");
	}
	json_decref(u);
}

static const entity_hooks app_hooks = {.prepare = app_prepare, .validate = app_validate};

static const wf_state app_states[] = {
	{"submitted", "已申报", "Submitted", 0}, {"accepted", "已受理", "Accepted", 0},
	{"done", "已检验", "Inspected", 1},      {"rejected", "不予受理", "Rejected", 1},
	{"withdrawn", "已撤回", "Withdrawn", 1},
};
static const wf_transition app_steps[] = {
	{"accept", "受理", "Accept", "submitted", "accepted"},
	{"reject", "不予受理", "Reject", "submitted", "rejected", .requires = "reason"},
	{"withdraw", "撤回", "Withdraw", "submitted,accepted", "withdrawn"},
	{"complete", "检验完成", "Inspected", "submitted,accepted", "done"},
};
static const workflow_def app_workflow = {"submitted", app_states, ZJ_COUNT(app_states), app_steps,
					  ZJ_COUNT(app_steps)};

/* clang-format off */
static const field_def app_fields[] = {
	{"unit_id", FT_REF, "设备", "Unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"kind", FT_DICT, "检验类别", "Inspection kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_inspection_kind"},
	{"applied_on", FT_DATE, "报检日期", "Applied on", F_REQUIRED | F_FILLED | F_LIST | F_FILTER | F_SORT},
	{"wanted_on", FT_DATE, "期望检验日期", "Wanted on", 0},
	{"contact", FT_TEXT, "联系人", "Contact", 0, 0, 50},
	{"phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"note", FT_TEXT, "说明", "Note", 0, 0, 1000},
	{"due_on", FT_DATE, "申报时的下次检验日期", "Due date applied for", F_READONLY | F_LIST},
	{"user_id", FT_REF, "使用单位", "User unit", F_READONLY | F_FILTER, .ref = "enterprises"},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILLED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"inspector_id", FT_REF, "检验员", "Inspector", F_READONLY | F_FILTER, .ref = "equipment_inspectors"},
	{"planned_on", FT_DATE, "计划检验日期", "Planned for", F_READONLY | F_LIST},
	{"inspection_id", FT_REF, "检验记录", "Inspection record", F_READONLY, .ref = "equipment_inspections"},
	{"reason", FT_TEXT, "不予受理理由", "Why rejected", F_READONLY, 0, 500},
};
/* clang-format on */

const entity_def eq_ent_applications = {
	.name = "equipment_applications",
	.table = "eq_applications",
	.label_zh = "报检申请",
	.label_en = "Inspection applications",
	.menu = "equipment",
	.fields = app_fields,
	.nfields = ZJ_COUNT(app_fields),
	.label_field = "applied_on",
	.juris_field = "jurisdiction_id",
	.workflow = &app_workflow,
	.hooks = &app_hooks,
	.no_delete = 1,
	.first_columns = "state,unit_id,kind,applied_on,due_on,planned_on",
};

/* ---- inspections ---- */

static void insp_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	fill_from_unit(c, &eq_ent_inspections, row);
	(void)old;
}

/* pass_recheck is the conclusion of a re-inspection: it names the failed
 * inspection it follows, of the same unit, earlier. */
static void check_recheck(zj_ctx *c, const json_t *row, json_t *errors)
{
	const char *concl = eq_str(row, "conclusion");
	int64_t of = eq_int(row, "recheck_of");
	if (concl && !strcmp(concl, "pass_recheck") && !of) {
		crud_field_error(c, errors, "recheck_of", FE_REQUIRED, "复检合格须注明所复检的不合格检验记录",
				 "a pass on re-inspection names the failed inspection it follows");
		return;
	}
	if (!of)
		return;
	json_t *prev = crud_load(c, &eq_ent_inspections, of);
	date_days a, b;
	if (!prev)
		return;
	if (eq_int(prev, "unit_id") != eq_int(row, "unit_id") || !eq_str(prev, "conclusion") ||
	    strcmp(eq_str(prev, "conclusion"), "fail"))
		crud_field_error(c, errors, "recheck_of", FE_CHECK, "应为同一设备的不合格检验记录",
				 "must be a failed inspection of the same unit");
	else if (eq_date(prev, "inspected_on", &a) && eq_date(row, "inspected_on", &b) && b < a)
		crud_field_error(c, errors, "inspected_on", FE_ORDER, "复检日期不能早于原检验日期",
				 "cannot be earlier than the inspection it re-inspects");
	json_decref(prev);
}

/* The engine's own checks (a conclusion that does not fit the category, a
 * grade a vessel needs, a choice outside the rule's range), named by field. */
static void check_engine(zj_ctx *c, const eq_rule_set *set, const json_t *u, const json_t *row, json_t *errors)
{
	eq_due_in in = {.category = unit_category(u),
			.type = eq_type_code(eq_str(u, "type")),
			.kind = eq_str(row, "kind")};
	in.has_last = eq_date(row, "inspected_on", &in.last);
	in.has_commissioned = eq_date(u, "commissioned_on", &in.commissioned);
	in.grade = (int)eq_int(row, "grade");
	in.conclusion = eq_str(row, "conclusion");
	in.chosen_months = (int)eq_int(row, "chosen_months");
	eq_lift_schedule(u, &in);
	in.has_prev_due = eq_date(u, "next_due", &in.prev_due);
	eq_due_out out;
	memset(&out, 0, sizeof out);
	if (!in.kind || !in.has_last || eq_next_due(set->rules, set->n, &in, &out) == 0)
		return;
	const char *f = eq_engine_field(out.field, "inspected_on");
	for (size_t i = 0; i < json_array_size(errors); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(errors, i), "field")), f))
			return; /* already named */
	crud_field_error(c, errors, f, FE_CHECK, out.err_zh, out.err_en);
}

static void insp_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	json_t *u = live_unit(c, row, errors);
	if (!u)
		return;
	date_days on, comm, today;
	if (eq_date(row, "inspected_on", &on)) {
		if (eq_date(u, "commissioned_on", &comm) && on < comm)
			crud_field_error(c, errors, "inspected_on", FE_ORDER, "检验日期不能早于设备投入使用日期",
					 "cannot be earlier than the date the unit was put into use");
		if (date_parse(c->today, &today) == DATE_OK && on > today)
			crud_field_error(c, errors, "inspected_on", FE_FUTURE, "不能晚于今天",
					 "cannot be later than today");
	}
	int cat = unit_category(u), gmax = eq_grade_max(cat);
	if (json_is_integer(json_object_get(row, "grade")) && eq_int(row, "grade") > gmax)
		crud_field_error(c, errors, "grade", gmax ? FE_RANGE : FE_CHECK,
				 gmax ? "超出该类设备的安全状况等级范围（压力容器 1～5 级，压力管道 1～4 级）"
				      : "安全状况等级仅适用于压力容器和压力管道",
				 gmax ? "outside the safety grades of this category (vessels 1 to 5, piping 1 to 4)"
				      : "a safety grade applies to pressure vessels and piping only");
	if (eq_str(row, "conclusion") && !eq_conclusion_fits(cat, eq_str(row, "conclusion")))
		crud_field_error(c, errors, "conclusion", FE_CHECK, "该检验结论不适用于此类设备",
				 "this conclusion does not fit this category of equipment");
	check_recheck(c, row, errors);
	eq_rule_set set;
	if (eq_rules_load(c, &set) == 0) {
		size_t before = json_array_size(errors);
		check_kind(c, &set, u, eq_str(row, "kind"), errors);
		if (json_array_size(errors) == before)
			check_engine(c, &set, u, row, errors);
		eq_rules_free(&set);
	} else /* the write answers 500 (crud.c): no check is skipped */
		ctx_internal(c, "eq inspection: rules", db_errmsg(c->db));
	json_decref(u);
	(void)old;
}

/* The open application of this unit and kind is done by this inspection. */
static int complete_application(zj_ctx *c, int64_t insp, const json_t *row)
{
	char uid[24];
	EQ_ID(uid, eq_int(row, "unit_id"));
	const char *p[] = {uid, eq_str(row, "kind") ? eq_str(row, "kind") : ""};
	int64_t app = db_query_int(c->db,
				   "SELECT MIN(id) FROM eq_applications WHERE unit_id = ? AND kind = ? AND deleted = 0"
				   " AND state IN ('submitted', 'accepted')",
				   2, p, 0);
	if (app <= 0)
		return 0;
	json_t *f = json_pack("{s:I}", "inspection_id", (json_int_t)insp);
	int st = workflow_apply(c, &eq_ent_applications, app, "complete", f, "检验记录已登记");
	json_decref(f);
	return st;
}

static int insp_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	eq_rule_set set;
	if (eq_rules_load(c, &set) != 0)
		return ctx_internal(c, "eq inspection: rules", db_errmsg(c->db));
	int64_t uid = eq_int(row, "unit_id");
	int rc = eq_recompute(c, &set, uid, "inspection", NULL);
	eq_rules_free(&set);
	if (rc != DB_OK)
		return rc;
	json_t *u = crud_load(c, &eq_ent_units, uid);
	if (!u)
		return -1;
	json_t *f = json_object();
	json_object_set(f, "next_due", json_object_get(u, "next_due") ? json_object_get(u, "next_due") : json_null());
	json_object_set(f, "request_by",
			json_object_get(u, "request_by") ? json_object_get(u, "request_by") : json_null());
	json_object_set(f, "basis", json_object_get(u, "due_basis") ? json_object_get(u, "due_basis") : json_null());
	rc = crud_set_fields(c, &eq_ent_inspections, id, f, "recompute");
	json_decref(f), json_decref(u);
	if (rc == DB_OK && !old)
		rc = complete_application(c, id, row) ? CTX_REFUSED : DB_OK;
	return rc;
}

static const entity_hooks insp_hooks = {.prepare = insp_prepare,
					.validate = insp_validate,
					.after_write = insp_after_write};

int eq_inspection_report(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

static const entity_action insp_actions[] = {
	{"report", "GET", "equipment_inspections.read", 1, eq_inspection_report},
};

/* clang-format off */
static const field_def insp_fields[] = {
	{"unit_id", FT_REF, "设备", "Unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"kind", FT_DICT, "检验类别", "Inspection kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_inspection_kind"},
	{"inspected_on", FT_DATE, "检验日期", "Inspected on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"conclusion", FT_DICT, "检验结论", "Conclusion", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_conclusion"},
	{"grade", FT_INT, "安全状况等级", "Safety grade", F_LIST, .min = 1, .max = 5,
	 .help_zh = "压力容器、压力管道：1～5 级（TSG 21-2016 第 8.1.6 条）", .help_en = "pressure vessels and piping: 1 to 5 (TSG 21-2016 8.1.6)"},
	{"chosen_months", FT_INT, "确定的检验周期（月）", "Interval chosen (months)", 0, .min = 1, .max = 240, .unit = "月",
	 .help_zh = "规则给出范围时（如 3 级容器 3～6 年），检验机构确定的周期", .help_en = "where the rule gives a range (grade 3 vessel: 3 to 6 years), the body's choice"},
	{"inspector_id", FT_REF, "检验员", "Inspector", F_FILTER, .ref = "equipment_inspectors"},
	{"report_no", FT_TEXT, "检验报告编号", "Report no.", F_LIST | F_SEARCH | F_UNIQUE, 0, 60},
	{"recheck_of", FT_REF, "复检的原检验", "Re-inspection of", F_FILTER, .ref = "equipment_inspections"},
	{"findings", FT_TEXT, "检验意见", "Findings", 0, 0, 4000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILLED | F_FILTER, .ref = "jurisdictions"},
	{"next_due", FT_DATE, "下次检验日期", "Next inspection due", F_READONLY | F_LIST},
	{"request_by", FT_DATE, "报检截止日期", "Request inspection by", F_READONLY},
	{"basis", FT_TEXT, "检验周期依据", "Basis of the interval", F_READONLY, 0, 300},
};
/* clang-format on */

const entity_def eq_ent_inspections = {
	.name = "equipment_inspections",
	.table = "eq_inspections",
	.label_zh = "检验记录",
	.label_en = "Inspections",
	.menu = "equipment",
	.fields = insp_fields,
	.nfields = ZJ_COUNT(insp_fields),
	.label_field = "inspected_on",
	.juris_field = "jurisdiction_id",
	.default_sort = "-inspected_on",
	.hooks = &insp_hooks,
	.actions = insp_actions,
	.nactions = ZJ_COUNT(insp_actions),
	.no_delete = 1,
	.first_columns = "conclusion,unit_id,kind,inspected_on,next_due",
};

/* ---- defects (问题及整改) ---- */

static void defect_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *i = crud_load(c, &eq_ent_inspections, eq_int(row, "inspection_id"));
	if (!i)
		return;
	json_object_set(row, "unit_id", json_object_get(i, "unit_id"));
	json_object_set(row, "jurisdiction_id", json_object_get(i, "jurisdiction_id"));
	json_decref(i);
	(void)old;
}

static void defect_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	json_t *i = crud_load(c, &eq_ent_inspections, eq_int(row, "inspection_id"));
	date_days on, by;
	if (i && eq_date(i, "inspected_on", &on) && eq_date(row, "rectify_by", &by) && by < on)
		crud_field_error(c, errors, "rectify_by", FE_ORDER, "整改期限不能早于检验日期",
				 "cannot be earlier than the inspection");
	json_decref(i);
	(void)old;
}

static const entity_hooks defect_hooks = {.prepare = defect_prepare, .validate = defect_validate};

static const wf_state defect_states[] = {
	{"open", "待整改", "To rectify", 0},
	{"rectified", "已整改", "Rectified", 0},
	{"verified", "已确认", "Verified", 1},
};
static const wf_transition defect_steps[] = {
	{"rectify", "报告整改", "Report rectification", "open", "rectified", .requires = "rectified_on,measures"},
	{"verify", "确认整改", "Verify", "rectified", "verified"},
	{"reopen", "整改不到位", "Not rectified", "rectified", "open"},
};
static const workflow_def defect_workflow = {"open", defect_states, ZJ_COUNT(defect_states), defect_steps,
					     ZJ_COUNT(defect_steps)};

/* clang-format off */
static const field_def defect_fields[] = {
	{"inspection_id", FT_REF, "检验记录", "Inspection", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_inspections"},
	{"unit_id", FT_REF, "设备", "Unit", F_READONLY | F_FILLED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"description", FT_TEXT, "问题描述", "Defect", F_REQUIRED | F_LIST | F_SEARCH, 2, 2000},
	{"rectify_by", FT_DATE, "整改期限", "Rectify by", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"rectified_on", FT_DATE, "整改完成日期", "Rectified on", F_READONLY},
	{"measures", FT_TEXT, "整改措施", "Measures", F_READONLY, 0, 2000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILLED | F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

const entity_def eq_ent_defects = {
	.name = "equipment_defects",
	.table = "eq_defects",
	.label_zh = "检验问题及整改",
	.label_en = "Defects",
	.menu = "equipment",
	.fields = defect_fields,
	.nfields = ZJ_COUNT(defect_fields),
	.label_field = "description",
	.juris_field = "jurisdiction_id",
	.workflow = &defect_workflow,
	.hooks = &defect_hooks,
	.no_delete = 1,
	.first_columns = "state,unit_id,description,rectify_by",
};

/* ---- the printable report ---- */

static void row_html(strbuf *b, const char *label, const char *v)
{
	sb_add(b, "<tr><th>");
	docs_esc(b, label);
	sb_add(b, "</th><td>");
	docs_esc(b, v && *v ? v : "—");
	sb_add(b, "</td></tr>\n");
}

static void row_dict(zj_ctx *c, strbuf *b, const char *label, const char *dict, const char *code)
{
	char *l = code ? dict_label(c, dict, code) : NULL;
	row_html(b, label, l ? l : code);
	free(l);
}

/* 0, or -1 when the name could not be read (the report answers 500, never a blank cell) */
static int row_name(zj_ctx *c, strbuf *b, const char *label, const char *sql, int64_t id)
{
	char idt[24], name[256] = "";
	EQ_ID(idt, id);
	db_stmt *s;
	int rc = id ? db_prepare(c->db, sql, &s) : DB_DONE;
	if (id && rc == DB_OK) {
		db_bind_text(s, 1, idt);
		rc = db_step(s);
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(name, sizeof name, "%s", db_col_text(s, 0));
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE)
		return -1;
	row_html(b, label, name);
	return 0;
}

/* GET /api/v1/equipment_inspections/{id}/actions/report: 特种设备定期检验报告, print-friendly. */
int eq_inspection_report(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *i = crud_load(c, e, id);
	json_t *u = i ? crud_load(c, &eq_ent_units, eq_int(i, "unit_id")) : NULL;
	if (!i || !u) {
		json_decref(i), json_decref(u);
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	}
	strbuf b;
	sb_init(&b);
	sb_add(&b,
	       "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>特种设备定期检验报告</title>"
	       "<style>body{font-family:serif;max-width:180mm;margin:10mm auto}table{border-collapse:collapse;width:100%}"
	       "th,td{border:1px solid #000;padding:4px 8px;text-align:left}th{width:35%}h1{text-align:center;font-size:20pt}"
	       "@media print{body{margin:0}}</style></head><body>\n<h1>特种设备定期检验报告</h1>\n<table>\n");
	row_html(&b, "报告编号", eq_str(i, "report_no"));
	row_html(&b, "设备代码", eq_str(u, "equipment_code"));
	row_html(&b, "使用登记证编号", eq_str(u, "reg_cert_no"));
	row_dict(c, &b, "设备类别", "eq_category", eq_str(u, "category"));
	row_dict(c, &b, "设备品种", "eq_type", eq_str(u, "type"));
	int bad = row_name(c, &b, "使用单位", "SELECT name FROM enterprises WHERE id = ?", eq_int(u, "user_id"));
	row_html(&b, "设备使用地点", eq_str(u, "location"));
	row_html(&b, "型号规格", eq_str(u, "model"));
	row_html(&b, "制造单位", eq_str(u, "manufacturer"));
	row_dict(c, &b, "检验类别", "eq_inspection_kind", eq_str(i, "kind"));
	row_html(&b, "检验日期", eq_str(i, "inspected_on"));
	row_dict(c, &b, "检验结论", "eq_conclusion", eq_str(i, "conclusion"));
	char g[8] = "";
	if (eq_int(i, "grade"))
		snprintf(g, sizeof g, "%lld 级", (long long)eq_int(i, "grade"));
	row_html(&b, "安全状况等级", g);
	row_html(&b, "检验意见", eq_str(i, "findings"));
	row_html(&b, "下次检验日期", eq_str(i, "next_due"));
	row_html(&b, "报检截止日期（特种设备安全法第四十条）", eq_str(i, "request_by"));
	row_html(&b, "检验周期依据", eq_str(i, "basis"));
	bad |= row_name(c, &b, "检验员", "SELECT name FROM eq_inspectors WHERE id = ?", eq_int(i, "inspector_id"));
	sb_add(&b, "</table>\n<p>检验机构（盖章）：　　　　　　　　　　　"
		   "批准：　　　　　　　　日期：</p>\n</body></html>\n");
	json_decref(i), json_decref(u);
	if (bad) {
		sb_free(&b);
		return ctx_internal(c, "eq inspection report", db_errmsg(c->db));
	}
	out->body = sb_take(&b);
	out->ctype = "text/html; charset=utf-8";
	return 200;
}
