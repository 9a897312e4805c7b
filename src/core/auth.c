/* auth.c — see auth.h. Failed sign-ins answer the same 401 whether or not
 * the user exists, and take the same argon2id time, so names cannot be
 * probed. */
#include "core/auth.h"
#include "core/audit.h"
#include "core/entity.h"
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

auth_policy auth_cfg = {5, 900, 900, 1800, 43200};

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

static const char *common_passwords[] = {
	"password123", "1234567890", "12345678910", "qwertyuiop", "password1!", "Password123", "Passw0rd!",
	"P@ssw0rd123", "Admin@1234", "admin12345", "Qwer1234!@", "Aa123456789", "abc1234567", "Zhijian2026",
	"1qaz2wsx3edc", "1qaz@WSX3edc", "Aa12345678", "a123456789", "woaini1314", "Welcome123", NULL};

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
			json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", "password",
				"message", TR(c, "密码至少 10 个字符", "must be at least 10 characters")));
			n++;
		}
	if (lower + upper + digit + other < 3) {
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", "password", "message",
			TR(c, "密码须包含大写字母、小写字母、数字、符号中的至少三类", "must mix at least three of: upper case, lower case, digits, symbols")));
		n++;
	}
	if (username && *username && strcasestr(pw, username)) {
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", "password", "message",
			TR(c, "密码不能包含用户名", "must not contain the user name")));
		n++;
	}
	for (int i = 0; common_passwords[i]; i++)
		if (!strcasecmp(pw, common_passwords[i])) {
			json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", "password", "message",
				TR(c, "该密码过于常见", "is too common")));
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
	u->perms = realloc(u->perms, sizeof(zj_perm) * (size_t)(u->nperms + 1));
	u->perms[u->nperms].name = strdup(perm);
	u->perms[u->nperms++].scope = scope;
}

int auth_load_user(db *d, int64_t id, zj_user *u)
{
	if (u->refs == 0)
		u->refs = 1;
	db_stmt *s;
	if (db_prepare(d, "SELECT u.username, u.name, u.unit_id, u.jurisdiction_id, j.path, u.must_change_password, u.roles"
			  " FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.id = ? AND u.deleted = 0 AND u.locked = 0", &s) != DB_OK)
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
	char roles[512];
	snprintf(roles, sizeof roles, "%s", db_col_text(s, 6) ? db_col_text(s, 6) : "");
	db_finalize(s);
	if (db_prepare(d, "SELECT g.perm, g.scope FROM role_grants g JOIN roles r ON r.id = g.role_id"
			  " WHERE g.deleted = 0 AND r.deleted = 0 AND (',' || ? || ',') LIKE ('%,' || r.code || ',%')", &s) != DB_OK)
		return -1;
	db_bind_text(s, 1, roles);
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
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:o, s:b}", "id", (json_int_t)u->id, "username", u->username, "name", u->name,
			 "unit_id", (json_int_t)u->unit_id, "jurisdiction_id", (json_int_t)u->jurisdiction_id, "perms", perms,
			 "must_change_password", u->must_change_password);
}

static int fail_login(zj_ctx *c)
{
	return ctx_fail(c, 401, "用户名或密码错误", "Wrong user name or password", NULL);
}

int auth_login(zj_ctx *c, const char *username, const char *password, const char *user_agent, char token[65], json_t **out)
{
	static char dummy_hash[crypto_pwhash_STRBYTES];
	if (!dummy_hash[0])
		auth_hash_password("not-a-real-password-0", dummy_hash);
	db_stmt *s;
	if (db_prepare(c->db, "SELECT id, password_hash, locked, failed_count, failed_since, locked_until FROM users WHERE username = ? AND deleted = 0", &s) != DB_OK)
		return ctx_fail(c, 500, "数据库错误", "Database error", db_errmsg(c->db));
	db_bind_text(s, 1, username);
	int64_t id = 0, failed = 0;
	int locked = 0;
	char hash[crypto_pwhash_STRBYTES] = "", since[32] = "", until[32] = "";
	if (db_step(s) == DB_ROW) {
		id = db_col_int(s, 0);
		snprintf(hash, sizeof hash, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
		locked = (int)db_col_int(s, 2);
		failed = db_col_int(s, 3);
		snprintf(since, sizeof since, "%s", db_col_text(s, 4) ? db_col_text(s, 4) : "");
		snprintf(until, sizeof until, "%s", db_col_text(s, 5) ? db_col_text(s, 5) : "");
	}
	db_finalize(s);
	int ok = crypto_pwhash_str_verify(hash[0] ? hash : dummy_hash, password, strlen(password)) == 0 && id && hash[0];
	json_t *who = json_pack("{s:s}", "username", username);
	int is_locked = id && (locked || (until[0] && strcmp(until, c->now) > 0));
	if (is_locked && ok) { /* a wrong password on a locked account answers like any wrong password (401) */
		audit_append(c, "login_locked", "users", id, NULL, who);
		json_decref(who);
		return ctx_fail(c, 403, "账号已锁定", "Account locked",
				TR(c, "登录失败次数过多或账号被停用，请稍后再试或联系系统管理员",
				      "Too many failed attempts or the account is disabled; try later or ask the system administrator"));
	}
	if (!ok) {
		if (id && !is_locked) {
			char win[32];
			iso_add_seconds(c->now, -auth_cfg.failure_window_s, win);
			if (!since[0] || strcmp(since, win) < 0)
				failed = 0, snprintf(since, sizeof since, "%s", c->now);
			failed++;
			char lock_until[32] = "", idt[24], ft[24];
			if (failed >= auth_cfg.max_failures)
				iso_add_seconds(c->now, auth_cfg.lock_s, lock_until);
			snprintf(idt, sizeof idt, "%lld", (long long)id);
			snprintf(ft, sizeof ft, "%lld", (long long)failed);
			const char *p[] = {ft, since, lock_until[0] ? lock_until : NULL, idt};
			db_run(c->db, "UPDATE users SET failed_count = ?, failed_since = ?, locked_until = ? WHERE id = ?", 4, p);
		}
		audit_append(c, "login_failed", "users", id, NULL, who);
		json_decref(who);
		return fail_login(c);
	}
	char idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	const char *p0[] = {idt};
	db_run(c->db, "UPDATE users SET failed_count = 0, failed_since = NULL, locked_until = NULL WHERE id = ?", 1, p0);
	char csrf[65], th[65], exp[32];
	random_hex(token, 32);
	random_hex(csrf, 32);
	hash_token(token, th);
	iso_add_seconds(c->now, auth_cfg.absolute_s, exp);
	const char *p[] = {th, idt, csrf, c->now, c->now, exp, c->ip, user_agent};
	if (db_run(c->db, "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, last_seen, expires_at, ip, user_agent)"
			  " VALUES (?, ?, 'session', ?, ?, ?, ?, ?, ?)", 8, p) != DB_OK) {
		json_decref(who);
		return ctx_fail(c, 500, "数据库错误", "Database error", db_errmsg(c->db));
	}
	zj_user *u = calloc(1, sizeof *u);
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

static unsigned scache_slot(const char *th) { return (unsigned)strtoul((char[9]){th[0], th[1], th[2], th[3], th[4], th[5], th[6], th[7], 0}, NULL, 16) % SCACHE; }

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
		return ctx_fail(c, 401, "未登录或会话已过期", "Not signed in or session expired", NULL);
	hash_token(token, th);
	zj_user *cached = scache_get(th, c->now);
	if (cached) {
		if (cached->api_token && !is_bearer) {
			auth_user_free(cached);
			return ctx_fail(c, 401, "未登录或会话已过期", "Not signed in or session expired", NULL);
		}
		c->user = cached;
		return 0;
	}
	db_stmt *s;
	if (db_prepare(c->db, "SELECT id, user_id, kind, csrf, last_seen, expires_at, revoked, perms FROM sessions WHERE token_hash = ?", &s) != DB_OK)
		return ctx_fail(c, 500, "数据库错误", "Database error", db_errmsg(c->db));
	db_bind_text(s, 1, th);
	if (db_step(s) != DB_ROW) {
		db_finalize(s);
		return ctx_fail(c, 401, "未登录或会话已过期", "Not signed in or session expired", NULL);
	}
	int64_t sid = db_col_int(s, 0), uid = db_col_int(s, 1);
	int api = !strcmp(db_col_text(s, 2), "api");
	char csrf[80], last[32], exp[32];
	snprintf(csrf, sizeof csrf, "%s", db_col_text(s, 3));
	snprintf(last, sizeof last, "%s", db_col_text(s, 4));
	snprintf(exp, sizeof exp, "%s", db_col_text(s, 5));
	int revoked = (int)db_col_int(s, 6);
	json_t *tperms = db_col_text(s, 7) ? json_loads(db_col_text(s, 7), 0, NULL) : NULL;
	db_finalize(s);
	char idle_limit[32];
	iso_add_seconds(last, auth_cfg.idle_s, idle_limit);
	if (revoked || strcmp(c->now, exp) >= 0 || (!api && strcmp(c->now, idle_limit) >= 0) || (api && !is_bearer)) {
		json_decref(tperms);
		return ctx_fail(c, 401, "未登录或会话已过期", "Not signed in or session expired",
				TR(c, "请重新登录", "Please sign in again"));
	}
	zj_user *u = calloc(1, sizeof *u);
	if (auth_load_user(c->db, uid, u) != 0) {
		auth_user_free(u);
		json_decref(tperms);
		return ctx_fail(c, 401, "未登录或会话已过期", "Not signed in or session expired", NULL);
	}
	if (api) {
		/* An API token carries only the permissions it was created with (and the user still holds). */
		for (int i = 0; i < u->nperms; i++) {
			int keep = 0;
			size_t j;
			json_t *v;
			json_array_foreach(tperms, j, v) if (json_is_string(v) && !strcmp(json_string_value(v), u->perms[i].name)) keep = 1;
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

int auth_set_password(zj_ctx *c, int64_t user_id, const char *pw, int must_change)
{
	char h[crypto_pwhash_STRBYTES], idt[24];
	if (auth_hash_password(pw, h) != 0)
		return ctx_fail(c, 500, "内存不足", "Out of memory", NULL);
	snprintf(idt, sizeof idt, "%lld", (long long)user_id);
	const char *p[] = {h, must_change ? "1" : "0", c->now, idt};
	if (db_run(c->db, "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, failed_count = 0, locked_until = NULL WHERE id = ?", 4, p) != DB_OK)
		return ctx_fail(c, 500, "数据库错误", "Database error", db_errmsg(c->db));
	scache_drop_user(user_id);
	audit_append(c, must_change ? "password_reset" : "password_change", "users", user_id, NULL, NULL);
	return 204;
}

int auth_change_password(zj_ctx *c, const char *old_pw, const char *new_pw)
{
	char h[crypto_pwhash_STRBYTES] = "", idt[24];
	snprintf(idt, sizeof idt, "%lld", (long long)c->user->id);
	db_stmt *s;
	if (db_prepare(c->db, "SELECT password_hash FROM users WHERE id = ?", &s) == DB_OK) {
		db_bind_text(s, 1, idt);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			snprintf(h, sizeof h, "%s", db_col_text(s, 0));
		db_finalize(s);
	}
	json_t *errors = json_array();
	if (!h[0] || crypto_pwhash_str_verify(h, old_pw, strlen(old_pw)) != 0)
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "old_password", "code", "password", "message",
							TR(c, "原密码不正确", "is not your current password")));
	auth_password_policy(c, c->user->username, new_pw, "new_password", errors);
	if (!strcmp(old_pw, new_pw))
		json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "new_password", "code", "password", "message",
							TR(c, "新密码不能与原密码相同", "must differ from the current password")));
	if (json_array_size(errors))
		return ctx_fail_fields(c, errors);
	json_decref(errors);
	return auth_set_password(c, c->user->id, new_pw, 0);
}

int auth_sessions_list(zj_ctx *c, json_t **out)
{
	db_stmt *s;
	if (db_prepare(c->db, "SELECT id, kind, created_at, last_seen, expires_at, ip, user_agent, name FROM sessions"
			      " WHERE user_id = ? AND revoked = 0 AND expires_at > ? ORDER BY id DESC", &s) != DB_OK)
		return ctx_fail(c, 500, "数据库错误", "Database error", NULL);
	db_bind_int(s, 1, c->user->id);
	db_bind_text(s, 2, c->now);
	json_t *items = json_array();
	while (db_step(s) == DB_ROW) {
		json_t *r = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)db_col_int(s, 0), "kind", db_col_text(s, 1),
				      "created_at", db_col_text(s, 2), "last_seen", db_col_text(s, 3), "expires_at", db_col_text(s, 4),
				      "current", db_col_int(s, 0) == c->user->session_id);
		json_object_set_new(r, "ip", json_string(db_col_text(s, 5) ? db_col_text(s, 5) : ""));
		json_object_set_new(r, "user_agent", json_string(db_col_text(s, 6) ? db_col_text(s, 6) : ""));
		json_object_set_new(r, "name", json_string(db_col_text(s, 7) ? db_col_text(s, 7) : ""));
		json_array_append_new(items, r);
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
		return ctx_fail(c, 404, "会话不存在", "No such session", NULL);
	if (owner != c->user->id && !ctx_can(c, "sessions.revoke_any"))
		return ctx_fail(c, 403, "没有权限", "Forbidden", NULL);
	db_run(c->db, "UPDATE sessions SET revoked = 1 WHERE id = ?", 1, p);
	scache_drop_session(session_id);
	audit_append(c, "session_revoke", "sessions", session_id, NULL, NULL);
	return 204;
}

int auth_token_create(zj_ctx *c, const char *name, json_t *perms, int days, json_t **out)
{
	if (!json_is_array(perms) || days < 1 || days > 366)
		return ctx_fail(c, 422, "参数不正确", "Invalid token request",
				TR(c, "perms 应为权限列表，days 为 1–366", "perms must be a list, days 1–366"));
	size_t i;
	json_t *v;
	json_array_foreach(perms, i, v) {
		if (!json_is_string(v) || !ctx_can(c, json_string_value(v)))
			return ctx_failf(c, 422, "不能授予自己没有的权限", "Cannot grant a permission you do not hold", "%s",
					 json_is_string(v) ? json_string_value(v) : "?");
	}
	char token[65], th[65], csrf[65], exp[32], uid[24];
	random_hex(token, 32), random_hex(csrf, 32);
	hash_token(token, th);
	iso_add_seconds(c->now, (long)days * 86400, exp);
	snprintf(uid, sizeof uid, "%lld", (long long)c->user->id);
	char *pj = json_dumps(perms, JSON_COMPACT);
	const char *p[] = {th, uid, csrf, c->now, c->now, exp, c->ip, name ? name : "", pj};
	int rc = db_run(c->db, "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, last_seen, expires_at, ip, name, perms)"
			       " VALUES (?, ?, 'api', ?, ?, ?, ?, ?, ?, ?)", 9, p);
	free(pj);
	if (rc != DB_OK)
		return ctx_fail(c, 500, "数据库错误", "Database error", NULL);
	json_t *a = json_pack("{s:s, s:O, s:s}", "name", name ? name : "", "perms", perms, "expires_at", exp);
	audit_append(c, "token_create", "sessions", 0, NULL, a);
	json_decref(a);
	*out = json_pack("{s:s, s:s}", "token", token, "expires_at", exp);
	return 201;
}
