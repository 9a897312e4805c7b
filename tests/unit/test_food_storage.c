/* test_food_storage.c — the compact storage of results' derived data (issue
 * 19 §3, migration 034): a trace is stored as its form (once for every
 * result judged alike) and the result's own spans; reading renders it byte
 * for byte. Checked here without a database: the spans the engine marks
 * leave no row value in the form, results judged alike share one form, a
 * trace stored whole (before 034) is cut into the very form a judgement
 * today writes, and form + spans always give back the trace's bytes. */
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

static int judge(const char *food, const char *item, const char *value, const char *unit, const char *lod,
		 const food_spec *specs, int nspecs, food_judgement *j)
{
	const food_cat *f = food_find_food(rs, food);
	const food_analyte *a = food_find_analyte(rs, item);
	food_lookup lk;
	food_limit_lookup(rs, f->id, a->id, "2025-06-01", &lk);
	food_item_input in = {value, unit, lod};
	return food_judge_item(rs, f, a, &lk, &in, specs, nspecs, j);
}

/* The form and spans as food_results.c stores a fresh judgement (its marked spans). */
static void split_marked(const food_judgement *j, strbuf *form, strbuf *args)
{
	size_t p = 0;
	for (int i = 0; i < j->nvars; i++) {
		assert_true(j->var_at[i] >= p); /* in order, not overlapping */
		sb_addn(form, j->trace + p, j->var_at[i] - p);
		sb_addc(form, '\x01');
		if (i)
			sb_addc(args, '\x1f');
		sb_addn(args, j->trace + j->var_at[i], j->var_len[i]);
		p = j->var_at[i] + j->var_len[i];
	}
	sb_addn(form, j->trace + p, j->trace_len - p);
	sb_addc(form, '\x1e');
}

static char *render(const strbuf *form, const strbuf *args)
{
	strbuf b;
	sb_init(&b);
	sb_addn(&b, form->s, form->len);
	sb_addn(&b, args->s ? args->s : "", args->len);
	char *r = food_trace_render(b.s);
	sb_free(&b);
	return r;
}

/* Checks one judgement's trace both ways and returns its form (caller frees). */
static char *check_trace(food_judgement *j, const char *own_value)
{
	strbuf f1, a1, f2, a2;
	sb_init(&f1), sb_init(&a1), sb_init(&f2), sb_init(&a2);
	split_marked(j, &f1, &a1);
	/* the row's own value is in the spans, not in the form */
	assert_null(strstr(f1.s, own_value));
	assert_non_null(strstr(a1.s, own_value));
	char *back = render(&f1, &a1);
	assert_non_null(back);
	assert_int_equal(strlen(back), j->trace_len);
	assert_memory_equal(back, j->trace, j->trace_len);
	free(back);
	/* the same trace stored whole is cut into the same form and spans */
	assert_int_equal(food_trace_split_stored(j->trace, &f2, &a2), 0);
	assert_string_equal(f1.s, f2.s);
	assert_string_equal(a1.s ? a1.s : "", a2.s ? a2.s : "");
	char *form = sb_take(&f1);
	sb_free(&a1), sb_free(&f2), sb_free(&a2);
	return form;
}

static void test_results_judged_alike_share_a_form(void **st)
{
	/* 大米 Pb ≤0.2 (GB 2762-2022 4.1 表1): 0.031 and 0.047 pass alike */
	food_judgement j1, j2;
	assert_int_equal(judge("大米", "铅", "0.031", "mg/kg", "0.005", NULL, 0, &j1), 0);
	assert_int_equal(judge("大米", "铅", "0.047", "mg/kg", "0.005", NULL, 0, &j2), 0);
	char *f1 = check_trace(&j1, "0.031"), *f2 = check_trace(&j2, "0.047");
	assert_string_equal(f1, f2);
	/* most of the trace is the form: the spans are a few dozen bytes */
	assert_true(strlen(f1) > 300 && j1.trace_len - strlen(f1) < 80);
	free(f1), free(f2);
	food_judgement_free(&j1), food_judgement_free(&j2);
	/* a failure is another form (its verdict is in it), 0.25 > 0.2 */
	assert_int_equal(judge("大米", "铅", "0.25", "mg/kg", NULL, NULL, 0, &j1), 0);
	assert_int_equal(j1.verdict, FV_FAIL);
	f1 = check_trace(&j1, "0.25 > 0.2");
	assert_non_null(strstr(f1, "\"verdict\":\"fail\""));
	free(f1);
	food_judgement_free(&j1);
}

static void test_every_kind_of_trace_renders_back(void **st)
{
	food_judgement j;
	/* a unit conversion (µg/kg → mg/kg, GB 2762 units), not detected, a marked value */
	assert_int_equal(judge("大米", "铅", "150", "μg/kg", NULL, NULL, 0, &j), 0);
	free(check_trace(&j, "0.150"));
	food_judgement_free(&j);
	assert_int_equal(judge("大米", "铅", "ND", "mg/kg", "0.01", NULL, 0, &j), 0);
	free(check_trace(&j, "\"ND\""));
	food_judgement_free(&j);
	assert_int_equal(judge("大米", "铅", "0.2(+)", "mg/kg", NULL, NULL, 0, &j), 0);
	free(check_trace(&j, "0.2(+)"));
	food_judgement_free(&j);
	/* no national limit, a product standard and a label claim: their texts are the row's */
	food_spec specs[] = {{"product_standard", "Q/BTRY 0001S", ">=3.0", "g/100g", "full"},
			     {"label_claim", "标签明示", ">=2.9", "g/100g", "full"}};
	assert_int_equal(judge("纯牛奶", "蛋白质", "2.95", "g/100g", NULL, specs, 2, &j), 0);
	char *f = check_trace(&j, "2.95");
	assert_null(strstr(f, "Q/BTRY 0001S"));
	free(f);
	food_judgement_free(&j);
}

static void test_whole_traces_and_bad_text(void **st)
{
	/* a trace stored whole is served as stored */
	assert_null(food_trace_render("{\"input\":{\"value\":\"1\"}}"));
	assert_null(food_trace_render(NULL));
	strbuf f, a;
	sb_init(&f), sb_init(&a);
	/* text that is not a whole JSON object is not cut (it stays whole) */
	assert_int_equal(food_trace_split_stored("{\"input\":{\"value\":\"1\"", &f, &a), -1);
	sb_reset(&f), sb_reset(&a);
	assert_int_equal(food_trace_split_stored("not json", &f, &a), -1);
	sb_reset(&f), sb_reset(&a);
	/* any object cuts so that it renders back: escapes, nesting, numbers */
	const char *odd = "{\"input\":{\"value\":\"a\\\"b\\\\\",\"lod\":null},\"specifications\":[{\"source\":\"x\","
			  "\"comparison\":\"1 < 2\",\"limit\":{\"limit\":\"<=2\"},\"n\":-1.5e3,\"t\":true}],\"v\":[]}";
	assert_int_equal(food_trace_split_stored(odd, &f, &a), 0);
	char *back = render(&f, &a);
	assert_string_equal(back, odd);
	assert_null(strstr(f.s, "1 < 2"));
	free(back);
	sb_free(&f), sb_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_judged_alike_share_a_form),
		cmocka_unit_test(test_every_kind_of_trace_renders_back),
		cmocka_unit_test(test_whole_traces_and_bad_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
