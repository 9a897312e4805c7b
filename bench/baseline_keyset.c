/* baseline_keyset.c — raw libmicrohttpd + SQLite: each request runs the
 * same keyset query of 50 enterprises with the same columns the API returns
 * (one prepared statement per thread, no auth, no validation, no escaping,
 * no JSON library: rows printed straight into the buffer).
 * Usage: baseline_keyset PORT DB THREADS */
#include <microhttpd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *dbpath;
static _Thread_local sqlite3 *db;
static _Thread_local sqlite3_stmt *st;

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *v,
			       const char *up, size_t *up_size, void **con_cls)
{
	if (!*con_cls) {
		*con_cls = (void *)1;
		return MHD_YES;
	}
	if (!db) {
		sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
		sqlite3_prepare_v2(db, "SELECT t.id, t.version, t.created_at, t.updated_at, t.created_by, t.owner_unit_id, t.name, t.uscc,"
				       " t.legal_rep, t.legal_rep_id, t.phone, t.address, t.jurisdiction_id, t.kinds, t.size, t.park, t.licence_no,"
				       " t.licence_kind, t.licence_valid_to, j.name"
				       " FROM enterprises t LEFT JOIN jurisdictions j ON j.id = t.jurisdiction_id"
				       " WHERE t.deleted = 0 AND t.id < ? ORDER BY t.id DESC LIMIT 51", -1, &st, NULL);
	}
	const char *cur = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "cursor");
	sqlite3_bind_int64(st, 1, cur ? atoll(cur) : (1LL << 62));
	size_t cap = 96 * 1024, len = 0;
	char *buf = malloc(cap);
	len += (size_t)snprintf(buf, cap, "{\"items\":[");
#define T(i) (sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "")
	while (sqlite3_step(st) == SQLITE_ROW && len < cap - 4096)
		len += (size_t)snprintf(buf + len, cap - len,
					"%s{\"id\":%lld,\"version\":%lld,\"created_at\":\"%s\",\"updated_at\":\"%s\",\"created_by\":%lld,\"owner_unit_id\":%lld,"
					"\"name\":\"%s\",\"uscc\":\"%s\",\"legal_rep\":\"%s\",\"legal_rep_id\":\"%s\",\"phone\":\"%s\",\"address\":\"%s\","
					"\"jurisdiction_id\":%lld,\"kinds\":[\"%s\"],\"size\":\"%s\",\"park\":\"%s\",\"licence_no\":\"%s\",\"licence_kind\":\"%s\","
					"\"licence_valid_to\":\"%s\",\"jurisdiction_id__label\":\"%s\"}",
					len > 10 ? "," : "", sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), T(2), T(3), sqlite3_column_int64(st, 4),
					sqlite3_column_int64(st, 5), T(6), T(7), T(8), T(9), T(10), T(11), sqlite3_column_int64(st, 12), T(13), T(14), T(15),
					T(16), T(17), T(18), T(19));
	sqlite3_reset(st);
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
	dbpath = argv[2];
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL, NULL,
						handler, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[3]), MHD_OPTION_END);
	if (!d)
		return 1;
	pause();
	return 0;
}
