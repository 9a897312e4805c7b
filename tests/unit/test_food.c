/* test_food.c — the food area's rules without a database: units and their
 * exact conversion (DOMAIN.md §2.7), lab value notations, the limit lookup
 * over the shipped tables (category inheritance, exclusions, effective
 * dates; DOMAIN.md §2.0) and the verdict engine with its trace (DOMAIN.md §1
 * full-value and rounded-value comparison, 不得检出 against the detection
 * limit, several specifications, items with no limit flagged for a person).
 * Every expected value is worked by hand from the cited line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli/cli.h"
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

/* ---- units ---- */

static void test_units_micro_signs_and_factors(void **st)
{
	food_unit a, b, c, d, e;
	/* DOMAIN.md §2.7: μg/kg is written with U+03BC or U+00B5; both are the same unit */
	assert_int_equal(food_unit_parse("μg/kg", &a), 0);
	assert_int_equal(food_unit_parse("µg/kg", &b), 0);
	assert_int_equal(food_unit_parse("ug/KG", &c), 0);
	assert_string_equal(a.canon, "μg/kg");
	assert_string_equal(b.canon, a.canon);
	assert_string_equal(c.canon, a.canon);
	assert_int_equal(food_unit_parse("毫克/千克", &d), 0);
	assert_string_equal(d.canon, "mg/kg");
	int k;
	/* 63.4 μg/kg = 0.0634 mg/kg: × 10^-3 */
	assert_int_equal(food_unit_factor(&a, &d, &k), 0);
	assert_int_equal(k, -3);
	/* g/kg → mg/kg: × 10^3 (1.0 g/kg = 1000 mg/kg) */
	assert_int_equal(food_unit_parse("g/kg", &e), 0);
	assert_int_equal(food_unit_factor(&e, &d, &k), 0);
	assert_int_equal(k, 3);
	/* ppm is mg/kg; % is g/100g = 10 g/kg */
	assert_int_equal(food_unit_parse("ppm", &e), 0);
	assert_int_equal(food_unit_factor(&e, &d, &k), 0);
	assert_int_equal(k, 0);
	assert_int_equal(food_unit_parse("%", &e), 0);
	assert_int_equal(food_unit_factor(&e, &d, &k), 0);
	assert_int_equal(k, 4);
	/* per volume never converts to per mass */
	assert_int_equal(food_unit_parse("mg/L", &e), 0);
	assert_int_equal(food_unit_factor(&e, &d, &k), -1);
	assert_int_equal(food_unit_parse("mg/l", &e), 0);
	assert_string_equal(e.canon, "mg/L");
	assert_int_equal(food_unit_parse("kg", &e), -1);
	assert_int_equal(food_unit_parse("", &e), -1);
}

static void assert_value(const char *text, const char *expect)
{
	struct gbt_value v;
	assert_int_equal(food_value_parse(text, &v, NULL), 0);
	dec want;
	assert_int_equal(dec_parse(&want, expect), DEC_OK);
	assert_int_equal(dec_cmp(&v.v, &want), 0);
}

static void test_lab_value_notations(void **st)
{
	/* DOMAIN.md §2.7: "1.77×10³μg/kg" as bulletins print it */
	assert_value("1.77×10³", "1770");
	assert_value("1.77x10^3", "1770");
	assert_value("2.5×10⁻²", "0.025");
	assert_value("0.35", "0.35");
	struct gbt_value v;
	assert_int_equal(food_value_parse("16.50(+)", &v, NULL), 0); /* §1.1 rule 7 */
	assert_int_equal(v.mark, GBT_MARK_PLUS);
	assert_int_equal(food_value_parse("ND", &v, NULL), 0);
	assert_int_equal(v.kind, GBT_NOT_DETECTED);
	assert_int_equal(food_value_parse("未检出", &v, NULL), 0);
	assert_int_equal(food_value_parse("<LOD", &v, NULL), 0);
	assert_int_equal(food_value_parse("<0.01", &v, NULL), 0);
	assert_int_equal(v.has_bound, 1);
	assert_int_equal(food_value_parse("abc", &v, NULL), -1);
	assert_int_equal(food_value_parse("0.2 mg", &v, NULL), -1);
	assert_int_equal(food_value_parse("", &v, NULL), -1);
}

/* ---- lookup ---- */

static const food_limit *found(const char *food, const char *item, const char *on)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, item);
	assert_non_null(f);
	assert_non_null(a);
	food_lookup lk;
	assert_int_equal(food_limit_lookup(rs, f->id, a->id, on, &lk), FL_FOUND);
	return lk.limit;
}

static int outcome(const char *food, const char *item, const char *on)
{
	food_lookup lk;
	return food_limit_lookup(rs, food_find_food(rs, food)->id, food_find_analyte(rs, item)->id, on, &lk);
}

static void assert_limit(const char *food, const char *item, const char *on, const char *value, const char *set_on,
			 const char *edition)
{
	const food_limit *l = found(food, item, on);
	assert_string_equal(l->value, value);
	assert_string_equal(food_cat_by_id(rs, l->category)->code, set_on);
	if (edition)
		assert_string_equal(l->edition, edition);
}

static void test_lookup_category_inheritance(void **st)
{
	/* F1: 谷物及其制品 Pb 0.2 applies to 大米 and 小麦粉 two levels down */
	assert_limit("大米", "铅", "2025-06-01", "0.2", "cereals", "2022");
	assert_limit("小麦粉", "Pb", "2025-06-01", "0.2", "cereals", "2022");
	/* F4: 叶菜 Pb 0.3 reaches 普通白菜 through its alias 小油菜; "铅(以Pb计)" is the same item */
	assert_limit("小油菜", "铅(以Pb计)", "2025-06-01", "0.3", "leafy_veg", NULL);
	/* §2.0: 生姜 is a 块根和块茎蔬菜 (Cd 0.1) but has its own Pb line (F5 0.2) */
	assert_limit("生姜", "镉", "2025-06-01", "0.1", "root_tuber_veg", NULL);
	assert_limit("生姜", "铅", "2025-06-01", "0.2", "ginger", NULL);
	/* F17: 辣椒 Cd 0.05 from 新鲜蔬菜; F18: 黄花菜 and 芹菜 their own 0.2 */
	assert_limit("辣椒", "镉", "2025-06-01", "0.05", "fresh_veg", NULL);
	assert_limit("黄花菜", "镉", "2025-06-01", "0.2", "daylily", NULL);
	assert_limit("芹菜", "镉", "2025-06-01", "0.2", "celery", NULL);
	/* F3: 胡萝卜 is not in F3's exclusions (only 生姜 and 薯类 of its group are): 0.1 */
	assert_limit("胡萝卜", "铅", "2025-06-01", "0.1", "fresh_veg", NULL);
	assert_limit("马铃薯", "铅", "2025-06-01", "0.2", "tubers", NULL);
	/* F26: 金枪鱼 1.2 is more specific than 肉食性鱼类 1.0, which beats 水产动物 0.5 */
	assert_limit("金枪鱼", "甲基汞", "2025-06-01", "1.2", "tuna", NULL);
	assert_limit("鳜鱼", "甲基汞", "2025-06-01", "1.0", "predatory_fish", NULL);
	assert_limit("草鱼", "甲基汞", "2025-06-01", "0.5", "aquatic", NULL);
	/* X7: melamine 1 mg/kg for infant formula, 2.5 for every other food (the root) */
	assert_limit("婴儿配方乳粉", "三聚氰胺", "2025-06-01", "1", "infant_milk_formula", NULL);
	assert_limit("苹果", "三聚氰胺", "2025-06-01", "2.5", "food", NULL);
	/* "稻谷以糙米计" (§2.0): the paddy rice line carries the brown-rice basis */
	assert_string_equal(found("稻谷", "镉", "2025-06-01")->basis, "brown_rice");
}

static void test_lookup_exclusions(void **st)
{
	/* F1 excludes 麦片, which has its own 0.5 (F2) */
	assert_limit("燕麦片", "铅", "2025-06-01", "0.5", "oatmeal", NULL);
	/* F7: 新鲜水果 (蔓越莓、醋栗除外) — no line for 蔓越莓 ships: a person decides */
	assert_int_equal(outcome("蔓越莓", "铅", "2025-06-01"), FL_EXCLUDED);
	assert_int_equal(outcome("醋栗", "铅", "2025-06-01"), FL_EXCLUDED);
	assert_limit("苹果", "铅", "2025-06-01", "0.1", "fresh_fruit", NULL);
	/* F21: 甲壳类 (海蟹、虾蛄除外) 0.5; 海蟹、虾蛄 3.0 */
	assert_limit("对虾", "镉", "2025-06-01", "0.5", "crustaceans", NULL);
	assert_limit("皮皮虾", "镉", "2025-06-01", "3.0", "mantis_shrimp", NULL);
	/* F19: 茎类蔬菜 (芹菜除外) 0.1 — excluded 芹菜 still finds its own 0.2 */
	assert_limit("芹菜", "镉", "2025-06-01", "0.2", "celery", NULL);
	/* 肉类干制品 is excluded from 肉制品 and has rows of its own per edition
	 * (GB 2762-2022 3.5: the fresh meat's limit with the dehydration rate) */
	assert_limit("牛肉干", "铅", "2025-06-01", "0.2", "dried_meat", "2022");
	assert_limit("香肠", "铅", "2025-06-01", "0.3", "meat_products", NULL);
	/* F8: 肉类 (畜禽内脏除外) 0.2 vs 畜禽内脏 0.5 */
	assert_limit("猪肉", "铅", "2025-06-01", "0.2", "meat_fresh", NULL);
	assert_limit("猪肝", "铅", "2025-06-01", "0.5", "offal", NULL);
	/* no line at all */
	assert_int_equal(outcome("苹果", "毒死蜱", "2025-06-01"), FL_NONE);
}

static void test_lookup_effective_dates(void **st)
{
	/* Warning 1: GB 2762-2025 replaces GB 2762-2022 on 2026-09-02 */
	assert_limit("大米", "铅", "2026-09-01", "0.2", "cereals", "2022");
	assert_limit("大米", "铅", "2026-09-02", "0.2", "cereals", "2025");
	/* before GB 2762-2022 took effect (2023-06-30) nothing of it applies */
	assert_int_equal(outcome("大米", "铅", "2023-06-29"), FL_NOT_IN_FORCE);
	/* Warning 2: GB 2760-2024 from 2025-02-08; the day before, GB 2760-2014 (values unverified) */
	const food_limit *l = found("酸菜", "苯甲酸", "2025-02-07");
	assert_string_equal(l->edition, "2014");
	assert_string_equal(l->status, "U");
	l = found("酸菜", "苯甲酸", "2025-02-08");
	assert_string_equal(l->edition, "2024");
	assert_string_equal(l->status, "V");
}

/* ---- verdicts ---- */

static int judge(const char *food, const char *item, const char *on, const char *value, const char *unit,
		 const char *lod, food_judgement *j)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, item);
	food_lookup lk;
	food_limit_lookup(rs, f->id, a->id, on, &lk);
	food_item_input in = {value, unit, lod};
	return food_judge_item(rs, f, a, &lk, &in, NULL, 0, j);
}

/* The trace as JSON (the engine writes it as text); freed at the next call. */
static json_t *trace_of(food_judgement *j)
{
	static json_t *last;
	json_decref(last);
	last = json_loads(j->trace, 0, NULL);
	assert_non_null(last);
	return last;
}

static json_t *national(food_judgement *j)
{
	return json_array_get(json_object_get(trace_of(j), "specifications"), 0);
}

static void test_verdict_trace_full_value(void **st)
{
	food_judgement j;
	/* 大米 Pb ≤0.2 (F1): 0.25 fails, and the trace names the row, edition, clause and the comparison */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.25", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	json_t *e = national(&j), *lim = json_object_get(e, "limit");
	assert_string_equal(json_string_value(json_object_get(lim, "standard")), "GB 2762");
	assert_string_equal(json_string_value(json_object_get(lim, "edition")), "2022");
	assert_string_equal(json_string_value(json_object_get(lim, "clause")), "4.1 表1");
	assert_string_equal(json_string_value(json_object_get(lim, "category")), "谷物及其制品");
	assert_string_equal(json_string_value(json_object_get(e, "method")), "full");
	assert_string_equal(json_string_value(json_object_get(e, "comparison")), "0.25 > 0.2");
	assert_true(json_is_null(json_object_get(e, "conversion")));
	assert_string_equal(j.limit_text, "≤0.2 mg/kg");
	assert_string_equal(j.standard_ref, "GB 2762-2022 4.1 表1");
	food_judgement_free(&j);
	/* §1.4 rule: on the limit is within "≤" */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.2", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
	/* §4.3.1 全数值比较法: any excursion fails, however small: 0.201 > 0.2 */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.201", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	/* a marked value on the bound lies on its mark's side (§3.3.2): 0.2(+) > 0.2, 0.2(-) < 0.2 */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.2(+)", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.2(-)", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
}

static void test_verdict_unit_conversion(void **st)
{
	food_judgement j;
	/* 200 µg/kg (micro sign U+00B5) = 0.200 mg/kg ≤ 0.2: passes; the conversion is in the trace */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "200", "µg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	json_t *conv = json_object_get(national(&j), "conversion");
	assert_string_equal(json_string_value(json_object_get(conv, "from")), "μg/kg");
	assert_string_equal(json_string_value(json_object_get(conv, "to")), "mg/kg");
	assert_string_equal(json_string_value(json_object_get(conv, "factor")), "10^-3");
	assert_string_equal(json_string_value(json_object_get(conv, "value")), "0.200");
	food_judgement_free(&j);
	/* 201 μg/kg = 0.201 mg/kg > 0.2 */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "201", "μg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	/* A1 苯甲酸 in 酱腌菜 ≤1.0 g/kg: 1200 mg/kg = 1.200 g/kg fails, 950 mg/kg = 0.950 g/kg passes */
	assert_int_equal(judge("榨菜", "苯甲酸", "2025-06-01", "1200", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_string_equal(j.judged_value, "1.200");
	food_judgement_free(&j);
	assert_int_equal(judge("榨菜", "苯甲酸", "2025-06-01", "950", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
	/* mg/L cannot become mg/kg; a non-number is not a value */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.1", "mg/L", NULL, &j), -1);
	assert_int_equal(j.input_error, FIE_CONVERT);
	assert_int_equal(judge("大米", "铅", "2025-06-01", "abc", "mg/kg", NULL, &j), -1);
	assert_int_equal(j.input_error, FIE_VALUE);
	assert_int_equal(judge("大米", "铅", "2025-06-01", "0.1", "kg", NULL, &j), -1);
	assert_int_equal(j.input_error, FIE_UNIT);
	/* 包装饮用水 Pb is per litre (F13): 0.02 mg/L > 0.01 mg/L */
	assert_int_equal(judge("纯净水", "铅", "2025-06-01", "0.02", "mg/L", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
}

static void test_verdict_not_detected(void **st)
{
	food_judgement j;
	/* X1 bulletin: 草鱼 孔雀石绿 63.4 μg/kg → 不合格 (不得检出) */
	assert_int_equal(judge("草鱼", "孔雀石绿", "2025-06-01", "63.4", "μg/kg", "0.5", &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_string_equal(j.limit_text, "不得检出");
	assert_string_equal(json_string_value(json_object_get(national(&j), "comparison")), "63.4 ≥ LOD 0.5");
	food_judgement_free(&j);
	/* X2 bulletin: 牛毛肚 克伦特罗 0.239 μg/kg → 不合格 */
	assert_int_equal(judge("牛毛肚", "克伦特罗", "2025-06-01", "0.239", "μg/kg", "0.1", &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	/* ND passes; a reading below the method's detection limit is not a detection */
	assert_int_equal(judge("草鱼", "孔雀石绿", "2025-06-01", "ND", "μg/kg", "0.5", &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
	assert_int_equal(judge("草鱼", "孔雀石绿", "2025-06-01", "0.3", "μg/kg", "0.5", &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
	/* ND with a detection limit against an upper bound: <0.01 mg/kg passes Pb ≤0.2 */
	assert_int_equal(judge("大米", "铅", "2025-06-01", "<0.01", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
}

static void test_verdict_rounded_method(void **st)
{
	/* DOMAIN.md §1.5 J5–J8: NaOH ≥97.0 %, 修约值比较法: 96.96 rounds to 97.0 and
	 * conforms; 96.94 rounds to 96.9 and does not; by full value both fail. */
	food_limit l = {.id = 1,
			.code = "t",
			.standard = "GB/T 8170",
			.edition = "2008",
			.clause = "表2",
			.from = "2009-01-01",
			.comparator = "ge",
			.value = "97.0",
			.unit = "%",
			.method = "rounded",
			.status = "D"};
	food_lookup lk = {.outcome = FL_FOUND, .limit = &l};
	food_item_input in = {"96.96", "%", NULL};
	food_judgement j;
	assert_int_equal(food_judge_item(rs, NULL, NULL, &lk, &in, NULL, 0, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	assert_string_equal(json_string_value(json_object_get(national(&j), "rounded_value")), "97.0");
	food_judgement_free(&j);
	in.value = "96.94";
	assert_int_equal(food_judge_item(rs, NULL, NULL, &lk, &in, NULL, 0, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_string_equal(j.judged_value, "96.9");
	food_judgement_free(&j);
	l.method = "full";
	in.value = "96.96";
	assert_int_equal(food_judge_item(rs, NULL, NULL, &lk, &in, NULL, 0, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	food_judgement_free(&j);
	/* J11: ≤0.5, 0.549 rounds to 0.5 (修约值: conforms) */
	food_limit s = {.id = 2,
			.code = "s",
			.standard = "GB/T 8170",
			.edition = "2008",
			.from = "2009-01-01",
			.comparator = "le",
			.value = "0.5",
			.unit = "%",
			.method = "rounded",
			.status = "D"};
	food_lookup lk2 = {.outcome = FL_FOUND, .limit = &s};
	in.value = "0.549";
	assert_int_equal(food_judge_item(rs, NULL, NULL, &lk2, &in, NULL, 0, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
}

static void test_verdict_no_limit_and_unverified(void **st)
{
	food_judgement j;
	/* no applicable limit: never 合格, a person decides */
	assert_int_equal(judge("苹果", "毒死蜱", "2025-06-01", "0.01", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_NO_LIMIT);
	assert_int_equal(j.needs_decision, 1);
	assert_int_equal(j.limit_id, 0);
	assert_string_equal(json_string_value(json_object_get(national(&j), "outcome")), "none");
	food_judgement_free(&j);
	assert_int_equal(judge("蔓越莓", "铅", "2025-06-01", "0.05", "mg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_NO_LIMIT);
	assert_string_equal(json_string_value(json_object_get(national(&j), "outcome")), "excluded");
	food_judgement_free(&j);
	/* 大米 AFB1 10 μg/kg (GB 2761-2017 表1) is still to be verified against the
	 * standard's text: the engine proposes, a person decides, pass or fail */
	assert_int_equal(judge("大米", "黄曲霉毒素B1", "2025-06-01", "12", "μg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_int_equal(j.needs_decision, 1);
	assert_non_null(strstr(j.trace, "限量依据待核实"));
	food_judgement_free(&j);
	assert_int_equal(judge("大米", "黄曲霉毒素B1", "2025-06-01", "3", "μg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	assert_int_equal(j.needs_decision, 1);
	assert_non_null(strstr(j.trace, "\"decided_by\":\"person\""));
	food_judgement_free(&j);
	/* M1 花生 AFB1 ≤20 [V]: 20 passes, 20.1 fails without a flag */
	assert_int_equal(judge("花生", "黄曲霉毒素B1", "2025-06-01", "20", "μg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
	assert_int_equal(judge("花生", "黄曲霉毒素B1", "2025-06-01", "20.1", "μg/kg", NULL, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_int_equal(j.needs_decision, 0);
	food_judgement_free(&j);
}

static void test_verdict_several_specifications(void **st)
{
	/* Protein has no national limit; the product's declared product standard
	 * (≥3.0 g/100g) and its label claim (≥2.9) are judged and shown: 2.95 passes
	 * the label and fails the standard. A specification never stands in for
	 * the missing national limit (issue 12 point 2): a person decides, told
	 * what the specifications say. */
	const food_cat *f = food_find_food(rs, "纯牛奶");
	const food_analyte *a = food_find_analyte(rs, "蛋白质");
	food_lookup lk;
	assert_int_equal(food_limit_lookup(rs, f->id, a->id, "2025-06-01", &lk), FL_NONE);
	food_spec specs[] = {{"product_standard", "Q/BTRY 0001S", ">=3.0", "g/100g", "full"},
			     {"label_claim", "标签明示", ">=2.9", "g/100g", "full"}};
	food_item_input in = {"2.95", "g/100g", NULL};
	food_judgement j;
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, specs, 2, &j), 0);
	assert_int_equal(j.verdict, FV_NO_LIMIT);
	assert_int_equal(j.needs_decision, 1);
	assert_string_equal(json_string_value(json_object_get(trace_of(&j), "decided_by")), "person");
	json_t *all = json_object_get(trace_of(&j), "specifications");
	assert_int_equal(json_array_size(all), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(all, 0), "outcome")), "none");
	assert_string_equal(json_string_value(json_object_get(json_array_get(all, 1), "verdict")), "fail");
	assert_string_equal(json_string_value(json_object_get(json_array_get(all, 2), "verdict")), "pass");
	food_judgement_free(&j);
	/* a national limit and a stricter label claim: Pb 0.15 passes ≤0.2 but fails a claim of ≤0.1 */
	f = food_find_food(rs, "大米");
	a = food_find_analyte(rs, "铅");
	food_limit_lookup(rs, f->id, a->id, "2025-06-01", &lk);
	food_spec claim[] = {{"label_claim", "标签: 铅≤0.1", "<=0.1", "mg/kg", NULL}};
	in = (food_item_input){"0.15", "mg/kg", NULL};
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, claim, 1, &j), 0);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_string_equal(json_string_value(json_object_get(national(&j), "verdict")), "pass");
	food_judgement_free(&j);
}

static void test_shipped_tables_are_consistent(void **st)
{
	/* every limit row resolves its category and analyte; codes are unique */
	for (int i = 0; i < rs->nlimits; i++) {
		assert_true(rs->limits[i].category > 0);
		assert_true(rs->limits[i].analyte > 0);
		char expr[96];
		assert_int_equal(food_limit_expr(&rs->limits[i], expr, sizeof expr), 0);
		struct gbt_limit gl;
		assert_int_equal(gbt_parse_limit(expr, &gl, NULL), 0);
		food_unit u;
		assert_int_equal(food_unit_parse(rs->limits[i].unit, &u), 0);
		for (int k = 0; k < i; k++)
			assert_string_not_equal(rs->limits[i].code, rs->limits[k].code);
		/* exclusions name real categories */
		if (rs->limits[i].exclusions) {
			char buf[512];
			snprintf(buf, sizeof buf, "%s", rs->limits[i].exclusions);
			char *save = NULL;
			for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
				assert_non_null(food_cat_by_code(rs, t));
		}
	}
	/* every food of DOMAIN.md §2 named in the shipped rows has a category up to the root */
	for (int i = 0; i < rs->ncats; i++)
		if (strcmp(rs->cats[i].level, "root"))
			assert_true(rs->cats[i].parent > 0);
	for (int i = 0; i < food_ntemplate_seeds; i++)
		assert_non_null(food_cat_by_code(rs, food_template_seeds[i].category));
}

/* ---- zhijian limit ---- */

static int run_limit(const char *line, char *out, size_t n)
{
	char copy[256], *argv[12];
	int argc = 0;
	snprintf(copy, sizeof copy, "%s", line);
	for (char *t = strtok(copy, " "); t && argc < 11; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	FILE *f = tmpfile(), *e = tmpfile();
	fflush(stdout), fflush(stderr);
	int so = dup(STDOUT_FILENO), se = dup(STDERR_FILENO);
	dup2(fileno(f), STDOUT_FILENO), dup2(fileno(e), STDERR_FILENO);
	int rc = cmd_limit(argc, argv);
	fflush(stdout), fflush(stderr);
	dup2(so, STDOUT_FILENO), dup2(se, STDERR_FILENO);
	close(so), close(se);
	rewind(f);
	size_t k = fread(out, 1, n - 1, f);
	out[k] = 0;
	fclose(f), fclose(e);
	return rc;
}

static void test_cli_limit(void **st)
{
	char out[1024];
	/* F1 on 2025-06-01: GB 2762-2022, set for 谷物及其制品 */
	assert_int_equal(run_limit("limit 大米 铅 --on 2025-06-01", out, sizeof out), 0);
	assert_string_equal(
		out,
		"≤0.2 mg/kg GB 2762-2022 4.1 表1 (set for 谷物及其制品; basis edible; in force 2023-06-30 to 2026-09-01; full-value comparison)\n");
	/* from 2026-09-02 the 2025 edition; an alias and a code work */
	assert_int_equal(run_limit("limit 小油菜 pb --on 2026-09-02", out, sizeof out), 0);
	assert_non_null(strstr(out, "≤0.3 mg/kg GB 2762-2025"));
	assert_int_equal(run_limit("limit 草鱼 孔雀石绿 --on 2025-06-01", out, sizeof out), 0);
	assert_non_null(strstr(out, "ND 不得检出"));
	/* none: says so, exit 3 (a person decides); an unknown name is bad input, exit 2 */
	assert_int_equal(run_limit("limit 蔓越莓 铅 --on 2025-06-01", out, sizeof out), 3);
	assert_non_null(strstr(out, "no applicable limit for 蔓越莓 / 铅 on 2025-06-01"));
	assert_int_equal(run_limit("limit 火星土豆 铅", out, sizeof out), 2);
	assert_int_equal(run_limit("limit 大米 铅 --on 2025-02-30", out, sizeof out), 2);
	assert_int_equal(run_limit("limit 大米", out, sizeof out), 2);
	assert_int_equal(run_limit("limit 大米 铅 --db /nonexistent/x.db", out, sizeof out), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units_micro_signs_and_factors),
		cmocka_unit_test(test_lab_value_notations),
		cmocka_unit_test(test_lookup_category_inheritance),
		cmocka_unit_test(test_lookup_exclusions),
		cmocka_unit_test(test_lookup_effective_dates),
		cmocka_unit_test(test_verdict_trace_full_value),
		cmocka_unit_test(test_verdict_unit_conversion),
		cmocka_unit_test(test_verdict_not_detected),
		cmocka_unit_test(test_verdict_rounded_method),
		cmocka_unit_test(test_verdict_no_limit_and_unverified),
		cmocka_unit_test(test_verdict_several_specifications),
		cmocka_unit_test(test_shipped_tables_are_consistent),
		cmocka_unit_test(test_cli_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
