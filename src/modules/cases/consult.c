/* consult.c — the major-penalty inter-agency consultation (重大行政处罚会商,
 * the mechanism the city set up with 发改, 商务, 纪检监察, 检察 and 公安).
 * The handler convenes a consultation on a case; the agencies named in the
 * case rules are invited (case_referrals), others may be added, and an
 * agency may follow a case before that (early involvement, 提前介入). An
 * agency member sees only the cases referred to their unit (SCOPE_ASSIGNED)
 * and signs one opinion for the unit: agree, amend or disagree, with reasons.
 * The consultation concludes only with its quorum of signed opinions; its
 * tally, conclusion and dissent go onto the case for the collective
 * discussion, and the minutes (会商纪要) are generated from the record. */
#include "core/privacy.h"
#include "core/audit.h"
#include "modules/cases/cases.h"
#include "lib/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASIS_CONSULT "包头市重大行政处罚案件会商制度；办案规则配置"

int cs_case_consulted(zj_ctx *c, int64_t case_id)
{
	char idt[24];
	CS_ID(idt, case_id);
	const char *p[] = {idt};
	return db_query_int(
		       c->db,
		       "SELECT COUNT(*) FROM consultations WHERE case_id = ? AND state = 'concluded' AND deleted = 0",
		       1, p, 0) > 0;
}

/* ---- referrals (who may read a case) ---- */

static int referral_exists(zj_ctx *c, int64_t case_id, int64_t unit, int64_t consultation, int64_t self)
{
	char a[24], b[24], d[24], s[24];
	CS_ID(a, case_id), CS_ID(b, unit), CS_ID(d, consultation), CS_ID(s, self);
	const char *p[] = {a, b, s, d};
	if (consultation > 0)
		return db_query_int(
			       c->db,
			       "SELECT COUNT(*) FROM case_referrals WHERE case_id = ? AND unit_id = ? AND deleted = 0"
			       " AND id <> ? AND consultation_id = ?",
			       4, p, 0) > 0;
	return db_query_int(c->db,
			    "SELECT COUNT(*) FROM case_referrals WHERE case_id = ? AND unit_id = ? AND deleted = 0"
			    " AND id <> ? AND consultation_id IS NULL",
			    3, p, 0) > 0;
}

static void referral_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	cs_child_check(c, row, old, errors);
	int64_t cons = cs_int(row, "consultation_id");
	const char *kind = cs_str(row, "kind");
	if (kind && !strcmp(kind, "consultation") && cons <= 0)
		crud_field_error(c, errors, "consultation_id", FE_REQUIRED, "会商邀请须指明会商",
				 "a consultation invitation names the consultation");
	if (cons > 0) {
		json_t *k = crud_load(c, &cs_ent_consultations, cons);
		if (!k || cs_int(k, "case_id") != cs_int(row, "case_id"))
			crud_field_error(c, errors, "consultation_id", FE_CHECK, "会商不属于该案件",
					 "the consultation belongs to another case");
		json_decref(k);
	}
	if (referral_exists(c, cs_int(row, "case_id"), cs_int(row, "unit_id"), cons, old ? cs_int(old, "id") : 0))
		crud_field_error(c, errors, "unit_id", FE_UNIQUE, "该单位已受邀", "this unit is already invited");
}

static void assigned_own_unit(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql, "t.unit_id = ?");
	json_array_append_new(params, json_integer(c->user ? c->user->unit_id : 0));
}

static const field_def referral_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_REQUIRED | F_LIST | F_FILTER, .ref = "cases"},
	{"unit_id", FT_REF, "受邀单位", "Invited unit", F_REQUIRED | F_LIST | F_FILTER, .ref = "units"},
	{"kind", FT_DICT, "方式", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_referral_kind"},
	{"consultation_id", FT_REF, "会商", "Consultation", F_LIST | F_FILTER, .ref = "consultations"},
	{"invited_on", FT_DATE, "邀请日期", "Invited on", F_REQUIRED | F_LIST | F_SORT},
	{"note", FT_TEXT, "说明", "Note", 0, 0, 1000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks referral_hooks = {.prepare = cs_child_prepare,
					    .validate = referral_validate,
					    .assigned_sql = assigned_own_unit};
const entity_def cs_ent_referrals = {
	.name = "case_referrals",
	.table = "case_referrals",
	.label_zh = "会商及提前介入邀请",
	.label_en = "Agency referrals",
	.menu = "cases",
	.fields = referral_fields,
	.nfields = ZJ_COUNT(referral_fields),
	.label_field = "invited_on",
	.juris_field = "jurisdiction_id",
	.hooks = &referral_hooks,
};

/* ---- consultations ---- */

static int invite(zj_ctx *c, int64_t consultation, const json_t *row, const char *code)
{
	char sql_code[64];
	snprintf(sql_code, sizeof sql_code, "%s", code);
	int64_t unit = crud_id_by_code(c->db, "units", sql_code);
	if (unit <= 0 || referral_exists(c, cs_int(row, "case_id"), unit, consultation, 0))
		return DB_OK;
	json_t *r = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:O}", "case_id", (json_int_t)cs_int(row, "case_id"),
			      "unit_id", (json_int_t)unit, "kind", "consultation", "consultation_id",
			      (json_int_t)consultation, "invited_on", cs_str(row, "convened_on"), "note",
			      "按办案规则配置默认邀请", "jurisdiction_id",
			      json_object_get(row, "jurisdiction_id") ? json_object_get(row, "jurisdiction_id")
								      : json_null());
	int64_t id;
	int rc = crud_add(c, &cs_ent_referrals, r, &id);
	json_decref(r);
	return rc;
}

static int consultation_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	if (old)
		return 0;
	cs_config cfg;
	cs_config_load(c, cs_str(row, "convened_on"), &cfg);
	char *dup = xstrdup(cfg.consult_units), *save = NULL;
	int rc = DB_OK;
	for (char *t = strtok_r(dup, ",", &save); rc == DB_OK && t; t = strtok_r(NULL, ",", &save))
		rc = invite(c, id, row, t);
	free(dup);
	return rc == DB_OK ? 0 : -1;
}

static void consultation_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	cs_child_check(c, row, old, errors);
	date_days a, b;
	if (cs_date(row, "meeting_on", &a) && cs_date(row, "convened_on", &b) && a < b)
		crud_field_error(c, errors, "meeting_on", FE_ORDER, "不能早于召集日期",
				 "cannot be before the convening");
	if (cs_date(row, "held_on", &a) && cs_date(row, "convened_on", &b) && a < b)
		crud_field_error(c, errors, "held_on", FE_ORDER, "不能早于召集日期", "cannot be before the convening");
	json_t *cs = cs_int(row, "case_id") > 0 ? crud_load(c, &cs_ent_cases, cs_int(row, "case_id")) : NULL;
	if (!old && cs && (!cs_str(cs, "filed_on") || cs_str(cs, "decided_on")))
		crud_field_error(c, errors, "case_id", FE_STATE, "会商在立案后、作出处罚决定前进行",
				 "a consultation takes place between filing and decision");
	json_decref(cs);
	if (old && !strcmp(cs_str(old, "state"), "held") &&
	    !json_equal(json_object_get(old, "meeting_on"), json_object_get(row, "meeting_on")))
		crud_field_error(c, errors, "meeting_on", FE_LOCKED, "会商已召开，不能修改日期",
				 "the meeting has been held");
	if (old && (!strcmp(cs_str(old, "state"), "concluded") || !strcmp(cs_str(old, "state"), "cancelled")))
		crud_field_error(c, errors, "state", FE_CLOSED, "会商已结束，记录不能修改",
				 "the consultation has ended");
}

/* Invited units and signed opinions of invited units. */
static void tally(zj_ctx *c, int64_t id, int *invited, int *signed_n)
{
	char idt[24];
	CS_ID(idt, id);
	const char *p[] = {idt};
	*invited = (int)db_query_int(
		c->db, "SELECT COUNT(DISTINCT unit_id) FROM case_referrals WHERE consultation_id = ? AND deleted = 0",
		1, p, 0);
	*signed_n = (int)
		db_query_int(c->db,
			     "SELECT COUNT(DISTINCT o.unit_id) FROM consultation_opinions o JOIN case_referrals r"
			     " ON r.consultation_id = o.consultation_id AND r.unit_id = o.unit_id AND r.deleted = 0"
			     " WHERE o.consultation_id = ? AND o.deleted = 0",
			     1, p, 0);
}

static int g_conclude(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	cs_config_load(c, cs_str(row, "convened_on"), &cfg);
	int invited, signed_n;
	tally(c, id, &invited, &signed_n);
	int need = cs_quorum_required(invited, cfg.k.quorum_pct);
	if (invited > 0 && signed_n >= need)
		return 0;
	return cs_refusef(c, BASIS_CONSULT,
			  c->en ? "quorum not reached: %d of %d invited agencies signed an opinion, %d needed (%d%%)"
				: "未达到法定人数：应邀%d家单位中%d家签署意见，至少需要%d家（%d%%）",
			  c->en ? signed_n : invited, c->en ? invited : signed_n, need, cfg.k.quorum_pct);
}

static const char *opinion_zh(const char *o)
{
	return !strcmp(o, "agree") ? "同意" : !strcmp(o, "amend") ? "修改" : "不同意";
}

/* Writes the tally, outcome and dissent on the consultation and its case. */
static int on_conclude(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	cs_config_load(c, cs_str(row, "convened_on"), &cfg);
	int invited, signed_n, n[3] = {0, 0, 0};
	tally(c, id, &invited, &signed_n);
	strbuf dissent;
	sb_init(&dissent);
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT u.name, o.opinion, o.reasons, o.amendment FROM consultation_opinions o JOIN units u ON u.id = o.unit_id"
		    " WHERE o.consultation_id = ? AND o.deleted = 0 ORDER BY o.id",
		    &s) != DB_OK) {
		sb_free(&dissent);
		return ctx_internal(c, "consultation opinions", db_errmsg(c->db));
	}
	db_bind_int(s, 1, id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		const char *op = db_col_text(s, 1);
		n[!strcmp(op, "agree") ? 0 : !strcmp(op, "amend") ? 1 : 2]++;
		if (!strcmp(op, "agree"))
			continue;
		sb_printf(&dissent, "%s%s：%s。理由：%s", dissent.len ? "；" : "", db_col_text(s, 0), opinion_zh(op),
			  db_col_text(s, 2) ? db_col_text(s, 2) : "");
		if (db_col_text(s, 3))
			sb_printf(&dissent, "。修改意见：%s", db_col_text(s, 3));
	}
	db_finalize(s);
	if (rc != DB_DONE) { /* an outcome counted on a part of the opinions would be false */
		sb_free(&dissent);
		return ctx_internal(c, "consultation opinions", db_errmsg(c->db));
	}
	char outcome[1200];
	snprintf(outcome, sizeof outcome,
		 "应邀%d家，签署意见%d家（法定人数%d家）：同意%d，修改%d，不同意%d。会商结论：%s", invited, signed_n,
		 cs_quorum_required(invited, cfg.k.quorum_pct), n[0], n[1], n[2], cs_str(row, "conclusion"));
	int64_t case_id = cs_int(row, "case_id");
	/* Through the audited setter: versions bumped, an audit record each. */
	json_t *f = json_pack("{s:s, s:o, s:i, s:i}", "outcome", outcome, "dissent",
			      dissent.len ? json_string(dissent.s) : json_null(), "quorum_required",
			      cs_quorum_required(invited, cfg.k.quorum_pct), "opinions_count", signed_n);
	rc = crud_set_fields(c, &cs_ent_consultations, id, f, "conclude");
	json_decref(f);
	if (rc == DB_OK) {
		f = json_pack("{s:s, s:s}", "consultation_outcome", outcome, "consultation_dissent",
			      dissent.len ? dissent.s : "无");
		rc = crud_set_fields(c, &cs_ent_cases, case_id, f, "consultation");
		json_decref(f);
	}
	sb_free(&dissent);
	return rc == DB_OK ? 0 : -1;
}

static const wf_state consultation_states[] = {
	{"convened", "已召集", "Convened"},
	{"held", "已召开", "Held"},
	{"concluded", "已形成会商意见", "Concluded", 1},
	{"cancelled", "已取消", "Cancelled", 1},
};
static const wf_transition consultation_transitions[] = {
	{"hold", "召开会商", "Hold the meeting", "convened", "held", NULL, "held_on"},
	{"conclude", "形成会商意见", "Conclude", "held", "concluded", NULL, "conclusion", .guard = g_conclude,
	 .on_enter = on_conclude},
	{"cancel", "取消会商", "Cancel", "convened,held", "cancelled", NULL, "cancel_reason", .aside = 1},
};
static const workflow_def consultation_workflow = {"convened", consultation_states, ZJ_COUNT(consultation_states),
						   consultation_transitions, ZJ_COUNT(consultation_transitions)};

static const field_def consultation_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_REQUIRED | F_LIST | F_FILTER, .ref = "cases"},
	{"subject", FT_TEXT, "会商议题", "Subject", F_REQUIRED | F_LIST | F_SEARCH, 2, 200},
	{"convened_on", FT_DATE, "召集日期", "Convened on", F_REQUIRED | F_LIST | F_SORT},
	{"meeting_on", FT_DATE, "会商日期", "Meeting date", F_REQUIRED | F_LIST},
	{"place", FT_TEXT, "会商地点", "Place", 0, 0, 200},
	{"host", FT_TEXT, "主持人", "Chair", 0, 0, 50},
	{"agenda", FT_TEXT, "会商材料及议程", "Materials and agenda", 0, 0, 4000},
	{"attendees", FT_TEXT, "列席人员", "Also present", 0, 0, 1000},
	{"held_on", FT_DATE, "召开日期", "Held on", F_READONLY | F_LIST},
	{"conclusion", FT_TEXT, "会商结论", "Conclusion", F_READONLY, 0, 4000},
	{"outcome", FT_TEXT, "会商结果", "Outcome", F_READONLY, 0, 2000},
	{"dissent", FT_TEXT, "不同意见", "Dissent", F_READONLY, 0, 4000},
	{"quorum_required", FT_INT, "法定人数", "Quorum", F_READONLY},
	{"opinions_count", FT_INT, "签署意见单位数", "Opinions signed", F_READONLY | F_LIST},
	{"cancel_reason", FT_TEXT, "取消理由", "Why cancelled", F_READONLY, 0, 1000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks consultation_hooks = {.prepare = cs_child_prepare,
						.validate = consultation_validate,
						.after_write = consultation_after_write,
						.assigned_sql = cs_assigned_child};
const entity_def cs_ent_consultations = {
	.name = "consultations",
	.table = "consultations",
	.label_zh = "重大案件会商",
	.label_en = "Consultations",
	.menu = "cases",
	.fields = consultation_fields,
	.nfields = ZJ_COUNT(consultation_fields),
	.label_field = "subject",
	.juris_field = "jurisdiction_id",
	.workflow = &consultation_workflow,
	.hooks = &consultation_hooks,
	.no_delete = 1,
};

/* ---- opinions ---- */

static void opinion_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (c->user && !old)
		json_object_set_new(row, "unit_id", json_integer(c->user->unit_id));
	if (c->user)
		json_object_set_new(row, "signer", json_string(c->user->name));
	json_object_set_new(row, "signed_at", json_string(c->now));
	json_t *k = crud_load(c, &cs_ent_consultations, cs_int(row, "consultation_id"));
	if (k) {
		json_object_set(row, "case_id", json_object_get(k, "case_id"));
		json_object_set(row, "jurisdiction_id", json_object_get(k, "jurisdiction_id"));
	}
	json_decref(k);
}

static void opinion_rules(zj_ctx *c, const json_t *row, json_t *errors)
{
	const char *op = cs_str(row, "opinion");
	if (op && strcmp(op, "agree") && !cs_str(row, "reasons"))
		crud_field_error(c, errors, "reasons", FE_REQUIRED, "不同意或修改的，须说明理由",
				 "a dissent or amendment needs reasons");
	if (op && !strcmp(op, "amend") && !cs_str(row, "amendment"))
		crud_field_error(c, errors, "amendment", FE_REQUIRED, "请写明修改意见", "state the amendment");
}

static void opinion_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int64_t cons = cs_int(row, "consultation_id"), unit = cs_int(row, "unit_id");
	json_t *k = cons > 0 ? crud_load(c, &cs_ent_consultations, cons) : NULL;
	if (!k) {
		if (cons > 0)
			crud_field_error(c, errors, "consultation_id", FE_REF, "会商不存在", "no such consultation");
		return;
	}
	const char *st = cs_str(k, "state");
	if (strcmp(st, "convened") && strcmp(st, "held"))
		crud_field_error(c, errors, "consultation_id", FE_CLOSED, "会商已结束，意见不能再签署或修改",
				 "the consultation has ended");
	else if (!c->user || !referral_exists(c, cs_int(k, "case_id"), unit, cons, 0))
		crud_field_error(c, errors, "unit_id", FE_SCOPE, "只有受邀参加本次会商的单位可以签署意见",
				 "only invited agencies sign opinions");
	if (old && (cs_int(old, "consultation_id") != cons || cs_int(old, "unit_id") != unit ||
		    (c->user && c->user->unit_id != cs_int(old, "unit_id"))))
		crud_field_error(c, errors, "unit_id", FE_SCOPE, "只能修改本单位的意见",
				 "you may change only your unit's opinion");
	char a[24], b[24], s[24];
	CS_ID(a, cons), CS_ID(b, unit), CS_ID(s, old ? cs_int(old, "id") : 0);
	const char *p[] = {a, b, s};
	if (db_query_int(
		    c->db,
		    "SELECT COUNT(*) FROM consultation_opinions WHERE consultation_id = ? AND unit_id = ? AND deleted = 0 AND id <> ?",
		    3, p, 0))
		crud_field_error(c, errors, "unit_id", FE_UNIQUE, "本单位已签署意见，请修改原意见",
				 "your unit has signed already: change that opinion");
	opinion_rules(c, row, errors);
	json_decref(k);
}

static void assigned_opinions(zj_ctx *c, strbuf *sql, json_t *params)
{
	sb_add(sql,
	       "t.consultation_id IN (SELECT r.consultation_id FROM case_referrals r WHERE r.unit_id = ? AND r.deleted = 0"
	       " AND r.consultation_id IS NOT NULL)");
	json_array_append_new(params, json_integer(c->user ? c->user->unit_id : 0));
}

static const field_def opinion_fields[] = {
	{"consultation_id", FT_REF, "会商", "Consultation", F_REQUIRED | F_LIST | F_FILTER, .ref = "consultations"},
	{"unit_id", FT_REF, "单位", "Agency", F_READONLY | F_LIST | F_FILTER, .ref = "units"},
	{"opinion", FT_DICT, "意见", "Opinion", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_opinion"},
	{"reasons", FT_TEXT, "理由", "Reasons", F_LIST, 0, 2000},
	{"amendment", FT_TEXT, "修改意见", "Amendment", 0, 0, 2000},
	{"signer", FT_TEXT, "签署人", "Signed by", F_READONLY | F_LIST, 0, 128},
	{"signed_at", FT_DATETIME, "签署时间", "Signed at", F_READONLY | F_LIST},
	{"case_id", FT_REF, "案件", "Case", F_READONLY | F_FILTER, .ref = "cases"},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks opinion_hooks = {.prepare = opinion_prepare,
					   .validate = opinion_validate,
					   .assigned_sql = assigned_opinions};
const entity_def cs_ent_opinions = {
	.name = "consultation_opinions",
	.table = "consultation_opinions",
	.label_zh = "会商意见",
	.label_en = "Consultation opinions",
	.menu = "cases",
	.fields = opinion_fields,
	.nfields = ZJ_COUNT(opinion_fields),
	.label_field = "opinion",
	.juris_field = "jurisdiction_id",
	.hooks = &opinion_hooks,
	.no_delete = 1,
};
