/* food_seed.c — loads the shipped reference data (food_data.c) into the
 * editable tables at `init`: dictionaries, the classification tree (parents
 * by code, paths for subtree queries), analytes, every limit row expanded per
 * edition and per category, the test-item templates, the deadline rules and
 * the lab list (the city's food lab and metrology institute). Idempotent:
 * every insert is ON CONFLICT DO NOTHING on a unique code, so an edited row
 * is never overwritten and a second init adds only what is new. */
#include "modules/food/food.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int seed_dicts(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < food_ndict_seeds; i++) {
		char ord[12];
		snprintf(ord, sizeof ord, "%d", 500 + i);
		const char *p[] = {c->now,
				   food_dict_seeds[i][0],
				   food_dict_seeds[i][1],
				   food_dict_seeds[i][2],
				   food_dict_seeds[i][3],
				   ord};
		rc = db_run(
			c->db,
			"INSERT INTO dict_items (created_at, dict, code, label_zh, label_en, sort_order) VALUES (?,?,?,?,?,?)"
			" ON CONFLICT DO NOTHING",
			6, p);
	}
	return rc;
}

static int seed_categories(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < food_ncat_seeds; i++) {
		const food_cat_seed *s = &food_cat_seeds[i];
		char path[512] = "/", pid[24] = "";
		if (s->parent) {
			db_stmt *st;
			rc = db_prepare(c->db, "SELECT id, path FROM food_categories WHERE code = ? AND deleted = 0",
					&st);
			if (rc == DB_OK) {
				db_bind_text(st, 1, s->parent);
				rc = db_step(st);
				if (rc == DB_ROW) {
					snprintf(pid, sizeof pid, "%lld", (long long)db_col_int(st, 0));
					snprintf(path, sizeof path, "%s",
						 db_col_text(st, 1) ? db_col_text(st, 1) : "/");
				}
				db_finalize(st);
			}
			if (rc != DB_ROW && rc != DB_DONE)
				break;
			rc = DB_OK;
		}
		size_t n = strlen(path);
		snprintf(path + n, sizeof path - n, "%s/", s->code);
		const char *p[] = {c->now,     s->code,  s->name,
				   s->name_en, s->level, pid[0] ? pid : NULL,
				   s->aliases, path,     "GB 2762-2022 附录A"};
		rc = db_run(
			c->db,
			"INSERT INTO food_categories (created_at, code, name, name_en, level, parent_id, aliases, path, source)"
			" VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
			9, p);
	}
	return rc;
}

static int seed_analytes(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < food_nanalyte_seeds; i++) {
		const food_analyte_seed *s = &food_analyte_seeds[i];
		const char *p[] =
			{c->now,  s->code,  s->name, s->name_en, s->aliases, s->kind, s->microbial ? "1" : "0",
			 s->unit, s->method};
		rc = db_run(
			c->db,
			"INSERT INTO food_analytes (created_at, code, name, name_en, aliases, kind, microbial, unit, method)"
			" VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
			9, p);
	}
	return rc;
}

static int seed_limit_row(zj_ctx *c, const food_limit_seed *s, const food_edition *ed, const char *category)
{
	char code[200], src[160];
	food_limit_code(ed, category, s->analyte, code, sizeof code);
	food_limit_source(ed, s, src, sizeof src);
	const char *status = ed->status ? ed->status : s->status;
	const char *p[] = {c->now,
			   code,
			   ed->standard,
			   ed->edition,
			   s->clause,
			   ed->from,
			   ed->to,
			   s->comparator,
			   s->value,
			   s->value_hi,
			   s->unit,
			   s->basis,
			   s->method ? s->method : "full",
			   s->exclusions,
			   status,
			   src,
			   s->note,
			   category,
			   s->analyte};
	return db_run(
		c->db,
		"INSERT INTO food_limits (created_at, code, standard, edition, clause, effective_from, effective_to,"
		" comparator, value, value_hi, unit, basis, method, exclusions, status, source_ref, note, category_id, analyte_id)"
		" SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, c.id, a.id"
		" FROM food_categories c, food_analytes a WHERE c.code = ? AND c.deleted = 0 AND a.code = ? AND a.deleted = 0"
		" ON CONFLICT DO NOTHING",
		19, p);
}

static int seed_limits(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < food_nlimit_seeds; i++) {
		const food_limit_seed *s = &food_limit_seeds[i];
		for (int e = 0; rc == DB_OK && s->editions[e]; e++) {
			char *cats = xstrdup(s->categories), *save = NULL;
			for (char *cc = strtok_r(cats, ",", &save); rc == DB_OK && cc; cc = strtok_r(NULL, ",", &save))
				rc = seed_limit_row(c, s, s->editions[e], cc);
			free(cats);
		}
	}
	return rc;
}

static int seed_templates(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < food_ntemplate_seeds; i++) {
		char *list = xstrdup(food_template_seeds[i].analytes), *save = NULL;
		int order = 0;
		for (char *a = strtok_r(list, ",", &save); rc == DB_OK && a; a = strtok_r(NULL, ",", &save)) {
			char ord[12];
			snprintf(ord, sizeof ord, "%d", ++order);
			const char *p[] = {c->now, ord, food_template_seeds[i].category, a};
			rc = db_run(
				c->db,
				"INSERT INTO test_templates (created_at, sort_order, category_id, analyte_id, method, unit)"
				" SELECT ?, CAST(? AS INTEGER), c.id, a.id, a.method, a.unit FROM food_categories c, food_analytes a"
				" WHERE c.code = ? AND c.deleted = 0 AND a.code = ? AND a.deleted = 0 ON CONFLICT DO NOTHING",
				4, p);
		}
		free(list);
	}
	return rc;
}

static int seed_rules(zj_ctx *c)
{
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < food_ndeadline_seeds; i++) {
		const food_deadline_seed *s = &food_deadline_seeds[i];
		char n[12];
		snprintf(n, sizeof n, "%d", s->n);
		const char *p[] = {c->now, s->code, s->name, s->name_en, n, s->unit, s->article, s->status, s->note};
		rc = db_run(
			c->db,
			"INSERT INTO food_deadline_rules (created_at, code, name, name_en, n, unit, article, status, note)"
			" VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
			9, p);
	}
	return rc;
}

/* The city's food lab and the metrology institute are on the list; the 复检
 * list (食品安全法 Art. 88: published by the regulators) is edited by an admin. */
static int seed_labs(zj_ctx *c)
{
	static const char *const labs[][3] = {{"BTFOOD", "1", "食品安全监督抽检、风险监测"},
					      {"BTLAB1", "1", "食品理化检验"}};
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof labs / sizeof labs[0]; i++) {
		const char *p[] = {c->now, labs[i][1], labs[i][2], labs[i][0]};
		rc = db_run(
			c->db,
			"INSERT INTO food_labs (created_at, retest_listed, active, scope, unit_id)"
			" SELECT ?, CAST(? AS INTEGER), 1, ?, u.id FROM units u WHERE u.code = ? AND u.deleted = 0 ON CONFLICT DO NOTHING",
			4, p);
	}
	return rc;
}

int food_seed(zj_ctx *c)
{
	int own = !c->db->in_tx;
	if (own && db_begin(c->db) != DB_OK)
		return DB_ERR;
	int rc = seed_dicts(c);
	if (rc == DB_OK)
		rc = seed_categories(c);
	if (rc == DB_OK)
		rc = seed_analytes(c);
	if (rc == DB_OK)
		rc = seed_limits(c);
	if (rc == DB_OK)
		rc = seed_templates(c);
	if (rc == DB_OK)
		rc = seed_rules(c);
	if (rc == DB_OK)
		rc = seed_labs(c);
	long converted = 0;
	if (rc == DB_OK)
		rc = food_compact_results(c, &converted);
	if (own) {
		if (rc == DB_OK && db_commit(c->db) != DB_OK)
			rc = DB_ERR;
		if (rc != DB_OK)
			db_rollback(c->db);
	}
	return rc;
}

/* ---- results stored whole before 034 → forms (issue 19 §3) ----
 * Each row's trace is cut into its form and its own spans (food_results.c),
 * checked to render back byte for byte, and the row rewritten to point at
 * the form; the limit's texts move to the form with it. A row that does not
 * cut cleanly stays whole (the read path serves it as stored). A change of
 * storage, not of any record (nothing served changes): like a migration,
 * no new version and no audit. Runs at every init, so an upgraded database
 * is converted by `zhijian init` (rows the demo wrote before 034 too); in chunks read to the end before they are
 * written (PostgreSQL streams rows on the connection). */
enum { COMPACT_CHUNK = 2000 };

typedef struct whole_row {
	int64_t id;
	char *col[4]; /* trace, limit_text, standard_ref, limit_basis */
} whole_row;

static int compact_one(zj_ctx *c, const whole_row *r, long *done)
{
	strbuf form, args;
	sb_init(&form), sb_init(&args);
	int rc = DB_OK;
	/* an empty text (not NULL) on the row would come back NULL from a form: left whole */
	int empty = (r->col[1] && !*r->col[1]) || (r->col[2] && !*r->col[2]) || (r->col[3] && !*r->col[3]);
	if (!empty && food_trace_split_stored(r->col[0], &form, &args) == 0) {
		int64_t fid = food_trace_form_id(c, form.s, form.len, r->col[1], r->col[2], r->col[3]);
		char ft[24], it[24];
		snprintf(ft, sizeof ft, "%lld", (long long)fid), snprintf(it, sizeof it, "%lld", (long long)r->id);
		const char *p[] = {ft, args.s ? args.s : "", it};
		rc = fid <= 0
			     ? DB_ERR
			     : db_run(c->db,
				      "UPDATE results SET trace_form = CAST(? AS BIGINT), trace_args = ?, trace = NULL,"
				      " limit_text = NULL, standard_ref = NULL, limit_basis = NULL WHERE id = CAST(? AS BIGINT)",
				      3, p);
		*done += rc == DB_OK;
	}
	sb_free(&form), sb_free(&args);
	return rc;
}

int food_compact_results(zj_ctx *c, long *converted)
{
	whole_row *rows = calloc(COMPACT_CHUNK, sizeof *rows);
	if (!rows)
		abort();
	int64_t after = 0;
	int rc = DB_OK, n, own = !c->db->in_tx;
	*converted = 0;
	if (own && db_begin(c->db) != DB_OK)
		rc = DB_ERR;
	while (rc == DB_OK) {
		db_stmt *s;
		n = 0;
		if (db_prepare(c->db,
			       "SELECT id, trace, limit_text, standard_ref, limit_basis FROM results WHERE id > ?"
			       " AND trace IS NOT NULL AND trace_form IS NULL ORDER BY id LIMIT 2000",
			       &s) != DB_OK) {
			rc = DB_ERR;
			break;
		}
		db_bind_int(s, 1, after);
		int st;
		for (st = db_step(s); st == DB_ROW && n < COMPACT_CHUNK; st = db_step(s), n++) {
			rows[n].id = db_col_int(s, 0);
			for (int k = 0; k < 4; k++)
				rows[n].col[k] = db_col_text(s, k + 1) ? xstrdup(db_col_text(s, k + 1)) : NULL;
		}
		db_finalize(s);
		if (st != DB_DONE && st != DB_ROW)
			rc = st;
		for (int i = 0; i < n; i++) {
			if (rc == DB_OK)
				rc = compact_one(c, &rows[i], converted);
			after = rows[i].id;
			for (int k = 0; k < 4; k++)
				free(rows[i].col[k]);
		}
		if (n < COMPACT_CHUNK)
			break;
	}
	if (own && rc == DB_OK && db_commit(c->db) != DB_OK)
		rc = DB_ERR;
	if (own && rc != DB_OK)
		db_rollback(c->db);
	free(rows);
	return rc;
}
