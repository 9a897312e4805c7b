/* scan.c — the daily due/overdue scan and what it leaves for people:
 *   - a reminder to the user unit 30 days before the request deadline
 *     (特种设备安全法第四十条: request one month before the due date);
 *   - past the request deadline with no application: a suggestion to the
 *     supervisor of a correction order, 特种设备安全法第八十三条第（四）项
 *     (未按照安全技术规范的要求及时申报并接受检验);
 *   - in use past the due date: a suggestion of a case under 第八十四条第
 *     （一）项 (使用未经检验的特种设备) with a draft enforcement case (state
 *     clue) filled in for the case handler to file;
 *   - a lift whose routine maintenance is overdue (TSG T5002-2017, 15 days
 *     unless the rule table or a pilot says otherwise): flagged, naming the
 *     maintenance unit.
 * Each notice is unique per unit, kind and due date: running the scan twice
 * a day, or on two servers, adds nothing. Also the list endpoints of the
 * due dashboard and its widgets. */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const field_def notice_fields[] = {
	{"kind", FT_DICT, "提示类别", "Kind", F_READONLY | F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_notice_kind"},
	{"unit_id", FT_REF, "设备", "Unit", F_READONLY | F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"issued_on", FT_DATE, "生成日期", "Issued on", F_READONLY | F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"due_on", FT_DATE, "下次检验日期", "Inspection due", F_READONLY | F_LIST | F_FILTER},
	{"request_by", FT_DATE, "报检截止日期", "Request by", F_READONLY | F_FILTER},
	{"article", FT_TEXT, "依据", "Legal basis", F_READONLY | F_LIST, 0, 200},
	{"message", FT_TEXT, "内容", "Message", F_READONLY | F_REQUIRED, 1, 1000},
	{"user_id", FT_REF, "使用单位", "User unit", F_READONLY | F_FILTER, .ref = "enterprises"},
	{"maintainer_id", FT_REF, "维保单位", "Maintenance unit", F_READONLY | F_FILTER, .ref = "equipment_maintainers"},
	{"case_id", FT_REF, "案件（草稿）", "Case (draft)", F_READONLY | F_FILTER, .ref = "cases"},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"handled_on", FT_DATE, "处理日期", "Handled on", F_FILTER},
	{"handling_note", FT_TEXT, "处理情况", "Handling", 0, 0, 1000},
};
/* clang-format on */

const entity_def eq_ent_notices = {
	.name = "equipment_notices",
	.table = "eq_notices",
	.label_zh = "检验到期提示",
	.label_en = "Due and overdue notices",
	.menu = "equipment",
	.fields = notice_fields,
	.nfields = ZJ_COUNT(notice_fields),
	.label_field = "message",
	.juris_field = "jurisdiction_id",
	.default_sort = "-issued_on",
	.no_create = 1,
	.no_delete = 1,
	.first_columns = "kind,unit_id,due_on,article,jurisdiction_id",
};

/* ---- the scan ---- */

typedef struct due_unit {
	int64_t id, juris, user, maint;
	char code[48], due[11], request_by[11], state[16], user_name[200], maint_name[200], last_maint[11];
	char commissioned[11];
} due_unit;

static void col(db_stmt *s, int i, char *out, size_t n)
{
	snprintf(out, n, "%s", db_col_text(s, i) ? db_col_text(s, i) : "");
}

static int exists_notice(zj_ctx *c, int64_t unit, const char *kind, const char *due)
{
	char id[24];
	EQ_ID(id, unit);
	const char *p[] = {id, kind, due};
	return db_query_int(
		       c->db,
		       "SELECT COUNT(*) FROM eq_notices WHERE unit_id = ? AND kind = ? AND due_on = ? AND deleted = 0",
		       3, p, 0) > 0;
}

/* A draft case (state clue) for the case handler: the party, the unit, the
 * article and the dates filled in. NULL-safe when the cases area is absent. */
static int draft_case(zj_ctx *c, const due_unit *u, const char *today, int64_t *case_id)
{
	const entity_def *cases = registry_find("cases");
	*case_id = 0;
	if (!cases)
		return DB_OK;
	char title[200], summary[1000];
	snprintf(title, sizeof title, "涉嫌使用超期未检特种设备（%s）", u->code);
	snprintf(
		summary, sizeof summary,
		"设备代码 %s，使用单位 %s。该设备下次定期检验日期为 %s，报检截止日期为 %s，截至 %s 仍在使用且未经定期检验。"
		"涉嫌违反特种设备安全法第四十条第三款，拟依据特种设备安全法第八十四条第（一）项立案调查"
		"（责令停止使用有关特种设备，处三万元以上三十万元以下罚款）。",
		u->code, u->user_name, u->due, u->request_by, today);
	json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:I, s:s, s:s, s:s}", "title", title, "kind",
				"equipment", "source", "equipment", "source_entity", "equipment_units", "source_id",
				(json_int_t)u->id, "received_on", today, "jurisdiction_id", (json_int_t)u->juris,
				"enterprise_id", (json_int_t)u->user, "party_name", u->user_name, "party_type", "legal",
				"summary", summary);
	json_object_set_new(row, "source_note", json_string("特种设备安全法第八十四条第（一）项"));
	int rc = crud_add_as_created(c, cases, row, case_id); /* classified, its clocks started */
	json_decref(row);
	return rc;
}

static int add_notice(zj_ctx *c, const due_unit *u, const char *kind, const char *due, const char *article,
		      const char *msg, int64_t case_id, const char *today)
{
	json_t *row = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:I}", "kind", kind, "unit_id", (json_int_t)u->id,
				"issued_on", today, "due_on", due, "article", article, "message", msg,
				"jurisdiction_id", (json_int_t)u->juris);
	if (*u->request_by)
		json_object_set_new(row, "request_by", json_string(u->request_by));
	if (u->user)
		json_object_set_new(row, "user_id", json_integer(u->user));
	if (u->maint)
		json_object_set_new(row, "maintainer_id", json_integer(u->maint));
	if (case_id)
		json_object_set_new(row, "case_id", json_integer(case_id));
	int64_t id;
	int rc = crud_add(c, &eq_ent_notices, row, &id);
	json_decref(row);
	return rc;
}

static int applied_for(zj_ctx *c, const due_unit *u)
{
	char id[24];
	EQ_ID(id, u->id);
	const char *p[] = {id, u->due};
	return db_query_int(c->db,
			    "SELECT COUNT(*) FROM eq_applications WHERE unit_id = ? AND deleted = 0"
			    " AND state IN ('submitted', 'accepted', 'done') AND (due_on IS NULL OR due_on >= ?)",
			    2, p, 0) > 0;
}

/* One unit's notices for today; counts[] as eq_scan. */
static int scan_unit(zj_ctx *c, const due_unit *u, const char *today, const char *remind_from, int counts[4])
{
	char msg[600];
	int rc = DB_OK;
	int in_use = !strcmp(u->state, "in_use");
	if (in_use && strcmp(today, u->due) > 0) {
		if (exists_notice(c, u->id, "art84_1", u->due))
			return DB_OK;
		int64_t case_id = 0;
		rc = draft_case(c, u, today, &case_id);
		snprintf(
			msg, sizeof msg,
			"设备 %s（使用单位 %s）已超过下次检验日期 %s 仍在使用：建议依特种设备安全法第八十四条第（一）项立案，"
			"已生成案件草稿，待办案人员审核立案。",
			u->code, u->user_name, u->due);
		if (rc == DB_OK)
			rc = add_notice(c, u, "art84_1", u->due, "特种设备安全法第八十四条第（一）项", msg, case_id,
					today);
		counts[2] += rc == DB_OK;
		return rc;
	}
	if (*u->request_by && strcmp(today, u->request_by) > 0 && !applied_for(c, u)) {
		if (exists_notice(c, u->id, "art83_4", u->due))
			return DB_OK;
		snprintf(msg, sizeof msg,
			 "设备 %s（使用单位 %s）报检截止日期 %s 已过，尚未申报定期检验（下次检验日期 %s）："
			 "建议依特种设备安全法第八十三条第（四）项责令限期改正。",
			 u->code, u->user_name, u->request_by, u->due);
		rc = add_notice(c, u, "art83_4", u->due, "特种设备安全法第八十三条第（四）项", msg, 0, today);
		counts[1] += rc == DB_OK;
		return rc;
	}
	if (*u->request_by && strcmp(today, remind_from) >= 0 && strcmp(today, u->request_by) <= 0 &&
	    !applied_for(c, u) && !exists_notice(c, u->id, "reminder", u->due)) {
		snprintf(
			msg, sizeof msg,
			"%s：设备 %s 下次定期检验日期为 %s，请于 %s 前向特种设备检验机构申报定期检验（特种设备安全法第四十条）。",
			u->user_name, u->code, u->due, u->request_by);
		rc = add_notice(c, u, "reminder", u->due, "特种设备安全法第四十条", msg, 0, today);
		counts[0] += rc == DB_OK;
	}
	return rc;
}

/* A lift in use whose last routine visit is older than the interval (its
 * own as a pilot unit, else the rule table's): flagged once per missed date. */
static int scan_maintenance(zj_ctx *c, const char *today, int std_days, int counts[4])
{
	char std[16];
	snprintf(std, sizeof std, "%d", std_days);
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT u.id, u.equipment_code, u.jurisdiction_id, u.user_id, u.maintainer_id, u.last_maint_on,"
		    " u.commissioned_on, CASE WHEN u.pilot = 1 AND u.maint_days IS NOT NULL THEN u.maint_days ELSE ? END,"
		    " COALESCE(m.name, ''), COALESCE(m.emergency_phone, '')"
		    " FROM eq_units u LEFT JOIN eq_maintainers m ON m.id = u.maintainer_id"
		    " WHERE u.deleted = 0 AND u.state = 'in_use' AND u.category = '3000' ORDER BY u.id",
		    &s) != DB_OK)
		return DB_ERR;
	db_bind_text(s, 1, std);
	date_days t;
	date_parse(today, &t);
	due_unit *list = NULL;
	int *late_by = NULL, n = 0, cap = 0, rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		date_days last;
		char from[11];
		col(s, 5, from, sizeof from);
		if (!*from)
			col(s, 6, from, sizeof from);
		if (date_parse(from, &last) != DATE_OK)
			continue;
		date_days limit;
		date_add_days(last, db_col_int(s, 7), &limit);
		if (limit >= t)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			due_unit *g = realloc(list, (size_t)cap * sizeof *g);
			if (!g)
				break; /* rc stays DB_ROW: the scan fails, no lift is left out unsaid */
			list = g;
		}
		due_unit *u = &list[n++];
		memset(u, 0, sizeof *u);
		u->id = db_col_int(s, 0);
		col(s, 1, u->code, sizeof u->code);
		u->juris = db_col_int(s, 2), u->user = db_col_int(s, 3), u->maint = db_col_int(s, 4);
		date_format(limit, u->due); /* the visit that was due */
		col(s, 8, u->maint_name, sizeof u->maint_name);
		snprintf(u->last_maint, sizeof u->last_maint, "%s", from);
	}
	db_finalize(s);
	rc = rc == DB_DONE ? DB_OK : DB_ERR;
	for (int i = 0; rc == DB_OK && i < n; i++) {
		due_unit *u = &list[i];
		if (exists_notice(c, u->id, "maint_missed", u->due))
			continue;
		char msg[600];
		snprintf(
			msg, sizeof msg,
			"电梯 %s 自 %s 起未记录日常维护保养，维保单位 %s 超过规定间隔（应于 %s 前维保；TSG T5002-2017 电梯维护保养规则、"
			"特种设备安全监察条例第三十一条：至少每15日一次）。",
			u->code, u->last_maint, *u->maint_name ? u->maint_name : "（未登记）", u->due);
		rc = add_notice(c, u, "maint_missed", u->due, "TSG T5002-2017", msg, 0, today);
		counts[3] += rc == DB_OK;
	}
	free(list);
	free(late_by);
	return rc;
}

static int load_due(zj_ctx *c, const char *horizon, due_unit **out, int *n)
{
	db_stmt *s;
	*out = NULL, *n = 0;
	if (db_prepare(c->db,
		       "SELECT u.id, u.equipment_code, u.jurisdiction_id, u.user_id, u.maintainer_id, u.next_due,"
		       " COALESCE(u.request_by, ''), u.state, COALESCE(e.name, '')"
		       " FROM eq_units u LEFT JOIN enterprises e ON e.id = u.user_id"
		       " WHERE u.deleted = 0 AND u.state IN ('registered', 'in_use') AND u.next_due IS NOT NULL"
		       " AND u.request_by <= ? ORDER BY u.id",
		       &s) != DB_OK)
		return DB_ERR;
	db_bind_text(s, 1, horizon);
	int cap = 0, rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			due_unit *g = realloc(*out, (size_t)cap * sizeof *g);
			if (!g)
				break; /* rc stays DB_ROW: a part of the list is no scan */
			*out = g;
		}
		due_unit *u = &(*out)[(*n)++];
		memset(u, 0, sizeof *u);
		u->id = db_col_int(s, 0);
		col(s, 1, u->code, sizeof u->code);
		u->juris = db_col_int(s, 2), u->user = db_col_int(s, 3), u->maint = db_col_int(s, 4);
		col(s, 5, u->due, sizeof u->due);
		col(s, 6, u->request_by, sizeof u->request_by);
		col(s, 7, u->state, sizeof u->state);
		col(s, 8, u->user_name, sizeof u->user_name);
	}
	db_finalize(s);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL, *n = 0;
		return DB_ERR;
	}
	return DB_OK;
}

int eq_scan(zj_ctx *c, const char *today, int counts[4])
{
	int local[4] = {0};
	if (!counts)
		counts = local;
	memset(counts, 0, 4 * sizeof *counts);
	date_days t, h, r;
	if (date_parse(today, &t) != DATE_OK)
		return DB_ERR;
	/* a reminder starts 30 days before the request deadline */
	date_add_days(t, 30, &h);
	date_add_days(t, 0, &r);
	char horizon[11], remind_from[11];
	date_format(h, horizon);
	due_unit *list;
	int n;
	if (load_due(c, horizon, &list, &n) != DB_OK)
		return DB_ERR;
	eq_rule_set set;
	if (eq_rules_load(c, &set) != 0) { /* a part of the rule table is no interval */
		free(list);
		return DB_ERR;
	}
	int std_days = set.maint_days;
	eq_rules_free(&set);
	int rc = db_begin(c->db);
	for (int i = 0; rc == DB_OK && i < n; i++) {
		date_days rb;
		if (date_parse(list[i].request_by, &rb) == DATE_OK) {
			date_add_days(rb, -30, &r);
			date_format(r, remind_from);
		} else
			snprintf(remind_from, sizeof remind_from, "9999-12-31");
		rc = scan_unit(c, &list[i], today, remind_from, counts);
	}
	if (rc == DB_OK)
		rc = scan_maintenance(c, today, std_days, counts);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK)
		db_rollback(c->db);
	free(list);
	return rc;
}

/* The runner calls every job each minute; the scan is daily: once per date
 * in this process (the job thread is one; a second server's run finds its
 * notices there already and adds nothing). */
static int job_due(db *d, const char *now)
{
	static char scanned[11];
	zj_ctx c;
	ctx_init(&c, d);
	if (!strcmp(scanned, c.today)) {
		ctx_clear(&c);
		return DB_OK;
	}
	int rc = eq_scan(&c, c.today, NULL);
	if (rc == DB_OK)
		snprintf(scanned, sizeof scanned, "%s", c.today);
	if (rc != DB_OK)
		fprintf(stderr, "equipment_due_scan: %s\n", db_errmsg(d));
	ctx_clear(&c);
	(void)now;
	return rc;
}

const periodic_job eq_jobs[] = {
	{"equipment_due_scan", 74530301, 3600, job_due},
	{NULL},
};

/* POST /api/v1/equipment_units/actions/scan: the daily scan now (for the
 * supervisor, and for tests on the test clock). */
int eq_units_scan(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int counts[4];
	zj_user *who = c->user;
	c->user = NULL; /* the notices are the system's, as when the job makes them */
	int rc = eq_scan(c, c->today, counts);
	c->user = who;
	if (rc != DB_OK)
		return ctx_internal(c, "eq scan", db_errmsg(c->db));
	out->json = json_pack("{s:s, s:i, s:i, s:i, s:i}", "today", c->today, "reminders", counts[0], "art83_4",
			      counts[1], "art84_1", counts[2], "maint_missed", counts[3]);
	char zh[256], en[256];
	snprintf(zh, sizeof zh,
		 "到期检查已完成：到期提醒 %d 条；逾期未检（特种设备安全法第八十三条第四项）%d 台；"
		 "第八十四条第一项 %d 台；维护保养逾期 %d 台",
		 counts[0], counts[1], counts[2], counts[3]);
	snprintf(en, sizeof en,
		 "Due check done: %d reminder(s); %d unit(s) overdue for inspection (Special Equipment Safety Law "
		 "Art. 83(4)); %d under Art. 84(1); %d with maintenance overdue",
		 counts[0], counts[1], counts[2], counts[3]);
	action_summary(out, zh, en);
	return 200;
}

/* ---- lists of the due dashboard ---- */

static json_t *cat_label(const char *code);

/* GET /api/v1/equipment_units/actions/due?within=30[&after=DATE,ID]: units
 * (registered or in use) whose next due date falls within `within` days,
 * by due date (keyset on next_due, id; index eq_units_due). */
int eq_units_due(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	const char *w = eq_query(q, "within"), *after = eq_query(q, "after");
	char *end = NULL;
	long within = w ? strtol(w, &end, 10) : 30;
	if ((w && (!*w || *end)) || within < 0 || within > 366)
		return ctx_problem(c, PROB_BAD_QUERY,
				   TR(c, "within 应为 0～366 的天数", "within must be 0 to 366 days"));
	date_days t, h;
	date_parse(c->today, &t);
	date_add_days(t, within, &h);
	char horizon[11];
	date_format(h, horizon);
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.id, t.equipment_code, t.category, t.next_due, t.request_by, t.state, t.jurisdiction_id,"
		     " t.user_id FROM eq_units t WHERE t.deleted = 0 AND t.state IN ('registered', 'in_use')"
		     " AND t.next_due >= ? AND t.next_due <= ?");
	json_t *params = json_pack("[s,s]", c->today, horizon);
	if (after) {
		char d[11];
		long long aid;
		if (sscanf(after, "%10[0-9-],%lld", d, &aid) != 2)
			return json_decref(params), sb_free(&sql), ctx_problem(c, PROB_BAD_QUERY, "after");
		sb_add(&sql, " AND (t.next_due > ? OR (t.next_due = ? AND t.id > ?))");
		json_array_append_new(params, json_string(d));
		json_array_append_new(params, json_string(d));
		json_array_append_new(params, json_integer(aid));
	}
	crud_scope_sql(c, e, ctx_scope(c, "equipment_units.read"), &sql, params);
	sb_add(&sql, " ORDER BY t.next_due, t.id LIMIT 51");
	json_t *items = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	json_t *next = json_null();
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			if (json_array_size(items) == 50) {
				json_t *last = json_array_get(items, 49);
				char cur[64];
				snprintf(cur, sizeof cur, "%s,%lld", eq_str(last, "next_due"),
					 (long long)eq_int(last, "id"));
				json_decref(next);
				next = json_string(cur);
				break;
			}
			json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:o, s:s, s:s?, s:s, s:I, s:I}", "id",
							       (json_int_t)db_col_int(s, 0), "equipment_code",
							       db_col_text(s, 1), "category", db_col_text(s, 2),
							       "category_label", cat_label(db_col_text(s, 2)),
							       "next_due", db_col_text(s, 3), "request_by",
							       db_col_text(s, 4), "state", db_col_text(s, 5),
							       "jurisdiction_id", (json_int_t)db_col_int(s, 6),
							       "user_id", (json_int_t)db_col_int(s, 7)));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE && rc != DB_ROW) { /* DB_ROW: the page is full; anything else, never a part of it */
		json_decref(items), json_decref(next);
		return ctx_internal(c, "eq due", db_errmsg(c->db));
	}
	out->json = json_pack("{s:s, s:s, s:o, s:o}", "from", c->today, "to", horizon, "items", items, "next", next);
	return 200;
}

static json_t *cat_label(const char *code)
{
	int cat = code ? (int)strtol(code, NULL, 10) : 0;
	return json_pack("{s:s, s:s}", "zh", eq_category_name(cat, 0), "en", eq_category_name(cat, 1));
}

/* The widgets' columns, labelled here (the console needs no words of its own). */
static json_t *columns(int with_district)
{
	json_t *a = json_array();
	if (with_district)
		json_array_append_new(a, json_pack("{s:s, s:{s:s, s:s}}", "name", "district", "label", "zh", "区域",
						   "en", "District"));
	json_array_append_new(a, json_pack("{s:s, s:{s:s, s:s}}", "name", "category_label", "label", "zh", "设备类别",
					   "en", "Category"));
	json_array_append_new(a,
			      json_pack("{s:s, s:{s:s, s:s}}", "name", "count", "label", "zh", "台数", "en", "Units"));
	return a;
}

/* Units in use past their due date, counted by district and category.
 * From the tallies the core keeps at every write of a unit (migration 030;
 * exact at every commit, and keyed by the due month and the due date, so
 * right on every day without a refresh): the months before this one and the
 * days of this month before today are summed, a few hundred rows per
 * district instead of every overdue unit's index entry. A reader whose scope
 * is not by jurisdiction (own records, own unit) is counted from the units
 * themselves (index eq_units_overdue_live). */
static json_t *overdue_rows(zj_ctx *c, int64_t *total)
{
	unsigned sc = ctx_scope(c, "equipment_units.read");
	int tally = !c->user || !(sc & ~(SCOPE_ALL | SCOPE_JURIS));
	char month[8], first[11];
	snprintf(month, sizeof month, "%.7s", c->today);
	snprintf(first, sizeof first, "%.7s-01", c->today);
	strbuf sql;
	sb_init(&sql);
	json_t *params;
	sb_add(&sql, "SELECT g.jid, j.name, g.cat, g.n, j.name_en FROM (SELECT u.jid, u.cat, SUM(u.n) AS n FROM (");
	if (tally) {
		sb_add(&sql, "SELECT t.jurisdiction_id AS jid, t.category AS cat, t.n FROM eq_due_tally_month t"
			     " WHERE t.due_month < ? AND t.state = 'in_use'");
		params = json_pack("[s]", month);
		crud_scope_sql(c, &eq_ent_units, sc, &sql, params); /* the tallies have t.jurisdiction_id */
		sb_add(&sql, " UNION ALL SELECT t.jurisdiction_id, t.category, t.n FROM eq_due_tally t"
			     " WHERE t.next_due >= ? AND t.next_due < ? AND t.state = 'in_use'");
		json_array_append_new(params, json_string(first));
		json_array_append_new(params, json_string(c->today));
	} else {
		sb_add(&sql, "SELECT t.jurisdiction_id AS jid, t.category AS cat, 1 AS n FROM eq_units t"
			     " WHERE t.next_due < ? AND t.state = 'in_use' AND t.deleted = 0");
		params = json_pack("[s]", c->today);
	}
	crud_scope_sql(c, &eq_ent_units, sc, &sql, params);
	sb_add(&sql, ") u GROUP BY u.jid, u.cat) g JOIN jurisdictions j ON j.id = g.jid"
		     " WHERE g.n > 0 ORDER BY j.name, g.cat");
	json_t *rows = json_array();
	*total = 0;
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			*total += db_col_int(s, 3);
			json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:o, s:I}", "jurisdiction_id",
							      (json_int_t)db_col_int(s, 0), "district",
							      c->en && db_col_text(s, 4) && *db_col_text(s, 4)
								      ? db_col_text(s, 4)
								      : db_col_text(s, 1),
							      "category", db_col_text(s, 2), "category_label",
							      cat_label(db_col_text(s, 2)), "count",
							      (json_int_t)db_col_int(s, 3)));
		}
		db_finalize(s);
	}
	if (rc != DB_DONE) { /* never a partial count: the caller answers 500 */
		json_decref(rows);
		rows = NULL;
	}
	json_decref(params), sb_free(&sql);
	return rows;
}

/* GET /api/v1/equipment_units/actions/overdue_by_district */
int eq_units_overdue(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int64_t total;
	json_t *rows = overdue_rows(c, &total);
	if (!rows)
		return ctx_internal(c, "eq overdue", db_errmsg(c->db));
	/* as_of: the counts are those committed at this moment (the tally is kept at every write) */
	out->json = json_pack("{s:s, s:s, s:I, s:o}", "today", c->today, "as_of", c->now, "total", (json_int_t)total,
			      "rows", rows);
	return 200;
}

/* ---- widgets ---- */

static json_t *widget_due_month(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "equipment_units.read");
	if (!sc)
		return NULL;
	char from[11], to[11];
	snprintf(from, sizeof from, "%.7s-01", c->today);
	int y = 0, m = 0;
	sscanf(c->today, "%4d-%2d", &y, &m);
	snprintf(to, sizeof to, "%.7s-%02d", c->today, date_days_in_month(y, m));
	char month[8];
	snprintf(month, sizeof month, "%.7s", c->today);
	/* from the month tally as overdue_rows, for the same reason (a month is 1/24 of the register) */
	int tally = !c->user || !(sc & ~(SCOPE_ALL | SCOPE_JURIS));
	strbuf sql;
	sb_init(&sql);
	json_t *params;
	if (tally) {
		sb_add(&sql, "SELECT t.category, SUM(t.n) FROM eq_due_tally_month t WHERE t.due_month = ?"
			     " AND t.state IN ('registered', 'in_use')");
		params = json_pack("[s]", month);
	} else {
		sb_add(&sql, "SELECT t.category, COUNT(*) FROM eq_units t WHERE t.deleted = 0"
			     " AND t.state IN ('registered', 'in_use') AND t.next_due >= ? AND t.next_due <= ?");
		params = json_pack("[s,s]", from, to);
	}
	crud_scope_sql(c, &eq_ent_units, sc, &sql, params);
	sb_add(&sql, tally ? " GROUP BY t.category HAVING SUM(t.n) > 0 ORDER BY t.category"
			   : " GROUP BY t.category ORDER BY t.category");
	json_t *rows = json_array();
	int64_t total = 0;
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			total += db_col_int(s, 1);
			json_array_append_new(rows,
					      json_pack("{s:o, s:I}", "category_label", cat_label(db_col_text(s, 0)),
							"count", (json_int_t)db_col_int(s, 1)));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) { /* never a partial count: the dashboard answers 500 */
		json_decref(rows);
		ctx_internal(c, "equipment due widget", db_errmsg(c->db));
		return NULL;
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:I, s:o, s:o}", "id", "equipment_due_month", "title",
			 "zh", "本月到期定期检验（按设备类别）", "en",
			 "Periodic inspections due this month by category", "kind", "table", "from", from, "to", to,
			 "total", (json_int_t)total, "rows", rows, "columns", columns(0));
}

static json_t *widget_overdue(zj_ctx *c)
{
	if (!ctx_scope(c, "equipment_units.read"))
		return NULL;
	int64_t total;
	json_t *rows = overdue_rows(c, &total);
	if (!rows) { /* the dashboard answers 500 */
		ctx_internal(c, "equipment overdue widget", db_errmsg(c->db));
		return NULL;
	}
	/* the table shows district, category and count */
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_object_del(json_array_get(rows, i), "jurisdiction_id");
		json_object_del(json_array_get(rows, i), "category");
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:I, s:o, s:o}", "id", "equipment_overdue", "title", "zh",
			 "超期未检在用设备（按区域、类别；特种设备安全法第八十四条第（一）项）", "en",
			 "Units in use past their due date by district and category (Art. 84(1))", "kind", "table",
			 "total", (json_int_t)total, "rows", rows, "columns", columns(1));
}

/* The trend: periodic inspections recorded each month of the last twelve,
 * and how many of them came after the due date then in force (the previous
 * inspection's next due date of the same unit and kind; 特种设备安全法第四十条
 * asks for the inspection before it). Re-inspections are not counted. */
static json_t *widget_trend(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "equipment_inspections.read");
	if (!sc)
		return NULL;
	int y = 0, m = 0;
	sscanf(c->today, "%4d-%2d", &y, &m);
	int y0 = m == 12 ? y : y - 1, m0 = m == 12 ? 1 : m + 1; /* the month eleven months back */
	char from[24];
	snprintf(from, sizeof from, "%04d-%02d-01", y0 % 10000, m0 % 100);
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql,
	       "SELECT substr(t.inspected_on, 1, 7), COUNT(*), SUM(CASE WHEN (SELECT p.next_due FROM eq_inspections p"
	       " WHERE p.unit_id = t.unit_id AND p.kind = t.kind AND p.deleted = 0 AND p.inspected_on < t.inspected_on"
	       " ORDER BY p.inspected_on DESC LIMIT 1) < t.inspected_on THEN 1 ELSE 0 END)"
	       " FROM eq_inspections t WHERE t.deleted = 0 AND t.recheck_of IS NULL AND t.inspected_on >= ?"
	       " AND t.inspected_on <= ?");
	json_t *params = json_pack("[s,s]", from, c->today);
	crud_scope_sql(c, &eq_ent_inspections, sc, &sql, params);
	sb_add(&sql, " GROUP BY substr(t.inspected_on, 1, 7) ORDER BY 1");
	json_t *months = json_array(), *done = json_array(), *late = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			json_array_append_new(months, json_string(db_col_text(s, 0)));
			json_array_append_new(done, json_integer(db_col_int(s, 1)));
			json_array_append_new(late, json_integer(db_col_int(s, 2)));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) { /* never a partial trend: the dashboard answers 500 */
		json_decref(months), json_decref(done), json_decref(late);
		ctx_internal(c, "equipment trend widget", db_errmsg(c->db));
		return NULL;
	}
	const char *n1 = c->en ? "Inspected" : "定期检验",
		   *n2 = c->en ? "of which after the due date" : "其中超期后检验";
	json_t *option = json_pack(
		"{s:{s:s}, s:{s:[s,s]}, s:{s:b, s:i, s:i, s:i, s:i}, s:{s:s, s:o}, s:{s:s, s:i}, s:[{s:s, s:s, s:o},"
		" {s:s, s:s, s:o}]}",
		"tooltip", "trigger", "axis", "legend", "data", n1, n2, "grid", "containLabel", 1, "left", 30, "right",
		16, "top", 36, "bottom", 24, "xAxis", "type", "category", "data", months, "yAxis", "type", "value",
		"minInterval", 1, "series", "name", n1, "type", "bar", "data", done, "name", n2, "type", "bar", "data",
		late);
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:o}", "id", "equipment_trend", "title", "zh",
			 "定期检验月度趋势（近 12 个月；特种设备安全法第四十条）", "en",
			 "Periodic inspections by month (last 12 months; Art. 40)", "kind", "chart", "from", from, "to",
			 c->today, "option", option);
}

/* For whoever reads the register (registrars, inspectors, supervisors, the director). */
const widget_def eq_widgets[] = {
	{"equipment_due_month", widget_due_month, "equipment_units.read"},
	{"equipment_overdue", widget_overdue, "equipment_units.read"},
	{"equipment_trend", widget_trend, "equipment_inspections.read"},
	{NULL},
};
