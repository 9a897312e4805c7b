/* crud.c — the generic writes over declared entities (see crud.h): insert,
 * create, update (version check, final states, field diff), soft delete.
 * Each is one transaction with its audit record. Validation is in
 * crud_validate.c, lists in crud_query.c, scope in crud_scope.c, row output
 * and history in crud_output.c. SQL is built only from declared names (never
 * from input) and every value is bound, so input cannot reach the SQL text. */
#include "core/crud_internal.h"
#include "core/crud.h"
#include "core/deadline_view.h"
#include "core/audit.h"
#include "core/write.h"
#include "core/dict.h"
#include "core/files.h"
#include "core/privacy.h"
#include "core/tally.h"
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

/* ---- writing ---- */


/* An import inserts the same fields on every row: the INSERT's text is kept
 * per thread for the last entity and set of fields present (up to 64). */
static _Thread_local struct {
	const entity_def *e;
	uint64_t present;
	int bulk;
	char sql[2048];
} insert_memo;

int crud_insert(zj_ctx *c, const entity_def *e, json_t *row, int64_t *id)
{
	/* One pass over the fields: an import inserts every row through here. */
	json_t *vals[e->nfields > 0 ? e->nfields : 1];
	uint64_t mask = 0;
	int present = 0;
	for (int i = 0; i < e->nfields; i++) {
		vals[i] = json_object_get(row, e->fields[i].name);
		if (!vals[i]) /* absent: the column's DEFAULT applies */
			continue;
		present++;
		if (i < 64)
			mask |= (uint64_t)1 << i;
	}
	int memo = e->nfields <= 64 && insert_memo.e == e && insert_memo.present == mask && insert_memo.bulk == c->bulk;
	strbuf sql;
	sb_init(&sql);
	if (!memo) {
		sb_add(&sql, "INSERT INTO ");
		sb_add(&sql, e->table);
		sb_add(&sql, " (version, created_at, updated_at, created_by, owner_unit_id, deleted");
		if (workflow_stores_state(e))
			sb_add(&sql, ", state");
		for (int i = 0; i < e->nfields; i++)
			if (vals[i]) {
				sb_add(&sql, ", ");
				sb_add(&sql, e->fields[i].name);
			}
		sb_add(&sql, ") VALUES (1, ?, ?, ?, ?, 0");
		if (workflow_stores_state(e))
			sb_add(&sql, ", ?");
		for (int i = 0; i < present; i++)
			sb_addn(&sql, ", ?", 3);
		/* In an import a duplicate must not abort the transaction (PostgreSQL
		 * would), so it is skipped and reported as a constraint failure. */
		sb_add(&sql, c->bulk ? ") ON CONFLICT DO NOTHING RETURNING id" : ") RETURNING id");
		if (e->nfields <= 64 && sql.len < sizeof insert_memo.sql) {
			memcpy(insert_memo.sql, sql.s, sql.len + 1);
			insert_memo.e = e, insert_memo.present = mask, insert_memo.bulk = c->bulk;
		}
	}
	db_stmt *s;
	int rc = db_prepare(c->db, memo ? insert_memo.sql : sql.s, &s);
	sb_free(&sql);
	if (rc != DB_OK)
		return rc;
	int k = 1;
	/* c->now outlives the statement (finalized below) */
	db_bind_text_ref(s, k++, c->now);
	db_bind_text_ref(s, k++, c->now);
	if (c->user)
		db_bind_int(s, k++, c->user->id), db_bind_int(s, k++, c->user->unit_id);
	else
		db_bind_text(s, k++, NULL), db_bind_text(s, k++, NULL);
	if (workflow_stores_state(e))
		db_bind_text(s, k++, workflow_initial(e->workflow));
	for (int i = 0; i < e->nfields; i++) {
		if (!vals[i])
			continue;
		if (json_is_string(vals[i])) /* the row holds the text until the statement is done */
			db_bind_text_ref(s, k++, json_string_value(vals[i]));
		else
			crud_bind_json(s, k++, vals[i]);
	}
	rc = db_step(s);
	if (rc == DB_ROW) {
		*id = db_col_int(s, 0);
		rc = DB_OK;
		while (db_step(s) == DB_ROW)
			;
	} else if (rc == DB_DONE && c->bulk)
		rc = DB_CONSTRAINT;
	db_finalize(s);
	if (rc == DB_OK)
		rc = tally_row(c, e, *id, 1);
	return rc;
}


static int db_failure(zj_ctx *c, int rc)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s", db_errmsg(c->db)); /* before the rollback resets it ("not an error") */
	db_rollback(c->db);
	if (rc == DB_CONSTRAINT) {
		ctx_problem(c, PROB_CONFLICT, msg);
		json_object_set_new(c->problem, "rule",
				    json_string(TR(c, "数据唯一性与引用完整性约束",
						   "uniqueness and referential integrity")));
		return 409;
	}
	return ctx_problem(c, PROB_DB_ERROR, msg);
}

/* The end of a write in its transaction: a refusal (CTX_REFUSED, the problem
 * set) or a failure rolls back, else it commits. 0, or the status answered. */
static int write_end(zj_ctx *c, int rc)
{
	if (rc == CTX_REFUSED) {
		db_rollback(c->db);
		return c->status;
	}
	if (rc != DB_OK)
		return db_failure(c, rc);
	if (db_commit(c->db) != DB_OK)
		return db_failure(c, DB_ERR);
	return 0;
}

int crud_create(zj_ctx *c, const entity_def *e, json_t *body, json_t **out)
{
	unsigned sc = crud_op_scope(c, e, "create");
	if (!sc || e->no_create)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有新建此类记录的权限", "You may not create these records"));
	if (!json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	json_t *errors = json_array();
	json_t *row = crud_row_from_body(c, e, body, 0, errors);
	if (db_begin(c->db) != DB_OK) {
		json_decref(row), json_decref(errors);
		return ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	}
	if (e->hooks && e->hooks->prepare)
		e->hooks->prepare(c, row, NULL);
	crud_validate(c, e, row, NULL, 0, errors);
	if (ctx_failed(c)) { /* a hook's query failed: its findings are not to be trusted */
		db_rollback(c->db);
		json_decref(row), json_decref(errors);
		return c->status;
	}
	if (json_array_size(errors)) {
		db_rollback(c->db);
		json_decref(row);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	if (!crud_row_in_scope(c, e, sc, row)) {
		db_rollback(c->db);
		json_decref(row);
		return ctx_problem(c, PROB_OUT_OF_SCOPE,
				   TR(c, "不能在您的管辖范围之外新建记录",
				      "You cannot create records outside your jurisdiction"));
	}
	int64_t id = 0;
	int rc = crud_insert(c, e, row, &id);
	if (rc == DB_OK && e->hooks && e->hooks->after_write && e->hooks->after_write(c, id, row, NULL))
		rc = c->status ? CTX_REFUSED : DB_ERR;
	if (rc == DB_OK)
		rc = privacy_audit(c, "create", e, id, NULL, row);
	if (rc == DB_OK && ctx_failed(c))
		rc = CTX_REFUSED;
	json_decref(row);
	int st = write_end(c, rc);
	if (st)
		return st;
	*out = crud_load(c, e, id);
	return 201;
}

/* A record in a final state of its workflow (a closed case, a refused
 * complaint, a withdrawn announcement) is changed only by a declared step:
 * an edit would rewrite what was decided. 422 naming `state` (code
 * "closed"), the problem set. */
static int final_state(zj_ctx *c, const entity_def *e, const json_t *row)
{
	const char *st = e->workflow ? json_string_value(json_object_get(row, "state")) : NULL;
	if (!st || !workflow_is_final(e->workflow, st))
		return 0;
	char zh[200], en[200];
	snprintf(zh, sizeof zh, "“%s”为终结状态，已办结，不能修改；只能通过流程步骤变更",
		 workflow_state_label(e->workflow, st, 0));
	snprintf(en, sizeof en, "'%s' is a final state: the record is closed and only a workflow step may change it",
		 workflow_state_label(e->workflow, st, 1));
	json_t *errors = json_array();
	crud_field_error(c, errors, "state", FE_CLOSED, zh, en);
	ctx_fail_fields(c, errors);
	return 1;
}

/* Fields that differ between old and new: {"f":[old,new]}. */
static json_t *diff_rows(const entity_def *e, const json_t *old, const json_t *neu)
{
	json_t *d = json_object();
	for (int i = 0; i < e->nfields; i++) {
		const char *n = e->fields[i].name;
		json_t *a = json_object_get(old, n), *b = json_object_get(neu, n);
		if (!a)
			a = json_null();
		if (!b)
			b = json_null();
		if (!json_equal(a, b)) {
			if (e->fields[i].type == FT_SECRET)
				json_object_set_new(d, n, json_pack("[s,s]", "***", "***"));
			else
				json_object_set_new(d, n, json_pack("[O,O]", a, b));
		}
	}
	return d;
}

/* Runs an UPDATE ... WHERE version = ? RETURNING ...: *hit is whether a row
 * matched (a stale version matches none). Finalizes the statement. */
static int step_returning(db_stmt *s, int *hit)
{
	int rc = db_step(s);
	*hit = rc == DB_ROW;
	while (rc == DB_ROW)
		rc = db_step(s);
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

/* A form loaded by someone who sees personal values masked sends the mask
 * back: that is "unchanged" (dropped from changes); any other value is
 * refused, since they cannot see what they would overwrite. */
static void drop_masked_personal(zj_ctx *c, const entity_def *e, int64_t id, const json_t *old, json_t *changes,
				 json_t *errors)
{
	unsigned psc = crud_op_scope(c, e, "personal");
	if (!c->user || (psc && ((psc & SCOPE_ALL) || crud_in_scope(c, e, "personal", id))))
		return;
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		json_t *nv = json_object_get(changes, f->name), *ov = json_object_get(old, f->name);
		if (!(f->flags & F_PERSONAL) || !json_is_string(nv) || !json_is_string(ov))
			continue;
		char *m = mask_value(json_string_value(ov));
		if (!strcmp(m, json_string_value(nv)))
			json_object_del(changes, f->name);
		else
			crud_field_error(c, errors, f->name, FE_PERSONAL, "您无权查看该个人信息，因此不能修改它",
					 "you cannot see this personal data, so you cannot change it");
		free(m);
	}
}

/* The UPDATE of the changed fields (diff) of row id at version: DB_OK with
 * *updated 0 when the version moved meanwhile. */
static int update_changed(zj_ctx *c, const entity_def *e, int64_t id, int64_t version, const json_t *row,
			  const json_t *diff, int *updated)
{
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "UPDATE %s SET version = version + 1, updated_at = ?, updated_by = ?", e->table);
	for (int i = 0; i < e->nfields; i++)
		if (json_object_get(diff, e->fields[i].name))
			sb_printf(&sql, ", %s = ?", e->fields[i].name);
	sb_add(&sql, " WHERE id = ? AND version = ? AND deleted = 0 RETURNING version");
	db_stmt *s;
	*updated = 0;
	int rc = tally_row(c, e, id, -1); /* the key the write replaces; rolled back with it */
	if (rc != DB_OK)
		return sb_free(&sql), rc;
	rc = db_prepare(c->db, sql.s, &s);
	sb_free(&sql);
	if (rc == DB_OK) {
		int k = 1;
		db_bind_text(s, k++, c->now);
		if (c->user)
			db_bind_int(s, k++, c->user->id);
		else
			db_bind_text(s, k++, NULL);
		for (int i = 0; i < e->nfields; i++)
			if (json_object_get(diff, e->fields[i].name))
				crud_bind_json(s, k++, json_object_get(row, e->fields[i].name));
		db_bind_int(s, k++, id);
		db_bind_int(s, k++, version);
		rc = step_returning(s, updated);
	}
	if (rc == DB_OK && *updated)
		rc = tally_row(c, e, id, 1);
	return rc;
}

int crud_update(zj_ctx *c, const entity_def *e, int64_t id, int64_t version, json_t *body, json_t **out)
{
	if (e->no_update)
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "此类记录不能修改", "These records cannot be modified"));
	int rc = crud_check_op(c, e, "update", id);
	if (rc)
		return rc;
	if (!json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	if (version < 0)
		return ctx_problem(c, PROB_VERSION_REQUIRED,
				   TR(c, "修改需要 If-Match 头或请求体中的 version",
				      "Send If-Match or a version in the body"));
	json_t *errors = json_array();
	json_t *changes = crud_row_from_body(c, e, body, 0, errors);
	if (db_begin(c->db) != DB_OK) {
		json_decref(changes), json_decref(errors);
		return ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	}
	json_t *old = crud_load(c, e, id);
	if (!old) {
		db_rollback(c->db), json_decref(changes), json_decref(errors);
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	}
	if (final_state(c, e, old)) {
		db_rollback(c->db), json_decref(changes), json_decref(errors), json_decref(old);
		return c->status;
	}
	if (json_integer_value(json_object_get(old, "version")) != version) {
		db_rollback(c->db), json_decref(changes), json_decref(errors);
		ctx_problem(c, PROB_STALE_VERSION,
			    TR(c, "请重新加载后再修改", "Reload the record and apply your change again"));
		json_object_set_new(c->problem, "current", old);
		return 412;
	}
	json_t *row = json_deep_copy(old);
	drop_masked_personal(c, e, id, old, changes, errors);
	json_object_update(row, changes);
	json_decref(changes);
	if (e->hooks && e->hooks->prepare)
		e->hooks->prepare(c, row, old);
	crud_validate(c, e, row, old, id, errors);
	if (ctx_failed(c)) {
		db_rollback(c->db), json_decref(row), json_decref(old), json_decref(errors);
		return c->status;
	}
	if (json_array_size(errors)) {
		db_rollback(c->db), json_decref(row), json_decref(old);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	unsigned sc = crud_op_scope(c, e, "update");
	if (!crud_row_in_scope(c, e, sc, row)) {
		db_rollback(c->db), json_decref(row), json_decref(old);
		return ctx_problem(c, PROB_OUT_OF_SCOPE,
				   TR(c, "不能把记录移出您的管辖范围",
				      "You cannot move a record outside your jurisdiction"));
	}
	json_t *diff = diff_rows(e, old, row);
	int updated = 0;
	rc = update_changed(c, e, id, version, row, diff, &updated);
	if (rc == DB_OK && !updated) {
		db_rollback(c->db), json_decref(row), json_decref(old), json_decref(diff);
		ctx_problem(c, PROB_STALE_VERSION, NULL);
		json_object_set_new(c->problem, "current", crud_load(c, e, id));
		return 412;
	}
	if (rc == DB_OK && e->hooks && e->hooks->after_write && e->hooks->after_write(c, id, row, old))
		rc = c->status ? CTX_REFUSED : DB_ERR;
	if (rc == DB_OK)
		rc = privacy_audit(c, "update", e, id, old, diff);
	if (rc == DB_OK && ctx_failed(c))
		rc = CTX_REFUSED;
	json_decref(row), json_decref(old), json_decref(diff);
	int st = write_end(c, rc);
	if (st)
		return st;
	json_t *r = NULL;
	crud_get(c, e, id, &r);
	*out = r ? r : crud_load(c, e, id);
	return 200;
}

int crud_delete(zj_ctx *c, const entity_def *e, int64_t id, int64_t version)
{
	if (e->no_delete)
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "此类记录不能删除", "These records cannot be deleted"));
	int rc = crud_check_op(c, e, "delete", id);
	if (rc)
		return rc;
	if (version < 0)
		return ctx_problem(c, PROB_VERSION_REQUIRED, TR(c, "删除需要 If-Match 头", "Send If-Match"));
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, NULL);
	json_t *old = crud_load(c, e, id);
	char sql[200];
	snprintf(
		sql, sizeof sql,
		"UPDATE %s SET deleted = 1, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND deleted = 0 RETURNING id",
		e->table);
	db_stmt *s;
	int deleted = 0;
	rc = tally_row(c, e, id, -1);
	if (rc == DB_OK)
		rc = db_prepare(c->db, sql, &s);
	if (rc == DB_OK) {
		db_bind_text(s, 1, c->now);
		db_bind_int(s, 2, id);
		db_bind_int(s, 3, version);
		rc = step_returning(s, &deleted);
	}
	if (rc == DB_OK && !deleted) {
		db_rollback(c->db);
		ctx_problem(c, PROB_STALE_VERSION, NULL);
		json_object_set_new(c->problem, "current", old ? old : json_null());
		return 412;
	}
	if (rc == DB_OK)
		rc = privacy_audit(c, "delete", e, id, old, NULL);
	json_decref(old);
	if (rc != DB_OK)
		return db_failure(c, rc);
	if (db_commit(c->db) != DB_OK)
		return db_failure(c, DB_ERR);
	return 204;
}
