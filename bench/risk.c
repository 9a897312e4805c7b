/* risk.c — the risk benchmarks of issue 16 §10, in memory (not a test):
 *   signals  every signal rule (rules.c rk_run_rules: immediate, rate and
 *            history with exact binomial and one BH, EWMA trend, recurrence,
 *            producer; one pass of hash aggregation) over N synthetic item
 *            results (default 2,000,000; N=10000000 needs about 720 MB of
 *            rows), against
 *   limit    a single pass over the same rows counting failures per
 *            category × district (what a heat table reads);
 *   plan     the allocator (alloc.c rk_allocate) over 50 categories × 100
 *            districts × 4 links with the 3,160,000-yuan budget.
 * Synthetic mix: 50 categories, 40 hazards, 100 districts, 12 months,
 * 200,000 enterprises, 50,000 producers, 2 % failing, 0.1 % prohibited,
 * a few cells with a raised rate. CPU time of the thread. Prints: signals
 * ns/row, limit ns/row, signals found, plan ms, plan batches, plan fen. */
#include "modules/risk/alloc.h"
#include "modules/risk/rules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned long long rng = 88172645463325252ULL;
static unsigned next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000;
	rk_row *rows = malloc(sizeof(rk_row) * (size_t)n);
	if (!rows)
		return 1;
	for (long i = 0; i < n; i++) {
		int64_t sample = i / 4; /* four items a sample */
		unsigned cat = next() % 50, jur = next() % 100, per = next() % 12;
		int hot = cat < 3 && jur < 2; /* a few cells fail more */
		int fail = (int)(next() % 1000) < (hot ? 150 : 20);
		rows[i] = (rk_row){.sample_id = sample + 1, .enterprise_id = 1 + next() % 200000,
				   .producer_id = next() % 4 ? 1 + next() % 50000 : 0, .category_id = cat + 1,
				   .analyte_id = 1 + next() % 40, .juris_id = jur + 1, .day = 20000 + (int)per * 30,
				   .period = 24300 + (int)per, .fail = fail, .banned = fail && next() % 1000 < 50,
				   .times = fail ? (int)(next() % 8) : 0};
	}
	rk_config cfg = {.over_factor = 5, .min_n = 10, .fdr = 0.05, .from_period = 24300, .to_period = 24311,
			 .ewma_lambda = 0.3, .ewma_L = 3, .recur_days = 365, .cur_months = 6};
	/* limit: one pass counting failures per category × district */
	static long cnt[51][101][2];
	double t0 = cpu_s();
	for (long i = 0; i < n; i++) {
		cnt[rows[i].category_id][rows[i].juris_id][0]++;
		cnt[rows[i].category_id][rows[i].juris_id][1] += rows[i].fail;
	}
	double limit = cpu_s() - t0;
	long sink = 0;
	for (int a = 0; a < 51; a++)
		for (int b = 0; b < 101; b++)
			sink += cnt[a][b][1];
	rk_signals sig = {0};
	t0 = cpu_s();
	if (rk_run_rules(rows, n, &cfg, &sig))
		return 1;
	double all = cpu_s() - t0;
	/* the plan: 50 × 100 × 4 cells */
	enum { NC = 50, ND = 100, NL = 4, NCELL = NC * ND * NL };
	rk_cell *cells = calloc(NCELL, sizeof(rk_cell));
	for (int i = 0; i < NCELL; i++) {
		int64_t hn = next() % 60;
		cells[i] = (rk_cell){.category = i % NC, .district = (i / NC) % ND, .link = i / (NC * ND), .n = hn,
				     .k = hn ? next() % (hn / 5 + 1) : 0, .prior_ppm = 20000 + next() % 30000,
				     .weight = 100 + (int64_t)(next() % 3) * 50, .cost = 80000 + next() % 120000};
	}
	rk_alloc_in in = {.budget = 316000000, .strength = 20, .ncat = NC, .ndist = ND, .floor_cat = 5, .floor_dist = 2};
	int64_t total = 0, batches = 0;
	t0 = cpu_s();
	int rc = rk_allocate(&in, cells, NCELL, &total);
	double plan = cpu_s() - t0;
	for (int i = 0; i < NCELL; i++)
		batches += cells[i].batches;
	printf("%.1f %.1f %d %.1f %lld %lld %ld\n", all * 1e9 / (double)n, limit * 1e9 / (double)n, sig.n, plan * 1e3,
	       (long long)batches, (long long)total, sink % 2 + (long)rc);
	rk_signals_free(&sig);
	free(rows);
	free(cells);
	return 0;
}
