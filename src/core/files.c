/* files.c — stored files: uploads, FT_FILE fields (see files.h); the bytes
 * are the core's blob store's (blobs.c). */
#include "core/files.h"
#include "core/audit.h"
#include "core/blobs.h"
#include "core/crud.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_LIMIT ((size_t)20 << 20)

const char *files_dir(zj_ctx *c)
{
	static _Thread_local char dir[480];
	const char *env = getenv("ZJ_FILES_DIR");
	if (!env || !*env)
		env = getenv("ZJ_EVIDENCE_DIR");
	snprintf(dir, sizeof dir, "%s", env && *env ? env : "evidence");
	if ((env && *env) || !c || db_is_postgres(c->db))
		return dir;
	/* SQLite: "<database file>.evidence" beside the database (PostgreSQL
	 * deployments set the variable to a folder all servers share). */
	db_stmt *s;
	if (db_prepare(c->db, "SELECT file FROM pragma_database_list WHERE name = 'main'", &s) == DB_OK) {
		if (db_step(s) == DB_ROW && db_col_text(s, 0) && *db_col_text(s, 0))
			snprintf(dir, sizeof dir, "%.460s.evidence", db_col_text(s, 0));
		db_finalize(s);
	}
	return dir;
}

size_t files_limit(void)
{
	const char *v = getenv("ZJ_FILE_LIMIT");
	if (!v || !*v)
		return DEFAULT_LIMIT;
	char *end;
	unsigned long long n = strtoull(v, &end, 10);
	if (*end == 'K' || *end == 'k')
		n <<= 10;
	else if (*end == 'M' || *end == 'm')
		n <<= 20;
	return n ? (size_t)n : DEFAULT_LIMIT;
}

void files_sha_hex(const void *data, size_t len, char hex[65])
{
	blobs_sha_hex(data, len, hex);
}

unsigned char *files_read(zj_ctx *c, const char *hex, size_t *len)
{
	return blobs_read(c->db, hex, len, NULL);
}

int files_check(zj_ctx *c, const char *hex, int64_t *size)
{
	int st = blobs_check(c->db, hex, size, NULL, 0);
	return st == BLOB_OK ? 0 : st == BLOB_MISSING ? 1 : 2;
}

int files_write(zj_ctx *c, const char *hex, const void *data, size_t len)
{
	char got[65];
	int st = blobs_put(c->db, data, len, c->now, got);
	return st == BLOB_OK && !strcmp(got, hex) ? 0 : -1;
}

static int starts(const unsigned char *d, size_t len, size_t off, const char *magic, size_t n)
{
	return len >= off + n && !memcmp(d + off, magic, n);
}

/* Plain text: valid UTF-8 without control characters other than tab and line ends. */
static int is_text(const unsigned char *d, size_t len)
{
	if (!len)
		return 0;
	char *s = xmalloc(len + 1);
	memcpy(s, d, len);
	s[len] = 0;
	int ok = strlen(s) == len && utf8_valid(s);
	for (size_t i = 0; ok && i < len; i++)
		if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\r' && d[i] != '\n')
			ok = 0;
	free(s);
	return ok;
}

const char *files_sniff(const void *data, size_t len, const char *name)
{
	const unsigned char *d = data;
	(void)name;
	if (starts(d, len, 0, "\xFF\xD8\xFF", 3))
		return "image/jpeg";
	if (starts(d, len, 0, "\x89PNG\r\n\x1A\n", 8))
		return "image/png";
	if (starts(d, len, 0, "GIF87a", 6) || starts(d, len, 0, "GIF89a", 6))
		return "image/gif";
	if (starts(d, len, 0, "RIFF", 4) && starts(d, len, 8, "WEBP", 4))
		return "image/webp";
	if (starts(d, len, 0, "RIFF", 4) && starts(d, len, 8, "WAVE", 4))
		return "audio/wav";
	if (starts(d, len, 0, "%PDF-", 5))
		return "application/pdf";
	if (starts(d, len, 4, "ftyp", 4))
		return "video/mp4";
	if (starts(d, len, 0, "ID3", 3) || (len >= 2 && d[0] == 0xFF && (d[1] & 0xE0) == 0xE0))
		return "audio/mpeg";
	if (is_text(d, len))
		return "text/plain";
	return NULL;
}

int files_accepts(const char *accept, const char *mime)
{
	if (!accept || !*accept)
		return 1;
	if (!mime)
		return 0;
	const char *p = accept;
	while (*p) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n >= 2 && p[n - 1] == '*' && p[n - 2] == '/') {
			if (!strncmp(mime, p, n - 1))
				return 1;
		} else if (strlen(mime) == n && !strncmp(mime, p, n))
			return 1;
		p += n + (q ? 1 : 0);
	}
	return 0;
}

/* A file name as shown and sent back: its last path segment, without
 * control characters or quotes, at most 200 bytes (cut on a UTF-8 boundary). */
static char *clean_name(const char *name, const char *hex, const char *mime)
{
	const char *base = name ? name : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	char out[204];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)base; *p && n < 200; p++)
		if (*p >= 0x20 && *p != '"' && *p != 0x7F)
			out[n++] = (char)*p;
	while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
		n--;
	if (n && ((unsigned char)out[n - 1] & 0x80)) /* a lead byte without its continuation */
		n--;
	out[n] = 0;
	if (!n || !utf8_valid(out)) {
		const char *ext = !mime                              ? ""
				  : !strcmp(mime, "image/jpeg")      ? ".jpg"
				  : !strcmp(mime, "image/png")       ? ".png"
				  : !strcmp(mime, "application/pdf") ? ".pdf"
				  : !strcmp(mime, "text/plain")      ? ".txt"
								     : "";
		snprintf(out, sizeof out, "%.12s%s", hex, ext);
	}
	return strdup(out);
}

static json_t *make_ref(const char *hex, const char *name, size_t size, const char *mime)
{
	char *nm = clean_name(name, hex, mime);
	json_t *r =
		json_pack("{s:s, s:s, s:I, s:s}", "sha256", hex, "name", nm, "size", (json_int_t)size, "mime", mime);
	free(nm);
	return r;
}

static int type_refused(zj_ctx *c, const char *detail_zh, const char *detail_en)
{
	ctx_problem(c, PROB_FILE_TYPE, TR(c, detail_zh, detail_en));
	json_object_set_new(c->problem, "errors",
			    json_pack("[{s:s, s:s, s:s}]", "field", "file", "message", TR(c, detail_zh, detail_en),
				      "code", fe_name(FE_MIME)));
	return 415;
}

int files_store(zj_ctx *c, const void *data, size_t len, const char *declared_type, const char *name, json_t **ref)
{
	*ref = NULL;
	if (!len) {
		ctx_problem(c, PROB_FILE_EMPTY, TR(c, "请选择要上传的文件", "choose a file to upload"));
		json_object_set_new(c->problem, "errors",
				    json_pack("[{s:s, s:s, s:s}]", "field", "file", "message",
					      TR(c, "文件为空", "the file is empty"), "code", fe_name(FE_REQUIRED)));
		return 422;
	}
	if (len > files_limit())
		return ctx_problemf(c, PROB_FILE_TOO_LARGE, c->en ? "limit %zu bytes" : "上限 %zu 字节", files_limit());
	const char *mime = files_sniff(data, len, name);
	if (!mime)
		return type_refused(
			c, "只接受图片（JPEG、PNG、GIF、WebP）、PDF、音视频（MP3、WAV、MP4）和纯文本文件",
			"only images (JPEG, PNG, GIF, WebP), PDF, audio/video (MP3, WAV, MP4) and plain text are accepted");
	/* a declared type other than the content's is refused: a renamed file is not what it claims */
	char decl[100] = "";
	if (declared_type) {
		snprintf(decl, sizeof decl, "%s", declared_type);
		char *semi = strchr(decl, ';');
		if (semi)
			*semi = 0;
		for (char *p = decl + strlen(decl); p > decl && p[-1] == ' '; p--)
			p[-1] = 0;
	}
	if (*decl && strcasecmp(decl, "application/octet-stream") && strcasecmp(decl, mime)) {
		char zh[200], en[200];
		snprintf(zh, sizeof zh, "声明的类型 %s 与文件内容（%s）不符", decl, mime);
		snprintf(en, sizeof en, "the declared type %s does not match the content (%s)", decl, mime);
		return type_refused(c, zh, en);
	}
	/* the bytes and the audit record of the upload: one transaction */
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, db_errmsg(c->db));
	char hex[65];
	int st = blobs_put(c->db, data, len, c->now, hex);
	if (st == BLOB_DAMAGED) {
		db_rollback(c->db);
		json_t *a = json_pack("{s:s}", "sha256", hex);
		audit_append(c, "file_tampered", "files", 0, NULL, a);
		json_decref(a);
		return ctx_problem(c, PROB_STORE_HASH_MISMATCH,
				   TR(c, "疑被篡改，拒绝覆盖", "tampering? it is never overwritten"));
	}
	if (st != BLOB_OK) {
		db_rollback(c->db);
		return ctx_problem(c, PROB_FILE_STORE, db_errmsg(c->db));
	}
	*ref = make_ref(hex, name, len, mime);
	if (audit_append(c, "file_upload", "files", 0, NULL, *ref) != DB_OK || db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		json_decref(*ref);
		*ref = NULL;
		return ctx_problem(c, PROB_AUDIT_UNAVAILABLE, NULL);
	}
	return 0;
}

json_t *files_coerce(zj_ctx *c, const field_def *f, json_t *v, char *msg, size_t msglen)
{
	const char *hex = json_is_string(v) ? json_string_value(v) : json_string_value(json_object_get(v, "sha256"));
	const char *name = json_is_object(v) ? json_string_value(json_object_get(v, "name")) : NULL;
	if (!blobs_hex_ok(hex)) {
		snprintf(msg, msglen, "%s",
			 TR(c, "应为已上传文件的引用（请先上传文件）",
			    "must reference an uploaded file (upload it first)"));
		return NULL;
	}
	size_t len = 0;
	int st = BLOB_MISSING;
	unsigned char *b = blobs_read(c->db, hex, &len, &st);
	if (!b) {
		snprintf(msg, msglen, "%s",
			 st == BLOB_MISSING ? TR(c, "文件存储中没有该文件，请重新上传",
						 "the file is not in the store: upload it again")
					    : TR(c, "存储的文件与其哈希不符（疑被篡改）",
						 "the stored file does not match its hash (tampering?)"));
		return NULL;
	}
	const char *mime = files_sniff(b, len, name);
	free(b);
	if (!mime)
		mime = "application/octet-stream";
	if (!files_accepts(f->accept, mime)) {
		snprintf(msg, msglen,
			 c->en ? "files of type %s are not accepted here (accepted: %s)"
			       : "此处不接受 %s 类型的文件（可接受：%s）",
			 mime, f->accept);
		return NULL;
	}
	return make_ref(hex, name, len, mime);
}

/* The hash a column's value names: an FT_FILE reference (JSON) or a bare hash. */
static void collect(json_t *seen, const char *v)
{
	if (!v)
		return;
	if (blobs_hex_ok(v)) {
		json_object_set_new(seen, v, json_true());
		return;
	}
	json_t *j = json_loads(v, 0, NULL);
	const char *hex = json_string_value(json_object_get(j, "sha256"));
	if (blobs_hex_ok(hex))
		json_object_set_new(seen, hex, json_true());
	json_decref(j);
}

static int collect_field(db *d, const entity_def *e, const field_def *f, json_t *seen)
{
	char sql[300];
	snprintf(sql, sizeof sql, "SELECT DISTINCT %s FROM %s WHERE %s IS NOT NULL", f->name, e->table, f->name);
	db_stmt *s;
	if (db_prepare(d, sql, &s) != DB_OK)
		return -1;
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
		collect(seen, db_col_text(s, 0));
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1;
}

int files_hash_field(const field_def *f)
{
	return f->type == FT_FILE || (f->type == FT_TEXT && f->pattern && !strcmp(f->pattern, FILES_HASH_PATTERN));
}

/* Every hash a record references, into seen (a set): 0, or -1 on a database
 * error. Every record, deleted ones included: a legal record keeps its files. */
static int collect_all(db *d, json_t *seen)
{
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		for (int j = 0; e->table && j < e->nfields; j++)
			if (files_hash_field(&e->fields[j]) && collect_field(d, e, &e->fields[j], seen))
				return -1;
	}
	return 0;
}

void files_pin(zj_ctx *c, const field_def *f, json_t *v, json_t *old, json_t *errors)
{
	const char *hex = json_is_string(v) ? json_string_value(v) : json_string_value(json_object_get(v, "sha256"));
	const char *was =
		json_is_string(old) ? json_string_value(old) : json_string_value(json_object_get(old, "sha256"));
	if (!blobs_hex_ok(hex) || (was && !strcmp(was, hex)))
		return;
	if (blobs_pin(c->db, hex) != 1 && f->type == FT_FILE)
		crud_field_error(c, errors, f->name, FE_HASH, "文件存储中没有该文件，请重新上传",
				 "the file is not in the store: upload it again");
}

/* The stored files older than `before` that nothing references, into gone; their bytes added up. */
static int unreferenced(db *d, const char *before, json_t *seen, json_t *gone, int64_t *bytes)
{
	db_stmt *s;
	if (db_prepare(d, "SELECT sha256, size FROM file_blobs WHERE stored_at < ? ORDER BY sha256", &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, before);
	int st;
	for (st = db_step(s); st == DB_ROW; st = db_step(s))
		if (db_col_text(s, 0) && !json_object_get(seen, db_col_text(s, 0))) {
			json_array_append_new(gone, json_string(db_col_text(s, 0)));
			*bytes += db_col_int(s, 1);
		}
	db_finalize(s);
	return st == DB_DONE ? 0 : -1;
}

int files_gc(zj_ctx *c, const char *before, long *deleted, int64_t *bytes)
{
	*deleted = 0, *bytes = 0;
	if (blobs_gc_begin(c->db) != DB_OK)
		return -1;
	json_t *seen = json_object(), *gone = json_array();
	int rc = collect_all(c->db, seen);
	if (!rc)
		rc = unreferenced(c->db, before, seen, gone, bytes);
	for (size_t i = 0; !rc && i < json_array_size(gone); i++)
		if (blobs_delete(c->db, json_string_value(json_array_get(gone, i))) != DB_OK)
			rc = -1;
	*deleted = (long)json_array_size(gone);
	json_t *a = json_pack("{s:s, s:I, s:I}", "before", before, "deleted", (json_int_t)*deleted, "bytes",
			      (json_int_t)*bytes);
	if (!rc && *deleted && audit_append(c, "files_gc", "files", 0, NULL, a) != DB_OK)
		rc = -1;
	json_decref(a), json_decref(seen), json_decref(gone);
	if (rc || db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		*deleted = 0, *bytes = 0;
		return -1;
	}
	return 0;
}

int files_verify_all(db *d, void *outf, long *referenced, long *bad)
{
	FILE *out = outf;
	json_t *seen = json_object();
	*referenced = *bad = 0;
	int rc = collect_all(d, seen) ? 2 : 0;
	const char *hex;
	json_t *v;
	json_object_foreach (seen, hex, v) {
		if (rc == 2)
			break;
		char why[160];
		int st = blobs_check(d, hex, NULL, why, sizeof why);
		(*referenced)++;
		if (st == BLOB_ERROR)
			rc = 2;
		else if (st != BLOB_OK) {
			(*bad)++;
			rc = 1;
			if (out)
				fprintf(out, "file %s: %s\n", hex, st == BLOB_MISSING ? "missing from the store" : why);
		}
	}
	json_decref(seen);
	return rc;
}
