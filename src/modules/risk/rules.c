/* rules.c — the signal rules (rules.h) as one pass of hash aggregation over
 * the rows, then the statistics on the aggregates only:
 *   - the pass: the immediate rules (prohibited substance, many times over)
 *     inline; in the window, counts per category × hazard × jurisdiction
 *     cell split into the current months and the earlier ones, and per
 *     category × jurisdiction × month (the trend); every failing row copied
 *     aside (about 2 % of the rows);
 *   - on the cells: each cell's rate against the rest of the province and
 *     against its own earlier months (exact binomial), Benjamini–Hochberg
 *     across every test at once; the EWMA trend of each category ×
 *     jurisdiction against the category's rate;
 *   - on the failing rows only: the evidence samples of those signals, and
 *     recurrence (the same enterprise within 12 months) and the same producer
 *     in ≥ 2 jurisdictions, each one sort of the failing rows.
 * The statistical signals are sorted by their key, recurrences and
 * producers come in their sort's order, so the output does not depend on
 * the hash nor, but for the immediate kinds (in row order), on the order of
 * the rows. */
#include "modules/risk/rules.h"
#include "modules/risk/rkmap.h"
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

/* A failing row, copied aside in the pass with the indices of its cell and
 * its category × jurisdiction (-1 outside the window). */
typedef struct frow {
	int64_t sample_id, enterprise_id, producer_id, category_id, juris_id, at;
	int day, period;
	int32_t cell, grp;
} frow;

typedef struct agg {
	rk_map cells, grps; /* (category, hazard, jurisdiction); (category, jurisdiction) */
	int64_t (*gkey)[2]; /* per category × jurisdiction: its key */
	int32_t *gcnt;      /* per category × jurisdiction × month of the window: n, k */
	size_t ccap, gcap;
	frow *f;
	int64_t nf, fcap;
	int T, cur_from; /* months in the window; the first current month */
} agg;

static void agg_free(agg *a)
{
	rk_map_free(&a->cells);
	rk_map_free(&a->grps);
	free(a->gkey);
	free(a->gcnt);
	free(a->f);
}

static int grp_room(agg *a, size_t i)
{
	if (i < a->gcap)
		return 0;
	size_t cap = a->gcap ? a->gcap * 2 : 256;
	int64_t(*gk)[2] = realloc(a->gkey, cap * sizeof(*gk));
	if (gk)
		a->gkey = gk;
	int32_t *gc = realloc(a->gcnt, cap * (size_t)a->T * 2 * sizeof(*gc));
	if (gc)
		a->gcnt = gc;
	if (!gk || !gc)
		return -1;
	memset(gc + a->gcap * (size_t)a->T * 2, 0, (cap - a->gcap) * (size_t)a->T * 2 * sizeof(*gc));
	a->gcap = cap;
	return 0;
}

/* The slot of a row's cell in the window (a new one counted from zero, its
 * aux the category × jurisdiction); NULL out of memory. Counters: current
 * months n, k; earlier months n, k. */
static rk_slot *cell_of(agg *a, const rk_row *r)
{
	int added;
	rk_slot *c = rk_map_slot(&a->cells, r->category_id, r->analyte_id, r->juris_id, &added);
	if (!c || !added)
		return c;
	int32_t g = rk_map_put(&a->grps, r->category_id, r->juris_id, 0, &added);
	if (g < 0 || (added && grp_room(a, (size_t)g)))
		return NULL;
	if (added) {
		a->gkey[g][0] = r->category_id;
		a->gkey[g][1] = r->juris_id;
	}
	c->aux = g;
	return c;
}

static int keep_failure(agg *a, const rk_row *r, int64_t at, const rk_slot *cell)
{
	if (a->nf == a->fcap) {
		int64_t cap = a->fcap ? a->fcap * 2 : 1024;
		frow *f = realloc(a->f, (size_t)cap * sizeof(*f));
		if (!f)
			return -1;
		a->f = f;
		a->fcap = cap;
	}
	a->f[a->nf++] =
		(frow){r->sample_id, r->enterprise_id, r->producer_id, r->category_id,          r->juris_id,
		       at,           r->day,           r->period,      cell ? cell->v - 1 : -1, cell ? cell->aux : -1};
	return 0;
}

static int immediate(const rk_row *r, const rk_config *cfg, rk_signals *out)
{
	int kind = r->banned ? RK_SIG_BANNED : (r->times >= cfg->over_factor ? RK_SIG_OVER : 0);
	if (!kind)
		return 0;
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
	return 0;
}

/* How far ahead the pass asks for the cell's slot (the table outgrows the
 * caches at millions of rows; the rows are independent, so the lookups of
 * the next rows overlap with the counting of this one). */
enum { AHEAD = 8 };

/* The one pass over the rows. */
static int pass(agg *a, const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	for (int64_t i = 0; i < n; i++) {
		const rk_row *r = &rows[i];
		if (i + AHEAD < n) {
			const rk_row *ra = &rows[i + AHEAD];
			__builtin_prefetch(
				&a->cells.s[rk_map_home(&a->cells, ra->category_id, ra->analyte_id, ra->juris_id)]);
		}
		int in = r->period >= cfg->from_period && r->period <= cfg->to_period;
		rk_slot *c = NULL;
		if (in) {
			c = cell_of(a, r);
			if (!c)
				return -1;
			int32_t *x = &c->c[r->period >= a->cur_from ? 0 : 2];
			x[0]++;
			x[1] += r->fail != 0;
			int32_t *gc =
				&a->gcnt[((size_t)c->aux * (size_t)a->T + (size_t)(r->period - cfg->from_period)) * 2];
			gc[0]++;
			gc[1] += r->fail != 0;
		}
		if (!r->fail)
			continue;
		if (keep_failure(a, r, i, c) || (in && immediate(r, cfg, out)))
			return -1;
	}
	return 0;
}

/* ---- the statistics on the aggregates ---- */

typedef struct test {
	int kind; /* RK_SIG_RATE or RK_SIG_HISTORY */
	const rk_slot *cell;
	int64_t n, k, ref_n, ref_k;
	double p;
} test;

typedef struct tests {
	test *v;
	int n, cap;
} tests;

static int add_test(tests *t, test x)
{
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 256;
		test *v = realloc(t->v, (size_t)cap * sizeof(*v));
		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = x;
	return 0;
}

/* A baseline rate kept off zero by half a failure (a clean reference must
 * not make one failure infinitely unlikely). */
static double baseline(int64_t k, int64_t n)
{
	return ((double)k + 0.5) / ((double)n + 1);
}

/* Every cell's tests: its window against the rest of the province in its
 * (category, hazard) — RATE — and its current months against its earlier
 * months — HISTORY. Each needs min_n samples on the tested side (HISTORY:
 * on both sides, a shorter record is no baseline). */
static int cell_tests(const agg *a, const rk_config *cfg, tests *t)
{
	const rk_map *m = &a->cells;
	rk_map blk = {0};
	int64_t(*bt)[2] = calloc(m->n ? m->n : 1, sizeof(*bt));
	int rc = bt && !rk_map_init(&blk, 64) ? 0 : -1;
	/* the (category, hazard) totals, in the spare of each cell's slot */
	for (size_t j = 0; !rc && j < m->cap; j++) {
		rk_slot *x = &m->s[j];
		if (!x->v)
			continue;
		int added;
		int32_t b = rk_map_put(&blk, x->k[0], x->k[1], 0, &added);
		if (b < 0) {
			rc = -1;
			break;
		}
		x->pad = b;
		bt[b][0] += x->c[0] + x->c[2];
		bt[b][1] += x->c[1] + x->c[3];
	}
	for (size_t j = 0; !rc && j < m->cap; j++) {
		const rk_slot *x = &m->s[j];
		if (!x->v)
			continue;
		int64_t cn = x->c[0] + x->c[2], ck = x->c[1] + x->c[3], N = bt[x->pad][0], K = bt[x->pad][1];
		if (cn >= cfg->min_n && ck > 0 && N - cn > 0)
			rc = add_test(t, (test){RK_SIG_RATE, x, cn, ck, N - cn, K - ck,
						rk_binom_upper(cn, ck, baseline(K - ck, N - cn))});
		if (!rc && cfg->cur_months > 0 && x->c[0] >= cfg->min_n && x->c[1] > 0 && x->c[2] >= cfg->min_n &&
		    x->c[2] > 0)
			rc = add_test(t, (test){RK_SIG_HISTORY, x, x->c[0], x->c[1], x->c[2], x->c[3],
						rk_binom_upper(x->c[0], x->c[1], baseline(x->c[3], x->c[2]))});
	}
	free(bt);
	rk_map_free(&blk);
	return rc;
}

/* Benjamini–Hochberg across every test at once; the discoveries become
 * signals in rate (RATE) and hist (HISTORY), and sig[cell × 2 + (kind ==
 * HISTORY)] the signal's index there. */
static int discoveries(const rk_config *cfg, const tests *t, rk_signals *rate, rk_signals *hist, int32_t *sig)
{
	if (!t->n)
		return 0;
	double *p = malloc(sizeof(double) * (size_t)t->n), *q = malloc(sizeof(double) * (size_t)t->n);
	if (!p || !q) {
		free(p);
		free(q);
		return -1;
	}
	for (int i = 0; i < t->n; i++)
		p[i] = t->v[i].p;
	rk_bh_adjust(p, t->n, q);
	int rc = 0;
	for (int i = 0; i < t->n && !rc; i++) {
		const test *x = &t->v[i];
		if (q[i] > cfg->fdr)
			continue;
		rk_signals *to = x->kind == RK_SIG_RATE ? rate : hist;
		rk_signal *g = push(to, x->kind);
		if (!g) {
			rc = -1;
			break;
		}
		g->category_id = x->cell->k[0];
		g->analyte_id = x->cell->k[1];
		g->juris_id = x->cell->k[2];
		g->n = x->n;
		g->k = x->k;
		g->ref_n = x->ref_n;
		g->ref_k = x->ref_k;
		g->stat = (double)x->k / (double)x->n;
		g->p = x->p;
		g->q = q[i];
		sig[(size_t)(x->cell->v - 1) * 2 + (x->kind == RK_SIG_HISTORY)] = to->n - 1;
	}
	free(p);
	free(q);
	return rc;
}

/* TREND: per category × jurisdiction, the monthly item failure rates over
 * the window against the category's rate across the province. */
static int trends(const agg *a, const rk_config *cfg, rk_signals *out, int32_t *sig)
{
	size_t ng = a->grps.n;
	int T = a->T;
	rk_map cat = {0};
	int64_t(*ct)[2] = calloc(ng ? ng : 1, sizeof(*ct)); /* per category: n, k */
	int64_t *kk = calloc((size_t)T, sizeof(int64_t));
	int64_t *nn = calloc((size_t)T, sizeof(int64_t));
	int32_t *gc = malloc((ng ? ng : 1) * sizeof(*gc));
	int rc = !ct || !kk || !nn || !gc || rk_map_init(&cat, 64) ? -1 : 0;
	for (size_t g = 0; !rc && g < ng; g++) {
		int added;
		gc[g] = rk_map_put(&cat, a->gkey[g][0], 0, 0, &added);
		if (gc[g] < 0)
			rc = -1;
		for (int t = 0; !rc && t < T; t++) {
			ct[gc[g]][0] += a->gcnt[(g * (size_t)T + (size_t)t) * 2];
			ct[gc[g]][1] += a->gcnt[(g * (size_t)T + (size_t)t) * 2 + 1];
		}
	}
	for (size_t g = 0; !rc && g < ng; g++) {
		int64_t cn = 0, ck = 0, N = ct[gc[g]][0], K = ct[gc[g]][1];
		for (int t = 0; t < T; t++) {
			nn[t] = a->gcnt[(g * (size_t)T + (size_t)t) * 2];
			kk[t] = a->gcnt[(g * (size_t)T + (size_t)t) * 2 + 1];
			cn += nn[t];
			ck += kk[t];
		}
		double p0 = baseline(K, N), z, ucl;
		if (cn < cfg->min_n || rk_ewma(kk, nn, T, p0, cfg->ewma_lambda, cfg->ewma_L, &z, &ucl) != 1)
			continue;
		rk_signal *s = push(out, RK_SIG_TREND);
		if (!s) {
			rc = -1;
			break;
		}
		s->category_id = a->gkey[g][0];
		s->juris_id = a->gkey[g][1];
		s->n = cn;
		s->k = ck;
		s->ref_n = N;
		s->ref_k = K;
		s->stat = z;
		s->q = ucl;
		s->p = p0;
		sig[g] = out->n - 1;
	}
	rk_map_free(&cat);
	free(ct);
	free(kk);
	free(nn);
	free(gc);
	return rc;
}

/* ---- evidence: the failing rows of each statistical signal ---- */

/* Up to RK_MAX_EVIDENCE samples of a signal, each at the best (month,
 * sample) key it was seen with, kept in key order: ascending (the earliest
 * failures) or descending (the latest). The same as walking the signal's
 * failing rows sorted by (month, sample) and taking the first distinct
 * samples, without the sort. */
typedef struct top {
	int64_t sample[RK_MAX_EVIDENCE];
	int period[RK_MAX_EVIDENCE];
	int n;
} top;

static int better(int pa, int64_t sa, int pb, int64_t sb, int desc)
{
	int lt = pa < pb || (pa == pb && sa < sb);
	int gt = pa > pb || (pa == pb && sa > sb);
	return desc ? gt : lt;
}

static void top_add(top *t, int period, int64_t sample, int desc)
{
	for (int i = 0; i < t->n; i++) {
		if (t->sample[i] != sample)
			continue;
		if (!better(period, sample, t->period[i], t->sample[i], desc))
			return;
		memmove(&t->sample[i], &t->sample[i + 1], sizeof(int64_t) * (size_t)(t->n - i - 1));
		memmove(&t->period[i], &t->period[i + 1], sizeof(int) * (size_t)(t->n - i - 1));
		t->n--;
		break;
	}
	int at = t->n;
	while (at > 0 && better(period, sample, t->period[at - 1], t->sample[at - 1], desc))
		at--;
	if (at >= RK_MAX_EVIDENCE)
		return;
	int keep = t->n < RK_MAX_EVIDENCE ? t->n : RK_MAX_EVIDENCE - 1;
	memmove(&t->sample[at + 1], &t->sample[at], sizeof(int64_t) * (size_t)(keep - at));
	memmove(&t->period[at + 1], &t->period[at], sizeof(int) * (size_t)(keep - at));
	t->sample[at] = sample;
	t->period[at] = period;
	t->n = keep + 1;
}

static void top_to(const top *t, rk_signal *g)
{
	for (int i = 0; i < t->n; i++)
		evidence(g, t->sample[i]);
}

/* RATE: the earliest failing samples of the cell in the window; HISTORY: the
 * latest of its current months; TREND: the latest of the category ×
 * jurisdiction in the window. */
static int evidences(const agg *a, const int32_t *csig, const int32_t *gsig, rk_signals *rate, rk_signals *hist,
		     rk_signals *trend)
{
	int nt = rate->n + hist->n + trend->n;
	top *t = calloc(nt ? (size_t)nt : 1, sizeof(*t));
	if (!t)
		return -1;
	top *tr = t, *th = t + rate->n, *tt = t + rate->n + hist->n;
	for (int64_t i = 0; i < a->nf; i++) {
		const frow *f = &a->f[i];
		if (f->cell < 0)
			continue;
		int32_t s = csig[(size_t)f->cell * 2];
		if (s >= 0)
			top_add(&tr[s], f->period, f->sample_id, 0);
		s = csig[(size_t)f->cell * 2 + 1];
		if (s >= 0 && f->period >= a->cur_from)
			top_add(&th[s], f->period, f->sample_id, 1);
		s = gsig[f->grp];
		if (s >= 0)
			top_add(&tt[s], f->period, f->sample_id, 1);
	}
	for (int i = 0; i < rate->n; i++)
		top_to(&tr[i], &rate->v[i]);
	for (int i = 0; i < hist->n; i++)
		top_to(&th[i], &hist->v[i]);
	for (int i = 0; i < trend->n; i++)
		top_to(&tt[i], &trend->v[i]);
	free(t);
	return 0;
}

/* ---- recurrence and producers: sorts of the failing rows only ---- */

static int by_enterprise(const void *pa, const void *pb)
{
	const frow *a = pa, *b = pb;
	CMP(a->enterprise_id, b->enterprise_id);
	CMP(a->day, b->day);
	CMP(a->sample_id, b->sample_id);
	CMP(a->at, b->at);
	return 0;
}

/* RECUR: failing rows by enterprise and day; a failing sample in the window
 * whose enterprise failed another sample within recur_days before it. */
static int recurrences(const frow *f, int64_t n, const rk_config *cfg, rk_signals *out)
{
	for (int64_t i = 1; i < n; i++) {
		const frow *r = &f[i];
		if (r->period < cfg->from_period || r->period > cfg->to_period || f[i - 1].sample_id == r->sample_id)
			continue;
		/* the latest earlier failing sample of the same enterprise (f[i - 1] is another sample) */
		const frow *e = &f[i - 1];
		if (e->enterprise_id != r->enterprise_id || r->day - e->day > cfg->recur_days)
			continue;
		rk_signal *g = push(out, RK_SIG_RECUR);
		if (!g)
			return -1;
		g->enterprise_id = r->enterprise_id;
		g->category_id = r->category_id;
		g->juris_id = r->juris_id;
		g->stat = r->day - e->day;
		g->key = r->sample_id;
		evidence(g, e->sample_id);
		evidence(g, r->sample_id);
	}
	return 0;
}

static int by_producer(const void *pa, const void *pb)
{
	const frow *a = pa, *b = pb;
	CMP(a->producer_id, b->producer_id);
	CMP(a->juris_id, b->juris_id);
	CMP(a->sample_id, b->sample_id);
	CMP(a->at, b->at);
	return 0;
}

/* PRODUCER: failing rows in the window by producer and jurisdiction. */
static int producers(const frow *f, int64_t n, const rk_config *cfg, rk_signals *out)
{
	for (int64_t b = 0; b < n;) {
		int64_t e = b, nj = 0, k = 0, last_j = -1, last_s = -1;
		rk_signal tmp = {0};
		for (; e < n && f[e].producer_id == f[b].producer_id; e++) {
			if (f[e].period < cfg->from_period || f[e].period > cfg->to_period)
				continue;
			nj += f[e].juris_id != last_j;
			k += f[e].sample_id != last_s;
			last_j = f[e].juris_id;
			last_s = f[e].sample_id;
			evidence(&tmp, f[e].sample_id);
			if (f[e].sample_id > tmp.key)
				tmp.key = f[e].sample_id;
		}
		if (f[b].producer_id > 0 && nj >= 2) {
			rk_signal *g = push(out, RK_SIG_PRODUCER);
			if (!g)
				return -1;
			*g = tmp;
			g->kind = RK_SIG_PRODUCER;
			g->producer_id = f[b].producer_id;
			g->n = nj; /* jurisdictions */
			g->k = k;  /* failing samples */
		}
		b = e;
	}
	return 0;
}

/* ---- the order of the output ---- */

static int by_key(const void *pa, const void *pb)
{
	const rk_signal *a = pa, *b = pb;
	CMP(a->category_id, b->category_id);
	CMP(a->analyte_id, b->analyte_id);
	CMP(a->juris_id, b->juris_id);
	return 0;
}

static int append(rk_signals *out, rk_signals *s, int sort)
{
	if (sort && s->n > 1)
		qsort(s->v, (size_t)s->n, sizeof(*s->v), by_key);
	for (int i = 0; i < s->n; i++) {
		rk_signal *g = push(out, s->v[i].kind);
		if (!g)
			return -1;
		*g = s->v[i];
	}
	return 0;
}

/* The statistics and the evidence on the aggregates, then recurrence and
 * producers; appended to out in the documented order. */
static int after_pass(agg *a, const rk_config *cfg, rk_signals *out)
{
	rk_signals rate = {0}, hist = {0}, trend = {0}, rest = {0};
	tests t = {0};
	int32_t *csig = malloc((a->cells.n ? a->cells.n : 1) * 2 * sizeof(int32_t));
	int32_t *gsig = malloc((a->grps.n ? a->grps.n : 1) * sizeof(int32_t));
	int rc = !csig || !gsig ? -1 : 0;
	if (!rc) {
		memset(csig, 0xff, a->cells.n * 2 * sizeof(int32_t)); /* -1: no signal */
		memset(gsig, 0xff, a->grps.n * sizeof(int32_t));
		rc = cell_tests(a, cfg, &t);
	}
	if (!rc)
		rc = discoveries(cfg, &t, &rate, &hist, csig);
	if (!rc && a->T > 0)
		rc = trends(a, cfg, &trend, gsig);
	if (!rc)
		rc = evidences(a, csig, gsig, &rate, &hist, &trend);
	/* (no failing row: no array, and qsort must not be given NULL) */
	if (!rc && a->nf > 0) {
		qsort(a->f, (size_t)a->nf, sizeof(*a->f), by_enterprise);
		rc = recurrences(a->f, a->nf, cfg, &rest);
	}
	if (!rc && a->nf > 0) {
		qsort(a->f, (size_t)a->nf, sizeof(*a->f), by_producer);
		rc = producers(a->f, a->nf, cfg, &rest);
	}
	if (!rc)
		rc = append(out, &rate, 1) || append(out, &trend, 1) || append(out, &rest, 0) || append(out, &hist, 1);
	free(csig);
	free(gsig);
	free(t.v);
	rk_signals_free(&rate);
	rk_signals_free(&hist);
	rk_signals_free(&trend);
	rk_signals_free(&rest);
	return rc ? -1 : 0;
}

int rk_run_rules(const rk_row *rows, int64_t n, const rk_config *cfg, rk_signals *out)
{
	/* the counts are 32-bit: more rows than that would not fit in memory anyway */
	if (n < 0 || n > INT32_MAX)
		return -1;
	agg a = {0};
	a.T = cfg->to_period >= cfg->from_period ? cfg->to_period - cfg->from_period + 1 : 0;
	a.cur_from = cfg->cur_months > 0 ? cfg->to_period - cfg->cur_months + 1 : cfg->to_period + 1;
	/* sized for about eight rows a cell up to 256 K cells, so that a big
	 * run does not regrow (and rehash) the table in the middle of the pass */
	size_t hint = (size_t)n / 8 < ((size_t)1 << 18) ? (size_t)n / 8 : ((size_t)1 << 18);
	int rc = rk_map_init(&a.cells, hint) || rk_map_init(&a.grps, 256) ? -1 : 0;
	if (!rc)
		rc = pass(&a, rows, n, cfg, out);
	if (!rc)
		rc = after_pass(&a, cfg, out);
	agg_free(&a);
	return rc;
}
