/* zjfuzz.h — shared by the fuzz targets that need a database: a fresh
 * SQLite file with the schema, reference data and the Baotou demo, made once
 * per fuzzing process. Returns NULL when it cannot be made. */
#ifndef ZJ_FUZZ_H
#define ZJ_FUZZ_H
#include "core/migrate.h"
#include "modules/modules.h"
#include <sodium.h>
#include <stdio.h>
#include <unistd.h>

static db *zj_fuzz_demo_db(const char *tag, char *path, size_t pathlen)
{
	char err[256];
	db *d;
	snprintf(path, pathlen, "/tmp/zj-fuzz-%s-%d.db", tag, getpid());
	unlink(path);
	if (sodium_init() < 0 || db_open(path, &d, err, sizeof err) != DB_OK)
		return NULL;
	modules_register();
	int n;
	zj_ctx c;
	ctx_init(&c, d);
	if (migrate_apply(d, &n, err, sizeof err) || org_seed(&c) || demo_load(&c, "Fuzz-Pass-2026", NULL)) {
		db_close(d);
		return NULL;
	}
	return d;
}
#endif
