/* alloc.h — the risk-based sampling plan allocator (基于风险的抽检计划):
 * next period's budget, in integer fen, spread over cells (category ×
 * jurisdiction × link) by expected failures found per yuan. Integers only:
 * it spends money, and the same input must always give the same plan. */
#ifndef ZJ_RISK_ALLOC_H
#define ZJ_RISK_ALLOC_H
#include <stdint.h>

typedef struct rk_cell {
	int category, district, link; /* indices: floors count per category and per district */
	int64_t n, k;                 /* history: samples tested, failed */
	int64_t prior_ppm;            /* the category's overall failure rate, ppm */
	int64_t weight;               /* exposure weight the bureau sets (100 = 1×) */
	int64_t cost;                 /* cost of one batch, fen (> 0) */
	int64_t cap;                  /* most batches the cell can take (its enterprises); 0 = no cap */
	/* out */
	int64_t rate_ppm; /* posterior failure rate (shrunk toward prior_ppm) */
	int64_t floor;    /* batches given to honour the floors */
	int64_t batches;  /* total batches */
	int64_t spent;    /* batches × cost, fen */
} rk_cell;

typedef struct rk_alloc_in {
	int64_t budget;     /* fen */
	int64_t strength;   /* pseudo-samples of the shrinkage prior */
	int ncat, ndist;    /* category and district indices run 0..ncat-1, 0..ndist-1 */
	int64_t floor_cat;  /* at least this many batches per category */
	int64_t floor_dist; /* at least this many batches per district */
} rk_alloc_in;

enum { RK_ALLOC_OK = 0, RK_ALLOC_NO_BUDGET, RK_ALLOC_NO_COST, RK_ALLOC_FLOORS };

/* Fills each cell's rate, floor and batches. First the floors, each given to
 * the best-scoring cell of the category (district) that can take it; then
 * the rest, one batch at a time, to the cell whose next batch finds the most
 * expected failures per fen: rate × weight / (cost × (batches + 1)) — the
 * value of the j-th batch in a cell falls as 1/j, so money spreads over the
 * risky cells instead of all going to the single riskiest — while a batch
 * still fits the budget. Ties: the lower cell index. Never over budget.
 * Returns RK_ALLOC_OK, or why not (no budget, a cell without a cost, the
 * floors alone over budget); *total the fen spent. */
int rk_allocate(const rk_alloc_in *in, rk_cell *cells, int ncells, int64_t *total);
#endif
