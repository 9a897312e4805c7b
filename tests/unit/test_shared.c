/* test_shared.c — the helpers written once (issue 13 §4) and the checks of
 * the declarations (§5): UTF-8 validation, comma lists and LIKE patterns,
 * the one decimal grammar at the core's door, Excel serial dates on the one
 * calendar, the known permissions, and `zhijian schema-check` catching a
 * schema that drifts from the declarations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/crud.h"
#include "core/migrate.h"
#include "lib/clist.h"
#include "lib/tabular.h"
#include "lib/utf8.h"
#include "modules/modules.h"
#include "fixture.h"

static void test_utf8(void **st)
{
	assert_true(utf8_valid(""));
	assert_true(utf8_valid("abc"));
	assert_true(utf8_valid("包头市质量技术监督局"));
	assert_true(utf8_valid("\xF0\x9F\x98\x80"));  /* U+1F600 */
	assert_false(utf8_valid("\xED\xA0\x80"));     /* surrogate U+D800 */
	assert_false(utf8_valid("\xC0\xAF"));         /* overlong '/' */
	assert_false(utf8_valid("\xE0\x80\xAF"));     /* overlong '/' in 3 bytes */
	assert_false(utf8_valid("\xF4\x90\x80\x80")); /* above U+10FFFF */
	assert_false(utf8_valid("\xE5\x8C"));         /* cut short */
	assert_int_equal(utf8_invalid_at((const unsigned char *)"ab\xFFz", 4), 2);
	assert_int_equal(utf8_len("包头a"), 3);
}

static void test_clist(void **st)
{
	assert_true(clist_has("pb,cd,hg", "cd"));
	assert_true(clist_has(" pb , cd ", "cd"));
	assert_false(clist_has("pb,cd", "c"));
	assert_false(clist_has("pb,cdx", "cd"));
	assert_false(clist_has(NULL, "pb"));
	assert_false(clist_has("pb", ""));
	assert_int_equal(clist_count("a,,b, ,c"), 3);
	assert_int_equal(clist_count(""), 0);
	char t[4], got[64] = "";
	size_t w = 0;
	for (const char *p = clist_next(",alpha,b,,c", t, sizeof t); p; p = clist_next(p, t, sizeof t))
		w += (size_t)snprintf(got + w, sizeof got - w, "%s|", t);
	assert_string_equal(got, "alp|b|c|"); /* a longer item is cut, empty ones skipped */
	char *s = like_contains("50%_a\\");
	assert_string_equal(s, "%50\\%\\_a\\\\%");
	free(s);
	s = like_clist_item("a_b");
	assert_string_equal(s, "%,a\\_b,%");
	free(s);
}

static void test_excel_dates(void **st)
{
	char out[11];
	assert_int_equal(tab_excel_serial_to_iso(1, 0, out), 0);
	assert_string_equal(out, "1900-01-01");
	assert_int_equal(tab_excel_serial_to_iso(59, 0, out), 0);
	assert_string_equal(out, "1900-02-28");
	assert_int_equal(tab_excel_serial_to_iso(60, 0, out), -1); /* Excel's 1900-02-29 */
	assert_int_equal(tab_excel_serial_to_iso(61, 0, out), 0);
	assert_string_equal(out, "1900-03-01");
	assert_int_equal(tab_excel_serial_to_iso(45658, 0, out), 0);
	assert_string_equal(out, "2025-01-01");
	assert_int_equal(tab_excel_serial_to_iso(2958465, 0, out), 0);
	assert_string_equal(out, "9999-12-31");
	assert_int_equal(tab_excel_serial_to_iso(0, 1, out), 0);
	assert_string_equal(out, "1904-01-01");
	assert_int_equal(tab_excel_serial_to_iso(2958466, 0, out), -1);
}

static int setup(void **st)
{
	return fixture_setup("shared");
}

/* "1." and ".5" are not decimals for the core either (dec_parse's grammar);
 * an exponent is accepted and stored in plain form. */
static void test_decimal_field(void **st)
{
	zj_ctx c;
	ctx_init(&c, d);
	static const field_def f = {"value", FT_DECIMAL, "值", "Value"};
	static const entity_def e = {.name = "x", .table = "x", .fields = &f, .nfields = 1};
	fe_code code;
	char msg[200];
	const char *bad[] = {"1.", ".5", "-.5", "1..2", "1,5", "e3", "0x10", NULL};
	for (int i = 0; bad[i]; i++) {
		json_t *v = json_string(bad[i]);
		json_t *r = field_coerce(&c, &e, &f, v, 0, &code, msg, sizeof msg);
		if (r)
			fail_msg("'%s' accepted as a decimal", bad[i]);
		assert_string_equal(fe_name(code), "type");
		json_decref(v);
	}
	const char *good[][2] = {{"1.50", "1.50"}, {"-0.05", "-0.05"}, {"+3", "+3"},
				 {"1.5e1", "15"},  {"1E-3", "0.001"},  {NULL, NULL}};
	for (int i = 0; good[i][0]; i++) {
		json_t *v = json_string(good[i][0]);
		json_t *r = field_coerce(&c, &e, &f, v, 0, &code, msg, sizeof msg);
		assert_non_null(r);
		assert_string_equal(json_string_value(r), good[i][1]);
		json_decref(r);
		json_decref(v);
	}
	ctx_clear(&c);
}

static void test_perms_known(void **st)
{
	assert_true(registry_perm_known("enterprises.read"));
	assert_true(registry_perm_known("enterprises.personal"));
	assert_true(registry_perm_known("audit.read"));
	assert_true(registry_perm_known("samples.t.receive")); /* a workflow step */
	assert_true(registry_perm_known("results.decide"));    /* an action */
	assert_false(registry_perm_known("enterprises.frobnicate"));
	assert_false(registry_perm_known("nosuch.read"));
	assert_false(registry_perm_known("audit"));
	/* every seeded grant names a known permission; a typo is caught */
	assert_int_equal(registry_check_grants(), 0);
	registry_add_grants("director", "enterprises.read:all enterprises.raed:all");
	registry_add_grants("auditor", "audit.read:everyone");
	assert_int_equal(registry_check_grants(), 2);
}

static void test_lookups(void **st)
{
	int64_t city = crud_id_by_code(d, "jurisdictions", "150200");
	int64_t unit = crud_id_by_code(d, "units", "BTQTS");
	assert_true(city > 0 && unit > 0);
	assert_int_equal(crud_id_by_code(d, "units", "NOPE"), 0);
	assert_int_equal(crud_row_juris(d, &ent_units, unit), city);
	assert_int_equal(crud_row_juris(d, &ent_units, 999999), 0);
	assert_int_equal(crud_row_juris(d, &ent_roles, 1), 0); /* no jurisdiction column */
}

static int schema_check(void)
{
	char *argv[] = {"schema-check", "--db", fixture_path, NULL};
	return cmd_schema_check(3, argv);
}

static void test_schema_check(void **st)
{
	assert_int_equal(schema_check(), 0);
	/* a unique field without its index */
	assert_int_equal(db_exec(d, "DROP INDEX food_analytes_name"), DB_OK);
	assert_int_equal(schema_check(), 1);
	assert_int_equal(db_exec(d, "CREATE UNIQUE INDEX food_analytes_name ON food_analytes(name) WHERE deleted = 0"),
			 DB_OK);
	assert_int_equal(schema_check(), 0);
	/* a column no declaration knows */
	assert_int_equal(db_exec(d, "ALTER TABLE units ADD COLUMN stray TEXT"), DB_OK);
	assert_int_equal(schema_check(), 1);
	assert_int_equal(db_exec(d, "ALTER TABLE units DROP COLUMN stray"), DB_OK);
	/* a unique index the declaration does not have */
	assert_int_equal(db_exec(d, "CREATE UNIQUE INDEX units_phone ON units(phone)"), DB_OK);
	assert_int_equal(schema_check(), 1);
	assert_int_equal(db_exec(d, "DROP INDEX units_phone"), DB_OK);
	assert_int_equal(schema_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),         cmocka_unit_test(test_clist),
		cmocka_unit_test(test_excel_dates),  cmocka_unit_test(test_decimal_field),
		cmocka_unit_test(test_perms_known),  cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_schema_check),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
