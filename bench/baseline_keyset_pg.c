/* baseline_keyset_pg.c — raw libmicrohttpd + libpq: each request runs the
 * same keyset query of 50 enterprises with the same columns the API returns,
 * on one connection per MHD thread (the server's pool is sized the same),
 * with a statement prepared once per connection: one round trip a request,
 * no auth, no validation, no escaping, no JSON library.
 * Usage: baseline_keyset_pg PORT CONNINFO THREADS */
#include <libpq-fe.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *conninfo;
static _Thread_local PGconn *pg;

static const char *SQL =
	"SELECT t.id, t.version, t.created_at, t.updated_at, t.created_by, t.owner_unit_id, t.name, t.uscc,"
	" t.legal_rep, t.legal_rep_id, t.phone, t.address, t.jurisdiction_id, t.kinds, t.size, t.park, t.licence_no,"
	" t.licence_kind, t.licence_valid_to, j.name"
	" FROM enterprises t LEFT JOIN jurisdictions j ON j.id = t.jurisdiction_id"
	" WHERE t.deleted = 0 AND t.id < $1 ORDER BY t.id DESC LIMIT 51";

static int connect_once(void)
{
	if (pg)
		return 0;
	pg = PQconnectdb(conninfo);
	if (PQstatus(pg) != CONNECTION_OK)
		return -1;
	PGresult *r = PQprepare(pg, "page", SQL, 1, NULL);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok ? 0 : -1;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *v,
			       const char *up, size_t *up_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)v, (void)up, (void)up_size;
	if (!*con_cls) {
		*con_cls = (void *)1;
		return MHD_YES;
	}
	if (connect_once() != 0)
		return MHD_NO;
	const char *cur = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "cursor");
	const char *param[1] = {cur ? cur : "4611686018427387904"};
	PGresult *res = PQexecPrepared(pg, "page", 1, param, NULL, NULL, 0);
	size_t cap = 96 * 1024, len = 0;
	char *buf = malloc(cap);
	if (!buf) {
		PQclear(res);
		return MHD_NO;
	}
	len += (size_t)snprintf(buf, cap, "{\"items\":[");
	int n = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : 0;
#define T(i) PQgetvalue(res, k, i)
	for (int k = 0; k < n && len < cap - 4096; k++)
		len += (size_t)snprintf(
			buf + len, cap - len,
			"%s{\"id\":%s,\"version\":%s,\"created_at\":\"%s\",\"updated_at\":\"%s\",\"created_by\":%s,\"owner_unit_id\":%s,"
			"\"name\":\"%s\",\"uscc\":\"%s\",\"legal_rep\":\"%s\",\"legal_rep_id\":\"%s\",\"phone\":\"%s\",\"address\":\"%s\","
			"\"jurisdiction_id\":%s,\"kinds\":[\"%s\"],\"size\":\"%s\",\"park\":\"%s\",\"licence_no\":\"%s\",\"licence_kind\":\"%s\","
			"\"licence_valid_to\":\"%s\",\"jurisdiction_id__label\":\"%s\"}",
			k ? "," : "", T(0), T(1), T(2), T(3), T(4), T(5), T(6), T(7), T(8), T(9), T(10), T(11), T(12),
			T(13), T(14), T(15), T(16), T(17), T(18), T(19));
	PQclear(res);
	len += (size_t)snprintf(buf + len, cap - len, "],\"next\":null}");
	struct MHD_Response *r = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	conninfo = argv[2];
	struct MHD_Daemon *d =
		MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL, NULL,
				 handler, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[3]), MHD_OPTION_END);
	if (!d)
		return 1;
	pause();
	return 0;
}
