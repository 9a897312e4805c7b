/* test_intervals.c — the special-equipment inspection-interval engine
 * (src/modules/equipment/intervals.c) and `zhijian inspection-due`: every
 * rule of the built-in table with a case worked by hand (the clause it
 * follows in the comment), the edition chosen by date, month-end clamping,
 * the request deadline (特种设备安全法 第四十条: due − 1 month), and an
 * error naming the field for each kind of bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "modules/equipment/intervals.h"

static date_days D(const char *s)
{
	date_days d = 0;
	assert_int_equal(date_parse(s, &d), DATE_OK);
	return d;
}

static const char *S(date_days d)
{
	static char buf[4][DATE_STRLEN];
	static int k;
	k = (k + 1) % 4;
	date_format(d, buf[k]);
	return buf[k];
}

/* An input: category, type, kind and last inspection ("" = never). */
static eq_due_in in_of(int category, const char *type, const char *kind, const char *last)
{
	eq_due_in in = {0};
	in.category = category;
	in.type = type;
	in.kind = kind;
	if (last && *last) {
		in.last = D(last);
		in.has_last = 1;
	}
	return in;
}

static void commissioned(eq_due_in *in, const char *d)
{
	in->commissioned = D(d);
	in->has_commissioned = 1;
}

static void base(eq_due_in *in, const char *d)
{
	in->base = D(d);
	in->has_base = 1;
}

/* Expect a due date and request deadline; returns the answer. */
static eq_due_out expect(const eq_due_in *in, const char *due, const char *request_by)
{
	eq_due_out out;
	int rc = eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), in, &out);
	if (rc)
		fail_msg("error on %s: %s %s", out.field, out.err_zh, out.err_en);
	assert_string_equal(S(out.due), due);
	assert_string_equal(S(out.request_by), request_by);
	assert_non_null(out.rule);
	assert_true(out.basis_zh[0] && out.basis_en[0]);
	assert_null(strstr(out.basis_zh, "DOMAIN"));
	assert_null(strstr(out.basis_en, "[U]"));
	return out;
}

/* Expect an error naming `field`, in both languages. */
static void expect_err(const eq_due_in *in, const char *field)
{
	eq_due_out out;
	assert_int_equal(eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), in, &out), -1);
	assert_non_null(out.field);
	assert_string_equal(out.field, field);
	assert_true(out.err_zh[0] && out.err_en[0]);
	assert_null(strstr(out.err_en, "DOMAIN"));
	assert_null(strstr(out.err_zh, "[U]"));
}

/* TSG 11-2020 (boiler inspection periods): external yearly, internal every
 * 2 years with the first 1 year after commissioning, utility boilers with
 * the overhaul every 3-6 years, pressure test every 3 years where the
 * internal inspection is impossible. */
static void test_boilers(void **state)
{
	eq_due_in in = in_of(1000, "", "external", "2024-06-15");
	expect(&in, "2025-06-15", "2025-05-15"); /* the worked example of 特种设备安全法 第四十条 */
	in.conclusion = "conditional";           /* 基本符合要求: usable, same period */
	expect(&in, "2025-06-15", "2025-05-15");
	in.conclusion = "pass_recheck"; /* an elevator/crane conclusion: not a boiler's */
	expect_err(&in, "conclusion");

	in = in_of(1000, "steam", "internal", "");
	commissioned(&in, "2024-03-01");
	expect(&in, "2025-03-01", "2025-02-01"); /* first internal: 1 year after commissioning */
	in = in_of(1000, "steam", "internal", "2025-03-01");
	expect(&in, "2027-03-01", "2027-02-01"); /* then every 2 years */

	in = in_of(1000, "utility", "internal", "2022-05-20");
	expect(&in, "2028-05-20", "2028-04-20"); /* 3-6 years: without a choice, 6 */
	in.chosen_months = 48;
	eq_due_out out = expect(&in, "2026-05-20", "2026-04-20");
	assert_non_null(strstr(out.basis_en, "(48 months)"));
	in.chosen_months = 24; /* below 3 years */
	expect_err(&in, "chosen_months");

	in = in_of(1000, "", "pressure_test", "2023-07-31");
	expect(&in, "2026-07-31", "2026-06-30"); /* request by: June has no 31st */
	in = in_of(1000, "", "external", "2024-06-15");
	in.chosen_months = 6; /* a fixed yearly rule: no choice */
	expect_err(&in, "chosen_months");
}

/* TSG 21-2016 8.1.6: first within 3 years of commissioning; grade 1-2
 * every 6 years, 3 every 3-6, 4 monitored ≤ 3 years in total, 5 not to be
 * used; non-metal vessels 1 year, 3, 2, monitored ≤ 1 year, not usable. */
static void test_vessels(void **state)
{
	eq_due_in in = in_of(2000, "", "periodic", "");
	commissioned(&in, "2023-03-31");
	expect(&in, "2026-03-31", "2026-02-28");

	in = in_of(2000, "fixed", "periodic", "2024-05-10");
	in.grade = 1;
	expect(&in, "2030-05-10", "2030-04-10");
	in.grade = 2;
	in.conclusion = "pass";
	expect(&in, "2030-05-10", "2030-04-10");
	in.grade = 3; /* 3-6 years, the inspection body chooses */
	in.chosen_months = 48;
	expect(&in, "2028-05-10", "2028-04-10");
	in.chosen_months = 0;
	expect(&in, "2030-05-10", "2030-04-10");
	in.chosen_months = 30;
	expect_err(&in, "chosen_months");
	in.chosen_months = 84;
	expect_err(&in, "chosen_months");

	in.chosen_months = 12;
	in.grade = 4; /* monitored use */
	in.conclusion = "conditional";
	eq_due_out out = expect(&in, "2025-05-10", "2025-04-10");
	assert_int_equal(out.monitored, 1);
	assert_int_equal(out.usable, 1);
	in.chosen_months = 24; /* monitored since 2022-01-15: 3 years in total end 2025-01-15 */
	in.monitored_since = D("2022-01-15");
	in.has_monitored_since = 1;
	expect(&in, "2025-01-15", "2024-12-15");
	in.conclusion = "pass"; /* grade 4 is 基本符合要求 */
	expect_err(&in, "conclusion");

	in = in_of(2000, "", "periodic", "2024-05-10");
	in.grade = 5;
	in.conclusion = "fail";
	out = expect(&in, "2024-05-10", "2024-04-10"); /* not usable; due where it was */
	assert_int_equal(out.usable, 0);
	in.conclusion = "pass";
	expect_err(&in, "conclusion");

	in = in_of(2000, "", "periodic", "2024-02-29");
	in.grade = 1;
	expect(&in, "2030-02-28", "2030-01-28"); /* no 29 February in 2030 */

	in = in_of(2000, "", "annual_check", "2024-08-31"); /* the user's yearly check */
	expect(&in, "2025-08-31", "2025-07-31");
}

static void test_vessels_nonmetal(void **state)
{
	eq_due_in in = in_of(2000, "nonmetal", "periodic", "");
	commissioned(&in, "2024-01-31");
	expect(&in, "2025-01-31", "2024-12-31"); /* first within 1 year */
	in = in_of(2000, "nonmetal", "periodic", "2025-01-20");
	in.grade = 1;
	expect(&in, "2028-01-20", "2027-12-20");
	in.grade = 2;
	expect(&in, "2027-01-20", "2026-12-20");
	in.grade = 3;
	eq_due_out out = expect(&in, "2026-01-20", "2025-12-20"); /* monitored, 1 year at most */
	assert_int_equal(out.monitored, 1);
	in.grade = 4; /* not to be used with the current medium */
	out = expect(&in, "2025-01-20", "2024-12-20");
	assert_int_equal(out.usable, 0);
}

/* TSG 23-2021, by the gas held: corrosive 2 years, general 3, inert 5;
 * LPG YSP-0.5…15: 4, 4, 4 years from manufacture, then 3; YSP-50: 3. */
static void test_cylinders(void **state)
{
	eq_due_in in = in_of(2300, "corrosive", "periodic", "2024-01-15");
	expect(&in, "2026-01-15", "2025-12-15");
	in.type = "general";
	expect(&in, "2027-01-15", "2026-12-15");
	in.type = "inert";
	expect(&in, "2029-01-15", "2028-12-15");
	in.type = "lpg_ysp50";
	expect(&in, "2027-01-15", "2026-12-15");

	in = in_of(2300, "lpg", "periodic", "");
	commissioned(&in, "2020-05-01"); /* date of manufacture */
	expect(&in, "2024-05-01", "2024-04-01");
	in = in_of(2300, "lpg", "periodic", "2024-04-20"); /* first inspection, a little early */
	commissioned(&in, "2020-05-01");
	expect(&in, "2028-05-01", "2028-04-01");
	in = in_of(2300, "lpg", "periodic", "2032-05-03"); /* third (12 years) */
	commissioned(&in, "2020-05-01");
	expect(&in, "2035-05-01", "2035-04-01");

	in = in_of(2300, "", "periodic", "2024-01-15"); /* the gas decides: a type is needed */
	expect_err(&in, "type");
}

/* TSG T7001-2023: inspections in years 1, 4, 7, 9, 11, 13, 15 after the
 * supervision inspection (the base), then yearly; up to 2 months early
 * keeps the schedule. Worked: base 2024-06-15 → 2025-06, 2028-06, 2031-06,
 * 2033-06, 2035-06, 2037-06, 2039-06, 2040-06, 2041-06. */
static void test_elevator_schedule(void **state)
{
	static const char *const dues[] = {"2025-06-15", "2028-06-15", "2031-06-15", "2033-06-15", "2035-06-15",
					   "2037-06-15", "2039-06-15", "2040-06-15", "2041-06-15", "2042-06-15"};
	static const char *const reqs[] = {"2025-05-15", "2028-05-15", "2031-05-15", "2033-05-15", "2035-05-15",
					   "2037-05-15", "2039-05-15", "2040-05-15", "2041-05-15", "2042-05-15"};
	eq_due_in in = in_of(3000, "traction", "periodic", "");
	base(&in, "2024-06-15");
	expect(&in, dues[0], reqs[0]);
	for (int i = 0; i + 1 < 10; i++) { /* each inspection on its due date gives the next */
		in.last = D(dues[i]);
		in.has_last = 1;
		expect(&in, dues[i + 1], reqs[i + 1]);
	}
	in.last = D("2028-04-15"); /* 2 months early: counts as the 2028 inspection */
	expect(&in, "2031-06-15", "2031-05-15");
	in.last = D("2028-04-14"); /* earlier still: the 2028 point stays due */
	expect(&in, "2028-06-15", "2028-05-15");
	in.last = D("2028-09-01"); /* late: the next point */
	expect(&in, "2031-06-15", "2031-05-15");
	in.last = D("2060-02-01"); /* far past year 15: yearly */
	expect(&in, "2060-06-15", "2060-05-15");

	in = in_of(3000, "", "periodic", ""); /* without a base, the commissioning date */
	commissioned(&in, "2024-01-31");
	expect(&in, "2025-01-31", "2024-12-31");
	in = in_of(3000, "", "periodic", "2024-08-01");
	expect_err(&in, "base");
	base(&in, "2024-09-01");
	expect_err(&in, "last_date"); /* inspected before the supervision inspection */
}

/* The legacy yearly rule (TSG T7001-2009) for inspections before the 2023
 * rule took effect, or for a unit kept on it; and the self-test of TSG
 * T7008-2023 in the years without inspection (2, 3, 5, 6, 8, 10, 12, 14),
 * or every year by the other reading. */
static void test_elevator_legacy_selftest(void **state)
{
	eq_due_in in = in_of(3000, "", "periodic", "2022-09-01");
	eq_due_out out = expect(&in, "2023-09-01", "2023-08-01");
	assert_string_equal(out.rule->regulation, "TSG T7001-2009");
	in = in_of(3000, "", "periodic", "2024-03-10");
	in.regulation = "TSG T7001-2009";
	expect(&in, "2025-03-10", "2025-02-10");

	static const char *const selftests[] = {"2026-06-15", "2027-06-15", "2029-06-15", "2030-06-15", "2032-06-15",
						"2034-06-15", "2036-06-15", "2038-06-15", "2039-06-15"};
	in = in_of(3000, "escalator", "self_test", "");
	base(&in, "2024-06-15");
	expect(&in, selftests[0], "2026-05-15");
	for (int i = 0; i + 1 < 9; i++) {
		in.last = D(selftests[i]);
		in.has_last = 1;
		out = expect(&in, selftests[i + 1], S(D(selftests[i + 1]) - 31));
	}
	assert_string_equal(out.rule->regulation, "TSG T7008-2023");
	in = in_of(3000, "", "self_test_annual", "2025-03-31");
	expect(&in, "2026-03-31", "2026-02-28");
}

/* A failed inspection: not usable, the due date does not move (re-inspection). */
static void test_failed(void **state)
{
	eq_due_in in = in_of(3000, "", "periodic", "2025-06-01");
	base(&in, "2024-06-15");
	in.conclusion = "fail";
	eq_due_out out = expect(&in, "2025-06-01", "2025-05-01");
	assert_int_equal(out.usable, 0);
	in.prev_due = D("2025-06-15");
	in.has_prev_due = 1;
	out = expect(&in, "2025-06-15", "2025-05-15");
	assert_int_equal(out.usable, 0);
	assert_non_null(strstr(out.basis_zh, "第四十条"));
	in.conclusion = "pass_recheck"; /* 复检合格: the schedule goes on */
	out = expect(&in, "2028-06-15", "2028-05-15");
	assert_int_equal(out.usable, 1);
}

/* TSG Q7015-2016 第五条, by crane type. */
static void test_cranes(void **state)
{
	static const struct {
		const char *type, *due, *req;
	} cases[] = {
		{"tower", "2025-02-28", "2025-01-28"}, /* yearly; 2024-02-29 + 12 months clamps */
		{"lift", "2025-02-28", "2025-01-28"},
		{"mobile", "2025-02-28", "2025-01-28"},
		{"rtg_container", "2026-02-28", "2026-01-28"}, /* the tyred container gantry: 2 years */
		{"bridge", "2026-02-28", "2026-01-28"},
		{"gantry", "2026-02-28", "2026-01-28"},
		{"portal", "2026-02-28", "2026-01-28"},
		{"cable", "2026-02-28", "2026-01-28"},
		{"mast", "2026-02-28", "2026-01-28"},
		{"railway", "2026-02-28", "2026-01-28"},
		{"jib", "2026-02-28", "2026-01-28"},
		{"light_small", "2026-02-28", "2026-01-28"},
		{"parking", "2026-02-28", "2026-01-28"},
		{"molten_metal", "2025-02-28", "2025-01-28"}, /* molten or red-hot metal: yearly */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		eq_due_in in = in_of(4000, cases[i].type, "periodic", "2024-02-29");
		eq_due_out out = expect(&in, cases[i].due, cases[i].req);
		assert_string_equal(out.rule->clause, "第五条");
	}
	eq_due_in in = in_of(4000, "", "periodic", "2024-02-29");
	expect_err(&in, "type"); /* the type decides the period */
	in.type = "escalator";
	expect_err(&in, "type");
	in.type = "bridge";
	in.conclusion = "pass_recheck";
	expect(&in, "2026-02-28", "2026-01-28");
}

/* Yearly: in-plant vehicles (TSG 81-2022), amusement rides (TSG 71-2023),
 * passenger ropeways (TSG S7001-2013). */
static void test_yearly(void **state)
{
	eq_due_in in = in_of(5000, "forklift", "periodic", "2024-10-31");
	expect(&in, "2025-10-31", "2025-09-30");
	in = in_of(6000, "coaster", "periodic", "2024-05-01");
	expect(&in, "2025-05-01", "2025-04-01");
	in = in_of(6000, "", "periodic", "2023-05-01"); /* before the only edition: it still answers */
	expect(&in, "2024-05-01", "2024-04-01");
	in = in_of(9000, "aerial", "periodic", "2024-12-31");
	expect(&in, "2025-12-31", "2025-11-30");
}

/* TSG D7005-2018 (industrial piping by grade and class) and TSG D7004-2010
 * (public piping by kind). */
static void test_piping(void **state)
{
	eq_due_in in = in_of(8000, "GC2", "periodic", "");
	commissioned(&in, "2021-09-30");
	expect(&in, "2024-09-30", "2024-08-30");
	in = in_of(8000, "GC2", "periodic", "2024-01-01");
	in.grade = 2;
	expect(&in, "2030-01-01", "2029-12-01"); /* GC1/GC2 grade 1-2: ≤ 6 years */
	in.chosen_months = 60;
	expect(&in, "2029-01-01", "2028-12-01");
	in.chosen_months = 0;
	in.type = "GC3";
	in.grade = 1;
	expect(&in, "2033-01-01", "2032-12-01"); /* GC3: ≤ 9 years */
	in.grade = 3;
	in.conclusion = "conditional";
	eq_due_out out = expect(&in, "2027-01-01", "2026-12-01"); /* ≤ 3 years, monitored */
	assert_int_equal(out.monitored, 1);
	in.grade = 4;
	in.conclusion = "fail";
	out = expect(&in, "2024-01-01", "2023-12-01");
	assert_int_equal(out.usable, 0);
	in.grade = 5; /* piping grades stop at 4 */
	in.conclusion = NULL;
	expect_err(&in, "grade");

	static const struct {
		const char *type, *due, *req;
	} pub[] = {{"GB1-III", "2032-06-30", "2032-05-30"}, /* ≤ 8 years */
		   {"GB1-IV", "2036-06-30", "2036-05-30"},  /* ≤ 12 years */
		   {"GB2", "2036-06-30", "2036-05-30"},
		   {"GB1-PE", "2039-06-30", "2039-05-30"}}; /* ≤ 15 years */
	for (size_t i = 0; i < 4; i++) {
		in = in_of(8000, pub[i].type, "periodic", "2024-06-30");
		expect(&in, pub[i].due, pub[i].req);
	}
	in = in_of(8000, "GB1-III", "periodic", ""); /* public piping: the first period counts from use */
	commissioned(&in, "2020-01-01");
	expect(&in, "2028-01-01", "2027-12-01");
	in = in_of(8000, "GB1-IV", "annual_check", "2024-06-30");
	expect(&in, "2025-06-30", "2025-05-30");
}

/* Each kind of bad input names its field. */
static void test_errors(void **state)
{
	eq_due_in in = in_of(7000, "", "periodic", "2024-01-01");
	expect_err(&in, "category");
	in = in_of(3000, "", "internal", "2024-01-01"); /* a boiler's kind on an elevator */
	expect_err(&in, "kind");
	in.kind = NULL;
	expect_err(&in, "kind");
	in = in_of(3000, "crawler", "periodic", "2024-01-01");
	expect_err(&in, "type");
	in = in_of(3000, "", "periodic", "2024-01-01");
	in.regulation = "TSG T7001-2009";
	in.grade = 2; /* a safety grade on an elevator */
	expect_err(&in, "grade");
	in = in_of(2000, "", "periodic", "2024-01-01");
	in.grade = 6;
	expect_err(&in, "grade");
	in.grade = -1;
	expect_err(&in, "grade");
	in.grade = 0; /* a vessel inspected needs the grade it was given */
	expect_err(&in, "grade");
	in = in_of(1000, "", "external", "2024-01-01");
	commissioned(&in, "2024-02-01"); /* inspected before commissioning */
	expect_err(&in, "last_date");
	in = in_of(1000, "", "external", "");
	expect_err(&in, "commissioned"); /* never inspected, no commissioning date */
	in = in_of(1000, "", "external", "");
	commissioned(&in, "2024-02-01");
	in.conclusion = "pass"; /* a conclusion without an inspection */
	expect_err(&in, "conclusion");
	in = in_of(4000, "tower", "periodic", "2024-01-01");
	in.conclusion = "excellent";
	expect_err(&in, "conclusion");
	in.conclusion = "conditional"; /* 基本符合要求 is not a crane conclusion */
	expect_err(&in, "conclusion");
	in.conclusion = NULL;
	in.chosen_months = -3;
	expect_err(&in, "chosen_months");
	in = in_of(2300, "general", "periodic", "2024-01-01");
	in.conclusion = "pass_recheck";
	expect_err(&in, "conclusion");
}

/* The edition in force on the date; a later edition added as rows. */
static void test_editions(void **state)
{
	const eq_rule *r = eq_rule_find(eq_rules_builtin, eq_rules_builtin_count(), 3000, "", "periodic", 0, 0,
					D("2023-04-01"), NULL);
	assert_non_null(r);
	assert_string_equal(r->regulation, "TSG T7001-2009");
	r = eq_rule_find(eq_rules_builtin, eq_rules_builtin_count(), 3000, "", "periodic", 0, 0, D("2023-04-02"), NULL);
	assert_string_equal(r->regulation, "TSG T7001-2023");
	r = eq_rule_find(eq_rules_builtin, eq_rules_builtin_count(), 2000, "", "periodic", 3, 0, D("2024-01-01"), NULL);
	assert_int_equal(r->months_min, 36);
	assert_int_equal(r->months_max, 72);
	assert_null(eq_rule_find(eq_rules_builtin, eq_rules_builtin_count(), 6000, "", "periodic", 0, 0,
				 D("2024-02-29"), NULL)); /* TSG 71-2023 is in force from 2024-03-01 */

	/* A table with a (hypothetical) later crane edition for tower cranes. */
	size_t n = eq_rules_builtin_count();
	static eq_rule table[128];
	assert_true(n + 1 < 128);
	memcpy(table, eq_rules_builtin, n * sizeof table[0]);
	table[n] = (eq_rule){4000,
			     "tower",
			     "periodic",
			     0,
			     0,
			     6,
			     0,
			     0,
			     NULL,
			     1,
			     0,
			     "TSG X-2030",
			     "1.1",
			     "2030-01-01",
			     "塔式起重机每半年1次",
			     "tower cranes every 6 months"};
	eq_due_in in = in_of(4000, "tower", "periodic", "2029-12-31");
	eq_due_out out;
	assert_int_equal(eq_next_due(table, n + 1, &in, &out), 0);
	assert_string_equal(S(out.due), "2030-12-31");
	in.last = D("2030-01-01");
	assert_int_equal(eq_next_due(table, n + 1, &in, &out), 0);
	assert_string_equal(S(out.due), "2030-07-01");
	assert_string_equal(out.rule->regulation, "TSG X-2030");
	in.type = "bridge"; /* the other types keep their edition */
	assert_int_equal(eq_next_due(table, n + 1, &in, &out), 0);
	assert_string_equal(S(out.due), "2032-01-01");
	in.no_basis = 1;
	assert_int_equal(eq_next_due(table, n + 1, &in, &out), 0);
	assert_string_equal(out.basis_zh, "");
}

/* The interval arithmetic is date_add_months's (民法典 第二百零二条 month
 * ends), for the due date and the request deadline, over three years of
 * start dates and intervals of every length the ranges allow. */
static void test_month_arithmetic(void **state)
{
	static const int months[] = {12, 13, 25, 36, 59, 60, 71, 72};
	for (date_days d = D("2023-01-01"); d <= D("2025-12-31"); d++)
		for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
			eq_due_in in = in_of(8000, "GC1", "periodic", "");
			in.last = d;
			in.has_last = 1;
			in.grade = 1;
			in.chosen_months = months[k];
			in.no_basis = 1;
			eq_due_out out;
			date_days due, req;
			assert_int_equal(eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), &in, &out), 0);
			assert_int_equal(date_add_months(d, months[k], &due), DATE_OK);
			assert_int_equal(date_add_months(due, -1, &req), DATE_OK);
			assert_int_equal(out.due, due);
			assert_int_equal(out.request_by, req);
		}
	eq_due_in in = in_of(4000, "bridge", "periodic", "9998-02-01"); /* the calendar ends at 9999 */
	expect_err(&in, "last_date");
}

/* The elevator schedule against a plain reading of it with date_add_months:
 * the first point (12, 48, 84, 108, 132, 156, 180, then every 12 months)
 * not met by the last inspection, met meaning on or after 2 months before
 * the point; month-end bases included. */
static void test_schedule_reference(void **state)
{
	static const int pts[] = {12, 48, 84, 108, 132, 156, 180};
	for (date_days b = D("2011-12-28"); b <= D("2012-03-31"); b += 3)
		for (long off = 0; off < 9000; off += 37) {
			eq_due_in in = in_of(3000, "", "periodic", "");
			base(&in, "2000-01-01");
			in.base = b;
			in.last = b + off;
			in.has_last = 1;
			in.regulation = "TSG T7001-2023";
			in.no_basis = 1;
			date_days want = 0, met, req;
			for (int k = 0;; k++) {
				int t = k < 7 ? pts[k] : 180 + (k - 6) * 12;
				assert_int_equal(date_add_months(b, t - 2, &met), DATE_OK);
				if (met > in.last) {
					assert_int_equal(date_add_months(b, t, &want), DATE_OK);
					break;
				}
			}
			assert_int_equal(date_add_months(want, -1, &req), DATE_OK);
			eq_due_out out;
			assert_int_equal(eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), &in, &out), 0);
			if (out.due != want || out.request_by != req)
				fail_msg("base %s last %s: %s / %s, want %s / %s", S(b), S(in.last), S(out.due),
					 S(out.request_by), S(want), S(req));
		}
}

/* The month arithmetic at the edges of the engine's month table (1900 and
 * 2299) and past them is date_add_months's too. */
static void test_month_table_edges(void **state)
{
	static const int months[] = {12, 13, 25, 36, 59, 60, 71, 72};
	static const char *const spans[][2] = {{"1899-01-01", "1901-12-31"}, {"2293-01-01", "2300-12-31"}};
	for (size_t sp = 0; sp < 2; sp++)
		for (date_days d = D(spans[sp][0]); d <= D(spans[sp][1]); d++)
			for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
				eq_due_in in = in_of(8000, "GC1", "periodic", "");
				in.last = d;
				in.has_last = 1;
				in.grade = 1;
				in.chosen_months = months[k];
				in.no_basis = 1;
				eq_due_out out;
				date_days due, req;
				assert_int_equal(eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), &in, &out), 0);
				assert_int_equal(date_add_months(d, months[k], &due), DATE_OK);
				assert_int_equal(date_add_months(due, -1, &req), DATE_OK);
				if (out.due != due || out.request_by != req)
					fail_msg("%s + %d: %s / %s", S(d), months[k], S(out.due), S(out.request_by));
			}
}

/* ---- eq_next_due_many / eq_next_due_each against eq_next_due ---- */

static unsigned long long prop_rng = 0x9E3779B97F4A7C15ULL;
static unsigned prop_rnd(unsigned n)
{
	prop_rng ^= prop_rng << 13;
	prop_rng ^= prop_rng >> 7;
	prop_rng ^= prop_rng << 17;
	return (unsigned)(prop_rng % n);
}

/* A date around the register's years, now and then one far out (the
 * calendar's ends, the engine's month table's edges). */
static date_days prop_date(void)
{
	static const char *const far[] = {"0001-01-31", "1899-12-31", "1900-01-31", "2299-12-31",
					  "2300-01-31", "9998-06-30", "9999-12-31"};
	if (prop_rnd(200) == 0)
		return D(far[prop_rnd(sizeof far / sizeof far[0])]);
	return D("2005-01-01") + (date_days)prop_rnd(365 * 25);
}

/* One generated unit: every category (and an unknown one), each category's
 * types (and "" and an unknown one), every kind, grades in and out of
 * range, first or later, conclusions, chosen intervals, elevator schedule
 * pins, dates in and out of order; strings are static (as the bulk entry
 * points require). */
static void prop_unit(eq_due_in *in)
{
	static const int cats[] = {1000, 2000, 2300, 3000, 4000, 5000, 6000, 8000, 9000, 7000};
	static const char *const kinds[] = {"periodic",      "external",  "internal",
					    "pressure_test", "self_test", "self_test_annual",
					    "annual_check",  "bogus",     NULL};
	static const char *const concl[] = {NULL, "", "pass", "pass", "pass_recheck", "conditional", "fail", "bogus"};
	static const int chosen[] = {0, 0, 0, 0, 12, 36, 48, 60, 72, 100, -1};
	static const char *const regs[] = {NULL, NULL, "TSG T7001-2009", "TSG T7001-2023"};
	memset(in, 0, sizeof *in);
	in->category = cats[prop_rnd(sizeof cats / sizeof cats[0])];
	const char *types[64];
	int nt = 0;
	types[nt++] = "";
	types[nt++] = "bogus";
	for (const eq_type *t = eq_types; t->category && nt < 64; t++)
		if (t->category == in->category)
			types[nt++] = t->code;
	in->type = prop_rnd(8) == 0 ? NULL : types[prop_rnd((unsigned)nt)];
	in->kind = prop_rnd(3) ? "periodic" : kinds[prop_rnd(sizeof kinds / sizeof kinds[0])];
	in->has_last = prop_rnd(6) != 0;
	in->has_commissioned = prop_rnd(5) != 0;
	in->has_base = in->category == 3000 && prop_rnd(3) != 0;
	in->commissioned = prop_date();
	in->base = in->commissioned + (date_days)prop_rnd(400) - 30;
	in->last = in->commissioned + (date_days)prop_rnd(365 * 12) - (prop_rnd(30) == 0 ? 400 : 0);
	if (prop_rnd(100) == 0)
		in->last = prop_date();
	int g = (int)prop_rnd(9) - 1; /* -1 … 7 */
	in->grade = in->category == 2000 || in->category == 8000 ? g : prop_rnd(20) == 0 ? g : 0;
	in->conclusion = concl[prop_rnd(sizeof concl / sizeof concl[0])];
	in->chosen_months = prop_rnd(3) ? 0 : chosen[prop_rnd(sizeof chosen / sizeof chosen[0])];
	in->regulation = in->category == 3000 ? regs[prop_rnd(4)] : NULL;
	in->has_prev_due = prop_rnd(2);
	in->prev_due = in->last + 300;
	in->has_monitored_since = prop_rnd(3) == 0;
	in->monitored_since = in->last - (date_days)prop_rnd(900);
}

static int prop_by_key(const void *a, const void *b)
{
	const eq_due_in *x = a, *y = b;
	if (x->category != y->category)
		return x->category < y->category ? -1 : 1;
	int c = strcmp(x->type ? x->type : "", y->type ? y->type : "");
	if (c)
		return c;
	c = strcmp(x->kind ? x->kind : "", y->kind ? y->kind : "");
	if (c)
		return c;
	if (x->grade != y->grade)
		return x->grade < y->grade ? -1 : 1;
	return x->has_last - y->has_last;
}

/* Unit i of the bulk result against eq_next_due on it. */
static void prop_same(const eq_due_in *in, const eq_due_out_many *res, size_t i)
{
	eq_due_out want;
	eq_due_in one = *in;
	one.no_basis = 0;
	int rc = eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), &one, &want);
	if ((rc != 0) != (res->field != NULL) || res->due != want.due || res->request_by != want.request_by ||
	    res->usable != want.usable || res->monitored != want.monitored || res->rule != want.rule ||
	    (rc && strcmp(res->field, want.field)))
		fail_msg("unit %zu (%d %s %s grade %d): bulk %s %s/%s usable %d rule %p, single %s %s/%s usable %d "
			 "rule %p",
			 i, in->category, in->type ? in->type : "(null)", in->kind ? in->kind : "(null)", in->grade,
			 res->field ? res->field : "ok", S(res->due), S(res->request_by), res->usable,
			 (const void *)res->rule, want.field ? want.field : "ok", S(want.due), S(want.request_by),
			 want.usable, (const void *)want.rule);
	char zh[256], en[256];
	eq_due_basis(in, res, zh, sizeof zh, en, sizeof en);
	assert_string_equal(zh, rc ? "" : want.basis_zh);
	assert_string_equal(en, rc ? "" : want.basis_en);
}

typedef struct prop_stream {
	const eq_due_in *in;
	size_t n, at, errors;
} prop_stream;

static int prop_next(void *arg, eq_due_in *in)
{
	prop_stream *s = arg;
	if (s->at == s->n)
		return 0;
	*in = s->in[s->at];
	return 1;
}

static void prop_take(void *arg, const eq_due_in *in, const eq_due_out_many *res)
{
	prop_stream *s = arg;
	prop_same(in, res, s->at);
	s->errors += res->field != NULL;
	s->at++;
}

/* Over 40,000 generated units, in the order generated and grouped by key,
 * whole and in pieces: the bulk entry points give what eq_next_due gives,
 * unit by unit (due, request deadline, usable, monitored, the row, the
 * field at fault), and the basis text rendered afterwards is its text. */
static void test_many_same_as_one(void **state)
{
	enum { N = 40000 };
	static eq_due_in in[N];
	static eq_due_out_many res[N];
	for (size_t i = 0; i < N; i++)
		prop_unit(&in[i]);
	size_t ok = 0, seen_sched = 0;
	for (int order = 0; order < 2; order++) {
		if (order)
			qsort(in, N, sizeof in[0], prop_by_key);
		size_t errors = eq_next_due_many(eq_rules_builtin, eq_rules_builtin_count(), in, res, N), counted = 0;
		for (size_t i = 0; i < N; i++) {
			prop_same(&in[i], &res[i], i);
			counted += res[i].field != NULL;
			ok += !res[i].field;
			seen_sched += !res[i].field && res[i].rule->schedule;
		}
		assert_int_equal(errors, counted);
		for (size_t at = 0; at < N; at += 777) { /* in pieces: nothing carried from call to call */
			size_t k = N - at < 777 ? N - at : 777;
			eq_next_due_many(eq_rules_builtin, eq_rules_builtin_count(), in + at, res, k);
			for (size_t i = 0; i < k; i++)
				prop_same(&in[at + i], &res[i], at + i);
		}
		prop_stream s = {in, N, 0, 0};
		assert_int_equal(eq_next_due_each(eq_rules_builtin, eq_rules_builtin_count(), prop_next, prop_take, &s),
				 counted);
		assert_int_equal(s.at, N);
		assert_int_equal(s.errors, counted);
	}
	/* the generator reaches both outcomes and the schedules */
	assert_true(ok > N / 4 && ok < 2 * N * 9 / 10);
	assert_true(seen_sched > 100);
	assert_int_equal(eq_next_due_many(eq_rules_builtin, eq_rules_builtin_count(), in, res, 0), 0);
}

/* Every error field the engine names is reached by the generator, so the
 * property above covers each error path. */
static void test_many_covers_errors(void **state)
{
	static const char *const fields[] = {"category",      "type",      "kind",         "grade", "conclusion",
					     "chosen_months", "last_date", "commissioned", "base"};
	enum { N = 40000 };
	static eq_due_in in[N];
	static eq_due_out_many res[N];
	for (size_t i = 0; i < N; i++)
		prop_unit(&in[i]);
	eq_next_due_many(eq_rules_builtin, eq_rules_builtin_count(), in, res, N);
	for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
		size_t hits = 0;
		for (size_t i = 0; i < N; i++)
			hits += res[i].field && !strcmp(res[i].field, fields[f]);
		if (!hits)
			fail_msg("no generated unit fails on %s", fields[f]);
	}
}

/* A table changed in place (same address, same length) is read afresh
 * after eq_rules_forget. */
static void test_forget(void **state)
{
	static eq_rule table[128];
	size_t n = eq_rules_builtin_count();
	memcpy(table, eq_rules_builtin, (n + 1) * sizeof table[0]);
	eq_due_in in = in_of(5000, "forklift", "periodic", "2024-10-31");
	eq_due_out out;
	assert_int_equal(eq_next_due(table, n, &in, &out), 0);
	assert_string_equal(S(out.due), "2025-10-31");
	for (size_t i = 0; i < n; i++)
		if (table[i].category == 5000)
			table[i].months = 6;
	/* the row found is checked even without eq_rules_forget */
	assert_int_equal(eq_next_due(table, n, &in, &out), 0);
	assert_string_equal(S(out.due), "2025-04-30");
	/* Another row edited (the 2023 elevator rule made to apply from 2022):
	 * the row remembered for 2022 is unchanged, so the caller says so. */
	in = in_of(3000, "", "periodic", "2022-09-01");
	base(&in, "2020-09-01");
	assert_int_equal(eq_next_due(table, n, &in, &out), 0);
	assert_string_equal(S(out.due), "2023-09-01"); /* TSG T7001-2009: yearly */
	for (size_t i = 0; i < n; i++)
		if (table[i].category == 3000 && table[i].schedule && !strcmp(table[i].kind, "periodic"))
			table[i].effective = "2022-01-01";
	eq_rules_forget();
	assert_int_equal(eq_next_due(table, n, &in, &out), 0);
	assert_string_equal(S(out.due), "2024-09-01"); /* year 4 of the 2023 schedule */
}

/* Another thread has its own memo, freed when it ends (LeakSanitizer
 * checks), and the same answers. */
static void *in_thread(void *arg)
{
	eq_due_out *out = arg;
	eq_due_in in = in_of(4000, "tower", "periodic", "2024-02-29");
	if (eq_next_due(eq_rules_builtin, eq_rules_builtin_count(), &in, out))
		out->due = 0;
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t t;
	eq_due_out out;
	assert_int_equal(pthread_create(&t, NULL, in_thread, &out), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_string_equal(S(out.due), "2025-02-28");
}

/* The table itself: dates parse, texts are there, ranges are ordered,
 * schedules ascend, every category and type it names is known, and no
 * string a user sees cites anything but a regulation. */
static void test_table(void **state)
{
	size_t n = eq_rules_builtin_count();
	assert_true(n > 40);
	for (size_t i = 0; i < n; i++) {
		const eq_rule *r = &eq_rules_builtin[i];
		date_days d;
		assert_true(eq_category_known(r->category));
		assert_true(eq_type_known(r->category, r->type));
		assert_true(!r->effective[0] || date_parse(r->effective, &d) == DATE_OK);
		assert_true(r->regulation[0] && r->note_zh[0] && r->note_en[0] && r->kind[0]);
		assert_true(!strcmp(r->status, "V") || !strcmp(r->status, "I"));
		assert_true(r->months_min <= r->months_max);
		assert_true(r->usable || (!r->months && !r->months_max));
		assert_true(!r->usable || r->months || r->months_max);
		for (int k = 0; r->schedule && r->schedule[k + 1]; k++)
			assert_true(r->schedule[k] < r->schedule[k + 1]);
		const char *texts[] = {r->note_zh, r->note_en, r->regulation, r->clause};
		for (int k = 0; k < 4; k++) {
			assert_null(strstr(texts[k], "DOMAIN"));
			assert_null(strstr(texts[k], "[U]"));
		}
	}
	assert_string_equal(eq_category_name(4000, 0), "起重机械");
	assert_string_equal(eq_category_name(4000, 1), "lifting appliance");
	assert_true(eq_kind_known(eq_rules_builtin, n, 1000, "pressure_test"));
	assert_false(eq_kind_known(eq_rules_builtin, n, 4000, "pressure_test"));
}

/* ---- zhijian inspection-due ---- */

struct result {
	int rc;
	char out[2048], err[2048];
};

static void slurp(FILE *f, char *buf, size_t size)
{
	rewind(f);
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
}

/* Run the calculator of the area's CLI list with `line` split on spaces. */
static struct result run(const char *line)
{
	static struct result r;
	char copy[512], *argv[20];
	int argc = 0;
	FILE *out = tmpfile(), *err = tmpfile();
	assert_non_null(out);
	assert_non_null(err);
	snprintf(copy, sizeof copy, "%s", line);
	for (char *t = strtok(copy, " "); t && argc < 19; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	assert_string_equal(equipment_cli[0].name, "inspection-due");
	fflush(stdout);
	fflush(stderr);
	int so = dup(STDOUT_FILENO), se = dup(STDERR_FILENO);
	dup2(fileno(out), STDOUT_FILENO);
	dup2(fileno(err), STDERR_FILENO);
	r.rc = equipment_cli[0].fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, STDOUT_FILENO);
	dup2(se, STDERR_FILENO);
	close(so);
	close(se);
	slurp(out, r.out, sizeof r.out);
	slurp(err, r.err, sizeof r.err);
	fclose(out);
	fclose(err);
	return r;
}

/* Exit 2, nothing on stdout, one line on stderr naming `arg`. */
static void cli_err(const char *line, const char *arg)
{
	struct result r = run(line);
	assert_int_equal(r.rc, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, arg));
	const char *nl = strchr(r.err, '\n');
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');
}

static void test_cli(void **state)
{
	struct result r = run("inspection-due boiler external 2024-06-15");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out,
			    "due 2025-06-15\nrequest by 2025-05-15\n"
			    "依据 TSG 11-2020：外部检验每年1次\nbasis TSG 11-2020: external inspection yearly\n");
	r = run("inspection-due 2000 periodic none --commissioned 2023-03-31");
	assert_int_equal(r.rc, 0);
	assert_true(!strncmp(r.out, "due 2026-03-31\nrequest by 2026-02-28\n依据 TSG 21-2016 8.1.6：", 60));
	r = run("inspection-due vessel periodic 2024-01-10 --grade 3 --months 48 --conclusion pass");
	assert_int_equal(r.rc, 0);
	assert_true(!strncmp(r.out, "due 2028-01-10\nrequest by 2027-12-10\n", 37));
	assert_non_null(strstr(r.out, "（按48个月）"));
	r = run("inspection-due elevator periodic 2039-06-01 --base 2024-06-15");
	assert_true(!strncmp(r.out, "due 2040-06-15\nrequest by 2040-05-15\n", 37));
	r = run("inspection-due 电梯 periodic 2025-06-01 --base 2024-06-15 --conclusion fail");
	assert_int_equal(r.rc, 0);
	assert_non_null(strstr(r.out, "not to be used"));
	r = run("inspection-due crane periodic 2024-02-29 --type tower");
	assert_true(!strncmp(r.out, "due 2025-02-28\nrequest by 2025-01-28\n", 37));
	r = run("inspection-due --help");
	assert_int_equal(r.rc, 0);
	assert_true(!strncmp(r.out, "usage: zhijian inspection-due", 29));

	cli_err("inspection-due 7000 periodic 2024-01-01", "CATEGORY");
	cli_err("inspection-due boiler periodic 2024-01-01", "KIND");
	cli_err("inspection-due boiler external 2024-13-01", "LAST_DATE");
	cli_err("inspection-due boiler external 2024-01-01 --commissioned 2024-06-01", "LAST_DATE");
	cli_err("inspection-due elevator periodic 2024-07-01 --base 2024-06-15 --grade 2", "--grade");
	cli_err("inspection-due vessel periodic 2024-01-01 --grade x", "--grade");
	cli_err("inspection-due vessel periodic 2024-01-01 --grade 3 --months 90", "--months");
	cli_err("inspection-due crane periodic 2024-01-01", "--type");
	cli_err("inspection-due crane periodic 2024-01-01 --type tower --conclusion conditional", "--conclusion");
	cli_err("inspection-due boiler external none", "--commissioned");
	cli_err("inspection-due boiler external 2024-01-01 --colour red", "--colour");
	cli_err("inspection-due boiler external", "required");
	cli_err("inspection-due boiler external 2024-01-01 --base", "--base");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boilers),
		cmocka_unit_test(test_vessels),
		cmocka_unit_test(test_vessels_nonmetal),
		cmocka_unit_test(test_cylinders),
		cmocka_unit_test(test_elevator_schedule),
		cmocka_unit_test(test_elevator_legacy_selftest),
		cmocka_unit_test(test_failed),
		cmocka_unit_test(test_cranes),
		cmocka_unit_test(test_yearly),
		cmocka_unit_test(test_piping),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_editions),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_month_arithmetic),
		cmocka_unit_test(test_month_table_edges),
		cmocka_unit_test(test_many_same_as_one),
		cmocka_unit_test(test_many_covers_errors),
		cmocka_unit_test(test_forget),
		cmocka_unit_test(test_schedule_reference),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
