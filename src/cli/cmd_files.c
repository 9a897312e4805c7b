/* cmd_files.c — the stored files (core/blobs.h; docs/operations.md):
 *   files-import  those of a deployment from before migration 028 (a
 *                 content-addressed folder beside the SQLite file, or a
 *                 node's ./evidence) copied into the database, where every
 *                 node and every backup sees them;
 *   files-gc      the files no record references, older than N days, deleted. */
#include "cli/cli.h"
#include "core/blobs.h"
#include "core/files.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_files_import(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian files-import --db DB [--dir DIR]\n"
		     "Copies every file of the old file folder (DIR/ab/abcdef..., default ZJ_FILES_DIR, else\n"
		     "ZJ_EVIDENCE_DIR, else DB.evidence beside a SQLite file, else ./evidence) into the database.\n"
		     "Each file's SHA-256 is recomputed and must be its name; a file already stored whole is\n"
		     "skipped, so the command may run again. Exit 0 when every file is in the database, 1 when\n"
		     "some were refused (named on stderr). The folder is left as it is: remove it once\n"
		     "`zhijian audit-verify` reports every referenced file present.");
		return 0;
	}
	const char *uri = NULL, *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else
			return cli_usage_error("files-import", "unknown argument '%s'", argv[i]);
	}
	if (!uri)
		return cli_usage_error("files-import", "--db DB is required");
	db *d = cli_open_db("files-import", uri);
	if (!d)
		return 1;
	zj_ctx c;
	ctx_init(&c, d);
	char folder[512], now[32];
	snprintf(folder, sizeof folder, "%s", dir ? dir : files_dir(&c));
	clock_now(now);
	blobs_import_report r;
	int rc = blobs_import_dir(d, folder, now, stderr, &r);
	ctx_clear(&c);
	db_close(d);
	if (rc != 0) {
		fprintf(stderr, "zhijian files-import: %s: cannot read the folder or write the database\n", folder);
		return 1;
	}
	printf("files-import from %s: %ld copied (%lld bytes), %ld already in the database, %ld refused\n", folder,
	       r.copied, (long long)r.bytes, r.present, r.refused);
	return r.refused ? 1 : 0;
}

int cmd_files_gc(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian files-gc --db DB [--days N]\n"
		     "Deletes the stored files that no record references (file fields and evidence hashes,\n"
		     "deleted records included) and that were stored more than N days ago (default 7: an\n"
		     "upload not yet attached to its record is kept that long). One transaction, audited\n"
		     "(files_gc); a record being saved meanwhile keeps its file (docs/operations.md).");
		return 0;
	}
	const char *uri = NULL;
	long days = 7;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (!strcmp(argv[i], "--days") && i + 1 < argc) {
			char *end;
			days = strtol(argv[++i], &end, 10);
			if (*end || days < 0 || days > 36500)
				return cli_usage_error("files-gc", "--days takes a number of days (0 to 36500)");
		} else
			return cli_usage_error("files-gc", "unknown argument '%s'", argv[i]);
	}
	if (!uri)
		return cli_usage_error("files-gc", "--db DB is required");
	db *d = cli_open_db("files-gc", uri);
	if (!d)
		return 1;
	zj_ctx c;
	ctx_init(&c, d);
	/* the cut-off instant on the server's clock (ZJ_TEST_CLOCK in tests) */
	struct tm tm = {0};
	char before[32] = "";
	if (strptime(c.now, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		time_t t = timegm(&tm) - (time_t)days * 86400;
		gmtime_r(&t, &tm);
		strftime(before, sizeof before, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	long n = 0;
	int64_t bytes = 0;
	int rc = *before ? files_gc(&c, before, &n, &bytes) : -1;
	ctx_clear(&c);
	db_close(d);
	if (rc) {
		fprintf(stderr, "zhijian files-gc: the database could not be read or written\n");
		return 1;
	}
	printf("files-gc: %ld unreferenced files stored before %s deleted (%lld bytes)\n", n, before, (long long)bytes);
	return 0;
}
