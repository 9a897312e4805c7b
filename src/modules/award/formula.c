/* formula.c — the food-safety assessment's indicators scored from the
 * system's own data (issue 17 §5): for each government assessed (its
 * division and everything below it) and each indicator marked "by formula",
 * the rate of the assessment year is read from the food and complaint
 * records and written as the indicator's score (0–100, the rate in per
 * cent rounded half up), with the figures as its evidence. The office runs
 * it during the review (a button on the year); an office's own score on an
 * evidence indicator is never touched. Formulas (dictionary as_formula):
 *   sampling_completion  samples taken under the year's approved plans
 *                        ÷ the batches those plans gave the division
 *                        (capped at 100 %);
 *   disposal_on_time     failed-food disposals of the year whose deadline
 *                        was met ÷ those closed or past their deadline
 *                        (食品安全抽样检验管理办法 第四十一条 periods);
 *   complaints_on_time   complaint deadlines of the year (acceptance,
 *                        handling) met ÷ those closed or past due
 *                        (市场监督管理投诉举报处理暂行办法).
 * A deadline is met when it was closed on or before its due day, counted
 * in Beijing time. A rate with nothing to count is not scored. */
#include "core/crud.h"
#include "core/write.h"
#include "modules/award/award.h"
#include <stdio.h>
#include <string.h>

/* the division's subtree as a LIKE pattern on jurisdictions.path */
static int subtree(zj_ctx *c, int64_t juris, char *out, size_t n)
{
	db_stmt *s;
	if (db_prepare(c->db, "SELECT path FROM jurisdictions WHERE id = ?", &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, juris);
	int rc = db_step(s);
	if (rc == DB_ROW)
		snprintf(out, n, "%s%%", db_col_text(s, 0) ? db_col_text(s, 0) : "");
	db_finalize(s);
	return rc == DB_ROW ? 0 : -1;
}

static int64_t count(zj_ctx *c, const char *sql, const char *year, const char *like, int *err)
{
	db_stmt *s;
	int64_t n = 0;
	if (db_prepare(c->db, sql, &s) != DB_OK) {
		*err = 1;
		return 0;
	}
	db_bind_text(s, 1, year);
	db_bind_text(s, 2, like);
	int rc = db_step(s);
	if (rc == DB_ROW)
		n = db_col_int(s, 0);
	else
		*err = 1;
	db_finalize(s);
	return n;
}

/* met / counted over the deadlines of `entity` (kinds in `kinds`, an SQL
 * list) whose record lies in the subtree and whose due day is in the year */
static int deadlines_met(zj_ctx *c, const char *entity, const char *table, const char *kinds, const char *year,
			 const char *like, int64_t *met, int64_t *counted)
{
	char sql[640];
	snprintf(sql, sizeof sql,
		 "SELECT d.due, d.closed_at FROM deadlines d JOIN %s t ON CAST(t.id AS TEXT) = d.entity_id"
		 " JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE d.entity = '%s' AND d.kind IN (%s)"
		 " AND substr(d.due, 1, 4) = ? AND j.path LIKE ? AND t.deleted = 0",
		 table, entity, kinds);
	db_stmt *s;
	if (db_prepare(c->db, sql, &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, year);
	db_bind_text(s, 2, like);
	int rc;
	*met = *counted = 0;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		const char *due = db_col_text(s, 0), *closed = db_col_text(s, 1);
		char on[11];
		if (closed) {
			clock_local_date(closed, on);
			(*counted)++;
			*met += strcmp(on, due) <= 0;
		} else if (strcmp(due, c->today) < 0)
			(*counted)++; /* open past its due day: missed */
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1;
}

/* One formula for one division: 0 and *num / *den (den 0: nothing to count), -1 on a failed read. */
int as_formula_rate(zj_ctx *c, const char *formula, int64_t juris, int year, int64_t *num, int64_t *den)
{
	char like[300], y[8];
	snprintf(y, sizeof y, "%04d", year % 10000);
	*num = *den = 0;
	if (subtree(c, juris, like, sizeof like) != 0)
		return -1;
	int err = 0;
	if (!strcmp(formula, "sampling_completion")) {
		*den = count(
			c,
			"SELECT COALESCE(SUM(i.batches), 0) FROM plan_items i JOIN food_plans p ON p.id = i.plan_id"
			" JOIN jurisdictions j ON j.id = i.jurisdiction_id WHERE CAST(p.year AS TEXT) = ?"
			" AND j.path LIKE ? AND p.deleted = 0 AND i.deleted = 0 AND p.state IN ('approved', 'closed')",
			y, like, &err);
		*num = count(c,
			     "SELECT COUNT(*) FROM samples s JOIN food_plans p ON p.id = s.plan_id"
			     " JOIN jurisdictions j ON j.id = s.jurisdiction_id WHERE CAST(p.year AS TEXT) = ?"
			     " AND j.path LIKE ? AND s.deleted = 0 AND s.state <> 'cancelled'"
			     " AND p.state IN ('approved', 'closed')",
			     y, like, &err);
		if (*num > *den)
			*num = *den; /* more taken than planned counts as complete */
		return err ? -1 : 0;
	}
	if (!strcmp(formula, "disposal_on_time"))
		return deadlines_met(c, "disposals", "disposals", "'disposal_due'", y, like, num, den);
	if (!strcmp(formula, "complaints_on_time"))
		return deadlines_met(c, "complaints", "complaints", "'accept', 'mediation', 'handle', 'reply'", y, like,
				     num, den);
	return -1;
}

/* The score of a rate: per cent rounded half up (GB/T 8170 is half-even; a
 * score rounds as the assessment rules print it, half up). */
int as_formula_score(int64_t num, int64_t den)
{
	return den > 0 ? (int)((num * 200 + den) / (den * 2)) : -1;
}

static const char *formula_words(const char *f, int en)
{
	if (!strcmp(f, "sampling_completion"))
		return en ? "samples taken / batches planned" : "已抽样批次／计划批次";
	if (!strcmp(f, "disposal_on_time"))
		return en ? "disposals on time / disposals due" : "按期完成的核查处置／应完成的核查处置";
	return en ? "complaint deadlines met / deadlines due" : "按时办结的投诉举报时限／应办结的时限";
}

/* POST /api/v1/assess_years/{id}/actions/compute */
int as_act_compute(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *year = crud_load(c, &as_ent_years, id);
	if (!year)
		return ctx_failed(c) ? c->status : ctx_problem(c, PROB_NOT_FOUND, NULL);
	const char *st = aw_str(year, "state");
	if (!st || (strcmp(st, "self_assessment") && strcmp(st, "review"))) {
		json_decref(year);
		return ctx_problem(c, PROB_STATE,
				   TR(c, "只有在自评或审核阶段才能按系统数据计算指标得分",
				      "indicator scores are computed from the data during self-assessment or review"));
	}
	int yr = (int)aw_int(year, "year");
	json_decref(year);
	/* the formula indicators and the governments of the year */
	json_t *inds = json_array(), *govs = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db,
			    "SELECT id, formula, name FROM as_indicators WHERE year_id = ? AND deleted = 0"
			    " AND method = 'formula' AND formula IS NOT NULL ORDER BY id",
			    &s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, id);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
			json_array_append_new(inds, json_pack("{s:I, s:s}", "id", (json_int_t)db_col_int(s, 0),
							      "formula", db_col_text(s, 1)));
		db_finalize(s);
	}
	if (rc == DB_DONE &&
	    (rc = db_prepare(c->db,
			     "SELECT id, jurisdiction_id FROM as_govs WHERE year_id = ? AND deleted = 0"
			     " ORDER BY id",
			     &s)) == DB_OK) {
		db_bind_int(s, 1, id);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
			json_array_append_new(govs, json_pack("{s:I, s:I}", "id", (json_int_t)db_col_int(s, 0), "juris",
							      (json_int_t)db_col_int(s, 1)));
		db_finalize(s);
	}
	if (rc != DB_DONE || db_begin(c->db) != DB_OK) {
		json_decref(inds), json_decref(govs);
		return ctx_internal(c, "assessment formulas", db_errmsg(c->db));
	}
	int scored = 0, empty = 0;
	size_t i, k;
	json_t *g, *ind;
	rc = DB_OK;
	json_array_foreach (govs, i, g) {
		json_array_foreach (inds, k, ind) {
			if (rc != DB_OK)
				break;
			const char *f = json_string_value(json_object_get(ind, "formula"));
			int64_t num, den, gid = json_integer_value(json_object_get(g, "id")),
					  iid = json_integer_value(json_object_get(ind, "id"));
			if (as_formula_rate(c, f, json_integer_value(json_object_get(g, "juris")), yr, &num, &den) !=
			    0) {
				rc = DB_ERR;
				break;
			}
			int score = as_formula_score(num, den);
			if (score < 0) {
				empty++;
				continue;
			}
			char ev[400];
			snprintf(ev, sizeof ev, "%s：%lld／%lld = %.1f%%（%d 年度，按系统数据计算，%s）",
				 formula_words(f, 0), (long long)num, (long long)den, (double)num * 100.0 / (double)den,
				 yr, c->today);
			const int64_t p[] = {gid, iid};
			int64_t sid = db_query_int_ids(
				c->db, "SELECT id FROM as_scores WHERE gov_id = ? AND indicator_id = ? AND deleted = 0",
				2, p, 0);
			json_t *row = json_pack("{s:i, s:s}", "score", score, "evidence", ev);
			if (sid > 0)
				rc = crud_set_fields(c, &as_ent_scores, sid, row, "compute");
			else {
				json_object_set_new(row, "gov_id", json_integer(gid));
				json_object_set_new(row, "indicator_id", json_integer(iid));
				rc = crud_add_as_created(c, &as_ent_scores, row, &sid);
			}
			json_decref(row);
			scored += rc == DB_OK;
		}
	}
	json_decref(inds), json_decref(govs);
	if (rc == DB_OK && !ctx_failed(c))
		rc = db_commit(c->db);
	else
		db_rollback(c->db);
	if (rc != DB_OK)
		return ctx_failed(c) ? c->status : ctx_internal(c, "assessment formulas", db_errmsg(c->db));
	out->json = json_pack("{s:i, s:i}", "scored", scored, "without_data", empty);
	char zh[200], en[200];
	snprintf(zh, sizeof zh, "已按系统数据计算 %d 项指标得分；%d 项无可统计的数据，请人工评分", scored, empty);
	snprintf(en, sizeof en,
		 "%d indicator score(s) computed from the data; %d without data to count, to be scored by hand", scored,
		 empty);
	action_summary(out, zh, en);
	return 200;
}
