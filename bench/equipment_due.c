/* equipment_due.c — recomputing every special-equipment unit's due date
 * after a rule change, at national scale (issue 15 §10): N synthetic units
 * (default 10,000,000) in memory with a national mix of categories, types,
 * grades, base and last-inspection dates; then, timed:
 *   engine  eq_next_due_many over every row, CHUNK inputs at a time (rule
 *           lookup once per key and edition in a call, checks, schedule or
 *           interval, request deadline), as the recompute job calls it (no
 *           basis text);
 *   single  eq_next_due unit by unit (the path before the bulk entry point);
 *   text    eq_next_due with the basis text (zh/en) filled, for scale;
 *   limit   a single pass over the same rows that only adds a fixed number
 *           of months to the last date (date_add_months).
 * Rows are visited in the order generated (categories mixed) and, as a job
 * reading them ORDER BY category, type would, grouped by rule key.
 * The passes run block by block, interleaved, so that on a shared machine
 * they meet the same load. Prints one line of ns per row: engine, engine
 * with text, limit, then engine and limit over the grouped rows.
 * Built by bench/run_equipment (-O2, like the release build). Not a test. */
#include "modules/equipment/intervals.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct unit {
	short category;
	signed char grade, has_last;
	unsigned char type, kind;
	short chosen;
	int last, base; /* day numbers */
} unit;

static const char *const kinds[] = {"periodic", "external", "internal", "self_test", "annual_check"};

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* One unit of a national mix: elevators about half of all units (China has
 * ~10 million), then vessels, cranes, cylinders, boilers, vehicles, piping,
 * rides and ropeways. */
static void gen(unit *u, const char **types, int ntypes, const int *type_cat)
{
	static const short cats[] = {3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 2000, 2000,
				     2000, 2000, 4000, 4000, 4000, 2300, 1000, 5000, 8000, 6000, 9000};
	memset(u, 0, sizeof *u);
	u->category = cats[rnd(sizeof cats / sizeof cats[0])];
	int t;
	do
		t = (int)rnd((unsigned)ntypes);
	while (type_cat[t] != u->category);
	u->type = (unsigned char)t;
	if (u->category == 2300 || u->category == 4000 || u->category == 8000)
		; /* the type decides */
	else if (rnd(3) == 0)
		u->type = 0; /* "" */
	u->kind = 0;
	if (u->category == 1000)
		u->kind = (unsigned char)(1 + rnd(2));
	else if (u->category == 3000 && rnd(4) == 0)
		u->kind = 3;
	u->base = 14000 + (int)rnd(7000);        /* 2008 … 2027 */
	u->last = u->base + 30 + (int)rnd(2400); /* after the base */
	u->has_last = rnd(50) != 0;              /* 2 % never inspected */
	if (u->category == 8000 && !strncmp(types[u->type], "GB", 2))
		u->grade = 0;
	else if (u->category == 2000 || u->category == 8000) {
		u->grade = (signed char)(1 + rnd(u->category == 2000 ? 3 : 2)); /* usable grades */
		if (u->grade == 3 && u->category == 2000 && strcmp(types[u->type], "nonmetal"))
			u->chosen = (short)(36 + 12 * rnd(4));
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int by_key(const void *a, const void *b)
{
	const unit *x = a, *y = b;
	if (x->category != y->category)
		return x->category - y->category;
	if (x->type != y->type)
		return x->type - y->type;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return x->grade - y->grade;
}

/* One unit's input as a job reading its row fills it: every field used is set. */
static void fill(eq_due_in *in, const unit *u, const char **types, int text)
{
	in->category = u->category;
	in->type = types[u->type];
	in->kind = kinds[u->kind];
	in->last = u->last;
	in->has_last = u->has_last;
	in->commissioned = in->base = u->base;
	in->has_commissioned = in->has_base = 1;
	in->grade = u->has_last ? u->grade : 0;
	in->chosen_months = u->has_last ? u->chosen : 0;
	in->no_basis = !text;
}

static long errors;
static void report(const eq_due_in *in, const char *field)
{
	if (errors++ < 3)
		fprintf(stderr, "row (%d %s %s): %s\n", in->category, in->type, in->kind, field);
}

/* eq_next_due unit by unit over rows [0, n) (one output reused); returns
 * the seconds taken, sums the dates into *sum. */
static double run_single(const unit *u, size_t n, const char **types, date_days *due, int text, long long *sum)
{
	const eq_rule *rules = eq_rules_builtin;
	size_t nr = eq_rules_builtin_count();
	eq_due_out out;
	eq_due_in in = {0};
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		fill(&in, &u[i], types, text);
		if (eq_next_due(rules, nr, &in, &out)) {
			report(&in, out.field);
			continue;
		}
		due[i] = out.due;
		*sum += out.due + out.request_by;
	}
	return now() - t0;
}

/* eq_next_due_many over rows [0, n), CHUNK inputs filled at a time as a
 * job reading rows in pages would. */
#define CHUNK 4096
static double run_many(const unit *u, size_t n, const char **types, date_days *due, long long *sum)
{
	const eq_rule *rules = eq_rules_builtin;
	size_t nr = eq_rules_builtin_count();
	static eq_due_in in[CHUNK];
	static eq_due_out_many res[CHUNK];
	double t0 = now();
	for (size_t at = 0; at < n; at += CHUNK) {
		size_t k = n - at < CHUNK ? n - at : CHUNK;
		for (size_t i = 0; i < k; i++)
			fill(&in[i], &u[at + i], types, 0);
		eq_next_due_many(rules, nr, in, res, k);
		for (size_t i = 0; i < k; i++) {
			if (res[i].field) {
				report(&in[i], res[i].field);
				continue;
			}
			due[at + i] = res[i].due;
			*sum += res[i].due + res[i].request_by;
		}
	}
	return now() - t0;
}

/* eq_next_due_each over rows [0, n): the rows stepped through one at a time. */
typedef struct stream {
	const unit *u;
	size_t n, at;
	const char **types;
	date_days *due;
	long long *sum;
} stream;

static int next_row(void *arg, eq_due_in *in)
{
	stream *s = arg;
	if (s->at == s->n)
		return 0;
	fill(in, &s->u[s->at], s->types, 0);
	return 1;
}

static void take_row(void *arg, const eq_due_in *in, const eq_due_out_many *res)
{
	stream *s = arg;
	if (res->field)
		report(in, res->field);
	else {
		s->due[s->at] = res->due;
		*s->sum += res->due + res->request_by;
	}
	s->at++;
}

static double run_each(const unit *u, size_t n, const char **types, date_days *due, long long *sum)
{
	stream s = {u, n, 0, types, due, sum};
	double t0 = now();
	eq_next_due_each(eq_rules_builtin, eq_rules_builtin_count(), next_row, take_row, &s);
	return now() - t0;
}

/* The limit: one pass adding a fixed month count. */
static double run_limit(const unit *u, size_t n, date_days *due, long long *sum)
{
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		date_days d;
		if (date_add_months(u[i].last, 12, &d) == DATE_OK) {
			due[i] = d;
			*sum += d;
		}
	}
	return now() - t0;
}

/* The passes over blocks of rows, interleaved so that all meet the same
 * load on a shared machine; seconds per pass in t[5] (bulk engine over
 * arrays, single engine with text, limit, single engine without text, bulk
 * engine stepping through rows). */
#define BLOCK 65536
static void run_all(const unit *u, size_t n, const char **types, date_days *due, double t[5], long long s[5])
{
	for (size_t at = 0; at < n; at += BLOCK) {
		size_t k = n - at < BLOCK ? n - at : BLOCK;
		t[0] += run_many(u + at, k, types, due + at, &s[0]);
		t[2] += run_limit(u + at, k, due + at, &s[2]);
		t[1] += run_single(u + at, k, types, due + at, 1, &s[1]);
		t[3] += run_single(u + at, k, types, due + at, 0, &s[3]);
		t[4] += run_each(u + at, k, types, due + at, &s[4]);
	}
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000000;
	const char *types[128];
	int type_cat[128], nt = 1;
	types[0] = "";
	type_cat[0] = -1;
	for (const eq_type *t = eq_types; t->category && nt < 128; t++, nt++) {
		types[nt] = t->code;
		type_cat[nt] = t->category;
	}
	unit *u = malloc(n * sizeof *u);
	date_days *due = malloc(n * sizeof *due);
	if (!u || !due || n == 0) {
		fprintf(stderr, "equipment_due: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		gen(&u[i], types, nt, type_cat);
	double t[5] = {0}, tg[5] = {0};
	long long sum[5] = {0}, sg[5] = {0};
	run_all(u, n, types, due, t, sum);
	qsort(u, n, sizeof *u, by_key); /* as a job reading ORDER BY category, type, kind, grade */
	run_all(u, n, types, due, tg, sg);
	if (sum[0] != sum[1] || sum[0] != sum[3] || sum[0] != sum[4] || sum[0] != sg[0] || sg[0] != sg[3] ||
	    sg[0] != sg[4])
		fprintf(stderr, "equipment_due: the passes disagree\n");
	/* ns per row: bulk engine, single engine with basis text, limit, grouped bulk engine, grouped limit,
	 * single engine (no text) mixed, grouped, bulk stepping through rows mixed, grouped */
	printf("%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f\n", t[0] * 1e9 / n, t[1] * 1e9 / n, t[2] * 1e9 / n,
	       tg[0] * 1e9 / n, tg[2] * 1e9 / n, t[3] * 1e9 / n, tg[3] * 1e9 / n, t[4] * 1e9 / n, tg[4] * 1e9 / n);
	free(u);
	free(due);
	return 0;
}
