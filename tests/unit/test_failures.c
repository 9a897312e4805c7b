/* test_failures.c — a statement that fails mid-way in a business area's
 * widget or endpoint is an internal failure (500 db-error, logged), never a
 * part of an answer given as whole (issue 13 §3). Each query is made to fail
 * at its first step the way test_problems does it for lists: the table is
 * replaced by a view whose row n = 2 overflows abs() when the sort evaluates
 * it; deleting that row lets the same query answer. */
#include "core/crud.h"
#include "core/problems.h"
#include "modules/cases/cases.h"
#include "modules/equipment/equipment.h"
#include "fixture.h"
#include <string.h>

static int setup(void **st)
{
	return fixture_setup("failures");
}

static void fail_rows(void)
{
	assert_int_equal(db_exec(d, "CREATE TABLE IF NOT EXISTS fail_rows (n INTEGER)"), DB_OK);
	assert_int_equal(db_exec(d, "DELETE FROM fail_rows"), DB_OK);
	assert_int_equal(db_exec(d, "INSERT INTO fail_rows VALUES (1), (2)"), DB_OK);
}

static void assert_db_error(zj_ctx *c)
{
	assert_int_equal(c->status, 500);
	assert_string_equal(json_string_value(json_object_get(c->problem, "type")), PROBLEM_BASE "db-error");
}

/* The case-deadline widget: a failed read of the deadlines is no "nothing due". */
static void test_widget_fails_whole(void **st)
{
	assert_int_equal(db_exec(d, "ALTER TABLE deadlines RENAME TO deadlines_t"), DB_OK);
	assert_int_equal(
		db_exec(d, "CREATE VIEW deadlines AS SELECT n AS id, 'cases' AS entity, '1' AS entity_id, 'x' AS kind,"
			   " CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE '2020-01-01' END AS due,"
			   " NULL AS closed_at FROM fail_rows"),
		DB_OK);
	fail_rows();
	zj_ctx c;
	ctx_init(&c, d);
	json_t *w = cs_deadline_widget(&c);
	assert_null(w);
	assert_db_error(&c);
	ctx_clear(&c);
	/* the same widget answers once the rows read */
	assert_int_equal(db_exec(d, "DELETE FROM fail_rows WHERE n = 2"), DB_OK);
	w = cs_deadline_widget(&c);
	assert_non_null(w);
	assert_int_equal(c.status, 0);
	json_decref(w);
	assert_int_equal(db_exec(d, "DROP VIEW deadlines"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE deadlines_t RENAME TO deadlines"), DB_OK);
}

/* The public list of announcements: a failed read is no empty list. */
static void test_public_endpoint_fails_whole(void **st)
{
	const public_endpoint *p = registry_public("food_announcements", "GET");
	assert_non_null(p);
	assert_int_equal(db_exec(d, "ALTER TABLE publications RENAME TO publications_t"), DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE VIEW publications AS SELECT n AS id, 'A' AS announcement_no, 't' AS title, 'i' AS issuer,"
			" CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE '2025-01-01' END AS published_on,"
			" NULL AS period_from, NULL AS period_to, 1 AS sample_count, 'published' AS state, 0 AS deleted"
			" FROM fail_rows"),
		DB_OK);
	fail_rows();
	zj_ctx c;
	ctx_init(&c, d);
	kv_list q = {0};
	action_result out = {0};
	assert_int_equal(p->fn(&c, &q, NULL, &out), 500);
	assert_null(out.json);
	assert_db_error(&c);
	ctx_clear(&c);
	assert_int_equal(db_exec(d, "DELETE FROM fail_rows WHERE n = 2"), DB_OK);
	assert_int_equal(p->fn(&c, &q, NULL, &out), 200);
	assert_int_equal(json_array_size(json_object_get(out.json, "items")), 1);
	json_decref(out.json);
	assert_int_equal(db_exec(d, "DROP VIEW publications"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE publications_t RENAME TO publications"), DB_OK);
}

/* The special-equipment register as a view whose row 2 fails when read;
 * every query reads next_due; token …02 finds that row only. */
static void eq_units_failing(void)
{
	assert_int_equal(db_exec(d, "ALTER TABLE eq_units RENAME TO eq_units_t"), DB_OK);
	assert_int_equal(
		db_exec(d, "CREATE VIEW eq_units AS SELECT n AS id, 'E' || n AS equipment_code, '3000' AS category,"
			   " '3000.traction' AS type, 'x' AS location,"
			   " 'in_use' AS state, NULL AS last_inspected_on, NULL AS last_conclusion,"
			   " CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE '2020-01-01' END AS next_due,"
			   " '2019-12-01' AS request_by, NULL AS reg_cert_no, NULL AS user_id, NULL AS maintainer_id,"
			   " (SELECT MIN(id) FROM jurisdictions) AS jurisdiction_id, 1 AS usable,"
			   " '000000000000000000000000000000' || printf('%02d', n) AS public_token, 0 AS deleted"
			   " FROM fail_rows"),
		DB_OK);
	/* the counts of the widgets read the tallies the core keeps (migration 030): they fail alike */
	assert_int_equal(db_exec(d, "ALTER TABLE eq_due_tally RENAME TO eq_due_tally_t"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE eq_due_tally_month RENAME TO eq_due_tally_month_t"), DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE VIEW eq_due_tally AS SELECT"
			" CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE '2020-01-01' END AS next_due,"
			" 'in_use' AS state, (SELECT MIN(id) FROM jurisdictions) AS jurisdiction_id, '3000' AS category,"
			" 1 AS n FROM fail_rows"),
		DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE VIEW eq_due_tally_month AS SELECT"
			" CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE '2020-01' END AS due_month,"
			" 'in_use' AS state, (SELECT MIN(id) FROM jurisdictions) AS jurisdiction_id, '3000' AS category,"
			" 1 AS n FROM fail_rows"),
		DB_OK);
	/* the trend widget reads the inspections */
	assert_int_equal(db_exec(d, "ALTER TABLE eq_inspections RENAME TO eq_inspections_t"), DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE VIEW eq_inspections AS SELECT n AS id, n AS unit_id, 'periodic' AS kind,"
			" CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE date('now', '-1 day') END AS inspected_on,"
			" 'pass' AS conclusion, NULL AS grade, NULL AS report_no, NULL AS recheck_of,"
			" (SELECT MIN(id) FROM jurisdictions) AS jurisdiction_id, '2027-01-01' AS next_due, 0 AS deleted"
			" FROM fail_rows"),
		DB_OK);
	fail_rows();
}

static void eq_units_restore(void)
{
	assert_int_equal(db_exec(d, "DROP VIEW eq_inspections"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE eq_inspections_t RENAME TO eq_inspections"), DB_OK);
	assert_int_equal(db_exec(d, "DROP VIEW eq_units"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE eq_units_t RENAME TO eq_units"), DB_OK);
	assert_int_equal(db_exec(d, "DROP VIEW eq_due_tally"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE eq_due_tally_t RENAME TO eq_due_tally"), DB_OK);
	assert_int_equal(db_exec(d, "DROP VIEW eq_due_tally_month"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE eq_due_tally_month_t RENAME TO eq_due_tally_month"), DB_OK);
}

/* The equipment widgets: a failed count is no count (the dashboard answers 500). */
static void test_eq_widgets_fail_whole(void **st)
{
	eq_units_failing();
	for (const widget_def *w = eq_widgets; w->id; w++) {
		zj_ctx c;
		ctx_init(&c, d);
		json_t *j = w->fn(&c);
		assert_null(j);
		assert_db_error(&c);
		ctx_clear(&c);
	}
	assert_int_equal(db_exec(d, "DELETE FROM fail_rows WHERE n = 2"), DB_OK);
	for (const widget_def *w = eq_widgets; w->id; w++) {
		zj_ctx c;
		ctx_init(&c, d);
		json_t *j = w->fn(&c);
		assert_non_null(j);
		assert_int_equal(c.status, 0);
		json_decref(j);
		ctx_clear(&c);
	}
	eq_units_restore();
}

/* The public page of a unit: a failed read is a 500, not "no such unit". */
static void test_eq_public_fails_whole(void **st)
{
	const public_endpoint *p = registry_public("equipment", "GET");
	assert_non_null(p);
	eq_units_failing();
	kv item = {"token", "00000000000000000000000000000002"};
	kv_list q = {1, &item};
	zj_ctx c;
	ctx_init(&c, d);
	action_result out = {0};
	assert_int_equal(p->fn(&c, &q, NULL, &out), 500);
	assert_null(out.json);
	assert_db_error(&c);
	ctx_clear(&c);
	assert_int_equal(db_exec(d, "DELETE FROM fail_rows WHERE n = 2"), DB_OK);
	assert_int_equal(p->fn(&c, &q, NULL, &out), 404); /* now truly none */
	ctx_clear(&c);
	item.v = "00000000000000000000000000000001";
	assert_int_equal(p->fn(&c, &q, NULL, &out), 200);
	json_decref(out.json);
	ctx_clear(&c);
	eq_units_restore();
}

/* The rule table: a failed read is no table (not the default 15-day
 * maintenance interval), and the daily scan fails rather than run on it. */
static void test_eq_rules_fail_whole(void **st)
{
	assert_int_equal(db_exec(d, "ALTER TABLE eq_rules RENAME TO eq_rules_t"), DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE VIEW eq_rules AS SELECT n AS id, '3000' AS category, NULL AS type,"
			" 'maintenance' AS kind, NULL AS grade, NULL AS first_after, NULL AS months, NULL AS months_min,"
			" NULL AS months_max, NULL AS schedule, 1 AS usable, 0 AS monitored, 'TSG T5002-2017' AS regulation,"
			" NULL AS clause, '2000-01-01' AS effective, NULL AS note_zh, NULL AS note_en, 20 AS days,"
			" 0 AS early, 'active' AS status,"
			" CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE 0 END AS deleted FROM fail_rows"),
		DB_OK);
	fail_rows();
	zj_ctx c;
	ctx_init(&c, d);
	eq_rule_set set;
	assert_int_equal(eq_rules_load(&c, &set), -1);
	assert_null(set.rules);
	assert_int_not_equal(eq_scan(&c, c.today, NULL), DB_OK);
	assert_int_equal(db_exec(d, "DELETE FROM fail_rows WHERE n = 2"), DB_OK);
	assert_int_equal(eq_rules_load(&c, &set), 0);
	assert_int_equal(set.maint_days, 20); /* the table's, not the default */
	eq_rules_free(&set);
	ctx_clear(&c);
	assert_int_equal(db_exec(d, "DROP VIEW eq_rules"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE eq_rules_t RENAME TO eq_rules"), DB_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widget_fails_whole),    cmocka_unit_test(test_public_endpoint_fails_whole),
		cmocka_unit_test(test_eq_widgets_fail_whole), cmocka_unit_test(test_eq_public_fails_whole),
		cmocka_unit_test(test_eq_rules_fail_whole),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
