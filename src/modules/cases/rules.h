/* rules.h — the enforcement area's pure rules, free of I/O so that unit tests
 * can work every case by hand: periods counted on the working-day calendar
 * or in calendar days with excluded spans (中止, 听证, 公告, 检测, 检验, 检疫,
 * 鉴定 ... not counted: 市场监督管理行政处罚程序规定, DOMAIN.md §4 L1/L4,
 * 投诉举报处理暂行办法 Art. 20), the late-payment surcharge (行政处罚法
 * Art. 72(1), 行政强制法 Art. 45), the bureau's major-case criteria, hearing
 * entitlement (行政处罚法 Art. 63), the hearing notice (Art. 64, Art. 85) and
 * the consultation quorum. Money is integer fen throughout. */
#ifndef ZJ_CASES_RULES_H
#define ZJ_CASES_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "lib/clist.h"
#include "lib/date.h"
#include "lib/workdays.h"

/* An excluded span, both ends inclusive. `to` = CS_OPEN while it runs. */
typedef struct cs_span {
	date_days from, to;
} cs_span;
#define CS_OPEN ((date_days)4000000) /* beyond 9999-12-31 */

/* Longest period the counters walk (days); longer → -1. */
#define CS_MAX_WALK 20000

/* The n-th working day after start that lies in no excluded span (start not
 * counted, 民法典 Art. 201). Returns 0, or -1 when an open span or the walk
 * limit stops the count. Uncovered years go to g (may be NULL). */
int cs_due_workdays(const struct wd_calendar *cal, date_days start, long n, const cs_span *ex, int nex, date_days *out,
		    struct wd_gaps *g);
/* The n-th calendar day after start that lies in no excluded span. */
int cs_due_days(date_days start, long n, const cs_span *ex, int nex, date_days *out);
/* Counted days in (from, to]: working days (workdays = 1) or calendar days,
 * skipping excluded spans; negative when to < from. */
long cs_count(const struct wd_calendar *cal, int workdays, date_days from, date_days to, const cs_span *ex, int nex);
/* Whether day d lies in an excluded span. */
int cs_excluded(date_days d, const cs_span *ex, int nex);

/* Late-payment surcharge (加处罚款) in fen: 3% of the fine per day late,
 * rounded half up to the fen, never more than the fine. Same rule as
 * `zhijian latefee`. */
int64_t cs_late_fee_fen(int64_t fine_fen, long days_late);

/* The bureau's criteria (the case_rules entity; built-in defaults in
 * cs_criteria_default). Thresholds are "at or above". */
typedef struct cs_criteria {
	int64_t natural_major_fen, legal_major_fen;     /* major case: fine or confiscation at or above */
	int64_t natural_hearing_fen, legal_hearing_fen; /* 较大数额 (Art. 63, DOMAIN L12) */
	int major_on_revocation, major_on_stop, major_on_public_interest;
	int quorum_pct; /* share of the invited agencies whose signed opinion a consultation needs */
	int near_due_days;
	int roll_art203; /* calendar-day periods ending on a rest day end on the next working day */
} cs_criteria;
void cs_criteria_default(cs_criteria *k);

typedef struct cs_penalty {
	int legal_person; /* 0 natural person, 1 legal person or other organisation */
	int64_t fine_fen, confiscation_fen;
	const char *kinds; /* comma-joined penalty kind codes (case_penalty_kind) */
	int public_interest, manual;
} cs_penalty;

enum {
	CS_MAJOR_FINE = 1,
	CS_MAJOR_CONFISCATION = 2,
	CS_MAJOR_REVOCATION = 4,
	CS_MAJOR_STOP = 8,
	CS_MAJOR_PUBLIC = 16,
	CS_MAJOR_MANUAL = 32,
};
/* Reasons (CS_MAJOR_* bits) that make the case major; 0 = not major. */
unsigned cs_major(const cs_criteria *k, const cs_penalty *p);
/* One line naming the reasons, in zh or en. */
void cs_major_text(unsigned reasons, int en, char *buf, size_t n);
/* Whether the party may request a hearing (行政处罚法 Art. 63). */
int cs_hearing_entitled(const cs_criteria *k, const cs_penalty *p);

/* Signed opinions a consultation with `invited` agencies needs: ceil(invited × pct / 100), at least 1. */
int cs_quorum_required(int invited, int pct);

/* Hearing notice (行政处罚法 Art. 64(2) with Art. 85: 七日 are working days):
 * the hearing must fall on or after the 7th working day after the notice.
 * Returns 1 when it does; *earliest receives that day. */
int cs_hearing_notice_ok(const struct wd_calendar *cal, date_days notice, date_days hearing, date_days *earliest);

/* ---- payment, late fee, enforcement (issue 12 points 13, 14) ---- */

/* The last day to pay: 15 days from service (行政处罚法 Art. 67(3)), a last
 * day that is a rest day rolling to the next working day (民法典 Art. 203;
 * 行政诉讼法 Art. 83 / 民事诉讼法 Art. 85 on periods), then carried past any
 * suspension span that follows it without a gap (an approved deferral,
 * Art. 66). `sus` are the spans in which no late fee accrues: reconsideration
 * or litigation (Art. 73(3)), an approved deferral or instalment plan (Art. 66).
 * This one computation feeds the guard, the clock, the fee and the documents. */
int cs_payment_due(const struct wd_calendar *cal, date_days served, const cs_span *sus, int nsus, date_days *due,
		   struct wd_gaps *g);
/* Days late: days in (due, upto] outside every suspension span (Art. 72(1), 73(3)). */
long cs_days_late(date_days due, date_days upto, const cs_span *sus, int nsus);

/* Application to the court (行政强制法 Arts. 53, 54, 69). The earliest day:
 * after the later of the reconsideration (60 days, 行政复议法 Art. 20) and
 * litigation (6 months, 行政诉讼法 Art. 46) periods from service (each
 * rolled past a rest day), and after the 10 days of the demand (催告), which
 * are working days (行政强制法 Art. 69); the latest day: 3 months after the
 * remedy periods lapsed (Art. 53). 0 when `on` lies in the window; else
 * CS_ENF_* naming the reason, with *earliest / *latest set. */
enum { CS_ENF_OK = 0, CS_ENF_REMEDY = 1, CS_ENF_DEMAND = 2, CS_ENF_LATE = 3 };
int cs_enforcement_window(const struct wd_calendar *cal, date_days served, date_days demand, date_days on,
			  date_days *earliest, date_days *latest);

/* 市场监督管理行政处罚信息公示规定 Art. 2 para 2: a decision imposing only a
 * warning is not published. 1 when kinds (comma-joined) is exactly "warning". */
int cs_publication_exempt(const char *kinds);
/* 行政处罚法 Arts. 44, 62: the kinds in `decided` that the notice (`notified`)
 * did not name, comma-joined into buf (empty when none). Returns their count. */
int cs_kinds_added(const char *notified, const char *decided, char *buf, size_t n);

/* ---- report rewards (市场监管领域重大违法行为举报奖励暂行办法, 国市监稽规〔2021〕4号) ---- */
/* Art. 12: level 1 → 5 % of the fines and confiscations, at least 5,000 yuan;
 * level 2 → 3 %, at least 3,000; level 3 → 1 %, at least 1,000; a case
 * without fines or confiscations: at least the same minimums; at most
 * 1,000,000 yuan per case. Rounded half up to the fen. -1 for a bad level. */
int64_t cs_reward_fen(int level, int64_t basis_fen);
#define CS_REWARD_CAP_FEN 100000000LL    /* 1,000,000 yuan */
#define CS_REWARD_FINANCE_FEN 50000000LL /* ≥ 500,000 yuan: set with the finance department */

#endif
