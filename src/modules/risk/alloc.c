/* alloc.c — the risk-based plan allocator (alloc.h). Scores are compared by
 * cross-multiplication in 128-bit integers, never divided: a plan computed
 * twice, on any machine, is the same plan. */
#include "modules/risk/alloc.h"
#include "modules/risk/stats.h"
#include <stdlib.h>

/* Whether the next batch of a beats that of b (more expected failures per fen). */
static int better(const rk_cell *a, const rk_cell *b)
{
	__int128 va = (__int128)a->rate_ppm * a->weight * (b->cost * (b->batches + 1));
	__int128 vb = (__int128)b->rate_ppm * b->weight * (a->cost * (a->batches + 1));
	return va > vb;
}

static int room(const rk_cell *c, int64_t left)
{
	return c->cost <= left && (c->cap <= 0 || c->batches < c->cap);
}

/* Gives one batch to the best cell matching (cat, dist) (-1 = any) that fits. */
static int give(rk_cell *cells, int ncells, int cat, int dist, int64_t *left, int as_floor)
{
	int best = -1;
	for (int i = 0; i < ncells; i++) {
		rk_cell *c = &cells[i];
		if ((cat >= 0 && c->category != cat) || (dist >= 0 && c->district != dist) || !room(c, *left))
			continue;
		if (best < 0 || better(c, &cells[best]))
			best = i;
	}
	if (best < 0)
		return -1;
	cells[best].batches++;
	cells[best].spent += cells[best].cost;
	if (as_floor)
		cells[best].floor++;
	*left -= cells[best].cost;
	return best;
}

int rk_allocate(const rk_alloc_in *in, rk_cell *cells, int ncells, int64_t *total)
{
	*total = 0;
	if (in->budget <= 0)
		return RK_ALLOC_NO_BUDGET;
	for (int i = 0; i < ncells; i++) {
		if (cells[i].cost <= 0)
			return RK_ALLOC_NO_COST;
		cells[i].rate_ppm = rk_shrink_ppm(cells[i].k, cells[i].n, cells[i].prior_ppm, in->strength);
		cells[i].floor = cells[i].batches = cells[i].spent = 0;
	}
	int64_t left = in->budget;
	int64_t *have = calloc((size_t)(in->ncat > in->ndist ? in->ncat : in->ndist) + 1, sizeof(int64_t));
	if (!have)
		return RK_ALLOC_FLOORS;
	/* floors per category, then per district (a district's floor counts the batches it already has) */
	for (int pass = 0; pass < 2; pass++) {
		int nk = pass ? in->ndist : in->ncat;
		int64_t fl = pass ? in->floor_dist : in->floor_cat;
		for (int g = 0; g < nk; g++) {
			int any = 0;
			have[g] = 0;
			for (int i = 0; i < ncells; i++)
				if ((pass ? cells[i].district : cells[i].category) == g) {
					have[g] += cells[i].batches;
					any = 1;
				}
			while (any && have[g] < fl) {
				if (give(cells, ncells, pass ? -1 : g, pass ? g : -1, &left, 1) < 0) {
					free(have);
					return RK_ALLOC_FLOORS;
				}
				have[g]++;
			}
		}
	}
	free(have);
	while (give(cells, ncells, -1, -1, &left, 0) >= 0)
		;
	*total = in->budget - left;
	return RK_ALLOC_OK;
}
