/* cli.c — the enforcement area's calculator, `zhijian latefee FINE_YUAN
 * DAYS_LATE` (declared in the area's module_def, cases.c): the late-payment
 * surcharge of a fine by the one rule the cases use (rules.c). Conventions
 * of cli/cli.h: 0 answer, 1 bad data, 2 bad arguments (one line on stderr). */
#include "cli/cli.h"
#include "lib/decimal.h"
#include "modules/cases/rules.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static const char latefee_help[] = "usage: zhijian latefee FINE_YUAN DAYS_LATE\n"
				   "Late-payment surcharge of a fine (行政处罚法 Art. 72(1), 行政强制法 Art. 45):\n"
				   "3% of the fine per day late, never more than the fine. FINE_YUAN has at\n"
				   "most two decimals; the answer is in yuan with two decimals, computed in\n"
				   "integer fen and rounded half up to the fen.\n";

/* Strict decimal integer: optional '-', digits, within ±10^12. */
static int parse_int(const char *s, long *out)
{
	if (!((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && s[1] >= '0' && s[1] <= '9')))
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v > 1000000000000L || v < -1000000000000L)
		return -1;
	*out = v;
	return 0;
}

static int bad_data(const char *what, const char *arg, const char *why)
{
	fprintf(stderr, "zhijian latefee: %s '%s': %s\n", what, arg, why);
	return 1;
}

int cmd_latefee(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(latefee_help, stdout);
		return 0;
	}
	const char *pos[2];
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1] && !(a[1] >= '0' && a[1] <= '9'))
			return cli_usage_error("latefee", "unknown option '%s'", a);
		if (npos == 2)
			return cli_usage_error("latefee", "too many arguments");
		pos[npos++] = a;
	}
	if (npos < 2)
		return cli_usage_error("latefee", "missing arguments");
	long days;
	dec fine, fee;
	long long fen;
	char buf[DEC_STRMAX];
	if (parse_int(pos[1], &days))
		return cli_usage_error("latefee", "DAYS_LATE must be an integer, got '%s'", pos[1]);
	if (dec_parse(&fine, pos[0]) != DEC_OK || dec_to_int(&fine, 2, &fen) != DEC_OK)
		return bad_data("bad fine", pos[0], "expected yuan with at most two decimals");
	if (fen < 0 || fen > 100000000000000LL)
		return bad_data("bad fine", pos[0], "must be between 0 and 10^12 yuan");
	if (days < 0)
		return bad_data("bad days", pos[1], "must not be negative");
	if (dec_from_int(&fee, cs_late_fee_fen(fen, days), 2) != DEC_OK || dec_format(&fee, buf, sizeof buf) != DEC_OK)
		return bad_data("bad fine", pos[0], "out of range");
	printf("%s\n", buf);
	return 0;
}
