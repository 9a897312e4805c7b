/* test_award.c — the award's and the assessment's arithmetic
 * (src/modules/award/score.c), every expected value worked out by hand in
 * the comment beside it. Scores are hundredths of a point, money fen. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "modules/award/score.h"

/* Bands are 0..100 % in steps of 5 (GB/Z 19579-2012 scoring bands). */
static void test_bands(void **state)
{
	(void)state;
	assert_true(aw_band_ok(0));
	assert_true(aw_band_ok(5));
	assert_true(aw_band_ok(65));
	assert_true(aw_band_ok(100));
	assert_false(aw_band_ok(33));
	assert_false(aw_band_ok(-5));
	assert_false(aw_band_ok(105));
	assert_false(aw_band_ok(1));
}

/* item score = points × band: 4.1.2 (50 points) at 35 % = 17.5 → 1750;
 * 4.4.3 (15 points) at 5 % = 0.75 → 75; 4.7.2 (80) at 100 % = 80 → 8000. */
static void test_item_score(void **state)
{
	(void)state;
	assert_int_equal(aw_item_score(50, 35), 1750);
	assert_int_equal(aw_item_score(15, 5), 75);
	assert_int_equal(aw_item_score(80, 100), 8000);
	assert_int_equal(aw_item_score(10, 0), 0);
}

/* Half to even (GB/T 8170-2008 3.2): 5/2 = 2.5 → 2; 7/2 = 3.5 → 4;
 * 10/4 = 2.5 → 2; 11/4 = 2.75 → 3; 9/4 = 2.25 → 2; 1/3 → 0; 2/3 → 1. */
static void test_div_even(void **state)
{
	(void)state;
	assert_int_equal(aw_div_even(5, 2), 2);
	assert_int_equal(aw_div_even(7, 2), 4);
	assert_int_equal(aw_div_even(10, 4), 2);
	assert_int_equal(aw_div_even(11, 4), 3);
	assert_int_equal(aw_div_even(9, 4), 2);
	assert_int_equal(aw_div_even(1, 3), 0);
	assert_int_equal(aw_div_even(2, 3), 1);
}

/* Five experts score 4.1.2 (50 points) at 30, 35, 35, 40, 60 %:
 * 1500, 1750, 1750, 2000, 3000 hundredths.
 * mean = 10000 / 5 = 2000 (20.00 points);
 * trimmed (drop 1 high, 1 low) = (1750 + 1750 + 2000) / 3 = 5500/3 = 1833.33 → 1833.
 * Three experts 4.4.3 (15 points) at 5, 10, 10 %: 75, 150, 150 → 375/3 = 125.
 * Two experts 4.4.6 (10 points) at 5 and 10 %: 50 + 100 = 150 / 2 = 75;
 * at 15 and 20 %: 150 + 200 = 350 / 2 = 175 (exact). Half-even shows with
 * four experts 4.4.3 at 5, 5, 10, 15 %: 75+75+150+225 = 525/4 = 131.25 → 131;
 * at 5, 10, 10, 15: 75+150+150+225 = 600/4 = 150. Trimmed with too few
 * (2 experts, trim 1) falls back to the mean. */
static void test_aggregate(void **state)
{
	(void)state;
	int64_t a[] = {3000, 1500, 1750, 2000, 1750};
	assert_int_equal(aw_aggregate(a, 5, AW_MEAN, 0), 2000);
	int64_t b[] = {3000, 1500, 1750, 2000, 1750};
	assert_int_equal(aw_aggregate(b, 5, AW_TRIMMED, 1), 1833);
	int64_t c[] = {75, 150, 150};
	assert_int_equal(aw_aggregate(c, 3, AW_MEAN, 0), 125);
	int64_t d[] = {75, 75, 150, 225};
	assert_int_equal(aw_aggregate(d, 4, AW_MEAN, 0), 131);
	int64_t e[] = {50, 100};
	assert_int_equal(aw_aggregate(e, 2, AW_TRIMMED, 1), 75);
	/* 6 experts, 2 dropped at each end: 100,200,[300,400],500,600 → 350 */
	int64_t f[] = {600, 100, 500, 200, 400, 300};
	assert_int_equal(aw_aggregate(f, 6, AW_TRIMMED, 2), 350);
	assert_int_equal(aw_aggregate(NULL, 0, AW_MEAN, 0), 0);
}

/* Spread of bands 30, 35, 35, 40, 60 = 60 − 30 = 30: over a 25 threshold. */
static void test_spread(void **state)
{
	(void)state;
	int b[] = {30, 35, 35, 40, 60};
	assert_int_equal(aw_spread(b, 5), 30);
	int one[] = {50};
	assert_int_equal(aw_spread(one, 1), 0);
}

/* Budget 1,000,000 yuan = 100,000,000 fen. Levels: award 3 places ×
 * 300,000 yuan (30,000,000 fen) at ≥ 600 points; nomination 5 × 20,000 yuan
 * (2,000,000 fen) at ≥ 500 points. Cost 3 × 30,000,000 + 5 × 2,000,000 =
 * 100,000,000 = the budget, exactly. Ranking 720, 650, 610, 590, 560, 480:
 * award, award, award, nomination, nomination, none; total 94,000,000. */
static void test_allocate_fits(void **state)
{
	(void)state;
	aw_level lv[] = {{"award", 3, 30000000, 60000}, {"nomination", 5, 2000000, 50000}};
	assert_int_equal(aw_levels_cost(lv, 2), 100000000);
	int64_t s[] = {72000, 65000, 61000, 59000, 56000, 48000};
	aw_alloc out[6];
	int refused = -1;
	int64_t total = aw_allocate(s, 6, lv, 2, 100000000, out, &refused);
	assert_int_equal(total, 94000000);
	assert_int_equal(refused, 0);
	assert_int_equal(out[0].level, 0);
	assert_int_equal(out[2].level, 0);
	assert_int_equal(out[3].level, 1);
	assert_int_equal(out[4].amount, 2000000);
	assert_int_equal(out[5].level, -1);
	assert_false(out[5].over_budget);
}

/* At the edge: budget 61,000,000 fen with the same levels. The first two
 * awards cost 60,000,000; the third award (30,000,000) would exceed the
 * budget, so the third applicant is refused it (over_budget) and the
 * nomination (2,000,000) does not fit the 1,000,000 left either; the 4th and
 * 5th reach only the nomination, which does not fit: 3 refused, total
 * 60,000,000 ≤ budget. 61,999,999 fen: the same (1,999,999 left < 2,000,000).
 * 62,000,000 fen: the third gets a nomination (610 ≥ 500 points; the award
 * refused and said so), total 62,000,000 = the budget; 2 refused. */
static void test_allocate_edge(void **state)
{
	(void)state;
	aw_level lv[] = {{"award", 3, 30000000, 60000}, {"nomination", 5, 2000000, 50000}};
	int64_t s[] = {72000, 65000, 61000, 59000, 56000};
	aw_alloc out[5];
	int refused = 0;
	assert_int_equal(aw_allocate(s, 5, lv, 2, 61000000, out, &refused), 60000000);
	assert_int_equal(refused, 3);
	assert_int_equal(out[2].level, -1);
	assert_true(out[2].over_budget);
	assert_int_equal(aw_allocate(s, 5, lv, 2, 61999999, out, &refused), 60000000);
	assert_int_equal(aw_allocate(s, 5, lv, 2, 62000000, out, &refused), 62000000);
	assert_int_equal(out[2].level, 1);
	assert_true(out[2].over_budget); /* the award did not fit: said so */
	assert_int_equal(refused, 2);
}

/* Ranking with ties: 720, 650, 650, 610 → 1, 2, 2, 4. */
static void test_rank(void **state)
{
	(void)state;
	int64_t s[] = {72000, 65000, 65000, 61000};
	int r[4];
	aw_rank(s, 4, r);
	assert_int_equal(r[0], 1);
	assert_int_equal(r[1], 2);
	assert_int_equal(r[2], 2);
	assert_int_equal(r[3], 4);
}

/* An expert employed by the applicant, or related to it, is excluded. */
static void test_conflict(void **state)
{
	(void)state;
	int64_t rel[] = {7, 9};
	assert_true(aw_conflict(5, rel, 2, 5));
	assert_true(aw_conflict(5, rel, 2, 9));
	assert_false(aw_conflict(5, rel, 2, 6));
	assert_false(aw_conflict(0, NULL, 0, 6));
}

/* Weights 30 + 25 + 25 + 20 = 100 pass; 30 + 25 + 25 + 15 = 95 fail; 0 fails. */
static void test_weights(void **state)
{
	(void)state;
	int ok[] = {30, 25, 25, 20}, short_[] = {30, 25, 25, 15}, zero[] = {100, 0};
	assert_true(as_weights_ok(ok, 4));
	assert_false(as_weights_ok(short_, 4));
	assert_false(as_weights_ok(zero, 2));
	assert_false(as_weights_ok(NULL, 0));
}

/* Weighted total: 30 % × 90 + 25 % × 80 + 25 % × 70 + 20 % × 100
 * = 27 + 20 + 17.5 + 20 = 84.5 → 8450 hundredths. */
static void test_total(void **state)
{
	(void)state;
	int w[] = {30, 25, 25, 20}, s[] = {90, 80, 70, 100};
	assert_int_equal(as_total(w, s, 4), 8450);
}

/* Veto takes precedence: the government with the best score (95.00) but a
 * veto finding ranks last and fails; the others rank by score:
 * 88.00 good (≥ 80), 91.50 excellent (≥ 90), 72.00 pass (≥ 60), 55.00 fail,
 * 88.00 tie → ranks 1 (91.50), 2, 2 (88.00), 4 (72.00), 5 (55.00), 6 vetoed. */
static void test_veto_precedence(void **state)
{
	(void)state;
	as_gov g[] = {{.id = 1, .total = 9500, .vetoed = 1},
		      {.id = 2, .total = 8800},
		      {.id = 3, .total = 9150},
		      {.id = 4, .total = 7200},
		      {.id = 5, .total = 5500},
		      {.id = 6, .total = 8800}};
	as_rank(g, 6, 9000, 8000, 6000);
	assert_int_equal(g[0].id, 3);
	assert_string_equal(g[0].result, "excellent");
	assert_int_equal(g[0].rank, 1);
	assert_int_equal(g[1].id, 2);
	assert_int_equal(g[1].rank, 2);
	assert_int_equal(g[2].id, 6);
	assert_int_equal(g[2].rank, 2);
	assert_string_equal(g[2].result, "good");
	assert_int_equal(g[3].rank, 4);
	assert_string_equal(g[3].result, "pass");
	assert_string_equal(g[4].result, "fail");
	assert_int_equal(g[5].id, 1);
	assert_int_equal(g[5].rank, 6);
	assert_string_equal(g[5].result, "vetoed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bands),         cmocka_unit_test(test_item_score),
		cmocka_unit_test(test_div_even),      cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_spread),        cmocka_unit_test(test_allocate_fits),
		cmocka_unit_test(test_allocate_edge), cmocka_unit_test(test_rank),
		cmocka_unit_test(test_conflict),      cmocka_unit_test(test_weights),
		cmocka_unit_test(test_total),         cmocka_unit_test(test_veto_precedence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
