/* auth.h — identity: argon2id passwords and the password policy, sign-in
 * with lockout, database-held sessions (SHA-256 of a 256-bit random token,
 * idle and absolute expiry, so any node serves any request), API tokens
 * scoped to permissions, and loading a user's per-permission scopes as the
 * union over the roles that grant each permission. */
#ifndef ZJ_AUTH_H
#define ZJ_AUTH_H
#include "core/ctx.h"
#include <sodium.h>

typedef struct auth_policy {
	int max_failures;     /* 5 */
	int failure_window_s; /* 900 */
	int lock_s;           /* 900 */
	int idle_s;           /* 1800 */
	int absolute_s;       /* 43200 */
	int token_max_days;   /* 90: no API token lives longer (ZJ_TOKEN_MAX_DAYS) */
	int reset_ttl_s;      /* 86400: an issued one-time password works this long (ZJ_RESET_TTL_HOURS) */
	/* 1: resetting an administrator's password needs a second administrator (ZJ_RESET_APPROVAL=0: CLI only) */
	int reset_approval;
} auth_policy;
/* The policy in force: the defaults above, overridden once from the
 * environment (ZJ_LOCK_MAX_FAILURES, ZJ_LOCK_MINUTES, ZJ_TOKEN_MAX_DAYS,
 * ZJ_RESET_TTL_HOURS, ZJ_RESET_APPROVAL). */
const auth_policy *auth_policy_get(void);

int auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES]);
/* Appends policy violations for field `field` to errors; returns count. */
int auth_password_policy(zj_ctx *c, const char *username, const char *pw, const char *field, json_t *errors);
/* Sign in. On success fills token (64 hex chars) and *out (session body) and returns 201. */
int auth_login(zj_ctx *c, const char *username, const char *password, const char *user_agent, char token[65],
	       json_t **out);
/* Resolves a session or API token; on success allocates c->user. 0 ok, else 401 with problem. */
int auth_resolve(zj_ctx *c, const char *token, int is_bearer);
int auth_logout(zj_ctx *c);
/* Loads id, names, unit, jurisdiction path and permissions. 0 ok. */
int auth_load_user(db *d, int64_t id, zj_user *u);
void auth_user_free(zj_user *u);
json_t *auth_user_json(const zj_user *u);
/* The signed-in user replaces their password (never through an API token);
 * a wrong current password counts as a failed sign-in. 204 or a problem. */
int auth_change_password(zj_ctx *c, const char *old_pw, const char *new_pw);
/* Sets a password. must_change = 1: an issued password (reset), which the
 * user must replace at the next sign-in and which stops working after the
 * policy's reset_ttl_s. Every other session and API token of the user ends
 * (the caller's own session survives an own change). 204 or a problem. */
int auth_set_password(zj_ctx *c, int64_t user_id, const char *pw, int must_change);
/* An administrator resets user_id's password (users.reset_password), with a
 * reason for the audit. Business account: 201 {"one_time_password",
 * "expires_at"}, the password shown this once. Administrator's account
 * (system, security or audit duty): 202 {"request"} pending the approval of
 * a second administrator, or 403 when the policy leaves it to the CLI. */
int auth_reset_request(zj_ctx *c, int64_t user_id, const char *reason, json_t **out);
/* A second administrator (users.approve_reset, neither the requester nor the
 * user) approves the pending reset of user_id: 201 as above. */
int auth_reset_approve(zj_ctx *c, int64_t user_id, json_t **out);
/* Lists / revokes own sessions. */
int auth_sessions_list(zj_ctx *c, json_t **out);
int auth_session_revoke(zj_ctx *c, int64_t session_id);
/* Creates an API token with a subset of the user's permissions, expiring after days. */
int auth_token_create(zj_ctx *c, const char *name, json_t *perms, int days, json_t **out);
void iso_add_seconds(const char *iso, long secs, char out[32]);
#endif
