/* server.c — libmicrohttpd daemon (thread pool + epoll), request
 * accumulation with body limits, authentication and CSRF, dispatch to the
 * route table, security headers, access log, metrics and a clean drain on
 * SIGTERM. Per the measured trap (DESIGN.md §9), a handler never queues a
 * response on the first call for a request. */
#include "core/audit.h"
#include "core/auth.h"
#include "core/entity.h"
#include "core/jobs.h"
#include "lib/tabular.h"
#include "web/http.h"
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
#define UPLOAD_BODY_LIMIT (20u << 20)

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
	json_t *p = r->ctx.problem ? json_incref(r->ctx.problem)
				   : json_pack("{s:s, s:s, s:i}", "type", "about:blank", "title", "Error", "status", r->ctx.status ? r->ctx.status : 500);
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
		*status = ctx_fail(&r->ctx, 400, "缺少请求体", "Missing request body", TR(&r->ctx, "应为 JSON", "a JSON body is required"));
		return NULL;
	}
	json_error_t e;
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		*status = ctx_failf(&r->ctx, 400, "JSON 格式错误", "Malformed JSON",
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
		return ctx_fail(c, 401, "未登录或会话已过期", "Not signed in or session expired", TR(c, "请先登录", "Please sign in"));
	int rc = auth_resolve(c, tok, 0);
	if (rc)
		return rc;
	/* Cookie-authenticated writes must carry the session's CSRF token. */
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
		const char *h = req_header(r, "X-CSRF-Token");
		if (!h || strlen(h) != strlen(c->user->csrf) || sodium_memcmp(h, c->user->csrf, strlen(h)) != 0)
			return ctx_fail(c, 403, "CSRF 校验失败", "CSRF check failed",
					TR(c, "请求缺少有效的 X-CSRF-Token 头，请刷新页面后重试", "The request lacks a valid X-CSRF-Token header; reload and retry"));
	}
	return 0;
}

static void handle_api(req *r, const char *path)
{
	zj_ctx *c = &r->ctx;
	split_path(r, path);
	int mm;
	const route *rt = match_route(r, &mm);
	if (!rt) {
		r->route = "unmatched";
		if (mm)
			ctx_fail(c, 405, "不支持的请求方法", "Method not allowed", NULL);
		else
			ctx_fail(c, 404, "没有这个接口", "No such resource", NULL);
		reply_problem(r);
		return;
	}
	r->route = rt->pattern;
	if (!strncmp(rt->pattern, ":entity", 7)) {
		r->entity = registry_find(r->segs[0]);
		if (!r->entity) {
			ctx_fail(c, 404, "没有这类记录", "No such kind of record", r->segs[0]);
			reply_problem(r);
			return;
		}
		if (!strncmp(rt->pattern, ":entity/:id", 11) && (r->id = seg_id(r, 1)) < 0) {
			ctx_fail(c, 404, "记录不存在", "Not found", NULL);
			reply_problem(r);
			return;
		}
	}
	if (r->too_large) {
		ctx_failf(c, 413, "请求体过大", "Request body too large", c->en ? "limit %zu bytes" : "上限 %zu 字节", r->body_limit);
		reply_problem(r);
		return;
	}
	c->db = db_pool_get(pool);
	if (!c->db) {
		ctx_fail(c, 503, "数据库不可用", "Database unavailable", NULL);
		reply_problem(r);
		return;
	}
	if (!rt->public_route) {
		if (authenticate(r)) {
			if (c->status == 403) {
				json_t *a = json_pack("{s:s, s:s}", "method", r->method, "url", r->url);
				audit_append(c, "denied", "http", 0, NULL, a);
				json_decref(a);
			}
			reply_problem(r);
			return;
		}
		/* A forced password change blocks everything but the change itself. */
		if (c->user->must_change_password && strcmp(rt->pattern, "session") && strcmp(rt->pattern, "session/password") &&
		    strcmp(rt->pattern, "meta")) {
			ctx_fail(c, 403, "请先修改密码", "Password change required",
				 TR(c, "首次登录或密码被重置后须先修改密码", "Change your password first (first sign-in or after a reset)"));
			json_object_set_new(c->problem, "code", json_string("must_change_password"));
			json_t *a = json_pack("{s:s, s:s}", "method", r->method, "url", r->url);
			audit_append(c, "denied", "http", 0, NULL, a);
			json_decref(a);
			reply_problem(r);
			return;
		}
	}
	rt->fn(r);
	if (r->status == 403 && c->user) {
		json_t *a = json_pack("{s:s, s:s}", "method", r->method, "url", r->url);
		audit_append(c, "denied", "http", 0, NULL, a);
		json_decref(a);
	}
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
	if (r->ctx.db)
		db_pool_put(pool, r->ctx.db);
	ctx_clear(&r->ctx);
	auth_user_free(r->ctx.user);
	arena_free(&r->mem);
	free(r->body);
	free(r->resp);
	free(r->set_cookie);
	free(r->content_disposition);
	free(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	req *r = *con_cls;
	if (!r)
		return;
	long long us = now_us() - r->t0_us;
	metrics_observe(r->route ? r->route : "static", r->status, us, 0);
	if (access_log) {
		pthread_mutex_lock(&log_mu);
		fprintf(access_log, "%s %s %s %s %d %.1fms\n", r->ctx.now, r->ip, r->method, r->url, r->status, us / 1000.0);
		fflush(access_log);
		pthread_mutex_unlock(&log_mu);
	}
	req_free(r);
	*con_cls = NULL;
}

static void client_ip(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "-");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, (socklen_t)n);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	req *r = *con_cls;
	if (!r) {
		r = calloc(1, sizeof *r);
		r->conn = conn;
		r->t0_us = now_us();
		snprintf(r->method, sizeof r->method, "%s", method);
		r->url = arena_strdup(&r->mem, url);
		/* imports and evidence uploads take files; everything else is a small JSON body */
		r->body_limit = strstr(url, "/import") || strstr(url, "/actions/upload") ? UPLOAD_BODY_LIMIT : DEFAULT_BODY_LIMIT;
		ctx_init(&r->ctx, NULL);
		client_ip(conn, r->ip, sizeof r->ip);
		r->ctx.ip = r->ip;
		const char *al = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language");
		r->ctx.en = al && !strncasecmp(al, "en", 2);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > r->body_limit)
			r->too_large = 1;
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_large) {
			if (r->body_len + *upload_size > r->body_limit) {
				r->too_large = 1;
				free(r->body);
				r->body = NULL, r->body_len = r->body_cap = 0;
			} else {
				if (r->body_len + *upload_size + 1 > r->body_cap) {
					size_t cap = r->body_cap ? r->body_cap : 4096;
					while (cap < r->body_len + *upload_size + 1)
						cap *= 2;
					r->body = realloc(r->body, cap);
					r->body_cap = cap;
				}
				memcpy(r->body + r->body_len, upload_data, *upload_size);
				r->body_len += *upload_size;
				r->body[r->body_len] = 0;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
	int html = 0;
	if (!strncmp(url, "/api/v1/", 8) || !strcmp(url, "/api/v1"))
		handle_api(r, url + 7);
	else if (!strcmp(url, "/healthz")) {
		r->route = "healthz";
		reply_text(r, 200, "text/plain; charset=utf-8", "ok\n");
	} else if (!strcmp(url, "/metrics")) {
		r->route = "metrics";
		char *m = metrics_render();
		reply_text(r, 200, "text/plain; version=0.0.4; charset=utf-8", m);
		free(m);
	} else if (!strcmp(method, "GET") || !strcmp(method, "HEAD")) {
		r->route = "static";
		static_serve(r, opts->web_root);
		html = r->ctype && !strncmp(r->ctype, "text/html", 9);
	} else {
		r->route = "static";
		ctx_fail(&r->ctx, 405, "不支持的请求方法", "Method not allowed", NULL);
		reply_problem(r);
	}
	struct MHD_Response *resp = r->custom;
	if (!resp && r->resp) {
		/* hand the body to libmicrohttpd: no copy of a 20 KB list page per request */
		resp = MHD_create_response_from_buffer(r->resp_len, r->resp, MHD_RESPMEM_MUST_FREE);
		r->resp = NULL;
	} else if (!resp)
		resp = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->etag[0])
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->content_disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->content_disposition);
	add_security_headers(resp, html);
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)(r->status ? r->status : 500), resp);
	MHD_destroy_response(resp);
	return ret;
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
	if (tls_on)
		daemon_h = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, &addr,
					    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
					    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
					    MHD_OPTION_HTTPS_MEM_CERT, tls_cert_pem, MHD_OPTION_HTTPS_MEM_KEY, tls_key_pem, MHD_OPTION_END);
	else
		daemon_h = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, &addr,
					    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
					    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024, MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_END);
	if (!daemon_h) {
		fprintf(stderr, "zhijian serve: cannot listen on %s:%d (in use?)\n", host, port);
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(daemon_h, MHD_DAEMON_INFO_BIND_PORT);
	if (bound_port)
		*bound_port = di ? di->port : (unsigned)port;
	fprintf(stderr, "zhijian: serving %s://%s:%u/ (%d threads, %s)\n", tls_on ? "https" : "http", host,
		di ? di->port : (unsigned)port, threads, o->db_uri);
	return 0;
}

void server_stop(void)
{
	MHD_quiesce_daemon(daemon_h);
	for (int i = 0; i < 100; i++) {
		const union MHD_DaemonInfo *ci = MHD_get_daemon_info(daemon_h, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!ci || ci->num_connections == 0)
			break;
		usleep(100000);
	}
	MHD_stop_daemon(daemon_h);
	daemon_h = NULL;
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
