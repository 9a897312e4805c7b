/* crud_query.c — reading lists: query parsing (filters, search, sort,
 * limit), keyset cursors, the list and count endpoints and get. SQL is built
 * only from declared names and every value is bound. */
#include "core/crud_internal.h"
#include "core/crud.h"
#include "core/deadline_view.h"
#include "core/audit.h"
#include "core/write.h"
#include "core/dict.h"
#include "core/files.h"
#include "core/privacy.h"
#include "core/workflow.h"
#include "lib/clist.h"
#include "lib/date.h"
#include "lib/decimal.h"
#include "lib/pii.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *reserved_params[] = {"limit",   "cursor", "q",     "sort",  "format", "header",
					"dry_run", "mode",   "codes", "group", "offset", NULL};

int crud_parse_i64(const char *s, int64_t *out)
{
	if (!s || !*s)
		return 0;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p || strlen(p) > 18)
		return 0;
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			return 0;
	*out = strtoll(s, NULL, 10);
	return 1;
}

/* ---- list ---- */

static int is_reserved(const char *k)
{
	for (int i = 0; reserved_params[i]; i++)
		if (!strcmp(reserved_params[i], k))
			return 1;
	return 0;
}

void list_query_free(list_query *lq)
{
	sb_free(&lq->where);
	json_decref(lq->params);
}

static int bad_param(zj_ctx *c, const char *name, const char *zh, const char *en)
{
	ctx_problemf(c, PROB_BAD_QUERY, "%s: %s", name, TR(c, zh, en));
	json_object_set_new(c->problem, "errors",
			    json_pack("[{s:s, s:s, s:s}]", "field", name, "message", TR(c, zh, en), "code",
				      fe_name(FE_QUERY)));
	return 400;
}

/* The q parameter: " AND (a LIKE ? OR b LIKE ? ...)" over the searchable fields. */
static void search_where(const entity_def *e, list_query *lq, const char *v)
{
	char *like = like_contains(v);
	int any = 0;
	for (int j = 0; j < e->nfields; j++)
		if (e->fields[j].flags & F_SEARCH) {
			sb_add(&lq->where, any ? " OR " : " AND (");
			sb_printf(&lq->where, "t.%s LIKE ? ESCAPE '\\'", e->fields[j].name);
			json_array_append_new(lq->params, json_string(like));
			any = 1;
		}
	if (any)
		sb_add(&lq->where, ")");
	free(like);
}

/* Whether item i is the first of its key (repeated keys make one set). */
static int first_of_key(const kv_list *q, int i)
{
	for (int j = 0; j < i; j++)
		if (!strcmp(q->items[j].k, q->items[i].k))
			return 0;
	return 1;
}

/* An integer/money/reference filter: a range bound, or every value of the key in one IN. */
static int int_filter(zj_ctx *c, const kv_list *q, int i, list_query *lq, const char *name, int range)
{
	const char *k = q->items[i].k, *v = q->items[i].v ? q->items[i].v : "";
	int64_t n;
	if (!crud_parse_i64(v, &n))
		return bad_param(c, k, "应为整数", "must be an integer");
	if (range) {
		sb_printf(&lq->where, " AND t.%s %s ?", name, range == 1 ? ">=" : "<=");
		json_array_append_new(lq->params, json_integer(n));
		return 0;
	}
	/* repeated keys make a set: all of them go into one IN at the first */
	if (!first_of_key(q, i))
		return 0;
	sb_printf(&lq->where, " AND t.%s IN (", name);
	int nv = 0;
	for (int j = i; j < q->n; j++) {
		if (strcmp(q->items[j].k, k))
			continue;
		if (!crud_parse_i64(q->items[j].v ? q->items[j].v : "", &n))
			return bad_param(c, k, "应为整数", "must be an integer");
		sb_add(&lq->where, nv++ ? ", ?" : "?");
		json_array_append_new(lq->params, json_integer(n));
	}
	sb_add(&lq->where, ")");
	return 0;
}

/* A text/code filter: every value of the key (at its first) as " AND (a OR b ...)";
 * a multi-code field matches a member of its comma list. */
static void text_set_filter(const kv_list *q, int i, const field_def *f, list_query *lq, const char *name)
{
	const char *k = q->items[i].k;
	if (!first_of_key(q, i))
		return;
	sb_add(&lq->where, " AND (");
	int nv = 0;
	for (int j = i; j < q->n; j++) {
		if (strcmp(q->items[j].k, k))
			continue;
		const char *vv = q->items[j].v ? q->items[j].v : "";
		if (nv++)
			sb_add(&lq->where, " OR ");
		if (f->type == FT_DICT && (f->flags & F_MULTI)) {
			sb_printf(&lq->where, "(',' || t.%s || ',') LIKE ? ESCAPE '\\'", name);
			char *pat = like_clist_item(vv);
			json_array_append_new(lq->params, json_string(pat));
			free(pat);
		} else {
			sb_printf(&lq->where, "t.%s = ?", name);
			json_array_append_new(lq->params, json_string(vv));
		}
	}
	sb_add(&lq->where, ")");
}

/* The table of a tree: the entity a ref points to when it has a parent
 * field pointing to itself (jurisdictions, units); NULL otherwise. */
static const field_def *tree_parent(const entity_def *t)
{
	for (int j = 0; t && j < t->nfields; j++)
		if (t->fields[j].type == FT_REF && t->fields[j].ref && !strcmp(t->fields[j].ref, t->name))
			return &t->fields[j];
	return NULL;
}

/* "this node and below" (name.under=ID, repeated: any of them): the column
 * `col` in the subtree of each ID. Administrative divisions carry their
 * GB/T 2260 path (/150000/150200/150203/), so a prefix match finds a city's
 * districts with the index; any other tree (units) is walked by a recursive
 * CTE over its parent field (SQLite and PostgreSQL both have WITH RECURSIVE). */
static int under_filter(zj_ctx *c, const kv_list *q, int i, list_query *lq, const char *col, const entity_def *t)
{
	const char *k = q->items[i].k;
	const field_def *parent = tree_parent(t);
	if (!t || (!parent && strcmp(t->name, "jurisdictions")))
		return bad_param(c, k, "该字段不是树形引用，不支持含下级筛选",
				 "this field does not refer to a tree; it has no subtree filter");
	if (!first_of_key(q, i))
		return 0;
	sb_add(&lq->where, " AND (");
	int nv = 0;
	for (int j = i; j < q->n; j++) {
		if (strcmp(q->items[j].k, k))
			continue;
		int64_t n;
		if (!crud_parse_i64(q->items[j].v ? q->items[j].v : "", &n) || n < 1)
			return bad_param(c, k, "应为正整数（节点编号）", "must be a positive integer (a node id)");
		if (nv++)
			sb_add(&lq->where, " OR ");
		if (!strcmp(t->name, "jurisdictions"))
			sb_printf(&lq->where,
				  "t.%s IN (SELECT d.id FROM jurisdictions d JOIN jurisdictions r ON r.id = ?"
				  " WHERE d.path LIKE r.path || '%%')",
				  col);
		else
			sb_printf(&lq->where,
				  "t.%s IN (WITH RECURSIVE sub(id) AS (SELECT id FROM %s WHERE id = ?"
				  " UNION SELECT x.id FROM %s x JOIN sub ON x.%s = sub.id) SELECT id FROM sub)",
				  col, t->table, t->table, parent->name);
		json_array_append_new(lq->params, json_integer(n));
	}
	sb_add(&lq->where, ")");
	return 0;
}

/* The system filters every list has: id (repeat for a set: the rows a user
 * selected, for a batch export) and owner_unit_id (the owning unit; with
 * .under its sub-units too). */
static int sys_filter(zj_ctx *c, const kv_list *q, int i, list_query *lq, const char *name, const char *op)
{
	if (op && !strcmp(op, ".under")) {
		if (strcmp(name, "owner_unit_id"))
			return bad_param(c, q->items[i].k, "该字段不支持含下级筛选",
					 "this field has no subtree filter");
		return under_filter(c, q, i, lq, name, registry_find("units"));
	}
	return int_filter(c, q, i, lq, name, 0);
}

/* One filter parameter (name, name.from, name.to, overdue, state) into lq;
 * 0, or the status of a problem naming the parameter. */
static int filter_param(zj_ctx *c, const entity_def *e, const kv_list *q, int i, list_query *lq)
{
	const char *k = q->items[i].k, *v = q->items[i].v ? q->items[i].v : "";
	char name[96];
	const char *dot = strchr(k, '.');
	int range = 0; /* 1 from, 2 to */
	int under = dot && !strcmp(dot, ".under");
	if (dot && (!strcmp(dot, ".from") || !strcmp(dot, ".to") || under)) {
		range = under ? 0 : dot[1] == 'f' ? 1 : 2;
		snprintf(name, sizeof name, "%.*s", (int)(dot - k), k);
	} else
		snprintf(name, sizeof name, "%s", k);
	if ((!strcmp(name, "id") || !strcmp(name, "owner_unit_id")) && !range && !entity_field(e, name))
		return sys_filter(c, q, i, lq, name, under ? dot : NULL);
	if (!strcmp(name, "overdue") && !range && !under && !entity_field(e, name)) { /* the 已逾期 tab */
		if (strcmp(v, "true") && strcmp(v, "false"))
			return bad_param(c, k, "应为 true 或 false", "must be true or false");
		if (!strcmp(v, "true"))
			deadline_view_overdue_sql(c, e, &lq->where, lq->params);
		return 0;
	}
	if (!strcmp(name, "state") && e->workflow && !range && !under) {
		char st[80];
		sb_printf(&lq->where, " AND %s = ?", workflow_state_sql(e, st, sizeof st));
		json_array_append_new(lq->params, json_string(v));
		return 0;
	}
	const field_def *f = entity_field(e, name);
	if (!f || !(f->flags & F_FILTER))
		return bad_param(c, k, "不是可筛选的字段", "is not a filterable field");
	if (under) {
		if (f->type != FT_REF)
			return bad_param(c, k, "该字段不支持含下级筛选", "this field has no subtree filter");
		return under_filter(c, q, i, lq, name, registry_find(f->ref));
	}
	if (range) {
		if (f->type != FT_DATE && f->type != FT_DATETIME && f->type != FT_INT && f->type != FT_MONEY)
			return bad_param(c, k, "该字段不支持范围筛选", "this field has no range filter");
	}
	if (f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF)
		return int_filter(c, q, i, lq, name, range);
	if (f->type == FT_DATE && !crud_date_valid(v))
		return bad_param(c, k, "应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
	if (range) {
		sb_printf(&lq->where, " AND t.%s %s ?", name, range == 1 ? ">=" : "<=");
		/* a date bound on an instant column covers the whole day */
		if (f->type == FT_DATETIME && range == 2 && strlen(v) == 10) {
			char b[32];
			snprintf(b, sizeof b, "%sT23:59:59Z", v);
			json_array_append_new(lq->params, json_string(b));
		} else
			json_array_append_new(lq->params, json_string(v));
		return 0;
	}
	if (!utf8_valid(v))
		return bad_param(c, k, "不是有效的 UTF-8 文本", "is not valid UTF-8");
	if (f->type == FT_BOOL) {
		sb_printf(&lq->where, " AND t.%s = ?", name);
		json_array_append_new(lq->params, json_integer(!strcmp(v, "1") || !strcmp(v, "true")));
		return 0;
	}
	text_set_filter(q, i, f, lq, name);
	return 0;
}

int crud_parse_query(zj_ctx *c, const entity_def *e, const kv_list *q, list_query *lq)
{
	sb_init(&lq->where);
	lq->params = json_array();
	lq->sort = NULL;
	lq->desc = 1;
	lq->limit = CRUD_DEFAULT_LIMIT;
	lq->cursor = NULL;
	const char *sort = e->default_sort ? e->default_sort : "-id";
	for (int i = 0; i < q->n; i++) {
		const char *k = q->items[i].k, *v = q->items[i].v ? q->items[i].v : "";
		if (!strcmp(k, "limit")) {
			int64_t n;
			if (!crud_parse_i64(v, &n) || n < 1 || n > CRUD_MAX_LIMIT)
				return bad_param(c, k, "应为 1 至 500 的整数", "must be an integer from 1 to 500");
			lq->limit = (int)n;
		} else if (!strcmp(k, "cursor")) {
			lq->cursor = v;
		} else if (!strcmp(k, "sort")) {
			sort = v;
		} else if (!strcmp(k, "q")) {
			if (!*v)
				continue;
			if (!utf8_valid(v) || strlen(v) > 200)
				return bad_param(c, k, "搜索词无效或过长", "search text is invalid or too long");
			search_where(e, lq, v);
		} else if (is_reserved(k)) {
			continue;
		} else {
			int rc = filter_param(c, e, q, i, lq);
			if (rc)
				return rc;
		}
	}
	/* sort */
	lq->desc = sort[0] == '-';
	const char *sname = sort + (sort[0] == '-' || sort[0] == '+');
	if (strcmp(sname, "id")) {
		const field_def *f = entity_field(e, sname);
		if (!f || !(f->flags & F_SORT))
			return bad_param(c, "sort", "不是可排序的字段", "is not a sortable field");
		lq->sort = f;
	}
	return 0;
}

static const char *query_get(const kv_list *q, const char *k);

/* offset=N: a page jump (page numbers of the console, RuoYi's 跳至). Reading
 * on from there is keyset again (`next`); a cursor wins over an offset. Deep
 * offsets cost a scan, so they stop at CRUD_MAX_OFFSET: beyond, page on. */
#define CRUD_MAX_OFFSET 100000
static int parse_offset(zj_ctx *c, const kv_list *q, const list_query *lq, long *out)
{
	const char *v = query_get(q, "offset");
	int64_t n = 0;
	*out = 0;
	if (!v)
		return 0;
	if (!crud_parse_i64(v, &n) || n < 0 || n > CRUD_MAX_OFFSET)
		return bad_param(c, "offset", "应为 0 至 100000 的整数", "must be an integer from 0 to 100000");
	*out = lq->cursor && *lq->cursor ? 0 : (long)n;
	return 0;
}

static char *make_cursor(json_t *row, const field_def *sort)
{
	json_t *a =
		json_pack("[O, O]", sort ? json_object_get(row, sort->name) : json_null(), json_object_get(row, "id"));
	char *txt = json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(a);
	size_t n = strlen(txt);
	size_t outlen = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = xmalloc(outlen);
	sodium_bin2base64(out, outlen, (unsigned char *)txt, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	free(txt);
	return out;
}

static json_t *parse_cursor(const char *cur)
{
	size_t n = strlen(cur);
	if (n > 2000)
		return NULL;
	unsigned char *bin = xmalloc(n + 1);
	size_t binlen = 0;
	json_t *a = NULL;
	if (sodium_base642bin(bin, n, cur, n, NULL, &binlen, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0) {
		a = json_loadb((char *)bin, binlen, JSON_DECODE_ANY, NULL);
		if (a && (!json_is_array(a) || json_array_size(a) != 2 || !json_is_integer(json_array_get(a, 1)))) {
			json_decref(a);
			a = NULL;
		}
	}
	free(bin);
	return a;
}

/* Appends keyset condition and ORDER BY; returns 400 on a bad cursor. */
static int keyset_sql(zj_ctx *c, list_query *lq, strbuf *sql, json_t *params)
{
	const char *op = lq->desc ? "<" : ">", *dir = lq->desc ? "DESC" : "ASC";
	if (lq->cursor && *lq->cursor) {
		json_t *a = parse_cursor(lq->cursor);
		if (!a)
			return bad_param(c, "cursor", "分页游标无效", "is not a valid page cursor");
		json_t *sv = json_array_get(a, 0), *idv = json_array_get(a, 1);
		if (lq->sort) {
			json_t *svs = json_is_string(sv)    ? json_incref(sv)
				      : json_is_integer(sv) ? json_incref(sv)
							    : NULL;
			if (!svs) {
				json_decref(a);
				return bad_param(c, "cursor", "分页游标无效", "is not a valid page cursor");
			}
			sb_printf(sql, " AND (t.%s %s ? OR (t.%s = ? AND t.id %s ?))", lq->sort->name, op,
				  lq->sort->name, op);
			json_array_append(params, svs);
			json_array_append_new(params, svs);
		} else
			sb_printf(sql, " AND t.id %s ?", op);
		json_array_append(params, idv);
		json_decref(a);
	}
	if (lq->sort)
		sb_printf(sql, " ORDER BY t.%s %s, t.id %s", lq->sort->name, dir, dir);
	else
		sb_printf(sql, " ORDER BY t.id %s", dir);
	return 0;
}

int crud_list_raw(zj_ctx *c, const entity_def *e, const kv_list *q, strbuf *out)
{
	unsigned sc = crud_op_scope(c, e, "read");
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有查看此类记录的权限", "You may not read these records"));
	list_query lq;
	long offset = 0;
	int rc = crud_parse_query(c, e, q, &lq);
	if (!rc)
		rc = parse_offset(c, q, &lq, &offset);
	if (rc) {
		list_query_free(&lq);
		return rc;
	}
	strbuf sql;
	sb_init(&sql);
	crud_select_sql(e, &sql);
	sb_add(&sql, " WHERE t.deleted = 0");
	sb_add(&sql, lq.where.s ? lq.where.s : "");
	json_t *params = json_deep_copy(lq.params);
	crud_scope_sql(c, e, sc, &sql, params);
	rc = keyset_sql(c, &lq, &sql, params);
	if (rc) {
		json_decref(params), sb_free(&sql), list_query_free(&lq);
		return rc;
	}
	sb_printf(&sql, " LIMIT %d", lq.limit + 1);
	if (offset)
		sb_printf(&sql, " OFFSET %ld", offset);
	db_stmt *s;
	if (db_prepare(c->db, sql.s, &s) != DB_OK) {
		json_decref(params), sb_free(&sql), list_query_free(&lq);
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	crud_bind_params(s, params, 1);
	int mask = !crud_can_unmask(c, e);
	int n = 0, more = 0;
	int sort_col = lq.sort ? crud_select_col(e, lq.sort) : -1;
	json_t *last_key = NULL;
	int64_t last_id = 0;
	/* the page's ids, for its deadlines; without them the page goes out without countdowns */
	int64_t *page_ids = malloc(sizeof *page_ids * (size_t)lq.limit); /* style: ok */
	sb_reserve(out, (size_t)lq.limit * 600);                         /* a typical row is a few hundred bytes */
	sb_add(out, "{\"items\":[");
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (n == lq.limit) {
			more = 1;
			break;
		}
		if (n)
			sb_addc(out, ',');
		crud_row_write(e, s, mask, out);
		last_id = db_col_int(s, 0);
		if (page_ids)
			page_ids[n] = last_id;
		if (sort_col >= 0) {
			if (last_key)
				json_decref(last_key);
			const char *t = db_col_text(s, sort_col);
			int num = lq.sort->type == FT_INT || lq.sort->type == FT_MONEY || lq.sort->type == FT_REF;
			last_key = !t ? json_null() : num ? json_integer(db_col_int(s, sort_col)) : json_string(t);
		}
		n++;
	}
	if (rc != DB_ROW && rc != DB_DONE) { /* a step failed mid-list: never answer a partial page */
		char why[512];
		snprintf(why, sizeof why, "%s", db_errmsg(c->db));
		db_finalize(s);
		if (last_key)
			json_decref(last_key);
		free(page_ids);
		json_decref(params), sb_free(&sql), list_query_free(&lq);
		sb_free(out);
		sb_init(out);
		return ctx_internal(c, e->name, why);
	}
	db_finalize(s);
	sb_add(out, "],\"next\":");
	if (more) {
		json_t *row = json_pack("{s:I}", "id", (json_int_t)last_id);
		if (lq.sort)
			json_object_set(row, lq.sort->name, last_key);
		char *cur = make_cursor(row, lq.sort);
		sb_json_str(out, cur);
		free(cur);
		json_decref(row);
	} else
		sb_add(out, "null");
	if (page_ids)
		deadline_view_page(c, e, page_ids, n, out);
	free(page_ids);
	sb_addc(out, '}');
	if (last_key)
		json_decref(last_key);
	json_decref(params), sb_free(&sql), list_query_free(&lq);
	if (!mask && crud_has_personal(e) && n > 0) {
		json_t *a = json_pack("{s:s, s:i}", "list", "unmasked", "rows", n);
		audit_append(c, "read_personal", e->name, 0, NULL, a);
		json_decref(a);
	}
	return 200;
}

int crud_list(zj_ctx *c, const entity_def *e, const kv_list *q, json_t **out)
{
	strbuf b;
	sb_init(&b);
	int rc = crud_list_raw(c, e, q, &b);
	if (rc == 200)
		*out = json_loadb(b.s, b.len, 0, NULL);
	sb_free(&b);
	return rc;
}

static const char *query_get(const kv_list *q, const char *k)
{
	for (int i = 0; i < q->n; i++)
		if (!strcmp(q->items[i].k, k))
			return q->items[i].v ? q->items[i].v : "";
	return NULL;
}

/* The list's tabs (issue 14 §1): the rows of the same filters and scope
 * counted per workflow state, and those with an open deadline past due. */
static int count_states(zj_ctx *c, const entity_def *e, unsigned sc, const kv_list *q, json_t *out)
{
	list_query lq;
	int rc = crud_parse_query(c, e, q, &lq);
	if (rc) {
		list_query_free(&lq);
		return rc;
	}
	json_t *states = json_object();
	int64_t overdue = 0;
	for (int pass = e->workflow ? 0 : 1; pass < 2 && !rc; pass++) {
		strbuf sql;
		sb_init(&sql);
		char st[80];
		sb_printf(&sql, "SELECT %s, COUNT(*) FROM %s t WHERE t.deleted = 0",
			  pass ? "''" : workflow_state_sql(e, st, sizeof st), e->table);
		sb_add(&sql, lq.where.s ? lq.where.s : "");
		json_t *params = json_deep_copy(lq.params);
		if (pass)
			deadline_view_overdue_sql(c, e, &sql, params);
		crud_scope_sql(c, e, sc, &sql, params);
		if (!pass && workflow_stores_state(e)) /* an unstored state is one literal: no groups */
			sb_add(&sql, " GROUP BY t.state");
		db_stmt *s;
		if (db_prepare(c->db, sql.s, &s) == DB_OK) {
			crud_bind_params(s, params, 1);
			int step;
			for (step = db_step(s); step == DB_ROW; step = db_step(s)) {
				if (pass)
					overdue = db_col_int(s, 1);
				else if (db_col_text(s, 0))
					json_object_set_new(states, db_col_text(s, 0), json_integer(db_col_int(s, 1)));
			}
			db_finalize(s);
			if (step != DB_DONE) /* never a part of the tabs' counts */
				rc = ctx_internal(c, "list counts", db_errmsg(c->db));
		} else
			rc = ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
		json_decref(params), sb_free(&sql);
	}
	list_query_free(&lq);
	if (rc)
		return json_decref(states), rc;
	json_object_set_new(out, "states", states);
	json_object_set_new(out, "overdue", json_integer(overdue));
	return 0;
}

int crud_count(zj_ctx *c, const entity_def *e, const kv_list *q, json_t **out)
{
	unsigned sc = crud_op_scope(c, e, "read");
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN, NULL);
	list_query lq;
	int rc = crud_parse_query(c, e, q, &lq);
	if (rc) {
		list_query_free(&lq);
		return rc;
	}
	strbuf sql;
	sb_init(&sql);
	sb_printf(&sql, "SELECT COUNT(*) FROM %s t WHERE t.deleted = 0", e->table);
	sb_add(&sql, lq.where.s ? lq.where.s : "");
	json_t *params = json_deep_copy(lq.params);
	crud_scope_sql(c, e, sc, &sql, params);
	db_stmt *s;
	int64_t n = -1;
	if (db_prepare(c->db, sql.s, &s) == DB_OK) {
		crud_bind_params(s, params, 1);
		if (db_step(s) == DB_ROW)
			n = db_col_int(s, 0);
		db_finalize(s);
	}
	json_decref(params), sb_free(&sql), list_query_free(&lq);
	if (n < 0)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	*out = json_pack("{s:I}", "count", (json_int_t)n);
	const char *group = query_get(q, "group");
	if (group && strcmp(group, "state"))
		return json_decref(*out), *out = NULL,
					  bad_param(c, "group", "只能按状态分组（state）", "can only group by state");
	rc = group ? count_states(c, e, sc, q, *out) : 0;
	if (rc)
		return json_decref(*out), *out = NULL, rc;
	return 200;
}

int crud_get(zj_ctx *c, const entity_def *e, int64_t id, json_t **out)
{
	int rc = crud_check_op(c, e, "read", id);
	if (rc)
		return rc;
	json_t *r = crud_load(c, e, id);
	if (!r)
		return ctx_problem(c, PROB_NOT_FOUND, NULL);
	int unmask = privacy_can_see(c, e, id), any = 0;
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		json_t *v = json_object_get(r, f->name);
		if (!(f->flags & F_PERSONAL) || !json_is_string(v))
			continue;
		any = 1;
		if (!unmask) {
			char *m = mask_value(json_string_value(v));
			json_object_set_new(r, f->name, json_string(m));
			free(m);
		}
	}
	if (unmask && any)
		audit_append(c, "read_personal", e->name, id, NULL, NULL);
	*out = r;
	return 200;
}
