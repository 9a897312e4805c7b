/* test_food_rules.c — the verdict rules of issue 12 (points 2–7, 10) over
 * the shipped tables, without a database. Each rule has a case it must
 * catch and a case it must not, worked by hand from the cited clause:
 *   2  a specification never stands in for a missing national limit
 *   3  a marked value is converted as the interval it stands for (GB/T 8170-2008 3.3.2)
 *   4  an ambiguous food name lists candidates, never narrows (GB 2760-2024 A.1: SO2 only 海水虾蟹类)
 *   5  negative contents refused
 *   6  total Hg / total As screening (GB 2762-2022 4.3 表3 注a, 4.4 表4 注a); basis refused
 *  10  a calendar-day period ending on a rest day rolls (民法典 Art. 201, 203)
 * The re-judging of point 7 and the objection review of point 10 need the
 * database: tests/api/71-food-rules.test.mjs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
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

/* Judges value/unit of `item` in `food` sampled on `on` against the national
 * limit and the given specifications; returns the parsed trace (caller
 * decrefs) and fills j (caller frees). */
static json_t *judge(const char *food, const char *item, const char *on, const char *value, const char *unit,
		     const food_spec *specs, int nspecs, food_judgement *j)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, item);
	assert_non_null(f);
	assert_non_null(a);
	food_lookup lk;
	food_limit_lookup(rs, f->id, a->id, on, &lk);
	food_item_input in = {value, unit, NULL, NULL};
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, specs, nspecs, j), 0);
	json_t *t = json_loadb(j->trace, j->trace_len, 0, NULL);
	assert_non_null(t);
	return t;
}

static const char *tstr(json_t *t, const char *k)
{
	return json_string_value(json_object_get(t, k));
}

/* ---- 2: a declared specification never makes a verdict looser ---- */

static void test_spec_never_replaces_missing_national_limit(void **st)
{
	food_judgement j;
	/* 牛肉干 is a 肉类干制品, excluded from F8 (GB 2762-2022 4.1 表1, 肉制品
	 * 0.3, 肉类干制品除外) and with no row of its own in 2022: Pb 0.4 mg/kg
	 * under a declared spec ≤0.5 passes the spec, but no national limit
	 * applies, so a person decides with the reason */
	food_spec spec[] = {{"product_standard", "Q/XX 0001S", "<=0.5", "mg/kg", "full"}};
	/* Sampled 2022-06-01, before GB 2762-2022 took effect (2023-06-30), no row
	 * for 肉类干制品 is in force: the declared spec ≤0.5 passes, yet no
	 * national limit applies, so a person decides, with the reason. */
	json_t *t = judge("牛肉干", "铅", "2022-06-01", "0.4", "mg/kg", spec, 1, &j);
	assert_int_equal(j.verdict, FV_NO_LIMIT);
	assert_int_equal(j.needs_decision, 1);
	assert_string_equal(tstr(t, "decided_by"), "person");
	assert_non_null(tstr(t, "reason"));
	json_t *specs = json_object_get(t, "specifications");
	assert_string_equal(tstr(json_array_get(specs, 1), "verdict"), "pass");
	json_decref(t), food_judgement_free(&j);
	/* Under GB 2762-2022 (2025-06-01) 肉类干制品 is judged on the fresh
	 * equivalent (3.5), a row whose text is still to be verified: whatever
	 * the spec says, a person decides, told why. */
	t = judge("牛肉干", "铅", "2025-06-01", "0.4", "mg/kg", spec, 1, &j);
	assert_int_equal(j.needs_decision, 1);
	assert_string_equal(tstr(t, "decided_by"), "person");
	assert_non_null(strstr(tstr(t, "reason"), "限量依据待核实"));
	json_decref(t), food_judgement_free(&j);
	/* not yet in force: 花生 AFB1 sampled in 2010, before GB 2761-2017 */
	t = judge("花生", "黄曲霉毒素B1", "2010-06-01", "3", "μg/kg",
		  (food_spec[]){{"label_claim", "标签", "<=20", "μg/kg", NULL}}, 1, &j);
	assert_int_equal(j.verdict, FV_NO_LIMIT);
	assert_int_equal(j.needs_decision, 1);
	json_decref(t), food_judgement_free(&j);
	/* must not catch: a stricter spec over an applicable national limit
	 * fails (大米 Pb 0.15 ≤0.2 national, >0.1 claim) and says which decided */
	t = judge("大米", "铅", "2025-06-01", "0.15", "mg/kg",
		  (food_spec[]){{"label_claim", "标签", "<=0.1", "mg/kg", NULL}}, 1, &j);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_int_equal(j.needs_decision, 0);
	assert_string_equal(tstr(t, "decided_by"), "label_claim");
	json_decref(t), food_judgement_free(&j);
	/* a looser spec cannot rescue a national failure: 0.25 > 0.2 */
	t = judge("大米", "铅", "2025-06-01", "0.25", "mg/kg",
		  (food_spec[]){{"product_standard", "Q", "<=0.5", "mg/kg", NULL}}, 1, &j);
	assert_int_equal(j.verdict, FV_FAIL);
	assert_string_equal(tstr(t, "decided_by"), "national");
	json_decref(t), food_judgement_free(&j);
	/* no spec at all: the national limit passes and decides */
	t = judge("大米", "铅", "2025-06-01", "0.15", "mg/kg", NULL, 0, &j);
	assert_int_equal(j.verdict, FV_PASS);
	assert_string_equal(tstr(t, "decided_by"), "national");
	json_decref(t), food_judgement_free(&j);
}

/* ---- 3: marks survive unit conversion ---- */

static void test_marked_value_converted_as_interval_gbt8170_3_3_2(void **st)
{
	food_judgement j;
	/* issue 12: 0.1(-) mg/kg = (0.05, 0.10) mg/kg = (50, 100) μg/kg against a
	 * spec ≤97 μg/kg straddles the limit: undecidable, not 不合格. The
	 * national Pb ≤0.2 mg/kg passes it (every point < 0.2). */
	json_t *t = judge("大米", "铅", "2025-06-01", "0.1(-)", "mg/kg",
			  (food_spec[]){{"product_standard", "Q", "<=97", "μg/kg", NULL}}, 1, &j);
	assert_int_equal(j.verdict, FV_UNDECIDABLE);
	assert_int_equal(j.needs_decision, 1);
	json_t *sp = json_array_get(json_object_get(t, "specifications"), 1);
	assert_string_equal(tstr(sp, "verdict"), "undecidable");
	assert_string_equal(tstr(sp, "marked_interval"), "(50, 100)");
	json_decref(t), food_judgement_free(&j);
	/* a marked value wholly on one side decides: 蜜饯 SO2 ≤0.35 g/kg (GB 2760
	 * A.1), 0.3(+) g/kg is (0.30, 0.35) (3 odd: 0.35 would round to 0.4) */
	t = judge("蜜饯凉果", "二氧化硫", "2025-06-01", "0.3(+)", "g/kg", NULL, 0, &j);
	assert_int_equal(j.verdict, FV_PASS);
	assert_int_equal(j.needs_decision, 0);
	json_decref(t), food_judgement_free(&j);
	/* the same in mg/kg: 300(+) mg/kg is (300, 300.5) mg/kg: passes ≤0.35 g/kg */
	t = judge("蜜饯凉果", "二氧化硫", "2025-06-01", "300(+)", "mg/kg", NULL, 0, &j);
	assert_int_equal(j.verdict, FV_PASS);
	json_decref(t), food_judgement_free(&j);
	/* must not catch: 0.4(-) g/kg is [0.35, 0.40) (4 even): all ≥0.35, and
	 * 0.35 itself passes ≤0.35 while the rest fail → straddles */
	t = judge("蜜饯凉果", "二氧化硫", "2025-06-01", "0.4(-)", "g/kg", NULL, 0, &j);
	assert_int_equal(j.verdict, FV_UNDECIDABLE);
	json_decref(t), food_judgement_free(&j);
	/* 0.5(-) g/kg is (0.45, 0.50): wholly above 0.35 → fail */
	t = judge("蜜饯凉果", "二氧化硫", "2025-06-01", "0.5(-)", "g/kg", NULL, 0, &j);
	assert_int_equal(j.verdict, FV_FAIL);
	json_decref(t), food_judgement_free(&j);
}

/* ---- 4: names never narrow scope silently ---- */

static void test_ambiguous_food_name_lists_candidates(void **st)
{
	const food_cat *f, *cand[FOOD_MAX_CANDIDATES];
	int n;
	char names[400];
	/* GB 2760-2024 A.1: SO2 only for 海水虾蟹类; "虾" must not become 海水虾 */
	assert_int_equal(food_resolve_food(rs, "虾", &f, cand, FOOD_MAX_CANDIDATES, &n), FR_AMBIGUOUS);
	assert_null(f);
	food_candidates_text(cand, n, names, sizeof names);
	assert_non_null(strstr(names, "海水虾"));
	assert_non_null(strstr(names, "小龙虾"));
	assert_non_null(strstr(names, "虾蛄"));
	assert_null(food_find_food(rs, "虾"));
	/* 小龙虾 (freshwater) has no SO2 row: no limit, never 海水虾's 0.1 */
	const food_cat *cray = food_find_food(rs, "小龙虾");
	const food_analyte *so2 = food_find_analyte(rs, "二氧化硫");
	food_lookup lk;
	assert_int_equal(food_limit_lookup(rs, cray->id, so2->id, "2025-06-01", &lk), FL_NONE);
	/* must not catch: exact names and aliases of one category */
	assert_int_equal(food_resolve_food(rs, "海水虾", &f, cand, FOOD_MAX_CANDIDATES, &n), FR_FOUND);
	assert_string_equal(f->code, "marine_shrimp");
	assert_string_equal(food_find_food(rs, "对虾")->code, "marine_shrimp");
	assert_string_equal(food_find_food(rs, "皮皮虾")->code, "mantis_shrimp");
	assert_int_equal(food_resolve_food(rs, "不存在的食品", &f, cand, FOOD_MAX_CANDIDATES, &n), FR_UNKNOWN);
}

/* ---- 5: impossible inputs ---- */

static void test_negative_content_refused(void **st)
{
	const food_cat *f = food_find_food(rs, "大米");
	const food_analyte *a = food_find_analyte(rs, "铅");
	food_lookup lk;
	food_limit_lookup(rs, f->id, a->id, "2025-06-01", &lk);
	food_judgement j;
	food_item_input in = {"-0.01", "mg/kg", NULL, NULL};
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, &j), -1);
	assert_int_equal(j.input_error, FIE_VALUE);
	/* must not catch: zero and not detected */
	in.value = "0";
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	food_judgement_free(&j);
	in.value = "ND";
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, &j), 0);
	food_judgement_free(&j);
}

/* ---- 6: screening and basis (GB 2762-2022) ---- */

static int screen(const char *food, const char *total, const char *value, food_judgement *j, json_t **trace)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, total);
	const food_analyte *sp = NULL;
	const char *tcode = food_screen_target_of(a->code);
	for (int i = 0; tcode && i < rs->nanalytes; i++)
		if (!strcmp(rs->analytes[i].code, tcode))
			sp = &rs->analytes[i];
	food_lookup own, slk;
	if (!sp || food_limit_lookup(rs, f->id, a->id, "2025-06-01", &own) == FL_FOUND ||
	    food_limit_lookup(rs, f->id, sp->id, "2025-06-01", &slk) != FL_FOUND)
		return -1; /* no screening here */
	food_item_input in = {value, "mg/kg", NULL, NULL};
	assert_int_equal(food_judge_screen(rs, f, a, &slk, &in, j), 0);
	*trace = json_loadb(j->trace, j->trace_len, 0, NULL);
	return 0;
}

static void test_total_screening_gb2762_4_3_and_4_4(void **st)
{
	food_judgement j;
	json_t *t;
	/* 4.3 表3 注a: 草鱼 (水产动物) 甲基汞 ≤0.5; total Hg 0.3 ≤ 0.5 → passes
	 * without the methylmercury test */
	assert_int_equal(screen("草鱼", "总汞", "0.3", &j, &t), 0);
	assert_int_equal(j.verdict, FV_PASS);
	assert_int_equal(j.screening, 1);
	assert_int_equal(j.needs_decision, 0);
	assert_string_equal(tstr(t, "screening"), "total_within_speciated_limit");
	json_decref(t), food_judgement_free(&j);
	/* total 0.6 > 0.5: not a failure, the speciated result is required */
	assert_int_equal(screen("草鱼", "总汞", "0.6", &j, &t), 0);
	assert_int_equal(j.verdict, FV_UNDECIDABLE);
	assert_int_equal(j.needs_decision, 1);
	assert_string_equal(tstr(t, "screening"), "speciated_required");
	assert_string_equal(tstr(t, "decided_by"), "speciated_test");
	json_decref(t), food_judgement_free(&j);
	/* 4.4 表4 注a: 大米 无机砷 ≤0.2; total As 0.15 passes, 0.25 needs the speciated test */
	assert_int_equal(screen("大米", "总砷", "0.15", &j, &t), 0);
	assert_int_equal(j.verdict, FV_PASS);
	json_decref(t), food_judgement_free(&j);
	assert_int_equal(screen("大米", "总砷", "0.25", &j, &t), 0);
	assert_int_equal(j.verdict, FV_UNDECIDABLE);
	json_decref(t), food_judgement_free(&j);
	/* must not catch: 小麦粉 has its own total As row (F28 ≤0.5): judged on it */
	assert_int_equal(screen("小麦粉", "总砷", "0.3", &j, &t), -1);
	/* nor a total with its own limit (大米 total Hg ≤0.02, F23) */
	assert_int_equal(screen("大米", "总汞", "0.01", &j, &t), -1);
	/* nor an item with no speciated form */
	assert_null(food_screen_target_of("pb"));
}

static void test_result_on_another_basis_refused(void **st)
{
	/* GB 2762-2022 4.3 表3: 稻谷 total Hg ≤0.02 以糙米计 (F23) */
	const food_cat *f = food_find_food(rs, "稻谷");
	const food_analyte *a = food_find_analyte(rs, "总汞");
	food_lookup lk;
	assert_int_equal(food_limit_lookup(rs, f->id, a->id, "2025-06-01", &lk), FL_FOUND);
	assert_string_equal(lk.limit->basis, "brown_rice");
	food_judgement j;
	food_item_input in = {"0.01", "mg/kg", NULL, "as_sold"};
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, &j), -1);
	assert_int_equal(j.input_error, FIE_BASIS);
	assert_non_null(strstr(j.error_zh, "以糙米计"));
	/* must not catch: the limit's own basis, or none given; the trace shows it */
	in.basis = "brown_rice";
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, &j), 0);
	assert_int_equal(j.verdict, FV_PASS);
	json_t *t = json_loadb(j.trace, j.trace_len, 0, NULL);
	assert_string_equal(tstr(json_array_get(json_object_get(t, "specifications"), 0), "basis_zh"), "以糙米计");
	json_decref(t), food_judgement_free(&j);
	in.basis = NULL;
	assert_int_equal(food_judge_item(rs, f, a, &lk, &in, NULL, 0, &j), 0);
	food_judgement_free(&j);
}

/* ---- 10: calendar-day periods roll past rest days ---- */

static void roll(const char *start, int n, const char *want)
{
	struct wd_calendar cal;
	date_days s, r;
	char out[DATE_STRLEN];
	assert_int_equal(wd_load_builtin(&cal), WD_OK);
	assert_int_equal(date_parse(start, &s), DATE_OK);
	int unc = 0;
	assert_int_equal(cal_add_days_roll_on(&cal, s, n, &r, &unc), 0);
	date_format(r, out);
	assert_string_equal(out, want);
	assert_int_equal(unc, 0);
}

static void test_calendar_days_roll_civil_code_art_203(void **st)
{
	/* 2025-09-16 + 15 days = 10-01, 国庆 10-01..08 off (国办发明电〔2024〕12号):
	 * the period ends on the next working day, 10-09 */
	roll("2025-09-16", 15, "2025-10-09");
	/* 2025-06-13 (Fri) + 15 = 06-28 Sat → Mon 06-30 */
	roll("2025-06-13", 15, "2025-06-30");
	/* must not catch: a working day stays; a make-up Sunday (09-28) is a working day */
	roll("2025-09-10", 15, "2025-09-25");
	roll("2025-09-13", 15, "2025-09-28");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_never_replaces_missing_national_limit),
		cmocka_unit_test(test_marked_value_converted_as_interval_gbt8170_3_3_2),
		cmocka_unit_test(test_ambiguous_food_name_lists_candidates),
		cmocka_unit_test(test_negative_content_refused),
		cmocka_unit_test(test_total_screening_gb2762_4_3_and_4_4),
		cmocka_unit_test(test_result_on_another_basis_refused),
		cmocka_unit_test(test_calendar_days_roll_civil_code_art_203),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
