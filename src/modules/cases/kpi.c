/* kpi.c — the leaders' enforcement figures on the dashboard (issue 14 §4)
 * and the consulting agencies' own to-do:
 *   - cases closed this year, and of them closed on time: none of the
 *     case's clocks (办案期限, 行政处罚法第六十条 and the rest, mirrored in
 *     `deadlines`) ran past its due day before it was met;
 *   - fines collected this year (fen; the console shows yuan) against the
 *     fines decided this year;
 *   - complaints and reports finished this year, and of them within their
 *     periods (市场监督管理投诉举报处理暂行办法第十五条 and the rest);
 *   - an opinion requested of the user's unit in a consultation on a major
 *     penalty that it has not signed yet (module_def.todos).
 * Within the reader's data scope; integer rates in tenths of a percent. */
#include "modules/cases/cases.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *rate(int64_t n, int64_t d)
{
	if (d <= 0)
		return json_null();
	int64_t pm = (n * 1000 + d / 2) / d;
	return json_sprintf("%lld.%lld", (long long)(pm / 10), (long long)(pm % 10));
}

/* One row of two numbers for the query head + " AND <scope>" + tail. */
static int pair_of(zj_ctx *c, const entity_def *e, const char *head, json_t *params, int64_t *a, int64_t *b)
{
	char perm[64];
	snprintf(perm, sizeof perm, "%s.read", e->name);
	unsigned sc = ctx_scope(c, perm);
	if (!sc) {
		json_decref(params);
		return -1;
	}
	strbuf q;
	sb_init(&q);
	sb_add(&q, head);
	crud_scope_sql(c, e, sc, &q, params);
	db_stmt *s;
	int rc = -1;
	if (db_prepare(c->db, q.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		if (db_step(s) == DB_ROW)
			*a = db_col_int(s, 0), *b = db_col_int(s, 1), rc = 0;
		db_finalize(s);
	}
	sb_free(&q), json_decref(params);
	return rc;
}

/* A deadline of the record met late or still open past due: a due day ends
 * at 24:00 Asia/Shanghai, 16:00 UTC of the same date (closed_at is UTC). */
#define LATE(ent) \
	"EXISTS (SELECT 1 FROM deadlines d WHERE d.entity = '" ent "' AND d.entity_id = CAST(t.id AS TEXT)" \
	" AND ((d.closed_at IS NOT NULL AND d.closed_at >= (d.due || 'T16:00:00Z')) OR (d.closed_at IS NULL AND d.due < ?)))"

static json_t *on_time_item(const char *key, const char *zh, const char *en, int64_t total, int64_t late)
{
	return json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:o, s:{s:s, s:s}}", "key", key, "label", "zh", zh, "en", en,
			 "done", (json_int_t)(total - late), "of", (json_int_t)total, "rate_pct",
			 rate(total - late, total), "unit", "zh", "件", "en", "");
}

json_t *cs_kpi_widget(zj_ctx *c)
{
	char year[5];
	snprintf(year, sizeof year, "%.4s", c->today);
	json_t *items = json_array();
	int64_t a = 0, b = 0;
	if (!pair_of(c, &cs_ent_cases,
		     "SELECT COUNT(*), COALESCE(SUM(CASE WHEN " LATE(
			     "cases") " THEN 1 ELSE 0 END), 0) FROM cases t"
				      " WHERE t.deleted = 0 AND t.state = 'closed' AND substr(t.closed_on, 1, 4) = ?",
		     json_pack("[s, s]", c->today, year), &a, &b))
		json_array_append_new(items,
				      on_time_item("cases_on_time", "案件按期办结率", "Cases closed on time", a, b));
	if (!pair_of(
		    c, &cs_ent_cases,
		    "SELECT COALESCE(SUM(CASE WHEN substr(t.paid_on, 1, 4) = ? THEN t.paid_fen ELSE 0 END), 0),"
		    " COALESCE(SUM(CASE WHEN substr(t.decided_on, 1, 4) = ? AND t.decision_no IS NOT NULL THEN t.fine_fen ELSE 0 END), 0)"
		    " FROM cases t WHERE t.deleted = 0",
		    json_pack("[s, s]", year, year), &a, &b))
		json_array_append_new(items, json_pack("{s:s, s:{s:s, s:s}, s:I, s:I, s:{s:s, s:s}}", "key", "fines",
						       "label", "zh", "罚没款缴纳（本年度，元）", "en",
						       "Fines collected this year (yuan)", "fen", (json_int_t)a,
						       "of_fen", (json_int_t)b, "note", "zh",
						       "本年度作出处罚决定的罚款", "en", "fines decided this year"));
	if (!pair_of(
		    c, &cs_ent_complaints,
		    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN " LATE(
			    "complaints") " THEN 1 ELSE 0 END), 0) FROM complaints t"
					  " WHERE t.deleted = 0 AND t.state IN ('closed', 'mediated', 'refused') AND substr(t.received_on, 1, 4) = ?",
		    json_pack("[s, s]", c->today, year), &a, &b))
		json_array_append_new(items, on_time_item("complaints_on_time", "投诉举报按期办结率",
							  "Complaints answered on time", a, b));
	if (!json_array_size(items)) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:o}", "id", "cases_kpi", "title", "zh",
			 "执法办案主要指标（本年度）", "en", "Enforcement: key figures this year", "kind", "kpi",
			 "year", year, "items", items);
}

int cs_todo_opinions(zj_ctx *c, json_t *items)
{
	if (!c->user || !ctx_can(c, "consultation_opinions.create"))
		return 0;
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT DISTINCT k.id, k.meeting_on FROM consultations k JOIN case_referrals r ON r.consultation_id = k.id"
		    " AND r.deleted = 0 AND r.unit_id = ? WHERE k.deleted = 0 AND k.state IN ('convened', 'held')"
		    " AND NOT EXISTS (SELECT 1 FROM consultation_opinions o WHERE o.consultation_id = k.id"
		    " AND o.unit_id = ? AND o.deleted = 0) ORDER BY k.meeting_on, k.id LIMIT 200",
		    &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, c->user->unit_id), db_bind_int(s, 2, c->user->unit_id);
	while (db_step(s) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:{s:s, s:s}}", "entity", "consultations", "id",
						       (json_int_t)db_col_int(s, 0), "kind", "opinion", "action", "zh",
						       "签署会商意见", "en", "Sign the consultation opinion"));
	db_finalize(s);
	return 0;
}
