/* test_aql.c — unit tests for src/lib/aql.c: Table 1 boundaries (DOMAIN.md
 * §8.1), Table 2-A cells and arrows (§8.2), the §8.3 worked example, 100 %
 * inspection when n ≥ lot, and argument errors. Each expected plan is read off
 * the tables by hand; the route through the arrows is written beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/aql.h"

static void check(long lot, enum aql_level lv, const char *aql, char t1, char letter, int n, int ac, int re, int all)
{
	struct aql_plan p;

	assert_int_equal(aql_plan(lot, lv, aql, &p), AQL_OK);
	assert_int_equal(p.table1_letter, t1);
	assert_int_equal(p.letter, letter);
	assert_int_equal(p.n, n);
	assert_int_equal(p.ac, ac);
	assert_int_equal(p.re, re);
	assert_int_equal(p.inspect_all, all);
}

static void test_table1_boundaries(void **state)
{
	assert_int_equal(aql_code_letter(2, AQL_II), 'A');
	assert_int_equal(aql_code_letter(8, AQL_III), 'B');
	assert_int_equal(aql_code_letter(9, AQL_II), 'B');
	assert_int_equal(aql_code_letter(15, AQL_II), 'B');
	assert_int_equal(aql_code_letter(16, AQL_II), 'C');
	assert_int_equal(aql_code_letter(500, AQL_II), 'H');
	assert_int_equal(aql_code_letter(501, AQL_II), 'J');
	assert_int_equal(aql_code_letter(1000, AQL_II), 'J');
	assert_int_equal(aql_code_letter(1200, AQL_I), 'G');
	assert_int_equal(aql_code_letter(1201, AQL_I), 'H');
	assert_int_equal(aql_code_letter(3200, AQL_S4), 'G');
	assert_int_equal(aql_code_letter(10000, AQL_S3), 'F');
	assert_int_equal(aql_code_letter(35001, AQL_S1), 'D');
	assert_int_equal(aql_code_letter(500000, AQL_II), 'P');
	assert_int_equal(aql_code_letter(500001, AQL_II), 'Q');
	assert_int_equal(aql_code_letter(500001, AQL_III), 'R');
	assert_int_equal(aql_code_letter(2000000000L, AQL_S2), 'E');
	assert_int_equal(aql_code_letter(1, AQL_II), 0);
	assert_int_equal(aql_code_letter(100, AQL_LEVEL__MAX), 0);
	assert_int_equal(aql_sample_size('A'), 2);
	assert_int_equal(aql_sample_size('J'), 80);
	assert_int_equal(aql_sample_size('R'), 2000);
	assert_int_equal(aql_sample_size('I'), 0);
	assert_int_equal(aql_sample_size('O'), 0);
	assert_int_equal(aql_sample_size(0), 0);
}

static void test_worked_example(void **state)
{
	/* §8.3: lot 1000, level II, AQL 2.5 → J → n 80, Ac 5, Re 6 */
	check(1000, AQL_II, "2.5", 'J', 'J', 80, 5, 6, 0);
	/* J, AQL 1.0 → 2/3 (the form in the CLI contract) */
	check(1000, AQL_II, "1.0", 'J', 'J', 80, 2, 3, 0);
	check(1000, AQL_II, "1", 'J', 'J', 80, 2, 3, 0); /* "1" is 1.0 */
	check(1000, AQL_II, "6.5", 'J', 'J', 80, 10, 11, 0);
	check(1000, AQL_II, "0.65", 'J', 'J', 80, 1, 2, 0);
}

static void test_arrows_down(void **state)
{
	/* lot 300, II → H; 0.65 at H is ↓ → J 1/2, n 80 */
	check(300, AQL_II, "0.65", 'H', 'J', 80, 1, 2, 0);
	/* lot 100, II → F; 1.0 at F is ↑ → E 0/1, n 13 */
	check(100, AQL_II, "1.0", 'F', 'E', 13, 0, 1, 0);
	/* lot 40, II → D; 4.0 at D is ↓ → E 1/2, n 13 */
	check(40, AQL_II, "4.0", 'D', 'E', 13, 1, 2, 0);
	/* lot 5, S-1 → A; 1.5 at A ↓ B ↓ C ↓ D 0/1, n 8 ≥ 5 → 100 % */
	check(5, AQL_S1, "1.5", 'A', 'D', 8, 0, 1, 1);
	/* lot 10, II → B; 1.0: B ↓ C ↓ D ↓ E 0/1, n 13 ≥ 10 → 100 % */
	check(10, AQL_II, "1.0", 'B', 'E', 13, 0, 1, 1);
	/* lot 60, II → E; 2.5 at E ↓ → F 1/2, n 20 */
	check(60, AQL_II, "2.5", 'E', 'F', 20, 1, 2, 0);
	/* lot 20, II → C; 6.5 at C ↓ → D 1/2, n 8 */
	check(20, AQL_II, "6.5", 'C', 'D', 8, 1, 2, 0);
}

static void test_arrows_up(void **state)
{
	/* lot 200, II → G; 0.65 at G ↑ → F 0/1, n 20 */
	check(200, AQL_II, "0.65", 'G', 'F', 20, 0, 1, 0);
	/* lot 600000, II → Q; 6.5: Q ↑ P ↑ N ↑ M ↑ L 21/22, n 200 */
	check(600000, AQL_II, "6.5", 'Q', 'L', 200, 21, 22, 0);
	/* lot 600000, III → R; 1.0 at R ↑ → Q 21/22, n 1250 */
	check(600000, AQL_III, "1.0", 'R', 'Q', 1250, 21, 22, 0);
	/* R, 0.65 → 21/22, n 2000 (row R, [D] in §8.2) */
	check(600000, AQL_III, "0.65", 'R', 'R', 2000, 21, 22, 0);
	/* lot 12, II → B; 6.5 at B ↑ → A 0/1, n 2 */
	check(12, AQL_II, "6.5", 'B', 'A', 2, 0, 1, 0);
	/* lot 20, II → C; 4.0 at C ↑ → B 0/1, n 3 */
	check(20, AQL_II, "4.0", 'C', 'B', 3, 0, 1, 0);
}

static void test_inspect_all(void **state)
{
	/* lot 2, III → B; 4.0 at B → 0/1, n 3 ≥ 2 */
	check(2, AQL_III, "4.0", 'B', 'B', 3, 0, 1, 1);
	/* lot 13, II → B; 0.65: B ↓ … F 0/1, n 20 ≥ 13 */
	check(13, AQL_II, "0.65", 'B', 'F', 20, 0, 1, 1);
	/* lot 3, II → A; 6.5 → A 0/1, n 2 < 3: sampled */
	check(3, AQL_II, "6.5", 'A', 'A', 2, 0, 1, 0);
	/* lot 8, II → A; 2.5: A ↓ B ↓ C 0/1, n 5 < 8 */
	check(8, AQL_II, "2.5", 'A', 'C', 5, 0, 1, 0);
	/* lot 5, II → A; 2.5: C 0/1, n 5 = lot → 100 % */
	check(5, AQL_II, "2.5", 'A', 'C', 5, 0, 1, 1);
}

/* Every code letter and column gives a plan whose row holds numbers and whose
 * sample size matches its letter. */
static void test_every_cell_resolves(void **state)
{
	static const long lots[] = {2, 9, 16, 26, 51, 91, 151, 281, 501, 1201, 3201, 10001, 35001, 150001, 500001};
	static const char *const aqls[] = {"0.65", "1.0", "1.5", "2.5", "4.0", "6.5"};

	for (size_t i = 0; i < sizeof lots / sizeof lots[0]; i++)
		for (int lv = 0; lv < AQL_LEVEL__MAX; lv++)
			for (size_t a = 0; a < 6; a++) {
				struct aql_plan p;

				assert_int_equal(aql_plan(lots[i], (enum aql_level)lv, aqls[a], &p), AQL_OK);
				assert_int_equal(p.n, aql_sample_size(p.letter));
				assert_true(p.ac >= 0 && p.re == p.ac + 1);
			}
}

static void test_errors_and_levels(void **state)
{
	struct aql_plan p;
	enum aql_level lv;

	assert_int_equal(aql_plan(1, AQL_II, "1.0", &p), AQL_E_LOT);
	assert_int_equal(aql_plan(0, AQL_II, "1.0", &p), AQL_E_LOT);
	assert_int_equal(aql_plan(-5, AQL_II, "1.0", &p), AQL_E_LOT);
	assert_int_equal(aql_plan(100, AQL_II, "0.1", &p), AQL_E_AQL);
	assert_int_equal(aql_plan(100, AQL_II, "10", &p), AQL_E_AQL);
	assert_int_equal(aql_plan(100, AQL_II, "abc", &p), AQL_E_AQL);
	assert_int_equal(aql_plan(100, AQL_LEVEL__MAX, "1.0", &p), AQL_E_LEVEL);
	assert_int_equal(aql_parse_level("II", &lv), 0);
	assert_int_equal(lv, AQL_II);
	assert_int_equal(aql_parse_level("S-3", &lv), 0);
	assert_int_equal(lv, AQL_S3);
	assert_int_equal(aql_parse_level("S4", &lv), 0);
	assert_int_equal(lv, AQL_S4);
	assert_int_equal(aql_parse_level("IV", &lv), -1);
	assert_int_equal(aql_parse_level("ii", &lv), -1);
	assert_int_equal(aql_parse_level(NULL, &lv), -1);
	assert_string_equal(aql_level_name(AQL_III), "III");
	assert_string_equal(aql_strerror(AQL_E_LOT), "lot size must be at least 2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table1_boundaries), cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_arrows_down),       cmocka_unit_test(test_arrows_up),
		cmocka_unit_test(test_inspect_all),       cmocka_unit_test(test_every_cell_resolves),
		cmocka_unit_test(test_errors_and_levels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
