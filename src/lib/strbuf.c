/* strbuf.c — growable buffer; see strbuf.h. */
#include "lib/strbuf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(strbuf *b) { b->s = NULL, b->len = b->cap = 0; }
void sb_free(strbuf *b) { free(b->s), sb_init(b); }
void sb_reset(strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
}

static void grow(strbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s)
		abort();
	b->s = s, b->cap = cap;
}

void sb_addn(strbuf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}
void sb_add(strbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }
void sb_addc(strbuf *b, char c) { sb_addn(b, &c, 1); }

void sb_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *sb_take(strbuf *b)
{
	if (!b->s)
		grow(b, 0), b->s[0] = 0;
	char *s = b->s;
	sb_init(b);
	return s;
}
