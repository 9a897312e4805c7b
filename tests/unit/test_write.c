/* test_write.c — the writes the core makes for modules (issue 13 §2): the
 * field setter (version, audit record with old and new values, only declared
 * fields, never the state), an in-place step (WF_STAY: same state, own
 * history, the state's deadline left running), the deadline mirror, and the
 * numbering service (patterns, gap-free under rollback, numbers in use passed
 * over). On a real SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/crud.h"
#include "core/migrate.h"
#include "core/numbering.h"
#include "core/workflow.h"
#include "core/write.h"
#include "modules/modules.h"

static const wf_state n_states[] = {{"open", "办理中", "Open"}, {"done", "已完成", "Done", 1}};
static const wf_transition n_trans[] = {
	{"start", "开始", "Start", "open", WF_STAY, NULL, "summary", "reply_due", DL_CALENDAR_DAYS, 10},
	{"extend", "延期", "Extend", "open", WF_STAY, NULL, "due_on"},
	{"finish", "完成", "Finish", "open", "done"},
};
static const workflow_def n_wf = {"open", n_states, 2, n_trans, 3};
static const field_def n_fields[] = {
	{"title", FT_TEXT, "标题", "Title", F_REQUIRED | F_LIST, 1, 40},
	{"summary", FT_TEXT, "摘要", "Summary", 0, 0, 100},
	{"due_on", FT_DATE, "期限", "Due", 0},
	{"no", FT_TEXT, "编号", "Number", F_READONLY, 0, 60},
};
static const entity_def n_entity = {.name = "notes",
				    .table = "notes",
				    .label_zh = "记录",
				    .label_en = "Notes",
				    .fields = n_fields,
				    .nfields = 4,
				    .label_field = "title",
				    .workflow = &n_wf};

static db *d;
static char path[64];

static int setup(void **st)
{
	snprintf(path, sizeof path, "/tmp/zj-write-%d.db", getpid());
	unlink(path);
	char err[256];
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	registry_add(&n_entity);
	modules_register();
	int n;
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	assert_int_equal(
		db_exec(d,
			"CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1, created_at TEXT,"
			" updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT, deleted INTEGER NOT NULL DEFAULT 0,"
			" state TEXT, title TEXT NOT NULL, summary TEXT, due_on TEXT, no TEXT)"),
		DB_OK);
	return 0;
}

static int teardown(void **st)
{
	db_close(d);
	unlink(path);
	return 0;
}

static int64_t new_note(zj_ctx *c, const char *title)
{
	json_t *r = json_pack("{s:s}", "title", title);
	int64_t id = 0;
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(crud_add(c, &n_entity, r, &id), DB_OK);
	assert_int_equal(db_commit(d), DB_OK);
	json_decref(r);
	return id;
}

static json_t *last_audit(int64_t id)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	db_stmt *s;
	json_t *out = NULL;
	assert_int_equal(
		db_prepare(
			d,
			"SELECT action, after FROM audit_log WHERE entity = 'notes' AND entity_id = ? ORDER BY id DESC LIMIT 1",
			&s),
		DB_OK);
	db_bind_text(s, 1, idt);
	if (db_step(s) == DB_ROW)
		out = json_pack("{s:s, s:o}", "action", db_col_text(s, 0), "after",
				json_loads(db_col_text(s, 1), 0, NULL));
	db_finalize(s);
	return out;
}

static void test_set_fields(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	int64_t id = new_note(&c, "a");
	json_t *a = last_audit(id);
	assert_string_equal(json_string_value(json_object_get(a, "action")), "create");
	json_decref(a);
	json_t *f = json_pack("{s:s, s:s}", "no", "N-1", "summary", "s");
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(crud_set_fields(&c, &n_entity, id, f, "number"), DB_OK);
	assert_int_equal(db_commit(d), DB_OK);
	json_decref(f);
	json_t *row = crud_load(&c, &n_entity, id);
	assert_int_equal(json_integer_value(json_object_get(row, "version")), 2);
	assert_string_equal(json_string_value(json_object_get(row, "no")), "N-1");
	json_decref(row);
	a = last_audit(id);
	assert_string_equal(json_string_value(json_object_get(a, "action")), "number");
	json_t *ch = json_object_get(json_object_get(a, "after"), "no");
	assert_true(json_is_null(json_array_get(ch, 0)));
	assert_string_equal(json_string_value(json_array_get(ch, 1)), "N-1");
	assert_true(crud_is_change_list(json_object_get(a, "after")));
	json_decref(a);
	/* an undeclared column or the state: refused, nothing written */
	f = json_pack("{s:s}", "state", "done");
	assert_int_equal(crud_set_fields(&c, &n_entity, id, f, "x"), DB_ERR);
	json_decref(f);
	f = json_pack("{s:s}", "title; DROP TABLE notes", "x");
	assert_int_equal(crud_set_fields(&c, &n_entity, id, f, "x"), DB_ERR);
	json_decref(f);
	/* an absent record */
	assert_int_equal(crud_set1(&c, &n_entity, 999999, "x", "summary", json_string("y")), DB_ERR);
	row = crud_load(&c, &n_entity, id);
	assert_int_equal(json_integer_value(json_object_get(row, "version")), 2);
	assert_string_equal(json_string_value(json_object_get(row, "state")), "open");
	json_decref(row);
	ctx_clear(&c);
}

static int64_t open_deadlines(int64_t id)
{
	int64_t p[] = {id};
	return db_query_int_ids(
		d,
		"SELECT COUNT(*) FROM deadlines WHERE entity = 'notes' AND entity_id = CAST(? AS TEXT) AND closed_at IS NULL",
		1, p, -1);
}

static void test_in_place_step(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	int64_t id = new_note(&c, "b");
	json_t *b = json_pack("{s:s}", "summary", "go"), *out = NULL;
	assert_int_equal(workflow_transition(&c, &n_entity, id, "start", -1, b, &out), 200);
	json_decref(b);
	assert_string_equal(json_string_value(json_object_get(out, "state")), "open");
	assert_int_equal(open_deadlines(id), 1);
	json_decref(out);
	/* a second in-place step keeps the deadline of the state running */
	b = json_pack("{s:s}", "due_on", "2026-03-01");
	assert_int_equal(workflow_transition(&c, &n_entity, id, "extend", -1, b, &out), 200);
	json_decref(b);
	assert_string_equal(json_string_value(json_object_get(out, "state")), "open");
	assert_string_equal(json_string_value(json_object_get(out, "due_on")), "2026-03-01");
	assert_int_equal(open_deadlines(id), 1);
	json_decref(out);
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {idt};
	assert_int_equal(
		db_query_int(
			d,
			"SELECT COUNT(*) FROM workflow_history WHERE entity = 'notes' AND entity_id = ? AND from_state = 'open'"
			" AND to_state = 'open'",
			1, p, 0),
		2);
	/* moving the deadline, then leaving the state closes it */
	assert_int_equal(workflow_move_deadline(&c, "notes", id, "reply_due", "2026-04-01"), DB_OK);
	assert_int_equal(db_query_int(d,
				      "SELECT COUNT(*) FROM deadlines WHERE entity = 'notes' AND entity_id = ?"
				      " AND due = '2026-04-01'",
				      1, p, 0),
			 1);
	assert_int_equal(workflow_transition(&c, &n_entity, id, "finish", -1, NULL, &out), 200);
	json_decref(out);
	assert_int_equal(open_deadlines(id), 0);
	ctx_clear(&c);
}

static void test_mirror(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	int64_t id = new_note(&c, "m");
	wf_deadline want[] = {{"a", "2026-01-01", "2026-01-11", 10, DL_CALENDAR_DAYS, 0},
			      {"b", "2026-01-01", "2026-01-20", 19, DL_CALENDAR_DAYS, 0}};
	assert_int_equal(workflow_mirror_deadlines(&c, "notes", id, want, 2, 0), DB_OK);
	assert_int_equal(open_deadlines(id), 2);
	/* the same set: nothing changes; one moved: the old row closes, a new one opens */
	assert_int_equal(workflow_mirror_deadlines(&c, "notes", id, want, 2, 0), DB_OK);
	int64_t p[] = {id};
	assert_int_equal(
		db_query_int_ids(
			d, "SELECT COUNT(*) FROM deadlines WHERE entity = 'notes' AND entity_id = CAST(? AS TEXT)", 1,
			p, 0),
		2);
	want[1].due = "2026-02-20";
	assert_int_equal(workflow_mirror_deadlines(&c, "notes", id, want, 2, 0), DB_OK);
	assert_int_equal(open_deadlines(id), 2);
	assert_int_equal(
		db_query_int_ids(
			d, "SELECT COUNT(*) FROM deadlines WHERE entity = 'notes' AND entity_id = CAST(? AS TEXT)", 1,
			p, 0),
		3);
	/* final: all closed */
	assert_int_equal(workflow_mirror_deadlines(&c, "notes", id, want, 2, 1), DB_OK);
	assert_int_equal(open_deadlines(id), 0);
}

static void test_format(void **st)
{
	char out[80];
	assert_int_equal(numbering_format("〔{year}〕第{n}号", "2026", "2026", 7, out, sizeof out), 0);
	assert_string_equal(out, "〔2026〕第7号");
	assert_int_equal(numbering_format("SP{year}{n:6}", "2025", "2025", 42, out, sizeof out), 0);
	assert_string_equal(out, "SP2025000042");
	assert_int_equal(numbering_format("JB{period}-{n:4}", NULL, "20250214", 3, out, sizeof out), 0);
	assert_string_equal(out, "JB20250214-0003");
	assert_int_equal(numbering_format("{nope}", "2025", "2025", 1, out, sizeof out), -1);
	assert_int_equal(numbering_format("{n", "2025", "2025", 1, out, sizeof out), -1);
	assert_int_equal(numbering_format("SP{year}{n:6}", "2025", "2025", 1, out, 8), -1);
}

static int taken_5(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	return n == 5;
}

static void test_next(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	int64_t n = 0;
	assert_int_equal(db_begin(d), DB_OK);
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(numbering_next(&c, "t", "2026", NULL, NULL, &n), DB_OK);
		assert_int_equal(n, i);
	}
	assert_int_equal(db_commit(d), DB_OK);
	/* a rolled-back record gives its number back */
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(numbering_next(&c, "t", "2026", NULL, NULL, &n), DB_OK);
	assert_int_equal(n, 4);
	assert_int_equal(db_rollback(d), DB_OK);
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(numbering_next(&c, "t", "2026", NULL, NULL, &n), DB_OK);
	assert_int_equal(n, 4);
	/* a number in use is passed over; another period counts from 1 */
	assert_int_equal(numbering_next(&c, "t", "2026", taken_5, NULL, &n), DB_OK);
	assert_int_equal(n, 6);
	assert_int_equal(numbering_next(&c, "t", "2027", NULL, NULL, &n), DB_OK);
	assert_int_equal(n, 1);
	char no[40];
	assert_int_equal(numbering_take(&c, "u", "SP{year}{n:6}", "2026", NULL, NULL, &n, no, sizeof no), DB_OK);
	assert_string_equal(no, "SP2026000001");
	assert_int_equal(db_commit(d), DB_OK);
	assert_int_equal(numbering_next(&c, "", "2026", NULL, NULL, &n), DB_ERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_fields), cmocka_unit_test(test_in_place_step), cmocka_unit_test(test_mirror),
		cmocka_unit_test(test_format),     cmocka_unit_test(test_next),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
