/* docs.c — the statutory documents of a case as printable HTML, generated
 * from the case's own data with the bureau's numbering (包质监罚字〔2026〕
 * 第N号): 立案审批表, 询问笔录, 调查终结报告, 法制审核意见, 行政处罚告知书,
 * 听证通知书, 会商纪要, 集体讨论记录, 行政处罚决定书, 送达回证, 结案审批表.
 * GET /api/v1/cases/{id}/actions/document?kind=K[&item=ID]; without kind,
 * the list of kinds and whether each is ready. Every value passes through
 * docs_esc (nothing in any input can add markup); documents that cite
 * evidence print each item's SHA-256; personal identifiers of the party are
 * masked unless the case lies in the scope of the reader's cases.personal
 * (and then the read is audited); the complainant or reporter never appears in any document. */
#include "core/audit.h"
#include "core/docs.h"
#include "core/calendar.h"
#include "lib/date.h"
#include "core/privacy.h"
#include "modules/cases/cases.h"
#include "lib/num.h"
#include "lib/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct doc {
	zj_ctx *c;
	const json_t *row;
	cs_config cfg;
	strbuf *b;
	int unmask, used_personal;
	int64_t item;
	const char *date_field; /* the document's own date: evidence registered later is not in it */
} doc;

typedef struct doc_kind {
	const char *kind, *title;
	const char *(*ready)(doc *d); /* NULL when ready, else why not (zh) */
	void (*render)(doc *d);
	const char *date_field, *number_field; /* issued on / numbered by (NULL: none, or the case number) */
} doc_kind;

/* ---- building blocks ---- */

static const char *v(doc *d, const char *k)
{
	return cs_str(d->row, k);
}

static void esc(doc *d, const char *s)
{
	docs_esc(d->b, s);
}

#define dict_zh docs_dict_zh
#define date_cn docs_date_cn

static void row_text(doc *d, const char *label, const char *value)
{
	sb_add(d->b, "<tr><th>");
	esc(d, label);
	sb_add(d->b, "</th><td class=\"pre\">");
	esc(d, value);
	sb_add(d->b, "</td></tr>\n");
}

static void row_field(doc *d, const char *label, const char *field)
{
	row_text(d, label, v(d, field));
}

static void row_date(doc *d, const char *label, const char *field)
{
	char buf[40];
	date_cn(v(d, field), buf, sizeof buf);
	row_text(d, label, buf);
}

static void row_money(doc *d, const char *label, const char *field)
{
	char buf[48], out[64];
	cs_yuan(cs_int(d->row, field), buf, sizeof buf);
	snprintf(out, sizeof out, "%s元", buf);
	row_text(d, label, json_is_integer(json_object_get(d->row, field)) ? out : "");
}

static void row_dict(doc *d, const char *label, const char *dict, const char *field)
{
	char *codes = cs_joined(d->row, field), *t = dict_zh(d->c, dict, codes);
	row_text(d, label, t);
	free(codes), free(t);
}

/* A personal identifier: masked unless the reader may see it (then audited). */
static void row_personal(doc *d, const char *label, const char *value)
{
	if (!value) {
		row_text(d, label, "");
		return;
	}
	if (d->unmask) {
		d->used_personal = 1;
		row_text(d, label, value);
		return;
	}
	char *m = mask_value(value);
	row_text(d, label, m);
	free(m);
}

static void para(doc *d, const char *text)
{
	sb_add(d->b, "<p class=\"pre\">");
	esc(d, text);
	sb_add(d->b, "</p>\n");
}

static void table_open(doc *d)
{
	sb_add(d->b, "<table>\n");
}
static void table_close(doc *d)
{
	sb_add(d->b, "</table>\n");
}

static void heading(doc *d, const char *title, const char *number)
{
	docs_head(d->b, d->cfg.bureau, title, number);
}

static void sign(doc *d, const char *who, const char *date_field)
{
	char buf[40];
	date_cn(date_field ? v(d, date_field) : NULL, buf, sizeof buf);
	sb_add(d->b, "<div class=\"sign\">");
	esc(d, who);
	sb_add(d->b, "<br>");
	esc(d, buf);
	sb_add(d->b, "</div>\n");
}

/* 包质监罚告字〔2026〕第N号 from the case's filing number. */
static void number_with(doc *d, const char *word, char *buf, size_t n)
{
	if (cs_int(d->row, "filing_seq") > 0)
		snprintf(buf, n, "%s〔%lld〕第%lld号", word, (long long)cs_int(d->row, "filing_year"),
			 (long long)cs_int(d->row, "filing_seq"));
	else
		snprintf(buf, n, "%s〔____〕第____号", word);
}

static void party_rows(doc *d)
{
	row_field(d, "当事人", "party_name");
	row_dict(d, "当事人类型", "case_party_type", "party_type");
	row_field(d, "统一社会信用代码", "party_uscc");
	row_field(d, "法定代表人（负责人）", "party_rep");
	row_personal(d, "身份证件号码", v(d, "party_id_no"));
	row_field(d, "住所（地址）", "party_address");
	row_personal(d, "联系电话", v(d, "party_phone"));
}

/* Rows of a query as JSON arrays of text (NULL → null). Statements are
 * read to the end before anything else runs: the PostgreSQL driver streams
 * rows (single-row mode), so no query may run while another is open. */
static json_t *rows_of(zj_ctx *c, const char *sql, int64_t id)
{
	json_t *rows = json_array();
	db_stmt *s;
	if (db_prepare(c->db, sql, &s) != DB_OK) {
		ctx_internal(c, "document rows", db_errmsg(c->db)); /* no document from a failed read */
		return rows;
	}
	db_bind_int(s, 1, id);
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		json_t *r = json_array();
		for (int i = 0; i < db_ncols(s); i++)
			json_array_append_new(r, db_col_text(s, i) ? json_string(db_col_text(s, i)) : json_null());
		json_array_append_new(rows, r);
	}
	db_finalize(s);
	if (rc != DB_DONE)
		ctx_internal(c, "document rows", db_errmsg(c->db));
	return rows;
}

static const char *col(const json_t *r, size_t i)
{
	return json_string_value(json_array_get(r, i));
}

/* The evidence list with each item's SHA-256 (DESIGN.md §6). */
static void evidence_table(doc *d)
{
	/* Only what was registered by the end of the document's date (Beijing time,
	 * UTC+8: day D ends at D 16:00Z) and collected by then. */
	const char *on = d->date_field ? v(d, d->date_field) : NULL;
	char until[32] = "9999-12-31T23:59:59Z", day[11] = "9999-12-31";
	date_days dd;
	if (on && date_parse(on, &dd) == DATE_OK) {
		snprintf(until, sizeof until, "%sT16:00:00Z", on);
		snprintf(day, sizeof day, "%s", on);
	}
	json_t *rows = json_array();
	db_stmt *s;
	int rc = db_prepare(
		d->c->db,
		"SELECT seq, title, kind, sha256, size, collected_on FROM case_evidence WHERE case_id = ? AND deleted = 0"
		" AND created_at < ? AND (collected_on IS NULL OR collected_on <= ?) ORDER BY seq",
		&s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, cs_int(d->row, "id"));
		db_bind_text(s, 2, until), db_bind_text(s, 3, day);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
			json_t *r = json_array();
			for (int i = 0; i < db_ncols(s); i++)
				json_array_append_new(r,
						      db_col_text(s, i) ? json_string(db_col_text(s, i)) : json_null());
			json_array_append_new(rows, r);
		}
		db_finalize(s);
	}
	if (rc != DB_DONE) /* an evidence list missing items: no document (ctx_failed is checked) */
		ctx_internal(d->c, "evidence list", db_errmsg(d->c->db));
	sb_add(d->b,
	       "<table class=\"list\"><tr><th>序号</th><th>证据名称</th><th>种类</th><th>取证日期</th><th>SHA-256 / 字节</th></tr>\n");
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		char *kind = dict_zh(d->c, "case_evidence_kind", col(r, 2));
		sb_add(d->b, "<tr><td>");
		esc(d, col(r, 0));
		sb_add(d->b, "</td><td>");
		esc(d, col(r, 1));
		sb_add(d->b, "</td><td>");
		esc(d, kind);
		sb_add(d->b, "</td><td>");
		esc(d, col(r, 5));
		sb_add(d->b, "</td><td class=\"hash\">");
		esc(d, col(r, 3));
		sb_add(d->b, " / ");
		esc(d, col(r, 4));
		sb_add(d->b, "</td></tr>\n");
		free(kind);
	}
	json_decref(rows);
	sb_add(d->b, "</table>\n");
}

/* ---- readiness ---- */

static const char *r_filing(doc *d)
{
	return v(d, "cause") ? NULL : "尚未提请立案";
}
static const char *r_report(doc *d)
{
	return v(d, "report_on") ? NULL : "调查尚未终结";
}
static const char *r_review(doc *d)
{
	return v(d, "reviewed_on") ? NULL : "法制审核尚未完成";
}
static const char *r_notice(doc *d)
{
	return v(d, "report_on") && v(d, "case_no") ? NULL : "调查尚未终结";
}
static const char *r_hearing(doc *d)
{
	return v(d, "hearing_on") ? NULL : "尚未确定听证日期";
}
static const char *r_discussion(doc *d)
{
	return v(d, "discussion_on") ? NULL : "尚未集体讨论";
}
static const char *r_decision(doc *d)
{
	return v(d, "decision_no") ? NULL : "尚未作出行政处罚决定";
}
static const char *r_closure(doc *d)
{
	const char *st = v(d, "state");
	return v(d, "closed_on") || !strcmp(st, "paid") || !strcmp(st, "served") || !strcmp(st, "no_penalty")
		       ? NULL
		       : "案件尚不具备结案条件";
}

static int64_t item_of(doc *d, const char *table, const char *extra)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE case_id = ? AND deleted = 0%s%s ORDER BY id DESC LIMIT 1",
		 table, d->item > 0 ? " AND id = ?" : "", extra);
	char a[24], b[24];
	CS_ID(a, cs_int(d->row, "id")), CS_ID(b, d->item);
	const char *p[] = {a, b};
	return db_query_int(d->c->db, sql, d->item > 0 ? 2 : 1, p, 0);
}

static const char *r_inquiry(doc *d)
{
	return item_of(d, "case_inquiries", "") > 0 ? NULL : "本案没有该询问笔录";
}
static const char *r_minutes(doc *d)
{
	return item_of(d, "consultations", " AND state IN ('held', 'concluded')") > 0 ? NULL : "本案没有已召开的会商";
}

/* ---- the documents ---- */

static void d_filing(doc *d)
{
	heading(d, "立案审批表", v(d, "case_no") ? v(d, "case_no") : "（批准后编号）");
	table_open(d);
	row_field(d, "案件名称", "title");
	row_dict(d, "案件来源", "case_source", "source");
	row_date(d, "线索接收日期", "received_on");
	party_rows(d);
	row_field(d, "案由", "cause");
	row_field(d, "线索及案情摘要", "summary");
	row_field(d, "承办人意见", "filing_opinion");
	row_field(d, "承办人", "officers");
	row_text(d, "负责人审批意见", v(d, "filed_on") ? "同意立案" : "");
	row_date(d, "立案日期", "filed_on");
	table_close(d);
}

static void d_inquiry(doc *d)
{
	int64_t qid = item_of(d, "case_inquiries", "");
	json_t *q = crud_load(d->c, &cs_ent_inquiries, qid);
	const json_t *keep = d->row;
	heading(d, "询问笔录", v(d, "case_no"));
	d->row = q;
	int unmask_case = d->unmask;
	d->unmask =
		privacy_can_see(d->c, &cs_ent_inquiries, qid); /* the scope of inquiries.personal over this record */
	table_open(d);
	row_field(d, "询问时间", "started_at");
	row_field(d, "结束时间", "ended_at");
	row_field(d, "询问地点", "place");
	row_field(d, "询问人（执法证号）", "investigators");
	row_field(d, "记录人", "recorder");
	row_field(d, "被询问人", "person_name");
	row_dict(d, "身份", "case_inquiry_role", "person_role");
	row_personal(d, "身份证件号码", v(d, "person_id_no"));
	row_personal(d, "联系电话", v(d, "person_phone"));
	row_field(d, "工作单位及职务", "person_employer");
	table_close(d);
	para(d, "执法人员已出示执法证件，告知被询问人有如实回答询问、协助调查的义务，以及申请回避的权利。");
	para(d, v(d, "content"));
	sb_add(d->b,
	       "<div class=\"sign\">被询问人签名：__________　询问人签名：__________　记录人签名：__________</div>\n");
	d->unmask = unmask_case;
	d->row = keep;
	json_decref(q);
}

static void d_report(doc *d)
{
	heading(d, "调查终结报告", v(d, "case_no"));
	table_open(d);
	row_field(d, "案件名称", "title");
	row_field(d, "案由", "cause");
	party_rows(d);
	row_date(d, "立案日期", "filed_on");
	row_date(d, "调查终结日期", "report_on");
	row_field(d, "违法事实", "findings");
	row_field(d, "处罚依据", "legal_basis");
	row_dict(d, "拟处罚种类", "case_penalty_kind", "penalty_kinds");
	row_money(d, "拟罚款金额", "proposed_fine_fen");
	row_money(d, "没收金额", "confiscation_fen");
	row_text(d, "重大案件认定", cs_bool(d->row, "is_major") ? v(d, "major_reasons") : "否");
	row_field(d, "承办人", "officers");
	table_close(d);
	sb_add(d->b, "<h3>证据清单</h3>\n");
	evidence_table(d);
}

static void d_review(doc *d)
{
	heading(d, "法制审核意见书", v(d, "case_no"));
	table_open(d);
	row_field(d, "案件名称", "title");
	row_field(d, "当事人", "party_name");
	row_date(d, "送审日期", "review_sent_on");
	row_date(d, "审核完成日期", "reviewed_on");
	row_dict(d, "审核结论", "case_review_result", "review_result");
	row_field(d, "审核意见", "legal_opinion");
	table_close(d);
	para(d, "审核依据：《中华人民共和国行政处罚法》第五十八条；法制审核应当自收到材料之日起十个工作日内完成。");
	sign(d, "法制审核机构（签章）", "reviewed_on");
}

static void statement_deadline(doc *d, char *buf, size_t n)
{
	date_days s, due;
	struct wd_calendar *cal = NULL;
	buf[0] = 0;
	if (!cs_date(d->row, "notice_served_on", &s))
		return;
	cal = calendar_load(d->c->db);
	if (cal && wd_add(cal, s, 5, &due, NULL) == WD_OK) {
		char iso[11];
		date_format(due, iso);
		date_cn(iso, buf, n);
	}
	calendar_free(cal);
}

static void d_notice(doc *d)
{
	char no[120], due[40], until[64] = "", text[1200];
	int hearing = cs_case_hearing_entitled(d->row, &d->cfg);
	number_with(d, d->cfg.notice_word, no, sizeof no);
	heading(d, "行政处罚告知书", no);
	sb_add(d->b, "<p>");
	esc(d, v(d, "party_name"));
	sb_add(d->b, "：</p>\n");
	para(d, "经调查，本机关认定你（单位）存在以下违法事实：");
	para(d, v(d, "findings"));
	para(d, "以上事实有下列证据证明：");
	evidence_table(d);
	table_open(d);
	row_field(d, "处罚依据", "legal_basis");
	row_dict(d, "拟作出的行政处罚", "case_penalty_kind", "penalty_kinds");
	row_money(d, "拟罚款金额", "proposed_fine_fen");
	row_money(d, "拟没收金额", "confiscation_fen");
	table_close(d);
	statement_deadline(d, due, sizeof due);
	if (due[0])
		snprintf(until, sizeof until, "（截至%s）", due);
	snprintf(text, sizeof text,
		 "根据《中华人民共和国行政处罚法》第四十四条、第四十五条%s的规定，你（单位）享有陈述、申辩%s的权利。"
		 "请于收到本告知书之日起五个工作日内%s向本机关提出；逾期未提出的，视为放弃上述权利。",
		 hearing ? "、第六十三条、第六十四条" : "", hearing ? "和要求听证" : "", until);
	para(d, text);
	sign(d, d->cfg.bureau, "notice_served_on");
}

static void d_hearing(doc *d)
{
	char no[120];
	number_with(d, d->cfg.hearing_word, no, sizeof no);
	heading(d, "听证通知书", no);
	sb_add(d->b, "<p>");
	esc(d, v(d, "party_name"));
	sb_add(d->b, "：</p>\n");
	table_open(d);
	row_date(d, "收到听证申请日期", "hearing_requested_on");
	row_date(d, "听证日期", "hearing_on");
	row_field(d, "听证地点", "hearing_place");
	row_date(d, "本通知送达日期", "hearing_notice_on");
	table_close(d);
	para(d,
	     "根据《中华人民共和国行政处罚法》第六十四条，本机关于举行听证的七个工作日前通知你（单位）。你（单位）可以亲自参加听证，"
	     "也可以委托一至二人代理；认为主持人与本案有直接利害关系的，有权申请回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。");
	sign(d, d->cfg.bureau, "hearing_notice_on");
}

/* An instant as the bureau reads it: "2026-12-07T17:11:29Z" → "2026-12-08 01:11"
 * (Asia/Shanghai, UTC+8, no DST); anything else unchanged. */
static void local_instant(const char *iso, char out[32])
{
	char day[11];
	date_days dd;
	int h, m;
	snprintf(out, 32, "%s", iso ? iso : "");
	if (!iso || strlen(iso) < 16 || iso[10] != 'T' || sscanf(iso + 11, "%2d:%2d", &h, &m) != 2)
		return;
	snprintf(day, sizeof day, "%.10s", iso);
	if (date_parse(day, &dd) != DATE_OK)
		return;
	h += 8;
	if (h >= 24)
		h -= 24, dd++;
	char ds[DATE_STRLEN];
	date_format(dd, ds);
	snprintf(out, 32, "%s %02d:%02d", ds, h, m);
}

static void opinion_rows(doc *d, int64_t cons)
{
	json_t *rows = rows_of(
		d->c,
		"SELECT u.name, r.kind, o.opinion, o.reasons, o.amendment, o.signer, o.signed_at FROM case_referrals r"
		" JOIN units u ON u.id = r.unit_id LEFT JOIN consultation_opinions o ON o.consultation_id = r.consultation_id"
		" AND o.unit_id = r.unit_id AND o.deleted = 0 WHERE r.consultation_id = ? AND r.deleted = 0 ORDER BY r.id",
		cons);
	sb_add(d->b, "<table class=\"list\"><tr><th>单位</th><th>意见</th><th>理由及修改意见</th><th>签署</th></tr>\n");
	size_t i;
	json_t *r;
	json_array_foreach (rows, i, r) {
		char *op = col(r, 2) ? dict_zh(d->c, "case_opinion", col(r, 2)) : strdup("未签署意见");
		sb_add(d->b, "<tr><td>");
		esc(d, col(r, 0));
		sb_add(d->b, "</td><td>");
		esc(d, op);
		sb_add(d->b, "</td><td class=\"pre\">");
		esc(d, col(r, 3));
		if (col(r, 4)) {
			sb_add(d->b, "\n修改意见：");
			esc(d, col(r, 4));
		}
		sb_add(d->b, "</td><td>");
		esc(d, col(r, 5));
		sb_add(d->b, " ");
		char at[32];
		local_instant(col(r, 6), at);
		esc(d, at);
		sb_add(d->b, "</td></tr>\n");
		free(op);
	}
	json_decref(rows);
	sb_add(d->b, "</table>\n");
}

static void d_minutes(doc *d)
{
	int64_t cons = item_of(d, "consultations", " AND state IN ('held', 'concluded')");
	json_t *k = crud_load(d->c, &cs_ent_consultations, cons);
	const json_t *keep = d->row;
	heading(d, "重大行政处罚案件会商纪要", cs_str(keep, "case_no"));
	table_open(d);
	row_text(d, "案件名称", cs_str(keep, "title"));
	row_text(d, "当事人", cs_str(keep, "party_name"));
	d->row = k;
	row_field(d, "会商议题", "subject");
	row_date(d, "召集日期", "convened_on");
	row_date(d, "召开日期", "held_on");
	row_field(d, "地点", "place");
	row_field(d, "主持人", "host");
	row_field(d, "会商材料及议程", "agenda");
	row_field(d, "列席人员", "attendees");
	table_close(d);
	sb_add(d->b, "<h3>参加单位及意见</h3>\n");
	opinion_rows(d, cons);
	table_open(d);
	row_field(d, "会商结果", "outcome");
	row_field(d, "会商结论", "conclusion");
	row_text(d, "不同意见", cs_str(k, "dissent") ? cs_str(k, "dissent") : "无");
	table_close(d);
	para(d, "本纪要根据会商记录及各单位签署的意见生成，不同意见如实记载，提交负责人集体讨论。");
	d->row = keep;
	json_decref(k);
}

static void d_discussion(doc *d)
{
	heading(d, "重大案件集体讨论记录", v(d, "case_no"));
	table_open(d);
	row_field(d, "案件名称", "title");
	row_field(d, "当事人", "party_name");
	row_date(d, "讨论日期", "discussion_on");
	row_field(d, "参加人员", "discussion_participants");
	row_field(d, "案情及调查终结意见", "findings");
	row_dict(d, "拟处罚种类", "case_penalty_kind", "penalty_kinds");
	row_money(d, "拟罚款金额", "proposed_fine_fen");
	row_field(d, "法制审核意见", "legal_opinion");
	row_field(d, "陈述申辩及听证情况", "statement_summary");
	row_field(d, "听证情况", "hearing_summary");
	row_field(d, "会商结论", "consultation_outcome");
	row_field(d, "会商中的不同意见", "consultation_dissent");
	row_field(d, "集体讨论决定", "discussion_conclusion");
	table_close(d);
	para(d, "依据：《中华人民共和国行政处罚法》第五十七条第二款。");
}

static void d_decision(doc *d)
{
	heading(d, "行政处罚决定书", v(d, "decision_no"));
	table_open(d);
	party_rows(d);
	table_close(d);
	para(d, "违法事实：");
	para(d, v(d, "findings"));
	para(d, "证据：");
	evidence_table(d);
	table_open(d);
	row_field(d, "陈述申辩及采纳情况", "statement_summary");
	row_field(d, "听证情况", "hearing_summary");
	row_field(d, "处罚依据", "legal_basis");
	row_dict(d, "处罚种类", "case_penalty_kind", "penalty_kinds");
	row_money(d, "罚款", "fine_fen");
	row_field(d, "处罚内容", "decision_summary");
	table_close(d);
	char text[1600];
	cs_late l;
	if (cs_int(d->row, "fine_fen") > 0) {
		char due[64] = "";
		if (cs_case_late(d->c, d->row, NULL, &l) == 0) { /* served: the same terms as the guard and the clock */
			char cn[40];
			date_cn(l.due, cn, sizeof cn);
			snprintf(due, sizeof due, "（即%s前）", cn);
		}
		snprintf(
			text, sizeof text,
			"履行方式和期限：当事人应当自收到本决定书之日起十五日内%s，持本决定书到%s缴纳罚款，或者通过%s缴纳。"
			"到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款数额"
			"（《中华人民共和国行政处罚法》第六十七条、第七十二条）。确有经济困难需要延期或者分期缴纳的，可以书面申请，经本机关批准后执行（第六十六条）。",
			due, d->cfg.payment_bank, d->cfg.payment_online);
		para(d, text);
	}
	/* How each non-fine penalty is carried out (Art. 59 para 1 (4)). */
	static const struct {
		const char *code, *how;
	} carry[] = {
		{"warning", "警告自本决定书送达之日起生效，当事人应当立即改正违法行为。"},
		{"criticism", "通报批评由本机关在本行政区域内予以通报。"},
		{"confiscate_gains", "没收的违法所得与罚款一并按上述方式缴纳。"},
		{"confiscate_goods", "没收的非法财物由本机关依法处理；已查封、扣押的，自本决定书送达之日起予以没收。"},
		{"suspend_licence", "当事人应当自收到本决定书之日起十五日内将许可证件交本机关暂扣。"},
		{"lower_qualification", "降低资质等级由本机关通知发证机关依法办理。"},
		{"revoke_licence", "当事人应当自收到本决定书之日起十五日内交回许可证件，由发证机关依法注销。"},
		{"limit_business", "当事人应当自收到本决定书之日起按决定的范围和期限停止相关生产经营活动。"},
		{"stop_production", "当事人应当自收到本决定书之日起停产停业，改正后经本机关核查方可恢复。"},
		{"close_down", "当事人应当自收到本决定书之日起停止生产经营，依法办理关闭手续。"},
		{"limit_employment", "受限制人员自本决定书送达之日起在决定的期限内不得从事相关职业。"},
	};
	char *kinds = cs_joined(d->row, "penalty_kinds");
	for (size_t i = 0; i < sizeof carry / sizeof carry[0]; i++)
		if (clist_has(kinds, carry[i].code))
			para(d, carry[i].how);
	snprintf(
		text, sizeof text,
		"当事人对本决定不服的，可以自收到本决定书之日起六十日内向%s申请行政复议，或者自收到本决定书之日起六个月内依法向%s提起行政诉讼。"
		"申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外；加处罚款的数额在行政复议或者行政诉讼期间不予计算"
		"（《中华人民共和国行政处罚法》第五十九条、第七十三条）。",
		d->cfg.reconsideration_body, d->cfg.court);
	para(d, text);
	/* 市场监督管理行政处罚信息公示规定 Art. 2: a warning alone is not published. */
	if (!cs_publication_exempt(kinds))
		para(d, "本决定将依照《市场监督管理行政处罚信息公示规定》在国家企业信用信息公示系统予以公示。");
	free(kinds);
	sign(d, d->cfg.bureau, "decided_on");
}

static void d_receipt(doc *d)
{
	char title[200];
	snprintf(title, sizeof title, "行政处罚决定书（%s）", v(d, "decision_no"));
	heading(d, "送达回证", v(d, "decision_no"));
	table_open(d);
	row_text(d, "送达文书", title);
	row_text(d, "受送达人", v(d, "party_name"));
	row_field(d, "送达地点", "party_address");
	row_dict(d, "送达方式", "case_service_method", "service_method");
	row_date(d, "送达日期", "served_on");
	row_text(d, "受送达人签名或盖章", "");
	row_text(d, "送达人签名", "");
	row_text(d, "见证人", "");
	row_text(d, "备注", "");
	table_close(d);
}

static void d_closure(doc *d)
{
	heading(d, "结案审批表", v(d, "case_no"));
	table_open(d);
	row_field(d, "案件名称", "title");
	row_field(d, "当事人", "party_name");
	row_date(d, "立案日期", "filed_on");
	row_field(d, "处罚决定书文号", "decision_no");
	row_date(d, "决定日期", "decided_on");
	row_field(d, "处罚内容", "decision_summary");
	row_field(d, "不予处罚理由", "no_penalty_reason");
	row_date(d, "送达日期", "served_on");
	row_money(d, "罚款", "fine_fen");
	row_money(d, "实缴金额", "paid_fen");
	row_money(d, "加处罚款", "late_fee_fen");
	row_date(d, "缴款日期", "paid_on");
	row_date(d, "申请强制执行日期", "enforcement_on");
	row_date(d, "信息公示日期", "published_on");
	row_field(d, "结案报告", "closure_summary");
	row_text(d, "负责人审批意见", v(d, "closed_on") ? "同意结案" : "");
	row_date(d, "结案日期", "closed_on");
	table_close(d);
}

static const doc_kind kinds[] = {
	{"filing_approval", "立案审批表", r_filing, d_filing, "filed_on", "case_no"},
	{"inquiry", "询问笔录", r_inquiry, d_inquiry, NULL, NULL},
	{"investigation_report", "调查终结报告", r_report, d_report, "report_on", "case_no"},
	{"legal_review", "法制审核意见书", r_review, d_review, "reviewed_on", "case_no"},
	{"prior_notice", "行政处罚告知书", r_notice, d_notice, "notice_served_on", NULL},
	{"hearing_notice", "听证通知书", r_hearing, d_hearing, "hearing_notice_on", NULL},
	{"consultation_minutes", "会商纪要", r_minutes, d_minutes, NULL, NULL},
	{"discussion_record", "集体讨论记录", r_discussion, d_discussion, "discussion_on", "case_no"},
	{"decision", "行政处罚决定书", r_decision, d_decision, "decided_on", "decision_no"},
	{"service_receipt", "送达回证", r_decision, d_receipt, "served_on", "decision_no"},
	{"closure_approval", "结案审批表", r_closure, d_closure, "closed_on", "case_no"},
};

static const doc_kind *kind_find(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	return NULL;
}

/* ---- frozen documents: the exact text as issued, with its SHA-256 ---- */

static const doc_store case_docs = {"case_documents", "case_id", "cases"};

/* The latest frozen version of kind (or version seq when > 0), or NULL. */
static json_t *frozen(zj_ctx *c, int64_t case_id, const char *kind, int64_t seq)
{
	return docs_frozen(c, &case_docs, case_id, kind, seq);
}

static char *render_text(doc *d, const doc_kind *k)
{
	strbuf b;
	sb_init(&b);
	d->b = &b;
	d->date_field = k->date_field;
	k->render(d);
	sb_add(&b, "</body></html>\n");
	return sb_take(&b);
}

int cs_freeze_document(zj_ctx *c, int64_t case_id, const char *kind, const char *event)
{
	const doc_kind *k = kind_find(kind);
	json_t *row = crud_load(c, &cs_ent_cases, case_id);
	if (!k || !row) {
		json_decref(row);
		return DB_ERR;
	}
	doc d = {.c = c, .row = row, .unmask = 1};
	cs_config_load(c, cs_str(row, "received_on"), &d.cfg);
	char *full = render_text(&d, k);
	d.unmask = 0;
	char *masked = render_text(&d, k);
	const char *number = k->number_field ? cs_str(row, k->number_field) : NULL;
	char nbuf[120];
	if (!k->number_field) {
		number_with(&d, !strcmp(kind, "prior_notice") ? d.cfg.notice_word : d.cfg.hearing_word, nbuf,
			    sizeof nbuf);
		number = nbuf;
	}
	const char *dd = k->date_field ? cs_str(row, k->date_field) : NULL;
	int rc = docs_freeze(c, &case_docs, case_id, kind, event, full, masked, number, dd,
			     cs_int(row, "jurisdiction_id"));
	free(full), free(masked);
	json_decref(row);
	return rc;
}

/* Why a document cannot be made yet, in the reader's language (issue 14 §13). */
static const char *why_in(zj_ctx *c, const char *why)
{
	static const char *const en[][2] = {
		{"尚未提请立案", "filing not yet requested"},
		{"调查尚未终结", "investigation not yet finished"},
		{"法制审核尚未完成", "legal review not yet done"},
		{"尚未确定听证日期", "no hearing date yet"},
		{"尚未集体讨论", "no collective discussion yet"},
		{"尚未作出行政处罚决定", "no penalty decision yet"},
		{"案件尚不具备结案条件", "the case cannot be closed yet"},
		{"本案没有该询问笔录", "no such record of inquiry in this case"},
		{"本案没有已召开的会商", "no consultation held in this case"},
	};
	for (size_t i = 0; why && c->en && i < sizeof en / sizeof en[0]; i++)
		if (!strcmp(why, en[i][0]))
			return en[i][1];
	return why;
}

static json_t *list_kinds(doc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		json_t *f = frozen(d->c, cs_int(d->row, "id"), kinds[i].kind, 0);
		const char *why = f ? NULL : kinds[i].ready(d);
		json_t *it = json_pack("{s:s, s:s, s:b, s:s?, s:b}", "kind", kinds[i].kind, "title", kinds[i].title,
				       "ready", why == NULL, "why_not", why_in(d->c, why), "issued", f != NULL);
		if (f) /* the issued version: its number, date, hash and how many versions */
			docs_issued_info(it, f);
		json_decref(f);
		json_array_append_new(arr, it);
	}
	return json_pack("{s:o}", "documents", arr);
}

static void render(doc *d, const doc_kind *k, const entity_def *e, int64_t id, action_result *out)
{
	out->body = render_text(d, k);
	out->ctype = "text/html; charset=utf-8";
	json_t *a = json_pack("{s:s, s:b}", "document", k->kind, "personal", d->used_personal);
	audit_append(d->c, d->used_personal ? "read_personal" : "document", e->name, id, NULL, a);
	json_decref(a);
}

int cs_act_document(zj_ctx *c, const entity_def *e, int64_t id, const void *q, json_t *body, action_result *out)
{
	json_t *row = crud_load(c, e, id);
	if (!row)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	/* unmasked only where this case lies in the reader's personal-data scope */
	doc d = {.c = c, .row = row, .unmask = privacy_can_see(c, e, id)};
	const char *kind = cs_query(q, "kind"), *item = cs_query(q, "item"), *ver = cs_query(q, "version");
	d.item = num_or(item, 0, INT64_MAX, 0);
	cs_config_load(c, cs_str(row, "received_on"), &d.cfg);
	const doc_kind *k = kind_find(kind);
	int rc = 200;
	/* An issued document is printed exactly as issued (the latest version, or ?version=N). */
	json_t *f = k ? frozen(c, id, k->kind, ver ? num_or(ver, 1, INT64_MAX, -1) : 0) : NULL;
	if (ctx_failed(c)) { /* the rules or the issued text could not be read: not "no such version" */
		json_decref(f), json_decref(row);
		return c->status;
	}
	const char *why = k && !f ? k->ready(&d) : NULL;
	if (k && ver && !f)
		rc = ctx_problemf(c, PROB_NO_SUCH_DOCUMENT_VERSION, "%s", ver);
	else if (f) {
		out->body = xstrdup(json_string_value(json_object_get(f, d.unmask ? "content" : "content_masked")));
		out->ctype = "text/html; charset=utf-8";
		json_t *a = json_pack("{s:s, s:b, s:O, s:O}", "document", k->kind, "personal", d.unmask, "seq",
				      json_object_get(f, "seq"), "sha256", json_object_get(f, "sha256"));
		audit_append(c, d.unmask ? "read_personal" : "document", e->name, id, NULL, a);
		json_decref(a);
	} else if (!kind)
		out->json = list_kinds(&d);
	else if (!k)
		rc = ctx_problem(c, PROB_NO_SUCH_DOCUMENT, kind);
	else if (why)
		rc = cs_refusef(c, "市场监督管理行政处罚程序规定（文书于相应程序环节制作）",
				c->en ? "%s cannot be made yet: %s" : "%s尚不能生成：%s", k->title, why_in(c, why));
	else
		render(&d, k, e, id, out);
	json_decref(f);
	json_decref(row);
	return rc;
}
