/* food_publish.c — publication of results (食品安全法 Art. 87, 118; DOMAIN.md
 * §11.3 F25–F27) and the supervisor's dashboard widgets. A publication
 * (公告) covers the supervision samples of a period whose result has been
 * served and whose 复检 is not pending; publishing stamps them, withdrawing
 * unstamps them. The public endpoint GET /api/v1/public/food_results (no
 * sign-in) searches only samples stamped by a publication in state
 * `published` — nothing unpublished, no risk-monitoring result (§11.4), no
 * personal data — and serves the same rows as open data in CSV or JSON:
 * food, specification, batch, failed items with result and limit, labelled
 * producer, sampled business, announcement number and date (F26). */
#include "core/write.h"
#include "modules/food/food.h"
#include "core/audit.h"
#include "lib/pii.h"
#include "modules/modules.h"
#include "lib/num.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- publications ---- */

static const char ELIGIBLE[] =
	" FROM samples WHERE deleted = 0 AND kind = 'supervision' AND state IN ('served', 'closed')"
	" AND final_conclusion IN ('pass', 'fail') AND publication_id IS NULL AND sampled_on >= ? AND sampled_on <= ?"
	" AND id NOT IN (SELECT sample_id FROM retests WHERE deleted = 0 AND state IN ('applied', 'accepted', 'lab_drawn', 'testing'))";

static int publish_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char sql[600];
	snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", ELIGIBLE);
	const char *p[] = {food_str(row, "period_from"), food_str(row, "period_to")};
	if (db_query_int(c->db, sql, 2, p, 0) == 0)
		return ctx_problem(c, PROB_NOTHING_TO_PUBLISH,
				   TR(c, "须为已送达、无复检待决的监督抽检结果",
				      "results must be served supervision results with no pending re-test"));
	return 0;
}

/* Sets publication_id of each sample the query (with params p) selects, through the core. */
static int mark_samples(zj_ctx *c, const char *sql, int np, const char *const *p, json_t *value, const char *action)
{
	db_stmt *s;
	json_t *ids = json_array();
	int rc = db_prepare(c->db, sql, &s);
	if (rc == DB_OK) {
		for (int i = 0; i < np; i++)
			db_bind_text(s, i + 1, p[i]);
		int st;
		for (st = db_step(s); st == DB_ROW; st = db_step(s))
			json_array_append_new(ids, json_integer(db_col_int(s, 0)));
		db_finalize(s);
		rc = st == DB_DONE ? DB_OK : st; /* never a part of the samples */
	}
	size_t i;
	json_t *id;
	json_array_foreach (ids, i, id) {
		if (rc != DB_OK)
			break;
		rc = crud_set1(c, &ent_samples, json_integer_value(id), action, "publication_id", json_incref(value));
	}
	json_decref(ids), json_decref(value);
	return rc;
}

static int publish_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char sql[700];
	snprintf(sql, sizeof sql, "SELECT id%s ORDER BY id", ELIGIBLE);
	const char *p[] = {food_str(row, "period_from"), food_str(row, "period_to")};
	if (mark_samples(c, sql, 2, p, json_integer(id), "publish") != DB_OK)
		return -1;
	int64_t n =
		food_query_int(c->db, "SELECT COUNT(*) FROM samples WHERE publication_id = ? AND deleted = 0", id, 0);
	json_t *f = json_pack("{s:s, s:I}", "published_on", c->today, "sample_count", (json_int_t)n);
	int rc = crud_set_fields(c, e, id, f, "publish");
	json_decref(f);
	return rc == DB_OK ? 0 : -1;
}

static int withdraw_enter(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p[] = {idt};
	if (mark_samples(c, "SELECT id FROM samples WHERE publication_id = ? AND deleted = 0 ORDER BY id", 1, p,
			 json_null(), "unpublish") != DB_OK)
		return -1;
	json_t *a = json_pack("{s:s}", "unpublished", "all samples of the announcement");
	int rc = audit_append(c, "withdraw", e->name, id, NULL, a);
	json_decref(a);
	return rc == DB_OK ? 0 : -1;
}

static void publication_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const char *a = food_str(row, "period_from"), *b = food_str(row, "period_to");
	if (a && b && strcmp(b, a) < 0)
		crud_field_error(c, errors, "period_to", FE_ORDER, "截止日期不能早于起始日期",
				 "cannot be before the start of the period");
	if (!old || !strcmp(food_str(old, "state") ? food_str(old, "state") : "draft", "draft"))
		return;
	static const char *const fixed[] = {"announcement_no", "title", "issuer", "period_from", "period_to"};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		json_t *x = json_object_get(old, fixed[i]), *y = json_object_get(row, fixed[i]);
		if (!json_equal(x ? x : json_null(), y ? y : json_null()))
			crud_field_error(c, errors, fixed[i], FE_STATE, "已公布的公告不能修改，可撤回",
					 "a published announcement cannot change; withdraw it");
	}
}

/* What publishing will make public: the count for the confirmation. */
static json_t *publish_effect(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row)
{
	char sql[600], zh[160], en[160];
	snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", ELIGIBLE);
	const char *p[] = {food_str(row, "period_from"), food_str(row, "period_to")};
	int64_t n = db_query_int(c->db, sql, 2, p, 0);
	snprintf(zh, sizeof zh, "公布 %lld 个抽样结果（食品安全法第一百一十八条）", (long long)n);
	snprintf(en, sizeof en, "publishes %lld sampling result%s (Food Safety Law Art. 118)", (long long)n,
		 n == 1 ? "" : "s");
	return json_pack("{s:s, s:s, s:I}", "zh", zh, "en", en, "count", (json_int_t)n);
}

/* GET /publications/{id}/actions/samples: the samples the announcement
 * makes public — for a draft, those it would publish now (the same query
 * as the step), afterwards those it stamped. */
static int samples_action(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body,
			  action_result *out)
{
	json_t *row = crud_load(c, e, id);
	if (!row)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	int draft = !strcmp(food_str(row, "state") ? food_str(row, "state") : "", "draft");
	char sql[900], idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *cols = "SELECT id, code, product_name, final_conclusion, sampled_on, enterprise_id";
	if (draft)
		snprintf(sql, sizeof sql, "%s%s ORDER BY id LIMIT 500", cols, ELIGIBLE);
	else
		snprintf(sql, sizeof sql,
			 "%s FROM samples WHERE publication_id = ? AND deleted = 0 ORDER BY id LIMIT 500", cols);
	const char *p2[] = {food_str(row, "period_from"), food_str(row, "period_to")}, *p1[] = {idt};
	db_stmt *s;
	json_t *items = json_array();
	int rc = db_prepare(c->db, sql, &s);
	if (rc == DB_OK) {
		for (int i = 0; i < (draft ? 2 : 1); i++)
			db_bind_text(s, i + 1, draft ? p2[i] : p1[i]);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			json_t *it = json_pack("{s:I}", "id", (json_int_t)db_col_int(s, 0));
			static const char *const names[] = {NULL, "code", "product_name", "final_conclusion",
							    "sampled_on"};
			for (int k = 1; k <= 4; k++)
				json_object_set_new(it, names[k],
						    db_col_text(s, k) ? json_string(db_col_text(s, k)) : json_null());
			json_object_set_new(it, "enterprise_id", json_integer(db_col_int(s, 5)));
			json_array_append_new(items, it);
		}
		db_finalize(s);
	}
	if (rc != DB_DONE) { /* never a part of the list */
		json_decref(items), json_decref(row);
		return ctx_internal(c, "publication samples", db_errmsg(c->db));
	}
	json_t *fx = draft ? publish_effect(c, e, id, row) : NULL;
	int64_t n = fx ? json_integer_value(json_object_get(fx, "count"))
		       : food_query_int(c->db, "SELECT COUNT(*) FROM samples WHERE publication_id = ? AND deleted = 0",
					id, 0);
	json_decref(fx), json_decref(row);
	out->json = json_pack("{s:b, s:I, s:o}", "preview", draft, "count", (json_int_t)n, "items", items);
	return 200;
}

static const entity_action publication_actions[] = {{"samples", "GET", NULL, 1, samples_action}};

static const entity_hooks publication_hooks = {.validate = publication_validate};

static const wf_state publication_states[] = {
	{"draft", "草稿", "Draft"},
	{"published", "已公布", "Published"},
	{"withdrawn", "已撤回", "Withdrawn", 1},
};
static const wf_transition publication_transitions[] = {
	{"publish", "公布", "Publish", "draft", "published", .guard = publish_guard, .on_enter = publish_enter,
	 .effect = publish_effect},
	{"withdraw", "撤回", "Withdraw", "published", "withdrawn", .requires = "withdraw_reason",
	 .on_enter = withdraw_enter, .aside = 1},
};
static const workflow_def publication_wf = {"draft", publication_states, ZJ_COUNT(publication_states),
					    publication_transitions, ZJ_COUNT(publication_transitions)};

static const field_def publication_fields[] = {
	{"announcement_no", FT_TEXT, "公告编号", "Announcement no.", F_REQUIRED | F_UNIQUE | F_LIST | F_SEARCH | F_SORT,
	 1, 80},
	{"title", FT_TEXT, "标题", "Title", F_REQUIRED | F_LIST | F_SEARCH, 1, 200},
	{"issuer", FT_TEXT, "发布机关", "Issued by", F_LIST, 0, 100},
	{"period_from", FT_DATE, "抽样日期自", "Sampled from", F_REQUIRED | F_LIST},
	{"period_to", FT_DATE, "抽样日期至", "Sampled to", F_REQUIRED | F_LIST},
	{"published_on", FT_DATE, "公布日期", "Published on", F_READONLY | F_LIST | F_FILTER},
	{"sample_count", FT_INT, "样品批次", "Samples", F_READONLY | F_LIST, .unit = "batch"},
	{"withdraw_reason", FT_TEXT, "撤回原因", "Reason for withdrawal", F_READONLY, 0, 500},
};
const entity_def ent_publications = {
	.name = "publications",
	.table = "publications",
	.label_zh = "抽检信息公告",
	.label_en = "Publications",
	.menu = "food",
	.fields = publication_fields,
	.nfields = ZJ_COUNT(publication_fields),
	.label_field = "announcement_no",
	.default_sort = "-id",
	.workflow = &publication_wf,
	.hooks = &publication_hooks,
	.actions = publication_actions,
	.nactions = ZJ_COUNT(publication_actions),
};

/* ---- public search and open data ---- */

static const char *qget(const void *query, const char *name)
{
	const kv_list *q = query;
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, name))
			return q->items[i].v ? q->items[i].v : "";
	return NULL;
}

static int bad_query(zj_ctx *c, const char *name, const char *zh, const char *en)
{
	ctx_problemf(c, PROB_BAD_QUERY, "%s: %s", name, TR(c, zh, en));
	json_object_set_new(c->problem, "errors",
			    json_pack("[{s:s, s:s, s:s}]", "field", name, "message", TR(c, zh, en), "code",
				      fe_name(FE_QUERY)));
	return 400;
}

typedef struct public_query {
	strbuf where;
	json_t *params;
	int limit;
	int csv;
} public_query;

static int digits_only(const char *s, size_t len)
{
	if (strlen(s) != len && len)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return *s != 0;
}

static int add_like(public_query *pq, const char *v)
{
	if (strlen(v) > 100)
		return -1;
	char *like = like_contains(v);
	sb_add(&pq->where,
	       " AND (s.product_name LIKE ? ESCAPE '\\' OR s.brand LIKE ? ESCAPE '\\' OR s.producer_name LIKE ? ESCAPE '\\'"
	       " OR e.name LIKE ? ESCAPE '\\' OR pe.name LIKE ? ESCAPE '\\')");
	for (int i = 0; i < 5; i++)
		json_array_append_new(pq->params, json_string(like));
	free(like);
	return 0;
}

static int parse_public_query(zj_ctx *c, const void *query, public_query *pq)
{
	sb_init(&pq->where);
	pq->params = json_array();
	pq->limit = 20;
	pq->csv = 0;
	const char *v = qget(query, "format");
	if (v && strcmp(v, "json")) {
		if (strcmp(v, "csv"))
			return bad_query(c, "format", "应为 json 或 csv", "must be json or csv");
		pq->csv = 1, pq->limit = 10000;
	}
	v = qget(query, "limit");
	long long n;
	if (v) {
		if (!digits_only(v, 0) || !num_parse(v, 1, pq->csv ? 10000 : 100, &n))
			return bad_query(c, "limit", "应为 1 至 100 的整数（CSV 至 10000）",
					 "must be an integer from 1 to 100 (CSV: 10000)");
		pq->limit = (int)n;
	}
	v = qget(query, "cursor");
	if (v) {
		if (!digits_only(v, 0) || !num_parse(v, 0, INT64_MAX, &n))
			return bad_query(c, "cursor", "分页游标无效", "is not a valid cursor");
		sb_add(&pq->where, " AND s.id < ?");
		json_array_append_new(pq->params, json_integer(n));
	}
	v = qget(query, "result");
	if (v) {
		if (strcmp(v, "pass") && strcmp(v, "fail"))
			return bad_query(c, "result", "应为 pass 或 fail", "must be pass or fail");
		sb_add(&pq->where, " AND s.final_conclusion = ?");
		json_array_append_new(pq->params, json_string(v));
	}
	v = qget(query, "year");
	if (v) {
		if (!digits_only(v, 4))
			return bad_query(c, "year", "应为四位年份", "must be a four-digit year");
		char from[11], to[11];
		snprintf(from, sizeof from, "%s-01-01", v), snprintf(to, sizeof to, "%s-12-31", v);
		sb_add(&pq->where, " AND s.sampled_on >= ? AND s.sampled_on <= ?");
		json_array_append_new(pq->params, json_string(from));
		json_array_append_new(pq->params, json_string(to));
	}
	v = qget(query, "announcement");
	if (v && *v) {
		sb_add(&pq->where, " AND p.announcement_no = ?");
		json_array_append_new(pq->params, json_string(v));
	}
	v = qget(query, "food");
	if (v && *v) {
		const food_refset *rs = food_refset_current(c->db);
		const food_cat *f = NULL, *cand[FOOD_MAX_CANDIDATES];
		int nc = 0;
		if (rs && food_resolve_food(rs, v, &f, cand, FOOD_MAX_CANDIDATES, &nc) == FR_AMBIGUOUS) {
			char names[600], zh[800], en[800];
			food_candidates_text(cand, nc, names, sizeof names);
			snprintf(zh, sizeof zh, "“%s”可指多个类别，请选择其一：%s", v, names);
			snprintf(en, sizeof en, "'%s' may mean several categories; choose one: %s", v, names);
			return bad_query(c, "food", zh, en);
		}
		if (!f)
			return bad_query(c, "food", "未知的食品或类别", "unknown food or category");
		sb_add(&pq->where, " AND s.food_id IN (SELECT id FROM food_categories WHERE path LIKE ?)");
		char path[600] = "";
		int64_t fid = f->id;
		db_stmt *st;
		int rc = db_prepare(c->db, "SELECT path FROM food_categories WHERE id = ?", &st);
		if (rc == DB_OK) {
			db_bind_int(st, 1, fid);
			rc = db_step(st);
			if (rc == DB_ROW && db_col_text(st, 0))
				snprintf(path, sizeof path, "%s%%", db_col_text(st, 0));
			db_finalize(st);
		}
		if (rc != DB_ROW && rc != DB_DONE) /* not "no such category": nothing found would be a wrong answer */
			return ctx_internal(c, "public results: category", db_errmsg(c->db));
		json_array_append_new(pq->params, json_string(path));
	}
	v = qget(query, "q");
	if (v && *v && add_like(pq, v) != 0)
		return bad_query(c, "q", "搜索词过长", "search text is too long");
	return 0;
}

static const char PUBLIC_SELECT[] =
	"SELECT s.id, s.code, p.announcement_no, p.published_on, s.product_name, s.brand, s.specification, s.batch_no, s.production_date,"
	" f.name, mc.name, COALESCE(pe.name, s.producer_name), COALESCE(pe.address, s.producer_address), e.name, e.address,"
	" s.final_conclusion, s.conclusion, s.retest_conclusion, s.sampled_on"
	" FROM samples s JOIN publications p ON p.id = s.publication_id AND p.state = 'published' AND p.deleted = 0"
	" JOIN enterprises e ON e.id = s.enterprise_id LEFT JOIN enterprises pe ON pe.id = s.producer_id"
	" LEFT JOIN food_categories f ON f.id = s.food_id LEFT JOIN food_categories mc ON mc.id = s.category_id"
	" WHERE s.deleted = 0 AND s.kind = 'supervision'";

/* The failed items of a sample; NULL when the query failed. */
static json_t *failed_items(zj_ctx *c, int64_t sample)
{
	/* the limit's texts as read: on the row, or its trace form's (034) */
#define R_LT FOOD_RESULT_TEXT("r", "limit_text")
#define R_SR FOOD_RESULT_TEXT("r", "standard_ref")
	static const char sql[] =
		"SELECT COALESCE(a.name, r.item), r.value, r.unit, " R_LT ", " R_SR " FROM results r"
		" LEFT JOIN food_analytes a ON a.id = r.analyte_id WHERE r.sample_id = ? AND r.deleted = 0"
		" AND COALESCE(r.decided_verdict, r.verdict) = 'fail' ORDER BY r.id";
#undef R_LT
#undef R_SR
	db_stmt *s;
	if (db_prepare(c->db, sql, &s) != DB_OK)
		return NULL;
	json_t *items = json_array();
	db_bind_int(s, 1, sample);
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		char result[120];
		snprintf(result, sizeof result, "%s %s", db_col_text(s, 1) ? db_col_text(s, 1) : "",
			 db_col_text(s, 2) ? db_col_text(s, 2) : "");
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s}", "item",
						       db_col_text(s, 0) ? db_col_text(s, 0) : "", "result", result,
						       "limit", db_col_text(s, 3) ? db_col_text(s, 3) : "", "standard",
						       db_col_text(s, 4) ? db_col_text(s, 4) : ""));
	}
	db_finalize(s);
	if (rc != DB_DONE)
		json_decref(items), items = NULL;
	return items;
}

static json_t *str_or_null(db_stmt *s, int i)
{
	return db_col_text(s, i) ? json_string(db_col_text(s, i)) : json_null();
}

static json_t *public_row(zj_ctx *c, db_stmt *s)
{
	static const char *const names[] = {NULL,
					    "code",
					    "announcement_no",
					    "published_on",
					    "product_name",
					    "brand",
					    "specification",
					    "batch_no",
					    "production_date",
					    "food",
					    "category",
					    "producer",
					    "producer_address",
					    "business",
					    "business_address",
					    "conclusion",
					    "initial_conclusion",
					    "retest_conclusion",
					    "sampled_on"};
	json_t *o = json_object();
	for (int i = 1; i < (int)(sizeof names / sizeof names[0]); i++)
		json_object_set_new(o, names[i], str_or_null(s, i));
	const char *concl = db_col_text(s, 15), *initial = db_col_text(s, 16);
	json_t *failed = (concl && !strcmp(concl, "fail")) || (initial && !strcmp(initial, "fail"))
				 ? failed_items(c, db_col_int(s, 0))
				 : json_array();
	if (!failed) { /* a sample without its failed items would misinform */
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "failed_items", failed);
	return o;
}

static void csv_cell(strbuf *b, const char *v)
{
	const char *s = v ? v : "";
	int quote = strpbrk(s, ",\"\r\n\t") != NULL || pii_formula_lead(s);
	if (quote)
		sb_addc(b, '"');
	if (pii_formula_lead(s)) /* = + - @ tab CR: a spreadsheet would run it (OWASP CSV injection) */
		sb_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(b, '"');
		sb_addc(b, *s);
	}
	if (quote)
		sb_addc(b, '"');
}

static void csv_row(strbuf *b, json_t *o)
{
	static const char *const cols[] = {"announcement_no", "published_on", "product_name",     "brand",
					   "specification",   "batch_no",     "production_date",  "food",
					   "category",        "producer",     "producer_address", "business",
					   "business_address"};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		csv_cell(b, json_string_value(json_object_get(o, cols[i])));
		sb_addc(b, ',');
	}
	const char *concl = json_string_value(json_object_get(o, "conclusion"));
	sb_add(b, concl && !strcmp(concl, "fail") ? "不合格," : "合格,");
	strbuf items;
	sb_init(&items);
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(o, "failed_items"), i, it)
		sb_printf(&items, "%s%s %s（%s）", i ? "；" : "", json_string_value(json_object_get(it, "item")),
			  json_string_value(json_object_get(it, "result")),
			  json_string_value(json_object_get(it, "limit")));
	csv_cell(b, items.s);
	sb_free(&items);
	sb_add(b, "\r\n");
}

static int public_results(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	public_query pq;
	int rc = parse_public_query(c, query, &pq);
	if (rc) {
		sb_free(&pq.where), json_decref(pq.params);
		return rc;
	}
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "%s%s ORDER BY s.id DESC LIMIT %d", PUBLIC_SELECT, pq.where.s ? pq.where.s : "", pq.limit + 1);
	db_stmt *s;
	json_t *items = json_array();
	int n = 0, more = 0;
	int64_t last = 0;
	rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, pq.params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			if (n == pq.limit) {
				more = 1;
				break;
			}
			last = db_col_int(s, 0);
			json_t *o = public_row(c, s);
			if (!o) {
				rc = DB_ERR;
				break;
			}
			json_array_append_new(items, o);
			n++;
		}
		db_finalize(s);
	}
	sb_free(&sql), sb_free(&pq.where), json_decref(pq.params);
	if (rc != DB_DONE && rc != DB_ROW) { /* never a part of the page */
		json_decref(items);
		return ctx_internal(c, "public results", db_errmsg(c->db));
	}
	if (!pq.csv) {
		out->json = json_pack("{s:o, s:o}", "items", items, "next",
				      more ? json_sprintf("%lld", (long long)last) : json_null());
		return 200;
	}
	strbuf csv;
	sb_init(&csv);
	sb_add(&csv,
	       "\xEF\xBB\xBF公告编号,公布日期,样品名称,商标,规格型号,批号,生产日期,食品细类,食品大类,标称生产者,标称生产者地址,被抽样单位,被抽样单位地址,检验结论,不合格项目（检验结果；标准值）\r\n");
	size_t i;
	json_t *o;
	json_array_foreach (items, i, o)
		csv_row(&csv, o);
	json_decref(items);
	out->body = sb_take(&csv);
	out->ctype = "text/csv; charset=utf-8";
	return 200;
}

static int public_announcements(zj_ctx *c, const void *query, json_t *body, action_result *out)
{
	db_stmt *s;
	json_t *items = json_array();
	int rc = db_prepare(
		c->db,
		"SELECT announcement_no, title, issuer, published_on, period_from, period_to, sample_count FROM publications"
		" WHERE state = 'published' AND deleted = 0 ORDER BY published_on DESC, id DESC LIMIT 200",
		&s);
	if (rc == DB_OK) {
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
			json_array_append_new(items,
					      json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "announcement_no",
							str_or_null(s, 0), "title", str_or_null(s, 1), "issuer",
							str_or_null(s, 2), "published_on", str_or_null(s, 3),
							"period_from", str_or_null(s, 4), "period_to",
							str_or_null(s, 5), "samples", (json_int_t)db_col_int(s, 6)));
		db_finalize(s);
	}
	if (rc != DB_DONE) {
		json_decref(items);
		return ctx_internal(c, "public announcements", db_errmsg(c->db));
	}
	out->json = json_pack("{s:o}", "items", items);
	return 200;
}

/* The announcements of sampling results as the portal's notices (portal.c). */
json_t *food_public_notices(zj_ctx *c)
{
	db_stmt *s;
	json_t *items = json_array();
	if (db_prepare(c->db,
		       "SELECT announcement_no, title, issuer, published_on, sample_count FROM publications"
		       " WHERE state = 'published' AND deleted = 0 ORDER BY published_on DESC, id DESC LIMIT 100",
		       &s) == DB_OK) {
		while (db_step(s) == DB_ROW) {
			char body[160];
			snprintf(body, sizeof body, "公告编号 %s，共 %lld 批次样品。",
				 db_col_text(s, 0) ? db_col_text(s, 0) : "", (long long)db_col_int(s, 4));
			json_t *it =
				json_pack("{s:s, s:o, s:s, s:o, s:o, s:s, s:s}", "kind", "announcement", "title",
					  str_or_null(s, 1), "body", body, "issuer", str_or_null(s, 2), "published_on",
					  str_or_null(s, 3), "area", "food", "link", "sampling-results");
			json_object_set_new(it, "announcement_no", str_or_null(s, 0));
			json_array_append_new(items, it);
		}
		db_finalize(s);
	}
	return items;
}

static const public_endpoint pub_results = {"food_results", "GET", public_results};
static const public_endpoint pub_announcements = {"food_announcements", "GET", public_announcements};

/* ---- dashboard widgets ---- */

/* A name in the reader's language (issue 14 §13): column en when English is
 * asked and the row has an English name, else column zh. */
static const char *name_in(zj_ctx *c, db_stmt *s, int zh, int en)
{
	const char *e = c->en ? db_col_text(s, en) : NULL;
	return e && *e ? e : db_col_text(s, zh);
}

/* Failed samples of this year by food category and district (the supervisor's view). */
static json_t *widget_failed(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "samples.read");
	if (!sc || !ctx_can(c, "disposals.read"))
		return NULL;
	char year[5];
	snprintf(year, sizeof year, "%.4s", c->today);
	strbuf sql;
	sb_init(&sql);
	/* this year's failures in group order on samples_failed_year (migration 006;
	 * the expression must stay as the index spells it), names joined on the
	 * few groups */
	sb_add(&sql,
	       "SELECT cat.name, j.name, g.n, cat.name_en, j.name_en FROM (SELECT t.category_id AS cid, t.jurisdiction_id AS jid, COUNT(*) AS n FROM samples t"
	       " WHERE t.final_conclusion = 'fail' AND t.deleted = 0 AND substr(t.sampled_on, 1, 4) = ?");
	json_t *params = json_pack("[s]", year);
	crud_scope_sql(c, &ent_samples, sc, &sql, params);
	sb_add(&sql, " GROUP BY t.category_id, t.jurisdiction_id) g JOIN food_categories cat ON cat.id = g.cid"
		     " JOIN jurisdictions j ON j.id = g.jid ORDER BY g.n DESC, cat.name, j.name");
	json_t *rows = json_array();
	int64_t total = 0;
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			total += db_col_int(s, 2);
			json_array_append_new(rows,
					      json_pack("{s:s, s:s, s:I}", "category", name_in(c, s, 0, 3), "district",
							name_in(c, s, 1, 4), "count", (json_int_t)db_col_int(s, 2)));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) { /* the dashboard answers 500 (api.c h_dashboard) */
		json_decref(rows);
		ctx_internal(c, "widget food_failed_by_category_district", db_errmsg(c->db));
		return NULL;
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:I, s:o}", "id", "food_failed_by_category_district", "title",
			 "zh", "本年度不合格样品（按食品大类、区域）", "en",
			 "Non-conforming samples this year by category and district", "kind", "table", "year", year,
			 "total", (json_int_t)total, "rows", rows);
}

/* Disposals past their due date, oldest first. */
static json_t *widget_overdue(zj_ctx *c)
{
	unsigned sc = ctx_scope(c, "disposals.read");
	if (!sc)
		return NULL;
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql,
	       "SELECT t.id, t.due_on, s.code, s.product_name, j.name, t.state, t.kind, j.name_en FROM disposals t JOIN samples s ON s.id = t.sample_id"
	       " JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE t.deleted = 0 AND t.state IN ('opened', 'controlling', 'rectifying')"
	       " AND t.due_on < ?");
	json_t *params = json_pack("[s]", c->today);
	crud_scope_sql(c, &ent_disposals, sc, &sql, params);
	sb_add(&sql, " ORDER BY t.due_on, t.id LIMIT 50");
	json_t *items = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db, sql.s, &s);
	if (rc == DB_OK) {
		crud_bind_params(s, params, 1);
		date_days today, due;
		date_parse(c->today, &today);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			long late = date_parse(db_col_text(s, 1), &due) == DATE_OK ? date_diff(due, today) : 0;
			json_array_append_new(items,
					      json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "entity",
							"disposals", "id", (json_int_t)db_col_int(s, 0), "due_on",
							db_col_text(s, 1), "sample", db_col_text(s, 2), "product",
							db_col_text(s, 3), "district", name_in(c, s, 4, 7), "state",
							db_col_text(s, 5), "days_overdue", (json_int_t)late));
		}
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql);
	if (rc != DB_DONE) {
		json_decref(items);
		ctx_internal(c, "widget food_overdue_disposals", db_errmsg(c->db));
		return NULL;
	}
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:I, s:o}", "id", "food_overdue_disposals", "title", "zh",
			 "逾期未完成的核查处置", "en", "Overdue disposals", "kind", "list", "count",
			 (json_int_t)json_array_size(items), "items", items);
}

/* listed in the area's module_def (food.c) */
const public_endpoint *const food_publics[] = {&pub_results, &pub_announcements, NULL};
/* The supervisor's and the district officer's (their district, by data
 * scope) widgets, and the leaders' figures (food_kpi.c). */
const widget_def food_widgets[] = {
	{"food_kpi", food_kpi_widget, "food_plans.t.approve", "director"},
	{"food_failed_by_category_district", widget_failed, "disposals.read"},
	{"food_overdue_disposals", widget_overdue, "disposals.read"},
	{NULL},
};
