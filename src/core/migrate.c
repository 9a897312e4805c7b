/* migrate.c — applies embedded migrations once each, in a transaction each.
 *
 * Backend sections: a migration is portable SQL for both backends, except
 * for lines between a marker line "-- @postgres" (or "-- @sqlite") and the
 * next "-- @end", which run on that backend only (PostgreSQL's declarative
 * partitioning, migration 035). The other backend sees those lines blanked,
 * so an error's line number still points into the file. */
#include "core/migrate.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when the line starting at p is the marker m (trailing blanks allowed) */
static int is_marker(const char *p, const char *m)
{
	size_t n = strlen(m);
	if (strncmp(p, m, n))
		return 0;
	for (p += n; *p == ' ' || *p == '\t' || *p == '\r'; p++)
		;
	return *p == '\n' || !*p;
}

char *migrate_for_backend(const char *sql, int postgres)
{
	size_t len = strlen(sql);
	char *out = xmalloc(len + 1);
	memcpy(out, sql, len + 1);
	int skip = 0; /* inside the other backend's section */
	for (char *line = out; *line;) {
		char *nl = strchr(line, '\n');
		char *end = nl ? nl : line + strlen(line);
		int marker = 1;
		if (is_marker(line, "-- @postgres"))
			skip = !postgres;
		else if (is_marker(line, "-- @sqlite"))
			skip = postgres;
		else if (is_marker(line, "-- @end"))
			skip = 0;
		else
			marker = 0;
		if (skip || marker)
			memset(line, ' ', (size_t)(end - line));
		line = nl ? nl + 1 : end;
	}
	return out;
}

int migrate_apply(db *d, int *applied, char *err, size_t errlen)
{
	*applied = 0;
	if (db_exec(d,
		    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)") !=
	    DB_OK) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(d));
		return -1;
	}
	/* tests of an upgrade stop at a given migration (ZJ_MIGRATE_UPTO=34),
	 * write data in the old schema, then apply the rest */
	const char *upto_env = getenv("ZJ_MIGRATE_UPTO");
	long upto = upto_env && *upto_env ? strtol(upto_env, NULL, 10) : 0;
	for (const migration *m = zj_migrations; m->sql && (upto <= 0 || m->number <= upto); m++) {
		char num[16];
		snprintf(num, sizeof num, "%d", m->number);
		const char *p[] = {num};
		if (db_query_int(d, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", 1, p, 0) > 0)
			continue;
		char *sql = migrate_for_backend(m->sql, db_is_postgres(d));
		int ok = db_begin(d) == DB_OK && db_exec(d, sql) == DB_OK;
		free(sql);
		if (!ok) {
			snprintf(err, errlen, "migration %s failed: %s", m->name, db_errmsg(d));
			db_rollback(d);
			return -1;
		}
		const char *p2[] = {num, m->name};
		if (db_run(d,
			   "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
			   2, p2) != DB_OK ||
		    db_commit(d) != DB_OK) {
			snprintf(err, errlen, "migration %s failed: %s", m->name, db_errmsg(d));
			db_rollback(d);
			return -1;
		}
		(*applied)++;
	}
	return 0;
}
