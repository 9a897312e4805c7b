/* complaints.c — complaints and reports (投诉举报, 12315/12365) under
 * 市场监督管理投诉举报处理暂行办法 (SAMR Order No. 20, 2022, DOMAIN.md §14).
 * Intake by staff and by the public (POST /api/v1/public/complaints, no
 * sign-in, rate-limited by the core); a submission that is both a complaint
 * and a report becomes two linked records handled separately (Art. 7). A
 * complaint is accepted or refused within 7 working days with the grounds
 * (Arts. 14, 15), mediated only with consent and for at most 45 working days
 * with testing time not counted (Arts. 16, 20, 21). A report becomes a clue
 * (a case in state `clue`), and a named reporter is told within 5 working days
 * of the filing decision (Art. 31). The complainant's identity is personal
 * data: masked for everyone without complaints.personal, never copied into a
 * case (the facts are scrubbed of it) nor into any document (Art. 33). */
#include "core/audit.h"
#include "core/privacy.h"
#include "lib/pii.h"
#include "core/numbering.h"
#include "modules/cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PHONE_RE "^[0-9+ -]{5,20}$"

/* TS20260212-0001 (投诉) / JB20260212-0001 (举报): the next number of the
 * day, from the core's numbering service (series per kind, period the day). */
typedef struct tracking_ud {
	const char *pattern;
} tracking_ud;

static int tracking_taken(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	char no[80];
	if (numbering_format(((const tracking_ud *)ud)->pattern, NULL, period, n, no, sizeof no) != 0)
		return 0;
	const char *p[] = {no};
	return db_query_int(c->db, "SELECT 1 FROM complaints WHERE tracking_no = ?", 1, p, 0) == 1;
}

static void tracking_no(zj_ctx *c, const char *kind, const char *day, char *out, size_t n)
{
	int report = kind && !strcmp(kind, "report");
	char period[16];
	snprintf(period, sizeof period, "%.4s%.2s%.2s", day, day + 5, day + 8);
	tracking_ud ud = {report ? "JB{period}-{n:4}" : "TS{period}-{n:4}"};
	int64_t k;
	if (numbering_take(c, report ? "complaints.JB" : "complaints.TS", ud.pattern, period, tracking_taken, &ud, &k,
			   out, n) != DB_OK)
		out[0] = 0; /* the insert then fails on the database's error */
}

/* Text without the complainant's identifiers (Art. 33): what they wrote about
 * themselves into the facts would otherwise escape the masking of the
 * personal fields. Found by pattern (lib/pii.h), as people write them: the
 * name with any whitespace inside, their phone and ID number with spaces,
 * dashes or +86 read as the complainant; anyone else's phone, ID number or
 * credit code is masked. The identity stays in its fields for the handler. */
static char *scrub(const char *text, const json_t *row, const char *as)
{
	static const char *ids[] = {"complainant_name", "complainant_phone", "complainant_id_no",
				    "complainant_address"};
	const char *names[4];
	for (size_t i = 0; i < 4; i++)
		names[i] = cs_str(row, ids[i]);
	pii_opts o = {.names = names, .nnames = 4, .what = PII_NUMBERS, .name_as = as};
	return pii_scrub(text, &o, NULL);
}

static void scrub_free_text(json_t *row)
{
	static const char *texts[] = {"facts", "request", "goods_or_service", "handling_note"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		if (!cs_str(row, texts[i]))
			continue;
		char *t = scrub(cs_str(row, texts[i]), row, "【投诉举报人】");
		json_object_set_new(row, texts[i], json_string(t));
		free(t);
	}
}

/* The lookup code of the portal submission being written (public_complaint):
 * its hash goes into the new records, the code itself only to the submitter. */
static _Thread_local const char *pending_code;

static void complaint_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	scrub_free_text(row);
	if (old)
		return;
	const char *day = cs_str(row, "received_on") ? cs_str(row, "received_on") : c->today;
	char no[80];
	tracking_no(c, cs_str(row, "kind"), strlen(day) == 10 ? day : c->today, no, sizeof no);
	json_object_set_new(row, "tracking_no", json_string(no));
	if (pending_code) {
		char h[65];
		cs_lookup_code_hash(no, pending_code, h);
		json_object_set_new(row, "lookup_hash", json_string(h));
	}
}

static void need(zj_ctx *c, const json_t *row, const char *field, json_t *errors)
{
	if (!cs_str(row, field))
		crud_field_error(c, errors, field, FE_REQUIRED, "投诉须写明（投诉举报处理暂行办法第九条）",
				 "a complaint must give it (Complaint Rules Art. 9)");
}

static void complaint_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *state = old ? cs_str(old, "state") : NULL;
	if (state && (!strcmp(state, "refused") || !strcmp(state, "mediated") || !strcmp(state, "closed"))) {
		crud_field_error(c, errors, "state", FE_CLOSED, "已办结，不能修改", "already closed");
		return;
	}
	if (old && !json_equal(json_object_get(old, "kind"), json_object_get(row, "kind")))
		crud_field_error(c, errors, "kind", FE_LOCKED, "登记后不能改变投诉或举报类别",
				 "cannot change after intake");
	const char *incident = cs_str(row, "incident_on");
	if (incident && strcmp(incident, c->today) > 0)
		crud_field_error(c, errors, "incident_on", FE_RANGE, "发生日期不能晚于今天",
				 "cannot be later than today");
	if (cs_str(row, "kind") && !strcmp(cs_str(row, "kind"), "complaint")) {
		need(c, row, "complainant_name", errors);
		need(c, row, "complainant_phone", errors);
		need(c, row, "complainant_address", errors);
		need(c, row, "request", errors);
		need(c, row, "respondent_address", errors); /* Art. 9: the respondent's name and address */
	}
	date_days a, b, today;
	date_parse(c->today, &today);
	if (cs_date(row, "received_on", &a) && a > today)
		crud_field_error(c, errors, "received_on", FE_FUTURE, "不能晚于今天", "cannot be later than today");
	static const char *later[] = {"decided_on", "mediation_ended_on", "parties_informed_on",
				      "reporter_informed_on"};
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
		if (!cs_date(row, later[i], &b))
			continue;
		if (b > today)
			crud_field_error(c, errors, later[i], FE_FUTURE, "不能晚于今天", "cannot be later than today");
		else if (cs_date(row, "received_on", &a) && b < a)
			crud_field_error(c, errors, later[i], FE_ORDER, "不能早于登记日期",
					 "cannot be before the intake");
	}
}

static int complaint_after_write(zj_ctx *c, int64_t id, const json_t *row, const json_t *old)
{
	return cs_sync_deadlines(c, &cs_ent_complaints, id) == DB_OK ? 0 : -1;
}

/* ---- guards and state hooks ---- */

static int on_sync(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	return cs_sync_deadlines(c, &cs_ent_complaints, id) == DB_OK ? 0 : -1;
}

static int is_kind(const json_t *row, const char *k)
{
	return cs_str(row, "kind") && !strcmp(cs_str(row, "kind"), k);
}

static int g_accept(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!is_kind(row, "complaint"))
		return cs_refuse(c, "投诉举报处理暂行办法第三十一条", "举报不作受理决定，应转为案件线索核查",
				 "a report is not accepted as a complaint: turn it into a clue");
	return 0;
}

static int g_mediate(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!cs_bool(row, "mediation_consent"))
		return cs_refuse(c, "投诉举报处理暂行办法第十六条", "调解须经双方当事人同意",
				 "mediation needs the consent of both parties");
	return 0;
}

static int g_mediation_end(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const char *r = cs_str(row, "mediation_result");
	if (r && !strcmp(r, "agreement"))
		return cs_refuse(c, "投诉举报处理暂行办法第二十二条", "达成协议的请使用“调解成功”",
				 "an agreement is recorded with the mediated step");
	if (!r || strcmp(r, "timeout"))
		return 0;
	cs_env x;
	if (cs_env_load(c, &x) != 0)
		return ctx_problem(c, PROB_CALENDAR_UNAVAILABLE, NULL);
	cs_clock k[CS_MAX_CLOCKS];
	int n = cs_complaint_clocks(c, &x, row, k, CS_MAX_CLOCKS), rc = 0;
	const cs_clock *m = cs_clock_find(k, n, "mediation");
	if (m && m->status == CK_MET)
		rc = cs_refusef(c, "投诉举报处理暂行办法第二十一条第五项",
				c->en ? "the 45 working days of mediation run until %s"
				      : "调解期限（45个工作日，检测鉴定时间不计入）至%s方届满",
				m->due);
	cs_env_free(&x);
	return rc;
}

static int on_to_clue(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char *facts = scrub(cs_str(row, "facts"), row, "【举报人】"), title[300], note[200];
	snprintf(title, sizeof title, "%s涉嫌违法线索", cs_str(row, "respondent_name"));
	snprintf(note, sizeof note, "举报 %s（举报人信息依投诉举报处理暂行办法第三十三条保密）",
		 cs_str(row, "tracking_no"));
	json_t *cs = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:O, s:s, s:s, s:s, s:s, s:I, s:b, s:b, s:b}", "title",
			       title, "kind", "other", "source", "report", "source_entity", "complaints", "source_id",
			       (json_int_t)id, "source_note", note, "jurisdiction_id",
			       json_object_get(row, "jurisdiction_id"), "received_on", cs_str(row, "received_on"),
			       "party_name", cs_str(row, "respondent_name"), "party_type", "legal", "summary", facts,
			       "complaint_id", (json_int_t)id, "public_interest", 0, "complex", 0, "major_manual", 0);
	json_object_set_new(cs, "is_major", json_false());
	free(facts);
	if (json_is_integer(json_object_get(row, "enterprise_id")))
		json_object_set(cs, "enterprise_id", json_object_get(row, "enterprise_id"));
	if (cs_str(row, "respondent_address"))
		json_object_set_new(cs, "party_address", json_string(cs_str(row, "respondent_address")));
	int64_t case_id = 0;
	int rc = crud_add(c, &cs_ent_cases, cs, &case_id);
	json_decref(cs);
	if (rc == DB_OK)
		rc = crud_set1(c, &cs_ent_complaints, id, "to_case", "case_id", json_integer(case_id));
	if (rc == DB_OK)
		rc = cs_sync_deadlines(c, &cs_ent_cases, case_id);
	return rc == DB_OK ? on_sync(c, e, id, row, body) : -1;
}

static int g_to_clue(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	if (!is_kind(row, "report"))
		return cs_refuse(c, "投诉举报处理暂行办法第七条", "投诉按调解程序处理；其中的违法线索请登记为举报",
				 "a complaint goes to mediation; register its violation clue as a report");
	return 0;
}

static int filing_decided(zj_ctx *c, const json_t *row, char *when, size_t n)
{
	json_t *cs = cs_int(row, "case_id") > 0 ? crud_load(c, &cs_ent_cases, cs_int(row, "case_id")) : NULL;
	const char *d = cs ? cs_str(cs, "filing_decided_on") : NULL;
	if (d)
		snprintf(when, n, "%s", d);
	json_decref(cs);
	return d != NULL;
}

static int g_inform_reporter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char when[11];
	if (!filing_decided(c, row, when, sizeof when))
		return cs_refuse(c, "投诉举报处理暂行办法第三十一条第二款", "尚未作出是否立案的决定",
				 "the filing decision has not been made yet");
	if (strcmp(cs_str(row, "reporter_informed_on"), when) < 0)
		return cs_refuse(c, "投诉举报处理暂行办法第三十一条第二款", "告知日期不能早于是否立案的决定日期",
				 "cannot tell the reporter before the decision");
	if (!cs_str(row, "complainant_name"))
		return cs_refuse(c, "投诉举报处理暂行办法第三十一条第二款", "匿名举报无需告知，请直接办结",
				 "an anonymous report is closed without telling");
	return 0;
}

static int g_close_report(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char when[11];
	if (!filing_decided(c, row, when, sizeof when))
		return cs_refuse(c, "投诉举报处理暂行办法第三十一条", "线索尚未作出是否立案的决定",
				 "the clue has no filing decision yet");
	if (cs_str(row, "complainant_name"))
		return cs_refuse(c, "投诉举报处理暂行办法第三十一条第二款", "实名举报须先告知举报人",
				 "a named reporter must be told first");
	return 0;
}

static const wf_state complaint_states[] = {
	{"received", "已登记", "Received"},
	{"accepted", "已受理", "Accepted"},
	{"refused", "不予受理", "Refused", 1},
	{"mediating", "调解中", "Mediating"},
	{"mediated", "调解成功", "Mediated", 1},
	{"mediation_ended", "终止调解", "Mediation ended"},
	{"referred", "已转为案件线索", "Referred as a clue"},
	{"closed", "已办结", "Closed", 1},
};
static const wf_transition complaint_transitions[] = {
	{"accept", "受理", "Accept", "received", "accepted", NULL, "decided_on", .guard = g_accept,
	 .on_enter = on_sync},
	{"refuse", "不予受理", "Refuse", "received", "refused", NULL, "decided_on,refusal_ground,refusal_note",
	 .on_enter = on_sync},
	{"start_mediation", "开始调解", "Start mediation", "accepted", "mediating", NULL, "mediation_consent",
	 .guard = g_mediate, .on_enter = on_sync},
	{"mediation_agree", "调解成功", "Mediation agreed", "mediating", "mediated", NULL,
	 "mediation_ended_on,mediation_result,mediation_agreement", .on_enter = on_sync},
	{"mediation_end", "终止调解", "End mediation", "mediating", "mediation_ended", NULL,
	 "mediation_ended_on,mediation_result", .guard = g_mediation_end, .on_enter = on_sync},
	{"finish", "告知处理结果并办结", "Tell the parties and close", "accepted,mediation_ended", "closed", NULL,
	 "parties_informed_on", .on_enter = on_sync},
	{"to_clue", "转为案件线索", "Turn into a clue", "received", "referred", NULL, NULL, .guard = g_to_clue,
	 .on_enter = on_to_clue},
	{"inform_reporter", "告知举报人", "Tell the reporter", "referred", "closed", NULL, "reporter_informed_on",
	 .guard = g_inform_reporter, .on_enter = on_sync},
	{"close_report", "办结（匿名举报）", "Close (anonymous report)", "referred", "closed", NULL, NULL,
	 .guard = g_close_report, .on_enter = on_sync},
};
static const workflow_def complaint_workflow = {"received", complaint_states, ZJ_COUNT(complaint_states),
						complaint_transitions, ZJ_COUNT(complaint_transitions)};

static const field_def complaint_fields[] = {
	{"tracking_no", FT_TEXT, "登记编号", "Tracking no.", F_READONLY | F_UNIQUE | F_LIST | F_SEARCH, 0, 40},
	{"kind", FT_DICT, "类别", "Kind", F_REQUIRED | F_LIST | F_FILTER, .dict = "complaint_kind"},
	{"channel", FT_DICT, "渠道", "Channel", F_REQUIRED | F_LIST | F_FILTER, .dict = "complaint_channel"},
	{"received_on", FT_DATE, "登记日期", "Received on", F_REQUIRED | F_LIST | F_FILTER | F_SORT},
	{"complainant_name", FT_TEXT, "投诉举报人", "Complainant / reporter", F_PERSONAL | F_LIST, 0, 50},
	{"complainant_phone", FT_TEXT, "联系电话", "Phone", F_PERSONAL, 0, 20, 0, 0, PHONE_RE},
	{"complainant_address", FT_TEXT, "联系地址", "Address", F_PERSONAL, 0, 200},
	{"complainant_id_no", FT_TEXT, "身份证件号码", "ID number", F_PERSONAL, 0, 18, 0, 0, "^[0-9]{17}[0-9X]$"},
	{"respondent_name", FT_TEXT, "被投诉举报人", "Respondent", F_REQUIRED | F_LIST | F_SEARCH, 1, 200},
	{"respondent_address", FT_TEXT, "被投诉举报人地址", "Respondent's address", 0, 0, 200},
	{"enterprise_id", FT_REF, "被投诉举报企业", "Respondent (enterprise record)", F_FILTER, .ref = "enterprises"},
	{"jurisdiction_id", FT_REF, "管辖区划", "Jurisdiction", F_REQUIRED | F_LIST | F_FILTER, .ref = "jurisdictions"},
	{"goods_or_service", FT_TEXT, "商品或服务", "Goods or service", 0, 0, 200},
	{"incident_on", FT_DATE, "发生日期", "Happened on", 0},
	{"facts", FT_TEXT, "事实及理由", "Facts", F_REQUIRED, 1, 4000},
	{"request", FT_TEXT, "投诉请求", "Request", 0, 0, 1000},
	{"linked_id", FT_REF, "同件投诉/举报", "Linked complaint / report", F_READONLY, .ref = "complaints"},
	{"decided_on", FT_DATE, "受理决定日期", "Acceptance decided on", F_READONLY},
	{"refusal_ground", FT_DICT, "不予受理情形", "Refusal ground", F_READONLY | F_FILTER,
	 .dict = "complaint_refusal_ground"},
	{"refusal_note", FT_TEXT, "不予受理理由", "Refusal reasons", F_READONLY, 0, 1000},
	{"mediation_consent", FT_BOOL, "双方同意调解", "Both parties consent to mediation", F_READONLY},
	{"mediation_ended_on", FT_DATE, "调解结束日期", "Mediation ended on", F_READONLY},
	{"mediation_result", FT_DICT, "调解结果", "Mediation result", F_READONLY | F_FILTER,
	 .dict = "complaint_mediation_result"},
	{"mediation_agreement", FT_TEXT, "调解协议", "Agreement", F_READONLY, 0, 2000},
	{"parties_informed_on", FT_DATE, "告知当事人日期", "Parties told on", F_READONLY},
	{"case_id", FT_REF, "转入案件", "Case", F_READONLY | F_FILTER, .ref = "cases"},
	{"reporter_informed_on", FT_DATE, "告知举报人日期", "Reporter told on", F_READONLY},
	{"handling_note", FT_TEXT, "处理情况", "Handling notes", 0, 0, 2000},
	/* the salted hash of the portal's lookup code (complaint_lookup.c): never served */
	{"lookup_hash", FT_SECRET, "查询码", "Lookup code", F_READONLY | F_NOIMPORT},
};
static const entity_hooks complaint_hooks = {.prepare = complaint_prepare,
					     .validate = complaint_validate,
					     .after_write = complaint_after_write};
static const entity_action complaint_actions[] = {{"clocks", "GET", NULL, 1, cs_act_clocks}};
const entity_def cs_ent_complaints = {
	.name = "complaints",
	.table = "complaints",
	.label_zh = "投诉举报",
	.label_en = "Complaints and reports",
	.menu = "cases",
	.fields = complaint_fields,
	.nfields = ZJ_COUNT(complaint_fields),
	.label_field = "tracking_no",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.workflow = &complaint_workflow,
	.first_columns = "tracking_no,state,deadline,jurisdiction_id",
	.hooks = &complaint_hooks,
	.actions = complaint_actions,
	.nactions = ZJ_COUNT(complaint_actions),
	.no_delete = 1,
};

/* ---- the public form ---- */

static const char *public_keys[] = {"kind",
				    "also_report",
				    "complainant_name",
				    "complainant_phone",
				    "complainant_address",
				    "respondent_name",
				    "respondent_address",
				    "jurisdiction_code",
				    "goods_or_service",
				    "incident_on",
				    "facts",
				    "request"};

static int unknown_keys(zj_ctx *c, json_t *body)
{
	json_t *errs = json_array();
	const char *k;
	json_t *v;
	json_object_foreach (body, k, v) {
		int ok = 0;
		for (size_t i = 0; i < sizeof public_keys / sizeof public_keys[0]; i++)
			ok |= !strcmp(k, public_keys[i]);
		if (!ok)
			crud_field_error(c, errs, k, FE_UNKNOWN, "未知字段", "unknown field");
	}
	if (json_array_size(errs))
		return ctx_fail_fields(c, errs);
	json_decref(errs);
	return 0;
}

/* Builds one record of the submission (kind complaint or report). */
static json_t *public_record(zj_ctx *c, json_t *body, const char *kind, int64_t juris)
{
	json_t *r = json_object();
	for (size_t i = 0; i < sizeof public_keys / sizeof public_keys[0]; i++) {
		const char *k = public_keys[i];
		if (strcmp(k, "kind") && strcmp(k, "also_report") && strcmp(k, "jurisdiction_code") &&
		    json_object_get(body, k))
			json_object_set(r, k, json_object_get(body, k));
	}
	json_object_set_new(r, "kind", json_string(kind));
	json_object_set_new(r, "channel", json_string("portal"));
	json_object_set_new(r, "received_on", json_string(c->today));
	json_object_set_new(r, "jurisdiction_id", juris > 0 ? json_integer(juris) : json_null());
	if (!strcmp(kind, "report"))
		json_object_del(r, "request");
	return r;
}

static int public_juris(zj_ctx *c, json_t *body, int64_t *out)
{
	const char *code = cs_str(body, "jurisdiction_code");
	const char *p[] = {code ? code : "150200"};
	*out = db_query_int(c->db,
			    "SELECT id FROM jurisdictions WHERE code = ? AND deleted = 0 AND path LIKE '%/150200/%'", 1,
			    p, 0);
	if (*out > 0)
		return 0;
	json_t *errs = json_array();
	crud_field_error(c, errs, "jurisdiction_code", FE_REF, "不是包头市的区划代码",
			 "is not a division code of Baotou");
	return ctx_fail_fields(c, errs);
}

/* POST /api/v1/public/complaints: the 12315 form of the portal. Answers with
 * the tracking numbers only, never echoing a personal value. */
static int public_complaint(zj_ctx *c, const void *q, json_t *body, action_result *out)
{
	if (!json_is_object(body))
		return ctx_problem(c, PROB_BODY_NOT_OBJECT, NULL);
	int64_t juris;
	int st = unknown_keys(c, body);
	if (!st)
		st = public_juris(c, body, &juris);
	if (st)
		return st;
	const char *kind = cs_str(body, "kind");
	if (!kind || (strcmp(kind, "complaint") && strcmp(kind, "report"))) {
		json_t *errs = json_array();
		crud_field_error(c, errs, "kind", FE_DICT, "应为 complaint（投诉）或 report（举报）",
				 "must be complaint or report");
		return ctx_fail_fields(c, errs);
	}
	zj_user *who = c->user;
	c->user = NULL; /* the portal writes as the system, into the city's intake */
	char code[CS_LOOKUP_CODE_LEN];
	cs_lookup_code_new(code);
	pending_code = code;
	json_t *r1 = public_record(c, body, kind, juris), *o1 = NULL, *o2 = NULL;
	st = crud_create(c, &cs_ent_complaints, r1, &o1);
	json_decref(r1);
	if (st == 201 && !strcmp(kind, "complaint") && json_is_true(json_object_get(body, "also_report"))) {
		json_t *r2 = public_record(c, body, "report", juris);
		json_object_set(r2, "request", json_null());
		st = crud_create(c, &cs_ent_complaints, r2, &o2);
		json_decref(r2);
		if (st == 201) {
			int rc = db_begin(c->db);
			if (rc == DB_OK)
				rc = crud_set1(c, &cs_ent_complaints, cs_int(o1, "id"), "link", "linked_id",
					       json_integer(cs_int(o2, "id")));
			if (rc == DB_OK)
				rc = crud_set1(c, &cs_ent_complaints, cs_int(o2, "id"), "link", "linked_id",
					       json_integer(cs_int(o1, "id")));
			if (rc == DB_OK)
				rc = db_commit(c->db);
			if (rc != DB_OK)
				db_rollback(c->db);
			st = rc == DB_OK ? 201 : ctx_problem(c, PROB_DB_ERROR, NULL);
		}
	}
	c->user = who;
	pending_code = NULL;
	if (st == 201) {
		out->json = json_pack(
			"{s:s, s:s, s:s, s:s}", "tracking_no", cs_str(o1, "tracking_no"), "lookup_code", code,
			"received_on", c->today, "notice",
			TR(c,
			   "市场监管部门将在7个工作日内作出是否受理的决定（举报按线索核查）；您的个人信息依法保密。"
			   "查询码只显示这一次，请与登记编号一并保存，凭两者查询办理进度。",
			   "The bureau decides within 7 working days whether to accept a complaint (a report is checked as a clue); your personal data stays confidential. "
			   "The lookup code is shown only this once: keep it with the tracking number to follow the progress."));
		if (o2)
			json_object_set_new(out->json, "report_tracking_no", json_string(cs_str(o2, "tracking_no")));
	}
	json_decref(o1), json_decref(o2);
	return st;
}

const public_endpoint cs_public_complaints = {"complaints", "POST", public_complaint};
