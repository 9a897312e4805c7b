/* test_core.c — the core against a real SQLite file: generic CRUD with
 * validation and versions, keyset paging, data scope (and the union of
 * scopes over roles, RuoYi #213), masking, the workflow engine with a
 * working-day deadline, import all-or-nothing, and the audit chain with a
 * tamper check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/crud.h"
#include "core/io.h"
#include "core/jobs.h"
#include "core/migrate.h"
#include "core/workflow.h"
#include "lib/uscc.h"
#include "modules/duties.h"
#include "modules/modules.h"

/* A test entity with a workflow: draft → submitted (5 working days to review) → approved. */
static const wf_state t_states[] = {{"draft", "草稿", "Draft"},
				    {"submitted", "已提交", "Submitted"},
				    {"approved", "已批准", "Approved", 1}};
static const wf_transition t_trans[] = {
	{"submit", "提交", "Submit", "draft", "submitted", NULL, "summary", "review_due", DL_WORKING_DAYS, 7},
	{"approve", "批准", "Approve", "submitted", "approved"},
};
static const workflow_def t_wf = {"draft", t_states, 3, t_trans, 2};
static const field_def t_fields[] = {
	{"title", FT_TEXT, "标题", "Title", F_REQUIRED | F_LIST | F_SORT, 1, 20},
	{"summary", FT_TEXT, "摘要", "Summary", 0, 0, 100},
	{"amount", FT_MONEY, "金额", "Amount", 0, .min = 0, .max = 100000000},
};
static const entity_def t_entity = {.name = "memos",
				    .table = "memos",
				    .label_zh = "备忘",
				    .label_en = "Memos",
				    .fields = t_fields,
				    .nfields = 3,
				    .label_field = "title",
				    .workflow = &t_wf};

static db *d;
static char path[64], clockfile[64];

static void set_clock(const char *iso)
{
	FILE *f = fopen(clockfile, "w");
	fputs(iso, f);
	fclose(f);
}

static int setup(void **st)
{
	snprintf(path, sizeof path, "/tmp/zj-core-%d.db", getpid());
	snprintf(clockfile, sizeof clockfile, "/tmp/zj-clock-%d", getpid());
	unlink(path);
	setenv("ZJ_TEST_CLOCK", clockfile, 1);
	set_clock("2026-02-12T02:00:00Z"); /* Thursday 2026-02-12 in Beijing */
	char err[256];
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	registry_add(&t_entity);
	modules_register();
	int n;
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	assert_int_equal(
		db_exec(d,
			"CREATE TABLE memos (id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1, created_at TEXT,"
			" updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT, deleted INTEGER NOT NULL DEFAULT 0,"
			" state TEXT, title TEXT NOT NULL, summary TEXT, amount BIGINT)"),
		DB_OK);
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(org_seed(&c), DB_OK);
	return 0;
}

static int teardown(void **st)
{
	db_close(d);
	unlink(path);
	unlink(clockfile);
	return 0;
}

static int has_error(json_t *problem, const char *field, const char *code)
{
	size_t i;
	json_t *e;
	json_array_foreach (json_object_get(problem, "errors"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "field")), field) &&
		    !strcmp(json_string_value(json_object_get(e, "code")), code))
			return 1;
	return 0;
}

static int64_t juris_id(const char *code)
{
	const char *p[] = {code};
	return db_query_int(d, "SELECT id FROM jurisdictions WHERE code = ?", 1, p, 0);
}

static void test_create_validate_update(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("enterprises");
	json_t *out = NULL;
	/* GB 32100 §5.2: 914403001922038216 is valid; changing the check char breaks it. */
	json_t *b = json_pack("{s:s, s:s, s:[s], s:s}", "name", "测试", "uscc", "914403001922038217", "kinds",
			      "producer", "bogus", "x");
	assert_int_equal(crud_create(&c, e, b, &out), 422);
	assert_true(has_error(c.problem, "uscc", "check"));
	assert_true(has_error(c.problem, "bogus", "unknown"));
	assert_true(has_error(c.problem, "jurisdiction_id", "required")); /* 440300 is not a seeded division */
	json_decref(b);
	ctx_clear(&c);
	/* a Baotou code: the jurisdiction defaults from positions 3–8 */
	char code[19];
	struct uscc_error ue;
	assert_int_equal(uscc_make("91150203", "12345678", code, &ue), 0);
	b = json_pack("{s:s, s:s, s:[s], s:s}", "name", "昆区测试食品有限公司", "uscc", code, "kinds", "producer",
		      "size", "small");
	assert_int_equal(crud_create(&c, e, b, &out), 201);
	assert_int_equal(json_integer_value(json_object_get(out, "jurisdiction_id")), juris_id("150203"));
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	/* duplicate credit code */
	assert_int_equal(crud_create(&c, e, b, &out), 422);
	assert_true(has_error(c.problem, "uscc", "unique"));
	ctx_clear(&c);
	json_decref(b);
	/* update with the right version, then a stale one: 412 and nothing changes */
	b = json_pack("{s:s}", "size", "large");
	assert_int_equal(crud_update(&c, e, id, 1, b, &out), 200);
	assert_int_equal(json_integer_value(json_object_get(out, "version")), 2);
	json_decref(out), json_decref(b);
	b = json_pack("{s:s}", "size", "micro");
	assert_int_equal(crud_update(&c, e, id, 1, b, &out), 412);
	ctx_clear(&c);
	json_decref(b);
	json_t *row = crud_load(&c, e, id);
	assert_string_equal(json_string_value(json_object_get(row, "size")), "large");
	json_decref(row);
	/* wrong types */
	b = json_pack("{s:i, s:s}", "name", 5, "licence_valid_to", "2026-02-30");
	assert_int_equal(crud_update(&c, e, id, 2, b, &out), 422);
	assert_true(has_error(c.problem, "name", "type"));
	assert_true(has_error(c.problem, "licence_valid_to", "type"));
	ctx_clear(&c);
	json_decref(b);
	/* soft delete */
	assert_int_equal(crud_delete(&c, e, id, 2), 204);
	assert_null(crud_load(&c, e, id));
}

static void test_keyset_paging(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("memos");
	for (int i = 0; i < 23; i++) {
		char t[16];
		snprintf(t, sizeof t, "m%02d", i % 5); /* duplicate sort keys on purpose */
		json_t *b = json_pack("{s:s}", "title", t), *out;
		assert_int_equal(crud_create(&c, e, b, &out), 201);
		json_decref(b), json_decref(out);
	}
	const char *sorts[] = {"-id", "title", "-title"};
	for (int s = 0; s < 3; s++) {
		int seen[64] = {0}, total = 0;
		char cursor[512] = "";
		for (;;) {
			kv items[3] = {{"limit", "4"}, {"sort", sorts[s]}, {"cursor", cursor}};
			kv_list q = {cursor[0] ? 3 : 2, items};
			json_t *out;
			assert_int_equal(crud_list(&c, e, &q, &out), 200);
			size_t i;
			json_t *r;
			json_array_foreach (json_object_get(out, "items"), i, r) {
				int64_t id = json_integer_value(json_object_get(r, "id"));
				assert_true(id > 0 && id < 64);
				assert_int_equal(seen[id], 0);
				seen[id] = 1, total++;
			}
			json_t *next = json_object_get(out, "next");
			if (!json_is_string(next)) {
				json_decref(out);
				break;
			}
			snprintf(cursor, sizeof cursor, "%s", json_string_value(next));
			json_decref(out);
		}
		assert_int_equal(total, 23);
	}
	kv bad[] = {{"sort", "summary"}};
	kv_list q = {1, bad};
	json_t *out;
	assert_int_equal(crud_list(&c, e, &q, &out), 400);
	ctx_clear(&c);
}

static void test_scope_union(void **st)
{
	/* Role A grants read with scope juris; role B grants export:all and read:own.
	 * The user's read scope must be juris|own — never all (RuoYi issue #213). */
	zj_ctx c;
	ctx_init(&c, d);
	db_exec(d, "INSERT INTO roles (code, name, duty) VALUES ('ra', 'A', 'business'), ('rb', 'B', 'business')");
	db_exec(d,
		"INSERT INTO role_grants (role_id, perm, scope) SELECT id, 'enterprises.read', 'juris' FROM roles WHERE code = 'ra'");
	db_exec(d,
		"INSERT INTO role_grants (role_id, perm, scope) SELECT id, 'enterprises.export', 'all' FROM roles WHERE code = 'rb'");
	db_exec(d,
		"INSERT INTO role_grants (role_id, perm, scope) SELECT id, 'enterprises.read', 'own' FROM roles WHERE code = 'rb'");
	db_exec(d,
		"INSERT INTO users (username, name, unit_id, jurisdiction_id, roles) SELECT 'two', 'Two', u.id, u.jurisdiction_id, 'ra,rb'"
		" FROM units u WHERE u.code = 'BTQTS-DH'");
	assert_int_equal(duty_sync_from_lists(d), DB_OK); /* membership is the join table */
	zj_user u = {0};
	const char *p[] = {"two"};
	assert_int_equal(auth_load_user(d, db_query_int(d, "SELECT id FROM users WHERE username = ?", 1, p, 0), &u), 0);
	c.user = &u;
	assert_int_equal(ctx_scope(&c, "enterprises.read"), SCOPE_JURIS | SCOPE_OWN);
	assert_int_equal(ctx_scope(&c, "enterprises.export"), SCOPE_ALL);
	assert_int_equal(ctx_scope(&c, "enterprises.create"), 0);
	/* Lists only 东河区 rows: put one enterprise in 东河 and one in 青山. */
	c.user = NULL;
	const entity_def *e = registry_find("enterprises");
	char code[19], code2[19];
	struct uscc_error ue;
	uscc_make("91150202", "87654321", code, &ue);
	uscc_make("91150204", "87654322", code2, &ue);
	json_t *b1 = json_pack("{s:s, s:s, s:[s], s:s}", "name", "东河企业", "uscc", code, "kinds", "caterer", "phone",
			       "13912345678");
	json_t *b2 = json_pack("{s:s, s:s, s:[s]}", "name", "青山企业", "uscc", code2, "kinds", "caterer");
	json_t *o1, *o2;
	assert_int_equal(crud_create(&c, e, b1, &o1), 201);
	assert_int_equal(crud_create(&c, e, b2, &o2), 201);
	c.user = &u;
	json_t *out;
	kv_list none = {0, NULL};
	assert_int_equal(crud_list(&c, e, &none, &out), 200);
	size_t i;
	json_t *r;
	int n = 0;
	json_array_foreach (json_object_get(out, "items"), i, r) {
		assert_int_equal(json_integer_value(json_object_get(r, "jurisdiction_id")), juris_id("150202"));
		/* no enterprises.personal: the phone is masked (keep 3 + 4) */
		if (json_is_string(json_object_get(r, "phone")))
			assert_string_equal(json_string_value(json_object_get(r, "phone")), "139****5678");
		n++;
	}
	assert_true(n >= 1);
	json_decref(out);
	assert_int_equal(crud_get(&c, e, json_integer_value(json_object_get(o2, "id")), &out), 403);
	ctx_clear(&c);
	json_decref(b1), json_decref(b2), json_decref(o1), json_decref(o2);
	for (int k = 0; k < u.nperms; k++)
		free(u.perms[k].name);
	free(u.perms);
}

static void test_mask(void **st)
{
	char *m = mask_value("150203198001011234");
	assert_string_equal(m, "150***********1234");
	free(m);
	m = mask_value("张三丰");
	assert_string_equal(m, "张**");
	free(m);
	m = mask_value("王");
	assert_string_equal(m, "*");
	free(m);
}

static void test_workflow(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("memos");
	json_t *b = json_pack("{s:s}", "title", "wf"), *out;
	assert_int_equal(crud_create(&c, e, b, &out), 201);
	json_decref(b);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	assert_string_equal(json_string_value(json_object_get(out, "state")), "draft");
	json_decref(out);
	/* undeclared transition and out-of-order transition: 409 */
	assert_int_equal(workflow_transition(&c, e, id, "fly", -1, NULL, &out), 409);
	ctx_clear(&c);
	assert_int_equal(workflow_transition(&c, e, id, "approve", -1, NULL, &out), 409);
	ctx_clear(&c);
	/* the required field is missing: 422 naming it */
	assert_int_equal(workflow_transition(&c, e, id, "submit", -1, NULL, &out), 422);
	assert_true(has_error(c.problem, "summary", "required"));
	ctx_clear(&c);
	/* a field the step does not take: 422 */
	b = json_pack("{s:s, s:s}", "summary", "ok", "title", "changed");
	assert_int_equal(workflow_transition(&c, e, id, "submit", -1, b, &out), 422);
	assert_true(has_error(c.problem, "title", "unknown"));
	ctx_clear(&c);
	json_decref(b);
	b = json_pack("{s:s}", "summary", "ok");
	assert_int_equal(workflow_transition(&c, e, id, "submit", 1, b, &out), 200);
	json_decref(b);
	assert_string_equal(json_string_value(json_object_get(out, "state")), "submitted");
	assert_string_equal(json_string_value(json_object_get(out, "summary")), "ok");
	json_decref(out);
	/* DOMAIN.md §10.6: from Thu 2026-02-12, 7 working days → Sat 2026-02-28 (a make-up day). */
	db_stmt *s;
	assert_int_equal(
		db_prepare(d, "SELECT due, closed_at FROM deadlines WHERE entity = 'memos' AND kind = 'review_due'",
			   &s),
		DB_OK);
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "2026-02-28");
	assert_null(db_col_text(s, 1));
	db_finalize(s);
	assert_int_equal(workflow_transition(&c, e, id, "approve", -1, NULL, &out), 200);
	json_decref(out);
	/* leaving the state closed its deadline; history has both steps */
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM deadlines WHERE entity = 'memos' AND closed_at IS NULL",
				      0, NULL, -1),
			 0);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM workflow_history WHERE entity = 'memos'", 0, NULL, -1),
			 2);
	/* final state: nothing more */
	assert_int_equal(workflow_transition(&c, e, id, "approve", -1, NULL, &out), 409);
	ctx_clear(&c);
	/* a user without the transition's permission: 403 */
	zj_user u = {0};
	c.user = &u;
	assert_int_equal(workflow_transition(&c, e, id, "submit", -1, NULL, &out), 403);
	ctx_clear(&c);
}

static void test_import_all_or_nothing(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("memos");
	int64_t before = db_query_int(d, "SELECT COUNT(*) FROM memos", 0, NULL, -1);
	const char *bad = "标题,金额\r\nok1,100\r\n,5\r\nok3,-1\r\nok4,abc\r\n";
	json_t *res = NULL;
	assert_int_equal(io_import(&c, e, bad, strlen(bad), TAB_CSV, 0, 0, NULL, NULL, &res), 422);
	assert_int_equal(json_integer_value(json_object_get(res, "bad_rows")), 3);
	json_t *errs = json_object_get(res, "errors");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 0), "row")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 0), "field")), "title");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 1), "row")), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 1), "field")), "amount");
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM memos", 0, NULL, -1), before);
	json_decref(res);
	const char *good = "title,amount\nok1,100\nok2,\n";
	assert_int_equal(io_import(&c, e, good, strlen(good), TAB_CSV, 0, 0, NULL, NULL, &res), 200);
	assert_int_equal(json_integer_value(json_object_get(res, "inserted")), 2);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM memos", 0, NULL, -1), before + 2);
	json_decref(res);
	const char *unknown = "title,colour\nx,red\n";
	assert_int_equal(io_import(&c, e, unknown, strlen(unknown), TAB_CSV, 0, 0, NULL, NULL, &res), 422);
	json_decref(res);
}

/* Pass 1 finds a credit code repeated within the file and one already
 * taken, among 1,500 rows: more than its set of values holds at first when
 * the line count does not size it (CR line ends: the count of LFs is 0),
 * so the set grows while rows are checked. A dry run: nothing written. */
static void test_import_duplicates_many_rows(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("enterprises");
	char taken[19], code[19];
	struct uscc_error ue;
	assert_int_equal(uscc_make("93150202", "99999990", taken, &ue), 0);
	json_t *one = json_pack("{s:s, s:s, s:s}", "name", "已有企业有限公司", "uscc", taken, "kinds", "producer"),
	       *out;
	assert_int_equal(crud_create(&c, e, one, &out), 201);
	json_decref(one), json_decref(out);
	strbuf csv;
	sb_init(&csv);
	sb_add(&csv, "name,uscc,kinds\r");
	char first[19] = "";
	int rows = 0;
	for (int i = 0; rows < 1500; i++) {
		char org[9];
		snprintf(org, sizeof org, "%08d", 30000000 + i);
		if (uscc_make("93150203", org, code, &ue) != 0)
			continue;
		if (!rows)
			memcpy(first, code, sizeof first);
		sb_printf(&csv, "测试企业%04d有限公司,%s,producer\r", rows, code);
		rows++;
	}
	sb_printf(&csv, "重复企业有限公司,%s,producer\r", first); /* row 1502: repeats row 2 */
	sb_printf(&csv, "已有重复有限公司,%s,producer\r", taken); /* row 1503: an existing record's */
	json_t *res = NULL;
	assert_int_equal(io_import(&c, e, csv.s, csv.len, TAB_CSV, 1, 0, NULL, NULL, &res), 422);
	sb_free(&csv);
	assert_int_equal(json_integer_value(json_object_get(res, "bad_rows")), 2);
	json_t *errs = json_object_get(res, "errors");
	assert_int_equal(json_array_size(errs), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 0), "row")), 1502);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 0), "field")), "uscc");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errs, 1), "row")), 1503);
	assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 1), "field")), "uscc");
	json_decref(res);
}

/* A real import writes in batches (here of 2 rows): a ledger row and an
 * audit record per committed batch, the ledger cleared by the completing
 * transaction. A server that stops mid-import leaves its ledger: the
 * periodic recovery withdraws those rows once the job's heartbeat is stale. */
static void test_import_batches_and_recovery(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("memos");
	const char *q_batches = "SELECT COUNT(*) FROM audit_log WHERE action = 'import_batch'";
	int64_t a0 = db_query_int(d, q_batches, 0, NULL, -1);
	setenv("ZJ_IMPORT_BATCH_ROWS", "2", 1);
	int64_t job = job_create(&c, "import", "memos", 0);
	assert_true(job > 0);
	const char *good = "title,amount\nbatch1,1\nbatch2,2\nbatch3,3\nbatch4,4\nbatch5,5\n";
	json_t *res = NULL;
	assert_int_equal(io_import(&c, e, good, strlen(good), TAB_CSV, 0, job, NULL, NULL, &res), 200);
	unsetenv("ZJ_IMPORT_BATCH_ROWS");
	assert_int_equal(json_integer_value(json_object_get(res, "inserted")), 5);
	json_decref(res);
	assert_int_equal(db_query_int(d, q_batches, 0, NULL, -1) - a0, 2);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM import_batches", 0, NULL, -1), 0);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM memos WHERE title LIKE 'batch%' AND deleted = 0", 0,
				      NULL, -1),
			 5);
	int64_t ids[] = {job};
	assert_int_equal(db_query_int_ids(d, "SELECT done FROM jobs WHERE id = ?", 1, ids, -1), 5);

	/* a job whose server stopped after two committed batches */
	int64_t j2 = job_create(&c, "import", "memos", 0);
	assert_true(j2 > 0);
	assert_int_equal(
		db_exec(d, "INSERT INTO memos (title, amount) VALUES ('crash1', 1), ('crash2', 2), ('crash3', 3)"),
		DB_OK);
	int64_t lo = db_query_int(d, "SELECT MIN(id) FROM memos WHERE title LIKE 'crash%'", 0, NULL, 0);
	char jt[24], r1[48], r2[24];
	snprintf(jt, sizeof jt, "%lld", (long long)j2);
	snprintf(r1, sizeof r1, "%lld-%lld", (long long)lo, (long long)lo + 1);
	snprintf(r2, sizeof r2, "%lld", (long long)lo + 2);
	const char *p1[] = {jt, r1}, *p2[] = {jt, r2}, *p3[] = {jt};
	assert_int_equal(
		db_run(d,
		       "INSERT INTO import_batches (job_id, entity, seq, ids, nrows, created_at) VALUES (?, 'memos', 1, ?, 2, '2026-02-12T01:00:00Z')",
		       2, p1),
		DB_OK);
	assert_int_equal(
		db_run(d,
		       "INSERT INTO import_batches (job_id, entity, seq, ids, nrows, created_at) VALUES (?, 'memos', 2, ?, 1, '2026-02-12T01:00:00Z')",
		       2, p2),
		DB_OK);
	/* still beating (updated now): left alone */
	jobs_run_all(d);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM memos WHERE title LIKE 'crash%' AND deleted = 0", 0,
				      NULL, -1),
			 3);
	/* silent for an hour: withdrawn, batch by batch, audited, the job failed */
	assert_int_equal(db_run(d, "UPDATE jobs SET updated_at = '2026-02-12T01:00:00Z' WHERE id = ?", 1, p3), DB_OK);
	int64_t w0 = db_query_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'import_withdrawn'", 0, NULL, -1);
	jobs_run_all(d);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM memos WHERE title LIKE 'crash%' AND deleted = 0", 0,
				      NULL, -1),
			 0);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM import_batches", 0, NULL, -1), 0);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'import_withdrawn'", 0, NULL,
				      -1) -
				 w0,
			 2);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM jobs WHERE id = ? AND state = 'failed'", 1, p3, -1), 1);
	/* the rows of the completed import were not touched */
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM memos WHERE title LIKE 'batch%' AND deleted = 0", 0,
				      NULL, -1),
			 5);
	ctx_clear(&c);
}

/* A periodic job runs under its lease (migration 029): not while another
 * node's lease is live, once it has expired (a node that died mid-run), and
 * the lease is given back when the run ends. The overdue scan records its
 * runs in job_runs, which shows whether it ran. */
static void test_job_leases(void **st)
{
	assert_int_equal(db_exec(d, "DELETE FROM job_runs WHERE name = 'overdue_scan'"), DB_OK);
	assert_int_equal(db_exec(d,
				 "INSERT INTO job_leases (name, owner, until) VALUES ('overdue_scan', 'node2:77:beef',"
				 " '2999-01-01T00:00:00Z') ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
				 " until = excluded.until"),
			 DB_OK);
	jobs_run_all(d);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM job_runs WHERE name = 'overdue_scan'", 0, NULL, -1), 0);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM job_leases WHERE owner = 'node2:77:beef'", 0, NULL, -1),
			 1);
	/* the other node died an hour into its run: its lease has expired */
	assert_int_equal(db_exec(d, "UPDATE job_leases SET until = '2000-01-01T00:00:00Z' WHERE name = 'overdue_scan'"),
			 DB_OK);
	jobs_run_all(d);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM job_runs WHERE name = 'overdue_scan'", 0, NULL, -1), 1);
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM job_leases WHERE owner IS NULL AND until IS NULL", 0,
				      NULL, -1),
			 db_query_int(d, "SELECT COUNT(*) FROM job_leases", 0, NULL, -2)); /* every lease given back */
}

static void test_audit_chain(void **st)
{
	audit_report r;
	assert_int_equal(audit_verify(d, NULL, NULL, &r), 0);
	assert_true(r.records > 10);
	/* change one record's content: verify names exactly that record */
	int64_t victim = db_query_int(d, "SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 5", 0, NULL, 0);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE audit_log SET username = 'mallory' WHERE id = %lld", (long long)victim);
	assert_int_equal(db_exec(d, sql), DB_OK);
	assert_int_equal(audit_verify(d, NULL, NULL, &r), 1);
	assert_int_equal(r.bad_id, victim);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_validate_update),
		cmocka_unit_test(test_keyset_paging),
		cmocka_unit_test(test_scope_union),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_workflow),
		cmocka_unit_test(test_import_all_or_nothing),
		cmocka_unit_test(test_import_duplicates_many_rows),
		cmocka_unit_test(test_import_batches_and_recovery),
		cmocka_unit_test(test_job_leases),
		cmocka_unit_test(test_audit_chain),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
