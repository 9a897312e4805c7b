/* case.c — the enforcement case (行政处罚案件) from clue to closure, as one
 * entity with one workflow (市场监督管理行政处罚程序规定, 行政处罚法 2021,
 * DOMAIN.md §4). A clue (线索) is a case in state `clue`; filing (立案) needs
 * the head's approval; the guards refuse any step out of order with a
 * message citing the rule: a decision before the statement period has run,
 * a major case decided without a consultation or collective discussion, a
 * decision past the 90-day (+extension) limit, a hearing noticed fewer than
 * 7 working days ahead, a payment short of the fine and its late fee. Every
 * step re-derives the clocks (clocks.c) and numbers the documents. */
#include "core/calendar.h"
#include "core/numbering.h"
#include "modules/cases/cases.h"
#include "lib/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MONEY_MAX 100000000000000LL

/* ---- helpers ---- */

int cs_case_is_final(const char *state)
{
	static const char *finals[] = {"closed", "not_filed", "transferred_police", "transferred"};
	for (size_t i = 0; state && i < sizeof finals / sizeof finals[0]; i++)
		if (!strcmp(state, finals[i]))
			return 1;
	return 0;
}

static void penalty_of(const json_t *row, cs_penalty *p, char **kinds)
{
	const char *pt = cs_str(row, "party_type");
	json_t *fine = json_object_get(row, "fine_fen");
	memset(p, 0, sizeof *p);
	p->legal_person = pt && strcmp(pt, "natural");
	p->fine_fen = json_is_integer(fine) ? json_integer_value(fine) : cs_int(row, "proposed_fine_fen");
	p->confiscation_fen = cs_int(row, "confiscation_fen");
	*kinds = cs_joined(row, "penalty_kinds");
	p->kinds = *kinds;
	p->public_interest = cs_bool(row, "public_interest");
	p->manual = cs_bool(row, "major_manual");
}

unsigned cs_case_major(zj_ctx *c, const json_t *row, const cs_config *cfg, char *why, size_t n)
{
	cs_penalty p;
	char *kinds;
	penalty_of(row, &p, &kinds);
	unsigned r = cs_major(&cfg->k, &p);
	cs_major_text(r, 0, why, n);
	free(kinds);
	return r;
}

int cs_case_hearing_entitled(const json_t *row, const cs_config *cfg)
{
	cs_penalty p;
	char *kinds;
	penalty_of(row, &p, &kinds);
	int r = cs_hearing_entitled(&cfg->k, &p);
	free(kinds);
	return r;
}

/* 行政处罚法 Art. 58: legal review before the decision. Required here for
 * major, complex and public-interest cases, for every case the party could
 * take to a hearing (Art. 58(2)), and for all when the bureau says so. */
static int review_required(zj_ctx *c, const json_t *row, const cs_config *cfg)
{
	char why[256];
	return cfg->legal_review_all || cs_bool(row, "complex") || cs_bool(row, "public_interest") ||
	       cs_case_major(c, row, cfg, why, sizeof why) || cs_case_hearing_entitled(row, cfg);
}

static void rules_for(zj_ctx *c, const json_t *row, cs_config *cfg)
{
	const char *on = cs_str(row, "report_on") ? cs_str(row, "report_on") : c->today;
	cs_config_load(c, on, cfg);
}

/* ---- validation of every write (PATCH and transitions alike) ---- */

/* Event dates that cannot lie in the future. */
static const char *past_dates[] =
	{"received_on",       "filed_on",        "filing_decided_on",   "report_on",
	 "review_sent_on",    "reviewed_on",     "notice_served_on",    "hearing_requested_on",
	 "hearing_notice_on", "hearing_held_on", "discussion_on",       "decided_on",
	 "served_on",         "paid_on",         "enforcement_on",      "published_on",
	 "transfer_on",       "closed_on",       "statement_waived_on", "demand_served_on"};

/* later ≥ earlier, when both are set. */
static const char *order[][2] = {
	{"filed_on", "received_on"},
	{"filing_decided_on", "received_on"},
	{"report_on", "filed_on"},
	{"review_sent_on", "report_on"},
	{"reviewed_on", "review_sent_on"},
	{"notice_served_on", "report_on"},
	{"notice_served_on", "reviewed_on"},
	{"hearing_requested_on", "notice_served_on"},
	{"hearing_notice_on", "hearing_requested_on"},
	{"hearing_on", "hearing_notice_on"},
	{"hearing_held_on", "hearing_on"},
	{"discussion_on", "notice_served_on"},
	{"discussion_on", "hearing_held_on"},
	{"decided_on", "notice_served_on"},
	{"decided_on", "hearing_held_on"},
	{"decided_on", "discussion_on"},
	{"decided_on", "report_on"},
	{"served_on", "decided_on"},
	{"paid_on", "served_on"},
	{"enforcement_on", "served_on"},
	{"published_on", "decided_on"},
	{"transfer_on", "received_on"},
	{"closed_on", "decided_on"},
	{"closed_on", "paid_on"},
	{"demand_served_on", "served_on"},
	{"enforcement_on", "demand_served_on"},
	{"closed_on", "enforcement_on"},
};

/* Fields frozen once the decision is made (the decision document cites them). */
static const char *locked_after_decision[] = {"title",      "kind",          "jurisdiction_id",  "enterprise_id",
					      "party_name", "party_type",    "party_uscc",       "party_id_no",
					      "party_rep",  "party_address", "summary",          "public_interest",
					      "complex",    "major_manual",  "statement_summary"};
static const char *locked_after_filing[] = {"source", "source_entity", "source_id", "received_on"};

static void check_locks(zj_ctx *c, const json_t *row, const json_t *old, const char **fields, size_t n, json_t *errors,
			const char *zh, const char *en)
{
	for (size_t i = 0; i < n; i++) {
		json_t *a = json_object_get(old, fields[i]), *b = json_object_get(row, fields[i]);
		if (!json_equal(a ? a : json_null(), b ? b : json_null()))
			crud_field_error(c, errors, fields[i], FE_LOCKED, zh, en);
	}
}

static void check_dates(zj_ctx *c, const json_t *row, json_t *errors)
{
	date_days today, a, b;
	date_parse(c->today, &today);
	for (size_t i = 0; i < sizeof past_dates / sizeof past_dates[0]; i++)
		if (cs_date(row, past_dates[i], &a) && a > today)
			crud_field_error(c, errors, past_dates[i], FE_FUTURE, "不能晚于今天",
					 "cannot be later than today");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (!cs_date(row, order[i][0], &a) || !cs_date(row, order[i][1], &b) || a >= b)
			continue;
		const field_def *f = entity_field(&cs_ent_cases, order[i][1]);
		char msg[200];
		snprintf(msg, sizeof msg, c->en ? "cannot be earlier than %s" : "不能早于%s",
			 TR(c, f->label_zh, f->label_en));
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", order[i][0], "message", msg, "code",
							fe_name(FE_ORDER)));
	}
}

static void check_fines(zj_ctx *c, const json_t *row, json_t *errors)
{
	char *kinds = cs_joined(row, "penalty_kinds");
	int fine = clist_has(kinds, "fine");
	json_t *pf = json_object_get(row, "proposed_fine_fen"), *ff = json_object_get(row, "fine_fen");
	if (fine && json_is_integer(pf) && json_integer_value(pf) == 0 && !json_is_integer(ff))
		crud_field_error(c, errors, "proposed_fine_fen", FE_CHECK, "处罚种类含罚款时须填写罚款金额",
				 "must be given (in fen) when the penalty includes a fine");
	/* A fine proposed without the fine kind (e.g. a warning alone) is not a
	 * penalty the notice can name (行政处罚法第九条). */
	if (!fine && kinds && *kinds && json_is_integer(pf) && json_integer_value(pf) > 0)
		crud_field_error(
			c, errors, "proposed_fine_fen", FE_CHECK,
			"处罚种类不含罚款（如仅警告）时拟罚款金额须为零（行政处罚法第九条）",
			"must be zero when the penalty kinds include no fine, e.g. a warning alone (Administrative Penalty Law Art. 9)");
	if (cs_publication_exempt(kinds) && cs_str(row, "decided_on") && cs_str(row, "published_on"))
		crud_field_error(c, errors, "published_on", FE_CHECK,
				 "仅受到警告行政处罚的不予公示（市场监督管理行政处罚信息公示规定第二条）",
				 "a warning alone is not published (SAMR Penalty Publication Rules Art. 2)");
	if (json_is_integer(ff) && cs_str(row, "decided_on") && (fine != (json_integer_value(ff) > 0)))
		crud_field_error(c, errors, "fine_fen", FE_CHECK,
				 "罚款金额与处罚种类不一致（有罚款须大于零，无罚款须为零）",
				 "does not match the penalty kinds (a fine must be above zero, no fine must be zero)");
	free(kinds);
	if ((json_object_get(row, "source_entity") && !json_is_null(json_object_get(row, "source_entity"))) !=
	    (json_is_integer(json_object_get(row, "source_id"))))
		crud_field_error(c, errors, "source_id", FE_CHECK, "来源记录类型与编号须同时填写",
				 "goes together with source_entity");
}

/* A clue's source record (e.g. samples #12 from the food area): when that
 * area is built in, the record must exist; otherwise the link is kept as given. */
static void check_source(zj_ctx *c, const json_t *row, json_t *errors)
{
	const char *name = cs_str(row, "source_entity");
	const entity_def *src = name ? registry_find(name) : NULL;
	if (!src || !json_is_integer(json_object_get(row, "source_id")))
		return;
	char sql[160], idt[24];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE id = ? AND deleted = 0", src->table);
	CS_ID(idt, cs_int(row, "source_id"));
	const char *p[] = {idt};
	if (db_query_int(c->db, sql, 1, p, 0) != 1)
		crud_field_error(c, errors, "source_id", FE_REF, "来源记录不存在", "no such source record");
}

static void case_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (old && cs_case_is_final(cs_str(old, "state"))) {
		crud_field_error(c, errors, "state", FE_CLOSED, "案件已办结或已移送，不能修改",
				 "the case is closed or transferred");
		return;
	}
	if (old && cs_str(old, "decided_on"))
		check_locks(c, row, old, locked_after_decision,
			    sizeof locked_after_decision / sizeof locked_after_decision[0], errors,
			    "处罚决定作出后不能修改", "cannot change after the decision");
	if (old && cs_str(old, "filing_decided_on"))
		check_locks(c, row, old, locked_after_filing,
			    sizeof locked_after_filing / sizeof locked_after_filing[0], errors,
			    "立案决定作出后不能修改", "cannot change after the filing decision");
	check_dates(c, row, errors);
	/* A waiver answers the notice in force when it is given (a later notice makes it stale, not wrong). */
	json_t *wn = json_object_get(row, "statement_waived_on"),
	       *wo = old ? json_object_get(old, "statement_waived_on") : NULL;
	if (cs_str(row, "statement_waived_on") && !json_equal(wn, wo ? wo : json_null()) &&
	    cs_str(row, "notice_served_on") &&
	    strcmp(cs_str(row, "statement_waived_on"), cs_str(row, "notice_served_on")) < 0)
		crud_field_error(c, errors, "statement_waived_on", FE_ORDER, "不能早于告知书送达日期",
				 "cannot be earlier than the prior notice");
	check_fines(c, row, errors);
	check_source(c, row, errors);
}

static void set_major(zj_ctx *c, json_t *row)
{
	cs_config cfg;
	char why[400];
	rules_for(c, row, &cfg);
	unsigned r = cs_case_major(c, row, &cfg, why, sizeof why);
	json_object_set_new(row, "is_major", json_boolean(r != 0));
	json_object_set_new(row, "major_reasons", r ? json_string(why) : json_null());
}

static void case_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	set_major(c, row);
}

static void sync_complaints(zj_ctx *c, int64_t case_id)
{
	db_stmt *s;
	int64_t ids[32];
	int n = 0;
	if (db_prepare(c->db, "SELECT id FROM complaints WHERE case_id = ? AND deleted = 0", &s) != DB_OK) {
		ctx_internal(c, "case complaints", db_errmsg(c->db)); /* the step rolls back (workflow.c) */
		return;
	}
	db_bind_int(s, 1, case_id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW && n < 32; rc = db_step(s))
		ids[n++] = db_col_int(s, 0);
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "case complaints", db_errmsg(c->db));
	for (int i = 0; i < n; i++)
		cs_sync_deadlines(c, &cs_ent_complaints, ids[i]);
}

static int case_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	return cs_sync_deadlines(c, &cs_ent_cases, id) == DB_OK ? 0 : -1;
}

/* ---- guards ---- */

static int statement_due(zj_ctx *c, const json_t *row, date_days *due)
{
	date_days n;
	if (!cs_date(row, "notice_served_on", &n))
		return -1;
	struct wd_calendar *cal = calendar_load(c->db);
	int rc = cal && wd_add(cal, n, 5, due, NULL) == WD_OK ? 0 : -1;
	calendar_free(cal);
	return rc;
}

static int g_notify(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	rules_for(c, row, &cfg);
	if (!cs_str(row, "reviewed_on") && review_required(c, row, &cfg))
		return cs_refuse(
			c, "行政处罚法第五十八条",
			"本案属于重大、复杂、涉及重大公共利益或当事人可要求听证的案件，告知前须经法制审核",
			"this case is major, complex, of public interest or open to a hearing: it needs legal review before the notice");
	return 0;
}

static int g_request_hearing(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	rules_for(c, row, &cfg);
	if (!cs_case_hearing_entitled(row, &cfg))
		return cs_refuse(c, "行政处罚法第六十三条", "拟作出的处罚不属于当事人有权要求听证的情形",
				 "the proposed penalty does not entitle the party to a hearing");
	date_days due, req;
	if (statement_due(c, row, &due) == 0 && cs_date(row, "hearing_requested_on", &req) && req > due) {
		char d[11];
		date_format(due, d);
		return cs_refusef(c, "行政处罚法第六十四条第一项、第八十五条",
				  c->en ? "the hearing request came after the 5 working days that ended on %s"
					: "听证申请超过告知后5个工作日（截至%s）",
				  d);
	}
	return 0;
}

static int g_schedule_hearing(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	date_days notice, hearing, earliest;
	if (!cs_date(row, "hearing_notice_on", &notice) || !cs_date(row, "hearing_on", &hearing))
		return 0;
	struct wd_calendar *cal = calendar_load(c->db);
	int ok = cal && cs_hearing_notice_ok(cal, notice, hearing, &earliest);
	calendar_free(cal);
	if (ok)
		return 0;
	char d[11];
	date_format(earliest, d);
	return cs_refusef(c, "行政处罚法第六十四条第二项、第八十五条",
			  c->en ? "the hearing must be noticed 7 working days ahead: the earliest hearing date is %s"
				: "应当在举行听证的七个工作日前通知当事人：最早可定于%s举行",
			  d);
}

static int need_statement_period(zj_ctx *c, const json_t *row, const char *field)
{
	date_days due, on, notice, held, waived;
	if (!cs_date(row, "notice_served_on", &notice) || statement_due(c, row, &due) != 0 ||
	    !cs_date(row, field, &on) || on > due)
		return 0;
	if (cs_date(row, "hearing_held_on", &held) && held >= notice)
		return 0; /* heard on this notice */
	if (cs_date(row, "statement_waived_on", &waived) && waived >= notice && on >= waived)
		return 0; /* the party waived statement, defence and hearing in writing */
	char d[11];
	date_format(due, d);
	return cs_refusef(c, "行政处罚法第四十五条、第六十二条、第八十五条",
			  c->en ? "the party's 5 working days to state, defend or request a hearing run until %s"
				: "当事人陈述、申辩及要求听证的5个工作日期限至%s届满，期满前不能作出决定或集体讨论",
			  d);
}

static int need_consultation(zj_ctx *c, int64_t id, const json_t *row, const cs_config *cfg)
{
	char why[400];
	if (!cs_case_major(c, row, cfg, why, sizeof why) || cs_case_consulted(c, id))
		return 0;
	return cs_refusef(
		c, "包头市重大行政处罚案件会商制度；办案规则配置",
		c->en ? "a major case (%s) cannot be decided before its inter-agency consultation has concluded"
		      : "重大行政处罚案件（%s）须经发改、商务、纪检监察、检察、公安等单位会商形成意见后方可决定",
		why);
}

static int g_discuss(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	rules_for(c, row, &cfg);
	int rc = need_statement_period(c, row, "discussion_on");
	return rc ? rc : need_consultation(c, id, row, &cfg);
}

/* The decision clock with the decision date as its end. */
static int decision_in_time(zj_ctx *c, const json_t *row)
{
	cs_env x;
	if (cs_env_load(c, &x) != 0)
		return ctx_problem(c, PROB_CALENDAR_UNAVAILABLE, NULL);
	cs_clock k[CS_MAX_CLOCKS];
	int n = cs_case_clocks(c, &x, row, k, CS_MAX_CLOCKS), rc = 0;
	const cs_clock *d = cs_clock_find(k, n, "decision");
	if (d && d->status == CK_LATE)
		rc = cs_refusef(
			c, "程序规定第六十四条、行政处罚法第六十条",
			c->en ? "the decision was due by %s (90 days from filing, plus approved extensions, suspended time excluded): "
				"record an approved extension first"
			      : "办案期限已于%s届满（立案之日起90日，加经批准的延长，扣除中止等期间），须先经批准延长期限",
			d->due);
	cs_env_free(&x);
	return rc;
}

static int g_decide(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	rules_for(c, row, &cfg);
	const char *from = NULL;
	json_t *cur = crud_load(c, e, id);
	from = cur ? cs_str(cur, "state") : NULL;
	int discussed = from && !strcmp(from, "discussed");
	/* What the notice named: the snapshot taken at the notice, else the proposal it carried. */
	int64_t proposed = json_is_integer(json_object_get(cur, "notified_fine_fen"))
				   ? cs_int(cur, "notified_fine_fen")
				   : cs_int(cur, "proposed_fine_fen");
	char *notified =
		cs_joined(cur, cs_str(cur, "notified_kinds") || json_is_array(json_object_get(cur, "notified_kinds"))
				       ? "notified_kinds"
				       : "penalty_kinds");
	char *decided = cs_joined(row, "penalty_kinds"), added[200];
	int nadded = cs_kinds_added(notified, decided, added, sizeof added);
	free(notified), free(decided);
	json_decref(cur);
	char why[400];
	int rc = need_statement_period(c, row, "decided_on");
	if (!rc && nadded)
		rc = cs_refusef(
			c, "行政处罚法第四十四条、第六十二条",
			c->en ? "the decision adds penalty kinds the prior notice did not name (%s): serve a new prior notice first (renotify)"
			      : "决定增加了告知书未告知的处罚种类（%s），须重新告知并给予陈述申辩期限后方可决定",
			added);
	if (!rc && cs_int(row, "fine_fen") > proposed)
		rc = cs_refuse(
			c, "行政处罚法第四十四条、第六十二条、第四十五条第二款",
			"决定的罚款高于告知书拟处罚款，须重新告知并给予陈述申辩期限，不得因陈述申辩加重处罚",
			"the fine is higher than the one notified: a new notice is needed, and statements may not bring a heavier penalty");
	if (!rc && review_required(c, row, &cfg) && !cs_str(row, "reviewed_on"))
		rc = cs_refuse(c, "行政处罚法第五十八条", "本案决定前须经法制审核",
			       "this case needs legal review before the decision");
	if (!rc)
		rc = need_consultation(c, id, row, &cfg);
	if (!rc && !discussed && (cs_bool(row, "complex") || cs_case_major(c, row, &cfg, why, sizeof why)))
		rc = cs_refuse(c, "行政处罚法第五十七条第二款",
			       "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定",
			       "a complex or major case is decided by the heads' collective discussion");
	return rc ? rc : decision_in_time(c, row);
}

static int g_pay(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_late l;
	if (!cs_str(row, "paid_on") || cs_case_late(c, row, cs_str(row, "paid_on"), &l) != 0)
		return 0;
	int64_t fine = l.fine, fee = l.fee, due = fine + fee;
	long late = l.days;
	if (cs_int(row, "paid_fen") >= due)
		return 0;
	char a[40], b[40], f[40];
	cs_yuan(due, a, sizeof a), cs_yuan(fine, b, sizeof b), cs_yuan(fee, f, sizeof f);
	return cs_refusef(
		c, "行政处罚法第六十七条、第七十二条第一款",
		c->en ? "%s yuan is due: the fine %s plus the late fee %s (%ld days late, 3%% a day, at most the fine)"
		      : "应缴%s元：罚款%s元，加处罚款%s元（逾期%ld日，每日3%%，以罚款数额为限）",
		a, b, f, late);
}

static int g_close(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char idt[24];
	CS_ID(idt, id);
	const char *p[] = {idt};
	json_t *cur = crud_load(c, e, id);
	const char *st = cur ? cs_str(cur, "state") : NULL;
	int unpaid = st && (!strcmp(st, "served") || !strcmp(st, "demanded")) && cs_int(row, "fine_fen") > 0;
	json_decref(cur);
	if (unpaid)
		return cs_refuse(
			c, "行政处罚法第七十二条；行政强制法第五十三条、第五十四条",
			"罚款未缴纳：须在缴款期满后催告，催告书送达10个工作日后仍未履行的，于复议、诉讼期限届满之日起三个月内申请人民法院强制执行，方可结案",
			"the fine is unpaid: serve a demand after the payment period, and apply to the court for enforcement (10 working days "
			"after the demand, within 3 months after the reconsideration and litigation periods) before closing");
	char *kinds = cs_joined(row, "penalty_kinds");
	int exempt = cs_publication_exempt(kinds);
	free(kinds);
	if (cs_str(row, "decision_no") && !cs_str(row, "published_on") && !exempt)
		return cs_refuse(c, "市场监督管理行政处罚信息公示规定第九条", "行政处罚信息尚未公示",
				 "the penalty decision has not been published");
	if (db_query_int(c->db,
			 "SELECT COUNT(*) FROM case_measures WHERE case_id = ? AND deleted = 0 AND released_on IS NULL",
			 1, p, 0) > 0)
		return cs_refuse(c, "行政强制法第二十七条、第二十八条", "尚有查封扣押措施未解除或处理",
				 "a seizure or sealing is still in force");
	return 0;
}

static int g_renotify(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	json_t *cur = crud_load(c, e, id);
	const char *before = cur ? cs_str(cur, "notice_served_on") : NULL;
	int rc = 0;
	if (before && cs_str(row, "notice_served_on") && strcmp(cs_str(row, "notice_served_on"), before) <= 0)
		rc = cs_refusef(c, "行政处罚法第四十四条、第六十二条",
				c->en ? "a new prior notice is served after the one of %s"
				      : "重新告知的告知书须在前次告知（%s）之后送达",
				before);
	json_decref(cur);
	return rc ? rc : g_notify(c, e, id, row, body);
}

/* 行政强制法 Art. 54: the demand (催告) comes once the payment period has passed unpaid. */
static int g_demand(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_late l;
	if (cs_case_late(c, row, cs_str(row, "demand_served_on"), &l) != 0)
		return cs_refuse(c, "行政强制法第五十四条", "本案没有需缴纳的罚款", "there is no fine to demand");
	if (l.days > 0)
		return 0;
	return cs_refusef(
		c, "行政处罚法第六十七条、第七十二条；行政强制法第五十四条",
		c->en ? "the payment period runs until %s (deferral and appeals not counted): a demand only after it has passed unpaid"
		      : "缴款期限至%s届满（经批准暂缓、分期及复议诉讼期间不计），期满仍未缴纳的方可催告",
		l.due);
}

/* 行政强制法 Arts. 53, 54, 69: the application to the court, in its window. */
static int g_enforce(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	date_days served, demand, on, earliest = 0, latest = 0;
	if (!cs_date(row, "served_on", &served) || !cs_date(row, "demand_served_on", &demand) ||
	    !cs_date(row, "enforcement_on", &on))
		return 0;
	char idt[24];
	CS_ID(idt, id);
	const char *p[] = {idt};
	if (db_query_int(c->db,
			 "SELECT COUNT(*) FROM case_periods WHERE case_id = ? AND deleted = 0 AND end_on IS NULL"
			 " AND kind IN ('reconsideration', 'litigation')",
			 1, p, 0) > 0)
		return cs_refuse(c, "行政强制法第五十三条",
				 "当事人申请的行政复议或提起的行政诉讼尚未终结，不能申请强制执行",
				 "the party's reconsideration or litigation is still running");
	struct wd_calendar *cal = calendar_load(c->db);
	int why = cal ? cs_enforcement_window(cal, served, demand, on, &earliest, &latest) : CS_ENF_REMEDY;
	calendar_free(cal);
	char a[11], b[11];
	date_format(earliest, a), date_format(latest, b);
	if (why == CS_ENF_REMEDY)
		return cs_refusef(
			c, "行政强制法第五十三条；行政复议法第二十条；行政诉讼法第四十六条",
			c->en ? "the periods to apply for reconsideration (60 days) and to sue (6 months) have not lapsed: the earliest day is %s"
			      : "当事人申请行政复议（60日）、提起行政诉讼（6个月）的期限届满前不能申请强制执行，最早可于%s申请",
			a);
	if (why == CS_ENF_DEMAND)
		return cs_refusef(
			c, "行政强制法第五十四条、第六十九条",
			c->en ? "an application comes 10 working days after the demand was served: the earliest day is %s"
			      : "催告书送达10个工作日后当事人仍未履行的方可申请，最早可于%s申请",
			a);
	if (why == CS_ENF_LATE)
		return cs_refusef(
			c, "行政强制法第五十三条",
			c->en ? "the application was due within 3 months after the remedy periods lapsed, by %s"
			      : "应自复议、诉讼期限届满之日起三个月内申请强制执行，已于%s届满",
			b);
	return 0;
}

/* ---- on entering a state ---- */

static int sync(zj_ctx *c, int64_t id)
{
	int rc = cs_sync_deadlines(c, &cs_ent_cases, id);
	sync_complaints(c, id);
	return rc == DB_OK ? 0 : -1;
}

/* Whether number n of the year is held by a live case (written by the demo
 * or before the series existed): the service passes over it. */
static int case_no_taken(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	char sql[160], nt[24];
	snprintf(sql, sizeof sql,
		 "SELECT 1 FROM cases WHERE %s_year = CAST(? AS INTEGER) AND %s_seq = ? AND deleted = 0",
		 (const char *)ud, (const char *)ud);
	CS_ID(nt, n);
	const char *p[] = {period, nt};
	return db_query_int(c->db, sql, 2, p, 0) == 1;
}

/* 包质监立字〔2026〕第N号 (the bureau's word, cs_config): the next number of
 * the year of series cases.<prefix>, from the core's numbering service. */
static int assign_number(zj_ctx *c, int64_t id, const char *date, const char *word, const char *prefix)
{
	char ycol[40], scol[40], series[40], yt[8], tail[80], no[200];
	snprintf(ycol, sizeof ycol, "%s_year", prefix), snprintf(scol, sizeof scol, "%s_seq", prefix);
	snprintf(series, sizeof series, "cases.%s", prefix);
	snprintf(yt, sizeof yt, "%.4s", date);
	int64_t seq;
	if (numbering_take(c, series, "〔{year}〕第{n}号", yt, case_no_taken, prefix, &seq, tail, sizeof tail) != DB_OK)
		return DB_ERR;
	snprintf(no, sizeof no, "%s%s", word, tail); /* the word is the bureau's text, not a pattern */
	json_t *f = json_pack("{s:i, s:I, s:s}", ycol, (int)num_or(yt, 0, 9999, 0), scol, (json_int_t)seq,
			      !strcmp(prefix, "filing") ? "case_no" : "decision_no", no);
	int rc = crud_set_fields(c, &cs_ent_cases, id, f, "number");
	json_decref(f);
	return rc;
}

static int on_sync(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return sync(c, id);
}

static int on_filed(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	cs_config_load(c, cs_str(row, "filed_on"), &cfg);
	if (assign_number(c, id, cs_str(row, "filed_on"), cfg.filing_word, "filing") != DB_OK ||
	    crud_set1(c, &cs_ent_cases, id, "filing", "filing_decided_on", json_string(cs_str(row, "filed_on"))) !=
		    DB_OK ||
	    cs_freeze_document(c, id, "filing_approval", "approve_filing") != DB_OK)
		return -1;
	return sync(c, id);
}

static int on_transfer(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!cs_str(row, "filing_decided_on") && crud_set1(c, &cs_ent_cases, id, "filing", "filing_decided_on",
							   json_string(cs_str(row, "transfer_on"))) != DB_OK)
		return -1;
	return sync(c, id);
}

static int store_major(zj_ctx *c, int64_t id, const json_t *row)
{
	cs_config cfg;
	char why[400];
	rules_for(c, row, &cfg);
	unsigned r = cs_case_major(c, row, &cfg, why, sizeof why);
	json_t *f = json_pack("{s:b, s:o}", "is_major", r != 0, "major_reasons", r ? json_string(why) : json_null());
	int rc = crud_set_fields(c, &cs_ent_cases, id, f, "major");
	json_decref(f);
	return rc;
}

static int on_reported(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return store_major(c, id, row) == DB_OK &&
			       cs_freeze_document(c, id, "investigation_report", "finish_investigation") == DB_OK
		       ? sync(c, id)
		       : -1;
}

static int on_review(zj_ctx *c, int64_t id, const char *result)
{
	return crud_set1(c, &cs_ent_cases, id, "review", "review_result", json_string(result)) == DB_OK &&
			       cs_freeze_document(c, id, "legal_review",
						  !strcmp(result, "pass") ? "review_pass" : "review_return") == DB_OK
		       ? sync(c, id)
		       : -1;
}
static int on_review_pass(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return on_review(c, id, "pass");
}
static int on_review_return(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return on_review(c, id, "return");
}

static int on_decided(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_config cfg;
	cs_config_load(c, cs_str(row, "decided_on"), &cfg);
	if (assign_number(c, id, cs_str(row, "decided_on"), cfg.decision_word, "decision") != DB_OK ||
	    store_major(c, id, row) != DB_OK || cs_freeze_document(c, id, "decision", "decide") != DB_OK)
		return -1;
	return sync(c, id);
}

/* The prior notice: what it names is what a decision may impose (Arts. 44, 62); a new
 * notice starts a new statement period, and an earlier waiver does not carry over. */
static int on_notified(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char *kinds = cs_joined(row, "penalty_kinds");
	json_t *f = json_pack("{s:s, s:I, s:I, s:n, s:n}", "notified_kinds", kinds ? kinds : "", "notified_fine_fen",
			      (json_int_t)cs_int(row, "proposed_fine_fen"), "notice_count",
			      (json_int_t)(cs_int(row, "notice_count") + 1), "statement_waived_on", "waiver_note");
	free(kinds);
	int rc = crud_set_fields(c, &cs_ent_cases, id, f, "notice");
	json_decref(f);
	if (rc == DB_OK)
		rc = store_major(c, id, row);
	if (rc == DB_OK)
		rc = cs_freeze_document(c, id, "prior_notice",
					body && cs_int(row, "notice_count") > 0 ? "renotify" : "notify");
	return rc == DB_OK ? sync(c, id) : -1;
}

static int freeze_and_sync(zj_ctx *c, int64_t id, const char *kind, const char *event)
{
	return cs_freeze_document(c, id, kind, event) == DB_OK ? sync(c, id) : -1;
}
static int on_hearing_noticed(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return freeze_and_sync(c, id, "hearing_notice", "schedule_hearing");
}
static int on_discussed(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return freeze_and_sync(c, id, "discussion_record", "discuss");
}
static int on_served(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return freeze_and_sync(c, id, "service_receipt", "serve");
}
static int on_closed(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return freeze_and_sync(c, id, "closure_approval", "close");
}

static int on_paid(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	cs_late l;
	int64_t fee = cs_case_late(c, row, cs_str(row, "paid_on"), &l) == 0 ? l.fee : 0;
	if (crud_set1(c, &cs_ent_cases, id, "late_fee", "late_fee_fen", json_integer(fee)) != DB_OK)
		return -1;
	return sync(c, id);
}

/* ---- the workflow table ---- */

static const wf_state case_states[] = {
	{"clue", "线索核查", "Clue under review"},
	{"filing_review", "立案审批", "Filing for approval"},
	{"investigating", "调查取证", "Investigating"},
	{"reported", "调查终结", "Investigation reported"},
	{"legal_review", "法制审核", "Legal review"},
	{"reviewed", "审核完毕", "Reviewed"},
	{"notified", "已告知", "Party notified"},
	{"hearing_requested", "已申请听证", "Hearing requested"},
	{"hearing_scheduled", "已通知听证", "Hearing scheduled"},
	{"heard", "已听证", "Heard"},
	{"discussed", "已集体讨论", "Collectively discussed"},
	{"decided", "已作出处罚决定", "Decided"},
	{"served", "已送达", "Decision served"},
	{"paid", "已缴纳罚款", "Fine paid"},
	{"demanded", "已催告", "Payment demanded"},
	{"enforcement_applied", "已申请强制执行", "Enforcement applied for"},
	{"no_penalty", "不予行政处罚", "No penalty"},
	{"closed", "已结案", "Closed", 1},
	{"not_filed", "不予立案", "Not filed", 1},
	{"transferred_police", "已移送公安", "Transferred to the police", 1},
	{"transferred", "已移送其他机关", "Transferred to another authority", 1},
};

#define BEFORE_DECISION \
	"clue,filing_review,investigating,reported,legal_review,reviewed,notified,hearing_requested,hearing_scheduled,heard,discussed"

static const wf_transition case_transitions[] = {
	{"request_filing", "提请立案", "Propose filing", "clue", "filing_review", NULL, "cause,filing_opinion",
	 .on_enter = on_sync},
	{"approve_filing", "批准立案", "Approve filing", "filing_review", "investigating", NULL, "filed_on",
	 .on_enter = on_filed},
	{"no_case", "不予立案", "Decide not to file", "clue,filing_review", "not_filed", NULL,
	 "filing_decided_on,no_case_reason", .on_enter = on_sync, .aside = 1},
	{"transfer_police", "涉嫌犯罪移送公安", "Transfer to the police (suspected crime)", BEFORE_DECISION,
	 "transferred_police", NULL, "transfer_on,transfer_to,transfer_reason", .on_enter = on_transfer, .aside = 1},
	{"transfer", "移送其他机关", "Transfer to another authority", BEFORE_DECISION, "transferred", NULL,
	 "transfer_on,transfer_to,transfer_reason", .on_enter = on_transfer, .aside = 1},
	{"finish_investigation", "调查终结", "Report the investigation", "investigating", "reported", NULL,
	 "report_on,findings,legal_basis,penalty_kinds,proposed_fine_fen,confiscation_fen", .on_enter = on_reported},
	{"send_review", "送法制审核", "Send for legal review", "reported", "legal_review", NULL, "review_sent_on",
	 .on_enter = on_sync},
	{"review_pass", "审核通过", "Review: agree", "legal_review", "reviewed", NULL, "reviewed_on,legal_opinion",
	 .on_enter = on_review_pass},
	{"review_return", "退回补充调查", "Review: return for investigation", "legal_review", "investigating", NULL,
	 "reviewed_on,legal_opinion", .on_enter = on_review_return},
	{"notify", "送达行政处罚告知书", "Serve the prior notice", "reported,reviewed", "notified", NULL,
	 "notice_served_on", .guard = g_notify, .on_enter = on_notified},
	{"renotify", "重新告知", "Serve a new prior notice", "notified,heard,discussed", "notified", NULL,
	 "notice_served_on,penalty_kinds,proposed_fine_fen,confiscation_fen", .guard = g_renotify,
	 .on_enter = on_notified, .aside = 1},
	{"waive_statement", "当事人书面放弃陈述申辩", "Party waives statement in writing", "notified", "notified", NULL,
	 "statement_waived_on,waiver_note", .on_enter = on_sync, .aside = 1},
	{"request_hearing", "当事人申请听证", "Party requests a hearing", "notified", "hearing_requested", NULL,
	 "hearing_requested_on", .guard = g_request_hearing, .on_enter = on_sync, .aside = 1},
	{"schedule_hearing", "送达听证通知书", "Notice the hearing", "hearing_requested", "hearing_scheduled", NULL,
	 "hearing_notice_on,hearing_on,hearing_place", .guard = g_schedule_hearing, .on_enter = on_hearing_noticed},
	{"hold_hearing", "举行听证", "Hold the hearing", "hearing_scheduled", "heard", NULL,
	 "hearing_held_on,hearing_summary", .on_enter = on_sync},
	{"discuss", "集体讨论", "Collective discussion", "notified,heard", "discussed", NULL,
	 "discussion_on,discussion_participants,discussion_conclusion", .guard = g_discuss, .on_enter = on_discussed},
	{"decide", "作出行政处罚决定", "Decide the penalty", "notified,heard,discussed", "decided", NULL,
	 "decided_on,penalty_kinds,fine_fen,decision_summary", .guard = g_decide, .on_enter = on_decided},
	{"decide_no_penalty", "不予行政处罚", "Decide no penalty", "reported,reviewed,notified,heard,discussed",
	 "no_penalty", NULL, "decided_on,no_penalty_reason", .on_enter = on_sync, .aside = 1},
	{"serve", "送达处罚决定书", "Serve the decision", "decided", "served", NULL, "served_on,service_method",
	 .on_enter = on_served},
	{"record_payment", "登记缴纳罚款", "Record payment", "served,demanded,enforcement_applied", "paid", NULL,
	 "paid_on,paid_fen", .guard = g_pay, .on_enter = on_paid},
	{"demand_payment", "送达催告书", "Serve a demand to pay", "served", "demanded", NULL, "demand_served_on",
	 .guard = g_demand, .on_enter = on_sync},
	{"apply_enforcement", "申请人民法院强制执行", "Apply to the court for enforcement", "demanded",
	 "enforcement_applied", NULL, "enforcement_on,enforcement_court", .guard = g_enforce, .on_enter = on_sync},
	{"close", "结案", "Close the case", "served,paid,no_penalty,demanded,enforcement_applied", "closed", NULL,
	 "closed_on,closure_summary", .guard = g_close, .on_enter = on_closed},
};

static const workflow_def case_workflow = {"clue", case_states, ZJ_COUNT(case_states), case_transitions,
					   ZJ_COUNT(case_transitions)};

/* ---- fields ---- */

static const field_def case_fields[] = {
	{"case_no", FT_TEXT, "立案编号", "Case no.", F_READONLY | F_LIST | F_SEARCH, 0, 60},
	{"title", FT_TEXT, "案件名称", "Title", F_REQUIRED | F_LIST | F_SEARCH | F_SORT, 2, 200},
	{"kind", FT_DICT, "案件类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_kind"},
	{"source", FT_DICT, "案件来源", "Source", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_source"},
	{"source_entity", FT_TEXT, "来源记录类型", "Source record type", F_FILTER | F_CODE, 0, 40, 0, 0, "^[a-z_]+$",
	 .help_zh = "来源记录所属的业务（抽检样品、风险预警、特种设备等），由来源记录转为案件时填写",
	 .help_en =
		 "the area of the source record (samples, risk warnings, equipment ...), set when a record becomes a case"},
	{"source_id", FT_INT, "来源记录编号", "Source record id", F_FILTER, .min = 1, .max = 9000000000000000000LL},
	{"source_note", FT_TEXT, "来源说明", "Source details", 0, 0, 1000},
	{"complaint_id", FT_REF, "来源投诉举报", "Source complaint / report", F_READONLY | F_FILTER,
	 .ref = "complaints"},
	{"received_on", FT_DATE, "线索接收日期", "Clue received on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"enterprise_id", FT_REF, "当事人（企业档案）", "Party (enterprise record)", F_FILTER, .ref = "enterprises"},
	{"party_name", FT_TEXT, "当事人", "Party", F_REQUIRED | F_LIST | F_SEARCH, 1, 200},
	{"party_type", FT_DICT, "当事人类型", "Party type", F_REQUIRED | F_FILTER, .dict = "case_party_type"},
	{"party_uscc", FT_TEXT, "统一社会信用代码", "Credit code", F_SEARCH, 18, 18, 0, 0, "^[0-9A-HJ-NPQRTUWXY]{18}$"},
	{"party_id_no", FT_TEXT, "身份证件号码", "ID number", F_PERSONAL, 0, 18, 0, 0, "^[0-9]{17}[0-9X]$"},
	{"party_rep", FT_TEXT, "法定代表人（负责人）", "Legal representative", 0, 0, 50},
	{"party_address", FT_TEXT, "住所（地址）", "Address", 0, 0, 200},
	{"party_phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"officers", FT_TEXT, "承办人员及执法证号", "Officers and badge numbers", 0, 0, 200},
	{"summary", FT_TEXT, "线索及案情摘要", "Summary", F_REQUIRED, 1, 4000},
	{"public_interest", FT_BOOL, "涉及重大公共利益", "Major public interest", F_FILTER},
	{"complex", FT_BOOL, "情节复杂", "Complex", F_FILTER},
	{"major_manual", FT_BOOL, "负责人认定为重大案件", "Designated major by the head", 0},
	{"is_major", FT_BOOL, "重大案件", "Major case", F_READONLY | F_LIST | F_FILTER},
	{"major_reasons", FT_TEXT, "重大案件依据", "Why major", F_READONLY, 0, 500},
	{"cause", FT_TEXT, "案由", "Cause of action", F_READONLY | F_SEARCH, 0, 200},
	{"filing_opinion", FT_TEXT, "承办人立案意见", "Handler's filing opinion", F_READONLY, 0, 2000},
	{"filing_year", FT_INT, "立案年度", "Filing year", F_READONLY},
	{"filing_seq", FT_INT, "立案序号", "Filing sequence", F_READONLY},
	{"filed_on", FT_DATE, "立案日期", "Filed on", F_READONLY | F_LIST | F_FILTER},
	{"filing_decided_on", FT_DATE, "是否立案决定日期", "Filing decided on", F_READONLY},
	{"no_case_reason", FT_TEXT, "不予立案理由", "Why not filed", F_READONLY, 0, 2000},
	{"report_on", FT_DATE, "调查终结日期", "Investigation reported on", F_READONLY},
	{"findings", FT_TEXT, "违法事实", "Facts found", F_READONLY, 0, 8000},
	{"legal_basis", FT_TEXT, "处罚依据", "Legal basis", F_READONLY, 0, 2000},
	{"penalty_kinds", FT_DICT, "处罚种类", "Penalty kinds", F_READONLY | F_MULTI | F_FILTER,
	 .dict = "case_penalty_kind"},
	{"proposed_fine_fen", FT_MONEY, "拟罚款金额", "Proposed fine", F_READONLY, .min = 0, .max = MONEY_MAX},
	{"confiscation_fen", FT_MONEY, "没收违法所得及非法财物价值", "Confiscation", F_READONLY, .min = 0,
	 .max = MONEY_MAX},
	{"review_sent_on", FT_DATE, "送审日期", "Sent for review on", F_READONLY},
	{"reviewed_on", FT_DATE, "审核完成日期", "Reviewed on", F_READONLY},
	{"legal_opinion", FT_TEXT, "法制审核意见", "Legal review opinion", F_READONLY, 0, 4000},
	{"review_result", FT_DICT, "审核结论", "Review result", F_READONLY, .dict = "case_review_result"},
	{"notice_served_on", FT_DATE, "告知书送达日期", "Prior notice served on", F_READONLY},
	{"notified_kinds", FT_DICT, "已告知处罚种类", "Penalty kinds notified", F_READONLY | F_MULTI,
	 .dict = "case_penalty_kind"},
	{"notified_fine_fen", FT_MONEY, "已告知罚款金额", "Fine notified", F_READONLY, .min = 0, .max = MONEY_MAX},
	{"notice_count", FT_INT, "告知次数", "Notices served", F_READONLY},
	{"statement_waived_on", FT_DATE, "书面放弃陈述申辩日期", "Statement waived in writing on", F_READONLY},
	{"waiver_note", FT_TEXT, "放弃陈述申辩书面材料", "Written waiver", F_READONLY, 0, 1000},
	{"statement_summary", FT_TEXT, "陈述申辩情况及采纳意见", "Statements, defence and response", 0, 0, 4000},
	{"hearing_requested_on", FT_DATE, "申请听证日期", "Hearing requested on", F_READONLY},
	{"hearing_notice_on", FT_DATE, "听证通知书送达日期", "Hearing noticed on", F_READONLY},
	{"hearing_on", FT_DATE, "听证日期", "Hearing date", F_READONLY},
	{"hearing_place", FT_TEXT, "听证地点", "Hearing place", F_READONLY, 0, 200},
	{"hearing_held_on", FT_DATE, "听证举行日期", "Hearing held on", F_READONLY},
	{"hearing_summary", FT_TEXT, "听证情况", "Hearing record", F_READONLY, 0, 4000},
	{"discussion_on", FT_DATE, "集体讨论日期", "Discussed on", F_READONLY},
	{"discussion_participants", FT_TEXT, "参加人员", "Participants", F_READONLY, 0, 500},
	{"discussion_conclusion", FT_TEXT, "集体讨论决定", "Conclusion of the discussion", F_READONLY, 0, 4000},
	{"consultation_outcome", FT_TEXT, "会商结论", "Consultation outcome", F_READONLY, 0, 2000},
	{"consultation_dissent", FT_TEXT, "会商不同意见", "Dissent in consultation", F_READONLY, 0, 4000},
	{"decided_on", FT_DATE, "决定日期", "Decided on", F_READONLY | F_LIST | F_FILTER},
	{"fine_fen", FT_MONEY, "罚款金额", "Fine", F_READONLY | F_LIST, .min = 0, .max = MONEY_MAX},
	{"decision_summary", FT_TEXT, "处罚内容", "Penalty imposed", F_READONLY, 0, 4000},
	{"decision_no", FT_TEXT, "处罚决定书文号", "Decision no.", F_READONLY | F_LIST | F_SEARCH, 0, 60},
	{"decision_year", FT_INT, "决定年度", "Decision year", F_READONLY},
	{"decision_seq", FT_INT, "决定序号", "Decision sequence", F_READONLY},
	{"no_penalty_reason", FT_TEXT, "不予处罚理由", "Why no penalty", F_READONLY, 0, 2000},
	{"served_on", FT_DATE, "决定书送达日期", "Decision served on", F_READONLY},
	{"service_method", FT_DICT, "送达方式", "Service method", F_READONLY, .dict = "case_service_method"},
	{"paid_on", FT_DATE, "缴款日期", "Paid on", F_READONLY},
	{"paid_fen", FT_MONEY, "缴款金额", "Amount paid", F_READONLY, .min = 0, .max = MONEY_MAX},
	{"late_fee_fen", FT_MONEY, "加处罚款", "Late fee", F_READONLY},
	{"demand_served_on", FT_DATE, "催告书送达日期", "Demand served on", F_READONLY},
	{"enforcement_on", FT_DATE, "申请强制执行日期", "Enforcement applied on", F_READONLY},
	{"enforcement_court", FT_TEXT, "受理申请的人民法院", "Court applied to", F_READONLY, 0, 200},
	{"published_on", FT_DATE, "信息公示日期", "Published on", 0},
	{"transfer_on", FT_DATE, "移送日期", "Transferred on", F_READONLY},
	{"transfer_to", FT_TEXT, "移送机关", "Transferred to", F_READONLY, 0, 200},
	{"transfer_reason", FT_TEXT, "移送理由", "Why transferred", F_READONLY, 0, 2000},
	{"closed_on", FT_DATE, "结案日期", "Closed on", F_READONLY},
	{"closure_summary", FT_TEXT, "结案报告", "Closure report", F_READONLY, 0, 2000},
};

static const entity_hooks case_hooks = {
	.prepare = case_prepare,
	.validate = case_validate,
	.after_write = case_after_write,
	.assigned_sql = cs_assigned_case,
};

static const entity_action case_actions[] = {
	{"clocks", "GET", NULL, 1, cs_act_clocks},
	{"document", "GET", NULL, 1, cs_act_document},
	{"stats", "GET", "cases.stats", 0, cs_act_stats, .read_only = 1},
};

const entity_def cs_ent_cases = {
	.name = "cases",
	.table = "cases",
	.label_zh = "执法案件",
	.label_en = "Enforcement cases",
	.menu = "cases",
	.fields = case_fields,
	.nfields = ZJ_COUNT(case_fields),
	.label_field = "title",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &case_workflow,
	.first_columns = "case_no,title,state,deadline,jurisdiction_id",
	.hooks = &case_hooks,
	.actions = case_actions,
	.nactions = ZJ_COUNT(case_actions),
	.no_delete = 1,
};
