/* test_docs.c — cmocka tests for src/core/docs.c (the printable documents'
 * building blocks) and the portal's lookup code (modules/cases/
 * complaint_lookup.c): no input adds markup, dates in words, the A4 head,
 * codes from the unambiguous alphabet, their hash forgiving case and
 * separators but salted by the tracking number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/docs.h"
#include "modules/cases/cases.h"

static char *esc(const char *in)
{
	strbuf b;
	sb_init(&b);
	docs_esc(&b, in);
	return sb_take(&b);
}

static void test_escape(void **state)
{
	char *s = esc("<img src=x onerror=\"a()\">&'\x01\x7f\n\t包头");
	assert_string_equal(s, "&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;&#39;\n\t包头");
	free(s);
	s = esc(NULL);
	assert_string_equal(s, "");
	free(s);
}

static void test_date_and_head(void **state)
{
	char buf[40];
	docs_date_cn("2026-03-05", buf, sizeof buf);
	assert_string_equal(buf, "2026年3月5日");
	docs_date_cn(NULL, buf, sizeof buf);
	assert_string_equal(buf, "____年__月__日");
	strbuf b;
	sb_init(&b);
	docs_head(&b, "包头市<局>", "抽样单", "SP1");
	docs_table(&b);
	docs_row(&b, "样品名称", "<b>大米</b>");
	docs_table_end(&b);
	char *s = sb_take(&b);
	assert_non_null(strstr(s, "@page{size:A4"));
	assert_non_null(strstr(s, "<div class=\"org\">包头市&lt;局&gt;</div>"));
	assert_non_null(strstr(s, "<tr><th>样品名称</th><td class=\"pre\">&lt;b&gt;大米&lt;/b&gt;</td></tr>"));
	assert_null(strstr(s, "<b>"));
	free(s);
}

static void test_lookup_code(void **state)
{
	char a[CS_LOOKUP_CODE_LEN], b[CS_LOOKUP_CODE_LEN];
	cs_lookup_code_new(a);
	cs_lookup_code_new(b);
	assert_int_equal(strlen(a), 14);
	assert_true(a[4] == '-' && a[9] == '-');
	for (int i = 0; a[i]; i++)
		if (a[i] != '-')
			assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", a[i]));
	assert_string_not_equal(a, b); /* 60 random bits: equal only by a 2^-60 chance */
	char h1[65], h2[65], h3[65], h4[65];
	cs_lookup_code_hash("TS20260302-0001", "7K3M-Q9XA-2RT0", h1);
	cs_lookup_code_hash("TS20260302-0001", "7k3mq9xa2rto", h2); /* case, dashes, O for 0 */
	cs_lookup_code_hash("TS20260302-0002", "7K3M-Q9XA-2RT0", h3);
	cs_lookup_code_hash("TS20260302-0001", "7K3M-Q9XA-2RT1", h4);
	assert_int_equal(strlen(h1), 64);
	assert_string_equal(h1, h2);
	assert_string_not_equal(h1, h3); /* salted by the tracking number */
	assert_string_not_equal(h1, h4);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_date_and_head),
		cmocka_unit_test(test_lookup_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
