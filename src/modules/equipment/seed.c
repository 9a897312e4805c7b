/* seed.c — the area's reference data at `init`: its dictionaries (the TSG
 * category codes of 特种设备目录, the engine's unit types as
 * "<category>.<type>", inspection kinds, conclusions, notice kinds ...) and
 * the rule table, seeded from the engine's built-in edition
 * (eq_rules_builtin) plus the routine maintenance interval of TSG
 * T5002-2017. Idempotent: a row already there (same category, type, kind,
 * grade, first, regulation and effective date) is left as it is, so an
 * administrator's edit survives a second init. */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */
const dict_seed eq_dicts[] = {
	{"eq_category", "1000", "锅炉", "Boiler"},
	{"eq_category", "2000", "压力容器", "Pressure vessel"},
	{"eq_category", "2300", "气瓶", "Gas cylinder"},
	{"eq_category", "3000", "电梯", "Lift"},
	{"eq_category", "4000", "起重机械", "Lifting appliance"},
	{"eq_category", "5000", "场（厂）内专用机动车辆", "In-plant motor vehicle"},
	{"eq_category", "6000", "大型游乐设施", "Large amusement ride"},
	{"eq_category", "8000", "压力管道", "Pressure piping"},
	{"eq_category", "9000", "客运索道", "Passenger ropeway"},
	{"eq_inspection_kind", "periodic", "定期检验", "Periodic inspection"},
	{"eq_inspection_kind", "external", "外部检验", "External inspection"},
	{"eq_inspection_kind", "internal", "内部检验", "Internal inspection"},
	{"eq_inspection_kind", "pressure_test", "水（耐）压试验", "Pressure test"},
	{"eq_inspection_kind", "annual_check", "年度检查", "Annual check"},
	{"eq_inspection_kind", "self_test", "自行检测", "Self-test"},
	{"eq_inspection_kind", "self_test_annual", "自行检测（每年）", "Self-test (yearly)"},
	{"eq_inspection_kind", "maintenance", "日常维护保养", "Routine maintenance"},
	{"eq_conclusion", "pass", "合格（符合要求）", "Pass"},
	{"eq_conclusion", "pass_recheck", "复检合格", "Pass on re-inspection"},
	{"eq_conclusion", "conditional", "基本符合要求", "Conditional pass"},
	{"eq_conclusion", "fail", "不合格（不符合要求）", "Fail"},
	{"eq_boiler_kind", "industrial", "工业锅炉", "Industrial boiler"},
	{"eq_boiler_kind", "utility", "电站锅炉", "Power-station boiler"},
	{"eq_boiler_kind", "domestic", "生活锅炉", "Domestic boiler"},
	{"eq_schedule_mode", "annual", "每年（TSG T7001-2009）", "Yearly (TSG T7001-2009)"},
	{"eq_schedule_mode", "t7001_2023", "TSG T7001-2023 周期", "TSG T7001-2023 schedule"},
	{"eq_notice_kind", "reminder", "报检提醒（第四十条）", "Reminder to apply (Art. 40)"},
	{"eq_notice_kind", "art83_4", "建议责令改正（第八十三条第四项）", "Suggested correction order (Art. 83(4))"},
	{"eq_notice_kind", "art84_1", "建议立案（第八十四条第一项）", "Suggested case (Art. 84(1))"},
	{"eq_notice_kind", "maint_missed", "维保超期", "Maintenance overdue"},
	{"eq_operator_cert", "A", "特种设备安全管理（A）", "Safety management (A)"},
	{"eq_operator_cert", "G1", "工业锅炉司炉（G1）", "Industrial boiler operator (G1)"},
	{"eq_operator_cert", "R1", "快开门式压力容器操作（R1）", "Quick-open vessel operator (R1)"},
	{"eq_operator_cert", "P", "气瓶充装（P）", "Cylinder filling (P)"},
	{"eq_operator_cert", "T", "电梯修理（T）", "Lift repair (T)"},
	{"eq_operator_cert", "Q1", "起重机指挥（Q1）", "Crane signaller (Q1)"},
	{"eq_operator_cert", "Q2", "起重机司机（Q2）", "Crane driver (Q2)"},
	{"eq_operator_cert", "N1", "叉车司机（N1）", "Forklift driver (N1)"},
	{"eq_operator_cert", "N2", "观光车和观光列车司机（N2）", "Sightseeing vehicle driver (N2)"},
	{"eq_operator_cert", "Y1", "大型游乐设施修理（Y1）", "Amusement ride repair (Y1)"},
	{"eq_operator_cert", "S1", "客运索道修理（S1）", "Ropeway repair (S1)"},
	{"eq_maint_kind", "half_month", "半月维保", "Half-monthly"},
	{"eq_maint_kind", "quarter", "季度维保", "Quarterly"},
	{"eq_maint_kind", "half_year", "半年维保", "Half-yearly"},
	{"eq_maint_kind", "annual", "年度维保", "Yearly"},
	{"eq_maint_kind", "on_demand", "按需维保（试点）", "On demand (pilot)"},
	{"eq_maint_kind", "repair", "故障修理", "Repair"},
	{"eq_accident_level", "especially_major", "特别重大事故", "Especially major accident"},
	{"eq_accident_level", "major", "重大事故", "Major accident"},
	{"eq_accident_level", "larger", "较大事故", "Larger accident"},
	{"eq_accident_level", "general", "一般事故", "General accident"},
	{"eq_accident_level", "incident", "故障或未遂事件", "Incident or near miss"},
	{NULL},
};
/* clang-format on */

/* The engine's unit types as one dictionary ("4000.tower"). */
static int seed_types(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && eq_types[i].category; i++) {
		char code[48], ord[12];
		snprintf(code, sizeof code, "%d.%s", eq_types[i].category, eq_types[i].code);
		snprintf(ord, sizeof ord, "%d", 700 + i);
		const char *p[] = {c->now, code, eq_types[i].name_zh, eq_types[i].name_en, ord};
		rc = db_run(c->db,
			    "INSERT INTO dict_items (created_at, dict, code, label_zh, label_en, sort_order)"
			    " VALUES (?, 'eq_type', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			    5, p);
	}
	return rc;
}

static int rule_exists(zj_ctx *c, const json_t *row)
{
	const char *type = eq_str(row, "type");
	char g[8], f[4];
	snprintf(g, sizeof g, "%lld", (long long)eq_int(row, "grade"));
	snprintf(f, sizeof f, "%d", eq_int(row, "first_after") ? 1 : 0);
	const char *p[] = {eq_str(row, "category"),   type ? type : "",        eq_str(row, "kind"), g, f,
			   eq_str(row, "regulation"), eq_str(row, "effective")};
	return db_query_int(
		       c->db,
		       "SELECT COUNT(*) FROM eq_rules WHERE category = ? AND COALESCE(type, '') = ? AND kind = ?"
		       " AND COALESCE(grade, 0) = ? AND COALESCE(first_after, 0) = ? AND regulation = ? AND effective = ?"
		       " AND deleted = 0",
		       7, p, 0) > 0;
}

static json_t *rule_row(const eq_rule *r)
{
	char cat[8], type[48], sched[200] = "";
	snprintf(cat, sizeof cat, "%d", r->category);
	snprintf(type, sizeof type, "%d.%s", r->category, r->type ? r->type : "");
	for (const int *m = r->schedule; m && *m; m++) {
		size_t l = strlen(sched);
		snprintf(sched + l, sizeof sched - l, "%s%d", l ? "," : "", *m);
	}
	json_t *row = json_pack("{s:s, s:s, s:i, s:b, s:i, s:i, s:i, s:b, s:b, s:s, s:s, s:s, s:i}", "category", cat,
				"kind", r->kind, "grade", r->grade, "first_after", r->first, "months", r->months,
				"months_min", r->months_min, "months_max", r->months_max, "usable", r->usable,
				"monitored", r->monitored, "regulation", r->regulation, "clause",
				r->clause ? r->clause : "", "effective", r->effective, "early", r->early_months);
	json_object_set_new(row, "type", r->type && *r->type ? json_string(type) : json_null());
	json_object_set_new(row, "schedule", *sched ? json_string(sched) : json_null());
	json_object_set_new(row, "status", r->status ? json_string(r->status) : json_null());
	json_object_set_new(row, "note_zh", r->note_zh ? json_string(r->note_zh) : json_null());
	json_object_set_new(row, "note_en", r->note_en ? json_string(r->note_en) : json_null());
	return row;
}

static int seed_rules(zj_ctx *c)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < eq_rules_builtin_count(); i++) {
		json_t *row = rule_row(&eq_rules_builtin[i]);
		int64_t id;
		if (!rule_exists(c, row))
			rc = crud_add(c, &eq_ent_rules, row, &id);
		json_decref(row);
	}
	/* 特种设备安全监察条例第三十一条: 电梯应当至少每15日进行一次清洁、润滑、调整和检查;
	 * TSG T5002-2017 电梯维护保养规则: 半月维保 (附件A). */
	json_t *m = json_pack("{s:s, s:s, s:i, s:b, s:i, s:b, s:b, s:s, s:s, s:s, s:s, s:s, s:s}", "category", "3000",
			      "kind", "maintenance", "grade", 0, "first_after", 0, "days", 15, "usable", 1, "monitored",
			      0, "regulation", "TSG T5002-2017", "clause", "附件A 半月维保", "effective", "2017-08-01",
			      "note_zh", "电梯日常维护保养至少每15日一次（特种设备安全监察条例第三十一条）", "note_en",
			      "routine lift maintenance at least every 15 days", "status", "V");
	int64_t id;
	if (rc == DB_OK && !rule_exists(c, m))
		rc = crud_add(c, &eq_ent_rules, m, &id);
	json_decref(m);
	return rc;
}

int eq_seed(zj_ctx *c)
{
	int own = !c->db->in_tx; /* init seeds inside its own transaction */
	int rc = own ? db_begin(c->db) : DB_OK;
	if (rc == DB_OK)
		rc = seed_types(c);
	if (rc == DB_OK)
		rc = seed_rules(c);
	if (!own)
		return rc;
	if (rc == DB_OK)
		return db_commit(c->db);
	db_rollback(c->db);
	return rc;
}
