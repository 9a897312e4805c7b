/* food_retests.c — 复检 (re-test) and 异议 (objection), DOMAIN.md §11.2–11.3.
 * A business that received a non-conforming supervision result may apply
 * for a 复检 within 7 working days (食品安全法 Art. 88, F10; late = the
 * result is accepted). The regulator decides within 5 working days (F11);
 * no 复检 when a microbiological item failed, the backup sample is past its
 * shelf life, the application is late or the backup cannot serve (F12);
 * risk-monitoring samples have no backup, hence no 复检 (§11.4). The 复检
 * lab is drawn at random from the list and is never the first lab (F13);
 * the applicant pays in advance (实施条例 Art. 42) and the lab reports within
 * 10 working days of receiving the backup sample (F15). The 复检 conclusion
 * is final: conforming cancels the disposal and the regulator bears the fee,
 * non-conforming leaves everything as it is and the applicant pays. The
 * business's duties are not suspended meanwhile (F22): nothing here pauses
 * a disposal. An 异议 about the sampling is due within 7 working days of
 * sampling (F17), about the result, method or standard within 7 working
 * days of receiving it (F18); accepted or not within 5 (F19), reviewed
 * within 20 working days of receiving the materials (F20). */
#include "core/write.h"
#include "modules/food/food.h"
#include "modules/modules.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int is_fail(const json_t *sample, const char *field)
{
	const char *v = food_str(sample, field);
	return v && !strcmp(v, "fail");
}

static void copy_from_sample(zj_ctx *c, json_t *row, json_t **sample_out)
{
	json_t *s = crud_load(c, &ent_samples, food_id_of(row, "sample_id"));
	if (s) {
		json_object_set(row, "jurisdiction_id", json_object_get(s, "jurisdiction_id"));
		if (!food_id_of(row, "applicant_id"))
			json_object_set(row, "applicant_id", json_object_get(s, "enterprise_id"));
	}
	*sample_out = s;
}

static void check_dates(zj_ctx *c, const json_t *row, const char *first, const char *then, json_t *errors)
{
	const char *a = food_str(row, first), *b = food_str(row, then);
	if (b && strcmp(b, c->today) > 0)
		crud_field_error(c, errors, then, FE_CHECK, "日期不能晚于今天", "cannot be in the future");
	else if (a && b && strcmp(b, a) < 0)
		crud_field_error(c, errors, then, FE_ORDER, "收到日期不能早于申请日期",
				 "cannot be before the application date");
}

/* ---- 复检 ---- */

static void retest_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *s;
	copy_from_sample(c, row, &s);
	const char *window = s ? food_str(s, "retest_deadline") : NULL, *applied = food_str(row, "applied_on");
	json_object_set_new(row, "late", json_boolean(window && applied && strcmp(applied, window) > 0));
	json_decref(s);
}

static void retest_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	check_dates(c, row, "applied_on", "received_on", errors);
	json_t *s = crud_load(c, &ent_samples, food_id_of(row, "sample_id"));
	if (!s || old) {
		json_decref(s);
		return;
	}
	if (strcmp(food_str(s, "kind"), "supervision"))
		crud_field_error(c, errors, "sample_id", FE_CHECK, "风险监测样品没有复检备份样品，不能复检",
				 "risk-monitoring samples have no backup sample: no re-test");
	else if (!is_fail(s, "conclusion"))
		crud_field_error(c, errors, "sample_id", FE_CHECK, "只有不合格结论可以申请复检",
				 "only a non-conforming conclusion can be re-tested");
	else if (!food_str(s, "served_at"))
		crud_field_error(c, errors, "sample_id", FE_STATE, "检验结论尚未送达被抽样单位",
				 "the conclusion has not been served yet");
	else if (food_query_int(
			 c->db,
			 "SELECT COUNT(*) FROM retests WHERE sample_id = ? AND deleted = 0 AND state <> 'rejected'",
			 food_id_of(s, "id"), 0))
		crud_field_error(c, errors, "sample_id", FE_UNIQUE, "该样品已有复检申请",
				 "this sample already has a re-test application");
	json_decref(s);
}

static int retest_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	if (old)
		return 0;
	/* F11: decide within 5 working days of receiving the application */
	return food_open_deadline(c, "retests", id, "accept_due", "applied", "retest_accept",
				  food_str(row, "received_on"), NULL) == DB_OK
		       ? 0
		       : -1;
}

static void retest_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.retest_lab_id = ?");
	json_array_append_new(params, json_integer(c->user->unit_id));
}

/* F12: the cases where no 复检 is allowed. */
static int accept_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (json_is_true(json_object_get(row, "late")))
		return ctx_problem(c, PROB_RETEST_LATE,
				   TR(c, "应以“逾期提出”不予复检（办法第30、31条）",
				      "refuse it as late (Arts. 30–31)"));
	int64_t sample = food_id_of(row, "sample_id");
	if (food_query_int(
		    c->db,
		    "SELECT COUNT(*) FROM results r JOIN food_analytes a ON a.id = r.analyte_id WHERE r.sample_id = ? AND r.deleted = 0"
		    " AND a.microbial = 1 AND COALESCE(r.decided_verdict, r.verdict) = 'fail'",
		    sample, 0))
		return ctx_problem(c, PROB_RETEST_MICROBIOLOGICAL, TR(c, "办法第31条", "Art. 31"));
	json_t *s = crud_load(c, &ent_samples, sample);
	const char *keep = s ? food_str(s, "backup_keep_until") : NULL, *exp = s ? food_str(s, "expiry_date") : NULL;
	int expired = (keep && strcmp(c->today, keep) > 0) || (exp && strcmp(c->today, exp) > 0);
	json_decref(s);
	if (expired)
		return ctx_problem(c, PROB_RETEST_BACKUP_EXPIRED, TR(c, "办法第31条", "Art. 31"));
	return 0;
}

static int accept_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return food_open_deadline(c, "retests", id, "lab_due", "accepted", "retest_lab", c->today, NULL) == DB_OK ? 0
														  : -1;
}

/* F13 / 食品安全法 Art. 88: drawn at random from the listed labs, never the first lab. */
static int draw_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int64_t first =
		food_query_int(c->db, "SELECT lab_unit_id FROM samples WHERE id = ?", food_id_of(row, "sample_id"), 0);
	db_stmt *s;
	int64_t ids[64];
	char names[64][128];
	int n = 0;
	if (db_prepare(
		    c->db,
		    "SELECT l.unit_id, u.name FROM food_labs l JOIN units u ON u.id = l.unit_id WHERE l.deleted = 0 AND l.active = 1"
		    " AND l.retest_listed = 1 AND l.unit_id <> ? ORDER BY l.unit_id",
		    &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, first);
	int rc;
	for (rc = db_step(s); rc == DB_ROW && n < 64; rc = db_step(s)) {
		ids[n] = db_col_int(s, 0);
		snprintf(names[n], sizeof names[n], "%s", db_col_text(s, 1));
		n++;
	}
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE) { /* a draw among a part of the labs is no fair draw */
		ctx_internal(c, "re-test labs", db_errmsg(c->db));
		return -1;
	}
	if (n == 0) {
		ctx_problem(c, PROB_RETEST_NO_LAB,
			    TR(c, "复检机构不得与初检机构为同一机构", "the re-test lab cannot be the first lab"));
		return -1;
	}
	uint32_t pick = randombytes_uniform((uint32_t)n);
	strbuf note;
	sb_init(&note);
	sb_printf(&note, "随机抽取 / random draw among %d: ", n);
	for (int i = 0; i < n; i++)
		sb_printf(&note, "%s%s", i ? ", " : "", names[i]);
	sb_printf(&note, " → %s", names[pick]);
	json_t *f = json_pack("{s:I, s:s}", "retest_lab_id", (json_int_t)ids[pick], "draw_note", note.s);
	rc = crud_set_fields(c, e, id, f, "update");
	json_decref(f), sb_free(&note);
	return rc == DB_OK ? 0 : -1;
}

static int start_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!json_is_true(json_object_get(row, "fee_paid")))
		return ctx_problem(c, PROB_RETEST_FEE_UNPAID, TR(c, "实施条例第四十二条", "实施条例 Art. 42"));
	const char *b = food_str(row, "backup_received_on");
	if (b && strcmp(b, c->today) > 0) {
		json_t *errors = json_array();
		crud_field_error(c, errors, "backup_received_on", FE_CHECK, "日期不能晚于今天",
				 "cannot be in the future");
		return ctx_fail_fields(c, errors);
	}
	return 0;
}

static int start_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return food_open_deadline(c, "retests", id, "retest_report_due", "testing", "retest_report",
				  food_str(row, "backup_received_on"), NULL) == DB_OK
		       ? 0
		       : -1;
}

/* The 复检 conclusion is final (Art. 88). */
static int conclude_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const char *concl = food_str(row, "retest_conclusion");
	int pass = concl && !strcmp(concl, "pass");
	int64_t sample = food_id_of(row, "sample_id");
	json_t *f = json_pack("{s:s}", "fee_borne_by", pass ? "regulator" : "applicant");
	int rc = crud_set_fields(c, e, id, f, "update");
	json_decref(f);
	f = json_pack("{s:s, s:s}", "retest_conclusion", concl, "final_conclusion", concl);
	if (rc == DB_OK)
		rc = crud_set_fields(c, &ent_samples, sample, f, "update");
	json_decref(f);
	if (rc != DB_OK || !pass)
		return rc == DB_OK ? 0 : -1;
	db_stmt *s;
	int64_t open[32];
	int n = 0;
	if (db_prepare(
		    c->db,
		    "SELECT id FROM disposals WHERE sample_id = ? AND deleted = 0 AND state IN ('opened', 'controlling', 'rectifying')",
		    &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, sample);
	for (rc = db_step(s); rc == DB_ROW && n < 32; rc = db_step(s))
		open[n++] = db_col_int(s, 0);
	db_finalize(s);
	rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
	for (int i = 0; rc == DB_OK && i < n; i++) {
		rc = food_force_state(c, &ent_disposals, open[i], "cancelled", "cancel",
				      "复检合格 / re-test conforming");
		if (rc == DB_OK)
			rc = food_close_deadlines(c, "disposals", open[i], NULL);
	}
	return rc == DB_OK ? 0 : -1;
}

static const entity_hooks retest_hooks = {.prepare = retest_prepare,
					  .validate = retest_validate,
					  .after_write = retest_after_write,
					  .assigned_sql = retest_assigned};

static const wf_state retest_states[] = {
	{"applied", "已申请", "Applied"},
	{"accepted", "已受理", "Accepted"},
	{"lab_drawn", "已确定复检机构", "Lab drawn"},
	{"testing", "复检中", "Re-testing"},
	{"concluded", "已出复检结论", "Concluded", 1},
	{"rejected", "不予复检", "Refused", 1},
};
static const wf_transition retest_transitions[] = {
	{"accept", "受理", "Accept", "applied", "accepted", .guard = accept_guard, .on_enter = accept_enter},
	{"reject", "不予复检", "Refuse", "applied", "rejected", .requires = "refusal_reason"},
	{"draw_lab", "随机确定复检机构", "Draw the re-test lab", "accepted", "lab_drawn", .on_enter = draw_enter},
	{"start", "收到备份样品", "Backup sample received", "lab_drawn", "testing", .requires = "backup_received_on",
	 .guard = start_guard, .on_enter = start_enter},
	{"conclude", "出具复检结论", "Conclude", "testing", "concluded",
	 .requires = "retest_conclusion,retest_report_no,retest_result", .on_enter = conclude_enter},
};
static const workflow_def retest_wf = {"applied", retest_states, ZJ_COUNT(retest_states), retest_transitions,
				       ZJ_COUNT(retest_transitions)};

static const field_def retest_fields[] = {
	{"sample_id", FT_REF, "抽样单", "Sample", F_REQUIRED | F_LIST | F_FILTER, .ref = "samples"},
	{"applicant_id", FT_REF, "申请人", "Applicant", F_LIST | F_FILTER, .ref = "enterprises"},
	{"applied_on", FT_DATE, "申请日期", "Applied on", F_REQUIRED | F_LIST},
	{"received_on", FT_DATE, "收到申请日期", "Received on", F_REQUIRED | F_LIST},
	{"items", FT_TEXT, "复检项目", "Items", F_LIST, 0, 500},
	{"reason", FT_TEXT, "申请理由", "Reason", 0, 0, 1000},
	{"fee", FT_MONEY, "复检费用", "Fee", 0, .min = 0, .max = 100000000},
	{"fee_paid", FT_BOOL, "已预付费用", "Fee paid in advance", F_LIST},
	{"late", FT_BOOL, "逾期申请", "Applied late", F_READONLY | F_LIST},
	{"refusal_reason", FT_DICT, "不予复检理由", "Reason for refusal", F_READONLY, .dict = "retest_refusal"},
	{"refusal_note", FT_TEXT, "说明", "Note", 0, 0, 500},
	{"retest_lab_id", FT_REF, "复检机构", "Re-test lab", F_READONLY | F_LIST, .ref = "units"},
	{"draw_note", FT_TEXT, "随机抽取记录", "Draw record", F_READONLY, 0, 2000},
	{"backup_received_on", FT_DATE, "收到备份样品日期", "Backup sample received on", F_READONLY},
	{"retest_report_no", FT_TEXT, "复检报告编号", "Re-test report no.", F_READONLY, 0, 60},
	{"retest_result", FT_TEXT, "复检结果", "Re-test result", F_READONLY, 0, 1000},
	{"retest_conclusion", FT_DICT, "复检结论", "Re-test conclusion", F_READONLY | F_LIST, .dict = "conclusion"},
	{"fee_borne_by", FT_DICT, "费用承担", "Fee borne by", F_READONLY | F_LIST, .dict = "fee_payer"},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
const entity_def ent_retests = {
	.name = "retests",
	.table = "retests",
	.label_zh = "复检",
	.label_en = "Re-tests",
	.menu = "food",
	.fields = retest_fields,
	.nfields = ZJ_COUNT(retest_fields),
	.label_field = "id",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &retest_wf,
	.hooks = &retest_hooks,
};

/* ---- 异议 ---- */

/* F17 (sampling) counts from the sampling date; F18 from receiving the result. */
static void objection_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	json_t *s;
	copy_from_sample(c, row, &s);
	const char *kind = food_str(row, "kind"), *recv = food_str(row, "received_on");
	char due[11] = "";
	if (s && kind && !strcmp(kind, "sampling") && food_str(s, "sampled_on"))
		food_rule_due(c->db, "objection_sampling", food_str(s, "sampled_on"), due, NULL);
	else if (s && food_str(s, "objection_deadline"))
		snprintf(due, sizeof due, "%s", food_str(s, "objection_deadline"));
	json_object_set_new(row, "late", json_boolean(due[0] && recv && strcmp(recv, due) > 0));
	json_decref(s);
}

static void objection_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *kind = food_str(row, "kind"), *recv = food_str(row, "received_on");
	if (recv && strcmp(recv, c->today) > 0)
		crud_field_error(c, errors, "received_on", FE_CHECK, "日期不能晚于今天", "cannot be in the future");
	json_t *s = crud_load(c, &ent_samples, food_id_of(row, "sample_id"));
	if (s && !old && kind && strcmp(kind, "sampling") && (!is_fail(s, "conclusion") || !food_str(s, "served_at")))
		crud_field_error(
			c, errors, "kind", FE_CHECK, "对检验结论、方法或标准的异议须在不合格结论送达后提出",
			"objections to the result, method or standard follow a served non-conforming conclusion");
	json_decref(s);
}

static int objection_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	if (old)
		return 0;
	return food_open_deadline(c, "objections", id, "accept_due", "applied", "objection_accept",
				  food_str(row, "received_on"), NULL) == DB_OK
		       ? 0
		       : -1;
}

static int objection_accept_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (json_is_true(json_object_get(row, "late")))
		return ctx_problem(c, PROB_OBJECTION_LATE, TR(c, "办法第35条", "Art. 35"));
	return 0;
}

/* F20: the review is finished within 20 working days counted from receiving
 * the objection's materials (received_on), not from the day it was accepted. */
static int objection_accept_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const char *from = food_str(row, "received_on");
	return food_open_deadline(c, "objections", id, "review_due", "reviewing", "objection_review",
				  from ? from : c->today, NULL) == DB_OK
		       ? 0
		       : -1;
}

static const entity_hooks objection_hooks = {.prepare = objection_prepare,
					     .validate = objection_validate,
					     .after_write = objection_after_write};

static const wf_state objection_states[] = {
	{"applied", "已提出", "Raised"},
	{"reviewing", "审核中", "Under review"},
	{"concluded", "已答复", "Answered", 1},
	{"rejected", "不予受理", "Not accepted", 1},
};
static const wf_transition objection_transitions[] = {
	{"accept", "受理", "Accept", "applied", "reviewing", .guard = objection_accept_guard,
	 .on_enter = objection_accept_enter},
	{"reject", "不予受理", "Do not accept", "applied", "rejected", .requires = "reply"},
	{"conclude", "书面答复", "Answer in writing", "reviewing", "concluded", .requires = "outcome,reply"},
};
static const workflow_def objection_wf = {"applied", objection_states, ZJ_COUNT(objection_states),
					  objection_transitions, ZJ_COUNT(objection_transitions)};

static const field_def objection_fields[] = {
	{"sample_id", FT_REF, "抽样单", "Sample", F_REQUIRED | F_LIST | F_FILTER, .ref = "samples"},
	{"applicant_id", FT_REF, "提出人", "Raised by", F_LIST | F_FILTER, .ref = "enterprises"},
	{"kind", FT_DICT, "异议类型", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "objection_kind"},
	{"received_on", FT_DATE, "收到日期", "Received on", F_REQUIRED | F_LIST},
	{"content", FT_TEXT, "异议内容", "Content", F_REQUIRED, 1, 2000},
	{"late", FT_BOOL, "逾期提出", "Raised late", F_READONLY | F_LIST},
	{"outcome", FT_DICT, "审核结论", "Outcome", F_READONLY | F_LIST, .dict = "objection_outcome"},
	{"reply", FT_TEXT, "书面答复", "Reply", F_READONLY, 0, 2000},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
const entity_def ent_objections = {
	.name = "objections",
	.table = "objections",
	.label_zh = "异议",
	.label_en = "Objections",
	.menu = "food",
	.fields = objection_fields,
	.nfields = ZJ_COUNT(objection_fields),
	.label_field = "id",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &objection_wf,
	.hooks = &objection_hooks,
};
