/* test_ledger.c — unit tests of the support ledger's arithmetic
 * (src/modules/ledger/report.c): the tally in integer fen (city and
 * 旗县区 kept apart, years in order, an overflow or an unknown level refused,
 * never wrapped), and the article's 2012 figures computed by the report from
 * the demo ledger (demo.c) on a fresh SQLite database: 33,894,900 yuan from
 * the city and county governments, up 28,974,900 yuan; 10,410,000 yuan from
 * the districts, banners and the hi-tech zone; 20 + 30 亩, 120 m², 5 + 3
 * seconded staff; and the year's instructions ("30 and more"). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/migrate.h"
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

static void test_tally(void **state)
{
	(void)state;
	lg_grant g[] = {
		{2012, "city", "funds", 1, 316000000, 0},
		{2011, "district", "funds", 2, 100, 0},
		{2012, "park", "floor", 3, 0, 0},
		{2012, "banner", "staff", 4, 0, 3},
		{2012, "district", "land", 5, 600000000, 0},
		{2011, "city", "instrument", 1, 7, 0},
	};
	lg_year ys[4];
	int n = 0;
	assert_int_equal(ledger_tally(g, 6, ys, &n, 4), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ys[0].year, 2011); /* in order, whatever the input's */
	assert_int_equal(ys[0].total, 107);
	assert_int_equal(ys[0].city, 7);
	assert_int_equal(ys[0].local, 100);
	assert_int_equal(ys[1].total, 916000000);
	assert_int_equal(ys[1].city, 316000000);
	assert_int_equal(ys[1].local, 600000000);
	assert_int_equal(ys[1].by_level[1], 600000000); /* district */
	assert_int_equal(ys[1].by_kind[1], 600000000);  /* land */
	assert_int_equal(ys[1].staff, 3);
	assert_int_equal(ys[1].count, 4);
}

static void test_tally_refuses(void **state)
{
	(void)state;
	lg_year ys[2];
	int n = 0;
	lg_grant big[] = {{2012, "city", "funds", 1, INT64_MAX, 0}, {2012, "city", "funds", 1, 1, 0}};
	assert_int_equal(ledger_tally(big, 2, ys, &n, 2), -1); /* never wraps */
	n = 0;
	lg_grant odd[] = {{2012, "empire", "funds", 1, 1, 0}};
	assert_int_equal(ledger_tally(odd, 1, ys, &n, 2), -1);
	n = 0;
	lg_grant neg[] = {{2012, "city", "funds", 1, -1, 0}};
	assert_int_equal(ledger_tally(neg, 1, ys, &n, 2), -1);
	n = 0;
	lg_grant many[] = {{2010, "city", "funds", 1, 1, 0},
			   {2011, "city", "funds", 1, 1, 0},
			   {2012, "city", "funds", 1, 1, 0}};
	assert_int_equal(ledger_tally(many, 3, ys, &n, 2), -1); /* more years than room */
}

static void test_yuan(void **state)
{
	(void)state;
	char b[48];
	lg_yuan(3389490000LL, b, sizeof b);
	assert_string_equal(b, "33894900.00");
	lg_yuan(38240000, b, sizeof b);
	assert_string_equal(b, "382400.00");
	lg_yuan(-78, b, sizeof b);
	assert_string_equal(b, "-0.78");
}

static json_t *find(json_t *arr, const char *key, const char *val)
{
	size_t i;
	json_t *v;
	json_array_foreach (arr, i, v)
		if (json_string_value(json_object_get(v, key)) &&
		    !strcmp(json_string_value(json_object_get(v, key)), val))
			return v;
	return NULL;
}

static int64_t num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* The article's figures from the demo ledger, through the report code. */
static void test_article_2012(void **state)
{
	(void)state;
	char path[64], err[256];
	snprintf(path, sizeof path, "/tmp/zj-ledger-%d.db", getpid());
	unlink(path);
	db *d;
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	int nm;
	assert_int_equal(migrate_apply(d, &nm, err, sizeof err), 0);
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(org_seed(&c), DB_OK);
	assert_int_equal(lg_demo(&c, NULL), 0);
	json_t *r = NULL;
	assert_int_equal(ledger_report(&c, 2012, &r), 200);
	assert_int_equal(num(r, "total_fen"), 3389490000LL);                           /* 3389.49 万元 */
	assert_int_equal(num(r, "increase_fen"), 2897490000LL);                        /* 增加 2897.49 万元 */
	assert_int_equal(num(json_object_get(r, "previous"), "total_fen"), 492000000); /* 2011 */
	assert_int_equal(num(r, "local_fen"), 1041000000LL);                           /* 近 1041 万元 */
	assert_int_equal(num(r, "staff"), 8);                                          /* 5 + 3 */
	json_t *lv = json_object_get(r, "by_level");
	assert_int_equal(num(find(lv, "code", "park"), "fen"), 38240000); /* 38.24 万元 */
	json_t *rec = json_object_get(r, "by_recipient");
	assert_int_equal(num(find(rec, "name", "达茂旗质监局"), "fen"), 213000000); /* 213 万元 */
	json_t *areas = json_object_get(r, "areas");
	int mu = 0, sqm = 0;
	size_t i;
	json_t *a;
	json_array_foreach (areas, i, a) {
		const char *unit = json_string_value(json_object_get(a, "unit"));
		int v = (int)strtol(json_string_value(json_object_get(a, "area")), NULL, 10);
		if (!strcmp(unit, "mu"))
			mu += v;
		else if (!strcmp(unit, "sqm"))
			sqm += v;
	}
	assert_int_equal(mu, 50);   /* 20 亩 + 30 亩 */
	assert_int_equal(sqm, 120); /* 120 m² */
	json_decref(r);
	assert_int_equal(ledger_instruction_stats(&c, 2012, &r), 200);
	assert_true(num(r, "count") > 30); /* 30 多条次 */
	assert_int_equal(num(r, "closed"), num(r, "count"));
	json_decref(r);
	ctx_clear(&c);
	db_close(d);
	unlink(path);
}

int main(void)
{
	assert_true(sodium_init() >= 0);
	modules_register();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_tally_refuses),
		cmocka_unit_test(test_yuan),
		cmocka_unit_test(test_article_2012),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
