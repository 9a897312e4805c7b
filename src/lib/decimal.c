/* decimal.c — exact decimal arithmetic on base-10 digit arrays (see
 * decimal.h). Every operation works on a wide scratch integer (`struct big`,
 * little-endian decimal digits) and only writes its output once the result is
 * known to fit a `dec`, so outputs may alias inputs and are left unchanged on
 * error. No floating point, no allocation. */
#include "lib/decimal.h"

#include <limits.h>
#include <string.h>

#define BIG_DIGITS 256 /* ≥ 2 × DEC_DIGITS + 2 × DEC_MAX_SCALE + slack */
#define MAX_EXPONENT 9999

struct big {
	int n;                       /* digits used, no leading zeros */
	unsigned char d[BIG_DIGITS]; /* d[0] least significant */
};

const char *dec_strerror(dec_err e)
{
	switch (e) {
	case DEC_OK: return "ok";
	case DEC_E_EMPTY: return "empty number";
	case DEC_E_SYNTAX: return "not a plain decimal number (digits with an optional sign, point and exponent)";
	case DEC_E_DIGITS: return "too many significant digits";
	case DEC_E_SCALE: return "too many decimal places";
	case DEC_E_DIVZERO: return "division by zero";
	case DEC_E_INEXACT: return "value has more decimal places than allowed";
	case DEC_E_RANGE: return "value out of range";
	}
	return "unknown decimal error";
}

/* ---- scratch integers ---------------------------------------------------- */

static void big_trim(struct big *b)
{
	while (b->n > 0 && b->d[b->n - 1] == 0)
		b->n--;
}

static void big_from_dec(struct big *b, const dec *x)
{
	b->n = x->n;
	memcpy(b->d, x->d, x->n);
}

/* b *= 10^k for k >= 0. */
static dec_err big_shift(struct big *b, int k)
{
	if (b->n == 0 || k == 0)
		return DEC_OK;
	if (k < 0 || k > BIG_DIGITS - b->n)
		return DEC_E_DIGITS;
	memmove(b->d + k, b->d, (size_t)b->n);
	memset(b->d, 0, (size_t)k);
	b->n += k;
	return DEC_OK;
}

static int big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

/* a += b. */
static dec_err big_add(struct big *a, const struct big *b)
{
	int n = a->n > b->n ? a->n : b->n, carry = 0;

	for (int i = 0; i < n; i++) {
		int v = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
		carry = v >= 10;
		a->d[i] = (unsigned char)(v % 10);
	}
	a->n = n;
	if (carry) {
		if (n >= BIG_DIGITS)
			return DEC_E_DIGITS;
		a->d[a->n++] = 1;
	}
	return DEC_OK;
}

/* a -= b; requires a >= b. */
static void big_sub(struct big *a, const struct big *b)
{
	int borrow = 0;

	for (int i = 0; i < a->n; i++) {
		int v = a->d[i] - borrow - (i < b->n ? b->d[i] : 0);
		borrow = v < 0;
		a->d[i] = (unsigned char)(borrow ? v + 10 : v);
	}
	big_trim(a);
}

static dec_err big_inc(struct big *a)
{
	struct big one = {1, {1}};

	return big_add(a, &one);
}

static dec_err big_mul(struct big *r, const struct big *a, const struct big *b)
{
	unsigned acc[BIG_DIGITS] = {0};
	unsigned carry = 0;
	int n = a->n + b->n;

	if (a->n == 0 || b->n == 0) {
		r->n = 0;
		return DEC_OK;
	}
	if (n > BIG_DIGITS)
		return DEC_E_DIGITS;
	for (int i = 0; i < a->n; i++)
		for (int j = 0; j < b->n; j++)
			acc[i + j] += (unsigned)a->d[i] * b->d[j];
	for (int i = 0; i < n; i++) {
		unsigned v = acc[i] + carry;
		r->d[i] = (unsigned char)(v % 10);
		carry = v / 10;
	}
	r->n = n;
	big_trim(r);
	return DEC_OK;
}

/* q = num / den, rem = num % den (schoolbook, one decimal digit at a time). */
static void big_divmod(const struct big *num, const struct big *den, struct big *q, struct big *rem)
{
	struct big r = {0, {0}};

	q->n = num->n;
	for (int i = num->n - 1; i >= 0; i--) {
		int qd = 0;

		if (r.n > 0)
			(void)big_shift(&r, 1); /* r < den, so it fits */
		r.d[0] = num->d[i];
		if (r.n == 0 && num->d[i] != 0)
			r.n = 1;
		while (big_cmp(&r, den) >= 0) {
			big_sub(&r, den);
			qd++;
		}
		q->d[i] = (unsigned char)qd;
	}
	big_trim(q);
	*rem = r;
}

/* Store b × 10^-scale into *out if it fits. */
static dec_err pack(dec *out, struct big *b, int neg, int scale)
{
	big_trim(b);
	if (b->n > DEC_DIGITS)
		return DEC_E_DIGITS;
	if (scale < 0 || scale > DEC_MAX_SCALE)
		return DEC_E_SCALE;
	out->n = (unsigned char)b->n;
	memcpy(out->d, b->d, (size_t)b->n);
	out->scale = (unsigned char)scale;
	out->neg = (unsigned char)(b->n > 0 && neg);
	return DEC_OK;
}

/* b = |x| × 10^scale as an integer; scale >= x->scale. */
static void align(struct big *b, const dec *x, int scale)
{
	big_from_dec(b, x);
	(void)big_shift(b, scale - x->scale); /* ≤ DEC_DIGITS + DEC_MAX_SCALE digits */
}

/* Whether rounding must add one unit to the retained magnitude.
 * half: -1 discarded part below half a unit, 0 exactly half, 1 above. */
static int must_round_up(dec_round_mode m, int rem_zero, int half, int odd)
{
	if (rem_zero || m == DEC_ROUND_DOWN)
		return 0;
	if (m == DEC_ROUND_UP)
		return 1;
	if (half != 0)
		return half > 0;
	if (m == DEC_ROUND_HALF_UP)
		return 1;
	if (m == DEC_ROUND_HALF_DOWN)
		return 0;
	return odd; /* HALF_EVEN: GB/T 8170 §3.2.4 */
}

/* ---- parsing and formatting ---------------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Scan DIGITS at s[*i]; appends significant digits (most significant first)
 * to buf (count in *nbuf), skipping leading zeros while *seen is 0. Returns the count. */
static long scan_digits(const char *s, size_t len, size_t *i, unsigned char *buf, int *nbuf, int *seen, int *over)
{
	long count = 0;

	for (; *i < len && is_digit(s[*i]); (*i)++, count++) {
		int v = s[*i] - '0';

		if (v != 0)
			*seen = 1;
		if (!*seen)
			continue;
		if (*nbuf >= DEC_DIGITS)
			*over = 1;
		else
			buf[(*nbuf)++] = (unsigned char)v;
	}
	return count;
}

/* Parse [eE][+-]?DIGITS at s[*i] into *exp; returns 0 on bad syntax. */
static int scan_exponent(const char *s, size_t len, size_t *i, long *exp)
{
	int neg = 0;
	long v = 0, count = 0;

	if (*i >= len || (s[*i] != 'e' && s[*i] != 'E'))
		return 1;
	(*i)++;
	if (*i < len && (s[*i] == '+' || s[*i] == '-'))
		neg = s[(*i)++] == '-';
	for (; *i < len && is_digit(s[*i]); (*i)++, count++)
		if (v <= MAX_EXPONENT)
			v = v * 10 + (s[*i] - '0');
	*exp = neg ? -v : v;
	return count > 0;
}

dec_err dec_parse_n(dec *out, const char *s, size_t len)
{
	unsigned char buf[DEC_DIGITS];
	int nbuf = 0, seen = 0, over = 0, neg = 0;
	long nfrac = 0, exp = 0, scale;
	size_t i = 0;
	struct big b;

	out->neg = out->n = out->scale = 0;
	if (s == NULL || len == 0)
		return DEC_E_EMPTY;
	if (s[0] == '+' || s[0] == '-')
		neg = s[i++] == '-';
	if (scan_digits(s, len, &i, buf, &nbuf, &seen, &over) == 0)
		return DEC_E_SYNTAX;
	if (i < len && s[i] == '.') {
		i++;
		nfrac = scan_digits(s, len, &i, buf, &nbuf, &seen, &over);
		if (nfrac == 0)
			return DEC_E_SYNTAX;
	}
	if (!scan_exponent(s, len, &i, &exp) || i != len)
		return DEC_E_SYNTAX;
	if (over)
		return DEC_E_DIGITS;
	if (exp > MAX_EXPONENT || exp < -MAX_EXPONENT || nfrac > MAX_EXPONENT)
		return DEC_E_RANGE;
	b.n = nbuf;
	for (int k = 0; k < nbuf; k++)
		b.d[k] = buf[nbuf - 1 - k];
	scale = nfrac - exp;
	if (scale < 0) {
		if (b.n > 0 && -scale > DEC_DIGITS)
			return DEC_E_DIGITS;
		(void)big_shift(&b, (int)-scale);
		scale = 0;
	}
	if (scale > DEC_MAX_SCALE)
		return DEC_E_SCALE;
	return pack(out, &b, neg, (int)scale);
}

dec_err dec_parse(dec *out, const char *s)
{
	return dec_parse_n(out, s, s ? strlen(s) : 0);
}

/* Digit of x at decimal exponent e (10^e place). */
static int digit_at(const dec *x, int e)
{
	int i = e + x->scale;

	return i >= 0 && i < x->n ? x->d[i] : 0;
}

dec_err dec_format(const dec *x, char *buf, size_t size)
{
	int nint = x->n > x->scale ? x->n - x->scale : 1;
	size_t need = (size_t)(x->neg + nint + (x->scale ? 1 + x->scale : 0) + 1);
	size_t k = 0;

	if (size < need) {
		if (size > 0)
			buf[0] = '\0';
		return DEC_E_RANGE;
	}
	if (x->neg)
		buf[k++] = '-';
	for (int e = nint - 1; e >= 0; e--)
		buf[k++] = (char)('0' + digit_at(x, e));
	if (x->scale)
		buf[k++] = '.';
	for (int e = -1; e >= -(int)x->scale; e--)
		buf[k++] = (char)('0' + digit_at(x, e));
	buf[k] = '\0';
	return DEC_OK;
}

/* ---- integers ------------------------------------------------------------ */

dec_err dec_from_int(dec *out, long long v, int scale)
{
	unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	struct big b = {0, {0}};

	while (m > 0) {
		b.d[b.n++] = (unsigned char)(m % 10);
		m /= 10;
	}
	return pack(out, &b, v < 0, scale);
}

dec_err dec_to_int(const dec *x, int scale, long long *out)
{
	unsigned long long acc = 0, limit;
	struct big b;
	int drop;

	if (scale < 0 || scale > DEC_MAX_SCALE)
		return DEC_E_SCALE;
	big_from_dec(&b, x);
	drop = x->scale - scale;
	for (int i = 0; i < drop && i < b.n; i++)
		if (b.d[i] != 0)
			return DEC_E_INEXACT;
	if (drop < 0 && big_shift(&b, -drop) != DEC_OK)
		return DEC_E_RANGE;
	limit = x->neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (int i = b.n - 1; i >= (drop > 0 ? drop : 0); i--) {
		if (acc > (limit - b.d[i]) / 10)
			return DEC_E_RANGE;
		acc = acc * 10 + b.d[i];
	}
	if (!x->neg)
		*out = (long long)acc;
	else
		*out = acc == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)acc;
	return DEC_OK;
}

/* ---- comparison and sign --------------------------------------------------- */

static int cmp_mag(const dec *a, const dec *b)
{
	int s = a->scale > b->scale ? a->scale : b->scale;
	struct big x, y;

	align(&x, a, s);
	align(&y, b, s);
	return big_cmp(&x, &y);
}

int dec_cmp(const dec *a, const dec *b)
{
	int sa = dec_sign(a), sb = dec_sign(b);

	if (sa != sb)
		return sa < sb ? -1 : 1;
	return sa < 0 ? -cmp_mag(a, b) : cmp_mag(a, b);
}

int dec_sign(const dec *x)
{
	return x->n == 0 ? 0 : x->neg ? -1 : 1;
}

int dec_is_zero(const dec *x)
{
	return x->n == 0;
}

void dec_neg(dec *out, const dec *x)
{
	*out = *x;
	out->neg = (unsigned char)(x->n > 0 && !x->neg);
}

void dec_abs(dec *out, const dec *x)
{
	*out = *x;
	out->neg = 0;
}

/* ---- arithmetic ------------------------------------------------------------ */

dec_err dec_add(dec *out, const dec *a, const dec *b)
{
	int s = a->scale > b->scale ? a->scale : b->scale;
	struct big x, y;
	dec_err e;

	align(&x, a, s);
	align(&y, b, s);
	if (a->neg == b->neg) {
		e = big_add(&x, &y);
		return e ? e : pack(out, &x, a->neg, s);
	}
	if (big_cmp(&x, &y) >= 0) {
		big_sub(&x, &y);
		return pack(out, &x, a->neg, s);
	}
	big_sub(&y, &x);
	return pack(out, &y, b->neg, s);
}

dec_err dec_sub(dec *out, const dec *a, const dec *b)
{
	dec nb;

	dec_neg(&nb, b);
	return dec_add(out, a, &nb);
}

dec_err dec_mul(dec *out, const dec *a, const dec *b)
{
	struct big x, y, r;
	int scale = a->scale + b->scale;
	dec_err e;

	big_from_dec(&x, a);
	big_from_dec(&y, b);
	e = big_mul(&r, &x, &y);
	if (e)
		return e;
	while (scale > DEC_MAX_SCALE && (r.n == 0 || r.d[0] == 0)) {
		if (r.n > 0) {
			memmove(r.d, r.d + 1, (size_t)(r.n - 1));
			r.n--;
		}
		scale--;
	}
	return pack(out, &r, a->neg != b->neg, scale);
}

static int places_ok(int places)
{
	return places >= -DEC_DIGITS && places <= DEC_MAX_SCALE;
}

/* q (rounded quotient in units of 10^-places) → *out. */
static dec_err finish_rounded(dec *out, struct big *q, int neg, int places)
{
	if (places < 0) {
		dec_err e = big_shift(q, -places);

		if (e)
			return e;
		places = 0;
	}
	return pack(out, q, neg, places);
}

dec_err dec_div(dec *out, const dec *a, const dec *b, int places, dec_round_mode mode)
{
	struct big num, den, q, r, half;
	int k = places + b->scale - a->scale, odd;
	dec_err e;

	if (b->n == 0)
		return DEC_E_DIVZERO;
	if (!places_ok(places))
		return DEC_E_SCALE;
	big_from_dec(&num, a);
	big_from_dec(&den, b);
	e = k >= 0 ? big_shift(&num, k) : big_shift(&den, -k);
	if (e)
		return e;
	big_divmod(&num, &den, &q, &r);
	half = den;
	big_sub(&half, &r); /* den - r; compare r with it to locate r against den/2 */
	odd = q.n > 0 && (q.d[0] & 1);
	if (must_round_up(mode, r.n == 0, big_cmp(&r, &half), odd)) {
		e = big_inc(&q);
		if (e)
			return e;
	}
	return finish_rounded(out, &q, a->neg != b->neg, places);
}

dec_err dec_round(dec *out, const dec *x, int places, dec_round_mode mode)
{
	struct big q;
	int k, first, rest = 0, half, odd;
	dec_err e;

	if (!places_ok(places))
		return DEC_E_SCALE;
	if (places >= x->scale) {
		align(&q, x, places);
		return pack(out, &q, x->neg, places);
	}
	k = x->scale - places; /* digits to discard */
	first = k - 1 < x->n ? x->d[k - 1] : 0;
	for (int i = 0; i < k - 1 && i < x->n; i++)
		rest |= x->d[i] != 0;
	q.n = x->n > k ? x->n - k : 0;
	memcpy(q.d, x->d + k, (size_t)q.n);
	half = first > 5 || (first == 5 && rest) ? 1 : first == 5 ? 0 : -1;
	odd = q.n > 0 && (q.d[0] & 1);
	if (must_round_up(mode, first == 0 && !rest, half, odd)) {
		e = big_inc(&q);
		if (e)
			return e;
	}
	return finish_rounded(out, &q, x->neg, places);
}

dec_err dec_shift(dec *out, const dec *x, int k)
{
	struct big b;
	int scale;

	if (k > BIG_DIGITS || k < -BIG_DIGITS)
		return DEC_E_RANGE;
	big_from_dec(&b, x);
	scale = x->scale - k;
	if (scale < 0) {
		dec_err e = big_shift(&b, -scale);

		if (e)
			return e;
		scale = 0;
	}
	return pack(out, &b, x->neg, scale);
}
