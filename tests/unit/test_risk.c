/* test_risk.c — unit tests of risk monitoring's pure parts: the statistics
 * (src/modules/risk/stats.c) against values worked out by hand (shown in each
 * test), each signal rule (rules.c) and the plan allocator (alloc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "modules/risk/alloc.h"
#include "modules/risk/draw.h"
#include "modules/risk/rules.h"
#include "modules/risk/stats.h"

#define NEAR(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void test_binom_upper(void **state)
{
	(void)state;
	/* P(X>=3 | 10, 0.1) = 1 - (0.9^10 + 10·0.1·0.9^9 + 45·0.01·0.9^8)
	 *                   = 1 - (0.3486784401 + 0.387420489 + 0.1937102445) = 0.0701908264 */
	NEAR(rk_binom_upper(10, 3, 0.1), 0.0701908264, 1e-10);
	/* P(X>=5 | 5, 0.5) = 1/32 */
	NEAR(rk_binom_upper(5, 5, 0.5), 0.03125, 1e-12);
	/* P(X>=2 | 4, 0.5) = (6 + 4 + 1)/16 */
	NEAR(rk_binom_upper(4, 2, 0.5), 0.6875, 1e-12);
	/* P(X>=1 | 20, 0.05) = 1 - 0.95^20 = 1 - 0.3584859224 */
	NEAR(rk_binom_upper(20, 1, 0.05), 0.6415140776, 1e-10);
	/* edges */
	assert_true(rk_binom_upper(10, 0, 0.3) == 1.0);
	assert_true(rk_binom_upper(10, 11, 0.3) == 0.0);
	assert_true(rk_binom_upper(10, 1, 0.0) == 0.0);
	/* large n: neither the coefficients nor the powers overflow. By symmetry
	 * P(X>=500001 | 1e6, 0.5) = (1 - P(X=500000))/2; P(X=500000) ≈ 1/sqrt(pi·500000) = 0.000797884 */
	NEAR(rk_binom_upper(1000000, 500001, 0.5), (1 - 0.000797884) / 2, 1e-6);
	double tiny = rk_binom_upper(1000000, 600000, 0.5);
	assert_true(tiny >= 0 && tiny < 1e-300);
}

static void test_bh(void **state)
{
	(void)state;
	/* ascending 0.005, 0.01, 0.03, 0.04 (m = 4): p·m/j = 0.02, 0.02, 0.04, 0.04;
	 * running minimum from the top leaves them so. */
	double p[] = {0.01, 0.04, 0.03, 0.005}, q[4];
	rk_bh_adjust(p, 4, q);
	NEAR(q[0], 0.02, 1e-12);
	NEAR(q[1], 0.04, 1e-12);
	NEAR(q[2], 0.04, 1e-12);
	NEAR(q[3], 0.02, 1e-12);
	/* monotone: 0.02·2/1 = 0.04 > 0.03·2/2 = 0.03, so both are 0.03 */
	double p2[] = {0.02, 0.03}, q2[2];
	rk_bh_adjust(p2, 2, q2);
	NEAR(q2[0], 0.03, 1e-12);
	NEAR(q2[1], 0.03, 1e-12);
	/* capped at 1 */
	double p3[] = {0.9, 0.8}, q3[2];
	rk_bh_adjust(p3, 2, q3);
	NEAR(q3[0], 0.9, 1e-12);
	NEAR(q3[1], 0.9, 1e-12);
}

static void test_shrink(void **state)
{
	(void)state;
	/* (2 + 20·0.05)/(10 + 20) = 3/30 = 0.1 */
	NEAR(rk_shrink(2, 10, 0.05, 20), 0.1, 1e-12);
	assert_int_equal(rk_shrink_ppm(2, 10, 50000, 20), 100000);
	/* no history: the category's rate */
	assert_int_equal(rk_shrink_ppm(0, 0, 50000, 20), 50000);
	/* much history: its own rate, (300·1e6 + 20·50000)/1020 = 295098.04 → 295098 */
	assert_int_equal(rk_shrink_ppm(300, 1000, 50000, 20), 295098);
}

static void test_ewma(void **state)
{
	(void)state;
	int64_t n[] = {10, 10, 10};
	/* lambda 0.5, p0 0.1, L 2: z = 0.05, 0.025, 0.1625; var = 0.00225,
	 * 0.00225·0.25 + 0.00225 = 0.0028125, ·0.25 + 0.00225 = 0.002953125;
	 * ucl = 0.1 + 2·0.0543427 = 0.2086854: below */
	int64_t k1[] = {0, 0, 3};
	double z, ucl;
	assert_int_equal(rk_ewma(k1, n, 3, 0.1, 0.5, 2, &z, &ucl), 0);
	NEAR(z, 0.1625, 1e-12);
	NEAR(ucl, 0.2086854, 1e-6);
	/* 0.1, 0.3, 0.5: z = 0.1, 0.2, 0.35 > 0.2086854: a slow rise */
	int64_t k2[] = {1, 3, 5};
	assert_int_equal(rk_ewma(k2, n, 3, 0.1, 0.5, 2, &z, &ucl), 1);
	NEAR(z, 0.35, 1e-12);
	int64_t n0[] = {0, 0, 0};
	assert_int_equal(rk_ewma(k1, n0, 3, 0.1, 0.5, 2, &z, &ucl), -1);
}

static void test_wilson(void **state)
{
	(void)state;
	/* 5/10 at 1.96: centre 0.5, half-width 1.96·sqrt(0.025 + 0.009604)/1.38416 = 0.263410 */
	double lo, hi;
	rk_wilson(5, 10, 1.96, &lo, &hi);
	NEAR(lo, 0.236590, 1e-5);
	NEAR(hi, 0.763410, 1e-5);
	rk_wilson(0, 10, 1.96, &lo, &hi);
	assert_true(lo == 0 && hi > 0.2 && hi < 0.3); /* 3.8416/13.8416 = 0.27754 */
	NEAR(hi, 0.277540, 1e-5);
}

/* ---- rules ---- */

static rk_config cfg(void)
{
	return (rk_config){.over_factor = 5,
			   .min_n = 10,
			   .fdr = 0.05,
			   .from_period = 0,
			   .to_period = 11,
			   .ewma_lambda = 0.3,
			   .ewma_L = 3,
			   .recur_days = 365};
}

static int count(const rk_signals *s, int kind)
{
	int c = 0;
	for (int i = 0; i < s->n; i++)
		c += s->v[i].kind == kind;
	return c;
}

static const rk_signal *find(const rk_signals *s, int kind)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].kind == kind)
			return &s->v[i];
	return NULL;
}

static void test_rule_immediate(void **state)
{
	(void)state;
	rk_row r[] = {
		{.sample_id = 1,
		 .enterprise_id = 1,
		 .category_id = 1,
		 .analyte_id = 9,
		 .juris_id = 1,
		 .fail = 1,
		 .banned = 1},
		{.sample_id = 2,
		 .enterprise_id = 2,
		 .category_id = 1,
		 .analyte_id = 3,
		 .juris_id = 1,
		 .fail = 1,
		 .times = 6},
		{.sample_id = 3,
		 .enterprise_id = 3,
		 .category_id = 1,
		 .analyte_id = 3,
		 .juris_id = 1,
		 .fail = 1,
		 .times = 4},
		{.sample_id = 4,
		 .enterprise_id = 4,
		 .category_id = 1,
		 .analyte_id = 9,
		 .juris_id = 1,
		 .fail = 0,
		 .banned = 1},
	};
	rk_config c = cfg();
	rk_signals s = {0};
	assert_int_equal(rk_run_rules(r, 4, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_BANNED), 1);
	assert_int_equal(find(&s, RK_SIG_BANNED)->key, 1);
	assert_int_equal(count(&s, RK_SIG_OVER), 1); /* 6 times ≥ 5; 4 times is not */
	assert_int_equal(find(&s, RK_SIG_OVER)->key, 2);
	rk_signals_free(&s);
	/* the factor is configuration: at 7, 6 times over is no longer a signal */
	c.over_factor = 7;
	assert_int_equal(rk_run_rules(r, 4, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_OVER), 0);
	rk_signals_free(&s);
}

/* n items of (cat, analyte, juris) in `period`, the first k failing */
static int add(rk_row *r, int at, int n, int k, int64_t juris, int period, int64_t *sid)
{
	for (int i = 0; i < n; i++)
		r[at + i] = (rk_row){.sample_id = ++*sid,
				     .enterprise_id = *sid,
				     .category_id = 1,
				     .analyte_id = 2,
				     .juris_id = juris,
				     .period = period,
				     .day = period * 30,
				     .fail = i < k};
	return at + n;
}

static void test_rule_rate(void **state)
{
	(void)state;
	rk_row r[400];
	int64_t sid = 0;
	int n = add(r, 0, 20, 8, 1, 5, &sid); /* district 1: 8 of 20 */
	n = add(r, n, 100, 2, 2, 5, &sid);    /* district 2: 2 of 100 */
	n = add(r, n, 100, 3, 3, 5, &sid);    /* district 3: 3 of 100 */
	n = add(r, n, 5, 5, 4, 5, &sid);      /* district 4: 5 of 5, under the minimum cell size */
	rk_config c = cfg();
	rk_signals s = {0};
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_RATE), 1);
	const rk_signal *g = find(&s, RK_SIG_RATE);
	assert_int_equal(g->juris_id, 1);
	assert_int_equal(g->n, 20);
	assert_int_equal(g->k, 8);
	assert_int_equal(g->ref_n, 205);
	assert_int_equal(g->ref_k, 10);
	/* p0 = (10 + 0.5)/(205 + 1); the p-value is the exact tail at that rate */
	NEAR(g->p, rk_binom_upper(20, 8, 10.5 / 206), 1e-15);
	assert_true(g->p < 1e-4 && g->q <= 0.05);
	assert_int_equal(g->nsamples, 8);
	rk_signals_free(&s);
	/* with the minimum cell size at 30 the 20-sample district is not tested */
	c.min_n = 30;
	n = 0;
	sid = 0;
	n = add(r, 0, 20, 8, 1, 5, &sid);
	n = add(r, n, 100, 2, 2, 5, &sid);
	n = add(r, n, 100, 3, 3, 5, &sid);
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_RATE), 0);
	rk_signals_free(&s);
}

static void test_rule_trend(void **state)
{
	(void)state;
	rk_row r[400];
	int64_t sid = 0;
	int n = 0;
	/* district 1 climbs 0,0,0,1,4,7 failures of 10 a month; district 2 stays at 1 of 10 */
	const int climb[] = {0, 0, 0, 1, 4, 7};
	for (int m = 0; m < 6; m++) {
		n = add(r, n, 10, climb[m], 1, m, &sid);
		n = add(r, n, 10, 1, 2, m, &sid);
	}
	rk_config c = cfg();
	c.to_period = 5;
	rk_signals s = {0};
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_TREND), 1);
	const rk_signal *g = find(&s, RK_SIG_TREND);
	assert_int_equal(g->juris_id, 1);
	assert_true(g->stat > g->q); /* z above its limit */
	rk_signals_free(&s);
}

static void test_rule_recurrence(void **state)
{
	(void)state;
	rk_row r[] = {
		{.sample_id = 1, .enterprise_id = 7, .day = 100, .fail = 1, .juris_id = 1},
		{.sample_id = 2, .enterprise_id = 7, .day = 300, .fail = 1, .juris_id = 1},
		{.sample_id = 2, .enterprise_id = 7, .day = 300, .fail = 1, .juris_id = 1, .analyte_id = 5},
		{.sample_id = 3, .enterprise_id = 8, .day = 100, .fail = 1, .juris_id = 1},
		{.sample_id = 4, .enterprise_id = 8, .day = 500, .fail = 1, .juris_id = 1},
		{.sample_id = 5, .enterprise_id = 9, .day = 120, .fail = 0, .juris_id = 1},
		{.sample_id = 6, .enterprise_id = 9, .day = 130, .fail = 1, .juris_id = 1},
	};
	rk_config c = cfg();
	rk_signals s = {0};
	assert_int_equal(rk_run_rules(r, 7, &c, &s), 0);
	/* enterprise 7 again after 200 days; 8 after 400 (> 365); 9 failed once */
	assert_int_equal(count(&s, RK_SIG_RECUR), 1);
	const rk_signal *g = find(&s, RK_SIG_RECUR);
	assert_int_equal(g->enterprise_id, 7);
	assert_int_equal(g->key, 2);
	assert_int_equal(g->nsamples, 2);
	NEAR(g->stat, 200, 1e-9);
	rk_signals_free(&s);
}

static void test_rule_producer(void **state)
{
	(void)state;
	rk_row r[] = {
		{.sample_id = 1, .enterprise_id = 1, .producer_id = 9, .fail = 1, .juris_id = 1},
		{.sample_id = 2, .enterprise_id = 2, .producer_id = 9, .fail = 1, .juris_id = 2},
		{.sample_id = 3, .enterprise_id = 3, .producer_id = 10, .fail = 1, .juris_id = 1},
		{.sample_id = 4, .enterprise_id = 4, .producer_id = 10, .fail = 1, .juris_id = 1},
		{.sample_id = 5, .enterprise_id = 5, .producer_id = 11, .fail = 1, .juris_id = 1},
		{.sample_id = 6, .enterprise_id = 6, .producer_id = 11, .fail = 0, .juris_id = 3},
		{.sample_id = 7, .enterprise_id = 7, .producer_id = 0, .fail = 1, .juris_id = 4},
	};
	rk_config c = cfg();
	rk_signals s = {0};
	assert_int_equal(rk_run_rules(r, 7, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_PRODUCER), 1);
	const rk_signal *g = find(&s, RK_SIG_PRODUCER);
	assert_int_equal(g->producer_id, 9);
	assert_int_equal(g->n, 2);
	assert_int_equal(g->k, 2);
	rk_signals_free(&s);
}

/* HISTORY: a cell's current months against its own earlier months. With
 * the window 0..11 and cur_months 6, months 6..11 are current and 0..5 the
 * cell's history. History: 44 samples, 4 failing, so the baseline is
 * (4 + 0.5)/(44 + 1) = 0.1 exactly. Current: 10 samples, 5 failing.
 * P(X >= 5 | 10, 0.1) = 1 - (0.3486784401 + 0.3874204890 + 0.1937102445
 *   + 120·0.001·0.9^7 = 0.0573956280 + 210·0.0001·0.9^6 = 0.0111602610)
 *   = 1 - 0.9983650626 = 0.0016349374.
 * Alone (one jurisdiction: no rest of the province, so no RATE test) the
 * family is this one test and q = p. */
static void test_rule_history(void **state)
{
	(void)state;
	rk_row r[400];
	int64_t sid = 0;
	int n = add(r, 0, 44, 4, 1, 2, &sid); /* history: samples 1..44, 1..4 failing */
	n = add(r, n, 10, 5, 1, 8, &sid);     /* current: samples 45..54, 45..49 failing */
	rk_config c = cfg();
	c.cur_months = 6;
	rk_signals s = {0};
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_HISTORY), 1);
	assert_int_equal(count(&s, RK_SIG_RATE), 0);
	const rk_signal *g = find(&s, RK_SIG_HISTORY);
	assert_int_equal(g->juris_id, 1);
	assert_int_equal(g->n, 10);
	assert_int_equal(g->k, 5);
	assert_int_equal(g->ref_n, 44);
	assert_int_equal(g->ref_k, 4);
	NEAR(g->stat, 0.5, 1e-12);
	NEAR(g->p, 0.0016349374, 1e-10);
	NEAR(g->q, 0.0016349374, 1e-10);
	/* the evidence: the current months' failing samples, the latest first */
	assert_int_equal(g->nsamples, 5);
	assert_int_equal(g->samples[0], 49);
	assert_int_equal(g->samples[4], 45);
	rk_signals_free(&s);
	/* One family with RATE: a second district, 100 samples with 1 failing in
	 * month 2, adds two RATE tests (district 1: 9 of 54 against 1 of 100, p
	 * far below; district 2: 1 of 100 against 9 of 54, p near 1). HISTORY's
	 * p is then second of m = 3: q = 0.0016349374 × 3 / 2 = 0.0024524061. */
	n = add(r, n, 100, 1, 2, 2, &sid);
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_RATE), 1);
	g = find(&s, RK_SIG_HISTORY);
	assert_non_null(g);
	NEAR(g->p, 0.0016349374, 1e-10);
	NEAR(g->q, 0.0024524061, 1e-10);
	assert_true(find(&s, RK_SIG_RATE)->p < g->p);
	/* the order: RATE before HISTORY (rules.h) */
	assert_true(find(&s, RK_SIG_RATE) < g);
	rk_signals_free(&s);
	/* the rule is off at cur_months 0; a current side under min_n is not tested */
	c.cur_months = 0;
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_HISTORY), 0);
	rk_signals_free(&s);
	c.cur_months = 6;
	c.min_n = 11;
	assert_int_equal(rk_run_rules(r, n, &c, &s), 0);
	assert_int_equal(count(&s, RK_SIG_HISTORY), 0);
	rk_signals_free(&s);
}

/* The rows' order changes nothing: the same signals, order and evidence
 * when the rows come reversed (the rules aggregate by hash, then sort the
 * few signals by their key). */
static void test_rule_order(void **state)
{
	(void)state;
	rk_row r[600], v[600];
	int64_t sid = 0;
	int n = 0;
	const int climb[] = {0, 0, 1, 1, 2, 2, 4, 5, 6, 6, 7, 8};
	for (int m = 0; m < 12; m++) {
		n = add(r, n, 12, climb[m], 1, m, &sid);
		n = add(r, n, 12, 1, 2, m, &sid);
		n = add(r, n, 12, m == 3, 3, m, &sid);
	}
	for (int i = 0; i < n; i++) {
		r[i].enterprise_id = 1 + i % 7; /* recurrences */
		r[i].producer_id = 1 + i % 5;   /* producers in several districts */
		v[n - 1 - i] = r[i];
	}
	rk_config c = cfg();
	c.cur_months = 3;
	rk_signals a = {0}, b = {0};
	assert_int_equal(rk_run_rules(r, n, &c, &a), 0);
	assert_int_equal(rk_run_rules(v, n, &c, &b), 0);
	assert_true(count(&a, RK_SIG_RATE) + count(&a, RK_SIG_HISTORY) + count(&a, RK_SIG_TREND) >= 2);
	assert_true(count(&a, RK_SIG_RECUR) > 0 && count(&a, RK_SIG_PRODUCER) > 0);
	assert_int_equal(a.n, b.n);
	for (int i = 0; i < a.n; i++) {
		assert_int_equal(a.v[i].kind, b.v[i].kind);
		assert_int_equal(a.v[i].category_id, b.v[i].category_id);
		assert_int_equal(a.v[i].juris_id, b.v[i].juris_id);
		assert_int_equal(a.v[i].enterprise_id, b.v[i].enterprise_id);
		assert_int_equal(a.v[i].producer_id, b.v[i].producer_id);
		assert_int_equal(a.v[i].key, b.v[i].key);
		assert_int_equal(a.v[i].nsamples, b.v[i].nsamples);
		assert_memory_equal(a.v[i].samples, b.v[i].samples, sizeof(int64_t) * (size_t)a.v[i].nsamples);
		NEAR(a.v[i].p, b.v[i].p, 1e-15);
	}
	rk_signals_free(&a);
	rk_signals_free(&b);
	/* no rows, or no failing row: no signal, nothing touched (UBSan) */
	assert_int_equal(rk_run_rules(NULL, 0, &c, &a), 0);
	assert_int_equal(a.n, 0);
	for (int i = 0; i < n; i++)
		r[i].fail = 0;
	assert_int_equal(rk_run_rules(r, n, &c, &a), 0);
	assert_int_equal(a.n, 0);
	rk_signals_free(&a);
}

/* ---- allocator ---- */

static void test_alloc_hand(void **state)
{
	(void)state;
	/* A: 5/10 → 500000 ppm, B: 1/10 → 100000 ppm (no shrinkage), both 100 fen
	 * a batch, 1000 fen: the j-th batch is worth rate/j, so A's 1..5 (5,
	 * 2.5, 1.67, 1.25, 1 — tie with B's first, the lower index wins), B's
	 * first, A's 6..9: A 9, B 1. */
	rk_cell c[2] = {
		{.category = 0, .district = 0, .n = 10, .k = 5, .prior_ppm = 100000, .weight = 100, .cost = 100},
		{.category = 0, .district = 1, .n = 10, .k = 1, .prior_ppm = 100000, .weight = 100, .cost = 100},
	};
	rk_alloc_in in = {.budget = 1000, .strength = 0, .ncat = 1, .ndist = 2};
	int64_t total;
	assert_int_equal(rk_allocate(&in, c, 2, &total), RK_ALLOC_OK);
	assert_int_equal(c[0].batches, 9);
	assert_int_equal(c[1].batches, 1);
	assert_int_equal(total, 1000);
	/* a weight of 5× for B's food: now B's 1..5 lead */
	c[1].weight = 500;
	assert_int_equal(rk_allocate(&in, c, 2, &total), RK_ALLOC_OK);
	assert_int_equal(c[0].batches, 5);
	assert_int_equal(c[1].batches, 5);
}

static void test_alloc_floors_budget(void **state)
{
	(void)state;
	/* C has no failures (rate 0 with no prior): only a floor gives it a batch */
	rk_cell c[3] = {
		{.category = 0, .district = 0, .n = 10, .k = 5, .weight = 100, .cost = 300},
		{.category = 0, .district = 1, .n = 10, .k = 1, .weight = 100, .cost = 250},
		{.category = 1, .district = 0, .n = 10, .k = 0, .weight = 100, .cost = 170},
	};
	rk_alloc_in in = {.budget = 2000, .strength = 0, .ncat = 2, .ndist = 2};
	int64_t total;
	assert_int_equal(rk_allocate(&in, c, 3, &total), RK_ALLOC_OK);
	assert_int_equal(c[2].batches, 0);
	assert_true(total <= 2000);
	in.floor_cat = 1;
	in.floor_dist = 2;
	assert_int_equal(rk_allocate(&in, c, 3, &total), RK_ALLOC_OK);
	assert_int_equal(c[2].batches, 1);
	assert_int_equal(c[2].floor, 1);
	assert_true(c[1].batches >= 2); /* district 1 has only B */
	assert_true(total <= 2000);
	int64_t sum = 0;
	for (int i = 0; i < 3; i++)
		sum += c[i].batches * c[i].cost;
	assert_int_equal(sum, total);
	/* nothing else fits: what is left is less than the cheapest batch */
	assert_true(2000 - total < 170);
	/* deterministic: the same input, the same plan */
	rk_cell d[3];
	memcpy(d, c, sizeof(c));
	int64_t t2;
	assert_int_equal(rk_allocate(&in, d, 3, &t2), RK_ALLOC_OK);
	assert_int_equal(t2, total);
	for (int i = 0; i < 3; i++)
		assert_int_equal(d[i].batches, c[i].batches);
	/* refusals */
	in.budget = 0;
	assert_int_equal(rk_allocate(&in, c, 3, &total), RK_ALLOC_NO_BUDGET);
	in.budget = 500; /* floors need 170 + 250·2 at least */
	assert_int_equal(rk_allocate(&in, c, 3, &total), RK_ALLOC_FLOORS);
	in.budget = 2000;
	c[1].cost = 0;
	assert_int_equal(rk_allocate(&in, c, 3, &total), RK_ALLOC_NO_COST);
}

/* Many random cells: never over budget, every floor met. */
static void test_alloc_random(void **state)
{
	(void)state;
	enum { NC = 5, ND = 7, NL = 4, N = NC * ND * NL };
	rk_cell c[N];
	unsigned seed = 12345;
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		int64_t n = (seed >> 16) % 60;
		c[i] = (rk_cell){.category = i % NC,
				 .district = (i / NC) % ND,
				 .link = i / (NC * ND),
				 .n = n,
				 .k = n ? (int64_t)((seed >> 8) % (unsigned)(n / 4 + 1)) : 0,
				 .prior_ppm = 40000,
				 .weight = 100 + (i % 3) * 50,
				 .cost = 80000 + (int64_t)((seed >> 4) % 90000),
				 .cap = 40};
	}
	rk_alloc_in in = {.budget = 31600000, .strength = 20, .ncat = NC, .ndist = ND, .floor_cat = 5, .floor_dist = 3};
	int64_t total;
	assert_int_equal(rk_allocate(&in, c, N, &total), RK_ALLOC_OK);
	assert_true(total <= in.budget);
	int64_t cat[NC] = {0}, dist[ND] = {0};
	for (int i = 0; i < N; i++) {
		cat[c[i].category] += c[i].batches;
		dist[c[i].district] += c[i].batches;
		assert_true(c[i].batches <= 40);
	}
	for (int i = 0; i < NC; i++)
		assert_true(cat[i] >= 5);
	for (int i = 0; i < ND; i++)
		assert_true(dist[i] >= 3);
}

/* ---- the 双随机 draw ---- */

static void test_draw(void **state)
{
	(void)state;
	unsigned char seed[RK_SEED_BYTES] = {0}, other[RK_SEED_BYTES] = {0};
	for (int i = 0; i < RK_SEED_BYTES; i++)
		seed[i] = (unsigned char)i;
	other[0] = 1;
	int a[10], b[10], c[10];
	rk_rng r;
	/* the same seed and list, the same draw */
	assert_int_equal(rk_rng_init(&r, seed, 256), 0);
	assert_int_equal(rk_draw(&r, 50, 10, a), 0);
	rk_rng_free(&r);
	assert_int_equal(rk_rng_init(&r, seed, 256), 0);
	assert_int_equal(rk_draw(&r, 50, 10, b), 0);
	rk_rng_free(&r);
	assert_memory_equal(a, b, sizeof a);
	/* distinct places within the list */
	for (int i = 0; i < 10; i++) {
		assert_true(a[i] >= 0 && a[i] < 50);
		for (int j = 0; j < i; j++)
			assert_int_not_equal(a[i], a[j]);
	}
	/* another seed, another draw */
	assert_int_equal(rk_rng_init(&r, other, 256), 0);
	assert_int_equal(rk_draw(&r, 50, 10, c), 0);
	rk_rng_free(&r);
	assert_true(memcmp(a, c, sizeof a) != 0);
	/* more places than candidates: refused */
	assert_int_equal(rk_rng_init(&r, seed, 256), 0);
	assert_int_equal(rk_draw(&r, 3, 4, c), -1);
	/* all of them: a permutation */
	int all[5], seen = 0;
	assert_int_equal(rk_draw(&r, 5, 5, all), 0);
	for (int i = 0; i < 5; i++)
		seen |= 1 << all[i];
	assert_int_equal(seen, 31);
	rk_rng_free(&r);
	/* no modulo bias: over many draws of 1 of 3, each near a third */
	int cnt[3] = {0};
	assert_int_equal(rk_rng_init(&r, seed, 40000), 0);
	for (int i = 0; i < 30000; i++) {
		int64_t x = rk_rng_below(&r, 3);
		assert_true(x >= 0 && x < 3);
		cnt[x]++;
	}
	rk_rng_free(&r);
	for (int i = 0; i < 3; i++)
		assert_true(cnt[i] > 9600 && cnt[i] < 10400); /* ±4 % of 10000: about 4.9 standard deviations */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_binom_upper),     cmocka_unit_test(test_bh),
		cmocka_unit_test(test_shrink),          cmocka_unit_test(test_ewma),
		cmocka_unit_test(test_wilson),          cmocka_unit_test(test_rule_immediate),
		cmocka_unit_test(test_rule_rate),       cmocka_unit_test(test_rule_trend),
		cmocka_unit_test(test_rule_recurrence), cmocka_unit_test(test_rule_producer),
		cmocka_unit_test(test_rule_history),    cmocka_unit_test(test_rule_order),
		cmocka_unit_test(test_alloc_hand),      cmocka_unit_test(test_alloc_floors_budget),
		cmocka_unit_test(test_alloc_random),    cmocka_unit_test(test_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
