/* todo.c — "My to-do" from the workflow declarations (see todo.h). One
 * query per entity and distinct scope of the steps the user holds: the
 * records in the states those steps leave, within that scope, each with its
 * nearest open deadline, oldest first. Statements are read to the end
 * before the next one runs (PostgreSQL allows one at a time per connection). */
#include "core/todo.h"
#include "core/calendar.h"
#include "core/crud.h"
#include "core/deadline_view.h"
#include "core/module.h"
#include "core/workflow.h"
#include "lib/clist.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows read per entity and scope: a to-do list longer than this is a backlog,
 * shown as "more" rather than read whole on every dashboard. */
enum { TODO_SCAN = 500 };

static json_t *pair(const char *zh, const char *en)
{
	return json_pack("{s:s, s:s}", "zh", zh ? zh : "", "en", en ? en : (zh ? zh : ""));
}

static json_t *item_of(json_t *found, const entity_def *e, int64_t id, const char *state, const char *due)
{
	char key[160];
	snprintf(key, sizeof key, "%s:%lld", e->name, (long long)id);
	json_t *it = json_object_get(found, key);
	if (!it) {
		it = json_pack("{s:s, s:I, s:s, s:s, s:o, s:o}", "entity", e->name, "id", (json_int_t)id, "state",
			       state ? state : "", "kind", "step", "actions", json_array(), "due",
			       due ? json_string(due) : json_null());
		json_object_set_new(found, key, it);
	}
	return it;
}

static void add_action(json_t *it, const char *name, json_t *label)
{
	json_t *acts = json_object_get(it, "actions"), *a;
	size_t i;
	json_array_foreach (acts, i, a)
		if (!strcmp(json_string_value(json_object_get(a, "name")), name)) {
			json_decref(label);
			return;
		}
	json_array_append_new(acts, json_pack("{s:s, s:o}", "name", name, "label", label));
}

/* Whether step t is one a record waits for (todo.h). */
static int step_is_todo(const wf_transition *t)
{
	return !t->aside && strcmp(t->from, "*") && strcmp(t->to, WF_STAY);
}

/* The records of e in the states the steps of mask leave, within scope sc. */
static int scan(zj_ctx *c, const entity_def *e, unsigned sc, const char *mask, json_t *found)
{
	const workflow_def *w = e->workflow;
	json_t *states = json_array();
	for (int i = 0; i < w->ntransitions; i++) {
		if (!mask[i])
			continue;
		char buf[512];
		snprintf(buf, sizeof buf, "%s", w->transitions[i].from);
		for (char *sv, *f = strtok_r(buf, ",", &sv); f; f = strtok_r(NULL, ",", &sv)) {
			size_t k;
			json_t *x;
			int dup = 0;
			json_array_foreach (states, k, x)
				dup |= !strcmp(json_string_value(x), f);
			if (!dup)
				json_array_append_new(states, json_string(f));
		}
	}
	strbuf sql;
	sb_init(&sql);
	sb_printf(
		&sql,
		"SELECT x.id, x.state, x.due FROM (SELECT t.id AS id, t.state AS state, (SELECT MIN(dl.due) FROM deadlines dl"
		" WHERE dl.entity = ? AND dl.entity_id = CAST(t.id AS TEXT) AND dl.closed_at IS NULL) AS due"
		" FROM %s t WHERE t.deleted = 0 AND t.state IN (",
		e->table);
	json_t *params = json_pack("[s]", e->name), *x;
	size_t k;
	json_array_foreach (states, k, x) {
		sb_add(&sql, k ? ", ?" : "?");
		json_array_append(params, x);
	}
	sb_add(&sql, ")");
	crud_scope_sql(c, e, sc, &sql, params);
	sb_printf(&sql, ") x ORDER BY CASE WHEN x.due IS NULL THEN 1 ELSE 0 END, x.due, x.id LIMIT %d", TODO_SCAN);
	json_decref(states);
	db_stmt *s;
	int n = 0, rc = db_prepare(c->db, sql.s, &s);
	sb_free(&sql);
	if (rc != DB_OK) {
		json_decref(params);
		return -1;
	}
	crud_bind_params(s, params, 1);
	json_decref(params);
	while (db_step(s) == DB_ROW) {
		n++;
		const char *state = db_col_text(s, 1);
		json_t *it = item_of(found, e, db_col_int(s, 0), state, db_col_text(s, 2));
		for (int i = 0; i < w->ntransitions; i++) {
			const wf_transition *t = &w->transitions[i];
			if (mask[i] && workflow_allows(w, t, state))
				add_action(it, t->name, pair(t->label_zh, t->label_en));
		}
	}
	db_finalize(s);
	return n >= TODO_SCAN;
}

/* The workflow steps of e the user holds, grouped by the scope they carry. */
static int collect_steps(zj_ctx *c, const entity_def *e, json_t *found)
{
	const workflow_def *w = e->workflow;
	unsigned scopes[w->ntransitions > 0 ? w->ntransitions : 1];
	int more = 0;
	for (int i = 0; i < w->ntransitions; i++) {
		char pb[160];
		scopes[i] = step_is_todo(&w->transitions[i])
				    ? ctx_scope(c, workflow_perm(e, &w->transitions[i], pb, sizeof pb))
				    : 0;
	}
	for (int i = 0; i < w->ntransitions; i++) {
		if (!scopes[i])
			continue;
		char mask[w->ntransitions];
		unsigned sc = scopes[i];
		for (int j = 0; j < w->ntransitions; j++) {
			mask[j] = scopes[j] == sc;
			if (j > i && mask[j])
				scopes[j] = 0; /* done with this group */
		}
		scopes[i] = 0;
		more |= scan(c, e, sc, mask, found) > 0;
	}
	return more;
}

/* The areas' own to-dos (module_def.todos), merged by record. */
static void collect_declared(zj_ctx *c, json_t *found)
{
	json_t *extra = json_array(), *x;
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const todo_fn *f = (*m)->todos; f && *f; f++) {
			(*f)(c, extra);
			ctx_clear(c);
		}
	size_t i;
	json_array_foreach (extra, i, x) {
		const entity_def *e = registry_find(json_string_value(json_object_get(x, "entity")));
		int64_t id = json_integer_value(json_object_get(x, "id"));
		if (!e || id <= 0)
			continue;
		char state[64] = "", due[16] = "", idt[24];
		snprintf(idt, sizeof idt, "%lld", (long long)id);
		char sql[512];
		snprintf(sql, sizeof sql,
			 "SELECT %s, (SELECT MIN(dl.due) FROM deadlines dl WHERE dl.entity = ? AND dl.entity_id = ?"
			 " AND dl.closed_at IS NULL) FROM %s WHERE id = ? AND deleted = 0",
			 e->workflow ? "state" : "NULL", e->table);
		db_stmt *s;
		int live = 0;
		if (db_prepare(c->db, sql, &s) == DB_OK) {
			db_bind_text(s, 1, e->name), db_bind_text(s, 2, idt), db_bind_int(s, 3, id);
			if (db_step(s) == DB_ROW) {
				live = 1;
				snprintf(state, sizeof state, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
				snprintf(due, sizeof due, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
			}
			db_finalize(s);
		}
		if (!live)
			continue;
		json_t *it = item_of(found, e, id, state, due[0] ? due : NULL);
		const char *kind = json_string_value(json_object_get(x, "kind"));
		json_object_set_new(it, "kind", json_string(kind ? kind : "task"));
		json_t *a = json_object_get(x, "action");
		add_action(it, kind ? kind : "task",
			   pair(json_string_value(json_object_get(a, "zh")),
				json_string_value(json_object_get(a, "en"))));
	}
	json_decref(extra);
}

/* Oldest deadline first, records without one last, then by entity and id. */
static int by_due(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *dx = json_string_value(json_object_get(x, "due")),
		   *dy = json_string_value(json_object_get(y, "due"));
	if (!dx != !dy)
		return dx ? -1 : 1;
	int r = dx ? strcmp(dx, dy) : 0;
	if (!r)
		r = strcmp(json_string_value(json_object_get(x, "entity")),
			   json_string_value(json_object_get(y, "entity")));
	if (!r) {
		json_int_t i = json_integer_value(json_object_get(x, "id")),
			   j = json_integer_value(json_object_get(y, "id"));
		r = i < j ? -1 : i > j;
	}
	return r;
}

/* ---- what an item shows ---- */

static char *zj_strdup(const char *v)
{
	char *p = strdup(v);
	if (!p)
		abort();
	return p;
}

/* A referenced record as a person names it: its label field, a reference
 * there followed one more level; NULL when none. Caller frees. */
static char *ref_label(zj_ctx *c, const entity_def *e, int64_t id, int depth)
{
	const field_def *f = e->label_field ? entity_field(e, e->label_field) : NULL;
	if (!f || (f->flags & F_PERSONAL))
		return NULL;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", f->name, e->table);
	db_stmt *s;
	char *out = NULL;
	int64_t next = 0;
	const entity_def *re = f->type == FT_REF && f->ref ? registry_find(f->ref) : NULL;
	if (db_prepare(c->db, sql, &s) != DB_OK)
		return NULL;
	db_bind_int(s, 1, id);
	if (db_step(s) == DB_ROW && db_col_text(s, 0)) {
		if (re)
			next = db_col_int(s, 0);
		else if (f->type == FT_TEXT)
			out = zj_strdup(db_col_text(s, 0));
	}
	db_finalize(s);
	if (re && next > 0 && depth > 0)
		out = ref_label(c, re, next, depth - 1);
	return out;
}

static void add_part(zj_ctx *c, const entity_def *e, const json_t *row, const char *name, json_t *parts)
{
	const field_def *f = name ? entity_field(e, name) : NULL;
	if (!f || json_array_size(parts) >= 2 || (f->flags & F_PERSONAL) ||
	    (e->juris_field && !strcmp(name, e->juris_field)))
		return;
	json_t *v = json_object_get(row, name);
	char *text = NULL;
	if (f->type == FT_TEXT && json_string_value(v) && *json_string_value(v))
		text = zj_strdup(json_string_value(v));
	else if (f->type == FT_REF && json_integer_value(v) > 0 && f->ref && registry_find(f->ref))
		text = ref_label(c, registry_find(f->ref), json_integer_value(v), 1);
	if (!text)
		return;
	size_t i;
	json_t *p;
	int dup = 0;
	json_array_foreach (parts, i, p)
		dup |= !strcmp(json_string_value(p), text);
	if (!dup)
		json_array_append_new(parts, json_string(text));
	free(text);
}

/* number and title: the first two words a person names the record by — the
 * declared first columns, else its unique texts (numbers), its label, its
 * list texts and references. */
static void caption(zj_ctx *c, const entity_def *e, const json_t *row, json_t *it)
{
	json_t *parts = json_array();
	if (e->first_columns) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s", e->first_columns);
		for (char *sv, *f = strtok_r(buf, ",", &sv); f; f = strtok_r(NULL, ",", &sv))
			add_part(c, e, row, f, parts);
	}
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].type == FT_TEXT && (e->fields[i].flags & F_UNIQUE))
			add_part(c, e, row, e->fields[i].name, parts);
	add_part(c, e, row, e->label_field, parts);
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & F_LIST)
			add_part(c, e, row, e->fields[i].name, parts);
	json_object_set(it, "number", json_array_size(parts) ? json_array_get(parts, 0) : json_null());
	json_object_set(it, "title", json_array_size(parts) > 1 ? json_array_get(parts, 1) : json_null());
	json_decref(parts);
}

static json_t *juris_name(zj_ctx *c, int64_t jid)
{
	db_stmt *s;
	json_t *out = json_null();
	if (jid <= 0 || db_prepare(c->db, "SELECT name, name_en FROM jurisdictions WHERE id = ?", &s) != DB_OK)
		return out;
	db_bind_int(s, 1, jid);
	if (db_step(s) == DB_ROW)
		out = pair(db_col_text(s, 0), db_col_text(s, 1));
	db_finalize(s);
	return out;
}

static json_t *deadline_of(zj_ctx *c, const entity_def *e, int64_t id, struct wd_calendar **cal)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db_stmt *s;
	char kind[64] = "", due[16] = "";
	int unit = 0;
	if (db_prepare(c->db,
		       "SELECT kind, due, unit FROM deadlines WHERE entity = ? AND entity_id = ? AND closed_at IS NULL"
		       " ORDER BY due, id LIMIT 1",
		       &s) != DB_OK)
		return json_null();
	db_bind_text(s, 1, e->name), db_bind_text(s, 2, idt);
	if (db_step(s) == DB_ROW && db_col_text(s, 1)) {
		snprintf(kind, sizeof kind, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
		snprintf(due, sizeof due, "%s", db_col_text(s, 1));
		unit = (int)db_col_int(s, 2);
	}
	db_finalize(s);
	dl_countdown k;
	if (!due[0] || deadline_countdown(c, cal, due, unit, 1, &k) != 0)
		return json_null();
	return json_pack("{s:s, s:s, s:I, s:s, s:b, s:I}", "kind", kind, "due", due, "left", (json_int_t)k.left, "unit",
			 k.working ? "working_days" : "days", "overdue", k.overdue, "workdays_left",
			 (json_int_t)k.workdays_left);
}

static void describe(zj_ctx *c, json_t *it, struct wd_calendar **cal)
{
	const entity_def *e = registry_find(json_string_value(json_object_get(it, "entity")));
	int64_t id = json_integer_value(json_object_get(it, "id"));
	json_t *row = e ? crud_load(c, e, id) : NULL;
	if (!row)
		return;
	json_object_set_new(it, "entity_label", pair(e->label_zh, e->label_en));
	caption(c, e, row, it);
	const char *state = json_string_value(json_object_get(it, "state"));
	if (e->workflow && state && *state)
		json_object_set_new(it, "state_label",
				    pair(workflow_state_label(e->workflow, state, 0),
					 workflow_state_label(e->workflow, state, 1)));
	json_object_set_new(it, "jurisdiction",
			    e->juris_field ? juris_name(c, json_integer_value(json_object_get(row, e->juris_field)))
					   : json_null());
	json_object_set_new(it, "deadline", deadline_of(c, e, id, cal));
	json_object_del(it, "due");
	json_decref(row);
}

int todo_collect(zj_ctx *c, int limit, json_t **out)
{
	if (limit < 1 || limit > TODO_MAX)
		limit = limit < 1 ? 1 : TODO_MAX;
	json_t *found = json_object();
	int more = 0;
	for (int i = 0; c->user && i < registry_count(); i++)
		if (registry_at(i)->workflow)
			more |= collect_steps(c, registry_at(i), found);
	if (c->user)
		collect_declared(c, found);
	size_t n = json_object_size(found), k = 0;
	json_t **all = malloc(sizeof *all * (n ? n : 1));
	if (!all)
		abort();
	const char *key;
	json_t *v;
	json_object_foreach (found, key, v)
		all[k++] = v;
	qsort(all, n, sizeof *all, by_due);
	json_t *items = json_array();
	struct wd_calendar *cal = NULL;
	for (size_t i = 0; i < n && (int)i < limit; i++) {
		describe(c, all[i], &cal);
		json_array_append(items, all[i]);
	}
	if (cal)
		calendar_free(cal);
	free(all);
	json_decref(found);
	*out = json_pack("{s:o, s:I, s:b}", "items", items, "total", (json_int_t)n, "more", more);
	return 200;
}
