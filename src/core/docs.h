/* docs.h — printable documents of a record, issued and frozen. An area
 * renders its documents (statutory forms: a case's 行政处罚决定书, a
 * sample's 抽样单) as HTML from the record's data with these building blocks;
 * when a step issues one, docs_freeze keeps the exact text with its SHA-256
 * as a new version in the area's document table, and from then on the
 * document is printed as issued (docs_frozen). The table has the columns of
 * case_documents (migrations/013): <owner_col>, kind, seq, event, number,
 * doc_date, content, content_masked, sha256, frozen_by, jurisdiction_id. */
#ifndef ZJ_DOCS_H
#define ZJ_DOCS_H

#include "core/ctx.h"
#include "lib/strbuf.h"
#include <jansson.h>
#include <stdint.h>

/* Where an area keeps its issued documents. */
typedef struct doc_store {
	const char *table;     /* "case_documents" (a plain identifier) */
	const char *owner_col; /* "case_id" */
	const char *entity;    /* the owner's entity, for the audit record: "cases" */
} doc_store;

/* ---- HTML building blocks (every value escaped: no input adds markup) ---- */
void docs_esc(strbuf *b, const char *s);
/* <!DOCTYPE html>… the A4 print style, the issuing body, the title and the number. */
void docs_head(strbuf *b, const char *org, const char *title, const char *number);
/* A bordered two-column table of rows, and its end. */
void docs_table(strbuf *b);
void docs_table_end(strbuf *b);
/* One row of a two-column table: label | value (kept line breaks). */
void docs_row(strbuf *b, const char *label, const char *value);
/* 2026年3月5日 from 2026-03-05 (or a blank to fill by hand). */
void docs_date_cn(const char *iso, char *buf, size_t n);
/* The label (zh) of each code of a comma-joined list of a dictionary, joined by 、. Caller frees. */
char *docs_dict_zh(zj_ctx *c, const char *dict, const char *codes);

/* ---- issued versions ---- */
/* The latest issued version of kind (or version seq when > 0) of owner:
 * {"seq","number","date","content","content_masked","sha256","event","frozen_at"}, or NULL. */
json_t *docs_frozen(zj_ctx *c, const doc_store *st, int64_t owner, const char *kind, int64_t seq);
/* Keeps an issued document: the next version of (owner, kind), its text in
 * full and masked, its hash; audits "issue_document" on the owner. In the
 * caller's transaction. DB_OK or a DB error. */
int docs_freeze(zj_ctx *c, const doc_store *st, int64_t owner, const char *kind, const char *event, const char *full,
		const char *masked, const char *number, const char *doc_date, int64_t juris);
/* How issued documents are listed beside their kind: sets sha256, number,
 * date, versions and issued_at of item from a docs_frozen answer. */
void docs_issued_info(json_t *item, const json_t *frozen);

#endif
