/* test_workdays.c — unit tests for src/lib/workdays.c and holidays.c: the
 * built-in 2024–2026 schedule against DOMAIN.md §10.2–10.5 (counts, make-up
 * days on weekends, year totals 251/248/248), the §10.6 worked deadlines, the
 * §4 penalty-procedure deadlines, cross-holiday counting, uncovered years
 * (weekends alone, reported), Art. 203 rolling and calendars built from lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "lib/workdays.h"

static struct wd_calendar cal; /* loaded once by setup */

static int setup(void **state)
{
	return wd_load_builtin(&cal) == WD_OK ? 0 : -1;
}

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

static void test_builtin_table(void **state)
{
	size_t n, ny;
	const struct wd_holiday *h = wd_builtin_days(&n);
	const struct wd_year_source *ys = wd_builtin_years(&ny);
	int off[3] = {0}, work[3] = {0};
	date_days prev = 0;

	assert_int_equal(ny, 3);
	assert_int_equal(ys[0].year, 2024);
	assert_int_equal(ys[2].year, 2026);
	for (size_t i = 0; i < n; i++) {
		date_days d = D(h[i].date);
		int y = date_year(d) - 2024;

		assert_true(y >= 0 && y <= 2);
		assert_true(i == 0 || d > prev); /* sorted, unique */
		prev = d;
		assert_non_null(h[i].name_zh);
		assert_non_null(h[i].name_en);
		if (h[i].kind == WD_WORK) {
			work[y]++;
			assert_true(date_weekday(d) >= 6); /* §10.5: every make-up day is Sat/Sun */
		} else {
			assert_int_equal(h[i].kind, WD_OFF);
			off[y]++;
		}
	}
	/* §10.5 flat-list counts */
	assert_int_equal(off[0], 28);
	assert_int_equal(work[0], 8);
	assert_int_equal(off[1], 28);
	assert_int_equal(work[1], 5);
	assert_int_equal(off[2], 33);
	assert_int_equal(work[2], 6);
}

static long year_total(int year)
{
	date_days from, to;
	long n = -1;
	struct wd_gaps g = {0};

	assert_int_equal(date_from_ymd(year - 1, 12, 31, &from), DATE_OK);
	assert_int_equal(date_from_ymd(year, 12, 31, &to), DATE_OK);
	assert_int_equal(wd_count(&cal, from, to, &n, &g), WD_OK);
	assert_int_equal(g.n, 0);
	return n;
}

static void test_year_totals(void **state)
{
	assert_int_equal(year_total(2024), 251); /* §10.2 */
	assert_int_equal(year_total(2025), 248); /* §10.3 */
	assert_int_equal(year_total(2026), 248); /* §10.4 */
}

static void test_is_workday(void **state)
{
	struct wd_gaps g = {0};

	assert_true(wd_is_workday(&cal, D("2024-02-09"), &g));  /* 除夕 2024: officially working (§10.2 note) */
	assert_true(wd_is_workday(&cal, D("2024-02-04"), &g));  /* Sun, make-up day */
	assert_false(wd_is_workday(&cal, D("2024-02-10"), &g)); /* Sat, 春节 */
	assert_false(wd_is_workday(&cal, D("2024-02-12"), &g)); /* Mon, 春节 */
	assert_false(wd_is_workday(&cal, D("2025-01-01"), &g)); /* Wed, 元旦 不调休 */
	assert_true(wd_is_workday(&cal, D("2025-01-02"), &g));
	assert_false(wd_is_workday(&cal, D("2025-06-02"), &g)); /* Mon, 端午 */
	assert_true(wd_is_workday(&cal, D("2026-01-04"), &g));  /* Sun, make-up for 元旦 */
	assert_false(wd_is_workday(&cal, D("2026-02-23"), &g)); /* Mon, last day of 春节 */
	assert_false(
		wd_is_workday(&cal, D("2025-03-08"), &g)); /* ordinary Sat (妇女节 half day does not count, §10.6) */
	assert_true(wd_is_workday(&cal, D("2025-03-10"), &g)); /* ordinary Mon */
	assert_int_equal(g.n, 0);
}

static void check_add(const char *start, long n, const char *want)
{
	date_days r;
	struct wd_gaps g = {0};

	assert_int_equal(wd_add(&cal, D(start), n, &r, &g), WD_OK);
	assert_date(r, want);
	assert_int_equal(g.n, 0);
}

static void test_domain_examples(void **state)
{
	/* §10.6 worked examples (start day not counted) */
	check_add("2024-02-08", 7, "2024-02-23"); /* 02-09 works; 02-10..17 off; 02-18 Sun works */
	check_add("2025-04-30", 5, "2025-05-12"); /* 05-01..05 off */
	check_add("2026-02-12", 7, "2026-02-28"); /* make-up Saturday is the 7th */
	/* §4 L1: clue found Mon 2025-03-03, 15 working days (no holiday in March):
	 * 03-04..07 (4), 03-10..14 (9), 03-17..21 (14), 03-24 (15) */
	check_add("2025-03-03", 15, "2025-03-24");
}

static void test_add_cross_holiday(void **state)
{
	/* 2025-09-30 Tue: 10-01..08 off, 10-09 Thu (1), 10-10 Fri (2), 10-11 Sat make-up (3) */
	check_add("2025-09-30", 1, "2025-10-09");
	check_add("2025-09-30", 3, "2025-10-11");
	check_add("2025-09-30", 4, "2025-10-13");
	/* 2025-09-26 Fri: 09-27 Sat off, 09-28 Sun make-up (1), 09-29 (2), 09-30 (3), then 10-09 (4) */
	check_add("2025-09-26", 1, "2025-09-28");
	check_add("2025-09-26", 4, "2025-10-09");
	/* start on a holiday: 2024-10-03 + 1 → 10-08 Tue */
	check_add("2024-10-03", 1, "2024-10-08");
	/* across a year boundary, both years covered: 2024-12-31 Tue + 1 → 2025-01-02 */
	check_add("2024-12-31", 1, "2025-01-02");
	/* n = 0 is the start day itself, even on a holiday (documented choice) */
	check_add("2025-10-01", 0, "2025-10-01");
	/* negative n: 2025-05-06 Tue − 1 → 04-30 Wed (05-01..05 off) */
	check_add("2025-05-06", -1, "2025-04-30");
	check_add("2025-05-06", -2, "2025-04-29");
	/* 2025-04-28 Mon − 1 → 04-27 Sun make-up day */
	check_add("2025-04-28", -1, "2025-04-27");
}

static long count(const char *from, const char *to)
{
	long n = -999;
	struct wd_gaps g = {0};

	assert_int_equal(wd_count(&cal, D(from), D(to), &n, &g), WD_OK);
	assert_int_equal(g.n, 0);
	return n;
}

static void test_count(void **state)
{
	/* (2025-01-24 Fri, 2025-02-09 Sun]: 01-26 Sun make-up (1), 01-27 (2),
	 * 01-28..02-04 off, 02-05..07 (5), 02-08 Sat make-up (6), 02-09 Sun off */
	assert_int_equal(count("2025-01-24", "2025-02-09"), 6);
	assert_int_equal(count("2025-02-09", "2025-01-24"), -6);
	assert_int_equal(count("2025-01-24", "2025-01-24"), 0);
	/* (2025-09-30, 2025-10-11]: 10-09, 10-10, 10-11 (make-up) */
	assert_int_equal(count("2025-09-30", "2025-10-11"), 3);
	/* §10.6 examples in reverse */
	assert_int_equal(count("2024-02-08", "2024-02-23"), 7);
	assert_int_equal(count("2025-04-30", "2025-05-12"), 5);
	assert_int_equal(count("2026-02-12", "2026-02-28"), 7);
	/* 2024 Spring Festival week: (2024-02-09, 2024-02-17] has none */
	assert_int_equal(count("2024-02-09", "2024-02-17"), 0);
}

/* wd_count(d, wd_add(d, n)) == n, and the result is a working day, for every
 * start day of 2024–2026 and n = 1..25. */
static void test_add_count_inverse(void **state)
{
	for (date_days d = D("2024-01-01"); d <= D("2026-11-30"); d++) {
		for (long n = 1; n <= 25; n++) {
			date_days r;
			long back;

			assert_int_equal(wd_add(&cal, d, n, &r, NULL), WD_OK);
			assert_true(wd_is_workday(&cal, r, NULL));
			assert_int_equal(wd_count(&cal, d, r, &back, NULL), WD_OK);
			assert_int_equal(back, n);
		}
	}
}

static void test_uncovered_years(void **state)
{
	struct wd_gaps g = {0};
	date_days r;
	long n;

	/* 2027 starts on a Friday, 365 days = 52 weeks + 1 Friday → 261 weekdays */
	assert_int_equal(wd_count(&cal, D("2026-12-31"), D("2027-12-31"), &n, &g), WD_OK);
	assert_int_equal(n, 261);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.years[0], 2027);
	/* 2023 starts on a Sunday → 260 weekdays */
	wd_gaps_clear(&g);
	assert_int_equal(wd_count(&cal, D("2022-12-31"), D("2023-12-31"), &n, &g), WD_OK);
	assert_int_equal(n, 260);
	assert_int_equal(g.n, 1); /* 2022 is not touched: (from, to] */
	assert_int_equal(g.years[0], 2023);
	/* 2026-12-25 Fri + 10: 12-28..31 (4), 2027-01-01 Fri (5, weekends alone),
	 * 01-04..08 (10) — provisional, 2027 reported */
	wd_gaps_clear(&g);
	assert_int_equal(wd_add(&cal, D("2026-12-25"), 10, &r, &g), WD_OK);
	assert_date(r, "2027-01-08");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.years[0], 2027);
	assert_int_equal(g.more, 0);
	/* twenty uncovered years overflow the gap list */
	wd_gaps_clear(&g);
	assert_int_equal(wd_count(&cal, D("1990-01-01"), D("2010-01-01"), &n, &g), WD_OK);
	assert_int_equal(g.n, WD_GAP_MAX);
	assert_int_equal(g.more, 1);
	assert_int_equal(g.years[0], 1990);
}

static void test_due_and_art203(void **state)
{
	date_days r;
	struct wd_gaps g = {0};

	/* §4 L2/L3: filed 2025-01-10 → 90 days → 2025-04-10; +30 → 2025-05-10 */
	assert_int_equal(wd_due_days(D("2025-01-10"), 90, &r), WD_OK);
	assert_date(r, "2025-04-10");
	assert_int_equal(wd_due_days(r, 30, &r), WD_OK);
	assert_date(r, "2025-05-10");
	/* 2025-05-10 is a Saturday: under Art. 203 the period ends Mon 05-12 */
	assert_int_equal(wd_roll_art203(&cal, r, &r, &g), WD_OK);
	assert_date(r, "2025-05-12");
	/* a working day stays */
	assert_int_equal(wd_roll_art203(&cal, D("2025-04-10"), &r, &g), WD_OK);
	assert_date(r, "2025-04-10");
	/* a make-up Saturday is a working day */
	assert_int_equal(wd_roll_art203(&cal, D("2026-02-28"), &r, &g), WD_OK);
	assert_date(r, "2026-02-28");
	/* National Day 2025: 10-01 → first working day 10-09 */
	assert_int_equal(wd_roll_art203(&cal, D("2025-10-01"), &r, &g), WD_OK);
	assert_date(r, "2025-10-09");
	/* Art. 202 month periods */
	assert_int_equal(wd_due_months(D("2025-01-31"), 1, &r), WD_OK);
	assert_date(r, "2025-02-28");
	assert_int_equal(wd_due_months(D("2025-08-15"), 6, &r), WD_OK);
	assert_date(r, "2026-02-15"); /* Sun in 春节 → Art. 203 gives 02-24 Tue */
	assert_int_equal(wd_roll_art203(&cal, r, &r, &g), WD_OK);
	assert_date(r, "2026-02-24");
	assert_int_equal(g.n, 0);
	assert_int_equal(wd_due_days(D("9999-12-31"), 1, &r), WD_E_RANGE);
	assert_int_equal(wd_due_months(D("9999-12-31"), 1, &r), WD_E_RANGE);
}

static void test_custom_calendar(void **state)
{
	static struct wd_calendar c;
	const int years[] = {2030};
	struct wd_day days[] = {
		{0, WD_OFF},  /* 2030-01-01 Tue */
		{0, WD_WORK}, /* 2030-01-05 Sat */
	};
	struct wd_gaps g = {0};
	date_days r;

	days[0].day = D("2030-01-01");
	days[1].day = D("2030-01-05");
	assert_int_equal(wd_load(&c, years, 1, days, 2), WD_OK);
	assert_true(wd_covers(&c, 2030));
	assert_false(wd_covers(&c, 2024));
	assert_false(wd_is_workday(&c, D("2030-01-01"), &g));
	assert_true(wd_is_workday(&c, D("2030-01-05"), &g));
	/* 2029-12-31 Mon + 4: 01-02, 01-03, 01-04, 01-05 (Sat, make-up) */
	assert_int_equal(wd_add(&c, D("2029-12-31"), 4, &r, &g), WD_OK);
	assert_date(r, "2030-01-05");
	assert_int_equal(g.n, 0);
	/* conflicts, duplicates, bad arguments */
	assert_int_equal(wd_set_day(&c, D("2030-01-01"), WD_OFF), WD_OK);
	assert_int_equal(wd_set_day(&c, D("2030-01-01"), WD_WORK), WD_E_CONFLICT);
	assert_int_equal(wd_set_day(&c, D("2030-01-02"), 7), WD_E_ARG);
	assert_int_equal(wd_cover_year(&c, 0), WD_E_ARG);
	assert_int_equal(wd_cover_year(&c, 2030), WD_OK);
	assert_int_equal(c.nyears, 1);
	/* an empty calendar is weekends alone and reports the year */
	wd_init(&c);
	assert_true(wd_is_workday(&c, D("2025-10-01"), &g));
	assert_int_equal(g.n, 1);
	assert_int_equal(g.years[0], 2025);
	assert_string_equal(wd_strerror(WD_E_CONFLICT), "day listed both as a day off and as a working day");
}

static void test_calendar_full(void **state)
{
	static struct wd_calendar c;

	wd_init(&c);
	for (int y = 0; y < WD_MAX_YEARS; y++)
		assert_int_equal(wd_cover_year(&c, 2000 + y), WD_OK);
	assert_int_equal(wd_cover_year(&c, 1999), WD_E_FULL);
	for (int i = 0; i < WD_MAX_DAYS; i++)
		assert_int_equal(wd_set_day(&c, (date_days)i, WD_OFF), WD_OK);
	assert_int_equal(wd_set_day(&c, -1, WD_OFF), WD_E_FULL);
	assert_int_equal(wd_set_day(&c, LONG_MAX, WD_OFF), WD_E_RANGE);
	for (int i = 1; i < c.ndays; i++)
		assert_true(c.days[i - 1].day < c.days[i].day);
}

static void test_range_errors(void **state)
{
	static struct wd_calendar c;
	date_days r;
	long n;

	assert_int_equal(wd_add(&cal, D("9999-12-30"), 5, &r, NULL), WD_E_RANGE);
	assert_int_equal(wd_add(&cal, D("0001-01-02"), -5, &r, NULL), WD_E_RANGE);
	assert_int_equal(wd_count(&cal, D("2025-01-01"), 99999999, &n, NULL), WD_E_RANGE);
	/* 9999-12-31 is a Friday; list it as a day off to run off the end */
	wd_init(&c);
	assert_int_equal(wd_set_day(&c, D("9999-12-31"), WD_OFF), WD_OK);
	assert_int_equal(wd_roll_art203(&c, D("9999-12-31"), &r, NULL), WD_E_RANGE);
	assert_int_equal(wd_roll_art203(&cal, D("9999-12-31"), &r, NULL), WD_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_table),     cmocka_unit_test(test_year_totals),
		cmocka_unit_test(test_is_workday),        cmocka_unit_test(test_domain_examples),
		cmocka_unit_test(test_add_cross_holiday), cmocka_unit_test(test_count),
		cmocka_unit_test(test_add_count_inverse), cmocka_unit_test(test_uncovered_years),
		cmocka_unit_test(test_due_and_art203),    cmocka_unit_test(test_custom_calendar),
		cmocka_unit_test(test_calendar_full),     cmocka_unit_test(test_range_errors),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
