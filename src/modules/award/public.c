/* public.c — what the area publishes on the portal (政府信息公开条例第二十条):
 * the award round's public notice (公示: the ranking with total and
 * per-category scores, level and prize, from the day the notice starts) and
 * the published ranking of the food-safety target assessment, with the
 * veto and its grounds. Both listed among the portal's notices. */
#include "modules/award/award.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

static const char *qv(const void *query, const char *k)
{
	const kv_list *q = query;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v;
	return NULL;
}

static int year_of(zj_ctx *c, const void *query, int64_t *year)
{
	const char *y = qv(query, "year");
	char *end = NULL;
	long v = y ? strtol(y, &end, 10) : 0;
	if (!y || *end || v < 2000 || v > 2100) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "year", FE_RANGE, "应为年度，如 2025", "must be a year, e.g. 2025");
		return ctx_fail_fields(c, errs);
	}
	*year = v;
	return 0;
}

/* GET /api/v1/public/award_notice?year=2025 */
static int pub_award(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	int64_t year;
	int rc = year_of(c, query, &year);
	if (rc)
		return rc;
	const int64_t p[] = {year};
	int64_t id = db_query_int_ids(
		c->db,
		"SELECT id FROM aw_rounds WHERE year = ? AND deleted = 0 AND state IN ('notice', 'final', 'paid')", 1,
		p, 0);
	json_t *r = id ? aw_ranking(c, id, 1) : NULL;
	if (!r)
		return ctx_failed(c) ? c->status : ctx_problem(c, PROB_NOT_FOUND, NULL);
	out->json = r;
	return 200;
}

/* GET /api/v1/public/assessment_ranking?year=2025 */
static int pub_assess(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	int64_t year;
	int rc = year_of(c, query, &year);
	if (rc)
		return rc;
	const int64_t p[] = {year};
	int64_t id = db_query_int_ids(c->db,
				      "SELECT id FROM as_years WHERE year = ? AND deleted = 0 AND state = 'published'",
				      1, p, 0);
	json_t *r = id ? as_ranking(c, id) : NULL;
	if (!r)
		return ctx_failed(c) ? c->status : ctx_problem(c, PROB_NOT_FOUND, NULL);
	out->json = r;
	return 200;
}

const public_endpoint aw_public_notice = {"award_notice", "GET", pub_award};
const public_endpoint as_public_ranking = {"assessment_ranking", "GET", pub_assess};

json_t *aw_public_notices(zj_ctx *c)
{
	json_t *items = json_array();
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT year, title, notice_from, 'award' FROM aw_rounds WHERE deleted = 0 AND state IN ('notice', 'final', 'paid')"
		    " UNION ALL SELECT year, title, published_on, 'assessment' FROM as_years WHERE deleted = 0"
		    " AND state = 'published' ORDER BY 3 DESC",
		    &s) == DB_OK) {
		while (db_step(s) == DB_ROW) {
			int award = !strcmp(db_col_text(s, 3), "award");
			char title[240], body[240], link[40];
			snprintf(title, sizeof title, "%s%s", db_col_text(s, 1) ? db_col_text(s, 1) : "",
				 award ? "评选结果公示" : "结果通报");
			snprintf(
				body, sizeof body, "%s",
				award ? "按 GB/T 19580-2012《卓越绩效评价准则》评审，排名、各类目得分及奖励如下；公示期内可提出异议。"
				      : "各旗县区人民政府食品安全工作目标责任考核得分及排名；发生一票否决情形的，考核结果为不合格。");
			snprintf(link, sizeof link, "%s/%lld", award ? "award" : "assessment",
				 (long long)db_col_int(s, 0));
			json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:o, s:s}", "kind", "announcement",
							       "title", title, "body", body, "published_on",
							       db_col_null(s, 2) ? json_null()
										 : json_string(db_col_text(s, 2)),
							       "link", link));
		}
		db_finalize(s);
	}
	return items;
}
