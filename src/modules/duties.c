/* duties.c — see duties.h. The permissions each administrator's duty may
 * hold are read from the built-in roles' seeds of every area (module_def
 * roles and grants: one declaration), so a grant an area adds to sysadmin
 * (food reference data) is a system permission without being listed twice. */
#include "core/write.h"
#include "modules/duties.h"
#include "core/crud.h"
#include "modules/modules.h"
#include "lib/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether "perm:scope perm:scope ..." names perm. */
static int grants_name(const char *grants, const char *perm)
{
	size_t n = strlen(perm);
	for (const char *p = grants; p && *p;) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, perm, n) && p[n] == ':')
			return 1;
		p = strchr(p, ' ');
	}
	return 0;
}

static const char *seed_duty(const char *role)
{
	for (const module_def *const *m = zj_modules; *m; m++)
		for (const role_seed *r = (*m)->roles; r && r->code; r++)
			if (!strcmp(r->code, role))
				return r->duty;
	return NULL;
}

/* Whether a built-in role of `duty` holds perm (its own grants or an area's). */
static int template_has(const char *duty, const char *perm)
{
	for (const module_def *const *m = zj_modules; *m; m++) {
		for (const role_seed *r = (*m)->roles; r && r->code; r++)
			if (!strcmp(r->duty, duty) && grants_name(r->grants, perm))
				return 1;
		for (const role_grant_seed *g = (*m)->grants; g && g->role; g++) {
			const char *d = seed_duty(g->role);
			if (d && !strcmp(d, duty) && grants_name(g->grants, perm))
				return 1;
		}
	}
	return 0;
}

int duty_perm_allowed(const char *duty, const char *perm)
{
	if (!duty || !perm)
		return 0;
	/* the audit log is the audit administrator's alone, whatever a seed says */
	if (!strncmp(perm, "audit.", 6))
		return !strcmp(duty, "audit");
	if (strcmp(duty, "business"))
		return !strcmp(duty, "system") || !strcmp(duty, "security") || !strcmp(duty, "audit")
			       ? template_has(duty, perm)
			       : 0;
	/* business: anything but what only the administrators hold */
	if (template_has("business", perm))
		return 1;
	return !template_has("system", perm) && !template_has("security", perm) && !template_has("audit", perm);
}

int duty_holds_role(db *d, int64_t user_id, int64_t role_id)
{
	int64_t p[] = {user_id, role_id};
	return db_query_int_ids(d,
				"SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted = 0"
				" WHERE ur.user_id = ? AND ur.role_id = ?",
				2, p, 0) == 1;
}

/* The duty of the live role with this code, copied into out ("" when none). */
/* The duty of a role by code into out ("" when unknown); DB_OK or the error. */
static int role_duty(db *d, const char *code, char out[16])
{
	out[0] = 0;
	db_stmt *s;
	int rc = db_prepare(d, "SELECT duty FROM roles WHERE code = ? AND deleted = 0", &s);
	if (rc != DB_OK)
		return rc;
	db_bind_text(s, 1, code);
	rc = db_step(s);
	if (rc == DB_ROW && db_col_text(s, 0))
		snprintf(out, 16, "%s", db_col_text(s, 0));
	db_finalize(s);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

void duty_check_roles(zj_ctx *c, int64_t target_id, const json_t *old_codes, const json_t *new_codes, json_t *errors)
{
	(void)old_codes; /* the account's current duty is read from the join table, not from what a client sends */
	if (c->user) {
		if (!ctx_can(c, "users.assign_roles")) {
			crud_field_error(c, errors, "roles", FE_DUTY, "只有安全管理员可以分配角色",
					 "only the security administrator assigns roles");
			return;
		}
		if (target_id && target_id == c->user->id) {
			crud_field_error(c, errors, "roles", FE_DUTY, "不能修改自己的角色",
					 "you cannot change your own roles");
			return;
		}
	}
	/* one duty per account */
	char duty[16] = "", d[16];
	size_t i;
	json_t *v;
	json_array_foreach (new_codes, i, v) {
		if (!json_is_string(v))
			continue;
		if (role_duty(c->db, json_string_value(v), d) != DB_OK) { /* a check not made is not passed */
			ctx_internal(c, "separation of duties", db_errmsg(c->db));
			return;
		}
		if (!d[0])
			continue; /* an unknown code is the dictionary check's error */
		if (!duty[0])
			snprintf(duty, sizeof duty, "%s", d);
		else if (strcmp(duty, d)) {
			crud_field_error(
				c, errors, "roles", FE_DUTY,
				"三员分立：系统管理、安全管理、安全审计与业务角色互斥，一个账号只能担任其中一类",
				"separation of duties: system, security, audit and business roles are mutually exclusive on one account");
			return;
		}
	}
	if (!target_id)
		return;
	/* an administrator's account keeps its duty: giving it another duty's
	 * roles (or business roles) through the API is what the rules forbid.
	 * A deleted role still tells the account's duty: deleting the auditor's
	 * role must not free the auditor's account for business roles. */
	char held[16] = "";
	db_stmt *s;
	int rc = db_prepare(c->db,
			    "SELECT r.duty FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
			    " WHERE ur.user_id = ? AND r.duty <> 'business' ORDER BY r.deleted",
			    &s);
	if (rc == DB_OK) {
		db_bind_int(s, 1, target_id);
		rc = db_step(s);
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(held, sizeof held, "%s", db_col_text(s, 0));
		db_finalize(s);
	}
	if (rc != DB_ROW && rc != DB_DONE) {
		ctx_internal(c, "separation of duties", db_errmsg(c->db));
		return;
	}
	if (held[0] && duty[0] && strcmp(held, duty)) {
		crud_field_error(c, errors, "roles", FE_DUTY,
				 "三员分立：不能改变系统管理员、安全管理员或审计管理员账号的职责",
				 "separation of duties: an administrator's account cannot be given another duty");
		return;
	}
	/* a password someone else issued (reset, first password) must be replaced
	 * by the holder before the account becomes an administrator's: otherwise
	 * whoever issued it signs in as the new administrator */
	if (c->user && duty[0] && strcmp(duty, "business") && strcmp(held, duty)) {
		int64_t p[] = {target_id};
		if (db_query_int_ids(c->db, "SELECT must_change_password FROM users WHERE id = ?", 1, p, 0) != 0)
			crud_field_error(
				c, errors, "roles", FE_DUTY, "该账号尚未设置自己的密码，不能授予管理职责",
				"the account has not yet set its own password, so it cannot be given an administrator's duty");
	}
}

int duty_store_roles(db *d, int64_t user_id, const json_t *codes)
{
	return crud_replace_links(d, "user_roles", "user_id", user_id, "role_id", "roles", codes);
}

int duty_sync_from_lists(db *d)
{
	db_stmt *s;
	json_t *todo = json_array();
	if (db_prepare(d,
		       "SELECT id, roles FROM users u WHERE deleted = 0 AND roles IS NOT NULL"
		       " AND NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id)",
		       &s) != DB_OK) {
		json_decref(todo);
		return DB_ERR;
	}
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
		json_array_append_new(todo, json_pack("[I, s]", (json_int_t)db_col_int(s, 0), db_col_text(s, 1)));
	db_finalize(s);
	rc = rc == DB_DONE ? DB_OK : rc;
	size_t i;
	json_t *r;
	json_array_foreach (todo, i, r) {
		if (rc != DB_OK)
			break;
		json_t *codes = json_array();
		char *dup = xstrdup(json_string_value(json_array_get(r, 1))), *save = NULL;
		for (char *t = strtok_r(dup, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
			json_array_append_new(codes, json_string(t));
		free(dup);
		rc = duty_store_roles(d, json_integer_value(json_array_get(r, 0)), codes);
		json_decref(codes);
	}
	json_decref(todo);
	return rc;
}
