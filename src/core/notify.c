/* notify.c — notifications derived from the to-do (see notify.h). */
#include "core/notify.h"
#include "core/crud.h"
#include "core/todo.h"
#include "core/workflow.h"
#include "core/write.h"
#include "lib/strbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZJ_N(a) ((int)(sizeof(a) / sizeof(a)[0]))

static const field_def notification_fields[] = {
	{"user_id", FT_REF, "接收人", "Recipient", F_REQUIRED | F_READONLY, .ref = "users"},
	{"event_key", FT_TEXT, "事件", "Event", F_REQUIRED | F_READONLY, 1, 200},
	{"kind", FT_TEXT, "类别", "Kind", F_REQUIRED | F_READONLY, 1, 40},
	{"entity", FT_TEXT, "记录类型", "Record type", F_REQUIRED | F_READONLY, 1, 64},
	{"entity_id", FT_INT, "记录", "Record", F_REQUIRED | F_READONLY},
	{"step", FT_TEXT, "待办事项", "Action", F_READONLY, 0, 64},
	{"title", FT_TEXT, "标题", "Title", F_READONLY, 0, 400},
	{"due", FT_DATE, "期限", "Due", F_READONLY},
	{"read_at", FT_DATETIME, "已读时间", "Read at", F_READONLY},
};

/* Not a registered entity: no generic routes, no grants; the bell's own
 * routes serve each user their own rows. Declared so that the writes go
 * through the core (crud_add, crud_set_fields: versioned and audited). */
const entity_def ent_notifications = {
	.name = "notifications",
	.table = "notifications",
	.label_zh = "通知",
	.label_en = "Notifications",
	.menu = "admin",
	.fields = notification_fields,
	.nfields = ZJ_N(notification_fields),
	.label_field = "title",
	.no_create = 1,
	.no_update = 1,
	.no_delete = 1,
	.no_import = 1,
};

static json_t *pair(const char *zh, const char *en)
{
	return json_pack("{s:s, s:s}", "zh", zh ? zh : "", "en", en ? en : (zh ? zh : ""));
}

/* One event of a to-do item: {"key","kind","entity","entity_id","step","title","due"}. */
static json_t *event(const char *kind, const json_t *it, const char *suffix, const char *due)
{
	const char *entity = json_string_value(json_object_get(it, "entity"));
	json_int_t id = json_integer_value(json_object_get(it, "id"));
	const char *num = json_string_value(json_object_get(it, "number")),
		   *title = json_string_value(json_object_get(it, "title"));
	json_t *act = json_array_get(json_object_get(it, "actions"), 0);
	char key[200], text[400];
	snprintf(key, sizeof key, "%s:%s:%lld:%s", kind, entity, (long long)id, suffix ? suffix : "");
	snprintf(text, sizeof text, "%s%s%s", num ? num : "", num && title ? " " : "", title ? title : "");
	json_t *ev = json_pack("{s:s, s:s, s:s, s:I, s:s}", "event_key", key, "kind", kind, "entity", entity,
			       "entity_id", id, "title", text);
	if (act)
		json_object_set(ev, "step", json_object_get(act, "name"));
	if (due)
		json_object_set_new(ev, "due", json_string(due));
	return ev;
}

/* The events that hold now for this user, from the to-do. */
static json_t *events_now(zj_ctx *c)
{
	json_t *todo = NULL, *evs = json_array(), *it;
	todo_collect(c, TODO_MAX, &todo);
	size_t i;
	json_array_foreach (json_object_get(todo, "items"), i, it) {
		const char *kind = json_string_value(json_object_get(it, "kind"));
		const char *state = json_string_value(json_object_get(it, "state"));
		json_array_append_new(evs, event(kind && strcmp(kind, "step") ? kind : "assigned", it, state, NULL));
		json_t *dl = json_object_get(it, "deadline");
		const char *due = json_string_value(json_object_get(dl, "due"));
		if (!due)
			continue;
		char suffix[96];
		snprintf(suffix, sizeof suffix, "%s:%s", json_string_value(json_object_get(dl, "kind")), due);
		json_int_t wl = json_integer_value(json_object_get(dl, "workdays_left"));
		if (json_is_true(json_object_get(dl, "overdue")))
			json_array_append_new(evs, event("overdue", it, suffix, due));
		else if (wl >= 0 && wl <= NOTIFY_DUE_WORKDAYS)
			json_array_append_new(evs, event("due_soon", it, suffix, due));
	}
	json_decref(todo);
	return evs;
}

/* The keys among evs already written for this user. */
static json_t *known_keys(zj_ctx *c, json_t *evs)
{
	json_t *known = json_object();
	size_t n = json_array_size(evs);
	if (!n)
		return known;
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT event_key FROM notifications WHERE user_id = ? AND event_key IN (");
	for (size_t i = 0; i < n; i++)
		sb_add(&sql, i ? ", ?" : "?");
	sb_add(&sql, ")");
	db_stmt *s;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		db_bind_int(s, 1, c->user->id);
		for (size_t i = 0; i < n; i++)
			db_bind_text(s, (int)i + 2,
				     json_string_value(json_object_get(json_array_get(evs, i), "event_key")));
		while (db_step(s) == DB_ROW)
			json_object_set_new(known, db_col_text(s, 0), json_true());
		db_finalize(s);
	}
	sb_free(&sql);
	return known;
}

int notify_refresh(zj_ctx *c, json_t **active)
{
	*active = json_object();
	if (!c->user)
		return 0;
	json_t *evs = events_now(c), *known = known_keys(c, evs), *ev;
	size_t i;
	int fresh = 0, rc = DB_OK;
	json_array_foreach (evs, i, ev) {
		const char *key = json_string_value(json_object_get(ev, "event_key"));
		json_object_set_new(*active, key, json_true());
		if (!json_object_get(known, key))
			fresh++;
	}
	if (fresh && db_begin(c->db) == DB_OK) {
		int bulk = c->bulk;
		c->bulk = 1; /* a concurrent refresh wrote it first: skipped by the unique key, not an error */
		json_array_foreach (evs, i, ev) {
			if (json_object_get(known, json_string_value(json_object_get(ev, "event_key"))))
				continue;
			json_object_set_new(ev, "user_id", json_integer(c->user->id));
			int64_t id;
			int r = crud_add(c, &ent_notifications, ev, &id);
			if (r != DB_OK && r != DB_CONSTRAINT) {
				rc = r;
				break;
			}
		}
		c->bulk = bulk;
		if (rc == DB_OK)
			rc = db_commit(c->db);
		if (rc != DB_OK)
			db_rollback(c->db);
	}
	json_decref(evs), json_decref(known);
	return rc == DB_OK ? 0 : ctx_internal(c, "notify_refresh", db_errmsg(c->db));
}

static json_t *kind_label(const char *kind)
{
	static const char *k[][3] = {
		{"assigned", "新的待办", "New to-do"},
		{"due_soon", "期限将至（3个工作日内）", "Due within 3 working days"},
		{"overdue", "已逾期", "Overdue"},
		{"opinion", "请签署会商意见", "Opinion requested"},
		{"escalated", "逾期督办", "Escalated: overdue"},
		{"supervise", "督办：已过期限未反馈", "Supervise: past the deadline without feedback"},
	};
	for (int i = 0; i < ZJ_N(k); i++)
		if (!strcmp(kind, k[i][0]))
			return pair(k[i][1], k[i][2]);
	return pair("待办", "To-do");
}

/* The label of what the notice asks: the workflow step's, else the kind's. */
static json_t *action_label(const entity_def *e, const char *step, const char *kind)
{
	const wf_transition *t = e && e->workflow && step ? workflow_find(e->workflow, step) : NULL;
	return t ? pair(t->label_zh, t->label_en) : kind_label(kind);
}

static int64_t unread_count(zj_ctx *c, const json_t *active)
{
	db_stmt *s;
	int64_t n = 0;
	if (db_prepare(c->db,
		       "SELECT event_key FROM notifications WHERE user_id = ? AND read_at IS NULL AND deleted = 0",
		       &s) != DB_OK)
		return 0;
	db_bind_int(s, 1, c->user->id);
	while (db_step(s) == DB_ROW)
		n += json_object_get(active, db_col_text(s, 0)) != NULL;
	db_finalize(s);
	return n;
}

static json_t *row_json(zj_ctx *c, db_stmt *s, const json_t *active)
{
	const char *kind = db_col_text(s, 2), *entity = db_col_text(s, 3), *step = db_col_text(s, 5);
	const entity_def *e = registry_find(entity);
	json_t *o =
		json_pack("{s:I, s:s, s:o, s:s, s:o, s:I, s:o, s:o, s:s, s:b, s:b, s:s}", "id",
			  (json_int_t)db_col_int(s, 0), "kind", kind, "kind_label", kind_label(kind), "entity", entity,
			  "entity_label", e ? pair(e->label_zh, e->label_en) : pair(entity, entity), "entity_id",
			  (json_int_t)db_col_int(s, 4), "step", step ? json_string(step) : json_null(), "action",
			  action_label(e, step, kind), "title", db_col_text(s, 6) ? db_col_text(s, 6) : "", "read",
			  db_col_text(s, 8) != NULL, "active", json_object_get(active, db_col_text(s, 1)) != NULL,
			  "created_at", db_col_text(s, 9) ? db_col_text(s, 9) : "");
	json_object_set_new(o, "due", db_col_text(s, 7) ? json_string(db_col_text(s, 7)) : json_null());
	(void)c;
	return o;
}

int notify_list(zj_ctx *c, int limit, int unread_only, json_t **out)
{
	json_t *active = NULL;
	int st = notify_refresh(c, &active);
	if (st) {
		json_decref(active);
		return st;
	}
	if (limit < 1 || limit > 200)
		limit = limit < 1 ? 1 : 200;
	json_t *items = json_array();
	db_stmt *s;
	char sql[400];
	snprintf(
		sql, sizeof sql,
		"SELECT id, event_key, kind, entity, entity_id, step, title, due, read_at, created_at FROM notifications"
		" WHERE user_id = ? AND deleted = 0%s ORDER BY id DESC LIMIT %d",
		unread_only ? " AND read_at IS NULL" : "", unread_only ? 1000 : limit);
	if (db_prepare(c->db, sql, &s) == DB_OK) {
		db_bind_int(s, 1, c->user->id);
		while (db_step(s) == DB_ROW && (int)json_array_size(items) < limit) {
			if (unread_only && !json_object_get(active, db_col_text(s, 1)))
				continue;
			json_array_append_new(items, row_json(c, s, active));
		}
		db_finalize(s);
	}
	*out = json_pack("{s:o, s:I}", "items", items, "unread", (json_int_t)unread_count(c, active));
	json_decref(active);
	return 200;
}

int notify_mark_read(zj_ctx *c, int64_t id, json_t **out)
{
	json_t *ids = json_array();
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		id ? "SELECT id FROM notifications WHERE id = ? AND user_id = ? AND deleted = 0 AND read_at IS NULL"
		   : "SELECT id FROM notifications WHERE user_id = ? AND deleted = 0 AND read_at IS NULL"
		     " ORDER BY id LIMIT 5000",
		&s);
	int mine = 0;
	if (rc == DB_OK) {
		if (id)
			db_bind_int(s, 1, id), db_bind_int(s, 2, c->user->id);
		else
			db_bind_int(s, 1, c->user->id);
		while (db_step(s) == DB_ROW)
			json_array_append_new(ids, json_integer(db_col_int(s, 0)));
		db_finalize(s);
	}
	if (id && !json_array_size(ids)) { /* already read, or not this user's */
		if (db_prepare(c->db, "SELECT 1 FROM notifications WHERE id = ? AND user_id = ? AND deleted = 0", &s) ==
		    DB_OK) {
			db_bind_int(s, 1, id), db_bind_int(s, 2, c->user->id);
			mine = db_step(s) == DB_ROW;
			db_finalize(s);
		}
		if (!mine) {
			json_decref(ids);
			return ctx_problem(c, PROB_NOT_FOUND, NULL);
		}
	}
	rc = json_array_size(ids) ? db_begin(c->db) : DB_OK;
	size_t i;
	json_t *x;
	json_t *f = json_pack("{s:s}", "read_at", c->now);
	json_array_foreach (ids, i, x) {
		if (rc != DB_OK)
			break;
		rc = crud_set_fields(c, &ent_notifications, json_integer_value(x), f, "read");
	}
	json_decref(f);
	if (json_array_size(ids)) {
		if (rc == DB_OK)
			rc = db_commit(c->db);
		if (rc != DB_OK) {
			db_rollback(c->db);
			json_decref(ids);
			return ctx_internal(c, "notify_mark_read", db_errmsg(c->db));
		}
	}
	json_t *active = NULL;
	notify_refresh(c, &active);
	*out = json_pack("{s:I, s:I}", "marked", (json_int_t)json_array_size(ids), "unread",
			 (json_int_t)unread_count(c, active));
	json_decref(active), json_decref(ids);
	return 200;
}
