/* dossier.c — the records a case file (卷宗) gathers besides evidence:
 * periods that do not count toward a clock (case_periods: 中止, 公告, 检测,
 * 检验, 检疫, 鉴定 ...; also a complaint's testing time during mediation),
 * approved extensions (case_extensions: filing +15 working days once,
 * decision +30 days once, further only by collective discussion), records
 * of inquiry (询问笔录) and compulsory measures (查封/扣押: 30 days,
 * extendable once by at most 30, 行政强制法 Art. 25). Each child record takes
 * its case's jurisdiction as its data scope and re-derives the case's clocks
 * when written. */
#include "core/calendar.h"
#include "modules/cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sync_case_of(zj_ctx *c, const json_t *row)
{
	int64_t cid = cs_int(row, "case_id");
	return cid > 0 && cs_sync_deadlines(c, &cs_ent_cases, cid) != DB_OK ? -1 : 0;
}

static int child_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	return sync_case_of(c, row);
}

static void check_order(zj_ctx *c, const json_t *row, const char *later, const char *earlier, json_t *errors,
			const char *zh, const char *en)
{
	date_days a, b;
	if (cs_date(row, later, &a) && cs_date(row, earlier, &b) && a < b)
		crud_field_error(c, errors, later, FE_ORDER, zh, en);
}

static void check_not_future(zj_ctx *c, const json_t *row, const char *field, json_t *errors)
{
	date_days a, today;
	if (cs_date(row, field, &a) && date_parse(c->today, &today) == DATE_OK && a > today)
		crud_field_error(c, errors, field, FE_FUTURE, "不能晚于今天", "cannot be later than today");
}

/* ---- excluded periods ---- */

/* 投诉举报处理暂行办法 Art. 20: 检定, 检验, 检测, 鉴定 during mediation. */
static const char *const complaint_period_kinds[] = {"testing", "inspection", "appraisal", "verification"};
/* 行政强制法 Art. 25 para 3: 检测, 检验, 检疫, 技术鉴定 of seized or sealed goods. */
static const char *const measure_period_kinds[] = {"testing", "inspection", "quarantine", "appraisal"};

static int kind_of(const json_t *row, const char *const *kinds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cs_str(row, "kind") && !strcmp(cs_str(row, "kind"), kinds[i]))
			return 1;
	return 0;
}
#define KIND_OF(row, arr) kind_of(row, arr, sizeof arr / sizeof arr[0])

/* Payment suspensions (行政处罚法 Arts. 66, 73(3)): after service; a deferral or an
 * instalment plan only with its approval (date and approver) recorded. */
static const char *const payment_period_kinds[] = {"reconsideration", "litigation", "deferral", "instalment"};
static void check_payment_period(zj_ctx *c, const json_t *row, json_t *errors)
{
	char idt[24];
	CS_ID(idt, cs_int(row, "case_id"));
	const char *p[] = {idt};
	db_stmt *s;
	char served[11] = "";
	int rc = db_prepare(c->db, "SELECT served_on FROM cases WHERE id = ?", &s);
	if (rc == DB_OK) {
		db_bind_text(s, 1, idt);
		rc = db_step(s);
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(served, sizeof served, "%s", db_col_text(s, 0));
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE) { /* the write answers 500 (crud.c) */
		ctx_internal(c, "case served date", db_errmsg(c->db));
		return;
	}
	(void)p;
	if (!served[0])
		crud_field_error(c, errors, "kind", FE_STATE, "处罚决定书送达后方可登记复议、诉讼、暂缓或分期缴纳期间",
				 "recorded only after the decision has been served");
	else if (cs_str(row, "start_on") && strcmp(cs_str(row, "start_on"), served) < 0)
		crud_field_error(c, errors, "start_on", FE_ORDER, "不能早于处罚决定书送达日期",
				 "cannot be before the decision was served");
	int approval = !strcmp(cs_str(row, "kind"), "deferral") || !strcmp(cs_str(row, "kind"), "instalment");
	if (approval && !cs_str(row, "approved_on"))
		crud_field_error(c, errors, "approved_on", FE_REQUIRED,
				 "暂缓或分期缴纳罚款须经行政机关批准（行政处罚法第六十六条第二款）",
				 "a deferral or instalment plan needs the bureau's approval (Art. 66(2))");
	if (approval && !cs_str(row, "approver"))
		crud_field_error(c, errors, "approver", FE_REQUIRED, "须写明批准人（行政处罚法第六十六条第二款）",
				 "name who approved it (Art. 66(2))");
	if (approval && cs_str(row, "approved_on") && cs_str(row, "start_on") &&
	    strcmp(cs_str(row, "approved_on"), cs_str(row, "start_on")) > 0)
		crud_field_error(c, errors, "approved_on", FE_ORDER, "暂缓或分期须在开始前批准",
				 "approved before the plan starts");
	if (approval && !cs_str(row, "end_on"))
		crud_field_error(c, errors, "end_on", FE_REQUIRED, "须写明暂缓或分期缴纳的截止日期",
				 "the plan needs its end date");
}

static void period_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	if (cs_int(row, "case_id") > 0) {
		cs_child_prepare(c, row, old);
		return;
	}
	int64_t j = crud_row_juris(c->db, &cs_ent_complaints, cs_int(row, "complaint_id"));
	if (j > 0)
		json_object_set_new(row, "jurisdiction_id", json_integer(j));
}

static void period_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	int has_case = cs_int(row, "case_id") > 0, has_complaint = cs_int(row, "complaint_id") > 0;
	if (has_case == has_complaint) {
		crud_field_error(c, errors, "case_id", FE_CHECK, "须且只能关联一个案件或一件投诉",
				 "link exactly one case or one complaint");
		return;
	}
	if (has_case) {
		cs_child_check(c, row, old, errors);
		int64_t mid = cs_int(row, "measure_id");
		if (mid > 0) {
			char a[24], b[24];
			CS_ID(a, mid), CS_ID(b, cs_int(row, "case_id"));
			const char *p[] = {a, b};
			if (db_query_int(
				    c->db,
				    "SELECT COUNT(*) FROM case_measures WHERE id = ? AND case_id = ? AND deleted = 0",
				    2, p, 0) != 1)
				crud_field_error(c, errors, "measure_id", FE_REF, "该查封扣押措施不属于本案",
						 "no such seizure or sealing on this case");
			if (!KIND_OF(row, measure_period_kinds))
				crud_field_error(
					c, errors, "kind", FE_CHECK,
					"查封扣押期间只扣除检测、检验、检疫或者技术鉴定期间（行政强制法第二十五条第三款）",
					"a seizure term excludes only testing, inspection, quarantine or appraisal (Administrative Compulsion Law Art. 25(3))");
		} else if (KIND_OF(row, payment_period_kinds))
			check_payment_period(c, row, errors);
		else if (cs_str(row, "kind") && !strcmp(cs_str(row, "kind"), "verification"))
			crud_field_error(c, errors, "kind", FE_CHECK,
					 "检定期间只适用于投诉调解（投诉举报处理暂行办法第二十条）",
					 "verification time applies to complaint mediation (Complaint Rules Art. 20)");
	} else {
		if (!KIND_OF(row, complaint_period_kinds))
			crud_field_error(
				c, errors, "kind", FE_CHECK,
				"投诉调解期间只扣除检定、检验、检测、鉴定时间（投诉举报处理暂行办法第二十条）",
				"only verification, inspection, testing or appraisal time pauses mediation (Complaint Rules Art. 20)");
		if (c->user && !crud_in_scope(c, &cs_ent_complaints, "read", cs_int(row, "complaint_id")))
			crud_field_error(c, errors, "complaint_id", FE_SCOPE, "该投诉不在您的数据范围内",
					 "outside your data scope");
	}
	check_order(c, row, "end_on", "start_on", errors, "不能早于开始日期", "cannot be before the start");
	check_not_future(c, row, "start_on", errors);
	check_not_future(c, row, "end_on", errors);
}

static int measure_ends(zj_ctx *c, int64_t id);

static int period_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	int64_t comp = cs_int(row, "complaint_id");
	if (comp > 0)
		return cs_sync_deadlines(c, &cs_ent_complaints, comp) == DB_OK ? 0 : -1;
	if (cs_int(row, "measure_id") > 0 && measure_ends(c, cs_int(row, "measure_id")) != DB_OK)
		return -1;
	return sync_case_of(c, row);
}

static const field_def period_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_LIST | F_FILTER, .ref = "cases"},
	{"complaint_id", FT_REF, "投诉", "Complaint", F_LIST | F_FILTER, .ref = "complaints"},
	{"kind", FT_DICT, "期间类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_period_kind"},
	{"start_on", FT_DATE, "开始日期", "From", F_REQUIRED | F_LIST | F_SORT},
	{"end_on", FT_DATE, "结束日期", "To", F_LIST, .help_zh = "含当日；进行中留空",
	 .help_en = "inclusive; empty while it runs"},
	{"reason", FT_TEXT, "事由", "Reason", F_REQUIRED | F_LIST, 1, 1000},
	{"measure_id", FT_REF, "查封扣押措施", "Seizure / sealing", F_FILTER, .ref = "compulsory_measures",
	 .help_zh = "检测、检验、检疫、技术鉴定期间不计入该措施的期限（行政强制法第二十五条）",
	 .help_en = "not counted in that measure's term"},
	{"approved_on", FT_DATE, "批准日期", "Approved on", 0,
	 .help_zh = "暂缓或分期缴纳罚款须经批准（行政处罚法第六十六条）",
	 .help_en = "a deferral or instalment plan needs approval (Art. 66)"},
	{"approver", FT_TEXT, "批准人", "Approved by", 0, 0, 100},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks period_hooks = {.prepare = period_prepare,
					  .validate = period_validate,
					  .after_write = period_after_write,
					  .assigned_sql = cs_assigned_child};
const entity_def cs_ent_periods = {
	.name = "case_periods",
	.table = "case_periods",
	.label_zh = "不计入期限的期间",
	.label_en = "Periods not counted",
	.menu = "cases",
	.fields = period_fields,
	.nfields = ZJ_COUNT(period_fields),
	.label_field = "reason",
	.juris_field = "jurisdiction_id",
	.hooks = &period_hooks,
	.no_delete = 1,
};

/* ---- extensions ---- */

static int count_ext(zj_ctx *c, int64_t case_id, const char *kind)
{
	char idt[24];
	CS_ID(idt, case_id);
	const char *p[] = {idt, kind};
	return (int)db_query_int(c->db,
				 "SELECT COUNT(*) FROM case_extensions WHERE case_id = ? AND kind = ? AND deleted = 0",
				 2, p, 0);
}

/* The current due day of a case clock (before this extension). */
static int current_due(zj_ctx *c, const json_t *cs, const char *kind, char due[11])
{
	cs_env x;
	if (cs_env_load(c, &x) != 0)
		return -1;
	cs_clock k[CS_MAX_CLOCKS];
	int n = cs_case_clocks(c, &x, cs, k, CS_MAX_CLOCKS);
	const cs_clock *f = cs_clock_find(k, n, kind);
	if (f)
		snprintf(due, 11, "%s", f->due);
	cs_env_free(&x);
	return f ? 0 : -1;
}

static void ext_rules(zj_ctx *c, const json_t *row, const json_t *cs, json_t *errors)
{
	const char *kind = cs_str(row, "kind"), *state = cs_str(cs, "state");
	int64_t cid = cs_int(row, "case_id"), days = cs_int(row, "days");
	int filing = !strcmp(kind, "filing"), decision = !strcmp(kind, "decision");
	if (filing && (strcmp(state, "clue") && strcmp(state, "filing_review")))
		crud_field_error(c, errors, "kind", FE_STATE, "立案期限只能在作出是否立案决定前延长",
				 "the filing period extends only before the filing decision");
	if (!filing && (!cs_str(cs, "filed_on") || cs_str(cs, "decided_on")))
		crud_field_error(c, errors, "kind", FE_STATE, "办案期限只能在立案后、作出决定前延长",
				 "the decision period extends only between filing and decision");
	if ((filing && days > 15) || (decision && days > 30))
		crud_field_error(
			c, errors, "days", FE_RANGE,
			"立案期限延长不超过15个工作日，办案期限延长不超过30日（程序规定第十八条、第六十四条）",
			"filing: at most 15 working days; decision: at most 30 days (Procedure Rules Arts. 18, 64)");
	if ((filing || decision) && count_ext(c, cid, kind) > 0)
		crud_field_error(c, errors, "kind", FE_ONCE, "该期限只能经批准延长一次；再延长须集体讨论决定",
				 "may be extended once; further only by collective discussion");
	if (!strcmp(kind, "decision_further") && count_ext(c, cid, "decision") == 0)
		crud_field_error(
			c, errors, "kind", FE_ORDER, "须先经负责人批准延长30日，仍不能作出决定的方可集体讨论继续延期",
			"the 30-day extension comes first; only then may a collective discussion extend further");
	if (!strcmp(kind, "decision_further") && !cs_str(row, "discussion_on"))
		crud_field_error(
			c, errors, "discussion_on", FE_REQUIRED, "继续延期须经负责人集体讨论决定（程序规定第六十四条）",
			"a further extension needs the heads' collective discussion (Procedure Rules Art. 64)");
	char due[11];
	if (current_due(c, cs, filing ? "filing" : "decision", due) == 0 && cs_str(row, "approved_on") &&
	    strcmp(cs_str(row, "approved_on"), due) > 0) {
		char msg[200];
		snprintf(msg, sizeof msg,
			 c->en ? "the period already ended on %s: an extension must be approved before it ends"
			       : "期限已于%s届满，延长须在期限届满前批准",
			 due);
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", "approved_on", "message", msg,
							"code", fe_name(FE_EXPIRED)));
	}
}

static void ext_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	size_t before = json_array_size(errors);
	cs_child_check(c, row, old, errors);
	check_not_future(c, row, "approved_on", errors);
	check_order(c, row, "approved_on", "discussion_on", errors, "不能早于集体讨论日期",
		    "cannot be before the discussion");
	if (json_array_size(errors) > before || !cs_str(row, "kind") || cs_int(row, "case_id") <= 0)
		return;
	json_t *cs = crud_load(c, &cs_ent_cases, cs_int(row, "case_id"));
	if (cs)
		ext_rules(c, row, cs, errors);
	json_decref(cs);
}

static const field_def ext_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_REQUIRED | F_LIST | F_FILTER, .ref = "cases"},
	{"kind", FT_DICT, "延长类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_extension_kind"},
	{"days", FT_INT, "延长天数", "Days", F_REQUIRED | F_LIST, .unit = "day", .min = 1, .max = 365,
	 .help_zh = "立案期限为工作日，办案期限为自然日",
	 .help_en = "working days for filing, calendar days for the decision"},
	{"approved_on", FT_DATE, "批准日期", "Approved on", F_REQUIRED | F_LIST | F_SORT},
	{"approver", FT_TEXT, "批准人", "Approved by", F_REQUIRED | F_LIST, 1, 50},
	{"discussion_on", FT_DATE, "集体讨论日期", "Collective discussion on", 0},
	{"reason", FT_TEXT, "延长理由", "Reason", F_REQUIRED, 1, 2000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks ext_hooks = {.prepare = cs_child_prepare,
				       .validate = ext_validate,
				       .after_write = child_after_write,
				       .assigned_sql = cs_assigned_child};
const entity_def cs_ent_extensions = {
	.name = "case_extensions",
	.table = "case_extensions",
	.label_zh = "期限延长审批",
	.label_en = "Approved extensions",
	.menu = "cases",
	.fields = ext_fields,
	.nfields = ZJ_COUNT(ext_fields),
	.label_field = "approved_on",
	.juris_field = "jurisdiction_id",
	.hooks = &ext_hooks,
	.no_update = 1,
	.no_delete = 1,
};

/* ---- records of inquiry ---- */

static void inquiry_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	cs_child_check(c, row, old, errors);
	const char *a = cs_str(row, "started_at"), *b = cs_str(row, "ended_at");
	if (a && b && strcmp(b, a) < 0)
		crud_field_error(c, errors, "ended_at", FE_ORDER, "不能早于开始时间", "cannot be before the start");
	if (a && strcmp(a, c->now) > 0)
		crud_field_error(c, errors, "started_at", FE_FUTURE, "不能晚于现在", "cannot be in the future");
}

static const field_def inquiry_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_REQUIRED | F_LIST | F_FILTER, .ref = "cases"},
	{"person_name", FT_TEXT, "被询问人", "Person questioned", F_REQUIRED | F_LIST | F_SEARCH, 1, 50},
	{"person_role", FT_DICT, "身份", "Role", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_inquiry_role"},
	{"person_id_no", FT_TEXT, "身份证件号码", "ID number", F_PERSONAL, 0, 18, 0, 0, "^[0-9]{17}[0-9X]$"},
	{"person_phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL, 0, 20, 0, 0, "^[0-9+ -]{5,20}$"},
	{"person_employer", FT_TEXT, "工作单位及职务", "Employer and post", 0, 0, 200},
	{"started_at", FT_DATETIME, "询问开始时间", "Started at", F_REQUIRED | F_LIST | F_SORT},
	{"ended_at", FT_DATETIME, "询问结束时间", "Ended at", 0},
	{"place", FT_TEXT, "询问地点", "Place", F_REQUIRED, 1, 200},
	{"investigators", FT_TEXT, "询问人（执法证号）", "Investigators (badge numbers)", F_REQUIRED | F_LIST, 1, 200,
	 .help_zh = "执法人员不少于两人（行政处罚法第四十二条）",
	 .help_en = "at least two officers (Administrative Penalty Law Art. 42)"},
	{"recorder", FT_TEXT, "记录人", "Recorder", 0, 0, 50},
	{"content", FT_TEXT, "询问内容（问答）", "Questions and answers", F_REQUIRED, 1, 20000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks inquiry_hooks = {.prepare = cs_child_prepare,
					   .validate = inquiry_validate,
					   .assigned_sql = cs_assigned_child};
const entity_def cs_ent_inquiries = {
	.name = "inquiries",
	.table = "case_inquiries",
	.label_zh = "询问笔录",
	.label_en = "Records of inquiry",
	.menu = "cases",
	.fields = inquiry_fields,
	.nfields = ZJ_COUNT(inquiry_fields),
	.label_field = "person_name",
	.juris_field = "jurisdiction_id",
	.hooks = &inquiry_hooks,
	.no_delete = 1,
};

/* ---- compulsory measures ---- */

/* Stores the term's end (30 days + extension, testing etc. excluded: 行政强制法 Art. 25). */
static int measure_ends(zj_ctx *c, int64_t id)
{
	json_t *m = crud_load(c, &cs_ent_measures, id);
	char buf[11];
	int rc = DB_OK;
	if (m && cs_measure_end(c, m, buf) == 0 && (!cs_str(m, "ends_on") || strcmp(buf, cs_str(m, "ends_on"))))
		rc = crud_set1(c, &cs_ent_measures, id, "term", "ends_on", json_string(buf));
	json_decref(m);
	return rc;
}

static void measure_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	cs_child_prepare(c, row, old);
	char buf[11];
	json_t *m = json_copy(row); /* with the id, so that its excluded periods count */
	if (old && json_is_integer(json_object_get(old, "id")))
		json_object_set(m, "id", json_object_get(old, "id"));
	if (cs_measure_end(c, m, buf) == 0)
		json_object_set_new(row, "ends_on", json_string(buf));
	json_decref(m);
}

static void measure_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	cs_child_check(c, row, old, errors);
	check_not_future(c, row, "decided_on", errors);
	check_not_future(c, row, "released_on", errors);
	check_not_future(c, row, "extended_on", errors);
	check_order(c, row, "released_on", "decided_on", errors, "不能早于决定日期", "cannot be before the decision");
	check_order(c, row, "extended_on", "decided_on", errors, "不能早于决定日期", "cannot be before the decision");
	char end[11];
	/* The lawful end counts the excluded testing time, not the stored mirror (Art. 25(3)). */
	if (old && cs_str(old, "extended_on") == NULL && cs_str(row, "extended_on") &&
	    cs_measure_end(c, old, end) == 0 && strcmp(cs_str(row, "extended_on"), end) > 0) {
		char msg[200];
		snprintf(msg, sizeof msg,
			 c->en ? "the term ended on %s and cannot be extended (Administrative Compulsion Law Art. 25)"
			       : "期限已于%s届满，不能再延长（行政强制法第二十五条）",
			 end);
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", "extended_on", "message", msg,
							"code", fe_name(FE_EXPIRED)));
	}
}

static int measure_enter_extend(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return measure_ends(c, id) == DB_OK ? sync_case_of(c, row) : -1;
}

static int measure_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return sync_case_of(c, row);
}

static const wf_state measure_states[] = {
	{"in_force", "执行中", "In force"},
	{"extended", "已延长", "Extended"},
	{"released", "已解除", "Released", 1},
};
static const wf_transition measure_transitions[] = {
	{"extend", "延长期限", "Extend", "in_force", "extended", NULL, "extended_on,extension_days,extension_reason",
	 .on_enter = measure_enter_extend, .aside = 1},
	{"release", "解除", "Release", "in_force,extended", "released", NULL, "released_on,release_reason",
	 .on_enter = measure_enter},
};
static const workflow_def measure_workflow = {"in_force", measure_states, ZJ_COUNT(measure_states), measure_transitions,
					      ZJ_COUNT(measure_transitions)};

static const field_def measure_fields[] = {
	{"case_id", FT_REF, "案件", "Case", F_REQUIRED | F_LIST | F_FILTER, .ref = "cases"},
	{"kind", FT_DICT, "措施", "Measure", F_REQUIRED | F_LIST | F_FILTER, .dict = "case_measure_kind"},
	{"items", FT_TEXT, "场所、设施或财物", "Premises, facilities or goods", F_REQUIRED | F_LIST, 1, 2000},
	{"place", FT_TEXT, "存放地点", "Kept at", 0, 0, 200},
	{"decided_on", FT_DATE, "决定日期", "Decided on", F_REQUIRED | F_LIST | F_SORT},
	{"ends_on", FT_DATE, "期限届满日", "Ends on", F_READONLY | F_LIST},
	{"extension_days", FT_INT, "延长天数", "Extended by", F_READONLY, .unit = "day", .min = 1, .max = 30},
	{"extended_on", FT_DATE, "延长批准日期", "Extension approved on", F_READONLY},
	{"extension_reason", FT_TEXT, "延长理由", "Why extended", F_READONLY, 0, 1000},
	{"released_on", FT_DATE, "解除日期", "Released on", F_READONLY | F_LIST},
	{"release_reason", FT_TEXT, "解除或处理情况", "Release or disposal", F_READONLY, 0, 1000},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
};
static const entity_hooks measure_hooks = {.prepare = measure_prepare,
					   .validate = measure_validate,
					   .after_write = child_after_write,
					   .assigned_sql = cs_assigned_child};
const entity_def cs_ent_measures = {
	.name = "compulsory_measures",
	.table = "case_measures",
	.label_zh = "查封扣押",
	.label_en = "Seizure and sealing",
	.menu = "cases",
	.fields = measure_fields,
	.nfields = ZJ_COUNT(measure_fields),
	.label_field = "items",
	.juris_field = "jurisdiction_id",
	.workflow = &measure_workflow,
	.hooks = &measure_hooks,
	.no_delete = 1,
};
