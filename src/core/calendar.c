/* calendar.c — the working-day calendar read from the `holidays` table. A
 * year counts as covered when the table lists any day of it; years with no
 * schedule are computed on weekends alone and flagged (never silently). */
#include "core/calendar.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wd_calendar *calendar_load(db *d)
{
	struct wd_calendar *cal = malloc(sizeof *cal);
	if (!cal)
		return NULL;
	wd_init(cal);
	db_stmt *s;
	int rows = 0;
	if (db_prepare(d, "SELECT day, kind FROM holidays WHERE deleted = 0 ORDER BY day", &s) == DB_OK) {
		while (db_step(s) == DB_ROW) {
			date_days day;
			if (date_parse(db_col_text(s, 0), &day) != DATE_OK)
				continue;
			wd_cover_year(cal, date_year(day));
			wd_set_day(cal, day, !strcmp(db_col_text(s, 1), "work") ? WD_WORK : WD_OFF);
			rows++;
		}
		db_finalize(s);
	}
	if (rows == 0)
		wd_load_builtin(cal);
	return cal;
}

void calendar_free(struct wd_calendar *cal)
{
	free(cal);
}

int cal_add_days_roll_on(const struct wd_calendar *cal, date_days start, int n, date_days *out, int *uncovered)
{
	struct wd_gaps g;
	date_days last;
	wd_gaps_clear(&g);
	if (wd_due_days(start, n, &last) != WD_OK || wd_roll_art203(cal, last, out, &g) != WD_OK)
		return -1;
	if (uncovered)
		*uncovered = g.n > 0 || g.more;
	return 0;
}

int cal_add_days_roll(db *d, const char *start, int n, char out[11], int *uncovered)
{
	date_days s, r;
	if (date_parse(start, &s) != DATE_OK)
		return -1;
	struct wd_calendar *cal = calendar_load(d);
	int rc = cal ? cal_add_days_roll_on(cal, s, n, &r, uncovered) : -1;
	calendar_free(cal);
	if (rc != 0)
		return -1;
	date_format(r, out);
	return 0;
}

int calendar_due(db *d, const char *start, int n, deadline_unit unit, char out[11], int *uncovered)
{
	date_days s, r;
	*uncovered = 0;
	if (unit == DL_DAYS_ROLL)
		return cal_add_days_roll(d, start, n, out, uncovered);
	if (date_parse(start, &s) != DATE_OK)
		return -1;
	if (unit == DL_CALENDAR_DAYS) {
		if (date_add_days(s, n, &r) != DATE_OK)
			return -1;
	} else if (unit == DL_MONTHS) {
		if (date_add_months(s, n, &r) != DATE_OK)
			return -1;
	} else {
		struct wd_calendar *cal = calendar_load(d);
		struct wd_gaps g;
		wd_gaps_clear(&g);
		int rc = cal ? (int)wd_add(cal, s, n, &r, &g) : -1;
		calendar_free(cal);
		if (rc != WD_OK)
			return -1;
		*uncovered = g.n > 0;
	}
	date_format(r, out);
	return 0;
}

int calendar_seed(db *d)
{
	size_t n;
	const struct wd_holiday *days = wd_builtin_days(&n);
	for (size_t i = 0; i < n; i++) {
		const char *p[] = {days[i].date, days[i].kind == WD_WORK ? "work" : "off", days[i].name_zh};
		if (db_run(d,
			   "INSERT INTO holidays (version, deleted, day, kind, name) VALUES (1, 0, ?, ?, ?)"
			   " ON CONFLICT DO NOTHING",
			   3, p) != DB_OK)
			return -1;
	}
	return 0;
}
