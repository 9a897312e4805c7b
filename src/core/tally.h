/* tally.h — counts of an entity's live rows by a few key columns, kept by
 * the core at every write of the entity, in the write's own transaction.
 *
 * For a count a dashboard asks often over millions of rows (units in use
 * past their due date, by district and category) that an index can only
 * answer by walking every matching entry. The entity declares the tally
 * (entity_def.tally); the core adds one to the key of a row after it is
 * inserted or written and takes one away before, so the table is exact at
 * every commit. A key that holds a date (the due date itself, not "overdue
 * or not") needs no refresh as days pass: the reader sums the keys before
 * today. Rows written around the core (seed and demo data, a bulk load) are
 * counted by tally_rebuild. */
#ifndef ZJ_TALLY_H
#define ZJ_TALLY_H

#include "core/ctx.h"
#include "db/db.h"

struct entity_def;

typedef struct tally_def {
	const char *table; /* the tally: the key columns, n BIGINT; a unique index on the keys */
	const char *keys;  /* its key columns: "due_month, state, jurisdiction_id, category" */
	const char *from;  /* the entity's SQL for them, in order ("substr(next_due, 1, 7), state, ..."); NULL: keys */
	const char *where; /* which live rows count (SQL on the entity's columns; deleted = 0 is implied) */
} tally_def;               /* entity_def.tally: an array of them ending with {NULL} */

/* Adds sign (+1 after an insert or write, -1 before a write or delete) to
 * the key of row id of e, if the row is live and counts. Taking one away
 * first locks the row (a concurrent writer of it waits), so that the key
 * read is the one the write replaces. No-op for an entity without a tally. */
int tally_row(zj_ctx *c, const struct entity_def *e, int64_t id, int sign);
/* The same for the rows lo..hi (an import undone). */
int tally_range(zj_ctx *c, const struct entity_def *e, int64_t lo, int64_t hi, int sign);
/* Counts every live row again (after rows were written around the core). */
int tally_rebuild(db *d, const struct entity_def *e);
/* tally_rebuild for every registered entity that has a tally. */
int tally_rebuild_all(db *d);

#endif
