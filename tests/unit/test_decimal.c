/* test_decimal.c — unit tests for src/lib/decimal.c: parsing (accepted and
 * rejected forms), formatting, comparison, exact arithmetic, rounding modes,
 * power-of-ten shifts and integer conversions. Every expected value is worked
 * by hand; the GB/T 8170 cases cite DOMAIN.md §1. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "lib/decimal.h"

static dec P(const char *s)
{
	dec x;

	assert_int_equal(dec_parse(&x, s), DEC_OK);
	return x;
}

static void assert_dec(const dec *x, const char *want)
{
	char buf[DEC_STRMAX];

	assert_int_equal(dec_format(x, buf, sizeof buf), DEC_OK);
	assert_string_equal(buf, want);
}

static void roundtrip(const char *in, const char *want)
{
	dec x = P(in);

	assert_dec(&x, want);
}

static void test_parse_plain(void **state)
{
	roundtrip("12.345", "12.345");
	roundtrip("-0.5", "-0.5");
	roundtrip("+7", "7");
	roundtrip("007.50", "7.50"); /* leading zeros dropped, trailing kept */
	roundtrip("1.050", "1.050"); /* significance kept (DOMAIN §1.3 R5) */
	roundtrip("0.000", "0.000");
	roundtrip("-0", "0"); /* zero is never negative */
	roundtrip("-0.00", "0.00");
	roundtrip("123456789012345678901234567890", "123456789012345678901234567890");
}

static void test_parse_exponent(void **state)
{
	roundtrip("1e-3", "0.001");
	roundtrip("1.50e1", "15.0");
	roundtrip("1.5E2", "150");
	roundtrip("1.77e3", "1770"); /* "1.77×10³μg/kg" (DOMAIN §2.7) */
	roundtrip("-2.5e+0", "-2.5");
	roundtrip("0e5", "0");
}

static void expect_err(const char *s, dec_err want)
{
	dec x;

	assert_int_equal(dec_parse(&x, s), want);
	assert_true(dec_is_zero(&x));
}

static void test_parse_rejects(void **state)
{
	static const char *syntax[] = {
		"abc", "1.",    ".5",   "1,000",        " 1",  "1 ", "1e", "--1", "+-1", "1.2.3",
		"1e+", "1e1.5", "0x10", "\xef\xbc\x91", "12a", "-",  "+",  "NaN", "inf", "1/2",
	};
	dec x;

	for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
		expect_err(syntax[i], DEC_E_SYNTAX);
	expect_err("", DEC_E_EMPTY);
	assert_int_equal(dec_parse(&x, NULL), DEC_E_EMPTY);
	/* 61 significant digits */
	expect_err("1234567890123456789012345678901234567890123456789012345678901", DEC_E_DIGITS);
	/* 31 decimal places */
	expect_err("0.0000000000000000000000000000001", DEC_E_SCALE);
	expect_err("1e99999", DEC_E_RANGE);
	expect_err("1e-31", DEC_E_SCALE);
	expect_err("1e61", DEC_E_DIGITS);
}

static void test_parse_n(void **state)
{
	dec x;

	assert_int_equal(dec_parse_n(&x, "12.5~13.0", 4), DEC_OK);
	assert_dec(&x, "12.5");
	assert_int_equal(dec_parse_n(&x, "12.5", 0), DEC_E_EMPTY);
	assert_int_equal(dec_parse_n(&x, "12.", 3), DEC_E_SYNTAX);
}

static void test_format_buffer(void **state)
{
	dec x = P("-12.50");
	char buf[7];

	assert_int_equal(dec_format(&x, buf, 6), DEC_E_RANGE);
	assert_string_equal(buf, "");
	assert_int_equal(dec_format(&x, buf, 7), DEC_OK);
	assert_string_equal(buf, "-12.50");
	x = P("0.05");
	assert_int_equal(dec_format(&x, buf, 5), DEC_OK);
	assert_string_equal(buf, "0.05");
}

static void test_compare(void **state)
{
	dec a, b;

	a = P("1.0");
	b = P("1.00");
	assert_int_equal(dec_cmp(&a, &b), 0);
	a = P("-2");
	b = P("1");
	assert_int_equal(dec_cmp(&a, &b), -1);
	a = P("-1.5");
	b = P("-1.4");
	assert_int_equal(dec_cmp(&a, &b), -1);
	a = P("0");
	b = P("-0.000");
	assert_int_equal(dec_cmp(&a, &b), 0);
	a = P("0.1");
	b = P("0.09");
	assert_int_equal(dec_cmp(&a, &b), 1);
	a = P("100");
	b = P("99.999999");
	assert_int_equal(dec_cmp(&a, &b), 1);
	a = P("-0.001");
	assert_int_equal(dec_sign(&a), -1);
	b = P("0.0");
	assert_int_equal(dec_sign(&b), 0);
}

typedef dec_err (*binop)(dec *, const dec *, const dec *);

static void check_op(binop op, const char *a, const char *b, const char *want)
{
	dec x = P(a), y = P(b), r;

	assert_int_equal(op(&r, &x, &y), DEC_OK);
	assert_dec(&r, want);
}

static void test_add_sub(void **state)
{
	check_op(dec_add, "0.1", "0.2", "0.3"); /* binary float gives 0.30000000000000004 */
	check_op(dec_add, "1.05", "2.1", "3.15");
	check_op(dec_add, "-5", "3.25", "-1.75");
	check_op(dec_add, "2.5", "-2.5", "0.0");
	check_op(dec_add, "999.99", "0.01", "1000.00");
	check_op(dec_add, "-0.5", "-0.75", "-1.25");
	check_op(dec_sub, "1", "0.001", "0.999");
	check_op(dec_sub, "0.3", "0.1", "0.2");
	check_op(dec_sub, "-3", "-5", "2");
	check_op(dec_sub, "1", "1000", "-999");
}

static void test_add_alias_and_overflow(void **state)
{
	dec a = P("1.25"), big;

	assert_int_equal(dec_add(&a, &a, &a), DEC_OK);
	assert_dec(&a, "2.50");
	big = P("999999999999999999999999999999999999999999999999999999999999");
	a = P("1");
	assert_int_equal(dec_add(&a, &big, &a), DEC_E_DIGITS);
	assert_dec(&a, "1"); /* unchanged on error */
}

static void test_mul(void **state)
{
	check_op(dec_mul, "2.675", "100", "267.500");
	check_op(dec_mul, "-1.5", "0.2", "-0.30");
	check_op(dec_mul, "0", "5", "0");
	check_op(dec_mul, "-3", "-4", "12");
	check_op(dec_mul, "10000", "0.03", "300.00"); /* late fee per day, DOMAIN §4 L15 */
	/* 0.000…1 (15 places) squared needs 30 places: still fits */
	check_op(dec_mul, "0.000000000000001", "0.000000000000001", "0.000000000000000000000000000001");
}

static void test_mul_scale_limit(void **state)
{
	dec a = P("0.0000000000000001"), r; /* 16 places */

	assert_int_equal(dec_mul(&r, &a, &a), DEC_E_SCALE);
	a = P("0.0000000000000010"); /* trailing zero may be dropped */
	assert_int_equal(dec_mul(&r, &a, &a), DEC_OK);
	assert_dec(&r, "0.000000000000000000000000000001");
}

static void check_div(const char *a, const char *b, int places, dec_round_mode m, const char *want)
{
	dec x = P(a), y = P(b), r;

	assert_int_equal(dec_div(&r, &x, &y, places, m), DEC_OK);
	assert_dec(&r, want);
}

static void test_div(void **state)
{
	dec x = P("1"), z = P("0.0"), r;

	check_div("10", "3", 4, DEC_ROUND_HALF_EVEN, "3.3333");
	check_div("2", "3", 2, DEC_ROUND_HALF_EVEN, "0.67");
	check_div("1", "8", 2, DEC_ROUND_HALF_EVEN, "0.12"); /* 0.125: 2 even, drop */
	check_div("3", "8", 2, DEC_ROUND_HALF_EVEN, "0.38"); /* 0.375: 7 odd, up */
	check_div("1", "8", 2, DEC_ROUND_HALF_UP, "0.13");
	check_div("-1", "8", 2, DEC_ROUND_HALF_UP, "-0.13");
	check_div("1", "8", 2, DEC_ROUND_DOWN, "0.12");
	check_div("1", "3", 0, DEC_ROUND_UP, "1");
	check_div("1268", "1", -2, DEC_ROUND_HALF_EVEN, "1300");
	check_div("120", "2", 1, DEC_ROUND_HALF_EVEN, "60.0"); /* GB/T 8170 §3.4 ÷2 step */
	check_div("4200", "5", 0, DEC_ROUND_HALF_EVEN, "840");
	check_div("0.5", "0.25", 0, DEC_ROUND_HALF_EVEN, "2");
	check_div("7", "-2", 0, DEC_ROUND_HALF_EVEN, "-4"); /* -3.5 → -4 (3 odd) */
	assert_int_equal(dec_div(&r, &x, &z, 2, DEC_ROUND_HALF_EVEN), DEC_E_DIVZERO);
	assert_int_equal(dec_div(&r, &x, &x, 31, DEC_ROUND_HALF_EVEN), DEC_E_SCALE);
}

static void check_round(const char *in, int places, dec_round_mode m, const char *want)
{
	dec x = P(in), r;

	assert_int_equal(dec_round(&r, &x, places, m), DEC_OK);
	assert_dec(&r, want);
}

static void test_round_half_even(void **state)
{
	/* IEEE double stores 2.675 as 2.67499…; the exact decimal rounds up
	 * (DOMAIN §1.1 implementation notes). */
	check_round("2.675", 2, DEC_ROUND_HALF_EVEN, "2.68");
	check_round("2.665", 2, DEC_ROUND_HALF_EVEN, "2.66");
	check_round("12.1498", 0, DEC_ROUND_HALF_EVEN, "12");   /* R1 */
	check_round("12.1498", 1, DEC_ROUND_HALF_EVEN, "12.1"); /* R2 */
	check_round("1268", -2, DEC_ROUND_HALF_EVEN, "1300");   /* R3 */
	check_round("10.5002", 0, DEC_ROUND_HALF_EVEN, "11");   /* R4 */
	check_round("1.050", 1, DEC_ROUND_HALF_EVEN, "1.0");    /* R5 */
	check_round("0.35", 1, DEC_ROUND_HALF_EVEN, "0.4");     /* R6 */
	check_round("2500", -3, DEC_ROUND_HALF_EVEN, "2000");   /* R7 */
	check_round("3500", -3, DEC_ROUND_HALF_EVEN, "4000");   /* R8 */
	check_round("-2.5", 0, DEC_ROUND_HALF_EVEN, "-2");
	check_round("-0.04", 1, DEC_ROUND_HALF_EVEN, "0.0");
	check_round("9.99", 1, DEC_ROUND_HALF_EVEN, "10.0");
	check_round("1.2", 3, DEC_ROUND_HALF_EVEN, "1.200");
	check_round("0.0004", 2, DEC_ROUND_HALF_EVEN, "0.00");
	check_round("499", -3, DEC_ROUND_HALF_EVEN, "0");
	check_round("500", -3, DEC_ROUND_HALF_EVEN, "0");
	check_round("501", -3, DEC_ROUND_HALF_EVEN, "1000");
	check_round("0.00051", 3, DEC_ROUND_HALF_EVEN, "0.001");
}

static void test_round_other_modes(void **state)
{
	dec x = P("1"), r;

	check_round("2.5", 0, DEC_ROUND_HALF_UP, "3");
	check_round("-2.5", 0, DEC_ROUND_HALF_UP, "-3");
	check_round("2.5", 0, DEC_ROUND_HALF_DOWN, "2");
	check_round("2.51", 0, DEC_ROUND_HALF_DOWN, "3");
	check_round("3.5", 0, DEC_ROUND_HALF_DOWN, "3");
	check_round("2.01", 0, DEC_ROUND_UP, "3");
	check_round("2.00", 0, DEC_ROUND_UP, "2");
	check_round("-2.99", 0, DEC_ROUND_DOWN, "-2");
	check_round("0.125", 2, DEC_ROUND_HALF_UP, "0.13");
	assert_int_equal(dec_round(&r, &x, 31, DEC_ROUND_HALF_EVEN), DEC_E_SCALE);
	assert_int_equal(dec_round(&r, &x, -61, DEC_ROUND_HALF_EVEN), DEC_E_SCALE);
}

static void check_shift(const char *in, int k, const char *want)
{
	dec x = P(in), r;

	assert_int_equal(dec_shift(&r, &x, k), DEC_OK);
	assert_dec(&r, want);
}

static void test_shift(void **state)
{
	dec x = P("1"), r;

	check_shift("1.5", -2, "0.015");
	check_shift("1.50", 1, "15.0");
	check_shift("12", 3, "12000"); /* mg/kg → μg/kg */
	check_shift("0.001", 3, "1");
	check_shift("0", 5, "0");
	check_shift("-2.5", 0, "-2.5");
	assert_int_equal(dec_shift(&r, &x, -31), DEC_E_SCALE);
	assert_int_equal(dec_shift(&r, &x, 60), DEC_E_DIGITS);
}

static void test_int_conversions(void **state)
{
	dec x;
	long long v = 0;

	assert_int_equal(dec_from_int(&x, 12345, 2), DEC_OK);
	assert_dec(&x, "123.45");
	assert_int_equal(dec_from_int(&x, -5, 0), DEC_OK);
	assert_dec(&x, "-5");
	assert_int_equal(dec_from_int(&x, 0, 2), DEC_OK);
	assert_dec(&x, "0.00");
	assert_int_equal(dec_from_int(&x, LLONG_MIN, 0), DEC_OK);
	assert_dec(&x, "-9223372036854775808");
	assert_int_equal(dec_from_int(&x, 1, 31), DEC_E_SCALE);

	x = P("123.45");
	assert_int_equal(dec_to_int(&x, 2, &v), DEC_OK);
	assert_int_equal(v, 12345);
	x = P("123.450");
	assert_int_equal(dec_to_int(&x, 2, &v), DEC_OK);
	assert_int_equal(v, 12345);
	x = P("10");
	assert_int_equal(dec_to_int(&x, 2, &v), DEC_OK);
	assert_int_equal(v, 1000);
	x = P("-0.5");
	assert_int_equal(dec_to_int(&x, 1, &v), DEC_OK);
	assert_int_equal(v, -5);
	x = P("123.456");
	assert_int_equal(dec_to_int(&x, 2, &v), DEC_E_INEXACT);
	x = P("1.5");
	assert_int_equal(dec_to_int(&x, 0, &v), DEC_E_INEXACT);
	x = P("9223372036854775807");
	assert_int_equal(dec_to_int(&x, 0, &v), DEC_OK);
	assert_true(v == LLONG_MAX);
	x = P("9223372036854775808");
	assert_int_equal(dec_to_int(&x, 0, &v), DEC_E_RANGE);
	x = P("-9223372036854775808");
	assert_int_equal(dec_to_int(&x, 0, &v), DEC_OK);
	assert_true(v == LLONG_MIN);
	x = P("92233720368547758.08");
	assert_int_equal(dec_to_int(&x, 3, &v), DEC_E_RANGE);
}

static void test_neg_abs_strerror(void **state)
{
	dec x = P("-1.5"), r;

	dec_abs(&r, &x);
	assert_dec(&r, "1.5");
	dec_neg(&r, &r);
	assert_dec(&r, "-1.5");
	x = P("0");
	dec_neg(&r, &x);
	assert_dec(&r, "0");
	for (int e = DEC_OK; e <= DEC_E_RANGE; e++)
		assert_non_null(dec_strerror((dec_err)e));
	assert_string_equal(dec_strerror(DEC_E_DIVZERO), "division by zero");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_plain),
		cmocka_unit_test(test_parse_exponent),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_n),
		cmocka_unit_test(test_format_buffer),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_add_sub),
		cmocka_unit_test(test_add_alias_and_overflow),
		cmocka_unit_test(test_mul),
		cmocka_unit_test(test_mul_scale_limit),
		cmocka_unit_test(test_div),
		cmocka_unit_test(test_round_half_even),
		cmocka_unit_test(test_round_other_modes),
		cmocka_unit_test(test_shift),
		cmocka_unit_test(test_int_conversions),
		cmocka_unit_test(test_neg_abs_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
