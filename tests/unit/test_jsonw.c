/* test_jsonw.c — cmocka tests for src/lib/jsonw.c: the text it writes is
 * exactly the expected JSON (commas, nesting, null, escapes of quotes,
 * backslashes and control characters, UTF-8 passed through, kept fragments)
 * and jansson reads it back to the same values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "lib/jsonw.h"

static void test_nesting_and_commas(void **state)
{
	strbuf b;
	sb_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_obj(&w, NULL);
	jw_str(&w, "a", "x");
	jw_int(&w, "n", -42);
	jw_bool(&w, "t", 1);
	jw_bool(&w, "f", 0);
	jw_null(&w, "z");
	jw_str(&w, "s", NULL);
	jw_arr(&w, "list");
	jw_int(&w, NULL, 1);
	jw_obj(&w, NULL);
	jw_end(&w);
	jw_arr(&w, NULL);
	jw_end(&w);
	jw_str(&w, NULL, "");
	jw_end(&w);
	jw_key(&w, "raw");
	sb_add(&b, "{\"k\":[1,2]}");
	jw_end(&w);
	assert_string_equal(b.s, "{\"a\":\"x\",\"n\":-42,\"t\":true,\"f\":false,\"z\":null,\"s\":null,"
				 "\"list\":[1,{},[],\"\"],\"raw\":{\"k\":[1,2]}}");
	json_error_t err;
	json_t *j = json_loads(b.s, 0, &err);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "n")), -42);
	assert_int_equal(json_array_size(json_object_get(j, "list")), 4);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(json_object_get(j, "raw"), "k"), 1)), 2);
	json_decref(j);
	sb_free(&b);
}

static void test_escapes_round_trip(void **state)
{
	/* RFC 8259 §7: quote, reverse solidus and U+0000..U+001F must be escaped;
	 * everything else (here 不得检出, μ and ≤) may be written as is. */
	const char *v = "a\"b\\c\nd\re\tf\x01g\x1fh 不得检出 μg/kg ≤0.5";
	strbuf b;
	sb_init(&b);
	jsonw w;
	jw_init(&w, &b);
	jw_arr(&w, NULL);
	jw_str(&w, NULL, v);
	jw_end(&w);
	assert_string_equal(b.s, "[\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh 不得检出 μg/kg ≤0.5\"]");
	json_t *j = json_loads(b.s, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_array_get(j, 0)), v);
	json_decref(j);
	sb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting_and_commas),
		cmocka_unit_test(test_escapes_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
