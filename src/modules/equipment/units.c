/* units.c — the registry of special-equipment units (特种设备使用登记): the
 * TSG category and type codes (特种设备目录, 2014), the unit's fields, its
 * status lifecycle as a workflow (registered → in use → suspended 停用 /
 * scrapped 报废 / transferred 过户 / relocated 移装) and the checks on a
 * registration. The dates the regulation gives (next due, request deadline)
 * are read-only: rules.c computes them (eq_recompute), never a person. */
#include "modules/equipment/equipment.h"
#include "core/tally.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* ---- row helpers ---- */

const char *eq_str(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

int64_t eq_int(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	if (json_is_true(v))
		return 1;
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

int eq_date(const json_t *row, const char *k, date_days *d)
{
	const char *s = eq_str(row, k);
	return s && date_parse(s, d) == DATE_OK;
}

const char *eq_query(const void *kvlist, const char *k)
{
	const kv_list *q = kvlist;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v;
	return NULL;
}

/* ---- type codes ----
 * The engine's type codes are unique within a category only ("tower" is a
 * crane and a ride), so the dictionary's code is "<category>.<type>"
 * ("4000.tower"): one list for every form, the category visible in it. */

const char *eq_type_code(const char *dict_code)
{
	const char *dot = dict_code ? strchr(dict_code, '.') : NULL;
	return dot ? dot + 1 : dict_code;
}

int eq_type_category(const char *dict_code)
{
	if (!dict_code || !strchr(dict_code, '.'))
		return 0;
	int cat = (int)strtol(dict_code, NULL, 10);
	return eq_type_known(cat, eq_type_code(dict_code)) ? cat : 0;
}

/* ---- the unit ---- */

static void unit_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!old && !eq_str(row, "public_token")) {
		char t[33];
		eq_new_token(t);
		json_object_set_new(row, "public_token", json_string(t));
	}
	if (!eq_str(row, "schedule_mode") && eq_str(row, "category") && !strcmp(eq_str(row, "category"), "3000"))
		json_object_set_new(row, "schedule_mode", json_string("annual"));
}

/* The routine maintenance interval of TSG T5002-2017 (半月维保, 15 days) is the
 * rule table's; a longer one is for units enrolled in a maintenance-reform
 * pilot (按需维保) only. */
static void check_maintenance(zj_ctx *c, const json_t *row, json_t *errors)
{
	int64_t days = eq_int(row, "maint_days");
	if (!days)
		return;
	eq_rule_set set;
	int std = 15;
	if (eq_rules_load(c, &set) == 0) {
		std = set.maint_days;
		eq_rules_free(&set);
	} else /* the write answers 500 (crud.c) */
		ctx_internal(c, "eq unit: rules", db_errmsg(c->db));
	if (days > std && !eq_int(row, "pilot")) {
		char zh[200], en[200];
		snprintf(zh, sizeof zh, "超过 %d 天的维保间隔仅适用于维保模式改革试点电梯（TSG T5002-2017 半月维保）",
			 std);
		snprintf(en, sizeof en,
			 "an interval over %d days is for lifts in a maintenance-reform pilot only (TSG T5002-2017)",
			 std);
		crud_field_error(c, errors, "maint_days", FE_CHECK, zh, en);
	}
}

static void unit_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *cat = eq_str(row, "category"), *type = eq_str(row, "type");
	int tcat = eq_type_category(type);
	if (cat && type && tcat && tcat != (int)strtol(cat, NULL, 10))
		crud_field_error(c, errors, "type", FE_CHECK, "设备品种不属于所选设备类别（特种设备目录）",
				 "this type is not of the chosen category (Special Equipment Catalogue)");
	date_days made, comm, base, today;
	int has_comm = eq_date(row, "commissioned_on", &comm);
	if (eq_date(row, "made_on", &made) && has_comm && comm < made)
		crud_field_error(c, errors, "commissioned_on", FE_ORDER, "投入使用日期不能早于制造日期",
				 "cannot be earlier than the date of manufacture");
	if (has_comm && date_parse(c->today, &today) == DATE_OK && comm > today)
		crud_field_error(c, errors, "commissioned_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	int gmax = cat ? eq_grade_max((int)strtol(cat, NULL, 10)) : 5;
	if (json_is_integer(json_object_get(row, "grade")) && eq_int(row, "grade") > gmax)
		crud_field_error(c, errors, "grade", gmax ? FE_RANGE : FE_CHECK,
				 gmax ? "超出该类设备的安全状况等级范围（压力容器 1～5 级，压力管道 1～4 级）"
				      : "安全状况等级仅适用于压力容器和压力管道",
				 gmax ? "outside the safety grades of this category (vessels 1 to 5, piping 1 to 4)"
				      : "a safety grade applies to pressure vessels and piping only");
	if (eq_str(row, "boiler_kind") && cat && strcmp(cat, "1000"))
		crud_field_error(c, errors, "boiler_kind", FE_CHECK, "锅炉类型仅适用于锅炉", "applies to boilers only");
	const char *mode = eq_str(row, "schedule_mode");
	if (mode && cat && strcmp(cat, "3000"))
		crud_field_error(c, errors, "schedule_mode", FE_CHECK, "检验周期方式仅适用于电梯",
				 "applies to lifts only");
	if (mode && !strcmp(mode, "t7001_2023") && !eq_date(row, "base_on", &base))
		crud_field_error(
			c, errors, "base_on", FE_REQUIRED,
			"按 TSG T7001-2023 周期检验的电梯须填写基准日（监督检验合格日期）",
			"a lift on the TSG T7001-2023 schedule needs its base date (supervision inspection pass date)");
	if (eq_date(row, "base_on", &base) && has_comm && base < comm &&
	    date_diff(base, comm) > 366) /* the supervision inspection precedes use, by little */
		crud_field_error(c, errors, "base_on", FE_ORDER, "基准日与投入使用日期不符",
				 "does not fit the commissioning date");
	if (eq_int(row, "maint_days") && cat && strcmp(cat, "3000"))
		crud_field_error(c, errors, "maint_days", FE_CHECK, "维保间隔仅适用于电梯", "applies to lifts only");
	check_maintenance(c, row, errors);
	(void)old;
}

/* Every write of a unit may move its dates (category, commissioning, the
 * elevator schedule): the engine recomputes them in the same transaction. */
static int unit_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	static const char *keys[] = {"category", "type", "commissioned_on", "grade", "schedule_mode", "base_on"};
	int moved = !old;
	for (size_t i = 0; old && i < sizeof keys / sizeof keys[0]; i++) {
		json_t *a = json_object_get(row, keys[i]), *b = json_object_get(old, keys[i]);
		moved |= !json_equal(a ? a : json_null(), b ? b : json_null());
	}
	if (!moved)
		return 0;
	eq_rule_set set;
	if (eq_rules_load(c, &set) != 0)
		return ctx_internal(c, "eq unit: rules", db_errmsg(c->db));
	int rc = eq_recompute(c, &set, id, old ? "recompute" : "register", NULL);
	eq_rules_free(&set);
	return rc;
}

static const entity_hooks unit_hooks = {.prepare = unit_prepare,
					.validate = unit_validate,
					.after_write = unit_after_write};

static const wf_state unit_states[] = {
	{"registered", "已登记", "Registered", 0},   {"in_use", "在用", "In use", 0},
	{"suspended", "停用", "Suspended", 0},       {"scrapped", "报废", "Scrapped", 1},
	{"transferred", "已过户", "Transferred", 1}, {"relocated", "已移装", "Relocated", 1},
};

static const wf_transition unit_steps[] = {
	{"commission", "投入使用", "Put into use", "registered", "in_use"},
	{"suspend", "停用", "Suspend", "in_use", "suspended", .requires = "status_on,status_note"},
	{"resume", "重新启用", "Resume", "suspended", "in_use", .requires = "status_on"},
	{"scrap", "报废", "Scrap", "registered,in_use,suspended", "scrapped", .requires = "status_on,status_note"},
	{"transfer", "过户", "Transfer", "in_use,suspended", "transferred", .requires = "status_on,status_note"},
	{"relocate", "移装", "Relocate", "in_use,suspended", "relocated", .requires = "status_on,status_note"},
};

static const workflow_def unit_workflow = {"registered", unit_states, ZJ_COUNT(unit_states), unit_steps,
					   ZJ_COUNT(unit_steps)};

/* clang-format off */
static const field_def unit_fields[] = {
	{"equipment_code", FT_TEXT, "设备代码", "Equipment code", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 4, 40, 0, 0, "^[0-9A-Za-z-]+$"},
	{"reg_cert_no", FT_TEXT, "使用登记证编号", "Registration certificate no.", F_LIST | F_SEARCH, 0, 40},
	{"category", FT_DICT, "设备类别", "Category", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_category"},
	{"type", FT_DICT, "设备品种", "Type", F_REQUIRED | F_FILTER, .dict = "eq_type"},
	{"user_id", FT_REF, "使用单位", "User unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "enterprises"},
	{"maintainer_id", FT_REF, "维保单位", "Maintenance unit", F_FILTER, .ref = "equipment_maintainers"},
	{"location", FT_TEXT, "设备使用地点", "Location", F_REQUIRED | F_SEARCH, 2, 200},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"manufacturer", FT_TEXT, "制造单位", "Manufacturer", F_SEARCH, 0, 200},
	{"model", FT_TEXT, "型号规格", "Make and model", 0, 0, 100},
	{"made_on", FT_DATE, "制造日期", "Manufactured on", 0},
	{"commissioned_on", FT_DATE, "投入使用日期", "Put into use on", F_REQUIRED | F_FILTER},
	{"grade", FT_INT, "安全状况等级", "Safety grade", F_FILTER, .min = 1, .max = 5,
	 .help_zh = "压力容器、压力管道：1～5 级（TSG 21-2016 第 8.1.6 条）", .help_en = "pressure vessels and piping: 1 to 5 (TSG 21-2016 8.1.6)"},
	{"boiler_kind", FT_DICT, "锅炉类型", "Boiler kind", F_FILTER, .dict = "eq_boiler_kind"},
	{"params", FT_TEXT, "主要参数", "Main parameters", 0, 0, 500},
	{"schedule_mode", FT_DICT, "检验周期方式", "Inspection schedule", F_FILTER, .dict = "eq_schedule_mode",
	 .help_zh = "电梯：每年，或按 TSG T7001-2023 自基准日起第1、4、7、9、11、13、15年，15年后每年",
	 .help_en = "lifts: yearly, or TSG T7001-2023 years 1, 4, 7, 9, 11, 13, 15 from the base date, then yearly"},
	{"base_on", FT_DATE, "周期基准日", "Schedule base date", 0,
	 .help_zh = "安装（或改造）监督检验合格日期", .help_en = "installation (or modification) supervision inspection pass date"},
	{"pilot", FT_BOOL, "维保模式改革试点", "Maintenance-reform pilot", F_FILTER},
	{"maint_days", FT_INT, "维保间隔（天）", "Maintenance interval (days)", 0, .min = 1, .max = 180, .unit = "天"},
	{"last_inspected_on", FT_DATE, "上次检验日期", "Last inspected on", F_READONLY | F_FILTER},
	{"last_conclusion", FT_DICT, "上次检验结论", "Last conclusion", F_READONLY | F_FILTER, .dict = "eq_conclusion"},
	{"next_due", FT_DATE, "下次检验日期", "Next inspection due", F_READONLY | F_LIST | F_FILTER},
	{"request_by", FT_DATE, "报检截止日期", "Request inspection by", F_READONLY | F_LIST | F_FILTER,
	 .help_zh = "下次检验日期前1个月（特种设备安全法第四十条）", .help_en = "one month before the due date (Special Equipment Safety Law Art. 40)"},
	{"due_kind", FT_DICT, "到期检验类别", "Inspection due", F_READONLY, .dict = "eq_inspection_kind"},
	{"due_basis", FT_TEXT, "检验周期依据", "Basis of the interval", F_READONLY, 0, 300},
	{"due_note", FT_TEXT, "检验日期变更说明", "Due date change", F_READONLY, 0, 500},
	{"usable", FT_BOOL, "允许使用", "May be used", F_READONLY | F_FILTER},
	{"last_maint_on", FT_DATE, "上次维保日期", "Last maintained on", F_READONLY},
	{"public_token", FT_TEXT, "公开查询码", "Public code", F_READONLY | F_UNIQUE | F_FILLED | F_NOIMPORT, 0, 40},
	{"status_on", FT_DATE, "状态变更日期", "Status changed on", F_READONLY},
	{"status_note", FT_TEXT, "状态变更说明", "Status change note", F_READONLY, 0, 500},
};
/* clang-format on */

int eq_units_due(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
int eq_units_overdue(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
int eq_units_scan(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);
int eq_units_qr(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out);

static const entity_action unit_actions[] = {
	{"due", "GET", "equipment_units.read", 0, eq_units_due, .read_only = 1},
	{"overdue_by_district", "GET", "equipment_units.read", 0, eq_units_overdue, .read_only = 1},
	{"scan", "POST", "equipment_units.scan", 0, eq_units_scan, 0, "运行到期检查", "Run the due check", 1},
	{"qr", "GET", "equipment_units.read", 1, eq_units_qr},
};

/* The count of units by due month and by due date, state, district and
 * category the core keeps at every write (core/tally.h, migration 030): the
 * overdue count of the dashboard at national scale (scan.c) sums the months
 * before this one and the days of this month before today. */
static const tally_def unit_tally[] = {
	{"eq_due_tally", "next_due, state, jurisdiction_id, category", NULL,
	 "state IN ('registered', 'in_use') AND next_due IS NOT NULL"},
	{"eq_due_tally_month", "due_month, state, jurisdiction_id, category",
	 "substr(next_due, 1, 7), state, jurisdiction_id, category",
	 "state IN ('registered', 'in_use') AND next_due IS NOT NULL"},
	{NULL},
};

const entity_def eq_ent_units = {
	.name = "equipment_units",
	.table = "eq_units",
	.label_zh = "特种设备",
	.label_en = "Equipment units",
	.menu = "equipment",
	.fields = unit_fields,
	.nfields = ZJ_COUNT(unit_fields),
	.label_field = "equipment_code",
	.juris_field = "jurisdiction_id",
	.workflow = &unit_workflow,
	.hooks = &unit_hooks,
	.actions = unit_actions,
	.nactions = ZJ_COUNT(unit_actions),
	.no_delete = 1,
	.first_columns = "state,equipment_code,category,next_due,request_by,jurisdiction_id",
	.tally = unit_tally,
};
