/* sqlite.c — the SQLite driver: WAL, synchronous=FULL, foreign keys on,
 * BEGIN IMMEDIATE for writes (so writers queue instead of failing late), and
 * the one DDL rewrite the portable migrations need (BIGSERIAL → rowid). */
#include "db/db.h"
#include "lib/xalloc.h"
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Prepared statements are cached per connection: the server runs the same
 * few hundred statements over and over, and preparing costs more than
 * running a 50-row keyset query. */
enum { CACHE = 96 };
typedef struct cached {
	char *sql;
	unsigned long hash, used;
	sqlite3_stmt *st;
	int busy;
	int rowid_returning; /* the SQL ended in RETURNING id (prepared without it) */
} cached;

typedef struct {
	db base;
	sqlite3 *h;
	cached cache[CACHE];
	unsigned long tick;
	int busy_ms;          /* how long a statement waits for the write lock */
	long long busy_since; /* when the current wait began (ms, monotonic) */
} sq_db;

typedef struct {
	db_stmt_base base;
	sqlite3_stmt *st;
	sq_db *conn;
	cached *slot; /* NULL: not cached */
	/* "INSERT ... RETURNING id" runs as a plain INSERT and answers the rowid:
	 * SQLite 3.40's RETURNING costs 2–3× the insert itself (measured). */
	int rowid_returning, rowid_state; /* state: 0 not run, 1 row pending, 2 done */
	char rowid_text[24];
	sqlite3_int64 rowid;
} sq_stmt;

static const char RETURNING_ID[] = " RETURNING id";

/* The SQL to prepare: without the suffix when it is an INSERT's "RETURNING id". */
static int strip_returning(const char *sql, char **out)
{
	size_t n = strlen(sql), k = sizeof RETURNING_ID - 1;
	*out = NULL;
	if (strncmp(sql, "INSERT ", 7) || n <= k || strcmp(sql + n - k, RETURNING_ID))
		return 0;
	*out = strndup(sql, n - k);
	return *out != NULL;
}

/* Eight bytes a step: an import looks its long INSERT up once per row. */
static unsigned long hash_sql(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 1469598103934665603ULL ^ n;
	for (; n >= 8; n -= 8, s += 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 1099511628211ULL;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 1099511628211ULL;
	return (unsigned long)(h ^ (h >> 32));
}

static long long mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* When a connection of this process last waited for the write lock. */
static _Atomic long long last_wait_ms;

/* The busy handler: polls every millisecond or two (SQLite's own handler
 * sleeps up to 100 ms between tries, so a waiting writer would miss the
 * short gap an import leaves between its batches), up to busy_ms, and
 * notes that someone waits (db_writer_waited). */
static int sq_busy(void *arg, int n)
{
	sq_db *d = arg;
	long long now = mono_ms();
	if (n == 0)
		d->busy_since = now;
	if (now - d->busy_since >= d->busy_ms)
		return 0;
	atomic_store(&last_wait_ms, now);
	usleep(n < 20 ? 1000 : 2000);
	return 1;
}

int db_writer_waited(int ms)
{
	long long t = atomic_load(&last_wait_ms);
	return t && mono_ms() - t <= ms;
}

static int sq_lock_wait(db *d, int ms)
{
	sq_db *s = (sq_db *)d;
	int old = s->busy_ms;
	s->busy_ms = ms;
	return old;
}

static int sq_open(const char *uri, db **out, char *err, size_t errlen)
{
	static int configured;
	if (!configured) {
		/* No global allocation statistics: they take a process-wide mutex on every malloc. */
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	const char *path = uri;
	if (!strncmp(path, "sqlite:", 7))
		path += 7;
	sq_db *d = calloc(1, sizeof *d);
	if (!d)
		return DB_ERR;
	int rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, d->h ? sqlite3_errmsg(d->h) : "out of memory");
		sqlite3_close(d->h);
		free(d);
		return DB_ERR;
	}
	d->busy_ms = 30000;
	sqlite3_busy_handler(d->h, sq_busy, d);
	char *emsg = NULL;
	rc = sqlite3_exec(d->h,
			  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			  "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
			  NULL, NULL, &emsg);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, emsg ? emsg : "pragma failed");
		sqlite3_free(emsg);
		sqlite3_close(d->h);
		free(d);
		return DB_ERR;
	}
	*out = &d->base;
	return DB_OK;
}

static void sq_close(db *d)
{
	sq_db *s = (sq_db *)d;
	for (int i = 0; i < CACHE; i++)
		if (s->cache[i].st) {
			sqlite3_finalize(s->cache[i].st);
			free(s->cache[i].sql);
		}
	sqlite3_close_v2(s->h);
	free(s);
}

static char *replace_all(const char *sql, const char *from, const char *to)
{
	size_t n = 0, fl = strlen(from), tl = strlen(to);
	for (const char *p = sql; (p = strstr(p, from)); p += fl)
		n++;
	char *out = malloc(strlen(sql) + n * tl + 1), *w = out;
	if (!out)
		return NULL;
	const char *p = sql;
	for (const char *q = strstr(p, from); q; q = strstr(p, from)) {
		memcpy(w, p, (size_t)(q - p));
		w += q - p;
		memcpy(w, to, tl);
		w += tl;
		p = q + fl;
	}
	memcpy(w, p, strlen(p) + 1);
	return out;
}

/* The portable DDL's PostgreSQL words in SQLite's: identity columns, and
 * BYTEA (binary, the stored files' chunks) as BLOB. */
static char *rewrite_ddl(const char *sql)
{
	char *a = replace_all(sql, "BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT");
	char *b = a ? replace_all(a, " BYTEA", " BLOB") : NULL;
	free(a);
	return b;
}

static int sq_exec(db *d, const char *sql)
{
	char *s = rewrite_ddl(sql);
	if (!s)
		return DB_ERR;
	int rc = sqlite3_exec(((sq_db *)d)->h, s, NULL, NULL, NULL);
	free(s);
	return rc == SQLITE_OK ? DB_OK : DB_ERR;
}

static int sq_prepare(db *d, const char *sql, db_stmt **out)
{
	sq_stmt *s = calloc(1, sizeof *s);
	if (!s)
		return DB_ERR;
	s->base.drv = &db_sqlite_driver;
	s->base.conn = d;
	s->conn = (sq_db *)d;
	sq_db *c = s->conn;
	unsigned long h = hash_sql(sql);
	for (int i = 0; i < CACHE; i++) { /* a hit: compare hashes only, the common case */
		cached *e = &c->cache[i];
		if (e->hash == h && e->st && !e->busy && !strcmp(e->sql, sql)) {
			e->busy = 1, e->used = ++c->tick;
			s->st = e->st, s->slot = e;
			s->rowid_returning = e->rowid_returning;
			*out = (db_stmt *)s;
			return DB_OK;
		}
	}
	cached *victim = NULL; /* a miss: the free or least recently used slot */
	for (int i = 0; i < CACHE; i++) {
		cached *e = &c->cache[i];
		if (!e->busy && (!victim || !e->st || (victim->st && e->used < victim->used)))
			victim = e;
	}
	char *plain = NULL;
	int stripped = strip_returning(sql, &plain);
	int prc = sqlite3_prepare_v2(c->h, stripped ? plain : sql, -1, &s->st, NULL);
	free(plain);
	if (prc != SQLITE_OK) {
		free(s);
		*out = NULL;
		return DB_ERR;
	}
	if (victim && strlen(sql) < 4096) {
		if (victim->st) {
			sqlite3_finalize(victim->st);
			free(victim->sql);
		}
		victim->sql = xstrdup(sql), victim->hash = h, victim->st = s->st, victim->busy = 1,
		victim->used = ++c->tick;
		victim->rowid_returning = stripped;
		s->slot = victim;
	}
	s->rowid_returning = stripped;
	*out = (db_stmt *)s;
	return DB_OK;
}

static int sq_bind_text(db_stmt *st, int idx, const char *v)
{
	sq_stmt *s = (sq_stmt *)st;
	int rc = v ? sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s->st, idx);
	return rc == SQLITE_OK ? DB_OK : DB_ERR;
}

static int sq_bind_text_ref(db_stmt *st, int idx, const char *v)
{
	sq_stmt *s = (sq_stmt *)st;
	int rc = v ? sqlite3_bind_text(s->st, idx, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s->st, idx);
	return rc == SQLITE_OK ? DB_OK : DB_ERR;
}

static int sq_bind_int(db_stmt *st, int idx, int64_t v)
{
	return sqlite3_bind_int64(((sq_stmt *)st)->st, idx, v) == SQLITE_OK ? DB_OK : DB_ERR;
}

static int sq_bind_blob(db_stmt *st, int idx, const void *data, size_t len)
{
	sq_stmt *s = (sq_stmt *)st;
	return sqlite3_bind_blob64(s->st, idx, len ? data : "", len, SQLITE_TRANSIENT) == SQLITE_OK ? DB_OK : DB_ERR;
}

static int sq_step(db_stmt *st)
{
	sq_stmt *ss = (sq_stmt *)st;
	if (ss->rowid_returning) {
		if (ss->rowid_state == 1) {
			ss->rowid_state = 2;
			return DB_DONE;
		}
		if (ss->rowid_state == 2)
			return DB_DONE;
		int r = sqlite3_step(ss->st);
		if (r == SQLITE_DONE) {
			if (sqlite3_changes(ss->conn->h) ==
			    0) { /* ON CONFLICT DO NOTHING skipped it: no row, as RETURNING would */
				ss->rowid_state = 2;
				return DB_DONE;
			}
			ss->rowid = sqlite3_last_insert_rowid(ss->conn->h);
			snprintf(ss->rowid_text, sizeof ss->rowid_text, "%lld", (long long)ss->rowid);
			ss->rowid_state = 1;
			return DB_ROW;
		}
		ss->rowid_state = 2;
		if ((r & 0xff) == SQLITE_CONSTRAINT)
			return DB_CONSTRAINT;
		return (r & 0xff) == SQLITE_BUSY ? DB_BUSY : DB_ERR;
	}
	int rc = sqlite3_step(((sq_stmt *)st)->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	if ((rc & 0xff) == SQLITE_BUSY)
		return DB_BUSY;
	return DB_ERR;
}

static int rowid_row(db_stmt *st)
{
	return ((sq_stmt *)st)->rowid_returning && ((sq_stmt *)st)->rowid_state == 1;
}
static int sq_ncols(db_stmt *st)
{
	return rowid_row(st) ? 1 : sqlite3_column_count(((sq_stmt *)st)->st);
}
static const char *sq_col_name(db_stmt *st, int i)
{
	return rowid_row(st) ? "id" : sqlite3_column_name(((sq_stmt *)st)->st, i);
}
static const char *sq_col_text(db_stmt *st, int i)
{
	if (rowid_row(st))
		return i == 0 ? ((sq_stmt *)st)->rowid_text : NULL;
	return (const char *)sqlite3_column_text(((sq_stmt *)st)->st, i);
}
static int64_t sq_col_int(db_stmt *st, int i)
{
	if (rowid_row(st))
		return i == 0 ? ((sq_stmt *)st)->rowid : 0;
	return sqlite3_column_int64(((sq_stmt *)st)->st, i);
}

static int sq_col_null(db_stmt *st, int i)
{
	if (rowid_row(st))
		return i != 0;
	return sqlite3_column_type(((sq_stmt *)st)->st, i) == SQLITE_NULL;
}

static const void *sq_col_blob(db_stmt *st, int i, size_t *len)
{
	*len = 0;
	if (rowid_row(st))
		return NULL;
	sqlite3_stmt *s = ((sq_stmt *)st)->st;
	const void *p = sqlite3_column_blob(s, i);
	*len = (size_t)sqlite3_column_bytes(s, i);
	return p ? p : (sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : "");
}

static void sq_finalize(db_stmt *st)
{
	sq_stmt *s = (sq_stmt *)st;
	if (s->slot) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		s->slot->busy = 0;
	} else
		sqlite3_finalize(s->st);
	free(s);
}

static int sq_simple(db *d, const char *sql)
{
	return sqlite3_exec(((sq_db *)d)->h, sql, NULL, NULL, NULL) == SQLITE_OK ? DB_OK : DB_ERR;
}
static int sq_begin(db *d)
{
	return sq_simple(d, "BEGIN IMMEDIATE");
}
/* Deferred: a read snapshot in WAL, no lock on writers. */
static int sq_begin_read(db *d)
{
	return sq_simple(d, "BEGIN");
}
static int sq_commit(db *d)
{
	return sq_simple(d, "COMMIT");
}
static int sq_rollback(db *d)
{
	return sq_simple(d, "ROLLBACK");
}
static const char *sq_errmsg(db *d)
{
	return sqlite3_errmsg(((sq_db *)d)->h);
}
/* BEGIN IMMEDIATE already serialises every writer on the file. */
static int sq_chain_lock(db *d)
{
	return DB_OK;
}
static int sq_describe(db *d, const char *table, const db_schema_cb *cb, void *ud)
{
	/* single-column foreign keys first: (column, referenced table) */
	enum { MAXFK = 64 };
	char fk[MAXFK][2][64];
	int nfk = 0;
	db_stmt *s;
	if (sq_prepare(d,
		       "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?) WHERE id IN"
		       " (SELECT id FROM pragma_foreign_key_list(?) GROUP BY id HAVING count(*) = 1)",
		       &s) != DB_OK)
		return DB_ERR;
	sq_bind_text(s, 1, table), sq_bind_text(s, 2, table);
	while (sq_step(s) == DB_ROW && nfk < MAXFK) {
		snprintf(fk[nfk][0], sizeof fk[nfk][0], "%s", sq_col_text(s, 0));
		snprintf(fk[nfk][1], sizeof fk[nfk][1], "%s", sq_col_text(s, 1));
		nfk++;
	}
	sq_finalize(s);
	if (sq_prepare(d, "SELECT name, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info(?) ORDER BY cid",
		       &s) != DB_OK)
		return DB_ERR;
	sq_bind_text(s, 1, table);
	while (sq_step(s) == DB_ROW) {
		const char *name = sq_col_text(s, 0);
		db_column_info c = {.name = name,
				    .notnull = sq_col_int(s, 1) || sq_col_int(s, 3),
				    .has_default = (int)sq_col_int(s, 2)};
		for (int i = 0; i < nfk; i++)
			if (!strcmp(fk[i][0], name))
				c.ref_table = fk[i][1];
		cb->col(ud, &c);
	}
	sq_finalize(s);
	if (sq_prepare(
		    d,
		    "SELECT (SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(il.name) ii ORDER BY ii.seqno))"
		    " FROM pragma_index_list(?) il WHERE il.\"unique\" AND il.origin <> 'pk'",
		    &s) != DB_OK)
		return DB_ERR;
	sq_bind_text(s, 1, table);
	while (sq_step(s) == DB_ROW)
		if (sq_col_text(s, 0))
			cb->uniq(ud, sq_col_text(s, 0));
	sq_finalize(s);
	return DB_OK;
}

static int sq_uniques(db *d, const char *table, void (*cb)(void *, const char *, int, const char *), void *ud)
{
	db_stmt *s;
	if (sq_prepare(d,
		       "SELECT il.name, il.partial, ii.name FROM pragma_index_list(?) il, pragma_index_info(il.name) ii"
		       " WHERE il.\"unique\" = 1 AND il.origin IN ('c', 'u') ORDER BY il.name, ii.seqno",
		       &s) != DB_OK)
		return DB_ERR;
	sq_bind_text(s, 1, table);
	while (sq_step(s) == DB_ROW)
		cb(ud, sq_col_text(s, 0), (int)sq_col_int(s, 1), sq_col_text(s, 2));
	sq_finalize(s);
	return DB_OK;
}

static int sq_backup(db *d, const char *out_path, char *err, size_t errlen)
{
	sqlite3 *dst;
	if (sqlite3_open(out_path, &dst) != SQLITE_OK) {
		snprintf(err, errlen, "cannot create %s: %s", out_path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERR;
	}
	/* The backup API copies a consistent snapshot page by page; with WAL
	 * readers never block writers, so the server keeps running. */
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", ((sq_db *)d)->h, "main");
	int rc = SQLITE_ERROR;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "backup failed: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERR;
	}
	sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(dst);
	return DB_OK;
}

const db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_text_ref = sq_bind_text_ref,
	.bind_int = sq_bind_int,
	.bind_blob = sq_bind_blob,
	.col_blob = sq_col_blob,
	.step = sq_step,
	.ncols = sq_ncols,
	.col_name = sq_col_name,
	.col_text = sq_col_text,
	.col_int = sq_col_int,
	.col_null = sq_col_null,
	.finalize = sq_finalize,
	.begin = sq_begin,
	.begin_read = sq_begin_read,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.errmsg = sq_errmsg,
	.chain_lock = sq_chain_lock,
	.describe = sq_describe,
	.uniques = sq_uniques,
	.backup = sq_backup,
	.lock_wait = sq_lock_wait,
};
