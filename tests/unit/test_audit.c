/* test_audit.c — the audit chains (core/audit*.c): the keyed MAC, one chain
 * per jurisdiction, signed checkpoints and their digest, and verification
 * of every kind of tampering: an edited field, a deleted middle record, the
 * last records deleted, every record deleted, every hash recomputed with
 * plain SHA-256 (no key), a record slipped in without a chain; the refusal
 * to checkpoint a truncated chain; and the seal of pre-chain records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/audit.h"
#include "core/migrate.h"
#include "lib/xalloc.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static db *d;
static char path[64], cpfile[80];
static zj_user kundulun = {.id = 7, .username = "officer", .juris_path = "/150000/150200/150203/"};
static zj_user qingshan = {.id = 8, .username = "qs", .juris_path = "/150000/150200/150204/"};

static void use_key(unsigned char v)
{
	unsigned char mk[32], seed[32];
	memset(mk, v, sizeof mk);
	memset(seed, v ^ 0x5a, sizeof seed);
	audit_key_set(mk, seed);
}

static int setup(void **st)
{
	snprintf(path, sizeof path, "/tmp/zj-audit-%d.db", getpid());
	snprintf(cpfile, sizeof cpfile, "/tmp/zj-audit-%d.checkpoints", getpid());
	unlink(path), unlink(cpfile);
	char err[256];
	assert_int_equal(db_open(path, &d, err, sizeof err), DB_OK);
	int n;
	assert_int_equal(migrate_apply(d, &n, err, sizeof err), 0);
	use_key(1);
	return 0;
}

static int teardown(void **st)
{
	db_close(d);
	unlink(path), unlink(cpfile);
	char wal[80];
	snprintf(wal, sizeof wal, "%s-wal", path), unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path), unlink(wal);
	return 0;
}

/* n records by each of: kundulun, qingshan, the system — interleaved */
static void fill(int n)
{
	zj_ctx c;
	ctx_init(&c, d);
	c.ip = "10.0.0.1";
	for (int i = 0; i < n; i++) {
		zj_user *who[] = {&kundulun, &qingshan, NULL};
		for (int k = 0; k < 3; k++) {
			c.user = who[k];
			json_t *a = json_pack("{s:i, s:s}", "i", i, "name", "张三");
			assert_int_equal(audit_append(&c, "update", "enterprises", i + 1, NULL, a), DB_OK);
			json_decref(a);
		}
	}
}

static int64_t q(const char *sql)
{
	return db_query_int(d, sql, 0, NULL, -1);
}

static void checkpoint_now(void)
{
	char msg[700];
	assert_int_equal(audit_checkpoint(d, cpfile, "2026-11-29T10:00:00Z", NULL, msg, sizeof msg), 0);
}

static int verify(audit_report *r)
{
	return audit_verify(d, cpfile, NULL, r);
}

static void test_chain_of(void **st)
{
	char c[AUDIT_CHAIN_MAX];
	audit_chain_of(&kundulun, c);
	assert_string_equal(c, "150203");
	audit_chain_of(NULL, c);
	assert_string_equal(c, "system");
	zj_user nopath = {.id = 3, .jurisdiction_id = 42};
	audit_chain_of(&nopath, c);
	assert_string_equal(c, "j42");
}

static void test_mac(void **st)
{
	audit_rec r = {"150203",      4,         "ab",       "2026-11-29T10:00:00Z",
		       "7",           "officer", "10.0.0.1", "update",
		       "enterprises", "1",       NULL,       "{}"};
	char m1[65], m2[65];
	audit_rec_mac(&r, m1);
	assert_int_equal(strlen(m1), 64);
	audit_rec_mac(&r, m2);
	assert_string_equal(m1, m2);
	/* every field counts, and the boundaries between fields too */
	audit_rec r2 = r;
	r2.seq = 5;
	audit_rec_mac(&r2, m2);
	assert_string_not_equal(m1, m2);
	r2 = r, r2.chain = "150204";
	audit_rec_mac(&r2, m2);
	assert_string_not_equal(m1, m2);
	r2 = r, r2.uname = "officerx";
	audit_rec_mac(&r2, m2);
	assert_string_not_equal(m1, m2);
	audit_rec a = r, b = r;
	a.entity = "enterprises1", a.eid = "";
	b.entity = "enterprises", b.eid = "1";
	char ma[65], mb[65];
	audit_rec_mac(&a, ma), audit_rec_mac(&b, mb);
	assert_string_not_equal(ma, mb);
	/* another key, another MAC */
	use_key(2);
	audit_rec_mac(&r, m2);
	assert_string_not_equal(m1, m2);
	use_key(1);
}

static void test_chains_and_heads(void **st)
{
	fill(5);
	assert_int_equal(q("SELECT COUNT(DISTINCT chain) FROM audit_log"), 3);
	assert_int_equal(q("SELECT MAX(seq) FROM audit_log WHERE chain = '150203'"), 5);
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log WHERE chain = '150204' AND seq BETWEEN 1 AND 5"), 5);
	assert_int_equal(q("SELECT seq FROM audit_chain_heads WHERE chain = 'system'"), 5);
	assert_int_equal(
		q("SELECT COUNT(*) FROM audit_chain_heads h JOIN audit_log l ON l.chain = h.chain AND l.seq = h.seq AND l.hash = h.mac"),
		3);
	audit_report r;
	assert_int_equal(audit_verify(d, NULL, NULL, &r), 0);
	assert_int_equal(r.records, 15);
	assert_int_equal(r.chains, 3);
}

static void test_checkpoint_line(void **st)
{
	audit_head h[2] = {{"150203", 12, ""}, {"system", 3, ""}};
	memset(h[0].mac, 'a', 64), memset(h[1].mac, 'b', 64);
	strbuf b;
	sb_init(&b);
	audit_cp_format("2026-11-29T10:00:00Z", h, 2, &b);
	audit_cp cp;
	char err[200];
	assert_int_equal(audit_cp_parse(b.s, &cp, err, sizeof err), 0);
	assert_int_equal(cp.n, 2);
	assert_int_equal(cp.records, 15);
	assert_string_equal(cp.heads[1].chain, "system");
	assert_string_equal(cp.heads[0].mac, h[0].mac);
	assert_int_equal(strlen(cp.digest), 39); /* XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX */
	char dg[40];
	audit_cp_digest(b.s, dg);
	assert_string_equal(dg, cp.digest);
	audit_cp_free(&cp);
	/* a count changed in the file: the signature no longer verifies */
	char *bad = xstrdup(b.s);
	strstr(bad, ":12:")[2] = '1'; /* 12 → 11 */
	assert_int_equal(audit_cp_parse(bad, &cp, err, sizeof err), 1);
	assert_non_null(strstr(err, "signature"));
	free(bad);
	/* a line signed under another key does not verify under this one */
	use_key(3);
	assert_int_equal(audit_cp_parse(b.s, &cp, err, sizeof err), 1);
	use_key(1);
	sb_free(&b);
}

static void test_intact_and_checkpointed(void **st)
{
	fill(10);
	checkpoint_now();
	fill(2);
	audit_report r;
	assert_int_equal(verify(&r), 0);
	assert_int_equal(r.records, 36);
	assert_int_equal(r.cp_found, 1);
	assert_int_equal(r.cp_records, 30);
	/* a second checkpoint verifies only what came since, and the digest finds the first */
	checkpoint_now();
	audit_cp first;
	char err[300];
	FILE *f = fopen(cpfile, "r");
	char line[4096];
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	line[strcspn(line, "\n")] = 0;
	char dg[40];
	audit_cp_digest(line, dg);
	assert_int_equal(audit_cp_read(cpfile, dg, &first, err, sizeof err), 0);
	assert_int_equal(first.records, 30);
	audit_cp_free(&first);
	assert_int_equal(audit_verify(d, cpfile, dg, &r), 0);
	assert_int_equal(audit_cp_read(cpfile, "0000-0000", &first, err, sizeof err), 2);
}

static void test_edit_named(void **st)
{
	fill(10);
	checkpoint_now();
	int64_t victim = q("SELECT id FROM audit_log WHERE chain = '150204' AND seq = 4");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE audit_log SET after = '{\"i\":99}' WHERE id = %lld", (long long)victim);
	assert_int_equal(db_exec(d, sql), DB_OK);
	audit_report r;
	assert_int_equal(verify(&r), 1);
	assert_int_equal(r.bad_id, victim);
	assert_string_equal(r.bad_chain, "150204");
}

static void test_middle_delete_named(void **st)
{
	fill(10);
	checkpoint_now();
	int64_t next = q("SELECT id FROM audit_log WHERE chain = 'system' AND seq = 6");
	assert_int_equal(db_exec(d, "DELETE FROM audit_log WHERE chain = 'system' AND seq = 5"), DB_OK);
	audit_report r;
	assert_int_equal(verify(&r), 1);
	assert_int_equal(r.bad_id, next);
	assert_non_null(strstr(r.why, "missing"));
}

static void test_truncation(void **st)
{
	fill(10);
	checkpoint_now();
	/* the last 7 records, heads adjusted too: only the checkpoint tells */
	assert_int_equal(
		db_exec(d, "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 7)"),
		DB_OK);
	assert_int_equal(
		db_exec(d,
			"UPDATE audit_chain_heads SET seq = (SELECT MAX(seq) FROM audit_log l WHERE l.chain = audit_chain_heads.chain),"
			" mac = (SELECT hash FROM audit_log l WHERE l.chain = audit_chain_heads.chain ORDER BY seq DESC LIMIT 1)"),
		DB_OK);
	audit_report r;
	assert_int_equal(verify(&r), 1);
	assert_int_equal(r.bad_id, 0);
	assert_non_null(strstr(r.why, "truncated"));
	assert_true(r.bad_chain[0]);
	/* and no new checkpoint will anchor the shortened chains */
	char msg[700];
	assert_int_equal(audit_checkpoint(d, cpfile, "2026-11-29T10:10:00Z", NULL, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "truncated"));
	/* without a checkpoint the head rows still tell when they were left alone */
	unlink(cpfile);
	assert_int_equal(db_exec(d, "DELETE FROM audit_log WHERE chain = '150203' AND seq > 5"), DB_OK);
	assert_int_equal(audit_verify(d, NULL, NULL, &r), 1);
	assert_string_equal(r.bad_chain, "150203");
}

static void test_delete_all(void **st)
{
	fill(4);
	checkpoint_now();
	assert_int_equal(db_exec(d, "DELETE FROM audit_log; DELETE FROM audit_chain_heads"), DB_OK);
	audit_report r;
	assert_int_equal(verify(&r), 1);
	assert_non_null(strstr(r.why, "truncated"));
	/* and a missing checkpoint file is itself a finding */
	unlink(cpfile);
	assert_int_equal(verify(&r), 1);
	assert_non_null(strstr(r.why, "cannot be ruled out"));
}

/* every hash recomputed with plain SHA-256 over the record and the previous hash */
static void test_rehash_without_key(void **st)
{
	fill(6);
	checkpoint_now();
	db_stmt *s;
	assert_int_equal(
		db_prepare(d, "SELECT id, chain, seq, at, username, action, after FROM audit_log ORDER BY chain, seq",
			   &s),
		DB_OK);
	char prev[65] = "", last_chain[AUDIT_CHAIN_MAX] = "";
	strbuf upd;
	sb_init(&upd);
	while (db_step(s) == DB_ROW) {
		if (strcmp(last_chain, db_col_text(s, 1)))
			prev[0] = 0, snprintf(last_chain, sizeof last_chain, "%s", db_col_text(s, 1));
		char in[1024], hex[65];
		snprintf(in, sizeof in, "%s|%s|%s|%s|%s|%s", prev, db_col_text(s, 2), db_col_text(s, 3),
			 db_col_text(s, 4), db_col_text(s, 5), db_col_text(s, 6));
		unsigned char h[32];
		crypto_hash_sha256(h, (const unsigned char *)in, strlen(in));
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		sb_printf(&upd, "UPDATE audit_log SET prev_hash = '%s', hash = '%s' WHERE id = %lld;", prev, hex,
			  (long long)db_col_int(s, 0));
		memcpy(prev, hex, sizeof prev);
	}
	db_finalize(s);
	assert_int_equal(db_exec(d, upd.s), DB_OK);
	sb_free(&upd);
	assert_int_equal(
		db_exec(d,
			"UPDATE audit_chain_heads SET mac = (SELECT hash FROM audit_log l WHERE l.chain = audit_chain_heads.chain"
			" ORDER BY seq DESC LIMIT 1)"),
		DB_OK);
	audit_report r;
	assert_int_equal(verify(&r), 1);
	assert_int_equal(r.bad_id, q("SELECT MIN(id) FROM audit_log"));
	assert_non_null(strstr(r.why, "MAC"));
}

static void test_unchained_row(void **st)
{
	fill(2);
	assert_int_equal(
		db_exec(d,
			"INSERT INTO audit_log (at, username, action, prev_hash, hash) VALUES ('2026-01-01T00:00:00Z', 'x', 'login', '', '')"),
		DB_OK);
	int64_t id = q("SELECT MAX(id) FROM audit_log");
	audit_report r;
	assert_int_equal(audit_verify(d, NULL, NULL, &r), 1);
	assert_int_equal(r.bad_id, id);
}

/* The pre-chain format, as written before migration 008. */
static void old_hash(const char *prev, const char *const *f, char out[65])
{
	strbuf b;
	sb_init(&b);
	const char *all[] = {prev, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
	for (int i = 0; i < 10; i++) {
		sb_printf(&b, "%zu:", strlen(all[i] ? all[i] : ""));
		sb_add(&b, all[i] ? all[i] : "");
		sb_addc(&b, '|');
	}
	unsigned char h[32];
	crypto_hash_sha256(h, (const unsigned char *)b.s, b.len);
	sodium_bin2hex(out, 65, h, sizeof h);
	sb_free(&b);
}

static void test_seal_legacy(void **st)
{
	char prev[65] = "";
	for (int i = 0; i < 700; i++) { /* more than one batch */
		char eid[16], h[65];
		snprintf(eid, sizeof eid, "%d", i);
		const char *f[] = {"2025-01-01T00:00:00Z", "1", "admin", "127.0.0.1", "create",
				   "enterprises",          eid, NULL,    "{}"};
		old_hash(prev, f, h);
		const char *p[] = {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[8], prev, h};
		assert_int_equal(
			db_run(d,
			       "INSERT INTO audit_log (at, user_id, username, ip, action, entity, entity_id, after, prev_hash, hash)"
			       " VALUES (?,?,?,?,?,?,?,?,?,?)",
			       10, p),
			DB_OK);
		memcpy(prev, h, sizeof prev);
	}
	zj_ctx c;
	ctx_init(&c, d);
	int64_t n;
	int intact;
	char msg[300];
	assert_int_equal(audit_seal_legacy(&c, &n, &intact, msg, sizeof msg), DB_OK);
	assert_int_equal(n, 700);
	assert_int_equal(intact, 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log WHERE chain = 'legacy'"), 700);
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log WHERE action = 'audit_seal_legacy' AND chain = 'system'"),
			 1);
	fill(1);
	checkpoint_now();
	audit_report r;
	assert_int_equal(verify(&r), 0);
	assert_int_equal(r.records, 704);
	/* sealed records are as protected as new ones */
	assert_int_equal(db_exec(d, "UPDATE audit_log SET username = 'root' WHERE chain = 'legacy' AND seq = 300"),
			 DB_OK);
	assert_int_equal(verify(&r), 1);
	assert_int_equal(r.bad_id, q("SELECT id FROM audit_log WHERE chain = 'legacy' AND seq = 300"));
}

static void test_key_file(void **st)
{
	char kp[80], err[300];
	snprintf(kp, sizeof kp, "/tmp/zj-audit-%d.auditkey", getpid());
	unlink(kp);
	assert_int_equal(audit_key_create(kp, err, sizeof err), AUDIT_KEY_OK);
	assert_int_equal(audit_key_create(kp, err, sizeof err), AUDIT_KEY_BAD); /* never overwritten */
	audit_rec r = {"system", 1, "", "t", "", "system", "", "init", "users", "", NULL, NULL};
	char m1[65], m2[65];
	audit_rec_mac(&r, m1);
	use_key(9);
	assert_int_equal(audit_key_load(kp, err, sizeof err), AUDIT_KEY_OK);
	audit_rec_mac(&r, m2);
	assert_string_equal(m1, m2); /* the same key back from the file */
	unlink(kp);
	assert_int_equal(audit_key_load(kp, err, sizeof err), AUDIT_KEY_ABSENT);
	assert_int_equal(audit_key_loaded(), 0);
	zj_ctx c;
	ctx_init(&c, d);
	assert_int_equal(audit_append(&c, "login", "users", 1, NULL, NULL), DB_ERR); /* no key, no record */
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log"), 0);
	char k2[1024], c2[1024];
	unsetenv("ZJ_AUDIT_KEY_FILE"), unsetenv("ZJ_AUDIT_CHECKPOINT_FILE");
	audit_paths("/srv/zj/zhijian.db", k2, c2);
	assert_string_equal(k2, "/srv/zj/zhijian.db.auditkey");
	assert_string_equal(c2, "/srv/zj/zhijian.db.checkpoints");
	audit_paths("postgresql://u@h/zj", k2, c2);
	assert_string_equal(k2, "zhijian.auditkey");
	assert_string_equal(c2, "zhijian.checkpoints");
	use_key(1);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain_of),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_checkpoint_line),
		cmocka_unit_test_setup_teardown(test_chains_and_heads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intact_and_checkpointed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_middle_delete_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rehash_without_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchained_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seal_legacy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
