/* pg_cache.h — the PostgreSQL driver's per-connection cache of named
 * prepared statements (pg_cache.c): a statement text seen twice on a
 * connection is prepared once (PQprepare) and then executed by name, so
 * PostgreSQL parses and plans it once per connection instead of once per
 * request. Off for a connection opened with `zj_prepare=off` in its URI
 * (pgbouncer < 1.21 in transaction mode, which cannot keep a name). A name
 * is zj_<FNV-1a hash of the text>_<length>, so one name is one text on every
 * connection of every node. */
#ifndef ZJ_PG_CACHE_H
#define ZJ_PG_CACHE_H

#include <stddef.h>

typedef struct pg_cache pg_cache;

/* A cache for one connection; NULL (no cache: every statement unnamed) on
 * allocation failure, which is not an error. */
pg_cache *pg_cache_new(void);
void pg_cache_free(pg_cache *c);

/* The name to execute `sql` under on this connection, or NULL to run it
 * unnamed. *must_prepare is set when the name is new: the caller prepares it
 * (PQprepare) and then calls pg_cache_prepared. */
const char *pg_cache_lookup(pg_cache *c, const char *sql, int *must_prepare);
void pg_cache_prepared(pg_cache *c, const char *sql);
/* 1 when `sql` is already prepared (a statement of the same text made
 * before this one was stepped first). */
int pg_cache_is_prepared(pg_cache *c, const char *sql);

/* Strips `zj_prepare=off|on` from a connection URI's query (libpq refuses
 * parameters it does not know); returns a malloc'd URI and sets *off. */
char *pg_cache_uri(const char *uri, int *off);

#endif
