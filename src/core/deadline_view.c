/* deadline_view.c — the countdown of a list's rows and the overdue filter
 * (issue 14 §1). A deadline row (table `deadlines`) is open while closed_at
 * is NULL; the nearest open one is the one a person acts on. Working-day
 * periods (e.g. 市场监督管理投诉举报处理暂行办法第十五条, seven working days)
 * count down in working days of the one calendar (src/core/calendar.c). */
#include "core/deadline_view.h"
#include "core/calendar.h"
#include "core/workflow.h"
#include "lib/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void deadline_view_overdue_sql(zj_ctx *c, const entity_def *e, strbuf *sql, json_t *params)
{
	sb_add(sql, " AND EXISTS (SELECT 1 FROM deadlines dl WHERE dl.entity = ? AND dl.entity_id = CAST(t.id AS TEXT)"
		    " AND dl.closed_at IS NULL AND dl.due < ?)");
	json_array_append_new(params, json_string(e->name));
	json_array_append_new(params, json_string(c->today));
}

int deadline_countdown(zj_ctx *c, struct wd_calendar **cal, const char *due, int unit, int workdays, dl_countdown *out)
{
	date_days today, d;
	if (!due || date_parse(c->today, &today) != DATE_OK || date_parse(due, &d) != DATE_OK)
		return -1;
	memset(out, 0, sizeof *out);
	out->overdue = d < today;
	out->left = out->overdue ? (long)(today - d) : (long)(d - today);
	out->workdays_left = -1;
	if (out->overdue || (unit != DL_WORKING_DAYS && !workdays))
		return 0; /* a list of calendar-day periods loads no calendar */
	if (!*cal)
		*cal = calendar_load(c->db);
	long wl;
	if (*cal && wd_count(*cal, today, d, &wl, NULL) == WD_OK) {
		out->workdays_left = wl;
		if (unit == DL_WORKING_DAYS)
			out->working = 1, out->left = wl;
	} else
		out->workdays_left = out->left; /* no schedule for that year: calendar days, never fewer */
	return 0;
}

void deadline_view_page(zj_ctx *c, const entity_def *e, const int64_t *ids, int n, strbuf *out)
{
	/* deadlines are opened only by workflows: a list without one has none to look up */
	if (n <= 0 || !e->workflow)
		return;
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql,
	       "SELECT entity_id, kind, due, unit FROM deadlines WHERE entity = ? AND closed_at IS NULL AND entity_id IN (");
	for (int i = 0; i < n; i++)
		sb_add(&sql, i ? ", ?" : "?");
	sb_add(&sql, ") ORDER BY due, id");
	db_stmt *s;
	if (db_prepare(c->db, sql.s, &s) != DB_OK) {
		sb_free(&sql);
		return; /* the list is still whole without its countdowns */
	}
	sb_free(&sql);
	db_bind_text(s, 1, e->name);
	for (int i = 0; i < n; i++) {
		char b[24];
		snprintf(b, sizeof b, "%lld", (long long)ids[i]);
		db_bind_text(s, i + 2, b);
	}
	struct wd_calendar *cal = NULL;
	json_t *seen = json_object();
	sb_add(out, ",\"deadlines\":{");
	int any = 0;
	while (db_step(s) == DB_ROW) {
		const char *id = db_col_text(s, 0), *kind = db_col_text(s, 1), *due = db_col_text(s, 2);
		dl_countdown k;
		if (!id || !kind || !due || json_object_get(seen, id) ||
		    deadline_countdown(c, &cal, due, (int)db_col_int(s, 3), 0, &k) != 0)
			continue;
		json_object_set_new(seen, id, json_true());
		long left = k.left;
		int working = k.working, overdue = k.overdue;
		if (any++)
			sb_addc(out, ',');
		sb_json_str(out, id);
		sb_add(out, ":{\"kind\":");
		sb_json_str(out, kind);
		sb_add(out, ",\"due\":");
		sb_json_str(out, due);
		sb_printf(out, ",\"left\":%ld,\"unit\":\"%s\",\"overdue\":%s}", left, working ? "working_days" : "days",
			  overdue ? "true" : "false");
	}
	sb_addc(out, '}');
	db_finalize(s);
	json_decref(seen);
	if (cal)
		calendar_free(cal);
}
