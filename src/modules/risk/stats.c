/* stats.c — the statistics of risk monitoring (stats.h). Independent of the
 * database and of the rest of the area, so the unit tests check each
 * against values worked out by hand (tests/unit/test_risk.c). */
#include "modules/risk/stats.h"
#include <math.h>
#include <stdlib.h>

/* log C(n, i) */
static double lchoose(int64_t n, int64_t i)
{
	return lgamma((double)n + 1) - lgamma((double)i + 1) - lgamma((double)(n - i) + 1);
}

double rk_binom_upper(int64_t n, int64_t k, double p)
{
	if (k <= 0)
		return 1.0;
	if (k > n || n <= 0)
		return 0.0;
	if (p <= 0)
		return 0.0;
	if (p >= 1)
		return 1.0;
	double lp = log(p), lq = log1p(-p);
	/* The terms fall away from the mode; the largest in [k, n] is at
	 * max(k, mode), so start there and sum outwards until they vanish. */
	int64_t mode = (int64_t)floor((double)(n + 1) * p);
	int64_t top = mode > k ? mode : k;
	if (top > n)
		top = n;
	double lmax = lchoose(n, top) + (double)top * lp + (double)(n - top) * lq;
	/* each term from its neighbour (t_{i+1} = t_i (n-i)/(i+1) p/q), relative
	 * to the largest: one lgamma per tail, not three per term */
	double odds = p / (1 - p), s = 1, t = 1;
	for (int64_t i = top; i < n; i++) {
		t *= (double)(n - i) / (double)(i + 1) * odds;
		s += t;
		if (t < 1e-17 * s)
			break;
	}
	t = 1;
	for (int64_t i = top; i > k; i--) {
		t *= (double)i / (double)(n - i + 1) / odds;
		s += t;
		if (t < 1e-17 * s)
			break;
	}
	double r = exp(lmax + log(s));
	return r > 1.0 ? 1.0 : r;
}

typedef struct {
	double p;
	int i;
} pidx;

static int pidx_cmp(const void *a, const void *b)
{
	const pidx *x = a, *y = b;
	if (x->p < y->p)
		return -1;
	if (x->p > y->p)
		return 1;
	return x->i - y->i;
}

void rk_bh_adjust(const double *p, int m, double *q)
{
	if (m <= 0)
		return;
	pidx *v = malloc(sizeof(*v) * (size_t)m);
	if (!v) {
		for (int i = 0; i < m; i++)
			q[i] = 1.0; /* nothing can be claimed without the order */
		return;
	}
	for (int i = 0; i < m; i++)
		v[i] = (pidx){p[i], i};
	qsort(v, (size_t)m, sizeof(*v), pidx_cmp);
	double run = 1.0;
	for (int j = m - 1; j >= 0; j--) {
		double a = v[j].p * m / (j + 1);
		if (a < run)
			run = a;
		q[v[j].i] = run;
	}
	free(v);
}

double rk_shrink(int64_t k, int64_t n, double prior, double m)
{
	if (n + m <= 0)
		return prior;
	return ((double)k + m * prior) / ((double)n + m);
}

int64_t rk_shrink_ppm(int64_t k, int64_t n, int64_t prior_ppm, int64_t m)
{
	int64_t den = n + m;
	if (den <= 0)
		return prior_ppm;
	int64_t num = k * 1000000 + m * prior_ppm;
	return (2 * num + den) / (2 * den);
}

int rk_ewma(const int64_t *k, const int64_t *n, int T, double p0, double lambda, double L, double *z, double *ucl)
{
	double zz = p0, var = 0;
	int any = 0;
	for (int t = 0; t < T; t++) {
		if (n[t] <= 0)
			continue;
		any = 1;
		double x = (double)k[t] / (double)n[t];
		zz = lambda * x + (1 - lambda) * zz;
		/* every earlier weight shrinks by (1 - lambda); the new one is lambda */
		var = var * (1 - lambda) * (1 - lambda) + lambda * lambda * p0 * (1 - p0) / (double)n[t];
	}
	*z = zz;
	*ucl = p0 + L * sqrt(var);
	if (!any)
		return -1;
	return zz > *ucl ? 1 : 0;
}

void rk_wilson(int64_t k, int64_t n, double zq, double *lo, double *hi)
{
	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	double ph = (double)k / (double)n, z2 = zq * zq, nn = (double)n;
	double c = (ph + z2 / (2 * nn)) / (1 + z2 / nn);
	double h = zq * sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
	*lo = c - h < 0 ? 0 : c - h;
	*hi = c + h > 1 ? 1 : c + h;
}
