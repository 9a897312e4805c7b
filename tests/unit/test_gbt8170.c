/* test_gbt8170.c — unit tests for src/lib/gbt8170.c. Rounding: DOMAIN.md §1.3
 * cases R1–R8 (GB/T 8170-2008 §3.2), negative numbers (§3.2.5), 0.5 and 0.2
 * units (§3.4), no successive rounding (§3.3.1) and (+)/(−) marks (§3.3.2).
 * Judgement: DOMAIN §1.5 cases J1–J12 by both methods (§4.3.1 / §4.3.2),
 * every limit form, marks at a bound, ND limits and not-detected results.
 * Every expectation is worked by hand in the comment beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/gbt8170.h"

/* ---- rounding ---------------------------------------------------------------- */

static void R(const char *value, const char *interval, const char *want)
{
	char buf[DEC_STRMAX + 4];
	const char *why = NULL;

	assert_int_equal(gbt_round_str(value, interval, 0, buf, sizeof buf, &why), 0);
	assert_string_equal(buf, want);
}

static void REPORT(const char *value, const char *interval, const char *want)
{
	char buf[DEC_STRMAX + 4];
	const char *why = NULL;

	assert_int_equal(gbt_round_str(value, interval, 1, buf, sizeof buf, &why), 0);
	assert_string_equal(buf, want);
}

static void test_round_domain_cases(void **state)
{
	R("12.1498", "1", "12");     /* R1 §3.2.1: discarded 1 < 5 */
	R("12.1498", "0.1", "12.1"); /* R2 §3.2.1 */
	R("1268", "100", "1300");    /* R3 §3.2.2: discarded 6 > 5 (13×10²) */
	R("10.5002", "1", "11");     /* R4 §3.2.3: 5 then non-zero */
	R("1.050", "0.1", "1.0");    /* R5 §3.2.4: 5 + zeros, retained 0 even */
	R("0.35", "0.1", "0.4");     /* R6 §3.2.4: retained 3 odd */
	R("2500", "1000", "2000");   /* R7 §3.2.4: retained 2 even (2×10³) */
	R("3500", "1000", "4000");   /* R8 §3.2.4: retained 3 odd (4×10³) */
}

static void test_round_more(void **state)
{
	/* §3.2.5 negative numbers: round |x| then re-apply the sign */
	R("-355", "10", "-360");         /* 35|5, 5 odd → 36 */
	R("-325", "10", "-320");         /* 32|5, 2 even → 32 */
	R("-0.0365", "0.001", "-0.036"); /* 0.036|5, 6 even → drop */
	/* exact decimal, not binary: 2.675 → 2.68 (7 odd) */
	R("2.675", "0.01", "2.68");
	R("2.665", "0.01", "2.66");
	/* §3.3.1 no successive rounding: 15.4546 → 15 in one step (the
	 * forbidden chain 15.455 → 15.46 → 15.5 → 16 gives 16) */
	R("15.4546", "1", "15");
	/* padding keeps the interval's places */
	R("12", "0.01", "12.00");
	R("0.04", "0.1", "0.0");
	R("-0.04", "0.1", "0.0"); /* zero carries no sign */
	R("9.96", "0.1", "10.0");
	R("1.50e1", "1", "15"); /* exponent input */
}

static void test_round_half_and_fifth_units(void **state)
{
	/* §3.4.1 0.5 unit: 2X, round to 1, halve */
	R("60.25", "0.5", "60.0");   /* 120.50 → 120 (0 even) → 60.0 */
	R("60.38", "0.5", "60.5");   /* 120.76 → 121 → 60.5 */
	R("60.28", "0.5", "60.5");   /* 120.56 → 121 → 60.5 (DOMAIN §1.2) */
	R("-60.75", "0.5", "-61.0"); /* 121.50 → 122 (1 odd) → 61.0 */
	R("12.5", "5", "10");        /* 2X = 25 → 2|5, 2 even → 20 → 10 */
	R("1275", "50", "1300");     /* 2X = 2550 → 25|50, 5 odd → 2600 → 1300 */
	R("0.125", "0.05", "0.10");  /* 2X = 0.250 → 0.2|50, 2 even → 0.2 → 0.10 */
	/* §3.4.2 0.2 unit: 5X, round, divide by 5 */
	R("830", "20", "840");     /* 4150 → 41|50, 1 odd → 4200 → 840 */
	R("842", "20", "840");     /* 4210 → 4200 → 840 */
	R("-930", "20", "-920");   /* 4650 → 46|50, 6 even → 4600 → 920 */
	R("1.23", "0.02", "1.24"); /* 6.15 → 6.1|5, 1 odd → 6.2 → 1.24 */
}

/* Ties half-way between two multiples of 0.2 units follow the even rule on
 * 5X (§3.4.2 then §3.2.4), so they do not always go the same way. */
static void test_round_fifth_unit_ties(void **state)
{
	R("1.21", "0.02", "1.20"); /* 6.05 → 6.0|5, 0 even → 6.0 → 1.20 */
	R("1.23", "0.02", "1.24"); /* 6.15 → 6.2 (1 odd) → 1.24 */
	R("0.3", "0.2", "0.4");    /* 1.5 → 2 (1 odd) → 0.4 */
	R("0.5", "0.2", "0.4");    /* 2.5 → 2 (2 even) → 0.4 */
	R("0.7", "0.2", "0.8");    /* 3.5 → 4 (3 odd) → 0.8 */
}

static void test_round_marks(void **state)
{
	/* §3.3.2: report to 0.1 with a mark, then the judge rounds to 1 */
	REPORT("15.4546", "0.1", "15.5(-)");   /* rounded up: true value smaller */
	REPORT("-15.4546", "0.1", "-15.5(-)"); /* |x| rounded up */
	REPORT("16.5203", "0.1", "16.5(+)");   /* rounded down: true value larger */
	REPORT("-16.5203", "0.1", "-16.5(+)");
	REPORT("17.5000", "0.1", "17.5"); /* exact: no mark */
	REPORT("15.4346", "0.1", "15.4"); /* last digit not 5: no mark */
	R("15.5(-)", "1", "15");          /* tie, (−) → drop */
	R("-15.5(-)", "1", "-15");
	R("16.5(+)", "1", "17"); /* tie, (+) → up */
	R("-16.5(+)", "1", "-17");
	R("17.5", "1", "18");     /* tie, 7 odd → up */
	R("16.50(+)", "1", "17"); /* discarded "50" is a tie too */
	R("16.51(-)", "1", "17"); /* not a tie: mark irrelevant */
	R("16.45(+)", "1", "16");
	R("14.5(+)", "1", "15");   /* (+) overrides the even rule */
	R("15.5(-)", "1", "15");   /* (−) overrides the odd rule */
	R("16.5（+）", "1", "17"); /* full-width parentheses */
	R("16.5(−)", "1", "16");   /* U+2212 minus */
	R("16.5 (-)", "1", "16");
	R("60.25(+)", "0.5", "60.5"); /* 2X = 120.50(+) → 121 → 60.5 */
	/* nothing discarded: the mark is carried */
	REPORT("16.5(+)", "0.1", "16.5(+)");
	REPORT("16.5(+)", "0.01", "16.50(+)");
}

static void test_round_errors(void **state)
{
	static const char *const bad_intervals[] = {"0.3", "0", "-1", "0.25", "abc", "3", "15", ""};
	static const char *const bad_values[] = {"abc", "1.5(x)", "0(+)", "",    "1.5 (+) x",
						 "1,5", "1.5(+",  "ND",   "<0.1"};
	char buf[8];
	const char *why = NULL;

	for (size_t i = 0; i < sizeof bad_intervals / sizeof bad_intervals[0]; i++) {
		why = NULL;
		assert_int_equal(gbt_round_str("1.5", bad_intervals[i], 0, buf, sizeof buf, &why), -1);
		assert_non_null(why);
	}
	for (size_t i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		why = NULL;
		assert_int_equal(gbt_round_str(bad_values[i], "1", 0, buf, sizeof buf, &why), -1);
		assert_non_null(why);
	}
	assert_int_equal(gbt_round_str("12345678", "1", 0, buf, sizeof buf, &why), -1);
	assert_int_equal(gbt_round_str("15.4546", "0.1", 1, buf, 6, &why), -1); /* "15.5" + "(-)" */
}

static void test_parse_interval(void **state)
{
	struct gbt_interval iv;

	assert_int_equal(gbt_parse_interval("0.5", &iv, NULL), 0);
	assert_int_equal(iv.unit, 5);
	assert_int_equal(iv.exp, -1);
	assert_int_equal(gbt_parse_interval("100", &iv, NULL), 0);
	assert_int_equal(iv.unit, 1);
	assert_int_equal(iv.exp, 2);
	assert_int_equal(gbt_parse_interval("0.020", &iv, NULL), 0);
	assert_int_equal(iv.unit, 2);
	assert_int_equal(iv.exp, -2);
	assert_int_equal(gbt_parse_interval("1e-3", &iv, NULL), 0);
	assert_int_equal(iv.unit, 1);
	assert_int_equal(iv.exp, -3);
}

/* ---- judgement ------------------------------------------------------------- */

/* Judge by one method; `rounded` is the expected rounded value or NULL. */
static void J(const char *value, const char *limit, int method, const char *interval, int pass, const char *rounded)
{
	struct gbt_judge_opts o = {method, NULL, interval};
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge(value, limit, &o, &v, &why), 0);
	assert_int_equal(v.pass, pass);
	if (rounded) {
		assert_true(v.rounded);
		assert_string_equal(v.value, rounded);
	} else {
		assert_false(v.rounded);
		assert_string_equal(v.value, "");
	}
}

static void full(const char *value, const char *limit, int pass)
{
	J(value, limit, GBT_FULL, NULL, pass, NULL);
}

static void test_judge_domain_table(void **state)
{
	/* J1–J4 ≥14×100 MPa, rounded to hundreds */
	J("1349", ">=1400", GBT_FULL, NULL, 0, NULL);
	J("1349", ">=1400", GBT_ROUNDED, "100", 0, "1300");
	J("1351", ">=1400", GBT_FULL, NULL, 0, NULL);
	J("1351", ">=1400", GBT_ROUNDED, "100", 1, "1400");
	J("1400", ">=1400", GBT_FULL, NULL, 1, NULL);
	J("1400", ">=1400", GBT_ROUNDED, "100", 1, "1400");
	J("1402", ">=1400", GBT_FULL, NULL, 1, NULL);
	J("1402", ">=1400", GBT_ROUNDED, "100", 1, "1400");
	/* J5–J8 NaOH ≥97.0 % */
	J("97.01", "≥97.0", GBT_FULL, NULL, 1, NULL);
	J("97.01", "≥97.0", GBT_ROUNDED, NULL, 1, "97.0");
	J("97.00", "≥97.0", GBT_FULL, NULL, 1, NULL);
	J("97.00", "≥97.0", GBT_ROUNDED, NULL, 1, "97.0");
	J("96.96", "≥97.0", GBT_FULL, NULL, 0, NULL);
	J("96.96", "≥97.0", GBT_ROUNDED, NULL, 1, "97.0");
	J("96.94", "≥97.0", GBT_FULL, NULL, 0, NULL);
	J("96.94", "≥97.0", GBT_ROUNDED, NULL, 0, "96.9");
	/* J9–J12 Si ≤0.5 % */
	J("0.452", "≤0.5", GBT_FULL, NULL, 1, NULL);
	J("0.452", "≤0.5", GBT_ROUNDED, NULL, 1, "0.5");
	J("0.500", "≤0.5", GBT_FULL, NULL, 1, NULL);
	J("0.500", "≤0.5", GBT_ROUNDED, NULL, 1, "0.5");
	J("0.549", "≤0.5", GBT_FULL, NULL, 0, NULL);
	J("0.549", "≤0.5", GBT_ROUNDED, NULL, 1, "0.5");
	J("0.551", "≤0.5", GBT_FULL, NULL, 0, NULL);
	J("0.551", "≤0.5", GBT_ROUNDED, NULL, 0, "0.6");
}

static void test_judge_forms(void **state)
{
	/* §4.2 one-sided */
	full("0.5", "<0.5", 0);
	full("0.49", "<0.5", 1);
	full("0.5", "＜0.5", 0);
	full("97.0", ">97.0", 0);
	full("97.01", "＞97.0", 1);
	full("0.02", "<=0.02", 1); /* P1 chlorpyrifos MRL 0.02 mg/kg, §2.3 */
	full("0.021", "≤0.02", 0);
	full("-5", ">=-5", 1);
	full("-5.01", ">= -5", 0);
	/* inclusive range A~B */
	full("5.0", "5.0~7.5", 1);
	full("7.5", "5.0～7.5", 1);
	full("7.51", "5.0~7.5", 0);
	full("4.99", "5.0 ~ 7.5", 0);
	/* exclusive and mixed */
	full("5.0", "5.0<x<7.5", 0);
	full("5.01", "5.0<x<7.5", 1);
	full("5.0", "5.0<=x<7.5", 1);
	full("7.5", "5.0≤x<7.5", 0);
	full("7.5", "5.0＜X≤7.5", 1);
	/* tolerance A±T, inclusive */
	full("9.9", "10.0±0.1", 1);
	full("10.1", "10.0±0.1", 1);
	full("10.11", "10.0±0.1", 0);
	full("9.89", "10.0+-0.1", 0);
	J("10.14", "10.0±0.1", GBT_ROUNDED, NULL, 1, "10.1");
	J("10.15", "10.0±0.1", GBT_ROUNDED, NULL, 0, "10.2");   /* 10.1|5, 1 odd → up */
	J("10.05", "10.0±0.10", GBT_ROUNDED, NULL, 1, "10.05"); /* places 2: no rounding */
	/* food limits: Pb in rice ≤0.2 mg/kg (F1), benzoic acid ≤1.0 g/kg (A1) */
	full("0.21", "≤0.2", 0);
	full("1.0", "≤1.0", 1);
}

static void test_judge_rounded_food(void **state)
{
	/* rounding to the limit's place (§4.3.2): 0.24 → 0.2 passes ≤0.2,
	 * 0.25 → 0.2 (2 even) passes, 0.26 → 0.3 fails */
	J("0.24", "≤0.2", GBT_ROUNDED, NULL, 1, "0.2");
	J("0.25", "≤0.2", GBT_ROUNDED, NULL, 1, "0.2");
	J("0.26", "≤0.2", GBT_ROUNDED, NULL, 0, "0.3");
	J("1.05", "≤1.0", GBT_ROUNDED, NULL, 1, "1.0"); /* 1.0|5, 0 even */
	J("1.15", "≤1.0", GBT_ROUNDED, NULL, 0, "1.2");
	/* integer limit: places 0 */
	J("100.4", "≤100", GBT_ROUNDED, NULL, 1, "100");
	J("100.5", "≤100", GBT_ROUNDED, NULL, 1, "100"); /* 0 even */
	J("101.5", "≤100", GBT_ROUNDED, NULL, 0, "102");
	/* explicit 0.5 interval */
	J("60.28", "≤60.0", GBT_ROUNDED, "0.5", 0, "60.5");
	J("60.25", "≤60.0", GBT_ROUNDED, "0.5", 1, "60.0");
}

static void test_judge_marks(void **state)
{
	/* §4.3.1 with marks: equal to the bound, the mark decides */
	full("0.50(+)", "≤0.5", 0); /* true value > 0.50 */
	full("0.50(-)", "≤0.5", 1);
	full("0.50(-)", "<0.50", 1); /* true value < 0.50 */
	full("0.50(+)", ">0.50", 1);
	full("-0.5(+)", ">=-0.5", 0); /* |true| > 0.5: true < -0.5 */
	full("-0.5(-)", ">-0.5", 1);  /* true in (-0.5, -0.45) */
	full("0.45(+)", "≤0.5", 1);   /* not at the bound: mark irrelevant */
	/* §4.3.2 with marks: the mark decides the tie when rounding */
	J("0.55(-)", "≤0.5", GBT_ROUNDED, NULL, 1, "0.5");
	J("0.55(+)", "≤0.5", GBT_ROUNDED, NULL, 0, "0.6");
	J("0.55", "≤0.5", GBT_ROUNDED, NULL, 0, "0.6"); /* 5 odd → up */
	J("0.45", "≤0.5", GBT_ROUNDED, NULL, 1, "0.4"); /* 4 even → drop */
}

/* Judge by full comparison and expect GBT_UNDECIDED (a person decides). */
static void undecided(const char *value, const char *limit)
{
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge(value, limit, NULL, &v, &why), GBT_UNDECIDED);
	assert_non_null(why);
}

/* GB/T 8170-2008 §3.3.2 with §3.2.4: x(+) stands for (x, x + h], x(−) for
 * [x − h, x), h half a unit of x's last digit, the far end included only
 * when x's last digit is even (a tie there rounds to x). Decided when the
 * whole interval lies on one side of the limit, else undecided. Worked by
 * hand in each comment. */
static void test_judge_marks_as_intervals_gbt8170_3_3_2(void **state)
{
	/* 0.5(+): (0.50, 0.55), 5 odd so 0.55 (→ 0.6) is not in it */
	undecided("0.5(+)", "≤0.52");
	full("0.5(+)", "≤0.55", 1); /* every point < 0.55 */
	full("0.5(+)", "<0.55", 1);
	full("0.5(+)", "≤0.50", 0); /* every point > 0.50 */
	full("0.5(+)", "≤0.48", 0);
	full("0.5(+)", "≤0.56", 1);
	full("0.5(+)", "≤0.6", 1);
	/* 0.2(+): (0.20, 0.25], 2 even so 0.25 (→ 0.2) is in it: issue 12 case */
	full("0.2(+)", "≤0.25", 1);
	undecided("0.2(+)", "<0.25"); /* 0.25 itself would fail */
	full("0.2(+)", "≥0.2", 1);
	/* 0.5(-): (0.45, 0.50) */
	undecided("0.5(-)", "≥0.48");
	full("0.5(-)", "≥0.52", 0);
	full("0.5(-)", "≥0.45", 1);
	/* 0.4(-): [0.35, 0.40), 4 even: 0.35 (→ 0.4) is in it */
	undecided("0.4(-)", ">0.35");
	full("0.4(-)", "≥0.35", 1);
	/* negative: -0.5(+) means -0.55 < true < -0.50 */
	undecided("-0.5(+)", "≥-0.52");
	full("-0.5(+)", "≥-0.48", 0);
	/* must not catch: an unmarked value is a point */
	full("0.52", "≤0.52", 1);
	/* detection limit the same way: 0.1(-) is (0.05, 0.10) */
	struct gbt_verdict v;
	const char *why = NULL;
	assert_int_equal(gbt_judge("0.1(-)", "ND", &(struct gbt_judge_opts){GBT_FULL, "0.098", NULL}, &v, &why),
			 GBT_UNDECIDED);
	assert_int_equal(gbt_judge("0.1(-)", "ND", &(struct gbt_judge_opts){GBT_FULL, "0.1", NULL}, &v, &why), 0);
	assert_int_equal(v.pass, 1);
}

/* Issue 12 point 3: converting a marked value converts its interval, not its
 * digits. 0.1(-) mg/kg = (0.05, 0.10) mg/kg = (50, 100) μg/kg; padded to
 * "100" its interval would wrongly be (99.5, 100). */
static void test_marked_value_unit_conversion_keeps_interval(void **state)
{
	struct gbt_value x;
	struct gbt_limit lim;
	struct gbt_verdict v;
	struct gbt_interval iv;
	const char *why = NULL;
	dec lo, hi;
	int lo_in, hi_in;
	char a[DEC_STRMAX], b[DEC_STRMAX];

	assert_int_equal(gbt_parse_value("0.1(-)", &x, NULL), 0);
	assert_int_equal(gbt_value_shift(&x, 3), DEC_OK);
	assert_int_equal(gbt_value_interval(&x, &lo, &lo_in, &hi, &hi_in), 0);
	dec_format(&lo, a, sizeof a), dec_format(&hi, b, sizeof b);
	assert_string_equal(a, "50");
	assert_string_equal(b, "100");
	assert_false(lo_in), assert_false(hi_in);
	assert_int_equal(gbt_parse_limit("≤97", &lim, NULL), 0);
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_FULL, NULL, NULL, &v, &why), GBT_UNDECIDED);
	/* rounded to 1 μg/kg the ends round to 50 and 100: still both sides */
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_ROUNDED, NULL, NULL, &v, &why), GBT_UNDECIDED);
	/* must not catch: a limit outside the interval decides */
	assert_int_equal(gbt_parse_limit("≤100", &lim, NULL), 0);
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_FULL, NULL, NULL, &v, &why), 0);
	assert_int_equal(v.pass, 1);
	assert_int_equal(gbt_parse_limit("≤40", &lim, NULL), 0);
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_FULL, NULL, NULL, &v, &why), 0);
	assert_int_equal(v.pass, 0);
	/* the other way: 97(+) μg/kg = (97, 97.5) μg/kg = (0.097, 0.0975) mg/kg */
	assert_int_equal(gbt_parse_value("97(+)", &x, NULL), 0);
	assert_int_equal(gbt_value_shift(&x, -3), DEC_OK);
	assert_int_equal(gbt_parse_limit("≤0.1", &lim, NULL), 0);
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_FULL, NULL, NULL, &v, &why), 0);
	assert_int_equal(v.pass, 1);
	assert_int_equal(gbt_parse_limit("≤0.097", &lim, NULL), 0);
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_FULL, NULL, NULL, &v, &why), 0);
	assert_int_equal(v.pass, 0);
	/* exponent form: 1.5e2(+) has its last digit in the tens: (150, 155) */
	assert_int_equal(gbt_parse_value("1.5e2(+)", &x, NULL), 0);
	assert_int_equal(x.digit_exp, 1);
	assert_int_equal(gbt_parse_limit("≤152", &lim, NULL), 0);
	assert_int_equal(gbt_judge_parsed(&x, &lim, GBT_FULL, NULL, NULL, &v, &why), GBT_UNDECIDED);
	(void)iv;
}

/* Issue 12 point 5 / GB/T 8170-2008 4.3.2: the value is rounded to the
 * limit's own place; a coarser interval is bad input (-1), not a verdict. */
static void test_rounded_interval_coarser_than_limit_refused_gbt8170_4_3_2(void **state)
{
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge("0.24", "≤0.25", &(struct gbt_judge_opts){GBT_ROUNDED, NULL, "0.1"}, &v, &why), -1);
	assert_non_null(why);
	assert_int_equal(gbt_judge("0.4", "≤0.5", &(struct gbt_judge_opts){GBT_ROUNDED, NULL, "1"}, &v, &why), -1);
	assert_int_equal(gbt_judge("0.19", "≤0.20", &(struct gbt_judge_opts){GBT_ROUNDED, NULL, "0.1"}, &v, &why), -1);
	assert_int_equal(gbt_judge("60.2", "≤60.3", &(struct gbt_judge_opts){GBT_ROUNDED, NULL, "0.5"}, &v, &why), -1);
	/* must not catch: the limit's own place, a 0.5 grid through the limit,
	 * an integer limit written to hundreds (GB/T 8170 Table 2, 14×100) */
	J("0.24", "≤0.25", GBT_ROUNDED, "0.01", 1, "0.24");
	J("60.28", "≤60.0", GBT_ROUNDED, "0.5", 0, "60.5");
	J("1351", ">=1400", GBT_ROUNDED, "100", 1, "1400");
	/* full comparison ignores the interval */
	J("0.24", "≤0.25", GBT_FULL, "0.1", 1, NULL);
}

static void nd(const char *value, const char *limit, const char *lod, int pass)
{
	struct gbt_judge_opts o = {GBT_FULL, lod, NULL};
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge(value, limit, &o, &v, &why), 0);
	assert_int_equal(v.pass, pass);
}

static void nd_error(const char *value, const char *limit, const char *lod)
{
	struct gbt_judge_opts o = {GBT_FULL, lod, NULL};
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge(value, limit, &o, &v, &why), -1);
	assert_non_null(why);
}

/* A result that cannot be decided (a person decides): not bad input. */
static void nd_undecided(const char *value, const char *limit, const char *lod)
{
	struct gbt_judge_opts o = {GBT_FULL, lod, NULL};
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge(value, limit, &o, &v, &why), GBT_UNDECIDED);
	assert_non_null(why);
}

static void test_judge_nd_limit(void **state)
{
	struct gbt_judge_opts o = {GBT_FULL, "0.1", NULL};
	struct gbt_verdict v;

	/* 不得检出 (§2.6): detected if ≥ LOD */
	nd("0.239", "ND", "0.1", 0);     /* X2 clenbuterol 0.239 μg/kg → 不合格 */
	nd("63.4", "不得检出", NULL, 0); /* X1 malachite green 63.4 μg/kg, no LOD given: > 0 */
	nd("0.05", "ND", "0.1", 1);      /* below the LOD: not detected */
	nd("0.1", "ND", "0.1", 0);       /* at the LOD: detected */
	nd("0.10(-)", "ND", "0.1", 1);   /* true value just below the LOD */
	nd("0", "ND", NULL, 1);
	nd("ND", "ND", NULL, 1);
	nd("未检出", "ND", "0.5", 1);
	nd("<LOD", "ND", NULL, 1);
	nd("<0.5", "ND", NULL, 1);
	nd("n.d.", "nd", NULL, 1);
	assert_int_equal(gbt_judge("0.239", "ND", &o, &v, NULL), 0);
	assert_int_equal(v.detected, 1);
	/* rounded method on an ND limit: no rounding, verdict only */
	o.method = GBT_ROUNDED;
	assert_int_equal(gbt_judge("0.05", "ND", &o, &v, NULL), 0);
	assert_int_equal(v.pass, 1);
	assert_false(v.rounded);
	nd_error("0.2", "ND", "0"); /* LOD must be positive */
	nd_error("0.2", "ND", "abc");
}

static void test_judge_not_detected_results(void **state)
{
	nd("ND", "≤0.2", NULL, 1);    /* upper limit: passes */
	nd("<0.01", "≤0.2", NULL, 1); /* true < 0.01 ≤ 0.2 */
	nd("<0.2", "<0.2", NULL, 1);  /* true < 0.2 */
	nd("ND", "≤0.2", "0.01", 1);
	nd("<0.5", "≥97.0", NULL, 0); /* true < 0.5 ≤ 97.0: fails a lower limit */
	nd("ND", "5.0~7.5", "0.5", 0);
	nd("＜0.5", "≥1", NULL, 0);
	nd_undecided("<0.5", "≤0.2", NULL); /* could be 0.3: undecidable */
	nd_undecided("ND", "≤0.2", "0.5");
	nd_undecided("ND", "≥97.0", NULL); /* no detection limit */
	nd_undecided("<98", "≥97.0", NULL);
}

static void test_parse_limit_forms(void **state)
{
	struct gbt_limit l;

	assert_int_equal(gbt_parse_limit("≤0.5", &l, NULL), 0);
	assert_true(l.has_hi && l.hi_incl && !l.has_lo);
	assert_int_equal(l.places, 1);
	assert_int_equal(gbt_parse_limit(" < 0.50 ", &l, NULL), 0);
	assert_true(l.has_hi && !l.hi_incl);
	assert_int_equal(l.places, 2);
	assert_int_equal(gbt_parse_limit("10.0±0.15", &l, NULL), 0);
	assert_true(l.has_lo && l.has_hi && l.lo_incl && l.hi_incl);
	assert_int_equal(l.places, 2);
	assert_int_equal(gbt_parse_limit("5~5", &l, NULL), 0);
	assert_int_equal(gbt_parse_limit("ND", &l, NULL), 0);
	assert_int_equal(l.kind, GBT_ND);
	assert_int_equal(gbt_parse_limit("不得检出", &l, NULL), 0);
	assert_int_equal(l.kind, GBT_ND);
}

static void test_parse_limit_rejects(void **state)
{
	static const char *const bad[] = {
		"",        "0.5",   "≤",  "≤abc", "5~3",   "5<x<5", "1±-0.1", "ND x",
		"<=0.5mg", "5<x>7", "5~", "~5",   "≤≤100", "5<y<7", "=5",     "±1",
	};
	struct gbt_limit l;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = NULL;

		assert_int_equal(gbt_parse_limit(bad[i], &l, &why), -1);
		assert_non_null(why);
	}
	assert_int_equal(gbt_parse_limit(NULL, &l, NULL), -1);
}

static void test_judge_bad_input(void **state)
{
	struct gbt_judge_opts o = {7, NULL, NULL};
	struct gbt_verdict v;
	const char *why = NULL;

	assert_int_equal(gbt_judge("1", "≤2", &o, &v, &why), -1);
	o.method = GBT_ROUNDED;
	o.interval = "0.3";
	assert_int_equal(gbt_judge("1", "≤2", &o, &v, &why), -1);
	assert_int_equal(gbt_judge("abc", "≤2", NULL, &v, &why), -1);
	assert_string_equal(why, "value: not a number, ND or <LOD");
	assert_int_equal(gbt_judge("1", "2", NULL, &v, &why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_domain_cases),
		cmocka_unit_test(test_round_more),
		cmocka_unit_test(test_round_half_and_fifth_units),
		cmocka_unit_test(test_round_fifth_unit_ties),
		cmocka_unit_test(test_round_marks),
		cmocka_unit_test(test_round_errors),
		cmocka_unit_test(test_parse_interval),
		cmocka_unit_test(test_judge_domain_table),
		cmocka_unit_test(test_judge_forms),
		cmocka_unit_test(test_judge_rounded_food),
		cmocka_unit_test(test_judge_marks),
		cmocka_unit_test(test_judge_marks_as_intervals_gbt8170_3_3_2),
		cmocka_unit_test(test_marked_value_unit_conversion_keeps_interval),
		cmocka_unit_test(test_rounded_interval_coarser_than_limit_refused_gbt8170_4_3_2),
		cmocka_unit_test(test_judge_nd_limit),
		cmocka_unit_test(test_judge_not_detected_results),
		cmocka_unit_test(test_parse_limit_forms),
		cmocka_unit_test(test_parse_limit_rejects),
		cmocka_unit_test(test_judge_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
