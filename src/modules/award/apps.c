/* apps.c — applications for the award: the enterprise, its self-assessment
 * report (自评报告) and attachment; the eligibility check the office admits
 * it by (registered in the city, years in operation, no serious violation
 * on record within the round's window — read from the enforcement cases
 * and the food disposals, never written); document review, site visit,
 * the consensus note where the experts disagreed, and the scores, rank and
 * prize the round's steps write (read-only here). */
#include "modules/award/award.h"
#include "modules/modules.h"

#include <stdlib.h>
#include <string.h>

/* "YYYY-MM-DD" moved by years (string arithmetic is enough to compare). */
static void shift_years(const char *d, int years, char out[11])
{
	int y = (int)strtol(d, NULL, 10);
	snprintf(out, 11, "%04d%s", y + years, strlen(d) >= 10 ? d + 4 : "-01-01");
}

int aw_eligible(zj_ctx *c, int64_t round_id, int64_t ent, const char *founded_on, json_t *errors)
{
	json_t *round = crud_load(c, &aw_ent_rounds, round_id);
	if (!round)
		return 0; /* the reference check names the round */
	const char *ref = aw_str(round, "call_on") ? aw_str(round, "call_on") : c->today;
	char refd[11], since[11], oldest[11];
	snprintf(refd, sizeof refd, "%s", ref);
	int min_years = (int)aw_int(round, "min_years"), vyears = (int)aw_int(round, "violation_years");
	json_decref(round);
	int ok = 1;
	const int64_t p[] = {ent};
	int64_t in_city = db_query_int_ids(
		c->db,
		"SELECT COUNT(*) FROM enterprises e JOIN jurisdictions j ON j.id = e.jurisdiction_id"
		" JOIN units u ON u.kind = 'bureau' AND u.deleted = 0 JOIN jurisdictions cj ON cj.id = u.jurisdiction_id"
		" WHERE e.id = ? AND e.deleted = 0 AND j.path LIKE cj.path || '%'",
		1, p, 0);
	if (in_city <= 0) {
		ok = 0;
		crud_field_error(c, errors, "enterprise_id", FE_CHECK, "申报单位须在本市登记注册",
				 "the applicant must be registered in the city");
	}
	if (founded_on) {
		shift_years(founded_on, min_years, since);
		if (strcmp(since, refd) > 0) {
			ok = 0;
			char zh[120], en[120];
			snprintf(zh, sizeof zh, "成立须满 %d 年（%s 前成立）", min_years, refd);
			snprintf(en, sizeof en, "must have operated for %d years (founded before %s)", min_years, refd);
			crud_field_error(c, errors, "founded_on", FE_CHECK, zh, en);
		}
	}
	shift_years(refd, -vyears, oldest);
	char eid[24];
	snprintf(eid, sizeof eid, "%lld", (long long)ent);
	const char *pq[] = {eid, oldest};
	int64_t cases =
		db_query_int(c->db,
			     "SELECT COUNT(*) FROM cases WHERE enterprise_id = CAST(? AS BIGINT) AND deleted = 0"
			     " AND is_major = 1 AND decided_on IS NOT NULL AND decided_on >= ?",
			     2, pq, 0);
	int64_t disp =
		db_query_int(c->db,
			     "SELECT COUNT(*) FROM disposals WHERE enterprise_id = CAST(? AS BIGINT) AND deleted = 0"
			     " AND state <> 'cancelled' AND opened_on >= ?",
			     2, pq, 0);
	if (cases > 0 || disp > 0) {
		ok = 0;
		char zh[200], en[200];
		snprintf(zh, sizeof zh, "%d 年内有严重违法记录：重大行政处罚案件 %lld 件、不合格食品核查处置 %lld 件",
			 vyears, (long long)cases, (long long)disp);
		snprintf(
			en, sizeof en,
			"serious violations on record within %d years: %lld major penalty case(s), %lld non-conforming "
			"food disposal(s)",
			vyears, (long long)cases, (long long)disp);
		crud_field_error(c, errors, "enterprise_id", FE_CHECK, zh, en);
	}
	return ok;
}

/* The jurisdiction comes from the enterprise; the eligibility is worked out
 * on every change of what it depends on, so the office sees it before admitting. */
static void app_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	int64_t ent = aw_int(row, "enterprise_id"), round = aw_int(row, "round_id");
	if (!ent || !round)
		return;
	const int64_t p[] = {ent};
	int64_t j = db_query_int_ids(c->db, "SELECT jurisdiction_id FROM enterprises WHERE id = ?", 1, p, 0);
	if (j > 0)
		json_object_set_new(row, "jurisdiction_id", json_integer(j));
	db_stmt *s;
	if (db_prepare(c->db, "SELECT name FROM enterprises WHERE id = ?", &s) == DB_OK) {
		db_bind_int(s, 1, ent);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			json_object_set_new(row, "applicant", json_string(db_col_text(s, 0)));
		db_finalize(s);
	}
	json_t *why = json_array();
	int ok = aw_eligible(c, round, ent, aw_str(row, "founded_on"), why);
	strbuf sb = {0};
	size_t i;
	json_t *v;
	json_array_foreach (why, i, v) {
		sb_printf(&sb, "%s%s", i ? "；" : "", aw_str(v, "message") ? aw_str(v, "message") : "");
	}
	json_decref(why);
	json_object_set_new(row, "eligible", json_boolean(ok));
	json_object_set_new(row, "eligibility_note",
			    json_string(ok     ? TR(c, "符合申报条件", "eligible")
					: sb.s ? sb.s
					       : ""));
	sb_free(&sb);
}

/* An application is taken while the round receives them. */
static void app_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (old)
		return;
	const int64_t p[] = {aw_int(row, "round_id")};
	int64_t open =
		db_query_int_ids(c->db, "SELECT COUNT(*) FROM aw_rounds WHERE id = ? AND state = 'open'", 1, p, 0);
	if (!open)
		crud_field_error(c, errors, "round_id", FE_STATE, "该年度评选不在受理申报阶段",
				 "the round is not taking applications");
}


/* Admission is the eligibility check: refused with the reasons, field by field. */
static int g_admit(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	json_t *errors = json_array();
	if (!aw_eligible(c, aw_int(row, "round_id"), aw_int(row, "enterprise_id"), aw_str(row, "founded_on"), errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return 0;
}

/* The consensus note is taken at the consensus meeting. */
static int g_agree(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const int64_t p[] = {aw_int(row, "round_id")};
	if (!db_query_int_ids(c->db, "SELECT COUNT(*) FROM aw_rounds WHERE id = ? AND state = 'consensus'", 1, p, 0))
		return ctx_problem(c, PROB_STATE,
				   TR(c, "合议意见在合议阶段记录",
				      "the consensus is recorded at the consensus meeting"));
	return 0;
}

/* clang-format off */
static const wf_state app_states[] = {
	{"submitted", "已申报", "Submitted"},      {"eligible", "资格审查通过", "Eligible"},
	{"reviewed", "资料评审通过", "Documents reviewed"}, {"visited", "已现场评审", "Site visited"},
	{"ineligible", "未通过", "Not admitted", 1}, {"withdrawn", "已撤回", "Withdrawn", 1},
	{"concluded", "评选结束", "Concluded", 1},
};

static const wf_transition app_steps[] = {
	{"admit", "资格审查通过", "Admit", "submitted", "eligible", .guard = g_admit},
	{"refuse", "不予受理", "Refuse", "submitted,eligible", "ineligible", .requires = "review_note", .aside = 1},
	{"pass_review", "资料评审通过", "Pass document review", "eligible", "reviewed", .requires = "review_note"},
	{"visit", "记录现场评审", "Record the site visit", "reviewed", "visited", .requires = "visit_on,visit_note"},
	{"agree", "记录合议意见", "Record the consensus", "visited", WF_STAY, .requires = "consensus_note", .guard = g_agree},
	{"conclude", "评选结束", "Conclude", "eligible,reviewed,visited", "concluded", .perm = "award_rounds.t.finalize", .aside = 1},
	{"withdraw", "撤回申报", "Withdraw", "submitted,eligible,reviewed", "withdrawn", .aside = 1},
};
/* clang-format on */

static const workflow_def app_workflow = {"submitted", app_states, ZJ_COUNT(app_states), app_steps,
					  ZJ_COUNT(app_steps)};

/* An expert reads the applications assigned to them. */
static void app_assigned(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.id IN (SELECT a.application_id FROM aw_assignments a JOIN aw_experts x ON x.id = a.expert_id"
		    " WHERE a.deleted = 0 AND x.user_id = ?)");
	json_array_append_new(params, json_integer(c->user ? c->user->id : 0));
}

static const entity_hooks app_hooks_all = {.prepare = app_prepare,
					   .validate = app_validate,
					   .assigned_sql = app_assigned};

/* clang-format off */
static const field_def app_fields[] = {
	{"round_id", FT_REF, "评选年度", "Round", F_REQUIRED | F_LIST | F_FILTER, .ref = "award_rounds"},
	{"enterprise_id", FT_REF, "申报单位", "Applicant", F_REQUIRED | F_FILTER, .ref = "enterprises"},
	{"applicant", FT_TEXT, "申报单位名称", "Applicant name", F_READONLY | F_FILLED | F_LIST | F_SEARCH, 0, 200},
	{"jurisdiction_id", FT_REF, "所属区划", "Jurisdiction", F_READONLY | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"founded_on", FT_DATE, "成立日期", "Founded on", F_REQUIRED},
	{"self_assessment", FT_TEXT, "自评报告摘要", "Self-assessment report", F_REQUIRED, 10, 5000},
	{"report_file", FT_FILE, "自评报告及附件", "Report and attachments", 0, .accept = "application/pdf,image/*"},
	{"contact", FT_TEXT, "联系人", "Contact", F_PERSONAL, 0, 60},
	{"eligible", FT_BOOL, "符合申报条件", "Eligible", F_READONLY | F_LIST | F_FILTER},
	{"eligibility_note", FT_TEXT, "资格审查说明", "Eligibility", F_READONLY, 0, 600},
	{"review_note", FT_TEXT, "资料评审意见", "Document review", F_READONLY, 0, 2000},
	{"visit_on", FT_DATE, "现场评审日期", "Site visit on", F_READONLY},
	{"visit_note", FT_TEXT, "现场评审记录", "Site visit record", F_READONLY, 0, 2000},
	{"total", FT_DECIMAL, "总分", "Total score", F_READONLY | F_LIST, .unit = "分"},
	{"category_scores", FT_TEXT, "各类目得分", "Scores by category", F_READONLY, 0, 2000},
	{"spread", FT_DECIMAL, "专家总分极差", "Spread between experts", F_READONLY, .unit = "分"},
	{"flagged", FT_BOOL, "分歧较大须合议", "Needs consensus", F_READONLY | F_LIST | F_FILTER},
	{"flagged_items", FT_TEXT, "分歧较大的条款", "Items in dispute", F_READONLY, 0, 400,
	 .help_zh = "专家评分比例相差超过分歧阈值的条款", .help_en = "items whose experts' bands differ by more than the threshold"},
	{"consensus_note", FT_TEXT, "合议意见", "Consensus", F_READONLY, 0, 2000},
	{"rank", FT_INT, "排名", "Rank", F_READONLY | F_LIST},
	{"level", FT_DICT, "评选结果", "Result", F_READONLY | F_LIST | F_FILTER, .dict = "aw_level"},
	{"prize_fen", FT_MONEY, "奖金", "Prize", F_READONLY | F_LIST},
};
/* clang-format on */

const entity_def aw_ent_applications = {
	.name = "award_applications",
	.table = "aw_applications",
	.label_zh = "质量奖申报",
	.label_en = "Award applications",
	.menu = "award",
	.fields = app_fields,
	.nfields = ZJ_COUNT(app_fields),
	.label_field = "applicant",
	.juris_field = "jurisdiction_id",
	.workflow = &app_workflow,
	.hooks = &app_hooks_all,
	.no_delete = 1,
	.first_columns = "state,applicant,round_id,total,rank,level,prize_fen",
};
