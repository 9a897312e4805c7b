/* test_food_limits.c — the shipped limit rows against the standards' text,
 * one test per kind of row: contaminants (GB 2762 表7 chromium), melamine
 * (卫生部等5部门公告2011年第10号), mycotoxins (GB 2761), veterinary drug MRLs
 * (GB 31650, GB 31650.1-2022), prohibited substances (农业农村部公告第250号),
 * additives (GB 2760-2024 表A.1), the GB 2762-2022/2025 split for 肉类干制品,
 * the 糕点 and 食用菌 templates, and that nothing a user sees cites an
 * internal document. Every expected value is the standard's (docs/food.md §8
 * lists each row's source clause). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/food/food.h"

static food_refset *rs;

static int setup(void **st)
{
	rs = food_refset_builtin();
	return rs ? 0 : -1;
}

static int teardown(void **st)
{
	food_refset_free(rs);
	return 0;
}

static const food_limit *limit_of(const char *food, const char *item, const char *on)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, item);
	assert_non_null(f);
	assert_non_null(a);
	food_lookup lk;
	int o = food_limit_lookup(rs, f->id, a->id, on, &lk);
	if (o != FL_FOUND)
		fail_msg("%s / %s on %s: no limit (%s)", food, item, on, lk.reason_en);
	return lk.limit;
}

/* value NULL for 不得检出 */
static void expect(const char *food, const char *item, const char *on, const char *value, const char *unit,
		   const char *standard, const char *edition, const char *status)
{
	const food_limit *l = limit_of(food, item, on);
	if (value) {
		assert_string_equal(l->comparator, "le");
		assert_string_equal(l->value, value);
	} else {
		assert_string_equal(l->comparator, "nd");
	}
	assert_string_equal(l->unit, unit);
	assert_string_equal(l->standard, standard);
	assert_string_equal(l->edition, edition);
	assert_string_equal(l->status, status);
}

static void judge(const char *food, const char *item, const char *on, const char *value, const char *unit,
		  const char *lod, food_judgement *j)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, item);
	food_lookup lk;
	food_limit_lookup(rs, f->id, a->id, on, &lk);
	food_item_input in = {value, unit, lod};
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, j), 0);
}

/* GB 2762 表7: 水产动物及其制品 2.0 (not the cereals' 1.0), 豆类 1.0, 生乳 0.3,
 * 乳粉 2.0; 鱼丸 is a 水产制品. */
static void test_contaminant_chromium(void **st)
{
	expect("草鱼", "铬", "2025-06-01", "2.0", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("鱼丸", "铬", "2025-06-01", "2.0", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("海水虾", "Cr", "2026-10-01", "2.0", "mg/kg", "GB 2762", "2025", "V-ind");
	expect("大米", "铬", "2025-06-01", "1.0", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("大豆", "铬", "2025-06-01", "1.0", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("生乳", "铬", "2025-06-01", "0.3", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("乳粉", "铬", "2025-06-01", "2.0", "mg/kg", "GB 2762", "2022", "V-ind");
	food_judgement j;
	judge("草鱼", "铬", "2025-06-01", "1.5", "mg/kg", NULL, &j); /* failed at 1.0 before */
	assert_int_equal(j.verdict, FV_PASS);
	assert_false(j.needs_decision);
	assert_string_equal(j.standard_ref, "GB 2762-2022 4.7 表7");
	food_judgement_free(&j);
	judge("鱼丸", "铬", "2025-06-01", "2.1", "mg/kg", NULL, &j);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
}

/* 2011年第10号: 婴儿配方食品 1 mg/kg; every other food, follow-on formula
 * included, 2.5 mg/kg. */
static void test_melamine(void **st)
{
	expect("婴儿配方乳粉", "三聚氰胺", "2025-06-01", "1", "mg/kg", "卫生部等5部门公告2011年第10号", "2011", "V");
	expect("较大婴儿配方乳粉", "三聚氰胺", "2025-06-01", "2.5", "mg/kg", "卫生部等5部门公告2011年第10号", "2011",
	       "V");
	expect("幼儿配方乳粉", "三聚氰胺", "2025-06-01", "2.5", "mg/kg", "卫生部等5部门公告2011年第10号", "2011", "V");
	food_judgement j;
	judge("较大婴儿配方乳粉", "三聚氰胺", "2025-06-01", "1.8", "mg/kg", NULL, &j);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
}

/* GB 2761-2017: AFM1 in 婴幼儿配方食品, OTA in 葡萄酒. The table text was not
 * found to check them: unverified, so a failure on them waits for a person. */
static void test_mycotoxins_unverified_go_to_a_person(void **st)
{
	expect("婴儿配方乳粉", "黄曲霉毒素M1", "2025-06-01", "0.5", "μg/kg", "GB 2761", "2017", "U");
	expect("葡萄酒", "赭曲霉毒素A", "2025-06-01", "2.0", "μg/kg", "GB 2761", "2017", "U");
	food_judgement j;
	judge("葡萄酒", "OTA", "2025-06-01", "2.4", "μg/kg", NULL, &j);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_true(j.needs_decision);
	food_judgement_free(&j);
}

/* GB 31650-2019: enrofloxacin = enrofloxacin + ciprofloxacin, 鱼 100, 猪肝 200;
 * 不得用于产蛋期家禽 → eggs: not detected until GB 31650.1-2022 (2023-02-01)
 * set egg limits (doxycycline 10 μg/kg, as the 2025 bulletins print it). */
static void test_vet_drug_mrls(void **st)
{
	expect("草鱼", "恩诺沙星", "2025-06-01", "100", "μg/kg", "GB 31650", "2019", "V");
	expect("猪肝", "恩诺沙星与环丙沙星之和", "2025-06-01", "200", "μg/kg", "GB 31650", "2019", "V");
	expect("牛蛙", "恩诺沙星", "2025-06-01", "100", "μg/kg", "GB 31650", "2019", "V-ind");
	expect("猪肉", "恩诺沙星", "2025-06-01", "100", "μg/kg", "GB 31650", "2019", "U");
	expect("鸡蛋", "恩诺沙星", "2022-06-01", NULL, "μg/kg", "GB 31650", "2019", "U");
	expect("鸡蛋", "恩诺沙星", "2025-06-01", "10", "μg/kg", "GB 31650.1", "2022", "U");
	expect("鸡蛋", "多西环素", "2022-06-01", NULL, "μg/kg", "GB 31650", "2019", "U");
	expect("鸡蛋", "多西环素", "2025-06-01", "10", "μg/kg", "GB 31650.1", "2022", "V-ind");
	food_judgement j;
	judge("鸡蛋", "多西环素", "2025-08-19", "14.6", "μg/kg", NULL, &j); /* a 2025 bulletin's case */
	assert_int_equal(j.verdict, FV_FAIL);
	assert_false(j.needs_decision);
	food_judgement_free(&j);
	judge("鲤鱼", "恩诺沙星", "2025-08-04", "195", "μg/kg", NULL, &j); /* bulletins: 鱼 ≤100 μg/kg → 不合格 */
	assert_int_equal(j.verdict, FV_FAIL);
	assert_false(j.needs_decision);
	food_judgement_free(&j);
}

/* 农业农村部公告第250号: judged 不得检出 against the method's detection limit,
 * in pork, chicken, eggs, fish and shrimp; clenbuterol in cooked meat too. */
static void test_prohibited_substances(void **st)
{
	const char *foods[] = {"猪肉", "鸡肉", "鸡蛋", "草鱼", "海水虾"};
	const char *items[] = {"氯霉素", "呋喃唑酮代谢物", "呋喃西林代谢物", "AMOZ", "AHD"};
	for (size_t i = 0; i < sizeof foods / sizeof foods[0]; i++)
		for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
			expect(foods[i], items[k], "2025-06-01", NULL, "μg/kg", "农业农村部公告第250号", "2019", "V");
	expect("草鱼", "孔雀石绿", "2025-06-01", NULL, "μg/kg", "农业农村部公告第250号", "2019", "V");
	expect("海水虾", "孔雀石绿", "2025-06-01", NULL, "μg/kg", "农业农村部公告第250号", "2019", "V");
	expect("酱卤肉", "克伦特罗", "2025-06-01", NULL, "μg/kg", "农业农村部公告第250号", "2019", "V");
	food_judgement j;
	judge("酱卤肉", "克伦特罗", "2025-06-01", "0.239", "μg/kg", "0.1", &j);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	judge("猪肉", "氯霉素", "2025-06-01", "未检出", "μg/kg", "0.1", &j);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
}

/* GB 2760-2024 表A.1 (verified); the 2014 edition's rows stay unverified. */
static void test_additives(void **st)
{
	expect("月饼", "脱氢乙酸", "2025-06-01", NULL, "g/kg", "GB 2760", "2024", "V");
	expect("月饼", "脱氢乙酸及其钠盐(以脱氢乙酸计)", "2024-06-01", "0.5", "g/kg", "GB 2760", "2014", "U");
	expect("酱卤肉", "脱氢乙酸", "2025-06-01", "0.5", "g/kg", "GB 2760", "2024", "V");
	expect("酱卤肉", "山梨酸", "2025-06-01", "0.075", "g/kg", "GB 2760", "2024", "V");
	expect("糕点", "山梨酸及其钾盐(以山梨酸计)", "2025-06-01", "1.0", "g/kg", "GB 2760", "2024", "V");
	expect("糕点", "甜蜜素", "2025-06-01", "1.6", "g/kg", "GB 2760", "2024", "V");
	expect("话梅", "甜蜜素(以环己基氨基磺酸计)", "2025-06-01", "8.0", "g/kg", "GB 2760", "2024", "V");
	expect("糕点", "糖精钠", "2025-06-01", NULL, "g/kg", "GB 2760", "2024", "V");
	expect("蜜饯凉果", "糖精钠(以糖精计)", "2025-06-01", "1.0", "g/kg", "GB 2760", "2024", "V");
	expect("鲜面条", "山梨酸", "2025-06-01", NULL, "g/kg", "GB 2760", "2024", "V");
	expect("海水虾", "二氧化硫", "2025-06-01", "0.1", "g/kg", "GB 2760", "2024", "V");
	food_judgement j;
	judge("酱卤肉", "山梨酸", "2025-06-01", "0.08", "g/kg", NULL, &j);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	judge("月饼", "脱氢乙酸", "2024-06-01", "0.6", "g/kg", NULL, &j); /* 2014 edition: unverified row */
	assert_int_equal(j.verdict, FV_FAIL);
	assert_true(j.needs_decision);
	food_judgement_free(&j);
}

/* 肉类干制品: GB 2762-2022 3.5 converts the fresh meat's limit by the
 * dehydration rate (a person decides); GB 2762-2025 judges it as a meat
 * product (Pb 0.3). */
static void test_dried_meat_by_edition(void **st)
{
	expect("牛肉干", "铅", "2025-06-01", "0.2", "mg/kg", "GB 2762", "2022", "U");
	expect("牛肉干", "铅", "2026-10-01", "0.3", "mg/kg", "GB 2762", "2025", "V-ind");
	expect("牛肉干", "铬", "2026-10-01", "1.0", "mg/kg", "GB 2762", "2025", "V-ind");
	assert_string_equal(limit_of("牛肉干", "铅", "2025-06-01")->basis, "fresh_equivalent");
}

static int template_has(const char *category, const char *analyte)
{
	for (int i = 0; i < food_ntemplate_seeds; i++)
		if (!strcmp(food_template_seeds[i].category, category) &&
		    clist_has(food_template_seeds[i].analytes, analyte))
			return 1;
	return 0;
}

/* 糕点 and 食用菌: categories with their templates, every template item with
 * a limit for the category's foods. */
static void test_pastry_and_fungi_templates(void **st)
{
	assert_non_null(food_find_food(rs, "糕点"));
	assert_non_null(food_find_food(rs, "香菇"));
	assert_true(template_has("pastries", "dehydroacetic") && template_has("pastries", "sorbic"));
	assert_true(template_has("fungi", "pb") && template_has("fungi", "cd"));
	expect("香菇", "镉", "2025-06-01", "0.5", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("金针菇", "镉", "2025-06-01", "0.2", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("木耳", "铅", "2025-06-01", "1.0", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("平菇", "铅", "2025-06-01", "0.3", "mg/kg", "GB 2762", "2022", "V-ind");
	expect("月饼", "铅", "2025-06-01", "0.5", "mg/kg", "GB 2762", "2022", "V-ind");
	const char *pastry[] = {"pb", "sorbic", "benzoic", "dehydroacetic", "saccharin", "cyclamate"};
	for (size_t i = 0; i < sizeof pastry / sizeof pastry[0]; i++) {
		assert_true(template_has("pastries", pastry[i]));
		limit_of("糕点", pastry[i], "2025-06-01");
	}
}

static void no_internal_ref(const char *what, const char *s)
{
	if (s && (strstr(s, "DOMAIN") || strstr(s, "[U]") || strstr(s, "(F")))
		fail_msg("%s cites an internal reference: %s", what, s);
}

/* The product cites standards only: a row's source, note and clause, the
 * deadline rules' articles and notes, and a trace. */
static void test_no_internal_references(void **st)
{
	for (int i = 0; i < rs->nlimits; i++) {
		const food_limit *l = &rs->limits[i];
		no_internal_ref("source_ref", l->source_ref);
		no_internal_ref("note", l->note);
		no_internal_ref("clause", l->clause);
		no_internal_ref("trace", l->trace);
		assert_non_null(strstr(l->source_ref, l->standard));
		assert_true(!strcmp(l->status, "V") || !strcmp(l->status, "V-ind") || !strcmp(l->status, "U"));
	}
	for (int i = 0; i < food_ndeadline_seeds; i++) {
		no_internal_ref("article", food_deadline_seeds[i].article);
		no_internal_ref("note", food_deadline_seeds[i].note);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contaminant_chromium),
		cmocka_unit_test(test_melamine),
		cmocka_unit_test(test_mycotoxins_unverified_go_to_a_person),
		cmocka_unit_test(test_vet_drug_mrls),
		cmocka_unit_test(test_prohibited_substances),
		cmocka_unit_test(test_additives),
		cmocka_unit_test(test_dried_meat_by_edition),
		cmocka_unit_test(test_pastry_and_fungi_templates),
		cmocka_unit_test(test_no_internal_references),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
