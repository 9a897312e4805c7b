/* food_kpi.c — the leaders' food-safety figures on the dashboard (issue 14
 * §4): this year's sampling plan completion (samples drawn against the
 * batches of the approved plans, 食品安全抽样检验管理办法第五条: plans and
 * their execution) and the failure rate by month (results whose final
 * conclusion is known). Integer counts and rates in tenths of a percent,
 * never a float; within the reader's data scope. */
#include "modules/food/food.h"
#include <stdlib.h>
#include <string.h>

/* "92.3" for n of d (rounded half up), NULL for d = 0. */
static json_t *rate(int64_t n, int64_t d)
{
	if (d <= 0)
		return json_null();
	int64_t pm = (n * 1000 + d / 2) / d;
	return json_sprintf("%lld.%lld", (long long)(pm / 10), (long long)(pm % 10));
}

static int64_t scalar(zj_ctx *c, strbuf *sql, json_t *params)
{
	db_stmt *s;
	int64_t n = -1;
	if (db_prepare(c->db, sql->s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		if (db_step(s) == DB_ROW)
			n = db_col_int(s, 0);
		db_finalize(s);
	}
	sb_free(sql), json_decref(params);
	return n;
}

/* Batches planned and samples drawn under this year's approved plans. */
static json_t *plan_completion(zj_ctx *c, int year)
{
	unsigned si = ctx_scope(c, "plan_items.read"), ss = ctx_scope(c, "samples.read");
	if (!si || !ss)
		return NULL;
	strbuf q;
	sb_init(&q);
	sb_add(&q, "SELECT COALESCE(SUM(t.batches), 0) FROM plan_items t JOIN food_plans p ON p.id = t.plan_id"
		   " WHERE t.deleted = 0 AND p.deleted = 0 AND p.year = ? AND p.state IN ('approved', 'closed')");
	json_t *params = json_pack("[i]", year);
	crud_scope_sql(c, &ent_plan_items, si, &q, params);
	int64_t planned = scalar(c, &q, params);
	sb_init(&q);
	sb_add(&q,
	       "SELECT COUNT(*) FROM samples t JOIN food_plans p ON p.id = t.plan_id WHERE t.deleted = 0"
	       " AND t.state <> 'cancelled' AND p.deleted = 0 AND p.year = ? AND p.state IN ('approved', 'closed')");
	params = json_pack("[i]", year);
	crud_scope_sql(c, &ent_samples, ss, &q, params);
	int64_t drawn = scalar(c, &q, params);
	if (planned < 0 || drawn < 0)
		return NULL;
	return json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:o, s:{s:s, s:s}}", "key", "plan_completion", "label", "zh",
			 "抽检计划完成率", "en", "Sampling plan completion", "done", (json_int_t)drawn, "of",
			 (json_int_t)planned, "rate_pct", rate(drawn, planned), "unit", "zh", "批次", "en", "batches");
}

/* Tested and failed samples by month of this year, and the year's rate. */
static json_t *failure_trend(zj_ctx *c, const char *year, json_t **item)
{
	unsigned ss = ctx_scope(c, "samples.read");
	*item = NULL;
	if (!ss)
		return NULL;
	strbuf q;
	sb_init(&q);
	sb_add(&q,
	       "SELECT substr(t.sampled_on, 1, 7), COUNT(*), SUM(CASE WHEN t.final_conclusion = 'fail' THEN 1 ELSE 0 END)"
	       " FROM samples t WHERE t.deleted = 0 AND t.final_conclusion IN ('pass', 'fail')"
	       " AND substr(t.sampled_on, 1, 4) = ?");
	json_t *params = json_pack("[s]", year), *points = json_array();
	crud_scope_sql(c, &ent_samples, ss, &q, params);
	sb_add(&q, " GROUP BY substr(t.sampled_on, 1, 7) ORDER BY substr(t.sampled_on, 1, 7)");
	db_stmt *s;
	int64_t tested = 0, failed = 0;
	if (db_prepare(c->db, q.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		while (db_step(s) == DB_ROW) {
			int64_t n = db_col_int(s, 1), f = db_col_int(s, 2);
			tested += n, failed += f;
			json_array_append_new(points, json_pack("{s:s, s:I, s:I, s:o}", "month", db_col_text(s, 0),
								"tested", (json_int_t)n, "failed", (json_int_t)f,
								"rate_pct", rate(f, n)));
		}
		db_finalize(s);
	}
	sb_free(&q), json_decref(params);
	*item = json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:o, s:{s:s, s:s}}", "key", "failure_rate", "label", "zh",
			  "抽检不合格率", "en", "Failure rate", "done", (json_int_t)failed, "of", (json_int_t)tested,
			  "rate_pct", rate(failed, tested), "unit", "zh", "批次", "en", "batches");
	return json_pack("{s:{s:s, s:s}, s:o}", "label", "zh", "不合格率月度趋势（%）", "en",
			 "Failure rate by month (%)", "points", points);
}

json_t *food_kpi_widget(zj_ctx *c)
{
	char year[5];
	snprintf(year, sizeof year, "%.4s", c->today);
	json_t *items = json_array(), *plan = plan_completion(c, (int)strtol(year, NULL, 10)), *fail = NULL;
	json_t *trend = failure_trend(c, year, &fail);
	if (plan)
		json_array_append_new(items, plan);
	if (fail)
		json_array_append_new(items, fail);
	if (!json_array_size(items)) {
		json_decref(items), json_decref(trend);
		return NULL;
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:o, s:o}", "id", "food_kpi", "title", "zh",
			 "食品抽检主要指标（本年度）", "en", "Food sampling: key figures this year", "kind", "kpi",
			 "year", year, "items", items, "trend", trend ? trend : json_null());
}
