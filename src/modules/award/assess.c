/* assess.c — the annual food-safety target assessment of the district,
 * banner and county governments (食品安全工作目标责任考核; 食品安全法第七条:
 * the local governments at and above county level are responsible for food
 * safety in their area and are assessed on it): the year's indicators with
 * weights summing to 100 % (else 422), its veto conditions (一票否决), one
 * record per government of the city's divisions with its self-assessment,
 * indicator scores and veto findings; the ranking, in which a vetoed
 * government fails whatever its score (score.c as_rank). */
#include "modules/award/award.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* ---- the year ---- */

int as_weights_check(zj_ctx *c, int64_t year_id, json_t *errors)
{
	int w[128], n = 0;
	db_stmt *s;
	if (db_prepare(c->db, "SELECT weight FROM as_indicators WHERE year_id = ? AND deleted = 0", &s) != DB_OK)
		return 0;
	db_bind_int(s, 1, year_id);
	while (db_step(s) == DB_ROW && n < 128)
		w[n++] = (int)db_col_int(s, 0);
	db_finalize(s);
	if (as_weights_ok(w, n))
		return 1;
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += w[i];
	char zh[120], en[120];
	snprintf(zh, sizeof zh, "%d 项考核指标权重合计 %d%%，应为 100%%", n, sum);
	snprintf(en, sizeof en, "the %d indicators' weights sum to %d %%, not 100 %%", n, sum);
	crud_field_error(c, errors, "weight", FE_CHECK, zh, en);
	return 0;
}

static int g_open(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	json_t *errors = json_array();
	if (!as_weights_check(c, id, errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return 0;
}

/* Opening the year makes a record for every government of the city's
 * districts, banners and counties (GB/T 2260; not the statistical zones). */
static int e_open(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t ids[64];
	char names[64][120];
	int n = 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT j.id, j.name FROM jurisdictions j JOIN units u ON u.kind = 'bureau' AND u.deleted = 0"
		       " JOIN jurisdictions cj ON cj.id = u.jurisdiction_id WHERE j.parent_id = cj.id AND j.deleted = 0"
		       " AND j.statistical = 0 AND j.level IN ('district', 'banner', 'county') ORDER BY j.code",
		       &s) != DB_OK)
		return ctx_internal(c, "assessment open", db_errmsg(c->db));
	while (db_step(s) == DB_ROW && n < 64) {
		snprintf(names[n], sizeof names[n], "%s人民政府", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		ids[n++] = db_col_int(s, 0);
	}
	db_finalize(s);
	for (int i = 0; i < n; i++) {
		const int64_t p[] = {id, ids[i]};
		if (db_query_int_ids(
			    c->db,
			    "SELECT COUNT(*) FROM as_govs WHERE year_id = ? AND jurisdiction_id = ? AND deleted = 0", 2,
			    p, 0))
			continue;
		json_t *g = json_pack("{s:I, s:I, s:s}", "year_id", (json_int_t)id, "jurisdiction_id",
				      (json_int_t)ids[i], "gov_name", names[i]);
		int64_t gid;
		int rc = crud_add(c, &as_ent_govs, g, &gid);
		json_decref(g);
		if (rc != DB_OK)
			return ctx_internal(c, "assessment open", db_errmsg(c->db));
	}
	return 0;
}

int as_year_rank(zj_ctx *c, int64_t year_id)
{
	json_t *year = crud_load(c, &as_ent_years, year_id);
	if (!year)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	int64_t exc = aw_int(year, "excellent_min") * 100, good = aw_int(year, "good_min") * 100,
		pass = aw_int(year, "pass_min") * 100;
	json_decref(year);
	as_gov g[64];
	int n = 0;
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT g.id, COALESCE((SELECT SUM(i.weight * COALESCE(x.score, 0)) FROM as_scores x JOIN as_indicators i"
		    " ON i.id = x.indicator_id WHERE x.gov_id = g.id AND x.deleted = 0 AND i.deleted = 0), 0),"
		    " (SELECT COUNT(*) FROM as_findings f WHERE f.gov_id = g.id AND f.deleted = 0)"
		    " FROM as_govs g WHERE g.year_id = ? AND g.deleted = 0",
		    &s) != DB_OK)
		return ctx_internal(c, "assessment rank", db_errmsg(c->db));
	db_bind_int(s, 1, year_id);
	while (db_step(s) == DB_ROW && n < 64) {
		g[n] = (as_gov){.id = db_col_int(s, 0), .total = db_col_int(s, 1), .vetoed = db_col_int(s, 2) > 0};
		n++;
	}
	db_finalize(s);
	as_rank(g, n, exc, good, pass);
	for (int i = 0; i < n; i++) {
		strbuf why = {0};
		if (g[i].vetoed &&
		    db_prepare(c->db,
			       "SELECT v.name, f.grounds FROM as_findings f JOIN as_vetoes v ON v.id = f.veto_id"
			       " WHERE f.gov_id = ? AND f.deleted = 0 ORDER BY f.id",
			       &s) == DB_OK) {
			db_bind_int(s, 1, g[i].id);
			while (db_step(s) == DB_ROW)
				sb_printf(&why, "%s%s：%s", why.len ? "；" : "", db_col_text(s, 0), db_col_text(s, 1));
			db_finalize(s);
		}
		char b[32];
		json_t *f = json_pack("{s:s, s:b, s:o, s:i, s:s}", "total", aw_fmt(g[i].total, b, sizeof b), "vetoed",
				      g[i].vetoed, "veto_grounds", why.s ? json_string(why.s) : json_null(), "rank",
				      g[i].rank, "result", g[i].result);
		sb_free(&why);
		int rc = crud_set_fields(c, &as_ent_govs, g[i].id, f, "rank");
		json_decref(f);
		if (rc != DB_OK)
			return ctx_internal(c, "assessment rank", db_errmsg(c->db));
	}
	return 0;
}

static int g_rank(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const int64_t p[] = {id};
	int64_t open = db_query_int_ids(
		c->db, "SELECT COUNT(*) FROM as_govs WHERE year_id = ? AND deleted = 0 AND state <> 'reviewed'", 1, p,
		-1);
	if (open)
		return ctx_problem(c, PROB_STEP_FAILED,
				   TR(c, "尚有政府的考核未经审核",
				      "some governments' assessments are not reviewed yet"));
	return 0;
}

static int e_rank(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return as_year_rank(c, id);
}

static int e_published(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return crud_set1(c, e, id, "publish", "published_on", json_string(c->today)) == DB_OK
		       ? 0
		       : ctx_internal(c, "assessment publish", db_errmsg(c->db));
}

static void year_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	static const struct {
		const char *k;
		int v;
	} dflt[] = {{"excellent_min", 90}, {"good_min", 80}, {"pass_min", 60}};
	for (size_t i = 0; i < sizeof dflt / sizeof dflt[0]; i++)
		if (!json_is_integer(json_object_get(row, dflt[i].k)))
			json_object_set_new(row, dflt[i].k, json_integer(dflt[i].v));
}

static void year_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!(aw_int(row, "excellent_min") > aw_int(row, "good_min") &&
	      aw_int(row, "good_min") > aw_int(row, "pass_min")))
		crud_field_error(c, errors, "good_min", FE_ORDER, "应为 优秀线 > 良好线 > 合格线",
				 "excellent > good > pass");
}

static const entity_hooks year_hooks = {.prepare = year_prepare, .validate = year_validate};

/* GET /api/v1/assess_years/{id}/actions/ranking */
static int act_ranking(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	out->json = as_ranking(c, id);
	return out->json ? 200 : ctx_failed(c) ? c->status : ctx_problem(c, PROB_NOT_FOUND, NULL);
}

/* clang-format off */
static const wf_state year_states[] = {
	{"setup", "制定指标", "Setting indicators"}, {"self_assessment", "自查自评", "Self-assessment"},
	{"review", "考核审核", "Review"},            {"ranked", "已排名", "Ranked"},
	{"published", "已通报", "Published", 1},
};
static const wf_transition year_steps[] = {
	{"open", "下达考核，开始自评", "Open the self-assessment", "setup", "self_assessment", .guard = g_open,
	 .on_enter = e_open, .deadline = "self_assessment_due", .dl_unit = DL_DAYS_ROLL, .dl_n = 30},
	{"close_self", "自评截止，开始审核", "Close self-assessment", "self_assessment", "review",
	 .deadline = "review_due", .dl_unit = DL_WORKING_DAYS, .dl_n = 20},
	{"rank", "计算得分与排名", "Score and rank", "review", "ranked", .guard = g_rank, .on_enter = e_rank},
	{"publish", "通报考核结果", "Publish", "ranked", "published", .on_enter = e_published},
};
static const field_def year_fields[] = {
	{"year", FT_INT, "考核年度", "Year", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER | F_SORT, .min = 2000, .max = 2100},
	{"title", FT_TEXT, "名称", "Title", F_REQUIRED | F_LIST | F_SEARCH, 4, 100},
	{"excellent_min", FT_INT, "优秀线", "Excellent from", F_REQUIRED | F_FILLED, .min = 1, .max = 100, .unit = "分"},
	{"good_min", FT_INT, "良好线", "Good from", F_REQUIRED | F_FILLED, .min = 1, .max = 100, .unit = "分"},
	{"pass_min", FT_INT, "合格线", "Pass from", F_REQUIRED | F_FILLED, .min = 1, .max = 100, .unit = "分"},
	{"published_on", FT_DATE, "通报日期", "Published on", F_READONLY | F_LIST},
};
static const entity_action year_actions[] = {
	{"ranking", "GET", "assess_years.read", 1, act_ranking},
	{"compute", "POST", "assess_years.compute", 1, as_act_compute, 0, "按系统数据计算指标得分",
	 "Compute the indicator scores from the data", 1},
};
/* clang-format on */
static const workflow_def year_workflow = {"setup", year_states, ZJ_COUNT(year_states), year_steps,
					   ZJ_COUNT(year_steps)};

const entity_def as_ent_years = {
	.name = "assess_years",
	.table = "as_years",
	.label_zh = "食品安全考核年度",
	.label_en = "Food-safety assessment years",
	.menu = "award",
	.fields = year_fields,
	.nfields = ZJ_COUNT(year_fields),
	.label_field = "title",
	.default_sort = "-year",
	.workflow = &year_workflow,
	.hooks = &year_hooks,
	.actions = year_actions,
	.nactions = ZJ_COUNT(year_actions),
	.no_delete = 1,
	.first_columns = "state,deadline,year,title,published_on",
};

/* ---- indicators and veto conditions: fixed once the year is opened ---- */

static void in_setup(zj_ctx *c, const json_t *row, json_t *errors)
{
	const int64_t p[] = {aw_int(row, "year_id")};
	if (!db_query_int_ids(c->db, "SELECT COUNT(*) FROM as_years WHERE id = ? AND state = 'setup'", 1, p, 0))
		crud_field_error(c, errors, "year_id", FE_LOCKED, "考核已下达，指标和否决情形不能再改动",
				 "the assessment is under way: indicators and vetoes are fixed");
}

static void ind_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	in_setup(c, row, errors);
	const char *m = aw_str(row, "method"), *f = aw_str(row, "formula");
	if (m && !strcmp(m, "formula") && !f)
		crud_field_error(c, errors, "formula", FE_REQUIRED, "按系统数据计算的指标须选择计算公式",
				 "an indicator scored by formula needs its formula");
	if (m && strcmp(m, "formula") && f)
		crud_field_error(c, errors, "formula", FE_CHECK, "按佐证材料评分的指标不设计算公式",
				 "an indicator scored by evidence has no formula");
}

static const entity_hooks ind_hooks = {.validate = ind_validate};

/* clang-format off */
static const field_def ind_fields[] = {
	{"year_id", FT_REF, "考核年度", "Year", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_years"},
	{"name", FT_TEXT, "考核指标", "Indicator", F_REQUIRED | F_LIST | F_SEARCH, 2, 100},
	{"weight", FT_INT, "权重", "Weight", F_REQUIRED | F_LIST, .min = 1, .max = 100, .unit = "%",
	 .help_zh = "全部指标权重合计须为 100%", .help_en = "the weights of all indicators sum to 100 %"},
	{"method", FT_DICT, "评分方式", "Scored", F_REQUIRED | F_LIST | F_FILTER, .dict = "as_method"},
	{"formula", FT_DICT, "计算公式", "Formula", F_LIST, .dict = "as_formula",
	 .help_zh = "按系统数据计算时：抽检计划完成率、核查处置按期完成率或投诉举报按时办结率",
	 .help_en = "when scored by formula: sampling plan completion, disposals on time or complaints on time"},
	{"rule", FT_TEXT, "评分规则", "Scoring rule", 0, 0, 1000},
	{"sort", FT_INT, "排序", "Order", 0, .min = 0, .max = 1000},
};
static const field_def veto_fields[] = {
	{"year_id", FT_REF, "考核年度", "Year", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_years"},
	{"name", FT_TEXT, "一票否决情形", "Veto condition", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"basis", FT_TEXT, "依据", "Basis", F_LIST, 0, 300},
};
/* clang-format on */

const entity_def as_ent_indicators = {
	.name = "assess_indicators",
	.table = "as_indicators",
	.label_zh = "考核指标",
	.label_en = "Assessment indicators",
	.menu = "award",
	.fields = ind_fields,
	.nfields = ZJ_COUNT(ind_fields),
	.label_field = "name",
	.hooks = &ind_hooks,
	.first_columns = "name,weight,method,year_id",
};

const entity_def as_ent_vetoes = {
	.name = "assess_vetoes",
	.table = "as_vetoes",
	.label_zh = "一票否决情形",
	.label_en = "Veto conditions",
	.menu = "award",
	.fields = veto_fields,
	.nfields = ZJ_COUNT(veto_fields),
	.label_field = "name",
	.hooks = &ind_hooks,
	.first_columns = "name,basis,year_id",
};

/* ---- the governments assessed ---- */

static int g_review(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const int64_t p[] = {id, aw_int(row, "year_id")};
	int64_t missing = db_query_int_ids(
		c->db,
		"SELECT COUNT(*) FROM as_indicators i WHERE i.year_id = ? AND i.deleted = 0 AND NOT EXISTS (SELECT 1 FROM"
		" as_scores x WHERE x.gov_id = ? AND x.indicator_id = i.id AND x.deleted = 0 AND x.score IS NOT NULL)",
		2, (const int64_t[]){p[1], p[0]}, -1);
	if (missing) {
		char zh[80], en[80];
		snprintf(zh, sizeof zh, "尚有 %lld 项指标未评分", (long long)missing);
		snprintf(en, sizeof en, "%lld indicator(s) are not scored", (long long)missing);
		return ctx_problem(c, PROB_STEP_FAILED, TR(c, zh, en));
	}
	return 0;
}

/* clang-format off */
static const wf_state gov_states[] = {
	{"pending", "待自评", "Awaiting self-assessment"}, {"submitted", "已提交自评", "Self-assessed"},
	{"reviewed", "已审核", "Reviewed"},
};
static const wf_transition gov_steps[] = {
	{"submit", "提交自评报告", "Submit the self-assessment", "pending", "submitted", .requires = "self_report"},
	{"review", "审核评分", "Review", "submitted", "reviewed", .requires = "review_note", .guard = g_review},
};
static const field_def gov_fields[] = {
	{"year_id", FT_REF, "考核年度", "Year", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_years"},
	{"jurisdiction_id", FT_REF, "被考核政府（区划）", "Government (division)", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"gov_name", FT_TEXT, "被考核政府", "Government", F_READONLY | F_LIST | F_SEARCH, 0, 120},
	{"self_report", FT_TEXT, "自评报告", "Self-assessment report", F_READONLY, 0, 5000},
	{"evidence", FT_FILE, "佐证材料", "Evidence", 0, .accept = "application/pdf,image/*"},
	{"review_note", FT_TEXT, "审核意见", "Review", F_READONLY, 0, 2000},
	{"total", FT_DECIMAL, "考核得分", "Score", F_READONLY | F_LIST, .unit = "分"},
	{"vetoed", FT_BOOL, "一票否决", "Vetoed", F_READONLY | F_LIST | F_FILTER},
	{"veto_grounds", FT_TEXT, "否决理由", "Grounds of the veto", F_READONLY, 0, 2000},
	{"rank", FT_INT, "排名", "Rank", F_READONLY | F_LIST},
	{"result", FT_DICT, "考核结果", "Result", F_READONLY | F_LIST | F_FILTER, .dict = "as_result"},
};
/* clang-format on */
static const workflow_def gov_workflow = {"pending", gov_states, ZJ_COUNT(gov_states), gov_steps, ZJ_COUNT(gov_steps)};

const entity_def as_ent_govs = {
	.name = "assess_govs",
	.table = "as_govs",
	.label_zh = "被考核政府",
	.label_en = "Governments assessed",
	.menu = "award",
	.fields = gov_fields,
	.nfields = ZJ_COUNT(gov_fields),
	.label_field = "gov_name",
	.juris_field = "jurisdiction_id",
	.workflow = &gov_workflow,
	.no_create = 1,
	.no_delete = 1,
	.first_columns = "state,gov_name,total,vetoed,rank,result",
};

/* ---- indicator scores and veto findings of a government ---- */

/* The record belongs to the government's year, while it is assessed. */
static void child_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const int64_t p[] = {aw_int(row, "gov_id")};
	int64_t j = db_query_int_ids(c->db, "SELECT jurisdiction_id FROM as_govs WHERE id = ?", 1, p, 0);
	if (j > 0)
		json_object_set_new(row, "jurisdiction_id", json_integer(j));
}

static void child_check(zj_ctx *c, const json_t *row, json_t *errors, const char *field, const char *table)
{
	const int64_t p[] = {aw_int(row, "gov_id")};
	int64_t year = db_query_int_ids(c->db, "SELECT year_id FROM as_govs WHERE id = ?", 1, p, 0);
	const int64_t y[] = {year};
	if (year &&
	    !db_query_int_ids(c->db,
			      "SELECT COUNT(*) FROM as_years WHERE id = ? AND state IN ('self_assessment', 'review')",
			      1, y, 0))
		crud_field_error(c, errors, "gov_id", FE_STATE, "该年度考核不在自评或审核阶段",
				 "the year is not in self-assessment or review");
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT year_id FROM %s WHERE id = ?", table);
	const int64_t q[] = {aw_int(row, field)};
	if (year && db_query_int_ids(c->db, sql, 1, q, 0) != year)
		crud_field_error(c, errors, field, FE_REF, "不属于该考核年度",
				 "not of the government's assessment year");
}

static void score_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	child_check(c, row, errors, "indicator_id", "as_indicators");
	if (old)
		return;
	const int64_t p[] = {aw_int(row, "gov_id"), aw_int(row, "indicator_id")};
	if (db_query_int_ids(c->db,
			     "SELECT COUNT(*) FROM as_scores WHERE gov_id = ? AND indicator_id = ? AND deleted = 0", 2,
			     p, 0))
		crud_field_error(c, errors, "indicator_id", FE_UNIQUE, "该指标已评分",
				 "this indicator is scored already");
}

static void finding_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	child_check(c, row, errors, "veto_id", "as_vetoes");
}

static const entity_hooks score_hooks = {.prepare = child_prepare, .validate = score_validate};
static const entity_hooks finding_hooks = {.prepare = child_prepare, .validate = finding_validate};

/* clang-format off */
static const field_def as_score_fields[] = {
	{"gov_id", FT_REF, "被考核政府", "Government", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_govs"},
	{"indicator_id", FT_REF, "考核指标", "Indicator", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_indicators"},
	{"jurisdiction_id", FT_REF, "区划", "Division", F_READONLY | F_FILLED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"self_score", FT_INT, "自评得分", "Self-assessed score", F_LIST, .min = 0, .max = 100, .unit = "分"},
	{"score", FT_INT, "考核得分", "Score", F_LIST, .min = 0, .max = 100, .unit = "分",
	 .help_zh = "该项指标满分 100 分，按权重折算", .help_en = "out of 100 for the indicator, weighted into the total"},
	{"evidence", FT_TEXT, "佐证说明", "Evidence", 0, 0, 2000},
};
static const field_def finding_fields[] = {
	{"gov_id", FT_REF, "被考核政府", "Government", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_govs"},
	{"veto_id", FT_REF, "否决情形", "Veto condition", F_REQUIRED | F_LIST | F_FILTER, .ref = "assess_vetoes"},
	{"jurisdiction_id", FT_REF, "区划", "Division", F_READONLY | F_FILLED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"found_on", FT_DATE, "认定日期", "Found on", F_REQUIRED | F_LIST},
	{"grounds", FT_TEXT, "认定事实与理由", "Facts and grounds", F_REQUIRED, 4, 2000},
};
/* clang-format on */

const entity_def as_ent_scores = {
	.name = "assess_scores",
	.table = "as_scores",
	.label_zh = "考核指标得分",
	.label_en = "Indicator scores",
	.menu = "award",
	.fields = as_score_fields,
	.nfields = ZJ_COUNT(as_score_fields),
	.label_field = "evidence",
	.juris_field = "jurisdiction_id",
	.hooks = &score_hooks,
	.first_columns = "gov_id,indicator_id,self_score,score",
};

const entity_def as_ent_findings = {
	.name = "assess_findings",
	.table = "as_findings",
	.label_zh = "一票否决认定",
	.label_en = "Veto findings",
	.menu = "award",
	.fields = finding_fields,
	.nfields = ZJ_COUNT(finding_fields),
	.label_field = "found_on",
	.juris_field = "jurisdiction_id",
	.hooks = &finding_hooks,
	.first_columns = "gov_id,veto_id,found_on",
};

/* ---- the ranking ---- */

json_t *as_ranking(zj_ctx *c, int64_t year_id)
{
	json_t *year = crud_load(c, &as_ent_years, year_id);
	if (!year)
		return NULL;
	json_t *inds = json_array(), *rows = json_array();
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id, name, weight FROM as_indicators WHERE year_id = ? AND deleted = 0 ORDER BY sort, id",
		       &s) == DB_OK) {
		db_bind_int(s, 1, year_id);
		while (db_step(s) == DB_ROW)
			json_array_append_new(inds,
					      json_pack("{s:I, s:s, s:I}", "id", (json_int_t)db_col_int(s, 0), "name",
							db_col_text(s, 1), "weight", (json_int_t)db_col_int(s, 2)));
		db_finalize(s);
	}
	if (db_prepare(
		    c->db,
		    "SELECT g.id, j.code, j.name, j.name_en, g.total, g.vetoed, g.veto_grounds, g.rank, g.result, g.state"
		    " FROM as_govs g JOIN jurisdictions j ON j.id = g.jurisdiction_id WHERE g.year_id = ? AND g.deleted = 0"
		    " ORDER BY CASE WHEN g.rank IS NULL THEN 1 ELSE 0 END, g.rank, j.code",
		    &s) == DB_OK) {
		db_bind_int(s, 1, year_id);
		while (db_step(s) == DB_ROW) {
			json_t *r = json_pack("{s:I, s:s, s:s, s:s}", "gov_id", (json_int_t)db_col_int(s, 0), "code",
					      db_col_text(s, 1), "name", db_col_text(s, 2), "name_en",
					      db_col_text(s, 3) ? db_col_text(s, 3) : db_col_text(s, 2));
			json_object_set_new(r, "total",
					    db_col_null(s, 4) ? json_null() : json_string(db_col_text(s, 4)));
			json_object_set_new(r, "vetoed", json_boolean(db_col_int(s, 5)));
			json_object_set_new(r, "veto_grounds",
					    db_col_null(s, 6) ? json_null() : json_string(db_col_text(s, 6)));
			json_object_set_new(r, "rank",
					    db_col_null(s, 7) ? json_null() : json_integer(db_col_int(s, 7)));
			json_object_set_new(r, "result",
					    db_col_null(s, 8) ? json_null() : json_string(db_col_text(s, 8)));
			json_object_set_new(r, "state", json_string(db_col_text(s, 9)));
			json_object_set_new(r, "scores", json_object());
			json_array_append_new(rows, r);
		}
		db_finalize(s);
	}
	/* each government's indicator scores, by indicator id */
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		if (db_prepare(c->db, "SELECT indicator_id, score FROM as_scores WHERE gov_id = ? AND deleted = 0",
			       &s) != DB_OK)
			continue;
		db_bind_int(s, 1, aw_int(r, "gov_id"));
		while (db_step(s) == DB_ROW) {
			char k[24];
			snprintf(k, sizeof k, "%lld", (long long)db_col_int(s, 0));
			json_object_set_new(json_object_get(r, "scores"), k,
					    db_col_null(s, 1) ? json_null() : json_integer(db_col_int(s, 1)));
		}
		db_finalize(s);
	}
	json_t *out =
		json_pack("{s:{s:I, s:O, s:O, s:O, s:O}, s:o, s:o}", "year", "id", (json_int_t)year_id, "year",
			  json_object_get(year, "year"), "title", json_object_get(year, "title"), "state",
			  json_object_get(year, "state"), "published_on",
			  json_object_get(year, "published_on") ? json_object_get(year, "published_on") : json_null(),
			  "indicators", inds, "rows", rows);
	json_decref(year);
	return out;
}
