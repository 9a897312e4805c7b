/* uscc.c — GB 32100-2015 unified social credit code checks and construction,
 * with the embedded GB 11714 organization-code check (see uscc.h and
 * DOMAIN.md §5.2 for the weights and the worked examples). */
#include "lib/uscc.h"

#include <stddef.h>
#include <string.h>

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY"; /* values 0..30 */
static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
static const int org_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

static const char *const msg_zh[USCC_E__MAX] = {
	"有效",                                                            /* USCC_OK */
	"统一社会信用代码为空",                                            /* USCC_E_EMPTY */
	"统一社会信用代码应为18位",                                        /* USCC_E_LENGTH */
	"不得使用小写字母",                                                /* USCC_E_LOWERCASE */
	"含有不允许的字符（代码只用数字和除I、O、Z、S、V以外的大写字母）", /* USCC_E_CHAR */
	"第3至8位登记管理机关行政区划码应为6位数字",                       /* USCC_E_DIVISION */
	"第9至17位组织机构代码的校验码错误",                               /* USCC_E_ORG_CHECK */
	"第18位校验码错误",                                                /* USCC_E_CHECK */
};

static const char *const msg_en[USCC_E__MAX] = {
	"valid",                                                                 /* USCC_OK */
	"empty code",                                                            /* USCC_E_EMPTY */
	"must be 18 characters",                                                 /* USCC_E_LENGTH */
	"lower-case letter (codes use capitals)",                                /* USCC_E_LOWERCASE */
	"character not allowed (digits and capitals except I, O, Z, S, V)",      /* USCC_E_CHAR */
	"division code (positions 3-8) must be six digits",                      /* USCC_E_DIVISION */
	"wrong check character of the embedded organization code (position 17)", /* USCC_E_ORG_CHECK */
	"wrong check character (position 18)",                                   /* USCC_E_CHECK */
};

_Static_assert(sizeof msg_zh / sizeof msg_zh[0] == USCC_E__MAX, "msg_zh");
_Static_assert(sizeof msg_en / sizeof msg_en[0] == USCC_E__MAX, "msg_en");

const char *uscc_msg_zh(enum uscc_err e)
{
	return (unsigned)e < USCC_E__MAX ? msg_zh[e] : "未知错误";
}

const char *uscc_msg_en(enum uscc_err e)
{
	return (unsigned)e < USCC_E__MAX ? msg_en[e] : "unknown error";
}

static void set_err(struct uscc_error *err, enum uscc_err code, int pos)
{
	if (err) {
		err->code = code;
		err->pos = pos;
		err->zh = uscc_msg_zh(code);
		err->en = uscc_msg_en(code);
	}
}

static int fail(struct uscc_error *err, enum uscc_err code, int pos)
{
	set_err(err, code, pos);
	return -1;
}

/* Value 0..30 of a USCC character, or -1. */
static int value(char c)
{
	const char *p = c ? strchr(charset, c) : NULL;

	return p ? (int)(p - charset) : -1;
}

/* Value 0..35 of a GB 11714 character (0-9, A-Z), or -1. */
static int org_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

char uscc_org_check_char(const char *org8)
{
	int sum = 0, c;

	for (int i = 0; i < 8; i++) {
		int v = org_value(org8[i]);

		if (v < 0)
			return 0;
		sum += v * org_weights[i];
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

char uscc_check_char(const char *first17)
{
	int sum = 0, c;

	for (int i = 0; i < 17; i++) {
		int v = value(first17[i]);

		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	c = 31 - sum % 31;
	return charset[c == 31 ? 0 : c];
}

/* Characters 1..n of s must be in the set; the first bad one → error. */
static int check_chars(const char *s, int n, int pos0, struct uscc_error *err)
{
	for (int i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return fail(err, USCC_E_LOWERCASE, pos0 + i);
		if (value(s[i]) < 0)
			return fail(err, USCC_E_CHAR, pos0 + i);
	}
	return 0;
}

static int check_division(const char *six, struct uscc_error *err)
{
	for (int i = 0; i < 6; i++)
		if (six[i] < '0' || six[i] > '9')
			return fail(err, USCC_E_DIVISION, 3 + i);
	return 0;
}

static int check_form(const char *code, struct uscc_error *err)
{
	size_t len = code ? strlen(code) : 0;

	if (len == 0)
		return fail(err, USCC_E_EMPTY, 0);
	if (len != USCC_LEN) {
		set_err(err, USCC_E_LENGTH, 0);
		if (err)
			err->len = len > 9999 ? 9999 : (int)len;
		return -1;
	}
	if (check_chars(code, USCC_LEN, 1, err))
		return -1;
	return check_division(code + 2, err);
}

int uscc_check(const char *code, struct uscc_error *err)
{
	char c;

	if (err)
		memset(err, 0, sizeof *err);
	if (check_form(code, err))
		return -1;
	c = uscc_org_check_char(code + 8);
	if (c != code[16]) {
		set_err(err, USCC_E_ORG_CHECK, 17);
		if (err)
			err->expected = c;
		return -1;
	}
	c = uscc_check_char(code);
	if (c != code[17]) {
		set_err(err, USCC_E_CHECK, 18);
		if (err)
			err->expected = c;
		return -1;
	}
	set_err(err, USCC_OK, 0);
	return 0;
}

int uscc_division(const char *code, char out[7])
{
	out[0] = '\0';
	if (uscc_check(code, NULL))
		return -1;
	memcpy(out, code + 2, 6);
	out[6] = '\0';
	return 0;
}

/* s must be exactly n characters long. */
static int has_len(const char *s, size_t n)
{
	return s != NULL && strnlen(s, n + 1) == n;
}

int uscc_make(const char *first8, const char *org8, char out[USCC_LEN + 1], struct uscc_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	out[0] = '\0';
	if (!has_len(first8, 8) || !has_len(org8, 8))
		return fail(err, USCC_E_LENGTH, 0);
	if (check_chars(first8, 8, 1, err) || check_division(first8 + 2, err) || check_chars(org8, 8, 9, err))
		return -1;
	memcpy(out, first8, 8);
	memcpy(out + 8, org8, 8);
	out[16] = uscc_org_check_char(org8); /* '0'-'9' or 'X', all in the set */
	out[17] = uscc_check_char(out);
	out[18] = '\0';
	set_err(err, USCC_OK, 0);
	return 0;
}
