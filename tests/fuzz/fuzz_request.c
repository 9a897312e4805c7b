/* fuzz_request.c — the whole request path: raw HTTP bytes go over a real
 * socket to the real server (libmicrohttpd's parser, routing, auth, CSRF,
 * JSON bodies, query strings, handlers, SQLite) on a demo database made once.
 * When the input's first byte is odd, a valid session cookie and CSRF token
 * are spliced in after the request line, so signed-in handlers are reached.
 * Any crash, leak or UB in the server process is the finding. */
#include "core/auth.h"
#include "core/migrate.h"
#include "modules/modules.h"
#include "web/http.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned port;
static char auth_hdr[512];

static int setup(void)
{
	char path[64], err[256];
	snprintf(path, sizeof path, "/tmp/zj-fuzz-%d.db", getpid());
	unlink(path);
	if (sodium_init() < 0)
		return -1;
	db *d;
	if (db_open(path, &d, err, sizeof err) != DB_OK)
		return -1;
	modules_register();
	int n;
	zj_ctx c;
	ctx_init(&c, d);
	if (migrate_apply(d, &n, err, sizeof err) || org_seed(&c) || demo_load(&c, "Fuzz-Pass-2026", NULL))
		return -1;
	char token[65];
	json_t *out = NULL;
	if (auth_login(&c, "director", "Fuzz-Pass-2026", "fuzz", token, &out) != 201)
		return -1;
	snprintf(auth_hdr, sizeof auth_hdr, "Cookie: zj_session=%s\r\nX-CSRF-Token: %s\r\n", token,
		 json_string_value(json_object_get(out, "csrf")));
	json_decref(out);
	auth_user_free(c.user);
	db_close(d);
	setenv("ZJ_NO_ACCESS_LOG", "1", 1);
	setenv("ZJ_LOGIN_RATE", "1000000", 1);
	static server_opts o = {.listen = "127.0.0.1:0", .threads = 2, .web_root = "/nonexistent"};
	o.db_uri = strdup(path);
	return server_start(&o, &port);
}

static void exchange(const char *req, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
		size_t off = 0;
		while (off < len) {
			ssize_t w = send(fd, req + off, len - off, MSG_NOSIGNAL);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		shutdown(fd, SHUT_WR);
		char buf[65536];
		struct pollfd p = {.fd = fd, .events = POLLIN};
		/* the answer (or the server's close) comes quickly; a kept-alive
		 * connection is not waited out */
		int wait_ms = 500;
		while (poll(&p, 1, wait_ms) > 0 && recv(fd, buf, sizeof buf, 0) > 0)
			wait_ms = 30;
	}
	close(fd);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int ready = -1;
	if (ready < 0)
		ready = setup() == 0;
	if (!ready || size == 0 || size > 65536)
		return 0;
	const char *in = (const char *)data + 1;
	size_t n = size - 1;
	char *req = malloc(n + sizeof auth_hdr + 1);
	size_t len = 0;
	const char *eol = (data[0] & 1) ? memchr(in, '\n', n) : NULL;
	if (eol) {
		size_t first = (size_t)(eol - in) + 1;
		memcpy(req, in, first), len = first;
		memcpy(req + len, auth_hdr, strlen(auth_hdr)), len += strlen(auth_hdr);
		memcpy(req + len, in + first, n - first), len += n - first;
	} else {
		memcpy(req, in, n), len = n;
	}
	exchange(req, len);
	free(req);
	return 0;
}
