/* schedule.c — the inspection institute's (特检所) monthly schedule: the
 * units due in a month, given to inspectors by qualification and capacity,
 * balanced across the month's working days and grouped by place, so that an
 * inspector visits one site on one day. The planner (eq_plan) is pure and
 * deterministic (tests/unit/test_equipment.c); the action reads the month's
 * units, the inspectors and the working-day calendar, plans, and writes the
 * schedule rows through the core. Planning a month again plans only the
 * units not yet in it, around the days already taken. */
#include "core/calendar.h"
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* ---- the planner ---- */

static int cmp_unit(const void *a, const void *b)
{
	const eq_plan_unit *x = a, *y = b;
	if (x->juris != y->juris)
		return x->juris < y->juris ? -1 : 1;
	int p = strcmp(x->place ? x->place : "", y->place ? y->place : "");
	if (p)
		return p;
	if (x->category != y->category)
		return x->category < y->category ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int qualified(const eq_plan_inspector *p, int category)
{
	for (const int *c = p->categories; c && *c; c++)
		if (*c == category)
			return 1;
	return 0;
}

static int taken(const eq_plan_inspector *p, int ndays)
{
	int n = 0;
	for (int d = 0; d < ndays; d++)
		n += p->load[d];
	return n;
}

/* The least-loaded qualified inspector with room for `need` more units; -1 if none. */
static int pick(eq_plan_inspector *insp, int ninsp, int ndays, int category, int need)
{
	int best = -1, best_load = 0;
	for (int i = 0; i < ninsp; i++) {
		if (!qualified(&insp[i], category) || insp[i].capacity <= 0)
			continue;
		int load = taken(&insp[i], ndays) + insp[i].total;
		if (load + need > insp[i].capacity * ndays)
			continue;
		if (best < 0 || load < best_load || (load == best_load && insp[i].id < insp[best].id))
			best = i, best_load = load;
	}
	return best;
}

/* Lays an inspector's units (in place order) over the days: each day up to
 * the even share ceil(total / ndays), never over capacity. */
static void lay_out(eq_plan_unit *units, int nunits, eq_plan_inspector *p, int who, int ndays)
{
	if (ndays <= 0)
		return;
	int total = taken(p, ndays) + p->total;
	int share = (total + ndays - 1) / ndays;
	if (share > p->capacity)
		share = p->capacity;
	int d = 0;
	for (int i = 0; i < nunits; i++) {
		if (units[i].inspector != who)
			continue;
		while (d < ndays - 1 && p->load[d] >= share)
			d++;
		units[i].day = d;
		p->load[d]++;
	}
}

int eq_plan(eq_plan_unit *units, int nunits, eq_plan_inspector *insp, int ninsp, int ndays)
{
	if (nunits <= 0)
		return 0;
	qsort(units, (size_t)nunits, sizeof *units, cmp_unit);
	for (int i = 0; i < ninsp; i++)
		insp[i].total = 0;
	int left = 0;
	for (int i = 0; i < nunits;) {
		int j = i + 1; /* the place group [i, j) */
		while (j < nunits && units[j].juris == units[i].juris && units[j].category == units[i].category &&
		       !strcmp(units[j].place ? units[j].place : "", units[i].place ? units[i].place : ""))
			j++;
		int who = ndays > 0 ? pick(insp, ninsp, ndays, units[i].category, j - i) : -1;
		for (int k = i; k < j; k++) {
			int w = who >= 0 ? who : ndays > 0 ? pick(insp, ninsp, ndays, units[k].category, 1) : -1;
			units[k].inspector = w;
			units[k].day = -1;
			if (w >= 0)
				insp[w].total++;
			else
				left++;
		}
		i = j;
	}
	for (int i = 0; i < ninsp; i++)
		lay_out(units, nunits, &insp[i], i, ndays);
	return left;
}

/* ---- inspectors ---- */

/* clang-format off */
static const field_def inspector_fields[] = {
	{"name", FT_TEXT, "姓名", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 2, 50},
	{"user_id", FT_REF, "系统用户", "User account", F_FILTER, .ref = "users"},
	{"cert_no", FT_TEXT, "检验员证书编号", "Certificate no.", F_LIST, 0, 40},
	{"qualifications", FT_DICT, "检验资格（设备类别）", "Qualified for", F_REQUIRED | F_MULTI | F_LIST | F_FILTER, .dict = "eq_category"},
	{"daily_capacity", FT_INT, "每日检验能力（台）", "Units a day", F_REQUIRED | F_LIST, .min = 1, .max = 100, .unit = "台"},
	{"active", FT_BOOL, "在岗", "Active", F_LIST | F_FILTER},
};
/* clang-format on */

const entity_def eq_ent_inspectors = {
	.name = "equipment_inspectors",
	.table = "eq_inspectors",
	.label_zh = "检验人员",
	.label_en = "Inspectors",
	.menu = "equipment",
	.fields = inspector_fields,
	.nfields = ZJ_COUNT(inspector_fields),
	.label_field = "name",
	.default_sort = "name",
	.no_delete = 1,
};

/* ---- the schedule ---- */

typedef struct plan_input {
	eq_plan_unit *units;
	char **places;
	int n;
	eq_plan_inspector *insp;
	int **cats;
	int ninsp;
	date_days days[31];
	int ndays;
} plan_input;

static void input_free(plan_input *in)
{
	for (int i = 0; i < in->n; i++)
		free(in->places[i]);
	for (int i = 0; i < in->ninsp; i++) {
		free(in->cats[i]);
		free(in->insp[i].load);
	}
	free(in->units), free(in->places), free(in->insp), free(in->cats);
}

static int *parse_cats(const char *s)
{
	int n = 1;
	for (const char *p = s ? s : ""; *p; p++)
		n += *p == ',';
	int *a = calloc((size_t)n + 1, sizeof *a);
	if (!a)
		return NULL;
	for (const char *p = s ? s : ""; *p;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		for (int k = 0; k < n; k++)
			if (!a[k]) {
				a[k] = (int)v;
				break;
			}
		p = *end == ',' ? end + 1 : end;
	}
	return a;
}

static int day_index(const plan_input *in, const char *date)
{
	date_days d;
	if (!date || date_parse(date, &d) != DATE_OK)
		return -1;
	for (int i = 0; i < in->ndays; i++)
		if (in->days[i] == d)
			return i;
	return -1;
}

static int load_inspectors(zj_ctx *c, plan_input *in, const char *month)
{
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT id, qualifications, daily_capacity FROM eq_inspectors WHERE deleted = 0 AND active = 1 ORDER BY id",
		    &s) != DB_OK)
		return -1;
	int cap = 0, rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (in->ninsp == cap) {
			cap = cap ? cap * 2 : 16;
			eq_plan_inspector *g = realloc(in->insp, (size_t)cap * sizeof *g);
			int **h = g ? realloc(in->cats, (size_t)cap * sizeof *h) : NULL;
			if (g)
				in->insp = g;
			if (!h)
				break;
			in->cats = h;
		}
		eq_plan_inspector *p = &in->insp[in->ninsp];
		memset(p, 0, sizeof *p);
		p->id = db_col_int(s, 0);
		in->cats[in->ninsp] = parse_cats(db_col_text(s, 1));
		p->categories = in->cats[in->ninsp];
		p->capacity = (int)db_col_int(s, 2);
		p->load = calloc(31, sizeof *p->load);
		in->ninsp++;
		if (!p->load || !p->categories)
			break; /* rc stays DB_ROW: no plan from a part of the inspectors */
	}
	db_finalize(s);
	if (rc != DB_DONE)
		return -1;
	/* the days already planned this month */
	const char *pm[] = {month};
	if (db_prepare(c->db, "SELECT inspector_id, planned_on FROM eq_schedule WHERE month = ? AND deleted = 0", &s) !=
	    DB_OK)
		return -1;
	db_bind_text(s, 1, pm[0]);
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		int d = day_index(in, db_col_text(s, 1));
		for (int i = 0; d >= 0 && i < in->ninsp; i++)
			if (in->insp[i].id == db_col_int(s, 0))
				in->insp[i].load[d]++;
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1;
}

/* Units due in the month (in use, or registered and waiting for their first
 * inspection) that the month's schedule does not hold yet, in scope. */
static int load_units(zj_ctx *c, plan_input *in, const char *month, const char *from, const char *to)
{
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.id, t.category, t.jurisdiction_id, t.location FROM eq_units t WHERE t.deleted = 0"
		     " AND t.state IN ('registered', 'in_use') AND t.next_due >= ? AND t.next_due <= ?"
		     " AND NOT EXISTS (SELECT 1 FROM eq_schedule x"
		     " WHERE x.unit_id = t.id AND x.month = ? AND x.deleted = 0)");
	json_t *params = json_pack("[s,s,s]", from, to, month);
	crud_scope_sql(c, &eq_ent_units, ctx_scope(c, "equipment_units.read"), &sql, params);
	sb_add(&sql, " ORDER BY t.id");
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s), cap = 0;
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			if (in->n == cap) {
				cap = cap ? cap * 2 : 256;
				eq_plan_unit *g = realloc(in->units, (size_t)cap * sizeof *g);
				char **h = g ? realloc(in->places, (size_t)cap * sizeof *h) : NULL;
				if (g)
					in->units = g;
				if (!h)
					break;
				in->places = h;
			}
			eq_plan_unit *u = &in->units[in->n];
			memset(u, 0, sizeof *u);
			u->id = db_col_int(s, 0);
			u->category = (int)strtol(db_col_text(s, 1) ? db_col_text(s, 1) : "0", NULL, 10);
			u->juris = db_col_int(s, 2);
			char *place = strdup(db_col_text(s, 3) ? db_col_text(s, 3) : "");
			if (!place)
				break; /* rc stays DB_ROW: no plan from a part of the units */
			in->places[in->n] = place;
			u->place = in->places[in->n];
			in->n++;
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	return rc == DB_DONE ? 0 : -1;
}

static int month_days(zj_ctx *c, plan_input *in, const char *month, char from[11], char to[11])
{
	int y, m;
	char tail;
	if (!month || strlen(month) != 7 || sscanf(month, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12)
		return -1;
	date_days first, d;
	if (date_from_ymd(y, m, 1, &first) != DATE_OK)
		return -1;
	date_format(first, from);
	date_add_days(first, date_days_in_month(y, m) - 1, &d);
	date_format(d, to);
	struct wd_calendar *cal = calendar_load(c->db);
	for (int i = 0; i < date_days_in_month(y, m); i++) {
		date_add_days(first, i, &d);
		if (cal ? wd_is_workday(cal, d, NULL) : date_weekday(d) < 6)
			in->days[in->ndays++] = d;
	}
	calendar_free(cal);
	return 0;
}

static int write_plan(zj_ctx *c, const plan_input *in, const char *month, json_t *by)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < in->n; i++) {
		const eq_plan_unit *u = &in->units[i];
		if (u->inspector < 0)
			continue;
		char day[11];
		date_format(in->days[u->day], day);
		json_t *row = json_pack("{s:s, s:I, s:I, s:s, s:s, s:I}", "month", month, "unit_id", (json_int_t)u->id,
					"inspector_id", (json_int_t)in->insp[u->inspector].id, "planned_on", day,
					"place", u->place, "jurisdiction_id", (json_int_t)u->juris);
		int64_t id;
		rc = crud_add(c, &eq_ent_schedule, row, &id);
		json_decref(row);
		char uid[24];
		EQ_ID(uid, u->id);
		const char *p[] = {uid};
		int64_t app = db_query_int(c->db,
					   "SELECT MIN(id) FROM eq_applications WHERE unit_id = ? AND deleted = 0"
					   " AND state IN ('submitted', 'accepted')",
					   1, p, 0);
		if (rc == DB_OK && app > 0) {
			json_t *f = json_pack("{s:I, s:s}", "inspector_id", (json_int_t)in->insp[u->inspector].id,
					      "planned_on", day);
			rc = crud_set_fields(c, &eq_ent_applications, app, f, "schedule");
			json_decref(f);
		}
	}
	for (int i = 0; i < in->ninsp; i++)
		if (in->insp[i].total)
			json_array_append_new(by, json_pack("{s:I, s:i}", "inspector_id", (json_int_t)in->insp[i].id,
							    "units", in->insp[i].total));
	return rc;
}

/* POST /api/v1/equipment_schedule/actions/plan {"month": "2026-12"} */
static int act_plan(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	const char *month = json_string_value(json_object_get(body, "month"));
	plan_input in;
	memset(&in, 0, sizeof in);
	char from[11], to[11];
	if (month_days(c, &in, month, from, to) != 0) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "month", FE_PATTERN, "应为年月 YYYY-MM", "must be a month YYYY-MM");
		return ctx_fail_fields(c, errs);
	}
	if (load_inspectors(c, &in, month) != 0 || load_units(c, &in, month, from, to) != 0) {
		input_free(&in);
		return ctx_internal(c, "eq plan", db_errmsg(c->db));
	}
	int left = eq_plan(in.units, in.n, in.insp, in.ninsp, in.ndays);
	json_t *by = json_array(), *unassigned = json_array();
	for (int i = 0; i < in.n; i++)
		if (in.units[i].inspector < 0)
			json_array_append_new(unassigned, json_integer(in.units[i].id));
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = write_plan(c, &in, month, by);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK)
		db_rollback(c->db);
	int n = in.n;
	input_free(&in);
	if (rc != DB_OK) {
		json_decref(by), json_decref(unassigned);
		return ctx_internal(c, "eq plan", db_errmsg(c->db));
	}
	out->json = json_pack("{s:s, s:i, s:i, s:o, s:o}", "month", month, "planned", n - left, "working_days",
			      in.ndays, "by_inspector", by, "unassigned", unassigned);
	char zh[200], en[200];
	size_t left_n = json_array_size(json_object_get(out->json, "unassigned"));
	snprintf(zh, sizeof zh, "%s 检验计划已编排：%d 台排入 %d 个工作日；%zu 台未能安排（检验员资格或能力不足）",
		 month, n - left, in.ndays, left_n);
	snprintf(en, sizeof en,
		 "Plan for %s: %d unit(s) over %d working day(s); %zu not placed (no qualified "
		 "inspector with capacity)",
		 month, n - left, in.ndays, left_n);
	action_summary(out, zh, en);
	return 200;
}

/* clang-format off */
static const field_def schedule_fields[] = {
	{"month", FT_TEXT, "计划月份", "Month", F_REQUIRED | F_LIST | F_FILTER | F_SORT, 7, 7, 0, 0, "^[0-9]{4}-(0[1-9]|1[0-2])$"},
	{"unit_id", FT_REF, "设备", "Unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_units"},
	{"inspector_id", FT_REF, "检验员", "Inspector", F_REQUIRED | F_LIST | F_FILTER, .ref = "equipment_inspectors"},
	{"planned_on", FT_DATE, "计划检验日期", "Planned for", F_REQUIRED | F_LIST | F_FILTER},
	{"place", FT_TEXT, "地点", "Place", F_LIST | F_SEARCH, 0, 200},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

static const entity_action schedule_actions[] = {
	{"plan", "POST", "equipment_schedule.plan", 0, act_plan, 0, "编排月度检验计划", "Plan the monthly inspections",
	 1, "month"},
};

const entity_def eq_ent_schedule = {
	.name = "equipment_schedule",
	.table = "eq_schedule",
	.label_zh = "月度检验计划",
	.label_en = "Monthly inspection schedule",
	.menu = "equipment",
	.fields = schedule_fields,
	.nfields = ZJ_COUNT(schedule_fields),
	.label_field = "planned_on",
	.juris_field = "jurisdiction_id",
	.default_sort = "month",
	.actions = schedule_actions,
	.nactions = ZJ_COUNT(schedule_actions),
	.first_columns = "planned_on,inspector_id,unit_id,place,jurisdiction_id",
};
