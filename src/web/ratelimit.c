/* ratelimit.c — attempts per client address and purpose, each purpose with
 * its own budget, so that a flood of complaint-form posts cannot lock
 * officers out of signing in, nor the other way round:
 *   sign-in           ZJ_LOGIN_RATE a minute (default 20)
 *   public forms      ZJ_PUBLIC_RATE a minute (default 10; the complaint form)
 * A fixed window per address in a small open-addressed table per purpose.
 * Per node; the per-account lockout in the database is the cross-node
 * control. The address is the client's (behind a trusted proxy, its
 * X-Forwarded-For hop: limits.c). */
#include "web/http.h"
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 1024 };

static const struct {
	const char *env;
	int dflt;
} budgets[RL_NPURPOSES] = {[RL_SIGNIN] = {"ZJ_LOGIN_RATE", 20}, [RL_PUBLIC] = {"ZJ_PUBLIC_RATE", 10}};

static int limit(rl_purpose p)
{
	const char *e = getenv(budgets[p].env);
	char *end = NULL;
	long v = e ? strtol(e, &end, 10) : 0;
	return e && end != e && v > 0 && v <= INT_MAX ? (int)v : budgets[p].dflt;
}

static struct {
	char ip[64];
	char minute[17];
	int n;
} slots[RL_NPURPOSES][SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

int ratelimit_allow(rl_purpose p, const char *ip, const char *now)
{
	unsigned h = 5381;
	for (const char *c = ip; *c; c++)
		h = h * 33 + (unsigned char)*c;
	pthread_mutex_lock(&mu);
	unsigned i = h % SLOTS;
	if (strcmp(slots[p][i].ip, ip) || strncmp(slots[p][i].minute, now, 16)) {
		snprintf(slots[p][i].ip, sizeof slots[p][i].ip, "%s", ip);
		snprintf(slots[p][i].minute, sizeof slots[p][i].minute, "%.16s", now);
		slots[p][i].n = 0;
	}
	int ok = ++slots[p][i].n <= limit(p);
	pthread_mutex_unlock(&mu);
	return ok;
}
