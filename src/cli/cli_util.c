/* cli_util.c — small helpers every subcommand uses: --help detection and the
 * one-line usage error (exit 2). */
#include "cli/cli.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "zhijian %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try: zhijian %s --help)\n", cmd);
	return 2;
}
