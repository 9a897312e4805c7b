/* crud_output.c — rows out: the entity's SELECT, one walk over a row that
 * feeds the JSON-text writer and the JSON-object builder (masking personal
 * values), and a record's history. */
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
#include "lib/xalloc.h"
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The system columns returned with rows: the leading in_row ones of
 * entity_sys_columns (registry.c), in that order, before state and the fields. */
static int nsys_row(void)
{
	int n = 0;
	while (n < entity_nsys_columns && entity_sys_columns[n].in_row)
		n++;
	return n;
}

/* ---- reading ---- */

static void build_select_sql(const entity_def *e, strbuf *sql);

/* The SELECT of an entity never changes: built once per entity (under a lock:
 * server threads share the cache). */
void crud_select_sql(const entity_def *e, strbuf *sql)
{
	enum { MAXE = 128 };
	static const entity_def *keys[MAXE];
	static char *texts[MAXE];
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&mu);
	int i;
	for (i = 0; i < MAXE && keys[i]; i++)
		if (keys[i] == e)
			break;
	if (i < MAXE && !keys[i]) {
		strbuf b;
		sb_init(&b);
		build_select_sql(e, &b);
		texts[i] = sb_take(&b);
		keys[i] = e;
	}
	const char *t = i < MAXE ? texts[i] : NULL;
	pthread_mutex_unlock(&mu);
	if (t)
		sb_add(sql, t);
	else
		build_select_sql(e, sql);
}

/* The English label of a referenced entity (issue 14 §13): the field named
 * "<label_field>_en" (jurisdictions' name_en "Donghe District"), or NULL.
 * Rows carry it as "<field>__label_en" beside "<field>__label". */
static const field_def *ref_label_en(const char *ref)
{
	const entity_def *re = registry_find(ref);
	char name[96];
	if (!re || !re->label_field)
		return NULL;
	snprintf(name, sizeof name, "%s_en", re->label_field);
	const field_def *f = entity_field(re, name);
	return f && f->type == FT_TEXT && !(f->flags & F_PERSONAL) ? f : NULL;
}

static void build_select_sql(const entity_def *e, strbuf *sql)
{
	sb_add(sql, "SELECT ");
	for (int i = 0; i < nsys_row(); i++)
		sb_printf(sql, "%st.%s", i ? ", " : "", entity_sys_columns[i].name);
	char st[80];
	sb_printf(sql, ", %s", e->workflow ? workflow_state_sql(e, st, sizeof st) : "NULL");
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_SECRET)
			continue;
		else if (e->fields[i].read_sql)
			sb_printf(sql, ", (%s)", e->fields[i].read_sql);
		else
			sb_printf(sql, ", t.%s", e->fields[i].name);
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF) {
			const entity_def *re = registry_find(e->fields[i].ref);
			sb_printf(sql, ", r%d.%s", i, re->label_field ? re->label_field : "id");
		}
	for (int i = 0; i < e->nfields; i++) {
		const field_def *en = e->fields[i].type == FT_REF ? ref_label_en(e->fields[i].ref) : NULL;
		if (en)
			sb_printf(sql, ", r%d.%s", i, en->name);
	}
	sb_printf(sql, " FROM %s t", e->table);
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF) {
			const entity_def *re = registry_find(e->fields[i].ref);
			sb_printf(sql, " LEFT JOIN %s r%d ON r%d.id = t.%s", re->table, i, i, e->fields[i].name);
		}
}

/* The one mask (lib/pii.c): the first 3 and last 4 characters of long
 * values (phones, ID numbers), the first of short ones (names). */
char *mask_value(const char *v)
{
	return pii_mask(v);
}

/* One walk over a row of crud_select_sql: every column goes to an emitter
 * as (name, kind, text, number). The JSON-text writer (the list's hot path)
 * and the JSON-object builder share it, so a row is decoded in one place. */
typedef enum { V_NULL, V_INT, V_BOOL, V_TEXT, V_MULTI, V_JSON } vkind;
typedef void (*row_emit)(void *ud, const char *name, vkind k, const char *text, int64_t n);

static void row_visit(const entity_def *e, db_stmt *s, int mask, row_emit emit, void *ud)
{
	const int nsys = nsys_row();
	for (int i = 0; i < nsys; i++) {
		const sys_column *sc = &entity_sys_columns[i];
		if (db_col_null(s, i))
			emit(ud, sc->name, V_NULL, NULL, 0);
		else if (sc->type == FT_DATETIME)
			emit(ud, sc->name, V_TEXT, db_col_text(s, i), 0);
		else
			emit(ud, sc->name, V_INT, NULL, db_col_int(s, i));
	}
	if (e->workflow) {
		const char *t = db_col_text(s, nsys);
		emit(ud, "state", t ? V_TEXT : V_NULL, t, 0);
	}
	int col = nsys + 1;
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (f->type == FT_SECRET)
			continue;
		/* numbers are read as numbers: asking for text would convert them first */
		if (db_col_null(s, col))
			emit(ud, f->name, V_NULL, NULL, 0);
		else if (f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF)
			emit(ud, f->name, V_INT, NULL, db_col_int(s, col));
		else if (f->type == FT_BOOL)
			emit(ud, f->name, V_BOOL, NULL, db_col_int(s, col));
		else if (f->type == FT_DICT && (f->flags & F_MULTI))
			emit(ud, f->name, V_MULTI, db_col_text(s, col), 0);
		else if (f->type == FT_FILE)
			emit(ud, f->name, V_JSON, db_col_text(s, col), 0);
		else if ((f->flags & F_PERSONAL) && mask) {
			char *m = mask_value(db_col_text(s, col));
			emit(ud, f->name, V_TEXT, m, 0);
			free(m);
		} else if (f->render) {
			char *r = f->render(db_col_text(s, col));
			emit(ud, f->name, V_TEXT, r ? r : db_col_text(s, col), 0);
			free(r);
		} else
			emit(ud, f->name, V_TEXT, db_col_text(s, col), 0);
		col++;
	}
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF) {
			const char *t = db_col_text(s, col++);
			char key[96];
			snprintf(key, sizeof key, "%s__label", e->fields[i].name);
			emit(ud, key, t ? V_TEXT : V_NULL, t, 0);
		}
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_REF && ref_label_en(e->fields[i].ref)) {
			const char *t = db_col_text(s, col++);
			char key[96];
			snprintf(key, sizeof key, "%s__label_en", e->fields[i].name);
			emit(ud, key, t ? V_TEXT : V_NULL, t, 0);
		}
}

typedef struct text_emit {
	strbuf *b;
	int n;
} text_emit;

static void emit_text(void *ud, const char *name, vkind k, const char *text, int64_t n)
{
	text_emit *te = ud;
	strbuf *b = te->b;
	sb_add(b, te->n++ ? ",\"" : "\"");
	sb_add(b, name);
	sb_add(b, "\":");
	switch (k) {
	case V_NULL: sb_add(b, "null"); break;
	case V_INT: sb_add_int(b, n); break;
	case V_BOOL: sb_add(b, n ? "true" : "false"); break;
	case V_TEXT: sb_json_str(b, text); break;
	case V_JSON: { /* a file reference: re-encoded, so a damaged column cannot break the page */
		json_t *j = json_loads(text, 0, NULL);
		char *t = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		sb_add(b, t ? t : "null");
		free(t);
		json_decref(j);
		break;
	}
	case V_MULTI: {
		sb_addc(b, '[');
		const char *p = text;
		int first = 1;
		while (*p) {
			const char *q = strchr(p, ',');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (len) {
				char *one = xstrndup(p, len);
				if (!first)
					sb_addc(b, ',');
				sb_json_str(b, one);
				free(one);
				first = 0;
			}
			p += len + (q ? 1 : 0);
		}
		sb_addc(b, ']');
		break;
	}
	}
}

static void emit_json(void *ud, const char *name, vkind k, const char *text, int64_t n)
{
	json_t *o = ud, *v = NULL;
	switch (k) {
	case V_NULL: v = json_null(); break;
	case V_INT: v = json_integer(n); break;
	case V_BOOL: v = json_boolean(n); break;
	case V_TEXT: v = json_string(text); break;
	case V_JSON: v = json_loads(text, 0, NULL); break;
	case V_MULTI: {
		v = json_array();
		char *dup = xstrdup(text), *save = NULL;
		for (char *tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			json_array_append_new(v, json_string(tok));
		free(dup);
		break;
	}
	}
	json_object_set_new(o, name, v ? v : json_null());
}

/* Writes one row as JSON text straight from the statement: the list's hot
 * loop, so no intermediate JSON objects are built. */
void crud_row_write(const entity_def *e, db_stmt *s, int mask, strbuf *b)
{
	text_emit te = {b, 0};
	sb_addc(b, '{');
	row_visit(e, s, mask, emit_text, &te);
	sb_addc(b, '}');
}

json_t *crud_row_json(const entity_def *e, db_stmt *s, int mask)
{
	json_t *r = json_object();
	row_visit(e, s, mask, emit_json, r);
	return r;
}

/* Column of field f in the crud_select_sql statement. */
int crud_select_col(const entity_def *e, const field_def *f)
{
	int col = nsys_row() + 1;
	for (int i = 0; i < e->nfields; i++) {
		if (&e->fields[i] == f)
			return col;
		if (e->fields[i].type != FT_SECRET)
			col++;
	}
	return -1;
}

int crud_history(zj_ctx *c, const entity_def *e, int64_t id, json_t **out)
{
	int rc = crud_check_op(c, e, "read", id);
	if (rc)
		return rc;
	db_stmt *s;
	/* The record's timeline: writes and steps. Reads of personal data stay in the audit log. */
	if (db_prepare(c->db,
		       "SELECT at, username, action, before, after FROM audit_log WHERE entity = ? AND entity_id = ?"
		       " AND action <> 'read_personal' ORDER BY id",
		       &s) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db_bind_text(s, 1, e->name);
	db_bind_text(s, 2, idt);
	json_t *items = json_array();
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		const char *action = db_col_text(s, 2);
		json_t *h = json_pack("{s:s, s:s, s:s}", "at", db_col_text(s, 0), "user",
				      db_col_text(s, 1) ? db_col_text(s, 1) : "", "action", action);
		json_t *stored = db_col_text(s, 4) ? json_loads(db_col_text(s, 4), 0, NULL) : NULL;
		/* Audit records are written masked; records written before that
		 * are masked here, so the timeline never shows a personal value. */
		json_t *after = privacy_audit_json(e, stored);
		json_decref(stored);
		/* an edit, or fields a step or rule set through the core (crud_set_fields) */
		if (after && (!strcmp(action, "update") ||
			      (strcmp(action, "create") && crud_is_change_list(after) && json_object_size(after)))) {
			json_object_set_new(h, "changes", after);
		} else if (after && !strncmp(action, "transition", 10)) {
			json_object_update(h, after);
			json_decref(after);
		} else if (after)
			json_decref(after);
		json_array_append_new(items, h);
	}
	if (rc != DB_DONE) { /* never a partial timeline */
		rc = ctx_internal(c, "history", db_errmsg(c->db));
		db_finalize(s), json_decref(items);
		return rc;
	}
	db_finalize(s);
	*out = json_pack("{s:o}", "items", items);
	return 200;
}
