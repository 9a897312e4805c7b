/* files.h — stored files, content-addressed by SHA-256, served by the core.
 *
 * Bytes live in the database (core/blobs.h: 1 MiB chunks keyed by the
 * file's SHA-256), one copy per distinct content, never overwritten, so
 * every node serves them and every backup holds them. The server computes
 * every hash itself: nobody types one. A field of type FT_FILE holds a reference
 * to a stored file, kept in its column as JSON text
 *   {"sha256":"…","name":"photo.jpg","size":12345,"mime":"image/jpeg"}
 * where size and mime are always the server's own (re-read from the bytes).
 *
 * Routes (src/web/api.c): POST /api/v1/files (raw body, Content-Type and
 * X-File-Name) stores a file and answers its reference;
 * GET /api/v1/{entity}/{id}/files/{field} serves it with the record's read
 * permission and scope, audited. */
#ifndef ZJ_FILES_H
#define ZJ_FILES_H
#include "core/ctx.h"
#include "core/entity.h"
#include <stddef.h>

/* The folder of the store before the database held the bytes (ZJ_FILES_DIR,
 * else ZJ_EVIDENCE_DIR, else beside the SQLite database, else ./evidence):
 * read only by `zhijian files-import`, which copies it into the database. */
const char *files_dir(zj_ctx *c);
/* A text field with this pattern holds the SHA-256 of a stored file (the
 * cases' evidence hash): audit-verify checks it as it checks FT_FILE fields. */
#define FILES_HASH_PATTERN "^[0-9a-f]{64}$"
/* audit-verify's part: every hash a record references (FT_FILE fields and
 * FILES_HASH_PATTERN fields of every registered entity) is stored and whole.
 * Prints each one missing or damaged to out (a FILE*); counts set. 0 all
 * there, 1 some missing or damaged, 2 the database failed. */
int files_verify_all(db *d, void *out, long *referenced, long *bad);
/* 1 when f holds a stored file's reference (FT_FILE) or hash (FILES_HASH_PATTERN). */
int files_hash_field(const field_def *f);
/* In a record's write transaction (crud_validate): the file a new or changed
 * value names is held (blobs_pin) so that files_gc cannot remove it before
 * the record commits; an FT_FILE value whose file is gone is an error. */
void files_pin(zj_ctx *c, const field_def *f, json_t *v, json_t *old, json_t *errors);
/* Deletes the stored files stored before `before` (an instant) that no
 * record references (files_verify_all's fields, deleted records included),
 * in one transaction, audited `files_gc`. 0 with the counts, else -1. */
int files_gc(zj_ctx *c, const char *before, long *deleted, int64_t *bytes);
/* The upload limit in bytes: ZJ_FILE_LIMIT (bytes, or with K/M suffix), default 20 MiB. */
size_t files_limit(void);
void files_sha_hex(const void *data, size_t len, char hex[65]);
/* The stored bytes (caller frees), NULL when absent or not whole. */
unsigned char *files_read(zj_ctx *c, const char *hex, size_t *len);
/* 0 intact, 1 missing, 2 content does not match its name. size set when found. */
int files_check(zj_ctx *c, const char *hex, int64_t *size);
/* Stores the bytes (in the open transaction, else one of their own); an existing file is left as is. 0 ok. */
int files_write(zj_ctx *c, const char *hex, const void *data, size_t len);
/* The media type read from the first bytes (magic numbers), NULL when not
 * one the store accepts (JPEG PNG GIF WebP PDF MP4 MP3 WAV, plain text). */
const char *files_sniff(const void *data, size_t len, const char *name);
/* Does mime match an accept list (comma-joined types, "image/" + star for a family) (NULL = anything)? */
int files_accepts(const char *accept, const char *mime);

/* Stores an upload (limit, type check, hash, write, audit). Returns 0 with
 * *ref = {sha256,name,size,mime}, or an HTTP status after ctx_fail. */
int files_store(zj_ctx *c, const void *data, size_t len, const char *declared_type, const char *name, json_t **ref);
/* Coerces a client's value for an FT_FILE field — a hash, or an object
 * with "sha256" (and "name") — into the stored reference; NULL and msg set
 * when the file is not in the store or not of an accepted type. */
json_t *files_coerce(zj_ctx *c, const field_def *f, json_t *v, char *msg, size_t msglen);
#endif
