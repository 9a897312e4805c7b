/* baseline_http.c — the limit beside the server: a bare libmicrohttpd
 * daemon (same threading) answering every request with the same bytes read
 * from a file. Usage: baseline_http PORT FILE THREADS */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *body;
static size_t body_len;

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *v,
			       const char *up, size_t *up_size, void **con_cls)
{
	if (!*con_cls) { /* respond on the second call, as the server does */
		*con_cls = (void *)1;
		return MHD_YES;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "application/json");
	enum MHD_Result ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	FILE *f = fopen(argv[2], "rb");
	if (!f)
		return 1;
	body = malloc(1 << 20);
	body_len = fread(body, 1, 1 << 20, f);
	fclose(f);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL, NULL,
						handler, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[3]), MHD_OPTION_END);
	if (!d)
		return 1;
	pause();
	return 0;
}
