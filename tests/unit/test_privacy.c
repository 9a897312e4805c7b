/* test_privacy.c — unit tests for src/lib/pii.c: the complainant's name,
 * phone and ID number as people actually write them into a complaint's
 * facts (spaces, the full-width space, dashes, +86, brackets, full-width
 * digits, a lower-case x), credit codes, what must NOT be touched (dates,
 * amounts, sample codes, tracking numbers), the mask, and the CSV formula
 * guard. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/pii.h"

static const char *const NAMES[] = {"张三", "巴特尔·乌兰", "Li Ming"};

static char *scrub(const char *text, int *n)
{
	pii_opts o = {.names = NAMES,
		      .nnames = 3,
		      .what = PII_NUMBERS,
		      .name_as = "【投诉举报人】",
		      .number_as = "【号码】"};
	return pii_scrub(text, &o, n);
}

static void expect(const char *text, const char *want, int hits)
{
	int n = -1;
	char *got = scrub(text, &n);
	if (strcmp(got, want) || n != hits)
		print_error("scrub(\"%s\")\n  got  \"%s\" (%d)\n  want \"%s\" (%d)\n", text, got, n, want, hits);
	assert_string_equal(got, want);
	assert_int_equal(n, hits);
	free(got);
}

static void test_names_with_whitespace(void **state)
{
	expect("我叫张三，住在东河区", "我叫【投诉举报人】，住在东河区", 1);
	expect("我叫张 三", "我叫【投诉举报人】", 1);
	expect("我叫张\xE3\x80\x80三。", "我叫【投诉举报人】。", 1); /* U+3000 full-width space */
	expect("我叫张\xC2\xA0\xC2\xA0三", "我叫【投诉举报人】", 1); /* no-break spaces */
	expect("张\t三、张\n三", "【投诉举报人】、【投诉举报人】", 2);
	expect("举报人巴特尔乌兰和巴特尔 · 乌兰", "举报人【投诉举报人】和【投诉举报人】", 2);
	expect("signed: li  ming.", "signed: 【投诉举报人】.", 1);
	expect("Lion Mingus", "Lion Mingus", 0); /* ASCII names end at word boundaries */
	expect("张四和三张", "张四和三张", 0);
}

static void test_phones_as_written(void **state)
{
	static const char *forms[] = {
		"13800138000",
		"138 0013 8000",
		"138-0013-8000",
		"138\xE3\x80\x80"
		"0013\xE3\x80\x80"
		"8000",
		"+86 138 0013 8000",
		"+86-13800138000",
		"(+86)13800138000",
		"008613800138000",
		"0472-1234567",
		"(0472)1234567",
		"\xEF\xBC\x88"
		"0472\xEF\xBC\x89"
		"1234567",
		"0472 1234 5678",
		"010-12345678",
		"021 1234 5678",
		"\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90",
		"138.0013.8000",
		"138\xE2\x80\x94"
		"0013\xE2\x80\x94"
		"8000",
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char text[200], want[200];
		snprintf(text, sizeof text, "联系电话：%s，谢谢", forms[i]);
		snprintf(want, sizeof want, "联系电话：【号码】，谢谢");
		expect(text, want, 1);
	}
	/* a number after the phone stays */
	expect("电话 138 0013 8000 2份", "电话 【号码】 2份", 1);
	expect("3 13800138000", "3 【号码】", 1);
	expect("电话13800138000/13900139000", "电话【号码】/【号码】", 2);
	/* a bracket around the whole number is text, not part of it */
	expect("已联系（13800138000）和(0472 1234567)", "已联系（【号码】）和(【号码】)", 2);
	expect("（+86 13800138000）", "（【号码】）", 1);
}

static void test_id_numbers_and_codes(void **state)
{
	expect("身份证号150202199001011234", "身份证号【号码】", 1);
	expect("身份证 150202 19900101 123X。", "身份证 【号码】。", 1);
	expect("身份证 150202-1990-0101-123x", "身份证 【号码】", 1);
	expect("ID 1502 0219 9001 0112 34", "ID 【号码】", 1);
	expect("统一社会信用代码 91150202MA0N12345X 的商行", "统一社会信用代码 【号码】 的商行", 1);
	expect("code 914403001922038216.", "code 【号码】.", 1);
}

/* The party's own phone and ID number, in any written form, read as the
 * party; anyone else's number is masked. */
static void test_own_numbers_as_the_party(void **state)
{
	static const char *const mine[] = {"王 五", "13912345678", "150202199001011234"};
	pii_opts o = {.names = mine, .nnames = 3, .what = PII_NUMBERS, .name_as = "【投诉举报人】"};
	int n;
	char *got = pii_scrub(
		"我王五，电话139-1234-5678（+86 139 1234 5678），身份证150202 19900101 1234；店主电话0472-1234567", &o,
		&n);
	assert_string_equal(
		got,
		"我【投诉举报人】，电话【投诉举报人】（【投诉举报人】），身份证【投诉举报人】；店主电话047****4567");
	assert_int_equal(n, 5);
	free(got);
}

static void test_leaves_other_numbers(void **state)
{
	static const char *keep[] = {
		"抽样日期 2026-03-05 10:00",
		"金额 12,345.50 元",
		"样品 BT2026-0001",
		"登记编号 TS20260212-0001",
		"包质监罚字〔2026〕第12号",
		"数量 10 20 30",
		"400-123-4567",
		"GB 2762-2022 4.1 表1",
		"A13800138000B",
		"1380013800012345678901",
	};
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		expect(keep[i], keep[i], 0);
}

static void test_mask_by_default(void **state)
{
	pii_opts o = {.names = NAMES, .nnames = 1, .what = PII_NUMBERS};
	int n;
	char *got = pii_scrub("张 三 138-0013-8000", &o, &n);
	assert_string_equal(got, "张* 138****8000");
	assert_int_equal(n, 2);
	free(got);
	char *m = pii_mask("150202199001011234");
	assert_string_equal(m, "150***********1234");
	free(m);
	m = pii_mask("张");
	assert_string_equal(m, "*");
	free(m);
	/* only what was asked for */
	pii_opts phones = {.what = PII_PHONE, .number_as = "#"};
	got = pii_scrub("13800138000 150202199001011234 张三", &phones, &n);
	assert_string_equal(got, "# 150202199001011234 张三");
	free(got);
	/* invalid UTF-8 passes through untouched */
	got = pii_scrub("\xff\xfe 13800138000", &phones, &n);
	assert_string_equal(got, "\xff\xfe #");
	free(got);
	got = pii_scrub(NULL, &phones, &n);
	assert_string_equal(got, "");
	assert_int_equal(n, 0);
	free(got);
}

static void test_formula_lead(void **state)
{
	assert_true(pii_formula_lead("=1+1"));
	assert_true(pii_formula_lead("+86"));
	assert_true(pii_formula_lead("-5"));
	assert_true(pii_formula_lead("@SUM(A1)"));
	assert_true(pii_formula_lead("\tx"));
	assert_true(pii_formula_lead("\rx"));
	assert_false(pii_formula_lead("a=1"));
	assert_false(pii_formula_lead(""));
	assert_false(pii_formula_lead(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_with_whitespace), cmocka_unit_test(test_phones_as_written),
		cmocka_unit_test(test_id_numbers_and_codes),  cmocka_unit_test(test_own_numbers_as_the_party),
		cmocka_unit_test(test_leaves_other_numbers),  cmocka_unit_test(test_mask_by_default),
		cmocka_unit_test(test_formula_lead),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
