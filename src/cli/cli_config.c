/* cli_config.c — `--config FILE`: the options of `zhijian serve` and
 * `zhijian init` read from a file, as the Debian package's systemd unit
 * runs them (/etc/zhijian/zhijian.conf). One `key = value` a line, `#`
 * comments; the keys are the long options without their dashes. An
 * option on the command line wins over the environment, which wins over
 * the file. An unknown key or a line that is not `key = value` is an
 * error naming the file and line: a typo must not silently serve with a
 * default. */
#include "cli/cli.h"
#include "lib/xalloc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the keys a file may set; the audit files become the environment the audit code reads */
static const char *const keys[] = {"db",
				   "listen",
				   "threads",
				   "tls-cert",
				   "tls-key",
				   "web",
				   "checkpoint-minutes",
				   "audit-key",
				   "audit-checkpoints",
				   "risk-webhook",
				   "read-db",
				   "read-threads",
				   "read-max-lag-ms",
				   NULL};
static char *values[sizeof keys / sizeof keys[0]];

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

static int key_index(const char *k)
{
	for (int i = 0; keys[i]; i++)
		if (!strcmp(keys[i], k))
			return i;
	return -1;
}

int cli_config_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "zhijian: --config %s: cannot read it\n", path);
		return 2;
	}
	char line[1200];
	int no = 0, rc = 0;
	while (!rc && fgets(line, sizeof line, f)) {
		no++;
		if (!strchr(line, '\n') && !feof(f)) {
			fprintf(stderr, "zhijian: %s:%d: line too long\n", path, no);
			rc = 2;
			break;
		}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *s = trim(line), *eq = strchr(s, '=');
		if (!*s)
			continue;
		if (!eq) {
			fprintf(stderr, "zhijian: %s:%d: expected key = value\n", path, no);
			rc = 2;
			break;
		}
		*eq = 0;
		char *k = trim(s), *v = trim(eq + 1);
		int i = key_index(k);
		if (i < 0) {
			fprintf(stderr,
				"zhijian: %s:%d: unknown key '%s' (known: db, listen, threads, tls-cert, tls-key, web,"
				" checkpoint-minutes, audit-key, audit-checkpoints, risk-webhook, read-db, read-threads,"
				" read-max-lag-ms)\n",
				path, no, k);
			rc = 2;
		} else if (!*v) {
			fprintf(stderr, "zhijian: %s:%d: %s has no value\n", path, no, k);
			rc = 2;
		} else {
			free(values[i]);
			values[i] = xstrdup(v);
		}
	}
	fclose(f);
	if (rc)
		return rc;
	/* the audit files: as the environment, unless it already names them */
	if (values[key_index("audit-key")])
		setenv("ZJ_AUDIT_KEY_FILE", values[key_index("audit-key")], 0);
	if (values[key_index("audit-checkpoints")])
		setenv("ZJ_AUDIT_CHECKPOINT_FILE", values[key_index("audit-checkpoints")], 0);
	return 0;
}

const char *cli_config_get(const char *option)
{
	if (strncmp(option, "--", 2))
		return NULL;
	int i = key_index(option + 2);
	return i < 0 ? NULL : values[i];
}
