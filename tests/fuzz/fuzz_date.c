/* fuzz_date.c — libFuzzer target for the civil-date helpers
 * (src/lib/date.h). The input is a text line, then optional binary
 * parameters after the first '\n'. Properties: date_parse() accepts exactly
 * what date_format() writes back unchanged; y-m-d round-trips; the weekday
 * is 1..7 and advances by one a day; adding n days and subtracting them
 * returns home with date_diff() == n; adding months moves the month count
 * by exactly n and keeps the day unless the month is shorter (then the
 * month's last day); date_from_ymd() on arbitrary ints agrees with
 * date_to_ymd(); date_format() of any day number is a valid date or
 * "0000-00-00". */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const char *s)
{
	fprintf(stderr, "date property violated: %s (\"%s\")\n", what, s);
	abort();
}

/* Little-endian signed value of nbytes (1, 2 or 4) at t[off], missing
 * bytes read as 0. */
static long get(const uint8_t *t, size_t tlen, size_t off, size_t nbytes)
{
	uint32_t v = 0;
	for (size_t i = 0; i < nbytes; i++)
		if (off + i < tlen)
			v |= (uint32_t)t[off + i] << (8 * i);
	if (nbytes == 1)
		return (int8_t)v;
	if (nbytes == 2)
		return (int16_t)v;
	return (int32_t)v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t slen = nl ? (size_t)(nl - data) : size;
	if (slen > 64)
		slen = 64;
	char s[65];
	memcpy(s, data, slen);
	s[slen] = '\0';
	const uint8_t *tail = nl ? nl + 1 : data + size;
	size_t tlen = (size_t)(data + size - tail);
	long n = get(tail, tlen, 0, 4);
	long months = get(tail, tlen, 4, 4) % 300000;
	int y = (int)get(tail, tlen, 8, 2), m = (int)get(tail, tlen, 10, 1);
	int dd = (int)get(tail, tlen, 11, 1);

	date_days d;
	char buf[DATE_STRLEN];
	if (date_parse(s, &d) == DATE_OK) {
		date_format(d, buf);
		if (strcmp(buf, s))
			die("parse/format round trip", s);
		int yy, mm, ddd;
		date_to_ymd(d, &yy, &mm, &ddd);
		date_days back;
		if (date_from_ymd(yy, mm, ddd, &back) != DATE_OK || back != d)
			die("ymd round trip", s);
		if (date_year(d) != yy)
			die("date_year", s);
		int wd = date_weekday(d);
		if (wd < 1 || wd > 7)
			die("weekday out of range", s);
		date_days e;
		if (date_add_days(d, 1, &e) == DATE_OK && date_weekday(e) != wd % 7 + 1)
			die("weekday does not advance", s);
		if (date_add_days(d, n, &e) == DATE_OK) {
			date_days home;
			if (date_diff(d, e) != n)
				die("date_diff after add_days", s);
			if (date_add_days(e, -n, &home) != DATE_OK || home != d)
				die("add_days does not come back", s);
			date_format(e, buf);
			if (date_parse(buf, &home) != DATE_OK || home != e)
				die("format of a sum does not parse back", buf);
		}
		if (date_add_months(d, months, &e) == DATE_OK) {
			int y2, m2, d2;
			date_to_ymd(e, &y2, &m2, &d2);
			if ((long)y2 * 12 + m2 - ((long)yy * 12 + mm) != months)
				die("add_months moved the wrong number of months", s);
			int dim = date_days_in_month(y2, m2);
			if (d2 != (ddd < dim ? ddd : dim))
				die("add_months day not kept / clamped", s);
		}
	}
	date_days z;
	if (date_from_ymd(y, m, dd, &z) == DATE_OK) {
		int y2, m2, d2;
		date_to_ymd(z, &y2, &m2, &d2);
		if (y2 != y || m2 != m || d2 != dd)
			die("from_ymd/to_ymd disagree", s);
	}
	date_format((date_days)n * 1000, buf);
	if (strcmp(buf, "0000-00-00") && date_parse(buf, &z) != DATE_OK)
		die("date_format wrote an unparsable date", buf);
	return 0;
}
