/* escalate.c — 督办: a service request still open after its committed due
 * day is escalated once, by the daily scan (a periodic job of `serve`, and
 * POST /service_requests/actions/escalate to run it now). The scan takes the
 * in-place step "escalate" through the core (workflow_apply: history,
 * audit), which records the day; the request then stands on the to-do of
 * whoever holds the step's permission (the director) until it is answered,
 * and the core's bell (core/notify.c) tells them. The handler's own to-do
 * already shows the deadline passed. */
#include "lib/strbuf.h"
#include "modules/modules.h"
#include "modules/services/services.h"

#include <stdlib.h>
#include <string.h>

enum { ESCALATE_MAX = 5000 };

int svc_escalate(zj_ctx *c, const char *today, int *n)
{
	*n = 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id FROM svc_requests WHERE deleted = 0 AND state IN ('received', 'handling')"
		       " AND due_on IS NOT NULL AND due_on < ? AND escalated_on IS NULL ORDER BY id LIMIT 5000",
		       &s) != DB_OK)
		return DB_ERR;
	db_bind_text(s, 1, today);
	int64_t *ids = malloc(ESCALATE_MAX * sizeof *ids);
	int k = 0, rc;
	if (!ids) {
		db_finalize(s);
		return DB_ERR;
	}
	for (rc = db_step(s); rc == DB_ROW && k < ESCALATE_MAX; rc = db_step(s))
		ids[k++] = db_col_int(s, 0);
	db_finalize(s);
	if (rc != DB_DONE && rc != DB_ROW) {
		free(ids);
		return DB_ERR;
	}
	rc = db_begin(c->db);
	for (int i = 0; rc == DB_OK && i < k; i++) {
		json_t *f = json_pack("{s:s}", "escalated_on", today);
		rc = workflow_apply(c, &svc_ent_requests, ids[i], "escalate", f, "超过承诺时限") == 0 ? DB_OK : DB_ERR;
		json_decref(f);
	}
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK)
		db_rollback(c->db);
	else
		*n = k;
	free(ids);
	return rc;
}

/* Daily: once per date in this process (a second server's run finds them
 * escalated already and does nothing). */
static int job_escalate(db *d, const char *now)
{
	static char done[11];
	zj_ctx c;
	ctx_init(&c, d);
	int n = 0, rc = DB_OK;
	if (strcmp(done, c.today)) {
		rc = svc_escalate(&c, c.today, &n);
		if (rc == DB_OK)
			snprintf(done, sizeof done, "%s", c.today);
		else
			fprintf(stderr, "service_escalation: %s\n", db_errmsg(d));
	}
	ctx_clear(&c);
	(void)now;
	return rc;
}

const periodic_job svc_jobs[] = {
	{"service_escalation", 74530327, 3600, job_escalate},
	{NULL},
};

int svc_requests_escalate(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	int n = 0;
	zj_user *who = c->user;
	c->user = NULL; /* the scan's steps are the system's, as when the job takes them */
	int rc = svc_escalate(c, c->today, &n);
	c->user = who;
	if (rc != DB_OK)
		return c->status >= 400 ? c->status : ctx_internal(c, "svc escalate", db_errmsg(c->db));
	out->json = json_pack("{s:s, s:i}", "today", c->today, "escalated", n);
	char zh[120], en[120];
	snprintf(zh, sizeof zh, "逾期督办已运行：新督办 %d 件超过承诺时限的服务申请", n);
	snprintf(en, sizeof en, "Overdue escalation run: %d request(s) past their committed time escalated", n);
	action_summary(out, zh, en);
	return 200;
}

/* The leader's to-do: the escalated requests still open, in their scope. */
int svc_todo_escalated(zj_ctx *c, json_t *items)
{
	if (!c->user || !ctx_can(c, "service_requests.t.escalate"))
		return 0;
	strbuf sql;
	sb_init(&sql);
	json_t *params = json_array();
	sb_add(&sql, "SELECT t.id FROM svc_requests t WHERE t.deleted = 0 AND t.state IN ('received', 'handling')"
		     " AND t.escalated_on IS NOT NULL");
	crud_scope_sql(c, &svc_ent_requests, ctx_scope(c, "service_requests.t.escalate"), &sql, params);
	sb_add(&sql, " ORDER BY t.due_on, t.id LIMIT 200");
	db_stmt *s;
	int rc = -1;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		while (db_step(s) == DB_ROW)
			json_array_append_new(items,
					      json_pack("{s:s, s:I, s:s, s:{s:s, s:s}}", "entity", "service_requests",
							"id", (json_int_t)db_col_int(s, 0), "kind", "escalated",
							"action", "zh", "督办逾期的服务请求", "en",
							"Follow up an overdue service request"));
		db_finalize(s);
		rc = 0;
	}
	json_decref(params), sb_free(&sql);
	return rc;
}
