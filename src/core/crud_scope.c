/* crud_scope.c — who may see what: the data-scope SQL, the access checks on
 * one record, the masking decisions, and the by-code/jurisdiction lookups;
 * plus the parameter binding that every query here shares. */
#include "core/crud_internal.h"
#include "core/crud.h"
#include "core/deadline_view.h"
#include "core/audit.h"
#include "core/write.h"
#include "core/dict.h"
#include "core/files.h"
#include "core/privacy.h"
#include "core/workflow.h"
#include "lib/clist.h"
#include "lib/date.h"
#include "lib/decimal.h"
#include "lib/pii.h"
#include "lib/utf8.h"
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t crud_id_by_code(db *d, const char *table, const char *code)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE code = ? AND deleted = 0", table);
	const char *p[] = {code};
	return db_query_int(d, sql, 1, p, 0);
}

int64_t crud_row_juris(db *d, const entity_def *e, int64_t id)
{
	if (!e->juris_field || id <= 0)
		return 0;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ? AND deleted = 0", e->juris_field, e->table);
	return db_query_int_ids(d, sql, 1, &id, 0);
}

/* One JSON value to one parameter: integers and booleans as integers, a
 * list of codes comma-joined (how multi-code fields are stored), null as NULL. */
void crud_bind_json(db_stmt *s, int idx, json_t *v)
{
	if (!v || json_is_null(v))
		db_bind_text(s, idx, NULL);
	else if (json_is_integer(v))
		db_bind_int(s, idx, json_integer_value(v));
	else if (json_is_boolean(v))
		db_bind_int(s, idx, json_is_true(v));
	else if (json_is_array(v)) {
		strbuf b;
		sb_init(&b);
		size_t i;
		json_t *it;
		json_array_foreach (v, i, it) {
			if (i)
				sb_addc(&b, ',');
			sb_add(&b, json_string_value(it) ? json_string_value(it) : "");
		}
		db_bind_text(s, idx, b.s ? b.s : "");
		sb_free(&b);
	} else if (json_is_object(v)) { /* a file reference, stored as JSON text */
		char *t = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
		db_bind_text(s, idx, t);
		free(t);
	} else
		db_bind_text(s, idx, json_string_value(v));
}

void crud_bind_params(db_stmt *s, json_t *params, int start)
{
	size_t i;
	json_t *v;
	json_array_foreach (params, i, v)
		crud_bind_json(s, (int)i + start, v);
}

void crud_scope_sql(zj_ctx *c, const entity_def *e, unsigned scope, strbuf *sql, json_t *params)
{
	if (!c->user || (scope & SCOPE_ALL))
		return;
	sb_add(sql, " AND (1=0");
	if (scope & SCOPE_JURIS) {
		char path[300];
		snprintf(path, sizeof path, "%s%%", c->user->juris_path);
		if (e->juris_field)
			sb_printf(sql, " OR t.%s IN (SELECT id FROM jurisdictions WHERE path LIKE ?)", e->juris_field);
		else
			sb_add(sql,
			       " OR t.owner_unit_id IN (SELECT u.id FROM units u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE j.path LIKE ?)");
		json_array_append_new(params, json_string(path));
	}
	if (scope & SCOPE_UNIT) {
		sb_add(sql, " OR t.owner_unit_id = ?");
		json_array_append_new(params, json_integer(c->user->unit_id));
	}
	if (scope & SCOPE_OWN) {
		sb_add(sql, " OR t.created_by = ?");
		json_array_append_new(params, json_integer(c->user->id));
	}
	if ((scope & SCOPE_ASSIGNED) && e->hooks && e->hooks->assigned_sql) {
		sb_add(sql, " OR (");
		e->hooks->assigned_sql(c, sql, params);
		sb_add(sql, ")");
	}
	sb_add(sql, ")");
}

unsigned crud_op_scope(zj_ctx *c, const entity_def *e, const char *op)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.%s", e->name, op);
	return ctx_scope(c, perm);
}

/* Lists: unmasked only when every readable row lies in the personal-data scope. */
int crud_can_unmask(zj_ctx *c, const entity_def *e)
{
	unsigned p = crud_op_scope(c, e, "personal"), rd = crud_op_scope(c, e, "read");
	return p && ((p & SCOPE_ALL) || !c->user || (rd & ~p) == 0);
}

int crud_has_personal(const entity_def *e)
{
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & F_PERSONAL)
			return 1;
	return 0;
}

json_t *crud_load(zj_ctx *c, const entity_def *e, int64_t id)
{
	strbuf sql;
	sb_init(&sql);
	crud_select_sql(e, &sql);
	sb_add(&sql, " WHERE t.id = ? AND t.deleted = 0");
	db_stmt *s;
	json_t *r = NULL;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		db_bind_int(s, 1, id);
		if (db_step(s) == DB_ROW)
			r = crud_row_json(e, s, 0);
		db_finalize(s);
	}
	sb_free(&sql);
	return r;
}

int crud_in_scope_perm(zj_ctx *c, const entity_def *e, const char *perm, int64_t id)
{
	unsigned sc = ctx_scope(c, perm);
	if (!sc)
		return 0;
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "SELECT 1 FROM %s t WHERE t.id = ? AND t.deleted = 0", e->table);
	json_t *params = json_array();
	json_array_append_new(params, json_integer(id));
	crud_scope_sql(c, e, sc, &sql, params);
	db_stmt *s;
	int ok = 0;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		ok = db_step(s) == DB_ROW;
		db_finalize(s);
	}
	json_decref(params);
	sb_free(&sql);
	return ok;
}

int crud_in_scope(zj_ctx *c, const entity_def *e, const char *op, int64_t id)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.%s", e->name, op);
	return crud_in_scope_perm(c, e, perm, id);
}

int crud_check_access(zj_ctx *c, const entity_def *e, const char *perm, int64_t id)
{
	unsigned sc = ctx_scope(c, perm);
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有此操作的权限", "You do not have permission for this operation"));
	char sql[160], idt[24];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ? AND deleted = 0", e->table);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {idt};
	if (db_query_int(c->db, sql, 1, p, 0) != 1)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	if (c->user && !(sc & SCOPE_ALL) && !crud_in_scope_perm(c, e, perm, id))
		return ctx_problem(c, PROB_OUT_OF_SCOPE,
				   TR(c, "该记录不在您的管辖或数据范围内",
				      "This record is outside your jurisdiction or data scope"));
	return 0;
}

/* 404 when absent, 403 when outside the user's permission or scope. */
int crud_check_op(zj_ctx *c, const entity_def *e, const char *op, int64_t id)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.%s", e->name, op);
	return crud_check_access(c, e, perm, id);
}
int crud_row_in_scope(zj_ctx *c, const entity_def *e, unsigned sc, json_t *row)
{
	if (!c->user || (sc & SCOPE_ALL) || (sc & (SCOPE_UNIT | SCOPE_OWN)))
		return 1;
	if (!e->juris_field)
		return 1;
	json_t *j = json_object_get(row, e->juris_field);
	if (!json_is_integer(j))
		return 0;
	char idt[24], path[300];
	snprintf(idt, sizeof idt, "%lld", (long long)json_integer_value(j));
	snprintf(path, sizeof path, "%s%%", c->user->juris_path);
	const char *p[] = {idt, path};
	return db_query_int(c->db, "SELECT 1 FROM jurisdictions WHERE id = ? AND path LIKE ?", 2, p, 0) == 1;
}
