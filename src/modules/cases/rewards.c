/* rewards.c — rewards for reports that lead to a penalty (市场监管领域重大违法行为
 * 举报奖励暂行办法, 国市监稽规〔2021〕4号, in force 2021-12-01) as a workflow:
 * proposed → approved → paid (or refused). A reward belongs to a named (实名)
 * report whose clue became a case that was closed with a penalty decision, or
 * transferred to the police; the level (一级/二级/三级, Art. 11) fixes the
 * amount from the case's fines and confiscations (Art. 12: 5 %/3 %/1 %, at
 * least 5,000/3,000/1,000 yuan, at most 1,000,000 yuan per case); an amount of
 * 500,000 yuan or more is set together with the finance department. The
 * record holds no identity of the reporter (投诉举报处理暂行办法 Art. 33): the
 * reporter is reached through the report, whose personal fields stay masked. */
#include "modules/cases/cases.h"
#include "lib/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The case a reward rests on: the report's clue. */
static json_t *case_of(zj_ctx *c, const json_t *complaint)
{
	int64_t id = cs_int(complaint, "case_id");
	zj_user *u = c->user;
	c->user = NULL; /* read as the system: scope is checked on the reward itself */
	json_t *r = id > 0 ? crud_load(c, &cs_ent_cases, id) : NULL;
	c->user = u;
	return r;
}

static void reward_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	zj_user *u = c->user;
	c->user = NULL;
	json_t *comp = crud_load(c, &cs_ent_complaints, cs_int(row, "complaint_id"));
	c->user = u;
	json_t *cs = comp ? case_of(c, comp) : NULL;
	if (comp)
		json_object_set(row, "jurisdiction_id", json_object_get(comp, "jurisdiction_id"));
	if (cs) {
		int64_t basis = cs_int(cs, "fine_fen") + cs_int(cs, "confiscation_fen");
		const char *lv = cs_str(row, "level");
		int64_t amount = cs_reward_fen((int)num_or(lv, 0, 9, 0), basis);
		json_object_set_new(row, "case_id", json_integer(cs_int(cs, "id")));
		json_object_set_new(row, "basis_fen", json_integer(basis));
		json_object_set_new(row, "amount_fen", amount >= 0 ? json_integer(amount) : json_null());
	}
	json_decref(cs), json_decref(comp);
}

static void reward_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (old && cs_str(old, "state") && strcmp(cs_str(old, "state"), "proposed")) {
		const char *k;
		json_t *v;
		json_object_foreach ((json_t *)row, k, v) /* after approval only the workflow writes */
			if (strcmp(k, "state") && !json_equal(v, json_object_get(old, k)) &&
			    (!strcmp(k, "level") || !strcmp(k, "grounds")))
				crud_field_error(c, errors, k, FE_LOCKED, "奖励批准后不能修改",
						 "cannot change after approval");
	}
	zj_user *u = c->user;
	c->user = NULL;
	json_t *comp = crud_load(c, &cs_ent_complaints, cs_int(row, "complaint_id"));
	c->user = u;
	if (!comp) {
		crud_field_error(c, errors, "complaint_id", FE_REF, "举报不存在", "no such report");
		return;
	}
	if (!cs_str(comp, "kind") || strcmp(cs_str(comp, "kind"), "report"))
		crud_field_error(c, errors, "complaint_id", FE_CHECK,
				 "只有举报可以奖励（市场监管领域重大违法行为举报奖励暂行办法）",
				 "only a report is rewarded (Reward Rules)");
	else if (!cs_str(comp, "complainant_name"))
		crud_field_error(c, errors, "complaint_id", FE_CHECK,
				 "匿名举报无法奖励：奖励须为实名举报（市场监管领域重大违法行为举报奖励暂行办法）",
				 "an anonymous report cannot be rewarded (Reward Rules)");
	json_t *cs = case_of(c, comp);
	const char *st = cs ? cs_str(cs, "state") : NULL;
	int ok = st && ((!strcmp(st, "closed") && cs_str(cs, "decision_no")) || !strcmp(st, "transferred_police"));
	if (!ok)
		crud_field_error(
			c, errors, "complaint_id", FE_STATE,
			"举报事项须经查证属实、作出行政处罚决定并结案，或移送司法机关后方可奖励（举报奖励暂行办法第三条）",
			"rewarded once the case is closed with a penalty decision, or transferred to the police (Reward Rules Art. 3)");
	const char *lv = cs_str(row, "level");
	if (lv && cs_reward_fen((int)num_or(lv, 0, 9, 0), 0) < 0)
		crud_field_error(c, errors, "level", FE_DICT, "奖励等级为一级、二级或三级（举报奖励暂行办法第十一条）",
				 "level 1, 2 or 3 (Art. 11)");
	if (!old) {
		char idt[24];
		CS_ID(idt, cs_int(row, "complaint_id"));
		const char *p[] = {idt};
		if (db_query_int(c->db, "SELECT COUNT(*) FROM report_rewards WHERE complaint_id = ? AND deleted = 0", 1,
				 p, 0) > 0)
			crud_field_error(c, errors, "complaint_id", FE_UNIQUE, "该举报已有奖励记录",
					 "this report already has a reward");
	}
	json_decref(cs), json_decref(comp);
}

/* Art. 12: an amount of 500,000 yuan or more is set with the finance department. */
static int g_approve(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (cs_int(row, "amount_fen") >= CS_REWARD_FINANCE_FEN && !cs_str(row, "finance_consent_on"))
		return cs_refuse(
			c, "市场监管领域重大违法行为举报奖励暂行办法第十二条",
			"单笔奖励金额达到50万元以上的，须同本级财政部门确定（使用“会同财政部门批准”步骤）",
			"a reward of 500,000 yuan or more is set with the finance department (approve_with_finance)");
	return 0;
}

static const wf_state reward_states[] = {
	{"proposed", "拟奖励", "Proposed"},
	{"approved", "已批准", "Approved"},
	{"paid", "已发放", "Paid", 1},
	{"refused", "不予奖励", "Refused", 1},
};
static const wf_transition reward_transitions[] = {
	{"approve", "批准奖励", "Approve", "proposed", "approved", NULL, "approved_on,approver", .guard = g_approve},
	{"approve_with_finance", "会同财政部门批准", "Approve with the finance department", "proposed", "approved",
	 NULL, "approved_on,approver,finance_consent_on"},
	{"pay", "发放奖励", "Pay", "approved", "paid", NULL, "paid_on,payment_ref"},
	{"refuse", "不予奖励", "Refuse", "proposed", "refused", NULL, "refused_on,refusal_reason", .aside = 1},
};
static const workflow_def reward_workflow = {"proposed", reward_states, ZJ_COUNT(reward_states), reward_transitions,
					     ZJ_COUNT(reward_transitions)};

static const field_def reward_fields[] = {
	{"complaint_id", FT_REF, "举报", "Report", F_REQUIRED | F_UNIQUE | F_LIST | F_FILTER, .ref = "complaints"},
	{"case_id", FT_REF, "案件", "Case", F_READONLY | F_LIST | F_FILTER, .ref = "cases"},
	{"level", FT_DICT, "奖励等级", "Level", F_REQUIRED | F_LIST | F_FILTER, .dict = "report_reward_level"},
	{"grounds", FT_TEXT, "等级认定理由", "Why this level", F_REQUIRED, 1, 2000,
	 .help_zh = "举报奖励暂行办法第十一条：举报内容与违法事实相符程度及证据", .help_en = "Art. 11"},
	{"basis_fen", FT_MONEY, "罚没款", "Fines and confiscations", F_READONLY},
	{"amount_fen", FT_MONEY, "奖励金额", "Reward", F_READONLY | F_LIST},
	{"proposed_on", FT_DATE, "拟定日期", "Proposed on", F_REQUIRED | F_LIST},
	{"approved_on", FT_DATE, "批准日期", "Approved on", F_READONLY},
	{"approver", FT_TEXT, "批准人", "Approved by", F_READONLY, 0, 100},
	{"finance_consent_on", FT_DATE, "财政部门确定日期", "Finance department agreed on", F_READONLY},
	{"paid_on", FT_DATE, "发放日期", "Paid on", F_READONLY | F_LIST},
	{"payment_ref", FT_TEXT, "发放凭证号", "Payment reference", F_READONLY, 0, 100},
	{"refused_on", FT_DATE, "不予奖励日期", "Refused on", F_READONLY},
	{"refusal_reason", FT_TEXT, "不予奖励理由", "Why refused", F_READONLY, 0, 1000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks reward_hooks = {.prepare = reward_prepare, .validate = reward_validate};

const entity_def cs_ent_rewards = {
	.name = "report_rewards",
	.table = "report_rewards",
	.label_zh = "举报奖励",
	.label_en = "Report rewards",
	.menu = "cases",
	.fields = reward_fields,
	.nfields = ZJ_COUNT(reward_fields),
	.label_field = "grounds",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &reward_workflow,
	.hooks = &reward_hooks,
	.no_delete = 1,
};
