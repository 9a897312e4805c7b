/* date.h — proleptic Gregorian civil dates as integer day numbers (days since
 * 1970-01-01), independent of time_t, time zones and the C library's locale.
 * Strict ISO 8601 YYYY-MM-DD parsing and formatting, day of week, adding days
 * and months (end-of-month clamping as 民法典 Art. 202: a month period with no
 * corresponding day ends on the last day of the month), and differences.
 * Valid years are 0001..9999; every function that can leave that range says
 * so with DATE_E_RANGE. */
#ifndef ZJ_LIB_DATE_H
#define ZJ_LIB_DATE_H

typedef long date_days; /* 0 = 1970-01-01 (a Thursday) */

#define DATE_STRLEN 11 /* "YYYY-MM-DD" + NUL */
#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999

typedef enum date_err {
	DATE_OK = 0,
	DATE_E_FORMAT = 1, /* not YYYY-MM-DD */
	DATE_E_MONTH = 2,  /* month not 01..12 */
	DATE_E_DAY = 3,    /* no such day in that month */
	DATE_E_RANGE = 4,  /* outside years 0001..9999 */
} date_err;

/* English text of an error code (static, never NULL). */
const char *date_strerror(date_err e);

int date_is_leap(int year);
/* Days in the month (28..31); 0 if month is not 1..12. */
int date_days_in_month(int year, int month);

/* Validate y-m-d and convert it to a day number. */
date_err date_from_ymd(int year, int month, int day, date_days *out);
/* Day number → y-m-d (any pointer may be NULL); a day number outside
 * 0001-01-01 … 9999-12-31 gives 0-0-0 (so date_year() is 0). */
void date_to_ymd(date_days d, int *year, int *month, int *day);
int date_year(date_days d);

/* Parse exactly "YYYY-MM-DD" (10 characters, ASCII digits, zero-padded; no
 * time part, no surrounding spaces). "2025-02-29" is DATE_E_DAY. */
date_err date_parse(const char *s, date_days *out);
/* Write "YYYY-MM-DD" into buf (DATE_STRLEN bytes); dates outside the valid
 * range are written as "0000-00-00". */
void date_format(date_days d, char buf[DATE_STRLEN]);

/* ISO 8601 weekday: 1 = Monday … 6 = Saturday, 7 = Sunday. */
int date_weekday(date_days d);

/* *out = d + n days. */
date_err date_add_days(date_days d, long n, date_days *out);
/* *out = the same day n months later (n may be negative); if that month is
 * shorter, the last day of the month: 2025-01-31 + 1 month = 2025-02-28,
 * 2024-01-31 + 1 month = 2024-02-29. */
date_err date_add_months(date_days d, long n, date_days *out);
/* to - from in days (negative if to is earlier). */
long date_diff(date_days from, date_days to);

#endif
