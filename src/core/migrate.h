/* migrate.h — numbered schema migrations, embedded from the migrations folder at
 * build time, applied in order by `init` and recorded in schema_migrations. */
#ifndef ZJ_MIGRATE_H
#define ZJ_MIGRATE_H
#include "db/db.h"
typedef struct migration {
	int number;
	const char *name;
	const char *sql;
} migration;
extern const migration zj_migrations[];
/* The SQL a backend runs: lines of the other backend's sections
 * ("-- @postgres" / "-- @sqlite" ... "-- @end") blanked. Caller frees. */
char *migrate_for_backend(const char *sql, int postgres);
/* Applies the missing ones; returns 0 or -1 with err. */
int migrate_apply(db *d, int *applied, char *err, size_t errlen);
#endif
