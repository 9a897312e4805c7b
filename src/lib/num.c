/* num.c — see num.h. */
#include "lib/num.h"
#include <errno.h>
#include <stdlib.h>

int num_parse(const char *s, long long lo, long long hi, long long *out)
{
	if (!s || !((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')))
		return 0; /* strtoll would skip spaces and take '+' */
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || !end || *end || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

long long num_or(const char *s, long long lo, long long hi, long long dflt)
{
	long long v;
	return num_parse(s, lo, hi, &v) ? v : dflt;
}
