/* migrate.c — applies embedded migrations once each, in a transaction each. */
#include "core/migrate.h"
#include <stdio.h>

int migrate_apply(db *d, int *applied, char *err, size_t errlen)
{
	*applied = 0;
	if (db_exec(d,
		    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)") !=
	    DB_OK) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(d));
		return -1;
	}
	for (const migration *m = zj_migrations; m->sql; m++) {
		char num[16];
		snprintf(num, sizeof num, "%d", m->number);
		const char *p[] = {num};
		if (db_query_int(d, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", 1, p, 0) > 0)
			continue;
		if (db_begin(d) != DB_OK || db_exec(d, m->sql) != DB_OK) {
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
