/* pg_cache.c — named prepared statements per PostgreSQL connection
 * (pg_cache.h). Why "seen twice": statements built once (a migration, an
 * IN list of literal ids) would otherwise fill the server's memory with plans
 * never used again; the hot ones (a list page, the session lookup) are seen
 * on every request. At most PG_CACHE_MAX names per connection; past that,
 * statements run unnamed as before. Open addressing on a 64-bit FNV-1a hash
 * of the exact text; the text is compared too, and the hash (with the
 * length) is the statement's name on the server. */
#include "db/pg_cache.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_CACHE_SLOTS 2048 /* a power of two; at most 3/4 used */
#define PG_CACHE_MAX 512    /* named statements a connection keeps */

typedef struct {
	uint64_t h;
	char *sql;
	int seen;     /* times looked up before it was prepared */
	int prepared; /* 1: the name exists on the server connection */
	char name[40];
} pg_entry;

struct pg_cache {
	pg_entry slot[PG_CACHE_SLOTS];
	int used, named;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

pg_cache *pg_cache_new(void)
{
	return calloc(1, sizeof(pg_cache));
}

void pg_cache_free(pg_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < PG_CACHE_SLOTS; i++)
		free(c->slot[i].sql);
	free(c);
}

static pg_entry *find(pg_cache *c, const char *sql, uint64_t h, int *empty)
{
	for (unsigned i = (unsigned)h & (PG_CACHE_SLOTS - 1);; i = (i + 1) & (PG_CACHE_SLOTS - 1)) {
		pg_entry *e = &c->slot[i];
		if (!e->sql) {
			*empty = 1;
			return e;
		}
		if (e->h == h && !strcmp(e->sql, sql)) {
			*empty = 0;
			return e;
		}
	}
}

/* The table is full of texts seen once: forget those (a long-running server
 * would otherwise stop noticing new hot statements), keep the named ones. */
static void forget_unnamed(pg_cache *c)
{
	pg_entry keep[PG_CACHE_MAX];
	int n = 0;
	for (int i = 0; i < PG_CACHE_SLOTS; i++) {
		pg_entry *e = &c->slot[i];
		if (e->sql && e->name[0] && n < PG_CACHE_MAX)
			keep[n++] = *e;
		else
			free(e->sql);
	}
	memset(c->slot, 0, sizeof c->slot);
	c->used = 0;
	for (int k = 0; k < n; k++) {
		int empty;
		pg_entry *e = find(c, keep[k].sql, keep[k].h, &empty);
		*e = keep[k];
		c->used++;
	}
}

const char *pg_cache_lookup(pg_cache *c, const char *sql, int *must_prepare)
{
	*must_prepare = 0;
	if (!c)
		return NULL;
	uint64_t h = fnv1a(sql);
	int empty;
	pg_entry *e = find(c, sql, h, &empty);
	if (empty && c->used >= PG_CACHE_SLOTS / 4 * 3) {
		forget_unnamed(c);
		e = find(c, sql, h, &empty);
	}
	if (empty) {
		if (c->used >= PG_CACHE_SLOTS / 4 * 3)
			return NULL;
		e->sql = strdup(sql);
		if (!e->sql)
			return NULL;
		e->h = h;
		e->seen = 1;
		c->used++;
		return NULL;
	}
	if (e->prepared)
		return e->name;
	if (++e->seen < 2 || c->named >= PG_CACHE_MAX)
		return NULL;
	/* The name is the text's hash and length: the same name on any server
	 * connection is the same text, so a pooler that moves this client
	 * between server connections can make a name missing, never wrong. */
	if (!e->name[0])
		snprintf(e->name, sizeof e->name, "zj_%016llx_%zx", (unsigned long long)h, strlen(sql));
	*must_prepare = 1;
	return e->name;
}

int pg_cache_is_prepared(pg_cache *c, const char *sql)
{
	int empty;
	pg_entry *e = c ? find(c, sql, fnv1a(sql), &empty) : NULL;
	return e && !empty && e->prepared;
}

void pg_cache_prepared(pg_cache *c, const char *sql)
{
	int empty;
	pg_entry *e = c ? find(c, sql, fnv1a(sql), &empty) : NULL;
	if (e && !empty && !e->prepared) {
		e->prepared = 1;
		c->named++;
	}
}

char *pg_cache_uri(const char *uri, int *off)
{
	*off = 0;
	char *out = strdup(uri);
	if (!out)
		return NULL;
	char *q = strchr(out, '?');
	if (!q)
		return out;
	/* Rebuild the query without zj_prepare: copy the other parameters over. */
	char *w = q, *p = q + 1;
	int first = 1;
	while (*p) {
		char *amp = strchr(p, '&');
		size_t n = amp ? (size_t)(amp - p) : strlen(p);
		if (!strncmp(p, "zj_prepare=", 11)) {
			*off = n == 14 && !strncmp(p + 11, "off", 3);
		} else if (n) {
			*w++ = first ? '?' : '&';
			memmove(w, p, n);
			w += n;
			first = 0;
		}
		p += n + (amp ? 1 : 0);
	}
	*w = 0;
	return out;
}
