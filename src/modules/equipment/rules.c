/* rules.c — the versioned rule table of periodic inspection as an entity
 * (regulation, edition, clause, effective date; seeded from the engine's
 * built-in edition, an administrator may add a later one), loading it for
 * the engine, and recomputing a unit's dates from its inspections: on every
 * inspection and, by the action "recompute", after a rule change. A person
 * never writes a due date. */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* ---- loading ---- */

static const char *keep(eq_rule_set *set, const char *s)
{
	if (!s)
		return "";
	char *d = strdup(s);
	if (!d)
		return "";
	char **grown = realloc(set->strings, (set->nstrings + 1) * sizeof *grown);
	if (!grown) {
		free(d);
		return "";
	}
	set->strings = grown;
	set->strings[set->nstrings++] = d;
	return d;
}

/* "12,48,84" → a 0-terminated array kept with the strings (as a char block). */
static const int *keep_schedule(eq_rule_set *set, const char *s)
{
	if (!s || !*s)
		return NULL;
	int n = 1;
	for (const char *p = s; *p; p++)
		n += *p == ',';
	int *a = calloc((size_t)n + 1, sizeof *a);
	if (!a)
		return NULL;
	int k = 0;
	for (const char *p = s; *p && k < n;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (v > 0 && v < 2400)
			a[k++] = (int)v;
		p = *end == ',' ? end + 1 : end;
	}
	char **grown = realloc(set->strings, (set->nstrings + 1) * sizeof *grown);
	if (!grown) {
		free(a);
		return NULL;
	}
	set->strings = grown;
	set->strings[set->nstrings++] = (char *)a;
	return a;
}

static const char RULE_COLS[] =
	"SELECT category, COALESCE(type, ''), kind, COALESCE(grade, 0), COALESCE(first_after, 0), COALESCE(months, 0),"
	" COALESCE(months_min, 0), COALESCE(months_max, 0), schedule, COALESCE(usable, 1), COALESCE(monitored, 0),"
	" regulation, clause, effective, note_zh, note_en, COALESCE(days, 0), COALESCE(early, 0), status FROM eq_rules WHERE deleted = 0"
	" ORDER BY effective, id";

int eq_rules_load(zj_ctx *c, eq_rule_set *set)
{
	/* a table loaded afresh may land where the last one was: the engine's memo must not see the old rows */
	eq_rules_forget();
	memset(set, 0, sizeof *set);
	set->maint_days = 15; /* TSG T5002-2017 半月维保 unless the table says otherwise */
	db_stmt *s;
	if (db_prepare(c->db, RULE_COLS, &s) != DB_OK)
		return -1;
	size_t cap = 0;
	char maint_from[11] = "";
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		const char *kind = db_col_text(s, 2);
		if (kind && !strcmp(kind, "maintenance")) {
			const char *eff = db_col_text(s, 13);
			if (eff && strcmp(eff, c->today) <= 0 && strcmp(eff, maint_from) >= 0 &&
			    db_col_int(s, 16) > 0) {
				set->maint_days = (int)db_col_int(s, 16);
				snprintf(maint_from, sizeof maint_from, "%s", eff);
			}
			continue;
		}
		if (set->n + 2 > cap) {
			size_t ncap = cap ? cap * 2 : 64;
			eq_rule *g = realloc(set->rules, ncap * sizeof *g);
			if (!g)
				break; /* rc stays DB_ROW: a part of the table is no table */
			set->rules = g, cap = ncap;
		}
		eq_rule *r = &set->rules[set->n++];
		memset(r, 0, sizeof *r);
		r->category = (int)strtol(db_col_text(s, 0) ? db_col_text(s, 0) : "0", NULL, 10);
		r->type = keep(set, eq_type_code(db_col_text(s, 1))); /* "4000.tower" → "tower" */
		r->kind = keep(set, kind);
		r->grade = (int)db_col_int(s, 3);
		r->first = (int)db_col_int(s, 4);
		r->months = (int)db_col_int(s, 5);
		r->months_min = (int)db_col_int(s, 6);
		r->months_max = (int)db_col_int(s, 7);
		r->schedule = keep_schedule(set, db_col_text(s, 8));
		r->usable = (int)db_col_int(s, 9);
		r->monitored = (int)db_col_int(s, 10);
		r->regulation = keep(set, db_col_text(s, 11));
		r->clause = keep(set, db_col_text(s, 12));
		r->effective = keep(set, db_col_text(s, 13));
		r->note_zh = keep(set, db_col_text(s, 14));
		r->note_en = keep(set, db_col_text(s, 15));
		r->early_months = (int)db_col_int(s, 17);
		r->status = keep(set, db_col_text(s, 18));
	}
	db_finalize(s);
	if (rc != DB_DONE) { /* the caller answers 500: no date is computed from a part of the table */
		eq_rules_free(set);
		return -1;
	}
	if (set->rules)
		memset(&set->rules[set->n], 0, sizeof set->rules[0]); /* the all-zero end row */
	return 0;
}

void eq_rules_free(eq_rule_set *set)
{
	for (size_t i = 0; i < set->nstrings; i++)
		free(set->strings[i]);
	free(set->strings);
	free(set->rules);
	memset(set, 0, sizeof *set);
}

/* ---- a unit's dates ---- */

typedef struct last_insp {
	char kind[32], on[11], conclusion[16];
	int grade, chosen;
} last_insp;

/* The latest inspection of each kind, newest first (at most 16 kinds). */
static int load_last(zj_ctx *c, int64_t unit, last_insp *out, int max)
{
	char id[24];
	EQ_ID(id, unit);
	const char *p[] = {id};
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT kind, inspected_on, conclusion, COALESCE(grade, 0), COALESCE(chosen_months, 0)"
		       " FROM eq_inspections WHERE unit_id = ? AND deleted = 0 ORDER BY inspected_on DESC, id DESC",
		       &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, p[0]);
	int n = 0, rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		const char *k = db_col_text(s, 0);
		int seen = 0;
		for (int i = 0; i < n && !seen; i++)
			seen = !strcmp(out[i].kind, k ? k : "");
		if (seen || n == max)
			continue;
		snprintf(out[n].kind, sizeof out[n].kind, "%s", k ? k : "");
		snprintf(out[n].on, sizeof out[n].on, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		snprintf(out[n].conclusion, sizeof out[n].conclusion, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
		out[n].grade = (int)db_col_int(s, 3);
		out[n].chosen = (int)db_col_int(s, 4);
		n++;
	}
	db_finalize(s);
	return rc == DB_DONE ? n : -1;
}

/* Kinds the rule table has for this category and type (self-testing, TSG
 * T7008-2023, and the user's annual check, TSG 21-2016 7.2.1, are the
 * user's own work, not an inspection the institute is due to make). */
static int kinds_of(const eq_rule_set *set, int cat, const char *type, const char **out, int max)
{
	int n = 0;
	for (size_t i = 0; i < set->n; i++) {
		const eq_rule *r = &set->rules[i];
		if (r->category != cat || (r->type && *r->type && type && strcmp(r->type, type)))
			continue;
		if (!strcmp(r->kind, "self_test") || !strcmp(r->kind, "self_test_annual") ||
		    !strcmp(r->kind, "annual_check"))
			continue;
		int seen = 0;
		for (int k = 0; k < n && !seen; k++)
			seen = !strcmp(out[k], r->kind);
		if (!seen && n < max)
			out[n++] = r->kind;
	}
	return n;
}

void eq_lift_schedule(const json_t *unit, eq_due_in *in)
{
	const char *mode = eq_str(unit, "schedule_mode");
	if (in->category != 3000)
		return;
	if (mode && !strcmp(mode, "t7001_2023")) {
		in->regulation = "TSG T7001-2023";
		in->has_base = eq_date(unit, "base_on", &in->base);
	} else
		in->regulation = "TSG T7001-2009"; /* kept on the yearly rule */
}

/* The type as the rule key holds it for a whole recompute: the built-in
 * table's own string (eq_next_due_each keys units by pointer), "" or NULL
 * as given; an unknown code as "?" (also unknown: the same error, "type"). */
static const char *type_key(int cat, const char *type)
{
	if (!type || !*type)
		return type;
	for (const eq_type *t = eq_types; t->category; t++)
		if (t->category == cat && !strcmp(t->code, type))
			return t->code;
	return "?";
}

/* A unit being recomputed: its row, its latest inspections, the kinds its
 * rules have (given to the engine one by one) and the earliest due date
 * among them with the input and result it came from. */
typedef struct rc_unit {
	int64_t id;
	json_t *unit, *f;
	last_insp last[16];
	int nlast, cat;
	const char *type;
	const char *kinds[16];
	int nk, next; /* kinds, the next to give */
	int found, usable;
	eq_due_in best_in;
	eq_due_out_many best;
} rc_unit;

/* The input of the unit for kind k (every field set). */
static void unit_input(rc_unit *u, int k, eq_due_in *in)
{
	*in = (eq_due_in){.category = u->cat, .type = u->type, .kind = u->kinds[k]};
	in->has_commissioned = eq_date(u->unit, "commissioned_on", &in->commissioned);
	eq_lift_schedule(u->unit, in);
	in->has_prev_due = eq_date(u->unit, "next_due", &in->prev_due); /* a failed inspection keeps it */
	for (int i = 0; i < u->nlast; i++)
		if (!strcmp(u->last[i].kind, u->kinds[k]) && date_parse(u->last[i].on, &in->last) == DATE_OK) {
			in->has_last = 1;
			in->grade = u->last[i].grade ? u->last[i].grade : (int)eq_int(u->unit, "grade");
			in->conclusion = *u->last[i].conclusion ? u->last[i].conclusion : NULL;
			in->chosen_months = u->last[i].chosen;
		}
}

/* One kind's result: a kind in error sets no date; the earliest due date wins. */
static void unit_take(rc_unit *u, const eq_due_in *in, const eq_due_out_many *res)
{
	if (res->field)
		return;
	if (in->has_last && !res->usable)
		u->usable = 0;
	if (!u->found || res->due < u->best.due) {
		u->found = 1;
		u->best_in = *in;
		u->best = *res;
	}
}

/* Whether the unit's user or the bureau already acted on this due date: an
 * application made for it, or a notice issued about it. */
static int acted_on(zj_ctx *c, int64_t unit, const char *due)
{
	char id[24];
	EQ_ID(id, unit);
	const char *p[] = {id, due, id, due};
	return db_query_int(
		       c->db,
		       "SELECT (SELECT COUNT(*) FROM eq_applications WHERE unit_id = ? AND due_on = ? AND deleted = 0)"
		       " + (SELECT COUNT(*) FROM eq_notices WHERE unit_id = ? AND due_on = ? AND deleted = 0)",
		       4, p, 0) > 0;
}

static void set_if(json_t *f, const json_t *old, const char *k, json_t *v)
{
	json_t *was = json_object_get(old, k);
	if (!json_equal(was ? was : json_null(), v))
		json_object_set(f, k, v);
	json_decref(v);
}

static json_t *date_or_null(int found, date_days d)
{
	if (!found)
		return json_null();
	char b[DATE_STRLEN];
	date_format(d, b);
	return json_string(b);
}

/* The fields of the last inspection (the newest of any kind) and the grade it gave. */
static void last_fields(json_t *f, const json_t *unit, const last_insp *last, int nlast)
{
	set_if(f, unit, "last_inspected_on", nlast ? json_string(last[0].on) : json_null());
	set_if(f, unit, "last_conclusion",
	       nlast && *last[0].conclusion ? json_string(last[0].conclusion) : json_null());
	for (int i = 0; i < nlast; i++)
		if (last[i].grade) {
			set_if(f, unit, "grade", json_integer(last[i].grade));
			break;
		}
}

static void note_change(zj_ctx *c, json_t *f, int64_t id, const char *was, const char *now, const char *basis)
{
	char note[700];
	int acted = acted_on(c, id, was);
	snprintf(note, sizeof note, "%s %s：下次检验日期由 %s 改为 %s（%s）%s", c->today, "检验规则变更", was,
		 now ? now : "—", basis, acted ? "；原日期已据以报检或发出提示" : "");
	json_object_set_new(f, "due_note", json_string(note));
}

/* Read the unit and its latest inspections; 0, or -1 (database). */
static int unit_open(zj_ctx *c, const eq_rule_set *set, int64_t id, rc_unit *u)
{
	memset(u, 0, sizeof *u);
	u->id = id;
	u->usable = 1;
	u->unit = crud_load(c, &eq_ent_units, id);
	if (!u->unit)
		return -1;
	u->nlast = load_last(c, id, u->last, 16);
	if (u->nlast < 0) {
		json_decref(u->unit);
		u->unit = NULL;
		return -1;
	}
	u->f = json_object();
	last_fields(u->f, u->unit, u->last, u->nlast);
	json_t *g = json_object_get(u->f, "grade");
	if (g)
		json_object_set(u->unit, "grade", g); /* the engine reads the grade the inspection gave */
	const char *catt = eq_str(u->unit, "category");
	u->cat = catt ? (int)strtol(catt, NULL, 10) : 0;
	u->type = type_key(u->cat, eq_type_code(eq_str(u->unit, "type")));
	u->nk = kinds_of(set, u->cat, u->type, u->kinds, 16);
	return 0;
}

/* Write what changed (with the basis of the due date now in force); DB_OK or an error. */
static int unit_close(zj_ctx *c, rc_unit *u, const char *action, int *changed)
{
	char basis[256] = "", basis_en[256];
	if (u->found)
		eq_due_basis(&u->best_in, &u->best, basis, sizeof basis, basis_en, sizeof basis_en);
	const char *was = eq_str(u->unit, "next_due");
	json_t *due = date_or_null(u->found, u->best.due), *f = u->f;
	int moved =
		!json_equal(json_object_get(u->unit, "next_due") ? json_object_get(u->unit, "next_due") : json_null(),
			    due);
	if (moved && was && !strcmp(action, "rule_change"))
		note_change(c, f, u->id, was, json_string_value(due), basis);
	set_if(f, u->unit, "next_due", due);
	set_if(f, u->unit, "request_by", date_or_null(u->found, u->best.request_by));
	set_if(f, u->unit, "due_kind", u->found ? json_string(u->best_in.kind) : json_null());
	set_if(f, u->unit, "due_basis", u->found ? json_string(basis) : json_null());
	set_if(f, u->unit, "usable", json_boolean(u->usable));
	int rc = json_object_size(f) ? crud_set_fields_old(c, &eq_ent_units, u->id, u->unit, f, action) : DB_OK;
	if (changed)
		*changed = moved;
	json_decref(f), json_decref(u->unit);
	u->f = u->unit = NULL;
	return rc;
}

/* Units recomputed in the order given, each kind of each unit stepped
 * through eq_next_due_each: a unit is read, its kinds given, and it is
 * written once its last kind's result is taken. */
typedef struct rc_job {
	zj_ctx *c;
	const eq_rule_set *set;
	const char *action;
	const int64_t *ids;
	size_t n, at;
	rc_unit u;
	int open, rc, moved;
} rc_job;

static int job_next(void *arg, eq_due_in *in)
{
	rc_job *j = arg;
	while (j->rc == DB_OK) {
		if (j->open && j->u.next < j->u.nk) {
			unit_input(&j->u, j->u.next++, in);
			return 1;
		}
		if (j->open) {
			int ch = 0;
			j->open = 0;
			j->rc = unit_close(j->c, &j->u, j->action, &ch);
			j->moved += ch;
			continue;
		}
		if (j->at == j->n)
			return 0;
		if (unit_open(j->c, j->set, j->ids[j->at++], &j->u) != 0)
			j->rc = DB_ERR;
		else
			j->open = 1;
	}
	return 0;
}

static void job_take(void *arg, const eq_due_in *in, const eq_due_out_many *res)
{
	rc_job *j = arg;
	unit_take(&j->u, in, res);
}

/* Recompute the units `ids` (n of them) in one pass of the engine; *moved
 * counts those whose due date moved. DB_OK or the database error. */
static int recompute_units(zj_ctx *c, const eq_rule_set *set, const int64_t *ids, size_t n, const char *action,
			   int *moved)
{
	rc_job j = {.c = c, .set = set, .action = action, .ids = ids, .n = n, .rc = DB_OK};
	eq_next_due_each(set->rules, set->n, job_next, job_take, &j);
	if (j.open) { /* stopped by an error: the unit read is not written */
		json_decref(j.u.f);
		json_decref(j.u.unit);
	}
	if (moved)
		*moved = j.moved;
	return j.rc;
}

int eq_recompute(zj_ctx *c, const eq_rule_set *set, int64_t id, const char *action, int *changed)
{
	return recompute_units(c, set, &id, 1, action, changed);
}

/* ---- the rule table as an entity ---- */

/* POST /api/v1/equipment_rules/actions/recompute: every unit not scrapped,
 * transferred or relocated, in one transaction. */
static int act_recompute(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	eq_rule_set set;
	if (eq_rules_load(c, &set) != 0)
		return ctx_internal(c, "eq recompute", db_errmsg(c->db));
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		"SELECT id FROM eq_units WHERE deleted = 0 AND state IN ('registered', 'in_use', 'suspended')"
		" ORDER BY category, type, schedule_mode, id", /* grouped by rule key: one row lookup per key */
		&s);
	if (rc == DB_OK) {
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 1024;
				int64_t *g = realloc(ids, ncap * sizeof *g);
				if (!g)
					break;
				ids = g, cap = ncap;
			}
			ids[n++] = db_col_int(s, 0);
		}
		db_finalize(s);
	}
	if (rc != DB_DONE) { /* never a recompute of a part of the register */
		free(ids);
		eq_rules_free(&set);
		return ctx_internal(c, "eq recompute: units", db_errmsg(c->db));
	}
	int moved = 0;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = recompute_units(c, &set, ids, n, "rule_change", &moved);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK)
		db_rollback(c->db);
	free(ids);
	eq_rules_free(&set);
	if (rc != DB_OK)
		return ctx_internal(c, "eq recompute", db_errmsg(c->db));
	out->json = json_pack("{s:I, s:i}", "units", (json_int_t)n, "changed", moved);
	char zh[160], en[160];
	snprintf(zh, sizeof zh, "已按现行规则重算 %lld 台设备，其中 %d 台的下次检验日期有变", (long long)n, moved);
	snprintf(en, sizeof en, "Recomputed %lld unit(s) by the rules in force; %d next due date(s) changed",
		 (long long)n, moved);
	action_summary(out, zh, en);
	return 200;
}

static void rule_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *cat = eq_str(row, "category"), *type = eq_str(row, "type");
	int tcat = eq_type_category(type);
	if (cat && type && tcat != (int)strtol(cat, NULL, 10))
		crud_field_error(c, errors, "type", FE_CHECK, "设备品种不属于所选设备类别",
				 "this type is not of the category");
	int64_t mn = eq_int(row, "months_min"), mx = eq_int(row, "months_max");
	if (mn && mx && mn > mx)
		crud_field_error(c, errors, "months_min", FE_ORDER, "最短周期不能大于最长周期",
				 "cannot exceed the longest interval");
	const char *kind = eq_str(row, "kind");
	int maint = kind && !strcmp(kind, "maintenance");
	if (maint && !eq_int(row, "days"))
		crud_field_error(c, errors, "days", FE_REQUIRED, "维保规则须填写间隔天数",
				 "a maintenance rule needs its days");
	if (!maint && !eq_int(row, "months") && !mx && !eq_str(row, "schedule") && eq_int(row, "usable"))
		crud_field_error(c, errors, "months", FE_REQUIRED, "须填写周期（月数、范围或周期表）",
				 "give the interval (months, a range or a schedule)");
	(void)old;
}

static const entity_hooks rule_hooks = {.validate = rule_validate};

/* clang-format off */
static const field_def rule_fields[] = {
	{"category", FT_DICT, "设备类别", "Category", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_category"},
	{"type", FT_DICT, "设备品种", "Type", F_LIST | F_FILTER, .dict = "eq_type", .help_zh = "空：该类别全部品种", .help_en = "empty: every type of the category"},
	{"kind", FT_DICT, "检验类别", "Inspection kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "eq_inspection_kind"},
	{"grade", FT_INT, "安全状况等级", "Safety grade", F_LIST, .min = 0, .max = 5, .help_zh = "0：任意", .help_en = "0: any"},
	{"first_after", FT_BOOL, "首次检验", "First inspection", F_LIST},
	{"months", FT_INT, "周期（月）", "Interval (months)", F_LIST, .min = 0, .max = 240, .unit = "月"},
	{"months_min", FT_INT, "最短周期（月）", "Shortest (months)", 0, .min = 0, .max = 240, .unit = "月"},
	{"months_max", FT_INT, "最长周期（月）", "Longest (months)", 0, .min = 0, .max = 240, .unit = "月"},
	{"schedule", FT_TEXT, "周期表（基准日后月数）", "Schedule (months after the base)", 0, 0, 200, 0, 0, "^[0-9]+(,[0-9]+)*$"},
	{"usable", FT_BOOL, "允许使用", "May be used", 0},
	{"monitored", FT_BOOL, "监控使用", "Monitored use", 0},
	{"early", FT_INT, "可提前（月）", "May be early by (months)", 0, .min = 0, .max = 12, .unit = "月"},
	{"status", FT_TEXT, "依据性质", "Reading", 0, 0, 1, 0, 0, "^[VI]$", .help_zh = "V：规范原文；I：解释，可配置", .help_en = "V: the regulation's text; I: an interpretation, configurable"},
	{"days", FT_INT, "维保间隔（天）", "Maintenance interval (days)", 0, .min = 0, .max = 365, .unit = "天"},
	{"regulation", FT_TEXT, "安全技术规范", "Regulation", F_REQUIRED | F_LIST | F_SEARCH, 2, 60},
	{"clause", FT_TEXT, "条款", "Clause", F_LIST, 0, 60},
	{"effective", FT_DATE, "施行日期", "In force from", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"note_zh", FT_TEXT, "说明", "Note (zh)", 0, 0, 300},
	{"note_en", FT_TEXT, "说明（英文）", "Note (en)", 0, 0, 300},
};
/* clang-format on */

static const entity_action rule_actions[] = {
	{"recompute", "POST", "equipment_rules.recompute", 0, act_recompute, 0, "按规则重算下次检验日期",
	 "Recompute due dates by the rules", 1},
};

const entity_def eq_ent_rules = {
	.name = "equipment_rules",
	.table = "eq_rules",
	.label_zh = "定期检验规则",
	.label_en = "Inspection interval rules",
	.menu = "equipment",
	.fields = rule_fields,
	.nfields = ZJ_COUNT(rule_fields),
	.label_field = "regulation",
	.default_sort = "effective",
	.hooks = &rule_hooks,
	.actions = rule_actions,
	.nactions = ZJ_COUNT(rule_actions),
	.first_columns = "category,kind,regulation,clause,effective",
};
