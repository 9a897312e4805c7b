/* server.c — libmicrohttpd daemon (thread pool + epoll), the request's
 * life over a connection: the route and the gate (authentication, CSRF, the
 * route's check) from the headers through req_route/req_gate, the body with
 * its limits (memory cap, uploads to temporary files), then req_handle
 * (dispatch.c: the handler and the response headers); access log, metrics
 * and a clean drain on SIGTERM. Per the measured trap (DESIGN.md §9), a
 * normal request is answered on a later call, never the first; the one
 * exception is a request whose body we refuse to read (no session, no
 * permission, too large, memory full): it is answered at once and its
 * connection closes.
 * A request holds a database connection only while its handler runs, never
 * while its body arrives or its response leaves (limits.h, docs/security.md). */
#include "core/jobs.h"
#include "db/replica.h"
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
static db_replica *replica; /* --read-db */
static const server_opts *opts;
static int tls_on;
static FILE *access_log;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

db_pool *server_pool(void)
{
	return pool;
}
db_replica *server_replica(void)
{
	return replica;
}

static long long now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

/* Arguments and headers point into libmicrohttpd's memory, which lives until the request completes. */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	return req_add_query(cls, key, value) == 0 ? MHD_YES : MHD_NO;
}

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	return req_add_header(cls, key, value) == 0 ? MHD_YES : MHD_NO;
}

static void add_header(void *cls, const char *name, const char *value)
{
	MHD_add_response_header(cls, name, value);
}

/* A streamed body (exports) belongs to its libmicrohttpd response, which may outlive the request. */
typedef struct stream {
	long (*read)(void *cls, char *buf, size_t max);
	void (*free)(void *cls);
	void *cls;
} stream;

static ssize_t stream_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	stream *s = cls;
	long n = s->read(s->cls, buf, max);
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : n;
}

static void stream_done(void *cls)
{
	stream *s = cls;
	if (s->free)
		s->free(s->cls);
	free(s);
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
		access_log_write(access_log, r->ctx.now, r->ip, r->method, r->url, r->status, us / 1000.0,
				 req_header(r, "User-Agent"));
		pthread_mutex_unlock(&log_mu);
	}
	req_free(r);
	*con_cls = NULL;
}

static enum MHD_Result respond(req *r)
{
	struct MHD_Response *resp = r->custom;
	if (!resp && r->stream_read) {
		stream *s = malloc(sizeof *s);
		if (!s)
			return MHD_NO;
		*s = (stream){r->stream_read, r->stream_free, r->stream_cls};
		r->stream_read = NULL, r->stream_free = NULL, r->stream_cls = NULL;
		resp = MHD_create_response_from_callback(r->stream_size > 0 ? (uint64_t)r->stream_size
									    : MHD_SIZE_UNKNOWN,
							 64 * 1024, stream_reader, s, stream_done);
	} else if (!resp && r->resp) {
		/* hand the body to libmicrohttpd: no copy of a 20 KB list page per request */
		resp = MHD_create_response_from_buffer(r->resp_len, r->resp, MHD_RESPMEM_MUST_FREE);
		r->resp = NULL;
	} else if (!resp)
		resp = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	r->custom = NULL;
	req_each_header(r, add_header, resp);
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
	req *r = req_new(method, url);
	r->conn = conn;
	r->pool = pool;
	r->replica = replica;
	r->tls = tls_on;
	r->t0_us = now_us();
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, r);
	client_address(conn, r->ip, sizeof r->ip);
	r->ctx.ip = r->ip;
	*con_cls = r;
	int api = !strncmp(url, "/api/v1/", 8) || !strcmp(url, "/api/v1");
	if (req_route(r) || !api)
		r->body_limit = 0; /* the rest take no body */
	else
		r->body_limit = r->rt->limit && r->rt->limit(r) ? r->rt->limit(r)
				: r->rt->body_limit             ? r->rt->body_limit
								: DEFAULT_BODY_LIMIT;
	const char *cl = req_header(r, "Content-Length");
	const char *te = req_header(r, "Transfer-Encoding");
	unsigned long long clen = cl ? strtoull(cl, NULL, 10) : 0;
	if (!clen && !te)
		return MHD_YES; /* no body: everything happens on the next call */
	if (clen > r->body_limit)
		r->too_large = 1;
	int st = r->ctx.problem ? r->ctx.status : 0;
	if (!st && !api && strcmp(method, "GET") && strcmp(method, "HEAD"))
		st = ctx_problem(&r->ctx, PROB_METHOD_NOT_ALLOWED, NULL);
	else if (!st && !api)
		st = ctx_problem(&r->ctx, PROB_TOO_LARGE,
				 TR(&r->ctx, "此地址不接收请求体", "this address takes no request body"));
	if (!st)
		st = req_gate(r);
	/* An authorised client a little over the limit gets its 413 after the
	 * body, read and dropped (a client still writing may miss an early
	 * answer); anyone far over it is answered now. */
	if (!st && r->too_large && clen > 2 * (unsigned long long)r->body_limit)
		st = ctx_problemf(&r->ctx, PROB_TOO_LARGE, r->ctx.en ? "limit %zu bytes" : "上限 %zu 字节",
				  r->body_limit);
	if (!st && r->too_large)
		return MHD_YES;
	if (!st && !r->rt->upload && clen) {
		/* a body held in memory counts against ZJ_BODY_MEMORY from the start */
		if (body_mem_take((size_t)clen + 1))
			r->body_held = (size_t)clen + 1;
		else {
			r->retry_after = 5;
			st = ctx_problem(&r->ctx, PROB_BUSY,
					 TR(&r->ctx, "服务器暂时无法接收请求体，请稍后重试",
					    "The server cannot take the request body now; retry shortly"));
		}
	}
	if (!st)
		return MHD_YES;
	/* refused from the headers: answer now; the unread body closes the connection */
	reply_problem(r);
	return respond(r);
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
		req_drop_body(r);
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
				req_drop_body(r);
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
			req_drop_body(r);
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
			req_drop_body(r);
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
	req_handle(r, opts->web_root);
	return respond(r);
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
	if (o->read_db) {
		replica = db_replica_new(o->read_db, o->read_threads > 0 ? o->read_threads : threads + 4,
					 o->read_max_lag_ms, err, sizeof err);
		if (!replica) {
			fprintf(stderr, "zhijian serve: --read-db: %s\n", err);
			db_pool_free(pool);
			pool = NULL;
			return 1;
		}
		fprintf(stderr,
			"zhijian: reads that write nothing go to the replica while it is within %d ms (now %s)\n",
			o->read_max_lag_ms > 0 ? o->read_max_lag_ms : 5000,
			db_replica_usable(replica) ? "in use" : "not in use: the primary answers");
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
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)limits_log,
					   NULL}; /* first, or MHD complains */
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
	fprintf(stderr,
		"zhijian: serving %s://%s:%u/ (%d threads, %s; %u connections, %u per address, headers within %u s)\n",
		tls_on ? "https" : "http", host, di ? di->port : (unsigned)port, threads, o->db_uri, lim->max_conns,
		lim->per_ip, lim->header_timeout);
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
	db_replica_free(replica);
	replica = NULL;
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
