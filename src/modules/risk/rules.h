/* rules.h — the signal rules of risk monitoring over tested results, pure:
 * the caller loads the rows (signals.c from the database, the benchmark from
 * memory) and gets the signals with their evidence. Each rule in words is in
 * docs/risk.md. */
#ifndef ZJ_RISK_RULES_H
#define ZJ_RISK_RULES_H
#include <stdint.h>

/* One item result of a concluded sample. */
typedef struct rk_row {
	int64_t sample_id, enterprise_id, producer_id; /* producer_id: 0 = unknown */
	int64_t category_id, analyte_id, juris_id;
	int day;    /* sampled on, days since 1970-01-01 */
	int period; /* month index (year × 12 + month − 1) */
	int fail;   /* the item does not conform */
	int banned; /* the analyte is on the prohibited list (不得检出) */
	int times;  /* judged value ÷ limit, whole times (0 when unknown) */
} rk_row;

enum {
	RK_SIG_BANNED = 1, /* a prohibited substance detected */
	RK_SIG_OVER,       /* many times over the limit */
	RK_SIG_RATE,       /* a cell's rate above the rest of the province, surviving BH */
	RK_SIG_TREND,      /* EWMA above its control limit */
	RK_SIG_RECUR,      /* the same enterprise failing again within 12 months */
	RK_SIG_PRODUCER,   /* the same producer failing in ≥ 2 jurisdictions */
	RK_SIG_HISTORY,    /* a cell's rate in the current months above its own earlier months, surviving BH */
};
#define RK_MAX_EVIDENCE 8

typedef struct rk_signal {
	int kind;
	int64_t category_id, analyte_id, juris_id, enterprise_id, producer_id;
	int64_t n, k;         /* the cell's samples and failures (statistical kinds; HISTORY: current months) */
	int64_t ref_n, ref_k; /* what it is compared with (rest of province / baseline / the cell's earlier months) */
	double stat, p, q;    /* rate or z, p-value, BH-adjusted (RATE, HISTORY); z and limit (TREND) */
	int64_t samples[RK_MAX_EVIDENCE];
	int nsamples;
	int64_t key; /* the sample (immediate kinds) the signal is about; dedups reruns */
} rk_signal;

typedef struct rk_config {
	int over_factor;            /* "many times over": judged ≥ factor × limit (default 5) */
	int64_t min_n;              /* cells with fewer samples get no statistics (default 10) */
	double fdr;                 /* Benjamini–Hochberg level (default 0.05) */
	int from_period, to_period; /* the statistical window (months, inclusive) */
	double ewma_lambda, ewma_L; /* default 0.3 and 3 */
	int recur_days;             /* default 365 (12 months) */
	int cur_months;             /* HISTORY: the window's last cur_months months against its earlier
				     * ones (default 3, a quarter); 0 = the rule is off */
} rk_config;

typedef struct rk_signals {
	rk_signal *v;
	int n, cap;
} rk_signals;

/* Runs every rule over rows[0..n) (any order; the rows are not changed)
 * into out (appended; free with rk_signals_free). The order of the signals:
 * the immediate kinds in row order, then RATE by (category, hazard,
 * jurisdiction), TREND by (category, jurisdiction), RECUR by (enterprise,
 * day, sample), PRODUCER by producer, HISTORY by (category, hazard,
 * jurisdiction). 0, or -1 out of memory. */
int rk_run_rules(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out);
void rk_signals_free(rk_signals *s);
#endif
