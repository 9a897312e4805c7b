/* fuzz_request.c — the socket variant: raw HTTP bytes go over a real
 * socket to the real server (libmicrohttpd's parser, server.c's collection of
 * headers, query and body with its limits, then req_handle) on a demo
 * database made once. When the input's first byte is odd, a valid session
 * cookie and CSRF token are spliced in after the request line, so
 * signed-in handlers are reached. Any crash, leak or UB in the server process
 * is the finding. A connection per input makes it slow (tens of inputs a
 * second): it is here for the parser; fuzz_api reaches the handlers in depth. */
#include "core/auth.h"
#include "core/migrate.h"
#include "modules/modules.h"
#include "web/http.h"
#include "zjfuzz.h"
#include "lib/xalloc.h"
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
	char path[128];
	db *d = zj_fuzz_demo_db("req", path, sizeof path);
	if (!d)
		return -1;
	zj_ctx c;
	ctx_init(&c, d);
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
	o.db_uri = xstrdup(path);
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

static int ready;

/* The database and the server are made before the first input, so their time does not count against -timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ready = setup() == 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (!ready || size == 0 || size > 65536)
		return 0;
	const char *in = (const char *)data + 1;
	size_t n = size - 1;
	char *req = xmalloc(n + sizeof auth_hdr + 1);
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
