/* num.h — whole numbers from text, checked: the one replacement for
 * atoi/atol/atoll, which take "12abc" for 12 and "abc" for 0 and cannot say
 * that the text was no number. Decimal digits with an optional leading '-',
 * nothing before or after, within [lo, hi]. */
#ifndef ZJ_NUM_H
#define ZJ_NUM_H

/* 1 and *out when s is such a number, else 0 (*out untouched). */
int num_parse(const char *s, long long lo, long long hi, long long *out);
/* The number, or dflt when s is NULL or not such a number. */
long long num_or(const char *s, long long lo, long long hi, long long dflt);

/* Money for people: integer fen as yuan with thousands separators and two
 * decimals ("33,894,900.00"; "-0.05"), exact for every int64. */
void num_yuan(long long fen, char *buf, unsigned long n);

#endif
