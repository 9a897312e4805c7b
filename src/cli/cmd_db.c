/* cmd_db.c — init, serve, backup and schema-check. */
#include "cli/cli.h"
#include "core/partitions.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/migrate.h"
#include "core/workflow.h"
#include "lib/clist.h"
#include "modules/duties.h"
#include "modules/modules.h"
#include "web/http.h"
#include "lib/num.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads "--name value" pairs; returns the value, else the --config file's, or NULL. */
static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 1; i < argc - 1; i++)
		if (!strcmp(argv[i], name))
			return argv[i + 1];
	return cli_config_get(name);
}

static int has_flag(int argc, char **argv, const char *name)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

/* Every argument must be a known option (with its value) — else exit 2. */
static int check_args(const char *cmd, int argc, char **argv, const char *const *with_value, const char *const *flags)
{
	for (int i = 1; i < argc; i++) {
		int ok = 0;
		for (int k = 0; with_value && with_value[k]; k++)
			if (!strcmp(argv[i], with_value[k])) {
				if (i + 1 >= argc)
					return cli_usage_error(cmd, "%s needs a value", argv[i]);
				i++, ok = 1;
				break;
			}
		for (int k = 0; !ok && flags && flags[k]; k++)
			if (!strcmp(argv[i], flags[k]))
				ok = 1;
		if (!ok)
			return cli_usage_error(cmd, "unknown argument '%s'", argv[i]);
	}
	return 0;
}

db *cli_open_db(const char *cmd, const char *uri)
{
	char err[512];
	db *d = NULL;
	if (sodium_init() < 0) {
		fprintf(stderr, "zhijian %s: libsodium failed to initialise\n", cmd);
		return NULL;
	}
	if (db_open(uri, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "zhijian %s: %s\n", cmd, err);
		return NULL;
	}
	modules_register();
	cli_audit_setup(uri);
	return d;
}

/* The audit key: created with the database (0600, beside it); at the
 * upgrade to migration 008 the records written before chains are sealed
 * into the chain 'legacy'. */
static int init_audit(zj_ctx *c, int64_t had_version)
{
	char err[1200];
	const char *kp = cli_audit_key_path();
	if (!audit_key_loaded()) {
		if (access(kp, F_OK) == 0) {
			fprintf(stderr,
				"zhijian init: the audit key %s exists but cannot be used; it is never replaced (docs/operations.md)\n",
				kp);
			return 1;
		}
		if (audit_key_create(kp, err, sizeof err) != AUDIT_KEY_OK) {
			fprintf(stderr, "zhijian init: %s\n", err);
			return 1;
		}
		printf("audit key: created %s (mode 0600); keep a copy apart from the database and its backups\n", kp);
	}
	if (had_version < 8 &&
	    db_query_int(c->db, "SELECT COUNT(*) FROM audit_log WHERE chain IS NULL", 0, NULL, 0) > 0) {
		int64_t n;
		int intact;
		if (audit_seal_legacy(c, &n, &intact, err, sizeof err) != DB_OK) {
			fprintf(stderr, "zhijian init: %s\n", err);
			return 1;
		}
		printf("audit: %s\n", err);
	}
	return 0;
}

int cmd_init(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian init --db DB [--admin-password P] [--demo [--demo-password P]]\n"
		     "Creates or upgrades the schema (numbered migrations, each once), seeds reference data\n"
		     "and the system administrator 'admin'. Without --admin-password a password is generated\n"
		     "and printed once. --demo adds the Baotou demo: one user per role and 300 enterprises.\n"
		     "Creates the audit key (--audit-key F, default DB.auditkey; PostgreSQL: ./zhijian.auditkey) if\n"
		     "absent and writes the first audit checkpoint (docs/operations.md).");
		return 0;
	}
	static const char *const wv[] = {"--db", "--admin-password", "--demo-password", NULL}, *const fl[] = {"--demo",
													      NULL};
	int rc = check_args("init", argc, argv, wv, fl);
	if (rc)
		return rc;
	const char *uri = opt(argc, argv, "--db");
	if (!uri)
		return cli_usage_error("init", "--db DB is required");
	const char *apw = opt(argc, argv, "--admin-password"), *dpw = opt(argc, argv, "--demo-password");
	int demo = has_flag(argc, argv, "--demo");
	if (dpw && !demo)
		return cli_usage_error("init", "--demo-password needs --demo");
	zj_ctx c;
	ctx_init(&c, NULL);
	json_t *errs = json_array();
	if (apw && auth_password_policy(&c, "admin", apw, "admin-password", errs)) {
		fprintf(stderr, "zhijian init: --admin-password: %s\n",
			json_string_value(json_object_get(json_array_get(errs, 0), "message")));
		json_decref(errs);
		return 1;
	}
	if (dpw && auth_password_policy(&c, "", dpw, "demo-password", errs)) {
		fprintf(stderr, "zhijian init: --demo-password: %s\n",
			json_string_value(json_object_get(json_array_get(errs, 0), "message")));
		json_decref(errs);
		return 1;
	}
	json_decref(errs);
	db *d = cli_open_db("init", uri);
	if (!d)
		return 1;
	c.db = d;
	int applied;
	char err[1200];
	int64_t had = db_query_int(d, "SELECT MAX(version) FROM schema_migrations", 0, NULL, 0);
	if (migrate_apply(d, &applied, err, sizeof err) != 0) {
		fprintf(stderr, "zhijian init: %s\n", err);
		db_close(d);
		return 1;
	}
	if (init_audit(&c, had) != 0) {
		db_close(d);
		return 1;
	}
	long long in_default; /* PostgreSQL: this month's partitions and the next ones (core/partitions.c) */
	if (partitions_create_ahead(d, c.now, NULL, &in_default) != DB_OK) {
		fprintf(stderr, "zhijian init: cannot make the partitions ahead: %s\n", db_errmsg(d));
		db_close(d);
		return 1;
	}
	if (db_begin(d) != DB_OK || org_seed(&c) != DB_OK || db_commit(d) != DB_OK) {
		fprintf(stderr, "zhijian init: seeding reference data failed: %s\n", db_errmsg(d));
		db_rollback(d);
		db_close(d);
		return 1;
	}
	printf("schema: %d migration(s) applied\n", applied);
	if (db_query_int(d, "SELECT COUNT(*) FROM users WHERE username = 'admin'", 0, NULL, 0) == 0) {
		char pw[64];
		if (apw)
			snprintf(pw, sizeof pw, "%s", apw);
		else {
			unsigned char rnd[12];
			randombytes_buf(rnd, sizeof rnd);
			sodium_bin2base64(pw, sizeof pw, rnd, sizeof rnd, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
			size_t used = strlen(pw);
			snprintf(pw + used, sizeof pw - used, "#7a");
		}
		char h[crypto_pwhash_STRBYTES];
		auth_hash_password(pw, h);
		const char *p[] = {c.now, h, apw ? "0" : "1"};
		if (db_run(d,
			   "INSERT INTO users (created_at, username, name, unit_id, jurisdiction_id, password_hash, must_change_password, roles, owner_unit_id)"
			   " SELECT ?, 'admin', '系统管理员', u.id, u.jurisdiction_id, ?, ?, 'sysadmin', u.id FROM units u WHERE u.code = 'BTQTS'",
			   3, p) != DB_OK) {
			fprintf(stderr, "zhijian init: cannot create admin: %s\n", db_errmsg(d));
			db_close(d);
			return 1;
		}
		audit_append(&c, "init", "users", 0, NULL, NULL);
		if (apw)
			printf("admin: created with the given password\n");
		else
			printf("admin: created; password (shown once, change it at first sign-in): %s\n", pw);
	}
	if (demo) {
		if (db_query_int(d, "SELECT COUNT(*) FROM users WHERE username = 'director'", 0, NULL, 0) > 0)
			printf("demo: already loaded\n");
		else if (demo_load(&c, dpw, stdout) != 0) {
			fprintf(stderr, "zhijian init: demo data failed\n");
			db_close(d);
			return 1;
		} else
			printf("demo: Baotou jurisdictions, units, %d users and %lld enterprises loaded\n",
			       (int)db_query_int(d, "SELECT COUNT(*) FROM users", 0, NULL, 0),
			       (long long)db_query_int(d, "SELECT COUNT(*) FROM enterprises", 0, NULL, 0));
	}
	/* the admin and the demo users were inserted with role lists: membership is the join table */
	if (duty_sync_from_lists(d) != DB_OK) {
		fprintf(stderr, "zhijian init: cannot record role membership: %s\n", db_errmsg(d));
		db_close(d);
		return 1;
	}
	/* demo rows of other months than the clock's get their partitions too */
	if (partitions_create_ahead(d, c.now, NULL, &in_default) != DB_OK) {
		fprintf(stderr, "zhijian init: cannot make the partitions: %s\n", db_errmsg(d));
		db_close(d);
		return 1;
	}
	/* the first anchor of the chains, outside the database */
	char msg[700];
	rc = audit_checkpoint(d, audit_checkpoint_path(), c.now, NULL, msg, sizeof msg);
	db_close(d);
	return rc ? 1 : 0; /* the checkpoint's line is on stderr (the operations log) */
}

int cmd_serve(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian serve --db DB [--listen 127.0.0.1:8080] [--threads N] [--tls-cert F --tls-key F] [--web DIR]\n"
		     "                     [--checkpoint-minutes 10] [--audit-key F] [--audit-checkpoints F]\n"
		     "                     [--risk-webhook URL]\n"
		     "                     [--read-db postgresql://REPLICA [--read-threads N] [--read-max-lag-ms 5000]]\n"
		     "--read-db: lists, reports, widgets and exports that write nothing are read from a streaming\n"
		     "replica while its lag is within the bound; everything else, and a session that has just written,\n"
		     "uses --db (PostgreSQL only).\n"
		     "Serves /api/v1, /healthz, /metrics and the console (web/dist). SIGTERM drains in-flight requests.\n"
		     "Needs the database's audit key; anchors the audit chains in the checkpoint file every N minutes and at the stop.\n"
		     "--risk-webhook URL: red and orange risk warnings are POSTed there as JSON (docs/risk.md).");
		return 0;
	}
	static const char *const wv[] = {"--db",
					 "--listen",
					 "--threads",
					 "--tls-cert",
					 "--tls-key",
					 "--web",
					 "--checkpoint-minutes",
					 "--read-db",
					 "--read-threads",
					 "--read-max-lag-ms",
					 "--risk-webhook",
					 NULL};
	int rc = check_args("serve", argc, argv, wv, NULL);
	if (rc)
		return rc;
	server_opts o = {.db_uri = opt(argc, argv, "--db"),
			 .listen = opt(argc, argv, "--listen"),
			 .tls_cert = opt(argc, argv, "--tls-cert"),
			 .tls_key = opt(argc, argv, "--tls-key"),
			 .web_root = opt(argc, argv, "--web")};
	if (!o.db_uri)
		return cli_usage_error("serve", "--db DB is required");
	if (!!o.tls_cert != !!o.tls_key)
		return cli_usage_error("serve", "--tls-cert and --tls-key go together");
	const char *cpm = opt(argc, argv, "--checkpoint-minutes");
	if (cpm) {
		if (!num_parse(cpm, 1, 1440, &(long long){0}))
			return cli_usage_error("serve", "--checkpoint-minutes must be 1..1440");
		setenv("ZJ_AUDIT_CHECKPOINT_MINUTES", cpm, 1);
	}
	/* the risk area's webhook reads it from the environment, as the audit options are read */
	const char *hook = opt(argc, argv, "--risk-webhook");
	if (hook) {
		if (strncmp(hook, "http://", 7) && strncmp(hook, "https://", 8))
			return cli_usage_error("serve", "--risk-webhook must be an http:// or https:// URL");
		setenv("ZJ_RISK_WEBHOOK", hook, 1);
	}
	o.read_db = opt(argc, argv, "--read-db");
	if (o.read_db) {
		int pg = !strncmp(o.db_uri, "postgresql://", 13) || !strncmp(o.db_uri, "postgres://", 11);
		int rpg = !strncmp(o.read_db, "postgresql://", 13) || !strncmp(o.read_db, "postgres://", 11);
		if (!pg || !rpg)
			return cli_usage_error("serve",
					       "--read-db needs PostgreSQL for --db and for the replica (a "
					       "streaming replica of the primary); a SQLite database has no replica");
		const char *rt = opt(argc, argv, "--read-threads"), *ml = opt(argc, argv, "--read-max-lag-ms");
		o.read_threads = rt ? (int)num_or(rt, 1, 1024, 0) : 0;
		o.read_max_lag_ms = ml ? (int)num_or(ml, 1, 3600000, 0) : 5000;
		if ((rt && !o.read_threads) || (ml && !o.read_max_lag_ms))
			return cli_usage_error("serve", "--read-threads must be 1..1024, --read-max-lag-ms 1..3600000");
	} else if (opt(argc, argv, "--read-threads") || opt(argc, argv, "--read-max-lag-ms"))
		return cli_usage_error("serve", "--read-threads and --read-max-lag-ms go with --read-db");
	const char *th = opt(argc, argv, "--threads");
	o.threads = th ? (int)num_or(th, 1, 256, 0) : 4;
	if (o.threads < 1)
		return cli_usage_error("serve", "--threads must be 1..256");
	if (!o.web_root) {
		/* the console next to the binary (build/zhijian → web/dist), else ./web/dist */
		static char path[1024];
		char exe[900];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n > 0) {
			exe[n] = 0;
			char *slash = strrchr(exe, '/');
			if (slash)
				*slash = 0;
			snprintf(path, sizeof path, "%s/../web/dist", exe);
			if (access(path, R_OK) == 0)
				o.web_root = path;
		}
		if (!o.web_root)
			o.web_root = "web/dist";
	}
	db *d = cli_open_db("serve", o.db_uri);
	if (!d)
		return 1;
	if (!audit_key_loaded()) {
		fprintf(stderr,
			"zhijian serve: no audit key at %s: restore it from its safe copy (docs/operations.md);"
			" a database without one gets one from: zhijian init --db %s\n",
			cli_audit_key_path(), o.db_uri);
		db_close(d);
		return 1;
	}
	int64_t n = db_query_int(d, "SELECT COUNT(*) FROM schema_migrations", 0, NULL, -1);
	int64_t have = db_query_int(d, "SELECT MAX(version) FROM schema_migrations", 0, NULL, 0);
	db_close(d);
	if (n <= 0) {
		fprintf(stderr, "zhijian serve: %s has no schema; run: zhijian init --db %s\n", o.db_uri, o.db_uri);
		return 1;
	}
	int want = 0;
	for (const migration *m = zj_migrations; m->sql; m++)
		want = m->number > want ? m->number : want;
	if (have < want) {
		fprintf(stderr,
			"zhijian serve: %s is at schema %lld, this program needs %d; upgrade it first: zhijian init --db %s\n",
			o.db_uri, (long long)have, want, o.db_uri);
		return 1;
	}
	rc = server_run(&o);
	if (rc == 0) {
		/* the last anchor: everything written up to the stop */
		char err[512], now[32], msg[700];
		clock_now(now);
		if (db_open(o.db_uri, &d, err, sizeof err) == DB_OK) {
			audit_checkpoint(d, audit_checkpoint_path(), now, NULL, msg, sizeof msg);
			db_close(d);
		}
	}
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian backup --db DB OUT\n"
		     "Online, consistent copy of a SQLite database (the server may keep running),\n"
		     "stored files included (they are rows of the database).\n"
		     "Restore: stop the server, replace the database file with the copy, start again.\n"
		     "For PostgreSQL use pg_dump / pg_basebackup (docs/operations.md).");
		return 0;
	}
	const char *uri = cli_config_get("--db"), *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			uri = argv[++i];
		else if (argv[i][0] == '-')
			return cli_usage_error("backup", "unknown argument '%s'", argv[i]);
		else if (!out)
			out = argv[i];
		else
			return cli_usage_error("backup", "only one OUT file");
	}
	if (!uri || !out)
		return cli_usage_error("backup", "--db DB and OUT are required");
	if (access(out, F_OK) == 0) {
		fprintf(stderr, "zhijian backup: %s exists; refusing to overwrite\n", out);
		return 1;
	}
	db *d = cli_open_db("backup", uri);
	if (!d)
		return 1;
	if (!d->drv->backup) {
		fprintf(stderr, "zhijian backup: use pg_dump for PostgreSQL (docs/operations.md)\n");
		db_close(d);
		return 1;
	}
	char err[512];
	int rc = d->drv->backup(d, out, err, sizeof err);
	db_close(d);
	if (rc != DB_OK) {
		fprintf(stderr, "zhijian backup: %s\n", err);
		unlink(out);
		return 1;
	}
	printf("backup written to %s\n", out);
	return 0;
}

/* A table as the schema has it (db_driver.describe). */
typedef struct tinfo {
	struct tcol {
		char name[64], ref[64];
		int notnull, has_default, seen;
	} cols[160];
	int n;
	char uniq[32][256]; /* unique indexes: columns comma-joined */
	int nuniq;
} tinfo;

static void on_col(void *ud, const db_column_info *c)
{
	tinfo *t = ud;
	if (t->n == (int)(sizeof t->cols / sizeof t->cols[0]))
		return;
	struct tcol *o = &t->cols[t->n++];
	snprintf(o->name, sizeof o->name, "%s", c->name);
	snprintf(o->ref, sizeof o->ref, "%s", c->ref_table ? c->ref_table : "");
	o->notnull = c->notnull, o->has_default = c->has_default, o->seen = 0;
}

static void on_uniq(void *ud, const char *cols)
{
	tinfo *t = ud;
	if (t->nuniq < (int)(sizeof t->uniq / sizeof t->uniq[0]))
		snprintf(t->uniq[t->nuniq++], sizeof t->uniq[0], "%s", cols);
}

static struct tcol *find_col(tinfo *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->cols[i].name, name))
			return &t->cols[i];
	return NULL;
}

static int has_uniq(const tinfo *t, const char *cols)
{
	for (int i = 0; i < t->nuniq; i++)
		if (!strcmp(t->uniq[i], cols))
			return 1;
	return 0;
}

/* Known gaps that no portable migration can close: SQLite cannot add a
 * foreign key or NOT NULL to an existing column (ALTER TABLE has neither),
 * and rebuilding a table would reset PostgreSQL's id sequence. The core
 * enforces each of these (references are checked on every write, required
 * fields refused when absent); the schema catches up when these tables are
 * next rebuilt. A waiver that no longer applies is itself a mismatch. */
static struct waiver {
	const char *table, *column, *kind;
	int used;
} waivers[] = {
	{"enterprises", "kinds", "nullable"},
	{"complaints", "jurisdiction_id", "nullable"},
	{"samples", "publication_id", "fk"},
	{"complaints", "linked_id", "fk"},
	{"complaints", "case_id", "fk"},
	{"case_evidence", "jurisdiction_id", "fk"},
	{"case_inquiries", "jurisdiction_id", "fk"},
	{"case_measures", "jurisdiction_id", "fk"},
	{"case_periods", "jurisdiction_id", "fk"},
	{"case_extensions", "jurisdiction_id", "fk"},
	{"consultations", "jurisdiction_id", "fk"},
	{"consultation_opinions", "case_id", "fk"},
	{"consultation_opinions", "jurisdiction_id", "fk"},
	{"case_referrals", "consultation_id", "fk"},
	{"case_referrals", "jurisdiction_id", "fk"},
	{"report_rewards", "jurisdiction_id", "fk"},
};

static int waived(const char *table, const char *column, const char *kind)
{
	for (size_t i = 0; i < sizeof waivers / sizeof *waivers; i++)
		if (!strcmp(waivers[i].table, table) && !strcmp(waivers[i].column, column) &&
		    !strcmp(waivers[i].kind, kind))
			return waivers[i].used = 1;
	return 0;
}

#define MISMATCH(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), bad++)

/* The declaration against the schema of one entity's table; returns the
 * number of mismatches (each printed to stderr). */
static int check_entity(db *d, const entity_def *e, int *checked)
{
	tinfo *t = calloc(1, sizeof *t);
	int bad = 0;
	if (!t || d->drv->describe(d, e->table, &(db_schema_cb){on_col, on_uniq}, t) != DB_OK || t->n == 0) {
		free(t);
		fprintf(stderr, "missing: table %s (declared by %s)\n", e->table, e->name);
		return 1;
	}
	for (int k = 0; k < entity_nsys_columns; k++, (*checked)++) {
		const sys_column *sc = &entity_sys_columns[k];
		struct tcol *c = find_col(t, sc->name);
		if (c)
			c->seen = 1;
		if (!c)
			MISMATCH("missing: %s.%s (system column)", e->table, sc->name);
		else if (sc->required && !c->notnull)
			MISMATCH("nullable: %s.%s (system column, NOT NULL)", e->table, sc->name);
	}
	if (workflow_stores_state(e)) {
		struct tcol *c = find_col(t, "state");
		if (!c)
			MISMATCH("missing: %s.state (workflow)", e->table);
		else
			c->seen = 1;
	}
	for (int j = 0; j < e->nfields; j++, (*checked)++) {
		const field_def *f = &e->fields[j];
		struct tcol *c = find_col(t, f->name);
		if (!c) {
			MISMATCH("missing: %s.%s (declared by %s)", e->table, f->name, e->name);
			continue;
		}
		c->seen = 1;
		int required = !!(f->flags & F_REQUIRED);
		/* A required field is NOT NULL; a NOT NULL column without a default
		 * is required (else a create without it fails in the database). */
		if (required && !c->notnull && !waived(e->table, f->name, "nullable"))
			MISMATCH("nullable: %s.%s is required by %s but the column allows NULL", e->table, f->name,
				 e->name);
		if (!required && c->notnull && !c->has_default && !(f->flags & (F_FILLED | F_READONLY)) &&
		    !waived(e->table, f->name, "notnull"))
			MISMATCH("not null: %s.%s is NOT NULL without a default but %s does not require it", e->table,
				 f->name, e->name);
		int uniq = has_uniq(t, f->name);
		if ((f->flags & F_UNIQUE) && !uniq)
			MISMATCH("no unique index: %s.%s is unique in %s", e->table, f->name, e->name);
		if (!(f->flags & F_UNIQUE) && uniq)
			MISMATCH("unique index: %s.%s is unique in the schema but not in %s", e->table, f->name,
				 e->name);
		const entity_def *re = f->type == FT_REF ? registry_find(f->ref) : NULL;
		if (re && strcmp(c->ref, re->table) && !(!c->ref[0] && waived(e->table, f->name, "fk")))
			MISMATCH("foreign key: %s.%s references %s in %s, the schema %s%s", e->table, f->name,
				 re->table, e->name, c->ref[0] ? "references " : "has no foreign key", c->ref);
		if (!re && c->ref[0])
			MISMATCH("foreign key: %s.%s references %s in the schema, %s declares no reference", e->table,
				 f->name, c->ref, e->name);
	}
	for (int i = 0; i < t->n; i++)
		if (!t->cols[i].seen && !clist_has(e->internal, t->cols[i].name))
			MISMATCH("unknown: %s.%s is not declared by %s", e->table, t->cols[i].name, e->name);
	free(t);
	return bad;
}

/* Every declared field, system column and workflow state exists in the
 * schema and agrees with it (required = NOT NULL, unique = a unique index,
 * reference = a foreign key), and every column is declared: the proof
 * DESIGN.md §2 asks for, run on both backends by the tests. */
int cmd_schema_check(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: zhijian schema-check --db DB\n"
		     "Checks every entity's declaration against its table: each declared field and system column exists,\n"
		     "required fields are NOT NULL (and NOT NULL columns without a default are required), unique fields\n"
		     "have a unique index, references have a foreign key to the referenced table, and no column is undeclared.");
		return 0;
	}
	static const char *const wv[] = {"--db", NULL};
	int rc = check_args("schema-check", argc, argv, wv, NULL);
	if (rc)
		return rc;
	const char *uri = opt(argc, argv, "--db");
	if (!uri)
		return cli_usage_error("schema-check", "--db DB is required");
	db *d = cli_open_db("schema-check", uri);
	if (!d)
		return 1;
	int bad = 0, checked = 0;
	for (int i = 0; i < registry_count(); i++)
		bad += check_entity(d, registry_at(i), &checked);
	db_close(d);
	for (size_t i = 0; i < sizeof waivers / sizeof *waivers; i++)
		if (!waivers[i].used)
			fprintf(stderr, "stale waiver: %s.%s (%s) now matches; remove it from cmd_db.c\n",
				waivers[i].table, waivers[i].column, waivers[i].kind),
				bad++;
	if (bad) {
		fprintf(stderr, "zhijian schema-check: %d mismatch(es) between the declarations and the schema\n", bad);
		return 1;
	}
	printf("schema matches declarations: %d entities, %d columns checked\n", registry_count(), checked);
	return 0;
}
