/* blobs.h — the one store of file bytes: content-addressed, in the database.
 *
 * A stored file is its SHA-256 (64 lowercase hex digits): one row in
 * file_blobs (size, number of chunks) and its bytes in file_chunks, chunks of
 * at most BLOBS_CHUNK bytes keyed (sha256, n) (migrations/028_file_chunks.sql).
 * Because the bytes are rows, every node of a cluster serves them, every
 * backup of the database holds them, and a file is written in the same
 * transaction as the record that stores it (the caller's, when one is open).
 * Identical content is stored once; a stored file is never overwritten.
 * Reading streams chunk by chunk and re-hashes: a chunk missing or changed is
 * found, never served as the file. files.c (uploads, FT_FILE fields) and the
 * cases' evidence go through here; nothing else writes file bytes. */
#ifndef ZJ_BLOBS_H
#define ZJ_BLOBS_H
#include "db/db.h"
#include <stddef.h>
#include <stdint.h>

#define BLOBS_CHUNK ((size_t)1 << 20)

enum { BLOB_OK = 0, BLOB_MISSING = 1, BLOB_DAMAGED = 2, BLOB_ERROR = -1 };

/* Tests only: a smaller chunk size (0 = BLOBS_CHUNK), to cross boundaries with small files. */
void blobs_set_chunk(size_t n);
void blobs_sha_hex(const void *data, size_t len, char hex[65]);
/* 1 when hex is 64 lowercase hex digits. */
int blobs_hex_ok(const char *hex);

/* Stores data under its SHA-256 (set in hex) at instant `now`, inside the
 * open transaction or a transaction of its own. BLOB_OK when stored or
 * already stored whole; BLOB_DAMAGED when stored but not whole (left as it
 * is: never overwritten); BLOB_ERROR on a database error. */
int blobs_put(db *d, const void *data, size_t len, const char *now, char hex[65]);
/* 1 when a file_blobs row names hex (whole or not). */
int blobs_exists(db *d, const char *hex);
/* In a write transaction: 1 when the file is stored, and then held until
 * the transaction ends (PostgreSQL: FOR SHARE on its row, which blobs_gc's
 * table lock waits for; SQLite: the one writer already excludes it); 0 when
 * not stored; -1 on error. */
int blobs_pin(db *d, const char *hex);
/* Deletes one stored file (its chunks and row) — for files_gc only, in its
 * transaction, after it has found that nothing references the file. */
int blobs_delete(db *d, const char *hex);
/* Begins files_gc's transaction: on PostgreSQL the table lock that waits for
 * every transaction holding a pin and keeps new pins out until it ends. */
int blobs_gc_begin(db *d);
/* Reads every chunk in order and re-hashes: BLOB_OK (size set), BLOB_MISSING
 * (no such file), BLOB_DAMAGED (a chunk missing, of the wrong length, or
 * the bytes do not hash to hex; why, when not NULL, says which), BLOB_ERROR. */
int blobs_check(db *d, const char *hex, int64_t *size, char *why, size_t whylen);
/* The cheap check before a download: the row and every chunk there, of the
 * right total length (no byte read): BLOB_OK (size set), BLOB_MISSING,
 * BLOB_DAMAGED, BLOB_ERROR. The bytes are checked as they stream. */
int blobs_present(db *d, const char *hex, int64_t *size);
/* The whole file (caller frees), verified; NULL with *st set otherwise.
 * For small uses (sniffing a type, base64 answers): downloads stream. */
unsigned char *blobs_read(db *d, const char *hex, size_t *len, int *st);

/* Streaming read: open, then next until 0 (the end) or -1 (a chunk missing,
 * or the bytes not the file's: the last chunk is held back until the whole
 * file hashes right, so a client never gets all the bytes of a file that is
 * not the file). Each call may run on a different connection (d), so none
 * is held between calls. */
typedef struct blob_reader blob_reader;
blob_reader *blobs_open(db *d, const char *hex, int64_t *size);
long blobs_next(blob_reader *r, db *d, char *buf, size_t max);
void blobs_close(blob_reader *r);

/* Copies every file of a content-addressed folder (DIR/ab/abcdef…, the
 * store before 028) into the table: each file's hash is recomputed and must
 * equal its name. Idempotent. Counts what was copied, already there, and
 * refused (name not a hash, or content not matching it); each refusal is
 * printed to err when not NULL. 0, or -1 when the folder cannot be read or
 * the database fails. */
typedef struct blobs_import_report {
	long copied, present, refused;
	int64_t bytes;
} blobs_import_report;
int blobs_import_dir(db *d, const char *dir, const char *now, void *err /* FILE* */, blobs_import_report *r);
#endif
