/* db.c — driver dispatch by URI, thin wrappers, one-shot helpers and the
 * connection pool. Knows no SQL dialect. */
#include "db/db.h"
#include "lib/xalloc.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <stdio.h>

int db_open(const char *uri, db **out, char *err, size_t errlen)
{
	const db_driver *drv = &db_sqlite_driver;
	if (!strncmp(uri, "postgresql://", 13) || !strncmp(uri, "postgres://", 11))
		drv = &db_postgres_driver;
	*out = NULL;
	int rc = drv->open(uri, out, err, errlen);
	if (rc == DB_OK && *out)
		(*out)->drv = drv;
	return rc;
}

void db_close(db *d)
{
	if (d)
		d->drv->close(d);
}

int db_is_postgres(const db *d)
{
	return d && d->drv == &db_postgres_driver;
}
int db_exec(db *d, const char *sql)
{
	return d->drv->exec(d, sql);
}
int db_prepare(db *d, const char *sql, db_stmt **out)
{
	return d->drv->prepare(d, sql, out);
}
const char *db_errmsg(db *d)
{
	return d->drv->errmsg(d);
}

/* A transaction that cannot begin or commit (DB_ERR: a read-only
 * connection, a lost server) counts as a failed step (below): a caller that
 * ignores it (an audit record of a read) cannot pass its answer off as whole. */
static _Thread_local unsigned long step_failures;

int db_begin(db *d)
{
	int rc = d->drv->begin(d);
	if (rc == DB_OK)
		d->in_tx = 1, d->tx_seq++;
	else if (rc == DB_ERR)
		step_failures++;
	return rc;
}

int db_begin_read(db *d)
{
	if (!d->drv->begin_read)
		return DB_OK;
	int rc = d->drv->begin_read(d);
	if (rc == DB_OK)
		d->in_tx = 1, d->tx_seq++;
	return rc;
}

int db_commit(db *d)
{
	int rc = d->drv->commit(d);
	if (rc == DB_OK)
		d->in_tx = 0;
	else if (rc == DB_ERR)
		step_failures++;
	return rc;
}

int db_rollback(db *d)
{
	if (!d->in_tx)
		return DB_OK;
	d->in_tx = 0;
	return d->drv->rollback(d);
}

int db_uniques(db *d, const char *table, void (*cb)(void *ud, const char *index, int partial, const char *col),
	       void *ud)
{
	return d->drv->uniques ? d->drv->uniques(d, table, cb, ud) : DB_OK;
}

int db_lock_wait(db *d, int ms)
{
	return d->drv->lock_wait ? d->drv->lock_wait(d, ms) : ms;
}

#define SB(s) ((const db_stmt_base *)(s))
int db_bind_text(db_stmt *s, int idx, const char *v)
{
	return SB(s)->drv->bind_text(s, idx, v);
}
int db_bind_text_ref(db_stmt *s, int idx, const char *v)
{
	const db_driver *d = SB(s)->drv;
	return d->bind_text_ref ? d->bind_text_ref(s, idx, v) : d->bind_text(s, idx, v);
}
int db_bind_int(db_stmt *s, int idx, int64_t v)
{
	return SB(s)->drv->bind_int(s, idx, v);
}
/* Failed steps of this thread, counted so that a reader that stops at the
 * first non-row without asking why cannot pass a half-read answer off as
 * whole: the request dispatcher compares the count before and after a
 * handler (web/dispatch.c). A constraint or busy answer is an outcome the
 * caller handles, not a failure. */

int db_step(db_stmt *s)
{
	int rc = SB(s)->drv->step(s);
	if (rc == DB_ERR)
		step_failures++;
	return rc;
}
unsigned long db_step_failures(void)
{
	return step_failures;
}
int db_ncols(db_stmt *s)
{
	return SB(s)->drv->ncols(s);
}
const char *db_col_name(db_stmt *s, int i)
{
	return SB(s)->drv->col_name(s, i);
}
const char *db_col_text(db_stmt *s, int i)
{
	return SB(s)->drv->col_text(s, i);
}
int64_t db_col_int(db_stmt *s, int i)
{
	return SB(s)->drv->col_int(s, i);
}
int db_col_null(db_stmt *s, int i)
{
	return SB(s)->drv->col_null(s, i);
}
int db_bind_blob(db_stmt *s, int idx, const void *data, size_t len)
{
	return SB(s)->drv->bind_blob(s, idx, data, len);
}
const void *db_col_blob(db_stmt *s, int i, size_t *len)
{
	return SB(s)->drv->col_blob(s, i, len);
}
void db_binary_results(db_stmt *s)
{
	if (SB(s)->drv->binary)
		SB(s)->drv->binary(s);
}
void db_stream(db_stmt *s)
{
	if (s && SB(s)->drv->stream)
		SB(s)->drv->stream(s);
}

void db_finalize(db_stmt *s)
{
	if (s)
		SB(s)->drv->finalize(s);
}

int db_run(db *d, const char *sql, int nparams, const char *const *params)
{
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	for (int i = 0; i < nparams; i++)
		db_bind_text(s, i + 1, params[i]);
	rc = db_step(s);
	while (rc == DB_ROW)
		rc = db_step(s);
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

/* The first column of the first row of a bound statement, which it finalizes. */
static int64_t first_int(db_stmt *s, int64_t dflt)
{
	int64_t v = dflt;
	if (db_step(s) == DB_ROW && db_col_text(s, 0))
		v = db_col_int(s, 0);
	db_finalize(s);
	return v;
}

int64_t db_query_int(db *d, const char *sql, int nparams, const char *const *params, int64_t dflt)
{
	db_stmt *s;
	if (db_prepare(d, sql, &s) != DB_OK)
		return dflt;
	for (int i = 0; i < nparams; i++)
		db_bind_text(s, i + 1, params[i]);
	return first_int(s, dflt);
}

int64_t db_query_int_ids(db *d, const char *sql, int nparams, const int64_t *params, int64_t dflt)
{
	db_stmt *s;
	if (db_prepare(d, sql, &s) != DB_OK)
		return dflt;
	for (int i = 0; i < nparams; i++)
		db_bind_int(s, i + 1, params[i]);
	return first_int(s, dflt);
}

/* ---- pool ---------------------------------------------------------------- */

struct db_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *uri;
	int size, opened, nfree;
	int wait_ms; /* how long db_pool_get waits for a free connection */
	db **free_list;
};

db_pool *db_pool_new_lazy(const char *uri, int size)
{
	db_pool *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->uri = xstrdup(uri);
	p->size = size < 1 ? 1 : size;
	p->wait_ms = 5000;
	p->free_list = xcalloc((size_t)p->size, sizeof(db *));
	return p;
}

db_pool *db_pool_new(const char *uri, int size, char *err, size_t errlen)
{
	db_pool *p = db_pool_new_lazy(uri, size);
	/* Open one connection now so a bad URI fails at start, not on first request. */
	db *d;
	if (db_open(uri, &d, err, errlen) != DB_OK) {
		db_pool_free(p);
		return NULL;
	}
	p->free_list[p->nfree++] = d;
	p->opened = 1;
	return p;
}

void db_pool_set_wait(db_pool *p, int ms)
{
	p->wait_ms = ms < 0 ? 0 : ms;
}
int db_pool_size(db_pool *p)
{
	return p->size;
}

db *db_pool_get(db_pool *p)
{
	return db_pool_get_wait(p, p->wait_ms);
}

/* Never an unbounded wait: a request thread that waited forever here while
 * the holders waited on it was the deadlock of eight slow exports. */
db *db_pool_get_wait(db_pool *p, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L)
		until.tv_sec++, until.tv_nsec -= 1000000000L;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->nfree > 0) {
			db *d = p->free_list[--p->nfree];
			pthread_mutex_unlock(&p->mu);
			return d;
		}
		if (p->opened < p->size) {
			p->opened++;
			pthread_mutex_unlock(&p->mu);
			db *d = NULL;
			char err[256];
			if (db_open(p->uri, &d, err, sizeof err) != DB_OK) {
				fprintf(stderr, "db pool: %s\n", err);
				pthread_mutex_lock(&p->mu);
				p->opened--;
				pthread_mutex_unlock(&p->mu);
				return NULL;
			}
			return d;
		}
		if (pthread_cond_timedwait(&p->cv, &p->mu, &until) == ETIMEDOUT && p->nfree == 0) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
	}
}

void db_pool_put(db_pool *p, db *d)
{
	if (!d)
		return;
	if (d->in_tx)
		db_rollback(d);
	pthread_mutex_lock(&p->mu);
	p->free_list[p->nfree++] = d;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void db_pool_discard(db_pool *p, db *d)
{
	if (!d)
		return;
	db_close(d);
	pthread_mutex_lock(&p->mu);
	p->opened--;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void db_pool_free(db_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nfree; i++)
		db_close(p->free_list[i]);
	free(p->free_list);
	free(p->uri);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

const char *db_pool_uri(db_pool *p)
{
	return p->uri;
}
