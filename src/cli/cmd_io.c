/* cmd_io.c — `zhijian import` and `zhijian export`, the same code paths as
 * the API (validation, all-or-nothing, audit), acting as the system. */
#include "cli/cli.h"
#include "core/io.h"
#include "core/jobs.h"
#include "modules/modules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

db *cli_open_db(const char *cmd, const char *uri);

static void bar(void *ud, long done, long total)
{
	if (!isatty(2))
		return;
	if (total > 0) {
		int w = 40, k = (int)(done * w / (total ? total : 1));
		if (k > w)
			k = w;
		fprintf(stderr, "\r[%.*s%*s] %ld/%ld", k, "########################################", w - k, "", done,
			total);
	} else
		fprintf(stderr, "\r%ld rows", done);
}

int cmd_import(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian import --db DB [--dry-run] ENTITY FILE.csv|FILE.xlsx\n"
		     "Validates every row, then writes all of them or none: any bad row is reported\n"
		     "(row, field, value, reason) on stderr and nothing is written (exit 1). Rows are\n"
		     "written in short transactions (ZJ_IMPORT_BATCH_MS, default 50 ms) so that a server\n"
		     "on the same database keeps answering; if a row fails while written, the batches\n"
		     "already written are withdrawn.");
		return 0;
	}
	const char *uri = cli_config_get("--db"), *ent = NULL, *file = NULL;
	int dry = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (!strcmp(argv[i], "--dry-run"))
			dry = 1;
		else if (argv[i][0] == '-')
			return cli_usage_error("import", "unknown argument '%s'", argv[i]);
		else if (!ent)
			ent = argv[i];
		else if (!file)
			file = argv[i];
		else
			return cli_usage_error("import", "unexpected argument '%s'", argv[i]);
	}
	if (!uri || !ent || !file)
		return cli_usage_error("import", "--db DB, ENTITY and FILE are required");
	db *d = cli_open_db("import", uri);
	if (!d)
		return 1;
	const entity_def *e = registry_find(ent);
	if (!e) {
		db_close(d);
		return cli_usage_error("import", "unknown entity '%s'", ent);
	}
	void *buf;
	size_t len;
	char err[256];
	if (tab_load_file(file, (size_t)1 << 30, &buf, &len, err, sizeof err) != 0) {
		fprintf(stderr, "zhijian import: %s\n", err);
		db_close(d);
		return 1;
	}
	zj_ctx c;
	ctx_init(&c, d);
	json_t *res = NULL;
	const char *dot = strrchr(file, '.');
	tab_format f = dot && !strcasecmp(dot, ".xlsx") ? TAB_XLSX : tab_detect(buf, len);
	/* a job row, like an import through the API: the ledger of its batches
	 * hangs off it, and the server's recovery finds it if this is killed */
	int64_t job = dry ? 0 : job_create(&c, "import", e->name, 0);
	int st = job < 0 ? ctx_problem(&c, PROB_DB_BUSY, "the database is write-locked")
			 : io_import(&c, e, buf, len, f, dry, job, bar, NULL, &res);
	if (job > 0) {
		char now[32], idt[24];
		clock_now(now);
		snprintf(idt, sizeof idt, "%lld", (long long)job);
		char *rj = res ? json_dumps(res, JSON_COMPACT) : NULL;
		const char *p[] = {st == 200 ? "done" : "failed", rj, now, idt};
		db_run(d, "UPDATE jobs SET state = ?, result = ?, updated_at = ? WHERE id = ?", 4, p);
		free(rj);
	}
	if (isatty(2))
		fputc('\n', stderr);
	int rc = 0;
	if (st == 200) {
		printf("%s: %lld row(s) %s\n", ent,
		       (long long)json_integer_value(json_object_get(res, dry ? "rows" : "inserted")),
		       dry ? "valid (dry run, nothing written)" : "imported");
	} else if (res) {
		size_t i;
		json_t *er;
		json_array_foreach (json_object_get(res, "errors"), i, er)
			fprintf(stderr, "row %lld, %s = '%s': %s\n",
				(long long)json_integer_value(json_object_get(er, "row")),
				json_string_value(json_object_get(er, "field")),
				json_string_value(json_object_get(er, "value")),
				json_string_value(json_object_get(er, "reason")));
		fprintf(stderr, "zhijian import: %lld bad row(s); nothing written\n",
			(long long)json_integer_value(json_object_get(res, "bad_rows")));
		rc = 1;
	} else {
		fprintf(stderr, "zhijian import: %s\n",
			json_string_value(json_object_get(c.problem, "detail"))
				?: json_string_value(json_object_get(c.problem, "title")));
		rc = 1;
	}
	json_decref(res);
	ctx_clear(&c);
	free(buf);
	db_close(d);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian export --db DB ENTITY [--format csv|xlsx|json] [--header name] > FILE\n"
		     "Streams every row (not deleted) to stdout; XLSX needs stdout redirected to a file.");
		return 0;
	}
	const char *uri = cli_config_get("--db"), *ent = NULL, *fmt = "csv";
	int names = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (!strcmp(argv[i], "--format") && i + 1 < argc)
			fmt = argv[++i];
		else if (!strcmp(argv[i], "--header") && i + 1 < argc)
			names = !strcmp(argv[++i], "name");
		else if (argv[i][0] == '-')
			return cli_usage_error("export", "unknown argument '%s'", argv[i]);
		else if (!ent)
			ent = argv[i];
		else
			return cli_usage_error("export", "unexpected argument '%s'", argv[i]);
	}
	if (!uri || !ent)
		return cli_usage_error("export", "--db DB and ENTITY are required");
	export_format f = !strcmp(fmt, "csv")    ? EXP_CSV
			  : !strcmp(fmt, "xlsx") ? EXP_XLSX
			  : !strcmp(fmt, "json") ? EXP_JSON
						 : (export_format)-1;
	if ((int)f < 0)
		return cli_usage_error("export", "--format must be csv, xlsx or json");
	if (f == EXP_XLSX && isatty(1))
		return cli_usage_error("export", "redirect stdout to a file for XLSX");
	db *d = cli_open_db("export", uri);
	if (!d)
		return 1;
	const entity_def *e = registry_find(ent);
	if (!e) {
		db_close(d);
		return cli_usage_error("export", "unknown entity '%s'", ent);
	}
	zj_ctx c;
	ctx_init(&c, d);
	exporter *x;
	kv_list none = {0, NULL};
	if (io_export_open(&c, e, &none, f, names, &x) != 0) {
		fprintf(stderr, "zhijian export: %s\n", json_string_value(json_object_get(c.problem, "title")));
		db_close(d);
		return 1;
	}
	char buf[65536];
	long n;
	for (n = io_export_read(x, buf, sizeof buf); n > 0; n = io_export_read(x, buf, sizeof buf))
		fwrite(buf, 1, (size_t)n, stdout);
	io_export_close(x);
	ctx_clear(&c);
	db_close(d);
	return n < 0 ? 1 : 0;
}
