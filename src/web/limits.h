/* limits.h — what keeps one client from starving the others: connection
 * limits, the request-header deadline, the cap on request bodies held in
 * memory, the client address behind a trusted proxy,
 * who may read /metrics, and an error log that reports a condition once,
 * not once per socket. Settings come from ZJ_* environment variables
 * (docs/operations.md, "Limits"). */
#ifndef ZJ_LIMITS_H
#define ZJ_LIMITS_H
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

typedef struct server_limits {
	unsigned max_conns;      /* ZJ_MAX_CONNECTIONS: all connections, kept below the file-descriptor limit */
	unsigned per_ip;         /* ZJ_MAX_CONNECTIONS_PER_IP */
	unsigned header_timeout; /* ZJ_HEADER_TIMEOUT: seconds for the request headers to arrive */
	unsigned idle_timeout;   /* ZJ_IDLE_TIMEOUT: seconds without any traffic */
	size_t body_memory;      /* ZJ_BODY_MEMORY: bytes of request bodies held in memory, all requests together */
	int db_wait_ms;          /* ZJ_DB_WAIT_MS: longest wait for a database connection on a request */
	int drain_timeout;       /* ZJ_DRAIN_TIMEOUT: seconds SIGTERM waits for open requests */
	char upload_dir[256];    /* ZJ_UPLOAD_DIR: uploads stream to temporary files here */
} server_limits;

/* Reads the settings; reserve = descriptors kept for the pool and files. */
const server_limits *limits_load(unsigned reserve);
const server_limits *limits_get(void);

/* libmicrohttpd's error log: each distinct message once a minute at most,
 * with a count of the ones held back. */
void limits_log(void *cls, const char *fmt, va_list ap);
void limits_logf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Connection tracking for the header deadline (MHD_OPTION_NOTIFY_CONNECTION).
 * A reaper thread shuts down sockets whose request headers are late. */
void limits_notify_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			      enum MHD_ConnectionNotificationCode code);
void limits_headers_done(struct MHD_Connection *conn); /* a request's headers arrived */
void limits_request_done(struct MHD_Connection *conn); /* the next request's deadline starts now */
void limits_start(void);
void limits_stop(void);

/* Request bodies in memory: 1 when n more bytes fit under the cap (then counted). */
int body_mem_take(size_t n);
void body_mem_give(size_t n);

/* The client's address: the peer, or behind a proxy listed in
 * ZJ_TRUSTED_PROXY the nearest X-Forwarded-For hop that is not a trusted
 * proxy itself (only addresses that parse; anything else is ignored). */
void client_address(struct MHD_Connection *conn, char *out, size_t n);

/* /metrics: the bearer token ZJ_METRICS_TOKEN, or an address in
 * ZJ_METRICS_ALLOW (default loopback only). 1 = allowed. */
int metrics_allowed(const char *ip, const char *authorization);

/* The access log line, with control characters escaped (access_log.c). */
void access_log_write(FILE *f, const char *now, const char *ip, const char *method, const char *url, int status,
		      double ms, const char *user_agent);
void log_escape(char *out, size_t n, const char *s);
#endif
