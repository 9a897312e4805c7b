/* food_results.c — test results, one row per item of a sample, entered by a
 * lab analyst or imported from a LIMS export (CSV/XLSX, all-or-nothing, the
 * column headings are the field labels: 样品编号, 检验项目, 检测结果, 单位,
 * 检出限 ...). The verdict is computed on entry and stored with its trace
 * (food_verdict.c) against the limit in force on the sampling date. Bad
 * input is a 422 naming the field and what would be accepted: a value that
 * is not a number or a lab notation, a unit that cannot be converted to the
 * limit's, an item not on the sample's list. An item with no applicable
 * limit, or that cannot be decided, waits for a person (action `decide`);
 * so does a failure resting on an unverified limit row. The sample's
 * conclusion: non-conforming if any item fails. */
#include "core/write.h"
#include "modules/food/food.h"
#include "modules/modules.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SPECS = 8 };

typedef struct spec_rows {
	int n;
	food_spec s[MAX_SPECS];
} spec_rows;

static void specs_free(spec_rows *r)
{
	for (int i = 0; i < r->n; i++) {
		free((char *)r->s[i].source), free((char *)r->s[i].reference), free((char *)r->s[i].expr);
		free((char *)r->s[i].unit), free((char *)r->s[i].method);
	}
	r->n = 0;
}

static char *dup_col(db_stmt *s, int i)
{
	return db_col_text(s, i) ? strdup(db_col_text(s, i)) : NULL;
}

/* A failed query is ctx_internal: the write that judges answers 500 (crud.c). */
static void specs_load(zj_ctx *c, int64_t sample, int64_t analyte, spec_rows *r)
{
	r->n = 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT source, reference, limit_expr, unit, method FROM sample_specs"
		       " WHERE sample_id = ? AND analyte_id = ? AND deleted = 0 ORDER BY id",
		       &s) != DB_OK) {
		ctx_internal(c, "sample specifications", db_errmsg(c->db));
		return;
	}
	db_bind_int(s, 1, sample), db_bind_int(s, 2, analyte);
	int rc;
	for (rc = db_step(s); rc == DB_ROW && r->n < MAX_SPECS; rc = db_step(s)) {
		food_spec *f = &r->s[r->n++];
		f->source = dup_col(s, 0), f->reference = dup_col(s, 1), f->expr = dup_col(s, 2),
		f->unit = dup_col(s, 3), f->method = dup_col(s, 4);
	}
	db_finalize(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "sample specifications", db_errmsg(c->db));
}

/* What judging a result needs of its sample: one narrow query (the sample's
 * full row joins a dozen tables for its labels). */
typedef struct sample_info {
	int64_t id, jurisdiction_id, food_id, lab_unit_id;
	int has_specs; /* the sample has further specifications (sample_specs) */
	char state[32], sampled_on[16];
	char *items; /* comma-separated item codes; may be NULL */
} sample_info;

static void sample_info_free(sample_info *si)
{
	if (si)
		free(si->items), free(si);
}

/* NULL when there is no such sample, or when the query failed (ctx_internal). */
static sample_info *sample_info_load(zj_ctx *c, int64_t id)
{
	db_stmt *s;
	sample_info *si = NULL;
	if (db_prepare(
		    c->db,
		    "SELECT s.id, s.state, s.jurisdiction_id, s.food_id, s.lab_unit_id, s.sampled_on, s.items,"
		    " CASE WHEN EXISTS (SELECT 1 FROM sample_specs p WHERE p.sample_id = s.id AND p.deleted = 0) THEN 1 ELSE 0 END"
		    " FROM samples s WHERE s.id = ? AND s.deleted = 0",
		    &s) != DB_OK) {
		ctx_internal(c, "sample", db_errmsg(c->db));
		return NULL;
	}
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc != DB_ROW && rc != DB_DONE)
		ctx_internal(c, "sample", db_errmsg(c->db));
	if (rc == DB_ROW) {
		si = calloc(1, sizeof *si);
		if (!si)
			abort();
		si->id = db_col_int(s, 0);
		food_copy(si->state, sizeof si->state, db_col_text(s, 1) ? db_col_text(s, 1) : "");
		si->jurisdiction_id = db_col_null(s, 2) ? 0 : db_col_int(s, 2);
		si->food_id = db_col_null(s, 3) ? 0 : db_col_int(s, 3);
		si->lab_unit_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
		food_copy(si->sampled_on, sizeof si->sampled_on, db_col_text(s, 5) ? db_col_text(s, 5) : "");
		si->items = dup_col(s, 6);
		si->has_specs = (int)db_col_int(s, 7);
	}
	db_finalize(s);
	return si;
}

/* The sample a result belongs to. An import of results writes in batches,
 * each one transaction that writes no sample, so the rows of one sample in a
 * batch share one load; the memo lives for that transaction only. Not to be freed; valid
 * until the next call. */
static const sample_info *result_sample(zj_ctx *c, int64_t id)
{
	static _Thread_local sample_info *memo;
	static _Thread_local unsigned long memo_tx;
	static _Thread_local const db *memo_db;
	if (c->bulk && memo && memo->id == id && memo_db == c->db && memo_tx == c->db->tx_seq)
		return memo;
	sample_info_free(memo);
	memo = sample_info_load(c, id);
	memo_db = c->db, memo_tx = c->db->tx_seq;
	return memo;
}

/* The speciated item a total screens for on this food (GB 2762-2022 4.3
 * 表3 注a, 4.4 表4 注a): when the total has no limit of its own and the
 * speciated item has one, its lookup. NULL otherwise. */
static const food_analyte *screen_target(const food_refset *rs, const food_cat *food, const food_analyte *an,
					 const food_lookup *lk, const char *on, food_lookup *slk)
{
	const char *tcode = food_screen_target_of(an->code);
	if (!tcode || !food || lk->outcome == FL_FOUND || lk->outcome == FL_AMBIGUOUS)
		return NULL;
	const food_analyte *t = NULL;
	for (int i = 0; i < rs->nanalytes && !t; i++)
		if (!strcmp(rs->analytes[i].code, tcode))
			t = &rs->analytes[i];
	return t && food_limit_lookup(rs, food->id, t->id, on, slk) == FL_FOUND ? t : NULL;
}

/* Judges one result of a sample. Returns 0, or -1 with j->input_error. */
static int judge_result(zj_ctx *c, const food_refset *rs, const sample_info *sample, const food_analyte *an,
			const json_t *row, food_judgement *j)
{
	const food_cat *food = food_cat_by_id(rs, sample->food_id);
	const char *on = sample->sampled_on[0] ? sample->sampled_on : c->today;
	food_lookup lk, slk;
	food_limit_lookup(rs, food ? food->id : 0, an->id, on, &lk);
	food_item_input in = {food_str(row, "value"), food_str(row, "unit"), food_str(row, "lod"),
			      food_str(row, "basis")};
	if (screen_target(rs, food, an, &lk, on, &slk))
		return food_judge_screen(rs, food, an, &slk, &in, j);
	spec_rows specs = {0};
	if (sample->has_specs)
		specs_load(c, sample->id, an->id, &specs);
	int rc = food_judge_item(rs, food, an, &lk, &in, specs.s, specs.n, j);
	specs_free(&specs);
	return rc;
}


/* ---- storage of the derived texts (issue 19 §3) ----
 * A trace is ~600 bytes of which a result's own are a few dozen (its value,
 * detection limit, compared and rounded values, the comparison): the rest,
 * with the limit's texts (标准指标, 判定依据, basis), is the same for every
 * result judged alike. That rest, the form, is stored once in
 * food_trace_forms (key: its hash) and a result keeps the form's id and its
 * own spans; reading renders the trace byte for byte (food_trace_render).
 * The form: the trace with each own span replaced by \x01, closed by \x1e;
 * the spans joined by \x1f. No control character occurs raw in JSON text,
 * so the marks cannot be confused with the trace's own bytes. */

static void trace_split(const food_judgement *j, strbuf *form, strbuf *args)
{
	size_t p = 0;
	for (int i = 0; i < j->nvars; i++) {
		sb_addn(form, j->trace + p, j->var_at[i] - p);
		sb_addc(form, '\x01');
		if (i)
			sb_addc(args, '\x1f');
		sb_addn(args, j->trace + j->var_at[i], j->var_len[i]);
		p = j->var_at[i] + j->var_len[i];
	}
	sb_addn(form, j->trace + p, j->trace_len - p);
	sb_addc(form, '\x1e');
}

char *food_trace_render(const char *t)
{
	const char *end = t ? strchr(t, '\x1e') : NULL;
	if (!end)
		return NULL; /* a trace stored whole (before 034): served as stored */
	strbuf b;
	sb_init(&b);
	const char *arg = end + 1;
	for (const char *p = t; p < end;) {
		const char *mark = memchr(p, '\x01', (size_t)(end - p));
		sb_addn(&b, p, (size_t)((mark ? mark : end) - p));
		if (!mark)
			break;
		size_t n = strcspn(arg, "\x1f");
		sb_addn(&b, arg, n);
		arg += n + (arg[n] ? 1 : 0);
		p = mark + 1;
	}
	if (!b.s)
		sb_add(&b, "");
	return sb_take(&b);
}

/* The forms this transaction has stored or found, by hash: an import judges
 * thousands of rows alike per batch. Valid for one transaction only (a
 * rolled-back form is gone). */
typedef struct form_memo {
	unsigned char h[16];
	int64_t id;
	const db *d;
	unsigned long tx;
} form_memo;
static _Thread_local form_memo form_memos[64];

int64_t food_trace_form_id(zj_ctx *c, const char *form, size_t len, const char *limit_text, const char *standard_ref,
			   const char *limit_basis)
{
	unsigned char h[16];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)form, len);
	const char *parts[] = {limit_text ? limit_text : "", standard_ref ? standard_ref : "",
			       limit_basis ? limit_basis : "\x15"};
	for (int i = 0; i < 3; i++) {
		crypto_generichash_update(&st, (const unsigned char *)"\x1e", 1);
		crypto_generichash_update(&st, (const unsigned char *)parts[i], strlen(parts[i]));
	}
	crypto_generichash_final(&st, h, sizeof h);
	form_memo *m = &form_memos[h[0] & 63];
	if (m->id && m->d == c->db && m->tx == c->db->tx_seq && !memcmp(m->h, h, sizeof h))
		return m->id;
	char hex[33];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	json_t *cols = json_pack("{s:s, s:s%, s:s?, s:s?, s:s?}", "hash", hex, "body", form, len, "limit_text",
				 limit_text && *limit_text ? limit_text : NULL, "standard_ref",
				 standard_ref && *standard_ref ? standard_ref : NULL, "limit_basis", limit_basis);
	int64_t id = 0;
	int rc = cols ? crud_intern_plain(c, "food_trace_forms", "hash", cols, &id) : DB_ERR;
	json_decref(cols);
	if (rc != DB_OK) {
		ctx_internal(c, "verdict trace form", db_errmsg(c->db));
		return 0;
	}
	memcpy(m->h, h, sizeof h);
	m->id = id, m->d = c->db, m->tx = c->db->tx_seq;
	return id;
}

int64_t food_judgement_form(zj_ctx *c, const food_judgement *j, const char *limit_basis, strbuf *args)
{
	strbuf form;
	sb_init(&form);
	trace_split(j, &form, args);
	int64_t fid = food_trace_form_id(c, form.s, form.len, j->limit_text, j->standard_ref, limit_basis);
	sb_free(&form);
	return fid;
}

/* The judgement into the row: the verdict and what the lists filter on as
 * columns, the trace and the limit's texts as a form and the row's spans.
 * Returns 0, or -1 (ctx_internal) when the form could not be stored. */
static int set_derived(zj_ctx *c, json_t *row, food_judgement *j)
{
	strbuf form, args;
	sb_init(&form), sb_init(&args);
	trace_split(j, &form, &args);
	/* a row only checked (an import's first pass) is not written: no form */
	int64_t fid = c->checking
			      ? -1
			      : food_trace_form_id(c, form.s, form.len, j->limit_text, j->standard_ref, j->limit_basis);
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)fid);
	/* the derived texts come from the form on read (the fields' read_sql) */
	static const char *const whole[] = {"limit_basis", "limit_text", "standard_ref", "trace"};
	for (size_t i = 0; i < 4; i++)
		json_object_set_new_nocheck(row, whole[i], json_null());
	json_object_set_new_nocheck(row, "trace_form", fid > 0 ? json_string(idt) : json_null());
	json_object_set_new_nocheck(row, "trace_args", json_stringn(args.s ? args.s : "", args.len));
	json_object_set_new_nocheck(row, "verdict", json_string(food_verdict_code(j->verdict)));
	json_object_set_new_nocheck(row, "limit_id", j->limit_id ? json_integer(j->limit_id) : json_null());
	json_object_set_new_nocheck(row, "judged_value", json_string(j->judged_value));
	json_object_set_new_nocheck(row, "needs_decision", json_boolean(j->needs_decision));
	sb_free(&form), sb_free(&args);
	return fid ? 0 : -1;
}

/* ---- rows stored whole (before 034) into forms ----
 * A stored trace is cut at the same members jw_var marks (food_verdict.c),
 * found by walking its JSON: the form and spans of a row judged before 034
 * are those a judgement today writes, so old and new rows share forms.
 * Whatever the walk marks, form and spans give back the stored bytes. */
enum { TP_TOP, TP_INPUT, TP_SPECS, TP_SPEC, TP_CONV, TP_SPEC_LIMIT, TP_OTHER };

typedef struct trace_walk {
	const char *s;
	size_t i, last;
	strbuf *form, *args;
	int nvars;
} trace_walk;

static int tw_value(trace_walk *w, int ctx, int national);

static int tw_string(trace_walk *w)
{
	if (w->s[w->i] != '"')
		return -1;
	for (w->i++; w->s[w->i] && w->s[w->i] != '"'; w->i++)
		if (w->s[w->i] == '\\' && !w->s[++w->i])
			return -1;
	return w->s[w->i] == '"' ? (w->i++, 0) : -1;
}

static int in_list(const char *key, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !memcmp(*list, key, n))
			return 1;
	return 0;
}

/* Whether member `key` of an object in context ctx is the row's own. */
static int tw_own(int ctx, int national, const char *key, size_t n)
{
	static const char *const input[] = {"value", "lod", NULL};
	static const char *const spec[] = {"compared_value", "lod",        "marked_interval", "reason",
					   "rounded_value",  "comparison", "reference",       NULL};
	static const char *const one[] = {"value", NULL}, *const lim[] = {"limit", NULL};
	return ctx == TP_INPUT                     ? in_list(key, n, input)
	       : ctx == TP_SPEC                    ? in_list(key, n, spec)
	       : ctx == TP_CONV                    ? in_list(key, n, one)
	       : ctx == TP_SPEC_LIMIT && !national ? in_list(key, n, lim)
						   : 0;
}

static int tw_child(int ctx, const char *key, size_t n)
{
	if (ctx == TP_TOP && n == 5 && !memcmp(key, "input", 5))
		return TP_INPUT;
	if (ctx == TP_TOP && n == 14 && !memcmp(key, "specifications", 14))
		return TP_SPECS;
	if (ctx == TP_SPEC && n == 10 && !memcmp(key, "conversion", 10))
		return TP_CONV;
	if (ctx == TP_SPEC && n == 5 && !memcmp(key, "limit", 5))
		return TP_SPEC_LIMIT;
	return TP_OTHER;
}

static int tw_object(trace_walk *w, int ctx, int national)
{
	int nat = 0; /* a specification's source: "national..." keeps its limit row in the form */
	for (w->i++; w->s[w->i] != '}';) {
		size_t k = w->i;
		if (tw_string(w) || w->s[w->i] != ':')
			return -1;
		const char *key = w->s + k + 1;
		size_t n = w->i - k - 2;
		w->i++;
		if (ctx == TP_SPEC && n == 6 && !memcmp(key, "source", 6))
			nat = !strncmp(w->s + w->i, "\"national", 9);
		size_t at = w->i;
		if (tw_value(w, tw_child(ctx, key, n), ctx == TP_SPEC ? nat : national))
			return -1;
		if (tw_own(ctx, national, key, n) && w->nvars < FOOD_TRACE_VARS) {
			sb_addn(w->form, w->s + w->last, at - w->last);
			sb_addc(w->form, '\x01');
			if (w->nvars++)
				sb_addc(w->args, '\x1f');
			sb_addn(w->args, w->s + at, w->i - at);
			w->last = w->i;
		}
		if (w->s[w->i] == ',')
			w->i++;
		else if (w->s[w->i] != '}')
			return -1;
	}
	w->i++;
	return 0;
}

static int tw_value(trace_walk *w, int ctx, int national)
{
	char ch = w->s[w->i];
	if (ch == '"')
		return tw_string(w);
	if (ch == '{')
		return tw_object(w, ctx, national);
	if (ch == '[') {
		for (w->i++; w->s[w->i] != ']';) {
			if (tw_value(w, ctx == TP_SPECS ? TP_SPEC : TP_OTHER, 0))
				return -1;
			if (w->s[w->i] == ',')
				w->i++;
			else if (w->s[w->i] != ']')
				return -1;
		}
		w->i++;
		return 0;
	}
	size_t n = strspn(w->s + w->i, "-+.0123456789eEtruefalsn");
	w->i += n;
	return n ? 0 : -1;
}

int food_trace_split_stored(const char *trace, strbuf *form, strbuf *args)
{
	trace_walk w = {trace, 0, 0, form, args, 0};
	if (!trace || trace[0] != '{' || tw_value(&w, TP_TOP, 0) || trace[w.i])
		return -1;
	sb_addn(form, trace + w.last, w.i - w.last);
	sb_addc(form, '\x1e');
	/* the bytes must come back: the form and spans are checked, not trusted */
	strbuf both;
	sb_init(&both);
	sb_addn(&both, form->s, form->len);
	sb_addn(&both, args->s ? args->s : "", args->len);
	char *whole = food_trace_render(both.s);
	int ok = whole && !strcmp(whole, trace);
	free(whole), sb_free(&both);
	return ok ? 0 : -1;
}

/* Whether a stored row (as read: rendered) already holds this judgement. */
static int same_judgement(const json_t *r, const food_judgement *j)
{
	const char *v = food_str(r, "verdict"), *t = food_str(r, "trace");
	return v && t && !strcmp(v, food_verdict_code(j->verdict)) && strlen(t) == j->trace_len &&
	       !memcmp(t, j->trace, j->trace_len);
}

static void clear_derived(json_t *row)
{
	static const char *const f[] = {"verdict",      "limit_id", "limit_text",     "standard_ref", "trace_form",
					"judged_value", "trace",    "needs_decision", "limit_basis",  "trace_args"};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		json_object_set_new_nocheck(row, f[i], json_null());
}

static int inputs_changed(const json_t *row, const json_t *old)
{
	static const char *const f[] = {"item", "value", "unit", "lod", "sample_id", "basis"};
	for (size_t i = 0; old && i < sizeof f / sizeof f[0]; i++) {
		json_t *a = json_object_get(old, f[i]), *b = json_object_get(row, f[i]);
		if (!json_equal(a ? a : json_null(), b ? b : json_null()))
			return 1;
	}
	return !old;
}

/* What prepare found, for validate to report: the item and why the row could
 * not be judged. Prepare always runs just before validate on the same row
 * (create, update, import), so the row is looked up and judged once. Keyed
 * by the row, the reference set and the row's inputs. */
typedef struct judge_memo {
	const json_t *row;
	const food_refset *rs;
	const food_analyte *an; /* the item as prepare found it */
	char key[256];
	size_t keylen;
	int input_error;
	char error_zh[512], error_en[512];
} judge_memo;
static _Thread_local judge_memo last_judgement;

/* The inputs joined by unit separators, each value read once. 0 when they
 * do not fit: no key, so no memo (the row is judged again). */
static size_t memo_key(const json_t *row, char *buf, size_t n)
{
	static const char *const f[] = {"item", "value", "unit", "lod", "basis"};
	/* the sample id as raw bytes: a key only ever compared, never shown */
	int64_t sid = food_id_of(row, "sample_id");
	size_t w = sizeof sid < n ? sizeof sid : 0;
	memcpy(buf, &sid, w);
	for (size_t i = 0; i < 5; i++) {
		if (w + 2 > n)
			return 0;
		const char *v = food_str(row, f[i]);
		size_t len = v ? strlen(v) : 0;
		if (len > n - w - 2)
			return 0;
		buf[w++] = '\x1f';
		memcpy(buf + w, v ? v : "", len);
		w += len;
	}
	return w;
}

static void result_prepare(zj_ctx *c, json_t *row, const json_t *old)
{
	const food_refset *rs = food_refset_current(c->db);
	const food_analyte *an = rs && food_str(row, "item") ? food_find_analyte(rs, food_str(row, "item")) : NULL;
	json_object_set_new(row, "analyte_id", an ? json_integer(an->id) : json_null());
	const sample_info *sample = result_sample(c, food_id_of(row, "sample_id"));
	json_object_set_new(row, "jurisdiction_id",
			    sample && sample->jurisdiction_id ? json_integer(sample->jurisdiction_id) : json_null());
	if (inputs_changed(row, old)) {
		static const char *const d[] = {"decided_verdict", "decision_note", "decided_by"};
		for (size_t i = 0; i < 3; i++)
			json_object_set_new(row, d[i], json_null());
	}
	judge_memo *m = &last_judgement;
	m->row = row, m->input_error = FIE_NONE, m->rs = rs, m->an = an;
	m->keylen = memo_key(row, m->key, sizeof m->key);
	food_judgement j;
	if (sample && an && judge_result(c, rs, sample, an, row, &j) == 0) {
		set_derived(c, row, &j); /* a failure is ctx_internal: the write answers 500 */
		food_judgement_free(&j);
	} else {
		clear_derived(row);
		if (sample && an) {
			m->input_error = j.input_error;
			food_copy(m->error_zh, sizeof m->error_zh, j.error_zh);
			food_copy(m->error_en, sizeof m->error_en, j.error_en);
		}
	}
}

/* The next item of a sample's comma-separated list into t[n] (empty items
 * skipped, a longer one cut); returns where the rest starts, NULL at the end. */
static const char *next_item(const char *p, char *t, size_t n)
{
	while (p && *p == ',')
		p++;
	if (!p || !*p)
		return NULL;
	size_t len = strcspn(p, ","), k = len < n ? len : n - 1;
	memcpy(t, p, k);
	t[k] = 0;
	return p + len;
}

/* The names of a sample's items, for "what would be accepted". */
static void item_names(const food_refset *rs, const char *items, char *buf, size_t n)
{
	size_t w = 0;
	buf[0] = 0;
	char t[256];
	for (const char *p = items; w + 1 < n && (p = next_item(p, t, sizeof t));) {
		const food_analyte *a = food_find_analyte(rs, t);
		w += (size_t)snprintf(buf + w, n - w, "%s%s", w ? "、" : "", a ? a->name : t);
	}
}

static int on_sample_list(const food_refset *rs, const food_analyte *an, zj_ctx *c, const sample_info *sample)
{
	char t[256];
	const char *target = food_screen_target_of(an->code); /* 总汞 may screen a listed 甲基汞 */
	for (const char *p = sample->items; (p = next_item(p, t, sizeof t));) {
		const food_analyte *listed = food_find_analyte(rs, t);
		if (listed == an || (listed && target && !strcmp(listed->code, target)))
			return 1;
	}
	if (!sample->has_specs)
		return 0;
	const int64_t q[] = {sample->id, an->id};
	return db_query_int_ids(c->db,
				"SELECT 1 FROM sample_specs WHERE sample_id = ? AND analyte_id = ? AND deleted = 0", 2,
				q, 0) == 1;
}

static void check_sample(zj_ctx *c, const sample_info *sample, json_t *errors)
{
	const char *st = sample->state;
	if (strcmp(st, "received")) {
		char zh[200], en[200];
		snprintf(zh, sizeof zh, "该样品不在检验中（当前状态：%s），只有收样后、出具报告前可以录入或修改结果",
			 st);
		snprintf(en, sizeof en,
			 "the sample is not under test (state: %s): results are entered between receipt and the report",
			 st);
		crud_field_error(c, errors, "sample_id", FE_STATE, zh, en);
	}
	if (c->user && !(ctx_scope(c, "results.create") & SCOPE_ALL) && sample->lab_unit_id != c->user->unit_id)
		crud_field_error(c, errors, "sample_id", FE_SCOPE, "该样品未送达本检验机构",
				 "the sample was not delivered to your laboratory");
}

static void check_duplicate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	const int64_t p[] = {food_id_of(row, "sample_id"), food_id_of(row, "analyte_id"),
			     old ? food_id_of(old, "id") : 0};
	if (db_query_int_ids(c->db,
			     "SELECT 1 FROM results WHERE sample_id = ? AND analyte_id = ? AND id <> ? AND deleted = 0",
			     3, p, 0) == 1)
		crud_field_error(c, errors, "item", FE_UNIQUE, "该样品已有此项目的结果，请修改原结果",
				 "the sample already has a result for this item: edit it");
}

/* The input error of the row's judgement: prepare's, or judged afresh when
 * the row is not the one prepare saw. */
static void check_inputs(zj_ctx *c, const food_refset *rs, const sample_info *sample, const food_analyte *an,
			 const json_t *row, int memo_hit, json_t *errors)
{
	judge_memo *m = &last_judgement;
	int kind;
	const char *zh, *en;
	food_judgement j;
	if (memo_hit) {
		kind = m->input_error, zh = m->error_zh, en = m->error_en;
	} else if (judge_result(c, rs, sample, an, row, &j) == 0) {
		food_judgement_free(&j);
		return;
	} else
		kind = j.input_error, zh = j.error_zh, en = j.error_en;
	if (kind == FIE_NONE)
		return;
	static const char *const field[] = {"", "value", "unit", "lod", "unit", "basis"};
	static const fe_code code[] = {FE_TYPE, FE_TYPE, FE_UNIT, FE_TYPE, FE_UNIT, FE_CHECK};
	int k = kind >= FIE_VALUE && kind <= FIE_BASIS ? kind : FIE_VALUE;
	crud_field_error(c, errors, field[k], code[k], zh, en);
}

static void result_validate(zj_ctx *c, const json_t *row, const json_t *old, json_t *errors)
{
	if (json_array_size(errors))
		return;
	const food_refset *rs = food_refset_current(c->db);
	const sample_info *sample = result_sample(c, food_id_of(row, "sample_id"));
	if (!rs)
		crud_field_error(c, errors, "item", FE_CHECK, "食品参考数据不可用，无法判定",
				 "the food reference data is unavailable: nothing can be judged");
	if (!rs || !sample)
		return;
	check_sample(c, sample, errors);
	judge_memo *m = &last_judgement;
	char key[sizeof m->key];
	size_t keylen = memo_key(row, key, sizeof key);
	int memo_hit = keylen && m->row == row && m->rs == rs && m->keylen == keylen && !memcmp(m->key, key, keylen);
	const food_analyte *an = memo_hit                ? m->an
				 : food_str(row, "item") ? food_find_analyte(rs, food_str(row, "item"))
							 : NULL;
	char names[800], zh[1000], en[1000];
	if (!an) {
		item_names(rs, sample->items, names, sizeof names);
		snprintf(zh, sizeof zh, "未知的检验项目；本样品的检验项目为：%s", names);
		snprintf(en, sizeof en, "unknown test item; this sample's items are: %s", names);
		crud_field_error(c, errors, "item", FE_REF, zh, en);
	} else if (!on_sample_list(rs, an, c, sample)) {
		item_names(rs, sample->items, names, sizeof names);
		snprintf(zh, sizeof zh, "“%s”不在本样品的检验项目中；可录入：%s", an->name, names);
		snprintf(en, sizeof en, "'%s' is not one of this sample's test items; accepted: %s", an->name, names);
		crud_field_error(c, errors, "item", FE_CHECK, zh, en);
	} else {
		check_duplicate(c, row, old, errors);
		check_inputs(c, rs, sample, an, row, memo_hit, errors);
	}
}

static const entity_hooks result_hooks = {.prepare = result_prepare, .validate = result_validate};

/* ---- a person's decision on a flagged item ---- */

/* A total above the speciated limit: only the speciated result decides. */
static int screening_exceeded(const json_t *r)
{
	const char *t = food_str(r, "trace");
	return t && strstr(t, "\"screening\":\"speciated_required\"") != NULL;
}

/* The `decide` step (an in-place step of the results workflow: the row
 * keeps its one state; the step has its permission results.decide, this
 * guard, a history row and an audit record). Only a flagged item, not one a
 * speciated result must decide, while the sample is under test. */
static int decide_guard(zj_ctx *c, const entity_def *e, int64_t id, const json_t *row, const json_t *body)
{
	const char *v = food_str(row, "decided_verdict");
	if (!v || (strcmp(v, "pass") && strcmp(v, "fail"))) {
		json_t *errors = json_array();
		crud_field_error(c, errors, "decided_verdict", FE_DICT, "应为 pass（符合）或 fail（不符合）",
				 "must be pass or fail");
		return ctx_fail_fields(c, errors);
	}
	if (!json_is_true(json_object_get(row, "needs_decision")))
		return ctx_problem(c, PROB_JUDGED_BY_LIMIT, NULL);
	if (screening_exceeded(row))
		return ctx_problem(c, PROB_SPECIATED_LIMIT,
				   TR(c, "GB 2762-2022 4.3 表3 注a / 4.4 表4 注a",
				      "GB 2762-2022 4.3 Table 3 note a / 4.4 Table 4 note a"));
	json_t *sample = crud_load(c, &ent_samples, food_id_of(row, "sample_id"));
	const char *st = sample ? food_str(sample, "state") : NULL;
	int rc = 0;
	if (!sample)
		rc = ctx_problem(c, PROB_NOT_FOUND, NULL);
	else if (strcmp(st ? st : "", "received"))
		rc = ctx_problem(c, PROB_SAMPLE_NOT_UNDER_TEST, NULL);
	json_decref(sample);
	return rc;
}

/* Who decided, and when: set by the server, never given. */
static void decide_fill(zj_ctx *c, const entity_def *e, int64_t id, json_t *given)
{
	char by[160];
	snprintf(by, sizeof by, "%s %s", c->user ? c->user->username : "system", c->now);
	json_object_set_new(given, "decided_by", json_string(by));
}

static const wf_state result_states[] = {{"recorded", "已录入", "Recorded"}};
static const wf_transition result_transitions[] = {
	{"decide", "人工判定", "Decide the item", "recorded", WF_STAY, "results.decide",
	 "decided_verdict,decision_note", .guard = decide_guard, .fill = decide_fill, .own_fields = 1},
};
static const workflow_def result_wf = {"recorded",
				       result_states,
				       ZJ_COUNT(result_states),
				       result_transitions,
				       ZJ_COUNT(result_transitions),
				       .unstored = 1};

/* POST /results/{id}/actions/decide {"verdict","note"}: the `decide` step. */
static int decide_action(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body,
			 action_result *out)
{
	const char *v = body ? json_string_value(json_object_get(body, "verdict")) : NULL;
	const char *note = body ? json_string_value(json_object_get(body, "note")) : NULL;
	json_t *errors = json_array();
	if (!v || (strcmp(v, "pass") && strcmp(v, "fail")))
		crud_field_error(c, errors, "verdict", FE_DICT, "应为 pass（符合）或 fail（不符合）",
				 "must be pass or fail");
	if (!note || !*note)
		crud_field_error(c, errors, "note", FE_REQUIRED, "须说明判定依据", "give the basis of the decision");
	if (json_array_size(errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return workflow_step_action(c, e, id, "decide",
				    json_pack("{s:s, s:s}", "decided_verdict", v, "decision_note", note), out);
}

static int trace_action(zj_ctx *c, const entity_def *e, int64_t id, const void *query, json_t *body, action_result *out)
{
	json_t *r = crud_load(c, e, id);
	const char *t = r ? food_str(r, "trace") : NULL;
	out->json = t ? json_loads(t, 0, NULL) : NULL;
	json_decref(r);
	if (!out->json)
		return ctx_problem(c, PROB_NO_VERDICT_TRACE, NULL);
	return 200;
}

static const entity_action result_actions[] = {
	{"decide", "POST", "results.decide", 1, decide_action},
	{"trace", "GET", NULL, 1, trace_action},
};

static const field_def result_fields[] = {
	{"sample_id", FT_REF, "样品编号", "Sample code", F_REQUIRED | F_LIST | F_FILTER, .ref = "samples"},
	{"item", FT_TEXT, "检验项目", "Test item", F_REQUIRED | F_LIST | F_SEARCH, 1, 80,
	 .help_zh = "项目名称、别名或代码，如 铅(以Pb计)", .help_en = "name, alias or code"},
	{"analyte_id", FT_REF, "标准项目名称", "Standard item name", F_READONLY | F_LIST | F_FILTER,
	 .ref = "food_analytes"},
	{"value", FT_TEXT, "检测结果", "Result", F_REQUIRED | F_LIST, 1, 40,
	 .help_zh = "十进制数，或 ND、未检出、<LOD、<0.01；可带 (+)/(−)；可写 1.77×10³",
	 .help_en = "decimal, ND, <LOD, <X; (+)/(−) marks; 1.77×10³"},
	{"unit", FT_TEXT, "单位", "Unit", F_REQUIRED | F_LIST, 1, 20},
	{"lod", FT_TEXT, "检出限", "Detection limit", F_LIST, 0, 20, .help_zh = "与结果同一单位",
	 .help_en = "in the result's unit"},
	{"basis", FT_DICT, "结果计算基础", "Basis of the result", 0, .dict = "limit_basis",
	 .help_zh = "空 = 按限量的计算基础（如稻谷以糙米计）；不同且标准未给换算系数的不予受理",
	 .help_en =
		 "empty = the limit's basis (e.g. paddy rice on the brown-rice basis); another basis without a factor in the standard is refused"},
	{"method", FT_TEXT, "检验方法", "Test method", 0, 0, 100},
	{"analyst", FT_TEXT, "检验人", "Analyst", F_LIST, 0, 40},
	{"tested_on", FT_DATE, "检验日期", "Tested on", F_LIST},
	{"jurisdiction_id", FT_REF, "区域", "Jurisdiction", F_READONLY | F_FILTER, .ref = "jurisdictions"},
	{"verdict", FT_DICT, "单项判定", "Item verdict", F_READONLY | F_LIST | F_FILTER, .dict = "item_verdict"},
	{"limit_id", FT_REF, "依据限量", "Limit row", F_READONLY, .ref = "food_limits"},
	{"limit_text", FT_TEXT, "标准指标", "Limit", F_READONLY | F_LIST, 0, 100,
	 .read_sql = FOOD_RESULT_TEXT("t", "limit_text")},
	{"standard_ref", FT_TEXT, "判定依据", "Standard", F_READONLY | F_LIST, 0, 200,
	 .read_sql = FOOD_RESULT_TEXT("t", "standard_ref")},
	{"limit_basis", FT_TEXT, "限量计算基础", "Basis of the limit", F_READONLY | F_LIST, 0, 60,
	 .read_sql = FOOD_RESULT_TEXT("t", "limit_basis")},
	{"judged_value", FT_TEXT, "判定值", "Value judged", F_READONLY, 0, 100},
	{"trace", FT_TEXT, "判定过程", "Verdict trace", F_READONLY, 0, 20000,
	 .read_sql =
		 "COALESCE(t.trace, (SELECT f.body FROM food_trace_forms f WHERE f.id = t.trace_form) || t.trace_args)",
	 .render = food_trace_render},
	{"needs_decision", FT_BOOL, "待人工判定", "Needs a decision", F_READONLY | F_LIST | F_FILTER},
	{"decided_verdict", FT_DICT, "人工判定", "Decision", F_READONLY | F_LIST, .dict = "item_verdict"},
	{"decision_note", FT_TEXT, "判定说明", "Decision note", F_READONLY, 0, 1000},
	{"decided_by", FT_TEXT, "判定人", "Decided by", F_READONLY, 0, 160},
	/* the stored form of the derived texts above: never served (write-only) */
	{"trace_form", FT_SECRET, "判定过程格式", "Trace form", F_READONLY | F_NOIMPORT},
	{"trace_args", FT_SECRET, "判定过程数值", "Trace values", F_READONLY | F_NOIMPORT},
};
const entity_def ent_results = {
	.name = "results",
	.table = "results",
	.label_zh = "检验结果",
	.label_en = "Test results",
	.menu = "food",
	.fields = result_fields,
	.nfields = ZJ_COUNT(result_fields),
	.label_field = "item",
	.juris_field = "jurisdiction_id",
	.default_sort = "-id",
	.hooks = &result_hooks,
	.actions = result_actions,
	.nactions = ZJ_COUNT(result_actions),
	.workflow = &result_wf,
	.first_columns = "sample_id", /* the list as it was: one state is no column */
};

/* ---- the sample's conclusion ---- */

static int rejudge(zj_ctx *c, const food_refset *rs, const sample_info *sample, int64_t id)
{
	json_t *r = crud_load(c, &ent_results, id);
	const food_analyte *an = r ? food_analyte_by_id(rs, food_id_of(r, "analyte_id")) : NULL;
	food_judgement j;
	if (!an || judge_result(c, rs, sample, an, r, &j) != 0) {
		json_decref(r);
		return DB_OK; /* an unjudgeable row stays as it is; the conclusion treats it as pending */
	}
	int same = same_judgement(r, &j);
	json_t *f = json_object();
	int rc = same                    ? DB_OK
		 : set_derived(c, f, &j) ? DB_ERR
					 : crud_set_fields_old(c, &ent_results, id, r, f, "rejudge");
	food_judgement_free(&j);
	json_decref(f), json_decref(r);
	return rc;
}

typedef struct item_state {
	const char *verdict, *decided, *name, *value, *unit, *limit, *standard;
	int needs;
} item_state;

static const char *effective(const item_state *s)
{
	if (s->decided)
		return s->decided;
	if (s->needs || !s->verdict)
		return "pending";
	return s->verdict;
}

static void add_failed(json_t *failed, strbuf *note, const item_state *s)
{
	json_array_append_new(failed, json_pack("{s:s, s:s, s:s, s:s, s:s}", "item", s->name, "value",
						s->value ? s->value : "", "unit", s->unit ? s->unit : "", "limit",
						s->limit ? s->limit : "", "standard", s->standard ? s->standard : ""));
	sb_printf(note, "%s%s %s %s", note->len ? "；" : "", s->name, s->value ? s->value : "", s->unit ? s->unit : "");
	if (s->limit)
		sb_printf(note, "（标准指标 %s，%s）", s->limit, s->standard ? s->standard : "");
}

/* Whether the speciated item a total result screens for has its own result. */
static int speciated_entered(zj_ctx *c, const food_refset *rs, const sample_info *sample, const food_analyte *total)
{
	const char *tcode = total ? food_screen_target_of(total->code) : NULL;
	for (int i = 0; tcode && i < rs->nanalytes; i++)
		if (!strcmp(rs->analytes[i].code, tcode)) {
			const int64_t q[] = {sample->id, rs->analytes[i].id};
			return db_query_int_ids(
				       c->db,
				       "SELECT 1 FROM results WHERE sample_id = ? AND analyte_id = ? AND deleted = 0",
				       2, q, 0) == 1;
		}
	return 0;
}

/* Items on the sample's list without a result. A speciated item is covered
 * by a total that passed against its limit (GB 2762-2022 4.3 表3 注a, 4.4
 * 表4 注a): that result names the speciated item's limit row. Returns how many. */
static int missing_items(zj_ctx *c, const food_refset *rs, const sample_info *sample, json_t *missing)
{
	char t[256];
	for (const char *p = sample->items; (p = next_item(p, t, sizeof t));) {
		const food_analyte *an = food_find_analyte(rs, t);
		const int64_t q[] = {sample->id, an ? an->id : 0, an ? an->id : 0};
		if (!an ||
		    db_query_int_ids(
			    c->db,
			    "SELECT 1 FROM results r LEFT JOIN food_limits l ON l.id = r.limit_id WHERE r.sample_id = ?"
			    " AND r.deleted = 0 AND (r.analyte_id = ? OR (l.analyte_id = ? AND r.verdict = 'pass')) LIMIT 1",
			    3, q, 0) != 1)
			json_array_append_new(missing, json_string(an ? an->name : t));
	}
	return (int)json_array_size(missing);
}

typedef struct tally {
	json_t *failed, *pending, *items;
	strbuf note;
	int any_fail, any_pending;
} tally;

/* Counts one result (judged again first when asked) into the tally. */
static void count_result(zj_ctx *c, const food_refset *rs, const sample_info *sample, int64_t rid, int rejudge_rows,
			 tally *t)
{
	if (rejudge_rows && rejudge(c, rs, sample, rid) != DB_OK)
		t->any_pending = 1, json_array_append_new(t->pending, json_string("?"));
	json_t *r = crud_load(c, &ent_results, rid);
	const food_analyte *an = food_analyte_by_id(rs, food_id_of(r, "analyte_id"));
	item_state st = {food_str(r, "verdict"),
			 food_str(r, "decided_verdict"),
			 an ? an->name : food_str(r, "item"),
			 food_str(r, "value"),
			 food_str(r, "unit"),
			 food_str(r, "limit_text"),
			 food_str(r, "standard_ref"),
			 json_is_true(json_object_get(r, "needs_decision"))};
	const char *eff = effective(&st);
	if (screening_exceeded(r) && speciated_entered(c, rs, sample, an))
		eff = "superseded"; /* the speciated result decides (GB 2762-2022 4.3 表3 注a) */
	json_array_append_new(t->items, json_pack("{s:I, s:s, s:s, s:s}", "result_id", (json_int_t)rid, "item", st.name,
						  "verdict", st.verdict ? st.verdict : "", "effective", eff));
	if (!strcmp(eff, "fail"))
		t->any_fail = 1, add_failed(t->failed, &t->note, &st);
	else if (strcmp(eff, "pass") && strcmp(eff, "superseded"))
		t->any_pending = 1, json_array_append_new(t->pending, json_string(st.name));
	json_decref(r);
}

int food_sample_conclusion(zj_ctx *c, int64_t sample_id, int rejudge_rows, json_t **summary)
{
	const food_refset *rs = food_refset_current(c->db);
	sample_info *sample = sample_info_load(c, sample_id);
	*summary = json_object();
	if (!rs || !sample) {
		sample_info_free(sample);
		return -1;
	}
	json_t *rows = json_array();
	db_stmt *s;
	int rc = db_prepare(c->db, "SELECT id FROM results WHERE sample_id = ? AND deleted = 0 ORDER BY id", &s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, sample_id);
		for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
			json_array_append_new(rows, json_integer(db_col_int(s, 0)));
		db_finalize(s);
	}
	if (rc != DB_DONE) { /* a conclusion on a part of the results would be wrong */
		ctx_internal(c, "sample conclusion", db_errmsg(c->db));
		json_decref(rows);
		sample_info_free(sample);
		return -1;
	}
	tally t = {json_array(), json_array(), json_array()};
	sb_init(&t.note);
	size_t i;
	json_t *idv;
	json_array_foreach (rows, i, idv)
		count_result(c, rs, sample, json_integer_value(idv), rejudge_rows, &t);
	json_t *missing = json_array();
	if (missing_items(c, rs, sample, missing))
		t.any_pending = 1;
	const char *concl = t.any_fail ? "fail" : t.any_pending ? "pending" : "pass";
	json_object_set_new(*summary, "conclusion", json_string(concl));
	json_object_set_new(*summary, "note", json_string(t.note.s ? t.note.s : ""));
	json_object_set_new(*summary, "failed", t.failed);
	json_object_set_new(*summary, "pending", t.pending);
	json_object_set_new(*summary, "missing", missing);
	json_object_set_new(*summary, "items", t.items);
	sb_free(&t.note);
	json_decref(rows);
	sample_info_free(sample);
	return t.any_fail ? 1 : t.any_pending ? 2 : 0;
}

/* ---- judging again when the limits change ---- */

/* One result judged again against the current tables. */
static int rejudge_one(zj_ctx *c, const food_refset *rs, int64_t rid)
{
	json_t *r = crud_load(c, &ent_results, rid);
	sample_info *sample = r ? sample_info_load(c, food_id_of(r, "sample_id")) : NULL;
	const food_analyte *an = r ? food_analyte_by_id(rs, food_id_of(r, "analyte_id")) : NULL;
	food_judgement j;
	int rc = DB_OK;
	if (!sample || !an || judge_result(c, rs, sample, an, r, &j) != 0)
		goto out; /* an unjudgeable row stays as it is */
	int was_same = same_judgement(r, &j);
	json_t *f = json_object();
	if (set_derived(c, f, &j)) {
		food_judgement_free(&j), json_decref(f);
		rc = DB_ERR;
		goto out;
	}
	const char *decided = food_str(r, "decided_verdict"), *now = food_verdict_code(j.verdict);
	int decisive = !j.needs_decision && (j.verdict == FV_PASS || j.verdict == FV_FAIL);
	const char *action = "rejudge";
	if (decided && decisive && strcmp(decided, now)) {
		/* the person decided without this limit, or against it: withdrawn */
		char note[1200];
		const char *old_note = food_str(r, "decision_note");
		snprintf(
			note, sizeof note,
			"重新打开：%s %s 判定%s，与人工判定“%s”不一致，人工判定撤回（原说明：%s）/ reopened: the limit now %s",
			j.standard_ref, j.limit_text, j.verdict == FV_FAIL ? "不合格" : "合格",
			!strcmp(decided, "pass") ? "合格" : "不合格", old_note ? old_note : "",
			j.verdict == FV_FAIL ? "fails it" : "passes it");
		json_object_set_new(f, "decided_verdict", json_null());
		json_object_set_new(f, "decided_by", json_null());
		json_object_set_new(f, "decision_note", json_string(note));
		action = "reopen";
	}
	food_judgement_free(&j);
	int same = !strcmp(action, "rejudge") && was_same;
	if (!same)
		rc = crud_set_fields_old(c, &ent_results, rid, r, f, action);
	json_decref(f);
out:
	sample_info_free(sample);
	json_decref(r);
	return rc;
}

int food_rejudge_for_limit(zj_ctx *c, int64_t analyte, int64_t old_analyte)
{
	const food_refset *rs = food_refset_current(c->db);
	if (!rs)
		return DB_ERR;
	/* the analytes whose results the row may decide: its own, the old one,
	 * and the total that screens for it (GB 2762-2022 4.3 表3 注a) */
	int64_t ids[4] = {analyte, old_analyte, 0, 0};
	for (int k = 0; k < 2; k++) {
		const food_analyte *a = ids[k] ? food_analyte_by_id(rs, ids[k]) : NULL;
		const char *total = a ? food_screen_total_of(a->code) : NULL;
		for (int i = 0; total && i < rs->nanalytes; i++)
			if (!strcmp(rs->analytes[i].code, total))
				ids[2 + k] = rs->analytes[i].id;
	}
	int64_t *rows = NULL;
	size_t n = 0, cap = 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id FROM results WHERE deleted = 0 AND analyte_id IN (?, ?, ?, ?)"
		       " AND (needs_decision = 1 OR decided_verdict IS NOT NULL) ORDER BY id",
		       &s) != DB_OK)
		return DB_ERR;
	for (int k = 0; k < 4; k++)
		db_bind_int(s, k + 1, ids[k] ? ids[k] : -1);
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *more = realloc(rows, sizeof *rows * cap);
			if (!more)
				abort();
			rows = more;
		}
		rows[n++] = db_col_int(s, 0);
	}
	db_finalize(s);
	rc = rc == DB_DONE ? DB_OK : rc;
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		rc = rejudge_one(c, rs, rows[i]);
	free(rows);
	return rc;
}
