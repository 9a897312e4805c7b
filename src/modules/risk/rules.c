/* rules.c — the signal rules (rules.h). One sort per grouping, then one
 * pass each: the immediate rules (prohibited substance, many times over),
 * the rate of each category × hazard × jurisdiction cell against the rest of
 * the province (exact binomial, Benjamini–Hochberg across all cells tested),
 * the EWMA trend of each category × jurisdiction, and recurrence (the same
 * enterprise within 12 months, the same producer in ≥ 2 jurisdictions). */
#include "modules/risk/rules.h"
#include "modules/risk/stats.h"
#include <stdlib.h>
#include <string.h>

void rk_signals_free(rk_signals *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static rk_signal *push(rk_signals *s, int kind)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 32;
		rk_signal *v = realloc(s->v, sizeof(*v) * (size_t)cap);
		if (!v)
			return NULL;
		s->v = v;
		s->cap = cap;
	}
	rk_signal *g = &s->v[s->n++];
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	return g;
}

static void evidence(rk_signal *g, int64_t sample)
{
	for (int i = 0; i < g->nsamples; i++)
		if (g->samples[i] == sample)
			return;
	if (g->nsamples < RK_MAX_EVIDENCE)
		g->samples[g->nsamples++] = sample;
}

#define CMP(a, b) \
	do { \
		if ((a) != (b)) \
			return (a) < (b) ? -1 : 1; \
	} while (0)

static int by_cell(const void *pa, const void *pb)
{
	const rk_row *a = pa, *b = pb;
	CMP(a->category_id, b->category_id);
	CMP(a->analyte_id, b->analyte_id);
	CMP(a->juris_id, b->juris_id);
	CMP(a->period, b->period);
	CMP(a->sample_id, b->sample_id);
	return 0;
}

static int in_window(const rk_config *cfg, const rk_row *r)
{
	return r->period >= cfg->from_period && r->period <= cfg->to_period;
}

static int immediate(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	for (int64_t i = 0; i < n; i++) {
		const rk_row *r = &rows[i];
		int kind = !r->fail ? 0 : r->banned ? RK_SIG_BANNED : (r->times >= cfg->over_factor ? RK_SIG_OVER : 0);
		if (!kind || !in_window(cfg, r))
			continue;
		rk_signal *g = push(out, kind);
		if (!g)
			return -1;
		g->category_id = r->category_id;
		g->analyte_id = r->analyte_id;
		g->juris_id = r->juris_id;
		g->enterprise_id = r->enterprise_id;
		g->producer_id = r->producer_id;
		g->stat = r->times;
		g->key = r->sample_id;
		evidence(g, r->sample_id);
	}
	return 0;
}

/* RATE: rows sorted by cell. Each (category, analyte) block: its totals in
 * the window, then each jurisdiction's cell against the rest. */
static int rates(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	int first = out->n, tested = 0;
	for (int64_t b = 0; b < n;) {
		int64_t e = b, N = 0, K = 0;
		while (e < n && rows[e].category_id == rows[b].category_id &&
		       rows[e].analyte_id == rows[b].analyte_id) {
			if (in_window(cfg, &rows[e])) {
				N++;
				K += rows[e].fail;
			}
			e++;
		}
		for (int64_t j = b; j < e;) {
			int64_t je = j, cn = 0, ck = 0;
			while (je < e && rows[je].juris_id == rows[j].juris_id) {
				if (in_window(cfg, &rows[je])) {
					cn++;
					ck += rows[je].fail;
				}
				je++;
			}
			if (cn >= cfg->min_n && ck > 0 && N - cn > 0) {
				rk_signal *g = push(out, RK_SIG_RATE);
				if (!g)
					return -1;
				g->category_id = rows[j].category_id;
				g->analyte_id = rows[j].analyte_id;
				g->juris_id = rows[j].juris_id;
				g->n = cn;
				g->k = ck;
				g->ref_n = N - cn;
				g->ref_k = K - ck;
				/* the rest's rate, kept off zero by half a failure (a
				 * clean rest of province must not make one failure
				 * infinitely unlikely) */
				double p0 = ((double)g->ref_k + 0.5) / ((double)g->ref_n + 1);
				g->stat = (double)ck / (double)cn;
				g->p = rk_binom_upper(cn, ck, p0);
				for (int64_t i = j; i < je; i++)
					if (rows[i].fail && in_window(cfg, &rows[i]))
						evidence(g, rows[i].sample_id);
				tested++;
			}
			j = je;
		}
		b = e;
	}
	if (!tested)
		return 0;
	double *p = malloc(sizeof(double) * (size_t)tested), *q = malloc(sizeof(double) * (size_t)tested);
	if (!p || !q) {
		free(p);
		free(q);
		return -1;
	}
	for (int i = 0; i < tested; i++)
		p[i] = out->v[first + i].p;
	rk_bh_adjust(p, tested, q);
	/* keep the discoveries only: BH controls the false-discovery rate across every cell tested */
	int w = first;
	for (int i = 0; i < tested; i++) {
		out->v[first + i].q = q[i];
		if (q[i] <= cfg->fdr)
			out->v[w++] = out->v[first + i];
	}
	out->n = w;
	free(p);
	free(q);
	return 0;
}

static int by_cat_juris(const void *pa, const void *pb)
{
	const rk_row *a = pa, *b = pb;
	CMP(a->category_id, b->category_id);
	CMP(a->juris_id, b->juris_id);
	CMP(a->period, b->period);
	CMP(a->sample_id, b->sample_id);
	return 0;
}

/* TREND: per category × jurisdiction, the monthly item failure rates over
 * the window against the category's rate across the province. */
static int trends(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	int T = cfg->to_period - cfg->from_period + 1;
	if (T <= 0)
		return 0;
	int64_t *kk = calloc((size_t)T, sizeof(int64_t)), *nn = calloc((size_t)T, sizeof(int64_t));
	if (!kk || !nn) {
		free(kk);
		free(nn);
		return -1;
	}
	int rc = 0;
	for (int64_t b = 0; b < n && !rc;) {
		int64_t e = b, N = 0, K = 0;
		while (e < n && rows[e].category_id == rows[b].category_id) {
			if (in_window(cfg, &rows[e])) {
				N++;
				K += rows[e].fail;
			}
			e++;
		}
		double p0 = ((double)K + 0.5) / ((double)N + 1);
		for (int64_t j = b; j < e && !rc;) {
			int64_t je = j, cn = 0;
			memset(kk, 0, sizeof(int64_t) * (size_t)T);
			memset(nn, 0, sizeof(int64_t) * (size_t)T);
			while (je < e && rows[je].juris_id == rows[j].juris_id) {
				if (in_window(cfg, &rows[je])) {
					int t = rows[je].period - cfg->from_period;
					nn[t]++;
					kk[t] += rows[je].fail;
					cn++;
				}
				je++;
			}
			double z, ucl;
			if (cn >= cfg->min_n && rk_ewma(kk, nn, T, p0, cfg->ewma_lambda, cfg->ewma_L, &z, &ucl) == 1) {
				rk_signal *g = push(out, RK_SIG_TREND);
				if (!g) {
					rc = -1;
					break;
				}
				g->category_id = rows[j].category_id;
				g->juris_id = rows[j].juris_id;
				g->n = cn;
				g->ref_n = N;
				g->ref_k = K;
				for (int t = 0; t < T; t++)
					g->k += kk[t];
				g->stat = z;
				g->q = ucl;
				g->p = p0;
				/* the latest failures are the evidence */
				for (int64_t i = je - 1; i >= j; i--)
					if (rows[i].fail && in_window(cfg, &rows[i]))
						evidence(g, rows[i].sample_id);
			}
			j = je;
		}
		b = e;
	}
	free(kk);
	free(nn);
	return rc;
}

static int by_enterprise(const void *pa, const void *pb)
{
	const rk_row *a = pa, *b = pb;
	CMP(b->fail, a->fail);
	CMP(a->enterprise_id, b->enterprise_id);
	CMP(a->day, b->day);
	CMP(a->sample_id, b->sample_id);
	return 0;
}

/* RECUR: failing rows sorted by enterprise and day; a failing sample whose
 * enterprise failed another sample within recur_days before it. */
static int recurrences(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	for (int64_t i = 1; i < n && rows[i].fail; i++) {
		const rk_row *r = &rows[i];
		if (!in_window(cfg, r) || (rows[i - 1].sample_id == r->sample_id))
			continue;
		/* the latest earlier failing sample of the same enterprise */
		int64_t j = i - 1;
		while (j >= 0 && rows[j].sample_id == r->sample_id)
			j--;
		if (j < 0 || rows[j].enterprise_id != r->enterprise_id || r->day - rows[j].day > cfg->recur_days)
			continue;
		rk_signal *g = push(out, RK_SIG_RECUR);
		if (!g)
			return -1;
		g->enterprise_id = r->enterprise_id;
		g->category_id = r->category_id;
		g->juris_id = r->juris_id;
		g->stat = r->day - rows[j].day;
		g->key = r->sample_id;
		evidence(g, rows[j].sample_id);
		evidence(g, r->sample_id);
	}
	return 0;
}

static int by_producer(const void *pa, const void *pb)
{
	const rk_row *a = pa, *b = pb;
	CMP(b->fail, a->fail);
	CMP(a->producer_id, b->producer_id);
	CMP(a->juris_id, b->juris_id);
	CMP(a->sample_id, b->sample_id);
	return 0;
}

/* PRODUCER: failing rows in the window sorted by producer and jurisdiction. */
static int producers(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	for (int64_t b = 0; b < n && rows[b].fail;) {
		int64_t e = b, nj = 0, k = 0, last_j = -1, last_s = -1;
		rk_signal tmp = {0};
		while (e < n && rows[e].fail && rows[e].producer_id == rows[b].producer_id) {
			if (in_window(cfg, &rows[e])) {
				if (rows[e].juris_id != last_j)
					nj++;
				if (rows[e].sample_id != last_s)
					k++;
				last_j = rows[e].juris_id;
				last_s = rows[e].sample_id;
				evidence(&tmp, rows[e].sample_id);
				if (rows[e].sample_id > tmp.key)
					tmp.key = rows[e].sample_id;
			}
			e++;
		}
		if (rows[b].producer_id > 0 && nj >= 2) {
			rk_signal *g = push(out, RK_SIG_PRODUCER);
			if (!g)
				return -1;
			*g = tmp;
			g->kind = RK_SIG_PRODUCER;
			g->producer_id = rows[b].producer_id;
			g->n = nj; /* jurisdictions */
			g->k = k;  /* failing samples */
		}
		b = e;
	}
	return 0;
}

int rk_run_rules(rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	if (immediate(rows, n, cfg, out))
		return -1;
	qsort(rows, (size_t)n, sizeof(*rows), by_cell);
	if (rates(rows, n, cfg, out))
		return -1;
	qsort(rows, (size_t)n, sizeof(*rows), by_cat_juris);
	if (trends(rows, n, cfg, out))
		return -1;
	qsort(rows, (size_t)n, sizeof(*rows), by_enterprise);
	if (recurrences(rows, n, cfg, out))
		return -1;
	qsort(rows, (size_t)n, sizeof(*rows), by_producer);
	return producers(rows, n, cfg, out);
}
