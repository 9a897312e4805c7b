/* postgres.c — the PostgreSQL 15 driver over libpq. Rewrites `?` to `$n`
 * (outside quotes) and LIKE to ILIKE (SQLite's LIKE ignores ASCII case),
 * streams result rows in single-row mode so a million-row export never sits
 * in memory, and maps locks to advisory locks. */
#include "db/db.h"
#include "db/pg_cache.h"
#include "lib/num.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_MAXPARAMS 256

typedef struct {
	db base;
	PGconn *c;
	pg_cache *cache; /* named prepared statements; NULL with zj_prepare=off */
	char err[512];
} pg_db;

typedef struct {
	db_stmt_base base;
	pg_db *conn;
	char *sql;
	char name_buf[40]; /* the prepared statement's name on this connection (a copy: the cache moves) */
	const char *name;  /* name_buf, or NULL: unnamed */
	int must_prepare;
	int nparams;
	char *params[PG_MAXPARAMS];
	int lens[PG_MAXPARAMS], fmts[PG_MAXPARAMS]; /* fmts 1: a binary parameter (bytea) of lens bytes */
	unsigned char *blob;                        /* the last col_blob, decoded (PQfreemem) */
	int started, finished, streaming, binary;
	PGresult *row; /* current single-row result (streaming) */
	PGresult *all; /* whole result (default) */
	int next_row, cur_row;
} pg_stmt;

static int pg_open(const char *uri, db **out, char *err, size_t errlen)
{
	pg_db *d = calloc(1, sizeof *d);
	if (!d)
		return DB_ERR;
	int off = 0;
	char *libpq_uri = pg_cache_uri(uri, &off);
	d->c = PQconnectdb(libpq_uri ? libpq_uri : uri);
	free(libpq_uri);
	if (PQstatus(d->c) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(d->c));
		char *nl = strchr(err, '\n');
		if (nl)
			*nl = 0;
		PQfinish(d->c);
		free(d);
		return DB_ERR;
	}
	PGresult *r = PQexec(d->c, "SET client_min_messages=warning; SET TIME ZONE 'UTC'");
	PQclear(r);
	d->cache = off ? NULL : pg_cache_new();
	*out = &d->base;
	return DB_OK;
}

static void pg_close(db *d)
{
	pg_db *p = (pg_db *)d;
	PQfinish(p->c);
	pg_cache_free(p->cache);
	free(p);
}

static void set_err(pg_db *d, const char *msg)
{
	snprintf(d->err, sizeof d->err, "%s", msg ? msg : "unknown error");
	char *nl = strchr(d->err, '\n');
	if (nl)
		*nl = 0;
}

static int pg_exec(db *d, const char *sql)
{
	pg_db *p = (pg_db *)d;
	PGresult *r = PQexec(p->c, sql);
	int st = PQresultStatus(r), ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	if (!ok)
		set_err(p, PQresultErrorMessage(r));
	PQclear(r);
	return ok ? DB_OK : DB_ERR;
}

/* `?` → `$n` outside quotes; ` LIKE ` → ` ILIKE `. */
static char *rewrite(const char *sql, int *nparams)
{
	size_t len = strlen(sql), cap = len * 4 + 16; /* "?" → "$n" grows at most 4 times */
	char *out = malloc(cap), *w = out;
	if (!out)
		return NULL;
	int n = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			*w++ = *p;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			*w++ = *p;
		} else if (*p == '?') {
			w += snprintf(w, cap - (size_t)(w - out), "$%d", ++n);
		} else if (!strncmp(p, " LIKE ", 6)) {
			memcpy(w, " ILIKE ", 7);
			w += 7;
			p += 5;
		} else {
			*w++ = *p;
		}
	}
	*w = 0;
	*nparams = n;
	return out;
}

static int pg_prepare(db *d, const char *sql, db_stmt **out)
{
	pg_stmt *s = calloc(1, sizeof *s);
	if (!s)
		return DB_ERR;
	s->base.drv = &db_postgres_driver;
	s->base.conn = d;
	s->conn = (pg_db *)d;
	s->sql = rewrite(sql, &s->nparams);
	if (!s->sql || s->nparams > PG_MAXPARAMS) {
		free(s->sql);
		free(s);
		return DB_ERR;
	}
	const char *name = pg_cache_lookup(s->conn->cache, s->sql, &s->must_prepare);
	if (name) {
		snprintf(s->name_buf, sizeof s->name_buf, "%s", name);
		s->name = s->name_buf;
	}
	*out = (db_stmt *)s;
	return DB_OK;
}

static int pg_bind_text(db_stmt *st, int idx, const char *v)
{
	pg_stmt *s = (pg_stmt *)st;
	if (idx < 1 || idx > s->nparams)
		return DB_ERR;
	free(s->params[idx - 1]);
	s->params[idx - 1] = v ? strdup(v) : NULL;
	s->fmts[idx - 1] = 0, s->lens[idx - 1] = 0;
	return DB_OK;
}

static int pg_bind_blob(db_stmt *st, int idx, const void *data, size_t len)
{
	pg_stmt *s = (pg_stmt *)st;
	if (idx < 1 || idx > s->nparams || len > (size_t)1 << 30)
		return DB_ERR;
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return DB_ERR;
	if (len)
		memcpy(copy, data, len);
	free(s->params[idx - 1]);
	s->params[idx - 1] = copy;
	s->fmts[idx - 1] = 1, s->lens[idx - 1] = (int)len;
	return DB_OK;
}

static int pg_bind_int(db_stmt *st, int idx, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	return pg_bind_text(st, idx, buf);
}

static void drain(pg_stmt *s)
{
	for (PGresult *r = PQgetResult(s->conn->c); r; r = PQgetResult(s->conn->c))
		PQclear(r);
}

static int classify(pg_stmt *s, PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	set_err(s->conn, PQresultErrorMessage(r));
	if (state && !strncmp(state, "23", 2))
		return DB_CONSTRAINT;
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01")))
		return DB_BUSY;
	return DB_ERR;
}

static void pg_binary(db_stmt *st)
{
	((pg_stmt *)st)->binary = 1;
}

static void pg_stream(db_stmt *st)
{
	((pg_stmt *)st)->streaming = 1;
}

/* A name that is missing (26000) means a pooler that moved this client to
 * another server connection (pgbouncer < 1.21 in transaction mode without
 * zj_prepare=off): say so once, and from then on this process sends every
 * statement unnamed. Names are the text's hash, so a name found is never
 * another statement. */
static _Atomic int names_broken;

static int name_lost(pg_stmt *s, PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (!s->name || !state || strcmp(state, "26000"))
		return 0;
	if (!names_broken++)
		fprintf(stderr,
			"zhijian: PostgreSQL lost a named prepared statement: a pooler in transaction mode? "
			"Running statements unnamed; add ?zj_prepare=off to the database URI (docs/scale.md)\n");
	pg_cache_free(s->conn->cache);
	s->conn->cache = NULL;
	s->name = NULL;
	return 1;
}

/* A statement seen before on this connection is prepared once, here, on
 * its first step (pg_cache.h): a failure is the statement's failure, except
 * "already exists" (42P05): the same name is the same text, prepared on this
 * server connection by another client of a pooler. */
static int name_ready(pg_stmt *s)
{
	if (s->name && (names_broken || !s->conn->cache))
		s->name = NULL;
	if (!s->name || !s->must_prepare || pg_cache_is_prepared(s->conn->cache, s->sql))
		return DB_OK;
	PGresult *r = PQprepare(s->conn->c, s->name, s->sql, s->nparams, NULL);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && !(state && !strcmp(state, "42P05"))) {
		int rc = classify(s, r);
		PQclear(r);
		s->finished = 1;
		return rc;
	}
	PQclear(r);
	s->must_prepare = 0;
	pg_cache_prepared(s->conn->cache, s->sql);
	return DB_OK;
}

/* Default: the whole result at once, so callers may query while reading. */
static int pg_step_all(pg_stmt *s)
{
	if (!s->started) {
		s->started = 1;
		int rc = name_ready(s);
		if (rc != DB_OK)
			return rc;
		s->all = s->name ? PQexecPrepared(s->conn->c, s->name, s->nparams, (const char *const *)s->params,
						  s->lens, s->fmts, s->binary)
				 : PQexecParams(s->conn->c, s->sql, s->nparams, NULL, (const char *const *)s->params,
						s->lens, s->fmts, s->binary);
		int st = PQresultStatus(s->all);
		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && name_lost(s, s->all) &&
		    PQtransactionStatus(s->conn->c) == PQTRANS_IDLE) {
			PQclear(s->all);
			s->all = PQexecParams(s->conn->c, s->sql, s->nparams, NULL, (const char *const *)s->params,
					      s->lens, s->fmts, s->binary);
			st = PQresultStatus(s->all);
		}
		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
			rc = classify(s, s->all);
			PQclear(s->all);
			s->all = NULL;
			s->finished = 1;
			return rc;
		}
	}
	if (!s->all || s->next_row >= PQntuples(s->all)) {
		s->finished = 1;
		return DB_DONE;
	}
	s->cur_row = s->next_row++;
	return DB_ROW;
}

static int pg_step(db_stmt *st)
{
	pg_stmt *s = (pg_stmt *)st;
	if (s->blob) {
		PQfreemem(s->blob);
		s->blob = NULL;
	}
	if (s->finished)
		return DB_DONE;
	if (!s->streaming)
		return pg_step_all(s);
	if (s->row) {
		PQclear(s->row);
		s->row = NULL;
	}
	if (!s->started) {
		s->started = 1;
		int rc = name_ready(s);
		if (rc != DB_OK)
			return rc;
		if (!(s->name ? PQsendQueryPrepared(s->conn->c, s->name, s->nparams, (const char *const *)s->params,
						    s->lens, s->fmts, s->binary)
			      : PQsendQueryParams(s->conn->c, s->sql, s->nparams, NULL, (const char *const *)s->params,
						  s->lens, s->fmts, s->binary))) {
			set_err(s->conn, PQerrorMessage(s->conn->c));
			s->finished = 1;
			return DB_ERR;
		}
		PQsetSingleRowMode(s->conn->c);
	}
	PGresult *r = PQgetResult(s->conn->c);
	if (!r) {
		s->finished = 1;
		return DB_DONE;
	}
	switch (PQresultStatus(r)) {
	case PGRES_SINGLE_TUPLE: s->row = r; return DB_ROW;
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		PQclear(r);
		drain(s);
		s->finished = 1;
		return DB_DONE;
	default: {
		int rc = classify(s, r);
		PQclear(r);
		drain(s);
		s->finished = 1;
		return rc;
	}
	}
}

/* The current row: (result, index) in either mode. */
static PGresult *cur(pg_stmt *s, int *rowi)
{
	if (s->streaming) {
		*rowi = 0;
		return s->row;
	}
	*rowi = s->cur_row;
	return s->all && s->cur_row < PQntuples(s->all) ? s->all : NULL;
}

static int pg_ncols(db_stmt *st)
{
	int ri;
	PGresult *r = cur((pg_stmt *)st, &ri);
	return r ? PQnfields(r) : 0;
}
static const char *pg_col_name(db_stmt *st, int i)
{
	int ri;
	PGresult *r = cur((pg_stmt *)st, &ri);
	return r ? PQfname(r, i) : NULL;
}
static const char *pg_col_text(db_stmt *st, int i)
{
	int ri;
	PGresult *r = cur((pg_stmt *)st, &ri);
	if (!r || i >= PQnfields(r) || PQgetisnull(r, ri, i))
		return NULL;
	return PQgetvalue(r, ri, i);
}
static int64_t pg_col_int(db_stmt *st, int i)
{
	const char *t = pg_col_text(st, i);
	if (!t)
		return 0;
	if (!strcmp(t, "t"))
		return 1;
	return strtoll(t, NULL, 10);
}

static int pg_col_null(db_stmt *st, int i)
{
	return pg_col_text(st, i) == NULL;
}

/* bytea comes back as text ("\\x" and hex): decoded here, held by the statement. */
static const void *pg_col_blob(db_stmt *st, int i, size_t *len)
{
	pg_stmt *s = (pg_stmt *)st;
	*len = 0;
	if (s->binary) { /* the bytes as sent, held by the result */
		int ri;
		PGresult *r = cur(s, &ri);
		if (!r || i >= PQnfields(r) || PQgetisnull(r, ri, i))
			return NULL;
		*len = (size_t)PQgetlength(r, ri, i);
		return PQgetvalue(r, ri, i);
	}
	const char *t = pg_col_text(st, i);
	if (!t)
		return NULL;
	if (s->blob)
		PQfreemem(s->blob);
	s->blob = PQunescapeBytea((const unsigned char *)t, len);
	return s->blob;
}

static void pg_finalize(db_stmt *st)
{
	pg_stmt *s = (pg_stmt *)st;
	if (s->blob)
		PQfreemem(s->blob);
	if (s->row)
		PQclear(s->row);
	if (s->all)
		PQclear(s->all);
	if (s->streaming && s->started && !s->finished)
		drain(s);
	for (int i = 0; i < s->nparams; i++)
		free(s->params[i]);
	free(s->sql);
	free(s);
}

static int pg_begin(db *d)
{
	return pg_exec(d, "BEGIN");
}
static int pg_commit(db *d)
{
	return pg_exec(d, "COMMIT");
}
static int pg_rollback(db *d)
{
	return pg_exec(d, "ROLLBACK");
}
static const char *pg_errmsg(db *d)
{
	return ((pg_db *)d)->err;
}
/* A transaction-scoped advisory lock: one audit appender at a time across all nodes. */
static int pg_chain_lock(db *d)
{
	return pg_exec(d, "SELECT pg_advisory_xact_lock(74530001)");
}


static PGresult *pg_tuples(db *d, const char *sql, const char *table)
{
	const char *p[1] = {table};
	PGresult *r = PQexecParams(((pg_db *)d)->c, sql, 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		PQclear(r);
		return NULL;
	}
	return r;
}

static int pg_describe(db *d, const char *table, const db_schema_cb *cb, void *ud)
{
	PGresult *r = pg_tuples(
		d,
		"SELECT c.column_name, c.is_nullable = 'NO', c.column_default IS NOT NULL,"
		" (SELECT cf.relname FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class cf ON cf.oid = k.confrelid"
		"  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
		"  WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND t.relname = c.table_name"
		"  AND t.relnamespace = current_schema()::regnamespace AND a.attname = c.column_name LIMIT 1)"
		" FROM information_schema.columns c WHERE c.table_schema = current_schema() AND c.table_name = $1"
		" ORDER BY c.ordinal_position",
		table);
	if (!r)
		return DB_ERR;
	for (int i = 0; i < PQntuples(r); i++) {
		db_column_info c = {.name = PQgetvalue(r, i, 0),
				    .notnull = PQgetvalue(r, i, 1)[0] == 't',
				    .has_default = PQgetvalue(r, i, 2)[0] == 't',
				    .ref_table = PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3)};
		cb->col(ud, &c);
	}
	PQclear(r);
	r = pg_tuples(
		d,
		"SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
		" CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
		" JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
		" WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND i.indisunique AND NOT i.indisprimary"
		" GROUP BY i.indexrelid",
		table);
	if (!r)
		return DB_ERR;
	for (int i = 0; i < PQntuples(r); i++)
		cb->uniq(ud, PQgetvalue(r, i, 0));
	PQclear(r);
	return DB_OK;
}

static int pg_uniques(db *d, const char *table, void (*cb)(void *, const char *, int, const char *), void *ud)
{
	const char *p[1] = {table};
	PGresult *r = PQexecParams(
		((pg_db *)d)->c,
		"SELECT i.relname, CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END, a.attname"
		" FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
		" JOIN pg_namespace n ON n.oid = t.relnamespace"
		" CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)"
		" JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
		" WHERE t.relname = $1 AND n.nspname = current_schema() AND x.indisunique AND NOT x.indisprimary"
		" ORDER BY i.relname, k.ord",
		1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		PQclear(r);
		return DB_ERR;
	}
	for (int i = 0; i < PQntuples(r); i++)
		cb(ud, PQgetvalue(r, i, 0), (int)num_or(PQgetvalue(r, i, 1), 0, 1, 0), PQgetvalue(r, i, 2));
	PQclear(r);
	return DB_OK;
}

const db_driver db_postgres_driver = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_blob = pg_bind_blob,
	.col_blob = pg_col_blob,
	.binary = pg_binary,
	.step = pg_step,
	.ncols = pg_ncols,
	.col_name = pg_col_name,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.finalize = pg_finalize,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.errmsg = pg_errmsg,
	.chain_lock = pg_chain_lock,
	.describe = pg_describe,
	.uniques = pg_uniques,
	.stream = pg_stream,
	.backup = NULL,
};
