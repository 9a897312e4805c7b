/* demo.c — `init --demo`: a deterministic special-equipment register of
 * Baotou: maintenance units, the institute's inspectors, and 2,000
 * units across the categories (mostly lifts, as in any city) with their last
 * inspection and the dates the engine gives from it: most due later in the
 * year, some due within the month, a few overdue, so the due dashboard shows
 * something. Built from nothing, so it writes its rows directly (like the
 * platform's demo); every date still comes from the rule table through
 * eq_next_due. Only the public tokens are random (they must not be guessable). */
#include "modules/equipment/equipment.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

#define DEMO_UNITS 2000

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

/* share of the register per category (per mille) and the mark of its certificate */
static const struct {
	int category, per_mille;
	const char *mark;
} mix[] = {
	{3000, 600, "梯"}, {2000, 120, "容"}, {4000, 110, "起"}, {5000, 60, "车"}, {1000, 50, "锅"},
	{2300, 25, "瓶"},  {6000, 20, "游"},  {8000, 12, "管"},  {9000, 3, "索"},
};

static const char *maint_names[][3] = {
	{"包头市鹿城电梯工程有限公司", "TS3415001-2027", "0472-5101001"},
	{"内蒙古北方电梯安装维修有限公司", "TS3415002-2026", "0472-5101002"},
	{"包头市稀土电梯服务有限公司", "TS3415003-2028", "0472-5101003"},
	{"包头草原电梯技术有限公司", "TS3415004-2027", "0472-5101004"},
	{"包头市钢城电梯有限责任公司", "TS3415005-2026", "0472-5101005"},
	{"内蒙古蒙通电梯工程有限公司", "TS3415006-2029", "0472-5101006"},
};

static const char *inspectors[][3] = {
	/* name, qualifications, capacity a day */
	{"周检验", "3000", "6"},           {"高志强", "3000", "6"},      {"马海军", "3000,4000", "5"},
	{"刘文博", "1000,2000,2300", "3"}, {"陈丽娟", "2000,8000", "3"}, {"巴特尔", "4000,5000", "5"},
	{"乌兰", "6000,9000,3000", "4"},   {"黄宏伟", "1000,2000", "3"},
};

static const char *streets[] = {"钢铁大街", "阿尔丁大街", "民族东路",     "巴彦塔拉大街", "友谊大街",
				"黄河大街", "建设路",     "呼得木林大街", "青年路",       "团结大街"};
static const char *places[] = {"小区", "商厦", "医院", "学校", "宾馆", "厂区", "广场", "公寓"};

typedef struct ent {
	int64_t id, juris;
	char juris_code[8], juris_name[64];
} ent;

static int load_enterprises(zj_ctx *c, ent **out, int *n)
{
	db_stmt *s;
	*out = NULL, *n = 0;
	if (db_prepare(
		    c->db,
		    "SELECT e.id, e.jurisdiction_id, j.code, j.name FROM enterprises e JOIN jurisdictions j ON j.id = e.jurisdiction_id"
		    " WHERE e.deleted = 0 ORDER BY e.id",
		    &s) != DB_OK)
		return -1;
	int cap = 0;
	while (db_step(s) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			ent *g = realloc(*out, (size_t)cap * sizeof *g);
			if (!g)
				break;
			*out = g;
		}
		ent *e = &(*out)[(*n)++];
		e->id = db_col_int(s, 0), e->juris = db_col_int(s, 1);
		snprintf(e->juris_code, sizeof e->juris_code, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
		snprintf(e->juris_name, sizeof e->juris_name, "%s", db_col_text(s, 3) ? db_col_text(s, 3) : "");
	}
	db_finalize(s);
	return 0;
}

static int demo_people(zj_ctx *c, int64_t *maint_ids, int nmaint)
{
	int rc = DB_OK;
	const char *city[] = {"150200"};
	int64_t juris = db_query_int(c->db, "SELECT id FROM jurisdictions WHERE code = ? AND deleted = 0", 1, city, 0);
	char j[24];
	EQ_ID(j, juris);
	for (int i = 0; rc == DB_OK && i < nmaint; i++) {
		const char *p[] = {c->now, maint_names[i][0], maint_names[i][1], "2028-12-31", maint_names[i][2], j};
		rc = db_run(
			c->db,
			"INSERT INTO eq_maintainers (created_at, name, licence_no, licence_expires_on, emergency_phone,"
			" jurisdiction_id) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
			6, p);
		const char *q[] = {maint_names[i][0]};
		maint_ids[i] =
			db_query_int(c->db, "SELECT id FROM eq_maintainers WHERE name = ? AND deleted = 0", 1, q, 0);
	}
	const char *un[] = {"inspector"};
	int64_t uid = db_query_int(c->db, "SELECT id FROM users WHERE username = ?", 1, un, 0);
	for (size_t i = 0; rc == DB_OK && i < sizeof inspectors / sizeof inspectors[0]; i++) {
		char cert[24], user[24] = "";
		snprintf(cert, sizeof cert, "TSZ-NM-%04zu", 1001 + i);
		if (i == 0 && uid > 0)
			EQ_ID(user, uid);
		const char *p[] = {c->now, inspectors[i][0], *user ? user : NULL,
				   cert,   inspectors[i][1], inspectors[i][2]};
		rc = db_run(
			c->db,
			"INSERT INTO eq_inspectors (created_at, name, user_id, cert_no, qualifications, daily_capacity, active)"
			" VALUES (?,?,?,?,?,?,1)",
			6, p);
	}
	return rc;
}

static int pick_category(unsigned *seed)
{
	int r = (int)(lcg(seed) % 1000), acc = 0;
	for (size_t i = 0; i < sizeof mix / sizeof mix[0]; i++) {
		acc += mix[i].per_mille;
		if (r < acc)
			return (int)i;
	}
	return 0;
}

static const eq_type *pick_type(int category, unsigned *seed)
{
	int n = 0;
	for (int i = 0; eq_types[i].category; i++)
		n += eq_types[i].category == category;
	int k = n ? (int)(lcg(seed) % (unsigned)n) : 0;
	for (int i = 0; eq_types[i].category; i++)
		if (eq_types[i].category == category && k-- == 0)
			return &eq_types[i];
	return NULL;
}

typedef struct demo_unit {
	int category, grade;
	const eq_type *type;
	const char *kind, *mode;
	date_days made, commissioned, last, base;
	int has_last;
	eq_due_out due;
} demo_unit;

static eq_due_in first_in(const demo_unit *u, const eq_due_in *in)
{
	eq_due_in f = *in;
	f.has_last = 0, f.grade = 0, f.conclusion = NULL;
	(void)u;
	return f;
}

/* The last inspection so that the due dates spread over the coming year:
 * about 1 in 100 overdue, some due within the month. */
static int plan_dates(const eq_rule_set *set, demo_unit *u, date_days today, unsigned *seed)
{
	eq_due_in in = {.category = u->category, .type = u->type->code, .kind = u->kind};
	in.commissioned = u->commissioned, in.has_commissioned = 1;
	if (u->category == 3000) {
		in.regulation = strcmp(u->mode, "annual") ? "TSG T7001-2023" : "TSG T7001-2009";
		in.base = u->base, in.has_base = !!strcmp(u->mode, "annual");
	}
	memset(&u->due, 0, sizeof u->due);
	/* the first inspection from commissioning, to learn the interval */
	eq_due_out first;
	if (eq_next_due(set->rules, set->n, &in, &first) != 0)
		return -1;
	long span = date_diff(u->commissioned, first.due);
	if (span <= 0)
		span = 365;
	int want_overdue = lcg(seed) % 1000 < 10;
	long back = want_overdue ? span + 1 + (long)(lcg(seed) % 40) : (long)(lcg(seed) % (unsigned)span);
	for (int tries = 0; tries < 8; tries++, back /= 2) {
		date_add_days(today, -back, &in.last);
		if (in.last <= u->commissioned)
			in.last = u->commissioned + 30;
		if (in.last > today) { /* never inspected yet: the first inspection counts from commissioning */
			eq_due_in f = first_in(u, &in);
			u->has_last = 0;
			return eq_next_due(set->rules, set->n, &f, &u->due);
		}
		in.has_last = 1;
		in.grade = u->grade;
		in.conclusion = "pass";
		u->last = in.last, u->has_last = 1;
		if (eq_next_due(set->rules, set->n, &in, &u->due) != 0)
			return -1;
		if (want_overdue || u->due.due >= today)
			return 0;
	}
	return 0;
}

static int insert_unit(zj_ctx *c, int i, const demo_unit *u, const ent *e, int64_t maint, unsigned *seed, int64_t *id)
{
	char code[48], cert[40], loc[160], made[11], comm[11], last[11], due[11], req[11], base[11], grade[4], user[24],
		juris[24], mnt[24], tok[33], maint_on[11], type[48], cat[8];
	snprintf(cat, sizeof cat, "%d", u->category);
	snprintf(type, sizeof type, "%d.%s", u->category, u->type->code);
	date_format(u->made, made), date_format(u->commissioned, comm), date_format(u->due.due, due);
	date_format(u->due.request_by, req), date_format(u->base, base);
	if (u->has_last)
		date_format(u->last, last);
	snprintf(code, sizeof code, "%d%s%04d%06d", u->category + 100, e->juris_code, date_year(u->commissioned),
		 i + 1);
	size_t m = 0;
	while (m < sizeof mix / sizeof mix[0] - 1 && mix[m].category != u->category)
		m++;
	snprintf(cert, sizeof cert, "%s11蒙B%05d(%02d)", mix[m].mark, i + 1, date_year(u->commissioned) % 100);
	snprintf(loc, sizeof loc, "%s%s%u号%s%u号", e->juris_name, streets[lcg(seed) % 10], 1 + lcg(seed) % 300,
		 places[lcg(seed) % 8], 1 + lcg(seed) % 12);
	snprintf(grade, sizeof grade, "%d", u->grade);
	EQ_ID(user, e->id), EQ_ID(juris, e->juris), EQ_ID(mnt, maint);
	eq_new_token(tok);
	date_days today, mo;
	date_parse(c->today, &today);
	date_add_days(today, -(long)(lcg(seed) % 1000 < 20 ? 16 + lcg(seed) % 30 : lcg(seed) % 14), &mo);
	date_format(mo, maint_on);
	int lift = u->category == 3000;
	const char *p[] = {c->now,
			   c->now,
			   code,
			   cert,
			   cat,
			   type,
			   user,
			   lift && maint ? mnt : NULL,
			   loc,
			   juris,
			   "包头市特种设备制造有限公司",
			   lift ? "TKJ1000/1.75-JXW" : "—",
			   made,
			   comm,
			   u->grade ? grade : NULL,
			   lift ? u->mode : NULL,
			   lift && strcmp(u->mode, "annual") ? base : NULL,
			   u->has_last ? last : NULL,
			   u->has_last ? "pass" : NULL,
			   due,
			   req,
			   u->kind,
			   u->due.basis_zh,
			   u->due.usable ? "1" : "0",
			   lift ? maint_on : NULL,
			   tok};
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		"INSERT INTO eq_units (created_at, updated_at, state, equipment_code, reg_cert_no, category, type, user_id,"
		" maintainer_id, location, jurisdiction_id, manufacturer, model, made_on, commissioned_on, grade,"
		" schedule_mode, base_on, last_inspected_on, last_conclusion, next_due, request_by, due_kind,"
		" due_basis, usable, last_maint_on, public_token, pilot)"
		" VALUES (?,?,'in_use',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0) RETURNING id",
		&s);
	if (rc != DB_OK)
		return rc;
	for (int k = 0; k < (int)(sizeof p / sizeof p[0]); k++)
		db_bind_text(s, k + 1, p[k]);
	rc = db_step(s) == DB_ROW ? DB_OK : DB_ERR;
	*id = rc == DB_OK ? db_col_int(s, 0) : 0;
	db_finalize(s);
	if (rc != DB_OK || !u->has_last)
		return rc;
	char uid[24], rep[32], nd[11];
	EQ_ID(uid, *id);
	snprintf(rep, sizeof rep, "TJ%04d-%06d", date_year(u->last), i + 1);
	date_format(u->due.due, nd);
	const char *q[] = {c->now, uid,   u->kind, last, "pass",         u->grade ? grade : NULL,
			   rep,    juris, nd,      req,  u->due.basis_zh};
	rc = db_run(c->db,
		    "INSERT INTO eq_inspections (created_at, unit_id, kind, inspected_on, conclusion, grade, report_no,"
		    " jurisdiction_id, next_due, request_by, basis) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		    11, q);
	/* the inspection before it, one interval earlier, whose due date the last one met; about one in
	 * thirteen came 5 to 60 days after it (the dashboard's trend shows them) */
	long interval = date_diff(u->last, u->due.due);
	if (rc != DB_OK || interval < 60)
		return rc;
	date_days prev_due = u->last + (i % 13 == 0 ? -(5 + i % 56) : 1 + i % 30), prev_on = prev_due - interval;
	if (prev_on <= u->commissioned)
		return rc;
	char pon[11], pdue[11], preq[11], prep[32];
	date_format(prev_on, pon), date_format(prev_due, pdue);
	date_days pr;
	date_add_months(prev_due, -1, &pr);
	date_format(pr, preq);
	snprintf(prep, sizeof prep, "TJ%04d-%06dP", date_year(prev_on), i + 1);
	const char *q2[] = {c->now, uid,   u->kind, pon,  "pass",         u->grade ? grade : NULL,
			    prep,   juris, pdue,    preq, u->due.basis_zh};
	return db_run(
		c->db,
		"INSERT INTO eq_inspections (created_at, unit_id, kind, inspected_on, conclusion, grade, report_no,"
		" jurisdiction_id, next_due, request_by, basis) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
		11, q2);
}

static const char *kind_of(int category)
{
	return category == 1000 ? "external" : "periodic";
}

int eq_demo(zj_ctx *c, FILE *report)
{
	eq_rule_set set;
	ent *ents = NULL;
	int nents = 0;
	if (eq_rules_load(c, &set) != 0 || load_enterprises(c, &ents, &nents) != 0 || !nents) {
		free(ents);
		return -1;
	}
	if (db_query_int(c->db, "SELECT COUNT(*) FROM eq_units", 0, NULL, 0) > 0) {
		free(ents), eq_rules_free(&set);
		return 0; /* already there */
	}
	int64_t maint[6];
	int own = !c->db->in_tx;
	int rc = own ? db_begin(c->db) : DB_OK;
	if (rc == DB_OK)
		rc = demo_people(c, maint, 6);
	unsigned seed = 20261201u;
	date_days today;
	date_parse(c->today, &today);
	int made = 0, overdue = 0;
	for (int i = 0; rc == DB_OK && i < DEMO_UNITS; i++) {
		demo_unit u;
		memset(&u, 0, sizeof u);
		u.category = mix[pick_category(&seed)].category;
		u.type = pick_type(u.category, &seed);
		if (!u.type)
			continue;
		u.kind = kind_of(u.category);
		u.grade = u.category == 2000   ? 1 + (int)(lcg(&seed) % 3)
			  : u.category == 8000 ? 1 + (int)(lcg(&seed) % 2)
					       : 0;
		if (u.category == 2000 && !strcmp(u.type->code, "nonmetal"))
			u.grade = 1 + (int)(lcg(&seed) % 2);
		u.mode = lcg(&seed) % 4 ? "annual" : "t7001_2023";
		date_add_days(today, -(long)(400 + lcg(&seed) % 7000), &u.commissioned);
		date_add_days(u.commissioned, -(long)(30 + lcg(&seed) % 300), &u.made);
		date_add_days(u.commissioned, -(long)(lcg(&seed) % 20), &u.base);
		if (plan_dates(&set, &u, today, &seed) != 0)
			continue;
		const ent *e = &ents[lcg(&seed) % (unsigned)nents];
		int64_t id;
		rc = insert_unit(c, i, &u, e, maint[lcg(&seed) % 6], &seed, &id);
		made += rc == DB_OK;
		overdue += rc == DB_OK && u.due.due < today;
	}
	if (rc == DB_OK && own)
		rc = db_commit(c->db);
	else if (rc != DB_OK) {
		fprintf(stderr, "equipment demo: %s\n", db_errmsg(c->db));
		if (own)
			db_rollback(c->db);
	}
	free(ents);
	eq_rules_free(&set);
	if (rc == DB_OK && report)
		fprintf(report, "Special equipment: %d units (%d overdue), 6 maintenance units, %zu inspectors\n", made,
			overdue, sizeof inspectors / sizeof inspectors[0]);
	return rc == DB_OK ? 0 : -1;
}
