/* ctx.h — what every core operation runs with: the connection, the acting
 * user (with their per-permission scopes), where the request came from, the
 * language for messages, the clock, and the problem being built when the
 * operation fails. The web layer fills one per request; the CLI fills one
 * for the system. */
#ifndef ZJ_CTX_H
#define ZJ_CTX_H

#include "core/problems.h"
#include "db/db.h"
#include <jansson.h>
#include <stdint.h>

typedef struct zj_perm {
	char *name;     /* "enterprises.read" */
	unsigned scope; /* union of scope_bits over the roles that grant it */
} zj_perm;

typedef struct zj_user {
	int64_t id;
	char username[64];
	char name[128];
	int64_t unit_id;
	int64_t jurisdiction_id;
	char juris_path[256]; /* "/150000/150200/" for subtree scope */
	int must_change_password;
	char reset_at[32]; /* the last administrator reset of this account's password ("" = none): told to the user */
	char reset_by[64];
	char roles[256]; /* role codes, comma-separated: the console picks the user's guides by them */
	int nperms;
	zj_perm *perms;
	int api_token; /* authenticated by an API token */
	int64_t session_id;
	char csrf[80];
	int refs; /* shared by the session cache and requests (auth.c) */
} zj_user;

typedef struct zj_ctx {
	db *db;
	zj_user *user; /* NULL = the system (CLI, jobs) */
	const char *ip;
	int en;         /* 1 = English messages, 0 = zh-CN */
	char now[32];   /* UTC instant "2026-11-29T13:38:47Z" */
	char today[11]; /* local date (Asia/Shanghai) */
	int bulk;       /* an import: memoise lookups, let the unique index catch duplicates */
	int checking;   /* hooks run to check rows, not to write them (an import's pass 1, a dry run): store nothing */
	/* failure */
	int status;
	json_t *problem;
} zj_ctx;

void ctx_init(zj_ctx *c, db *d);
void ctx_clear(zj_ctx *c); /* frees the problem; keeps db/user */
/* Sets the problem (RFC 9457) of kind p (core/problems.h: type URI, status
 * and title in the request's language) with an optional detail; returns the
 * status. */
int ctx_problem(zj_ctx *c, prob_id p, const char *detail);
int ctx_problemf(zj_ctx *c, prob_id p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* 422 PROB_VALIDATION with an errors array (json array of {field,message,code}); takes ownership. */
int ctx_fail_fields(zj_ctx *c, json_t *errors);
/* An internal failure (a statement that failed mid-way): logged to stderr
 * with where and the database's message, answered as 500 PROB_DB_ERROR
 * (never a partial success). Returns 500. */
int ctx_internal(zj_ctx *c, const char *where, const char *why);
/* Whether an internal failure was raised (status 500): deep helpers that
 * return values, not statuses, leave it for their caller to check. */
int ctx_failed(const zj_ctx *c);
/* A hook or guard refused and set the problem: write paths pass this up
 * instead of a DB_* code so the caller rolls back and answers c->status. */
enum { CTX_REFUSED = -100 };
#define TR(c, zh_, en_) ((c)->en ? (en_) : (zh_))

/* Permission check: scope bits the user holds for perm (0 = denied). System ctx: SCOPE_ALL. */
unsigned ctx_scope(const zj_ctx *c, const char *perm);
int ctx_can(const zj_ctx *c, const char *perm);

/* Clock: real UTC unless ZJ_TEST_CLOCK (a file holding an instant) overrides it for tests. */
void clock_now(char out[32]);
void clock_today(char out[11]); /* Asia/Shanghai date (UTC+8, no DST) */
/* The Asia/Shanghai date of a UTC instant "YYYY-MM-DDTHH:MM:SSZ" (a date as given stays itself). */
void clock_local_date(const char *instant, char out[11]);

#endif
