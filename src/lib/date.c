/* date.c — civil-date arithmetic on day numbers (see date.h). The
 * conversions are the well-known era/day-of-era formulas for the proleptic
 * Gregorian calendar (400-year eras of 146097 days, years starting in March so
 * that the leap day is last); everything is integer arithmetic. */
#include "lib/date.h"

#include <stddef.h>

const char *date_strerror(date_err e)
{
	switch (e) {
	case DATE_OK: return "ok";
	case DATE_E_FORMAT: return "not a date in YYYY-MM-DD form";
	case DATE_E_MONTH: return "month must be 01 to 12";
	case DATE_E_DAY: return "no such day in that month";
	case DATE_E_RANGE: return "date out of range (years 0001 to 9999)";
	}
	return "unknown date error";
}

int date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && date_is_leap(year) ? 29 : dim[month - 1];
}

/* Day number of a valid y-m-d (no checks). */
static date_days days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

date_err date_from_ymd(int year, int month, int day, date_days *out)
{
	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return DATE_E_RANGE;
	if (month < 1 || month > 12)
		return DATE_E_MONTH;
	if (day < 1 || day > date_days_in_month(year, month))
		return DATE_E_DAY;
	*out = days_from_civil(year, month, day);
	return DATE_OK;
}

static int in_range(date_days d);

void date_to_ymd(date_days z, int *year, int *month, int *day)
{
	long era, doe, yoe, y = 0, doy, mp, d = 0, m = 0;

	if (!in_range(z))
		goto out;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
out:
	if (year)
		*year = (int)y;
	if (month)
		*month = (int)m;
	if (day)
		*day = (int)d;
}

int date_year(date_days d)
{
	int y;

	date_to_ymd(d, &y, NULL, NULL);
	return y;
}

/* Value of n ASCII digits at s, or -1 if any is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

date_err date_parse(const char *s, date_days *out)
{
	int y, m, d, len = 0;

	if (s == NULL)
		return DATE_E_FORMAT;
	while (len <= 10 && s[len] != '\0')
		len++;
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return DATE_E_FORMAT;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return DATE_E_FORMAT;
	return date_from_ymd(y, m, d, out);
}

static int in_range(date_days d)
{
	static const date_days lo = -719162; /* 0001-01-01 */
	static const date_days hi = 2932896; /* 9999-12-31 */

	return d >= lo && d <= hi;
}

void date_format(date_days d, char buf[DATE_STRLEN])
{
	int y = 0, m = 0, day = 0;

	if (in_range(d))
		date_to_ymd(d, &y, &m, &day);
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
}

int date_weekday(date_days d)
{
	long r = (d % 7 + 7 + 3) % 7; /* day 0 (1970-01-01) is a Thursday */

	return (int)r + 1;
}

date_err date_add_days(date_days d, long n, date_days *out)
{
	if (!in_range(d) || n > 4000000L || n < -4000000L || !in_range(d + n))
		return DATE_E_RANGE;
	*out = d + n;
	return DATE_OK;
}

date_err date_add_months(date_days d, long n, date_days *out)
{
	int y, m, day, dim;
	long total;

	if (!in_range(d) || n > 200000L || n < -200000L)
		return DATE_E_RANGE;
	date_to_ymd(d, &y, &m, &day);
	total = (long)y * 12 + (m - 1) + n;
	if (total < (long)DATE_MIN_YEAR * 12 || total > (long)DATE_MAX_YEAR * 12 + 11)
		return DATE_E_RANGE;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, day < dim ? day : dim, out);
}

long date_diff(date_days from, date_days to)
{
	return to - from;
}
