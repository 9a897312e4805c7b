/* food_gen.c — scales up the food-sampling data of a Zhijian demo database
 * (zhijian init --demo) for the supervisor's benchmark: N results, four per
 * sample, samples spread over this year and last across the 19 food
 * categories and Baotou's districts, 3% failing. Raw inserts in one
 * transaction (this is data generation, not the code under test).
 * Usage: food_gen DB N_RESULTS YEAR | food_gen --csv FILE DB N (an import file of results
 * for existing samples) | food_gen --raw DB CSV [IMPORTED_DB] (the raw insert baseline, prints
 * rows/s; with IMPORTED_DB it writes the same rows the import wrote there) */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned seed = 7;
static unsigned rnd(void) { return (seed = seed * 1103515245u + 12345u) >> 8; }

static int ids(sqlite3 *db, const char *sql, long *out, int max)
{
	sqlite3_stmt *st;
	int n = 0;
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		out[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* K samples received by the lab and awaiting results (copies of a demo
 * sample that tests lead), so an import of K lead results is all valid. */
static int gen_open(sqlite3 *db, long k)
{
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO samples (version, created_at, deleted, state, code, kind, task_id, plan_id, link, enterprise_id,"
			       " jurisdiction_id, food_id, category_id, product_name, items, lab_unit_id, sampled_at, sampled_on, delivered_at, received_at)"
			       " SELECT 1, created_at, 0, 'received', ?, kind, task_id, plan_id, link, enterprise_id, jurisdiction_id, food_id, category_id,"
			       " product_name, 'pb', lab_unit_id, sampled_at, sampled_on, delivered_at, COALESCE(received_at, delivered_at, sampled_at)"
			       " FROM samples WHERE items LIKE 'pb,%' AND received_at IS NOT NULL ORDER BY id LIMIT 1", -1, &st, NULL);
	for (long i = 0; i < k; i++) {
		char code[32];
		snprintf(code, sizeof code, "BO%09ld", i);
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			return 1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK;
}

static int gen_csv(const char *path, const char *dbpath, long n)
{
	sqlite3 *db;
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return 1;
	if (gen_open(db, n))
		return 1;
	FILE *f = fopen(path, "w");
	fprintf(f, "sample_id,item,value,unit,tested_on\n");
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "SELECT code FROM samples WHERE code LIKE 'BO%' ORDER BY id", -1, &st, NULL);
	long k = 0;
	while (k < n) {
		if (sqlite3_step(st) != SQLITE_ROW)
			break;
		fprintf(f, "%s,铅,0.%03u,mg/kg,2026-03-01\n", sqlite3_column_text(st, 0), rnd() % 400);
		k++;
	}
	sqlite3_finalize(st);
	fclose(f);
	sqlite3_close(db);
	return 0;
}

/* The derived columns an import wrote (verdict, limit, trace ...), read from
 * an imported database before the clock starts, so that the same-row
 * baseline writes exactly the bytes the import wrote without judging. */
typedef struct derived {
	long n;
	char **col; /* n × ND texts (NULL = SQL NULL) */
} derived;
enum { ND = 9 };
/* since 034 the trace and the limit's texts are a form (food_trace_forms,
 * copied before the clock) and the row's own values (trace_args) */
static const char *const derived_cols =
	"analyte_id, verdict, limit_id, limit_text, standard_ref, judged_value, trace, trace_form, trace_args";

static int load_derived(const char *ref, long first_id, derived *d)
{
	sqlite3 *db;
	if (sqlite3_open(ref, &db) != SQLITE_OK)
		return 1;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT %s FROM results WHERE id > %ld ORDER BY id", derived_cols, first_id);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 1;
	long cap = 0;
	d->n = 0, d->col = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (d->n == cap)
			d->col = realloc(d->col, sizeof(char *) * ND * (size_t)(cap = cap ? cap * 2 : 4096));
		for (int i = 0; i < ND; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			d->col[d->n * ND + i] = t ? strdup((const char *)t) : NULL;
		}
		d->n++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}

/* The baselines: the same CSV inserted by a raw prepared loop (sample code
 * looked up by a prepared statement, no validation, no verdict, no audit).
 * Without `ref` the loop writes the file's columns only; with it, the
 * same rows the import wrote (every column, the verdict and its trace). */
static int raw_insert(const char *dbpath, const char *csv, const char *ref)
{
	sqlite3 *db;
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return 1;
	derived dv = {0};
	if (ref) {
		sqlite3_stmt *m;
		sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(id), 0) FROM results", -1, &m, NULL);
		sqlite3_step(m);
		long first = sqlite3_column_int64(m, 0);
		sqlite3_finalize(m);
		if (load_derived(ref, first, &dv) || !dv.n)
			return 1;
		char sql[1200];
		snprintf(sql, sizeof sql, "ATTACH '%s' AS ref; INSERT INTO food_trace_forms SELECT * FROM ref.food_trace_forms"
			 " WHERE id NOT IN (SELECT id FROM main.food_trace_forms); DETACH ref", ref);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			return 1;
	}
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	FILE *f = fopen(csv, "r");
	char line[512];
	if (!f || !fgets(line, sizeof line, f))
		return 1;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_stmt *look, *ins;
	sqlite3_prepare_v2(db, "SELECT id, jurisdiction_id FROM samples WHERE code = ? AND deleted = 0", -1, &look, NULL);
	if (ref)
		sqlite3_prepare_v2(db, "INSERT INTO results (version, created_at, updated_at, created_by, owner_unit_id, deleted, sample_id, item, value, unit,"
				       " tested_on, jurisdiction_id, analyte_id, verdict, limit_id, limit_text, standard_ref, judged_value, trace,"
				       " trace_form, trace_args, needs_decision, decided_verdict, decision_note, decided_by)"
				       " VALUES (1, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', NULL, NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL)",
				   -1, &ins, NULL);
	else
		sqlite3_prepare_v2(db, "INSERT INTO results (version, created_at, updated_at, deleted, sample_id, item, value, unit, tested_on, jurisdiction_id)"
				       " VALUES (1, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', 0, ?, ?, ?, ?, ?, ?)", -1, &ins, NULL);
	long n = 0;
	while (fgets(line, sizeof line, f)) {
		char *fld[5], *save = NULL;
		int k = 0;
		line[strcspn(line, "\r\n")] = 0;
		for (char *t = strtok_r(line, ",", &save); t && k < 5; t = strtok_r(NULL, ",", &save))
			fld[k++] = t;
		if (k < 5)
			continue;
		sqlite3_bind_text(look, 1, fld[0], -1, SQLITE_STATIC);
		if (sqlite3_step(look) == SQLITE_ROW && (!ref || n < dv.n)) {
			sqlite3_bind_int64(ins, 1, sqlite3_column_int64(look, 0));
			for (int i = 1; i < 5; i++)
				sqlite3_bind_text(ins, i + 1, fld[i], -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 6, sqlite3_column_int64(look, 1));
			for (int i = 0; ref && i < ND; i++)
				sqlite3_bind_text(ins, 7 + i, dv.col[n * ND + i], -1, SQLITE_STATIC);
			sqlite3_step(ins);
			sqlite3_reset(ins);
			n++;
		}
		sqlite3_reset(look);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("%.0f\n", (double)n / secs);
	sqlite3_finalize(look), sqlite3_finalize(ins);
	fclose(f);
	sqlite3_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "--raw"))
		return raw_insert(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if (argc == 5 && !strcmp(argv[1], "--csv"))
		return gen_csv(argv[2], argv[3], atol(argv[4]));
	if (argc != 4) {
		fprintf(stderr, "usage: food_gen DB N_RESULTS YEAR | food_gen --csv FILE DB N\n");
		return 2;
	}
	long n = atol(argv[2]);
	int year = atoi(argv[3]);
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL);
	long cats[64], juris[16], ents[400];
	int ncat = ids(db, "SELECT id FROM food_categories WHERE parent_id = (SELECT id FROM food_categories WHERE parent_id IS NULL)", cats, 64);
	int nj = ids(db, "SELECT id FROM jurisdictions WHERE code LIKE '1502__' AND code <> '150200'", juris, 16);
	int ne = ids(db, "SELECT id FROM enterprises", ents, 400);
	if (!ncat || !nj || !ne) {
		fprintf(stderr, "food_gen: run zhijian init --demo first\n");
		return 1;
	}
	sqlite3_stmt *ss, *rs;
	sqlite3_prepare_v2(db, "INSERT INTO samples (version, created_at, deleted, state, code, kind, link, enterprise_id, jurisdiction_id, food_id,"
			       " category_id, product_name, sampled_at, sampled_on, conclusion, final_conclusion)"
			       " VALUES (1, '2026-01-01T00:00:00Z', 0, 'closed', ?, 'supervision', 'distribution', ?, ?, ?, ?, '基准样品', ?, ?, ?, ?)",
			   -1, &ss, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO results (version, created_at, deleted, sample_id, item, value, unit, jurisdiction_id, verdict)"
			       " VALUES (1, '2026-01-01T00:00:00Z', 0, ?, ?, ?, 'mg/kg', ?, ?)", -1, &rs, NULL);
	static const char *items[] = {"铅", "镉", "总汞", "铬"};
	long samples = (n + 3) / 4, made = 0;
	for (long i = 0; i < samples; i++) {
		char code[32], day[11], at[21];
		snprintf(code, sizeof code, "BX%09ld", i);
		int y = (i % 2) ? year : year - 1;
		snprintf(day, sizeof day, "%04d-%02u-%02u", y, 1 + rnd() % 12, 1 + rnd() % 28);
		snprintf(at, sizeof at, "%sT02:00:00Z", day);
		int fail = rnd() % 100 < 3;
		long j = juris[rnd() % nj], cat = cats[rnd() % ncat];
		sqlite3_bind_text(ss, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ss, 2, ents[rnd() % ne]);
		sqlite3_bind_int64(ss, 3, j);
		sqlite3_bind_int64(ss, 4, cat);
		sqlite3_bind_int64(ss, 5, cat);
		sqlite3_bind_text(ss, 6, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ss, 7, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ss, 8, fail ? "fail" : "pass", -1, SQLITE_STATIC);
		sqlite3_bind_text(ss, 9, fail ? "fail" : "pass", -1, SQLITE_STATIC);
		if (sqlite3_step(ss) != SQLITE_DONE) {
			fprintf(stderr, "food_gen: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(ss);
		long sid = sqlite3_last_insert_rowid(db);
		for (int k = 0; k < 4 && made < n; k++, made++) {
			char v[16];
			snprintf(v, sizeof v, "0.%03u", rnd() % 1000);
			sqlite3_bind_int64(rs, 1, sid);
			sqlite3_bind_text(rs, 2, items[k], -1, SQLITE_STATIC);
			sqlite3_bind_text(rs, 3, v, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(rs, 4, j);
			sqlite3_bind_text(rs, 5, fail && k == 0 ? "fail" : "pass", -1, SQLITE_STATIC);
			sqlite3_step(rs);
			sqlite3_reset(rs);
		}
	}
	sqlite3_finalize(ss);
	sqlite3_finalize(rs);
	sqlite3_exec(db, "COMMIT; ANALYZE", NULL, NULL, NULL);
	sqlite3_close(db);
	printf("%ld samples, %ld results\n", samples, made);
	return 0;
}
