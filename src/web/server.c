/* server.c — libmicrohttpd daemon (thread pool + epoll), the request's
 * life (route, authentication and CSRF from the headers, the body, the
 * handler, the response), security headers, access log, metrics and a clean
 * drain on SIGTERM. Per the measured trap (DESIGN.md §9), a normal request
 * is answered on a later call, never the first; the one exception is a
 * request whose body we refuse to read (no session, no permission, too
 * large, memory full): it is answered at once and its connection closes.
 * A request holds a database connection only while its handler runs, never
 * while its body arrives or its response leaves (limits.h, docs/security.md). */
#include "core/audit.h"
#include "core/auth.h"
#include "core/entity.h"
#include "core/jobs.h"
#include "lib/tabular.h"
#include "web/http.h"
#include "web/limits.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#define DEFAULT_BODY_LIMIT (1u << 20)

static db_pool *pool;
static const server_opts *opts;
static int tls_on;
static FILE *access_log;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

db_pool *server_pool(void) { return pool; }

static long long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

const char *req_header(req *r, const char *name) { return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name); }

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
	if (!r->ctx.problem) /* a status without a problem is a path that forgot one: an internal failure */
		ctx_problem(&r->ctx, PROB_INTERNAL, NULL);
	json_t *p = json_incref(r->ctx.problem);
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
	r->resp = strdup(text);
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
		*status = ctx_problemf(&r->ctx, PROB_BAD_JSON,
				    r->ctx.en ? "line %d, column %d (byte %d): %s" : "第 %d 行第 %d 列（字节 %d）：%s", e.line, e.column, e.position, e.text);
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
	long long v = atoll(s);
	return v > 0 ? v : -1;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	req *r = cls;
	if (r->query.n >= 256)
		return MHD_NO;
	if ((r->query.n & 15) == 0) { /* grow by 16 in the arena */
		kv *items = arena_alloc(&r->mem, sizeof(kv) * (size_t)(r->query.n + 16));
		if (r->query.n)
			memcpy(items, r->query.items, sizeof(kv) * (size_t)r->query.n);
		r->query.items = items;
	}
	r->query.items[r->query.n].k = key;
	r->query.items[r->query.n].v = value ? value : "";
	r->query.n++;
	return MHD_YES;
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
		char *pat = strdup(rt->pattern), *save = NULL;
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

static const char *cookie_token(req *r)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "zj_session");
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
					TR(c, "请求缺少有效的 X-CSRF-Token 头，请刷新页面后重试", "The request lacks a valid X-CSRF-Token header; reload and retry"));
	}
	return 0;
}

/* Finds the route and resolves ":entity" and ":entity/:id" from the request
 * line alone; 0, else the status with the problem set. */
static int resolve_route(req *r, const char *path)
{
	zj_ctx *c = &r->ctx;
	split_path(r, path);
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
		if (!strncmp(rt->pattern, ":entity/:id", 11) && (r->id = seg_id(r, 1)) < 0)
			return ctx_problem(c, PROB_NOT_FOUND, NULL);
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
		if (c->user->must_change_password && strcmp(rt->pattern, "session") && strcmp(rt->pattern, "session/password") &&
		    strcmp(rt->pattern, "meta")) {
			ctx_problem(c, PROB_PASSWORD_CHANGE_REQUIRED,
				 TR(c, "首次登录或密码被重置后须先修改密码", "Change your password first (first sign-in or after a reset)"));
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

static int db_unavailable(req *r)
{
	r->retry_after = 1;
	return ctx_problem(&r->ctx, PROB_BUSY,
			TR(&r->ctx, "暂时没有空闲的数据库连接，请稍后重试", "No database connection is free at the moment; retry shortly"));
}

static void release_db(req *r)
{
	if (r->ctx.db)
		db_pool_put(pool, r->ctx.db);
	r->ctx.db = NULL;
}

/* The body is no longer needed once the handler has run. */
static void drop_body(req *r)
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

static void handle_api(req *r)
{
	zj_ctx *c = &r->ctx;
	if (c->problem) { /* no such route: found on the first call */
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
		if (!c->problem)
			ctx_problem(c, PROB_BUSY, TR(c, "服务器暂时无法接收请求体，请稍后重试", "The server cannot take the request body now; retry shortly"));
		reply_problem(r);
		return;
	}
	c->db = db_pool_get(pool);
	if (!c->db) {
		db_unavailable(r);
		reply_problem(r);
		return;
	}
	if (!r->gated && gate(r)) {
		reply_problem(r);
		release_db(r);
		return;
	}
	r->rt->fn(r);
	if (r->status == 403 && c->user)
		audit_denied(r);
	/* the connection goes back now, not when the client has read the answer */
	release_db(r);
}

static void add_security_headers(struct MHD_Response *resp, int html)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
				"script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
	MHD_add_response_header(resp, "Cache-Control", html ? "no-cache" : "no-store");
	if (tls_on)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

static void req_free(req *r)
{
	release_db(r);
	drop_body(r);
	ctx_clear(&r->ctx);
	auth_user_free(r->ctx.user);
	arena_free(&r->mem);
	free(r->resp);
	free(r->set_cookie);
	free(r->content_disposition);
	free(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	req *r = *con_cls;
	limits_request_done(conn); /* a kept-alive connection: the next request's headers have their deadline */
	if (!r)
		return;
	long long us = now_us() - r->t0_us;
	metrics_observe(r->route ? r->route : "static", r->status, us, 0);
	if (access_log) {
		pthread_mutex_lock(&log_mu);
		access_log_write(access_log, r->ctx.now, r->ip, r->method, r->url, r->status, us / 1000.0, req_header(r, "User-Agent"));
		pthread_mutex_unlock(&log_mu);
	}
	req_free(r);
	*con_cls = NULL;
}

static enum MHD_Result respond(req *r, int html)
{
	struct MHD_Response *resp = r->custom;
	if (!resp && r->resp) {
		/* hand the body to libmicrohttpd: no copy of a 20 KB list page per request */
		resp = MHD_create_response_from_buffer(r->resp_len, r->resp, MHD_RESPMEM_MUST_FREE);
		r->resp = NULL;
	} else if (!resp)
		resp = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	r->custom = NULL;
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->etag[0])
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->content_disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->content_disposition);
	if (r->retry_after > 0) {
		char ra[16];
		snprintf(ra, sizeof ra, "%d", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", ra);
	}
	add_security_headers(resp, html);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)(r->status ? r->status : 500), resp);
	MHD_destroy_response(resp);
	return ret;
}

/* The first call: only the headers are here. Route, limits and, when a body
 * follows, authentication and authorisation — so that no byte of a body is
 * read (let alone held) for someone who may not send it. */
static enum MHD_Result first_call(struct MHD_Connection *conn, void **con_cls, const char *url, const char *method)
{
	limits_headers_done(conn);
	req *r = calloc(1, sizeof *r);
	if (!r)
		return MHD_NO;
	r->conn = conn;
	r->upload_fd = -1;
	r->t0_us = now_us();
	snprintf(r->method, sizeof r->method, "%s", method);
	r->url = arena_strdup(&r->mem, url);
	ctx_init(&r->ctx, NULL);
	client_address(conn, r->ip, sizeof r->ip);
	r->ctx.ip = r->ip;
	const char *al = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language");
	r->ctx.en = al && !strncasecmp(al, "en", 2);
	*con_cls = r;
	int api = !strncmp(url, "/api/v1/", 8) || !strcmp(url, "/api/v1");
	if (api && resolve_route(r, url + 7))
		r->body_limit = 0;
	else
		r->body_limit = !api ? 0 : r->rt->limit && r->rt->limit(r) ? r->rt->limit(r) : r->rt->body_limit ? r->rt->body_limit : DEFAULT_BODY_LIMIT; /* the rest take no body */
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
	unsigned long long clen = cl ? strtoull(cl, NULL, 10) : 0;
	if (!clen && !te)
		return MHD_YES; /* no body: everything happens on the next call */
	if (clen > r->body_limit)
		r->too_large = 1;
	int st = r->ctx.problem ? r->ctx.status : 0;
	if (!st && !api && strcmp(method, "GET") && strcmp(method, "HEAD"))
		st = ctx_problem(&r->ctx, PROB_METHOD_NOT_ALLOWED, NULL);
	else if (!st && !api)
		st = ctx_problem(&r->ctx, PROB_TOO_LARGE, TR(&r->ctx, "此地址不接收请求体", "this address takes no request body"));
	if (!st) {
		r->ctx.db = db_pool_get(pool);
		st = r->ctx.db ? gate(r) : db_unavailable(r);
		release_db(r);
	}
	/* An authorised client a little over the limit gets its 413 after the
	 * body, read and dropped (a client still writing may miss an early
	 * answer); anyone far over it is answered now. */
	if (!st && r->too_large && clen > 2 * (unsigned long long)r->body_limit)
		st = ctx_problemf(&r->ctx, PROB_TOO_LARGE, r->ctx.en ? "limit %zu bytes" : "上限 %zu 字节", r->body_limit);
	if (!st && r->too_large)
		return MHD_YES;
	if (!st && !r->rt->upload && clen) {
		/* a body held in memory counts against ZJ_BODY_MEMORY from the start */
		if (body_mem_take((size_t)clen + 1))
			r->body_held = (size_t)clen + 1;
		else {
			r->retry_after = 5;
			st = ctx_problem(&r->ctx, PROB_BUSY, TR(&r->ctx, "服务器暂时无法接收请求体，请稍后重试", "The server cannot take the request body now; retry shortly"));
		}
	}
	if (!st)
		return MHD_YES;
	/* refused from the headers: answer now; the unread body closes the connection */
	reply_problem(r);
	return respond(r, 0);
}

static int open_upload(req *r)
{
	snprintf(r->upload_path, sizeof r->upload_path, "%s/zj-upload-XXXXXX", limits_get()->upload_dir);
	r->upload_fd = mkostemp(r->upload_path, O_CLOEXEC);
	if (r->upload_fd < 0) {
		limits_logf("cannot create an upload file in %s", limits_get()->upload_dir);
		r->upload_path[0] = 0;
		return -1;
	}
	return 0;
}

/* A piece of the body: to the request's temporary file (uploads) or to
 * memory within the request's limit and the global cap. */
static void take_body(req *r, const char *data, size_t n)
{
	if (r->too_large || r->busy)
		return; /* refused: read and dropped */
	if (r->body_len + n > r->body_limit) {
		r->too_large = 1;
		drop_body(r);
		return;
	}
	if (r->rt->upload) {
		if (r->upload_fd < 0 && open_upload(r) != 0) {
			r->busy = 1;
			return;
		}
		for (size_t off = 0; off < n;) {
			ssize_t w = write(r->upload_fd, data + off, n - off);
			if (w <= 0) {
				limits_logf("cannot write an upload file in %s (disk full?)", limits_get()->upload_dir);
				r->busy = 1;
				drop_body(r);
				return;
			}
			off += (size_t)w;
		}
		r->body_len += n;
		return;
	}
	size_t need = r->body_len + n + 1;
	if (need > r->body_held) { /* chunked, or more than announced */
		size_t more = need - r->body_held < 65536 ? 65536 : need - r->body_held;
		if (!body_mem_take(more)) {
			r->busy = 1;
			drop_body(r);
			return;
		}
		r->body_held += more;
	}
	if (need > r->body_cap) {
		size_t cap = r->body_cap ? r->body_cap : 4096;
		while (cap < need)
			cap *= 2;
		char *nb = realloc(r->body, cap);
		if (!nb) {
			r->busy = 1;
			drop_body(r);
			return;
		}
		r->body = nb, r->body_cap = cap;
	}
	memcpy(r->body + r->body_len, data, n);
	r->body_len += n;
	r->body[r->body_len] = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	req *r = *con_cls;
	if (!r)
		return first_call(conn, con_cls, url, method);
	if (*upload_size) {
		take_body(r, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
	int html = 0;
	if (!strncmp(url, "/api/v1/", 8) || !strcmp(url, "/api/v1"))
		handle_api(r);
	else if (!strcmp(url, "/healthz")) {
		r->route = "healthz";
		reply_text(r, 200, "text/plain; charset=utf-8", "ok\n");
	} else if (!strcmp(url, "/metrics")) {
		r->route = "metrics";
		if (!metrics_allowed(r->ip, req_header(r, "Authorization"))) {
			ctx_problem(&r->ctx, PROB_FORBIDDEN,
				 TR(&r->ctx, "指标只对配置的地址或持有令牌者开放", "Metrics are for the configured addresses or the metrics token"));
			reply_problem(r);
		} else {
			char *m = metrics_render();
			reply_text(r, 200, "text/plain; version=0.0.4; charset=utf-8", m);
			free(m);
		}
	} else if (!strcmp(method, "GET") || !strcmp(method, "HEAD")) {
		r->route = "static";
		static_serve(r, opts->web_root);
		html = r->ctype && !strncmp(r->ctype, "text/html", 9);
	} else {
		r->route = "static";
		ctx_problem(&r->ctx, PROB_METHOD_NOT_ALLOWED, NULL);
		reply_problem(r);
	}
	drop_body(r);
	return respond(r, html);
}

/* A PEM file, NUL-terminated as libmicrohttpd wants it; NULL when unreadable. */
static char *read_file(const char *path)
{
	void *buf = NULL;
	size_t len;
	char err[128];
	return tab_load_file(path, (size_t)1 << 20, &buf, &len, err, sizeof err) == 0 ? buf : NULL;
}

static struct MHD_Daemon *daemon_h;
static char *tls_cert_pem, *tls_key_pem;

int server_start(const server_opts *o, unsigned *bound_port)
{
	opts = o;
	char err[512];
	int threads = o->threads > 0 ? o->threads : 4;
	pool = db_pool_new(o->db_uri, threads + 4, err, sizeof err);
	if (!pool) {
		fprintf(stderr, "zhijian serve: %s\n", err);
		return 1;
	}
	char host[64] = "127.0.0.1";
	int port = 8080;
	if (o->listen) {
		const char *colon = strrchr(o->listen, ':');
		if (!colon || sscanf(colon + 1, "%d", &port) != 1 || port < 0 || port > 65535) {
			fprintf(stderr, "zhijian serve: --listen must be HOST:PORT\n");
			return 2;
		}
		snprintf(host, sizeof host, "%.*s", (int)(colon - o->listen), o->listen);
	}
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		fprintf(stderr, "zhijian serve: cannot parse address %s\n", host);
		return 2;
	}
	access_log = getenv("ZJ_NO_ACCESS_LOG") ? NULL : stderr;
	/* ITC: MHD_quiesce_daemon (the SIGTERM drain) needs it with a thread pool. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC;
	if (o->tls_cert || o->tls_key) {
		tls_cert_pem = o->tls_cert ? read_file(o->tls_cert) : NULL;
		tls_key_pem = o->tls_key ? read_file(o->tls_key) : NULL;
		if (!tls_cert_pem || !tls_key_pem) {
			fprintf(stderr, "zhijian serve: cannot read --tls-cert and --tls-key\n");
			return 1;
		}
		flags |= MHD_USE_TLS;
		tls_on = 1;
	}
	signal(SIGPIPE, SIG_IGN);
	const server_limits *lim = limits_load((unsigned)(threads + 4) + 64);
	db_pool_set_wait(pool, lim->db_wait_ms);
	struct MHD_OptionItem ops[16];
	int k = 0;
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)limits_log, NULL}; /* first, or MHD complains */
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &addr};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, threads, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)limits_notify_connection, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT, 128 * 1024, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)lim->idle_timeout, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, (intptr_t)lim->max_conns, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t)lim->per_ip, NULL};
	if (tls_on) {
		ops[k++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, tls_cert_pem};
		ops[k++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, tls_key_pem};
	}
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	daemon_h = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
	if (!daemon_h) {
		fprintf(stderr, "zhijian serve: cannot listen on %s:%d (in use?)\n", host, port);
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(daemon_h, MHD_DAEMON_INFO_BIND_PORT);
	if (bound_port)
		*bound_port = di ? di->port : (unsigned)port;
	fprintf(stderr, "zhijian: serving %s://%s:%u/ (%d threads, %s; %u connections, %u per address, headers within %u s)\n",
		tls_on ? "https" : "http", host, di ? di->port : (unsigned)port, threads, o->db_uri, lim->max_conns, lim->per_ip,
		lim->header_timeout);
	limits_start();
	return 0;
}

void server_stop(void)
{
	MHD_quiesce_daemon(daemon_h);
	/* in-flight requests get ZJ_DRAIN_TIMEOUT seconds; a client that stopped reading does not hold the stop */
	for (int i = 0; i < limits_get()->drain_timeout * 10; i++) {
		const union MHD_DaemonInfo *ci = MHD_get_daemon_info(daemon_h, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!ci || ci->num_connections == 0)
			break;
		usleep(100000);
	}
	MHD_stop_daemon(daemon_h);
	daemon_h = NULL;
	limits_stop();
	db_pool_free(pool);
	pool = NULL;
	free(tls_cert_pem), free(tls_key_pem);
	tls_cert_pem = tls_key_pem = NULL;
}

int server_run(const server_opts *o)
{
	/* Block the stop signals before any thread starts, so only sigwait sees them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	int rc = server_start(o, NULL);
	if (rc)
		return rc;
	jobs_start(pool);
	int sig;
	sigwait(&set, &sig);
	fprintf(stderr, "zhijian: signal %d, draining\n", sig);
	jobs_stop();
	server_stop();
	fprintf(stderr, "zhijian: stopped\n");
	return 0;
}
