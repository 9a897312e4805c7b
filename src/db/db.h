/* db.h — the one database interface. Callers write portable SQL with `?`
 * placeholders; a driver (sqlite.c, postgres.c) behind a table of function
 * pointers hides every dialect difference (placeholder style, identity
 * columns, LIKE case rules, advisory locks, schema introspection).
 *
 * A `db` is one connection, used by one thread at a time. `db_pool` hands out
 * connections to worker threads. Values cross the interface as text or
 * 64-bit integers only (and bytes, for stored files): dates are ISO text,
 * money integer fen, measured values decimal strings, so no binary floating
 * point ever enters or leaves. */
#ifndef ZJ_DB_H
#define ZJ_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_OK = 0, DB_ROW = 100, DB_DONE = 101, DB_ERR = -1, DB_CONSTRAINT = -2, DB_BUSY = -3 };

/* A column as the schema has it (see db_driver.describe). */
typedef struct db_column_info {
	const char *name;
	int notnull, has_default;
	const char *ref_table; /* NULL unless a foreign key on this column alone */
} db_column_info;
typedef struct db_schema_cb {
	void (*col)(void *ud, const db_column_info *c);
	void (*uniq)(void *ud, const char *cols);
} db_schema_cb;

typedef struct db_driver {
	const char *name;
	int (*open)(const char *uri, db **out, char *err, size_t errlen);
	void (*close)(db *);
	/* Runs one or more statements without parameters (DDL, migrations). */
	int (*exec)(db *, const char *sql);
	int (*prepare)(db *, const char *sql, db_stmt **out);
	int (*bind_text)(db_stmt *, int idx /*1-based*/, const char *s /*NULL = SQL NULL*/);
	/* Optional: the same, without a copy (s outlives the statement's next
	 * step and finalize). NULL: bind_text is used. */
	int (*bind_text_ref)(db_stmt *, int idx, const char *s);
	int (*bind_int)(db_stmt *, int idx, int64_t v);
	/* Binary values (stored files, core/blobs.c): bytes bound as a BLOB /
	 * bytea (copied), read back as bytes valid until the next step. */
	int (*bind_blob)(db_stmt *, int idx, const void *data, size_t len);
	const void *(*col_blob)(db_stmt *, int i, size_t *len);
	/* Optional: the statement's result columns come in binary, for a
	 * statement that selects binary columns only (a stored file's chunk):
	 * PostgreSQL then sends bytea as bytes, not as hex text. NULL: no-op. */
	void (*binary)(db_stmt *);
	int (*step)(db_stmt *); /* DB_ROW, DB_DONE or an error */
	int (*ncols)(db_stmt *);
	const char *(*col_name)(db_stmt *, int i);
	const char *(*col_text)(db_stmt *, int i); /* NULL for SQL NULL */
	int64_t (*col_int)(db_stmt *, int i);
	int (*col_null)(db_stmt *, int i); /* 1 when SQL NULL (no conversion of the value) */
	void (*finalize)(db_stmt *);
	int (*begin)(db *); /* write transaction; serialises writers on SQLite */
	/* Optional: a read transaction (one snapshot, no write lock), for many
	 * reads in a row (an import's first pass): SQLite then takes its file
	 * locks once, not per statement. NULL: reads run in autocommit. */
	int (*begin_read)(db *);
	int (*commit)(db *);
	int (*rollback)(db *);
	const char *(*errmsg)(db *);
	/* Serialises appends to a chain (the audit log) inside a transaction. */
	int (*chain_lock)(db *);
	/* Describes a table for `zhijian schema-check`: each column (with
	 * NOT NULL, DEFAULT and the table a single-column foreign key
	 * references) to col, each unique index other than the primary key to
	 * uniq as its columns comma-joined in index order. */
	int (*describe)(db *, const char *table, const struct db_schema_cb *cb, void *ud);
	/* Lists a table's unique indexes (not the primary key) into cb, one call
	 * per column in index order: index name, 1 when partial (WHERE deleted
	 * = 0), column. An import checks them before it writes (io.c). */
	int (*uniques)(db *, const char *table, void (*cb)(void *ud, const char *index, int partial, const char *col),
		       void *ud);
	/* Marks a statement to stream its rows (PostgreSQL single-row mode): a
	 * streaming statement must be read to the end before the connection runs
	 * anything else. Others fetch their whole result, so a caller may run
	 * queries while reading rows. NULL where rows always stream safely. */
	void (*stream)(db_stmt *);
	/* Online consistent copy to a file (SQLite) — NULL where not supported. */
	int (*backup)(db *, const char *out_path, char *err, size_t errlen);
	/* Sets how long a statement waits for another writer's lock before it
	 * fails with DB_BUSY; returns the previous value. NULL where writers do
	 * not wait on one another for a whole file (PostgreSQL: row locks). */
	int (*lock_wait)(db *, int ms);
} db_driver;

struct db {
	const db_driver *drv;
	int in_tx;
	unsigned long tx_seq; /* counts transactions begun: caches keyed by it live for one transaction */
};

/* Opens by URI: "postgresql://..." or "postgres://..." → PostgreSQL, anything else a SQLite file. */
int db_open(const char *uri, db **out, char *err, size_t errlen);
void db_close(db *d);
int db_is_postgres(const db *d);

/* Convenience wrappers (dispatch through d->drv). */
int db_exec(db *d, const char *sql);
int db_prepare(db *d, const char *sql, db_stmt **out);
const char *db_errmsg(db *d);
int db_begin(db *d);
/* A read transaction where the driver has one (see db_driver.begin_read),
 * else nothing; ended by db_rollback. Never write inside it. */
int db_begin_read(db *d);
int db_commit(db *d);
int db_rollback(db *d);
/* See db_driver.uniques. */
int db_uniques(db *d, const char *table, void (*cb)(void *ud, const char *index, int partial, const char *col),
	       void *ud);
/* See db_driver.lock_wait; returns the previous wait (or ms where not supported). */
int db_lock_wait(db *d, int ms);
/* 1 when, within the last `ms` milliseconds, a connection of this process
 * waited for the write lock (SQLite's busy handler ran): a long writer (an
 * import between its batches) then pauses so that the waiting one goes in. */
int db_writer_waited(int ms);

/* db_stmt carries its driver so callers need not keep the db around. */
typedef struct db_stmt_base {
	const db_driver *drv;
	db *conn;
} db_stmt_base;

int db_bind_text(db_stmt *s, int idx, const char *v);
/* v stays valid until the statement is finalized: the driver may skip its copy. */
int db_bind_text_ref(db_stmt *s, int idx, const char *v);
int db_bind_int(db_stmt *s, int idx, int64_t v);
/* Bytes (a BLOB on SQLite, bytea on PostgreSQL); copied by the driver. */
int db_bind_blob(db_stmt *s, int idx, const void *data, size_t len);
int db_step(db_stmt *s);
/* How many steps of this thread have failed (DB_ERR) so far; see db.c. */
unsigned long db_step_failures(void);
int db_ncols(db_stmt *s);
const char *db_col_name(db_stmt *s, int i);
const char *db_col_text(db_stmt *s, int i);
int64_t db_col_int(db_stmt *s, int i);
int db_col_null(db_stmt *s, int i);
/* A binary column's bytes (NULL with *len 0 for SQL NULL), valid until the next step or finalize. */
const void *db_col_blob(db_stmt *s, int i, size_t *len);
/* See db_driver.binary: call before the first step; only db_col_blob may read its columns. */
void db_binary_results(db_stmt *s);
void db_finalize(db_stmt *s);
/* Streams the statement's rows (exports of millions of rows); see db_driver.stream. */
void db_stream(db_stmt *s);

/* One-shot helpers: run sql with text params (NULL entries bind SQL NULL).
 * db_query_int returns the first column of the first row, or dflt. */
int db_run(db *d, const char *sql, int nparams, const char *const *params);
int64_t db_query_int(db *d, const char *sql, int nparams, const char *const *params, int64_t dflt);
/* The same with integer params (ids): no formatting on hot paths. */
int64_t db_query_int_ids(db *d, const char *sql, int nparams, const int64_t *params, int64_t dflt);

/* Connection pool: one connection per worker thread at a time. */
typedef struct db_pool db_pool;
db_pool *db_pool_new(const char *uri, int size, char *err, size_t errlen);
/* The same without opening a connection now (a read replica that may be
 * down when the server starts: its connections open when first asked). */
db_pool *db_pool_new_lazy(const char *uri, int size);
/* Waits at most the pool's wait (db_pool_set_wait, default 5 s); NULL when
 * none became free in time (the caller answers 503) or a connection failed. */
db *db_pool_get(db_pool *p);
db *db_pool_get_wait(db_pool *p, int ms);
void db_pool_set_wait(db_pool *p, int ms);
int db_pool_size(db_pool *p);
void db_pool_put(db_pool *p, db *d);
/* Closes a connection that failed (a replica that stopped) instead of
 * giving it back: the pool opens a fresh one when next asked. */
void db_pool_discard(db_pool *p, db *d);
void db_pool_free(db_pool *p);
const char *db_pool_uri(db_pool *p);

extern const db_driver db_sqlite_driver;
extern const db_driver db_postgres_driver;

#endif
