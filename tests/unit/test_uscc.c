/* test_uscc.c — unit tests for src/lib/uscc.c: the real codes of DOMAIN.md
 * §5.3, the negative inputs §5.3 asks to reject, the GB 11714 embedded check
 * (hand-worked below), construction with uscc_make, and single-character
 * substitution detection (31 is prime and no weight is 0 mod 31, so any one
 * changed character in positions 1–17 changes Σ mod 31; GB 32100 §5.2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/uscc.h"

#define HUAWEI "914403001922038216"
#define TENCENT "9144030071526726XG"

static void expect_invalid(const char *code, enum uscc_err want, int pos)
{
	struct uscc_error e;

	assert_int_equal(uscc_check(code, &e), -1);
	assert_int_equal(e.code, want);
	assert_int_equal(e.pos, pos);
	assert_string_equal(e.en, uscc_msg_en(want));
	assert_string_equal(e.zh, uscc_msg_zh(want));
}

static void test_real_codes(void **state)
{
	struct uscc_error e;
	char div[7];

	/* §5.2: Huawei Σ = 831, 831 mod 31 = 25, 31 − 25 = 6 */
	assert_int_equal(uscc_check(HUAWEI, &e), 0);
	assert_int_equal(e.code, USCC_OK);
	/* §5.2: Tencent Σ = 1782, mod 31 = 15, 31 − 15 = 16 → 'G' */
	assert_int_equal(uscc_check(TENCENT, NULL), 0);
	assert_int_equal(uscc_division(HUAWEI, div), 0);
	assert_string_equal(div, "440300"); /* 深圳市 */
	assert_int_equal(uscc_division("914403001922038217", div), -1);
	assert_string_equal(div, "");
}

static void test_check_chars(void **state)
{
	/* GB 11714, weights 3 7 9 10 5 8 4 2 (§5.2):
	 * 19220382: 3+63+18+20+0+24+32+4 = 164, 164 mod 11 = 10, 11 − 10 = 1 → '1'
	 * 71526726: 21+7+45+20+30+56+8+12 = 199, 199 mod 11 = 1, 11 − 1 = 10 → 'X'
	 * 00000000: Σ = 0, 11 − 0 = 11 → '0' */
	assert_int_equal(uscc_org_check_char("19220382"), '1');
	assert_int_equal(uscc_org_check_char("71526726"), 'X');
	assert_int_equal(uscc_org_check_char("00000000"), '0');
	assert_int_equal(uscc_org_check_char("7152672a"), 0);
	assert_int_equal(uscc_check_char(HUAWEI), '6');
	assert_int_equal(uscc_check_char(TENCENT), 'G');
	assert_int_equal(uscc_check_char("9144030019220382I"), 0);
}

static void test_wrong_check(void **state)
{
	struct uscc_error e;

	expect_invalid("914403001922038217", USCC_E_CHECK, 18);
	assert_int_equal(uscc_check("914403001922038217", &e), -1);
	assert_int_equal(e.expected, '6');
	expect_invalid("9144030071526726X0", USCC_E_CHECK, 18);
}

static void test_wrong_org_check(void **state)
{
	/* position 17 changed from '1' to '2', final check recomputed so that
	 * only the embedded GB 11714 check fails */
	char code[USCC_LEN + 1] = "91440300192203822?";
	struct uscc_error e;

	code[17] = uscc_check_char(code);
	expect_invalid(code, USCC_E_ORG_CHECK, 17);
	assert_int_equal(uscc_check(code, &e), -1);
	assert_int_equal(e.expected, '1');
}

static void test_form_errors(void **state)
{
	struct uscc_error e;

	/* §5.3 negative inputs */
	expect_invalid("9144030071526726xg", USCC_E_LOWERCASE, 17);
	expect_invalid("91440300192203821", USCC_E_LENGTH, 0);
	assert_int_equal(uscc_check("91440300192203821", &e), -1);
	assert_int_equal(e.len, 17);
	expect_invalid("9144030019220382166", USCC_E_LENGTH, 0);
	expect_invalid("", USCC_E_EMPTY, 0);
	expect_invalid(NULL, USCC_E_EMPTY, 0);
	expect_invalid("91440300I922038216", USCC_E_CHAR, 9);
	expect_invalid("91440300O922038216", USCC_E_CHAR, 9);
	expect_invalid("91440300Z922038216", USCC_E_CHAR, 9);
	expect_invalid("91440300S922038216", USCC_E_CHAR, 9);
	expect_invalid("91440300V922038216", USCC_E_CHAR, 9);
	expect_invalid("91440300-92203821 ", USCC_E_CHAR, 9);
	expect_invalid("9144030019220382\xe5\x8d", USCC_E_CHAR, 17);
	expect_invalid("91A40300192203821X", USCC_E_DIVISION, 3);
	expect_invalid("9144030A192203821X", USCC_E_DIVISION, 8);
	assert_string_equal(uscc_msg_en(USCC_E_CHECK), "wrong check character (position 18)");
	assert_string_equal(uscc_msg_zh(USCC_E_LENGTH), "统一社会信用代码应为18位");
}

static void test_make(void **state)
{
	char out[USCC_LEN + 1];
	struct uscc_error e;

	assert_int_equal(uscc_make("91440300", "19220382", out, &e), 0);
	assert_string_equal(out, HUAWEI);
	assert_int_equal(uscc_make("91440300", "71526726", out, NULL), 0);
	assert_string_equal(out, TENCENT);
	/* Baotou (150200): org check '0' (Σ = 0); final Σ = 9+3+9+135+0+52 =
	 * 208, 208 mod 31 = 22, 31 − 22 = 9 → '9' */
	assert_int_equal(uscc_make("91150200", "00000000", out, NULL), 0);
	assert_string_equal(out, "911502000000000009");
	assert_int_equal(uscc_check(out, NULL), 0);

	assert_int_equal(uscc_make("9144030", "19220382", out, &e), -1);
	assert_int_equal(e.code, USCC_E_LENGTH);
	assert_string_equal(out, "");
	assert_int_equal(uscc_make("91A40300", "19220382", out, &e), -1);
	assert_int_equal(e.code, USCC_E_DIVISION);
	assert_int_equal(e.pos, 3);
	assert_int_equal(uscc_make("91440300", "1922038I", out, &e), -1);
	assert_int_equal(e.code, USCC_E_CHAR);
	assert_int_equal(e.pos, 16);
	assert_int_equal(uscc_make("91440300", "1922038i", out, &e), -1);
	assert_int_equal(e.code, USCC_E_LOWERCASE);
	assert_int_equal(uscc_make(NULL, "19220382", out, &e), -1);
}

/* Every code made from a sweep of organization codes is valid, and every
 * single-character substitution of it is rejected. */
static void test_substitution_detected(void **state)
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char code[USCC_LEN + 1], org[9];
	int made = 0;

	for (unsigned seed = 1; seed < 400; seed += 7) {
		unsigned x = seed * 2654435761u;

		for (int i = 0; i < 8; i++) {
			org[i] = set[x % 31];
			x = x * 1103515245u + 12345u;
		}
		org[8] = '\0';
		assert_int_equal(uscc_make("Y1150202", org, code, NULL), 0);
		assert_int_equal(uscc_check(code, NULL), 0);
		made++;
		for (int pos = 0; pos < USCC_LEN; pos++) {
			char keep = code[pos];

			for (int k = 0; k < 31; k++) {
				if (set[k] == keep)
					continue;
				code[pos] = set[k];
				assert_int_equal(uscc_check(code, NULL), -1);
			}
			code[pos] = keep;
		}
	}
	assert_true(made > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_codes),
		cmocka_unit_test(test_check_chars),
		cmocka_unit_test(test_wrong_check),
		cmocka_unit_test(test_wrong_org_check),
		cmocka_unit_test(test_form_errors),
		cmocka_unit_test(test_make),
		cmocka_unit_test(test_substitution_detected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
