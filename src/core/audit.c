/* audit.c — appending keyed, chained audit records (see audit.h).
 *
 * The MAC input is a fixed, unambiguous serialisation: a version tag, then
 * each field as an 8-byte length and its bytes, so no two different records
 * give the same byte stream. The chain's head row (audit_chain_heads) is the
 * only shared state an append touches: on PostgreSQL the UPDATE locks that
 * one row until the transaction ends, so appends on other chains go on in
 * parallel; on SQLite writers are serialised by the file anyway. */
#include "core/audit.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mac_field(crypto_auth_hmacsha512256_state *st, const char *s)
{
	s = s ? s : "";
	uint64_t n = strlen(s);
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(n >> (8 * i));
	crypto_auth_hmacsha512256_update(st, len, sizeof len);
	crypto_auth_hmacsha512256_update(st, (const unsigned char *)s, n);
}

void audit_rec_mac(const audit_rec *r, char out[65])
{
	crypto_auth_hmacsha512256_state st;
	crypto_auth_hmacsha512256_init(&st, audit_key_mac(), crypto_auth_hmacsha512256_KEYBYTES);
	char seq[24];
	snprintf(seq, sizeof seq, "%lld", (long long)r->seq);
	const char *f[] = {"zhijian-audit-v2", r->chain,  seq,    r->prev,   r->at,   r->uid, r->uname, r->ip,
			   r->action,          r->entity, r->eid, r->before, r->after};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		mac_field(&st, f[i]);
	unsigned char tag[crypto_auth_hmacsha512256_BYTES];
	crypto_auth_hmacsha512256_final(&st, tag);
	sodium_bin2hex(out, 65, tag, sizeof tag);
}

void audit_chain_of(const zj_user *u, char out[AUDIT_CHAIN_MAX])
{
	snprintf(out, AUDIT_CHAIN_MAX, "system");
	if (!u)
		return;
	/* the last component of "/150000/150200/" */
	const char *p = u->juris_path, *end = p + strlen(p);
	while (end > p && end[-1] == '/')
		end--;
	const char *start = end;
	while (start > p && start[-1] != '/')
		start--;
	if (end > start && end - start < AUDIT_CHAIN_MAX)
		snprintf(out, AUDIT_CHAIN_MAX, "%.*s", (int)(end - start), start);
	else if (u->jurisdiction_id)
		snprintf(out, AUDIT_CHAIN_MAX, "j%lld", (long long)u->jurisdiction_id);
}

/* Takes the chain's next sequence number and the previous MAC, locking the
 * head row for the rest of the transaction. */
static int head_next(db *d, const char *chain, int64_t *seq, char prev[65])
{
	for (int attempt = 0; attempt < 2; attempt++) {
		db_stmt *s;
		if (db_prepare(d, "UPDATE audit_chain_heads SET seq = seq + 1 WHERE chain = ? RETURNING seq, mac",
			       &s) != DB_OK)
			return DB_ERR;
		db_bind_text(s, 1, chain);
		int rc = db_step(s), got = rc == DB_ROW;
		if (got) {
			*seq = db_col_int(s, 0);
			snprintf(prev, 65, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
			for (rc = db_step(s); rc == DB_ROW; rc = db_step(s))
				;
		}
		db_finalize(s);
		if (rc != DB_DONE)
			return rc == DB_BUSY ? DB_BUSY : DB_ERR;
		if (got)
			return DB_OK;
		/* a chain's first record: create its head (a racing writer may win) */
		const char *p[] = {chain};
		if (db_run(d,
			   "INSERT INTO audit_chain_heads (chain, seq, mac) VALUES (?, 0, '') ON CONFLICT (chain) DO NOTHING",
			   1, p) != DB_OK)
			return DB_ERR;
	}
	return DB_ERR;
}

int audit_append(zj_ctx *c, const char *action, const char *entity, int64_t entity_id, const json_t *before,
		 const json_t *after)
{
#ifdef ZJ_BENCH_NO_AUDIT
	/* Only in bench/run_audit_pg's comparison binary, never in a build of
	 * the Makefile: the same server with no audit record at all. */
	(void)c, (void)action, (void)entity, (void)entity_id, (void)before, (void)after;
	return DB_OK;
#endif
	if (!audit_key_loaded()) {
		fprintf(stderr,
			"zhijian: the audit key is missing; record '%s' refused (see docs/operations.md, audit key)\n",
			action);
		return DB_ERR;
	}
	db *d = c->db;
	int own_tx = !d->in_tx;
	if (own_tx && db_begin(d) != DB_OK)
		return DB_ERR;
	char chain[AUDIT_CHAIN_MAX], prev[65] = "", mac[65];
	audit_chain_of(c->user, chain);
	int64_t seq = 0;
	int rc = head_next(d, chain, &seq, prev);
	char uid[24] = "", eid[24] = "", seqt[24];
	if (c->user)
		snprintf(uid, sizeof uid, "%lld", (long long)c->user->id);
	if (entity_id)
		snprintf(eid, sizeof eid, "%lld", (long long)entity_id);
	snprintf(seqt, sizeof seqt, "%lld", (long long)seq);
	char *bj = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *aj = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	const char *uname = c->user ? c->user->username : "system";
	if (rc == DB_OK) {
		audit_rec r = {chain, seq, prev, c->now, uid, uname, c->ip, action, entity, eid, bj, aj};
		audit_rec_mac(&r, mac);
		const char *p[] = {c->now,
				   uid[0] ? uid : NULL,
				   uname,
				   c->ip,
				   action,
				   entity,
				   eid[0] ? eid : NULL,
				   bj,
				   aj,
				   prev,
				   mac,
				   chain,
				   seqt};
		rc = db_run(
			d,
			"INSERT INTO audit_log (at, user_id, username, ip, action, entity, entity_id, before, after, prev_hash, hash, chain, seq)"
			" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
			13, p);
	}
	if (rc == DB_OK) {
		const char *p[] = {mac, chain};
		rc = db_run(d, "UPDATE audit_chain_heads SET mac = ? WHERE chain = ?", 2, p);
	}
	free(bj), free(aj);
	if (own_tx) {
		if (rc == DB_OK)
			rc = db_commit(d);
		if (rc != DB_OK)
			db_rollback(d);
	}
	return rc;
}

/* One slot per (action, address) hash: the minute of the last record. A
 * collision can only let an extra record through, never lose the first. */
enum { REFUSAL_SLOTS = 512 };
static struct {
	unsigned h;
	char minute[17];
} refusals[REFUSAL_SLOTS];
static pthread_mutex_t refusals_mu = PTHREAD_MUTEX_INITIALIZER;

int audit_refusal(zj_ctx *c, const char *action, const char *entity, const json_t *after)
{
	unsigned h = 5381;
	for (const char *p = action; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (const char *p = c->ip ? c->ip : ""; *p; p++)
		h = h * 33 + (unsigned char)*p;
	pthread_mutex_lock(&refusals_mu);
	unsigned i = h % REFUSAL_SLOTS;
	int first = refusals[i].h != h || strncmp(refusals[i].minute, c->now, 16);
	if (first) {
		refusals[i].h = h;
		snprintf(refusals[i].minute, sizeof refusals[i].minute, "%.16s", c->now);
	}
	pthread_mutex_unlock(&refusals_mu);
	if (!first)
		return 0;
	json_t *a = after ? json_deep_copy(after) : json_object();
	json_object_set_new(a, "note",
			    json_string("further refusals from this address in this minute are not recorded"));
	int rc = audit_append(c, action, entity, 0, NULL, a);
	json_decref(a);
	return rc == DB_OK ? 1 : -1;
}
