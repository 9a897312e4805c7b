/* zjfuzz.h — shared by the fuzz targets that need a database: a fresh
 * SQLite file with the schema, reference data and the Baotou demo, made once
 * per fuzzing process, in /dev/shm when there is one (memory speed), and
 * removed when the process exits. Returns NULL when it cannot be made. */
#ifndef ZJ_FUZZ_H
#define ZJ_FUZZ_H
#include "core/migrate.h"
#include "modules/modules.h"
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char zj_fuzz_path[128];

static int zj_fuzz_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(p);
}

/* The file, its journal, and the evidence folder beside it (src/modules/cases/evidence.c). */
static void zj_fuzz_unlink(void)
{
	char p[160];
	const char *sfx[] = {"", "-wal", "-shm", "-journal"};
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", zj_fuzz_path, sfx[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s.evidence", zj_fuzz_path);
	nftw(p, zj_fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static db *zj_fuzz_demo_db(const char *tag, char *path, size_t pathlen)
{
	char err[256];
	db *d;
	snprintf(path, pathlen, "%s/zj-fuzz-%s-%d.db", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", tag,
		 getpid());
	snprintf(zj_fuzz_path, sizeof zj_fuzz_path, "%s", path);
	zj_fuzz_unlink();
	if (sodium_init() < 0 || db_open(path, &d, err, sizeof err) != DB_OK)
		return NULL;
	atexit(zj_fuzz_unlink);
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
