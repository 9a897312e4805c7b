/* test_services.c — the arithmetic of the services area
 * (src/modules/services/stats.c): whether a reply kept its committed time,
 * the tally of a year's requests by state, the on-time share in per mille
 * and the mean rating in tenths (integers, rounded half up), their text;
 * and the committed due day on the one working-day calendar (the fixture's
 * seeded holidays), worked by hand across the 2026 National Day holiday and
 * the Spring Festival with their make-up Saturdays. */
#include "fixture.h"

#include <string.h>

#include "core/calendar.h"
#include "modules/services/services.h"

static int setup(void **st)
{
	return fixture_setup("services");
}

static void on_time_rule(void **st)
{
	assert_true(svc_on_time("2026-10-13", "2026-10-13"));  /* the due day itself is in time */
	assert_false(svc_on_time("2026-10-14", "2026-10-13")); /* the day after is late */
	assert_true(svc_on_time("2026-09-30", "2026-10-13"));
	assert_true(svc_on_time(NULL, NULL)); /* no time promised: never late */
	assert_true(svc_on_time("2026-12-31", ""));
	assert_false(svc_on_time(NULL, "2026-10-13")); /* not answered is not in time */
}

static void tally_by_state(void **st)
{
	svc_tally t = {0};
	const char *today = "2026-10-20";
	svc_tally_add(&t, "rated", "2026-10-13", "2026-10-13", 5, 1, 0, today);   /* in time */
	svc_tally_add(&t, "replied", "2026-10-13", "2026-10-15", 0, 0, 1, today); /* late */
	svc_tally_add(&t, "closed", "2026-10-13", "2026-10-01", 0, 1, 1, today);  /* in time */
	svc_tally_add(&t, "handling", "2026-10-19", NULL, 0, 0, 0, today);        /* open past due */
	svc_tally_add(&t, "received", "2026-10-20", NULL, 0, 0, 0, today);        /* open, due today: not late */
	svc_tally_add(&t, "withdrawn", "2026-10-01", NULL, 0, 0, 0, today);       /* not counted either way */
	svc_tally_add(&t, "rated", "2026-10-13", "2026-10-16", 2, 0, 0, today);   /* late, rated 2 */
	svc_tally_add(&t, "rated", "2026-10-13", "2026-10-10", 9, 0, 0,
		      today); /* a rating off the scale is no rating */
	assert_int_equal(t.total, 8);
	assert_int_equal(t.answered, 5);
	assert_int_equal(t.on_time, 3);
	assert_int_equal(t.late_open, 1);
	assert_int_equal(t.rated, 2);
	assert_int_equal(t.rating_sum, 7);
	assert_int_equal(t.small_micro, 2);
	assert_int_equal(t.in_park, 2);
	/* 3 in time of 5 answered + 1 open past due = 3/6 = 500 per mille */
	assert_int_equal(svc_share_permille(&t), 500);
	assert_int_equal(svc_rating_tenths(&t), 35); /* (5 + 2) / 2 = 3.5 */
}

static void rounding_half_up(void **st)
{
	svc_tally t = {0};
	assert_int_equal(svc_share_permille(&t), -1); /* nothing decided */
	assert_int_equal(svc_rating_tenths(&t), -1);
	t.answered = 3, t.on_time = 2; /* 666.67 → 667 */
	assert_int_equal(svc_share_permille(&t), 667);
	t.answered = 3, t.on_time = 1; /* 333.33 → 333 */
	assert_int_equal(svc_share_permille(&t), 333);
	t.answered = 16, t.on_time = 1; /* 62.5 → 63 (half up) */
	assert_int_equal(svc_share_permille(&t), 63);
	t.answered = 8, t.on_time = 8, t.late_open = 0;
	assert_int_equal(svc_share_permille(&t), 1000);
	t.answered = 279, t.on_time = 262, t.late_open = 1; /* 262/280 = 935.71 → 936 */
	assert_int_equal(svc_share_permille(&t), 936);
	t.rated = 3, t.rating_sum = 13; /* 4.333 → 4.3 */
	assert_int_equal(svc_rating_tenths(&t), 43);
	t.rated = 4, t.rating_sum = 17; /* 4.25 → 4.3 (half up) */
	assert_int_equal(svc_rating_tenths(&t), 43);
}

static void formats(void **st)
{
	char b[16];
	svc_fmt_permille(936, b, sizeof b);
	assert_string_equal(b, "93.6%");
	svc_fmt_permille(1000, b, sizeof b);
	assert_string_equal(b, "100.0%");
	svc_fmt_permille(5, b, sizeof b);
	assert_string_equal(b, "0.5%");
	svc_fmt_permille(-1, b, sizeof b);
	assert_string_equal(b, "");
	svc_fmt_tenths(43, b, sizeof b);
	assert_string_equal(b, "4.3");
	svc_fmt_tenths(50, b, sizeof b);
	assert_string_equal(b, "5.0");
}

/* The committed due day: n working days after the day of receipt. */
static void due_on_the_calendar(void **st)
{
	char due[11];
	int unc = 0;
	/* 10-01…10-07 off; 10-08 (1), 10-09 (2), 10-10 make-up Saturday (3), 10-12 (4), 10-13 (5) */
	assert_int_equal(calendar_due(d, "2026-09-30", 5, DL_WORKING_DAYS, due, &unc), 0);
	assert_string_equal(due, "2026-10-13");
	assert_int_equal(unc, 0);
	/* 2026-02-12 (Thu) + 7: 02-13 (1), 02-14 make-up Sat (2), 02-15…02-23 off,
	 * 02-24 (3) … 02-27 (6), 02-28 make-up Sat (7) */
	assert_int_equal(calendar_due(d, "2026-02-12", 7, DL_WORKING_DAYS, due, &unc), 0);
	assert_string_equal(due, "2026-02-28");
	/* received on a Saturday: the count starts the next working day */
	assert_int_equal(calendar_due(d, "2026-09-05", 3, DL_WORKING_DAYS, due, &unc), 0);
	assert_string_equal(due, "2026-09-09");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(on_time_rule),        cmocka_unit_test(tally_by_state),
		cmocka_unit_test(rounding_half_up),    cmocka_unit_test(formats),
		cmocka_unit_test(due_on_the_calendar),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
