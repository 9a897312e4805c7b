/* instructions.c — leaders' written instructions (领导批示) and their
 * handling (督办): registered (登记) → assigned to the units that act, with
 * a deadline on the one calendar (交办) → feedback reported (反馈) → closed
 * (办结). Progress notes are records of their own (ledger_notes). The
 * deadline is a core deadline, so the to-do list counts it down, the bell
 * reminds the unit within NOTIFY_DUE_WORKDAYS working days and says when it
 * has passed; an instruction past its deadline becomes a 督办 to-do of those
 * who may urge (催办, an in-place step that counts the urgings). The yearly
 * count and the share fed back on time (ledger_instruction_stats) are what
 * the bureau's year-end summary quotes. */
#include "core/numbering.h"
#include "lib/decimal.h"
#include "modules/ledger/ledger.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

#define LG_DUE "instruction_due"

static int no_taken(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	char no[80];
	(void)ud;
	if (numbering_format("批〔{year}〕{n}号", period, period, n, no, sizeof no) != 0)
		return 0;
	const char *p[] = {no};
	return db_query_int(c->db, "SELECT 1 FROM ledger_instructions WHERE instruction_no = ?", 1, p, 0) == 1;
}

static void instr_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const char *on = lg_str(row, "instructed_on");
	if (old || lg_str(row, "instruction_no") || !on || strlen(on) < 4)
		return;
	char year[8], no[80];
	snprintf(year, sizeof year, "%.4s", on);
	int64_t n;
	if (numbering_take(c, "ledger_instructions", "批〔{year}〕{n}号", year, no_taken, NULL, &n, no, sizeof no) ==
	    DB_OK)
		json_object_set_new(row, "instruction_no", json_string(no));
}

static void instr_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	(void)old;
	const char *on = lg_str(row, "instructed_on"), *due = lg_str(row, "deadline");
	if (on && strcmp(on, c->today) > 0)
		crud_field_error(c, errors, "instructed_on", FE_FUTURE, "批示日期不能晚于今天",
				 "cannot be later than today");
	if (on && due && strcmp(due, on) < 0)
		crud_field_error(c, errors, "deadline", FE_ORDER, "办理期限不能早于批示日期",
				 "the deadline cannot be before the date of the instruction");
	if (!lg_str(row, "report_id") && !json_is_integer(json_object_get(row, "report_id")) && !lg_str(row, "matter"))
		crud_field_error(c, errors, "matter", FE_REQUIRED, "请选择所批报送材料或填写批示事项",
				 "name the report or the matter instructed on");
}

static const entity_hooks instr_hooks = {.prepare = instr_prepare, .validate = instr_validate};

/* The deadline given with the step, kept as the core's deadline of the record. */
static int on_assign(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	(void)body;
	const char *due = lg_str(row, "deadline");
	if (!due)
		return 0;
	if (workflow_close_deadlines(c, e->name, id, LG_DUE) != DB_OK ||
	    workflow_open_deadline(c, e->name, id, LG_DUE, NULL, c->today, 0, DL_CALENDAR_DAYS, NULL) != DB_OK ||
	    workflow_move_deadline(c, e->name, id, LG_DUE, due) != DB_OK)
		return ctx_internal(c, "instruction deadline", db_errmsg(c->db));
	return 0;
}

static void fill_feedback(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	int64_t p[] = {id};
	(void)e;
	json_object_set_new(given, "fed_back_on", json_string(c->today));
	db_stmt *s;
	int on_time = 1;
	if (db_prepare(c->db, "SELECT deadline FROM ledger_instructions WHERE id = ?", &s) == DB_OK) {
		db_bind_int(s, 1, p[0]);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			on_time = strcmp(c->today, db_col_text(s, 0)) <= 0;
		db_finalize(s);
	}
	json_object_set_new(given, "on_time", json_boolean(on_time));
}

static int on_feedback(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	(void)row, (void)body;
	return workflow_close_deadlines(c, e->name, id, LG_DUE) == DB_OK
		       ? 0
		       : ctx_internal(c, "instruction deadline", db_errmsg(c->db));
}

static void fill_close(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	(void)e, (void)id;
	json_object_set_new(given, "closed_on", json_string(c->today));
}

static void fill_urge(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	int64_t p[] = {id};
	(void)e;
	int64_t n = db_query_int_ids(c->db, "SELECT COALESCE(urged_count, 0) FROM ledger_instructions WHERE id = ?", 1,
				     p, 0);
	json_object_set_new(given, "urged_count", json_integer(n + 1));
	json_object_set_new(given, "last_urged_on", json_string(c->today));
}

static const wf_state instr_states[] = {
	{"registered", "已登记", "Registered", 0},
	{"assigned", "办理中", "Being handled", 0},
	{"fed_back", "已反馈", "Feedback reported", 0},
	{"closed", "已办结", "Closed", 1},
};

/* clang-format off */
static const wf_transition instr_steps[] = {
	{"assign", "交办", "Assign", "registered", "assigned", .requires = "lead_unit_id,deadline", .on_enter = on_assign},
	{"urge", "催办", "Urge", "assigned", WF_STAY, .requires = "urge_note", .fill = fill_urge},
	{"feedback", "反馈办理结果", "Report feedback", "assigned", "fed_back", .requires = "feedback",
	 .fill = fill_feedback, .on_enter = on_feedback},
	{"return", "退回重办", "Return for more work", "fed_back", "assigned", .requires = "urge_note,deadline",
	 .on_enter = on_assign, .aside = 1},
	{"close", "办结", "Close", "fed_back", "closed", .fill = fill_close},
};
/* clang-format on */

static const workflow_def instr_workflow = {"registered", instr_states, ZJ_COUNT(instr_states), instr_steps,
					    ZJ_COUNT(instr_steps)};

/* clang-format off */
static const field_def instr_fields[] = {
	{"instruction_no", FT_TEXT, "批示编号", "Number", F_UNIQUE | F_FILLED | F_LIST | F_SEARCH | F_CODE, 0, 60,
	 .help_zh = "不填则按年度自动编号", .help_en = "numbered by year when left empty"},
	{"leader", FT_TEXT, "批示领导", "Leader", F_REQUIRED | F_LIST | F_SEARCH, 2, 60},
	{"leader_post", FT_TEXT, "领导职务", "Leader's post", F_SEARCH, 0, 100},
	{"instructed_on", FT_DATE, "批示日期", "Instructed on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"text", FT_TEXT, "批示内容", "Instruction", F_REQUIRED | F_SEARCH, 2, 4000},
	{"report_id", FT_REF, "所批报送材料", "Report instructed on", F_FILTER, .ref = "ledger_reports"},
	{"matter", FT_TEXT, "批示事项", "Matter", F_LIST | F_SEARCH, 0, 300},
	{"lead_unit_id", FT_REF, "主办单位", "Lead unit", F_FILTER | F_LIST, .ref = "units"},
	{"assigned_units", FT_TEXT, "协办单位", "Other units assigned", 0, 0, 400, .codes_of = "units",
	 .help_zh = "单位编码，以逗号分隔", .help_en = "unit codes, comma-separated"},
	{"deadline", FT_DATE, "办理期限", "Deadline", F_FILTER | F_LIST,
	 .help_zh = "不得早于批示日期；到期前3个工作日提醒，逾期转督办", .help_en = "not before the instruction's date; reminded 3 working days before, supervised once passed"},
	{"urge_note", FT_TEXT, "催办意见", "Urging note", 0, 0, 1000},
	{"urged_count", FT_INT, "催办次数", "Times urged", F_READONLY},
	{"last_urged_on", FT_DATE, "最近催办日期", "Last urged on", F_READONLY},
	{"feedback", FT_TEXT, "办理结果反馈", "Feedback", F_SEARCH, 0, 4000},
	{"fed_back_on", FT_DATE, "反馈日期", "Fed back on", F_READONLY | F_FILTER},
	{"on_time", FT_BOOL, "按期反馈", "On time", F_READONLY | F_FILTER},
	{"closed_on", FT_DATE, "办结日期", "Closed on", F_READONLY | F_FILTER},
};
/* clang-format on */

static const entity_action instr_actions[] = {
	{"stats", "GET", "ledger_instructions.read", 0, lg_instructions_stats, .read_only = 1},
};

const entity_def lg_ent_instructions = {
	.name = "ledger_instructions",
	.table = "ledger_instructions",
	.label_zh = "领导批示",
	.label_en = "Leaders' instructions",
	.menu = "ledger",
	.fields = instr_fields,
	.nfields = ZJ_COUNT(instr_fields),
	.label_field = "instruction_no",
	.default_sort = "-instructed_on",
	.workflow = &instr_workflow,
	.hooks = &instr_hooks,
	.actions = instr_actions,
	.nactions = ZJ_COUNT(instr_actions),
	.first_columns = "state,deadline,instruction_no,leader,instructed_on,matter,lead_unit_id",
};

/* ---- progress notes ---- */

static void note_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	(void)old;
	json_t *iv = json_object_get(row, "instruction_id");
	if (!json_is_integer(iv))
		return;
	int64_t p[] = {json_integer_value(iv)};
	int closed = db_query_int_ids(c->db,
				      "SELECT CASE WHEN state = 'closed' THEN 1 ELSE 0 END FROM"
				      " ledger_instructions WHERE id = ?",
				      1, p, 0) == 1;
	if (closed)
		crud_field_error(c, errors, "instruction_id", FE_CLOSED, "批示已办结，不能再添加进展",
				 "the instruction is closed: no more progress notes");
	const char *on = lg_str(row, "noted_on");
	if (on && strcmp(on, c->today) > 0)
		crud_field_error(c, errors, "noted_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
}

/* A note is the writer's unit's unless said otherwise. */
static void note_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (!old && c->user && c->user->unit_id > 0 && !json_is_integer(json_object_get(row, "unit_id")))
		json_object_set_new(row, "unit_id", json_integer(c->user->unit_id));
}

static const entity_hooks note_hooks = {.prepare = note_prepare, .validate = note_validate};

/* clang-format off */
static const field_def note_fields[] = {
	{"instruction_id", FT_REF, "批示", "Instruction", F_REQUIRED | F_LIST | F_FILTER, .ref = "ledger_instructions"},
	{"noted_on", FT_DATE, "日期", "Date", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"unit_id", FT_REF, "办理单位", "Unit", F_LIST | F_FILTER, .ref = "units"},
	{"progress", FT_TEXT, "办理进展", "Progress", F_REQUIRED | F_LIST | F_SEARCH, 2, 4000},
};
/* clang-format on */

const entity_def lg_ent_notes = {
	.name = "ledger_notes",
	.table = "ledger_notes",
	.label_zh = "批示办理进展",
	.label_en = "Progress notes",
	.menu = "ledger",
	.fields = note_fields,
	.nfields = ZJ_COUNT(note_fields),
	.label_field = "progress",
	.default_sort = "-noted_on",
	.hooks = &note_hooks,
	.first_columns = "noted_on,instruction_id,unit_id,progress",
};

/* ---- the year's count, the share on time, the 督办 to-do ---- */

/* The year's instructions matching `extra` (an SQL condition, ? = today). */
static int64_t count_where(zj_ctx *c, const char *year, const char *extra)
{
	char sql[400];
	snprintf(
		sql, sizeof sql,
		"SELECT COUNT(*) FROM ledger_instructions WHERE deleted = 0 AND substr(instructed_on, 1, 4) = ? AND %s",
		extra);
	const char *p[] = {year, c->today};
	return db_query_int(c->db, sql, strchr(extra, '?') ? 2 : 1, p, 0);
}

int ledger_instruction_stats(zj_ctx *c, int year, json_t **out)
{
	char y[8];
	snprintf(y, sizeof y, "%04d", year);
	int64_t count = count_where(c, y, "1 = 1"), fed = count_where(c, y, "fed_back_on IS NOT NULL"),
		on_time = count_where(c, y, "on_time = 1"), closed = count_where(c, y, "state = 'closed'"),
		overdue = count_where(c, y, "state = 'assigned' AND deadline < ?");
	/* the share fed back on time, of all the year's instructions, to one decimal (exact, no float) */
	char pct[32] = "0.0";
	dec a, b, r;
	if (count > 0 && dec_from_int(&a, on_time * 100, 0) == DEC_OK && dec_from_int(&b, count, 0) == DEC_OK &&
	    dec_div(&r, &a, &b, 1, DEC_ROUND_HALF_UP) == DEC_OK)
		dec_format(&r, pct, sizeof pct);
	*out = json_pack("{s:i, s:I, s:I, s:I, s:I, s:I, s:s}", "year", year, "count", (json_int_t)count, "fed_back",
			 (json_int_t)fed, "on_time", (json_int_t)on_time, "closed", (json_int_t)closed, "overdue",
			 (json_int_t)overdue, "on_time_pct", pct);
	return 200;
}

int lg_instructions_stats(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	(void)e, (void)id, (void)body;
	int year;
	if (lg_query_year(c, q, &year))
		return c->status;
	return ledger_instruction_stats(c, year, &out->json);
}

/* 督办: an instruction past its deadline without feedback is a to-do of
 * everyone who may urge it (the office, the director). */
int lg_todos(zj_ctx *c, json_t *items)
{
	if (!c->user || !ctx_can(c, "ledger_instructions.t.urge"))
		return 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id FROM ledger_instructions WHERE deleted = 0 AND state = 'assigned' AND deadline < ?"
		       " ORDER BY deadline, id LIMIT 200",
		       &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, c->today);
	while (db_step(s) == DB_ROW)
		json_array_append_new(items,
				      json_pack("{s:s, s:I, s:s, s:{s:s, s:s}}", "entity", "ledger_instructions", "id",
						(json_int_t)db_col_int(s, 0), "kind", "supervise", "action", "zh",
						"督办：批示已逾期未反馈", "en", "Supervise: overdue without feedback"));
	db_finalize(s);
	return 0;
}
