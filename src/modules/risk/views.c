/* views.c — what the area shows outside its lists: the dashboard widget of
 * warnings in force by level, the to-do that makes a red or orange warning
 * reach every risk user's bell at once (core notify derives notifications
 * from to-dos), and the consumer notices (消费提示) published from warnings
 * for the portal's notices page. */
#include "lib/strbuf.h"
#include "modules/modules.h"
#include "modules/risk/risk.h"
#include <string.h>

static const struct {
	const char *code, *zh, *en;
} levels[] = {{"red", "红色（Ⅰ级）", "Red (I)"},
	      {"orange", "橙色（Ⅱ级）", "Orange (II)"},
	      {"yellow", "黄色（Ⅲ级）", "Yellow (III)"},
	      {"blue", "蓝色（Ⅳ级）", "Blue (IV)"}};

static json_t *widget_warnings(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "risk_warnings.read");
	if (!sc)
		return NULL;
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.level, COUNT(*) FROM risk_warnings t WHERE t.deleted = 0 AND t.state = 'issued'");
	json_t *params = json_array();
	crud_scope_sql(c, &rk_ent_warnings, sc, &sql, params);
	sb_add(&sql, " GROUP BY t.level");
	int64_t count[4] = {0};
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
			for (int i = 0; i < 4; i++)
				if (db_col_text(s, 0) && !strcmp(db_col_text(s, 0), levels[i].code))
					count[i] = db_col_int(s, 1);
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) {
		ctx_internal(c, "widget risk_warnings", db_errmsg(c->db));
		return NULL;
	}
	json_t *rows = json_array();
	int64_t total = 0;
	for (int i = 0; i < 4; i++) {
		total += count[i];
		json_array_append_new(rows, json_pack("{s:{s:s, s:s}, s:I}", "level", "zh", levels[i].zh, "en",
						      levels[i].en, "count", (json_int_t)count[i]));
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:I, s:[{s:s, s:{s:s, s:s}}, {s:s, s:{s:s, s:s}}], s:o}", "id",
			 "risk_open_warnings", "title", "zh", "在控风险预警（按级别）", "en",
			 "Warnings in force by level", "kind", "table", "total", (json_int_t)total, "columns", "name",
			 "level", "label", "zh", "预警级别", "en", "Level", "name", "count", "label", "zh", "数量",
			 "en", "Count", "rows", rows);
}

const widget_def rk_widgets[] = {
	{"risk_open_warnings", widget_warnings, "risk_warnings.read", "director"},
	/* widgets.c: the leader sees them all, the analysts and food supervisors by their permissions */
	{"risk_hazard_trends", rk_widget_trends, "risk_signals.read", "director"},
	{"risk_watch_list", rk_widget_watch, "risk_watch.read", "director"},
	{"risk_plan_money", rk_widget_money, "risk_costs.plan,plan_items.create", "director"},
	{NULL},
};

/* A red or orange warning in force is a to-do of every user who follows
 * up warnings in its scope (突发事件应对法第六十七条: the graver levels call
 * for measures at once) — the analysts, the director, the supervisors, and a
 * district's officers for the warnings of their district; the bell notifies
 * it the moment the user looks. */
int rk_todo_urgent(zj_ctx *c, json_t *items)
{
	unsigned sc = c->user ? ctx_scope(c, "risk_warnings.t.follow") : 0;
	if (!sc)
		return 0;
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, "SELECT t.id, t.level FROM risk_warnings t WHERE t.deleted = 0 AND t.state = 'issued'"
		     " AND t.level IN ('red', 'orange')");
	json_t *params = json_array();
	crud_scope_sql(c, &rk_ent_warnings, sc, &sql, params);
	sb_add(&sql, " ORDER BY t.id LIMIT 200");
	db_stmt *s;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		while (db_step(s) == DB_ROW)
			json_array_append_new(items,
					      json_pack("{s:s, s:I, s:s, s:{s:s, s:s}}", "entity", "risk_warnings",
							"id", (json_int_t)db_col_int(s, 0), "kind", "urgent_warning",
							"action", "zh", "处置红色/橙色风险预警", "en",
							"Act on a red or orange warning"));
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	return 0;
}

/* The consumer notices published from warnings (portal.c's notices page). */
json_t *rk_public_notices(zj_ctx *c)
{
	json_t *items = json_array();
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT tip_title, tip_text, tip_published_on, (SELECT u.name FROM units u WHERE u.kind = 'bureau'"
		    " AND u.deleted = 0 ORDER BY u.id LIMIT 1) FROM risk_warnings WHERE deleted = 0"
		    " AND tip_published_on IS NOT NULL ORDER BY tip_published_on DESC, id DESC LIMIT 100",
		    &s) != DB_OK)
		return items;
	while (db_step(s) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "consumer_tip",
						       "title", db_col_text(s, 0) ? db_col_text(s, 0) : "", "body",
						       db_col_text(s, 1) ? db_col_text(s, 1) : "", "issuer",
						       db_col_text(s, 3) ? db_col_text(s, 3) : "", "published_on",
						       db_col_text(s, 2) ? db_col_text(s, 2) : "", "area", "risk",
						       "link", "notices"));
	db_finalize(s);
	return items;
}
