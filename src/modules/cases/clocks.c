/* clocks.c — every legal clock of a case and of a complaint, computed from
 * the record's own dates on the one working-day calendar, with the periods
 * that do not count taken out (DOMAIN.md §4, §10, §14). The clocks are
 * derived, never stored: the record's dates, its excluded periods
 * (case_periods) and its approved extensions (case_extensions) decide them.
 * A mirror of the running ones is kept in the core's deadlines table so the
 * dashboard's task list and the deadline widget read them cheaply. */
#include "core/calendar.h"
#include "modules/cases/cases.h"
#include "lib/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct clock_def {
	const char *kind, *zh, *en, *basis;
	int workdays, n, wait;
} clock_def;

enum {
	K_FILING,
	K_MEASURE,
	K_REVIEW,
	K_STATEMENT,
	K_DECISION,
	K_SERVICE,
	K_PAYMENT,
	K_PUBLICATION,
	K_ACCEPT,
	K_MEDIATION,
	K_INFORM_PARTIES,
	K_INFORM_REPORTER,
	K__MAX
};

static const clock_def defs[K__MAX] = {
	{"filing", "立案决定", "Filing decision",
	 "市场监督管理行政处罚程序规定第十八条：15个工作日，经批准延长15个工作日，检测检验检疫鉴定时间不计入", 1, 15,
	 0}, /* K_FILING */
	{"measure", "查封扣押期限", "Seizure / sealing term", "行政强制法第二十五条：30日，经批准延长一次不超过30日", 0,
	 30, 0}, /* K_MEASURE */
	{"legal_review", "法制审核", "Legal review", "行政处罚法第五十八条；程序规定：10个工作日", 1, 10,
	 0}, /* K_REVIEW */
	{"statement", "陈述申辩及听证申请期", "Statement and hearing-request period",
	 "行政处罚法第四十五条、第六十四条、第八十五条：5个工作日", 1, 5, 1}, /* K_STATEMENT */
	{"decision", "作出处理决定", "Decision",
	 "程序规定第六十四条、行政处罚法第六十条：立案之日起90日，经批准延长30日，再延长须集体讨论；中止、听证、公告、检测等时间不计入",
	 0, 90, 0}, /* K_DECISION */
	{"service", "送达处罚决定书", "Service of the decision", "行政处罚法第六十一条、第八十五条：7个工作日", 1, 7,
	 0}, /* K_SERVICE */
	{"payment", "缴纳罚款", "Payment of the fine",
	 "行政处罚法第六十七条：收到决定书之日起15日；逾期每日加处3%（第七十二条）", 0, 15, 0}, /* K_PAYMENT */
	{"publication", "公示行政处罚信息", "Publication of the decision",
	 "市场监督管理行政处罚信息公示规定第九条：20个工作日", 1, 20, 0}, /* K_PUBLICATION */
	{"accept", "受理决定", "Acceptance decision", "市场监督管理投诉举报处理暂行办法第十四条：7个工作日", 1, 7,
	 0}, /* K_ACCEPT */
	{"mediation", "调解期限", "Mediation term",
	 "投诉举报处理暂行办法第二十一条第五项、第二十条：受理之日起45个工作日，检测鉴定时间不计入", 1, 45,
	 0}, /* K_MEDIATION */
	{"inform_parties", "告知终止调解", "Telling the parties", "投诉举报处理暂行办法第二十一条：7个工作日", 1, 7,
	 0}, /* K_INFORM_PARTIES */
	{"inform_reporter", "告知举报人立案与否", "Telling the reporter",
	 "投诉举报处理暂行办法第三十一条第二款：作出是否立案决定之日起5个工作日", 1, 5, 0}, /* K_INFORM_REPORTER */
};
_Static_assert(sizeof defs / sizeof defs[0] == K__MAX, "one definition per clock");

static const char *status_names[] = {"running", "overdue", "met", "late", "paused", "waiting", "elapsed"};

/* Kinds of excluded period each clock honours (NULL = every kind). */
static const char *const filing_kinds[] = {"testing", "inspection", "quarantine", "appraisal", "identification", NULL};
/* 投诉举报处理暂行办法 Art. 20: 检定, 检验, 检测, 鉴定 time is not counted in mediation. */
static const char *const mediation_kinds[] = {"testing", "inspection", "appraisal", "verification", NULL};
/* The decision period (L4): 中止, 公告, 检测, 检验, 检疫, 鉴定, 权利人辨认鉴别, 责令退还多收价款. */
static const char *const decision_kinds[] = {"suspension", "notice",         "testing", "inspection", "quarantine",
					     "appraisal",  "identification", "refund",  NULL};
/* No late fee accrues (行政处罚法 Art. 73(3), Art. 66). */
static const char *const payment_kinds[] = {"reconsideration", "litigation", "deferral", "instalment", NULL};
/* 行政强制法 Art. 25 para 3: 检测, 检验, 检疫, 技术鉴定 time is not part of a seizure term. */
static const char *const measure_kinds[] = {"testing", "inspection", "quarantine", "appraisal", NULL};

#define MAX_SPANS 32

static int kind_in(const char *k, const char *const *kinds)
{
	if (!kinds)
		return 1;
	for (int i = 0; kinds[i]; i++)
		if (k && !strcmp(k, kinds[i]))
			return 1;
	return 0;
}

/* Excluded spans of a case or complaint (fk names the column; from code only).
 * A failed query is ctx_internal (c->status 500): the callers' results are
 * then not used (cs_sync_deadlines, cs_act_clocks, the widget check it). */
static int load_spans(zj_ctx *c, const char *fk, int64_t id, const char *const *kinds, cs_span *out, int max)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT kind, start_on, end_on FROM case_periods WHERE %s = ? AND deleted = 0%s ORDER BY start_on, id",
		 fk, !strcmp(fk, "case_id") ? " AND measure_id IS NULL" : "");
	db_stmt *s;
	int n = 0;
	if (db_prepare(c->db, sql, &s) != DB_OK) {
		ctx_internal(c, "case periods", db_errmsg(c->db));
		return 0;
	}
	db_bind_int(s, 1, id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW && n < max; rc = db_step(s)) {
		date_days a, b = CS_OPEN;
		if (!kind_in(db_col_text(s, 0), kinds) || !db_col_text(s, 1) ||
		    date_parse(db_col_text(s, 1), &a) != DATE_OK)
			continue;
		if (db_col_text(s, 2) && date_parse(db_col_text(s, 2), &b) != DATE_OK)
			b = CS_OPEN;
		out[n].from = a, out[n].to = b, n++;
	}
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "case periods", db_errmsg(c->db));
	return n;
}

static long ext_days(zj_ctx *c, int64_t case_id, const char *kind)
{
	char idt[24];
	CS_ID(idt, case_id);
	const char *p[] = {idt, kind};
	return (long)db_query_int(
		c->db,
		"SELECT COALESCE(SUM(days), 0) FROM case_extensions WHERE case_id = ? AND kind = ? AND deleted = 0", 2,
		p, 0);
}

/* Computes the due day of k (open spans end at `upto`). Returns 1 when an open span was cut. */
static int compute_due(cs_env *x, const clock_def *d, date_days s, long n, const cs_span *ex, int nex, date_days upto,
		       date_days *due, struct wd_gaps *g)
{
	cs_span cut[MAX_SPANS];
	int paused = 0;
	for (int i = 0; i < nex; i++) {
		cut[i] = ex[i];
		if (cut[i].to == CS_OPEN && cut[i].from <= upto)
			cut[i].to = upto, paused = 1;
	}
	int rc = d->workdays ? cs_due_workdays(x->cal, s, n, cut, nex, due, g) : cs_due_days(s, n, cut, nex, due);
	if (rc != 0)
		*due = s + n; /* an open span starting after `upto`: fall back to the plain count */
	if (!d->workdays && x->cfg.k.roll_art203)
		wd_roll_art203(x->cal, *due, due, g);
	return paused;
}

/* Appends one clock when `start` is a date; returns the new count. */
static int add(cs_env *x, cs_clock *out, int n, int max, int kind, const char *start, long len, const cs_span *ex,
	       int nex, const char *met, int64_t item)
{
	date_days s, m = 0, due;
	if (n >= max || !start || date_parse(start, &s) != DATE_OK)
		return n;
	const clock_def *d = &defs[kind];
	cs_clock *k = &out[n];
	memset(k, 0, sizeof *k);
	k->kind = d->kind, k->label_zh = d->zh, k->label_en = d->en, k->basis = d->basis;
	k->workdays = d->workdays, k->n = len, k->wait = d->wait, k->item_id = item;
	int has_met = met && date_parse(met, &m) == DATE_OK;
	struct wd_gaps g;
	wd_gaps_clear(&g);
	int paused = compute_due(x, d, s, len, ex, nex, has_met ? m : x->today, &due, &g);
	k->provisional = g.n > 0;
	snprintf(k->start, sizeof k->start, "%s", start);
	date_format(due, k->due);
	if (has_met)
		date_format(m, k->met);
	long plain = cs_count(x->cal, d->workdays, s, due, NULL, 0);
	k->excluded_days = (int)(plain - len);
	k->days_left = date_diff(x->today, due);
	k->workdays_left = d->workdays ? cs_count(x->cal, 1, x->today, due, ex, nex) : k->days_left;
	if (d->wait)
		k->status = x->today > due ? CK_ELAPSED : CK_WAITING;
	else if (has_met)
		k->status = m <= due ? CK_MET : CK_LATE;
	else if (paused)
		k->status = CK_PAUSED;
	else
		k->status = x->today > due ? CK_OVERDUE : CK_RUNNING;
	return n + 1;
}

static int add_measures(zj_ctx *c, cs_env *x, int64_t case_id, cs_clock *out, int n, int max)
{
	json_t *rows = json_array();
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id, decided_on, COALESCE(extension_days, 0), released_on FROM case_measures"
		       " WHERE case_id = ? AND deleted = 0 ORDER BY id",
		       &s) != DB_OK) {
		json_decref(rows);
		ctx_internal(c, "case measures", db_errmsg(c->db));
		return n;
	}
	db_bind_int(s, 1, case_id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW;
	     rc = db_step(s)) /* read to the end first: periods are queried per measure */
		json_array_append_new(rows, json_pack("[I, s?, I, s?]", (json_int_t)db_col_int(s, 0), db_col_text(s, 1),
						      (json_int_t)db_col_int(s, 2), db_col_text(s, 3)));
	db_finalize(s);
	if (rc != DB_DONE)
		ctx_internal(c, "case measures", db_errmsg(c->db));
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		cs_span sp[MAX_SPANS];
		int64_t mid = json_integer_value(json_array_get(r, 0));
		int ns = load_spans(c, "measure_id", mid, measure_kinds, sp, MAX_SPANS);
		n = add(x, out, n, max, K_MEASURE, json_string_value(json_array_get(r, 1)),
			30 + (long)json_integer_value(json_array_get(r, 2)), sp, ns,
			json_string_value(json_array_get(r, 3)), mid);
	}
	json_decref(rows);
	return n;
}

int cs_payment_spans(zj_ctx *c, int64_t case_id, cs_span *out, int max)
{
	return load_spans(c, "case_id", case_id, payment_kinds, out, max);
}

int cs_case_late(zj_ctx *c, const json_t *row, const char *upto, cs_late *out)
{
	date_days served, u, due;
	memset(out, 0, sizeof *out);
	out->fine = cs_int(row, "fine_fen");
	if (out->fine <= 0 || !cs_date(row, "served_on", &served))
		return -1;
	if (!upto)
		upto = cs_str(row, "paid_on") ? cs_str(row, "paid_on") : c->today;
	if (date_parse(upto, &u) != DATE_OK)
		return -1;
	cs_span sp[MAX_SPANS];
	int ns = cs_payment_spans(c, cs_int(row, "id"), sp, MAX_SPANS);
	for (int i = 0; i < ns; i++)
		if (sp[i].to == CS_OPEN && sp[i].from <= u)
			sp[i].to = u; /* a running suspension: nothing accrues up to today */
	struct wd_calendar *cal = calendar_load(c->db);
	struct wd_gaps g;
	wd_gaps_clear(&g);
	int rc = cal && cs_payment_due(cal, served, sp, ns, &due, &g) == 0 ? 0 : -1;
	calendar_free(cal);
	if (rc)
		return -1;
	date_format(due, out->due);
	out->days = cs_days_late(due, u, sp, ns);
	out->fee = cs_late_fee_fen(out->fine, out->days);
	out->provisional = g.n > 0;
	return 0;
}

/* The payment clock: the same terms as the fee (cs_case_late), met by paid_on. */
static int add_payment(zj_ctx *c, cs_env *x, const json_t *row, cs_clock *out, int n, int max)
{
	cs_late l;
	if (n >= max || cs_case_late(c, row, NULL, &l) != 0)
		return n;
	const clock_def *d = &defs[K_PAYMENT];
	cs_clock *k = &out[n];
	date_days due, m = 0;
	date_parse(l.due, &due);
	memset(k, 0, sizeof *k);
	k->kind = d->kind, k->label_zh = d->zh, k->label_en = d->en, k->basis = d->basis;
	k->n = 15, k->provisional = l.provisional;
	snprintf(k->start, sizeof k->start, "%s", cs_str(row, "served_on"));
	snprintf(k->due, sizeof k->due, "%s", l.due);
	int has_met = cs_date(row, "paid_on", &m);
	if (has_met)
		date_format(m, k->met);
	date_days s;
	date_parse(k->start, &s);
	k->excluded_days = (int)(date_diff(s, due) - 15);
	k->days_left = k->workdays_left = date_diff(x->today, due);
	k->status = has_met ? (m <= due ? CK_MET : CK_LATE) : (x->today > due ? CK_OVERDUE : CK_RUNNING);
	return n + 1;
}

int cs_measure_end(zj_ctx *c, const json_t *m, char out[11])
{
	date_days d, e;
	if (!cs_date(m, "decided_on", &d))
		return -1;
	cs_span sp[MAX_SPANS];
	int ns = cs_int(m, "id") > 0 ? load_spans(c, "measure_id", cs_int(m, "id"), measure_kinds, sp, MAX_SPANS) : 0;
	date_days today;
	date_parse(c->today, &today);
	for (int i = 0; i < ns; i++)
		if (sp[i].to == CS_OPEN)
			sp[i].to = sp[i].from > today ? sp[i].from : today;
	if (cs_due_days(d, 30 + (long)cs_int(m, "extension_days"), sp, ns, &e) != 0)
		return -1;
	date_format(e, out);
	return 0;
}

int cs_case_clocks(zj_ctx *c, cs_env *x, const json_t *row, cs_clock *out, int max)
{
	int64_t id = cs_int(row, "id");
	cs_span all[MAX_SPANS + 1], lab[MAX_SPANS];
	int nall = load_spans(c, "case_id", id, decision_kinds, all, MAX_SPANS);
	int nlab = load_spans(c, "case_id", id, filing_kinds, lab, MAX_SPANS);
	date_days h0, h1;
	if (cs_date(row, "hearing_requested_on", &h0)) { /* 听证 time is not counted (L4) */
		all[nall].from = h0;
		all[nall].to = cs_date(row, "hearing_held_on", &h1) ? h1 : CS_OPEN;
		nall++;
	}
	int n = 0;
	n = add(x, out, n, max, K_FILING, cs_str(row, "received_on"), 15 + ext_days(c, id, "filing"), lab, nlab,
		cs_str(row, "filing_decided_on"), 0);
	n = add_measures(c, x, id, out, n, max);
	n = add(x, out, n, max, K_REVIEW, cs_str(row, "review_sent_on"), 10, NULL, 0, cs_str(row, "reviewed_on"), 0);
	n = add(x, out, n, max, K_STATEMENT, cs_str(row, "notice_served_on"), 5, NULL, 0, NULL, 0);
	const char *ended = cs_str(row, "decided_on") ? cs_str(row, "decided_on") : cs_str(row, "transfer_on");
	n = add(x, out, n, max, K_DECISION, cs_str(row, "filed_on"),
		90 + ext_days(c, id, "decision") + ext_days(c, id, "decision_further"), all, nall, ended, 0);
	if (cs_str(row, "decision_no")) {
		n = add(x, out, n, max, K_SERVICE, cs_str(row, "decided_on"), 7, NULL, 0, cs_str(row, "served_on"), 0);
		n = add_payment(c, x, row, out, n, max);
		char *kinds = cs_joined(row, "penalty_kinds");
		if (!cs_publication_exempt(kinds)) /* 公示规定 Art. 2: a warning alone is not published */
			n = add(x, out, n, max, K_PUBLICATION, cs_str(row, "decided_on"), 20, NULL, 0,
				cs_str(row, "published_on"), 0);
		free(kinds);
	}
	return n;
}

int cs_complaint_clocks(zj_ctx *c, cs_env *x, const json_t *row, cs_clock *out, int max)
{
	int64_t id = cs_int(row, "id");
	const char *kind = cs_str(row, "kind"), *state = cs_str(row, "state");
	int n = 0;
	if (kind && !strcmp(kind, "complaint")) {
		n = add(x, out, n, max, K_ACCEPT, cs_str(row, "received_on"), 7, NULL, 0, cs_str(row, "decided_on"), 0);
		if (cs_bool(row, "mediation_consent")) {
			cs_span sp[MAX_SPANS];
			int ns = load_spans(c, "complaint_id", id, mediation_kinds, sp, MAX_SPANS);
			n = add(x, out, n, max, K_MEDIATION, cs_str(row, "decided_on"), 45, sp, ns,
				cs_str(row, "mediation_ended_on"), 0);
		}
		if (state && strcmp(state, "mediated") && cs_str(row, "mediation_ended_on"))
			n = add(x, out, n, max, K_INFORM_PARTIES, cs_str(row, "mediation_ended_on"), 7, NULL, 0,
				cs_str(row, "parties_informed_on"), 0);
	}
	int64_t case_id = cs_int(row, "case_id");
	if (kind && !strcmp(kind, "report") && case_id > 0 && cs_str(row, "complainant_name")) {
		json_t *cs = crud_load(c, &cs_ent_cases, case_id);
		n = add(x, out, n, max, K_INFORM_REPORTER, cs ? cs_str(cs, "filing_decided_on") : NULL, 5, NULL, 0,
			cs_str(row, "reporter_informed_on"), 0);
		json_decref(cs);
	}
	return n;
}

const cs_clock *cs_clock_find(const cs_clock *k, int n, const char *kind)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].kind, kind))
			return &k[i];
	return NULL;
}

json_t *cs_clock_json(zj_ctx *c, const cs_clock *k)
{
	json_t *j =
		json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:b, s:b, s:i}", "kind", k->kind,
			  "label", "zh", k->label_zh, "en", k->label_en, "basis", k->basis, "start", k->start, "due",
			  k->due, "unit", k->workdays ? "working_days" : "calendar_days", "n", (json_int_t)k->n,
			  "status", status_names[k->status], "days_left", (json_int_t)k->days_left, "wait", k->wait,
			  "provisional", k->provisional, "excluded_days", k->excluded_days);
	json_object_set_new(j, "met", k->met[0] ? json_string(k->met) : json_null());
	if (k->workdays)
		json_object_set_new(j, "workdays_left", json_integer(k->workdays_left));
	if (k->item_id)
		json_object_set_new(j, "item_id", json_integer(k->item_id));
	return j;
}

static int clocks_of(zj_ctx *c, cs_env *x, const entity_def *e, const json_t *row, cs_clock *k)
{
	return e == &cs_ent_cases ? cs_case_clocks(c, x, row, k, CS_MAX_CLOCKS)
				  : cs_complaint_clocks(c, x, row, k, CS_MAX_CLOCKS);
}

static void clock_key(const cs_clock *k, char *buf, size_t n)
{
	if (k->item_id)
		snprintf(buf, n, "%s#%lld", k->kind, (long long)k->item_id);
	else
		snprintf(buf, n, "%s", k->kind);
}

static int is_open(const cs_clock *k)
{
	return !k->wait && (k->status == CK_RUNNING || k->status == CK_OVERDUE);
}

static int state_final(const entity_def *e, const char *state)
{
	for (int i = 0; state && i < e->workflow->nstates; i++)
		if (!strcmp(e->workflow->states[i].name, state))
			return e->workflow->states[i].final;
	return 0;
}

int cs_sync_deadlines(zj_ctx *c, const entity_def *e, int64_t id)
{
	json_t *row = crud_load(c, e, id);
	if (!row)
		return DB_OK;
	cs_env x;
	if (cs_env_load(c, &x) != 0) {
		json_decref(row);
		return DB_ERR;
	}
	cs_clock k[CS_MAX_CLOCKS];
	int n = clocks_of(c, &x, e, row, k), nw = 0;
	if (ctx_failed(c)) { /* clocks from a part of the periods: nothing is written */
		cs_env_free(&x);
		json_decref(row);
		return DB_ERR;
	}
	char keys[CS_MAX_CLOCKS][64];
	wf_deadline want[CS_MAX_CLOCKS];
	for (int i = 0; i < n; i++) {
		if (!is_open(&k[i]))
			continue;
		clock_key(&k[i], keys[nw], sizeof keys[nw]);
		want[nw] = (wf_deadline){keys[nw],
					 k[i].start,
					 k[i].due,
					 (int)k[i].n,
					 k[i].workdays ? DL_WORKING_DAYS : DL_CALENDAR_DAYS,
					 k[i].provisional};
		nw++;
	}
	/* the core keeps the rows: the clocks only say which should run */
	int rc = workflow_mirror_deadlines(c, e->name, id, want, nw, state_final(e, cs_str(row, "state")));
	cs_env_free(&x);
	json_decref(row);
	return rc;
}

/* ---- the clocks action and the dashboard widget ---- */

static json_t *late_fee_json(zj_ctx *c, const json_t *row)
{
	cs_late l;
	if (cs_case_late(c, row, NULL, &l) != 0)
		return json_null();
	return json_pack(
		"{s:I, s:s, s:I, s:I, s:s}", "fine_fen", (json_int_t)l.fine, "due", l.due, "days_late",
		(json_int_t)l.days, "late_fee_fen", (json_int_t)l.fee, "basis",
		"行政处罚法第六十七条、第七十二条第一款、第七十三条第三款、行政强制法第四十五条：每日3%，不超过罚款数额；"
		"复议、诉讼及经批准暂缓或分期期间不计");
}

int cs_act_clocks(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *row = crud_load(c, e, id);
	cs_env x;
	if (!row || cs_env_load(c, &x) != 0) {
		json_decref(row);
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	}
	cs_clock k[CS_MAX_CLOCKS];
	int n = clocks_of(c, &x, e, row, k);
	if (ctx_failed(c)) {
		cs_env_free(&x);
		json_decref(row);
		return c->status;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, cs_clock_json(c, &k[i]));
	out->json = json_pack("{s:s, s:s, s:o, s:i}", "today", c->today, "state",
			      cs_str(row, "state") ? cs_str(row, "state") : "", "clocks", arr, "near_due_days",
			      x.cfg.k.near_due_days);
	if (e == &cs_ent_cases) {
		json_object_set_new(out->json, "late_fee", late_fee_json(c, row));
		json_object_set_new(out->json, "major",
				    json_pack("{s:b, s:s}", "is_major", cs_bool(row, "is_major"), "reasons",
					      cs_str(row, "major_reasons") ? cs_str(row, "major_reasons") : ""));
	}
	cs_env_free(&x);
	json_decref(row);
	return 200;
}

static const char *kind_label(zj_ctx *c, const char *key)
{
	for (int i = 0; i < K__MAX; i++)
		if (!strncmp(key, defs[i].kind, strlen(defs[i].kind)) &&
		    (key[strlen(defs[i].kind)] == 0 || key[strlen(defs[i].kind)] == '#'))
			return TR(c, defs[i].zh, defs[i].en);
	return key;
}

/* "包质监立字〔2026〕第3号 Title" for a case, "TS20261129-0001 Respondent" for a complaint. */
static char *record_title(zj_ctx *c, const char *entity, const char *idt)
{
	const char *sql = !strcmp(entity, "cases") ? "SELECT case_no, title FROM cases WHERE id = ?"
						   : "SELECT tracking_no, respondent_name FROM complaints WHERE id = ?";
	db_stmt *s;
	strbuf b;
	sb_init(&b);
	int rc = db_prepare(c->db, sql, &s);
	if (rc == DB_OK) {
		db_bind_text(s, 1, idt);
		rc = db_step(s);
		if (rc == DB_ROW)
			sb_printf(&b, "%s%s%s", db_col_text(s, 0) ? db_col_text(s, 0) : "",
				  db_col_text(s, 0) ? " " : "", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "deadline widget: title", db_errmsg(c->db));
	return sb_take(&b);
}

/* Open mirrored deadlines due within the warning window, read to the end first. */
static json_t *due_soon(zj_ctx *c, date_days today, int window)
{
	json_t *rows = json_array();
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT entity, entity_id, kind, due FROM deadlines WHERE entity IN ('cases', 'complaints')"
		       " AND closed_at IS NULL ORDER BY due, id LIMIT 2000",
		       &s) != DB_OK) {
		ctx_internal(c, "deadline widget", db_errmsg(c->db));
		return rows;
	}
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		date_days due;
		if (date_parse(db_col_text(s, 3), &due) != DATE_OK || date_diff(today, due) > window)
			break; /* ordered by due: the rest are further out */
		json_array_append_new(rows, json_pack("{s:s, s:I, s:s, s:s, s:I}", "entity", db_col_text(s, 0), "id",
						      (json_int_t)num_or(db_col_text(s, 1), 0, INT64_MAX, 0), "kind",
						      db_col_text(s, 2), "due", db_col_text(s, 3), "days_left",
						      (json_int_t)date_diff(today, due)));
	}
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "deadline widget", db_errmsg(c->db));
	return rows;
}

json_t *cs_deadline_widget(zj_ctx *c)
{
	if (!ctx_can(c, "cases.read") && !ctx_can(c, "complaints.read"))
		return NULL;
	cs_config cfg;
	cs_config_load(c, c->today, &cfg);
	date_days today;
	if (date_parse(c->today, &today) != DATE_OK)
		return NULL;
	json_t *rows = due_soon(c, today, cfg.k.near_due_days), *items = json_array(), *it;
	int overdue = 0, near = 0;
	size_t i;
	json_array_foreach (rows, i, it) {
		const entity_def *e = !strcmp(cs_str(it, "entity"), "cases") ? &cs_ent_cases : &cs_ent_complaints;
		if (!crud_in_scope(c, e, "read", cs_int(it, "id")))
			continue;
		if (cs_int(it, "days_left") < 0)
			overdue++;
		else
			near++;
		if (json_array_size(items) >= 30)
			continue;
		char idt[24], *title;
		CS_ID(idt, cs_int(it, "id"));
		title = record_title(c, e->name, idt);
		json_object_set_new(it, "title", json_string(title));
		json_object_set_new(it, "label", json_string(kind_label(c, cs_str(it, "kind"))));
		json_object_set_new(it, "overdue", json_boolean(cs_int(it, "days_left") < 0));
		json_array_append(items, it);
		free(title);
	}
	json_decref(rows);
	if (ctx_failed(c)) { /* the dashboard answers 500 */
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:{s:s, s:s}, s:s, s:i, s:i, s:i, s:o}", "title", "zh", "办案期限预警（逾期及临期）", "en",
			 "Case deadlines: overdue and near due", "kind", "deadlines", "near_due_days",
			 cfg.k.near_due_days, "overdue", overdue, "near_due", near, "items", items);
}
