/* widgets.c — the risk dashboards (issue 16 §7) beside the heat table and
 * the warnings by level (views.c): failure-rate trends per hazard with
 * their Wilson intervals, the watch list at a glance, and where the
 * risk-based plan's money goes against last year's spending. Every count is
 * SQL over the records in the reader's data scope (crud_scope_sql: a
 * district officer sees their district); rates are integer per-mille, the
 * interval's bounds rounded to per-mille from stats.c's Wilson function;
 * money is integer fen, with yuan written by num_yuan. */
#include "lib/num.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "modules/modules.h"
#include "modules/risk/risk.h"
#include "modules/risk/stats.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *pair(const char *zh, const char *en)
{
	return json_pack("{s:s, s:s}", "zh", zh ? zh : "", "en", en && *en ? en : (zh ? zh : ""));
}

static const char *qget(const void *kvlist, const char *k)
{
	const kv_list *q = kvlist;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v;
	return NULL;
}

/* k/n in per-mille, rounded half up; the Wilson 95 % bounds likewise. */
static void rate_pm(int64_t k, int64_t n, int64_t *rate, int64_t *lo, int64_t *hi)
{
	double l, h;
	*rate = (2000 * k + n) / (2 * n);
	rk_wilson(k, n, 1.96, &l, &h);
	*lo = (int64_t)floor(l * 1000.0 + 0.5);
	*hi = (int64_t)floor(h * 1000.0 + 0.5);
}

/* ---- trends per hazard ---- */

enum { TR_MAX_SERIES = 8, TR_MAX_PERIODS = 24 };

typedef struct trend_q {
	int quarter;    /* periods are quarters (8) instead of months (24) */
	int by_analyte; /* hazards are test items instead of their groups (analyte kinds) */
	int top;        /* the N hazards with most failing samples, when none is chosen */
	char *chosen[TR_MAX_SERIES];
	int nchosen;
} trend_q;

typedef struct hazard {
	char *code;
	json_t *label;
	int64_t n, k, pn[TR_MAX_PERIODS], pk[TR_MAX_PERIODS];
} hazard;

/* Periods: the 24 months (8 quarters) ending with today's. idx0 is the first
 * period's index (year × 12 + month - 1, or year × 4 + quarter - 1). */
static int period_count(const trend_q *q)
{
	return q->quarter ? 8 : 24;
}

static int period_of(const trend_q *q, const char *ym)
{
	int y = 0, m = 0;
	if (!ym || sscanf(ym, "%4d-%2d", &y, &m) != 2)
		return -1;
	return q->quarter ? y * 4 + (m - 1) / 3 : y * 12 + m - 1;
}

static void period_name(const trend_q *q, int idx, char *buf, size_t n)
{
	if (q->quarter)
		snprintf(buf, n, "%04d-Q%d", idx / 4 % 10000, idx % 4 + 1);
	else
		snprintf(buf, n, "%04d-%02d", idx / 12 % 10000, idx % 12 + 1);
}

static const char TREND_SQL_GROUP[] =
	"SELECT x.hz, MAX(d.label_zh), MAX(d.label_en), x.mon, COUNT(*), SUM(x.f) FROM (SELECT t.id, a.kind AS hz,"
	" substr(t.sampled_on, 1, 7) AS mon, MAX(CASE WHEN COALESCE(r.decided_verdict, r.verdict) = 'fail' THEN 1"
	" ELSE 0 END) AS f FROM results r JOIN samples t ON t.id = r.sample_id JOIN food_analytes a ON a.id ="
	" r.analyte_id WHERE r.deleted = 0 AND t.deleted = 0 AND t.final_conclusion IN ('pass', 'fail')"
	" AND t.sampled_on >= ? AND t.sampled_on <= ?";
static const char TREND_SQL_GROUP_END[] =
	" GROUP BY t.id, a.kind, substr(t.sampled_on, 1, 7)) x LEFT JOIN dict_items d ON d.dict = 'analyte_kind'"
	" AND d.code = x.hz AND d.deleted = 0 GROUP BY x.hz, x.mon";
static const char TREND_SQL_ANALYTE[] =
	"SELECT x.hz, MAX(a2.name), MAX(a2.name_en), x.mon, COUNT(*), SUM(x.f) FROM (SELECT t.id, a.code AS hz,"
	" substr(t.sampled_on, 1, 7) AS mon, MAX(CASE WHEN COALESCE(r.decided_verdict, r.verdict) = 'fail' THEN 1"
	" ELSE 0 END) AS f FROM results r JOIN samples t ON t.id = r.sample_id JOIN food_analytes a ON a.id ="
	" r.analyte_id WHERE r.deleted = 0 AND t.deleted = 0 AND t.final_conclusion IN ('pass', 'fail')"
	" AND t.sampled_on >= ? AND t.sampled_on <= ?";
static const char TREND_SQL_ANALYTE_END[] =
	" GROUP BY t.id, a.code, substr(t.sampled_on, 1, 7)) x JOIN food_analytes a2 ON a2.code = x.hz"
	" AND a2.deleted = 0 GROUP BY x.hz, x.mon";

static hazard *hazard_of(hazard **hz, int *nhz, int *cap, const char *code, db_stmt *s)
{
	for (int i = 0; i < *nhz; i++)
		if (!strcmp((*hz)[i].code, code))
			return &(*hz)[i];
	if (*nhz == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		hazard *w = realloc(*hz, sizeof(hazard) * (size_t)*cap);
		if (!w)
			return NULL;
		*hz = w;
	}
	hazard *h = &(*hz)[(*nhz)++];
	memset(h, 0, sizeof *h);
	h->code = xstrdup(code);
	h->label = pair(db_col_text(s, 1) ? db_col_text(s, 1) : code, db_col_text(s, 2));
	return h;
}

static void hazards_free(hazard *hz, int n)
{
	for (int i = 0; i < n; i++)
		free(hz[i].code), json_decref(hz[i].label);
	free(hz);
}

/* Most failing samples first, then most tested, then by code: the same order every time. */
static int hazard_cmp(const void *a, const void *b)
{
	const hazard *x = a, *y = b;
	if (x->k != y->k)
		return x->k > y->k ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->code, y->code);
}

static json_t *series_of(const trend_q *q, const hazard *h, int idx0, int64_t min_n)
{
	json_t *pts = json_array();
	for (int i = 0; i < period_count(q); i++) {
		char name[16];
		period_name(q, idx0 + i, name, sizeof name);
		json_t *p = json_pack("{s:s, s:I, s:I}", "period", name, "n", (json_int_t)h->pn[i], "k",
				      (json_int_t)h->pk[i]);
		if (h->pn[i] >= min_n && h->pn[i] > 0) { /* a smaller period means nothing: no rate */
			int64_t r, lo, hi;
			rate_pm(h->pk[i], h->pn[i], &r, &lo, &hi);
			json_object_set_new(p, "rate_pm", json_integer(r));
			json_object_set_new(p, "lo_pm", json_integer(lo));
			json_object_set_new(p, "hi_pm", json_integer(hi));
		}
		json_array_append_new(pts, p);
	}
	return json_pack("{s:s, s:O, s:I, s:I, s:o}", "code", h->code, "label", h->label, "n", (json_int_t)h->n, "k",
			 (json_int_t)h->k, "points", pts);
}

/* Whether a hazard code exists: a group of the analyte_kind dictionary or a test item. */
static int hazard_known(zj_ctx *c, int by_analyte, const char *code)
{
	const char *p[] = {code};
	return db_query_int(c->db,
			    by_analyte ? "SELECT COUNT(*) FROM food_analytes WHERE code = ? AND deleted = 0"
				       : "SELECT COUNT(*) FROM dict_items WHERE dict = 'analyte_kind' AND code = ?"
					 " AND deleted = 0",
			    1, p, 0) > 0;
}

/* The label of a hazard chosen without samples in the window. */
static json_t *hazard_label(zj_ctx *c, int by_analyte, const char *code)
{
	db_stmt *s;
	json_t *l = NULL;
	if (db_prepare(c->db,
		       by_analyte ? "SELECT name, name_en FROM food_analytes WHERE code = ? AND deleted = 0"
				  : "SELECT label_zh, label_en FROM dict_items WHERE dict = 'analyte_kind' AND code = ?"
				    " AND deleted = 0",
		       &s) == DB_OK) {
		db_bind_text(s, 1, code);
		if (db_step(s) == DB_ROW)
			l = pair(db_col_text(s, 0), db_col_text(s, 1));
		db_finalize(s);
	}
	return l ? l : pair(code, NULL);
}

/* The trends over the reader's scope of risk_signals.read, or NULL (500 set). */
static json_t *trends(zj_ctx *c, const trend_q *q)
{
	int y = 0, m = 0;
	sscanf(c->today, "%4d-%2d", &y, &m);
	int last = q->quarter ? y * 4 + (m - 1) / 3 : y * 12 + m - 1, idx0 = last - period_count(q) + 1;
	char from[16];
	if (q->quarter)
		snprintf(from, sizeof from, "%04d-%02d-01", idx0 / 4 % 10000, idx0 % 4 * 3 + 1);
	else
		snprintf(from, sizeof from, "%04d-%02d-01", idx0 / 12 % 10000, idx0 % 12 + 1);
	int64_t min_n = rk_param(c, "min_cell", 10);
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, q->by_analyte ? TREND_SQL_ANALYTE : TREND_SQL_GROUP);
	json_t *params = json_pack("[s,s]", from, c->today);
	crud_scope_sql(c, &rk_ent_signals, ctx_scope(c, "risk_signals.read"), &sql, params);
	sb_add(&sql, q->by_analyte ? TREND_SQL_ANALYTE_END : TREND_SQL_GROUP_END);
	hazard *hz = NULL;
	int nhz = 0, cap = 0;
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			const char *code = db_col_text(s, 0);
			int p = period_of(q, db_col_text(s, 3)) - idx0;
			hazard *h = code ? hazard_of(&hz, &nhz, &cap, code, s) : NULL;
			if (!h || p < 0 || p >= period_count(q))
				continue;
			h->n += db_col_int(s, 4), h->k += db_col_int(s, 5);
			h->pn[p] += db_col_int(s, 4), h->pk[p] += db_col_int(s, 5);
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) {
		hazards_free(hz, nhz);
		ctx_internal(c, "risk trends", db_errmsg(c->db));
		return NULL;
	}
	if (nhz)
		qsort(hz, (size_t)nhz, sizeof *hz, hazard_cmp);
	json_t *all = json_array(), *series = json_array(), *periods = json_array();
	for (int i = 0; i < nhz; i++)
		json_array_append_new(all, json_pack("{s:s, s:O, s:I, s:I}", "code", hz[i].code, "label", hz[i].label,
						     "n", (json_int_t)hz[i].n, "k", (json_int_t)hz[i].k));
	if (q->nchosen) { /* in the order chosen; a hazard without samples in the window: an empty series */
		for (int j = 0; j < q->nchosen; j++) {
			int found = 0;
			for (int i = 0; i < nhz && !found; i++)
				if (!strcmp(hz[i].code, q->chosen[j]))
					json_array_append_new(series, series_of(q, &hz[i], idx0, min_n)), found = 1;
			if (!found) {
				hazard none = {.code = q->chosen[j],
					       .label = hazard_label(c, q->by_analyte, q->chosen[j])};
				json_array_append_new(series, series_of(q, &none, idx0, min_n));
				json_decref(none.label);
			}
		}
	} else
		for (int i = 0; i < nhz && i < q->top; i++)
			if (hz[i].k > 0) /* a hazard that never failed has no trend to watch */
				json_array_append_new(series, series_of(q, &hz[i], idx0, min_n));
	for (int i = 0; i < period_count(q); i++) {
		char name[16];
		period_name(q, idx0 + i, name, sizeof name);
		json_array_append_new(periods, json_string(name));
	}
	hazards_free(hz, nhz);
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:o}", "from", from, "to", c->today, "period",
			 q->quarter ? "quarter" : "month", "by", q->by_analyte ? "analyte" : "group", "min_cell",
			 (json_int_t)min_n, "interval", "Wilson 95%", "periods", periods, "hazards", all, "series",
			 series);
}

static void trend_q_free(trend_q *q)
{
	for (int i = 0; i < q->nchosen; i++)
		free(q->chosen[i]);
}

/* ?period=month|quarter&by=group|analyte&top=1..8&hazards=code,code (at most 8). */
static int trend_parse(zj_ctx *c, const void *qs, trend_q *q, json_t *errors)
{
	const char *period = qget(qs, "period"), *by = qget(qs, "by"), *top = qget(qs, "top"),
		   *chosen = qget(qs, "hazards");
	q->top = 3;
	if (period && strcmp(period, "month") && strcmp(period, "quarter"))
		crud_field_error(c, errors, "period", FE_QUERY, "统计周期应为 month（月）或 quarter（季度）",
				 "period must be month or quarter");
	q->quarter = period && !strcmp(period, "quarter");
	if (by && strcmp(by, "group") && strcmp(by, "analyte"))
		crud_field_error(c, errors, "by", FE_QUERY, "危害因素应按 group（类别）或 analyte（检验项目）",
				 "by must be group or analyte");
	q->by_analyte = by && !strcmp(by, "analyte");
	if (top) {
		char *end = NULL;
		long n = strtol(top, &end, 10);
		if (!*top || *end || n < 1 || n > TR_MAX_SERIES)
			crud_field_error(c, errors, "top", FE_QUERY, "显示数量应为 1～8 的整数",
					 "top must be a whole number from 1 to 8");
		else
			q->top = (int)n;
	}
	if (!chosen || !*chosen)
		return 0;
	char *list = xstrdup(chosen), *save = NULL;
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (q->nchosen == TR_MAX_SERIES) {
			crud_field_error(c, errors, "hazards", FE_QUERY, "最多选择 8 个危害因素",
					 "choose at most 8 hazards");
			break;
		}
		if (!hazard_known(c, q->by_analyte, t)) {
			char zh[200], en[200];
			snprintf(zh, sizeof zh, "没有这个危害因素：%.60s", t);
			snprintf(en, sizeof en, "no such hazard: %.60s", t);
			crud_field_error(c, errors, "hazards", FE_QUERY, zh, en);
			break;
		}
		q->chosen[q->nchosen++] = xstrdup(t);
	}
	free(list);
	return 0;
}

/* GET /api/v1/risk_signals/actions/trends — the widget's figures for other hazards or periods. */
int rk_signals_trends(zj_ctx *c, const entity_def *e, int64_t id, const void *qs, json_t *body, action_result *out)
{
	trend_q q = {0};
	json_t *errors = json_array();
	trend_parse(c, qs, &q, errors);
	if (json_array_size(errors)) {
		trend_q_free(&q);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	out->json = trends(c, &q);
	trend_q_free(&q);
	return out->json ? 200 : c->status ? c->status : 500;
}

json_t *rk_widget_trends(zj_ctx *c)
{
	if (!ctx_scope(c, "risk_signals.read"))
		return NULL;
	trend_q q = {.top = 3};
	json_t *w = trends(c, &q);
	if (!w)
		return NULL;
	json_object_set_new(w, "id", json_string("risk_hazard_trends"));
	json_object_set_new(w, "kind", json_string("risk_trend"));
	json_object_set_new(w, "title",
			    pair("各危害因素不合格率趋势（近 24 个月，Wilson 95% 区间）",
				 "Failure rate by hazard (last 24 months, Wilson 95% interval)"));
	return w;
}

/* ---- the watch list ---- */

/* Why an entry is on the list: the kind of the signal that put it there. */
static const struct {
	const char *code, *zh, *en;
} reasons[] = {{"recurrence", "企业12个月内再次不合格", "Failed again within 12 months"},
	       {"producer", "生产者多地不合格", "Producer failing in several districts"},
	       {"manual", "人工列入", "Added by hand"}};

static json_t *state_label(const char *state)
{
	const workflow_def *w = rk_ent_watch.workflow;
	for (int i = 0; i < w->nstates; i++)
		if (!strcmp(w->states[i].name, state))
			return pair(w->states[i].label_zh, w->states[i].label_en);
	return pair(state, NULL);
}

static json_t *reason_label(const char *code)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (!strcmp(reasons[i].code, code))
			return pair(reasons[i].zh, reasons[i].en);
	return pair("其他信号", "Another signal");
}

/* Counts by state × reason and the entries of this year. */
static int watch_counts(zj_ctx *c, unsigned sc, const char *year_from, json_t *rows, int64_t fig[4])
{
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.state, CASE WHEN g.kind IN ('recurrence', 'producer') THEN g.kind WHEN g.kind IS NULL"
		     " THEN 'manual' ELSE 'other' END, COUNT(*), SUM(CASE WHEN t.entered_on >= ? THEN 1 ELSE 0 END)"
		     " FROM risk_watch t LEFT JOIN risk_signals g ON g.id = t.signal_id WHERE t.deleted = 0");
	json_t *params = json_pack("[s]", year_from);
	crud_scope_sql(c, &rk_ent_watch, sc, &sql, params);
	sb_add(&sql, " GROUP BY t.state, CASE WHEN g.kind IN ('recurrence', 'producer') THEN g.kind WHEN g.kind IS NULL"
		     " THEN 'manual' ELSE 'other' END ORDER BY 1, 2");
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			const char *st = db_col_text(s, 0) ? db_col_text(s, 0) : "", *why = db_col_text(s, 1);
			int64_t n = db_col_int(s, 2);
			if (!strcmp(st, "listed") || !strcmp(st, "petitioned"))
				fig[0] += n;
			if (!strcmp(st, "petitioned"))
				fig[2] += n;
			fig[1] += db_col_int(s, 3);
			json_array_append_new(rows, json_pack("{s:s, s:o, s:s, s:o, s:I}", "state", st, "state_label",
							      state_label(st), "reason", why, "reason_label",
							      reason_label(why), "count", (json_int_t)n));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

/* Entries still on the list: those waiting on a petition, and those that
 * meet the exit rule (release_guard's: at least watch_exit_n conforming
 * samples since entry, none failing) but have not been released. */
static int watch_items(zj_ctx *c, unsigned sc, json_t *petitions, json_t *due, int64_t *ndue)
{
	int64_t need = rk_param(c, "watch_exit_n", 3);
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.id, e.name, t.state, t.entered_on, t.petition_on, (SELECT COUNT(*) FROM samples s"
		     " WHERE s.deleted = 0 AND s.enterprise_id = t.enterprise_id AND s.sampled_on >= t.entered_on"
		     " AND s.final_conclusion = 'pass'), (SELECT COUNT(*) FROM samples s WHERE s.deleted = 0"
		     " AND s.enterprise_id = t.enterprise_id AND s.sampled_on >= t.entered_on"
		     " AND s.final_conclusion = 'fail') FROM risk_watch t JOIN enterprises e ON e.id = t.enterprise_id"
		     " WHERE t.deleted = 0 AND t.state IN ('listed', 'petitioned')");
	json_t *params = json_array();
	crud_scope_sql(c, &rk_ent_watch, sc, &sql, params);
	sb_add(&sql, " ORDER BY t.entered_on, t.id");
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			const char *st = db_col_text(s, 2) ? db_col_text(s, 2) : "";
			int64_t pass = db_col_int(s, 5), fail = db_col_int(s, 6);
			int is_due = pass >= need && fail == 0;
			if (strcmp(st, "petitioned") && !is_due)
				continue;
			json_t *it =
				json_pack("{s:s, s:I, s:s, s:s, s:o, s:s, s:I, s:I}", "entity", "risk_watch", "id",
					  (json_int_t)db_col_int(s, 0), "enterprise",
					  db_col_text(s, 1) ? db_col_text(s, 1) : "", "state", st, "state_label",
					  state_label(st), "entered_on", db_col_text(s, 3) ? db_col_text(s, 3) : "",
					  "passed", (json_int_t)pass, "failed", (json_int_t)fail);
			if (db_col_text(s, 4))
				json_object_set_new(it, "petition_on", json_string(db_col_text(s, 4)));
			if (is_due) {
				(*ndue)++;
				if (json_array_size(due) < 20)
					json_array_append(due, it);
			}
			if (!strcmp(st, "petitioned") && json_array_size(petitions) < 20)
				json_array_append(petitions, it);
			json_decref(it);
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

json_t *rk_widget_watch(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "risk_watch.read");
	if (!sc)
		return NULL;
	char year_from[16];
	snprintf(year_from, sizeof year_from, "%.4s-01-01", c->today);
	int64_t fig[4] = {0}, ndue = 0; /* on the list, entered this year, petitions pending */
	json_t *rows = json_array(), *petitions = json_array(), *due = json_array();
	if (watch_counts(c, sc, year_from, rows, fig) != DB_OK || watch_items(c, sc, petitions, due, &ndue) != DB_OK) {
		json_decref(rows), json_decref(petitions), json_decref(due);
		ctx_internal(c, "risk watch widget", db_errmsg(c->db));
		return NULL;
	}
	return json_pack("{s:s, s:s, s:o, s:I, s:I, s:I, s:I, s:I, s:s, s:o, s:o, s:o}", "id", "risk_watch_list",
			 "kind", "risk_watch", "title",
			 pair("重点监管名单（加严抽检）", "Watch list (intensified sampling)"), "on_list",
			 (json_int_t)fig[0], "entered_this_year", (json_int_t)fig[1], "petitions_pending",
			 (json_int_t)fig[2], "exit_due", (json_int_t)ndue, "exit_rule_n",
			 (json_int_t)rk_param(c, "watch_exit_n", 3), "year_from", year_from, "rows", rows, "petitions",
			 petitions, "exit_due_items", due);
}

/* ---- where the plan's money goes ---- */

static json_t *money(int64_t fen)
{
	char y[40];
	num_yuan(fen, y, sizeof y);
	return json_string(y);
}

typedef struct money_cell {
	int64_t juris, cat, batches, plan, actual;
} money_cell;

typedef struct money_acc {
	money_cell *v;
	int n, cap;
	json_t *dists, *cats; /* id → {zh, en} */
} money_acc;

static money_cell *cell_at(money_acc *a, int64_t j, int64_t cat)
{
	for (int i = 0; i < a->n; i++)
		if (a->v[i].juris == j && a->v[i].cat == cat)
			return &a->v[i];
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		money_cell *w = realloc(a->v, sizeof(money_cell) * (size_t)a->cap);
		if (!w)
			return NULL;
		a->v = w;
	}
	a->v[a->n] = (money_cell){.juris = j, .cat = cat};
	return &a->v[a->n++];
}

/* Adds rows (juris, juris name, en, cat, cat name, en, batches, fen) to the plan or actual side. */
static int money_rows(zj_ctx *c, money_acc *a, strbuf *sql, json_t *params, int actual)
{
	db_stmt *s;
	int rc = db_prepare(c->db, sql->s, &s);
	if (rc != DB_OK)
		return rc;
	crud_bind_params(s, params, 1);
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		char jk[24], ck[24];
		snprintf(jk, sizeof jk, "%lld", (long long)db_col_int(s, 0));
		snprintf(ck, sizeof ck, "%lld", (long long)db_col_int(s, 3));
		json_object_set_new(a->dists, jk, pair(db_col_text(s, 1), db_col_text(s, 2)));
		json_object_set_new(a->cats, ck, pair(db_col_text(s, 4), db_col_text(s, 5)));
		money_cell *m = cell_at(a, db_col_int(s, 0), db_col_int(s, 3));
		if (!m)
			break;
		if (actual)
			m->actual += db_col_int(s, 7);
		else
			m->batches += db_col_int(s, 6), m->plan += db_col_int(s, 7);
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

/* The plan's lines by district × category, and last year's spending: each
 * sample drawn that year under a plan line at that line's cost per batch. */
static int money_load(zj_ctx *c, unsigned sc, int64_t plan_id, int64_t year, money_acc *a)
{
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.jurisdiction_id, j.name, j.name_en, t.category_id, fc.name, fc.name_en, SUM(t.batches),"
		     " SUM(t.subtotal) FROM plan_items t JOIN jurisdictions j ON j.id = t.jurisdiction_id"
		     " JOIN food_categories fc ON fc.id = t.category_id WHERE t.deleted = 0 AND t.plan_id = ?");
	json_t *params = json_pack("[I]", (json_int_t)plan_id);
	crud_scope_sql(c, registry_find("plan_items"), sc, &sql, params);
	sb_add(&sql, " GROUP BY t.jurisdiction_id, j.name, j.name_en, t.category_id, fc.name, fc.name_en");
	int rc = money_rows(c, a, &sql, params, 0);
	json_decref(params), sb_free(&sql);
	if (rc != DB_OK)
		return rc;
	char from[32], to[32];
	snprintf(from, sizeof from, "%04lld-01-01", (long long)(year - 1));
	snprintf(to, sizeof to, "%04lld-12-31", (long long)(year - 1));
	sb_init(&sql);
	sb_add(&sql, "SELECT i.jurisdiction_id, j.name, j.name_en, i.category_id, fc.name, fc.name_en, COUNT(*),"
		     " SUM(i.cost_per_batch) FROM samples t JOIN sampling_tasks k ON k.id = t.task_id"
		     " JOIN plan_items i ON i.id = k.plan_item_id AND i.deleted = 0 JOIN jurisdictions j ON j.id ="
		     " i.jurisdiction_id JOIN food_categories fc ON fc.id = i.category_id WHERE t.deleted = 0"
		     " AND t.state <> 'cancelled' AND t.sampled_on >= ? AND t.sampled_on <= ?");
	params = json_pack("[s,s]", from, to);
	crud_scope_sql(c, registry_find("plan_items"), sc, &sql, params); /* the sample's district */
	sb_add(&sql, " GROUP BY i.jurisdiction_id, j.name, j.name_en, i.category_id, fc.name, fc.name_en");
	rc = money_rows(c, a, &sql, params, 1);
	json_decref(params), sb_free(&sql);
	return rc;
}

static json_t *money_sums(money_acc *a, int by_cat, json_t *names)
{
	json_t *out = json_array();
	const char *key;
	json_t *label;
	json_object_foreach (names, key, label) {
		int64_t id = strtoll(key, NULL, 10), b = 0, p = 0, x = 0;
		for (int i = 0; i < a->n; i++)
			if ((by_cat ? a->v[i].cat : a->v[i].juris) == id)
				b += a->v[i].batches, p += a->v[i].plan, x += a->v[i].actual;
		json_array_append_new(out,
				      json_pack("{s:I, s:O, s:I, s:I, s:o, s:I, s:o}", "id", (json_int_t)id, "name",
						label, "batches", (json_int_t)b, "plan_fen", (json_int_t)p, "plan_yuan",
						money(p), "actual_fen", (json_int_t)x, "actual_yuan", money(x)));
	}
	return out;
}

json_t *rk_widget_money(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "plan_items.read");
	if (!sc)
		return NULL;
	json_t *w = json_pack("{s:s, s:s, s:o}", "id", "risk_plan_money", "kind", "risk_money", "title",
			      pair("基于风险的抽检计划经费分布（按区域、食品类别）",
				   "Where the risk-based plan's money goes (district × food category)"));
	db_stmt *s;
	int64_t plan_id = 0, year = 0;
	int rc = db_prepare(c->db,
			    "SELECT id, code, name, year FROM food_plans WHERE deleted = 0 AND code LIKE 'RB%'"
			    " ORDER BY id DESC LIMIT 1",
			    &s);
	if (rc == DB_OK) {
		rc = db_step(s);
		if (rc == DB_ROW) {
			plan_id = db_col_int(s, 0), year = db_col_int(s, 3);
			json_object_set_new(w, "plan",
					    json_pack("{s:s, s:I, s:s, s:s, s:I}", "entity", "food_plans", "id",
						      (json_int_t)plan_id, "code", db_col_text(s, 1), "name",
						      db_col_text(s, 2), "year", (json_int_t)year));
			rc = DB_DONE;
		}
		db_finalize(s);
	}
	if (rc != DB_DONE) {
		json_decref(w);
		ctx_internal(c, "risk money widget", db_errmsg(c->db));
		return NULL;
	}
	if (!plan_id) /* no risk-based plan drafted yet: the console says so */
		return w;
	money_acc a = {.dists = json_object(), .cats = json_object()};
	if (money_load(c, sc, plan_id, year, &a) != DB_OK) {
		free(a.v), json_decref(a.dists), json_decref(a.cats), json_decref(w);
		ctx_internal(c, "risk money widget", db_errmsg(c->db));
		return NULL;
	}
	json_t *cells = json_array();
	int64_t plan = 0, actual = 0, batches = 0;
	for (int i = 0; i < a.n; i++) {
		money_cell *m = &a.v[i];
		plan += m->plan, actual += m->actual, batches += m->batches;
		json_array_append_new(cells, json_pack("{s:I, s:I, s:I, s:I, s:o, s:I, s:o}", "jurisdiction_id",
						       (json_int_t)m->juris, "category_id", (json_int_t)m->cat,
						       "batches", (json_int_t)m->batches, "plan_fen",
						       (json_int_t)m->plan, "plan_yuan", money(m->plan), "actual_fen",
						       (json_int_t)m->actual, "actual_yuan", money(m->actual)));
	}
	json_object_set_new(w, "compare_year", json_integer(year - 1));
	json_object_set_new(w, "batches", json_integer(batches));
	json_object_set_new(w, "plan_fen", json_integer(plan));
	json_object_set_new(w, "plan_yuan", money(plan));
	json_object_set_new(w, "actual_fen", json_integer(actual));
	json_object_set_new(w, "actual_yuan", money(actual));
	json_object_set_new(w, "districts", money_sums(&a, 0, a.dists));
	json_object_set_new(w, "categories", money_sums(&a, 1, a.cats));
	json_object_set_new(w, "cells", cells);
	free(a.v), json_decref(a.dists), json_decref(a.cats);
	return w;
}
