/* main.c — `zhijian COMMAND ...`: dispatch only. Each command lives in
 * src/cli/ and answers --help. */
#include "cli/cli.h"
#include "core/module.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} command;

static const command commands[] = {
	{"init", cmd_init, "create or upgrade the schema; --demo loads Baotou demo data"},
	{"serve", cmd_serve, "serve the API and the console"},
	{"import", cmd_import, "bulk load an entity from CSV or XLSX (all-or-nothing)"},
	{"export", cmd_export, "write an entity as CSV, XLSX or JSON to stdout"},
	{"backup", cmd_backup, "online, consistent copy of a SQLite database"},
	{"files-import", cmd_files_import, "copy the stored files of the old file folder into the database"},
	{"files-gc", cmd_files_gc, "delete stored files no record references (older than N days)"},
	{"audit-verify", cmd_audit_verify, "verify the audit chains against the key and the latest checkpoint"},
	{"audit-checkpoint", cmd_audit_checkpoint,
	 "verify and anchor every audit chain head in the signed checkpoint file"},
	{"audit-digest", cmd_audit_digest, "print the short digest of the latest audit checkpoint (records office)"},
	{"partitions", cmd_partitions, "PostgreSQL partitions: list | create-ahead | detach --before YYYY-MM"},
	{"schema-check", cmd_schema_check, "check every declared field against the schema"},
	{"user", cmd_user, "add, passwd, lock, unlock, list users"},
	{"uscc", cmd_uscc, "check a unified social credit code (GB 32100)"},
	{"workdays", cmd_workdays, "working days: add DATE N | count FROM TO"},
	{"due", cmd_due, "due date of a period in calendar days, working days or months"},
	{"round", cmd_round, "GB/T 8170 rounding"},
	{"judge", cmd_judge, "GB/T 8170 judgement of a value against a limit"},
	{"aql", cmd_aql, "GB/T 2828.1 normal single sampling plan"},
};

static void usage(FILE *f)
{
	fprintf(f, "zhijian — 质监 information system\n\nusage: zhijian COMMAND [ARGS]   (zhijian COMMAND --help)\n\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-16s %s\n", commands[i].name, commands[i].summary);
	for (const module_def *const *m = zj_modules; *m; m++) /* the areas' calculators */
		for (const module_cli *k = (*m)->cli; k && k->name; k++)
			fprintf(f, "  %-16s %s\n", k->name, k->summary);
	fprintf(f, "\nAny command that opens a database also takes --audit-key FILE and --audit-checkpoints FILE\n"
		   "(or ZJ_AUDIT_KEY_FILE, ZJ_AUDIT_CHECKPOINT_FILE); defaults in docs/operations.md.\n"
		   "--config FILE reads options from a file (key = value; /etc/zhijian/zhijian.conf in the Debian\n"
		   "package): db, listen, threads, tls-cert, tls-key, web, checkpoint-minutes, audit-key,\n"
		   "audit-checkpoints. The command line wins over the environment, the environment over the file.\n");
}

/* --audit-key FILE and --audit-checkpoints FILE work with every command: they
 * become the environment the audit code reads, and leave argv. */
static int global_options(int *argc, char **argv)
{
	static const char *const names[][2] = {{"--audit-key", "ZJ_AUDIT_KEY_FILE"},
					       {"--audit-checkpoints", "ZJ_AUDIT_CHECKPOINT_FILE"}};
	const char *config = NULL;
	for (int i = 2; i < *argc;) {
		if (!strcmp(argv[i], "--config")) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "zhijian: --config needs a value\n");
				return 2;
			}
			config = argv[i + 1];
			memmove(&argv[i], &argv[i + 2], sizeof *argv * (size_t)(*argc - i - 1));
			*argc -= 2;
			continue;
		}
		int hit = -1;
		for (int k = 0; k < 2; k++)
			if (!strcmp(argv[i], names[k][0]))
				hit = k;
		if (hit < 0) {
			i++;
			continue;
		}
		if (i + 1 >= *argc) {
			fprintf(stderr, "zhijian: %s needs a value\n", names[hit][0]);
			return 2;
		}
		setenv(names[hit][1], argv[i + 1], 1);
		memmove(&argv[i], &argv[i + 2], sizeof *argv * (size_t)(*argc - i - 1)); /* with the NULL */
		*argc -= 2;
	}
	return config ? cli_config_load(config) : 0; /* after: the command line's audit files win */
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (global_options(&argc, argv))
		return 2;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	const module_cli *k = module_cli_find(argv[1]);
	if (k)
		return k->fn(argc - 1, argv + 1);
	fprintf(stderr, "zhijian: unknown command '%s' (try: zhijian --help)\n", argv[1]);
	return 2;
}
