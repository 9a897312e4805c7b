/* test_date.c — unit tests for src/lib/date.c: strict ISO parsing, formatting,
 * weekdays of dates checked against the 2024–2026 holiday notices (DOMAIN.md
 * §10, which print the weekday beside each date), leap years, adding days and
 * months (民法典 Art. 202 end-of-month rule) and a day-by-day round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "lib/date.h"

static date_days D(const char *s)
{
	date_days d = 0;

	assert_int_equal(date_parse(s, &d), DATE_OK);
	return d;
}

static void assert_date(date_days d, const char *want)
{
	char buf[DATE_STRLEN];

	date_format(d, buf);
	assert_string_equal(buf, want);
}

static void test_parse_valid(void **state)
{
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2); /* 2000 is leap */
	assert_int_equal(D("1900-03-01") - D("1900-02-28"), 1); /* 1900 is not */
	assert_date(D("2024-02-29"), "2024-02-29");
	assert_date(D("0001-01-01"), "0001-01-01");
	assert_date(D("9999-12-31"), "9999-12-31");
}

static void expect(const char *s, date_err want)
{
	date_days d = 12345;

	assert_int_equal(date_parse(s, &d), want);
	assert_int_equal(d, 12345); /* untouched on error */
}

static void test_parse_invalid(void **state)
{
	expect("2025-02-29", DATE_E_DAY); /* 2025 is not a leap year */
	expect("2025-04-31", DATE_E_DAY);
	expect("2025-01-00", DATE_E_DAY);
	expect("2025-13-01", DATE_E_MONTH);
	expect("2025-00-10", DATE_E_MONTH);
	expect("0000-01-01", DATE_E_RANGE);
	expect("2025-1-01", DATE_E_FORMAT);
	expect("2025/01/01", DATE_E_FORMAT);
	expect("20250101", DATE_E_FORMAT);
	expect("2025-01-01T00:00", DATE_E_FORMAT);
	expect(" 2025-01-01", DATE_E_FORMAT);
	expect("2025-01-01 ", DATE_E_FORMAT);
	expect("2025-0a-01", DATE_E_FORMAT);
	expect("+025-01-01", DATE_E_FORMAT);
	expect("", DATE_E_FORMAT);
	expect(NULL, DATE_E_FORMAT);
	assert_string_equal(date_strerror(DATE_E_DAY), "no such day in that month");
}

static void test_weekday(void **state)
{
	/* weekdays as printed in DOMAIN.md §10.2–10.6 */
	assert_int_equal(date_weekday(D("1970-01-01")), 4);
	assert_int_equal(date_weekday(D("2024-01-01")), 1); /* Mon, 元旦 */
	assert_int_equal(date_weekday(D("2024-02-04")), 7); /* Sun, make-up day */
	assert_int_equal(date_weekday(D("2024-02-08")), 4); /* Thu */
	assert_int_equal(date_weekday(D("2024-02-09")), 5); /* Fri, 除夕 */
	assert_int_equal(date_weekday(D("2024-02-10")), 6); /* Sat */
	assert_int_equal(date_weekday(D("2024-02-23")), 5); /* Fri */
	assert_int_equal(date_weekday(D("2025-01-01")), 3); /* Wed */
	assert_int_equal(date_weekday(D("2025-01-28")), 2); /* Tue */
	assert_int_equal(date_weekday(D("2025-02-08")), 6); /* Sat */
	assert_int_equal(date_weekday(D("2025-03-03")), 1); /* Mon (DOMAIN §4) */
	assert_int_equal(date_weekday(D("2025-04-30")), 3); /* Wed */
	assert_int_equal(date_weekday(D("2025-05-12")), 1); /* Mon */
	assert_int_equal(date_weekday(D("2026-02-15")), 7); /* Sun */
	assert_int_equal(date_weekday(D("2026-02-23")), 1); /* Mon */
	assert_int_equal(date_weekday(D("2026-02-12")), 4); /* Thu */
	assert_int_equal(date_weekday(D("2026-02-28")), 6); /* Sat */
	assert_int_equal(date_weekday(D("1969-12-28")), 7); /* negative day numbers */
	assert_int_equal(date_weekday(D("0001-01-01")), 1);
}

static void test_leap_and_month_length(void **state)
{
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2025));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2026, 2), 28);
	assert_int_equal(date_days_in_month(2025, 4), 30);
	assert_int_equal(date_days_in_month(2025, 12), 31);
	assert_int_equal(date_days_in_month(2025, 13), 0);
}

static void test_add_days(void **state)
{
	date_days r;

	/* DOMAIN §4: filed 2025-01-10 → 90 calendar days → 2025-04-10 */
	assert_int_equal(date_add_days(D("2025-01-10"), 90, &r), DATE_OK);
	assert_date(r, "2025-04-10");
	/* extension +30 days → 2025-05-10 */
	assert_int_equal(date_add_days(r, 30, &r), DATE_OK);
	assert_date(r, "2025-05-10");
	assert_int_equal(date_add_days(D("2024-12-31"), 1, &r), DATE_OK);
	assert_date(r, "2025-01-01");
	assert_int_equal(date_add_days(D("2024-03-01"), -1, &r), DATE_OK);
	assert_date(r, "2024-02-29");
	assert_int_equal(date_add_days(D("9999-12-31"), 1, &r), DATE_E_RANGE);
	assert_int_equal(date_add_days(D("0001-01-01"), -1, &r), DATE_E_RANGE);
	assert_int_equal(date_diff(D("2024-01-01"), D("2025-01-01")), 366);
	assert_int_equal(date_diff(D("2025-01-01"), D("2024-01-01")), -366);
}

static void check_months(const char *from, long n, const char *want)
{
	date_days r;

	assert_int_equal(date_add_months(D(from), n, &r), DATE_OK);
	assert_date(r, want);
}

static void test_add_months(void **state)
{
	date_days r;

	check_months("2025-01-31", 1, "2025-02-28"); /* 民法典 Art. 202 */
	check_months("2024-01-31", 1, "2024-02-29");
	check_months("2025-03-31", 1, "2025-04-30");
	check_months("2025-01-15", 1, "2025-02-15");
	check_months("2025-11-30", 3, "2026-02-28");
	check_months("2025-01-10", 12, "2026-01-10");
	check_months("2024-02-29", 12, "2025-02-28");
	check_months("2024-02-29", 48, "2028-02-29");
	check_months("2025-03-31", -1, "2025-02-28");
	check_months("2025-01-15", -13, "2023-12-15");
	check_months("2025-05-20", 0, "2025-05-20");
	assert_int_equal(date_add_months(D("9999-12-01"), 1, &r), DATE_E_RANGE);
	assert_int_equal(date_add_months(D("0001-01-01"), -1, &r), DATE_E_RANGE);
}

/* Every day 1899-12-31 … 2101-01-01: format(parse) is the identity and
 * consecutive days have consecutive numbers and weekdays. */
static void test_round_trip(void **state)
{
	date_days start = D("1899-12-31"), end = D("2101-01-01");
	char buf[DATE_STRLEN];

	for (date_days d = start; d <= end; d++) {
		date_days back;

		date_format(d, buf);
		assert_int_equal(date_parse(buf, &back), DATE_OK);
		assert_int_equal(back, d);
		assert_int_equal(date_weekday(d + 1), date_weekday(d) % 7 + 1);
	}
	date_format(-719163, buf);
	assert_string_equal(buf, "0000-00-00");
	/* out-of-range day numbers are total, not undefined */
	assert_int_equal(date_year(LONG_MAX), 0);
	assert_int_equal(date_year(LONG_MIN), 0);
	assert_int_equal(date_weekday(LONG_MAX) >= 1, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid), cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_weekday),     cmocka_unit_test(test_leap_and_month_length),
		cmocka_unit_test(test_add_days),    cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
