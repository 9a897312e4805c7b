/* dispatch.c — from a request (method, URL, headers, query, body, client
 * address) to a response (status, headers, body or a streamed reader)
 * without libmicrohttpd: the route from the request line, `gate`
 * (authentication by session cookie or bearer token, CSRF, the forced
 * password change, the route's own check), a database connection held only
 * while the handler runs, the handler, the response headers. server.c feeds
 * it from a connection (req_route and req_gate on the headers, req_handle
 * once the body is in); the in-process fuzzer (tests/fuzz/fuzz_api.c) and
 * test_dispatch feed it from memory, so all of them run the same code. */
#include "core/audit.h"
#include "core/auth.h"
#include "core/entity.h"
#include "db/replica.h"
#include "web/http.h"
#include "web/limits.h"
#include "lib/num.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum { KV_MAX = 256 };

req *req_new(const char *method, const char *url)
{
	req *r = calloc(1, sizeof *r);
	if (!r)
		abort();
	snprintf(r->method, sizeof r->method, "%s", method);
	r->url = arena_strdup(&r->mem, url);
	r->upload_fd = -1;
	ctx_init(&r->ctx, NULL);
	return r;
}

/* A connection from the pool goes back; one the caller set (tests, fuzzing: no pool) stays. */
static void release_db(req *r)
{
	if (r->ctx.db && r->on_replica) {
		db_replica_put(r->replica, r->ctx.db);
		r->ctx.db = NULL, r->on_replica = 0;
	} else if (r->ctx.db && r->pool) {
		db_pool_put(r->pool, r->ctx.db);
		r->ctx.db = NULL;
	}
}

void req_drop_body(req *r)
{
	free(r->body);
	r->body = NULL, r->body_len = r->body_cap = 0;
	if (r->body_held)
		body_mem_give(r->body_held);
	r->body_held = 0;
	if (r->upload_fd >= 0)
		close(r->upload_fd);
	r->upload_fd = -1;
	if (r->upload_path[0])
		unlink(r->upload_path);
	r->upload_path[0] = 0;
}

void req_free(req *r)
{
	if (r->stream_free) /* before the context: a stream may read through it */
		r->stream_free(r->stream_cls);
	if (r->custom)
		MHD_destroy_response(r->custom);
	release_db(r);
	req_drop_body(r);
	ctx_clear(&r->ctx);
	auth_user_free(r->ctx.user);
	arena_free(&r->mem);
	free(r->resp);
	free(r->set_cookie);
	free(r->content_disposition);
	free(r->pin_cookie);
	free(r);
}

static int kv_add(req *r, kv_list *l, const char *k, const char *v)
{
	if (l->n >= KV_MAX)
		return -1;
	if ((l->n & 15) == 0) { /* grow by 16 in the arena */
		kv *items = arena_alloc(&r->mem, sizeof(kv) * (size_t)(l->n + 16));
		if (l->n)
			memcpy(items, l->items, sizeof(kv) * (size_t)l->n);
		l->items = items;
	}
	l->items[l->n].k = k;
	l->items[l->n].v = v ? v : "";
	l->n++;
	return 0;
}

int req_add_header(req *r, const char *name, const char *value)
{
	return kv_add(r, &r->headers, name, value);
}
int req_add_query(req *r, const char *key, const char *value)
{
	return kv_add(r, &r->query, key, value);
}

static int hexval(char ch)
{
	return ch >= '0' && ch <= '9'   ? ch - '0'
	       : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
	       : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
					: -1;
}

/* In place: '+' is a space, %XX a byte (a bad escape stays as written). */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = 0;
}

void req_parse_query(req *r, const char *qs)
{
	char *dup = arena_strdup(&r->mem, qs), *save = NULL;
	for (char *p = strtok_r(dup, "&", &save); p; p = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(p, '=');
		if (eq)
			*eq++ = 0;
		unescape(p);
		if (eq)
			unescape(eq);
		if (req_add_query(r, p, eq ? eq : "") < 0)
			break;
	}
}

const char *req_query(req *r, const char *key)
{
	for (int i = 0; i < r->query.n; i++)
		if (!strcmp(r->query.items[i].k, key))
			return r->query.items[i].v;
	return NULL;
}

const char *req_header(req *r, const char *name)
{
	for (int i = 0; i < r->headers.n; i++)
		if (!strcasecmp(r->headers.items[i].k, name))
			return r->headers.items[i].v;
	return NULL;
}

int reply_json(req *r, int status, json_t *body)
{
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	free(r->resp);
	r->resp = body ? json_dumps(body, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	r->resp_len = r->resp ? strlen(r->resp) : 0;
	json_decref(body);
	return status;
}

int reply_problem(req *r)
{
	json_t *p = r->ctx.problem ? json_incref(r->ctx.problem)
				   : json_pack("{s:s, s:s, s:i}", "type", "about:blank", "title", "Error", "status",
					       r->ctx.status ? r->ctx.status : 500);
	int st = (int)json_integer_value(json_object_get(p, "status"));
	reply_json(r, st ? st : 500, p);
	r->ctype = "application/problem+json; charset=utf-8";
	return r->status;
}

int reply_text(req *r, int status, const char *ctype, const char *text)
{
	r->status = status;
	r->ctype = ctype;
	free(r->resp);
	r->resp = xstrdup(text);
	r->resp_len = strlen(text);
	return status;
}

json_t *req_json_body(req *r, int *status)
{
	*status = 0;
	if (!r->body_len) {
		*status = ctx_problem(&r->ctx, PROB_MISSING_BODY, TR(&r->ctx, "应为 JSON", "a JSON body is required"));
		return NULL;
	}
	json_error_t e;
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		*status =
			ctx_problemf(&r->ctx, PROB_BAD_JSON,
				     r->ctx.en ? "line %d, column %d (byte %d): %s" : "第 %d 行第 %d 列（字节 %d）：%s",
				     e.line, e.column, e.position, e.text);
		return NULL;
	}
	return j;
}

int64_t req_if_match(req *r, json_t *body)
{
	const char *h = req_header(r, "If-Match");
	if (h) {
		while (*h == 'W' || *h == '/' || *h == '"' || *h == ' ')
			h++;
		char *end;
		long long v = strtoll(h, &end, 10);
		if (end != h && v >= 0)
			return v;
		return -2;
	}
	json_t *v = body ? json_object_get(body, "version") : NULL;
	return json_is_integer(v) ? json_integer_value(v) : -1;
}

int64_t seg_id(req *r, int i)
{
	if (i >= r->nsegs)
		return -1;
	const char *s = r->segs[i];
	if (!*s || strlen(s) > 18)
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	return num_or(s, 1, INT64_MAX, -1);
}

static void split_path(req *r, const char *path)
{
	char *dup = arena_strdup(&r->mem, path), *save = NULL;
	r->segs = arena_alloc(&r->mem, sizeof(char *) * 16);
	for (char *s = strtok_r(dup, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (r->nsegs >= 16)
			break;
		r->segs[r->nsegs++] = s;
	}
}

static const route *match_route(req *r, int *method_mismatch)
{
	*method_mismatch = 0;
	for (int i = 0; i < api_nroutes; i++) {
		const route *rt = &api_routes[i];
		char *pat = xstrdup(rt->pattern), *save = NULL;
		int k = 0, ok = 1;
		for (char *s = strtok_r(pat, "/", &save); s; s = strtok_r(NULL, "/", &save), k++) {
			if (k >= r->nsegs || (s[0] != ':' && strcmp(s, r->segs[k]))) {
				ok = 0;
				break;
			}
		}
		free(pat);
		if (!ok || k != r->nsegs)
			continue;
		if (strcmp(rt->method, r->method)) {
			*method_mismatch = 1;
			continue;
		}
		return rt;
	}
	return NULL;
}

/* A cookie of the Cookie header ("a=1; zj_session=…"); name ends with '='. */
static const char *cookie_value(req *r, const char *name)
{
	const char *h = req_header(r, "Cookie");
	if (!h)
		return NULL;
	size_t nl = strlen(name);
	for (const char *p = h; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl && !strncmp(p, name, nl)) {
			while (len > nl && (p[len - 1] == ' ' || p[len - 1] == '\t'))
				len--;
			char *v = arena_alloc(&r->mem, len - nl + 1);
			memcpy(v, p + nl, len - nl);
			v[len - nl] = 0;
			return v;
		}
		p += len;
	}
	return NULL;
}

static const char *cookie_token(req *r)
{
	return cookie_value(r, "zj_session=");
}

static int authenticate(req *r)
{
	zj_ctx *c = &r->ctx;
	const char *auth = req_header(r, "Authorization");
	if (auth && !strncasecmp(auth, "Bearer ", 7)) {
		r->is_bearer = 1;
		return auth_resolve(c, auth + 7, 1);
	}
	const char *tok = cookie_token(r);
	if (!tok)
		return ctx_problem(c, PROB_NOT_SIGNED_IN, TR(c, "请先登录", "Please sign in"));
	int rc = auth_resolve(c, tok, 0);
	if (rc)
		return rc;
	/* Cookie-authenticated writes must carry the session's CSRF token. */
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
		const char *h = req_header(r, "X-CSRF-Token");
		if (!h || strlen(h) != strlen(c->user->csrf) || sodium_memcmp(h, c->user->csrf, strlen(h)) != 0)
			return ctx_problem(c, PROB_CSRF,
					   TR(c, "请求缺少有效的 X-CSRF-Token 头，请刷新页面后重试",
					      "The request lacks a valid X-CSRF-Token header; reload and retry"));
	}
	return 0;
}

static int is_api(const char *url)
{
	return !strncmp(url, "/api/v1/", 8) || !strcmp(url, "/api/v1");
}

int req_route(req *r)
{
	if (r->routed)
		return r->ctx.problem ? r->ctx.status : 0;
	r->routed = 1;
	const char *al = req_header(r, "Accept-Language");
	r->ctx.en = al && !strncasecmp(al, "en", 2);
	if (!is_api(r->url))
		return 0;
	zj_ctx *c = &r->ctx;
	split_path(r, r->url + 7);
	int mm;
	const route *rt = match_route(r, &mm);
	if (!rt) {
		r->route = "unmatched";
		return mm ? ctx_problem(c, PROB_METHOD_NOT_ALLOWED, NULL) : ctx_problem(c, PROB_NO_SUCH_RESOURCE, NULL);
	}
	r->rt = rt;
	r->route = rt->pattern;
	if (!strncmp(rt->pattern, ":entity", 7)) {
		r->entity = registry_find(r->segs[0]);
		if (!r->entity)
			return ctx_problem(c, PROB_NO_SUCH_ENTITY, r->segs[0]);
		if (!strncmp(rt->pattern, ":entity/:id", 11)) {
			r->id = seg_id(r, 1);
			if (r->id < 0)
				return ctx_problem(c, PROB_NOT_FOUND, NULL);
		}
	}
	return 0;
}

static void audit_denied(req *r)
{
	json_t *a = json_pack("{s:s, s:s}", "method", r->method, "url", r->url);
	audit_append(&r->ctx, "denied", "http", 0, NULL, a);
	json_decref(a);
}

/* Who asks and whether they may, from the headers (c->db held): the
 * session or token, CSRF, the forced password change, the route's own
 * check. 0, else the status with the problem set. */
static int gate(req *r)
{
	zj_ctx *c = &r->ctx;
	const route *rt = r->rt;
	if (!rt->public_route) {
		if (authenticate(r)) {
			if (c->status == 403)
				audit_denied(r);
			return c->status;
		}
		/* A forced password change blocks everything but the change itself. */
		if (c->user->must_change_password && strcmp(rt->pattern, "session") &&
		    strcmp(rt->pattern, "session/password") && strcmp(rt->pattern, "meta")) {
			ctx_problem(c, PROB_PASSWORD_CHANGE_REQUIRED,
				    TR(c, "首次登录或密码被重置后须先修改密码",
				       "Change your password first (first sign-in or after a reset)"));
			json_object_set_new(c->problem, "code", json_string("must_change_password"));
			audit_denied(r);
			return 403;
		}
	}
	int st = rt->may ? rt->may(r) : 0;
	if (st == 403 && c->user)
		audit_denied(r);
	r->gated = !st;
	return st;
}

/* A connection from the pool, within its bounded wait; 0, else 503 with Retry-After. */
static int acquire_db(req *r)
{
	if (!r->ctx.db && r->pool)
		r->ctx.db = db_pool_get(r->pool);
	if (r->ctx.db)
		return 0;
	r->retry_after = 1;
	return ctx_problem(&r->ctx, PROB_BUSY,
			   TR(&r->ctx, "暂时没有空闲的数据库连接，请稍后重试",
			      "No database connection is free at the moment; retry shortly"));
}

int req_gate(req *r)
{
	if (!r->rt)
		return r->ctx.problem ? r->ctx.status : 0;
	int st = acquire_db(r);
	if (!st)
		st = gate(r);
	release_db(r);
	return st;
}

/* ---- read replica (serve --read-db; db/replica.h) ------------------------ */

static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* This session wrote within the replica's lag: on this node (any client),
 * or on any node (a browser, by its zj_rw cookie). */
static int session_pinned(req *r)
{
	if (r->ctx.user && db_replica_pinned(r->replica, r->ctx.user->session_id))
		return 1;
	const char *v = cookie_value(r, "zj_rw=");
	return v && strtoll(v, NULL, 10) > wall_ms();
}

/* ctx.db becomes a replica connection; the primary's goes back to the pool
 * (or, the caller's own, is kept for the way back). 1 when moved. */
static int to_replica(req *r, db **kept)
{
	db *rd = db_replica_get(r->replica);
	if (!rd)
		return 0;
	if (r->pool)
		db_pool_put(r->pool, r->ctx.db);
	else
		*kept = r->ctx.db;
	r->ctx.db = rd, r->on_replica = 1;
	return 1;
}

/* Back to the primary (broken: the replica's connection failed and is
 * closed); 0, else the 503 problem set. */
static int back_to_primary(req *r, db *kept, int broken)
{
	if (broken)
		db_replica_failed(r->replica, r->ctx.db);
	else
		db_replica_put(r->replica, r->ctx.db);
	r->ctx.db = kept, r->on_replica = 0;
	return acquire_db(r);
}

/* The handler's answer from the replica is dropped for a run on the primary. */
static int replica_retry(req *r, db *kept)
{
	free(r->resp);
	r->resp = NULL, r->resp_len = 0, r->status = 0, r->ctype = NULL;
	free(r->content_disposition);
	r->content_disposition = NULL;
	ctx_clear(&r->ctx);
	db_replica_count(r->replica, 0);
	return back_to_primary(r, kept, 1);
}

/* After a write, this session reads from the primary for the replica's
 * lag: pinned on this node, and a browser carries the pin to the others. */
static void pin_after_write(req *r)
{
	/* a sign-in (a public route) writes only its session, which the gate reads on the primary */
	if (!r->replica || !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD") || r->status >= 400 || !r->status ||
	    r->rt->public_route)
		return;
	int64_t ms = db_replica_pin_ms(r->replica);
	if (r->ctx.user)
		db_replica_pin(r->replica, r->ctx.user->session_id);
	if (r->is_bearer)
		return;
	char ck[160];
	snprintf(ck, sizeof ck, "zj_rw=%lld; Path=/api/v1; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
		 (long long)(wall_ms() + ms), (long long)(ms + 999) / 1000, r->tls ? "; Secure" : "");
	free(r->pin_cookie);
	r->pin_cookie = xstrdup(ck);
}

db_pool *req_read_pool(req *r)
{
	if (r->replica && db_replica_usable(r->replica) && !session_pinned(r)) {
		db_replica_count(r->replica, 1);
		return db_replica_pool(r->replica);
	}
	if (r->replica)
		db_replica_count(r->replica, 0);
	return r->pool;
}

static void handle_api(req *r)
{
	zj_ctx *c = &r->ctx;
	if (c->problem) { /* no such route: found from the request line */
		reply_problem(r);
		return;
	}
	if (r->too_large) {
		ctx_problemf(c, PROB_TOO_LARGE, c->en ? "limit %zu bytes" : "上限 %zu 字节", r->body_limit);
		reply_problem(r);
		return;
	}
	if (r->busy) {
		r->retry_after = 5;
		ctx_problem(c, PROB_BUSY,
			    TR(c, "服务器暂时无法接收请求体，请稍后重试",
			       "The server cannot take the request body now; retry shortly"));
		reply_problem(r);
		return;
	}
	if (acquire_db(r)) {
		reply_problem(r);
		return;
	}
	if (!r->gated && gate(r)) {
		reply_problem(r);
		release_db(r);
		return;
	}
	db *kept = NULL; /* the caller's own connection (no pool) while the replica serves */
	int ro = r->replica && r->rt->reads_only && r->rt->reads_only(r);
	if (ro && !(db_replica_usable(r->replica) && !session_pinned(r) && to_replica(r, &kept)))
		db_replica_count(r->replica, 0);
	unsigned long failed = db_step_failures();
	r->rt->fn(r);
	if (r->on_replica && (r->status >= 500 || db_step_failures() != failed) && !r->stream_read) {
		/* the replica failed (stopped, a conflict with recovery): the handler
		 * writes nothing, so it runs again on the primary */
		if (replica_retry(r, kept)) {
			reply_problem(r);
			return;
		}
		failed = db_step_failures();
		r->rt->fn(r);
	} else if (r->on_replica)
		db_replica_count(r->replica, 1);
	if (db_step_failures() != failed && r->status < 400 && !r->stream_read) {
		/* a statement failed and the handler answered anyway: no part of an
		 * answer is given as whole (the reader that stopped early is named in the log) */
		ctx_internal(c, r->route ? r->route : r->url, "a statement failed while the answer was read");
		reply_problem(r);
	}
	/* a refusal is recorded on the primary (without a free connection there it is answered only) */
	if (r->status == 403 && c->user && (!r->on_replica || !back_to_primary(r, kept, 0)))
		audit_denied(r);
	pin_after_write(r);
	/* the connection goes back now, not when the client has read the answer */
	release_db(r);
}

void req_handle(req *r, const char *web_root)
{
	req_route(r);
	const char *url = r->url;
	if (is_api(url))
		handle_api(r);
	else if (!strcmp(url, "/healthz")) {
		r->route = "healthz";
		reply_text(r, 200, "text/plain; charset=utf-8", "ok\n");
	} else if (!strcmp(url, "/metrics")) {
		r->route = "metrics";
		if (!metrics_allowed(r->ip, req_header(r, "Authorization"))) {
			ctx_problem(&r->ctx, PROB_FORBIDDEN,
				    TR(&r->ctx, "指标只对配置的地址或持有令牌者开放",
				       "Metrics are for the configured addresses or the metrics token"));
			reply_problem(r);
		} else {
			char *m = metrics_render();
			reply_text(r, 200, "text/plain; version=0.0.4; charset=utf-8", m);
			free(m);
		}
	} else if (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) {
		r->route = "static";
		static_serve(r, web_root);
		r->html = r->ctype && !strncmp(r->ctype, "text/html", 9);
	} else {
		r->route = "static";
		ctx_problem(&r->ctx, PROB_METHOD_NOT_ALLOWED, NULL);
		reply_problem(r);
	}
	req_drop_body(r); /* not needed once the handler has run */
}

void req_each_header(req *r, void (*add)(void *cls, const char *name, const char *value), void *cls)
{
	if (r->ctype)
		add(cls, "Content-Type", r->ctype);
	if (r->set_cookie)
		add(cls, "Set-Cookie", r->set_cookie);
	if (r->pin_cookie)
		add(cls, "Set-Cookie", r->pin_cookie);
	if (r->etag[0])
		add(cls, "ETag", r->etag);
	if (r->content_disposition)
		add(cls, "Content-Disposition", r->content_disposition);
	if (r->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof ra, "%d", r->retry_after);
		add(cls, "Retry-After", ra);
	}
	add(cls, "X-Content-Type-Options", "nosniff");
	add(cls, "Referrer-Policy", "no-referrer");
	/* a stored file (image, PDF) is previewed in the console's own frame: no script runs in it */
	add(cls, "X-Frame-Options", r->frameable ? "SAMEORIGIN" : "DENY");
	add(cls, "Content-Security-Policy",
	    r->frameable
		    ? "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'"
		    : "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
		      "script-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
	add(cls, "Cache-Control", r->html ? "no-cache" : "no-store");
	if (r->tls)
		add(cls, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
