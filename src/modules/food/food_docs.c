/* food_docs.c — the food area's printed forms in the layout of the national
 * sampling templates (食品安全抽样检验管理办法, SAMR Order No. 15, and its
 * annexed forms; docs/food.md "Printed forms"):
 *   sampling_form   食品安全抽样检验抽样单 — filled and signed on site by the
 *                   samplers and the sampled business; issued when the sample
 *                   leaves for the lab (step `deliver`)
 *   test_report     检验报告 — the lab's report with each item's result, limit,
 *                   basis and verdict; issued on approval (step `approve`)
 *   result_notice   食品安全抽样检验结果通知书 — served on the business with its
 *                   rights (复检 within 7 working days, 食品安全法 Art. 88);
 *                   issued on service (step `serve`)
 * GET /api/v1/samples/{id}/actions/document?kind=K[&version=N]; without
 * kind, the list of kinds and whether each is ready or issued. Issued forms
 * are frozen by the core (core/docs.h) and printed exactly as issued. */
#include "core/audit.h"
#include "core/docs.h"
#include "core/privacy.h"
#include "modules/food/food.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const doc_store food_store = {"food_documents", "sample_id", "samples"};

typedef struct fdoc {
	zj_ctx *c;
	const json_t *row;
	strbuf *b;
	int unmask, used_personal;
} fdoc;

typedef struct fdoc_kind {
	const char *kind, *title;
	const field_msg *(*ready)(fdoc *d); /* NULL when ready, else why not */
	void (*render)(fdoc *d);
	const char *date_field; /* the instant the form is dated by */
} fdoc_kind;

static const char *v(fdoc *d, const char *k)
{
	return food_str(d->row, k);
}

/* The name of a referenced row (SQL, the reader's record is already in scope). */
static char *name_of(fdoc *d, const char *sql, const char *field)
{
	int64_t id = food_id_of(d->row, field);
	char *out = NULL;
	db_stmt *s;
	if (id > 0 && db_prepare(d->c->db, sql, &s) == DB_OK) {
		db_bind_int(s, 1, id);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			out = strdup(db_col_text(s, 0));
		db_finalize(s);
	}
	if (!out) /* none, or out of memory: the form shows a blank */
		return NULL;
	return out;
}

static void row(fdoc *d, const char *label, const char *value)
{
	docs_row(d->b, label, value);
}

static void row_ref(fdoc *d, const char *label, const char *sql, const char *field)
{
	char *n = name_of(d, sql, field);
	row(d, label, n);
	free(n);
}

static void row_dict(fdoc *d, const char *label, const char *dict, const char *field)
{
	char *t = docs_dict_zh(d->c, dict, v(d, field));
	row(d, label, t);
	free(t);
}

/* An instant as the local (Asia/Shanghai) date in words. */
static void row_day(fdoc *d, const char *label, const char *field)
{
	char day[11], cn[40];
	docs_date_cn(food_local_date(v(d, field), day) == 0 ? day : v(d, field), cn, sizeof cn);
	row(d, label, cn);
}

static void row_yuan(fdoc *d, const char *label, const char *field)
{
	json_t *f = json_object_get(d->row, field);
	char buf[48] = "";
	if (json_is_integer(f)) {
		long long fen = json_integer_value(f);
		snprintf(buf, sizeof buf, "%lld.%02lld元", fen / 100, fen % 100);
	}
	row(d, label, buf);
}

static void row_personal(fdoc *d, const char *label, const char *field)
{
	const char *x = v(d, field);
	if (!x || d->unmask) {
		d->used_personal |= x != NULL;
		row(d, label, x);
		return;
	}
	char *m = mask_value(x);
	row(d, label, m);
	free(m);
}

static void heading(fdoc *d, const char *title, const char *number)
{
	char *org = NULL;
	db_stmt *s;
	if (db_prepare(d->c->db, "SELECT name FROM units WHERE kind = 'bureau' AND deleted = 0 ORDER BY id LIMIT 1",
		       &s) == DB_OK) {
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			org = strdup(db_col_text(s, 0));
		db_finalize(s);
	}
	docs_head(d->b, org ? org : "", title, number);
	free(org);
}

static void sign(fdoc *d, const char *text)
{
	sb_add(d->b, "<div class=\"sign\">");
	docs_esc(d->b, text);
	sb_add(d->b, "</div>\n");
}

#define ENT_SQL "SELECT name FROM enterprises WHERE id = ?"
#define UNIT_SQL "SELECT name FROM units WHERE id = ?"

static void business_rows(fdoc *d)
{
	row_ref(d, "被抽样单位名称", ENT_SQL, "enterprise_id");
	row_ref(d, "统一社会信用代码", "SELECT uscc FROM enterprises WHERE id = ?", "enterprise_id");
	row_ref(d, "被抽样单位地址", "SELECT address FROM enterprises WHERE id = ?", "enterprise_id");
	row_ref(d, "许可证编号", "SELECT licence_no FROM enterprises WHERE id = ?", "enterprise_id");
}

static void product_rows(fdoc *d)
{
	row(d, "样品名称", v(d, "product_name"));
	row_ref(d, "食品分类", "SELECT name FROM food_categories WHERE id = ?", "food_id");
	row(d, "商标", v(d, "brand"));
	row(d, "规格型号", v(d, "specification"));
	row(d, "生产日期／批号", v(d, "production_date") ? v(d, "production_date") : v(d, "batch_no"));
	row(d, "保质期至", v(d, "expiry_date"));
	/* the labelled producer as written, else the registered enterprise it names */
	if (v(d, "producer_name") || !food_id_of(d->row, "producer_id")) {
		row(d, "标称生产者名称", v(d, "producer_name"));
		row(d, "标称生产者地址", v(d, "producer_address"));
	} else {
		row_ref(d, "标称生产者名称", ENT_SQL, "producer_id");
		row_ref(d, "标称生产者地址", "SELECT address FROM enterprises WHERE id = ?", "producer_id");
	}
}

/* ---- readiness ---- */

static const field_msg *r_form(fdoc *d)
{
	static const field_msg m = {"尚未抽样", "the sample has not been taken"};
	return v(d, "sampled_at") ? NULL : &m;
}
static const field_msg *r_report(fdoc *d)
{
	static const field_msg m = {"检验报告尚未出具", "the lab has not issued its report"};
	return v(d, "report_no") && v(d, "conclusion") ? NULL : &m;
}
static const field_msg *r_notice(fdoc *d)
{
	static const field_msg m = {"检验报告尚未审核批准", "the report has not been approved"};
	return v(d, "approved_at") ? NULL : &m;
}

/* ---- the forms ---- */

static void f_form(fdoc *d)
{
	heading(d, "食品安全抽样检验抽样单", v(d, "code"));
	docs_table(d->b);
	row_dict(d, "抽检类型", "sample_kind", "kind");
	row_dict(d, "抽样环节", "sampling_link", "link");
	row_ref(d, "任务来源（抽检计划）", "SELECT name FROM food_plans WHERE id = ?", "plan_id");
	business_rows(d);
	row(d, "抽样地点", v(d, "place"));
	product_rows(d);
	row(d, "抽样数量", v(d, "quantity"));
	row(d, "抽样基数", v(d, "sample_base"));
	row_yuan(d, "单价", "unit_price");
	row_yuan(d, "购样费用", "purchase_cost");
	row(d, "检验项目", v(d, "items"));
	row(d, "封样编号", v(d, "seal_no"));
	row_ref(d, "承检机构", UNIT_SQL, "lab_unit_id");
	row_day(d, "抽样日期", "sampled_at");
	row(d, "抽样人员（执法证号）", v(d, "samplers"));
	row_personal(d, "被抽样单位签字人", "enterprise_signer");
	docs_table_end(d->b);
	sb_add(d->b, "<p class=\"pre\">");
	docs_esc(d->b,
		 "被抽样单位对抽样程序、过程、封样状态及上述内容无异议。样品系购买取得，检验费用不向被抽样单位收取"
		 "（《中华人民共和国食品安全法》第八十七条）。");
	sb_add(d->b, "</p>\n");
	sign(d, "被抽样单位签字（盖章）：__________　　抽样人员签字：__________　　抽样单位（盖章）");
}

/* The items of the report: one row per result, as the lab entered it. */
static void result_table(fdoc *d)
{
	char sql[] = "SELECT item, value, unit, " FOOD_RESULT_TEXT("r", "limit_text") ", " FOOD_RESULT_TEXT(
		"r", "standard_ref") ", method, COALESCE(decided_verdict, verdict)"
				     " FROM results r WHERE sample_id = ? AND deleted = 0 ORDER BY id";
	json_t *rows = json_array();
	db_stmt *s;
	if (db_prepare(d->c->db, sql, &s) == DB_OK) { /* read to the end first (PostgreSQL streams rows) */
		db_bind_int(s, 1, food_id_of(d->row, "id"));
		while (db_step(s) == DB_ROW) {
			json_t *r = json_array();
			for (int i = 0; i < 7; i++)
				json_array_append_new(r, json_string(db_col_text(s, i) ? db_col_text(s, i) : ""));
			json_array_append_new(rows, r);
		}
		db_finalize(s);
	}
	sb_add(d->b, "<table class=\"list\"><tr><th>序号</th><th>检验项目</th><th>检验结果</th><th>单位</th>"
		     "<th>标准指标</th><th>判定依据</th><th>检验方法</th><th>单项结论</th></tr>\n");
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		char no[24];
		snprintf(no, sizeof no, "%zu", i + 1);
		sb_add(d->b, "<tr><td>");
		docs_esc(d->b, no);
		for (size_t k = 0; k < 6; k++) {
			sb_add(d->b, "</td><td>");
			docs_esc(d->b, json_string_value(json_array_get(r, k)));
		}
		char *verdict = docs_dict_zh(d->c, "item_verdict", json_string_value(json_array_get(r, 6)));
		sb_add(d->b, "</td><td>");
		docs_esc(d->b, verdict);
		sb_add(d->b, "</td></tr>\n");
		free(verdict);
	}
	json_decref(rows);
	docs_table_end(d->b);
}

static void f_report(fdoc *d)
{
	char *lab = name_of(d, UNIT_SQL, "lab_unit_id");
	heading(d, "检验报告", v(d, "report_no"));
	docs_table(d->b);
	row(d, "检验机构", lab);
	product_rows(d);
	business_rows(d);
	row(d, "抽样单编号", v(d, "code"));
	row_day(d, "抽样日期", "sampled_at");
	row_day(d, "收样日期", "received_at");
	row_day(d, "检验完成日期", "tested_at");
	row_dict(d, "检验结论", "conclusion", "conclusion");
	row(d, "不合格项目", v(d, "conclusion_note"));
	docs_table_end(d->b);
	sb_add(d->b, "<h3>检验结果</h3>\n");
	result_table(d);
	sign(d, "编制：__________　审核：__________　批准：__________");
	sign(d, lab ? lab : "");
	free(lab);
}

static void f_notice(fdoc *d)
{
	int fail = v(d, "conclusion") && !strcmp(v(d, "conclusion"), "fail");
	char *biz = name_of(d, ENT_SQL, "enterprise_id"), text[1400], sampled[40], *concl;
	char day[11];
	docs_date_cn(food_local_date(v(d, "sampled_at"), day) == 0 ? day : NULL, sampled, sizeof sampled);
	concl = docs_dict_zh(d->c, "conclusion", v(d, "conclusion"));
	heading(d, "食品安全抽样检验结果通知书", v(d, "code"));
	snprintf(text, sizeof text,
		 "%s：\n本机关于%s对你单位的%s（商标：%s，规格型号：%s，生产日期／批号：%s）进行了食品安全抽样检验，"
		 "经%s检验（报告编号：%s），检验结论为：%s。检验报告附后。",
		 biz ? biz : "", sampled, v(d, "product_name") ? v(d, "product_name") : "",
		 v(d, "brand") ? v(d, "brand") : "—", v(d, "specification") ? v(d, "specification") : "—",
		 v(d, "production_date") ? v(d, "production_date") : (v(d, "batch_no") ? v(d, "batch_no") : "—"),
		 "承检机构", v(d, "report_no") ? v(d, "report_no") : "", concl);
	sb_add(d->b, "<p class=\"pre\">");
	docs_esc(d->b, text);
	sb_add(d->b, "</p>\n");
	docs_table(d->b);
	row(d, "不合格项目", v(d, "conclusion_note"));
	row(d, "复检申请截止", v(d, "retest_deadline"));
	row(d, "异议提出截止", v(d, "objection_deadline"));
	docs_table_end(d->b);
	if (fail) {
		sb_add(d->b, "<p class=\"pre\">");
		docs_esc(
			d->b,
			"对检验结论有异议的，可以自收到本通知书之日起七个工作日内，向实施抽样检验的市场监督管理部门或者其上一级市场监督管理部门"
			"提出书面复检申请（《中华人民共和国食品安全法》第八十八条）；复检机构与初检机构不得为同一机构，复检费用由申请人先行垫付。"
			"你单位应当立即采取封存库存问题食品、暂停生产销售和使用、召回问题食品等措施控制风险，"
			"排查原因并整改，及时向本机关报告处理情况（《中华人民共和国食品安全法》第六十三条）。");
		sb_add(d->b, "</p>\n");
	}
	sign(d, "（组织抽样检验的市场监督管理部门印章）");
	sign(d, "被抽样单位签收：__________　　签收日期：____年__月__日");
	free(biz), free(concl);
}

static const fdoc_kind kinds[] = {
	{"sampling_form", "食品安全抽样检验抽样单", r_form, f_form, "sampled_at"},
	{"test_report", "检验报告", r_report, f_report, "tested_at"},
	{"result_notice", "食品安全抽样检验结果通知书", r_notice, f_notice, "served_at"},
};

static const fdoc_kind *kind_find(const char *k)
{
	for (size_t i = 0; k && i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].kind, k))
			return &kinds[i];
	return NULL;
}

static char *render_text(fdoc *d, const fdoc_kind *k)
{
	strbuf b;
	sb_init(&b);
	d->b = &b;
	k->render(d);
	sb_add(&b, "</body></html>\n");
	return sb_take(&b);
}

int food_freeze_document(zj_ctx *c, int64_t sample_id, const char *kind, const char *event)
{
	const fdoc_kind *k = kind_find(kind);
	json_t *r = crud_load(c, &ent_samples, sample_id);
	if (!k || !r) {
		json_decref(r);
		return DB_ERR;
	}
	fdoc d = {.c = c, .row = r, .unmask = 1};
	char *full = render_text(&d, k);
	d.unmask = 0;
	char *masked = render_text(&d, k);
	char day[11];
	const char *number = !strcmp(kind, "test_report") ? food_str(r, "report_no") : food_str(r, "code");
	int rc = docs_freeze(c, &food_store, sample_id, kind, event, full, masked, number,
			     food_local_date(food_str(r, k->date_field), day) == 0 ? day : NULL,
			     food_id_of(r, "jurisdiction_id"));
	free(full), free(masked);
	json_decref(r);
	return rc;
}

static json_t *list_kinds(fdoc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		json_t *f = docs_frozen(d->c, &food_store, food_id_of(d->row, "id"), kinds[i].kind, 0);
		const field_msg *why = f ? NULL : kinds[i].ready(d);
		json_t *it =
			json_pack("{s:s, s:s, s:b, s:s?, s:b}", "kind", kinds[i].kind, "title", kinds[i].title, "ready",
				  why == NULL, "why_not", why ? TR(d->c, why->zh, why->en) : NULL, "issued", f != NULL);
		if (f)
			docs_issued_info(it, f);
		json_decref(f);
		json_array_append_new(arr, it);
	}
	return json_pack("{s:o}", "documents", arr);
}

static const char *query_get(const void *q, const char *k)
{
	const kv_list *l = q;
	for (int i = 0; l && i < l->n; i++)
		if (!strcmp(l->items[i].k, k))
			return l->items[i].v;
	return NULL;
}

/* A document read is audited like any read of the record's personal data. */
static void audit_read(zj_ctx *c, int64_t id, const char *kind, int personal, const json_t *f)
{
	json_t *a = json_pack("{s:s, s:b}", "document", kind, "personal", personal);
	if (f)
		json_object_set(a, "seq", json_object_get(f, "seq"));
	audit_append(c, personal ? "read_personal" : "document", "samples", id, NULL, a);
	json_decref(a);
}

int food_act_document(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *r = crud_load(c, e, id);
	if (!r)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	fdoc d = {.c = c, .row = r, .unmask = privacy_can_see(c, e, id)};
	const char *kind = query_get(q, "kind"), *ver = query_get(q, "version");
	const fdoc_kind *k = kind_find(kind);
	long long vn = ver ? strtoll(ver, NULL, 10) : 0;
	json_t *f = k ? docs_frozen(c, &food_store, id, k->kind, vn > 0 ? vn : 0) : NULL;
	const field_msg *why = k && !f ? k->ready(&d) : NULL;
	int rc = 200;
	if (k && ver && !f)
		rc = ctx_problemf(c, PROB_NO_SUCH_DOCUMENT_VERSION, "%s", ver);
	else if (f) {
		out->body = strdup(json_string_value(json_object_get(f, d.unmask ? "content" : "content_masked")));
		if (!out->body)
			rc = ctx_internal(c, "document", "out of memory");
		out->ctype = "text/html; charset=utf-8";
		audit_read(c, id, k->kind, d.unmask, f);
	} else if (!kind)
		out->json = list_kinds(&d);
	else if (!k)
		rc = ctx_problem(c, PROB_NO_SUCH_DOCUMENT, kind);
	else if (why) {
		rc = ctx_problemf(c, PROB_DOCUMENT_NOT_READY, c->en ? "%s: %s" : "%s：%s", k->title,
				  TR(c, why->zh, why->en));
	} else {
		out->body = render_text(&d, k);
		out->ctype = "text/html; charset=utf-8";
		audit_read(c, id, k->kind, d.used_personal, NULL);
	}
	json_decref(f);
	json_decref(r);
	return rc;
}
