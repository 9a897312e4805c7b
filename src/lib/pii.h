/* pii.h — personal identifiers in free text, found by pattern and masked.
 * People write a complainant's name with a space inside ("张 三", "张　三"
 * with the full-width space), phones in many forms (138 0013 8000,
 * 138-0013-8000, +86 138…, 0472-1234567, (0472)1234567, full-width digits)
 * and ID numbers with spaces, dashes and a final X. Matching the stored
 * value byte for byte misses all of these, so the scrubber works on the
 * written forms: the names of the parties with any whitespace or middle dot
 * between their characters, phone numbers (mobile with or without +86/0086,
 * landline with a 3- or 4-digit area code, GB/T 13400 numbering), resident ID
 * numbers (GB 11643-1999: 17 digits and a check digit or X, with a plausible
 * birth date) and unified social credit codes (GB 32100-2015: 18 characters
 * of the code set, positions 3–8 the division). Pure: no I/O, no database. */
#ifndef ZJ_LIB_PII_H
#define ZJ_LIB_PII_H

enum {
	PII_PHONE = 1 << 0, /* mobile and landline numbers */
	PII_IDNO = 1 << 1,  /* 18-character resident ID numbers */
	PII_USCC = 1 << 2,  /* 18-character unified social credit codes */
	PII_NUMBERS = PII_PHONE | PII_IDNO | PII_USCC,
};

typedef struct pii_opts {
	const char *const *names; /* the parties' names (or other personal values) to find with any whitespace inside */
	int nnames;               /* values shorter than 2 characters are ignored: they would match everywhere */
	unsigned what;            /* PII_* patterns to find */
	const char *name_as;      /* replaces a name; NULL = the name masked (pii_mask) */
	const char *number_as;    /* replaces a number; NULL = the number's digits masked (pii_mask) */
} pii_opts;

/* The text with every match replaced (malloc'ed; never NULL). *found (may be
 * NULL) receives the number of replacements. Invalid UTF-8 is copied as is. */
char *pii_scrub(const char *text, const pii_opts *o, int *found);

/* Masks a value: keeps the first 3 and last 4 characters of values of 11
 * characters or more (phones, ID numbers), the first character of shorter
 * ones (names), and writes '*' for each character in between (malloc'ed). */
char *pii_mask(const char *v);

/* Whether a spreadsheet would read a cell starting so as a formula (OWASP
 * CSV injection): = + - @, a tab or a carriage return. */
static inline int pii_formula_lead(const char *s)
{
	return s && s[0] && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

#endif
