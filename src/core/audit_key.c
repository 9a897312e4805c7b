/* audit_key.c — the audit key file and where it and the checkpoint file live.
 *
 * The file holds two 32-byte secrets as hex: the MAC key (HMAC-SHA-512-256,
 * libsodium crypto_auth) and the Ed25519 seed that signs checkpoints
 * (crypto_sign). It is created 0600 by `zhijian init` and must never be
 * stored in the database or with its backups: whoever holds it can rewrite
 * the chain. One process loads one key; the server's threads only read it. */
#include "core/audit.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { KEY_UNSET, KEY_LOADED, KEY_MISSING };
static int state = KEY_UNSET;
static unsigned char mac_key[crypto_auth_hmacsha512256_KEYBYTES];
static unsigned char sign_sk[crypto_sign_SECRETKEYBYTES], sign_pk[crypto_sign_PUBLICKEYBYTES];
static char cp_path[1024];

static int is_postgres(const char *uri)
{
	return !strncmp(uri, "postgresql://", 13) || !strncmp(uri, "postgres://", 11);
}

void audit_paths(const char *db_uri, char key[1024], char checkpoints[1024])
{
	const char *k = getenv("ZJ_AUDIT_KEY_FILE"), *c = getenv("ZJ_AUDIT_CHECKPOINT_FILE");
	if (k && *k)
		snprintf(key, 1024, "%s", k);
	else if (is_postgres(db_uri))
		snprintf(key, 1024, "zhijian.auditkey");
	else
		snprintf(key, 1024, "%s.auditkey", db_uri);
	if (c && *c) {
		snprintf(checkpoints, 1024, "%s", c);
		return;
	}
	size_t n = strlen(key);
	if (n > 9 && !strcmp(key + n - 9, ".auditkey"))
		snprintf(checkpoints, 1024, "%.*s.checkpoints", (int)(n - 9), key);
	else
		snprintf(checkpoints, 1024, "%.1000s.checkpoints", key);
}

void audit_key_set(const unsigned char mk[32], const unsigned char seed[32])
{
	memcpy(mac_key, mk, sizeof mac_key);
	crypto_sign_seed_keypair(sign_pk, sign_sk, seed);
	state = KEY_LOADED;
}

void audit_key_missing(const char *path)
{
	sodium_memzero(mac_key, sizeof mac_key);
	state = KEY_MISSING;
}

int audit_key_loaded(void)
{
	if (state == KEY_UNSET) {
		/* embedded use (unit tests): a random key for this process only */
		unsigned char mk[32], seed[32];
		randombytes_buf(mk, sizeof mk);
		randombytes_buf(seed, sizeof seed);
		audit_key_set(mk, seed);
	}
	return state == KEY_LOADED;
}

const unsigned char *audit_key_mac(void)
{
	audit_key_loaded();
	return mac_key;
}

int audit_key_sign(const unsigned char *m, size_t n, unsigned char sig[64])
{
	if (!audit_key_loaded())
		return -1;
	return crypto_sign_detached(sig, NULL, m, n, sign_sk);
}

int audit_key_check(const unsigned char *m, size_t n, const unsigned char sig[64])
{
	if (!audit_key_loaded())
		return -1;
	return crypto_sign_verify_detached(sig, m, n, sign_pk);
}

void audit_key_public_hex(char out[65])
{
	audit_key_loaded();
	sodium_bin2hex(out, 65, sign_pk, sizeof sign_pk);
}

const char *audit_checkpoint_path(void)
{
	return cp_path;
}
void audit_set_checkpoint_path(const char *path)
{
	snprintf(cp_path, sizeof cp_path, "%s", path ? path : "");
}

/* "mac HEX" / "sign HEX": 32 bytes each. */
static int parse_line(const char *line, const char *name, unsigned char out[32])
{
	size_t n = strlen(name);
	if (strncmp(line, name, n) || line[n] != ' ')
		return 0;
	size_t got = 0;
	const char *end = NULL;
	if (sodium_hex2bin(out, 32, line + n + 1, strlen(line + n + 1), NULL, &got, &end) != 0 || got != 32)
		return -1;
	while (*end == '\n' || *end == '\r' || *end == ' ')
		end++;
	return *end ? -1 : 1;
}

int audit_key_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "no audit key at %s (%s)", path, strerror(errno));
		audit_key_missing(path);
		return errno == ENOENT ? AUDIT_KEY_ABSENT : AUDIT_KEY_BAD;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "zhijian: warning: the audit key %s is readable by others (mode %03o); chmod 600 it\n",
			path, (unsigned)(st.st_mode & 0777));
	unsigned char mk[32], seed[32];
	int have_mac = 0, have_sign = 0, bad = 0;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		int a = parse_line(line, "mac", mk), b = a ? 0 : parse_line(line, "sign", seed);
		if (a < 0 || b < 0 || (!a && !b))
			bad = 1;
		have_mac |= a > 0, have_sign |= b > 0;
	}
	fclose(f);
	if (bad || !have_mac || !have_sign) {
		snprintf(err, errlen,
			 "the audit key %s is not a zhijian audit key file (lines 'mac HEX' and 'sign HEX')", path);
		audit_key_missing(path);
		sodium_memzero(mk, sizeof mk), sodium_memzero(seed, sizeof seed);
		return AUDIT_KEY_BAD;
	}
	audit_key_set(mk, seed);
	sodium_memzero(mk, sizeof mk), sodium_memzero(seed, sizeof seed);
	return AUDIT_KEY_OK;
}

int audit_key_create(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create the audit key %s: %s", path, strerror(errno));
		return AUDIT_KEY_BAD;
	}
	unsigned char mk[32], seed[32];
	randombytes_buf(mk, sizeof mk);
	randombytes_buf(seed, sizeof seed);
	char hm[65], hs[65], text[400];
	sodium_bin2hex(hm, sizeof hm, mk, sizeof mk);
	sodium_bin2hex(hs, sizeof hs, seed, sizeof seed);
	int n = snprintf(text, sizeof text,
			 "# zhijian audit key: MAC key of the audit chain and the checkpoint signing seed.\n"
			 "# Keep it secret and outside the database and its backups (docs/operations.md).\n"
			 "mac %s\nsign %s\n",
			 hm, hs);
	int ok = write(fd, text, (size_t)n) == n && fsync(fd) == 0;
	ok &= close(fd) == 0;
	sodium_memzero(text, sizeof text), sodium_memzero(hm, sizeof hm), sodium_memzero(hs, sizeof hs);
	if (!ok) {
		snprintf(err, errlen, "cannot write the audit key %s: %s", path, strerror(errno));
		unlink(path);
		return AUDIT_KEY_BAD;
	}
	audit_key_set(mk, seed);
	sodium_memzero(mk, sizeof mk), sodium_memzero(seed, sizeof seed);
	return AUDIT_KEY_OK;
}
