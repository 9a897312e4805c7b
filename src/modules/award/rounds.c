/* rounds.c — the award round (评选年度): its settings (budget ≥ 1,000,000
 * yuan in fen, the aggregation rule, the disagreement threshold, the prize
 * levels), its workflow call → applications open → document review → site
 * visits → consensus → ranking → decision → public notice (公示) with
 * objections → final → paid, and the two computations the steps run: the
 * aggregated scores (aw_round_compute) and the ranking with its prize
 * allocation, which never exceeds the budget and says so when the ranking
 * would (score.c aw_allocate). */
#include "modules/award/award.h"
#include "lib/num.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_ITEMS = 64, MAX_EXPERTS = 32 };

const char *aw_str(const json_t *row, const char *k)
{
	return json_string_value(json_object_get(row, k));
}

int64_t aw_int(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	if (json_is_true(v))
		return 1;
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

const char *aw_fmt(int64_t h, char *buf, size_t n)
{
	snprintf(buf, n, "%s%lld.%02lld", h < 0 ? "-" : "", (long long)(llabs(h) / 100), (long long)(llabs(h) % 100));
	return buf;
}

int64_t aw_parse(const char *s)
{
	if (!s)
		return 0;
	char *end;
	long long whole = strtoll(s, &end, 10), frac = 0;
	if (*end == '.') {
		int digits = 0;
		for (const char *p = end + 1; *p >= '0' && *p <= '9' && digits < 2; p++, digits++)
			frac = frac * 10 + (*p - '0');
		if (digits == 1)
			frac *= 10;
	}
	return whole * 100 + frac;
}

/* ---- the criteria, as the computation needs them ---- */
typedef struct crit {
	int64_t id;
	char code[12], cat[4];
	int points;
} crit;

static int load_criteria(zj_ctx *c, crit *out, int max)
{
	db_stmt *s;
	int n = 0;
	if (db_prepare(c->db,
		       "SELECT id, code, category, points FROM aw_criteria WHERE deleted = 0 ORDER BY sort, code",
		       &s) != DB_OK)
		return -1;
	while (db_step(s) == DB_ROW && n < max) {
		out[n].id = db_col_int(s, 0);
		snprintf(out[n].code, sizeof out[n].code, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		snprintf(out[n].cat, sizeof out[n].cat, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
		out[n].points = (int)db_col_int(s, 3);
		n++;
	}
	db_finalize(s);
	return n;
}

/* The experts' bands of one application: bands[item][expert], -1 = none. */
typedef struct app_scores {
	int64_t assignment[MAX_EXPERTS];
	int nexp;
	int band[MAX_ITEMS][MAX_EXPERTS];
} app_scores;

static int load_scores(zj_ctx *c, int64_t app, const crit *cr, int ncr, app_scores *as)
{
	memset(as, 0, sizeof *as);
	for (int i = 0; i < MAX_ITEMS; i++)
		for (int j = 0; j < MAX_EXPERTS; j++)
			as->band[i][j] = -1;
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT a.id, s.criterion_id, s.band FROM aw_assignments a JOIN aw_scores s ON s.assignment_id = a.id"
		    " AND s.deleted = 0 WHERE a.application_id = ? AND a.deleted = 0 AND a.state = 'submitted'"
		    " ORDER BY a.id",
		    &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, app);
	while (db_step(s) == DB_ROW) {
		int64_t aid = db_col_int(s, 0), cid = db_col_int(s, 1);
		int e = 0;
		while (e < as->nexp && as->assignment[e] != aid)
			e++;
		if (e == as->nexp) {
			if (as->nexp == MAX_EXPERTS)
				continue;
			as->assignment[as->nexp++] = aid;
		}
		for (int i = 0; i < ncr; i++)
			if (cr[i].id == cid)
				as->band[i][e] = (int)db_col_int(s, 2);
	}
	db_finalize(s);
	return 0;
}

/* One application's aggregate: writes total, category_scores, spread, flagged. */
static int compute_app(zj_ctx *c, int64_t app, const crit *cr, int ncr, aw_agg mode, int trim, int threshold)
{
	app_scores *as = malloc(sizeof *as);
	if (!as)
		return ctx_internal(c, "award compute", "out of memory");
	if (load_scores(c, app, cr, ncr, as) != 0) {
		free(as);
		return ctx_internal(c, "award compute", db_errmsg(c->db));
	}
	int64_t total = 0, exp_total[MAX_EXPERTS] = {0};
	int flagged = 0;
	json_t *cats = json_object(), *flags = json_array();
	for (int i = 0; i < ncr; i++) {
		int64_t vals[MAX_EXPERTS];
		int bands[MAX_EXPERTS], n = 0;
		for (int e = 0; e < as->nexp; e++)
			if (as->band[i][e] >= 0) {
				bands[n] = as->band[i][e];
				vals[n++] = aw_item_score(cr[i].points, as->band[i][e]);
				exp_total[e] += aw_item_score(cr[i].points, as->band[i][e]);
			}
		int64_t item = aw_aggregate(vals, n, mode, trim);
		total += item;
		json_t *cv = json_object_get(cats, cr[i].cat);
		int64_t sofar = cv ? json_integer_value(cv) : 0;
		json_object_set_new(cats, cr[i].cat, json_integer(sofar + item));
		if (aw_spread(bands, n) > threshold) {
			flagged = 1;
			json_array_append_new(flags, json_string(cr[i].code));
		}
	}
	int64_t lo = 0, hi = 0;
	for (int e = 0; e < as->nexp; e++) {
		lo = (e == 0 || exp_total[e] < lo) ? exp_total[e] : lo;
		hi = (e == 0 || exp_total[e] > hi) ? exp_total[e] : hi;
	}
	free(as);
	/* category scores as decimal strings {"4.1":"78.33",...}; the flagged items comma-joined */
	json_t *catstr = json_object();
	const char *k;
	json_t *v;
	json_object_foreach (cats, k, v) {
		char b[32];
		json_object_set_new(catstr, k, json_string(aw_fmt(json_integer_value(v), b, sizeof b)));
	}
	json_decref(cats);
	char *txt = json_dumps(catstr, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(catstr);
	strbuf fl = {0};
	size_t fi;
	json_array_foreach (flags, fi, v) {
		sb_printf(&fl, "%s%s", fi ? "," : "", json_string_value(v));
	}
	json_decref(flags);
	char tb[32], sb[32];
	json_t *f = json_pack("{s:s, s:s, s:s, s:b, s:o}", "total", aw_fmt(total, tb, sizeof tb), "category_scores",
			      txt ? txt : "{}", "spread", aw_fmt(hi - lo, sb, sizeof sb), "flagged", flagged,
			      "flagged_items", fl.s ? json_string(fl.s) : json_null());
	free(txt);
	sb_free(&fl);
	int rc = crud_set_fields(c, &aw_ent_applications, app, f, "score");
	json_decref(f);
	return rc == DB_OK ? 0 : ctx_internal(c, "award compute", db_errmsg(c->db));
}

/* The applications still in the running (admitted, not withdrawn). */
#define RUNNING "state IN ('eligible', 'reviewed', 'visited')"

int aw_round_compute(zj_ctx *c, int64_t round_id)
{
	json_t *round = crud_load(c, &aw_ent_rounds, round_id);
	if (!round)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	crit cr[MAX_ITEMS];
	int ncr = load_criteria(c, cr, MAX_ITEMS);
	aw_agg mode =
		aw_str(round, "aggregation") && !strcmp(aw_str(round, "aggregation"), "trimmed") ? AW_TRIMMED : AW_MEAN;
	int trim = (int)aw_int(round, "trim_n"), threshold = (int)aw_int(round, "spread_threshold");
	json_decref(round);
	if (ncr < 0)
		return ctx_internal(c, "award compute", db_errmsg(c->db));
	int64_t ids[1024];
	int n = 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id FROM aw_applications WHERE round_id = ? AND deleted = 0 AND " RUNNING " ORDER BY id",
		       &s) != DB_OK)
		return ctx_internal(c, "award compute", db_errmsg(c->db));
	db_bind_int(s, 1, round_id);
	while (db_step(s) == DB_ROW && n < 1024)
		ids[n++] = db_col_int(s, 0);
	db_finalize(s);
	for (int i = 0; i < n; i++) {
		int rc = compute_app(c, ids[i], cr, ncr, mode, trim, threshold);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- guards and steps ---- */

static int refuse(zj_ctx *c, const char *zh, const char *en)
{
	return ctx_problem(c, PROB_STEP_FAILED, TR(c, zh, en));
}

/* Consensus needs every admitted application scored by its experts. */
static int g_consensus(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const int64_t p[] = {id};
	int64_t open = db_query_int_ids(
		c->db,
		"SELECT COUNT(*) FROM aw_assignments a JOIN aw_applications p ON p.id = a.application_id WHERE p.round_id = ?"
		" AND p.deleted = 0 AND p." RUNNING " AND a.deleted = 0 AND a.state <> 'submitted'",
		1, p, -1);
	int64_t unassigned = db_query_int_ids(
		c->db,
		"SELECT COUNT(*) FROM aw_applications p WHERE p.round_id = ? AND p.deleted = 0 AND p." RUNNING
		" AND NOT EXISTS (SELECT 1 FROM aw_assignments a WHERE a.application_id = p.id AND a.deleted = 0)",
		1, p, -1);
	if (open < 0 || unassigned < 0)
		return ctx_internal(c, "award consensus", db_errmsg(c->db));
	if (open || unassigned)
		return refuse(c, "尚有专家未提交评分或申报未分配专家",
			      "experts have yet to submit scores, or applications have no experts");
	return 0;
}

static int e_compute(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return aw_round_compute(c, id);
}

/* The ranking stands only when every large disagreement went to the consensus meeting. */
static int g_rank(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int rc = aw_round_compute(c, id);
	if (rc)
		return rc;
	const int64_t p[] = {id};
	int64_t open =
		db_query_int_ids(c->db,
				 "SELECT COUNT(*) FROM aw_applications WHERE round_id = ? AND deleted = 0 AND " RUNNING
				 " AND flagged = 1 AND (consensus_note IS NULL OR consensus_note = '')",
				 1, p, -1);
	if (open < 0)
		return ctx_internal(c, "award rank", db_errmsg(c->db));
	if (open)
		return refuse(c, "专家评分分歧较大的申报须先经合议形成一致意见",
			      "applications with large disagreements between experts need the consensus meeting first");
	return 0;
}

typedef struct ranked {
	int64_t id, total;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int load_ranked(zj_ctx *c, int64_t round_id, ranked *out, int max)
{
	db_stmt *s;
	int n = 0;
	if (db_prepare(c->db, "SELECT id, total FROM aw_applications WHERE round_id = ? AND deleted = 0 AND " RUNNING,
		       &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, round_id);
	while (db_step(s) == DB_ROW && n < max) {
		out[n].id = db_col_int(s, 0);
		out[n].total = aw_parse(db_col_text(s, 1));
		n++;
	}
	db_finalize(s);
	qsort(out, (size_t)n, sizeof *out, cmp_ranked);
	return n;
}

static int e_rank(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	ranked r[512];
	int64_t sc[512];
	int rank[512];
	int rc = aw_round_compute(c, id); /* the guard computed too; a rule's step (workflow_apply) runs no guard */
	if (rc)
		return rc;
	int n = load_ranked(c, id, r, 512);
	if (n < 0)
		return ctx_internal(c, "award rank", db_errmsg(c->db));
	for (int i = 0; i < n; i++)
		sc[i] = r[i].total;
	aw_rank(sc, n, rank);
	for (int i = 0; i < n; i++)
		if (crud_set1(c, &aw_ent_applications, r[i].id, "rank", "rank", json_integer(rank[i])) != DB_OK)
			return ctx_internal(c, "award rank", db_errmsg(c->db));
	return 0;
}

static void round_levels(const json_t *row, aw_level lv[2])
{
	lv[0] = (aw_level){"award", (int)aw_int(row, "award_places"), aw_int(row, "award_fen"),
			   aw_int(row, "award_min") * 100};
	lv[1] = (aw_level){"nomination", (int)aw_int(row, "nomination_places"), aw_int(row, "nomination_fen"),
			   aw_int(row, "nomination_min") * 100};
}

/* The decision: prizes down the ranking within the budget (aw_allocate). */
static int e_decide(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	ranked r[512];
	int64_t sc[512];
	aw_alloc al[512];
	int n = load_ranked(c, id, r, 512), refused = 0;
	if (n < 0)
		return ctx_internal(c, "award decide", db_errmsg(c->db));
	for (int i = 0; i < n; i++)
		sc[i] = r[i].total;
	aw_level lv[2];
	round_levels(row, lv);
	int64_t budget = aw_int(row, "budget_fen");
	int64_t total = aw_allocate(sc, n, lv, 2, budget, al, &refused);
	for (int i = 0; i < n; i++) {
		json_t *f = json_pack("{s:s, s:I}", "level", al[i].level < 0 ? "none" : lv[al[i].level].code,
				      "prize_fen", (json_int_t)al[i].amount);
		int rc = crud_set_fields(c, &aw_ent_applications, r[i].id, f, "decide");
		json_decref(f);
		if (rc != DB_OK)
			return ctx_internal(c, "award decide", db_errmsg(c->db));
	}
	char note[400], ty[48], by[48];
	num_yuan(total, ty, sizeof ty), num_yuan(budget, by, sizeof by);
	if (refused)
		snprintf(
			note, sizeof note,
			"奖金合计 %s 元，预算 %s 元；%d 家按排名应获奖但预算不足，未予安排 / prizes %s yuan of a budget of %s "
			"yuan; %d applicant(s) ranked for a prize got none: the budget had no room",
			ty, by, refused, ty, by, refused);
	else
		snprintf(note, sizeof note,
			 "奖金合计 %s 元，未超出预算 %s 元 / prizes %s yuan, within the budget of %s yuan", ty, by, ty,
			 by);
	json_t *f = json_pack("{s:I, s:s}", "allocated_fen", (json_int_t)total, "allocation_note", note);
	int rc = crud_set_fields(c, e, id, f, "decide");
	json_decref(f);
	return rc == DB_OK ? 0 : ctx_internal(c, "award decide", db_errmsg(c->db));
}

static int e_notice(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return crud_set1(c, e, id, "publish", "notice_from", json_string(c->today)) == DB_OK
		       ? 0
		       : ctx_internal(c, "award notice", db_errmsg(c->db));
}

/* The final award closes every application of the round. */
static int e_final(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t ids[1024];
	int n = 0;
	db_stmt *s;
	if (db_prepare(c->db, "SELECT id FROM aw_applications WHERE round_id = ? AND deleted = 0 AND " RUNNING, &s) !=
	    DB_OK)
		return ctx_internal(c, "award final", db_errmsg(c->db));
	db_bind_int(s, 1, id);
	while (db_step(s) == DB_ROW && n < 1024)
		ids[n++] = db_col_int(s, 0);
	db_finalize(s);
	for (int i = 0; i < n; i++) {
		int rc = workflow_apply(c, &aw_ent_applications, ids[i], "conclude", NULL, "final");
		if (rc)
			return rc;
	}
	return 0;
}

static void round_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	static const struct {
		const char *k;
		int v;
	} dflt[] = {{"spread_threshold", 30}, {"min_years", 3}, {"violation_years", 3}, {"trim_n", 1}};
	for (size_t i = 0; i < sizeof dflt / sizeof dflt[0]; i++)
		if (!json_is_integer(json_object_get(row, dflt[i].k)))
			json_object_set_new(row, dflt[i].k, json_integer(dflt[i].v));
	if (!aw_str(row, "aggregation"))
		json_object_set_new(row, "aggregation", json_string("mean"));
}

/* The prize levels at full places must fit the budget: an allocation that
 * could exceed it is refused when it is set, not discovered when paid. */
static void round_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	aw_level lv[2];
	round_levels(row, lv);
	int64_t cost = aw_levels_cost(lv, 2), budget = aw_int(row, "budget_fen");
	if (cost < 0 || cost > budget) {
		char zh[200], en[200];
		snprintf(zh, sizeof zh, "奖励名额×奖金合计 %lld.%02lld 元，超出奖励预算 %lld.%02lld 元",
			 (long long)(cost / 100), (long long)(cost % 100), (long long)(budget / 100),
			 (long long)(budget % 100));
		snprintf(en, sizeof en, "places × prizes come to %lld.%02lld yuan, over the budget of %lld.%02lld yuan",
			 (long long)(cost / 100), (long long)(cost % 100), (long long)(budget / 100),
			 (long long)(budget % 100));
		crud_field_error(c, errors, "budget_fen", FE_BUDGET, zh, en);
	}
	if (aw_int(row, "nomination_fen") > aw_int(row, "award_fen") && aw_int(row, "nomination_places"))
		crud_field_error(c, errors, "nomination_fen", FE_RANGE, "提名奖奖金不应高于质量奖奖金",
				 "a nomination cannot pay more than the award");
}

static const entity_hooks round_hooks = {.prepare = round_prepare, .validate = round_validate};

/* clang-format off */
static const wf_state round_states[] = {
	{"call", "发布征集", "Call"},                {"open", "申报中", "Applications open"},
	{"review", "资料评审", "Document review"},   {"site_visit", "现场评审", "Site visits"},
	{"consensus", "合议", "Consensus"},          {"ranked", "已排名", "Ranked"},
	{"decided", "已决定", "Decided"},            {"notice", "公示中", "Public notice"},
	{"final", "已确定", "Final"},                {"paid", "奖金已兑现", "Paid", 1},
};

static const wf_transition round_steps[] = {
	{"open_applications", "开始受理申报", "Open applications", "call", "open", .requires = "call_on,closes_on",
	 .deadline = "applications_close", .dl_unit = DL_CALENDAR_DAYS, .dl_n = 30},
	{"close_applications", "截止申报，开始资料评审", "Close applications", "open", "review",
	 .deadline = "review_due", .dl_unit = DL_WORKING_DAYS, .dl_n = 20},
	{"start_visits", "开始现场评审", "Start site visits", "review", "site_visit",
	 .deadline = "visits_due", .dl_unit = DL_WORKING_DAYS, .dl_n = 20},
	{"start_consensus", "汇总评分，召开合议", "Consensus meeting", "site_visit", "consensus", .guard = g_consensus,
	 .on_enter = e_compute, .deadline = "consensus_due", .dl_unit = DL_WORKING_DAYS, .dl_n = 10},
	{"rank", "形成排名", "Rank", "consensus", "ranked", .guard = g_rank, .on_enter = e_rank},
	{"decide", "评审委员会决定", "Decide", "ranked", "decided", .requires = "decision_no", .on_enter = e_decide},
	{"publish", "公示", "Publish the notice", "decided", "notice", .on_enter = e_notice,
	 .deadline = "notice_ends", .dl_unit = DL_DAYS_ROLL, .dl_n = 7},
	{"finalize", "公示期满，确定获奖", "Finalize", "notice", "final", .requires = "objections", .on_enter = e_final},
	{"pay", "兑现奖金", "Pay the prizes", "final", "paid", .requires = "paid_on",
	 .deadline = NULL},
};
/* clang-format on */

static const workflow_def round_workflow = {"call", round_states, ZJ_COUNT(round_states), round_steps,
					    ZJ_COUNT(round_steps)};

/* GET /api/v1/award_rounds/{id}/actions/ranking */
static int act_ranking(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *r = aw_ranking(c, id, 0);
	if (!r)
		return ctx_failed(c) ? c->status : ctx_problem(c, PROB_NOT_FOUND, NULL);
	out->json = r;
	return 200;
}

static const entity_action round_actions[] = {
	{"ranking", "GET", "award_rounds.read", 1, act_ranking},
};

/* clang-format off */
static const field_def round_fields[] = {
	{"year", FT_INT, "年度", "Year", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER | F_SORT, .min = 2000, .max = 2100},
	{"title", FT_TEXT, "名称", "Title", F_REQUIRED | F_LIST | F_SEARCH, 4, 100},
	{"budget_fen", FT_MONEY, "奖励预算", "Prize budget", F_REQUIRED | F_LIST, .min = 100000000, .max = 100000000000LL,
	 .help_zh = "政府质量奖每年不少于 100 万元", .help_en = "at least 1,000,000 yuan a year"},
	{"aggregation", FT_DICT, "专家评分汇总方式", "Aggregation", F_REQUIRED | F_FILLED, .dict = "aw_aggregation"},
	{"trim_n", FT_INT, "去掉最高、最低各几个", "Trimmed at each end", F_FILLED, .min = 0, .max = 3},
	{"spread_threshold", FT_INT, "分歧阈值（百分点）", "Disagreement threshold (points of band)", F_REQUIRED | F_FILLED,
	 .min = 5, .max = 100, .unit = "%", .help_zh = "同一条款专家评分比例相差超过此值，须合议",
	 .help_en = "an item whose experts' bands differ by more goes to the consensus meeting"},
	{"min_years", FT_INT, "申报须成立满（年）", "Years in operation at least", F_REQUIRED | F_FILLED, .min = 0, .max = 50, .unit = "年"},
	{"violation_years", FT_INT, "无严重违法记录年限", "No serious violation within (years)", F_REQUIRED | F_FILLED, .min = 1, .max = 10, .unit = "年"},
	{"award_places", FT_INT, "质量奖名额", "Award places", F_REQUIRED, .min = 0, .max = 50},
	{"award_fen", FT_MONEY, "质量奖奖金（每家）", "Award prize (each)", F_REQUIRED, .min = 0, .max = 100000000000LL},
	{"award_min", FT_INT, "质量奖最低分", "Award minimum score", F_REQUIRED, .min = 0, .max = 1000, .unit = "分"},
	{"nomination_places", FT_INT, "提名奖名额", "Nomination places", F_REQUIRED, .min = 0, .max = 50},
	{"nomination_fen", FT_MONEY, "提名奖奖金（每家）", "Nomination prize (each)", F_REQUIRED, .min = 0, .max = 100000000000LL},
	{"nomination_min", FT_INT, "提名奖最低分", "Nomination minimum score", F_REQUIRED, .min = 0, .max = 1000, .unit = "分"},
	{"call_on", FT_DATE, "征集公告日期", "Call published on", 0},
	{"closes_on", FT_DATE, "申报截止日期", "Applications close on", 0},
	{"decision_no", FT_TEXT, "决定文号", "Decision no.", F_SEARCH, 0, 60},
	{"notice_from", FT_DATE, "公示开始日期", "Notice from", F_READONLY},
	{"objections", FT_TEXT, "公示异议及处理", "Objections and their handling", 0, 0, 2000},
	{"paid_on", FT_DATE, "奖金兑现日期", "Paid on", 0},
	{"allocated_fen", FT_MONEY, "已安排奖金", "Prizes allocated", F_READONLY | F_LIST},
	{"allocation_note", FT_TEXT, "奖金安排说明", "Allocation", F_READONLY, 0, 400},
};
/* clang-format on */

const entity_def aw_ent_rounds = {
	.name = "award_rounds",
	.table = "aw_rounds",
	.label_zh = "质量奖评选",
	.label_en = "Award rounds",
	.menu = "award",
	.fields = round_fields,
	.nfields = ZJ_COUNT(round_fields),
	.label_field = "title",
	.default_sort = "-year",
	.workflow = &round_workflow,
	.hooks = &round_hooks,
	.actions = round_actions,
	.nactions = ZJ_COUNT(round_actions),
	.no_delete = 1,
	.first_columns = "state,deadline,year,title,budget_fen,allocated_fen",
};
