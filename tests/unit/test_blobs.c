/* test_blobs.c — the content-addressed store of src/core/blobs.c on SQLite:
 * put and read back byte for byte, one copy per content (dedup), chunk
 * boundaries (one byte short of, at and past a chunk), streaming reads in
 * small pieces, a changed or deleted chunk found (never served), a damaged
 * file never overwritten, the import of the old folder (hash checked,
 * idempotent), audit-verify's part (files_verify_all) naming what is
 * missing, and files_gc removing only old files no record references. */
#include "fixture.h"

#include "core/blobs.h"
#include "core/files.h"
#include "lib/xalloc.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CH 64 /* a small chunk: the boundaries with small buffers */

static int setup(void **st)
{
	fixture_setup("blobs");
	blobs_set_chunk(CH);
	return 0;
}

static unsigned char *bytes(size_t n, unsigned seed)
{
	unsigned char *b = xmalloc(n ? n : 1);
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)((i * 31 + seed * 7) ^ (i >> 3));
	return b;
}

static int64_t q(const char *sql, const char *hex)
{
	const char *p[] = {hex};
	return db_query_int(d, sql, hex ? 1 : 0, p, -1);
}

/* put then read back whole and in pieces of 7 bytes: the same bytes */
static void roundtrip(size_t n, unsigned seed)
{
	unsigned char *b = bytes(n, seed);
	char hex[65], want[65];
	blobs_sha_hex(b, n, want);
	assert_int_equal(blobs_put(d, b, n, "2026-12-07T00:00:00Z", hex), BLOB_OK);
	assert_string_equal(hex, want);
	assert_int_equal(q("SELECT COUNT(*) FROM file_chunks WHERE sha256 = ?", hex), (int64_t)((n + CH - 1) / CH));
	assert_int_equal(q("SELECT MAX(LENGTH(data)) FROM file_chunks WHERE sha256 = ?", hex),
			 n < CH ? (int64_t)n : CH);
	size_t len = 0;
	int st = -9;
	unsigned char *back = blobs_read(d, hex, &len, &st);
	assert_int_equal(st, BLOB_OK);
	assert_int_equal(len, n);
	assert_memory_equal(back, b, n);
	free(back);
	int64_t size = 0;
	blob_reader *r = blobs_open(d, hex, &size);
	assert_non_null(r);
	assert_int_equal(size, (int64_t)n);
	unsigned char *acc = xmalloc(n + 1);
	size_t got = 0;
	char buf[7];
	long k = blobs_next(r, d, buf, sizeof buf);
	for (; k > 0; k = blobs_next(r, d, buf, sizeof buf)) {
		assert_true(got + (size_t)k <= n);
		memcpy(acc + got, buf, (size_t)k);
		got += (size_t)k;
	}
	assert_int_equal(k, 0);
	assert_int_equal(got, n);
	assert_memory_equal(acc, b, n);
	blobs_close(r);
	free(acc);
	free(b);
}

static void test_put_read_boundaries(void **st)
{
	roundtrip(1, 1);
	roundtrip(CH - 1, 2);
	roundtrip(CH, 3);
	roundtrip(CH + 1, 4);
	roundtrip(5 * CH, 5);
	roundtrip(5 * CH + 17, 6);
	assert_int_equal(blobs_check(d, "0000000000000000000000000000000000000000000000000000000000000000", NULL, NULL,
				     0),
			 BLOB_MISSING);
	assert_int_equal(blobs_check(d, "not a hash", NULL, NULL, 0), BLOB_MISSING);
}

static void test_dedup(void **st)
{
	unsigned char *b = bytes(3 * CH + 5, 9);
	char h1[65], h2[65];
	int64_t before = q("SELECT COUNT(*) FROM file_chunks", NULL);
	assert_int_equal(blobs_put(d, b, 3 * CH + 5, "2026-12-07T00:00:00Z", h1), BLOB_OK);
	assert_int_equal(q("SELECT COUNT(*) FROM file_chunks", NULL), before + 4);
	/* the same bytes again, in a transaction of the caller's: stored once */
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(blobs_put(d, b, 3 * CH + 5, "2026-12-07T00:00:01Z", h2), BLOB_OK);
	assert_int_equal(db_commit(d), DB_OK);
	assert_string_equal(h1, h2);
	assert_int_equal(q("SELECT COUNT(*) FROM file_chunks", NULL), before + 4);
	assert_int_equal(q("SELECT COUNT(*) FROM file_blobs WHERE sha256 = ?", h1), 1);
	/* a rolled-back transaction leaves nothing */
	b[0] ^= 1;
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(blobs_put(d, b, 3 * CH + 5, "2026-12-07T00:00:02Z", h2), BLOB_OK);
	assert_int_equal(db_rollback(d), DB_OK);
	assert_false(blobs_exists(d, h2));
	free(b);
}

static void test_damage_found(void **st)
{
	size_t n = 4 * CH;
	unsigned char *b = bytes(n, 11);
	char hex[65], why[160], sql[300];
	assert_int_equal(blobs_put(d, b, n, "2026-12-07T00:00:00Z", hex), BLOB_OK);
	/* a chunk changed (same length): the hash no longer matches */
	snprintf(sql, sizeof sql, "UPDATE file_chunks SET data = zeroblob(%d) WHERE sha256 = '%s' AND n = 2", CH, hex);
	assert_int_equal(db_exec(d, sql), DB_OK);
	assert_int_equal(blobs_check(d, hex, NULL, why, sizeof why), BLOB_DAMAGED);
	assert_non_null(strstr(why, "do not hash"));
	size_t len = 9;
	int s = 0;
	assert_null(blobs_read(d, hex, &len, &s));
	assert_int_equal(s, BLOB_DAMAGED);
	/* the stream ends in an error, not a quiet end, and the last chunk is
	 * never given: a client cannot receive all the bytes of a wrong file */
	assert_int_equal(blobs_present(d, hex, NULL), BLOB_OK); /* the cheap check reads no byte */
	blob_reader *r = blobs_open(d, hex, NULL);
	char buf[CH];
	size_t sent = 0;
	long k = blobs_next(r, d, buf, sizeof buf);
	for (; k > 0; k = blobs_next(r, d, buf, sizeof buf))
		sent += (size_t)k;
	assert_int_equal(k, -1);
	assert_int_equal(sent, n - CH);
	assert_int_equal(blobs_next(r, d, buf, sizeof buf), -1);
	blobs_close(r);
	/* never overwritten: a put of the right bytes is refused, the damage stays for the record */
	char again[65];
	assert_int_equal(blobs_put(d, b, n, "2026-12-07T00:00:00Z", again), BLOB_DAMAGED);
	assert_int_equal(blobs_check(d, hex, NULL, NULL, 0), BLOB_DAMAGED);
	/* a chunk deleted: named */
	snprintf(sql, sizeof sql, "DELETE FROM file_chunks WHERE sha256 = '%s' AND n = 1", hex);
	assert_int_equal(db_exec(d, sql), DB_OK);
	assert_int_equal(blobs_check(d, hex, NULL, why, sizeof why), BLOB_DAMAGED);
	assert_string_equal(why, "chunk 1 is missing");
	assert_int_equal(blobs_present(d, hex, NULL), BLOB_DAMAGED);
	r = blobs_open(d, hex, NULL);
	k = blobs_next(r, d, buf, sizeof buf);
	while (k > 0)
		k = blobs_next(r, d, buf, sizeof buf);
	assert_int_equal(k, -1);
	blobs_close(r);
	free(b);
}

/* audit-verify's part: a record's file field and an evidence hash are checked */
static void test_verify_all(void **st)
{
	unsigned char *b = bytes(2 * CH + 1, 21);
	char hex[65], sql[400];
	assert_int_equal(blobs_put(d, b, 2 * CH + 1, "2026-12-07T00:00:00Z", hex), BLOB_OK);
	free(b);
	/* an evidence item whose file (and hash) it is; the case aside (a test row) */
	assert_int_equal(db_exec(d, "PRAGMA foreign_keys = OFF"), DB_OK);
	snprintf(sql, sizeof sql,
		 "INSERT INTO case_evidence (case_id, seq, title, kind, sha256, file, version, deleted)"
		 " VALUES (1, 1, 't', 'photo', '%s', '{\"sha256\":\"%s\",\"name\":\"a.txt\"}', 1, 0)",
		 hex, hex);
	assert_int_equal(db_exec(d, sql), DB_OK);
	long nref = 0, nbad = 0;
	FILE *out = tmpfile();
	assert_int_equal(files_verify_all(d, out, &nref, &nbad), 0);
	assert_true(nref >= 1);
	assert_int_equal(nbad, 0);
	snprintf(sql, sizeof sql, "DELETE FROM file_chunks WHERE sha256 = '%s' AND n = 2", hex);
	assert_int_equal(db_exec(d, sql), DB_OK);
	assert_int_equal(files_verify_all(d, out, &nref, &nbad), 1);
	assert_int_equal(nbad, 1);
	char line[300] = "";
	rewind(out);
	while (fgets(line, sizeof line, out) && !strstr(line, hex))
		;
	assert_non_null(strstr(line, hex));
	assert_non_null(strstr(line, "chunk 2 is missing"));
	fclose(out);
	assert_int_equal(db_exec(d, "DELETE FROM case_evidence"), DB_OK);
	assert_int_equal(db_exec(d, "PRAGMA foreign_keys = ON"), DB_OK);
}

/* files_gc: an old unreferenced file goes, a referenced or recent one stays; audited */
static void test_gc(void **st)
{
	unsigned char *a = bytes(CH + 3, 41), *b = bytes(CH + 3, 42), *n = bytes(CH + 3, 43);
	char ha[65], hb[65], hn[65], sql[400];
	assert_int_equal(blobs_put(d, a, CH + 3, "2026-01-01T00:00:00Z", ha), BLOB_OK);
	assert_int_equal(blobs_put(d, b, CH + 3, "2026-01-01T00:00:00Z", hb), BLOB_OK);
	assert_int_equal(blobs_put(d, n, CH + 3, "2026-12-06T00:00:00Z", hn), BLOB_OK);
	free(a), free(b), free(n);
	/* a is the file of a deleted evidence item: still referenced (a legal record keeps its files) */
	assert_int_equal(db_exec(d, "PRAGMA foreign_keys = OFF"), DB_OK);
	snprintf(sql, sizeof sql,
		 "INSERT INTO case_evidence (case_id, seq, title, kind, sha256, version, deleted)"
		 " VALUES (1, 1, 't', 'photo', '%s', 1, 1)",
		 ha);
	assert_int_equal(db_exec(d, sql), DB_OK);
	zj_ctx c;
	ctx_init(&c, d);
	int64_t audits = q("SELECT COUNT(*) FROM audit_log WHERE action = 'files_gc'", NULL);
	long gone = 0;
	int64_t nbytes = 0;
	assert_int_equal(files_gc(&c, "2026-11-30T00:00:00Z", &gone, &nbytes), 0);
	assert_true(gone >= 1);
	assert_true(nbytes >= CH + 3);
	assert_true(blobs_exists(d, ha));  /* referenced */
	assert_false(blobs_exists(d, hb)); /* old and unreferenced */
	assert_true(blobs_exists(d, hn));  /* recent: an upload not yet attached */
	assert_int_equal(q("SELECT COUNT(*) FROM file_chunks WHERE sha256 = ?", hb), 0);
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log WHERE action = 'files_gc'", NULL), audits + 1);
	/* the pin a record's transaction takes finds a stored file, not a removed one */
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(blobs_pin(d, ha), 1);
	assert_int_equal(blobs_pin(d, hb), 0);
	assert_int_equal(db_rollback(d), DB_OK);
	ctx_clear(&c);
	assert_int_equal(db_exec(d, "DELETE FROM case_evidence"), DB_OK);
	assert_int_equal(db_exec(d, "PRAGMA foreign_keys = ON"), DB_OK);
}

/* the old folder: each file copied once, its content checked against its name */
static void test_import_dir(void **st)
{
	char dir[80], sub[120], path[240];
	snprintf(dir, sizeof dir, "/tmp/zj-blobs-dir-%d", getpid());
	mkdir(dir, 0700);
	unsigned char *b = bytes(3 * CH, 31);
	char hex[65];
	blobs_sha_hex(b, 3 * CH, hex);
	snprintf(sub, sizeof sub, "%s/%.2s", dir, hex);
	mkdir(sub, 0700);
	snprintf(path, sizeof path, "%s/%s", sub, hex);
	FILE *f = fopen(path, "wb");
	fwrite(b, 1, 3 * CH, f);
	fclose(f);
	/* a file whose content is not its name */
	char bad[240];
	snprintf(bad, sizeof bad, "%s/%.2s%062d", sub, hex, 0);
	f = fopen(bad, "wb");
	fputs("forged", f);
	fclose(f);
	blobs_import_report r;
	FILE *err = tmpfile();
	assert_int_equal(blobs_import_dir(d, dir, "2026-12-07T00:00:00Z", err, &r), 0);
	assert_int_equal(r.copied, 1);
	assert_int_equal(r.refused, 1);
	assert_int_equal(r.bytes, 3 * CH);
	assert_int_equal(blobs_check(d, hex, NULL, NULL, 0), BLOB_OK);
	/* again: nothing copied twice */
	assert_int_equal(blobs_import_dir(d, dir, "2026-12-07T00:00:00Z", err, &r), 0);
	assert_int_equal(r.copied, 0);
	assert_int_equal(r.present, 1);
	assert_int_equal(q("SELECT COUNT(*) FROM file_chunks WHERE sha256 = ?", hex), 3);
	fclose(err);
	unlink(bad), unlink(path), rmdir(sub), rmdir(dir);
	free(b);
	assert_int_equal(blobs_import_dir(d, dir, "2026-12-07T00:00:00Z", NULL, &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_read_boundaries),
		cmocka_unit_test(test_dedup),
		cmocka_unit_test(test_damage_found),
		cmocka_unit_test(test_verify_all),
		cmocka_unit_test(test_gc),
		cmocka_unit_test(test_import_dir),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
