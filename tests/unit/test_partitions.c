/* test_partitions.c — cmocka tests for the backend sections of migrations
 * (core/migrate.c) and the period arithmetic of the partitions
 * (core/partitions.c): a section of the other backend is blanked line for
 * line, the markers never reach a backend, the real migration 035 is empty
 * SQL on SQLite; months and years roll over at December, names and bounds
 * are what the migration and the job both use; malformed dates refused.
 * Also: on SQLite every partitions call is a no-op and the audit source is
 * the plain table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/migrate.h"
#include "core/partitions.h"

static void test_sections(void **state)
{
	(void)state;
	const char *sql = "CREATE TABLE a (x INTEGER);\n"
			  "-- @postgres\n"
			  "CREATE SCHEMA pg_only;\n"
			  "-- @end\n"
			  "-- @sqlite  \n"
			  "CREATE TABLE lite_only (y INTEGER);\n"
			  "-- @end\n"
			  "CREATE TABLE b (z INTEGER);";
	char *lite = migrate_for_backend(sql, 0), *pg = migrate_for_backend(sql, 1);
	assert_non_null(strstr(lite, "CREATE TABLE a"));
	assert_non_null(strstr(lite, "lite_only"));
	assert_null(strstr(lite, "pg_only"));
	assert_non_null(strstr(lite, "CREATE TABLE b"));
	assert_non_null(strstr(pg, "pg_only"));
	assert_null(strstr(pg, "lite_only"));
	assert_non_null(strstr(pg, "CREATE TABLE b"));
	assert_null(strstr(pg, "@postgres"));
	assert_null(strstr(lite, "@end"));
	/* same length and the same newlines: error line numbers still match the file */
	assert_int_equal(strlen(lite), strlen(sql));
	for (size_t i = 0; sql[i]; i++)
		assert_true((sql[i] == '\n') == (lite[i] == '\n'));
	free(lite);
	free(pg);
	/* a marker must be the whole line: a comment mentioning it is kept */
	char *keep = migrate_for_backend("-- see -- @postgres below\nSELECT 1;\n", 0);
	assert_non_null(strstr(keep, "SELECT 1"));
	free(keep);
}

static void test_migration_035(void **state)
{
	(void)state;
	const migration *m = zj_migrations;
	while (m->sql && m->number != 35)
		m++;
	assert_non_null(m->sql);
	char *lite = migrate_for_backend(m->sql, 0), *pg = migrate_for_backend(m->sql, 1);
	assert_null(strstr(lite, "PARTITION")); /* SQLite: comments and blanks only */
	for (const char *p = lite; *p; p++) {
		if (*p == '-' && p[1] == '-') {
			p = strchr(p, '\n');
			if (!p)
				break;
		} else
			assert_true(*p == ' ' || *p == '\n');
	}
	assert_non_null(strstr(pg, "PARTITION BY RANGE (%I)"));
	/* the tables, keys and periods of the migration are those of the job */
	for (int i = 0; i < part_ntables; i++) {
		char row[96];
		snprintf(row, sizeof row, "('%s', '%s', %d)", part_tables[i].table, part_tables[i].column,
			 part_tables[i].months);
		assert_non_null(strstr(pg, row));
	}
	free(lite);
	free(pg);
}

static void test_periods(void **state)
{
	(void)state;
	const part_table month = {"audit_log", "at", 1, 3}, year = {"results", "created_at", 12, 1};
	char lo[11], hi[11], name[64];
	assert_int_equal(part_period(&month, "2026-12-08T01:04:49Z", 0, lo, hi, name), 0);
	assert_string_equal(lo, "2026-12-01");
	assert_string_equal(hi, "2027-01-01");
	assert_string_equal(name, "audit_log_p202612");
	assert_int_equal(part_period(&month, "2026-12-08", 3, lo, hi, name), 0);
	assert_string_equal(lo, "2027-03-01");
	assert_string_equal(hi, "2027-04-01");
	assert_string_equal(name, "audit_log_p202703");
	assert_int_equal(part_period(&month, "2026-01", -1, lo, hi, name), 0);
	assert_string_equal(name, "audit_log_p202512");
	assert_int_equal(part_period(&year, "2026-12-31T23:59:59Z", 0, lo, hi, name), 0);
	assert_string_equal(lo, "2026-01-01");
	assert_string_equal(hi, "2027-01-01");
	assert_string_equal(name, "results_p2026");
	assert_int_equal(part_period(&year, "2026-06-01", 1, lo, hi, name), 0);
	assert_string_equal(name, "results_p2027");
	assert_string_equal(hi, "2028-01-01");
	/* not dates */
	assert_int_equal(part_period(&month, "2026-13-01", 0, lo, hi, name), -1);
	assert_int_equal(part_period(&month, "2026-00", 0, lo, hi, name), -1);
	assert_int_equal(part_period(&month, "20261201", 0, lo, hi, name), -1);
	assert_int_equal(part_period(&month, "2026-1", 0, lo, hi, name), -1);
	assert_int_equal(part_period(&month, "x026-01-01", 0, lo, hi, name), -1);
	assert_int_equal(part_period(&month, NULL, 0, lo, hi, name), -1);
	assert_int_equal(part_period(&month, "9999-12-01", 0, lo, hi, name), -1); /* no year 10000 bound */
}

static void test_sqlite_noop(void **state)
{
	(void)state;
	db *d = NULL;
	char err[256];
	assert_int_equal(db_open(":memory:", &d, err, sizeof err), DB_OK);
	long long left = 7;
	assert_int_equal(partitions_create_ahead(d, "2026-12-08T00:00:00Z", NULL, &left), DB_OK);
	assert_int_equal(left, 0);
	char *src = partitions_audit_source(d);
	assert_string_equal(src, "audit_log");
	free(src);
	assert_int_equal(partitions_job(d, "2026-12-08T00:00:00Z"), DB_OK);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_migration_035),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_sqlite_noop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
