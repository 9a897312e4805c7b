/* auth.c — see auth.h. Failed sign-ins answer the same 401 whether or not
 * the user exists, and take the same argon2id time, so names cannot be
 * probed. */
#include "core/auth.h"
#include "core/audit.h"
#include "core/entity.h"
#include "lib/xalloc.h"
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static auth_policy auth_cfg = {5, 900, 900, 1800, 43200, 90, 86400, 1};
static pthread_once_t cfg_once = PTHREAD_ONCE_INIT;

static int env_int(const char *name, long lo, long hi, int dflt)
{
	const char *v = getenv(name);
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || !*v || *end || n < lo || n > hi)
		return dflt;
	return (int)n;
}

static void cfg_load(void)
{
	auth_cfg.max_failures = env_int("ZJ_LOCK_MAX_FAILURES", 1, 100, auth_cfg.max_failures);
	auth_cfg.lock_s = env_int("ZJ_LOCK_MINUTES", 1, 1440, auth_cfg.lock_s / 60) * 60;
	auth_cfg.token_max_days = env_int("ZJ_TOKEN_MAX_DAYS", 1, 366, auth_cfg.token_max_days);
	auth_cfg.reset_ttl_s = env_int("ZJ_RESET_TTL_HOURS", 1, 168, auth_cfg.reset_ttl_s / 3600) * 3600;
	auth_cfg.reset_approval = env_int("ZJ_RESET_APPROVAL", 0, 1, auth_cfg.reset_approval);
}

const auth_policy *auth_policy_get(void)
{
	pthread_once(&cfg_once, cfg_load);
	return &auth_cfg;
}
#define CFG (auth_policy_get())

/* OWASP's argon2id baseline: m = 19 MiB, t = 2, p = 1. */
#define PW_OPS 2
#define PW_MEM (19u * 1024 * 1024)

int auth_hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPS, PW_MEM, crypto_pwhash_ALG_ARGON2ID13);
}

void iso_add_seconds(const char *iso, long secs, char out[32])
{
	struct tm tm = {0};
	if (!strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		snprintf(out, 32, "%s", iso);
		return;
	}
	time_t t = timegm(&tm) + secs;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *common_passwords[] = {"password123", "1234567890",  "12345678910",  "qwertyuiop",
					 "password1!",  "Password123", "Passw0rd!",    "P@ssw0rd123",
					 "Admin@1234",  "admin12345",  "Qwer1234!@",   "Aa123456789",
					 "abc1234567",  "Zhijian2026", "1qaz2wsx3edc", "1qaz@WSX3edc",
					 "Aa12345678",  "a123456789",  "woaini1314",   "Welcome123",
					 NULL};

int auth_password_policy(zj_ctx *c, const char *username, const char *pw, const char *field, json_t *errors)
{
	int n = 0;
	size_t len = 0;
	int lower = 0, upper = 0, digit = 0, other = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			len++;
		if (islower(*p))
			lower = 1;
		else if (isupper(*p))
			upper = 1;
		else if (isdigit(*p))
			digit = 1;
		else
			other = 1;
	}
	if (len < 10) {
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", fe_name(FE_PASSWORD),
							"message",
							TR(c, "密码至少 10 个字符", "must be at least 10 characters")));
		n++;
	}
	if (lower + upper + digit + other < 3) {
		json_array_append_new(
			errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", fe_name(FE_PASSWORD), "message",
					  TR(c, "密码须包含大写字母、小写字母、数字、符号中的至少三类",
					     "must mix at least three of: upper case, lower case, digits, symbols")));
		n++;
	}
	if (username && *username && strcasestr(pw, username)) {
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", fe_name(FE_PASSWORD),
							"message",
							TR(c, "密码不能包含用户名", "must not contain the user name")));
		n++;
	}
	for (int i = 0; common_passwords[i]; i++)
		if (!strcasecmp(pw, common_passwords[i])) {
			json_array_append_new(errors,
					      json_pack("{s:s,s:s,s:s}", "field", field, "code", fe_name(FE_PASSWORD),
							"message", TR(c, "该密码过于常见", "is too common")));
			n++;
			break;
		}
	return n;
}

static void hash_token(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof h);
}

static void random_hex(char *out, size_t bytes)
{
	unsigned char buf[64];
	randombytes_buf(buf, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, buf, bytes);
}

void auth_user_free(zj_user *u)
{
	if (!u)
		return;
	if (__atomic_sub_fetch(&u->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	for (int i = 0; i < u->nperms; i++)
		free(u->perms[i].name);
	free(u->perms);
	free(u);
}

static unsigned scope_bit(const char *s)
{
	if (!s)
		return 0;
	if (!strcmp(s, "all"))
		return SCOPE_ALL;
	if (!strcmp(s, "juris"))
		return SCOPE_JURIS;
	if (!strcmp(s, "unit"))
		return SCOPE_UNIT;
	if (!strcmp(s, "own"))
		return SCOPE_OWN;
	if (!strcmp(s, "assigned"))
		return SCOPE_ASSIGNED;
	return 0;
}

static void add_perm(zj_user *u, const char *perm, unsigned scope)
{
	for (int i = 0; i < u->nperms; i++)
		if (!strcmp(u->perms[i].name, perm)) {
			u->perms[i].scope |= scope; /* union over the roles granting this permission */
			return;
		}
	u->perms = xrealloc(u->perms, sizeof(zj_perm) * (size_t)(u->nperms + 1));
	u->perms[u->nperms].name = xstrdup(perm);
	u->perms[u->nperms++].scope = scope;
}

int auth_load_user(db *d, int64_t id, zj_user *u)
{
	if (u->refs == 0)
		u->refs = 1;
	db_stmt *s;
	if (db_prepare(
		    d,
		    "SELECT u.username, u.name, u.unit_id, u.jurisdiction_id, j.path, u.must_change_password,"
		    " (SELECT p.issued_at FROM password_resets p WHERE p.user_id = u.id AND p.issued_at IS NOT NULL ORDER BY p.id DESC LIMIT 1),"
		    " (SELECT COALESCE(a.username, 'operator') FROM password_resets p LEFT JOIN users a ON a.id = p.requested_by"
		    "  WHERE p.user_id = u.id AND p.issued_at IS NOT NULL ORDER BY p.id DESC LIMIT 1)"
		    " FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.id = ? AND u.deleted = 0 AND u.locked = 0",
		    &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, id);
	if (db_step(s) != DB_ROW) {
		db_finalize(s);
		return -1;
	}
	u->id = id;
	snprintf(u->username, sizeof u->username, "%s", db_col_text(s, 0));
	snprintf(u->name, sizeof u->name, "%s", db_col_text(s, 1));
	u->unit_id = db_col_int(s, 2);
	u->jurisdiction_id = db_col_int(s, 3);
	snprintf(u->juris_path, sizeof u->juris_path, "%s", db_col_text(s, 4));
	u->must_change_password = (int)db_col_int(s, 5);
	snprintf(u->reset_at, sizeof u->reset_at, "%s", db_col_text(s, 6) ? db_col_text(s, 6) : "");
	snprintf(u->reset_by, sizeof u->reset_by, "%s", db_col_text(s, 7) ? db_col_text(s, 7) : "");
	db_finalize(s);
	/* the role codes, for the console's help menu (permissions below decide access) */
	u->roles[0] = 0;
	if (db_prepare(d,
		       "SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted = 0"
		       " WHERE ur.user_id = ? ORDER BY r.id",
		       &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, id);
	while (db_step(s) == DB_ROW) {
		size_t n = strlen(u->roles);
		snprintf(u->roles + n, sizeof u->roles - n, "%s%s", n ? "," : "", db_col_text(s, 0));
	}
	db_finalize(s);
	/* membership is the join table, by role id (never a pattern over a list of codes) */
	if (db_prepare(d,
		       "SELECT g.perm, g.scope FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted = 0"
		       " JOIN role_grants g ON g.role_id = r.id AND g.deleted = 0 WHERE ur.user_id = ?",
		       &s) != DB_OK)
		return -1;
	db_bind_int(s, 1, id);
	while (db_step(s) == DB_ROW)
		add_perm(u, db_col_text(s, 0), scope_bit(db_col_text(s, 1)));
	db_finalize(s);
	return 0;
}

json_t *auth_user_json(const zj_user *u)
{
	json_t *perms = json_object();
	for (int i = 0; i < u->nperms; i++) {
		json_t *sc = json_array();
		unsigned b = u->perms[i].scope;
		if (b & SCOPE_ALL)
			json_array_append_new(sc, json_string("all"));
		if (b & SCOPE_JURIS)
			json_array_append_new(sc, json_string("juris"));
		if (b & SCOPE_UNIT)
			json_array_append_new(sc, json_string("unit"));
		if (b & SCOPE_OWN)
			json_array_append_new(sc, json_string("own"));
		if (b & SCOPE_ASSIGNED)
			json_array_append_new(sc, json_string("assigned"));
		json_object_set_new(perms, u->perms[i].name, sc);
	}
	json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:I, s:o, s:b}", "id", (json_int_t)u->id, "username", u->username,
			      "name", u->name, "unit_id", (json_int_t)u->unit_id, "jurisdiction_id",
			      (json_int_t)u->jurisdiction_id, "perms", perms, "must_change_password",
			      u->must_change_password);
	json_t *roles = json_array();
	for (const char *p = u->roles; *p;) {
		size_t n = strcspn(p, ",");
		json_array_append_new(roles, json_stringn(p, n));
		p += n + (p[n] == ',');
	}
	json_object_set_new(j, "roles", roles);
	/* the user is told who last reset their password and when, at every sign-in */
	json_object_set_new(j, "password_reset",
			    u->reset_at[0] ? json_pack("{s:s, s:s}", "at", u->reset_at, "by", u->reset_by)
					   : json_null());
	return j;
}

/* One answer for every refused sign-in: wrong password, unknown or deleted
 * user, account locked after failures or disabled, issued password expired.
 * A different status or text for a locked account would tell a guesser that
 * the password they just tried is right (GB/T 22239-2019 8.1.4.1 b). */
static int fail_login(zj_ctx *c)
{
	return ctx_problem(
		c, PROB_WRONG_CREDENTIALS,
		TR(c, "多次失败后账号会被暂时锁定；请稍后再试或联系系统管理员",
		   "After repeated failures the account is locked for a while; try later or ask the system administrator"));
}

/* A failed attempt on account id counts, locked or not: within the window
 * max_failures lock the account for lock_s; during a lock every attempt is
 * counted and a wrong password starts the lock again (a right one does
 * not, so the owner is not kept out longer, and the answer is the same). */
static void count_failure(zj_ctx *c, int64_t id, int64_t failed, const char *since_in, const char *until, int is_locked,
			  int right_pw)
{
	char win[32], since[32], lock_until[32], idt[24], ft[24];
	snprintf(since, sizeof since, "%s", since_in);
	snprintf(lock_until, sizeof lock_until, "%s", until && strcmp(until, c->now) > 0 ? until : "");
	iso_add_seconds(c->now, -CFG->failure_window_s, win);
	if (!is_locked && (!since[0] || strcmp(since, win) < 0))
		failed = 0, snprintf(since, sizeof since, "%s", c->now);
	failed++;
	if (failed >= CFG->max_failures && !(is_locked && right_pw))
		iso_add_seconds(c->now, CFG->lock_s, lock_until);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	snprintf(ft, sizeof ft, "%lld", (long long)failed);
	const char *p[] = {ft, since[0] ? since : c->now, lock_until[0] ? lock_until : NULL, idt};
	db_run(c->db, "UPDATE users SET failed_count = ?, failed_since = ?, locked_until = ? WHERE id = ?", 4, p);
}

int auth_login(zj_ctx *c, const char *username, const char *password, const char *user_agent, char token[65],
	       json_t **out)
{
	static char dummy_hash[crypto_pwhash_STRBYTES];
	if (!dummy_hash[0])
		auth_hash_password("not-a-real-password-0", dummy_hash);
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id, password_hash, locked, failed_count, failed_since, locked_until, password_expires_at"
		       " FROM users WHERE username = ? AND deleted = 0",
		       &s) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	db_bind_text(s, 1, username);
	int64_t id = 0, failed = 0;
	int locked = 0;
	char hash[crypto_pwhash_STRBYTES] = "", since[32] = "", until[32] = "", pexp[32] = "";
	if (db_step(s) == DB_ROW) {
		id = db_col_int(s, 0);
		snprintf(hash, sizeof hash, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		locked = (int)db_col_int(s, 2);
		failed = db_col_int(s, 3);
		snprintf(since, sizeof since, "%s", db_col_text(s, 4) ? db_col_text(s, 4) : "");
		snprintf(until, sizeof until, "%s", db_col_text(s, 5) ? db_col_text(s, 5) : "");
		snprintf(pexp, sizeof pexp, "%s", db_col_text(s, 6) ? db_col_text(s, 6) : "");
	}
	db_finalize(s);
	/* always one argon2id verification, so that time tells nothing either */
	int ok =
		crypto_pwhash_str_verify(hash[0] ? hash : dummy_hash, password, strlen(password)) == 0 && id && hash[0];
	int expired = ok && pexp[0] && strcmp(c->now, pexp) >= 0;
	int is_locked = id && (locked || (until[0] && strcmp(until, c->now) > 0));
	if (!ok || expired || is_locked) {
		if (id)
			count_failure(c, id, failed, since, until, is_locked, ok);
		json_t *who = json_pack("{s:s, s:s}", "username", username, "reason",
					!id         ? "unknown"
					: locked    ? "disabled"
					: is_locked ? "locked"
					: !ok       ? "password"
						    : "expired");
		/* the reason is for the auditor, never for the caller */
		audit_append(c, is_locked ? "login_locked" : "login_failed", "users", id, NULL, who);
		json_decref(who);
		return fail_login(c);
	}
	json_t *who = json_pack("{s:s}", "username", username);
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p0[] = {idt};
	db_run(c->db, "UPDATE users SET failed_count = 0, failed_since = NULL, locked_until = NULL WHERE id = ?", 1,
	       p0);
	char csrf[65], th[65], exp[32];
	random_hex(token, 32);
	random_hex(csrf, 32);
	hash_token(token, th);
	iso_add_seconds(c->now, CFG->absolute_s, exp);
	const char *p[] = {th, idt, csrf, c->now, c->now, exp, c->ip, user_agent};
	if (db_run(c->db,
		   "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, last_seen, expires_at, ip, user_agent)"
		   " VALUES (?, ?, 'session', ?, ?, ?, ?, ?, ?)",
		   8, p) != DB_OK) {
		json_decref(who);
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	zj_user *u = xcalloc(1, sizeof *u);
	auth_load_user(c->db, id, u);
	c->user = u;
	audit_append(c, "login", "users", id, NULL, who);
	json_decref(who);
	*out = json_pack("{s:s, s:s, s:o}", "token", token, "csrf", csrf, "user", auth_user_json(u));
	return 201;
}

/* A resolved session is reused for requests within the same second (of the
 * server's clock): three queries saved per request at list rates, while a
 * sign-out, revocation, lock or role change reaches every node within a
 * second. A jump of the test clock invalidates it too. */
enum { SCACHE = 256 };
static struct {
	char th[65];
	char now[32];
	zj_user *u;
} scache[SCACHE];
static pthread_mutex_t scache_mu = PTHREAD_MUTEX_INITIALIZER;

static unsigned scache_slot(const char *th)
{
	return (unsigned)strtoul((char[9]){th[0], th[1], th[2], th[3], th[4], th[5], th[6], th[7], 0}, NULL, 16) %
	       SCACHE;
}

static zj_user *scache_get(const char *th, const char *now)
{
	zj_user *u = NULL;
	unsigned i = scache_slot(th);
	pthread_mutex_lock(&scache_mu);
	if (scache[i].u && !strcmp(scache[i].th, th) && !strcmp(scache[i].now, now)) {
		u = scache[i].u;
		__atomic_add_fetch(&u->refs, 1, __ATOMIC_ACQ_REL);
	}
	pthread_mutex_unlock(&scache_mu);
	return u;
}

static void scache_put(const char *th, const char *now, zj_user *u)
{
	unsigned i = scache_slot(th);
	__atomic_add_fetch(&u->refs, 1, __ATOMIC_ACQ_REL);
	pthread_mutex_lock(&scache_mu);
	zj_user *old = scache[i].u;
	snprintf(scache[i].th, sizeof scache[i].th, "%s", th);
	snprintf(scache[i].now, sizeof scache[i].now, "%s", now);
	scache[i].u = u;
	pthread_mutex_unlock(&scache_mu);
	auth_user_free(old);
}

static void scache_drop_user(int64_t uid)
{
	pthread_mutex_lock(&scache_mu);
	for (int i = 0; i < SCACHE; i++)
		if (scache[i].u && scache[i].u->id == uid) {
			auth_user_free(scache[i].u);
			scache[i].u = NULL;
		}
	pthread_mutex_unlock(&scache_mu);
}

static void scache_drop_session(int64_t sid)
{
	pthread_mutex_lock(&scache_mu);
	for (int i = 0; i < SCACHE; i++)
		if (scache[i].u && scache[i].u->session_id == sid) {
			auth_user_free(scache[i].u);
			scache[i].u = NULL;
		}
	pthread_mutex_unlock(&scache_mu);
}

int auth_resolve(zj_ctx *c, const char *token, int is_bearer)
{
	char th[65];
	if (!token || strlen(token) != 64)
		return ctx_problem(c, PROB_NOT_SIGNED_IN, NULL);
	hash_token(token, th);
	zj_user *cached = scache_get(th, c->now);
	if (cached) {
		if (cached->api_token && !is_bearer) {
			auth_user_free(cached);
			return ctx_problem(c, PROB_NOT_SIGNED_IN, NULL);
		}
		c->user = cached;
		return 0;
	}
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT id, user_id, kind, csrf, last_seen, expires_at, revoked, perms, created_at FROM sessions WHERE token_hash = ?",
		    &s) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	db_bind_text(s, 1, th);
	if (db_step(s) != DB_ROW) {
		db_finalize(s);
		return ctx_problem(c, PROB_NOT_SIGNED_IN, NULL);
	}
	int64_t sid = db_col_int(s, 0), uid = db_col_int(s, 1);
	int api = !strcmp(db_col_text(s, 2), "api");
	char csrf[80], last[32], exp[32];
	snprintf(csrf, sizeof csrf, "%s", db_col_text(s, 3));
	snprintf(last, sizeof last, "%s", db_col_text(s, 4));
	snprintf(exp, sizeof exp, "%s", db_col_text(s, 5));
	int revoked = (int)db_col_int(s, 6);
	json_t *tperms = db_col_text(s, 7) ? json_loads(db_col_text(s, 7), 0, NULL) : NULL;
	char max_end[32] = "";
	/* a token made under a longer maximum still ends at today's maximum */
	if (api && db_col_text(s, 8))
		iso_add_seconds(db_col_text(s, 8), (long)CFG->token_max_days * 86400, max_end);
	db_finalize(s);
	char idle_limit[32];
	iso_add_seconds(last, CFG->idle_s, idle_limit);
	if (revoked || strcmp(c->now, exp) >= 0 || (!api && strcmp(c->now, idle_limit) >= 0) || (api && !is_bearer) ||
	    (max_end[0] && strcmp(c->now, max_end) >= 0)) {
		json_decref(tperms);
		return ctx_problem(c, PROB_NOT_SIGNED_IN, TR(c, "请重新登录", "Please sign in again"));
	}
	zj_user *u = xcalloc(1, sizeof *u);
	if (auth_load_user(c->db, uid, u) != 0) {
		auth_user_free(u);
		json_decref(tperms);
		return ctx_problem(c, PROB_NOT_SIGNED_IN, NULL);
	}
	if (api) {
		/* An API token carries only the permissions it was created with (and the user still holds). */
		for (int i = 0; i < u->nperms; i++) {
			int keep = 0;
			size_t j;
			json_t *v;
			json_array_foreach (tperms, j, v)
				if (json_is_string(v) && !strcmp(json_string_value(v), u->perms[i].name))
					keep = 1;
			if (!keep)
				u->perms[i].scope = 0;
		}
	}
	json_decref(tperms);
	u->api_token = api;
	u->session_id = sid;
	snprintf(u->csrf, sizeof u->csrf, "%s", csrf);
	c->user = u;
	scache_put(th, c->now, u);
	/* Touch at most once a minute: idle expiry needs minute precision, not a write per request. */
	char touch[32];
	iso_add_seconds(last, 60, touch);
	if (strcmp(c->now, touch) >= 0) {
		char st[24];
		snprintf(st, sizeof st, "%lld", (long long)sid);
		const char *p[] = {c->now, st};
		db_run(c->db, "UPDATE sessions SET last_seen = ? WHERE id = ?", 2, p);
	}
	return 0;
}

int auth_logout(zj_ctx *c)
{
	if (!c->user)
		return 204;
	char st[24];
	snprintf(st, sizeof st, "%lld", (long long)c->user->session_id);
	const char *p[] = {st};
	db_run(c->db, "UPDATE sessions SET revoked = 1 WHERE id = ?", 1, p);
	scache_drop_session(c->user->session_id);
	audit_append(c, "logout", "users", c->user->id, NULL, NULL);
	return 204;
}

/* Sets the hash; must_change marks an issued password (forced change,
 * expiry). Ends every other session and token of the user. after: the
 * audit record's details (NULL: none). */
static int set_password(zj_ctx *c, int64_t user_id, const char *pw, int must_change, json_t *after)
{
	char h[crypto_pwhash_STRBYTES], idt[24], exp[32] = "", keep[24];
	if (auth_hash_password(pw, h) != 0)
		return ctx_problem(c, PROB_OUT_OF_MEMORY, NULL);
	if (must_change)
		iso_add_seconds(c->now, CFG->reset_ttl_s, exp);
	snprintf(idt, sizeof idt, "%lld", (long long)user_id);
	const char *p[] = {h, must_change ? "1" : "0", c->now, exp[0] ? exp : NULL, idt};
	if (db_run(c->db,
		   "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, password_expires_at = ?,"
		   " failed_count = 0, failed_since = NULL, locked_until = NULL WHERE id = ?",
		   5, p) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	/* a new password ends every other way in: sessions elsewhere and all API
	 * tokens (the session that changes its own password stays) */
	snprintf(keep, sizeof keep, "%lld",
		 (long long)(c->user && c->user->id == user_id && !must_change ? c->user->session_id : 0));
	const char *pk[] = {idt, keep};
	if (db_run(c->db, "UPDATE sessions SET revoked = 1 WHERE user_id = ? AND id <> ? AND revoked = 0", 2, pk) !=
	    DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	if (must_change && !c->user) {
		/* an operator's reset (zhijian user passwd): the user is told of it too */
		const char *pr[] = {idt, c->now, c->now, exp};
		db_run(c->db,
		       "INSERT INTO password_resets (user_id, state, requested_by, requested_at, issued_at, expires_at)"
		       " VALUES (?, 'issued', 0, ?, ?, ?)",
		       4, pr);
	}
	scache_drop_user(user_id);
	if (after && exp[0])
		json_object_set_new(after, "expires_at", json_string(exp));
	audit_append(c, must_change ? "password_reset" : "password_change", "users", user_id, NULL, after);
	return 204;
}

int auth_set_password(zj_ctx *c, int64_t user_id, const char *pw, int must_change)
{
	return set_password(c, user_id, pw, must_change, NULL);
}

int auth_change_password(zj_ctx *c, const char *old_pw, const char *new_pw)
{
	if (c->user->api_token)
		return ctx_problem(c, PROB_TOKEN_NO_PASSWORD_CHANGE,
				   TR(c, "请登录后修改密码", "Sign in to change the password"));
	char h[crypto_pwhash_STRBYTES] = "", since[32] = "", until[32] = "";
	int64_t failed = 0;
	int locked = 0;
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT password_hash, failed_count, failed_since, locked_until, locked FROM users WHERE id = ?",
		       &s) == DB_OK) {
		db_bind_int(s, 1, c->user->id);
		if (db_step(s) == DB_ROW) {
			snprintf(h, sizeof h, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
			failed = db_col_int(s, 1);
			snprintf(since, sizeof since, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
			snprintf(until, sizeof until, "%s", db_col_text(s, 3) ? db_col_text(s, 3) : "");
			locked = (int)db_col_int(s, 4);
		}
		db_finalize(s);
	}
	json_t *errors = json_array();
	/* the current password is a sign-in of its own: a wrong one counts
	 * towards the lockout, and a locked account's answer is the same */
	int ok = h[0] && crypto_pwhash_str_verify(h, old_pw, strlen(old_pw)) == 0;
	int is_locked = locked || (until[0] && strcmp(until, c->now) > 0);
	if (!ok || is_locked) {
		count_failure(c, c->user->id, failed, since, until, is_locked, ok);
		json_t *a = json_pack("{s:s, s:s}", "username", c->user->username, "reason",
				      is_locked ? "locked" : "password");
		audit_append(c, "password_change_failed", "users", c->user->id, NULL, a);
		json_decref(a);
		json_array_append_new(errors,
				      json_pack("{s:s,s:s,s:s}", "field", "old_password", "code", fe_name(FE_PASSWORD),
						"message", TR(c, "原密码不正确", "is not your current password")));
	}
	auth_password_policy(c, c->user->username, new_pw, "new_password", errors);
	if (!strcmp(old_pw, new_pw))
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "new_password", "code",
							fe_name(FE_PASSWORD), "message",
							TR(c, "新密码不能与原密码相同",
							   "must differ from the current password")));
	if (json_array_size(errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return set_password(c, c->user->id, new_pw, 0, NULL);
}

/* ---- administrator resets ---- */

/* A one-time password: 4 groups of 4 from letters and digits without the
 * look-alikes (about 92 bits), joined by '-', meeting the password policy. */
static void make_otp(zj_ctx *c, const char *username, char out[24])
{
	static const char abc[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	for (;;) {
		unsigned char rnd[16];
		randombytes_buf(rnd, sizeof rnd);
		int k = 0;
		for (int i = 0; i < 16; i++) {
			if (i && i % 4 == 0)
				out[k++] = '-';
			out[k++] = abc[rnd[i] % (sizeof abc - 1)];
		}
		out[k] = 0;
		sodium_memzero(rnd, sizeof rnd);
		json_t *e = json_array();
		int bad = auth_password_policy(c, username, out, "password", e);
		json_decref(e);
		if (!bad)
			return;
	}
}

static void user_name_of(db *d, int64_t id, char out[64])
{
	out[0] = 0;
	db_stmt *s;
	if (db_prepare(d, "SELECT username FROM users WHERE id = ? AND deleted = 0", &s) != DB_OK)
		return;
	db_bind_int(s, 1, id);
	if (db_step(s) == DB_ROW && db_col_text(s, 0))
		snprintf(out, 64, "%s", db_col_text(s, 0));
	db_finalize(s);
}

/* Issues the one-time password of reset request rid (inside the caller's
 * transaction): 201 {"one_time_password","expires_at","username"}. */
static int issue_otp(zj_ctx *c, int64_t uid, int64_t rid, const char *username, json_t *audit_after, json_t **out)
{
	char otp[24];
	make_otp(c, username, otp);
	json_object_set_new(audit_after, "request", json_integer(rid));
	int st = set_password(c, uid, otp, 1, audit_after);
	if (st != 204) {
		sodium_memzero(otp, sizeof otp);
		return st;
	}
	const char *exp = json_string_value(json_object_get(audit_after, "expires_at"));
	char rt[24];
	snprintf(rt, sizeof rt, "%lld", (long long)rid);
	const char *p[] = {c->now, exp, rt};
	if (db_run(c->db, "UPDATE password_resets SET state = 'issued', issued_at = ?, expires_at = ? WHERE id = ?", 3,
		   p) != DB_OK) {
		sodium_memzero(otp, sizeof otp);
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	*out = json_pack("{s:s, s:s, s:s, s:I}", "one_time_password", otp, "expires_at", exp, "username", username,
			 "request", (json_int_t)rid);
	sodium_memzero(otp, sizeof otp);
	return 201;
}

static int is_privileged(db *d, int64_t uid)
{
	int64_t p[] = {uid};
	return db_query_int_ids(d,
				"SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted = 0"
				" WHERE ur.user_id = ? AND r.duty <> 'business'",
				1, p, 0) > 0;
}

static int tx_end(zj_ctx *c, int st)
{
	if (st >= 400) {
		db_rollback(c->db);
		return st;
	}
	if (db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		return ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	}
	return st;
}

int auth_reset_request(zj_ctx *c, int64_t uid, const char *reason, json_t **out)
{
	if (!c->user || c->user->api_token)
		return ctx_problem(c, PROB_TOKEN_NO_RESETS, NULL);
	if (!ctx_can(c, "users.reset_password"))
		return ctx_problem(c, PROB_FORBIDDEN,
				   TR(c, "只有系统管理员可以重置密码",
				      "Only the system administrator resets passwords"));
	if (uid == c->user->id)
		return ctx_problem(c, PROB_OWN_PASSWORD_RESET, TR(c, "请用“修改密码”", "Use “change password”"));
	char uname[64];
	user_name_of(c->db, uid, uname);
	if (!uname[0])
		return ctx_problem(c, PROB_NO_SUCH_USER, NULL);
	if (!reason || !*reason || strlen(reason) > 500) {
		json_t *e = json_array();
		json_array_append_new(e, json_pack("{s:s,s:s,s:s}", "field", "reason", "code", fe_name(FE_REQUIRED),
						   "message",
						   TR(c, "请填写重置原因（1–500 字符），记入审计日志",
						      "is required (1–500 characters); it goes into the audit log")));
		return ctx_fail_fields(c, e);
	}
	int priv = is_privileged(c->db, uid);
	if (priv && !CFG->reset_approval)
		return ctx_problem(c, PROB_SEPARATION_OF_DUTIES,
				   TR(c, "管理员账号的密码只能由运维人员用 zhijian user passwd 重置",
				      "only an operator resets an administrator's password (zhijian user passwd)"));
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, NULL);
	char idt[24], uidt[24], win[32];
	snprintf(idt, sizeof idt, "%lld", (long long)c->user->id);
	snprintf(uidt, sizeof uidt, "%lld", (long long)uid);
	iso_add_seconds(c->now, -CFG->reset_ttl_s, win);
	/* a request nobody approved in time lapses */
	const char *pl[] = {uidt, win};
	db_run(c->db,
	       "UPDATE password_resets SET state = 'lapsed' WHERE user_id = ? AND state = 'pending' AND requested_at < ?",
	       2, pl);
	const char *pp[] = {uidt};
	if (priv && db_query_int(c->db, "SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND state = 'pending'",
				 1, pp, 0) > 0)
		return tx_end(c, ctx_problem(c, PROB_RESET_PENDING, NULL));
	const char *pi[] = {uidt, priv ? "pending" : "approved", idt, c->now};
	int64_t rid = 0;
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "INSERT INTO password_resets (user_id, state, requested_by, requested_at) VALUES (?, ?, ?, ?) RETURNING id",
		    &s) == DB_OK) {
		for (int i = 0; i < 4; i++)
			db_bind_text(s, i + 1, pi[i]);
		if (db_step(s) == DB_ROW)
			rid = db_col_int(s, 0);
		db_finalize(s);
	}
	if (!rid)
		return tx_end(c, ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db)));
	json_t *a =
		json_pack("{s:s, s:s, s:s}", "username", uname, "reason", reason, "requested_by", c->user->username);
	int st;
	if (priv) {
		json_object_set_new(a, "request", json_integer(rid));
		st = audit_append(c, "password_reset_request", "users", uid, NULL, a) == DB_OK
			     ? 202
			     : ctx_problem(c, PROB_DB_ERROR, NULL);
		if (st == 202)
			*out = json_pack(
				"{s:I, s:s, s:s}", "request", (json_int_t)rid, "state", "pending", "detail",
				TR(c, "管理员账号的密码重置须由另一名管理员批准",
				   "resetting an administrator's password needs a second administrator's approval"));
	} else
		st = issue_otp(c, uid, rid, uname, a, out);
	json_decref(a);
	st = tx_end(c, st);
	if (st >= 400 && *out) {
		json_decref(*out);
		*out = NULL;
	}
	return st;
}

int auth_reset_approve(zj_ctx *c, int64_t uid, json_t **out)
{
	if (!c->user || c->user->api_token)
		return ctx_problem(c, PROB_TOKEN_NO_RESETS, NULL);
	if (!ctx_can(c, "users.approve_reset"))
		return ctx_problem(c, PROB_FORBIDDEN, NULL);
	if (uid == c->user->id)
		return ctx_problem(c, PROB_OWN_RESET_APPROVAL, NULL);
	char uname[64];
	user_name_of(c->db, uid, uname);
	if (!uname[0])
		return ctx_problem(c, PROB_NO_SUCH_USER, NULL);
	if (db_begin(c->db) != DB_OK)
		return ctx_problem(c, PROB_DB_BUSY, NULL);
	int64_t rid = 0, by = 0;
	char at[32] = "", win[32];
	db_stmt *s;
	if (db_prepare(
		    c->db,
		    "SELECT id, requested_by, requested_at FROM password_resets WHERE user_id = ? AND state = 'pending' ORDER BY id DESC LIMIT 1",
		    &s) == DB_OK) {
		db_bind_int(s, 1, uid);
		if (db_step(s) == DB_ROW) {
			rid = db_col_int(s, 0);
			by = db_col_int(s, 1);
			snprintf(at, sizeof at, "%s", db_col_text(s, 2));
		}
		db_finalize(s);
	}
	iso_add_seconds(c->now, -CFG->reset_ttl_s, win);
	if (!rid || strcmp(at, win) < 0)
		return tx_end(c, ctx_problem(c, PROB_NO_PENDING_RESET, NULL));
	if (by == c->user->id)
		return tx_end(
			c,
			ctx_problem(c, PROB_SEPARATION_OF_DUTIES,
				    TR(c, "申请人不能批准自己的申请，须另一名管理员批准",
				       "the requester cannot approve their own request; a second administrator must")));
	char rt[24], bt[24], req_by[64];
	snprintf(rt, sizeof rt, "%lld", (long long)rid);
	snprintf(bt, sizeof bt, "%lld", (long long)c->user->id);
	user_name_of(c->db, by, req_by);
	const char *p[] = {bt, c->now, rt};
	int st = db_run(c->db,
			"UPDATE password_resets SET state = 'approved', approved_by = ?, approved_at = ? WHERE id = ?",
			3, p) == DB_OK
			 ? 0
			 : ctx_problem(c, PROB_DB_ERROR, db_errmsg(c->db));
	if (!st) {
		json_t *a = json_pack("{s:s, s:s, s:s}", "username", uname, "requested_by", req_by, "approved_by",
				      c->user->username);
		st = issue_otp(c, uid, rid, uname, a, out);
		json_decref(a);
	}
	st = tx_end(c, st);
	if (st >= 400 && *out) {
		json_decref(*out);
		*out = NULL;
	}
	return st;
}

int auth_sessions_list(zj_ctx *c, json_t **out)
{
	db_stmt *s;
	if (db_prepare(c->db,
		       "SELECT id, kind, created_at, last_seen, expires_at, ip, user_agent, name FROM sessions"
		       " WHERE user_id = ? AND revoked = 0 AND expires_at > ? ORDER BY id DESC",
		       &s) != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, NULL);
	db_bind_int(s, 1, c->user->id);
	db_bind_text(s, 2, c->now);
	json_t *items = json_array();
	int rc;
	for (rc = db_step(s); rc == DB_ROW; rc = db_step(s)) {
		json_t *r =
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)db_col_int(s, 0), "kind",
				  db_col_text(s, 1), "created_at", db_col_text(s, 2), "last_seen", db_col_text(s, 3),
				  "expires_at", db_col_text(s, 4), "current", db_col_int(s, 0) == c->user->session_id);
		json_object_set_new(r, "ip", json_string(db_col_text(s, 5) ? db_col_text(s, 5) : ""));
		json_object_set_new(r, "user_agent", json_string(db_col_text(s, 6) ? db_col_text(s, 6) : ""));
		json_object_set_new(r, "name", json_string(db_col_text(s, 7) ? db_col_text(s, 7) : ""));
		json_array_append_new(items, r);
	}
	if (rc != DB_DONE) { /* never a partial list */
		rc = ctx_internal(c, "sessions", db_errmsg(c->db));
		db_finalize(s), json_decref(items);
		return rc;
	}
	db_finalize(s);
	*out = json_pack("{s:o, s:n}", "items", items, "next");
	return 200;
}

int auth_session_revoke(zj_ctx *c, int64_t session_id)
{
	char st[24];
	snprintf(st, sizeof st, "%lld", (long long)session_id);
	const char *p[] = {st};
	int64_t owner = db_query_int(c->db, "SELECT user_id FROM sessions WHERE id = ?", 1, p, 0);
	if (!owner)
		return ctx_problem(c, PROB_NO_SUCH_SESSION, NULL);
	if (owner != c->user->id && !ctx_can(c, "sessions.revoke_any"))
		return ctx_problem(c, PROB_FORBIDDEN, NULL);
	db_run(c->db, "UPDATE sessions SET revoked = 1 WHERE id = ?", 1, p);
	scache_drop_session(session_id);
	audit_append(c, "session_revoke", "sessions", session_id, NULL, NULL);
	return 204;
}

int auth_token_create(zj_ctx *c, const char *name, json_t *perms, int days, json_t **out)
{
	if (c->user->api_token)
		return ctx_problem(c, PROB_TOKEN_NO_TOKENS, NULL);
	if (!json_is_array(perms) || days < 1 || days > CFG->token_max_days) {
		json_t *e = json_array();
		if (!json_is_array(perms))
			json_array_append_new(e, json_pack("{s:s,s:s,s:s}", "field", "perms", "code", fe_name(FE_TYPE),
							   "message",
							   TR(c, "应为权限列表", "must be a list of permissions")));
		if (days < 1 || days > CFG->token_max_days) {
			char m[96];
			snprintf(m, sizeof m,
				 c->en ? "must be between 1 and %d (the longest a token may live)"
				       : "应在 1 至 %d 之间（令牌最长有效天数）",
				 CFG->token_max_days);
			json_array_append_new(e, json_pack("{s:s,s:s,s:s}", "field", "days", "code", fe_name(FE_RANGE),
							   "message", m));
		}
		return ctx_fail_fields(c, e);
	}
	size_t i;
	json_t *v;
	json_array_foreach (perms, i, v) {
		if (!json_is_string(v) || !ctx_can(c, json_string_value(v)))
			return ctx_problemf(c, PROB_GRANT_BEYOND_OWN, "%s",
					    json_is_string(v) ? json_string_value(v) : "?");
	}
	char token[65], th[65], csrf[65], exp[32], uid[24];
	random_hex(token, 32), random_hex(csrf, 32);
	hash_token(token, th);
	iso_add_seconds(c->now, (long)days * 86400, exp);
	snprintf(uid, sizeof uid, "%lld", (long long)c->user->id);
	char *pj = json_dumps(perms, JSON_COMPACT);
	const char *p[] = {th, uid, csrf, c->now, c->now, exp, c->ip, name ? name : "", pj};
	int rc = db_run(
		c->db,
		"INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, last_seen, expires_at, ip, name, perms)"
		" VALUES (?, ?, 'api', ?, ?, ?, ?, ?, ?, ?)",
		9, p);
	free(pj);
	if (rc != DB_OK)
		return ctx_problem(c, PROB_DB_ERROR, NULL);
	json_t *a = json_pack("{s:s, s:O, s:s}", "name", name ? name : "", "perms", perms, "expires_at", exp);
	audit_append(c, "token_create", "sessions", 0, NULL, a);
	json_decref(a);
	*out = json_pack("{s:s, s:s}", "token", token, "expires_at", exp);
	return 201;
}
