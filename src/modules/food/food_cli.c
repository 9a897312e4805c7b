/* food_cli.c — `zhijian limit FOOD ANALYTE [--on DATE] [--db DB]`: the
 * limit that applies to a food and a test item on a date (DOMAIN.md §2.0:
 * the most specific limit in force up the food's categories, exclusions
 * honoured), with its standard, edition and clause; or that there is none.
 * Without --db it answers from the shipped tables; with --db from the
 * database's edited tables. Exit 0 with the limit, 3 when there is none (a
 * person decides), 2 on bad input (arguments, an unknown or ambiguous name). */
#include "cli/cli.h"
#include "core/ctx.h"
#include "modules/food/food.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char limit_help[] =
	"usage: zhijian limit FOOD ANALYTE [--on YYYY-MM-DD] [--db DB]\n"
	"Prints the limit that applies to FOOD and ANALYTE on the date (default today):\n"
	"comparator, value, unit, then the standard, edition and clause, e.g.\n"
	"  zhijian limit 大米 铅 --on 2025-06-01\n"
	"  ≤0.2 mg/kg GB 2762-2022 4.1 表1 (set for 谷物及其制品; basis edible; in force 2023-06-30 to 2026-09-01;\n"
	"  full-value comparison)\n"
	"FOOD and ANALYTE are names, aliases or codes (小油菜, 铅(以Pb计), pb). The limit is the most\n"
	"specific one in force up the food's categories, exclusions honoured (GB 2762 §3.3).\n"
	"Without --db the shipped tables answer; with --db the database's edited tables.\n"
	"A name that could mean several categories (虾: 海水虾, 虾蛄, 小龙虾) is not narrowed:\n"
	"the candidates are listed and nothing is looked up.\n"
	"Exit codes:\n"
	"  0  a limit applies: printed as above\n"
	"  1  the database could not be read\n"
	"  2  bad input: bad arguments, an unknown or ambiguous name (candidates on stderr)\n"
	"  3  no applicable limit (none, excluded, not in force on the date) or two rows\n"
	"     equally specific: the reason is printed; an item judged here needs a person\n";

static int answer(const food_refset *rs, const char *food_s, const char *item_s, const char *on)
{
	const food_cat *food = NULL, *cand[FOOD_MAX_CANDIDATES];
	int nc = 0;
	if (food_resolve_food(rs, food_s, &food, cand, FOOD_MAX_CANDIDATES, &nc) == FR_AMBIGUOUS) {
		char names[800];
		food_candidates_text(cand, nc, names, sizeof names);
		fprintf(stderr, "zhijian limit: '%s' may mean several categories; choose one: %s\n", food_s, names);
		return 2;
	}
	if (!food) {
		fprintf(stderr,
			"zhijian limit: unknown food '%s' (try a name, alias or code of the food classification)\n",
			food_s);
		return 2;
	}
	const food_analyte *an = food_find_analyte(rs, item_s);
	if (!an) {
		fprintf(stderr, "zhijian limit: unknown test item '%s' (try a name, alias or code, e.g. 铅, Pb, pb)\n",
			item_s);
		return 2;
	}
	food_lookup lk;
	int o = food_limit_lookup(rs, food->id, an->id, on, &lk);
	if (o != FL_FOUND && o != FL_AMBIGUOUS) {
		printf("no applicable limit for %s / %s on %s: %s\n", food->name, an->name, on, lk.reason_en);
		return 3;
	}
	const food_limit *l = lk.limit;
	const food_cat *set = food_cat_by_id(rs, l->category);
	char text[96];
	food_limit_text(l, text, sizeof text);
	int nd = !strcmp(l->comparator, "nd");
	printf("%s %s %s-%s %s (set for %s%s%s; in force %s to %s; %s comparison)%s\n", nd ? "ND" : text,
	       nd ? text : l->unit, l->standard, l->edition, l->clause ? l->clause : "", set ? set->name : "?",
	       l->basis ? "; basis " : "", l->basis ? l->basis : "", l->from, l->to ? l->to : "now",
	       l->method && !strcmp(l->method, "rounded") ? "rounded-value" : "full-value",
	       l->status && !strcmp(l->status, "U") ? " 限量依据待核实 (basis to be verified; a person decides)" : "");
	if (o == FL_AMBIGUOUS) {
		food_limit_text(lk.other, text, sizeof text);
		printf("ambiguous: %s %s %s-%s is equally specific and in force; a person decides\n", text,
		       lk.other->unit, lk.other->standard, lk.other->edition);
		return 3;
	}
	return 0;
}

int cmd_limit(int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(limit_help, stdout);
		return 0;
	}
	const char *pos[2] = {NULL, NULL}, *on = NULL, *uri = NULL;
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--on") || !strcmp(argv[i], "--db")) {
			if (i + 1 >= argc)
				return cli_usage_error("limit", "%s needs a value", argv[i]);
			*(!strcmp(argv[i], "--on") ? &on : &uri) = argv[i + 1];
			i++;
		} else if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage_error("limit", "unknown option '%s'", argv[i]);
		else if (npos < 2)
			pos[npos++] = argv[i];
		else
			return cli_usage_error("limit", "too many arguments");
	}
	if (npos != 2)
		return cli_usage_error("limit", "FOOD and ANALYTE are required");
	char today[11];
	date_days d;
	if (on && date_parse(on, &d) != DATE_OK)
		return cli_usage_error("limit", "--on must be a date YYYY-MM-DD, got '%s'", on);
	if (!on) {
		clock_today(today);
		on = today;
	}
	food_refset *rs = NULL;
	db *conn = NULL;
	if (uri && strncmp(uri, "postgres", 8) && access(!strncmp(uri, "sqlite:", 7) ? uri + 7 : uri, R_OK) != 0) {
		fprintf(stderr, "zhijian limit: no database file %s\n", uri);
		return 1;
	}
	if (uri) {
		char err[256];
		if (db_open(uri, &conn, err, sizeof err) != DB_OK) {
			fprintf(stderr, "zhijian limit: %s\n", err);
			return 1;
		}
		rs = food_refset_load(conn);
		if (!rs)
			fprintf(stderr, "zhijian limit: %s has no food reference tables (run zhijian init)\n", uri);
	} else
		rs = food_refset_builtin();
	int rc = rs ? answer(rs, pos[0], pos[1], on) : 1;
	food_refset_free(rs);
	if (conn)
		db_close(conn);
	return rc;
}
