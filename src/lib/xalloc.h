/* xalloc.h — allocation that cannot return NULL: out of memory aborts the
 * process, as strbuf's growth always has (a server that cannot allocate a
 * few bytes cannot answer either, and a half-built value must never be
 * written). Use these where no caller could do better than abort; where a
 * caller can (a 503, a refused upload), test malloc's result instead. */
#ifndef ZJ_XALLOC_H
#define ZJ_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
