/* partitions.h — PostgreSQL's declarative partitions of the tables that
 * grow without bound: the audit log and sessions by month, food test
 * results by year (migration 035, docs/scale.md "Partitioning"): made
 * ahead of time, listed, detached to the archive schema zj_archive. On
 * SQLite the tables are plain and every function here does nothing. */
#ifndef ZJ_PARTITIONS_H
#define ZJ_PARTITIONS_H
#include "core/ctx.h"
#include "db/db.h"
#include <stdio.h>

/* The partitioned tables, their key column and period (months). */
typedef struct part_table {
	const char *table, *column;
	int months; /* 1: a partition per month, 12: per year */
	int ahead;  /* periods made ahead of the current one */
} part_table;
extern const part_table part_tables[];
extern const int part_ntables;

#define PART_ARCHIVE_SCHEMA "zj_archive"

/* Bounds of the period containing date "YYYY-MM..." shifted by k periods:
 * lo/hi "YYYY-MM-01", name "<table>_pYYYYMM" (monthly) or "<table>_pYYYY".
 * 0, or -1 on a malformed date. */
int part_period(const part_table *t, const char *date, int k, char lo[11], char hi[11], char name[64]);

/* Makes the partitions of the current period and the `ahead` next ones of
 * every table; moves rows of well-formed months sitting in a DEFAULT
 * partition into a partition of their own. One line per action on `log`
 * (NULL: none). *in_default: rows left in DEFAULT partitions. DB_OK or
 * DB_ERR (with the statement's error on `log`). */
int partitions_create_ahead(db *d, const char *now, FILE *log, long long *in_default);

/* One line per partition, attached and archived, on `out`. */
int partitions_list(db *d, FILE *out);

/* Detaches every partition whose range ends on or before `before`
 * ("YYYY-MM") into zj_archive, audited (partitions_detach) in the same
 * transaction; refuses (DB_ERR, nothing detached) when a sessions
 * partition still holds a live session. */
int partitions_detach(zj_ctx *c, const char *before, FILE *log);

/* The audit log's rows as a FROM source: "audit_log", or with archived
 * partitions "(SELECT ... FROM audit_log UNION ALL SELECT ... FROM
 * zj_archive.audit_log_p...) audit_log". Caller frees. */
char *partitions_audit_source(db *d);

/* The periodic job partition_ahead (core/jobs.c). */
int partitions_job(db *d, const char *now);
#endif
