/* cmd_partitions.c — `zhijian partitions list|create-ahead|detach`: the
 * PostgreSQL partitions of the audit log and the sessions (migration 035,
 * core/partitions.c; docs/scale.md "Partitioning" for the operator's steps
 * and the move of detached partitions to archive storage). */
#include "cli/cli.h"
#include "core/partitions.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: zhijian partitions --db DB list\n"
	"       zhijian partitions --db DB create-ahead\n"
	"       zhijian partitions --db DB detach --before YYYY-MM\n"
	"PostgreSQL only (SQLite keeps plain tables). list: every partition of the audit log and the\n"
	"sessions with its range, estimated rows and bytes; those detached to the schema zj_archive;\n"
	"the exact count of rows in each DEFAULT partition. create-ahead: what the periodic job does:\n"
	"the partitions of this month and the next three, and one for any month whose rows sit in a\n"
	"DEFAULT partition (they are moved); exit 1 if rows remain in a DEFAULT partition.\n"
	"detach: every partition whose range ends on or before the first day of YYYY-MM becomes a\n"
	"plain table in zj_archive (audited; audit-verify still reads the audit log's); refused\n"
	"when a sessions partition still holds a live session.";

/* YYYY-MM with a month 01..12 */
static int valid_month(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	return m >= 1 && m <= 12;
}

int cmd_partitions(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts(usage);
		return 0;
	}
	const char *uri = cli_config_get("--db"), *sub = NULL, *before = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (!strcmp(argv[i], "--before") && i + 1 < argc)
			before = argv[++i];
		else if (!sub && argv[i][0] != '-')
			sub = argv[i];
		else
			return cli_usage_error("partitions", "unknown argument '%s'", argv[i]);
	}
	if (!uri)
		return cli_usage_error("partitions", "--db DB is required");
	if (!sub || (strcmp(sub, "list") && strcmp(sub, "create-ahead") && strcmp(sub, "detach")))
		return cli_usage_error("partitions", "give list, create-ahead or detach");
	if (!strcmp(sub, "detach") && (!before || !valid_month(before)))
		return cli_usage_error("partitions", "detach needs --before YYYY-MM (a month, e.g. 2026-01)");
	if (strcmp(sub, "detach") && before)
		return cli_usage_error("partitions", "--before goes with detach");
	db *d = cli_open_db("partitions", uri);
	if (!d)
		return 1;
	int rc = 0;
	zj_ctx c;
	ctx_init(&c, d);
	if (!db_is_postgres(d))
		printf("SQLite: plain tables, no partitions\n");
	else if (!strcmp(sub, "list"))
		rc = partitions_list(d, stdout) == DB_OK ? 0 : 1;
	else if (!strcmp(sub, "create-ahead")) {
		long long left = 0;
		rc = partitions_create_ahead(d, c.now, stdout, &left) == DB_OK && left == 0 ? 0 : 1;
	} else
		rc = partitions_detach(&c, before, stdout) == DB_OK ? 0 : 1;
	if (rc && db_errmsg(d) && *db_errmsg(d))
		fprintf(stderr, "zhijian partitions: %s\n", db_errmsg(d));
	ctx_clear(&c);
	db_close(d);
	return rc;
}
