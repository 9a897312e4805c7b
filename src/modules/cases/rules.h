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
int cs_due_workdays(const struct wd_calendar *cal, date_days start, long n, const cs_span *ex, int nex,
		    date_days *out, struct wd_gaps *g);
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
	int legal_person;          /* 0 natural person, 1 legal person or other organisation */
	int64_t fine_fen, confiscation_fen;
	const char *kinds;         /* comma-joined penalty kind codes (case_penalty_kind) */
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
/* Whether kinds (comma-joined) holds code. */
int cs_has_kind(const char *kinds, const char *code);

/* Signed opinions a consultation with `invited` agencies needs: ceil(invited × pct / 100), at least 1. */
int cs_quorum_required(int invited, int pct);

/* Hearing notice (行政处罚法 Art. 64(2) with Art. 85: 七日 are working days):
 * the hearing must fall on or after the 7th working day after the notice.
 * Returns 1 when it does; *earliest receives that day. */
int cs_hearing_notice_ok(const struct wd_calendar *cal, date_days notice, date_days hearing, date_days *earliest);

#endif
