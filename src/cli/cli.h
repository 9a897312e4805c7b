/* cli.h — the subcommands of `zhijian`. Each takes the arguments after the
 * command name (argv[0] is the command name) and returns the process exit
 * code: 0 success, 1 bad data / negative answer, 2 bad arguments (one line on
 * stderr). Every command answers --help on stdout with exit 0. */
#ifndef ZJ_CLI_H
#define ZJ_CLI_H

/* platform (cmd_db.c, cmd_user.c, cmd_io.c, cmd_serve.c) */
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_files_import(int argc, char **argv);
int cmd_files_gc(int argc, char **argv);
int cmd_audit_verify(int argc, char **argv); /* cmd_audit.c */
int cmd_audit_checkpoint(int argc, char **argv);
int cmd_audit_digest(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_schema_check(int argc, char **argv);
int cmd_partitions(int argc, char **argv); /* cmd_partitions.c */

/* domain calculators (cmd_calc.c): one line in, one answer out */
int cmd_uscc(int argc, char **argv);     /* uscc CODE -> "valid" | "invalid: REASON" (exit 1) */
int cmd_workdays(int argc, char **argv); /* workdays add DATE N | workdays count FROM TO [--db DB] */
int cmd_due(int argc, char **argv);      /* due DATE N (calendar|workdays|months) */
int cmd_round(int argc, char **argv);    /* round VALUE INTERVAL (GB/T 8170) */
int cmd_judge(int argc, char **argv);    /* judge VALUE LIMIT [--method full|rounded] [--lod X] */
int cmd_aql(int argc, char **argv);      /* aql LOT LEVEL AQL (GB/T 2828.1) */

/* The business areas' calculators are declared in their module_def
 * (core/module.h) and defined in their folders: `limit` (food_cli.c),
 * `latefee` (cases/cli.c, declared here too for the calculator tests). */
int cmd_latefee(int argc, char **argv); /* latefee FINE_YUAN DAYS_LATE */

/* Opens a database (cmd_db.c) and loads its audit key (cmd_audit.c). */
typedef struct db db;
db *cli_open_db(const char *cmd, const char *uri);
void cli_audit_setup(const char *uri);
const char *cli_audit_key_path(void);

/* --config FILE (cli_config.c): options read from a file; 0, or 2 with the
 * file and line on stderr. cli_config_get("--db") is the file's value of an
 * option, or NULL. */
int cli_config_load(const char *path);
const char *cli_config_get(const char *option);

/* helpers shared by commands (cli_util.c) */
int cli_wants_help(int argc, char **argv);
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
