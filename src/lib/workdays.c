/* workdays.c — working-day arithmetic on a holiday calendar (see
 * workdays.h). Listed days are kept sorted for binary search; counting walks
 * day by day, which is plenty for deadlines (a year is 365 look-ups). */
#include "lib/workdays.h"

#include <string.h>

const char *wd_strerror(wd_err e)
{
	switch (e) {
	case WD_OK: return "ok";
	case WD_E_FULL: return "calendar is full";
	case WD_E_CONFLICT: return "day listed both as a day off and as a working day";
	case WD_E_RANGE: return "date out of range (years 0001 to 9999)";
	case WD_E_ARG: return "bad year or day kind";
	}
	return "unknown calendar error";
}

void wd_init(struct wd_calendar *c)
{
	c->nyears = 0;
	c->ndays = 0;
}

void wd_gaps_clear(struct wd_gaps *g)
{
	memset(g, 0, sizeof *g);
}

wd_err wd_cover_year(struct wd_calendar *c, int year)
{
	int i = 0;

	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return WD_E_ARG;
	while (i < c->nyears && c->years[i] < year)
		i++;
	if (i < c->nyears && c->years[i] == year)
		return WD_OK;
	if (c->nyears >= WD_MAX_YEARS)
		return WD_E_FULL;
	memmove(&c->years[i + 1], &c->years[i], (size_t)(c->nyears - i) * sizeof c->years[0]);
	c->years[i] = year;
	c->nyears++;
	return WD_OK;
}

int wd_covers(const struct wd_calendar *c, int year)
{
	for (int i = 0; i < c->nyears; i++)
		if (c->years[i] == year)
			return 1;
	return 0;
}

/* Index of the first listed day >= d. */
static int lower_bound(const struct wd_calendar *c, date_days d)
{
	int lo = 0, hi = c->ndays;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (c->days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

wd_err wd_set_day(struct wd_calendar *c, date_days day, int kind)
{
	int i;

	if (kind != WD_OFF && kind != WD_WORK)
		return WD_E_ARG;
	if (date_year(day) < DATE_MIN_YEAR || date_year(day) > DATE_MAX_YEAR)
		return WD_E_RANGE;
	i = lower_bound(c, day);
	if (i < c->ndays && c->days[i].day == day)
		return c->days[i].kind == kind ? WD_OK : WD_E_CONFLICT;
	if (c->ndays >= WD_MAX_DAYS)
		return WD_E_FULL;
	memmove(&c->days[i + 1], &c->days[i], (size_t)(c->ndays - i) * sizeof c->days[0]);
	c->days[i].day = day;
	c->days[i].kind = kind;
	c->ndays++;
	return WD_OK;
}

wd_err wd_load(struct wd_calendar *c, const int *years, size_t nyears, const struct wd_day *days, size_t ndays)
{
	wd_err e = WD_OK;

	wd_init(c);
	for (size_t i = 0; i < nyears && !e; i++)
		e = wd_cover_year(c, years[i]);
	for (size_t i = 0; i < ndays && !e; i++)
		e = wd_set_day(c, days[i].day, days[i].kind);
	return e;
}

wd_err wd_load_builtin(struct wd_calendar *c)
{
	size_t ny, nd;
	const struct wd_year_source *ys = wd_builtin_years(&ny);
	const struct wd_holiday *hs = wd_builtin_days(&nd);
	wd_err e = WD_OK;

	wd_init(c);
	for (size_t i = 0; i < ny && !e; i++)
		e = wd_cover_year(c, ys[i].year);
	for (size_t i = 0; i < nd && !e; i++) {
		date_days d;

		if (date_parse(hs[i].date, &d) != DATE_OK)
			return WD_E_ARG;
		e = wd_set_day(c, d, hs[i].kind);
	}
	return e;
}

static void gaps_note(struct wd_gaps *g, int year)
{
	if (g == NULL)
		return;
	for (int i = 0; i < g->n; i++)
		if (g->years[i] == year)
			return;
	if (g->n < WD_GAP_MAX)
		g->years[g->n++] = year;
	else
		g->more = 1;
}

int wd_is_workday(const struct wd_calendar *c, date_days d, struct wd_gaps *gaps)
{
	int i = lower_bound(c, d), year = date_year(d);

	if (i < c->ndays && c->days[i].day == d)
		return c->days[i].kind == WD_WORK;
	if (!wd_covers(c, year))
		gaps_note(gaps, year);
	return date_weekday(d) <= 5;
}

wd_err wd_add(const struct wd_calendar *c, date_days start, long n, date_days *out, struct wd_gaps *gaps)
{
	long step = n < 0 ? -1 : 1, left = n < 0 ? -n : n;
	date_days d = start;

	if (date_add_days(start, 0, &d) != DATE_OK)
		return WD_E_RANGE;
	while (left > 0) {
		if (date_add_days(d, step, &d) != DATE_OK)
			return WD_E_RANGE;
		if (wd_is_workday(c, d, gaps))
			left--;
	}
	*out = d;
	return WD_OK;
}

wd_err wd_count(const struct wd_calendar *c, date_days from, date_days to, long *out, struct wd_gaps *gaps)
{
	date_days lo = from < to ? from : to, hi = from < to ? to : from, x;
	long count = 0;

	if (date_add_days(lo, 0, &x) != DATE_OK || date_add_days(hi, 0, &x) != DATE_OK)
		return WD_E_RANGE;
	for (date_days d = lo + 1; d <= hi; d++)
		count += wd_is_workday(c, d, gaps);
	*out = to < from ? -count : count;
	return WD_OK;
}

wd_err wd_due_days(date_days start, long n, date_days *out)
{
	return date_add_days(start, n, out) == DATE_OK ? WD_OK : WD_E_RANGE;
}

wd_err wd_due_months(date_days start, long n, date_days *out)
{
	return date_add_months(start, n, out) == DATE_OK ? WD_OK : WD_E_RANGE;
}

wd_err wd_roll_art203(const struct wd_calendar *c, date_days last, date_days *out, struct wd_gaps *gaps)
{
	date_days d = last;

	if (date_add_days(last, 0, &d) != DATE_OK)
		return WD_E_RANGE;
	while (!wd_is_workday(c, d, gaps))
		if (date_add_days(d, 1, &d) != DATE_OK)
			return WD_E_RANGE;
	*out = d;
	return WD_OK;
}
