/* stats.h — the statistics of risk monitoring (风险监测), pure functions with
 * no database: the exact binomial upper tail, Benjamini–Hochberg adjustment,
 * beta-binomial shrinkage toward a category's rate, the EWMA trend and the
 * Wilson interval of a rate. p-values and rates are statistics that rank and
 * flag cells for a person to look at — never a verdict nor a sum of money —
 * so they are binary floating point (docs/risk.md says so). The allocator's
 * arithmetic, which spends money, is integer (alloc.h). */
#ifndef ZJ_RISK_STATS_H
#define ZJ_RISK_STATS_H
#include <stdint.h>

/* P(X >= k) for X ~ Binomial(n, p), summed exactly term by term: the
 * largest term in log space (log C(n,i) from lgamma), every other one
 * relative to it from its neighbour (the ratio (n-i)/(i+1) · p/(1-p)),
 * until they vanish, so neither the coefficients nor the powers overflow or
 * underflow for n up to millions. k <= 0 → 1; k > n → 0; p <= 0 → 0 (k >= 1); p >= 1 → 1. */
double rk_binom_upper(int64_t n, int64_t k, double p);

/* Benjamini–Hochberg (1995) adjusted p-values of p[0..m): q_(i) =
 * min_{j >= i} min(1, p_(j) m / j) over the ascending order; q[i] belongs to
 * p[i]. A cell is a discovery at false-discovery rate alpha when q <= alpha.
 * Stable for ties (the index breaks them). */
void rk_bh_adjust(const double *p, int m, double *q);

/* The posterior mean of a failure rate, Beta(a, b) prior centred on the
 * category's rate `prior` with strength `m` pseudo-samples (a = m prior,
 * b = m (1 - prior)): (k + m prior) / (n + m). A cell with few samples stays
 * near its category; one with many follows its own record. */
double rk_shrink(int64_t k, int64_t n, double prior, double m);
/* The same in parts per million, integers only (the allocator's score):
 * (k 1e6 + m prior_ppm) / (n + m), rounded half up. */
int64_t rk_shrink_ppm(int64_t k, int64_t n, int64_t prior_ppm, int64_t m);

/* EWMA of per-period failure rates k[t]/n[t] (t = 0..T-1) against the
 * baseline rate p0: z_t = lambda x_t + (1 - lambda) z_{t-1}, z_{-1} = p0;
 * periods with n[t] = 0 carry z over. The exact variance of z_T under the
 * baseline is sum_i w_i^2 p0 (1 - p0) / n_i with w_i = lambda (1-lambda)^(T-1-i).
 * Writes the last z and its upper control limit p0 + L sd; returns 1 when
 * z > limit (a slow rise), 0 otherwise, -1 when no period has samples. */
int rk_ewma(const int64_t *k, const int64_t *n, int T, double p0, double lambda, double L, double *z, double *ucl);

/* The Wilson score interval of k/n at z (1.96 for 95 %): lo, hi in [0, 1]. */
void rk_wilson(int64_t k, int64_t n, double zq, double *lo, double *hi);
#endif
