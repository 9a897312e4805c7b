/* fixture.h — the database most unit tests start from: a fresh SQLite file
 * in /tmp, the areas registered, every migration applied and the platform's
 * reference data seeded (org_seed). Header-only: each test program is one
 * .c file (Makefile build/unit/%). Use as the group setup and teardown:
 *
 *	static int setup(void **st) { return fixture_setup("duties"); }
 *	return cmocka_run_group_tests(tests, setup, fixture_teardown);
 *
 * The test reaches the database as `d` (path: fixture_path). */
#ifndef ZJ_TEST_FIXTURE_H
#define ZJ_TEST_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <unistd.h>

#include "core/ctx.h"
#include "core/migrate.h"
#include "db/db.h"
#include "modules/modules.h"

static db *d;
static char fixture_path[64];

static int fixture_setup(const char *name)
{
	snprintf(fixture_path, sizeof fixture_path, "/tmp/zj-%s-%d.db", name, getpid());
	unlink(fixture_path);
	char err[256];
	assert_int_equal(db_open(fixture_path, &d, err, sizeof err), DB_OK);
	modules_register();
	int n;
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(org_seed(&c), DB_OK);
	ctx_clear(&c);
	return 0;
}

static int fixture_teardown(void **st)
{
	(void)st;
	db_close(d);
	unlink(fixture_path);
	return 0;
}

#endif
