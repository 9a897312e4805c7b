/* stats.c — the arithmetic of the service report, in integers: whether a
 * reply kept its committed time, the on-time share in per mille and the
 * mean rating in tenths, both rounded half up (GB/T 8170-2008 rounds half
 * to even; a share on a public report is rounded as people round, and the
 * rule is stated on the report). Dates are ISO strings: their order is the
 * calendar's. No database, no floats: unit-tested on its own. */
#include "modules/services/services.h"

#include <stdio.h>
#include <string.h>

int svc_on_time(const char *replied, const char *due)
{
	if (!due || !*due)
		return 1;
	return replied && *replied && strcmp(replied, due) <= 0;
}

static int open_state(const char *state)
{
	return state && (!strcmp(state, "received") || !strcmp(state, "handling"));
}

static int answered_state(const char *state)
{
	return state && (!strcmp(state, "replied") || !strcmp(state, "rated") || !strcmp(state, "closed"));
}

void svc_tally_add(svc_tally *t, const char *state, const char *due, const char *replied, int rating, int small_micro,
		   int in_park, const char *today)
{
	t->total++;
	t->small_micro += small_micro != 0;
	t->in_park += in_park != 0;
	if (answered_state(state)) {
		t->answered++;
		t->on_time += svc_on_time(replied, due);
	} else if (open_state(state) && due && *due && today && strcmp(today, due) > 0)
		t->late_open++;
	if (rating >= 1 && rating <= 5) {
		t->rated++;
		t->rating_sum += rating;
	}
}

long svc_share_permille(const svc_tally *t)
{
	long decided = t->answered + t->late_open;
	if (decided <= 0)
		return -1;
	return (t->on_time * 1000 + decided / 2) / decided;
}

long svc_rating_tenths(const svc_tally *t)
{
	if (t->rated <= 0)
		return -1;
	return (t->rating_sum * 10 + t->rated / 2) / t->rated;
}

void svc_fmt_permille(long pm, char *buf, size_t n)
{
	if (pm < 0)
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%ld.%ld%%", pm / 10, pm % 10);
}

void svc_fmt_tenths(long t, char *buf, size_t n)
{
	if (t < 0)
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%ld.%ld", t / 10, t % 10);
}
