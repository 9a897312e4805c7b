/* test_food_chain.c — the food area through the core's API (crud_create,
 * workflow_transition, io_import, actions, public endpoints, widgets)
 * against a real SQLite file with a test clock: idempotent seeding, a
 * budget that is never silently exceeded, edited limits reaching the
 * lookup, the sampling deadlines of DOMAIN.md §11.3 on the working-day
 * calendar of §10 (worked examples of §10.6), and the chain plan → task →
 * sample → results (entered and imported) → verdict → report approved by a
 * second person → disposal → 复检 → publication, with nothing unpublished
 * reaching the public endpoint. Dates are worked by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/crud.h"
#include "core/io.h"
#include "core/migrate.h"
#include "core/workflow.h"
#include "lib/uscc.h"
#include "modules/food/food.h"
#include "modules/duties.h"
#include "modules/modules.h"
#include "lib/xalloc.h"

static db *d;
static char path[64], clockfile[64];
static zj_user *lab1, *lab2, *sup, *director;
static int64_t biz, producer, rice, task, lab_food, lab_other;

static void set_clock(const char *iso)
{
	FILE *f = fopen(clockfile, "w");
	fputs(iso, f);
	fclose(f);
}

static int64_t q1(const char *sql, const char *a)
{
	const char *p[] = {a};
	return db_query_int(d, sql, a ? 1 : 0, p, -1);
}

static int64_t qi(const char *sql, int64_t a)
{
	char t[24];
	snprintf(t, sizeof t, "%lld", (long long)a);
	return q1(sql, t);
}

/* text of one column of one row: caller frees */
static char *qs(const char *sql, int64_t a)
{
	db_stmt *s;
	char *r = NULL;
	if (db_prepare(d, sql, &s) == DB_OK) {
		db_bind_int(s, 1, a);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			r = xstrdup(db_col_text(s, 0));
		db_finalize(s);
	}
	return r;
}

static void assert_col(const char *sql, int64_t a, const char *expect)
{
	char *v = qs(sql, a);
	if (!expect) {
		assert_null(v);
		return;
	}
	assert_non_null(v);
	assert_string_equal(v, expect);
	free(v);
}

static zj_user *user(const char *username, const char *roles, const char *unit)
{
	char sql[400];
	snprintf(
		sql, sizeof sql,
		"INSERT INTO users (username, name, unit_id, jurisdiction_id, roles) SELECT '%s', '%s', u.id, u.jurisdiction_id, '%s'"
		" FROM units u WHERE u.code = '%s'",
		username, username, roles, unit);
	assert_int_equal(db_exec(d, sql), DB_OK);
	assert_int_equal(duty_sync_from_lists(d), DB_OK); /* membership is the join table */
	zj_user *u = xcalloc(1, sizeof *u);
	assert_int_equal(auth_load_user(d, q1("SELECT id FROM users WHERE username = ?", username), u), 0);
	return u;
}

static int64_t enterprise(const char *name, const char *div8, const char *org, const char *kinds)
{
	zj_ctx c;
	ctx_init(&c, d);
	char code[19];
	struct uscc_error ue;
	assert_int_equal(uscc_make(div8, org, code, &ue), 0);
	json_t *b = json_pack("{s:s, s:s, s:[s]}", "name", name, "uscc", code, "kinds", kinds), *out;
	assert_int_equal(crud_create(&c, &ent_enterprises, b, &out), 201);
	int64_t id = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	return id;
}

static int setup(void **st)
{
	snprintf(path, sizeof path, "/tmp/zj-food-%d.db", getpid());
	snprintf(clockfile, sizeof clockfile, "/tmp/zj-food-clock-%d", getpid());
	unlink(path);
	setenv("ZJ_TEST_CLOCK", clockfile, 1);
	set_clock("2026-02-09T02:00:00Z"); /* Monday 2026-02-09, 10:00 in Beijing */
	char err[256];
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	modules_register();
	int n;
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(org_seed(&c), DB_OK);
	assert_int_equal(food_seed(&c), DB_OK);
	lab1 = user("lab1", "lab_analyst", "BTFOOD");
	lab2 = user("lab2", "lab_analyst", "BTFOOD");
	sup = user("sup", "food_supervisor", "BTQTS");
	director = user("boss", "director", "BTQTS");
	biz = enterprise("昆区测试超市", "91150203", "10000001", "distributor");
	producer = enterprise("东河测试米业", "91150202", "10000002", "producer");
	rice = q1("SELECT id FROM food_categories WHERE code = ?", "rice");
	lab_food = q1("SELECT id FROM units WHERE code = ?", "BTFOOD");
	lab_other = q1("SELECT id FROM units WHERE code = ?", "BTLAB1");
	return 0;
}

static int teardown(void **st)
{
	auth_user_free(lab1), auth_user_free(lab2), auth_user_free(sup), auth_user_free(director);
	db_close(d);
	unlink(path);
	unlink(clockfile);
	return 0;
}

static int has_error(json_t *problem, const char *field, const char *code)
{
	size_t i;
	json_t *e;
	json_array_foreach (json_object_get(problem, "errors"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "field")), field) &&
		    !strcmp(json_string_value(json_object_get(e, "code")), code))
			return 1;
	return 0;
}

/* ---- seeding ---- */

static void test_seed_is_idempotent(void **st)
{
	food_refset *rs = food_refset_builtin();
	int64_t limits = q1("SELECT COUNT(*) FROM food_limits", NULL),
		cats = q1("SELECT COUNT(*) FROM food_categories", NULL);
	/* every shipped line, expanded per edition and category, is in the table */
	assert_int_equal(limits, rs->nlimits);
	assert_int_equal(cats, food_ncat_seeds);
	food_refset_free(rs);
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(food_seed(&c), DB_OK);
	assert_int_equal(q1("SELECT COUNT(*) FROM food_limits", NULL), limits);
	assert_int_equal(q1("SELECT COUNT(*) FROM food_categories", NULL), cats);
	assert_int_equal(q1("SELECT COUNT(*) FROM food_deadline_rules", NULL), food_ndeadline_seeds);
	/* the grants reached the roles */
	assert_true(ctx_can(&(zj_ctx){.user = lab1}, "results.create"));
	assert_true(ctx_can(&(zj_ctx){.user = sup}, "samples.t.serve"));
	assert_false(ctx_can(&(zj_ctx){.user = lab1}, "samples.t.serve"));
}

/* ---- reference data edited in the database reaches the lookup ---- */

static void test_edited_limits_reach_the_lookup(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	int64_t cran = q1("SELECT id FROM food_categories WHERE code = ?", "cranberry"),
		pb = q1("SELECT id FROM food_analytes WHERE code = ?", "pb");
	food_lookup lk;
	assert_int_equal(food_limit_lookup(food_refset_current(d), cran, pb, "2025-06-01", &lk), FL_EXCLUDED);
	/* an admin adds a line for 蔓越莓 (F7 excludes it from 新鲜水果) */
	json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s}", "standard", "GB 2762", "edition",
			      "2022", "clause", "4.1 表1", "effective_from", "2023-06-30", "category_id",
			      (json_int_t)cran, "analyte_id", (json_int_t)pb, "comparator", "le", "value", "0.2",
			      "unit", "mg/kg", "status", "U"),
	       *out;
	assert_int_equal(crud_create(&c, &ent_food_limits, b, &out), 201);
	assert_string_equal(food_str(out, "code"), "GB 2762-2022/cranberry/pb");
	assert_string_equal(food_str(out, "method"), "full");
	int64_t id = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	assert_int_equal(food_limit_lookup(food_refset_current(d), cran, pb, "2025-06-01", &lk), FL_FOUND);
	assert_int_equal(lk.depth, 0);
	/* bad rows are refused field by field */
	b = json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "standard", "X", "edition", "1",
		      "effective_from", "2025-01-01", "category_id", (json_int_t)cran, "analyte_id", (json_int_t)pb,
		      "comparator", "range", "value", "1", "unit", "furlong", "exclusions", "nosuch", "effective_to",
		      "2024-01-01");
	assert_int_equal(crud_create(&c, &ent_food_limits, b, &out), 422);
	assert_true(has_error(c.problem, "unit", "check"));
	assert_true(has_error(c.problem, "value_hi", "required"));
	assert_true(has_error(c.problem, "effective_to", "check"));
	assert_true(has_error(c.problem, "exclusions", "ref"));
	ctx_clear(&c);
	json_decref(b);
	/* soft-deleting it brings the exclusion back */
	assert_int_equal(crud_delete(&c, &ent_food_limits, id, 1), 204);
	assert_int_equal(food_limit_lookup(food_refset_current(d), cran, pb, "2025-06-01", &lk), FL_EXCLUDED);
	/* a food with no category is refused */
	b = json_pack("{s:s, s:s, s:s}", "code", "orphan", "name", "无类食品", "level", "food");
	assert_int_equal(crud_create(&c, &ent_food_categories, b, &out), 422);
	assert_true(has_error(c.problem, "parent_id", "required"));
	ctx_clear(&c);
	json_decref(b);
}

/* ---- deadlines on the working-day calendar ---- */

static void assert_due(const char *rule, const char *start, const char *expect)
{
	char due[11];
	assert_int_equal(food_rule_due(d, rule, start, due, NULL), 0);
	assert_string_equal(due, expect);
}

static void test_deadlines_on_the_calendar(void **st)
{
	/* DOMAIN.md §10.6 worked examples, start day not counted:
	 * 2025-04-30 + 5 WD (F2 delivery) = 2025-05-12 (05-01..05 off);
	 * 2024-02-08 + 7 WD (F10 复检) = 2024-02-23; 2026-02-12 + 7 WD = 2026-02-28 (make-up Saturday). */
	assert_due("delivery", "2025-04-30", "2025-05-12");
	assert_due("retest_apply", "2024-02-08", "2024-02-23");
	assert_due("retest_apply", "2026-02-12", "2026-02-28");
	/* F3: 20 WD from 2026-02-09: 02-10..13, 14 (make-up), 24..27, 28 (make-up), 03-02..06, 09..13 → 2026-03-13 */
	assert_due("report", "2026-02-09", "2026-03-13");
	/* F24: 90 calendar days from 2026-02-12: 02-28 is day 16, 03-31 day 47, 04-30 day 77 → 2026-05-13 */
	assert_due("disposal", "2026-02-12", "2026-05-13");
	/* F5: 6 months from 2026-08-31 ends on 2027-02-28 (民法典 Art. 202) */
	assert_due("backup_fail", "2026-08-31", "2027-02-28");
	/* F9 is [U] (5 or 7 WD): an admin sets it; 2026-02-12 + 7 WD = 2026-02-28 */
	zj_ctx c;
	ctx_init(&c, d);
	int64_t id = q1("SELECT id FROM food_deadline_rules WHERE code = ?", "serve");
	assert_due("serve", "2026-02-12", "2026-02-26");
	json_t *b = json_pack("{s:i}", "n", 7), *out;
	assert_int_equal(crud_update(&c, &ent_food_deadline_rules, id, 1, b, &out), 200);
	json_decref(b), json_decref(out);
	assert_due("serve", "2026-02-12", "2026-02-28");
	b = json_pack("{s:i}", "n", 5);
	assert_int_equal(crud_update(&c, &ent_food_deadline_rules, id, 2, b, &out), 200);
	json_decref(b), json_decref(out);
}

/* ---- budget, plan, task ---- */

static void test_budget_is_never_silently_exceeded(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	json_t *b = json_pack("{s:s, s:s, s:i, s:I}", "code", "B-T", "name", "测试经费", "year", 2026, "amount",
			      (json_int_t)100000),
	       *out;
	assert_int_equal(crud_create(&c, &ent_food_budgets, b, &out), 201);
	int64_t budget = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	b = json_pack("{s:s, s:s, s:i, s:s, s:I}", "code", "P-T", "name", "测试计划", "year", 2026, "kind", "annual",
		      "budget_id", (json_int_t)budget);
	assert_int_equal(crud_create(&c, &ent_food_plans, b, &out), 201);
	int64_t plan = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	int64_t cereals = q1("SELECT id FROM food_categories WHERE code = ?", "cereals"),
		kdl = q1("SELECT id FROM jurisdictions WHERE code = ?", "150203");
	/* 10 batches × 90.00 yuan = 900.00 of 1,000.00 */
	b = json_pack("{s:I, s:I, s:I, s:s, s:i, s:i}", "plan_id", (json_int_t)plan, "category_id", (json_int_t)cereals,
		      "jurisdiction_id", (json_int_t)kdl, "link", "distribution", "batches", 10, "cost_per_batch",
		      9000);
	assert_int_equal(crud_create(&c, &ent_plan_items, b, &out), 201);
	assert_int_equal(food_id_of(out, "subtotal"), 90000);
	int64_t item = food_id_of(out, "id");
	json_decref(out);
	/* a second line of 2 × 90.00 would make 1,080.00 > 1,000.00: refused with the figures */
	json_object_set_new(b, "batches", json_integer(2));
	assert_int_equal(crud_create(&c, &ent_plan_items, b, &out), 422);
	assert_true(has_error(c.problem, "cost_per_batch", "budget"));
	ctx_clear(&c);
	json_decref(b);
	/* nor can the budget drop below what is planned */
	b = json_pack("{s:I}", "amount", (json_int_t)50000);
	assert_int_equal(crud_update(&c, &ent_food_budgets, budget, 1, b, &out), 422);
	assert_true(has_error(c.problem, "amount", "budget"));
	ctx_clear(&c);
	json_decref(b);
	assert_int_equal(workflow_transition(&c, &ent_food_plans, plan, "submit", -1, NULL, &out), 200);
	assert_int_equal(food_id_of(out, "planned_cost"), 90000);
	json_decref(out);
	assert_int_equal(workflow_transition(&c, &ent_food_plans, plan, "approve", -1, NULL, &out), 200);
	json_decref(out);
	/* tasks: quotas never exceed the line's batches */
	b = json_pack("{s:s, s:I, s:I, s:I, s:I, s:i}", "code", "T-T", "plan_id", (json_int_t)plan, "plan_item_id",
		      (json_int_t)item, "sampling_unit_id",
		      (json_int_t)q1("SELECT id FROM units WHERE code = ?", "BTQTS-KDL"), "lab_unit_id",
		      (json_int_t)lab_food, "quota", 11);
	assert_int_equal(crud_create(&c, &ent_sampling_tasks, b, &out), 422);
	assert_true(has_error(c.problem, "quota", "range"));
	ctx_clear(&c);
	json_object_set_new(b, "quota", json_integer(10));
	assert_int_equal(crud_create(&c, &ent_sampling_tasks, b, &out), 201);
	task = food_id_of(out, "id");
	assert_int_equal(food_id_of(out, "category_id"), cereals); /* copied from the plan line */
	json_decref(b), json_decref(out);
	assert_int_equal(workflow_transition(&c, &ent_sampling_tasks, task, "issue", -1, NULL, &out), 200);
	json_decref(out);
}

/* ---- the chain ---- */

static int as(zj_user *u, zj_ctx *c)
{
	ctx_init(c, d);
	c->user = u;
	return 0;
}

static int step(zj_user *u, const entity_def *e, int64_t id, const char *name, json_t *body)
{
	zj_ctx c;
	as(u, &c);
	json_t *out = NULL;
	int st = workflow_transition(&c, e, id, name, -1, body, &out);
	json_decref(out), json_decref(body);
	if (st != 200 && c.problem) {
		char *p = json_dumps(c.problem, 0);
		fprintf(stderr, "  %s %s: %d %s\n", e->name, name, st, p);
		free(p);
	}
	ctx_clear(&c);
	return st;
}

static int64_t new_sample(const char *kind, const char *items)
{
	zj_ctx c;
	as(NULL, &c);
	json_t *b = json_pack("{s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "task_id", (json_int_t)task,
			      "link", "distribution", "enterprise_id", (json_int_t)biz, "food_id", (json_int_t)rice,
			      "product_name", "鹿城牌大米", "sampled_at", "2026-02-09T01:00:00Z", "producer_name",
			      "石家庄华冀食品有限公司", "producer_division", "130100", "expiry_date", "2026-05-01",
			      "production_date", "2026-01-20", "kind", kind),
	       *out;
	if (items)
		json_object_set_new(b, "items", json_string(items));
	assert_int_equal(crud_create(&c, &ent_samples, b, &out), 201);
	int64_t id = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	return id;
}

static void custody(int64_t id, int64_t lab)
{
	assert_int_equal(step(NULL, &ent_samples, id, "deliver",
			      json_pack("{s:s, s:I}", "delivered_at", "2026-02-09T01:30:00Z", "lab_unit_id",
					(json_int_t)lab)),
			 200);
	zj_user *u = lab == lab_food ? lab1 : NULL;
	assert_int_equal(step(u, &ent_samples, id, "receive",
			      json_pack("{s:s}", "received_at", "2026-02-09T01:45:00Z")),
			 200);
}

static int result(zj_user *u, int64_t sample, const char *item, const char *value, const char *unit, const char *lod,
		  json_t **problem)
{
	zj_ctx c;
	as(u, &c);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s}", "sample_id", (json_int_t)sample, "item", item, "value", value,
			      "unit", unit),
	       *out = NULL;
	if (lod)
		json_object_set_new(b, "lod", json_string(lod));
	int st = crud_create(&c, &ent_results, b, &out);
	json_decref(b), json_decref(out);
	if (problem)
		*problem = c.problem ? json_incref(c.problem) : NULL;
	ctx_clear(&c);
	return st;
}

static void report_and_approve(int64_t id)
{
	assert_int_equal(step(lab1, &ent_samples, id, "submit_report",
			      json_pack("{s:s, s:s}", "report_no", "BTFOOD-2026-R", "tested_at",
					"2026-02-09T01:50:00Z")),
			 200);
	assert_int_equal(step(lab2, &ent_samples, id, "approve", NULL), 200);
}

static int64_t sample_a, sample_b, sample_c, sample_d;

static void test_sample_custody_and_results(void **st)
{
	set_clock("2026-02-09T02:00:00Z");
	sample_a = new_sample("supervision", "pb,cd,afb1");
	/* code generated; 2026-02-09 + 5 WD = 2026-02-14 (02-10..13, 02-14 make-up Saturday) — F2 */
	assert_col("SELECT code FROM samples WHERE id = ?", sample_a, "SP2026000001");
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'samples' AND entity_id = CAST(? AS TEXT) AND kind = 'delivery_due'",
		sample_a, "2026-02-14");
	/* the items default from the templates up the chain: 大米 ← 谷物碾磨加工品 ← 谷物及其制品 */
	int64_t other = new_sample("supervision", NULL);
	assert_col("SELECT items FROM samples WHERE id = ?", other, "pb,cd,cr,hg,inorg_as,afb1,bap");
	/* a hand-over before the sampling is out of order: 422 naming the field */
	zj_ctx c;
	as(NULL, &c);
	json_t *out;
	json_t *b =
		json_pack("{s:s, s:I}", "delivered_at", "2026-02-08T23:00:00Z", "lab_unit_id", (json_int_t)lab_food);
	assert_int_equal(workflow_transition(&c, &ent_samples, sample_a, "deliver", -1, b, &out), 422);
	assert_true(has_error(c.problem, "delivered_at", "order"));
	ctx_clear(&c);
	json_decref(b);
	custody(sample_a, lab_food);
	/* F3: report due 20 WD after receipt = 2026-03-13 */
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'samples' AND entity_id = CAST(? AS TEXT) AND kind = 'report_due'",
		sample_a, "2026-03-13");
	json_t *problem;
	assert_int_equal(result(lab1, sample_a, "铅(以Pb计)", "0.35", "mg/kg", NULL, NULL), 201);
	assert_col("SELECT verdict FROM results WHERE sample_id = ? AND item = '铅(以Pb计)'", sample_a, "fail");
	/* the limit's texts as read: the row's form (compact storage, docs/food.md §11) */
	assert_col("SELECT " FOOD_RESULT_TEXT(
			   "r", "limit_text") " FROM results r WHERE sample_id = ? AND item = '铅(以Pb计)'",
		   sample_a, "≤0.2 mg/kg");
	assert_col("SELECT " FOOD_RESULT_TEXT(
			   "r", "standard_ref") " FROM results r WHERE sample_id = ? AND item = '铅(以Pb计)'",
		   sample_a, "GB 2762-2022 4.1 表1");
	assert_col("SELECT trace FROM results WHERE sample_id = ? AND item = '铅(以Pb计)'", sample_a, NULL);
	/* bad input: each a 422 naming the field */
	assert_int_equal(result(lab1, sample_a, "毒死蜱", "0.01", "mg/kg", NULL, &problem), 422);
	assert_true(has_error(problem, "item", "check"));
	json_decref(problem);
	assert_int_equal(result(lab1, sample_a, "镉", "abc", "mg/kg", NULL, &problem), 422);
	assert_true(has_error(problem, "value", "type"));
	json_decref(problem);
	assert_int_equal(result(lab1, sample_a, "镉", "0.05", "mg/L", NULL, &problem), 422);
	assert_true(has_error(problem, "unit", "unit"));
	json_decref(problem);
	assert_int_equal(result(lab1, sample_a, "铅", "0.1", "mg/kg", NULL, &problem), 422);
	assert_true(has_error(problem, "item", "unique"));
	json_decref(problem);
	/* a LIMS file with two bad rows writes nothing and names both */
	char csv[600];
	char *code = qs("SELECT code FROM samples WHERE id = ?", sample_a);
	snprintf(
		csv, sizeof csv,
		"样品编号,检验项目,检测结果,单位,检出限\n%s,镉,0.05,mg/kg,\n%s,黄曲霉毒素B1,x,μg/kg,\n%s,毒死蜱,ND,mg/kg,\n",
		code, code, code);
	as(lab1, &c);
	json_t *res = NULL;
	assert_int_equal(io_import(&c, &ent_results, csv, strlen(csv), TAB_CSV, 0, 0, NULL, NULL, &res), 422);
	assert_int_equal(json_integer_value(json_object_get(res, "bad_rows")), 2);
	json_t *errs = json_object_get(res, "errors");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 0), "row")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 0), "field")), "value");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 1), "row")), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 1), "field")), "item");
	json_decref(res);
	assert_int_equal(qi("SELECT COUNT(*) FROM results WHERE sample_id = ?", sample_a), 1);
	/* the corrected file goes in whole; 1.77×10⁰ µg/kg (micro sign) is 1.77 μg/kg ≤ 10 */
	snprintf(csv, sizeof csv,
		 "样品编号,检验项目,检测结果,单位,检出限\n%s,镉,0.05,mg/kg,\n%s,黄曲霉毒素B1,1.77×10⁰,µg/kg,0.5\n",
		 code, code);
	assert_int_equal(io_import(&c, &ent_results, csv, strlen(csv), TAB_CSV, 0, 0, NULL, NULL, &res), 200);
	assert_int_equal(json_integer_value(json_object_get(res, "inserted")), 2);
	json_decref(res);
	free(code);
	assert_col(
		"SELECT judged_value FROM results WHERE sample_id = ? AND analyte_id = (SELECT id FROM food_analytes WHERE code = 'afb1')",
		sample_a, "1.77");
	/* the trace is served by the `trace` action */
	int64_t rid = qi("SELECT id FROM results WHERE sample_id = ? AND item = '铅(以Pb计)'", sample_a);
	const entity_action *a = entity_find_action(&ent_results, "trace", "GET", 1);
	action_result ar = {0};
	as(lab1, &c);
	assert_int_equal(a->fn(&c, &ent_results, rid, NULL, NULL, &ar), 200);
	json_t *lim = json_object_get(json_array_get(json_object_get(ar.json, "specifications"), 0), "limit");
	assert_string_equal(json_string_value(json_object_get(lim, "source_ref")), "GB 2762-2022 4.1 表1");
	json_decref(ar.json);
}

static int decide(zj_user *u, int64_t result_id, const char *verdict, const char *note);

/* GB 2761 rows are still to be verified against the standard's text: every
 * AFB1 item judged by one waits for a person (限量依据待核实), who confirms. */
static void confirm_afb1(int64_t sample)
{
	int64_t r = qi(
		"SELECT id FROM results WHERE sample_id = ? AND analyte_id = (SELECT id FROM food_analytes WHERE code = 'afb1')",
		sample);
	assert_col("SELECT needs_decision FROM results WHERE id = ?", r, "1");
	assert_int_equal(decide(lab2, r, "pass", "依据 GB 2761-2017 表1 核实限量后判定"), 200);
}

static void test_report_needs_a_second_person(void **st)
{
	confirm_afb1(sample_a);
	/* all items have results: the report issues with the conclusion non-conforming (any item fails) */
	assert_int_equal(step(lab1, &ent_samples, sample_a, "submit_report",
			      json_pack("{s:s, s:s}", "report_no", "R-A", "tested_at", "2026-02-09T01:50:00Z")),
			 200);
	assert_col("SELECT conclusion FROM samples WHERE id = ?", sample_a, "fail");
	char *note = qs("SELECT conclusion_note FROM samples WHERE id = ?", sample_a);
	assert_non_null(strstr(note, "铅 0.35 mg/kg"));
	free(note);
	/* results are frozen once the report is issued */
	json_t *problem;
	assert_int_equal(result(lab1, sample_a, "镉", "0.01", "mg/kg", NULL, &problem), 422);
	json_decref(problem);
	/* whoever submitted cannot approve; a second analyst can; return-to-step reopens the report clock */
	assert_int_equal(step(lab1, &ent_samples, sample_a, "approve", NULL), 409);
	assert_int_equal(step(lab2, &ent_samples, sample_a, "return",
			      json_pack("{s:s}", "review_note", "复核铅的前处理")),
			 200);
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'samples' AND entity_id = CAST(? AS TEXT) AND kind = 'report_due' AND closed_at IS NULL",
		sample_a, "2026-03-13");
	assert_int_equal(step(lab1, &ent_samples, sample_a, "submit_report",
			      json_pack("{s:s, s:s}", "report_no", "R-A", "tested_at", "2026-02-09T01:50:00Z")),
			 200);
	assert_int_equal(step(lab2, &ent_samples, sample_a, "approve", NULL), 200);
	/* F5: backup kept 6 months after a non-conforming conclusion (2026-08-09),
	 * but the shelf life ends 2026-05-01 */
	assert_col("SELECT backup_keep_until FROM samples WHERE id = ?", sample_a, "2026-05-01");
	/* F7: reported to the regulator within 2 WD of 2026-02-09 → 2026-02-11 */
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'samples' AND entity_id = CAST(? AS TEXT) AND kind = 'notify_due'",
		sample_a, "2026-02-11");
	/* a passing sample: F6 10 WD → 02-10..13, 14, 24..27, 28 = 2026-02-28 */
	sample_b = new_sample("supervision", "pb,cd,afb1");
	custody(sample_b, lab_food);
	assert_int_equal(result(lab1, sample_b, "铅", "0.1", "mg/kg", NULL, NULL), 201);
	assert_int_equal(result(lab1, sample_b, "镉", "0.05", "mg/kg", NULL, NULL), 201);
	/* missing items stop the report */
	assert_int_equal(step(lab1, &ent_samples, sample_b, "submit_report",
			      json_pack("{s:s, s:s}", "report_no", "R-B", "tested_at", "2026-02-09T01:50:00Z")),
			 409);
	assert_int_equal(result(lab1, sample_b, "AFB1", "ND", "μg/kg", "0.5", NULL), 201);
	confirm_afb1(sample_b);
	report_and_approve(sample_b);
	assert_col("SELECT conclusion FROM samples WHERE id = ?", sample_b, "pass");
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'samples' AND entity_id = CAST(? AS TEXT) AND kind = 'notify_due'",
		sample_b, "2026-02-28");
	/* a second failing sample, and one left approved (never served, never published) */
	sample_c = new_sample("supervision", "pb");
	custody(sample_c, lab_food);
	assert_int_equal(result(lab1, sample_c, "铅", "0.25", "mg/kg", NULL, NULL), 201);
	report_and_approve(sample_c);
	sample_d = new_sample("supervision", "pb");
	custody(sample_d, lab_food);
	assert_int_equal(result(lab1, sample_d, "铅", "0.05", "mg/kg", NULL, NULL), 201);
	report_and_approve(sample_d);
	/* a sample delivered to another lab is not this lab's to enter: outside its
	 * read scope, it cannot even be referenced (issue 11 §12) */
	int64_t e = new_sample("supervision", "pb");
	custody(e, lab_other);
	assert_int_equal(result(lab1, e, "铅", "0.05", "mg/kg", NULL, &problem), 422);
	assert_true(has_error(problem, "sample_id", "ref"));
	json_decref(problem);
}

static void test_failed_sample_disposal_and_retest(void **st)
{
	set_clock("2026-02-12T02:00:00Z"); /* Thursday */
	assert_int_equal(step(lab2, &ent_samples, sample_a, "notify",
			      json_pack("{s:s}", "notified_at", "2026-02-12T01:00:00Z")),
			 200);
	/* F9 [U]: served within 5 WD: 02-13, 14, 24, 25, 26 → 2026-02-26 */
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'samples' AND entity_id = CAST(? AS TEXT) AND kind = 'serve_due'",
		sample_a, "2026-02-26");
	/* F24: a task for the sampled business (昆都仑区) and, the producer being in
	 * 石家庄 (130100), a notification by the city; 90 days → 2026-05-13 */
	assert_int_equal(qi("SELECT COUNT(*) FROM disposals WHERE sample_id = ?", sample_a), 2);
	assert_col(
		"SELECT j.code FROM disposals t JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE t.sample_id = ? AND t.kind = 'business'",
		sample_a, "150203");
	assert_col(
		"SELECT j.code FROM disposals t JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE t.sample_id = ? AND t.kind = 'notification'",
		sample_a, "150200");
	assert_col("SELECT target_region FROM disposals WHERE sample_id = ? AND kind = 'notification'", sample_a,
		   "130100");
	assert_col("SELECT due_on FROM disposals WHERE sample_id = ? AND kind = 'business'", sample_a, "2026-05-13");
	assert_int_equal(step(sup, &ent_samples, sample_a, "serve",
			      json_pack("{s:s}", "served_at", "2026-02-12T01:30:00Z")),
			 200);
	/* F10, DOMAIN.md §10.6: 复检 may be applied for until 2026-02-12 + 7 WD = 2026-02-28 */
	assert_col("SELECT retest_deadline FROM samples WHERE id = ?", sample_a, "2026-02-28");
	assert_int_equal(step(sup, &ent_samples, sample_a, "close", NULL), 409);
	/* the same for C and B (B passes: no disposal, no 复检 window) */
	assert_int_equal(step(lab2, &ent_samples, sample_c, "notify",
			      json_pack("{s:s}", "notified_at", "2026-02-12T01:00:00Z")),
			 200);
	assert_int_equal(step(sup, &ent_samples, sample_c, "serve",
			      json_pack("{s:s}", "served_at", "2026-02-12T01:30:00Z")),
			 200);
	assert_int_equal(step(lab2, &ent_samples, sample_b, "notify",
			      json_pack("{s:s}", "notified_at", "2026-02-12T01:00:00Z")),
			 200);
	assert_int_equal(step(sup, &ent_samples, sample_b, "serve",
			      json_pack("{s:s}", "served_at", "2026-02-12T01:30:00Z")),
			 200);
	assert_int_equal(qi("SELECT COUNT(*) FROM disposals WHERE sample_id = ?", sample_b), 0);
	assert_col("SELECT retest_deadline FROM samples WHERE id = ?", sample_b, NULL);
	/* disposal steps: control measures, cause and recall */
	int64_t disp = qi("SELECT id FROM disposals WHERE sample_id = ? AND kind = 'business'", sample_a);
	assert_int_equal(step(sup, &ent_disposals, disp, "control", json_pack("{s:s}", "measures", "责令下架封存")),
			 200);
	int64_t note = qi("SELECT id FROM disposals WHERE sample_id = ? AND kind = 'notification'", sample_a);
	assert_int_equal(step(sup, &ent_disposals, note, "control", json_pack("{s:s}", "measures", "x")), 409);
	/* 复检: risk monitoring has no backup sample, hence no 复检 (§11.4) */
	zj_ctx c;
	as(sup, &c);
	int64_t risk = new_sample("risk_monitoring", "pb");
	json_t *b = json_pack("{s:I, s:s, s:s}", "sample_id", (json_int_t)risk, "applied_on", "2026-02-12",
			      "received_on", "2026-02-12"),
	       *out;
	assert_int_equal(crud_create(&c, &ent_retests, b, &out), 422);
	assert_true(has_error(c.problem, "sample_id", "check"));
	ctx_clear(&c);
	json_decref(b);
	b = json_pack("{s:I, s:s, s:s, s:i}", "sample_id", (json_int_t)sample_a, "applied_on", "2026-02-12",
		      "received_on", "2026-02-12", "fee", 150000);
	assert_int_equal(crud_create(&c, &ent_retests, b, &out), 201);
	int64_t rt = food_id_of(out, "id");
	assert_false(json_is_true(json_object_get(out, "late")));
	json_decref(b), json_decref(out);
	/* F11: decided within 5 WD of receipt: 02-13, 14, 24, 25, 26 */
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'retests' AND entity_id = CAST(? AS TEXT) AND kind = 'accept_due'",
		rt, "2026-02-26");
	assert_int_equal(step(sup, &ent_retests, rt, "accept", NULL), 200);
	assert_int_equal(step(sup, &ent_retests, rt, "draw_lab", NULL), 200);
	/* Art. 88: drawn from the list, never the first lab */
	int64_t drawn = qi("SELECT retest_lab_id FROM retests WHERE id = ?", rt);
	assert_true(drawn > 0 && drawn != lab_food);
	assert_int_equal(qi("SELECT retest_listed FROM food_labs WHERE unit_id = ?", drawn), 1);
	/* 实施条例 Art. 42: the fee is paid in advance */
	assert_int_equal(step(sup, &ent_retests, rt, "start", json_pack("{s:s}", "backup_received_on", "2026-02-12")),
			 409);
	b = json_pack("{s:b}", "fee_paid", 1);
	assert_int_equal(crud_update(&c, &ent_retests, rt, qi("SELECT version FROM retests WHERE id = ?", rt), b, &out),
			 200);
	json_decref(b), json_decref(out);
	assert_int_equal(step(sup, &ent_retests, rt, "start", json_pack("{s:s}", "backup_received_on", "2026-02-12")),
			 200);
	/* F15: 10 WD from the backup sample: 02-13, 14, 24..27, 28, 03-02, 03, 04 */
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'retests' AND entity_id = CAST(? AS TEXT) AND kind = 'retest_report_due'",
		rt, "2026-03-04");
	/* the 复检 conforms: final, the disposals end, the regulator pays */
	assert_int_equal(step(sup, &ent_retests, rt, "conclude",
			      json_pack("{s:s, s:s, s:s}", "retest_conclusion", "pass", "retest_report_no", "FJ-1",
					"retest_result", "铅 0.15 mg/kg")),
			 200);
	assert_col("SELECT final_conclusion FROM samples WHERE id = ?", sample_a, "pass");
	assert_col("SELECT conclusion FROM samples WHERE id = ?", sample_a, "fail");
	assert_col("SELECT fee_borne_by FROM retests WHERE id = ?", rt, "regulator");
	assert_int_equal(qi("SELECT COUNT(*) FROM disposals WHERE sample_id = ? AND state = 'cancelled'", sample_a), 2);
	assert_int_equal(
		qi("SELECT COUNT(*) FROM deadlines WHERE entity = 'disposals' AND closed_at IS NULL AND entity_id IN"
		   " (SELECT CAST(id AS TEXT) FROM disposals WHERE sample_id = ?)",
		   sample_a),
		0);
	/* F17: an objection to the sampling is due within 7 WD of sampling: 2026-02-09 → 02-10..13, 14, 24, 25 */
	b = json_pack("{s:I, s:s, s:s, s:s}", "sample_id", (json_int_t)sample_c, "kind", "sampling", "received_on",
		      "2026-02-12", "content", "抽样未封样");
	assert_int_equal(crud_create(&c, &ent_objections, b, &out), 201);
	assert_false(json_is_true(json_object_get(out, "late")));
	json_decref(b), json_decref(out);
}

static int64_t apple_sample(const char *items)
{
	zj_ctx c;
	as(NULL, &c);
	json_t *b = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s}", "link", "distribution", "enterprise_id",
			      (json_int_t)biz, "food_id",
			      (json_int_t)q1("SELECT id FROM food_categories WHERE code = ?", "apple"), "product_name",
			      "苹果", "sampled_at", "2026-02-09T01:00:00Z", "items", items),
	       *out;
	assert_int_equal(crud_create(&c, &ent_samples, b, &out), 201);
	int64_t id = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	custody(id, lab_food);
	return id;
}

static int decide(zj_user *u, int64_t result_id, const char *verdict, const char *note)
{
	zj_ctx c;
	as(u, &c);
	const entity_action *a = entity_find_action(&ent_results, "decide", "POST", 1);
	assert_string_equal(a->perm, "results.decide");
	assert_true(ctx_can(&c, a->perm));
	json_t *b = json_pack("{s:s}", "verdict", verdict);
	if (note)
		json_object_set_new(b, "note", json_string(note));
	action_result ar = {0};
	int st = a->fn(&c, &ent_results, result_id, NULL, b, &ar);
	json_decref(b), json_decref(ar.json);
	ctx_clear(&c);
	return st;
}

static void test_no_limit_waits_for_a_person(void **st)
{
	set_clock("2026-02-09T02:00:00Z");
	/* 苹果 has no chlorpyrifos line in the shipped tables: never 合格 by default */
	int64_t s = apple_sample("pb,chlorpyrifos");
	assert_int_equal(result(lab1, s, "铅", "0.05", "mg/kg", NULL, NULL), 201);
	assert_int_equal(result(lab1, s, "毒死蜱", "0.01", "mg/kg", NULL, NULL), 201);
	int64_t r = qi("SELECT id FROM results WHERE sample_id = ? AND item = '毒死蜱'", s);
	assert_col("SELECT verdict FROM results WHERE id = ?", r, "no_limit");
	assert_int_equal(qi("SELECT needs_decision FROM results WHERE id = ?", r), 1);
	assert_int_equal(step(lab1, &ent_samples, s, "submit_report",
			      json_pack("{s:s, s:s}", "report_no", "R-N", "tested_at", "2026-02-09T01:50:00Z")),
			 409);
	/* a decision needs its basis; only flagged items are decided */
	assert_int_equal(decide(lab2, r, "pass", NULL), 422);
	assert_int_equal(decide(lab2, qi("SELECT id FROM results WHERE sample_id = ? AND item = '铅'", s), "pass", "x"),
			 409);
	assert_int_equal(decide(lab2, r, "pass", "经技术负责人核查补充依据后判定"), 200);
	assert_col("SELECT decided_verdict FROM results WHERE id = ?", r, "pass");
	assert_int_equal(step(lab1, &ent_samples, s, "submit_report",
			      json_pack("{s:s, s:s}", "report_no", "R-N", "tested_at", "2026-02-09T01:50:00Z")),
			 200);
	assert_col("SELECT conclusion FROM samples WHERE id = ?", s, "pass");
	/* a label claim added after entry judges the result again: Pb 0.05 passes ≤0.1 (F7) but not a claim of ≤0.04 */
	s = apple_sample("pb");
	assert_int_equal(result(lab1, s, "铅", "0.05", "mg/kg", NULL, NULL), 201);
	r = qi("SELECT id FROM results WHERE sample_id = ?", s);
	assert_col("SELECT verdict FROM results WHERE id = ?", r, "pass");
	zj_ctx c;
	as(lab1, &c);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "sample_id", (json_int_t)s, "item", "Pb", "source",
			      "label_claim", "reference", "标签明示 铅≤0.04", "limit_expr", "<=0.04", "unit", "mg/kg"),
	       *out;
	assert_int_equal(crud_create(&c, &ent_sample_specs, b, &out), 201);
	json_decref(b), json_decref(out);
	assert_col("SELECT verdict FROM results WHERE id = ?", r, "fail");
	char *stored = qs("SELECT (SELECT f.body FROM food_trace_forms f WHERE f.id = r.trace_form) || r.trace_args"
			  " FROM results r WHERE id = ?",
			  r),
	     *trace = food_trace_render(stored);
	assert_non_null(trace);
	assert_non_null(strstr(trace, "label_claim"));
	assert_non_null(strstr(trace, "标签明示 铅≤0.04"));
	free(stored), free(trace);
}

static json_t *widget(const char *id, zj_ctx *c)
{
	for (int i = 0; i < registry_widget_count(); i++) {
		json_t *w = registry_widget_at(i)->fn(c);
		if (w && !strcmp(json_string_value(json_object_get(w, "id")), id))
			return w;
		json_decref(w);
	}
	return NULL;
}

static json_t *public_results(const char *k, const char *v)
{
	zj_ctx c;
	ctx_init(&c, d);
	kv items[] = {{k, v}};
	kv_list q = {k ? 1 : 0, items};
	action_result out = {0};
	const public_endpoint *p = registry_public("food_results", "GET");
	assert_non_null(p);
	assert_int_equal(p->fn(&c, &q, NULL, &out), 200);
	if (out.body) {
		json_t *s = json_string(out.body);
		free(out.body);
		return s;
	}
	return out.json;
}

static void test_publication_and_public_endpoint(void **st)
{
	set_clock("2026-03-02T02:00:00Z"); /* after C's 复检 window (2026-02-28) */
	zj_ctx c;
	as(sup, &c);
	/* the 异议 about C's sampling is still open: C cannot close until it is answered */
	assert_int_equal(step(sup, &ent_samples, sample_c, "close", NULL), 409);
	int64_t obj = qi("SELECT id FROM objections WHERE sample_id = ?", sample_c);
	assert_int_equal(step(sup, &ent_objections, obj, "accept", NULL), 200);
	/* F20: reviewed within 20 WD of receiving the materials (2026-02-12), not of
	 * the acceptance (03-02, which gave 03-30): 02-13, Sat 02-14 (make-up), 02-15..23
	 * off, 02-24..27 (6), Sat 02-28 (7), 03-02..06 (12), 09..13 (17), 16, 17, 18 (20) */
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'objections' AND entity_id = CAST(? AS TEXT) AND kind = 'review_due'",
		obj, "2026-03-18");
	assert_int_equal(step(sup, &ent_objections, obj, "conclude",
			      json_pack("{s:s, s:s}", "outcome", "dismissed", "reply", "封样记录完整，异议不成立")),
			 200);
	assert_int_equal(step(sup, &ent_samples, sample_c, "close", NULL), 200);
	/* nothing published yet: the portal shows nothing */
	json_t *r = public_results(NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(r, "items")), 0);
	json_decref(r);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "announcement_no", "包质监食抽〔2026〕1号", "title",
			      "2026年2月抽检信息", "period_from", "2026-02-01", "period_to", "2026-02-28"),
	       *out;
	assert_int_equal(crud_create(&c, &ent_publications, b, &out), 201);
	int64_t pub = food_id_of(out, "id");
	json_decref(b), json_decref(out);
	assert_int_equal(step(sup, &ent_publications, pub, "publish", NULL), 200);
	/* A (复检 conforming), B (pass), C (fail); D was never served and is not published */
	assert_int_equal(qi("SELECT sample_count FROM publications WHERE id = ?", pub), 3);
	r = public_results(NULL, NULL);
	json_t *items = json_object_get(r, "items");
	assert_int_equal(json_array_size(items), 3);
	char *dcode = qs("SELECT code FROM samples WHERE id = ?", sample_d);
	size_t i;
	json_t *it;
	json_array_foreach (items, i, it) {
		assert_string_not_equal(json_string_value(json_object_get(it, "code")), dcode);
		assert_string_equal(json_string_value(json_object_get(it, "announcement_no")), "包质监食抽〔2026〕1号");
	}
	free(dcode);
	json_decref(r);
	r = public_results("result", "fail");
	items = json_object_get(r, "items");
	assert_int_equal(json_array_size(items), 1);
	json_t *failed = json_array_get(json_object_get(json_array_get(items, 0), "failed_items"), 0);
	assert_string_equal(json_string_value(json_object_get(failed, "item")), "铅");
	assert_string_equal(json_string_value(json_object_get(failed, "result")), "0.25 mg/kg");
	assert_string_equal(json_string_value(json_object_get(failed, "limit")), "≤0.2 mg/kg");
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "producer")),
			    "石家庄华冀食品有限公司");
	json_decref(r);
	r = public_results("format", "csv");
	assert_non_null(strstr(json_string_value(r), "不合格"));
	assert_non_null(strstr(json_string_value(r), "公告编号"));
	json_decref(r);
	/* withdrawn: gone from the portal */
	assert_int_equal(step(director, &ent_publications, pub, "withdraw",
			      json_pack("{s:s}", "withdraw_reason", "更正")),
			 200);
	r = public_results(NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(r, "items")), 0);
	json_decref(r);
}

static void test_dashboard_widgets(void **st)
{
	/* 2026-06-01: C's disposal (due 2026-05-13) is 19 days overdue */
	set_clock("2026-06-01T02:00:00Z");
	zj_ctx c;
	as(sup, &c);
	json_t *w = widget("food_overdue_disposals", &c);
	assert_non_null(w);
	json_t *items = json_object_get(w, "items");
	int found = 0;
	size_t i;
	json_t *it;
	int64_t disp = qi("SELECT id FROM disposals WHERE sample_id = ? AND kind = 'business'", sample_c);
	json_array_foreach (items, i, it)
		if (json_integer_value(json_object_get(it, "id")) == disp) {
			found = 1;
			assert_int_equal(json_integer_value(json_object_get(it, "days_overdue")), 19);
		}
	assert_true(found);
	json_decref(w);
	/* failed samples of 2026 by category and district: C (A's 复检 conformed) */
	w = widget("food_failed_by_category_district", &c);
	assert_int_equal(json_integer_value(json_object_get(w, "total")), 1);
	json_t *row = json_array_get(json_object_get(w, "rows"), 0);
	assert_string_equal(json_string_value(json_object_get(row, "category")), "谷物及其制品");
	assert_string_equal(json_string_value(json_object_get(row, "district")), "昆都仑区");
	json_decref(w);
	/* the head approves an extension (F24): no longer overdue */
	const entity_action *a = entity_find_action(&ent_disposals, "extend", "POST", 1);
	action_result ar = {0};
	as(director, &c);
	json_t *b = json_pack("{s:s, s:s}", "due_on", "2026-08-13", "reason", "局长书面批准延期");
	assert_int_equal(a->fn(&c, &ent_disposals, disp, NULL, b, &ar), 200);
	json_decref(b), json_decref(ar.json);
	assert_col(
		"SELECT due FROM deadlines WHERE entity = 'disposals' AND entity_id = CAST(? AS TEXT) AND closed_at IS NULL",
		disp, "2026-08-13");
	/* a sampler is not shown the supervisor's widgets */
	zj_user *sampler = user("smp", "food_sampler", "BTFOOD");
	as(sampler, &c);
	assert_null(widget("food_overdue_disposals", &c));
	auth_user_free(sampler);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_is_idempotent),
		cmocka_unit_test(test_edited_limits_reach_the_lookup),
		cmocka_unit_test(test_deadlines_on_the_calendar),
		cmocka_unit_test(test_budget_is_never_silently_exceeded),
		cmocka_unit_test(test_sample_custody_and_results),
		cmocka_unit_test(test_report_needs_a_second_person),
		cmocka_unit_test(test_no_limit_waits_for_a_person),
		cmocka_unit_test(test_failed_sample_disposal_and_retest),
		cmocka_unit_test(test_publication_and_public_endpoint),
		cmocka_unit_test(test_dashboard_widgets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
