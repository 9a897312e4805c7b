/* test_dispatch.c — req_handle (src/web/dispatch.c) in process, the path
 * the server and fuzz_api share: query and header parsing, the session
 * cookie among others, CSRF on cookie writes, bearer tokens, problem+json
 * errors, the security headers, Secure cookies under TLS, an export
 * streamed through the request, and the two phases server.c uses (route and
 * gate from the headers before the body, then the handler). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/migrate.h"
#include "modules/modules.h"
#include "web/http.h"
#include "lib/xalloc.h"

static db *d;
static char path[64], token[80], csrf[96];

static int setup(void **st)
{
	snprintf(path, sizeof path, "/tmp/zj-dispatch-%d.db", getpid());
	unlink(path);
	char err[256];
	assert_int_equal(sodium_init() >= 0, 1);
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	modules_register();
	int n;
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	assert_int_equal(org_seed(&c), 0);
	assert_int_equal(demo_load(&c, "Dispatch-Pass-2026", NULL), 0);
	ctx_clear(&c);
	return 0;
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(p);
}

static int teardown(void **st)
{
	db_close(d);
	char p[96];
	const char *sfx[] = {"", "-wal", "-shm", ".evidence"};
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		nftw(p, rm_one, 16,
		     FTW_DEPTH | FTW_PHYS); /* the evidence folder the cases module makes beside the file */
	}
	return 0;
}

/* One request in process; headers as "Name: value" strings, NULL-terminated. */
static req *call(const char *method, const char *url, const char *qs, const char *body, const char *const *hdrs)
{
	req *r = req_new(method, url);
	r->ctx.db = d;
	snprintf(r->ip, sizeof r->ip, "192.0.2.9");
	r->ctx.ip = r->ip;
	for (int i = 0; hdrs && hdrs[i]; i++) {
		char *h = arena_strdup(&r->mem, hdrs[i]), *colon = strchr(h, ':');
		*colon = 0;
		req_add_header(r, h, colon + 2);
	}
	if (qs)
		req_parse_query(r, qs);
	if (body) {
		r->body = xstrdup(body);
		r->body_len = strlen(body);
	}
	req_handle(r, "/nonexistent");
	return r;
}

static void done(req *r)
{
	r->ctx.db = NULL; /* ours, not a pool's */
	req_free(r);
}

static void assert_problem(req *r, int status)
{
	assert_int_equal(r->status, status);
	assert_string_equal(r->ctype, "application/problem+json; charset=utf-8");
	json_t *p = json_loadb(r->resp, r->resp_len, 0, NULL);
	assert_non_null(p);
	assert_int_equal(json_integer_value(json_object_get(p, "status")), status);
	assert_non_null(json_string_value(json_object_get(p, "title")));
	json_decref(p);
}

static void test_query_and_headers(void **st)
{
	req *r = req_new("GET", "/x");
	req_parse_query(r, "a=1&b=%E4%B8%AD+x&c&d=%zz&a=2");
	assert_string_equal(req_query(r, "a"), "1"); /* the first one, as libmicrohttpd's lookup */
	assert_string_equal(req_query(r, "b"), "中 x");
	assert_string_equal(req_query(r, "c"), "");
	assert_string_equal(req_query(r, "d"), "%zz");
	assert_null(req_query(r, "e"));
	req_add_header(r, "content-type", "application/json");
	assert_string_equal(req_header(r, "Content-Type"), "application/json");
	assert_null(req_header(r, "Cookie"));
	for (int i = 0; i < 300; i++)
		req_add_query(r, "k", "v");
	assert_int_equal(r->query.n, 256); /* capped */
	req_free(r);
}

typedef struct hdr_q {
	const char *name, *needle;
	int found;
} hdr_q;

static void hdr_add(void *cls, const char *k, const char *v)
{
	hdr_q *q = cls;
	if (!strcmp(k, q->name) && strstr(v, q->needle))
		q->found = 1;
}

/* 1 when the response has header name with a value containing needle */
static int hdr_has(req *r, const char *name, const char *needle)
{
	hdr_q q = {name, needle, 0};
	req_each_header(r, hdr_add, &q);
	return q.found;
}

static void test_sign_in_cookie_csrf(void **st)
{
	/* sign in: 201 with the token, the CSRF token and an HttpOnly cookie (no Secure without TLS) */
	req *r = call("POST", "/api/v1/session", NULL,
		      "{\"username\":\"director\",\"password\":\"Dispatch-Pass-2026\"}", NULL);
	assert_int_equal(r->status, 201);
	json_t *j = json_loadb(r->resp, r->resp_len, 0, NULL);
	snprintf(token, sizeof token, "%s", json_string_value(json_object_get(j, "token")));
	snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(j, "csrf")));
	json_decref(j);
	assert_int_equal(strlen(token), 64);
	assert_true(hdr_has(r, "Set-Cookie", "HttpOnly"));
	assert_false(hdr_has(r, "Set-Cookie", "Secure"));
	assert_false(hdr_has(r, "Strict-Transport-Security", ""));
	done(r);

	char cookie[160], xcsrf[140];
	snprintf(cookie, sizeof cookie, "Cookie: theme=dark; zj_session=%s ; lang=zh", token);
	snprintf(xcsrf, sizeof xcsrf, "X-CSRF-Token: %s", csrf);
	/* the session cookie among others (and a space before the ';') */
	r = call("GET", "/api/v1/session", NULL, NULL, (const char *[]){cookie, NULL});
	assert_int_equal(r->status, 200);
	done(r);
	/* a cookie write without the CSRF token: 403 */
	const char *body = "{\"name\":\"x\"}";
	r = call("POST", "/api/v1/enterprises", NULL, body, (const char *[]){cookie, NULL});
	assert_problem(r, 403);
	done(r);
	/* with it, the handler runs (422: the enterprise lacks its required fields) */
	r = call("POST", "/api/v1/enterprises", NULL, body, (const char *[]){cookie, xcsrf, NULL});
	assert_problem(r, 422);
	done(r);
	/* no session, a garbage bearer, a garbage cookie: 401 */
	r = call("GET", "/api/v1/enterprises", NULL, NULL, NULL);
	assert_problem(r, 401);
	done(r);
	r = call("GET", "/api/v1/enterprises", NULL, NULL, (const char *[]){"authorization: Bearer nope", NULL});
	assert_problem(r, 401);
	done(r);
	r = call("GET", "/api/v1/enterprises", NULL, NULL, (const char *[]){"Cookie: zj_session=", NULL});
	assert_problem(r, 401);
	done(r);
	/* routing errors are problems too */
	r = call("GET", "/api/v1/no_such_things", NULL, NULL, (const char *[]){cookie, NULL});
	assert_problem(r, 404);
	done(r);
	r = call("PATCH", "/api/v1/session", NULL, NULL, (const char *[]){cookie, NULL});
	assert_problem(r, 405);
	done(r);
	/* a list with its query parsed from text */
	r = call("GET", "/api/v1/enterprises", "limit=2&sort=-id", NULL, (const char *[]){cookie, NULL});
	assert_int_equal(r->status, 200);
	j = json_loadb(r->resp, r->resp_len, 0, NULL);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	done(r);
	r = call("GET", "/api/v1/enterprises", "limit=abc", NULL, (const char *[]){cookie, NULL});
	assert_problem(r, 400);
	done(r);
}

static void test_headers_and_tls(void **st)
{
	req *r = call("GET", "/healthz", NULL, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_true(hdr_has(r, "X-Content-Type-Options", "nosniff"));
	assert_true(hdr_has(r, "Content-Security-Policy", "frame-ancestors 'none'"));
	assert_true(hdr_has(r, "Cache-Control", "no-store"));
	done(r);
	/* under TLS: HSTS, and the sign-in cookie is Secure */
	r = req_new("POST", "/api/v1/session");
	r->ctx.db = d, r->tls = 1;
	snprintf(r->ip, sizeof r->ip, "192.0.2.10");
	r->ctx.ip = r->ip;
	r->body = xstrdup("{\"username\":\"analyst\",\"password\":\"Dispatch-Pass-2026\"}");
	r->body_len = strlen(r->body);
	req_handle(r, "/nonexistent");
	assert_int_equal(r->status, 201);
	assert_true(hdr_has(r, "Set-Cookie", "; Secure"));
	assert_true(hdr_has(r, "Strict-Transport-Security", "max-age="));
	done(r);
}

static void test_export_streams(void **st)
{
	char cookie[160];
	snprintf(cookie, sizeof cookie, "Cookie: zj_session=%s", token);
	req *r = call("GET", "/api/v1/enterprises/export", "format=csv", NULL, (const char *[]){cookie, NULL});
	assert_int_equal(r->status, 200);
	assert_non_null(r->stream_read);
	assert_null(r->resp);
	char buf[4096];
	long n = r->stream_read(r->stream_cls, buf, sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = 0;
	assert_non_null(strchr(buf, '\n')); /* a header line at least */
	assert_true(hdr_has(r, "Content-Disposition", "attachment"));
	done(r); /* frees the half-read stream */
	r = call("GET", "/api/v1/enterprises/export", "format=pdf", NULL, (const char *[]){cookie, NULL});
	assert_problem(r, 400);
	assert_null(r->stream_read);
	done(r);
}

/* server.c's order: req_route and req_gate on the headers, the body, then req_handle. */
/* A handler whose reader stops at a failed step without asking why (the
 * to-do list's scan of the deadlines) answers 500 db-error through the
 * dispatcher, not a shorter list as if it were whole. The deadlines are a
 * view whose row n = 2 overflows abs() when read, as in test_failures.c. */
static void test_failed_read_is_500(void **st)
{
	char auth[120];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	req *r = call("GET", "/api/v1/todo", NULL, NULL, (const char *[]){auth, NULL});
	assert_int_equal(r->status, 200);
	done(r);
	assert_int_equal(db_exec(d, "ALTER TABLE deadlines RENAME TO deadlines_t"), DB_OK);
	assert_int_equal(db_exec(d, "CREATE TABLE fail_rows (n INTEGER)"), DB_OK);
	assert_int_equal(db_exec(d, "INSERT INTO fail_rows VALUES (1), (2)"), DB_OK);
	assert_int_equal(
		db_exec(d, "CREATE VIEW deadlines AS SELECT n AS id,"
			   " CASE WHEN n = 2 THEN abs(-9223372036854775807 - 1) ELSE 'x' END AS entity,"
			   " '1' AS entity_id, 'x' AS kind, '2020-01-01' AS due, NULL AS closed_at FROM fail_rows"),
		DB_OK);
	r = call("GET", "/api/v1/todo", NULL, NULL, (const char *[]){auth, NULL});
	assert_problem(r, 500);
	assert_non_null(strstr(r->resp, "db-error"));
	done(r);
	assert_int_equal(db_exec(d, "DROP VIEW deadlines"), DB_OK);
	assert_int_equal(db_exec(d, "DROP TABLE fail_rows"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE deadlines_t RENAME TO deadlines"), DB_OK);
	r = call("GET", "/api/v1/todo", NULL, NULL, (const char *[]){auth, NULL});
	assert_int_equal(r->status, 200);
	done(r);
}

static void test_route_gate_then_handle(void **st)
{
	char cookie[160], xcsrf[140];
	snprintf(cookie, sizeof cookie, "zj_session=%s", token);
	snprintf(xcsrf, sizeof xcsrf, "%s", csrf);
	/* no such route: found from the request line, before any connection */
	req *r = req_new("GET", "/api/v1/no_such_things/1/x");
	assert_int_equal(req_route(r), 404);
	assert_null(r->rt);
	assert_int_equal(req_gate(r), 404);
	req_handle(r, "/nonexistent");
	assert_problem(r, 404);
	req_free(r);
	/* the route's declarations (body limit, upload to a file) are known from the request line */
	r = req_new("POST", "/api/v1/enterprises/import");
	assert_int_equal(req_route(r), 0);
	assert_non_null(r->rt);
	assert_true(r->rt->upload);
	assert_true(r->rt->body_limit > (1u << 20));
	assert_non_null(r->entity);
	req_free(r);
	/* nobody: the gate refuses from the headers */
	r = req_new("POST", "/api/v1/enterprises");
	r->ctx.db = d;
	assert_int_equal(req_route(r), 0);
	assert_int_equal(req_gate(r), 401);
	assert_int_equal(r->gated, 0);
	done(r);
	/* a cookie without its CSRF token: 403 before any body */
	r = req_new("POST", "/api/v1/enterprises");
	r->ctx.db = d;
	req_add_header(r, "Cookie", cookie);
	assert_int_equal(req_route(r), 0);
	assert_int_equal(req_gate(r), 403);
	done(r);
	/* signed in with the token: gated once; the handler then runs without asking again
	 * (the headers are gone by then here, so a second gate would answer 401) */
	r = req_new("POST", "/api/v1/enterprises");
	r->ctx.db = d;
	req_add_header(r, "Cookie", cookie);
	req_add_header(r, "X-CSRF-Token", xcsrf);
	assert_int_equal(req_route(r), 0);
	assert_int_equal(req_gate(r), 0);
	assert_int_equal(r->gated, 1);
	assert_non_null(r->ctx.user);
	r->headers.n = 0;
	r->body = xstrdup("{\"name\":\"x\"}");
	r->body_len = strlen(r->body);
	req_handle(r, "/nonexistent");
	assert_problem(r, 422);
	assert_null(r->body); /* dropped once the handler has run */
	done(r);
	/* a body over the route's limit: 413 naming the limit */
	r = req_new("POST", "/api/v1/enterprises");
	r->ctx.db = d;
	req_add_header(r, "Cookie", cookie);
	req_add_header(r, "X-CSRF-Token", xcsrf);
	r->body_limit = 100, r->too_large = 1;
	req_handle(r, "/nonexistent");
	assert_problem(r, 413);
	assert_non_null(strstr(r->resp, "100"));
	done(r);
	/* no database connection to be had: 503 with Retry-After, not a 500 */
	r = req_new("GET", "/api/v1/enterprises");
	req_add_header(r, "Cookie", cookie);
	req_handle(r, "/nonexistent");
	assert_problem(r, 503);
	assert_true(hdr_has(r, "Retry-After", "1"));
	req_free(r);
}

int main(void)
{
	setenv("ZJ_LOGIN_RATE", "1000", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_and_headers),      cmocka_unit_test(test_sign_in_cookie_csrf),
		cmocka_unit_test(test_headers_and_tls),        cmocka_unit_test(test_export_streams),
		cmocka_unit_test(test_route_gate_then_handle), cmocka_unit_test(test_failed_read_is_500),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
