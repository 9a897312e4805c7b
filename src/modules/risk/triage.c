/* triage.c — raising a warning from the signals list: the analyst ticks the
 * open signals that belong together and presses 发布为新预警; one warning is
 * issued from them, the first signal is raised as it and the others are
 * linked to it (the FSA incident triage: several reports, one incident).
 * Dismissing and linking from the list need nothing of the area's own: they
 * are workflow steps, which the list runs on the ticked rows (批量办理).
 *
 * POST /risk_signals/actions/raise {"ids": [...], "level"?} (permission
 * risk_warnings.create; the signals must be open and in the user's scope of
 * risk_signals.t.raise). The warning's level is the most severe the signals
 * call for (a prohibited substance red; a producer failing in several
 * places or a result many times over its limit orange; a statistical or
 * recurrence signal yellow) unless given; its scope names their food
 * categories, hazards and districts; its measures are a first text the
 * analyst then edits. All in one transaction: the warning, the raise, the
 * links, the webhook delivery. */
#include "modules/modules.h"
#include "modules/risk/risk.h"
#include <string.h>

enum { MAX_IDS = 200, SCOPE_MAX = 480 };

static const char *str_of(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

/* The name of row id of `table` (a trusted identifier), appended to buf
 * with "、" unless already there; the text kept under SCOPE_MAX bytes. */
static void add_name(zj_ctx *c, const char *table, int64_t id, char *buf, size_t n)
{
	if (id <= 0)
		return;
	char sql[120];
	snprintf(sql, sizeof sql, "SELECT name FROM %s WHERE id = ?", table);
	db_stmt *s;
	if (db_prepare(c->db, sql, &s) != DB_OK)
		return;
	db_bind_int(s, 1, id);
	if (db_step(s) == DB_ROW && db_col_text(s, 0)) {
		const char *name = db_col_text(s, 0);
		size_t used = strlen(buf), add = strlen(name) + (used ? 3 : 0);
		if (!strstr(buf, name) && used + add < SCOPE_MAX && used + add < n)
			snprintf(buf + used, n - used, "%s%s", used ? "、" : "", name);
	}
	db_finalize(s);
}

/* Severity rank of a signal kind: 4 red ... 2 yellow. */
static int kind_rank(const char *kind)
{
	if (!kind)
		return 2;
	if (!strcmp(kind, "banned"))
		return 4;
	if (!strcmp(kind, "producer") || !strcmp(kind, "over_limit"))
		return 3;
	return 2;
}

static const char *const rank_level[] = {"blue", "blue", "yellow", "orange", "red"};

/* Reads and checks the ids: 1..MAX_IDS distinct positive integers. */
static int read_ids(zj_ctx *c, const json_t *body, int64_t *ids, int *n)
{
	json_t *a = json_object_get(body, "ids");
	*n = 0;
	size_t len = json_is_array(a) ? json_array_size(a) : 0;
	int ok = len >= 1 && len <= MAX_IDS;
	for (size_t i = 0; ok && i < len; i++) {
		json_t *v = json_array_get(a, i);
		int64_t id = json_is_object(v) ? json_integer_value(json_object_get(v, "id")) : json_integer_value(v);
		for (int j = 0; ok && j < *n; j++)
			ok = ids[j] != id;
		ok = ok && id > 0;
		if (ok)
			ids[(*n)++] = id;
	}
	if (ok)
		return 0;
	json_t *errors = json_array();
	crud_field_error(c, errors, "ids", FE_CHECK, "请勾选 1 至 200 条不重复的风险信号",
			 "Tick 1 to 200 distinct signals");
	return ctx_fail_fields(c, errors);
}

/* Every signal open and in the user's scope for the step it will take. */
static int check_signals(zj_ctx *c, const int64_t *ids, int n, json_t **rows)
{
	for (int i = 0; i < n; i++) {
		const char *perm = i == 0 ? "risk_signals.t.raise" : "risk_signals.t.link";
		rows[i] = crud_in_scope_perm(c, &rk_ent_signals, perm, ids[i]) ? crud_load(c, &rk_ent_signals, ids[i])
									       : NULL;
		if (!rows[i])
			return ctx_problemf(c, PROB_NOT_FOUND,
					    TR(c, "风险信号 %lld 不存在或不在您的管辖范围内",
					       "Signal %lld does not exist or is outside your scope"),
					    (long long)ids[i]);
		const char *st = str_of(rows[i], "state");
		if (!st || strcmp(st, "open"))
			return ctx_problemf(c, PROB_STATE,
					    TR(c, "风险信号“%s”已研判，不能再发布预警",
					       "The signal “%s” has been triaged already"),
					    str_of(rows[i], "rule") ? str_of(rows[i], "rule") : "");
	}
	return 0;
}

/* The warning's row from the signals (see the head of the file). */
static json_t *warning_row(zj_ctx *c, json_t *const *rows, int n, const char *level)
{
	char foods[SCOPE_MAX + 8] = "", hazards[SCOPE_MAX + 8] = "", areas[SCOPE_MAX + 8] = "";
	int rank = 0;
	for (int i = 0; i < n; i++) {
		add_name(c, "food_categories", json_integer_value(json_object_get(rows[i], "category_id")), foods,
			 sizeof foods);
		add_name(c, "food_analytes", json_integer_value(json_object_get(rows[i], "analyte_id")), hazards,
			 sizeof hazards);
		add_name(c, "jurisdictions", json_integer_value(json_object_get(rows[i], "jurisdiction_id")), areas,
			 sizeof areas);
		int r = kind_rank(str_of(rows[i], "kind"));
		rank = r > rank ? r : rank;
	}
	char title[2 * SCOPE_MAX + 40], measures[400];
	snprintf(title, sizeof title, "风险预警：%s%s%s", *foods ? foods : "食品", *hazards ? " " : "", hazards);
	size_t t = strlen(title);
	if (t > 150) { /* the title at most 200 characters: cut at a character boundary */
		t = 150;
		while (t && ((unsigned char)title[t] & 0xC0) == 0x80)
			t--;
		title[t] = 0;
	}
	snprintf(measures, sizeof measures,
		 "核查所附 %d 条风险信号涉及的企业和产品，督促企业自查、下架问题批次，加大相关食品和区域的抽检频次", n);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "title", title, "level",
			 level ? level : rank_level[rank], "scope_foods", *foods ? foods : "见所附风险信号",
			 "scope_hazards", *hazards ? hazards : "见所附风险信号", "scope_areas", *areas ? areas : "全市",
			 "measures", measures, "signal_id",
			 (json_int_t)json_integer_value(json_object_get(rows[0], "id")));
}

static int raise_in_tx(zj_ctx *c, json_t *const *rows, int n, const char *level, int64_t *wid)
{
	json_t *w = warning_row(c, rows, n, level);
	int rc = w ? crud_add_as_created(c, &rk_ent_warnings, w, wid) : DB_ERR;
	json_decref(w);
	for (int i = 1; rc == DB_OK && i < n; i++) {
		json_t *f = json_pack("{s:I}", "warning_id", (json_int_t)*wid);
		if (workflow_apply(c, &rk_ent_signals, json_integer_value(json_object_get(rows[i], "id")), "link", f,
				   NULL))
			rc = CTX_REFUSED;
		json_decref(f);
	}
	return rc;
}

int rk_signals_raise(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int64_t ids[MAX_IDS];
	int n = 0, st = read_ids(c, body, ids, &n);
	if (st)
		return st;
	const char *level = str_of(body, "level");
	if (level && strcmp(level, "red") && strcmp(level, "orange") && strcmp(level, "yellow") &&
	    strcmp(level, "blue")) {
		json_t *errors = json_array();
		crud_field_error(c, errors, "level", FE_DICT, "预警级别应为红、橙、黄、蓝之一",
				 "The level is one of red, orange, yellow, blue");
		return ctx_fail_fields(c, errors);
	}
	json_t *rows[MAX_IDS] = {0};
	int64_t wid = 0;
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	st = check_signals(c, ids, n, rows);
	int rc = st ? CTX_REFUSED : raise_in_tx(c, rows, n, level, &wid);
	for (int i = 0; i < n; i++)
		json_decref(rows[i]);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		db_rollback(c->db);
		return c->status ? c->status : ctx_internal(c, "risk raise", db_errmsg(c->db));
	}
	out->json = crud_load(c, &rk_ent_warnings, wid);
	if (!out->json)
		return ctx_internal(c, "risk raise", "warning not found after commit");
	char zh[160], en[160];
	snprintf(zh, sizeof zh, "已由 %d 条信号发布预警", n);
	snprintf(en, sizeof en, "A warning was raised from %d signals", n);
	action_summary(out, zh, en);
	return 201;
}
