/* demo.c — `init --demo`: the Baotou bureau's support ledger of 2011 and
 * 2012 as its 2012 year-end summary tells it (the city and county
 * governments' support of 33,894,900 yuan, up 28,974,900 yuan on 2011; close
 * to 10,410,000 yuan of it from the districts, banners and the hi-tech
 * zone; 20 亩 from the city for the laboratory building, 30 亩 from Qingshan
 * for the special equipment inspection centre; 2,130,000 yuan to the Darhan
 * Muminggan banner bureau; 382,400 yuan and 120 m² to the hi-tech zone
 * branch; the 3,160,000-yuan food testing grant; 5 + 3 seconded staff; the
 * 1,000,000-yuan quality award). The lines the article does not itemise
 * (the rest of the city's funds, the other districts') are the demo's own,
 * chosen so that the sums are the article's; the report computes them. Also
 * this year's testing grant linked to the food area's sampling budget, the
 * 2012 reports sent up and the "30 and more" instructions, and this year's
 * instructions at every stage. Written directly, like every area's demo. */
#include "core/calendar.h"
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Runs sql with n text parameters (NULL binds NULL). */
static int run(zj_ctx *c, const char *sql, int n, ...)
{
	const char *p[24];
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n && i < 24; i++)
		p[i] = va_arg(ap, const char *);
	va_end(ap);
	return db_run(c->db, sql, n, p);
}

static int64_t id_of(zj_ctx *c, const char *sql, const char *key)
{
	const char *p[] = {key};
	return db_query_int(c->db, sql, 1, p, 0);
}

typedef struct dgrant {
	const char *on, *level, *grantor, *recipient, *kind, *purpose, *yuan, *area, *unit, *staff, *paid_by, *doc,
		*project;
} dgrant;

/* clang-format off */
static const dgrant grants[] = {
	/* 2011: the year before (4,920,000 yuan) */
	{"2011-03-15", "city", "包头市人民政府", "BTQTS", "funds", "food_testing", "2200000", NULL, NULL, NULL, NULL, "包府办发〔2011〕18号", "2011年食品安全监督抽检"},
	{"2011-06-20", "city", "包头市人民政府", "BTTJS", "instrument", "instruments", "1000000", NULL, NULL, NULL, NULL, "包财行〔2011〕102号", "特种设备检验仪器购置"},
	{"2011-05-10", "district", "昆都仑区人民政府", "BTQTS-KDL", "funds", "food_testing", "600000", NULL, NULL, NULL, NULL, NULL, "食品安全专项检查"},
	{"2011-07-08", "district", "青山区人民政府", "BTQTS-QS", "funds", "office", "520000", NULL, NULL, NULL, NULL, NULL, "分局执法装备"},
	{"2011-09-01", "banner", "土默特右旗人民政府", "BTQTS-TY", "funds", "food_testing", "600000", NULL, NULL, NULL, NULL, NULL, "旗县食品快检室"},
	/* 2012: the city (23,484,900 yuan) */
	{"2012-03-20", "city", "包头市人民政府", "BTQTS", "funds", "lab_building", "15000000", NULL, NULL, NULL, NULL, "包府发〔2012〕45号", "质量技术监督综合实验大楼"},
	{"2012-04-16", "city", "包头市人民政府", "BTQTS", "land", "lab_building", NULL, "20", "mu", NULL, NULL, "包府发〔2012〕45号", "质量技术监督综合实验大楼"},
	{"2012-06-05", "city", "包头市人民政府", "BTTJS", "instrument", "instruments", "4324900", NULL, NULL, NULL, NULL, "包财行〔2012〕87号", "特种设备检验仪器购置"},
	{"2012-07-10", "city", "包头市人民政府", "BTQTS", "funds", "quality_award", "1000000", NULL, NULL, NULL, NULL, "包府发〔2012〕76号", "政府质量奖"},
	{"2012-12-10", "city", "包头市人民政府", "BTQTS", "funds", "food_testing", "3160000", NULL, NULL, NULL, NULL, "包财行〔2012〕215号", "2012年食品质量安全监督检验经费（追拨）"},
	/* 2012: districts, banners and the hi-tech zone (10,410,000 yuan) */
	{"2012-05-22", "district", "青山区人民政府", "BTTJS", "land", "eq_centre", "6000000", "30", "mu", NULL, NULL, "青政发〔2012〕33号", "特种设备检验检测中心"},
	{"2012-08-15", "banner", "达尔罕茂明安联合旗人民政府", "BTQTS-DM", "funds", "food_centre", "2130000", NULL, NULL, NULL, NULL, "达政发〔2012〕61号", "食品检验、仪器设备和食品检测中心占地补偿"},
	{"2012-09-12", "park", "包头稀土高新区管委会", "BTQTS-GX", "funds", "brand_zone", "382400", NULL, NULL, NULL, NULL, "包稀管发〔2012〕40号", "食品质量专项抽查、全国稀土新材料知名品牌示范区"},
	{"2012-09-12", "park", "包头稀土高新区管委会", "BTQTS-GX", "floor", "office", NULL, "120", "sqm", NULL, NULL, "包稀管发〔2012〕40号", "改善办公环境"},
	{"2012-04-28", "district", "昆都仑区人民政府", "BTQTS-KDL", "funds", "food_testing", "1000000", NULL, NULL, NULL, NULL, "昆政发〔2012〕29号", "食品安全监管"},
	{"2012-10-18", "banner", "土默特右旗人民政府", "BTQTS-TY", "instrument", "instruments", "897600", NULL, NULL, NULL, NULL, "土右政发〔2012〕88号", "食品快速检测设备"},
	{"2012-06-01", "district", "青山区人民政府", "BTQTS-QS", "staff", "staffing", NULL, NULL, NULL, "5", "青山区财政", "青编发〔2012〕12号", "食品安全监管人员"},
	{"2012-06-01", "banner", "土默特右旗人民政府", "BTQTS-TY", "staff", "staffing", NULL, NULL, NULL, "3", "土默特右旗财政", "土右编发〔2012〕9号", "食品安全监管人员"},
};
/* clang-format on */

static int demo_grants(zj_ctx *c)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof grants / sizeof grants[0]; i++) {
		const dgrant *g = &grants[i];
		char recipient[24], year[8], fen[32] = "", staff_from[16] = "";
		snprintf(recipient, sizeof recipient, "%lld",
			 (long long)id_of(c, "SELECT id FROM units WHERE code = ? AND deleted = 0", g->recipient));
		snprintf(year, sizeof year, "%.4s", g->on);
		if (g->yuan)
			snprintf(fen, sizeof fen, "%s00", g->yuan);
		if (g->staff)
			snprintf(staff_from, sizeof staff_from, "%s", g->on);
		rc = run(
			c,
			"INSERT INTO ledger_grants (created_at, level, grantor, recipient_id, kind, purpose, granted_on, budget_year,"
			" amount_fen, area, area_unit, staff_count, staff_source, staff_from, staff_paid_by, doc_ref, project)"
			" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			17, c->now, g->level, g->grantor, recipient, g->kind, g->purpose, g->on, year,
			*fen ? fen : NULL, g->area, g->unit, g->staff, g->staff ? "当地考录的事业编制人员" : NULL,
			*staff_from ? staff_from : NULL, g->paid_by, g->doc, g->project);
	}
	/* this year's testing grant, spent by the food area's sampling budget of the year */
	char year[8], code[32], on[16];
	snprintf(year, sizeof year, "%.4s", c->today);
	snprintf(code, sizeof code, "BT-%s-FOOD", year);
	snprintf(on, sizeof on, "%s-01-15", year);
	int64_t budget = id_of(c, "SELECT id FROM food_budgets WHERE code = ? AND deleted = 0", code);
	char b[24], r[24];
	snprintf(b, sizeof b, "%lld", (long long)budget);
	snprintf(r, sizeof r, "%lld", (long long)id_of(c, "SELECT id FROM units WHERE code = ?", "BTQTS"));
	if (rc == DB_OK && budget > 0 && strcmp(on, c->today) <= 0)
		rc = run(
			c,
			"INSERT INTO ledger_grants (created_at, level, grantor, recipient_id, kind, purpose, granted_on, budget_year,"
			" amount_fen, doc_ref, project, food_budget_id) VALUES (?,'city','包头市人民政府',?,'funds','food_testing',?,?,"
			"'316000000','包财行〔2013〕3号','食品质量安全监督检验经费（列入年度财政预算）',?)",
			5, c->now, r, on, year, b);
	return rc;
}

/* clang-format off */
static const char *const reports[][6] = {
	/* kind, number, title, sent on, addressees, summary */
	{"special", "要情专报〔2012〕第3期", "包头市质监局行政执法工作情况", "2012-04-12", "市委、市人大、市政府、市政协主要领导",
	 "加大执法打假力度的情况下，专题汇报行政执法情况，请求支持"},
	{"request", "包质监请〔2012〕5号", "关于追加2012年食品质量安全监督检验经费的请示", "2012-09-03", "市人民政府",
	 "请求追拨食品质量安全监督检验经费并列入年度财政预算"},
	{"request", "包质监请〔2012〕7号", "关于建设质量技术监督综合实验大楼用地的请示", "2012-03-02", "市人民政府",
	 "请求划拨综合实验大楼建设用地"},
	{"briefing", "质监工作简报〔2012〕第15期", "包头市深入贯徹落实《质量发展纲要》全力助推质监事业发展", "2012-11-20",
	 "市委、市政府、市政协领导", "主动宣传市委、市政府重视质量工作的决策部署"},
	{"special", "要情专报〔2012〕第9期", "市长现场办公会议定事项落实情况", "2012-09-28", "市委、市政府主要领导",
	 "8月20日市长调研现场办公议定事项的落实"},
	{"briefing", "质监工作简报〔2012〕第6期", "食品质量安全监督检验中心组建情况", "2012-07-25", "市政府分管领导",
	 "成立包头市食品质量安全监督检验中心，由市质监局托管"},
};
static const char *const leaders[][2] = {
	{"孙炜东", "市长"}, {"曹文华", "副市长"}, {"王惠明", "市政府秘书长"}, {"董汉忠", "市政协主席"},
	{"青山区区长", "区长"}, {"达茂旗旗长", "旗长"},
};
static const char *const units_to_act[] = {"BTQTS", "BTFOOD", "BTTJS", "BTQTS-QS", "BTQTS-DM", "BTQTS-GX"};
/* clang-format on */

static int demo_reports(zj_ctx *c)
{
	int rc = DB_OK;
	char unit[24];
	snprintf(unit, sizeof unit, "%lld", (long long)id_of(c, "SELECT id FROM units WHERE code = ?", "BTQTS"));
	for (size_t i = 0; rc == DB_OK && i < sizeof reports / sizeof reports[0]; i++)
		rc = run(
			c,
			"INSERT INTO ledger_reports (created_at, kind, report_no, title, sent_on, addressees, channel, summary, unit_id)"
			" VALUES (?,?,?,?,?,?,?,?,?)",
			9, c->now, reports[i][0], reports[i][1], reports[i][2], reports[i][3], reports[i][4],
			!strcmp(reports[i][0], "special") ? "市委办公厅《要情专报》" : NULL, reports[i][5], unit);
	return rc;
}

static void day_of(const char *base, long add, char out[11])
{
	date_days d;
	if (date_parse(base, &d) != DATE_OK || date_add_days(d, add, &d) != DATE_OK)
		snprintf(out, 11, "%s", base);
	else
		date_format(d, out);
}

/* One instruction at a stage: 0 registered, 1 assigned, 2 fed back, 3 closed. */
static int instruction(zj_ctx *c, int seq, const char *on, int stage, long due_days, long fed_days)
{
	char no[40], due[11], fed[11], lead[24], report[24] = "", id[24];
	const char *y = on;
	snprintf(no, sizeof no, "批〔%.4s〕%d号", y, seq);
	int unc = 0;
	if (calendar_due(c->db, on, (int)due_days, DL_WORKING_DAYS, due, &unc) != 0)
		snprintf(due, sizeof due, "%s", on);
	day_of(on, fed_days, fed);
	snprintf(lead, sizeof lead, "%lld",
		 (long long)id_of(c, "SELECT id FROM units WHERE code = ?", units_to_act[seq % 6]));
	const char *rep = seq <= 6 && !strncmp(on, "2012", 4) ? reports[seq - 1][1] : NULL;
	if (rep)
		snprintf(report, sizeof report, "%lld",
			 (long long)id_of(c, "SELECT id FROM ledger_reports WHERE report_no = ?", rep));
	static const char *const states[] = {"registered", "assigned", "fed_back", "closed"};
	static const char *const texts[] =
		{"请市质监局认真研究，提出具体落实意见。", "同意。请财政局按程序办理。",
		 "对包头市质监局主动作为，在做好工作的同时，及时宣传包头的做法应当肯定，值得学习。",
		 "请抓紧落实，按期报送办理结果。", "请相关部门密切配合，确保食品安全监管工作落到实处。"};
	const char *matter = rep ? NULL : "食品安全监管与质量工作";
	int on_time = strcmp(fed, due) <= 0;
	int rc = run(
		c,
		"INSERT INTO ledger_instructions (created_at, state, instruction_no, leader, leader_post, instructed_on, text,"
		" report_id, matter, lead_unit_id, deadline, feedback, fed_back_on, on_time, closed_on)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		15, c->now, states[stage], no, leaders[seq % 6][0], leaders[seq % 6][1], on, texts[seq % 5],
		*report ? report : NULL, matter, stage ? lead : NULL, stage ? due : NULL,
		stage >= 2 ? "已按批示要求落实，办理结果已书面报告。" : NULL, stage >= 2 ? fed : NULL,
		stage >= 2 ? (on_time ? "1" : "0") : NULL, stage == 3 ? fed : NULL);
	if (rc != DB_OK || stage != 1)
		return rc;
	snprintf(id, sizeof id, "%lld",
		 (long long)id_of(c, "SELECT id FROM ledger_instructions WHERE instruction_no = ?", no));
	return run(
		c,
		"INSERT INTO deadlines (entity, entity_id, kind, state, started, due, n, unit, uncovered, created_at)"
		" VALUES ('ledger_instructions',?,'instruction_due',NULL,?,?,0,1,0,?)",
		4, id, on, due, c->now);
}

static int demo_instructions(zj_ctx *c)
{
	int rc = DB_OK;
	/* 2012: 32 instructions, every one closed, three of them fed back late */
	for (int i = 1; rc == DB_OK && i <= 32; i++) {
		char on[11];
		day_of("2012-01-09", (long)(i - 1) * 10, on);
		rc = instruction(c, i, on, 3, 10, i % 11 == 5 ? 21 : 9);
	}
	/* this year: closed, fed back, being handled (one due in two working days, one overdue), registered */
	static const struct {
		long ago;
		int stage;
		long due, fed;
	} now[] = {{120, 3, 10, 8}, {90, 3, 10, 12}, {60, 2, 10, 9}, {20, 1, 10, 0}, {9, 1, 9, 0}, {2, 0, 0, 0}};
	for (size_t i = 0; rc == DB_OK && i < sizeof now / sizeof now[0]; i++) {
		char on[11];
		day_of(c->today, -now[i].ago, on);
		rc = instruction(c, (int)i + 1, on, now[i].stage, now[i].due, now[i].fed);
	}
	return rc;
}

int lg_demo(zj_ctx *c, FILE *report)
{
	/* the office clerk who keeps the ledger; same demo password as the director */
	int rc = run(
		c,
		"INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash, must_change_password, roles,"
		" owner_unit_id) SELECT ?, 'office', '刘文秘', unit_id, jurisdiction_id, password_hash, 0, 'ledger_clerk', unit_id"
		" FROM users WHERE username = 'director' AND deleted = 0 ON CONFLICT DO NOTHING",
		1, c->now);
	if (rc == DB_OK)
		rc = demo_grants(c);
	if (rc == DB_OK)
		rc = demo_reports(c);
	if (rc == DB_OK)
		rc = demo_instructions(c);
	if (rc != DB_OK)
		return -1;
	if (report)
		fprintf(report,
			"ledger demo: %zu grants (2011, 2012 and this year), %zu reports sent up, 38 instructions;"
			" user office (ledger_clerk)\n",
			sizeof grants / sizeof grants[0] + 1, sizeof reports / sizeof reports[0]);
	return 0;
}
