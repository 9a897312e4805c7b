/* gbt8170.c — GB/T 8170-2008 rounding and limit judgement (see gbt8170.h).
 * Parsing is a small cursor scanner over UTF-8 text (ASCII and the usual
 * full-width / mathematical symbols); rounding and comparison go through
 * lib/decimal, never through binary floating point (DOMAIN.md §1.1 notes). */
#include "lib/gbt8170.h"

#include <string.h>

/* ---- scanner --------------------------------------------------------------- */

struct scan {
	const char *s;
	size_t i, n;
};

static void skip_space(struct scan *sc)
{
	while (sc->i < sc->n && sc->s[sc->i] == ' ')
		sc->i++;
}

static int at_end(struct scan *sc)
{
	skip_space(sc);
	return sc->i == sc->n;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Consume `lit` (ASCII letters compared case-insensitively) after spaces. */
static int accept(struct scan *sc, const char *lit)
{
	size_t l = strlen(lit);

	skip_space(sc);
	if (sc->n - sc->i < l)
		return 0;
	for (size_t k = 0; k < l; k++)
		if (lower(sc->s[sc->i + k]) != lower(lit[k]))
			return 0;
	sc->i += l;
	return 1;
}

/* Consume the first of a NULL-terminated list of literals that matches. */
static int accept_any(struct scan *sc, const char *const *lits)
{
	for (; *lits != NULL; lits++)
		if (accept(sc, *lits))
			return 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits_from(const char *s, size_t i, size_t n)
{
	while (i < n && is_digit(s[i]))
		i++;
	return i;
}

/* Length of the number at s: [+-]? D* (. D*)? ([eE][+-]?D+)?; dec_parse_n
 * then enforces the exact grammar. */
static size_t number_span(const char *s, size_t n)
{
	size_t i = 0, j;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	i = digits_from(s, i, n);
	if (i < n && s[i] == '.')
		i = digits_from(s, i + 1, n);
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		j = i + 1;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j < n && is_digit(s[j]))
			i = digits_from(s, j, n);
	}
	return i;
}

static int scan_number(struct scan *sc, dec *out)
{
	size_t len;

	skip_space(sc);
	len = number_span(sc->s + sc->i, sc->n - sc->i);
	if (len == 0 || dec_parse_n(out, sc->s + sc->i, len) != DEC_OK)
		return 0;
	sc->i += len;
	return 1;
}

static void scan_init(struct scan *sc, const char *s)
{
	sc->s = s ? s : "";
	sc->i = 0;
	sc->n = strlen(sc->s);
}

static int fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

static int undecided(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return GBT_UNDECIDED;
}

static const char *const nd_words[] = {"ND", "N.D.", "未检出", NULL};
static const char *const nd_limit_words[] = {"ND", "N.D.", "不得检出", NULL};
static const char *const less[] = {"<", "＜", NULL};
static const char *const lod_words[] = {"LOD", "DL", NULL};
static const char *const le_ops[] = {"<=", "≤", "≦", "＜＝", NULL};
static const char *const lt_ops[] = {"<", "＜", NULL};
static const char *const ge_ops[] = {">=", "≥", "≧", "＞＝", NULL};
static const char *const gt_ops[] = {">", "＞", NULL};
static const char *const range_seps[] = {"~", "～", "〜", NULL};
static const char *const tol_ops[] = {"±", "+/-", "+-", NULL};
static const char *const open_paren[] = {"(", "（", NULL};
static const char *const close_paren[] = {")", "）", NULL};
static const char *const plus_signs[] = {"+", "＋", NULL};
static const char *const minus_signs[] = {"-", "−", "－", NULL};

/* ---- values ---------------------------------------------------------------- */

/* Optional "(+)" / "(-)" after a number. */
static int scan_mark(struct scan *sc, int *mark)
{
	*mark = GBT_MARK_NONE;
	if (!accept_any(sc, open_paren))
		return 1;
	if (accept_any(sc, plus_signs))
		*mark = GBT_MARK_PLUS;
	else if (accept_any(sc, minus_signs))
		*mark = GBT_MARK_MINUS;
	else
		return 0;
	return accept_any(sc, close_paren);
}

/* "<LOD", "<DL" or "<X" after the "<". */
static int scan_below(struct scan *sc, struct gbt_value *out, const char **why)
{
	out->kind = GBT_NOT_DETECTED;
	if (accept_any(sc, lod_words))
		return at_end(sc) ? 0 : fail(why, "unexpected text after <LOD");
	if (!scan_number(sc, &out->v) || !at_end(sc))
		return fail(why, "value: expected <LOD or <number");
	if (dec_sign(&out->v) <= 0)
		return fail(why, "value: the bound of <X must be positive");
	out->has_bound = 1;
	return 0;
}

/* Place of the last written digit of a number's text: "0.10" → -2,
 * "150" → 0, "1.5e2" → 1 (the exponent moves the place, not the digits). */
static int digit_place(const char *s, size_t n)
{
	size_t i = 0;
	int places = 0, e = 0, neg = 0;

	while (i < n && s[i] != '.' && s[i] != 'e' && s[i] != 'E')
		i++;
	if (i < n && s[i] == '.')
		for (i++; i < n && is_digit(s[i]); i++)
			places++;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			neg = s[i++] == '-';
		for (; i < n && is_digit(s[i]) && e < 10000; i++)
			e = e * 10 + (s[i] - '0');
	}
	return (neg ? -e : e) - places;
}

dec_err gbt_value_shift(struct gbt_value *x, int k)
{
	int place = x->has_digit_exp ? x->digit_exp : -(int)x->v.scale;
	dec_err e = dec_shift(&x->v, &x->v, k);

	if (e == DEC_OK) {
		x->has_digit_exp = 1;
		x->digit_exp = place + k;
	}
	return e;
}

/* The digit of |x| at the place 10^p (0 when x has none there). */
static int digit_at(const dec *x, int p)
{
	int i = p + x->scale;

	return i >= 0 && i < x->n ? x->d[i] : 0;
}

int gbt_value_interval(const struct gbt_value *x, dec *lo, int *lo_in, dec *hi, int *hi_in)
{
	dec h, far;
	int place = x->has_digit_exp ? x->digit_exp : -(int)x->v.scale;
	int dir = x->mark * dec_sign(&x->v), far_in;

	if (x->mark == GBT_MARK_NONE || dir == 0) {
		*lo = *hi = x->v;
		*lo_in = *hi_in = 1;
		return 0;
	}
	/* h = 5 × 10^(place-1); the far end is x ± h */
	if (dec_from_int(&h, 5, 0) != DEC_OK || dec_shift(&h, &h, place - 1) != DEC_OK ||
	    (dir > 0 ? dec_add(&far, &x->v, &h) : dec_sub(&far, &x->v, &h)) != DEC_OK)
		return -1;
	/* a tie at the far end rounds to x only when x's last digit is even */
	far_in = digit_at(&x->v, place) % 2 == 0;
	if (dir > 0) {
		*lo = x->v, *lo_in = 0;
		*hi = far, *hi_in = far_in;
	} else {
		*lo = far, *lo_in = far_in;
		*hi = x->v, *hi_in = 0;
	}
	return 0;
}

int gbt_parse_value(const char *s, struct gbt_value *out, const char **why)
{
	struct scan sc;

	memset(out, 0, sizeof *out);
	scan_init(&sc, s);
	if (at_end(&sc))
		return fail(why, "value: empty");
	if (accept_any(&sc, nd_words)) {
		out->kind = GBT_NOT_DETECTED;
		return at_end(&sc) ? 0 : fail(why, "value: unexpected text after ND");
	}
	if (accept_any(&sc, less))
		return scan_below(&sc, out, why);
	skip_space(&sc);
	size_t start = sc.i;
	if (!scan_number(&sc, &out->v))
		return fail(why, "value: not a number, ND or <LOD");
	out->has_digit_exp = 1;
	out->digit_exp = digit_place(sc.s + start, sc.i - start);
	if (!scan_mark(&sc, &out->mark))
		return fail(why, "value: a mark must be (+) or (-)");
	if (!at_end(&sc))
		return fail(why, "value: unexpected text after the number");
	if (out->mark != GBT_MARK_NONE && dec_is_zero(&out->v))
		return fail(why, "value: zero cannot carry a (+)/(-) mark");
	return 0;
}

/* ---- intervals and rounding -------------------------------------------------- */

int gbt_parse_interval(const char *s, struct gbt_interval *out, const char **why)
{
	dec x;
	int t = 0;

	if (s == NULL || dec_parse(&x, s) != DEC_OK)
		return fail(why, "interval: not a number");
	if (dec_sign(&x) <= 0)
		return fail(why, "interval: must be positive");
	while (x.d[t] == 0)
		t++;
	if (x.n - t != 1 || (x.d[t] != 1 && x.d[t] != 2 && x.d[t] != 5))
		return fail(why, "interval: must be 1, 2 or 5 times a power of ten (e.g. 0.1, 0.5, 0.2, 100)");
	out->unit = x.d[t];
	out->exp = t - x.scale;
	return 0;
}

/* §3.3.2: a tie is decided by the mark when there is one, else by §3.2.4. */
static dec_round_mode mode_for(int mark)
{
	if (mark == GBT_MARK_PLUS)
		return DEC_ROUND_HALF_UP;
	if (mark == GBT_MARK_MINUS)
		return DEC_ROUND_HALF_DOWN;
	return DEC_ROUND_HALF_EVEN;
}

/* §3.4: multiply by 2 (0.5 unit) or 5 (0.2 unit), round one place further
 * left, divide back (exact). */
static dec_err round_units(const dec *x, const struct gbt_interval *iv, int mark, dec *out)
{
	dec k, y;
	int places = -iv->exp;
	dec_err e;

	e = dec_from_int(&k, iv->unit == 5 ? 2 : 5, 0);
	if (!e)
		e = dec_mul(&y, x, &k);
	if (!e)
		e = dec_round(&y, &y, places - 1, mode_for(mark));
	if (!e)
		e = dec_div(out, &y, &k, places, DEC_ROUND_HALF_EVEN);
	return e;
}

int gbt_round(const struct gbt_value *x, const struct gbt_interval *iv, dec *out, int *mark_out, const char **why)
{
	dec r, ax, ar;
	dec_err e;
	int c;

	if (x->kind != GBT_NUMBER)
		return fail(why, "only a number can be rounded");
	if (iv->unit == 1)
		e = dec_round(&r, &x->v, -iv->exp, mode_for(x->mark));
	else
		e = round_units(&x->v, iv, x->mark, &r);
	if (e)
		return fail(why, dec_strerror(e));
	dec_abs(&ax, &x->v);
	dec_abs(&ar, &r);
	c = dec_cmp(&ar, &ax);
	if (mark_out)
		*mark_out = c == 0 ? x->mark : c < 0 ? GBT_MARK_PLUS : GBT_MARK_MINUS;
	*out = r;
	return 0;
}

/* Last non-zero digit of x is 5 (the §3.3.2 condition for a mark). */
static int ends_in_five(const dec *x)
{
	for (int i = 0; i < x->n; i++)
		if (x->d[i] != 0)
			return x->d[i] == 5;
	return 0;
}

int gbt_round_str(const char *value, const char *interval, int report, char *buf, size_t size, const char **why)
{
	struct gbt_value x;
	struct gbt_interval iv;
	dec r;
	int mark;
	size_t len;

	if (size > 0)
		buf[0] = '\0';
	if (gbt_parse_value(value, &x, why) || gbt_parse_interval(interval, &iv, why) ||
	    gbt_round(&x, &iv, &r, &mark, why))
		return -1;
	if (dec_format(&r, buf, size) != DEC_OK)
		return fail(why, "output buffer too small");
	if (!report || mark == GBT_MARK_NONE || !ends_in_five(&r))
		return 0;
	len = strlen(buf);
	if (size - len < 4)
		return fail(why, "output buffer too small");
	memcpy(buf + len, mark > 0 ? "(+)" : "(-)", 4);
	return 0;
}

/* ---- limits ------------------------------------------------------------------ */

/* A relation before a number: -1 for < / ≤ (upper bound), 1 for > / ≥,
 * 0 if none; *incl says whether equality is allowed. */
static int scan_relation(struct scan *sc, int *incl)
{
	*incl = 1;
	if (accept_any(sc, le_ops))
		return -1;
	if (accept_any(sc, ge_ops))
		return 1;
	*incl = 0;
	if (accept_any(sc, lt_ops))
		return -1;
	if (accept_any(sc, gt_ops))
		return 1;
	return 0;
}

static int places_of(const dec *a, const dec *b)
{
	return a->scale > b->scale ? a->scale : b->scale;
}

/* "<=A", "<A", ">=A", ">A". */
static int parse_one_sided(struct scan *sc, int rel, int incl, struct gbt_limit *out, const char **why)
{
	dec a;

	if (!scan_number(sc, &a) || !at_end(sc))
		return fail(why, "limit: expected a number after the relation");
	if (rel < 0) {
		out->has_hi = 1;
		out->hi_incl = incl;
		out->hi = a;
	} else {
		out->has_lo = 1;
		out->lo_incl = incl;
		out->lo = a;
	}
	out->places = a.scale;
	return 0;
}

/* "A±T": [A − T, A + T]. */
static int parse_tolerance(struct scan *sc, const dec *a, struct gbt_limit *out, const char **why)
{
	dec t;

	if (!scan_number(sc, &t) || !at_end(sc))
		return fail(why, "limit: expected a tolerance after ±");
	if (dec_sign(&t) < 0)
		return fail(why, "limit: the tolerance must not be negative");
	if (dec_sub(&out->lo, a, &t) || dec_add(&out->hi, a, &t))
		return fail(why, "limit: number out of range");
	out->has_lo = out->has_hi = out->lo_incl = out->hi_incl = 1;
	out->places = places_of(a, &t);
	return 0;
}

/* "A<x<B" and its inclusive and mixed forms, after A and the first relation. */
static int parse_between(struct scan *sc, const dec *a, int incl1, struct gbt_limit *out, const char **why)
{
	int incl2;

	if (!accept(sc, "x") || scan_relation(sc, &incl2) != -1 || !scan_number(sc, &out->hi) || !at_end(sc))
		return fail(why, "limit: expected A<x<B");
	out->lo = *a;
	out->has_lo = out->has_hi = 1;
	out->lo_incl = incl1;
	out->hi_incl = incl2;
	out->places = places_of(a, &out->hi);
	return 0;
}

static int parse_two_sided(struct scan *sc, struct gbt_limit *out, const char **why)
{
	dec a;
	int incl, rc;

	if (!scan_number(sc, &a))
		return fail(why, "limit: expected <=A, <A, >=A, >A, A~B, A<x<B, A±T or ND");
	if (accept_any(sc, range_seps)) {
		if (!scan_number(sc, &out->hi) || !at_end(sc))
			return fail(why, "limit: expected a number after ~");
		out->lo = a;
		out->has_lo = out->has_hi = out->lo_incl = out->hi_incl = 1;
		out->places = places_of(&a, &out->hi);
		rc = 0;
	} else if (accept_any(sc, tol_ops)) {
		rc = parse_tolerance(sc, &a, out, why);
	} else if (scan_relation(sc, &incl) == -1) {
		rc = parse_between(sc, &a, incl, out, why);
	} else {
		return fail(why, "limit: a bare number needs a relation (<=A, >=A, A~B …)");
	}
	if (rc == 0) {
		int c = dec_cmp(&out->lo, &out->hi);

		if (c > 0 || (c == 0 && !(out->lo_incl && out->hi_incl)))
			return fail(why, "limit: the lower bound must be below the upper bound");
	}
	return rc;
}

int gbt_parse_limit(const char *s, struct gbt_limit *out, const char **why)
{
	struct scan sc;
	int rel, incl;

	memset(out, 0, sizeof *out);
	scan_init(&sc, s);
	if (at_end(&sc))
		return fail(why, "limit: empty");
	if (accept_any(&sc, nd_limit_words)) {
		out->kind = GBT_ND;
		return at_end(&sc) ? 0 : fail(why, "limit: unexpected text after ND");
	}
	rel = scan_relation(&sc, &incl);
	if (rel != 0)
		return parse_one_sided(&sc, rel, incl, out, why);
	return parse_two_sided(&sc, out, why);
}

/* ---- judgement --------------------------------------------------------------- */

/* Where the true value lies against b: -1 below, 0 equal, 1 above. A marked
 * value equal to b lies on its mark's side in absolute value (§3.3.2). */
static int true_cmp(const struct gbt_value *x, const dec *b)
{
	int c = dec_cmp(&x->v, b);

	if (c != 0 || x->mark == GBT_MARK_NONE)
		return c;
	return x->mark * dec_sign(&x->v);
}

static int within(const struct gbt_value *x, const struct gbt_limit *lim)
{
	int lo = lim->has_lo ? true_cmp(x, &lim->lo) : 1;
	int hi = lim->has_hi ? true_cmp(x, &lim->hi) : -1;

	return (lo > 0 || (lo == 0 && lim->lo_incl)) && (hi < 0 || (hi == 0 && lim->hi_incl));
}

enum { SIDE_IN = 1, SIDE_OUT = 0, SIDE_CUT = -1 };

/* Where the interval [lo, hi] (ends in or out) lies against the limit's
 * bounds: wholly inside, wholly outside (below the lower or above the upper
 * bound), or cut by a bound. */
static int interval_side(const dec *lo, int lo_in, const dec *hi, int hi_in, const struct gbt_limit *lim)
{
	int ok_lo = 1, ok_hi = 1, below = 0, above = 0, c;

	if (lim->has_lo) {
		c = dec_cmp(lo, &lim->lo); /* every point ≥ (or >) the lower bound */
		ok_lo = lo_in ? (c > 0 || (c == 0 && lim->lo_incl)) : c >= 0;
		c = dec_cmp(hi, &lim->lo); /* every point below it */
		below = hi_in ? (c < 0 || (c == 0 && !lim->lo_incl)) : c <= 0;
	}
	if (lim->has_hi) {
		c = dec_cmp(hi, &lim->hi);
		ok_hi = hi_in ? (c < 0 || (c == 0 && lim->hi_incl)) : c <= 0;
		c = dec_cmp(lo, &lim->hi);
		above = lo_in ? (c > 0 || (c == 0 && !lim->hi_incl)) : c >= 0;
	}
	if (ok_lo && ok_hi)
		return SIDE_IN;
	return below || above ? SIDE_OUT : SIDE_CUT;
}

/* Full-value comparison of a number, marked or not (§4.3.1, §3.3.2). */
static int judge_full(const struct gbt_value *x, const struct gbt_limit *lim, struct gbt_verdict *out, const char **why)
{
	dec lo, hi;
	int lo_in, hi_in, side;

	if (x->mark == GBT_MARK_NONE) {
		out->pass = within(x, lim);
		return 0;
	}
	if (gbt_value_interval(x, &lo, &lo_in, &hi, &hi_in))
		return fail(why, "value out of range");
	side = interval_side(&lo, lo_in, &hi, hi_in, lim);
	if (side == SIDE_CUT)
		return undecided(why, "the interval a marked value stands for straddles the limit:"
				      " it cannot be judged; report more digits");
	out->pass = side == SIDE_IN;
	return 0;
}

/* A not-detected result ("ND", "<LOD", "<X"). */
static int judge_not_detected(const struct gbt_value *x, const struct gbt_limit *lim, const dec *lod,
			      struct gbt_verdict *out, const char **why)
{
	const dec *bound = x->has_bound ? &x->v : lod;

	if (lim->kind == GBT_ND) {
		out->pass = 1;
		return 0;
	}
	if (lim->has_lo) {
		/* true value < bound <= lower limit: fails whatever the upper side */
		if (bound == NULL)
			return undecided(why, "a not-detected result needs a detection limit"
					      " to be judged against a lower limit");
		if (dec_cmp(bound, &lim->lo) > 0)
			return undecided(why, "a not-detected result with a detection limit"
					      " above the lower limit cannot be judged");
		out->pass = 0;
		return 0;
	}
	/* upper bound only: true value < bound <= limit passes; without a bound
	 * the method's detection limit is taken to be below the limit */
	if (bound != NULL && dec_cmp(bound, &lim->hi) > 0)
		return undecided(why, "the detection limit is above the limit:"
				      " a not-detected result cannot be judged");
	out->pass = 1;
	return 0;
}

static int judge_nd_limit(const struct gbt_value *x, const dec *lod, struct gbt_verdict *out, const char **why)
{
	struct gbt_limit below;
	int rc;

	if (lod == NULL) {
		out->detected = dec_sign(&x->v) > 0;
		out->pass = !out->detected;
		return 0;
	}
	/* not detected means below the detection limit: the limit "< LOD" */
	memset(&below, 0, sizeof below);
	below.has_hi = 1;
	below.hi = *lod;
	rc = judge_full(x, &below, out, why);
	if (rc == GBT_UNDECIDED)
		return undecided(why, "a marked value this close to the detection limit"
				      " cannot be judged; report more digits");
	out->detected = rc == 0 && !out->pass;
	return rc;
}

/* Place of a bound's last digit: decimals as written ("0.50" → -2); an
 * integer by its last non-zero digit ("1400" → 2, as GB/T 8170 writes
 * "14×100"). */
static int bound_place(const dec *b)
{
	int t = 0;

	if (b->scale > 0)
		return -(int)b->scale;
	while (t < b->n && b->d[t] == 0)
		t++;
	return t < b->n ? t : 0;
}

/* 1 if b is a whole multiple of the interval. */
static int on_grid(const dec *b, const struct gbt_interval *iv)
{
	dec t;
	int i, units;

	if (dec_shift(&t, b, -iv->exp) != DEC_OK)
		return 0;
	for (i = 0; i < t.scale && i < t.n; i++)
		if (t.d[i] != 0)
			return 0;
	units = digit_at(&t, 0);
	return iv->unit == 1 || (iv->unit == 2 ? units % 2 == 0 : units % 5 == 0);
}

/* §4.3.2: the value is rounded to the limit's own place. An interval coarser
 * than a bound's last digit, or whose grid misses a bound, could not tell
 * the limit apart (0.24 to 0.1 against ≤0.25): bad input. */
static int coarser_than_limit(const struct gbt_interval *iv, const struct gbt_limit *lim)
{
	if (lim->has_lo && (iv->exp > bound_place(&lim->lo) || !on_grid(&lim->lo, iv)))
		return 1;
	return lim->has_hi && (iv->exp > bound_place(&lim->hi) || !on_grid(&lim->hi, iv));
}

int gbt_interval_fits(const struct gbt_interval *iv, const struct gbt_limit *lim)
{
	return lim->kind == GBT_ND || !coarser_than_limit(iv, lim) ? 0 : -1;
}

/* Rounds one end of a marked value's interval: an open end rounds as the
 * values just inside it would (the tie goes inwards; `inward` is the mark
 * that says so). */
static int round_end(const dec *v, int in, int inward, const struct gbt_interval *iv, dec *out, const char **why)
{
	struct gbt_value e;

	memset(&e, 0, sizeof e);
	e.v = *v;
	e.mark = in || dec_is_zero(v) ? GBT_MARK_NONE : inward;
	return gbt_round(&e, iv, out, NULL, why);
}

static int judge_rounded(const struct gbt_value *x, const struct gbt_limit *lim, const struct gbt_interval *iv,
			 struct gbt_verdict *out, const char **why)
{
	struct gbt_interval def = {1, -lim->places};
	struct gbt_value r, r2;
	dec lo, hi;
	int lo_in, hi_in, s1, s2, neg = dec_sign(&x->v) < 0;
	char a[DEC_STRMAX], b[DEC_STRMAX];
	size_t la, lb;

	memset(&r, 0, sizeof r);
	r2 = r;
	if (!iv)
		iv = &def;
	if (x->mark == GBT_MARK_NONE) {
		if (gbt_round(x, iv, &r.v, NULL, why))
			return -1;
		if (dec_format(&r.v, out->value, sizeof out->value) != DEC_OK)
			return fail(why, "rounded value too long");
		out->rounded = 1;
		out->pass = within(&r, lim);
		return 0;
	}
	/* both ends of the interval; an open lower end's values lie above it
	 * (a tie goes up in magnitude for a positive number: mark +) */
	if (gbt_value_interval(x, &lo, &lo_in, &hi, &hi_in))
		return fail(why, "value out of range");
	if (round_end(&lo, lo_in, neg ? GBT_MARK_MINUS : GBT_MARK_PLUS, iv, &r.v, why) ||
	    round_end(&hi, hi_in, neg ? GBT_MARK_PLUS : GBT_MARK_MINUS, iv, &r2.v, why))
		return -1;
	if (dec_format(&r.v, a, sizeof a) != DEC_OK || dec_format(&r2.v, b, sizeof b) != DEC_OK)
		return fail(why, "rounded value too long");
	s1 = within(&r, lim), s2 = within(&r2, lim);
	la = strlen(a), lb = strlen(b);
	if (la + lb + 2 > sizeof out->value)
		return fail(why, "rounded value too long");
	memcpy(out->value, a, la + 1);
	if (dec_cmp(&r.v, &r2.v) != 0) {
		out->value[la] = '~';
		memcpy(out->value + la + 1, b, lb + 1);
	}
	out->rounded = 1;
	if (s1 && s2) {
		out->pass = 1;
		return 0;
	}
	/* both ends out on the same side: every rounded value between is out */
	if (!s1 && !s2 && interval_side(&r.v, 1, &r2.v, 1, lim) == SIDE_OUT) {
		out->pass = 0;
		return 0;
	}
	return undecided(why, "the interval a marked value stands for rounds to values on both sides"
			      " of the limit: it cannot be judged");
}

int gbt_judge_parsed(const struct gbt_value *x, const struct gbt_limit *lim, int method, const dec *lod,
		     const struct gbt_interval *iv, struct gbt_verdict *out, const char **why)
{
	memset(out, 0, sizeof *out);
	if (lod != NULL && dec_sign(lod) <= 0)
		return fail(why, "the detection limit must be positive");
	if (method == GBT_ROUNDED && iv && lim->kind != GBT_ND && coarser_than_limit(iv, lim))
		return fail(why, "the rounding interval is coarser than the limit's last digit"
				 " (GB/T 8170-2008 4.3.2)");
	if (x->kind == GBT_NOT_DETECTED)
		return judge_not_detected(x, lim, lod, out, why);
	if (lim->kind == GBT_ND)
		return judge_nd_limit(x, lod, out, why);
	if (method == GBT_ROUNDED)
		return judge_rounded(x, lim, iv, out, why);
	return judge_full(x, lim, out, why);
}

int gbt_judge(const char *value, const char *limit, const struct gbt_judge_opts *opts, struct gbt_verdict *out,
	      const char **why)
{
	struct gbt_value x;
	struct gbt_limit lim;
	struct gbt_interval iv;
	dec lod;
	int method = opts ? opts->method : GBT_FULL;

	memset(out, 0, sizeof *out);
	if (gbt_parse_value(value, &x, why) || gbt_parse_limit(limit, &lim, why))
		return -1;
	if (opts && opts->lod && dec_parse(&lod, opts->lod) != DEC_OK)
		return fail(why, "detection limit: not a number");
	if (opts && opts->interval && gbt_parse_interval(opts->interval, &iv, why))
		return -1;
	if (method != GBT_FULL && method != GBT_ROUNDED)
		return fail(why, "method must be full or rounded");
	return gbt_judge_parsed(&x, &lim, method, opts && opts->lod ? &lod : NULL, opts && opts->interval ? &iv : NULL,
				out, why);
}
