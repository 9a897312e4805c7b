/* test_failures.c — a statement that fails mid-way in a business area's
 * widget or endpoint is an internal failure (500 db-error, logged), never a
 * part of an answer given as whole (issue 13 §3). Each query is made to fail
 * at its first step the way test_problems does it for lists: the table is
 * replaced by a view whose row n = 2 overflows abs() when the sort evaluates
 * it; deleting that row lets the same query answer. */
#include "core/crud.h"
#include "core/problems.h"
#include "modules/cases/cases.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widget_fails_whole),
		cmocka_unit_test(test_public_endpoint_fails_whole),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
