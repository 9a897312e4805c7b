/* experts.c — the award's experts, their assignments to applications and
 * their item scores. An expert with a conflict of interest — employed by
 * the applicant, sharing its legal representative in the enterprise
 * register, or one they declared — cannot be assigned (422). An expert
 * scores only the applications assigned to them (403), each item as a
 * percentage band in steps of 5 % (422 otherwise), independently: no expert
 * reads another's scores; the office sees them all. Submitting freezes the
 * sheet; the office may reopen it at the consensus meeting. */
#include "modules/award/award.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

int64_t aw_my_expert(zj_ctx *c)
{
	if (!c->user)
		return 0;
	const int64_t p[] = {c->user->id};
	return db_query_int_ids(c->db, "SELECT id FROM aw_experts WHERE user_id = ? AND deleted = 0", 1, p, 0);
}

/* clang-format off */
static const field_def expert_fields[] = {
	{"name", FT_TEXT, "姓名", "Name", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 2, 40},
	{"user_id", FT_REF, "系统账号", "User account", F_UNIQUE | F_LIST, .ref = "users"},
	{"employer_id", FT_REF, "工作单位（企业）", "Employer (enterprise)", F_FILTER, .ref = "enterprises",
	 .help_zh = "用于回避：不得评审本单位及与本单位法定代表人相同的企业", .help_en = "for conflicts of interest: not the employer, nor an enterprise with the same legal representative"},
	{"title", FT_TEXT, "职称", "Title", F_LIST, 0, 40},
	{"specialty", FT_TEXT, "专业领域", "Specialty", F_LIST | F_SEARCH, 0, 100},
	{"active", FT_BOOL, "在库", "Active", F_LIST | F_FILTER},
};
/* clang-format on */

const entity_def aw_ent_experts = {
	.name = "award_experts",
	.table = "aw_experts",
	.label_zh = "评审专家",
	.label_en = "Award experts",
	.menu = "award",
	.fields = expert_fields,
	.nfields = ZJ_COUNT(expert_fields),
	.label_field = "name",
	.default_sort = "name",
	.no_delete = 1,
	.first_columns = "name,title,specialty,active",
};

/* ---- assignments ---- */

/* 1 when the expert may not score the enterprise: aw_conflict on the
 * employer, and a relation recorded in the register (the same legal representative). */
static int conflict(zj_ctx *c, int64_t expert, int64_t ent)
{
	const int64_t p[] = {expert};
	int64_t employer = db_query_int_ids(c->db, "SELECT employer_id FROM aw_experts WHERE id = ?", 1, p, 0);
	const int64_t q[] = {employer, ent};
	int64_t related =
		employer ? db_query_int_ids(
				   c->db,
				   "SELECT e2.id FROM enterprises e1 JOIN enterprises e2 ON e2.legal_rep = e1.legal_rep"
				   " WHERE e1.id = ? AND e2.id = ? AND e1.legal_rep IS NOT NULL AND e1.legal_rep <> ''",
				   2, q, 0)
			 : 0;
	return aw_conflict(employer, &related, related ? 1 : 0, ent);
}

static void asg_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t app = aw_int(row, "application_id"), expert = aw_int(row, "expert_id");
	const int64_t p[] = {app};
	int64_t ent = db_query_int_ids(c->db, "SELECT enterprise_id FROM aw_applications WHERE id = ?", 1, p, 0);
	if (aw_int(row, "declared_conflict"))
		crud_field_error(c, errors, "declared_conflict", FE_CHECK, "专家已申明利益冲突，应当回避，不能分配",
				 "the expert declared a conflict of interest and cannot be assigned");
	else if (ent && expert && conflict(c, expert, ent))
		crud_field_error(
			c, errors, "expert_id", FE_CHECK,
			"该专家与申报单位存在利益关系（本单位或法定代表人相同），应当回避",
			"the expert has a conflict of interest with the applicant (employer or same legal representative)");
	if (old)
		return;
	const int64_t d[] = {app, expert};
	if (db_query_int_ids(
		    c->db,
		    "SELECT COUNT(*) FROM aw_assignments WHERE application_id = ? AND expert_id = ? AND deleted = 0", 2,
		    d, 0))
		crud_field_error(c, errors, "expert_id", FE_UNIQUE, "该专家已分配评审此申报",
				 "the expert is already assigned to this application");
	if (!db_query_int_ids(c->db,
			      "SELECT COUNT(*) FROM aw_applications WHERE id = ?"
			      " AND state IN ('eligible', 'reviewed', 'visited')",
			      1, p, 0))
		crud_field_error(c, errors, "application_id", FE_STATE, "只能为资格审查通过的申报分配专家",
				 "experts are assigned to admitted applications only");
}

static void asg_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.expert_id IN (SELECT id FROM aw_experts WHERE user_id = ? AND deleted = 0)");
	json_array_append_new(params, json_integer(c->user ? c->user->id : 0));
}

/* The assignment's name wherever it is referred to: "expert · applicant". */
static void asg_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT x.name, p.applicant FROM aw_experts x, aw_applications p WHERE x.id = ? AND p.id = ?",
		       &s) != DB_OK)
		return;
	db_bind_int(s, 1, aw_int(row, "expert_id"));
	db_bind_int(s, 2, aw_int(row, "application_id"));
	if (db_step(s) == DB_ROW) {
		char t[300];
		snprintf(t, sizeof t, "%s · %s", db_col_text(s, 0) ? db_col_text(s, 0) : "",
			 db_col_text(s, 1) ? db_col_text(s, 1) : "");
		json_object_set_new(row, "title", json_string(t));
	}
	db_finalize(s);
}

static const entity_hooks asg_hooks = {.prepare = asg_prepare, .validate = asg_validate, .assigned_sql = asg_assigned};

/* Only the assigned expert acts on their sheet (403 for anyone else). */
static int own_sheet(zj_ctx *c, const json_t *row)
{
	int64_t me = aw_my_expert(c);
	if (!me || me != aw_int(row, "expert_id"))
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "只能为分配给您的申报评分",
				      "you can score only the applications assigned to you"));
	return 0;
}

/* The round must be in an assessment phase for scores to be given. */
static int round_scoring(zj_ctx *c, int64_t app)
{
	const int64_t p[] = {app};
	if (!db_query_int_ids(
		    c->db,
		    "SELECT COUNT(*) FROM aw_applications p JOIN aw_rounds r ON r.id = p.round_id WHERE p.id = ?"
		    " AND r.state IN ('review', 'site_visit', 'consensus')",
		    1, p, 0))
		return ctx_problem(c, PROB_STATE,
				   TR(c, "本年度评选不在评审阶段", "the round is not in its review phases"));
	return 0;
}

static int g_submit(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	int rc = own_sheet(c, row);
	if (rc)
		return rc;
	const int64_t p[] = {id};
	int64_t missing = db_query_int_ids(
		c->db,
		"SELECT COUNT(*) FROM aw_criteria k WHERE k.deleted = 0 AND NOT EXISTS"
		" (SELECT 1 FROM aw_scores s WHERE s.assignment_id = ? AND s.criterion_id = k.id AND s.deleted = 0)",
		1, p, -1);
	if (missing < 0)
		return ctx_internal(c, "award submit", db_errmsg(c->db));
	if (missing) {
		char zh[80], en[80];
		snprintf(zh, sizeof zh, "尚有 %lld 个评分条款未评分", (long long)missing);
		snprintf(en, sizeof en, "%lld item(s) are not scored yet", (long long)missing);
		return ctx_problem(c, PROB_STEP_FAILED, TR(c, zh, en));
	}
	return 0;
}

static int64_t sheet_total(zj_ctx *c, int64_t id)
{
	const int64_t p[] = {id};
	return db_query_int_ids(c->db,
				"SELECT COALESCE(SUM(k.points * s.band), 0) FROM aw_scores s JOIN aw_criteria k"
				" ON k.id = s.criterion_id WHERE s.assignment_id = ? AND s.deleted = 0",
				1, p, 0);
}

static int e_submit(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char b[32];
	json_t *f = json_pack("{s:s, s:s}", "expert_total", aw_fmt(sheet_total(c, id), b, sizeof b), "submitted_at",
			      c->now);
	int rc = crud_set_fields(c, e, id, f, "submit");
	json_decref(f);
	return rc == DB_OK ? 0 : ctx_internal(c, "award submit", db_errmsg(c->db));
}

static int g_reopen(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return round_scoring(c, aw_int(row, "application_id"));
}

/* clang-format off */
static const wf_state asg_states[] = {
	{"assigned", "待评分", "To score"}, {"submitted", "已提交评分", "Submitted"},
};
static const wf_transition asg_steps[] = {
	{"submit", "提交评分", "Submit the scores", "assigned", "submitted", .guard = g_submit, .on_enter = e_submit},
	{"reopen", "退回重新评分", "Reopen for rescoring", "submitted", "assigned", .guard = g_reopen, .aside = 1},
};
/* clang-format on */
static const workflow_def asg_workflow = {"assigned", asg_states, ZJ_COUNT(asg_states), asg_steps, ZJ_COUNT(asg_steps)};

/* The item bands given in a body: [{code, band, note}]; errors name items[i]. */
static int parse_items(zj_ctx *c, json_t *items, json_t *errors, int64_t *crit_ids, int *points)
{
	size_t i;
	json_t *it;
	char field[40];
	json_array_foreach (items, i, it) {
		const char *code = aw_str(it, "code");
		json_t *band = json_object_get(it, "band");
		snprintf(field, sizeof field, "items[%zu].code", i);
		crit_ids[i] = 0;
		db_stmt *s;
		if (code && db_prepare(c->db, "SELECT id, points FROM aw_criteria WHERE code = ? AND deleted = 0",
				       &s) == DB_OK) {
			db_bind_text(s, 1, code);
			if (db_step(s) == DB_ROW)
				crit_ids[i] = db_col_int(s, 0), points[i] = (int)db_col_int(s, 1);
			db_finalize(s);
		}
		if (!crit_ids[i])
			crud_field_error(c, errors, field, FE_REF, "不是 GB/T 19580-2012 的评分条款",
					 "not an item of GB/T 19580-2012");
		snprintf(field, sizeof field, "items[%zu].band", i);
		if (!json_is_integer(band) || !aw_band_ok(json_integer_value(band)))
			crud_field_error(c, errors, field, FE_RANGE,
					 "评分比例须为 0%～100% 中 5% 的整数倍（GB/Z 19579-2012 评分指南）",
					 "a band is 0 % to 100 % in steps of 5 % (GB/Z 19579-2012 scoring guidelines)");
	}
	return json_array_size(errors) == 0;
}

static int write_items(zj_ctx *c, int64_t id, json_t *items, const int64_t *crit_ids, const int *points)
{
	size_t i;
	json_t *it;
	json_array_foreach (items, i, it) {
		int band = (int)json_integer_value(json_object_get(it, "band"));
		char b[32];
		json_t *f = json_pack("{s:i, s:s}", "band", band, "score",
				      aw_fmt(aw_item_score(points[i], band), b, sizeof b));
		if (aw_str(it, "note"))
			json_object_set_new(f, "note", json_string(aw_str(it, "note")));
		const int64_t p[] = {id, crit_ids[i]};
		int64_t sid = db_query_int_ids(
			c->db, "SELECT id FROM aw_scores WHERE assignment_id = ? AND criterion_id = ? AND deleted = 0",
			2, p, 0);
		int rc;
		if (sid)
			rc = crud_set_fields(c, &aw_ent_scores, sid, f, "score");
		else {
			json_object_set_new(f, "assignment_id", json_integer(id));
			json_object_set_new(f, "criterion_id", json_integer(crit_ids[i]));
			rc = crud_add(c, &aw_ent_scores, f, &sid);
		}
		json_decref(f);
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

json_t *aw_sheet(zj_ctx *c, int64_t id);

/* POST /api/v1/award_assignments/{id}/actions/score {"items":[{"code":"4.1.2","band":35,"note":"..."}]}:
 * all the items or none (one transaction, every bad item named). */
static int act_score(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *row = crud_load(c, e, id);
	if (!row)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	int rc = own_sheet(c, row);
	if (!rc && strcmp(aw_str(row, "state") ? aw_str(row, "state") : "", "assigned"))
		rc = ctx_problem(c, PROB_STATE, TR(c, "评分已提交，不能修改", "the scores were submitted"));
	if (!rc)
		rc = round_scoring(c, aw_int(row, "application_id"));
	json_decref(row);
	if (rc)
		return rc;
	json_t *items = json_object_get(body, "items"), *errors = json_array();
	if (!json_is_array(items) || !json_array_size(items) || json_array_size(items) > 64) {
		crud_field_error(c, errors, "items", FE_REQUIRED, "请逐条给出评分比例", "give the band of each item");
		return ctx_fail_fields(c, errors);
	}
	int64_t crit_ids[64];
	int points[64];
	if (!parse_items(c, items, errors, crit_ids, points))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = write_items(c, id, items, crit_ids, points);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		db_rollback(c->db);
		return ctx_internal(c, "award score", db_errmsg(c->db));
	}
	out->json = aw_sheet(c, id);
	return out->json ? 200 : ctx_internal(c, "award sheet", db_errmsg(c->db));
}

/* The scoring sheet: every item with its points and the expert's band. */
json_t *aw_sheet(zj_ctx *c, int64_t id)
{
	json_t *row = crud_load(c, &aw_ent_assignments, id);
	if (!row)
		return NULL;
	json_t *app = crud_load(c, &aw_ent_applications, aw_int(row, "application_id"));
	json_t *items = json_array();
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT k.code, k.category, k.name, k.name_en, k.points, k.kind, s.band, s.score, s.note"
		       " FROM aw_criteria k LEFT JOIN aw_scores s ON s.criterion_id = k.id AND s.assignment_id = ?"
		       " AND s.deleted = 0 WHERE k.deleted = 0 ORDER BY k.sort, k.code",
		       &s) == DB_OK) {
		db_bind_int(s, 1, id);
		while (db_step(s) == DB_ROW) {
			json_t *it = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s}", "code", db_col_text(s, 0), "category",
					       db_col_text(s, 1), "name", db_col_text(s, 2), "name_en",
					       db_col_text(s, 3) ? db_col_text(s, 3) : "", "points",
					       (json_int_t)db_col_int(s, 4), "kind", db_col_text(s, 5));
			json_object_set_new(it, "band",
					    db_col_null(s, 6) ? json_null() : json_integer(db_col_int(s, 6)));
			json_object_set_new(it, "score",
					    db_col_null(s, 7) ? json_null() : json_string(db_col_text(s, 7)));
			json_object_set_new(it, "note",
					    db_col_null(s, 8) ? json_null() : json_string(db_col_text(s, 8)));
			json_array_append_new(items, it);
		}
		db_finalize(s);
	}
	char b[32];
	json_t *out = json_pack("{s:I, s:O, s:I, s:s, s:o, s:s}", "id", (json_int_t)id, "state",
				json_object_get(row, "state"), "version", (json_int_t)aw_int(row, "version"),
				"applicant", app && aw_str(app, "applicant") ? aw_str(app, "applicant") : "", "items",
				items, "total", aw_fmt(sheet_total(c, id), b, sizeof b));
	json_object_set(out, "self_assessment", app ? json_object_get(app, "self_assessment") : json_null());
	json_decref(row), json_decref(app);
	return out;
}

/* GET /api/v1/award_assignments/{id}/actions/sheet */
static int act_sheet(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	out->json = aw_sheet(c, id);
	return out->json ? 200 : ctx_problem(c, PROB_NOT_FOUND, NULL);
}

static const entity_action asg_actions[] = {
	{"sheet", "GET", "award_assignments.read", 1, act_sheet},
	{"score", "POST", "award_assignments.score", 1, act_score, 0, "按条款评分", "Score the items"},
};

/* clang-format off */
static const field_def asg_fields[] = {
	{"application_id", FT_REF, "申报", "Application", F_REQUIRED | F_LIST | F_FILTER, .ref = "award_applications"},
	{"expert_id", FT_REF, "评审专家", "Expert", F_REQUIRED | F_LIST | F_FILTER, .ref = "award_experts"},
	{"declared_conflict", FT_BOOL, "专家申明有利益冲突", "Conflict declared", F_FILTER},
	{"conflict_note", FT_TEXT, "利益冲突说明", "Conflict note", 0, 0, 500},
	{"expert_total", FT_DECIMAL, "该专家评分合计", "Expert's total", F_READONLY | F_LIST, .unit = "分"},
	{"submitted_at", FT_DATETIME, "提交时间", "Submitted at", F_READONLY},
	{"title", FT_TEXT, "评审任务", "Review", F_READONLY | F_FILLED | F_SEARCH, 0, 300},
};
/* clang-format on */

const entity_def aw_ent_assignments = {
	.name = "award_assignments",
	.table = "aw_assignments",
	.label_zh = "专家评审分配",
	.label_en = "Expert assignments",
	.menu = "award",
	.fields = asg_fields,
	.nfields = ZJ_COUNT(asg_fields),
	.label_field = "title",
	.workflow = &asg_workflow,
	.hooks = &asg_hooks,
	.actions = asg_actions,
	.nactions = ZJ_COUNT(asg_actions),
	.no_update = 1,
	.first_columns = "state,application_id,expert_id,expert_total",
};

/* ---- item scores (written by the score action) ---- */

static void scores_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.assignment_id IN (SELECT a.id FROM aw_assignments a JOIN aw_experts x ON x.id = a.expert_id"
		    " WHERE x.user_id = ? AND a.deleted = 0)");
	json_array_append_new(params, json_integer(c->user ? c->user->id : 0));
}

static const entity_hooks scores_hooks = {.assigned_sql = scores_assigned};

/* clang-format off */
static const field_def score_fields[] = {
	{"assignment_id", FT_REF, "专家评审", "Assignment", F_REQUIRED | F_LIST | F_FILTER, .ref = "award_assignments"},
	{"criterion_id", FT_REF, "评分条款", "Item", F_REQUIRED | F_LIST | F_FILTER, .ref = "award_criteria"},
	{"band", FT_INT, "得分比例", "Band", F_REQUIRED | F_LIST, .min = 0, .max = 100, .unit = "%"},
	{"score", FT_DECIMAL, "得分", "Score", F_READONLY | F_LIST, .unit = "分"},
	{"note", FT_TEXT, "评语", "Note", 0, 0, 1000},
};
/* clang-format on */

const entity_def aw_ent_scores = {
	.name = "award_scores",
	.table = "aw_scores",
	.label_zh = "专家条款评分",
	.label_en = "Item scores",
	.menu = "award",
	.fields = score_fields,
	.nfields = ZJ_COUNT(score_fields),
	.label_field = "score",
	.hooks = &scores_hooks,
	.no_create = 1,
	.no_update = 1,
	.no_delete = 1,
	.no_import = 1,
	.first_columns = "assignment_id,criterion_id,band,score",
};
