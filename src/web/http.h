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
	struct MHD_Connection *conn;
	const struct route *rt; /* matched on the first call, from the request line */
	arena mem;   /* URL, path segments, query: freed in one go when the request completes */
	char method[8];
	char *url;
	char *body;               /* a body in memory (JSON), NUL-terminated */
	size_t body_len, body_cap, body_limit;
	size_t body_held;         /* bytes counted against ZJ_BODY_MEMORY */
	int too_large, busy;      /* 413; 503 (memory cap or a write error) */
	int upload_fd;            /* routes that take a file: the body streams here (-1: none) */
	char upload_path[300];    /* ...a temporary file the handler may take over (then cleared) */
	int gated;                /* authenticated and authorised from the headers already */
	int retry_after;          /* seconds, for 503 and 429 */
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
	int frameable; /* a stored file shown in the console's frame (X-Frame-Options SAMEORIGIN) */
} req;

typedef int (*handler_fn)(req *r);

typedef struct route {
	const char *method;
	const char *pattern; /* segments after /api/v1, ':x' = any one segment, '*' = auth not required */
	handler_fn fn;
	int public_route;    /* no session needed */
	size_t body_limit;   /* 0 = default 1 MiB */
	/* The body limit what the route names declares (an entity action that
	 * takes a file); 0 = body_limit above. */
	size_t (*limit)(struct req *r);
	int upload;          /* the body is a file: it streams to a temporary file, not memory */
	/* Authorisation from the headers alone, before any body byte is read
	 * (after authentication); 0 = go on, else a status with the problem set. */
	int (*may)(req *r);
} route;

extern const route api_routes[];
/* file routes (api_files.c) */
int h_file_upload(req *r);
int h_file_get(req *r);
int may_file_upload(req *r);
size_t file_upload_limit(req *r);
extern const int api_nroutes;

/* response helpers */
int reply_json(req *r, int status, json_t *body); /* steals body */
int reply_problem(req *r);                         /* from r->ctx.problem */
int reply_text(req *r, int status, const char *ctype, const char *text);
const char *req_header(req *r, const char *name);
json_t *req_json_body(req *r, int *status);        /* 400 problem set on error */
int64_t req_if_match(req *r, json_t *body);        /* -1 when none */
int64_t seg_id(req *r, int i);                     /* -1 when not a positive integer */

/* server (server.c) */
typedef struct server_opts {
	const char *db_uri;
	const char *listen;
	int threads;
	const char *tls_cert, *tls_key;
	const char *web_root;
} server_opts;
int server_run(const server_opts *o);
/* Starts without waiting for a signal (tests, fuzzing); server_stop drains and stops. */
int server_start(const server_opts *o, unsigned *bound_port);
void server_stop(void);
db_pool *server_pool(void);

/* static files (static.c) */
int static_serve(req *r, const char *root);

/* metrics (metrics.c) */
void metrics_observe(const char *rt, int status, long long us, long long db_us);
char *metrics_render(void);

/* rate limits by purpose (ratelimit.c): 1 = allowed */
typedef enum { RL_SIGNIN, RL_PUBLIC, RL_NPURPOSES } rl_purpose;
int ratelimit_allow(rl_purpose p, const char *ip, const char *now);
#endif
