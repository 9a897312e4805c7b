/* blobs.c — the content-addressed file store in the database (see blobs.h).
 * Plain SQL on two core tables, as audit and numbering do: the record that
 * stores a file is audited by its caller, in the same transaction. */
#include "core/blobs.h"
#include "lib/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t chunk_size = BLOBS_CHUNK;

void blobs_set_chunk(size_t n)
{
	chunk_size = n ? n : BLOBS_CHUNK;
}

void blobs_sha_hex(const void *data, size_t len, char hex[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

int blobs_hex_ok(const char *hex)
{
	if (!hex || strlen(hex) != 64)
		return 0;
	for (const char *p = hex; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

/* The file_blobs row: 1 found (size, chunks set), 0 none, -1 error. */
static int head(db *d, const char *hex, int64_t *size, int64_t *chunks)
{
	db_stmt *s;
	if (db_prepare(d, "SELECT size, chunks FROM file_blobs WHERE sha256 = ?", &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, hex);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		*size = db_col_int(s, 0);
		*chunks = db_col_int(s, 1);
	}
	db_finalize(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int blobs_exists(db *d, const char *hex)
{
	int64_t size, chunks;
	return blobs_hex_ok(hex) && head(d, hex, &size, &chunks) == 1;
}

int blobs_pin(db *d, const char *hex)
{
	if (!blobs_hex_ok(hex))
		return 0;
	db_stmt *s;
	if (db_prepare(d,
		       db_is_postgres(d) ? "SELECT 1 FROM file_blobs WHERE sha256 = ? FOR SHARE"
					 : "SELECT 1 FROM file_blobs WHERE sha256 = ?",
		       &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, hex);
	int rc = db_step(s);
	db_finalize(s);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int blobs_delete(db *d, const char *hex)
{
	const char *p[] = {hex};
	int rc = db_run(d, "DELETE FROM file_chunks WHERE sha256 = ?", 1, p);
	return rc == DB_OK ? db_run(d, "DELETE FROM file_blobs WHERE sha256 = ?", 1, p) : rc;
}

int blobs_gc_begin(db *d)
{
	if (db_begin(d) != DB_OK)
		return DB_ERR;
	if (db_is_postgres(d) && db_exec(d, "LOCK TABLE file_blobs IN EXCLUSIVE MODE") != DB_OK) {
		db_rollback(d);
		return DB_ERR;
	}
	return DB_OK;
}

static void say(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t whylen, const char *fmt, ...)
{
	if (!why)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

int blobs_check(db *d, const char *hex, int64_t *size, char *why, size_t whylen)
{
	int64_t want = 0, chunks = 0;
	if (why && whylen)
		*why = 0;
	if (!blobs_hex_ok(hex))
		return BLOB_MISSING;
	int h = head(d, hex, &want, &chunks);
	if (h <= 0)
		return h < 0 ? BLOB_ERROR : BLOB_MISSING;
	db_stmt *s;
	if (db_prepare(d, "SELECT n, data FROM file_chunks WHERE sha256 = ? ORDER BY n", &s) != DB_OK)
		return BLOB_ERROR;
	db_bind_text(s, 1, hex);
	db_stream(s); /* one chunk in memory at a time */
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	int64_t n = 0, got = 0;
	int rc, bad = 0;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		size_t len;
		const void *p = db_col_blob(s, 1, &len);
		if (bad)
			continue; /* read to the end: a streaming statement must be */
		if (db_col_int(s, 0) != n) {
			say(why, whylen, "chunk %lld is missing", (long long)n);
			bad = 1;
			continue;
		}
		crypto_hash_sha256_update(&st, p ? p : (const void *)"", len);
		got += (int64_t)len, n++;
	}
	db_finalize(s);
	if (rc != DB_DONE)
		return BLOB_ERROR;
	if (!bad && n != chunks)
		say(why, whylen, "chunk %lld is missing", (long long)n), bad = 1;
	else if (!bad && got != want)
		say(why, whylen, "%lld bytes stored, not the file's size", (long long)got), bad = 1;
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hx[65];
	crypto_hash_sha256_final(&st, sum);
	sodium_bin2hex(hx, sizeof hx, sum, sizeof sum);
	if (!bad && strcmp(hx, hex))
		say(why, whylen, "the chunks do not hash to the file's SHA-256 (%lld bytes)", (long long)got), bad = 1;
	if (size)
		*size = want;
	return bad ? BLOB_DAMAGED : BLOB_OK;
}

/* Inserts the rows; an existing row (another node storing the same bytes at
 * the same time) is left: the same hash is the same content. */
static int insert(db *d, const char *hex, const unsigned char *data, size_t len, const char *now)
{
	size_t csz = chunk_size;
	int64_t chunks = len ? (int64_t)((len + csz - 1) / csz) : 0;
	db_stmt *s;
	if (db_prepare(d,
		       "INSERT INTO file_blobs (sha256, size, chunks, stored_at) VALUES (?, ?, ?, ?)"
		       " ON CONFLICT (sha256) DO NOTHING",
		       &s) != DB_OK)
		return DB_ERR;
	db_bind_text(s, 1, hex);
	db_bind_int(s, 2, (int64_t)len);
	db_bind_int(s, 3, chunks);
	db_bind_text(s, 4, now);
	int rc = db_step(s);
	db_finalize(s);
	for (int64_t n = 0; rc == DB_DONE && n < chunks; n++) {
		size_t off = (size_t)n * csz, part = len - off < csz ? len - off : csz;
		if (db_prepare(d,
			       "INSERT INTO file_chunks (sha256, n, data) VALUES (?, ?, ?)"
			       " ON CONFLICT (sha256, n) DO NOTHING",
			       &s) != DB_OK)
			return DB_ERR;
		db_bind_text(s, 1, hex);
		db_bind_int(s, 2, n);
		db_bind_blob(s, 3, data + off, part);
		rc = db_step(s);
		db_finalize(s);
	}
	return rc == DB_DONE ? DB_OK : rc;
}

int blobs_put(db *d, const void *data, size_t len, const char *now, char hex[65])
{
	blobs_sha_hex(data, len, hex);
	int own = !d->in_tx;
	if (own && db_begin(d) != DB_OK)
		return BLOB_ERROR;
	/* checked inside the transaction: a concurrent writer of the same file waits or is seen */
	int st = blobs_check(d, hex, NULL, NULL, 0);
	int rc = st == BLOB_MISSING ? insert(d, hex, data, len, now) : DB_OK;
	if (own) {
		if (rc == DB_OK && st != BLOB_ERROR)
			rc = db_commit(d);
		else
			db_rollback(d);
	}
	if (st == BLOB_ERROR || rc != DB_OK)
		return BLOB_ERROR;
	return st == BLOB_DAMAGED ? BLOB_DAMAGED : BLOB_OK;
}

int blobs_present(db *d, const char *hex, int64_t *size)
{
	int64_t want = 0, chunks = 0;
	if (!blobs_hex_ok(hex))
		return BLOB_MISSING;
	int h = head(d, hex, &want, &chunks);
	if (h <= 0)
		return h < 0 ? BLOB_ERROR : BLOB_MISSING;
	if (size)
		*size = want;
	db_stmt *s;
	if (db_prepare(d, "SELECT COUNT(*), SUM(LENGTH(data)), MAX(n) FROM file_chunks WHERE sha256 = ?", &s) != DB_OK)
		return BLOB_ERROR;
	db_bind_text(s, 1, hex);
	int rc = db_step(s), st = BLOB_ERROR;
	if (rc == DB_ROW)
		st = db_col_int(s, 0) == chunks && db_col_int(s, 1) == want &&
				     db_col_int(s, 2) == (chunks ? chunks - 1 : 0)
			     ? BLOB_OK
			     : BLOB_DAMAGED;
	db_finalize(s);
	return st;
}

struct blob_reader {
	char hex[65];
	int64_t size, chunks, n;
	int failed;
	unsigned char *chunk;
	size_t len, off;
	crypto_hash_sha256_state st;
};

blob_reader *blobs_open(db *d, const char *hex, int64_t *size)
{
	int64_t sz = 0, chunks = 0;
	if (!blobs_hex_ok(hex) || head(d, hex, &sz, &chunks) != 1)
		return NULL;
	blob_reader *r = xcalloc(1, sizeof *r);
	snprintf(r->hex, sizeof r->hex, "%s", hex);
	r->size = sz, r->chunks = chunks;
	crypto_hash_sha256_init(&r->st);
	if (size)
		*size = sz;
	return r;
}

/* The next chunk into r->chunk: 0, or -1 when it is not there. */
static int load(blob_reader *r, db *d)
{
	db_stmt *s;
	if (db_prepare(d, "SELECT data FROM file_chunks WHERE sha256 = ? AND n = ?", &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, r->hex);
	db_bind_int(s, 2, r->n);
	db_binary_results(s); /* PostgreSQL: bytea as bytes, half the transfer of hex */
	int rc = db_step(s);
	size_t len = 0;
	const void *p = rc == DB_ROW ? db_col_blob(s, 0, &len) : NULL;
	if (p) {
		free(r->chunk);
		r->chunk = xmalloc(len ? len : 1);
		memcpy(r->chunk, p, len);
		r->len = len, r->off = 0, r->n++;
		crypto_hash_sha256_update(&r->st, r->chunk, len);
	}
	db_finalize(s);
	if (p && r->n == r->chunks) {
		/* the last chunk is held back until the whole file hashes right: a
		 * client never receives every byte of a file that is not the file */
		unsigned char sum[crypto_hash_sha256_BYTES];
		char hx[65];
		crypto_hash_sha256_final(&r->st, sum);
		sodium_bin2hex(hx, sizeof hx, sum, sizeof sum);
		return strcmp(hx, r->hex) ? -1 : 0;
	}
	return p ? 0 : -1;
}

long blobs_next(blob_reader *r, db *d, char *buf, size_t max)
{
	if (r->failed)
		return -1;
	while (r->off == r->len) {
		if (r->n == r->chunks)
			return 0; /* the end: load checked the whole hash before the last bytes went */
		if (load(r, d) != 0) {
			r->failed = 1;
			return -1;
		}
	}
	size_t n = r->len - r->off < max ? r->len - r->off : max;
	memcpy(buf, r->chunk + r->off, n);
	r->off += n;
	return (long)n;
}

void blobs_close(blob_reader *r)
{
	if (!r)
		return;
	free(r->chunk);
	free(r);
}

unsigned char *blobs_read(db *d, const char *hex, size_t *len, int *st)
{
	int64_t size = 0;
	blob_reader *r = blobs_open(d, hex, &size);
	*len = 0;
	if (!r) {
		if (st)
			*st = BLOB_MISSING;
		return NULL;
	}
	unsigned char *buf = xmalloc((size_t)size + 1);
	size_t got = 0;
	long n = 0;
	while (got <= (size_t)size) {
		n = blobs_next(r, d, (char *)buf + got, (size_t)size + 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	blobs_close(r);
	if (n < 0 || got != (size_t)size) {
		free(buf);
		if (st)
			*st = BLOB_DAMAGED;
		return NULL;
	}
	if (st)
		*st = BLOB_OK;
	*len = got;
	return buf;
}

/* One file of the old folder: copied when its content is its name. */
static int import_one(db *d, const char *path, const char *name, const char *now, FILE *err, blobs_import_report *r)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	if (!f || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (f)
			fclose(f);
		return 0; /* a folder or something else: not a stored file */
	}
	unsigned char *buf = xmalloc((size_t)sb.st_size + 1);
	size_t len = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	char hex[65] = "";
	blobs_sha_hex(buf, len, hex);
	int rc = 0;
	if (len != (size_t)sb.st_size || strcmp(hex, name)) {
		if (err)
			fprintf(err, "refused %s: its content's SHA-256 is %s, not its name\n", path, hex);
		r->refused++;
	} else if (blobs_exists(d, hex) && blobs_check(d, hex, NULL, NULL, 0) == BLOB_OK)
		r->present++;
	else {
		int st = blobs_put(d, buf, len, now, hex);
		if (st == BLOB_OK)
			r->copied++, r->bytes += (int64_t)len;
		else if (st == BLOB_DAMAGED) {
			if (err)
				fprintf(err,
					"refused %s: the database holds a damaged copy of it (never overwritten)\n",
					path);
			r->refused++;
		} else
			rc = -1;
	}
	free(buf);
	return rc;
}

int blobs_import_dir(db *d, const char *dir, const char *now, void *errf, blobs_import_report *r)
{
	FILE *err = errf;
	memset(r, 0, sizeof *r);
	DIR *top = opendir(dir);
	if (!top)
		return -1;
	int rc = 0;
	for (struct dirent *e = readdir(top); e && !rc; e = readdir(top)) {
		if (strlen(e->d_name) != 2 || e->d_name[0] == '.')
			continue;
		char sub[1024];
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		DIR *in = opendir(sub);
		for (struct dirent *f = in ? readdir(in) : NULL; f && !rc; f = readdir(in)) {
			if (f->d_name[0] == '.' || strstr(f->d_name, ".tmp"))
				continue;
			char path[1400];
			snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
			if (!blobs_hex_ok(f->d_name) || strncmp(f->d_name, e->d_name, 2)) {
				if (err)
					fprintf(err, "refused %s: the name is not a SHA-256\n", path);
				r->refused++;
				continue;
			}
			rc = import_one(d, path, f->d_name, now, err, r);
		}
		if (in)
			closedir(in);
	}
	closedir(top);
	return rc;
}
