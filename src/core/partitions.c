/* partitions.c — see partitions.h. Everything here is PostgreSQL DDL on
 * names and bounds this file makes itself (table names from part_tables,
 * digits from the clock): nothing from a request reaches these statements.
 *
 * Why a job and not a partition made on first write: CREATE TABLE ...
 * PARTITION OF takes a lock on the parent that every writer of the table
 * would queue behind at the turn of a month; made days ahead by one node
 * (the job's lease), it costs nothing at the turn. */
#include "core/partitions.h"
#include "core/audit.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include <stdlib.h>
#include <string.h>

const part_table part_tables[] = {
	{"audit_log", "at", 1, 3},
	{"sessions", "created_at", 1, 3},
	{"results", "created_at", 12, 1},
};
const int part_ntables = (int)(sizeof part_tables / sizeof part_tables[0]);

int part_period(const part_table *t, const char *date, int k, char lo[11], char hi[11], char name[64])
{
	if (!date || strlen(date) < 7 || date[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (date[i] < '0' || date[i] > '9'))
			return -1;
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	int m = (date[5] - '0') * 10 + (date[6] - '0');
	if (m < 1 || m > 12)
		return -1;
	long idx = (long)y * 12 + (m - 1); /* months since year 0 */
	if (t->months == 12)
		idx -= m - 1;
	idx += (long)k * t->months;
	long end = idx + t->months;
	if (idx < 0 || end / 12 > 9999)
		return -1;
	char b[2][48]; /* wide enough for any long: the range is checked above */
	snprintf(b[0], sizeof b[0], "%04ld-%02ld-01", idx / 12, idx % 12 + 1);
	snprintf(b[1], sizeof b[1], "%04ld-%02ld-01", end / 12, end % 12 + 1);
	snprintf(lo, 11, "%.10s", b[0]);
	snprintf(hi, 11, "%.10s", b[1]);
	if (t->months == 12)
		snprintf(name, 64, "%s_p%04ld", t->table, idx / 12);
	else
		snprintf(name, 64, "%s_p%04ld%02ld", t->table, idx / 12, idx % 12 + 1);
	return 0;
}

/* 1 when `table` is partitioned here (0 before migration 035, or on a
 * database whose table was left plain) */
static int partitioned(db *d, const char *table)
{
	const char *p[] = {table};
	return db_query_int(d, "SELECT COUNT(*) FROM pg_partitioned_table WHERE partrelid = to_regclass(?)", 1, p, 0) >
	       0;
}

static int exec_log(db *d, const char *sql, FILE *log)
{
	if (db_exec(d, sql) == DB_OK)
		return DB_OK;
	if (log)
		fprintf(log, "partitions: %s: %s\n", sql, db_errmsg(d));
	return DB_ERR;
}

static long long count_in(db *d, const char *table, const char *col, const char *lo, const char *hi)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s >= ? AND %s < ?", table, col, col);
	const char *p[] = {lo, hi};
	return db_query_int(d, sql, 2, p, -1);
}

/* Makes the partition `name` for [lo, hi) of t unless it exists, in one
 * transaction: the parent is locked against writers first (SHARE ROW
 * EXCLUSIVE; readers go on), then a table LIKE the parent is made, the
 * rows of that range already in the DEFAULT partition (a clock that jumped,
 * a job that did not run) moved into it — PostgreSQL refuses a partition
 * whose rows sit in DEFAULT — and it is attached. Without the lock, a writer
 * that had routed a row of that range to DEFAULT just before the attach
 * would fail ("violates partition constraint"); with it, the writer waits
 * for the commit and routes its row to the new partition. The lock lasts
 * milliseconds when DEFAULT is empty, as it should be. */
static int make_partition(db *d, const part_table *t, const char *lo, const char *hi, const char *name, FILE *log)
{
	const char *pn[] = {name};
	if (db_query_int(d,
			 "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			 " WHERE c.relname = ? AND n.nspname = current_schema()",
			 1, pn, -1) != 0)
		return DB_OK;
	char def[80], sql[512];
	snprintf(def, sizeof def, "%s_default", t->table);
	if (db_begin(d) != DB_OK)
		return DB_ERR;
	snprintf(sql, sizeof sql, "LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE", t->table);
	int rc = exec_log(d, sql, log);
	long long stray = rc == DB_OK ? count_in(d, def, t->column, lo, hi) : -1;
	if (stray < 0)
		rc = DB_ERR;
	snprintf(sql, sizeof sql, "CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)", name, t->table);
	if (rc == DB_OK)
		rc = exec_log(d, sql, log);
	snprintf(sql, sizeof sql, "INSERT INTO %s SELECT * FROM %s WHERE %s >= '%s' AND %s < '%s'", name, def,
		 t->column, lo, t->column, hi);
	if (rc == DB_OK && stray > 0)
		rc = exec_log(d, sql, log);
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s >= '%s' AND %s < '%s'", def, t->column, lo, t->column, hi);
	if (rc == DB_OK && stray > 0)
		rc = exec_log(d, sql, log);
	snprintf(sql, sizeof sql, "ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM ('%s') TO ('%s')", t->table, name,
		 lo, hi);
	if (rc == DB_OK)
		rc = exec_log(d, sql, log);
	if (rc == DB_OK)
		rc = db_commit(d);
	if (rc != DB_OK) {
		db_rollback(d);
		return DB_ERR;
	}
	if (log && stray > 0)
		fprintf(log, "created %s for [%s, %s): moved %lld row(s) from %s\n", name, lo, hi, stray, def);
	else if (log)
		fprintf(log, "created %s for [%s, %s)\n", name, lo, hi);
	return DB_OK;
}

int partitions_create_ahead(db *d, const char *now, FILE *log, long long *in_default)
{
	*in_default = 0;
	if (!db_is_postgres(d))
		return DB_OK;
	int rc = DB_OK;
	char lo[11], hi[11], name[64], sql[256];
	for (int i = 0; i < part_ntables; i++) {
		const part_table *t = &part_tables[i];
		if (!partitioned(d, t->table))
			continue;
		for (int k = 0; k <= t->ahead && rc == DB_OK; k++)
			if (part_period(t, now, k, lo, hi, name) == 0)
				rc = make_partition(d, t, lo, hi, name, log);
		/* rows of other well-formed months in DEFAULT get a partition too */
		snprintf(
			sql, sizeof sql,
			"SELECT DISTINCT substr(%s, 1, 7) FROM %s_default WHERE %s ~ '^[0-9]{4}-(0[1-9]|1[0-2])' LIMIT 100",
			t->column, t->table, t->column);
		db_stmt *s;
		char(*months)[8] = NULL;
		int n = 0;
		if (rc == DB_OK && db_prepare(d, sql, &s) == DB_OK) {
			while (db_step(s) == DB_ROW) {
				months = xrealloc(months, sizeof *months * (size_t)(n + 1));
				snprintf(months[n++], 8, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
			}
			db_finalize(s);
		}
		for (int j = 0; j < n && rc == DB_OK; j++)
			if (part_period(t, months[j], 0, lo, hi, name) == 0)
				rc = make_partition(d, t, lo, hi, name, log);
		free(months);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s_default", t->table);
		long long left = db_query_int(d, sql, 0, NULL, 0);
		if (left > 0 && log)
			fprintf(log, "%s_default holds %lld row(s) outside every partition (a %s that is not a date)\n",
				t->table, left, t->column);
		*in_default += left > 0 ? left : 0;
	}
	return rc;
}

/* the partitions of `table` attached now: name and bound expression */
static db_stmt *attached(db *d, const char *table)
{
	db_stmt *s;
	if (db_prepare(d,
		       "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid), c.reltuples::bigint,"
		       " pg_total_relation_size(c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
		       " WHERE i.inhparent = ?::regclass ORDER BY c.relname",
		       &s) != DB_OK)
		return NULL;
	db_bind_text(s, 1, table);
	return s;
}

/* "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')" → lo, hi; 0 or -1 (DEFAULT) */
static int bounds(const char *expr, char lo[11], char hi[11])
{
	return expr && sscanf(expr, "FOR VALUES FROM ('%10[^']') TO ('%10[^']')", lo, hi) == 2 ? 0 : -1;
}

int partitions_list(db *d, FILE *out)
{
	if (!db_is_postgres(d)) {
		fprintf(out, "SQLite: plain tables, no partitions\n");
		return DB_OK;
	}
	fprintf(out, "%-28s %-10s %-10s %-10s %12s %12s\n", "partition", "state", "from", "to", "rows (est.)", "bytes");
	for (int i = 0; i < part_ntables; i++) {
		if (!partitioned(d, part_tables[i].table))
			continue;
		db_stmt *s = attached(d, part_tables[i].table);
		if (!s)
			return DB_ERR;
		while (db_step(s) == DB_ROW) {
			const char *name = db_col_text(s, 0);
			char lo[11] = "", hi[11] = "";
			long long rows = db_col_int(s, 2);
			int is_default = bounds(db_col_text(s, 1), lo, hi) != 0;
			if (is_default ||
			    rows < 0) { /* DEFAULT: exact, it is what the job reports; -1: never analysed */
				char sql[128];
				snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", name);
				rows = db_query_int(d, sql, 0, NULL, -1);
			}
			fprintf(out, "%-28s %-10s %-10s %-10s %12lld %12lld\n", name,
				is_default ? "default" : "attached", lo, hi, rows < 0 ? 0 : rows,
				(long long)db_col_int(s, 3));
		}
		db_finalize(s);
	}
	db_stmt *s;
	if (db_prepare(d,
		       "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c"
		       " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" PART_ARCHIVE_SCHEMA
		       "' AND c.relkind = 'r' ORDER BY c.relname",
		       &s) != DB_OK)
		return DB_ERR;
	while (db_step(s) == DB_ROW) {
		long long rows = db_col_int(s, 1);
		fprintf(out, "%-28s %-10s %-10s %-10s %12lld %12lld\n", db_col_text(s, 0), "archived", "", "",
			rows < 0 ? 0 : rows, (long long)db_col_int(s, 2));
	}
	db_finalize(s);
	return DB_OK;
}

typedef struct victim {
	char name[64];
	const part_table *t;
} victim;

int partitions_detach(zj_ctx *c, const char *before, FILE *log)
{
	db *d = c->db;
	const char *now = c->now;
	if (!db_is_postgres(d))
		return DB_OK;
	char cut[11];
	snprintf(cut, sizeof cut, "%.7s-01", before);
	victim *v = NULL;
	int n = 0, rc = DB_OK;
	for (int i = 0; i < part_ntables && rc == DB_OK; i++) {
		if (!partitioned(d, part_tables[i].table))
			continue;
		db_stmt *s = attached(d, part_tables[i].table);
		if (!s)
			return DB_ERR;
		while (db_step(s) == DB_ROW) {
			char lo[11], hi[11];
			if (bounds(db_col_text(s, 1), lo, hi) || strcmp(hi, cut) > 0)
				continue;
			v = xrealloc(v, sizeof *v * (size_t)(n + 1));
			snprintf(v[n].name, sizeof v[n].name, "%s", db_col_text(s, 0));
			v[n++].t = &part_tables[i];
		}
		db_finalize(s);
	}
	/* a sessions partition still holding a way in is not archive material */
	char sql[256];
	for (int i = 0; i < n && rc == DB_OK; i++) {
		if (strcmp(v[i].t->table, "sessions"))
			continue;
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE revoked = 0 AND expires_at >= ?", v[i].name);
		const char *p[] = {now};
		long long live = db_query_int(d, sql, 1, p, -1);
		if (live != 0) {
			if (log)
				fprintf(log, "%s still holds %lld live session(s): nothing detached\n", v[i].name,
					live);
			rc = DB_ERR;
		}
	}
	if (rc == DB_OK && n && db_begin(d) != DB_OK)
		rc = DB_ERR;
	for (int i = 0; i < n && rc == DB_OK; i++) {
		snprintf(sql, sizeof sql, "ALTER TABLE %s DETACH PARTITION %s", v[i].t->table, v[i].name);
		rc = exec_log(d, sql, log);
		snprintf(sql, sizeof sql, "ALTER TABLE %s SET SCHEMA " PART_ARCHIVE_SCHEMA, v[i].name);
		if (rc == DB_OK)
			rc = exec_log(d, sql, log);
	}
	if (n && rc == DB_OK) { /* the detachment is audited in its own transaction */
		json_t *names = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(names, json_string(v[i].name));
		json_t *a =
			json_pack("{s:s, s:o, s:s}", "before", cut, "partitions", names, "schema", PART_ARCHIVE_SCHEMA);
		rc = audit_append(c, "partitions_detach", "partitions", 0, NULL, a);
		json_decref(a);
	}
	if (n && rc == DB_OK)
		rc = db_commit(d);
	if (n && rc != DB_OK)
		db_rollback(d);
	for (int i = 0; i < n && rc == DB_OK; i++)
		if (log)
			fprintf(log, "detached %s into %s.%s\n", v[i].name, PART_ARCHIVE_SCHEMA, v[i].name);
	if (!n && log)
		fprintf(log, "no partition ends on or before %s\n", cut);
	free(v);
	return rc;
}

#define AUDIT_COLS \
	"id, chain, seq, at, user_id, username, ip, action, entity, entity_id, before, after, prev_hash, hash"

char *partitions_audit_source(db *d)
{
	if (!db_is_postgres(d))
		return xstrdup("audit_log");
	db_stmt *s;
	strbuf b;
	sb_init(&b);
	int n = 0;
	if (db_prepare(d,
		       "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		       " WHERE n.nspname = '" PART_ARCHIVE_SCHEMA "' AND c.relkind = 'r'"
		       " AND c.relname LIKE 'audit\\_log\\_%' ORDER BY c.relname",
		       &s) == DB_OK) {
		while (db_step(s) == DB_ROW) {
			const char *name = db_col_text(s, 0);
			if (!name || strspn(name, "abcdefghijklmnopqrstuvwxyz_0123456789") != strlen(name))
				continue; /* not one of ours */
			sb_printf(&b, "%sSELECT " AUDIT_COLS " FROM " PART_ARCHIVE_SCHEMA ".%s",
				  n++ ? " UNION ALL " : "", name);
		}
		db_finalize(s);
	}
	if (!n) {
		sb_free(&b);
		return xstrdup("audit_log");
	}
	strbuf out;
	sb_init(&out);
	sb_printf(&out, "(SELECT " AUDIT_COLS " FROM audit_log UNION ALL %s) audit_log", b.s);
	sb_free(&b);
	return out.s;
}

int partitions_job(db *d, const char *now)
{
	if (!db_is_postgres(d))
		return DB_OK;
	long long left = 0;
	int rc = partitions_create_ahead(d, now, stderr, &left);
	char v[48];
	snprintf(v, sizeof v, "default_rows=%lld", left);
	const char *p[] = {"partition_ahead", now, v};
	db_run(d,
	       "INSERT INTO job_runs (name, last_run, last_result) VALUES (?, ?, ?)"
	       " ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run, last_result = excluded.last_result",
	       3, p);
	return rc;
}
