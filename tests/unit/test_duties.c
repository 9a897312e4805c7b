/* test_duties.c — separation of duties (GB/T 22239-2019 8.1.4.2 d):
 * which permissions each duty may hold, one duty per account, and exact
 * membership through the join table (a role code with '_' is no pattern). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/crud.h"
#include "core/migrate.h"
#include "modules/duties.h"
#include "modules/modules.h"
#include "fixture.h"

static int setup(void **st)
{
	return fixture_setup("duties");
}

/* The grant matrix: a permission, then whether system, security, audit and business may hold it. */
static void test_perm_matrix(void **st)
{
	static const struct {
		const char *perm;
		int sys, sec, aud, biz;
	} m[] = {
		{"audit.read", 0, 0, 1, 0},
		{"audit.export", 0, 0, 1, 0},
		{"audit.anything_new", 0, 0, 1, 0},
		{"users.create", 1, 0, 0, 0},
		{"users.reset_password", 1, 0, 0, 0},
		{"users.assign_roles", 0, 1, 0, 0},
		{"role_grants.create", 0, 1, 0, 0},
		{"roles.update", 0, 1, 0, 0},
		{"users.approve_reset", 1, 1, 0, 0},
		{"users.read", 1, 1, 1, 1},
		{"jurisdictions.read", 1, 1, 0, 1},
		{"enterprises.read", 0, 0, 0, 1},
		{"complaints.personal", 0, 0, 0, 1},
		{"food_limits.update", 1, 0, 0, 0}, /* food reference data: the system administrator's (food.c) */
		{"samples.read", 0, 0, 0, 1},
		{"a_new_area.read", 0, 0, 0, 1},
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		assert_int_equal(duty_perm_allowed("system", m[i].perm), m[i].sys);
		assert_int_equal(duty_perm_allowed("security", m[i].perm), m[i].sec);
		assert_int_equal(duty_perm_allowed("audit", m[i].perm), m[i].aud);
		assert_int_equal(duty_perm_allowed("business", m[i].perm), m[i].biz);
		assert_int_equal(duty_perm_allowed("nonsense", m[i].perm), 0);
		assert_int_equal(duty_perm_allowed(NULL, m[i].perm), 0);
	}
	/* a prefix is not the permission */
	assert_int_equal(duty_perm_allowed("audit", "audit.rea"), 1); /* audit.* is audit's, whatever follows */
	assert_int_equal(duty_perm_allowed("system", "users.creat"), 0);
}

static int nerr(json_t *e, const char *field)
{
	int n = 0;
	size_t i;
	json_t *v;
	json_array_foreach (e, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "field")), field))
			n++;
	return n;
}

/* The operator's path (no acting user): the exclusivity rule still holds. */
static void test_one_duty_per_account(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	static const struct {
		const char *codes;
		int ok;
	} sets[] = {
		{"[\"director\",\"case_handler\"]", 1}, {"[\"auditor\"]", 1},
		{"[\"sysadmin\",\"auditor\"]", 0},      {"[\"secadmin\",\"director\"]", 0},
		{"[\"sysadmin\",\"secadmin\"]", 0},     {"[]", 1},
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		json_t *codes = json_loads(sets[i].codes, 0, NULL), *e = json_array();
		duty_check_roles(&c, 0, NULL, codes, e);
		assert_int_equal(nerr(e, "roles") == 0, sets[i].ok);
		json_decref(codes), json_decref(e);
	}
	ctx_clear(&c);
}

/* Membership is exact: a role coded 's_cadmin' is not 'secadmin'. */
static void test_exact_membership(void **st)
{
	assert_int_equal(db_exec(d, "INSERT INTO roles (code, name, duty) VALUES ('s_cadmin', 'trap', 'business')"),
			 DB_OK);
	int64_t trap = org_id_by_code(d, "roles", "s_cadmin");
	assert_true(trap > 0);
	assert_int_equal(
		db_exec(d,
			"INSERT INTO role_grants (role_id, perm, scope) SELECT id, 'enterprises.read', 'all' FROM roles WHERE code = 's_cadmin'"),
		DB_OK);
	assert_int_equal(
		db_exec(d,
			"INSERT INTO users (username, name, unit_id, jurisdiction_id, roles) SELECT 'sec2', 'Sec', u.id, u.jurisdiction_id, 'secadmin'"
			" FROM units u WHERE u.code = 'BTQTS'"),
		DB_OK);
	assert_int_equal(duty_sync_from_lists(d), DB_OK);
	const char *p[] = {"sec2"};
	int64_t uid = db_query_int(d, "SELECT id FROM users WHERE username = ?", 1, p, 0);
	assert_true(duty_holds_role(d, uid, org_id_by_code(d, "roles", "secadmin")));
	assert_false(duty_holds_role(d, uid, trap));
	zj_user u = {0};
	assert_int_equal(auth_load_user(d, uid, &u), 0);
	int has = 0, assign = 0;
	for (int i = 0; i < u.nperms; i++) {
		has |= !strcmp(u.perms[i].name, "enterprises.read");
		assign |= !strcmp(u.perms[i].name, "users.assign_roles");
	}
	assert_false(has);
	assert_true(assign);
	for (int i = 0; i < u.nperms; i++)
		free(u.perms[i].name);
	free(u.perms);
	/* storing a set replaces it, by exact code */
	json_t *codes = json_loads("[\"s_cadmin\"]", 0, NULL);
	assert_int_equal(duty_store_roles(d, uid, codes), DB_OK);
	json_decref(codes);
	assert_false(duty_holds_role(d, uid, org_id_by_code(d, "roles", "secadmin")));
	assert_true(duty_holds_role(d, uid, trap));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_perm_matrix),
		cmocka_unit_test(test_one_duty_per_account),
		cmocka_unit_test(test_exact_membership),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
