/* strbuf.c — growable buffer; see strbuf.h. */
#include "lib/strbuf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(strbuf *b)
{
	b->s = NULL, b->len = b->cap = 0;
}
void sb_free(strbuf *b)
{
	free(b->s), sb_init(b);
}
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

void sb_reserve(strbuf *b, size_t n)
{
	grow(b, n);
}

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

void sb_json_str(strbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	sb_addc(b, '"');
	const char *run = s, *p = s;
	for (; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		sb_addn(b, run, (size_t)(p - run));
		run = p + 1;
		switch (ch) {
		case '"': sb_add(b, "\\\""); break;
		case '\\': sb_add(b, "\\\\"); break;
		case '\n': sb_add(b, "\\n"); break;
		case '\r': sb_add(b, "\\r"); break;
		case '\t': sb_add(b, "\\t"); break;
		default: {
			char u[7] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15], 0};
			sb_add(b, u);
		}
		}
	}
	sb_addn(b, run, (size_t)(p - run)); /* one pass: no strlen first */
	sb_addc(b, '"');
}

void sb_add_int(strbuf *b, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	sb_addn(b, p, (size_t)(tmp + sizeof tmp - p));
}
