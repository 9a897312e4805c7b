/* parks.c — cooperation with industrial parks and local governments: the
 * agreements signed (parties, date, what each side commits to: testing
 * capacity, licensing evaluation in project review, an investment service
 * guide, as with 达茂旗), the joint meetings held under them (date,
 * participants, decisions) and each meeting's follow-ups, with the unit that
 * acts and its deadline (open → done; the deadline stands on that unit's
 * to-do and countdown like any workflow deadline). */
#include "lib/date.h"
#include "modules/modules.h"
#include "modules/services/services.h"

#include <string.h>

static int order_ok(const json_t *row, const char *a, const char *b)
{
	const char *x = svc_str(row, a), *y = svc_str(row, b);
	return !x || !y || strcmp(x, y) <= 0;
}

/* ---- agreements ---- */

static void ag_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (!order_ok(row, "signed_on", "valid_to"))
		crud_field_error(c, errors, "valid_to", FE_ORDER, "有效期至不能早于签订日期",
				 "cannot be earlier than the day signed");
	(void)old;
}

static const entity_hooks ag_hooks = {.validate = ag_validate};

/* clang-format off */
static const field_def ag_fields[] = {
	{"title", FT_TEXT, "协议名称", "Agreement", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"park", FT_TEXT, "园区或地区", "Park or area", F_REQUIRED | F_LIST | F_FILTER | F_SEARCH, 2, 100},
	{"parties", FT_TEXT, "签约各方", "Parties", F_REQUIRED | F_LIST, 2, 500},
	{"signed_on", FT_DATE, "签订日期", "Signed on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"valid_to", FT_DATE, "有效期至", "Valid until", 0},
	{"commitments", FT_TEXT, "合作内容与承诺", "What each side commits to", 0, 0, 4000},
	{"jurisdiction_id", FT_REF, "区划", "Jurisdiction", F_FILTER, .ref = "jurisdictions"},
};
/* clang-format on */

const entity_def svc_ent_agreements = {
	.name = "park_agreements",
	.table = "svc_agreements",
	.label_zh = "园区合作协议",
	.label_en = "Park agreements",
	.menu = "services",
	.fields = ag_fields,
	.nfields = ZJ_COUNT(ag_fields),
	.label_field = "title",
	.juris_field = "jurisdiction_id",
	.default_sort = "-signed_on",
	.hooks = &ag_hooks,
	.no_delete = 1,
	.first_columns = "title,park,parties,signed_on",
};

/* ---- joint meetings ---- */

static void mt_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	int64_t aid = svc_int(row, "agreement_id");
	json_t *ag = aid && !svc_str(row, "park") ? crud_load(c, &svc_ent_agreements, aid) : NULL;
	if (ag)
		json_object_set(row, "park", json_object_get(ag, "park"));
	json_decref(ag);
	(void)old;
}

static const entity_hooks mt_hooks = {.prepare = mt_prepare};

/* clang-format off */
static const field_def mt_fields[] = {
	{"held_on", FT_DATE, "会议日期", "Held on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"park", FT_TEXT, "园区或地区", "Park or area", F_REQUIRED | F_FILLED | F_LIST | F_FILTER | F_SEARCH, 2, 100,
	 .help_zh = "依据协议召开的会议，留空时取协议的园区", .help_en = "empty: the agreement's park"},
	{"agreement_id", FT_REF, "依据的协议", "Agreement", F_LIST | F_FILTER, .ref = "park_agreements"},
	{"place", FT_TEXT, "会议地点", "Place", 0, 0, 200},
	{"participants", FT_TEXT, "参会单位和人员", "Participants", F_REQUIRED, 2, 1000},
	{"decisions", FT_TEXT, "议定事项", "Decisions", F_REQUIRED, 2, 4000},
};
/* clang-format on */

const entity_def svc_ent_meetings = {
	.name = "park_meetings",
	.table = "svc_meetings",
	.label_zh = "联席会议",
	.label_en = "Joint meetings",
	.menu = "services",
	.fields = mt_fields,
	.nfields = ZJ_COUNT(mt_fields),
	.label_field = "held_on",
	.default_sort = "-held_on",
	.hooks = &mt_hooks,
	.no_delete = 1,
	.first_columns = "held_on,park,agreement_id",
};

/* ---- follow-ups ---- */

static void fu_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	json_t *m = svc_int(row, "meeting_id") ? crud_load(c, &svc_ent_meetings, svc_int(row, "meeting_id")) : NULL;
	const char *held = m ? svc_str(m, "held_on") : NULL, *due = svc_str(row, "due_on");
	if (held && due && strcmp(due, held) < 0)
		crud_field_error(c, errors, "due_on", FE_ORDER, "完成期限不能早于会议日期",
				 "cannot be earlier than the meeting");
	json_decref(m);
	const char *st = old ? svc_str(old, "state") : NULL;
	json_t *a = json_object_get(row, "due_on"), *b = old ? json_object_get(old, "due_on") : NULL;
	if (st && strcmp(st, "open") && !json_equal(a ? a : json_null(), b ? b : json_null()))
		crud_field_error(c, errors, "due_on", FE_CLOSED, "已完成的事项不能修改期限",
				 "done: the deadline is fixed");
}

/* The deadline is the day the meeting set: opened with the follow-up (its
 * state `open`, so the step out of it closes it), moved when that day moves. */
static int fu_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	const char *due = svc_str(row, "due_on"), *was = old ? svc_str(old, "due_on") : NULL;
	if (!due || (was && !strcmp(due, was)))
		return 0;
	if (old)
		return workflow_move_deadline(c, "park_followups", id, "followup_due", due) == DB_OK ? 0 : -1;
	return workflow_open_deadline(c, "park_followups", id, "followup_due", "open", due, 0, DL_CALENDAR_DAYS,
				      NULL) == DB_OK
		       ? 0
		       : -1;
}

static void done_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	json_object_set_new(given, "done_on", json_string(c->today));
	(void)e, (void)id;
}

static const entity_hooks fu_hooks = {.validate = fu_validate, .after_write = fu_after_write};

static const wf_state fu_states[] = {
	{"open", "待落实", "Open"},
	{"done", "已落实", "Done", 1},
	{"dropped", "不再落实", "Dropped", 1},
};
static const wf_transition fu_steps[] = {
	{"complete", "落实完成", "Done", "open", "done", .requires = "result", .fill = done_fill},
	{"drop", "不再落实", "Drop", "open", "dropped", .requires = "result", .aside = 1},
};
static const workflow_def fu_workflow = {"open", fu_states, ZJ_COUNT(fu_states), fu_steps, ZJ_COUNT(fu_steps)};

/* clang-format off */
static const field_def fu_fields[] = {
	{"task", FT_TEXT, "落实事项", "Follow-up", F_REQUIRED | F_LIST | F_SEARCH, 2, 500},
	{"meeting_id", FT_REF, "联席会议", "Meeting", F_REQUIRED | F_LIST | F_FILTER, .ref = "park_meetings"},
	{"unit_id", FT_REF, "责任单位", "Unit responsible", F_LIST | F_FILTER, .ref = "units"},
	{"due_on", FT_DATE, "完成期限", "Due on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"result", FT_TEXT, "落实情况", "Result", F_READONLY, 2, 2000},
	{"done_on", FT_DATE, "完成日期", "Done on", F_READONLY | F_LIST},
};
/* clang-format on */

const entity_def svc_ent_followups = {
	.name = "park_followups",
	.table = "svc_followups",
	.label_zh = "会议议定事项落实",
	.label_en = "Meeting follow-ups",
	.menu = "services",
	.fields = fu_fields,
	.nfields = ZJ_COUNT(fu_fields),
	.label_field = "task",
	.default_sort = "due_on",
	.workflow = &fu_workflow,
	.hooks = &fu_hooks,
	.no_delete = 1,
	.first_columns = "task,state,deadline,meeting_id,unit_id,due_on",
};
