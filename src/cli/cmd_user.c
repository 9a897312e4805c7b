/* cmd_user.c — `zhijian user add|passwd|lock|unlock|list` for operators
 * (recovery when nobody can sign in). Every change is audited as the system. */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/auth.h"
#include "modules/duties.h"
#include "modules/modules.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

db *cli_open_db(const char *cmd, const char *uri);

static int policy_ok(zj_ctx *c, const char *user, const char *pw)
{
	json_t *errs = json_array();
	int n = auth_password_policy(c, user, pw, "password", errs);
	if (n)
		fprintf(stderr, "zhijian user: password %s\n",
			json_string_value(json_object_get(json_array_get(errs, 0), "message")));
	json_decref(errs);
	return n == 0;
}

/* user list: every live account with its unit, roles and lock. */
static void user_list(db *d)
{
	db_stmt *s;
	if (db_prepare(
		    d,
		    "SELECT u.username, u.name, n.code, u.roles, u.locked FROM users u JOIN units n ON n.id = u.unit_id WHERE u.deleted = 0 ORDER BY u.username",
		    &s) == DB_OK) {
		while (db_step(s) == DB_ROW)
			printf("%-14s %-12s %-10s %s%s\n", db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2),
			       db_col_text(s, 3) ? db_col_text(s, 3) : "", db_col_int(s, 4) ? " [locked]" : "");
		db_finalize(s);
	}
}

/* user add: unit and roles checked, one duty per account, the row and its
 * roles in one transaction, audited. 0 or 1. */
static int user_add(zj_ctx *c, db *d, char **rest)
{
	int rc = 0;
	const char *u = rest[1], *name = rest[2], *unit = rest[3], *roles = rest[4], *pw = rest[5];
	const char *pu[] = {unit};
	if (db_query_int(d, "SELECT COUNT(*) FROM units WHERE code = ? AND deleted = 0", 1, pu, 0) != 1) {
		fprintf(stderr, "zhijian user: no unit with code %s\n", unit);
		rc = 1;
	} else if (!policy_ok(c, u, pw))
		rc = 1;
	else {
		char *dup = xstrdup(roles), *save = NULL;
		json_t *codes = json_array();
		for (char *t = strtok_r(dup, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
			const char *pr[] = {t};
			if (db_query_int(d, "SELECT COUNT(*) FROM roles WHERE code = ? AND deleted = 0", 1, pr, 0) !=
			    1) {
				fprintf(stderr, "zhijian user: no role %s\n", t);
				rc = 1;
			}
			json_array_append_new(codes, json_string(t));
		}
		free(dup);
		/* the operator too: one duty per account (三员分立) */
		json_t *errs = json_array();
		if (!rc)
			duty_check_roles(c, 0, NULL, codes, errs);
		if (json_array_size(errs)) {
			fprintf(stderr, "zhijian user: roles %s\n",
				json_string_value(json_object_get(json_array_get(errs, 0), "message")));
			rc = 1;
		}
		json_decref(errs);
		char h[crypto_pwhash_STRBYTES];
		int64_t nid = 0;
		if (!rc && auth_hash_password(pw, h) == 0) {
			const char *p[] = {c->now, u, name, h, roles, unit};
			if (db_begin(d) != DB_OK ||
			    db_run(d,
				   "INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash, must_change_password, roles, owner_unit_id)"
				   " SELECT ?, ?, ?, n.id, n.jurisdiction_id, ?, 1, ?, n.id FROM units n WHERE n.code = ?",
				   6, p) != DB_OK ||
			    !(nid = db_query_int(d, "SELECT id FROM users WHERE username = ? AND deleted = 0", 1, p + 1,
						 0)) ||
			    duty_store_roles(d, nid, codes) != DB_OK || db_commit(d) != DB_OK) {
				db_rollback(d);
				fprintf(stderr, "zhijian user: cannot add %s (exists?)\n", u);
				rc = 1;
			} else {
				json_t *a = json_pack("{s:s, s:s}", "username", u, "roles", roles);
				audit_append(c, "user_add", "users", nid, NULL, a);
				json_decref(a);
				printf("user %s added; must change the password at first sign-in\n", u);
			}
		}
		json_decref(codes);
	}
	return rc;
}

/* user passwd|lock|unlock on an existing account. 0 or 1. */
static int user_change(zj_ctx *c, db *d, const char *sub, char **rest)
{
	int rc = 0;
	const char *u = rest[1];
	const char *pu[] = {u};
	int64_t id = db_query_int(d, "SELECT id FROM users WHERE username = ? AND deleted = 0", 1, pu, 0);
	if (!id) {
		fprintf(stderr, "zhijian user: no user %s\n", u);
		rc = 1;
	} else if (!strcmp(sub, "passwd")) {
		if (!policy_ok(c, u, rest[2]))
			rc = 1;
		else if (auth_set_password(c, id, rest[2], 1) != 204)
			rc = 1;
		else
			printf("password of %s reset; must change it at next sign-in\n", u);
	} else {
		int lock = !strcmp(sub, "lock");
		const char *p[] = {lock ? "1" : "0", u};
		db_run(d, "UPDATE users SET locked = ?, failed_count = 0, locked_until = NULL WHERE username = ?", 2,
		       p);
		audit_append(c, lock ? "user_lock" : "user_unlock", "users", id, NULL, NULL);
		printf("%s %s\n", u, lock ? "locked" : "unlocked");
	}
	return rc;
}

int cmd_user(int argc, char **argv)
{
	if (cli_wants_help(argc, argv) || argc < 2) {
		puts("usage: zhijian user --db DB add USERNAME NAME UNIT_CODE ROLES PASSWORD\n"
		     "       zhijian user --db DB passwd USERNAME PASSWORD     (forces a change at next sign-in)\n"
		     "       zhijian user --db DB lock|unlock USERNAME\n"
		     "       zhijian user --db DB list\n"
		     "ROLES is a comma-separated list of role codes (e.g. director,case_handler).");
		return argc < 2 ? 2 : 0;
	}
	const char *uri = cli_config_get("--db"); /* --config, unless --db */
	char *rest[8];
	int n = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (n < 8)
			rest[n++] = argv[i];
		else
			return cli_usage_error("user", "too many arguments");
	}
	if (!uri)
		return cli_usage_error("user", "--db DB is required");
	if (n < 1)
		return cli_usage_error("user", "a subcommand is required: add, passwd, lock, unlock, list");
	const char *sub = rest[0];
	int want = !strcmp(sub, "add")                                ? 6
		   : !strcmp(sub, "passwd")                           ? 3
		   : (!strcmp(sub, "lock") || !strcmp(sub, "unlock")) ? 2
		   : !strcmp(sub, "list")                             ? 1
								      : -1;
	if (want < 0)
		return cli_usage_error("user", "unknown subcommand '%s'", sub);
	if (n != want)
		return cli_usage_error("user", "%s takes %d argument(s)", sub, want - 1);
	db *d = cli_open_db("user", uri);
	if (!d)
		return 1;
	zj_ctx c;
	ctx_init(&c, d);
	int rc = 0;
	if (!strcmp(sub, "list"))
		user_list(d);
	else if (!strcmp(sub, "add"))
		rc = user_add(&c, d, rest);
	else
		rc = user_change(&c, d, sub, rest);
	ctx_clear(&c);
	db_close(d);
	return rc;
}
