/* write.c — the core's writes for modules (see write.h). */
#include "core/write.h"
#include "core/crud.h"
#include "core/privacy.h"
#include "core/tally.h"
#include "lib/strbuf.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int plain_ident(const char *s)
{
	if (!s || !*s || strlen(s) > 63)
		return 0;
	for (const char *p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			return 0;
	return 1;
}

int crud_set_fields_old(zj_ctx *c, const entity_def *e, int64_t id, const json_t *old, const json_t *fields,
			const char *action)
{
	if (!old || !json_is_object(fields))
		return DB_ERR;
	strbuf q;
	sb_init(&q);
	sb_printf(&q, "UPDATE %s SET version = version + 1, updated_at = ?, updated_by = COALESCE(?, updated_by)",
		  e->table);
	json_t *params = json_pack("[s]", c->now);
	json_array_append_new(params, c->user ? json_integer(c->user->id) : json_null());
	json_t *diff = json_object();
	const char *k;
	json_t *v;
	int rc = DB_OK;
	json_object_foreach ((json_t *)fields, k, v) {
		/* only declared columns ever reach the SQL text; a state changes only by a step */
		if (!entity_field(e, k) || !strcmp(k, "state")) {
			rc = DB_ERR;
			break;
		}
		sb_printf(&q, ", %s = ?", k);
		json_array_append(params, v); /* crud_bind_json converts booleans and code lists */
		json_t *was = json_object_get(old, k);
		if (!was)
			was = json_null();
		if (!json_equal(was, v))
			json_object_set_new(diff, k, json_pack("[O,O]", was, v));
	}
	sb_add(&q, " WHERE id = ? AND deleted = 0 RETURNING version");
	json_array_append_new(params, json_integer(id));
	db_stmt *s;
	if (rc == DB_OK)
		rc = tally_row(c, e, id, -1);
	if (rc == DB_OK)
		rc = db_prepare(c->db, q.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		int r = db_step(s), hit = r == DB_ROW;
		while (r == DB_ROW)
			r = db_step(s);
		db_finalize(s);
		rc = r != DB_DONE ? r : hit ? DB_OK : DB_ERR;
	}
	if (rc == DB_OK)
		rc = tally_row(c, e, id, 1);
	json_decref(params);
	sb_free(&q);
	if (rc == DB_OK)
		rc = privacy_audit(c, action, e, id, NULL, diff);
	json_decref(diff);
	return rc;
}

int crud_set_fields(zj_ctx *c, const entity_def *e, int64_t id, const json_t *fields, const char *action)
{
	json_t *old = crud_load(c, e, id);
	int rc = crud_set_fields_old(c, e, id, old, fields, action);
	json_decref(old);
	return rc;
}

int crud_set1(zj_ctx *c, const entity_def *e, int64_t id, const char *action, const char *field, json_t *value)
{
	json_t *f = json_object();
	json_object_set_new(f, field, value ? value : json_null());
	int rc = crud_set_fields(c, e, id, f, action);
	json_decref(f);
	return rc;
}

int crud_add(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id)
{
	int rc = crud_insert(c, e, row, id);
	if (rc == DB_OK)
		rc = privacy_audit(c, "create", e, *id, NULL, row);
	return rc;
}

int crud_add_as_created(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id)
{
	if (e->hooks && e->hooks->prepare)
		e->hooks->prepare(c, row, NULL);
	if (ctx_failed(c))
		return DB_ERR;
	int rc = crud_insert(c, e, row, id);
	if (rc == DB_OK && e->hooks && e->hooks->after_write && e->hooks->after_write(c, *id, row, NULL))
		rc = c->status ? CTX_REFUSED : DB_ERR;
	if (rc == DB_OK)
		rc = privacy_audit(c, "create", e, *id, NULL, row);
	return rc;
}

/* conflict: NULL, or the unique column whose duplicate is skipped */
static int insert_plain(zj_ctx *c, const char *table, const json_t *cols, int64_t *id, const char *conflict)
{
	if (!plain_ident(table) || !json_is_object(cols) || !json_object_size(cols))
		return DB_ERR;
	strbuf q, vals;
	sb_init(&q), sb_init(&vals);
	sb_printf(&q, "INSERT INTO %s (", table);
	json_t *params = json_array();
	const char *k;
	json_t *v;
	int n = 0;
	json_object_foreach ((json_t *)cols, k, v) {
		if (!plain_ident(k)) {
			sb_free(&q), sb_free(&vals), json_decref(params);
			return DB_ERR;
		}
		sb_printf(&q, "%s%s", n ? ", " : "", k);
		sb_add(&vals, n++ ? ", ?" : "?");
		json_array_append(params, v);
	}
	sb_printf(&q, ") VALUES (%s)", vals.s);
	if (conflict)
		sb_printf(&q, " ON CONFLICT (%s) DO NOTHING", conflict);
	else if (id)
		sb_add(&q, " RETURNING id");
	db_stmt *s;
	int rc = db_prepare(c->db, q.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		int r = db_step(s);
		if (r == DB_ROW && id)
			*id = db_col_int(s, 0);
		while (r == DB_ROW)
			r = db_step(s);
		db_finalize(s);
		rc = r == DB_DONE ? DB_OK : r;
	}
	sb_free(&q), sb_free(&vals), json_decref(params);
	return rc;
}

int crud_insert_plain(zj_ctx *c, const char *table, const json_t *cols, int64_t *id)
{
	return insert_plain(c, table, cols, id, NULL);
}

int crud_intern_plain(zj_ctx *c, const char *table, const char *key_col, const json_t *cols, int64_t *id)
{
	const char *key = json_string_value(json_object_get(cols, key_col));
	*id = 0;
	if (!key || !plain_ident(key_col) || !plain_ident(table))
		return DB_ERR;
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?", table, key_col);
	int rc = DB_OK;
	for (int pass = 0; pass < 2 && rc == DB_OK; pass++) {
		db_stmt *s;
		if (db_prepare(c->db, sql, &s) != DB_OK)
			return DB_ERR;
		db_bind_text(s, 1, key);
		int r = db_step(s);
		if (r == DB_ROW)
			*id = db_col_int(s, 0);
		while (r == DB_ROW)
			r = db_step(s);
		db_finalize(s);
		if (r != DB_DONE)
			return r;
		if (*id > 0)
			return DB_OK;
		if (pass == 0) /* not there: insert it (or find a concurrent insert's row) */
			rc = insert_plain(c, table, cols, NULL, key_col);
	}
	return rc == DB_OK ? DB_ERR : rc;
}

int crud_replace_links(db *d, const char *table, const char *owner_col, int64_t owner, const char *target_col,
		       const char *target_table, const json_t *codes)
{
	if (!plain_ident(table) || !plain_ident(owner_col) || !plain_ident(target_col) || !plain_ident(target_table))
		return DB_ERR;
	char sql[400], idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)owner);
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?", table, owner_col);
	const char *pi[] = {idt};
	int rc = db_run(d, sql, 1, pi);
	snprintf(
		sql, sizeof sql,
		"INSERT INTO %s (%s, %s) SELECT CAST(? AS BIGINT), id FROM %s WHERE code = ? AND deleted = 0 ON CONFLICT DO NOTHING",
		table, owner_col, target_col, target_table);
	size_t i;
	json_t *v;
	json_array_foreach (codes, i, v) {
		if (rc != DB_OK)
			break;
		if (!json_is_string(v))
			continue;
		const char *pp[] = {idt, json_string_value(v)};
		rc = db_run(d, sql, 2, pp);
	}
	return rc;
}

int crud_is_change_list(const json_t *after)
{
	if (!json_is_object(after))
		return 0;
	const char *k;
	json_t *v;
	json_object_foreach ((json_t *)after, k, v)
		if (!json_is_array(v) || json_array_size(v) != 2)
			return 0;
	return 1;
}
