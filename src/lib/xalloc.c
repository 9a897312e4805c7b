/* xalloc.c — see xalloc.h. */
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *need(void *p)
{
	if (!p) {
		fputs("zhijian: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t n)
{
	return need(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return need(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return need(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
	return need(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
	return need(strndup(s, n));
}
