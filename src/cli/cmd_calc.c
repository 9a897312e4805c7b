/* cmd_calc.c — the domain calculators of `zhijian` (cli.h): uscc, workdays,
 * due, round, judge and aql (the business areas' own, such as latefee, are in
 * their folders). Each reads its arguments, calls one pure
 * function of src/lib and prints one answer line on stdout. Exit codes follow
 * cli.h: 0 answer, 1 bad data or a negative answer ("invalid", "fail"),
 * 2 bad arguments (one line on stderr). Options may appear anywhere, as
 * "--name value" or "--name=value"; a leading "-" followed by a digit is a
 * negative number, not an option. */
#include "cli/cli.h"
#include "core/calendar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/aql.h"
#include "lib/date.h"
#include "lib/decimal.h"
#include "lib/gbt8170.h"
#include "lib/uscc.h"
#include "lib/workdays.h"

#define MAX_POS 4

/* ---- argument handling ---------------------------------------------------- */

struct opt {
	const char *name;   /* without the leading "--" */
	const char **value; /* receives the value, or NULL for a flag */
	int *flag;          /* set to 1 for a flag */
};

struct args {
	int npos;
	char *pos[MAX_POS];
};

static int is_option(const char *a)
{
	return a[0] == '-' && !(a[1] >= '0' && a[1] <= '9') && a[1] != '\0';
}

/* Match argv[*i] against opts; consumes a separate value argument. */
static int take_option(const char *cmd, int argc, char **argv, int *i, const struct opt *opts)
{
	const char *a = argv[*i] + (argv[*i][1] == '-' ? 2 : 1);
	size_t len = strcspn(a, "=");

	for (; opts && opts->name; opts++) {
		if (strlen(opts->name) != len || strncmp(a, opts->name, len) != 0)
			continue;
		if (opts->flag) {
			if (a[len] == '=')
				return cli_usage_error(cmd, "option --%s takes no value", opts->name);
			*opts->flag = 1;
			return 0;
		}
		if (a[len] == '=') {
			*opts->value = a + len + 1;
			return 0;
		}
		if (*i + 1 >= argc)
			return cli_usage_error(cmd, "option --%s needs a value", opts->name);
		*opts->value = argv[++*i];
		return 0;
	}
	return cli_usage_error(cmd, "unknown option '%s'", argv[*i]);
}

/* Split argv[1..] into options and between min and max positionals. */
static int parse_args(const char *cmd, int argc, char **argv, const struct opt *opts, int min, int max,
		      struct args *out)
{
	out->npos = 0;
	for (int i = 1; i < argc; i++) {
		if (is_option(argv[i])) {
			if (take_option(cmd, argc, argv, &i, opts))
				return 2;
		} else if (out->npos >= max) {
			return cli_usage_error(cmd, "too many arguments");
		} else {
			out->pos[out->npos++] = argv[i];
		}
	}
	if (out->npos < min)
		return cli_usage_error(cmd, "missing arguments");
	return 0;
}

#define INT_ARG_MAX 1000000000000L /* 10^12: lots, day counts */

/* Strict decimal integer: optional '-', digits, within ±INT_ARG_MAX. */
static int parse_int(const char *s, long *out)
{
	char *end;
	long v;

	if (!((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && s[1] >= '0' && s[1] <= '9')))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v > INT_ARG_MAX || v < -INT_ARG_MAX)
		return -1;
	*out = v;
	return 0;
}

static int help(const char *text)
{
	fputs(text, stdout);
	return 0;
}

/* One line on stderr for bad data; exit code 1. */
static int bad_data(const char *cmd, const char *what, const char *arg, const char *why)
{
	fprintf(stderr, "zhijian %s: %s '%s': %s\n", cmd, what, arg, why);
	return 1;
}

static int get_date(const char *cmd, const char *s, date_days *out)
{
	date_err e = date_parse(s, out);

	return e == DATE_OK ? 0 : bad_data(cmd, "bad date", s, date_strerror(e));
}

static void print_date(date_days d)
{
	char buf[DATE_STRLEN];

	date_format(d, buf);
	printf("%s\n", buf);
}

/* The caller must be able to say when an answer rests on weekends alone. */
static void print_gaps(const struct wd_gaps *g)
{
	for (int i = 0; i < g->n; i++)
		fprintf(stderr, "note: %d has no holiday schedule; computed on weekends alone\n", g->years[i]);
	if (g->more)
		fprintf(stderr, "note: further years have no holiday schedule; computed on weekends alone\n");
}

static int range_error(const char *cmd)
{
	fprintf(stderr, "zhijian %s: result outside the years 0001 to 9999\n", cmd);
	return 1;
}

/* ---- uscc ----------------------------------------------------------------- */

static const char uscc_help[] = "usage: zhijian uscc CODE [--lang en|zh]\n"
				"Check a unified social credit code (GB 32100-2015, with the embedded\n"
				"GB 11714 organization-code check). Prints \"valid\" (exit 0) or\n"
				"\"invalid: REASON\" (exit 1).\n";

/* "invalid: [position N: ]MESSAGE[ (got N)]" in the chosen language. */
static void print_uscc_reason(const struct uscc_error *e, int zh)
{
	printf("invalid: ");
	if (e->code == USCC_E_CHAR || e->code == USCC_E_LOWERCASE || e->code == USCC_E_DIVISION)
		printf(zh ? "第%d位：" : "position %d: ", e->pos);
	printf("%s", zh ? e->zh : e->en);
	if (e->code == USCC_E_LENGTH)
		printf(zh ? "（实际%d位）" : " (got %d)", e->len);
	printf("\n");
}

int cmd_uscc(int argc, char **argv)
{
	const char *lang = "en";
	const struct opt opts[] = {{"lang", &lang, NULL}, {NULL, NULL, NULL}};
	struct args a;
	struct uscc_error e;

	if (cli_wants_help(argc, argv))
		return help(uscc_help);
	if (parse_args("uscc", argc, argv, opts, 1, 1, &a))
		return 2;
	if (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0)
		return cli_usage_error("uscc", "--lang must be en or zh");
	if (uscc_check(a.pos[0], &e) == 0) {
		printf("valid\n");
		return 0;
	}
	print_uscc_reason(&e, lang[0] == 'z');
	return 1;
}

/* ---- workdays --------------------------------------------------------------- */

static const char workdays_help[] = "usage: zhijian workdays add DATE N [--db DB]\n"
				    "       zhijian workdays count FROM TO [--db DB]\n"
				    "add: the N-th working day after DATE (DATE itself is not counted; N = 0\n"
				    "gives DATE, N < 0 counts back). count: working days in (FROM, TO].\n"
				    "Working days follow the official holiday schedule with make-up days.\n"
				    "For a year without a schedule the answer rests on weekends alone and a\n"
				    "note says so on stderr.\n";

/* The built-in schedule, or with --db the database's (admin-edited) one. */
static int load_calendar(const char *cmd, const char *db_uri, struct wd_calendar *cal)
{
	if (db_uri) {
		db *d;
		char err[256];
		if (db_open(db_uri, &d, err, sizeof err) != DB_OK) {
			fprintf(stderr, "zhijian %s: %s\n", cmd, err);
			return 1;
		}
		struct wd_calendar *dc = calendar_load(d);
		db_close(d);
		if (!dc)
			return 1;
		*cal = *dc;
		calendar_free(dc);
		return 0;
	}
	wd_err e = wd_load_builtin(cal);

	if (e != WD_OK) {
		fprintf(stderr, "zhijian %s: holiday calendar: %s\n", cmd, wd_strerror(e));
		return 1;
	}
	return 0;
}

static int workdays_add(const struct wd_calendar *cal, char *date, char *n_arg)
{
	date_days d, r;
	long n;
	struct wd_gaps g = {0};

	if (parse_int(n_arg, &n))
		return cli_usage_error("workdays", "N must be an integer, got '%s'", n_arg);
	if (get_date("workdays", date, &d))
		return 1;
	if (wd_add(cal, d, n, &r, &g) != WD_OK)
		return range_error("workdays");
	print_date(r);
	print_gaps(&g);
	return 0;
}

static int workdays_count(const struct wd_calendar *cal, char *from, char *to)
{
	date_days f, t;
	long n;
	struct wd_gaps g = {0};

	if (get_date("workdays", from, &f) || get_date("workdays", to, &t))
		return 1;
	if (wd_count(cal, f, t, &n, &g) != WD_OK)
		return range_error("workdays");
	printf("%ld\n", n);
	print_gaps(&g);
	return 0;
}

int cmd_workdays(int argc, char **argv)
{
	const char *db_arg = NULL;
	const struct opt opts[] = {{"db", &db_arg, NULL}, {NULL, NULL, NULL}};
	struct wd_calendar cal;
	struct args a;

	if (cli_wants_help(argc, argv))
		return help(workdays_help);
	if (parse_args("workdays", argc, argv, opts, 3, 3, &a))
		return 2;
	if (strcmp(a.pos[0], "add") != 0 && strcmp(a.pos[0], "count") != 0)
		return cli_usage_error("workdays", "expected 'add' or 'count', got '%s'", a.pos[0]);
	if (load_calendar("workdays", db_arg, &cal))
		return 1;
	if (a.pos[0][0] == 'a')
		return workdays_add(&cal, a.pos[1], a.pos[2]);
	return workdays_count(&cal, a.pos[1], a.pos[2]);
}

/* ---- due ---------------------------------------------------------------------- */

static const char due_help[] = "usage: zhijian due DATE N [calendar|workdays|months] [--art203] [--db DB]\n"
			       "Last day of a period of N units starting on DATE; the start day is not\n"
			       "counted (民法典 Art. 201). calendar (default): DATE + N days. workdays: the\n"
			       "N-th working day after DATE. months: the same day N months later, or the\n"
			       "month's last day (Art. 202). --art203: a period ending on a rest day ends\n"
			       "on the next working day (Art. 203).\n";

static int due_compute(const struct wd_calendar *cal, const char *unit, date_days d, long n, int art203, date_days *r,
		       struct wd_gaps *g)
{
	wd_err e;

	if (!strcmp(unit, "workdays"))
		e = wd_add(cal, d, n, r, g);
	else if (!strcmp(unit, "months"))
		e = wd_due_months(d, n, r);
	else
		e = wd_due_days(d, n, r);
	if (e == WD_OK && art203)
		e = wd_roll_art203(cal, *r, r, g);
	return e == WD_OK ? 0 : -1;
}

int cmd_due(int argc, char **argv)
{
	const char *db_arg = NULL;
	int art203 = 0;
	const struct opt opts[] = {{"db", &db_arg, NULL}, {"art203", NULL, &art203}, {NULL, NULL, NULL}};
	struct wd_calendar cal;
	struct wd_gaps g = {0};
	struct args a;
	const char *unit;
	date_days d, r;
	long n;

	if (cli_wants_help(argc, argv))
		return help(due_help);
	if (parse_args("due", argc, argv, opts, 2, 3, &a))
		return 2;
	unit = a.npos == 3 ? a.pos[2] : "calendar";
	if (strcmp(unit, "calendar") && strcmp(unit, "workdays") && strcmp(unit, "months"))
		return cli_usage_error("due", "unit must be calendar, workdays or months, got '%s'", unit);
	if (parse_int(a.pos[1], &n))
		return cli_usage_error("due", "N must be an integer, got '%s'", a.pos[1]);
	if (get_date("due", a.pos[0], &d) || load_calendar("due", db_arg, &cal))
		return 1;
	if (due_compute(&cal, unit, d, n, art203, &r, &g))
		return range_error("due");
	print_date(r);
	print_gaps(&g);
	return 0;
}

/* ---- round ------------------------------------------------------------------- */

static const char round_help[] = "usage: zhijian round VALUE INTERVAL [--report]\n"
				 "Round VALUE by GB/T 8170-2008: round half to even on the exact decimal,\n"
				 "to an INTERVAL of 1, 2 or 5 times a power of ten (0.1, 100, 0.5, 0.2, 20).\n"
				 "VALUE may carry a (+) or (-) mark (§3.3.2), which decides a tie.\n"
				 "--report appends (+)/(-) when the result's last non-zero digit is 5 and\n"
				 "the true value lies to one side (for reporting to a later judge).\n";

int cmd_round(int argc, char **argv)
{
	int report = 0;
	const struct opt opts[] = {{"report", NULL, &report}, {NULL, NULL, NULL}};
	char buf[DEC_STRMAX + 4];
	const char *why = "bad input";
	struct args a;

	if (cli_wants_help(argc, argv))
		return help(round_help);
	if (parse_args("round", argc, argv, opts, 2, 2, &a))
		return 2;
	if (gbt_round_str(a.pos[0], a.pos[1], report, buf, sizeof buf, &why)) {
		fprintf(stderr, "zhijian round: %s\n", why);
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

/* ---- judge ------------------------------------------------------------------- */

static const char judge_help[] = "usage: zhijian judge VALUE LIMIT [--method full|rounded] [--lod X] [--interval I]\n"
				 "Judge a measured VALUE against a LIMIT by GB/T 8170-2008 §4. LIMIT forms:\n"
				 "<=A <A >=A >A (also ≤ ≥), A~B (inclusive), A<x<B (exclusive), A±T, ND.\n"
				 "--method full (default, 全数值比较法) compares the value as written;\n"
				 "--method rounded (修约值比较法) first rounds it to the limit's last digit\n"
				 "(or to --interval) and prints the rounded value after the verdict.\n"
				 "--lod X: detection limit for ND limits and not-detected results.\n"
				 "A value marked (+)/(-) (§3.3.2) is judged as the interval it stands for;\n"
				 "when the limit cuts that interval the value cannot be judged.\n"
				 "A negative value is refused unless the limit itself has a negative bound\n"
				 "(a content or concentration is never below zero); so is a rounding\n"
				 "--interval coarser than the limit's last digit (§4.3.2).\n"
				 "Exit codes:\n"
				 "  0  pass: prints \"pass\" (with the rounded value when rounded)\n"
				 "  1  fail: prints \"fail\"\n"
				 "  2  bad input (arguments, value, limit, interval, LOD): one line on stderr\n"
				 "  3  cannot be judged, a person decides: prints \"undecidable: REASON\"\n";

static int parse_method(const char *m, int *out)
{
	if (!strcmp(m, "full"))
		*out = GBT_FULL;
	else if (!strcmp(m, "rounded"))
		*out = GBT_ROUNDED;
	else
		return -1;
	return 0;
}

/* A negative number judged against a limit whose bounds are all ≥ 0 (or
 * 不得检出): an impossible content or concentration. */
static int negative_concentration(const char *value, const char *limit)
{
	struct gbt_value x;
	struct gbt_limit l;

	if (gbt_parse_value(value, &x, NULL) || x.kind != GBT_NUMBER || dec_sign(&x.v) >= 0 ||
	    gbt_parse_limit(limit, &l, NULL))
		return 0;
	return !((l.has_lo && dec_sign(&l.lo) < 0) || (l.has_hi && dec_sign(&l.hi) < 0));
}

int cmd_judge(int argc, char **argv)
{
	const char *method = "full";
	struct gbt_judge_opts o = {GBT_FULL, NULL, NULL};
	const struct opt opts[] = {{"method", &method, NULL},
				   {"lod", &o.lod, NULL},
				   {"interval", &o.interval, NULL},
				   {NULL, NULL, NULL}};
	struct gbt_verdict v;
	const char *why = "bad input";
	struct args a;

	if (cli_wants_help(argc, argv))
		return help(judge_help);
	if (parse_args("judge", argc, argv, opts, 2, 2, &a))
		return 2;
	if (parse_method(method, &o.method))
		return cli_usage_error("judge", "--method must be full or rounded, got '%s'", method);
	if (negative_concentration(a.pos[0], a.pos[1]))
		return cli_usage_error("judge",
				       "value '%s' is negative: a content or concentration cannot be below zero",
				       a.pos[0]);
	int rc = gbt_judge(a.pos[0], a.pos[1], &o, &v, &why);
	if (rc == GBT_UNDECIDED) {
		printf("undecidable: %s\n", why);
		return 3;
	}
	if (rc != 0)
		return cli_usage_error("judge", "%s", why);
	if (v.rounded)
		printf("%s %s\n", v.pass ? "pass" : "fail", v.value);
	else
		printf("%s\n", v.pass ? "pass" : "fail");
	return v.pass ? 0 : 1;
}

/* ---- aql --------------------------------------------------------------------- */

static const char aql_help[] = "usage: zhijian aql LOT LEVEL AQL\n"
			       "GB/T 2828.1-2012 normal single sampling plan. LEVEL: I, II, III, S-1..S-4;\n"
			       "AQL: 0.65, 1.0, 1.5, 2.5, 4.0, 6.5. Prints the code letter of the plan used\n"
			       "(after following the table's arrows), sample size and Ac/Re, e.g.\n"
			       "\"code=J n=80 Ac=5 Re=6\", adding \"inspect 100%\" when n is not below the lot.\n";

int cmd_aql(int argc, char **argv)
{
	struct args a;
	enum aql_level lv;
	struct aql_plan p;
	long lot;
	aql_err e;

	if (cli_wants_help(argc, argv))
		return help(aql_help);
	if (parse_args("aql", argc, argv, NULL, 3, 3, &a))
		return 2;
	if (parse_int(a.pos[0], &lot))
		return cli_usage_error("aql", "LOT must be an integer up to 10^12, got '%s'", a.pos[0]);
	if (aql_parse_level(a.pos[1], &lv))
		return cli_usage_error("aql", "LEVEL must be I, II, III or S-1..S-4, got '%s'", a.pos[1]);
	e = aql_plan(lot, lv, a.pos[2], &p);
	if (e == AQL_E_LOT)
		return bad_data("aql", "bad lot size", a.pos[0], aql_strerror(e));
	if (e != AQL_OK)
		return bad_data("aql", "bad AQL", a.pos[2], aql_strerror(e));
	printf("code=%c n=%d Ac=%d Re=%d%s\n", p.letter, p.n, p.ac, p.re, p.inspect_all ? " inspect 100%" : "");
	return 0;
}
