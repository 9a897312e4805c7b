/* fuzz_api.c — the API in process: each input is decoded into a structured
 * request (who asks, method, a route of the real table with real entity
 * names, ids, action and transition names, a query of filters and list
 * parameters, headers, a JSON body whose keys are the entity's declared
 * fields) and run through req_handle (src/web/dispatch.c), the same code
 * the server runs after libmicrohttpd has read a request: authentication,
 * CSRF, routing, the handler, SQLite. No socket, so thousands of inputs a
 * second reach the handlers.
 *
 * The demo database is made once; each input runs inside a transaction that
 * is rolled back (the driver's own BEGIN/COMMIT/ROLLBACK become savepoints),
 * so inputs do not pile up rows and every input sees the same data.
 *
 * Findings, besides crashes, leaks and undefined behaviour: a 500 (bad input
 * must never be a server error), a status outside the API's set, an error
 * without a problem+json body whose status matches, a JSON response that does
 * not parse, a transaction left open by a handler. The request is printed
 * before abort() so the finding reads as an HTTP request.
 *
 * Not reached: POST :entity/import (it hands the file to a thread on the
 * server's pool; fuzz_csv and fuzz_xlsx cover the readers), and the
 * libmicrohttpd parser itself (fuzz_request sends raw bytes over a socket). */
#include "core/auth.h"
#include "core/crud.h"
#include "core/workflow.h"
#include "lib/strbuf.h"
#include "web/http.h"
#include "zjfuzz.h"
#include "lib/xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the database: one connection, each input a rolled-back transaction ---- */

static db *d;
static db_driver drv; /* the SQLite driver with nested transactions as savepoints */
static char dbpath[128];

static int sp_begin(db *x)
{
	return db_sqlite_driver.exec(x, "SAVEPOINT zj_fuzz");
}
static int sp_commit(db *x)
{
	return db_sqlite_driver.exec(x, "RELEASE zj_fuzz");
}
static int sp_rollback(db *x)
{
	return db_sqlite_driver.exec(x, "ROLLBACK TO zj_fuzz; RELEASE zj_fuzz");
}

/* ---- what the decoder picks from, filled from the registry and the data ---- */

enum { NUSERS = 10, MAXIDS = 5 };
/* the roles that hold the business permissions and transitions, the administrators, a district
 * officer (jurisdiction scope), an agency member and an expert ("assigned" scope) */
static const char *usernames[NUSERS] = {"director",  "secadmin", "auditor", "donghe",  "analyst",
					"agency_jw", "expert",   "handler", "sampler", "supervisor"};
static char cookie[NUSERS][128], csrf[NUSERS][96], bearer[128];
static int nent;
static char ids[64][MAXIDS][24];
static int nids[64];
static json_t *dict_codes; /* dict -> [codes] */
/* entities that have a workflow, collection actions, record actions: where those routes lead somewhere */
static const entity_def *with_wf[64], *with_coll[64], *with_rec[64];
static int nwf, ncoll, nrec;
static json_t *sample_row[64]; /* a real row of each entity (crud_get as the system): bodies that pass validation */

static const char *methods[] = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE"};
static const char *list_params[] = {"limit", "cursor", "q",    "sort", "format", "header", "dry_run", "mode",   "only",
				    "state", "year",   "from", "to",   "month",  "page",   "id",      "fields", "ids"};
static const char *tricky[] = {
	"",
	" ",
	"0",
	"1",
	"-1",
	"2",
	"50",
	"500",
	"501",
	"9223372036854775807",
	"9223372036854775808",
	"-9223372036854775808",
	"18446744073709551616",
	"1e309",
	"1.5",
	"0.000",
	"-0",
	"00",
	"NaN",
	"Infinity",
	"0x10",
	"+1",
	" 1",
	"1 ",
	"2026-11-29",
	"2026-02-29",
	"2024-02-29",
	"2026-13-01",
	"2026-00-10",
	"0000-00-00",
	"9999-12-31",
	"1900-01-01",
	"2026-1-1",
	"2026-11-29T13:38:47Z",
	"2026-11-29T25:61:61Z",
	"2026-11-29 13:38:47",
	"true",
	"false",
	"null",
	"name",
	"-name",
	"id",
	"-id",
	"created_at",
	"widgets",
	"csv",
	"xlsx",
	"json",
	"xml",
	"%",
	"_",
	"%_%",
	"'",
	"''",
	"\"",
	"\\",
	"' OR 1=1 --",
	"; DROP TABLE users; --",
	"<script>alert(1)</script>",
	"a,b",
	",",
	",,",
	"150200",
	"150202",
	"/150000/150200/",
	"91150200MA0000000X",
	"91150200MA01234567",
	"9115020000000000XX",
	"包头市",
	"检验",
	"不合格",
	"合格",
	"\xe4\xb8",
	"\xff\xfe",
	"\xc0\xae",
	"%00",
	"%zz",
	"..",
	"../../etc/passwd",
	"Fuzz-Pass-2026",
	"director",
	"admin",
	"W/\"1\"",
	"\"1\"",
	"*",
	"0.05",
	"12.345",
	"1000000000000",
	"-0.001",
	"1,000",
	"３",
	"１２３",
	"Ⅻ",
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
};
static const char *public_names[] = {"complaints", "food_results", "food_announcements"};
static const char *other_segs[] = {"api",      "v1",        "session",   "sessions", "tokens",
				   "meta",     "dashboard", "audit_log", "jobs",     "calendar",
				   "workdays", "users",     "password",  "actions",  "transitions",
				   "history",  "count",     "export",    "template", "import",
				   "public",   "..",        ".",         "%2e",      ""};

/* ---- a byte reader: the input is a stream of choices and strings ---- */

typedef struct rd {
	const uint8_t *p;
	size_t n;
} rd;

static unsigned byte(rd *r)
{
	if (!r->n)
		return 0;
	r->n--;
	return *r->p++;
}
static unsigned pick(rd *r, unsigned n)
{
	return n ? (n > 256 ? (byte(r) << 8 | byte(r)) % n : byte(r) % n) : 0;
}
#define PICK(r, a) (a)[pick(r, sizeof(a) / sizeof((a)[0]))]

/* Up to a length byte's worth of the input's own bytes. */
static void raw(rd *r, strbuf *o)
{
	size_t len = byte(r);
	if (len > r->n)
		len = r->n;
	sb_addn(o, (const char *)r->p, len);
	r->p += len, r->n -= len;
}

/* A string for a path segment, query or header: a dictionary value or raw bytes (NUL stops it). */
static char *str(rd *r, int for_path)
{
	strbuf b;
	sb_init(&b);
	unsigned k = byte(r);
	if (k < 160)
		sb_add(&b, PICK(r, tricky));
	else if (k < 200 && nent) {
		const entity_def *e = registry_at((int)pick(r, (unsigned)nent));
		sb_add(&b, e->name);
	} else
		raw(r, &b);
	char *s = sb_take(&b);
	if (for_path)
		for (char *p = s; *p; p++)
			if (*p == '/' || *p == '?')
				*p = '_';
	return s;
}

static int ent_index(const entity_def *e)
{
	for (int i = 0; i < nent; i++)
		if (registry_at(i) == e)
			return i;
	return -1;
}

static const char *an_id(rd *r, const entity_def *e)
{
	int i = e ? ent_index(e) : -1;
	if (i >= 0 && nids[i] && byte(r) < 224)
		return ids[i][pick(r, (unsigned)nids[i])];
	static const char *odd[] = {"0",  "-1",  "999999999", "9223372036854775807", "99999999999999999999", "1x",
				    "01", "1.0", "abc"};
	return PICK(r, odd);
}

/* A JSON value for field f (or for any key when f is NULL): usually of the field's type, sometimes hostile. */
static json_t *value(rd *r, const field_def *f, int depth)
{
	unsigned k = byte(r);
	if (f && k < 150) {
		switch (f->type) {
		case FT_INT:
		case FT_MONEY: {
			static const json_int_t ints[] = {0,         1,          -1,
							  2,         100,        9999,
							  100000,    2147483647, 2147483648LL,
							  INT64_MAX, INT64_MIN,  9007199254740993LL};
			if (f->min < f->max && byte(r) < 128)
				return json_integer(
					f->min +
					(json_int_t)pick(r, (unsigned)(f->max - f->min > 255 ? 256
											     : f->max - f->min + 1)));
			return json_integer(PICK(r, ints));
		}
		case FT_BOOL: return byte(r) & 1 ? json_true() : json_false();
		case FT_REF: {
			const entity_def *t = f->ref ? registry_find(f->ref) : NULL;
			const char *id = an_id(r, t);
			return byte(r) < 200 ? json_integer(strtoll(id, NULL, 10)) : json_string(id);
		}
		case FT_DICT: {
			json_t *codes = f->dict ? json_object_get(dict_codes, f->dict) : NULL;
			if (json_array_size(codes) && byte(r) < 224) {
				if (f->flags & F_MULTI && byte(r) & 1) {
					char two[160];
					snprintf(two, sizeof two, "%s,%s",
						 json_string_value(
							 json_array_get(codes,
									pick(r, (unsigned)json_array_size(codes)))),
						 json_string_value(
							 json_array_get(codes,
									pick(r, (unsigned)json_array_size(codes)))));
					return json_string(two);
				}
				return json_incref(json_array_get(codes, pick(r, (unsigned)json_array_size(codes))));
			}
			break;
		}
		case FT_DATE: {
			static const char *dates[] = {"2026-11-02", "2026-01-01", "2025-12-31", "2026-10-01",
						      "2027-02-28", "2024-02-29", "2026-11-29"};
			return json_string(PICK(r, dates));
		}
		case FT_DECIMAL: {
			static const char *decs[] = {"0",      "0.05", "0.050", "1",  "12.345", "100",
						     "0.0001", "-1",   "1e3",   ".5", "5.",     "999999999.999999"};
			return json_string(PICK(r, decs));
		}
		default: break;
		}
	}
	switch (byte(r) % 10) {
	case 0: return json_null();
	case 1: return json_integer((json_int_t)(int8_t)byte(r));
	case 2: return byte(r) & 1 ? json_true() : json_false();
	case 3: return json_real(byte(r) & 1 ? 1.5 : 1e300);
	case 4:
		if (depth < 2) {
			json_t *a = json_array();
			for (unsigned i = pick(r, 4); i; i--)
				json_array_append_new(a, value(r, f, depth + 1));
			return a;
		}
		return json_array();
	case 5: return depth < 2 ? json_pack("{s:o}", "id", value(r, NULL, depth + 1)) : json_object();
	default: {
		char *s = str(r, 0);
		json_t *v = json_string(s); /* NULL on invalid UTF-8: then a plain marker */
		free(s);
		return v ? v : json_string("\xe2\x80\x8b");
	}
	}
}

static const char *const extra_keys[] = {"version",       "id",        "state",    "created_at",
					 "owner_unit_id", "username",  "password", "old_password",
					 "new_password",  "name",      "days",     "perms",
					 "reason",        "note",      "comment",  "items",
					 "rows",          "ids",       "result",   "results",
					 "x__label",      "__proto__", ""};

static char *body_json(rd *r, const entity_def *e)
{
	json_t *o = json_object();
	for (unsigned n = pick(r, 10); n; n--) {
		const field_def *f = NULL;
		const char *key;
		if (e && e->nfields && byte(r) < 200) {
			f = &e->fields[pick(r, (unsigned)e->nfields)];
			key = f->name;
		} else
			key = PICK(r, extra_keys);
		json_t *v = value(r, f, 0);
		if (!strcmp(key, "perms") && byte(r) & 1) {
			json_decref(v);
			v = json_pack("[s, s]", "enterprises.read", "users.update");
		}
		json_object_set_new(o, key, v);
	}
	char *s = json_dumps(o, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(o);
	return s;
}

/* A real row of the entity with a few fields changed, dropped or added: creates and updates that get
 * past validation into the hooks, the insert, the audit and the workflow. */
static char *body_clone(rd *r, const entity_def *e)
{
	int i = e ? ent_index(e) : -1;
	if (i < 0 || !sample_row[i])
		return body_json(r, e);
	json_t *o = json_deep_copy(sample_row[i]);
	for (unsigned n = pick(r, 5); n && e->nfields; n--) {
		const field_def *f = &e->fields[pick(r, (unsigned)e->nfields)];
		if (byte(r) < 64)
			json_object_del(o, f->name);
		else
			json_object_set_new(o, f->name, value(r, f, 0));
	}
	if (byte(r) < 32) /* now and then a stale or odd version */
		json_object_set_new(o, "version", value(r, NULL, 1));
	char *s = json_dumps(o, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(o);
	return s;
}

/* A transition's body: the fields it requires (values of a real row or of the field's type), now and then one more. */
static char *body_transition(rd *r, const entity_def *e, const wf_transition *t)
{
	int i = ent_index(e);
	json_t *o = json_object();
	char req_[512];
	snprintf(req_, sizeof req_, "%s", t->requires ? t->requires : "");
	char *save = NULL;
	for (char *name = strtok_r(req_, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const field_def *f = entity_field(e, name);
		json_t *v = i >= 0 && sample_row[i] ? json_object_get(sample_row[i], name) : NULL;
		if (byte(r) < 48)
			continue; /* missing: 422 */
		json_object_set_new(o, name, v && !json_is_null(v) && byte(r) < 160 ? json_incref(v) : value(r, f, 0));
	}
	if (e->nfields && byte(r) < 40) {
		const field_def *f = &e->fields[pick(r, (unsigned)e->nfields)];
		json_object_set_new(o, f->name, value(r, f, 0));
	}
	char *s = json_dumps(o, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(o);
	return s;
}

/* ---- one request ---- */

typedef struct fz {
	char method[16];
	strbuf url, qs, hdrs; /* hdrs: for the report only */
	char *body;
	size_t body_len;
	int import;
	int read_stream; /* read an export's first chunk (half the inputs: an XLSX export builds the file first) */
} fz;

static void add_hdr(fz *z, req *q, const char *k, const char *v)
{
	/* arena copies: req keeps pointers */
	req_add_header(q, arena_strdup(&q->mem, k), arena_strdup(&q->mem, v));
	sb_printf(&z->hdrs, "%s: %s\n", k, v);
}

/* Mostly a transition that leaves the record's current state (so the guards, the required fields and
 * on_enter run), otherwise any. */
static const wf_transition *picked_tr; /* the transition build_path chose, for the body */

static const char *a_transition(rd *r, const entity_def *e, const char *id)
{
	const workflow_def *w = e->workflow;
	const wf_transition *t = &w->transitions[pick(r, (unsigned)w->ntransitions)];
	if (id && byte(r) < 192) {
		char sql[160], state[64] = "";
		snprintf(sql, sizeof sql, "SELECT state FROM %s WHERE id = ?", e->table);
		db_stmt *s;
		if (db_prepare(d, sql, &s) == DB_OK) {
			db_bind_text(s, 1, id);
			if (db_step(s) == DB_ROW && db_col_text(s, 0))
				snprintf(state, sizeof state, "%s", db_col_text(s, 0));
			db_finalize(s);
		}
		const wf_transition *ok[64];
		int n = 0;
		for (int i = 0; i < w->ntransitions && n < 64; i++) {
			const char *from = w->transitions[i].from;
			size_t sl = strlen(state);
			int any = !strcmp(from, "*");
			for (const char *p = from; !any && sl && (p = strstr(p, state)); p += sl)
				if ((p == from || p[-1] == ',') && (p[sl] == 0 || p[sl] == ','))
					any = 1;
			if (any)
				ok[n++] = &w->transitions[i];
		}
		if (n)
			t = ok[pick(r, (unsigned)n)];
	}
	picked_tr = t;
	return t->name;
}

/* Path segments for a route pattern: ':entity' an entity's name, ':id' an id
 * of it, ':name' its action or transition or a public endpoint. */
static void build_path(rd *r, fz *z, const route *rt, const entity_def **ent)
{
	sb_add(&z->url, "/api/v1");
	char pat[128];
	snprintf(pat, sizeof pat, "%s", rt->pattern);
	const entity_def *e = NULL;
	const char *id = NULL;
	int on_record = strstr(pat, ":id/actions") != NULL, transitions = strstr(pat, "transitions") != NULL;
	char *save = NULL;
	for (char *s = strtok_r(pat, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		sb_add(&z->url, "/");
		if (byte(r) >= 248) { /* now and then a hostile segment */
			char *x = str(r, 1);
			sb_add(&z->url, x);
			free(x);
			continue;
		}
		if (!strcmp(s, ":entity")) {
			const entity_def **from = transitions                      ? with_wf
						  : strstr(rt->pattern, "actions") ? (on_record ? with_rec : with_coll)
										   : NULL;
			int nfrom = transitions ? nwf : strstr(rt->pattern, "actions") ? (on_record ? nrec : ncoll) : 0;
			e = nfrom && byte(r) < 224 ? from[pick(r, (unsigned)nfrom)]
						   : registry_at((int)pick(r, (unsigned)nent));
			sb_add(&z->url, e->name);
		} else if (!strcmp(s, ":id")) {
			const entity_def *t = e ? e : !strncmp(rt->pattern, "users", 5) ? registry_find("users") : NULL;
			sb_add(&z->url, id = an_id(r, t));
		} else if (!strcmp(s, ":name")) {
			if (!strncmp(rt->pattern, "public", 6))
				sb_add(&z->url, PICK(r, public_names));
			else if (transitions && e && e->workflow && e->workflow->ntransitions)
				sb_add(&z->url, a_transition(r, e, id));
			else if (e && e->nactions) {
				/* prefer the actions of this kind (on a record or on the collection) */
				const entity_action *a = &e->actions[pick(r, (unsigned)e->nactions)];
				for (int i = 0; i < e->nactions && a->on_record != on_record; i++)
					a = &e->actions[(i + 1) % e->nactions];
				sb_add(&z->url, a->name);
			} else
				sb_add(&z->url, PICK(r, other_segs));
		} else
			sb_add(&z->url, s);
	}
	*ent = e;
}

static void report(const fz *z, const req *q, const char *why)
{
	fprintf(stderr, "\n==== fuzz_api finding: %s\n%s %s%s%s\n%s\n%.*s\n---- response %d %s\n%.*s\n", why, z->method,
		z->url.s, z->qs.len ? "?" : "", z->qs.len ? z->qs.s : "", z->hdrs.s ? z->hdrs.s : "",
		(int)(z->body_len > 4000 ? 4000 : z->body_len), z->body ? z->body : "", q->status,
		q->ctype ? q->ctype : "-", (int)(q->resp_len > 2000 ? 2000 : q->resp_len), q->resp ? q->resp : "");
	abort();
}

static int valid_status(int st)
{
	static const int ok[] = {200, 201, 202, 204, 304, 400, 401, 403, 404,
				 405, 409, 410, 412, 413, 415, 422, 428, 429};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (st == ok[i])
			return 1;
	return 0;
}

static void check(const fz *z, req *q)
{
	if (q->status == 500)
		report(z, q, "500 Internal Server Error");
	if (!valid_status(q->status))
		report(z, q, "status outside the API's set");
	if (d->in_tx)
		report(z, q, "a transaction left open");
	int is_json = q->ctype && (!strncmp(q->ctype, "application/json", 16) ||
				   !strncmp(q->ctype, "application/problem+json", 24));
	if (q->status >= 400) {
		if (!q->ctype || strncmp(q->ctype, "application/problem+json", 24))
			report(z, q, "an error without application/problem+json");
		json_t *p = json_loadb(q->resp ? q->resp : "", q->resp_len, 0, NULL);
		if (!json_is_object(p) || json_integer_value(json_object_get(p, "status")) != q->status ||
		    !json_is_string(json_object_get(p, "title")))
			report(z, q, "a problem body without a matching status and a title");
		json_t *errs = json_object_get(p, "errors");
		if (q->status == 422 && errs && !json_is_array(errs))
			report(z, q, "422 errors is not an array");
		json_decref(p);
	} else if (is_json && q->resp_len) {
		json_t *j = json_loadb(q->resp, q->resp_len, JSON_DECODE_ANY, NULL);
		if (!j)
			report(z, q, "a JSON response that does not parse");
		json_decref(j);
	}
	if (q->status == 204 && q->resp_len)
		report(z, q, "204 with a body");
	if (q->stream_read &&
	    z->read_stream) { /* an export: read its first chunks, as the server would (then the client goes away) */
		char buf[16384];
		long n = 1;
		for (int i = 0; i < 1 && (n = q->stream_read(q->stream_cls, buf, sizeof buf)) > 0; i++)
			;
		if (n < 0)
			report(z, q, "an export stream failed");
	}
}

/* FUZZ_API_STATS=1: at exit, how many inputs each route answered with each status (is the fuzzer deep?) */
static json_t *stats;
static const char *trace; /* FUZZ_API_TRACE=<method or route part>: print each such request and its answer */
static long long run_us, runs, setup_us, check_us, handle_us;
static void stats_add(const req *q, long long us)
{
	char k[160];
	snprintf(k, sizeof k, "%-36s %d", q->route ? q->route : "-", q->status);
	json_t *v = json_object_get(stats, k);
	if (!v)
		json_object_set_new(stats, k, v = json_pack("[I, I]", (json_int_t)0, (json_int_t)0));
	json_array_set_new(v, 0, json_integer(json_integer_value(json_array_get(v, 0)) + 1));
	json_array_set_new(v, 1, json_integer(json_integer_value(json_array_get(v, 1)) + us));
}
static void stats_print(void)
{
	const char *k;
	json_t *v;
	json_object_foreach (stats, k, v)
		fprintf(stderr, "fuzz_api: %8lld %8.1f ms  %s\n", (long long)json_integer_value(json_array_get(v, 0)),
			json_integer_value(json_array_get(v, 1)) / 1000.0, k);
	json_decref(stats);
	fprintf(stderr, "fuzz_api: setup %.1f s; %lld inputs in %.1f s of LLVMFuzzerTestOneInput (%.0f a second)\n",
		setup_us / 1e6, runs, run_us / 1e6, run_us ? runs * 1e6 / run_us : 0.0);
	fprintf(stderr, "fuzz_api: %.1f s in req_handle, %.1f s checking (exports read)\n", handle_us / 1e6,
		check_us / 1e6);
}

static void hdr_count(void *cls, const char *k, const char *v)
{
	++*(int *)cls;
}

static void run(rd *r)
{
	fz z = {0};
	picked_tr = NULL;
	sb_init(&z.url), sb_init(&z.qs), sb_init(&z.hdrs);
	/* the route: most inputs follow the table, some use a raw path */
	unsigned k = byte(r);
	const route *rt = NULL;
	const entity_def *e = NULL;
	if (k < 240) {
		rt = &api_routes[pick(r, (unsigned)api_nroutes)];
		/* The dashboard and /meta cost twenty list pages and take no input but the user and one
		 * flag: they run for the first such input and then one in sixteen (a crash file replayed
		 * alone still reaches them), so they do not eat the time of the routes that take input. */
		static unsigned heavy;
		if ((!strcmp(rt->pattern, "dashboard") || !strcmp(rt->pattern, "meta")) && heavy++ % 16)
			goto out;
		build_path(r, &z, rt, &e);
	} else if (k < 244)
		sb_add(&z.url, "/healthz");
	else if (k < 246)
		sb_add(&z.url, "/metrics");
	else {
		char *s = str(r, 0);
		sb_printf(&z.url, "/api/v1/%s", s);
		free(s);
	}
	unsigned m = byte(r);
	snprintf(z.method, sizeof z.method, "%s", rt && m < 216 ? rt->method : PICK(r, methods));
	/* the file import runs in a thread on the server's pool: not here */
	z.import = strstr(z.url.s, "/import") != NULL && !strcmp(z.method, "POST");
	if (z.import)
		goto out;
	req *q = req_new(z.method, z.url.s);
	q->ctx.db = d;
	snprintf(q->ip, sizeof q->ip, "198.51.100.%u", byte(r) & 3);
	q->ctx.ip = q->ip;
	q->body_limit = 1u << 20;
	/* query: filters on the entity's fields, list parameters, anything */
	for (unsigned n = pick(r, 6); n; n--) {
		unsigned kk = byte(r);
		char key[96];
		if (e && e->nfields && kk < 140) {
			const field_def *f = &e->fields[pick(r, (unsigned)e->nfields)];
			static const char *suf[] = {"", "", "", ".from", ".to", ".x"};
			snprintf(key, sizeof key, "%s%s", f->name, PICK(r, suf));
		} else if (kk < 230)
			snprintf(key, sizeof key, "%s", PICK(r, list_params));
		else {
			char *s = str(r, 0);
			snprintf(key, sizeof key, "%s", s);
			free(s);
		}
		char *v;
		if (e && byte(r) < 60) {
			const field_def *f = entity_field(e, key);
			json_t *jv = value(r, f, 1);
			v = json_is_string(jv) ? strdup(json_string_value(jv)) : json_dumps(jv, JSON_ENCODE_ANY);
			json_decref(jv);
		} else
			v = str(r, 0);
		req_add_query(q, arena_strdup(&q->mem, key), arena_strdup(&q->mem, v ? v : ""));
		sb_printf(&z.qs, "%s%s=%s", z.qs.len ? "&" : "", key, v ? v : "");
		free(v);
	}
	/* who asks */
	unsigned who = byte(r);
	/* mostly signed in as one of the users; else 100 + one of the odd cases */
	who = who < 200 ? 1 + who % NUSERS : who < 208 ? 0 : 100 + who % 6;
	if (who >= 1 && who <= NUSERS) {
		add_hdr(&z, q, "Cookie", cookie[who - 1]);
		add_hdr(&z, q, "X-CSRF-Token", csrf[who - 1]);
	} else if (who == 100)
		add_hdr(&z, q, "Cookie", cookie[0]); /* no CSRF token */
	else if (who == 101) {
		add_hdr(&z, q, "Cookie", cookie[0]);
		add_hdr(&z, q, "X-CSRF-Token", csrf[1]); /* someone else's */
	} else if (who == 102 && bearer[0])
		add_hdr(&z, q, "Authorization", bearer);
	else if (who == 103 || who == 104) {
		char *s = str(r, 0);
		char h[600];
		snprintf(h, sizeof h, who == 103 ? "Bearer %s" : "zj_session=%s", s);
		add_hdr(&z, q, who == 103 ? "Authorization" : "Cookie", h);
		free(s);
	} else if (who == 105) { /* a second director session: several cookies, API token as a cookie */
		char h[400];
		snprintf(h, sizeof h, "a=b; %s; zj_session=%s", cookie[0], bearer[0] ? bearer + 7 : "x");
		add_hdr(&z, q, "Cookie", h);
		add_hdr(&z, q, "X-CSRF-Token", csrf[0]);
	}
	/* other headers */
	unsigned hb = byte(r);
	if (hb & 1) {
		add_hdr(&z, q, "Accept-Language", "en");
		q->ctx.en = 1;
	}
	if (hb & 2) {
		char *s = str(r, 0);
		char h[300];
		snprintf(h, sizeof h, "%s%s%s", hb & 4 ? "W/\"" : "", s, hb & 4 ? "\"" : "");
		add_hdr(&z, q, "If-Match", h);
		free(s);
	}
	if (hb & 8)
		add_hdr(&z, q, "User-Agent", "fuzz");
	z.read_stream = !!(hb & 16);
	/* the body: none, JSON built from the entity's fields, or the rest of the input */
	unsigned bk = byte(r);
	if (bk < 40)
		;
	else if (bk < 120)
		z.body = body_json(r, e);
	else if (bk < 220)
		z.body = picked_tr ? body_transition(r, e, picked_tr) : body_clone(r, e);
	else {
		z.body = xmalloc(r->n + 1);
		memcpy(z.body, r->p, r->n);
		z.body[r->n] = 0;
		z.body_len = r->n;
		r->n = 0;
	}
	if (z.body && !z.body_len)
		z.body_len = strlen(z.body);
	if (z.body) {
		q->body = xmalloc(z.body_len + 1);
		memcpy(q->body, z.body, z.body_len + 1);
		q->body_len = z.body_len;
	}
	if (db_exec(d, "BEGIN") != DB_OK) {
		fprintf(stderr, "fuzz_api: BEGIN failed: %s\n", db_errmsg(d));
		abort();
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	req_handle(q, "/nonexistent");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check(&z, q);
	struct timespec t2;
	clock_gettime(CLOCK_MONOTONIC, &t2);
	check_us += (t2.tv_sec - t1.tv_sec) * 1000000LL + (t2.tv_nsec - t1.tv_nsec) / 1000;
	handle_us += (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000;
	if (trace && (!*trace || strstr(z.method, trace) || strstr(q->route ? q->route : "", trace)))
		fprintf(stderr, "%s %s%s%s\n%s%.*s\n-> %d %.*s\n\n", z.method, z.url.s, z.qs.len ? "?" : "",
			z.qs.len ? z.qs.s : "", z.hdrs.s ? z.hdrs.s : "", (int)(z.body_len > 600 ? 600 : z.body_len),
			z.body ? z.body : "", q->status, (int)(q->resp_len > 400 ? 400 : q->resp_len),
			q->resp ? q->resp : "");
	if (stats)
		stats_add(q, (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000);
	int nh = 0;
	req_each_header(q, hdr_count, &nh);
	if (db_exec(d, "ROLLBACK") != DB_OK) {
		fprintf(stderr, "fuzz_api: ROLLBACK failed: %s\n", db_errmsg(d));
		abort();
	}
	q->ctx.db = NULL; /* ours, not a pool's */
	req_free(q);
out:
	sb_free(&z.url), sb_free(&z.qs), sb_free(&z.hdrs);
	free(z.body);
}

/* ---- setup ---- */

/* One request through req_handle, committed (setup only). */
static json_t *call(const char *method, const char *url, const char *hdr_cookie, const char *hdr_csrf, const char *body,
		    int *status)
{
	req *q = req_new(method, url);
	q->ctx.db = d;
	snprintf(q->ip, sizeof q->ip, "192.0.2.1");
	q->ctx.ip = q->ip;
	if (hdr_cookie)
		req_add_header(q, "Cookie", hdr_cookie);
	if (hdr_csrf)
		req_add_header(q, "X-CSRF-Token", hdr_csrf);
	if (body) {
		q->body = xstrdup(body);
		q->body_len = strlen(body);
	}
	req_handle(q, "/nonexistent");
	*status = q->status;
	json_t *j = q->resp ? json_loadb(q->resp, q->resp_len, 0, NULL) : NULL;
	q->ctx.db = NULL;
	req_free(q);
	return j;
}

static int setup(void)
{
	setenv("ZJ_LOGIN_RATE", "20", 1);
	d = zj_fuzz_demo_db("api", dbpath, sizeof dbpath);
	if (!d)
		return -1;
	/* sign in through the API itself (committed: outside any input's transaction) */
	for (int i = 0; i < NUSERS; i++) {
		char body[160];
		int st;
		snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"Fuzz-Pass-2026\"}", usernames[i]);
		json_t *j = call("POST", "/api/v1/session", NULL, NULL, body, &st);
		const char *tok = json_string_value(json_object_get(j, "token")),
			   *cs = json_string_value(json_object_get(j, "csrf"));
		if (st != 201 || !tok || !cs) {
			fprintf(stderr, "fuzz_api: sign-in of %s failed (%d)\n", usernames[i], st);
			json_decref(j);
			return -1;
		}
		snprintf(cookie[i], sizeof cookie[i], "zj_session=%s", tok);
		snprintf(csrf[i], sizeof csrf[i], "%s", cs);
		json_decref(j);
	}
	int st;
	json_t *j = call(
		"POST", "/api/v1/tokens", cookie[0], csrf[0],
		"{\"name\":\"fuzz\",\"perms\":[\"enterprises.read\",\"food_samples.read\",\"cases.read\"],\"days\":30}",
		&st);
	const char *tok = json_string_value(json_object_get(j, "token"));
	if (st == 201 && tok)
		snprintf(bearer, sizeof bearer, "Bearer %s", tok);
	else
		fprintf(stderr, "fuzz_api: no API token (%d %s); the bearer path is fuzzed with bad tokens only\n", st,
			json_string_value(json_object_get(j, "detail")) ?: "");
	json_decref(j);
	/* ids of every entity (a few of the first and the last) and the dictionaries' codes */
	nent = registry_count() < 64 ? registry_count() : 64;
	for (int i = 0; i < nent; i++) {
		const entity_def *e = registry_at(i);
		if (e->workflow && e->workflow->ntransitions)
			with_wf[nwf++] = e;
		int coll = 0, rec = 0;
		for (int k = 0; k < e->nactions; k++)
			e->actions[k].on_record ? rec++ : coll++;
		if (coll)
			with_coll[ncoll++] = e;
		if (rec)
			with_rec[nrec++] = e;
		char sql[256];
		snprintf(
			sql, sizeof sql,
			"SELECT id FROM %s WHERE id IN (SELECT id FROM %s ORDER BY id LIMIT 3) OR id = (SELECT MAX(id) FROM %s) ORDER BY id",
			e->table, e->table, e->table);
		db_stmt *s;
		if (db_prepare(d, sql, &s) != DB_OK)
			continue;
		while (db_step(s) == DB_ROW && nids[i] < MAXIDS)
			snprintf(ids[i][nids[i]++], sizeof ids[i][0], "%s", db_col_text(s, 0));
		db_finalize(s);
		if (nids[i]) {
			zj_ctx sys;
			ctx_init(&sys, d); /* no user: the system reads everything */
			json_t *row = NULL;
			if (crud_get(&sys, e, strtoll(ids[i][0], NULL, 10), &row) == 200) {
				for (int k = 0; k < e->nfields; k++) /* what a client may not send */
					if (e->fields[k].flags & F_READONLY || e->fields[k].type == FT_SECRET)
						json_object_del(row, e->fields[k].name);
				sample_row[i] = row;
			}
			ctx_clear(&sys);
		}
	}
	dict_codes = json_object();
	db_stmt *s;
	if (db_prepare(d, "SELECT dict, code FROM dict_items WHERE deleted = 0 ORDER BY id", &s) == DB_OK) {
		while (db_step(s) == DB_ROW) {
			json_t *a = json_object_get(dict_codes, db_col_text(s, 0));
			if (!a)
				json_object_set_new(dict_codes, db_col_text(s, 0), a = json_array());
			if (json_array_size(a) < 16)
				json_array_append_new(a, json_string(db_col_text(s, 1)));
		}
		db_finalize(s);
	}
	/* from here on, the code's transactions are savepoints inside each input's */
	drv = db_sqlite_driver;
	drv.begin = sp_begin, drv.commit = sp_commit, drv.rollback = sp_rollback;
	d->drv = &drv;
	trace = getenv("FUZZ_API_TRACE");
	if (getenv("FUZZ_API_STATS")) {
		stats = json_object();
		atexit(stats_print);
	}
	return 0;
}

/* The database, the sign-ins and the samples are made before the first input, so their time (seconds
 * under ASan on a busy machine) does not count against -timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct timespec s0, s1;
	clock_gettime(CLOCK_MONOTONIC, &s0);
	if (setup() != 0) {
		fprintf(stderr, "fuzz_api: setup failed\n");
		abort();
	}
	clock_gettime(CLOCK_MONOTONIC, &s1);
	setup_us = (s1.tv_sec - s0.tv_sec) * 1000000LL + (s1.tv_nsec - s0.tv_nsec) / 1000;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	rd r = {data, size};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run(&r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	run_us += (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000, runs++;
	/* sessions idle out after a while: keep them fresh (committed, not rolled back) */
	static unsigned calls;
	if (++calls % 4096 == 0) {
		char now[32];
		clock_now(now);
		const char *p[] = {now};
		db_run(d, "UPDATE sessions SET last_seen = ?", 1, p);
	}
	return 0;
}
