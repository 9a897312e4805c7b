/* aql.c — GB/T 2828.1-2012 Table 1 and Table 2-A as const tables (transcribed
 * from DOMAIN.md §8.1 and §8.2; row R of Table 2-A is the table's diagonal
 * continuation, marked [D] there) and the arrow-following lookup. */
#include "lib/aql.h"

#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "lib/decimal.h"

#define NCOL 6
#define NROW 16
#define DN -1 /* ↓ use the first plan below */
#define UP -2 /* ↑ use the first plan above */

static const char letters[NROW + 1] = "ABCDEFGHJKLMNPQR";
/* Kept as laid out: aligned tables of GB/T 2828.1. */
/* clang-format off */
static const int sizes[NROW] = {
	2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000,
};
static const char *const columns[NCOL] = { "0.65", "1.0", "1.5", "2.5", "4.0", "6.5" };

/* Table 1: upper lot bound and the letters for S-1 S-2 S-3 S-4 I II III. */
static const struct {
	long max_lot;
	char code[AQL_LEVEL__MAX + 1];
} table1[] = {
	{ 8, "AAAAAAB" },
	{ 15, "AAAAABC" },
	{ 25, "AABBBCD" },
	{ 50, "ABBCCDE" },
	{ 90, "BBCCCEF" },
	{ 150, "BBCDDFG" },
	{ 280, "BCDEEGH" },
	{ 500, "BCDEFHJ" },
	{ 1200, "CCEFGJK" },
	{ 3200, "CDEGHKL" },
	{ 10000, "CDFGJLM" },
	{ 35000, "CDFHKMN" },
	{ 150000, "DEGJLNP" },
	{ 500000, "DEGJMPQ" },
	{ LONG_MAX, "DEHKNQR" },
};

/* Table 2-A: Ac per row and AQL column (Re = Ac + 1 in every cell of these
 * columns), or DN / UP for an arrow. */
static const signed char ac_table[NROW][NCOL] = {
	/*  0.65 1.0 1.5 2.5 4.0 6.5 */
	{ DN, DN, DN, DN, DN, 0 },     /* A   2 */
	{ DN, DN, DN, DN, 0, UP },     /* B   3 */
	{ DN, DN, DN, 0, UP, DN },     /* C   5 */
	{ DN, DN, 0, UP, DN, 1 },      /* D   8 */
	{ DN, 0, UP, DN, 1, 2 },       /* E  13 */
	{ 0, UP, DN, 1, 2, 3 },        /* F  20 */
	{ UP, DN, 1, 2, 3, 5 },        /* G  32 */
	{ DN, 1, 2, 3, 5, 7 },         /* H  50 */
	{ 1, 2, 3, 5, 7, 10 },         /* J  80 */
	{ 2, 3, 5, 7, 10, 14 },        /* K 125 */
	{ 3, 5, 7, 10, 14, 21 },       /* L 200 */
	{ 5, 7, 10, 14, 21, UP },      /* M 315 */
	{ 7, 10, 14, 21, UP, UP },     /* N 500 */
	{ 10, 14, 21, UP, UP, UP },    /* P 800 */
	{ 14, 21, UP, UP, UP, UP },    /* Q 1250 */
	{ 21, UP, UP, UP, UP, UP },    /* R 2000 */
};
/* clang-format on */

static const char *const level_names[AQL_LEVEL__MAX] = {
	"S-1", "S-2", "S-3", "S-4", "I", "II", "III",
};

const char *aql_strerror(aql_err e)
{
	switch (e) {
	case AQL_OK: return "ok";
	case AQL_E_LOT: return "lot size must be at least 2";
	case AQL_E_LEVEL: return "inspection level must be I, II, III or S-1 to S-4";
	case AQL_E_AQL: return "AQL not in the table (0.65, 1.0, 1.5, 2.5, 4.0, 6.5)";
	}
	return "unknown sampling error";
}

const char *aql_columns(void)
{
	return "0.65, 1.0, 1.5, 2.5, 4.0, 6.5";
}

int aql_parse_level(const char *s, enum aql_level *out)
{
	static const char *const alt[AQL_LEVEL__MAX] = {"S1", "S2", "S3", "S4", NULL, NULL, NULL};

	for (int i = 0; s != NULL && i < AQL_LEVEL__MAX; i++) {
		if (!strcmp(s, level_names[i]) || (alt[i] && !strcmp(s, alt[i]))) {
			*out = (enum aql_level)i;
			return 0;
		}
	}
	return -1;
}

const char *aql_level_name(enum aql_level lv)
{
	return (unsigned)lv < AQL_LEVEL__MAX ? level_names[lv] : "?";
}

char aql_code_letter(long lot, enum aql_level lv)
{
	if (lot < 2 || (unsigned)lv >= AQL_LEVEL__MAX)
		return 0;
	for (size_t i = 0; i < sizeof table1 / sizeof table1[0]; i++)
		if (lot <= table1[i].max_lot)
			return table1[i].code[lv];
	return 0;
}

static int row_of(char letter)
{
	const char *p = letter ? strchr(letters, letter) : NULL;

	return p ? (int)(p - letters) : -1;
}

int aql_sample_size(char letter)
{
	int r = row_of(letter);

	return r < 0 ? 0 : sizes[r];
}

/* Column index of an AQL string, or -1. */
static int column_of(const char *aql)
{
	dec want, col;

	if (dec_parse(&want, aql) != DEC_OK)
		return -1;
	for (int c = 0; c < NCOL; c++)
		if (dec_parse(&col, columns[c]) == DEC_OK && dec_cmp(&want, &col) == 0)
			return c;
	return -1;
}

/* Follow arrows from row r in column c to the row holding a plan. */
static int plan_row(int r, int c)
{
	int step = ac_table[r][c] == DN ? 1 : ac_table[r][c] == UP ? -1 : 0;

	while (step != 0 && ac_table[r][c] < 0)
		r += step; /* the table has a plan at the end of every arrow run */
	return r;
}

aql_err aql_plan(long lot, enum aql_level lv, const char *aql, struct aql_plan *out)
{
	int c, r;
	char letter;

	if ((unsigned)lv >= AQL_LEVEL__MAX)
		return AQL_E_LEVEL;
	letter = aql_code_letter(lot, lv);
	if (letter == 0)
		return AQL_E_LOT;
	c = column_of(aql);
	if (c < 0)
		return AQL_E_AQL;
	r = plan_row(row_of(letter), c);
	out->table1_letter = letter;
	out->letter = letters[r];
	out->n = sizes[r];
	out->ac = ac_table[r][c];
	out->re = out->ac + 1;
	out->inspect_all = out->n >= lot;
	return AQL_OK;
}
