/* audit.c — hash-chained audit records. The hash input is a fixed,
 * unambiguous serialisation: each field length-prefixed, so no two
 * different records can produce the same byte stream. */
#include "core/audit.h"
#include "lib/strbuf.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(strbuf *b, const char *s)
{
	s = s ? s : "";
	sb_printf(b, "%zu:", strlen(s));
	sb_add(b, s);
	sb_addc(b, '|');
}

static void record_hash(const char *prev, const char *at, const char *uid, const char *uname, const char *ip,
			const char *action, const char *entity, const char *eid, const char *before,
			const char *after, char out[65])
{
	strbuf b;
	sb_init(&b);
	put(&b, prev), put(&b, at), put(&b, uid), put(&b, uname), put(&b, ip);
	put(&b, action), put(&b, entity), put(&b, eid), put(&b, before), put(&b, after);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)b.s, b.len);
	sodium_bin2hex(out, 65, h, sizeof h);
	sb_free(&b);
}

int audit_append(zj_ctx *c, const char *action, const char *entity, int64_t entity_id,
		 const json_t *before, const json_t *after)
{
	db *d = c->db;
	int own_tx = !d->in_tx;
	if (own_tx && db_begin(d) != DB_OK)
		return DB_ERR;
	int rc = d->drv->chain_lock(d);
	char prev[65] = "";
	if (rc == DB_OK) {
		db_stmt *s;
		rc = db_prepare(d, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", &s);
		if (rc == DB_OK) {
			if (db_step(s) == DB_ROW && db_col_text(s, 0))
				snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
			db_finalize(s);
		}
	}
	char uid[24] = "", eid[24] = "", hash[65];
	if (c->user)
		snprintf(uid, sizeof uid, "%lld", (long long)c->user->id);
	if (entity_id)
		snprintf(eid, sizeof eid, "%lld", (long long)entity_id);
	char *bj = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *aj = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	const char *uname = c->user ? c->user->username : "system";
	if (rc == DB_OK) {
		record_hash(prev, c->now, uid, uname, c->ip, action, entity, eid, bj, aj, hash);
		const char *p[] = {c->now, uid[0] ? uid : NULL, uname, c->ip, action, entity, eid[0] ? eid : NULL, bj, aj, prev, hash};
		rc = db_run(d, "INSERT INTO audit_log (at, user_id, username, ip, action, entity, entity_id, before, after, prev_hash, hash)"
			       " VALUES (?,?,?,?,?,?,?,?,?,?,?)", 11, p);
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

int audit_verify(db *d, int64_t *count, int64_t *bad_id, char *why, size_t whylen)
{
	db_stmt *s;
	*count = 0, *bad_id = 0;
	if (db_prepare(d, "SELECT id, at, user_id, username, ip, action, entity, entity_id, before, after, prev_hash, hash"
			  " FROM audit_log ORDER BY id", &s) != DB_OK) {
		snprintf(why, whylen, "cannot read audit_log: %s", db_errmsg(d));
		return 2;
	}
	char prev[65] = "", h[65];
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *f[12];
		for (int i = 0; i < 12; i++)
			f[i] = db_col_text(s, i);
		int64_t id = db_col_int(s, 0);
		if (strcmp(f[10] ? f[10] : "", prev)) {
			*bad_id = id;
			snprintf(why, whylen, "record %lld: prev_hash does not match the hash of the record before it", (long long)id);
			db_finalize(s);
			return 1;
		}
		record_hash(prev, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], h);
		if (strcmp(h, f[11] ? f[11] : "")) {
			*bad_id = id;
			snprintf(why, whylen, "record %lld: content does not match its hash (altered)", (long long)id);
			db_finalize(s);
			return 1;
		}
		memcpy(prev, h, sizeof prev);
		(*count)++;
	}
	db_finalize(s);
	if (rc != DB_DONE) {
		snprintf(why, whylen, "cannot read audit_log: %s", db_errmsg(d));
		return 2;
	}
	return 0;
}
