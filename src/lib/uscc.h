/* uscc.h — GB 32100-2015 unified social credit code (统一社会信用代码,
 * DOMAIN.md §5): 18 characters from the 31-character set 0-9 A-H J-N P Q R T
 * U W X Y (no I, O, Z, S, V). Positions 1–2 are the registration department
 * and the entity category, 3–8 the GB/T 2260 division code, 9–17 the GB 11714
 * organization code (its 9th character a check character) and 18 the check
 * character. Validation checks form, character set, the six-digit division,
 * the embedded GB 11714 check and the final check; the department and
 * category characters are only checked against the character set, since the
 * list of department codes has grown and sources differ (§5.1 [U]). Failures
 * carry a stable code and a message in Chinese and English. */
#ifndef ZJ_LIB_USCC_H
#define ZJ_LIB_USCC_H

#define USCC_LEN 18

enum uscc_err {
	USCC_OK = 0,
	USCC_E_EMPTY = 1,     /* empty or NULL */
	USCC_E_LENGTH = 2,    /* not 18 characters */
	USCC_E_LOWERCASE = 3, /* a lower-case letter (codes are written in capitals) */
	USCC_E_CHAR = 4,      /* a character outside the 31-character set */
	USCC_E_DIVISION = 5,  /* positions 3–8 are not six digits */
	USCC_E_ORG_CHECK = 6, /* position 17 is not the GB 11714 check character */
	USCC_E_CHECK = 7,     /* position 18 is not the GB 32100 check character */
	USCC_E__MAX
};

struct uscc_error {
	enum uscc_err code;
	int pos;        /* 1-based position of the offending character, else 0 */
	int len;        /* for USCC_E_LENGTH: the length found (bytes) */
	char expected;  /* for the two check errors: the correct character */
	const char *zh; /* static message, Chinese */
	const char *en; /* static message, English */
};

/* Message texts for a code (static, never NULL). */
const char *uscc_msg_zh(enum uscc_err e);
const char *uscc_msg_en(enum uscc_err e);

/* 0 if `code` is a valid USCC, else -1 with *err filled (err may be NULL). */
int uscc_check(const char *code, struct uscc_error *err);

/* Copy the six-digit division code (positions 3–8) of a valid USCC into
 * out ("440300" for 914403001922038216). 0 on success, -1 (out = "") if the
 * code is invalid. */
int uscc_division(const char *code, char out[7]);

/* GB 11714 check character for the first 8 characters of an organization
 * code (weights 3 7 9 10 5 8 4 2, C = 11 − Σ mod 11, 10 → 'X', 11 → '0'),
 * or 0 if a character is not 0-9/A-Z. */
char uscc_org_check_char(const char *org8);
/* GB 32100 check character for the first 17 characters (weights 3^(i−1) mod
 * 31, C = 31 − Σ mod 31, 31 → 0), or 0 if a character is not in the set. */
char uscc_check_char(const char *first17);

/* Build a valid code from positions 1–8 (`first8`: department, category,
 * six-digit division) and the 8-character organization code body (`org8`):
 * computes position 17 and 18. out receives 18 characters and a NUL.
 * 0 on success, -1 with *err (may be NULL) if an input is malformed; the
 * reported position is the position in the 18-character code. */
int uscc_make(const char *first8, const char *org8, char out[USCC_LEN + 1], struct uscc_error *err);

#endif
