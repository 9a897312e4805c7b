/* http.h — the request as handlers see it, the route table and the
 * response helpers. One `req` per HTTP request; everything it allocates is
 * released when the request completes. */
#ifndef ZJ_HTTP_H
#define ZJ_HTTP_H
#include "core/crud.h"
#include "core/ctx.h"
#include "lib/arena.h"
#include <microhttpd.h>

struct route;
typedef struct req {
	struct MHD_Connection *conn; /* NULL when driven in process (tests, fuzzing) */
	const struct route *rt;      /* matched from the request line (req_route) */
	int routed;                  /* req_route has run */
	arena mem;                   /* URL, path segments, query: freed in one go when the request completes */
	char method[8];
	char *url;
	char *body; /* a body in memory (JSON), NUL-terminated */
	size_t body_len, body_cap, body_limit;
	size_t body_held;      /* bytes counted against ZJ_BODY_MEMORY */
	int too_large, busy;   /* 413; 503 (memory cap or a write error) */
	int upload_fd;         /* routes that take a file: the body streams here (-1: none) */
	char upload_path[300]; /* ...a temporary file the handler may take over (then cleared) */
	int gated;             /* authenticated and authorised from the headers already */
	int retry_after;       /* seconds, for 503 and 429 */
	zj_ctx ctx;
	kv_list query;
	char **segs; /* path segments after /api/v1 */
	int nsegs;
	/* resolved by the router for patterns ":entity..." and ":entity/:id...": 404 before any handler runs */
	const struct entity_def *entity;
	int64_t id;
	/* response */
	int status;
	const char *ctype;
	char *resp;
	size_t resp_len;
	struct MHD_Response *custom;
	char *set_cookie;
	char etag[32];
	char *content_disposition;
	const char *route;
	long long t0_us;
	char ip[64];
	int is_bearer;
	/* set by whoever feeds the request (server.c, a test or a fuzzer in process) */
	kv_list headers; /* as sent; names compared without case, first one wins */
	int tls;         /* came over TLS: Secure cookies, HSTS */
	db_pool *pool;   /* ctx.db is taken from here while a handler runs; NULL: the caller set ctx.db and keeps it */
	/* a streamed response body (exports): read returns bytes, 0 at the end, -1 on error */
	long (*stream_read)(void *cls, char *buf, size_t max);
	void (*stream_free)(void *cls);
	void *stream_cls;
	/* the streamed body's length when known (a stored file), else 0 (chunked) */
	int64_t stream_size;
	int html;      /* the body is the console's HTML (Cache-Control: no-cache) */
	int frameable; /* a stored file shown in the console's frame (X-Frame-Options SAMEORIGIN) */
	/* the read replica (serve --read-db; NULL: none) and whether ctx.db is one of its connections */
	struct db_replica *replica;
	int on_replica;
	char *pin_cookie; /* zj_rw: this browser wrote; its reads go to the primary (any node) */
} req;

typedef int (*handler_fn)(req *r);

typedef struct route {
	const char *method;
	const char *pattern; /* segments after /api/v1, ':x' = any one segment, '*' = auth not required */
	handler_fn fn;
	int public_route;  /* no session needed */
	size_t body_limit; /* 0 = default 1 MiB */
	/* The body limit what the route names declares (an entity action that
	 * takes a file); 0 = body_limit above. */
	size_t (*limit)(struct req *r);
	int upload; /* the body is a file: it streams to a temporary file, not memory */
	/* Authorisation from the headers alone, before any body byte is read
	 * (after authentication); 0 = go on, else a status with the problem set. */
	int (*may)(req *r);
	/* Read replica (issue 19 §5): 1 when this request cannot write (no
	 * audit record of a read, no notification marked, no job) and may be
	 * served by the replica. NULL, the default: the primary. Declared here,
	 * once per route; entity actions declare theirs (entity_action.read_only). */
	int (*reads_only)(req *r);
} route;

extern const route api_routes[];
/* file routes (api_files.c) */
int h_file_upload(req *r);
int h_file_get(req *r);
int may_file_upload(req *r);
size_t file_upload_limit(req *r);
/* console routes (api_console.c): batch operations, the permission list, the audit log's export */
int h_batch(req *r);
int h_permissions(req *r);
int h_audit_export(req *r);
json_t *console_dict_types(void); /* meta.dict_types */
json_t *console_names(void);      /* meta.names (audit.read): entities, steps and audit actions in words */
extern const int api_nroutes;

/* From a request to a response without libmicrohttpd (dispatch.c): the
 * one code path of the server, test_dispatch and the in-process fuzzer.
 * req_new allocates; the feeder adds headers (req_add_header) and query
 * arguments (req_add_query, already decoded, or req_parse_query on raw
 * text), sets ip/tls/pool (or ctx.db), then:
 *  - req_route: the route, entity and id from the request line alone
 *    (0, else 404/405 with the problem set); server.c calls it on the headers
 *    to pick the body limit;
 *  - req_gate: authentication, CSRF, forced password change and the route's
 *    `may`, from the headers, with a connection held just for that; server.c
 *    calls it before reading a body (0, else the status, problem set);
 *  - req_handle, once body/body_len (or upload_fd/upload_path), too_large and
 *    busy are set: /api/v1 (whatever of the above has not run yet, then the
 *    handler with a database connection), /healthz, /metrics and the console's
 *    files, leaving status, ctype, resp (or stream_read, or custom) and the
 *    response headers (req_each_header) for the caller to send. */
req *req_new(const char *method, const char *url);
void req_free(req *r);
int req_add_header(req *r, const char *name, const char *value); /* -1 past 256 */
int req_add_query(req *r, const char *key, const char *value);   /* -1 past 256 */
void req_parse_query(req *r, const char *qs);                    /* "a=1&b=%E4%B8%AD": '+' and %XX decoded */
const char *req_query(req *r, const char *key);                  /* first value, NULL when absent */
int req_route(req *r);
int req_gate(req *r);
void req_handle(req *r, const char *web_root);
void req_drop_body(req *r); /* frees the body, its memory count and its temporary file */
void req_each_header(req *r, void (*add)(void *cls, const char *name, const char *value), void *cls);

/* response helpers */
int reply_json(req *r, int status, json_t *body); /* steals body */
int reply_problem(req *r);                        /* from r->ctx.problem */
int reply_text(req *r, int status, const char *ctype, const char *text);
const char *req_header(req *r, const char *name);
json_t *req_json_body(req *r, int *status); /* 400 problem set on error */
int64_t req_if_match(req *r, json_t *body); /* -1 when none */
int64_t seg_id(req *r, int i);              /* -1 when not a positive integer */

/* server (server.c) */
typedef struct server_opts {
	const char *db_uri;
	const char *listen;
	int threads;
	const char *tls_cert, *tls_key;
	const char *web_root;
	const char *read_db; /* a streaming replica (PostgreSQL) for reads_only routes; NULL: none */
	int read_threads;    /* the replica pool's size; 0: threads + 4 */
	int read_max_lag_ms; /* beyond it reads go to the primary; 0: 5000 */
} server_opts;
int server_run(const server_opts *o);
/* Starts without waiting for a signal (tests, fuzzing); server_stop drains and stops. */
int server_start(const server_opts *o, unsigned *bound_port);
void server_stop(void);
db_pool *server_pool(void);
struct db_replica *server_replica(void); /* NULL without --read-db */
/* The pool for a reader that takes connections per batch (an export): the
 * replica's when this request may read from it, else the request's own. */
db_pool *req_read_pool(req *r);

/* static files (static.c) */
int static_serve(req *r, const char *root);

/* metrics (metrics.c) */
void metrics_observe(const char *rt, int status, long long us, long long db_us);
char *metrics_render(void);

/* rate limits by purpose (ratelimit.c): 1 = allowed */
typedef enum { RL_SIGNIN, RL_PUBLIC, RL_NPURPOSES } rl_purpose;
int ratelimit_allow(rl_purpose p, const char *ip, const char *now);
#endif
