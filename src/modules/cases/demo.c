/* demo.c — the enforcement area's part of `init --demo`: cases at every
 * stage, two major cases with their consultations (one with a dissenting
 * agency), early involvement, evidence with hashes, records of inquiry, a
 * seizure, complaints accepted, refused, mediated and ended, and reports
 * turned into clues. Everything goes through the real workflow as the demo
 * users (handler, director, legal, the five agencies, service), so every
 * guard and clock applies. Dates are working days counted back from today,
 * so the dashboard shows live clocks; no randomness. */
#include "core/auth.h"
#include "core/calendar.h"
#include "modules/cases/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct demo {
	zj_ctx *c;
	struct wd_calendar *cal;
	date_days today;
	char dates[64][11];
	int next_date;
	zj_user users[12];
	const char *names[12];
	int nusers;
	int failed;
	int measure; /* dry run: only advance the clock */
} demo;

/* The date n working days from today (n < 0: before). */
static const char *W(demo *m, int n)
{
	date_days d = m->today;
	if (n && wd_add(m->cal, m->today, n, &d, NULL) != WD_OK)
		d = m->today;
	char *buf = m->dates[m->next_date++ % 64];
	date_format(d, buf);
	return buf;
}

static zj_user *who(demo *m, const char *username)
{
	for (int i = 0; i < m->nusers; i++)
		if (!strcmp(m->names[i], username))
			return &m->users[i];
	if (m->nusers == 12)
		return NULL;
	const char *p[] = {username};
	int64_t id = db_query_int(m->c->db, "SELECT id FROM users WHERE username = ? AND deleted = 0", 1, p, 0);
	if (id <= 0 || auth_load_user(m->c->db, id, &m->users[m->nusers]) != 0)
		return NULL;
	m->names[m->nusers] = username;
	return &m->users[m->nusers++];
}

static void fail(demo *m, const char *what, const char *name)
{
	char *p = m->c->problem ? json_dumps(m->c->problem, JSON_COMPACT) : NULL;
	fprintf(stderr, "cases demo: %s %s: %s\n", what, name, p ? p : "failed");
	free(p);
	ctx_clear(m->c);
	m->failed = 1;
}

/* Creates a record as `user` (body is stolen); returns its id or 0. */
static int64_t create(demo *m, const entity_def *e, const char *user, json_t *body)
{
	if (m->failed || m->measure) {
		json_decref(body);
		return m->measure ? 1 : 0;
	}
	m->c->user = who(m, user);
	json_t *out = NULL;
	int st = crud_create(m->c, e, body, &out);
	int64_t id = st == 201 ? cs_int(out, "id") : 0;
	if (st != 201)
		fail(m, e->name, "create");
	json_decref(out), json_decref(body);
	m->c->user = NULL;
	return id;
}

static void step(demo *m, const entity_def *e, int64_t id, const char *user, const char *name, json_t *body)
{
	if (m->failed || m->measure) {
		json_decref(body);
		return;
	}
	m->c->user = who(m, user);
	json_t *out = NULL;
	if (workflow_transition(m->c, e, id, name, -1, body, &out) != 200)
		fail(m, e->name, name);
	json_decref(out), json_decref(body);
	m->c->user = NULL;
}

static void patch(demo *m, const entity_def *e, int64_t id, const char *user, json_t *body)
{
	if (m->failed || m->measure) {
		json_decref(body);
		return;
	}
	m->c->user = who(m, user);
	json_t *cur = crud_load(m->c, e, id), *out = NULL;
	if (crud_update(m->c, e, id, cs_int(cur, "version"), body, &out) != 200)
		fail(m, e->name, "update");
	json_decref(cur), json_decref(out), json_decref(body);
	m->c->user = NULL;
}

/* ---- a case from clue to its stage ---- */

enum stage {
	S_CLUE,
	S_FILING_REVIEW,
	S_INVESTIGATING,
	S_REPORTED,
	S_LEGAL_REVIEW,
	S_REVIEWED,
	S_NOTIFIED,
	S_HEARING_REQUESTED,
	S_HEARING_SCHEDULED,
	S_HEARD,
	S_CONSULTED,
	S_DISCUSSED,
	S_DECIDED,
	S_SERVED,
	S_PAID,
	S_PUBLISHED,
	S_CLOSED,
	S_NOT_FILED,
	S_NO_PENALTY,
	S_POLICE,
	S_TRANSFERRED
};

typedef struct spec {
	const char *title, *kind, *source, *cause;
	long fine_yuan;
	const char *penalty; /* comma-joined penalty kinds */
	int stage, hearing, major, dissent, lag, enterprise;
	const char *source_entity;
	int seizure;       /* 1 in force, 2 extended, 3 released before the decision */
	const char *early; /* unit code following the case early (提前介入) */
} spec;

typedef struct run {
	demo *m;
	const spec *s;
	int base, t; /* received = W(base); events at W(base + t) */
	int64_t id;
	int64_t juris;
	char party[200], uscc[20], rep[60], addr[200];
} run;

static const char *at(run *r, int dt)
{
	r->t += dt;
	return W(r->m, r->base + r->t);
}

static void load_party(run *r)
{
	db_stmt *s;
	snprintf(r->party, sizeof r->party, "%s", "包头市示例商贸有限公司");
	if (db_prepare(r->m->c->db,
		       "SELECT name, uscc, legal_rep, address, jurisdiction_id FROM enterprises WHERE deleted = 0"
		       " ORDER BY id LIMIT 1 OFFSET ?",
		       &s) != DB_OK) {
		r->m->failed = 1;
		return;
	}
	db_bind_int(s, 1, r->s->enterprise);
	int rc = db_step(s);
	if (rc != DB_ROW && rc != DB_DONE)
		r->m->failed = 1; /* the demo stops (demo_load reports it) */
	if (rc == DB_ROW) {
		snprintf(r->party, sizeof r->party, "%s", db_col_text(s, 0));
		snprintf(r->uscc, sizeof r->uscc, "%s", db_col_text(s, 1));
		snprintf(r->rep, sizeof r->rep, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
		snprintf(r->addr, sizeof r->addr, "%s", db_col_text(s, 3) ? db_col_text(s, 3) : "");
		r->juris = db_col_int(s, 4);
	}
	db_finalize(s);
}

/* A failed food sample to link the sampling clue to, when the food area has
 * loaded its demo (linked by entity name and id only; 0 = none). */
static int64_t failed_sample(demo *m)
{
	if (!registry_find("samples") || m->measure)
		return 0;
	return db_query_int(m->c->db, "SELECT MIN(id) FROM samples WHERE conclusion = 'fail' AND deleted = 0", 0, NULL,
			    0);
}

static void open_case(run *r)
{
	const spec *s = r->s;
	json_t *b =
		json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:b}", "title", s->title, "kind", s->kind,
			  "source", s->source, "received_on", at(r, 0), "jurisdiction_id", (json_int_t)r->juris,
			  "party_name", r->party, "party_type", "legal", "party_rep", r->rep, "party_address", r->addr,
			  "officers", "吴办案（15020001）、刘执法（15020002）", "public_interest", s->major == 2);
	json_object_set_new(b, "summary", json_sprintf("%s：线索经初步核查，涉嫌违法事实需立案调查。", s->title));
	if (r->uscc[0])
		json_object_set_new(b, "party_uscc", json_string(r->uscc));
	int64_t src = s->source_entity ? failed_sample(r->m) : 0;
	if (src > 0)
		json_object_set_new(b, "source_entity", json_string(s->source_entity)),
			json_object_set_new(b, "source_id", json_integer(src));
	r->id = create(r->m, &cs_ent_cases, "handler", b);
}

static void add_evidence(run *r, const char *date)
{
	demo *m = r->m;
	if (m->failed || m->measure)
		return;
	static const char *items[][3] = {{"现场检查笔录", "record", "现场检查发现涉案产品堆放于仓库"},
					 {"检验检测报告", "lab_report", "检验结论：不合格"},
					 {"销售台账复印件", "document", "记载涉案产品进销数量"}};
	for (int i = 0; i < 3; i++) {
		char body[400], hex[65];
		snprintf(body, sizeof body, "案件%lld 证据%d：%s（%s）\n", (long long)r->id, i + 1, items[i][0],
			 r->party);
		if (cs_evidence_store(m->c, body, strlen(body), hex) != 0) {
			fail(m, "evidence", "store");
			return;
		}
		create(m, &cs_ent_evidence, "handler",
		       json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "case_id", (json_int_t)r->id, "title",
				 items[i][0], "kind", items[i][1], "sha256", hex, "file_name", "evidence.txt", "mime",
				 "text/plain", "collected_on", date, "description", items[i][2]));
	}
	char started[32];
	snprintf(started, sizeof started, "%sT02:00:00Z", date);
	create(m, &cs_ent_inquiries, "handler",
	       json_pack(
		       "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "case_id", (json_int_t)r->id, "person_name",
		       r->rep[0] ? r->rep : "王经理", "person_role", "party", "started_at", started, "place",
		       "包头市质量技术监督局询问室", "investigators", "吴办案（15020001）、刘执法（15020002）",
		       "recorder", "刘执法", "content",
		       "问：你是否知道涉案产品的来源？\n答：知道，从外地批发购进。\n问：共销售多少？\n答：约二百件。"));
}

static void consult(run *r)
{
	demo *m = r->m;
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "case_id", (json_int_t)r->id, "subject",
			      "拟作出重大行政处罚的会商", "convened_on", at(r, 1), "meeting_on",
			      W(m, r->base + r->t + 1), "place", "市局三楼会议室", "host", "王局长", "agenda",
			      "调查终结报告、法制审核意见、证据清单");
	int64_t k = create(m, &cs_ent_consultations, "handler", b);
	static const char *agencies[] = {"agency_fgw", "agency_sw", "agency_jw", "agency_jc", "agency_ga"};
	for (int i = 0; i < 5; i++) {
		if (r->s->dissent && i == 3)
			create(m, &cs_ent_opinions, agencies[i],
			       json_pack("{s:I, s:s, s:s, s:s}", "consultation_id", (json_int_t)k, "opinion", "amend",
					 "reasons", "违法所得计算依据不足，建议补充进货凭证后再定罚款数额", "amendment",
					 "罚款数额按查实的违法所得重新核定"));
		else if (r->s->dissent && i == 2)
			create(m, &cs_ent_opinions, agencies[i],
			       json_pack("{s:I, s:s, s:s}", "consultation_id", (json_int_t)k, "opinion", "disagree",
					 "reasons", "当事人主动召回并赔偿消费者，建议从轻处罚"));
		else if (!(r->s->dissent && i == 4))
			create(m, &cs_ent_opinions, agencies[i],
			       json_pack("{s:I, s:s, s:s}", "consultation_id", (json_int_t)k, "opinion", "agree",
					 "reasons", "事实清楚，证据充分，同意拟处罚意见"));
	}
	step(m, &cs_ent_consultations, k, "handler", "hold", json_pack("{s:s}", "held_on", at(r, 1)));
	step(m, &cs_ent_consultations, k, "handler", "conclude",
	     json_pack("{s:s}", "conclusion",
		       r->s->dissent ? "多数单位同意拟处罚意见；不同意见提交集体讨论" : "一致同意拟处罚意见"));
}

static void decide(run *r)
{
	long fen = r->s->fine_yuan * 100;
	step(r->m, &cs_ent_cases, r->id, "director", "decide",
	     json_pack("{s:s, s:s, s:I, s:s}", "decided_on", at(r, r->s->major ? 2 : 7), "penalty_kinds", r->s->penalty,
		       "fine_fen", (json_int_t)fen, "decision_summary", fen ? "没收违法产品，并处罚款" : "警告"));
}

static void pay_and_close(run *r)
{
	demo *m = r->m;
	const spec *s = r->s;
	if (s->stage >= S_SERVED)
		step(m, &cs_ent_cases, r->id, "handler", "serve",
		     json_pack("{s:s, s:s}", "served_on", at(r, 1), "service_method", "direct"));
	long fen = s->fine_yuan * 100;
	if (s->stage >= S_PAID && fen > 0) {
		const char *paid = at(r, 4);
		/* the amount due through the one computation the guard uses */
		json_t *row = crud_load(m->c, &cs_ent_cases, r->id);
		cs_late l;
		int64_t fee = row && cs_case_late(m->c, row, paid, &l) == 0 ? l.fee : 0;
		json_decref(row);
		step(m, &cs_ent_cases, r->id, "handler", "record_payment",
		     json_pack("{s:s, s:I}", "paid_on", paid, "paid_fen", (json_int_t)(fen + fee)));
	}
	if (s->stage >= S_PUBLISHED && !cs_publication_exempt(s->penalty)) /* 公示规定 Art. 2 */
		patch(m, &cs_ent_cases, r->id, "handler", json_pack("{s:s}", "published_on", at(r, 1)));
	if (s->stage >= S_CLOSED)
		step(m, &cs_ent_cases, r->id, "director", "close",
		     json_pack("{s:s, s:s}", "closed_on", at(r, 3), "closure_summary",
			       "处罚决定已履行，信息已公示，同意结案"));
}

static void to_decision(run *r)
{
	demo *m = r->m;
	const spec *s = r->s;
	if (s->stage >= S_HEARING_REQUESTED && s->hearing) {
		step(m, &cs_ent_cases, r->id, "handler", "request_hearing",
		     json_pack("{s:s}", "hearing_requested_on", at(r, 2)));
		if (s->stage >= S_HEARING_SCHEDULED) {
			const char *notice = at(r, 1);
			char hearing[11];
			snprintf(hearing, sizeof hearing, "%s", W(m, r->base + r->t + 8));
			step(m, &cs_ent_cases, r->id, "handler", "schedule_hearing",
			     json_pack("{s:s, s:s, s:s}", "hearing_notice_on", notice, "hearing_on", hearing,
				       "hearing_place", "市局听证室"));
		}
		if (s->stage >= S_HEARD)
			step(m, &cs_ent_cases, r->id, "handler", "hold_hearing",
			     json_pack("{s:s, s:s}", "hearing_held_on", at(r, 8), "hearing_summary",
				       "当事人对违法事实无异议，请求从轻处罚"));
		if (s->stage == S_HEARING_REQUESTED || s->stage == S_HEARING_SCHEDULED || s->stage == S_HEARD)
			return;
	}
	if (s->major && s->stage >= S_CONSULTED)
		consult(r);
	if (s->major && s->stage >= S_DISCUSSED)
		step(m, &cs_ent_cases, r->id, "director", "discuss",
		     json_pack("{s:s, s:s, s:s}", "discussion_on", at(r, s->hearing ? 1 : 4), "discussion_participants",
			       "王局长、副局长、法制科长、稽查支队长", "discussion_conclusion",
			       s->dissent ? "经讨论，采纳会商中关于核定违法所得的修改意见，维持罚款数额"
					  : "同意按拟处罚意见作出处罚决定"));
	if (s->stage == S_NO_PENALTY) {
		step(m, &cs_ent_cases, r->id, "director", "decide_no_penalty",
		     json_pack("{s:s, s:s}", "decided_on", at(r, 7), "no_penalty_reason",
			       "违法行为轻微并及时改正，没有造成危害后果（行政处罚法第三十三条）"));
		return;
	}
	if (s->stage >= S_DECIDED) {
		decide(r);
		pay_and_close(r);
	}
}

static void investigate(run *r)
{
	demo *m = r->m;
	const spec *s = r->s;
	add_evidence(r, at(r, 1));
	if (s->stage == S_POLICE || s->stage == S_TRANSFERRED) {
		int police = s->stage == S_POLICE;
		step(m, &cs_ent_cases, r->id, "director", police ? "transfer_police" : "transfer",
		     json_pack("{s:s, s:s, s:s}", "transfer_on", at(r, 2), "transfer_to",
			       police ? "包头市公安局" : "包头市卫生健康委员会", "transfer_reason",
			       police ? "涉案货值金额超过五万元，涉嫌生产、销售伪劣产品罪（刑法第一百四十条）"
				      : "属于卫生健康部门管辖的事项"));
		return;
	}
	if (s->stage < S_REPORTED)
		return;
	long fen = s->fine_yuan * 100;
	step(m, &cs_ent_cases, r->id, "handler", "finish_investigation",
	     json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "report_on", at(r, 6), "findings",
		       "当事人销售不符合标准的产品，货值金额经查实。", "legal_basis",
		       "《中华人民共和国产品质量法》第四十九条", "penalty_kinds", s->penalty, "proposed_fine_fen",
		       (json_int_t)fen, "confiscation_fen", (json_int_t)0));
	int review = s->major || s->hearing;
	if (review && s->stage >= S_LEGAL_REVIEW)
		step(m, &cs_ent_cases, r->id, "handler", "send_review", json_pack("{s:s}", "review_sent_on", at(r, 1)));
	if (review && s->stage >= S_REVIEWED)
		step(m, &cs_ent_cases, r->id, "legal", "review_pass",
		     json_pack("{s:s, s:s}", "reviewed_on", at(r, 2), "legal_opinion",
			       "事实清楚，证据确凿，适用依据正确，程序合法，处罚适当"));
	if (s->stage == S_LEGAL_REVIEW || s->stage == S_REVIEWED || (s->stage == S_REPORTED))
		return;
	step(m, &cs_ent_cases, r->id, "handler", "notify", json_pack("{s:s}", "notice_served_on", at(r, 1)));
	if (s->stage > S_NOTIFIED)
		to_decision(r);
}

static int64_t unit_id(demo *m, const char *code)
{
	return crud_id_by_code(m->c->db, "units", code);
}

static void seizure(run *r, const char *on)
{
	demo *m = r->m;
	int64_t k =
		create(m, &cs_ent_measures, "handler",
		       json_pack("{s:I, s:s, s:s, s:s, s:s}", "case_id", (json_int_t)r->id, "kind", "seizure", "items",
				 "涉案产品一批（详见扣押物品清单）", "place", "市局涉案物品保管室", "decided_on", on));
	if (r->s->seizure == 2)
		step(m, &cs_ent_measures, k, "director", "extend",
		     json_pack("{s:s, s:I, s:s}", "extended_on", on, "extension_days", (json_int_t)30,
			       "extension_reason", "检验结论尚未作出"));
	if (r->s->seizure == 3)
		step(m, &cs_ent_measures, k, "handler", "release",
		     json_pack("{s:s, s:s}", "released_on", W(m, r->base + r->t + 5), "release_reason",
			       "检验完毕，依法予以没收"));
}

/* Every step of a spec's path; at() advances the working-day cursor. */
static void path(run *r)
{
	demo *m = r->m;
	const spec *s = r->s;
	open_case(r);
	if (s->stage == S_CLUE)
		return;
	if (s->stage == S_NOT_FILED) {
		step(m, &cs_ent_cases, r->id, "director", "no_case",
		     json_pack("{s:s, s:s}", "filing_decided_on", at(r, 4), "no_case_reason",
			       "经核查，举报事项不存在违法事实"));
		return;
	}
	step(m, &cs_ent_cases, r->id, "handler", "request_filing",
	     json_pack("{s:s, s:s}", "cause", s->cause, "filing_opinion", "有违法事实，属本局管辖，建议立案调查"));
	if (s->stage == S_FILING_REVIEW)
		return;
	step(m, &cs_ent_cases, r->id, "director", "approve_filing", json_pack("{s:s}", "filed_on", at(r, 1)));
	if (s->early)
		create(m, &cs_ent_referrals, "handler",
		       json_pack("{s:I, s:I, s:s, s:s, s:s}", "case_id", (json_int_t)r->id, "unit_id",
				 (json_int_t)unit_id(m, s->early), "kind", "early", "invited_on", W(m, r->base + r->t),
				 "note", "涉案金额较大，邀请提前介入"));
	if (s->seizure)
		seizure(r, W(m, r->base + r->t));
	investigate(r);
}

static void run_spec(demo *m, const spec *s)
{
	run r = {.m = m, .s = s};
	load_party(&r);
	m->measure = 1;
	path(&r);
	m->measure = 0;
	r.base = -(r.t + s->lag);
	r.t = 0;
	path(&r);
}

static const spec specs[] = {
	{"某超市销售抽检不合格食品案", "food", "sampling", NULL, 0, NULL, S_CLUE, .lag = 2, .enterprise = 3,
	 .source_entity = "samples"},
	{"某商行销售无中文标签进口食品案", "food", "inspection", NULL, 0, NULL, S_CLUE, .lag = 17, .enterprise = 8},
	{"某锅炉使用单位未经检验使用锅炉案", "equipment", "equipment", "使用未经定期检验的特种设备", 0, NULL,
	 S_FILING_REVIEW, .lag = 5, .enterprise = 11},
	{"某经营部涉嫌销售假冒电线案", "counterfeit", "report", NULL, 0, NULL, S_NOT_FILED, .lag = 4, .enterprise = 14},
	{"某乳业公司涉嫌超范围使用食品添加剂案", "food", "risk", "生产经营超范围使用食品添加剂的食品", 0, NULL,
	 S_INVESTIGATING, .lag = 3, .enterprise = 17, .seizure = 1, .early = "AG-JC"},
	{"某商贸公司销售不合格插座案", "product", "sampling", "销售不合格产品", 8000, "fine,confiscate_goods",
	 S_REPORTED, .lag = 1, .enterprise = 20},
	{"某机械公司生产不合格起重机械案", "equipment", "inspection", "生产不符合安全技术规范的特种设备", 150000,
	 "fine", S_LEGAL_REVIEW, .hearing = 1, .lag = 2, .enterprise = 23},
	{"某加油站计量器具作弊案", "metrology", "report", "使用不合格计量器具", 30000, "fine,confiscate_gains",
	 S_NOTIFIED, .lag = 2, .enterprise = 26},
	{"某粮油公司生产不合格食用油案", "food", "sampling", "生产不符合食品安全标准的食品", 200000,
	 "fine,confiscate_goods", S_HEARING_REQUESTED, .hearing = 1, .lag = 1, .enterprise = 29},
	{"某调味品公司标签虚假标注案", "food", "complaint", "生产经营标签含虚假内容的食品", 120000, "fine",
	 S_HEARING_SCHEDULED, .hearing = 1, .lag = 2, .enterprise = 32},
	{"某电梯维保单位未按规定维保案", "equipment", "inspection", "未按安全技术规范要求进行维护保养", 180000, "fine",
	 S_HEARD, .hearing = 1, .lag = 1, .enterprise = 35},
	{"某肉业公司销售病死畜肉案", "food", "transfer_in", "经营病死、毒死或者死因不明的畜禽肉类", 800000,
	 "fine,confiscate_goods,confiscate_gains", S_CLOSED, .major = 1, .lag = 2, .enterprise = 38, .seizure = 3,
	 .early = "AG-GA"},
	{"某饮品公司生产假冒他人厂名产品案", "counterfeit", "instruction", "伪造他人厂名厂址", 600000,
	 "fine,confiscate_goods", S_DISCUSSED, .major = 2, .dissent = 1, .lag = 1, .enterprise = 41},
	{"某商行销售不合格头盔案", "product", "sampling", "销售不合格产品", 50000, "fine", S_DECIDED, .lag = 1,
	 .enterprise = 44},
	{"某经营部销售掺杂掺假产品案", "product", "report", "销售掺杂掺假产品", 20000, "fine", S_SERVED, .lag = 16,
	 .enterprise = 47},
	{"某餐饮店使用超期燃气锅炉案", "equipment", "inspection", "使用超过检验周期的特种设备", 10000, "fine", S_PAID,
	 .lag = 3, .enterprise = 50},
	{"某食品店销售过期食品案", "food", "complaint", "经营超过保质期的食品", 5000, "fine", S_CLOSED, .lag = 5,
	 .enterprise = 53},
	{"某企业未标注产品标准编号案", "standard", "inspection", "未标注执行标准", 0, "warning", S_CLOSED, .lag = 4,
	 .enterprise = 56},
	{"某小作坊首次轻微违法案", "licence", "inspection", "未按规定公示许可信息", 0, "warning", S_NO_PENALTY,
	 .lag = 3, .enterprise = 59},
	{"某公司生产销售伪劣化肥案", "counterfeit", "report", "生产销售伪劣产品", 0, NULL, S_POLICE, .lag = 3,
	 .enterprise = 62},
	{"某诊所使用未检定医用计量器具案", "metrology", "inspection", "使用未经检定的计量器具", 0, NULL, S_TRANSFERRED,
	 .lag = 6, .enterprise = 65},
};

/* ---- complaints and reports ---- */

static int64_t intake(demo *m, const char *kind, int received, const char *name, const char *respondent,
		      const char *facts, const char *request)
{
	json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "kind", kind, "channel", "phone", "received_on",
			      W(m, received), "respondent_name", respondent, "respondent_address",
			      "包头市昆都仑区钢铁大街", "facts", facts, "jurisdiction_id",
			      (json_int_t)db_query_int(m->c->db, "SELECT id FROM jurisdictions WHERE code = '150203'",
						       0, NULL, 0));
	if (name) {
		json_object_set_new(b, "complainant_name", json_string(name));
		json_object_set_new(b, "complainant_phone", json_string("13904721234"));
		json_object_set_new(b, "complainant_address", json_string("包头市青山区幸福路8号"));
	}
	if (request)
		json_object_set_new(b, "request", json_string(request));
	return create(m, &cs_ent_complaints, "service", b);
}

static int64_t case_of(demo *m, int64_t complaint)
{
	json_t *row = crud_load(m->c, &cs_ent_complaints, complaint);
	int64_t id = cs_int(row, "case_id");
	json_decref(row);
	return id;
}

static void complaints(demo *m)
{
	intake(m, "complaint", -2, "赵女士", "包头市某电器商行", "购买的电热水壶使用三天即漏电，商家拒绝退换。",
	       "退货退款");
	int64_t c2 = intake(m, "complaint", -10, "钱先生", "包头市某装饰公司", "为公司办公室装修购买的材料质量差。",
			    "赔偿损失");
	step(m, &cs_ent_complaints, c2, "service", "refuse",
	     json_pack("{s:s, s:s, s:s}", "decided_on", W(m, -8), "refusal_ground", "not_consumer", "refusal_note",
		       "为经营活动购买，不属于生活消费"));
	int64_t c3 = intake(m, "complaint", -12, "孙先生", "包头市某汽车销售公司",
			    "新车交付时发现里程表数据异常，疑为二手车。", "退车并三倍赔偿");
	step(m, &cs_ent_complaints, c3, "service", "accept", json_pack("{s:s}", "decided_on", W(m, -10)));
	step(m, &cs_ent_complaints, c3, "handler", "start_mediation", json_pack("{s:b}", "mediation_consent", 1));
	create(m, &cs_ent_periods, "handler",
	       json_pack("{s:I, s:s, s:s, s:s, s:s}", "complaint_id", (json_int_t)c3, "kind", "appraisal", "start_on",
			 W(m, -6), "end_on", W(m, -4), "reason", "双方共同委托车辆鉴定"));
	int64_t c4 = intake(m, "complaint", -30, "李女士", "包头市某眼镜店", "配镜度数与验光单不符。", "重新配镜");
	step(m, &cs_ent_complaints, c4, "service", "accept", json_pack("{s:s}", "decided_on", W(m, -28)));
	step(m, &cs_ent_complaints, c4, "handler", "start_mediation", json_pack("{s:b}", "mediation_consent", 1));
	step(m, &cs_ent_complaints, c4, "handler", "mediation_agree",
	     json_pack("{s:s, s:s, s:s}", "mediation_ended_on", W(m, -20), "mediation_result", "agreement",
		       "mediation_agreement", "商家免费重新配镜并退还差价100元"));
	int64_t c5 = intake(m, "complaint", -52, "周先生", "包头市某健身会所", "会所停业后拒绝退还剩余会费。",
			    "退还剩余会费");
	step(m, &cs_ent_complaints, c5, "service", "accept", json_pack("{s:s}", "decided_on", W(m, -50)));
	step(m, &cs_ent_complaints, c5, "handler", "start_mediation", json_pack("{s:b}", "mediation_consent", 1));
	step(m, &cs_ent_complaints, c5, "handler", "mediation_end",
	     json_pack("{s:s, s:s}", "mediation_ended_on", W(m, -3), "mediation_result", "timeout"));
	step(m, &cs_ent_complaints, c5, "handler", "finish", json_pack("{s:s}", "parties_informed_on", W(m, -1)));
	int64_t r1 = intake(m, "report", -4, "吴先生", "包头市某小作坊",
			    "我是吴先生（电话13904721234），发现该作坊无证生产豆制品，卫生条件差。", NULL);
	step(m, &cs_ent_complaints, r1, "service", "to_clue", NULL);
	int64_t r2 = intake(m, "report", -14, "郑女士", "包头市某药店", "该店销售的保健食品宣称能治疗糖尿病。", NULL);
	step(m, &cs_ent_complaints, r2, "service", "to_clue", NULL);
	int64_t k2 = case_of(m, r2);
	step(m, &cs_ent_cases, k2, "handler", "request_filing",
	     json_pack("{s:s, s:s}", "cause", "保健食品标签、说明书涉及疾病预防、治疗功能", "filing_opinion",
		       "举报属实，建议立案"));
	step(m, &cs_ent_cases, k2, "director", "approve_filing", json_pack("{s:s}", "filed_on", W(m, -5)));
	step(m, &cs_ent_complaints, r2, "handler", "inform_reporter",
	     json_pack("{s:s}", "reporter_informed_on", W(m, -3)));
	int64_t r3 = intake(m, "report", -9, NULL, "包头市某烧烤店", "该店使用来源不明的肉类。", NULL);
	step(m, &cs_ent_complaints, r3, "service", "to_clue", NULL);
	step(m, &cs_ent_cases, case_of(m, r3), "director", "no_case",
	     json_pack("{s:s, s:s}", "filing_decided_on", W(m, -4), "no_case_reason",
		       "经现场核查，肉类进货票据齐全，未发现违法行为"));
	step(m, &cs_ent_complaints, r3, "handler", "close_report", NULL);
}

int cases_demo(zj_ctx *c, FILE *report)
{
	demo m = {.c = c};
	m.cal = calendar_load(c->db);
	if (date_parse(c->today, &m.today) != DATE_OK || !m.cal) {
		calendar_free(m.cal);
		return -1;
	}
	for (size_t i = 0; i < sizeof specs / sizeof specs[0] && !m.failed; i++)
		run_spec(&m, &specs[i]);
	if (!m.failed)
		complaints(&m);
	for (int i = 0; i < m.nusers; i++) { /* loaded in place: release the permissions only */
		for (int k = 0; k < m.users[i].nperms; k++)
			free(m.users[i].perms[k].name);
		free(m.users[i].perms);
	}
	calendar_free(m.cal);
	c->user = NULL;
	if (report && !m.failed)
		fprintf(report,
			"Enforcement: %zu cases at every stage (2 major with consultations), 8 complaints and reports;"
			" evidence files stored in the database\n",
			sizeof specs / sizeof specs[0]);
	return m.failed ? -1 : 0;
}
