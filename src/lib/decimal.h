/* decimal.h — exact decimal arithmetic without binary floating point. A `dec`
 * holds a sign, a base-10 coefficient of at most DEC_DIGITS digits and a scale
 * (digits after the point, 0..DEC_MAX_SCALE); the value is
 * (-1)^neg × coefficient × 10^-scale. The scale is kept as written, so "1.050"
 * stays 1.050 (trailing zeros matter for GB/T 8170 rounding and reporting),
 * while comparisons are numeric (1.0 == 1.00). Zero is never negative. Used
 * for measured values, limits and money; every function is pure and
 * thread-safe, and every fallible one returns a `dec_err` (DEC_OK = 0) that
 * dec_strerror() turns into an English reason. Outputs may alias inputs. */
#ifndef ZJ_LIB_DECIMAL_H
#define ZJ_LIB_DECIMAL_H

#include <stddef.h>

#define DEC_DIGITS 60                               /* max significant coefficient digits */
#define DEC_MAX_SCALE 30                            /* max digits after the decimal point */
#define DEC_STRMAX (DEC_DIGITS + DEC_MAX_SCALE + 4) /* buffer for dec_format() */

typedef struct dec {
	unsigned char neg;           /* 1 if negative; 0 for zero */
	unsigned char n;             /* coefficient digits in d[], no leading zeros; 0 = zero */
	unsigned char scale;         /* digits after the decimal point */
	unsigned char d[DEC_DIGITS]; /* coefficient, d[0] least significant, each 0..9 */
} dec;

typedef enum dec_err {
	DEC_OK = 0,
	DEC_E_EMPTY = 1,   /* empty string */
	DEC_E_SYNTAX = 2,  /* not a plain decimal */
	DEC_E_DIGITS = 3,  /* more than DEC_DIGITS significant digits */
	DEC_E_SCALE = 4,   /* more than DEC_MAX_SCALE decimal places */
	DEC_E_DIVZERO = 5, /* division by zero */
	DEC_E_INEXACT = 6, /* conversion would lose digits */
	DEC_E_RANGE = 7,   /* integer overflow or output buffer too small */
} dec_err;

/* Rounding modes; all act on the absolute value and re-apply the sign
 * (GB/T 8170-2008 §3.2.5 for negative numbers). */
typedef enum dec_round_mode {
	DEC_ROUND_HALF_EVEN = 0, /* ties to even digit (GB/T 8170 §3.2, 四舍六入五成双) */
	DEC_ROUND_HALF_UP,       /* ties away from zero (四舍五入) */
	DEC_ROUND_HALF_DOWN,     /* ties toward zero */
	DEC_ROUND_DOWN,          /* truncate toward zero */
	DEC_ROUND_UP,            /* away from zero if anything is discarded */
} dec_round_mode;

/* English text of an error code (static string, never NULL). */
const char *dec_strerror(dec_err e);

/* Parse the whole of `s` (NUL-terminated) or the first `len` bytes of `s`.
 * Grammar: [+-]? DIGITS ( "." DIGITS )? ( [eE] [+-]? DIGITS )?  — no spaces,
 * no thousands separators, at least one digit on each side of a point
 * ("5." and ".5" are rejected). The exponent shifts the point: "1.50e1" is
 * 15.0, "1e-3" is 0.001. On error *out is set to zero. */
dec_err dec_parse(dec *out, const char *s);
dec_err dec_parse_n(dec *out, const char *s, size_t len);

/* Write the plain decimal form (never an exponent): "-0.050", "1300", "0".
 * `size` must hold the text and its NUL (DEC_STRMAX always suffices);
 * otherwise DEC_E_RANGE and buf is set to "". */
dec_err dec_format(const dec *x, char *buf, size_t size);

/* out = v × 10^-scale, e.g. dec_from_int(&x, 12345, 2) is 123.45 (fen → yuan).
 * scale 0..DEC_MAX_SCALE. */
dec_err dec_from_int(dec *out, long long v, int scale);

/* *out = x × 10^scale as an integer, e.g. 123.45 with scale 2 → 12345 (yuan →
 * fen). DEC_E_INEXACT if x has non-zero digits beyond `scale` decimal places,
 * DEC_E_RANGE if it does not fit a long long. scale 0..DEC_MAX_SCALE. */
dec_err dec_to_int(const dec *x, int scale, long long *out);

/* Numeric comparison: -1 if a < b, 0 if equal (1.0 == 1.00), 1 if a > b. */
int dec_cmp(const dec *a, const dec *b);
/* -1, 0 or 1 by the sign of x. */
int dec_sign(const dec *x);
int dec_is_zero(const dec *x);

void dec_neg(dec *out, const dec *x); /* out = -x */
void dec_abs(dec *out, const dec *x); /* out = |x| */

/* Exact sum/difference; the result scale is the larger input scale. */
dec_err dec_add(dec *out, const dec *a, const dec *b);
dec_err dec_sub(dec *out, const dec *a, const dec *b);
/* Exact product; result scale = a.scale + b.scale (trailing fractional
 * zeros are dropped only if that would exceed DEC_MAX_SCALE). */
dec_err dec_mul(dec *out, const dec *a, const dec *b);
/* Quotient a / b rounded by `mode` to `places` digits after the point
 * (places may be negative: -2 rounds to hundreds; the result scale is then 0). */
dec_err dec_div(dec *out, const dec *a, const dec *b, int places, dec_round_mode mode);

/* Round x to `places` digits after the point (negative: to tens, hundreds…)
 * by `mode`. Result scale = max(places, 0); if places > x.scale the value is
 * padded with zeros, which is exact. */
dec_err dec_round(dec *out, const dec *x, int places, dec_round_mode mode);

/* out = x × 10^k exactly (unit conversion: mg/kg → μg/kg is k = 3). The point
 * moves, significance is kept: 1.50 × 10^1 = 15.0, 1.5 × 10^-2 = 0.015. */
dec_err dec_shift(dec *out, const dec *x, int k);

#endif
