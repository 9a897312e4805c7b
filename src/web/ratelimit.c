/* ratelimit.c — sign-in attempts per client address: at most 20 a minute by default
 * (a fixed window per address in a small open-addressed table). Per node;
 * the per-account lockout in the database is the cross-node control. */
#include "web/http.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 1024 };
/* ZJ_LOGIN_RATE overrides the per-minute limit (tests that sign in often). */
static int limit(void)
{
	const char *e = getenv("ZJ_LOGIN_RATE");
	return e && atoi(e) > 0 ? atoi(e) : 20;
}
static struct {
	char ip[64];
	char minute[17];
	int n;
} slots[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

int ratelimit_allow(const char *ip, const char *now)
{
	unsigned h = 5381;
	for (const char *p = ip; *p; p++)
		h = h * 33 + (unsigned char)*p;
	pthread_mutex_lock(&mu);
	unsigned i = h % SLOTS;
	if (strcmp(slots[i].ip, ip) || strncmp(slots[i].minute, now, 16)) {
		snprintf(slots[i].ip, sizeof slots[i].ip, "%s", ip);
		snprintf(slots[i].minute, sizeof slots[i].minute, "%.16s", now);
		slots[i].n = 0;
	}
	int ok = ++slots[i].n <= limit();
	pthread_mutex_unlock(&mu);
	return ok;
}
