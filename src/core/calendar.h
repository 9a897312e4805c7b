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
/* A calendar-day period imposed on a party: n days after start (the start
 * day not counted, 民法典 Art. 201); when the last day is a statutory rest
 * day (a holiday or a weekend that is not a make-up working day) the period
 * ends on the next working day (民法典 Art. 203). The one roll rule: every
 * module whose party deadline rolls calls this (food deadline rules with
 * unit days_roll, case payment periods). *uncovered as calendar_due. */
int cal_add_days_roll(db *d, const char *start, int n, char out[11], int *uncovered);
/* The same on a loaded calendar (no database): pure. 0 ok. */
int cal_add_days_roll_on(const struct wd_calendar *cal, date_days start, int n, date_days *out, int *uncovered);
/* Seeds the holidays table from the built-in schedule (init). */
int calendar_seed(db *d);
#endif
