/* tally.c — see tally.h. Portable SQL: INSERT ... SELECT ... ON CONFLICT DO
 * UPDATE works in SQLite (≥ 3.24) and PostgreSQL alike; the SELECT has a
 * WHERE, which SQLite needs to tell the upsert's ON from a join's. */
#include "core/tally.h"
#include "core/entity.h"
#include "lib/strbuf.h"
#include <stdio.h>

static int add_range(db *d, const entity_def *e, const tally_def *t, int64_t lo, int64_t hi, int sign)
{
	const char *from = t->from ? t->from : t->keys;
	strbuf q;
	sb_init(&q);
	sb_printf(&q,
		  "INSERT INTO %s (%s, n) SELECT %s, CAST(? AS BIGINT) * COUNT(*) FROM %s WHERE id >= ? AND id <= ?"
		  " AND deleted = 0 AND (%s) GROUP BY %s ON CONFLICT (%s) DO UPDATE SET n = %s.n + excluded.n",
		  t->table, t->keys, from, e->table, t->where, from, t->keys, t->table);
	db_stmt *s;
	int rc = db_prepare(d, q.s, &s);
	sb_free(&q);
	if (rc != DB_OK)
		return rc;
	db_bind_int(s, 1, sign), db_bind_int(s, 2, lo), db_bind_int(s, 3, hi);
	rc = db_step(s);
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

/* The rows' lock before their key is read: on PostgreSQL a second writer of
 * the same row waits here until the first commits, then reads its key. */
static int lock_range(db *d, const entity_def *e, int64_t lo, int64_t hi)
{
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE %s SET version = version WHERE id >= ? AND id <= ?", e->table);
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	db_bind_int(s, 1, lo), db_bind_int(s, 2, hi);
	rc = db_step(s);
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

int tally_range(zj_ctx *c, const entity_def *e, int64_t lo, int64_t hi, int sign)
{
	if (!e || !e->tally)
		return DB_OK;
	int rc = sign < 0 ? lock_range(c->db, e, lo, hi) : DB_OK;
	for (const tally_def *t = e->tally; rc == DB_OK && t->table; t++)
		rc = add_range(c->db, e, t, lo, hi, sign);
	return rc;
}

int tally_row(zj_ctx *c, const entity_def *e, int64_t id, int sign)
{
	return tally_range(c, e, id, id, sign);
}

int tally_rebuild(db *d, const entity_def *e)
{
	int rc = DB_OK;
	for (const tally_def *t = e ? e->tally : NULL; t && rc == DB_OK && t->table; t++) {
		const char *from = t->from ? t->from : t->keys;
		strbuf q;
		sb_init(&q);
		sb_printf(&q, "DELETE FROM %s", t->table);
		rc = db_exec(d, q.s);
		sb_free(&q);
		sb_init(&q);
		sb_printf(&q,
			  "INSERT INTO %s (%s, n) SELECT %s, COUNT(*) FROM %s WHERE deleted = 0 AND (%s) GROUP BY %s",
			  t->table, t->keys, from, e->table, t->where, from);
		if (rc == DB_OK)
			rc = db_exec(d, q.s);
		sb_free(&q);
	}
	return rc;
}

int tally_rebuild_all(db *d)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < registry_count(); i++)
		rc = tally_rebuild(d, registry_at(i));
	return rc;
}
