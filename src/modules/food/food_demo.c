/* food_demo.c — `init --demo`: a year of Baotou food sampling. A testing
 * budget of 3,160,000 yuan (DOMAIN.md §0), an annual plan of 16 food
 * categories × 9 districts and banners within it, one task per line, and
 * about 2,800 samples over the 365 days before the init date, each judged by
 * the same verdict engine as real entries (about 3 % fail, a few in μg/kg
 * converted to the limit's mg/kg). Recent samples are still on their way
 * through the chain of custody; failed ones have disposal tasks (some
 * stalled past their due date, for the dashboard), some were re-tested, and
 * monthly announcements publish the served results. Deterministic for a
 * given init date (a fixed-seed generator); one transaction, direct
 * inserts, a few seconds. Company names of labelled producers outside the
 * city are fictitious. */
#include "modules/food/food.h"
#include "core/calendar.h"
#include "lib/workdays.h"
#include "lib/xalloc.h"
#include "modules/modules.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parameters of one statement ---- */

typedef struct params {
	int n;
	char *v[48];
} params;

static void p_str(params *p, const char *s)
{
	p->v[p->n++] = s ? strdup(s) : NULL;
}
static void p_int(params *p, long long x)
{
	char b[24];
	snprintf(b, sizeof b, "%lld", x);
	p_str(p, b);
}
static void p_fmt(params *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void p_fmt(params *p, const char *fmt, ...)
{
	char b[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	p_str(p, b);
}
static void p_clear(params *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i]);
	p->n = 0;
}

/* Runs an INSERT ... RETURNING id (or any statement when id is NULL); clears p. */
static int run(db *d, const char *sql, params *p, int64_t *id)
{
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc == DB_OK) {
		for (int i = 0; i < p->n; i++)
			db_bind_text(s, i + 1, p->v[i]);
		rc = db_step(s);
		if (rc == DB_ROW && id)
			*id = db_col_int(s, 0);
		rc = (rc == DB_ROW || rc == DB_DONE) ? DB_OK : rc;
		db_finalize(s);
	}
	if (rc != DB_OK)
		fprintf(stderr, "food demo: %s\n  in: %.200s\n", db_errmsg(d), sql);
	p_clear(p);
	return rc;
}

/* ---- the plan ---- */

typedef struct demo_category {
	const char *code;
	int batches; /* over all districts (a multiple of 9) */
	int yuan;    /* cost per batch */
	const char *foods;
} demo_category;

static const demo_category categories[] = {
	{"cereals", 270, 1100, "rice,wheat_flour,maize_flour,oatmeal,brown_rice"},
	{"vegetables", 540, 900,
	 "pak_choi,celery,cowpea,chinese_chive,chili,ginger,tomato,potato,carrot,spinach,zhacai,meigancai"},
	{"fruits", 225, 800, "apple,citrus,banana,preserved_plum,raisin"},
	{"meat", 360, 1300, "pork,beef,mutton,chicken,pig_liver,sausage,roast_duck"},
	{"aquatic", 180, 1300, "grass_carp,carp,hairtail,marine_shrimp,crayfish,scallop"},
	{"dairy", 225, 1200, "pasteurized_milk,sterilized_milk,fermented_milk,raw_milk"},
	{"eggs", 135, 900, "hen_egg,duck_egg,preserved_egg"},
	{"oils", 135, 1000, "peanut_oil,soybean_oil,rapeseed_oil,corn_oil"},
	{"legumes", 90, 800, "soybean,mung_bean"},
	{"nuts_seeds", 45, 900, "peanut"},
	{"condiments", 225, 900, "soy_sauce,vinegar,brewed_paste,star_anise,sichuan_pepper,chili_powder"},
	{"beverages", 135, 700, "purified_water,mineral_water,carbonated,apple_juice"},
	{"bakery", 90, 600, "biscuits"},
	{"confectionery", 45, 600, "hard_candy"},
	{"tea", 45, 800, "green_tea,black_tea"},
	{"bee_products", 45, 1200, "honey"},
};
enum { NCAT = sizeof categories / sizeof categories[0] };

static const char *const districts[][2] = {
	{"150202", "BTQTS-DH"}, {"150203", "BTQTS-KDL"}, {"150204", "BTQTS-QS"},
	{"150205", "BTQTS-SG"}, {"150206", "BTQTS-BY"},  {"150207", "BTQTS-JY"},
	{"150221", "BTQTS-TY"}, {"150222", "BTQTS-GY"},  {"150223", "BTQTS-DM"},
};
enum { NDIST = sizeof districts / sizeof districts[0] };

/* Producers outside the city (fictitious names, real GB/T 2260 prefecture codes). */
static const char *const far_producers[][3] = {
	{"呼和浩特市青城乳品有限公司", "内蒙古自治区呼和浩特市赛罕区工业园区8号", "150100"},
	{"鄂尔多斯市高原粮油有限公司", "内蒙古自治区鄂尔多斯市东胜区富兴路12号", "150600"},
	{"石家庄市华冀食品有限公司", "河北省石家庄市栾城区食品产业园6号", "130100"},
	{"潍坊市绿野蔬菜专业合作社", "山东省潍坊市寿光市蔬菜物流园", "370700"},
	{"广州市南粤调味品有限公司", "广东省广州市白云区钟落潭镇工业路3号", "440100"},
	{"西安市秦川肉类加工有限公司", "陕西省西安市高陵区泾河工业园", "610100"},
};

static const char *const brands[] = {"鹿城",   "塞北",   "阴山", "敕勒川", "北疆",
				     "黄河湾", "草原红", "九原", "昆仑",   "青山"};
static const char *const causes[] = {"进货查验不到位，供货方未提供检验报告",
				     "原料把关不严",
				     "生产过程控制不当",
				     "贮存条件不符合要求",
				     "超范围、超限量使用食品添加剂",
				     "种植环节违规使用农药"};

typedef struct demo {
	zj_ctx *c;
	db *d;
	food_refset *rs;
	struct wd_calendar *cal;
	unsigned seed;
	date_days today, start;
	int64_t plan, task_of[NCAT][NDIST], item_of[NCAT][NDIST], juris[NDIST], city, lab, lab2, units[NDIST];
	int64_t *ents; /* enterprises: id, jurisdiction id, producer? in triples */
	int nents;
	int seq[3]; /* sample numbers by year offset */
	int samples, failed, retested, disposals;
} demo;

static unsigned lcg(demo *m)
{
	m->seed = m->seed * 1103515245u + 12345u;
	return (m->seed >> 8) & 0xffffff;
}

static int64_t id_by(db *d, const char *sql, const char *key)
{
	const char *p[] = {key};
	return db_query_int(d, sql, 1, p, 0);
}

static void day_text(date_days d, char out[11])
{
	date_format(d, out);
}

/* The instant of a local (Beijing) working-day time. */
static void instant(date_days d, int hour, int minute, char out[21])
{
	char day[11];
	day_text(d, day);
	snprintf(out, 21, "%sT%02d:%02d:00Z", day, hour - 8, minute);
}

static date_days add_wd(demo *m, date_days d, int n)
{
	date_days r = d;
	wd_add(m->cal, d, n, &r, NULL);
	return r;
}

static int happened(demo *m, date_days d)
{
	return d < m->today;
}

/* ---- set-up: the second lab user, an external listed lab, enterprises ---- */

static int demo_org(demo *m)
{
	params p = {0};
	p_str(&p, m->c->now);
	/* four-eyes approval needs a second person in the lab; same demo password as 'analyst' */
	if (run(m->d,
		"INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash, must_change_password, roles, owner_unit_id)"
		" SELECT ?, 'reviewer', '陈审核', unit_id, jurisdiction_id, password_hash, 0, 'lab_analyst', unit_id FROM users"
		" WHERE username = 'analyst' AND deleted = 0 ON CONFLICT DO NOTHING",
		&p, NULL) != DB_OK)
		return -1;
	p_str(&p, m->c->now);
	if (run(m->d,
		"INSERT INTO units (created_at, code, name, name_en, kind, jurisdiction_id) SELECT ?, 'NMFOOD', '内蒙古自治区食品检验检测中心',"
		" 'Inner Mongolia Food Inspection and Testing Centre', 'institute', id FROM jurisdictions WHERE code = '150000' ON CONFLICT DO NOTHING",
		&p, NULL) != DB_OK)
		return -1;
	p_str(&p, m->c->now);
	if (run(m->d,
		"INSERT INTO food_labs (created_at, unit_id, retest_listed, active, scope) SELECT ?, id, 1, 1, '食品复检' FROM units WHERE code = 'NMFOOD'"
		" ON CONFLICT DO NOTHING",
		&p, NULL) != DB_OK)
		return -1;
	m->lab = id_by(m->d, "SELECT id FROM units WHERE code = ?", "BTFOOD");
	m->lab2 = id_by(m->d, "SELECT id FROM units WHERE code = ?", "BTLAB1");
	m->city = id_by(m->d, "SELECT id FROM jurisdictions WHERE code = ?", "150200");
	for (int i = 0; i < NDIST; i++) {
		m->juris[i] = id_by(m->d, "SELECT id FROM jurisdictions WHERE code = ?", districts[i][0]);
		m->units[i] = id_by(m->d, "SELECT id FROM units WHERE code = ?", districts[i][1]);
	}
	db_stmt *s;
	if (db_prepare(m->d, "SELECT id, jurisdiction_id, kinds FROM enterprises WHERE deleted = 0 ORDER BY id", &s) !=
	    DB_OK)
		return -1;
	int cap = 0, rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (m->nents == cap)
			m->ents = xrealloc(m->ents, sizeof(int64_t) * 3 * (size_t)(cap = cap ? cap * 2 : 512));
		const char *k = db_col_text(s, 2) ? db_col_text(s, 2) : "";
		m->ents[m->nents * 3] = db_col_int(s, 0), m->ents[m->nents * 3 + 1] = db_col_int(s, 1);
		m->ents[m->nents * 3 + 2] = strstr(k, "producer") ? 1 : strstr(k, "caterer") ? 2 : 0;
		m->nents++;
	}
	db_finalize(s);
	return m->nents && rc == DB_DONE ? 0 : -1;
}

/* An enterprise of the district, preferring the kind the link needs. */
static int pick_enterprise(demo *m, int dist, int want)
{
	int n = 0, idx[512];
	for (int pass = 0; pass < 3 && !n; pass++)
		for (int i = 0; i < m->nents && n < 512; i++)
			if ((pass == 2 || m->ents[i * 3 + 1] == m->juris[dist]) &&
			    (pass >= 1 || m->ents[i * 3 + 2] == want))
				idx[n++] = i;
	return idx[lcg(m) % (unsigned)n];
}

/* ---- budget, plan, lines, tasks ---- */

static int demo_plan(demo *m, int year)
{
	params p = {0};
	int64_t budget;
	p_str(&p, m->c->now), p_fmt(&p, "BT-%d-FOOD", year), p_fmt(&p, "%d年食品质量安全监督检验经费", year),
		p_int(&p, year);
	p_int(&p, 316000000LL);
	if (run(m->d,
		"INSERT INTO food_budgets (created_at, code, name, year, amount, source, note) VALUES (?,?,?,?,?,'包头市人民政府',"
		"'市政府列入财政预算的食品质量监督检测经费 3,160,000 元') RETURNING id",
		&p, &budget) != DB_OK)
		return -1;
	char from[11], to[11];
	day_text(m->start, from), day_text(m->today - 1, to);
	p_str(&p, m->c->now), p_fmt(&p, "BT-%d-JD", year), p_fmt(&p, "%d年度包头市食品安全监督抽检计划", year),
		p_int(&p, year), p_int(&p, budget);
	p_str(&p, from), p_str(&p, to);
	if (run(m->d,
		"INSERT INTO food_plans (created_at, code, name, year, kind, budget_id, starts_on, ends_on, state, description)"
		" VALUES (?,?,?,?,'annual',?,?,?,'approved','16 个食品大类 × 9 个旗县区，流通、餐饮、生产环节') RETURNING id",
		&p, &m->plan) != DB_OK)
		return -1;
	static const char *const links[] = {"production", "distribution", "distribution", "distribution", "catering"};
	int64_t total = 0;
	for (int k = 0; k < NCAT; k++)
		for (int d = 0; d < NDIST; d++) {
			int batches = categories[k].batches / NDIST;
			int64_t cost = (int64_t)categories[k].yuan * 100;
			const char *link = links[(k + d) % 5];
			int64_t cat = id_by(m->d, "SELECT id FROM food_categories WHERE code = ?", categories[k].code);
			p_str(&p, m->c->now), p_int(&p, m->plan), p_int(&p, cat), p_int(&p, m->juris[d]),
				p_str(&p, link);
			p_int(&p, batches), p_int(&p, cost), p_int(&p, batches * cost);
			if (run(m->d,
				"INSERT INTO plan_items (created_at, plan_id, category_id, jurisdiction_id, link, batches, cost_per_batch, subtotal)"
				" VALUES (?,?,?,?,?,?,?,?) RETURNING id",
				&p, &m->item_of[k][d]) != DB_OK)
				return -1;
			total += batches * cost;
			p_str(&p, m->c->now), p_fmt(&p, "T%d-%s-%02d", year, districts[d][0], k + 1),
				p_int(&p, m->plan);
			p_int(&p, m->item_of[k][d]), p_int(&p, m->units[d]), p_int(&p, k % 4 == 3 ? m->lab2 : m->lab),
				p_int(&p, m->juris[d]);
			p_int(&p, cat), p_str(&p, link), p_int(&p, batches), p_str(&p, to);
			if (run(m->d,
				"INSERT INTO sampling_tasks (created_at, code, plan_id, plan_item_id, sampling_unit_id, lab_unit_id, jurisdiction_id,"
				" category_id, link, quota, due_on, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,'issued') RETURNING id",
				&p, &m->task_of[k][d]) != DB_OK)
				return -1;
		}
	p_int(&p, total), p_int(&p, m->plan);
	return run(m->d, "UPDATE food_plans SET planned_cost = ? WHERE id = ?", &p, NULL);
}

/* ---- values ---- */

static int places_of(const char *v)
{
	const char *dot = strchr(v, '.');
	return dot ? (int)strlen(dot + 1) : 0;
}

/* limit × k / 10^scale_k rounded to `places`, as text. */
static void scaled(const char *limit, long k, int kscale, int places, char *out, size_t n)
{
	dec a, b, r;
	dec_parse(&a, limit);
	dec_from_int(&b, k, kscale);
	dec_mul(&r, &a, &b);
	dec_round(&r, &r, places, DEC_ROUND_HALF_EVEN);
	dec_format(&r, out, n);
}

static const char *nd_lod(const char *unit)
{
	if (strstr(unit, "μg") || strstr(unit, "µg"))
		return "0.5";
	if (!strncmp(unit, "g/", 2))
		return "0.005";
	return "0.01";
}

typedef struct item_value {
	char value[64], unit[24], lod[32];
} item_value;

/* A plausible lab value: passing, or failing when asked. */
static void make_value(demo *m, const food_limit *l, int fail, int convert, item_value *iv)
{
	snprintf(iv->unit, sizeof iv->unit, "%s", l->unit);
	iv->lod[0] = 0;
	if (!strcmp(l->comparator, "nd")) {
		snprintf(iv->lod, sizeof iv->lod, "%s", nd_lod(l->unit));
		if (fail)
			scaled(iv->lod, 20 + (long)(lcg(m) % 1500), 1, places_of(iv->lod) + 1, iv->value,
			       sizeof iv->value);
		else
			snprintf(iv->value, sizeof iv->value, "ND");
		return;
	}
	int pl = places_of(l->value) + 2;
	scaled(l->value, 50, 3, pl, iv->lod, sizeof iv->lod);
	if (fail)
		scaled(l->value, 105 + (long)(lcg(m) % 300), 2, pl, iv->value, sizeof iv->value);
	else if (lcg(m) % 4 == 0)
		snprintf(iv->value, sizeof iv->value, "ND");
	else
		scaled(l->value, 60 + (long)(lcg(m) % 700), 3, pl, iv->value, sizeof iv->value);
	dec lod;
	if (dec_parse(&lod, iv->lod) != DEC_OK || dec_is_zero(&lod))
		iv->lod[0] = 0;
	if (convert && !strcmp(l->unit, "mg/kg")) {
		dec x;
		if (strcmp(iv->value, "ND") && dec_parse(&x, iv->value) == DEC_OK && dec_shift(&x, &x, 3) == DEC_OK)
			dec_format(&x, iv->value, sizeof iv->value);
		if (iv->lod[0] && dec_parse(&x, iv->lod) == DEC_OK && dec_shift(&x, &x, 3) == DEC_OK)
			dec_format(&x, iv->lod, sizeof iv->lod);
		snprintf(iv->unit, sizeof iv->unit, "%s", lcg(m) % 2 ? "μg/kg" : "µg/kg");
	}
}

/* ---- one sample ---- */

typedef struct sample_plan {
	int cat, dist, food_index;
	int64_t food, enterprise, producer;
	int far; /* index into far_producers, -1 none */
	const char *link, *kind;
	date_days sampled;
	int64_t lab;
} sample_plan;

typedef struct judged_item {
	const food_analyte *an;
	const food_limit *lim;
} judged_item;

/* The items of a food that have a limit on the date (template ∪ up the chain). */
static int items_for(demo *m, const food_cat *food, const char *on, judged_item *out, int max)
{
	int n = 0;
	char ids[600] = "";
	size_t w = 0;
	int depth = 0;
	for (const food_cat *f = food; f && depth < 32;
	     f = f->parent ? food_cat_by_id(m->rs, f->parent) : NULL, depth++)
		w += (size_t)snprintf(ids + w, sizeof ids - w, "%s%lld", w ? "," : "", (long long)f->id);
	char sql[900];
	snprintf(
		sql, sizeof sql,
		"SELECT DISTINCT analyte_id FROM test_templates WHERE deleted = 0 AND category_id IN (%s) ORDER BY analyte_id",
		ids);
	db_stmt *s;
	if (db_prepare(m->d, sql, &s) != DB_OK)
		return -1;
	int rc;
	for (rc = db_step(s); rc == DB_ROW && n < max; rc = db_step(s)) {
		food_lookup lk;
		const food_analyte *an = food_analyte_by_id(m->rs, db_col_int(s, 0));
		if (an && food_limit_lookup(m->rs, food->id, an->id, on, &lk) == FL_FOUND)
			out[n].an = an, out[n].lim = lk.limit, n++;
	}
	db_finalize(s);
	return rc == DB_ROW || rc == DB_DONE ? n : -1;
}

static int insert_result(demo *m, int64_t sample, int64_t lab, const char *on, const food_cat *food,
			 const judged_item *it, const item_value *iv, date_days tested, int *verdict)
{
	food_lookup lk;
	food_limit_lookup(m->rs, food->id, it->an->id, on, &lk);
	food_item_input in = {iv->value, iv->unit, iv->lod[0] ? iv->lod : NULL};
	food_judgement j;
	if (food_judge_item(m->rs, food, it->an, &lk, &in, NULL, 0, &j) != 0)
		return -1;
	*verdict = j.verdict;
	char day[11];
	day_text(tested, day);
	params p = {0};
	p_str(&p, m->c->now), p_int(&p, sample), p_str(&p, it->an->name), p_int(&p, it->an->id), p_str(&p, iv->value),
		p_str(&p, iv->unit);
	p_str(&p, iv->lod[0] ? iv->lod : NULL), p_str(&p, it->an->method), p_str(&p, "张检验"), p_str(&p, day),
		p_int(&p, lab);
	p_str(&p, food_verdict_code(j.verdict));
	if (j.limit_id)
		p_int(&p, j.limit_id);
	else
		p_str(&p, NULL);
	/* stored as the product stores it (a form and the row's values, docs/food.md §11); the
	 * demo's rows show no limit basis and an empty text where there is none, as before */
	strbuf args;
	sb_init(&args);
	int64_t form = food_judgement_form(m->c, &j, NULL, &args);
	p_str(&p, j.limit_text[0] ? NULL : ""), p_str(&p, j.standard_ref[0] ? NULL : ""), p_str(&p, j.judged_value);
	p_int(&p, form), p_str(&p, args.s ? args.s : ""), p_int(&p, j.needs_decision);
	p_int(&p, sample);
	sb_free(&args);
	food_judgement_free(&j);
	if (form <= 0)
		return -1;
	return run(
		m->d,
		"INSERT INTO results (created_at, sample_id, item, analyte_id, value, unit, lod, method, analyst, tested_on, owner_unit_id,"
		" verdict, limit_id, limit_text, standard_ref, judged_value, trace_form, trace_args, needs_decision,"
		" jurisdiction_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, (SELECT jurisdiction_id FROM samples WHERE id = ?))",
		&p, NULL);
}

/* The stages a sample has passed by the init date. */
typedef struct stages {
	date_days at[8]; /* sampled, delivered, received, tested, approved, notified, served, closed */
	int reached;     /* index of the last stage reached */
} stages;

static const char *const state_at[] = {"sampled",  "delivered", "received", "reported",
				       "approved", "notified",  "served",   "closed"};

static void plan_stages(demo *m, date_days sampled, int fail, stages *st)
{
	st->at[0] = sampled;
	st->at[1] = add_wd(m, sampled, 1 + (int)(lcg(m) % 3));
	st->at[2] = st->at[1];
	st->at[3] = add_wd(m, st->at[2], 6 + (int)(lcg(m) % 12));
	st->at[4] = add_wd(m, st->at[3], 1 + (int)(lcg(m) % 2));
	st->at[5] = add_wd(m, st->at[4], fail ? 1 + (int)(lcg(m) % 2) : 2 + (int)(lcg(m) % 6));
	st->at[6] = add_wd(m, st->at[5], 1 + (int)(lcg(m) % 4));
	st->at[7] = add_wd(m, st->at[6], 9 + (int)(lcg(m) % 5));
	st->reached = 0;
	for (int i = 1; i < 8; i++)
		if (happened(m, st->at[i]))
			st->reached = i;
}

static void sample_texts(demo *m, const food_cat *food, char *brand, size_t bn, char *product, size_t pn, char *spec,
			 size_t sn)
{
	brand[0] = 0;
	const char *major = food_cat_major(m->rs, food)->code;
	int fresh = !strcmp(major, "vegetables") || !strcmp(major, "fruits") || !strcmp(major, "meat") ||
		    !strcmp(major, "aquatic") || !strcmp(major, "eggs");
	if (fresh)
		snprintf(product, pn, "%s", food->name), snprintf(spec, sn, "散装");
	else {
		snprintf(brand, bn, "%s", brands[lcg(m) % 10]);
		snprintf(product, pn, "%s牌%s", brand, food->name);
		snprintf(spec, sn, "%d%s/%s", 100 * (1 + (int)(lcg(m) % 10)),
			 !strcmp(major, "beverages") || !strcmp(major, "dairy") ? "mL" : "g",
			 !strcmp(major, "beverages") || !strcmp(major, "dairy") ? "瓶" : "袋");
	}
}

static int insert_sample(demo *m, const sample_plan *sp, const food_cat *food, const stages *st, int64_t *id)
{
	char code[24], brand[40], product[160], spec[40], day[11], prod[11], exp[11], at[8][21];
	int yi = date_year(sp->sampled) - date_year(m->start);
	snprintf(code, sizeof code, "SP%d%06d", date_year(sp->sampled), ++m->seq[yi < 0 ? 0 : yi > 2 ? 2 : yi]);
	sample_texts(m, food, brand, sizeof brand, product, sizeof product, spec, sizeof spec);
	day_text(sp->sampled, day);
	day_text(sp->sampled - 1 - (date_days)(lcg(m) % 40), prod);
	day_text(sp->sampled + 30 + (date_days)(lcg(m) % 300), exp);
	for (int i = 0; i < 8; i++)
		instant(st->at[i], 9 + (int)(lcg(m) % 7), (int)(lcg(m) % 60), at[i]);
	params p = {0};
	p_str(&p, m->c->now), p_str(&p, code), p_str(&p, sp->kind), p_int(&p, m->task_of[sp->cat][sp->dist]),
		p_int(&p, m->plan);
	p_str(&p, sp->link), p_int(&p, sp->enterprise), p_int(&p, m->juris[sp->dist]);
	if (sp->far >= 0)
		p_str(&p, NULL), p_str(&p, far_producers[sp->far][0]), p_str(&p, far_producers[sp->far][1]),
			p_str(&p, far_producers[sp->far][2]);
	else
		p_int(&p, sp->producer), p_str(&p, NULL), p_str(&p, NULL), p_str(&p, NULL);
	p_int(&p, food->id), p_int(&p, food_cat_major(m->rs, food)->id), p_str(&p, product), p_str(&p, spec);
	p_fmt(&p, "%s%03u", prod, lcg(m) % 1000), p_str(&p, prod), p_str(&p, exp),
		p_int(&p, 300 + (long long)(lcg(m) % 4000));
	p_int(&p, sp->lab), p_str(&p, at[0]), p_str(&p, day);
	p_int(&p, strcmp(sp->kind, "supervision") == 0), p_fmt(&p, "FY-%s", code);
	p_str(&p, st->reached >= 1 ? at[1] : NULL), p_str(&p, st->reached >= 2 ? at[2] : NULL),
		p_str(&p, st->reached >= 3 ? at[3] : NULL);
	p_str(&p, st->reached >= 3 ? at[3] : NULL), p_str(&p, st->reached >= 4 ? at[4] : NULL),
		p_str(&p, st->reached >= 5 ? at[5] : NULL);
	p_str(&p, st->reached >= 6 ? at[6] : NULL), p_str(&p, st->reached >= 3 ? code : NULL),
		p_str(&p, state_at[st->reached]);
	p_int(&p, m->units[sp->dist]), p_str(&p, brand[0] ? brand : NULL);
	return run(
		m->d,
		"INSERT INTO samples (created_at, code, kind, task_id, plan_id, link, enterprise_id, jurisdiction_id, producer_id, producer_name,"
		" producer_address, producer_division, food_id, category_id, product_name, specification, batch_no, production_date, expiry_date,"
		" purchase_cost, lab_unit_id, sampled_at, sampled_on, enforcement_basis, seal_no, delivered_at, received_at, tested_at, reported_at,"
		" approved_at, notified_at, served_at, report_no, state, owner_unit_id, brand, quantity, samplers)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'2件（含备份1件）','李抽样、王检查') RETURNING id",
		&p, id);
}

/* ---- deadlines, disposals, re-tests ---- */

static int open_dl(demo *m, const char *entity, int64_t id, const char *kind, const char *state, const char *rule,
		   date_days from)
{
	char day[11];
	day_text(from, day);
	return food_open_deadline(m->c, entity, id, kind, state, rule, day, NULL);
}

static int sample_deadline(demo *m, int64_t id, const stages *st, int fail)
{
	switch (st->reached) {
	case 0: return open_dl(m, "samples", id, "delivery_due", "sampled", "delivery", st->at[0]);
	case 2: return open_dl(m, "samples", id, "report_due", "received", "report", st->at[2]);
	case 4:
		return open_dl(m, "samples", id, "notify_due", "approved", fail ? "notify_fail" : "notify_pass",
			       st->at[4]);
	case 5: return fail ? open_dl(m, "samples", id, "serve_due", "notified", "serve", st->at[5]) : DB_OK;
	default: return DB_OK;
	}
}

static int insert_disposal(demo *m, int64_t sample, const sample_plan *sp, const char *kind, int64_t juris, int64_t ent,
			   date_days opened, int stalled, int cancelled)
{
	char open_s[11], due[11];
	day_text(opened, open_s);
	if (food_rule_due(m->d, "disposal", open_s, due, NULL) != 0)
		return -1;
	int notification = !strcmp(kind, "notification");
	int age = (int)(m->today - opened);
	const char *state = cancelled      ? "cancelled"
			    : notification ? (age > 5 ? "notified" : "opened")
			    : stalled      ? (age > 10 ? "controlling" : "opened")
			    : age > 70     ? "closed"
			    : age > 30     ? "rectifying"
			    : age > 5      ? "controlling"
					   : "opened";
	int n = (int)(lcg(m) % 6);
	params p = {0};
	int64_t id;
	p_str(&p, m->c->now), p_int(&p, sample), p_str(&p, kind), p_int(&p, juris);
	p_str(&p, ent ? NULL : (sp->far >= 0 ? far_producers[sp->far][0] : NULL));
	p_str(&p, sp->far >= 0 && strcmp(kind, "business") ? far_producers[sp->far][2] : NULL), p_str(&p, open_s),
		p_str(&p, due), p_str(&p, state);
	p_str(&p, strcmp(state, "opened") && !notification ? "责令下架、封存同批次产品，暂停销售" : NULL);
	p_str(&p, !strcmp(state, "rectifying") || !strcmp(state, "closed") ? causes[n] : NULL);
	p_str(&p, !strcmp(state, "rectifying") || !strcmp(state, "closed") ? "已召回同批次产品并登记销毁" : NULL);
	p_str(&p, !strcmp(state, "closed") ? "已完善进货查验和出厂检验记录，复查合格" : NULL);
	p_str(&p, !strcmp(state, "closed") ? "整改到位，已结案" : NULL);
	p_str(&p, notification && strcmp(state, "opened") ? "标称生产者所在地市场监督管理局" : NULL);
	p_str(&p, notification && strcmp(state, "opened") ? open_s : NULL),
		p_str(&p, cancelled ? "复检合格 / re-test conforming" : NULL);
	p_int(&p, !strcmp(sp->kind, "supervision"));
	if (run(m->d,
		"INSERT INTO disposals (created_at, sample_id, kind, jurisdiction_id, target_name, target_region, opened_on, due_on, state,"
		" measures, cause, recall, rectification, outcome, notified_to, notified_on, cancel_reason, enforcement_basis)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		&p, &id) != DB_OK)
		return -1;
	if (ent) {
		p_int(&p, ent), p_int(&p, id);
		if (run(m->d, "UPDATE disposals SET enterprise_id = ? WHERE id = ?", &p, NULL) != DB_OK)
			return -1;
	}
	m->disposals++;
	if (!strcmp(state, "opened") || !strcmp(state, "controlling") || !strcmp(state, "rectifying"))
		return open_dl(m, "disposals", id, "disposal_due", "disposal", "disposal", opened);
	return DB_OK;
}

static int demo_disposals(demo *m, int64_t sample, const sample_plan *sp, date_days notified, int cancelled)
{
	int stalled = m->failed % 6 == 5;
	int rc = insert_disposal(m, sample, sp, "business", m->juris[sp->dist], sp->enterprise, notified, stalled,
				 cancelled);
	if (rc == DB_OK && sp->far >= 0)
		rc = insert_disposal(m, sample, sp, "notification", m->city, 0, notified, 0, cancelled);
	else if (rc == DB_OK && sp->producer && sp->producer != sp->enterprise) {
		int64_t pj = food_query_int(m->d, "SELECT jurisdiction_id FROM enterprises WHERE id = ?", sp->producer,
					    m->juris[sp->dist]);
		rc = insert_disposal(m, sample, sp, "producer", pj, sp->producer, notified, 0, cancelled);
	}
	return rc;
}

/* A 复检 applied for within the window; concluded when its dates have passed. */
static int demo_retest(demo *m, int64_t sample, const sample_plan *sp, const stages *st, int pass, int *concluded)
{
	date_days applied = add_wd(m, st->at[6], 2 + (int)(lcg(m) % 4)), accepted = add_wd(m, applied, 2),
		  drawn = add_wd(m, accepted, 2);
	date_days backup = add_wd(m, drawn, 2), done = add_wd(m, backup, 6 + (int)(lcg(m) % 3));
	*concluded = 0;
	if (!happened(m, applied))
		return DB_OK;
	const char *state = happened(m, done)       ? "concluded"
			    : happened(m, backup)   ? "testing"
			    : happened(m, drawn)    ? "lab_drawn"
			    : happened(m, accepted) ? "accepted"
						    : "applied";
	*concluded = !strcmp(state, "concluded");
	int64_t lab = food_query_int(
		m->d,
		"SELECT unit_id FROM food_labs WHERE retest_listed = 1 AND deleted = 0 AND unit_id <> ? ORDER BY unit_id DESC LIMIT 1",
		sp->lab, 0);
	char a[11], b[11], bk[11];
	day_text(applied, a), day_text(applied, b), day_text(backup, bk);
	params p = {0};
	int64_t id;
	p_str(&p, m->c->now), p_int(&p, sample), p_int(&p, sp->enterprise), p_str(&p, a), p_str(&p, b),
		p_str(&p, state), p_int(&p, 200000);
	p_str(&p, strcmp(state, "applied") && strcmp(state, "accepted") ? "演示数据：在名录中随机抽取（初检机构除外）"
									: NULL);
	if (strcmp(state, "applied") && strcmp(state, "accepted"))
		p_int(&p, lab);
	else
		p_str(&p, NULL);
	p_str(&p, !strcmp(state, "testing") || *concluded ? bk : NULL);
	p_str(&p, *concluded ? (pass ? "pass" : "fail") : NULL),
		p_str(&p, *concluded ? (pass ? "regulator" : "applicant") : NULL);
	p_str(&p, *concluded ? (pass ? "复检结果符合标准要求" : "复检结果仍不符合标准要求") : NULL);
	p_fmt(&p, "FJ-%lld", (long long)sample), p_int(&p, m->juris[sp->dist]);
	if (run(m->d,
		"INSERT INTO retests (created_at, sample_id, applicant_id, applied_on, received_on, state, fee, fee_paid, late, draw_note,"
		" retest_lab_id, backup_received_on, retest_conclusion, fee_borne_by, retest_result, retest_report_no, jurisdiction_id)"
		" VALUES (?,?,?,?,?,?,?,1,0,?,?,?,?,?,?,?,?) RETURNING id",
		&p, &id) != DB_OK)
		return -1;
	m->retested++;
	if (*concluded) {
		p_str(&p, pass ? "pass" : "fail"), p_str(&p, pass ? "pass" : "fail"), p_int(&p, sample);
		return run(m->d, "UPDATE samples SET retest_conclusion = ?, final_conclusion = ? WHERE id = ?", &p,
			   NULL);
	}
	if (!strcmp(state, "applied"))
		return open_dl(m, "retests", id, "accept_due", "applied", "retest_accept", applied);
	if (!strcmp(state, "testing"))
		return open_dl(m, "retests", id, "retest_report_due", "testing", "retest_report", backup);
	return DB_OK;
}

/* ---- putting one sample together ---- */

static int conclude_sample(demo *m, int64_t id, const sample_plan *sp, const stages *st, int fail, const char *note)
{
	const char *concl = fail ? "fail" : "pass";
	char keep[11] = "", window[11] = "", objection[11] = "";
	if (st->reached >= 4) {
		char approved[11];
		day_text(st->at[4], approved);
		food_rule_due(m->d, fail ? "backup_fail" : "backup_pass", approved, keep, NULL);
	}
	if (st->reached >= 6 && fail) {
		char served[11];
		day_text(st->at[6], served);
		food_rule_due(m->d, "retest_apply", served, window, NULL);
		food_rule_due(m->d, "objection_result", served, objection, NULL);
	}
	params p = {0};
	p_str(&p, concl), p_str(&p, concl), p_str(&p, note), p_str(&p, keep[0] ? keep : NULL);
	p_str(&p, window[0] && !strcmp(sp->kind, "supervision") ? window : NULL),
		p_str(&p, objection[0] ? objection : NULL), p_int(&p, id);
	return run(
		m->d,
		"UPDATE samples SET conclusion = ?, final_conclusion = ?, conclusion_note = ?, backup_keep_until = ?, retest_deadline = ?,"
		" objection_deadline = ? WHERE id = ?",
		&p, NULL);
}

static int choose_fail(demo *m, const judged_item *items, int n)
{
	int ok[32], k = 0;
	for (int i = 0; i < n; i++)
		if (items[i].lim->status && strcmp(items[i].lim->status, "U") &&
		    strcmp(items[i].lim->comparator, "ge") && strcmp(items[i].lim->comparator, "gt"))
			ok[k++] = i;
	return k ? ok[lcg(m) % (unsigned)k] : -1;
}

static int demo_results(demo *m, int64_t id, const sample_plan *sp, const food_cat *food, const stages *st,
			int want_fail, int *failed, char *note, size_t nn)
{
	judged_item items[32];
	char on[11], list[1024] = "";
	day_text(sp->sampled, on);
	int n = items_for(m, food, on, items, 32);
	if (n < 0)
		return -1;
	size_t w = 0;
	for (int i = 0; i < n; i++)
		w += (size_t)snprintf(list + w, sizeof list - w, "%s%s", w ? "," : "", items[i].an->code);
	params p = {0};
	p_str(&p, list), p_int(&p, id);
	if (run(m->d, "UPDATE samples SET items = ? WHERE id = ?", &p, NULL) != DB_OK)
		return -1;
	*failed = 0;
	note[0] = 0;
	if (st->reached < 3)
		return 0;
	int bad = want_fail ? choose_fail(m, items, n) : -1;
	size_t nw = 0;
	for (int i = 0; i < n; i++) {
		item_value iv;
		int verdict;
		make_value(m, items[i].lim, i == bad, (m->samples + i) % 17 == 0, &iv);
		if (insert_result(m, id, sp->lab, on, food, &items[i], &iv, st->at[3], &verdict) != DB_OK)
			return -1;
		if (verdict == FV_FAIL) {
			*failed = 1;
			char text[96];
			food_limit_text(items[i].lim, text, sizeof text);
			nw += (size_t)snprintf(note + nw, nn > nw ? nn - nw : 0, "%s%s %s %s（标准指标 %s %s，%s-%s）",
					       nw ? "；" : "", items[i].an->name, iv.value, iv.unit, text,
					       items[i].lim->unit, items[i].lim->standard, items[i].lim->edition);
		}
	}
	return 0;
}

static void plan_sample(demo *m, int cat, int dist, int64_t slot, int per_line, sample_plan *sp)
{
	static const char *const links[] = {"production", "distribution", "distribution", "distribution", "catering"};
	sp->cat = cat, sp->dist = dist;
	sp->lab = cat % 4 == 3 ? m->lab2 : m->lab;
	sp->link = links[(cat + dist) % 5];
	sp->kind = lcg(m) % 20 == 0 ? "risk_monitoring" : "supervision";
	/* spread the line's samples over the year, on working days */
	date_days span = m->today - 1 - m->start;
	date_days d = m->start + (span * slot) / (per_line ? per_line : 1) + (date_days)(lcg(m) % 9);
	if (d >= m->today)
		d = m->today - 1;
	while (!wd_is_workday(m->cal, d, NULL) && d > m->start)
		d--;
	sp->sampled = d;
	char list[200];
	snprintf(list, sizeof list, "%s", categories[cat].foods);
	int nfoods = 1;
	for (char *q = list; *q; q++)
		nfoods += *q == ',';
	sp->food_index = (int)(lcg(m) % (unsigned)nfoods);
	int e = pick_enterprise(m, dist, !strcmp(sp->link, "production") ? 1 : !strcmp(sp->link, "catering") ? 2 : 0);
	sp->enterprise = m->ents[e * 3];
	sp->far = -1, sp->producer = 0;
	if (!strcmp(sp->link, "production"))
		sp->producer = sp->enterprise;
	else if (lcg(m) % 3 == 0)
		sp->far = (int)(lcg(m) % (sizeof far_producers / sizeof far_producers[0]));
	else
		sp->producer = m->ents[pick_enterprise(m, (int)(lcg(m) % NDIST), 1) * 3];
}

static const food_cat *food_of(demo *m, int cat, int index)
{
	char list[200];
	snprintf(list, sizeof list, "%s", categories[cat].foods);
	char *save = NULL, *t = strtok_r(list, ",", &save);
	for (int i = 0; t && i < index; i++)
		t = strtok_r(NULL, ",", &save);
	return food_cat_by_code(m->rs, t ? t : "rice");
}

static int demo_one(demo *m, int cat, int dist, int64_t slot, int per_line)
{
	sample_plan sp;
	plan_sample(m, cat, dist, slot, per_line, &sp);
	const food_cat *food = food_of(m, cat, sp.food_index);
	if (!food)
		return -1;
	int want_fail = lcg(m) % 1000 < 30;
	stages st;
	plan_stages(m, sp.sampled, want_fail, &st);
	int64_t id;
	if (insert_sample(m, &sp, food, &st, &id) != DB_OK)
		return -1;
	m->samples++;
	int failed = 0;
	char note[1024];
	if (demo_results(m, id, &sp, food, &st, want_fail, &failed, note, sizeof note) != 0)
		return -1;
	if (st.reached >= 3 && conclude_sample(m, id, &sp, &st, failed, note) != DB_OK)
		return -1;
	if (sample_deadline(m, id, &st, failed) != DB_OK)
		return -1;
	if (!failed || st.reached < 5)
		return 0;
	m->failed++;
	int retest_pass = 0, concluded = 0;
	if (st.reached >= 6 && !strcmp(sp.kind, "supervision") && m->failed % 5 == 1) {
		retest_pass = m->failed % 15 == 1;
		if (demo_retest(m, id, &sp, &st, retest_pass, &concluded) != DB_OK)
			return -1;
		/* a sample with an open 复检 is not closed */
		if (!concluded) {
			params p = {0};
			p_int(&p, id);
			if (run(m->d, "UPDATE samples SET state = 'served' WHERE id = ? AND state = 'closed'", &p,
				NULL) != DB_OK)
				return -1;
		}
	}
	return demo_disposals(m, id, &sp, st.at[5], concluded && retest_pass);
}

/* ---- monthly announcements ---- */

static int demo_publications(demo *m)
{
	int y, mo, dd;
	date_to_ymd(m->start, &y, &mo, &dd);
	for (int k = 0, no = 0; k < 13; k++, mo = mo % 12 + 1, y += mo == 1) {
		date_days first, last;
		if (date_from_ymd(y, mo, 1, &first) != DATE_OK)
			return -1;
		last = first + date_days_in_month(y, mo) - 1;
		date_days pub = last + 25;
		if (pub >= m->today || last < m->start)
			continue;
		char a[11], b[11], pd[11];
		day_text(first, a), day_text(last, b), day_text(pub, pd);
		params p = {0};
		int64_t id;
		p_str(&p, m->c->now), p_fmt(&p, "包质监食抽〔%d〕%d号", y, ++no),
			p_fmt(&p, "包头市%d年%d月食品安全监督抽检信息通告", y, mo);
		p_str(&p, a), p_str(&p, b), p_str(&p, pd);
		if (run(m->d,
			"INSERT INTO publications (created_at, announcement_no, title, issuer, period_from, period_to, published_on, state)"
			" VALUES (?,?,?,'包头市质量技术监督局',?,?,?,'published') RETURNING id",
			&p, &id) != DB_OK)
			return -1;
		char before[24];
		snprintf(before, sizeof before, "%sT23:59:59Z", pd);
		p_int(&p, id), p_str(&p, a), p_str(&p, b), p_str(&p, before);
		if (run(m->d,
			"UPDATE samples SET publication_id = ? WHERE deleted = 0 AND kind = 'supervision' AND state IN ('served', 'closed')"
			" AND final_conclusion IN ('pass', 'fail') AND publication_id IS NULL AND sampled_on >= ? AND sampled_on <= ? AND served_at <= ?"
			" AND id NOT IN (SELECT sample_id FROM retests WHERE state <> 'concluded' AND state <> 'rejected')",
			&p, NULL) != DB_OK)
			return -1;
		p_int(&p, id), p_int(&p, id);
		if (run(m->d,
			"UPDATE publications SET sample_count = (SELECT COUNT(*) FROM samples WHERE publication_id = ?) WHERE id = ?",
			&p, NULL) != DB_OK)
			return -1;
	}
	return 0;
}

static int demo_all(demo *m)
{
	if (demo_org(m) != 0 || demo_plan(m, date_year(m->today)) != 0)
		return -1;
	for (int k = 0; k < NCAT; k++)
		for (int d = 0; d < NDIST; d++) {
			int per_line = categories[k].batches / NDIST;
			int done = per_line - (int)(lcg(m) % 2);
			for (int s = 0; s < done; s++)
				if (demo_one(m, k, d, s, per_line) != 0)
					return -1;
		}
	return demo_publications(m);
}

int food_demo_data(zj_ctx *c, FILE *report)
{
	if (db_query_int(c->db, "SELECT COUNT(*) FROM samples", 0, NULL, 0) > 0)
		return 0;
	demo m = {.c = c, .d = c->db, .seed = 20130316};
	if (date_parse(c->today, &m.today) != DATE_OK)
		return -1;
	m.start = m.today - 365;
	m.rs = food_refset_load(c->db);
	m.cal = calendar_load(c->db);
	if (!m.rs || !m.cal || db_begin(c->db) != DB_OK) {
		food_refset_free(m.rs), calendar_free(m.cal);
		return -1;
	}
	int rc = demo_all(&m);
	if (rc == 0 && db_commit(c->db) != DB_OK)
		rc = -1;
	if (rc != 0)
		db_rollback(c->db);
	else if (report)
		fprintf(report,
			"food demo: 1 budget (3,160,000 yuan), 1 plan, %d tasks, %d samples (%d failed, %d re-tested), %d disposal tasks;"
			" lab reviewer 'reviewer' (same password as 'analyst')\n",
			NCAT * NDIST, m.samples, m.failed, m.retested, m.disposals);
	food_refset_free(m.rs), calendar_free(m.cal), free(m.ents);
	return rc;
}
