/* gen.c — builds a large synthetic dataset in a Zhijian SQLite database
 * (made by `zhijian init --demo`): N enterprises with valid credit codes
 * across Baotou's districts. Usage: gen DB N. One transaction, prepared
 * insert: generation should not dominate the benchmark's wall time. */
#include "lib/uscc.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* gen --csv FILE N: an import file (name, credit code, jurisdiction, kinds). */
static int gen_csv(const char *path, long n)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return 1;
	fprintf(f, "name,uscc,jurisdiction_id,kinds,size\n");
	long made = 0;
	for (long i = 0; made < n; i++) {
		char first8[9], org8[9], code[19];
		snprintf(first8, sizeof first8, "93%s", i % 2 ? "150203" : "150202");
		snprintf(org8, sizeof org8, "%08ld", 20000000 + i * 13 % 79999999);
		struct uscc_error e;
		if (uscc_make(first8, org8, code, &e) != 0)
			continue;
		fprintf(f, "导入测试企业%07ld有限公司,%s,%s,producer,small\n", i, code, i % 2 ? "昆都仑区" : "东河区");
		made++;
	}
	fclose(f);
	return 0;
}

static const char *districts[] = {"150202", "150203", "150204", "150205", "150206", "150207", "150221", "150222", "150223"};

/* gen --rows FILE N: the rows `gen DB N` inserts (name, credit code, district
 * code), as CSV for PostgreSQL's COPY (bench/run_pg). */
static int gen_rows(const char *path, long n)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return 1;
	long made = 0;
	for (long i = 0; made < n; i++) {
		char first8[9], org8[9], code[19];
		snprintf(first8, sizeof first8, "92%s", districts[i % 9]);
		snprintf(org8, sizeof org8, "%08ld", 10000000 + i * 7 % 89999999);
		struct uscc_error e;
		if (uscc_make(first8, org8, code, &e) != 0)
			continue;
		fprintf(f, "基准测试企业%07ld有限公司,%s,%s\n", i, code, districts[i % 9]);
		made++;
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--csv"))
		return gen_csv(argv[2], atol(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "--rows"))
		return gen_rows(argv[2], atol(argv[3]));
	if (argc != 3) {
		fprintf(stderr, "usage: gen DB N | gen --csv FILE N | gen --rows FILE N\n");
		return 2;
	}
	long n = atol(argv[2]);
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO enterprises (created_at, name, uscc, legal_rep, phone, address, jurisdiction_id, kinds, size)"
			       " VALUES ('2026-01-01T00:00:00Z', ?, ?, '王明', '13900000000', '包头市', (SELECT id FROM jurisdictions WHERE code = ?), 'producer', 'small')",
			   -1, &st, NULL);
	long made = 0;
	for (long i = 0; made < n; i++) {
		char first8[9], org8[9], code[19], name[64];
		snprintf(first8, sizeof first8, "92%s", districts[i % 9]);
		snprintf(org8, sizeof org8, "%08ld", 10000000 + i * 7 % 89999999);
		struct uscc_error e;
		if (uscc_make(first8, org8, code, &e) != 0)
			continue;
		snprintf(name, sizeof name, "基准测试企业%07ld有限公司", i);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, districts[i % 9], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			made++;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	printf("%ld enterprises\n", made);
	return 0;
}
