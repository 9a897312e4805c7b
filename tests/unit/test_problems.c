/* test_problems.c — the one error vocabulary (issue 13 §3): the table of
 * problem types and field-error codes is whole and unambiguous, docs/api.md
 * lists exactly its types, a problem carries its stable type URI and the
 * title in the request's language, and a list whose statement fails
 * mid-way answers 500 problem+json, never a partial page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/crud.h"
#include "core/problems.h"
#include "lib/xalloc.h"

static void test_table_whole(void **st)
{
	for (int i = 0; i < PROB_COUNT_; i++) {
		const problem_def *p = &problem_defs[i];
		assert_non_null(p->slug);
		assert_true(p->status >= 400 && p->status <= 599);
		assert_true(p->zh && *p->zh && p->en && *p->en);
		assert_string_equal(p->type + strlen(PROBLEM_BASE), p->slug);
		for (const char *s = p->slug; *s; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
				fail_msg("slug %s: only a-z, 0-9 and '-'", p->slug);
		for (int j = 0; j < i; j++)
			if (!strcmp(problem_defs[j].slug, p->slug))
				fail_msg("slug %s twice", p->slug);
	}
	for (int i = 0; i < FE_COUNT_; i++) {
		const field_err_def *f = &field_err_defs[i];
		assert_true(f->code && *f->code && f->zh && *f->zh && f->en && *f->en);
		for (int j = 0; j < i; j++)
			if (!strcmp(field_err_defs[j].code, f->code))
				fail_msg("field-error code %s twice", f->code);
	}
	assert_string_equal(fe_name(FE_REQUIRED), "required");
	assert_int_equal(problem_get(PROB_NOT_FOUND)->status, 404);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = xmalloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = 0;
	fclose(f);
	return s;
}

/* docs/api.md has a row "| `slug` | status | zh | en |" for every type and
 * "| `code` | zh | en |" for every field-error code, and no other. */
static void test_docs_list_the_table(void **st)
{
	char *doc = slurp("docs/api.md");
	assert_non_null(doc);
	char row[1024];
	for (int i = 0; i < PROB_COUNT_; i++) {
		const problem_def *p = &problem_defs[i];
		snprintf(row, sizeof row, "| `%s` | %d | %s | %s |", p->slug, p->status, p->zh, p->en);
		if (!strstr(doc, row))
			fail_msg("docs/api.md lacks the row %s", row);
	}
	for (int i = 0; i < FE_COUNT_; i++) {
		const field_err_def *f = &field_err_defs[i];
		snprintf(row, sizeof row, "| `%s` | %s | %s |", f->code, f->zh, f->en);
		if (!strstr(doc, row))
			fail_msg("docs/api.md lacks the row %s", row);
	}
	/* every row of the docs' tables is a type or a code of the table */
	int rows = 0;
	for (const char *s = strstr(doc, "\n| `"); s; s = strstr(s + 1, "\n| `")) {
		const char *a = s + 4, *b = strchr(a, '`');
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(b - a), a);
		int known = 0;
		for (int i = 0; i < PROB_COUNT_ && !known; i++)
			known = !strcmp(problem_defs[i].slug, name);
		for (int i = 0; i < FE_COUNT_ && !known; i++)
			known = !strcmp(field_err_defs[i].code, name);
		if (!known)
			fail_msg("docs/api.md lists `%s`, which the server does not send", name);
		rows++;
	}
	assert_int_equal(rows, PROB_COUNT_ + FE_COUNT_);
	free(doc);
}

static void test_problem_in_language(void **st)
{
	zj_ctx c;
	ctx_init(&c, NULL);
	assert_int_equal(ctx_problem(&c, PROB_STALE_VERSION, "v3"), 412);
	assert_string_equal(json_string_value(json_object_get(c.problem, "type")), PROBLEM_BASE "stale-version");
	assert_string_equal(json_string_value(json_object_get(c.problem, "title")), "记录已被他人修改");
	assert_string_equal(json_string_value(json_object_get(c.problem, "detail")), "v3");
	assert_int_equal(json_integer_value(json_object_get(c.problem, "status")), 412);
	c.en = 1;
	assert_int_equal(ctx_problemf(&c, PROB_NOT_FOUND, "#%d", 7), 404);
	assert_string_equal(json_string_value(json_object_get(c.problem, "title")), "Not found");
	assert_string_equal(json_string_value(json_object_get(c.problem, "detail")), "#7");
	json_t *errs = json_array();
	crud_field_error(&c, errs, "name", FE_REQUIRED, "必填", "is required");
	assert_int_equal(ctx_fail_fields(&c, errs), 422);
	json_t *e0 = json_array_get(json_object_get(c.problem, "errors"), 0);
	assert_string_equal(json_string_value(json_object_get(e0, "code")), "required");
	assert_string_equal(json_string_value(json_object_get(e0, "message")), "is required");
	assert_string_equal(json_string_value(json_object_get(c.problem, "type")), PROBLEM_BASE "validation");
	ctx_clear(&c);
}

/* A list whose statement fails on its second row (SQLite's abs() of the
 * least integer raises "integer overflow" at step time): 500 db-error and
 * nothing of the page, where the list used to answer 200 with one row. */
static const field_def b_fields[] = {{"title", FT_TEXT, "标题", "Title", F_LIST}};
static const entity_def b_entity = {.name = "booms",
				    .table = "booms",
				    .label_zh = "爆",
				    .label_en = "Booms",
				    .fields = b_fields,
				    .nfields = 1,
				    .label_field = "title"};

static void test_list_fails_whole(void **st)
{
	char path[64], err[256];
	snprintf(path, sizeof path, "/tmp/zj-problems-%d.db", getpid());
	unlink(path);
	db *d;
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE TABLE booms_t (id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1, created_at TEXT,"
			" updated_at TEXT, created_by BIGINT, updated_by BIGINT, owner_unit_id BIGINT, deleted INTEGER NOT NULL DEFAULT 0,"
			" state TEXT, title TEXT)"),
		DB_OK);
	assert_int_equal(
		db_exec(d,
			"CREATE VIEW booms AS SELECT id, version, created_at, updated_at, created_by, updated_by, owner_unit_id,"
			" deleted, state, CASE WHEN id = 2 THEN abs(-9223372036854775807 - 1) ELSE title END AS title FROM booms_t"),
		DB_OK);
	assert_int_equal(db_exec(d, "INSERT INTO booms_t (id, title) VALUES (1, 'a'), (2, 'b'), (3, 'c')"), DB_OK);
	zj_ctx c;
	ctx_init(&c, d);
	kv_list q = {0};
	json_t *out = NULL;
	int st_ = crud_list(&c, &b_entity, &q, &out);
	assert_int_equal(st_, 500);
	assert_null(out);
	assert_string_equal(json_string_value(json_object_get(c.problem, "type")), PROBLEM_BASE "db-error");
	ctx_clear(&c);
	/* without the failing row the same list answers */
	assert_int_equal(db_exec(d, "DELETE FROM booms_t WHERE id = 2"), DB_OK);
	assert_int_equal(crud_list(&c, &b_entity, &q, &out), 200);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
	json_decref(out);
	ctx_clear(&c);
	db_close(d);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_whole),
		cmocka_unit_test(test_docs_list_the_table),
		cmocka_unit_test(test_problem_in_language),
		cmocka_unit_test(test_list_fails_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
