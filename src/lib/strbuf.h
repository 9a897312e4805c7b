/* strbuf.h — a growable byte buffer for building SQL, CSV lines and bodies.
 * Allocation failure aborts: the server cannot do anything useful without
 * memory, and checking every append would hide the logic. */
#ifndef ZJ_STRBUF_H
#define ZJ_STRBUF_H
#include <stddef.h>
#include <string.h>

typedef struct strbuf {
	char *s;
	size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_reset(strbuf *b);
/* Makes room for n more bytes (and the NUL). */
void sb_reserve(strbuf *b, size_t n);
/* The appenders are inline: the list page calls them a few thousand times per
 * request, and the length of a literal is then known at compile time. */
static inline void sb_addn(strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		sb_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}
static inline void sb_add(strbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}
static inline void sb_addc(strbuf *b, char c)
{
	if (b->len + 2 > b->cap)
		sb_reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = 0;
}
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a decimal integer (no printf: the list path formats thousands). */
void sb_add_int(strbuf *b, long long v);
/* Appends s as a JSON string literal (quotes, escapes; UTF-8 passed through). */
void sb_json_str(strbuf *b, const char *s);
/* Hands the buffer to the caller (NUL-terminated, never NULL); b is reset. */
char *sb_take(strbuf *b);

#endif
