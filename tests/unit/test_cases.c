/* test_cases.c — the enforcement area's pure rules, every case worked by
 * hand on the official calendar (DOMAIN.md §4, §10, §14): the filing period
 * (15 + 15 working days, testing excluded), the 90-day decision period with
 * its extension and suspensions, the statement period across the 2026
 * Spring Festival and its make-up Saturday, the hearing notice across the
 * 2025 National Day week, mediation with appraisal time excluded,
 * publication, the late fee and its cap, the major-case criteria, hearing
 * entitlement, the consultation quorum, HTML escaping and yuan formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/docs.h"
#include "modules/cases/cases.h"

static struct wd_calendar cal;

static date_days D(const char *s)
{
	date_days d;
	assert_int_equal(date_parse(s, &d), DATE_OK);
	return d;
}

static void assert_date(date_days d, const char *want)
{
	char buf[DATE_STRLEN];
	date_format(d, buf);
	assert_string_equal(buf, want);
}

static void wd(const char *start, long n, const cs_span *ex, int nex, const char *want)
{
	date_days out;
	assert_int_equal(cs_due_workdays(&cal, D(start), n, ex, nex, &out, NULL), 0);
	assert_date(out, want);
}

static void cd(const char *start, long n, const cs_span *ex, int nex, const char *want)
{
	date_days out;
	assert_int_equal(cs_due_days(D(start), n, ex, nex, &out), 0);
	assert_date(out, want);
}

static int setup(void **st)
{
	assert_int_equal(wd_load_builtin(&cal), WD_OK);
	return 0;
}

/* DOMAIN §4 L1: clue found Mon 2025-03-03 → 15 WD; March 2025 has no holiday:
 * 03-04..07 (4), 10..14 (9), 17..21 (14), 24 (15). With the +15 extension:
 * 25..28 (19), 31 (20), 04-01..03 (23), 04-04 off (清明), 07..11 (28), 14, 15 (30). */
static void test_filing_period(void **st)
{
	wd("2025-03-03", 15, NULL, 0, "2025-03-24");
	wd("2025-03-03", 30, NULL, 0, "2025-04-15");
	/* testing 03-05..03-11 takes out 5 working days (05, 06, 07, 10, 11) → 03-31 */
	cs_span lab[] = {{D("2025-03-05"), D("2025-03-11")}};
	wd("2025-03-03", 15, lab, 1, "2025-03-31");
	/* a span wholly on a weekend takes nothing out */
	cs_span weekend[] = {{D("2025-03-08"), D("2025-03-09")}};
	wd("2025-03-03", 15, weekend, 1, "2025-03-24");
	/* an open span (testing still running) stops the count */
	cs_span open[] = {{D("2025-03-05"), CS_OPEN}};
	date_days out;
	assert_int_equal(cs_due_workdays(&cal, D("2025-03-03"), 15, open, 1, &out, NULL), -1);
}

/* DOMAIN §4 L2–L4: filed 2025-01-10 → 90 days → 2025-04-10; +30 → 2025-05-10
 * (a Saturday: no Art. 203 roll by default). Suspended 02-01..02-10 (10 days)
 * → 04-20; a span ending on the filing day takes nothing out. */
static void test_decision_period(void **st)
{
	cd("2025-01-10", 90, NULL, 0, "2025-04-10");
	cd("2025-01-10", 120, NULL, 0, "2025-05-10");
	cs_span susp[] = {{D("2025-02-01"), D("2025-02-10")}};
	cd("2025-01-10", 90, susp, 1, "2025-04-20");
	cs_span before[] = {{D("2025-01-01"), D("2025-01-10")}};
	cd("2025-01-10", 90, before, 1, "2025-04-10");
	/* overlapping spans count once: 02-01..02-10 and 02-05..02-12 → 12 days → 04-22 */
	cs_span two[] = {{D("2025-02-01"), D("2025-02-10")}, {D("2025-02-05"), D("2025-02-12")}};
	cd("2025-01-10", 90, two, 2, "2025-04-22");
	/* 民法典 Art. 203 when the bureau turns it on: Sat 2025-05-10 → Mon 05-12 */
	date_days r;
	assert_int_equal(wd_roll_art203(&cal, D("2025-05-10"), &r, NULL), WD_OK);
	assert_date(r, "2025-05-12");
}

/* DOMAIN §10.6 worked examples, and the 5-WD statement period from Thu
 * 2026-02-12: 02-13 (1), Sat 02-14 make-up (2), 02-15..23 off, 24 (3), 25 (4), 26 (5). */
static void test_working_days_across_holidays(void **st)
{
	wd("2024-02-08", 7, NULL, 0, "2024-02-23");
	wd("2025-04-30", 5, NULL, 0, "2025-05-12");
	wd("2026-02-12", 7, NULL, 0, "2026-02-28");
	wd("2026-02-12", 5, NULL, 0, "2026-02-26");
	/* publication, 20 WD from Mon 2025-09-22: 23..26 (4), Sun 28 make-up (5), 29, 30 (7),
	 * 10-01..08 off, 09, 10 (9), Sat 11 make-up (10), 13..17 (15), 20..24 (20) */
	wd("2025-09-22", 20, NULL, 0, "2025-10-24");
	assert_int_equal(cs_count(&cal, 1, D("2025-09-22"), D("2025-10-24"), NULL, 0), 20);
	assert_int_equal(cs_count(&cal, 0, D("2025-01-10"), D("2025-04-10"), NULL, 0), 90);
	assert_int_equal(cs_count(&cal, 1, D("2025-10-24"), D("2025-09-22"), NULL, 0), -20);
}

/* Hearing notice (行政处罚法 Art. 64(2), Art. 85): noticed Fri 2025-09-26 →
 * Sun 28 make-up (1), 29 (2), 30 (3), 10-01..08 off, 09 (4), 10 (5), Sat 11
 * make-up (6), Mon 13 (7). A hearing on 10-10 (14 calendar days later) is too early. */
static void test_hearing_notice(void **st)
{
	date_days earliest;
	assert_false(cs_hearing_notice_ok(&cal, D("2025-09-26"), D("2025-10-10"), &earliest));
	assert_date(earliest, "2025-10-13");
	assert_true(cs_hearing_notice_ok(&cal, D("2025-09-26"), D("2025-10-13"), NULL));
	/* an ordinary week: Mon 2025-03-03 → Wed 03-12 */
	assert_false(cs_hearing_notice_ok(&cal, D("2025-03-03"), D("2025-03-11"), &earliest));
	assert_date(earliest, "2025-03-12");
}

/* Mediation (投诉举报处理暂行办法 Arts. 20, 21): 45 WD from 2025-03-03 →
 * ... 04-25 (38), Sun 04-27 make-up (39), 28..30 (42), 05-01..05 off,
 * 06 (43), 07 (44), 08 (45). Appraisal 03-10..03-14 (5 WD) → 05-15. */
static void test_mediation_period(void **st)
{
	wd("2025-03-03", 45, NULL, 0, "2025-05-08");
	cs_span appraisal[] = {{D("2025-03-10"), D("2025-03-14")}};
	wd("2025-03-03", 45, appraisal, 1, "2025-05-15");
	/* acceptance decision, 7 WD from Wed 2025-04-30: 05-06..09 (4), 12..14 (7) */
	wd("2025-04-30", 7, NULL, 0, "2025-05-14");
}

/* DOMAIN §4 L15: 3% a day, capped at the fine, in fen, half up. */
static void test_late_fee(void **st)
{
	assert_int_equal(cs_late_fee_fen(1000000, 40), 1000000); /* 10,000 yuan, 40 days → 10,000 */
	assert_int_equal(cs_late_fee_fen(1000000, 33), 990000);
	assert_int_equal(cs_late_fee_fen(1000000, 34), 1000000); /* 34 × 3% = 102% → cap */
	assert_int_equal(cs_late_fee_fen(1000000, 1), 30000);
	assert_int_equal(cs_late_fee_fen(1000000, 0), 0);
	assert_int_equal(cs_late_fee_fen(333, 1), 10); /* 9.99 fen → 10 */
	assert_int_equal(cs_late_fee_fen(1, 17), 1);   /* 0.51 → 1, cap 1 */
	assert_int_equal(cs_late_fee_fen(0, 10), 0);
	assert_int_equal(cs_late_fee_fen(100000000000000LL, 100000), 100000000000000LL); /* no overflow */
}

static void test_major_criteria(void **st)
{
	cs_criteria k;
	cs_criteria_default(&k);
	cs_penalty p = {.legal_person = 0, .fine_fen = 4999999, .kinds = "fine"};
	assert_int_equal(cs_major(&k, &p), 0);
	p.fine_fen = 5000000; /* 50,000 yuan for a natural person: at the threshold */
	assert_int_equal(cs_major(&k, &p), CS_MAJOR_FINE);
	p.legal_person = 1; /* a legal person needs 500,000 yuan */
	assert_int_equal(cs_major(&k, &p), 0);
	p.confiscation_fen = 50000000;
	assert_int_equal(cs_major(&k, &p), CS_MAJOR_CONFISCATION);
	p.confiscation_fen = 0;
	p.kinds = "fine,revoke_licence";
	assert_int_equal(cs_major(&k, &p), CS_MAJOR_REVOCATION);
	p.kinds = "stop_production";
	assert_int_equal(cs_major(&k, &p), CS_MAJOR_STOP);
	p.kinds = "warning";
	p.public_interest = 1;
	assert_int_equal(cs_major(&k, &p), CS_MAJOR_PUBLIC);
	/* the bureau turns the criteria off: only the fine and the head's designation remain */
	k.major_on_public_interest = k.major_on_revocation = k.major_on_stop = 0;
	p.kinds = "revoke_licence,stop_production";
	assert_int_equal(cs_major(&k, &p), 0);
	p.manual = 1;
	assert_int_equal(cs_major(&k, &p), CS_MAJOR_MANUAL);
	char why[200];
	cs_major_text(CS_MAJOR_FINE | CS_MAJOR_PUBLIC, 0, why, sizeof why);
	assert_string_equal(why, "罚款数额达到重大案件标准；涉及重大公共利益");
	cs_major_text(CS_MAJOR_STOP, 1, why, sizeof why);
	assert_string_equal(why, "order to stop production or close");
	/* a zero threshold means "no fine criterion" */
	k.natural_major_fen = 0;
	cs_penalty q = {.fine_fen = 1, .kinds = "fine"};
	assert_int_equal(cs_major(&k, &q), 0);
}

static void test_hearing_entitlement(void **st)
{
	cs_criteria k;
	cs_criteria_default(&k);
	cs_penalty p = {.legal_person = 0, .fine_fen = 999999, .kinds = "fine"};
	assert_false(cs_hearing_entitled(&k, &p));
	p.fine_fen = 1000000; /* 10,000 yuan, natural person (DOMAIN L12) */
	assert_true(cs_hearing_entitled(&k, &p));
	p.legal_person = 1;
	assert_false(cs_hearing_entitled(&k, &p));
	p.fine_fen = 10000000; /* 100,000 yuan, legal person */
	assert_true(cs_hearing_entitled(&k, &p));
	cs_penalty w = {.kinds = "warning"};
	assert_false(cs_hearing_entitled(&k, &w));
	w.kinds = "warning,suspend_licence";
	assert_false(cs_hearing_entitled(&k, &w));
	w.kinds = "lower_qualification";
	assert_true(cs_hearing_entitled(&k, &w));
	w.kinds = "limit_employment";
	assert_true(cs_hearing_entitled(&k, &w));
	assert_true(clist_has("fine,revoke_licence", "revoke_licence"));
	assert_false(clist_has("fine,revoke_licence", "revoke"));
	assert_false(clist_has(NULL, "fine"));
}

static void test_quorum(void **st)
{
	assert_int_equal(cs_quorum_required(5, 60), 3);
	assert_int_equal(cs_quorum_required(5, 61), 4);
	assert_int_equal(cs_quorum_required(5, 100), 5);
	assert_int_equal(cs_quorum_required(6, 60), 4); /* 3.6 → 4 */
	assert_int_equal(cs_quorum_required(1, 1), 1);
	assert_int_equal(cs_quorum_required(0, 60), 1);
	assert_int_equal(cs_quorum_required(5, 0), 5); /* nonsense pct → everyone */
}

static void test_html_and_money(void **st)
{
	strbuf b;
	sb_init(&b);
	docs_esc(&b, "<script>alert('x')</script>&\"\x01\n");
	assert_string_equal(b.s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;\n");
	sb_free(&b);
	char y[40];
	cs_yuan(1000000, y, sizeof y);
	assert_string_equal(y, "10,000.00");
	cs_yuan(123456789, y, sizeof y);
	assert_string_equal(y, "1,234,567.89");
	cs_yuan(5, y, sizeof y);
	assert_string_equal(y, "0.05");
	cs_yuan(-150, y, sizeof y);
	assert_string_equal(y, "-1.50");
}

/* ---- issue 12: the penalty procedure to the letter ---- */

static void pay_due(const char *served, const cs_span *sus, int n, const char *want)
{
	date_days due;
	assert_int_equal(cs_payment_due(&cal, D(served), sus, n, &due, NULL), 0);
	assert_date(due, want);
}

/* 行政处罚法 Art. 67(3): 15 days from service; a last day on a rest day ends on the
 * next working day (民法典 Art. 203; calendar DOMAIN §10.3/§10.4). */
static void test_payment_period_rolls_past_holidays(void **st)
{
	/* 09-23 + 15 = 10-08, inside 国庆 10-01..08 → Thu 10-09 */
	pay_due("2025-09-23", NULL, 0, "2025-10-09");
	/* 2026-02-01 + 15 = Mon 02-16, inside 春节 02-15..23 → Tue 02-24 */
	pay_due("2026-02-01", NULL, 0, "2026-02-24");
	/* 03-07 + 15 = Sat 03-22 → Mon 03-24 */
	pay_due("2025-03-07", NULL, 0, "2025-03-24");
	/* must not catch: 05-27 + 15 = Wed 06-11, a working day, stays */
	pay_due("2025-05-27", NULL, 0, "2025-06-11");
	/* must not catch: a make-up Saturday is a working day: 2025-09-13 + 15 = Sun 09-28 (worked) */
	pay_due("2025-09-13", NULL, 0, "2025-09-28");
}

/* Art. 72(1) counted from the same end; Art. 73(3) and Art. 66 spans not counted. */
static void test_late_fee_from_the_rolled_end(void **st)
{
	date_days due;
	assert_int_equal(cs_payment_due(&cal, D("2025-09-23"), NULL, 0, &due, NULL), 0);
	/* paid 10-20: 10-10..10-20 = 11 days (not 12 from 10-08): 10,000 yuan × 3% × 11 = 3,300 yuan */
	long late = cs_days_late(due, D("2025-10-20"), NULL, 0);
	assert_int_equal(late, 11);
	assert_int_equal(cs_late_fee_fen(1000000, late), 330000);
	/* must not catch: paid on the rolled last day → no fee */
	assert_int_equal(cs_days_late(due, D("2025-10-09"), NULL, 0), 0);
	/* reconsideration 10-12..10-15 (4 days) does not count: 7 days, 2,100 yuan (Art. 73(3)) */
	cs_span recon[] = {{D("2025-10-12"), D("2025-10-15")}};
	late = cs_days_late(due, D("2025-10-20"), recon, 1);
	assert_int_equal(late, 7);
	assert_int_equal(cs_late_fee_fen(1000000, late), 210000);
	/* an approved deferral 10-05..10-31 (Art. 66) carries the end to 10-31; paid 11-03 → 3 days */
	cs_span defer[] = {{D("2025-10-05"), D("2025-10-31")}};
	pay_due("2025-09-23", defer, 1, "2025-10-31");
	assert_int_equal(cs_payment_due(&cal, D("2025-09-23"), defer, 1, &due, NULL), 0);
	assert_int_equal(cs_days_late(due, D("2025-11-03"), defer, 1), 3);
	/* must not catch: a suspension that starts after some late days leaves the end where it was */
	cs_span later[] = {{D("2025-10-15"), D("2025-10-17")}};
	pay_due("2025-09-23", later, 1, "2025-10-09");
	assert_int_equal(cs_days_late(D("2025-10-09"), D("2025-10-20"), later, 1), 8);
}

static int enf(const char *served, const char *demand, const char *on, char *earliest, char *latest)
{
	date_days e = 0, l = 0;
	int r = cs_enforcement_window(&cal, D(served), D(demand), D(on), &e, &l);
	date_format(e, earliest), date_format(l, latest);
	return r;
}

/* 行政强制法 Art. 53 (after the remedy periods, within 3 months), Art. 54 (10 days
 * after the demand), Art. 69 (those 10 days are working days); 行政复议法 Art. 20
 * (60 days), 行政诉讼法 Art. 46 (6 months). */
static void test_enforcement_window(void **st)
{
	char e[11], l[11];
	/* served 2025-03-10: 60 days → 05-09, 6 months → 09-10 (both working days); latest 12-10.
	 * demand 04-01: 10 WD = 04-02, 03, (04-04..06 off), 07..11, 14, 15, 16 → 04-16. */
	assert_int_equal(enf("2025-03-10", "2025-04-01", "2025-09-10", e, l), CS_ENF_REMEDY);
	assert_string_equal(e, "2025-09-11");
	assert_string_equal(l, "2025-12-10");
	assert_int_equal(enf("2025-03-10", "2025-04-01", "2025-09-11", e, l), CS_ENF_OK); /* must not catch */
	assert_int_equal(enf("2025-03-10", "2025-04-01", "2025-12-10", e, l), CS_ENF_OK); /* the last day */
	assert_int_equal(enf("2025-03-10", "2025-04-01", "2025-12-11", e, l), CS_ENF_LATE);
	/* the demand's 10 working days across 国庆: demand Fri 09-26 → Sun 09-28 worked (1), 29, 30 (3),
	 * 10-01..08 off, 09, 10 (5), Sat 10-11 worked (6), 13..16 (10) → 10-16; calendar days would say 10-06 */
	assert_int_equal(enf("2025-03-31", "2025-09-26", "2025-10-16", e, l), CS_ENF_DEMAND);
	assert_string_equal(e, "2025-10-17");
	assert_int_equal(enf("2025-03-31", "2025-09-26", "2025-10-17", e, l), CS_ENF_OK);
	/* the litigation period ending in a holiday rolls: served 04-01 → 6 months = 10-01 (off) → 10-09 */
	assert_int_equal(enf("2025-04-01", "2025-04-20", "2025-10-09", e, l), CS_ENF_REMEDY);
	assert_string_equal(e, "2025-10-10");
	assert_string_equal(l, "2026-01-09");
}

/* 市场监督管理行政处罚信息公示规定 Art. 2 para 2; 行政处罚法 Arts. 44, 62. */
static void test_publication_and_added_kinds(void **st)
{
	assert_true(cs_publication_exempt("warning"));
	assert_false(cs_publication_exempt("warning,fine")); /* must not catch: a fine as well is published */
	assert_false(cs_publication_exempt("criticism"));
	assert_false(cs_publication_exempt(""));
	assert_false(cs_publication_exempt(NULL));
	char buf[64];
	assert_int_equal(cs_kinds_added("fine", "fine,confiscate_goods", buf, sizeof buf), 1);
	assert_string_equal(buf, "confiscate_goods");
	assert_int_equal(cs_kinds_added("warning", "fine,revoke_licence", buf, sizeof buf), 2);
	assert_string_equal(buf, "fine,revoke_licence");
	assert_int_equal(cs_kinds_added("warning,fine", "warning", buf, sizeof buf), 0); /* fewer kinds: lawful */
	assert_int_equal(cs_kinds_added("fine,confiscate_gains", "confiscate_gains,fine", buf, sizeof buf), 0);
}

/* 市场监管领域重大违法行为举报奖励暂行办法 (国市监稽规〔2021〕4号) Art. 12: 5 % / 3 % / 1 %,
 * at least 5,000 / 3,000 / 1,000 yuan, at most 1,000,000 yuan per case. */
static void test_report_reward_amounts(void **st)
{
	assert_int_equal(cs_reward_fen(1, 15000000), 750000);                /* 150,000 yuan × 5 % = 7,500 yuan */
	assert_int_equal(cs_reward_fen(3, 15000000), 150000);                /* × 1 % = 1,500 yuan */
	assert_int_equal(cs_reward_fen(2, 5000000), 300000);                 /* 3 % = 1,500 < 3,000: the minimum */
	assert_int_equal(cs_reward_fen(3, 0), 100000);                       /* no fines: at least 1,000 yuan */
	assert_int_equal(cs_reward_fen(1, 3000000000LL), CS_REWARD_CAP_FEN); /* 5 % of 30 M = 1.5 M → 1 M */
	assert_int_equal(cs_reward_fen(1, 2000000000LL), CS_REWARD_CAP_FEN); /* exactly 1 M */
	assert_int_equal(cs_reward_fen(1, 1999999990LL), 99999999 + 1);      /* 999,999.995 → half up */
	assert_int_equal(cs_reward_fen(4, 100), -1);
	assert_int_equal(cs_reward_fen(0, 100), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filing_period),
		cmocka_unit_test(test_decision_period),
		cmocka_unit_test(test_working_days_across_holidays),
		cmocka_unit_test(test_hearing_notice),
		cmocka_unit_test(test_mediation_period),
		cmocka_unit_test(test_late_fee),
		cmocka_unit_test(test_major_criteria),
		cmocka_unit_test(test_hearing_entitlement),
		cmocka_unit_test(test_quorum),
		cmocka_unit_test(test_html_and_money),
		cmocka_unit_test(test_payment_period_rolls_past_holidays),
		cmocka_unit_test(test_late_fee_from_the_rolled_end),
		cmocka_unit_test(test_enforcement_window),
		cmocka_unit_test(test_publication_and_added_kinds),
		cmocka_unit_test(test_report_reward_amounts),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
