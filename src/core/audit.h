/* audit.h — the append-only, hash-chained audit log (DESIGN.md §6).
 * Each record's SHA-256 covers the previous record's hash and every field of
 * the record, so changing or removing any row breaks the chain from there. */
#ifndef ZJ_AUDIT_H
#define ZJ_AUDIT_H
#include "core/ctx.h"

/* Appends within the caller's transaction when one is open, else in its own. */
int audit_append(zj_ctx *c, const char *action, const char *entity, int64_t entity_id,
		 const json_t *before, const json_t *after);
/* Recomputes the chain. Returns 0 when intact (count = records), else 1 with
 * bad_id = the first record whose hash does not verify. */
int audit_verify(db *d, int64_t *count, int64_t *bad_id, char *why, size_t whylen);
#endif
