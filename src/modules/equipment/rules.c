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

typedef struct unit_due {
	date_days due, request_by;
	int found, usable;
	const char *kind;
	char basis[256];
} unit_due;

static void due_of(const eq_rule_set *set, const json_t *unit, const last_insp *last, int nlast, unit_due *best)
{
	const char *catt = eq_str(unit, "category"), *type = eq_type_code(eq_str(unit, "type"));
	int cat = catt ? (int)strtol(catt, NULL, 10) : 0;
	const char *kinds[16];
	int nk = kinds_of(set, cat, type, kinds, 16);
	memset(best, 0, sizeof *best);
	best->usable = 1;
	for (int k = 0; k < nk; k++) {
		eq_due_in in = {.category = cat, .type = type, .kind = kinds[k]};
		in.has_commissioned = eq_date(unit, "commissioned_on", &in.commissioned);
		eq_lift_schedule(unit, &in);
		in.has_prev_due = eq_date(unit, "next_due", &in.prev_due); /* a failed inspection keeps it */
		for (int i = 0; i < nlast; i++)
			if (!strcmp(last[i].kind, kinds[k]) && date_parse(last[i].on, &in.last) == DATE_OK) {
				in.has_last = 1;
				in.grade = last[i].grade ? last[i].grade : (int)eq_int(unit, "grade");
				in.conclusion = *last[i].conclusion ? last[i].conclusion : NULL;
				in.chosen_months = last[i].chosen;
			}
		eq_due_out out;
		memset(&out, 0, sizeof out);
		if (eq_next_due(set->rules, set->n, &in, &out) != 0)
			continue;
		if (in.has_last && !out.usable)
			best->usable = 0;
		if (!best->found || out.due < best->due) {
			best->found = 1;
			best->due = out.due, best->request_by = out.request_by, best->kind = kinds[k];
			snprintf(best->basis, sizeof best->basis, "%s", out.basis_zh);
		}
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

int eq_recompute(zj_ctx *c, const eq_rule_set *set, int64_t id, const char *action, int *changed)
{
	if (changed)
		*changed = 0;
	json_t *unit = crud_load(c, &eq_ent_units, id);
	if (!unit)
		return DB_ERR;
	last_insp last[16];
	int nlast = load_last(c, id, last, 16);
	if (nlast < 0) {
		json_decref(unit);
		return DB_ERR;
	}
	json_t *f = json_object();
	last_fields(f, unit, last, nlast);
	json_t *g = json_object_get(f, "grade");
	if (g)
		json_object_set(unit, "grade", g); /* the engine reads the grade the inspection gave */
	unit_due d;
	due_of(set, unit, last, nlast, &d);
	const char *was = eq_str(unit, "next_due");
	json_t *due = date_or_null(d.found, d.due);
	int moved =
		!json_equal(json_object_get(unit, "next_due") ? json_object_get(unit, "next_due") : json_null(), due);
	if (moved && was && !strcmp(action, "rule_change"))
		note_change(c, f, id, was, json_string_value(due), d.basis);
	set_if(f, unit, "next_due", due);
	set_if(f, unit, "request_by", date_or_null(d.found, d.request_by));
	set_if(f, unit, "due_kind", d.found ? json_string(d.kind) : json_null());
	set_if(f, unit, "due_basis", d.found ? json_string(d.basis) : json_null());
	set_if(f, unit, "usable", json_boolean(d.usable));
	int rc = json_object_size(f) ? crud_set_fields_old(c, &eq_ent_units, id, unit, f, action) : DB_OK;
	if (changed)
		*changed = moved;
	json_decref(f), json_decref(unit);
	return rc;
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
		"SELECT id FROM eq_units WHERE deleted = 0 AND state IN ('registered', 'in_use', 'suspended') ORDER BY id",
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
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		int ch = 0;
		rc = eq_recompute(c, &set, ids[i], "rule_change", &ch);
		moved += ch;
	}
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
