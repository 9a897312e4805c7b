/* api_files.c — the file routes of core/files.h:
 *   POST /api/v1/files                        store a file, answer its reference
 *   GET  /api/v1/{entity}/{id}/files/{field}  the file of a record's FT_FILE field
 * The upload is a raw body (Content-Type, X-File-Name percent-encoded) that
 * streams to a temporary file; the server hashes and types it itself. A
 * download streams from the database chunk by chunk (core/blobs.h). */
#include "core/audit.h"
#include "core/blobs.h"
#include "core/files.h"
#include "web/http.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Uploading is for whoever may create or change a record that holds a file. */
int may_file_upload(req *r)
{
	zj_ctx *c = &r->ctx;
	for (int i = 0; i < registry_count(); i++) {
		const entity_def *e = registry_at(i);
		int has = 0;
		for (int j = 0; j < e->nfields; j++)
			has |= e->fields[j].type == FT_FILE;
		char p[128];
		snprintf(p, sizeof p, "%s.create", e->name);
		if (has && ctx_can(c, p))
			return 0;
		snprintf(p, sizeof p, "%s.update", e->name);
		if (has && ctx_can(c, p))
			return 0;
	}
	return ctx_problem(c, PROB_FORBIDDEN, TR(c, "您没有上传文件的权限", "You may not upload files"));
}

size_t file_upload_limit(req *r)
{
	(void)r;
	return files_limit();
}

static int hexval(int ch)
{
	return ch >= '0' && ch <= '9'   ? ch - '0'
	       : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
	       : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
					: -1;
}

/* X-File-Name is percent-encoded UTF-8 (header values are Latin-1 at best). */
static char *pct_decode(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = 0;
	return out;
}

int h_file_upload(req *r)
{
	zj_ctx *c = &r->ctx;
	size_t len = r->body_len;
	unsigned char *buf = malloc(len ? len : 1);
	if (!buf)
		return reply_problem(r); /* nothing set: the core's internal problem */
	size_t got = 0;
	/* The server streams an upload to a file; a caller in process (a test, the
	 * fuzzer) or an empty body hands it over in memory. */
	if (r->upload_fd < 0 && len) {
		if (r->body)
			memcpy(buf, r->body, len);
		got = r->body ? len : 0;
	}
	while (r->upload_fd >= 0 && got < len) {
		ssize_t n = pread(r->upload_fd, buf + got, len - got, (off_t)got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != len) {
		free(buf);
		ctx_problem(c, PROB_FILE_UNREADABLE, NULL);
		return reply_problem(r);
	}
	const char *hn = req_header(r, "X-File-Name");
	char *name = hn ? pct_decode(hn) : NULL;
	json_t *ref = NULL;
	int st = files_store(c, buf, len, req_header(r, "Content-Type"), name, &ref);
	free(buf);
	free(name);
	if (st)
		return reply_problem(r);
	return reply_json(r, 201, ref);
}

/* RFC 6266 / 5987: filename*=UTF-8''percent-encoded, plus an ASCII fallback. */
static char *disposition(const char *name, int download)
{
	size_t n = strlen(name);
	size_t cap = n * 4 + 80;
	char *out = malloc(cap), *o = out;
	if (!out)
		return NULL;
	o += snprintf(o, cap, "%s; filename=\"", download ? "attachment" : "inline");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		*o++ = (*p < 0x80 && *p >= 0x20 && *p != '"' && *p != '\\') ? (char)*p : '_';
	o += snprintf(o, cap - (size_t)(o - out), "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			*o++ = (char)*p;
		else
			o += snprintf(o, cap - (size_t)(o - out), "%%%02X", *p);
	}
	*o = 0;
	return out;
}

/* A download's body: each chunk read with a connection from the pool, so
 * none is held while the client reads (or the caller's, without a pool). */
typedef struct file_stream {
	db_pool *pool;
	db *db;
	blob_reader *rd;
} file_stream;

static long stream_read(void *cls, char *buf, size_t max)
{
	file_stream *fs = cls;
	if (!fs->rd)
		return -1;
	db *d = fs->pool ? db_pool_get(fs->pool) : fs->db;
	if (!d)
		return -1;
	long n = blobs_next(fs->rd, d, buf, max);
	if (fs->pool)
		db_pool_put(fs->pool, d);
	return n;
}

static void stream_free(void *cls)
{
	file_stream *fs = cls;
	blobs_close(fs->rd);
	free(fs);
}

int h_file_get(req *r)
{
	zj_ctx *c = &r->ctx;
	const entity_def *e = r->entity;
	const field_def *f = entity_field(e, r->segs[3]);
	if (!f || f->type != FT_FILE) {
		ctx_problem(c, PROB_NO_FILE_FIELD, r->segs[3]);
		return reply_problem(r);
	}
	char perm[128];
	snprintf(perm, sizeof perm, "%s.read", e->name);
	if (crud_check_access(c, e, perm, r->id))
		return reply_problem(r);
	json_t *row = crud_load(c, e, r->id);
	json_t *ref = row ? json_object_get(row, f->name) : NULL;
	const char *hex = json_string_value(json_object_get(ref, "sha256"));
	if (!hex) {
		json_decref(row);
		ctx_problem(c, PROB_NO_FILE, f->name);
		return reply_problem(r);
	}
	/* every chunk there (a cheap check); a file of one chunk (most photos
	 * and scans) is read and re-hashed before a byte is sent, a larger one
	 * is re-hashed as it streams and its last bytes are held back unless it
	 * is whole (blobs.h): never a whole answer that is not the file */
	int64_t len = 0;
	int st = blobs_present(c->db, hex, &len);
	size_t blen = 0;
	unsigned char *b = st == BLOB_OK && len <= (int64_t)BLOBS_CHUNK ? blobs_read(c->db, hex, &blen, &st) : NULL;
	if (st != BLOB_OK) {
		json_decref(row);
		if (st == BLOB_MISSING)
			ctx_problem(c, PROB_FILE_MISSING, hex);
		else if (st == BLOB_DAMAGED)
			ctx_problem(c, PROB_FILE_HASH_MISMATCH, TR(c, "疑被篡改", "tampering?"));
		else
			ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
		return reply_problem(r);
	}
	json_t *a = json_pack("{s:s, s:s}", "field", f->name, "sha256", hex);
	int arc = audit_append(c, "read_file", e->name, r->id, NULL, a);
	json_decref(a);
	if (arc != DB_OK) {
		free(b);
		json_decref(row);
		ctx_problem(c, PROB_AUDIT_UNAVAILABLE, NULL);
		return reply_problem(r);
	}
	if (b)
		r->custom = MHD_create_response_from_buffer(blen, b, MHD_RESPMEM_MUST_FREE);
	else {
		file_stream *fs = xcalloc(1, sizeof *fs);
		fs->pool = r->pool;
		fs->db = r->pool ? NULL : c->db;
		fs->rd = blobs_open(c->db, hex, NULL);
		r->stream_read = stream_read, r->stream_free = stream_free, r->stream_cls = fs;
		r->stream_size = len;
	}
	const char *mime = json_string_value(json_object_get(ref, "mime"));
	const char *dl = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "download");
	r->status = 200;
	/* the type is the server's own sniff, never the uploader's claim */
	r->ctype = !mime                              ? "application/octet-stream"
		   : !strcmp(mime, "text/plain")      ? "text/plain; charset=utf-8"
		   : !strcmp(mime, "image/jpeg")      ? "image/jpeg"
		   : !strcmp(mime, "image/png")       ? "image/png"
		   : !strcmp(mime, "image/gif")       ? "image/gif"
		   : !strcmp(mime, "image/webp")      ? "image/webp"
		   : !strcmp(mime, "application/pdf") ? "application/pdf"
		   : !strcmp(mime, "video/mp4")       ? "video/mp4"
		   : !strcmp(mime, "audio/mpeg")      ? "audio/mpeg"
		   : !strcmp(mime, "audio/wav")       ? "audio/wav"
						      : "application/octet-stream";
	r->frameable = 1;
	const char *nm = json_string_value(json_object_get(ref, "name"));
	r->content_disposition = disposition(nm ? nm : hex, dl && !strcmp(dl, "1"));
	json_decref(row);
	return 200;
}
