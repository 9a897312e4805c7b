/* requests.c — service requests (服务请求) from enterprises and parks:
 * licensing guidance, standards help, metrology, testing capacity, the
 * licensing evaluation of an investment project. A request takes the time
 * limit of the published commitment of its kind (commitments.c) and its
 * due day on the one working-day calendar (core/calendar.c: the day of
 * receipt not counted, rest days and holidays skipped, make-up working days
 * counted); it is accepted by a handler, replied to, and rated by the
 * enterprise on a scale of 1 to 5. A request still open after its due day
 * is escalated once by the daily scan (督办): the in-place step "escalate"
 * records the day, and it stands on the leader's to-do (and so in the
 * bell, core/notify.c) until it is answered. Small and micro enterprises
 * (the enterprise register's size, else the size given on the request) and
 * park enterprises are marked for the report (report.c). */
#include "core/calendar.h"
#include "lib/date.h"
#include "lib/strbuf.h"
#include "modules/modules.h"
#include "modules/services/services.h"

#include <stdio.h>
#include <string.h>

const char *svc_str(const json_t *row, const char *k)
{
	const char *v = json_string_value(json_object_get(row, k));
	return v && *v ? v : NULL;
}

int64_t svc_int(const json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

const char *svc_query(const void *query, const char *name)
{
	const kv_list *q = query;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, name))
			return q->items[i].v ? q->items[i].v : "";
	return NULL;
}

static int is_small_micro(const char *size)
{
	return size && (!strcmp(size, "small") || !strcmp(size, "micro"));
}

/* The published commitment that governs a kind: the first by code with a
 * time limit; 0 when none. */
static int64_t commitment_of_kind(zj_ctx *c, const char *kind)
{
	const char *p[] = {kind};
	return db_query_int(
		c->db,
		"SELECT id FROM svc_commitments WHERE request_kind = ? AND state = 'published' AND deleted = 0"
		" AND time_limit_days IS NOT NULL ORDER BY code LIMIT 1",
		1, p, 0);
}

/* From the enterprise register: its size when it records one (the register
 * wins over what the request says), its park, its jurisdiction. */
static void fill_from_enterprise(zj_ctx *c, json_t *row)
{
	int64_t eid = svc_int(row, "enterprise_id");
	json_t *ent = eid ? crud_load(c, &ent_enterprises, eid) : NULL;
	if (!ent)
		return;
	if (svc_str(ent, "size"))
		json_object_set(row, "size", json_object_get(ent, "size"));
	if (!svc_str(row, "park") && svc_str(ent, "park"))
		json_object_set(row, "park", json_object_get(ent, "park"));
	if (!svc_int(row, "jurisdiction_id") && svc_int(ent, "jurisdiction_id"))
		json_object_set(row, "jurisdiction_id", json_object_get(ent, "jurisdiction_id"));
	json_decref(ent);
}

/* The time limit and due day: from the commitment, on the working-day
 * calendar from the day of receipt. Only while the request is new (the
 * clock of an accepted request does not move). */
static void fill_deadline(zj_ctx *c, json_t *row, const json_t *old)
{
	const char *st = old ? svc_str(old, "state") : NULL;
	if (st && strcmp(st, "received"))
		return;
	if (!svc_int(row, "commitment_id") && svc_str(row, "kind")) {
		int64_t cid = commitment_of_kind(c, svc_str(row, "kind"));
		if (cid)
			json_object_set_new(row, "commitment_id", json_integer(cid));
	}
	json_t *cm = svc_int(row, "commitment_id") ? crud_load(c, &svc_ent_commitments, svc_int(row, "commitment_id"))
						   : NULL;
	int64_t n = cm ? svc_int(cm, "time_limit_days") : 0;
	json_decref(cm);
	char due[11];
	int uncovered = 0;
	if (n > 0 && svc_str(row, "received_on") &&
	    calendar_due(c->db, svc_str(row, "received_on"), (int)n, DL_WORKING_DAYS, due, &uncovered) == 0) {
		json_object_set_new(row, "time_limit_days", json_integer(n));
		json_object_set_new(row, "due_on", json_string(due));
	} else {
		json_object_set_new(row, "time_limit_days", json_null());
		json_object_set_new(row, "due_on", json_null());
	}
}

static void req_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!svc_str(row, "received_on"))
		json_object_set_new(row, "received_on", json_string(c->today));
	fill_from_enterprise(c, row);
	/* a park's own request: the jurisdiction of whoever takes it in */
	if (!old && !svc_int(row, "jurisdiction_id") && c->user && c->user->jurisdiction_id)
		json_object_set_new(row, "jurisdiction_id", json_integer(c->user->jurisdiction_id));
	fill_deadline(c, row, old);
	json_object_set_new(row, "small_micro", json_boolean(is_small_micro(svc_str(row, "size"))));
	json_object_set_new(row, "in_park", json_boolean(svc_str(row, "park") != NULL));
}

static void req_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!svc_int(row, "enterprise_id") && !svc_str(row, "park"))
		crud_field_error(c, errors, "enterprise_id", FE_REQUIRED, "请填写提出请求的企业或园区",
				 "give the enterprise or the park making the request");
	date_days on, today;
	if (svc_str(row, "received_on") && date_parse(svc_str(row, "received_on"), &on) == DATE_OK &&
	    date_parse(c->today, &today) == DATE_OK && on > today)
		crud_field_error(c, errors, "received_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	int64_t cid = svc_int(row, "commitment_id");
	json_t *cm = cid ? crud_load(c, &svc_ent_commitments, cid) : NULL;
	if (cm && (!svc_str(cm, "state") || strcmp(svc_str(cm, "state"), "published")))
		crud_field_error(c, errors, "commitment_id", FE_STATE, "只能依据已公开的服务承诺",
				 "only a published commitment governs a request");
	json_decref(cm);
	/* what the clock counts from is fixed once the request is accepted */
	const char *st = old ? svc_str(old, "state") : NULL;
	static const char *const fixed[] = {"kind", "received_on", "commitment_id", "enterprise_id"};
	for (size_t i = 0; st && strcmp(st, "received") && i < sizeof fixed / sizeof fixed[0]; i++) {
		json_t *a = json_object_get(row, fixed[i]), *b = json_object_get(old, fixed[i]);
		if (!json_equal(a ? a : json_null(), b ? b : json_null()))
			crud_field_error(c, errors, fixed[i], FE_LOCKED, "请求受理后，类别、登记日期和承诺不能修改",
					 "once accepted, the kind, the day of receipt and the commitment are fixed");
	}
}

/* The committed deadline on the calendar: opened with the request, moved
 * with its day of receipt while it is new, closed by the reply. It belongs
 * to no one state (received and handling both run on it). */
static int req_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	const char *due = svc_str(row, "due_on"), *was = old ? svc_str(old, "due_on") : NULL;
	if (old && due && was && !strcmp(due, was))
		return 0;
	if (old && (!svc_str(row, "state") || strcmp(svc_str(row, "state"), "received")))
		return 0;
	if (old && workflow_close_deadlines(c, "service_requests", id, "reply_due") != DB_OK)
		return -1;
	if (!due)
		return 0;
	return workflow_open_deadline(c, "service_requests", id, "reply_due", NULL, svc_str(row, "received_on"),
				      (int)svc_int(row, "time_limit_days"), DL_WORKING_DAYS, NULL) == DB_OK
		       ? 0
		       : -1;
}

static const entity_hooks req_hooks = {.prepare = req_prepare,
				       .validate = req_validate,
				       .after_write = req_after_write};

/* The reply: its day, and whether it kept the committed time. */
static void reply_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_t *row = crud_load(c, e, id);
	json_object_set_new(given, "replied_on", json_string(c->today));
	json_object_set_new(given, "on_time", json_boolean(svc_on_time(c->today, row ? svc_str(row, "due_on") : NULL)));
	json_decref(row);
}

static void escalate_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "escalated_on", json_string(c->today));
	(void)e, (void)id;
}

static int close_clock(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return workflow_close_deadlines(c, "service_requests", id, "reply_due") == DB_OK ? 0 : -1;
}

/* Escalation is for what is late: before the due day there is nothing to urge. */
static int escalate_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const char *due = svc_str(row, "due_on");
	if (due && strcmp(c->today, due) > 0 && !svc_str(row, "escalated_on"))
		return 0;
	return ctx_problem(c, PROB_STEP_FAILED,
			   TR(c, "只有超过承诺时限且尚未督办的请求才能督办",
			      "only a request past its committed time and not yet escalated is escalated"));
}

static const wf_state req_states[] = {
	{"received", "已登记", "Received"}, {"handling", "办理中", "In hand"}, {"replied", "已答复", "Replied"},
	{"rated", "已评价", "Rated", 1},    {"closed", "已办结", "Closed", 1}, {"withdrawn", "已撤回", "Withdrawn", 1},
};
static const wf_transition req_steps[] = {
	{"accept", "受理", "Accept", "received", "handling", .requires = "handler"},
	{"reply", "答复", "Reply", "received,handling", "replied", .requires = "reply", .on_enter = close_clock,
	 .fill = reply_fill},
	{"rate", "录入企业评价", "Record the rating", "replied", "rated", .requires = "rating"},
	{"close", "办结（企业未评价）", "Close unrated", "replied", "closed", .aside = 1},
	{"withdraw", "撤回", "Withdraw", "received,handling", "withdrawn", .requires = "reason",
	 .on_enter = close_clock, .aside = 1},
	{"escalate", "逾期督办", "Escalate", "received,handling", WF_STAY, .guard = escalate_guard,
	 .fill = escalate_fill},
};
static const workflow_def req_workflow = {"received", req_states, ZJ_COUNT(req_states), req_steps, ZJ_COUNT(req_steps)};

/* clang-format off */
static const field_def req_fields[] = {
	{"subject", FT_TEXT, "请求事项", "Request", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"kind", FT_DICT, "服务类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "svc_kind"},
	{"enterprise_id", FT_REF, "企业", "Enterprise", F_LIST | F_FILTER, .ref = "enterprises"},
	{"park", FT_TEXT, "园区", "Park", F_LIST | F_FILTER | F_SEARCH, 0, 100,
	 .help_zh = "园区提出的请求，或企业所在园区（企业登记有园区时自动带出）", .help_en = "the park making the request, or the enterprise's park (from the register)"},
	{"detail", FT_TEXT, "请求内容", "Details", 0, 0, 4000},
	{"contact", FT_TEXT, "联系人", "Contact", 0, 0, 50},
	{"phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"received_on", FT_DATE, "登记日期", "Received on", F_REQUIRED | F_FILLED | F_LIST | F_FILTER | F_SORT},
	{"commitment_id", FT_REF, "依据的服务承诺", "Commitment", F_FILTER, .ref = "service_commitments",
	 .help_zh = "留空时按服务类别取已公开的承诺", .help_en = "empty: the published commitment of the kind"},
	{"time_limit_days", FT_INT, "承诺时限", "Time limit", F_READONLY, .unit = "个工作日"},
	{"due_on", FT_DATE, "承诺办结日", "Due on", F_READONLY | F_LIST | F_FILTER},
	{"size", FT_DICT, "企业规模", "Size", F_FILTER, .dict = "enterprise_size",
	 .help_zh = "企业登记有规模时以登记为准", .help_en = "the enterprise register's size, when it records one"},
	{"small_micro", FT_BOOL, "小微企业", "Small or micro", F_READONLY | F_FILTER},
	{"in_park", FT_BOOL, "园区企业", "In a park", F_READONLY | F_FILTER},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_FILTER, .ref = "jurisdictions"},
	{"handler", FT_TEXT, "承办人", "Handler", F_READONLY | F_LIST, 0, 50},
	{"reply", FT_TEXT, "答复内容", "Reply", F_READONLY, 2, 4000},
	{"replied_on", FT_DATE, "答复日期", "Replied on", F_READONLY | F_LIST},
	{"on_time", FT_BOOL, "按时办结", "On time", F_READONLY | F_FILTER},
	{"rating", FT_INT, "企业评价", "Rating", F_READONLY | F_FILTER, 0, 0, 1, 5,
	 .help_zh = "1（很不满意）至 5（很满意）", .help_en = "1 (very dissatisfied) to 5 (very satisfied)", .unit = "分"},
	{"rating_note", FT_TEXT, "评价意见", "Comment", 0, 0, 1000, .stage = "replied"},
	{"escalated_on", FT_DATE, "督办日期", "Escalated on", F_READONLY | F_FILTER},
	{"reason", FT_TEXT, "撤回原因", "Why withdrawn", F_READONLY, 0, 500},
};
/* clang-format on */

static const entity_action req_actions[] = {
	{"report", "GET", NULL, 0, svc_requests_report, .read_only = 1},
	{"escalate", "POST", "service_requests.escalate_overdue", 0, svc_requests_escalate, 0, "运行逾期督办",
	 "Run the overdue escalation", 1},
};

const entity_def svc_ent_requests = {
	.name = "service_requests",
	.table = "svc_requests",
	.label_zh = "服务请求",
	.label_en = "Service requests",
	.menu = "services",
	.fields = req_fields,
	.nfields = ZJ_COUNT(req_fields),
	.label_field = "subject",
	.juris_field = "jurisdiction_id",
	.default_sort = "-received_on",
	.workflow = &req_workflow,
	.hooks = &req_hooks,
	.actions = req_actions,
	.nactions = ZJ_COUNT(req_actions),
	.no_delete = 1,
	.first_columns = "subject,state,deadline,kind,enterprise_id,park,received_on,due_on",
};
