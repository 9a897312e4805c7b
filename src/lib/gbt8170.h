/* gbt8170.h — GB/T 8170-2008 数值修约规则与极限数值的表示和判定 (DOMAIN.md §1):
 * rounding a decimal to an interval of 10^k or of 0.5 / 0.2 units (§3.2,
 * §3.4), the (+)/(−) marks of values reported with extra digits (§3.3.2), and
 * judging a measured value against a limit (§4) by full-value comparison
 * (全数值比较法, the default, §4.3.1) or rounded-value comparison (修约值比较法,
 * §4.3.2), plus "must not be detected" (不得检出) limits judged against a
 * detection limit. All arithmetic is exact decimal (lib/decimal.h); every
 * function is pure. Functions return 0 on success and -1 on bad input with
 * *why (if why is not NULL) set to a static English reason. */
#ifndef ZJ_LIB_GBT8170_H
#define ZJ_LIB_GBT8170_H

#include <stddef.h>

#include "lib/decimal.h"

/* A mark says on which side of the reported number the true value lies, in
 * absolute value (§3.3.2): (+) larger (it was rounded down), (−) smaller (it
 * was rounded up). For -15.5(−) the true value is between -15.5 and -15.45. */
enum gbt_mark { GBT_MARK_MINUS = -1, GBT_MARK_NONE = 0, GBT_MARK_PLUS = 1 };

enum gbt_value_kind {
	GBT_NUMBER = 0,       /* a number, optionally marked */
	GBT_NOT_DETECTED = 1, /* "ND", "N.D.", "未检出", "<LOD", or "<X" */
};

/* A measured value as a lab reports it. A marked value stands for an
 * interval, not a number (§3.3.2): x(+) for (x, x + h], x(−) for [x − h, x)
 * in absolute value, h half a unit of x's last reported digit; the far end
 * belongs to it only when a tie there rounds to x (§3.2.4: x's last digit is
 * even). digit_exp keeps that last digit's place through unit conversion
 * (gbt_value_shift), where the number's own scale would be padded with
 * zeros: 0.1(−) mg/kg is [50, 100) μg/kg, not [99.5, 100). */
struct gbt_value {
	int kind;          /* enum gbt_value_kind */
	dec v;             /* the number; for "<X" the bound X */
	int has_bound;     /* GBT_NOT_DETECTED: 1 if the text gave X ("<0.01") */
	int mark;          /* enum gbt_mark, numbers only */
	int has_digit_exp; /* 0: the last digit's place is -v.scale */
	int digit_exp;     /* place of the last reported digit: 0.1 → -1, 150 → 0, 1.5e2 → 1 */
};

/* Return value of gbt_judge / gbt_judge_parsed when the value cannot be
 * decided against the limit (a person decides); -1 stays bad input. */
#define GBT_UNDECIDED 1

/* A rounding interval (修约间隔): unit × 10^exp with unit 1, 2 or 5. */
struct gbt_interval {
	int unit; /* 1, 2 (0.2-unit rounding) or 5 (0.5-unit rounding) */
	int exp;  /* 0.5 is {5, -1}; 100 is {1, 2}; 0.02 is {2, -2} */
};

enum gbt_limit_kind {
	GBT_BOUNDS = 0, /* one or two bounds */
	GBT_ND = 1,     /* 不得检出: must not be detected */
};

/* A limit. The forms and the bounds they give:
 *   <=A ≤A → hi A incl.   <A ＜A → hi A excl.
 *   >=A ≥A → lo A incl.   >A ＞A → lo A excl.
 *   A~B A～B → [A, B]     A<x<B → (A, B); also A<=x<=B, A≤x≤B and mixed
 *   A±T A+-T → [A−T, A+T] (tolerance, inclusive)
 *   ND 不得检出 → must not be detected.
 * Spaces between tokens are allowed. `places` is the largest number of
 * decimal places among the numbers written; it sets the default interval of
 * 修约值比较法 (10^-places). */
struct gbt_limit {
	int kind;            /* enum gbt_limit_kind */
	int has_lo, lo_incl; /* lower bound present / inclusive */
	int has_hi, hi_incl; /* upper bound present / inclusive */
	dec lo, hi;
	int places;
};

enum gbt_method {
	GBT_FULL = 0,    /* 全数值比较法 (§4.3.1), the default */
	GBT_ROUNDED = 1, /* 修约值比较法 (§4.3.2) */
};

struct gbt_judge_opts {
	int method;           /* enum gbt_method */
	const char *lod;      /* detection limit for ND limits and ND results, or NULL */
	const char *interval; /* interval for GBT_ROUNDED, NULL = 10^-limit.places */
};

struct gbt_verdict {
	int pass;                   /* 1 符合 (conforms), 0 不符合 */
	int rounded;                /* 1 if `value` holds the rounded value compared */
	char value[DEC_STRMAX + 4]; /* rounded value (GBT_ROUNDED on a number), else "" */
	int detected;               /* GBT_ND limits: 1 if the substance was detected */
};

/* Parse a measured value: a plain decimal with an optional mark "(+)", "(-)"
 * or "(−)" (ASCII or full-width parentheses, optional space before), or a
 * not-detected result "ND", "N.D.", "nd", "未检出", "<LOD", "<DL", "<X",
 * "＜X". A mark on zero is rejected (it has no side). */
int gbt_parse_value(const char *s, struct gbt_value *out, const char **why);

/* x × 10^k exactly, the last digit's place moving with it (unit conversion). */
dec_err gbt_value_shift(struct gbt_value *x, int k);

/* The interval a marked number stands for (see struct gbt_value): lo..hi
 * with *lo_in / *hi_in saying whether each end belongs to it. An unmarked
 * number is the single point [v, v]. -1 if out of range. */
int gbt_value_interval(const struct gbt_value *x, dec *lo, int *lo_in, dec *hi, int *hi_in);

/* Parse an interval: a positive decimal of the form 1, 2 or 5 × 10^k
 * ("1", "0.1", "100", "0.5", "5", "50", "0.2", "2", "20", "0.02"). */
int gbt_parse_interval(const char *s, struct gbt_interval *out, const char **why);

/* 0 if rounding to `iv` can tell the limit apart (§4.3.2: the interval is
 * not coarser than any bound's last digit and its grid meets every bound),
 * -1 otherwise. ND limits always fit. */
int gbt_interval_fits(const struct gbt_interval *iv, const struct gbt_limit *lim);

/* Parse a limit (forms above). */
int gbt_parse_limit(const char *s, struct gbt_limit *out, const char **why);

/* Round x (a number) to the interval by §3.2 (round half to even on the exact
 * decimal; negative numbers by their absolute value), §3.4 (0.5 unit: round 2x
 * to 10^(exp+1) and halve; 0.2 unit: round 5x and divide by 5) and §3.3.2 (a
 * tie on a marked value goes up for (+), down for (−)). The result carries
 * max(0, −exp) decimal places ("60.0" for interval 0.5, "1300" for 100).
 * *mark_out (may be NULL) receives the mark the rounded value would carry when
 * reported: (+) if it is smaller in magnitude than x, (−) if larger, x's own
 * mark if nothing was discarded. Rounding is always done once, from x (§3.3.1). */
int gbt_round(const struct gbt_value *x, const struct gbt_interval *iv, dec *out, int *mark_out, const char **why);

/* String form of gbt_round: writes the rounded value into buf. With
 * `report` set, appends "(+)"/"(-)" per §3.3.2 when the rounded value's last
 * non-zero digit is 5 and the true value lies to one side ("15.5(-)"). */
int gbt_round_str(const char *value, const char *interval, int report, char *buf, size_t size, const char **why);

/* Judge a parsed value against a parsed limit. Returns 0 with *out decided,
 * GBT_UNDECIDED (with *why) when the value cannot be decided, -1 on bad input.
 * Full comparison uses the value as written; a marked value is compared as
 * the interval it stands for: decided when the whole interval lies on one
 * side of every bound (so a marked value equal to a bound lies on its mark's
 * side, §4.3.1), undecided when a bound cuts it. Rounded comparison rounds
 * the value to `iv` (NULL: 10^-limit.places) by gbt_round, then compares
 * exactly; a marked value rounds both ends of its interval and is decided
 * when both rounded ends fall the same way. An interval coarser than the
 * limit's last digit is bad input (the limit could not be told apart).
 * ND limits: a number is detected if ≥ lod (if lod is NULL: if > 0); a
 * not-detected result passes. A not-detected result against bounds: "<X" (or
 * "ND" with lod = X) passes an upper bound ≥ X and fails a lower bound ≥ X;
 * "ND" without lod passes upper bounds only; any other case cannot be decided
 * and is an error. */
int gbt_judge_parsed(const struct gbt_value *x, const struct gbt_limit *lim, int method, const dec *lod,
		     const struct gbt_interval *iv, struct gbt_verdict *out, const char **why);

/* String form: parse value, limit and opts, then gbt_judge_parsed. */
int gbt_judge(const char *value, const char *limit, const struct gbt_judge_opts *opts, struct gbt_verdict *out,
	      const char **why);

#endif
