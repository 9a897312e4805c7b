/* io.c — import and export (see io.h). */
#include "core/io.h"
#include "core/tally.h"
#include "core/audit.h"
#include "core/dict.h"
#include "core/privacy.h"
#include "core/workflow.h"
#include "lib/pii.h"
#include "lib/num.h"
#include "lib/xalloc.h"
#include <openssl/evp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { MAX_REPORTED_ERRORS = 1000 };

/* A unique index of the table over several of the entity's fields (e.g.
 * dict_items (dict, code)), or over one not declared F_UNIQUE: declared in
 * the migrations, not per field, so read from the database, and checked by
 * the first pass like F_UNIQUE. */
enum { MAX_UNIQUE_SETS = 8, MAX_UNIQUE_COLS = 6 };
typedef struct unique_set {
	char name[64];
	int partial, n, skip;
	int field[MAX_UNIQUE_COLS];
} unique_set;

/* One write transaction of an import (see io.h): the rows it wrote, as
 * "a-b,c" runs of ids for the ledger. */
typedef struct import_batch {
	int open;     /* a transaction is open */
	long long t0; /* when it began (ms, monotonic) */
	long rows;    /* rows written in it */
	int seq;      /* batches committed so far */
	strbuf ids;
	int64_t run_a, run_b; /* the run of consecutive ids not yet in `ids` */
} import_batch;

/* The unique values met so far in the file (the first pass): an
 * open-addressed set of 8-byte slots (where the key is in `keys`, and 24
 * bits of its hash), hashed by SipHash under a key drawn per import (a
 * file cannot be made to collide), sized from the file's line count. A
 * jansson object did this at ~5% of an import's time: a malloc, a key
 * copy and two hashes per row, and a table three times the size. */
typedef struct seen_set {
	strbuf keys;    /* the keys, each NUL-terminated */
	uint64_t *slot; /* 0 empty, else (offset of the key + 1) << 24 | 24 bits of its hash */
	size_t cap, used;
	unsigned char key[crypto_shorthash_KEYBYTES];
} seen_set;

/* `expect`: the file's lines, the size the set starts at (up to 2^22 slots,
 * 32 MiB) when a first key comes: an entity without unique columns has none. */
static void seen_init(seen_set *s, long expect)
{
	memset(s, 0, sizeof *s);
	sb_init(&s->keys);
	randombytes_buf(s->key, sizeof s->key);
	s->cap = 1024;
	while (s->cap < (size_t)expect * 2 && s->cap < ((size_t)1 << 22))
		s->cap *= 2;
}

static void seen_free(seen_set *s)
{
	sb_free(&s->keys);
	free(s->slot);
	s->slot = NULL, s->cap = s->used = 0;
}

/* The slot holding the n bytes at k (hash h), or the empty slot where they go. */
static size_t seen_find(const seen_set *s, uint64_t h, const char *k, size_t n)
{
	size_t m = s->cap - 1, i = (size_t)(h >> 24) & m;
	for (; s->slot[i]; i = (i + 1) & m) {
		const char *at = s->keys.s + (s->slot[i] >> 24) - 1;
		/* strncmp: a shorter stored key ends at its NUL, not past the buffer */
		if ((s->slot[i] & 0xFFFFFF) == (h & 0xFFFFFF) && !strncmp(at, k, n) && !at[n])
			break;
	}
	return i;
}

static uint64_t seen_hash(const seen_set *s, const char *k, size_t n)
{
	uint64_t h;
	crypto_shorthash((unsigned char *)&h, (const unsigned char *)k, n, s->key);
	return h;
}

/* Adds the n bytes at k (no NUL among them); 1 when they were there already. */
static int seen_add(seen_set *s, const char *k, size_t n)
{
	if (!s->slot)
		s->slot = xcalloc(s->cap, sizeof *s->slot);
	if (2 * (s->used + 1) > s->cap) { /* at most half full */
		seen_set g = *s;
		g.cap = 2 * s->cap;
		g.slot = xcalloc(g.cap, sizeof *g.slot);
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i]) {
				const char *at = s->keys.s + (s->slot[i] >> 24) - 1;
				g.slot[seen_find(&g, seen_hash(s, at, strlen(at)), at, strlen(at))] = s->slot[i];
			}
		free(s->slot);
		*s = g;
	}
	uint64_t h = seen_hash(s, k, n);
	size_t i = seen_find(s, h, k, n);
	if (s->slot[i])
		return 1;
	s->slot[i] = (uint64_t)(s->keys.len + 1) << 24 | (h & 0xFFFFFF);
	sb_addn(&s->keys, k, n);
	sb_addc(&s->keys, 0);
	s->used++;
	return 0;
}

static int exports_state(const entity_def *e); /* a state column leads an export's rows */

typedef struct import_state {
	zj_ctx *c;
	const entity_def *e;
	int ncols;
	int *colmap; /* column → field index, -1 unknown */
	json_t *errors;
	long bad_rows, inserted, rows, total;
	int dry_run, fatal;
	int check_only; /* the first pass: validate, write nothing, take no write lock */
	seen_set seen;  /* unique values met so far in the file (first pass) */
	strbuf key;     /* a value's key in `seen` */
	char **usql;    /* per F_UNIQUE field: its lookup of a live row (built once) */
	unsigned scope;
	io_progress_fn progress;
	void *ud;
	unique_set sets[MAX_UNIQUE_SETS];
	int nsets;
	/* the write phase */
	int64_t job_id;
	int batch_ms, batch_rows;
	int failed;     /* a row failed while written: batches now roll back */
	long committed; /* rows in committed batches (withdrawn on failure) */
	import_batch b;
} import_state;

static long long mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int env_int(const char *name, int dflt, int lo, int hi)
{
	const char *v = getenv(name);
	long n = v && *v ? strtol(v, NULL, 10) : dflt;
	return n < lo ? lo : n > hi ? hi : (int)n;
}

/* Between two write transactions: while another writer of this process
 * waits for the lock (SQLite), step aside for it — a few ms at a time, at
 * most ~100 ms — so that sign-ins and saves interleave with the import. */
static void let_writers_in(void)
{
	for (int i = 0; i < 20 && db_writer_waited(4); i++)
		usleep(5000);
}

static void flush_run(import_batch *b)
{
	if (!b->run_a)
		return;
	if (b->ids.len)
		sb_addc(&b->ids, ',');
	if (b->run_a == b->run_b)
		sb_printf(&b->ids, "%lld", (long long)b->run_a);
	else
		sb_printf(&b->ids, "%lld-%lld", (long long)b->run_a, (long long)b->run_b);
	b->run_a = b->run_b = 0;
}

static void batch_add(import_batch *b, int64_t id)
{
	if (b->run_a && id == b->run_b + 1) {
		b->run_b = id;
		return;
	}
	flush_run(b);
	b->run_a = b->run_b = id;
}

static int batch_begin(import_state *st)
{
	import_batch *b = &st->b;
	if (db_begin(st->c->db) != DB_OK)
		return -1;
	b->open = 1, b->t0 = mono_ms(), b->rows = 0;
	sb_reset(&b->ids);
	b->run_a = b->run_b = 0;
	return 0;
}

/* Ends the open batch: after a failure it is rolled back; else its ids go
 * to the ledger, the job's heartbeat and progress are written, an audit
 * record names the batch, and it commits. `last`: the import's final
 * transaction — instead of a ledger row, the ledger is cleared and the
 * import's own audit record written (the commit that completes it). */
static int batch_end(import_state *st, int last, const json_t *final_audit)
{
	zj_ctx *c = st->c;
	import_batch *b = &st->b;
	if (!b->open)
		return 0;
	b->open = 0;
	if (st->failed) {
		db_rollback(c->db);
		return 0;
	}
	flush_run(b);
	char now[32], job[24], seq[16], n[24], done[24];
	clock_now(now);
	snprintf(job, sizeof job, "%lld", (long long)st->job_id);
	snprintf(seq, sizeof seq, "%d", b->seq + 1);
	snprintf(n, sizeof n, "%ld", b->rows);
	snprintf(done, sizeof done, "%ld", st->committed + b->rows);
	int rc = DB_OK;
	if (!last && b->rows) {
		const char *p[] = {job, st->e->name, seq, b->ids.s ? b->ids.s : "", n, now};
		rc = db_run(
			c->db,
			"INSERT INTO import_batches (job_id, entity, seq, ids, nrows, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			6, p);
		if (rc == DB_OK) {
			json_t *a = json_pack("{s:I, s:i, s:I, s:s}", "job", (json_int_t)st->job_id, "batch",
					      b->seq + 1, "rows", (json_int_t)b->rows, "ids", b->ids.s ? b->ids.s : "");
			rc = audit_append(c, "import_batch", st->e->name, 0, NULL, a);
			json_decref(a);
		}
	} else if (last) {
		const char *p[] = {job};
		rc = db_run(c->db, "DELETE FROM import_batches WHERE job_id = ?", 1, p);
		if (rc == DB_OK)
			rc = audit_append(c, "import", st->e->name, 0, NULL, final_audit);
	}
	if (rc == DB_OK && st->job_id) {
		const char *p[] = {done, now, job};
		rc = db_run(c->db, "UPDATE jobs SET done = ?, updated_at = ? WHERE id = ?", 3, p);
	}
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		db_rollback(c->db);
		return -1;
	}
	st->committed += b->rows;
	b->seq++;
	let_writers_in();
	return 0;
}


/* The report is kept with the job and shown again later: a personal value
 * is masked in it and free text scrubbed (the importer has the file). */
static void add_error(import_state *st, long row, const char *field, const char *value, const char *reason)
{
	if (json_array_size(st->errors) >= MAX_REPORTED_ERRORS)
		return;
	const field_def *f = field && *field ? entity_field(st->e, field) : NULL;
	char *v = privacy_report_text(st->e, f, value ? value : ""),
	     *why = privacy_report_text(st->e, NULL, reason ? reason : "");
	json_array_append_new(st->errors, json_pack("{s:I, s:s, s:s, s:s}", "row", (json_int_t)row, "field",
						    field ? field : "", "value", v ? v : "", "reason", why ? why : ""));
	free(v), free(why);
}

static int header_row(import_state *st, int ncols, const char *const *cells)
{
	st->ncols = ncols;
	st->colmap = xmalloc(sizeof(int) * (size_t)(ncols ? ncols : 1));
	for (int i = 0; i < ncols; i++) {
		const char *h = cells[i];
		if (i == 0 && !strncmp(h, "\xEF\xBB\xBF", 3))
			h += 3;
		st->colmap[i] = -1;
		if (!*h)
			continue;
		int state_col = 0;
		for (int j = 0; j < st->e->nfields; j++) {
			const field_def *f = &st->e->fields[j];
			if (!strcmp(h, f->name) || !strcmp(h, f->label_zh) || !strcasecmp(h, f->label_en))
				st->colmap[i] = j;
		}
		/* an export's state column: states change only by workflow steps, so it is read past */
		if (st->colmap[i] < 0 && exports_state(st->e))
			state_col = !strcmp(h, "state") || !strcmp(h, "状态") || !strcasecmp(h, "State");
		if (state_col)
			continue;
		if (st->colmap[i] < 0 || (st->e->fields[st->colmap[i]].flags & (F_READONLY | F_NOIMPORT))) {
			char why[160];
			snprintf(why, sizeof why, st->c->en ? "unknown or read-only column '%s'" : "未知或只读的列“%s”",
				 h);
			add_error(st, 1, h, h, why);
			st->fatal = 1;
		}
	}
	return 0;
}

static void unique_col(void *ud, const char *index, int partial, const char *col)
{
	import_state *st = ud;
	unique_set *u = st->nsets ? &st->sets[st->nsets - 1] : NULL;
	if (!u || strcmp(u->name, index)) {
		if (st->nsets == MAX_UNIQUE_SETS)
			return;
		u = &st->sets[st->nsets++];
		memset(u, 0, sizeof *u);
		snprintf(u->name, sizeof u->name, "%s", index);
		u->partial = partial;
	}
	int fi = entity_field_index(st->e, col);
	if (fi < 0 || u->n == MAX_UNIQUE_COLS)
		u->skip = 1; /* a column the file cannot fill (e.g. one kept by the system) */
	else
		u->field[u->n++] = fi;
}

static void load_unique_sets(import_state *st)
{
	st->usql = xcalloc((size_t)(st->e->nfields ? st->e->nfields : 1), sizeof *st->usql);
	for (int j = 0; j < st->e->nfields; j++)
		if (st->e->fields[j].flags & F_UNIQUE) {
			strbuf q;
			sb_init(&q);
			sb_printf(&q, "SELECT 1 FROM %s WHERE %s = ? AND deleted = 0", st->e->table,
				  st->e->fields[j].name);
			st->usql[j] = sb_take(&q);
		}
	db_uniques(st->c->db, st->e->table, unique_col, st);
	for (int i = 0; i < st->nsets; i++) /* one declared F_UNIQUE field: check_unique's */
		if (!st->sets[i].n || (st->sets[i].n == 1 && (st->e->fields[st->sets[i].field[0]].flags & F_UNIQUE)))
			st->sets[i].skip = 1;
}

static const char *value_text(json_t *v, char num[32])
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(num, 32, "%lld", (long long)json_integer_value(v));
		return num;
	}
	return NULL;
}

/* A row whose values of a multi-column unique index repeat an earlier row
 * of the file or a live record. Returns 1 (reported) or 0. */
static int check_unique_sets(import_state *st, long row_no, json_t *row, const char **cell)
{
	zj_ctx *c = st->c;
	for (int i = 0; i < st->nsets; i++) {
		unique_set *u = &st->sets[i];
		if (u->skip)
			continue;
		strbuf *key = &st->key, sql;
		sb_init(&sql);
		sb_reset(key);
		sb_add(key, u->name);
		sb_printf(&sql, "SELECT 1 FROM %s WHERE ", st->e->table);
		const char *vals[MAX_UNIQUE_COLS];
		char nums[MAX_UNIQUE_COLS][32];
		int complete = 1;
		for (int k = 0; k < u->n && complete; k++) {
			const field_def *f = &st->e->fields[u->field[k]];
			vals[k] = value_text(json_object_get(row, f->name), nums[k]);
			complete = vals[k] != NULL; /* a NULL never conflicts */
			sb_addc(key, '\x1f');
			sb_add(key, vals[k] ? vals[k] : "");
			sb_printf(&sql, "%s%s = ?", k ? " AND " : "", f->name);
		}
		int dup = 0;
		if (complete) {
			dup = seen_add(&st->seen, key->s, key->len);
			if (!dup) {
				if (u->partial)
					sb_add(&sql, " AND deleted = 0");
				db_stmt *s;
				if (db_prepare(c->db, sql.s, &s) == DB_OK) {
					for (int k = 0; k < u->n; k++) {
						const field_def *f = &st->e->fields[u->field[k]];
						if (json_is_integer(json_object_get(row, f->name)))
							db_bind_int(s, k + 1,
								    json_integer_value(json_object_get(row, f->name)));
						else
							db_bind_text(s, k + 1, vals[k]);
					}
					dup = db_step(s) == DB_ROW;
					db_finalize(s);
				}
			}
		}
		sb_free(&sql);
		if (dup) {
			strbuf names;
			sb_init(&names);
			for (int k = 0; k < u->n; k++)
				sb_printf(&names, "%s%s", k ? (c->en ? ", " : "、") : "",
					  c->en ? st->e->fields[u->field[k]].label_en
						: st->e->fields[u->field[k]].label_zh);
			char why[400];
			snprintf(
				why, sizeof why,
				c->en ? "duplicates an earlier row of this file or an existing record (%s together must be unique)"
				      : "与本文件中前面的行或现有记录重复（%s 的组合须唯一）",
				names.s);
			sb_free(&names);
			int last = u->field[u->n - 1];
			add_error(st, row_no, st->e->fields[last].name, cell[last], why);
			st->bad_rows++;
			return 1;
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
		const char *text = json_is_string(v)
					   ? json_string_value(v)
					   : (snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), num);
		sb_reset(&st->key);
		sb_add(&st->key, f->name);
		sb_addc(&st->key, '\x1f');
		sb_add(&st->key, text);
		int dup = seen_add(&st->seen, st->key.s, st->key.len);
		if (!dup) {
			db_stmt *s;
			if (db_prepare(c->db, st->usql[j], &s) == DB_OK) {
				if (json_is_string(v))
					db_bind_text(s, 1, text);
				else
					db_bind_int(s, 1, json_integer_value(v));
				dup = db_step(s) == DB_ROW;
				db_finalize(s);
			}
		}
		if (dup) {
			add_error(st, row_no, f->name, cell[j],
				  TR(c, "与本文件中前面的行或现有记录重复",
				     "duplicates an earlier row of this file or an existing record"));
			st->bad_rows++;
			return;
		}
	}
	check_unique_sets(st, row_no, row, cell);
}

/* A row failed while written: the open batch is rolled back and the
 * batches already committed are withdrawn at once; the rest of the file is
 * still written, each batch rolled back, so that every failing row is
 * reported. */
static void write_failed(import_state *st)
{
	if (st->b.open) {
		st->b.open = 0;
		db_rollback(st->c->db);
	}
	if (!st->failed && st->committed)
		io_import_withdraw(st->c, st->job_id,
				   st->c->en ? "a row failed while the file was written" : "写入时有行失败");
	st->failed = 1;
}

/* The write phase of one row: the same insert and rules as a single create. */
static void write_row(import_state *st, long row_no, json_t *row, const char **cell)
{
	zj_ctx *c = st->c;
	int64_t id;
	int rc = crud_insert(c, st->e, row, &id);
	if (rc == DB_CONSTRAINT) {
		/* a unique value taken since the file was checked */
		const char *uf = "", *uv = NULL;
		for (int j = 0; j < st->e->nfields; j++)
			if (st->e->fields[j].flags & F_UNIQUE)
				uf = st->e->fields[j].name, uv = cell[j];
		add_error(st, row_no, uf, uv,
			  TR(c, "与本文件中前面的行或现有记录重复",
			     "duplicates an earlier row of this file or an existing record"));
	} else if (rc != DB_OK) {
		add_error(st, row_no, "", "", db_errmsg(c->db));
	} else if (st->e->hooks && st->e->hooks->after_write && st->e->hooks->after_write(c, id, row, NULL)) {
		/* the same rules as a single create (deadlines, derived rows) */
		add_error(st, row_no, "", "",
			  c->problem ? json_string_value(json_object_get(c->problem, "detail"))
					       ?: json_string_value(json_object_get(c->problem, "title"))
				     : "rejected");
		ctx_clear(c);
	} else {
		batch_add(&st->b, id);
		st->b.rows++;
		st->inserted++;
		return;
	}
	st->bad_rows++;
	write_failed(st);
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
			add_error(st, row_no, "", cells[i],
				  TR(c, "该单元格没有列标题", "this cell has no column heading"));
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
		/* not validated here: field_coerce checks the UTF-8 first, with the same error */
		json_t *sv = json_string_nocheck(v);
		fe_code code;
		char msg[256];
		json_t *cv = sv ? field_coerce(c, st->e, f, sv, 1, &code, msg, sizeof msg) : NULL;
		if (!sv)
			crud_field_error(c, errs, f->name, FE_TYPE, "不是有效的 UTF-8 文本", "is not valid UTF-8 text");
		else if (!cv)
			json_array_append_new(errs, json_pack("{s:s, s:s, s:s}", "field", f->name, "message", msg,
							      "code", fe_name(code)));
		else
			json_object_set_new(row, f->name, cv);
		json_decref(sv);
	}
	if (st->e->hooks && st->e->hooks->prepare)
		st->e->hooks->prepare(c, row, NULL);
	if (st->check_only)
		crud_validate(c, st->e, row, NULL, 0, errs);
	else if (st->e->hooks && st->e->hooks->validate)
		/* pass 2: the checks of a field's own value (type, length, pattern,
		 * check digits, range) were made by pass 1 on the same bytes; the
		 * rules that read the database run again */
		st->e->hooks->validate(c, row, NULL, errs);
	if (ctx_failed(c)) { /* a hook's query failed: the row is not judged on a part of its data, nor written */
		json_array_clear(errs);
		json_array_append_new(errs, json_pack("{s:s, s:s}", "field", "", "message",
						      TR(c, "数据库错误，未能校验",
							 "a database error; the row was not checked")));
		ctx_clear(c);
		st->fatal = 1;
	} else if (!json_array_size(errs) && !crud_row_in_scope(c, st->e, st->scope, row))
		crud_field_error(c, errs, st->e->juris_field ? st->e->juris_field : "", FE_SCOPE, "超出您的管辖范围",
				 "outside your jurisdiction");
	if (json_array_size(errs)) {
		st->bad_rows++;
		size_t i;
		json_t *er;
		json_array_foreach (errs, i, er) {
			const char *f = json_string_value(json_object_get(er, "field"));
			int fi = f ? entity_field_index(st->e, f) : -1;
			add_error(st, row_no, f, fi >= 0 ? cell[fi] : NULL,
				  json_string_value(json_object_get(er, "message")));
		}
	} else if (!st->fatal && st->check_only) {
		check_unique(st, row_no, row, cell);
	} else if (!st->fatal) {
		if (!st->b.open && batch_begin(st) != 0) {
			add_error(st, row_no, "", "",
				  TR(c, "数据库忙，未能写入", "the database is busy; nothing was written"));
			st->bad_rows++;
			write_failed(st);
		} else
			write_row(st, row_no, row, cell);
		if (st->b.open && (st->b.rows >= st->batch_rows || mono_ms() - st->b.t0 >= st->batch_ms) &&
		    batch_end(st, 0, NULL) != 0) {
			add_error(st, row_no, "", "",
				  TR(c, "写入失败，已撤回本次导入", "writing failed; this import was withdrawn"));
			st->bad_rows++;
			write_failed(st);
		}
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

int io_import(zj_ctx *c, const entity_def *e, const void *buf, size_t len, tab_format fmt, int dry_run, int64_t job_id,
	      io_progress_fn progress, void *ud, json_t **result)
{
	char perm[128];
	snprintf(perm, sizeof perm, "%s.import", e->name);
	unsigned sc = ctx_scope(c, perm);
	if (!sc || e->no_import || e->no_create)
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有导入此类记录的权限", "You may not import these records"));
	import_state st = {.c = c,
			   .e = e,
			   .errors = json_array(),
			   .dry_run = dry_run,
			   .scope = sc,
			   .progress = progress,
			   .ud = ud,
			   .job_id = job_id,
			   .batch_ms = env_int("ZJ_IMPORT_BATCH_MS", 50, 1, 10000),
			   .batch_rows = env_int("ZJ_IMPORT_BATCH_ROWS", 5000, 1, 1000000)};
	sb_init(&st.b.ids);
	st.total = fmt == TAB_CSV ? count_lines(buf, len) : 0;
	char err[256] = "";
	/* Pass 1, for every import: read and validate the whole file without a
	 * transaction, so no write lock is held while a large file is parsed
	 * (a dry run ends here). Pass 2, only for a clean file: write it in
	 * short batches (io.h), withdrawn if any row fails. */
	st.check_only = 1;
	seen_init(&st.seen, st.total);
	sb_init(&st.key);
	load_unique_sets(&st);
	c->bulk = 1; /* memoised lookups; in pass 2 the unique index catches duplicates, per row */
	/* pass 1's lookups (duplicates, dictionaries, references) in one read
	 * snapshot: SQLite takes its locks once, not per statement; no write lock */
	int rd = db_begin_read(c->db);
	c->checking = 1;
	int rc = tab_read(fmt, buf, len, import_row, &st, err, sizeof err);
	c->checking = 0;
	if (rd == DB_OK)
		db_rollback(c->db);
	seen_free(&st.seen);
	sb_free(&st.key);
	for (int j = 0; j < e->nfields; j++)
		free(st.usql[j]);
	free(st.usql);
	st.usql = NULL;
	int wrote = 0;
	if (rc == 0 && st.colmap && !st.bad_rows && !st.fatal && !dry_run) {
		free(st.colmap);
		st.colmap = NULL;
		st.check_only = 0, st.rows = 0, wrote = 1;
		rc = tab_read(fmt, buf, len, import_row, &st, err, sizeof err);
	}
	c->bulk = 0;
	if (rc != 0) { /* the file read the first time: only a failure of the reader */
		st.fatal = 1;
		add_error(&st, 0, "", "", err);
	}
	if (!st.colmap && !wrote) {
		add_error(&st, 1, "", "",
			  TR(c, "文件是空的：第一行应为列标题",
			     "the file is empty: the first row must hold the column headings"));
		st.fatal = 1;
	}
	if (progress)
		progress(ud, st.rows, st.rows);
	int ok = !st.bad_rows && !st.fatal;
	if (wrote && ok) {
		/* The last transaction completes the import: its remaining rows, the
		 * ledger cleared and one audit record for the whole import (who,
		 * which file by SHA-256, how many rows, in how many batches). */
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[65];
		/* OpenSSL's SHA-256 uses the CPU's SHA instructions: ~5 ms for 8 MB
		 * where libsodium's portable code took ~60 ms (5% of an import) */
		if (EVP_Digest(buf, len, h, NULL, EVP_sha256(), NULL) != 1)
			crypto_hash_sha256(h, buf, len);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		json_t *a = json_pack("{s:s, s:I, s:I, s:i}", "file_sha256", hex, "rows", (json_int_t)st.inserted,
				      "job", (json_int_t)job_id, "batches", st.b.seq + 1);
		if ((!st.b.open && batch_begin(&st) != 0) || batch_end(&st, 1, a) != 0) {
			add_error(&st, 0, "", "",
				  TR(c, "写入失败，已撤回本次导入", "writing failed; this import was withdrawn"));
			write_failed(&st);
			ok = 0;
		}
		json_decref(a);
	} else if (wrote)
		write_failed(&st);
	sb_free(&st.b.ids);
	free(st.colmap);
	if (rc != 0 && !wrote) {
		json_decref(st.errors);
		return ctx_problemf(c, PROB_UNREADABLE_FILE, "%s", err);
	}
	*result = json_pack("{s:I, s:I, s:I, s:o, s:b}", "rows", (json_int_t)st.rows, "inserted",
			    (json_int_t)(ok && !dry_run ? st.inserted : 0), "bad_rows", (json_int_t)st.bad_rows,
			    "errors", st.errors, "dry_run", dry_run);
	return ok ? 200 : 422;
}

/* Withdraws what an import wrote: batch by batch (last first), each in its
 * own short transaction, its rows soft-deleted as a deletion by a user is,
 * its ledger row removed and an audit record naming the batch. */
long io_import_withdraw(zj_ctx *c, int64_t job_id, const char *why)
{
	long n = 0;
	for (;;) {
		db_stmt *s;
		int64_t bid = 0, rows = 0;
		char *ids = NULL, *ent = NULL;
		int seq = 0;
		if (db_prepare(
			    c->db,
			    "SELECT id, entity, ids, nrows, seq FROM import_batches WHERE job_id = ? ORDER BY seq DESC LIMIT 1",
			    &s) != DB_OK)
			return -1;
		db_bind_int(s, 1, job_id);
		if (db_step(s) == DB_ROW) {
			bid = db_col_int(s, 0), rows = db_col_int(s, 3), seq = (int)db_col_int(s, 4);
			ent = xstrdup(db_col_text(s, 1)), ids = xstrdup(db_col_text(s, 2));
		}
		db_finalize(s);
		if (!bid)
			break;
		const entity_def *e = registry_find(ent);
		char *ids_text = ids ? strdup(ids) : NULL; /* strtok_r cuts ids */
		int ok = e && ids_text && db_begin(c->db) == DB_OK;
		if (ok) {
			char sql[256], *save = NULL;
			snprintf(
				sql, sizeof sql,
				"UPDATE %s SET deleted = 1, version = version + 1, updated_at = ? WHERE id >= ? AND id <= ? AND deleted = 0",
				e->table);
			for (char *tok = strtok_r(ids, ",", &save); ok && tok; tok = strtok_r(NULL, ",", &save)) {
				char *dash = strchr(tok + 1, '-');
				if (dash)
					*dash = 0; /* "a-b": a run of ids */
				long long lo = 0, hi = 0;
				ok = num_parse(tok, 1, INT64_MAX, &lo) &&
				     (dash ? num_parse(dash + 1, lo, INT64_MAX, &hi) : (hi = lo, 1));
				ok = ok && tally_range(c, e, lo, hi, -1) == DB_OK;
				ok = ok && db_prepare(c->db, sql, &s) == DB_OK;
				if (ok) {
					db_bind_text(s, 1, c->now), db_bind_int(s, 2, lo), db_bind_int(s, 3, hi);
					ok = db_step(s) == DB_DONE;
					db_finalize(s);
				}
			}
			char idt[24];
			snprintf(idt, sizeof idt, "%lld", (long long)bid);
			const char *p[] = {idt};
			if (ok)
				ok = db_run(c->db, "DELETE FROM import_batches WHERE id = ?", 1, p) == DB_OK;
			json_t *a = json_pack("{s:I, s:i, s:I, s:s, s:s}", "job", (json_int_t)job_id, "batch", seq,
					      "rows", (json_int_t)rows, "ids", ids_text, "reason", why ? why : "");
			if (ok)
				ok = audit_append(c, "import_withdrawn", e->name, 0, NULL, a) == DB_OK;
			json_decref(a);
			ok = ok && db_commit(c->db) == DB_OK;
			if (!ok)
				db_rollback(c->db);
		}
		free(ent), free(ids), free(ids_text);
		if (!ok)
			return -1;
		n += (long)rows;
		let_writers_in();
	}
	return n;
}

/* The labels of the dictionaries an entity's fields use, in the context's
 * language: {dict: {code: label}}. */
json_t *io_dict_labels(zj_ctx *c, const entity_def *e)
{
	json_t *all = dict_all(c), *out = json_object();
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (f->type != FT_DICT || json_object_get(out, f->dict))
			continue;
		json_t *m = json_object(), *it;
		size_t k;
		json_array_foreach (json_object_get(all, f->dict), k, it) {
			json_t *l = json_object_get(json_object_get(it, "label"), c->en ? "en" : "zh");
			json_object_set(m, json_string_value(json_object_get(it, "code")),
					json_string_length(l) ? l
							      : json_object_get(json_object_get(it, "label"), "zh"));
		}
		json_object_set_new(out, f->dict, m);
	}
	json_decref(all);
	return out;
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
	int codes;      /* ?codes=1: machine values (codes, 1/0, fen), else words */
	json_t *labels; /* dict → {code: label} in the export's language, read once at open */
	db_pool *pool;  /* NULL: batches use c->db (the CLI) */
	strbuf pending;
	size_t pos;
	FILE *xlsx; /* finished workbook being streamed */
	char xlsx_path[64];
	list_query lq;
	json_t *params;
	strbuf sql; /* SELECT ... WHERE ... (scope, filters), no order */
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

/* Yuan with two decimals from integer fen, exact: 123450 → "1234.50". */
static void fen_to_yuan(int64_t fen, strbuf *out)
{
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	sb_printf(out, "%s%llu.%02llu", fen < 0 ? "-" : "", (unsigned long long)(a / 100),
		  (unsigned long long)(a % 100));
}

static const char *code_label(const exporter *x, const field_def *f, const char *code)
{
	const char *l =
		x && x->labels ? json_string_value(json_object_get(json_object_get(x->labels, f->dict), code)) : NULL;
	return l && *l ? l : code;
}

/* Text of a field's value for a file, in words by default: dictionary
 * labels, 是/否, yuan with two decimals, a reference's label, a file's name.
 * With ?codes=1 (x->codes): codes, 1/0 and fen, for machines. */
static void cell_text(const exporter *x, const field_def *f, json_t *row, strbuf *out)
{
	json_t *v = json_object_get(row, f->name);
	int words = x && !x->codes;
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
	if (f->type == FT_FILE && json_is_object(v)) {
		const char *n = json_string_value(json_object_get(v, words ? "name" : "sha256"));
		sb_add(out, n ? n : "");
	} else if (f->type == FT_MONEY && words && json_is_integer(v))
		fen_to_yuan(json_integer_value(v), out);
	else if (f->type == FT_DICT && words && json_is_string(v))
		sb_add(out, code_label(x, f, json_string_value(v)));
	else if (json_is_string(v))
		sb_add(out, json_string_value(v));
	else if (json_is_integer(v))
		sb_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_boolean(v))
		sb_add(out, !words  ? (json_is_true(v) ? "1" : "0")
			    : x->en ? (json_is_true(v) ? "Yes" : "No")
				    : (json_is_true(v) ? "是" : "否"));
	else if (json_is_array(v)) {
		size_t i;
		json_t *it;
		json_array_foreach (v, i, it) {
			if (i)
				sb_add(out, words ? "、" : ",");
			sb_add(out, words && f->type == FT_DICT ? code_label(x, f, json_string_value(it))
								: json_string_value(it));
		}
	}
}

static int exported(const field_def *f)
{
	return f->type != FT_SECRET;
}

/* A record with a workflow leads its row with its state (issue 14 §1): the
 * state's label, or its code with ?codes=1; none for an unstored workflow. */
static int exports_state(const entity_def *e)
{
	return e->workflow && workflow_stores_state(e);
}

static const char *state_heading(const exporter *x)
{
	return x->header_names ? "state" : x->en ? "State" : "状态";
}

static void state_text(const exporter *x, json_t *row, strbuf *out)
{
	const char *st = json_string_value(json_object_get(row, "state"));
	if (st)
		sb_add(out, x->codes ? st : workflow_state_label(x->e->workflow, st, x->en));
}

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
	if (exports_state(x->e)) {
		state_text(x, row, &cell);
		csv_cell(b, cell.s ? cell.s : "");
		n++;
	}
	for (int i = 0; i < x->e->nfields; i++) {
		const field_def *f = &x->e->fields[i];
		if (!exported(f))
			continue;
		if (n++)
			sb_addc(b, ',');
		sb_reset(&cell);
		cell_text(x, f, row, &cell);
		csv_cell(b, cell.s ? cell.s : "");
	}
	sb_free(&cell);
	sb_add(b, "\r\n");
}

static int numeric_key(const field_def *f)
{
	return f->type == FT_INT || f->type == FT_MONEY || f->type == FT_REF || f->type == FT_BOOL;
}

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
		sb_printf(sql,
			  nulls_first ? " AND ((t.%s IS NULL AND t.id %s ?) OR t.%s IS NOT NULL)"
				      : " AND (t.%s IS NULL AND t.id %s ?)",
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
			x->last_text = xstrdup(db_col_text(s, 0));
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
	if (exports_state(x->e)) {
		sb_reset(&w->cell);
		state_text(x, row, &w->cell);
		if (w->cell.len)
			worksheet_write_string(w->ws, w->r, 0, w->cell.s, NULL);
		col++;
	}
	for (int i = 0; i < x->e->nfields; i++) {
		const field_def *f = &x->e->fields[i];
		if (!exported(f))
			continue;
		sb_reset(&w->cell);
		cell_text(x, f, row, &w->cell);
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
	if (exports_state(x->e))
		worksheet_write_string(w.ws, 0, (lxw_col_t)col++, state_heading(x), NULL);
	for (int i = 0; i < x->e->nfields; i++)
		if (exported(&x->e->fields[i]))
			worksheet_write_string(w.ws, 0, (lxw_col_t)col++,
					       x->header_names ? x->e->fields[i].name
					       : x->en         ? x->e->fields[i].label_en
							       : x->e->fields[i].label_zh,
					       NULL);
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
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "您没有导出此类记录的权限", "You may not export these records"));
	exporter *x = xcalloc(1, sizeof *x);
	x->c = c, x->e = e, x->fmt = f, x->header_names = header_names, x->first = 1, x->en = c->en;
	snprintf(perm, sizeof perm, "%s.personal", e->name);
	{
		unsigned ps = ctx_scope(c, perm); /* unmasked only if every exported row is in the personal scope */
		x->mask = !(ps && ((ps & SCOPE_ALL) || !c->user || (sc & ~ps) == 0));
	}
	sb_init(&x->pending);
	for (int i = 0; q && i < q->n; i++)
		if (!strcmp(q->items[i].k, "codes"))
			x->codes = !strcmp(q->items[i].v, "1");
	if (!x->codes)
		x->labels = io_dict_labels(c, e);
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
			if (x->fmt == EXP_CSV && exports_state(x->e)) {
				/* the state first; csv_headings writes the BOM before it */
				strbuf h;
				sb_init(&h);
				csv_headings(&h, x->en, x->e, 0, x->header_names);
				sb_add(&x->pending, "\xEF\xBB\xBF");
				csv_cell(&x->pending, state_heading(x));
				sb_addc(&x->pending, ',');
				sb_add(&x->pending, h.s + 3);
				sb_free(&h);
			} else if (x->fmt == EXP_CSV)
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
	json_decref(x->labels);
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
	return f == EXP_CSV    ? "text/csv; charset=utf-8"
	       : f == EXP_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "application/json";
}

static int table_csv(const json_t *heads, const json_t *rows, char **data, size_t *len)
{
	strbuf b;
	sb_init(&b);
	sb_add(&b, "\xEF\xBB\xBF"); /* BOM: Excel opens UTF-8 as such */
	const json_t *line = heads;
	for (size_t r = 0; line; line = json_array_get(rows, r++)) {
		size_t i;
		json_t *v;
		json_array_foreach (line, i, v) {
			if (i)
				sb_addc(&b, ',');
			csv_cell(&b, json_string_value(v) ? json_string_value(v) : "");
		}
		sb_add(&b, "\r\n");
	}
	*len = b.len;
	*data = sb_take(&b);
	return *data ? 0 : -1;
}

int io_table_file(export_format f, const json_t *heads, const json_t *rows, char **data, size_t *len)
{
	if (f != EXP_XLSX)
		return table_csv(heads, rows, data, len);
	char path[64] = "/tmp/zj-table-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	const json_t *line = heads;
	for (size_t r = 0; line && r < LXW_ROW_MAX; line = json_array_get(rows, r++)) {
		size_t i;
		json_t *v;
		json_array_foreach (line, i, v)
			if (json_string_value(v) && *json_string_value(v))
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, json_string_value(v), NULL);
	}
	int rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
	FILE *in = rc ? NULL : fopen(path, "rb");
	*data = NULL, *len = 0;
	if (in) {
		strbuf b;
		sb_init(&b);
		char buf[8192];
		for (size_t n = fread(buf, 1, sizeof buf, in); n > 0; n = fread(buf, 1, sizeof buf, in))
			sb_addn(&b, buf, n);
		fclose(in);
		*len = b.len;
		*data = sb_take(&b);
	}
	unlink(path);
	return *data ? 0 : -1;
}

static int template_column(const field_def *f)
{
	return exported(f) && !(f->flags & (F_READONLY | F_NOIMPORT)) && f->type != FT_FILE;
}

static const char *type_words(zj_ctx *c, const field_def *f)
{
	switch (f->type) {
	case FT_INT: return TR(c, "整数", "integer");
	case FT_MONEY:
		return TR(c, "金额（元，最多两位小数，如 1234.50）",
			  "amount in yuan, up to two decimals, e.g. 1234.50");
	case FT_DECIMAL: return TR(c, "数值（如 0.05）", "number, e.g. 0.05");
	case FT_DATE: return TR(c, "日期 YYYY-MM-DD", "date YYYY-MM-DD");
	case FT_DATETIME: return TR(c, "时间 YYYY-MM-DDTHH:MM:SSZ（UTC）", "instant YYYY-MM-DDTHH:MM:SSZ (UTC)");
	case FT_BOOL: return TR(c, "是/否", "Yes/No");
	case FT_DICT:
		return f->flags & F_MULTI ? TR(c, "从列表中选择，可多选，用“、”分隔",
					       "one or more of the list, separated by commas")
					  : TR(c, "从列表中选择（名称或代码）", "one of the list (label or code)");
	case FT_REF: return TR(c, "所引用记录的名称或编号", "the referenced record's name or code");
	default: return TR(c, "文本", "text");
	}
}

/* A declared unit (a code the console translates too) in words. */
static const char *unit_words(zj_ctx *c, const char *u)
{
	static const char *t[][3] = {{"day", "天", "days"},
				     {"batch", "批次", "batches"},
				     {"percent", "%", "%"},
				     {"byte", "字节", "bytes"}};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(u, t[i][0]))
			return TR(c, t[i][1], t[i][2]);
	return u;
}

/* The 说明 sheet: one row per column of the template. */
static void explain_sheet(zj_ctx *c, lxw_workbook *wb, const entity_def *e, json_t *labels, lxw_format *bold)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, TR(c, "说明", "Notes"));
	const char *heads[] = {TR(c, "列", "Column"),
			       TR(c, "字段名", "Field"),
			       TR(c, "类型与格式", "Type and format"),
			       TR(c, "必填", "Required"),
			       TR(c, "可选值", "Allowed values"),
			       TR(c, "说明", "Notes")};
	for (int k = 0; k < 6; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, heads[k], bold);
	worksheet_set_column(ws, 0, 1, 22, NULL);
	worksheet_set_column(ws, 2, 2, 36, NULL);
	worksheet_set_column(ws, 4, 5, 48, NULL);
	lxw_row_t r = 1;
	strbuf b;
	sb_init(&b);
	for (int i = 0; i < e->nfields; i++) {
		const field_def *f = &e->fields[i];
		if (!template_column(f))
			continue;
		worksheet_write_string(ws, r, 0, TR(c, f->label_zh, f->label_en), NULL);
		worksheet_write_string(ws, r, 1, f->name, NULL);
		sb_reset(&b);
		sb_add(&b, type_words(c, f));
		if (f->type == FT_TEXT && (f->min_len || f->max_len)) {
			if (f->min_len == f->max_len)
				sb_printf(&b, TR(c, "，%d 个字符", ", %d characters"), f->min_len);
			else
				sb_printf(&b, TR(c, "，最多 %d 个字符", ", at most %d characters"),
					  f->max_len ? f->max_len : 2000);
		}
		if ((f->type == FT_INT || f->type == FT_MONEY) && f->min < f->max) {
			strbuf lo, hi;
			sb_init(&lo), sb_init(&hi);
			if (f->type == FT_MONEY)
				fen_to_yuan(f->min, &lo), fen_to_yuan(f->max, &hi);
			else
				sb_printf(&lo, "%lld", (long long)f->min), sb_printf(&hi, "%lld", (long long)f->max);
			sb_printf(&b, TR(c, "，%s 至 %s", ", %s to %s"), lo.s, hi.s);
			sb_free(&lo), sb_free(&hi);
		}
		if (f->unit)
			sb_printf(&b, TR(c, "，单位：%s", ", unit: %s"), unit_words(c, f->unit));
		worksheet_write_string(ws, r, 2, b.s, NULL);
		worksheet_write_string(ws, r, 3, (f->flags & F_REQUIRED) ? TR(c, "是", "Yes") : TR(c, "否", "No"),
				       NULL);
		sb_reset(&b);
		if (f->type == FT_DICT) {
			const char *code;
			json_t *l;
			int n = 0;
			json_object_foreach (json_object_get(labels, f->dict), code, l) {
				sb_printf(&b, "%s%s（%s）", n++ ? "、" : "", json_string_value(l), code);
				if (b.len > 30000)
					break;
			}
		} else if (f->type == FT_BOOL)
			sb_add(&b, TR(c, "是、否", "Yes, No"));
		if (b.len)
			worksheet_write_string(ws, r, 4, b.s, NULL);
		if (f->help_zh)
			worksheet_write_string(ws, r, 5, TR(c, f->help_zh, f->help_en ? f->help_en : f->help_zh), NULL);
		r++;
	}
	sb_free(&b);
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
	lxw_worksheet *ws = workbook_add_worksheet(wb, TR(c, "数据", "Data"));
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	json_t *labels = io_dict_labels(c, e);
	explain_sheet(c, wb, e, labels, bold);
	/* The drop-down lists read their values from a hidden sheet: a list
	 * written inline is limited to 255 characters. */
	lxw_worksheet *lists = workbook_add_worksheet(wb, "lists");
	worksheet_hide(lists);
	int col = 0, lcol = 0;
	for (int i = 0; i < e->nfields; i++) {
		const field_def *fld = &e->fields[i];
		if (!template_column(fld))
			continue;
		worksheet_write_string(ws, 0, (lxw_col_t)col, TR(c, fld->label_zh, fld->label_en), bold);
		worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, 18, NULL);
		lxw_row_t n = 0;
		if (fld->type == FT_DICT) {
			const char *code;
			json_t *l;
			json_object_foreach (json_object_get(labels, fld->dict), code, l)
				worksheet_write_string(lists, n++, (lxw_col_t)lcol, json_string_value(l), NULL);
		} else if (fld->type == FT_BOOL) {
			worksheet_write_string(lists, n++, (lxw_col_t)lcol, TR(c, "是", "Yes"), NULL);
			worksheet_write_string(lists, n++, (lxw_col_t)lcol, TR(c, "否", "No"), NULL);
		}
		if (n) {
			char ref[64], colname[8];
			lxw_col_to_name(colname, (lxw_col_t)lcol, LXW_FALSE);
			snprintf(ref, sizeof ref, "=lists!$%s$1:$%s$%u", colname, colname, (unsigned)n);
			lxw_data_validation dv =
				{.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
				 .value_formula = ref,
				 .ignore_blank = LXW_VALIDATION_ON,
				 /* several codes in one cell cannot be picked from a list: a warning, not a refusal */
				 .error_type = (fld->flags & F_MULTI) ? LXW_VALIDATION_ERROR_TYPE_WARNING
								      : LXW_VALIDATION_ERROR_TYPE_STOP,
				 .error_title = (char *)TR(c, "不在列表中", "Not in the list"),
				 .error_message =
					 (char *)TR(c, "请从下拉列表中选择", "Pick a value from the drop-down list")};
			worksheet_data_validation_range(ws, 1, (lxw_col_t)col, 10000, (lxw_col_t)col, &dv);
			lcol++;
		}
		col++;
	}
	json_decref(labels);
	worksheet_activate(ws);
	workbook_close(wb);
	char err[128];
	void *buf = NULL;
	int rc = tab_load_file(path, (size_t)4 << 20, &buf, len, err, sizeof err);
	unlink(path);
	*data = buf;
	return rc == 0 ? 0 : -1;
}
