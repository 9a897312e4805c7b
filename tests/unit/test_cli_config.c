/* test_cli_config.c — `--config FILE` (src/cli/cli_config.c): key = value
 * lines with comments are read; an unknown key, a line without '=' or a key
 * without a value is refused with exit code 2; the audit files become the
 * environment unless it names them already. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static char path[64];

static void write_conf(const char *text)
{
	snprintf(path, sizeof path, "/tmp/zj-conf-%d.conf", getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_reads_values(void **st)
{
	unsetenv("ZJ_AUDIT_KEY_FILE");
	setenv("ZJ_AUDIT_CHECKPOINT_FILE", "/from/env.checkpoints", 1);
	write_conf("# Zhijian\n\n  db = /var/lib/zhijian/zhijian.db   # the database\n"
		   "listen=127.0.0.1:8080\nthreads = 8\naudit-key = /etc/zhijian/k\n"
		   "audit-checkpoints = /var/lib/zhijian/c\n");
	assert_int_equal(cli_config_load(path), 0);
	assert_string_equal(cli_config_get("--db"), "/var/lib/zhijian/zhijian.db");
	assert_string_equal(cli_config_get("--listen"), "127.0.0.1:8080");
	assert_string_equal(cli_config_get("--threads"), "8");
	assert_null(cli_config_get("--tls-cert"));
	assert_null(cli_config_get("--admin-password")); /* never from a file */
	assert_null(cli_config_get("db"));
	assert_string_equal(getenv("ZJ_AUDIT_KEY_FILE"), "/etc/zhijian/k");
	/* the environment wins over the file */
	assert_string_equal(getenv("ZJ_AUDIT_CHECKPOINT_FILE"), "/from/env.checkpoints");
	unlink(path);
}

static void test_refuses_bad_lines(void **st)
{
	write_conf("db = /x.db\nlisen = 127.0.0.1:8080\n"); /* a typo must not serve with a default */
	assert_int_equal(cli_config_load(path), 2);
	write_conf("db /x.db\n");
	assert_int_equal(cli_config_load(path), 2);
	write_conf("threads =   \n");
	assert_int_equal(cli_config_load(path), 2);
	unlink(path);
	assert_int_equal(cli_config_load(path), 2); /* no such file */
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_reads_values),
					   cmocka_unit_test(test_refuses_bad_lines)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
