/* numbering.h — the one numbering service: document numbers (包质监罚字〔2026〕
 * 第N号), sample codes (SP2026000001), tracking numbers (TS20260212-0001).
 * A series counts per period (a year, or a day); the next number is taken
 * inside the caller's transaction by one upsert on the series row, so:
 *   - gap-free: a rolled-back record gives its number back;
 *   - safe under concurrent writers: SQLite writers hold the file (BEGIN
 *     IMMEDIATE), PostgreSQL writers queue on the series row's lock;
 *   - a number already in use (a code someone typed, a record written by the
 *     demo) is passed over. */
#ifndef ZJ_NUMBERING_H
#define ZJ_NUMBERING_H

#include "core/ctx.h"

/* Whether number n of the period is already in use (1) or free (0). */
typedef int (*numbering_taken_fn)(zj_ctx *c, const char *period, int64_t n, const void *ud);

/* The next free number of series/period into *n. DB_OK or a DB error. */
int numbering_next(zj_ctx *c, const char *series, const char *period, numbering_taken_fn taken, const void *ud,
		   int64_t *n);

/* Fills a pattern: {year} {period} {n} and {n:W} (n zero-padded to W digits),
 * any other text as is; e.g. "包质监罚字〔{year}〕第{n}号", "SP{year}{n:6}".
 * 0, or -1 when out is too small or a brace is not a known field. */
int numbering_format(const char *pattern, const char *year, const char *period, int64_t n, char *out, size_t len);

/* numbering_next then numbering_format: year = the first four characters of period. */
int numbering_take(zj_ctx *c, const char *series, const char *pattern, const char *period, numbering_taken_fn taken,
		   const void *ud, int64_t *n, char *out, size_t len);

#endif
