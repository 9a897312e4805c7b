/* score.c — the award's and the assessment's arithmetic (score.h); integers
 * only: hundredths of a point and fen, no floating point anywhere. */
#include "modules/award/score.h"

#include <stdlib.h>

int aw_band_ok(int64_t band)
{
	return band >= 0 && band <= 100 && band % 5 == 0;
}

int64_t aw_item_score(int points, int band)
{
	return (int64_t)points * band; /* points × band/100, in hundredths */
}

int64_t aw_div_even(int64_t n, int64_t d)
{
	int64_t q = n / d, r = n % d;
	if (2 * r > d || (2 * r == d && q % 2))
		q++;
	return q;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int64_t aw_aggregate(int64_t *vals, int n, aw_agg mode, int trim)
{
	if (n <= 0)
		return 0;
	qsort(vals, (size_t)n, sizeof *vals, cmp64);
	int from = 0, to = n;
	if (mode == AW_TRIMMED && trim > 0 && n > 2 * trim) {
		from = trim;
		to = n - trim;
	}
	int64_t sum = 0;
	for (int i = from; i < to; i++)
		sum += vals[i];
	return aw_div_even(sum, to - from);
}

int aw_spread(const int *bands, int n)
{
	if (n < 2)
		return 0;
	int lo = bands[0], hi = bands[0];
	for (int i = 1; i < n; i++) {
		lo = bands[i] < lo ? bands[i] : lo;
		hi = bands[i] > hi ? bands[i] : hi;
	}
	return hi - lo;
}

int64_t aw_levels_cost(const aw_level *lv, int nlv)
{
	int64_t sum = 0;
	for (int i = 0; i < nlv; i++) {
		if (lv[i].places < 0 || lv[i].amount < 0 ||
		    (lv[i].places && lv[i].amount > (INT64_MAX - sum) / lv[i].places))
			return -1;
		sum += lv[i].places * lv[i].amount;
	}
	return sum;
}

int64_t aw_allocate(const int64_t *scores, int n, const aw_level *lv, int nlv, int64_t budget, aw_alloc *out,
		    int *refused)
{
	int used[8] = {0};
	int64_t total = 0;
	int nref = 0;
	for (int i = 0; i < n; i++) {
		out[i] = (aw_alloc){.level = -1};
		for (int l = 0; l < nlv && l < 8; l++) {
			if (used[l] >= lv[l].places || scores[i] < lv[l].min_score)
				continue;
			if (lv[l].amount > budget - total) {
				out[i].over_budget = 1;
				continue;
			}
			used[l]++;
			total += lv[l].amount;
			out[i].level = l;
			out[i].amount = lv[l].amount;
			break;
		}
		if (out[i].level < 0 && out[i].over_budget)
			nref++;
	}
	if (refused)
		*refused = nref;
	return total;
}

void aw_rank(const int64_t *scores, int n, int *rank)
{
	for (int i = 0; i < n; i++)
		rank[i] = (i > 0 && scores[i] == scores[i - 1]) ? rank[i - 1] : i + 1;
}

int aw_conflict(int64_t employer, const int64_t *related, int nrelated, int64_t applicant)
{
	if (employer && employer == applicant)
		return 1;
	for (int i = 0; i < nrelated; i++)
		if (related[i] == applicant)
			return 1;
	return 0;
}

int as_weights_ok(const int *weights, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++) {
		if (weights[i] < 1 || weights[i] > 100)
			return 0;
		sum += weights[i];
	}
	return n > 0 && sum == 100;
}

int64_t as_total(const int *weights, const int *scores, int n)
{
	int64_t sum = 0;
	for (int i = 0; i < n; i++)
		sum += (int64_t)weights[i] * scores[i]; /* w/100 × s points = w × s hundredths */
	return sum;
}

static int cmp_gov(const void *a, const void *b)
{
	const as_gov *x = a, *y = b;
	if (x->vetoed != y->vetoed)
		return x->vetoed - y->vetoed;
	if (!x->vetoed && x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

void as_rank(as_gov *govs, int n, int64_t excellent, int64_t good, int64_t pass)
{
	qsort(govs, (size_t)n, sizeof *govs, cmp_gov);
	for (int i = 0; i < n; i++) {
		as_gov *g = &govs[i];
		if (g->vetoed) {
			g->rank = i + 1;
			g->result = "vetoed";
			continue;
		}
		g->rank = (i > 0 && !govs[i - 1].vetoed && govs[i - 1].total == g->total) ? govs[i - 1].rank : i + 1;
		g->result = g->total >= excellent ? "excellent"
			    : g->total >= good    ? "good"
			    : g->total >= pass    ? "pass"
						  : "fail";
	}
}
