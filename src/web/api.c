/* api.c — the route table and the handlers of /api/v1. Generic entity
 * routes map straight onto core/crud, core/io and core/workflow; the rest
 * is sign-in, metadata, jobs, the audit log and the dashboard. */
#include "core/privacy.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/dashboard.h"
#include "core/notify.h"
#include "core/todo.h"
#include "core/dict.h"
#include "core/io.h"
#include "core/jobs.h"
#include "core/module.h"
#include "core/workflow.h"
#include "web/http.h"
#include "web/openapi.h"
#include "web/limits.h"
#include "lib/num.h"
#include "lib/xalloc.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int done(req *r, int status, json_t *body)
{
	if (status >= 400) {
		json_decref(body);
		return reply_problem(r);
	}
	return reply_json(r, status, body);
}

/* ---- session ---- */

/* Sign-in has its own budget per address (ratelimit.c), checked from the headers. */
static int may_signin(req *r)
{
	zj_ctx *c = &r->ctx;
	if (ratelimit_allow(RL_SIGNIN, r->ip, c->now))
		return 0;
	r->retry_after = 60;
	audit_refusal(c, "login_rate_limited", "users", NULL);
	return ctx_problem(c, PROB_TOO_MANY_ATTEMPTS, TR(c, "请一分钟后再试", "Try again in a minute"));
}

static int h_login(req *r)
{
	zj_ctx *c = &r->ctx;
	int st;
	json_t *b = req_json_body(r, &st);
	if (!b)
		return reply_problem(r);
	const char *u = json_string_value(json_object_get(b, "username")),
		   *p = json_string_value(json_object_get(b, "password"));
	if (!u || !p || strlen(u) > 64 || strlen(p) > 256) {
		json_t *errs = json_array();
		if (!u || strlen(u) > 64)
			crud_field_error(c, errs, "username", FE_REQUIRED, "请输入用户名", "is required");
		if (!p || strlen(p) > 256)
			crud_field_error(c, errs, "password", FE_REQUIRED, "请输入密码", "is required");
		json_decref(b);
		ctx_fail_fields(c, errs);
		return reply_problem(r);
	}
	char token[65];
	json_t *out = NULL;
	st = auth_login(c, u, p, req_header(r, "User-Agent"), token, &out);
	json_decref(b);
	if (st != 201)
		return reply_problem(r);
	char cookie[160];
	snprintf(cookie, sizeof cookie, "zj_session=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
		 r->tls ? "; Secure" : "");
	r->set_cookie = xstrdup(cookie);
	return reply_json(r, 201, out);
}

static int h_session_get(req *r)
{
	json_t *u = auth_user_json(r->ctx.user);
	return reply_json(r, 200, json_pack("{s:o, s:s}", "user", u, "csrf", r->ctx.user->csrf));
}

static int h_logout(req *r)
{
	auth_logout(&r->ctx);
	r->set_cookie = xstrdup("zj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return reply_json(r, 204, NULL);
}

static int h_password(req *r)
{
	int st;
	json_t *b = req_json_body(r, &st);
	if (!b)
		return reply_problem(r);
	const char *o = json_string_value(json_object_get(b, "old_password")),
		   *n = json_string_value(json_object_get(b, "new_password"));
	if (!o || !n) {
		json_t *errs = json_array();
		if (!o)
			crud_field_error(&r->ctx, errs, "old_password", FE_REQUIRED, "必填", "is required");
		if (!n)
			crud_field_error(&r->ctx, errs, "new_password", FE_REQUIRED, "必填", "is required");
		ctx_fail_fields(&r->ctx, errs);
		json_decref(b);
		return reply_problem(r);
	}
	st = auth_change_password(&r->ctx, o, n);
	json_decref(b);
	return st >= 400 ? reply_problem(r) : reply_json(r, 204, NULL);
}

/* POST /users/{id}/password {"reason"}: an administrator's reset. The
 * server makes the one-time password and shows it once (201); an
 * administrator's account waits for a second administrator (202). A
 * password chosen by the administrator is refused: they would know it. */
static int h_reset_password(req *r)
{
	zj_ctx *c = &r->ctx;
	int64_t id = seg_id(r, 1);
	if (!ctx_can(c, "users.reset_password") || c->user->api_token) {
		ctx_problem(c, PROB_FORBIDDEN,
			    c->user->api_token ? TR(c, "API 令牌不能重置密码", "An API token cannot reset passwords")
					       : NULL);
		return reply_problem(r);
	}
	if (id < 0 || !crud_in_scope(c, registry_find("users"), "read", id)) {
		ctx_problem(c, PROB_NO_SUCH_USER, NULL);
		return reply_problem(r);
	}
	json_t *b = NULL;
	if (r->body_len) {
		int st;
		b = req_json_body(r, &st);
		if (!b)
			return reply_problem(r);
	}
	if (json_object_get(b, "password")) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "password", FE_GENERATED, "一次性密码由系统生成并只显示一次，管理员不能指定",
				 "the one-time password is made by the server and shown once; "
				 "an administrator cannot choose it");
		json_decref(b);
		ctx_fail_fields(c, errs);
		return reply_problem(r);
	}
	json_t *out = NULL;
	int st = auth_reset_request(c, id, json_string_value(json_object_get(b, "reason")), &out);
	json_decref(b);
	return done(r, st, out);
}

/* POST /users/{id}/password/approve: the second administrator. */
static int h_reset_approve(req *r)
{
	zj_ctx *c = &r->ctx;
	int64_t id = seg_id(r, 1);
	if (id < 0 || !crud_in_scope(c, registry_find("users"), "read", id)) {
		ctx_problem(c, ctx_can(c, "users.approve_reset") ? PROB_NO_SUCH_USER : PROB_FORBIDDEN, NULL);
		return reply_problem(r);
	}
	json_t *out = NULL;
	int st = auth_reset_approve(c, id, &out);
	return done(r, st, out);
}

static int h_sessions(req *r)
{
	json_t *out = NULL;
	int st = auth_sessions_list(&r->ctx, &out);
	return done(r, st, out);
}

static int h_session_revoke(req *r)
{
	int64_t id = seg_id(r, 1);
	if (id < 0) {
		ctx_problem(&r->ctx, PROB_NO_SUCH_SESSION, NULL);
		return reply_problem(r);
	}
	int st = auth_session_revoke(&r->ctx, id);
	return st >= 400 ? reply_problem(r) : reply_json(r, 204, NULL);
}

static int h_token(req *r)
{
	if (r->ctx.user->api_token) {
		ctx_problem(&r->ctx, PROB_TOKEN_NO_TOKENS, NULL);
		return reply_problem(r);
	}
	int st;
	json_t *b = req_json_body(r, &st);
	if (!b)
		return reply_problem(r);
	json_t *out = NULL;
	json_t *days = json_object_get(b, "days");
	st = auth_token_create(&r->ctx, json_string_value(json_object_get(b, "name")), json_object_get(b, "perms"),
			       json_is_integer(days) ? (int)json_integer_value(days) : 0, &out);
	json_decref(b);
	return done(r, st, out);
}

/* ---- meta ---- */

static const char *type_name(field_type t)
{
	static const char *n[] = {"text", "int",  "money", "decimal", "date", "datetime",
				  "bool", "dict", "ref",   "secret",  "file"};
	return n[t];
}

static json_t *field_meta(const field_def *f)
{
	json_t *m = json_pack("{s:s, s:s, s:{s:s, s:s}, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "name", f->name,
			      "type", type_name(f->type), "label", "zh", f->label_zh, "en", f->label_en, "required",
			      !!(f->flags & F_REQUIRED), "unique", !!(f->flags & F_UNIQUE), "readonly",
			      !!(f->flags & F_READONLY), "personal", !!(f->flags & F_PERSONAL), "list",
			      !!(f->flags & F_LIST), "filter", !!(f->flags & F_FILTER), "search",
			      !!(f->flags & F_SEARCH), "sort", !!(f->flags & F_SORT), "multi", !!(f->flags & F_MULTI));
	if (f->min_len)
		json_object_set_new(m, "min_len", json_integer(f->min_len));
	if (f->max_len)
		json_object_set_new(m, "max_len", json_integer(f->max_len));
	if (f->min < f->max) {
		json_object_set_new(m, "min", json_integer(f->min));
		json_object_set_new(m, "max", json_integer(f->max));
	}
	if (f->pattern)
		json_object_set_new(m, "pattern", json_string(f->pattern));
	if (f->dict)
		json_object_set_new(m, "dict", json_string(f->dict));
	if (f->ref) {
		const entity_def *re = registry_find(f->ref);
		json_object_set_new(m, "ref", json_string(f->ref));
		json_object_set_new(m, "ref_label", json_string(re && re->label_field ? re->label_field : "id"));
	}
	if (f->flags & F_DERIVED)
		json_object_set_new(m, "derived", json_true());
	if (f->flags & F_CODE)
		json_object_set_new(m, "code", json_true());
	if (f->codes_of)
		json_object_set_new(m, "codes_of", json_string(f->codes_of));
	if (f->unit)
		json_object_set_new(m, "unit", json_string(f->unit));
	if (f->accept)
		json_object_set_new(m, "accept", json_string(f->accept));
	if (f->help_zh)
		json_object_set_new(m, "help",
				    json_pack("{s:s, s:s}", "zh", f->help_zh, "en",
					      f->help_en ? f->help_en : f->help_zh));
	return m;
}

static int can_op(zj_ctx *c, const entity_def *e, const char *op)
{
	char p[128];
	snprintf(p, sizeof p, "%s.%s", e->name, op);
	return ctx_can(c, p);
}

/* The records of other entities this entity's page lists (module_def.related),
 * those of entities this user may read. */
static json_t *related_meta(zj_ctx *c, const entity_def *e)
{
	json_t *out = json_array();
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const record_relation *rel = (*m)->related; rel && rel->parent; rel++) {
			const entity_def *child = registry_find(rel->entity);
			if (strcmp(rel->parent, e->name) || !child || !can_op(c, child, "read"))
				continue;
			const field_def *f = entity_field(child, rel->field);
			const entity_def *mid = rel->via && f && f->ref ? registry_find(f->ref) : NULL;
			if (rel->via && (!mid || !can_op(c, mid, "read")))
				continue;
			json_t *x = json_pack("{s:s, s:s, s:{s:s, s:s}}", "entity", child->name, "field", rel->field,
					      "label", "zh", child->label_zh, "en", child->label_en);
			if (mid)
				json_object_set_new(x, "via",
						    json_pack("{s:s, s:s}", "entity", mid->name, "field", rel->via));
			json_array_append_new(out, x);
		}
	return out;
}

/* Every entity's name and its workflow steps' names, whatever this user
 * reads (issue 14 §2): pages that name other entities (the permission matrix,
 * the audit log, history) show words, not table names. Names are no secret. */
static json_t *names_meta(void)
{
	json_t *out = json_object();
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		json_t *steps = json_object();
		for (int k = 0; e->workflow && k < e->workflow->ntransitions; k++) {
			const wf_transition *t = &e->workflow->transitions[k];
			json_object_set_new(steps, t->name,
					    json_pack("{s:s, s:s?}", "zh", t->label_zh, "en", t->label_en));
		}
		json_object_set_new(out, e->name,
				    json_pack("{s:{s:s, s:s?}, s:o}", "label", "zh", e->label_zh, "en", e->label_en,
					      "steps", steps));
	}
	return out;
}

/* The actions the console shows as buttons (entity_action.button) that
 * this user may take. */
static json_t *buttons_meta(zj_ctx *c, const entity_def *e)
{
	json_t *out = json_array();
	for (int i = 0; i < e->nactions; i++) {
		const entity_action *a = &e->actions[i];
		char perm[128];
		snprintf(perm, sizeof perm, "%s.read", e->name);
		if (!a->button || !ctx_can(c, a->perm ? a->perm : perm))
			continue;
		json_t *b = json_pack("{s:s, s:{s:s, s:s}, s:b}", "name", a->name, "label", "zh",
				      a->label_zh ? a->label_zh : a->name, "en", a->label_en ? a->label_en : a->name,
				      "on_record", a->on_record);
		if (a->button_asks)
			json_object_set_new(b, "asks", json_string(a->button_asks));
		json_array_append_new(out, b);
	}
	return out;
}

static int h_meta(req *r)
{
	zj_ctx *c = &r->ctx;
	json_t *ents = json_array(), *menu = json_object();
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		if (!can_op(c, e, "read"))
			continue;
		json_t *fields = json_array(), *sorts = json_array();
		for (int j = 0; j < e->nfields; j++) {
			if (e->fields[j].type == FT_SECRET)
				continue;
			json_t *fm = field_meta(&e->fields[j]);
			if (e->workflow) /* the stage from which the record shows the field */
				json_object_set_new(fm, "stage", json_string(workflow_field_stage(e, &e->fields[j])));
			json_array_append_new(fields, fm);
			if (e->fields[j].flags & F_SORT)
				json_array_append_new(sorts, json_string(e->fields[j].name));
		}
		json_t *perms = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "read", 1, "create",
					  !e->no_create && can_op(c, e, "create"), "update",
					  !e->no_update && can_op(c, e, "update"), "delete",
					  !e->no_delete && can_op(c, e, "delete"), "import",
					  !e->no_import && !e->no_create && can_op(c, e, "import"), "export",
					  can_op(c, e, "export"), "personal", can_op(c, e, "personal"));
		json_t *em =
			json_pack("{s:s, s:{s:s, s:s}, s:s, s:o, s:o, s:s, s:o, s:s}", "name", e->name, "label", "zh",
				  e->label_zh, "en", e->label_en, "menu", e->menu ? e->menu : "base", "perms", perms,
				  "sort", sorts, "default_sort", e->default_sort ? e->default_sort : "-id", "fields",
				  fields, "label_field", e->label_field ? e->label_field : "id");
		if (e->workflow) {
			json_t *w = workflow_meta(e);
			/* Tell the console which transitions this user may take. */
			size_t k;
			json_t *t;
			json_array_foreach (json_object_get(w, "transitions"), k, t)
				json_object_set_new(t, "allowed",
						    json_boolean(
							    ctx_can(c, json_string_value(json_object_get(t, "perm")))));
			json_object_set_new(em, "workflow", w);
		} else
			json_object_set_new(em, "workflow", json_null());
		json_object_set_new(em, "related", related_meta(c, e));
		json_object_set_new(em, "buttons", buttons_meta(c, e));
		json_object_set_new(em, "first_columns",
				    e->first_columns ? json_string(e->first_columns) : json_null());
		json_array_append_new(ents, em);
		const char *g = e->menu ? e->menu : "base";
		json_t *arr = json_object_get(menu, g);
		if (!arr)
			json_object_set_new(menu, g, arr = json_array());
		json_array_append_new(arr, json_string(e->name));
	}
	/* the areas' menu groups (module_def.menus) by their order; only those
	 * with an entity this user may read */
	json_t *menu_out = json_array();
	for (int last = -1;;) {
		const menu_group *next = NULL;
		for (const module_def *const *m = zj_modules; *m; m++)
			for (const menu_group *g = (*m)->menus; g && g->code; g++)
				if (g->order > last && (!next || g->order < next->order))
					next = g;
		if (!next)
			break;
		last = next->order;
		json_t *arr = json_object_get(menu, next->code);
		if (arr)
			json_array_append_new(menu_out, json_pack("{s:s, s:{s:s, s:s}, s:s, s:O}", "group", next->code,
								  "label", "zh", next->label_zh, "en", next->label_en,
								  "icon", next->icon, "entities", arr));
	}
	json_decref(menu);
	/* The system columns every row carries (declared once, core/registry.c). */
	json_t *sys = json_array();
	for (int i = 0; i < entity_nsys_columns; i++) {
		const sys_column *sc = &entity_sys_columns[i];
		if (sc->in_row)
			json_array_append_new(sys, json_pack("{s:s, s:s, s:{s:s, s:s}}", "name", sc->name, "type",
							     type_name(sc->type), "label", "zh", sc->label_zh, "en",
							     sc->label_en));
	}
	json_t *extra = json_object();
	json_object_set_new(extra, "audit_log", json_boolean(ctx_can(c, "audit.read")));
	json_object_set_new(extra, "jobs", json_boolean(1));
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o}", "entities", ents, "dicts", dict_all(c), "menu", menu_out,
				"features", extra, "system_columns", sys);
	json_object_set_new(out, "names", names_meta());
	json_object_set_new(out, "dict_types", console_dict_types());
	if (ctx_can(c, "audit.read")) /* the audit log's actions and objects in words */
		json_object_set_new(out, "audit_names", console_names());
	return reply_json(r, 200, out);
}

static int h_openapi(req *r)
{
	r->status = 200;
	r->ctype = "application/json; charset=utf-8";
	free(r->resp);
	const char *doc = openapi_text();
	r->resp = doc ? strdup(doc) : NULL;
	if (!r->resp)
		return reply_problem(r); /* nothing set: the core's internal problem */
	r->resp_len = strlen(r->resp);
	return 200;
}

/* ---- generic entity routes ---- */

static int h_list(req *r)
{
	const entity_def *e = r->entity;
	strbuf b;
	sb_init(&b);
	int st = crud_list_raw(&r->ctx, e, &r->query, &b);
	if (st != 200) {
		sb_free(&b);
		return reply_problem(r);
	}
	r->status = 200;
	r->ctype = "application/json; charset=utf-8";
	free(r->resp);
	r->resp_len = b.len;
	r->resp = sb_take(&b);
	return 200;
}

static int h_count(req *r)
{
	const entity_def *e = r->entity;
	json_t *out = NULL;
	int st_ = crud_count(&r->ctx, e, &r->query, &out);
	return done(r, st_, out);
}

static int bad_id(req *r)
{
	ctx_problem(&r->ctx, PROB_NOT_FOUND, NULL);
	return reply_problem(r);
}

static int h_get(req *r)
{
	const entity_def *e = r->entity;
	int64_t id = r->id;
	json_t *out = NULL;
	int st = crud_get(&r->ctx, e, id, &out);
	if (st == 200)
		snprintf(r->etag, sizeof r->etag, "\"%lld\"",
			 (long long)json_integer_value(json_object_get(out, "version")));
	return done(r, st, out);
}

/* done() for a write that answers the row: its version as the ETag when it succeeded. */
static int done_versioned(req *r, int st, int ok, json_t *out)
{
	if (st == ok)
		snprintf(r->etag, sizeof r->etag, "\"%lld\"",
			 (long long)json_integer_value(json_object_get(out, "version")));
	return done(r, st, out);
}

static int h_create(req *r)
{
	const entity_def *e = r->entity;
	int st;
	json_t *b = req_json_body(r, &st);
	if (!b)
		return reply_problem(r);
	json_t *out = NULL;
	st = crud_create(&r->ctx, e, b, &out);
	json_decref(b);
	return done_versioned(r, st, 201, out);
}

static int h_update(req *r)
{
	const entity_def *e = r->entity;
	int64_t id = r->id;
	int st;
	json_t *b = req_json_body(r, &st);
	if (!b)
		return reply_problem(r);
	int64_t v = req_if_match(r, b);
	if (v == -2) {
		json_decref(b);
		ctx_problem(&r->ctx, PROB_BAD_IF_MATCH, TR(&r->ctx, "应为 \"版本号\"", "expected \"<version>\""));
		return reply_problem(r);
	}
	json_t *out = NULL;
	st = crud_update(&r->ctx, e, id, v, b, &out);
	json_decref(b);
	return done_versioned(r, st, 200, out);
}

static int h_delete(req *r)
{
	const entity_def *e = r->entity;
	int64_t id = r->id;
	int64_t v = req_if_match(r, NULL);
	int st = crud_delete(&r->ctx, e, id, v < -1 ? -1 : v);
	return st >= 400 ? reply_problem(r) : reply_json(r, 204, NULL);
}

static int h_history(req *r)
{
	const entity_def *e = r->entity;
	int64_t id = r->id;
	json_t *out = NULL;
	int st_ = crud_history(&r->ctx, e, id, &out);
	return done(r, st_, out);
}

/* GET /{entity}/{id}/transitions: each step, whether this user may take it
 * now and, when not, the problem the step itself would answer. */
static int h_transitions(req *r)
{
	json_t *out = NULL;
	int st = workflow_options(&r->ctx, r->entity, r->id, &out);
	return done(r, st, out);
}

static int h_transition(req *r)
{
	const entity_def *e = r->entity;
	int64_t id = r->id;
	json_t *b = NULL;
	if (r->body_len) {
		int st;
		b = req_json_body(r, &st);
		if (!b)
			return reply_problem(r);
	}
	int64_t v = req_if_match(r, b);
	json_t *out = NULL;
	int st = workflow_transition(&r->ctx, e, id, r->segs[3], v < -1 ? -1 : v, b, &out);
	json_decref(b);
	return done(r, st, out);
}

/* ---- export / template / import ---- */

static long export_reader(void *cls, char *buf, size_t max)
{
	return io_export_read(cls, buf, max);
}
static void export_free(void *cls)
{
	io_export_close(cls);
}

static int parse_format(req *r, export_format *f)
{
	const char *fmt = req_query(r, "format");
	if (!fmt || !strcmp(fmt, "csv"))
		*f = EXP_CSV;
	else if (!strcmp(fmt, "xlsx"))
		*f = EXP_XLSX;
	else if (!strcmp(fmt, "json"))
		*f = EXP_JSON;
	else {
		ctx_problem(&r->ctx, PROB_UNSUPPORTED_FORMAT,
			    TR(&r->ctx, "format 应为 csv、xlsx 或 json", "format must be csv, xlsx or json"));
		return -1;
	}
	return 0;
}

static int h_export(req *r)
{
	const entity_def *e = r->entity;
	export_format f;
	if (parse_format(r, &f))
		return reply_problem(r);
	const char *hdr = req_query(r, "header");
	exporter *x = NULL;
	int st = io_export_open(&r->ctx, e, &r->query, f, hdr && !strcmp(hdr, "name"), &x);
	if (st)
		return reply_problem(r);
	/* batches take a connection each; none is held while the client reads.
	 * The rows may come from the replica; the export's record is written already. */
	if (r->pool)
		io_export_use_pool(x, req_read_pool(r));
	r->stream_read = export_reader, r->stream_free = export_free, r->stream_cls = x;
	r->status = 200;
	r->ctype = io_export_mime(f);
	char cd[160];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-%.10s.%s\"", e->name, r->ctx.today,
		 f == EXP_CSV    ? "csv"
		 : f == EXP_XLSX ? "xlsx"
				 : "json");
	r->content_disposition = xstrdup(cd);
	return 200;
}

static int h_template(req *r)
{
	const entity_def *e = r->entity;
	export_format f;
	if (parse_format(r, &f))
		return reply_problem(r);
	if (!can_op(&r->ctx, e, "import")) {
		ctx_problem(&r->ctx, PROB_FORBIDDEN, NULL);
		return reply_problem(r);
	}
	char *data;
	size_t len;
	if (io_template(&r->ctx, e, f == EXP_JSON ? EXP_CSV : f, &data, &len) != 0) {
		ctx_problem(&r->ctx, PROB_TEMPLATE_FAILED, NULL);
		return reply_problem(r);
	}
	free(r->resp);
	r->resp = data, r->resp_len = len;
	r->status = 200;
	r->ctype = io_export_mime(f == EXP_JSON ? EXP_CSV : f);
	char cd[160];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-template.%s\"", e->name, f == EXP_XLSX ? "xlsx" : "csv");
	r->content_disposition = xstrdup(cd);
	return 200;
}

/* An import's file arrives in a temporary file (never in memory: server.c);
 * a worker of the job pool (jobs.h) reads it (mapped) and imports it as a
 * job; the request only queues it. */
typedef struct import_job {
	int64_t job_id, user_id;
	const entity_def *e;
	char path[300];
	size_t len;
	tab_format fmt;
	int dry_run, en;
	char ip[64];
} import_job;

static void import_progress(void *ud, long done_rows, long total)
{
	import_job *j = ud;
	job_progress(server_pool(), j->job_id, done_rows, total);
}

static void import_work(void *arg, int cancelled)
{
	import_job *j = arg;
	if (cancelled) { /* the pool drains (SIGTERM): it never started, nothing was written */
		json_t *why = json_pack(
			"{s:I, s:[{s:i, s:s, s:s, s:s}]}", "inserted", (json_int_t)0, "errors", "row", 0, "field", "",
			"value", "", "reason",
			j->en ? "the server stopped before the import started; nothing was written, upload the file again"
			      : "导入开始前服务已停止，未写入任何数据，请重新上传");
		job_finish(server_pool(), j->job_id, "failed", why);
		json_decref(why);
		unlink(j->path);
		free(j);
		return;
	}
	job_started(server_pool(), j->job_id);
	zj_ctx c;
	db *d = NULL;
	for (int i = 0; i < 30 && !d; i++) /* a background thread may wait, in bounded steps */
		d = db_pool_get(server_pool());
	ctx_init(&c, d);
	c.en = j->en;
	c.ip = j->ip;
	zj_user *u = xcalloc(1, sizeof *u);
	json_t *result = NULL;
	int fd = open(j->path, O_RDONLY | O_CLOEXEC);
	void *buf = fd >= 0 && j->len ? mmap(NULL, j->len, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	if (c.db && buf != MAP_FAILED && auth_load_user(c.db, j->user_id, u) == 0) {
		c.user = u;
		int st = io_import(&c, j->e, buf, j->len, j->fmt, j->dry_run, j->job_id, import_progress, j, &result);
		if (!result)
			result = json_pack("{s:I, s:[{s:i, s:s, s:s, s:s}]}", "inserted", (json_int_t)0, "errors",
					   "row", 0, "field", "", "value", "", "reason",
					   c.problem ? json_string_value(json_object_get(c.problem, "detail"))
							       ?: json_string_value(json_object_get(c.problem, "title"))
						     : "failed");
		job_finish(server_pool(), j->job_id, st == 200 ? "done" : "failed", result);
	} else
		job_finish(server_pool(), j->job_id, "failed", NULL);
	if (buf != MAP_FAILED)
		munmap(buf, j->len);
	if (fd >= 0)
		close(fd);
	unlink(j->path);
	json_decref(result);
	if (c.db)
		db_pool_put(server_pool(), c.db);
	ctx_clear(&c);
	auth_user_free(u);
	free(j);
}

/* The pool is full: workers all busy and every queue place taken. */
static int jobs_full(req *r)
{
	r->retry_after = 30;
	return ctx_problem(&r->ctx, PROB_JOBS_FULL,
			   TR(&r->ctx, "正在进行和排队的后台任务已达上限，请稍后重试",
			      "The background jobs running and queued reached their limit; retry shortly"));
}

/* From the headers: the permission, and a place in the job pool (else 503). */
static int may_import(req *r)
{
	zj_ctx *c = &r->ctx;
	const entity_def *e = r->entity;
	if (!can_op(c, e, "import") || e->no_import)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有导入此类记录的权限", "You may not import these records"));
	if (!jobq_reserve())
		return jobs_full(r);
	jobq_release(); /* only a look: h_import takes it */
	return 0;
}

/* The entity action a route ":entity/actions/:name" or
 * ":entity/:id/actions/:name" names; NULL when none. */
static const entity_action *route_action(req *r)
{
	int on_record = r->nsegs > 3 && !strcmp(r->segs[2], "actions");
	return r->entity ? entity_find_action(r->entity, r->segs[on_record ? 3 : 2], r->method, on_record) : NULL;
}

/* An action that takes a file declares its body limit (entity_action.body_limit). */
static size_t action_body_limit(req *r)
{
	const entity_action *a = route_action(r);
	return a ? a->body_limit : 0;
}

/* Before any body byte: the action exists, and one that takes a file (a
 * declared body limit) is the user's to take, like an import (the record's
 * scope is checked by the handler, with the record). */
static int may_action(req *r)
{
	zj_ctx *c = &r->ctx;
	const entity_action *a = route_action(r);
	if (!a)
		return ctx_problem(c, PROB_NO_SUCH_ACTION, r->segs[r->nsegs - 1]);
	if (!a->body_limit)
		return 0;
	char perm[128];
	snprintf(perm, sizeof perm, "%s.read", r->entity->name);
	if (!ctx_can(c, a->perm ? a->perm : perm))
		return ctx_problem(c, PROB_FORBIDDEN, NULL);
	return 0;
}

static int h_import(req *r)
{
	zj_ctx *c = &r->ctx;
	const entity_def *e = r->entity;
	if (!r->body_len || !r->upload_path[0]) {
		ctx_problem(c, PROB_MISSING_FILE,
			    TR(c, "请求体应为 CSV 或 XLSX 文件", "the body must be a CSV or XLSX file"));
		return reply_problem(r);
	}
	const char *fmt = req_query(r, "format");
	const char *dry = req_query(r, "dry_run");
	if (fmt && strcmp(fmt, "csv") && strcmp(fmt, "xlsx")) {
		ctx_problem(c, PROB_UNSUPPORTED_FORMAT, TR(c, "format 应为 csv 或 xlsx", "format must be csv or xlsx"));
		return reply_problem(r);
	}
	char head[512];
	ssize_t hn = pread(r->upload_fd, head, sizeof head, 0);
	tab_format tf = fmt ? (!strcmp(fmt, "xlsx") ? TAB_XLSX : TAB_CSV) : tab_detect(head, hn > 0 ? (size_t)hn : 0);
	if (!jobq_reserve()) {
		jobs_full(r);
		return reply_problem(r);
	}
	/* the job's row: a short wait for the write lock at most (jobs.c), else 503 */
	int64_t id = job_create(c, "import", e->name, 0);
	if (id <= 0) {
		jobq_release();
		if (id < 0) {
			r->retry_after = 1;
			ctx_problem(c, PROB_DB_BUSY,
				    TR(c, "数据库正忙于写入，请稍后重试",
				       "The database is busy writing; retry shortly"));
		} else
			ctx_problem(c, PROB_DB_ERROR, NULL);
		return reply_problem(r);
	}
	import_job *j = xcalloc(1, sizeof *j);
	j->job_id = id;
	j->user_id = c->user->id;
	j->e = e;
	snprintf(j->path, sizeof j->path, "%s", r->upload_path);
	r->upload_path[0] = 0; /* the job's now: it removes the file */
	j->len = r->body_len;
	j->fmt = tf;
	j->dry_run = dry && !strcmp(dry, "1");
	j->en = c->en;
	snprintf(j->ip, sizeof j->ip, "%s", r->ip);
	if (jobq_submit(id, import_work, j) != 0) { /* the pool stopped meanwhile */
		job_finish(server_pool(), id, "failed", NULL);
		unlink(j->path);
		free(j);
		r->retry_after = 5;
		ctx_problem(c, PROB_STOPPING,
			    TR(c, "服务正在停止，请稍后重试", "The server is stopping; retry shortly"));
		return reply_problem(r);
	}
	int pos = jobq_position(id);
	json_t *out = json_pack("{s:I, s:s}", "job", (json_int_t)id, "state", "queued");
	if (pos)
		json_object_set_new(out, "position", json_integer(pos));
	return reply_json(r, 202, out);
}

static int h_jobs(req *r)
{
	zj_ctx *c = &r->ctx;
	int all = (ctx_scope(c, "jobs.read") & SCOPE_ALL) != 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       all ? "SELECT id FROM jobs ORDER BY id DESC LIMIT 100"
			   : "SELECT id FROM jobs WHERE created_by = ? ORDER BY id DESC LIMIT 100",
		       &s) != DB_OK) {
		ctx_internal(c, "jobs", db_errmsg(c->db));
		return reply_problem(r);
	}
	json_t *items = json_array();
	int rc;
	{
		if (!all)
			db_bind_int(s, 1, c->user->id);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			json_t *j = job_get(c, db_col_int(s, 0));
			if (j) {
				json_object_del(j, "result");
				json_array_append_new(items, j);
			}
		}
		if (rc != DB_DONE) { /* never a partial list */
			ctx_internal(c, "jobs", db_errmsg(c->db));
			db_finalize(s), json_decref(items);
			return reply_problem(r);
		}
		db_finalize(s);
	}
	return reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next"));
}

static int h_job(req *r)
{
	int64_t id = seg_id(r, 1);
	json_t *j = id > 0 ? job_get(&r->ctx, id) : NULL;
	if (!j)
		return bad_id(r);
	return reply_json(r, 200, j);
}

/* ---- audit log (audit administrator) ---- */

/* The entity and the step of an audit row in words (issue 14 §2): the auditor
 * reads entities whose metadata their role is not given, so the labels come
 * with the row — entity_label, and action_label when the action is a step of
 * that entity's workflow. */
static void audit_row_labels(json_t *row)
{
	const char *en = json_string_value(json_object_get(row, "entity"));
	const char *act = json_string_value(json_object_get(row, "action"));
	const entity_def *e = en ? registry_find(en) : NULL;
	if (!e)
		return;
	json_object_set_new(row, "entity_label", json_pack("{s:s, s:s?}", "zh", e->label_zh, "en", e->label_en));
	const wf_transition *t = e->workflow && act ? workflow_find(e->workflow, act) : NULL;
	if (t)
		json_object_set_new(row, "action_label",
				    json_pack("{s:s, s:s?}", "zh", t->label_zh, "en", t->label_en));
}

static int h_audit(req *r)
{
	zj_ctx *c = &r->ctx;
	if (!ctx_can(c, "audit.read")) {
		ctx_problem(c, PROB_FORBIDDEN,
			    TR(c, "只有审计管理员可以查看审计日志",
			       "Only the audit administrator reads the audit log"));
		return reply_problem(r);
	}
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql,
	       "SELECT id, at, username, ip, action, entity, entity_id, before, after, hash FROM audit_log WHERE 1=1");
	json_t *params = json_array();
	int limit = 50;
	for (int i = 0; i < r->query.n; i++) {
		const char *k = r->query.items[i].k, *v = r->query.items[i].v;
		if (!strcmp(k, "username") || !strcmp(k, "action") || !strcmp(k, "entity") || !strcmp(k, "entity_id")) {
			sb_printf(&sql, " AND %s = ?", k);
			json_array_append_new(params, json_string(v));
		} else if (!strcmp(k, "at.from")) {
			sb_add(&sql, " AND at >= ?");
			json_array_append_new(params, json_string(v));
		} else if (!strcmp(k, "at.to")) {
			sb_add(&sql, " AND at <= ?");
			json_array_append_new(params, json_sprintf("%sT23:59:59Z", v));
		} else if (!strcmp(k, "cursor")) {
			sb_add(&sql, " AND id < ?");
			json_array_append_new(params, json_integer(num_or(v, 0, INT64_MAX, 0)));
		} else if (!strcmp(k, "limit")) {
			limit = (int)num_or(v, 1, 500, 50);
		}
	}
	sb_printf(&sql, " ORDER BY id DESC LIMIT %d", limit + 1);
	db_stmt *s;
	json_t *items = json_array();
	int n = 0;
	int64_t last = 0, more = 0;
	int src = db_prepare(c->db, sql.s, &s);
	if (src == DB_OK) {
		crud_bind_params(s, params, 1);
		for (src = db_step(s); src == DB_ROW; src = db_step(s)) {
			if (n == limit) {
				more = 1;
				break;
			}
			json_t *row = json_object();
			static const char *cols[] = {"id",     "at",        "username", "ip",    "action",
						     "entity", "entity_id", "before",   "after", "hash"};
			for (int k = 0; k < 10; k++) {
				const char *t = db_col_text(s, k);
				if (k == 0)
					json_object_set_new(row, cols[k], json_integer(last = db_col_int(s, 0)));
				else if ((k == 7 || k == 8) && t) {
					/* written masked (core/privacy.c); records from before that are masked here */
					json_t *stored = json_loads(t, 0, NULL);
					json_t *shown =
						stored ? privacy_audit_json(registry_find(db_col_text(s, 5)
												  ? db_col_text(s, 5)
												  : ""),
									    stored)
						       : NULL;
					json_decref(stored);
					json_object_set_new(row, cols[k], shown ? shown : json_string("***"));
				} else
					json_object_set_new(row, cols[k], t ? json_string(t) : json_null());
			}
			audit_row_labels(row);
			json_array_append_new(items, row);
			n++;
		}
		if (src == DB_DONE || src == DB_ROW)
			src = DB_OK;
		else
			ctx_internal(c, "audit log", db_errmsg(c->db));
		db_finalize(s);
	} else
		ctx_internal(c, "audit log", db_errmsg(c->db));
	json_decref(params);
	sb_free(&sql);
	if (src != DB_OK) { /* never a partial page of the audit log */
		json_decref(items);
		return reply_problem(r);
	}
	/* the auditor's own reads are audited too: what was asked, how much was shown */
	json_t *asked = json_object();
	for (int i = 0; i < r->query.n; i++)
		json_object_set_new(asked, r->query.items[i].k, json_string(r->query.items[i].v));
	json_t *a = json_pack("{s:o, s:i}", "query", asked, "returned", n);
	int arc = audit_append(c, "read_audit", "audit_log", 0, NULL, a);
	json_decref(a);
	if (arc != DB_OK) {
		json_decref(items);
		ctx_problem(c, PROB_AUDIT_UNAVAILABLE, TR(c, "请稍后再试", "Try again shortly"));
		return reply_problem(r);
	}
	json_t *out = json_pack("{s:o}", "items", items);
	json_object_set_new(out, "next", more ? json_sprintf("%lld", (long long)last) : json_null());
	return reply_json(r, 200, out);
}

/* ---- calendar, dashboard ---- */

static int h_workdays(req *r)
{
	zj_ctx *c = &r->ctx;
	const char *add = NULL, *n = NULL, *from = NULL, *to = NULL;
	for (int i = 0; i < r->query.n; i++) {
		const char *k = r->query.items[i].k;
		if (!strcmp(k, "add"))
			add = r->query.items[i].v;
		else if (!strcmp(k, "n"))
			n = r->query.items[i].v;
		else if (!strcmp(k, "from"))
			from = r->query.items[i].v;
		else if (!strcmp(k, "to"))
			to = r->query.items[i].v;
	}
	struct wd_calendar *cal = calendar_load(c->db);
	struct wd_gaps g;
	wd_gaps_clear(&g);
	date_days a, b;
	json_t *out = NULL;
	if (add && n && date_parse(add, &a) == DATE_OK && strlen(n) < 6) {
		char *end;
		long k = strtol(n, &end, 10);
		if (!*end && wd_add(cal, a, k, &b, &g) == WD_OK) {
			char buf[DATE_STRLEN];
			date_format(b, buf);
			out = json_pack("{s:s, s:b}", "date", buf, "uncovered", g.n > 0);
		}
	} else if (from && to && date_parse(from, &a) == DATE_OK && date_parse(to, &b) == DATE_OK) {
		long cnt;
		if (wd_count(cal, a, b, &cnt, &g) == WD_OK)
			out = json_pack("{s:I, s:b}", "count", (json_int_t)cnt, "uncovered", g.n > 0);
	}
	calendar_free(cal);
	if (!out) {
		ctx_problem(c, PROB_BAD_PARAMETERS,
			    TR(c, "用 add=日期&n=天数 或 from=日期&to=日期", "use add=DATE&n=N or from=DATE&to=DATE"));
		return reply_problem(r);
	}
	return reply_json(r, 200, out);
}

/* The dashboard (issue 14 §4): the user's to-do, the widgets declared for
 * them (core/dashboard.c filters by each widget's perms/roles) and their
 * place (a district officer's district). No table counts: a user's work
 * first, not the size of the tables. ?only=widgets: just the widgets (a
 * console refresh, the benchmark). */
static int h_dashboard(req *r)
{
	zj_ctx *c = &r->ctx;
	const char *only = req_query(r, "only");
	if (only && strcmp(only, "widgets")) {
		ctx_problem(c, PROB_BAD_PARAMETERS, TR(c, "only 只能为 widgets", "only must be widgets"));
		return reply_problem(r);
	}
	json_t *out = json_object();
	if (!only) {
		json_t *todo = NULL;
		todo_collect(c, 50, &todo);
		ctx_clear(c);
		json_object_set_new(out, "todo", todo);
		json_object_set_new(out, "place", dashboard_place(c));
	}
	json_object_set_new(out, "widgets", dashboard_widgets(c));
	return reply_json(r, 200, out);
}

/* GET /api/v1/todo?limit=N: what this user must do next (core/todo.h). */
static int h_todo(req *r)
{
	zj_ctx *c = &r->ctx;
	const char *l = req_query(r, "limit");
	long limit = 50;
	if (l) {
		char *end;
		limit = strtol(l, &end, 10);
		if (!*l || *end || limit < 1 || limit > TODO_MAX) {
			ctx_problemf(c, PROB_BAD_PARAMETERS,
				     c->en ? "limit must be 1 to %d" : "limit 应为 1 至 %d 的整数", TODO_MAX);
			return reply_problem(r);
		}
	}
	json_t *out = NULL;
	int st = todo_collect(c, (int)limit, &out);
	return done(r, st, out);
}

/* GET /api/v1/notifications?unread=true&limit=N: the bell (core/notify.h). */
static int h_notifications(req *r)
{
	zj_ctx *c = &r->ctx;
	const char *u = req_query(r, "unread"), *l = req_query(r, "limit");
	long limit = 20;
	char *end = NULL;
	if (u && strcmp(u, "true") && strcmp(u, "false")) {
		ctx_problem(c, PROB_BAD_PARAMETERS,
			    TR(c, "unread 只能为 true 或 false", "unread must be true or false"));
		return reply_problem(r);
	}
	if (l)
		limit = strtol(l, &end, 10);
	if (l && (limit < 1 || limit > 200 || !*l || *end)) {
		ctx_problem(c, PROB_BAD_PARAMETERS, TR(c, "limit 应为 1 至 200 的整数", "limit must be 1 to 200"));
		return reply_problem(r);
	}
	json_t *out = NULL;
	int st = notify_list(c, (int)limit, u && !strcmp(u, "true"), &out);
	return done(r, st, out);
}

/* POST /api/v1/notifications/{id}/read, POST /api/v1/notifications/read (all of mine). */
static int h_notification_read(req *r)
{
	int64_t id = seg_id(r, 1);
	json_t *out = NULL;
	if (id <= 0) {
		ctx_problem(&r->ctx, PROB_NOT_FOUND, NULL);
		return reply_problem(r);
	}
	int st = notify_mark_read(&r->ctx, id, &out);
	return done(r, st, out);
}

static int h_notifications_read(req *r)
{
	json_t *out = NULL;
	int st = notify_mark_read(&r->ctx, 0, &out);
	return done(r, st, out);
}

/* ---- module endpoints ---- */

/* The JSON body of a request that may have none: 0 (*b NULL when empty), or
 * -1 with the problem set. */
static int optional_body(req *r, json_t **b)
{
	*b = NULL;
	if (!r->body_len)
		return 0;
	int st;
	*b = req_json_body(r, &st);
	return *b ? 0 : -1;
}

static int send_action(req *r, int st, action_result *res)
{
	/* an action that met an internal failure deep down (ctx_internal) and
	 * answered anyway: never a partial success */
	if (st >= 400 || ctx_failed(&r->ctx)) {
		json_decref(res->json);
		free(res->body);
		return reply_problem(r);
	}
	if (res->json)
		return reply_json(r, st, res->json);
	r->status = st;
	r->ctype = res->ctype ? res->ctype : "text/plain; charset=utf-8";
	free(r->resp);
	r->resp = res->body;
	r->resp_len = res->len ? res->len : res->body ? strlen(res->body) : 0; /* len: a binary body (a PNG) */
	return st;
}

static int h_action(req *r, int on_record)
{
	zj_ctx *c = &r->ctx;
	const entity_def *e = r->entity;
	const char *name = r->segs[on_record ? 3 : 2];
	const entity_action *a = entity_find_action(e, name, r->method, on_record);
	if (!a) {
		ctx_problem(c, PROB_NO_SUCH_ACTION, name);
		return reply_problem(r);
	}
	char perm[128];
	if (!a->perm)
		snprintf(perm, sizeof perm, "%s.read", e->name);
	if (!ctx_can(c, a->perm ? a->perm : perm)) {
		ctx_problem(c, PROB_FORBIDDEN, NULL);
		return reply_problem(r);
	}
	int64_t id = 0;
	if (on_record) {
		/* The record must lie in the scope of the action's own permission
		 * (results.decide, disposals.extend ...), not only of read: a
		 * district-scoped grant acts on the district's records only. And
		 * the actor must be able to read it too. */
		id = r->id;
		char rperm[128];
		snprintf(rperm, sizeof rperm, "%s.read", e->name);
		if (crud_check_access(c, e, rperm, id) || (a->perm && crud_check_access(c, e, a->perm, id)))
			return reply_problem(r);
	}
	json_t *b = NULL;
	if (optional_body(r, &b))
		return reply_problem(r);
	action_result res = {0};
	int st = a->fn(c, e, id, &r->query, b, &res);
	json_decref(b);
	return send_action(r, st, &res);
}

static int h_action_coll(req *r)
{
	return h_action(r, 0);
}
static int h_action_rec(req *r)
{
	return h_action(r, 1);
}

/* Public forms (the complaint form) have their own budget, apart from sign-in. */
static int may_public(req *r)
{
	zj_ctx *c = &r->ctx;
	if (!strcmp(r->method, "GET") || ratelimit_allow(RL_PUBLIC, r->ip, c->now))
		return 0;
	r->retry_after = 60;
	json_t *a = json_pack("{s:s}", "endpoint", r->nsegs > 1 ? r->segs[1] : "");
	audit_refusal(c, "public_rate_limited", "public", a);
	json_decref(a);
	return ctx_problem(c, PROB_TOO_MANY_SUBMISSIONS, TR(c, "请一分钟后再试", "Try again in a minute"));
}

static int h_public(req *r)
{
	zj_ctx *c = &r->ctx;
	const public_endpoint *p = registry_public(r->segs[1], r->method);
	if (!p) {
		ctx_problem(c, PROB_NO_SUCH_RESOURCE, NULL);
		return reply_problem(r);
	}
	json_t *b = NULL;
	if (optional_body(r, &b))
		return reply_problem(r);
	action_result res = {0};
	int st = p->fn(c, &r->query, b, &res);
	json_decref(b);
	return send_action(r, st, &res);
}

/* ---- read replica marks (issue 19 §5) ------------------------------------
 * Which GETs may be served by a streaming replica (serve --read-db). A GET
 * is not a read when it records one: a list or record shown unmasked
 * writes a read_personal audit record, an export its export record, the
 * audit log its read_audit, a notification list may mark, a session its
 * last use. Such routes stay on the primary (no mark: the default). */
static int ro_always(req *r)
{
	return 1;
}

/* A list writes read_personal when it shows personal fields unmasked
 * (crud_query.c): only a list that cannot (no personal field, or no
 * personal scope for this user) may go to the replica. */
static int ro_list(req *r)
{
	char perm[96];
	snprintf(perm, sizeof perm, "%s.personal", r->entity->name);
	return !privacy_has_personal(r->entity) || !ctx_scope(&r->ctx, perm);
}

/* A GET action (a report, a statistic) declares itself (entity_action.read_only). */
static int ro_action(req *r)
{
	const entity_action *a = route_action(r);
	return a && a->read_only;
}

const route api_routes[] = {
	{"GET", "public/:name", h_public, 1, .may = may_public},
	{"POST", "public/:name", h_public, 1, 64u << 10, .may = may_public},
	{"POST", "session", h_login, 1, 16u << 10, .may = may_signin},
	{"GET", "session", h_session_get},
	{"DELETE", "session", h_logout},
	{"POST", "session/password", h_password},
	{"GET", "sessions", h_sessions},
	{"DELETE", "sessions/:id", h_session_revoke},
	{"POST", "tokens", h_token},
	{"GET", "meta", h_meta},
	{"GET", "openapi.json", h_openapi},
	{"GET", "dashboard", h_dashboard, .reads_only = ro_always},
	{"GET", "todo", h_todo, .reads_only = ro_always},
	{"GET", "notifications", h_notifications},
	{"POST", "notifications/read", h_notifications_read},
	{"POST", "notifications/:id/read", h_notification_read},
	{"GET", "audit_log", h_audit},
	{"GET", "audit_log/export", h_audit_export},
	{"GET", "permissions", h_permissions},
	{"GET", "jobs", h_jobs},
	{"GET", "jobs/:id", h_job},
	{"GET", "calendar/workdays", h_workdays},
	{"POST", "users/:id/password", h_reset_password},
	{"POST", "users/:id/password/approve", h_reset_approve},
	{"POST", "files", h_file_upload, 0, 0, .limit = file_upload_limit, .upload = 1, .may = may_file_upload},
	{"GET", ":entity/actions/:name", h_action_coll, .reads_only = ro_action},
	{"POST", ":entity/actions/:name", h_action_coll, .may = may_action, .limit = action_body_limit},
	{"GET", ":entity/:id/actions/:name", h_action_rec, .reads_only = ro_action},
	{"POST", ":entity/:id/actions/:name", h_action_rec, .may = may_action, .limit = action_body_limit},
	{"GET", ":entity/count", h_count, .reads_only = ro_always},
	{"POST", ":entity/batch", h_batch},
	{"GET", ":entity/export", h_export},
	{"GET", ":entity/template", h_template},
	{"POST", ":entity/import", h_import, 0, 20u << 20, .upload = 1, .may = may_import},
	{"GET", ":entity", h_list, .reads_only = ro_list},
	{"POST", ":entity", h_create},
	{"GET", ":entity/:id", h_get},
	{"PATCH", ":entity/:id", h_update},
	{"PUT", ":entity/:id", h_update},
	{"DELETE", ":entity/:id", h_delete},
	{"GET", ":entity/:id/history", h_history},
	{"GET", ":entity/:id/transitions", h_transitions},
	{"GET", ":entity/:id/files/:field", h_file_get},
	{"POST", ":entity/:id/transitions/:name", h_transition},
};
const int api_nroutes = sizeof api_routes / sizeof api_routes[0];
