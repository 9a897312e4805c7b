/* test_replica.c — the read replica's routing (serve --read-db, issue 19 §5)
 * through req_handle, with a "replica" whose connections refuse every write
 * (SQLite PRAGMA query_only, as a hot standby refuses them): every route
 * marked reads_only, for every entity and every action marked read_only,
 * is served by the replica without one failed statement; a GET that writes
 * (an unmasked list's read_personal audit record) forced onto the replica
 * is caught and answered by the primary, its record written; no write
 * route carries the mark; a session that has just written reads from the
 * primary and its browser gets the zj_rw pin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/migrate.h"
#include "db/replica.h"
#include "modules/modules.h"
#include "web/http.h"
#include "lib/xalloc.h"

static char path[64], cookie[200], csrf[96];
static db_pool *primary;
static db_replica *rp;

static int setup(void **st)
{
	snprintf(path, sizeof path, "/tmp/zj-replica-%d.db", getpid());
	unlink(path);
	char err[256];
	db *d;
	assert_int_equal(sodium_init() >= 0, 1);
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	modules_register();
	int n;
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	assert_int_equal(org_seed(&c), 0);
	assert_int_equal(demo_load(&c, "Replica-Pass-2026", NULL), 0);
	ctx_clear(&c);
	db_close(d);
	primary = db_pool_new(path, 4, err, sizeof err);
	rp = db_replica_new(path, 4, 0, err, sizeof err);
	assert_non_null(primary);
	assert_non_null(rp);
	return 0;
}

static int teardown(void **st)
{
	db_replica_free(rp);
	db_pool_free(primary);
	char p[96];
	const char *sfx[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
	return 0;
}

/* served by the replica / sent to the primary instead, from its metrics */
static unsigned long long counter(const char *which)
{
	char buf[1600], needle[64];
	db_replica_metrics(rp, buf, sizeof buf);
	snprintf(needle, sizeof needle, "zhijian_replica_reads_total{served_by=\"%s\"} ", which);
	const char *p = strstr(buf, needle);
	assert_non_null(p);
	return strtoull(p + strlen(needle), NULL, 10);
}

static req *make(const char *method, const char *url, const char *body)
{
	req *r = req_new(method, url);
	r->pool = primary;
	r->replica = rp;
	snprintf(r->ip, sizeof r->ip, "192.0.2.7");
	r->ctx.ip = r->ip;
	if (cookie[0])
		req_add_header(r, "Cookie", cookie);
	if (csrf[0] && strcmp(method, "GET"))
		req_add_header(r, "X-CSRF-Token", csrf);
	if (body) {
		r->body = xstrdup(body);
		r->body_len = strlen(body);
	}
	return r;
}

static int call(const char *method, const char *url, const char *body)
{
	req *r = make(method, url, body);
	req_handle(r, "/nonexistent");
	int st = r->status;
	req_free(r);
	return st;
}

static void sign_in(const char *user)
{
	cookie[0] = csrf[0] = 0;
	char body[128];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"Replica-Pass-2026\"}", user);
	req *r = make("POST", "/api/v1/session", body);
	req_handle(r, "/nonexistent");
	assert_int_equal(r->status, 201);
	assert_null(r->pin_cookie); /* a sign-in does not pin: the gate reads sessions on the primary */
	json_t *j = json_loadb(r->resp, r->resp_len, 0, NULL);
	snprintf(cookie, sizeof cookie, "zj_session=%s", json_string_value(json_object_get(j, "token")));
	snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(j, "csrf")));
	json_decref(j);
	req_free(r);
}

static int marked(const char *method, const char *pattern)
{
	for (int i = 0; i < api_nroutes; i++)
		if (!strcmp(api_routes[i].method, method) && !strcmp(api_routes[i].pattern, pattern))
			return api_routes[i].reads_only != NULL;
	fail_msg("no route %s %s", method, pattern);
	return 0;
}

/* Safe by default: no write route, and none of the GETs known to write, is marked. */
static void test_marks(void **st)
{
	for (int i = 0; i < api_nroutes; i++)
		if (strcmp(api_routes[i].method, "GET"))
			assert_null(api_routes[i].reads_only);
	assert_false(marked("GET", "audit_log"));        /* read_audit */
	assert_false(marked("GET", "audit_log/export")); /* read_audit */
	assert_false(marked("GET", "notifications"));    /* may mark them read */
	assert_false(marked("GET", "session"));          /* the session's last use */
	assert_false(marked("GET", "sessions"));
	assert_false(marked("GET", ":entity/export")); /* its export record (the rows: req_read_pool) */
	assert_false(marked("GET", ":entity/:id"));    /* read_personal */
	assert_false(marked("GET", ":entity/:id/files/:field"));
	assert_false(marked("GET", "jobs/:id"));
	assert_true(marked("GET", ":entity"));
	assert_true(marked("GET", "dashboard"));
}

static void test_sweep(void **st)
{
	sign_in("director");
	unsigned long long served0 = counter("replica"), fell0 = counter("primary");
	char url[200];
	int n = 0;
	assert_int_equal(call("GET", "/api/v1/dashboard", NULL), 200);
	assert_int_equal(call("GET", "/api/v1/todo", NULL), 200);
	n += 2;
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		snprintf(url, sizeof url, "/api/v1/%s", e->name);
		int stl = call("GET", url, NULL);
		snprintf(url, sizeof url, "/api/v1/%s/count", e->name);
		int stc = call("GET", url, NULL);
		if (stl >= 500 || stc >= 500)
			fail_msg("%s: list %d, count %d", e->name, stl, stc);
		n++;
		for (int k = 0; k < e->nactions; k++) {
			const entity_action *a = &e->actions[k];
			if (!a->read_only)
				continue;
			assert_false(a->on_record || strcmp(a->method, "GET")); /* a GET on the collection */
			snprintf(url, sizeof url, "/api/v1/%s/actions/%s", e->name, a->name);
			int sta = call("GET", url, NULL);
			if (sta >= 500)
				fail_msg("%s %s: %d", e->name, a->name, sta);
		}
	}
	/* nothing the marks send to the replica tried to write: no fallback */
	assert_int_equal(counter("primary"), fell0);
	assert_true(counter("replica") >= served0 + (unsigned long long)n);
}

/* A GET that writes, sent to the replica by a wrong mark, is not answered
 * from it: its write fails there, the primary answers and records. */
static int ro_true(req *r)
{
	return 1;
}

static int64_t audit_rows(const char *action)
{
	db *d = db_pool_get(primary);
	const char *p[] = {action};
	int64_t n = db_query_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = ?", 1, p, -1);
	db_pool_put(primary, d);
	return n;
}

static void test_wrong_mark_caught(void **st)
{
	sign_in("director");
	int64_t before = audit_rows("read_personal");
	unsigned long long served0 = counter("replica"), fell0 = counter("primary");
	req *r = make("GET", "/api/v1/enterprises", NULL);
	req_parse_query(r, "limit=5");
	assert_int_equal(req_route(r), 0);
	route wrong = *r->rt;
	wrong.reads_only = ro_true;
	r->rt = &wrong;
	req_handle(r, "/nonexistent");
	assert_int_equal(r->status, 200);
	req_free(r);
	assert_int_equal(audit_rows("read_personal"), before + 1); /* written, on the primary */
	assert_int_equal(counter("replica"), served0);
	assert_int_equal(counter("primary"), fell0 + 1);
	/* the real mark keeps it on the primary from the start (director sees phones unmasked) */
	assert_int_equal(call("GET", "/api/v1/enterprises", NULL), 200);
	assert_int_equal(counter("replica"), served0);
	assert_int_equal(audit_rows("read_personal"), before + 2);
}

/* After a write, the session's reads go to the primary; its browser gets
 * the pin, which any node honours from the cookie alone. */
static void test_read_your_write(void **st)
{
	sign_in("director");
	unsigned long long served0 = counter("replica");
	assert_int_equal(call("GET", "/api/v1/dashboard", NULL), 200);
	assert_int_equal(counter("replica"), served0 + 1);
	req *r = make("POST", "/api/v1/notifications/read", NULL);
	req_handle(r, "/nonexistent");
	assert_true(r->status >= 200 && r->status < 300);
	assert_non_null(r->pin_cookie);
	assert_non_null(strstr(r->pin_cookie, "zj_rw="));
	assert_non_null(strstr(r->pin_cookie, "HttpOnly"));
	req_free(r);
	unsigned long long fell0 = counter("primary");
	assert_int_equal(call("GET", "/api/v1/dashboard", NULL), 200);
	assert_int_equal(counter("replica"), served0 + 1); /* not the replica */
	assert_int_equal(counter("primary"), fell0 + 1);

	/* a session new to this node, whose browser wrote through another one */
	sign_in("analyst");
	char base[sizeof cookie];
	memcpy(base, cookie, sizeof base);
	size_t bl = strlen(base);
	assert_true(bl + 24 < sizeof cookie);
	memcpy(cookie + bl, "; zj_rw=32503680000000", 23); /* pinned until the year 3000 */
	assert_int_equal(call("GET", "/api/v1/dashboard", NULL), 200);
	assert_int_equal(counter("primary"), fell0 + 2);
	memcpy(cookie + bl, "; zj_rw=1000", 13); /* a pin long past */
	unsigned long long served1 = counter("replica");
	assert_int_equal(call("GET", "/api/v1/dashboard", NULL), 200);
	assert_int_equal(counter("replica"), served1 + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_wrong_mark_caught),
		cmocka_unit_test(test_read_your_write),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
