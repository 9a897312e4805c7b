/* dict.c — dictionary lookups against dict_items. */
#include "core/dict.h"
#include "lib/xalloc.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A dictionary named "@roles" is the table of roles itself, so users.roles
 * validates and lists like any dictionary without a second declaration. */
/* During an import the same few codes repeat on every row: remember answers. */
enum { MEMO = 64 };
static _Thread_local struct {
	char dict[40], code[56];
	int yes;
} memo[MEMO];
static _Thread_local int memo_n;

static int dict_lookup(zj_ctx *c, const char *dict, const char *code);

int dict_has(zj_ctx *c, const char *dict, const char *code)
{
	if (!c->bulk) {
		memo_n = 0;
		return dict_lookup(c, dict, code);
	}
	/* compared field by field: this runs for every cell of an import */
	for (int i = 0; i < memo_n; i++)
		if (!strcmp(memo[i].code, code) && !strcmp(memo[i].dict, dict))
			return memo[i].yes;
	int yes = dict_lookup(c, dict, code);
	if (memo_n < MEMO && strlen(dict) < sizeof memo[0].dict && strlen(code) < sizeof memo[0].code) {
		snprintf(memo[memo_n].dict, sizeof memo[memo_n].dict, "%s", dict);
		snprintf(memo[memo_n].code, sizeof memo[memo_n].code, "%s", code);
		memo[memo_n++].yes = yes;
	}
	return yes;
}

static int dict_lookup(zj_ctx *c, const char *dict, const char *code)
{
	if (!strcmp(dict, "@roles")) {
		const char *p1[] = {code};
		return db_query_int(c->db, "SELECT 1 FROM roles WHERE code = ? AND deleted = 0", 1, p1, 0) == 1;
	}
	const char *p[] = {dict, code};
	return db_query_int(c->db,
			    "SELECT 1 FROM dict_items WHERE dict = ? AND code = ? AND deleted = 0 AND active = 1", 2, p,
			    0) == 1;
}

json_t *dict_all(zj_ctx *c)
{
	json_t *out = json_object();
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT dict, code, label_zh, label_en FROM dict_items WHERE deleted = 0 AND active = 1"
		       " ORDER BY dict, sort_order, code",
		       &s) != DB_OK)
		return out;
	while (db_step(s) == DB_ROW) {
		const char *d = db_col_text(s, 0);
		json_t *arr = json_object_get(out, d);
		if (!arr)
			json_object_set_new(out, d, arr = json_array());
		json_array_append_new(arr, json_pack("{s:s, s:{s:s, s:s}}", "code", db_col_text(s, 1), "label", "zh",
						     db_col_text(s, 2) ? db_col_text(s, 2) : "", "en",
						     db_col_text(s, 3) ? db_col_text(s, 3) : ""));
	}
	db_finalize(s);
	if (db_prepare(c->db, "SELECT code, name, name_en FROM roles WHERE deleted = 0 ORDER BY code", &s) == DB_OK) {
		json_t *arr = json_array();
		while (db_step(s) == DB_ROW)
			json_array_append_new(arr,
					      json_pack("{s:s, s:{s:s, s:s}}", "code", db_col_text(s, 0), "label", "zh",
							db_col_text(s, 1), "en",
							db_col_text(s, 2) ? db_col_text(s, 2) : db_col_text(s, 1)));
		db_finalize(s);
		json_object_set_new(out, "@roles", arr);
	}
	return out;
}

char *dict_label(zj_ctx *c, const char *dict, const char *code)
{
	db_stmt *s;
	char *r = NULL;
	if (db_prepare(c->db,
		       c->en ? "SELECT label_en FROM dict_items WHERE dict = ? AND code = ?"
			     : "SELECT label_zh FROM dict_items WHERE dict = ? AND code = ?",
		       &s) != DB_OK)
		return NULL;
	db_bind_text(s, 1, dict), db_bind_text(s, 2, code);
	if (db_step(s) == DB_ROW && db_col_text(s, 0))
		r = xstrdup(db_col_text(s, 0));
	db_finalize(s);
	return r;
}

char *dict_code_by_label(zj_ctx *c, const char *dict, const char *label)
{
	db_stmt *s;
	char *r = NULL;
	if (!strcmp(dict, "@roles")) {
		if (db_prepare(c->db, "SELECT code FROM roles WHERE deleted = 0 AND (name = ? OR name_en = ?)", &s) !=
		    DB_OK)
			return NULL;
		db_bind_text(s, 1, label), db_bind_text(s, 2, label);
	} else {
		if (db_prepare(
			    c->db,
			    "SELECT code FROM dict_items WHERE dict = ? AND deleted = 0 AND active = 1 AND (label_zh = ? OR label_en = ?)"
			    " ORDER BY sort_order, code",
			    &s) != DB_OK)
			return NULL;
		db_bind_text(s, 1, dict), db_bind_text(s, 2, label), db_bind_text(s, 3, label);
	}
	if (db_step(s) == DB_ROW && db_col_text(s, 0))
		r = xstrdup(db_col_text(s, 0));
	db_finalize(s);
	return r;
}
