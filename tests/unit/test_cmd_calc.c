/* test_cmd_calc.c — contract tests for the calculator commands of
 * src/cli/cmd_calc.c: exact stdout, the one stderr line and the exit code
 * (0 answer, 1 bad data / negative answer, 2 bad arguments) for uscc,
 * workdays, due, round, judge, aql and latefee, including the DOMAIN.md §4
 * worked examples (90-day decision deadline, late-payment surcharge cap) and
 * the §10.6 working-day deadlines. stdout and stderr are captured through
 * temporary files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define MAXARGS 12

struct result {
	int rc;
	char out[2048];
	char err[2048];
};

typedef int (*cmd_fn)(int, char **);

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
}

/* Run fn with `line` split on spaces (argv[0] is the command name). */
static struct result run(cmd_fn fn, const char *line)
{
	static struct result r;
	char copy[512], *argv[MAXARGS + 1];
	int argc = 0, so, se;
	FILE *out = tmpfile(), *err = tmpfile();

	assert_non_null(out);
	assert_non_null(err);
	snprintf(copy, sizeof copy, "%s", line);
	for (char *t = strtok(copy, " "); t && argc < MAXARGS; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	so = dup(STDOUT_FILENO);
	se = dup(STDERR_FILENO);
	dup2(fileno(out), STDOUT_FILENO);
	dup2(fileno(err), STDERR_FILENO);
	r.rc = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, STDOUT_FILENO);
	dup2(se, STDERR_FILENO);
	close(so);
	close(se);
	slurp(out, r.out, sizeof r.out);
	slurp(err, r.err, sizeof r.err);
	fclose(out);
	fclose(err);
	return r;
}

/* Expect exit code rc, exact stdout, and an empty stderr. */
static void ok(cmd_fn fn, const char *line, int rc, const char *out)
{
	struct result r = run(fn, line);

	assert_string_equal(r.out, out);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, rc);
}

/* Expect exit code rc, nothing on stdout and exactly one line on stderr. */
static void err_line(cmd_fn fn, const char *line, int rc)
{
	struct result r = run(fn, line);
	const char *nl = strchr(r.err, '\n');

	assert_string_equal(r.out, "");
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');
	assert_int_equal(r.rc, rc);
}

static void test_help(void **state)
{
	static const struct {
		cmd_fn fn;
		const char *line;
	} cmds[] = {
		{cmd_uscc, "uscc --help"},       {cmd_workdays, "workdays --help"}, {cmd_due, "due -h"},
		{cmd_round, "round --help"},     {cmd_judge, "judge 1 2 --help"},   {cmd_aql, "aql --help"},
		{cmd_latefee, "latefee --help"},
	};

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		struct result r = run(cmds[i].fn, cmds[i].line);

		assert_int_equal(r.rc, 0);
		assert_true(strncmp(r.out, "usage: zhijian ", 15) == 0);
		assert_string_equal(r.err, "");
	}
}

static void test_uscc(void **state)
{
	ok(cmd_uscc, "uscc 914403001922038216", 0, "valid\n"); /* §5.3 Huawei */
	ok(cmd_uscc, "uscc 9144030071526726XG", 0, "valid\n"); /* §5.3 Tencent */
	ok(cmd_uscc, "uscc 914403001922038217", 1, "invalid: wrong check character (position 18)\n");
	ok(cmd_uscc, "uscc 9144030071526726xg", 1, "invalid: position 17: lower-case letter (codes use capitals)\n");
	ok(cmd_uscc, "uscc 91440300192203821", 1, "invalid: must be 18 characters (got 17)\n");
	ok(cmd_uscc, "uscc 91440300O922038216 --lang=zh", 1,
	   "invalid: 第9位：含有不允许的字符（代码只用数字和除I、O、Z、S、V以外的大写字母）\n");
	err_line(cmd_uscc, "uscc", 2);
	err_line(cmd_uscc, "uscc A B", 2);
	err_line(cmd_uscc, "uscc 914403001922038216 --lang fr", 2);
}

static void test_workdays(void **state)
{
	struct result r;

	ok(cmd_workdays, "workdays add 2024-02-08 7", 0, "2024-02-23\n"); /* §10.6 */
	ok(cmd_workdays, "workdays add 2025-04-30 5", 0, "2025-05-12\n");
	ok(cmd_workdays, "workdays add 2026-02-12 7 --db some.db", 0, "2026-02-28\n");
	ok(cmd_workdays, "workdays add 2025-10-01 0", 0, "2025-10-01\n");
	ok(cmd_workdays, "workdays count 2023-12-31 2024-12-31", 0, "251\n");
	ok(cmd_workdays, "workdays count 2024-12-31 2025-12-31", 0, "248\n");
	ok(cmd_workdays, "workdays count 2025-12-31 2026-12-31", 0, "248\n");
	/* uncovered year: answer on stdout, one note per year on stderr */
	r = run(cmd_workdays, "workdays count 2026-12-31 2027-12-31");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out, "261\n");
	assert_string_equal(r.err, "note: 2027 has no holiday schedule; computed on weekends alone\n");
	err_line(cmd_workdays, "workdays add 2025-02-30 3", 1);
	err_line(cmd_workdays, "workdays add 2025/01/01 3", 1);
	err_line(cmd_workdays, "workdays add 2025-01-01 x", 2);
	err_line(cmd_workdays, "workdays add 2025-01-01 1.5", 2);
	err_line(cmd_workdays, "workdays sub 2025-01-01 3", 2);
	err_line(cmd_workdays, "workdays add 2025-01-01", 2);
	err_line(cmd_workdays, "workdays add 2025-01-01 3 --db", 2);
	err_line(cmd_workdays, "workdays add 9999-12-31 1", 1);
}

static void test_due(void **state)
{
	/* §4 L2/L3: filed 2025-01-10 → 90 days → 2025-04-10; +30 → 2025-05-10 */
	ok(cmd_due, "due 2025-01-10 90", 0, "2025-04-10\n");
	ok(cmd_due, "due 2025-01-10 90 calendar", 0, "2025-04-10\n");
	ok(cmd_due, "due 2025-04-10 30", 0, "2025-05-10\n");
	ok(cmd_due, "due 2025-04-10 30 --art203", 0, "2025-05-12\n"); /* Sat → Mon */
	/* §4 L1: clue found Mon 2025-03-03, 15 working days */
	ok(cmd_due, "due 2025-03-03 15 workdays", 0, "2025-03-24\n");
	ok(cmd_due, "due 2025-01-31 1 months", 0, "2025-02-28\n");
	ok(cmd_due, "due 2025-08-15 6 months --art203", 0, "2026-02-24\n"); /* 02-15 in 春节 */
	err_line(cmd_due, "due 2025-01-10 9 weeks", 2);
	err_line(cmd_due, "due 2025-01-10", 2);
	err_line(cmd_due, "due 2025-13-10 9", 1);
}

static void test_round(void **state)
{
	ok(cmd_round, "round 1268 100", 0, "1300\n");  /* §1.3 R3 */
	ok(cmd_round, "round 1.050 0.1", 0, "1.0\n");  /* R5 */
	ok(cmd_round, "round 0.35 0.1", 0, "0.4\n");   /* R6 */
	ok(cmd_round, "round 60.28 0.5", 0, "60.5\n"); /* §1.2 */
	ok(cmd_round, "round -930 20", 0, "-920\n");
	ok(cmd_round, "round 15.4546 0.1 --report", 0, "15.5(-)\n");
	ok(cmd_round, "round 16.5(+) 1", 0, "17\n");
	err_line(cmd_round, "round abc 1", 1);
	err_line(cmd_round, "round 1.5 0.3", 1);
	err_line(cmd_round, "round 1.5", 2);
}

static void test_judge(void **state)
{
	/* §1.5 J7: 96.96 against ≥97.0 */
	ok(cmd_judge, "judge 96.96 >=97.0", 1, "fail\n");
	ok(cmd_judge, "judge 96.96 >=97.0 --method full", 1, "fail\n");
	ok(cmd_judge, "judge 96.96 >=97.0 --method rounded", 0, "pass 97.0\n");
	ok(cmd_judge, "judge 96.94 ≥97.0 --method=rounded", 1, "fail 96.9\n");                /* J8 */
	ok(cmd_judge, "judge 1351 >=1400 --method rounded --interval 100", 0, "pass 1400\n"); /* J2 */
	ok(cmd_judge, "judge 0.549 ≤0.5", 1, "fail\n");                                       /* J11 */
	ok(cmd_judge, "judge 0.239 ND --lod 0.1", 1, "fail\n");
	ok(cmd_judge, "judge ND ND", 0, "pass\n");
	ok(cmd_judge, "judge 7.5 5.0~7.5", 0, "pass\n");
	err_line(cmd_judge, "judge 1 2", 2); /* bad limit: bad input */
	err_line(cmd_judge, "judge abc <=2", 2);
	/* issue 12 point 5: negative concentration and a coarse interval are bad
	 * input (2); a value that cannot be judged is 3, told apart from fail (1) */
	err_line(cmd_judge, "judge -0.1 <=0.5", 2);
	err_line(cmd_judge, "judge 0.24 <=0.25 --method rounded --interval 0.1", 2);
	ok(cmd_judge, "judge -5 >=-6", 0, "pass\n"); /* must not catch: a negative bound */
	ok(cmd_judge, "judge 0.1(-) <=0.097", 3,
	   "undecidable: the interval a marked value stands for straddles the limit: it cannot be judged; report more digits\n");
	ok(cmd_judge, "judge 0.2(+) <=0.25", 0, "pass\n"); /* (0.20, 0.25] ⊂ ≤0.25 */
	ok(cmd_judge, "judge <0.5 <=0.2", 3,
	   "undecidable: the detection limit is above the limit: a not-detected result cannot be judged\n");
	err_line(cmd_judge, "judge 1 <=2 --method foo", 2);
	err_line(cmd_judge, "judge 1 <=2 --lod", 2);
	err_line(cmd_judge, "judge 1", 2);
}

static void test_aql(void **state)
{
	ok(cmd_aql, "aql 1000 II 2.5", 0, "code=J n=80 Ac=5 Re=6\n"); /* §8.3 */
	ok(cmd_aql, "aql 1000 II 1.0", 0, "code=J n=80 Ac=2 Re=3\n");
	ok(cmd_aql, "aql 10 II 1.0", 0, "code=E n=13 Ac=0 Re=1 inspect 100%\n");
	ok(cmd_aql, "aql 200 S-4 0.65", 0, "code=F n=20 Ac=0 Re=1\n"); /* S-4 151–280 → E; ↓ F */
	err_line(cmd_aql, "aql 1 II 1.0", 1);
	err_line(cmd_aql, "aql 100 II 0.1", 1);
	err_line(cmd_aql, "aql 100 IV 1.0", 2);
	err_line(cmd_aql, "aql x II 1.0", 2);
}

static void test_latefee(void **state)
{
	/* §4 L15: 3 % per day, capped at the fine; 10,000 yuan, 40 days →
	 * 12,000 → capped at 10,000; the cap is reached on day 34 (10,200) */
	ok(cmd_latefee, "latefee 10000 40", 0, "10000.00\n");
	ok(cmd_latefee, "latefee 10000 34", 0, "10000.00\n");
	ok(cmd_latefee, "latefee 10000 33", 0, "9900.00\n");
	ok(cmd_latefee, "latefee 10000 1", 0, "300.00\n");
	ok(cmd_latefee, "latefee 10000 0", 0, "0.00\n");
	/* 10.01 yuan = 1001 fen; × 3 % = 30.03 fen → 30 fen */
	ok(cmd_latefee, "latefee 10.01 1", 0, "0.30\n");
	/* 0.50 yuan = 50 fen; × 3 % = 1.5 fen → half up → 2 fen */
	ok(cmd_latefee, "latefee 0.50 1", 0, "0.02\n");
	/* 200 yuan (简易程序 ceiling), 7 days: 200 × 21 % = 42 */
	ok(cmd_latefee, "latefee 200 7", 0, "42.00\n");
	err_line(cmd_latefee, "latefee 10000.001 1", 1);
	err_line(cmd_latefee, "latefee -5 1", 1);
	err_line(cmd_latefee, "latefee 100 -1", 1);
	err_line(cmd_latefee, "latefee 100 x", 2);
	err_line(cmd_latefee, "latefee 100", 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help), cmocka_unit_test(test_uscc),    cmocka_unit_test(test_workdays),
		cmocka_unit_test(test_due),  cmocka_unit_test(test_round),   cmocka_unit_test(test_judge),
		cmocka_unit_test(test_aql),  cmocka_unit_test(test_latefee),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
