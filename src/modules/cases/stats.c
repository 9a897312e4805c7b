/* stats.c — enforcement statistics for the leadership report (要情专报):
 * cases by kind, source, district and stage; fines imposed and collected
 * (fen); transfers to the police and to other authorities; major cases and
 * consultations held (with dissent); complaints and reports by kind and
 * state; and the on-time rate of every deadline kind, from the same clocks
 * the case shows. GET /api/v1/cases/actions/stats?from=&to= (clue received
 * date, default: this year), within the reader's data scope. */
#include "core/dict.h"
#include "modules/cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct scope_q {
	strbuf where; /* " AND ..." on alias t */
	json_t *params;
} scope_q;

static void scope_init(zj_ctx *c, const entity_def *e, const char *from, const char *to, scope_q *s)
{
	sb_init(&s->where);
	s->params = json_pack("[s, s]", from, to);
	sb_add(&s->where, " AND t.deleted = 0 AND t.received_on >= ? AND t.received_on <= ?");
	char perm[64];
	snprintf(perm, sizeof perm, "%s.read", e->name);
	crud_scope_sql(c, e, ctx_scope(c, perm), &s->where, s->params);
}

static void scope_free(scope_q *s)
{
	sb_free(&s->where);
	json_decref(s->params);
}

static int64_t scalar(zj_ctx *c, const char *sql_head, const char *extra, scope_q *s)
{
	strbuf q;
	sb_init(&q);
	sb_printf(&q, "%s WHERE 1 = 1%s%s", sql_head, s->where.s, extra ? extra : "");
	db_stmt *st;
	int64_t n = 0;
	int rc = db_prepare(c->db, q.s, &st);
	if (rc == DB_OK) {
		crud_bind_params(st, s->params, 1);
		rc = db_step(st);
		if (rc == DB_ROW)
			n = db_col_int(st, 0);
		db_finalize(st);
	}
	sb_free(&q);
	if (rc != DB_ROW && rc != DB_DONE) /* cs_act_stats answers 500 */
		ctx_internal(c, "case statistics", db_errmsg(c->db));
	return n;
}

static const char *state_label(zj_ctx *c, const entity_def *e, const char *code)
{
	for (int i = 0; code && i < e->workflow->nstates; i++)
		if (!strcmp(e->workflow->states[i].name, code))
			return TR(c, e->workflow->states[i].label_zh, e->workflow->states[i].label_en);
	return code ? code : "";
}

/* [{"code","label","count"}] grouped by expr (a column of t or of a join). */
static json_t *group(zj_ctx *c, const entity_def *e, const char *expr, const char *join, const char *dict, scope_q *s)
{
	strbuf q;
	sb_init(&q);
	sb_printf(&q, "SELECT %s, COUNT(*) FROM %s t %s WHERE 1 = 1%s GROUP BY %s ORDER BY COUNT(*) DESC, %s", expr,
		  e->table, join ? join : "", s->where.s, expr, expr);
	json_t *arr = json_array();
	db_stmt *st;
	int rc = db_prepare(c->db, q.s, &st);
	if (rc == DB_OK) {
		crud_bind_params(st, s->params, 1);
		for (rc = db_step(st); rc == DB_ROW; rc = db_step(st))
			json_array_append_new(arr, json_pack("{s:s, s:I}", "code",
							     db_col_text(st, 0) ? db_col_text(st, 0) : "", "count",
							     (json_int_t)db_col_int(st, 1)));
		db_finalize(st);
	}
	if (rc != DB_DONE)
		ctx_internal(c, "case statistics", db_errmsg(c->db));
	/* labels after the statement is done (no query may run inside another on PostgreSQL) */
	size_t i;
	json_t *it;
	json_array_foreach (arr, i, it) {
		const char *code = json_string_value(json_object_get(it, "code"));
		char *label = dict ? dict_label(c, dict, code) : NULL;
		const char *shown = label ? label : !strcmp(expr, "t.state") ? state_label(c, e, code) : code;
		json_object_set_new(it, "label", json_string(shown));
		free(label);
	}
	sb_free(&q);
	return arr;
}

enum { T_MET, T_LATE, T_OVERDUE, T_OPEN, T__MAX };

static void count_clock(json_t *on_time, const cs_clock *k)
{
	static const char *names[T__MAX] = {"on_time", "late", "overdue", "open"};
	int slot = k->status == CK_MET       ? T_MET
		   : k->status == CK_LATE    ? T_LATE
		   : k->status == CK_OVERDUE ? T_OVERDUE
					     : T_OPEN;
	json_t *o = json_object_get(on_time, k->kind);
	if (!o) {
		o = json_pack("{s:i, s:i, s:i, s:i}", names[0], 0, names[1], 0, names[2], 0, names[3], 0);
		json_object_set_new(on_time, k->kind, o);
	}
	json_object_set_new(o, names[slot], json_integer(json_integer_value(json_object_get(o, names[slot])) + 1));
}

/* rate = on time / (on time + late + overdue), as a percentage with one decimal, no floating point. */
static void add_rates(json_t *on_time)
{
	const char *k;
	json_t *o;
	json_object_foreach (on_time, k, o) {
		int64_t m = json_integer_value(json_object_get(o, "on_time")),
			due = m + json_integer_value(json_object_get(o, "late")) +
			      json_integer_value(json_object_get(o, "overdue"));
		if (!due) {
			json_object_set_new(o, "rate_pct", json_null());
			continue;
		}
		int64_t permille = (m * 1000 + due / 2) / due;
		json_object_set_new(o, "rate_pct",
				    json_sprintf("%lld.%lld", (long long)(permille / 10), (long long)(permille % 10)));
	}
}

static json_t *on_time_rates(zj_ctx *c, scope_q *s)
{
	strbuf q;
	sb_init(&q);
	sb_printf(&q, "SELECT t.id FROM cases t WHERE 1 = 1%s ORDER BY t.id LIMIT 100000", s->where.s);
	json_t *ids = json_array(), *on_time = json_object();
	db_stmt *st;
	int rc = db_prepare(c->db, q.s, &st);
	if (rc == DB_OK) {
		crud_bind_params(st, s->params, 1);
		for (rc = db_step(st); rc == DB_ROW; rc = db_step(st))
			json_array_append_new(ids, json_integer(db_col_int(st, 0)));
		db_finalize(st);
	}
	if (rc != DB_DONE)
		ctx_internal(c, "case statistics", db_errmsg(c->db));
	sb_free(&q);
	cs_env x;
	if (cs_env_load(c, &x) == 0) {
		size_t i;
		json_t *idv;
		json_array_foreach (ids, i, idv) {
			json_t *row = crud_load(c, &cs_ent_cases, json_integer_value(idv));
			cs_clock k[CS_MAX_CLOCKS];
			int n = row ? cs_case_clocks(c, &x, row, k, CS_MAX_CLOCKS) : 0;
			for (int j = 0; j < n; j++)
				if (!k[j].wait)
					count_clock(on_time, &k[j]);
			json_decref(row);
		}
		cs_env_free(&x);
	}
	json_decref(ids);
	add_rates(on_time);
	return on_time;
}

static json_t *case_figures(zj_ctx *c, const char *from, const char *to)
{
	const entity_def *e = &cs_ent_cases;
	scope_q s;
	scope_init(c, e, from, to, &s);
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(scalar(c, "SELECT COUNT(*) FROM cases t", NULL, &s)));
	json_object_set_new(o, "filed",
			    json_integer(scalar(c, "SELECT COUNT(*) FROM cases t", " AND t.filed_on IS NOT NULL", &s)));
	json_object_set_new(o, "major",
			    json_integer(scalar(c, "SELECT COUNT(*) FROM cases t", " AND t.is_major = 1", &s)));
	json_object_set_new(o, "by_kind", group(c, e, "t.kind", NULL, "case_kind", &s));
	json_object_set_new(o, "by_source", group(c, e, "t.source", NULL, "case_source", &s));
	json_object_set_new(o, "by_district",
			    group(c, e, "j.name", "LEFT JOIN jurisdictions j ON j.id = t.jurisdiction_id", NULL, &s));
	json_object_set_new(o, "by_stage", group(c, e, "t.state", NULL, NULL, &s));
	json_object_set_new(o, "decisions",
			    json_integer(
				    scalar(c, "SELECT COUNT(*) FROM cases t", " AND t.decision_no IS NOT NULL", &s)));
	json_object_set_new(o, "fines_imposed_fen",
			    json_integer(scalar(c, "SELECT COALESCE(SUM(t.fine_fen), 0) FROM cases t",
						" AND t.decision_no IS NOT NULL", &s)));
	json_object_set_new(o, "fines_collected_fen",
			    json_integer(scalar(c, "SELECT COALESCE(SUM(t.paid_fen), 0) FROM cases t", NULL, &s)));
	json_object_set_new(o, "late_fees_fen",
			    json_integer(scalar(c, "SELECT COALESCE(SUM(t.late_fee_fen), 0) FROM cases t", NULL, &s)));
	json_object_set_new(o, "transferred_police",
			    json_integer(scalar(c, "SELECT COUNT(*) FROM cases t",
						" AND t.state = 'transferred_police'", &s)));
	json_object_set_new(o, "transferred",
			    json_integer(
				    scalar(c, "SELECT COUNT(*) FROM cases t", " AND t.state = 'transferred'", &s)));
	json_object_set_new(o, "consultations_held",
			    json_integer(scalar(c,
						"SELECT COUNT(*) FROM consultations k JOIN cases t ON t.id = k.case_id",
						" AND k.deleted = 0 AND k.state = 'concluded'", &s)));
	json_object_set_new(o, "consultations_with_dissent",
			    json_integer(
				    scalar(c, "SELECT COUNT(*) FROM consultations k JOIN cases t ON t.id = k.case_id",
					   " AND k.deleted = 0 AND k.state = 'concluded' AND k.dissent IS NOT NULL",
					   &s)));
	json_object_set_new(o, "on_time", on_time_rates(c, &s));
	scope_free(&s);
	return o;
}

static json_t *complaint_figures(zj_ctx *c, const char *from, const char *to)
{
	if (!ctx_can(c, "complaints.read"))
		return json_null();
	const entity_def *e = &cs_ent_complaints;
	scope_q s;
	scope_init(c, e, from, to, &s);
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(scalar(c, "SELECT COUNT(*) FROM complaints t", NULL, &s)));
	json_object_set_new(o, "by_kind", group(c, e, "t.kind", NULL, "complaint_kind", &s));
	json_object_set_new(o, "by_channel", group(c, e, "t.channel", NULL, "complaint_channel", &s));
	json_object_set_new(o, "by_stage", group(c, e, "t.state", NULL, NULL, &s));
	json_object_set_new(o, "refusal_grounds",
			    group(c, e, "t.refusal_ground", NULL, "complaint_refusal_ground", &s));
	scope_free(&s);
	return o;
}

int cs_act_stats(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	char from[11], to[11];
	const char *f = cs_query(q, "from"), *t = cs_query(q, "to");
	date_days a, b;
	snprintf(from, sizeof from, "%.4s-01-01", c->today);
	snprintf(to, sizeof to, "%s", c->today);
	if ((f && date_parse(f, &a) != DATE_OK) || (t && date_parse(t, &b) != DATE_OK))
		return ctx_problem(c, PROB_BAD_QUERY,
				   TR(c, "from、to 应为日期 YYYY-MM-DD", "from and to must be dates YYYY-MM-DD"));
	if (f)
		snprintf(from, sizeof from, "%s", f);
	if (t)
		snprintf(to, sizeof to, "%s", t);
	out->json = json_pack("{s:s, s:s, s:o, s:o}", "from", from, "to", to, "cases", case_figures(c, from, to),
			      "complaints", complaint_figures(c, from, to));
	if (ctx_failed(c)) { /* a figure from a failed query: no figures at all */
		json_decref(out->json);
		out->json = NULL;
		return c->status;
	}
	return 200;
}
