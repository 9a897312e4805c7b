/* aql.h — acceptance sampling by attributes, GB/T 2828.1-2012 (ISO
 * 2859-1:1999): Table 1 (sample size code letter from lot size and inspection
 * level) and Table 2-A (single sampling plans, normal inspection) for AQL
 * 0.65, 1.0, 1.5, 2.5, 4.0 and 6.5, with the data of DOMAIN.md §8. Where the
 * table shows an arrow, the first plan below (↓) or above (↑) is used together
 * with the sample size of the row it is found in (§8.3); if that sample size
 * is not smaller than the lot, every item is inspected. */
#ifndef ZJ_LIB_AQL_H
#define ZJ_LIB_AQL_H

enum aql_level {
	AQL_S1 = 0,
	AQL_S2,
	AQL_S3,
	AQL_S4, /* special levels S-1 … S-4 */
	AQL_I,
	AQL_II,
	AQL_III, /* general levels (II is the default) */
	AQL_LEVEL__MAX
};

typedef enum aql_err {
	AQL_OK = 0,
	AQL_E_LOT = 1,   /* lot size below 2 */
	AQL_E_LEVEL = 2, /* unknown inspection level */
	AQL_E_AQL = 3,   /* AQL not a column of the table */
} aql_err;

struct aql_plan {
	char table1_letter; /* code letter from Table 1 */
	char letter;        /* letter of the row whose plan is used (after arrows) */
	int n;              /* sample size of that row */
	int ac, re;         /* accept if defectives ≤ ac, reject if ≥ re */
	int inspect_all;    /* 1 if n ≥ lot size: inspect 100 % */
};

/* English text of an error code (static, never NULL). */
const char *aql_strerror(aql_err e);
/* The supported AQL columns as text, "0.65, 1.0, 1.5, 2.5, 4.0, 6.5". */
const char *aql_columns(void);

/* "I", "II", "III", "S-1" … "S-4" (also "S1" … "S4"); 0 on success, -1. */
int aql_parse_level(const char *s, enum aql_level *out);
const char *aql_level_name(enum aql_level lv);

/* Table 1 code letter for a lot of `lot` items, or 0 if lot < 2 or the
 * level is out of range. */
char aql_code_letter(long lot, enum aql_level lv);
/* Sample size for a code letter A…R (no I, O), or 0. */
int aql_sample_size(char letter);

/* The normal single sampling plan; `aql` is a decimal string matched
 * numerically against the columns ("4" is 4.0). */
aql_err aql_plan(long lot, enum aql_level lv, const char *aql, struct aql_plan *out);

#endif
