/* num.c — see num.h. */
#include "lib/num.h"
#include <stdio.h>
#include <string.h>
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

void num_yuan(long long fen, char *buf, unsigned long n)
{
	char digits[32], grouped[48];
	int neg = fen < 0;
	unsigned long long v = neg ? (unsigned long long)(-(fen + 1)) + 1 : (unsigned long long)fen;
	snprintf(digits, sizeof digits, "%llu", v / 100);
	size_t len = strlen(digits), k = 0;
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = 0;
	snprintf(buf, n, "%s%s.%02u", neg ? "-" : "", grouped, (unsigned)(v % 100));
}
