/* audit_checkpoint.c — the signed checkpoint file outside the database.
 *
 * One line per checkpoint, appended and never rewritten:
 *   zhijian-audit-checkpoint v1 AT N CHAIN:SEQ:MAC,CHAIN:SEQ:MAC,... sig=HEX
 * (N chains, sorted; "-" when there are none). The Ed25519 signature covers
 * the line up to " sig=". A checkpoint is only written over chains that were
 * verified from the previous checkpoint to their heads, so it never anchors
 * a truncated or rewritten chain. The digest (BLAKE2b-128 of the signed
 * line) is short enough for the records office to file on paper. */
#include "core/audit.h"
#include "lib/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char MAGIC[] = "zhijian-audit-checkpoint v1 ";

void audit_cp_format(const char *at, const audit_head *h, int n, strbuf *out)
{
	sb_reset(out);
	sb_add(out, MAGIC);
	sb_add(out, at);
	sb_printf(out, " %d ", n);
	for (int i = 0; i < n; i++)
		sb_printf(out, "%s%s:%lld:%s", i ? "," : "", h[i].chain, (long long)h[i].seq, h[i].mac);
	if (!n)
		sb_addc(out, '-');
	unsigned char sig[crypto_sign_BYTES];
	char hex[2 * crypto_sign_BYTES + 1];
	if (audit_key_sign((const unsigned char *)out->s, out->len, sig) != 0)
		memset(sig, 0, sizeof sig);
	sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
	sb_add(out, " sig=");
	sb_add(out, hex);
}

void audit_cp_digest(const char *line, char out[40])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)line, strlen(line), NULL, 0);
	char hex[33];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	char *o = out;
	for (int i = 0; i < 32; i++) {
		if (i && i % 4 == 0)
			*o++ = '-';
		*o++ = (char)(hex[i] >= 'a' ? hex[i] - 32 : hex[i]);
	}
	*o = 0;
}

void audit_cp_free(audit_cp *cp)
{
	free(cp->heads);
	memset(cp, 0, sizeof *cp);
}

static int chain_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
	       ch == '-' || ch == '.';
}

int audit_cp_parse(const char *line, audit_cp *cp, char *err, size_t errlen)
{
	memset(cp, 0, sizeof *cp);
	const char *sig = strstr(line, " sig=");
	size_t ml = sizeof MAGIC - 1;
	if (strncmp(line, MAGIC, ml) || !sig) {
		snprintf(err, errlen, "not a checkpoint line");
		return 1;
	}
	unsigned char s[crypto_sign_BYTES];
	size_t got = 0;
	const char *end = NULL;
	if (sodium_hex2bin(s, sizeof s, sig + 5, strlen(sig + 5), NULL, &got, &end) != 0 || got != sizeof s ||
	    (*end && *end != '\n' && *end != '\r')) {
		snprintf(err, errlen, "malformed signature");
		return 1;
	}
	if (audit_key_check((const unsigned char *)line, (size_t)(sig - line), s) != 0) {
		snprintf(err, errlen, "the signature does not verify under this audit key (altered, or another key)");
		return 1;
	}
	const char *p = line + ml;
	int n = 0, used = 0;
	if (sscanf(p, "%31s %d %n", cp->at, &n, &used) < 2 || n < 0 || n > 10000000) {
		snprintf(err, errlen, "malformed header");
		return 1;
	}
	p += used;
	cp->heads = xcalloc((size_t)(n ? n : 1), sizeof *cp->heads);
	for (int i = 0; i < n; i++) {
		audit_head *h = &cp->heads[i];
		size_t k = 0;
		while (chain_char(*p) && k + 1 < sizeof h->chain)
			h->chain[k++] = *p++;
		h->chain[k] = 0;
		char *q;
		if (!k || *p != ':') {
			snprintf(err, errlen, "malformed chain %d", i + 1);
			audit_cp_free(cp);
			return 1;
		}
		h->seq = strtoll(p + 1, &q, 10);
		if (*q != ':' || strspn(q + 1, "0123456789abcdef") != 64 || h->seq < 0) {
			snprintf(err, errlen, "malformed head of chain %s", h->chain);
			audit_cp_free(cp);
			return 1;
		}
		memcpy(h->mac, q + 1, 64);
		h->mac[64] = 0;
		p = q + 65;
		if (*p == ',')
			p++;
		cp->records += h->seq;
	}
	cp->n = n;
	snprintf(err, errlen, "%s", "");
	size_t len = strcspn(line, "\r\n");
	char *copy = xstrndup(line, len);
	audit_cp_digest(copy, cp->digest);
	free(copy);
	return 0;
}

/* Digests compare without dashes and case: "4f2a91c3..." = "4F2A-91C3-...". */
static int digest_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a == '-' || *a == ' ')
			a++;
		while (*b == '-' || *b == ' ')
			b++;
		char x = (char)(*a >= 'a' && *a <= 'f' ? *a - 32 : *a),
		     y = (char)(*b >= 'a' && *b <= 'f' ? *b - 32 : *b);
		if (x != y)
			return 0;
		if (!x)
			return 1;
		a++, b++;
	}
}

int audit_cp_read(const char *path, const char *want_digest, audit_cp *cp, char *err, size_t errlen)
{
	memset(cp, 0, sizeof *cp);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "no checkpoint file %s (%s)", path, strerror(errno));
		return errno == ENOENT ? 1 : 2;
	}
	char *line = NULL, *pick = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, picked = 0;
	for (n = getline(&line, &cap, f); n > 0; n = getline(&line, &cap, f)) {
		lineno++;
		/* a last line without its newline is still being written: skip it */
		if (line[n - 1] != '\n' || line[0] == '#' || line[0] == '\n')
			continue;
		line[n - 1] = 0;
		if (want_digest) {
			char dg[40];
			audit_cp_digest(line, dg);
			if (!digest_eq(dg, want_digest))
				continue;
		}
		free(pick);
		pick = xstrdup(line);
		picked = lineno;
	}
	free(line);
	fclose(f);
	if (!pick) {
		if (want_digest)
			snprintf(err, errlen, "%s holds no checkpoint with the digest %s", path, want_digest);
		else
			snprintf(err, errlen, "%s holds no checkpoint yet", path);
		return want_digest ? 2 : 1;
	}
	char why[200];
	int rc = audit_cp_parse(pick, cp, why, sizeof why);
	free(pick);
	if (rc) {
		snprintf(err, errlen, "%s line %ld: %s", path, picked, why);
		return 2;
	}
	return 0;
}

static const audit_head *find_head(const audit_cp *cp, const char *chain)
{
	for (int i = 0; i < cp->n; i++)
		if (!strcmp(cp->heads[i].chain, chain))
			return &cp->heads[i];
	return NULL;
}

int audit_checkpoint(db *d, const char *path, const char *now, audit_cp *out, char *msg, size_t msglen)
{
	audit_cp prev;
	char err[512];
	int prc = audit_cp_read(path, NULL, &prev, err, sizeof err);
	if (prc == 2) {
		snprintf(msg, msglen, "checkpoint refused: %s", err);
		return 1;
	}
	/* the heads, then each chain verified from its last anchor up to them */
	int cap = 16, n = 0;
	audit_head *h = xcalloc((size_t)cap, sizeof *h);
	db_stmt *s;
	int rc = 0;
	if (db_prepare(d, "SELECT chain, seq, mac FROM audit_chain_heads WHERE seq > 0 ORDER BY chain", &s) != DB_OK) {
		snprintf(msg, msglen, "cannot read audit_chain_heads: %s", db_errmsg(d));
		rc = 2;
	} else {
		while (db_step(s) == DB_ROW) {
			if (n == cap)
				h = xrealloc(h, sizeof *h * (size_t)(cap *= 2));
			snprintf(h[n].chain, sizeof h[n].chain, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
			h[n].seq = db_col_int(s, 1);
			snprintf(h[n].mac, sizeof h[n].mac, "%s", db_col_text(s, 2) ? db_col_text(s, 2) : "");
			n++;
		}
		db_finalize(s);
	}
	for (int i = 0; i < prev.n && rc == 0; i++) {
		int present = 0;
		for (int k = 0; k < n; k++)
			present |= !strcmp(h[k].chain, prev.heads[i].chain);
		if (!present) {
			snprintf(
				msg, msglen,
				"checkpoint refused: chain %s (%lld records at the checkpoint of %s) is gone from the database",
				prev.heads[i].chain, (long long)prev.heads[i].seq, prev.at);
			rc = 1;
		}
	}
	for (int i = 0; i < n && rc == 0; i++) {
		const audit_head *p = find_head(&prev, h[i].chain);
		audit_report r;
		int64_t last = 0;
		char mac[65];
		if (p && h[i].seq < p->seq) {
			snprintf(
				msg, msglen,
				"checkpoint refused: chain %s has %lld records, the checkpoint of %s counted %lld (truncated)",
				h[i].chain, (long long)h[i].seq, prev.at, (long long)p->seq);
			rc = 1;
			break;
		}
		int v = audit_verify_chain(d, h[i].chain, p ? p->seq : 0, p ? p->mac : "", h[i].seq, &last, mac, &r);
		if (v == 0 && (last != h[i].seq || strcmp(mac, h[i].mac))) {
			snprintf(r.why, sizeof r.why,
				 "chain %s: its head row (seq %lld) does not match its last record (seq %lld)",
				 h[i].chain, (long long)h[i].seq, (long long)last);
			v = 1;
		}
		if (v) {
			snprintf(msg, msglen, "checkpoint refused: %s", r.why);
			rc = v;
		}
	}
	audit_cp_free(&prev);
	if (rc) {
		fprintf(stderr, "zhijian: AUDIT ALARM: %s\n", msg);
		free(h);
		return rc;
	}
	strbuf line;
	sb_init(&line);
	audit_cp_format(now, h, n, &line);
	char digest[40];
	audit_cp_digest(line.s, digest);
	sb_addc(&line, '\n');
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	int ok = fd >= 0 && write(fd, line.s, line.len) == (ssize_t)line.len && fsync(fd) == 0;
	if (fd >= 0)
		ok &= close(fd) == 0;
	int64_t records = 0;
	for (int i = 0; i < n; i++)
		records += h[i].seq;
	if (!ok) {
		snprintf(msg, msglen, "cannot append to the checkpoint file %s: %s", path, strerror(errno));
		fprintf(stderr, "zhijian: AUDIT ALARM: %s\n", msg);
		sb_free(&line);
		free(h);
		return 2;
	}
	snprintf(msg, msglen, "audit checkpoint %s: %d chains, %lld records, digest %s (%s)", now, n,
		 (long long)records, digest, path);
	/* the operations log: the same anchor, kept apart from the file */
	fprintf(stderr, "zhijian: %s\n", msg);
	if (out) {
		line.s[line.len - 1] = 0;
		char e2[64];
		if (audit_cp_parse(line.s, out, e2, sizeof e2) != 0)
			memset(out, 0, sizeof *out);
	}
	sb_free(&line);
	free(h);
	return 0;
}
