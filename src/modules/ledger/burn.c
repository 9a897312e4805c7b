/* burn.c — a testing grant's burn-down (经费执行进度). A grant of funds for
 * food testing is linked to the food area's sampling budget that spends it
 * (food_budgets); the plans on that budget commit it line by line (batches
 * × cost per batch), and a sample tested spends the cost per batch of its
 * plan line. Read only: the food area owns its plans and samples.
 *   granted    the grants linked to the budget (several may feed one budget)
 *   planned    the lines of every plan on the budget
 *   spent      samples that reached a test report × their line's cost
 *   committed  planned but not yet spent
 *   left       granted − planned: what no plan has claimed yet
 * A warning names each plan whose lines, added to the plans before it, go
 * over the granted amount, and a spend over the grant. */
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

static json_t *warning(const char *zh, const char *en)
{
	return json_pack("{s:s, s:s}", "zh", zh, "en", en);
}

static int64_t q1(zj_ctx *c, const char *sql, int64_t id)
{
	int64_t p[] = {id};
	return db_query_int_ids(c->db, sql, 1, p, 0);
}

int ledger_burn(zj_ctx *c, int64_t grant_id, json_t **out)
{
	int64_t budget =
		q1(c, "SELECT COALESCE(food_budget_id, 0) FROM ledger_grants WHERE id = ? AND deleted = 0", grant_id);
	int64_t granted =
		budget ? q1(c,
			    "SELECT COALESCE(SUM(amount_fen), 0) FROM ledger_grants WHERE food_budget_id = ? AND deleted = 0",
			    budget)
		       : q1(c, "SELECT COALESCE(amount_fen, 0) FROM ledger_grants WHERE id = ?", grant_id);
	int64_t spent = 0, planned = 0;
	json_t *plans = json_array(), *warnings = json_array();
	if (budget) {
		spent = q1(
			c,
			"SELECT COALESCE(SUM(i.cost_per_batch), 0) FROM samples s JOIN sampling_tasks t ON t.id = s.task_id"
			" JOIN plan_items i ON i.id = t.plan_item_id JOIN food_plans p ON p.id = i.plan_id"
			" WHERE p.budget_id = ? AND s.deleted = 0 AND s.state IN ('reported','approved','notified','served','closed')",
			budget);
		db_stmt *s;
		if (db_prepare(c->db,
			       "SELECT p.id, p.name, p.state, COALESCE(SUM(i.subtotal), 0) FROM food_plans p"
			       " LEFT JOIN plan_items i ON i.plan_id = p.id AND i.deleted = 0"
			       " WHERE p.budget_id = ? AND p.deleted = 0 GROUP BY p.id, p.name, p.state ORDER BY p.id",
			       &s) != DB_OK) {
			json_decref(plans), json_decref(warnings);
			return ctx_internal(c, "ledger burn", db_errmsg(c->db));
		}
		db_bind_int(s, 1, budget);
		while (db_step(s) == DB_ROW) {
			int64_t line = db_col_int(s, 3);
			planned += line;
			const char *name = db_col_text(s, 1) ? db_col_text(s, 1) : "";
			int over = planned > granted;
			json_array_append_new(plans, json_pack("{s:I, s:s, s:s?, s:I, s:I, s:b}", "id",
							       (json_int_t)db_col_int(s, 0), "name", name, "state",
							       db_col_text(s, 2), "planned_fen", (json_int_t)line,
							       "cumulative_fen", (json_int_t)planned, "over", over));
			if (over) {
				char g[48], p[48], zh[400], en[400];
				lg_yuan(granted, g, sizeof g), lg_yuan(planned, p, sizeof p);
				snprintf(zh, sizeof zh, "计划“%s”将超支：累计安排 %s 元，拨付经费 %s 元", name, p, g);
				snprintf(en, sizeof en,
					 "plan \"%s\" would overspend: %s yuan planned in all, %s yuan granted", name,
					 p, g);
				json_array_append_new(warnings, warning(zh, en));
			}
		}
		db_finalize(s);
	}
	if (spent > granted)
		json_array_append_new(warnings, warning("已支出超过拨付经费", "spent more than granted"));
	char y[4][48];
	lg_yuan(granted, y[0], 48), lg_yuan(spent, y[1], 48), lg_yuan(planned - spent, y[2], 48);
	lg_yuan(granted - planned, y[3], 48);
	*out = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:{s:s, s:s, s:s, s:s}, s:o, s:o}", "food_budget_id",
			 (json_int_t)budget, "granted_fen", (json_int_t)granted, "planned_fen", (json_int_t)planned,
			 "spent_fen", (json_int_t)spent, "committed_fen", (json_int_t)(planned - spent), "left_fen",
			 (json_int_t)(granted - planned), "yuan", "granted", y[0], "spent", y[1], "committed", y[2],
			 "left", y[3], "plans", plans, "warnings", warnings);
	return 200;
}

int lg_grants_burn(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	(void)e, (void)q, (void)body;
	return ledger_burn(c, id, &out->json);
}
