/* equipment_gen.c — scales up the special-equipment register of a Zhijian
 * demo database (zhijian init --demo) to national size for the API half of
 * bench/run_equipment (issue 15 §10): N synthetic units (default 10,000,000)
 * over the demo's enterprises and districts.
 *   - categories weighted like China's register (elevators about half, then
 *     pressure vessels, cranes, in-plant vehicles, piping, boilers, rides,
 *     cylinders registered as units, ropeways);
 *   - next due date spread over about two years ahead of today, with ~2% of
 *     the units past it (up to half a year, the recent past denser);
 *   - states mostly in use (96%), some suspended, registered or scrapped;
 *   - request deadline one month before the due date.
 * Raw prepared inserts in transactions of 200,000 rows, the secondary
 * indexes of eq_units dropped before and built again after (data generation,
 * not the code under test). Then `zhijian init --db DB` brings the derived
 * tables up to date (see run_equipment).
 * Usage: equipment_gen DB [N] [TODAY YYYY-MM-DD] */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long seed = 15;
static unsigned rnd(void)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(seed >> 33);
}

/* days since 1970-01-01 <-> y-m-d (H. Hinnant's civil calendar) */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil(long z, char out[12])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, 12, "%04d-%02u-%02u", (int)(y + (m <= 2)) % 10000, m % 13u, d % 32u);
}

/* share per mille and the types drawn within the category */
static const struct {
	const char *cat;
	int per_mille;
	const char *types[4];
} mix[] = {
	{"3000", 500, {"traction", "traction", "escalator", "hydraulic"}},
	{"2000", 250, {"fixed", "fixed", "fixed", "nonmetal"}},
	{"4000", 130, {"bridge", "gantry", "tower", "mobile"}},
	{"5000", 70, {"forklift", "forklift", "forklift", "forklift"}},
	{"8000", 20, {"industrial", "industrial", "public", "public"}},
	{"1000", 15, {"steam", "hot_water", "hot_water", "organic"}},
	{"6000", 8, {"coaster", "carousel", "carousel", "water_slide"}},
	{"2300", 6, {"general", "lpg", "inert", "corrosive"}},
	{"9000", 1, {"detachable", "detachable", "fixed_grip", "fixed_grip"}},
};

typedef struct ent {
	long id, juris;
} ent;

static int load(sqlite3 *db, const char *sql, ent **out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	int n = 0, cap = 0;
	*out = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			ent *g = realloc(*out, sizeof *g * (size_t)(cap = cap ? cap * 2 : 256));
			if (!g)
				exit(1);
			*out = g;
		}
		(*out)[n].id = sqlite3_column_int64(st, 0);
		(*out)[n++].juris = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return n;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "equipment_gen: %s: %s\n", sql, err ? err : "?");
		sqlite3_free(err);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: equipment_gen DB [N] [TODAY]\n");
		return 2;
	}
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 10000000;
	int y, m, d;
	time_t now = time(NULL) + 8 * 3600; /* the server's today is Beijing time (UTC+8, no summer time) */
	struct tm tm;
	gmtime_r(&now, &tm);
	y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
	if (argc > 3 && sscanf(argv[3], "%d-%d-%d", &y, &m, &d) != 3)
		return 2;
	long today = days_from_civil(y, m, d);
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 1;
	ent *ents, *maints;
	int ne = load(db,
		      "SELECT e.id, e.jurisdiction_id FROM enterprises e WHERE e.deleted = 0 AND e.jurisdiction_id IS NOT NULL"
		      " ORDER BY e.id",
		      &ents);
	int nm = load(db, "SELECT id, jurisdiction_id FROM eq_maintainers WHERE deleted = 0 ORDER BY id", &maints);
	if (!ne || !nm) {
		fprintf(stderr, "equipment_gen: no enterprises or maintenance units (run zhijian init --demo first)\n");
		return 1;
	}
	/* the secondary indexes, to build again after the rows are in */
	char *ddl[32], *names[32];
	int nd = 0;
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'eq_units' AND sql IS NOT NULL",
			   -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW && nd < 32) {
		names[nd] = strdup((const char *)sqlite3_column_text(st, 0));
		ddl[nd++] = strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY"))
		return 1;
	for (int i = 0; i < nd; i++) {
		char drop[160];
		snprintf(drop, sizeof drop, "DROP INDEX IF EXISTS \"%s\"", names[i]);
		if (exec(db, drop))
			return 1;
	}
	sqlite3_stmt *ins;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO eq_units (version, created_at, updated_at, deleted, state, equipment_code, reg_cert_no,"
			       " category, type, user_id, maintainer_id, location, jurisdiction_id, made_on, commissioned_on,"
			       " last_inspected_on, last_conclusion, next_due, request_by, due_kind, usable, public_token, pilot)"
			       " VALUES (1, ?1, ?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '合成数据', ?9, ?10, ?11, ?12, 'pass', ?13, ?14,"
			       " 'periodic', 1, ?15, 0)",
			       -1, &ins, NULL) != SQLITE_OK) {
		fprintf(stderr, "equipment_gen: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	char stamp[32];
	snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT00:00:00Z", y, m, d);
	long overdue = 0;
	if (exec(db, "BEGIN"))
		return 1;
	for (long i = 0; i < n; i++) {
		unsigned r = rnd() % 1000, acc = 0;
		size_t k = 0;
		while (k < sizeof mix / sizeof mix[0] - 1 && r >= acc + (unsigned)mix[k].per_mille)
			acc += (unsigned)mix[k++].per_mille;
		const ent *e = &ents[rnd() % (unsigned)ne];
		unsigned s = rnd() % 1000;
		const char *state = s < 960 ? "in_use" : s < 980 ? "suspended" : s < 995 ? "registered" : "scrapped";
		/* ~2% past due (1–180 days, denser near today), the rest over two years ahead */
		long due = rnd() % 1000 < 20 ? today - 1 - (long)((rnd() % 180) * (rnd() % 180) / 180) : today + rnd() % 730;
		overdue += due < today && !strcmp(state, "in_use");
		char code[24], cert[32], type[32], made[12], comm[12], last[12], nd_[12], req[12], tok[33];
		snprintf(code, sizeof code, "S%s%011ld", mix[k].cat, i + 1);
		snprintf(cert, sizeof cert, "SYN%s-%09ld", mix[k].cat, i + 1);
		snprintf(type, sizeof type, "%s.%s", mix[k].cat, mix[k].types[rnd() % 4]);
		long comm_d = today - 365 - (long)(rnd() % 7300);
		civil(comm_d - 90, made), civil(comm_d, comm), civil(due - 365, last), civil(due, nd_), civil(due - 30, req);
		snprintf(tok, sizeof tok, "%08x%08x%016lx", rnd(), rnd(), (unsigned long)i);
		int lift = !strcmp(mix[k].cat, "3000");
		sqlite3_bind_text(ins, 1, stamp, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, state, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, cert, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 5, mix[k].cat, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, type, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ins, 7, e->id);
		if (lift)
			sqlite3_bind_int64(ins, 8, maints[rnd() % (unsigned)nm].id);
		else
			sqlite3_bind_null(ins, 8);
		sqlite3_bind_int64(ins, 9, e->juris);
		sqlite3_bind_text(ins, 10, made, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 11, comm, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 12, last, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 13, nd_, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 14, req, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 15, tok, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			fprintf(stderr, "equipment_gen: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(ins);
		if ((i + 1) % 200000 == 0 && (exec(db, "COMMIT") || exec(db, "BEGIN")))
			return 1;
	}
	sqlite3_finalize(ins);
	if (exec(db, "COMMIT"))
		return 1;
	for (int i = 0; i < nd; i++) {
		if (exec(db, ddl[i]))
			return 1;
		free(ddl[i]), free(names[i]);
	}
	sqlite3_close(db);
	free(ents), free(maints);
	printf("%ld units added, %ld in use past their due date\n", n, overdue);
	return 0;
}
