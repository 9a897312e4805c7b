/* plan.c — the heat table (category × district failure rates with Wilson
 * intervals; cells under the minimum size show no rate) and the risk-based
 * plan: the allocator (alloc.c) over category × district × link cells with
 * the last 12 months as history, written as a draft plan of the food area
 * (food_plans and plan_items through the core), each cell explained. */
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "modules/modules.h"
#include "modules/risk/alloc.h"
#include "modules/risk/risk.h"
#include "modules/risk/stats.h"
#include <stdlib.h>
#include <string.h>

static const char *const links[] = {"production", "distribution", "catering", "online"};
enum { NLINK = 4 };

/* The first day of the 12-month window ending today. */
static void window_start(zj_ctx *c, char out[11])
{
	int y = 0, m = 0;
	sscanf(c->today, "%4d-%2d", &y, &m);
	int idx = y * 12 + m - 1 - (int)rk_param(c, "window_months", 12) + 1;
	if (idx < 0)
		idx = 0;
	char b[32];
	snprintf(b, sizeof b, "%04d-%02d-01", idx / 12 % 10000, idx % 12 + 1);
	memcpy(out, b, 11);
	out[10] = 0;
}

static json_t *name_pair(db_stmt *s, int zh, int en)
{
	const char *e = db_col_text(s, en);
	return json_pack("{s:s, s:s}", "zh", db_col_text(s, zh) ? db_col_text(s, zh) : "", "en",
			 e && *e ? e : (db_col_text(s, zh) ? db_col_text(s, zh) : ""));
}

int rk_signals_heat(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	char from[11];
	window_start(c, from);
	int64_t min_n = rk_param(c, "min_cell", 10);
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.category_id, fc.name, fc.name_en, t.jurisdiction_id, j.name, COUNT(*),"
		     " SUM(CASE WHEN t.final_conclusion = 'fail' THEN 1 ELSE 0 END)"
		     " FROM (SELECT COALESCE(s.category_id, s.food_id) AS category_id, s.jurisdiction_id,"
		     " s.final_conclusion FROM samples s WHERE s.deleted = 0 AND s.final_conclusion IN ('pass', 'fail')"
		     " AND s.sampled_on >= ?) t JOIN food_categories fc ON fc.id = t.category_id"
		     " JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE 1 = 1");
	json_t *params = json_pack("[s]", from);
	crud_scope_sql(c, e, ctx_scope(c, "risk_signals.read"), &sql, params);
	sb_add(&sql, " GROUP BY t.category_id, fc.name, fc.name_en, t.jurisdiction_id, j.name"
		     " ORDER BY fc.name, j.name");
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	json_t *cells = json_array(), *cats = json_object(), *dists = json_object();
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			int64_t n = db_col_int(s, 5), k = db_col_int(s, 6);
			char ck[24], dk[24];
			snprintf(ck, sizeof ck, "%lld", (long long)db_col_int(s, 0));
			snprintf(dk, sizeof dk, "%lld", (long long)db_col_int(s, 3));
			json_object_set_new(cats, ck, name_pair(s, 1, 2));
			json_object_set_new(dists, dk, name_pair(s, 4, 4));
			json_t *cell = json_pack("{s:I, s:I, s:I, s:I}", "category_id", (json_int_t)db_col_int(s, 0),
						 "jurisdiction_id", (json_int_t)db_col_int(s, 3), "n", (json_int_t)n,
						 "k", (json_int_t)k);
			if (n >= min_n) { /* a smaller cell means nothing: no rate shown */
				double lo, hi;
				rk_wilson(k, n, 1.96, &lo, &hi);
				json_object_set_new(cell, "rate", json_real((double)k / (double)n));
				json_object_set_new(cell, "lo", json_real(lo));
				json_object_set_new(cell, "hi", json_real(hi));
			}
			json_array_append_new(cells, cell);
		}
		db_finalize(s);
	}
	sb_free(&sql), json_decref(params);
	if (rc != DB_DONE) {
		json_decref(cells), json_decref(cats), json_decref(dists);
		return ctx_internal(c, "risk heat", db_errmsg(c->db));
	}
	out->json = json_pack("{s:s, s:s, s:I, s:s, s:o, s:o, s:o}", "from", from, "to", c->today, "min_cell",
			      (json_int_t)min_n, "interval", "Wilson 95%", "categories", cats, "districts", dists,
			      "cells", cells);
	return 200;
}

/* ---- the plan ---- */

typedef struct plan_ctx {
	int64_t *cat_ids, *dist_ids, *cost, *weight, *prior;
	int ncat, ndist;
	rk_cell *cells;
	int ncells;
} plan_ctx;

static void plan_free(plan_ctx *p)
{
	free(p->cat_ids), free(p->dist_ids), free(p->cost), free(p->weight), free(p->prior), free(p->cells);
}

static int idx_of(const int64_t *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i] == id)
			return i;
	return -1;
}

static int64_t body_int(json_t *body, const char *k, int64_t dflt, int *bad)
{
	json_t *v = json_object_get(body, k);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_integer(v)) {
		*bad = 1;
		return 0;
	}
	return json_integer_value(v);
}

int rk_row_live(zj_ctx *c, const char *entity, int64_t id)
{
	json_t *b = crud_load(c, registry_find(entity), id);
	int ok = b != NULL;
	json_decref(b);
	return ok;
}

/* What is left of a testing budget: its amount less the lines of its plans
 * (the food area's rule: no plan silently exceeds its budget). */
static int64_t budget_left(zj_ctx *c, int64_t id)
{
	int64_t p[] = {id, id};
	return db_query_int_ids(
		c->db,
		"SELECT (SELECT amount FROM food_budgets WHERE id = ?) - COALESCE((SELECT SUM(i.subtotal)"
		" FROM plan_items i JOIN food_plans f ON f.id = i.plan_id WHERE f.budget_id = ?"
		" AND i.deleted = 0 AND f.deleted = 0), 0)",
		2, p, 0);
}

/* Categories (those with costs, and those sampled in the window), districts, costs. */
static int plan_load(zj_ctx *c, const char *from, plan_ctx *p, json_t *errors)
{
	db_stmt *s;
	int rc = db_prepare(
		c->db,
		"SELECT fc.id, fc.name, rc.cost_per_batch, rc.weight FROM food_categories fc"
		" LEFT JOIN risk_costs rc ON rc.category_id = fc.id AND rc.deleted = 0"
		" WHERE fc.deleted = 0 AND (rc.id IS NOT NULL OR fc.id IN (SELECT COALESCE(category_id, food_id)"
		" FROM samples WHERE deleted = 0 AND final_conclusion IN ('pass', 'fail') AND sampled_on >= ?))"
		" ORDER BY fc.id",
		&s);
	if (rc != DB_OK)
		return rc;
	db_bind_text(s, 1, from);
	strbuf missing;
	sb_init(&missing);
	int cap = 0;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (p->ncat == cap) {
			cap = cap ? cap * 2 : 64;
			p->cat_ids = xrealloc(p->cat_ids, sizeof(int64_t) * (size_t)cap);
			p->cost = xrealloc(p->cost, sizeof(int64_t) * (size_t)cap);
			p->weight = xrealloc(p->weight, sizeof(int64_t) * (size_t)cap);
		}
		p->cat_ids[p->ncat] = db_col_int(s, 0);
		p->cost[p->ncat] = db_col_int(s, 2);
		p->weight[p->ncat] = db_col_int(s, 3);
		if (p->cost[p->ncat] <= 0)
			sb_printf(&missing, "%s%s", missing.len ? "、" : "",
				  db_col_text(s, 1) ? db_col_text(s, 1) : "");
		p->ncat++;
	}
	db_finalize(s);
	if (rc != DB_DONE)
		return sb_free(&missing), DB_ERR;
	if (missing.len) {
		char zh[1200], en[1200];
		snprintf(zh, sizeof zh, "以下类别缺少每批次费用：%s", missing.s);
		snprintf(en, sizeof en, "No cost per batch for: %s", missing.s);
		crud_field_error(c, errors, "cost_per_batch", FE_REQUIRED, zh, en);
	}
	if (!p->ncat)
		crud_field_error(c, errors, "cost_per_batch", FE_REQUIRED, "没有设置任何类别的抽检费用",
				 "No category has a cost per batch");
	sb_free(&missing);
	rc = db_prepare(c->db,
			"SELECT id FROM jurisdictions WHERE deleted = 0 AND level IN ('district', 'banner', 'county')"
			" ORDER BY id",
			&s);
	if (rc != DB_OK)
		return rc;
	cap = 0;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (p->ndist == cap) {
			cap = cap ? cap * 2 : 32;
			p->dist_ids = xrealloc(p->dist_ids, sizeof(int64_t) * (size_t)cap);
		}
		p->dist_ids[p->ndist++] = db_col_int(s, 0);
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : DB_ERR;
}

/* History of each cell and each category's rate (samples, last 12 months). */
static int plan_history(zj_ctx *c, const char *from, plan_ctx *p)
{
	p->ncells = p->ncat * p->ndist * NLINK;
	p->cells = xcalloc((size_t)(p->ncells ? p->ncells : 1), sizeof(rk_cell));
	int64_t *cn = xcalloc((size_t)p->ncat + 1, sizeof(int64_t)),
		*ck = xcalloc((size_t)p->ncat + 1, sizeof(int64_t));
	for (int i = 0; i < p->ncells; i++) {
		int cat = i / (p->ndist * NLINK), d = (i / NLINK) % p->ndist;
		p->cells[i] = (rk_cell){.category = cat,
					.district = d,
					.link = i % NLINK,
					.cost = p->cost[cat],
					.weight = p->weight[cat]};
	}
	db_stmt *s;
	int rc = db_prepare(c->db,
			    "SELECT COALESCE(category_id, food_id), jurisdiction_id, link, COUNT(*),"
			    " SUM(CASE WHEN final_conclusion = 'fail' THEN 1 ELSE 0 END) FROM samples WHERE deleted = 0"
			    " AND final_conclusion IN ('pass', 'fail') AND sampled_on >= ?"
			    " GROUP BY COALESCE(category_id, food_id), jurisdiction_id, link",
			    &s);
	if (rc == DB_OK) {
		db_bind_text(s, 1, from);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			int cat = idx_of(p->cat_ids, p->ncat, db_col_int(s, 0));
			int d = idx_of(p->dist_ids, p->ndist, db_col_int(s, 1));
			const char *l = db_col_text(s, 2);
			int li = -1;
			for (int k = 0; k < NLINK && l; k++)
				if (!strcmp(l, links[k]))
					li = k;
			if (cat < 0)
				continue;
			cn[cat] += db_col_int(s, 3);
			ck[cat] += db_col_int(s, 4);
			if (d < 0 || li < 0)
				continue;
			rk_cell *cell = &p->cells[(cat * p->ndist + d) * NLINK + li];
			cell->n += db_col_int(s, 3);
			cell->k += db_col_int(s, 4);
		}
		db_finalize(s);
		rc = rc == DB_DONE ? DB_OK : DB_ERR;
	}
	/* the category's rate, kept off zero (half a failure) so a clean category keeps some weight */
	int64_t city_n = 0, city_k = 0;
	for (int i = 0; i < p->ncat; i++)
		city_n += cn[i], city_k += ck[i];
	for (int i = 0; i < p->ncells; i++) {
		int cat = p->cells[i].category;
		p->cells[i].prior_ppm = (ck[cat] * 2000000 + 1000000) / (2 * cn[cat] + 2);
	}
	(void)city_n, (void)city_k;
	free(cn), free(ck);
	return rc;
}

static json_t *explain(const plan_ctx *p, const rk_cell *x)
{
	char why[400];
	snprintf(why, sizeof why,
		 "近12个月 %lld 批次、%lld 批不合格；向类别不合格率 %.2f%% 收缩后为 %.2f%%，权重 %lld%%，"
		 "每批 %.2f 元；保底 %lld 批，按每元预期发现不合格数追加 %lld 批",
		 (long long)x->n, (long long)x->k, x->prior_ppm / 10000.0, x->rate_ppm / 10000.0, (long long)x->weight,
		 x->cost / 100.0, (long long)x->floor, (long long)(x->batches - x->floor));
	return json_pack("{s:I, s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "category_id",
			 (json_int_t)p->cat_ids[x->category], "jurisdiction_id", (json_int_t)p->dist_ids[x->district],
			 "link", links[x->link], "n", (json_int_t)x->n, "k", (json_int_t)x->k, "rate_ppm",
			 (json_int_t)x->rate_ppm, "floor", (json_int_t)x->floor, "batches", (json_int_t)x->batches,
			 "cost_per_batch", (json_int_t)x->cost, "subtotal", (json_int_t)x->spent, "why", why);
}

static int write_plan(zj_ctx *c, const plan_ctx *p, int64_t budget_id, int64_t year, int64_t total, int64_t *plan_id)
{
	/* RB<year>-<n>: the next number of the year's risk-based drafts not in use */
	char code[40], like[24];
	snprintf(like, sizeof like, "RB%lld-%%", (long long)year);
	const char *lp[] = {like};
	int64_t n = db_query_int(c->db, "SELECT COUNT(*) FROM food_plans WHERE code LIKE ?", 1, lp, 0);
	for (;;) {
		snprintf(code, sizeof code, "RB%lld-%03lld", (long long)year, (long long)++n);
		const char *cp[] = {code};
		if (!db_query_int(c->db, "SELECT COUNT(*) FROM food_plans WHERE code = ?", 1, cp, 0))
			break;
	}
	json_t *row = json_pack("{s:s, s:s, s:I, s:s, s:I, s:I, s:s}", "code", code, "name",
				"基于风险的抽检计划（草案）", "year", (json_int_t)year, "kind", "annual", "budget_id",
				(json_int_t)budget_id, "planned_cost", (json_int_t)total, "description",
				"按每元预期发现不合格数分配批次，不合格率向类别均值收缩；每个单元的说明见生成结果。");
	int rc = crud_add(c, registry_find("food_plans"), row, plan_id);
	json_decref(row);
	const entity_def *items = registry_find("plan_items");
	for (int i = 0; rc == DB_OK && i < p->ncells; i++) {
		const rk_cell *x = &p->cells[i];
		if (!x->batches)
			continue;
		int64_t iid;
		json_t *it = json_pack("{s:I, s:I, s:I, s:s, s:I, s:I, s:I}", "plan_id", (json_int_t)*plan_id,
				       "category_id", (json_int_t)p->cat_ids[x->category], "jurisdiction_id",
				       (json_int_t)p->dist_ids[x->district], "link", links[x->link], "batches",
				       (json_int_t)x->batches, "cost_per_batch", (json_int_t)x->cost, "subtotal",
				       (json_int_t)x->spent);
		rc = crud_add(c, items, it, &iid);
		json_decref(it);
	}
	return rc;
}

/* POST /api/v1/risk_costs/actions/plan {"budget": fen, "budget_id", "year",
 * "floor_category", "floor_district", "strength"} */
int rk_costs_plan(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *errors = json_array();
	int bad = 0;
	int64_t budget = body_int(body, "budget", 0, &bad);
	if (bad || budget <= 0)
		crud_field_error(c, errors, "budget", bad ? FE_TYPE : FE_RANGE, "预算应为大于零的金额（分）",
				 "The budget must be more than zero (fen)");
	bad = 0;
	int64_t budget_id = body_int(body, "budget_id", 0, &bad);
	if (bad || budget_id <= 0 || !rk_row_live(c, "food_budgets", budget_id))
		crud_field_error(c, errors, "budget_id", FE_REF, "经费来源不存在", "No such budget");
	else if (budget > 0 && budget > budget_left(c, budget_id)) {
		char zh[200], en[200];
		int64_t left = budget_left(c, budget_id);
		left = left < 0 ? 0 : left;
		snprintf(zh, sizeof zh, "超出该经费的剩余额度 %lld.%02lld 元", (long long)(left / 100),
			 (long long)(left % 100));
		snprintf(en, sizeof en, "More than the %lld.%02lld yuan left of the budget", (long long)(left / 100),
			 (long long)(left % 100));
		crud_field_error(c, errors, "budget", FE_BUDGET, zh, en);
	}
	bad = 0;
	int64_t year = body_int(body, "year", 0, &bad);
	if (bad || year < 2000 || year > 2100)
		crud_field_error(c, errors, "year", FE_RANGE, "年度应为 2000～2100", "The year must be 2000 to 2100");
	bad = 0;
	rk_alloc_in in = {.budget = budget,
			  .strength = body_int(body, "strength", rk_param(c, "prior_strength", 20), &bad),
			  .floor_cat = body_int(body, "floor_category", 1, &bad),
			  .floor_dist = body_int(body, "floor_district", 1, &bad)};
	if (bad || in.strength < 0 || in.floor_cat < 0 || in.floor_dist < 0)
		crud_field_error(c, errors, "floor_category", FE_RANGE, "保底批次与收缩强度应为非负整数",
				 "Floors and strength must be whole numbers ≥ 0");
	char from[11];
	window_start(c, from);
	plan_ctx p = {0};
	int rc = json_array_size(errors) ? DB_OK : plan_load(c, from, &p, errors);
	if (rc == DB_OK && !json_array_size(errors))
		rc = plan_history(c, from, &p);
	if (rc != DB_OK) {
		plan_free(&p), json_decref(errors);
		return ctx_internal(c, "risk plan", db_errmsg(c->db));
	}
	if (json_array_size(errors)) {
		plan_free(&p);
		return ctx_fail_fields(c, errors);
	}
	in.ncat = p.ncat;
	in.ndist = p.ndist;
	int64_t total = 0;
	int a = rk_allocate(&in, p.cells, p.ncells, &total);
	if (a != RK_ALLOC_OK) {
		crud_field_error(c, errors, "budget", FE_RANGE, "预算不足以满足每个类别和地区的保底批次",
				 "The budget does not cover the floors of every category and district");
		plan_free(&p);
		return ctx_fail_fields(c, errors);
	}
	json_decref(errors);
	int64_t plan_id = 0;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = write_plan(c, &p, budget_id, year, total, &plan_id);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s", db_errmsg(c->db)); /* before the rollback resets it */
		db_rollback(c->db);
		plan_free(&p);
		return c->status ? c->status : ctx_internal(c, "risk plan write", msg);
	}
	json_t *cells = json_array();
	for (int i = 0; i < p.ncells; i++)
		if (p.cells[i].batches || p.cells[i].n)
			json_array_append_new(cells, explain(&p, &p.cells[i]));
	out->json = json_pack("{s:I, s:I, s:I, s:I, s:o}", "plan_id", (json_int_t)plan_id, "budget", (json_int_t)budget,
			      "total", (json_int_t)total, "left", (json_int_t)(budget - total), "cells", cells);
	plan_free(&p);
	return 200;
}
