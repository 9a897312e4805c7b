/* test_cases_flow.c — the enforcement area against a real SQLite file, as
 * the seeded roles: a case from clue to closure with every deadline and
 * guard (statement period, payment with late fee, publication, numbering),
 * a major case that cannot be decided without its consultation (quorum,
 * opinions, dissent on the case, collective discussion), agency scope (an
 * agency member reads only referred cases), hearing notice and request
 * periods, extensions, seizure terms, complainant masking and the public
 * form, documents (escaping, hashes, no complainant), evidence refusal on a
 * hash mismatch or replacement, the deadline widget and the statistics.
 * The clock is fixed at Fri 2025-10-31 (Beijing). ZJ_TEST_DB=postgresql://…
 * runs the same tests on an empty PostgreSQL database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/migrate.h"
#include "modules/cases/cases.h"
#include "modules/duties.h"

static db *d;
static zj_ctx c;
static char path[64], clockfile[64], store[64];

typedef struct tuser {
	const char *name, *role, *unit;
	zj_user u;
} tuser;
static tuser users[] = {
	{"handler", "case_handler", "BTQTS"},      {"director", "director", "BTQTS"},
	{"legal", "legal_reviewer", "BTQTS"},      {"fgw", "agency_member", "AG-FGW"},
	{"sw", "agency_member", "AG-SW"},          {"jw", "agency_member", "AG-JW"},
	{"jc", "agency_member", "AG-JC"},          {"ga", "agency_member", "AG-GA"},
	{"stranger", "agency_member", "BTQTS-DH"}, {"service", "service_desk", "BTQTS"},
};

static zj_user *as(const char *name)
{
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		if (!strcmp(users[i].name, name))
			return &users[i].u;
	fail_msg("no user %s", name);
	return NULL;
}

static int setup(void **st)
{
	assert_true(sodium_init() >= 0);
	snprintf(path, sizeof path, "/tmp/zj-cases-%d.db", getpid());
	snprintf(clockfile, sizeof clockfile, "/tmp/zj-cases-clock-%d", getpid());
	snprintf(store, sizeof store, "/tmp/zj-cases-store-%d", getpid());
	const char *uri = getenv("ZJ_TEST_DB") && *getenv("ZJ_TEST_DB") ? getenv("ZJ_TEST_DB") : path;
	unlink(path);
	FILE *f = fopen(clockfile, "w");
	fputs("2025-10-31T02:00:00Z", f);
	fclose(f);
	setenv("ZJ_TEST_CLOCK", clockfile, 1);
	setenv("ZJ_EVIDENCE_DIR", store, 1);
	char err[256];
	assert_int_equal(db_open(uri, &d, err, sizeof err), DB_OK);
	modules_register();
	int n;
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	ctx_init(&c, d);
	assert_int_equal(org_seed(&c), DB_OK);
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		const char *p[] = {users[i].name, users[i].name, users[i].role, users[i].unit};
		assert_int_equal(
			db_run(d,
			       "INSERT INTO users (username, name, unit_id, jurisdiction_id, roles) SELECT ?, ?, u.id,"
			       " (SELECT id FROM jurisdictions WHERE code = '150200'), ? FROM units u WHERE u.code = ?",
			       4, p),
			DB_OK);
		assert_int_equal(duty_sync_from_lists(d), DB_OK); /* membership is the join table */
		const char *q[] = {users[i].name};
		assert_int_equal(auth_load_user(d, db_query_int(d, "SELECT id FROM users WHERE username = ?", 1, q, 0),
						&users[i].u),
				 0);
	}
	return 0;
}

static int teardown(void **st)
{
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		for (int k = 0; k < users[i].u.nperms; k++)
			free(users[i].u.perms[k].name);
		free(users[i].u.perms);
	}
	ctx_clear(&c);
	db_close(d);
	unlink(path);
	unlink(clockfile);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+w %s 2>/dev/null; rm -rf %s", store, store);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* ---- helpers: every call asserts its status; failures leave the problem in c ---- */

static const char *detail(void)
{
	return c.problem ? json_string_value(json_object_get(c.problem, "detail")) : "";
}

static int has_error(const char *field, const char *code)
{
	size_t i;
	json_t *e;
	json_array_foreach (json_object_get(c.problem, "errors"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "field")), field) &&
		    !strcmp(json_string_value(json_object_get(e, "code")), code))
			return 1;
	return 0;
}

static json_t *mk(const entity_def *e, const char *user, json_t *body, int expect)
{
	json_t *out = NULL;
	ctx_clear(&c);
	c.user = as(user);
	int st = crud_create(&c, e, body, &out);
	json_decref(body);
	if (st != expect)
		fail_msg("create %s as %s: %d, expected %d: %s", e->name, user, st, expect, json_dumps(c.problem, 0));
	return out;
}

static int64_t mk_id(const entity_def *e, const char *user, json_t *body)
{
	json_t *r = mk(e, user, body, 201);
	int64_t id = cs_int(r, "id");
	json_decref(r);
	return id;
}

static json_t *tr(const entity_def *e, int64_t id, const char *user, const char *name, json_t *body, int expect)
{
	json_t *out = NULL;
	ctx_clear(&c);
	c.user = as(user);
	int st = workflow_transition(&c, e, id, name, -1, body, &out);
	json_decref(body);
	if (st != expect)
		fail_msg("%s %s as %s: %d, expected %d: %s", e->name, name, user, st, expect,
			 c.problem ? json_dumps(c.problem, 0) : "");
	json_decref(out);
	return NULL;
}

static void patch(const entity_def *e, int64_t id, const char *user, json_t *body, int expect)
{
	ctx_clear(&c);
	c.user = NULL;
	json_t *cur = crud_load(&c, e, id), *out = NULL;
	c.user = as(user);
	int st = crud_update(&c, e, id, cs_int(cur, "version"), body, &out);
	if (st != expect)
		fail_msg("update %s as %s: %d, expected %d: %s", e->name, user, st, expect,
			 c.problem ? json_dumps(c.problem, 0) : "");
	json_decref(cur), json_decref(out), json_decref(body);
}

static json_t *load(const entity_def *e, int64_t id)
{
	zj_user *u = c.user;
	c.user = NULL;
	json_t *r = crud_load(&c, e, id);
	c.user = u;
	return r;
}

static int64_t juris(const char *code)
{
	const char *p[] = {code};
	return db_query_int(d, "SELECT id FROM jurisdictions WHERE code = ?", 1, p, 0);
}

static int64_t new_case(const char *title, const char *received)
{
	return mk_id(&cs_ent_cases, "handler",
		     json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "title", title, "kind", "product",
			       "source", "inspection", "received_on", received, "jurisdiction_id",
			       (json_int_t)juris("150203"), "party_name", "包头市某商贸有限公司", "party_type", "legal",
			       "summary", "监督检查发现涉嫌违法", "party_id_no", "150203198001011234", "party_phone",
			       "13904720000"));
}

/* The clock of `kind` as the clocks action reports it. */
static json_t *clock(const entity_def *e, int64_t id, const char *kind)
{
	action_result res = {0};
	ctx_clear(&c);
	c.user = as("director");
	assert_int_equal(cs_act_clocks(&c, e, id, NULL, NULL, &res), 200);
	json_t *found = NULL;
	size_t i;
	json_t *k;
	json_array_foreach (json_object_get(res.json, "clocks"), i, k)
		if (!found && !strcmp(json_string_value(json_object_get(k, "kind")), kind))
			found = json_incref(k);
	json_decref(res.json);
	if (!found)
		fail_msg("no clock %s", kind);
	return found;
}

static void assert_due(const entity_def *e, int64_t id, const char *kind, const char *due, const char *status)
{
	json_t *k = clock(e, id, kind);
	assert_string_equal(json_string_value(json_object_get(k, "due")), due);
	if (status)
		assert_string_equal(json_string_value(json_object_get(k, "status")), status);
	json_decref(k);
}

/* Renders a document as `user`; returns the HTML (caller frees) or NULL with the status in *st. */
static char *document(int64_t id, const char *user, const char *kind, const char *item, int *st)
{
	kv items[2] = {{"kind", kind}, {"item", item}};
	kv_list q = {item ? 2 : 1, items};
	action_result res = {0};
	ctx_clear(&c);
	c.user = as(user);
	*st = cs_act_document(&c, &cs_ent_cases, id, &q, NULL, &res);
	json_decref(res.json);
	return res.body;
}

/* ---- tests ---- */

/* DOMAIN §4: clue → filing → investigation → notice → decision → service →
 * payment (late, with the 3% surcharge) → publication → closure. */
static void test_case_from_clue_to_closure(void **st)
{
	int64_t id = new_case("某商贸公司销售不合格插座案", "2025-03-03");
	assert_due(&cs_ent_cases, id, "filing", "2025-03-24", "overdue");
	/* testing 03-05..03-11 is not counted: 5 working days later */
	mk_id(&cs_ent_periods, "handler",
	      json_pack("{s:I, s:s, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "testing", "start_on",
			"2025-03-05", "end_on", "2025-03-11", "reason", "送检"));
	assert_due(&cs_ent_cases, id, "filing", "2025-03-31", NULL);
	/* out of order: no decision on a clue */
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:s, s:I, s:s}", "decided_on", "2025-03-20", "penalty_kinds", "fine", "fine_fen",
		     (json_int_t)100, "decision_summary", "x"),
	   409);
	/* the handler proposes, only the director approves */
	tr(&cs_ent_cases, id, "handler", "request_filing",
	   json_pack("{s:s, s:s}", "cause", "销售不合格产品", "filing_opinion", "建议立案"), 200);
	tr(&cs_ent_cases, id, "handler", "approve_filing", json_pack("{s:s}", "filed_on", "2025-03-20"), 403);
	tr(&cs_ent_cases, id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-03-02"),
	   422); /* before the clue */
	assert_true(has_error("filed_on", "order"));
	tr(&cs_ent_cases, id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-03-20"), 200);
	json_t *row = load(&cs_ent_cases, id);
	assert_string_equal(cs_str(row, "case_no"), "包质监立字〔2025〕第1号");
	json_decref(row);
	assert_due(&cs_ent_cases, id, "filing", "2025-03-31", "met");
	assert_due(&cs_ent_cases, id, "decision", "2025-06-18", NULL); /* 90 days from 03-20 */
	/* a fine below zero, or not in fen, is refused */
	tr(&cs_ent_cases, id, "handler", "finish_investigation",
	   json_pack("{s:s, s:s, s:s, s:[s], s:i, s:i}", "report_on", "2025-04-20", "findings", "f", "legal_basis",
		     "产品质量法第四十九条", "penalty_kinds", "fine", "proposed_fine_fen", -1, "confiscation_fen", 0),
	   422);
	assert_true(has_error("proposed_fine_fen", "range"));
	tr(&cs_ent_cases, id, "handler", "finish_investigation",
	   json_pack("{s:s, s:s, s:s, s:[s], s:s, s:i}", "report_on", "2025-04-20", "findings", "f", "legal_basis", "b",
		     "penalty_kinds", "fine", "proposed_fine_fen", "12.50", "confiscation_fen", 0),
	   422);
	assert_true(has_error("proposed_fine_fen", "type"));
	tr(&cs_ent_cases, id, "handler", "finish_investigation",
	   json_pack("{s:s, s:s, s:s, s:[s], s:I, s:i}", "report_on", "2025-04-20", "findings",
		     "当事人销售不合格插座200只", "legal_basis", "《产品质量法》第四十九条", "penalty_kinds", "fine",
		     "proposed_fine_fen", (json_int_t)2000000, "confiscation_fen", 0),
	   200);
	/* 20,000 yuan for a legal person: no hearing right, no mandatory review: notice straight away */
	tr(&cs_ent_cases, id, "handler", "notify", json_pack("{s:s}", "notice_served_on", "2025-05-06"), 200);
	assert_due(&cs_ent_cases, id, "statement", "2025-05-13", "elapsed"); /* 05-07, 08, 09, 12, 13 */
	/* a decision inside the party's 5 working days is refused, citing Art. 62 */
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:[s], s:I, s:s}", "decided_on", "2025-05-13", "penalty_kinds", "fine", "fine_fen",
		     (json_int_t)2000000, "decision_summary", "罚款2万元"),
	   409);
	assert_non_null(strstr(detail(), "第六十二条"));
	/* a heavier fine than the one notified is refused */
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:[s], s:I, s:s}", "decided_on", "2025-05-14", "penalty_kinds", "fine", "fine_fen",
		     (json_int_t)3000000, "decision_summary", "罚款3万元"),
	   409);
	assert_non_null(strstr(detail(), "第四十五条第二款"));
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:[s], s:I, s:s}", "decided_on", "2025-05-14", "penalty_kinds", "fine", "fine_fen",
		     (json_int_t)2000000, "decision_summary", "罚款2万元"),
	   200);
	row = load(&cs_ent_cases, id);
	assert_string_equal(cs_str(row, "decision_no"), "包质监罚字〔2025〕第1号");
	json_decref(row);
	assert_due(&cs_ent_cases, id, "decision", "2025-06-18", "met");
	/* the party's data is frozen by the decision */
	patch(&cs_ent_cases, id, "handler", json_pack("{s:s}", "party_name", "别人"), 422);
	assert_true(has_error("party_name", "locked"));
	tr(&cs_ent_cases, id, "handler", "serve",
	   json_pack("{s:s, s:s}", "served_on", "2025-05-13", "service_method", "direct"), 422);
	tr(&cs_ent_cases, id, "handler", "serve",
	   json_pack("{s:s, s:s}", "served_on", "2025-05-15", "service_method", "direct"), 200);
	assert_due(&cs_ent_cases, id, "service", "2025-05-23", "met");     /* 7 WD from 05-14 */
	assert_due(&cs_ent_cases, id, "payment", "2025-05-30", "overdue"); /* 15 days from 05-15 */
	/* paid 10 days late: 20,000 + 10 × 3% × 20,000 = 26,000 yuan */
	tr(&cs_ent_cases, id, "handler", "record_payment",
	   json_pack("{s:s, s:I}", "paid_on", "2025-06-09", "paid_fen", (json_int_t)2000000), 409);
	assert_non_null(strstr(detail(), "26,000.00"));
	tr(&cs_ent_cases, id, "handler", "record_payment",
	   json_pack("{s:s, s:I}", "paid_on", "2025-06-09", "paid_fen", (json_int_t)2600000), 200);
	row = load(&cs_ent_cases, id);
	assert_int_equal(cs_int(row, "late_fee_fen"), 600000);
	json_decref(row);
	assert_due(&cs_ent_cases, id, "payment", "2025-05-30", "late");
	/* closing needs the publication (信息公示规定 Art. 9) */
	tr(&cs_ent_cases, id, "director", "close",
	   json_pack("{s:s, s:s}", "closed_on", "2025-06-20", "closure_summary", "结案"), 409);
	assert_non_null(strstr(detail(), "公示"));
	patch(&cs_ent_cases, id, "handler", json_pack("{s:s}", "published_on", "2025-06-10"), 200);
	assert_due(&cs_ent_cases, id, "publication", "2025-06-12", "met"); /* 20 WD from 05-14 (端午 05-31..06-02) */
	tr(&cs_ent_cases, id, "director", "close",
	   json_pack("{s:s, s:s}", "closed_on", "2025-06-20", "closure_summary", "结案"), 200);
	/* closed: nothing changes any more, and no deadline stays open */
	patch(&cs_ent_cases, id, "handler", json_pack("{s:s}", "officers", "x"), 422);
	char idt[24];
	CS_ID(idt, id);
	const char *p[] = {idt};
	assert_int_equal(
		db_query_int(
			d,
			"SELECT COUNT(*) FROM deadlines WHERE entity = 'cases' AND entity_id = ? AND closed_at IS NULL",
			1, p, -1),
		0);
	/* the documents come out numbered and printable */
	int s;
	char *html = document(id, "handler", "decision", NULL, &s);
	assert_int_equal(s, 200);
	assert_non_null(strstr(html, "包质监罚字〔2025〕第1号"));
	assert_non_null(strstr(html, "150203198001011234")); /* the handler holds cases.personal */
	free(html);
	html = document(id, "legal", "decision", NULL, &s);
	assert_null(strstr(html, "150203198001011234")); /* masked for the legal reviewer */
	assert_non_null(strstr(html, "150***********1234"));
	free(html);
	html = document(id, "handler", "prior_notice", NULL, &s);
	assert_non_null(strstr(html, "包质监罚告字〔2025〕第1号"));
	assert_non_null(strstr(html, "截至2025年5月13日")); /* the statement deadline printed */
	free(html);
	html = document(id, "handler", "hearing_notice", NULL, &s);
	assert_null(html);
	assert_int_equal(s, 409);
}

/* The major case: no decision without the consultation (the bureau's rule),
 * quorum, dissent carried to the case, collective discussion (Art. 57). */
static void test_major_case_consultation(void **st)
{
	int64_t id = new_case("某肉业公司销售病死畜肉案", "2025-08-01");
	int64_t other = new_case("某店无关案件", "2025-08-01");
	tr(&cs_ent_cases, id, "handler", "request_filing", json_pack("{s:s, s:s}", "cause", "c", "filing_opinion", "o"),
	   200);
	tr(&cs_ent_cases, id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-08-04"), 200);
	tr(&cs_ent_cases, id, "handler", "finish_investigation",
	   json_pack("{s:s, s:s, s:s, s:[s, s], s:I, s:i}", "report_on", "2025-09-01", "findings", "f", "legal_basis",
		     "食品安全法第一百二十三条", "penalty_kinds", "fine", "revoke_licence", "proposed_fine_fen",
		     (json_int_t)60000000, "confiscation_fen", 0),
	   200);
	json_t *row = load(&cs_ent_cases, id);
	assert_true(cs_bool(row, "is_major"));
	assert_non_null(strstr(cs_str(row, "major_reasons"), "吊销许可证件"));
	json_decref(row);
	/* Art. 58: a major case goes to legal review before the notice */
	tr(&cs_ent_cases, id, "handler", "notify", json_pack("{s:s}", "notice_served_on", "2025-09-02"), 409);
	assert_non_null(strstr(detail(), "第五十八条"));
	tr(&cs_ent_cases, id, "handler", "send_review", json_pack("{s:s}", "review_sent_on", "2025-09-02"), 200);
	tr(&cs_ent_cases, id, "handler", "review_pass",
	   json_pack("{s:s, s:s}", "reviewed_on", "2025-09-05", "legal_opinion", "同意"), 403);
	tr(&cs_ent_cases, id, "legal", "review_pass",
	   json_pack("{s:s, s:s}", "reviewed_on", "2025-09-05", "legal_opinion", "同意"), 200);
	assert_due(&cs_ent_cases, id, "legal_review", "2025-09-16", "met"); /* 10 WD from 09-02 */
	tr(&cs_ent_cases, id, "handler", "notify", json_pack("{s:s}", "notice_served_on", "2025-09-08"), 200);
	/* the decision is refused: no consultation, citing the rule */
	tr(&cs_ent_cases, id, "director", "discuss",
	   json_pack("{s:s, s:s, s:s}", "discussion_on", "2025-09-22", "discussion_participants", "p",
		     "discussion_conclusion", "c"),
	   409);
	assert_non_null(strstr(detail(), "会商"));
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:[s], s:I, s:s}", "decided_on", "2025-09-23", "penalty_kinds", "fine", "fine_fen",
		     (json_int_t)60000000, "decision_summary", "s"),
	   409);
	assert_string_equal(json_string_value(json_object_get(c.problem, "rule")),
			    "包头市重大行政处罚案件会商制度；办案规则配置");
	/* the handler convenes; the five agencies are invited */
	int64_t k = mk_id(&cs_ent_consultations, "handler",
			  json_pack("{s:I, s:s, s:s, s:s}", "case_id", (json_int_t)id, "subject", "会商", "convened_on",
				    "2025-09-10", "meeting_on", "2025-09-12"));
	char kt[24];
	CS_ID(kt, k);
	const char *kp[] = {kt};
	assert_int_equal(db_query_int(d, "SELECT COUNT(*) FROM case_referrals WHERE consultation_id = ?", 1, kp, 0), 5);
	/* an agency member reads only the referred case */
	kv none_items[1];
	kv_list none = {0, none_items};
	json_t *out = NULL;
	ctx_clear(&c);
	c.user = as("fgw");
	assert_int_equal(crud_list(&c, &cs_ent_cases, &none, &out), 200);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
	assert_int_equal(cs_int(json_array_get(json_object_get(out, "items"), 0), "id"), id);
	/* the party's identifiers stay masked for the agency */
	assert_string_equal(cs_str(json_array_get(json_object_get(out, "items"), 0), "party_id_no"),
			    "150***********1234");
	json_decref(out);
	assert_int_equal(crud_get(&c, &cs_ent_cases, other, &out), 403);
	assert_int_equal(crud_get(&c, &cs_ent_cases, id, &out), 200);
	json_decref(out);
	ctx_clear(&c);
	/* early involvement (提前介入): the police follow the other case before any consultation */
	c.user = as("ga");
	assert_int_equal(crud_get(&c, &cs_ent_cases, other, &out), 403);
	ctx_clear(&c);
	mk_id(&cs_ent_referrals, "handler",
	      json_pack("{s:I, s:I, s:s, s:s}", "case_id", (json_int_t)other, "unit_id",
			(json_int_t)db_query_int(d, "SELECT id FROM units WHERE code = 'AG-GA'", 0, NULL, 0), "kind",
			"early", "invited_on", "2025-09-10"));
	c.user = as("ga");
	assert_int_equal(crud_get(&c, &cs_ent_cases, other, &out), 200);
	json_decref(out);
	c.user = as("fgw");
	assert_int_equal(crud_get(&c, &cs_ent_cases, other, &out), 403);
	ctx_clear(&c);
	/* the agency cannot change the case, and a unit not invited cannot sign */
	patch(&cs_ent_cases, id, "fgw", json_pack("{s:s}", "officers", "x"), 403);
	mk(&cs_ent_opinions, "stranger", json_pack("{s:I, s:s}", "consultation_id", (json_int_t)k, "opinion", "agree"),
	   422);
	assert_true(has_error("consultation_id", "ref")); /* not even referenced: outside the stranger's scope */
	/* opinions: reasons are required for a dissent; one per agency */
	mk_id(&cs_ent_opinions, "fgw", json_pack("{s:I, s:s}", "consultation_id", (json_int_t)k, "opinion", "agree"));
	mk(&cs_ent_opinions, "fgw", json_pack("{s:I, s:s}", "consultation_id", (json_int_t)k, "opinion", "agree"), 422);
	assert_true(has_error("unit_id", "unique"));
	mk(&cs_ent_opinions, "sw", json_pack("{s:I, s:s}", "consultation_id", (json_int_t)k, "opinion", "disagree"),
	   422);
	assert_true(has_error("reasons", "required"));
	int64_t sw = mk_id(&cs_ent_opinions, "sw",
			   json_pack("{s:I, s:s, s:s}", "consultation_id", (json_int_t)k, "opinion", "disagree",
				     "reasons", "应从轻处罚"));
	patch(&cs_ent_opinions, sw, "fgw", json_pack("{s:s}", "reasons", "篡改"), 422); /* not your unit's opinion */
	tr(&cs_ent_consultations, k, "handler", "hold", json_pack("{s:s}", "held_on", "2025-09-12"), 200);
	/* 2 of 5 signed: the quorum (60% → 3) is not reached */
	tr(&cs_ent_consultations, k, "handler", "conclude", json_pack("{s:s}", "conclusion", "多数同意"), 409);
	assert_non_null(strstr(detail(), "法定人数"));
	mk_id(&cs_ent_opinions, "jc",
	      json_pack("{s:I, s:s, s:s, s:s}", "consultation_id", (json_int_t)k, "opinion", "amend", "reasons",
			"依据不足", "amendment", "补充证据"));
	tr(&cs_ent_consultations, k, "handler", "conclude", json_pack("{s:s}", "conclusion", "多数同意"), 200);
	/* concluded: no more opinions */
	mk(&cs_ent_opinions, "ga", json_pack("{s:I, s:s}", "consultation_id", (json_int_t)k, "opinion", "agree"), 422);
	row = load(&cs_ent_cases, id);
	assert_non_null(strstr(cs_str(row, "consultation_dissent"), "包头市商务局：不同意"));
	assert_non_null(strstr(cs_str(row, "consultation_dissent"), "修改意见：补充证据"));
	assert_non_null(strstr(cs_str(row, "consultation_outcome"), "同意1，修改1，不同意1"));
	json_decref(row);
	/* Art. 57(2): a major case is decided by collective discussion */
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:[s], s:I, s:s}", "decided_on", "2025-09-23", "penalty_kinds", "fine", "fine_fen",
		     (json_int_t)60000000, "decision_summary", "s"),
	   409);
	assert_non_null(strstr(detail(), "第五十七条"));
	tr(&cs_ent_cases, id, "director", "discuss",
	   json_pack("{s:s, s:s, s:s}", "discussion_on", "2025-09-22", "discussion_participants", "局领导",
		     "discussion_conclusion", "维持"),
	   200);
	tr(&cs_ent_cases, id, "director", "decide",
	   json_pack("{s:s, s:[s, s], s:I, s:s}", "decided_on", "2025-09-23", "penalty_kinds", "fine", "revoke_licence",
		     "fine_fen", (json_int_t)60000000, "decision_summary", "罚款并吊销许可证"),
	   200);
	/* the minutes come from the record: every agency, the dissent, the unsigned */
	int s;
	char *html = document(id, "fgw", "consultation_minutes", NULL, &s);
	assert_int_equal(s, 200);
	assert_non_null(strstr(html, "应从轻处罚"));
	assert_non_null(strstr(html, "未签署意见"));
	assert_non_null(strstr(html, "包头市公安局"));
	free(html);
	html = document(id, "director", "discussion_record", NULL, &s);
	assert_non_null(strstr(html, "包头市商务局：不同意"));
	free(html);
}

/* Hearing: requested within 5 working days, noticed 7 working days ahead (Arts. 63, 64, 85). */
static void test_hearing_rules(void **st)
{
	int64_t id = new_case("某粮油公司生产不合格食用油案", "2025-08-20");
	tr(&cs_ent_cases, id, "handler", "request_filing", json_pack("{s:s, s:s}", "cause", "c", "filing_opinion", "o"),
	   200);
	tr(&cs_ent_cases, id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-08-21"), 200);
	tr(&cs_ent_cases, id, "handler", "finish_investigation",
	   json_pack("{s:s, s:s, s:s, s:[s], s:I, s:i}", "report_on", "2025-09-10", "findings", "f", "legal_basis", "b",
		     "penalty_kinds", "fine", "proposed_fine_fen", (json_int_t)15000000, "confiscation_fen", 0),
	   200);
	tr(&cs_ent_cases, id, "handler", "send_review", json_pack("{s:s}", "review_sent_on", "2025-09-11"), 200);
	tr(&cs_ent_cases, id, "legal", "review_pass",
	   json_pack("{s:s, s:s}", "reviewed_on", "2025-09-15", "legal_opinion", "同意"), 200);
	tr(&cs_ent_cases, id, "handler", "notify", json_pack("{s:s}", "notice_served_on", "2025-09-19"), 200);
	/* the 5 WD from Fri 09-19: 22, 23, 24, 25, 26 → a request on 09-29 is late */
	tr(&cs_ent_cases, id, "handler", "request_hearing", json_pack("{s:s}", "hearing_requested_on", "2025-09-29"),
	   409);
	assert_non_null(strstr(detail(), "2025-09-26"));
	tr(&cs_ent_cases, id, "handler", "request_hearing", json_pack("{s:s}", "hearing_requested_on", "2025-09-26"),
	   200);
	/* noticed Fri 09-26: a hearing on 10-10 is only 5 working days later (National Day) */
	tr(&cs_ent_cases, id, "handler", "schedule_hearing",
	   json_pack("{s:s, s:s, s:s}", "hearing_notice_on", "2025-09-26", "hearing_on", "2025-10-10", "hearing_place",
		     "听证室"),
	   409);
	assert_non_null(strstr(detail(), "2025-10-13"));
	/* while the hearing runs the decision clock is paused */
	json_t *k = clock(&cs_ent_cases, id, "decision");
	assert_string_equal(json_string_value(json_object_get(k, "status")), "paused");
	json_decref(k);
	tr(&cs_ent_cases, id, "handler", "schedule_hearing",
	   json_pack("{s:s, s:s, s:s}", "hearing_notice_on", "2025-09-26", "hearing_on", "2025-10-13", "hearing_place",
		     "<听证室>"),
	   200);
	tr(&cs_ent_cases, id, "handler", "hold_hearing",
	   json_pack("{s:s, s:s}", "hearing_held_on", "2025-10-13", "hearing_summary", "无异议"), 200);
	/* filed 08-21 + 90 days = 11-19, plus the hearing 09-26..10-13 (18 days) → 12-07 */
	assert_due(&cs_ent_cases, id, "decision", "2025-12-07", "running");
	int s;
	char *html = document(id, "handler", "hearing_notice", NULL, &s);
	assert_non_null(strstr(html, "&lt;听证室&gt;"));
	assert_non_null(strstr(html, "包质监听告字〔2025〕第"));
	free(html);
}

/* Extensions (程序规定 Arts. 18, 64) and the seizure term (行政强制法 Art. 25). */
static void test_extensions_and_measures(void **st)
{
	int64_t id = new_case("某企业延期案", "2025-10-01");
	json_t *b = json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "filing", "days", 16,
			      "approved_on", "2025-10-20", "approver", "王局长", "reason", "需要检验");
	mk(&cs_ent_extensions, "director", b, 422);
	assert_true(has_error("days", "range"));
	mk(&cs_ent_extensions, "handler",
	   json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "filing", "days", 15,
		     "approved_on", "2025-10-20", "approver", "x", "reason", "r"),
	   403);
	mk_id(&cs_ent_extensions, "director",
	      json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "filing", "days", 15,
			"approved_on", "2025-10-20", "approver", "王局长", "reason", "需要检验"));
	/* 10-01 + 30 WD: 国庆 10-01..08 off, 09 (1), 10 (2), Sat 11 make-up (3), 13..17 (8), 20..24 (13),
	 * 27..31 (18), 11-03..07 (23), 10..14 (28), 17 (29), 18 (30) */
	assert_due(&cs_ent_cases, id, "filing", "2025-11-18", "running");
	mk(&cs_ent_extensions, "director",
	   json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "filing", "days", 5,
		     "approved_on", "2025-10-21", "approver", "王局长", "reason", "again"),
	   422);
	assert_true(has_error("kind", "once"));
	mk(&cs_ent_extensions, "director",
	   json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "decision", "days", 30,
		     "approved_on", "2025-10-21", "approver", "王局长", "reason", "r"),
	   422); /* not filed yet */
	tr(&cs_ent_cases, id, "handler", "request_filing", json_pack("{s:s, s:s}", "cause", "c", "filing_opinion", "o"),
	   200);
	tr(&cs_ent_cases, id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-10-22"), 200);
	mk(&cs_ent_extensions, "director",
	   json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "decision_further", "days",
		     60, "approved_on", "2025-10-23", "approver", "王局长", "reason", "r"),
	   422);
	assert_true(has_error("kind", "order"));
	mk_id(&cs_ent_extensions, "director",
	      json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "decision", "days", 30,
			"approved_on", "2025-10-23", "approver", "王局长", "reason", "案情复杂"));
	assert_due(&cs_ent_cases, id, "decision", "2026-02-19", NULL); /* 10-22 + 120 days */
	/* seizure: 30 days, extended once by at most 30 */
	int64_t m = mk_id(&cs_ent_measures, "handler",
			  json_pack("{s:I, s:s, s:s, s:s}", "case_id", (json_int_t)id, "kind", "seizure", "items",
				    "插座200只", "decided_on", "2025-10-22"));
	json_t *row = load(&cs_ent_measures, m);
	assert_string_equal(cs_str(row, "ends_on"), "2025-11-21");
	json_decref(row);
	tr(&cs_ent_measures, m, "director", "extend",
	   json_pack("{s:s, s:i, s:s}", "extended_on", "2025-10-30", "extension_days", 31, "extension_reason", "r"),
	   422);
	tr(&cs_ent_measures, m, "handler", "extend",
	   json_pack("{s:s, s:i, s:s}", "extended_on", "2025-10-30", "extension_days", 30, "extension_reason", "r"),
	   403);
	tr(&cs_ent_measures, m, "director", "extend",
	   json_pack("{s:s, s:i, s:s}", "extended_on", "2025-10-30", "extension_days", 30, "extension_reason", "检验"),
	   200);
	row = load(&cs_ent_measures, m);
	assert_string_equal(cs_str(row, "ends_on"), "2025-12-21");
	json_decref(row);
	tr(&cs_ent_measures, m, "director", "extend",
	   json_pack("{s:s, s:i, s:s}", "extended_on", "2025-10-31", "extension_days", 10, "extension_reason", "r"),
	   409);
	assert_due(&cs_ent_cases, id, "measure", "2025-12-21", "running");
}

/* Complaints: masking, the public form, acceptance, mediation, a report becoming a clue. */
static void test_complaints_and_masking(void **st)
{
	const public_endpoint *pub = registry_public("complaints", "POST");
	assert_non_null(pub);
	action_result res = {0};
	ctx_clear(&c);
	c.user = NULL;
	json_t *b = json_pack("{s:s, s:s, s:s}", "kind", "complaint", "respondent_name", "某店", "x", "1");
	assert_int_equal(pub->fn(&c, NULL, b, &res), 422);
	json_decref(b);
	ctx_clear(&c);
	/* a complaint must name the complainant (Art. 9) */
	b = json_pack("{s:s, s:s, s:s}", "kind", "complaint", "respondent_name", "某店", "facts", "f");
	assert_int_equal(pub->fn(&c, NULL, b, &res), 422);
	assert_true(has_error("complainant_name", "required"));
	json_decref(b);
	ctx_clear(&c);
	b = json_pack("{s:s, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "complaint", "also_report", 1,
		      "complainant_name", "张三丰", "complainant_phone", "13912345678", "complainant_address",
		      "青山区<b>幸福路</b>", "respondent_name", "<script>某店</script>", "facts",
		      "张三丰在该店买到过期食品，电话13912345678", "request", "退款", "jurisdiction_code", "150204");
	/* 投诉举报处理暂行办法 Art. 9: a complaint names the respondent's address too */
	assert_int_equal(pub->fn(&c, NULL, b, &res), 422);
	assert_true(has_error("respondent_address", "required"));
	ctx_clear(&c);
	json_object_set_new(b, "respondent_address", json_string("东河区某路1号"));
	assert_int_equal(pub->fn(&c, NULL, b, &res), 201);
	json_decref(b);
	char *txt = json_dumps(res.json, 0);
	assert_null(strstr(txt, "张三丰")); /* the answer never echoes personal data */
	assert_null(strstr(txt, "13912345678"));
	free(txt);
	const char *p1[] = {json_string_value(json_object_get(res.json, "tracking_no"))};
	int64_t comp = db_query_int(d, "SELECT id FROM complaints WHERE tracking_no = ?", 1, p1, 0);
	const char *p2[] = {json_string_value(json_object_get(res.json, "report_tracking_no"))};
	int64_t rep = db_query_int(d, "SELECT id FROM complaints WHERE tracking_no = ?", 1, p2, 0);
	assert_true(comp > 0 && rep > 0);
	json_decref(res.json);
	/* masked for the service desk and the director; the handler sees it and the read is audited */
	json_t *out = NULL;
	ctx_clear(&c);
	c.user = as("service");
	assert_int_equal(crud_get(&c, &cs_ent_complaints, comp, &out), 200);
	assert_string_equal(cs_str(out, "complainant_name"), "张**");
	assert_string_equal(cs_str(out, "complainant_phone"), "139****5678");
	json_decref(out);
	c.user = as("director");
	kv items[1] = {{"kind", "complaint"}};
	kv_list q = {1, items};
	assert_int_equal(crud_list(&c, &cs_ent_complaints, &q, &out), 200);
	txt = json_dumps(out, 0);
	assert_null(strstr(txt, "张三丰"));
	free(txt);
	json_decref(out);
	int64_t audits =
		db_query_int(d,
			     "SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal' AND entity = 'complaints'",
			     0, NULL, 0);
	c.user = as("handler");
	assert_int_equal(crud_get(&c, &cs_ent_complaints, comp, &out), 200);
	assert_string_equal(cs_str(out, "complainant_name"), "张三丰");
	json_decref(out);
	assert_int_equal(
		db_query_int(d,
			     "SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal' AND entity = 'complaints'",
			     0, NULL, 0),
		audits + 1);
	/* the service desk sees the name masked: saving a form sends the mask back, which the core
	 * reads as "unchanged" (the name stays); a different value is refused by the area's guard */
	patch(&cs_ent_complaints, comp, "service", json_pack("{s:s}", "complainant_name", "张**"), 200);
	patch(&cs_ent_complaints, comp, "service", json_pack("{s:s}", "complainant_name", "李四"), 422);
	assert_true(has_error("complainant_name", "personal"));
	patch(&cs_ent_complaints, comp, "service", json_pack("{s:s}", "handling_note", "已电话联系张三丰"), 200);
	json_t *chk = load(&cs_ent_complaints, comp);
	assert_string_equal(cs_str(chk, "complainant_name"), "张三丰");
	assert_string_equal(cs_str(chk, "handling_note"), "已电话联系【投诉举报人】"); /* free text keeps no identity */
	json_decref(chk);
	/* a report is not accepted as a complaint; a complaint is not a clue */
	tr(&cs_ent_complaints, rep, "service", "accept", json_pack("{s:s}", "decided_on", "2025-10-31"), 409);
	tr(&cs_ent_complaints, comp, "service", "to_clue", NULL, 409);
	/* acceptance within 7 WD of 10-31; mediation needs consent */
	assert_due(&cs_ent_complaints, comp, "accept", "2025-11-11", "running");
	tr(&cs_ent_complaints, comp, "service", "accept", json_pack("{s:s}", "decided_on", "2025-10-31"), 200);
	tr(&cs_ent_complaints, comp, "handler", "start_mediation", json_pack("{s:b}", "mediation_consent", 0), 409);
	tr(&cs_ent_complaints, comp, "handler", "start_mediation", json_pack("{s:b}", "mediation_consent", 1), 200);
	/* 45 WD from Fri 10-31: 11-03..28 (20), 12-01..31 (43), 2026-01-01..03 off,
	 * Sun 01-04 make-up (44), Mon 01-05 (45) */
	assert_due(&cs_ent_complaints, comp, "mediation", "2026-01-05", "running");
	/* the report becomes a clue without the reporter's identity */
	tr(&cs_ent_complaints, rep, "service", "to_clue", NULL, 200);
	json_t *r = load(&cs_ent_complaints, rep);
	int64_t case_id = cs_int(r, "case_id");
	json_decref(r);
	json_t *cs = load(&cs_ent_cases, case_id);
	assert_null(strstr(cs_str(cs, "summary"), "张三丰"));
	assert_null(strstr(cs_str(cs, "summary"), "13912345678"));
	assert_string_equal(cs_str(cs, "state"), "clue");
	json_decref(cs);
	assert_due(&cs_ent_cases, case_id, "filing", "2025-11-21", "running"); /* 15 WD from 10-31 */
	/* no document of the case names the reporter, and markup stays text */
	tr(&cs_ent_cases, case_id, "handler", "request_filing",
	   json_pack("{s:s, s:s}", "cause", "<img src=x onerror=alert(1)>", "filing_opinion", "o"), 200);
	int s;
	char *html = document(case_id, "handler", "filing_approval", NULL, &s);
	assert_int_equal(s, 200);
	assert_null(strstr(html, "张三丰"));
	assert_null(strstr(html, "13912345678"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_non_null(strstr(html, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(html, "&lt;script&gt;某店&lt;/script&gt;"));
	free(html);
	/* the named reporter is told within 5 WD of the filing decision, not before it */
	tr(&cs_ent_complaints, rep, "handler", "inform_reporter",
	   json_pack("{s:s}", "reporter_informed_on", "2025-10-31"), 409);
	tr(&cs_ent_cases, case_id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-10-31"), 200);
	assert_due(&cs_ent_complaints, rep, "inform_reporter", "2025-11-07", "running");
	tr(&cs_ent_complaints, rep, "handler", "close_report", NULL, 409);
	tr(&cs_ent_complaints, rep, "handler", "inform_reporter",
	   json_pack("{s:s}", "reporter_informed_on", "2025-10-31"), 200);
}

/* Evidence: stored by SHA-256, a mismatch refused, never replaced, tampering found. */
static void test_evidence(void **st)
{
	int64_t id = new_case("某证据案", "2025-10-20");
	const entity_action *up = entity_find_action(&cs_ent_evidence, "upload", "POST", 0);
	const entity_action *ver = entity_find_action(&cs_ent_evidence, "verify", "GET", 1);
	assert_non_null(up);
	char wrong[65];
	memset(wrong, 'a', 64), wrong[64] = 0;
	/* base64 of "photo bytes" */
	json_t *b = json_pack("{s:s, s:s, s:I, s:s, s:s}", "content_base64", "cGhvdG8gYnl0ZXM=", "sha256", wrong,
			      "case_id", (json_int_t)id, "title", "现场照片", "kind", "photo");
	action_result res = {0};
	ctx_clear(&c);
	c.user = as("handler");
	assert_int_equal(up->fn(&c, &cs_ent_evidence, 0, NULL, b, &res), 422);
	assert_true(has_error("sha256", "hash"));
	json_object_del(b, "sha256");
	ctx_clear(&c);
	assert_int_equal(up->fn(&c, &cs_ent_evidence, 0, NULL, b, &res), 201);
	json_decref(b);
	int64_t ev = cs_int(res.json, "id");
	char sha[65];
	snprintf(sha, sizeof sha, "%s", cs_str(res.json, "sha256"));
	assert_int_equal(cs_int(res.json, "size"), 11);
	assert_int_equal(cs_int(res.json, "seq"), 1);
	json_decref(res.json);
	/* registering a hash that is not in the store, or replacing the file, is refused */
	mk(&cs_ent_evidence, "handler",
	   json_pack("{s:I, s:s, s:s, s:s}", "case_id", (json_int_t)id, "title", "t", "kind", "photo", "sha256", wrong),
	   422);
	assert_true(has_error("sha256", "hash"));
	patch(&cs_ent_evidence, ev, "handler", json_pack("{s:s}", "sha256", wrong), 422);
	assert_true(has_error("sha256", "immutable"));
	patch(&cs_ent_evidence, ev, "handler", json_pack("{s:s}", "description", "证明销售事实"), 200);
	/* the hash appears in the documents that cite the item */
	tr(&cs_ent_cases, id, "handler", "request_filing", json_pack("{s:s, s:s}", "cause", "c", "filing_opinion", "o"),
	   200);
	tr(&cs_ent_cases, id, "director", "approve_filing", json_pack("{s:s}", "filed_on", "2025-10-21"), 200);
	tr(&cs_ent_cases, id, "handler", "finish_investigation",
	   json_pack("{s:s, s:s, s:s, s:[s], s:I, s:i}", "report_on", "2025-10-31", "findings", "f", "legal_basis", "b",
		     "penalty_kinds", "fine", "proposed_fine_fen", (json_int_t)100000, "confiscation_fen", 0),
	   200);
	/* the report is dated the day the item was registered: a report of 10-30
	 * would not list it (issue 12 point 12) */
	int s;
	char *html = document(id, "handler", "investigation_report", NULL, &s);
	assert_non_null(strstr(html, sha));
	free(html);
	/* tampering with the stored file (its chunk in the database) is detected,
	 * and the file is never overwritten */
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE file_chunks SET data = CAST('forged' AS BLOB) WHERE sha256 = '%s'", sha);
	assert_int_equal(db_exec(c.db, sql), DB_OK);
	ctx_clear(&c);
	assert_int_equal(ver->fn(&c, &cs_ent_evidence, ev, NULL, NULL, &res), 200);
	assert_false(json_is_true(json_object_get(res.json, "intact")));
	json_decref(res.json);
	b = json_pack("{s:s}", "content_base64", "cGhvdG8gYnl0ZXM=");
	assert_int_equal(up->fn(&c, &cs_ent_evidence, 0, NULL, b, &res), 409);
	json_decref(b);
}

/* The dashboard widget lists overdue and near-due clocks within the reader's scope. */
static void test_widget_and_stats(void **st)
{
	int64_t late = new_case("某超期线索", "2025-09-01");
	ctx_clear(&c);
	c.user = as("handler");
	json_t *w = cs_deadline_widget(&c);
	assert_non_null(w);
	int found = 0;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(w, "items"), i, it)
		found |= cs_int(it, "id") == late && json_is_true(json_object_get(it, "overdue"));
	assert_true(found);
	assert_true(json_integer_value(json_object_get(w, "overdue")) >= 1);
	json_decref(w);
	c.user = as("fgw"); /* the agency sees only what was referred to it */
	w = cs_deadline_widget(&c);
	json_array_foreach (json_object_get(w, "items"), i, it)
		assert_int_not_equal(cs_int(it, "id"), late);
	json_decref(w);
	c.user = as("service");
	w = cs_deadline_widget(&c);
	json_array_foreach (json_object_get(w, "items"), i, it)
		assert_string_equal(cs_str(it, "entity"), "complaints");
	json_decref(w);
	/* statistics for the leadership report */
	kv items[2] = {{"from", "2025-01-01"}, {"to", "2025-12-31"}};
	kv_list q = {2, items};
	action_result res = {0};
	c.user = as("director");
	assert_int_equal(cs_act_stats(&c, &cs_ent_cases, 0, &q, NULL, &res), 200);
	json_t *k = json_object_get(res.json, "cases");
	assert_true(json_integer_value(json_object_get(k, "total")) >= 6);
	assert_int_equal(json_integer_value(json_object_get(k, "fines_imposed_fen")), 2000000 + 60000000);
	assert_int_equal(json_integer_value(json_object_get(k, "fines_collected_fen")), 2600000);
	assert_int_equal(json_integer_value(json_object_get(k, "consultations_held")), 1);
	assert_int_equal(json_integer_value(json_object_get(k, "consultations_with_dissent")), 1);
	json_t *filing = json_object_get(json_object_get(k, "on_time"), "filing");
	assert_non_null(filing);
	assert_true(json_integer_value(json_object_get(filing, "on_time")) >= 1);
	assert_non_null(json_object_get(json_object_get(k, "on_time"), "payment"));
	assert_int_equal(json_integer_value(
				 json_object_get(json_object_get(json_object_get(k, "on_time"), "payment"), "late")),
			 1);
	json_decref(res.json);
	ctx_clear(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_from_clue_to_closure),
		cmocka_unit_test(test_major_case_consultation),
		cmocka_unit_test(test_hearing_rules),
		cmocka_unit_test(test_extensions_and_measures),
		cmocka_unit_test(test_complaints_and_masking),
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_widget_and_stats),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
