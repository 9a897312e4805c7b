/* workdays.h — the working-day calendar (DOMAIN.md §10). A calendar holds,
 * for the years it covers, the official days off and the make-up working days
 * (调休上班) of the State Council holiday notices. A working day is Mon–Fri
 * and not a day off, or a make-up day (§10.6). For a year the calendar does
 * not cover, days are judged on weekends alone and the year is reported in a
 * `struct wd_gaps` so the caller can say that the answer is provisional.
 * Periods follow 民法典 Art. 201 (the start day is not counted), Art. 202
 * (month periods end on the corresponding day, else the month's last day) and,
 * only when the caller asks, Art. 203 (a period ending on a rest day ends on
 * the next working day). The built-in 2024–2026 data (holidays.c) is the single
 * source of truth; the editable DB table is loaded with wd_init /
 * wd_cover_year / wd_set_day. Calendars are plain values, no allocation. */
#ifndef ZJ_LIB_WORKDAYS_H
#define ZJ_LIB_WORKDAYS_H

#include <stddef.h>

#include "lib/date.h"

#define WD_MAX_YEARS 100 /* covered years per calendar */
#define WD_MAX_DAYS 2048 /* listed days per calendar */
#define WD_GAP_MAX 8     /* uncovered years recorded per computation */

enum wd_kind {
	WD_OFF = 1,  /* official day off (放假) */
	WD_WORK = 2, /* make-up working day (调休上班) */
};

typedef enum wd_err {
	WD_OK = 0,
	WD_E_FULL = 1,     /* more than WD_MAX_YEARS / WD_MAX_DAYS entries */
	WD_E_CONFLICT = 2, /* one day listed both as day off and as working day */
	WD_E_RANGE = 3,    /* result outside 0001-01-01 … 9999-12-31 */
	WD_E_ARG = 4,      /* bad year or kind */
} wd_err;

struct wd_day {
	date_days day;
	int kind; /* enum wd_kind */
};

struct wd_calendar {
	int nyears;
	int years[WD_MAX_YEARS]; /* covered years, ascending */
	int ndays;
	struct wd_day days[WD_MAX_DAYS]; /* listed days, ascending, unique */
};

/* Uncovered years touched by one or more computations (zero-initialise it,
 * or call wd_gaps_clear). `more` is set when a further year did not fit. */
struct wd_gaps {
	int n;
	int years[WD_GAP_MAX];
	int more;
};

/* One row of the built-in schedule (holidays.c). */
struct wd_holiday {
	const char *date;    /* "YYYY-MM-DD" */
	int kind;            /* WD_OFF or WD_WORK */
	const char *name_zh; /* holiday the day belongs to, e.g. "春节" */
	const char *name_en; /* e.g. "Spring Festival" */
};

/* One covered year of the built-in schedule and the notice it comes from. */
struct wd_year_source {
	int year;
	const char *notice; /* notice title, number and date */
	const char *url;    /* gov.cn address */
};

const char *wd_strerror(wd_err e);

/* Built-in data, for `init` to seed the editable table (holidays.c). */
const struct wd_holiday *wd_builtin_days(size_t *n);
const struct wd_year_source *wd_builtin_years(size_t *n);

/* An empty calendar: no year covered, every year on weekends alone. */
void wd_init(struct wd_calendar *c);
/* Declare that `year`'s schedule is complete in this calendar (idempotent). */
wd_err wd_cover_year(struct wd_calendar *c, int year);
/* List one day as WD_OFF or WD_WORK. Listing the same day again with the
 * same kind is a no-op; with the other kind it is WD_E_CONFLICT. Listing a
 * day does not cover its year (a notice may move days of a neighbouring
 * year, DOMAIN §10.1 note 2). */
wd_err wd_set_day(struct wd_calendar *c, date_days day, int kind);
/* wd_init + cover `years` + list `days`. */
wd_err wd_load(struct wd_calendar *c, const int *years, size_t nyears, const struct wd_day *days, size_t ndays);
/* wd_init + the built-in 2024–2026 schedule. */
wd_err wd_load_builtin(struct wd_calendar *c);

int wd_covers(const struct wd_calendar *c, int year);
void wd_gaps_clear(struct wd_gaps *g);

/* 1 if `d` is a working day, else 0. If d's year is not covered the weekend
 * rule alone decides and the year is added to `gaps` (may be NULL). */
int wd_is_workday(const struct wd_calendar *c, date_days d, struct wd_gaps *gaps);

/* The n-th working day after `start`; the start day itself is never counted
 * (民法典 Art. 201; DOMAIN §10.6 "deadline = the N-th working day after the
 * receipt day"). n = 0 gives `start` unchanged, whether or not it is a working
 * day; n < 0 gives the |n|-th working day before `start`. */
wd_err wd_add(const struct wd_calendar *c, date_days start, long n, date_days *out, struct wd_gaps *gaps);

/* Number of working days in the half-open interval (from, to]: `from` is not
 * counted, `to` is. If to < from the result is minus the count in (to, from],
 * so that wd_add(from, wd_count(from, to)) == to whenever `to` is a working
 * day. */
wd_err wd_count(const struct wd_calendar *c, date_days from, date_days to, long *out, struct wd_gaps *gaps);

/* Calendar-day period: start + n days (Art. 201: counting starts the next
 * day, so a 90-day period from 2025-01-10 ends on 2025-04-10). */
wd_err wd_due_days(date_days start, long n, date_days *out);
/* Month period: the corresponding day n months later, or the last day of
 * that month if it has no such day (Art. 202: 2025-01-31 + 1 → 2025-02-28). */
wd_err wd_due_months(date_days start, long n, date_days *out);

/* 民法典 Art. 203 para 1: if the last day of a period is a statutory rest
 * day (a day off or a weekend that is not a make-up day), the period ends on
 * the next working day; otherwise `last` itself. Kept separate so each
 * caller decides whether the rule governs its period (DOMAIN §10.6 [U]). */
wd_err wd_roll_art203(const struct wd_calendar *c, date_days last, date_days *out, struct wd_gaps *gaps);

#endif
