/* audit_verify.c — checking the chains against the key, the head rows and
 * the latest checkpoint; and sealing pre-chain records at the upgrade.
 *
 * What each tampering looks like here:
 *   a field edited         → that record's MAC does not verify
 *   a middle record gone   → the next record's sequence number skips
 *   the last records gone  → the chain is shorter than its head row and
 *                            than its checkpoint (truncation)
 *   every record gone      → the chain is missing but the checkpoint has it
 *   hashes recomputed      → without the key no MAC verifies: the first
 *                            record of each chain is named */
#include "core/audit.h"
#include "core/partitions.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void finding(audit_report *r, int64_t id, const char *chain, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void finding(audit_report *r, int64_t id, const char *chain, const char *fmt, ...)
{
	r->bad_id = id;
	snprintf(r->bad_chain, sizeof r->bad_chain, "%s", chain);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
}

/* Progress of a long verification (a province's log): where to say it, and
 * how many records were read so far across the chains. */
static FILE *progress_out;
static int64_t progress_done;
static time_t progress_t0;

void audit_verify_progress(FILE *out)
{
	progress_out = out;
	progress_done = 0;
	progress_t0 = time(NULL);
}

static void progress_line(const char *chain, int64_t seq)
{
	fprintf(progress_out, "audit-verify: %lld records read (chain %s at #%lld), %lld s\n", (long long)progress_done,
		chain, (long long)seq, (long long)(time(NULL) - progress_t0));
	fflush(progress_out);
}

int audit_verify_chain(db *d, const char *chain, int64_t from_seq, const char *from_mac, int64_t upto,
		       int64_t *last_seq, char last_mac[65], audit_report *r)
{
	memset(r, 0, sizeof *r);
	*last_seq = from_seq;
	snprintf(last_mac, 65, "%s", from_mac ? from_mac : "");
	/* the log and its archived partitions (core/partitions.c, PostgreSQL) */
	char *src = partitions_audit_source(d), *sql = NULL;
	size_t n = strlen(src) + 256;
	sql = xmalloc(n);
	snprintf(sql, n,
		 "SELECT id, seq, at, user_id, username, ip, action, entity, entity_id, before, after, prev_hash, hash"
		 " FROM %s WHERE chain = ? AND seq >= ?%s ORDER BY seq",
		 src, upto > 0 ? " AND seq <= ?" : "");
	free(src);
	db_stmt *s;
	int prc = db_prepare(d, sql, &s);
	free(sql);
	if (prc != DB_OK) {
		snprintf(r->why, sizeof r->why, "cannot read audit_log: %s", db_errmsg(d));
		return 2;
	}
	db_bind_text(s, 1, chain);
	db_bind_int(s, 2, from_seq > 0 ? from_seq : 1);
	if (upto > 0)
		db_bind_int(s, 3, upto);
	db_stream(s);
	int64_t seq = from_seq;
	char prev[65];
	snprintf(prev, sizeof prev, "%s", from_mac ? from_mac : "");
	int rc, bad = 0, anchored = from_seq == 0;
	for (rc = db_step(s); rc == DB_ROW; rc = bad ? DB_ROW : db_step(s)) {
		if (bad)
			break; /* stopped at the first finding: rc stays DB_ROW, as before */
		const char *f[13];
		for (int i = 0; i < 13; i++)
			f[i] = db_col_text(s, i);
		int64_t id = db_col_int(s, 0), got = db_col_int(s, 1);
		const char *stored_prev = f[11] ? f[11] : "", *stored = f[12] ? f[12] : "";
		if (!anchored) {
			/* the anchor itself (verified when it was checkpointed) */
			anchored = 1;
			if (got != from_seq)
				finding(r, id, chain,
					"chain %s: record %lld of the chain, anchored by a checkpoint, is missing (deleted)",
					chain, (long long)from_seq),
					bad = 1;
			else if (strcmp(stored, from_mac))
				finding(r, id, chain,
					"record %lld (chain %s #%lld): differs from the checkpoint (rewritten)",
					(long long)id, chain, (long long)got),
					bad = 1;
			continue;
		}
		if (got != seq + 1) {
			finding(r, id, chain,
				"record %lld (chain %s #%lld): record(s) #%lld..#%lld of the chain before it are missing (deleted)",
				(long long)id, chain, (long long)got, (long long)(seq + 1), (long long)(got - 1));
			bad = 1;
			break;
		}
		char mac[65];
		audit_rec x = {chain, got, prev, f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]};
		audit_rec_mac(&x, mac);
		if (strcmp(mac, stored)) {
			if (strcmp(stored_prev, prev))
				finding(r, id, chain,
					"record %lld (chain %s #%lld): does not link to the record before it (that one was changed or removed)",
					(long long)id, chain, (long long)got);
			else
				finding(r, id, chain,
					"record %lld (chain %s #%lld): content does not match its MAC (altered or re-hashed without the key)",
					(long long)id, chain, (long long)got);
			bad = 1;
			break;
		}
		seq = got;
		memcpy(prev, mac, sizeof prev);
		if (progress_out && ++progress_done % 1000000 == 0)
			progress_line(chain, seq);
	}
	db_finalize(s);
	if (bad)
		return 1;
	if (rc != DB_DONE) {
		snprintf(r->why, sizeof r->why, "cannot read audit_log: %s", db_errmsg(d));
		return 2;
	}
	if (!anchored) {
		finding(r, 0, chain, "chain %s: record #%lld, anchored by a checkpoint, is missing (truncated)", chain,
			(long long)from_seq);
		return 1;
	}
	*last_seq = seq;
	memcpy(last_mac, prev, 65);
	if (upto > 0 && seq < upto) {
		finding(r, 0, chain, "chain %s ends at #%lld, expected #%lld (truncated)", chain, (long long)seq,
			(long long)upto);
		return 1;
	}
	return 0;
}

/* ---- the whole log ---- */

typedef struct chain_set {
	char (*name)[AUDIT_CHAIN_MAX];
	int n, cap;
} chain_set;

static void set_add(chain_set *cs, const char *name)
{
	if (!name)
		return;
	for (int i = 0; i < cs->n; i++)
		if (!strcmp(cs->name[i], name))
			return;
	if (cs->n == cs->cap)
		cs->name = xrealloc(cs->name, sizeof *cs->name * (size_t)(cs->cap = cs->cap ? cs->cap * 2 : 32));
	snprintf(cs->name[cs->n++], AUDIT_CHAIN_MAX, "%s", name);
}

/* Keeps the earliest finding: a named record before a chain-level one,
 * the lowest record id among named records. */
static void keep(audit_report *best, const audit_report *f, int *nbad)
{
	(*nbad)++;
	fprintf(stderr, "audit: %s\n", f->why);
	int better = !best->why[0] || (f->bad_id && (!best->bad_id || f->bad_id < best->bad_id));
	if (better) {
		best->bad_id = f->bad_id;
		memcpy(best->bad_chain, f->bad_chain, sizeof best->bad_chain);
		memcpy(best->why, f->why, sizeof best->why);
	}
}

int audit_verify(db *d, const char *cp_path, const char *want_digest, audit_report *r)
{
	memset(r, 0, sizeof *r);
	audit_cp cp = {0};
	char err[512];
	if (cp_path && *cp_path) {
		int c = audit_cp_read(cp_path, want_digest, &cp, err, sizeof err);
		if (c) {
			finding(r, 0, "", "%s: truncation and re-hashing cannot be ruled out", err);
			return c == 1 ? 1 : 2;
		}
		r->cp_found = 1;
		snprintf(r->cp_at, sizeof r->cp_at, "%s", cp.at);
		snprintf(r->cp_digest, sizeof r->cp_digest, "%s", cp.digest);
		r->cp_records = cp.records;
	}
	/* heads first: records only grow after them, so a live server does not
	 * make a chain look shorter than its head */
	chain_set cs = {0};
	audit_head *heads = NULL;
	int nh = 0, rc = 0, nbad = 0;
	db_stmt *s;
	if (db_prepare(d, "SELECT chain, seq, mac FROM audit_chain_heads ORDER BY chain", &s) != DB_OK) {
		snprintf(r->why, sizeof r->why, "cannot read audit_chain_heads: %s", db_errmsg(d));
		audit_cp_free(&cp);
		return 2;
	}
	while (db_step(s) == DB_ROW) {
		heads = xrealloc(heads, sizeof *heads * (size_t)(nh + 1));
		snprintf(heads[nh].chain, sizeof heads[nh].chain, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
		heads[nh].seq = db_col_int(s, 1);
		set_add(&cs, heads[nh].chain);
		nh++;
	}
	db_finalize(s);
	for (int i = 0; i < cp.n; i++)
		set_add(&cs, cp.heads[i].chain);
	char *src = partitions_audit_source(d);
	strbuf q;
	sb_init(&q);
	sb_printf(&q, "SELECT DISTINCT chain FROM %s WHERE chain IS NOT NULL", src);
	if (db_prepare(d, q.s, &s) == DB_OK) {
		while (db_step(s) == DB_ROW)
			set_add(&cs, db_col_text(s, 0));
		db_finalize(s);
	}
	sb_reset(&q);
	sb_printf(&q, "SELECT MIN(id) FROM %s WHERE chain IS NULL OR seq IS NULL", src);
	int64_t unchained = db_query_int(d, q.s, 0, NULL, 0);
	sb_free(&q);
	free(src);
	if (unchained > 0) {
		audit_report f = {0};
		finding(&f, unchained, "",
			"record %lld: belongs to no chain (written outside the audit log's own code)",
			(long long)unchained);
		keep(r, &f, &nbad);
	}
	for (int i = 0; i < cs.n && rc != 2; i++) {
		const char *chain = cs.name[i];
		const audit_head *a = NULL;
		for (int k = 0; k < cp.n; k++)
			if (!strcmp(cp.heads[k].chain, chain))
				a = &cp.heads[k];
		audit_report f;
		int64_t last = 0;
		char mac[65];
		int v = audit_verify_chain(d, chain, 0, "", a ? a->seq : 0, &last, mac, &f);
		if (v == 1 && a && f.bad_id == 0) {
			finding(&f, 0, chain,
				"chain %s truncated: the checkpoint of %s counts %lld records, the database has %lld (#%lld..#%lld deleted)",
				chain, cp.at, (long long)a->seq, (long long)last, (long long)(last + 1),
				(long long)a->seq);
			last = 0;
		} else if (v == 0 && a && strcmp(mac, a->mac)) {
			finding(&f, 0, chain, "chain %s: record #%lld differs from the checkpoint of %s (rewritten)",
				chain, (long long)a->seq, cp.at);
			v = 1;
		} else if (v == 0 && a)
			v = audit_verify_chain(d, chain, a->seq, a->mac, 0, &last, mac, &f);
		if (v == 2) {
			memcpy(r->why, f.why, sizeof r->why);
			rc = 2;
			break;
		}
		if (v == 1) {
			keep(r, &f, &nbad);
			continue;
		}
		for (int k = 0; k < nh; k++)
			if (!strcmp(heads[k].chain, chain) && heads[k].seq > last) {
				finding(&f, 0, chain,
					"chain %s truncated: its head row counts %lld records, the database has %lld (#%lld..#%lld deleted)",
					chain, (long long)heads[k].seq, (long long)last, (long long)(last + 1),
					(long long)heads[k].seq);
				keep(r, &f, &nbad);
			}
		r->records += last;
		r->chains++;
	}
	free(cs.name);
	free(heads);
	audit_cp_free(&cp);
	if (rc)
		return rc;
	return nbad ? 1 : 0;
}

/* ---- the upgrade: records written before chains ---- */

static void sha_link(const char *prev, const char *const *f, char out[65])
{
	/* the pre-chain format: SHA-256 over length-prefixed fields */
	strbuf b;
	sb_init(&b);
	const char *all[] = {prev, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const char *x = all[i] ? all[i] : "";
		sb_printf(&b, "%zu:", strlen(x));
		sb_add(&b, x);
		sb_addc(&b, '|');
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)b.s, b.len);
	sodium_bin2hex(out, 65, h, sizeof h);
	sb_free(&b);
}

int audit_seal_legacy(zj_ctx *c, int64_t *sealed, int *old_intact, char *msg, size_t msglen)
{
	db *d = c->db;
	*sealed = 0, *old_intact = 1;
	if (db_begin(d) != DB_OK) {
		snprintf(msg, msglen, "%s", db_errmsg(d));
		return DB_ERR;
	}
	char old_prev[65] = "", prev[65] = "";
	int64_t first_bad = 0, seq = 0, after_id = 0;
	int rc = DB_OK;
	for (;;) {
		/* in batches: a large log is never held in memory whole */
		db_stmt *s;
		char aid[24];
		snprintf(aid, sizeof aid, "%lld", (long long)after_id);
		if (db_prepare(
			    d,
			    "SELECT id, at, user_id, username, ip, action, entity, entity_id, before, after, prev_hash, hash"
			    " FROM audit_log WHERE chain IS NULL AND id > ? ORDER BY id LIMIT 500",
			    &s) != DB_OK) {
			rc = DB_ERR;
			break;
		}
		db_bind_text(s, 1, aid);
		int nrow = 0;
		struct row {
			int64_t id;
			char *f[11];
		} rows[500];
		while (db_step(s) == DB_ROW && nrow < 500) {
			rows[nrow].id = db_col_int(s, 0);
			for (int i = 0; i < 11; i++)
				rows[nrow].f[i] = db_col_text(s, i + 1) ? strdup(db_col_text(s, i + 1)) : NULL;
			nrow++;
		}
		db_finalize(s);
		for (int i = 0; i < nrow && rc == DB_OK; i++) {
			char **f = rows[i].f, h[65];
			sha_link(old_prev, (const char *const *)f, h);
			if (!first_bad && (strcmp(f[9] ? f[9] : "", old_prev) || strcmp(h, f[10] ? f[10] : "")))
				first_bad = rows[i].id;
			snprintf(old_prev, sizeof old_prev, "%s", f[10] ? f[10] : "");
			char mac[65], seqt[24], idt[24];
			audit_rec x = {"legacy", ++seq, prev, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
			audit_rec_mac(&x, mac);
			snprintf(seqt, sizeof seqt, "%lld", (long long)seq);
			snprintf(idt, sizeof idt, "%lld", (long long)rows[i].id);
			const char *p[] = {seqt, prev, mac, idt};
			rc = db_run(
				d,
				"UPDATE audit_log SET chain = 'legacy', seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
				4, p);
			memcpy(prev, mac, sizeof prev);
			after_id = rows[i].id;
		}
		for (int i = 0; i < nrow; i++)
			for (int k = 0; k < 11; k++)
				free(rows[i].f[k]);
		if (rc != DB_OK || nrow < 500)
			break;
	}
	if (rc == DB_OK && seq > 0) {
		char seqt[24];
		snprintf(seqt, sizeof seqt, "%lld", (long long)seq);
		const char *p[] = {seqt, prev};
		rc = db_run(d, "INSERT INTO audit_chain_heads (chain, seq, mac) VALUES ('legacy', ?, ?)", 2, p);
	}
	if (rc == DB_OK && seq > 0) {
		json_t *a = json_pack("{s:I, s:s, s:b}", "legacy_records", (json_int_t)seq, "old_sha256_head", old_prev,
				      "old_chain_intact", !first_bad);
		if (first_bad)
			json_object_set_new(a, "old_first_bad_record", json_integer(first_bad));
		rc = audit_append(c, "audit_seal_legacy", "audit_log", 0, NULL, a);
		json_decref(a);
	}
	if (rc == DB_OK)
		rc = db_commit(d);
	if (rc != DB_OK) {
		snprintf(msg, msglen, "sealing the pre-chain audit records failed: %s", db_errmsg(d));
		db_rollback(d);
		return DB_ERR;
	}
	*sealed = seq, *old_intact = !first_bad;
	if (first_bad)
		snprintf(
			msg, msglen,
			"%lld pre-chain audit records sealed as chain 'legacy'; their old SHA-256 chain was already broken at record %lld",
			(long long)seq, (long long)first_bad);
	else
		snprintf(msg, msglen,
			 "%lld pre-chain audit records sealed as chain 'legacy' (their old SHA-256 chain verified)",
			 (long long)seq);
	return DB_OK;
}
