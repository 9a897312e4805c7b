/* test_equipment.c — unit tests for the special-equipment area's pure parts:
 * the monthly schedule planner (src/modules/equipment/schedule.c eq_plan:
 * qualification, capacity, place groups, balance over the days, the same
 * answer whatever the input order), the QR code PNG (public.c) and the type
 * codes of the dictionary (units.c). The interval engine has its own
 * tests (test_intervals.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "modules/equipment/equipment.h"

static const int lifts[] = {3000, 0}, vessels[] = {2000, 0}, both[] = {2000, 3000, 0};

/* 2 lift inspectors (4 a day) and a vessel inspector (2 a day), 5 days. */
static void setup(eq_plan_inspector *in, int load[3][5])
{
	memset(load, 0, sizeof(int) * 15);
	in[0] = (eq_plan_inspector){.id = 11, .categories = lifts, .capacity = 4, .load = load[0]};
	in[1] = (eq_plan_inspector){.id = 12, .categories = lifts, .capacity = 4, .load = load[1]};
	in[2] = (eq_plan_inspector){.id = 13, .categories = vessels, .capacity = 2, .load = load[2]};
}

static void test_plan_rules(void **state)
{
	eq_plan_unit u[12];
	const char *places[] = {"A小区", "A小区", "A小区", "B商厦", "B商厦", "C医院"};
	for (int i = 0; i < 12; i++) {
		u[i] = (eq_plan_unit){.id = 100 + i,
				      .category = i < 9 ? 3000 : 2000,
				      .juris = i % 2 ? 2 : 1,
				      .place = places[i % 6]};
	}
	eq_plan_inspector in[3];
	int load[3][5];
	setup(in, load);
	int left = eq_plan(u, 12, in, 3, 5);
	assert_int_equal(left, 0);
	int per[3] = {0};
	for (int i = 0; i < 12; i++) {
		assert_true(u[i].inspector >= 0 && u[i].day >= 0 && u[i].day < 5);
		/* qualified */
		const int *q = in[u[i].inspector].categories;
		int ok = 0;
		for (; *q; q++)
			ok |= *q == u[i].category;
		assert_true(ok);
		per[u[i].inspector]++;
		/* one place, one category, one inspector */
		for (int k = 0; k < i; k++)
			if (u[k].juris == u[i].juris && u[k].category == u[i].category &&
			    !strcmp(u[k].place, u[i].place))
				assert_int_equal(u[k].inspector, u[i].inspector);
	}
	/* the lifts shared between the two lift inspectors, the vessels to the third */
	assert_int_equal(per[0] + per[1], 9);
	assert_true(abs(per[0] - per[1]) <= 3);
	assert_int_equal(per[2], 3);
	/* balanced: each day at most the even share ceil(n/5), never over capacity */
	for (int i = 0; i < 3; i++)
		for (int d = 0; d < 5; d++) {
			assert_true(load[i][d] <= in[i].capacity);
			assert_true(load[i][d] <= (per[i] + 4) / 5);
		}
}

static void test_plan_capacity_and_qualification(void **state)
{
	/* 25 lifts, 2 lift inspectors × 4 a day × 3 days = 24 places: one left;
	 * a ropeway nobody is qualified for: left */
	eq_plan_unit u[26];
	for (int i = 0; i < 25; i++)
		u[i] = (eq_plan_unit){.id = i + 1, .category = 3000, .juris = 1, .place = i < 10 ? "甲" : "乙"};
	u[25] = (eq_plan_unit){.id = 99, .category = 9000, .juris = 1, .place = "丙"};
	eq_plan_inspector in[3];
	int load[3][5];
	setup(in, load);
	int left = eq_plan(u, 26, in, 3, 3);
	assert_int_equal(left, 2);
	int none = 0;
	for (int i = 0; i < 26; i++)
		none += u[i].inspector < 0;
	assert_int_equal(none, 2);
	for (int i = 0; i < 26; i++)
		if (u[i].id == 99)
			assert_int_equal(u[i].inspector, -1);
	for (int i = 0; i < 2; i++)
		for (int d = 0; d < 3; d++)
			assert_true(load[i][d] <= 4);
	/* days already taken count: a full first day is skipped */
	eq_plan_unit v[2] = {{.id = 1, .category = 2000, .juris = 1, .place = "x"},
			     {.id = 2, .category = 2000, .juris = 1, .place = "x"}};
	setup(in, load);
	load[2][0] = 2;
	assert_int_equal(eq_plan(v, 2, in, 3, 5), 0);
	assert_int_equal(v[0].inspector, 2);
	assert_true(v[0].day > 0 && v[1].day > 0);
}

static void test_plan_deterministic(void **state)
{
	eq_plan_unit a[20], b[20];
	static const char *places[] = {"一", "二", "三", "四"};
	for (int i = 0; i < 20; i++)
		a[i] = (eq_plan_unit){.id = 500 + i,
				      .category = i % 3 ? 3000 : 2000,
				      .juris = i % 4,
				      .place = places[i % 4]};
	for (int i = 0; i < 20; i++)
		b[i] = a[19 - i]; /* the same units in the opposite order */
	eq_plan_inspector in[3];
	int load[3][5];
	setup(in, load);
	eq_plan(a, 20, in, 3, 5);
	setup(in, load);
	eq_plan(b, 20, in, 3, 5);
	for (int i = 0; i < 20; i++) {
		assert_int_equal(a[i].id, b[i].id);
		assert_int_equal(a[i].inspector, b[i].inspector);
		assert_int_equal(a[i].day, b[i].day);
	}
	/* an inspector qualified for both takes whatever the others cannot */
	int l2[1][5] = {{0}};
	eq_plan_inspector one = {.id = 1, .categories = both, .capacity = 10, .load = l2[0]};
	assert_int_equal(eq_plan(a, 20, &one, 1, 5), 0);
	/* no working day: nothing can be planned */
	assert_int_equal(eq_plan(a, 20, &one, 1, 0), 20);
}

static void test_qr_png(void **state)
{
	size_t len = 0;
	unsigned char *png = eq_qr_png("https://example.cn/portal/equipment/0123456789abcdef0123456789abcdef", &len);
	assert_non_null(png);
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	assert_memory_equal(png, sig, 8);
	assert_memory_equal(png + 12, "IHDR", 4);
	uint32_t w = (uint32_t)png[16] << 24 | (uint32_t)png[17] << 16 | (uint32_t)png[18] << 8 | png[19];
	/* (modules + 2 × 4 quiet zone) × 8 pixels: version ≥ 3 for this length */
	assert_true(w >= (29 + 8) * 8 && w % 8 == 0);
	assert_int_equal(png[24], 1); /* 1-bit */
	assert_memory_equal(png + len - 8, "IEND", 4);
	free(png);
	char a[33], b[33];
	eq_new_token(a);
	eq_new_token(b);
	assert_int_equal(strlen(a), 32);
	assert_string_not_equal(a, b);
}

static void test_type_codes(void **state)
{
	assert_string_equal(eq_type_code("4000.tower"), "tower");
	assert_int_equal(eq_type_category("4000.tower"), 4000);
	assert_int_equal(eq_type_category("6000.tower"), 6000);
	assert_int_equal(eq_type_category("3000.tower"), 0); /* no such lift type */
	assert_int_equal(eq_type_category("tower"), 0);
	assert_int_equal(eq_type_category(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_rules),         cmocka_unit_test(test_plan_capacity_and_qualification),
		cmocka_unit_test(test_plan_deterministic), cmocka_unit_test(test_qr_png),
		cmocka_unit_test(test_type_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
