/* people.c — the people and firms around a unit, and what happens to it:
 *   operators (特种设备作业人员, 特种设备安全法第十四条: a certificate for the
 *   work) with certificate kind and expiry, linked to the unit they work on;
 *   maintenance units (维保单位, 第二十四条/第四十五条) with their licence and
 *   emergency phone, and their routine visits (TSG T5002-2017 电梯维护保养
 *   规则: 半月维保, at least every 15 days, 特种设备安全监察条例第三十一条), a
 *   visit moving the unit's last_maint_on; accidents and incidents
 *   (特种设备事故报告和调查处理规定) linked to units. */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <string.h>

/* ---- operators ---- */

static void op_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	date_days a, b;
	if (eq_date(row, "cert_issued_on", &a) && eq_date(row, "cert_expires_on", &b) && b <= a)
		crud_field_error(c, errors, "cert_expires_on", FE_ORDER, "有效期至应晚于发证日期",
				 "must be later than the date of issue");
	(void)old;
}

static const entity_hooks op_hooks = {.validate = op_validate};

/* clang-format off */
static const field_def op_fields[] = {
	{"name", FT_TEXT, "姓名", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 2, 50},
	{"id_no", FT_TEXT, "身份证件号码", "ID number", F_PERSONAL, 0, 18, 0, 0, "^[0-9]{17}[0-9X]$"},
	{"employer_id", FT_REF, "用人单位", "Employer", F_LIST | F_FILTER, .ref = "enterprises"},
	{"unit_id", FT_REF, "操作设备", "Unit operated", F_FILTER, .ref = "equipment_units"},
	{"cert_kind", FT_DICT, "作业项目", "Certificate kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_operator_cert"},
	{"cert_no", FT_TEXT, "证书编号", "Certificate no.", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH, 4, 40},
	{"cert_issued_on", FT_DATE, "发证日期", "Issued on", 0},
	{"cert_expires_on", FT_DATE, "有效期至", "Valid until", F_REQUIRED | F_LIST | F_FILTER},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_REQUIRED | F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

const entity_def eq_ent_operators = {
	.name = "equipment_operators",
	.table = "eq_operators",
	.label_zh = "作业人员",
	.label_en = "Operators",
	.menu = "equipment",
	.fields = op_fields,
	.nfields = ZJ_COUNT(op_fields),
	.label_field = "name",
	.juris_field = "jurisdiction_id",
	.hooks = &op_hooks,
	.first_columns = "name,cert_kind,cert_no,cert_expires_on",
};

/* ---- maintenance units ---- */

/* clang-format off */
static const field_def maint_fields[] = {
	{"name", FT_TEXT, "维保单位名称", "Name", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT, 2, 200},
	{"uscc", FT_TEXT, "统一社会信用代码", "Credit code", F_SEARCH, 18, 18, 0, 0, "^[0-9A-HJ-NPQRTUWXY]{18}$"},
	{"licence_no", FT_TEXT, "许可证编号", "Licence no.", F_REQUIRED | F_LIST | F_SEARCH, 4, 60},
	{"licence_expires_on", FT_DATE, "许可有效期至", "Licence valid until", F_LIST | F_FILTER},
	{"emergency_phone", FT_TEXT, "应急救援电话", "Emergency phone", F_REQUIRED | F_LIST, 5, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"address", FT_TEXT, "地址", "Address", 0, 0, 200},
	{"jurisdiction_id", FT_REF, "所在区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

const entity_def eq_ent_maintainers = {
	.name = "equipment_maintainers",
	.table = "eq_maintainers",
	.label_zh = "维保单位",
	.label_en = "Maintenance units",
	.menu = "equipment",
	.fields = maint_fields,
	.nfields = ZJ_COUNT(maint_fields),
	.label_field = "name",
	.default_sort = "name",
	.no_delete = 1,
};

/* ---- maintenance records ---- */

static void rec_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *u = crud_load(c, &eq_ent_units, eq_int(row, "unit_id"));
	if (!u)
		return;
	json_object_set(row, "jurisdiction_id", json_object_get(u, "jurisdiction_id"));
	if (!json_is_integer(json_object_get(row, "maintainer_id")) && json_object_get(u, "maintainer_id"))
		json_object_set(row, "maintainer_id", json_object_get(u, "maintainer_id"));
	json_decref(u);
	(void)old;
}

static void rec_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	json_t *u = crud_load(c, &eq_ent_units, eq_int(row, "unit_id"));
	date_days on, today;
	if (eq_date(row, "visited_on", &on) && date_parse(c->today, &today) == DATE_OK && on > today)
		crud_field_error(c, errors, "visited_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	if (u && eq_str(u, "category") && strcmp(eq_str(u, "category"), "3000"))
		crud_field_error(c, errors, "unit_id", FE_CHECK, "维护保养记录仅登记电梯（TSG T5002-2017）",
				 "maintenance records are kept for lifts (TSG T5002-2017)");
	if (u && !json_is_integer(json_object_get(row, "maintainer_id")))
		crud_field_error(c, errors, "maintainer_id", FE_REQUIRED, "设备未登记维保单位，须填写",
				 "the unit has no maintenance unit: give one");
	json_decref(u);
	(void)old;
}

/* The newest visit is the unit's last maintenance. */
static int rec_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	char uid[24];
	EQ_ID(uid, eq_int(row, "unit_id"));
	const char *p[] = {uid};
	db_stmt *s;
	char last[11] = "";
	if (db_prepare(c->db, "SELECT MAX(visited_on) FROM eq_maintenance WHERE unit_id = ? AND deleted = 0", &s) !=
	    DB_OK)
		return ctx_internal(c, "eq last maintenance", db_errmsg(c->db));
	db_bind_text(s, 1, p[0]);
	int rc = db_step(s);
	if (rc == DB_ROW && db_col_text(s, 0))
		snprintf(last, sizeof last, "%s", db_col_text(s, 0));
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE) /* the write answers 500 (crud.c) */
		return ctx_internal(c, "eq last maintenance", db_errmsg(c->db));
	(void)id, (void)old;
	return crud_set1(c, &eq_ent_units, eq_int(row, "unit_id"), "maintenance", "last_maint_on",
			 *last ? json_string(last) : json_null());
}

static const entity_hooks rec_hooks = {.prepare = rec_prepare,
				       .validate = rec_validate,
				       .after_write = rec_after_write};

/* clang-format off */
static const field_def rec_fields[] = {
	{"unit_id", FT_REF, "电梯", "Lift", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"maintainer_id", FT_REF, "维保单位", "Maintenance unit", F_FILLED | F_LIST | F_FILTER, .ref = "equipment_maintainers"},
	{"visited_on", FT_DATE, "维保日期", "Visited on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"kind", FT_DICT, "维保类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_maint_kind"},
	{"worker", FT_TEXT, "维保人员", "Worker", F_LIST, 0, 50},
	{"note", FT_TEXT, "维保内容", "Work done", 0, 0, 2000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILLED | F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

const entity_def eq_ent_maintenance = {
	.name = "equipment_maintenance",
	.table = "eq_maintenance",
	.label_zh = "维护保养记录",
	.label_en = "Maintenance records",
	.menu = "equipment",
	.fields = rec_fields,
	.nfields = ZJ_COUNT(rec_fields),
	.label_field = "visited_on",
	.juris_field = "jurisdiction_id",
	.default_sort = "-visited_on",
	.hooks = &rec_hooks,
	.no_delete = 1,
};

/* ---- accidents and incidents ---- */

static void acc_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *u = crud_load(c, &eq_ent_units, eq_int(row, "unit_id"));
	if (u)
		json_object_set(row, "jurisdiction_id", json_object_get(u, "jurisdiction_id"));
	json_decref(u);
	(void)old;
}

static void acc_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	date_days on, today;
	if (eq_date(row, "occurred_on", &on) && date_parse(c->today, &today) == DATE_OK && on > today)
		crud_field_error(c, errors, "occurred_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	(void)old;
}

static const entity_hooks acc_hooks = {.prepare = acc_prepare, .validate = acc_validate};

/* clang-format off */
static const field_def acc_fields[] = {
	{"unit_id", FT_REF, "设备", "Unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"occurred_on", FT_DATE, "发生日期", "Occurred on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"level", FT_DICT, "事故等级", "Level", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_accident_level",
	 .help_zh = "特种设备安全法第八十九条及特种设备事故报告和调查处理规定", .help_en = "Special Equipment Safety Law Art. 89"},
	{"deaths", FT_INT, "死亡人数", "Deaths", F_LIST, .min = 0, .max = 10000, .unit = "人"},
	{"injuries", FT_INT, "受伤人数", "Injuries", F_LIST, .min = 0, .max = 10000, .unit = "人"},
	{"loss_fen", FT_MONEY, "直接经济损失", "Direct loss", 0, .min = 0, .max = 100000000000000LL},
	{"description", FT_TEXT, "经过", "What happened", F_REQUIRED | F_SEARCH, 2, 4000},
	{"cause", FT_TEXT, "原因", "Cause", 0, 0, 2000},
	{"reported_on", FT_DATE, "报告日期", "Reported on", 0},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILLED | F_LIST | F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

const entity_def eq_ent_accidents = {
	.name = "equipment_accidents",
	.table = "eq_accidents",
	.label_zh = "事故与故障",
	.label_en = "Accidents and incidents",
	.menu = "equipment",
	.fields = acc_fields,
	.nfields = ZJ_COUNT(acc_fields),
	.label_field = "occurred_on",
	.juris_field = "jurisdiction_id",
	.default_sort = "-occurred_on",
	.hooks = &acc_hooks,
	.no_delete = 1,
};
