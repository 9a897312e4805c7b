/* calendar.h — the one calendar every deadline goes through (DESIGN.md §7):
 * working days on the official holiday schedule held in the `holidays`
 * table (seeded from src/lib/holidays.c, editable by an admin), calendar
 * days and months. */
#ifndef ZJ_CALENDAR_H
#define ZJ_CALENDAR_H
#include "core/ctx.h"
#include "core/workflow.h"
#include "lib/workdays.h"

/* Loads the calendar from the database (falls back to the built-in schedule
 * when the table is empty). Caller frees with calendar_free. */
struct wd_calendar *calendar_load(db *d);
void calendar_free(struct wd_calendar *cal);
/* Due date of a period of n units starting on start (start day not counted).
 * *uncovered set when a year without a schedule was used. Returns 0 ok. */
int calendar_due(db *d, const char *start, int n, deadline_unit unit, char out[11], int *uncovered);
/* Seeds the holidays table from the built-in schedule (init). */
int calendar_seed(db *d);
#endif
