/* score.h — the arithmetic of the Government Quality Award and of the
 * food-safety target assessment, pure (no database), so the unit tests
 * (tests/unit/test_award.c) can work it out by hand:
 *   - GB/T 19580-2012 items scored as percentage bands in steps of 5 %
 *     (GB/Z 19579-2012 scoring guidelines): item score = points × band;
 *   - several experts' item scores aggregated (mean or trimmed mean),
 *     rounded half to even (GB/T 8170-2008 3.2) to 0.01 point;
 *   - disagreement: an item whose bands spread over the threshold;
 *   - prizes allocated down the ranking, never over the budget;
 *   - the assessment's weighted total and its ranking, veto first.
 * Scores are integers in hundredths of a point (1 = 0.01), money integer fen. */
#ifndef ZJ_AWARD_SCORE_H
#define ZJ_AWARD_SCORE_H
#include <stdint.h>

/* A band is a percentage 0..100 in steps of 5. 1 when it is one. */
int aw_band_ok(int64_t band);
/* points × band %, in hundredths of a point: exact (points × band). */
int64_t aw_item_score(int points, int band);

typedef enum { AW_MEAN = 0, AW_TRIMMED = 1 } aw_agg;
/* n / d rounded half to even (GB/T 8170-2008 3.2: 四舍六入五成双); d > 0, n >= 0. */
int64_t aw_div_even(int64_t n, int64_t d);
/* The experts' scores of one item (hundredths) aggregated: AW_MEAN the mean;
 * AW_TRIMMED drops the `trim` highest and `trim` lowest first when more than
 * 2 × trim scores remain (else the plain mean). Rounded with aw_div_even.
 * Sorts vals. 0 for n == 0. */
int64_t aw_aggregate(int64_t *vals, int n, aw_agg mode, int trim);
/* The spread of the experts' bands of one item: max − min (0 for n < 2). */
int aw_spread(const int *bands, int n);

/* ---- prizes ---- */
typedef struct aw_level {
	const char *code;  /* "award", "nomination" */
	int places;        /* at most this many */
	int64_t amount;    /* fen each */
	int64_t min_score; /* hundredths; below it no prize of this level */
} aw_level;
typedef struct aw_alloc {
	int level;       /* index into the levels, -1 = none */
	int64_t amount;  /* fen */
	int over_budget; /* 1: would have had a prize, the budget had no room */
} aw_alloc;
/* The levels' full cost (Σ places × amount); -1 on overflow. */
int64_t aw_levels_cost(const aw_level *lv, int nlv);
/* Down the ranking (scores[i] in hundredths, sorted descending): each
 * applicant gets the first level with places left whose min_score it
 * reaches and whose amount still fits in the budget; when the amount does
 * not fit, over_budget is set and the applicant gets nothing of that level
 * (lower levels are tried). Returns the total allocated (≤ budget), and
 * *refused the number of applicants refused for the budget. */
int64_t aw_allocate(const int64_t *scores, int n, const aw_level *lv, int nlv, int64_t budget, aw_alloc *out,
		    int *refused);

/* Competition ranking (1, 2, 2, 4) of scores sorted descending, into rank. */
void aw_rank(const int64_t *scores, int n, int *rank);

/* ---- conflict of interest ---- */
/* 1 when an expert may not score the applicant: the expert's employer is the
 * applicant, or the expert's declared relations (enterprise ids) name it. */
int aw_conflict(int64_t employer, const int64_t *related, int nrelated, int64_t applicant);

/* ---- the food-safety target assessment ---- */
/* Weights in percent: 1 when they sum to exactly 100 and each is 1..100. */
int as_weights_ok(const int *weights, int n);
/* Σ weight% × score (score 0..100 points per indicator), in hundredths. */
int64_t as_total(const int *weights, const int *scores, int n);
typedef struct as_gov {
	int64_t id;
	int64_t total; /* hundredths */
	int vetoed;    /* a veto finding: fails whatever the score (一票否决) */
	/* out */
	int rank;
	const char *result; /* "excellent" "good" "pass" "fail" "vetoed" */
} as_gov;
/* Sorts govs: those not vetoed by total descending (ties by id), then the
 * vetoed (by id); ranks them (competition ranking among the not vetoed; the
 * vetoed rank after every other) and grades: vetoed → "vetoed"; else
 * total ≥ excellent → "excellent", ≥ good → "good", ≥ pass → "pass", else
 * "fail" (thresholds in hundredths). */
void as_rank(as_gov *govs, int n, int64_t excellent, int64_t good, int64_t pass);
#endif
