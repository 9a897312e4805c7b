/* conduct.c — complaints about the bureau's own staff and service (政风行风):
 * taken in (by letter, phone, the 12345 hotline, the portal, in person),
 * accepted for handling, and concluded with a finding (substantiated, partly
 * substantiated, unsubstantiated) and the result. A matter accepted is
 * concluded within 60 days: 信访工作条例 (2022), as 信访条例 (2005) 第三十三条
 * had it (the article number of the 2022 text is to be checked against the
 * official text) — the deadline entering
 * `handling` starts. The yearly count (GET /conduct_complaints/actions/
 * yearly?year=) is computed from the records: received, concluded, and
 * substantiated in full or in part — so "zero complaints" in a year is a
 * figure the register produces, never a claim typed in. */
#include "modules/modules.h"
#include "modules/services/services.h"

#include <stdlib.h>
#include <string.h>

static void cd_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!svc_str(row, "received_on"))
		json_object_set_new(row, "received_on", json_string(c->today));
	(void)old;
}

static void cd_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *on = svc_str(row, "received_on");
	if (on && strcmp(on, c->today) > 0)
		crud_field_error(c, errors, "received_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	(void)old;
}

static void conclude_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "concluded_on", json_string(c->today));
	(void)e, (void)id;
}

static const entity_hooks cd_hooks = {.prepare = cd_prepare, .validate = cd_validate};

static const wf_state cd_states[] = {
	{"received", "已登记", "Received"},
	{"handling", "调查处理中", "Under investigation"},
	{"concluded", "已办结", "Concluded", 1},
	{"not_accepted", "不予受理", "Not accepted", 1},
};
static const wf_transition cd_steps[] = {
	{"accept", "受理", "Accept", "received", "handling", .deadline = "conclude_due", .dl_unit = DL_CALENDAR_DAYS,
	 .dl_n = 60, .dl_from = "received_on"},
	{"conclude", "办结", "Conclude", "handling", "concluded", .requires = "finding,result", .fill = conclude_fill},
	{"refuse", "不予受理", "Not accepted", "received", "not_accepted", .requires = "reason", .aside = 1},
};
static const workflow_def cd_workflow = {"received", cd_states, ZJ_COUNT(cd_states), cd_steps, ZJ_COUNT(cd_steps)};

/* clang-format off */
static const field_def cd_fields[] = {
	{"subject", FT_TEXT, "投诉事项", "Complaint", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"received_on", FT_DATE, "收到日期", "Received on", F_REQUIRED | F_FILLED | F_LIST | F_FILTER | F_SORT},
	{"channel", FT_DICT, "来源渠道", "Channel", F_REQUIRED | F_LIST | F_FILTER, .dict = "svc_conduct_channel"},
	{"complainant", FT_TEXT, "投诉人", "Complainant", F_PERSONAL, 0, 50},
	{"phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"about_unit_id", FT_REF, "被投诉单位", "Unit complained of", F_LIST | F_FILTER, .ref = "units"},
	{"about_staff", FT_TEXT, "被投诉人员", "Staff complained of", F_PERSONAL, 0, 100},
	{"content", FT_TEXT, "投诉内容", "What happened", F_REQUIRED, 2, 4000},
	{"handling_note", FT_TEXT, "调查情况", "Investigation", 0, 0, 4000},
	{"finding", FT_DICT, "核查结论", "Finding", F_READONLY | F_LIST | F_FILTER, .dict = "svc_conduct_finding"},
	{"result", FT_TEXT, "处理结果", "Result", F_READONLY, 2, 2000},
	{"concluded_on", FT_DATE, "办结日期", "Concluded on", F_READONLY | F_LIST},
	{"reason", FT_TEXT, "不予受理理由", "Why not accepted", F_READONLY, 0, 500},
};
/* clang-format on */

static const entity_action cd_actions[] = {
	{"yearly", "GET", NULL, 0, svc_conduct_yearly, .read_only = 1},
};

const entity_def svc_ent_conduct = {
	.name = "conduct_complaints",
	.table = "svc_conduct",
	.label_zh = "政风行风投诉",
	.label_en = "Conduct complaints",
	.menu = "services",
	.fields = cd_fields,
	.nfields = ZJ_COUNT(cd_fields),
	.label_field = "subject",
	.default_sort = "-received_on",
	.workflow = &cd_workflow,
	.hooks = &cd_hooks,
	.actions = cd_actions,
	.nactions = ZJ_COUNT(cd_actions),
	.no_delete = 1,
	.first_columns = "subject,state,deadline,channel,received_on,about_unit_id,finding",
};

/* GET /conduct_complaints/actions/yearly?year=YYYY */
int svc_conduct_yearly(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
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
	char from[11], to[11];
	snprintf(from, sizeof from, "%04ld-01-01", year);
	snprintf(to, sizeof to, "%04ld-12-31", year);
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'concluded' THEN 1 ELSE 0 END), 0),"
		       " COALESCE(SUM(CASE WHEN finding IN ('substantiated', 'partly') THEN 1 ELSE 0 END), 0),"
		       " COALESCE(SUM(CASE WHEN state IN ('received', 'handling') THEN 1 ELSE 0 END), 0),"
		       " COALESCE(SUM(CASE WHEN state = 'not_accepted' THEN 1 ELSE 0 END), 0)"
		       " FROM svc_conduct WHERE deleted = 0 AND received_on >= ? AND received_on <= ?",
		       &s) != DB_OK)
		return ctx_internal(c, "svc conduct yearly", db_errmsg(c->db));
	db_bind_text(s, 1, from), db_bind_text(s, 2, to);
	if (db_step(s) != DB_ROW) {
		db_finalize(s);
		return ctx_internal(c, "svc conduct yearly", db_errmsg(c->db));
	}
	json_int_t n[5];
	for (int i = 0; i < 5; i++)
		n[i] = (json_int_t)db_col_int(s, i);
	db_finalize(s);
	out->json = json_pack("{s:i, s:I, s:I, s:I, s:I, s:I}", "year", (int)year, "received", n[0], "concluded", n[1],
			      "substantiated", n[2], "open", n[3], "not_accepted", n[4]);
	return 200;
}
