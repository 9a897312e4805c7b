/* test_pg_cache.c — the PostgreSQL driver's cache of named prepared
 * statements (src/db/pg_cache.c): a text is named on its second sighting,
 * its name is its hash and length (one name, one text, on every connection),
 * the table forgets texts seen once when full but
 * keeps the named ones, and `zj_prepare=off` is taken out of the URI that
 * libpq sees. No server needed: the cache only decides names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/pg_cache.h"

/* Names worked out with a second tool (Python): FNV-1a 64 of the text,
 * offset 14695981039346656037, prime 1099511628211, then the length in hex. */
#define N_SELECT1 "zj_eedbc4bb8a7aa3e8_8"
#define N_SELECT2 "zj_eedbc7bb8a7aa901_8"
#define N_HOT "zj_82ee67c78b22ac40_a"
#define N_NEW "zj_b50460c7a6f81315_a"

static void test_named_on_second_sighting(void **state)
{
	(void)state;
	pg_cache *c = pg_cache_new();
	int must;
	assert_null(pg_cache_lookup(c, "SELECT 1", &must));
	assert_int_equal(must, 0);
	const char *n = pg_cache_lookup(c, "SELECT 1", &must);
	assert_string_equal(n, N_SELECT1);
	assert_int_equal(must, 1);
	assert_int_equal(pg_cache_is_prepared(c, "SELECT 1"), 0);
	pg_cache_prepared(c, "SELECT 1");
	assert_int_equal(pg_cache_is_prepared(c, "SELECT 1"), 1);
	n = pg_cache_lookup(c, "SELECT 1", &must);
	assert_string_equal(n, N_SELECT1);
	assert_int_equal(must, 0); /* already on the server: execute by name */
	/* Another text, another name; until prepared it is asked for again. */
	pg_cache_lookup(c, "SELECT 2", &must);
	assert_string_equal(pg_cache_lookup(c, "SELECT 2", &must), N_SELECT2);
	assert_string_equal(pg_cache_lookup(c, "SELECT 2", &must), N_SELECT2);
	assert_int_equal(must, 1);
	pg_cache_free(c);
}

static void test_full_table_forgets_unnamed(void **state)
{
	(void)state;
	pg_cache *c = pg_cache_new();
	int must;
	pg_cache_lookup(c, "SELECT hot", &must);
	pg_cache_lookup(c, "SELECT hot", &must);
	pg_cache_prepared(c, "SELECT hot");
	char sql[64];
	for (int i = 0; i < 5000; i++) { /* one-off texts: more than the table holds */
		snprintf(sql, sizeof sql, "SELECT %d", i);
		assert_null(pg_cache_lookup(c, sql, &must));
	}
	/* The named statement survived; a new text is still noticed and named. */
	assert_string_equal(pg_cache_lookup(c, "SELECT hot", &must), N_HOT);
	assert_int_equal(must, 0);
	assert_null(pg_cache_lookup(c, "SELECT new", &must));
	assert_string_equal(pg_cache_lookup(c, "SELECT new", &must), N_NEW);
	pg_cache_free(c);
}

static void test_null_cache_runs_unnamed(void **state)
{
	(void)state;
	int must = 7;
	assert_null(pg_cache_lookup(NULL, "SELECT 1", &must));
	assert_int_equal(must, 0);
	assert_int_equal(pg_cache_is_prepared(NULL, "SELECT 1"), 0);
}

static void expect_uri(const char *in, const char *out, int off)
{
	int got_off = -1;
	char *u = pg_cache_uri(in, &got_off);
	assert_string_equal(u, out);
	assert_int_equal(got_off, off);
	free(u);
}

static void test_uri(void **state)
{
	(void)state;
	expect_uri("postgresql://zj@db1/zhijian", "postgresql://zj@db1/zhijian", 0);
	expect_uri("postgresql://zj@db1:6432/zhijian?zj_prepare=off", "postgresql://zj@db1:6432/zhijian", 1);
	expect_uri("postgresql://zj@db1/zhijian?sslmode=require&zj_prepare=off",
		   "postgresql://zj@db1/zhijian?sslmode=require", 1);
	expect_uri("postgresql://zj@db1/zhijian?zj_prepare=off&sslmode=require&connect_timeout=5",
		   "postgresql://zj@db1/zhijian?sslmode=require&connect_timeout=5", 1);
	expect_uri("postgresql://zj@db1/zhijian?zj_prepare=on", "postgresql://zj@db1/zhijian", 0);
	expect_uri("postgresql://zj@db1/zhijian?zj_prepare=offf", "postgresql://zj@db1/zhijian", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named_on_second_sighting),
		cmocka_unit_test(test_full_table_forgets_unnamed),
		cmocka_unit_test(test_null_cache_runs_unnamed),
		cmocka_unit_test(test_uri),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
