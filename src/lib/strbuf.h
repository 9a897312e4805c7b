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
void sb_addn(strbuf *b, const char *s, size_t n);
/* inline so that the length of a literal is known at compile time */
static inline void sb_add(strbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }
void sb_addc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a decimal integer (no printf: the list path formats thousands). */
void sb_add_int(strbuf *b, long long v);
/* Appends s as a JSON string literal (quotes, escapes; UTF-8 passed through). */
void sb_json_str(strbuf *b, const char *s);
/* Hands the buffer to the caller (NUL-terminated, never NULL); b is reset. */
char *sb_take(strbuf *b);

#endif
