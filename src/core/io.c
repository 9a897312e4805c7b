/* io.c — import and export (see io.h). */
#include "core/io.h"
#include "core/audit.h"
#include "core/privacy.h"
#include "lib/pii.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { MAX_REPORTED_ERRORS = 1000 };

typedef struct import_state {
	zj_ctx *c;
	const entity_def *e;
	int ncols;
	int *colmap; /* column → field index, -1 unknown */
	json_t *errors;
	long bad_rows, inserted, rows, total;
	int dry_run, fatal;
	int check_only;  /* the first pass: validate, write nothing, take no write lock */
	json_t *seen;    /* unique values met so far in the file (first pass) */
	unsigned scope;
	io_progress_fn progress;
	void *ud;
} import_state;

/* The report is kept with the job and shown again later: a personal value
 * is masked in it and free text scrubbed (the importer has the file). */
static void add_error(import_state *st, long row, const char *field, const char *value, const char *reason)
{
	if (json_array_size(st->errors) >= MAX_REPORTED_ERRORS)
		return;
	const field_def *f = field && *field ? entity_field(st->e, field) : NULL;
	char *v = privacy_report_text(st->e, f, value ? value : ""), *why = privacy_report_text(st->e, NULL, reason ? reason : "");
	json_array_append_new(st->errors, json_pack("{s:I, s:s, s:s, s:s}", "row", (json_int_t)row, "field", field ? field : "",
						    "value", v ? v : "", "reason", why ? why : ""));
	free(v), free(why);
}

static int header_row(import_state *st, int ncols, const char *const *cells)
{
	st->ncols = ncols;
	st->colmap = malloc(sizeof(int) * (size_t)(ncols ? ncols : 1));
	for (int i = 0; i < ncols; i++) {
		const char *h = cells[i];
		if (i == 0 && !strncmp(h, "\xEF\xBB\xBF", 3))
			h += 3;
		st->colmap[i] = -1;
		if (!*h)
			continue;
		for (int j = 0; j < st->e->nfields; j++) {
			const field_def *f = &st->e->fields[j];
			if (!strcmp(h, f->name) || !strcmp(h, f->label_zh) || !strcasecmp(h, f->label_en))
				st->colmap[i] = j;
		}
		if (st->colmap[i] < 0 || (st->e->fields[st->colmap[i]].flags & (F_READONLY | F_NOIMPORT))) {
			char why[160];
			snprintf(why, sizeof why, st->c->en ? "unknown or read-only column '%s'" : "未知或只读的列“%s”", h);
			add_error(st, 1, h, h, why);
			st->fatal = 1;
		}
	}
	return 0;
}

/* The first pass finds duplicates without inserting: within the file by a
 * set of the values seen, against the table by a lookup of live rows. */
static void check_unique(import_state *st, long row_no, json_t *row, const char **cell)
{
	zj_ctx *c = st->c;
	for (int j = 0; j < st->e->nfields; j++) {
		const field_def *f = &st->e->fields[j];
		json_t *v = (f->flags & F_UNIQUE) ? json_object_get(row, f->name) : NULL;
		if (!v || !(json_is_string(v) || json_is_integer(v)))
			continue;
		char num[32];
		const char *text = json_is_string(v) ? json_string_value(v) : (snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), num);
		strbuf key;
		sb_init(&key);
		sb_printf(&key, "%s\x1f%s", f->name, text);
		int dup = json_object_get(st->seen, key.s) != NULL;
		if (!dup) {
			json_object_set_new(st->seen, key.s, json_true());
			char sql[256];
			snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE %s = ? AND deleted = 0", st->e->table, f->name);
			db_stmt *s;
			if (db_prepare(c->db, sql, &s) == DB_OK) {
				if (json_is_string(v))
					db_bind_text(s, 1, text);
				else
					db_bind_int(s, 1, json_integer_value(v));
				dup = db_step(s) == DB_ROW;
				db_finalize(s);
			}
		}
		sb_free(&key);
		if (dup) {
			add_error(st, row_no, f->name, cell[j],
				  TR(c, "与本文件中前面的行或现有记录重复", "duplicates an earlier row of this file or an existing record"));
			st->bad_rows++;
			return;
		}
	}
}

static int import_row(void *ud, long row_no, int ncols, const char *const *cells)
{
	import_state *st = ud;
	zj_ctx *c = st->c;
	if (row_no == 1 || !st->colmap)
		return header_row(st, ncols, cells);
	int empty = 1;
	for (int i = 0; i < ncols; i++)
		if (cells[i][0])
			empty = 0;
	if (empty)
		return 0;
	st->rows++;
	for (int i = st->ncols; i < ncols; i++)
		if (cells[i][0]) {
			add_error(st, row_no, "", cells[i], TR(c, "该单元格没有列标题", "this cell has no column heading"));
			st->bad_rows++;
			return 0;
		}
	/* Cells are coerced straight into the row (no intermediate body object);
	 * `cell` keeps each field's text for the error report. */
	const char *cell[st->e->nfields > 0 ? st->e->nfields : 1];
	memset(cell, 0, sizeof cell);
	json_t *errs = json_array();
	json_t *row = json_object();
	for (int i = 0; i < ncols && i < st->ncols; i++) {
		int fi = st->colmap[i];
		if (fi < 0)
			continue;
		const char *v = cells[i];
		/* undo the export's spreadsheet-formula guard */
		if (v[0] == '\'' && pii_formula_lead(v + 1))
			v++;
		const field_def *f = &st->e->fields[fi];
		cell[fi] = v;
		json_t *sv = json_string(v);
		fe_code code;
		char msg[256];
		json_t *cv = sv ? field_coerce(c, st->e, f, sv, 1, &code, msg, sizeof msg) : NULL;
		if (!sv)
			crud_field_error(c, errs, f->name, FE_TYPE, "不是有效的 UTF-8 文本", "is not valid UTF-8 text");
		else if (!cv)
			json_array_append_new(errs, json_pack("{s:s, s:s, s:s}", "field", f->name, "message", msg, "code", fe_name(code)));
		else
			json_object_set_new(row, f->name, cv);
		json_decref(sv);
	}
	if (st->e->hooks && st->e->hooks->prepare)
		st->e->hooks->prepare(c, row, NULL);
	crud_validate(c, st->e, row, NULL, 0, errs);
	if (!json_array_size(errs) && !crud_row_in_scope(c, st->e, st->scope, row))
		crud_field_error(c, errs, st->e->juris_field ? st->e->juris_field : "", FE_SCOPE, "超出您的管辖范围", "outside your jurisdiction");
	if (json_array_size(errs)) {
		st->bad_rows++;
		size_t i;
		json_t *er;
		json_array_foreach(errs, i, er) {
			const char *f = json_string_value(json_object_get(er, "field"));
			int fi = f ? entity_field_index(st->e, f) : -1;
			add_error(st, row_no, f, fi >= 0 ? cell[fi] : NULL, json_string_value(json_object_get(er, "message")));
		}
	} else if (!st->fatal && st->check_only) {
		check_unique(st, row_no, row, cell);
	} else if (!st->fatal) {
		/* keep inserting after a bad row (the transaction is rolled back) so that
		 * every duplicate in the file is reported, not only the first */
		int64_t id;
		int rc = crud_insert(c, st->e, row, &id);
		if (rc == DB_CONSTRAINT) {
			/* e.g. the same unique value twice within the file */
			const char *uf = "", *uv = NULL;
			for (int j = 0; j < st->e->nfields; j++)
				if (st->e->fields[j].flags & F_UNIQUE)
					uf = st->e->fields[j].name, uv = cell[j];
			add_error(st, row_no, uf, uv,
				  TR(c, "与本文件中前面的行或现有记录重复", "duplicates an earlier row of this file or an existing record"));
			st->bad_rows++;
		} else if (rc != DB_OK) {
			add_error(st, row_no, "", "", db_errmsg(c->db));
			st->bad_rows++;
		} else if (st->e->hooks && st->e->hooks->after_write && st->e->hooks->after_write(c, id, row, NULL)) {
			/* the same rules as a single create (deadlines, derived rows) */
			add_error(st, row_no, "", "", c->problem ? json_string_value(json_object_get(c->problem, "detail")) ?: json_string_value(json_object_get(c->problem, "title")) : "rejected");
			ctx_clear(c);
			st->bad_rows++;
		} else
			st->inserted++;
	}
	json_decref(errs), json_decref(row);
	if (st->progress && st->rows % 1000 == 0)
		st->progress(st->ud, st->rows, st->total);
	return 0;
}

static long count_lines(const char *buf, size_t len)
{
	long n = 0;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n;
}

int io_import(zj_ctx *c, const entity_def *e, const void *buf, size_t len, tab_format fmt, int dry_run,
	      io_progress_fn progress, void *ud, json_t **result)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.import", e->name);
	unsigned sc = ctx_scope(c, perm);
	if (!sc || e->no_import || e->no_create)
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "您没有导入此类记录的权限", "You may not import these records"));
	import_state st = {.c = c, .e = e, .errors = json_array(), .dry_run = dry_run, .scope = sc, .progress = progress, .ud = ud};
	st.total = fmt == TAB_CSV ? count_lines(buf, len) : 0;
	char err[256] = "";
	/* Pass 1, for every import: read and validate the whole file without a
	 * transaction, so no write lock is held while a large file is parsed
	 * (a dry run ends here). Pass 2, only for a clean file: insert, in one
	 * transaction (all or nothing). */
	st.check_only = 1;
	st.seen = json_object();
	c->bulk = 1; /* memoised lookups; in pass 2 the unique index catches duplicates, per row */
	int rc = tab_read(fmt, buf, len, import_row, &st, err, sizeof err);
	json_decref(st.seen);
	st.seen = NULL;
	if (rc == 0 && st.colmap && !st.bad_rows && !st.fatal && !dry_run) {
		free(st.colmap);
		st.colmap = NULL;
		st.check_only = 0, st.rows = 0;
		if (db_begin(c->db) != DB_OK) {
			c->bulk = 0;
			json_decref(st.errors);
			return ctx_problem(c, PROB_DB_BUSY, NULL);
		}
		rc = tab_read(fmt, buf, len, import_row, &st, err, sizeof err);
	}
	c->bulk = 0;
	if (rc != 0) {
		db_rollback(c->db);
		free(st.colmap);
		json_decref(st.errors);
		return ctx_problemf(c, PROB_UNREADABLE_FILE, "%s", err);
	}
	if (!st.colmap) {
		add_error(&st, 1, "", "", TR(c, "文件是空的：第一行应为列标题", "the file is empty: the first row must hold the column headings"));
		st.fatal = 1;
	}
	if (progress)
		progress(ud, st.rows, st.rows);
	int ok = !st.bad_rows && !st.fatal;
	if (ok && !dry_run) {
		/* One audit record for the whole import: who, which file (SHA-256), how many rows. */
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[65];
		crypto_hash_sha256(h, buf, len);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		json_t *a = json_pack("{s:s, s:I}", "file_sha256", hex, "rows", (json_int_t)st.inserted);
		if (audit_append(c, "import", e->name, 0, NULL, a) != DB_OK)
			ok = 0;
		json_decref(a);
	}
	if (ok && !dry_run && db_commit(c->db) != DB_OK)
		ok = 0;
	if (!ok || dry_run)
		db_rollback(c->db);
	free(st.colmap);
	*result = json_pack("{s:I, s:I, s:I, s:o, s:b}", "rows", (json_int_t)st.rows, "inserted", (json_int_t)(ok && !dry_run ? st.inserted : 0),
			    "bad_rows", (json_int_t)st.bad_rows, "errors", st.errors, "dry_run", dry_run);
	return ok ? 200 : 422;
}

/* ---- export ----
 * Rows go out in batches: a connection is taken from the pool, one bounded
 * batch is read and rendered, the connection goes back, and the next batch
 * resumes after the last row's key (sort value, id). So a client that stops
 * reading holds no database connection, only the rendered batch. */

enum { EXPORT_BATCH = 1000 };

struct exporter {
	zj_ctx *c;
	const entity_def *e;
	export_format fmt;
	int en, mask, header_names, started, done, first, exhausted;
	db_pool *pool;  /* NULL: batches use c->db (the CLI) */
	strbuf pending;
	size_t pos;
	FILE *xlsx;  /* finished workbook being streamed */
	char xlsx_path[64];
	list_query lq;
	json_t *params;
	strbuf sql;     /* SELECT ... WHERE ... (scope, filters), no order */
	/* keyset of the last row sent */
	int have_last, last_null;
	int64_t last_id, last_int;
	char *last_text;
};

/* Every cell that a spreadsheet would read as a formula (= + - @ tab CR,
 * OWASP "CSV injection") gets a leading apostrophe, whatever the column's
 * type: a reference's label or a dictionary code is text someone typed. */
static void csv_cell(strbuf *b, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n\t") != NULL;
	if (quote)
		sb_addc(b, '"');
	if (pii_formula_lead(s))
		sb_addc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			sb_addc(b, '"');
		sb_addc(b, *p);
	}
	if (quote)
		sb_addc(b, '"');
}

/* Text of a field's value for a file: codes for dictionaries, labels for references. */
static void cell_text(const field_def *f, json_t *row, strbuf *out)
{
	json_t *v = json_object_get(row, f->name);
	if (f->type == FT_REF) {
		char key[96];
		snprintf(key, sizeof key, "%s__label", f->name);
		json_t *l = json_object_get(row, key);
		if (json_is_string(l)) {
			sb_add(out, json_string_value(l));
			return;
		}
	}
	if (!v || json_is_null(v))
		return;
	if (json_is_string(v))
		sb_add(out, json_string_value(v));
	else if (json_is_integer(v))
		sb_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_boolean(v))
		sb_add(out, json_is_true(v) ? "1" : "0");
	else if (json_is_array(v)) {
		size_t i;
		json_t *it;
		json_array_foreach(v, i, it) {
			if (i)
				sb_addc(out, ',');
			sb_add(out, json_string_value(it));
		}
	}
}

static int exported(const field_def *f) { return f->type != FT_SECRET; }

/* The heading row of a CSV file: labels (or names) of the fields a file
 * carries, leaving out secrets and the fields with any of the `skip` flags. */
static void csv_headings(strbuf *b, int en, const entity_def *e, unsigned skip, int names)
{
	int n = 0;
	sb_add(b, "\xEF\xBB\xBF"); /* BOM: Excel opens UTF-8 CSV correctly */
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (!exported(f) || (f->flags & skip))
			continue;
		if (n++)
			sb_addc(b, ',');
		csv_cell(b, names ? f->name : en ? f->label_en : f->label_zh);
	}
	sb_add(b, "\r\n");
}

static void csv_row(exporter *x, json_t *row, strbuf *b)
{
	int n = 0;
	strbuf cell;
	sb_init(&cell);
	for (int i = 0; i < x->e->nfields; i++) {
		const field_def *f = &x->e->fields[i];
		if (!exported(f))
			continue;
		if (n++)
			sb_addc(b, ',');
		sb_reset(&cell);
		cell_text(f, row, &cell);
		csv_cell(b, cell.s ? cell.s : "");
	}
	sb_free(&cell);
	sb_add(b, "\r\n");
}

static int numeric_key(const field_def *f) { return f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF || f->type == FT_BOOL; }

/* Rows after the last one sent, in the order of the query. NULL sort values
 * sort first ascending on SQLite and last on PostgreSQL (their native
 * orders, which the indexes serve): the condition follows the backend. */
static void keyset_where(exporter *x, db *d, strbuf *sql)
{
	const char *op = x->lq.desc ? "<" : ">";
	const field_def *f = x->lq.sort;
	if (!x->have_last)
		return;
	if (!f) {
		sb_printf(sql, " AND t.id %s ?", op);
		return;
	}
	int nulls_first = db_is_postgres(d) ? x->lq.desc : !x->lq.desc;
	if (x->last_null)
		sb_printf(sql, nulls_first ? " AND ((t.%s IS NULL AND t.id %s ?) OR t.%s IS NOT NULL)" : " AND (t.%s IS NULL AND t.id %s ?)",
			  f->name, op, f->name);
	else
		sb_printf(sql, " AND (t.%s %s ? OR (t.%s = ? AND t.id %s ?)%s%s%s)", f->name, op, f->name, op,
			  nulls_first ? "" : " OR t.", nulls_first ? "" : f->name, nulls_first ? "" : " IS NULL");
}

static void bind_keyset(exporter *x, db_stmt *s, int k)
{
	if (!x->have_last)
		return;
	if (x->lq.sort && !x->last_null) {
		for (int i = 0; i < 2; i++) {
			if (numeric_key(x->lq.sort))
				db_bind_int(s, k++, x->last_int);
			else
				db_bind_text(s, k++, x->last_text);
		}
	}
	db_bind_int(s, k, x->last_id);
}

/* The sort key of row id (read back, unmasked: a masked value is no key). */
static void remember_key(exporter *x, db *d, int64_t id)
{
	x->have_last = 1, x->last_id = id, x->last_null = 0;
	if (!x->lq.sort)
		return;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", x->lq.sort->name, x->e->table);
	db_stmt *s;
	x->last_null = 1;
	if (db_prepare(d, sql, &s) != DB_OK)
		return;
	db_bind_int(s, 1, id);
	if (db_step(s) == DB_ROW && !db_col_null(s, 0)) {
		x->last_null = 0;
		free(x->last_text);
		x->last_text = NULL;
		if (numeric_key(x->lq.sort))
			x->last_int = db_col_int(s, 0);
		else
			x->last_text = strdup(db_col_text(s, 0));
	}
	db_finalize(s);
}

typedef void (*export_row_fn)(exporter *x, json_t *row, void *ud);

/* One batch: at most EXPORT_BATCH rows, each handed to fn. Returns the
 * number of rows, or -1 when no connection could be had (or the query failed). */
static int export_batch(exporter *x, export_row_fn fn, void *ud)
{
	db *d = x->pool ? db_pool_get(x->pool) : x->c->db;
	if (!d)
		return -1;
	strbuf sql;
	sb_init(&sql);
	sb_add(&sql, x->sql.s);
	keyset_where(x, d, &sql);
	const char *dir = x->lq.desc ? "DESC" : "ASC";
	if (x->lq.sort)
		sb_printf(&sql, " ORDER BY t.%s %s, t.id %s", x->lq.sort->name, dir, dir);
	else
		sb_printf(&sql, " ORDER BY t.id %s", dir);
	sb_printf(&sql, " LIMIT %d", EXPORT_BATCH);
	db_stmt *s;
	int n = -1;
	if (db_prepare(d, sql.s, &s) == DB_OK) {
		crud_bind_params(s, x->params, 1);
		bind_keyset(x, s, (int)json_array_size(x->params) + 1);
		n = 0;
		int64_t last = 0;
		while (db_step(s) == DB_ROW) {
			json_t *row = crud_row_json(x->e, s, x->mask);
			last = db_col_int(s, 0);
			fn(x, row, ud);
			json_decref(row);
			n++;
		}
		db_finalize(s);
		if (n > 0)
			remember_key(x, d, last);
		if (n < EXPORT_BATCH)
			x->exhausted = 1;
	}
	sb_free(&sql);
	if (x->pool)
		db_pool_put(x->pool, d);
	return n;
}

static int open_query(exporter *x, const kv_list *q, unsigned sc)
{
	zj_ctx *c = x->c;
	int rc = crud_parse_query(c, x->e, q, &x->lq);
	if (rc)
		return rc;
	sb_init(&x->sql);
	crud_select_sql(x->e, &x->sql);
	sb_add(&x->sql, " WHERE t.deleted = 0");
	sb_add(&x->sql, x->lq.where.s ? x->lq.where.s : "");
	x->params = json_deep_copy(x->lq.params);
	crud_scope_sql(c, x->e, sc, &x->sql, x->params);
	/* the query is checked now, so that a mistake is a 500 before any byte goes out */
	db_stmt *s;
	if (db_prepare(c->db, x->sql.s, &s) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	db_finalize(s);
	return 0;
}

typedef struct xlsx_state {
	lxw_worksheet *ws;
	lxw_row_t r;
	strbuf cell;
} xlsx_state;

static void xlsx_row(exporter *x, json_t *row, void *ud)
{
	xlsx_state *w = ud;
	if (w->r >= LXW_ROW_MAX)
		return;
	int col = 0;
	for (int i = 0; i < x->e->nfields; i++) {
		const field_def *f = &x->e->fields[i];
		if (!exported(f))
			continue;
		sb_reset(&w->cell);
		cell_text(f, row, &w->cell);
		/* Everything as text: no binary float may round a measured value or an amount. */
		if (w->cell.len)
			worksheet_write_string(w->ws, w->r, (lxw_col_t)col, w->cell.s, NULL);
		col++;
	}
	w->r++;
}

/* A workbook is a zip: it is written whole to a temporary file (batch by
 * batch, no connection held between them), then streamed. */
static int build_xlsx(exporter *x)
{
	snprintf(x->xlsx_path, sizeof x->xlsx_path, "/tmp/zj-export-XXXXXX");
	int fd = mkstemp(x->xlsx_path);
	if (fd < 0)
		return -1;
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
	lxw_workbook *wb = workbook_new_opt(x->xlsx_path, &opt);
	if (!wb)
		return -1;
	xlsx_state w = {.ws = workbook_add_worksheet(wb, NULL), .r = 1};
	int col = 0;
	for (int i = 0; i < x->e->nfields; i++)
		if (exported(&x->e->fields[i]))
			worksheet_write_string(w.ws, 0, (lxw_col_t)col++, x->header_names ? x->e->fields[i].name
											: x->en ? x->e->fields[i].label_en : x->e->fields[i].label_zh, NULL);
	sb_init(&w.cell);
	int bad = 0;
	while (!x->exhausted && w.r < LXW_ROW_MAX)
		if (export_batch(x, xlsx_row, &w) < 0) {
			bad = 1;
			break;
		}
	sb_free(&w.cell);
	if (workbook_close(wb) != LXW_NO_ERROR || bad)
		return -1;
	x->xlsx = fopen(x->xlsx_path, "rb");
	return x->xlsx ? 0 : -1;
}

int io_export_open(zj_ctx *c, const entity_def *e, const kv_list *q, export_format f, int header_names, exporter **out)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.export", e->name);
	unsigned sc = ctx_scope(c, perm);
	if (!sc)
		return ctx_problem(c, PROB_FORBIDDEN, TR(c, "您没有导出此类记录的权限", "You may not export these records"));
	exporter *x = calloc(1, sizeof *x);
	x->c = c, x->e = e, x->fmt = f, x->header_names = header_names, x->first = 1, x->en = c->en;
	snprintf(perm, sizeof perm, "%s.personal", e->name);
	{
		unsigned ps = ctx_scope(c, perm); /* unmasked only if every exported row is in the personal scope */
		x->mask = !(ps && ((ps & SCOPE_ALL) || !c->user || (sc & ~ps) == 0));
	}
	sb_init(&x->pending);
	json_t *a = json_pack("{s:s}", "format", f == EXP_CSV ? "csv" : f == EXP_XLSX ? "xlsx" : "json");
	audit_append(c, "export", e->name, 0, NULL, a);
	if (!x->mask && privacy_has_personal(e)) /* an unmasked read, like a list's */
		audit_append(c, "read_personal", e->name, 0, NULL, a);
	json_decref(a);
	int rc = open_query(x, q, sc);
	if (rc) {
		io_export_close(x);
		return rc;
	}
	*out = x;
	return 0;
}

void io_export_use_pool(exporter *x, db_pool *pool)
{
	x->pool = pool;
	x->c = NULL; /* the request's context may be gone while rows still stream */
}

static void text_row(exporter *x, json_t *row, void *ud)
{
	if (x->fmt == EXP_CSV)
		csv_row(x, row, &x->pending);
	else {
		char *t = json_dumps(row, JSON_COMPACT);
		if (!x->first)
			sb_addc(&x->pending, ',');
		x->first = 0;
		sb_add(&x->pending, t);
		sb_addc(&x->pending, '\n');
		free(t);
	}
}

long io_export_read(exporter *x, char *buf, size_t max)
{
	if (x->fmt == EXP_XLSX) {
		if (!x->xlsx && build_xlsx(x) != 0)
			return -1;
		size_t n = fread(buf, 1, max, x->xlsx);
		return (long)n;
	}
	while (x->pending.len - x->pos < max && !x->done) {
		if (!x->started) {
			x->started = 1;
			if (x->fmt == EXP_CSV)
				csv_headings(&x->pending, x->en, x->e, 0, x->header_names);
			else
				sb_add(&x->pending, "[");
			continue;
		}
		if (x->exhausted) {
			x->done = 1;
			if (x->fmt == EXP_JSON)
				sb_add(&x->pending, "]\n");
			break;
		}
		if (export_batch(x, text_row, NULL) < 0)
			return -1;
	}
	size_t avail = x->pending.len - x->pos, n = avail < max ? avail : max;
	memcpy(buf, x->pending.s + x->pos, n);
	x->pos += n;
	if (x->pos == x->pending.len)
		sb_reset(&x->pending), x->pos = 0;
	return (long)n;
}

void io_export_close(exporter *x)
{
	if (!x)
		return;
	free(x->last_text);
	if (x->xlsx)
		fclose(x->xlsx);
	if (x->xlsx_path[0])
		unlink(x->xlsx_path);
	sb_free(&x->pending);
	sb_free(&x->sql);
	if (x->params)
		json_decref(x->params);
	if (x->lq.params)
		list_query_free(&x->lq);
	free(x);
}

const char *io_export_mime(export_format f)
{
	return f == EXP_CSV ? "text/csv; charset=utf-8"
	       : f == EXP_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "application/json";
}

int io_template(zj_ctx *c, const entity_def *e, export_format f, char **data, size_t *len)
{
	if (f == EXP_CSV) {
		strbuf b;
		sb_init(&b);
		csv_headings(&b, c->en, e, F_READONLY | F_NOIMPORT, 0);
		*len = b.len;
		*data = sb_take(&b);
		return 0;
	}
	char path[64] = "/tmp/zj-tpl-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	int col = 0;
	for (int i = 0; i < e->nfields; i++)
		if (exported(&e->fields[i]) && !(e->fields[i].flags & (F_READONLY | F_NOIMPORT)))
			worksheet_write_string(ws, 0, (lxw_col_t)col++, TR(c, e->fields[i].label_zh, e->fields[i].label_en), NULL);
	workbook_close(wb);
	char err[128];
	void *buf = NULL;
	int rc = tab_load_file(path, (size_t)1 << 20, &buf, len, err, sizeof err);
	unlink(path);
	*data = buf;
	return rc == 0 ? 0 : -1;
}
