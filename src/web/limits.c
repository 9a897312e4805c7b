/* limits.c — see limits.h. */
#include "web/limits.h"
#include "lib/xalloc.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static server_limits L;

static long env_num(const char *name, long dflt, long lo, long hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < lo || n > hi) {
		fprintf(stderr, "zhijian serve: %s=%s is not a number in %ld..%ld; using %ld\n", name, v, lo, hi, dflt);
		return dflt;
	}
	return n;
}

const server_limits *limits_get(void)
{
	return &L;
}

const server_limits *limits_load(unsigned reserve)
{
	L.max_conns = (unsigned)env_num("ZJ_MAX_CONNECTIONS", 1000, 4, 1000000);
	L.per_ip = (unsigned)env_num("ZJ_MAX_CONNECTIONS_PER_IP", 64, 1, 1000000);
	L.header_timeout = (unsigned)env_num("ZJ_HEADER_TIMEOUT", 10, 1, 3600);
	L.idle_timeout = (unsigned)env_num("ZJ_IDLE_TIMEOUT", 60, 1, 86400);
	L.body_memory = (size_t)env_num("ZJ_BODY_MEMORY", 64L << 20, 1L << 16, 1L << 40);
	L.db_wait_ms = (int)env_num("ZJ_DB_WAIT_MS", 2000, 10, 600000);
	L.drain_timeout = (int)env_num("ZJ_DRAIN_TIMEOUT", 10, 0, 3600);
	const char *d = getenv("ZJ_UPLOAD_DIR");
	if (!d || !*d)
		d = getenv("TMPDIR");
	snprintf(L.upload_dir, sizeof L.upload_dir, "%s", d && *d ? d : "/tmp");
	/* every connection is a descriptor: stay below the process limit, so
	 * that accept() never fails with EMFILE and the pool and files can open */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		unsigned room = rl.rlim_cur > reserve + 16 ? (unsigned)rl.rlim_cur - reserve : 16;
		if (L.max_conns > room) {
			fprintf(stderr,
				"zhijian serve: connection limit %u lowered to %u (file-descriptor limit %llu)\n",
				L.max_conns, room, (unsigned long long)rl.rlim_cur);
			L.max_conns = room;
		}
	}
	if (L.per_ip > L.max_conns)
		L.per_ip = L.max_conns;
	return &L;
}

/* ---- an error log that does not flood ---- */

enum { NMSG = 16, QUIET_S = 60 };
static struct {
	char text[160];
	time_t first;
	unsigned long held;
} seen[NMSG];
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

static void log_line(const char *text)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&log_mu);
	int i, free_i = -1, oldest = 0;
	for (i = 0; i < NMSG; i++) {
		if (seen[i].text[0] && !strcmp(seen[i].text, text))
			break;
		if (!seen[i].text[0] && free_i < 0)
			free_i = i;
		if (seen[i].first < seen[oldest].first)
			oldest = i;
	}
	if (i < NMSG && now - seen[i].first < QUIET_S) {
		seen[i].held++; /* the same condition again: counted, not printed */
		pthread_mutex_unlock(&log_mu);
		return;
	}
	if (i == NMSG)
		i = free_i >= 0 ? free_i : oldest;
	else if (seen[i].held)
		fprintf(stderr, "zhijian: (%lu more: %s)\n", seen[i].held, seen[i].text);
	snprintf(seen[i].text, sizeof seen[i].text, "%s", text);
	seen[i].first = now, seen[i].held = 0;
	fprintf(stderr, "zhijian: %s (repeats within %d s are counted, not logged)\n", text, QUIET_S);
	pthread_mutex_unlock(&log_mu);
}

void limits_log(void *cls, const char *fmt, va_list ap)
{
	char buf[160];
	vsnprintf(buf, sizeof buf, fmt, ap);
	buf[strcspn(buf, "\r\n")] = 0;
	log_line(buf);
}

void limits_logf(const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	log_line(buf);
}

/* ---- the request-header deadline ---- */

typedef struct tracked {
	struct tracked *prev, *next;
	int fd;
	int waiting; /* waiting for a request's headers */
	int shut;
	struct timespec since;
} tracked;

static tracked head = {&head, &head};
static pthread_mutex_t conn_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reaper_cv = PTHREAD_COND_INITIALIZER;
static pthread_t reaper;
static int reaper_on, reaper_stop;

static void mono(struct timespec *t)
{
	clock_gettime(CLOCK_MONOTONIC, t);
}

void limits_notify_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			      enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		tracked *t = xcalloc(1, sizeof *t);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		t->fd = ci ? ci->connect_fd : -1;
		t->waiting = 1;
		mono(&t->since);
		pthread_mutex_lock(&conn_mu);
		t->next = head.next, t->prev = &head;
		head.next->prev = t, head.next = t;
		pthread_mutex_unlock(&conn_mu);
		*socket_context = t;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		tracked *t = *socket_context;
		/* removed before libmicrohttpd closes the descriptor: the reaper never touches a reused one */
		pthread_mutex_lock(&conn_mu);
		t->prev->next = t->next, t->next->prev = t->prev;
		pthread_mutex_unlock(&conn_mu);
		free(t);
		*socket_context = NULL;
	}
}

static tracked *of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

void limits_headers_done(struct MHD_Connection *conn)
{
	tracked *t = of(conn);
	if (t) {
		pthread_mutex_lock(&conn_mu);
		t->waiting = 0;
		pthread_mutex_unlock(&conn_mu);
	}
}

void limits_request_done(struct MHD_Connection *conn)
{
	tracked *t = of(conn);
	if (t) {
		pthread_mutex_lock(&conn_mu);
		t->waiting = 1;
		mono(&t->since);
		pthread_mutex_unlock(&conn_mu);
	}
}

static void *reap(void *arg)
{
	pthread_mutex_lock(&conn_mu);
	while (!reaper_stop) {
		struct timespec now, until;
		mono(&now);
		int n = 0;
		for (tracked *t = head.next; t != &head; t = t->next)
			if (t->waiting && !t->shut && t->fd >= 0 &&
			    now.tv_sec - t->since.tv_sec >= (time_t)L.header_timeout) {
				/* shutdown, not close: libmicrohttpd sees the end on its own thread and cleans up */
				shutdown(t->fd, SHUT_RDWR);
				t->shut = 1;
				n++;
			}
		if (n) {
			pthread_mutex_unlock(&conn_mu);
			limits_logf("closing connections whose request headers did not arrive within %u s",
				    L.header_timeout);
			pthread_mutex_lock(&conn_mu);
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000000L;
		if (until.tv_nsec >= 1000000000L)
			until.tv_sec++, until.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&reaper_cv, &conn_mu, &until);
	}
	pthread_mutex_unlock(&conn_mu);
	return NULL;
}

void limits_start(void)
{
	reaper_stop = 0;
	reaper_on = pthread_create(&reaper, NULL, reap, NULL) == 0;
}

void limits_stop(void)
{
	if (!reaper_on)
		return;
	pthread_mutex_lock(&conn_mu);
	reaper_stop = 1;
	pthread_cond_signal(&reaper_cv);
	pthread_mutex_unlock(&conn_mu);
	pthread_join(reaper, NULL);
	reaper_on = 0;
}

/* ---- bodies in memory ---- */

static atomic_size_t body_bytes;

int body_mem_take(size_t n)
{
	size_t cur = atomic_load(&body_bytes);
	do {
		if (cur + n > L.body_memory) {
			limits_logf("request bodies in memory reached ZJ_BODY_MEMORY (%zu bytes); answering 503",
				    L.body_memory);
			return 0;
		}
	} while (!atomic_compare_exchange_weak(&body_bytes, &cur, cur + n));
	return 1;
}

void body_mem_give(size_t n)
{
	atomic_fetch_sub(&body_bytes, n);
}

/* ---- addresses ---- */

static void addr_text(const struct sockaddr *sa, char *out, size_t n)
{
	snprintf(out, n, "-");
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

/* Whether ip is one of the comma-separated addresses in list. */
static int in_list(const char *list, const char *ip)
{
	if (!list)
		return 0;
	size_t n = strlen(ip);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t k = strcspn(p, ", ");
		if (k == n && !strncmp(p, ip, n))
			return 1;
		p += k;
	}
	return 0;
}

/* A canonical address text, or 0 when s is not an address. */
static int parse_addr(const char *s, size_t len, char *out, size_t n)
{
	char tmp[64];
	if (len == 0 || len >= sizeof tmp)
		return 0;
	memcpy(tmp, s, len), tmp[len] = 0;
	unsigned char bin[16];
	if (inet_pton(AF_INET, tmp, bin) == 1)
		return inet_ntop(AF_INET, bin, out, (socklen_t)n) != NULL;
	if (inet_pton(AF_INET6, tmp, bin) == 1)
		return inet_ntop(AF_INET6, bin, out, (socklen_t)n) != NULL;
	return 0;
}

void client_address(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	addr_text(ci ? ci->client_addr : NULL, out, n);
	const char *trusted = getenv("ZJ_TRUSTED_PROXY");
	if (!trusted || !in_list(trusted, out))
		return;
	const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return;
	/* from the right: each trusted proxy appended the address it saw; the
	 * first hop that is not one of ours is the client */
	size_t end = strlen(xff);
	while (end > 0) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		size_t a = start, b = end;
		while (a < b && (xff[a] == ' ' || xff[a] == '\t'))
			a++;
		while (b > a && (xff[b - 1] == ' ' || xff[b - 1] == '\t'))
			b--;
		char hop[64];
		if (!parse_addr(xff + a, b - a, hop, sizeof hop))
			return; /* garbage: keep the last address we could trust */
		snprintf(out, n, "%s", hop);
		if (!in_list(trusted, hop))
			return;
		end = start ? start - 1 : 0;
	}
}

int metrics_allowed(const char *ip, const char *authorization)
{
	const char *tok = getenv("ZJ_METRICS_TOKEN");
	if (tok && *tok && authorization && !strncasecmp(authorization, "Bearer ", 7)) {
		const char *t = authorization + 7;
		if (strlen(t) == strlen(tok) && sodium_memcmp(t, tok, strlen(tok)) == 0)
			return 1;
	}
	const char *allow = getenv("ZJ_METRICS_ALLOW");
	if (!allow)
		allow = "127.0.0.1,::1";
	return in_list(allow, ip);
}
