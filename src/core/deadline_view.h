/* deadline_view.h — what a list shows of the workflow of its rows: the open
 * deadline of each row on the page as a countdown (working days counted by
 * the one calendar, never by the browser), and the SQL that picks the rows
 * with an open deadline past due (the 已逾期 tab and its count). */
#ifndef ZJ_DEADLINE_VIEW_H
#define ZJ_DEADLINE_VIEW_H
#include "core/ctx.h"
#include "core/entity.h"
#include "lib/strbuf.h"

/* Appends `,"deadlines":{"<id>":{"kind","due","left","unit","overdue"}}` for
 * the rows ids[0..n): the nearest open deadline of each (none: no key).
 * `left` counts working days for a working-day period, else calendar days;
 * when overdue it is the number of calendar days past due. */
void deadline_view_page(zj_ctx *c, const entity_def *e, const int64_t *ids, int n, strbuf *out);
/* The countdown of one open deadline due on `due` (unit: deadline_unit):
 * `left` in working days for a working-day period, else calendar days, and
 * the calendar days past due when overdue; `workdays_left` counts working
 * days whatever the unit when `workdays` is asked (a notice "due within 3
 * working days"; else -1 for calendar-day periods), -1 when overdue. *cal
 * is loaded on first need; the caller calendar_free()s it. 0, or -1 for a
 * bad date. */
typedef struct dl_countdown {
	long left, workdays_left;
	int working, overdue;
} dl_countdown;
struct wd_calendar;
int deadline_countdown(zj_ctx *c, struct wd_calendar **cal, const char *due, int unit, int workdays, dl_countdown *out);
/* Appends " AND EXISTS (open deadline of t past due)" and its parameters. */
void deadline_view_overdue_sql(zj_ctx *c, const entity_def *e, strbuf *sql, json_t *params);
#endif
