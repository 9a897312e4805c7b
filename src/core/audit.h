/* audit.h — the append-only audit log (DESIGN.md §6).
 *
 * Chains. Records are kept in one chain per jurisdiction (the writer's
 * jurisdiction code; "system" when no user acts; "legacy" for records
 * written before chains existed, sealed at the upgrade). Each record carries
 * its chain and a per-chain sequence number 1, 2, 3 ..., and a keyed MAC
 * (HMAC-SHA-512-256) over the previous record's MAC, its chain and sequence
 * number and every field. The key is in a file outside the database, so
 * whoever can write the database cannot recompute the chain.
 *
 * Anchors. All chain heads (chain, count, MAC of the last record) are folded
 * into a checkpoint: one line signed with Ed25519 (the signing key beside
 * the MAC key) appended to a checkpoint file outside the database, also
 * logged to the operations log, and its short digest printed for the
 * records office. A chain shorter than its checkpointed count, or whose
 * record at that count has another MAC, has been truncated or rewritten.
 *
 * Writers on different chains touch different head rows
 * (audit_chain_heads), so districts never wait for one another. */
#ifndef ZJ_AUDIT_H
#define ZJ_AUDIT_H
#include <stdio.h>
#include "core/ctx.h"
#include "lib/strbuf.h"

/* ---- append (audit.c) ---- */

/* Appends within the caller's transaction when one is open, else in its own.
 * Fails (DB_ERR) when the program was configured with a key file that is
 * missing: the log is never written with a key nobody keeps. */
int audit_append(zj_ctx *c, const char *action, const char *entity, int64_t entity_id, const json_t *before,
		 const json_t *after);

/* Records a refused request (e.g. a sign-in refused by the rate limiter) at
 * most once per action, address and minute, so that a flood of refusals
 * cannot flood the log. 1 = recorded, 0 = throttled, <0 = failed. */
int audit_refusal(zj_ctx *c, const char *action, const char *entity, const json_t *after);

enum { AUDIT_CHAIN_MAX = 40 };
/* The chain a user writes to: the last code of their jurisdiction path
 * ("/150000/150200/" → "150200"); "system" without a user. */
void audit_chain_of(const zj_user *u, char out[AUDIT_CHAIN_MAX]);

/* One record as the MAC sees it (NULL fields count as empty). */
typedef struct audit_rec {
	const char *chain;
	int64_t seq;
	const char *prev; /* MAC of the record before in the chain, "" for seq 1 */
	const char *at, *uid, *uname, *ip, *action, *entity, *eid, *before, *after;
} audit_rec;
/* Lower-case hex HMAC-SHA-512-256 of the record under the loaded key. */
void audit_rec_mac(const audit_rec *r, char out[65]);

/* ---- the key file (audit_key.c) ---- */

enum { AUDIT_KEY_OK = 0, AUDIT_KEY_ABSENT = 1, AUDIT_KEY_BAD = 2 };
/* Where the key and checkpoint files are for this database: --audit-key /
 * ZJ_AUDIT_KEY_FILE, else DB + ".auditkey" for a SQLite file and
 * "./zhijian.auditkey" for PostgreSQL; the checkpoint file is
 * ZJ_AUDIT_CHECKPOINT_FILE, else the key path with ".auditkey" replaced by
 * ".checkpoints" (or ".checkpoints" appended). */
void audit_paths(const char *db_uri, char key[1024], char checkpoints[1024]);
/* Loads the key file (0600, text: "mac HEX" and "sign HEX" lines). */
int audit_key_load(const char *path, char *err, size_t errlen);
/* Creates a new key file (fails if one exists) and loads it. */
int audit_key_create(const char *path, char *err, size_t errlen);
/* Marks the key as required but missing at path: appends then refuse. */
void audit_key_missing(const char *path);
/* Sets keys directly (unit tests). A program that sets none gets a random
 * per-process key on first use: only for embedded use such as tests. */
void audit_key_set(const unsigned char mac_key[32], const unsigned char sign_seed[32]);
int audit_key_loaded(void);
/* The Ed25519 public key, hex: operators may keep it to check checkpoints. */
void audit_key_public_hex(char out[65]);
/* The checkpoint file configured for this process ("" when none). */
const char *audit_checkpoint_path(void);
void audit_set_checkpoint_path(const char *path);

/* internal to the audit files */
const unsigned char *audit_key_mac(void);
int audit_key_sign(const unsigned char *m, size_t n, unsigned char sig[64]);
int audit_key_check(const unsigned char *m, size_t n, const unsigned char sig[64]);

/* ---- checkpoints (audit_checkpoint.c) ---- */

typedef struct audit_head {
	char chain[AUDIT_CHAIN_MAX];
	int64_t seq;  /* = the number of records in the chain */
	char mac[65]; /* MAC of record seq */
} audit_head;

typedef struct audit_cp {
	char at[32];
	int n;
	audit_head *heads; /* sorted by chain */
	int64_t records;   /* sum of seq */
	char digest[40];   /* "XXXX-XXXX-..." of the whole signed line */
} audit_cp;

/* The signed line (no newline) for these heads. */
void audit_cp_format(const char *at, const audit_head *h, int n, strbuf *out);
/* Parses one line and checks its signature: 0, or 1 with err. */
int audit_cp_parse(const char *line, audit_cp *cp, char *err, size_t errlen);
void audit_cp_free(audit_cp *cp);
/* Short digest of a signed line: 128 bits of BLAKE2b as 8 groups of 4 hex. */
void audit_cp_digest(const char *line, char out[40]);
/* The last checkpoint of a file: 0 found, 1 no file or no checkpoint yet,
 * 2 unreadable or a bad signature (err says which line). With want_digest,
 * the checkpoint whose digest that is instead. */
int audit_cp_read(const char *path, const char *want_digest, audit_cp *cp, char *err, size_t errlen);
/* Verifies every chain from the previous checkpoint to its head, then
 * appends a new signed checkpoint to path and logs it on stderr. Refuses
 * (1, with msg) when a chain no longer reaches its previous checkpoint. */
int audit_checkpoint(db *d, const char *path, const char *now, audit_cp *out, char *msg, size_t msglen);

/* ---- verification (audit_verify.c) ---- */

typedef struct audit_report {
	int64_t records, chains;
	int64_t bad_id;                  /* first bad record, 0 when the finding is a chain */
	char bad_chain[AUDIT_CHAIN_MAX]; /* the chain of the finding */
	char why[512];
	int cp_found; /* a checkpoint was compared */
	char cp_at[32], cp_digest[40];
	int64_t cp_records;
} audit_report;
/* Checks every chain's MACs and sequence, the head table and (when
 * cp_path names a file) the latest checkpoint or the one whose digest is
 * want_digest. 0 intact, 1 broken (r names the first bad record or the
 * truncated chain), 2 cannot read. */
int audit_verify(db *d, const char *cp_path, const char *want_digest, audit_report *r);
/* From now on, audit_verify says on `out` how far it is every million
 * records (NULL: silent, the default). */
void audit_verify_progress(FILE *out);
/* Verifies one chain's records with seq > from_seq, starting from from_mac,
 * up to upto (0 = the end). Fills last seq/MAC. 0 / 1 (r set) / 2. */
int audit_verify_chain(db *d, const char *chain, int64_t from_seq, const char *from_mac, int64_t upto,
		       int64_t *last_seq, char last_mac[65], audit_report *r);
/* At the upgrade to chained records: puts the records that have no chain
 * into the "legacy" chain under the key (after checking their old SHA-256
 * chain one last time), and records the seal. */
int audit_seal_legacy(zj_ctx *c, int64_t *sealed, int *old_intact, char *msg, size_t msglen);
#endif
