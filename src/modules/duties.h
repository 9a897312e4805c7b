/* duties.h — separation of duties (三员分立; GB/T 22239-2019 8.1.4.2 d:
 * "授予管理用户所需的最小权限，实现管理用户的权限分离"). Every path that
 * changes who holds a role or what a role grants (user create, update and
 * import, role and grant writes and imports, `zhijian user add`) asks these
 * rules, so they hold the same everywhere:
 *
 *  - a role's duty is one of system, security, audit, business; an account
 *    holds roles of one duty only (the three administrators are mutually
 *    exclusive and hold no business role);
 *  - a role of duty D may only be granted the permissions the built-in
 *    role(s) of D hold (seed.c and the areas' extra grants); audit.* belongs
 *    to the audit duty alone; a business role may not hold a permission only
 *    the administrators hold;
 *  - only a holder of users.assign_roles changes roles, never their own, and
 *    never moves an administrator's account to another duty;
 *  - membership is the user_roles join table (by role id), never a pattern
 *    over the users.roles list, which is only the codes the console shows. */
#ifndef ZJ_DUTIES_H
#define ZJ_DUTIES_H
#include "core/ctx.h"
#include <jansson.h>

/* 1 when a role of `duty` may be granted `perm`. */
int duty_perm_allowed(const char *duty, const char *perm);
/* Appends field errors on "roles" when the change of user target_id (0 =
 * a new user) from old_codes to new_codes (arrays of role codes or NULL)
 * breaks a rule. c->user NULL is the operator's CLI: the actor rules are
 * skipped, the exclusivity rules are not. */
void duty_check_roles(zj_ctx *c, int64_t target_id, const json_t *old_codes, const json_t *new_codes, json_t *errors);
/* Makes user_roles of user_id exactly the live roles named in codes. DB_OK or a db error. */
int duty_store_roles(db *d, int64_t user_id, const json_t *codes);
/* init and demo data insert users with a users.roles list: gives every user
 * without join rows the roles of that list (exact codes). DB_OK or error. */
int duty_sync_from_lists(db *d);
/* 1 when user_id holds role_id (a live role). */
int duty_holds_role(db *d, int64_t user_id, int64_t role_id);
#endif
