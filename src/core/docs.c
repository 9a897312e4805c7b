/* docs.c — printable documents, issued and frozen (docs.h). Generic: the
 * areas (cases, food) give the table and their own renderers. */
#include "core/docs.h"
#include "lib/xalloc.h"
#include "core/audit.h"
#include "core/numbering.h"
#include "core/write.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void docs_esc(strbuf *b, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': sb_add(b, "&amp;"); break;
		case '<': sb_add(b, "&lt;"); break;
		case '>': sb_add(b, "&gt;"); break;
		case '"': sb_add(b, "&quot;"); break;
		case '\'': sb_add(b, "&#39;"); break;
		case '\n':
		case '\t': sb_addc(b, (char)*p); break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				sb_addc(b, (char)*p);
		}
	}
}

/* A4 portrait with 15 mm margins (GB/T 9704-2012 puts official documents on
 * A4); 宋体 at 12 pt; bordered tables as on the printed forms. */
void docs_head(strbuf *b, const char *org, const char *title, const char *number)
{
	sb_add(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
	docs_esc(b, title);
	sb_add(b,
	       "</title><style>\n"
	       "body{font-family:\"SimSun\",\"Songti SC\",serif;max-width:190mm;margin:12mm auto;font-size:12pt;line-height:1.8;color:#000}\n"
	       ".org{text-align:center;font-size:16pt;letter-spacing:.1em}h1{text-align:center;font-size:20pt;letter-spacing:.2em;margin:.2em 0}\n"
	       ".no{text-align:center;margin:.3em 0 1.2em}table{width:100%;border-collapse:collapse;margin:.5em 0}\n"
	       "th,td{border:1px solid #000;padding:4px 6px;vertical-align:top}th{width:22%;font-weight:normal;text-align:center}\n"
	       "table.list th{width:auto}table.list td.hash{width:46%}\n"
	       ".pre{white-space:pre-wrap}.sign{margin-top:2.5em;text-align:right}.hash{font-family:monospace;font-size:8.5pt;word-break:break-all}\n"
	       "@page{size:A4 portrait;margin:15mm}\n"
	       "@media print{body{margin:0 auto}tr{break-inside:avoid}}\n</style></head><body>\n<div class=\"org\">");
	docs_esc(b, org);
	sb_add(b, "</div>\n<h1>");
	docs_esc(b, title);
	sb_add(b, "</h1>\n<div class=\"no\">");
	docs_esc(b, number);
	sb_add(b, "</div>\n");
}

void docs_table(strbuf *b)
{
	sb_add(b, "<table>\n");
}

void docs_table_end(strbuf *b)
{
	sb_add(b, "</table>\n");
}

void docs_row(strbuf *b, const char *label, const char *value)
{
	sb_add(b, "<tr><th>");
	docs_esc(b, label);
	sb_add(b, "</th><td class=\"pre\">");
	docs_esc(b, value ? value : "");
	sb_add(b, "</td></tr>\n");
}

void docs_date_cn(const char *iso, char *buf, size_t n)
{
	int y, m, dd;
	if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &dd) == 3)
		snprintf(buf, n, "%d年%d月%d日", y, m, dd);
	else
		snprintf(buf, n, "____年__月__日");
}

char *docs_dict_zh(zj_ctx *c, const char *dict, const char *codes)
{
	strbuf out;
	sb_init(&out);
	char *dup = xstrdup(codes ? codes : ""), *save = NULL;
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		db_stmt *s;
		if (db_prepare(c->db, "SELECT label_zh FROM dict_items WHERE dict = ? AND code = ? AND deleted = 0",
			       &s) != DB_OK) {
			ctx_internal(c, "document labels", db_errmsg(c->db)); /* no document from a failed read */
			break;
		}
		db_bind_text(s, 1, dict), db_bind_text(s, 2, t);
		int rc = db_step(s);
		sb_printf(&out, "%s%s", out.len ? "、" : "", rc == DB_ROW && db_col_text(s, 0) ? db_col_text(s, 0) : t);
		db_finalize(s);
		if (rc != DB_ROW && rc != DB_DONE) {
			ctx_internal(c, "document labels", db_errmsg(c->db));
			break;
		}
	}
	free(dup);
	return sb_take(&out);
}

json_t *docs_frozen(zj_ctx *c, const doc_store *st, int64_t owner, const char *kind, int64_t seq)
{
	char sql[400];
	snprintf(sql, sizeof sql,
		 "SELECT seq, number, doc_date, content, content_masked, sha256, event, created_at FROM %s"
		 " WHERE %s = ? AND kind = ? AND deleted = 0 AND (? = 0 OR seq = ?) ORDER BY seq DESC LIMIT 1",
		 st->table, st->owner_col);
	db_stmt *s;
	json_t *out = NULL;
	if (db_prepare(c->db, sql, &s) != DB_OK) {
		ctx_internal(c, "frozen document", db_errmsg(c->db)); /* the action answers 500 */
		return NULL;
	}
	db_bind_int(s, 1, owner), db_bind_text(s, 2, kind), db_bind_int(s, 3, seq), db_bind_int(s, 4, seq);
	int rc = db_step(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "frozen document", db_errmsg(c->db));
	if (rc == DB_ROW)
		out = json_pack("{s:I, s:s?, s:s?, s:s, s:s, s:s, s:s, s:s?}", "seq", (json_int_t)db_col_int(s, 0),
				"number", db_col_text(s, 1), "date", db_col_text(s, 2), "content", db_col_text(s, 3),
				"content_masked", db_col_text(s, 4), "sha256", db_col_text(s, 5), "event",
				db_col_text(s, 6), "frozen_at", db_col_text(s, 7));
	db_finalize(s);
	return out;
}

void docs_issued_info(json_t *it, const json_t *f)
{
	json_object_set(it, "sha256", json_object_get(f, "sha256"));
	json_object_set(it, "number", json_object_get(f, "number"));
	json_object_set(it, "date", json_object_get(f, "date"));
	json_object_set(it, "versions", json_object_get(f, "seq"));
	json_object_set(it, "issued_at", json_object_get(f, "frozen_at"));
}

/* A version number is passed over when a frozen version holds it (one frozen
 * before the series existed). period is "<owner id>/<kind>". */
static int seq_taken(zj_ctx *c, const char *period, int64_t n, const void *ud)
{
	const doc_store *st = ud;
	char owner[24], nt[24], sql[256];
	const char *slash = strchr(period, '/');
	snprintf(owner, sizeof owner, "%.*s", slash ? (int)(slash - period) : 0, period);
	snprintf(nt, sizeof nt, "%lld", (long long)n);
	snprintf(sql, sizeof sql,
		 "SELECT 1 FROM %s WHERE %s = CAST(? AS BIGINT) AND kind = ? AND seq = CAST(? AS INTEGER)", st->table,
		 st->owner_col);
	const char *p[] = {owner, slash ? slash + 1 : "", nt};
	return db_query_int(c->db, sql, 3, p, 0) == 1;
}

int docs_freeze(zj_ctx *c, const doc_store *st, int64_t owner, const char *kind, const char *event, const char *full,
		const char *masked, const char *number, const char *doc_date, int64_t juris)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65], period[120];
	crypto_hash_sha256(h, (const unsigned char *)full, strlen(full));
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	/* the version of this document of the record: a series per record and kind */
	snprintf(period, sizeof period, "%lld/%s", (long long)owner, kind);
	int64_t seq = 0;
	if (numbering_next(c, st->table, period, seq_taken, st, &seq) != DB_OK)
		return DB_ERR;
	json_t *cols = json_pack("{s:i, s:s, s:s, s:i, s:I, s:s, s:I, s:s, s:s?, s:s?, s:s, s:s, s:s, s:s}", "version",
				 1, "created_at", c->now, "updated_at", c->now, "deleted", 0, st->owner_col,
				 (json_int_t)owner, "kind", kind, "seq", (json_int_t)seq, "event", event, "number",
				 number, "doc_date", doc_date, "content", full, "sha256", hex, "content_masked", masked,
				 "frozen_by", c->user ? c->user->username : "system");
	if (cols && juris > 0)
		json_object_set_new(cols, "jurisdiction_id", json_integer(juris));
	int rc = cols ? crud_insert_plain(c, st->table, cols, NULL) : DB_ERR;
	json_decref(cols);
	if (rc == DB_OK) {
		json_t *a = json_pack("{s:s, s:I, s:s, s:s, s:s?}", "document", kind, "seq", (json_int_t)seq, "event",
				      event, "sha256", hex, "number", number);
		rc = audit_append(c, "issue_document", st->entity, owner, NULL, a);
		json_decref(a);
	}
	return rc;
}
