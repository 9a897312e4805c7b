/* report.c — the yearly service report (GET /service_requests/actions/report
 * ?year=YYYY): the requests received in the year, in the reader's data
 * scope, by kind and by enterprise size, with small/micro and park
 * enterprises apart; for each the count, the answered, those answered in
 * their committed time, those still open past it, the on-time share and the
 * mean rating (stats.c). And the dashboard's widget: this year's on-time
 * share and the requests past due. */
#include "core/dict.h"
#include "lib/strbuf.h"
#include "modules/modules.h"
#include "modules/services/services.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_GROUPS = 32 };

typedef struct group {
	char code[32];
	svc_tally t;
} group;

static svc_tally *group_of(group *g, int *n, const char *code)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(g[i].code, code))
			return &g[i].t;
	if (*n == MAX_GROUPS)
		return NULL;
	memset(&g[*n], 0, sizeof g[*n]);
	snprintf(g[*n].code, sizeof g[*n].code, "%s", code);
	return &g[(*n)++].t;
}

static json_t *tally_json(const svc_tally *t)
{
	char share[16], rating[16];
	long pm = svc_share_permille(t), rt = svc_rating_tenths(t);
	svc_fmt_permille(pm, share, sizeof share);
	svc_fmt_tenths(rt, rating, sizeof rating);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "total", (json_int_t)t->total,
			 "answered", (json_int_t)t->answered, "on_time", (json_int_t)t->on_time, "late_open",
			 (json_int_t)t->late_open, "rated", (json_int_t)t->rated, "small_micro",
			 (json_int_t)t->small_micro, "in_park", (json_int_t)t->in_park, "on_time_permille",
			 pm < 0 ? json_null() : json_integer(pm), "on_time_share",
			 pm < 0 ? json_null() : json_string(share), "rating_tenths",
			 rt < 0 ? json_null() : json_integer(rt), "rating_mean",
			 rt < 0 ? json_null() : json_string(rating));
}

static json_t *groups_json(zj_ctx *c, const char *dict, const group *g, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *o = tally_json(&g[i].t);
		char *l = g[i].code[0] ? dict_label(c, dict, g[i].code) : NULL;
		json_object_set_new(o, "code", json_string(g[i].code));
		json_object_set_new(o, "label",
				    json_string(l              ? l
						: g[i].code[0] ? g[i].code
							       : TR(c, "未登记", "not recorded")));
		free(l);
		json_array_append_new(a, o);
	}
	return a;
}

/* The tallies of one year in the reader's scope. DB_OK or DB_ERR. */
static int tally_year(zj_ctx *c, int year, svc_tally *all, svc_tally *sm, svc_tally *park, group *kinds, int *nk,
		      group *sizes, int *ns)
{
	char from[11], to[11];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.kind, COALESCE(t.size, ''), t.state, t.due_on, t.replied_on, COALESCE(t.rating, 0),"
		     " COALESCE(t.small_micro, 0), COALESCE(t.in_park, 0) FROM svc_requests t"
		     " WHERE t.deleted = 0 AND t.received_on >= ? AND t.received_on <= ?");
	json_t *params = json_pack("[s,s]", from, to);
	crud_scope_sql(c, &svc_ent_requests, ctx_scope(c, "service_requests.read"), &sql, params);
	db_stmt *s;
	int rc = DB_ERR;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			const char *st = db_col_text(s, 2), *due = db_col_text(s, 3), *rep = db_col_text(s, 4);
			int rating = (int)db_col_int(s, 5), smf = db_col_int(s, 6) != 0, pk = db_col_int(s, 7) != 0;
			svc_tally *k = group_of(kinds, nk, db_col_text(s, 0) ? db_col_text(s, 0) : "");
			svc_tally *z = group_of(sizes, ns, db_col_text(s, 1) ? db_col_text(s, 1) : "");
			svc_tally *list[] = {all, k, z, smf ? sm : NULL, pk ? park : NULL};
			for (int i = 0; i < 5; i++)
				if (list[i])
					svc_tally_add(list[i], st, due, rep, rating, smf, pk, c->today);
		}
		db_finalize(s);
		rc = rc == DB_DONE ? DB_OK : DB_ERR;
	}
	json_decref(params), sb_free(&sql);
	return rc;
}

int svc_requests_report(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	const char *y = svc_query(q, "year");
	char *end = NULL;
	long year = y ? strtol(y, &end, 10) : strtol(c->today, NULL, 10);
	if (y && (!*y || *end || year < 2000 || year > 2100)) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "year", FE_QUERY, "应为 2000 至 2100 之间的年份",
				 "must be a year from 2000 to 2100");
		return ctx_fail_fields(c, errs);
	}
	svc_tally all = {0}, sm = {0}, park = {0};
	group kinds[MAX_GROUPS], sizes[MAX_GROUPS];
	int nk = 0, ns = 0;
	if (tally_year(c, (int)year, &all, &sm, &park, kinds, &nk, sizes, &ns) != DB_OK)
		return ctx_internal(c, "svc report", db_errmsg(c->db));
	out->json = json_pack(
		"{s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "year", (int)year, "today", c->today, "all",
		tally_json(&all), "small_micro", tally_json(&sm), "in_park", tally_json(&park), "by_kind",
		groups_json(c, "svc_kind", kinds, nk), "by_size", groups_json(c, "enterprise_size", sizes, ns), "rule",
		TR(c, "按时率 = 承诺时限内答复数 ÷（已答复数 + 超期未答复数），千分比四舍五入",
		   "on-time share = answered in time / (answered + open past due), per mille rounded half up"));
	return 200;
}

static json_t *kpi_item(const char *key, const char *zh, const char *en, const svc_tally *t)
{
	char share[16];
	long pm = svc_share_permille(t);
	svc_fmt_permille(pm, share, sizeof share);
	share[strlen(share) ? strlen(share) - 1 : 0] = 0; /* the widget adds the % */
	return json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:o, s:{s:s, s:s}}", "key", key, "label", "zh", zh, "en", en,
			 "done", (json_int_t)t->on_time, "of", (json_int_t)(t->answered + t->late_open), "rate_pct",
			 pm < 0 ? json_null() : json_string(share), "unit", "zh", "件", "en", "");
}

/* Dashboard: this year's requests answered within their committed time, all
 * and those of small and micro enterprises. */
static json_t *svc_widget(zj_ctx *c)
{
	if (!ctx_scope(c, "service_requests.read"))
		return NULL;
	svc_tally all = {0}, sm = {0}, park = {0};
	group kinds[MAX_GROUPS], sizes[MAX_GROUPS];
	int nk = 0, ns = 0;
	char year[5];
	snprintf(year, sizeof year, "%.4s", c->today);
	if (tally_year(c, (int)strtol(year, NULL, 10), &all, &sm, &park, kinds, &nk, sizes, &ns) != DB_OK) {
		ctx_internal(c, "services widget", db_errmsg(c->db));
		return NULL;
	}
	json_t *items = json_pack("[o, o]",
				  kpi_item("services_on_time", "服务请求按承诺时限办结率",
					   "Service requests answered in time", &all),
				  kpi_item("services_small_micro", "小微企业服务请求按时办结率",
					   "Small and micro enterprises answered in time", &sm));
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:o}", "id", "services_kpi", "title", "zh",
			 "企业服务主要指标（本年度）", "en", "Services to enterprises this year", "kind", "kpi", "year",
			 year, "items", items);
}

const widget_def svc_widgets[] = {
	{"services_kpi", svc_widget, "service_requests.t.escalate", "director"},
	{NULL},
};
