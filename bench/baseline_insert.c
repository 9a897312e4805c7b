/* baseline_insert.c — the raw prepared-insert loop the import is measured
 * against: N enterprise rows (valid codes precomputed outside the timing)
 * inserted in one transaction with synchronous=FULL. Prints rows/s.
 * Usage: baseline_insert DB CSV (the same CSV the import reads). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	FILE *f = fopen(argv[2], "r");
	if (!f)
		return 1;
	char line[1024];
	long cap = 1 << 20, n = 0;
	char **names = malloc(sizeof(char *) * (size_t)cap), **codes = malloc(sizeof(char *) * (size_t)cap);
	if (!fgets(line, sizeof line, f))
		return 1; /* header */
	while (fgets(line, sizeof line, f) && n < cap) {
		char *comma = strchr(line, ',');
		if (!comma)
			continue;
		*comma = 0;
		names[n] = strdup(line);
		codes[n] = strndup(comma + 1, 18);
		n++;
	}
	fclose(f);
	sqlite3 *db;
	sqlite3_open(argv[1], &db);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO enterprises (version, created_at, updated_at, deleted, name, uscc, jurisdiction_id, kinds)"
			       " VALUES (1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0, ?, ?, 3, 'producer')", -1, &st, NULL);
	for (long i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, codes[i], -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("%.0f\n", (double)n / s);
	sqlite3_close(db);
	return 0;
}
