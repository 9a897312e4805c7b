/* cmd_audit.c — the audit key of a database and the audit commands:
 * audit-verify, audit-checkpoint and audit-digest (docs/security.md,
 * "Audit chain"; docs/operations.md for the operator's steps). */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/files.h"
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static char key_path[1024], cp_path[1024];

const char *cli_audit_key_path(void)
{
	return key_path;
}

void cli_audit_setup(const char *uri)
{
	audit_paths(uri, key_path, cp_path);
	audit_set_checkpoint_path(cp_path);
	char err[1200];
	int rc = audit_key_load(key_path, err, sizeof err);
	if (rc == AUDIT_KEY_BAD)
		fprintf(stderr, "zhijian: %s\n", err);
}

/* The start the three commands share: --help prints usage; --db DB (and
 * --digest D where digest is given) is parsed; the database is opened with
 * its audit key loaded. Returns the database, or NULL with *rc the exit
 * code (0 after --help, 2 on a usage error, 1 when it cannot be opened or
 * has no key). */
static db *open_keyed(const char *cmd, const char *usage, int argc, char **argv, const char **digest, int *rc)
{
	*rc = 0;
	if (cli_wants_help(argc, argv)) {
		puts(usage);
		return NULL;
	}
	const char *uri = cli_config_get("--db"); /* --config, unless --db */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (digest && !strcmp(argv[i], "--digest") && i + 1 < argc && argv[i + 1][0] != '-')
			*digest = argv[++i];
		else {
			*rc = cli_usage_error(cmd, "unknown argument '%s'", argv[i]);
			return NULL;
		}
	}
	if (!uri) {
		*rc = cli_usage_error(cmd, "--db DB is required");
		return NULL;
	}
	*rc = 1;
	db *d = cli_open_db(cmd, uri);
	if (d && !audit_key_loaded()) {
		fprintf(stderr, "zhijian %s: no audit key at %s: give --audit-key FILE (or ZJ_AUDIT_KEY_FILE)\n", cmd,
			key_path);
		db_close(d);
		return NULL;
	}
	if (d)
		*rc = 0;
	return d;
}

int cmd_audit_verify(int argc, char **argv)
{
	const char *digest = NULL;
	int rc;
	db *d = open_keyed(
		"audit-verify",
		"usage: zhijian audit-verify --db DB [--digest XXXX-XXXX-...] [--audit-key F] [--audit-checkpoints F]\n"
		"Checks every audit chain: each record's keyed MAC, the sequence of each chain, the chain\n"
		"head rows, and the latest signed checkpoint (or the one with the given digest, e.g. the\n"
		"one the records office filed). Exit 0 when intact; exit 1 naming the first bad record\n"
		"or the truncated chain; edits, deletions, truncation and re-hashing are all found.\n"
		"Then checks every stored file a record references (file fields, evidence hashes): present\n"
		"and whole (its chunks hash to its SHA-256); exit 1 naming each one missing or damaged.",
		argc, argv, &digest, &rc);
	if (!d)
		return rc;
	audit_report r;
	if (isatty(STDERR_FILENO) || getenv("ZJ_AUDIT_PROGRESS"))
		audit_verify_progress(stderr); /* a province's log takes minutes: say how far */
	rc = audit_verify(d, cp_path, digest, &r);
	long nref = 0, nbad = 0;
	int frc = rc == 2 ? 0 : files_verify_all(d, stdout, &nref, &nbad);
	db_close(d);
	if (frc == 2)
		fprintf(stderr, "stored files: the database could not be read\n");
	else if (frc == 1)
		printf("stored files: %ld of %ld referenced files missing or damaged\n", nbad, nref);
	else if (rc != 2)
		printf("stored files: %ld referenced files present and whole\n", nref);
	if (rc == 0) {
		printf("audit chain intact: %lld records verified in %lld chains; checkpoint of %s (%lld records, digest %s) holds\n",
		       (long long)r.records, (long long)r.chains, r.cp_at, (long long)r.cp_records, r.cp_digest);
		return frc ? 1 : 0;
	}
	fprintf(stderr, "audit chain broken: %s\n", r.why);
	if (rc == 2)
		return 2;
	if (r.bad_id)
		printf("broken at record %lld (chain %s)\n", (long long)r.bad_id, r.bad_chain);
	else if (r.bad_chain[0])
		printf("broken: chain %s truncated\n", r.bad_chain);
	else
		printf("broken: %s\n", r.why);
	return 1;
}

int cmd_audit_checkpoint(int argc, char **argv)
{
	int rc;
	db *d = open_keyed("audit-checkpoint",
			   "usage: zhijian audit-checkpoint --db DB [--audit-key F] [--audit-checkpoints F]\n"
			   "Verifies every audit chain from the previous checkpoint to its head and appends a new\n"
			   "signed checkpoint (every chain's length and last MAC) to the checkpoint file. `serve`\n"
			   "does the same every ZJ_AUDIT_CHECKPOINT_MINUTES (10) and when it stops.",
			   argc, argv, NULL, &rc);
	if (!d)
		return rc;
	char now[32], msg[700];
	clock_now(now);
	rc = audit_checkpoint(d, cp_path, now, NULL, msg, sizeof msg);
	db_close(d);
	if (rc)
		return 1; /* the alarm is on stderr */
	printf("%s\n", msg);
	return 0;
}

int cmd_audit_digest(int argc, char **argv)
{
	int rc;
	db *d = open_keyed("audit-digest",
			   "usage: zhijian audit-digest --db DB [--audit-key F] [--audit-checkpoints F]\n"
			   "Prints the latest checkpoint's time, chain and record counts and its short digest, for\n"
			   "the records office to file on paper; `audit-verify --digest D` later proves the\n"
			   "database still holds everything that checkpoint anchored.",
			   argc, argv, NULL, &rc);
	if (!d)
		return rc;
	db_close(d);
	audit_cp cp;
	char err[1200], pk[65];
	rc = audit_cp_read(cp_path, NULL, &cp, err, sizeof err);
	if (rc) {
		fprintf(stderr, "zhijian audit-digest: %s\n", err);
		return 1;
	}
	audit_key_public_hex(pk);
	printf("审计检查点 audit checkpoint\n"
	       "  time    %s\n  chains  %d\n  records %lld\n  digest  %s\n  signing key (Ed25519 public) %s\n",
	       cp.at, cp.n, (long long)cp.records, cp.digest, pk);
	audit_cp_free(&cp);
	return 0;
}
